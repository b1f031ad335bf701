//! `capmap`: with a subcommand, a headless tool; without, the desktop app.

use std::process::ExitCode;

use clap::Parser;

use capmap::cli::{Cli, run};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(command) => run(
            command,
            &mut std::io::stdout().lock(),
            &mut std::io::stderr().lock(),
        ),
        None => match capmap::app::run(cli.file) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("capmap: could not open the window: {error:#}");
                ExitCode::FAILURE
            }
        },
    }
}
