//! The decision log as Markdown for a wiki, grouped by recommendation.

use std::fmt::Write as _;

use super::{DecisionLog, LogEntry};
use crate::model::{Recommendation, format_against};

/// Escapes text so Markdown shows it as typed: no links, emphasis, headings,
/// lists, rules, code blocks, tables or HTML can be smuggled in through a
/// capability's name, description or rationale. The text becomes one line;
/// what would open a block at the start of a line (`# `, `- `, `+ `, `1) `,
/// `---`, `> `, an indent) is escaped too, wherever the text lands.
#[must_use]
pub fn escape_markdown(text: &str) -> String {
    let text = text.trim_start();
    let mut out = String::with_capacity(text.len() + 1);
    // A block marker at the start: a backslash keeps it text (CommonMark
    // shows "\#" as "#" anywhere).
    if text.starts_with(['#', '-', '+', '=', '>']) {
        out.push('\\');
    }
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let list_number = digits > 0 && text[digits..].starts_with(['.', ')']);
    for (i, c) in text.chars().enumerate() {
        if list_number && i == digits {
            out.push('\\');
        }
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            // Enough to stop emphasis, code, links, images, tables and
            // strike-through; `(`, `!`, `#` and `-` are harmless mid-line and
            // escaping them would make the raw text hard to read.
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// `text` as an inline code span that shows it exactly: fenced with more
/// backticks than it holds in a row, on one line (for ids, which are
/// validated slugs anyway).
#[must_use]
pub fn code_span(text: &str) -> String {
    let text = text.replace(['\n', '\r'], " ");
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// The log as Markdown.
#[must_use]
pub fn to_markdown(log: &DecisionLog) -> String {
    let mut out = String::new();
    let title = match &log.quarter {
        Some(quarter) => format!("{} ({quarter})", log.portfolio),
        None => log.portfolio.clone(),
    };
    let _ = writeln!(out, "# Decision log: {}\n", escape_markdown(&title));
    let s = &log.summary;
    let _ = writeln!(
        out,
        "{} as of {}: {} to score, {} ({} severe), {}, {} run separately by at least one \
         team.\n",
        plural(s.capabilities, "capability", "capabilities"),
        log.as_of,
        s.to_score,
        plural(s.conflicts, "conflict", "conflicts"),
        s.severe_conflicts,
        plural(
            s.overdue_exceptions,
            "overdue exception",
            "overdue exceptions"
        ),
        s.duplicated
    );
    let groups = Recommendation::ALL
        .iter()
        .map(|r| (Some(*r), format!("{} — {}", r.label(), r.meaning())))
        .chain(std::iter::once((None, "To score".to_owned())));
    for (recommendation, heading) in groups {
        let entries: Vec<&LogEntry> = log
            .capabilities
            .iter()
            .filter(|e| e.recommendation == recommendation)
            .collect();
        if entries.is_empty() {
            continue;
        }
        let _ = writeln!(out, "## {heading} ({})\n", entries.len());
        for entry in entries {
            write_entry(&mut out, entry, log.threshold);
        }
    }
    out
}

/// "1 conflict", "2 conflicts".
#[must_use]
pub fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

fn write_entry(out: &mut String, entry: &LogEntry, threshold: f64) {
    let e = escape_markdown;
    let _ = writeln!(out, "### {} ({})\n", e(&entry.name), code_span(&entry.id));
    if !entry.description.is_empty() {
        let _ = writeln!(out, "{}\n", e(&entry.description));
    }
    let scores = &entry.scores;
    let show = |s: Option<u8>| s.map_or_else(|| "–".to_owned(), |v| v.to_string());
    let pull = entry
        .pull
        .map_or_else(|| "–".to_owned(), |p| format_against(p, threshold));
    let _ = writeln!(out, "- **Zone:** {}", entry.zone);
    let _ = writeln!(
        out,
        "- **Scores:** reuse {}, cost {}, risk {}, differentiation {}; pull {pull}",
        show(scores.reuse),
        show(scores.cost),
        show(scores.risk),
        show(scores.differentiation)
    );
    let _ = writeln!(out, "- **Why:** {}", e(&entry.reason));
    let rationale = if entry.rationale.is_empty() {
        String::new()
    } else {
        format!(" — {}", e(&entry.rationale))
    };
    let _ = writeln!(out, "- **Decision:** {}{rationale}", entry.decision);
    let fields = [
        ("Owner", entry.owner.clone().unwrap_or_default()),
        ("Escalation path", entry.escalation_path.clone()),
        ("Support boundary", entry.support_boundary.clone()),
        ("SLO", entry.slo.clone()),
        ("Run separately by", entry.duplicated_by.join(", ")),
        ("Tags", entry.tags.join(", ")),
    ];
    for (label, value) in fields {
        if !value.is_empty() {
            let _ = writeln!(out, "- **{label}:** {}", e(&value));
        }
    }
    for conflict in &entry.conflicts {
        let _ = writeln!(out, "- **Conflict:** {}", e(conflict));
    }
    for exception in &entry.exceptions {
        let status = if exception.overdue { "OVERDUE, " } else { "" };
        let approved = if exception.approved_by.is_empty() {
            String::new()
        } else {
            format!("approved by {}, ", e(&exception.approved_by))
        };
        let _ = writeln!(
            out,
            "- **Exception:** {} ({approved}{status}review by {})",
            e(&exception.reason),
            exception.review_by
        );
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_names_is_shown_as_text() {
        let escaped = escape_markdown("<script>alert(1)</script> [x](http://e) *b* | # h");
        assert!(!escaped.contains("<script>"));
        assert!(escaped.contains("&lt;script&gt;"));
        assert!(escaped.contains("\\[x\\](http://e)"));
        assert!(escaped.contains("\\*b\\*"));
        assert!(escaped.contains("\\|"));
        assert!(!escaped.contains('\n'));
    }
}
