//! The live quadrant chart: every scored capability as a point coloured by
//! zone, in shaded, named quadrants; hover for details, click to select.

use eframe::egui::{self, Align2, FontId, RichText, Stroke, Ui, Vec2};
use egui_plot::{
    HLine, Line, MarkerShape, Plot, PlotBounds, PlotPoint, Points, Polygon, Text, VLine,
};

use super::{CONFLICT_COLOR, OVERDUE_COLOR, PanelContext, recommendation_color, zone_color};
use crate::app::Command;
use crate::export::{
    AXIS_MAX, AXIS_MIN, ChartGeometry, ChartPoint, LabelPlacement, LabelRoom, ScreenRect,
    X_AXIS_TITLE, Y_AXIS_TITLE, place_labels,
};
use crate::model::{Zone, format_against};

/// How close (in points) the pointer must be to a dot to hover or click it.
const PICK_DISTANCE: f32 = 14.0;
/// Beyond this many points, only the selected capability is labelled: a
/// wall of names helps nobody.
const MAX_LABELS: usize = 300;

/// Sizes of the chart's parts, so presentation mode can scale them up.
#[derive(Clone, Copy, Debug)]
pub struct ChartStyle {
    /// Radius of a dot.
    pub marker_radius: f32,
    /// Label text size.
    pub label_size: f32,
    /// Quadrant title size.
    pub quadrant_title_size: f32,
}

impl Default for ChartStyle {
    fn default() -> Self {
        Self {
            marker_radius: 6.0,
            label_size: 13.0,
            quadrant_title_size: 18.0,
        }
    }
}

/// Draws the chart of `geometry` with the capabilities still to score
/// beside it.
pub fn chart_panel_ui(ui: &mut Ui, cx: &mut PanelContext<'_>, geometry: &ChartGeometry) {
    egui::Panel::bottom("to_score")
        .resizable(false)
        .show(ui, |ui| {
            legend_ui(ui);
            to_score_ui(ui, cx, geometry);
        });
    egui::CentralPanel::default().show(ui, |ui| {
        chart_ui(ui, cx, geometry, ChartStyle::default());
    });
}

/// What the colours and rings mean.
fn legend_ui(ui: &mut Ui) {
    ui.horizontal_wrapped(|ui| {
        for zone in [
            Zone::Commodity,
            Zone::Differentiator,
            Zone::RegulatedControl,
            Zone::Unplaced,
        ] {
            let (dot, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
            ui.painter()
                .circle_filled(dot.center(), 5.0, zone_color(zone));
            ui.label(zone.label());
        }
        let (ring, _) = ui.allocate_exact_size(egui::vec2(14.0, 14.0), egui::Sense::hover());
        ui.painter()
            .circle_stroke(ring.center(), 6.0, Stroke::new(1.5, CONFLICT_COLOR));
        ui.label("conflict");
        let (dot, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
        ui.painter().circle_filled(dot.center(), 3.5, OVERDUE_COLOR);
        ui.label("overdue exception");
    });
}

/// Capabilities that are not on the chart because a score is missing.
fn to_score_ui(ui: &mut Ui, cx: &mut PanelContext<'_>, geometry: &ChartGeometry) {
    ui.horizontal_wrapped(|ui| {
        let heading = format!("To score ({}):", geometry.to_score.len());
        ui.label(RichText::new(heading).strong())
            .on_hover_text("Not on the chart until all four questions are answered.");
        if cx.portfolio.capabilities.is_empty() {
            ui.label(RichText::new("no capabilities yet: Ctrl+Enter adds one").weak());
        } else if geometry.to_score.is_empty() {
            ui.label(RichText::new("every capability is scored").weak());
        }
        for (id, name) in &geometry.to_score {
            if ui.selectable_label(cx.is_selected(id), name).clicked() {
                cx.send(Command::Select(Some(id.clone())));
            }
        }
    });
}

/// The plot itself; also used full screen when presenting.
pub fn chart_ui(
    ui: &mut Ui,
    cx: &mut PanelContext<'_>,
    geometry: &ChartGeometry,
    style: ChartStyle,
) {
    let text_color = ui.visuals().text_color();
    let strong = ui.visuals().strong_text_color();
    let background = ui.visuals().extreme_bg_color;
    let selected = cx.view.selected.clone();
    let plot = Plot::new("quadrant_chart")
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_crosshair(false)
        .set_margin_fraction(Vec2::ZERO)
        .default_x_bounds(AXIS_MIN, AXIS_MAX)
        .default_y_bounds(AXIS_MIN, AXIS_MAX)
        .x_axis_label(X_AXIS_TITLE)
        .y_axis_label(Y_AXIS_TITLE)
        .x_grid_spacer(egui_plot::uniform_grid_spacer(|_| [1.0, 1.0, 1.0]))
        .y_grid_spacer(egui_plot::uniform_grid_spacer(|_| [1.0, 1.0, 1.0]))
        .x_axis_formatter(integer_ticks)
        .y_axis_formatter(integer_ticks)
        .label_formatter(|_| None)
        .show_background(true);

    let response = plot.show(ui, |plot_ui| {
        plot_ui.set_plot_bounds(PlotBounds::from_min_max(
            [AXIS_MIN, AXIS_MIN],
            [AXIS_MAX, AXIS_MAX],
        ));
        let frame_width = plot_ui.transform().frame().width();
        let used_frame = *plot_ui.transform().frame();
        let mut title_boxes = Vec::new();
        for area in &geometry.quadrants {
            let color = recommendation_color(area.recommendation);
            // Shrink the title when the quadrant is narrow, so titles of
            // neighbouring quadrants never run into each other.
            let quadrant_px =
                frame_width * ((area.max[0] - area.min[0]) / (AXIS_MAX - AXIS_MIN)) as f32;
            let title = area.recommendation.label().to_uppercase();
            let fitting = (quadrant_px - 16.0) / (title.len() as f32 * 0.72);
            let title_size = style.quadrant_title_size.min(fitting).max(8.0);
            let [x0, y0] = area.min;
            let [x1, y1] = area.max;
            plot_ui.polygon(
                Polygon::new(
                    area.recommendation.label(),
                    vec![[x0, y0], [x1, y0], [x1, y1], [x0, y1]],
                )
                .fill_color(color.gamma_multiply(0.13))
                .stroke(Stroke::NONE)
                .allow_hover(false),
            );
            // The quadrant's name in its outer corner.
            let (x, anchor_x) = if x0 <= AXIS_MIN {
                (x0 + 0.08, 0)
            } else {
                (x1 - 0.08, 2)
            };
            let (y, anchor_y) = if y1 >= AXIS_MAX {
                (y1 - 0.06, 0)
            } else {
                (y0 + 0.06, 2)
            };
            let anchor = match (anchor_x, anchor_y) {
                (0, 0) => Align2::LEFT_TOP,
                (0, _) => Align2::LEFT_BOTTOM,
                (_, 0) => Align2::RIGHT_TOP,
                _ => Align2::RIGHT_BOTTOM,
            };
            let title_anchor = plot_ui
                .transform()
                .position_from_point(&PlotPoint::new(x, y));
            let title_width = f64::from(title_size) * 0.72 * title.len() as f64;
            let title_height = f64::from(title_size) * 1.3;
            let left = match anchor_x {
                0 => f64::from(title_anchor.x),
                _ => f64::from(title_anchor.x) - title_width,
            };
            let top = match anchor_y {
                0 => f64::from(title_anchor.y),
                _ => f64::from(title_anchor.y) - title_height,
            };
            title_boxes.push(ScreenRect {
                x: left,
                y: top,
                w: title_width,
                h: title_height,
            });
            plot_ui.text(
                Text::new(
                    area.recommendation.label(),
                    PlotPoint::new(x, y),
                    RichText::new(title).size(title_size).strong().color(color),
                )
                .anchor(anchor)
                .allow_hover(false),
            );
        }
        let divider = Stroke::new(1.5, text_color.gamma_multiply(0.6));
        plot_ui.add(
            HLine::new("threshold", geometry.threshold)
                .stroke(divider)
                .allow_hover(false),
        );
        plot_ui.add(
            VLine::new("threshold", geometry.threshold)
                .stroke(divider)
                .allow_hover(false),
        );

        // Whiskers: how far apart the room's votes were.
        for point in &geometry.points {
            let whisker = |from: [f64; 2], to: [f64; 2]| {
                Line::new("spread", vec![from, to])
                    .color(zone_color(point.zone).gamma_multiply(0.8))
                    .width(2.5)
                    .allow_hover(false)
            };
            if let Some((low, high)) = point.differentiation_spread {
                plot_ui.line(whisker([low, point.y], [high, point.y]));
            }
            if let Some((low, high)) = point.pull_spread {
                plot_ui.line(whisker([point.x, low], [point.x, high]));
            }
        }
        // Arrows from last quarter's position to this one.
        if let Some(baseline) = cx.baseline {
            let moves = geometry.moves_from(baseline);
            if !moves.is_empty() {
                let origins: Vec<[f64; 2]> = moves.iter().map(|m| m.from).collect();
                let tips: Vec<[f64; 2]> = moves.iter().map(|m| m.to).collect();
                plot_ui.add(
                    egui_plot::Arrows::new("moved since last quarter", origins, tips)
                        .color(strong.gamma_multiply(0.7))
                        .tip_length(12.0)
                        .allow_hover(false),
                );
            }
        }
        // Thin lines from spread dots back to their true, shared position.
        for point in geometry.points.iter().filter(|p| p.shared_with > 1) {
            plot_ui.line(
                Line::new(
                    "",
                    vec![[point.differentiation, point.pull], [point.x, point.y]],
                )
                .color(text_color.gamma_multiply(0.35))
                .width(1.0)
                .allow_hover(false),
            );
        }
        for zone in Zone::ALL {
            let positions: Vec<[f64; 2]> = geometry
                .points
                .iter()
                .filter(|p| p.zone == zone)
                .map(|p| [p.x, p.y])
                .collect();
            if positions.is_empty() {
                continue;
            }
            plot_ui.points(
                Points::new(zone.label(), positions)
                    .color(zone_color(zone))
                    .radius(style.marker_radius)
                    .shape(MarkerShape::Circle)
                    .filled(true)
                    .allow_hover(false),
            );
        }
        let conflicted: Vec<[f64; 2]> = geometry
            .points
            .iter()
            .filter(|p| p.conflict)
            .map(|p| [p.x, p.y])
            .collect();
        if !conflicted.is_empty() {
            plot_ui.points(
                Points::new("conflict", conflicted)
                    .color(CONFLICT_COLOR)
                    .radius(style.marker_radius + 3.0)
                    .filled(false)
                    .allow_hover(false),
            );
        }
        // An amber dot at the upper right of capabilities with an overdue
        // exception, as the clock on their cards.
        let transform_now = *plot_ui.transform();
        let overdue: Vec<[f64; 2]> = geometry
            .points
            .iter()
            .filter(|p| p.overdue)
            .map(|p| {
                let offset = style.marker_radius + 3.0;
                let screen = transform_now.position_from_point(&PlotPoint::new(p.x, p.y))
                    + egui::vec2(offset, -offset);
                let value = transform_now.value_from_position(screen);
                [value.x, value.y]
            })
            .collect();
        if !overdue.is_empty() {
            plot_ui.points(
                Points::new("overdue exception", overdue)
                    .color(OVERDUE_COLOR)
                    .radius(style.marker_radius * 0.55)
                    .filled(true)
                    .allow_hover(false),
            );
        }
        if let Some(point) = selected
            .as_deref()
            .and_then(|id| geometry.points.iter().find(|p| p.id == id))
        {
            plot_ui.points(
                Points::new("selected", vec![[point.x, point.y]])
                    .color(strong)
                    .radius(style.marker_radius + 6.0)
                    .filled(false)
                    .allow_hover(false),
            );
        }

        // Labels, placed in screen space so none overlaps another.
        let transform = *plot_ui.transform();
        let frame = transform.frame();
        let area = ScreenRect {
            x: f64::from(frame.left()),
            y: f64::from(frame.top()),
            w: f64::from(frame.width()),
            h: f64::from(frame.height()),
        };
        let font = FontId::proportional(style.label_size);
        let labelled: Vec<&ChartPoint> = ordered_for_labels(&geometry.points, selected.as_deref());
        let ctx = plot_ui.ctx().clone();
        let mut anchors = Vec::with_capacity(labelled.len());
        let mut sizes = Vec::with_capacity(labelled.len());
        for point in &labelled {
            let screen = transform.position_from_point(&PlotPoint::new(point.x, point.y));
            anchors.push([f64::from(screen.x), f64::from(screen.y)]);
            let size = ctx.fonts_mut(|f| {
                f.layout_no_wrap(point.name.clone(), font.clone(), text_color)
                    .size()
            });
            sizes.push([f64::from(size.x) + 4.0, f64::from(size.y)]);
        }
        let homes: Vec<ScreenRect> = labelled
            .iter()
            .map(|point| {
                geometry.home_of(point, |x, y| {
                    let screen = transform.position_from_point(&PlotPoint::new(x, y));
                    [f64::from(screen.x), f64::from(screen.y)]
                })
            })
            .collect();
        let room = LabelRoom {
            area,
            obstacles: &title_boxes,
            homes: &homes,
        };
        let placements = cached_placements(&plot_ui.ctx().clone(), &anchors, &sizes, style, room);
        for (point, placement) in labelled.iter().zip(&placements) {
            let r = placement.rect;
            let top_left = transform.value_from_position(egui::pos2(r.x as f32 + 2.0, r.y as f32));
            if placement.leader {
                let centre = transform.value_from_position(egui::pos2(
                    (r.x + r.w / 2.0) as f32,
                    (r.y + r.h / 2.0) as f32,
                ));
                plot_ui.line(
                    Line::new("", vec![[point.x, point.y], [centre.x, centre.y]])
                        .color(text_color.gamma_multiply(0.4))
                        .width(1.0)
                        .allow_hover(false),
                );
            }
            let is_selected = selected.as_deref() == Some(point.id.as_str());
            let mut text = RichText::new(&point.name)
                .size(style.label_size)
                .color(if is_selected { strong } else { text_color });
            if is_selected {
                text = text.strong().background_color(background);
            }
            plot_ui.text(
                Text::new(&point.name, top_left, text)
                    .anchor(Align2::LEFT_TOP)
                    .allow_hover(false),
            );
        }
        used_frame
    });
    ui.ctx()
        .data_mut(|d| d.insert_temp(transform_id(), response.transform));
    // egui_plot hands the closure last frame's transform; after a resize the
    // labels were placed for the old size, so lay them out once more.
    if response.inner != *response.transform.frame() {
        ui.ctx().request_repaint();
    }

    // Hover and click: the nearest dot within reach.
    let transform = response.transform;
    let hovered = response.response.hover_pos().and_then(|pointer| {
        geometry
            .points
            .iter()
            .map(|p| {
                let screen = transform.position_from_point(&PlotPoint::new(p.x, p.y));
                (p, screen.distance(pointer))
            })
            .filter(|(_, d)| *d <= PICK_DISTANCE)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(p, _)| p)
    });
    if let Some(point) = hovered {
        let threshold = geometry.threshold;
        response.response.clone().on_hover_ui_at_pointer(|ui| {
            ui.label(RichText::new(&point.name).strong());
            ui.label(format!("{} · {}", point.zone, point.recommendation));
            ui.label(format!(
                "Pull {} · differentiation {}",
                format_against(point.pull, threshold),
                format_against(point.differentiation, threshold)
            ));
            if point.shared_with > 1 {
                ui.label(format!(
                    "{} capabilities share these scores",
                    point.shared_with
                ));
            }
            if point.conflict {
                ui.colored_label(CONFLICT_COLOR, "Conflict: see the inspector");
            }
        });
        if response.response.clicked() {
            cx.send(Command::Select(Some(point.id.clone())));
        }
    }
}

/// Where the chart keeps its last screen transform, so tests and tools can
/// find a capability's dot on screen.
#[must_use]
pub fn transform_id() -> egui::Id {
    egui::Id::unique("capmap quadrant chart transform")
}

/// Label placement is the costly part of a chart frame; its result only
/// changes when a dot, a label or the plot moves, so it is kept between
/// frames and recomputed only then.
fn cached_placements(
    ctx: &egui::Context,
    anchors: &[[f64; 2]],
    sizes: &[[f64; 2]],
    style: ChartStyle,
    room: LabelRoom<'_>,
) -> Vec<LabelPlacement> {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    let mut feed = |values: &[f64]| values.iter().for_each(|v| v.to_bits().hash(&mut hasher));
    for [x, y] in anchors.iter().chain(sizes) {
        feed(&[*x, *y]);
    }
    for r in std::iter::once(&room.area)
        .chain(room.obstacles)
        .chain(room.homes)
    {
        feed(&[r.x, r.y, r.w, r.h]);
    }
    feed(&[f64::from(style.marker_radius)]);
    let key = hasher.finish();
    let id = egui::Id::unique("capmap chart label placement");
    if let Some((cached_key, placements)) =
        ctx.data(|d| d.get_temp::<(u64, Vec<LabelPlacement>)>(id))
        && cached_key == key
    {
        return placements;
    }
    let placements = place_labels(anchors, sizes, f64::from(style.marker_radius) + 2.0, room);
    ctx.data_mut(|d| d.insert_temp(id, (key, placements.clone())));
    placements
}

/// Labels are placed in this order: the selected one first, then the rest in
/// portfolio order. Past `MAX_LABELS` only the selected one is labelled.
fn ordered_for_labels<'a>(points: &'a [ChartPoint], selected: Option<&str>) -> Vec<&'a ChartPoint> {
    let first = points.iter().filter(|p| Some(p.id.as_str()) == selected);
    if points.len() > MAX_LABELS {
        return first.collect();
    }
    first
        .chain(points.iter().filter(|p| Some(p.id.as_str()) != selected))
        .collect()
}

fn integer_ticks(mark: egui_plot::GridMark, _range: &std::ops::RangeInclusive<f64>) -> String {
    let value = mark.value;
    if (1.0..=5.0).contains(&value) && (value - value.round()).abs() < 1e-6 {
        format!("{value:.0}")
    } else {
        String::new()
    }
}
