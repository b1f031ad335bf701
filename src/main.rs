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
        None => {
            match Err::<(), &str>("the desktop app is not built yet; use a subcommand (see --help)")
            {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) => {
                    eprintln!("capmap: {error:#}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}
