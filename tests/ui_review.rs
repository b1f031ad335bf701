//! The review window: conflicts, exceptions register, duplication, live
//! weights and teams, driven through the real UI (`egui_kittest`).

#![expect(
    clippy::expect_used,
    reason = "helpers outside #[test] functions should fail loudly too"
)]

pub mod common;

use capmap::app::{CapmapApp, Command, example_portfolio};
use capmap::export::ChartGeometry;
use capmap::model::{Edit, ScoringSettings, duplication_ranking, quadrant_switches};
use capmap::ui::review::ReviewTab;
use common::{OpenApp, example_app, on_screen};
use eframe::egui::accesskit::Role;
use eframe::egui::{Key, Modifiers, Pos2, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// The example on the day of the workshop, on a laptop.
fn harness() -> Harness<'static, CapmapApp> {
    let mut app = example_app();
    app.set_today(Some(common::workshop_day()));
    common::window(common::LAPTOP).with_max_steps(12).open(app)
}

#[test]
fn the_conflicts_list_selects_what_is_clicked() {
    let mut harness = harness();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::R);
    harness.run();
    harness.get_by_label_contains("Severe: sorted as a regulated control");
    let data_retention = harness
        .get_all_by_label("Data retention")
        .find(|n| n.rect().left() > 0.0 && harness.state().review().open)
        .unwrap();
    data_retention.click();
    harness.run();
    assert_eq!(common::selected(&harness), Some("data-retention"));
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
    let portfolio = example_portfolio();
    let expected: Vec<(String, String)> = duplication_ranking(&portfolio)
        .iter()
        .map(|c| (c.name.clone(), format!("{} copies", c.duplication())))
        .collect();
    assert!(expected.len() > 2, "the example has several duplicated");
    assert_ne!(
        expected.first().map(|e| &e.1),
        expected.last().map(|e| &e.1),
        "not all with as many copies: the order means something"
    );
    let mut by_copies = expected.clone();
    by_copies.sort_by_key(|(_, copies)| {
        std::cmp::Reverse(copies.trim_end_matches(" copies").parse::<usize>().unwrap())
    });
    assert_eq!(expected, by_copies, "the ranking is most copies first");

    // The rows as drawn, top to bottom: the copies column, and the name
    // on the same row.
    let mut counts: Vec<&String> = expected.iter().map(|(_, copies)| copies).collect();
    counts.dedup();
    let mut rows: Vec<(f32, String)> = counts
        .into_iter()
        .flat_map(|copies| {
            harness
                .query_all_by_label(copies)
                .map(|n| (n.rect().center().y, copies.clone()))
                .collect::<Vec<_>>()
        })
        .collect();
    rows.sort_by(|a, b| a.0.total_cmp(&b.0));
    let shown: Vec<(String, String)> = rows
        .into_iter()
        .map(|(y, copies)| {
            let name = expected
                .iter()
                .map(|(name, _)| name)
                .find(|name| {
                    harness
                        .query_all_by_label(name)
                        .any(|n| (n.rect().center().y - y).abs() < 4.0)
                })
                .cloned()
                .unwrap_or_else(|| format!("no capability on the row at y = {y}"));
            (name, copies)
        })
        .collect();
    assert_eq!(shown, expected);
}

/// The centres of the marks the chart drew in the last frame (its dots,
/// and the rings and holes on them): one quad each, in the mesh drawn with
/// a texture of its own.
fn mark_centres(harness: &Harness<'_, CapmapApp>) -> Vec<Pos2> {
    common::dot_meshes(harness)
        .iter()
        .flat_map(|mesh| {
            mesh.vertices.chunks(4).map(|quad| {
                let sum = quad.iter().fold(Vec2::ZERO, |sum, v| sum + v.pos.to_vec2());
                (sum / quad.len() as f32).to_pos2()
            })
        })
        .collect()
}

/// Whether the chart drew a dot at plot point `at`.
fn dot_at(harness: &Harness<'_, CapmapApp>, at: [f64; 2]) -> bool {
    let want = on_screen(harness, at);
    mark_centres(harness)
        .iter()
        .any(|centre| centre.distance(want) < 1.5)
}

/// A capability alone on its spot both with the saved weights and with
/// `trial`, that moves under `trial` to where no dot was, away from every
/// other: (name, saved spot, spot under `trial`).
fn one_that_moves(trial: &ScoringSettings) -> (String, [f64; 2], [f64; 2]) {
    let portfolio = example_portfolio();
    let today = common::workshop_day();
    let saved = ChartGeometry::new(&portfolio, today);
    let tried = ChartGeometry::with_settings(&portfolio, trial, today);
    let far = |a: [f64; 2], b: [f64; 2]| (a[0] - b[0]).abs() + (a[1] - b[1]).abs() > 0.2;
    // Every other capability's spot.
    let others = |g: &ChartGeometry, id: &str| -> Vec<[f64; 2]> {
        g.points
            .iter()
            .filter(|p| p.id() != id)
            .map(|p| [p.differentiation, p.pull])
            .collect()
    };
    tried
        .points
        .iter()
        .filter(|p| p.shared_with == 1)
        .find_map(|p| {
            let before = saved.points.iter().find(|s| s.id() == p.id())?;
            let (from, to) = (
                [before.differentiation, before.pull],
                [p.differentiation, p.pull],
            );
            let alone = before.shared_with == 1
                && far(from, to)
                && others(&saved, p.id()).iter().all(|s| far(*s, to))
                && others(&tried, p.id()).iter().all(|s| far(*s, from));
            alone.then(|| (p.name().to_owned(), from, to))
        })
        .expect("the example has a capability that moves on its own")
}

/// Tries risk weight 3 and threshold 3.5 on the review window's sliders,
/// as the room would, and returns the weights being tried.
fn slide_to_a_trial(harness: &mut Harness<'static, CapmapApp>) -> ScoringSettings {
    harness
        .get_by_role_and_label(Role::Slider, "Risk weight")
        .set_value_accesskit(3.0);
    harness.run();
    harness
        .get_by_role_and_label(Role::Slider, "Threshold")
        .set_value_accesskit(3.5);
    harness.run();
    let trial = harness
        .state()
        .review()
        .trial
        .expect("weights are being tried");
    assert!((trial.risk_weight - 3.0).abs() < 1e-9, "{trial:?}");
    assert!((trial.threshold - 3.5).abs() < 1e-9, "{trial:?}");
    let reuse = ScoringSettings::default().reuse_weight;
    assert!((trial.reuse_weight - reuse).abs() < 1e-9, "{trial:?}");
    trial
}

#[test]
fn trying_weights_on_the_sliders_moves_the_dots_lists_switches_and_applies_in_one_step() {
    let mut harness = harness();
    harness
        .state_mut()
        .send(Command::ShowReview(ReviewTab::Weights));
    harness.run();
    let trial = slide_to_a_trial(&mut harness);

    // The chart follows the weights being tried, before anything is applied.
    let (name, saved, tried) = one_that_moves(&trial);
    assert!(
        dot_at(&harness, tried),
        "{name} is drawn where the trial puts it"
    );
    assert!(!dot_at(&harness, saved), "{name} has left its saved spot");

    let expected = quadrant_switches(&example_portfolio(), &trial);
    assert!(
        !expected.is_empty(),
        "the example has capabilities that switch"
    );
    harness.get_by_label(&format!("{} change quadrant:", expected.len()));
    // The document is untouched until Apply.
    assert_eq!(
        harness.state().portfolio().scoring,
        ScoringSettings::default()
    );
    harness.get_by_label("Apply").click();
    harness.run();
    assert_eq!(harness.state().portfolio().scoring, trial);
    assert!(harness.state().review().trial.is_none());
    assert!(dot_at(&harness, tried), "applied, {name} stays");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(
        harness.state().portfolio().scoring,
        ScoringSettings::default()
    );
    assert!(dot_at(&harness, saved), "undone, {name} is back");
    assert!(!dot_at(&harness, tried));
}

#[test]
fn reset_or_closing_the_review_puts_the_dots_back_where_the_saved_weights_have_them() {
    let mut harness = harness();
    harness
        .state_mut()
        .send(Command::ShowReview(ReviewTab::Weights));
    harness.run();
    let trial = slide_to_a_trial(&mut harness);
    let (name, saved, tried) = one_that_moves(&trial);
    assert!(dot_at(&harness, tried), "{name} follows the sliders");
    harness.get_by_label("Reset").click();
    harness.run();
    assert!(dot_at(&harness, saved), "reset, {name} is back");
    assert!(!dot_at(&harness, tried));

    slide_to_a_trial(&mut harness);
    assert!(dot_at(&harness, tried));
    harness.get_by_label("Close window").click();
    harness.run();
    assert!(!harness.state().review().open);
    assert!(dot_at(&harness, saved), "closed, {name} is back");
    assert!(!dot_at(&harness, tried));
    assert_eq!(
        harness.state().portfolio().scoring,
        ScoringSettings::default(),
        "nothing was applied"
    );
}

#[test]
fn teams_can_be_added_renamed_and_removed() {
    let mut harness = harness();
    harness
        .state_mut()
        .send(Command::ShowReview(ReviewTab::Teams));
    harness.run();
    let before = harness.state().portfolio().teams.len();
    harness.get_by_label("New team").focus();
    harness.run();
    harness.get_by_label("New team").type_text("Growth");
    harness.run();
    harness.get_by_label("Add").click();
    harness.run();
    let teams = &harness.state().portfolio().teams;
    assert_eq!(teams.len(), before + 1);
    assert_eq!(teams.last().unwrap().name, "Growth");

    harness.state_mut().send(Command::Edit(Edit::RenameTeam {
        id: "growth".into(),
        name: "Growth squad".into(),
    }));
    harness.run();
    assert_eq!(
        harness.state().portfolio().team_name("growth"),
        "Growth squad"
    );

    harness.state_mut().send(Command::Edit(Edit::RemoveTeam {
        id: "platform".into(),
    }));
    harness.run();
    let portfolio = harness.state().portfolio();
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
    let mut app = CapmapApp::new(common::next_quarter(), None);
    app.set_dialogs(capmap::app::FileDialogs::scripted([Some(
        std::path::PathBuf::from(common::EXAMPLE),
    )]));
    let mut harness = common::window(common::LAPTOP).with_max_steps(12).open(app);
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::C);
    harness.run();
    harness.run();
    assert!(harness.state().baseline().is_some());
    harness.get_by_label("From 2026-Q4 (the compared file) to 2027-Q1 (this file):");
    harness.get_by_label("3 changed, 1 new, 1 removed.");
    let moved = harness
        .get_by_label("Moved from team-owned to shared")
        .rect();
    // Every change under a heading of its own, below what moved to shared.
    let changed = harness.get_by_label("Changed").rect();
    let first_change = harness
        .get_by_label_contains("zone Differentiator → Commodity")
        .rect();
    assert!(
        moved.bottom() <= changed.top() && changed.bottom() <= first_change.top(),
        "moved {moved:?}, then the heading {changed:?}, then the changes {first_change:?}"
    );
    harness.get_by_label("Product and merchant search");
    harness.get_by_label("Stop comparing").click();
    harness.run();
    assert!(harness.state().baseline().is_none());
}

#[test]
fn a_bad_baseline_is_explained_and_nothing_changes() {
    let mut harness = harness();
    harness
        .state_mut()
        .send(Command::CompareWith("/nowhere/q3.ron".into()));
    harness.run();
    assert!(harness.state().baseline().is_none());
    assert!(
        harness
            .state()
            .error()
            .unwrap()
            .title
            .contains("Could not compare")
    );
}

#[test]
fn the_scorecard_tab_follows_the_comparison() {
    let mut app = CapmapApp::new(common::next_quarter(), None);
    app.set_today(Some(common::workshop_day()));
    // The tab is asked for before the first frame.
    let mut harness = common::window(common::LAPTOP)
        .with_max_steps(12)
        .build_app(app);
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
    let metrics = common::capability(&harness, "artifact-repository").metrics;
    assert_eq!(metrics.toil_hours_per_month, Some(12.5));
}

#[test]
fn every_team_name_shows_whole_in_the_teams_tab() {
    let mut harness = harness();
    harness
        .state_mut()
        .send(Command::ShowReview(ReviewTab::Teams));
    harness.run();
    let teams = harness.state().portfolio().teams.clone();
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
            .notice()
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

#[test]
fn on_a_small_zoomed_in_screen_the_chart_keeps_nearly_half_the_width_and_the_review_opens_beside_it()
 {
    for zoom in [1.0, 1.21, 1.5] {
        let mut app = example_app();
        app.settings_mut().zoom = zoom;
        let mut harness = common::window(common::SMALL_LAPTOP)
            .with_max_steps(12)
            .open(app);
        let window = harness.ctx.content_rect();
        let chart = common::chart_frame(&harness);
        // Nearly half the window for the chart with its axes, index and
        // legend.
        let area = common::chart_area(&harness);
        assert!(
            area.width() >= window.width() * 0.44 - 1.0,
            "at {zoom}: a {:.0}-point chart panel in a {:.0}-point window",
            area.width(),
            window.width()
        );
        // The axis titles stay whole: the plot is at least half the panel.
        assert!(
            chart.width() >= area.width() / 2.0,
            "at {zoom}: {chart:?} in {area:?}"
        );
        // The Review window opens over the board, leaving the chart in view.
        harness
            .state_mut()
            .send(Command::ShowReview(ReviewTab::Weights));
        harness.run();
        harness.run();
        let review = harness
            .get_by_role_and_label(eframe::egui::accesskit::Role::Window, "Review")
            .rect();
        let covered = (review.right().min(chart.right()) - chart.left()).max(0.0);
        assert!(
            covered < chart.width() * 0.25,
            "at {zoom}: the review covers {covered:.0} of {:.0} points of chart",
            chart.width()
        );
        // Weight sliders wide enough to set one step.
        let slider = harness
            .get_by_role_and_label(eframe::egui::accesskit::Role::Slider, "Reuse weight")
            .rect();
        assert!(
            slider.width() >= capmap::ui::review::WEIGHT_SLIDER_MIN,
            "at {zoom}: a {:.0}-point slider",
            slider.width()
        );
    }
}

#[test]
fn applying_weights_says_so_and_its_undo_button_takes_them_back() {
    let mut harness = harness();
    harness
        .state_mut()
        .send(Command::ShowReview(ReviewTab::Weights));
    harness.run();
    let trial = slide_to_a_trial(&mut harness);
    harness.get_by_label("Apply").click();
    harness.run();
    assert_eq!(harness.state().portfolio().scoring, trial);
    harness.get_by_label_contains("Applied the new weights");
    harness.get_by_label("Undo").click();
    harness.run();
    assert_eq!(
        harness.state().portfolio().scoring,
        ScoringSettings::default()
    );
    assert!(harness.query_by_label("Undo").is_none());
}
