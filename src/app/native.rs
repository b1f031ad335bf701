//! The desktop start-up: the native window, persistence, and the
//! first-frame timing used by the start-up benchmark.

use std::path::PathBuf;

use eframe::egui;

use super::{CapmapApp, SETTINGS_KEY, Settings};

/// Starts the desktop app on `file`, the last file, or the bundled example.
///
/// # Errors
/// When no window can be opened (no display, no OpenGL).
pub fn run(file: Option<PathBuf>) -> eframe::Result<()> {
    let started = std::time::Instant::now();
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("capmap")
        .with_app_id("capmap")
        .with_inner_size([1280.0, 800.0])
        .with_min_inner_size([900.0, 560.0])
        .with_drag_and_drop(true);
    if let Ok(icon) = eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon.png")) {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        renderer: eframe::Renderer::Glow,
        viewport,
        ..Default::default()
    };
    let first_frame = FirstFrame::from_env(started);
    eframe::run_native(
        "capmap",
        options,
        Box::new(move |cc| {
            let settings: Settings = cc
                .storage
                .and_then(|s| eframe::get_value(s, SETTINGS_KEY))
                .unwrap_or_default();
            let app = CapmapApp::start(file, settings);
            let app = match eframe::storage_dir("capmap") {
                Some(dir) => app.with_recovery(dir),
                None => app,
            };
            Ok(Box::new(Desktop { app, first_frame }))
        }),
    )
}

/// The app in its window, with the start-up timing `CAPMAP_FIRST_FRAME`
/// asks for (see docs/performance.md).
struct Desktop {
    app: CapmapApp,
    first_frame: Option<FirstFrame>,
}

/// `CAPMAP_FIRST_FRAME=report` prints how long after start the first frame
/// was on screen; `=exit` also closes the window then, for timing runs.
struct FirstFrame {
    started: std::time::Instant,
    exit: bool,
    frames: u32,
}

impl FirstFrame {
    pub(super) fn from_env(started: std::time::Instant) -> Option<Self> {
        let mode = std::env::var("CAPMAP_FIRST_FRAME").ok()?;
        Some(Self {
            started,
            exit: mode == "exit",
            frames: 0,
        })
    }

    /// Called at the start of every frame until it has reported.
    pub(super) fn tick(&mut self, ctx: &egui::Context) -> bool {
        self.frames += 1;
        if self.frames == 1 {
            // The first frame is painted after this pass; the next pass
            // starts once it is on screen.
            ctx.request_repaint();
            return false;
        }
        eprintln!(
            "capmap: first frame on screen {} ms after start",
            self.started.elapsed().as_millis()
        );
        if self.exit {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        true
    }
}

impl eframe::App for Desktop {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        if let Some(first_frame) = &mut self.first_frame
            && first_frame.tick(ui.ctx())
        {
            self.first_frame = None;
        }
        self.app.ui(ui, frame);
    }

    fn raw_input_hook(&mut self, ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        self.app.raw_input_hook(ctx, raw_input);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.app.save(storage);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_frame_is_reported_once_it_has_been_painted() {
        let ctx = egui::Context::default();
        let mut first = FirstFrame {
            started: std::time::Instant::now(),
            exit: true,
            frames: 0,
        };
        let mut reported = Vec::new();
        for _ in 0..2 {
            let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
                reported.push(first.tick(ui.ctx()));
            });
            output.textures_delta.clear();
            if reported.len() == 1 {
                // It asks for the pass that shows it was painted.
                assert!(ctx.has_requested_repaint());
            } else {
                let closes = output
                    .viewport_output
                    .values()
                    .any(|v| v.commands.contains(&egui::ViewportCommand::Close));
                assert!(closes, "with =exit the window closes after the report");
            }
        }
        assert_eq!(reported, vec![false, true]);
    }
}
