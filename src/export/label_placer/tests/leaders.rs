//! Labels that find no place beside their dot: out through a gap with a
//! leader, anywhere in the plot, or forced beside it. The dot stands at
//! (200, 150) in `with_placer`'s plot, hemmed in by other labels: a square
//! of 4 px tiles from 50 px left of it to 50 px right, 50 up to 50 down,
//! with room for its own mark and gaps 8 px wide out from it.

use super::*;

/// The dot every test here labels.
const DOT: [f64; 2] = [200.0, 150.0];

/// Which way a gap in the tiles leads out from the dot.
#[derive(Clone, Copy, PartialEq)]
enum Gap {
    Right,
    Left,
    Up,
    Down,
}

/// The tiles around `DOT`, but for its mark and `gaps`.
fn tiles(gaps: &[Gap]) -> Vec<ScreenRect> {
    let [px, py] = DOT;
    let mut tiles = Vec::new();
    for i in 0..25 {
        for j in 0..25 {
            let (x, y) = (
                px - 50.0 + 4.0 * f64::from(i),
                py - 50.0 + 4.0 * f64::from(j),
            );
            let (mid_x, mid_y) = (x + 2.0 - px, y + 2.0 - py);
            let in_gap = |gap: &Gap| match gap {
                Gap::Right => mid_y.abs() < 4.0 && mid_x > 0.0,
                Gap::Left => mid_y.abs() < 4.0 && mid_x < 0.0,
                Gap::Up => mid_x.abs() < 4.0 && mid_y < 0.0,
                Gap::Down => mid_x.abs() < 4.0 && mid_y > 0.0,
            };
            let by_the_dot = mid_x.abs() < 8.0 && mid_y.abs() < 8.0;
            if !by_the_dot && !gaps.iter().any(in_gap) {
                tiles.push(rect(x, y, 4.0, 4.0));
            }
        }
    }
    tiles
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

fn close_rect(a: &ScreenRect, b: &ScreenRect) -> bool {
    close(a.x, b.x) && close(a.y, b.y) && close(a.w, b.w) && close(a.h, b.h)
}

fn close_leader(a: Option<[[f64; 2]; 2]>, b: [[f64; 2]; 2]) -> bool {
    a.is_some_and(|[s, e]| {
        close(s[0], b[0][0]) && close(s[1], b[0][1]) && close(e[0], b[1][0]) && close(e[1], b[1][1])
    })
}

/// `test` on a placer over `DOT` alone, with the tiles kept as labels.
fn hemmed_in<T>(gaps: &[Gap], test: impl FnOnce(&mut Placer<'_>) -> T) -> T {
    with_placer(&[DOT], &[], |placer| {
        for tile in tiles(gaps) {
            placer.keep(tile, None);
        }
        test(placer)
    })
}

#[test]
fn a_hemmed_in_name_goes_out_through_the_gap_with_a_leader_from_its_dots_edge() {
    // Rings 12 px apart (three quarters of the label's height) from the
    // 10 px standoff: the fourth, 58 px out, is the first past the tiles.
    // The leader runs from the dot's edge (radius 5) to the box's nearest
    // point.
    for (gap, placed, leader) in [
        (
            Gap::Right,
            rect(258.0, 142.0, 40.0, 16.0),
            [[205.0, 150.0], [258.0, 150.0]],
        ),
        (
            Gap::Left,
            rect(102.0, 142.0, 40.0, 16.0),
            [[195.0, 150.0], [142.0, 150.0]],
        ),
        (
            Gap::Up,
            rect(180.0, 76.0, 40.0, 16.0),
            [[200.0, 145.0], [200.0, 92.0]],
        ),
        (
            Gap::Down,
            rect(180.0, 208.0, 40.0, 16.0),
            [[200.0, 155.0], [200.0, 208.0]],
        ),
    ] {
        let (found, found_leader) = hemmed_in(&[gap], |placer| {
            placer.place(&[0], [40.0, 16.0], None, 64.0)
        })
        .expect("out through the gap");
        assert!(close_rect(&found, &placed), "{found:?}, not {placed:?}");
        assert!(
            close_leader(found_leader, leader),
            "{found_leader:?}, not {leader:?}"
        );
    }
}

#[test]
fn of_two_ways_out_a_hemmed_in_name_takes_the_one_into_its_home() {
    let right = rect(258.0, 142.0, 40.0, 16.0);
    let left = rect(102.0, 142.0, 40.0, 16.0);
    let left_of_the_tiles = rect(0.0, 0.0, 150.0, 300.0);
    let both = [Gap::Right, Gap::Left];
    for (gaps, home, expected, why) in [
        (
            &both[..],
            None,
            right,
            "no home: the first way round, right",
        ),
        (
            &both[..],
            Some(left_of_the_tiles),
            left,
            "into its home, left",
        ),
        (
            &both[..1],
            Some(left_of_the_tiles),
            right,
            "out of its home rather than nowhere",
        ),
    ] {
        let (found, leader) = hemmed_in(gaps, |placer| {
            placer.place(&[0], [40.0, 16.0], home.as_ref(), 64.0)
        })
        .expect("out through a gap");
        assert!(close_rect(&found, &expected), "{why}: {found:?}");
        assert!(leader.is_some(), "{why}: with a leader");
    }
}

#[test]
fn a_leader_is_never_longer_than_allowed() {
    // The way out is 48 px of leader past the standoff (ring 4 of 12).
    for gap in [Gap::Right, Gap::Left, Gap::Up, Gap::Down] {
        let out = |max_leader| {
            hemmed_in(&[gap], |placer| {
                placer.place(&[0], [40.0, 16.0], None, max_leader)
            })
        };
        assert!(out(48.0).is_some(), "48 px allowed: out it goes");
        assert!(out(47.5).is_none(), "47.5 px allowed: no place");
    }
}

#[test]
fn anywhere_is_the_free_place_nearest_the_dot_that_a_leader_can_reach() {
    // The plot scanned in steps of half the label's height (8 px): the
    // nearest free places, 54 px above the dot, have no way out; the next,
    // 56 px right, has the gap. The higher of two equally near comes first.
    let (found, leader) = hemmed_in(&[Gap::Right], |placer| placer.anywhere(&[0], [40.0, 16.0]))
        .expect("a place through the gap");
    assert!(
        close_rect(&found, &rect(256.0, 136.0, 40.0, 16.0)),
        "{found:?}"
    );
    assert!(
        close_leader(leader, [[205.0, 150.0], [256.0, 150.0]]),
        "{leader:?}"
    );
    // Walled in, nothing.
    let walled = hemmed_in(&[], |placer| placer.anywhere(&[0], [40.0, 16.0]));
    assert!(walled.is_none(), "no way out: {walled:?}");
}

#[test]
fn a_forced_name_by_the_plots_edge_stays_in_the_plot_off_its_own_dot() {
    // Right of a dot 5 px from the right edge there is no room: pushed
    // back into the plot it would cover its own dot, so it goes left.
    let dots = [[395.0, 150.0]];
    let (placed, leader) = with_placer(&dots, &[], |placer| placer.force(&[0], [60.0, 16.0], None));
    assert!(leader.is_none(), "forced names have no leader");
    assert!(
        close_rect(&placed, &rect(325.0, 142.0, 60.0, 16.0)),
        "{placed:?}"
    );
    // In the bottom right corner, left of it and pushed up to the edge.
    let dots = [[395.0, 295.0]];
    let (placed, _) = with_placer(&dots, &[], |placer| placer.force(&[0], [60.0, 16.0], None));
    assert!(
        close_rect(&placed, &rect(325.0, 284.0, 60.0, 16.0)),
        "{placed:?}"
    );
    // In the top left corner, right of it and pushed down to the edge.
    let dots = [[5.0, 3.0]];
    let (placed, _) = with_placer(&dots, &[], |placer| placer.force(&[0], [60.0, 16.0], None));
    assert!(
        close_rect(&placed, &rect(15.0, 0.0, 60.0, 16.0)),
        "{placed:?}"
    );
}

#[test]
fn a_way_into_its_home_one_ring_further_out_beats_one_out_of_it() {
    // The tiles cut to x 158-230: out to the right is ring 2 (34 px), out
    // to the left, into the label's home, ring 3 (46 px), and the better
    // place all the same.
    let narrower: Vec<ScreenRect> = tiles(&[Gap::Right, Gap::Left])
        .into_iter()
        .filter(|tile| (158.0..230.0).contains(&tile.x))
        .collect();
    let home = rect(0.0, 0.0, 156.0, 300.0);
    let (found, leader) = with_placer(&[DOT], &[], |placer| {
        for tile in narrower {
            placer.keep(tile, None);
        }
        placer.place(&[0], [40.0, 16.0], Some(&home), 64.0)
    })
    .expect("out through a gap");
    assert!(
        close_rect(&found, &rect(114.0, 142.0, 40.0, 16.0)),
        "left, 46 px out: {found:?}"
    );
    assert!(
        close_leader(leader, [[195.0, 150.0], [154.0, 150.0]]),
        "{leader:?}"
    );
}

#[test]
fn anywhere_in_an_empty_plot_the_leader_runs_aslant_to_the_nearest_corner() {
    // Scanned in steps of 8 px, the nearest places clear of the dot's mark
    // are 10 px off: the first, row by row, 8 px left and 6 px up of it.
    // The leader leaves the dot's edge (radius 5) towards that corner.
    let (found, leader) = with_placer(&[DOT], &[], |placer| placer.anywhere(&[0], [40.0, 16.0]))
        .expect("an empty plot has room");
    assert!(
        close_rect(&found, &rect(152.0, 128.0, 40.0, 16.0)),
        "{found:?}"
    );
    assert!(
        close_leader(leader, [[196.0, 147.0], [192.0, 144.0]]),
        "{leader:?}"
    );
}

/// The way out through `gap` with `others` dots beside `DOT`, `titles`,
/// and `names` and `leaders` (with labels far away) kept besides the tiles.
fn out_through(
    gap: Gap,
    others: &[[f64; 2]],
    titles: &[ScreenRect],
    names: &[ScreenRect],
    leaders: &[[[f64; 2]; 2]],
) -> Option<(ScreenRect, Option<[[f64; 2]; 2]>)> {
    let mut dots = vec![DOT];
    dots.extend_from_slice(others);
    with_placer(&dots, titles, |placer| {
        for tile in tiles(&[gap]) {
            placer.keep(tile, None);
        }
        keep_all(placer, names, leaders);
        placer.place(&[0], [40.0, 16.0], None, 64.0)
    })
}

#[test]
fn a_leader_crosses_no_other_leader_label_title_or_dot() {
    // Out to the right the leader runs from (205, 150) to (258, 150), out
    // down from (200, 155) to (200, 208).
    let right = rect(258.0, 142.0, 40.0, 16.0);
    let down = rect(180.0, 208.0, 40.0, 16.0);
    let speck = |x, y| rect(x, y, 2.0, 2.0);
    for (gap, others, titles, names, leaders, out, why) in [
        (
            Gap::Right,
            vec![],
            vec![],
            vec![],
            vec![],
            true,
            "nothing in the way",
        ),
        (
            Gap::Down,
            vec![],
            vec![],
            vec![],
            vec![],
            true,
            "nothing in the way down",
        ),
        (
            Gap::Right,
            vec![],
            vec![],
            vec![],
            vec![[[230.0, 146.0], [230.0, 154.0]]],
            false,
            "another leader across it",
        ),
        (
            Gap::Right,
            vec![],
            vec![],
            vec![speck(230.0, 149.0)],
            vec![],
            false,
            "a label on it",
        ),
        (
            Gap::Down,
            vec![],
            vec![],
            vec![speck(199.0, 180.0)],
            vec![],
            false,
            "a label on it down",
        ),
        (
            Gap::Right,
            vec![],
            vec![speck(230.0, 149.0)],
            vec![],
            vec![],
            false,
            "a title on it",
        ),
        // The mark's radius and a pixel: 9 px off the line is clear.
        (
            Gap::Right,
            vec![[231.5, 141.0]],
            vec![],
            vec![],
            vec![],
            true,
            "a dot 9 px off it",
        ),
        (
            Gap::Right,
            vec![[231.5, 141.5]],
            vec![],
            vec![],
            vec![],
            false,
            "a dot 8.5 px off it",
        ),
        (
            Gap::Right,
            vec![[200.25, 150.0]],
            vec![],
            vec![],
            vec![],
            true,
            "a dot on the same spot",
        ),
    ] {
        let expected = if gap == Gap::Right { right } else { down };
        let found = out_through(gap, &others, &titles, &names, &leaders);
        let through = found.is_some_and(|(r, _)| close_rect(&r, &expected));
        assert_eq!(through, out, "{why}: {found:?}");
    }
}

#[test]
fn a_name_with_a_leader_stands_more_than_12_px_from_other_dots() {
    // Out to the right the name's right edge is at x 298: a dot 12 px past
    // it could be read as the name's, one 12.5 px past it not.
    let right = rect(258.0, 142.0, 40.0, 16.0);
    for (x, out, why) in [(310.0, false, "12 px past"), (310.5, true, "12.5 px past")] {
        let found = out_through(Gap::Right, &[[x, 150.0]], &[], &[], &[]);
        let through = found.is_some_and(|(r, _)| close_rect(&r, &right));
        assert_eq!(through, out, "a dot {why}: {found:?}");
    }
}
