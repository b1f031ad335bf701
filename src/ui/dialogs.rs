//! Modal dialogs: unsaved changes, errors, and the help sheet.

use eframe::egui::{self, Id, RichText};

use std::path::Path;

use super::primer::primer_ui;
use crate::export::plural;
use crate::ui::command::{BOARD_KEYS, Command, EDIT_MENU, FILE_MENU, PRESENTATION_KEYS, VIEW_MENU};

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

/// Asks whether an imported CSV file is added to the open portfolio or
/// starts a new one. `Some(Some(append))` once chosen, `Some(None)` when
/// cancelled, `None` while waiting.
#[must_use]
pub fn import_choice_ui(ctx: &egui::Context, path: &Path, portfolio: &str) -> Option<Option<bool>> {
    let mut choice = None;
    let modal = egui::Modal::new(Id::unique("import choice")).show(ctx, |ui| {
        ui.set_max_width(460.0);
        ui.heading("Import capabilities");
        let name = crate::io::file_name(path);
        ui.label(format!(
            "Add the capabilities in {name} to {portfolio}, or start a new portfolio with them?"
        ));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui
                .button(RichText::new("Add to this portfolio").strong())
                .clicked()
            {
                choice = Some(Some(true));
            }
            if ui.button("New portfolio").clicked() {
                choice = Some(Some(false));
            }
            if ui.button("Cancel").clicked() {
                choice = Some(None);
            }
        });
    });
    if modal.should_close() && choice.is_none() {
        choice = Some(None);
    }
    choice
}

/// The answer to "the file changed on disk since you opened it".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OverwriteChoice {
    /// Save over the other version.
    Overwrite,
    /// Save somewhere else.
    SaveAs,
    /// Do not save now.
    Cancel,
}

/// Asks before saving over a file someone else changed.
#[must_use]
pub fn overwrite_ui(ctx: &egui::Context, path: &Path) -> Option<OverwriteChoice> {
    let mut choice = None;
    let modal = egui::Modal::new(Id::unique("overwrite")).show(ctx, |ui| {
        ui.set_max_width(480.0);
        ui.heading("The file changed on disk");
        ui.label(format!(
            "{} was changed by someone or something else since you opened it. Saving now \
             replaces that version (it is kept as .bak).",
            path.display()
        ));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Overwrite").clicked() {
                choice = Some(OverwriteChoice::Overwrite);
            }
            if ui.button(RichText::new("Save As…").strong()).clicked() {
                choice = Some(OverwriteChoice::SaveAs);
            }
            if ui.button("Cancel").clicked() {
                choice = Some(OverwriteChoice::Cancel);
            }
        });
    });
    if modal.should_close() && choice.is_none() {
        choice = Some(OverwriteChoice::Cancel);
    }
    choice
}

/// Offers to restore work that was never saved (the app closed or
/// crashed). `Some(true)` restores, `Some(false)` discards.
#[must_use]
pub fn restore_ui(ctx: &egui::Context, name: &str, capabilities: usize) -> Option<bool> {
    let mut choice = None;
    egui::Modal::new(Id::unique("restore")).show(ctx, |ui| {
        ui.set_max_width(460.0);
        ui.heading("Restore unsaved work?");
        ui.label(format!(
            "capmap closed before changes to {name} ({}) were saved. \
             Restore them? You can then save them where you like.",
            plural(capabilities, "capability", "capabilities")
        ));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button(RichText::new("Restore").strong()).clicked() {
                choice = Some(true);
            }
            if ui.button("Discard them").clicked() {
                choice = Some(false);
            }
        });
    });
    choice
}

/// Says which file is being opened while it is read on another thread,
/// and keeps the window behind it from taking input meanwhile.
pub fn opening_ui(ctx: &egui::Context, name: &str, megabytes: f64, seconds: f64) {
    egui::Modal::new(Id::unique("opening")).show(ctx, |ui| {
        ui.set_max_width(460.0);
        ui.horizontal(|ui| {
            ui.spinner();
            ui.heading(format!("Opening {name}…"));
        });
        ui.label(format!(
            "{megabytes:.0} MB, {seconds:.0} s so far. The portfolio that was open stays \
             open until this one is read."
        ));
    });
}

/// Where the help window remembers whether it shows the primer (true) or
/// the keys (false).
#[must_use]
pub fn help_tab_id() -> Id {
    Id::unique("capmap help tab")
}

/// The help window: the framework primer, and every shortcut generated
/// from the command lists. Returns false when closed.
#[must_use]
pub fn help_ui(ctx: &egui::Context) -> bool {
    let mut open = true;
    let mut primer = ctx
        .data(|d| d.get_temp::<bool>(help_tab_id()))
        .unwrap_or(false);
    egui::Window::new("Help")
        .open(&mut open)
        .default_width(560.0)
        .default_height(600.0)
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                ui.selectable_value(&mut primer, true, "Framework primer");
                ui.selectable_value(&mut primer, false, "Keyboard");
            });
            ui.separator();
            if primer {
                egui::ScrollArea::vertical().show(ui, |ui| primer_ui(ui, 14.0));
            } else {
                egui::ScrollArea::vertical().show(ui, keys_ui);
            }
        });
    ctx.data_mut(|d| d.insert_temp(help_tab_id(), primer));
    open
}

/// Every shortcut, generated from the command lists so it never goes stale.
fn keys_ui(ui: &mut egui::Ui) {
    ui.label(RichText::new("Quick scoring").strong());
    ui.label(
        "Select a card, press a zone key, then type the four scores in the order the \
         questions are read: reuse, cost, risk, differentiation. C 5 4 5 1 puts the card in \
         Commodity and scores it in five keystrokes. Backspace takes back the last score; \
         the arrow keys move to the next card; A accepts the recommendation.",
    );
    ui.add_space(6.0);
    let help = [Command::ShowHelp];
    let sections: [(&str, Vec<&Command>); 2] = [
        (
            "Editing",
            FILE_MENU
                .iter()
                .chain(EDIT_MENU)
                .chain(VIEW_MENU)
                .chain(BOARD_KEYS)
                .chain(&help)
                .collect(),
        ),
        ("Presenting", PRESENTATION_KEYS.iter().collect()),
    ];
    for (title, commands) in sections {
        ui.label(RichText::new(title).strong());
        egui::Grid::new(("shortcuts", title))
            .striped(true)
            .show(ui, |ui| {
                for command in commands {
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
                if title == "Editing" {
                    ui.label(RichText::new("Drag").monospace());
                    ui.label("Move a card to another zone or place; right-click for Move to…");
                    ui.end_row();
                    ui.label(RichText::new("Drop a .ron file").monospace());
                    ui.label("Open it");
                    ui.end_row();
                }
            });
        ui.add_space(6.0);
    }
}
