//! Modal dialogs: unsaved changes, errors, and the help sheet.

use eframe::egui::{self, Id, RichText};

use crate::app::{BOARD_KEYS, Command, EDIT_MENU, FILE_MENU};

/// The answer to "save changes first?".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnsavedChoice {
    /// Save, then go on.
    Save,
    /// Throw the changes away and go on.
    Discard,
    /// Do nothing.
    Cancel,
}

/// Asks whether to save changes to `name` before `action` ("opening another
/// file"…). Returns the choice once made.
#[must_use]
pub fn unsaved_changes_ui(ctx: &egui::Context, name: &str, action: &str) -> Option<UnsavedChoice> {
    let mut choice = None;
    let modal = egui::Modal::new(Id::unique("unsaved changes")).show(ctx, |ui| {
        ui.set_max_width(420.0);
        ui.heading("Save your changes?");
        ui.label(format!(
            "{name} has changes that are not saved. Save them before {action}?"
        ));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button(RichText::new("Save").strong()).clicked() {
                choice = Some(UnsavedChoice::Save);
            }
            if ui.button("Discard").clicked() {
                choice = Some(UnsavedChoice::Discard);
            }
            if ui.button("Cancel").clicked() {
                choice = Some(UnsavedChoice::Cancel);
            }
        });
    });
    if modal.should_close() && choice.is_none() {
        choice = Some(UnsavedChoice::Cancel);
    }
    choice
}

/// Shows an error until it is dismissed; returns true when dismissed.
#[must_use]
pub fn error_ui(ctx: &egui::Context, title: &str, message: &str) -> bool {
    let mut dismissed = false;
    let modal = egui::Modal::new(Id::unique("error")).show(ctx, |ui| {
        ui.set_max_width(560.0);
        ui.heading(title);
        egui::ScrollArea::vertical()
            .max_height(300.0)
            .show(ui, |ui| {
                ui.label(RichText::new(message).monospace());
            });
        ui.add_space(8.0);
        if ui.button("OK").clicked() {
            dismissed = true;
        }
    });
    dismissed || modal.should_close()
}

/// The help window: quick scoring explained and every shortcut, generated
/// from the command lists. Returns false when closed.
#[must_use]
pub fn help_ui(ctx: &egui::Context) -> bool {
    let mut open = true;
    egui::Window::new("Keyboard and help")
        .open(&mut open)
        .default_width(460.0)
        .show(ctx, |ui| {
            ui.label(RichText::new("Quick scoring").strong());
            ui.label(
                "Select a card, press a zone key, then type the four scores in the order the \
                 questions are read: reuse, cost, risk, differentiation. C 5 4 5 1 puts the \
                 card in Commodity and scores it in five keystrokes. Backspace takes back the \
                 last score; the arrow keys move to the next card.",
            );
            ui.add_space(6.0);
            egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                let help = [Command::ShowHelp];
                for command in FILE_MENU
                    .iter()
                    .chain(EDIT_MENU)
                    .chain(BOARD_KEYS)
                    .chain(&help)
                {
                    let keys: Vec<String> = command
                        .shortcuts()
                        .iter()
                        .map(|s| ui.ctx().format_shortcut(s))
                        .collect();
                    if keys.is_empty() {
                        continue;
                    }
                    ui.label(RichText::new(keys.join("  or  ")).monospace());
                    ui.label(command.label());
                    ui.end_row();
                }
                ui.label(RichText::new("Drag").monospace());
                ui.label("Move a card to another zone or place; right-click for Move to…");
                ui.end_row();
                ui.label(RichText::new("Drop a .ron file").monospace());
                ui.label("Open it");
                ui.end_row();
            });
        });
    open
}
