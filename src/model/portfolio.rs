//! The portfolio: everything one workshop maps.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::{Capability, Zone};

/// A team that can own a capability or run its own copy of one.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Team {
    /// Stable, unique slug such as `payments`.
    pub id: String,
    /// Display name.
    pub name: String,
}

/// How the four answers turn into a recommendation.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoringSettings {
    /// Weight of reuse in the centralization pull.
    #[serde(default = "one")]
    pub reuse_weight: f64,
    /// Weight of cost in the centralization pull.
    #[serde(default = "one")]
    pub cost_weight: f64,
    /// Weight of risk in the centralization pull.
    #[serde(default = "one")]
    pub risk_weight: f64,
    /// A pull or differentiation at or above this counts as high.
    #[serde(default = "default_threshold")]
    pub threshold: f64,
}

fn one() -> f64 {
    1.0
}

fn default_threshold() -> f64 {
    3.0
}

impl Default for ScoringSettings {
    fn default() -> Self {
        Self {
            reuse_weight: one(),
            cost_weight: one(),
            risk_weight: one(),
            threshold: default_threshold(),
        }
    }
}

/// Everything one workshop maps: teams, capabilities and how they are scored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Portfolio {
    /// What a git merge could not settle, until the facilitator picks a
    /// side for each (see `capmap merge`). Written first, so whoever opens
    /// the file as text sees them at once.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<super::MergeConflict>,
    /// What the map is called, e.g. "Platform portfolio".
    pub name: String,
    /// The quarter it describes, e.g. "2026-Q4".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quarter: Option<String>,
    /// Free notes about the workshop.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// Weights and threshold.
    #[serde(default)]
    pub scoring: ScoringSettings,
    /// Teams, in the user's order.
    #[serde(default)]
    pub teams: Vec<Team>,
    /// The people who vote in the workshop.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub participants: Vec<super::Participant>,
    /// Capabilities, in the user's order. Shared, so a copy of the
    /// portfolio (an undo step) costs a pointer per capability and shares
    /// every capability an edit did not touch: change one through
    /// [`Self::capability_mut`] or `Arc::make_mut`.
    #[serde(default)]
    pub capabilities: Vec<Arc<Capability>>,
    /// The controls every team meets whatever it operates (framework §9).
    #[serde(
        default = "super::default_standard",
        skip_serializing_if = "super::is_default_standard"
    )]
    pub minimum_standard: Vec<String>,
    /// The migration backlog's order as the facilitator set it by hand, by
    /// capability id; empty while the ranking by friction stands.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub backlog_order: Vec<String>,
}

impl Default for Portfolio {
    fn default() -> Self {
        Self {
            conflicts: Vec::new(),
            name: String::new(),
            quarter: None,
            notes: String::new(),
            scoring: ScoringSettings::default(),
            teams: Vec::new(),
            participants: Vec::new(),
            capabilities: Vec::new(),
            minimum_standard: super::default_standard(),
            backlog_order: Vec::new(),
        }
    }
}

impl Portfolio {
    /// The name of a portfolio nobody has named yet.
    pub const UNTITLED: &str = "Untitled portfolio";

    /// True when `self` and `other` hold the same portfolio, like `==`,
    /// but a capability both share (an undo step and the portfolio it was
    /// taken from) is not compared field by field: at 10,000 capabilities
    /// an edit is told from no change in microseconds.
    #[must_use]
    pub fn same_as(&self, other: &Self) -> bool {
        // Every field by name, so a field added later cannot be forgotten.
        let Self {
            conflicts,
            name,
            quarter,
            notes,
            scoring,
            teams,
            participants,
            capabilities,
            minimum_standard,
            backlog_order,
        } = self;
        *conflicts == other.conflicts
            && *name == other.name
            && *quarter == other.quarter
            && *notes == other.notes
            && *scoring == other.scoring
            && *teams == other.teams
            && *participants == other.participants
            && *minimum_standard == other.minimum_standard
            && *backlog_order == other.backlog_order
            && capabilities.len() == other.capabilities.len()
            && capabilities
                .iter()
                .zip(&other.capabilities)
                .all(|(a, b)| Arc::ptr_eq(a, b) || a == b)
    }

    /// Whether anything recorded after the decisions is filled in: review
    /// dates, earlier decisions, readiness, standard controls, migrations,
    /// adoption, targets, participants' roles, a standard of its own or a
    /// backlog order. (Files that use none of it keep the older format.)
    #[must_use]
    pub fn uses_follow_up(&self) -> bool {
        !super::is_default_standard(&self.minimum_standard)
            || !self.backlog_order.is_empty()
            || self.participants.iter().any(|p| p.role.is_some())
            || self.capabilities.iter().any(|c| c.uses_follow_up())
    }

    /// An empty portfolio with default scoring.
    #[must_use]
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            ..Self::default()
        }
    }

    /// The capability with this id.
    #[must_use]
    pub fn capability(&self, id: &str) -> Option<&Capability> {
        self.capabilities
            .iter()
            .find(|c| c.id == id)
            .map(AsRef::as_ref)
    }

    /// Every capability by id, to look many up in constant time each (the
    /// first of two with one id, as [`Self::capability`] finds).
    #[must_use]
    pub fn by_id(&self) -> std::collections::HashMap<&str, &Capability> {
        let mut found = std::collections::HashMap::with_capacity(self.capabilities.len());
        for capability in &self.capabilities {
            found
                .entry(capability.id.as_str())
                .or_insert(capability.as_ref());
        }
        found
    }

    /// The ids of a board column, top to bottom.
    #[must_use]
    pub fn column(&self, zone: Zone) -> Vec<&str> {
        self.capabilities
            .iter()
            .filter(|c| c.zone == zone)
            .map(|c| c.id.as_str())
            .collect()
    }

    /// Every capability's id as the room reads the board: column by column
    /// from the left, each top to bottom.
    #[must_use]
    pub fn board_order(&self) -> Vec<&str> {
        Zone::ALL
            .iter()
            .flat_map(|&zone| self.column(zone))
            .collect()
    }

    /// The capability with this id, to change it.
    pub fn capability_mut(&mut self, id: &str) -> Option<&mut Capability> {
        self.capabilities
            .iter_mut()
            .find(|c| c.id == id)
            .map(Arc::make_mut)
    }

    /// The team with this id.
    #[must_use]
    pub fn team(&self, id: &str) -> Option<&Team> {
        self.teams.iter().find(|t| t.id == id)
    }

    /// The team's display name, or the id itself when no such team exists.
    #[must_use]
    pub fn team_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.team(id).map_or(id, |t| t.name.as_str())
    }

    /// Moves a capability to `zone`, placed just before the capability
    /// `before` (which must be in that zone), or after the last capability of
    /// that zone when `before` is `None` or not found. Returns false when
    /// there is no such capability or nothing would change.
    pub fn move_capability(&mut self, id: &str, zone: Zone, before: Option<&str>) -> bool {
        if before == Some(id) {
            return false;
        }
        let Some(from) = self.capabilities.iter().position(|c| c.id == id) else {
            return false;
        };
        let mut capability = self.capabilities.remove(from);
        Arc::make_mut(&mut capability).zone = zone;
        let target = before
            .and_then(|b| {
                self.capabilities
                    .iter()
                    .position(|c| c.id == b && c.zone == zone)
            })
            .or_else(|| {
                self.capabilities
                    .iter()
                    .rposition(|c| c.zone == zone)
                    .map(|last| last + 1)
            })
            .unwrap_or(self.capabilities.len());
        self.capabilities.insert(target, capability);
        true
    }

    /// Swaps a capability with its neighbour in the same zone: `-1` moves it
    /// up the column, `1` down. Returns false at either end, and for 0.
    pub fn reorder_within_zone(&mut self, id: &str, delta: i32) -> bool {
        if delta == 0 {
            return false;
        }
        let Some(index) = self.capabilities.iter().position(|c| c.id == id) else {
            return false;
        };
        let zone = self.capabilities[index].zone;
        let neighbour = if delta < 0 {
            self.capabilities[..index]
                .iter()
                .rposition(|c| c.zone == zone)
        } else {
            self.capabilities[index + 1..]
                .iter()
                .position(|c| c.zone == zone)
                .map(|i| i + index + 1)
        };
        match neighbour {
            Some(other) => {
                self.capabilities.swap(index, other);
                true
            }
            None => false,
        }
    }

    /// Removes a team and every reference to it: capabilities it owned have
    /// no owner, and it no longer runs copies or uses shared services.
    /// Returns false if unknown.
    pub fn remove_team(&mut self, id: &str) -> bool {
        let before = self.teams.len();
        self.teams.retain(|t| t.id != id);
        if self.teams.len() == before {
            return false;
        }
        // Only the capabilities that name the team are copied out of the
        // undo history.
        for capability in &mut self.capabilities {
            let owned = capability.owner.as_deref() == Some(id);
            let named = |teams: &[String]| teams.iter().any(|t| t == id);
            if owned || named(&capability.duplicated_by) || named(&capability.adopted_by) {
                let capability = Arc::make_mut(capability);
                if owned {
                    capability.owner = None;
                }
                capability.duplicated_by.retain(|t| t != id);
                capability.adopted_by.retain(|t| t != id);
            }
        }
        true
    }

    /// Replaces the minimum standard. A control renamed in its place (the
    /// same number of controls, one changed) stays met where it was met;
    /// a control no longer in the standard is met nowhere. Returns false,
    /// changing nothing, when the list is the same or holds an empty or a
    /// repeated control.
    pub fn set_standard(&mut self, controls: Vec<String>) -> bool {
        let well_formed = controls.iter().enumerate().all(|(i, control)| {
            !control.trim().is_empty()
                && !controls[..i]
                    .iter()
                    .any(|c| super::same_control(c, control))
        });
        if !well_formed || controls == self.minimum_standard {
            return false;
        }
        let renamed: Vec<(String, String)> = if controls.len() == self.minimum_standard.len() {
            self.minimum_standard
                .iter()
                .zip(&controls)
                .filter(|(old, new)| old != new)
                .map(|(old, new)| (old.clone(), new.clone()))
                .collect()
        } else {
            Vec::new()
        };
        for capability in &mut self.capabilities {
            let mut met: Vec<String> = Vec::new();
            for control in &capability.standard_met {
                let control = renamed
                    .iter()
                    .find(|(old, _)| super::same_control(old, control))
                    .map_or(control, |(_, new)| new);
                let in_standard = controls.iter().any(|c| super::same_control(c, control));
                if in_standard && !met.iter().any(|m| super::same_control(m, control)) {
                    met.push(control.clone());
                }
            }
            if met != capability.standard_met {
                Arc::make_mut(capability).standard_met = met;
            }
        }
        self.minimum_standard = controls;
        true
    }

    /// Adds a participant called `name`; returns the new id.
    pub fn add_participant(&mut self, name: &str) -> String {
        let id = unique_id(&slugify(name, "participant"), |id| {
            self.participants.iter().any(|p| p.id == id)
        });
        self.participants.push(super::Participant {
            id: id.clone(),
            name: name.to_owned(),
            role: None,
        });
        id
    }

    /// Removes a participant and their votes. Returns false if unknown.
    pub fn remove_participant(&mut self, id: &str) -> bool {
        let before = self.participants.len();
        self.participants.retain(|p| p.id != id);
        for capability in &mut self.capabilities {
            if capability.votes.iter().any(|v| v.participant == id) {
                Arc::make_mut(capability)
                    .votes
                    .retain(|v| v.participant != id);
            }
        }
        self.participants.len() != before
    }

    /// A capability id made from `name` that no capability uses yet.
    #[must_use]
    pub fn new_capability_id(&self, name: &str) -> String {
        unique_id(&slugify(name, "capability"), |id| {
            self.capability(id).is_some()
        })
    }

    /// The id the capability `id` gets from `name`: made from the name,
    /// and used by no other capability (its own id may be kept).
    #[must_use]
    pub fn id_for_name(&self, id: &str, name: &str) -> String {
        unique_id(&slugify(name, "capability"), |candidate| {
            candidate != id && self.capability(candidate).is_some()
        })
    }

    /// A team id made from `name` that no team uses yet.
    #[must_use]
    pub fn new_team_id(&self, name: &str) -> String {
        unique_id(&slugify(name, "team"), |id| self.team(id).is_some())
    }
}

/// Hands out ids unique among those already taken, as [`unique_id`] does
/// (`base`, then `base-2`, `base-3`…), but in constant time per id however
/// many share one base: an import of ten thousand rows called "CI" must
/// not search ten thousand candidates for each.
#[derive(Debug, Default)]
pub struct UniqueIds {
    taken: std::collections::HashSet<String>,
    /// Per base, the suffix below which every candidate is taken.
    next: std::collections::HashMap<String, u64>,
}

impl UniqueIds {
    /// An allocator that never hands out any of `taken`.
    pub fn new<'a>(taken: impl IntoIterator<Item = &'a str>) -> Self {
        Self {
            taken: taken.into_iter().map(str::to_owned).collect(),
            next: std::collections::HashMap::new(),
        }
    }

    /// The first free id of `base`, `base-2`, `base-3`…, now taken.
    pub fn claim(&mut self, base: &str) -> String {
        if self.taken.insert(base.to_owned()) {
            return base.to_owned();
        }
        let next = self.next.entry(base.to_owned()).or_insert(2);
        loop {
            let candidate = format!("{base}-{next}");
            *next += 1;
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

/// Turns a name into an id: lowercase ASCII letters and digits separated by
/// single dashes. Falls back to `fallback` when nothing is left.
#[must_use]
pub fn slugify(name: &str, fallback: &str) -> String {
    let mut slug = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        fallback.to_owned()
    } else {
        slug.to_owned()
    }
}

/// `base`, or `base-2`, `base-3`… whichever `taken` says is free first.
#[must_use]
pub fn unique_id(base: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_owned();
    }
    // Bounded so a pathological `taken` cannot loop forever; the id stays
    // unique in practice because there are never this many capabilities.
    (2..u64::MAX)
        .map(|n| format!("{base}-{n}"))
        .find(|candidate| !taken(candidate))
        .unwrap_or_else(|| base.to_owned())
}

#[cfg(test)]
mod tests;
