//! Bad input and round trips at scale: generated portfolios survive
//! save/load unchanged, and thousands of damaged files are each refused
//! with a location, never a panic.

mod generated;

use std::path::Path;

use capmap::io::{self, LoadError};
use capmap::model::Portfolio;
use generated::portfolios;
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

const EXAMPLES: [&str; 2] = [
    "assets/examples/platform-2026-q4.ron",
    "assets/examples/platform-2027-q1.ron",
];

proptest! {
    // As many portfolios as the seeded generator this replaced made, in
    // two seconds or so. A failure is saved beside this file and tried
    // first on the next run.
    #![proptest_config(ProptestConfig {
        cases: 400,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions"
        ))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn generated_portfolios_round_trip_and_save_byte_identically(portfolio in portfolios()) {
        let text = io::to_ron(&portfolio).unwrap();
        let loaded = io::from_ron(&text, Path::new("gen.ron"))
            .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(&loaded, &portfolio, "loaded back from\n{}", text);
        prop_assert_eq!(io::to_ron(&loaded).unwrap(), text, "not byte-identical");
    }
}

/// Every refusal must say where: a line and column inside the file, or the
/// rule problems with their places.
fn assert_located(result: &Result<Portfolio, LoadError>, text: &[u8], what: &str) {
    let lines = text.split(|b| *b == b'\n').count();
    match result {
        Ok(_) | Err(LoadError::NewerFormat { .. }) => {}
        Err(LoadError::Syntax { line, column, .. }) => {
            assert!(
                *line >= 1 && *column >= 1 && *line <= lines + 1,
                "{what}: {line}:{column}"
            );
        }
        Err(LoadError::Invalid { problems, .. }) => assert!(!problems.is_empty(), "{what}"),
        Err(other) => panic!("{what}: unexpected {other}"),
    }
}

#[test]
fn thousands_of_damaged_files_are_refused_with_a_place_never_a_panic() {
    let mut variants = 0;
    for example in EXAMPLES {
        let original = std::fs::read(example).unwrap();
        let path = Path::new(example);
        let mut check = |bytes: &[u8], what: String| {
            assert_located(&io::load_bytes(bytes, path), bytes, &what);
            variants += 1;
        };
        // Truncated anywhere.
        for end in (0..original.len()).step_by(89) {
            check(&original[..end], format!("truncated at {end}"));
        }
        // Flipped bytes.
        for (i, position) in (0..original.len()).step_by(113).enumerate() {
            let replacement = [b'(', b')', b'"', b',', 0xFF, b'9', b'\\', b':', b'['][i % 9];
            let mut bytes = original.clone();
            bytes[position] = replacement;
            check(&bytes, format!("byte {position} set to {replacement}"));
        }
        // Lines deleted and duplicated.
        let text = String::from_utf8(original.clone()).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for skip in (0..lines.len()).step_by(2) {
            let deleted: Vec<&str> = lines
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != skip)
                .map(|(_, l)| *l)
                .collect();
            check(
                deleted.join("\n").as_bytes(),
                format!("line {} deleted", skip + 1),
            );
            let mut doubled = lines.clone();
            doubled.insert(skip, lines[skip]);
            check(
                doubled.join("\n").as_bytes(),
                format!("line {} duplicated", skip + 1),
            );
        }
        // Hostile numbers in every number's place.
        for hostile in [
            "-1",
            "0",
            "6",
            "2.5",
            "1e309",
            "NaN",
            "inf",
            "99999999999999999999",
            "-0",
        ] {
            for field in [
                "reuse: 5",
                "risk: 3",
                "threshold: 3.0",
                "reuse_weight: 1.0",
                "format: 1",
            ] {
                let key = field.split(':').next().unwrap();
                let damaged = text.replacen(field, &format!("{key}: {hostile}"), 1);
                check(damaged.as_bytes(), format!("{key} = {hostile}"));
            }
        }
    }
    assert!(variants > 2000, "only {variants} variants");
}

#[test]
fn deep_nesting_bom_and_non_utf8_get_clear_messages() {
    let deep = format!(
        "(format: 1, portfolio: (name: \"x\", notes: {}1{}))",
        "[".repeat(5000),
        "]".repeat(5000)
    );
    let error = io::load_bytes(deep.as_bytes(), Path::new("deep.ron")).unwrap_err();
    assert!(matches!(error, LoadError::Syntax { .. }), "{error}");

    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(std::fs::read(EXAMPLES[0]).unwrap());
    assert!(io::load_bytes(&bom, Path::new("bom.ron")).is_ok());

    let latin1 = b"(format: 1, portfolio: (name: \"Z\xfcrich\"))";
    let error = io::load_bytes(latin1, Path::new("latin1.ron")).unwrap_err();
    assert!(error.to_string().contains("not UTF-8"), "{error}");
    assert!(error.to_string().starts_with("latin1.ron:1:"), "{error}");
}
