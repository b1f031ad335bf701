//! The menu bar, generated from the `Command` lists so menus and shortcuts
//! never disagree.

use std::path::PathBuf;

use eframe::egui::{self, Ui};

use crate::export::LabelMode;
use crate::model::Zone;
use crate::ui::command::{Command, EDIT_MENU, FILE_MENU, VIEW_MENU};
use crate::ui::review::ReviewTab;
use crate::ui::theme::Theme;

/// What the menus need besides the commands.
pub struct MenuState<'a> {
    /// Recently opened files, newest first.
    pub recent: &'a [PathBuf],
    /// Whether the board is shown.
    pub show_board: bool,
    /// Whether the inspector is shown.
    pub show_inspector: bool,
    /// Whether a capability is selected (enables Delete and Move).
    pub has_selection: bool,
    /// The current look.
    pub theme: Theme,
    /// How the chart names its dots.
    pub labels: LabelMode,
    /// Whether every dot shows its vote spread.
    pub vote_spread: bool,
    /// Whether there is something to undo / redo.
    pub can_undo: bool,
    /// See `can_undo`.
    pub can_redo: bool,
}

/// Draws the menu bar and queues what is clicked.
pub fn menu_bar_ui(ui: &mut Ui, state: &MenuState<'_>, commands: &mut Vec<Command>) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            for command in FILE_MENU {
                if *command == Command::Save {
                    recent_menu(ui, state.recent, commands);
                }
                if matches!(command, Command::Quit | Command::ImportCsv) {
                    ui.separator();
                }
                command_button(ui, command, true, commands);
            }
        });
        ui.menu_button("Edit", |ui| {
            for command in EDIT_MENU {
                let enabled = match command {
                    Command::Undo => state.can_undo,
                    Command::Redo => state.can_redo,
                    Command::DeleteCapability => state.has_selection,
                    _ => true,
                };
                command_button(ui, command, enabled, commands);
            }
            ui.separator();
            ui.add_enabled_ui(state.has_selection, |ui| {
                ui.menu_button("Move selected to", |ui| {
                    for zone in Zone::ALL {
                        command_button(ui, &Command::MoveSelectedTo(zone), true, commands);
                    }
                });
            });
        });
        ui.menu_button("View", |ui| {
            for command in VIEW_MENU {
                let shown = match command {
                    Command::ToggleBoard => state.show_board,
                    Command::ToggleInspector => state.show_inspector,
                    Command::ToggleVoteSpread => state.vote_spread,
                    other => {
                        command_button(ui, other, true, commands);
                        if matches!(
                            other,
                            Command::StartPresentation | Command::ShowReview(ReviewTab::Teams)
                        ) {
                            ui.separator();
                        }
                        continue;
                    }
                };
                let shortcut = command
                    .shortcuts()
                    .first()
                    .map(|s| ui.ctx().format_shortcut(s))
                    .unwrap_or_default();
                let text = if shown { "Hide" } else { "Show" };
                let label = command.label().replacen("Show or hide", text, 1);
                if ui
                    .add(egui::Button::new(label).shortcut_text(shortcut))
                    .clicked()
                {
                    commands.push(command.clone());
                    ui.close();
                }
            }
            ui.separator();
            ui.menu_button("Chart labels", |ui| {
                for mode in LabelMode::ALL {
                    let button = egui::Button::new(mode.label()).selected(mode == state.labels);
                    let hint = match mode {
                        LabelMode::Auto => "Names when every one fits beside its dot, else numbers",
                        LabelMode::Names => {
                            "Names beside the dots; those that do not fit are left out"
                        }
                        LabelMode::Numbers => "Numbers on the chart, names in an index beside it",
                    };
                    if ui.add(button).on_hover_text(hint).clicked() {
                        commands.push(Command::SetLabels(mode));
                        ui.close();
                    }
                }
            });
            ui.menu_button("Theme", |ui| {
                for theme in Theme::ALL {
                    let button = egui::Button::new(theme.label()).selected(theme == state.theme);
                    if ui.add(button).clicked() {
                        commands.push(Command::SetTheme(theme));
                        ui.close();
                    }
                }
            });
        });
        ui.menu_button("Help", |ui| {
            command_button(ui, &Command::ShowPrimer, true, commands);
            command_button(ui, &Command::ShowHelp, true, commands);
        });
    });
}

fn recent_menu(ui: &mut Ui, recent: &[PathBuf], commands: &mut Vec<Command>) {
    ui.add_enabled_ui(!recent.is_empty(), |ui| {
        ui.menu_button("Open Recent", |ui| {
            for path in recent {
                let name = crate::io::file_name(path);
                let response = ui.button(name).on_hover_text(path.display().to_string());
                if response.clicked() {
                    commands.push(Command::OpenPath(path.clone()));
                    ui.close();
                }
            }
        });
    });
}

fn command_button(ui: &mut Ui, command: &Command, enabled: bool, commands: &mut Vec<Command>) {
    let shortcut = command
        .shortcuts()
        .first()
        .map(|s| ui.ctx().format_shortcut(s))
        .unwrap_or_default();
    let button = egui::Button::new(command.label()).shortcut_text(shortcut);
    if ui.add_enabled(enabled, button).clicked() {
        commands.push(command.clone());
        ui.close();
    }
}
