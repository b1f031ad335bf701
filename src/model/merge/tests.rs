//! Tests of `merge.rs`: one per case a git merge of two facilitators' work
//! meets, each checking both what was merged and what was flagged.

use std::sync::Arc;

use serde_json::json;

use super::*;

mod removals;
use crate::model::{Date, Decision, Exception, Question, Score, Scores, Team, Vote, Zone};

fn base() -> Portfolio {
    let mut p = Portfolio::new("Platform");
    for (id, name) in [("ci", "CI/CD"), ("logs", "Logging"), ("auth", "Identity")] {
        p.capabilities.push(Capability::new(id, name).into());
    }
    for (id, name) in [("web", "Web"), ("data", "Data")] {
        p.teams.push(Team {
            id: id.into(),
            name: name.into(),
        });
    }
    p.add_participant("Ana");
    p.add_participant("Bo");
    p
}

fn change(p: &Portfolio, id: &str, f: impl FnOnce(&mut Capability)) -> Portfolio {
    let mut p = p.clone();
    f(p.capability_mut(id).expect("the test capability exists"));
    p
}

fn ids(p: &Portfolio) -> Vec<&str> {
    p.capabilities.iter().map(|c| c.id.as_str()).collect()
}

fn clean(base: &Portfolio, ours: &Portfolio, theirs: &Portfolio) -> Portfolio {
    let merged = merge(base, ours, theirs).expect("the merge succeeds");
    assert_eq!(merged.new_conflicts, 0, "{:#?}", merged.portfolio.conflicts);
    assert!(merged.portfolio.conflicts.is_empty());
    merged.portfolio
}

fn at(steps: &[&str]) -> Vec<String> {
    steps.iter().map(|s| (*s).to_owned()).collect()
}

#[test]
fn changes_to_different_capabilities_both_land() {
    let b = base();
    let ours = change(&b, "ci", |c| c.zone = Zone::Commodity);
    let theirs = change(&b, "auth", |c| c.owner = Some("web".into()));
    let m = clean(&b, &ours, &theirs);
    assert_eq!(m.capability("ci").map(|c| c.zone), Some(Zone::Commodity));
    assert_eq!(
        m.capability("auth").and_then(|c| c.owner.as_deref()),
        Some("web")
    );
    assert_eq!(ids(&m), ["ci", "logs", "auth"]);
}

#[test]
fn changes_to_different_fields_of_one_capability_both_land() {
    let b = base();
    let ours = change(&b, "auth", |c| c.zone = Zone::RegulatedControl);
    let theirs = change(&b, "auth", |c| {
        c.owner = Some("data".into());
        c.scores.set(Question::Risk, Score::new(5));
    });
    let m = clean(&b, &ours, &theirs);
    let auth = m.capability("auth").expect("kept");
    assert_eq!(auth.zone, Zone::RegulatedControl);
    assert_eq!(auth.owner.as_deref(), Some("data"));
    assert_eq!(auth.scores.risk, Score::new(5));
}

#[test]
fn two_answers_to_different_questions_both_land() {
    let b = base();
    let ours = change(&b, "ci", |c| c.scores.set(Question::Reuse, Score::new(4)));
    let theirs = change(&b, "ci", |c| c.scores.set(Question::Cost, Score::new(2)));
    let m = clean(&b, &ours, &theirs);
    let scores = m.capability("ci").expect("kept").scores;
    assert_eq!((scores.reuse, scores.cost), (Score::new(4), Score::new(2)));
}

#[test]
fn one_field_changed_two_ways_is_a_conflict_that_keeps_ours() {
    let b = base();
    let ours = change(&b, "auth", |c| c.zone = Zone::Commodity);
    let theirs = change(&b, "auth", |c| {
        c.zone = Zone::Differentiator;
        c.notes = "theirs".into();
    });
    let merged = merge(&b, &ours, &theirs).expect("merges with a conflict");
    assert_eq!(merged.new_conflicts, 1);
    let m = merged.portfolio;
    let auth = m.capability("auth").expect("kept");
    assert_eq!(auth.zone, Zone::Commodity, "ours stands until picked");
    assert_eq!(auth.notes, "theirs", "the field only they changed lands");
    assert_eq!(
        m.conflicts,
        [MergeConflict {
            at: at(&["capabilities", "auth", "zone"]),
            base: Some(json!("Unplaced")),
            ours: Some(json!("Commodity")),
            theirs: Some(json!("Differentiator")),
        }]
    );
    assert_eq!(m.conflicts[0].place(&m), "Identity: zone");
}

#[test]
fn a_field_one_side_cleared_and_the_other_changed_is_a_conflict() {
    let b = change(&base(), "ci", |c| c.owner = Some("web".into()));
    let ours = change(&b, "ci", |c| c.owner = None);
    let theirs = change(&b, "ci", |c| c.owner = Some("data".into()));
    let m = merge(&b, &ours, &theirs).expect("merges").portfolio;
    assert_eq!(m.capability("ci").and_then(|c| c.owner.clone()), None);
    assert_eq!(m.conflicts.len(), 1);
    assert_eq!(m.conflicts[0].ours, None);
    assert_eq!(m.conflicts[0].theirs, Some(json!("data")));
    assert!(!m.conflicts[0].is_removal(), "a field, not an item");
}

#[test]
fn the_same_change_on_both_sides_is_no_conflict() {
    let b = base();
    let both = change(&b, "ci", |c| c.decision = Decision::Orchestrate);
    let m = clean(&b, &both, &both.clone());
    assert_eq!(
        m.capability("ci").map(|c| c.decision),
        Some(Decision::Orchestrate)
    );
}

#[test]
fn additions_on_both_sides_land_after_their_neighbours() {
    let b = base();
    let mut ours = b.clone();
    ours.capabilities
        .insert(1, Capability::new("flags", "Feature flags").into());
    let mut theirs = b.clone();
    theirs
        .capabilities
        .push(Capability::new("secrets", "Secrets").into());
    let m = clean(&b, &ours, &theirs);
    assert_eq!(ids(&m), ["ci", "flags", "logs", "auth", "secrets"]);
}

#[test]
fn a_run_of_additions_keeps_its_order() {
    let b = base();
    let mut ours = b.clone();
    for (i, id) in ["x1", "x2", "x3"].into_iter().enumerate() {
        ours.capabilities
            .insert(i, Capability::new(id, id.to_uppercase()).into());
    }
    let mut theirs = b.clone();
    theirs
        .capabilities
        .insert(0, Capability::new("y", "Y").into());
    let m = clean(&b, &ours, &theirs);
    assert_eq!(ids(&m), ["x1", "x2", "x3", "y", "ci", "logs", "auth"]);
}

#[test]
fn one_capability_added_on_both_sides_merges_field_by_field() {
    let b = base();
    let added = |zone: Zone, owner: Option<&str>| {
        let mut p = b.clone();
        let mut c = Capability::new("flags", "Feature flags");
        c.zone = zone;
        c.owner = owner.map(Into::into);
        p.capabilities.push(c.into());
        p
    };
    let same = clean(
        &b,
        &added(Zone::Commodity, None),
        &added(Zone::Commodity, None),
    );
    assert_eq!(ids(&same), ["ci", "logs", "auth", "flags"]);
    let m = merge(
        &b,
        &added(Zone::Commodity, Some("web")),
        &added(Zone::Differentiator, Some("web")),
    )
    .expect("merges")
    .portfolio;
    assert_eq!(m.conflicts.len(), 1);
    assert_eq!(m.conflicts[0].at, at(&["capabilities", "flags", "zone"]));
    assert_eq!(m.conflicts[0].base, None, "neither had it before");
}

#[test]
fn a_removal_on_one_side_lands_when_the_other_left_it_alone() {
    let b = base();
    let mut ours = b.clone();
    ours.capabilities.retain(|c| c.id != "logs");
    let theirs = change(&b, "auth", |c| c.notes = "x".into());
    let m = clean(&b, &ours, &theirs);
    assert_eq!(ids(&m), ["ci", "auth"]);
    let m = clean(&b, &theirs, &ours);
    assert_eq!(ids(&m), ["ci", "auth"]);
}

#[test]
fn a_removal_against_an_edit_keeps_the_edit_and_asks() {
    let b = base();
    let mut ours = b.clone();
    ours.capabilities.retain(|c| c.id != "logs");
    let theirs = change(&b, "logs", |c| c.zone = Zone::Commodity);
    let m = merge(&b, &ours, &theirs).expect("merges").portfolio;
    assert_eq!(
        m.capability("logs").map(|c| c.zone),
        Some(Zone::Commodity),
        "nothing is lost until the facilitator says so"
    );
    assert_eq!(m.conflicts.len(), 1);
    let conflict = &m.conflicts[0];
    assert_eq!(conflict.at, at(&["capabilities", "logs"]));
    assert!(conflict.is_removal());
    assert_eq!(conflict.ours, None);
    assert_eq!(value_text(conflict.theirs.as_ref()), "Logging");
    assert_eq!(conflict.place(&m), "Logging");

    let mut removed = m.clone();
    removed.resolve_conflict(0, Pick::Ours).expect("removes");
    assert_eq!(ids(&removed), ["ci", "auth"]);
    assert!(removed.conflicts.is_empty());
    let mut kept = m.clone();
    kept.resolve_conflict(0, Pick::Theirs).expect("keeps");
    assert_eq!(ids(&kept), ["ci", "logs", "auth"]);
    assert!(kept.conflicts.is_empty());
}

#[test]
fn a_reorder_on_one_side_lands_with_the_other_sides_edits() {
    let b = base();
    let mut ours = b.clone();
    ours.capabilities.reverse();
    let theirs = change(&b, "ci", |c| c.notes = "edited".into());
    let m = clean(&b, &ours, &theirs);
    assert_eq!(ids(&m), ["auth", "logs", "ci"]);
    assert_eq!(m.capability("ci").map(|c| c.notes.as_str()), Some("edited"));
    assert_eq!(ids(&clean(&b, &theirs, &ours)), ["auth", "logs", "ci"]);
}

#[test]
fn two_different_reorders_are_a_conflict_settled_by_a_pick() {
    let b = base();
    let mut ours = b.clone();
    ours.capabilities.reverse();
    let mut theirs = b.clone();
    theirs.capabilities.rotate_left(1);
    let m = merge(&b, &ours, &theirs).expect("merges").portfolio;
    assert_eq!(ids(&m), ["auth", "logs", "ci"]);
    assert_eq!(m.conflicts.len(), 1);
    assert_eq!(m.conflicts[0].at, at(&["capabilities", ORDER]));
    assert_eq!(m.conflicts[0].place(&m), "The order of the capabilities");
    let side = |v: Option<&Value>| m.conflicts[0].text(v, &m);
    assert_eq!(
        side(m.conflicts[0].ours.as_ref()),
        "Identity, Logging, CI/CD"
    );
    assert_eq!(
        side(m.conflicts[0].theirs.as_ref()),
        "Logging, Identity, CI/CD"
    );
    assert_eq!(
        side(m.conflicts[0].current(&m).as_ref()),
        "Identity, Logging, CI/CD"
    );
    let mut picked = m.clone();
    picked.resolve_conflict(0, Pick::Theirs).expect("reorders");
    assert_eq!(ids(&picked), ["logs", "auth", "ci"]);
}

#[test]
fn votes_and_exceptions_added_on_both_sides_are_all_kept() {
    let b = base();
    let vote = |who: &str, reuse: u8| Vote {
        participant: who.into(),
        scores: Scores {
            reuse: Score::new(reuse),
            ..Scores::default()
        },
    };
    let exception = |reason: &str| Exception {
        reason: reason.into(),
        approved_by: "CTO".into(),
        review_by: "2027-03-31".parse::<Date>().expect("a date"),
    };
    let ours = change(&b, "auth", |c| {
        c.votes.push(vote("ana", 4));
        c.exceptions.push(exception("legacy SSO"));
        c.tags.push("security".into());
    });
    let theirs = change(&b, "auth", |c| {
        c.votes.push(vote("bo", 2));
        c.exceptions.push(exception("audit tool"));
        c.tags.push("compliance".into());
    });
    let m = clean(&b, &ours, &theirs);
    let auth = m.capability("auth").expect("kept");
    let voters: Vec<&str> = auth.votes.iter().map(|v| v.participant.as_str()).collect();
    assert_eq!(voters, ["ana", "bo"]);
    let reasons: Vec<&str> = auth.exceptions.iter().map(|e| e.reason.as_str()).collect();
    assert_eq!(reasons, ["legacy SSO", "audit tool"]);
    assert_eq!(auth.tags, ["security", "compliance"]);
}

#[test]
fn a_team_removed_on_one_side_but_made_owner_on_the_other_comes_back_as_a_conflict() {
    let b = base();
    let mut ours = b.clone();
    ours.teams.retain(|t| t.id != "data");
    let theirs = change(&b, "ci", |c| c.owner = Some("data".into()));
    let m = merge(&b, &ours, &theirs).expect("mended").portfolio;
    assert!(m.team("data").is_some(), "the owner is put back");
    assert_eq!(m.conflicts.len(), 1);
    assert_eq!(m.conflicts[0].at, at(&["teams", "data"]));
    assert_eq!(m.conflicts[0].place(&m), "Team Data");
    assert!(crate::model::validate(&m).is_empty());

    let mut refused = m.clone();
    let error = refused
        .resolve_conflict(0, Pick::Ours)
        .expect_err("removing the owner breaks a rule");
    assert!(error.contains("not a known team"), "{error}");
    assert_eq!(refused, m, "a refused pick changes nothing");
    refused.resolve_conflict(0, Pick::Current).expect("keeps");
    assert!(refused.conflicts.is_empty());
}

#[test]
fn portfolio_fields_merge_and_conflict_like_capability_fields() {
    let b = base();
    let mut ours = b.clone();
    ours.name = "Ours".into();
    ours.minimum_standard.retain(|c| !c.contains("SSO"));
    let mut theirs = b.clone();
    theirs.name = "Theirs".into();
    theirs.quarter = Some("2027-Q1".into());
    let m = merge(&b, &ours, &theirs).expect("merges").portfolio;
    assert_eq!(m.name, "Ours");
    assert_eq!(m.quarter.as_deref(), Some("2027-Q1"));
    assert_eq!(m.minimum_standard, ours.minimum_standard);
    assert_eq!(m.conflicts.len(), 1);
    assert_eq!(m.conflicts[0].place(&m), "The portfolio's name");
    let mut picked = m.clone();
    picked.resolve_conflict(0, Pick::Theirs).expect("renames");
    assert_eq!(picked.name, "Theirs");
    assert_eq!(picked.capabilities, m.capabilities);
}

#[test]
fn a_picked_value_replaces_only_its_field() {
    let b = base();
    let ours = change(&b, "auth", |c| c.scores.set(Question::Risk, Score::new(2)));
    let theirs = change(&b, "auth", |c| c.scores.set(Question::Risk, Score::new(5)));
    let mut m = merge(&b, &ours, &theirs).expect("merges").portfolio;
    assert_eq!(m.conflicts[0].place(&m), "Identity: scores › risk");
    Arc::make_mut(&mut m.capabilities[2]).notes = "typed since".into();
    m.resolve_conflict(0, Pick::Theirs).expect("picks");
    let auth = m.capability("auth").expect("kept");
    assert_eq!(auth.scores.risk, Score::new(5));
    assert_eq!(auth.notes, "typed since");
    assert!(m.resolve_conflict(0, Pick::Ours).is_err(), "none is left");
}

#[test]
fn keeping_the_current_value_keeps_what_was_typed_since() {
    let b = base();
    let ours = change(&b, "ci", |c| c.rationale = "a".into());
    let theirs = change(&b, "ci", |c| c.rationale = "b".into());
    let mut m = merge(&b, &ours, &theirs).expect("merges").portfolio;
    Arc::make_mut(&mut m.capabilities[0]).rationale = "a and b".into();
    m.resolve_conflict(0, Pick::Current).expect("keeps");
    assert_eq!(
        m.capability("ci").map(|c| c.rationale.as_str()),
        Some("a and b")
    );
    assert!(m.conflicts.is_empty());
}

#[test]
fn merging_with_an_unchanged_side_gives_the_other_side() {
    let b = base();
    let x = change(&b, "ci", |c| c.zone = Zone::Commodity);
    assert_eq!(clean(&b, &x, &b), x);
    assert_eq!(clean(&b, &b, &x), x);
}

#[test]
fn values_read_as_short_text() {
    assert_eq!(value_text(None), "not set");
    assert_eq!(value_text(Some(&json!(true))), "yes");
    assert_eq!(value_text(Some(&json!(3))), "3");
    assert_eq!(value_text(Some(&json!(["a", "b"]))), "a, b");
    assert_eq!(value_text(Some(&json!([]))), "none");
    assert_eq!(
        value_text(Some(&json!({"name": "Web", "id": "web"}))),
        "Web"
    );
    assert_eq!(value_text(Some(&json!({"reuse": 3}))), "reuse: 3");
    let long = "x".repeat(500);
    assert_eq!(value_text(Some(&json!(long))).chars().count(), 200);
}

#[test]
fn a_conflict_without_a_place_or_with_a_control_character_is_refused() {
    let mut p = base();
    p.conflicts.push(MergeConflict {
        at: Vec::new(),
        base: None,
        ours: None,
        theirs: None,
    });
    p.conflicts.push(MergeConflict {
        at: at(&["capabilities", "ci\u{1b}"]),
        base: None,
        ours: None,
        theirs: None,
    });
    let problems: Vec<String> = validate(&p).iter().map(ToString::to_string).collect();
    assert_eq!(
        problems,
        [
            "portfolio: merge conflict 1 does not say where it is",
            "portfolio: the place of a merge conflict holds a control character (U+001B); only text, tabs are allowed",
        ]
    );
}

#[test]
fn each_side_of_a_conflict_reads_as_what_that_branch_did() {
    let b = base();
    let mut ours = b.clone();
    ours.capabilities.retain(|c| c.id != "logs");
    ours.teams.retain(|t| t.id != "data");
    let theirs = change(&b, "logs", |c| c.notes = "kept".into());
    let theirs = change(&theirs, "ci", |c| c.owner = Some("data".into()));
    let m = merge(&b, &ours, &theirs).expect("merges").portfolio;
    let read: Vec<(String, String, String)> = m
        .conflicts
        .iter()
        .map(|c| {
            (
                c.place(&m),
                c.text(c.ours.as_ref(), &m),
                c.text(c.theirs.as_ref(), &m),
            )
        })
        .collect();
    let row = |a: &str, b: &str, c: &str| (a.to_owned(), b.to_owned(), c.to_owned());
    assert_eq!(
        read,
        [
            row("Logging", "removed it", "changed it"),
            row("Team Data", "removed it", "still uses it"),
        ]
    );
    assert_eq!(
        m.conflicts[0].current(&m).map(|v| v["notes"].clone()),
        Some(json!("kept"))
    );
    assert_eq!(
        m.conflicts[1].current(&m).map(|v| v["name"].clone()),
        Some(json!("Data"))
    );
    let zone = MergeConflict {
        at: at(&["capabilities", "ci", "zone"]),
        base: None,
        ours: None,
        theirs: None,
    };
    assert_eq!(zone.current(&m), Some(json!("Unplaced")));
    let gone = MergeConflict {
        at: at(&["capabilities", "nope", "zone"]),
        ..zone
    };
    assert_eq!(gone.current(&m), None);
}

#[test]
fn a_text_of_exactly_200_characters_is_kept_whole() {
    let full = "x".repeat(200);
    assert_eq!(
        value_text(Some(&json!(full))),
        full,
        "200 characters are not cut"
    );
    let cut = value_text(Some(&json!("x".repeat(201))));
    assert_eq!(
        cut,
        "x".repeat(199) + "…",
        "201 are cut to 199 and an ellipsis"
    );
}

#[test]
fn a_list_only_one_side_has_keeps_the_first_of_two_items_with_one_key() {
    let twice = json!(["a", "b", "a"]);
    for (ours, theirs) in [(Some(&twice), None), (None, Some(&twice))] {
        let mut merger = Merger::default();
        assert_eq!(
            merger.value(&mut Vec::new(), None, ours, theirs),
            Some(json!(["a", "b"])),
            "merged item by item like any list"
        );
        assert!(merger.conflicts.is_empty(), "no conflict");
    }
}

#[test]
fn a_conflict_inside_a_portfolio_field_is_placed_by_its_path() {
    let conflict = MergeConflict {
        at: at(&["scoring", "pull_weights", "reuse"]),
        base: None,
        ours: None,
        theirs: None,
    };
    assert_eq!(
        conflict.place(&base()),
        "scoring › pull weights › reuse",
        "field names, not a team or participant"
    );
}

#[test]
fn a_participants_conflict_is_placed_by_that_participants_name() {
    let p = base();
    let bo = MergeConflict {
        at: vec!["participants".to_owned(), p.participants[1].id.clone()],
        base: None,
        ours: None,
        theirs: None,
    };
    assert_eq!(bo.place(&p), "Participant Bo", "the second participant");
    let gone = MergeConflict {
        at: at(&["participants", "nobody", "name"]),
        ..bo
    };
    assert_eq!(
        gone.place(&p),
        "Participant nobody: name",
        "one no longer there by id"
    );
}
