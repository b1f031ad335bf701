//! capmap: decide, capability by capability, whether a central platform team
//! should orchestrate it or product teams should operate it.
//!
//! `model` holds the domain and its rules, `io` reads and writes portfolio
//! files, `export` turns a portfolio into reports, `ui` and `app` are the
//! desktop app, `cli` the headless commands.

pub mod app;
pub mod cli;
pub mod export;
pub mod io;
pub mod model;
pub mod ui;

/// The version and git hash this binary was built from.
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (",
    env!("CAPMAP_GIT_HASH"),
    ")"
);
