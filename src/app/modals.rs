//! The windows that wait for an answer: import, unsaved changes,
//! overwrite, recovery, errors and help.

use std::path::Path;

use eframe::egui;

use super::{CapmapApp, Command, DialogKind, Document};
use crate::ui::dialogs::{
    OverwriteChoice, UnsavedChoice, error_ui, help_ui, import_choice_ui, overwrite_ui, restore_ui,
    unsaved_changes_ui,
};

impl CapmapApp {
    pub(super) fn show_dialogs(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        if let Some(path) = self.import_choice.clone() {
            let name = self.doc.portfolio().name.clone();
            if let Some(append) = import_choice_ui(ctx, &path, &name) {
                self.import_choice = None;
                if let Some(append) = append {
                    commands.push(Command::ImportCsvFrom { path, append });
                }
            }
        }
        if let Some(pending) = self.prompt.clone() {
            let name = self.display_name();
            if let Some(choice) = unsaved_changes_ui(ctx, &name, pending.describe()) {
                self.prompt = None;
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
        if let Some(path) = self.overwrite_prompt.clone()
            && let Some(choice) = overwrite_ui(ctx, &path)
        {
            self.overwrite_prompt = None;
            match choice {
                OverwriteChoice::Overwrite => {
                    self.save_to(&path);
                }
                OverwriteChoice::SaveAs => commands.push(Command::SaveAs),
                OverwriteChoice::Cancel => {}
            }
        }
        if let Some(recovery) = &self.recovery_offer {
            let name = recovery
                .source
                .as_deref()
                .and_then(Path::file_name)
                .map_or_else(
                    || recovery.portfolio.name.clone(),
                    |n| n.to_string_lossy().into_owned(),
                );
            if let Some(restore) = restore_ui(ctx, &name, recovery.portfolio.capabilities.len())
                && let Some(recovery) = self.recovery_offer.take()
            {
                if restore {
                    self.doc = Document::unsaved_at(recovery.portfolio, recovery.source);
                    self.view.reset_selection();
                } else {
                    self.discard_recovery();
                }
            }
        }
        if let Some((title, message)) = &self.error
            && error_ui(ctx, title, message)
        {
            self.error = None;
        }
        if self.help_open {
            self.help_open = help_ui(ctx);
        }
    }
}
