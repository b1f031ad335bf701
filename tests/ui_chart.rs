//! The quadrant chart keeps its drawing between frames; these tests check
//! that the kept drawing follows every change that should show on it.

pub mod common;

use capmap::app::{CapmapApp, Command, Document};
use capmap::model::{Capability, Edit, Portfolio, Question, Score, Zone};
use common::{OpenApp, dot_meshes, example_app, on_screen};
use eframe::egui::{self, Modifiers, Shape, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

/// How many marks (dots, conflict rings, overdue marks) the chart drew:
/// each is one quad.
fn marks_drawn(harness: &Harness<'_, CapmapApp>) -> usize {
    let meshes = dot_meshes(harness);
    assert_eq!(meshes.len(), 1, "the chart draws its dots as one mesh");
    meshes[0].vertices.len() / 4
}

/// What the chart should draw for `portfolio`: a dot per scored capability,
/// plus its conflict ring, overdue mark and not-ready mark.
fn marks_expected(harness: &Harness<'_, CapmapApp>) -> usize {
    let today = harness.state().today();
    let geometry = capmap::export::ChartGeometry::new(harness.state().portfolio(), today);
    geometry.points.len()
        + geometry.points.iter().filter(|p| p.conflict).count()
        + geometry.points.iter().filter(|p| p.overdue).count()
        + geometry.points.iter().filter(|p| p.not_ready).count()
        // Undecided dots are hollow: one more quad for the inside.
        + geometry
            .points
            .iter()
            .filter(|p| p.decision == capmap::model::Decision::Undecided)
            .count()
}

fn scored(id: &str, zone: Zone) -> Capability {
    let mut capability = Capability::new(id, id);
    capability.zone = zone;
    for question in Question::ALL {
        capability.scores.set(question, Score::new(4));
    }
    capability
}

#[test]
fn scoring_a_capability_puts_its_dot_on_the_chart_at_once() {
    let mut harness = common::example();
    let before = marks_drawn(&harness);
    assert_eq!(before, marks_expected(&harness));
    let unscored = harness
        .state()
        .document()
        .portfolio()
        .capabilities
        .iter()
        .find(|c| Question::ALL.iter().any(|q| c.scores.get(*q).is_none()));
    let id = unscored.expect("the example has one to score").id.clone();
    for question in Question::ALL {
        harness.state_mut().send(Command::Edit(Edit::SetScore {
            id: id.clone(),
            question,
            score: Score::new(2),
        }));
        harness.run();
    }
    assert!(marks_drawn(&harness) > before);
    assert_eq!(marks_drawn(&harness), marks_expected(&harness));

    let scored = marks_drawn(&harness);

    // Undo takes it off again, redo puts it back.
    harness.state_mut().send(Command::Undo);
    harness.run();
    assert_eq!(marks_drawn(&harness), before);
    harness.state_mut().send(Command::Redo);
    harness.run();
    assert_eq!(marks_drawn(&harness), scored);
}

#[test]
fn another_document_is_drawn_even_at_the_same_point_in_its_history() {
    let mut small = Portfolio::new("small");
    small
        .capabilities
        .push(scored("one", Zone::Commodity).into());
    let mut harness = common::open(CapmapApp::new(small, None));
    assert_eq!(marks_drawn(&harness), marks_expected(&harness));
    let one = marks_drawn(&harness);

    // A fresh document, unedited like the first: it must not be mistaken
    // for the one drawn before.
    let mut bigger = Portfolio::new("bigger");
    for id in ["a", "b", "c"] {
        bigger.capabilities.push(scored(id, Zone::Commodity).into());
    }
    harness
        .state_mut()
        .set_document(Document::new(bigger, None));
    harness.run();
    assert_eq!(marks_drawn(&harness), 3 * one);
    assert!(harness.query_by_label("3 capabilities").is_some());
}

#[test]
fn selecting_and_resizing_redraw_the_marks() {
    let mut harness = common::example();
    let first = dot_meshes(&harness)[0].clone();
    harness.run();
    let same = dot_meshes(&harness)[0].clone();
    assert!(
        std::sync::Arc::ptr_eq(&first, &same),
        "with nothing changed, the kept mesh is drawn again"
    );

    harness.set_size(vec2(1600.0, 900.0));
    harness.run();
    let resized = dot_meshes(&harness)[0].clone();
    let moved = first
        .vertices
        .iter()
        .zip(&resized.vertices)
        .any(|(a, b)| a.pos != b.pos);
    assert!(moved, "the dots follow the bigger chart");
}

#[test]
fn a_long_list_to_score_shows_a_dozen_and_counts_the_rest() {
    let mut portfolio = Portfolio::new("many");
    for i in 0..30 {
        portfolio
            .capabilities
            .push(Capability::new(format!("c{i}"), format!("Unscored {i}")).into());
    }
    let mut harness = common::open(CapmapApp::new(portfolio, None));
    assert!(harness.query_by_label("…and 18 more").is_some());
    assert!(harness.query_by_label("Unscored 11").is_some());
    assert!(harness.query_by_label("Unscored 12").is_none());

    // Selecting one further down brings it, and its neighbours, into view.
    harness
        .state_mut()
        .send(Command::Select(Some("c20".to_owned())));
    harness.run();
    assert!(harness.query_by_label("Unscored 20").is_some());
    assert!(harness.query_by_label("14 before…").is_some());
}

#[test]
fn choosing_numbers_in_the_view_menu_lists_every_capability_beside_the_chart() {
    let mut harness = common::example();
    harness.set_size(vec2(1920.0, 1080.0));
    harness.run();
    assert!(
        harness.query_by_label("1  Container runtime").is_none(),
        "at full size the example is named, with no index"
    );
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label("Chart labels").hover();
    harness.run();
    harness.get_by_label("Numbers").click();
    harness.run();
    harness.run();
    assert_eq!(
        harness.state().settings().labels,
        capmap::export::LabelMode::Numbers
    );
    // Every scored capability is in the index, top of Orchestrate first.
    let today = harness.state().today();
    let geometry = capmap::export::ChartGeometry::new(harness.state().portfolio(), today);
    for point in &geometry.points {
        let entry = format!("{}  {}", point.number, point.name());
        assert!(
            harness.query_by_label(&entry).is_some(),
            "{entry} is listed"
        );
    }
    // A click on an entry selects its capability.
    harness
        .get_by_label("2  Identity and single sign-on")
        .click();
    harness.run();
    assert_eq!(common::selected(&harness), Some("identity-sso"));
}

/// `n` capabilities on one spot, "c007" and "Capability 007" with
/// `digits` digits.
fn crowd(n: usize, digits: usize) -> Portfolio {
    let mut portfolio = Portfolio::new("Crowded");
    for i in 0..n {
        let mut capability = scored(&format!("c{i:0digits$}"), Zone::Commodity);
        capability.name = format!("Capability {i:0digits$}");
        portfolio.capabilities.push(capability.into());
    }
    portfolio
}

#[test]
fn a_long_index_draws_what_shows_and_brings_the_selected_entry_into_view() {
    let mut harness = common::open(CapmapApp::new(crowd(200, 3), None));
    harness.run();
    // All on one spot: numbered, the index beside the chart.
    assert!(harness.query_by_label("1  Capability 000").is_some());
    assert!(
        harness.query_by_label("200  Capability 199").is_none(),
        "rows out of view are not laid out"
    );
    harness
        .state_mut()
        .send(Command::Select(Some("c199".into())));
    // The index scrolls there smoothly, over a few frames.
    harness.run_steps(10);
    assert!(
        harness.query_by_label("200  Capability 199").is_some(),
        "the selected entry is scrolled into view"
    );
    assert!(harness.query_by_label("1  Capability 000").is_none());
}

/// The straight lines the plot drew in the last frame (the comparison
/// arrows' shafts among them).
fn plot_lines(harness: &Harness<'_, CapmapApp>) -> Vec<[egui::Pos2; 2]> {
    harness
        .output()
        .shapes
        .iter()
        .filter_map(|clipped| match &clipped.shape {
            Shape::LineSegment { points, .. } => Some(*points),
            _ => None,
        })
        .collect()
}

/// The chart of the 2027-Q1 example, compared with 2026-Q4 through File >
/// Compare (its dialog answered with last quarter's file).
fn comparing_quarters() -> Harness<'static, CapmapApp> {
    let mut app = CapmapApp::new(common::next_quarter(), None);
    app.set_today(Some(common::workshop_day()));
    app.set_dialogs(capmap::app::FileDialogs::scripted([Some(
        std::path::PathBuf::from(common::EXAMPLE),
    )]));
    common::window(common::LAPTOP).with_max_steps(12).open(app)
}

#[test]
fn comparing_with_last_quarter_draws_an_arrow_from_each_old_spot_to_the_new_one() {
    let mut harness = comparing_quarters();
    let moves = |harness: &Harness<'_, CapmapApp>| {
        let baseline = capmap::io::load(std::path::Path::new(common::EXAMPLE)).unwrap();
        capmap::export::ChartGeometry::new(harness.state().portfolio(), common::workshop_day())
            .moves_from(&baseline)
    };
    let moves = moves(&harness);
    assert!(moves.len() >= 2, "{moves:?}");
    let arrow_drawn = |harness: &Harness<'_, CapmapApp>, m: &capmap::export::ChartMove| {
        let (from, to) = (on_screen(harness, m.from), on_screen(harness, m.to));
        plot_lines(harness)
            .iter()
            .any(|[a, b]| a.distance(from) < 1.0 && b.distance(to) < 1.0)
    };
    for m in &moves {
        assert!(!arrow_drawn(&harness, m), "no arrows before comparing");
    }

    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, egui::Key::C);
    harness.run();
    harness.run();
    assert!(harness.state().baseline().is_some());
    for m in &moves {
        assert!(
            arrow_drawn(&harness, m),
            "no arrow for {} on the chart",
            m.id
        );
    }
    // The exported chart has them too.
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("compared.svg");
    harness
        .state_mut()
        .send(Command::ExportChartTo(svg.clone()));
    harness.run();
    let text = std::fs::read_to_string(&svg).unwrap();
    assert_eq!(text.matches("<g class=\"moved\">").count(), moves.len());

    harness.get_by_label("Stop comparing").click();
    harness.run();
    assert!(harness.state().baseline().is_none());
    for m in &moves {
        assert!(
            !arrow_drawn(&harness, m),
            "the arrows go with the comparison"
        );
    }
}

/// The vertices of the chart's line work under and over its dots: meshes
/// drawn with the font texture, as egui tessellates lines.
fn line_vertices(harness: &Harness<'_, CapmapApp>) -> Vec<egui::epaint::Vertex> {
    harness
        .output()
        .shapes
        .iter()
        .filter_map(|clipped| match &clipped.shape {
            Shape::Mesh(mesh) if mesh.texture_id == egui::TextureId::default() => {
                Some(mesh.vertices.clone())
            }
            _ => None,
        })
        .flatten()
        .collect()
}

/// How many ends of `point`'s whiskers (its vote spread) the chart drew,
/// of how many it has away from the dot.
fn whisker_ends_drawn(
    harness: &Harness<'_, CapmapApp>,
    point: &capmap::export::ChartPoint,
) -> (usize, usize) {
    let dot = on_screen(harness, [point.differentiation, point.pull]);
    let mut ends = Vec::new();
    if let Some((low, high)) = point.differentiation_spread {
        for x in [low, high] {
            ends.push(egui::pos2(on_screen(harness, [x, 0.0]).x, dot.y));
        }
    }
    if let Some((low, high)) = point.pull_spread {
        for y in [low, high] {
            ends.push(egui::pos2(dot.x, on_screen(harness, [0.0, y]).y));
        }
    }
    ends.retain(|end| end.distance(dot) > 10.0);
    let color = capmap::ui::zone_color(point.zone).gamma_multiply(0.8);
    let vertices = line_vertices(harness);
    let drawn = ends
        .iter()
        .filter(|end| {
            vertices
                .iter()
                .any(|v| v.pos.distance(**end) < 3.0 && v.color == color)
        })
        .count();
    (drawn, ends.len())
}

#[test]
fn the_vote_spread_shows_on_the_selected_dot_and_on_every_dot_from_the_view_menu() {
    let mut app = example_app();
    app.set_today(Some(common::workshop_day()));
    let mut harness = common::window(common::LAPTOP).with_max_steps(12).open(app);
    let geometry =
        capmap::export::ChartGeometry::new(harness.state().portfolio(), common::workshop_day());
    let spread: Vec<&capmap::export::ChartPoint> = geometry
        .points
        .iter()
        .filter(|p| p.differentiation_spread.is_some() || p.pull_spread.is_some())
        .filter(|p| p.shared_with == 1)
        .collect();
    assert!(spread.len() >= 2, "the example has two revealed votes");
    for point in &spread {
        let (drawn, ends) = whisker_ends_drawn(&harness, point);
        assert!(ends > 0, "{} has a spread to see", point.name());
        assert_eq!(drawn, 0, "{}: no whiskers until asked", point.name());
    }

    // Selected: its whiskers, and only its.
    let (selected, other) = (spread[0], spread[1]);
    harness
        .get_by_label_contains(&format!("{} (", selected.name()))
        .click();
    harness.run();
    assert_eq!(common::selected(&harness), Some(selected.id()));
    let (drawn, ends) = whisker_ends_drawn(&harness, selected);
    assert_eq!(drawn, ends, "the selected dot shows its vote spread");
    assert_eq!(whisker_ends_drawn(&harness, other).0, 0);

    // View > Show the vote spread on every dot.
    harness.get_by_label("View").click();
    harness.run();
    harness
        .get_by_label_contains("Show the vote spread on every dot")
        .click();
    harness.run();
    assert!(harness.state().settings().vote_spread);
    for point in &spread {
        let (drawn, ends) = whisker_ends_drawn(&harness, point);
        assert_eq!(
            drawn,
            ends,
            "{}: every dot's spread when asked",
            point.name()
        );
    }
    // The exported chart has them too.
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("spread.svg");
    harness
        .state_mut()
        .send(Command::ExportChartTo(svg.clone()));
    harness.run();
    assert!(
        std::fs::read_to_string(&svg)
            .unwrap()
            .contains("class=\"spread\"")
    );

    // And the menu takes them off again.
    harness.get_by_label("View").click();
    harness.run();
    harness
        .get_by_label_contains("Hide the vote spread on every dot")
        .click();
    harness.run();
    assert!(!harness.state().settings().vote_spread);
    assert_eq!(whisker_ends_drawn(&harness, other).0, 0);
}

#[test]
fn a_crowd_stays_numbered_and_once_names_fit_again_they_come_back_without_the_index() {
    let mut harness = common::open(CapmapApp::new(crowd(40, 2), None));
    harness.run();
    // Forty on one spot: numbered, the index beside the chart, and still
    // so over the next frames.
    for _ in 0..3 {
        assert!(
            harness.query_by_label("1  Capability 00").is_some(),
            "a crowd on one spot is numbered, with an index"
        );
        harness.run();
    }
    // Down to two on the spot: their names fit, the index goes.
    for i in 2..40 {
        harness
            .state_mut()
            .send(Command::Edit(Edit::DeleteCapability {
                id: format!("c{i:02}"),
            }));
    }
    for _ in 0..3 {
        harness.run();
        assert!(
            harness.query_by_label("1  Capability 00").is_none(),
            "with two capabilities the names fit again and the index is gone"
        );
    }
}

/// Where the inspector starts: the left edge of its first field, the
/// portfolio's "Name" or the selected capability's.
fn inspector_left(harness: &Harness<'_, CapmapApp>) -> Option<f64> {
    harness
        .query_all_by_label("Name")
        .chain(harness.query_all_by_label("Capability"))
        .filter_map(|n| n.accesskit_node().bounding_box())
        .map(|b| b.x0)
        .reduce(f64::max)
}

/// Every widget on screen with its label and bounds (not the runs of text
/// inside a text field, which scroll within it).
fn boxes(harness: &Harness<'_, CapmapApp>) -> Vec<(String, eframe::egui::accesskit::Rect)> {
    harness
        .root()
        .query_all(egui_kittest::kittest::by())
        .filter_map(|n| {
            let node = n.accesskit_node();
            if node.role() == eframe::egui::accesskit::Role::TextRun {
                return None;
            }
            let label = node.label().or_else(|| node.value()).unwrap_or_default();
            node.bounding_box().map(|b| (label, b))
        })
        .collect()
}

#[test]
fn in_a_small_window_the_inspector_keeps_to_its_strip_and_the_chart_stays_beside_it() {
    for size in [vec2(900.0, 560.0), vec2(1024.0, 728.0), common::LAPTOP] {
        let app = common::example_app();
        let ids: Vec<String> = app
            .portfolio()
            .capabilities
            .iter()
            .map(|c| c.id.clone())
            .collect();
        let mut harness = common::window(size).open(app);
        // The portfolio's own fields, then every capability's.
        for selected in std::iter::once(None).chain(ids.into_iter().map(Some)) {
            harness.state_mut().send(Command::Select(selected.clone()));
            harness.run();
            let left = inspector_left(&harness).unwrap_or_else(|| {
                panic!("the inspector shows a name field at {size:?} ({selected:?})")
            });
            // The status bar runs the window's width, below the panels.
            let status_bar = harness
                .query_by_label_contains("24 capabilities")
                .and_then(|n| n.accesskit_node().bounding_box())
                .map_or(f64::INFINITY, |b| b.y0);
            // A row too wide for the inspector widens its panel, which
            // then slides under the chart's: everything left of the
            // inspector (chart, index, legend) must end before it.
            for (label, b) in boxes(&harness) {
                let whole_window = b.x1 - b.x0 > f64::from(size.x) / 2.0;
                let below = b.y0 >= status_bar - 1.0;
                assert!(
                    whole_window || below || b.x0 >= left - 1.0 || b.x1 <= left + 0.5,
                    "{label:?} reaches into the inspector at {size:?} ({selected:?}): \
                     {b:?}, the inspector starts at {left}"
                );
            }
        }
    }
}
