//! The quadrant chart as an image: SVG for wikis, PNG for slides. Built from
//! the same [`ChartGeometry`] and label placement as the on-screen chart,
//! with text in the bundled `DejaVu Sans` so every machine draws it alike.

use std::fmt::Write as _;
use std::sync::Arc;

use super::palette::{CONFLICT_RGB, recommendation_rgb, zone_rgb};
use super::{
    AXIS_MAX, AXIS_MIN, ChartGeometry, LabelRoom, ScreenRect, X_AXIS_TITLE, Y_AXIS_TITLE,
    place_labels,
};
use crate::model::{Date, Portfolio, Zone};

/// The bundled regular font.
pub const FONT_REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
/// The bundled bold font.
pub const FONT_BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");
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
            font: skrifa::FontRef::new(FONT_REGULAR).ok(),
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

/// The chart of `portfolio` as an SVG document of `width` x `height` pixels.
///
/// # Errors
/// An impossible size.
pub fn chart_svg(
    portfolio: &Portfolio,
    today: Date,
    width: u32,
    height: u32,
    theme: ImageTheme,
) -> Result<String, ImageError> {
    if !(200..=10_000).contains(&width) || !(200..=10_000).contains(&height) {
        return Err(ImageError::Size(width, height));
    }
    let geometry = ChartGeometry::new(portfolio, today);
    let colors = theme.colors();
    let measure = Measure::new();
    let (image_w, image_h) = (f64::from(width), f64::from(height));
    // Sizes scale with the image: 1 at 1080 pixels high.
    let s = (image_h / 1080.0).min(image_w / 1920.0 * 1.4).max(0.35);
    let font = 22.0 * s;
    let title_font = 34.0 * s;
    let quadrant_font = 34.0 * s;
    let radius = 10.0 * s;
    let plot = ScreenRect {
        x: 110.0 * s,
        y: 90.0 * s,
        w: image_w - 150.0 * s,
        h: image_h - 210.0 * s,
    };
    let to_x = |v: f64| plot.x + (v - AXIS_MIN) / (AXIS_MAX - AXIS_MIN) * plot.w;
    let to_y = |v: f64| plot.y + plot.h - (v - AXIS_MIN) / (AXIS_MAX - AXIS_MIN) * plot.h;

    let mut svg = String::new();
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
        "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"{title_font:.1}\" font-weight=\"bold\" fill=\"{}\">{}</text>",
        plot.x,
        55.0 * s,
        colors.text,
        escape_xml(&title)
    );
    let _ = writeln!(
        svg,
        "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{}\"/>",
        plot.x, plot.y, plot.w, plot.h, colors.plot
    );

    // Quadrants, shaded and named in their outer corners.
    let mut obstacles = Vec::new();
    for area in &geometry.quadrants {
        let color = hex(recommendation_rgb(area.recommendation));
        let (x0, x1) = (to_x(area.min[0]), to_x(area.max[0]));
        let (y0, y1) = (to_y(area.max[1]), to_y(area.min[1]));
        let _ = writeln!(
            svg,
            "<rect x=\"{x0:.1}\" y=\"{y0:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{color}\" fill-opacity=\"{}\"/>",
            x1 - x0,
            y1 - y0,
            colors.quadrant_opacity
        );
        let label = area.recommendation.label().to_uppercase();
        let fits = (x1 - x0 - 24.0 * s) / (measure.width(&label, 1.0) * BOLD_WIDTH);
        let size = quadrant_font.min(fits).max(10.0);
        let text_width = measure.width(&label, size) * BOLD_WIDTH;
        let left_side = area.min[0] <= AXIS_MIN;
        let top_side = area.max[1] >= AXIS_MAX;
        let tx = if left_side {
            x0 + 12.0 * s
        } else {
            x1 - 12.0 * s - text_width
        };
        let ty = if top_side {
            y0 + 10.0 * s + size
        } else {
            y1 - 12.0 * s
        };
        obstacles.push(ScreenRect {
            x: tx,
            y: ty - size,
            w: text_width,
            h: size * 1.2,
        });
        let _ = writeln!(
            svg,
            "<text x=\"{tx:.1}\" y=\"{ty:.1}\" font-size=\"{size:.1}\" font-weight=\"bold\" fill=\"{color}\">{label}</text>"
        );
    }

    // Grid, ticks and axis titles.
    for tick in 1..=5 {
        let v = f64::from(tick);
        let (x, y) = (to_x(v), to_y(v));
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
        "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"{font:.1}\" text-anchor=\"middle\" fill=\"{}\">{}</text>",
        plot.x + plot.w / 2.0,
        plot.y + plot.h + 62.0 * s,
        colors.text,
        escape_xml(X_AXIS_TITLE)
    );
    let (yx, yy) = (45.0 * s, plot.y + plot.h / 2.0);
    let _ = writeln!(
        svg,
        "<text x=\"{yx:.1}\" y=\"{yy:.1}\" font-size=\"{font:.1}\" text-anchor=\"middle\" fill=\"{}\" transform=\"rotate(-90 {yx:.1} {yy:.1})\">{}</text>",
        colors.text,
        escape_xml(Y_AXIS_TITLE)
    );
    let t = geometry.threshold;
    let _ = writeln!(
        svg,
        "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"{}\" stroke-width=\"{:.1}\"/>",
        to_x(t),
        plot.y,
        to_x(t),
        plot.y + plot.h,
        colors.divider,
        2.0 * s
    );
    let _ = writeln!(
        svg,
        "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"{}\" stroke-width=\"{:.1}\"/>",
        plot.x,
        to_y(t),
        plot.x + plot.w,
        to_y(t),
        colors.divider,
        2.0 * s
    );

    // Points, then labels placed so none overlaps another.
    for point in geometry.points.iter().filter(|p| p.tethered()) {
        let _ = writeln!(
            svg,
            "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"{}\" stroke-width=\"1\"/>",
            to_x(point.differentiation),
            to_y(point.pull),
            to_x(point.x),
            to_y(point.y),
            colors.weak
        );
    }
    for point in &geometry.points {
        let color = hex(zone_rgb(point.zone));
        let mut whisker = |x1: f64, y1: f64, x2: f64, y2: f64| {
            let _ = writeln!(
                svg,
                "<line x1=\"{x1:.1}\" y1=\"{y1:.1}\" x2=\"{x2:.1}\" y2=\"{y2:.1}\" stroke=\"{color}\" stroke-width=\"{:.1}\" stroke-opacity=\"0.8\"/>",
                3.0 * s
            );
        };
        if let Some((low, high)) = point.differentiation_spread {
            whisker(to_x(low), to_y(point.y), to_x(high), to_y(point.y));
        }
        if let Some((low, high)) = point.pull_spread {
            whisker(to_x(point.x), to_y(low), to_x(point.x), to_y(high));
        }
    }
    let anchors: Vec<[f64; 2]> = geometry
        .points
        .iter()
        .map(|p| [to_x(p.x), to_y(p.y)])
        .collect();
    let sizes: Vec<[f64; 2]> = geometry
        .points
        .iter()
        .map(|p| [measure.width(&p.name, font) + 4.0 * s, font * 1.25])
        .collect();
    let homes = geometry.label_homes(|x, y| [to_x(x), to_y(y)]);
    let room = LabelRoom {
        area: plot,
        obstacles: &obstacles,
        homes: &homes,
    };
    let placements = place_labels(&anchors, &sizes, radius + 3.0 * s, room);
    for (point, [x, y]) in geometry.points.iter().zip(&anchors) {
        let _ = writeln!(
            svg,
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{radius:.1}\" fill=\"{}\"/>",
            hex(zone_rgb(point.zone))
        );
        if point.conflict {
            let _ = writeln!(
                svg,
                "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{:.1}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{:.1}\"/>",
                radius + 4.0 * s,
                hex(CONFLICT_RGB),
                2.5 * s
            );
        }
    }
    for ((point, placement), [x, y]) in geometry.points.iter().zip(&placements).zip(&anchors) {
        if !placement.shown {
            continue;
        }
        let r = placement.rect;
        if placement.leader {
            let _ = writeln!(
                svg,
                "<line x1=\"{x:.1}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"{}\" stroke-width=\"1\"/>",
                r.x + r.w / 2.0,
                r.y + r.h / 2.0,
                colors.weak
            );
        }
        let _ = writeln!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"{font:.1}\" fill=\"{}\">{}</text>",
            r.x + 2.0 * s,
            r.y + font * 0.95,
            colors.text,
            escape_xml(&point.name)
        );
    }

    // Legend and what is not shown.
    let mut lx = plot.x;
    let ly = image_h - 30.0 * s;
    for zone in [
        Zone::Commodity,
        Zone::Differentiator,
        Zone::RegulatedControl,
        Zone::Unplaced,
    ] {
        let _ = writeln!(
            svg,
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"{radius:.1}\" fill=\"{}\"/>",
            lx + radius,
            ly - font * 0.35,
            hex(zone_rgb(zone))
        );
        let _ = writeln!(
            svg,
            "<text x=\"{:.1}\" y=\"{ly:.1}\" font-size=\"{font:.1}\" fill=\"{}\">{}</text>",
            lx + 2.0 * radius + 8.0 * s,
            colors.text,
            zone.label()
        );
        lx += 2.0 * radius + 8.0 * s + measure.width(zone.label(), font) + 30.0 * s;
    }
    let _ = writeln!(
        svg,
        "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"{radius:.1}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{:.1}\"/>",
        lx + radius,
        ly - font * 0.35,
        hex(CONFLICT_RGB),
        2.5 * s
    );
    let mut note = "conflict".to_owned();
    if !geometry.to_score.is_empty() {
        let _ = write!(
            note,
            " · {} still to score, not shown",
            geometry.to_score.len()
        );
    }
    let _ = writeln!(
        svg,
        "<text x=\"{:.1}\" y=\"{ly:.1}\" font-size=\"{font:.1}\" fill=\"{}\">{note}</text>",
        lx + 2.0 * radius + 8.0 * s,
        colors.text
    );
    svg.push_str("</svg>\n");
    Ok(svg)
}

/// The chart as a PNG image, rendered from the SVG with the bundled font.
///
/// # Errors
/// An impossible size, or a rendering failure.
pub fn chart_png(
    portfolio: &Portfolio,
    today: Date,
    width: u32,
    height: u32,
    theme: ImageTheme,
) -> Result<Vec<u8>, ImageError> {
    let svg = chart_svg(portfolio, today, width, height, theme)?;
    let mut fonts = resvg::usvg::fontdb::Database::new();
    fonts.load_font_data(FONT_REGULAR.to_vec());
    fonts.load_font_data(FONT_BOLD.to_vec());
    let options = resvg::usvg::Options {
        font_family: FONT_FAMILY.to_owned(),
        fontdb: Arc::new(fonts),
        ..resvg::usvg::Options::default()
    };
    let tree = resvg::usvg::Tree::from_str(&svg, &options)
        .map_err(|e| ImageError::Render(e.to_string()))?;
    let mut pixmap =
        resvg::tiny_skia::Pixmap::new(width, height).ok_or(ImageError::Size(width, height))?;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::default(),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| ImageError::Render(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Capability, Score};

    fn portfolio() -> Portfolio {
        let mut portfolio = Portfolio::new("Hostile <b>&</b> \"names\"");
        let mut evil = Capability::new("evil", "<script>alert('x')</script>");
        for q in crate::model::Question::ALL {
            evil.scores.set(q, Score::new(4));
        }
        portfolio.capabilities.push(evil);
        portfolio
            .capabilities
            .push(Capability::new("todo", "Unscored"));
        portfolio
    }

    fn today() -> Date {
        Date::from_ymd(2026, 11, 27).unwrap()
    }

    #[test]
    fn names_are_text_never_markup() {
        let svg = chart_svg(&portfolio(), today(), 1920, 1080, ImageTheme::Light).unwrap();
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt;"));
        assert!(svg.contains("Hostile &lt;b&gt;&amp;&lt;/b&gt; &quot;names&quot;"));
        assert!(svg.contains("1 still to score, not shown"));
    }

    #[test]
    fn impossible_sizes_are_refused() {
        assert!(matches!(
            chart_svg(&portfolio(), today(), 0, 1080, ImageTheme::Light),
            Err(ImageError::Size(0, 1080))
        ));
        assert!(chart_png(&portfolio(), today(), 20_000, 100, ImageTheme::Dark).is_err());
    }

    #[test]
    fn text_is_measured_with_the_bundled_font() {
        let measure = Measure::new();
        assert!(measure.font.is_some());
        let narrow = measure.width("iiii", 20.0);
        let wide = measure.width("WWWW", 20.0);
        assert!(wide > narrow * 2.0, "{narrow} {wide}");
    }
}
