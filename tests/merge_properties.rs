//! Three-way merge on generated portfolios, each branch edited through the
//! model's own edits: merging with an unchanged side gives the other side,
//! and merging both ways gives the same conflicts, sides swapped.

#[path = "generated/edits.rs"]
mod edits;
mod generated;

use capmap::model::{MergeConflict, Portfolio};
use edits::{edited, edits};
use generated::portfolios;
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

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
        changes in edits(9),
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
        ours in edits(9),
        theirs in edits(9),
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
