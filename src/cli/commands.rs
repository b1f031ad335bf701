//! What each headless command does.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::output::{
    Overwrite, load_or_explain, load_two_or_explain, load_with_baseline, refuses_output,
};
use super::{DiffFormat, ReportFormat};
use crate::export::{
    ChartFormat, ChartOptions, ImageTheme, LabelMode, diff_markdown, plural, scorecard_markdown,
    undrawable_names,
};
use crate::io::{self, Backup};
use crate::model::{Comparison, Date, Portfolio, Scorecard, Summary, missing_board_roles};

/// `capmap check`: one summary line per valid file on `out`, located
/// problems on `err`; fails if any file is invalid.
pub(super) fn check(
    files: &[PathBuf],
    today: Date,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<ExitCode> {
    let mut all_valid = true;
    for file in files {
        match load_or_explain(file, err)? {
            Some(portfolio) => {
                writeln!(out, "{}", summary_line(file, &portfolio, today))?;
                if super::git::report_conflicts(file, &portfolio, err)? {
                    all_valid = false;
                }
            }
            None => all_valid = false,
        }
    }
    Ok(if all_valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// "FILE: 24 capabilities in 5 teams, 3 to score, 2 conflicts (1 severe),
/// 1 overdue exception, 6 duplicated capabilities", then what needs
/// following up when anything does: "; 2 decisions overdue for review, 1
/// capability short of the minimum standard, 1 shadow tooling".
#[must_use]
pub fn summary_line(file: &Path, portfolio: &Portfolio, today: Date) -> String {
    let s = Summary::of(portfolio, today);
    let mut follow_up: Vec<String> = [
        (
            s.overdue_reviews,
            "decision overdue for review",
            "decisions overdue for review",
        ),
        (
            s.standard_gaps,
            "capability short of the minimum standard",
            "capabilities short of the minimum standard",
        ),
        (
            s.shadow_tooling,
            "case of shadow tooling",
            "cases of shadow tooling",
        ),
    ]
    .into_iter()
    .filter(|(count, _, _)| *count > 0)
    .map(|(count, one, many)| plural(count, one, many))
    .collect();
    let missing = missing_board_roles(&portfolio.participants);
    if !missing.is_empty() {
        let roles: Vec<&str> = missing.iter().map(|r| r.label()).collect();
        follow_up.push(format!("nobody from {} in the room", roles.join(" or ")));
    }
    let follow_up = if follow_up.is_empty() {
        String::new()
    } else {
        format!("; {}", follow_up.join(", "))
    };
    format!(
        "{}: {} in {}, {} to score, {} ({} severe), {}, {}",
        file.display(),
        plural(s.capabilities, "capability", "capabilities"),
        plural(portfolio.teams.len(), "team", "teams"),
        s.to_score,
        plural(s.conflicts, "conflict", "conflicts"),
        s.severe_conflicts,
        plural(
            s.overdue_exceptions,
            "overdue exception",
            "overdue exceptions"
        ),
        plural(
            s.duplicated,
            "duplicated capability",
            "duplicated capabilities"
        ),
    ) + &follow_up
}

/// Loads `file` and writes what `render` makes of it (the decision log,
/// the plan: `what`) to `output` or standard output.
pub(super) fn written(
    file: &Path,
    what: &str,
    render: &dyn Fn(&Portfolio) -> Result<String, String>,
    output: Option<&Path>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<ExitCode> {
    let Some(portfolio) = load_or_explain(file, err)? else {
        return Ok(ExitCode::FAILURE);
    };
    let text = match render(&portfolio) {
        Ok(text) => text,
        Err(message) => {
            writeln!(err, "capmap: could not write the {what}: {message}")?;
            return Ok(ExitCode::FAILURE);
        }
    };
    write_output(&text, output, out, err)
}

pub(super) fn scorecard_report(
    file: &Path,
    baseline: Option<&Path>,
    format: ReportFormat,
    output: Option<&Path>,
    today: Date,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<ExitCode> {
    let Some((portfolio, baseline)) = load_with_baseline(file, baseline, err)? else {
        return Ok(ExitCode::FAILURE);
    };
    let card = Scorecard::new(&portfolio, baseline.as_ref(), today);
    let text = match format {
        ReportFormat::Markdown => scorecard_markdown(&card),
        ReportFormat::Json => {
            serde_json::to_string_pretty(&card).map_err(std::io::Error::other)? + "\n"
        }
        ReportFormat::Csv => {
            writeln!(err, "capmap: the scorecard is written as markdown or json")?;
            return Ok(ExitCode::from(2));
        }
    };
    write_output(&text, output, out, err)
}

/// Writes `text` to `output` (atomically) or to standard output.
fn write_output(
    text: &str,
    output: Option<&Path>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<ExitCode> {
    match output {
        Some(path) => {
            if let Err(error) = io::write_atomically(path, text.as_bytes(), Backup::None) {
                writeln!(err, "capmap: could not write {}: {error}", path.display())?;
                return Ok(ExitCode::FAILURE);
            }
        }
        None => out.write_all(text.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}

pub(super) fn diff(
    old: &Path,
    new: &Path,
    format: DiffFormat,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<ExitCode> {
    let (Some(before), Some(after)) = load_two_or_explain(old, new, err)? else {
        return Ok(ExitCode::FAILURE);
    };
    let changes = crate::model::diff(&before, &after);
    match format {
        DiffFormat::Markdown => {
            let label = |p: &Portfolio, path: &Path| {
                p.quarter
                    .clone()
                    .unwrap_or_else(|| path.display().to_string())
            };
            out.write_all(
                diff_markdown(&label(&before, old), &label(&after, new), &changes).as_bytes(),
            )?;
        }
        DiffFormat::Json => {
            let text = serde_json::to_string_pretty(&changes).map_err(std::io::Error::other)?;
            writeln!(out, "{text}")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// How `capmap render` draws, apart from the files.
#[derive(Clone, Copy)]
pub(super) struct Look {
    pub(super) theme: ImageTheme,
    pub(super) labels: LabelMode,
    pub(super) vote_spread: bool,
}

#[expect(clippy::too_many_arguments, reason = "each is one flag of the command")]
pub(super) fn render(
    file: &Path,
    baseline: Option<&Path>,
    (output, force): (&Path, bool),
    (width, height): (u32, u32),
    look: Look,
    today: Date,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<ExitCode> {
    let Some(format) = ChartFormat::from_path(output) else {
        writeln!(
            err,
            "capmap: {}: the output must end in .svg or .png",
            output.display()
        )?;
        return Ok(ExitCode::from(2));
    };
    if refuses_output(
        output,
        &[Some(file), baseline],
        Overwrite::replace(force),
        err,
    )? {
        return Ok(ExitCode::FAILURE);
    }
    let Some((portfolio, baseline)) = load_with_baseline(file, baseline, err)? else {
        return Ok(ExitCode::FAILURE);
    };
    let options = ChartOptions {
        theme: look.theme,
        labels: look.labels,
        comparison: baseline.as_ref().map(Comparison::earlier),
        vote_spread: look.vote_spread,
    };
    let bytes = format.render(&portfolio, today, (width, height), options);
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(error) => {
            writeln!(err, "capmap: {error}")?;
            return Ok(ExitCode::FAILURE);
        }
    };
    if let Err(error) = io::write_atomically(output, &bytes, Backup::None) {
        writeln!(err, "capmap: could not write {}: {error}", output.display())?;
        return Ok(ExitCode::FAILURE);
    }
    writeln!(out, "wrote {} ({width}x{height})", output.display())?;
    if format == ChartFormat::Png {
        let undrawable = undrawable_names(&portfolio);
        if !undrawable.is_empty() {
            let names: Vec<String> = undrawable
                .iter()
                .map(|n| format!("\"{}\"", n.escape_debug()))
                .collect();
            writeln!(
                err,
                "capmap: warning: no font on this machine has every character of {}; \
                 they show as boxes (a font such as fonts-noto-cjk or fonts-noto-color-emoji adds them)",
                names.join(", ")
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub(super) fn import(
    input: &Path,
    output: &Path,
    force: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<ExitCode> {
    if refuses_output(output, &[Some(input)], Overwrite::keep_backup(force), err)? {
        return Ok(ExitCode::FAILURE);
    }
    let (text, encoding_note) = match io::read_text(input) {
        Ok(read) => read,
        Err(message) => {
            writeln!(err, "{}: {message}", input.display())?;
            return Ok(ExitCode::FAILURE);
        }
    };
    let name = io::name_from_stem(input, "Imported portfolio");
    let mut portfolio = Portfolio::new(name);
    match io::import_csv(&text, &portfolio) {
        Ok(import) => {
            for note in encoding_note.iter().chain(&import.notes) {
                writeln!(err, "{}: note: {note}", input.display())?;
            }
            import.append_to(&mut portfolio);
        }
        Err(error) => {
            for problem in &error.problems {
                writeln!(err, "{}", problem.located(input))?;
            }
            writeln!(err, "capmap: nothing was imported")?;
            return Ok(ExitCode::FAILURE);
        }
    }
    if let Err(error) = io::save(&portfolio, output) {
        writeln!(err, "capmap: {error}")?;
        return Ok(ExitCode::FAILURE);
    }
    writeln!(
        out,
        "imported {} and {} into {}",
        plural(portfolio.capabilities.len(), "capability", "capabilities"),
        plural(portfolio.teams.len(), "team", "teams"),
        output.display()
    )?;
    Ok(ExitCode::SUCCESS)
}

pub(super) fn new(
    output: &Path,
    example: bool,
    force: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<ExitCode> {
    if refuses_output(output, &[], Overwrite::keep_backup(force), err)? {
        return Ok(ExitCode::FAILURE);
    }
    let text = if example {
        io::EXAMPLE_PORTFOLIO.to_owned()
    } else {
        let name = io::name_from_stem(output, "Platform portfolio");
        match io::to_ron(&Portfolio::new(name)) {
            Ok(text) => text,
            Err(error) => {
                writeln!(err, "capmap: {error}")?;
                return Ok(ExitCode::FAILURE);
            }
        }
    };
    if let Err(error) = io::write_atomically(output, text.as_bytes(), Backup::Keep) {
        writeln!(err, "capmap: could not write {}: {error}", output.display())?;
        return Ok(ExitCode::FAILURE);
    }
    writeln!(out, "created {}", output.display())?;
    Ok(ExitCode::SUCCESS)
}
