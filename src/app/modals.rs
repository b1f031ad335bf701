//! The windows that wait for an answer: import, unsaved changes,
//! overwrite, recovery, errors and help.

use std::path::PathBuf;

use eframe::egui;

use super::files::Pending;
use super::{CapmapApp, Command, DialogKind, Document};
use crate::io;
use crate::ui::dialogs::{
    OverwriteChoice, UnsavedChoice, error_ui, help_ui, import_choice_ui, opening_ui, overwrite_ui,
    restore_ui, unsaved_changes_ui,
};

/// Something that could not be done, told in a window until dismissed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorReport {
    /// What could not be done, e.g. "Could not open plan.ron".
    pub title: String,
    /// Why, and what happened to the work (kept, unchanged…).
    pub message: String,
}

impl ErrorReport {
    /// A report titled `title` explaining `message`.
    pub fn new(title: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            title: title.into(),
            message: message.into(),
        }
    }
}

/// The windows that wait for the facilitator's answer, at most one of each.
#[derive(Debug, Default)]
pub(super) struct Modals {
    /// An error being shown.
    pub error: Option<ErrorReport>,
    /// A CSV file picked for import, waiting for "append or new?".
    pub import_choice: Option<PathBuf>,
    /// A save waiting for "the file changed on disk: overwrite?".
    pub overwrite: Option<PathBuf>,
    /// An action waiting for "save changes first?".
    pub unsaved: Option<Pending>,
    /// Work found after a crash, waiting for "restore or discard?".
    pub recovery: Option<io::Recovery>,
    /// The help sheet (it lets the app's keys through, but Escape closes it).
    pub help: bool,
    /// A big file being read on another thread.
    pub opening: Option<super::files::Opening>,
}

impl Modals {
    /// True while a window waits for an answer: the board's keys and the
    /// app's shortcuts wait too.
    pub fn is_open(&self) -> bool {
        self.error.is_some()
            || self.import_choice.is_some()
            || self.overwrite.is_some()
            || self.unsaved.is_some()
            || self.recovery.is_some()
            || self.opening.is_some()
    }
}

impl CapmapApp {
    /// Shows the windows that are open, and acts on their answers.
    pub(super) fn show_dialogs(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        if let Some(opening) = &self.modals.opening {
            opening_ui(
                ctx,
                &io::file_name(&opening.path),
                opening.bytes as f64 / 1_000_000.0,
                opening.started.elapsed().as_secs_f64(),
            );
        }
        if let Some(path) = self.modals.import_choice.clone() {
            let name = self.doc.portfolio().name.clone();
            if let Some(append) = import_choice_ui(ctx, &path, &name) {
                self.modals.import_choice = None;
                if let Some(append) = append {
                    commands.push(Command::ImportCsvFrom { path, append });
                }
            }
        }
        if let Some(pending) = self.modals.unsaved.clone() {
            let name = self.display_name();
            if let Some(choice) = unsaved_changes_ui(ctx, &name, pending.describe()) {
                self.modals.unsaved = None;
                match choice {
                    UnsavedChoice::Save => {
                        self.after_save = Some(pending);
                        match self.doc.path.clone() {
                            Some(path) => {
                                if self.save_to(&path) {
                                    self.continue_pending();
                                } else {
                                    self.after_save = None;
                                }
                            }
                            None => {
                                let suggested = self.suggested_path();
                                self.dialogs
                                    .request(ctx, DialogKind::SaveAs, Some(&suggested));
                            }
                        }
                    }
                    UnsavedChoice::Discard => {
                        self.discard_recovery();
                        self.perform(ctx, pending);
                    }
                    UnsavedChoice::Cancel => {}
                }
            }
        }
        if let Some(path) = self.modals.overwrite.clone()
            && let Some(choice) = overwrite_ui(ctx, &path)
        {
            self.modals.overwrite = None;
            match choice {
                OverwriteChoice::Overwrite => {
                    self.save_to(&path);
                }
                OverwriteChoice::SaveAs => commands.push(Command::SaveAs),
                OverwriteChoice::Cancel => {}
            }
        }
        if let Some(recovery) = &self.modals.recovery {
            let name = recovery
                .source
                .as_deref()
                .map_or_else(|| recovery.portfolio.name.clone(), io::file_name);
            if let Some(restore) = restore_ui(ctx, &name, recovery.portfolio.capabilities.len())
                && let Some(recovery) = self.modals.recovery.take()
            {
                if restore {
                    self.doc = Document::unsaved_at(recovery.portfolio, recovery.source);
                    // The restored work wins over a file still being read.
                    self.modals.opening = None;
                    self.view.reset_selection();
                } else {
                    self.discard_recovery();
                }
            }
        }
        if let Some(error) = &self.modals.error
            && error_ui(ctx, &error.title, &error.message)
        {
            self.modals.error = None;
        }
        if self.modals.help {
            self.modals.help = help_ui(ctx);
        }
    }
}
