//! Tests of `follow_up.rs`, kept apart so the file stays readable.

use super::*;

fn date(text: &str) -> Date {
    text.parse().expect("a test date")
}

#[test]
fn quarters_of_dates_turn_over_on_the_first_of_january_april_july_and_october() {
    assert_eq!(quarter_of(date("2026-03-31")), (2026, 1), "end of March");
    assert_eq!(quarter_of(date("2026-04-01")), (2026, 2), "first of April");
    assert_eq!(
        quarter_of(date("2026-09-30")),
        (2026, 3),
        "end of September"
    );
    assert_eq!(quarter_of(date("2026-12-31")), (2026, 4), "New Year's Eve");
    assert_eq!(
        next_quarter((2026, 4)),
        (2027, 1),
        "Q4 rolls into a new year"
    );
    assert_eq!(next_quarter((2026, 2)), (2026, 3), "Q2 is followed by Q3");
    assert_eq!(quarter_start((2027, 1)), Some(date("2027-01-01")), "Q1");
    assert_eq!(quarter_start((2026, 4)), Some(date("2026-10-01")), "Q4");
    assert_eq!(
        quarter_name((2027, 1)),
        "2027-Q1",
        "written as capmap writes it"
    );
}

#[test]
fn a_migration_passes_its_target_only_once_the_quarter_is_over() {
    let migration = Migration {
        target_quarter: Some("2026-Q3".into()),
        ..Migration::default()
    };
    assert!(
        !migration.target_passed(date("2026-09-30")),
        "the last day of the target quarter is still in time"
    );
    assert!(
        migration.target_passed(date("2026-10-01")),
        "the first day after it is late"
    );
    let unreadable = Migration {
        target_quarter: Some("someday".into()),
        ..Migration::default()
    };
    assert!(
        !unreadable.target_passed(date("2030-01-01")),
        "a target that names no quarter never passes"
    );
}

#[test]
fn a_target_is_met_on_its_value_and_on_the_right_side_of_it() {
    let ceiling = Target {
        metric: Metric::Toil,
        value: 20.0,
        direction: Direction::better_for(Metric::Toil),
    };
    assert_eq!(ceiling.direction, Direction::AtMost, "less toil is better");
    assert!(ceiling.is_met_by(20.0), "exactly on a ceiling meets it");
    assert!(ceiling.is_met_by(5.0), "under a ceiling meets it");
    assert!(!ceiling.is_met_by(20.5), "over a ceiling misses it");
    let floor = Target {
        metric: Metric::SelfService,
        value: 80.0,
        direction: Direction::better_for(Metric::SelfService),
    };
    assert_eq!(
        floor.direction,
        Direction::AtLeast,
        "more self-service is better"
    );
    assert!(floor.is_met_by(80.0), "exactly on a floor meets it");
    assert!(!floor.is_met_by(79.9), "under a floor misses it");
}

#[test]
fn readiness_reads_as_typed_and_only_yes_or_not_asked_need_no_investment() {
    assert_eq!(
        Readiness::parse_loose(" Partly "),
        Some(Readiness::Partly),
        "trimmed"
    );
    assert_eq!(
        Readiness::parse_loose("NO"),
        Some(Readiness::No),
        "any case"
    );
    assert_eq!(
        Readiness::parse_loose(""),
        Some(Readiness::Unknown),
        "empty"
    );
    assert_eq!(Readiness::parse_loose("maybe"), None, "not an answer");
    let needing: Vec<Readiness> = Readiness::ALL
        .into_iter()
        .filter(|r| r.needs_investment())
        .collect();
    assert_eq!(needing, [Readiness::Partly, Readiness::No], "partly and no");
}

#[test]
fn the_board_misses_the_roles_nobody_holds_once_any_role_is_noted() {
    let person = |id: &str, role| Participant {
        id: id.into(),
        name: id.into(),
        role,
    };
    let mut room = vec![person("a", None), person("b", None)];
    assert!(
        missing_board_roles(&room).is_empty(),
        "nobody said who is who"
    );
    room[0].role = Some(Role::Security);
    room[1].role = Some(Role::Other);
    assert_eq!(
        missing_board_roles(&room),
        [Role::PlatformEngineering, Role::Sre, Role::Product],
        "the board's roles nobody holds, in the framework's order"
    );
    room.push(person("c", Some(Role::PlatformEngineering)));
    room.push(person("d", Some(Role::Sre)));
    room.push(person("e", Some(Role::Product)));
    assert!(missing_board_roles(&room).is_empty(), "a full board");
}

#[test]
fn the_next_quarter_keeps_decisions_in_history_and_starts_reviews_and_votes_afresh() {
    use crate::model::{Capability, Scores, parse_vote_digits};
    let mut portfolio = Portfolio::new("Map");
    portfolio.quarter = Some("2026 Q4".into());
    let mut decided = Capability::new("ci", "CI");
    decided.decision = Decision::Orchestrate;
    decided.rationale = "one template".into();
    decided.review_on = Some(date("2026-12-01"));
    decided.set_vote("ana", parse_vote_digits("5541").expect("digits"));
    decided.votes_revealed = true;
    for n in 0..HISTORY_KEPT {
        decided.history.push(PastDecision {
            quarter: format!("old-{n}"),
            decision: Decision::Operate,
            rationale: String::new(),
        });
    }
    let mut later = Capability::new("logs", "Logs");
    later.review_on = Some(date("2027-02-01"));
    later.scores = Scores::default();
    portfolio.capabilities = vec![decided.into(), later.into()];
    let next = start_next_quarter(&portfolio, date("2026-11-27"));
    assert_eq!(
        next.quarter.as_deref(),
        Some("2027-Q1"),
        "the quarter after Q4"
    );
    let ci = &next.capabilities[0];
    assert_eq!(ci.decision, Decision::Orchestrate, "the decision stands");
    assert_eq!(ci.history.len(), HISTORY_KEPT, "a short history");
    assert_eq!(ci.history[0].quarter, "old-1", "the oldest dropped");
    assert_eq!(
        ci.history.last(),
        Some(&PastDecision {
            quarter: "2026-Q4".into(),
            decision: Decision::Orchestrate,
            rationale: "one template".into(),
        }),
        "this quarter's decision, with its rationale"
    );
    assert_eq!(
        ci.review_on, None,
        "a review date in the old quarter is gone"
    );
    assert_eq!(
        ci.review_date(next.quarter.as_deref()),
        Some(date("2027-04-01")),
        "so the default applies"
    );
    assert!(
        ci.votes.is_empty() && !ci.votes_revealed,
        "votes start afresh"
    );
    let logs = &next.capabilities[1];
    assert!(
        logs.history.is_empty(),
        "nothing decided, nothing in history"
    );
    assert_eq!(
        logs.review_on,
        Some(date("2027-02-01")),
        "a later date stays"
    );
    let mut on_the_first = Portfolio::new("P");
    on_the_first.quarter = Some("2026-Q4".into());
    let mut due = Capability::new("a", "A");
    due.review_on = Some(date("2027-01-01"));
    on_the_first.capabilities.push(due.into());
    let next = start_next_quarter(&on_the_first, date("2026-11-27"));
    assert_eq!(
        next.capabilities[0].review_on,
        Some(date("2027-01-01")),
        "a review on the new quarter's first day is in the new quarter: it stays"
    );
    let undated = start_next_quarter(&Portfolio::new("P"), date("2026-05-02"));
    assert_eq!(
        undated.quarter.as_deref(),
        Some("2026-Q3"),
        "after today's quarter"
    );
}

#[test]
fn answers_roles_and_directions_read_as_people_say_them() {
    assert_eq!(Readiness::parse_loose("Yes"), Some(Readiness::Yes), "yes");
    assert_eq!(
        Readiness::parse_loose("ready"),
        Some(Readiness::Yes),
        "ready"
    );
    assert_eq!(
        [Readiness::Unknown, Readiness::Partly].map(|r| r.to_string()),
        ["Not asked yet", "Partly"],
        "shown as the inspector asks"
    );
    assert_eq!(
        Role::ALL.map(|r| r.to_string()),
        [
            "Platform engineering",
            "Security",
            "SRE",
            "Product",
            "Other"
        ],
        "the board's roles by name"
    );
    assert_eq!(
        [Direction::AtLeast.label(), Direction::AtMost.label()],
        ["at least", "at most"],
        "a floor and a ceiling"
    );
    assert_eq!(
        MigrationStatus::InProgress.to_string(),
        "In progress",
        "status"
    );
}

#[test]
fn the_default_standard_is_the_frameworks_four_controls_compared_loosely() {
    assert_eq!(
        default_standard().len(),
        4,
        "logging, access, docs, escalation"
    );
    assert!(is_default_standard(&default_standard()), "itself");
    assert!(
        !is_default_standard(&[]),
        "an emptied standard is not the default"
    );
    assert!(
        same_control(" access CONTROL", "Access control"),
        "case and spaces"
    );
    assert!(
        !same_control("Access", "Access control"),
        "a part is not the whole"
    );
    assert!(
        same_control("Prüfung ÄNDERN", " prüfung ändern"),
        "case beyond ASCII"
    );
    assert!(
        same_control("\u{212A}ey rotation", "key rotation"),
        "the Kelvin sign lowercases to k"
    );
    assert!(
        !same_control("Prüfung", "Prufung"),
        "accents count beyond ASCII"
    );
    assert!(
        !same_control("Backups", "Backup"),
        "a letter short, in ASCII"
    );
}
