//! What the performance bench and `examples/edit_loop.rs` both run on:
//! portfolios of copies of the example, and a 1280x800 screen.

use capmap::app::example_portfolio;
use capmap::model::{Capability, Portfolio};
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
