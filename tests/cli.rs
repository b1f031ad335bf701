//! Runs the `capmap` binary as a user would and checks exit codes and output.

#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "helpers outside #[test] functions should fail loudly too"
)]

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
    use clap::CommandFactory;
    let out = capmap(&["--help"]);
    assert!(out.status.success());
    let top = text(&out.stdout);
    assert!(top.contains("Usage: capmap"), "{top}");
    // Every subcommand the CLI defines, not a list copied here.
    let cli = capmap::cli::Cli::command();
    let subcommands: Vec<&clap::Command> = cli.get_subcommands().collect();
    assert!(subcommands.len() >= 6, "{} subcommands", subcommands.len());
    for subcommand in subcommands {
        let name = subcommand.get_name();
        let about = subcommand
            .get_about()
            .map(ToString::to_string)
            .unwrap_or_default();
        assert!(!about.is_empty(), "{name} says what it does");
        assert!(
            top.contains(&format!("  {name}")),
            "--help lists {name}: {top}"
        );
        assert!(top.contains(&about), "--help says what {name} does: {top}");
        let out = capmap(&[name, "--help"]);
        assert!(out.status.success(), "{name} --help: {}", text(&out.stderr));
        let help = text(&out.stdout);
        assert!(help.starts_with(&about), "{name} --help: {help}");
        assert!(
            help.contains(&format!("Usage: capmap {name} ")),
            "{name} --help: {help}"
        );
        // Each of its options is explained.
        for arg in subcommand.get_arguments() {
            if let Some(long) = arg.get_long() {
                assert!(
                    help.contains(&format!("--{long}")),
                    "{name} --help names --{long}: {help}"
                );
            }
        }
    }
    let out = capmap(&["report", EXAMPLE, "--format", "pdf"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("pdf"));
    let out = capmap(&["check", EXAMPLE, "--as-of", "yesterday"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("YYYY-MM-DD"));
}

#[test]
fn import_turns_a_spreadsheet_into_a_portfolio() {
    let dir = tempfile::tempdir().unwrap();
    let csv = write(
        dir.path(),
        "capabilities.csv",
        "name,zone,reuse,cost,risk,differentiation,owner\n\
         Identity,Regulated control,5,4,5,1,Security\n\
         \"Search, catalogue\",,2,3,,,Data\n",
    );
    let out_path = dir.path().join("imported.ron");
    let out = capmap(&[
        "import",
        csv.to_str().unwrap(),
        "-o",
        out_path.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("imported 2 capabilities and 2 teams"));
    let check = capmap(&["check", out_path.to_str().unwrap()]);
    assert!(
        text(&check.stdout).contains("2 capabilities"),
        "{}",
        text(&check.stdout)
    );
}

#[test]
fn import_of_a_bad_spreadsheet_names_line_and_column_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let csv = write(dir.path(), "bad.csv", "name,reuse\nA,3\nB,seven\n");
    let out_path = dir.path().join("never.ron");
    let out = capmap(&[
        "import",
        csv.to_str().unwrap(),
        "-o",
        out_path.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with(&format!(
            "{}:3:2: `seven` is not a score; use a whole number from 1 to 5, or leave it \
             empty (column reuse)",
            csv.display()
        )),
        "{stderr}"
    );
    assert!(!out_path.exists());
}

#[test]
fn render_writes_an_svg_that_parses_and_names_every_scored_capability() {
    let dir = tempfile::tempdir().unwrap();
    let svg_path = dir.path().join("chart.svg");
    let out = capmap(&["render", EXAMPLE, "-o", svg_path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let svg = std::fs::read_to_string(&svg_path).unwrap();
    let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
    assert_eq!(doc.root_element().attribute("width"), Some("1920"));
    let texts: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect();
    assert!(texts.contains(&"ORCHESTRATE"), "{texts:?}");

    let portfolio = capmap::io::load(Path::new(EXAMPLE)).unwrap();
    let scored: Vec<&std::sync::Arc<capmap::model::Capability>> = portfolio
        .capabilities
        .iter()
        .filter(|c| capmap::model::assess(c, &portfolio.scoring).is_some())
        .collect();
    assert!(scored.len() > 20, "{} scored", scored.len());
    assert!(scored.len() < portfolio.capabilities.len(), "some are not");
    let group = |id: &str| {
        doc.descendants().find(|n| {
            n.has_tag_name("g")
                && n.attribute("class") == Some("capability")
                && n.attribute("data-id") == Some(id)
        })
    };
    for capability in &portfolio.capabilities {
        let name = &capability.name;
        let Some(group) = group(&capability.id) else {
            assert!(
                !scored.iter().any(|c| c.id == capability.id),
                "{name} is scored but not plotted"
            );
            continue;
        };
        assert!(
            scored.iter().any(|c| c.id == capability.id),
            "{name} is not scored, yet plotted"
        );
        let title = group
            .children()
            .find(|n| n.has_tag_name("title"))
            .and_then(|n| n.text())
            .unwrap_or_default();
        assert!(title.starts_with(&format!("{name} (")), "{title}");
        // Named beside its dot: in full, or shortened with an ellipsis.
        let label = group
            .descendants()
            .find(|n| n.has_tag_name("text") && n.attribute("class") == Some("label"))
            .and_then(|n| n.text())
            .unwrap_or_else(|| panic!("{name} has no label"));
        let named = label == name
            || label
                .strip_suffix('…')
                .is_some_and(|start| start.len() >= 10 && name.starts_with(start));
        assert!(named, "{name} is labelled {label:?}");
    }
    let groups = doc
        .descendants()
        .filter(|n| n.has_tag_name("g") && n.attribute("class") == Some("capability"))
        .count();
    assert_eq!(groups, scored.len(), "one dot per scored capability");
}

#[test]
fn render_writes_a_png_of_the_asked_size_that_is_not_blank() {
    let dir = tempfile::tempdir().unwrap();
    let png_path = dir.path().join("chart.png");
    let out = capmap(&[
        "render",
        EXAMPLE,
        "-o",
        png_path.to_str().unwrap(),
        "--width",
        "800",
        "--height",
        "600",
        "--theme",
        "dark",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let image = resvg::tiny_skia::Pixmap::load_png(&png_path).expect("a PNG");
    assert_eq!((image.width(), image.height()), (800, 600));
    let first = image.pixels()[0];
    let different = image.pixels().iter().filter(|p| **p != first).count();
    assert!(
        different > 800 * 600 / 20,
        "only {different} pixels differ from the background"
    );
}

#[test]
fn render_refuses_unknown_formats_and_bad_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = capmap(&[
        "render",
        EXAMPLE,
        "-o",
        dir.path().join("chart.pdf").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains(".svg or .png"));
    let bad = write(dir.path(), "bad.ron", "(format: 1,");
    let out = capmap(&[
        "render",
        bad.to_str().unwrap(),
        "-o",
        dir.path().join("c.svg").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn hostile_names_stay_text_in_markdown_csv_and_svg() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "hostile.ron",
        "(format: 1, portfolio: (name: \"P\", capabilities: [\
         (id: \"a\", name: \"<script>alert(1)</script>\", scores: (reuse: 3, cost: 3, risk: 3, differentiation: 3)), \
         (id: \"b\", name: \"=HYPERLINK(\\\"http://evil\\\")\", rationale: \"@SUM(A1)\"), \
         (id: \"c\", name: \"[click](http://evil) | *bold*\")]))",
    );
    let md = text(&capmap(&["report", file.to_str().unwrap()]).stdout);
    assert!(!md.contains("<script>"), "{md}");
    assert!(md.contains("&lt;script&gt;"));
    assert!(
        md.contains("\\[click\\](http://evil) \\| \\*bold\\*"),
        "{md}"
    );

    let csv_text = text(&capmap(&["report", file.to_str().unwrap(), "--format", "csv"]).stdout);
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(&rows[1][1], "'=HYPERLINK(\"http://evil\")");
    assert!(rows[1].iter().any(|cell| cell == "'@SUM(A1)"));

    let svg_path = dir.path().join("h.svg");
    assert!(
        capmap(&[
            "render",
            file.to_str().unwrap(),
            "-o",
            svg_path.to_str().unwrap()
        ])
        .status
        .success()
    );
    let svg = std::fs::read_to_string(&svg_path).unwrap();
    assert!(!svg.contains("<script>"));
    roxmltree::Document::parse(&svg).expect("still well-formed");
}

#[test]
fn diff_of_two_quarters_names_each_move() {
    let dir = tempfile::tempdir().unwrap();
    let old = EXAMPLE;
    // Next quarter: release automation is re-scored and centralized, search is
    // dropped, chaos testing is new.
    let source = std::fs::read_to_string(EXAMPLE)
        .unwrap()
        .replace("quarter: \"2026-Q4\"", "quarter: \"2027-Q1\"");
    let mut next = capmap::io::from_ron(&source, Path::new("next.ron")).unwrap();
    let release = next.capability_mut("release-automation").unwrap();
    release.scores.reuse = capmap::model::Score::new(5);
    release.scores.differentiation = capmap::model::Score::new(2);
    release.decision = capmap::model::Decision::Orchestrate;
    release.rationale = "Templates caught up".into();
    next.capabilities.retain(|c| c.id != "product-search");
    next.capabilities
        .push(capmap::model::Capability::new("chaos-testing", "Chaos testing").into());
    let new_path = dir.path().join("2027-q1.ron");
    capmap::io::save(&next, &new_path).unwrap();

    let out = capmap(&["diff", old, new_path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let md = text(&out.stdout);
    assert!(md.starts_with("# What changed: 2026-Q4 → 2027-Q1"), "{md}");
    assert!(
        md.contains("## Moved from team-owned to shared\n\n- Release automation"),
        "{md}"
    );
    assert!(md.contains("quadrant Operate → Orchestrate"), "{md}");
    assert!(
        md.contains("reuse 2 → 5") || md.contains("reuse 3 → 5"),
        "{md}"
    );
    assert!(
        md.contains("## New\n\n- Chaos testing (`chaos-testing`)"),
        "{md}"
    );
    assert!(
        md.contains("## Removed\n\n- Product and merchant search"),
        "{md}"
    );

    let json = capmap(&["diff", old, new_path.to_str().unwrap(), "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(doc["added"][0][0], "chaos-testing");
    assert_eq!(doc["changed"][0]["id"], "release-automation");
}

#[test]
fn the_scorecard_against_last_quarter_shows_moves_exceptions_and_metrics() {
    let out = capmap(&[
        "report",
        "assets/examples/platform-2027-q1.ron",
        "--scorecard",
        "--baseline",
        EXAMPLE,
        "--as-of",
        "2026-11-27",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let md = text(&out.stdout);
    assert!(
        md.starts_with("# Scorecard: Northwind Pay platform map (2027-Q1)"),
        "{md}"
    );
    assert!(md.contains("## Moved from team-owned to shared\n\n- Release automation"));
    assert!(md.contains("3 open, 1 overdue."));
    assert!(md.contains("- CI/CD pipeline templates (3 separate copies)"));
    assert!(md.contains("- Feature flags (votes 3 points apart)"));
    assert!(md.contains("toil 60 → 25 hours/month (better)"));
    let json = capmap(&["report", EXAMPLE, "--scorecard", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(doc["baseline"], serde_json::Value::Null);
    let baseline_without_scorecard = capmap(&["report", EXAMPLE, "--baseline", EXAMPLE]);
    assert_eq!(baseline_without_scorecard.status.code(), Some(2));
}

#[test]
fn render_labels_names_numbers_or_automatically() {
    let dir = tempfile::tempdir().unwrap();
    let svg = |labels: Option<&str>| {
        let path = dir.path().join("chart.svg");
        let mut args = vec!["render", EXAMPLE, "-o", path.to_str().unwrap(), "--force"];
        if let Some(labels) = labels {
            args.extend(["--labels", labels]);
        }
        let out = capmap(&args);
        assert!(out.status.success(), "{}", text(&out.stderr));
        std::fs::read_to_string(&path).unwrap()
    };
    let count = |svg: &str, class: &str| svg.matches(&format!("class=\"{class}\"")).count();
    // The example's names all fit at 1920x1080: automatic names them.
    let auto = svg(None);
    assert_eq!(count(&auto, "label"), 21);
    assert_eq!(count(&auto, "index-entry"), 0);
    let numbers = svg(Some("numbers"));
    assert_eq!(count(&numbers, "label"), 0);
    assert_eq!(count(&numbers, "index-entry"), 21);
    assert!(count(&numbers, "marker") > 0);
    assert_eq!(svg(Some("names")), auto);
    let out = capmap(&["render", EXAMPLE, "-o", "x.svg", "--labels", "dots"]);
    assert_eq!(out.status.code(), Some(2), "an unknown choice is refused");
}

#[test]
fn render_draws_arrows_from_a_baseline_and_vote_spread_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chart.svg");
    let render = |extra: &[&str]| {
        let mut args = vec![
            "render",
            "assets/examples/platform-2027-q1.ron",
            "-o",
            path.to_str().unwrap(),
            "--force",
        ];
        args.extend(extra);
        let out = capmap(&args);
        assert!(out.status.success(), "{}", text(&out.stderr));
        std::fs::read_to_string(&path).unwrap()
    };
    let plain = render(&[]);
    assert!(!plain.contains("class=\"moved\""));
    assert!(!plain.contains("class=\"spread\""));
    let compared = render(&["--baseline", EXAMPLE]);
    assert!(
        compared.contains("class=\"moved\""),
        "arrows from last quarter"
    );
    assert!(compared.contains("moved since the compared quarter"));
    let spread = render(&["--vote-spread"]);
    assert!(spread.contains("class=\"spread\""), "whiskers when asked");
    assert!(spread.contains("vote spread, lowest to highest"));
}

#[test]
fn render_says_which_names_no_font_can_draw() {
    let dir = tempfile::tempdir().unwrap();
    let example = std::fs::read_to_string(EXAMPLE).unwrap();
    assert!(example.contains("\"Cloud cost reporting\""));
    let odd = example.replace("\"Cloud cost reporting\"", "\"Cloud \u{e000} reporting\"");
    let file = write(dir.path(), "odd.ron", &odd);
    let png = dir.path().join("chart.png");
    let out = capmap(&[
        "render",
        file.to_str().unwrap(),
        "-o",
        png.to_str().unwrap(),
        "--width",
        "800",
        "--height",
        "600",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(r#""Cloud \u{e000} reporting""#),
        "the name is named, escaped: {stderr}"
    );
    let out = capmap(&["render", EXAMPLE, "-o", png.to_str().unwrap(), "--force"]);
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
}

#[test]
fn counts_of_one_are_singular() {
    let dir = tempfile::tempdir().unwrap();
    let mut portfolio = capmap::model::Portfolio::new("Tiny");
    portfolio
        .capabilities
        .push(capmap::model::Capability::new("ci", "CI").into());
    portfolio.teams.push(capmap::model::Team {
        id: "platform".into(),
        name: "Platform".into(),
    });
    let path = dir.path().join("tiny.ron");
    capmap::io::save(&portfolio, &path).unwrap();
    let out = capmap(&["check", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains(": 1 capability in 1 team, "), "{stdout}");
    assert!(!stdout.contains("1 capabilities") && !stdout.contains("1 teams"));
}

/// The lines of the Markdown log's entry for capability `id`.
fn markdown_entry<'a>(md: &'a str, id: &str) -> &'a str {
    let heading = format!(" (`{id}`)\n");
    let start = md
        .find(&heading)
        .unwrap_or_else(|| panic!("no entry for {id}"));
    let rest = &md[start..];
    let end = rest.find("\n### ").unwrap_or(rest.len());
    &rest[..end]
}

#[test]
fn the_decision_log_gives_each_escalation_path_support_boundary_and_slo() {
    type Field = fn(&capmap::model::Capability) -> &str;
    let portfolio = capmap::io::load(Path::new(EXAMPLE)).unwrap();
    let fields: [(&str, &str, Field); 3] = [
        ("Escalation path", "escalation_path", |c| &c.escalation_path),
        ("Support boundary", "support_boundary", |c| {
            &c.support_boundary
        }),
        ("SLO", "slo", |c| &c.slo),
    ];
    for (label, _, field) in fields {
        assert!(
            portfolio.capabilities.iter().any(|c| !field(c).is_empty()),
            "the example has a capability with a {label}"
        );
    }

    let md = text(&capmap(&["report", EXAMPLE, "--as-of", "2026-11-27"]).stdout);
    let dir = tempfile::tempdir().unwrap();
    let csv_path = dir.path().join("log.csv");
    let out = capmap(&[
        "report",
        EXAMPLE,
        "--format",
        "csv",
        "-o",
        csv_path.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let mut reader = csv::Reader::from_path(&csv_path).unwrap();
    let header = reader.headers().unwrap().clone();
    let column = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no {name} column in {header:?}"))
    };
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), portfolio.capabilities.len());

    for capability in &portfolio.capabilities {
        let entry = markdown_entry(&md, &capability.id);
        let row = rows
            .iter()
            .find(|r| &r[column("id")] == capability.id.as_str())
            .unwrap_or_else(|| panic!("no row for {}", capability.id));
        for (label, header, field) in fields {
            let value = field(capability);
            let line = format!("- **{label}:** ");
            if value.is_empty() {
                assert!(!entry.contains(&line), "{entry}");
            } else {
                let expected = format!("{line}{}\n", capmap::export::escape_markdown(value));
                assert!(entry.contains(&expected), "{label} missing: {entry}");
            }
            assert_eq!(&row[column(header)], value, "{} {header}", capability.id);
        }
    }
}

/// The centre of each capability's dot in a rendered SVG, by id.
fn svg_dots(doc: &roxmltree::Document<'_>) -> Vec<(String, [f64; 2])> {
    doc.descendants()
        .filter(|n| n.has_tag_name("g") && n.attribute("class") == Some("capability"))
        .filter_map(|g| {
            let id = g.attribute("data-id")?.to_owned();
            let dot = g.children().find(|n| n.has_tag_name("circle"))?;
            let at = |a: &str| dot.attribute(a)?.parse::<f64>().ok();
            Some((id, [at("cx")?, at("cy")?]))
        })
        .collect()
}

#[test]
fn render_with_a_baseline_draws_an_arrow_from_each_old_spot_to_the_new_one() {
    use capmap::model::assess;
    let new_path = "assets/examples/platform-2027-q1.ron";
    let old = capmap::io::load(Path::new(EXAMPLE)).unwrap();
    let new = capmap::io::load(Path::new(new_path)).unwrap();
    let today = capmap::model::Date::from_ymd(2026, 11, 27).unwrap();
    let geometry = capmap::export::ChartGeometry::new(&new, today);

    // What moved, worked out here from the two files: scored in both
    // quarters, at another spot now.
    let mut expected: Vec<(String, [f64; 2], [f64; 2])> = new
        .capabilities
        .iter()
        .filter_map(|c| {
            let now = assess(c, &new.scoring)?;
            let before = assess(old.capability(&c.id)?, &old.scoring)?;
            let from = [before.differentiation, before.pull];
            let to = [now.differentiation, now.pull];
            let moved = (from[0] - to[0]).abs() > 1e-9 || (from[1] - to[1]).abs() > 1e-9;
            moved.then(|| (c.id.clone(), from, to))
        })
        .collect();
    let mut moves: Vec<(String, [f64; 2], [f64; 2])> = geometry
        .moves_from(&old)
        .into_iter()
        .map(|m| (m.id, m.from, m.to))
        .collect();
    expected.sort_by(|a, b| a.0.cmp(&b.0));
    moves.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(expected.len() >= 2, "{expected:?}");
    assert_eq!(moves, expected);

    let dir = tempfile::tempdir().unwrap();
    let svg_path = dir.path().join("chart.svg");
    let out = capmap(&[
        "render",
        new_path,
        "-o",
        svg_path.to_str().unwrap(),
        "--baseline",
        EXAMPLE,
        "--as-of",
        "2026-11-27",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let svg = std::fs::read_to_string(&svg_path).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();

    // The image's axes, from two dots alone on their spots.
    let dots = svg_dots(&doc);
    let alone: Vec<(&capmap::export::ChartPoint, [f64; 2])> = geometry
        .points
        .iter()
        .filter(|p| p.shared_with == 1)
        .filter_map(|p| Some((p, dots.iter().find(|(id, _)| *id == p.id())?.1)))
        .collect();
    let (a, b) = alone
        .iter()
        .flat_map(|a| alone.iter().map(move |b| (a, b)))
        .find(|(a, b)| {
            (a.0.differentiation - b.0.differentiation).abs() > 0.5
                && (a.0.pull - b.0.pull).abs() > 0.5
        })
        .expect("two dots apart");
    let x_scale = (b.1[0] - a.1[0]) / (b.0.differentiation - a.0.differentiation);
    let y_scale = (b.1[1] - a.1[1]) / (b.0.pull - a.0.pull);
    let image = |at: [f64; 2]| {
        [
            a.1[0] + (at[0] - a.0.differentiation) * x_scale,
            a.1[1] + (at[1] - a.0.pull) * y_scale,
        ]
    };
    for (p, dot) in &alone {
        let want = image([p.differentiation, p.pull]);
        assert!((want[0] - dot[0]).abs() < 0.5 && (want[1] - dot[1]).abs() < 0.5);
    }

    let arrows: Vec<([f64; 2], [f64; 2])> = doc
        .descendants()
        .filter(|n| n.has_tag_name("g") && n.attribute("class") == Some("moved"))
        .map(|g| {
            let line = g.children().find(|n| n.has_tag_name("line")).unwrap();
            let at = |a: &str| line.attribute(a).unwrap().parse::<f64>().unwrap();
            let polygon = g.children().find(|n| n.has_tag_name("polygon")).unwrap();
            let tip: Vec<f64> = polygon
                .attribute("points")
                .unwrap()
                .split([' ', ','])
                .take(2)
                .map(|v| v.parse().unwrap())
                .collect();
            ([at("x1"), at("y1")], [tip[0], tip[1]])
        })
        .collect();
    assert!(arrows.len() <= moves.len(), "{} arrows", arrows.len());
    let distance = |a: [f64; 2], b: [f64; 2]| (a[0] - b[0]).hypot(a[1] - b[1]);
    let mut drawn = 0;
    for (id, from, to) in &moves {
        let (start, end) = (image(*from), image(*to));
        // A move shorter than a dot is too short for an arrow.
        if distance(start, end) < 40.0 {
            continue;
        }
        drawn += 1;
        assert!(
            arrows
                .iter()
                .any(|(s, tip)| distance(*s, start) < 0.5 && distance(*tip, end) < 20.0),
            "no arrow for {id} from {start:?} to {end:?}: {arrows:?}"
        );
    }
    assert!(drawn >= 2, "{drawn} long moves");
}

#[test]
fn report_and_render_keep_an_existing_file_unless_told_to_replace_it() {
    let dir = tempfile::tempdir().unwrap();
    let log = write(dir.path(), "log.md", "notes I wrote by hand\n");
    let chart = write(dir.path(), "chart.svg", "<svg>my drawing</svg>\n");
    let outputs = [
        (vec!["report", EXAMPLE, "-o", log.to_str().unwrap()], &log),
        (
            vec!["render", EXAMPLE, "-o", chart.to_str().unwrap()],
            &chart,
        ),
    ];
    for (args, path) in outputs {
        let before = std::fs::read_to_string(path).unwrap();
        let out = capmap(&args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let stderr = text(&out.stderr);
        assert!(
            stderr.contains("already exists; pass --force to replace it"),
            "{args:?}: {stderr}"
        );
        assert_eq!(std::fs::read_to_string(path).unwrap(), before, "{args:?}");

        let forced = capmap(&[args.as_slice(), &["--force"]].concat());
        assert!(forced.status.success(), "{}", text(&forced.stderr));
        assert_ne!(std::fs::read_to_string(path).unwrap(), before, "{args:?}");
    }
}

#[test]
fn no_command_writes_over_the_file_it_reads_even_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let portfolio = write(
        dir.path(),
        "platform.ron",
        &std::fs::read_to_string(EXAMPLE).unwrap(),
    );
    // The same file by another name: through `..`, a link, a hard link.
    let roundabout = dir.path().join("sub/../platform.ron");
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    let hard_link = dir.path().join("hard.ron");
    std::fs::hard_link(&portfolio, &hard_link).unwrap();
    // A portfolio whose name ends in .svg is read as one all the same.
    let drawing = write(
        dir.path(),
        "map.svg",
        &std::fs::read_to_string(EXAMPLE).unwrap(),
    );
    let csv = write(dir.path(), "caps.csv", "name\nIdentity\n");
    let p = portfolio.to_str().unwrap();
    let attempts: Vec<Vec<&str>> = vec![
        vec!["report", p, "-o", p, "--force"],
        vec!["report", p, "-o", roundabout.to_str().unwrap(), "--force"],
        vec!["report", p, "-o", hard_link.to_str().unwrap(), "--force"],
        vec![
            "report",
            EXAMPLE,
            "--scorecard",
            "--baseline",
            p,
            "-o",
            p,
            "--force",
        ],
        vec![
            "render",
            drawing.to_str().unwrap(),
            "-o",
            drawing.to_str().unwrap(),
            "--force",
        ],
        vec![
            "import",
            csv.to_str().unwrap(),
            "-o",
            csv.to_str().unwrap(),
            "--force",
        ],
    ];
    let before: Vec<Vec<u8>> = [&portfolio, &drawing, &csv]
        .iter()
        .map(|f| std::fs::read(f).unwrap())
        .collect();
    for args in attempts {
        let out = capmap(&args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let stderr = text(&out.stderr);
        assert!(
            stderr.contains("which this command reads; write to another file"),
            "{args:?}: {stderr}"
        );
        let after: Vec<Vec<u8>> = [&portfolio, &drawing, &csv]
            .iter()
            .map(|f| std::fs::read(f).unwrap())
            .collect();
        assert!(after == before, "{args:?} changed a file it reads");
    }
    assert_eq!(
        names_in(dir.path()),
        ["caps.csv", "hard.ron", "map.svg", "platform.ron", "sub"],
        "no backup or temporary file either"
    );
}

/// The names in `dir`, sorted.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_save_clears_the_temporary_files_a_killed_save_left_and_leaves_none_of_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let old = std::time::SystemTime::now() - std::time::Duration::from_mins(10);
    // A save that was killed: its process is gone.
    let mut gone = Command::new(env!("CARGO_BIN_EXE_capmap"))
        .arg("--version")
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let gone_pid = gone.id();
    gone.wait().unwrap();
    write(
        dir.path(),
        &format!(".capmap-{gone_pid}-Ab3dE9.tmp"),
        "half a",
    );
    write(
        dir.path(),
        &format!(".capmap-{gone_pid}-Zz9yX8.bak.tmp"),
        "half a backup",
    );
    // One from an older capmap, with no process id, killed ten minutes ago.
    let legacy = write(dir.path(), ".capmap-Qw7eR5.tmp", "half a");
    std::fs::File::options()
        .write(true)
        .open(&legacy)
        .unwrap()
        .set_modified(old)
        .unwrap();
    // A save still under way in a running process, and the user's own files.
    let running = format!(".capmap-{}-Live01.tmp", std::process::id());
    write(dir.path(), &running, "being written");
    let notes = write(dir.path(), "notes.tmp", "mine");
    std::fs::File::options()
        .write(true)
        .open(&notes)
        .unwrap()
        .set_modified(old)
        .unwrap();

    let portfolio = dir.path().join("platform.ron");
    let out = capmap(&["new", portfolio.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        names_in(dir.path()),
        [running.as_str(), "notes.tmp", "platform.ron"]
    );

    // Saves that really are killed part way, then one that is not.
    for delay_ms in [0, 1, 2, 5, 10, 20] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_capmap"))
            .args(["new", portfolio.to_str().unwrap(), "--example", "--force"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        child.wait().unwrap();
    }
    std::fs::remove_file(dir.path().join(&running)).unwrap();
    let out = capmap(&["new", portfolio.to_str().unwrap(), "--example", "--force"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        names_in(dir.path()),
        ["notes.tmp", "platform.ron", "platform.ron.bak"],
        "what `git add .` would pick up"
    );
}

#[test]
fn a_folder_as_the_output_is_called_a_directory_not_a_reason_to_pass_force() {
    let dir = tempfile::tempdir().unwrap();
    let csv = write(dir.path(), "caps.csv", "name\nIdentity\n");
    let folder = dir.path().join("out.svg");
    std::fs::create_dir(&folder).unwrap();
    let f = folder.to_str().unwrap();
    for force in [false, true] {
        let attempts = [
            vec!["new", f],
            vec!["import", csv.to_str().unwrap(), "-o", f],
            vec!["report", EXAMPLE, "-o", f],
            vec!["render", EXAMPLE, "-o", f],
        ];
        for mut args in attempts {
            if force {
                args.push("--force");
            }
            let out = capmap(&args);
            assert_eq!(out.status.code(), Some(1), "{args:?}");
            let stderr = text(&out.stderr);
            assert!(
                stderr.starts_with(&format!("capmap: cannot write {f}: Is a directory")),
                "{args:?}: {stderr}"
            );
            assert!(!stderr.contains("--force"), "{args:?}: {stderr}");
            assert!(folder.is_dir());
        }
    }
    assert_eq!(names_in(&folder), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn a_link_to_nothing_as_the_output_is_refused_and_stays_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("platform.ron");
    std::os::unix::fs::symlink("moved-away.ron", &link).unwrap();
    let chart = dir.path().join("chart.svg");
    std::os::unix::fs::symlink("charts/chart.svg", &chart).unwrap();
    for args in [
        vec!["new", link.to_str().unwrap()],
        vec!["new", link.to_str().unwrap(), "--force"],
        vec!["report", EXAMPLE, "-o", link.to_str().unwrap(), "--force"],
        vec!["render", EXAMPLE, "-o", chart.to_str().unwrap(), "--force"],
    ] {
        let out = capmap(&args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let stderr = text(&out.stderr);
        assert!(
            stderr.contains("a symbolic link to ") && stderr.contains(", which does not exist"),
            "{args:?}: {stderr}"
        );
        for path in [&link, &chart] {
            assert!(
                std::fs::symlink_metadata(path)
                    .unwrap()
                    .file_type()
                    .is_symlink(),
                "{args:?} replaced the link"
            );
        }
    }
    assert_eq!(names_in(dir.path()), ["chart.svg", "platform.ron"]);
}

#[cfg(unix)]
#[test]
fn a_read_only_output_is_refused_even_with_force() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let locked = write(
        dir.path(),
        "locked.ron",
        "(format: 1, portfolio: (name: \"Mine\"))",
    );
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o444)).unwrap();
    let l = locked.to_str().unwrap();
    for args in [
        vec!["new", l, "--example", "--force"],
        vec!["report", EXAMPLE, "-o", l, "--force"],
    ] {
        let out = capmap(&args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let stderr = text(&out.stderr);
        assert!(
            stderr.starts_with(&format!("capmap: cannot write {l}: the file is read-only")),
            "{args:?}: {stderr}"
        );
        assert_eq!(
            std::fs::read_to_string(&locked).unwrap(),
            "(format: 1, portfolio: (name: \"Mine\"))"
        );
    }
    assert_eq!(names_in(dir.path()), ["locked.ron"]);
}

#[test]
fn a_misspelt_command_is_named_with_a_suggestion_instead_of_opening_a_window() {
    for (args, wrong, suggested) in [
        (vec!["chek", EXAMPLE], "chek", Some("check")),
        (vec!["chek"], "chek", Some("check")),
        (
            vec!["rendr", EXAMPLE, "-o", "x.svg"],
            "rendr",
            Some("render"),
        ),
        (vec!["frobnicate", EXAMPLE], "frobnicate", None),
    ] {
        let out = capmap(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = text(&out.stderr);
        assert!(
            stderr.starts_with(&format!("error: unrecognized subcommand '{wrong}'")),
            "{args:?}: {stderr}"
        );
        match suggested {
            Some(name) => assert!(
                stderr.contains(&format!("a similar subcommand exists: '{name}'")),
                "{args:?}: {stderr}"
            ),
            None => assert!(!stderr.contains("similar"), "{args:?}: {stderr}"),
        }
        assert!(out.stdout.is_empty());
    }
    // The real commands, and help about them, still work.
    let out = capmap(&["help", "check"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(capmap(&["check", EXAMPLE]).status.success());
}

#[cfg(all(unix, not(target_os = "macos")))]
#[test]
fn without_a_display_the_window_error_names_no_paths_from_the_build_machine() {
    let home = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_capmap"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("WAYLAND_SOCKET")
        .env("HOME", home.path())
        .env("XDG_RUNTIME_DIR", home.path())
        .env("XDG_DATA_HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with("capmap: could not open the window: "),
        "{stderr}"
    );
    assert!(stderr.contains("DISPLAY"), "says what is missing: {stderr}");
    for build_path in [".rs:", "/.cargo/", "/rustc/", env!("CARGO_MANIFEST_DIR")] {
        assert!(!stderr.contains(build_path), "{build_path} in {stderr}");
    }
}

#[test]
fn a_reader_that_stops_early_gets_no_error_noise() {
    use std::io::BufRead;
    let dir = tempfile::tempdir().unwrap();
    // A log far longer than a pipe holds, so capmap is still writing when
    // the reader goes.
    let rows: String = std::iter::once("name,reuse,cost,risk,differentiation\n".to_owned())
        .chain((0..3000).map(|i| format!("Capability number {i},3,3,3,3\n")))
        .collect();
    let csv = write(dir.path(), "many.csv", &rows);
    let portfolio = dir.path().join("many.ron");
    let out = capmap(&[
        "import",
        csv.to_str().unwrap(),
        "-o",
        portfolio.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let mut child = Command::new(env!("CARGO_BIN_EXE_capmap"))
        .args(["report", portfolio.to_str().unwrap()])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with("# Decision log"), "{first}");
    // Like `capmap report many.ron | head -1`: the reader is gone.
    let out = child.wait_with_output().unwrap();
    assert_eq!(text(&out.stderr), "", "nothing but silence");
    assert!(out.status.success(), "{:?}", out.status);
}

#[test]
fn import_help_lists_every_column_and_the_values_it_takes() {
    let out = capmap(&["import", "--help"]);
    assert!(out.status.success());
    let help = text(&out.stdout);
    for column in capmap::io::CSV_COLUMNS {
        assert!(help.contains(&format!("  {column}")), "{column}: {help}");
    }
    for value in [
        "commodity",
        "differentiator",
        "regulated control",
        "1 to 5",
        "operate",
        "orchestrate",
        "hybrid",
        "rationalize",
    ] {
        assert!(help.contains(value), "{value}: {help}");
    }
}

/// The bundled example with `from` replaced by `to` (once), written to `dir`.
fn example_with(dir: &Path, name: &str, from: &str, to: &str) -> PathBuf {
    let text = std::fs::read_to_string(EXAMPLE).unwrap();
    assert!(text.contains(from), "the example holds {from}");
    write(dir, name, &text.replacen(from, to, 1))
}

#[test]
fn hostile_ids_control_characters_and_impossible_metrics_are_refused_with_their_place() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "id.ron",
            "id: \"secrets-management\"",
            "id: \"secrets`<img src=x onerror=alert(1)>`\"",
            "may hold only letters, digits, -, _ and .",
        ),
        (
            "raw-escape.ron",
            "name: \"Northwind Pay platform map\"",
            "name: \"Northwind \u{1b}[31mPay\"",
            ":5:",
        ),
        (
            "escaped-escape.ron",
            "name: \"Northwind Pay platform map\"",
            "name: \"Northwind \\u{1b}[31mPay\"",
            "the name holds a control character (U+001B)",
        ),
        (
            "nan.ron",
            "deployments_per_week: 12.0",
            "deployments_per_week: NaN",
            "must be a number from 0 up, not NaN",
        ),
        (
            "percent.ron",
            "change_failure_rate_pct: 18.0",
            "change_failure_rate_pct: 180.0",
            "must be a number from 0 to 100, not 180",
        ),
        (
            "negative.ron",
            "deployments_per_week: 12.0",
            "deployments_per_week: -3.0",
            "must be a number from 0 up, not -3",
        ),
    ];
    for (name, from, to, expected) in cases {
        let path = example_with(dir.path(), name, from, to);
        let out = capmap(&["check", path.to_str().unwrap()]);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{name}: {stderr}");
        assert!(stderr.contains(expected), "{name}: {stderr}");
        assert!(stderr.contains(name), "{name} is named: {stderr}");
        // Nothing from the file reaches the terminal as a control character.
        assert!(
            !stderr.chars().any(|c| c.is_control() && c != '\n'),
            "{name}: {stderr:?}"
        );
    }
}

/// Runs `capmap import CSV -o OUT` on `csv` text.
fn import(dir: &Path, csv: &str) -> (Output, PathBuf) {
    let input = write(dir, "in.csv", csv);
    let output = dir.join("out.ron");
    let _ = std::fs::remove_file(&output);
    let out = capmap(&[
        "import",
        input.to_str().unwrap(),
        "-o",
        output.to_str().unwrap(),
    ]);
    (out, output)
}

#[test]
fn an_unclosed_quote_is_refused_at_the_line_it_opened_never_merging_rows() {
    let dir = tempfile::tempdir().unwrap();
    let csv =
        "name,zone\nIdentity,commodity\n\"Secrets,commodity\nLogging,commodity\nCI/CD,commodity\n";
    let (out, output) = import(dir.path(), csv);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("in.csv:3: "), "{stderr}");
    assert!(stderr.contains("never closed"), "{stderr}");
    assert!(!output.exists(), "nothing is written");

    // Closed quotes on another line: a name that runs over lines.
    let csv = "name,zone\n\"Secrets\nmanagement\",commodity\nLogging,commodity\n";
    let (out, output) = import(dir.path(), csv);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("in.csv:2:1: "), "{stderr}");
    assert!(stderr.contains("runs over several lines"), "{stderr}");
    assert!(!output.exists());
}

#[test]
fn control_characters_in_a_spreadsheet_are_removed_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let (out, output) = import(dir.path(), "name,zone\nSec\u{1b}[31mrets\u{0},commodity\n");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("removed control characters from 1 cell"),
        "{}",
        text(&out.stderr)
    );
    let portfolio = capmap::io::load(&output).unwrap();
    assert_eq!(portfolio.capabilities[0].name, "Sec[31mrets");
}

#[test]
fn a_stream_larger_than_the_limit_is_refused_without_reading_it_all() {
    // A pipe has no size up front: the limit must hold while reading.
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("out.ron");
    let mut child = Command::new(env!("CARGO_BIN_EXE_capmap"))
        .args(["import", "/dev/stdin", "-o", output.to_str().unwrap()])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::Builder::new()
        .name("stdin-writer".to_owned())
        .spawn(move || {
            use std::io::Write as _;
            let line = "name\n".repeat(1 << 16);
            // Up to 64 MB, past the 50 MB limit; stops when capmap hangs up.
            for _ in 0..205 {
                if stdin.write_all(line.as_bytes()).is_err() {
                    break;
                }
            }
        })
        .unwrap();
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("larger than 50 MB"), "{stderr}");
    assert!(!output.exists());
}

#[test]
fn what_spreadsheets_really_write_imports() {
    let dir = tempfile::tempdir().unwrap();
    // LibreOffice in a German locale: `;`, Windows-1252, trailing
    // separators and scores written as 4.0.
    let mut bytes = b"name;zone;reuse;cost;risk;differentiation;;\n".to_vec();
    bytes.extend_from_slice(b"Z\xfcrich payments;commodity;4.0;3;5,0;1;;\n");
    let input = dir.path().join("export.csv");
    std::fs::write(&input, &bytes).unwrap();
    let output = dir.path().join("out.ron");
    let out = capmap(&[
        "import",
        input.to_str().unwrap(),
        "-o",
        output.to_str().unwrap(),
    ]);
    let stderr = text(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("read as Windows-1252"), "{stderr}");
    assert!(stderr.contains("separated by `;`"), "{stderr}");
    let portfolio = capmap::io::load(&output).unwrap();
    let payments = &portfolio.capabilities[0];
    assert_eq!(payments.name, "Zürich payments");
    assert_eq!(payments.scores.reuse, capmap::model::Score::new(4));
    assert_eq!(payments.scores.risk, capmap::model::Score::new(5));

    // capmap's own decision log imports back.
    let log = dir.path().join("log.csv");
    let out = capmap(&[
        "report",
        EXAMPLE,
        "--format",
        "csv",
        "-o",
        log.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let back = dir.path().join("back.ron");
    let out = capmap(&[
        "import",
        log.to_str().unwrap(),
        "-o",
        back.to_str().unwrap(),
    ]);
    let stderr = text(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("left out columns capmap works out itself"),
        "{stderr}"
    );
    let example = capmap::io::load(Path::new(EXAMPLE)).unwrap();
    let imported = capmap::io::load(&back).unwrap();
    assert_eq!(imported.capabilities.len(), example.capabilities.len());
    for (a, b) in example.capabilities.iter().zip(&imported.capabilities) {
        assert_eq!(
            (&a.name, a.zone, a.scores, a.decision),
            (&b.name, b.zone, b.scores, b.decision)
        );
        assert_eq!(a.slo, b.slo);
    }
}
