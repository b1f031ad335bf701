//! Files: new, open, save, import and exports, and the "save changes
//! first?" actions that wait for an answer.

use std::path::{Path, PathBuf};

use eframe::egui;

use super::ErrorReport;
use super::{CapmapApp, Command, DialogKind, Document};
use crate::export::{ChartFormat, ChartOptions, DecisionLog, LogFormat};
use crate::io::{self, Backup};
use crate::model::{Date, Edit, Portfolio};
use crate::ui::status_bar::Notice;

/// Files at least this big are read on another thread: 10,000
/// capabilities (4 MB) take a good part of a second to read, 100,000 a few
/// seconds, and the window must answer meanwhile. Smaller files open at
/// once, in the same frame.
pub(super) const READ_APART_BYTES: u64 = 1_000_000;

/// A portfolio file being read on another thread.
#[derive(Debug)]
pub(super) struct Opening {
    /// The file.
    pub path: PathBuf,
    /// Its size when it was opened.
    pub bytes: u64,
    /// When reading began.
    pub started: std::time::Instant,
    result: std::sync::mpsc::Receiver<Result<Portfolio, io::LoadError>>,
}

/// An action waiting for an answer to "save changes first?".
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Pending {
    New,
    NextQuarter,
    Open(Option<PathBuf>),
    ImportNew(PathBuf),
    Quit,
}

impl Pending {
    pub(super) fn describe(&self) -> &'static str {
        match self {
            Self::New | Self::ImportNew(_) => "starting a new portfolio",
            Self::NextQuarter => "starting the next quarter",
            Self::Open(_) => "opening another file",
            Self::Quit => "quitting",
        }
    }
}

impl CapmapApp {
    pub(super) fn poll_dialogs(&mut self) {
        let Some(answer) = self.dialogs.poll() else {
            return;
        };
        match (answer.kind, answer.path) {
            (DialogKind::Open, Some(path)) => self.open_file(&path),
            (DialogKind::ImportCsv, Some(path)) => self.modals.import_choice = Some(path),
            (DialogKind::Compare, Some(path)) => self.queue.push(Command::CompareWith(path)),
            (DialogKind::ExportChart, Some(path)) => self.queue.push(Command::ExportChartTo(path)),
            (DialogKind::ExportLog, Some(path)) => self.queue.push(Command::ExportLogTo(path)),
            (DialogKind::ExportPlan, Some(path)) => self.queue.push(Command::ExportPlanTo(path)),
            (DialogKind::SaveAs, Some(path)) => {
                if self.save_to(&path) {
                    self.continue_pending();
                } else {
                    self.after_save = None;
                }
            }
            (_, None) => self.after_save = None,
        }
    }

    pub(super) fn display_name(&self) -> String {
        self.doc
            .path
            .as_deref()
            .map_or_else(|| self.doc.portfolio().name.clone(), io::file_name)
    }

    /// Where a save dialog starts: the open file, else a file named after
    /// the portfolio in the user's documents folder (never the directory
    /// capmap happened to be started from).
    pub(super) fn suggested_path(&self) -> PathBuf {
        self.doc.path.clone().unwrap_or_else(|| {
            let name = crate::model::slugify(&self.doc.portfolio().name, "portfolio");
            dirs::document_dir()
                .or_else(dirs::home_dir)
                .unwrap_or_default()
                .join(format!("{name}.ron"))
        })
    }

    pub(super) fn continue_pending(&mut self) {
        if let Some(pending) = self.after_save.take() {
            // The document is saved now, so nothing can be lost.
            self.modals.unsaved = None;
            self.queue.push(match pending {
                Pending::New => Command::NewPortfolio,
                Pending::NextQuarter => Command::StartNextQuarter,
                Pending::Open(None) => Command::Open,
                Pending::Open(Some(path)) => Command::OpenPath(path),
                Pending::ImportNew(path) => Command::ImportCsvFrom {
                    path,
                    append: false,
                },
                Pending::Quit => Command::Quit,
            });
        }
    }

    /// Runs `pending` now if nothing unsaved is at stake, else asks first.
    pub(super) fn guard(&mut self, ctx: &egui::Context, pending: Pending) {
        if self.doc.is_dirty() {
            self.modals.unsaved = Some(pending);
        } else {
            self.perform(ctx, pending);
        }
    }

    pub(super) fn perform(&mut self, ctx: &egui::Context, pending: Pending) {
        match pending {
            Pending::New => {
                self.doc = Document::new(Portfolio::new(Portfolio::UNTITLED), None);
                self.view.reset_selection();
            }
            Pending::NextQuarter => {
                let today = self.today();
                let from =
                    self.doc.portfolio().quarter.clone().unwrap_or_else(|| {
                        crate::model::quarter_name(crate::model::quarter_of(today))
                    });
                let next = crate::model::start_next_quarter(self.doc.portfolio(), today);
                let quarter = next.quarter.clone().unwrap_or_default();
                // Compared with the quarter it came from, so "Since last
                // quarter" and the scorecard work from the first edit.
                let previous = self.doc.path.clone();
                self.doc = Document::new(next, None);
                self.view.reset_selection();
                self.notice = Some(Notice::info(format!(
                    "Started {quarter}: last quarter's decisions are in each capability's \
                     history. Save it as a new file."
                )));
                if let Some(path) = previous {
                    self.queue.push(Command::CompareWith(path.clone()));
                    // Saved beside last quarter's file, its name following.
                    let suggested = io::next_quarter_file(&path, &from, &quarter);
                    self.dialogs
                        .request(ctx, DialogKind::SaveAs, Some(&suggested));
                }
            }
            Pending::Open(None) => {
                let suggested = self.suggested_path();
                self.dialogs
                    .request(ctx, DialogKind::Open, Some(&suggested));
            }
            Pending::Open(Some(path)) => self.open_file(&path),
            Pending::ImportNew(path) => self.import_csv(&path, false),
            Pending::Quit => {
                self.allowed_to_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    /// Opens the portfolio at `path` in place of the open one (asked
    /// about unsaved changes before), or explains why not and keeps the
    /// open one. A big file is read on another thread while the window
    /// keeps answering and says what it opens.
    pub(super) fn open_file(&mut self, path: &Path) {
        let bytes = std::fs::metadata(path).map_or(0, |m| m.len());
        if bytes >= READ_APART_BYTES {
            let (send, result) = std::sync::mpsc::channel();
            let owned = path.to_owned();
            let spawned = std::thread::Builder::new()
                .name("capmap open".to_owned())
                .spawn(move || {
                    // The window may be gone by the time it is read.
                    let _ = send.send(io::load(&owned));
                });
            if spawned.is_ok() {
                self.modals.opening = Some(Opening {
                    path: path.to_owned(),
                    bytes,
                    started: std::time::Instant::now(),
                    result,
                });
                return;
            }
        }
        let loaded = io::load(path);
        self.opened(path, loaded);
    }

    /// Takes the portfolio read on another thread once it is there, and
    /// until then draws again now and then to say how long it has taken.
    pub(super) fn poll_opening(&mut self, ctx: &egui::Context) {
        let Some(opening) = &self.modals.opening else {
            return;
        };
        match opening.result.try_recv() {
            Ok(loaded) => {
                let path = opening.path.clone();
                self.modals.opening = None;
                self.opened(&path, loaded);
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => {
                ctx.request_repaint_after(std::time::Duration::from_millis(100));
            }
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                let path = opening.path.clone();
                self.modals.opening = None;
                self.modals.error = Some(ErrorReport::new(
                    format!("Could not open {}", path.display()),
                    "Reading the file stopped before it was done.\n\nThe portfolio that was \
                     open is still open and unchanged.",
                ));
            }
        }
    }

    /// Puts a portfolio read from `path` in front of the facilitator, or
    /// says why it could not be read.
    fn opened(&mut self, path: &Path, loaded: Result<Portfolio, io::LoadError>) {
        match loaded {
            Ok(portfolio) => {
                self.notice = None;
                // Absolute: it stays right whatever the working directory
                // (a file dialog may change it).
                let path = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
                self.doc = Document::new(portfolio, Some(path.clone()));
                self.view.reset_selection();
                self.settings.remember(&path);
            }
            Err(error) => {
                self.modals.error = Some(ErrorReport::new(
                    format!("Could not open {}", path.display()),
                    format!("{error}\n\nThe portfolio that was open is still open and unchanged."),
                ));
            }
        }
    }

    /// Saves to `path`; explains and returns false on failure.
    pub(super) fn save_to(&mut self, path: &Path) -> bool {
        match io::save(self.doc.portfolio(), path) {
            Ok(()) => {
                self.doc
                    .mark_saved(std::path::absolute(path).unwrap_or_else(|_| path.to_owned()));
                self.settings.remember(path);
                true
            }
            Err(error) => {
                self.modals.error = Some(ErrorReport::new(
                    "Could not save".to_owned(),
                    format!("{error}\n\nNothing was lost: the changes are still open here."),
                ));
                false
            }
        }
    }

    /// Imports a CSV file, appended to the open portfolio or as a new one.
    /// A bad file changes nothing and lists every problem.
    pub(super) fn import_csv(&mut self, path: &Path, append: bool) {
        let (text, encoding_note) = match io::read_text(path) {
            Ok(read) => read,
            Err(message) => {
                self.modals.error = Some(ErrorReport::new(
                    format!("Could not import {}", path.display()),
                    message,
                ));
                return;
            }
        };
        let base = if append {
            self.doc.portfolio().clone()
        } else {
            let name = io::name_from_stem(path, "Imported portfolio");
            Portfolio::new(name)
        };
        match io::import_csv(&text, &base) {
            Ok(import) => {
                let count = import.capabilities.len();
                let notes = encoding_note
                    .iter()
                    .chain(&import.notes)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join("; ");
                if append {
                    self.doc.apply(Edit::Append {
                        teams: import.new_teams,
                        capabilities: import.capabilities,
                    });
                } else {
                    let mut portfolio = base;
                    import.append_to(&mut portfolio);
                    // Exists nowhere on disk yet: quitting must ask first.
                    self.doc = Document::unsaved(portfolio);
                    self.view.reset_selection();
                }
                let mut text = format!(
                    "Imported {} from {}",
                    crate::export::plural(count, "capability", "capabilities"),
                    path.display()
                );
                if !notes.is_empty() {
                    text = format!("{text} ({notes})");
                }
                // Appended, it is one undo step; as a new portfolio, the
                // old one was saved or given up at the prompt.
                self.notice = Some(if append {
                    Notice::undoable(text, self.doc.revision())
                } else {
                    Notice::info(text)
                });
            }
            Err(error) => {
                self.modals.error = Some(ErrorReport::new(
                    format!("Nothing was imported from {}", path.display()),
                    error
                        .problems
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("\n"),
                ));
            }
        }
    }

    /// Writes the chart to `path` as SVG or PNG (by extension), 1920x1080.
    pub(super) fn export_chart(&mut self, path: &Path) {
        let Some(format) = ChartFormat::from_path(path) else {
            self.modals.error = Some(ErrorReport::new(
                "Could not export the chart",
                format!("{}: name the file .svg or .png.", path.display()),
            ));
            return;
        };
        let portfolio = self.doc.portfolio();
        let today = Date::today();
        let options = ChartOptions {
            theme: self.settings.theme.image_theme(),
            labels: self.settings.labels,
            comparison: self.comparison(),
            vote_spread: self.settings.vote_spread,
        };
        let bytes = format.render(portfolio, today, (1920, 1080), options);
        let result = bytes.map_err(|e| e.to_string()).and_then(|bytes| {
            io::write_atomically(path, &bytes, Backup::None).map_err(|e| e.to_string())
        });
        self.report_export("chart", path, result);
    }

    /// Writes the decision log to `path` as Markdown, CSV or JSON (by
    /// extension).
    pub(super) fn export_log(&mut self, path: &Path) {
        let Some(format) = LogFormat::from_path(path) else {
            self.modals.error = Some(ErrorReport::new(
                "Could not export the decision log",
                format!("{}: name the file .md or .csv (or .json).", path.display()),
            ));
            return;
        };
        let log = DecisionLog::new(self.doc.portfolio(), Date::today());
        let result = format.render(&log).and_then(|text| {
            io::write_atomically(path, text.as_bytes(), Backup::None).map_err(|e| e.to_string())
        });
        self.report_export("decision log", path, result);
    }

    pub(super) fn export_plan(&mut self, path: &Path) {
        let Some(format) = LogFormat::from_path(path) else {
            self.modals.error = Some(ErrorReport::new(
                "Could not export the plan",
                format!("{}: name the file .md or .csv (or .json).", path.display()),
            ));
            return;
        };
        let plan = crate::model::Plan::of(self.doc.portfolio(), self.today());
        let result = format.render_plan(&plan).and_then(|text| {
            io::write_atomically(path, text.as_bytes(), Backup::None).map_err(|e| e.to_string())
        });
        self.report_export("plan", path, result);
    }

    pub(super) fn report_export(&mut self, what: &str, path: &Path, result: Result<(), String>) {
        match result {
            Ok(()) => {
                self.notice = Some(Notice::info(format!(
                    "Exported the {what} to {}",
                    path.display()
                )));
            }
            Err(message) => {
                self.modals.error = Some(ErrorReport::new(
                    format!("Could not export the {what}"),
                    message,
                ));
            }
        }
    }
}
