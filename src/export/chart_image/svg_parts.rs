//! The parts of an exported chart drawn after its frame: the capabilities
//! (dots, marks, labels), the index of a numbered chart and the legend.

use super::*;
use crate::export::LegendMark;

/// A label box's height, in label font sizes.
pub(super) const LINE: f64 = 1.25;

/// One line of the index beside a numbered chart.
pub(super) enum IndexLine {
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
pub(super) struct IndexLayout {
    font: f64,
    line: f64,
    column_width: f64,
    /// The whole index, with the space before it.
    pub(super) width: f64,
    columns: Vec<Vec<IndexLine>>,
}

pub(super) struct Legend {
    /// Entries by row, each with its text and width (mark included).
    pub(super) rows: Vec<Vec<(Option<LegendMark>, String, f64)>>,
}

/// The legend's entries, wrapped as whole entries into rows.
pub(super) fn legend_entries(
    geometry: &ChartGeometry,
    sizes: &Sizes,
    measure: &Measure,
    options: &ChartOptions<'_>,
) -> Legend {
    // Notes (`None`) follow the marks, with no mark of their own.
    let mut entries: Vec<(Option<LegendMark>, String)> = geometry
        .legend(|_| options.vote_spread)
        .into_iter()
        .map(|mark| (Some(mark), mark.text().to_owned()))
        .collect();
    let points = &geometry.points;
    if options.comparison.is_some() {
        entries.push((None, "→ moved since the compared quarter".into()));
    }
    if points.len() > MAX_LABELLED {
        entries.push((
            None,
            format!(
                "{} capabilities: too many to name on one chart",
                points.len()
            ),
        ));
    }
    if !geometry.to_score.is_empty() {
        let n = geometry.to_score.len();
        entries.push((None, format!("{n} still to score, not shown")));
    }
    let (s, font, radius) = (sizes.s, sizes.font, sizes.radius);
    let room = sizes.width - 110.0 * s - 40.0 * s;
    let mut rows: Vec<Vec<(Option<LegendMark>, String, f64)>> = vec![Vec::new()];
    let mut used = 0.0;
    for (mark, text) in entries {
        let mark_width = if mark.is_none() {
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
    pub(super) fn marks(
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
        if let Some(comparison) = options.comparison {
            for m in geometry.moves(comparison) {
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
            .map(|c| (c.id.as_str(), c.as_ref()))
            .collect();
        let mut bodies = Vec::new();
        for (i, point) in geometry.points.iter().enumerate() {
            let [x, y] = labels.dots[i];
            let color = hex(zone_rgb(point.zone));
            if !self.raster {
                let _ = writeln!(
                    svg,
                    "<g class=\"capability\" data-id=\"{}\">",
                    escape_xml(point.id())
                );
                let description = describe(point, capabilities.get(point.id()).copied());
                let _ = writeln!(svg, "<title>{}</title>", escape_xml(&description));
            }
            let body_start = svg.len();
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
            if point.not_ready {
                let d = (radius + 2.0 * s) * std::f64::consts::FRAC_1_SQRT_2;
                let _ = writeln!(
                    svg,
                    "<circle class=\"not-ready\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"{:.1}\" fill=\"{}\"/>",
                    x - d,
                    y + d,
                    radius * 0.55,
                    colors.text
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
            if self.raster {
                bodies.push(svg.split_off(body_start));
            } else {
                svg.push_str("</g>\n");
            }
        }
        // For pixels: each drawing once, where it was last drawn.
        let mut later = std::collections::HashSet::new();
        let last: Vec<bool> = bodies.iter().rev().map(|b| later.insert(b)).collect();
        for (body, last) in bodies.iter().zip(last.into_iter().rev()) {
            if last {
                svg.push_str(body);
            }
        }
    }

    /// How the index of a numbered chart fits beside a plot of this size:
    /// whole names, wrapped when long, in as many columns as it takes,
    /// smaller type if needed.
    pub(super) fn index_layout(&self, geometry: &ChartGeometry, plot: ScreenRect) -> IndexLayout {
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
                    let lines = self.wrap(&format!("{} {}", point.number, point.name()), cap, font);
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
    pub(super) fn wrap(&self, text: &str, max: f64, font: f64) -> Vec<String> {
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
    pub(super) fn index(
        &mut self,
        geometry: &ChartGeometry,
        layout: &IndexLayout,
        plot: ScreenRect,
    ) {
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
                            escape_xml(point.id()),
                            self.colors.text,
                        );
                    }
                }
            }
        }
    }

    /// The legend rows at the bottom, and what is not shown.
    pub(super) fn legend(
        &mut self,
        legend: &Legend,
        geometry: &ChartGeometry,
        labels: &ChartLabels,
    ) {
        let (s, font, radius) = (self.sizes.s, self.sizes.font, self.sizes.radius);
        let colors = &self.colors;
        let svg = &mut self.svg;
        let rows = legend.rows.len().max(1) as f64;
        let mut ly = self.sizes.height - 30.0 * s - (rows - 1.0) * font * 1.5;
        let _ = geometry;
        let mut extra: Vec<(Option<LegendMark>, String, f64)> = Vec::new();
        if labels.left_out > 0 {
            let n = labels.left_out;
            let names = if n == 1 { "name" } else { "names" };
            extra.push((
                None,
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
                    Some(LegendMark::Zone(zone)) => format!(
                        "<circle cx=\"{cx:.1}\" cy=\"{cy:.1}\" r=\"{radius:.1}\" fill=\"{}\"/>",
                        hex(zone_rgb(*zone))
                    ),
                    Some(LegendMark::Decided) => format!(
                        "<circle cx=\"{cx:.1}\" cy=\"{cy:.1}\" r=\"{radius:.1}\" fill=\"{}\"/>",
                        colors.weak
                    ),
                    Some(LegendMark::Undecided) => format!(
                        "<circle cx=\"{cx:.1}\" cy=\"{cy:.1}\" r=\"{:.1}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"{:.1}\"/>",
                        radius * 0.775,
                        colors.background,
                        colors.weak,
                        radius * 0.45
                    ),
                    Some(LegendMark::Conflict) => format!(
                        "<circle cx=\"{cx:.1}\" cy=\"{cy:.1}\" r=\"{radius:.1}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{:.1}\"/>",
                        hex(CONFLICT_RGB),
                        2.5 * s
                    ),
                    Some(LegendMark::Overdue) => format!(
                        "<circle cx=\"{cx:.1}\" cy=\"{cy:.1}\" r=\"{:.1}\" fill=\"{}\"/>",
                        radius * 0.55,
                        hex(OVERDUE_RGB)
                    ),
                    Some(LegendMark::NotReady) => format!(
                        "<circle cx=\"{cx:.1}\" cy=\"{cy:.1}\" r=\"{:.1}\" fill=\"{}\"/>",
                        radius * 0.55,
                        colors.text
                    ),
                    Some(LegendMark::Shared) => format!(
                        "<circle cx=\"{cx:.1}\" cy=\"{cy:.1}\" r=\"{radius:.1}\" fill=\"{}\" fill-opacity=\"0.08\" stroke=\"{}\" stroke-width=\"{:.1}\" stroke-dasharray=\"{:.1} {:.1}\"/>",
                        colors.text,
                        colors.weak,
                        1.5 * s,
                        4.0 * s,
                        3.0 * s
                    ),
                    Some(LegendMark::Spread) => format!(
                        "<line x1=\"{:.1}\" y1=\"{cy:.1}\" x2=\"{:.1}\" y2=\"{cy:.1}\" stroke=\"{}\" stroke-width=\"{:.1}\"/>",
                        lx,
                        lx + 2.0 * radius,
                        colors.weak,
                        3.0 * s
                    ),
                    None => String::new(),
                };
                let text_x = if mark.is_none() {
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
        point.name(),
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
    if point.not_ready {
        text.push_str("; platform not ready");
    }
    text
}

#[cfg(test)]
mod tests;
