//! Three-way merge on generated portfolios, each branch edited through the
//! model's own edits: merging with an unchanged side gives the other side,
//! and merging both ways gives the same conflicts, sides swapped.

mod generated;

use capmap::model::{Decision, MergeConflict, Portfolio, Question, Score, Zone};
use generated::portfolios;
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::FileFailurePersistence;

/// One facilitator's change, as the app makes it: which kind, on which
/// capability or team, and a small number for the value.
fn edits() -> impl Strategy<Value = Vec<(u8, Index, u8)>> {
    vec((0..9_u8, any::<Index>(), 0..5_u8), 0..5)
}

/// `portfolio` after `edits`, each applied through the model's own edits
/// (so every branch is a portfolio the app could have saved).
fn edited(portfolio: &Portfolio, edits: &[(u8, Index, u8)]) -> Portfolio {
    use capmap::model::Edit;
    let mut p = portfolio.clone();
    for (kind, pick, n) in edits {
        let capability = if p.capabilities.is_empty() {
            String::new()
        } else {
            pick.get(&p.capabilities).id.clone()
        };
        let team = if p.teams.is_empty() {
            String::new()
        } else {
            pick.get(&p.teams).id.clone()
        };
        let edit = match kind {
            0 => Edit::MoveToZone {
                id: capability,
                zone: Zone::ALL[usize::from(*n) % Zone::ALL.len()],
            },
            1 => Edit::SetScore {
                id: capability,
                question: Question::ALL[usize::from(*n) % 4],
                score: Score::new(*n + 1),
            },
            2 => Edit::SetDecision {
                id: capability,
                decision: Decision::ALL[usize::from(*n) % Decision::ALL.len()],
            },
            3 => Edit::DeleteCapability { id: capability },
            4 => Edit::AddCapability {
                name: format!("added {n}"),
            },
            5 => Edit::Reorder {
                id: capability,
                delta: if *n % 2 == 0 { -1 } else { 1 },
            },
            6 => Edit::RenameTeam {
                id: team,
                name: format!("renamed {n}"),
            },
            7 => Edit::RemoveTeam { id: team },
            _ => Edit::AddTeam {
                name: format!("new team {n}"),
            },
        };
        edit.apply(&mut p);
    }
    p
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 300,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions"
        ))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn merging_with_an_unchanged_side_gives_the_changed_side(
        base in portfolios(),
        changes in edits(),
    ) {
        let changed = edited(&base, &changes);
        let merged = capmap::model::merge(&base, &changed, &base).unwrap();
        prop_assert_eq!(&merged.portfolio, &changed, "merge(base, x, base)");
        let merged = capmap::model::merge(&base, &base, &changed).unwrap();
        prop_assert_eq!(&merged.portfolio, &changed, "merge(base, base, y)");
    }

    #[test]
    fn merging_is_symmetric_up_to_its_conflicts(
        base in portfolios(),
        ours in edits(),
        theirs in edits(),
    ) {
        let (x, y) = (edited(&base, &ours), edited(&base, &theirs));
        let xy = capmap::model::merge(&base, &x, &y);
        let yx = capmap::model::merge(&base, &y, &x);
        let (xy, yx) = match (xy, yx) {
            (Ok(xy), Ok(yx)) => (xy.portfolio, yx.portfolio),
            (Err(_), Err(_)) => return Ok(()),
            (a, b) => {
                return Err(TestCaseError::fail(format!(
                    "one way merged, the other not: {:?} / {:?}",
                    a.err(),
                    b.err()
                )));
            }
        };
        // The same new conflicts, each with the two sides swapped (those
        // both branches inherited stay as they were).
        let new = |c: &&MergeConflict| !base.conflicts.contains(c);
        let mut mirrored: Vec<_> = yx
            .conflicts
            .iter()
            .filter(new)
            .map(|c| (c.at.clone(), c.base.clone(), c.theirs.clone(), c.ours.clone()))
            .collect();
        let mut found: Vec<_> = xy
            .conflicts
            .iter()
            .filter(new)
            .map(|c| (c.at.clone(), c.base.clone(), c.ours.clone(), c.theirs.clone()))
            .collect();
        mirrored.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
        found.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
        prop_assert_eq!(&found, &mirrored);
        // Everything outside the conflicts is the same both ways.
        let in_conflict = |id: &str| {
            xy.conflicts
                .iter()
                .any(|c| c.at.first().is_some_and(|s| s == "capabilities") && c.at.get(1).is_some_and(|s| s == id))
        };
        let ids = |p: &Portfolio| {
            let mut ids: Vec<String> = p.capabilities.iter().map(|c| c.id.clone()).collect();
            ids.sort();
            ids
        };
        prop_assert_eq!(ids(&xy), ids(&yx));
        for capability in &xy.capabilities {
            if !in_conflict(&capability.id) {
                prop_assert_eq!(Some(capability.as_ref()), yx.capability(&capability.id));
            }
        }
        let teams = |p: &Portfolio| {
            let mut teams: Vec<String> = p.teams.iter().map(|t| t.id.clone()).collect();
            teams.sort();
            teams
        };
        prop_assert_eq!(teams(&xy), teams(&yx));
    }
}
