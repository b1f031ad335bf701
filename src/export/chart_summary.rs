//! The chart for people who cannot see it: how many capabilities fall in
//! each quadrant and which are in conflict, as a sentence; and which dot
//! lies next in a direction, for walking the chart with the arrow keys.

use std::fmt::Write as _;

use super::ChartGeometry;
use crate::model::Recommendation;

/// What the chart shows, counted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuadrantSummary {
    /// How many dots each quadrant holds, in the order of
    /// [`Recommendation::ALL`].
    pub counts: [(Recommendation, usize); 4],
    /// Capabilities not on the chart yet (a score missing).
    pub to_score: usize,
    /// How many dots are in conflict.
    pub conflicts: usize,
    /// The first of them by name, in the chart's order.
    pub named: Vec<String>,
}

impl QuadrantSummary {
    /// Counts `geometry`'s dots, naming at most `at_most` conflicts (drawn
    /// every frame: no more names are copied than are shown).
    #[must_use]
    pub fn of(geometry: &ChartGeometry, at_most: usize) -> Self {
        let mut counts = Recommendation::ALL.map(|r| (r, 0));
        let mut conflicts = 0;
        let mut named = Vec::new();
        for point in &geometry.points {
            if let Some(slot) = counts.iter_mut().find(|(r, _)| *r == point.recommendation) {
                slot.1 += 1;
            }
            if point.conflict {
                conflicts += 1;
                if named.len() < at_most {
                    named.push(point.name().to_owned());
                }
            }
        }
        Self {
            counts,
            to_score: geometry.to_score.len(),
            conflicts,
            named,
        }
    }

    /// One sentence: "Orchestrate 13, Hybrid 2, Operate 4, Rationalize 2;
    /// 3 not scored. In conflict: Data retention, Release automation and 2
    /// more."
    #[must_use]
    pub fn text(&self) -> String {
        let counts: Vec<String> = self
            .counts
            .iter()
            .map(|(r, n)| format!("{} {n}", r.label()))
            .collect();
        let mut text = counts.join(", ");
        if self.to_score > 0 {
            let _ = write!(text, "; {} not scored", self.to_score);
        }
        text.push('.');
        if self.conflicts == 0 {
            text.push_str(" No conflicts.");
        } else {
            let _ = write!(text, " In conflict: {}", self.named.join(", "));
            if self.conflicts > self.named.len() {
                let _ = write!(text, " and {} more", self.conflicts - self.named.len());
            }
            text.push('.');
        }
        text
    }
}

/// One dot in words, for a screen reader: "Identity and single sign-on:
/// Regulated control; reuse 5, cost 4, risk 5, differentiation 1;
/// Orchestrate recommended; decided Orchestrate", with "; in conflict"
/// when its zone and position disagree.
#[must_use]
pub fn describe_point(point: &super::ChartPoint) -> String {
    let scores: Vec<String> = crate::model::Question::ALL
        .iter()
        .map(|&q| {
            point.capability.scores.get(q).map_or_else(
                || format!("{} not scored", q.short()),
                |s| format!("{} {}", q.short(), s.get()),
            )
        })
        .collect();
    let mut text = format!(
        "{}: {}; {}; {} recommended; {}",
        point.name(),
        point.zone.label(),
        scores.join(", "),
        point.recommendation.label(),
        match point.decision {
            crate::model::Decision::Undecided => "not decided yet".to_owned(),
            decision => format!("decided {}", decision.label()),
        }
    );
    if point.conflict {
        text.push_str("; in conflict");
    }
    text
}

/// A direction on the chart: right is more differentiation, up more pull.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Heading {
    /// Less differentiation.
    Left,
    /// More differentiation.
    Right,
    /// More centralization pull.
    Up,
    /// Less centralization pull.
    Down,
}

/// The dot nearest to dot `from` in `heading` (`None` when none lies that
/// way); from no dot, the first dot. Nearness counts the distance across
/// twice, so the walk keeps to its row or column. Dots on the same spot
/// are taken in the chart's order: right and down go to the next, left and
/// up to the one before.
#[must_use]
pub fn next_dot(geometry: &ChartGeometry, from: Option<usize>, heading: Heading) -> Option<usize> {
    let Some(from) = from.filter(|&i| i < geometry.points.len()) else {
        return (!geometry.points.is_empty()).then_some(0);
    };
    let here = &geometry.points[from];
    let forward = matches!(heading, Heading::Right | Heading::Down);
    geometry
        .points
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != from)
        .filter_map(|(i, p)| {
            let dx = p.differentiation - here.differentiation;
            let dy = p.pull - here.pull;
            let (along, across) = match heading {
                Heading::Right => (dx, dy),
                Heading::Left => (-dx, dy),
                Heading::Up => (dy, dx),
                Heading::Down => (-dy, dx),
            };
            let same_spot = dx.abs() < 1e-9 && dy.abs() < 1e-9;
            if same_spot {
                // Next (or previous) on the same spot: nearest of all.
                let after = i > from;
                return (after == forward).then_some((i, -1.0, i));
            }
            (along > 1e-9).then(|| (i, along + 2.0 * across.abs(), i))
        })
        .min_by(|a, b| {
            a.1.total_cmp(&b.1).then_with(|| {
                // On one spot, the nearest in the chart's order.
                let key = |k: usize| if forward { k } else { usize::MAX - k };
                key(a.2).cmp(&key(b.2))
            })
        })
        .map(|(i, _, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Capability, Date, Portfolio, Score, Scores, Zone};

    /// Capabilities at (differentiation, pull) spots: reuse, cost and risk
    /// all `pull`, so the pull is exactly that.
    fn chart(spots: &[(&str, u8, u8)]) -> ChartGeometry {
        let mut p = Portfolio::new("t");
        for (name, differentiation, pull) in spots {
            let mut c = Capability::new(name.to_lowercase(), *name);
            c.zone = Zone::Commodity;
            c.scores = Scores {
                reuse: Score::new(*pull),
                cost: Score::new(*pull),
                risk: Score::new(*pull),
                differentiation: Score::new(*differentiation),
            };
            p.capabilities.push(c.into());
        }
        p.capabilities
            .push(Capability::new("unscored", "Unscored").into());
        ChartGeometry::new(&p, "2026-11-27".parse::<Date>().expect("a date"))
    }

    fn names(g: &ChartGeometry, walk: &[Option<usize>]) -> Vec<String> {
        walk.iter()
            .map(|i| i.map_or("-".to_owned(), |i| g.points[i].name().to_owned()))
            .collect()
    }

    #[test]
    fn the_summary_counts_each_quadrant_and_names_the_conflicts() {
        let g = chart(&[("A", 1, 5), ("B", 1, 4), ("C", 5, 1), ("D", 5, 5)]);
        let summary = QuadrantSummary::of(&g, 5);
        assert_eq!(summary.to_score, 1);
        assert_eq!(
            summary.text(),
            "Orchestrate 2, Hybrid 1, Operate 1, Rationalize 0; 1 not scored. In conflict: C."
        );
        let calm = QuadrantSummary {
            conflicts: 0,
            named: Vec::new(),
            ..summary.clone()
        };
        assert!(calm.text().ends_with("not scored. No conflicts."));
        let crowded = chart(&[("P", 5, 1), ("Q", 4, 1), ("R", 5, 2)]);
        let two = QuadrantSummary::of(&crowded, 2);
        assert_eq!(two.conflicts, 3);
        assert_eq!(
            two.text(),
            "Orchestrate 0, Hybrid 0, Operate 3, Rationalize 0; 1 not scored. \
             In conflict: P, Q and 1 more."
        );
        assert!(
            QuadrantSummary::of(&crowded, 3)
                .text()
                .ends_with("In conflict: P, Q, R.")
        );
    }

    #[test]
    fn a_chart_with_every_capability_scored_says_nothing_of_scoring() {
        let g = chart(&[("A", 1, 5), ("C", 5, 1)]);
        let all_scored = QuadrantSummary {
            to_score: 0,
            ..QuadrantSummary::of(&g, 5)
        };
        assert_eq!(
            all_scored.text(),
            "Orchestrate 1, Hybrid 0, Operate 1, Rationalize 0. In conflict: C.",
            "no count of 0 not scored"
        );
    }

    #[test]
    fn the_arrows_go_to_the_nearest_dot_that_way_keeping_to_the_row() {
        //   pull 5:  A(1)        D(4)
        //   pull 4:        B(2)
        //   pull 1:  C(1)             E(5)
        let g = chart(&[
            ("A", 1, 5),
            ("B", 2, 4),
            ("C", 1, 1),
            ("D", 4, 5),
            ("E", 5, 1),
        ]);
        let at = |name: &str| g.points.iter().position(|p| p.name() == name);
        let step = |from: &str, h| next_dot(&g, at(from), h);
        assert_eq!(
            names(
                &g,
                &[
                    step("A", Heading::Right),
                    step("A", Heading::Down),
                    step("B", Heading::Right),
                    step("C", Heading::Right),
                    step("E", Heading::Left),
                    step("D", Heading::Left),
                    step("A", Heading::Up),
                    step("A", Heading::Left),
                ]
            ),
            // Down from A, B is nearer than C straight below (1 down and 1
            // across against 4 down); left from D, A is nearer than B.
            ["B", "B", "D", "E", "C", "A", "-", "-"]
        );
        assert_eq!(
            next_dot(&g, None, Heading::Right),
            Some(0),
            "from nothing: the first"
        );
    }

    #[test]
    fn from_a_dot_no_longer_on_the_chart_the_walk_starts_at_the_first() {
        let g = chart(&[("A", 1, 5), ("B", 2, 4)]);
        assert_eq!(
            next_dot(&g, Some(g.points.len()), Heading::Left),
            Some(0),
            "one past the last dot"
        );
        assert_eq!(
            next_dot(&g, Some(usize::MAX), Heading::Up),
            Some(0),
            "far past it"
        );
        let empty = chart(&[]);
        assert_eq!(
            next_dot(&empty, None, Heading::Right),
            None,
            "an empty chart has no first dot"
        );
        assert_eq!(
            next_dot(&empty, Some(0), Heading::Right),
            None,
            "nor from a dot it lost"
        );
    }

    #[test]
    fn a_dot_reads_as_its_name_zone_scores_recommendation_and_decision() {
        let g = chart(&[("Identity", 1, 5), ("Search", 5, 1)]);
        assert_eq!(
            describe_point(&g.points[0]),
            "Identity: Commodity; reuse 5, cost 5, risk 5, differentiation 1; \
             Orchestrate recommended; not decided yet"
        );
        let mut p = Portfolio::new("t");
        let mut c = Capability::new("s", "Search");
        c.zone = Zone::Commodity;
        c.decision = crate::model::Decision::Operate;
        c.scores = Scores {
            reuse: Score::new(1),
            cost: Score::new(1),
            risk: Score::new(1),
            differentiation: Score::new(5),
        };
        p.capabilities.push(c.into());
        let g = ChartGeometry::new(&p, "2026-11-27".parse::<Date>().expect("a date"));
        assert_eq!(
            describe_point(&g.points[0]),
            "Search: Commodity; reuse 1, cost 1, risk 1, differentiation 5; \
             Operate recommended; decided Operate; in conflict"
        );
    }

    #[test]
    fn dots_a_billionth_apart_are_neither_on_one_spot_nor_that_way() {
        let mut g = chart(&[("A", 2, 2), ("B", 2, 2)]);
        for p in &mut g.points {
            (p.differentiation, p.pull) = (0.0, 0.0);
        }
        g.points[1].differentiation = 1e-9;
        assert_eq!(
            next_dot(&g, Some(0), Heading::Right),
            None,
            "a billionth to the right"
        );
        g.points[1].differentiation = 2e-9;
        assert_eq!(
            next_dot(&g, Some(0), Heading::Right),
            Some(1),
            "two billionths to the right"
        );
        (g.points[1].differentiation, g.points[1].pull) = (0.0, 1e-9);
        assert_eq!(next_dot(&g, Some(0), Heading::Up), None, "a billionth up");
        assert_eq!(
            next_dot(&g, Some(1), Heading::Up),
            None,
            "nothing above the upper one, nor the lower one before it"
        );
    }

    #[test]
    fn the_next_dot_on_the_same_spot_comes_before_any_dot_however_near() {
        let mut g = chart(&[("A", 2, 2), ("B", 2, 2), ("C", 2, 2)]);
        for p in &mut g.points {
            (p.differentiation, p.pull) = (0.0, 0.0);
        }
        g.points[2].differentiation = 0.5;
        assert_eq!(
            next_dot(&g, Some(0), Heading::Right),
            Some(1),
            "B on A's spot before C half a point right"
        );
    }

    #[test]
    fn dots_on_one_spot_are_walked_in_the_charts_order() {
        let g = chart(&[("A", 2, 4), ("B", 2, 4), ("C", 2, 4), ("D", 4, 4)]);
        let walk: Vec<Option<usize>> = [0, 1, 2]
            .iter()
            .map(|&i| next_dot(&g, Some(i), Heading::Right))
            .collect();
        assert_eq!(names(&g, &walk), ["B", "C", "D"]);
        let back: Vec<Option<usize>> = [2, 1, 0]
            .iter()
            .map(|&i| next_dot(&g, Some(i), Heading::Left))
            .collect();
        assert_eq!(names(&g, &back), ["B", "A", "-"]);
    }
}
