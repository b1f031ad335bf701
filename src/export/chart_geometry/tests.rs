//! Tests of `chart_geometry.rs`, kept apart so the file stays under 600 lines.

use super::*;
use crate::model::{Capability, Score};

fn capability(id: &str, scores: [u8; 4]) -> Capability {
    let mut c = Capability::new(id, id.to_uppercase());
    c.scores.reuse = Score::new(scores[0]);
    c.scores.cost = Score::new(scores[1]);
    c.scores.risk = Score::new(scores[2]);
    c.scores.differentiation = Score::new(scores[3]);
    c
}

fn today() -> Date {
    Date::from_ymd(2026, 11, 27).unwrap()
}

#[test]
fn the_legend_lists_the_marks_this_chart_uses_in_one_order() {
    let mut portfolio = Portfolio::new("p");
    portfolio
        .capabilities
        .push(capability("a", [5, 5, 5, 1]).into());
    portfolio
        .capabilities
        .push(capability("b", [5, 5, 5, 1]).into());
    let chart = ChartGeometry::new(&portfolio, today());
    let zones = Zone::ALL.len();
    let marks = chart.legend(|_| true);
    assert_eq!(marks[0], LegendMark::Zone(Zone::Commodity));
    assert_eq!(
        marks[zones..],
        [
            LegendMark::Decided,
            LegendMark::Undecided,
            LegendMark::Shared
        ],
        "two dots on one spot, no conflict, overdue exception or votes"
    );
    assert_eq!(LegendMark::Shared.text(), "same scores");
}

#[test]
fn scored_capabilities_are_points_and_the_rest_are_to_score() {
    let mut portfolio = Portfolio::new("p");
    portfolio
        .capabilities
        .push(capability("a", [5, 5, 5, 1]).into());
    let mut partial = capability("b", [5, 5, 5, 1]);
    partial.scores.cost = None;
    portfolio.capabilities.push(partial.into());
    let chart = ChartGeometry::new(&portfolio, today());
    assert_eq!(chart.points.len(), 1);
    assert_eq!(
        (chart.points[0].differentiation, chart.points[0].pull),
        (1.0, 5.0)
    );
    let to_score: Vec<_> = chart
        .to_score
        .iter()
        .map(|c| (c.id.as_str(), c.name.as_str()))
        .collect();
    assert_eq!(to_score, [("b", "B")], "b has a score missing");
}

#[test]
fn moves_since_a_baseline_are_matched_by_id() {
    let mut old = Portfolio::new("q3");
    old.capabilities = vec![capability("a", [1, 1, 1, 5]), capability("b", [3, 3, 3, 3])]
        .into_iter()
        .map(std::sync::Arc::new)
        .collect();
    let mut new = Portfolio::new("q4");
    new.capabilities = vec![
        capability("a", [5, 5, 5, 1]),
        capability("b", [3, 3, 3, 3]),
        capability("c", [2, 2, 2, 2]),
    ]
    .into_iter()
    .map(std::sync::Arc::new)
    .collect();
    let moves = ChartGeometry::new(&new, today()).moves_from(&old);
    assert_eq!(
        moves,
        vec![ChartMove {
            id: "a".into(),
            from: [5.0, 1.0],
            to: [1.0, 5.0]
        }]
    );
    // With last quarter open and the later one compared with, the
    // arrow still runs from the earlier position to the later.
    let later = Comparison {
        other: &new,
        other_is_later: true,
    };
    let moves = ChartGeometry::new(&old, today()).moves(later);
    assert_eq!(
        moves,
        vec![ChartMove {
            id: "a".into(),
            from: [5.0, 1.0],
            to: [1.0, 5.0]
        }]
    );
}

#[test]
fn numbers_run_quadrant_by_quadrant_then_down_and_across_the_chart() {
    let mut portfolio = Portfolio::new("p");
    let mut add = |id: &str, zone: Zone, scores: [u8; 4]| {
        let mut c = capability(id, scores);
        c.zone = zone;
        portfolio.capabilities.push(c.into());
    };
    add("operate", Zone::Differentiator, [1, 1, 1, 5]);
    add("orch-regulated", Zone::RegulatedControl, [5, 5, 5, 1]);
    add("rationalize", Zone::Commodity, [1, 1, 1, 1]);
    add("orch-commodity", Zone::Commodity, [5, 5, 5, 1]);
    add("hybrid", Zone::Commodity, [5, 5, 5, 5]);
    add("orch-commodity-2", Zone::Commodity, [4, 4, 4, 2]);
    add("orch-unplaced", Zone::Unplaced, [5, 5, 5, 1]);
    let chart = ChartGeometry::new(&portfolio, today());
    let by_number = |n: usize| {
        chart
            .points
            .iter()
            .find(|p| p.number == n)
            .map(ChartPoint::id)
    };
    let order: Vec<_> = (1..=7).filter_map(by_number).collect();
    assert_eq!(
        order,
        [
            // The top of Orchestrate, on one spot in board order.
            "orch-unplaced",
            "orch-commodity",
            "orch-regulated",
            "orch-commodity-2",
            "hybrid",
            "rationalize",
            "operate"
        ]
    );
    let index = chart.index();
    let quadrants: Vec<Recommendation> = index.iter().map(|(r, _)| *r).collect();
    assert_eq!(quadrants, READING_ORDER);
    assert_eq!(index[0].1.len(), 4);
}

#[test]
fn capabilities_with_equal_scores_share_one_spot_and_know_how_many() {
    let mut portfolio = Portfolio::new("p");
    for id in ["a", "b", "c"] {
        portfolio
            .capabilities
            .push(capability(id, [3, 3, 3, 3]).into());
    }
    portfolio
        .capabilities
        .push(capability("alone", [1, 1, 1, 1]).into());
    let chart = ChartGeometry::new(&portfolio, today());
    assert_eq!(chart.shared_spots(), vec![([3.0, 3.0], 3)]);
    let shared: Vec<usize> = chart.points.iter().map(|p| p.shared_with).collect();
    assert_eq!(shared, [3, 3, 3, 1]);
}

/// The legend's marks after the zones' colours and decided or not.
fn optional_marks(chart: &ChartGeometry, spread_drawn: bool) -> Vec<LegendMark> {
    chart.legend(|_| spread_drawn)[Zone::ALL.len() + 2..].to_vec()
}

#[test]
fn a_chart_where_every_dot_stands_alone_lists_no_same_scores_mark() {
    let mut portfolio = Portfolio::new("p");
    portfolio
        .capabilities
        .push(capability("a", [5, 5, 5, 1]).into());
    portfolio
        .capabilities
        .push(capability("b", [1, 1, 1, 5]).into());
    let chart = ChartGeometry::new(&portfolio, today());
    assert_eq!(
        chart.legend(|_| true),
        [
            LegendMark::Zone(Zone::Commodity),
            LegendMark::Zone(Zone::Differentiator),
            LegendMark::Zone(Zone::RegulatedControl),
            LegendMark::Zone(Zone::Unplaced),
            LegendMark::Decided,
            LegendMark::Undecided,
        ],
        "two dots on spots of their own: no halo to explain"
    );
}

#[test]
fn a_vote_spread_in_either_question_alone_is_listed_when_it_is_drawn() {
    let mut portfolio = Portfolio::new("p");
    portfolio
        .capabilities
        .push(capability("a", [5, 5, 5, 1]).into());
    let mut chart = ChartGeometry::new(&portfolio, today());
    assert_eq!(optional_marks(&chart, true), [], "no votes revealed");

    chart.points[0].differentiation_spread = Some((1.0, 3.0));
    assert_eq!(
        optional_marks(&chart, true),
        [LegendMark::Spread],
        "differentiation votes spread, pull votes not revealed"
    );
    assert_eq!(
        optional_marks(&chart, false),
        [],
        "a spread not drawn needs no legend"
    );

    chart.points[0].differentiation_spread = None;
    chart.points[0].pull_spread = Some((2.0, 4.5));
    assert_eq!(
        optional_marks(&chart, true),
        [LegendMark::Spread],
        "pull votes spread, differentiation votes not revealed"
    );
}

#[test]
fn numbers_follow_the_exact_pull_then_differentiation_whatever_the_board_order() {
    // Equal weights: pulls of 4, 4 1/3 and 4 2/3 lie within a whole point,
    // and the numbering must still read the higher dot first; on one
    // height, the dot further left first even when it comes later.
    let mut portfolio = Portfolio::new("p");
    for (id, scores) in [
        ("lower", [4, 4, 4, 1]),
        ("right", [5, 4, 4, 2]),
        ("higher", [5, 5, 4, 1]),
        ("left", [5, 4, 4, 1]),
    ] {
        portfolio.capabilities.push(capability(id, scores).into());
    }
    let chart = ChartGeometry::new(&portfolio, today());
    let pulls: Vec<f64> = chart.points.iter().map(|p| p.pull).collect();
    assert_eq!(pulls, [4.0, 13.0 / 3.0, 14.0 / 3.0, 13.0 / 3.0]);
    let by_number: Vec<&str> = (1..=4)
        .filter_map(|n| chart.points.iter().find(|p| p.number == n))
        .map(ChartPoint::id)
        .collect();
    assert_eq!(
        by_number,
        ["higher", "left", "right", "lower"],
        "top to bottom by the exact pull, then left to right"
    );
}

#[test]
fn spots_that_share_only_one_coordinate_are_listed_apart() {
    let mut portfolio = Portfolio::new("p");
    for (id, scores) in [
        ("a1", [5, 5, 5, 1]),
        ("a2", [5, 5, 5, 1]),
        ("below-1", [4, 4, 4, 1]),
        ("below-2", [4, 4, 4, 1]),
        ("beside-1", [5, 5, 5, 2]),
        ("beside-2", [5, 5, 5, 2]),
        ("beside-3", [5, 5, 5, 2]),
    ] {
        portfolio.capabilities.push(capability(id, scores).into());
    }
    let chart = ChartGeometry::new(&portfolio, today());
    assert_eq!(
        chart.shared_spots(),
        vec![([1.0, 5.0], 2), ([1.0, 4.0], 2), ([2.0, 5.0], 3)],
        "each spot once, with how many share it, in portfolio order"
    );
}

#[test]
fn scores_a_third_of_a_point_apart_are_not_the_same_spot() {
    let mut portfolio = Portfolio::new("p");
    for (id, scores) in [
        ("a", [4, 4, 4, 1]),
        ("b", [5, 4, 4, 1]),
        ("c", [5, 4, 4, 1]),
    ] {
        portfolio.capabilities.push(capability(id, scores).into());
    }
    let chart = ChartGeometry::new(&portfolio, today());
    let shared: Vec<usize> = chart.points.iter().map(|p| p.shared_with).collect();
    assert_eq!(shared, [1, 2, 2], "pull 4 alone, pull 4 1/3 twice");
    assert_eq!(chart.shared_spots(), vec![([1.0, 13.0 / 3.0], 2)]);
}

#[test]
fn each_point_labels_within_its_own_quadrant_as_a_screen_box() {
    let mut portfolio = Portfolio::new("p");
    for (id, scores) in [
        ("operate", [1, 1, 1, 5]),
        ("orchestrate", [5, 5, 5, 1]),
        ("rationalize", [1, 1, 1, 1]),
        ("hybrid", [5, 5, 5, 5]),
    ] {
        portfolio.capabilities.push(capability(id, scores).into());
    }
    let chart = ChartGeometry::new(&portfolio, today());
    // 400x300 pixels, y down: the dividers (3.0) at x 200 and y 150.
    let to_screen = |x: f64, y: f64| [(x - 0.5) * 80.0, 300.0 - (y - 0.5) * 60.0];
    let rect = |x, y| ScreenRect {
        x,
        y,
        w: 200.0,
        h: 150.0,
    };
    assert_eq!(
        chart.label_homes(to_screen),
        [
            rect(200.0, 150.0),
            rect(0.0, 0.0),
            rect(0.0, 150.0),
            rect(200.0, 0.0)
        ],
        "operate bottom right, orchestrate top left, rationalize bottom left, hybrid top right"
    );
}

#[test]
fn a_move_in_pull_alone_is_a_move() {
    let mut old = Portfolio::new("q3");
    old.capabilities = vec![capability("a", [3, 3, 3, 1]).into()];
    let mut new = Portfolio::new("q4");
    new.capabilities = vec![capability("a", [4, 4, 4, 1]).into()];
    assert_eq!(
        ChartGeometry::new(&new, today()).moves_from(&old),
        [ChartMove {
            id: "a".into(),
            from: [1.0, 3.0],
            to: [1.0, 4.0]
        }],
        "same differentiation, pull up a point"
    );
}

#[test]
fn boxes_overlap_by_the_area_they_share_and_never_less_than_nothing() {
    let rect = |x, y, w, h| ScreenRect { x, y, w, h };
    let a = rect(10.0, 20.0, 30.0, 40.0);
    let b = rect(25.0, 30.0, 100.0, 100.0);
    assert_eq!(
        (a.overlap(&b), b.overlap(&a)),
        (450.0, 450.0),
        "15 wide (25 to 40) and 30 high (30 to 60), either way round"
    );
    let inside = rect(12.0, 22.0, 5.0, 6.0);
    assert_eq!(
        (a.overlap(&inside), inside.overlap(&a)),
        (30.0, 30.0),
        "a box inside another: all of it"
    );
    let touching = rect(40.0, 20.0, 10.0, 10.0);
    let apart = rect(200.0, 300.0, 10.0, 10.0);
    let below = rect(15.0, 100.0, 10.0, 10.0);
    assert_eq!(
        (
            a.overlap(&touching),
            a.overlap(&apart),
            apart.overlap(&a),
            a.overlap(&below)
        ),
        (0.0, 0.0, 0.0, 0.0),
        "boxes that only touch, lie apart, or only line up, share nothing"
    );
}

/// A change made to a `T` in a test.
type Change<T> = fn(&mut T);

/// A chart of three capabilities, and the same after `edit` changed the
/// second one, brought up to date.
fn before_and_after(edit: impl FnOnce(&mut Capability)) -> (ChartGeometry, ChartGeometry) {
    let mut portfolio = Portfolio::new("p");
    for (id, scores) in [
        ("a", [5, 5, 5, 1]),
        ("b", [2, 2, 2, 4]),
        ("c", [3, 3, 3, 3]),
    ] {
        portfolio.capabilities.push(capability(id, scores).into());
    }
    let before = ChartGeometry::new(&portfolio, today());
    let mut after = portfolio.clone();
    edit(std::sync::Arc::make_mut(&mut after.capabilities[1]));
    let updated = before.updated(
        &crate::model::Changed::between(&portfolio, &after),
        &after.scoring,
        today(),
    );
    (before, updated)
}

#[test]
fn an_edit_the_chart_does_not_show_keeps_its_stamp_and_one_it_shows_does_not() {
    let (before, after) = before_and_after(|c| c.notes = "a note".into());
    assert_eq!(after.stamp(), before.stamp(), "a note is not drawn");
    assert!(after.looks_like(&before), "looks the same");
    assert_ne!(
        ChartGeometry::new(&Portfolio::new("p"), today()).stamp(),
        ChartGeometry::new(&Portfolio::new("p"), today()).stamp(),
        "each working-out has its own"
    );
    let (before, after) = before_and_after(|c| c.owner = Some("team".into()));
    assert_eq!(after.stamp(), before.stamp(), "nor is the owner");
    let shown: [(&str, Change<Capability>); 7] = [
        ("a name", |c| c.name = "Renamed".into()),
        ("an id", |c| c.id = "renamed".into()),
        ("a score", |c| c.scores.reuse = Score::new(5)),
        ("a zone", |c| c.zone = Zone::Commodity),
        ("a decision", |c| c.decision = Decision::Operate),
        ("an overdue exception", |c| {
            c.exceptions.push(crate::model::Exception {
                reason: "r".into(),
                approved_by: "a".into(),
                review_by: today().plus_days(-1),
            });
        }),
        ("revealed votes", |c| {
            for (participant, score) in [("p", 1), ("q", 5)] {
                let mut scores = c.scores;
                scores.differentiation = Score::new(score);
                c.votes.push(crate::model::Vote {
                    participant: participant.into(),
                    scores,
                });
            }
            c.votes_revealed = true;
        }),
    ];
    for (what, edit) in shown {
        let (before, after) = before_and_after(edit);
        assert_ne!(after.stamp(), before.stamp(), "{what} is drawn");
        assert!(!after.looks_like(&before), "{what} looks different");
    }
}

#[test]
fn two_points_look_alike_only_when_every_drawn_field_is_the_same() {
    let (chart, _) = before_and_after(|_| {});
    let point = &chart.points[1];
    assert!(point.looks_like(point), "itself");
    let mut copy = point.clone();
    copy.capability = std::sync::Arc::new(Capability::clone(&point.capability));
    assert!(point.looks_like(&copy), "an equal copy of its capability");
    let changes: [(&str, Change<ChartPoint>); 12] = [
        ("zone", |p| p.zone = Zone::RegulatedControl),
        ("recommendation", |p| {
            p.recommendation = Recommendation::Rationalize;
        }),
        ("differentiation", |p| p.differentiation += 0.5),
        ("pull", |p| p.pull += 0.5),
        ("shared_with", |p| p.shared_with += 1),
        ("conflict", |p| p.conflict = !p.conflict),
        ("overdue", |p| p.overdue = !p.overdue),
        ("not_ready", |p| p.not_ready = !p.not_ready),
        ("differentiation_spread", |p| {
            p.differentiation_spread = Some((1.0, 2.0));
        }),
        ("pull_spread", |p| p.pull_spread = Some((1.0, 2.0))),
        ("decision", |p| p.decision = Decision::Rationalize),
        ("number", |p| p.number += 1),
    ];
    for (field, change) in changes {
        let mut other = point.clone();
        change(&mut other);
        assert!(!point.looks_like(&other), "{field} differs");
    }
    for (what, change) in [
        (
            "name",
            (|c: &mut Capability| c.name = "X".into()) as fn(&mut Capability),
        ),
        ("id", |c| c.id = "x".into()),
    ] {
        let mut other = point.clone();
        change(std::sync::Arc::make_mut(&mut other.capability));
        assert!(!point.looks_like(&other), "the capability's {what} differs");
    }
    let mut fewer = chart.clone();
    fewer.points.pop();
    assert!(!chart.looks_like(&fewer), "a point fewer");
    let mut to_score = chart.clone();
    to_score.to_score.push(Capability::new("x", "X").into());
    assert!(!chart.looks_like(&to_score), "one more to score");
    let mut renamed = to_score.clone();
    let last = renamed.to_score.len() - 1;
    std::sync::Arc::make_mut(&mut renamed.to_score[last]).name = "Y".into();
    assert!(!to_score.looks_like(&renamed), "one to score renamed");
    let mut noted = to_score.clone();
    std::sync::Arc::make_mut(&mut noted.to_score[last]).notes = "a note".into();
    assert!(
        to_score.looks_like(&noted),
        "a note on one to score is not shown"
    );
    let mut threshold = chart.clone();
    threshold.threshold += 0.5;
    assert!(!chart.looks_like(&threshold), "another threshold");
    let mut quadrants = chart.clone();
    quadrants.quadrants[0].max[0] += 0.5;
    assert!(!chart.looks_like(&quadrants), "other quadrants");
}

#[test]
fn a_chart_that_is_not_of_the_portfolio_before_is_worked_out_from_scratch() {
    let mut before = Portfolio::new("p");
    let mut other = Portfolio::new("p");
    for (id, scores) in [
        ("a", [5, 5, 5, 1]),
        ("b", [2, 2, 2, 4]),
        ("c", [3, 3, 3, 3]),
    ] {
        before.capabilities.push(capability(id, scores).into());
        other.capabilities.push(capability(id, [1, 1, 1, 5]).into());
    }
    let mut after = before.clone();
    std::sync::Arc::make_mut(&mut after.capabilities[1]).notes = "a note".into();
    let changed = crate::model::Changed::between(&before, &after);
    let from_scratch = ChartGeometry::new(&after, today());
    // Another portfolio of the same size: none of its points is before's.
    let of_other = ChartGeometry::new(&other, today());
    assert_eq!(
        of_other.updated(&changed, &after.scoring, today()),
        from_scratch,
        "the chart of another portfolio"
    );
    // Before's first two capabilities only: a point short.
    let mut shorter = before.clone();
    shorter.capabilities.pop();
    let of_shorter = ChartGeometry::new(&shorter, today());
    assert_eq!(
        of_shorter.updated(&changed, &after.scoring, today()),
        from_scratch,
        "the chart of fewer capabilities"
    );
}

#[test]
fn a_capability_still_to_score_does_not_stop_an_update_from_keeping_the_stamp() {
    let mut before = Portfolio::new("p");
    for (id, scores) in [("a", [5, 5, 5, 1]), ("b", [2, 2, 2, 4])] {
        before.capabilities.push(capability(id, scores).into());
    }
    before.capabilities.push(Capability::new("u", "U").into());
    let chart = ChartGeometry::new(&before, today());
    assert_eq!(
        (chart.points.len(), chart.to_score.len()),
        (2, 1),
        "two points and one to score"
    );
    let mut after = before.clone();
    std::sync::Arc::make_mut(&mut after.capabilities[0]).notes = "a note".into();
    let updated = chart.updated(
        &crate::model::Changed::between(&before, &after),
        &after.scoring,
        today(),
    );
    assert_eq!(updated.stamp(), chart.stamp(), "a note is not drawn");
    assert_eq!(
        updated,
        ChartGeometry::new(&after, today()),
        "the same as from scratch"
    );
}
