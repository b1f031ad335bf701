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
            let result = match (check.measured, check.on_track) {
                (Some(value), Some(true)) => {
                    format!("measured {} (on track)", format_measure(value))
                }
                (Some(value), _) => format!("measured {} (off track)", format_measure(value)),
                (None, _) => "not measured yet".to_owned(),
            };
            let _ = writeln!(
                out,
                "- {}: {} {} {} {}, {result}",
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Direction, Metric, MetricChange, TargetCheck, Trend};

    #[test]
    fn whole_measures_are_shown_without_decimals_and_the_rest_with_one() {
        let shown = [12.0, 12.34, 0.5, -3.0, 7.000_000_000_1, 1e-9].map(format_measure);
        assert_eq!(
            shown,
            ["12", "12.3", "0.5", "-3", "7", "0.0"],
            "a whole number (less than a billionth off) has no decimals"
        );
    }

    #[test]
    fn a_scorecard_against_a_baseline_lists_every_section_in_order() {
        let card = Scorecard {
            title: "Plan (2026-Q4)".to_owned(),
            baseline: Some("2026-Q3".to_owned()),
            moved_to_shared: vec!["Identity".to_owned()],
            open_exceptions: 3,
            overdue_exceptions: vec![(
                "Identity".to_owned(),
                "Legacy LDAP".to_owned(),
                "2026-01-31".to_owned(),
            )],
            top_duplications: vec![("Search".to_owned(), 2), ("Queues".to_owned(), 1)],
            biggest_disagreements: vec![("Pipeline".to_owned(), 3), ("Logs".to_owned(), 1)],
            metric_changes: vec![
                MetricChange {
                    capability: "Pipeline".to_owned(),
                    metric: Metric::DeploymentFrequency,
                    before: 2.0,
                    after: 3.5,
                    improved: true,
                },
                MetricChange {
                    capability: "Identity".to_owned(),
                    metric: Metric::Toil,
                    before: 4.0,
                    after: 6.0,
                    improved: false,
                },
            ],
            overdue_reviews: vec![(
                "Search".to_owned(),
                "Operate".to_owned(),
                "2026-11-01".to_owned(),
            )],
            standard_gaps: 1,
            shadow_tooling: vec!["Queues".to_owned(), "Logs".to_owned()],
            targets: vec![
                TargetCheck {
                    capability: "Pipeline".to_owned(),
                    metric: Metric::ChangeFailureRate,
                    target: 10.0,
                    direction: Direction::AtMost,
                    measured: Some(12.5),
                    on_track: Some(false),
                },
                TargetCheck {
                    capability: "Pipeline".to_owned(),
                    metric: Metric::SelfService,
                    target: 80.0,
                    direction: Direction::AtLeast,
                    measured: None,
                    on_track: None,
                },
            ],
            trends: vec![
                Trend {
                    measure: "Open exceptions".to_owned(),
                    before: 2,
                    after: 3,
                },
                Trend {
                    measure: "Capabilities with standard gaps".to_owned(),
                    before: 2,
                    after: 1,
                },
                Trend {
                    measure: "Decisions due for review in the quarter".to_owned(),
                    before: 4,
                    after: 4,
                },
            ],
        };
        assert_eq!(
            scorecard_markdown(&card),
            "# Scorecard: Plan (2026-Q4)\n\n\
             Compared with 2026-Q3.\n\n\
             ## Moved from team-owned to shared\n\n\
             - Identity\n\n\
             ## Exceptions\n\n\
             3 open, 1 overdue.\n\n\
             - **Identity**: Legacy LDAP (review was due 2026-01-31)\n\n\
             ## Most duplicated\n\n\
             - Search (2 separate copies)\n\
             - Queues (1 separate copy)\n\n\
             ## Biggest disagreements\n\n\
             - Pipeline (votes 3 points apart)\n\
             - Logs (votes 1 point apart)\n\n\
             ## Decisions to review\n\n\
             - **Search**: Operate (review was due 2026-11-01)\n\n\
             ## Minimum standard and adoption\n\n\
             1 capability teams run falls short of the minimum standard; \
             2 capabilities still run by teams after the migration's target quarter (Queues, Logs).\n\n\
             ## Targets\n\n\
             - Pipeline: change failure rate at most 10 %, measured 12.5 (off track)\n\
             - Pipeline: self-service share at least 80 %, not measured yet\n\n\
             ## Since the baseline\n\n\
             - Open exceptions: 2 → 3, up (worse)\n\
             - Capabilities with standard gaps: 2 → 1, down (better)\n\
             - Decisions due for review in the quarter: 4 → 4, unchanged\n\n\
             ## Metrics\n\n\
             - Pipeline: deployment frequency 2 → 3.5 per week (better)\n\
             - Identity: toil 4 → 6 hours/month (worse)\n\n",
            "every section, each list in its order"
        );
    }

    #[test]
    fn empty_sections_say_so_and_without_a_baseline_moves_and_metrics_are_left_out() {
        let card = Scorecard {
            title: "Plan".to_owned(),
            ..Scorecard::default()
        };
        assert_eq!(
            scorecard_markdown(&card),
            "# Scorecard: Plan\n\n\
             ## Exceptions\n\n\
             0 open, 0 overdue.\n\n\
             ## Most duplicated\n\n\
             No capability is run separately by two or more teams.\n\n\
             ## Biggest disagreements\n\n\
             No revealed votes disagree.\n\n\
             ## Decisions to review\n\n\
             No decision is past its review date.\n\n\
             ## Minimum standard and adoption\n\n\
             0 capabilities teams run fall short of the minimum standard; no shadow tooling.\n\n",
            "no baseline: no moves, no metrics, no trends; no targets, none listed"
        );
        let against = scorecard_markdown(&Scorecard {
            baseline: Some("2026-Q3".to_owned()),
            ..card
        });
        assert!(
            against.contains("Nothing moved this quarter.")
                && against.contains("No metric measured in both quarters changed."),
            "a baseline with nothing to report says so: {against}"
        );
    }
}
