//! The headless commands, one [`Command`] variant each:
//!
//! - `capmap check`: validate portfolio files, one summary line each;
//! - `capmap report`: the decision log (Markdown, CSV or JSON), or with
//!   `--scorecard` the quarterly scorecard, with what moved since a
//!   `--baseline` file when given one;
//! - `capmap plan`: what the organisation acts on next (the migration
//!   backlog, gaps against the minimum standard, investment needed and
//!   decisions due for review) as Markdown, CSV or JSON;
//! - `capmap diff`: what changed between two portfolios, matched by id;
//! - `capmap render`: the quadrant chart as SVG or PNG;
//! - `capmap import`: a CSV spreadsheet to a new portfolio file;
//! - `capmap new`: an empty portfolio, or a copy of the bundled example;
//! - `capmap merge`: git's merge driver for portfolio files, capability by
//!   capability and field by field;
//! - `capmap git-setup`: turns that driver on for a repository;
//! - `capmap completions` and `capmap manpage`: shell completions and the
//!   manual page, generated from these same definitions.
//!
//! Without a command, `capmap [FILE]` opens the desktop app instead
//! (`main.rs`); [`parse_args`] tells the two apart. Everything here writes
//! to the given streams and returns an exit code, so tests can run it
//! without a process.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

mod commands;
mod git;
mod manual;
mod output;

pub use commands::summary_line;
use commands::{Look, check, diff, import, new, render, scorecard_report, written};
use output::{Overwrite, refuses_output};

use crate::export::{DecisionLog, ImageTheme, LabelMode, LogFormat};
use crate::model::{Date, Plan, Portfolio};

/// Map capabilities into zones, score them and decide who runs them.
#[derive(Debug, Parser)]
#[command(name = "capmap", version = crate::VERSION, about, long_about = None)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// Portfolio to open in the app (default: the last one, or the example).
    pub file: Option<PathBuf>,
    /// A headless command; without one, the app starts.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Parses the command line like [`Cli::parse`], except that a first word
/// that names no file and reads like a misspelt command (`capmap chek
/// p.ron`) is refused as an unrecognized subcommand, with clap's own
/// suggestion, instead of opening the app on a file called `chek`.
///
/// # Errors
/// clap's error, to print with [`clap::Error::exit`].
pub fn parse_args<I, T>(args: I) -> Result<Cli, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString>,
{
    let args: Vec<std::ffi::OsString> = args.into_iter().map(Into::into).collect();
    if let Some(word) = args.get(1).and_then(|a| a.to_str())
        && let Some(error) = misspelt_subcommand(word, args.len() > 2)
    {
        return Err(error);
    }
    Cli::try_parse_from(args)
}

/// The error for `word` when it is no file and no command but close to
/// one, or followed by more arguments (which only a command takes).
fn misspelt_subcommand(word: &str, more_args: bool) -> Option<clap::Error> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    // A path (`p.ron`, `./x`) or an option is never a command.
    let plain_word = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
        && !word.starts_with('-');
    if !plain_word || Path::new(word).exists() {
        return None;
    }
    let mut cli = Cli::command();
    cli.build();
    if cli.find_subcommand(word).is_some() {
        return None;
    }
    // clap's own measure and threshold for "a similar subcommand exists".
    let suggestion = cli
        .get_subcommands()
        .map(|c| (strsim::jaro(word, c.get_name()), c.get_name().to_owned()))
        .filter(|(confidence, _)| *confidence > 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, name)| name);
    if suggestion.is_none() && !more_args {
        return None;
    }
    let mut error = clap::Error::new(ErrorKind::InvalidSubcommand).with_cmd(&cli);
    error.insert(
        ContextKind::InvalidSubcommand,
        ContextValue::String(word.to_owned()),
    );
    if let Some(name) = suggestion {
        error.insert(
            ContextKind::SuggestedSubcommand,
            ContextValue::Strings(vec![name]),
        );
    }
    error.insert(
        ContextKind::Usage,
        ContextValue::StyledStr(cli.render_usage()),
    );
    Some(error)
}

/// `message` without the places in source code some libraries add to their
/// errors (`os error at /home/builder/.cargo/…/mod.rs:765: no display`
/// becomes `os error: no display`).
#[must_use]
pub fn without_source_locations(message: &str) -> String {
    let mut kept: Vec<String> = Vec::new();
    for token in message.split(' ') {
        if is_source_location(token) {
            if kept.last().is_some_and(|t| t == "at") {
                kept.pop();
            }
            if token.ends_with(':')
                && let Some(last) = kept.last_mut()
                && !last.ends_with(':')
            {
                last.push(':');
            }
        } else {
            kept.push(token.to_owned());
        }
    }
    kept.join(" ")
}

/// `src/x.rs:12`, `/root/.cargo/…/mod.rs:765:`, `lib.rs:3:9`.
fn is_source_location(token: &str) -> bool {
    let mut rest = token.trim_end_matches(':');
    let mut numbers = 0;
    while let Some((head, tail)) = rest.rsplit_once(':') {
        if tail.is_empty() || !tail.bytes().all(|b| b.is_ascii_digit()) {
            break;
        }
        rest = head;
        numbers += 1;
    }
    numbers > 0
        && Path::new(rest)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("rs"))
}

/// The columns `capmap import` takes, for its help (the importer's own list
/// is [`io::CSV_COLUMNS`]; a test checks they agree).
const IMPORT_COLUMNS: &str = "\
Columns, named by the first row in any order and any case (only name is required):
  name             the capability's name
  description      free text
  zone             commodity, differentiator, regulated control, or empty
  reuse            a whole number from 1 to 5, or empty to score it later
  cost             likewise
  risk             likewise
  differentiation  likewise
  owner            the owning team's name; teams not in the file yet are added
  decision         operate, orchestrate, hybrid, rationalize, or empty
  rationale        free text
  escalation_path  free text: who is called when it breaks
  support_boundary free text: what the owner supports and what not
  slo              free text, e.g. 99.9% monthly
  tags             separated by ; or ,
Cells may be separated by , or ; (found from the first row); a file that is not
UTF-8 is read as Windows-1252, with a note. The columns capmap's own log adds
(id, pull, recommendation, reason, conflicts…) are left out, so a log imports back.
A row with a mistake refuses the whole file, with every problem listed as
FILE:LINE:COLUMN.";

/// The headless commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate portfolio files and print a one-line summary of each.
    Check {
        /// Files to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The day exceptions are judged against.
        #[command(flatten)]
        as_of: AsOf,
    },
    /// Write the decision log: every capability with its recommendation and decision.
    Report {
        /// Portfolio file.
        file: PathBuf,
        /// Format and where to write.
        #[command(flatten)]
        to: WrittenTo,
        /// The day exceptions are judged against.
        #[command(flatten)]
        as_of: AsOf,
        /// Write the quarterly scorecard instead of the decision log
        /// (Markdown or JSON).
        #[arg(long)]
        scorecard: bool,
        /// With --scorecard: last quarter's file, to show what moved.
        #[arg(long, value_name = "OLD", requires = "scorecard")]
        baseline: Option<PathBuf>,
    },
    /// Write the plan: the migration backlog, the gaps against the minimum
    /// standard, the investment needed and the decisions due for review.
    Plan {
        /// Portfolio file.
        file: PathBuf,
        /// Format and where to write.
        #[command(flatten)]
        to: WrittenTo,
        /// The day reviews and migrations are judged against.
        #[command(flatten)]
        as_of: AsOf,
    },
    /// List what changed between two portfolios (two quarters), matched by id.
    Diff {
        /// The earlier portfolio.
        old: PathBuf,
        /// The later portfolio.
        new: PathBuf,
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = DiffFormat::Markdown)]
        format: DiffFormat,
    },
    /// Draw the quadrant chart as an SVG or PNG image (no display needed).
    Render {
        /// Portfolio file.
        file: PathBuf,
        /// The image to write; its extension (.svg or .png) picks the format.
        #[arg(long, short, value_name = "OUT")]
        output: PathBuf,
        /// Replace OUT if it exists (no backup is kept; never the portfolio itself).
        #[arg(long)]
        force: bool,
        /// Width in pixels.
        #[arg(long, default_value_t = 1920)]
        width: u32,
        /// Height in pixels.
        #[arg(long, default_value_t = 1080)]
        height: u32,
        /// Colours.
        #[arg(long, value_enum, default_value_t = ImageTheme::Light)]
        theme: ImageTheme,
        /// Name the dots, number them with an index beside the chart, or
        /// name them when every name fits beside its dot (auto).
        #[arg(long, value_enum, default_value_t = LabelMode::Auto)]
        labels: LabelMode,
        /// Draw each capability's vote spread (lowest to highest vote).
        #[arg(long)]
        vote_spread: bool,
        /// Draw arrows from where capabilities stood in this earlier portfolio.
        #[arg(long, value_name = "OLD")]
        baseline: Option<PathBuf>,
        /// The day exceptions are judged against.
        #[command(flatten)]
        as_of: AsOf,
    },
    /// Turn a spreadsheet (CSV) of capabilities into a new portfolio file.
    #[command(after_help = IMPORT_COLUMNS)]
    Import {
        /// The CSV file; its first row names the columns (name is required).
        input: PathBuf,
        /// The portfolio file to write.
        #[arg(long, short, value_name = "OUT")]
        output: PathBuf,
        /// Overwrite OUT if it exists (the old one is kept as .bak).
        #[arg(long)]
        force: bool,
    },
    /// Merge two versions of a portfolio that grew from one: git's merge
    /// driver (`capmap merge %O %A %B`), writing the result over OURS.
    ///
    /// Capabilities are matched by id and merged field by field. Exits 0
    /// when clean, 1 when both sides changed something differently (each
    /// such conflict is kept in the file, which capmap opens, to pick a
    /// side), 2 when the files cannot be merged (OURS is left as it was).
    Merge {
        /// The version both sides started from (empty: none).
        base: PathBuf,
        /// This branch's version; the result is written here.
        ours: PathBuf,
        /// The other branch's version.
        theirs: PathBuf,
        /// The file's name in the repository, for messages (git's %P).
        #[arg(long, value_name = "PATH")]
        name: Option<String>,
    },
    /// Make git merge portfolio files with `capmap merge` in a repository.
    #[command(name = "git-setup")]
    GitSetup {
        /// A folder in the repository (default: the current one).
        dir: Option<PathBuf>,
    },
    /// Print the shell completion script (bash, zsh, fish, elvish or
    /// powershell), e.g. `capmap completions bash > ~/.local/share/bash-completion/completions/capmap`.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), or write one per command into a folder.
    Manpage {
        /// Write capmap.1 and capmap-COMMAND.1 here instead.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Create a portfolio file: empty, or a copy of the bundled example.
    New {
        /// The file to create.
        output: PathBuf,
        /// Start from the bundled example instead of an empty portfolio.
        #[arg(long)]
        example: bool,
        /// Overwrite the file if it exists (the old one is kept as .bak).
        #[arg(long)]
        force: bool,
    },
}

/// How `capmap report` and `capmap plan` write: the format, and a file
/// instead of standard output.
#[derive(Debug, clap::Args)]
pub struct WrittenTo {
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = ReportFormat::Markdown)]
    format: ReportFormat,
    /// Write here instead of to standard output.
    #[arg(long, short, value_name = "OUT")]
    output: Option<PathBuf>,
    /// Replace OUT if it exists (no backup is kept; never the portfolio itself).
    #[arg(long, requires = "output")]
    force: bool,
}

impl WrittenTo {
    /// Whether OUT must not be written: it exists without --force, or is
    /// one of `inputs` (said on `err`).
    fn refuses(&self, inputs: &[Option<&Path>], err: &mut dyn Write) -> std::io::Result<bool> {
        match &self.output {
            Some(path) => refuses_output(path, inputs, Overwrite::replace(self.force), err),
            None => Ok(false),
        }
    }
}

/// Formats of `capmap diff`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// Markdown for a wiki or a pull request.
    Markdown,
    /// One JSON document.
    Json,
}

/// `--as-of`: the day exceptions and reviews are judged against.
#[derive(Clone, Copy, Debug, Default, clap::Args)]
pub struct AsOf {
    /// Count exceptions as overdue against this day (YYYY-MM-DD) instead of today.
    #[arg(long = "as-of", value_name = "DATE", value_parser = parse_date)]
    day: Option<Date>,
}

impl AsOf {
    /// The day given, or today.
    #[must_use]
    pub fn today(self) -> Date {
        self.day.unwrap_or_else(Date::today)
    }
}

// `capmap render`'s --labels and --theme take the export's own types, so
// the command line and the app never disagree on what they mean.
impl ValueEnum for LabelMode {
    fn value_variants<'a>() -> &'a [Self] {
        &Self::ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        let value = clap::builder::PossibleValue::new;
        Some(match self {
            Self::Auto => {
                value("auto").help("Names when every one fits beside its dot, numbers otherwise")
            }
            Self::Names => {
                value("names").help("Names; those that do not fit are left out and counted")
            }
            Self::Numbers => {
                value("numbers").help("Numbers on the chart, names in an index beside it")
            }
        })
    }
}

impl ValueEnum for ImageTheme {
    fn value_variants<'a>() -> &'a [Self] {
        &[Self::Light, Self::Dark]
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        let value = clap::builder::PossibleValue::new;
        Some(match self {
            Self::Light => value("light").help("Dark text on white"),
            Self::Dark => value("dark").help("Light text on near-black"),
        })
    }
}

/// Formats of `capmap report`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Markdown, grouped by recommendation.
    Markdown,
    /// CSV with a header row.
    Csv,
    /// One JSON document.
    Json,
}

impl From<ReportFormat> for LogFormat {
    fn from(format: ReportFormat) -> Self {
        match format {
            ReportFormat::Markdown => Self::Markdown,
            ReportFormat::Csv => Self::Csv,
            ReportFormat::Json => Self::Json,
        }
    }
}

fn parse_date(text: &str) -> Result<Date, String> {
    text.parse()
}

/// Runs a headless command, writing results to `out` and problems to `err`.
pub fn run(command: Command, out: &mut dyn Write, err: &mut dyn Write) -> ExitCode {
    dispatch(command, out, err).unwrap_or_else(|e| {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            // The reader stopped listening (`capmap report p.ron | head`):
            // what it read is what it wanted, so this is no failure.
            return ExitCode::SUCCESS;
        }
        // A full disk or a closed terminal: say so if we still can.
        let _ = writeln!(err, "capmap: {e}");
        ExitCode::FAILURE
    })
}

fn dispatch(
    command: Command,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<ExitCode> {
    match command {
        Command::Check { files, as_of } => check(&files, as_of.today(), out, err),
        Command::Report {
            file,
            to,
            as_of,
            scorecard,
            baseline,
        } => {
            let today = as_of.today();
            if to.refuses(&[Some(file.as_path()), baseline.as_deref()], err)? {
                return Ok(ExitCode::FAILURE);
            }
            let output = to.output.as_deref();
            if scorecard {
                scorecard_report(
                    &file,
                    baseline.as_deref(),
                    to.format,
                    output,
                    today,
                    out,
                    err,
                )
            } else {
                let format = LogFormat::from(to.format);
                let render = |p: &Portfolio| format.render(&DecisionLog::new(p, today));
                written(&file, "report", &render, output, out, err)
            }
        }
        Command::Plan { file, to, as_of } => {
            if to.refuses(&[Some(file.as_path())], err)? {
                return Ok(ExitCode::FAILURE);
            }
            let format = LogFormat::from(to.format);
            let render = |p: &Portfolio| format.render_plan(&Plan::of(p, as_of.today()));
            written(&file, "plan", &render, to.output.as_deref(), out, err)
        }
        Command::New {
            output,
            example,
            force,
        } => new(&output, example, force, out, err),
        Command::Import {
            input,
            output,
            force,
        } => import(&input, &output, force, out, err),
        Command::Diff { old, new, format } => diff(&old, &new, format, out, err),
        Command::Merge {
            base,
            ours,
            theirs,
            name,
        } => git::merge_files([&base, &ours, &theirs], name.as_deref(), out, err),
        Command::Completions { shell } => Ok(manual::completions(shell, out)),
        Command::Manpage { dir } => manual::manpage(dir.as_deref(), out, err),
        Command::GitSetup { dir } => {
            git::git_setup(dir.as_deref().unwrap_or(Path::new(".")), out, err)
        }
        Command::Render {
            file,
            output,
            force,
            width,
            height,
            theme,
            labels,
            vote_spread,
            baseline,
            as_of,
        } => {
            let today = as_of.today();
            let look = Look {
                theme,
                labels,
                vote_spread,
            };
            render(
                &file,
                baseline.as_deref(),
                (&output, force),
                (width, height),
                look,
                today,
                out,
                err,
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_messages_lose_the_source_locations_libraries_put_in_them() {
        assert_eq!(
            without_source_locations(
                "winit EventLoopError: os error at /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/winit-0.30.13/src/platform_impl/linux/mod.rs:765: neither WAYLAND_DISPLAY nor WAYLAND_SOCKET nor DISPLAY is set."
            ),
            "winit EventLoopError: os error: neither WAYLAND_DISPLAY nor WAYLAND_SOCKET nor DISPLAY is set."
        );
        assert_eq!(
            without_source_locations("panicked at src/lib.rs:3:9 oops"),
            "panicked oops"
        );
        // Ordinary text, file names and times stay.
        for message in [
            "no GL context: see platform.ron:12:3",
            "timed out at 10:30",
            "cannot open main.rs",
        ] {
            assert_eq!(without_source_locations(message), message);
        }
    }
}
