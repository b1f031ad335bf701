//! Writing a command's output file safely: never over an input, never over
//! an existing file without --force, and the portfolio read with its
//! problems explained.

use std::io::Write;
use std::path::Path;

use crate::io;
use crate::model::Portfolio;

/// What a command does with an output file that exists.
#[derive(Clone, Copy)]
pub(super) enum Overwrite {
    /// Refuses it (no --force).
    Refuse {
        /// Whether --force would keep the old file as .bak.
        keeps_backup: bool,
    },
    /// Replaces it (--force).
    Replace,
}

impl Overwrite {
    /// An export: replaced without a backup, with --force.
    pub(super) fn replace(force: bool) -> Self {
        if force {
            Self::Replace
        } else {
            Self::Refuse {
                keeps_backup: false,
            }
        }
    }

    /// A portfolio: replaced with the old one kept as .bak, with --force.
    pub(super) fn keep_backup(force: bool) -> Self {
        if force {
            Self::Replace
        } else {
            Self::Refuse { keeps_backup: true }
        }
    }
}

/// True (after saying why) when `output` must not be written: it is one of
/// the files the command reads (whatever --force says), a folder, a dangling
/// link or read-only, or it exists and --force was not given.
pub(super) fn refuses_output(
    output: &Path,
    inputs: &[Option<&Path>],
    overwrite: Overwrite,
    err: &mut dyn Write,
) -> std::io::Result<bool> {
    if let Some(input) = inputs.iter().flatten().find(|i| same_file(i, output)) {
        writeln!(
            err,
            "capmap: {} is {}, which this command reads; write to another file",
            output.display(),
            input.display()
        )?;
        return Ok(true);
    }
    if let Err(error) = io::check_target(output) {
        writeln!(err, "capmap: cannot write {}: {error}", output.display())?;
        return Ok(true);
    }
    match overwrite {
        Overwrite::Refuse { keeps_backup } if output.exists() => {
            let backup = if keeps_backup {
                " (the old file is kept as .bak)"
            } else {
                ""
            };
            writeln!(
                err,
                "capmap: {} already exists; pass --force to replace it{backup}",
                output.display()
            )?;
            Ok(true)
        }
        _ => Ok(false),
    }
}

/// Whether two paths name one existing file (through links, `..` or a
/// second hard link).
pub(super) fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(a), Ok(b)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return a.dev() == b.dev() && a.ino() == b.ino();
        }
    }
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// The portfolio in `file`, or `None` after printing every located problem.
pub(super) fn load_or_explain(
    file: &Path,
    err: &mut dyn Write,
) -> std::io::Result<Option<Portfolio>> {
    explain(io::load(file), err)
}

/// The portfolios in `a` and `b`, read at once on two threads (reading is
/// most of a comparison's time); each `None` after printing its problems,
/// `a`'s first.
pub(super) fn load_two_or_explain(
    a: &Path,
    b: &Path,
    err: &mut dyn Write,
) -> std::io::Result<(Option<Portfolio>, Option<Portfolio>)> {
    let (a, b) = io::side_by_side("capmap reader", || io::load(a), || io::load(b));
    Ok((explain(a, err)?, explain(b, err)?))
}

/// The portfolio, or `None` after printing every located problem.
fn explain(
    loaded: Result<Portfolio, io::LoadError>,
    err: &mut dyn Write,
) -> std::io::Result<Option<Portfolio>> {
    match loaded {
        Ok(portfolio) => Ok(Some(portfolio)),
        Err(error) => {
            for line in error.lines() {
                writeln!(err, "{line}")?;
            }
            Ok(None)
        }
    }
}

/// Reads `file` and, when given, the `baseline` to compare it with; `None`
/// when either fails (the problem is explained on `err`).
pub(super) fn load_with_baseline(
    file: &Path,
    baseline: Option<&Path>,
    err: &mut dyn Write,
) -> std::io::Result<Option<(Portfolio, Option<Portfolio>)>> {
    let Some(baseline) = baseline else {
        return Ok(load_or_explain(file, err)?.map(|portfolio| (portfolio, None)));
    };
    // Both read at once; the baseline's problems are told only when the
    // file itself is good.
    let (portfolio, old) = io::side_by_side(
        "capmap baseline reader",
        || io::load(file),
        || io::load(baseline),
    );
    let Some(portfolio) = explain(portfolio, err)? else {
        return Ok(None);
    };
    Ok(explain(old, err)?.map(|old| (portfolio, Some(old))))
}
