//! What keeps a place free: inside the plot, off titles and kept leaders,
//! away from other dots, with a leader that crosses nothing. Names are
//! 60x16 beside a dot in `with_placer`'s plot (10 px off its centre), or
//! 40x16 out of `leaders.rs`' tiles through the gap on the right.

use super::*;

fn close(a: &ScreenRect, b: &ScreenRect) -> bool {
    [(a.x, b.x), (a.y, b.y), (a.w, b.w), (a.h, b.h)]
        .iter()
        .all(|(p, q)| (p - q).abs() < 1e-9)
}

/// The dot's name 60x16 placed beside it among `names`, `leaders` (kept
/// with labels far away) and `titles`, into `home`.
fn beside(
    dots: &[[f64; 2]],
    names: &[ScreenRect],
    leaders: &[[[f64; 2]; 2]],
    titles: &[ScreenRect],
    home: Option<&ScreenRect>,
) -> Option<(ScreenRect, Option<[[f64; 2]; 2]>)> {
    with_placer(dots, titles, |placer| {
        keep_all(placer, names, leaders);
        placer.place(&[0], [60.0, 16.0], home, 64.0)
    })
}

#[test]
fn a_name_beside_a_dot_may_touch_the_plots_edge_but_not_cross_it() {
    // The place towards each edge, as the label's home: from a dot 70 or
    // 26 px off the edge it touches the edge, from one a pixel nearer it
    // would cross it.
    for (dot, place, nearer, why) in [
        ([70.0, 150.0], [0.0, 142.0], [-1.0, 0.0], "left"),
        ([200.0, 26.0], [170.0, 0.0], [0.0, -1.0], "top"),
        ([330.0, 150.0], [340.0, 142.0], [1.0, 0.0], "right"),
        ([200.0, 274.0], [170.0, 284.0], [0.0, 1.0], "bottom"),
    ] {
        let home = rect(place[0], place[1], 60.0, 16.0);
        let (placed, _) = beside(&[dot], &[], &[], &[], Some(&home)).expect("room in the plot");
        assert!(close(&placed, &home), "{why}, touching: {placed:?}");
        let dot = [dot[0] + nearer[0], dot[1] + nearer[1]];
        let home = rect(place[0] + nearer[0], place[1] + nearer[1], 60.0, 16.0);
        let (placed, _) = beside(&[dot], &[], &[], &[], Some(&home)).expect("room in the plot");
        assert!(
            placed.x >= 0.0
                && placed.y >= 0.0
                && placed.x + placed.w <= 400.0
                && placed.y + placed.h <= 300.0,
            "{why}, a pixel nearer: {placed:?} stays in the plot"
        );
    }
}

#[test]
fn a_name_keeps_off_a_title_it_would_overlap_but_may_touch_it() {
    let dots = [[200.0, 150.0]];
    let right = rect(210.0, 142.0, 60.0, 16.0);
    let left = rect(130.0, 142.0, 60.0, 16.0);
    for (title_x, expected, why) in [
        (270.0, right, "a title touching the right place"),
        (269.5, left, "a title half a pixel into it"),
    ] {
        let title = rect(title_x, 142.0, 40.0, 16.0);
        let (placed, _) = beside(&dots, &[], &[], &[title], None).expect("room beside the dot");
        assert!(close(&placed, &expected), "{why}: {placed:?}");
    }
}

#[test]
fn a_name_keeps_a_pixel_off_a_kept_leader() {
    // A leader up and down through the right place, or 2 px past its end.
    let dots = [[200.0, 150.0]];
    let right = rect(210.0, 142.0, 60.0, 16.0);
    let left = rect(130.0, 142.0, 60.0, 16.0);
    for (x, expected, why) in [
        (240.0, left, "a leader through the right place"),
        (272.0, right, "a leader 2 px past it"),
    ] {
        let leader = [[x, 100.0], [x, 200.0]];
        let (placed, _) = beside(&dots, &[], &[leader], &[], None).expect("room beside the dot");
        assert!(close(&placed, &expected), "{why}: {placed:?}");
    }
}

#[test]
fn a_dot_on_the_same_spot_keeps_no_name_off() {
    // Another dot a quarter pixel from the labelled one: it is no other
    // dot a place beside, a place anywhere or a leader could be read as
    // labelling.
    let dots = [[200.0, 150.0], [200.25, 150.0]];
    let (placed, leader) = beside(&dots, &[], &[], &[], None).expect("room beside the dot");
    assert!(
        close(&placed, &rect(210.0, 142.0, 60.0, 16.0)) && leader.is_none(),
        "right of the dots: {placed:?}"
    );
    let (found, leader) = with_placer(&dots, &[], |placer| placer.anywhere(&[0], [40.0, 16.0]))
        .expect("an empty plot has room");
    assert!(
        close(&found, &rect(152.0, 128.0, 40.0, 16.0)) && leader.is_some(),
        "anywhere, 10 px up and left: {found:?}"
    );
}

#[test]
fn anywhere_a_place_exactly_9_px_off_the_dot_is_clear_of_its_mark() {
    // The mark's radius (8) and a pixel: scanned in steps of 8 px, the
    // place just below a dot at (200, 151) is 9 px off and the nearest.
    let (found, leader) = with_placer(&[[200.0, 151.0]], &[], |placer| {
        placer.anywhere(&[0], [40.0, 16.0])
    })
    .expect("an empty plot has room");
    assert!(
        close(&found, &rect(160.0, 160.0, 40.0, 16.0)),
        "9 px below: {found:?}"
    );
    assert!(
        leader.is_some_and(|[a, b]| (a[1] - 156.0).abs() < 1e-9 && (b[1] - 160.0).abs() < 1e-9),
        "from the dot's edge down: {leader:?}"
    );
}

#[test]
fn a_dot_just_under_12_px_below_a_place_keeps_the_name_off_it() {
    // The place below a dot at (200, 176) ends at y 202; another dot 11 px
    // further down could be read as the name's. (The two are in different
    // rows of the grid the dots are looked up in, 32 px high.)
    let home = rect(170.0, 186.0, 60.0, 16.0);
    for (other, expected, why) in [
        (213.0, rect(210.0, 168.0, 60.0, 16.0), "11 px below: right"),
        (215.0, home, "13 px below: below, in its home"),
    ] {
        let dots = [[200.0, 176.0], [200.0, other]];
        let (placed, _) = beside(&dots, &[], &[], &[], Some(&home)).expect("room beside the dot");
        assert!(close(&placed, &expected), "{why}: {placed:?}");
    }
}
