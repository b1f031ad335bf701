//! Crash-safe writes: a temporary file in the same folder, flushed to disk,
//! then renamed over the target, so the target is always either the whole
//! old file or the whole new one.

use std::fs;
use std::io::{self, ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// Temporary files of capmap's start with this, then the writing process's
/// id and a dash, and end in `.tmp`: `.capmap-4242-Xy3k9Q.tmp`.
const TEMP_PREFIX: &str = ".capmap-";

/// A temporary file of capmap's this old is left over from a save that was
/// killed, when there is no telling whether its writer still runs.
const STALE_AFTER: Duration = Duration::from_mins(1);

/// Even when a process with the writer's id runs (the id may have been
/// reused since), a temporary file this old is left over.
const STALE_EVEN_IF_RUNNING: Duration = Duration::from_hours(1);

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
/// a link. Temporary files left in the folder by a save that was killed are
/// removed (see [`sweep_stale_temp_files`]).
///
/// # Errors
/// Any I/O failure, or a target [`check_target`] refuses; `path` is then
/// untouched.
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
    check_target(path)?;
    let target = fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_owned(),
        _ => PathBuf::from("."),
    };
    let previous = fs::metadata(&target).ok();
    sweep_stale_temp_files(&dir);

    let mut temp = tempfile::Builder::new()
        .prefix(&temp_prefix())
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
        .prefix(&temp_prefix())
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

/// Refuses, before any work, a target that cannot be replaced by a file:
/// a folder, a symbolic link to nothing (it would be replaced by a plain
/// file, or written somewhere the user did not look) and a read-only file
/// (as `cp` refuses it).
///
/// # Errors
/// Why `path` cannot be written, ready to print after its name.
pub fn check_target(path: &Path) -> io::Result<()> {
    match fs::metadata(path) {
        Ok(meta) if meta.is_dir() => Err(io::Error::new(
            ErrorKind::IsADirectory,
            "Is a directory; name a file inside it",
        )),
        Ok(meta) if meta.permissions().readonly() => Err(io::Error::new(
            ErrorKind::PermissionDenied,
            "the file is read-only; make it writable first if it should be replaced",
        )),
        Ok(_) => Ok(()),
        Err(_) => match fs::read_link(path) {
            Ok(leads_to) => Err(io::Error::new(
                ErrorKind::NotFound,
                format!(
                    "a symbolic link to {}, which does not exist; create that file or remove the link first",
                    leads_to.display()
                ),
            )),
            // Nothing there yet (a missing folder fails when writing).
            Err(_) => Ok(()),
        },
    }
}

/// `.capmap-PID-`, the start of this process's temporary files.
fn temp_prefix() -> String {
    format!("{TEMP_PREFIX}{}-", std::process::id())
}

/// Removes temporary files of capmap's in `dir` that a killed save left
/// behind: those whose writer no longer runs, or old enough that no save
/// can still be writing them. Best effort: a file that cannot be removed
/// stays, and the save goes on.
pub fn sweep_stale_temp_files(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let now = SystemTime::now();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else {
            continue;
        };
        // Not followed: a link or folder with such a name is not ours.
        let Ok(meta) = entry.metadata() else {
            continue;
        };
        if !meta.is_file() {
            continue;
        }
        let age = meta
            .modified()
            .ok()
            .and_then(|modified| now.duration_since(modified).ok())
            .unwrap_or_default();
        if is_stale_temp_file(name, age, process_runs) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Whether a file called `name`, last written `age` ago, is a temporary
/// file of capmap's that no save is writing any more. `runs` says whether
/// the process with an id runs, when that can be told.
fn is_stale_temp_file(name: &str, age: Duration, runs: impl Fn(u32) -> Option<bool>) -> bool {
    let Some(middle) = name
        .strip_prefix(TEMP_PREFIX)
        .and_then(|rest| rest.strip_suffix(".tmp"))
    else {
        return false;
    };
    // Older versions named them `.capmap-RANDOM.tmp`, without the id.
    let writer = middle
        .split_once('-')
        .and_then(|(pid, _)| pid.parse::<u32>().ok());
    match writer.and_then(runs) {
        Some(false) => true,
        Some(true) => age > STALE_EVEN_IF_RUNNING,
        None => age > STALE_AFTER,
    }
}

/// Whether the process `pid` runs, where `/proc` tells.
#[cfg(target_os = "linux")]
fn process_runs(pid: u32) -> Option<bool> {
    let proc = Path::new("/proc");
    proc.join("self")
        .exists()
        .then(|| proc.join(pid.to_string()).exists())
}

#[cfg(not(target_os = "linux"))]
fn process_runs(_pid: u32) -> Option<bool> {
    None
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
mod tests;
