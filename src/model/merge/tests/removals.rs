//! Tests of `merge.rs` on removals, reorders and lists: what comes back,
//! where it goes, and what is a conflict.

use std::sync::Arc;

use serde_json::json;

use super::{at, base, change, clean, ids};
use crate::model::merge::{ORDER, Pick, merge};
use crate::model::{Capability, Decision, Portfolio, Team, Zone};

fn team(id: &str) -> Team {
    Team {
        id: id.into(),
        name: id.to_uppercase(),
    }
}

fn team_ids(p: &Portfolio) -> Vec<&str> {
    p.teams.iter().map(|t| t.id.as_str()).collect()
}

#[test]
fn removals_still_in_use_come_back_where_they_were_each_as_a_conflict() {
    let mut b = base();
    b.teams.push(team("ops"));
    let mut ours = b.clone();
    ours.teams.retain(|t| t.id == "ops");
    let theirs = change(&b, "ci", |c| c.owner = Some("data".into()));
    let theirs = change(&theirs, "logs", |c| c.owner = Some("web".into()));
    let m = merge(&b, &ours, &theirs).expect("mended twice").portfolio;
    assert_eq!(team_ids(&m), ["web", "data", "ops"], "in the base's order");
    let places: Vec<&[String]> = m.conflicts.iter().map(|c| c.at.as_slice()).collect();
    assert_eq!(places, [at(&["teams", "web"]), at(&["teams", "data"])]);
}

#[test]
fn a_removal_nobody_uses_stays_removed_while_a_later_one_comes_back() {
    let mut b = base();
    b.teams.insert(0, team("ops"));
    let mut ours = b.clone();
    ours.teams.retain(|t| t.id == "web");
    let theirs = change(&b, "ci", |c| c.owner = Some("data".into()));
    let m = merge(&b, &ours, &theirs).expect("mended").portfolio;
    assert_eq!(team_ids(&m), ["web", "data"], "ops was not needed back");
    assert_eq!(m.conflicts.len(), 1);
    assert_eq!(m.conflicts[0].at, at(&["teams", "data"]));
}

#[test]
fn a_capability_removed_on_one_side_but_put_on_the_backlog_on_the_other_comes_back_in_place() {
    let b = base();
    let mut ours = b.clone();
    ours.capabilities.retain(|c| c.id != "logs");
    let mut theirs = change(&b, "logs", |c| c.decision = Decision::Orchestrate);
    theirs.backlog_order = vec!["logs".into()];
    // Theirs changed it too: an edit against a removal, kept with a conflict.
    let m = merge(&b, &ours, &theirs).expect("merges").portfolio;
    assert_eq!(ids(&m), ["ci", "logs", "auth"]);
    // Untouched but ordered by hand on their side: put back where it was.
    let mut theirs = b.clone();
    theirs.backlog_order = vec!["logs".into()];
    let m = merge(&b, &ours, &theirs).expect("mended").portfolio;
    assert_eq!(
        ids(&m),
        ["ci", "logs", "auth"],
        "back after ci, where it was"
    );
    assert_eq!(m.conflicts.len(), 1);
    assert_eq!(m.conflicts[0].at, at(&["capabilities", "logs"]));
    assert_eq!(m.conflicts[0].ours, None, "this branch removed it");
}

#[test]
fn an_edit_against_a_removal_is_a_conflict_whichever_side_removed() {
    let b = base();
    let mut removed = b.clone();
    removed.capabilities.retain(|c| c.id != "logs");
    let edited = change(&b, "logs", |c| c.zone = Zone::Commodity);
    for (ours, theirs, ours_edited) in [(&removed, &edited, false), (&edited, &removed, true)] {
        let m = merge(&b, ours, theirs).expect("merges").portfolio;
        assert_eq!(ids(&m), ["ci", "logs", "auth"], "the edit is kept");
        assert_eq!(m.conflicts.len(), 1);
        assert!(m.conflicts[0].is_removal());
        assert_eq!(
            (
                m.conflicts[0].ours.is_some(),
                m.conflicts[0].theirs.is_some()
            ),
            (ours_edited, !ours_edited)
        );
    }
}

#[test]
fn a_merge_that_breaks_a_rule_neither_side_broke_is_refused_with_the_problems() {
    let b = base();
    let mut ours = b.clone();
    ours.minimum_standard.push("Backups".into());
    let mut theirs = b.clone();
    theirs.minimum_standard.push("backups".into());
    let error = merge(&b, &ours, &theirs).expect_err("two controls differ only in case");
    let text = error.to_string();
    assert!(
        text.starts_with("the merged portfolio would not be valid: portfolio: "),
        "{text}"
    );
    assert!(text.to_lowercase().contains("backups"), "{text}");
}

#[test]
fn a_list_emptied_on_one_side_merges_as_an_empty_list() {
    let b = change(&base(), "ci", |c| c.tags = vec!["a".into(), "b".into()]);
    let ours = change(&b, "ci", |c| c.tags = vec!["a".into()]);
    let theirs = change(&b, "ci", |c| c.tags.clear());
    let m = clean(&b, &ours, &theirs);
    assert!(m.capability("ci").expect("kept").tags.is_empty());
    let theirs = change(&b, "ci", |c| {
        c.tags = vec!["a".into(), "b".into(), "c".into()];
    });
    let ours = change(&b, "ci", |c| c.tags.clear());
    let m = clean(&b, &ours, &theirs);
    assert_eq!(
        m.capability("ci").expect("kept").tags,
        ["c"],
        "their addition stays"
    );
}

#[test]
fn a_capability_both_add_in_different_places_lands_where_this_branch_put_it() {
    let b = base();
    let flags = || Arc::new(Capability::new("flags", "Feature flags"));
    let mut ours = b.clone();
    ours.capabilities.insert(0, flags());
    let mut theirs = b.clone();
    theirs.capabilities.push(flags());
    let m = clean(&b, &ours, &theirs);
    assert_eq!(
        ids(&m),
        ["flags", "ci", "logs", "auth"],
        "no order conflict"
    );
}

#[test]
fn an_addition_on_one_side_follows_its_neighbour_into_the_others_reorder() {
    let b = base();
    let mut ours = b.clone();
    ours.capabilities.reverse();
    let mut theirs = b.clone();
    theirs
        .capabilities
        .push(Arc::new(Capability::new("secrets", "Secrets")));
    let m = clean(&b, &ours, &theirs);
    // Theirs put it after Identity (auth); ours moved auth first.
    assert_eq!(ids(&m), ["auth", "secrets", "logs", "ci"]);
}

#[test]
fn a_team_renamed_on_one_side_and_removed_on_the_other_is_kept_renamed() {
    let b = base();
    let mut ours = b.clone();
    ours.teams[0].name = "Web platform".into();
    let mut theirs = b.clone();
    theirs.teams.retain(|t| t.id != "web");
    let m = merge(&b, &ours, &theirs).expect("merges").portfolio;
    assert_eq!(m.team("web").map(|t| t.name.as_str()), Some("Web platform"));
    assert_eq!(m.conflicts.len(), 1);
    let conflict = &m.conflicts[0];
    assert_eq!(conflict.place(&m), "Team Web platform");
    assert_eq!(
        conflict.ours,
        Some(json!({"id": "web", "name": "Web platform"}))
    );
    assert_eq!(conflict.base, Some(json!({"id": "web", "name": "Web"})));
    assert_eq!(conflict.theirs, None);
    assert_eq!(
        (
            conflict.text(conflict.ours.as_ref(), &m),
            conflict.text(None, &m)
        ),
        ("changed it".to_owned(), "removed it".to_owned())
    );
}

#[test]
fn teams_reordered_two_ways_are_an_order_conflict_settled_by_a_pick() {
    let mut b = base();
    b.teams.push(team("ops"));
    let mut ours = b.clone();
    ours.teams.reverse();
    let mut theirs = b.clone();
    theirs.teams.rotate_left(1);
    let m = merge(&b, &ours, &theirs).expect("merges").portfolio;
    assert_eq!(
        team_ids(&m),
        ["ops", "data", "web"],
        "this branch's order stands"
    );
    assert_eq!(m.conflicts.len(), 1);
    assert_eq!(m.conflicts[0].at, at(&["teams", ORDER]));
    let mut picked = m.clone();
    picked.resolve_conflict(0, Pick::Theirs).expect("reorders");
    assert_eq!(team_ids(&picked), ["data", "ops", "web"]);
    assert!(picked.conflicts.is_empty());
}
