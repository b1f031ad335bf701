//! Tests of `chart_marks.rs`, kept apart so the file stays readable.

use super::*;
use crate::model::{Capability, Date, Portfolio, Question, Score};
use eframe::egui::{Pos2, Rect};
use egui_plot::PlotBounds;

fn crowded() -> ChartGeometry {
    let mut portfolio = Portfolio::new("crowded");
    for i in 0..60 {
        let mut capability = Capability::new(format!("c{i}"), format!("A long name {i}"));
        for question in Question::ALL {
            capability.scores.set(question, Score::new(4));
        }
        portfolio.capabilities.push(capability.into());
    }
    ChartGeometry::new(&portfolio, Date::from_ymd(2026, 11, 27).unwrap())
}

/// A 400x300 plot of the usual axes.
fn small_plot() -> PlotTransform {
    plot_of(400.0, 300.0)
}

/// The marks' scene on `transform`, in plain colours.
fn scene<'a>(
    transform: &'a PlotTransform,
    selected: Option<&'a str>,
    labels: LabelMode,
    vote_spread: bool,
) -> MarkScene<'a> {
    MarkScene {
        transform,
        style: ChartStyle::default(),
        selected,
        colors: MarkColors {
            text: Color32::GRAY,
            strong: Color32::WHITE,
            background: Color32::BLACK,
        },
        title_boxes: &[],
        labels,
        vote_spread,
        without_index: None,
    }
}

/// The texts of the labels drawn.
fn label_texts(labels: &ChartLabels) -> Vec<&str> {
    labels
        .labels
        .iter()
        .flatten()
        .map(|l| l.text.as_str())
        .collect()
}

/// The label layout when `selected` is selected, in a 400x300 plot.
fn labels(geometry: &ChartGeometry, mode: LabelMode, selected: Option<&str>) -> ChartLabels {
    painted(&egui::Context::default(), geometry, mode, selected)
}

/// The label layout the marks are painted with in one pass of `ctx`, in a
/// 400x300 plot.
fn painted(
    ctx: &egui::Context,
    geometry: &ChartGeometry,
    mode: LabelMode,
    selected: Option<&str>,
) -> ChartLabels {
    let mut out = None;
    let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
        let transform = small_plot();
        let scene = scene(&transform, selected, mode, false);
        out = Some(ChartLabels::clone(&paint_marks(ui, geometry, scene).0));
    });
    output.textures_delta.clear();
    out.unwrap()
}

/// The labels of `geometry` laid out from scratch, the selection's callout
/// included, as the exported images lay them out.
fn from_scratch(geometry: &ChartGeometry, mode: LabelMode, selected: Option<&str>) -> ChartLabels {
    let ctx = egui::Context::default();
    let mut out = None;
    let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
        let transform = small_plot();
        let scene = scene(&transform, selected, mode, false);
        let font = FontId::proportional(13.0);
        let selected = selected.and_then(|id| geometry.points.iter().position(|p| p.id() == id));
        out = Some(with_label_scene(ui.ctx(), &scene, &font, |label_scene| {
            layout_labels(geometry, mode, selected, label_scene)
        }));
    });
    output.textures_delta.clear();
    out.unwrap()
}

#[test]
fn a_new_selection_or_chart_gives_the_layout_made_from_scratch() {
    let ctx = egui::Context::default();
    let geometry = crowded();
    for mode in [LabelMode::Names, LabelMode::Numbers] {
        for selected in [None, Some("c3"), Some("c7"), None] {
            assert_eq!(
                painted(&ctx, &geometry, mode, selected),
                from_scratch(&geometry, mode, selected),
                "{mode:?}, {selected:?} selected after another"
            );
        }
    }
    // Another chart in the same plot is laid out again, not taken from
    // the last one's.
    let _ = painted(&ctx, &geometry, LabelMode::Names, None);
    let other = few();
    assert_eq!(
        painted(&ctx, &other, LabelMode::Names, Some("c1")),
        from_scratch(&other, LabelMode::Names, Some("c1")),
        "another chart"
    );
}

/// The side in points of the dot sprite drawn for `radius` at `zoom`.
fn dot_side(ctx: &egui::Context, zoom: f32, radius: f32) -> f32 {
    ctx.set_zoom_factor(zoom);
    let mut side = 0.0;
    for _ in 0..2 {
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            side = disc_sprites(ui.ctx(), radius).dot.side;
        });
        output.textures_delta.clear();
    }
    side
}

#[test]
fn dot_sprites_are_redrawn_for_a_new_size_or_scale() {
    let ctx = egui::Context::default();
    let big = dot_side(&ctx, 1.0, 12.0);
    // The same twelve pixels at twice the scale are half the points.
    let zoomed = dot_side(&ctx, 2.0, 6.0);
    assert!((big - 2.0 * zoomed).abs() < 0.01, "{big} vs {zoomed}");
    let small = dot_side(&ctx, 1.0, 6.0);
    assert!(small < big);
}

#[test]
fn a_crowd_of_names_is_numbered_and_the_selected_one_still_named() {
    let geometry = crowded();
    let auto = labels(&geometry, LabelMode::Auto, None);
    assert!(auto.numbered, "sixty long names cannot all fit in 400x300");
    // Sixty with the same scores: one stack, one label for all.
    let texts = label_texts(&auto);
    assert_eq!(texts, ["1–60"]);
    let selected = labels(&geometry, LabelMode::Auto, Some("c59"));
    let (i, callout) = selected.callout.expect("the selected one is named");
    assert_eq!(geometry.points[i].id(), "c59");
    assert!(callout.text.ends_with("A long name 59"), "{}", callout.text);
    // The others keep their places when the selection changes.
    assert_eq!(auto.labels, selected.labels);
}

#[test]
fn asking_for_names_leaves_out_and_counts_what_cannot_fit() {
    let geometry = crowded();
    let names = labels(&geometry, LabelMode::Names, None);
    assert!(!names.numbered);
    let shown = names.labels.iter().flatten().count();
    assert!(shown > 0 && shown < 60);
    assert_eq!(names.left_out, 60 - shown);
}

#[test]
fn a_few_names_are_named() {
    let geometry = few();
    let auto = labels(&geometry, LabelMode::Auto, None);
    assert!(!auto.numbered);
    let texts = label_texts(&auto);
    assert_eq!(texts, ["Name 0", "Name 1", "Name 2"]);
    let numbers = labels(&geometry, LabelMode::Numbers, None);
    assert!(numbers.numbered);
}

/// Three capabilities far apart, with short names.
fn few() -> ChartGeometry {
    let mut portfolio = Portfolio::new("few");
    for (i, scores) in [[5, 5, 5, 1], [1, 1, 1, 5], [4, 4, 4, 4]]
        .iter()
        .enumerate()
    {
        let mut capability = Capability::new(format!("c{i}"), format!("Name {i}"));
        for (question, score) in Question::ALL.iter().zip(scores) {
            capability.scores.set(*question, Score::new(*score));
        }
        portfolio.capabilities.push(capability.into());
    }
    ChartGeometry::new(&portfolio, Date::from_ymd(2026, 11, 27).unwrap())
}

/// A plot of the usual axes, `width` by `height`.
fn plot_of(width: f32, height: f32) -> PlotTransform {
    PlotTransform::new(
        Rect::from_min_size(Pos2::ZERO, egui::vec2(width, height)),
        PlotBounds::from_min_max([0.5, 0.5], [5.5, 5.5]),
        false,
    )
}

/// What `paint_marks` answers for a chart drawn beside the index in
/// `beside`, when it would be `without` without the index: whether it is
/// numbered, and whether names would fit without the index.
fn beside_the_index(geometry: &ChartGeometry, beside: [f32; 2], without: [f32; 2]) -> (bool, bool) {
    let ctx = egui::Context::default();
    let mut out = None;
    let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
        let narrow = plot_of(beside[0], beside[1]);
        let wide = plot_of(without[0], without[1]);
        let scene = MarkScene {
            without_index: Some((&wide, &[])),
            ..scene(&narrow, None, LabelMode::Auto, false)
        };
        let (labels, names_fit) = paint_marks(ui, geometry, scene);
        out = Some((labels.numbered, names_fit));
    });
    output.textures_delta.clear();
    out.unwrap()
}

#[test]
fn beside_the_index_the_chart_says_whether_names_would_fit_without_it() {
    // Three short names do not fit in 40x30, but do in 400x300: numbered
    // beside the index, and told the index may go.
    assert_eq!(
        beside_the_index(&few(), [40.0, 30.0], [400.0, 300.0]),
        (true, true)
    );
    // Sixty on one spot fit neither way: numbered, and the index stays.
    assert_eq!(
        beside_the_index(&crowded(), [360.0, 300.0], [400.0, 300.0]),
        (true, false)
    );
    // Three that fit beside the index too are simply named.
    assert_eq!(
        beside_the_index(&few(), [360.0, 300.0], [400.0, 300.0]),
        (false, false)
    );
}

/// How many whiskers are drawn when `selected` is selected.
fn whiskers(geometry: &ChartGeometry, selected: Option<&str>, vote_spread: bool) -> usize {
    let transform = small_plot();
    let scene = scene(&transform, selected, LabelMode::Auto, vote_spread);
    let labels = ChartLabels {
        numbered: false,
        dots: geometry.points.iter().map(|_| [100.0, 100.0]).collect(),
        spots: Vec::new(),
        labels: vec![None; geometry.points.len()],
        left_out: 0,
        callout: None,
    };
    line_pieces(geometry, &scene, &labels)
        .into_iter()
        .flat_map(|piece| (piece.shapes)())
        .filter(|s| matches!(s, Shape::LineSegment { .. }))
        .count()
}

#[test]
fn vote_spread_shows_for_the_selected_dot_or_every_dot_when_asked() {
    let mut geometry = crowded();
    for point in &mut geometry.points {
        point.differentiation_spread = Some((2.0, 5.0));
        point.pull_spread = Some((3.0, 4.0));
    }
    assert_eq!(whiskers(&geometry, None, false), 0, "none by default");
    assert_eq!(
        whiskers(&geometry, Some("c7"), false),
        2,
        "the selected one's two"
    );
    assert_eq!(
        whiskers(&geometry, None, true),
        120,
        "every dot's when asked"
    );
}

#[test]
fn labels_laid_out_with_kept_texts_match_labels_measured_afresh() {
    let geometry = crowded();
    let ctx = egui::Context::default();
    let mut twice = Vec::new();
    for _ in 0..2 {
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            let transform = small_plot();
            let scene = scene(&transform, Some("c3"), LabelMode::Names, false);
            let font = FontId::proportional(13.0);
            let selected = geometry.points.iter().position(|p| p.id() == "c3");
            twice.push(with_label_scene(ui.ctx(), &scene, &font, |label_scene| {
                layout_labels(&geometry, LabelMode::Names, selected, label_scene)
            }));
        });
        output.textures_delta.clear();
    }
    assert_eq!(twice[0], twice[1], "the second layout reads kept texts");
    assert_eq!(
        twice[1],
        labels(&geometry, LabelMode::Names, Some("c3")),
        "the same as in a fresh context"
    );
}

/// The texts `labels` draws, with `selected` selected.
fn drawn_texts(geometry: &ChartGeometry, labels: &ChartLabels, selected: &str) -> Vec<String> {
    let ctx = egui::Context::default();
    let mut texts = Vec::new();
    let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
        let transform = small_plot();
        let scene = scene(&transform, Some(selected), LabelMode::Auto, false);
        let font = FontId::proportional(13.0);
        for piece in ring_and_label_pieces(ui.ctx(), geometry, &scene, &font, labels) {
            for shape in (piece.shapes)() {
                if let Shape::Text(text) = shape {
                    texts.push(text.galley.text().to_owned());
                }
            }
        }
    });
    output.textures_delta.clear();
    texts
}

#[test]
fn a_callout_stands_for_its_own_label_but_not_for_a_stack() {
    let geometry = few();
    let placed = |text: &str, x: f64| {
        Some(crate::export::PlacedText {
            text: text.to_owned(),
            rect: ScreenRect {
                x,
                y: 10.0,
                w: 60.0,
                h: 16.0,
            },
            leader: None,
        })
    };
    let callout = |text: &str| {
        Some((
            0,
            crate::export::PlacedText {
                text: text.to_owned(),
                rect: ScreenRect {
                    x: 200.0,
                    y: 100.0,
                    w: 90.0,
                    h: 16.0,
                },
                leader: None,
            },
        ))
    };
    let number = geometry.points[0].number;
    let mut labels = ChartLabels {
        numbered: false,
        dots: vec![[50.0, 50.0], [150.0, 50.0], [250.0, 50.0]],
        spots: Vec::new(),
        labels: vec![placed("Na…", 0.0), placed("Name 1", 100.0), None],
        left_out: 0,
        callout: callout("Name 0"),
    };
    assert_eq!(
        drawn_texts(&geometry, &labels, "c0"),
        ["Name 1", "Name 0"],
        "named once, in full"
    );
    labels.numbered = true;
    labels.labels[0] = placed(&number.to_string(), 0.0);
    labels.callout = callout(&format!("{number} Name 0"));
    assert_eq!(
        drawn_texts(&geometry, &labels, "c0"),
        ["Name 1".to_owned(), format!("{number} Name 0")],
        "its number too"
    );
    labels.labels[0] = placed("1–3", 0.0);
    assert_eq!(
        drawn_texts(&geometry, &labels, "c0"),
        [
            "1–3".to_owned(),
            "Name 1".to_owned(),
            format!("{number} Name 0")
        ],
        "a stack's label names the others: it stays"
    );
}
