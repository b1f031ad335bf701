//! Facilitators' changes for the property tests, each applied through the
//! model's own edits, so every edited portfolio is one the app could have
//! saved.

#![expect(clippy::unwrap_used, reason = "the first of a month is a real day")]

use capmap::model::{Decision, Edit, Exception, Portfolio, Question, Score, Zone};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::Index;

/// Up to six changes of the first `kinds` kinds [`edited`] makes: below 9
/// capabilities and teams, then the settings every capability is counted
/// against (weights and threshold, quarter, minimum standard), then a
/// capability's exceptions, copies and controls met (13 in all).
pub fn edits(kinds: u8) -> impl Strategy<Value = Vec<(u8, Index, u8)>> {
    vec((0..kinds.min(13), any::<Index>(), 0..5_u8), 0..6)
}

/// `portfolio` after `edits`, each applied through the model's own edits.
pub fn edited(portfolio: &Portfolio, edits: &[(u8, Index, u8)]) -> Portfolio {
    let mut p = portfolio.clone();
    for (kind, pick, n) in edits {
        let capability = if p.capabilities.is_empty() {
            String::new()
        } else {
            pick.get(&p.capabilities).id.clone()
        };
        let team = if p.teams.is_empty() {
            String::new()
        } else {
            pick.get(&p.teams).id.clone()
        };
        let edit = match kind {
            0 => Edit::MoveToZone {
                id: capability,
                zone: Zone::ALL[usize::from(*n) % Zone::ALL.len()],
            },
            1 => Edit::SetScore {
                id: capability,
                question: Question::ALL[usize::from(*n) % 4],
                score: Score::new(*n + 1),
            },
            2 => Edit::SetDecision {
                id: capability,
                decision: Decision::ALL[usize::from(*n) % Decision::ALL.len()],
            },
            3 => Edit::DeleteCapability { id: capability },
            4 => Edit::AddCapability {
                name: format!("added {n}"),
            },
            5 => Edit::Reorder {
                id: capability,
                delta: if *n % 2 == 0 { -1 } else { 1 },
            },
            6 => Edit::RenameTeam {
                id: team,
                name: format!("renamed {n}"),
            },
            7 => Edit::RemoveTeam { id: team },
            8 => Edit::AddTeam {
                name: format!("new team {n}"),
            },
            9 => {
                let mut scoring = p.scoring;
                scoring.threshold = 1.5 + f64::from(*n) * 0.5;
                scoring.reuse_weight = f64::from(*n);
                Edit::SetScoring(scoring)
            }
            10 => Edit::UpdateInfo {
                name: p.name.clone(),
                quarter: [
                    None,
                    Some("2026-Q2"),
                    Some("2026-Q4"),
                    Some("Q3 2025"),
                    None,
                ][usize::from(*n)]
                .map(str::to_owned),
                notes: p.notes.clone(),
            },
            11 => Edit::SetStandard {
                controls: p
                    .minimum_standard
                    .iter()
                    .skip(usize::from(*n) % 2)
                    .cloned()
                    .chain((*n > 2).then(|| "Backups".to_owned()))
                    .collect(),
            },
            _ => {
                let Some(found) = p.capabilities.iter().find(|c| c.id == capability) else {
                    continue;
                };
                let mut changed = capmap::model::Capability::clone(found);
                match n {
                    0 => changed.exceptions.clear(),
                    1 if !team.is_empty() => changed.duplicated_by.push(team),
                    1 => changed.duplicated_by.clear(),
                    2 => changed.standard_met.push("backups".to_owned()),
                    _ => changed.exceptions.push(Exception {
                        reason: "r".to_owned(),
                        approved_by: "a".to_owned(),
                        review_by: capmap::model::Date::from_ymd(2026, 1 + *n, 1).unwrap(),
                    }),
                }
                Edit::UpdateCapability {
                    capability: Box::new(changed),
                    added_as: None,
                }
            }
        };
        edit.apply(&mut p);
    }
    p
}
