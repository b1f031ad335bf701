//! `capmap`: with a subcommand, a headless tool; without, the desktop app.

use std::process::ExitCode;

use capmap::cli::{parse_args, run, without_source_locations};

fn main() -> ExitCode {
    let cli = parse_args(std::env::args_os()).unwrap_or_else(|error| error.exit());
    match cli.command {
        Some(command) => run(
            command,
            &mut std::io::stdout().lock(),
            &mut std::io::stderr().lock(),
        ),
        None => match capmap::app::run(cli.file) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                // Libraries put where in their source an error arose (a
                // path on the machine that built capmap); the user needs
                // only what went wrong.
                eprintln!(
                    "capmap: could not open the window: {}",
                    without_source_locations(&format!("{error:#}"))
                );
                ExitCode::FAILURE
            }
        },
    }
}
