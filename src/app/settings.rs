//! What the app remembers between runs: recent files, the look, the zoom.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::export::LabelMode;
use crate::ui::theme::Theme;

/// How many recent files the File menu lists.
pub const RECENT_LIMIT: usize = 10;

/// What the app remembers between runs (window size is eframe's job).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Recently opened or saved files, newest first.
    pub recent: Vec<PathBuf>,
    /// The file to reopen on the next start.
    pub last_file: Option<PathBuf>,
    /// The look.
    pub theme: Theme,
    /// The zoom factor (1 = normal).
    pub zoom: f32,
    /// How the chart names its dots.
    pub labels: LabelMode,
    /// Whiskers of the vote spread on every dot, not only the selected one.
    pub vote_spread: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            recent: Vec::new(),
            last_file: None,
            theme: Theme::default(),
            zoom: 1.0,
            labels: LabelMode::Auto,
            vote_spread: false,
        }
    }
}

impl Settings {
    /// Puts `path` first in the recent list and makes it the file to reopen.
    pub fn remember(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        self.recent.retain(|p| *p != path);
        self.recent.insert(0, path.clone());
        self.recent.truncate(RECENT_LIMIT);
        self.last_file = Some(path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_files_are_newest_first_unique_and_capped() {
        let mut settings = Settings::default();
        for i in 0..12 {
            settings.remember(Path::new(&format!("/nowhere/{i}.ron")));
        }
        settings.remember(Path::new("/nowhere/5.ron"));
        assert_eq!(settings.recent.len(), RECENT_LIMIT);
        assert_eq!(settings.recent[0], PathBuf::from("/nowhere/5.ron"));
        assert_eq!(
            settings
                .recent
                .iter()
                .filter(|p| p.ends_with("5.ron"))
                .count(),
            1
        );
        assert_eq!(settings.last_file, Some(PathBuf::from("/nowhere/5.ron")));
    }
}
