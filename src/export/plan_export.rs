//! The plan as Markdown for a wiki and as CSV for a tracker: the migration
//! backlog, the standard gaps, the investment needed and the decisions due
//! for review, in that order.

use std::fmt::Write as _;

use super::{escape_markdown, neutralise_formula};
use crate::model::{BacklogItem, Plan};

/// "Planned, target 2027-Q2", "In progress", "Done".
fn status_text(item: &BacklogItem) -> String {
    match &item.target_quarter {
        Some(quarter) => format!("{}, by {quarter}", item.status),
        None => item.status.to_string(),
    }
}

/// "2 teams still on their own copy, 3 on the shared service".
fn adoption_text(item: &BacklogItem) -> String {
    let copies = match item.copies {
        0 => "no team on its own copy".to_owned(),
        1 => "1 team still on its own copy".to_owned(),
        n => format!("{n} teams still on their own copy"),
    };
    format!("{copies}, {} on the shared service", item.adopted)
}

/// The plan as Markdown: headings and tables, with every user text escaped
/// so it stays text.
#[must_use]
pub fn plan_markdown(plan: &Plan) -> String {
    let e = escape_markdown;
    let or_none = |text: &str| {
        if text.trim().is_empty() {
            "none yet".to_owned()
        } else {
            e(text)
        }
    };
    let mut out = String::new();
    let _ = writeln!(out, "# Plan: {}\n", e(&plan.title));
    let _ = writeln!(out, "## Migration backlog\n");
    if plan.backlog.is_empty() {
        let _ = writeln!(
            out,
            "Nothing to migrate: no capability decided Orchestrate or Rationalize is still run by teams.\n"
        );
    } else {
        let _ = writeln!(
            out,
            "| # | Capability | Status | Teams | Guide | Contact | Why here |\n|---|---|---|---|---|---|---|"
        );
        for (n, item) in plan.backlog.iter().enumerate() {
            let shadow = if item.shadow_tooling {
                " **Shadow tooling:** teams still run copies after the target quarter."
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {}{shadow} |",
                n + 1,
                e(&item.name),
                e(&status_text(item)),
                adoption_text(item),
                or_none(&item.guide),
                or_none(&item.contact),
                e(&item.reason),
            );
        }
        out.push('\n');
    }
    let _ = writeln!(out, "## Gaps against the minimum standard\n");
    if plan.standard_gaps.is_empty() {
        let _ = writeln!(
            out,
            "Every capability teams run meets the minimum standard.\n"
        );
    }
    for gap in &plan.standard_gaps {
        let missing: Vec<String> = gap.missing.iter().map(|c| e(c)).collect();
        let _ = writeln!(
            out,
            "- **{}** ({}): missing {}",
            e(&gap.name),
            e(&gap.run_by_teams_because),
            missing.join(", ")
        );
    }
    if !plan.standard_gaps.is_empty() {
        out.push('\n');
    }
    let _ = writeln!(out, "## Investment needed\n");
    if plan.investment.is_empty() {
        let _ = writeln!(
            out,
            "The platform team can support everything it is to run.\n"
        );
    }
    for investment in &plan.investment {
        let _ = writeln!(
            out,
            "- **{}**: {} (platform ready: {})",
            e(&investment.name),
            e(&investment.advice),
            investment.readiness.label().to_lowercase()
        );
    }
    if !plan.investment.is_empty() {
        out.push('\n');
    }
    let _ = writeln!(out, "## Decisions to look at again\n");
    if plan.reviews.is_empty() {
        let _ = writeln!(
            out,
            "No decision is due for review by the end of next quarter.\n"
        );
    }
    for review in &plan.reviews {
        let when = if review.overdue {
            format!("overdue since {}", review.due)
        } else {
            format!("due {}", review.due)
        };
        let _ = writeln!(
            out,
            "- **{}**: {} ({when})",
            e(&review.name),
            review.decision
        );
    }
    if !plan.reviews.is_empty() {
        out.push('\n');
    }
    out
}

const HEADER: [&str; 11] = [
    "section",
    "position",
    "id",
    "name",
    "status",
    "target_quarter",
    "teams_on_own_copy",
    "teams_on_shared_service",
    "guide",
    "contact",
    "detail",
];

/// The plan as CSV for a tracker: one row per backlog item, standard gap,
/// investment and review, the section first; every cell that could start
/// a formula is kept as text.
///
/// # Errors
/// Only if the CSV writer fails, which writing to memory does not.
pub fn plan_csv(plan: &Plan) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(HEADER)?;
    let mut row = |cells: [String; 11]| writer.write_record(cells.map(|c| neutralise_formula(&c)));
    for (n, item) in plan.backlog.iter().enumerate() {
        let mut detail = item.reason.clone();
        if item.shadow_tooling {
            detail.push_str(" Shadow tooling: teams still run copies after the target quarter.");
        }
        row([
            "backlog".into(),
            (n + 1).to_string(),
            item.id.clone(),
            item.name.clone(),
            item.status.label().into(),
            item.target_quarter.clone().unwrap_or_default(),
            item.copies.to_string(),
            item.adopted.to_string(),
            item.guide.clone(),
            item.contact.clone(),
            detail,
        ])?;
    }
    let blank = String::new;
    for gap in &plan.standard_gaps {
        row([
            "standard gap".into(),
            blank(),
            gap.id.clone(),
            gap.name.clone(),
            blank(),
            blank(),
            blank(),
            blank(),
            blank(),
            blank(),
            format!(
                "{}; missing {}",
                gap.run_by_teams_because,
                gap.missing.join("; ")
            ),
        ])?;
    }
    for investment in &plan.investment {
        row([
            "investment".into(),
            blank(),
            investment.id.clone(),
            investment.name.clone(),
            investment.readiness.label().into(),
            blank(),
            blank(),
            blank(),
            blank(),
            blank(),
            investment.advice.clone(),
        ])?;
    }
    for review in &plan.reviews {
        row([
            "review".into(),
            blank(),
            review.id.clone(),
            review.name.clone(),
            if review.overdue { "overdue" } else { "due" }.into(),
            blank(),
            blank(),
            blank(),
            blank(),
            blank(),
            format!("{} due {}", review.decision, review.due),
        ])?;
    }
    let bytes = writer
        .into_inner()
        .map_err(csv::IntoInnerError::into_error)?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        Capability, Date, Decision, Migration, MigrationStatus, Portfolio, Readiness, Team,
    };

    fn plan() -> Plan {
        let mut p = Portfolio::new("Map | *bold*");
        p.quarter = Some("2026-Q4".into());
        p.teams.push(Team {
            id: "web".into(),
            name: "Web".into(),
        });
        let mut ci = Capability::new("ci", "=HYPERLINK(\"x\") | # CI");
        ci.decision = Decision::Orchestrate;
        ci.duplicated_by = vec!["web".into()];
        ci.readiness = Readiness::No;
        ci.review_on = Date::from_ymd(2026, 11, 1);
        ci.migration = Some(Migration {
            status: MigrationStatus::InProgress,
            target_quarter: Some("2026-Q3".into()),
            guide: "<script>alert(1)</script>".into(),
            contact: "@ana".into(),
        });
        p.capabilities.push(ci.into());
        let mut logs = Capability::new("logs", "- Logs");
        logs.decision = Decision::Operate;
        p.capabilities.push(logs.into());
        Plan::of(&p, Date::from_ymd(2026, 11, 27).expect("a date"))
    }

    #[test]
    fn the_markdown_plan_has_its_four_sections_in_order_and_keeps_user_text_as_text() {
        let text = plan_markdown(&plan());
        let sections: Vec<&str> = text.lines().filter(|l| l.starts_with("## ")).collect();
        assert_eq!(
            sections,
            [
                "## Migration backlog",
                "## Gaps against the minimum standard",
                "## Investment needed",
                "## Decisions to look at again"
            ],
            "backlog, gaps, investment, reviews"
        );
        assert!(
            text.starts_with("# Plan: Map \\| \\*bold\\* (2026-Q4)\n"),
            "{text}"
        );
        assert!(text.contains("&lt;script&gt;"), "no HTML: {text}");
        assert!(text.contains("\\| # CI"), "no cell break: {text}");
        assert!(text.contains("**Shadow tooling:**"), "flagged: {text}");
        assert!(
            text.contains("- **\\- Logs** (decided Operate): missing Logging, Access control"),
            "{text}"
        );
        assert!(
            text.contains("Orchestrate once the platform can support it (platform ready: no)"),
            "{text}"
        );
        assert!(text.contains("(overdue since 2026-11-01)"), "{text}");
        assert!(text.contains("In progress, by 2026-Q3"), "{text}");
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate().skip(1) {
            if line.starts_with('#') {
                assert_eq!(lines[i - 1], "", "one blank line before {line}:\n{text}");
                assert_ne!(lines[i - 2], "", "only one before {line}:\n{text}");
            }
        }
        assert!(
            text.ends_with(")\n\n"),
            "a blank line ends the last list:\n{text}"
        );
        assert!(
            text.contains("| 1 team still on its own copy, 0 on the shared service |"),
            "who has moved: {text}"
        );
    }

    #[test]
    fn the_csv_plan_has_a_row_per_item_by_section_and_no_formula_starts_a_cell() {
        let text = plan_csv(&plan()).expect("csv");
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a row")).collect();
        let sections: Vec<&str> = rows.iter().map(|r| &r[0]).collect();
        assert_eq!(
            sections,
            [
                "backlog",
                "standard gap",
                "standard gap",
                "investment",
                "review",
                "review"
            ],
            "one row each, sections in order (Logs is due on the default date)"
        );
        assert_eq!(
            &rows[0][3], "'=HYPERLINK(\"x\") | # CI",
            "formula kept as text"
        );
        assert_eq!(&rows[0][1], "1", "the backlog counts from 1");
        assert_eq!(&rows[0][9], "'@ana", "an @ is a formula too");
        assert!(rows[0][10].contains("Shadow tooling"), "{:?}", &rows[0]);
        assert_eq!(&rows[2][3], "'- Logs", "a leading - too");
        for row in &rows {
            for cell in row {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@']),
                    "formula cell {cell:?}"
                );
            }
        }
    }
}
