//! Rule problems a file can have even when it parses: every one is reported
//! with the place it was found, never only the first.

use std::collections::HashSet;
use std::fmt;

use super::Portfolio;

mod follow_up;

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
        // Ids and texts quoted from the file may hold control characters:
        // never print them raw to a terminal.
        let text = format!("{}: {}", self.place, self.message);
        f.write_str(&escape_controls(&text))
    }
}

/// Whether `c` is a control character a text field may not hold: every
/// C0 and C1 control and DEL, except tab, and line breaks where the field
/// spans lines (`multiline`); and the bidirectional embeddings, overrides
/// and isolates ([`is_direction_control`]).
#[must_use]
pub fn is_forbidden_control(c: char, multiline: bool) -> bool {
    (c.is_control() && !(c == '\t' || (multiline && (c == '\n' || c == '\r'))))
        || is_direction_control(c)
}

/// Whether `c` reorders the text around it when shown: U+202A to U+202E
/// (embeddings and overrides) and U+2066 to U+2069 (isolates), which make
/// a name read differently from what it holds in a wiki page, a spreadsheet,
/// an image or a terminal (a "Trojan Source" spoof). The marks that only
/// set a direction (U+200E, U+200F, U+061C) stay: right-to-left names need
/// them and they reorder nothing beyond their neighbours.
#[must_use]
pub fn is_direction_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every control character but tab and line break written as
/// `\u{1b}`: safe to print to a terminal.
#[must_use]
pub fn escape_controls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_forbidden_control(c, true) {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether `id` is a slug capmap accepts: letters, digits, `-`, `_` and
/// `.`, nothing else (no spaces, quotes, backticks or line breaks), so an
/// id never becomes structure in Markdown, HTML, CSV or a terminal.
#[must_use]
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// The problems with one id: empty, not a slug.
fn id_problem(id: &str) -> Option<String> {
    if id.trim().is_empty() {
        Some("the id is empty".to_owned())
    } else if !is_valid_id(id) {
        Some(format!(
            "the id {id:?} may hold only letters, digits, -, _ and . (a slug such as \
             \"identity-sso\")"
        ))
    } else {
        None
    }
}

/// The problem with a text field holding a control character, if it does.
fn control_problem(field: &str, text: &str, multiline: bool) -> Option<String> {
    let c = text.chars().find(|&c| is_forbidden_control(c, multiline))?;
    let what = if is_direction_control(c) {
        "a direction override"
    } else {
        "a control character"
    };
    Some(format!(
        "the {field} holds {what} (U+{:04X}); only text, tabs{} are allowed",
        u32::from(c),
        if multiline { " and line breaks" } else { "" }
    ))
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

    for (n, conflict) in portfolio.conflicts.iter().enumerate() {
        if conflict.at.is_empty() || conflict.at.iter().any(String::is_empty) {
            report(
                Place::Portfolio,
                format!("merge conflict {} does not say where it is", n + 1),
            );
        } else if let Some(message) = conflict
            .at
            .iter()
            .find_map(|step| control_problem("place of a merge conflict", step, false))
        {
            report(Place::Portfolio, message);
        }
    }

    for (field, text, multiline) in [
        ("name", portfolio.name.as_str(), false),
        ("quarter", portfolio.quarter.as_deref().unwrap_or(""), false),
        ("notes", portfolio.notes.as_str(), true),
    ] {
        if let Some(message) = control_problem(field, text, multiline) {
            report(Place::Portfolio, message);
        }
    }

    let mut team_ids = HashSet::new();
    for (index, team) in portfolio.teams.iter().enumerate() {
        let place = Place::Team(label(&team.id, "team", index));
        if let Some(message) = id_problem(&team.id) {
            report(place.clone(), message);
        } else if !team_ids.insert(team.id.as_str()) {
            report(
                place.clone(),
                "this id is used by another team too".to_owned(),
            );
        }
        if team.name.trim().is_empty() {
            report(place.clone(), "the name is empty".to_owned());
        }
        if let Some(message) = control_problem("name", &team.name, false) {
            report(place, message);
        }
    }

    let mut participant_ids = HashSet::new();
    for (index, participant) in portfolio.participants.iter().enumerate() {
        let place = Place::Participant(label(&participant.id, "participant", index));
        if let Some(message) = id_problem(&participant.id) {
            report(place.clone(), message);
        } else if !participant_ids.insert(participant.id.as_str()) {
            report(
                place.clone(),
                "this id is used by another participant too".to_owned(),
            );
        }
        if participant.name.trim().is_empty() {
            report(place.clone(), "the name is empty".to_owned());
        }
        if let Some(message) = control_problem("name", &participant.name, false) {
            report(place, message);
        }
    }

    let mut capability_ids = HashSet::new();
    for (index, capability) in portfolio.capabilities.iter().enumerate() {
        let place = Place::Capability(label(&capability.id, "capability", index));
        if let Some(message) = id_problem(&capability.id) {
            report(place.clone(), message);
        } else if !capability_ids.insert(capability.id.as_str()) {
            report(
                place.clone(),
                "this id is used by another capability too".to_owned(),
            );
        }
        if capability.name.trim().is_empty() {
            report(place.clone(), "the name is empty".to_owned());
        }
        let texts = [
            ("name", capability.name.as_str(), false),
            ("description", capability.description.as_str(), true),
            ("rationale", capability.rationale.as_str(), true),
            ("escalation path", capability.escalation_path.as_str(), true),
            (
                "support boundary",
                capability.support_boundary.as_str(),
                true,
            ),
            ("SLO", capability.slo.as_str(), true),
            ("notes", capability.notes.as_str(), true),
        ];
        let tags = capability.tags.iter().map(|t| ("tag", t.as_str(), false));
        let exceptions = capability.exceptions.iter().flat_map(|e| {
            [
                ("exception's reason", e.reason.as_str(), true),
                ("exception's approver", e.approved_by.as_str(), false),
            ]
        });
        for (field, text, multiline) in texts.into_iter().chain(tags).chain(exceptions) {
            if let Some(message) = control_problem(field, text, multiline) {
                report(place.clone(), message);
            }
        }
        for metric in crate::model::Metric::ALL {
            let Some(value) = capability.metrics.get(metric) else {
                continue;
            };
            let percent = metric.unit() == "%";
            if !value.is_finite() || value < 0.0 || (percent && value > 100.0) {
                report(
                    place.clone(),
                    format!(
                        "the metric {} must be a number from 0{}, not {value}",
                        metric.label().to_lowercase(),
                        if percent { " to 100" } else { " up" }
                    ),
                );
            }
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
        follow_up::capability_problems(
            capability,
            &team_ids,
            &portfolio.minimum_standard,
            &mut |message| report(place.clone(), message),
        );
    }
    follow_up::portfolio_problems(portfolio, &mut |message| {
        report(Place::Portfolio, message);
    });
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
mod tests;
