//! Rule problems a file can have even when it parses: every one is reported
//! with the place it was found, never only the first.

use std::collections::HashSet;
use std::fmt;

use super::Portfolio;

/// Where a problem is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// The portfolio as a whole.
    Portfolio,
    /// The scoring settings.
    Scoring,
    /// A team, by id (or by position when the id is empty).
    Team(String),
    /// A capability, by id (or by position when the id is empty).
    Capability(String),
    /// A participant, by id (or by position when the id is empty).
    Participant(String),
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Portfolio => f.write_str("portfolio"),
            Self::Scoring => f.write_str("scoring"),
            Self::Team(id) => write!(f, "team {id}"),
            Self::Capability(id) => write!(f, "capability {id}"),
            Self::Participant(id) => write!(f, "participant {id}"),
        }
    }
}

/// One thing wrong with a portfolio.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Where it is.
    pub place: Place,
    /// What is wrong, in a sentence.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place, self.message)
    }
}

/// Every rule problem in `portfolio`: duplicate or empty ids, empty names,
/// references to unknown teams, unusable weights or threshold.
#[must_use]
pub fn validate(portfolio: &Portfolio) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut report = |place: Place, message: String| problems.push(Problem { place, message });

    let settings = &portfolio.scoring;
    let weights = [
        ("reuse", settings.reuse_weight),
        ("cost", settings.cost_weight),
        ("risk", settings.risk_weight),
    ];
    for (name, weight) in weights {
        if !weight.is_finite() || weight < 0.0 {
            report(
                Place::Scoring,
                format!("the {name} weight must be a number of 0 or more, not {weight}"),
            );
        }
    }
    if weights.iter().all(|(_, w)| *w == 0.0) {
        report(
            Place::Scoring,
            "at least one weight must be above 0".to_owned(),
        );
    }
    if !(1.0..=5.0).contains(&settings.threshold) {
        report(
            Place::Scoring,
            format!(
                "the threshold must be between 1 and 5, not {}",
                settings.threshold
            ),
        );
    }

    let mut team_ids = HashSet::new();
    for (index, team) in portfolio.teams.iter().enumerate() {
        let place = Place::Team(label(&team.id, "team", index));
        if team.id.trim().is_empty() {
            report(place.clone(), "the id is empty".to_owned());
        } else if !team_ids.insert(team.id.as_str()) {
            report(
                place.clone(),
                "this id is used by another team too".to_owned(),
            );
        }
        if team.name.trim().is_empty() {
            report(place, "the name is empty".to_owned());
        }
    }

    let mut participant_ids = HashSet::new();
    for (index, participant) in portfolio.participants.iter().enumerate() {
        let place = Place::Participant(label(&participant.id, "participant", index));
        if participant.id.trim().is_empty() {
            report(place.clone(), "the id is empty".to_owned());
        } else if !participant_ids.insert(participant.id.as_str()) {
            report(
                place.clone(),
                "this id is used by another participant too".to_owned(),
            );
        }
        if participant.name.trim().is_empty() {
            report(place, "the name is empty".to_owned());
        }
    }

    let mut capability_ids = HashSet::new();
    for (index, capability) in portfolio.capabilities.iter().enumerate() {
        let place = Place::Capability(label(&capability.id, "capability", index));
        if capability.id.trim().is_empty() {
            report(place.clone(), "the id is empty".to_owned());
        } else if !capability_ids.insert(capability.id.as_str()) {
            report(
                place.clone(),
                "this id is used by another capability too".to_owned(),
            );
        }
        if capability.name.trim().is_empty() {
            report(place.clone(), "the name is empty".to_owned());
        }
        if let Some(owner) = &capability.owner
            && !team_ids.contains(owner.as_str())
        {
            report(
                place.clone(),
                format!("the owner `{owner}` is not a known team"),
            );
        }
        let mut seen = HashSet::new();
        for team in &capability.duplicated_by {
            if !team_ids.contains(team.as_str()) {
                report(
                    place.clone(),
                    format!("`{team}` runs its own copy but is not a known team"),
                );
            } else if !seen.insert(team.as_str()) {
                report(
                    place.clone(),
                    format!("`{team}` is listed twice as running its own copy"),
                );
            }
        }
        let mut voters = HashSet::new();
        for vote in &capability.votes {
            if !participant_ids.contains(vote.participant.as_str()) {
                report(
                    place.clone(),
                    format!(
                        "a vote from `{}`, who is not a participant",
                        vote.participant
                    ),
                );
            } else if !voters.insert(vote.participant.as_str()) {
                report(place.clone(), format!("`{}` voted twice", vote.participant));
            }
        }
        for (n, exception) in capability.exceptions.iter().enumerate() {
            if exception.reason.trim().is_empty() {
                report(place.clone(), format!("exception {} has no reason", n + 1));
            }
        }
    }
    problems
}

/// The id, or "capability #3" when the id is empty.
fn label(id: &str, kind: &str, index: usize) -> String {
    if id.trim().is_empty() {
        format!("#{} (the {kind} with no id)", index + 1)
    } else {
        id.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Capability, ScoringSettings, Team};

    fn team(id: &str) -> Team {
        Team {
            id: id.into(),
            name: id.to_uppercase(),
        }
    }

    #[test]
    fn a_clean_portfolio_has_no_problems() {
        let mut portfolio = Portfolio::new("p");
        portfolio.teams.push(team("platform"));
        let mut capability = Capability::new("logging", "Logging");
        capability.owner = Some("platform".into());
        portfolio.capabilities.push(capability);
        assert_eq!(validate(&portfolio), vec![]);
    }

    #[test]
    fn every_problem_is_reported_with_its_place() {
        let mut portfolio = Portfolio::new("p");
        portfolio.teams = vec![team("a"), team("a"), Team::default()];
        let mut owned = Capability::new("x", "X");
        owned.owner = Some("ghost".into());
        owned.duplicated_by = vec!["a".into(), "a".into(), "nobody".into()];
        portfolio.capabilities = vec![owned, Capability::new("x", " "), Capability::new("", "Y")];
        portfolio.scoring = ScoringSettings {
            reuse_weight: -1.0,
            cost_weight: f64::NAN,
            risk_weight: 1.0,
            threshold: 6.0,
        };
        let text: Vec<String> = validate(&portfolio)
            .iter()
            .map(ToString::to_string)
            .collect();
        let expected = [
            "scoring: the reuse weight must be a number of 0 or more, not -1",
            "scoring: the cost weight must be a number of 0 or more, not NaN",
            "scoring: the threshold must be between 1 and 5, not 6",
            "team a: this id is used by another team too",
            "team #3 (the team with no id): the id is empty",
            "team #3 (the team with no id): the name is empty",
            "capability x: the owner `ghost` is not a known team",
            "capability x: `a` is listed twice as running its own copy",
            "capability x: `nobody` runs its own copy but is not a known team",
            "capability x: this id is used by another capability too",
            "capability x: the name is empty",
            "capability #3 (the capability with no id): the id is empty",
        ];
        assert_eq!(text, expected);
    }

    #[test]
    fn votes_must_come_from_participants_once() {
        use crate::model::{Participant, Scores, Vote};
        let mut portfolio = Portfolio::new("p");
        portfolio.participants.push(Participant {
            id: "ana".into(),
            name: "Ana".into(),
        });
        let mut capability = Capability::new("x", "X");
        let vote = |who: &str| Vote {
            participant: who.into(),
            scores: Scores::default(),
        };
        capability.votes = vec![vote("ana"), vote("ana"), vote("zed")];
        portfolio.capabilities.push(capability);
        let text: Vec<String> = validate(&portfolio)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            text,
            [
                "capability x: `ana` voted twice",
                "capability x: a vote from `zed`, who is not a participant",
            ]
        );
    }

    #[test]
    fn all_zero_weights_are_a_problem() {
        let mut portfolio = Portfolio::new("p");
        portfolio.scoring.reuse_weight = 0.0;
        portfolio.scoring.cost_weight = 0.0;
        portfolio.scoring.risk_weight = 0.0;
        assert_eq!(validate(&portfolio).len(), 1);
    }
}
