//! Bringing a chart up to date after an edit: the points of capabilities
//! the edit did not replace are kept (an edit shares them, by pointer);
//! only the replaced ones are placed again. Counting equal positions and
//! numbering stay whole-chart steps, a hash and a sort.

use std::sync::Arc;

use super::{ChartGeometry, ChartPoint, point_of};
use crate::model::{Changed, Date, ScoringSettings};

impl ChartGeometry {
    /// The chart of `changed.after()` under `settings` as of `today`,
    /// given that `self` is the chart of `changed.before()`: the same as
    /// [`ChartGeometry::with_settings`]`(after, settings, today)`, in time
    /// that grows with what the edit replaced plus a sort of the points.
    /// Worked out from scratch when the settings or the day differ from
    /// those `self` was made with.
    #[must_use]
    pub fn updated(&self, changed: &Changed<'_>, settings: &ScoringSettings, today: Date) -> Self {
        let (before, after) = (changed.before(), changed.after());
        if self.made_with != (*settings, today) {
            return Self::with_settings(after, settings, today);
        }
        let (old, new) = (&before.capabilities, &after.capabilities);
        // Each of `before`'s capabilities' point, by walking both lists
        // (points are in portfolio order, unscored ones left out).
        let mut points = self.points.iter().peekable();
        let point_at: Vec<Option<&ChartPoint>> = old
            .iter()
            .map(|capability| points.next_if(|p| Arc::ptr_eq(&p.capability, capability)))
            .collect();
        if points.next().is_some() || self.points.len() + self.to_score.len() != old.len() {
            // Not the chart of `before` after all.
            return Self::with_settings(after, settings, today);
        }
        let replaced = changed.capabilities();
        let mut kept_points = Vec::with_capacity(new.len());
        let mut to_score = Vec::new();
        for (i, capability) in new.iter().enumerate() {
            let point = match replaced.was_at(i) {
                // Unchanged: its point as it was, or still unscored.
                Some(j) => point_at[j].cloned(),
                None => point_of(capability, settings, today),
            };
            match point {
                Some(point) => kept_points.push(point),
                None => to_score.push(Arc::clone(capability)),
            }
        }
        let mut chart = Self::of_points(kept_points, to_score, settings, today);
        if chart.looks_like(self) {
            // A change the chart does not show (a note, an owner): keep
            // the stamp, so what was drawn from it is reused.
            chart.stamp = self.stamp;
        }
        chart
    }

    /// Whether the two charts draw the same: every field of every point
    /// but the rest of its capability (its notes, owner and the like).
    #[must_use]
    pub fn looks_like(&self, other: &Self) -> bool {
        self.threshold.to_bits() == other.threshold.to_bits()
            && self.quadrants == other.quadrants
            && self.to_score.len() == other.to_score.len()
            && self
                .to_score
                .iter()
                .zip(&other.to_score)
                .all(|(a, b)| Arc::ptr_eq(a, b) || (a.id == b.id && a.name == b.name))
            && self.points.len() == other.points.len()
            && self
                .points
                .iter()
                .zip(&other.points)
                .all(|(a, b)| a.looks_like(b))
    }
}

impl ChartPoint {
    /// Whether the two points draw the same: every field, and of the
    /// capability its id and name only.
    #[must_use]
    pub fn looks_like(&self, other: &Self) -> bool {
        // Every field by name, so a field added later cannot be forgotten.
        let Self {
            capability,
            zone,
            recommendation,
            differentiation,
            pull,
            shared_with,
            conflict,
            overdue,
            not_ready,
            differentiation_spread,
            pull_spread,
            decision,
            number,
        } = self;
        (Arc::ptr_eq(capability, &other.capability)
            || (capability.id == other.capability.id && capability.name == other.capability.name))
            && *zone == other.zone
            && *recommendation == other.recommendation
            && differentiation.to_bits() == other.differentiation.to_bits()
            && pull.to_bits() == other.pull.to_bits()
            && *shared_with == other.shared_with
            && *conflict == other.conflict
            && *overdue == other.overdue
            && *not_ready == other.not_ready
            && *differentiation_spread == other.differentiation_spread
            && *pull_spread == other.pull_spread
            && *decision == other.decision
            && *number == other.number
    }
}
