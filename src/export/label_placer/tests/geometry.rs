//! The distances and crossings the placer keeps its rules with (and the
//! chart tests check them with): a box 40x20 at (100, 50) and a segment
//! from (100, 50) to (140, 80), 50 px long, away from the origin so a sum
//! cannot pass for a difference.

use super::*;

/// The box every distance is measured to: x 100 to 140, y 50 to 70.
const BOX: ScreenRect = ScreenRect {
    x: 100.0,
    y: 50.0,
    w: 40.0,
    h: 20.0,
};

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn dots_less_than_half_a_pixel_apart_both_ways_share_a_spot() {
    let spot = [100.0, 100.0];
    for (other, shared, why) in [
        ([100.0, 100.0], true, "the same place"),
        ([100.4, 99.7], true, "a fraction of a pixel off"),
        ([100.5, 100.0], false, "half a pixel across"),
        ([100.0, 99.5], false, "half a pixel up"),
        ([100.4, 100.6], false, "close across but not up"),
        ([100.6, 100.4], false, "close up but not across"),
        ([200.0, 200.0], false, "far away"),
    ] {
        assert_eq!(same_spot(spot, other), shared, "{why}: {other:?}");
        assert_eq!(same_spot(other, spot), shared, "{why}, either way round");
    }
}

#[test]
fn the_most_crowded_dots_are_labelled_first_and_ties_keep_their_order() {
    // Within 10 px (the edge counts) of each, itself included: the lone
    // dot 0 has 1; 1 and 3 have 3 (1, 2 and 3: 6, 8 and 10 px apart);
    // 2 has 4 (4 is 8 px right of it); 4 has 2 (14 px from 1, 16 from 3).
    let dots = [
        [50.0, 50.0],
        [100.0, 100.0],
        [106.0, 100.0],
        [100.0, 108.0],
        [114.0, 100.0],
    ];
    assert_eq!(
        crowded_first(&dots, 10.0),
        [2, 1, 3, 4, 0],
        "most neighbours first, 1 before 3"
    );
    // A lone dot at the screen's very corner, and one that is off at
    // infinity or not a number at all, change nothing for the others.
    let mut odd = dots.to_vec();
    odd[0] = [0.0, 0.0];
    odd.extend([[f64::INFINITY, 100.0], [f64::NAN, 100.0]]);
    assert_eq!(
        crowded_first(&odd, 10.0),
        [2, 1, 3, 4, 0, 5, 6],
        "the broken dots have no neighbours"
    );
    // Spread out, nobody has a neighbour: the dots' own order.
    let apart = [[300.0, 40.0], [100.0, 40.0], [200.0, 40.0], [200.0, 240.0]];
    assert_eq!(crowded_first(&apart, 90.0), [0, 1, 2, 3], "own order");
    assert_eq!(crowded_first(&[], 10.0), Vec::<usize>::new(), "no dots");
}

#[test]
fn distances_between_points_are_straight_lines_and_their_squares() {
    for (a, b, d) in [
        ([103.0, 54.0], [100.0, 50.0], 5.0),
        ([100.0, 50.0], [106.0, 58.0], 10.0),
        ([100.0, 50.0], [100.0, 50.0], 0.0),
        ([-20.0, 7.0], [4.0, 0.0], 25.0),
    ] {
        assert!(close(dist(a, b), d), "{a:?} to {b:?}: {}", dist(a, b));
        assert!(close(dist2(a, b), d * d), "{a:?} to {b:?} squared");
    }
}

#[test]
fn the_distance_to_a_box_is_nil_inside_straight_beside_it_and_diagonal_off_a_corner() {
    for (p, d, where_) in [
        ([120.0, 60.0], 0.0, "inside"),
        ([140.0, 70.0], 0.0, "on its far corner"),
        ([90.0, 60.0], 10.0, "left"),
        ([150.0, 60.0], 10.0, "right"),
        ([120.0, 45.0], 5.0, "above"),
        ([120.0, 78.0], 8.0, "below"),
        ([97.0, 46.0], 5.0, "off the top left corner"),
        ([143.0, 74.0], 5.0, "off the bottom right corner"),
        ([136.0, 73.0], 3.0, "just below the right end"),
    ] {
        let found = rect_distance(&BOX, p);
        assert!(close(found, d), "{where_}: {found}, not {d}");
        let squared = rect_distance2(&BOX, p);
        assert!(close(squared, d * d), "{where_}: {squared}, not {}", d * d);
    }
}

#[test]
fn the_nearest_point_of_a_box_is_the_point_itself_inside_or_on_the_box_edge() {
    for (p, nearest) in [
        ([120.0, 60.0], [120.0, 60.0]),
        ([90.0, 60.0], [100.0, 60.0]),
        ([150.0, 80.0], [140.0, 70.0]),
        ([120.0, 20.0], [120.0, 50.0]),
        ([130.0, 90.0], [130.0, 70.0]),
    ] {
        assert_eq!(
            nearest_in(&BOX, p).map(f64::to_bits),
            nearest.map(f64::to_bits),
            "from {p:?}"
        );
    }
}

#[test]
fn the_distance_to_a_segment_is_across_it_beside_and_to_the_nearer_end_beyond() {
    let (a, b) = ([100.0, 50.0], [140.0, 80.0]);
    for (p, d, where_) in [
        // Across from the middle (120, 65), 10 px along (-0.6, 0.8).
        ([114.0, 73.0], 10.0, "across from the middle"),
        ([126.0, 57.0], 10.0, "across the other way"),
        // A quarter of the way along, on it.
        ([110.0, 57.5], 0.0, "on it"),
        // 10 px on along (0.8, 0.6) past each end.
        ([148.0, 86.0], 10.0, "past its end"),
        ([92.0, 44.0], 10.0, "before its start"),
    ] {
        let found = segment_distance(a, b, p);
        assert!(close(found, d), "{where_}: {found}, not {d}");
        assert!(close(segment_distance(b, a, p), d), "{where_}, reversed");
        assert!(close(segment_distance2(a, b, p), d * d), "{where_} squared");
    }
    // A segment of no length is a point.
    let point = [100.0, 50.0];
    assert!(
        close(segment_distance(point, point, [106.0, 58.0]), 10.0),
        "a segment of no length"
    );
}

#[test]
fn segments_cross_only_through_each_other_not_where_one_ends_on_the_other() {
    let cross = |a, b, c, d| segments_cross(a, b, c, d) && segments_cross(c, d, a, b);
    let neither = |a, b, c, d| !segments_cross(a, b, c, d) && !segments_cross(c, d, a, b);
    assert!(
        cross([100.0, 50.0], [140.0, 80.0], [100.0, 80.0], [140.0, 50.0]),
        "an X"
    );
    assert!(
        cross([110.0, 50.0], [130.0, 90.0], [100.0, 60.0], [160.0, 75.0]),
        "a lopsided X"
    );
    assert!(
        neither([100.0, 50.0], [140.0, 50.0], [100.0, 60.0], [140.0, 60.0]),
        "side by side"
    );
    assert!(
        neither([100.0, 50.0], [120.0, 65.0], [120.0, 65.0], [140.0, 50.0]),
        "end to end"
    );
    // One crosses the other's line, but the other stops short of it.
    assert!(
        neither([100.0, 50.0], [140.0, 50.0], [120.0, 60.0], [120.0, 80.0]),
        "short of the line"
    );
    // One ends on the middle of the other, from either side.
    for stem in [[120.0, 20.0], [120.0, 80.0]] {
        assert!(
            neither(stem, [120.0, 50.0], [100.0, 50.0], [140.0, 50.0]),
            "a T from {stem:?}"
        );
        assert!(
            neither([100.0, 50.0], [140.0, 50.0], stem, [120.0, 50.0]),
            "a T from {stem:?}, named the other way"
        );
    }
}

#[test]
fn a_segment_hits_a_box_grown_by_the_margin_only_through_its_inside() {
    // 5 px off each side, along it or pointing at it: inside a margin of
    // 6, clear of one of 4 (or none); either way round.
    for (a, b, where_) in [
        ([95.0, 40.0], [95.0, 80.0], "along the left side"),
        ([145.0, 40.0], [145.0, 80.0], "along the right side"),
        ([90.0, 45.0], [150.0, 45.0], "along the top"),
        ([90.0, 75.0], [150.0, 75.0], "along the bottom"),
        ([80.0, 60.0], [95.0, 60.0], "short of the left side"),
        ([160.0, 60.0], [145.0, 60.0], "short of the right side"),
        ([120.0, 30.0], [120.0, 45.0], "short of the top"),
        ([120.0, 90.0], [120.0, 75.0], "short of the bottom"),
    ] {
        for (a, b) in [(a, b), (b, a)] {
            assert!(
                segment_hits_rect(a, b, &BOX, 6.0),
                "{where_}: within a margin of 6"
            );
            assert!(
                !segment_hits_rect(a, b, &BOX, 4.0),
                "{where_}: clear of a margin of 4"
            );
            assert!(!segment_hits_rect(a, b, &BOX, 0.0), "{where_}: clear");
        }
    }
    for (a, b, where_) in [
        ([80.0, 60.0], [160.0, 60.0], "across"),
        ([120.0, 30.0], [120.0, 90.0], "down through"),
        ([80.0, 60.0], [120.0, 60.0], "into it"),
        ([110.0, 55.0], [130.0, 65.0], "wholly inside"),
        ([95.0, 60.0], [110.0, 45.0], "across a corner"),
        ([90.0, 50.0], [150.0, 50.0], "along its top edge"),
        ([100.0, 40.0], [100.0, 80.0], "along its left edge"),
    ] {
        for (a, b) in [(a, b), (b, a)] {
            assert!(segment_hits_rect(a, b, &BOX, 0.0), "{where_}");
        }
    }
    for (a, b, where_) in [
        ([80.0, 30.0], [100.0, 50.0], "ending on a corner"),
        ([150.0, 30.0], [170.0, 50.0], "off a corner"),
        ([60.0, 10.0], [90.0, 100.0], "far left"),
    ] {
        for (a, b) in [(a, b), (b, a)] {
            assert!(!segment_hits_rect(a, b, &BOX, 0.0), "{where_}");
        }
    }
}
