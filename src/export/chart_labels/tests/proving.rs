//! A name with no place on a chart with no other label ends the automatic
//! layout's try at once (`GiveUp::prove`): never a different
//! answer, only a quicker one.

use super::*;

/// Labels of `geometry` in the 400x300 plot of `lay_out`, tried as the
/// automatic layout tries them, with or without proving.
fn named(geometry: &ChartGeometry, plot: [f64; 2], prove: bool) -> ChartLabels {
    let [w, h] = plot;
    let to_screen = |x: f64, y: f64| [(x - 0.5) * w / 5.0, h - (y - 0.5) * h / 5.0];
    let measure = |text: &str| 7.0 * text.chars().count() as f64;
    let scene = LabelScene {
        area: rect(0.0, 0.0, w, h),
        obstacles: &[rect(w / 2.0 - 30.0, 0.0, 60.0, 16.0)],
        to_screen: &to_screen,
        dot_radius: 5.0,
        mark_radius: 8.0,
        line_height: 16.0,
        max_name_width: 200.0,
        padding: 3.0,
        measure: &measure,
    };
    let points = &geometry.points;
    let stacked: Vec<[f64; 2]> = points
        .iter()
        .map(|p| (scene.to_screen)(p.differentiation, p.pull))
        .collect();
    let (spread, spots) = spread_rings(geometry, &stacked, &scene);
    let give_up = GiveUp {
        after: HOPELESS,
        prove,
    };
    names(geometry, spread, spots, &scene, Some(give_up))
}

#[test]
fn a_crowd_is_given_up_on_at_the_first_name_with_no_place_alone() {
    let geometry = super::crowded(200);
    let proved = named(&geometry, [400.0, 300.0], true);
    let tried = named(&geometry, [400.0, 300.0], false);
    assert!(
        tried.left_out > HOPELESS,
        "without proving, {} names fail before it gives up",
        tried.left_out
    );
    assert_eq!(
        proved.left_out, 1,
        "with it, the first name with no place ends the try"
    );
}

#[test]
fn names_that_fit_in_a_later_order_are_not_given_up_on() {
    // Found by the property below: in a 160x100 plot the longer name,
    // tried first, takes the place the shorter one needs; the shorter one
    // fails there, though alone it has room, and the second try, which
    // places it first, fits both.
    let geometry = chart(&[("0 mmmmmmmmmmmmm", [1, 5, 3, 3]), ("1 mmmmm", [1, 5, 5, 5])]);
    let proved = named(&geometry, [160.0, 100.0], true);
    assert_eq!(proved.left_out, 0, "both names fit: {proved:?}");
    assert_eq!(
        proved,
        named(&geometry, [160.0, 100.0], false),
        "as they do without proving"
    );
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config::with_cases(64))]

    #[test]
    fn proving_a_name_has_no_place_never_changes_the_answer(
        capabilities in proptest::collection::vec((1_usize..30, [1_u8..=5, 1..=5, 1..=5, 1..=5]), 0..40),
        plot in proptest::sample::select(vec![[400.0, 300.0], [240.0, 160.0], [160.0, 100.0]]),
    ) {
        let names: Vec<String> = capabilities
            .iter()
            .enumerate()
            .map(|(i, (length, _))| format!("{i} {}", "m".repeat(*length)))
            .collect();
        let listed: Vec<(&str, [u8; 4])> = names
            .iter()
            .zip(&capabilities)
            .map(|(name, (_, scores))| (name.as_str(), *scores))
            .collect();
        let geometry = chart(&listed);
        let proved = named(&geometry, plot, true);
        let tried = named(&geometry, plot, false);
        proptest::prop_assert_eq!(proved.left_out == 0, tried.left_out == 0);
        if tried.left_out == 0 {
            proptest::prop_assert_eq!(proved, tried);
        }
    }
}
