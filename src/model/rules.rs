//! The scoring rules: centralization pull, the recommendation and its reason,
//! conflicts between the zone, the scores and the recorded decision.

use std::fmt;

use serde::Serialize;

use super::{Capability, Decision, Scores, ScoringSettings, Zone};

/// Floating-point slack so that a mean of exactly the threshold is high even
/// when the weights do not divide evenly.
const EPSILON: f64 = 1e-9;

/// What the scores recommend: one quadrant of the chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Recommendation {
    /// High pull, low differentiation: the platform team owns it.
    Orchestrate,
    /// Low pull, high differentiation: the product team owns it.
    Operate,
    /// Both high: orchestrate the core, let teams operate the edge.
    Hybrid,
    /// Both low: do not invest; buy, simplify or revisit.
    Rationalize,
}

impl Recommendation {
    /// Every recommendation, in report order.
    pub const ALL: [Self; 4] = [
        Self::Orchestrate,
        Self::Hybrid,
        Self::Operate,
        Self::Rationalize,
    ];

    /// The quadrant's name.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Orchestrate => "Orchestrate",
            Self::Operate => "Operate",
            Self::Hybrid => "Hybrid",
            Self::Rationalize => "Rationalize",
        }
    }

    /// What the quadrant means, in a few words.
    #[must_use]
    pub fn meaning(self) -> &'static str {
        match self {
            Self::Orchestrate => "the platform team runs it; teams consume it",
            Self::Operate => "product teams own it end to end",
            Self::Hybrid => "the platform runs the shared core; teams run the edge",
            Self::Rationalize => "don't invest: buy, simplify or revisit",
        }
    }

    /// The decision the room records when it follows this recommendation.
    #[must_use]
    pub fn matching_decision(self) -> Decision {
        match self {
            Self::Orchestrate => Decision::Orchestrate,
            Self::Operate => Decision::Operate,
            Self::Hybrid => Decision::Hybrid,
            Self::Rationalize => Decision::Rationalize,
        }
    }

    /// The quadrant for a pull and a differentiation on the 1-5 scale.
    #[must_use]
    pub fn for_position(pull: f64, differentiation: f64, threshold: f64) -> Self {
        match (
            is_high(pull, threshold),
            is_high(differentiation, threshold),
        ) {
            (true, false) => Self::Orchestrate,
            (false, true) => Self::Operate,
            (true, true) => Self::Hybrid,
            (false, false) => Self::Rationalize,
        }
    }
}

impl fmt::Display for Recommendation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// True when `value` counts as high: at or above the threshold.
#[must_use]
pub fn is_high(value: f64, threshold: f64) -> bool {
    value >= threshold - EPSILON
}

/// The weighted mean of reuse, cost and risk on the 1-5 scale, or `None`
/// while any of the three is missing or the weights add up to nothing.
#[must_use]
pub fn centralization_pull(scores: &Scores, settings: &ScoringSettings) -> Option<f64> {
    let parts = [
        (scores.reuse?, settings.reuse_weight),
        (scores.cost?, settings.cost_weight),
        (scores.risk?, settings.risk_weight),
    ];
    let total_weight: f64 = parts.iter().map(|(_, w)| w).sum();
    if !total_weight.is_finite() || total_weight <= 0.0 {
        return None;
    }
    let weighted: f64 = parts.iter().map(|(s, w)| f64::from(s.get()) * w).sum();
    Some(weighted / total_weight)
}

/// Where a fully scored capability lands and why.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Assessment {
    /// Weighted mean of reuse, cost and risk, 1-5.
    pub pull: f64,
    /// The differentiation score, 1-5.
    pub differentiation: f64,
    /// The quadrant it lands in.
    pub recommendation: Recommendation,
    /// One sentence naming the scores that drove the recommendation.
    pub reason: String,
}

/// Where a fully scored capability lands, without the reason sentence:
/// what counting and drawing need, every frame, for every capability.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Position {
    /// Weighted mean of reuse, cost and risk, 1-5.
    pub pull: f64,
    /// The differentiation score, 1-5.
    pub differentiation: f64,
    /// The quadrant it lands in.
    pub recommendation: Recommendation,
}

/// The position of a capability, or `None` while it is still to score.
#[must_use]
pub fn locate(capability: &Capability, settings: &ScoringSettings) -> Option<Position> {
    let pull = centralization_pull(&capability.scores, settings)?;
    let differentiation = f64::from(capability.scores.differentiation?.get());
    Some(Position {
        pull,
        differentiation,
        recommendation: Recommendation::for_position(pull, differentiation, settings.threshold),
    })
}

/// Scores a capability, or `None` while it is still to score: a missing
/// answer is never treated as 0.
#[must_use]
pub fn assess(capability: &Capability, settings: &ScoringSettings) -> Option<Assessment> {
    let scores = &capability.scores;
    let Position {
        pull,
        differentiation,
        recommendation,
    } = locate(capability, settings)?;
    let threshold = settings.threshold;
    let parts = format!(
        "reuse {}, cost {}, risk {}",
        scores.reuse?, scores.cost?, scores.risk?
    );
    let pull_text = format_against(pull, threshold);
    let diff_text = format_against(differentiation, threshold);
    let threshold_text = format!("{threshold:.1}");
    let reason = match recommendation {
        Recommendation::Orchestrate => format!(
            "Pull {pull_text} ({parts}) is at or above {threshold_text} and differentiation \
             {diff_text} is below it: one shared service beats many copies."
        ),
        Recommendation::Operate => format!(
            "Differentiation {diff_text} is at or above {threshold_text} and pull {pull_text} \
             ({parts}) is below it: local control is worth more than sharing."
        ),
        Recommendation::Hybrid => format!(
            "Pull {pull_text} ({parts}) and differentiation {diff_text} are both at or above \
             {threshold_text}: share the core, let teams tailor the edge."
        ),
        Recommendation::Rationalize => format!(
            "Pull {pull_text} ({parts}) and differentiation {diff_text} are both below \
             {threshold_text}: not worth investing in; buy, simplify or revisit."
        ),
    };
    Some(Assessment {
        pull,
        differentiation,
        recommendation,
        reason,
    })
}

/// Formats `value` with one decimal, or more when one decimal would put it
/// on the wrong side of the threshold (2.96 is not "3.0" against 3.0).
#[must_use]
pub fn format_against(value: f64, threshold: f64) -> String {
    for decimals in 1..=4 {
        let text = format!("{value:.decimals$}");
        let shown: f64 = text.parse().unwrap_or(value);
        if is_high(shown, threshold) == is_high(value, threshold) {
            return text;
        }
    }
    format!("{value}")
}

/// Something the room should look at again.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum Conflict {
    /// The zone the room chose disagrees with where the scores land.
    ZoneVsScore {
        /// The zone the capability sits in.
        zone: Zone,
        /// What its scores recommend.
        recommendation: Recommendation,
    },
    /// A decision that departs from the recommendation with no reason given.
    DecisionWithoutRationale {
        /// The recorded decision.
        decision: Decision,
        /// What the scores recommend.
        recommendation: Recommendation,
    },
}

impl Conflict {
    /// A regulated control that the scores would hand to product teams.
    #[must_use]
    pub fn is_severe(&self) -> bool {
        matches!(
            self,
            Self::ZoneVsScore {
                zone: Zone::RegulatedControl,
                recommendation: Recommendation::Operate
            }
        )
    }

    /// The conflict in one sentence.
    #[must_use]
    pub fn message(&self) -> String {
        match self {
            Self::ZoneVsScore {
                zone: Zone::RegulatedControl,
                recommendation,
            } => format!(
                "Severe: sorted as a regulated control, but the scores say {recommendation}: \
                 a control product teams run alone can drift out of compliance."
            ),
            Self::ZoneVsScore {
                zone,
                recommendation,
            } => format!("Sorted as {zone}, but the scores say {recommendation}."),
            Self::DecisionWithoutRationale {
                decision,
                recommendation,
            } => format!(
                "Decided {decision} although the scores say {recommendation}, and no rationale \
                 is recorded."
            ),
        }
    }
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

/// Every conflict of one capability. A capability still to score has none:
/// there is nothing to disagree with yet.
#[must_use]
pub fn conflicts(capability: &Capability, settings: &ScoringSettings) -> Vec<Conflict> {
    let Some(position) = locate(capability, settings) else {
        return Vec::new();
    };
    conflicts_for(capability, position.recommendation)
}

/// The conflicts of a capability whose recommendation is already known.
#[must_use]
pub fn conflicts_for(capability: &Capability, recommendation: Recommendation) -> Vec<Conflict> {
    let mut found = Vec::new();
    let zone = capability.zone;
    let zone_disagrees = matches!(
        (zone, recommendation),
        (
            Zone::Commodity | Zone::RegulatedControl,
            Recommendation::Operate
        ) | (Zone::Differentiator, Recommendation::Orchestrate)
    );
    if zone_disagrees {
        found.push(Conflict::ZoneVsScore {
            zone,
            recommendation,
        });
    }
    let decision = capability.decision;
    if decision != Decision::Undecided
        && recommendation.matching_decision() != decision
        && capability.rationale.trim().is_empty()
    {
        found.push(Conflict::DecisionWithoutRationale {
            decision,
            recommendation,
        });
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Date, Portfolio, Score, Summary};

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

    fn recommend(capability: &Capability) -> Recommendation {
        assess(capability, &ScoringSettings::default())
            .expect("fully scored")
            .recommendation
    }

    #[test]
    fn each_quadrant() {
        assert_eq!(recommend(&scored(5, 4, 5, 1)), Recommendation::Orchestrate);
        assert_eq!(recommend(&scored(1, 2, 1, 5)), Recommendation::Operate);
        assert_eq!(recommend(&scored(4, 4, 4, 4)), Recommendation::Hybrid);
        assert_eq!(recommend(&scored(2, 1, 2, 2)), Recommendation::Rationalize);
    }

    #[test]
    fn each_recommendation_has_its_own_name_and_meaning_and_reads_as_its_decision() {
        let labels: std::collections::HashSet<_> =
            Recommendation::ALL.iter().map(|r| r.label()).collect();
        let meanings: std::collections::HashSet<_> =
            Recommendation::ALL.iter().map(|r| r.meaning()).collect();
        assert_eq!(labels.len(), 4);
        assert_eq!(meanings.len(), 4);
        assert!(!meanings.contains(""));
        for recommendation in Recommendation::ALL {
            assert_eq!(recommendation.to_string(), recommendation.label());
            // Following the recommendation records a decision of the same name.
            assert_eq!(
                recommendation.matching_decision().label(),
                recommendation.label()
            );
        }
    }

    #[test]
    fn a_conflict_reads_as_one_sentence_naming_the_zone_and_the_scores() {
        let conflict = Conflict::ZoneVsScore {
            zone: Zone::Commodity,
            recommendation: Recommendation::Operate,
        };
        assert_eq!(
            conflict.to_string(),
            "Sorted as Commodity, but the scores say Operate."
        );
        assert_eq!(conflict.to_string(), conflict.message());
    }

    #[test]
    fn the_threshold_itself_counts_as_high() {
        // (3 + 3 + 3) / 3 = 3.0 is high; differentiation 3 is high too.
        assert_eq!(recommend(&scored(3, 3, 3, 3)), Recommendation::Hybrid);
        // (3 + 3 + 2) / 3 = 2.67 is low; differentiation 2 is low.
        assert_eq!(recommend(&scored(3, 3, 2, 2)), Recommendation::Rationalize);
        assert_eq!(recommend(&scored(3, 3, 3, 2)), Recommendation::Orchestrate);
        assert_eq!(recommend(&scored(3, 3, 2, 3)), Recommendation::Operate);
    }

    #[test]
    fn the_threshold_is_a_setting() {
        let capability = scored(4, 4, 4, 4);
        let strict = ScoringSettings {
            threshold: 4.5,
            ..ScoringSettings::default()
        };
        let assessment = assess(&capability, &strict).unwrap();
        assert_eq!(assessment.recommendation, Recommendation::Rationalize);
        assert!(
            assessment.reason.contains("below 4.5"),
            "{}",
            assessment.reason
        );
    }

    #[test]
    fn weights_shift_the_pull() {
        let capability = scored(5, 1, 1, 1);
        let even = centralization_pull(&capability.scores, &ScoringSettings::default()).unwrap();
        assert!((even - 7.0 / 3.0).abs() < 1e-9);
        let reuse_heavy = ScoringSettings {
            reuse_weight: 3.0,
            ..ScoringSettings::default()
        };
        let pull = centralization_pull(&capability.scores, &reuse_heavy).unwrap();
        assert!((pull - 17.0 / 5.0).abs() < 1e-9);
        assert_eq!(
            assess(&capability, &reuse_heavy).unwrap().recommendation,
            Recommendation::Orchestrate
        );
        let risk_only = ScoringSettings {
            reuse_weight: 0.0,
            cost_weight: 0.0,
            risk_weight: 1.0,
            ..ScoringSettings::default()
        };
        assert_eq!(
            centralization_pull(&capability.scores, &risk_only),
            Some(1.0)
        );
    }

    #[test]
    fn uneven_weights_at_the_threshold_still_count_as_high() {
        let settings = ScoringSettings {
            reuse_weight: 0.1,
            cost_weight: 0.1,
            risk_weight: 0.1,
            threshold: 3.0,
        };
        let assessment = assess(&scored(3, 3, 3, 1), &settings).unwrap();
        assert_eq!(assessment.recommendation, Recommendation::Orchestrate);
    }

    #[test]
    fn zero_weights_give_no_pull() {
        let settings = ScoringSettings {
            reuse_weight: 0.0,
            cost_weight: 0.0,
            risk_weight: 0.0,
            threshold: 3.0,
        };
        assert_eq!(
            centralization_pull(&scored(3, 3, 3, 3).scores, &settings),
            None
        );
    }

    #[test]
    fn a_missing_score_means_to_score_never_zero() {
        let mut capability = scored(5, 5, 5, 1);
        capability.scores.risk = None;
        assert_eq!(assess(&capability, &ScoringSettings::default()), None);
        capability.zone = Zone::Differentiator;
        assert!(conflicts(&capability, &ScoringSettings::default()).is_empty());
        let mut portfolio = Portfolio::new("p");
        portfolio.capabilities.push(capability.into());
        let summary = Summary::of(&portfolio, Date::from_ymd(2026, 1, 1).unwrap());
        assert_eq!(summary.to_score, 1);
        assert_eq!(summary.per_recommendation, [0, 0, 0, 0]);
    }

    #[test]
    fn the_reason_names_the_scores_that_drove_it() {
        let assessment = assess(&scored(5, 4, 3, 1), &ScoringSettings::default()).unwrap();
        assert_eq!(
            assessment.reason,
            "Pull 4.0 (reuse 5, cost 4, risk 3) is at or above 3.0 and differentiation 1.0 is \
             below it: one shared service beats many copies."
        );
        let operate = assess(&scored(1, 2, 2, 5), &ScoringSettings::default()).unwrap();
        assert!(
            operate
                .reason
                .starts_with("Differentiation 5.0 is at or above 3.0 and pull 1.7")
        );
    }

    #[test]
    fn numbers_near_the_threshold_are_never_rounded_across_it() {
        assert_eq!(format_against(2.96, 3.0), "2.96");
        assert_eq!(format_against(2.94, 3.0), "2.9");
        assert_eq!(format_against(3.0, 3.0), "3.0");
    }

    #[test]
    fn zone_conflicts() {
        let settings = ScoringSettings::default();
        let mut operate = scored(1, 1, 1, 5);
        operate.zone = Zone::Commodity;
        let found = conflicts(&operate, &settings);
        assert_eq!(found.len(), 1);
        assert!(!found[0].is_severe());

        operate.zone = Zone::RegulatedControl;
        let found = conflicts(&operate, &settings);
        assert_eq!(found.len(), 1);
        assert!(found[0].is_severe());
        assert!(found[0].message().starts_with("Severe"));

        operate.zone = Zone::Differentiator;
        assert!(conflicts(&operate, &settings).is_empty());

        let mut orchestrate = scored(5, 5, 5, 1);
        orchestrate.zone = Zone::Differentiator;
        assert_eq!(
            conflicts(&orchestrate, &settings),
            vec![Conflict::ZoneVsScore {
                zone: Zone::Differentiator,
                recommendation: Recommendation::Orchestrate
            }]
        );
        orchestrate.zone = Zone::Commodity;
        assert!(conflicts(&orchestrate, &settings).is_empty());
        orchestrate.zone = Zone::Unplaced;
        assert!(conflicts(&orchestrate, &settings).is_empty());
    }

    #[test]
    fn a_differing_decision_needs_a_rationale() {
        let settings = ScoringSettings::default();
        let mut capability = scored(5, 5, 5, 1);
        capability.decision = Decision::Operate;
        assert_eq!(
            conflicts(&capability, &settings),
            vec![Conflict::DecisionWithoutRationale {
                decision: Decision::Operate,
                recommendation: Recommendation::Orchestrate
            }]
        );
        capability.rationale = "Team X has a regulator-specific setup".into();
        assert!(conflicts(&capability, &settings).is_empty());

        capability.rationale = "   ".into();
        capability.decision = Decision::Orchestrate;
        assert!(conflicts(&capability, &settings).is_empty());
        capability.decision = Decision::Undecided;
        assert!(conflicts(&capability, &settings).is_empty());
    }
}
