//! What every UI test file shares: the app in a kittest window, the example
//! portfolios and the day the examples are read on, and a few questions
//! tests ask the app and its chart.
//!
//! Each test file says `pub mod common;`, and the `pub` matters. Every file
//! in `tests/` is its own crate, so it compiles this module again and uses
//! only some of it; rustc counts a `pub` item reachable from the crate root
//! as used, so the helpers one file leaves alone are not reported as dead
//! code there, without an `allow` that would also hide a helper nobody uses
//! any more. The price is that such a helper is not reported at all: delete
//! a helper here with its last caller.
#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a helper that cannot do its job fails the test that called it, loudly"
)]

use std::path::Path;
use std::sync::Arc;

use capmap::app::{CapmapApp, example_portfolio};
use capmap::model::{Capability, Date, Portfolio};
use eframe::egui::{Mesh, Pos2, Rect, Shape, TextureId, Vec2, vec2};
use egui_kittest::{Harness, HarnessBuilder};
use egui_plot::{PlotPoint, PlotTransform};

/// A laptop screen, the size most tests use.
pub const LAPTOP: Vec2 = vec2(1280.0, 800.0);
/// The smallest common laptop screen, where a zoomed-in board scrolls.
pub const SMALL_LAPTOP: Vec2 = vec2(1366.0, 768.0);
/// A projector or a wall screen, where the room watches a presentation.
pub const PROJECTOR: Vec2 = vec2(1920.0, 1080.0);

/// The bundled example (2026-Q4), as the app opens it.
pub const EXAMPLE: &str = "assets/examples/platform-2026-q4.ron";
/// The same map a quarter later (2027-Q1), to compare with [`EXAMPLE`].
pub const NEXT_QUARTER: &str = "assets/examples/platform-2027-q1.ron";

/// A window of `size` for the app, ready for more settings (a larger
/// `with_max_steps`, `wgpu`) before [`OpenApp::open`].
pub fn window(size: Vec2) -> HarnessBuilder<CapmapApp> {
    Harness::builder().with_size(size)
}

/// Shows a [`CapmapApp`] in a harness built by [`window`].
pub trait OpenApp {
    /// The app in the window, its first frames run (until it settles).
    fn open(self, app: CapmapApp) -> Harness<'static, CapmapApp>;

    /// The app in the window with no frame run yet, for a test that sends
    /// commands before the first frame.
    fn build_app(self, app: CapmapApp) -> Harness<'static, CapmapApp>;
}

impl OpenApp for HarnessBuilder<CapmapApp> {
    fn open(self, app: CapmapApp) -> Harness<'static, CapmapApp> {
        let mut harness = self.build_app(app);
        harness.run();
        harness
    }

    fn build_app(self, app: CapmapApp) -> Harness<'static, CapmapApp> {
        self.build_ui_state(|ui, app: &mut CapmapApp| app.show(ui), app)
    }
}

/// `app` on a [`LAPTOP`] screen, with kittest's own frame limit.
#[must_use]
pub fn open(app: CapmapApp) -> Harness<'static, CapmapApp> {
    window(LAPTOP).open(app)
}

/// The example portfolio, unsaved, in a new app.
#[must_use]
pub fn example_app() -> CapmapApp {
    CapmapApp::new(example_portfolio(), None)
}

/// The example portfolio on a [`LAPTOP`] screen (see [`open`]).
#[must_use]
pub fn example() -> Harness<'static, CapmapApp> {
    open(example_app())
}

/// How long egui was told to wait before drawing again after the last
/// frame (`Duration::MAX`: until there is input).
///
/// # Panics
///
/// When the last frame had no viewport output.
pub fn next_repaint(harness: &Harness<'_, CapmapApp>) -> std::time::Duration {
    harness
        .output()
        .viewport_output
        .values()
        .map(|v| v.repaint_delay)
        .min()
        .unwrap()
}

/// The day the examples are read on: their exceptions' review dates and
/// the images stored for the snapshot tests depend on it.
///
/// # Panics
///
/// Never: 2026-11-27 is a real day.
#[must_use]
pub fn workshop_day() -> Date {
    Date::from_ymd(2026, 11, 27).unwrap()
}

/// The example a quarter later ([`NEXT_QUARTER`]).
///
/// # Panics
///
/// When the file is missing or does not load.
#[must_use]
pub fn next_quarter() -> Portfolio {
    capmap::io::load(Path::new(NEXT_QUARTER)).unwrap()
}

/// The id of the capability selected in the app, if any.
pub fn selected<'a>(harness: &'a Harness<'_, CapmapApp>) -> Option<&'a str> {
    harness.state().selected()
}

/// The capability `id` of the open document.
///
/// # Panics
///
/// When the document has no such capability.
pub fn capability<'a>(harness: &'a Harness<'_, CapmapApp>, id: &str) -> &'a Capability {
    harness.state().portfolio().capability(id).unwrap()
}

/// How the last frame's chart maps plot points to the screen.
///
/// # Panics
///
/// When the last frame drew no chart.
pub fn chart_transform(harness: &Harness<'_, CapmapApp>) -> PlotTransform {
    harness
        .ctx
        .data(|d| d.get_temp(capmap::ui::chart::transform_id()))
        .expect("the chart was drawn")
}

/// Where the chart draws the plot point (differentiation, pull) on screen.
///
/// # Panics
///
/// When the last frame drew no chart, as [`chart_transform`].
pub fn on_screen(harness: &Harness<'_, CapmapApp>, at: [f64; 2]) -> Pos2 {
    chart_transform(harness).position_from_point(&PlotPoint::new(at[0], at[1]))
}

/// The chart's plot area on screen, in points.
///
/// # Panics
///
/// When the last frame drew no chart, as [`chart_transform`].
pub fn chart_frame(harness: &Harness<'_, CapmapApp>) -> Rect {
    *chart_transform(harness).frame()
}

/// The chart's whole panel on screen (plot, axes, index and legend).
///
/// # Panics
///
/// When the last frame showed no chart panel.
pub fn chart_area(harness: &Harness<'_, CapmapApp>) -> Rect {
    harness
        .ctx
        .data(|d| d.get_temp::<Rect>(capmap::ui::chart::area_id()))
        .unwrap()
}

/// The meshes of the last frame drawn with a texture of their own (not the
/// font atlas): the chart's dots and the rings and holes on them, one quad
/// each.
pub fn dot_meshes(harness: &Harness<'_, CapmapApp>) -> Vec<Arc<Mesh>> {
    harness
        .output()
        .shapes
        .iter()
        .filter_map(|clipped| match &clipped.shape {
            Shape::Mesh(mesh) if mesh.texture_id != TextureId::default() => Some(Arc::clone(mesh)),
            _ => None,
        })
        .collect()
}
