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

    #[test]
    fn block_markers_at_the_start_and_list_numbers_are_escaped_and_the_rest_kept() {
        let cases = [
            ("# h", "\\# h"),
            ("- item", "\\- item"),
            ("+ item", "\\+ item"),
            ("=== rule", "\\=== rule"),
            ("> quote", "\\&gt; quote"),
            ("    indented code", "indented code"),
            ("1) one", "1\\) one"),
            ("12. twelve", "12\\. twelve"),
            ("2026 plan", "2026 plan"),
            (". dot", ". dot"),
            ("a # b - c", "a # b - c"),
            ("Q&A\nnext\rline", "Q&amp;A next line"),
            ("\\`*_[]|~", "\\\\\\`\\*\\_\\[\\]\\|\\~"),
        ];
        for (text, escaped) in cases {
            assert_eq!(escape_markdown(text), escaped, "escaping {text:?}");
        }
    }

    #[test]
    fn a_code_span_is_fenced_by_more_backticks_than_it_holds_in_a_row() {
        let cases = [
            ("identity", "`identity`"),
            ("a`b`c", "``a`b`c``"),
            ("a``b`c", "```a``b`c```"),
            ("`start", "`` `start ``"),
            ("end`", "`` end` ``"),
            ("two\nlines", "`two lines`"),
        ];
        for (text, span) in cases {
            assert_eq!(code_span(text), span, "the code span of {text:?}");
        }
    }

    #[test]
    fn one_takes_the_singular_and_every_other_count_the_plural() {
        let counts = [0, 1, 2].map(|n| plural(n, "conflict", "conflicts"));
        assert_eq!(
            counts,
            ["0 conflicts", "1 conflict", "2 conflicts"],
            "only 1 is singular"
        );
    }

    fn entry(id: &str, name: &str) -> LogEntry {
        LogEntry {
            id: id.to_owned(),
            name: name.to_owned(),
            description: String::new(),
            zone: "Unplaced".to_owned(),
            scores: crate::export::ScoreEntry {
                reuse: None,
                cost: Some(2),
                risk: None,
                differentiation: None,
            },
            pull: None,
            recommendation: None,
            reason: "To score: reuse is missing.".to_owned(),
            decision: "Undecided".to_owned(),
            rationale: String::new(),
            owner: None,
            escalation_path: String::new(),
            support_boundary: String::new(),
            slo: String::new(),
            conflicts: Vec::new(),
            severe_conflict: false,
            exceptions: Vec::new(),
            overdue_exceptions: 0,
            duplicated_by: Vec::new(),
            duplication: 0,
            tags: Vec::new(),
        }
    }

    #[test]
    fn the_log_groups_entries_by_recommendation_and_leaves_out_empty_fields() {
        let identity = LogEntry {
            description: "Sign-in for everyone".to_owned(),
            zone: "Commodity".to_owned(),
            scores: crate::export::ScoreEntry {
                reuse: Some(5),
                cost: Some(4),
                risk: Some(5),
                differentiation: Some(1),
            },
            pull: Some(4.5),
            recommendation: Some(Recommendation::Orchestrate),
            reason: "Widely reused".to_owned(),
            decision: "Orchestrate".to_owned(),
            rationale: "One login".to_owned(),
            owner: Some("Platform".to_owned()),
            escalation_path: "#identity".to_owned(),
            support_boundary: "Up to the SDK".to_owned(),
            slo: "99.9%".to_owned(),
            conflicts: vec!["Risk is high".to_owned()],
            severe_conflict: true,
            exceptions: vec![
                crate::export::ExceptionEntry {
                    reason: "Legacy LDAP".to_owned(),
                    approved_by: "CISO".to_owned(),
                    review_by: "2026-01-31".to_owned(),
                    overdue: true,
                },
                crate::export::ExceptionEntry {
                    reason: "Pilot".to_owned(),
                    approved_by: String::new(),
                    review_by: "2027-01-31".to_owned(),
                    overdue: false,
                },
            ],
            overdue_exceptions: 1,
            duplicated_by: vec!["Payments".to_owned(), "Search".to_owned()],
            duplication: 2,
            tags: vec!["security".to_owned()],
            ..entry("identity", "Identity")
        };
        let mut log = DecisionLog {
            portfolio: "Plan".to_owned(),
            quarter: Some("2026-Q4".to_owned()),
            as_of: "2026-11-27".to_owned(),
            threshold: 3.0,
            summary: crate::model::Summary {
                capabilities: 2,
                to_score: 1,
                conflicts: 1,
                severe_conflicts: 1,
                overdue_exceptions: 1,
                duplicated: 1,
                ..crate::model::Summary::default()
            },
            capabilities: vec![entry("pipeline", "Pipeline"), identity],
        };
        assert_eq!(
            to_markdown(&log),
            "# Decision log: Plan (2026-Q4)\n\n\
             2 capabilities as of 2026-11-27: 1 to score, 1 conflict (1 severe), \
             1 overdue exception, 1 run separately by at least one team.\n\n\
             ## Orchestrate — the platform team runs it; teams consume it (1)\n\n\
             ### Identity (`identity`)\n\n\
             Sign-in for everyone\n\n\
             - **Zone:** Commodity\n\
             - **Scores:** reuse 5, cost 4, risk 5, differentiation 1; pull 4.5\n\
             - **Why:** Widely reused\n\
             - **Decision:** Orchestrate — One login\n\
             - **Owner:** Platform\n\
             - **Escalation path:** \\#identity\n\
             - **Support boundary:** Up to the SDK\n\
             - **SLO:** 99\\.9%\n\
             - **Run separately by:** Payments, Search\n\
             - **Tags:** security\n\
             - **Conflict:** Risk is high\n\
             - **Exception:** Legacy LDAP (approved by CISO, OVERDUE, review by 2026-01-31)\n\
             - **Exception:** Pilot (review by 2027-01-31)\n\n\
             ## To score (1)\n\n\
             ### Pipeline (`pipeline`)\n\n\
             - **Zone:** Unplaced\n\
             - **Scores:** reuse –, cost 2, risk –, differentiation –; pull –\n\
             - **Why:** To score: reuse is missing.\n\
             - **Decision:** Undecided\n\n",
            "every field of a scored entry, and only the filled ones of an unscored one"
        );
        log.quarter = None;
        log.summary.capabilities = 1;
        log.summary.conflicts = 2;
        log.summary.overdue_exceptions = 2;
        log.capabilities.truncate(1);
        let markdown = to_markdown(&log);
        assert!(
            markdown.starts_with(
                "# Decision log: Plan\n\n1 capability as of 2026-11-27: 1 to score, \
                 2 conflicts (1 severe), 2 overdue exceptions,"
            ),
            "no quarter, no parentheses; counts other than 1 in the plural: {markdown}"
        );
        assert!(
            !markdown.contains("## Orchestrate"),
            "a recommendation without capabilities has no heading: {markdown}"
        );
    }
}
