//! The decision log: per capability, everything the room concluded and why,
//! computed once and written in any format.

use serde::Serialize;

use crate::model::{Date, Portfolio, Question, Recommendation, Summary, assess, conflicts_for};

/// The whole log.
#[derive(Clone, Debug, Serialize)]
pub struct DecisionLog {
    /// The portfolio's name.
    pub portfolio: String,
    /// Its quarter, if named.
    pub quarter: Option<String>,
    /// The day overdue exceptions are counted against.
    pub as_of: String,
    /// The threshold used.
    pub threshold: f64,
    /// Counts.
    pub summary: Summary,
    /// One entry per capability, in the portfolio's order.
    pub capabilities: Vec<LogEntry>,
}

/// The four answers, missing ones as `None`.
#[derive(Clone, Debug, Serialize)]
pub struct ScoreEntry {
    /// Reuse, 1-5.
    pub reuse: Option<u8>,
    /// Cost, 1-5.
    pub cost: Option<u8>,
    /// Risk, 1-5.
    pub risk: Option<u8>,
    /// Differentiation, 1-5.
    pub differentiation: Option<u8>,
}

/// One exception, with whether it is overdue.
#[derive(Clone, Debug, Serialize)]
pub struct ExceptionEntry {
    /// Why.
    pub reason: String,
    /// Who approved it.
    pub approved_by: String,
    /// When it is reviewed, `YYYY-MM-DD`.
    pub review_by: String,
    /// Past the review date.
    pub overdue: bool,
}

/// One capability's line in the log.
#[derive(Clone, Debug, Serialize)]
pub struct LogEntry {
    /// Stable id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Zone label.
    pub zone: String,
    /// The four answers.
    pub scores: ScoreEntry,
    /// Centralization pull, when scored.
    pub pull: Option<f64>,
    /// Recommendation, when scored.
    pub recommendation: Option<Recommendation>,
    /// Why, when scored; otherwise which answers are missing.
    pub reason: String,
    /// Recorded decision.
    pub decision: String,
    /// Its rationale.
    pub rationale: String,
    /// Owning team's name.
    pub owner: Option<String>,
    /// Escalation path.
    pub escalation_path: String,
    /// Support boundary.
    pub support_boundary: String,
    /// SLO.
    pub slo: String,
    /// Conflicts, one sentence each.
    pub conflicts: Vec<String>,
    /// Whether any conflict is severe.
    pub severe_conflict: bool,
    /// Every exception.
    pub exceptions: Vec<ExceptionEntry>,
    /// How many exceptions are overdue.
    pub overdue_exceptions: usize,
    /// Names of the teams running their own copy.
    pub duplicated_by: Vec<String>,
    /// How many teams run their own copy.
    pub duplication: usize,
    /// Tags.
    pub tags: Vec<String>,
}

impl DecisionLog {
    /// The log of `portfolio`, with exceptions judged as of `today`.
    #[must_use]
    pub fn new(portfolio: &Portfolio, today: Date) -> Self {
        let settings = &portfolio.scoring;
        let capabilities = portfolio
            .capabilities
            .iter()
            .map(|capability| {
                let assessment = assess(capability, settings);
                let conflicts = assessment
                    .as_ref()
                    .map(|a| conflicts_for(capability, a.recommendation))
                    .unwrap_or_default();
                let reason = assessment.as_ref().map_or_else(
                    || to_score_reason(&capability.scores.missing()),
                    |a| a.reason.clone(),
                );
                let scores = &capability.scores;
                let exceptions: Vec<ExceptionEntry> = capability
                    .exceptions
                    .iter()
                    .map(|e| ExceptionEntry {
                        reason: e.reason.clone(),
                        approved_by: e.approved_by.clone(),
                        review_by: e.review_by.to_string(),
                        overdue: e.is_overdue(today),
                    })
                    .collect();
                LogEntry {
                    id: capability.id.clone(),
                    name: capability.name.clone(),
                    description: capability.description.clone(),
                    zone: capability.zone.label().to_owned(),
                    scores: ScoreEntry {
                        reuse: scores.reuse.map(u8::from),
                        cost: scores.cost.map(u8::from),
                        risk: scores.risk.map(u8::from),
                        differentiation: scores.differentiation.map(u8::from),
                    },
                    pull: assessment.as_ref().map(|a| a.pull),
                    recommendation: assessment.as_ref().map(|a| a.recommendation),
                    reason,
                    decision: capability.decision.label().to_owned(),
                    rationale: capability.rationale.clone(),
                    owner: capability
                        .owner
                        .as_deref()
                        .map(|id| portfolio.team_name(id).to_owned()),
                    escalation_path: capability.escalation_path.clone(),
                    support_boundary: capability.support_boundary.clone(),
                    slo: capability.slo.clone(),
                    severe_conflict: conflicts.iter().any(crate::model::Conflict::is_severe),
                    conflicts: conflicts.iter().map(ToString::to_string).collect(),
                    overdue_exceptions: exceptions.iter().filter(|e| e.overdue).count(),
                    exceptions,
                    duplicated_by: capability
                        .duplicated_by
                        .iter()
                        .map(|id| portfolio.team_name(id).to_owned())
                        .collect(),
                    duplication: capability.duplication(),
                    tags: capability.tags.clone(),
                }
            })
            .collect();
        Self {
            portfolio: portfolio.name.clone(),
            quarter: portfolio.quarter.clone(),
            as_of: today.to_string(),
            threshold: settings.threshold,
            summary: Summary::of(portfolio, today),
            capabilities,
        }
    }
}

/// "To score: reuse and risk are missing."
fn to_score_reason(missing: &[Question]) -> String {
    let names: Vec<&str> = missing.iter().map(|q| q.short()).collect();
    let list = match names.as_slice() {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    };
    let verb = if names.len() == 1 { "is" } else { "are" };
    format!("To score: {list} {verb} missing.")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Capability, Exception, Score, Team};

    pub(crate) fn sample() -> Portfolio {
        let mut portfolio = Portfolio::new("Sample");
        portfolio.teams.push(Team {
            id: "platform".into(),
            name: "Platform team".into(),
        });
        let mut identity = Capability::new("identity", "Identity");
        identity.scores.reuse = Score::new(5);
        identity.scores.cost = Score::new(4);
        identity.scores.risk = Score::new(5);
        identity.scores.differentiation = Score::new(1);
        identity.owner = Some("platform".into());
        identity.duplicated_by = vec!["platform".into()];
        identity.exceptions.push(Exception {
            reason: "legacy LDAP".into(),
            approved_by: "CISO".into(),
            review_by: Date::from_ymd(2026, 1, 31).unwrap(),
        });
        let mut pipeline = Capability::new("pipeline", "Pipeline");
        pipeline.scores.cost = Score::new(2);
        portfolio.capabilities = vec![identity, pipeline]
            .into_iter()
            .map(std::sync::Arc::new)
            .collect();
        portfolio
    }

    #[test]
    fn entries_carry_recommendation_owner_overdue_and_duplication() {
        let log = DecisionLog::new(&sample(), Date::from_ymd(2026, 2, 1).unwrap());
        let identity = &log.capabilities[0];
        assert_eq!(identity.recommendation, Some(Recommendation::Orchestrate));
        assert_eq!(identity.owner.as_deref(), Some("Platform team"));
        assert_eq!(identity.overdue_exceptions, 1);
        assert_eq!(identity.duplicated_by, vec!["Platform team"]);
        let pipeline = &log.capabilities[1];
        assert_eq!(pipeline.recommendation, None);
        assert_eq!(pipeline.pull, None);
        assert_eq!(
            pipeline.reason,
            "To score: reuse, risk and differentiation are missing."
        );
    }

    #[test]
    fn the_as_of_date_decides_what_is_overdue() {
        let log = DecisionLog::new(&sample(), Date::from_ymd(2026, 1, 31).unwrap());
        assert_eq!(log.capabilities[0].overdue_exceptions, 0);
    }

    #[test]
    fn a_rationalize_decision_is_written_to_both_logs() {
        let mut portfolio = sample();
        std::sync::Arc::make_mut(&mut portfolio.capabilities[1]).decision =
            crate::model::Decision::Rationalize;
        let log = DecisionLog::new(&portfolio, Date::from_ymd(2026, 2, 1).unwrap());
        assert_eq!(log.capabilities[1].decision, "Rationalize");
        let markdown = crate::export::to_markdown(&log);
        assert!(
            markdown.contains("- **Decision:** Rationalize"),
            "{markdown}"
        );
        let csv = crate::export::to_csv(&log).unwrap();
        assert!(
            csv.lines()
                .any(|l| l.starts_with("pipeline,") && l.contains(",Rationalize,")),
            "{csv}"
        );
        // A spreadsheet saying "rationalise" imports it.
        let import = crate::io::import_csv(
            "name,decision\nLegacy queues,rationalise\n",
            &Portfolio::new("p"),
        )
        .unwrap();
        assert_eq!(
            import.capabilities[0].decision,
            crate::model::Decision::Rationalize
        );
    }
}
