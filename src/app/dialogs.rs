//! File dialogs off the UI thread (native), or scripted answers (tests).

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};

use eframe::egui;

/// Which dialog was asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DialogKind {
    /// Pick a portfolio to open.
    Open,
    /// Pick where to save.
    SaveAs,
    /// Pick a CSV file to import.
    ImportCsv,
    /// Pick where to write the chart image.
    ExportChart,
    /// Pick where to write the decision log.
    ExportLog,
    /// Pick where to write the plan.
    ExportPlan,
    /// Pick a portfolio to compare with (last quarter's).
    Compare,
}

impl DialogKind {
    fn filters(self) -> &'static [(&'static str, &'static [&'static str])] {
        match self {
            Self::Open | Self::SaveAs | Self::Compare => &[("capmap portfolio", &["ron"])],
            Self::ImportCsv => &[("CSV spreadsheet", &["csv"])],
            Self::ExportChart => &[("SVG image", &["svg"]), ("PNG image", &["png"])],
            Self::ExportLog | Self::ExportPlan => {
                &[("Markdown", &["md"]), ("CSV spreadsheet", &["csv"])]
            }
        }
    }

    /// The filters, the one for `suggested`'s extension first: the dialog
    /// shows the first, and it must match the name it suggests.
    fn filters_for(self, suggested: Option<&Path>) -> Vec<(&'static str, &'static [&'static str])> {
        let extension = suggested
            .and_then(Path::extension)
            .map(|e| e.to_string_lossy().to_lowercase());
        let mut filters = self.filters().to_vec();
        // Stable: the others keep their order.
        filters.sort_by_key(|(_, extensions)| {
            !extension
                .as_deref()
                .is_some_and(|e| extensions.contains(&e))
        });
        filters
    }

    fn saves(self) -> bool {
        matches!(
            self,
            Self::SaveAs | Self::ExportChart | Self::ExportLog | Self::ExportPlan
        )
    }
}

/// A dialog's answer: the chosen file, or `None` when cancelled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DialogAnswer {
    /// Which dialog.
    pub kind: DialogKind,
    /// The file chosen.
    pub path: Option<PathBuf>,
}

/// Runs native file dialogs on their own thread so the UI never blocks;
/// answers come back through a channel. Tests script the answers instead.
pub struct FileDialogs {
    sender: Sender<DialogAnswer>,
    receiver: Receiver<DialogAnswer>,
    scripted: Option<VecDeque<Option<PathBuf>>>,
    open: bool,
    /// The last dialog asked for and the file it suggested (for tests).
    pub last_request: Option<(DialogKind, Option<PathBuf>)>,
}

impl Default for FileDialogs {
    fn default() -> Self {
        let (sender, receiver) = channel();
        Self {
            sender,
            receiver,
            scripted: None,
            open: false,
            last_request: None,
        }
    }
}

impl FileDialogs {
    /// Dialogs that answer from `answers` in order, without showing anything.
    #[must_use]
    pub fn scripted(answers: impl IntoIterator<Item = Option<PathBuf>>) -> Self {
        Self {
            scripted: Some(answers.into_iter().collect()),
            ..Self::default()
        }
    }

    /// True while a dialog is showing.
    #[must_use]
    pub fn is_open(&self) -> bool {
        self.open
    }

    /// Shows a dialog; its answer arrives through [`Self::poll`].
    pub fn request(&mut self, ctx: &egui::Context, kind: DialogKind, suggested: Option<&Path>) {
        if self.open {
            return;
        }
        self.last_request = Some((kind, suggested.map(Path::to_owned)));
        if let Some(answers) = &mut self.scripted {
            let path = answers.pop_front().flatten();
            let _ = self.sender.send(DialogAnswer { kind, path });
            self.open = true;
            ctx.request_repaint();
            return;
        }
        self.open = true;
        // zenity (rfd's fallback where no desktop portal runs) ignores the
        // starting folder and opens in the working directory: make that
        // the folder. Every path capmap keeps is absolute, so nothing else
        // depends on it.
        if let Some(folder) = suggested.and_then(Path::parent).filter(|d| d.is_dir()) {
            let _ = std::env::set_current_dir(folder);
        }
        let sender = self.sender.clone();
        let ctx = ctx.clone();
        let filters = kind.filters_for(suggested);
        let default_extension = filters.first().and_then(|(_, e)| e.first()).copied();
        let directory = suggested.and_then(Path::parent).map(Path::to_owned);
        let file_name = suggested
            .and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned());
        // Named, so a debugger or a crash report says which thread it was.
        let spawned = std::thread::Builder::new()
            .name("file-dialog".to_owned())
            .spawn(move || {
                let mut dialog = rfd::AsyncFileDialog::new();
                for (name, extensions) in filters {
                    dialog = dialog.add_filter(name, extensions);
                }
                if let Some(directory) = directory.filter(|d| !d.as_os_str().is_empty()) {
                    dialog = dialog.set_directory(directory);
                }
                let path = if kind.saves() {
                    let name = file_name.unwrap_or_else(|| "portfolio.ron".to_owned());
                    pollster::block_on(dialog.set_file_name(name).save_file())
                } else {
                    pollster::block_on(dialog.pick_file())
                }
                .map(|handle| handle.path().to_owned());
                let path = path.map(|path| {
                    if kind.saves() {
                        with_default_extension(path, default_extension)
                    } else {
                        path
                    }
                });
                let _ = sender.send(DialogAnswer { kind, path });
                ctx.request_repaint();
            });
        if spawned.is_err() {
            // No thread, so no dialog: answer as if it were cancelled
            // rather than leave the app waiting for an answer that never
            // comes (`thread::spawn` would have panicked here).
            let _ = self.sender.send(DialogAnswer { kind, path: None });
        }
    }

    /// The answer of the open dialog, once it has one.
    pub fn poll(&mut self) -> Option<DialogAnswer> {
        let answer = self.receiver.try_recv().ok()?;
        self.open = false;
        Some(answer)
    }
}

/// `path`, with `extension` added when it has none: a name typed without
/// one is saved in the format the dialog showed.
fn with_default_extension(path: PathBuf, extension: Option<&str>) -> PathBuf {
    match extension {
        Some(extension) if path.extension().is_none() => path.with_extension(extension),
        _ => path,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_filter_matches_the_suggested_name() {
        let first = |kind: DialogKind, name: &str| kind.filters_for(Some(Path::new(name)))[0].0;
        assert_eq!(first(DialogKind::ExportChart, "/w/map.png"), "PNG image");
        assert_eq!(first(DialogKind::ExportChart, "/w/map.SVG"), "SVG image");
        assert_eq!(
            first(DialogKind::ExportLog, "/w/log.csv"),
            "CSV spreadsheet"
        );
        assert_eq!(first(DialogKind::ExportLog, "/w/log.md"), "Markdown");
        assert_eq!(
            with_default_extension(PathBuf::from("/w/map"), Some("png")),
            PathBuf::from("/w/map.png")
        );
        assert_eq!(
            with_default_extension(PathBuf::from("/w/map.svg"), Some("png")),
            PathBuf::from("/w/map.svg")
        );
        // Every filter is still offered.
        assert_eq!(DialogKind::ExportChart.filters_for(None).len(), 2);
    }
}
