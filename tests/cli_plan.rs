//! `capmap plan` as a user runs it, in each format, what `capmap check`
//! says about the follow-up of the bundled examples, and what the commands
//! that compare two files (read at once) say when one does not load.

#![expect(
    clippy::expect_used,
    reason = "helpers outside #[test] functions should fail loudly too"
)]

use std::process::{Command, Output};

const Q4: &str = "assets/examples/platform-2026-q4.ron";
const Q1: &str = "assets/examples/platform-2027-q1.ron";

fn capmap(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_capmap"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

fn stdout(out: &Output) -> String {
    assert!(
        out.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).expect("UTF-8 output")
}

#[test]
fn the_markdown_plan_lists_backlog_gaps_investment_and_reviews_in_that_order() {
    let text = stdout(&capmap(&["plan", Q4, "--as-of", "2026-11-27"]));
    let headings: Vec<&str> = text.lines().filter(|l| l.starts_with('#')).collect();
    assert_eq!(
        headings,
        [
            "# Plan: Northwind Pay platform map (2026-Q4)",
            "## Migration backlog",
            "## Gaps against the minimum standard",
            "## Investment needed",
            "## Decisions to look at again",
        ],
        "{text}"
    );
    let backlog_rows: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| #"))
        .collect();
    assert!(backlog_rows.len() >= 5, "at least five items:\n{text}");
    for status in ["Planned", "In progress", "Done"] {
        assert!(
            backlog_rows.iter().any(|r| r.contains(status)),
            "an item {status}:\n{text}"
        );
    }
    assert!(
        backlog_rows[0].starts_with("| 1 | CI/CD pipeline templates |"),
        "the most copied first:\n{text}"
    );
    assert!(text.contains("**Shadow tooling:**"), "{text}");
    assert!(
        text.contains("Container runtime**: Orchestrate once the platform can support it"),
        "{text}"
    );
    assert!(
        text.contains("**Low-latency matching engine**: Operate (overdue since 2026-11-15)"),
        "{text}"
    );
}

#[test]
fn the_csv_plan_opens_as_one_table_with_a_section_per_row() {
    let text = stdout(&capmap(&[
        "plan",
        Q4,
        "--format",
        "csv",
        "--as-of",
        "2026-11-27",
    ]));
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(
        reader.headers().unwrap().get(0),
        Some("section"),
        "the section comes first"
    );
    let sections: Vec<String> = reader.records().map(|r| r.unwrap()[0].to_owned()).collect();
    let first = |s: &str| sections.iter().position(|x| x == s).unwrap();
    assert!(
        first("backlog") < first("standard gap")
            && first("standard gap") < first("investment")
            && first("investment") < first("review"),
        "in the plan's order: {sections:?}"
    );
    assert_eq!(
        sections.iter().filter(|s| *s == "standard gap").count(),
        2,
        "the example's two gaps"
    );
}

#[test]
fn the_json_plan_holds_every_item_with_its_reason() {
    let text = stdout(&capmap(&[
        "plan",
        Q4,
        "--format",
        "json",
        "--as-of",
        "2026-11-27",
    ]));
    let plan: serde_json::Value = serde_json::from_str(&text).unwrap();
    let backlog = plan["backlog"].as_array().unwrap();
    assert!(backlog.len() >= 5, "{text}");
    assert!(
        backlog
            .iter()
            .all(|item| !item["reason"].as_str().unwrap().is_empty()),
        "every place has a reason"
    );
    assert_eq!(
        backlog
            .iter()
            .filter(|item| item["shadow_tooling"] == true)
            .count(),
        1,
        "one shadow-tooling case"
    );
    assert_eq!(plan["standard_gaps"].as_array().unwrap().len(), 2, "{text}");
    assert_eq!(plan["investment"][0]["readiness"], "No", "{text}");
}

#[test]
fn the_plan_is_written_to_a_file_but_never_over_the_portfolio_or_unasked() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("plan.md");
    let path = out.to_str().unwrap();
    assert!(
        capmap(&["plan", Q4, "-o", path]).status.success(),
        "written"
    );
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .starts_with("# Plan:"),
        "the plan is in the file"
    );
    let again = capmap(&["plan", Q4, "-o", path]);
    assert_eq!(again.status.code(), Some(1), "not replaced without --force");
    assert!(
        capmap(&["plan", Q4, "-o", path, "--force"])
            .status
            .success(),
        "replaced with --force"
    );
    let copy = dir.path().join("p.ron");
    std::fs::copy(Q4, &copy).unwrap();
    let copy = copy.to_str().unwrap();
    let over_itself = capmap(&["plan", copy, "-o", copy, "--force"]);
    assert_eq!(
        over_itself.status.code(),
        Some(1),
        "never over the portfolio"
    );
    assert_eq!(
        std::fs::read(copy).unwrap(),
        std::fs::read(Q4).unwrap(),
        "the portfolio is kept"
    );
}

#[test]
fn check_names_what_needs_following_up_and_the_next_quarter_shows_progress() {
    let q4 = stdout(&capmap(&["check", Q4, "--as-of", "2026-11-27"]));
    assert!(
        q4.trim_end().ends_with(
            "; 1 decision overdue for review, 2 capabilities short of the minimum standard, \
             1 case of shadow tooling, nobody from Platform engineering in the room"
        ),
        "{q4}"
    );
    let q1 = stdout(&capmap(&["check", Q1, "--as-of", "2027-01-20"]));
    assert!(
        q1.contains("; 1 capability short of the minimum standard,"),
        "one gap closed: {q1}"
    );
    let scorecard = stdout(&capmap(&[
        "report",
        Q1,
        "--scorecard",
        "--baseline",
        Q4,
        "--as-of",
        "2027-01-20",
    ]));
    assert!(
        scorecard.contains("- Capabilities with standard gaps: 2 → 1, down (better)"),
        "{scorecard}"
    );
    let targets: Vec<&str> = scorecard.lines().filter(|l| l.contains("track)")).collect();
    assert!(targets.len() >= 3, "targets on three metrics:\n{scorecard}");
}

#[test]
fn a_file_without_follow_up_says_nothing_new_and_saves_as_format_1() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.ron");
    let path = path.to_str().unwrap();
    assert!(capmap(&["new", path]).status.success(), "created");
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains("format: 1,"), "{text}");
    let check = stdout(&capmap(&["check", path]));
    assert!(!check.contains(';'), "nothing to follow up: {check}");
    let plan = stdout(&capmap(&["plan", path]));
    assert!(plan.contains("Nothing to migrate"), "{plan}");
}

/// A file that does not parse, its problem on line 2.
fn broken(dir: &std::path::Path, name: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, "(format: 1,\n  portfolio: (name: 42))").expect("written");
    path.to_str().expect("a UTF-8 path").to_owned()
}

fn stderr_of(out: &Output) -> String {
    assert!(
        !out.status.success(),
        "a file that does not load fails the command"
    );
    String::from_utf8(out.stderr.clone()).expect("UTF-8 output")
}

#[test]
fn comparing_two_files_names_each_that_does_not_load_the_first_first() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let (old, new) = (broken(dir.path(), "old.ron"), broken(dir.path(), "new.ron"));
    let both = stderr_of(&capmap(&["diff", &old, &new]));
    let (at_old, at_new) = (both.find("old.ron:2:"), both.find("new.ron:2:"));
    assert!(
        at_old.is_some() && at_new.is_some() && at_old < at_new,
        "each located, in the order given: {both}"
    );
    let second = stderr_of(&capmap(&["diff", Q4, &new]));
    assert!(second.contains("new.ron:2:"), "{second}");
    assert!(
        !second.contains("platform-2026-q4"),
        "the good one is not blamed: {second}"
    );
}

#[test]
fn a_baseline_that_does_not_load_is_named_and_only_when_the_file_itself_loads() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let (file, baseline) = (
        broken(dir.path(), "now.ron"),
        broken(dir.path(), "then.ron"),
    );
    let scorecard = |file: &str, baseline: &str| {
        stderr_of(&capmap(&[
            "report",
            file,
            "--scorecard",
            "--baseline",
            baseline,
        ]))
    };
    let bad_baseline = scorecard(Q1, &baseline);
    assert!(bad_baseline.contains("then.ron:2:"), "{bad_baseline}");
    let both_bad = scorecard(&file, &baseline);
    assert!(both_bad.contains("now.ron:2:"), "{both_bad}");
    assert!(
        !both_bad.contains("then.ron"),
        "the baseline's problems wait until the file loads: {both_bad}"
    );
}
