//! capmap: decide, capability by capability, whether a central platform team
//! should orchestrate it or product teams should operate it.
//!
//! `model` holds the domain and its rules, `io` reads and writes portfolio
//! files, `export` turns a portfolio into reports, `ui` and `app` are the
//! desktop app, `cli` the headless commands.

#[cfg(feature = "gui")]
pub mod app;
pub mod cli;
pub mod export;
pub mod io;
pub mod model;
#[cfg(feature = "gui")]
pub mod ui;

/// The version and git hash this binary was built from.
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (",
    env!("CAPMAP_GIT_HASH"),
    ")"
);

/// mimalloc instead of the system allocator. Every egui frame builds and
/// drops meshes of a few hundred kilobytes; glibc's malloc hands that memory
/// back to the kernel after each frame and faults it in again on the next
/// (what that cost, measured with `cargo bench`, is in
/// `docs/performance.md`). Declared here so the app, its tests and its
/// benches all run with it.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
