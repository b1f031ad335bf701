//! Where the placer puts a label: beside its dot in the first of sixteen
//! places that is free and in its home, else with a leader. The plot is
//! `with_placer`'s: 400x300, marks of radius 8, so a label stands 10 px
//! off its dot's centre (7.07 each way on the diagonals).

use super::*;

fn close(a: &ScreenRect, b: &ScreenRect) -> bool {
    [(a.x, b.x), (a.y, b.y), (a.w, b.w), (a.h, b.h)]
        .iter()
        .all(|(p, q)| (p - q).abs() < 1e-9)
}

#[test]
fn each_of_the_sixteen_places_beside_a_dot_is_taken_when_it_alone_is_in_the_labels_home() {
    // A name 60 wide by a dot at (200, 150): right, left, the four
    // corners, above, below, then the sides shifted up and down, and
    // above and below shifted right and left.
    let d = 10.0 * std::f64::consts::FRAC_1_SQRT_2;
    let beside = [
        (210.0, 142.0),
        (130.0, 142.0),
        (200.0 + d, 150.0 - d - 16.0),
        (200.0 + d, 150.0 + d),
        (200.0 - d - 60.0, 150.0 - d - 16.0),
        (200.0 - d - 60.0, 150.0 + d),
        (170.0, 124.0),
        (170.0, 160.0),
        (210.0, 136.0),
        (210.0, 148.0),
        (130.0, 136.0),
        (130.0, 148.0),
        (196.0, 124.0),
        (144.0, 124.0),
        (196.0, 160.0),
        (144.0, 160.0),
    ];
    let dots = [[200.0, 150.0]];
    for (k, (x, y)) in beside.into_iter().enumerate() {
        let home = rect(x, y, 60.0, 16.0);
        let placed = with_placer(&dots, &[], |placer| {
            placer.place(&[0], [60.0, 16.0], Some(&home), 64.0)
        });
        let (placed, leader) = placed.expect("a free plot has room");
        assert!(close(&placed, &home), "place {k}: {placed:?}, not {home:?}");
        assert!(leader.is_none(), "place {k} is beside the dot");
    }
    // A home none of them is in: the first, right of the dot.
    let elsewhere = rect(0.0, 0.0, 100.0, 100.0);
    let placed = with_placer(&dots, &[], |placer| {
        placer.place(&[0], [60.0, 16.0], Some(&elsewhere), 64.0)
    });
    let (placed, leader) = placed.expect("a free plot has room");
    assert!(
        close(&placed, &rect(210.0, 142.0, 60.0, 16.0)) && leader.is_none(),
        "right of the dot: {placed:?}"
    );
}

#[test]
fn a_name_skips_places_taken_by_another_label_or_nearly_as_near_another_dot() {
    let right = rect(210.0, 142.0, 60.0, 16.0);
    let left = rect(130.0, 142.0, 60.0, 16.0);
    let place = |dots: &[[f64; 2]], taken: Option<ScreenRect>| {
        with_placer(dots, &[], |placer| {
            if let Some(taken) = taken {
                placer.keep(taken, None);
            }
            placer.place(&[0], [60.0, 16.0], None, 64.0)
        })
        .expect("room beside the dot")
        .0
    };
    let own = [200.0, 150.0];
    for (dots, taken, expected, why) in [
        (vec![own], None, right, "right of the dot when free"),
        (
            vec![own],
            Some(rect(270.5, 142.0, 40.0, 16.0)),
            left,
            "another label half a pixel on",
        ),
        (
            vec![own],
            Some(rect(271.0, 142.0, 40.0, 16.0)),
            right,
            "another label a pixel on",
        ),
        (
            vec![own],
            Some(rect(210.0, 158.5, 60.0, 16.0)),
            left,
            "another label half a pixel below",
        ),
        (
            vec![own],
            Some(rect(210.0, 159.0, 60.0, 16.0)),
            right,
            "another label a pixel below",
        ),
        // The right place is 10 px from its own dot: a dot within 12 of it
        // could be read as the name's; one 13 away is allowed, but a place
        // with no dot within a dot's width (10 px) more is taken first; one
        // 21 away leaves the right place unmistakable.
        (vec![own, [282.0, 150.0]], None, left, "a dot 12 px past it"),
        (
            vec![own, [283.0, 150.0]],
            None,
            left,
            "a dot 13 px past it: left, unmistakable",
        ),
        (
            vec![own, [290.0, 150.0]],
            None,
            left,
            "a dot 20 px past it: left, unmistakable",
        ),
        (
            vec![own, [291.0, 150.0]],
            None,
            right,
            "a dot 21 px past it",
        ),
    ] {
        let found = place(&dots, taken);
        assert!(close(&found, &expected), "{why}: {found:?}");
    }
}
