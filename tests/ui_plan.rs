//! What the room records after it decides, driven through the real UI
//! (`egui_kittest`): the Plan tab and its hand order, readiness and the
//! minimum standard in the inspector, board roles, the marks on cards and
//! in the status bar, and starting the next quarter.

pub mod common;

use capmap::app::{CapmapApp, Command};
use capmap::model::{Decision, Readiness};
use capmap::ui::review::ReviewTab;
use common::OpenApp;
use eframe::egui::accesskit::Role;
use eframe::egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// The example on the day of the workshop, on a laptop.
fn harness() -> Harness<'static, CapmapApp> {
    let mut app = common::example_app();
    app.set_today(Some(common::workshop_day()));
    common::window(common::LAPTOP).with_max_steps(12).open(app)
}

fn plan_tab() -> Harness<'static, CapmapApp> {
    let mut harness = harness();
    harness
        .state_mut()
        .send(Command::ShowReview(ReviewTab::Plan));
    harness.run();
    harness
}

/// The backlog as the Plan tab orders it: the names of its rows, top to
/// bottom, read from the screen.
fn backlog_on_screen(harness: &Harness<'_, CapmapApp>) -> Vec<String> {
    let plan = capmap::model::Plan::of(harness.state().portfolio(), common::workshop_day());
    let mut rows: Vec<(f32, String)> = plan
        .backlog
        .iter()
        .map(|item| {
            let top = harness
                .get_all_by_label(&item.name)
                .filter(|n| n.rect().left() < 900.0)
                .map(|n| n.rect().top())
                .fold(f32::INFINITY, f32::min);
            (top, item.name.clone())
        })
        .collect();
    rows.sort_by(|a, b| a.0.total_cmp(&b.0));
    rows.into_iter().map(|(_, name)| name).collect()
}

#[test]
fn the_plan_tab_shows_the_backlog_with_its_reasons_and_the_other_sections() {
    let harness = plan_tab();
    harness
        .get_by_label_contains("3 teams run their own copy; ahead of Identity and single sign-on");
    harness.get_by_label("Shadow tooling: copies after the target quarter");
    harness.get_by_label("Orchestrate once the platform can support it");
    harness.get_by_label("overdue since 2026-11-15");
    harness.get_by_label("missing Documentation");
    assert_eq!(
        backlog_on_screen(&harness).first().map(String::as_str),
        Some("CI/CD pipeline templates"),
        "the most copied first"
    );
}

#[test]
fn moving_a_backlog_item_down_keeps_the_order_in_the_file_until_ranked_again() {
    let mut harness = plan_tab();
    let before = backlog_on_screen(&harness);
    // The first row's ↓ (its tooltip says "Move CI/CD pipeline templates
    // down").
    let first_down = harness
        .get_all_by_label("↓")
        .min_by(|a, b| a.rect().top().total_cmp(&b.rect().top()))
        .expect("a ↓ per row");
    first_down.click();
    harness.run();
    let after = backlog_on_screen(&harness);
    assert_eq!(after[0], before[1], "the second is first now");
    assert_eq!(after[1], before[0], "and the first second");
    assert_eq!(
        harness
            .state()
            .portfolio()
            .backlog_order
            .first()
            .map(String::as_str),
        Some("identity-sso"),
        "the order is in the document, so the file keeps it"
    );
    harness.get_by_label_contains("Placed here by hand; by friction it would be #2");
    harness
        .get_by_label("Rank by friction again")
        .scroll_to_me();
    harness.run();
    harness.get_by_label("Rank by friction again").click();
    harness.run();
    assert!(
        harness.state().portfolio().backlog_order.is_empty(),
        "ranked by friction again"
    );
    assert_eq!(
        backlog_on_screen(&harness),
        before,
        "the first order is back"
    );
}

#[test]
fn the_inspector_asks_about_readiness_and_says_what_an_unready_orchestrate_means() {
    let mut harness = harness();
    harness
        .state_mut()
        .send(Command::Select(Some("container-runtime".into())));
    harness.run();
    harness.get_by_label("Orchestrate once the platform can support it");
    harness.get_by_label("platform not ready");
    let yes = harness.get_by_label("Yes");
    yes.scroll_to_me();
    harness.run();
    harness.get_by_label("Yes").click();
    harness.run();
    assert_eq!(
        common::capability(&harness, "container-runtime").readiness,
        Readiness::Yes,
        "recorded"
    );
    assert!(
        harness
            .query_by_label("Orchestrate once the platform can support it")
            .is_none(),
        "ready: nothing to invest first"
    );
    // The developer portal (partly ready) keeps the chart's mark.
    harness.get_by_label("platform not ready");
    harness
        .state_mut()
        .send(Command::Select(Some("developer-portal".into())));
    harness.run();
    harness.get_by_label("Yes").scroll_to_me();
    harness.run();
    harness.get_by_label("Yes").click();
    harness.run();
    assert!(
        harness.query_by_label("platform not ready").is_none(),
        "no capability waits for the platform: the legend drops the mark"
    );
}

#[test]
fn the_inspector_ticks_the_standards_controls_a_team_run_capability_meets() {
    let mut harness = harness();
    harness
        .state_mut()
        .send(Command::Select(Some("feature-flags".into())));
    harness.run();
    harness.get_by_label("Gap: Access control, Incident escalation");
    harness.get_by_label("Access control").scroll_to_me();
    harness.run();
    harness.get_by_label("Access control").click();
    harness.run();
    let met = &common::capability(&harness, "feature-flags").standard_met;
    assert!(met.iter().any(|c| c == "Access control"), "{met:?}");
    harness.get_by_label("Gap: Incident escalation");
}

#[test]
fn removing_a_control_from_the_standard_with_nothing_selected_changes_the_portfolio() {
    let mut harness = harness();
    harness.state_mut().send(Command::Select(None));
    harness.run();
    let removes: Vec<_> = harness.get_all_by_label("remove").collect();
    assert_eq!(removes.len(), 4, "one per control of the default standard");
    removes[0].click();
    harness.run();
    assert_eq!(
        harness.state().portfolio().minimum_standard,
        ["Access control", "Documentation", "Incident escalation"],
        "Logging removed"
    );
    assert!(
        !common::capability(&harness, "identity-sso")
            .standard_met
            .iter()
            .any(|c| c == "Logging"),
        "and met nowhere"
    );
}

#[test]
fn the_board_roles_say_who_is_missing_and_a_role_picked_fills_the_gap() {
    let mut harness = harness();
    harness
        .state_mut()
        .send(Command::ShowReview(ReviewTab::Teams));
    harness.run();
    harness.get_by_label("Nobody from Platform engineering in the room.");
    // Chloe's role is SRE in the example: pick Platform engineering.
    harness
        .get_by_role_and_label(Role::ComboBox, "Chloe (SRE)")
        .click();
    harness.run();
    harness.get_by_label("Platform engineering").click();
    harness.run();
    let chloe = harness
        .state()
        .portfolio()
        .participants
        .iter()
        .find(|p| p.id == "chloe")
        .expect("chloe");
    assert_eq!(
        chloe.role,
        Some(capmap::model::Role::PlatformEngineering),
        "picked"
    );
    harness.get_by_label("Nobody from SRE in the room.");
}

#[test]
fn a_decision_past_review_and_shadow_tooling_show_in_the_status_bar() {
    let harness = harness();
    // One exception and one decision past their review date.
    harness.get_by_label("2 overdue");
    harness.get_by_label("1 shadow");
}

#[test]
fn starting_the_next_quarter_moves_decisions_into_history() {
    let mut harness = harness();
    // Ctrl+Shift+N, not Ctrl+N's empty portfolio.
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::N);
    harness.run();
    let portfolio = harness.state().portfolio();
    assert_eq!(
        portfolio.quarter.as_deref(),
        Some("2027-Q1"),
        "the next quarter"
    );
    let identity = portfolio.capability("identity-sso").expect("kept");
    assert_eq!(
        identity
            .history
            .last()
            .map(|p| (p.quarter.as_str(), p.decision)),
        Some(("2026-Q4", Decision::Orchestrate)),
        "last quarter's decision kept in its history"
    );
    assert!(
        harness.state().document().path.is_none(),
        "a new, unsaved file"
    );
}

#[test]
fn the_scorecard_tab_says_which_targets_are_on_track_and_which_decisions_are_due() {
    let mut harness = harness();
    harness
        .state_mut()
        .send(Command::ShowReview(ReviewTab::Scorecard));
    harness.run();
    let off_track = harness.get_all_by_label_contains("(off track)").count();
    let on_track = harness.query_all_by_label_contains("(on track)").count();
    assert!(
        off_track >= 3,
        "the example's CI/CD targets are all missed in Q4"
    );
    assert_eq!(on_track, 0, "none met yet");
    harness.get_by_label("Low-latency matching engine: Operate (review was due 2026-11-15)");
    harness.get_by_label_contains("Secrets management: shadow tooling");
}

#[test]
fn the_next_quarter_is_saved_beside_last_quarters_file_and_compared_with_it() {
    let dir = tempfile::tempdir().expect("a folder");
    let q4 = dir.path().join("platform-2026-q4.ron");
    capmap::io::save(common::example_app().portfolio(), &q4).expect("saved");
    let q1 = dir.path().join("platform-2027-q1.ron");
    let mut app = CapmapApp::new(capmap::io::load(&q4).expect("loads"), Some(q4.clone()));
    app.set_today(Some(common::workshop_day()));
    app.set_dialogs(capmap::app::FileDialogs::scripted([Some(q1.clone())]));
    let mut harness = common::open(app);
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::N);
    harness.run();
    assert_eq!(
        harness.state().dialogs().last_request,
        Some((capmap::app::DialogKind::SaveAs, Some(q1.clone()))),
        "the dialog suggests next quarter's name beside last quarter's file"
    );
    assert_eq!(
        harness.state().document().path.as_deref(),
        Some(q1.as_path()),
        "saved where the dialog suggested and the user agreed"
    );
    let saved = capmap::io::load(&q1).expect("next quarter's file loads");
    assert_eq!(saved.quarter.as_deref(), Some("2027-Q1"), "{q1:?}");
    assert!(q4.exists(), "last quarter's file is kept");
    assert!(
        harness.state().baseline().is_some_and(|b| b.path == q4),
        "compared with last quarter"
    );
}
