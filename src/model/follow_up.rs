//! What the room records after it decides (framework §6, §8-§10): when a
//! decision is looked at again and what it was in earlier quarters, whether
//! the platform team can support a capability yet, the migration that
//! moves teams onto a shared service, targets for the metrics and who sits
//! on the review board.

use std::fmt;

use serde::{Deserialize, Serialize};

use std::sync::Arc;

use super::{Date, Decision, Metric, Participant, Portfolio, quarter_key};

/// Can the platform team support the capability at the quality the
/// business expects, today?
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Readiness {
    /// Nobody has said yet.
    #[default]
    Unknown,
    /// Yes: it could take it on now.
    Yes,
    /// Partly: some of it, or not yet at the expected quality.
    Partly,
    /// No: it would need investment first.
    No,
}

impl Readiness {
    /// Every answer, in menu order.
    pub const ALL: [Self; 4] = [Self::Unknown, Self::Yes, Self::Partly, Self::No];

    /// The question, as the inspector asks it.
    pub const QUESTION: &str =
        "Can the platform team support this at the quality the business expects, today?";

    /// The answer shown to people.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Unknown => "Not asked yet",
            Self::Yes => "Yes",
            Self::Partly => "Partly",
            Self::No => "No",
        }
    }

    /// Whether shared ownership would need investment first.
    #[must_use]
    pub fn needs_investment(self) -> bool {
        matches!(self, Self::Partly | Self::No)
    }

    /// Reads an answer as people type it; empty means not asked.
    #[must_use]
    pub fn parse_loose(text: &str) -> Option<Self> {
        match text.trim().to_lowercase().as_str() {
            "" | "unknown" | "not asked" | "not asked yet" => Some(Self::Unknown),
            "yes" | "ready" => Some(Self::Yes),
            "partly" | "partial" | "partially" => Some(Self::Partly),
            "no" | "not ready" => Some(Self::No),
            _ => None,
        }
    }
}

impl fmt::Display for Readiness {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A decision an earlier quarter recorded.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PastDecision {
    /// The quarter it was recorded in, e.g. "2026-Q3".
    pub quarter: String,
    /// What the room decided then.
    pub decision: Decision,
    /// Why, as it was written then.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub rationale: String,
}

/// How far a migration onto the shared service has come.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MigrationStatus {
    /// Agreed, not started.
    #[default]
    Planned,
    /// Teams are moving.
    InProgress,
    /// Every team that should move has moved.
    Done,
}

impl MigrationStatus {
    /// Every status, in the order work goes through them.
    pub const ALL: [Self; 3] = [Self::Planned, Self::InProgress, Self::Done];

    /// The status shown to people.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Planned => "Planned",
            Self::InProgress => "In progress",
            Self::Done => "Done",
        }
    }
}

impl fmt::Display for MigrationStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The change plan that moves teams off their own copies (framework §9):
/// by when, with which guide and whose help.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Migration {
    /// How far it has come.
    #[serde(default)]
    pub status: MigrationStatus,
    /// The quarter teams should have moved by, e.g. "2027-Q2".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_quarter: Option<String>,
    /// Where the migration guide is (a link or a page name).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub guide: String,
    /// The named person teams go to for help.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub contact: String,
}

impl Migration {
    /// Whether its target quarter is before the quarter `today` is in. A
    /// migration due this quarter has not passed yet; one without a
    /// readable target quarter never has.
    #[must_use]
    pub fn target_passed(&self, today: Date) -> bool {
        self.target_quarter
            .as_deref()
            .and_then(quarter_key)
            .is_some_and(|target| target < quarter_of(today))
    }
}

/// Which way a metric should go to meet its target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Direction {
    /// The target is a floor: at least this much.
    AtLeast,
    /// The target is a ceiling: at most this much.
    AtMost,
}

impl Direction {
    /// The way that is better for `metric`: more deployments, less toil.
    #[must_use]
    pub fn better_for(metric: Metric) -> Self {
        if metric.higher_is_better() {
            Self::AtLeast
        } else {
            Self::AtMost
        }
    }

    /// "at least" or "at most".
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::AtLeast => "at least",
            Self::AtMost => "at most",
        }
    }
}

/// A target for one metric of one capability.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// Which metric.
    pub metric: Metric,
    /// The value to reach.
    pub value: f64,
    /// Whether the value is a floor or a ceiling.
    pub direction: Direction,
}

impl Target {
    /// Whether `measured` meets the target; a value exactly on it does.
    #[must_use]
    pub fn is_met_by(&self, measured: f64) -> bool {
        match self.direction {
            Direction::AtLeast => measured >= self.value,
            Direction::AtMost => measured <= self.value,
        }
    }
}

/// What a participant brings to the review board (framework §3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    /// Platform engineering.
    PlatformEngineering,
    /// Security.
    Security,
    /// Site reliability engineering.
    Sre,
    /// Product leadership.
    Product,
    /// Anyone else.
    Other,
}

impl Role {
    /// Every role, in menu order.
    pub const ALL: [Self; 5] = [
        Self::PlatformEngineering,
        Self::Security,
        Self::Sre,
        Self::Product,
        Self::Other,
    ];

    /// The roles a quarterly review board needs in the room.
    pub const BOARD: [Self; 4] = [
        Self::PlatformEngineering,
        Self::Security,
        Self::Sre,
        Self::Product,
    ];

    /// The role shown to people.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::PlatformEngineering => "Platform engineering",
            Self::Security => "Security",
            Self::Sre => "SRE",
            Self::Product => "Product",
            Self::Other => "Other",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The roles of [`Role::BOARD`] nobody in `participants` holds, once any
/// role is noted at all (before that, nobody has said who is who).
#[must_use]
pub fn missing_board_roles(participants: &[Participant]) -> Vec<Role> {
    if participants.iter().all(|p| p.role.is_none()) {
        return Vec::new();
    }
    Role::BOARD
        .into_iter()
        .filter(|role| !participants.iter().any(|p| p.role == Some(*role)))
        .collect()
}

/// How many earlier decisions a capability keeps: two years of quarters.
pub const HISTORY_KEPT: usize = 8;

/// The next quarter's portfolio, to open when a quarter's workshop starts:
/// the quarter after this one's (or after `today`'s when it names none);
/// every recorded decision also in the capability's history with this
/// quarter; review dates that fall before the new quarter dropped, so the
/// default (the quarter after the new one) applies; votes cleared for the
/// new round. Everything else, scores and decisions included, carries
/// over: the room starts from where it stopped.
#[must_use]
pub fn start_next_quarter(portfolio: &Portfolio, today: Date) -> Portfolio {
    let this = portfolio
        .quarter
        .as_deref()
        .and_then(quarter_key)
        .unwrap_or_else(|| quarter_of(today));
    let next = next_quarter(this);
    let next_start = quarter_start(next);
    let mut copy = portfolio.clone();
    copy.quarter = Some(quarter_name(next));
    for capability in &mut copy.capabilities {
        let capability = Arc::make_mut(capability);
        if capability.decision != Decision::Undecided {
            capability.history.push(PastDecision {
                quarter: quarter_name(this),
                decision: capability.decision,
                rationale: capability.rationale.clone(),
            });
            let excess = capability.history.len().saturating_sub(HISTORY_KEPT);
            capability.history.drain(..excess);
        }
        if capability
            .review_on
            .is_some_and(|due| next_start.is_none_or(|start| due < start))
        {
            capability.review_on = None;
        }
        capability.votes.clear();
        capability.votes_revealed = false;
    }
    copy
}

/// The baseline every team meets whatever it operates (framework §9), when
/// a portfolio names none of its own.
#[must_use]
pub fn default_standard() -> Vec<String> {
    [
        "Logging",
        "Access control",
        "Documentation",
        "Incident escalation",
    ]
    .map(str::to_owned)
    .to_vec()
}

/// Whether `standard` is [`default_standard`], so files that keep it do not
/// spell it out.
#[must_use]
pub fn is_default_standard(standard: &[String]) -> bool {
    standard.iter().eq(default_standard().iter())
}

/// Whether a control named in a capability is `control` of the standard:
/// the same words, whatever the case and the spaces around them.
#[must_use]
pub fn same_control(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    if a.is_ascii() && b.is_ascii() {
        // The usual case, without building two lowercase copies: it runs
        // for every control of every capability at each count.
        a.eq_ignore_ascii_case(b)
    } else {
        a.to_lowercase() == b.to_lowercase()
    }
}

/// The quarter `date` falls in, as (year, quarter) like [`quarter_key`].
#[must_use]
pub fn quarter_of(date: Date) -> (u32, u8) {
    let year = u32::try_from(date.year()).unwrap_or(0);
    (year, (date.month() - 1) / 3 + 1)
}

/// The quarter after `quarter`.
#[must_use]
pub fn next_quarter((year, number): (u32, u8)) -> (u32, u8) {
    if number >= 4 {
        (year.saturating_add(1), 1)
    } else {
        (year, number + 1)
    }
}

/// The first day of `quarter`; `None` past the calendar's end.
#[must_use]
pub fn quarter_start((year, number): (u32, u8)) -> Option<Date> {
    let year = i32::try_from(year).ok()?;
    Date::from_ymd(year, number.clamp(1, 4) * 3 - 2, 1)
}

/// A quarter as capmap writes it: "2027-Q1".
#[must_use]
pub fn quarter_name((year, number): (u32, u8)) -> String {
    format!("{year}-Q{number}")
}

#[cfg(test)]
mod tests;
