use std::sync::Arc;

use super::*;
use crate::model::{Migration, Score, Team};

fn date(text: &str) -> Date {
    text.parse().expect("a test date")
}

fn score(n: u8) -> Option<Score> {
    Score::new(n)
}

/// A portfolio with teams a, b, c and d.
fn portfolio() -> Portfolio {
    let mut portfolio = Portfolio::new("Plan");
    portfolio.quarter = Some("2026-Q4".into());
    for id in ["a", "b", "c", "d"] {
        portfolio.teams.push(Team {
            id: id.into(),
            name: id.to_uppercase(),
        });
    }
    portfolio
}

fn orchestrated(id: &str, copies: &[&str]) -> Capability {
    let mut capability = Capability::new(id, id.to_uppercase());
    capability.decision = Decision::Orchestrate;
    capability.duplicated_by = copies.iter().map(|t| (*t).to_owned()).collect();
    capability
}

fn ids(items: &[BacklogItem]) -> Vec<&str> {
    items.iter().map(|i| i.id.as_str()).collect()
}

#[test]
fn the_backlog_holds_shared_decisions_teams_still_run_and_recorded_migrations() {
    let mut p = portfolio();
    p.capabilities.push(orchestrated("copied", &["a"]).into());
    p.capabilities.push(orchestrated("moved", &[]).into());
    let mut done = orchestrated("done", &[]);
    done.migration = Some(Migration {
        status: MigrationStatus::Done,
        ..Migration::default()
    });
    p.capabilities.push(done.into());
    let mut rationalized = orchestrated("rationalized", &["b"]);
    rationalized.decision = Decision::Rationalize;
    p.capabilities.push(rationalized.into());
    let mut operated = orchestrated("operated", &["a", "b"]);
    operated.decision = Decision::Operate;
    p.capabilities.push(operated.into());
    let mut undecided = orchestrated("undecided", &["a"]);
    undecided.decision = Decision::Undecided;
    p.capabilities.push(undecided.into());
    let items = backlog(&p, date("2026-11-27"));
    let mut items = ids(&items);
    items.sort_unstable();
    assert_eq!(
        items,
        ["copied", "done", "rationalized"],
        "only Orchestrate or Rationalize, with copies left or a migration recorded"
    );
}

#[test]
fn the_backlog_ranks_by_copies_then_toil_then_failure_rate_then_low_differentiation() {
    let mut p = portfolio();
    let mut by_differentiation = orchestrated("diff-low", &["a"]);
    by_differentiation.metrics.toil_hours_per_month = Some(10.0);
    by_differentiation.metrics.change_failure_rate_pct = Some(5.0);
    by_differentiation.scores.differentiation = score(1);
    let mut by_differentiation_high = by_differentiation.clone();
    by_differentiation_high.id = "diff-high".into();
    by_differentiation_high.name = "DIFF-HIGH".into();
    by_differentiation_high.scores.differentiation = score(2);
    let mut by_failure = by_differentiation_high.clone();
    by_failure.id = "failure".into();
    by_failure.name = "FAILURE".into();
    by_failure.metrics.change_failure_rate_pct = Some(6.0);
    let mut by_toil = by_failure.clone();
    by_toil.id = "toil".into();
    by_toil.name = "TOIL".into();
    by_toil.metrics.toil_hours_per_month = Some(11.0);
    let most_copies = orchestrated("copies", &["a", "b"]);
    let unmeasured = orchestrated("unmeasured", &["a"]);
    for capability in [
        unmeasured,
        by_differentiation_high,
        by_differentiation,
        by_failure,
        most_copies,
        by_toil,
    ] {
        p.capabilities.push(capability.into());
    }
    let items = backlog(&p, date("2026-11-27"));
    assert_eq!(
        ids(&items),
        [
            "copies",
            "toil",
            "failure",
            "diff-low",
            "diff-high",
            "unmeasured"
        ],
        "each measure breaks the ties of the one before; unmeasured ranks last"
    );
    assert_eq!(
        items[0].reason,
        "2 teams run their own copy; ahead of TOIL on teams running their own copy (2 against 1).",
        "the reason names the measure that decided"
    );
    assert_eq!(
        items[1].reason,
        "1 team runs its own copy; ahead of FAILURE on toil hours a month (11 against 10).",
        "toil decides between equal copies"
    );
    assert!(
        items[2]
            .reason
            .contains("change failure rate (6% against 5%)"),
        "{}",
        items[2].reason
    );
    assert!(
        items[3].reason.contains("differentiation (1 against 2)"),
        "{}",
        items[3].reason
    );
    assert!(
        items[5].reason.ends_with("last by friction."),
        "{}",
        items[5].reason
    );
}

#[test]
fn equal_friction_keeps_the_maps_order_and_says_so() {
    let mut p = portfolio();
    p.capabilities.push(orchestrated("first", &["a"]).into());
    p.capabilities.push(orchestrated("second", &["b"]).into());
    let items = backlog(&p, date("2026-11-27"));
    assert_eq!(ids(&items), ["first", "second"], "the map's order");
    assert!(
        items[0]
            .reason
            .contains("level with SECOND on every measure"),
        "{}",
        items[0].reason
    );
}

#[test]
fn items_placed_by_hand_come_first_in_that_order_and_say_where_friction_would_put_them() {
    let mut p = portfolio();
    p.capabilities
        .push(orchestrated("most", &["a", "b", "c"]).into());
    p.capabilities
        .push(orchestrated("middle", &["a", "b"]).into());
    p.capabilities.push(orchestrated("least", &["a"]).into());
    p.backlog_order = vec!["least".into(), "gone".into(), "middle".into()];
    let items = backlog(&p, date("2026-11-27"));
    assert_eq!(
        ids(&items),
        ["least", "middle", "most"],
        "by hand first, an unknown id skipped, the rest by friction"
    );
    assert!(
        items[0].placed_by_hand && items[1].placed_by_hand,
        "by hand"
    );
    assert!(!items[2].placed_by_hand, "ranked");
    assert_eq!(
        items[0].reason, "Placed here by hand; by friction it would be #3 of 3.",
        "where friction would have put it"
    );
}

#[test]
fn shadow_tooling_is_copies_left_after_the_target_quarter_has_ended() {
    let mut p = portfolio();
    let mut late = orchestrated("late", &["a"]);
    late.migration = Some(Migration {
        target_quarter: Some("2026-Q3".into()),
        ..Migration::default()
    });
    let mut finished = late.clone();
    finished.id = "finished".into();
    finished.duplicated_by.clear();
    p.capabilities.push(late.into());
    p.capabilities.push(finished.into());
    let on = |day: &str, id: &str| {
        backlog(&p, date(day))
            .into_iter()
            .find(|i| i.id == id)
            .expect("on the backlog")
            .shadow_tooling
    };
    assert!(!on("2026-09-30", "late"), "the target quarter's last day");
    assert!(on("2026-10-01", "late"), "the day after it");
    assert!(!on("2026-10-01", "finished"), "no copies left is no shadow");
}

#[test]
fn standard_gaps_are_the_missing_controls_of_what_teams_run() {
    let mut p = portfolio();
    let mut operated = Capability::new("ops", "Ops");
    operated.decision = Decision::Operate;
    operated.standard_met = vec!["logging".into(), " Documentation".into()];
    let copied = orchestrated("copied", &["a", "b"]);
    let mut met = Capability::new("met", "Met");
    met.decision = Decision::Hybrid;
    met.standard_met = p.minimum_standard.clone();
    let shared = orchestrated("shared", &[]);
    for capability in [operated, copied, met, shared] {
        p.capabilities.push(capability.into());
    }
    let plan = Plan::of(&p, date("2026-11-27"));
    let gaps: Vec<(&str, &str, Vec<&str>)> = plan
        .standard_gaps
        .iter()
        .map(|g| {
            (
                g.id.as_str(),
                g.run_by_teams_because.as_str(),
                g.missing.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        gaps,
        [
            (
                "ops",
                "decided Operate",
                vec!["Access control", "Incident escalation"]
            ),
            (
                "copied",
                "2 teams run their own copy",
                vec![
                    "Logging",
                    "Access control",
                    "Documentation",
                    "Incident escalation"
                ]
            ),
        ],
        "controls matched whatever the case; what the platform runs has no gap"
    );
    p.minimum_standard.clear();
    assert!(
        Plan::of(&p, date("2026-11-27")).standard_gaps.is_empty(),
        "no standard, no gaps"
    );
}

#[test]
fn an_orchestrate_the_platform_cannot_support_reads_as_a_plan_to_invest() {
    assert_eq!(
        advice(Recommendation::Orchestrate, Readiness::No),
        "Orchestrate once the platform can support it",
        "the issue's wording"
    );
    assert_eq!(
        advice(Recommendation::Orchestrate, Readiness::Yes),
        "Orchestrate",
        "ready: as recommended"
    );
    assert_eq!(
        advice(Recommendation::Operate, Readiness::No),
        "Operate",
        "teams run it: readiness does not matter"
    );
    let mut p = portfolio();
    let mut scored = Capability::new("scored", "Scored");
    scored.scores.reuse = score(5);
    scored.scores.cost = score(5);
    scored.scores.risk = score(5);
    scored.scores.differentiation = score(1);
    scored.readiness = Readiness::No;
    let mut partly = orchestrated("partly", &[]);
    partly.readiness = Readiness::Partly;
    let mut operated = Capability::new("operated", "Operated");
    operated.decision = Decision::Operate;
    operated.readiness = Readiness::No;
    let mut ready = orchestrated("ready", &[]);
    ready.readiness = Readiness::Yes;
    for capability in [scored, partly, operated, ready] {
        p.capabilities.push(capability.into());
    }
    let plan = Plan::of(&p, date("2026-11-27"));
    let investment: Vec<(&str, &str)> = plan
        .investment
        .iter()
        .map(|i| (i.id.as_str(), i.advice.as_str()))
        .collect();
    assert_eq!(
        investment,
        [
            ("scored", "Orchestrate once the platform can support it"),
            (
                "partly",
                "Orchestrate, investing first where the platform falls short"
            ),
        ],
        "undecided follows its recommendation; decided follows the decision"
    );
}

#[test]
fn a_decision_is_due_for_review_the_quarter_after_unless_given_a_date() {
    let mut decided = orchestrated("decided", &[]);
    assert_eq!(
        decided.review_date(Some("2026-Q4")),
        Some(date("2027-01-01")),
        "the first day of the next quarter"
    );
    assert_eq!(decided.review_date(None), None, "no quarter, no default");
    decided.review_on = Some(date("2026-11-01"));
    assert_eq!(
        decided.review_date(Some("2026-Q4")),
        Some(date("2026-11-01")),
        "its own date wins"
    );
    assert!(
        !decided.review_overdue(None, date("2026-11-01")),
        "due today is not overdue"
    );
    assert!(
        decided.review_overdue(None, date("2026-11-02")),
        "the day after is"
    );
    decided.decision = Decision::Undecided;
    assert_eq!(
        decided.review_date(Some("2026-Q4")),
        None,
        "nothing decided, nothing to review"
    );
}

#[test]
fn the_plan_lists_reviews_due_by_the_end_of_next_quarter_soonest_first() {
    let mut p = portfolio();
    let mut overdue = orchestrated("overdue", &[]);
    overdue.review_on = Some(date("2026-11-01"));
    let default_date = orchestrated("default", &[]);
    let mut last_day = orchestrated("last-day", &[]);
    last_day.review_on = Some(date("2027-03-31"));
    let mut later = orchestrated("later", &[]);
    later.review_on = Some(date("2027-04-01"));
    let mut today = orchestrated("today", &[]);
    today.review_on = Some(date("2026-11-27"));
    for capability in [later, last_day, default_date, overdue, today] {
        p.capabilities.push(Arc::new(capability));
    }
    let plan = Plan::of(&p, date("2026-11-27"));
    let reviews: Vec<(&str, bool)> = plan
        .reviews
        .iter()
        .map(|r| (r.id.as_str(), r.overdue))
        .collect();
    assert_eq!(
        reviews,
        [
            ("overdue", true),
            ("today", false),
            ("default", false),
            ("last-day", false)
        ],
        "up to the last day of next quarter, soonest first; due today is not yet overdue"
    );
}
