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
use crate::model::{Date, Decision, Portfolio, Recommendation, Zone};

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
    /// Last quarter: arrows show where capabilities moved from.
    pub baseline: Option<&'a Portfolio>,
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

/// A label box's height, in label font sizes.
const LINE: f64 = 1.25;

/// One line of the index beside a numbered chart.
enum IndexLine {
    Heading(Recommendation),
    /// A point's entry, wrapped: the first line starts with its number.
    Entry(usize, Vec<String>),
}

impl IndexLine {
    fn lines(&self) -> usize {
        match self {
            Self::Heading(_) => 1,
            Self::Entry(_, lines) => lines.len(),
        }
    }
}

/// The index in columns beside the plot.
struct IndexLayout {
    font: f64,
    line: f64,
    column_width: f64,
    /// The whole index, with the space before it.
    width: f64,
    columns: Vec<Vec<IndexLine>>,
}

/// One entry of the legend below the chart.
enum LegendMark {
    Zone(Zone),
    Conflict,
    Overdue,
    Decided,
    Undecided,
    Spread,
    Shared,
    Note,
}

struct Legend {
    /// Entries by row, each with its text and width (mark included).
    rows: Vec<Vec<(LegendMark, String, f64)>>,
}

/// The legend's entries, wrapped as whole entries into rows.
fn legend_entries(
    geometry: &ChartGeometry,
    sizes: &Sizes,
    measure: &Measure,
    options: &ChartOptions<'_>,
) -> Legend {
    let mut entries: Vec<(LegendMark, String)> = [
        Zone::Commodity,
        Zone::Differentiator,
        Zone::RegulatedControl,
        Zone::Unplaced,
    ]
    .into_iter()
    .map(|zone| (LegendMark::Zone(zone), zone.label().to_owned()))
    .collect();
    let points = &geometry.points;
    entries.push((LegendMark::Decided, "decided".into()));
    entries.push((LegendMark::Undecided, "not decided yet".into()));
    if points.iter().any(|p| p.conflict) {
        entries.push((LegendMark::Conflict, "conflict".into()));
    }
    if points.iter().any(|p| p.overdue) {
        entries.push((LegendMark::Overdue, "overdue exception".into()));
    }
    if points.iter().any(|p| p.shared_with > 1) {
        entries.push((LegendMark::Shared, "same scores".into()));
    }
    let spreads = points
        .iter()
        .any(|p| p.differentiation_spread.is_some() || p.pull_spread.is_some());
    if options.vote_spread && spreads {
        entries.push((LegendMark::Spread, "vote spread, lowest to highest".into()));
    }
    if options.baseline.is_some() {
        entries.push((
            LegendMark::Note,
            "→ moved since the compared quarter".into(),
        ));
    }
    if points.len() > MAX_LABELLED {
        entries.push((
            LegendMark::Note,
            format!(
                "{} capabilities: too many to name on one chart",
                points.len()
            ),
        ));
    }
    if !geometry.to_score.is_empty() {
        let n = geometry.to_score.len();
        entries.push((LegendMark::Note, format!("{n} still to score, not shown")));
    }
    let (s, font, radius) = (sizes.s, sizes.font, sizes.radius);
    let room = sizes.width - 110.0 * s - 40.0 * s;
    let mut rows: Vec<Vec<(LegendMark, String, f64)>> = vec![Vec::new()];
    let mut used = 0.0;
    for (mark, text) in entries {
        let mark_width = if matches!(mark, LegendMark::Note) {
            0.0
        } else {
            2.0 * radius + 8.0 * s
        };
        let width = mark_width + measure.width(&text, font) + 30.0 * s;
        if used + width > room && rows.last().is_some_and(|r| !r.is_empty()) {
            rows.push(Vec::new());
            used = 0.0;
        }
        used += width;
        if let Some(row) = rows.last_mut() {
            row.push((mark, text, width));
        }
    }
    Legend { rows }
}

impl SvgChart {
    /// Dots, rings, marks, arrows, whiskers and labels: one group per
    /// capability.
    fn marks(
        &mut self,
        portfolio: &Portfolio,
        geometry: &ChartGeometry,
        plot: ScreenRect,
        labels: &ChartLabels,
        options: &ChartOptions<'_>,
    ) {
        let to = to_image(plot);
        let (s, radius, font) = (self.sizes.s, self.sizes.radius, self.sizes.label_font);
        let colors = &self.colors;
        let svg = &mut self.svg;
        // The spot that capabilities with equal scores share.
        for spot in &labels.spots {
            let b = spot.rect;
            let _ = writeln!(
                svg,
                "<rect class=\"shared\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"{:.1}\" fill=\"{}\" fill-opacity=\"0.08\" stroke=\"{}\" stroke-opacity=\"0.6\" stroke-width=\"{:.1}\" stroke-dasharray=\"{:.1} {:.1}\"/>",
                b.x,
                b.y,
                b.w,
                b.h,
                spot.radius,
                colors.text,
                colors.weak,
                1.5 * s,
                4.0 * s,
                3.0 * s
            );
            // A notch on its left marks the true spot.
            let [_, y] = spot.at;
            let _ = writeln!(
                svg,
                "<line class=\"shared-at\" x1=\"{:.1}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" stroke=\"{}\" stroke-width=\"{:.1}\"/>",
                b.x - 3.0 * s,
                b.x + 2.0 * s,
                colors.weak,
                2.0 * s
            );
        }
        // Arrows from where capabilities stood in the compared quarter.
        if let Some(baseline) = options.baseline {
            for m in geometry.moves_from(baseline) {
                let from = to(m.from[0], m.from[1]);
                let tip = to(m.to[0], m.to[1]);
                arrow(svg, from, tip, radius, s, colors.weak);
            }
        }
        // Whiskers: how far apart the room's votes were.
        if options.vote_spread {
            for (point, &[x, y]) in geometry.points.iter().zip(&labels.dots) {
                let color = hex(zone_rgb(point.zone));
                let mut whisker = |a: [f64; 2], b: [f64; 2]| {
                    let _ = writeln!(
                        svg,
                        "<line class=\"spread\" x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"{color}\" stroke-width=\"{:.1}\" stroke-opacity=\"0.8\"/>",
                        a[0],
                        a[1],
                        b[0],
                        b[1],
                        3.0 * s
                    );
                };
                if let Some((low, high)) = point.differentiation_spread {
                    whisker([to(low, 0.0)[0], y], [to(high, 0.0)[0], y]);
                }
                if let Some((low, high)) = point.pull_spread {
                    whisker([x, to(0.0, low)[1]], [x, to(0.0, high)[1]]);
                }
            }
        }
        let capabilities: HashMap<&str, &crate::model::Capability> = portfolio
            .capabilities
            .iter()
            .map(|c| (c.id.as_str(), c))
            .collect();
        for (i, point) in geometry.points.iter().enumerate() {
            let [x, y] = labels.dots[i];
            let color = hex(zone_rgb(point.zone));
            let _ = writeln!(
                svg,
                "<g class=\"capability\" data-id=\"{}\">",
                escape_xml(&point.id)
            );
            let description = describe(point, capabilities.get(point.id.as_str()).copied());
            let _ = writeln!(svg, "<title>{}</title>", escape_xml(&description));
            if point.decision == Decision::Undecided {
                // Hollow: nothing decided yet.
                let width = radius * 0.45;
                let _ = writeln!(
                    svg,
                    "<circle class=\"dot undecided\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{:.1}\" fill=\"{}\" stroke=\"{color}\" stroke-width=\"{width:.1}\"/>",
                    radius - width / 2.0,
                    colors.plot
                );
            } else {
                let _ = writeln!(
                    svg,
                    "<circle class=\"dot decided\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{radius:.1}\" fill=\"{color}\"/>"
                );
            }
            if point.conflict {
                let _ = writeln!(
                    svg,
                    "<circle class=\"conflict\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{:.1}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{:.1}\"/>",
                    radius + 4.0 * s,
                    hex(CONFLICT_RGB),
                    2.5 * s
                );
            }
            if point.overdue {
                let d = (radius + 2.0 * s) * std::f64::consts::FRAC_1_SQRT_2;
                let _ = writeln!(
                    svg,
                    "<circle class=\"overdue\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"{:.1}\" fill=\"{}\"/>",
                    x + d,
                    y - d,
                    radius * 0.55,
                    hex(OVERDUE_RGB)
                );
            }
            if let Some(label) = &labels.labels[i] {
                let b = label.rect;
                if let Some([[x1, y1], [x2, y2]]) = label.leader {
                    let _ = writeln!(
                        svg,
                        "<line class=\"leader\" x1=\"{x1:.1}\" y1=\"{y1:.1}\" x2=\"{x2:.1}\" y2=\"{y2:.1}\" stroke=\"{}\" stroke-width=\"{:.1}\"/>",
                        colors.weak,
                        1.2 * s
                    );
                }
                let class = if labels.numbered { "marker" } else { "label" };
                let _ = writeln!(
                    svg,
                    "<text class=\"{class}\" x=\"{:.1}\" y=\"{:.1}\" font-size=\"{font:.1}\" fill=\"{}\">{}</text>",
                    b.x + 2.0 * s,
                    b.y + font * BASELINE,
                    colors.text,
                    escape_xml(&label.text)
                );
            }
            svg.push_str("</g>\n");
        }
    }

    /// How the index of a numbered chart fits beside a plot of this size:
    /// whole names, wrapped when long, in as many columns as it takes,
    /// smaller type if needed.
    fn index_layout(&self, geometry: &ChartGeometry, plot: ScreenRect) -> IndexLayout {
        let s = self.sizes.s;
        let gap = 24.0 * s;
        let groups = geometry.index();
        let mut font = self.sizes.font * 0.9;
        loop {
            let line = font * 1.3;
            let per_column = ((plot.h / line).floor() as usize).max(3);
            let cap = self.sizes.width * 0.2;
            let mut column_width = self.measure.width("ORCHESTRATE", font) * BOLD_WIDTH;
            let mut columns: Vec<Vec<IndexLine>> = vec![Vec::new()];
            let mut used = 0;
            for (recommendation, members) in &groups {
                for (k, &i) in members.iter().enumerate() {
                    let point = &geometry.points[i];
                    let lines = self.wrap(&format!("{} {}", point.number, point.name), cap, font);
                    for text in &lines {
                        column_width = column_width.max(self.measure.width(text, font) * 1.03);
                    }
                    // A heading never ends a column.
                    let needed = lines.len() + usize::from(k == 0);
                    if used + needed > per_column && used > 0 {
                        columns.push(Vec::new());
                        used = 0;
                    }
                    let Some(column) = columns.last_mut() else {
                        break;
                    };
                    if k == 0 || column.is_empty() {
                        column.push(IndexLine::Heading(*recommendation));
                        used += 1;
                    }
                    used += lines.len();
                    column.push(IndexLine::Entry(i, lines));
                }
            }
            let width = columns.len() as f64 * (column_width + gap) + gap;
            if width <= self.sizes.width * 0.45 || font <= 9.0 * s {
                return IndexLayout {
                    font,
                    line,
                    column_width,
                    width,
                    columns,
                };
            }
            font *= 0.9;
        }
    }

    /// `text` broken between words into lines at most `max` wide (a word
    /// longer than that keeps a line to itself). Each line but the last
    /// keeps its trailing space, so the lines join back into the text.
    fn wrap(&self, text: &str, max: f64, font: f64) -> Vec<String> {
        let mut lines: Vec<String> = Vec::new();
        let mut current = String::new();
        for word in text.split_inclusive(' ') {
            let candidate = format!("{current}{word}");
            if !current.is_empty() && self.measure.width(candidate.trim_end(), font) > max {
                lines.push(std::mem::take(&mut current));
                word.clone_into(&mut current);
            } else {
                current = candidate;
            }
        }
        if !current.is_empty() || lines.is_empty() {
            lines.push(current);
        }
        lines
    }

    /// The index: "number name", quadrant by quadrant, in columns.
    fn index(&mut self, geometry: &ChartGeometry, layout: &IndexLayout, plot: ScreenRect) {
        let s = self.sizes.s;
        let gap = 24.0 * s;
        let font = layout.font;
        for (column_index, column) in layout.columns.iter().enumerate() {
            let x = plot.x + plot.w + gap + column_index as f64 * (layout.column_width + gap);
            let mut row = 0;
            for line in column {
                let y = plot.y + font + row as f64 * layout.line;
                row += line.lines();
                match line {
                    IndexLine::Heading(recommendation) => {
                        let _ = writeln!(
                            self.svg,
                            "<text class=\"index-heading\" x=\"{x:.1}\" y=\"{y:.1}\" font-size=\"{font:.1}\" font-weight=\"bold\" fill=\"{}\">{}</text>",
                            hex(recommendation_rgb(*recommendation)),
                            recommendation.label().to_uppercase()
                        );
                    }
                    IndexLine::Entry(i, lines) => {
                        let point = &geometry.points[*i];
                        let number = point.number.to_string();
                        let indent = self.measure.width(&format!("{number} "), font) * BOLD_WIDTH;
                        let mut text = String::new();
                        for (n, part) in lines.iter().enumerate() {
                            if n == 0 {
                                let rest = part.strip_prefix(&number).unwrap_or(part);
                                let _ = write!(
                                    text,
                                    "<tspan font-weight=\"bold\">{number}</tspan>{}",
                                    escape_xml(rest)
                                );
                            } else {
                                let _ = write!(
                                    text,
                                    "<tspan x=\"{:.1}\" dy=\"{:.1}\">{}</tspan>",
                                    x + indent,
                                    layout.line,
                                    escape_xml(part)
                                );
                            }
                        }
                        let _ = writeln!(
                            self.svg,
                            "<text class=\"index-entry\" data-id=\"{}\" x=\"{x:.1}\" y=\"{y:.1}\" font-size=\"{font:.1}\" fill=\"{}\" xml:space=\"preserve\">{text}</text>",
                            escape_xml(&point.id),
                            self.colors.text,
                        );
                    }
                }
            }
        }
    }

    /// The legend rows at the bottom, and what is not shown.
    fn legend(&mut self, legend: &Legend, geometry: &ChartGeometry, labels: &ChartLabels) {
        let (s, font, radius) = (self.sizes.s, self.sizes.font, self.sizes.radius);
        let colors = &self.colors;
        let svg = &mut self.svg;
        let rows = legend.rows.len().max(1) as f64;
        let mut ly = self.sizes.height - 30.0 * s - (rows - 1.0) * font * 1.5;
        let _ = geometry;
        let mut extra: Vec<(LegendMark, String, f64)> = Vec::new();
        if labels.left_out > 0 {
            let n = labels.left_out;
            let names = if n == 1 { "name" } else { "names" };
            extra.push((
                LegendMark::Note,
                format!("{n} {names} left out for lack of room: choose numbers"),
                0.0,
            ));
        }
        let last = legend.rows.len().saturating_sub(1);
        for (row_index, row) in legend.rows.iter().enumerate() {
            let mut lx = 110.0 * s;
            let tail = if row_index == last { &extra[..] } else { &[] };
            for (mark, text, width) in row.iter().chain(tail) {
                let (cx, cy) = (lx + radius, ly - font * 0.35);
                let symbol = match mark {
                    LegendMark::Zone(zone) => format!(
                        "<circle cx=\"{cx:.1}\" cy=\"{cy:.1}\" r=\"{radius:.1}\" fill=\"{}\"/>",
                        hex(zone_rgb(*zone))
                    ),
                    LegendMark::Decided => format!(
                        "<circle cx=\"{cx:.1}\" cy=\"{cy:.1}\" r=\"{radius:.1}\" fill=\"{}\"/>",
                        colors.weak
                    ),
                    LegendMark::Undecided => format!(
                        "<circle cx=\"{cx:.1}\" cy=\"{cy:.1}\" r=\"{:.1}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"{:.1}\"/>",
                        radius * 0.775,
                        colors.background,
                        colors.weak,
                        radius * 0.45
                    ),
                    LegendMark::Conflict => format!(
                        "<circle cx=\"{cx:.1}\" cy=\"{cy:.1}\" r=\"{radius:.1}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{:.1}\"/>",
                        hex(CONFLICT_RGB),
                        2.5 * s
                    ),
                    LegendMark::Overdue => format!(
                        "<circle cx=\"{cx:.1}\" cy=\"{cy:.1}\" r=\"{:.1}\" fill=\"{}\"/>",
                        radius * 0.55,
                        hex(OVERDUE_RGB)
                    ),
                    LegendMark::Shared => format!(
                        "<circle cx=\"{cx:.1}\" cy=\"{cy:.1}\" r=\"{radius:.1}\" fill=\"{}\" fill-opacity=\"0.08\" stroke=\"{}\" stroke-width=\"{:.1}\" stroke-dasharray=\"{:.1} {:.1}\"/>",
                        colors.text,
                        colors.weak,
                        1.5 * s,
                        4.0 * s,
                        3.0 * s
                    ),
                    LegendMark::Spread => format!(
                        "<line x1=\"{:.1}\" y1=\"{cy:.1}\" x2=\"{:.1}\" y2=\"{cy:.1}\" stroke=\"{}\" stroke-width=\"{:.1}\"/>",
                        lx,
                        lx + 2.0 * radius,
                        colors.weak,
                        3.0 * s
                    ),
                    LegendMark::Note => String::new(),
                };
                let text_x = if matches!(mark, LegendMark::Note) {
                    lx
                } else {
                    svg.push_str(&symbol);
                    svg.push('\n');
                    lx + 2.0 * radius + 8.0 * s
                };
                let _ = writeln!(
                    svg,
                    "<text class=\"legend\" x=\"{text_x:.1}\" y=\"{ly:.1}\" font-size=\"{font:.1}\" fill=\"{}\">{}</text>",
                    colors.text,
                    escape_xml(text)
                );
                lx += width;
            }
            ly += font * 1.5;
        }
    }
}

/// Where the text's baseline sits in its box, in font sizes from the top.
const BASELINE: f64 = 0.95;

/// An arrow from `from` to the edge of the dot at `tip`.
fn arrow(svg: &mut String, from: [f64; 2], tip: [f64; 2], radius: f64, s: f64, color: &str) {
    let (dx, dy) = (tip[0] - from[0], tip[1] - from[1]);
    let length = dx.hypot(dy);
    if length <= radius * 2.0 {
        return;
    }
    let (ux, uy) = (dx / length, dy / length);
    let end = [
        tip[0] - ux * (radius + 2.0 * s),
        tip[1] - uy * (radius + 2.0 * s),
    ];
    let head = 12.0 * s;
    let base = [end[0] - ux * head, end[1] - uy * head];
    let (nx, ny) = (-uy * head * 0.45, ux * head * 0.45);
    let _ = writeln!(
        svg,
        "<g class=\"moved\"><line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"{color}\" stroke-width=\"{:.1}\"/><polygon points=\"{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}\" fill=\"{color}\"/></g>",
        from[0],
        from[1],
        base[0],
        base[1],
        2.0 * s,
        end[0],
        end[1],
        base[0] + nx,
        base[1] + ny,
        base[0] - nx,
        base[1] - ny
    );
}

/// What a browser's tooltip says about a capability.
fn describe(point: &ChartPoint, capability: Option<&crate::model::Capability>) -> String {
    let mut text = format!(
        "{} ({}): {}, {}",
        point.name,
        point.number,
        point.zone.label(),
        point.recommendation.label()
    );
    if let Some(capability) = capability {
        let scores: Vec<String> = crate::model::Question::ALL
            .iter()
            .filter_map(|&q| {
                capability
                    .scores
                    .get(q)
                    .map(|score| format!("{} {}", q.short(), score.get()))
            })
            .collect();
        let _ = write!(text, "; {}", scores.join(", "));
    }
    let _ = write!(text, "; decision: {}", point.decision.label());
    if point.conflict {
        text.push_str("; conflict");
    }
    if point.overdue {
        text.push_str("; overdue exception");
    }
    text
}

/// The chart as a PNG image, rendered from the SVG with the bundled font,
/// and the system's fonts for characters it lacks (CJK, emoji…).
///
/// # Errors
/// An impossible size, or a rendering failure.
pub fn chart_png(
    portfolio: &Portfolio,
    today: Date,
    width: u32,
    height: u32,
    options: ChartOptions<'_>,
) -> Result<Vec<u8>, ImageError> {
    let svg = chart_svg(portfolio, today, width, height, options)?;
    let options = resvg::usvg::Options {
        font_family: FONT_FAMILY.to_owned(),
        fontdb: Arc::new(font_database(&shown_texts(portfolio))),
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

/// The portfolio's texts an image shows: its name, quarter and the names.
fn shown_texts(portfolio: &Portfolio) -> Vec<&str> {
    let mut texts = vec![portfolio.name.as_str()];
    texts.extend(portfolio.quarter.as_deref());
    texts.extend(portfolio.capabilities.iter().map(|c| c.name.as_str()));
    texts
}

/// The characters of `texts` that the bundled font cannot draw.
fn missing_from_bundled(texts: &[&str]) -> Vec<char> {
    use skrifa::MetadataProvider as _;
    let Ok(font) = skrifa::FontRef::new(FONT_REGULAR) else {
        return Vec::new();
    };
    let charmap = font.charmap();
    let mut missing: Vec<char> = texts
        .iter()
        .flat_map(|t| t.chars())
        .filter(|c| !c.is_whitespace() && !c.is_control() && charmap.map(*c).is_none())
        .collect();
    missing.sort_unstable();
    missing.dedup();
    missing
}

/// The bundled fonts, and the system's when the texts need characters the
/// bundled ones lack (loading them takes a moment, so only then).
fn font_database(texts: &[&str]) -> resvg::usvg::fontdb::Database {
    let mut fonts = resvg::usvg::fontdb::Database::new();
    fonts.load_font_data(FONT_REGULAR.to_vec());
    fonts.load_font_data(FONT_BOLD.to_vec());
    if !missing_from_bundled(texts).is_empty() {
        fonts.load_system_fonts();
    }
    fonts
}

/// The characters among `wanted` that no font in `fonts` has.
fn missing_from(fonts: &resvg::usvg::fontdb::Database, wanted: &[char]) -> Vec<char> {
    use skrifa::MetadataProvider as _;
    let mut missing: Vec<char> = wanted.to_vec();
    for face in fonts.faces() {
        if missing.is_empty() {
            break;
        }
        let found: Vec<char> = fonts
            .with_face_data(face.id, |data, index| {
                skrifa::FontRef::from_index(data, index)
                    .map(|font| {
                        let charmap = font.charmap();
                        missing
                            .iter()
                            .copied()
                            .filter(|c| charmap.map(*c).is_some())
                            .collect()
                    })
                    .unwrap_or_default()
            })
            .unwrap_or_default();
        missing.retain(|c| !found.contains(c));
    }
    missing
}

/// The capability names a PNG of `portfolio` cannot draw whole on this
/// machine: characters that neither the bundled font nor any system font
/// has (they would show as empty boxes).
#[must_use]
pub fn undrawable_names(portfolio: &Portfolio) -> Vec<String> {
    let texts = shown_texts(portfolio);
    let wanted = missing_from_bundled(&texts);
    if wanted.is_empty() {
        return Vec::new();
    }
    let missing = missing_from(&font_database(&texts), &wanted);
    texts
        .iter()
        .filter(|t| t.chars().any(|c| missing.contains(&c)))
        .map(|t| (*t).to_owned())
        .collect()
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
        let svg = chart_svg(&portfolio(), today(), 1920, 1080, ChartOptions::default()).unwrap();
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt;"));
        assert!(svg.contains("Hostile &lt;b&gt;&amp;&lt;/b&gt; &quot;names&quot;"));
        assert!(svg.contains("1 still to score, not shown"));
    }

    #[test]
    fn impossible_sizes_are_refused() {
        assert!(matches!(
            chart_svg(&portfolio(), today(), 0, 1080, ChartOptions::default()),
            Err(ImageError::Size(0, 1080))
        ));
        assert!(
            chart_png(
                &portfolio(),
                today(),
                20_000,
                100,
                ChartOptions {
                    theme: ImageTheme::Dark,
                    ..ChartOptions::default()
                }
            )
            .is_err()
        );
    }

    #[test]
    fn text_is_measured_with_the_bundled_font() {
        let measure = Measure::new();
        assert!(measure.font.is_some());
        let narrow = measure.width("iiii", 20.0);
        let wide = measure.width("WWWW", 20.0);
        assert!(wide > narrow * 2.0, "{narrow} {wide}");
    }

    #[test]
    fn names_no_font_can_draw_are_reported_and_the_rest_are_not() {
        let mut portfolio = portfolio();
        // A private-use character: no font draws it.
        portfolio
            .capabilities
            .push(Capability::new("private", "Private \u{e000} service"));
        portfolio
            .capabilities
            .push(Capability::new("accents", "Données à caractère personnel"));
        let undrawable = undrawable_names(&portfolio);
        assert_eq!(undrawable, vec!["Private \u{e000} service".to_owned()]);
    }

    #[test]
    fn the_bundled_font_lacks_cjk_so_the_system_fonts_are_asked() {
        assert_eq!(
            missing_from_bundled(&["Zahlungsverkehr é"]),
            Vec::<char>::new()
        );
        assert_eq!(missing_from_bundled(&["認証 ok"]), vec!['証', '認']);
        let mut portfolio = portfolio();
        portfolio.capabilities[0].name = "認証と署名".to_owned();
        // Renders whatever fonts this machine has.
        assert!(chart_png(&portfolio, today(), 400, 300, ChartOptions::default()).is_ok());
    }
}
