//! Crash-safe writes: a temporary file in the same folder, flushed to disk,
//! then renamed over the target, so the target is always either the whole
//! old file or the whole new one.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Where the previous version of `path` is kept: `NAME.ron.bak`.
#[must_use]
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// What a file on disk looked like when capmap last read or wrote it, to
/// notice when someone else changed it since.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DiskStamp {
    /// Last modification time.
    pub modified: std::time::SystemTime,
    /// Size in bytes.
    pub len: u64,
}

/// The stamp of `path` now, or `None` when it does not exist.
#[must_use]
pub fn disk_stamp(path: &Path) -> Option<DiskStamp> {
    let meta = fs::metadata(path).ok()?;
    Some(DiskStamp {
        modified: meta.modified().ok()?,
        len: meta.len(),
    })
}

/// Whether to keep the file being replaced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backup {
    /// Keep the previous version as [`backup_path`] (documents).
    Keep,
    /// Just replace it (exports that can be made again).
    None,
}

/// Replaces `path` with `bytes` atomically. Permissions of the previous file
/// carry over to the new one. A symbolic link is followed, so the link stays
/// a link.
///
/// # Errors
/// Any I/O failure; `path` is then untouched.
pub fn write_atomically(path: &Path, bytes: &[u8], backup: Backup) -> io::Result<()> {
    write_steps(path, bytes, backup, None)
}

/// The steps of an atomic write, for fault-injection tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WriteStep {
    /// The temporary file has been created but not written.
    TempCreated,
    /// The new bytes are in the temporary file, not yet flushed.
    TempWritten,
    /// The temporary file is flushed to disk.
    TempSynced,
    /// The previous file has been copied to the backup.
    BackupWritten,
    /// The temporary file has been renamed over the target.
    Renamed,
}

/// [`write_atomically`], failing on purpose at `fail_at` as a crash would,
/// so tests can check that every interruption leaves a whole file behind.
///
/// # Errors
/// Any I/O failure, or the injected one.
pub fn write_steps(
    path: &Path,
    bytes: &[u8],
    backup: Backup,
    fail_at: Option<WriteStep>,
) -> io::Result<()> {
    let crash = |step: WriteStep| -> io::Result<()> {
        if fail_at == Some(step) {
            Err(io::Error::other(format!("simulated crash at {step:?}")))
        } else {
            Ok(())
        }
    };
    let target = fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_owned(),
        _ => PathBuf::from("."),
    };
    let previous = fs::metadata(&target).ok();

    let mut temp = tempfile::Builder::new()
        .prefix(".capmap-")
        .suffix(".tmp")
        .tempfile_in(&dir)?;
    crash(WriteStep::TempCreated)?;
    temp.write_all(bytes)?;
    crash(WriteStep::TempWritten)?;
    temp.as_file().sync_all()?;
    crash(WriteStep::TempSynced)?;
    match &previous {
        Some(meta) => temp.as_file().set_permissions(meta.permissions())?,
        None => set_new_file_permissions(temp.as_file())?,
    }

    if previous.is_some() && backup == Backup::Keep {
        copy_atomically(&target, &backup_path(&target), &dir)?;
        crash(WriteStep::BackupWritten)?;
    }
    temp.persist(&target).map_err(|err| err.error)?;
    crash(WriteStep::Renamed)?;
    sync_dir(&dir)
}

/// Copies `from` to `to` through a temporary file, so a crash never leaves a
/// half-written backup.
fn copy_atomically(from: &Path, to: &Path, dir: &Path) -> io::Result<()> {
    let mut temp = tempfile::Builder::new()
        .prefix(".capmap-")
        .suffix(".bak.tmp")
        .tempfile_in(dir)?;
    let mut source = fs::File::open(from)?;
    io::copy(&mut source, temp.as_file_mut())?;
    temp.as_file().sync_all()?;
    temp.as_file()
        .set_permissions(source.metadata()?.permissions())?;
    temp.persist(to).map_err(|err| err.error)?;
    Ok(())
}

#[cfg(unix)]
fn set_new_file_permissions(file: &fs::File) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    // tempfile creates files readable by the owner only; a new portfolio is
    // an ordinary document.
    file.set_permissions(fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn set_new_file_permissions(_file: &fs::File) -> io::Result<()> {
    Ok(())
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    // The rename is durable only once the folder entry is on disk.
    fs::File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_keeps_a_backup() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        write_atomically(&path, b"one", Backup::Keep).unwrap();
        assert!(!backup_path(&path).exists());
        write_atomically(&path, b"two", Backup::Keep).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(fs::read(backup_path(&path)).unwrap(), b"one");
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn keeps_permissions_and_follows_links() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        fs::write(&path, b"old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
        let link = dir.path().join("link.ron");
        std::os::unix::fs::symlink(&path, &link).unwrap();
        write_atomically(&link, b"new", Backup::Keep).unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read(&path).unwrap(), b"new");
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }

    #[test]
    fn a_crash_at_any_step_leaves_the_old_or_the_new_file_whole() {
        let steps = [
            WriteStep::TempCreated,
            WriteStep::TempWritten,
            WriteStep::TempSynced,
            WriteStep::BackupWritten,
            WriteStep::Renamed,
        ];
        for step in steps {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("p.ron");
            write_atomically(&path, b"first save", Backup::Keep).unwrap();
            write_atomically(&path, b"second save", Backup::Keep).unwrap();
            let result = write_steps(&path, b"third save", Backup::Keep, Some(step));
            assert!(result.is_err(), "{step:?}");
            let on_disk = fs::read(&path).unwrap();
            assert!(
                on_disk == b"second save" || on_disk == b"third save",
                "{step:?} left {:?}",
                String::from_utf8_lossy(&on_disk)
            );
            let expected_on_disk: &[u8] = if step == WriteStep::Renamed {
                b"third save"
            } else {
                b"second save"
            };
            assert_eq!(on_disk, expected_on_disk, "{step:?}");
            let bak = fs::read(backup_path(&path)).unwrap();
            let expected_bak: &[u8] =
                if matches!(step, WriteStep::BackupWritten | WriteStep::Renamed) {
                    b"second save"
                } else {
                    b"first save"
                };
            assert_eq!(
                bak, expected_bak,
                "{step:?}: the backup is the previous save"
            );
            // No temporary file is left behind either.
            let leftovers = fs::read_dir(dir.path())
                .unwrap()
                .filter_map(Result::ok)
                .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
                .count();
            assert_eq!(leftovers, 0, "{step:?}");
            // And the next save works.
            write_atomically(&path, b"fourth save", Backup::Keep).unwrap();
            assert_eq!(fs::read(&path).unwrap(), b"fourth save");
        }
    }

    #[test]
    fn a_missing_folder_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing").join("p.ron");
        assert!(write_atomically(&path, b"x", Backup::None).is_err());
    }
}
