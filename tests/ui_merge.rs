//! A file git merged with conflicts, opened in the app: the conflicts are
//! listed with both branches' values side by side, a pick settles each,
//! and the saved file passes `capmap check`.

#![expect(
    clippy::expect_used,
    reason = "helpers outside #[test] functions should fail loudly too"
)]

pub mod common;

use capmap::app::{CapmapApp, Command};
use capmap::model::{Edit, Portfolio, Zone, merge};
use common::OpenApp;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn set(p: &Portfolio, id: &str, f: impl FnOnce(&mut capmap::model::Capability)) -> Portfolio {
    let mut p = p.clone();
    f(p.capability_mut(id).expect("the example has it"));
    p
}

/// The example merged from two branches: both moved Identity and single
/// sign-on to another zone, one removed the Mobile team the other made
/// owner of it, and one removed Secrets management the other edited.
fn conflicted() -> Portfolio {
    let base = capmap::app::example_portfolio();
    let mut ours = set(&base, "identity-sso", |c| c.zone = Zone::Commodity);
    for edit in [
        Edit::RemoveTeam {
            id: "mobile".into(),
        },
        Edit::DeleteCapability {
            id: "secrets-management".into(),
        },
    ] {
        edit.apply(&mut ours).expect("applies");
    }
    let theirs = set(&base, "identity-sso", |c| {
        c.zone = Zone::Differentiator;
        c.owner = Some("mobile".into());
    });
    let theirs = set(&theirs, "secrets-management", |c| {
        c.notes = "rotated quarterly".into();
    });
    merge(&base, &ours, &theirs).expect("merges").portfolio
}

fn harness(portfolio: Portfolio) -> Harness<'static, CapmapApp> {
    common::window(common::LAPTOP)
        .with_max_steps(12)
        .open(CapmapApp::new(portfolio, None))
}

fn click(harness: &mut Harness<'_, CapmapApp>, label: &str, nth: usize) {
    harness
        .get_all_by_label(label)
        .nth(nth)
        .expect(label)
        .click();
    harness.run();
}

#[test]
fn the_conflicts_show_both_values_side_by_side_with_what_the_file_holds_now() {
    let portfolio = conflicted();
    assert_eq!(portfolio.conflicts.len(), 3, "{:#?}", portfolio.conflicts);
    let harness = harness(portfolio);
    harness.get_by_label("⚠ 3 conflicts from a git merge");
    // The zone's row: this branch's value, the other's, and the one the
    // file holds now, left to right beside the place.
    let place = harness
        .get_by_label("Identity and single sign-on: zone")
        .rect();
    let row = |label: &str| -> Vec<f32> {
        let mut xs: Vec<f32> = harness
            .get_all_by_label(label)
            .map(|n| n.rect())
            .filter(|r| (r.top() - place.top()).abs() < 20.0 && r.left() > place.right())
            .map(|r| r.left())
            .collect();
        xs.sort_by(f32::total_cmp);
        xs
    };
    let (commodity, differentiator) = (row("Commodity"), row("Differentiator"));
    assert_eq!(commodity.len(), 2, "this branch's and now: {commodity:?}");
    assert_eq!(differentiator.len(), 1, "the other branch's");
    assert!(commodity[0] < differentiator[0] && differentiator[0] < commodity[1]);
    harness.get_by_label("Secrets management");
    harness.get_by_label("Team Mobile Apps");
    assert_eq!(harness.get_all_by_label("Use this").count(), 2);
    assert_eq!(harness.get_all_by_label("Remove it").count(), 2);
    assert_eq!(harness.get_all_by_label("Keep it").count(), 2);
}

#[test]
fn picking_the_other_branch_sets_the_value_and_undo_brings_the_conflict_back() {
    let mut harness = harness(conflicted());
    click(&mut harness, "Use this", 1);
    let p = harness.state().portfolio();
    assert_eq!(
        p.capability("identity-sso").unwrap().zone,
        Zone::Differentiator
    );
    assert_eq!(p.conflicts.len(), 2);
    harness.get_by_label("⚠ 2 conflicts from a git merge");
    harness.state_mut().send(Command::Undo);
    harness.run();
    let p = harness.state().portfolio();
    assert_eq!(p.capability("identity-sso").unwrap().zone, Zone::Commodity);
    assert_eq!(p.conflicts.len(), 3);
}

#[test]
fn a_pick_that_breaks_a_rule_is_refused_with_the_reason() {
    let mut harness = harness(conflicted());
    let before = harness.state().portfolio().clone();
    // The Mobile team's row: this branch removed it, the other made it an owner.
    let row = before
        .conflicts
        .iter()
        .filter(|c| c.is_removal())
        .position(|c| c.at[0] == "teams")
        .unwrap();
    click(&mut harness, "Remove it", row);
    assert_eq!(harness.state().portfolio(), &before, "nothing changed");
    let notice = harness.state().notice().expect("says why").text.clone();
    assert!(notice.starts_with("Cannot pick that:"), "{notice}");
    assert!(notice.contains("not a known team"), "{notice}");
}

#[test]
fn settling_every_conflict_and_saving_writes_a_file_check_accepts() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("merged.ron");
    capmap::io::save(&conflicted(), &file).unwrap();
    let mut harness = harness(capmap::io::load(&file).unwrap());
    // Zone: keep this branch's; Secrets: remove it as this branch did;
    // Mobile: keep it.
    click(&mut harness, "Keep as it is", 0);
    let secrets = harness
        .state()
        .portfolio()
        .conflicts
        .iter()
        .filter(|c| c.is_removal())
        .position(|c| c.at[1] == "secrets-management")
        .unwrap();
    click(&mut harness, "Remove it", secrets);
    click(&mut harness, "Keep it", 0);
    let p = harness.state().portfolio();
    assert!(p.conflicts.is_empty());
    assert!(p.capability("secrets-management").is_none());
    assert!(p.team("mobile").is_some());
    assert_eq!(p.capability("identity-sso").unwrap().zone, Zone::Commodity);
    assert!(
        harness
            .query_by_label_contains("from a git merge")
            .is_none()
    );
    let notice = harness.state().notice().unwrap().text.clone();
    assert!(
        notice.starts_with("Every merge conflict is settled"),
        "{notice}"
    );

    harness.state_mut().send(Command::SaveTo(file.clone()));
    harness.run();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_capmap"))
        .arg("check")
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        !std::fs::read_to_string(&file)
            .unwrap()
            .contains("conflicts:")
    );
}

#[test]
fn the_place_of_a_capabilitys_conflict_selects_it_for_editing() {
    let mut harness = harness(conflicted());
    click(&mut harness, "Identity and single sign-on: zone", 0);
    assert_eq!(common::selected(&harness), Some("identity-sso"));
}

#[test]
fn thousands_of_conflicts_show_the_first_hundred_and_count_the_rest() {
    let mut portfolio = conflicted();
    let first = portfolio.conflicts[0].clone();
    portfolio.conflicts = vec![first; 2_000];
    let harness = harness(portfolio);
    harness.get_by_label("⚠ 2000 conflicts from a git merge");
    assert_eq!(
        harness.get_all_by_label("Use this").count(),
        200,
        "100 rows, 2 each"
    );
    harness.get_by_label_contains("and 1900 more");
}
