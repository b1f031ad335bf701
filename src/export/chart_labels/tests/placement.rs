//! Tests of placement steered by obstacles: slots and leader lanes left
//! free by "quadrant titles", so each rule of `names`, `numbers` and
//! `callout` decides one exact place.

use super::*;

#[test]
fn a_name_without_room_whole_stands_shortened_beside_its_dot() {
    // Quadrant titles all around leave a slot 139 px wide right of the
    // dot: too narrow for the whole name (188 px with padding), room for
    // it cut to three quarters of its width (18 letters and the ellipsis).
    let geometry = chart(&[("Customer onboarding portal", [5, 5, 5, 1])]);
    let slot = rect(50.0, 22.0, 139.0, 16.0);
    let titles = [
        rect(0.0, 0.0, 400.0, 22.0),
        rect(0.0, 38.0, 400.0, 262.0),
        rect(0.0, 22.0, 50.0, 16.0),
        rect(189.0, 22.0, 211.0, 16.0),
    ];
    let labels = lay_out(&geometry, LabelMode::Names, None, 200.0, &titles);
    assert_eq!(labels.left_out, 0, "the shortened name found its place");
    assert_eq!(labels.labels, [Some(beside("Customer onboardin…", slot))]);

    // A slot of 97 px takes the name cut to half its width.
    let titles = [
        titles[0],
        titles[1],
        titles[2],
        rect(147.0, 22.0, 253.0, 16.0),
    ];
    let labels = lay_out(&geometry, LabelMode::Names, None, 200.0, &titles);
    assert_eq!(
        labels.labels,
        [Some(beside("Customer onb…", rect(50.0, 22.0, 97.0, 16.0)))]
    );
}

#[test]
fn a_name_that_found_no_room_is_placed_first_in_the_next_try() {
    // Two dots 80 px apart at the top of the plot, titles all around but
    // for a strip from x 0 to 110 at their height. "Ab" placed first takes
    // the room right of its dot that is the only place for "Bcdefgh"; put
    // first in a second try, "Bcdefgh" has it and "Ab" stands left of its
    // dot instead.
    let geometry = chart(&[("Ab", [5, 5, 5, 1]), ("Bcdefgh", [5, 5, 5, 2])]);
    let titles = [
        rect(0.0, 0.0, 400.0, 22.0),
        rect(0.0, 38.0, 400.0, 262.0),
        rect(110.0, 22.0, 290.0, 16.0),
    ];
    let labels = lay_out(&geometry, LabelMode::Names, None, 200.0, &titles);
    assert_eq!(labels.left_out, 0, "both names placed");
    assert_eq!(
        labels.labels,
        [
            Some(beside("Ab", rect(10.0, 22.0, 20.0, 16.0))),
            Some(beside("Bcdefgh", rect(55.0, 22.0, 55.0, 16.0)))
        ]
    );
}

#[test]
fn a_name_with_no_room_beside_its_dot_takes_a_leader_up_to_four_lines_long() {
    // Titles above and below the dot at x 40, y 30, and two strips right
    // of it up to x 110 that leave the leader a 2 px lane at the dot's
    // height: the first free place is 60 px (five steps of 12) further
    // out, within a leader of four lines (64 px).
    let geometry = chart(&[("Billing", [5, 5, 5, 1])]);
    let titles = [
        rect(0.0, 0.0, 400.0, 22.0),
        rect(0.0, 38.0, 400.0, 262.0),
        rect(0.0, 22.0, 30.0, 16.0),
        rect(50.0, 22.0, 60.0, 7.0),
        rect(50.0, 31.0, 60.0, 7.0),
        rect(165.0, 22.0, 235.0, 16.0),
    ];
    let labels = lay_out(&geometry, LabelMode::Names, None, 200.0, &titles);
    assert_eq!(
        labels.labels,
        [Some(PlacedText {
            text: "Billing".to_owned(),
            rect: rect(110.0, 22.0, 55.0, 16.0),
            leader: Some([[45.0, 30.0], [110.0, 30.0]]),
        })],
        "a leader from the dot's edge to the box"
    );
}

#[test]
fn a_name_is_not_cut_to_eight_characters_or_fewer_to_make_it_fit() {
    // A slot right of the dot 62 px wide: room for seven letters and the
    // ellipsis (8 characters, 56 px, and padding), no more.
    let slot = |w: f64| {
        [
            rect(0.0, 0.0, 400.0, 22.0),
            rect(0.0, 38.0, 400.0, 262.0),
            rect(0.0, 22.0, 50.0, 16.0),
            rect(50.0 + w, 22.0, 350.0 - w, 16.0),
        ]
    };
    // Cut to half its width, a name of 16 characters keeps 8: too few.
    let geometry = chart(&[("Reconciliation X", [5, 5, 5, 1])]);
    let labels = lay_out(&geometry, LabelMode::Names, None, 200.0, &slot(62.0));
    assert_eq!(labels.labels, [None], "no name of eight characters");
    assert_eq!(labels.left_out, 1, "left out and counted");
    // One of 18 keeps 9 in a slot 69 px wide.
    let geometry = chart(&[("Reconciliation XYZ", [5, 5, 5, 1])]);
    let labels = lay_out(&geometry, LabelMode::Names, None, 200.0, &slot(69.0));
    assert_eq!(
        labels.labels,
        [Some(beside("Reconcil…", rect(50.0, 22.0, 69.0, 16.0)))],
        "nine characters still say which capability it is"
    );
}

#[test]
fn automatic_names_give_up_at_the_first_try_where_more_than_eight_find_no_place() {
    let geometry = crowded(200);
    let to_screen = |x: f64, y: f64| [(x - 0.5) * 80.0, 300.0 - (y - 0.5) * 60.0];
    let measure = |text: &str| 7.0 * text.chars().count() as f64;
    let scene = LabelScene {
        area: rect(0.0, 0.0, 400.0, 300.0),
        obstacles: &[],
        to_screen: &to_screen,
        dot_radius: 5.0,
        mark_radius: 8.0,
        line_height: 16.0,
        max_name_width: 200.0,
        padding: 2.0,
        measure: &measure,
    };
    let dots: Vec<[f64; 2]> = geometry
        .points
        .iter()
        .map(|p| to_screen(p.differentiation, p.pull))
        .collect();
    let labels = names(&geometry, dots, vec![], &scene, Some(AUTOMATIC));
    assert_eq!(
        labels.left_out,
        HOPELESS + 1,
        "the ninth name without a place ends the try, and no other is tried"
    );
}

#[test]
fn when_two_names_want_the_one_place_the_first_try_keeps_it() {
    // As above, but "Abcdef" has no room left of its dot either: each try
    // places one of the two names, and the first try's layout is kept.
    let geometry = chart(&[("Abcdef", [5, 5, 5, 1]), ("Bcdefgh", [5, 5, 5, 2])]);
    let titles = [
        rect(0.0, 0.0, 400.0, 22.0),
        rect(0.0, 38.0, 400.0, 262.0),
        rect(110.0, 22.0, 290.0, 16.0),
    ];
    let labels = lay_out(&geometry, LabelMode::Names, None, 200.0, &titles);
    assert_eq!(labels.left_out, 1, "one name has no place");
    assert_eq!(
        labels.labels,
        [Some(beside("Abcdef", rect(50.0, 22.0, 48.0, 16.0))), None],
        "the first in order keeps the place"
    );
}

#[test]
fn names_of_crowded_dots_are_placed_before_those_of_dots_alone() {
    // "Pqrstu" at x 40, y 30 has a neighbour 40 px below it ("Qrstuv");
    // "Lmnopq" at x 120 has none within three lines (48 px). Both names
    // want the room between the two dots at their height; the crowded
    // dot's name is placed first and gets it, though it comes later in
    // the portfolio, and "Lmnopq" goes below its dot.
    let geometry = chart(&[
        ("Lmnopq", [5, 5, 5, 2]),
        ("Pqrstu", [5, 5, 5, 1]),
        ("Qrstuv", [5, 4, 4, 1]),
    ]);
    let titles = [rect(0.0, 0.0, 400.0, 22.0), rect(130.0, 22.0, 270.0, 16.0)];
    let labels = lay_out(&geometry, LabelMode::Names, None, 200.0, &titles);
    assert_eq!(
        labels.labels[..2],
        [
            Some(beside("Lmnopq", rect(96.0, 40.0, 48.0, 16.0))),
            Some(beside("Pqrstu", rect(50.0, 22.0, 48.0, 16.0))),
        ]
    );
    assert_eq!(labels.left_out, 0, "\"Qrstuv\" stands right of its dot");
}

#[test]
fn a_number_with_no_room_within_five_lines_takes_a_leader_up_to_twelve() {
    // As for the name with a leader, but the strips reach x 134: the first
    // free place is 84 px (seven steps of 12) out, past five lines (80
    // px) and within twelve.
    let geometry = chart(&[("Billing", [5, 5, 5, 1])]);
    let titles = [
        rect(0.0, 0.0, 400.0, 22.0),
        rect(0.0, 38.0, 400.0, 262.0),
        rect(0.0, 22.0, 30.0, 16.0),
        rect(50.0, 22.0, 84.0, 7.0),
        rect(50.0, 31.0, 84.0, 7.0),
        rect(147.0, 22.0, 253.0, 16.0),
    ];
    let labels = lay_out(&geometry, LabelMode::Numbers, None, 200.0, &titles);
    assert_eq!(
        labels.labels,
        [Some(PlacedText {
            text: "1".to_owned(),
            rect: rect(134.0, 22.0, 13.0, 16.0),
            leader: Some([[45.0, 30.0], [134.0, 30.0]]),
        })]
    );
}

#[test]
fn a_callout_with_no_room_beside_the_dot_takes_a_leader_up_to_six_lines() {
    // "Billing" shortened to "Bil…" stands right of its dot at x 120;
    // left of it, strips from x 74 to 110 leave the leader a lane at the
    // dot's height, and the first free place for the full name is 36 px
    // (three steps of 12) out: within six lines, not beside the dot.
    let geometry = chart(&[("Billing", [5, 5, 5, 2])]);
    let titles = [
        rect(0.0, 0.0, 400.0, 22.0),
        // 1 px lower than elsewhere: a place found leftwards is a hair
        // (sin π) below the lane's height.
        rect(0.0, 39.0, 400.0, 261.0),
        rect(74.0, 22.0, 36.0, 7.0),
        rect(74.0, 31.0, 36.0, 7.0),
        rect(164.0, 22.0, 236.0, 16.0),
    ];
    let labels = lay_out(&geometry, LabelMode::Names, Some(0), 28.0, &titles);
    assert_eq!(
        labels.labels,
        [Some(beside("Bil…", rect(130.0, 22.0, 34.0, 16.0)))]
    );
    let (i, callout) = labels.callout.expect("the selected name is called out");
    assert_eq!((i, callout.text.as_str()), (0, "Billing"));
    let ScreenRect { x, y, w, h } = callout.rect;
    assert!(
        (x - 19.0).abs() < 1e-9 && (y - 22.0).abs() < 1e-9 && (w, h) == (55.0, 16.0),
        "three steps left of the dot: {:?}",
        callout.rect
    );
    let [start, end] = callout.leader.expect("a leader to the dot");
    assert!(
        (start[0] - 115.0).abs() < 1e-9 && (end[0] - 74.0).abs() < 1e-9,
        "from the dot's edge to the box: {start:?} to {end:?}"
    );
}
