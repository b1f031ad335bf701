//! Unsaved work copied to a recovery file, and offered back after a crash.

use std::path::PathBuf;

use eframe::egui;

use super::CapmapApp;
use super::ErrorReport;
use crate::io;
use crate::ui::status_bar::Notice;

/// The longest unsaved work goes uncopied to the recovery file while
/// edits keep coming.
pub const AUTOSAVE_SECS: f64 = 30.0;

/// How long after the last edit unsaved work is copied: a facilitator
/// edits, then talks, so a crash loses at most the last couple of seconds,
/// and a large portfolio is written while nobody is typing.
pub const AUTOSAVE_QUIET_SECS: f64 = 2.0;

/// Where and when unsaved work was last copied for recovery.
#[derive(Debug)]
pub(super) struct Autosave {
    /// The recovery folder; `None` turns autosave off.
    dir: Option<PathBuf>,
    /// Seconds between copies while edits keep coming.
    every_secs: f64,
    /// Seconds of no edit after which the work is copied.
    quiet_secs: f64,
    /// When the last copy was made (egui time).
    last_at: f64,
    /// The revision the recovery file holds.
    saved_revision: Option<u64>,
    /// The latest revision seen, and when it was first seen (egui time).
    seen: Option<(u64, f64)>,
}

impl Default for Autosave {
    fn default() -> Self {
        Self {
            dir: None,
            every_secs: AUTOSAVE_SECS,
            quiet_secs: AUTOSAVE_QUIET_SECS,
            last_at: 0.0,
            saved_revision: None,
            seen: None,
        }
    }
}

impl CapmapApp {
    /// Copies unsaved work every `secs` seconds instead of every
    /// [`AUTOSAVE_SECS`], and no later than that after an edit (tests use
    /// 0: at every frame).
    pub fn autosave_every(&mut self, secs: f64) {
        self.autosave.every_secs = secs;
        self.autosave.quiet_secs = self.autosave.quiet_secs.min(secs);
    }

    /// True when unsaved work is being copied for recovery.
    #[must_use]
    pub fn is_autosaving(&self) -> bool {
        self.autosave.dir.is_some()
    }

    /// Turns on autosave into `dir`, and offers to restore work a crash
    /// left there.
    #[must_use]
    pub fn with_recovery(mut self, dir: PathBuf) -> Self {
        match io::read_recovery(&dir) {
            Some(Ok(recovery)) => self.modals.recovery = Some(recovery),
            Some(Err(error)) => {
                self.modals.error = Some(ErrorReport::new(
                    "Unsaved work could not be read back".to_owned(),
                    format!(
                        "{error}\n\nThe file is kept as it is at {}.",
                        io::recovery_path(&dir).display()
                    ),
                ));
                // Keep the damaged file: autosave must not overwrite it.
                self.autosave.dir = None;
                return self;
            }
            None => {}
        }
        self.autosave.dir = Some(dir);
        self
    }

    /// Copies unsaved work to the recovery file once no edit came for
    /// `quiet_secs`, at least every `every_secs` while edits keep coming,
    /// and when the window loses focus; removes it once nothing is unsaved.
    pub(super) fn autosave(&mut self, ctx: &egui::Context) {
        let Some(dir) = self.autosave.dir.clone() else {
            return;
        };
        if self.modals.recovery.is_some() || self.allowed_to_close {
            // The old work still waits for an answer, or the user chose to
            // quit without saving.
            return;
        }
        if !self.doc.is_dirty() {
            if self.autosave.saved_revision.take().is_some() {
                let _ = io::clear_recovery(&dir);
            }
            return;
        }
        let revision = self.doc.revision();
        if self.autosave.saved_revision == Some(revision) {
            return;
        }
        let now = ctx.input(|i| i.time);
        let changed_at = match self.autosave.seen {
            Some((seen, at)) if seen == revision => at,
            _ => {
                self.autosave.seen = Some((revision, now));
                now
            }
        };
        let focus_lost = ctx.input(|i| i.viewport().focused == Some(false));
        let waited = now - self.autosave.last_at;
        let quiet = now - changed_at;
        if focus_lost || quiet >= self.autosave.quiet_secs || waited >= self.autosave.every_secs {
            match io::write_recovery(&dir, self.doc.path.as_deref(), self.doc.portfolio()) {
                Ok(()) => self.autosave.saved_revision = Some(revision),
                Err(error) => self.notice = Some(Notice::info(format!("Autosave failed: {error}"))),
            }
            self.autosave.last_at = now;
        } else {
            // One wake-up when the next autosave is due, not a busy loop.
            let due = (self.autosave.quiet_secs - quiet).min(self.autosave.every_secs - waited);
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(due));
        }
    }

    /// Removes the recovery file after the user chose to drop the changes.
    pub(super) fn discard_recovery(&mut self) {
        if let Some(dir) = &self.autosave.dir {
            let _ = io::clear_recovery(dir);
        }
        self.autosave.saved_revision = None;
    }
}
