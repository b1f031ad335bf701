//! Importing a capability list from a spreadsheet (CSV). Either every row is
//! imported or none is: a bad row refuses the whole file with every problem
//! listed by line and column.

use std::fmt;

use crate::model::{
    Capability, Decision, Portfolio, Score, Team, UniqueIds, Zone, parse_tags, slugify, unique_id,
};

/// The columns the importer understands, matched case-insensitively.
pub const CSV_COLUMNS: [&str; 14] = [
    "name",
    "description",
    "zone",
    "reuse",
    "cost",
    "risk",
    "differentiation",
    "owner",
    "decision",
    "rationale",
    "escalation_path",
    "support_boundary",
    "slo",
    "tags",
];

/// Columns of capmap's own decision log (`report --format csv`) that are
/// worked out from the others: a log imports back, without them.
pub const COMPUTED_COLUMNS: [&str; 10] = [
    "id",
    "pull",
    "recommendation",
    "reason",
    "conflicts",
    "severe_conflict",
    "exceptions",
    "overdue_exceptions",
    "duplication",
    "duplicated_by",
];

/// One thing wrong in a CSV file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvProblem {
    /// 1-based line in the file where the row starts (0 for the whole file).
    pub line: u64,
    /// The column's header, when the problem is in one cell.
    pub column: Option<String>,
    /// What is wrong.
    pub message: String,
    /// The cell's 1-based column number, when the problem is in one cell.
    pub column_number: Option<usize>,
}

impl CsvProblem {
    /// `FILE:LINE:COLUMN: message (column NAME)`, or `FILE:LINE: message`,
    /// as compilers print them, so editors jump to the place.
    #[must_use]
    pub fn located(&self, file: &std::path::Path) -> String {
        let file = file.display();
        let name = self
            .column
            .as_deref()
            .map(|c| format!(" (column {c})"))
            .unwrap_or_default();
        match (self.line, self.column_number) {
            (0, _) => format!("{file}: {}", self.message),
            (line, Some(column)) => format!("{file}:{line}:{column}: {}{name}", self.message),
            (line, None) => format!("{file}:{line}: {}{name}", self.message),
        }
    }
}

impl fmt::Display for CsvProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.column, self.line) {
            (Some(column), line) => write!(f, "line {line}, column {column}: {}", self.message),
            (None, 0) => f.write_str(&self.message),
            (None, line) => write!(f, "line {line}: {}", self.message),
        }
    }
}

/// Why an import was refused: every problem found.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
pub struct CsvImportError {
    /// Every problem, in file order.
    pub problems: Vec<CsvProblem>,
}

/// What an import adds to a portfolio.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CsvImport {
    /// New capabilities, in file order, with ids unique in the portfolio.
    pub capabilities: Vec<Capability>,
    /// Teams named as owners that the portfolio did not have yet.
    pub new_teams: Vec<Team>,
    /// What was changed on the way in, to tell the user.
    pub notes: Vec<String>,
}

impl CsvImport {
    /// Adds the imported teams and capabilities to `portfolio`.
    pub fn append_to(self, portfolio: &mut Portfolio) {
        portfolio.teams.extend(self.new_teams);
        portfolio
            .capabilities
            .extend(self.capabilities.into_iter().map(std::sync::Arc::new));
    }
}

/// Columns whose text may span lines.
const MULTILINE_COLUMNS: [&str; 5] = [
    "description",
    "rationale",
    "escalation_path",
    "support_boundary",
    "slo",
];

/// The line of the quote that is never closed: quotes toggle a quoted
/// cell on and off ("" inside one toggles twice), and the last one that
/// opened a cell is where it started.
fn unclosed_quote_line(text: &str) -> u64 {
    let mut line = 1;
    let mut opened_at = 1;
    let mut inside = false;
    for c in text.chars() {
        match c {
            '"' => {
                inside = !inside;
                if inside {
                    opened_at = line;
                }
            }
            '\n' => line += 1,
            _ => {}
        }
    }
    opened_at
}

/// Reads a CSV capability list to add to `portfolio` (ids and team names
/// are matched against it).
///
/// # Errors
/// Every problem in the file; nothing is imported then.
pub fn import_csv(text: &str, portfolio: &Portfolio) -> Result<CsvImport, CsvImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let fail = |message: String| CsvImportError {
        problems: vec![CsvProblem {
            line: 0,
            column: None,
            message,
            column_number: None,
        }],
    };
    // LibreOffice and Excel in many locales separate cells with `;`.
    let header_line = text.lines().next().unwrap_or_default();
    let separator = if header_line.matches(';').count() > header_line.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .delimiter(separator)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| fail(format!("the header row cannot be read: {e}")))?
        .clone();
    if headers.iter().all(str::is_empty) {
        return Err(fail(
            "the file is empty; its first row must name the columns, e.g. name,zone,reuse,cost,risk,differentiation"
                .to_owned(),
        ));
    }
    let mut problems = Vec::new();
    let mut notes = Vec::new();
    if separator == b';' {
        notes.push("cells are separated by `;`".to_owned());
    }
    let mut computed = Vec::new();
    let mut columns: Vec<Option<&'static str>> = Vec::new();
    for (index, header) in headers.iter().enumerate() {
        let key = header.trim().to_lowercase().replace([' ', '-'], "_");
        let known = CSV_COLUMNS.iter().find(|c| **c == key).copied();
        // Trailing separators give empty headers: nothing to read there.
        if key.is_empty() {
            columns.push(None);
            continue;
        }
        if COMPUTED_COLUMNS.contains(&key.as_str()) {
            computed.push(key);
            columns.push(None);
            continue;
        }
        if known.is_none() {
            problems.push(CsvProblem {
                line: 1,
                column: Some(header.to_owned()),
                message: format!("unknown column; the columns are {}", CSV_COLUMNS.join(", ")),
                column_number: Some(index + 1),
            });
        }
        if known.is_some() && columns.contains(&known) {
            problems.push(CsvProblem {
                line: 1,
                column: Some(header.to_owned()),
                message: "this column appears twice".to_owned(),
                column_number: Some(index + 1),
            });
        }
        columns.push(known);
    }
    if !columns.contains(&Some("name")) {
        problems.push(CsvProblem {
            line: 1,
            column: None,
            message: "there is no `name` column; it is the one column every file needs".to_owned(),
            column_number: None,
        });
    }
    if !problems.is_empty() {
        return Err(CsvImportError { problems });
    }

    // An odd number of quotes: one was opened and never closed, and the
    // CSV reader would take everything after it as one cell.
    if text.matches('"').count() % 2 == 1 {
        let opened = unclosed_quote_line(text);
        return Err(CsvImportError {
            problems: vec![CsvProblem {
                line: opened,
                column: None,
                message: "a quote opened on this line is never closed, so every later row \
                          would run into one cell; close it (\"\") or remove it"
                    .to_owned(),
                column_number: None,
            }],
        });
    }
    if !computed.is_empty() {
        notes.push(format!(
            "left out columns capmap works out itself: {}",
            computed.join(", ")
        ));
    }
    let mut import = CsvImport {
        notes,
        ..CsvImport::default()
    };
    let mut stripped = 0;
    // Rows whose name was taken (by an earlier row or the portfolio): the
    // first of them, and how many.
    let mut numbered: Option<(String, String)> = None;
    let mut numbered_rows = 0;
    // Ids unique in the portfolio and among the rows read so far.
    let mut ids = UniqueIds::new(portfolio.capabilities.iter().map(|c| c.id.as_str()));
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                let line = error.position().map_or(0, csv::Position::line);
                problems.push(CsvProblem {
                    line,
                    column: None,
                    message: format!("this row cannot be read: {error}"),
                    column_number: None,
                });
                continue;
            }
        };
        let line = record.position().map_or(0, csv::Position::line);
        if record.iter().all(str::is_empty) {
            continue; // a blank line between blocks of rows
        }
        if record.len() > columns.len() {
            problems.push(CsvProblem {
                line,
                column: None,
                message: format!(
                    "this row has {} but the header names {} (a comma inside a cell needs quotes)",
                    crate::export::plural(record.len(), "cell", "cells"),
                    crate::export::plural(columns.len(), "column", "columns")
                ),
                column_number: None,
            });
            continue;
        }
        let mut row = RowReader {
            line,
            cell: 0,
            problems: &mut problems,
        };
        let mut capability = Capability::default();
        let mut owner_name = None;
        for (index, raw) in record.iter().enumerate() {
            let Some(column) = columns[index] else {
                continue;
            };
            row.cell = index + 1;
            let multiline = MULTILINE_COLUMNS.contains(&column);
            if !multiline && raw.contains(['\n', '\r']) {
                // Most often a quote opened on this line and closed (or
                // never closed) rows later: refused, never merged.
                row.problems.push(CsvProblem {
                    line,
                    column: Some(column.to_owned()),
                    message: "this cell runs over several lines; a quote opened in this row \
                              is probably not closed where it should be"
                        .to_owned(),
                    column_number: Some(index + 1),
                });
                continue;
            }
            // Control characters (NUL, ESC…) never reach the portfolio.
            let cleaned: String = raw
                .chars()
                .filter(|&c| !crate::model::is_forbidden_control(c, multiline))
                .collect();
            if cleaned.len() != raw.len() {
                stripped += 1;
            }
            // The apostrophe an export put before a formula-like start
            // (`'=…`, `'-…`) is not part of the text.
            let value = crate::export::restore_formula(&cleaned);
            match column {
                "name" => value.clone_into(&mut capability.name),
                "description" => value.clone_into(&mut capability.description),
                "zone" => {
                    capability.zone = row.parse(column, value, Zone::parse_loose, || {
                        "is not a zone; use commodity, differentiator, regulated control or leave it empty".to_owned()
                    });
                }
                "reuse" | "cost" | "risk" | "differentiation" => {
                    let score = row.score(column, value);
                    match column {
                        "reuse" => capability.scores.reuse = score,
                        "cost" => capability.scores.cost = score,
                        "risk" => capability.scores.risk = score,
                        _ => capability.scores.differentiation = score,
                    }
                }
                "owner" => owner_name = Some(value.to_owned()).filter(|v| !v.is_empty()),
                "decision" => {
                    capability.decision = row.parse(column, value, Decision::parse_loose, || {
                        "is not a decision; use operate, orchestrate, hybrid or leave it empty"
                            .to_owned()
                    });
                }
                "rationale" => value.clone_into(&mut capability.rationale),
                "escalation_path" => value.clone_into(&mut capability.escalation_path),
                "support_boundary" => value.clone_into(&mut capability.support_boundary),
                "slo" => value.clone_into(&mut capability.slo),
                _ => {
                    capability.tags = parse_tags(value);
                }
            }
        }
        if capability.name.trim().is_empty() {
            problems.push(CsvProblem {
                line,
                column: Some("name".to_owned()),
                message: "the name is empty".to_owned(),
                column_number: None,
            });
            continue;
        }
        let base = slugify(&capability.name, "capability");
        capability.id = ids.claim(&base);
        if capability.id != base {
            numbered.get_or_insert_with(|| (capability.name.clone(), capability.id.clone()));
            numbered_rows += 1;
        }
        if let Some(name) = owner_name {
            capability.owner = Some(team_for(&name, portfolio, &mut import.new_teams));
        }
        import.capabilities.push(capability);
    }
    if let Some((name, id)) = numbered {
        let (rows, each) = if numbered_rows == 1 {
            ("1 row's name was".to_owned(), "it is")
        } else {
            (format!("{numbered_rows} rows' names were"), "each is")
        };
        import.notes.push(format!(
            "{rows} already taken, by an earlier row or the portfolio: {each} still a \
             capability of its own, with a numbered id (\"{name}\" is {id})"
        ));
    }
    if stripped > 0 {
        import.notes.push(format!(
            "removed control characters from {} (NUL, escape codes and the like \
             are not text)",
            crate::export::plural(stripped, "cell", "cells")
        ));
    }
    if problems.is_empty() {
        Ok(import)
    } else {
        Err(CsvImportError { problems })
    }
}

/// The id of the team called `name` (or with that id), creating it if needed.
fn team_for(name: &str, portfolio: &Portfolio, new_teams: &mut Vec<Team>) -> String {
    let matches = |team: &Team| team.name.eq_ignore_ascii_case(name) || team.id == name;
    if let Some(team) = portfolio
        .teams
        .iter()
        .chain(new_teams.iter())
        .find(|t| matches(t))
    {
        return team.id.clone();
    }
    let taken = |id: &str| portfolio.team(id).is_some() || new_teams.iter().any(|t| t.id == id);
    let id = unique_id(&slugify(name, "team"), taken);
    new_teams.push(Team {
        id: id.clone(),
        name: name.to_owned(),
    });
    id
}

struct RowReader<'a> {
    line: u64,
    /// The 1-based column of the cell being read.
    cell: usize,
    problems: &'a mut Vec<CsvProblem>,
}

impl RowReader<'_> {
    fn problem(&mut self, column: &str, message: String) {
        self.problems.push(CsvProblem {
            line: self.line,
            column: Some(column.to_owned()),
            message,
            column_number: Some(self.cell),
        });
    }

    fn parse<T: Default>(
        &mut self,
        column: &str,
        value: &str,
        parse: impl Fn(&str) -> Option<T>,
        explain: impl Fn() -> String,
    ) -> T {
        parse(value).unwrap_or_else(|| {
            self.problem(column, format!("`{value}` {}", explain()));
            T::default()
        })
    }

    fn score(&mut self, column: &str, value: &str) -> Option<Score> {
        if value.is_empty() {
            return None;
        }
        // "4.0" is how a spreadsheet writes 4.
        let whole = value
            .replace(',', ".")
            .parse::<f64>()
            .ok()
            .filter(|v| v.fract() == 0.0 && (1.0..=5.0).contains(v));
        let score = whole.and_then(|v| Score::new(v as u8));
        if score.is_none() {
            self.problem(
                column,
                format!(
                    "`{value}` is not a score; use a whole number from 1 to 5, or leave it empty"
                ),
            );
        }
        score
    }
}

#[cfg(test)]
mod tests;
