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
