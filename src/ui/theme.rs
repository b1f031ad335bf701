//! Light, dark and high-contrast looks, and the zoom that goes with them.

use eframe::egui::{self, Color32, Stroke, Visuals};
use serde::{Deserialize, Serialize};

/// How the app looks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Theme {
    /// Dark text on light panels: good for daylight rooms.
    Light,
    /// Light text on dark panels.
    #[default]
    Dark,
    /// Pure black on white with heavy lines: for washed-out projectors.
    HighContrast,
}

impl Theme {
    /// Every theme, in menu order.
    pub const ALL: [Self; 3] = [Self::Light, Self::Dark, Self::HighContrast];

    /// The name in menus.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Light => "Light",
            Self::Dark => "Dark",
            Self::HighContrast => "High contrast (projector)",
        }
    }

    /// The exported images' look that goes with this one: dark for dark,
    /// light (printable) otherwise.
    #[must_use]
    pub fn image_theme(self) -> crate::export::ImageTheme {
        match self {
            Self::Dark => crate::export::ImageTheme::Dark,
            Self::Light | Self::HighContrast => crate::export::ImageTheme::Light,
        }
    }

    /// The egui visuals for this theme.
    #[must_use]
    pub fn visuals(self) -> Visuals {
        match self {
            Self::Light => Visuals::light(),
            Self::Dark => Visuals::dark(),
            Self::HighContrast => high_contrast(),
        }
    }
}

fn high_contrast() -> Visuals {
    let mut visuals = Visuals::light();
    let black = Color32::BLACK;
    visuals.override_text_color = Some(black);
    visuals.panel_fill = Color32::WHITE;
    visuals.window_fill = Color32::WHITE;
    visuals.extreme_bg_color = Color32::WHITE;
    visuals.faint_bg_color = Color32::from_gray(238);
    visuals.window_stroke = Stroke::new(2.0, black);
    visuals.selection.bg_fill = Color32::from_rgb(0xff, 0xd6, 0x00);
    visuals.selection.stroke = Stroke::new(2.5, black);
    for widget in [
        &mut visuals.widgets.noninteractive,
        &mut visuals.widgets.inactive,
        &mut visuals.widgets.hovered,
        &mut visuals.widgets.active,
        &mut visuals.widgets.open,
    ] {
        widget.bg_stroke = Stroke::new(1.5, black);
        widget.fg_stroke = Stroke::new(2.0, black);
    }
    visuals.widgets.inactive.weak_bg_fill = Color32::from_gray(230);
    visuals.widgets.inactive.bg_fill = Color32::from_gray(230);
    visuals
}

/// The smallest and largest zoom the facilitator can pick.
pub const ZOOM_RANGE: (f32, f32) = (0.6, 3.0);
/// One zoom step.
pub const ZOOM_STEP: f32 = 1.1;

/// Applies `theme` and `zoom` when they differ from what is showing.
pub fn apply(ctx: &egui::Context, theme: Theme, zoom: f32) {
    let visuals = theme.visuals();
    if ctx.global_style().visuals != visuals {
        ctx.set_visuals(visuals);
    }
    let zoom = zoom.clamp(ZOOM_RANGE.0, ZOOM_RANGE.1);
    // Relative: presenting works the zoom out from the screen width, which
    // comes back a rounding error off each frame; above a zoom of 2 that
    // error exceeds f32::EPSILON and the window would repaint for ever.
    if (ctx.zoom_factor() - zoom).abs() > zoom * 1e-4 {
        ctx.set_zoom_factor(zoom);
    }
}

/// Adds the bundled `DejaVu Sans` behind egui's own font, so arrows,
/// warning signs and accented names render instead of empty boxes.
pub fn install_fonts(ctx: &egui::Context) {
    use egui::epaint::text::{FontData, FontInsert, FontPriority, InsertFontFamily};
    ctx.add_font(FontInsert::new(
        "DejaVu Sans",
        FontData::from_static(crate::export::fonts::regular()),
        vec![
            InsertFontFamily {
                family: egui::FontFamily::Proportional,
                priority: FontPriority::Lowest,
            },
            InsertFontFamily {
                family: egui::FontFamily::Monospace,
                priority: FontPriority::Lowest,
            },
        ],
    ));
}
