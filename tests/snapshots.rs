//! Image snapshots of the main screen and presentation mode, rendered with
//! wgpu (Mesa's CPU Vulkan driver in CI). Only with `--features snapshots`;
//! regenerate with `UPDATE_SNAPSHOTS=1 cargo test --features snapshots --test snapshots`.

#![cfg(feature = "snapshots")]

use capmap::app::{CapmapApp, Command, example_portfolio};
use capmap::model::Date;
use eframe::egui::vec2;
use egui_kittest::Harness;

fn app() -> CapmapApp {
    let mut app = CapmapApp::new(example_portfolio(), None);
    app.today = Date::from_ymd(2026, 11, 27);
    app
}

#[test]
fn main_screen_board_chart_and_inspector() {
    let mut app = app();
    app.send(Command::Select(Some("secrets-management".into())));
    let mut harness = Harness::builder()
        .with_size(vec2(1280.0, 800.0))
        .wgpu()
        .build_ui_state(|ui, app: &mut CapmapApp| app.show(ui), app);
    harness.run();
    harness.snapshot("main_screen");
}

#[test]
fn presentation_mode_at_1920x1080() {
    let mut app = app();
    app.send(Command::StartPresentation);
    app.send(Command::Select(Some("data-retention".into())));
    let mut harness = Harness::builder()
        .with_size(vec2(1920.0, 1080.0))
        .wgpu()
        .build_ui_state(|ui, app: &mut CapmapApp| app.show(ui), app);
    harness.run();
    assert!(harness.state().presenting);
    harness.snapshot("presentation");
}
