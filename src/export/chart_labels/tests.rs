//! Tests of `chart_labels.rs`, kept apart so the file stays under 600 lines.

use super::*;
use crate::model::{Capability, Date, Portfolio, Score};

/// `n` capabilities with long names on a few shared spots: far too
/// many names for a 400x300 plot.
fn crowded(n: usize) -> ChartGeometry {
    let mut portfolio = Portfolio::new("p");
    for i in 0..n {
        let mut c = Capability::new(format!("c{i}"), format!("Capability number {i}"));
        let s = u8::try_from(1 + i % 5).unwrap_or(1);
        c.scores.reuse = Score::new(s);
        c.scores.cost = Score::new(s);
        c.scores.risk = Score::new(6 - s);
        c.scores.differentiation = Score::new(1 + (s % 3));
        portfolio.capabilities.push(c.into());
    }
    ChartGeometry::new(&portfolio, Date::from_ymd(2026, 11, 27).unwrap())
}

/// Lays out `geometry` in a 400x300 plot, and counts the texts measured.
fn lay_out_counting(geometry: &ChartGeometry, mode: LabelMode) -> (ChartLabels, usize) {
    let to_screen = |x: f64, y: f64| [(x - 0.5) * 80.0, 300.0 - (y - 0.5) * 60.0];
    let measured = std::cell::Cell::new(0);
    let measure = |text: &str| {
        measured.set(measured.get() + 1);
        7.0 * text.chars().count() as f64
    };
    let scene = LabelScene {
        area: ScreenRect {
            x: 0.0,
            y: 0.0,
            w: 400.0,
            h: 300.0,
        },
        obstacles: &[],
        to_screen: &to_screen,
        dot_radius: 5.0,
        mark_radius: 8.0,
        line_height: 16.0,
        max_name_width: 200.0,
        padding: 2.0,
        measure: &measure,
    };
    let labels = layout_labels(geometry, mode, None, &scene);
    (labels, measured.get())
}

#[test]
fn automatic_labels_on_a_crowded_chart_give_up_on_names_after_a_few() {
    let geometry = crowded(200);
    let (auto, measured_auto) = lay_out_counting(&geometry, LabelMode::Auto);
    assert!(auto.numbered, "too many names: the dots are numbered");
    let (names, measured_names) = lay_out_counting(&geometry, LabelMode::Names);
    assert!(
        names.left_out > HOPELESS,
        "{} names left out when every one is tried",
        names.left_out
    );
    // Every name tried means every name measured; giving up after a
    // few measures those few and the numbers.
    assert!(
        measured_names >= 200,
        "{measured_names} texts measured for 200 names"
    );
    assert!(
        measured_auto < 200,
        "{measured_auto} texts measured before numbering 200 dots"
    );
    assert_eq!(
        auto,
        lay_out_counting(&geometry, LabelMode::Numbers).0,
        "automatic falls back to exactly the numbered layout"
    );
}

#[test]
fn past_the_labelled_limit_every_dot_stays_at_its_true_spot() {
    let geometry = crowded(MAX_LABELLED + 1);
    let to_screen = |x: f64, y: f64| [(x - 0.5) * 80.0, 300.0 - (y - 0.5) * 60.0];
    let (labels, _) = lay_out_counting(&geometry, LabelMode::Names);
    assert!(labels.labels.iter().all(Option::is_none), "no labels");
    for (point, dot) in geometry.points.iter().zip(&labels.dots) {
        let [x, y] = to_screen(point.differentiation, point.pull);
        assert!(
            (dot[0] - x).abs() < 1e-9 && (dot[1] - y).abs() < 1e-9,
            "{} drawn where its scores put it",
            point.name()
        );
    }
    let mut spots: Vec<[f64; 2]> = labels.dots.clone();
    spots.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    spots.dedup();
    assert_eq!(labels.spots.len(), spots.len(), "one disc per shared spot");
    assert!(
        labels.spots.iter().all(|s| spots.contains(&s.at)),
        "each disc around a spot"
    );
}

#[test]
fn automatic_labels_keep_names_when_every_one_fits() {
    let geometry = crowded(5);
    let (auto, _) = lay_out_counting(&geometry, LabelMode::Auto);
    assert!(!auto.numbered, "five names fit");
    assert_eq!(auto.left_out, 0, "none left out");
    assert_eq!(
        auto,
        lay_out_counting(&geometry, LabelMode::Names).0,
        "the same layout as names"
    );
}
