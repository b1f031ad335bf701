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

/// `f` given a 400x300 plot whose texts are 7 pixels a letter, measured
/// through `measure`.
fn in_small_plot<R>(measure: &dyn Fn(&str) -> f64, f: impl FnOnce(&LabelScene<'_>) -> R) -> R {
    let to_screen = |x: f64, y: f64| [(x - 0.5) * 80.0, 300.0 - (y - 0.5) * 60.0];
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
        measure,
    };
    f(&scene)
}

/// Lays out `geometry` in a 400x300 plot, and counts the texts measured.
fn lay_out_counting(geometry: &ChartGeometry, mode: LabelMode) -> (ChartLabels, usize) {
    let measured = std::cell::Cell::new(0);
    let measure = |text: &str| {
        measured.set(measured.get() + 1);
        7.0 * text.chars().count() as f64
    };
    let labels = in_small_plot(&measure, |scene| layout_labels(geometry, mode, None, scene));
    (labels, measured.get())
}

/// In a 400x300 plot: whether names fit, asked alone, and whether the
/// automatic layout numbers the chart.
fn fit_and_numbered(geometry: &ChartGeometry) -> (bool, bool) {
    let measure = |text: &str| 7.0 * text.chars().count() as f64;
    in_small_plot(&measure, |scene| {
        (
            names_fit(geometry, scene),
            layout_labels(geometry, LabelMode::Auto, None, scene).numbered,
        )
    })
}

#[test]
fn names_fit_exactly_when_the_automatic_layout_does_not_number() {
    let mut answers = Vec::new();
    for n in [0, 3, 12, 20, 30, 45, 60, 200] {
        let (fits, numbered) = fit_and_numbered(&crowded(n));
        assert_eq!(fits, !numbered, "{n} capabilities: the same answer");
        answers.push(fits);
    }
    assert_eq!(
        (answers.first(), answers.last()),
        (Some(&true), Some(&false)),
        "none fit, and 200 do not: {answers:?}"
    );
    let spread = chart(&[
        ("Alpha", [5, 5, 5, 1]),
        ("Beta", [1, 1, 1, 5]),
        ("Gamma", [5, 5, 5, 5]),
    ]);
    assert_eq!(fit_and_numbered(&spread), (true, false), "three apart");
    let (fits, numbered) = fit_and_numbered(&crowded(MAX_LABELLED + 1));
    assert!(fits && !numbered, "too many to label: not numbered either");
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

/// A chart of capabilities named and scored (reuse, cost, risk,
/// differentiation) as given, in that order.
fn chart(capabilities: &[(&str, [u8; 4])]) -> ChartGeometry {
    let mut portfolio = Portfolio::new("p");
    for (i, (name, scores)) in capabilities.iter().enumerate() {
        let mut c = Capability::new(format!("c{i}"), *name);
        c.scores.reuse = Score::new(scores[0]);
        c.scores.cost = Score::new(scores[1]);
        c.scores.risk = Score::new(scores[2]);
        c.scores.differentiation = Score::new(scores[3]);
        portfolio.capabilities.push(c.into());
    }
    ChartGeometry::new(&portfolio, Date::from_ymd(2026, 11, 27).unwrap())
}

/// The 400x300 plot of the tests: differentiation 1 at x 40, 5 at x 360;
/// pull 5 at y 30, 1 at y 270; the dividers (3.0) at x 200 and y 150.
/// Text is 7 px a character, boxes have 3 px of padding (so that `2 *
/// padding`, `2 + padding` and `padding / 2` all differ), dots a radius of
/// 5 and marks of 8, so a name beside its dot starts 10 px right of it.
fn lay_out(
    geometry: &ChartGeometry,
    mode: LabelMode,
    selected: Option<usize>,
    max_name_width: f64,
    obstacles: &[ScreenRect],
) -> ChartLabels {
    let to_screen = |x: f64, y: f64| [(x - 0.5) * 80.0, 300.0 - (y - 0.5) * 60.0];
    let measure = |text: &str| 7.0 * text.chars().count() as f64;
    let scene = LabelScene {
        area: rect(0.0, 0.0, 400.0, 300.0),
        obstacles,
        to_screen: &to_screen,
        dot_radius: 5.0,
        mark_radius: 8.0,
        line_height: 16.0,
        max_name_width,
        padding: 3.0,
        measure: &measure,
    };
    layout_labels(geometry, mode, selected, &scene)
}

fn rect(x: f64, y: f64, w: f64, h: f64) -> ScreenRect {
    ScreenRect { x, y, w, h }
}

/// A label right beside its dot, without a leader.
fn beside(text: &str, rect: ScreenRect) -> PlacedText {
    PlacedText {
        text: text.to_owned(),
        rect,
        leader: None,
    }
}

#[test]
fn label_modes_are_named_in_menus_as_the_facilitator_reads_them() {
    let names: Vec<&str> = LabelMode::ALL.iter().map(|m| m.label()).collect();
    assert_eq!(names, ["Automatic", "Names", "Numbers"]);
}

#[test]
fn a_spot_is_a_disc_of_the_radius_around_its_centre() {
    assert_eq!(
        Spot::around([40.0, 30.0], 9.0),
        Spot {
            at: [40.0, 30.0],
            rect: rect(31.0, 21.0, 18.0, 18.0),
            radius: 9.0,
        }
    );
}

#[test]
fn numbers_on_one_spot_run_on_as_a_range_and_others_are_listed() {
    assert_eq!(stack_text([]), "");
    assert_eq!(stack_text([7]), "7");
    assert_eq!(stack_text([7, 8]), "7, 8", "two numbers are listed");
    assert_eq!(stack_text([7, 8, 9, 10, 11]), "7–11");
    assert_eq!(stack_text([3, 5, 6]), "3, 5, 6", "a gap: listed");
    assert_eq!(stack_text([5, 6, 8]), "5, 6, 8", "a gap at the end: listed");
    assert_eq!(stack_text([9, 8, 7]), "9, 8, 7", "counting down: listed");
}

#[test]
fn a_name_is_kept_whole_up_to_the_width_and_cut_at_a_word_with_an_ellipsis() {
    let measure = |text: &str| 7.0 * text.chars().count() as f64;
    assert_eq!(
        shorten("Billing", 49.0, &measure),
        ("Billing".to_owned(), 49.0),
        "exactly as wide as allowed: whole"
    );
    // 70 px hold nine characters and the ellipsis: "Customer " and "…",
    // the space trimmed.
    assert_eq!(
        shorten("Customer onboarding", 70.0, &measure),
        ("Customer…".to_owned(), 63.0)
    );
    assert_eq!(
        shorten("Customer onboarding", 77.0, &measure),
        ("Customer o…".to_owned(), 77.0),
        "77 px hold ten characters and the ellipsis"
    );
    assert_eq!(
        shorten("Customer onboarding", 5.0, &measure),
        ("…".to_owned(), 7.0),
        "narrower than the ellipsis: the ellipsis alone"
    );
    assert_eq!(
        shorten("Customer onboarding", 132.0, &measure),
        ("Customer onboardi…".to_owned(), 126.0),
        "one character short of the whole name"
    );
}

#[test]
fn a_lone_name_stands_right_of_its_dot_in_a_box_of_its_width_and_padding() {
    let geometry = chart(&[("Billing", [5, 5, 5, 1]), ("Payroll", [1, 1, 1, 5])]);
    let labels = lay_out(&geometry, LabelMode::Names, None, 200.0, &[]);
    assert_eq!(
        labels,
        ChartLabels {
            numbered: false,
            dots: vec![[40.0, 30.0], [360.0, 270.0]],
            spots: vec![],
            // 7 characters of 7 px and 3 px a side; centred on the dot's
            // height, 10 px (the mark and 2 px) right of it; by the
            // plot's right edge, left of it.
            labels: vec![
                Some(beside("Billing", rect(50.0, 22.0, 55.0, 16.0))),
                Some(beside(
                    "Payroll",
                    rect(360.0 - 10.0 - 55.0, 262.0, 55.0, 16.0)
                )),
            ],
            left_out: 0,
            callout: None,
        }
    );
}

#[test]
fn numbered_dots_with_equal_scores_share_one_dot_one_label_and_one_disc() {
    let geometry = chart(&[
        ("Billing", [5, 5, 5, 1]),
        ("Invoicing", [5, 5, 5, 1]),
        ("Payments", [5, 5, 5, 1]),
        // One whole point below, and one to the right: spots of their own.
        ("Ledger", [4, 4, 4, 1]),
        ("Treasury", [5, 5, 5, 2]),
    ]);
    let labels = lay_out(&geometry, LabelMode::Numbers, None, 200.0, &[]);
    assert!(labels.numbered, "numbers asked for");
    assert_eq!(
        labels.dots,
        [
            [40.0, 30.0],
            [40.0, 30.0],
            [40.0, 30.0],
            [40.0, 90.0],
            [120.0, 30.0]
        ],
        "each dot at its true spot, equal scores stacked"
    );
    assert_eq!(
        labels.spots,
        [Spot::around([40.0, 30.0], 9.0)],
        "one disc, the dot's radius and 4 px, around the shared spot only"
    );
    let texts: Vec<Option<&str>> = labels
        .labels
        .iter()
        .map(|l| l.as_ref().map(|l| l.text.as_str()))
        .collect();
    assert_eq!(
        texts,
        [Some("1–3"), None, None, Some("5"), Some("4")],
        "the stack's one label held by its first; top to bottom, then across"
    );
    let sizes: Vec<[f64; 2]> = labels
        .labels
        .iter()
        .flatten()
        .map(|l| [l.rect.w, l.rect.h])
        .collect();
    assert_eq!(
        sizes,
        [[27.0, 16.0], [13.0, 16.0], [13.0, 16.0]],
        "the numbers' width and 3 px a side, a line high"
    );
    assert_eq!(
        labels.labels[0].as_ref().map(|l| (l.rect.x, l.rect.y)),
        Some((50.0, 22.0)),
        "the stack's label right beside it"
    );
    assert_eq!(labels.left_out, 0, "numbers are never left out");
}

#[test]
fn past_the_limit_only_spots_shared_by_several_get_a_disc() {
    let mut capabilities = vec![("Alone", [1, 1, 1, 5])];
    capabilities.extend(std::iter::repeat_n(("Shared", [5, 5, 5, 1]), MAX_LABELLED));
    let geometry = chart(&capabilities);
    let labels = lay_out(&geometry, LabelMode::Names, None, 200.0, &[]);
    assert!(!labels.numbered, "neither names nor numbers");
    assert!(labels.labels.iter().all(Option::is_none), "no labels");
    assert_eq!(
        labels.spots,
        [Spot::around([40.0, 30.0], 9.0)],
        "one disc of the dot's radius and 4 px, where the {MAX_LABELLED} are"
    );
}

#[test]
fn up_to_the_limit_dots_are_still_labelled() {
    let geometry = chart(&vec![("Shared", [5, 5, 5, 1]); MAX_LABELLED]);
    let labels = lay_out(&geometry, LabelMode::Numbers, None, 200.0, &[]);
    assert_eq!(
        labels.labels[0].as_ref().map(|l| l.text.as_str()),
        Some("1–300"),
        "exactly {MAX_LABELLED} capabilities: still numbered"
    );
}

#[test]
fn a_selection_past_the_last_point_gets_no_callout() {
    let geometry = chart(&[("Billing", [5, 5, 5, 1])]);
    for mode in LabelMode::ALL {
        let labels = lay_out(&geometry, mode, Some(1), 200.0, &[]);
        assert_eq!(labels.callout, None, "{mode:?}: nothing selected");
    }
}

#[test]
fn the_selected_name_gets_a_callout_only_when_its_label_does_not_show_it_whole() {
    let geometry = chart(&[
        ("Billing", [5, 5, 5, 1]),
        ("Customer onboarding", [1, 1, 1, 5]),
    ]);
    let whole = lay_out(&geometry, LabelMode::Names, Some(0), 200.0, &[]);
    assert_eq!(whole.callout, None, "its name stands whole beside it");

    let shortened = lay_out(&geometry, LabelMode::Names, Some(1), 70.0, &[]);
    assert_eq!(
        shortened.labels[1].as_ref().map(|l| l.text.as_str()),
        Some("Customer…")
    );
    let (i, callout) = shortened.callout.expect("a shortened name is called out");
    assert_eq!(i, 1, "the selected point's");
    assert_eq!(callout.text, "Customer onboarding");
    assert_eq!(
        (callout.rect.w, callout.rect.h),
        (19.0 * 7.0 + 6.0, 16.0),
        "the full name's width and 3 px a side, a line high"
    );

    let numbered = lay_out(&geometry, LabelMode::Numbers, Some(0), 200.0, &[]);
    let (_, callout) = numbered.callout.expect("a number is called out");
    assert_eq!(callout.text, "1 Billing", "the number, then the name");
    assert_eq!((callout.rect.w, callout.rect.h), (69.0, 16.0));
}

mod placement;
mod proving;
