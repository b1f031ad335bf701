//! Tests of `shared_spots.rs`, kept apart so the file stays under 600 lines.

use super::*;
use crate::model::{Capability, Date, Portfolio, Score};
use std::f64::consts::{FRAC_PI_2, PI, TAU};

mod room;

/// `count` capabilities for each set of scores (reuse, cost, risk,
/// differentiation), in that order.
fn chart(groups: &[([u8; 4], usize)]) -> ChartGeometry {
    let mut portfolio = Portfolio::new("p");
    for (scores, count) in groups {
        for _ in 0..*count {
            let n = portfolio.capabilities.len();
            let mut c = Capability::new(format!("c{n}"), format!("C{n}"));
            c.scores.reuse = Score::new(scores[0]);
            c.scores.cost = Score::new(scores[1]);
            c.scores.risk = Score::new(scores[2]);
            c.scores.differentiation = Score::new(scores[3]);
            portfolio.capabilities.push(c.into());
        }
    }
    ChartGeometry::new(&portfolio, Date::from_ymd(2026, 11, 27).unwrap())
}

/// The dots of `geometry` spread in the plot `area`, with the chart
/// labels tests' mapping: differentiation 1 at x 40 and 5 at x 360,
/// pull 5 at y 30 and 1 at y 270, the dividers (3.0) at x 200 and
/// y 150. Dots have a radius of 5 (13 px apart when touching), lines
/// are 16 px high (a column's dots 18 px apart).
fn spread(
    geometry: &ChartGeometry,
    area: ScreenRect,
    max_name_width: f64,
) -> (Vec<[f64; 2]>, Vec<Spot>) {
    let to_screen = |x: f64, y: f64| [(x - 0.5) * 80.0, 300.0 - (y - 0.5) * 60.0];
    spread_mapped(geometry, area, max_name_width, &to_screen)
}

/// As [`spread`], with chart values put on screen by `to_screen`.
fn spread_mapped(
    geometry: &ChartGeometry,
    area: ScreenRect,
    max_name_width: f64,
    to_screen: &dyn Fn(f64, f64) -> [f64; 2],
) -> (Vec<[f64; 2]>, Vec<Spot>) {
    let measure = |text: &str| 7.0 * text.chars().count() as f64;
    let scene = LabelScene {
        area,
        obstacles: &[],
        to_screen,
        dot_radius: 5.0,
        mark_radius: 8.0,
        line_height: 16.0,
        max_name_width,
        padding: 3.0,
        measure: &measure,
    };
    let stacked: Vec<[f64; 2]> = geometry
        .points
        .iter()
        .map(|p| to_screen(p.differentiation, p.pull))
        .collect();
    spread_rings(geometry, &stacked, &scene)
}

const PLOT: ScreenRect = ScreenRect {
    x: 0.0,
    y: 0.0,
    w: 400.0,
    h: 300.0,
};

fn rect(x: f64, y: f64, w: f64, h: f64) -> ScreenRect {
    ScreenRect { x, y, w, h }
}

/// A column's capsule: 9 px (the dot and 4) around dots from `top`
/// to `bottom`.
fn capsule(at: [f64; 2], top: f64, bottom: f64) -> Spot {
    Spot {
        at,
        rect: rect(at[0] - 9.0, top - 9.0, 18.0, bottom - top + 18.0),
        radius: 9.0,
    }
}

fn close(a: [f64; 2], b: [f64; 2]) -> bool {
    (a[0] - b[0]).abs() < 1e-9 && (a[1] - b[1]).abs() < 1e-9
}

#[test]
fn a_few_with_equal_scores_stand_in_a_column_centred_on_their_spot() {
    // Pull 4 at y 90: 85 px free above, 55 below the divider.
    let geometry = chart(&[([4, 4, 4, 1], 3), ([1, 1, 1, 5], 1)]);
    let (dots, spots) = spread(&geometry, PLOT, 200.0);
    assert_eq!(
        dots,
        [[40.0, 72.0], [40.0, 90.0], [40.0, 108.0], [360.0, 270.0]],
        "a line apart, the middle one on the spot; the lone dot stays"
    );
    assert_eq!(spots, [capsule([40.0, 90.0], 72.0, 108.0)]);
}

#[test]
fn by_the_plots_top_edge_a_column_hangs_down_from_its_spot() {
    // The plot starts 10 px above the spot (y 30).
    let geometry = chart(&[([5, 5, 5, 1], 3)]);
    let (dots, spots) = spread(&geometry, rect(0.0, 20.0, 400.0, 280.0), 200.0);
    assert_eq!(dots, [[40.0, 30.0], [40.0, 48.0], [40.0, 66.0]]);
    assert_eq!(spots, [capsule([40.0, 30.0], 30.0, 66.0)]);
}

#[test]
fn a_column_short_of_room_on_both_sides_leans_towards_the_roomier_one() {
    // Five at pull 4 (y 90) in a plot that starts at y 60: 25 px free
    // above, 55 below the divider, and 72 needed. The column moves
    // down from the middle by what the top lacks, inside the plot.
    let geometry = chart(&[([4, 4, 4, 1], 5)]);
    let (dots, spots) = spread(&geometry, rect(0.0, 60.0, 400.0, 240.0), 200.0);
    assert_eq!(
        dots,
        [
            [40.0, 65.0],
            [40.0, 83.0],
            [40.0, 101.0],
            [40.0, 119.0],
            [40.0, 137.0]
        ]
    );
    assert_eq!(spots, [capsule([40.0, 90.0], 65.0, 137.0)]);
}

#[test]
fn a_column_never_crosses_the_divider_it_stands_by() {
    // Pull 3 on the divider (y 150) counts as high: the column rises
    // above it. Pull 2 2/3 (y 170) is low: 15 px to the divider, so
    // the column hangs below.
    let geometry = chart(&[([3, 3, 3, 1], 3), ([3, 3, 2, 2], 3)]);
    let (dots, spots) = spread(&geometry, PLOT, 200.0);
    assert_eq!(
        dots,
        [
            [40.0, 114.0],
            [40.0, 132.0],
            [40.0, 150.0],
            [120.0, 170.0],
            [120.0, 188.0],
            [120.0, 206.0]
        ]
    );
    assert_eq!(
        spots,
        [
            capsule([40.0, 150.0], 114.0, 150.0),
            capsule([120.0, 170.0], 170.0, 206.0)
        ]
    );
}

#[test]
fn a_dot_in_line_with_a_column_keeps_it_off_and_one_aside_does_not() {
    // A lone dot at pull 3 2/3 (y 110), 20 px below the spot at y 90:
    // the column stands above the spot instead. Another 80 px aside
    // (differentiation 2) is not in the way.
    let geometry = chart(&[([4, 4, 4, 1], 3), ([4, 4, 3, 1], 1), ([5, 5, 5, 2], 1)]);
    let (dots, spots) = spread(&geometry, PLOT, 200.0);
    assert_eq!(
        dots,
        [
            [40.0, 54.0],
            [40.0, 72.0],
            [40.0, 90.0],
            [40.0, 110.0],
            [120.0, 30.0]
        ]
    );
    assert_eq!(spots, [capsule([40.0, 90.0], 54.0, 90.0)]);

    // A lone dot 20 px above a spot at pull 2 (y 210, room below to
    // the plot's edge): the column hangs down from the spot.
    let geometry = chart(&[([2, 2, 2, 1], 3), ([3, 2, 2, 1], 1)]);
    let (dots, spots) = spread(&geometry, PLOT, 200.0);
    assert!(close(dots[3], [40.0, 190.0]), "the lone dot stays");
    assert_eq!(dots[..3], [[40.0, 210.0], [40.0, 228.0], [40.0, 246.0]]);
    assert_eq!(spots, [capsule([40.0, 210.0], 210.0, 246.0)]);
}

/// Dots `radius` from `centre`, from `start` at even steps over
/// `span` (a full turn: `count` steps; less: `count` steps centred).
fn on_ring(centre: [f64; 2], radius: f64, start: f64, span: f64, count: usize) -> Vec<[f64; 2]> {
    (0..count)
        .map(|j| {
            let fraction = if span >= TAU {
                j as f64 / count as f64
            } else {
                (j as f64 + 0.5) / count as f64
            };
            let angle = start + span * fraction;
            [
                centre[0] + radius * angle.cos(),
                centre[1] + radius * angle.sin(),
            ]
        })
        .collect()
}

/// `spot` is the disc of `radius` around `centre`.
fn assert_disc(spot: Spot, centre: [f64; 2], radius: f64) {
    let disc = Spot::around(centre, radius);
    let ScreenRect { x, y, w, h } = spot.rect;
    let want = disc.rect;
    assert!(
        close(spot.at, disc.at)
            && close([x, y], [want.x, want.y])
            && close([w, h], [want.w, want.h])
            && (spot.radius - radius).abs() < 1e-9,
        "{spot:?} is not the disc of {radius} around {centre:?}"
    );
}

#[test]
fn more_than_six_form_a_ring_of_touching_dots_around_their_spot() {
    // Seven at y 90, x 40: room all round, and no names to make room
    // for: a full ring, each dot 13 px (touching) from the next.
    let geometry = chart(&[([4, 4, 4, 1], 7)]);
    let (dots, spots) = spread(&geometry, PLOT, 0.0);
    let radius = 13.0 / (2.0 * (PI / 7.0).sin());
    let ring = on_ring([40.0, 90.0], radius, 0.0, TAU, 7);
    assert!(
        dots.iter().zip(&ring).all(|(d, r)| close(*d, *r)),
        "{dots:?} on the ring {ring:?}"
    );
    let gap = (dots[1][0] - dots[0][0]).hypot(dots[1][1] - dots[0][1]);
    assert!((gap - 13.0).abs() < 1e-9, "touching: {gap}");
    assert_eq!(spots.len(), 1, "one disc");
    assert_disc(spots[0], [40.0, 90.0], radius + 9.0);
}

/// Pull (reuse, cost and risk alike), differentiation, the spot on
/// screen, where the ring's allowed side starts and how far it spans,
/// and what the case shows.
type Case = (u8, u8, [f64; 2], f64, f64, &'static str);

#[test]
fn a_ring_by_a_divider_or_the_plots_edge_grows_only_away_from_it() {
    // The plot from x 30 to 370 and y 20 to 280: 10 px from the spots
    // at differentiation 1 and 5, pull 5 and 1; the dividers at x 200
    // and y 150. Seven capabilities on each spot.
    let area = rect(30.0, 20.0, 340.0, 280.0 - 20.0);
    // (reuse, cost and risk; differentiation), where the spot is, and
    // the side the ring may take: from which angle (screen y down,
    // clockwise), over how much.
    let cases: [Case; 10] = [
        (4, 2, [120.0, 90.0], 0.0, TAU, "room all round: a full ring"),
        (
            4,
            1,
            [40.0, 90.0],
            -FRAC_PI_2,
            PI,
            "by the left edge: right",
        ),
        (
            4,
            5,
            [360.0, 90.0],
            FRAC_PI_2,
            PI,
            "by the right edge: left",
        ),
        (4, 3, [200.0, 90.0], -FRAC_PI_2, PI, "on the divider: right"),
        (5, 2, [120.0, 30.0], 0.0, PI, "by the top edge: down"),
        (1, 2, [120.0, 270.0], PI, PI, "by the bottom edge: up"),
        (
            5,
            1,
            [40.0, 30.0],
            0.0,
            FRAC_PI_2,
            "top left corner: down right",
        ),
        (
            5,
            5,
            [360.0, 30.0],
            FRAC_PI_2,
            FRAC_PI_2,
            "top right: down left",
        ),
        (1, 5, [360.0, 270.0], PI, FRAC_PI_2, "bottom right: up left"),
        (
            1,
            1,
            [40.0, 270.0],
            3.0 * FRAC_PI_2,
            FRAC_PI_2,
            "bottom left: up right",
        ),
    ];
    let groups: Vec<([u8; 4], usize)> = cases
        .iter()
        .map(|&(pull, differentiation, ..)| ([pull, pull, pull, differentiation], 7))
        .collect();
    let geometry = chart(&groups);
    let (dots, spots) = spread(&geometry, area, 0.0);
    for (k, &(_, _, centre, start, span, why)) in cases.iter().enumerate() {
        // The tightest ring on which seven dots 13 px apart fit.
        let radius = 13.0 / (2.0 * (span / 14.0).sin());
        let ring = on_ring(centre, radius, start, span, 7);
        let group = &dots[7 * k..7 * (k + 1)];
        assert!(
            group.iter().zip(&ring).all(|(d, r)| close(*d, *r)),
            "{why}: {group:?} is not {ring:?}"
        );
        let disc = spots
            .iter()
            .find(|s| close(s.at, centre))
            .copied()
            .expect("a disc for every ring");
        assert_disc(disc, centre, radius + 9.0);
    }
}

#[test]
fn a_ring_with_names_leaves_them_room_on_the_side_away_from_the_plots_edge() {
    // Seven at x 120 and seven at x 280: with names up to 200 px, a
    // full ring leaves too little room (60% of a name) to the nearer
    // edge, so each takes the half towards the middle of the plot.
    let geometry = chart(&[([4, 4, 4, 2], 7), ([4, 4, 4, 4], 7)]);
    let (dots, spots) = spread(&geometry, PLOT, 200.0);
    let radius = 13.0 / (2.0 * (PI / 14.0).sin());
    for (k, centre, start, why) in [
        (0, [120.0, 90.0], -FRAC_PI_2, "right"),
        (1, [280.0, 90.0], FRAC_PI_2, "left"),
    ] {
        let ring = on_ring(centre, radius, start, PI, 7);
        let group = &dots[7 * k..7 * (k + 1)];
        assert!(
            group.iter().zip(&ring).all(|(d, r)| close(*d, *r)),
            "{why}: {group:?} is not {ring:?}"
        );
        assert_disc(spots[k], centre, radius + 9.0);
    }
    let (dots, _) = spread(&geometry, PLOT, 0.0);
    let full = on_ring([120.0, 90.0], 13.0 / (2.0 * (PI / 7.0).sin()), 0.0, TAU, 7);
    assert!(
        dots.iter().zip(&full).all(|(d, r)| close(*d, *r)),
        "without names, a full ring"
    );
}

#[test]
fn two_with_equal_scores_stand_in_a_column_too() {
    let geometry = chart(&[([4, 4, 4, 1], 2)]);
    let (dots, spots) = spread(&geometry, PLOT, 200.0);
    assert_eq!(
        dots,
        [[40.0, 81.0], [40.0, 99.0]],
        "a line apart, either side"
    );
    assert_eq!(spots, [capsule([40.0, 90.0], 81.0, 99.0)]);
}
