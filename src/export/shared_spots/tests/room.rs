//! How much room a column or a ring finds: dots in line with a column,
//! the dividers and the plot's edges. The mapping of `spread` (80 px a
//! point across, 60 up; dividers at x 200 and y 150; dots of radius 5, 13
//! px apart touching, a column's 18) unless a test maps its own.

use super::*;

#[test]
fn a_column_short_of_room_below_stands_on_the_dot_in_line_above_it() {
    // Pull 3 1/3 (y 130): 15 px free down to the divider, less than half
    // the column's 36. A lone dot in line at pull 4 1/3 (y 70) leaves 47
    // above, enough for all of it: the column rises from the spot.
    let geometry = chart(&[([4, 3, 3, 1], 3), ([5, 4, 4, 1], 1)]);
    let (dots, spots) = spread(&geometry, PLOT, 200.0);
    assert_eq!(
        dots[..3],
        [[40.0, 94.0], [40.0, 112.0], [40.0, 130.0]],
        "the column above its spot, under the lone dot"
    );
    assert!(close(dots[3], [40.0, 70.0]), "the lone dot stays");
    assert_eq!(spots, [capsule([40.0, 130.0], 94.0, 130.0)], "its capsule");
}

#[test]
fn a_column_short_of_room_above_hangs_down_to_the_dot_in_line_below_it() {
    // Pull 2 2/3 (y 170): 15 px free up to the divider. A lone dot in
    // line at pull 1 2/3 (y 230) leaves 47 below: the column hangs down.
    let geometry = chart(&[([3, 3, 2, 2], 3), ([2, 2, 1, 2], 1)]);
    let (dots, spots) = spread(&geometry, PLOT, 200.0);
    assert_eq!(
        dots,
        [
            [120.0, 170.0],
            [120.0, 188.0],
            [120.0, 206.0],
            [120.0, 230.0]
        ],
        "the column below its spot, over the lone dot"
    );
    assert_eq!(
        spots,
        [capsule([120.0, 170.0], 170.0, 206.0)],
        "its capsule"
    );
}

#[test]
fn only_a_dot_less_than_touching_distance_aside_is_in_line_with_a_column() {
    // A lone dot 20 px below the spot at y 90 but a whole point (80 px)
    // aside: the column stays centred.
    let geometry = chart(&[([4, 4, 4, 1], 3), ([4, 4, 3, 2], 1)]);
    let (dots, _) = spread(&geometry, PLOT, 200.0);
    assert_eq!(
        dots,
        [[40.0, 72.0], [40.0, 90.0], [40.0, 108.0], [120.0, 110.0]],
        "centred; the dot aside is not in the way"
    );

    // Differentiation 13 px (touching) and then 12 px a point apart.
    let pull = |y: f64| 300.0 - (y - 0.5) * 60.0;
    let (dots, _) = spread_mapped(&geometry, PLOT, 200.0, &|x, y| [x * 13.0, pull(y)]);
    assert_eq!(
        dots,
        [[13.0, 72.0], [13.0, 90.0], [13.0, 108.0], [26.0, 110.0]],
        "a dot touching the column's line is not in it: centred"
    );
    let (dots, _) = spread_mapped(&geometry, PLOT, 200.0, &|x, y| [x * 12.0, pull(y)]);
    assert_eq!(
        dots,
        [[12.0, 54.0], [12.0, 72.0], [12.0, 90.0], [24.0, 110.0]],
        "a dot 12 px aside is in line: the column rises above the spot"
    );
}

#[test]
fn a_dot_in_line_level_with_the_spot_counts_as_below_it() {
    // Differentiation 10 px a point apart: the lone dot at pull 4 stands
    // 10 px right of the spot, at its height. It counts as below, so the
    // column rises from the spot (85 px free above).
    let geometry = chart(&[([4, 4, 4, 1], 3), ([4, 4, 4, 2], 1)]);
    let pull = |y: f64| 300.0 - (y - 0.5) * 60.0;
    let (dots, spots) = spread_mapped(&geometry, PLOT, 200.0, &|x, y| [x * 10.0, pull(y)]);
    assert_eq!(
        dots,
        [[10.0, 54.0], [10.0, 72.0], [10.0, 90.0], [20.0, 90.0]],
        "the column above its spot"
    );
    assert_eq!(spots, [capsule([10.0, 90.0], 54.0, 90.0)], "its capsule");
}

#[test]
fn the_room_for_names_beside_a_ring_is_measured_from_the_plots_left_edge() {
    // Seven at differentiation 2 (x 120) in a plot from x 30: 90 px to
    // its left edge, less than the ring (20 px) and 60% of a 200 px name
    // (140 px): the ring takes the right half.
    let geometry = chart(&[([4, 4, 4, 2], 7)]);
    let (dots, spots) = spread(&geometry, rect(30.0, 0.0, 340.0, 300.0), 200.0);
    let radius = 13.0 / (2.0 * (PI / 14.0).sin());
    let ring = on_ring([120.0, 90.0], radius, -FRAC_PI_2, PI, 7);
    assert!(
        dots.iter().zip(&ring).all(|(d, r)| close(*d, *r)),
        "{dots:?} is not the right half ring {ring:?}"
    );
    assert_disc(spots[0], [120.0, 90.0], radius + 9.0);
}

#[test]
fn a_column_short_of_room_on_both_sides_but_roomier_above_leans_up_from_the_middle() {
    // Pull 3 1/3 (y 130) in a plot from y 100: 25 px free above, 15
    // below to the divider, 18 needed on each side: the column moves up
    // from the middle by the 3 px the bottom lacks, not all the way.
    let geometry = chart(&[([4, 3, 3, 1], 3)]);
    let (dots, spots) = spread(&geometry, rect(0.0, 100.0, 400.0, 200.0), 200.0);
    assert_eq!(
        dots,
        [[40.0, 109.0], [40.0, 127.0], [40.0, 145.0]],
        "the last dot touches the divider, the first is 4 px inside the plot"
    );
    assert_eq!(spots, [capsule([40.0, 130.0], 109.0, 145.0)], "its capsule");
}

#[test]
fn twenty_with_equal_scores_form_one_ring_of_touching_dots() {
    // Differentiation 2, pull 4 (120, 90): 120 px to the left edge, 80 to
    // the divider right, 90 up, 60 down, and the ring reaches 46.5.
    let geometry = chart(&[([4, 4, 4, 2], 20)]);
    let (dots, spots) = spread(&geometry, PLOT, 0.0);
    let radius = 13.0 / (2.0 * (PI / 20.0).sin());
    let ring = on_ring([120.0, 90.0], radius, 0.0, TAU, 20);
    assert!(
        dots.iter().zip(&ring).all(|(d, r)| close(*d, *r)),
        "{dots:?} is not the ring {ring:?}"
    );
    assert_disc(spots[0], [120.0, 90.0], radius + 9.0);
}

/// Whether `dots` are seven touching dots on the tightest ring around
/// `centre` that starts at `start` and spans `span`.
fn on_ring_of_seven(dots: &[[f64; 2]], centre: [f64; 2], start: f64, span: f64) -> bool {
    let radius = if span >= TAU {
        13.0 / (2.0 * (PI / 7.0).sin())
    } else {
        13.0 / (2.0 * (span / 14.0).sin())
    };
    let ring = on_ring(centre, radius, start, span, 7);
    dots.len() == 7 && dots.iter().zip(&ring).all(|(d, r)| close(*d, *r))
}

#[test]
fn a_ring_leaves_names_60_percent_of_their_width_to_the_plots_edge() {
    // Seven at x 120 in a plot from x 20: 100 px to its edge, the ring
    // (20 px) and 60 of a 100 px name (80 in all) fit: a full ring.
    let geometry = chart(&[([4, 4, 4, 2], 7)]);
    let (dots, _) = spread(&geometry, rect(20.0, 0.0, 380.0, 300.0), 100.0);
    assert!(
        on_ring_of_seven(&dots, [120.0, 90.0], 0.0, TAU),
        "a full ring: {dots:?}"
    );
}

#[test]
fn a_ring_by_the_plots_edge_turns_away_from_it_even_when_names_fit_nowhere() {
    // Names of 600 px need 380 px either side, more than any plot here
    // has; then the ring still grows away from an edge it would cross.
    // Differentiation 5 (x 360) with 10 px to the right edge: left.
    let geometry = chart(&[([4, 4, 4, 5], 7)]);
    let (dots, _) = spread(&geometry, rect(0.0, 0.0, 370.0, 300.0), 600.0);
    assert!(
        on_ring_of_seven(&dots, [360.0, 90.0], FRAC_PI_2, PI),
        "the left half: {dots:?}"
    );
    // Differentiation 1 (x 40) with 10 px to the left edge: right.
    let geometry = chart(&[([4, 4, 4, 1], 7)]);
    let (dots, _) = spread(&geometry, rect(30.0, 0.0, 340.0, 300.0), 600.0);
    assert!(
        on_ring_of_seven(&dots, [40.0, 90.0], -FRAC_PI_2, PI),
        "the right half: {dots:?}"
    );
}

#[test]
fn a_ring_just_left_of_the_divider_grows_left() {
    // Differentiation 10 px a point apart: the spot at 2 (x 170) is 10 px
    // left of the divider (3, x 180), the plot's edge 170: the left half.
    let geometry = chart(&[([4, 4, 4, 2], 7)]);
    let pull = |y: f64| 300.0 - (y - 0.5) * 60.0;
    let (dots, _) = spread_mapped(&geometry, PLOT, 0.0, &|x, y| {
        [170.0 + (x - 2.0) * 10.0, pull(y)]
    });
    assert!(
        on_ring_of_seven(&dots, [170.0, 90.0], FRAC_PI_2, PI),
        "the left half: {dots:?}"
    );
}

#[test]
fn dots_a_third_of_a_pixel_apart_are_two_dots_not_one_spot() {
    // Differentiation 0.3 px a point apart (x 10.1 and 10.4), then pull
    // (y 91.1 and 91.4): dots are grouped by the quarter pixel.
    let geometry = chart(&[([4, 4, 4, 1], 1), ([4, 4, 4, 2], 1)]);
    let pull = |y: f64| 300.0 - (y - 0.5) * 60.0;
    let (dots, spots) = spread_mapped(&geometry, PLOT, 0.0, &|x, y| [9.8 + x * 0.3, pull(y)]);
    assert!(
        close(dots[0], [10.1, 90.0]) && close(dots[1], [10.4, 90.0]) && spots.is_empty(),
        "two dots where they are, no spot: {dots:?} {spots:?}"
    );
    let geometry = chart(&[([4, 4, 4, 1], 1), ([5, 5, 5, 1], 1)]);
    let (dots, spots) = spread_mapped(&geometry, PLOT, 0.0, &|x, y| [x * 80.0, 89.9 + y * 0.3]);
    assert!(
        close(dots[0], [80.0, 91.1]) && close(dots[1], [80.0, 91.4]) && spots.is_empty(),
        "two dots where they are, no spot: {dots:?} {spots:?}"
    );
}
