//! Autosave: unsaved edits are copied to a recovery file in the app's data
//! folder, so a crash or a flat battery never costs the afternoon. A clean
//! save or an explicit discard removes it.

use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{Backup, LoadError, load_bytes_as, ron_text, write_atomically};
use crate::model::Portfolio;

/// What the recovery file holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recovery {
    /// The file the work belongs to, if it had one.
    pub source: Option<PathBuf>,
    /// The unsaved portfolio.
    pub portfolio: Portfolio,
}

/// The recovery file in `dir`.
#[must_use]
pub fn recovery_path(dir: &Path) -> PathBuf {
    dir.join("recovery.ron")
}

/// Writes the recovery file (atomically, creating `dir` if needed).
///
/// # Errors
/// When the folder or the file cannot be written.
pub fn write_recovery(dir: &Path, source: Option<&Path>, portfolio: &Portfolio) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let recovery = Recovery {
        source: source.map(Path::to_owned),
        portfolio: portfolio.clone(),
    };
    let text = ron_text(&recovery).map_err(io::Error::other)?;
    write_atomically(&recovery_path(dir), text.as_bytes(), Backup::None)
}

/// The recovery file, if there is one: `None` when there is nothing to
/// recover, `Some(Err)` when it exists but cannot be read.
#[must_use]
pub fn read_recovery(dir: &Path) -> Option<Result<Recovery, LoadError>> {
    let path = recovery_path(dir);
    let bytes = std::fs::read(&path).ok()?;
    Some(load_bytes_as::<Recovery>(&bytes, &path))
}

/// Removes the recovery file; nothing to remove is fine.
///
/// # Errors
/// When the file exists but cannot be removed.
pub fn clear_recovery(dir: &Path) -> io::Result<()> {
    match std::fs::remove_file(recovery_path(dir)) {
        Err(error) if error.kind() != io::ErrorKind::NotFound => Err(error),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Capability;

    #[test]
    fn written_recovery_reads_back_and_clears() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("capmap");
        assert!(read_recovery(&folder).is_none());
        let mut portfolio = Portfolio::new("Unsaved");
        portfolio
            .capabilities
            .push(Capability::new("a", "A").into());
        write_recovery(&folder, Some(Path::new("/work/p.ron")), &portfolio).unwrap();
        let recovered = read_recovery(&folder).unwrap().unwrap();
        assert_eq!(recovered.portfolio, portfolio);
        assert_eq!(recovered.source.as_deref(), Some(Path::new("/work/p.ron")));
        clear_recovery(&folder).unwrap();
        assert!(read_recovery(&folder).is_none());
        clear_recovery(&folder).unwrap();
    }

    #[test]
    fn a_damaged_recovery_file_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(recovery_path(dir.path()), "(source: None, portf").unwrap();
        assert!(read_recovery(dir.path()).unwrap().is_err());
    }

    #[test]
    fn a_recovery_file_that_cannot_be_removed_is_reported() {
        // A folder where the file should be: removing it fails, and the
        // app must not believe the recovery is gone.
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(recovery_path(dir.path())).unwrap();
        let error = clear_recovery(dir.path()).expect_err("the folder stays");
        assert_ne!(
            error.kind(),
            io::ErrorKind::NotFound,
            "only nothing to remove is fine"
        );
    }
}
