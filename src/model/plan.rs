//! The plan a workshop leaves with (framework §8-§10): the migration
//! backlog in order of friction, each team-run capability's gaps against
//! the minimum standard, the shared services the platform cannot support
//! yet, and the decisions due for review.

use std::cmp::Ordering;

use serde::Serialize;

use super::{
    Capability, Date, Decision, MigrationStatus, Portfolio, Readiness, Recommendation, locate,
    next_quarter, quarter_of, quarter_start, same_control,
};

/// One capability teams should move off their own copies of.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BacklogItem {
    /// Capability id.
    pub id: String,
    /// Capability name.
    pub name: String,
    /// The decision that put it here: Orchestrate or Rationalize.
    pub decision: Decision,
    /// How far the migration has come.
    pub status: MigrationStatus,
    /// The quarter teams should have moved by.
    pub target_quarter: Option<String>,
    /// Where the migration guide is.
    pub guide: String,
    /// Whom teams ask for help.
    pub contact: String,
    /// Teams that still run their own copy.
    pub copies: usize,
    /// Teams that use the shared service.
    pub adopted: usize,
    /// Its target quarter has passed while teams still run copies.
    pub shadow_tooling: bool,
    /// The facilitator put it in its place by hand.
    pub placed_by_hand: bool,
    /// Why it stands where it does, in a sentence.
    pub reason: String,
}

/// A capability teams run whose teams miss part of the minimum standard.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StandardGap {
    /// Capability id.
    pub id: String,
    /// Capability name.
    pub name: String,
    /// Why teams run it: its decision, or the teams running copies.
    pub run_by_teams_because: String,
    /// The controls not met, in the standard's order.
    pub missing: Vec<String>,
}

/// A capability to share that the platform team cannot support yet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Investment {
    /// Capability id.
    pub id: String,
    /// Capability name.
    pub name: String,
    /// The platform's readiness: partly or no.
    pub readiness: Readiness,
    /// What the room should read, e.g. "Orchestrate once the platform can
    /// support it".
    pub advice: String,
}

/// A decision due to be looked at again.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReviewDue {
    /// Capability id.
    pub id: String,
    /// Capability name.
    pub name: String,
    /// The decision to look at again.
    pub decision: Decision,
    /// When.
    pub due: Date,
    /// Already past that date.
    pub overdue: bool,
}

/// What the organisation acts on after the workshop.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Plan {
    /// The portfolio's name and quarter.
    pub title: String,
    /// The migration backlog, first to move first.
    pub backlog: Vec<BacklogItem>,
    /// Gaps against the minimum standard.
    pub standard_gaps: Vec<StandardGap>,
    /// Shared services waiting for the platform to be ready.
    pub investment: Vec<Investment>,
    /// Decisions overdue or due by the end of next quarter, soonest first.
    pub reviews: Vec<ReviewDue>,
}

/// What a recommendation reads as, given the platform's readiness: an
/// Orchestrate the platform cannot support yet is a plan to invest first.
#[must_use]
pub fn advice(recommendation: Recommendation, readiness: Readiness) -> String {
    match (recommendation, readiness) {
        (Recommendation::Orchestrate, Readiness::No) => {
            "Orchestrate once the platform can support it".to_owned()
        }
        (Recommendation::Orchestrate, Readiness::Partly) => {
            "Orchestrate, investing first where the platform falls short".to_owned()
        }
        (Recommendation::Hybrid, Readiness::No) => {
            "Hybrid once the platform can support the shared core".to_owned()
        }
        (recommendation, _) => recommendation.label().to_owned(),
    }
}

/// The shared model (Orchestrate or Hybrid) `capability` is headed for,
/// when the platform team cannot support it yet: its decision, or while
/// undecided its recommendation under `settings`. `None` when it is not
/// to be shared or the platform is ready (or nobody said).
#[must_use]
pub fn awaits_platform(
    capability: &Capability,
    settings: &super::ScoringSettings,
) -> Option<Recommendation> {
    if !capability.readiness.needs_investment() {
        return None;
    }
    let shared = match capability.decision {
        Decision::Orchestrate => Recommendation::Orchestrate,
        Decision::Hybrid => Recommendation::Hybrid,
        Decision::Undecided => locate(capability, settings)?.recommendation,
        Decision::Operate | Decision::Rationalize => return None,
    };
    matches!(shared, Recommendation::Orchestrate | Recommendation::Hybrid).then_some(shared)
}

/// Whether teams, not the platform, run `capability`: the room decided
/// Operate or Hybrid, or teams run copies of their own.
#[must_use]
pub fn run_by_teams(capability: &Capability) -> bool {
    matches!(capability.decision, Decision::Operate | Decision::Hybrid)
        || capability.duplication() > 0
}

/// The controls of `standard` that the teams running `capability` miss;
/// empty when the platform runs it.
#[must_use]
pub fn missing_controls<'a>(capability: &Capability, standard: &'a [String]) -> Vec<&'a str> {
    if !run_by_teams(capability) {
        return Vec::new();
    }
    standard
        .iter()
        .filter(|control| {
            !capability
                .standard_met
                .iter()
                .any(|met| same_control(met, control))
        })
        .map(String::as_str)
        .collect()
}

/// Whether `capability` belongs on the migration backlog: decided
/// Orchestrate or Rationalize while teams still run copies, or with a
/// migration recorded.
#[must_use]
pub fn on_backlog(capability: &Capability) -> bool {
    matches!(
        capability.decision,
        Decision::Orchestrate | Decision::Rationalize
    ) && (capability.duplication() > 0 || capability.migration.is_some())
}

/// Whether teams still run copies after the migration's target quarter.
#[must_use]
pub fn is_shadow_tooling(capability: &Capability, today: Date) -> bool {
    capability.duplication() > 0
        && capability
            .migration
            .as_ref()
            .is_some_and(|m| m.target_passed(today))
}

/// The measures the backlog is ranked by, most friction first.
struct Friction {
    copies: usize,
    toil: Option<f64>,
    failure_rate: Option<f64>,
    differentiation: Option<u8>,
}

impl Friction {
    fn of(capability: &Capability) -> Self {
        Self {
            copies: capability.duplication(),
            toil: capability.metrics.toil_hours_per_month,
            failure_rate: capability.metrics.change_failure_rate_pct,
            differentiation: capability.scores.differentiation.map(super::Score::get),
        }
    }

    /// The first measure on which `self` and `other` differ, as
    /// (ordering with more friction first, what it is, self's, other's).
    fn decider(&self, other: &Self) -> Option<(Ordering, &'static str, String, String)> {
        let count = |n: usize| n.to_string();
        let hours =
            |v: Option<f64>| v.map_or_else(|| "not measured".to_owned(), |v| format!("{v}"));
        let percent =
            |v: Option<f64>| v.map_or_else(|| "not measured".to_owned(), |v| format!("{v}%"));
        let score = |v: Option<u8>| v.map_or_else(|| "not scored".to_owned(), |v| v.to_string());
        // Unmeasured counts as the least friction; unscored as the most
        // differentiated, so evidence ranks ahead of guesses.
        let more = |a: Option<f64>, b: Option<f64>| {
            b.unwrap_or(f64::NEG_INFINITY)
                .total_cmp(&a.unwrap_or(f64::NEG_INFINITY))
        };
        let steps = [
            (
                other.copies.cmp(&self.copies),
                "teams running their own copy",
                count(self.copies),
                count(other.copies),
            ),
            (
                more(self.toil, other.toil),
                "toil hours a month",
                hours(self.toil),
                hours(other.toil),
            ),
            (
                more(self.failure_rate, other.failure_rate),
                "change failure rate",
                percent(self.failure_rate),
                percent(other.failure_rate),
            ),
            (
                self.differentiation
                    .unwrap_or(u8::MAX)
                    .cmp(&other.differentiation.unwrap_or(u8::MAX)),
                "differentiation",
                score(self.differentiation),
                score(other.differentiation),
            ),
        ];
        steps.into_iter().find(|step| step.0 != Ordering::Equal)
    }

    fn cmp(&self, other: &Self) -> Ordering {
        self.decider(other).map_or(Ordering::Equal, |d| d.0)
    }
}

/// The backlog in order: by hand where the facilitator placed items, then
/// the rest by friction, with each position's reason.
#[must_use]
pub fn backlog(portfolio: &Portfolio, today: Date) -> Vec<BacklogItem> {
    let mut ranked: Vec<(&Capability, Friction)> = portfolio
        .capabilities
        .iter()
        .filter(|c| on_backlog(c))
        .map(|c| (c.as_ref(), Friction::of(c)))
        .collect();
    // Stable: equal friction keeps the map's order.
    ranked.sort_by(|a, b| a.1.cmp(&b.1));
    // By id, so a long hand order costs a lookup per item, not a scan.
    let rank_of: std::collections::HashMap<&str, usize> = ranked
        .iter()
        .enumerate()
        .map(|(rank, (c, _))| (c.id.as_str(), rank))
        .collect();
    let by_hand: Vec<usize> = portfolio
        .backlog_order
        .iter()
        .filter_map(|id| rank_of.get(id.as_str()).copied())
        .collect();
    let mut placed = vec![false; ranked.len()];
    for &rank in &by_hand {
        placed[rank] = true;
    }
    let order: Vec<usize> = by_hand
        .iter()
        .copied()
        .chain((0..ranked.len()).filter(|&rank| !placed[rank]))
        .collect();
    order
        .iter()
        .enumerate()
        .map(|(position, &rank)| {
            let (capability, friction) = &ranked[rank];
            let placed_by_hand = position < by_hand.len();
            let reason = if placed_by_hand {
                format!(
                    "Placed here by hand; by friction it would be #{} of {}.",
                    rank + 1,
                    ranked.len()
                )
            } else {
                friction_reason(friction, ranked.get(rank + 1))
            };
            let migration = capability.migration.clone().unwrap_or_default();
            BacklogItem {
                id: capability.id.clone(),
                name: capability.name.clone(),
                decision: capability.decision,
                status: migration.status,
                target_quarter: migration.target_quarter,
                guide: migration.guide,
                contact: migration.contact,
                copies: capability.duplication(),
                adopted: capability.adopted_by.len(),
                shadow_tooling: is_shadow_tooling(capability, today),
                placed_by_hand,
                reason,
            }
        })
        .collect()
}

/// "4 teams run their own copy, ahead of Logging on toil hours a month (40
/// against 12)."
fn friction_reason(friction: &Friction, next: Option<&(&Capability, Friction)>) -> String {
    let copies = match friction.copies {
        0 => "No team runs its own copy any more".to_owned(),
        1 => "1 team runs its own copy".to_owned(),
        n => format!("{n} teams run their own copy"),
    };
    let Some((next, next_friction)) = next else {
        return format!("{copies}; last by friction.");
    };
    match friction.decider(next_friction) {
        Some((_, measure, mine, theirs)) => format!(
            "{copies}; ahead of {} on {measure} ({mine} against {theirs}).",
            next.name
        ),
        None => format!(
            "{copies}; level with {} on every measure, so the map's order decides.",
            next.name
        ),
    }
}

impl Plan {
    /// The plan of `portfolio` as of `today`.
    #[must_use]
    pub fn of(portfolio: &Portfolio, today: Date) -> Self {
        let title = match &portfolio.quarter {
            Some(quarter) => format!("{} ({quarter})", portfolio.name),
            None => portfolio.name.clone(),
        };
        let horizon = quarter_start(next_quarter(next_quarter(quarter_of(today))));
        let mut plan = Self {
            title,
            backlog: backlog(portfolio, today),
            ..Self::default()
        };
        let quarter = portfolio.quarter.as_deref();
        for capability in &portfolio.capabilities {
            let missing = missing_controls(capability, &portfolio.minimum_standard);
            if !missing.is_empty() {
                plan.standard_gaps.push(StandardGap {
                    id: capability.id.clone(),
                    name: capability.name.clone(),
                    run_by_teams_because: teams_run_it_because(capability),
                    missing: missing.into_iter().map(str::to_owned).collect(),
                });
            }
            if let Some(shared) = awaits_platform(capability, &portfolio.scoring) {
                plan.investment.push(Investment {
                    id: capability.id.clone(),
                    name: capability.name.clone(),
                    readiness: capability.readiness,
                    advice: advice(shared, capability.readiness),
                });
            }
            if let Some(due) = capability.review_date(quarter)
                && horizon.is_none_or(|h| due < h)
            {
                plan.reviews.push(ReviewDue {
                    id: capability.id.clone(),
                    name: capability.name.clone(),
                    decision: capability.decision,
                    due,
                    overdue: due < today,
                });
            }
        }
        plan.reviews.sort_by_key(|r| r.due);
        plan
    }
}

/// "decided Operate", "3 teams run their own copy".
fn teams_run_it_because(capability: &Capability) -> String {
    match capability.decision {
        Decision::Operate | Decision::Hybrid => format!("decided {}", capability.decision),
        _ => match capability.duplication() {
            1 => "1 team runs its own copy".to_owned(),
            n => format!("{n} teams run their own copy"),
        },
    }
}

#[cfg(test)]
mod tests;
