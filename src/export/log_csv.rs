//! The decision log as CSV for spreadsheets: one row per capability.

use super::DecisionLog;
use crate::model::format_against;

/// What a spreadsheet may take for the start of a formula: `=`, `+`, `-`,
/// `@`, or a tab or carriage return that some spreadsheets skip.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether `cell`, past any apostrophes it starts with, starts like a
/// formula.
fn formula_like(cell: &str) -> bool {
    cell.trim_start_matches('\'').starts_with(FORMULA_STARTS)
}

/// Makes a cell safe to open in a spreadsheet: text that starts like a
/// formula gets a leading apostrophe so it stays text. So that
/// [`restore_formula`] can tell the apostrophe added here from one the
/// text had, text that already starts with apostrophes before such a
/// start gets one more (`'=x` is written `''=x`).
#[must_use]
pub fn neutralise_formula(cell: &str) -> String {
    if formula_like(cell) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

/// Undoes [`neutralise_formula`] for a cell read back from CSV: the
/// apostrophe it added goes, so a log exported and imported again keeps
/// every name, team and note exactly (`'=x` reads `=x`, `''=x` reads `'=x`;
/// an apostrophe before anything else is the text's own).
#[must_use]
pub fn restore_formula(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if formula_like(cell) => rest,
        _ => cell,
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
        assert_eq!(
            neutralise_formula("\tx"),
            "'\tx",
            "a tab some spreadsheets skip"
        );
        assert_eq!(
            neutralise_formula("'=x"),
            "''=x",
            "an apostrophe of its own"
        );
        assert_eq!(
            neutralise_formula("'quoted'"),
            "'quoted'",
            "not before a formula"
        );
    }

    #[test]
    fn the_apostrophe_added_is_taken_back_and_only_that_one() {
        assert_eq!(restore_formula("'=SUM(A1)"), "=SUM(A1)");
        assert_eq!(restore_formula("''=x"), "'=x", "one apostrophe of the two");
        assert_eq!(restore_formula("'-1+1 team"), "-1+1 team");
        assert_eq!(
            restore_formula("'quoted'"),
            "'quoted'",
            "the text's own apostrophe"
        );
        assert_eq!(restore_formula("=typed"), "=typed", "nothing was added");
        assert_eq!(restore_formula("'"), "'");
        assert_eq!(restore_formula(""), "");
    }

    proptest::proptest! {
        #[test]
        fn every_cell_reads_back_as_it_was_written(cell in "['=+@\\t-]{0,3}[a-z'=]{0,4}") {
            let written = neutralise_formula(&cell);
            proptest::prop_assert_eq!(restore_formula(&written), cell.as_str(), "written as {:?}", written);
            proptest::prop_assert!(!written.starts_with(FORMULA_STARTS), "{:?} starts like a formula", written);
        }
    }
}
