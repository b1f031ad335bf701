//! The frames that show an edit, run a given number of times, for counting
//! instructions (steady on a shared machine, where criterion's timings
//! swing): `perf stat -e instructions target/release/examples/edit_loop
//! 10000 score 40`, then again with 80; the difference over 40 is one
//! edit. Kinds: `score` (a rescore), `zone` (a zone change, then its undo),
//! `select` (another capability selected: the frame that applies it and
//! the one that shows it), `none` (two frames with no change), `drag` (one
//! frame of a card held over the board), `demo` (one frame of the egui
//! demo, the benches' reference; `n` is ignored). See docs/performance.md.

#![expect(clippy::unwrap_used, reason = "a measuring tool may fail loudly")]

#[path = "../benches/shared/scene.rs"]
mod scene;

use capmap::app::{CapmapApp, Command};
use capmap::model::Date;
use eframe::egui;
use scene::{card_held, input, portfolio_of, rescore, with_events, zone_change};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args[1].parse().unwrap();
    let kind = args[2].as_str();
    let iters: usize = args[3].parse().unwrap();
    let ctx = egui::Context::default();
    if kind == "demo" {
        // The reference: one frame of the egui demo, as the bench's.
        let mut demo = egui_demo_lib::DemoWindows::default();
        for _ in 0..3 {
            let _ = ctx.run_ui(input(), |ui| demo.ui(ui));
        }
        for _ in 0..iters {
            let output = ctx.run_ui(input(), |ui| demo.ui(ui));
            std::hint::black_box(ctx.tessellate(output.shapes, output.pixels_per_point));
        }
        return;
    }
    let mut app = CapmapApp::new(portfolio_of(n), None);
    app.set_today(Date::from_ymd(2026, 11, 27));
    for _ in 0..3 {
        let _ = ctx.run_ui(input(), |ui| app.show(ui));
    }
    if kind == "drag" {
        // One frame of a card held over the board, as the bench's drag.
        let swing = card_held(&ctx, &mut app);
        let start = std::time::Instant::now();
        for k in 0..iters {
            let moved = with_events(vec![egui::Event::PointerMoved(swing[k % 2])]);
            let output = ctx.run_ui(moved, |ui| app.show(ui));
            std::hint::black_box(ctx.tessellate(output.shapes, output.pixels_per_point));
        }
        assert!(ctx.dragged_id().is_some(), "a card is being dragged");
        eprintln!(
            "{:.3} ms per frame",
            start.elapsed().as_secs_f64() * 1000.0 / iters as f64
        );
        return;
    }
    let id = app.portfolio().capabilities[1].id.clone();
    let mut flip = false;
    let start = std::time::Instant::now();
    for _ in 0..iters {
        flip = !flip;
        match kind {
            "score" => app.send(rescore(&id, flip)),
            "select" => app.send(Command::Select(Some(
                app.portfolio().capabilities[if flip { 1 } else { 2 }]
                    .id
                    .clone(),
            ))),
            "zone" => app.send(zone_change(&id, flip)),
            _ => {}
        }
        let _ = ctx.run_ui(input(), |ui| app.show(ui));
        let output = ctx.run_ui(input(), |ui| app.show(ui));
        std::hint::black_box(ctx.tessellate(output.shapes, output.pixels_per_point));
    }
    eprintln!(
        "{:.3} ms per iteration",
        start.elapsed().as_secs_f64() * 1000.0 / iters as f64
    );
}
