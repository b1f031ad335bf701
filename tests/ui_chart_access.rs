//! The chart without a mouse or a screen: every dot is a node a screen
//! reader can read (name, zone, scores, recommendation, decision), the arrow
//! keys walk the dots by position once the chart has focus, Enter opens the
//! selected one in the inspector, and the quadrants are summed up in words.

pub mod common;

use capmap::app::{CapmapApp, Command};
use capmap::export::{ChartGeometry, Heading, next_dot};
use common::OpenApp;
use eframe::egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

fn harness() -> Harness<'static, CapmapApp> {
    let mut app = common::example_app();
    app.set_today(Some(common::workshop_day()));
    common::window(common::LAPTOP).with_max_steps(12).open(app)
}

fn geometry(harness: &Harness<'_, CapmapApp>) -> ChartGeometry {
    ChartGeometry::new(harness.state().portfolio(), common::workshop_day())
}

/// Gives the chart keyboard focus the way a keyboard user does: Tab until
/// the chart's node is the focused one.
fn focus_chart(harness: &mut Harness<'_, CapmapApp>) {
    for _ in 0..400 {
        if harness
            .query_by_label_contains("Quadrant chart.")
            .is_some_and(|n| n.is_focused())
        {
            return;
        }
        harness.key_press(Key::Tab);
        harness.run();
    }
    panic!("Tab never reached the chart");
}

#[test]
fn every_dot_is_read_with_its_zone_scores_recommendation_and_decision() {
    let harness = harness();
    let dots = harness
        .get_all_by_role(eframe::egui::accesskit::Role::ListBoxOption)
        .count();
    assert_eq!(dots, geometry(&harness).points.len(), "one node per dot");
    harness.get_by_label(
        "Identity and single sign-on: Regulated control; reuse 5, cost 4, risk 5, \
         differentiation 1; Orchestrate recommended; decided Orchestrate",
    );
    harness.get_by_label_contains("Release automation: Commodity;");
    let chart = harness.get_by_label_contains("Quadrant chart.");
    assert!(format!("{chart:?}").contains("Arrow keys move between dots"));
}

#[test]
fn the_quadrants_are_summed_up_in_words_beside_the_chart() {
    let harness = harness();
    let summary = harness.get_by_label_contains("Quadrants: Orchestrate ");
    let text = format!("{summary:?}");
    assert!(text.contains("Hybrid"), "{text}");
    assert!(text.contains("In conflict: "), "{text}");
    assert!(text.contains("not scored"), "{text}");
}

#[test]
fn with_the_chart_focused_the_arrows_walk_the_dots_by_position() {
    let mut harness = harness();
    focus_chart(&mut harness);
    let g = geometry(&harness);
    let index = |h: &Harness<'_, CapmapApp>| {
        let id = common::selected(h)?;
        g.points.iter().position(|p| p.id() == id)
    };
    // From nothing, the first dot; then right, right, up, left, down.
    let mut expected = index(&harness);
    for (key, heading) in [
        (Key::ArrowRight, Heading::Right),
        (Key::ArrowRight, Heading::Right),
        (Key::ArrowUp, Heading::Up),
        (Key::ArrowLeft, Heading::Left),
        (Key::ArrowDown, Heading::Down),
    ] {
        expected = next_dot(&g, expected, heading).or(expected);
        harness.key_press(key);
        harness.run();
        assert_eq!(index(&harness), expected, "after {key:?}");
        assert!(
            harness
                .get_by_label_contains("Quadrant chart.")
                .is_focused(),
            "the chart keeps the focus"
        );
    }
    // The selected dot is marked selected for the screen reader.
    let name = g.points[expected.unwrap()].name().to_owned();
    let label = format!("{name}: ");
    let node = harness.get_by_label_contains(&label);
    assert_eq!(node.accesskit_node().is_selected(), Some(true), "{node:?}");
    let others = harness
        .get_all_by_role(eframe::egui::accesskit::Role::ListBoxOption)
        .filter(|n| n.accesskit_node().is_selected() == Some(true))
        .count();
    assert_eq!(others, 1, "only the selected dot says so");
}

#[test]
fn enter_on_the_focused_chart_opens_the_selected_dot_in_the_inspector() {
    let mut harness = harness();
    harness.state_mut().send(Command::ToggleInspector);
    harness.run();
    focus_chart(&mut harness);
    harness.key_press(Key::ArrowRight);
    harness.run();
    let id = common::selected(&harness)
        .expect("a dot is selected")
        .to_owned();
    harness.key_press(Key::Enter);
    harness.run();
    assert!(harness.state().view().show_inspector, "the inspector opens");
    let name = common::capability(&harness, &id).name.clone();
    let field = harness.get_by_label("Capability");
    assert!(field.is_focused(), "its name field has the focus");
    assert!(format!("{field:?}").contains(&name));
}

#[test]
fn without_focus_on_the_chart_the_arrows_still_walk_the_board() {
    let mut harness = harness();
    harness
        .state_mut()
        .send(Command::Select(Some("identity-sso".into())));
    harness.run();
    harness.key_press(Key::ArrowDown);
    harness.run();
    let column = harness
        .state()
        .portfolio()
        .column(capmap::model::Zone::RegulatedControl);
    let below = column
        .iter()
        .position(|id| *id == "identity-sso")
        .map(|i| column[i + 1]);
    assert_eq!(common::selected(&harness), below);
}

#[test]
fn f6_goes_to_the_chart_from_anywhere() {
    let mut harness = harness();
    harness.key_press(Key::F6);
    harness.run();
    assert!(
        harness
            .get_by_label_contains("Quadrant chart.")
            .is_focused(),
        "F6 focuses the chart"
    );
    harness.key_press(Key::ArrowRight);
    harness.run();
    assert!(
        common::selected(&harness).is_some(),
        "and the arrows walk it"
    );
    // The View menu names it, with its key.
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label_contains("Go to the chart");
}
