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
    assert_eq!(chart.to_score, vec![("b".to_owned(), "B".to_owned())]);
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
