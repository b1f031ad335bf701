//! What moved between two quarters, as Markdown.

use std::fmt::Write as _;

use super::{code_span, escape_markdown};
use crate::model::{PortfolioDiff, Recommendation};

fn quadrant(value: Option<Recommendation>) -> &'static str {
    value.map_or("to score", Recommendation::label)
}

/// The diff as Markdown: moves to shared first, then every change, then
/// new and removed capabilities.
#[must_use]
pub fn diff_markdown(old_name: &str, new_name: &str, diff: &PortfolioDiff) -> String {
    let e = escape_markdown;
    let mut out = String::new();
    let _ = writeln!(out, "# What changed: {} → {}\n", e(old_name), e(new_name));
    let _ = writeln!(
        out,
        "{} changed, {} new, {} removed.\n",
        diff.changed.len(),
        diff.added.len(),
        diff.removed.len()
    );
    let shared: Vec<_> = diff
        .changed
        .iter()
        .filter(|c| c.moved_to_shared())
        .collect();
    if !shared.is_empty() {
        let _ = writeln!(out, "## Moved from team-owned to shared\n");
        for change in shared {
            let _ = writeln!(out, "- {} ({})", e(&change.name), code_span(&change.id));
        }
        out.push('\n');
    }
    if !diff.changed.is_empty() {
        let _ = writeln!(out, "## Changed\n");
        for change in &diff.changed {
            let mut parts = Vec::new();
            if let Some((from, to)) = change.zone {
                parts.push(format!("zone {from} → {to}"));
            }
            if let Some((from, to)) = change.quadrant {
                parts.push(format!("quadrant {} → {}", quadrant(from), quadrant(to)));
            }
            if let Some((from, to)) = change.decision {
                parts.push(format!("decision {from} → {to}"));
            }
            for (question, from, to) in &change.scores {
                let show = |s: &Option<u8>| s.map_or_else(|| "–".to_owned(), |v| v.to_string());
                parts.push(format!("{question} {} → {}", show(from), show(to)));
            }
            let _ = writeln!(
                out,
                "- **{}** ({}): {}",
                e(&change.name),
                code_span(&change.id),
                parts.join("; ")
            );
        }
        out.push('\n');
    }
    for (title, list) in [("New", &diff.added), ("Removed", &diff.removed)] {
        if !list.is_empty() {
            let _ = writeln!(out, "## {title}\n");
            for (id, name) in list {
                let _ = writeln!(out, "- {} ({})", e(name), code_span(id));
            }
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CapabilityChange, Decision, Zone};

    fn change(id: &str, name: &str) -> CapabilityChange {
        CapabilityChange {
            id: id.to_owned(),
            name: name.to_owned(),
            ..CapabilityChange::default()
        }
    }

    #[test]
    fn a_diff_lists_moves_to_shared_then_every_change_then_new_and_removed() {
        let moved = CapabilityChange {
            quadrant: Some((None, Some(Recommendation::Orchestrate))),
            decision: Some((Decision::Operate, Decision::Orchestrate)),
            scores: vec![("reuse".to_owned(), None, Some(5))],
            stance: (Some(Decision::Operate), Some(Decision::Orchestrate)),
            ..change("identity", "Identity")
        };
        let rezoned = CapabilityChange {
            zone: Some((Zone::Commodity, Zone::Differentiator)),
            quadrant: Some((Some(Recommendation::Hybrid), None)),
            ..change("search", "Search")
        };
        let diff = PortfolioDiff {
            changed: vec![moved, rezoned],
            added: vec![("queues".to_owned(), "Queues".to_owned())],
            removed: vec![("ldap".to_owned(), "LDAP".to_owned())],
        };
        assert_eq!(
            diff_markdown("Q3", "Q4", &diff),
            "# What changed: Q3 → Q4\n\n\
             2 changed, 1 new, 1 removed.\n\n\
             ## Moved from team-owned to shared\n\n\
             - Identity (`identity`)\n\n\
             ## Changed\n\n\
             - **Identity** (`identity`): quadrant to score → Orchestrate; \
             decision Operate → Orchestrate; reuse – → 5\n\
             - **Search** (`search`): zone Commodity → Differentiator; \
             quadrant Hybrid → to score\n\n\
             ## New\n\n\
             - Queues (`queues`)\n\n\
             ## Removed\n\n\
             - LDAP (`ldap`)\n\n",
            "the diff in its order, each quadrant by name or as to score"
        );
    }

    #[test]
    fn an_empty_diff_has_no_sections_and_changes_without_moves_no_move_section() {
        let nothing = diff_markdown("Q3", "Q4", &PortfolioDiff::default());
        assert_eq!(
            nothing, "# What changed: Q3 → Q4\n\n0 changed, 0 new, 0 removed.\n\n",
            "an empty diff is its title and counts alone"
        );
        let diff = PortfolioDiff {
            changed: vec![CapabilityChange {
                decision: Some((Decision::Hybrid, Decision::Operate)),
                stance: (Some(Decision::Hybrid), Some(Decision::Operate)),
                ..change("search", "Search")
            }],
            ..PortfolioDiff::default()
        };
        let markdown = diff_markdown("Q3", "Q4", &diff);
        assert!(
            !markdown.contains("## Moved") && markdown.contains("## Changed"),
            "a change that moved nothing to shared is only listed as changed: {markdown}"
        );
        assert!(
            !markdown.contains("## New") && !markdown.contains("## Removed"),
            "no new or removed capabilities, no such sections: {markdown}"
        );
    }
}
