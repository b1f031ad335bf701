//! The decision log as CSV for spreadsheets: one row per capability.

use super::DecisionLog;
use crate::model::format_against;

/// Makes a cell safe to open in a spreadsheet: text that starts like a
/// formula (`=`, `+`, `-`, `@`, or a tab or carriage return that some
/// spreadsheets skip) gets a leading apostrophe so it stays text.
#[must_use]
pub fn neutralise_formula(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

const HEADER: [&str; 24] = [
    "id",
    "name",
    "description",
    "zone",
    "reuse",
    "cost",
    "risk",
    "differentiation",
    "pull",
    "recommendation",
    "reason",
    "decision",
    "rationale",
    "owner",
    "escalation_path",
    "support_boundary",
    "slo",
    "conflicts",
    "severe_conflict",
    "exceptions",
    "overdue_exceptions",
    "duplication",
    "duplicated_by",
    "tags",
];

/// The log as CSV with a header row.
///
/// # Errors
/// Only if the CSV writer fails, which writing to memory does not.
pub fn to_csv(log: &DecisionLog) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(HEADER)?;
    let number = |s: Option<u8>| s.map(|v| v.to_string()).unwrap_or_default();
    for entry in &log.capabilities {
        let exceptions: Vec<String> = entry
            .exceptions
            .iter()
            .map(|e| {
                let overdue = if e.overdue { ", overdue" } else { "" };
                format!(
                    "{} (approved by {}, review by {}{overdue})",
                    e.reason, e.approved_by, e.review_by
                )
            })
            .collect();
        let row = [
            entry.id.clone(),
            entry.name.clone(),
            entry.description.clone(),
            entry.zone.clone(),
            number(entry.scores.reuse),
            number(entry.scores.cost),
            number(entry.scores.risk),
            number(entry.scores.differentiation),
            entry
                .pull
                .map(|p| format_against(p, log.threshold))
                .unwrap_or_default(),
            entry
                .recommendation
                .map(|r| r.label().to_owned())
                .unwrap_or_default(),
            entry.reason.clone(),
            entry.decision.clone(),
            entry.rationale.clone(),
            entry.owner.clone().unwrap_or_default(),
            entry.escalation_path.clone(),
            entry.support_boundary.clone(),
            entry.slo.clone(),
            entry.conflicts.join("; "),
            if entry.severe_conflict { "yes" } else { "no" }.to_owned(),
            exceptions.join("; "),
            entry.overdue_exceptions.to_string(),
            entry.duplication.to_string(),
            entry.duplicated_by.join("; "),
            entry.tags.join("; "),
        ];
        writer.write_record(row.iter().map(|cell| neutralise_formula(cell)))?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_plain_text_kept() {
        assert_eq!(
            neutralise_formula("=HYPERLINK(\"x\")"),
            "'=HYPERLINK(\"x\")"
        );
        assert_eq!(neutralise_formula("+1"), "'+1");
        assert_eq!(neutralise_formula("-cmd"), "'-cmd");
        assert_eq!(neutralise_formula("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise_formula("Identity"), "Identity");
        assert_eq!(neutralise_formula(""), "");
    }
}
