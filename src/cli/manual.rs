//! Shell completions and the manual page, generated from the same clap
//! definitions as `--help`, so the three never disagree.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use clap::CommandFactory;

use super::Cli;

/// `capmap completions SHELL`: the completion script on `out`.
pub(super) fn completions(shell: clap_complete::Shell, out: &mut dyn Write) -> ExitCode {
    clap_complete::generate(shell, &mut Cli::command(), "capmap", out);
    ExitCode::SUCCESS
}

/// `capmap manpage [--dir DIR]`: `capmap.1` on `out`, or, with a folder,
/// one page for capmap and one per command (`capmap-check.1`…) in it.
pub(super) fn manpage(
    dir: Option<&Path>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<ExitCode> {
    // The version without the commit, so the pages a package ships change
    // only when the commands do.
    let command = Cli::command().version(env!("CARGO_PKG_VERSION"));
    match dir {
        None => {
            clap_mangen::Man::new(command).render(out)?;
        }
        Some(dir) => {
            if let Err(e) = clap_mangen::generate_to(command, dir) {
                writeln!(
                    err,
                    "capmap manpage: cannot write to {}: {e}",
                    dir.display()
                )?;
                return Ok(ExitCode::FAILURE);
            }
            writeln!(out, "Wrote the manual pages to {}", dir.display())?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
