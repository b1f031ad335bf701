//! Tests of `ron_file.rs`, kept apart so the file stays readable.

use super::*;
use crate::model::{Capability, Date, Exception, Score, Team, Zone};

fn path() -> &'static Path {
    Path::new("p.ron")
}

fn sample() -> Portfolio {
    let mut portfolio = Portfolio::new("Sample \"quoted\" — ünïcode");
    portfolio.quarter = Some("2026-Q4".into());
    portfolio.notes = "line one\nline two".into();
    portfolio.teams.push(Team {
        id: "platform".into(),
        name: "Platform".into(),
    });
    let mut capability = Capability::new("identity", "Identity");
    capability.zone = Zone::RegulatedControl;
    capability.scores.reuse = Score::new(5);
    capability.scores.differentiation = Score::new(1);
    capability.owner = Some("platform".into());
    capability.exceptions.push(Exception {
        reason: "legacy".into(),
        approved_by: "CISO".into(),
        review_by: Date::from_ymd(2027, 3, 31).unwrap(),
    });
    capability.tags = vec!["security".into()];
    portfolio.capabilities.push(capability.into());
    portfolio
        .capabilities
        .push(Capability::new("logging", "Logging").into());
    portfolio
}

/// A named change to a portfolio.
type Change<'a> = (&'a str, &'a dyn Fn(&mut Portfolio));

fn first_capability(p: &mut Portfolio) -> &mut Capability {
    std::sync::Arc::make_mut(&mut p.capabilities[0])
}

fn error_of(text: &str) -> LoadError {
    from_ron(text, path()).expect_err("should be refused")
}

fn location(error: &LoadError) -> (usize, usize) {
    match error {
        LoadError::Syntax { line, column, .. } => (*line, *column),
        other => panic!("expected a located syntax error, got {other:?}"),
    }
}

#[test]
fn save_then_load_gives_the_same_portfolio_and_the_same_bytes() {
    let portfolio = sample();
    let text = to_ron(&portfolio).unwrap();
    let loaded = from_ron(&text, path()).unwrap();
    assert_eq!(loaded, portfolio);
    assert_eq!(to_ron(&loaded).unwrap(), text);
    assert!(text.starts_with("#![enable(implicit_some)]\n(\n    format: 1,\n"));
    assert!(!text.contains('\r'));
}

#[test]
fn each_follow_up_field_alone_makes_the_file_format_2_and_none_keeps_it_at_1() {
    use crate::model::{Date, Direction, Metric, Migration, PastDecision, Readiness, Role, Target};
    let format_of = |change: &dyn Fn(&mut Portfolio)| {
        let mut portfolio = sample();
        portfolio.teams.push(crate::model::Team {
            id: "web".into(),
            name: "Web".into(),
        });
        portfolio.add_participant("Ana");
        change(&mut portfolio);
        let text = to_ron(&portfolio).unwrap();
        let loaded = from_ron(&text, path()).unwrap();
        assert_eq!(loaded, portfolio, "round trip of\n{text}");
        written_format(&portfolio)
    };
    assert_eq!(format_of(&|_| ()), 1, "nothing recorded after deciding");
    let changes: [Change; 10] = [
        ("review date", &|p| {
            first_capability(p).review_on = Date::from_ymd(2027, 1, 1);
        }),
        ("history", &|p| {
            first_capability(p).history.push(PastDecision {
                quarter: "2026-Q3".into(),
                decision: crate::model::Decision::Operate,
                rationale: String::new(),
            });
        }),
        ("readiness", &|p| {
            first_capability(p).readiness = Readiness::Partly;
        }),
        ("standard met", &|p| {
            first_capability(p).standard_met.push("Logging".into());
        }),
        ("migration", &|p| {
            first_capability(p).migration = Some(Migration::default());
        }),
        ("adoption", &|p| {
            first_capability(p).adopted_by.push("web".into());
        }),
        ("targets", &|p| {
            first_capability(p).targets.push(Target {
                metric: Metric::Toil,
                value: 4.0,
                direction: Direction::AtMost,
            });
        }),
        ("role", &|p| {
            p.participants[0].role = Some(Role::Security);
        }),
        ("standard", &|p| {
            p.minimum_standard.truncate(2);
        }),
        ("backlog order", &|p| {
            p.backlog_order.push("logging".into());
        }),
    ];
    for (what, change) in changes {
        assert_eq!(format_of(change), 2, "{what} alone");
    }
}

#[test]
fn the_format_is_readable_and_one_capability_per_block() {
    let text = to_ron(&sample()).unwrap();
    assert!(
        text.contains(
            "        capabilities: [\n            (\n                id: \"identity\",\n"
        )
    );
    assert!(text.contains("reuse: 5,"), "{text}");
    assert!(text.contains("review_by: \"2027-03-31\""));
    assert!(text.contains("zone: RegulatedControl,"));
    assert!(
        !text.contains("cost:"),
        "missing scores are left out: {text}"
    );
}

#[test]
fn older_files_without_new_fields_still_open() {
    let text =
        "(format: 1, portfolio: (name: \"Minimal\", capabilities: [(id: \"a\", name: \"A\")]))";
    let portfolio = from_ron(text, path()).unwrap();
    assert_eq!(portfolio.capabilities[0].zone, Zone::Unplaced);
    assert_eq!(portfolio.scoring, crate::model::ScoringSettings::default());
    // Explicit `Some(..)` is read too.
    let text = "(format: 1, portfolio: (name: \"M\", capabilities: [(id: \"a\", name: \"A\", scores: (reuse: Some(2)))]))";
    assert_eq!(
        from_ron(text, path()).unwrap().capabilities[0].scores.reuse,
        Score::new(2)
    );
}

#[test]
fn empty_garbage_truncated_and_wrong_types_are_located() {
    assert_eq!(location(&error_of("")), (1, 1));
    let (line, _) = location(&error_of("hello world"));
    assert_eq!(line, 1);
    let text = to_ron(&sample()).unwrap();
    let truncated = &text[..text.len() / 2];
    let (line, _) = location(&error_of(truncated));
    assert!(line > 1);
    let wrong_type = "(format: 1, portfolio: (name: 5))";
    let error = error_of(wrong_type);
    assert_eq!(location(&error).0, 1);
    assert!(error.to_string().starts_with("p.ron:1:"), "{error}");
}

#[test]
fn scores_of_0_6_and_2_5_are_located() {
    for bad in ["0", "6", "2.5", "-1", "99999999999999999999"] {
        let text = format!(
            "(\n  format: 1,\n  portfolio: (\n    name: \"P\",\n    capabilities: [(id: \"a\", name: \"A\",\n      scores: (reuse: {bad}))],\n  ),\n)"
        );
        let error = error_of(&text);
        assert_eq!(location(&error).0, 6, "score {bad}: {error}");
    }
    let error = error_of(
        "(format: 1, portfolio: (name: \"P\", capabilities: [(id: \"a\", name: \"A\", scores: (reuse: 6))]))",
    );
    assert!(error.to_string().contains("outside 1-5"), "{error}");
}

#[test]
fn unknown_fields_are_named() {
    let error = error_of(
        "(format: 1, portfolio: (name: \"P\", capabilities: [(id: \"a\", name: \"A\", reus: 3)]))",
    );
    assert!(error.to_string().contains("reus"), "{error}");
}

#[test]
fn rule_problems_name_the_capability() {
    let text = "(format: 1, portfolio: (name: \"P\", capabilities: [(id: \"a\", name: \"A\", owner: \"ghost\"), (id: \"a\", name: \"B\")]))";
    let error = error_of(text);
    let lines = error.lines();
    assert_eq!(
        lines,
        vec![
            "p.ron: capability a: the owner `ghost` is not a known team",
            "p.ron: capability a: this id is used by another capability too",
        ]
    );
}

#[test]
fn a_newer_format_is_refused_even_with_unknown_fields() {
    let text = "(format: 3, portfolio: (name: \"P\", future_field: Thing(1)))";
    let error = error_of(text);
    assert!(
        matches!(error, LoadError::NewerFormat { found: 3, .. }),
        "{error:?}"
    );
    assert!(error.to_string().contains("update capmap"));
    // A newer file that this build happens to be able to read is still
    // refused: its meaning may have changed.
    assert!(matches!(
        error_of("(format: 7, portfolio: (name: \"P\"))"),
        LoadError::NewerFormat { found: 7, .. }
    ));
    assert!(matches!(
        error_of("(format: 0, portfolio: (name: \"P\"))"),
        LoadError::Syntax { .. }
    ));
    let missing = error_of("(portfolio: (name: \"P\"))");
    assert!(missing.to_string().contains("format"), "{missing}");
}

#[test]
fn oversized_input_is_refused_before_parsing() {
    let big = vec![b' '; usize::try_from(MAX_FILE_BYTES).unwrap() + 1];
    assert!(matches!(
        load_bytes(&big, path()),
        Err(LoadError::TooLarge { .. })
    ));
}

#[test]
fn a_byte_order_mark_is_skipped_and_bad_utf8_located() {
    let text = to_ron(&sample()).unwrap();
    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend_from_slice(text.as_bytes());
    assert_eq!(load_bytes(&with_bom, path()).unwrap(), sample());
    let bad = b"(format: 1,\n  portfolio: (name: \"\xFF\"))";
    let error = load_bytes(bad, path()).unwrap_err();
    assert_eq!(location(&error), (2, 22));
    assert!(error.to_string().contains("UTF-8"));
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let text = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let _ = error_of(&text);
}

#[test]
fn save_is_atomic_keeps_a_backup_and_load_reads_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("p.ron");
    let mut portfolio = sample();
    save(&portfolio, &file).unwrap();
    let first = std::fs::read(&file).unwrap();
    portfolio.name = "Renamed".into();
    save(&portfolio, &file).unwrap();
    assert_eq!(load(&file).unwrap(), portfolio);
    assert_eq!(
        std::fs::read(super::super::backup_path(&file)).unwrap(),
        first
    );
    assert!(matches!(
        load(&dir.path().join("missing.ron")),
        Err(LoadError::Io { .. })
    ));
}

#[test]
fn a_file_over_the_limit_is_refused_with_its_size_and_the_limit_in_mb() {
    let big = vec![b'}'; usize::try_from(MAX_FILE_BYTES).unwrap() + 1];
    let error = load_bytes(&big, path()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "p.ron: the file is 50.0 MB; portfolio files larger than 50 MB are refused",
        "sizes in MB, as people know them"
    );
    let error = too_large(path(), 3 * MAX_FILE_BYTES / 2);
    assert!(
        error.to_string().contains("the file is 75.0 MB;"),
        "{error}"
    );
}

#[test]
fn a_file_of_exactly_the_limit_is_read_to_its_last_byte() {
    // A bad byte at the very end of 50 MB: found where it is, so the
    // file was neither refused nor cut short. (Here and below, `}` fills
    // the file: should a size check let it through, the parser stops at
    // the first byte instead of reading 50 MB.)
    let limit = usize::try_from(MAX_FILE_BYTES).unwrap();
    let mut bytes = vec![b'}'; limit - 1];
    bytes.push(0xFF);
    let error = load_bytes(&bytes, path()).unwrap_err();
    assert_eq!(location(&error), (1, limit), "from memory: {error}");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("p.ron");
    std::fs::write(&file, &bytes).unwrap();
    let error = load(&file).unwrap_err();
    assert_eq!(location(&error), (1, limit), "from disk: {error}");
    bytes.push(b' ');
    std::fs::write(&file, &bytes).unwrap();
    assert!(
        matches!(load(&file), Err(LoadError::TooLarge { .. })),
        "one byte more is refused"
    );
}

#[cfg(unix)]
#[test]
fn a_pipe_longer_than_the_limit_is_refused_as_too_large() {
    let over = vec![b'}'; usize::try_from(MAX_FILE_BYTES).unwrap() + 1];
    let (_dir, pipe) = super::super::test_pipe::pipe_with(over);
    let result = load(&pipe);
    assert!(
        matches!(result, Err(LoadError::TooLarge { .. })),
        "a pipe has no size up front: the limit holds while reading"
    );
}

#[test]
fn a_raw_control_character_is_located_at_its_line_and_column() {
    let text = "(format: 1,\n  portfolio: (\n    name: \"A\u{1b}[31m\"))";
    assert_eq!(
        error_of(text).to_string(),
        "p.ron:3:13: a control character (U+001B) is not allowed in a portfolio file",
        "where an editor shows it"
    );
    let text = "\u{0}(format: 1, portfolio: (name: \"A\"))";
    assert_eq!(
        location(&error_of(text)),
        (1, 1),
        "the very first character counts from 1 too"
    );
}

#[test]
fn del_and_the_c1_controls_are_refused_but_other_latin_1_is_text() {
    // CSI (U+009B) starts a terminal escape as ESC [ does; NEL (U+0085)
    // breaks lines in some terminals; DEL is a control too.
    for c in ['\u{7f}', '\u{80}', '\u{85}', '\u{9b}', '\u{9f}'] {
        let text = format!("(format: 1, portfolio: (name: \"A{c}\"))");
        assert_eq!(
            first_control(&text),
            Some((1, 33, c)),
            "U+{:04X} is found where it stands",
            u32::from(c)
        );
    }
    // Led by the same byte (0xC2) and not controls: a pound sign, a
    // no-break space, a degree sign.
    let text = "(format: 1, portfolio: (name: \"£5\u{a0}at 20°\"))";
    assert_eq!(first_control(text), None, "Latin-1 symbols are text");
    assert!(load_bytes(text.as_bytes(), path()).is_ok(), "and load");
}

#[test]
fn direction_overrides_are_refused_where_they_stand_and_direction_marks_are_text() {
    // U+202E shows "Log <U+202E>evil" as "Log live": the text would read
    // differently in every export from what the file holds.
    for c in ['\u{202a}', '\u{202e}', '\u{2066}', '\u{2069}'] {
        let text = format!("(format: 1,\n  portfolio: (name: \"Log {c}evil\"))");
        assert_eq!(
            error_of(&text).to_string(),
            format!(
                "p.ron:2:26: a direction override (U+{:04X}), which shows the text around it \
                 reordered, is not allowed in a portfolio file",
                u32::from(c)
            ),
            "located where an editor shows it"
        );
    }
    // Led by the same bytes and text: a dash, an ellipsis, an arrow; and
    // the marks right-to-left names need.
    let text = "(format: 1, portfolio: (name: \"A \u{2013} B\u{2026} \u{2192} \u{200f}\u{5d0}\u{200e}\u{2065}\u{202f}\"))";
    assert_eq!(
        first_control(text),
        None,
        "dashes, arrows and marks are text"
    );
    assert!(load_bytes(text.as_bytes(), path()).is_ok(), "and load");
}

proptest::proptest! {
    #[test]
    fn the_quick_scan_finds_what_a_scan_of_every_character_finds(text in "(\\PC|[\\t\\n\\r\\u{0}-\\u{1f}\\u{7f}-\\u{a0}£é\\u{2013}\\u{2026}\\u{2028}-\\u{206f}])*") {
        let slow = text.lines().enumerate().find_map(|(index, line)| {
            line.chars()
                .enumerate()
                .find(|&(_, c)| crate::model::is_forbidden_control(c, true))
                .map(|(column, c)| (index + 1, column + 1, c))
        });
        proptest::prop_assert_eq!(first_control(&text), slow);
    }
}
