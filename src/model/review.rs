//! Views across the whole portfolio: what changes if the weights change,
//! the exceptions register, the duplication inventory, and what moved
//! between two quarters.

use serde::Serialize;

use super::{
    Capability, Date, Decision, Exception, Portfolio, Question, Recommendation, Score,
    ScoringSettings, Zone, locate,
};

/// A capability whose quadrant differs between two scoring settings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct QuadrantSwitch {
    /// Capability id.
    pub id: String,
    /// Capability name.
    pub name: String,
    /// The quadrant under the first settings.
    pub from: Recommendation,
    /// The quadrant under the second settings.
    pub to: Recommendation,
}

/// Every scored capability whose quadrant under `trial` differs from the
/// one under the portfolio's own settings, in portfolio order.
#[must_use]
pub fn quadrant_switches(portfolio: &Portfolio, trial: &ScoringSettings) -> Vec<QuadrantSwitch> {
    portfolio
        .capabilities
        .iter()
        .filter_map(|c| {
            let from = locate(c, &portfolio.scoring)?.recommendation;
            let to = locate(c, trial)?.recommendation;
            (from != to).then(|| QuadrantSwitch {
                id: c.id.clone(),
                name: c.name.clone(),
                from,
                to,
            })
        })
        .collect()
}

/// One line of the exceptions register.
#[derive(Clone, Debug, PartialEq)]
pub struct RegisterEntry<'a> {
    /// The capability the exception is for.
    pub capability: &'a Capability,
    /// The exception.
    pub exception: &'a Exception,
    /// Past its review date.
    pub overdue: bool,
}

/// Every exception in the portfolio, soonest review first.
#[must_use]
pub fn exceptions_register(portfolio: &Portfolio, today: Date) -> Vec<RegisterEntry<'_>> {
    let mut entries: Vec<RegisterEntry<'_>> = portfolio
        .capabilities
        .iter()
        .flat_map(|capability| {
            capability
                .exceptions
                .iter()
                .map(move |exception| RegisterEntry {
                    capability,
                    exception,
                    overdue: exception.is_overdue(today),
                })
        })
        .collect();
    entries.sort_by(|a, b| {
        a.exception
            .review_by
            .cmp(&b.exception.review_by)
            .then_with(|| a.capability.name.cmp(&b.capability.name))
    });
    entries
}

/// The duplication inventory: capabilities that two or more teams run
/// separately, most copies first (ties in portfolio order).
#[must_use]
pub fn duplication_ranking(portfolio: &Portfolio) -> Vec<&Capability> {
    let mut ranked: Vec<&Capability> = portfolio
        .capabilities
        .iter()
        .filter(|c| c.duplication() >= 2)
        .map(AsRef::as_ref)
        .collect();
    ranked.sort_by_key(|c| std::cmp::Reverse(c.duplication()));
    ranked
}

/// What changed for one capability between two quarters.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct CapabilityChange {
    /// Capability id (how capabilities are matched).
    pub id: String,
    /// Its name now.
    pub name: String,
    /// Zone before and after, when it moved.
    pub zone: Option<(Zone, Zone)>,
    /// Quadrant before and after (None = to score), when it changed.
    pub quadrant: Option<(Option<Recommendation>, Option<Recommendation>)>,
    /// Decision before and after, when it changed.
    pub decision: Option<(Decision, Decision)>,
    /// Scores that changed: question, before, after.
    pub scores: Vec<(String, Option<u8>, Option<u8>)>,
    /// Where it stood before and after: the recorded decision, or the
    /// recommendation's when none was recorded (None: neither).
    #[serde(skip)]
    pub stance: (Option<Decision>, Option<Decision>),
}

impl CapabilityChange {
    /// True when nothing that the diff tracks changed.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.zone.is_none()
            && self.quadrant.is_none()
            && self.decision.is_none()
            && self.scores.is_empty()
    }

    /// Moved from team-owned (Operate) to shared (Orchestrate or Hybrid).
    /// The recorded decision counts; the recommendation only when no
    /// decision is recorded, so a recommendation that moved while the room
    /// kept deciding Operate is no move.
    #[must_use]
    pub fn moved_to_shared(&self) -> bool {
        let shared =
            |d: Option<Decision>| matches!(d, Some(Decision::Orchestrate | Decision::Hybrid));
        self.stance.0 == Some(Decision::Operate) && shared(self.stance.1)
    }
}

/// Where a capability stands: its recorded decision, or else the decision
/// its recommendation would be.
fn stance(capability: &Capability, recommendation: Option<Recommendation>) -> Option<Decision> {
    match capability.decision {
        Decision::Undecided => recommendation.map(Recommendation::matching_decision),
        decided => Some(decided),
    }
}

/// A quarter such as "2026-Q4", "2026 Q4" or "Q4 2026", as (year,
/// quarter) so that quarters compare in time order.
#[must_use]
pub fn quarter_key(quarter: &str) -> Option<(u32, u8)> {
    let upper = quarter.trim().to_uppercase();
    let mut year = None;
    let mut number = None;
    for part in upper.split(|c: char| c == '-' || c == '/' || c.is_whitespace()) {
        let part = part.trim();
        if let Some(q) = part.strip_prefix('Q') {
            number = q.parse::<u8>().ok().filter(|q| (1..=4).contains(q));
        } else if let Some((y, q)) = part.split_once('Q') {
            year = y.parse::<u32>().ok();
            number = q.parse::<u8>().ok().filter(|q| (1..=4).contains(q));
        } else if !part.is_empty() {
            year = part.parse::<u32>().ok();
        }
    }
    Some((year?, number?))
}

/// The open portfolio compared with another quarter's, which may be the
/// earlier or the later one: changes always read from earlier to later.
#[derive(Clone, Copy, Debug)]
pub struct Comparison<'a> {
    /// The other quarter's portfolio.
    pub other: &'a Portfolio,
    /// Whether the other one is the later quarter.
    pub other_is_later: bool,
}

impl<'a> Comparison<'a> {
    /// `open` compared with `other`: the later quarter is the one whose
    /// `quarter` comes later; when either does not name one, `other` is
    /// taken as the earlier (it is usually last quarter's file).
    #[must_use]
    pub fn new(open: &Portfolio, other: &'a Portfolio) -> Self {
        let key = |p: &Portfolio| p.quarter.as_deref().and_then(quarter_key);
        let other_is_later = matches!((key(open), key(other)), (Some(a), Some(b)) if b > a);
        Self {
            other,
            other_is_later,
        }
    }

    /// `other` as the earlier quarter, whatever the quarters say (the
    /// command line's `--baseline`).
    #[must_use]
    pub fn earlier(other: &'a Portfolio) -> Self {
        Self {
            other,
            other_is_later: false,
        }
    }

    /// The earlier and the later portfolio, given the open one.
    #[must_use]
    pub fn earlier_later(self, open: &'a Portfolio) -> (&'a Portfolio, &'a Portfolio) {
        if self.other_is_later {
            (open, self.other)
        } else {
            (self.other, open)
        }
    }

    /// What changed, from the earlier quarter to the later.
    #[must_use]
    pub fn diff(self, open: &'a Portfolio) -> PortfolioDiff {
        let (earlier, later) = self.earlier_later(open);
        diff(earlier, later)
    }
}

/// What changed between two portfolios (two quarters).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct PortfolioDiff {
    /// Capabilities in both that changed, in the new portfolio's order.
    pub changed: Vec<CapabilityChange>,
    /// Capabilities only in the new one: (id, name).
    pub added: Vec<(String, String)>,
    /// Capabilities only in the old one: (id, name).
    pub removed: Vec<(String, String)>,
}

/// Compares `old` with `new`, matching capabilities by id; each is judged
/// with its own portfolio's scoring settings.
#[must_use]
pub fn diff(old: &Portfolio, new: &Portfolio) -> PortfolioDiff {
    let mut result = PortfolioDiff::default();
    let (old_by_id, new_by_id) = (old.by_id(), new.by_id());
    for capability in &new.capabilities {
        let Some(&before) = old_by_id.get(capability.id.as_str()) else {
            result
                .added
                .push((capability.id.clone(), capability.name.clone()));
            continue;
        };
        let quadrant_of =
            |c: &Capability, p: &Portfolio| locate(c, &p.scoring).map(|a| a.recommendation);
        let (q_old, q_new) = (quadrant_of(before, old), quadrant_of(capability, new));
        let change = CapabilityChange {
            id: capability.id.clone(),
            name: capability.name.clone(),
            zone: (before.zone != capability.zone).then_some((before.zone, capability.zone)),
            quadrant: (q_old != q_new).then_some((q_old, q_new)),
            decision: (before.decision != capability.decision)
                .then_some((before.decision, capability.decision)),
            scores: Question::ALL
                .iter()
                .filter_map(|q| {
                    let (a, b) = (before.scores.get(*q), capability.scores.get(*q));
                    (a != b).then(|| (q.short().to_owned(), a.map(Score::get), b.map(Score::get)))
                })
                .collect(),
            stance: (stance(before, q_old), stance(capability, q_new)),
        };
        if !change.is_empty() {
            result.changed.push(change);
        }
    }
    for capability in &old.capabilities {
        if !new_by_id.contains_key(capability.id.as_str()) {
            result
                .removed
                .push((capability.id.clone(), capability.name.clone()));
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scored(id: &str, scores: [u8; 4]) -> Capability {
        let mut c = Capability::new(id, id.to_uppercase());
        for (q, s) in Question::ALL.into_iter().zip(scores) {
            c.scores.set(q, Score::new(s));
        }
        c
    }

    #[test]
    fn a_weight_change_lists_exactly_the_capabilities_that_switch() {
        let mut portfolio = Portfolio::new("p");
        portfolio.capabilities = vec![
            scored("reuse-heavy", [5, 1, 1, 1]), // pull 2.33 → with reuse x3: 3.4
            scored("risk-heavy", [1, 1, 5, 1]),  // pull 2.33 → 1.8
            scored("steady", [4, 4, 4, 1]),      // 4.0 either way
            Capability::new("unscored", "U"),
        ]
        .into_iter()
        .map(std::sync::Arc::new)
        .collect();
        let trial = ScoringSettings {
            reuse_weight: 3.0,
            ..ScoringSettings::default()
        };
        let switches = quadrant_switches(&portfolio, &trial);
        assert_eq!(
            switches,
            vec![QuadrantSwitch {
                id: "reuse-heavy".into(),
                name: "REUSE-HEAVY".into(),
                from: Recommendation::Rationalize,
                to: Recommendation::Orchestrate,
            }]
        );
        let stricter = ScoringSettings {
            threshold: 4.5,
            ..ScoringSettings::default()
        };
        let ids: Vec<String> = quadrant_switches(&portfolio, &stricter)
            .into_iter()
            .map(|s| s.id)
            .collect();
        assert_eq!(ids, ["steady"]);
        assert!(quadrant_switches(&portfolio, &portfolio.scoring.clone()).is_empty());
    }

    #[test]
    fn the_register_sorts_by_review_date_and_flags_overdue_at_the_boundary() {
        let today = Date::from_ymd(2026, 11, 27).unwrap();
        let mut portfolio = Portfolio::new("p");
        for (id, days) in [("later", 30), ("today", 0), ("yesterday", -1)] {
            let mut c = Capability::new(id, id);
            c.exceptions.push(Exception {
                reason: "r".into(),
                approved_by: "a".into(),
                review_by: today.plus_days(days),
            });
            portfolio.capabilities.push(c.into());
        }
        let register = exceptions_register(&portfolio, today);
        let rows: Vec<(&str, bool)> = register
            .iter()
            .map(|e| (e.capability.id.as_str(), e.overdue))
            .collect();
        assert_eq!(
            rows,
            [("yesterday", true), ("today", false), ("later", false)]
        );
    }

    #[test]
    fn duplication_ranks_two_or_more_copies_most_first() {
        let mut portfolio = Portfolio::new("p");
        for (id, copies) in [
            ("one", 1),
            ("three", 3),
            ("two", 2),
            ("none", 0),
            ("also-three", 3),
        ] {
            let mut c = Capability::new(id, id);
            c.duplicated_by = (0..copies).map(|i| format!("t{i}")).collect();
            portfolio.capabilities.push(c.into());
        }
        let ids: Vec<&str> = duplication_ranking(&portfolio)
            .iter()
            .map(|c| c.id.as_str())
            .collect();
        assert_eq!(ids, ["three", "also-three", "two"]);
    }

    #[test]
    fn diff_lists_a_capability_that_changed_only_its_zone_or_only_its_decision() {
        let old_caps = [
            scored("zone", [3, 3, 3, 3]),
            scored("decision", [3, 3, 3, 3]),
        ];
        let mut old = Portfolio::new("q3");
        old.capabilities = old_caps.iter().cloned().map(std::sync::Arc::new).collect();
        let mut new = old.clone();
        std::sync::Arc::make_mut(&mut new.capabilities[0]).zone = Zone::Commodity;
        std::sync::Arc::make_mut(&mut new.capabilities[1]).decision = Decision::Hybrid;
        let result = diff(&old, &new);
        let changed: Vec<&str> = result.changed.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(changed, ["zone", "decision"]);
        assert!(
            diff(&old, &old).changed.is_empty(),
            "no change, nothing listed"
        );
    }

    #[test]
    fn diff_names_zone_quadrant_decision_and_score_moves() {
        let mut old = Portfolio::new("q3");
        old.capabilities = vec![
            scored("ci", [2, 2, 2, 4]),
            scored("gone", [1, 1, 1, 1]),
            scored("same", [3, 3, 3, 3]),
        ]
        .into_iter()
        .map(std::sync::Arc::new)
        .collect();
        std::sync::Arc::make_mut(&mut old.capabilities[0]).decision = Decision::Operate;
        let mut new = Portfolio::new("q4");
        let mut ci = scored("ci", [5, 4, 4, 2]);
        ci.zone = Zone::Commodity;
        ci.decision = Decision::Orchestrate;
        new.capabilities = vec![
            ci,
            scored("same", [3, 3, 3, 3]),
            scored("fresh", [1, 1, 1, 1]),
        ]
        .into_iter()
        .map(std::sync::Arc::new)
        .collect();
        let result = diff(&old, &new);
        assert_eq!(result.added, [("fresh".to_owned(), "FRESH".to_owned())]);
        assert_eq!(result.removed, [("gone".to_owned(), "GONE".to_owned())]);
        assert_eq!(result.changed.len(), 1);
        let change = &result.changed[0];
        assert_eq!(change.zone, Some((Zone::Unplaced, Zone::Commodity)));
        assert_eq!(
            change.quadrant,
            Some((
                Some(Recommendation::Operate),
                Some(Recommendation::Orchestrate)
            ))
        );
        assert_eq!(
            change.decision,
            Some((Decision::Operate, Decision::Orchestrate))
        );
        assert_eq!(change.scores.len(), 4);
        assert_eq!(change.scores[0], ("reuse".to_owned(), Some(2), Some(5)));
        assert!(change.moved_to_shared());
    }

    #[test]
    fn a_recommendation_that_moved_under_a_kept_operate_decision_is_no_move_to_shared() {
        let mut old = Portfolio::new("q3");
        old.capabilities = vec![scored("ci", [2, 2, 2, 4])]
            .into_iter()
            .map(std::sync::Arc::new)
            .collect();
        std::sync::Arc::make_mut(&mut old.capabilities[0]).decision = Decision::Operate;
        let mut new = Portfolio::new("q4");
        new.capabilities = vec![scored("ci", [5, 4, 4, 2])]
            .into_iter()
            .map(std::sync::Arc::new)
            .collect();
        std::sync::Arc::make_mut(&mut new.capabilities[0]).decision = Decision::Operate;
        let change = &diff(&old, &new).changed[0];
        assert!(change.quadrant.is_some(), "the recommendation moved");
        assert!(!change.moved_to_shared());
        // Undecided on both sides, the recommendation is what counts.
        std::sync::Arc::make_mut(&mut old.capabilities[0]).decision = Decision::Undecided;
        std::sync::Arc::make_mut(&mut new.capabilities[0]).decision = Decision::Undecided;
        assert!(diff(&old, &new).changed[0].moved_to_shared());
        // Decided Operate, then left to the recommendation (Orchestrate).
        std::sync::Arc::make_mut(&mut old.capabilities[0]).decision = Decision::Operate;
        assert!(diff(&old, &new).changed[0].moved_to_shared());
        // Recommended Operate and undecided, then decided Hybrid.
        std::sync::Arc::make_mut(&mut old.capabilities[0]).decision = Decision::Undecided;
        std::sync::Arc::make_mut(&mut new.capabilities[0]).decision = Decision::Hybrid;
        assert!(diff(&old, &new).changed[0].moved_to_shared());
        // Decided Rationalize is not shared.
        std::sync::Arc::make_mut(&mut new.capabilities[0]).decision = Decision::Rationalize;
        assert!(!diff(&old, &new).changed[0].moved_to_shared());
    }

    #[test]
    fn quarters_compare_in_time_order_however_they_are_written() {
        assert_eq!(quarter_key("2026-Q4"), Some((2026, 4)));
        assert_eq!(quarter_key("2026 q1"), Some((2026, 1)));
        assert_eq!(quarter_key("Q3 2025"), Some((2025, 3)));
        assert_eq!(quarter_key("2026Q2"), Some((2026, 2)));
        assert_eq!(quarter_key("2026-Q5"), None);
        assert_eq!(quarter_key("autumn"), None);
        assert!(quarter_key("2025-Q4") < quarter_key("2026-Q1"));
    }

    #[test]
    fn a_comparison_reads_from_the_earlier_quarter_whichever_file_is_open() {
        let mut q3 = Portfolio::new("map");
        q3.quarter = Some("2026-Q3".into());
        q3.capabilities = vec![scored("ci", [2, 2, 2, 4])]
            .into_iter()
            .map(std::sync::Arc::new)
            .collect();
        let mut q4 = q3.clone();
        q4.quarter = Some("2026-Q4".into());
        q4.capabilities = vec![scored("ci", [5, 4, 4, 2]), scored("new", [1, 1, 1, 1])]
            .into_iter()
            .map(std::sync::Arc::new)
            .collect();
        // The older file open, the newer one compared with.
        let comparison = Comparison::new(&q3, &q4);
        assert!(comparison.other_is_later);
        let from_open_older = comparison.diff(&q3);
        assert_eq!(
            from_open_older.added.len(),
            1,
            "one added in Q4, none removed"
        );
        assert!(from_open_older.removed.is_empty());
        // The same answer with the newer file open.
        let comparison = Comparison::new(&q4, &q3);
        assert!(!comparison.other_is_later);
        assert_eq!(comparison.diff(&q4), from_open_older);
        // No quarters: the other file is the earlier.
        q3.quarter = None;
        assert!(!Comparison::new(&q4, &q3).other_is_later);
        assert!(!Comparison::new(&q3, &q4).other_is_later);
    }
}
