//! How far the room has got: how many capabilities have a recorded decision.

use std::fmt;

use super::{Capability, Decision};

/// Capabilities with a recorded decision, of all capabilities.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DecisionProgress {
    /// Capabilities whose decision is not [`Decision::Undecided`].
    pub decided: usize,
    /// All capabilities.
    pub total: usize,
}

impl DecisionProgress {
    /// Counts `capabilities`. Cheap enough to do every frame: one
    /// comparison per capability, no scoring.
    #[must_use]
    pub fn of(capabilities: &[std::sync::Arc<Capability>]) -> Self {
        Self {
            decided: capabilities
                .iter()
                .filter(|c| c.decision != Decision::Undecided)
                .count(),
            total: capabilities.len(),
        }
    }

    /// True when every capability has a decision (and there is at least one).
    #[must_use]
    pub fn is_complete(self) -> bool {
        self.total > 0 && self.decided == self.total
    }
}

/// "3 of 24 decided": the same words for one or many, so the count never
/// needs a plural.
impl fmt::Display for DecisionProgress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} of {} decided", self.decided, self.total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deciding(decisions: &[Decision]) -> Vec<std::sync::Arc<Capability>> {
        decisions
            .iter()
            .enumerate()
            .map(|(i, decision)| {
                let mut capability = Capability::new(format!("c{i}"), format!("C{i}"));
                capability.decision = *decision;
                std::sync::Arc::new(capability)
            })
            .collect()
    }

    #[test]
    fn every_decision_but_undecided_counts() {
        let capabilities = deciding(&[
            Decision::Undecided,
            Decision::Operate,
            Decision::Orchestrate,
            Decision::Hybrid,
            Decision::Undecided,
        ]);
        let progress = DecisionProgress::of(&capabilities);
        assert_eq!(
            progress,
            DecisionProgress {
                decided: 3,
                total: 5
            }
        );
        assert_eq!(progress.to_string(), "3 of 5 decided");
        assert!(!progress.is_complete());
    }

    #[test]
    fn one_and_none_read_as_well_as_many() {
        assert_eq!(
            DecisionProgress::of(&deciding(&[Decision::Hybrid])).to_string(),
            "1 of 1 decided"
        );
        assert!(DecisionProgress::of(&deciding(&[Decision::Hybrid])).is_complete());
        assert_eq!(
            DecisionProgress::of(&deciding(&[Decision::Undecided])).to_string(),
            "0 of 1 decided"
        );
        let empty = DecisionProgress::of(&[]);
        assert_eq!(empty.to_string(), "0 of 0 decided");
        assert!(!empty.is_complete(), "nothing to decide is not done");
    }
}
