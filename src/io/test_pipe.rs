//! A named pipe for tests: a file with no size up front, like
//! `capmap import <(curl …)` reads.

use std::path::PathBuf;

/// A named pipe in a new folder, and a thread writing `bytes` into it once
/// a reader opens it. The thread is not joined: should the code under test
/// never open the pipe, it waits there, and joining it would hang the test
/// instead of failing it.
pub(super) fn pipe_with(bytes: Vec<u8>) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&path)
        .status()
        .unwrap();
    assert!(made.success(), "mkfifo {}", path.display());
    let writer_path = path.clone();
    std::thread::Builder::new()
        .name("pipe-writer".to_owned())
        .spawn(move || {
            use std::io::Write as _;
            let mut pipe = std::fs::File::options()
                .write(true)
                .open(writer_path)
                .unwrap();
            // A reader that stops early closes the pipe: not this test's
            // business.
            let _ = pipe.write_all(&bytes);
        })
        .unwrap();
    (dir, path)
}
