//! Every change a facilitator can make to a portfolio, as one value.
//!
//! The app turns what was clicked, dragged or typed into an [`Edit`] that
//! names its capability explicitly (never "the selected one"), and
//! [`Edit::apply`] is the one place where the document changes. Each
//! variant is matched exhaustively, so a new kind of edit cannot be
//! forgotten here or in the app.

use std::sync::Arc;

use super::{
    Capability, Decision, Portfolio, Question, Score, Scores, ScoringSettings, Team, Zone,
};

/// One change to a portfolio.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Add a capability called `name` to the Unplaced zone, with an id made
    /// from the name.
    AddCapability {
        /// Its name.
        name: String,
    },
    /// Delete a capability.
    DeleteCapability {
        /// The capability.
        id: String,
    },
    /// Put a capability at the end of another zone's column; nothing
    /// happens when it is in that zone already.
    MoveToZone {
        /// The capability.
        id: String,
        /// The zone.
        zone: Zone,
    },
    /// Put a capability in a zone just before another card of that zone
    /// (`None`: at the end of the column), as a drop on the board does.
    MoveCard {
        /// The capability.
        id: String,
        /// The target zone.
        zone: Zone,
        /// The card it lands in front of.
        before: Option<String>,
    },
    /// Move a capability one place up (-1) or down (+1) in its column.
    Reorder {
        /// The capability.
        id: String,
        /// The direction.
        delta: i32,
    },
    /// Answer one question for one capability, or clear the answer.
    SetScore {
        /// The capability.
        id: String,
        /// The question.
        question: Question,
        /// The answer; `None` clears it.
        score: Option<Score>,
    },
    /// Replace a capability with an edited copy of it (the inspector's
    /// fields).
    UpdateCapability {
        /// The edited copy; its id says which capability it replaces.
        capability: Box<Capability>,
        /// For a capability added since the last save: the id it was added
        /// with. Its id then follows its name, and typing is grouped under
        /// this first id. `None` once saved: an id never changes then.
        added_as: Option<String>,
    },
    /// Record a decision.
    SetDecision {
        /// The capability.
        id: String,
        /// The decision.
        decision: Decision,
    },
    /// Step a capability's decision to the next one, round again after the
    /// last.
    CycleDecision {
        /// The capability.
        id: String,
    },
    /// New weights and threshold for every recommendation.
    SetScoring(ScoringSettings),
    /// Add a team called `name`.
    AddTeam {
        /// Its name.
        name: String,
    },
    /// Rename a team.
    RenameTeam {
        /// The team.
        id: String,
        /// Its new name.
        name: String,
    },
    /// Remove a team and every reference to it.
    RemoveTeam {
        /// The team.
        id: String,
    },
    /// Record one participant's hidden answers for one capability; all
    /// empty removes the vote.
    SetVote {
        /// The capability.
        id: String,
        /// The participant.
        participant: String,
        /// The answers.
        scores: Scores,
    },
    /// Show a capability's votes: their medians become its scores.
    RevealVotes {
        /// The capability.
        id: String,
    },
    /// Hide a capability's votes again for another round.
    HideVotes {
        /// The capability.
        id: String,
    },
    /// Add a participant called `name`.
    AddParticipant {
        /// Their name.
        name: String,
    },
    /// Remove a participant and their votes.
    RemoveParticipant {
        /// The participant.
        id: String,
    },
    /// Rename the portfolio, or change its quarter and notes.
    UpdateInfo {
        /// Name.
        name: String,
        /// Quarter.
        quarter: Option<String>,
        /// Notes.
        notes: String,
    },
    /// Put the migration backlog in this order by hand (capability ids);
    /// an empty list ranks it by friction again.
    SetBacklogOrder {
        /// Capability ids, first to move first.
        order: Vec<String>,
    },
    /// Replace the minimum standard's controls. A control renamed in its
    /// place stays met where it was; one removed is met nowhere.
    SetStandard {
        /// The controls, in order.
        controls: Vec<String>,
    },
    /// Note what a participant brings to the review board.
    SetParticipantRole {
        /// The participant.
        id: String,
        /// Their role, or none.
        role: Option<super::Role>,
    },
    /// Settle a merge conflict with one side's value, or what the portfolio
    /// holds now; it leaves the list of conflicts.
    ResolveConflict {
        /// Its place in [`Portfolio::conflicts`].
        index: usize,
        /// Which value.
        pick: super::Pick,
    },
    /// Add capabilities and teams made elsewhere (a CSV import), with ids
    /// already unique in the portfolio.
    Append {
        /// New teams.
        teams: Vec<Team>,
        /// New capabilities, in order.
        capabilities: Vec<Capability>,
    },
}

/// What an applied edit left behind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applied {
    /// The capability the edit added or changed, by its id after the edit
    /// (a new capability's id follows its name); `None` for edits of the
    /// portfolio as a whole, of teams or participants, and for deletions.
    pub capability: Option<String>,
}

impl Applied {
    fn portfolio() -> Self {
        Self { capability: None }
    }

    fn capability(id: String) -> Self {
        Self {
            capability: Some(id),
        }
    }
}

impl Edit {
    /// Applies the edit. `None` when it cannot apply (an unknown id) or
    /// would change nothing; the portfolio is then left as it was.
    pub fn apply(self, portfolio: &mut Portfolio) -> Option<Applied> {
        let p = portfolio;
        match self {
            Self::AddCapability { name } => {
                let id = p.new_capability_id(&name);
                p.capabilities
                    .push(Capability::new(id.clone(), name).into());
                Some(Applied::capability(id))
            }
            Self::DeleteCapability { id } => {
                let index = p.capabilities.iter().position(|c| c.id == id)?;
                p.capabilities.remove(index);
                p.backlog_order.retain(|placed| *placed != id);
                Some(Applied::portfolio())
            }
            Self::MoveToZone { id, zone } => {
                let already = p.capability(&id)?.zone == zone;
                (!already && p.move_capability(&id, zone, None)).then(|| Applied::capability(id))
            }
            Self::MoveCard { id, zone, before } => {
                let current = p.capability(&id)?.zone;
                // Dropped back where it is: last in its own column.
                let unchanged = current == zone
                    && before.is_none()
                    && p.column(zone).last() == Some(&id.as_str());
                (!unchanged && p.move_capability(&id, zone, before.as_deref()))
                    .then(|| Applied::capability(id))
            }
            Self::Reorder { id, delta } => p
                .reorder_within_zone(&id, delta)
                .then(|| Applied::capability(id)),
            Self::SetScore {
                id,
                question,
                score,
            } => {
                let scores = &mut p.capability_mut(&id)?.scores;
                if scores.get(question) == score {
                    return None;
                }
                scores.set(question, score);
                Some(Applied::capability(id))
            }
            Self::UpdateCapability {
                capability,
                added_as,
            } => {
                let id = capability.id.clone();
                let slot = p.capability_mut(&id)?;
                let renamed = added_as.is_some() && slot.name != capability.name;
                *slot = *capability;
                if !renamed {
                    return Some(Applied::capability(id));
                }
                let name = slot.name.clone();
                let new_id = p.id_for_name(&id, &name);
                p.capability_mut(&id)?.id.clone_from(&new_id);
                for placed in &mut p.backlog_order {
                    if *placed == id {
                        placed.clone_from(&new_id);
                    }
                }
                Some(Applied::capability(new_id))
            }
            Self::SetDecision { id, decision } => {
                let capability = p.capability_mut(&id)?;
                if capability.decision == decision {
                    return None;
                }
                capability.decision = decision;
                Some(Applied::capability(id))
            }
            Self::CycleDecision { id } => {
                let capability = p.capability_mut(&id)?;
                let index = Decision::ALL
                    .iter()
                    .position(|d| *d == capability.decision)
                    .unwrap_or(0);
                capability.decision = Decision::ALL[(index + 1) % Decision::ALL.len()];
                Some(Applied::capability(id))
            }
            Self::SetScoring(settings) => {
                if p.scoring == settings {
                    return None;
                }
                p.scoring = settings;
                Some(Applied::portfolio())
            }
            Self::AddTeam { name } => {
                let id = p.new_team_id(&name);
                p.teams.push(Team { id, name });
                Some(Applied::portfolio())
            }
            Self::RenameTeam { id, name } => {
                let team = p.teams.iter_mut().find(|t| t.id == id)?;
                if team.name == name {
                    return None;
                }
                team.name = name;
                Some(Applied::portfolio())
            }
            Self::RemoveTeam { id } => p.remove_team(&id).then(Applied::portfolio),
            Self::SetVote {
                id,
                participant,
                scores,
            } => {
                p.capability_mut(&id)?.set_vote(&participant, scores);
                Some(Applied::capability(id))
            }
            Self::RevealVotes { id } => {
                p.capability_mut(&id)?.reveal_votes();
                Some(Applied::capability(id))
            }
            Self::HideVotes { id } => {
                let capability = p.capability_mut(&id)?;
                if !capability.votes_revealed {
                    return None;
                }
                capability.votes_revealed = false;
                Some(Applied::capability(id))
            }
            Self::AddParticipant { name } => {
                p.add_participant(&name);
                Some(Applied::portfolio())
            }
            Self::RemoveParticipant { id } => p.remove_participant(&id).then(Applied::portfolio),
            Self::UpdateInfo {
                name,
                quarter,
                notes,
            } => {
                p.name = name;
                p.quarter = quarter;
                p.notes = notes;
                Some(Applied::portfolio())
            }
            Self::SetBacklogOrder { order } => {
                let ids = p.by_id();
                let known = order.iter().all(|id| ids.contains_key(id.as_str()));
                let mut seen = std::collections::HashSet::new();
                let unique = order.iter().all(|id| seen.insert(id.as_str()));
                drop(ids);
                (known && unique && p.backlog_order != order).then(|| {
                    p.backlog_order = order;
                    Applied::portfolio()
                })
            }
            Self::SetStandard { controls } => p.set_standard(controls).then(Applied::portfolio),
            Self::SetParticipantRole { id, role } => {
                let participant = p.participants.iter_mut().find(|x| x.id == id)?;
                (participant.role != role).then(|| {
                    participant.role = role;
                    Applied::portfolio()
                })
            }
            Self::Append {
                teams,
                capabilities,
            } => {
                if teams.is_empty() && capabilities.is_empty() {
                    return None;
                }
                p.teams.extend(teams);
                p.capabilities
                    .extend(capabilities.into_iter().map(Arc::new));
                Some(Applied::portfolio())
            }
            Self::ResolveConflict { index, pick } => {
                p.resolve_conflict(index, pick).ok()?;
                Some(Applied::portfolio())
            }
        }
    }

    /// Typing into one field (one capability's field, one person's vote,
    /// one team's name, the portfolio's details) is one undo step while it
    /// goes on; every other edit is a step of its own. Successive edits
    /// with the same key are grouped; `None` never groups.
    #[must_use]
    pub fn typing_key(&self, before: &Portfolio) -> Option<String> {
        match self {
            Self::UpdateCapability {
                capability,
                added_as,
            } => {
                let old = before.capability(&capability.id)?;
                let field = changed_text_field(old, capability)?;
                Some(format!(
                    "{}/{field}",
                    added_as.as_deref().unwrap_or(&capability.id)
                ))
            }
            Self::SetVote {
                id, participant, ..
            } => Some(format!("{id}/vote/{participant}")),
            Self::RenameTeam { id, .. } => Some(format!("team/{id}")),
            Self::UpdateInfo { .. } => Some("portfolio".to_owned()),
            Self::SetStandard { .. } => Some("standard".to_owned()),
            Self::SetBacklogOrder { .. }
            | Self::SetParticipantRole { .. }
            | Self::AddCapability { .. }
            | Self::DeleteCapability { .. }
            | Self::MoveToZone { .. }
            | Self::MoveCard { .. }
            | Self::Reorder { .. }
            | Self::SetScore { .. }
            | Self::SetDecision { .. }
            | Self::CycleDecision { .. }
            | Self::SetScoring(_)
            | Self::AddTeam { .. }
            | Self::RemoveTeam { .. }
            | Self::RevealVotes { .. }
            | Self::HideVotes { .. }
            | Self::AddParticipant { .. }
            | Self::RemoveParticipant { .. }
            | Self::ResolveConflict { .. }
            | Self::Append { .. } => None,
        }
    }

    /// What to tell the room, with an Undo button, when this edit takes
    /// away or replaces something it recorded: a deletion, a removal, new
    /// weights, votes turned into scores, a decision replaced, an import.
    /// `before` is the portfolio the edit applies to. `None` for edits the
    /// facilitator sees happen where they are working.
    #[must_use]
    pub fn undo_notice(&self, before: &Portfolio) -> Option<String> {
        match self {
            Self::DeleteCapability { id } => {
                Some(format!("Deleted “{}”", before.capability(id)?.name))
            }
            Self::UpdateCapability { capability, .. } => {
                let old = before.capability(&capability.id)?;
                (capability.exceptions.len() < old.exceptions.len())
                    .then(|| format!("Removed an exception from “{}”", capability.name))
            }
            Self::SetDecision { id, decision } => {
                let capability = before.capability(id)?;
                let replaced = capability.decision;
                (replaced != Decision::Undecided && replaced != *decision).then(|| {
                    format!(
                        "“{}” was decided {}, now {}",
                        capability.name,
                        replaced.label(),
                        decision.label()
                    )
                })
            }
            Self::SetScoring(_) => {
                Some("Applied the new weights: every recommendation follows them".to_owned())
            }
            Self::RemoveTeam { id } => {
                Some(format!("Removed the team “{}”", before.team(id)?.name))
            }
            Self::RevealVotes { id } => Some(format!(
                "Votes revealed: their medians are now the scores of “{}”",
                before.capability(id)?.name
            )),
            Self::RemoveParticipant { id } => {
                let participant = before.participants.iter().find(|p| p.id == *id)?;
                Some(format!("Removed {} and their votes", participant.name))
            }
            Self::ResolveConflict { index, pick } => {
                let conflict = before.conflicts.get(*index)?;
                let value = match pick {
                    super::Pick::Ours => conflict.ours.as_ref(),
                    super::Pick::Theirs => conflict.theirs.as_ref(),
                    super::Pick::Current => return None,
                };
                Some(if conflict.is_removal() && value.is_none() {
                    format!("Removed “{}” as one branch did", conflict.place(before))
                } else {
                    format!(
                        "{}: now {}",
                        conflict.place(before),
                        super::value_text(value)
                    )
                })
            }
            Self::AddCapability { .. }
            | Self::MoveToZone { .. }
            | Self::MoveCard { .. }
            | Self::Reorder { .. }
            | Self::SetScore { .. }
            | Self::CycleDecision { .. }
            | Self::AddTeam { .. }
            | Self::RenameTeam { .. }
            | Self::SetVote { .. }
            | Self::HideVotes { .. }
            | Self::AddParticipant { .. }
            | Self::UpdateInfo { .. }
            | Self::SetBacklogOrder { .. }
            | Self::SetStandard { .. }
            | Self::SetParticipantRole { .. }
            | Self::Append { .. } => None,
        }
    }

    /// A short name for the edit, as a menu would say it.
    #[must_use]
    pub fn label(&self) -> &'static str {
        match self {
            Self::AddCapability { .. } => "Add capability",
            Self::DeleteCapability { .. } => "Delete capability",
            Self::MoveToZone { .. } | Self::MoveCard { .. } => "Move to a zone",
            Self::Reorder { .. } => "Move the card",
            Self::SetScore { .. } => "Score",
            Self::UpdateCapability { .. } => "Edit capability",
            Self::SetDecision { .. } | Self::CycleDecision { .. } => "Decide",
            Self::SetScoring(_) => "Apply weights",
            Self::AddTeam { .. } => "Add team",
            Self::RenameTeam { .. } => "Rename team",
            Self::RemoveTeam { .. } => "Remove team",
            Self::SetVote { .. } => "Record a vote",
            Self::RevealVotes { .. } => "Reveal the votes",
            Self::HideVotes { .. } => "Hide the votes",
            Self::AddParticipant { .. } => "Add participant",
            Self::RemoveParticipant { .. } => "Remove participant",
            Self::UpdateInfo { .. } => "Edit portfolio",
            Self::SetBacklogOrder { .. } => "Reorder the backlog",
            Self::SetStandard { .. } => "Edit the minimum standard",
            Self::SetParticipantRole { .. } => "Set a role",
            Self::ResolveConflict { .. } => "Settle a merge conflict",
            Self::Append { .. } => "Import",
        }
    }
}

/// The text field an inspector edit changed, if it changed one. Clicks
/// (zone, scores, decision, adding or removing an exception) are not typing.
fn changed_text_field(old: &Capability, new: &Capability) -> Option<&'static str> {
    Some(if old.name != new.name {
        "name"
    } else if old.description != new.description {
        "description"
    } else if old.rationale != new.rationale {
        "rationale"
    } else if old.escalation_path != new.escalation_path {
        "escalation_path"
    } else if old.support_boundary != new.support_boundary {
        "support_boundary"
    } else if old.slo != new.slo {
        "slo"
    } else if old.notes != new.notes {
        "notes"
    } else if old.tags != new.tags {
        "tags"
    } else if old.metrics != new.metrics {
        "metrics"
    } else if old.exceptions.len() == new.exceptions.len() && old.exceptions != new.exceptions {
        "exceptions"
    } else if old.review_on.is_some() && new.review_on.is_some() && old.review_on != new.review_on {
        "review_on"
    } else if old.migration.is_some() && new.migration.is_some() && old.migration != new.migration {
        "migration"
    } else {
        return None;
    })
}

#[cfg(test)]
mod tests;
