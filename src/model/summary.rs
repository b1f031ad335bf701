//! Counts over a whole portfolio: zones, recommendations, conflicts,
//! overdue exceptions, duplication and decisions.

use serde::Serialize;

use super::changes::Changed;
use super::{
    Capability, Date, Decision, DecisionProgress, Portfolio, Recommendation, ScoringSettings, Zone,
    conflicts_for, is_shadow_tooling, locate, missing_controls,
};

/// Counts over a whole portfolio, for the status bar and `capmap check`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// All capabilities.
    pub capabilities: usize,
    /// Per zone, in `Zone::ALL` order.
    pub per_zone: [usize; 4],
    /// Per recommendation, in `Recommendation::ALL` order.
    pub per_recommendation: [usize; 4],
    /// Capabilities still missing a score.
    pub to_score: usize,
    /// Conflicts of every kind.
    pub conflicts: usize,
    /// Of those, the severe ones.
    pub severe_conflicts: usize,
    /// Exceptions past their review date.
    pub overdue_exceptions: usize,
    /// Capabilities that at least one team runs its own copy of.
    pub duplicated: usize,
    /// Capabilities with a recorded decision.
    pub decided: usize,
    /// Decisions past their review date.
    pub overdue_reviews: usize,
    /// Capabilities teams run that miss part of the minimum standard.
    pub standard_gaps: usize,
    /// Capabilities teams still run copies of after the migration's
    /// target quarter.
    pub shadow_tooling: usize,
}

impl Summary {
    /// Counts `portfolio` as of `today`.
    #[must_use]
    pub fn of(portfolio: &Portfolio, today: Date) -> Self {
        let context = Context::of(portfolio, today);
        let mut summary = Self {
            capabilities: portfolio.capabilities.len(),
            ..Self::default()
        };
        for capability in &portfolio.capabilities {
            summary.count(capability, &context, Add);
        }
        summary
    }

    /// The counts of `changed.after()`, given that `self` holds those of
    /// `changed.before()` as of `today`: only the capabilities the edit
    /// replaced are counted again (an edit shares all the others), so
    /// showing an edit at 10,000 capabilities costs what the edit touched.
    /// Counted from scratch when a setting every capability is counted
    /// against changed.
    #[must_use]
    pub fn updated(&self, changed: &Changed<'_>, today: Date) -> Self {
        let (before, after) = (changed.before(), changed.after());
        let same_settings = before.scoring == after.scoring
            && before.quarter == after.quarter
            && before.minimum_standard == after.minimum_standard;
        if !same_settings {
            return Self::of(after, today);
        }
        let context = Context::of(after, today);
        let mut summary = self.clone();
        summary.capabilities = after.capabilities.len();
        for capability in &changed.capabilities().removed {
            summary.count(capability, &context, Subtract);
        }
        for capability in &changed.capabilities().added {
            summary.count(capability, &context, Add);
        }
        summary
    }

    /// Adds `capability` to the counts, or takes it out of them.
    fn count(&mut self, capability: &Capability, context: &Context<'_>, sign: Sign) {
        let bump = |field: &mut usize, by: usize| match sign {
            Add => *field += by,
            Subtract => *field = field.saturating_sub(by),
        };
        if let Some(i) = Zone::ALL.iter().position(|z| *z == capability.zone) {
            bump(&mut self.per_zone[i], 1);
        }
        match locate(capability, context.scoring) {
            Some(position) => {
                let rec = position.recommendation;
                if let Some(i) = Recommendation::ALL.iter().position(|r| *r == rec) {
                    bump(&mut self.per_recommendation[i], 1);
                }
                for conflict in conflicts_for(capability, rec) {
                    bump(&mut self.conflicts, 1);
                    bump(
                        &mut self.severe_conflicts,
                        usize::from(conflict.is_severe()),
                    );
                }
            }
            None => bump(&mut self.to_score, 1),
        }
        let today = context.today;
        bump(
            &mut self.overdue_exceptions,
            capability.overdue_exceptions(today).count(),
        );
        bump(
            &mut self.duplicated,
            usize::from(capability.duplication() > 0),
        );
        bump(
            &mut self.decided,
            usize::from(capability.decision != Decision::Undecided),
        );
        bump(
            &mut self.overdue_reviews,
            usize::from(capability.review_overdue(context.quarter, today)),
        );
        bump(
            &mut self.standard_gaps,
            usize::from(!missing_controls(capability, context.standard).is_empty()),
        );
        bump(
            &mut self.shadow_tooling,
            usize::from(is_shadow_tooling(capability, today)),
        );
    }

    /// How many are decided, of all: "3 of 24 decided".
    #[must_use]
    pub fn decision_progress(&self) -> DecisionProgress {
        DecisionProgress {
            decided: self.decided,
            total: self.capabilities,
        }
    }

    /// How many are in `zone`.
    #[must_use]
    pub fn in_zone(&self, zone: Zone) -> usize {
        Zone::ALL
            .iter()
            .position(|z| *z == zone)
            .map_or(0, |i| self.per_zone[i])
    }

    /// How many land in `recommendation`.
    #[must_use]
    pub fn recommended(&self, recommendation: Recommendation) -> usize {
        Recommendation::ALL
            .iter()
            .position(|r| *r == recommendation)
            .map_or(0, |i| self.per_recommendation[i])
    }
}

/// What every capability is counted against.
struct Context<'a> {
    scoring: &'a ScoringSettings,
    quarter: Option<&'a str>,
    standard: &'a [String],
    today: Date,
}

impl<'a> Context<'a> {
    fn of(portfolio: &'a Portfolio, today: Date) -> Self {
        Self {
            scoring: &portfolio.scoring,
            quarter: portfolio.quarter.as_deref(),
            standard: &portfolio.minimum_standard,
            today,
        }
    }
}

/// Whether a capability goes into the counts or comes out of them.
#[derive(Clone, Copy)]
enum Sign {
    Add,
    Subtract,
}
use Sign::{Add, Subtract};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Capability, Exception, Score, Scores};

    fn scored(reuse: u8, cost: u8, risk: u8, differentiation: u8) -> Capability {
        let mut capability = Capability::new("c", "C");
        capability.scores = Scores {
            reuse: Score::new(reuse),
            cost: Score::new(cost),
            risk: Score::new(risk),
            differentiation: Score::new(differentiation),
        };
        capability
    }

    #[test]
    fn summary_counts_zones_recommendations_conflicts_overdue_duplication_and_decisions() {
        let today = Date::from_ymd(2026, 11, 27).unwrap();
        let mut portfolio = Portfolio::new("p");
        let mut a = scored(5, 5, 5, 1);
        a.zone = Zone::Commodity;
        a.duplicated_by = vec!["t1".into(), "t2".into()];
        a.exceptions.push(Exception {
            reason: "r".into(),
            approved_by: "a".into(),
            review_by: today.plus_days(-1),
        });
        a.exceptions.push(Exception {
            reason: "r".into(),
            approved_by: "a".into(),
            review_by: today,
        });
        let mut b = scored(1, 1, 1, 5);
        b.zone = Zone::RegulatedControl;
        b.decision = Decision::Operate;
        let c = Capability::new("c", "C");
        portfolio.capabilities = vec![a, b, c].into_iter().map(std::sync::Arc::new).collect();
        let summary = Summary::of(&portfolio, today);
        assert_eq!(summary.capabilities, 3);
        assert_eq!(summary.in_zone(Zone::Commodity), 1);
        assert_eq!(summary.in_zone(Zone::RegulatedControl), 1);
        assert_eq!(summary.in_zone(Zone::Unplaced), 1);
        assert_eq!(summary.recommended(Recommendation::Orchestrate), 1);
        assert_eq!(summary.recommended(Recommendation::Operate), 1);
        assert_eq!(summary.to_score, 1);
        assert_eq!(summary.conflicts, 1);
        assert_eq!(summary.severe_conflicts, 1);
        assert_eq!(summary.overdue_exceptions, 1);
        assert_eq!(summary.duplicated, 1);
        assert_eq!(summary.decided, 1);
        assert_eq!(summary.decision_progress().to_string(), "1 of 3 decided");
    }

    #[test]
    fn summary_counts_overdue_reviews_standard_gaps_and_shadow_tooling() {
        let today = Date::from_ymd(2026, 11, 27).unwrap();
        let mut portfolio = Portfolio::new("p");
        portfolio.quarter = Some("2026-Q3".into());
        let mut overdue = Capability::new("overdue", "Overdue");
        overdue.decision = Decision::Orchestrate;
        let mut due_today = Capability::new("today", "Today");
        due_today.decision = Decision::Orchestrate;
        due_today.review_on = Some(today);
        let mut gap = Capability::new("gap", "Gap");
        gap.decision = Decision::Operate;
        gap.review_on = Some(today);
        let mut shadow = Capability::new("shadow", "Shadow");
        shadow.decision = Decision::Orchestrate;
        shadow.review_on = Some(today);
        shadow.standard_met = portfolio.minimum_standard.clone();
        shadow.duplicated_by = vec!["a".into()];
        shadow.migration = Some(crate::model::Migration {
            target_quarter: Some("2026-Q3".into()),
            ..crate::model::Migration::default()
        });
        portfolio.capabilities = vec![overdue, due_today, gap, shadow]
            .into_iter()
            .map(std::sync::Arc::new)
            .collect();
        let summary = Summary::of(&portfolio, today);
        assert_eq!(
            summary.overdue_reviews, 1,
            "only the one due on 2026-10-01, the day after Q3"
        );
        assert_eq!(summary.standard_gaps, 1, "the operated one meets nothing");
        assert_eq!(summary.shadow_tooling, 1, "copies after Q3");
    }

    #[test]
    fn summary_counts_each_zone_and_recommendation_on_its_own() {
        let mut portfolio = Portfolio::new("P");
        for id in ["a", "b"] {
            let mut capability = scored(5, 5, 5, 1);
            capability.id = id.into();
            capability.zone = Zone::Commodity;
            portfolio.capabilities.push(capability.into());
        }
        let summary = Summary::of(&portfolio, Date::from_ymd(2026, 1, 1).unwrap());
        assert_eq!(summary.in_zone(Zone::Commodity), 2);
        assert_eq!(summary.in_zone(Zone::Differentiator), 0);
        assert_eq!(summary.recommended(Recommendation::Orchestrate), 2);
        assert_eq!(summary.recommended(Recommendation::Hybrid), 0);
    }
}
