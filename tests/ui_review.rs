//! The review window: conflicts, exceptions register, duplication, live
//! weights and teams, driven through the real UI (`egui_kittest`).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test should fail loudly

use capmap::app::{CapmapApp, Command, example_portfolio};
use capmap::io;
use capmap::model::{Date, ScoringSettings, quadrant_switches};
use capmap::ui::review::ReviewTab;
use eframe::egui::{Key, Modifiers, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn harness() -> Harness<'static, CapmapApp> {
    let mut app = CapmapApp::new(example_portfolio(), None);
    app.today = Date::from_ymd(2026, 11, 27);
    let mut harness = Harness::builder()
        .with_size(vec2(1280.0, 800.0))
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut CapmapApp| app.show(ui), app);
    harness.run();
    harness
}

#[test]
fn the_conflicts_list_selects_what_is_clicked() {
    let mut harness = harness();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::R);
    harness.run();
    harness.get_by_label_contains("Severe: sorted as a regulated control");
    let data_retention = harness
        .get_all_by_label("Data retention")
        .find(|n| n.rect().left() > 0.0 && harness.state().review.open)
        .unwrap();
    data_retention.click();
    harness.run();
    assert_eq!(
        harness.state().view.selected.as_deref(),
        Some("data-retention")
    );
}

#[test]
fn the_register_flags_the_overdue_exception() {
    let mut harness = harness();
    harness
        .state_mut()
        .send(Command::ShowReview(ReviewTab::Exceptions));
    harness.run();
    harness.get_by_label("3 exceptions, 1 overdue. Click a heading to sort.");
    harness.get_by_label("2026-09-30 overdue");
}

#[test]
fn the_duplication_view_ranks_most_copies_first() {
    let mut harness = harness();
    harness
        .state_mut()
        .send(Command::ShowReview(ReviewTab::Duplication));
    harness.run();
    harness.get_by_label("4 copies");
}

#[test]
fn trying_weights_moves_the_chart_lists_switches_and_applies_in_one_step() {
    let mut harness = harness();
    harness
        .state_mut()
        .send(Command::ShowReview(ReviewTab::Weights));
    harness.run();
    let trial = ScoringSettings {
        risk_weight: 3.0,
        threshold: 3.5,
        ..ScoringSettings::default()
    };
    let expected = quadrant_switches(&example_portfolio(), &trial);
    assert!(
        !expected.is_empty(),
        "the example has capabilities that switch"
    );
    harness.state_mut().review.trial = Some(trial);
    harness.run();
    harness.get_by_label(&format!("{} change quadrant:", expected.len()));
    // The document is untouched until Apply.
    assert_eq!(
        harness.state().doc.portfolio().scoring,
        ScoringSettings::default()
    );
    harness.get_by_label("Apply").click();
    harness.run();
    assert_eq!(harness.state().doc.portfolio().scoring, trial);
    assert!(harness.state().review.trial.is_none());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(
        harness.state().doc.portfolio().scoring,
        ScoringSettings::default()
    );
}

#[test]
fn teams_can_be_added_renamed_and_removed() {
    let mut harness = harness();
    harness
        .state_mut()
        .send(Command::ShowReview(ReviewTab::Teams));
    harness.run();
    let before = harness.state().doc.portfolio().teams.len();
    harness.get_by_label("New team").focus();
    harness.run();
    harness.get_by_label("New team").type_text("Growth");
    harness.run();
    harness.get_by_label("Add").click();
    harness.run();
    let teams = &harness.state().doc.portfolio().teams;
    assert_eq!(teams.len(), before + 1);
    assert_eq!(teams.last().unwrap().name, "Growth");

    harness.state_mut().send(Command::RenameTeam {
        id: "growth".into(),
        name: "Growth squad".into(),
    });
    harness.run();
    assert_eq!(
        harness.state().doc.portfolio().team_name("growth"),
        "Growth squad"
    );

    harness
        .state_mut()
        .send(Command::RemoveTeam("platform".into()));
    harness.run();
    let portfolio = harness.state().doc.portfolio();
    assert!(portfolio.team("platform").is_none());
    assert!(
        portfolio
            .capabilities
            .iter()
            .all(|c| c.owner.as_deref() != Some("platform"))
    );
    assert!(capmap::model::validate(portfolio).is_empty());
}

#[test]
fn comparing_with_last_quarter_lists_what_moved() {
    let next = io::load(std::path::Path::new("assets/examples/platform-2027-q1.ron")).unwrap();
    let mut app = CapmapApp::new(next, None);
    app.dialogs = capmap::app::FileDialogs::scripted([Some(std::path::PathBuf::from(
        "assets/examples/platform-2026-q4.ron",
    ))]);
    let mut harness = Harness::builder()
        .with_size(vec2(1280.0, 800.0))
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut CapmapApp| app.show(ui), app);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::C);
    harness.run();
    harness.run();
    assert!(harness.state().baseline.is_some());
    harness.get_by_label("From 2026-Q4 (the compared file) to 2027-Q1 (this file):");
    harness.get_by_label("3 changed, 1 new, 1 removed.");
    harness.get_by_label("Moved from team-owned to shared");
    harness.get_by_label_contains("zone Differentiator → Commodity");
    harness.get_by_label("Product and merchant search");
    harness.get_by_label("Stop comparing").click();
    harness.run();
    assert!(harness.state().baseline.is_none());
}

#[test]
fn a_bad_baseline_is_explained_and_nothing_changes() {
    let mut harness = harness();
    harness
        .state_mut()
        .send(Command::CompareWith("/nowhere/q3.ron".into()));
    harness.run();
    assert!(harness.state().baseline.is_none());
    assert!(
        harness
            .state()
            .error
            .as_ref()
            .unwrap()
            .0
            .contains("Could not compare")
    );
}

#[test]
fn the_scorecard_tab_follows_the_comparison() {
    let next = io::load(std::path::Path::new("assets/examples/platform-2027-q1.ron")).unwrap();
    let mut app = CapmapApp::new(next, None);
    app.today = Date::from_ymd(2026, 11, 27);
    let mut harness = Harness::builder()
        .with_size(vec2(1280.0, 800.0))
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut CapmapApp| app.show(ui), app);
    harness.state_mut().send(Command::ShowReview(
        capmap::ui::review::ReviewTab::Scorecard,
    ));
    harness.run();
    harness.get_by_label_contains("Compare with last quarter to see moves and metrics.");
    harness.state_mut().send(Command::CompareWith(
        "assets/examples/platform-2026-q4.ron".into(),
    ));
    harness.run();
    harness.state_mut().send(Command::ShowReview(
        capmap::ui::review::ReviewTab::Scorecard,
    ));
    harness.run();
    harness.get_by_label("Northwind Pay platform map (2027-Q1), compared with 2026-Q4.");
    harness.get_by_label("CI/CD pipeline templates: toil 60 → 25 hours/month");
}

#[test]
fn metrics_are_typed_in_the_inspector() {
    let mut harness = harness();
    harness
        .state_mut()
        .send(Command::Select(Some("artifact-repository".into())));
    harness.run();
    harness
        .get_by_label_contains("Metrics (0 of 8 measured)")
        .click_accesskit();
    harness.run();
    let field = harness.get_by_role_and_label(eframe::egui::accesskit::Role::TextInput, "Toil");
    field.focus();
    harness.run();
    harness
        .get_by_role_and_label(eframe::egui::accesskit::Role::TextInput, "Toil")
        .type_text("12.5");
    harness.run();
    let metrics = harness
        .state()
        .doc
        .portfolio()
        .capability("artifact-repository")
        .unwrap()
        .metrics;
    assert_eq!(metrics.toil_hours_per_month, Some(12.5));
}

#[test]
fn every_team_name_shows_whole_in_the_teams_tab() {
    let mut harness = harness();
    harness
        .state_mut()
        .send(Command::ShowReview(ReviewTab::Teams));
    harness.run();
    let teams = harness.state().doc.portfolio().teams.clone();
    assert!(!teams.is_empty());
    for team in &teams {
        let field = harness
            .get_by_role_and_label(
                eframe::egui::accesskit::Role::TextInput,
                &format!("({})", team.id),
            )
            .rect();
        let text = harness.ctx.fonts_mut(|f| {
            f.layout_no_wrap(
                team.name.clone(),
                eframe::egui::FontId::proportional(14.0),
                eframe::egui::Color32::WHITE,
            )
            .size()
            .x
        });
        assert!(
            field.width() > text + 8.0,
            "{}: a {:.0}-point field for {text:.0} points of name",
            team.name,
            field.width()
        );
    }
}

#[test]
fn comparing_with_the_newer_quarter_still_reads_from_older_to_newer() {
    // Last quarter's file is open; the newer one is compared with.
    let mut harness = harness();
    harness.state_mut().send(Command::CompareWith(
        "assets/examples/platform-2027-q1.ron".into(),
    ));
    harness.run();
    harness.run();
    // The same changes as with the newer file open, and it says which way.
    harness.get_by_label("From 2026-Q4 (this file) to 2027-Q1 (the compared file):");
    harness.get_by_label("3 changed, 1 new, 1 removed.");
    harness.get_by_label("Moved from team-owned to shared");
    harness.get_by_label_contains("zone Differentiator → Commodity");
    assert!(
        harness
            .state()
            .notice
            .as_ref()
            .unwrap()
            .text
            .contains("from 2026-Q4 (this file) to 2027-Q1")
    );
    // The scorecard is the newer quarter's, against this one.
    harness
        .state_mut()
        .send(Command::ShowReview(ReviewTab::Scorecard));
    harness.run();
    harness.get_by_label("Northwind Pay platform map (2027-Q1), compared with 2026-Q4.");
    harness.get_by_label("CI/CD pipeline templates: toil 60 → 25 hours/month");
}
