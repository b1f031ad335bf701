//! Runs the `capmap` binary as a user would and checks exit codes and output.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test should fail loudly

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const EXAMPLE: &str = "assets/examples/platform-2026-q4.ron";

fn capmap(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_capmap"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn write(dir: &Path, name: &str, content: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path
}

#[test]
fn check_summarises_a_valid_file() {
    let out = capmap(&["check", EXAMPLE, "--as-of", "2026-11-27"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.starts_with(EXAMPLE), "{stdout}");
    assert!(stdout.contains("24 capabilities"), "{stdout}");
    assert!(stdout.contains("1 overdue exception,"), "{stdout}");
    assert!(stdout.contains("to score"), "{stdout}");
    assert!(out.stderr.is_empty());
}

#[test]
fn check_locates_syntax_errors_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(
        dir.path(),
        "bad.ron",
        "(\n    format: 1,\n    portfolio: (name: 7),\n)\n",
    );
    let out = capmap(&["check", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    let expected_prefix = format!("{}:3:", bad.display());
    assert!(stderr.starts_with(&expected_prefix), "{stderr}");
    assert!(out.stdout.is_empty());
}

#[test]
fn check_names_the_capability_for_rule_problems() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(
        dir.path(),
        "dup.ron",
        "(format: 1, portfolio: (name: \"P\", capabilities: [(id: \"logs\", name: \"Logs\"), (id: \"logs\", name: \"More logs\")]))",
    );
    let out = capmap(&["check", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        format!(
            "{}: capability logs: this id is used by another capability too\n",
            bad.display()
        )
    );
}

#[test]
fn check_reports_every_file_and_fails_if_any_is_bad() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.ron");
    let out = capmap(&["check", EXAMPLE, missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).contains("24 capabilities"));
    assert!(text(&out.stderr).contains("missing.ron"));
}

#[test]
fn check_refuses_a_newer_format() {
    let dir = tempfile::tempdir().unwrap();
    let newer = write(
        dir.path(),
        "newer.ron",
        "(format: 9, portfolio: (name: \"P\", hologram: On))",
    );
    let out = capmap(&["check", newer.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("format 9"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn report_markdown_groups_by_recommendation() {
    let out = capmap(&["report", EXAMPLE, "--as-of", "2026-11-27"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let md = text(&out.stdout);
    assert!(md.starts_with("# Decision log: "), "{md}");
    for heading in [
        "## Orchestrate",
        "## Operate",
        "## Hybrid",
        "## Rationalize",
        "## To score",
    ] {
        assert!(md.contains(heading), "missing {heading}");
    }
    assert!(md.contains("OVERDUE"));
    assert!(md.contains("**Conflict:** Severe"));
    let orchestrate = md.find("## Orchestrate").unwrap();
    let operate = md.find("## Operate").unwrap();
    assert!(orchestrate < operate);
}

#[test]
fn report_csv_has_a_header_and_a_row_per_capability() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("log.csv");
    let out = capmap(&[
        "report",
        EXAMPLE,
        "--format",
        "csv",
        "-o",
        out_path.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let mut reader = csv::Reader::from_path(&out_path).unwrap();
    let header = reader.headers().unwrap().clone();
    assert_eq!(&header[0], "id");
    assert!(header.iter().any(|h| h == "recommendation"));
    assert_eq!(reader.records().count(), 24);
}

#[test]
fn report_json_is_one_document() {
    let out = capmap(&["report", EXAMPLE, "--format", "json"]);
    assert!(out.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["capabilities"].as_array().unwrap().len(), 24);
    assert!(doc["capabilities"][0]["reason"].is_string());
}

#[test]
fn report_of_a_bad_file_fails_with_its_location() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(dir.path(), "bad.ron", "(format: 1");
    let out = capmap(&["report", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).starts_with(&format!("{}:1:", bad.display())));
}

#[test]
fn new_creates_files_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("workshop.ron");
    let out = capmap(&["new", empty.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let check = capmap(&["check", empty.to_str().unwrap()]);
    assert!(
        text(&check.stdout).contains("0 capabilities"),
        "{}",
        text(&check.stdout)
    );

    let again = capmap(&["new", empty.to_str().unwrap(), "--example"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again.stderr).contains("--force"));
    assert!(text(&capmap(&["check", empty.to_str().unwrap()]).stdout).contains("0 capabilities"));

    let forced = capmap(&["new", empty.to_str().unwrap(), "--example", "--force"]);
    assert!(forced.status.success());
    assert!(text(&capmap(&["check", empty.to_str().unwrap()]).stdout).contains("24 capabilities"));
    assert!(dir.path().join("workshop.ron.bak").exists());
}

#[test]
fn version_names_the_build() {
    let out = capmap(&["--version"]);
    assert!(out.status.success());
    let version = text(&out.stdout);
    assert!(
        version.starts_with(&format!("capmap {} (", env!("CARGO_PKG_VERSION"))),
        "{version}"
    );
}

#[test]
fn help_is_available_everywhere_and_bad_arguments_are_explained() {
    for args in [
        &["--help"][..],
        &["check", "--help"],
        &["report", "--help"],
        &["new", "--help"],
    ] {
        let out = capmap(args);
        assert!(out.status.success(), "{args:?}");
        assert!(text(&out.stdout).contains("Usage"), "{args:?}");
    }
    let out = capmap(&["report", EXAMPLE, "--format", "pdf"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("pdf"));
    let out = capmap(&["check", EXAMPLE, "--as-of", "yesterday"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("YYYY-MM-DD"));
}
