//! The quarterly scorecard: what moved to shared, open and overdue
//! exceptions, the biggest duplications and disagreements, and how the
//! metrics moved against a baseline.

use serde::Serialize;

use super::{
    Date, Metric, Portfolio, diff, discuss_first, duplication_ranking, exceptions_register,
};

/// How many entries the "top" lists keep.
pub const TOP: usize = 5;

/// One metric of one capability, before and after.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MetricChange {
    /// Capability name.
    pub capability: String,
    /// Which metric.
    pub metric: Metric,
    /// The baseline's value.
    pub before: f64,
    /// This quarter's value.
    pub after: f64,
    /// Whether the change is an improvement.
    pub improved: bool,
}

/// The scorecard of a portfolio, against an optional baseline.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Scorecard {
    /// The portfolio's name and quarter.
    pub title: String,
    /// The baseline's quarter or name, when there is one.
    pub baseline: Option<String>,
    /// Capabilities that moved from team-owned to shared since the baseline.
    pub moved_to_shared: Vec<String>,
    /// How many exceptions are recorded.
    pub open_exceptions: usize,
    /// Overdue ones: capability, reason, review-by date.
    pub overdue_exceptions: Vec<(String, String, String)>,
    /// The most duplicated capabilities: name and copies.
    pub top_duplications: Vec<(String, usize)>,
    /// The widest disagreements: name and widest spread.
    pub biggest_disagreements: Vec<(String, u8)>,
    /// Metrics measured in both quarters that changed.
    pub metric_changes: Vec<MetricChange>,
}

impl Scorecard {
    /// The scorecard of `portfolio` as of `today`, against `baseline`.
    #[must_use]
    pub fn new(portfolio: &Portfolio, baseline: Option<&Portfolio>, today: Date) -> Self {
        let title = match &portfolio.quarter {
            Some(quarter) => format!("{} ({quarter})", portfolio.name),
            None => portfolio.name.clone(),
        };
        let register = exceptions_register(portfolio, today);
        let mut scorecard = Self {
            title,
            baseline: baseline.map(|b| b.quarter.clone().unwrap_or_else(|| b.name.clone())),
            open_exceptions: register.len(),
            overdue_exceptions: register
                .iter()
                .filter(|e| e.overdue)
                .map(|e| {
                    (
                        e.capability.name.clone(),
                        e.exception.reason.clone(),
                        e.exception.review_by.to_string(),
                    )
                })
                .collect(),
            top_duplications: duplication_ranking(portfolio)
                .into_iter()
                .take(TOP)
                .map(|c| (c.name.clone(), c.duplication()))
                .collect(),
            biggest_disagreements: discuss_first(portfolio)
                .into_iter()
                .take(TOP)
                .map(|c| (c.name.clone(), c.disagreement().0))
                .collect(),
            ..Self::default()
        };
        if let Some(baseline) = baseline {
            scorecard.moved_to_shared = diff(baseline, portfolio)
                .changed
                .into_iter()
                .filter(super::CapabilityChange::moved_to_shared)
                .map(|c| c.name)
                .collect();
            let baseline_by_id = baseline.by_id();
            for capability in &portfolio.capabilities {
                let Some(&before) = baseline_by_id.get(capability.id.as_str()) else {
                    continue;
                };
                for metric in Metric::ALL {
                    let (Some(old), Some(new)) =
                        (before.metrics.get(metric), capability.metrics.get(metric))
                    else {
                        continue;
                    };
                    if (old - new).abs() > f64::EPSILON {
                        scorecard.metric_changes.push(MetricChange {
                            capability: capability.name.clone(),
                            metric,
                            before: old,
                            after: new,
                            improved: (new > old) == metric.higher_is_better(),
                        });
                    }
                }
            }
        }
        scorecard
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Capability, Decision, Exception, Question, Score, parse_vote_digits};

    #[test]
    fn the_scorecard_names_moves_exceptions_duplication_disagreement_and_metrics() {
        let today = Date::from_ymd(2026, 11, 27).unwrap();
        let mut old = Portfolio::new("Map");
        let mut ci = Capability::new("ci", "CI");
        for (q, s) in Question::ALL.into_iter().zip([2, 2, 2, 4]) {
            ci.scores.set(q, Score::new(s));
        }
        ci.decision = Decision::Operate;
        ci.metrics.toil_hours_per_month = Some(40.0);
        ci.metrics.deployments_per_week = Some(10.0);
        old.capabilities.push(ci.clone().into());

        let mut new = Portfolio::new("Map");
        new.quarter = Some("2027-Q1".into());
        ci.decision = Decision::Orchestrate;
        ci.metrics.toil_hours_per_month = Some(12.0);
        ci.metrics.deployments_per_week = Some(8.0);
        ci.duplicated_by = vec!["a".into(), "b".into()];
        ci.exceptions.push(Exception {
            reason: "legacy".into(),
            approved_by: "CTO".into(),
            review_by: today.plus_days(-3),
        });
        ci.set_vote("x", parse_vote_digits("1111").unwrap());
        ci.set_vote("y", parse_vote_digits("4111").unwrap());
        ci.reveal_votes();
        new.capabilities.push(ci.into());
        new.capabilities.push(Capability::new("new", "New").into());

        let card = Scorecard::new(&new, Some(&old), today);
        assert_eq!(card.title, "Map (2027-Q1)");
        assert_eq!(card.moved_to_shared, ["CI"]);
        assert_eq!(card.open_exceptions, 1);
        assert_eq!(card.overdue_exceptions.len(), 1);
        assert_eq!(card.top_duplications, [("CI".to_owned(), 2)]);
        assert_eq!(card.biggest_disagreements, [("CI".to_owned(), 3)]);
        let toil = card
            .metric_changes
            .iter()
            .find(|m| m.metric == Metric::Toil)
            .unwrap();
        assert!(toil.improved, "less toil is better");
        let deploys = card
            .metric_changes
            .iter()
            .find(|m| m.metric == Metric::DeploymentFrequency)
            .unwrap();
        assert!(!deploys.improved, "fewer deployments is worse");
    }

    #[test]
    fn without_a_baseline_nothing_moved_and_no_metric_changed() {
        let card = Scorecard::new(
            &Portfolio::new("p"),
            None,
            Date::from_ymd(2026, 1, 1).unwrap(),
        );
        assert!(card.moved_to_shared.is_empty() && card.metric_changes.is_empty());
        assert_eq!(card.baseline, None);
    }
}
