//! Sharing portfolios through git: `capmap merge` as git's merge driver
//! for portfolio files, and `capmap git-setup` to turn it on.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::io::{self, Backup, LoadError};
use crate::model::{MergeConflict, Portfolio, escape_controls, merge};

/// Exit code of `capmap merge` when the merge left conflicts to pick.
const CONFLICTS: u8 = 1;
/// Exit code when it could not merge at all (OURS is left as it was).
const FAILED: u8 = 2;

/// `capmap merge BASE OURS THEIRS`: writes the merge over OURS. Exit 0
/// when clean, 1 with conflicts written into the file, 2 when the files
/// could not be merged (OURS untouched, so git shows its usual conflict).
pub(super) fn merge_files(
    [base, ours, theirs]: [&Path; 3],
    name: Option<&str>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<ExitCode> {
    let name = name.map_or_else(|| ours.display().to_string(), ToOwned::to_owned);
    let name = escape_controls(&name);
    // The three read at once, as far as the cores go: reading is most of
    // a merge's time.
    let (base, (ours_read, theirs)) = io::side_by_side(
        "capmap merge reader",
        || load_base(base),
        || {
            io::side_by_side(
                "capmap merge reader",
                || io::load(ours),
                || io::load(theirs),
            )
        },
    );
    let loaded = (|| Ok::<_, LoadError>((base?, ours_read?, theirs?)))();
    let (base, mine, other) = match loaded {
        Ok(three) => three,
        Err(error) => {
            writeln!(err, "capmap merge: cannot merge {name}:")?;
            for line in error.lines() {
                writeln!(err, "  {line}")?;
            }
            writeln!(err, "  {name} is left as this branch had it.")?;
            return Ok(ExitCode::from(FAILED));
        }
    };
    let merged = match merge(&base, &mine, &other) {
        Ok(merged) => merged,
        Err(error) => {
            writeln!(err, "capmap merge: cannot merge {name}: {error}")?;
            writeln!(err, "  {name} is left as this branch had it.")?;
            return Ok(ExitCode::from(FAILED));
        }
    };
    let text = io::to_ron(&merged.portfolio).map_err(std::io::Error::other)?;
    io::write_atomically(ours, text.as_bytes(), Backup::None)?;
    let conflicts = &merged.portfolio.conflicts;
    if conflicts.is_empty() {
        writeln!(out, "capmap merge: merged {name} cleanly")?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(
        err,
        "capmap merge: {name}: {} to settle, kept in the file; open it in capmap to pick a side for each:",
        crate::export::plural(conflicts.len(), "conflict", "conflicts")
    )?;
    for conflict in conflicts {
        writeln!(err, "  {}", conflict_line(conflict, &merged.portfolio))?;
    }
    Ok(ExitCode::from(CONFLICTS))
}

/// The common ancestor; git passes an empty file when there is none (the
/// file was added on both branches), which merges as an empty portfolio.
fn load_base(path: &Path) -> Result<Portfolio, LoadError> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.len() == 0 => Ok(Portfolio::default()),
        _ => io::load(path),
    }
}

/// "Identity: zone: this branch Commodity, the other Differentiator",
/// safe to print to a terminal.
#[must_use]
pub fn conflict_line(conflict: &MergeConflict, portfolio: &Portfolio) -> String {
    let side = |value| conflict.text(value, portfolio);
    escape_controls(&format!(
        "{}: this branch {}, the other {}",
        conflict.place(portfolio),
        side(conflict.ours.as_ref()),
        side(conflict.theirs.as_ref())
    ))
}

/// Says on `err` where each merge conflict in `file` is, as
/// `FILE:LINE:COL: merge conflict: …`; true when there are any.
pub(super) fn report_conflicts(
    file: &Path,
    portfolio: &Portfolio,
    err: &mut dyn Write,
) -> std::io::Result<bool> {
    if portfolio.conflicts.is_empty() {
        return Ok(false);
    }
    let text = std::fs::read_to_string(file).unwrap_or_default();
    let places = io::conflict_places(&text);
    for (n, conflict) in portfolio.conflicts.iter().enumerate() {
        let (line, column) = places.get(n).copied().unwrap_or((1, 1));
        writeln!(
            err,
            "{}:{line}:{column}: merge conflict not settled: {}",
            file.display(),
            conflict_line(conflict, portfolio)
        )?;
    }
    writeln!(
        err,
        "{}: open it in capmap and pick a side for each conflict",
        file.display()
    )?;
    Ok(true)
}

/// What `capmap git-setup` adds to `.gitattributes`.
pub const GIT_ATTRIBUTES_LINE: &str = "*.ron merge=capmap";

/// `capmap git-setup [DIR]`: marks `*.ron` files for the capmap merge
/// driver in DIR's `.gitattributes` and configures the driver in the
/// repository, saying what it did.
pub(super) fn git_setup(
    dir: &Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<ExitCode> {
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .output()
    };
    let top = match git(&["rev-parse", "--show-toplevel"]) {
        Ok(output) if output.status.success() => {
            PathBuf::from(String::from_utf8_lossy(&output.stdout).trim())
        }
        Ok(_) => {
            writeln!(
                err,
                "capmap git-setup: {} is not in a git repository (run `git init` first)",
                dir.display()
            )?;
            return Ok(ExitCode::FAILURE);
        }
        Err(error) => {
            writeln!(err, "capmap git-setup: cannot run git: {error}")?;
            return Ok(ExitCode::FAILURE);
        }
    };
    let program = std::env::current_exe()?;
    let driver = format!("{} merge %O %A %B --name %P", shell_quoted(&program));
    for (key, value) in [
        ("merge.capmap.name", "capmap portfolio merge"),
        ("merge.capmap.driver", driver.as_str()),
    ] {
        let output = git(&["config", key, value])?;
        if !output.status.success() {
            writeln!(
                err,
                "capmap git-setup: git config {key} failed: {}",
                String::from_utf8_lossy(&output.stderr).trim()
            )?;
            return Ok(ExitCode::FAILURE);
        }
    }
    writeln!(out, "Set merge.capmap.driver to: {driver}")?;
    let attributes = top.join(".gitattributes");
    let existing = match std::fs::read_to_string(&attributes) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e),
    };
    if existing.lines().any(|l| l.trim() == GIT_ATTRIBUTES_LINE) {
        writeln!(
            out,
            "{} already has `{GIT_ATTRIBUTES_LINE}`",
            attributes.display()
        )?;
    } else {
        let mut text = existing;
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(GIT_ATTRIBUTES_LINE);
        text.push('\n');
        io::write_atomically(&attributes, text.as_bytes(), Backup::None)?;
        writeln!(
            out,
            "Added `{GIT_ATTRIBUTES_LINE}` to {} (commit it, so everyone's clones merge portfolios the same way)",
            attributes.display()
        )?;
    }
    writeln!(
        out,
        "git now merges portfolio files capability by capability; what both branches changed differently is kept in the file for the app to settle."
    )?;
    Ok(ExitCode::SUCCESS)
}

/// `path` as one word for the shell git runs the driver with.
fn shell_quoted(path: &Path) -> String {
    let text = path.display().to_string();
    if text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-+".contains(c))
    {
        text
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_path_is_left_as_it_is_and_others_are_quoted_for_the_shell() {
        assert_eq!(
            shell_quoted(Path::new("/usr/bin/capmap")),
            "/usr/bin/capmap"
        );
        assert_eq!(
            shell_quoted(Path::new("/home/a b/it's/capmap")),
            r"'/home/a b/it'\''s/capmap'"
        );
    }
}
