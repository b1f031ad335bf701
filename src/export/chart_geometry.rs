//! The quadrant chart as plain geometry: where each capability sits, how
//! equal scores are spread so none hides another, and where labels go so
//! no two overlap. The on-screen chart and the exported images both draw
//! from this, so what is projected and what is exported agree.

use crate::model::{
    Comparison, Date, Decision, Portfolio, Question, Recommendation, ScoringSettings, Zone,
    conflicts_for, locate,
};

/// The lowest value shown on either axis.
pub const AXIS_MIN: f64 = 0.5;
/// The highest value shown on either axis.
pub const AXIS_MAX: f64 = 5.5;

/// Horizontal axis title.
pub const X_AXIS_TITLE: &str = "Differentiation (product advantage of tailoring)";
/// Vertical axis title.
pub const Y_AXIS_TITLE: &str = "Centralization pull (reuse, cost, risk)";

/// One scored capability on the chart.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartPoint {
    /// The capability, shared with the portfolio: a chart of 10,000 is
    /// worked out again at every edit, and copying every id and name was
    /// a third of that.
    pub capability: std::sync::Arc<crate::model::Capability>,
    /// Its zone (colours the point).
    pub zone: Zone,
    /// Its quadrant.
    pub recommendation: Recommendation,
    /// The true differentiation score.
    pub differentiation: f64,
    /// The true centralization pull.
    pub pull: f64,
    /// How many capabilities share these exact scores (1 = alone).
    pub shared_with: usize,
    /// It has a zone or decision conflict.
    pub conflict: bool,
    /// It has an overdue exception.
    pub overdue: bool,
    /// It is to be shared but the platform team cannot support it yet.
    pub not_ready: bool,
    /// Lowest and highest differentiation voted, once votes are revealed.
    pub differentiation_spread: Option<(f64, f64)>,
    /// Lowest and highest pull among the voters, once votes are revealed.
    pub pull_spread: Option<(f64, f64)>,
    /// What the room decided (`Undecided` until it does).
    pub decision: Decision,
    /// Its number on a numbered chart (from 1): quadrant by quadrant in
    /// reading order, within a quadrant top to bottom and left to right,
    /// so that capabilities with equal scores have consecutive numbers.
    pub number: usize,
}

impl ChartPoint {
    /// Capability id.
    #[must_use]
    pub fn id(&self) -> &str {
        &self.capability.id
    }

    /// Capability name.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.capability.name
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
    /// Capabilities still to score, shared with the portfolio; never
    /// plotted.
    pub to_score: Vec<std::sync::Arc<crate::model::Capability>>,
    /// The settings and the day it was worked out with: an update keeps
    /// points only while both are the same.
    made_with: (ScoringSettings, Date),
    /// Which working-out made it (see [`ChartGeometry::stamp`]).
    stamp: Stamp,
}

/// A number no other chart worked out in this process has. Charts equal in
/// content are equal whatever their stamps.
#[derive(Clone, Copy, Debug)]
struct Stamp(u64);

impl Stamp {
    fn next() -> Self {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Self(NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
    }
}

impl PartialEq for Stamp {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// A mark the chart's legend explains.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LegendMark {
    /// A zone's colour.
    Zone(Zone),
    /// A filled dot: decided.
    Decided,
    /// A hollow dot: not decided yet.
    Undecided,
    /// A red ring: the scores and the zone disagree.
    Conflict,
    /// A small dot: an exception past its review date.
    Overdue,
    /// A small dot at the lower left: to be shared, the platform not
    /// ready for it yet.
    NotReady,
    /// A halo: several capabilities with the same scores.
    Shared,
    /// Whiskers: the votes' lowest to highest.
    Spread,
}

impl LegendMark {
    /// What the mark means, in the legend's words.
    #[must_use]
    pub fn text(self) -> &'static str {
        match self {
            Self::Zone(zone) => zone.label(),
            Self::Decided => "decided",
            Self::Undecided => "not decided yet",
            Self::Conflict => "conflict",
            Self::Overdue => "overdue exception",
            Self::NotReady => "platform not ready",
            Self::Shared => "same scores",
            Self::Spread => "vote spread, lowest to highest",
        }
    }
}

impl ChartGeometry {
    /// The marks this chart uses, in the legend's order, on screen and in
    /// images alike: the zones' colours, decided or not, then conflicts,
    /// overdue exceptions, shared spots and vote spreads when a point has
    /// them. `spread_drawn` tells whether a point's spread is drawn.
    #[must_use]
    pub fn legend(&self, spread_drawn: impl Fn(&ChartPoint) -> bool) -> Vec<LegendMark> {
        let points = &self.points;
        let mut marks: Vec<LegendMark> = [
            Zone::Commodity,
            Zone::Differentiator,
            Zone::RegulatedControl,
            Zone::Unplaced,
        ]
        .into_iter()
        .map(LegendMark::Zone)
        .collect();
        marks.extend([LegendMark::Decided, LegendMark::Undecided]);
        let present = [
            (LegendMark::Conflict, points.iter().any(|p| p.conflict)),
            (LegendMark::Overdue, points.iter().any(|p| p.overdue)),
            (LegendMark::NotReady, points.iter().any(|p| p.not_ready)),
            (LegendMark::Shared, points.iter().any(|p| p.shared_with > 1)),
            (
                LegendMark::Spread,
                points.iter().any(|p| {
                    spread_drawn(p)
                        && (p.differentiation_spread.is_some() || p.pull_spread.is_some())
                }),
            ),
        ];
        marks.extend(
            present
                .into_iter()
                .filter(|(_, shown)| *shown)
                .map(|(mark, _)| mark),
        );
        marks
    }
}

impl ChartGeometry {
    /// A number that tells this chart from every other worked out in this
    /// process (a clone keeps it). The screen keys what it draws from a
    /// chart by it rather than by hashing every point each frame: a chart
    /// is worked out anew at each edit and never changed in place.
    #[must_use]
    pub fn stamp(&self) -> u64 {
        self.stamp.0
    }

    /// The chart of `portfolio`, with exceptions judged as of `today`.
    #[must_use]
    pub fn new(portfolio: &Portfolio, today: Date) -> Self {
        Self::with_settings(portfolio, &portfolio.scoring, today)
    }

    /// The chart as it would be under other scoring settings (live weights).
    #[must_use]
    pub fn with_settings(portfolio: &Portfolio, settings: &ScoringSettings, today: Date) -> Self {
        let mut points = Vec::new();
        let mut to_score = Vec::new();
        for capability in &portfolio.capabilities {
            match point_of(capability, settings, today) {
                Some(point) => points.push(point),
                None => to_score.push(std::sync::Arc::clone(capability)),
            }
        }
        Self::of_points(points, to_score, settings, today)
    }

    /// The chart of these points: equal positions counted, points
    /// numbered, quadrants split at the threshold.
    fn of_points(
        mut points: Vec<ChartPoint>,
        to_score: Vec<std::sync::Arc<crate::model::Capability>>,
        settings: &ScoringSettings,
        today: Date,
    ) -> Self {
        let t = settings.threshold;
        count_equal_positions(&mut points);
        number_points(&mut points);
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
            made_with: (*settings, today),
            stamp: Stamp::next(),
        }
    }
}

/// Where `capability` sits under `settings`, or `None` while a score is
/// missing. Its count of equal positions and its number are worked out
/// over the whole chart afterwards.
fn point_of(
    capability: &std::sync::Arc<crate::model::Capability>,
    settings: &ScoringSettings,
    today: Date,
) -> Option<ChartPoint> {
    let assessment = locate(capability, settings)?;
    Some(ChartPoint {
        capability: std::sync::Arc::clone(capability),
        zone: capability.zone,
        recommendation: assessment.recommendation,
        differentiation: assessment.differentiation,
        pull: assessment.pull,
        shared_with: 1,
        conflict: !conflicts_for(capability, assessment.recommendation).is_empty(),
        overdue: capability.overdue_exceptions(today).next().is_some(),
        not_ready: crate::model::awaits_platform(capability, settings).is_some(),
        differentiation_spread: capability
            .votes_revealed
            .then(|| capability.spread(Question::Differentiation))
            .flatten()
            .map(|s| (f64::from(s.low), f64::from(s.high))),
        pull_spread: capability
            .votes_revealed
            .then(|| capability.pull_spread(settings))
            .flatten(),
        decision: capability.decision,
        number: 0,
    })
}

/// The quadrants in the order people read the chart: top left, top right,
/// bottom left, bottom right.
pub const READING_ORDER: [Recommendation; 4] = [
    Recommendation::Orchestrate,
    Recommendation::Hybrid,
    Recommendation::Rationalize,
    Recommendation::Operate,
];

/// Numbers the points quadrant by quadrant in reading order, and within a
/// quadrant as the chart reads: top to bottom, then left to right; those
/// on one spot in board order (zone by zone, then as in the column).
fn number_points(points: &mut [ChartPoint]) {
    let rank = |p: &ChartPoint| {
        let quadrant = READING_ORDER
            .iter()
            .position(|r| *r == p.recommendation)
            .unwrap_or(READING_ORDER.len());
        let zone = Zone::ALL
            .iter()
            .position(|z| *z == p.zone)
            .unwrap_or(Zone::ALL.len());
        // Top to bottom, left to right, as eyes scan the chart; equal
        // scores get consecutive numbers, in board order.
        let down = -(p.pull * 1000.0).round() as i64;
        let right = (p.differentiation * 1000.0).round() as i64;
        (quadrant, down, right, zone)
    };
    // Sorted from the order of the numbers the points had, when they
    // had some: after an edit only the points it moved are out of place,
    // and the (stable, run-finding) sort then costs little more than a
    // pass. The index makes every key distinct, so the result is the
    // same whatever the starting order.
    let mut start: Vec<Option<usize>> = vec![None; points.len()];
    let mut fresh = Vec::new();
    for (i, point) in points.iter().enumerate() {
        match start.get_mut(point.number.wrapping_sub(1)) {
            Some(slot @ None) => *slot = Some(i),
            _ => fresh.push(i),
        }
    }
    let mut keyed: Vec<_> = start
        .into_iter()
        .flatten()
        .chain(fresh)
        .map(|i| (rank(&points[i]), i))
        .collect();
    #[expect(
        clippy::stable_sort_primitive,
        reason = "the stable sort finds the runs already in order; the unstable one does not"
    )]
    keyed.sort();
    for (n, (_, i)) in keyed.into_iter().enumerate() {
        points[i].number = n + 1;
    }
}

impl ChartGeometry {
    /// The index of a numbered chart: each quadrant in reading order with
    /// its points (indices into `points`) in number order. Empty quadrants
    /// are left out.
    #[must_use]
    pub fn index(&self) -> Vec<(Recommendation, Vec<usize>)> {
        READING_ORDER
            .iter()
            .filter_map(|&recommendation| {
                let mut members: Vec<usize> = (0..self.points.len())
                    .filter(|&i| self.points[i].recommendation == recommendation)
                    .collect();
                members.sort_by_key(|&i| self.points[i].number);
                (!members.is_empty()).then_some((recommendation, members))
            })
            .collect()
    }

    /// The spots that two or more capabilities share, as (differentiation,
    /// pull) with how many share each.
    #[must_use]
    pub fn shared_spots(&self) -> Vec<([f64; 2], usize)> {
        let mut spots: Vec<([f64; 2], usize)> = Vec::new();
        for p in self.points.iter().filter(|p| p.shared_with > 1) {
            let at = [p.differentiation, p.pull];
            if !spots
                .iter()
                .any(|(s, _)| (s[0] - at[0]).abs() < 1e-9 && (s[1] - at[1]).abs() < 1e-9)
            {
                spots.push((at, p.shared_with));
            }
        }
        spots
    }
}

/// Counts, for each point, how many share its exact scores.
fn count_equal_positions(points: &mut [ChartPoint]) {
    let key = |p: &ChartPoint| {
        (
            (p.differentiation * 1000.0).round() as i64,
            (p.pull * 1000.0).round() as i64,
        )
    };
    let mut counts: crate::model::FastHashMap<(i64, i64), usize> =
        crate::model::fast_map(points.len());
    for point in points.iter() {
        *counts.entry(key(point)).or_default() += 1;
    }
    for point in points.iter_mut() {
        point.shared_with = counts.get(&key(point)).copied().unwrap_or(1);
    }
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
        self.moves(Comparison::earlier(baseline))
    }

    /// The moves between this chart's portfolio and the other quarter's,
    /// from the earlier position to the later: when the other file is the
    /// later quarter, from each dot to where it goes.
    #[must_use]
    pub fn moves(&self, comparison: Comparison<'_>) -> Vec<ChartMove> {
        let other = comparison.other;
        let other_by_id = other.by_id();
        self.points
            .iter()
            .filter_map(|point| {
                let there = *other_by_id.get(point.id())?;
                let there = locate(there, &other.scoring)?;
                let moved = (there.differentiation - point.differentiation).abs() > 1e-9
                    || (there.pull - point.pull).abs() > 1e-9;
                let here = [point.differentiation, point.pull];
                let there = [there.differentiation, there.pull];
                let (from, to) = if comparison.other_is_later {
                    (here, there)
                } else {
                    (there, here)
                };
                moved.then(|| ChartMove {
                    id: point.id().to_owned(),
                    from,
                    to,
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
}

mod update;

#[cfg(test)]
mod tests;
