//! The quadrant chart as plain geometry: where each capability sits, how
//! equal scores are spread so none hides another, and where labels go so
//! no two overlap. The on-screen chart and the exported images both draw
//! from this, so what is projected and what is exported agree.

use crate::model::{
    Date, Portfolio, Question, Recommendation, ScoringSettings, Zone, conflicts_for, is_high,
    locate,
};

/// The lowest value shown on either axis.
pub const AXIS_MIN: f64 = 0.5;
/// The highest value shown on either axis.
pub const AXIS_MAX: f64 = 5.5;

/// Horizontal axis title.
pub const X_AXIS_TITLE: &str = "Differentiation (product advantage of tailoring)";
/// Vertical axis title.
pub const Y_AXIS_TITLE: &str = "Centralization pull (reuse, cost, risk)";

/// How far apart capabilities with equal scores are spread, in score units.
const SPREAD_RADIUS: f64 = 0.17;

/// One scored capability on the chart.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartPoint {
    /// Capability id.
    pub id: String,
    /// Capability name.
    pub name: String,
    /// Its zone (colours the point).
    pub zone: Zone,
    /// Its quadrant.
    pub recommendation: Recommendation,
    /// The true differentiation score.
    pub differentiation: f64,
    /// The true centralization pull.
    pub pull: f64,
    /// Where it is drawn: the true position, nudged apart from capabilities
    /// with the same scores but never across a quadrant divider.
    pub x: f64,
    /// See `x`.
    pub y: f64,
    /// How many capabilities share these exact scores (1 = alone).
    pub shared_with: usize,
    /// It has a zone or decision conflict.
    pub conflict: bool,
    /// It has an overdue exception.
    pub overdue: bool,
    /// Lowest and highest differentiation voted, once votes are revealed.
    pub differentiation_spread: Option<(f64, f64)>,
    /// Lowest and highest pull among the voters, once votes are revealed.
    pub pull_spread: Option<(f64, f64)>,
}

/// Up to this many capabilities on one spot, each spread dot gets a thin
/// line back to the true position. Past it they form a cluster around the
/// spot, and a line per dot would only hide the dots.
pub const MAX_TETHERED: usize = 12;

impl ChartPoint {
    /// True when a thin line leads from the dot back to its true position:
    /// it was moved apart from capabilities with the same scores, and few
    /// enough share them that the lines still help.
    #[must_use]
    pub fn tethered(&self) -> bool {
        (2..=MAX_TETHERED).contains(&self.shared_with)
    }
}

/// One shaded quadrant.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct QuadrantArea {
    /// What landing here recommends.
    pub recommendation: Recommendation,
    /// Lower-left corner (differentiation, pull).
    pub min: [f64; 2],
    /// Upper-right corner.
    pub max: [f64; 2],
}

/// Everything the chart shows.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartGeometry {
    /// Where the dividers are.
    pub threshold: f64,
    /// The four quadrants.
    pub quadrants: [QuadrantArea; 4],
    /// Scored capabilities, in portfolio order.
    pub points: Vec<ChartPoint>,
    /// Capabilities still to score: `(id, name)`; never plotted.
    pub to_score: Vec<(String, String)>,
}

impl ChartGeometry {
    /// The chart of `portfolio`, with exceptions judged as of `today`.
    #[must_use]
    pub fn new(portfolio: &Portfolio, today: Date) -> Self {
        Self::with_settings(portfolio, &portfolio.scoring, today)
    }

    /// The chart as it would be under other scoring settings (live weights).
    #[must_use]
    pub fn with_settings(portfolio: &Portfolio, settings: &ScoringSettings, today: Date) -> Self {
        let t = settings.threshold;
        let mut points = Vec::new();
        let mut to_score = Vec::new();
        for capability in &portfolio.capabilities {
            let Some(assessment) = locate(capability, settings) else {
                to_score.push((capability.id.clone(), capability.name.clone()));
                continue;
            };
            points.push(ChartPoint {
                id: capability.id.clone(),
                name: capability.name.clone(),
                zone: capability.zone,
                recommendation: assessment.recommendation,
                differentiation: assessment.differentiation,
                pull: assessment.pull,
                x: assessment.differentiation,
                y: assessment.pull,
                shared_with: 1,
                conflict: !conflicts_for(capability, assessment.recommendation).is_empty(),
                overdue: capability.overdue_exceptions(today).next().is_some(),
                differentiation_spread: capability
                    .votes_revealed
                    .then(|| capability.spread(Question::Differentiation))
                    .flatten()
                    .map(|s| (f64::from(s.low), f64::from(s.high))),
                pull_spread: capability
                    .votes_revealed
                    .then(|| capability.pull_spread(settings))
                    .flatten(),
            });
        }
        spread_equal_positions(&mut points, t);
        let quadrant = |recommendation, min, max| QuadrantArea {
            recommendation,
            min,
            max,
        };
        Self {
            threshold: t,
            quadrants: [
                quadrant(Recommendation::Orchestrate, [AXIS_MIN, t], [t, AXIS_MAX]),
                quadrant(Recommendation::Hybrid, [t, t], [AXIS_MAX, AXIS_MAX]),
                quadrant(Recommendation::Operate, [t, AXIS_MIN], [AXIS_MAX, t]),
                quadrant(Recommendation::Rationalize, [AXIS_MIN, AXIS_MIN], [t, t]),
            ],
            points,
            to_score,
        }
    }
}

/// Spreads capabilities that share exact scores around their true position,
/// in portfolio order, keeping each on its side of both dividers.
fn spread_equal_positions(points: &mut [ChartPoint], threshold: f64) {
    let key = |p: &ChartPoint| ((p.x * 1000.0).round() as i64, (p.y * 1000.0).round() as i64);
    let mut groups: Vec<((i64, i64), Vec<usize>)> = Vec::new();
    for (i, point) in points.iter().enumerate() {
        let k = key(point);
        match groups.iter_mut().find(|(gk, _)| *gk == k) {
            Some((_, members)) => members.push(i),
            None => groups.push((k, vec![i])),
        }
    }
    for (_, members) in groups.into_iter().filter(|(_, m)| m.len() > 1) {
        let first = &points[members[0]];
        let (x, y) = (first.differentiation, first.pull);
        let offsets = spread_offsets(
            members.len(),
            free_direction(x, threshold),
            free_direction(y, threshold),
        );
        for (&i, (dx, dy)) in members.iter().zip(offsets) {
            let point = &mut points[i];
            point.shared_with = members.len();
            point.x = keep_side(x, x + dx, threshold);
            point.y = keep_side(y, y + dy, threshold);
        }
    }
}

/// Which way a spread point may move along one axis without crossing the
/// divider or leaving the chart: -1 only down, 1 only up, 0 either.
fn free_direction(value: f64, threshold: f64) -> i8 {
    const ROOM: f64 = 0.5;
    let high = is_high(value, threshold);
    let blocked_up = (!high && threshold - value < ROOM) || AXIS_MAX - value < ROOM;
    let blocked_down = (high && value - threshold < ROOM) || value - AXIS_MIN < ROOM;
    match (blocked_down, blocked_up) {
        (true, false) => 1,
        (false, true) => -1,
        _ => 0,
    }
}

/// Offsets for `count` points on rings around the true position, only in
/// the directions allowed on each axis, at least `MIN_GAP` apart on a ring.
fn spread_offsets(count: usize, x_direction: i8, y_direction: i8) -> Vec<(f64, f64)> {
    use std::f64::consts::{FRAC_PI_2, FRAC_PI_4, PI, TAU};
    const MIN_GAP: f64 = 0.13;
    let (start, span) = match (x_direction, y_direction) {
        (0, 0) => (FRAC_PI_4, TAU),
        (1, 0) => (-FRAC_PI_2, PI),
        (-1, 0) => (FRAC_PI_2, PI),
        (0, 1) => (0.0, PI),
        (0, _) => (PI, PI),
        (1, 1) => (0.0, FRAC_PI_2),
        (-1, 1) => (FRAC_PI_2, FRAC_PI_2),
        (-1, _) => (PI, FRAC_PI_2),
        _ => (3.0 * FRAC_PI_2, FRAC_PI_2),
    };
    let full_circle = span >= TAU;
    let mut offsets = Vec::with_capacity(count);
    let mut ring = 1.0;
    while offsets.len() < count {
        let radius = SPREAD_RADIUS * ring;
        let capacity = ((span * radius / MIN_GAP).floor() as usize).max(1);
        let take = capacity.min(count - offsets.len());
        for j in 0..take {
            let fraction = if full_circle {
                j as f64 / take as f64
            } else {
                (j as f64 + 0.5) / take as f64
            };
            let angle = start + span * fraction;
            offsets.push((radius * angle.cos(), radius * angle.sin()));
        }
        ring += 1.0;
    }
    offsets
}

/// Keeps `shown` on the side of the threshold that `truth` is on, and inside
/// the axes; a safety net for the rare spread that would still cross.
fn keep_side(truth: f64, shown: f64, threshold: f64) -> f64 {
    let sided = match (is_high(truth, threshold), is_high(shown, threshold)) {
        (true, false) => threshold,
        (false, true) => threshold - 0.02,
        _ => shown,
    };
    sided.clamp(AXIS_MIN + 0.05, AXIS_MAX - 0.05)
}

impl ChartGeometry {
    /// For each point, its quadrant as a screen box, given a mapping from
    /// chart values to screen pixels (x, y down).
    #[must_use]
    pub fn label_homes(&self, to_screen: impl Fn(f64, f64) -> [f64; 2]) -> Vec<ScreenRect> {
        self.points
            .iter()
            .map(|point| self.home_of(point, &to_screen))
            .collect()
    }

    /// The quadrant of `point` as a screen box.
    #[must_use]
    pub fn home_of(
        &self,
        point: &ChartPoint,
        to_screen: impl Fn(f64, f64) -> [f64; 2],
    ) -> ScreenRect {
        let area = self
            .quadrants
            .iter()
            .find(|q| q.recommendation == point.recommendation)
            .map_or([AXIS_MIN, AXIS_MIN, AXIS_MAX, AXIS_MAX], |q| {
                [q.min[0], q.min[1], q.max[0], q.max[1]]
            });
        let [x0, y0] = to_screen(area[0], area[3]);
        let [x1, y1] = to_screen(area[2], area[1]);
        ScreenRect {
            x: x0.min(x1),
            y: y0.min(y1),
            w: (x1 - x0).abs(),
            h: (y1 - y0).abs(),
        }
    }
}

/// A capability's move on the chart since a baseline (last quarter).
#[derive(Clone, Debug, PartialEq)]
pub struct ChartMove {
    /// Capability id.
    pub id: String,
    /// Where it was: (differentiation, pull) under the baseline's settings.
    pub from: [f64; 2],
    /// Where it is drawn now.
    pub to: [f64; 2],
}

impl ChartGeometry {
    /// The moves of every plotted capability that was also scored in
    /// `baseline` at another position (matched by id).
    #[must_use]
    pub fn moves_from(&self, baseline: &Portfolio) -> Vec<ChartMove> {
        self.points
            .iter()
            .filter_map(|point| {
                let before = baseline.capability(&point.id)?;
                let old = locate(before, &baseline.scoring)?;
                let moved = (old.differentiation - point.differentiation).abs() > 1e-9
                    || (old.pull - point.pull).abs() > 1e-9;
                moved.then(|| ChartMove {
                    id: point.id.clone(),
                    from: [old.differentiation, old.pull],
                    to: [point.x, point.y],
                })
            })
            .collect()
    }
}

/// An axis-aligned box in screen units (pixels, y down).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScreenRect {
    /// Left.
    pub x: f64,
    /// Top.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl ScreenRect {
    /// The area shared with `other`.
    #[must_use]
    pub fn overlap(&self, other: &Self) -> f64 {
        let w = (self.x + self.w).min(other.x + other.w) - self.x.max(other.x);
        let h = (self.y + self.h).min(other.y + other.h) - self.y.max(other.y);
        if w > 0.0 && h > 0.0 { w * h } else { 0.0 }
    }

    fn outside(&self, area: &Self) -> f64 {
        let inside = self.overlap(area);
        self.w * self.h - inside
    }
}

/// Where one label goes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LabelPlacement {
    /// The label's box.
    pub rect: ScreenRect,
    /// True when the label sits away from its point and needs a leader line.
    pub leader: bool,
    /// False when the label found no place clear of the labels before it
    /// and inside the chart. Such a label is not
    /// drawn: a name printed over another helps nobody, and hovering or
    /// selecting the dot still names it.
    pub shown: bool,
}

/// What labels must avoid and where they belong.
#[derive(Clone, Copy, Debug)]
pub struct LabelRoom<'a> {
    /// The whole plot; labels stay inside.
    pub area: ScreenRect,
    /// Boxes no label may cover (quadrant titles).
    pub obstacles: &'a [ScreenRect],
    /// Per point, the region its label should stay in (its quadrant), so
    /// no name seems to sit in a quadrant its capability is not in.
    pub homes: &'a [ScreenRect],
}

/// How much of a label's box (padding around the text) may touch another
/// label or the edge before it counts as covered.
const HIDING_TOLERANCE: f64 = 0.02;

/// Places one label per point (screen coordinates, pixels) so that labels
/// overlap neither each other, nor any point, nor the obstacles, staying in
/// the area and preferably in their point's home. Points earlier in the list
/// get the best places. When nowhere is clear of other labels, the place
/// with the least overlap is returned with `shown` false, and it does not
/// take room from the labels after it.
#[must_use]
pub fn place_labels(
    points: &[[f64; 2]],
    sizes: &[[f64; 2]],
    marker_radius: f64,
    room: LabelRoom<'_>,
) -> Vec<LabelPlacement> {
    let LabelRoom {
        area,
        obstacles,
        homes,
    } = room;
    let markers: Vec<ScreenRect> = points
        .iter()
        .map(|[x, y]| ScreenRect {
            x: x - marker_radius,
            y: y - marker_radius,
            w: 2.0 * marker_radius,
            h: 2.0 * marker_radius,
        })
        .collect();
    let mut placed: Vec<ScreenRect> = Vec::with_capacity(points.len());
    let mut result = Vec::with_capacity(points.len());
    for (i, (&[px, py], &[w, h])) in points.iter().zip(sizes).enumerate() {
        let mut best: Option<(f64, LabelPlacement)> = None;
        'search: for ring in 1..=14 {
            let gap = marker_radius + 3.0 + (f64::from(ring) - 1.0) * (h + 2.0);
            let candidates = [
                (px + gap, py - h / 2.0),
                (px - gap - w, py - h / 2.0),
                (px - w / 2.0, py - gap - h),
                (px - w / 2.0, py + gap),
                (px + gap * 0.7, py - gap * 0.7 - h),
                (px + gap * 0.7, py + gap * 0.7),
                (px - gap * 0.7 - w, py - gap * 0.7 - h),
                (px - gap * 0.7 - w, py + gap * 0.7),
            ];
            for (x, y) in candidates {
                let rect = ScreenRect { x, y, w, h };
                // What makes a name unreadable: another name over it, or
                // the chart's edge cutting it.
                let hiding = placed.iter().map(|r| r.overlap(&rect)).sum::<f64>()
                    + rect.outside(&area) * 2.0 / 3.0;
                // Covering another label hides a name; covering a dot only
                // hides a dot: weigh them accordingly.
                let cost: f64 = hiding * 6.0
                    + obstacles.iter().map(|o| o.overlap(&rect)).sum::<f64>() * 2.0
                    + markers
                        .iter()
                        .enumerate()
                        .filter(|(j, _)| *j != i)
                        .map(|(_, m)| m.overlap(&rect))
                        .sum::<f64>()
                    + homes.get(i).map_or(0.0, |home| rect.outside(home) * 0.5);
                let placement = LabelPlacement {
                    rect,
                    leader: ring > 1,
                    // A sliver of the padding around the text may touch.
                    shown: hiding <= w * h * HIDING_TOLERANCE,
                };
                if best.as_ref().is_none_or(|(c, _)| cost < *c) {
                    best = Some((cost, placement));
                }
                if cost <= 0.0 {
                    break 'search;
                }
            }
        }
        if let Some((_, placement)) = best {
            if placement.shown {
                placed.push(placement.rect);
            }
            result.push(placement);
        }
    }
    result
}

#[cfg(test)]
mod tests {
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
    fn scored_capabilities_are_points_and_the_rest_are_to_score() {
        let mut portfolio = Portfolio::new("p");
        portfolio.capabilities.push(capability("a", [5, 5, 5, 1]));
        let mut partial = capability("b", [5, 5, 5, 1]);
        partial.scores.cost = None;
        portfolio.capabilities.push(partial);
        let chart = ChartGeometry::new(&portfolio, today());
        assert_eq!(chart.points.len(), 1);
        assert_eq!((chart.points[0].x, chart.points[0].y), (1.0, 5.0));
        assert_eq!(chart.to_score, vec![("b".to_owned(), "B".to_owned())]);
    }

    #[test]
    fn only_small_groups_of_equal_scores_are_tethered_to_their_spot() {
        let group = |n: usize| {
            let mut portfolio = Portfolio::new("p");
            for i in 0..n {
                portfolio
                    .capabilities
                    .push(capability(&format!("c{i}"), [3, 3, 3, 3]));
            }
            portfolio
                .capabilities
                .push(capability("alone", [1, 1, 1, 1]));
            ChartGeometry::new(&portfolio, today())
        };
        let small = group(MAX_TETHERED);
        assert!(
            small
                .points
                .iter()
                .filter(|p| p.id != "alone")
                .all(ChartPoint::tethered)
        );
        assert!(!small.points.iter().any(|p| p.id == "alone" && p.tethered()));
        let crowd = group(MAX_TETHERED + 1);
        assert!(crowd.points.iter().all(|p| !p.tethered()));
    }

    #[test]
    fn equal_scores_are_spread_apart_without_crossing_a_divider() {
        let mut portfolio = Portfolio::new("p");
        for id in ["a", "b", "c", "d"] {
            portfolio.capabilities.push(capability(id, [3, 3, 3, 3]));
        }
        let chart = ChartGeometry::new(&portfolio, today());
        let positions: Vec<(f64, f64)> = chart.points.iter().map(|p| (p.x, p.y)).collect();
        for (i, a) in positions.iter().enumerate() {
            for b in &positions[i + 1..] {
                let distance = ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt();
                assert!(distance > 0.1, "{a:?} and {b:?} overlap");
            }
            // Exactly on the threshold is high: the spread stays high.
            assert!(a.0 >= 3.0 && a.1 >= 3.0, "{a:?} crossed a divider");
        }
        assert!(chart.points.iter().all(|p| p.shared_with == 4));
        assert!(
            chart
                .points
                .iter()
                .all(|p| p.recommendation == Recommendation::Hybrid)
        );
    }

    #[test]
    fn large_groups_stay_apart_and_inside_the_axes() {
        let mut portfolio = Portfolio::new("p");
        for i in 0..30 {
            portfolio
                .capabilities
                .push(capability(&format!("c{i}"), [5, 5, 5, 5]));
        }
        let chart = ChartGeometry::new(&portfolio, today());
        for p in &chart.points {
            assert!(p.x <= AXIS_MAX && p.y <= AXIS_MAX && p.x >= 3.0 && p.y >= 3.0);
        }
        let mut distinct: Vec<(i64, i64)> = chart
            .points
            .iter()
            .map(|p| ((p.x * 100.0) as i64, (p.y * 100.0) as i64))
            .collect();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), 30);
    }

    #[test]
    fn moves_since_a_baseline_are_matched_by_id() {
        let mut old = Portfolio::new("q3");
        old.capabilities = vec![capability("a", [1, 1, 1, 5]), capability("b", [3, 3, 3, 3])];
        let mut new = Portfolio::new("q4");
        new.capabilities = vec![
            capability("a", [5, 5, 5, 1]),
            capability("b", [3, 3, 3, 3]),
            capability("c", [2, 2, 2, 2]),
        ];
        let moves = ChartGeometry::new(&new, today()).moves_from(&old);
        assert_eq!(
            moves,
            vec![ChartMove {
                id: "a".into(),
                from: [5.0, 1.0],
                to: [1.0, 5.0]
            }]
        );
    }

    /// `area` with nothing in the way and no homes.
    fn open_room(area: &ScreenRect) -> LabelRoom<'_> {
        LabelRoom {
            area: *area,
            obstacles: &[],
            homes: &[],
        }
    }

    /// No two of `placed` overlap, and each is inside `area`.
    fn assert_clear<'a>(placed: impl IntoIterator<Item = &'a LabelPlacement>, area: &ScreenRect) {
        let placed: Vec<&LabelPlacement> = placed.into_iter().collect();
        for (i, a) in placed.iter().enumerate() {
            for b in &placed[i + 1..] {
                assert!(a.rect.overlap(&b.rect) <= 0.0, "{a:?} overlaps {b:?}");
            }
            assert!(a.rect.outside(area) <= 0.0);
        }
    }

    #[test]
    fn labels_never_overlap_when_there_is_room() {
        // Ten points on top of each other's neighbourhood.
        let points: Vec<[f64; 2]> = (0..10)
            .map(|i| [400.0 + f64::from(i) * 6.0, 300.0])
            .collect();
        let sizes = vec![[90.0, 16.0]; 10];
        let area = ScreenRect {
            x: 0.0,
            y: 0.0,
            w: 800.0,
            h: 600.0,
        };
        let placed = place_labels(&points, &sizes, 5.0, open_room(&area));
        assert_eq!(placed.len(), 10);
        assert!(placed.iter().all(|p| p.shown));
        assert_clear(&placed, &area);
    }

    #[test]
    fn labels_without_room_are_hidden_and_leave_the_room_to_others() {
        // Forty long names on one spot of a small chart: not all fit.
        let points = vec![[100.0, 100.0]; 40];
        let sizes = vec![[150.0, 16.0]; 40];
        let area = ScreenRect {
            x: 0.0,
            y: 0.0,
            w: 300.0,
            h: 200.0,
        };
        let placed = place_labels(&points, &sizes, 5.0, open_room(&area));
        assert_eq!(placed.len(), 40);
        assert!(placed[0].shown, "the first (the selected one) always fits");
        let shown: Vec<&LabelPlacement> = placed.iter().filter(|p| p.shown).collect();
        assert!(shown.len() > 1 && shown.len() < 40, "{} shown", shown.len());
        assert_clear(shown, &area);
    }

    #[test]
    fn labels_stay_in_their_quadrant_when_they_can() {
        // A point just left of a divider at x = 200: its label goes left,
        // not across the divider into the next quadrant.
        let area = ScreenRect {
            x: 0.0,
            y: 0.0,
            w: 400.0,
            h: 400.0,
        };
        let home = [ScreenRect {
            x: 0.0,
            y: 0.0,
            w: 200.0,
            h: 400.0,
        }];
        let room = LabelRoom {
            area,
            obstacles: &[],
            homes: &home,
        };
        let placed = place_labels(&[[190.0, 100.0]], &[[80.0, 12.0]], 5.0, room);
        assert!(placed[0].rect.x + placed[0].rect.w <= 200.0, "{placed:?}");
    }

    #[test]
    fn a_lone_point_gets_its_label_beside_it() {
        let area = ScreenRect {
            x: 0.0,
            y: 0.0,
            w: 800.0,
            h: 600.0,
        };
        let room = LabelRoom {
            area,
            obstacles: &[],
            homes: &[],
        };
        let placed = place_labels(&[[100.0, 100.0]], &[[50.0, 10.0]], 5.0, room);
        assert_eq!(
            placed[0].rect,
            ScreenRect {
                x: 108.0,
                y: 95.0,
                w: 50.0,
                h: 10.0
            }
        );
        assert!(!placed[0].leader);
    }
}
