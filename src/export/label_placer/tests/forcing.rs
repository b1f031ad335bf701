//! Names forced beside their dot when no place keeps the rules: of the
//! eight sides, the first that covers least. The dot stands at (200, 150)
//! in `with_placer`'s plot and the name is 60x16, so a side stands 10 px
//! off the dot's centre.

use super::*;

/// The dot every test here labels.
const DOT: [f64; 2] = [200.0, 150.0];

/// The eight sides in the order `force` tries them: right, left, above,
/// below, then the corners (above right, below right, above left, below
/// left). Each with a 4 px tile inside it that covers no other side.
const SIDES: [([f64; 2], [f64; 2]); 8] = [
    ([210.0, 142.0], [240.0, 148.0]),
    ([130.0, 142.0], [150.0, 148.0]),
    ([170.0, 124.0], [198.0, 130.0]),
    ([170.0, 160.0], [198.0, 166.0]),
    ([210.0, 124.0], [250.0, 130.0]),
    ([210.0, 160.0], [250.0, 166.0]),
    ([130.0, 124.0], [140.0, 130.0]),
    ([130.0, 160.0], [140.0, 166.0]),
];

fn close(a: &ScreenRect, b: &ScreenRect) -> bool {
    [(a.x, b.x), (a.y, b.y), (a.w, b.w), (a.h, b.h)]
        .iter()
        .all(|(p, q)| (p - q).abs() < 1e-9)
}

fn side(k: usize) -> ScreenRect {
    let [x, y] = SIDES[k].0;
    rect(x, y, 60.0, 16.0)
}

fn tile(k: usize) -> ScreenRect {
    let [x, y] = SIDES[k].1;
    rect(x, y, 4.0, 4.0)
}

/// `DOT`'s name forced among `names` (kept as labels) and `titles`.
fn forced(names: &[ScreenRect], titles: &[ScreenRect]) -> (ScreenRect, Option<[[f64; 2]; 2]>) {
    with_placer(&[DOT], titles, |placer| {
        for name in names {
            placer.keep(*name, None);
        }
        placer.force(&[0], [60.0, 16.0], None)
    })
}

#[test]
fn each_tile_covers_its_own_side_alone() {
    for k in 0..8 {
        for j in 0..8 {
            let covered = side(j).overlap(&tile(k)) > 0.0;
            assert_eq!(covered, j == k, "tile {k} over side {j}");
        }
    }
}

#[test]
fn a_forced_name_takes_the_first_of_the_eight_sides_that_covers_nothing() {
    for k in 0..8 {
        let taken: Vec<ScreenRect> = (0..k).map(tile).collect();
        let (placed, leader) = forced(&taken, &[]);
        assert!(leader.is_none(), "side {k}: forced names have no leader");
        assert!(
            close(&placed, &side(k)),
            "sides before {k} covered: {placed:?}, not {:?}",
            side(k)
        );
    }
}

#[test]
fn a_forced_name_takes_the_side_covering_least_and_the_first_of_equals() {
    // Every side covers a tile: the first, right.
    let all: Vec<ScreenRect> = (0..8).map(tile).collect();
    let (placed, _) = forced(&all, &[]);
    assert!(close(&placed, &side(0)), "all alike: right, {placed:?}");
    // Every side but one covers two tiles: that one.
    for k in 0..8 {
        let mut names = all.clone();
        for j in (0..8).filter(|&j| j != k) {
            let [x, y] = SIDES[j].1;
            names.push(rect(x + 1.0, y + 4.5, 4.0, 4.0));
        }
        let (placed, _) = forced(&names, &[]);
        assert!(
            close(&placed, &side(k)),
            "side {k} covers least: {placed:?}"
        );
    }
}

#[test]
fn a_hidden_title_weighs_a_quarter_of_a_covered_name() {
    // Every side but the right covers a name of 16 px square; the right
    // covers 40 or 80 px square of a title, weighed as 10 or 20.
    let names: Vec<ScreenRect> = (1..8).map(tile).collect();
    for (title_width, expected, why) in [
        (10.0, 0, "a quarter of 40 is less than 16: right"),
        (20.0, 1, "a quarter of 80 is more than 16: left"),
    ] {
        let title = rect(240.0, 148.0, title_width, 4.0);
        let (placed, _) = forced(&names, &[title]);
        assert!(close(&placed, &side(expected)), "{why}: {placed:?}");
    }
}

#[test]
fn another_dot_covered_weighs_as_much_as_a_name_16_px_square() {
    // The right side covers another dot, or ends 8 px short of it (not
    // covering it); the left covers a name of 15 or 17 by 16 px; every
    // other side far more.
    let walls = [
        rect(120.0, 115.0, 85.0, 26.0),
        rect(120.0, 159.0, 85.0, 26.0),
        rect(215.0, 126.0, 50.0, 12.0),
        rect(215.0, 162.0, 50.0, 12.0),
    ];
    for (other, width, expected, why) in [
        (
            240.0,
            15.0,
            1,
            "a name of 240 px square rather than a dot: left",
        ),
        (
            240.0,
            17.0,
            0,
            "a dot rather than a name of 272 px square: right",
        ),
        (278.0, 15.0, 0, "a dot 8 px off is not covered: right"),
    ] {
        let mut names = walls.to_vec();
        names.push(rect(150.0, 142.0, width, 16.0));
        let (placed, _) = with_placer(&[DOT, [other, 150.0]], &[], |placer| {
            for name in &names {
                placer.keep(*name, None);
            }
            placer.force(&[0], [60.0, 16.0], None)
        });
        assert!(close(&placed, &side(expected)), "{why}: {placed:?}");
    }
}
