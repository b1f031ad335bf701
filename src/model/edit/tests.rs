//! Tests of `edit.rs`, kept apart so the file stays readable.

use super::*;
use crate::model::{Role, validate};

fn portfolio() -> Portfolio {
    let mut p = Portfolio::new("Test");
    for (id, zone) in [
        ("ci", Zone::Commodity),
        ("logs", Zone::Commodity),
        ("auth", Zone::RegulatedControl),
    ] {
        let mut c = Capability::new(id, id.to_uppercase());
        c.zone = zone;
        p.capabilities.push(c.into());
    }
    p.teams.push(Team {
        id: "web".into(),
        name: "Web".into(),
    });
    std::sync::Arc::make_mut(&mut p.capabilities[0]).owner = Some("web".into());
    p.add_participant("Ana");
    p
}

/// Applies `edit` to the test portfolio: what it returned and the result.
fn applied(edit: Edit) -> (Option<Applied>, Portfolio) {
    let mut p = portfolio();
    let result = edit.apply(&mut p);
    (result, p)
}

fn ids(p: &Portfolio) -> Vec<&str> {
    p.capabilities.iter().map(|c| c.id.as_str()).collect()
}

fn every_edit_on(id: &str) -> Vec<Edit> {
    let id = id.to_owned();
    vec![
        Edit::DeleteCapability { id: id.clone() },
        Edit::MoveToZone {
            id: id.clone(),
            zone: Zone::Differentiator,
        },
        Edit::MoveCard {
            id: id.clone(),
            zone: Zone::Differentiator,
            before: None,
        },
        Edit::Reorder {
            id: id.clone(),
            delta: 1,
        },
        Edit::SetScore {
            id: id.clone(),
            question: Question::Reuse,
            score: Score::new(4),
        },
        Edit::UpdateCapability {
            capability: Box::new(Capability::new(id.clone(), "Renamed")),
            added_as: None,
        },
        Edit::SetDecision {
            id: id.clone(),
            decision: Decision::Operate,
        },
        Edit::CycleDecision { id: id.clone() },
        Edit::SetVote {
            id: id.clone(),
            participant: "ana".into(),
            scores: Scores::default(),
        },
        Edit::RevealVotes { id: id.clone() },
        Edit::HideVotes { id: id.clone() },
        Edit::RenameTeam {
            id: id.clone(),
            name: "X".into(),
        },
        Edit::RemoveTeam { id: id.clone() },
        Edit::RemoveParticipant { id },
    ]
}

#[test]
fn an_edit_of_an_unknown_id_changes_nothing() {
    for edit in every_edit_on("nobody") {
        let (result, after) = applied(edit.clone());
        assert_eq!(result, None, "{edit:?}");
        assert_eq!(after, portfolio(), "{edit:?}");
    }
}

#[test]
fn edits_that_would_change_nothing_say_so() {
    let p = portfolio();
    let unchanged = [
        Edit::MoveToZone {
            id: "ci".into(),
            zone: Zone::Commodity,
        },
        // Dropped back at the end of its own column.
        Edit::MoveCard {
            id: "logs".into(),
            zone: Zone::Commodity,
            before: None,
        },
        Edit::Reorder {
            id: "ci".into(),
            delta: -1,
        },
        Edit::SetScore {
            id: "ci".into(),
            question: Question::Risk,
            score: None,
        },
        Edit::SetDecision {
            id: "ci".into(),
            decision: Decision::Undecided,
        },
        Edit::SetScoring(p.scoring),
        Edit::RenameTeam {
            id: "web".into(),
            name: "Web".into(),
        },
        Edit::HideVotes { id: "ci".into() },
        Edit::Append {
            teams: Vec::new(),
            capabilities: Vec::new(),
        },
    ];
    for edit in unchanged {
        assert_eq!(applied(edit.clone()), (None, p.clone()), "{edit:?}");
    }
}

#[test]
fn a_new_capability_gets_an_id_from_its_name_unique_in_the_portfolio() {
    let (result, after) = applied(Edit::AddCapability { name: "CI".into() });
    assert_eq!(result.and_then(|a| a.capability), Some("ci-2".into()));
    let added = after.capability("ci-2").expect("added");
    assert_eq!((added.name.as_str(), added.zone), ("CI", Zone::Unplaced));
}

#[test]
fn deleting_a_capability_takes_it_out_of_the_backlog_order_too() {
    let mut p = portfolio();
    p.backlog_order = vec!["logs".into(), "ci".into()];
    Edit::DeleteCapability { id: "logs".into() }.apply(&mut p);
    assert_eq!(p.backlog_order, ["ci"], "no order naming a capability gone");
    assert!(validate(&p).is_empty(), "{:?}", validate(&p));
}

#[test]
fn removing_a_team_takes_it_out_of_the_teams_using_a_shared_service() {
    let mut p = portfolio();
    std::sync::Arc::make_mut(&mut p.capabilities[1]).adopted_by = vec!["web".into()];
    Edit::RemoveTeam { id: "web".into() }.apply(&mut p);
    assert!(
        p.capability("logs").expect("logs").adopted_by.is_empty(),
        "the team is gone from the adopters"
    );
    assert!(validate(&p).is_empty(), "{:?}", validate(&p));
}

#[test]
fn deleting_removes_only_that_capability() {
    let (result, after) = applied(Edit::DeleteCapability { id: "logs".into() });
    assert!(result.is_some());
    assert_eq!(ids(&after), ["ci", "auth"]);
}

#[test]
fn moves_place_the_card_where_it_was_dropped() {
    let (_, after) = applied(Edit::MoveCard {
        id: "auth".into(),
        zone: Zone::Commodity,
        before: Some("logs".into()),
    });
    assert_eq!(after.column(Zone::Commodity), ["ci", "auth", "logs"]);
    let (_, after) = applied(Edit::MoveToZone {
        id: "ci".into(),
        zone: Zone::RegulatedControl,
    });
    assert_eq!(after.column(Zone::RegulatedControl), ["auth", "ci"]);
    let (_, after) = applied(Edit::Reorder {
        id: "ci".into(),
        delta: 1,
    });
    assert_eq!(after.column(Zone::Commodity), ["logs", "ci"]);
}

#[test]
fn scores_and_decisions_are_set_on_the_named_capability() {
    let (_, after) = applied(Edit::SetScore {
        id: "logs".into(),
        question: Question::Cost,
        score: Score::new(5),
    });
    let logs = after.capability("logs").expect("logs");
    assert_eq!(logs.scores.get(Question::Cost), Score::new(5));
    assert_eq!(after.capability("ci"), portfolio().capability("ci"));

    let (_, after) = applied(Edit::SetDecision {
        id: "auth".into(),
        decision: Decision::Orchestrate,
    });
    let auth = after.capability("auth").expect("auth");
    assert_eq!(auth.decision, Decision::Orchestrate);
}

#[test]
fn cycling_the_decision_goes_round_every_decision() {
    let mut p = portfolio();
    let mut seen = Vec::new();
    for _ in 0..Decision::ALL.len() {
        Edit::CycleDecision { id: "ci".into() }.apply(&mut p);
        seen.push(p.capability("ci").expect("ci").decision);
    }
    assert_eq!(seen.last(), Some(&Decision::Undecided));
    let mut sorted = seen.clone();
    sorted.sort_by_key(|d| Decision::ALL.iter().position(|x| x == d));
    assert_eq!(sorted, Decision::ALL, "each decision once");
}

#[test]
fn a_new_capability_s_id_follows_its_name_until_saved() {
    let mut renamed = Capability::new("ci", "Build pipelines");
    renamed.zone = Zone::Commodity;
    let fresh = Edit::UpdateCapability {
        capability: Box::new(renamed.clone()),
        added_as: Some("ci".into()),
    };
    let (result, after) = applied(fresh);
    assert_eq!(
        result.and_then(|a| a.capability),
        Some("build-pipelines".into())
    );
    assert_eq!(ids(&after), ["build-pipelines", "logs", "auth"]);

    let saved = Edit::UpdateCapability {
        capability: Box::new(renamed),
        added_as: None,
    };
    let (result, after) = applied(saved);
    assert_eq!(result.and_then(|a| a.capability), Some("ci".into()));
    assert_eq!(after.capability("ci").expect("ci").name, "Build pipelines");
}

#[test]
fn teams_participants_and_votes() {
    let (_, after) = applied(Edit::AddTeam { name: "Web".into() });
    assert_eq!(after.teams[1].id, "web-2");
    let (_, after) = applied(Edit::RemoveTeam { id: "web".into() });
    assert!(after.teams.is_empty());
    assert_eq!(after.capability("ci").expect("ci").owner, None);

    let mut p = portfolio();
    let vote = Scores {
        reuse: Score::new(5),
        ..Scores::default()
    };
    Edit::SetVote {
        id: "ci".into(),
        participant: "ana".into(),
        scores: vote,
    }
    .apply(&mut p);
    Edit::RevealVotes { id: "ci".into() }.apply(&mut p);
    let ci = p.capability("ci").expect("ci");
    assert!(ci.votes_revealed);
    assert_eq!(ci.scores.get(Question::Reuse), Score::new(5));
    assert!(Edit::HideVotes { id: "ci".into() }.apply(&mut p).is_some());
    Edit::RemoveParticipant { id: "ana".into() }.apply(&mut p);
    assert!(p.participants.is_empty());
    assert!(p.capability("ci").expect("ci").votes.is_empty());
    Edit::AddParticipant { name: "Bo".into() }.apply(&mut p);
    assert_eq!(p.participants[0].id, "bo");
}

#[test]
fn portfolio_details_weights_and_imports() {
    let (_, after) = applied(Edit::UpdateInfo {
        name: "Q1 map".into(),
        quarter: Some("2027-Q1".into()),
        notes: "n".into(),
    });
    assert_eq!(
        (
            after.name.as_str(),
            after.quarter.as_deref(),
            after.notes.as_str()
        ),
        ("Q1 map", Some("2027-Q1"), "n")
    );
    let heavy = ScoringSettings {
        risk_weight: 2.0,
        ..ScoringSettings::default()
    };
    let (_, after) = applied(Edit::SetScoring(heavy));
    assert_eq!(after.scoring, heavy);
    let (_, after) = applied(Edit::Append {
        teams: vec![Team {
            id: "data".into(),
            name: "Data".into(),
        }],
        capabilities: vec![Capability::new("etl", "ETL")],
    });
    assert_eq!(ids(&after), ["ci", "logs", "auth", "etl"]);
    assert_eq!(after.teams.len(), 2);
}

#[test]
fn typing_into_one_field_is_keyed_by_that_field() {
    let p = portfolio();
    let mut edited = p.capability("ci").expect("ci").clone();
    edited.rationale = "Shared".into();
    let edit = |added_as: Option<&str>| Edit::UpdateCapability {
        capability: Box::new(edited.clone()),
        added_as: added_as.map(str::to_owned),
    };
    assert_eq!(edit(None).typing_key(&p), Some("ci/rationale".into()));
    assert_eq!(
        edit(Some("new-capability")).typing_key(&p),
        Some("new-capability/rationale".into())
    );
    // A click (the zone) is a step of its own.
    let mut moved = p.capability("ci").expect("ci").clone();
    moved.zone = Zone::Differentiator;
    let click = Edit::UpdateCapability {
        capability: Box::new(moved),
        added_as: None,
    };
    assert_eq!(click.typing_key(&p), None);
    let score = Edit::SetScore {
        id: "ci".into(),
        question: Question::Reuse,
        score: Score::new(1),
    };
    assert_eq!(score.typing_key(&p), None);
}

#[test]
fn removals_and_replacements_are_announced_with_their_names() {
    let mut p = portfolio();
    std::sync::Arc::make_mut(&mut p.capabilities[1]).decision = Decision::Operate;
    let notice = |edit: Edit| edit.undo_notice(&p);
    assert_eq!(
        notice(Edit::DeleteCapability { id: "logs".into() }).as_deref(),
        Some("Deleted “LOGS”")
    );
    assert_eq!(
        notice(Edit::SetDecision {
            id: "logs".into(),
            decision: Decision::Orchestrate
        })
        .as_deref(),
        Some("“LOGS” was decided Operate, now Orchestrate")
    );
    // A first decision replaces nothing.
    let first = Edit::SetDecision {
        id: "ci".into(),
        decision: Decision::Operate,
    };
    assert_eq!(notice(first), None);
    assert_eq!(
        notice(Edit::RemoveTeam { id: "web".into() }).as_deref(),
        Some("Removed the team “Web”")
    );
    assert_eq!(
        notice(Edit::RemoveParticipant { id: "ana".into() }).as_deref(),
        Some("Removed Ana and their votes")
    );
    let mut with_exception = p.clone();
    std::sync::Arc::make_mut(&mut with_exception.capabilities[0])
        .exceptions
        .push(crate::model::Exception {
            reason: "Legacy".into(),
            approved_by: String::new(),
            review_by: crate::model::Date::from_ymd(2027, 1, 1).expect("date"),
        });
    let without = crate::model::Capability::clone(&p.capabilities[0]);
    let removal = Edit::UpdateCapability {
        capability: Box::new(without),
        added_as: None,
    };
    assert_eq!(
        removal.undo_notice(&with_exception).as_deref(),
        Some("Removed an exception from “CI”")
    );
    assert_eq!(removal.undo_notice(&p), None);
    assert_eq!(notice(Edit::AddTeam { name: "X".into() }), None);
}

#[test]
fn a_card_dropped_in_its_own_column_moves_to_where_it_was_dropped() {
    // In front of another card of its column.
    let (result, after) = applied(Edit::MoveCard {
        id: "logs".into(),
        zone: Zone::Commodity,
        before: Some("ci".into()),
    });
    assert!(result.is_some(), "a move within the column is a change");
    assert_eq!(after.column(Zone::Commodity), ["logs", "ci"]);
    // At the end of its column, from the top.
    let (result, after) = applied(Edit::MoveCard {
        id: "ci".into(),
        zone: Zone::Commodity,
        before: None,
    });
    assert!(result.is_some(), "first to last is a change");
    assert_eq!(after.column(Zone::Commodity), ["logs", "ci"]);
}

#[test]
fn an_import_of_capabilities_alone_or_teams_alone_is_added() {
    let (result, after) = applied(Edit::Append {
        teams: Vec::new(),
        capabilities: vec![Capability::new("etl", "ETL")],
    });
    assert!(result.is_some(), "capabilities without new teams");
    assert!(after.capability("etl").is_some());
    let (result, after) = applied(Edit::Append {
        teams: vec![Team {
            id: "data".into(),
            name: "Data".into(),
        }],
        capabilities: Vec::new(),
    });
    assert!(result.is_some(), "teams without capabilities");
    assert!(after.team("data").is_some());
}

#[test]
fn typing_in_an_exception_is_grouped_but_adding_one_is_not() {
    let mut p = portfolio();
    let exception = crate::model::Exception {
        reason: "Legacy".into(),
        approved_by: String::new(),
        review_by: crate::model::Date::from_ymd(2027, 1, 1).expect("date"),
    };
    std::sync::Arc::make_mut(&mut p.capabilities[0])
        .exceptions
        .push(exception.clone());
    let mut typed = crate::model::Capability::clone(&p.capabilities[0]);
    typed.exceptions[0].reason = "Legacy stack".into();
    let typing = Edit::UpdateCapability {
        capability: Box::new(typed),
        added_as: None,
    };
    assert_eq!(typing.typing_key(&p), Some("ci/exceptions".into()));
    let mut added = crate::model::Capability::clone(&p.capabilities[0]);
    added.exceptions.push(exception);
    let adding = Edit::UpdateCapability {
        capability: Box::new(added),
        added_as: None,
    };
    assert_eq!(adding.typing_key(&p), None, "a click is its own step");
}

#[test]
fn every_edit_has_a_name_for_menus() {
    let mut labels: Vec<&str> = every_edit_on("ci").iter().map(Edit::label).collect();
    labels.push(Edit::AddCapability { name: "X".into() }.label());
    assert!(
        labels.iter().all(|l| !l.is_empty() && l.len() < 30),
        "{labels:?}"
    );
    assert_eq!(
        Edit::SetScore {
            id: "ci".into(),
            question: Question::Reuse,
            score: None
        }
        .label(),
        "Score"
    );
    assert_eq!(
        Edit::DeleteCapability { id: "ci".into() }.label(),
        "Delete capability"
    );
}

#[test]
fn the_backlog_order_takes_known_ids_once_and_an_empty_order_ranks_by_friction_again() {
    let mut p = portfolio();
    let order = |ids: &[&str]| Edit::SetBacklogOrder {
        order: ids.iter().map(|id| (*id).to_owned()).collect(),
    };
    assert!(order(&["logs", "ci"]).apply(&mut p).is_some(), "applied");
    assert_eq!(p.backlog_order, ["logs", "ci"], "kept as given");
    assert!(order(&["logs", "ci"]).apply(&mut p).is_none(), "no change");
    assert!(order(&["ghost"]).apply(&mut p).is_none(), "unknown id");
    assert!(order(&["ci", "ci"]).apply(&mut p).is_none(), "an id twice");
    assert_eq!(p.backlog_order, ["logs", "ci"], "refusals change nothing");
    assert!(order(&[]).apply(&mut p).is_some(), "cleared");
    assert!(p.backlog_order.is_empty(), "ranked by friction again");
}

#[test]
fn a_control_renamed_in_place_stays_met_and_a_removed_one_is_met_nowhere() {
    let mut p = portfolio();
    std::sync::Arc::make_mut(&mut p.capabilities[0]).standard_met =
        vec!["Logging".into(), "Documentation".into()];
    let standard = |controls: &[&str]| Edit::SetStandard {
        controls: controls.iter().map(|c| (*c).to_owned()).collect(),
    };
    let renamed = standard(&[
        "Structured logging",
        "Access control",
        "Documentation",
        "Incident escalation",
    ]);
    assert!(renamed.apply(&mut p).is_some(), "renamed");
    assert_eq!(
        p.capabilities[0].standard_met,
        ["Structured logging", "Documentation"],
        "the renamed control is still met"
    );
    assert!(
        standard(&["Documentation", "On-call"])
            .apply(&mut p)
            .is_some(),
        "replaced"
    );
    assert_eq!(
        p.capabilities[0].standard_met,
        ["Documentation"],
        "a control gone is met nowhere"
    );
    assert!(validate(&p).is_empty(), "{:?}", validate(&p));
    assert!(
        standard(&["A", " a "]).apply(&mut p).is_none(),
        "a control twice"
    );
    assert!(
        standard(&["A", " "]).apply(&mut p).is_none(),
        "an empty control"
    );
    assert_eq!(p.minimum_standard, ["Documentation", "On-call"], "kept");
    assert!(standard(&[]).apply(&mut p).is_some(), "no standard at all");
    assert!(
        p.capabilities[0].standard_met.is_empty(),
        "nothing left to meet"
    );
}

#[test]
fn a_role_is_set_on_a_known_participant_only() {
    let mut p = portfolio();
    let id = p.participants[0].id.clone();
    let role = |id: &str, role| Edit::SetParticipantRole {
        id: id.to_owned(),
        role,
    };
    assert!(role(&id, Some(Role::Sre)).apply(&mut p).is_some(), "set");
    assert_eq!(p.participants[0].role, Some(Role::Sre), "noted");
    assert!(
        role(&id, Some(Role::Sre)).apply(&mut p).is_none(),
        "no change"
    );
    assert!(
        role("ghost", Some(Role::Sre)).apply(&mut p).is_none(),
        "unknown"
    );
}

#[test]
fn renaming_a_new_capability_renames_it_in_the_backlog_order() {
    let mut p = portfolio();
    let id = Edit::AddCapability { name: "New".into() }
        .apply(&mut p)
        .and_then(|a| a.capability)
        .expect("added");
    p.backlog_order = vec![id.clone()];
    let mut renamed = p.capability(&id).expect("new").clone();
    renamed.name = "Secrets".into();
    let applied = Edit::UpdateCapability {
        capability: Box::new(renamed),
        added_as: Some(id),
    }
    .apply(&mut p)
    .and_then(|a| a.capability)
    .expect("renamed");
    assert_eq!(p.backlog_order, [applied], "the order follows the new id");
}
