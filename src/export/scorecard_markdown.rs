//! The quarterly scorecard as Markdown.

use std::fmt::Write as _;

use super::{escape_markdown, plural};
use crate::model::Scorecard;

/// Formats a measured value without noise: 12 rather than 12.0.
#[must_use]
pub fn format_measure(value: f64) -> String {
    if (value - value.round()).abs() < 1e-9 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    }
}

/// Reviews, the standard, shadow tooling, targets and trends.
fn follow_up_sections(card: &Scorecard, out: &mut String) {
    let e = escape_markdown;
    let _ = writeln!(out, "## Decisions to review\n");
    if card.overdue_reviews.is_empty() {
        let _ = writeln!(out, "No decision is past its review date.");
    }
    for (capability, decision, due) in &card.overdue_reviews {
        let _ = writeln!(
            out,
            "- **{}**: {decision} (review was due {due})",
            e(capability)
        );
    }
    let _ = writeln!(
        out,
        "\n## Minimum standard and adoption\n\n{} short of the minimum standard; {}.\n",
        plural(
            card.standard_gaps,
            "capability teams run falls",
            "capabilities teams run fall"
        ),
        match card.shadow_tooling.len() {
            0 => "no shadow tooling".to_owned(),
            n => format!(
                "{} still run by teams after the migration's target quarter ({})",
                plural(n, "capability", "capabilities"),
                card.shadow_tooling
                    .iter()
                    .map(|name| e(name))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    );
    if !card.targets.is_empty() {
        let _ = writeln!(out, "## Targets\n");
        for check in &card.targets {
            let verdict = match check.on_track {
                Some(true) => "on track",
                Some(false) => "off track",
                None => "not measured",
            };
            let measured = check
                .measured
                .map_or_else(|| "no value".to_owned(), format_measure);
            let _ = writeln!(
                out,
                "- {}: {} {} {} {}, measured {measured} ({verdict})",
                e(&check.capability),
                check.metric.label().to_lowercase(),
                check.direction.label(),
                format_measure(check.target),
                check.metric.unit(),
            );
        }
        out.push('\n');
    }
    if !card.trends.is_empty() {
        let _ = writeln!(out, "## Since the baseline\n");
        for trend in &card.trends {
            let verdict = match trend.moved() {
                "up" => " (worse)",
                "down" => " (better)",
                _ => "",
            };
            let _ = writeln!(
                out,
                "- {}: {} → {}, {}{verdict}",
                trend.measure,
                trend.before,
                trend.after,
                trend.moved()
            );
        }
        out.push('\n');
    }
}

/// The scorecard as Markdown.
#[must_use]
pub fn scorecard_markdown(card: &Scorecard) -> String {
    let e = escape_markdown;
    let mut out = String::new();
    let _ = writeln!(out, "# Scorecard: {}\n", e(&card.title));
    if let Some(baseline) = &card.baseline {
        let _ = writeln!(out, "Compared with {}.\n", e(baseline));
        let _ = writeln!(out, "## Moved from team-owned to shared\n");
        if card.moved_to_shared.is_empty() {
            let _ = writeln!(out, "Nothing moved this quarter.");
        }
        for name in &card.moved_to_shared {
            let _ = writeln!(out, "- {}", e(name));
        }
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "## Exceptions\n\n{} open, {} overdue.\n",
        card.open_exceptions,
        card.overdue_exceptions.len()
    );
    for (capability, reason, review_by) in &card.overdue_exceptions {
        let _ = writeln!(
            out,
            "- **{}**: {} (review was due {review_by})",
            e(capability),
            e(reason)
        );
    }
    if !card.overdue_exceptions.is_empty() {
        out.push('\n');
    }
    let _ = writeln!(out, "## Most duplicated\n");
    if card.top_duplications.is_empty() {
        let _ = writeln!(out, "No capability is run separately by two or more teams.");
    }
    for (name, copies) in &card.top_duplications {
        let _ = writeln!(
            out,
            "- {} ({})",
            e(name),
            plural(*copies, "separate copy", "separate copies")
        );
    }
    out.push('\n');
    let _ = writeln!(out, "## Biggest disagreements\n");
    if card.biggest_disagreements.is_empty() {
        let _ = writeln!(out, "No revealed votes disagree.");
    }
    for (name, spread) in &card.biggest_disagreements {
        let _ = writeln!(
            out,
            "- {} (votes {} apart)",
            e(name),
            plural(usize::from(*spread), "point", "points")
        );
    }
    out.push('\n');
    follow_up_sections(card, &mut out);
    if card.baseline.is_some() {
        let _ = writeln!(out, "## Metrics\n");
        if card.metric_changes.is_empty() {
            let _ = writeln!(out, "No metric measured in both quarters changed.");
        }
        for change in &card.metric_changes {
            let verdict = if change.improved { "better" } else { "worse" };
            let _ = writeln!(
                out,
                "- {}: {} {} → {} {} ({verdict})",
                e(&change.capability),
                change.metric.label().to_lowercase(),
                format_measure(change.before),
                format_measure(change.after),
                change.metric.unit()
            );
        }
        out.push('\n');
    }
    out
}
