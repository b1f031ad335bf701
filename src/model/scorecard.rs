//! The quarterly scorecard: what moved to shared, open and overdue
//! exceptions, the biggest duplications and disagreements, and how the
//! metrics moved against a baseline.

use serde::Serialize;

use super::{
    Date, Direction, Metric, Portfolio, diff, discuss_first, duplication_ranking,
    exceptions_register, is_shadow_tooling, missing_controls, next_quarter, quarter_key,
    quarter_of, quarter_start,
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

/// One metric target of one capability and whether it is met.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TargetCheck {
    /// Capability name.
    pub capability: String,
    /// Which metric.
    pub metric: Metric,
    /// The value to reach.
    pub target: f64,
    /// Whether the target is a floor or a ceiling.
    pub direction: Direction,
    /// This quarter's value, when measured.
    pub measured: Option<f64>,
    /// Whether the measured value meets the target; `None` unmeasured.
    pub on_track: Option<bool>,
}

/// A count over the whole portfolio in the baseline quarter and in this
/// one; for each, fewer is better.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Trend {
    /// What is counted, e.g. "Open exceptions".
    pub measure: String,
    /// In the baseline quarter.
    pub before: usize,
    /// In this quarter.
    pub after: usize,
}

impl Trend {
    /// "up", "down" or "unchanged".
    #[must_use]
    pub fn moved(&self) -> &'static str {
        match self.after.cmp(&self.before) {
            std::cmp::Ordering::Greater => "up",
            std::cmp::Ordering::Less => "down",
            std::cmp::Ordering::Equal => "unchanged",
        }
    }
}

/// The counts a scorecard follows from quarter to quarter: open exceptions
/// (a rising count says the standard may no longer fit), decisions due for
/// review by the end of the file's quarter, and standard gaps.
fn trend_counts(portfolio: &Portfolio, today: Date) -> [(&'static str, usize); 3] {
    let quarter = portfolio
        .quarter
        .as_deref()
        .and_then(quarter_key)
        .unwrap_or_else(|| quarter_of(today));
    let quarter_end = quarter_start(next_quarter(quarter));
    let reviews_due = portfolio
        .capabilities
        .iter()
        .filter_map(|c| c.review_date(portfolio.quarter.as_deref()))
        .filter(|due| quarter_end.is_none_or(|end| *due < end))
        .count();
    let gaps = portfolio
        .capabilities
        .iter()
        .filter(|c| !missing_controls(c, &portfolio.minimum_standard).is_empty())
        .count();
    [
        (
            "Open exceptions",
            portfolio
                .capabilities
                .iter()
                .map(|c| c.exceptions.len())
                .sum(),
        ),
        ("Decisions due for review in the quarter", reviews_due),
        ("Capabilities with standard gaps", gaps),
    ]
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
    /// Decisions past their review date: capability, decision, due date.
    pub overdue_reviews: Vec<(String, String, String)>,
    /// Capabilities teams run that miss part of the minimum standard.
    pub standard_gaps: usize,
    /// Capabilities teams still run copies of after the migration's
    /// target quarter.
    pub shadow_tooling: Vec<String>,
    /// Every metric target, met or not.
    pub targets: Vec<TargetCheck>,
    /// Counts that should fall, against the baseline.
    pub trends: Vec<Trend>,
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
        let quarter = portfolio.quarter.as_deref();
        for capability in &portfolio.capabilities {
            if capability.review_overdue(quarter, today)
                && let Some(due) = capability.review_date(quarter)
            {
                scorecard.overdue_reviews.push((
                    capability.name.clone(),
                    capability.decision.label().to_owned(),
                    due.to_string(),
                ));
            }
            if is_shadow_tooling(capability, today) {
                scorecard.shadow_tooling.push(capability.name.clone());
            }
            for target in &capability.targets {
                let measured = capability.metrics.get(target.metric);
                scorecard.targets.push(TargetCheck {
                    capability: capability.name.clone(),
                    metric: target.metric,
                    target: target.value,
                    direction: target.direction,
                    measured,
                    on_track: measured.map(|m| target.is_met_by(m)),
                });
            }
        }
        let counts = trend_counts(portfolio, today);
        scorecard.standard_gaps = counts[2].1;
        if let Some(baseline) = baseline {
            scorecard.trends = trend_counts(baseline, today)
                .into_iter()
                .zip(counts)
                .map(|((measure, before), (_, after))| Trend {
                    measure: measure.to_owned(),
                    before,
                    after,
                })
                .collect();
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
    fn the_scorecard_checks_targets_and_follows_exceptions_reviews_and_gaps() {
        use crate::model::{Direction, Migration, Target};
        let today = Date::from_ymd(2026, 11, 27).unwrap();
        let mut old = Portfolio::new("Map");
        old.quarter = Some("2026-Q3".into());
        let mut ci = Capability::new("ci", "CI");
        ci.decision = Decision::Operate;
        ci.exceptions.push(Exception {
            reason: "legacy".into(),
            approved_by: "CTO".into(),
            review_by: today,
        });
        old.capabilities.push(ci.clone().into());
        let mut new = old.clone();
        new.quarter = Some("2026-Q4".into());
        ci.exceptions.clear();
        ci.standard_met = new.minimum_standard.clone();
        ci.decision = Decision::Orchestrate;
        ci.review_on = Date::from_ymd(2026, 11, 1);
        ci.duplicated_by = vec!["web".into()];
        ci.migration = Some(Migration {
            target_quarter: Some("2026-Q3".into()),
            ..Migration::default()
        });
        ci.metrics.toil_hours_per_month = Some(12.0);
        ci.targets = vec![
            Target {
                metric: Metric::Toil,
                value: 12.0,
                direction: Direction::AtMost,
            },
            Target {
                metric: Metric::SelfService,
                value: 80.0,
                direction: Direction::AtLeast,
            },
            Target {
                metric: Metric::DeploymentFrequency,
                value: 20.0,
                direction: Direction::AtLeast,
            },
        ];
        ci.metrics.self_service_pct = Some(60.0);
        new.capabilities[0] = ci.into();
        let card = Scorecard::new(&new, Some(&old), today);
        let on_track: Vec<Option<bool>> = card.targets.iter().map(|t| t.on_track).collect();
        assert_eq!(
            on_track,
            [Some(true), Some(false), None],
            "on a ceiling, under a floor, not measured"
        );
        assert_eq!(
            card.overdue_reviews,
            [("CI".into(), "Orchestrate".into(), "2026-11-01".into())],
            "its own review date has passed"
        );
        assert_eq!(card.shadow_tooling, ["CI"], "a copy left after Q3");
        let trends: Vec<(&str, usize, usize, &str)> = card
            .trends
            .iter()
            .map(|t| (t.measure.as_str(), t.before, t.after, t.moved()))
            .collect();
        assert_eq!(
            trends,
            [
                ("Open exceptions", 1, 0, "down"),
                ("Decisions due for review in the quarter", 0, 1, "up"),
                ("Capabilities with standard gaps", 1, 0, "down"),
            ],
            "each count against the baseline and which way it moved"
        );
        assert_eq!(card.standard_gaps, 0, "every control met now");
    }

    #[test]
    fn without_a_baseline_nothing_moved_and_no_metric_changed() {
        let card = Scorecard::new(
            &Portfolio::new("p"),
            None,
            Date::from_ymd(2026, 1, 1).unwrap(),
        );
        assert!(card.moved_to_shared.is_empty() && card.metric_changes.is_empty());
        assert!(card.trends.is_empty(), "no trend without a baseline");
        assert_eq!(card.baseline, None);
    }
}
