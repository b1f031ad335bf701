//! Image snapshots of the main screen and presentation mode, rendered with
//! wgpu (Mesa's CPU Vulkan driver in CI). Only with `--features snapshots`;
//! regenerate with `UPDATE_SNAPSHOTS=1 cargo test --features snapshots --test snapshots`.

#![cfg(feature = "snapshots")]

pub mod common;

use capmap::app::{CapmapApp, Command};
use common::OpenApp;

fn app() -> CapmapApp {
    let mut app = common::example_app();
    app.set_today(Some(common::workshop_day()));
    app
}

#[test]
fn main_screen_board_chart_and_inspector() {
    let mut app = app();
    app.send(Command::Select(Some("secrets-management".into())));
    let mut harness = common::window(common::LAPTOP).wgpu().open(app);
    harness.snapshot("main_screen");
}

#[test]
fn presentation_mode_at_1920x1080() {
    let mut app = app();
    app.send(Command::StartPresentation);
    app.send(Command::Select(Some("data-retention".into())));
    let mut harness = common::window(common::PROJECTOR).wgpu().open(app);
    assert!(harness.state().is_presenting());
    harness.snapshot("presentation");
}
