//! Tests of `atomic.rs`, kept apart so the file stays readable.

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
        let expected_bak: &[u8] = if matches!(step, WriteStep::BackupWritten | WriteStep::Renamed) {
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
fn only_capmaps_own_temporary_files_are_stale_once_their_writer_is_gone_or_they_are_old() {
    let dead = |_| Some(false);
    let running = |_| Some(true);
    let unknown = |_| None;
    let fresh = Duration::from_secs(1);
    let old = Duration::from_mins(2);
    let ancient = Duration::from_hours(2);
    // A killed writer's files go at once; a running one's only when
    // the id must have been reused.
    assert!(is_stale_temp_file(".capmap-4242-Xy3k9Q.tmp", fresh, dead));
    assert!(is_stale_temp_file(
        ".capmap-4242-Xy3k9Q.bak.tmp",
        fresh,
        dead
    ));
    assert!(!is_stale_temp_file(".capmap-4242-Xy3k9Q.tmp", old, running));
    assert!(is_stale_temp_file(
        ".capmap-4242-Xy3k9Q.tmp",
        ancient,
        running
    ));
    // Without a way to tell, or without an id, age decides.
    assert!(!is_stale_temp_file(
        ".capmap-4242-Xy3k9Q.tmp",
        fresh,
        unknown
    ));
    assert!(is_stale_temp_file(".capmap-4242-Xy3k9Q.tmp", old, unknown));
    assert!(!is_stale_temp_file(".capmap-Xy3k9Q.tmp", fresh, dead));
    assert!(is_stale_temp_file(".capmap-Xy3k9Q.tmp", old, dead));
    // Anybody else's files stay, however old.
    for name in [
        "notes.tmp",
        ".capmap-4242-x.ron",
        "capmap-4242-x.tmp",
        "p.ron.bak",
    ] {
        assert!(!is_stale_temp_file(name, ancient, dead), "{name}");
    }
}

#[cfg(unix)]
#[test]
fn folders_dangling_links_and_read_only_files_are_refused_untouched() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("folder.ron");
    fs::create_dir(&folder).unwrap();
    let error = write_atomically(&folder, b"x", Backup::Keep).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::IsADirectory);
    assert!(folder.is_dir());

    let link = dir.path().join("link.ron");
    std::os::unix::fs::symlink("nowhere.ron", &link).unwrap();
    let error = write_atomically(&link, b"x", Backup::Keep).unwrap_err();
    assert!(error.to_string().contains("nowhere.ron"), "{error}");
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(!dir.path().join("nowhere.ron").exists());

    let locked = dir.path().join("locked.ron");
    fs::write(&locked, b"old").unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o444)).unwrap();
    let error = write_atomically(&locked, b"new", Backup::Keep).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::PermissionDenied);
    assert_eq!(fs::read(&locked).unwrap(), b"old");
    assert!(!backup_path(&locked).exists());
}

#[test]
fn a_missing_folder_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing").join("p.ron");
    assert!(write_atomically(&path, b"x", Backup::None).is_err());
}

/// An id no process has (Linux ids stop at 2^22), for a writer that is gone.
const GONE: u32 = 4_294_967_290;

/// Makes `path` look last written `ago`.
fn age(path: &Path, ago: Duration) {
    fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(SystemTime::now() - ago)
        .unwrap();
}

#[test]
fn a_disk_stamp_tells_size_and_time_and_nothing_for_a_missing_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    assert_eq!(disk_stamp(&path), None, "nothing there yet");
    fs::write(&path, b"12345").unwrap();
    let stamp = disk_stamp(&path).expect("the file exists");
    assert_eq!(stamp.len, 5, "the size in bytes");
    assert_eq!(
        stamp.modified,
        fs::metadata(&path).unwrap().modified().unwrap(),
        "the modification time"
    );
    fs::write(&path, b"123456").unwrap();
    assert_ne!(
        disk_stamp(&path),
        Some(stamp),
        "a change by someone else shows"
    );
}

#[test]
fn a_folder_is_refused_with_a_hint_to_name_a_file_inside_it() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("plans");
    fs::create_dir(&folder).unwrap();
    for backup in [Backup::Keep, Backup::None] {
        let error = write_atomically(&folder, b"x", backup).unwrap_err();
        assert_eq!(
            error.to_string(),
            "Is a directory; name a file inside it",
            "{backup:?}"
        );
    }
    assert!(folder.is_dir(), "the folder is untouched");
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["plans"], "and nothing was written next to it");
}

#[test]
fn a_save_sweeps_what_a_killed_save_left_in_the_target_folder() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    let leftover = dir.path().join(format!(".capmap-{GONE}-Xy3k9Q.tmp"));
    fs::write(&leftover, b"half a save").unwrap();
    age(&leftover, Duration::from_hours(2));
    write_atomically(&path, b"saved", Backup::Keep).unwrap();
    assert_eq!(fs::read(&path).unwrap(), b"saved", "the save is done");
    assert!(!leftover.exists(), "and the leftover is gone");
}

#[test]
fn only_capmaps_stale_temporary_files_are_swept() {
    let dir = tempfile::tempdir().unwrap();
    let stale = dir.path().join(format!(".capmap-{GONE}-Xy3k9Q.tmp"));
    let stale_backup = dir.path().join(format!(".capmap-{GONE}-Ab12Cd.bak.tmp"));
    let being_written = dir
        .path()
        .join(format!(".capmap-{}-Qw3rTy.tmp", std::process::id()));
    let someone_elses = dir.path().join("notes.tmp");
    let a_folder = dir.path().join(format!(".capmap-{GONE}-folder.tmp"));
    for file in [&stale, &stale_backup, &being_written, &someone_elses] {
        fs::write(file, b"x").unwrap();
    }
    for file in [&stale, &stale_backup, &someone_elses] {
        age(file, Duration::from_hours(2));
    }
    fs::create_dir(&a_folder).unwrap();
    sweep_stale_temp_files(dir.path());
    assert!(!stale.exists(), "a killed save's file goes");
    assert!(!stale_backup.exists(), "so does its backup's");
    assert!(
        being_written.exists(),
        "a save still running keeps its file"
    );
    assert!(someone_elses.exists(), "another program's file stays");
    assert!(a_folder.is_dir(), "a folder is never ours");
}

#[test]
fn a_temporary_file_is_stale_only_once_past_its_limit() {
    let name = ".capmap-4242-Xy3k9Q.tmp";
    let running = |_| Some(true);
    let unknown = |_| None;
    let second = Duration::from_secs(1);
    assert!(
        !is_stale_temp_file(name, STALE_AFTER, unknown),
        "exactly a minute old, a slow save may still be writing it"
    );
    assert!(
        is_stale_temp_file(name, STALE_AFTER + second, unknown),
        "a moment later it is left over"
    );
    assert!(
        !is_stale_temp_file(name, STALE_EVEN_IF_RUNNING, running),
        "exactly an hour old, its running writer may still be saving"
    );
    assert!(
        is_stale_temp_file(name, STALE_EVEN_IF_RUNNING + second, running),
        "a moment later the id must have been reused"
    );
}

#[test]
fn a_saves_temporary_files_are_named_so_a_sweep_knows_whose_they_are() {
    let writer = std::cell::Cell::new(None);
    for suffix in [".tmp", ".bak.tmp"] {
        let name = format!("{}Xy3k9Q{suffix}", temp_prefix());
        let stale = is_stale_temp_file(&name, Duration::ZERO, |pid| {
            writer.set(Some(pid));
            Some(false)
        });
        assert!(stale, "{name} is capmap's, gone once its writer is");
        assert_eq!(
            writer.get(),
            Some(std::process::id()),
            "{name} names this process as its writer"
        );
    }
}

#[cfg(target_os = "linux")]
#[test]
fn on_linux_a_writer_is_known_to_run_or_to_be_gone() {
    assert_eq!(
        process_runs(std::process::id()),
        Some(true),
        "this process runs"
    );
    assert_eq!(process_runs(GONE), Some(false), "no process has this id");
}

#[cfg(unix)]
#[test]
fn a_new_file_is_readable_by_others_like_any_document() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    write_atomically(&path, b"new", Backup::Keep).unwrap();
    let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(
        mode, 0o644,
        "rw-r--r--, not the temporary file's owner-only rw-------"
    );
}

/// Run again in a child process of its own working folder (the tests of a
/// process share one): `capmap new plan.ron` names no folder at all.
#[test]
fn a_new_file_named_without_a_folder_is_written_in_the_working_folder() {
    const CHILD: &str = "CAPMAP_TEST_WRITE_IN_WORKING_FOLDER";
    if std::env::var_os(CHILD).is_some() {
        write_atomically(Path::new("plan.ron"), b"new", Backup::Keep).unwrap();
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let module = module_path!().split_once("::").unwrap().1;
    let output = std::process::Command::new(std::env::current_exe().unwrap())
        .arg("--exact")
        .arg(format!(
            "{module}::a_new_file_named_without_a_folder_is_written_in_the_working_folder"
        ))
        .current_dir(dir.path())
        .env(CHILD, "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "the child failed: {stdout}");
    assert!(
        stdout.contains("1 passed"),
        "the child ran the test: {stdout}"
    );
    assert_eq!(
        fs::read(dir.path().join("plan.ron")).unwrap(),
        b"new",
        "the file is in the working folder"
    );
}
