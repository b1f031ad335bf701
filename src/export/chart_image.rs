//! The quadrant chart as an image: SVG for wikis, PNG for slides. Built from
//! the same [`ChartGeometry`] and label placement as the on-screen chart,
//! with text in the bundled `DejaVu Sans` so every machine draws it alike.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::Arc;

use super::chart_labels::{ChartLabels, LabelMode, LabelScene, MAX_LABELLED, layout_labels};
use super::palette::{CONFLICT_RGB, OVERDUE_RGB, recommendation_rgb, zone_rgb};
use super::{
    AXIS_MAX, AXIS_MIN, ChartGeometry, ChartPoint, QuadrantArea, ScreenRect, X_AXIS_TITLE,
    Y_AXIS_TITLE,
};
use crate::model::{Comparison, Date, Decision, Portfolio, Recommendation};

mod png;
mod svg_parts;

#[cfg(test)]
use png::missing_from_bundled;
pub use png::{chart_png, undrawable_names};
use svg_parts::{LINE, legend_entries};

const FONT_FAMILY: &str = "DejaVu Sans";
/// How much wider `DejaVu Sans Bold` runs than the regular weight.
const BOLD_WIDTH: f64 = 1.16;

/// Light for documents and slides, dark for dark wikis and dim rooms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ImageTheme {
    /// Dark text on white.
    #[default]
    Light,
    /// Light text on near-black.
    Dark,
}

struct Colors {
    background: &'static str,
    plot: &'static str,
    text: &'static str,
    weak: &'static str,
    grid: &'static str,
    divider: &'static str,
    quadrant_opacity: f64,
}

impl ImageTheme {
    fn colors(self) -> Colors {
        match self {
            Self::Light => Colors {
                background: "#ffffff",
                plot: "#fbfbfb",
                text: "#1b1b1b",
                weak: "#5a5a5a",
                grid: "#dcdcdc",
                divider: "#444444",
                quadrant_opacity: 0.12,
            },
            Self::Dark => Colors {
                background: "#161616",
                plot: "#1d1d1d",
                text: "#eeeeee",
                weak: "#a8a8a8",
                grid: "#3a3a3a",
                divider: "#c8c8c8",
                quadrant_opacity: 0.18,
            },
        }
    }
}

/// Why an image could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ImageError {
    /// Width or height is zero or absurdly large.
    #[error("the image size {0}x{1} is not possible; use 200 to 10000 pixels a side")]
    Size(u32, u32),
    /// The SVG could not be rendered (a bug: we wrote it).
    #[error("could not render the chart: {0}")]
    Render(String),
}

/// Text widths from the bundled font, for label placement.
struct Measure {
    font: Option<skrifa::FontRef<'static>>,
}

impl Measure {
    fn new() -> Self {
        Self {
            font: skrifa::FontRef::new(super::fonts::regular()).ok(),
        }
    }

    fn width(&self, text: &str, size: f64) -> f64 {
        use skrifa::MetadataProvider as _;
        let Some(font) = &self.font else {
            return text.chars().count() as f64 * size * 0.6;
        };
        let charmap = font.charmap();
        let metrics = font.glyph_metrics(
            skrifa::instance::Size::new(size as f32),
            skrifa::instance::LocationRef::default(),
        );
        text.chars()
            .map(|c| {
                charmap
                    .map(c)
                    .and_then(|glyph| metrics.advance_width(glyph))
                    .map_or(size * 0.6, f64::from)
            })
            .sum()
    }
}

/// The width of `text` at `size` pixels in the bundled font, as exported
/// charts measure their labels (tests check placements with it).
#[must_use]
pub fn text_width(text: &str, size: f64) -> f64 {
    thread_local! {
        static MEASURE: Measure = Measure::new();
    }
    MEASURE.with(|m| m.width(text, size))
}

/// Escapes text for SVG: a name like `<script>` stays text.
#[must_use]
pub fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn hex([r, g, b]: [u8; 3]) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// What an exported chart shows besides the portfolio itself.
#[derive(Clone, Copy, Debug, Default)]
pub struct ChartOptions<'a> {
    /// Light or dark.
    pub theme: ImageTheme,
    /// Names, numbers, or names when they all fit.
    pub labels: LabelMode,
    /// Another quarter: arrows show where capabilities moved, from the
    /// earlier quarter's position to the later's.
    pub comparison: Option<Comparison<'a>>,
    /// Whiskers of the vote spread for every capability, not only none.
    pub vote_spread: bool,
}

/// Sizes of one image, all scaled from a 1920x1080 design.
struct Sizes {
    s: f64,
    font: f64,
    /// Names and numbers beside the dots.
    label_font: f64,
    title_font: f64,
    quadrant_font: f64,
    radius: f64,
    width: f64,
    height: f64,
}

/// The chart of `portfolio` as an SVG document of `width` x `height` pixels.
///
/// Each plotted capability is a `<g class="capability" data-id="ID">` with
/// its dot, a `<title>` describing it, and its label: a `<text class="label">`
/// with its name or a `<text class="marker">` with its number, plus a
/// `<line class="leader">` when the label stands away from the dot. A
/// numbered chart lists `<text class="index-entry" data-id="ID">` entries,
/// number first, beside the plot.
///
/// # Errors
/// An impossible size.
pub fn chart_svg(
    portfolio: &Portfolio,
    today: Date,
    width: u32,
    height: u32,
    options: ChartOptions<'_>,
) -> Result<String, ImageError> {
    svg_document(portfolio, today, width, height, options, false)
}

/// [`chart_svg`], or with `raster` the same drawing for turning into
/// pixels (see [`SvgChart::raster`]).
fn svg_document(
    portfolio: &Portfolio,
    today: Date,
    width: u32,
    height: u32,
    options: ChartOptions<'_>,
    raster: bool,
) -> Result<String, ImageError> {
    if !(200..=10_000).contains(&width) || !(200..=10_000).contains(&height) {
        return Err(ImageError::Size(width, height));
    }
    let geometry = ChartGeometry::new(portfolio, today);
    let (image_w, image_h) = (f64::from(width), f64::from(height));
    // Sizes scale with the image: 1 at 1080 pixels high.
    let s = (image_h / 1080.0).min(image_w / 1920.0 * 1.4).max(0.35);
    let sizes = Sizes {
        s,
        font: 22.0 * s,
        label_font: 19.0 * s,
        title_font: 34.0 * s,
        quadrant_font: 34.0 * s,
        radius: 10.0 * s,
        width: image_w,
        height: image_h,
    };
    let measure = Measure::new();
    let legend = legend_entries(&geometry, &sizes, &measure, &options);
    let legend_rows = legend.rows.len().max(1) as f64;
    let mut plot = ScreenRect {
        x: 110.0 * s,
        y: 90.0 * s,
        w: image_w - 150.0 * s,
        h: image_h - 210.0 * s - (legend_rows - 1.0) * sizes.font * 1.5,
    };
    let mut chart = SvgChart {
        svg: String::new(),
        quadrants: geometry.quadrants,
        colors: options.theme.colors(),
        sizes,
        measure,
        raster,
    };
    // Names when they all fit; otherwise numbers, with room for the index.
    let (mut labels, mut obstacles) = chart.labels(&geometry, plot, options.labels);
    let mut index = None;
    if labels.numbered {
        let layout = chart.index_layout(&geometry, plot);
        plot.w -= layout.width;
        (labels, obstacles) = chart.labels(&geometry, plot, LabelMode::Numbers);
        index = Some(layout);
    }
    chart.open(portfolio, width, height, plot);
    chart.quadrants(&geometry, plot, &obstacles);
    chart.axes(&geometry, plot);
    chart.marks(portfolio, &geometry, plot, &labels, &options);
    if let Some(layout) = index {
        chart.index(&geometry, &layout, plot);
    }
    chart.legend(&legend, &geometry, &labels);
    chart.svg.push_str("</svg>\n");
    Ok(chart.svg)
}

struct SvgChart {
    svg: String,
    /// The chart's quadrants (titles are sized to fit all of them).
    quadrants: [QuadrantArea; 4],
    colors: Colors,
    sizes: Sizes,
    measure: Measure,
    /// Drawn to pixels, where what cannot be seen is left out: the
    /// descriptions, and a capability drawn exactly as a later one (equal
    /// scores, zone and marks, no label: past the labelled limit,
    /// thousands stack on a few hundred spots). The later one covers it
    /// wholly, and drawing an anti-aliased edge over itself again and
    /// again only makes it ragged.
    raster: bool,
}

/// Chart values to image pixels.
fn to_image(plot: ScreenRect) -> impl Fn(f64, f64) -> [f64; 2] {
    move |x: f64, y: f64| {
        [
            plot.x + (x - AXIS_MIN) / (AXIS_MAX - AXIS_MIN) * plot.w,
            plot.y + plot.h - (y - AXIS_MIN) / (AXIS_MAX - AXIS_MIN) * plot.h,
        ]
    }
}

impl SvgChart {
    /// The labels for a plot of this size, and the quadrant titles' boxes
    /// they keep clear of.
    fn labels(
        &self,
        geometry: &ChartGeometry,
        plot: ScreenRect,
        mode: LabelMode,
    ) -> (ChartLabels, Vec<ScreenRect>) {
        let obstacles: Vec<ScreenRect> = geometry
            .quadrants
            .iter()
            .map(|area| self.quadrant_title(area, plot).1)
            .collect();
        let to_screen = to_image(plot);
        let font = self.sizes.label_font;
        let measure = |text: &str| self.measure.width(text, font);
        let scene = LabelScene {
            area: plot,
            obstacles: &obstacles,
            to_screen: &to_screen,
            dot_radius: self.sizes.radius,
            mark_radius: self.sizes.radius + 5.5 * self.sizes.s,
            line_height: font * LINE,
            max_name_width: 300.0 * self.sizes.s,
            padding: 2.0 * self.sizes.s,
            measure: &measure,
        };
        (layout_labels(geometry, mode, None, &scene), obstacles)
    }

    fn open(&mut self, portfolio: &Portfolio, width: u32, height: u32, plot: ScreenRect) {
        let (s, colors) = (self.sizes.s, &self.colors);
        let svg = &mut self.svg;
        let _ = writeln!(
            svg,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
             viewBox=\"0 0 {width} {height}\" font-family=\"{FONT_FAMILY}, sans-serif\">"
        );
        let _ = writeln!(
            svg,
            "<rect width=\"100%\" height=\"100%\" fill=\"{}\"/>",
            colors.background
        );
        let title = match &portfolio.quarter {
            Some(quarter) => format!("{} · {quarter}", portfolio.name),
            None => portfolio.name.clone(),
        };
        let _ = writeln!(
            svg,
            "<text class=\"title\" x=\"{:.1}\" y=\"{:.1}\" font-size=\"{:.1}\" font-weight=\"bold\" fill=\"{}\">{}</text>",
            plot.x,
            55.0 * s,
            self.sizes.title_font,
            colors.text,
            escape_xml(&title)
        );
        let _ = writeln!(
            svg,
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{}\"/>",
            plot.x, plot.y, plot.w, plot.h, colors.plot
        );
    }

    /// A quadrant's title: its size and where it goes (baseline), and its box.
    fn quadrant_title(
        &self,
        area: &QuadrantArea,
        plot: ScreenRect,
    ) -> ((f64, f64, f64), ScreenRect) {
        let s = self.sizes.s;
        let to = to_image(plot);
        let [x0, y0] = to(area.min[0], area.max[1]);
        let [x1, y1] = to(area.max[0], area.min[1]);
        let label = area.recommendation.label().to_uppercase();
        // All four titles the same size: the largest that fits every one.
        let fits = self
            .quadrants
            .iter()
            .map(|q| {
                let width = (q.max[0] - q.min[0]) / (AXIS_MAX - AXIS_MIN) * plot.w;
                let text = q.recommendation.label().to_uppercase();
                (width - 24.0 * s) / (self.measure.width(&text, 1.0) * BOLD_WIDTH)
            })
            .fold(f64::INFINITY, f64::min);
        let size = self.sizes.quadrant_font.min(fits).max(10.0);
        let text_width = self.measure.width(&label, size) * BOLD_WIDTH;
        // Beside the vertical divider, not in the outer corners, where
        // capabilities crowd (as on screen).
        let tx = if area.min[0] <= AXIS_MIN {
            x1 - 12.0 * s - text_width
        } else {
            x0 + 12.0 * s
        };
        let ty = if area.max[1] >= AXIS_MAX {
            y0 + 10.0 * s + size
        } else {
            y1 - 12.0 * s
        };
        // Capitals only: from the cap height to just below the baseline.
        let rect = ScreenRect {
            x: tx,
            y: ty - size * 0.8,
            w: text_width,
            h: size * 0.8 + 2.0 * s,
        };
        ((tx, ty, size), rect)
    }

    /// Quadrants, shaded and named in their outer corners.
    fn quadrants(&mut self, geometry: &ChartGeometry, plot: ScreenRect, _obstacles: &[ScreenRect]) {
        let to = to_image(plot);
        for area in &geometry.quadrants {
            let color = hex(recommendation_rgb(area.recommendation));
            let [x0, y0] = to(area.min[0], area.max[1]);
            let [x1, y1] = to(area.max[0], area.min[1]);
            let _ = writeln!(
                self.svg,
                "<rect x=\"{x0:.1}\" y=\"{y0:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{color}\" fill-opacity=\"{}\"/>",
                x1 - x0,
                y1 - y0,
                self.colors.quadrant_opacity
            );
            let ((tx, ty, size), _) = self.quadrant_title(area, plot);
            let _ = writeln!(
                self.svg,
                "<text class=\"quadrant\" x=\"{tx:.1}\" y=\"{ty:.1}\" font-size=\"{size:.1}\" font-weight=\"bold\" fill=\"{color}\">{}</text>",
                area.recommendation.label().to_uppercase()
            );
        }
    }

    /// Grid, ticks, axis titles and the dividers.
    fn axes(&mut self, geometry: &ChartGeometry, plot: ScreenRect) {
        let (s, font) = (self.sizes.s, self.sizes.font);
        let to = to_image(plot);
        let colors = &self.colors;
        let svg = &mut self.svg;
        for tick in 1..=5 {
            let v = f64::from(tick);
            let [x, y] = to(v, v);
            let _ = writeln!(
                svg,
                "<line x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\" stroke=\"{}\" stroke-width=\"1\"/>",
                plot.y,
                plot.y + plot.h,
                colors.grid
            );
            let _ = writeln!(
                svg,
                "<line x1=\"{:.1}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" stroke=\"{}\" stroke-width=\"1\"/>",
                plot.x,
                plot.x + plot.w,
                colors.grid
            );
            let _ = writeln!(
                svg,
                "<text x=\"{x:.1}\" y=\"{:.1}\" font-size=\"{font:.1}\" text-anchor=\"middle\" fill=\"{}\">{tick}</text>",
                plot.y + plot.h + 28.0 * s,
                colors.weak
            );
            let _ = writeln!(
                svg,
                "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"{font:.1}\" text-anchor=\"end\" fill=\"{}\">{tick}</text>",
                plot.x - 12.0 * s,
                y + font * 0.35,
                colors.weak
            );
        }
        let _ = writeln!(
            svg,
            "<text class=\"axis-title\" x=\"{:.1}\" y=\"{:.1}\" font-size=\"{font:.1}\" text-anchor=\"middle\" fill=\"{}\">{}</text>",
            plot.x + plot.w / 2.0,
            plot.y + plot.h + 62.0 * s,
            colors.text,
            escape_xml(X_AXIS_TITLE)
        );
        let (yx, yy) = (45.0 * s, plot.y + plot.h / 2.0);
        let _ = writeln!(
            svg,
            "<text class=\"axis-title\" x=\"{yx:.1}\" y=\"{yy:.1}\" font-size=\"{font:.1}\" text-anchor=\"middle\" fill=\"{}\" transform=\"rotate(-90 {yx:.1} {yy:.1})\">{}</text>",
            colors.text,
            escape_xml(Y_AXIS_TITLE)
        );
        let [tx, ty] = to(geometry.threshold, geometry.threshold);
        let _ = writeln!(
            svg,
            "<line x1=\"{tx:.1}\" y1=\"{:.1}\" x2=\"{tx:.1}\" y2=\"{:.1}\" stroke=\"{}\" stroke-width=\"{:.1}\"/>",
            plot.y,
            plot.y + plot.h,
            colors.divider,
            2.0 * s
        );
        let _ = writeln!(
            svg,
            "<line x1=\"{:.1}\" y1=\"{ty:.1}\" x2=\"{:.1}\" y2=\"{ty:.1}\" stroke=\"{}\" stroke-width=\"{:.1}\"/>",
            plot.x,
            plot.x + plot.w,
            colors.divider,
            2.0 * s
        );
    }
}

#[cfg(test)]
mod test_scene;
#[cfg(test)]
mod tests;
