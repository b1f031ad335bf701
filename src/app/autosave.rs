//! Unsaved work copied to a recovery file, and offered back after a crash.

use std::path::PathBuf;

use eframe::egui;

use super::CapmapApp;
use crate::io;
use crate::ui::status_bar::Notice;

impl CapmapApp {
    /// Turns on autosave into `dir`, and offers to restore work a crash
    /// left there.
    #[must_use]
    pub fn with_recovery(mut self, dir: PathBuf) -> Self {
        match io::read_recovery(&dir) {
            Some(Ok(recovery)) => self.recovery_offer = Some(recovery),
            Some(Err(error)) => {
                self.error = Some((
                    "Unsaved work could not be read back".to_owned(),
                    format!(
                        "{error}\n\nThe file is kept as it is at {}.",
                        io::recovery_path(&dir).display()
                    ),
                ));
                // Keep the damaged file: autosave must not overwrite it.
                self.recovery_dir = None;
                return self;
            }
            None => {}
        }
        self.recovery_dir = Some(dir);
        self
    }

    /// Copies unsaved work to the recovery file every `autosave_secs` and
    /// when the window loses focus; removes it once nothing is unsaved.
    pub(super) fn autosave(&mut self, ctx: &egui::Context) {
        let Some(dir) = self.recovery_dir.clone() else {
            return;
        };
        if self.recovery_offer.is_some() || self.allowed_to_close {
            // The old work still waits for an answer, or the user chose to
            // quit without saving.
            return;
        }
        if !self.doc.is_dirty() {
            if self.autosaved_revision.take().is_some() {
                let _ = io::clear_recovery(&dir);
            }
            return;
        }
        let revision = self.doc.revision();
        if self.autosaved_revision == Some(revision) {
            return;
        }
        let now = ctx.input(|i| i.time);
        let focus_lost = ctx.input(|i| i.viewport().focused == Some(false));
        let waited = now - self.autosave_at;
        if focus_lost || waited >= self.autosave_secs {
            match io::write_recovery(&dir, self.doc.path.as_deref(), self.doc.portfolio()) {
                Ok(()) => self.autosaved_revision = Some(revision),
                Err(error) => self.notice = Some(Notice::info(format!("Autosave failed: {error}"))),
            }
            self.autosave_at = now;
        } else {
            // One wake-up when the next autosave is due, not a busy loop.
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(
                self.autosave_secs - waited,
            ));
        }
    }

    /// Removes the recovery file after the user chose to drop the changes.
    pub(super) fn discard_recovery(&mut self) {
        if let Some(dir) = &self.recovery_dir {
            let _ = io::clear_recovery(dir);
        }
        self.autosaved_revision = None;
    }
}
