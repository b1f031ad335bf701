//! The bundled example and the file format as a whole.

use std::path::Path;

use capmap::io;
use capmap::model::{Date, Summary, Zone};

const EXAMPLE: &str = "assets/examples/platform-2026-q4.ron";
const NEXT_QUARTER: &str = "assets/examples/platform-2027-q1.ron";

#[test]
fn the_example_is_valid_and_realistic() {
    let portfolio = io::load(Path::new(EXAMPLE)).expect("the example loads");
    assert!(portfolio.capabilities.len() >= 20);
    assert!(portfolio.teams.len() >= 5);
    let summary = Summary::of(&portfolio, Date::from_ymd(2026, 11, 27).unwrap());
    assert_eq!(summary.overdue_exceptions, 1);
    assert!(summary.to_score > 0);
    assert!(summary.conflicts > 0 && summary.severe_conflicts == 1);
    assert!(summary.duplicated > 0);
    assert!(
        summary.per_recommendation.iter().all(|n| *n > 0),
        "every quadrant is used"
    );
    assert!(
        Zone::ALL.iter().all(|z| summary.in_zone(*z) > 0),
        "every zone is used"
    );
}

#[test]
fn the_examples_are_stored_exactly_as_capmap_writes_them() {
    // So that opening and saving them produces no diff.
    for file in [EXAMPLE, NEXT_QUARTER] {
        let text = std::fs::read_to_string(file).unwrap();
        let portfolio = io::from_ron(&text, Path::new(file)).unwrap();
        assert_eq!(io::to_ron(&portfolio).unwrap(), text, "{file}");
    }
}

#[test]
fn the_second_quarter_differs_from_the_first_in_ways_worth_showing() {
    let q4 = io::load(Path::new(EXAMPLE)).unwrap();
    let q1 = io::load(Path::new(NEXT_QUARTER)).unwrap();
    let changes = capmap::model::diff(&q4, &q1);
    assert!(
        changes
            .changed
            .iter()
            .any(capmap::model::CapabilityChange::moved_to_shared)
    );
    assert!(changes.changed.iter().any(|c| c.zone.is_some()));
    assert_eq!(changes.added.len(), 1);
    assert_eq!(changes.removed.len(), 1);
}

#[test]
fn the_embedded_example_is_the_file_on_disk() {
    let text = std::fs::read_to_string(EXAMPLE).unwrap();
    assert_eq!(capmap::io::EXAMPLE_PORTFOLIO, text);
}

#[test]
fn saving_twice_is_byte_identical_and_loads_back_equal() {
    let dir = tempfile::tempdir().unwrap();
    let portfolio = io::load(Path::new(EXAMPLE)).unwrap();
    let a = dir.path().join("a.ron");
    let b = dir.path().join("b.ron");
    io::save(&portfolio, &a).unwrap();
    io::save(&io::load(&a).unwrap(), &b).unwrap();
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    assert_eq!(io::load(&b).unwrap(), portfolio);
}
