//! What the performance bench and `examples/edit_loop.rs` both run on:
//! portfolios of copies of the example, a 1280x800 screen, the edits
//! measured, and a card held over the board.

use capmap::app::{CapmapApp, Command, example_portfolio};
use capmap::model::{Capability, Edit, Portfolio, Question, Score, Zone};
use eframe::egui;

/// A portfolio of `n` capabilities made of copies of the example's, with
/// unique ids.
pub fn portfolio_of(n: usize) -> Portfolio {
    let example = example_portfolio();
    let mut portfolio = example.clone();
    portfolio.capabilities = (0..n)
        .map(|i| {
            let mut capability =
                Capability::clone(&example.capabilities[i % example.capabilities.len()]);
            capability.id = format!("{}-{i}", capability.id);
            capability.name = format!("{} {i}", capability.name);
            std::sync::Arc::new(capability)
        })
        .collect();
    portfolio
}

/// A 1280x800 screen and no input.
pub fn input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1280.0, 800.0),
        )),
        ..Default::default()
    }
}

/// The centre of the board card of the capability called `name`, found
/// through the accessibility tree of one frame in a throwaway context.
fn card_centre(app: &mut CapmapApp, name: &str) -> egui::Pos2 {
    let ctx = egui::Context::default();
    ctx.enable_accesskit();
    // Each frame's update holds the nodes that changed: keep them all.
    let mut nodes = std::collections::HashMap::new();
    for _ in 0..3 {
        let output = ctx.run_ui(input(), |ui| app.show(ui));
        if let Some(update) = output.platform_output.accesskit_update {
            nodes.extend(update.nodes);
        }
    }
    let label = format!("{name} (");
    let node = nodes
        .values()
        .find(|node| node.label().is_some_and(|l| l.starts_with(&label)))
        .unwrap_or_else(|| panic!("no card labelled {label}…"));
    let bounds = node.bounds().unwrap();
    #[expect(
        clippy::cast_possible_truncation,
        reason = "screen coordinates of a 1280x800 window"
    )]
    egui::pos2(
        f64::midpoint(bounds.x0, bounds.x1) as f32,
        f64::midpoint(bounds.y0, bounds.y1) as f32,
    )
}

pub fn with_events(events: Vec<egui::Event>) -> egui::RawInput {
    egui::RawInput { events, ..input() }
}

/// Settles `app` in `ctx`, then presses on its first card and drags it a
/// little way, so the next frames are a drag in progress; returns two
/// points over the board to swing the held card between.
pub fn card_held(ctx: &egui::Context, app: &mut CapmapApp) -> [egui::Pos2; 2] {
    let name = app.portfolio().capabilities[0].name.clone();
    let start = card_centre(app, &name);
    for _ in 0..3 {
        let _ = ctx.run_ui(input(), |ui| app.show(ui));
    }
    let press = egui::Event::PointerButton {
        pos: start,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::NONE,
    };
    let _ = ctx.run_ui(
        with_events(vec![egui::Event::PointerMoved(start), press]),
        |ui| {
            app.show(ui);
        },
    );
    for step in [1.0, 2.0, 3.0, 4.0] {
        let to = start + egui::vec2(10.0, 8.0) * step;
        let _ = ctx.run_ui(with_events(vec![egui::Event::PointerMoved(to)]), |ui| {
            app.show(ui);
        });
    }
    [
        start + egui::vec2(140.0, 60.0),
        start + egui::vec2(280.0, 120.0),
    ]
}

/// The rescore measured: `id`'s reuse to 5 when `high`, else to 1.
pub fn rescore(id: &str, high: bool) -> Command {
    Command::Edit(Edit::SetScore {
        id: id.to_owned(),
        question: Question::Reuse,
        score: Score::new(if high { 5 } else { 1 }),
    })
}

/// The zone change measured: `id` moved out of its zone when `moved`, else
/// that move undone.
pub fn zone_change(id: &str, moved: bool) -> Command {
    if moved {
        Command::Edit(Edit::MoveToZone {
            id: id.to_owned(),
            zone: Zone::Unplaced,
        })
    } else {
        Command::Undo
    }
}
