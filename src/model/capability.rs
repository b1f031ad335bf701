//! One capability on the map and the facts the workshop records about it.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::Date;

/// Where the room sorted a capability.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Zone {
    /// Not sorted yet.
    #[default]
    Unplaced,
    /// Plumbing every team needs and nobody wins by building twice.
    Commodity,
    /// Close to what customers pay for: local control may be worth its cost.
    Differentiator,
    /// Identity, audit, retention, access: a control that must hold everywhere.
    RegulatedControl,
}

impl Zone {
    /// Every zone, in board order.
    pub const ALL: [Self; 4] = [
        Self::Unplaced,
        Self::Commodity,
        Self::Differentiator,
        Self::RegulatedControl,
    ];

    /// The name shown to people.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Unplaced => "Unplaced",
            Self::Commodity => "Commodity",
            Self::Differentiator => "Differentiator",
            Self::RegulatedControl => "Regulated control",
        }
    }

    /// A shorter name for narrow places.
    #[must_use]
    pub fn short_label(self) -> &'static str {
        match self {
            Self::RegulatedControl => "Regulated",
            other => other.label(),
        }
    }

    /// Reads a zone as people type it: "Regulated control",
    /// "regulated-control", "`RegulatedControl`", "`regulated_control`". An
    /// empty text is `Unplaced`.
    #[must_use]
    pub fn parse_loose(text: &str) -> Option<Self> {
        let key: String = text
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        match key.as_str() {
            "" | "unplaced" | "none" => Some(Self::Unplaced),
            "commodity" | "commodities" => Some(Self::Commodity),
            "differentiator" | "differentiators" | "differentiating" => Some(Self::Differentiator),
            "regulatedcontrol" | "regulatedcontrols" | "regulated" | "control" => {
                Some(Self::RegulatedControl)
            }
            _ => None,
        }
    }
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The decision the group recorded, which may differ from the recommendation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Decision {
    /// Nothing decided yet.
    #[default]
    Undecided,
    /// Product teams own and run it.
    Operate,
    /// The platform team owns it and teams consume it.
    Orchestrate,
    /// The platform owns the shared core, teams run the edge.
    Hybrid,
    /// Retire, merge or replace the duplicates first; decide who runs what
    /// is left afterwards. (Added later: files without it stay valid.)
    Rationalize,
}

impl Decision {
    /// Every decision, in menu order.
    pub const ALL: [Self; 5] = [
        Self::Undecided,
        Self::Operate,
        Self::Orchestrate,
        Self::Hybrid,
        Self::Rationalize,
    ];

    /// The name shown to people.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Undecided => "Undecided",
            Self::Operate => "Operate",
            Self::Orchestrate => "Orchestrate",
            Self::Hybrid => "Hybrid",
            Self::Rationalize => "Rationalize",
        }
    }

    /// Reads a decision as people type it; empty means `Undecided`.
    #[must_use]
    pub fn parse_loose(text: &str) -> Option<Self> {
        let key = text.trim().to_lowercase();
        match key.as_str() {
            "" | "undecided" | "open" | "tbd" => Some(Self::Undecided),
            "operate" => Some(Self::Operate),
            "orchestrate" => Some(Self::Orchestrate),
            "hybrid" => Some(Self::Hybrid),
            "rationalize" | "rationalise" => Some(Self::Rationalize),
            _ => None,
        }
    }
}

impl fmt::Display for Decision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// An answer to one of the four questions: a whole number from 1 to 5.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "u8")]
pub struct Score(u8);

impl Score {
    /// The lowest answer.
    pub const MIN: u8 = 1;
    /// The highest answer.
    pub const MAX: u8 = 5;

    /// A score, or `None` outside 1-5.
    #[must_use]
    pub fn new(value: u8) -> Option<Self> {
        (Self::MIN..=Self::MAX)
            .contains(&value)
            .then_some(Self(value))
    }

    /// The number, 1-5.
    #[must_use]
    pub fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<i64> for Score {
    type Error = String;

    fn try_from(value: i64) -> Result<Self, Self::Error> {
        u8::try_from(value)
            .ok()
            .and_then(Self::new)
            .ok_or_else(|| format!("score {value} is outside 1-5"))
    }
}

impl From<Score> for u8 {
    fn from(score: Score) -> Self {
        score.0
    }
}

impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// The four questions every capability is scored on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Question {
    /// Is it used by many teams?
    Reuse,
    /// Is it expensive to maintain separately?
    Cost,
    /// Does inconsistency create material risk?
    Risk,
    /// Does local customization give product advantage?
    Differentiation,
}

impl Question {
    /// The four questions, in the order the room answers them.
    pub const ALL: [Self; 4] = [Self::Reuse, Self::Cost, Self::Risk, Self::Differentiation];

    /// A one-word name.
    #[must_use]
    pub fn short(self) -> &'static str {
        match self {
            Self::Reuse => "reuse",
            Self::Cost => "cost",
            Self::Risk => "risk",
            Self::Differentiation => "differentiation",
        }
    }

    /// The question as the facilitator reads it aloud.
    #[must_use]
    pub fn text(self) -> &'static str {
        match self {
            Self::Reuse => "How many teams use it, or would use it if it were shared?",
            Self::Cost => "How expensive is it for each team to build and keep up its own?",
            Self::Risk => "How much harm can it do if teams run it inconsistently?",
            Self::Differentiation => {
                "How much product advantage do teams gain by tailoring it themselves?"
            }
        }
    }

    /// What 1 and 5 mean for this question.
    #[must_use]
    pub fn scale(self) -> (&'static str, &'static str) {
        match self {
            Self::Reuse => ("one team", "every team"),
            Self::Cost => ("cheap to run twice", "costly to run twice"),
            Self::Risk => ("drift is harmless", "drift is a material risk"),
            Self::Differentiation => ("plumbing", "customers notice"),
        }
    }
}

/// The four answers; any may still be missing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scores {
    /// Used by many teams.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reuse: Option<Score>,
    /// Expensive to maintain separately.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost: Option<Score>,
    /// Inconsistency creates material risk.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub risk: Option<Score>,
    /// Local customization gives product advantage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub differentiation: Option<Score>,
}

impl Scores {
    /// The answer to one question.
    #[must_use]
    pub fn get(&self, question: Question) -> Option<Score> {
        match question {
            Question::Reuse => self.reuse,
            Question::Cost => self.cost,
            Question::Risk => self.risk,
            Question::Differentiation => self.differentiation,
        }
    }

    /// Sets or clears the answer to one question.
    pub fn set(&mut self, question: Question, score: Option<Score>) {
        let slot = match question {
            Question::Reuse => &mut self.reuse,
            Question::Cost => &mut self.cost,
            Question::Risk => &mut self.risk,
            Question::Differentiation => &mut self.differentiation,
        };
        *slot = score;
    }

    /// The questions still without an answer.
    #[must_use]
    pub fn missing(&self) -> Vec<Question> {
        Question::ALL
            .into_iter()
            .filter(|q| self.get(*q).is_none())
            .collect()
    }

    /// True when all four questions are answered.
    #[must_use]
    pub fn is_complete(&self) -> bool {
        self.missing().is_empty()
    }
}

/// A time-bound permission to deviate from the standard.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exception {
    /// Why the deviation is needed.
    pub reason: String,
    /// Who approved it.
    #[serde(default)]
    pub approved_by: String,
    /// When it must be looked at again.
    pub review_by: Date,
}

impl Exception {
    /// Past its review date: `review_by` is before `today`. An exception due
    /// today is not yet overdue.
    #[must_use]
    pub fn is_overdue(&self, today: Date) -> bool {
        self.review_by < today
    }
}

/// Tags as typed or imported: separated by commas or semicolons, trimmed,
/// empty ones dropped (`"security; audit,"` gives two).
#[must_use]
pub fn parse_tags(text: &str) -> Vec<String> {
    text.split([',', ';'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A capability: something teams need, that either a platform team
/// orchestrates or product teams operate.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Capability {
    /// Stable, unique slug such as `secrets-management`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// What it is, in a sentence or two.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The zone the room placed it in.
    #[serde(default)]
    pub zone: Zone,
    /// Answers to the four questions.
    #[serde(default)]
    pub scores: Scores,
    /// What the group decided.
    #[serde(default)]
    pub decision: Decision,
    /// Why, especially when the decision differs from the recommendation.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub rationale: String,
    /// Id of the team that owns it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Who to call when it breaks and the owner cannot help.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub escalation_path: String,
    /// What the owner provides and where the consumer's job starts.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub support_boundary: String,
    /// Service level objective, in words.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub slo: String,
    /// Ids of the teams that run their own copy.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub duplicated_by: Vec<String>,
    /// Time-bound deviations from the standard.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exceptions: Vec<Exception>,
    /// Free labels.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Anything else the room said.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// Measured operating metrics.
    #[serde(default, skip_serializing_if = "super::Metrics::is_empty")]
    pub metrics: super::Metrics,
    /// Each participant's blind answers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub votes: Vec<super::Vote>,
    /// Whether the votes have been shown to the room (and their medians
    /// became the scores).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub votes_revealed: bool,
    /// When the decision is looked at again; without one, the first day of
    /// the quarter after the portfolio's ([`Self::review_date`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_on: Option<Date>,
    /// Decisions of earlier quarters, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<super::PastDecision>,
    /// Whether the platform team could support it today.
    #[serde(default, skip_serializing_if = "is_default")]
    pub readiness: super::Readiness,
    /// The controls of the portfolio's minimum standard the teams running
    /// it meet.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub standard_met: Vec<String>,
    /// The plan that moves teams onto the shared service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub migration: Option<super::Migration>,
    /// Ids of the teams that use the shared service.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub adopted_by: Vec<String>,
    /// Targets for its metrics.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<super::Target>,
}

fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

impl Capability {
    /// A new, unplaced and unscored capability.
    #[must_use]
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            name: name.into(),
            ..Self::default()
        }
    }

    /// How many teams run their own copy.
    #[must_use]
    pub fn duplication(&self) -> usize {
        self.duplicated_by.len()
    }

    /// When the decision is due to be looked at again: its own review date,
    /// or else the first day of the quarter after `quarter` (the
    /// portfolio's). `None` while nothing is decided, or when neither
    /// says.
    #[must_use]
    pub fn review_date(&self, quarter: Option<&str>) -> Option<Date> {
        if self.decision == Decision::Undecided {
            return None;
        }
        self.review_on.or_else(|| {
            let quarter = super::quarter_key(quarter?)?;
            super::quarter_start(super::next_quarter(quarter))
        })
    }

    /// Whether any field recorded after the decision is filled in (see
    /// [`super::Portfolio::uses_follow_up`]).
    #[must_use]
    pub fn uses_follow_up(&self) -> bool {
        self.review_on.is_some()
            || !self.history.is_empty()
            || self.readiness != super::Readiness::Unknown
            || !self.standard_met.is_empty()
            || self.migration.is_some()
            || !self.adopted_by.is_empty()
            || !self.targets.is_empty()
    }

    /// Whether the decision is past its review date: due today is not yet
    /// overdue, as with exceptions.
    #[must_use]
    pub fn review_overdue(&self, quarter: Option<&str>, today: Date) -> bool {
        self.review_date(quarter).is_some_and(|due| due < today)
    }

    /// The exceptions past their review date.
    pub fn overdue_exceptions(&self, today: Date) -> impl Iterator<Item = &Exception> {
        self.exceptions.iter().filter(move |e| e.is_overdue(today))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_split_on_commas_and_semicolons_and_drop_blanks() {
        assert_eq!(
            parse_tags("security; audit, pci ,,"),
            ["security", "audit", "pci"]
        );
        assert!(parse_tags(" ; ").is_empty());
    }

    #[test]
    fn scores_outside_one_to_five_are_refused() {
        assert!(Score::new(0).is_none());
        assert!(Score::new(6).is_none());
        assert_eq!(Score::new(1).map(Score::get), Some(1));
        assert_eq!(Score::new(5).map(Score::get), Some(5));
        assert!(Score::try_from(-1_i64).is_err());
        assert!(Score::try_from(300_i64).is_err());
    }

    #[test]
    fn zones_are_read_as_people_type_them() {
        for text in [
            "Regulated control",
            "regulated-control",
            "RegulatedControl",
            "REGULATED_CONTROL",
        ] {
            assert_eq!(
                Zone::parse_loose(text),
                Some(Zone::RegulatedControl),
                "{text}"
            );
        }
        assert_eq!(Zone::parse_loose(""), Some(Zone::Unplaced));
        assert_eq!(Zone::parse_loose(" commodity "), Some(Zone::Commodity));
        assert_eq!(
            Zone::parse_loose("Differentiator"),
            Some(Zone::Differentiator)
        );
        assert_eq!(Zone::parse_loose("maybe"), None);
    }

    #[test]
    fn every_zone_and_decision_reads_back_from_the_names_people_see() {
        for zone in Zone::ALL {
            assert_eq!(zone.to_string(), zone.label());
            assert_eq!(Zone::parse_loose(zone.label()), Some(zone), "{zone:?}");
            assert_eq!(
                Zone::parse_loose(zone.short_label()),
                Some(zone),
                "{zone:?}"
            );
        }
        assert_eq!(Zone::RegulatedControl.short_label(), "Regulated");
        for decision in Decision::ALL {
            assert_eq!(decision.to_string(), decision.label());
            assert_eq!(
                Decision::parse_loose(decision.label()),
                Some(decision),
                "{decision:?}"
            );
        }
    }

    #[test]
    fn each_question_is_asked_as_a_question_with_two_different_ends_of_its_scale() {
        let texts: std::collections::HashSet<_> = Question::ALL.iter().map(|q| q.text()).collect();
        assert_eq!(texts.len(), 4);
        for question in Question::ALL {
            assert!(question.text().ends_with('?'), "{question:?}");
            let (low, high) = question.scale();
            assert!(!low.is_empty() && !high.is_empty(), "{question:?}");
            assert_ne!(low, high, "{question:?}");
        }
    }

    #[test]
    fn scores_are_complete_once_all_four_questions_are_answered() {
        let mut scores = Scores::default();
        for question in Question::ALL {
            assert!(!scores.is_complete());
            scores.set(question, Score::new(3));
        }
        assert!(scores.is_complete());
        assert_eq!(scores.missing(), vec![]);
    }

    #[test]
    fn an_exception_due_today_is_not_overdue_but_is_tomorrow() {
        let due = Date::from_ymd(2026, 6, 30).unwrap();
        let exception = Exception {
            reason: "legacy".into(),
            approved_by: "CISO".into(),
            review_by: due,
        };
        assert!(!exception.is_overdue(due.plus_days(-1)));
        assert!(!exception.is_overdue(due));
        assert!(exception.is_overdue(due.plus_days(1)));
    }

    #[test]
    fn missing_scores_are_listed_in_question_order() {
        let mut scores = Scores::default();
        scores.set(Question::Cost, Score::new(3));
        assert_eq!(
            scores.missing(),
            vec![Question::Reuse, Question::Risk, Question::Differentiation]
        );
        assert!(!scores.is_complete());
    }
}
