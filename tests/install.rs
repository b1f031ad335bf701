//! What a Debian package installs besides the binary: the manual pages and
//! shell completions (generated from the command line's own definitions,
//! and checked here not to have drifted from them), the menu entry and the
//! icons, all where `[package.metadata.deb]` says.
//!
//! After changing a command, refresh the generated files with
//! `UPDATE_GENERATED=1 cargo test --test install`.

#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "helpers outside #[test] functions should fail loudly too"
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn capmap(args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_capmap"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("the binary runs");
    assert!(
        out.status.success(),
        "capmap {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Compares `generated` with the committed file, or writes it when asked.
fn matches_committed(committed: &Path, generated: &[u8]) {
    if std::env::var_os("UPDATE_GENERATED").is_some() {
        std::fs::create_dir_all(committed.parent().unwrap()).unwrap();
        std::fs::write(committed, generated).unwrap();
        return;
    }
    let on_disk = std::fs::read(committed).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run UPDATE_GENERATED=1 cargo test --test install",
            committed.display()
        )
    });
    assert!(
        on_disk == generated,
        "{} is out of date: run UPDATE_GENERATED=1 cargo test --test install",
        committed.display()
    );
}

const SUBCOMMANDS: [&str; 11] = [
    "check",
    "report",
    "plan",
    "diff",
    "render",
    "import",
    "merge",
    "git-setup",
    "completions",
    "manpage",
    "new",
];

#[test]
fn the_completions_know_every_command_and_are_the_ones_shipped() {
    for (shell, file) in [
        ("bash", "capmap.bash"),
        ("zsh", "_capmap"),
        ("fish", "capmap.fish"),
    ] {
        let script = capmap(&["completions", shell]).stdout;
        let text = String::from_utf8(script.clone()).unwrap();
        for command in SUBCOMMANDS {
            assert!(text.contains(command), "{shell} completes {command}");
        }
        assert!(text.contains("as-of"), "{shell} completes options too");
        matches_committed(&root().join("assets/linux/completions").join(file), &script);
    }
}

#[test]
fn the_manual_pages_cover_every_command_and_are_the_ones_shipped() {
    let page = String::from_utf8(capmap(&["manpage"]).stdout).unwrap();
    assert!(
        page.starts_with(".ie \\n(.g .ds Aq"),
        "roff: {}",
        &page[..40]
    );
    assert!(page.contains(".TH capmap 1"), "{page}");
    for command in SUBCOMMANDS {
        // roff writes a hyphen as `\-`.
        let roff = command.replace('-', "\\-");
        assert!(page.contains(&roff), "the page lists {command}");
    }
    let dir = tempfile::tempdir().unwrap();
    capmap(&["manpage", "--dir", dir.path().to_str().unwrap()]);
    let mut written: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    written.sort();
    let names: Vec<String> = written
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert!(names.contains(&"capmap.1".to_owned()), "{names:?}");
    for command in SUBCOMMANDS {
        assert!(names.contains(&format!("capmap-{command}.1")), "{names:?}");
    }
    let shipped = root().join("assets/linux/man");
    for path in &written {
        matches_committed(
            &shipped.join(path.file_name().unwrap()),
            &std::fs::read(path).unwrap(),
        );
    }
    if std::env::var_os("UPDATE_GENERATED").is_none() {
        let committed = std::fs::read_dir(&shipped).unwrap().count();
        assert_eq!(
            committed,
            written.len(),
            "a page for a command that is gone"
        );
    }
}

/// `[package.metadata.deb]`'s assets, as (source, destination).
fn deb_assets() -> Vec<(String, String)> {
    let manifest = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    let section = manifest
        .split("[package.metadata.deb]")
        .nth(1)
        .expect("Cargo.toml has [package.metadata.deb]");
    let assets = section.split("assets = [").nth(1).unwrap();
    let assets = &assets[..assets.find("\n]").unwrap()];
    assets
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with('['))
        .map(|l| {
            let parts: Vec<&str> = l.split('"').collect();
            (parts[1].to_owned(), parts[3].to_owned())
        })
        .collect()
}

#[test]
fn the_package_ships_the_binary_menu_entry_icons_pages_and_completions() {
    let assets = deb_assets();
    let destinations: Vec<&str> = assets.iter().map(|(_, d)| d.as_str()).collect();
    for wanted in [
        "usr/bin/",
        "usr/share/applications/",
        "usr/share/mime/packages/capmap.xml",
        "usr/share/man/man1/",
        "usr/share/bash-completion/completions/capmap",
        "usr/share/zsh/vendor-completions/",
        "usr/share/fish/vendor_completions.d/",
        "usr/share/icons/hicolor/16x16/apps/",
        "usr/share/icons/hicolor/256x256/apps/",
    ] {
        assert!(
            destinations.contains(&wanted),
            "{wanted} in {destinations:?}"
        );
    }
    for (source, _) in &assets {
        if source.starts_with("target/") {
            continue;
        }
        let pattern = root().join(source);
        let found = if source.contains('*') {
            std::fs::read_dir(pattern.parent().unwrap())
                .unwrap()
                .next()
                .is_some()
        } else {
            pattern.exists()
        };
        assert!(found, "{source} is in the repository");
    }
}

#[test]
fn the_menu_entry_opens_files_and_names_an_icon_that_is_shipped() {
    let entry = std::fs::read_to_string(root().join("assets/linux/capmap.desktop")).unwrap();
    let field = |key: &str| {
        entry
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{key}=")))
            .unwrap_or_else(|| panic!("{key} in the .desktop file"))
            .to_owned()
    };
    assert_eq!(
        field("Exec"),
        "capmap %f",
        "a file opened from the file manager"
    );
    assert_eq!(field("Icon"), "capmap");
    let mime = std::fs::read_to_string(root().join("assets/linux/capmap-mime.xml")).unwrap();
    assert!(mime.contains(&format!(
        "type=\"{}",
        field("MimeType").trim_end_matches(';')
    )));
    for size in [16, 32, 48, 64, 128, 256] {
        let icon = root().join(format!(
            "assets/icons/hicolor/{size}x{size}/apps/capmap.png"
        ));
        let bytes = std::fs::read(&icon).unwrap();
        // The PNG header's width and height.
        let width = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
        let height = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
        assert_eq!((width, height), (size, size), "{}", icon.display());
    }
    // CI runs desktop-file-validate on it too (see .ci/run).
}
