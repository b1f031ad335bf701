//! How much a frame draws: the meshes, vertices and indices egui's
//! tessellator makes of one frame of the app at 200 capabilities, with no
//! change and with a card held in a drag, beside one frame of the egui
//! demo (`cargo run --release --example frame_vertices`). Everything in a
//! frame is copied into egui's output and handed to the GPU every frame,
//! kept meshes included, so this is the frame's weight; see
//! docs/performance.md, "Not met, and why".

#![expect(clippy::unwrap_used, reason = "a measuring tool may fail loudly")]

#[path = "../benches/shared/scene.rs"]
#[expect(
    dead_code,
    reason = "the benches' scene: this weighs frames, edits none"
)]
mod scene;

use capmap::app::CapmapApp;
use capmap::model::Date;
use eframe::egui;
use scene::{card_held, input, portfolio_of, with_events};

/// Tessellates `output` and prints what it came to.
fn weigh(what: &str, ctx: &egui::Context, mut output: egui::FullOutput) {
    output.textures_delta.clear();
    let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
    let (mut vertices, mut indices) = (0, 0);
    for primitive in &primitives {
        if let egui::epaint::Primitive::Mesh(mesh) = &primitive.primitive {
            vertices += mesh.vertices.len();
            indices += mesh.indices.len();
        }
    }
    println!(
        "{what}: {} meshes, {vertices} vertices, {indices} indices",
        primitives.len()
    );
}

/// One frame of `show`, after three to settle.
fn settled(ctx: &egui::Context, mut show: impl FnMut(&mut egui::Ui)) -> egui::FullOutput {
    for _ in 0..3 {
        ctx.run_ui(input(), &mut show).textures_delta.clear();
    }
    ctx.run_ui(input(), show)
}

fn main() {
    let ctx = egui::Context::default();
    let mut demo = egui_demo_lib::DemoWindows::default();
    weigh("egui demo", &ctx, settled(&ctx, |ui| demo.ui(ui)));

    let ctx = egui::Context::default();
    let mut app = CapmapApp::new(portfolio_of(200), None);
    app.set_today(Date::from_ymd(2026, 11, 27));
    weigh(
        "app, 200, no change",
        &ctx,
        settled(&ctx, |ui| app.show(ui)),
    );
    let swing = card_held(&ctx, &mut app);
    let moved = with_events(vec![egui::Event::PointerMoved(swing[0])]);
    weigh(
        "app, 200, a card held",
        &ctx,
        ctx.run_ui(moved, |ui| app.show(ui)),
    );
}
