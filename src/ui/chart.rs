//! The live quadrant chart: every scored capability as a point coloured by
//! zone, in shaded, named quadrants; hover for details, click to select.

use eframe::egui::{self, Align2, Pos2, RichText, Stroke, Ui, Vec2};
use egui_plot::{HLine, Plot, PlotBounds, PlotPoint, Polygon, Text, VLine};

use super::chart_index::index_ui;
use super::chart_legend::{legend_ui, to_score_ui};
use super::chart_marks::{MarkColors, MarkScene, paint_marks};
use super::{CONFLICT_COLOR, PanelContext, recommendation_color};
use crate::export::{
    AXIS_MAX, AXIS_MIN, ChartGeometry, QuadrantArea, QuadrantSummary, ScreenRect, X_AXIS_TITLE,
    Y_AXIS_TITLE, describe_point,
};
use crate::model::format_against;
use crate::ui::command::Command;

/// How close (in points) the pointer must be to a dot to hover or click it.
const PICK_DISTANCE: f32 = 14.0;

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
    let area = ui.max_rect();
    ui.ctx().data_mut(|d| d.insert_temp(area_id(), area));
    // Only the wall hides the pointer at rest.
    ui.ctx()
        .data_mut(|d| d.remove_temp::<bool>(super::presentation::resting_id()));
    egui::Panel::bottom("to_score")
        .resizable(false)
        .show(ui, |ui| {
            legend_ui(ui, geometry, cx.chart, cx.view.selected.as_deref());
            to_score_ui(ui, cx, geometry);
            // The chart in words, for whoever cannot see it.
            super::widgets::sentence(
                ui,
                &format!("Quadrants: {}", QuadrantSummary::of(geometry, 5).text()),
            );
        });
    egui::CentralPanel::default().show(ui, |ui| {
        chart_ui(ui, cx, geometry, ChartStyle::default());
    });
}

/// Whether the chart was numbered when last drawn: the index beside it is
/// laid out before the plot, from this.
fn numbered_id() -> egui::Id {
    egui::Id::unique("capmap chart numbered")
}

/// The plot, with the index beside it when the chart is numbered; also
/// used full screen when presenting.
pub fn chart_ui(
    ui: &mut Ui,
    cx: &mut PanelContext<'_>,
    geometry: &ChartGeometry,
    style: ChartStyle,
) {
    let numbered = ui
        .ctx()
        .data(|d| d.get_temp::<bool>(numbered_id()))
        .unwrap_or(false);
    let before = ui.available_width();
    if numbered {
        let width = (ui.available_width() * 0.3).clamp(140.0, style.label_size * 24.0);
        egui::Panel::right("chart_index")
            .resizable(false)
            .exact_size(width)
            .show(ui, |ui| index_ui(ui, cx, geometry, style));
    }
    // What the index takes from the plot: names are tried at the plot's
    // width without it, so a chart numbered once goes back to names as
    // soon as they would fit again.
    let index_width = before - ui.available_width();
    let (labels, names_fit) = plot_ui(ui, cx, geometry, style, index_width);
    // Should the probe and the real layout ever disagree at one width, the
    // chart would flip every frame: after two flips at one width it stays
    // numbered until the width changes.
    let flips_id = egui::Id::unique("capmap chart label flips");
    let (flip_width, flips) = ui
        .ctx()
        .data(|d| d.get_temp::<(u32, u32)>(flips_id))
        .unwrap_or_default();
    let flips = if flip_width == before.to_bits() {
        flips
    } else {
        0
    };
    let numbered_now = labels.numbered && (!names_fit || flips >= 2);
    if numbered_now != numbered {
        ui.ctx()
            .data_mut(|d| d.insert_temp(flips_id, (before.to_bits(), flips + 1)));
        // The index comes or goes: lay the frame out again at once rather
        // than show it without for a frame.
        ui.ctx()
            .data_mut(|d| d.insert_temp(numbered_id(), numbered_now));
        ui.ctx()
            .request_discard("the chart switched between names and numbers");
    }
}

/// The plot and its marks; returns the label layout drawn, and whether
/// names would all fit were the plot `index_width` wider.
fn plot_ui(
    ui: &mut Ui,
    cx: &mut PanelContext<'_>,
    geometry: &ChartGeometry,
    style: ChartStyle,
    index_width: f32,
) -> (std::sync::Arc<crate::export::ChartLabels>, bool) {
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
        // Axes of a fixed thickness (room for the ticks and a title on two
        // lines): left to themselves they measure last frame's, and a
        // narrow plot then swaps between two sizes frame after frame.
        .custom_x_axes(vec![
            egui_plot::AxisHints::new_x()
                .label(X_AXIS_TITLE)
                .formatter(integer_ticks)
                .min_thickness(3.4 * style.label_size),
        ])
        .y_axis_label(Y_AXIS_TITLE)
        .y_axis_min_width(3.0 * style.label_size)
        .x_grid_spacer(egui_plot::uniform_grid_spacer(|_| [1.0, 1.0, 1.0]))
        .y_grid_spacer(egui_plot::uniform_grid_spacer(|_| [1.0, 1.0, 1.0]))
        .y_axis_formatter(integer_ticks)
        .label_formatter(|_| None)
        .show_background(true);

    // Titles are measured with the font they are drawn in, so names keep
    // clear of the title itself, not of a guess at its size.
    let ctx = ui.ctx().clone();
    let measure = move |text: &str, size: f32| -> Vec2 {
        let font = egui::FontId::proportional(size);
        ctx.fonts_mut(|f| f.layout_no_wrap(text.to_owned(), font, egui::Color32::WHITE))
            .size()
    };
    let response = plot.show(ui, |plot_ui| {
        plot_ui.set_plot_bounds(PlotBounds::from_min_max(
            [AXIS_MIN, AXIS_MIN],
            [AXIS_MAX, AXIS_MAX],
        ));
        let used_frame = *plot_ui.transform().frame();
        let frame_width = used_frame.width();
        for area in &geometry.quadrants {
            let color = recommendation_color(area.recommendation);
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
            let title = QuadrantTitle::of(area, &geometry.quadrants, frame_width, style, &measure);
            plot_ui.text(
                Text::new(
                    area.recommendation.label(),
                    title.at,
                    RichText::new(title.text)
                        .size(title.size)
                        .strong()
                        .color(color),
                )
                .anchor(title.anchor)
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
        // Arrows from last quarter's position to this one.
        if let Some(comparison) = cx.comparison {
            let moves = geometry.moves(comparison);
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
        used_frame
    });
    // egui_plot hands the closure last frame's transform: after a resize the
    // quadrant titles were sized for the old width, so draw once more.
    if response.inner != *response.transform.frame() {
        ui.ctx().request_repaint();
    }
    // The marks are drawn with this frame's transform (the plot's closure
    // gets last frame's), so after a resize they are right at once.
    let transform = response.transform;
    ui.ctx()
        .data_mut(|d| d.insert_temp(transform_id(), transform));
    let titles = |transform: &egui_plot::PlotTransform| -> Vec<ScreenRect> {
        let frame_width = transform.frame().width();
        geometry
            .quadrants
            .iter()
            .map(|area| {
                QuadrantTitle::of(area, &geometry.quadrants, frame_width, style, &measure)
                    .screen_box(transform)
            })
            .collect()
    };
    let title_boxes = titles(&transform);
    // The plot as it would be without the index, and its titles.
    let frame = *transform.frame();
    let wider = egui_plot::PlotTransform::new(
        egui::Rect::from_min_max(frame.min, frame.max + egui::vec2(index_width, 0.0)),
        *transform.bounds(),
        false,
    );
    let wider_titles = titles(&wider);
    let (labels, names_fit) = paint_marks(
        ui,
        geometry,
        MarkScene {
            transform: &transform,
            style,
            selected: selected.as_deref(),
            colors: MarkColors {
                text: text_color,
                strong,
                background,
            },
            title_boxes: &title_boxes,
            labels: cx.chart.labels,
            vote_spread: cx.chart.vote_spread,
            without_index: (index_width > 0.0).then_some((&wider, &wider_titles[..])),
        },
    );

    // Hover and click: the nearest dot within reach, and every dot
    // stacked on the same spot.
    let resting = super::presentation::pointer_resting(ui.ctx());
    let hovered: Vec<usize> = response
        .response
        .hover_pos()
        .filter(|_| !resting)
        .and_then(|pointer| {
            let distance = |i: usize| {
                labels.dots.get(i).map_or(f32::INFINITY, |&[x, y]| {
                    Pos2::new(x as f32, y as f32).distance(pointer)
                })
            };
            let nearest = (0..geometry.points.len())
                .filter(|&i| distance(i) <= PICK_DISTANCE)
                .min_by(|&a, &b| distance(a).total_cmp(&distance(b)))?;
            let at = labels.dots[nearest];
            Some(
                (0..geometry.points.len())
                    .filter(|&i| {
                        let [x, y] = labels.dots[i];
                        (x - at[0]).abs() < 0.5 && (y - at[1]).abs() < 0.5
                    })
                    .collect(),
            )
        })
        .unwrap_or_default();
    if let Some(&first) = hovered.first() {
        let threshold = geometry.threshold;
        response.response.clone().on_hover_ui_at_pointer(|ui| {
            for &i in &hovered {
                let point = &geometry.points[i];
                let name = if labels.numbered {
                    format!("{}  {}", point.number, point.name())
                } else {
                    point.name().to_owned()
                };
                ui.label(RichText::new(name).strong());
                if hovered.len() > 1 {
                    continue;
                }
                ui.label(format!("{} · {}", point.zone, point.recommendation));
                ui.label(format!(
                    "Pull {} · differentiation {}",
                    format_against(point.pull, threshold),
                    format_against(point.differentiation, threshold)
                ));
                ui.label(format!("Decision: {}", point.decision.label()));
                if point.shared_with > 1 {
                    ui.label(format!(
                        "{} capabilities share these scores",
                        point.shared_with
                    ));
                }
                if point.conflict {
                    ui.colored_label(CONFLICT_COLOR, "Conflict: see the inspector");
                }
            }
            if hovered.len() > 1 {
                let point = &geometry.points[first];
                ui.label(format!(
                    "{} · pull {} · differentiation {}",
                    point.recommendation,
                    format_against(point.pull, threshold),
                    format_against(point.differentiation, threshold)
                ));
                ui.weak("These share their scores. Click again for the next.");
            }
        });
        if response.response.clicked() {
            // On a stack, each click selects the next one.
            let current = hovered
                .iter()
                .position(|&i| cx.is_selected(geometry.points[i].id()));
            let next = current.map_or(first, |k| hovered[(k + 1) % hovered.len()]);
            cx.send(Command::Select(Some(geometry.points[next].id().to_owned())));
        }
    }
    keyboard_and_screen_reader(ui, cx, geometry, &response.response, &labels);
    (labels, names_fit)
}

/// The id of the chart as one focusable widget: with it focused, the arrow
/// keys walk the dots by position and Enter opens the selected one.
#[must_use]
pub fn focus_id() -> egui::Id {
    egui::Id::unique("capmap chart focus")
}

/// The chart as a widget a keyboard can focus (Tab, or a click on it),
/// with a ring while focused; and, when a screen reader listens, one
/// accessible node per dot with its name, zone, scores, recommendation
/// and decision.
fn keyboard_and_screen_reader(
    ui: &mut Ui,
    cx: &mut PanelContext<'_>,
    geometry: &ChartGeometry,
    plot: &egui::Response,
    labels: &crate::export::ChartLabels,
) {
    let id = focus_id();
    let chart = ui.interact(plot.rect, id, egui::Sense::focusable_noninteractive());
    if plot.clicked() {
        ui.memory_mut(|m| m.request_focus(id));
    }
    let selected = cx.view.selected.as_deref();
    chart.widget_info(|| {
        let summary = QuadrantSummary::of(geometry, 5).text();
        let mut info = egui::WidgetInfo::labeled(
            egui::Role::ListBox,
            true,
            format!("Quadrant chart. {summary} Arrow keys move between dots, Enter opens one."),
        );
        info.current_text_value = selected
            .and_then(|id| geometry.points.iter().find(|p| p.id() == id))
            .map(describe_point);
        info
    });
    if chart.has_focus() {
        // The arrows move the selection, not the focus to a neighbour.
        ui.memory_mut(|m| {
            m.set_focus_lock_filter(
                id,
                egui::EventFilter {
                    horizontal_arrows: true,
                    vertical_arrows: true,
                    ..Default::default()
                },
            );
        });
        ui.painter().rect_stroke(
            plot.rect,
            2.0,
            ui.visuals().selection.stroke,
            egui::StrokeKind::Inside,
        );
        if ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Enter))
            && cx.view.selected.is_some()
        {
            cx.send(Command::EditName);
        }
    }
    // Per-dot nodes cost a widget each: only while a screen reader (or a
    // test) reads the tree.
    if !ui.ctx().has_accesskit_node(id) {
        return;
    }
    for (point, &[x, y]) in geometry.points.iter().zip(&labels.dots) {
        let at = Pos2::new(x as f32, y as f32);
        let dot = egui::Rect::from_center_size(at, Vec2::splat(14.0));
        let response = ui.interact(dot, id.with(point.id()), egui::Sense::hover());
        let is_selected = cx.is_selected(point.id());
        response.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::ListBoxOption, true, describe_point(point))
        });
        ui.ctx()
            .accesskit_node_builder(response.id, |node| node.set_selected(is_selected));
    }
}

/// A quadrant's name, in its outer corner.
struct QuadrantTitle {
    text: String,
    size: f32,
    /// The text's measured size on screen, in points.
    extent: Vec2,
    at: PlotPoint,
    anchor: Align2,
}

impl QuadrantTitle {
    fn of(
        area: &QuadrantArea,
        all: &[QuadrantArea],
        frame_width: f32,
        style: ChartStyle,
        measure: &dyn Fn(&str, f32) -> Vec2,
    ) -> Self {
        // Shrink the titles when a quadrant is narrow, so titles of
        // neighbouring quadrants never run into each other; all four the
        // same size, so none looks more important.
        let fitting = all
            .iter()
            .map(|q| {
                let quadrant_px =
                    frame_width * ((q.max[0] - q.min[0]) / (AXIS_MAX - AXIS_MIN)) as f32;
                // Measured at full size: glyphs at 1 pt round badly.
                let full = style.quadrant_title_size;
                let unit = measure(&q.recommendation.label().to_uppercase(), full).x / full;
                (quadrant_px - 16.0) / unit.max(f32::EPSILON)
            })
            .fold(f32::INFINITY, f32::min);
        let text = area.recommendation.label().to_uppercase();
        let size = style.quadrant_title_size.min(fitting).max(8.0);
        let extent = measure(&text, size);
        let [x0, y0] = area.min;
        let [x1, y1] = area.max;
        // Beside the vertical divider, not in the outer corners: the outer
        // top-left corner is where capabilities crowd (high pull, little
        // differentiation), and names need it more than titles do.
        let (x, left) = if x0 <= AXIS_MIN {
            (x1 - 0.08, false)
        } else {
            (x0 + 0.08, true)
        };
        let (y, top) = if y1 >= AXIS_MAX {
            (y1 - 0.06, true)
        } else {
            (y0 + 0.06, false)
        };
        let anchor = match (left, top) {
            (true, true) => Align2::LEFT_TOP,
            (true, false) => Align2::LEFT_BOTTOM,
            (false, true) => Align2::RIGHT_TOP,
            (false, false) => Align2::RIGHT_BOTTOM,
        };
        Self {
            text,
            size,
            extent,
            at: PlotPoint::new(x, y),
            anchor,
        }
    }

    /// Roughly where the title sits on screen, for labels to keep clear of.
    fn screen_box(&self, transform: &egui_plot::PlotTransform) -> ScreenRect {
        let anchor = transform.position_from_point(&self.at);
        let w = f64::from(self.extent.x);
        let h = f64::from(self.extent.y);
        let x = if self.anchor.x() == egui::Align::Min {
            f64::from(anchor.x)
        } else {
            f64::from(anchor.x) - w
        };
        let y = if self.anchor.y() == egui::Align::Min {
            f64::from(anchor.y)
        } else {
            f64::from(anchor.y) - h
        };
        ScreenRect { x, y, w, h }
    }
}

/// Where the chart panel keeps the area it was given last frame (plot,
/// axes, index, legend), so tests and tools can see how much room it has.
#[must_use]
pub fn area_id() -> egui::Id {
    egui::Id::unique("capmap chart panel area")
}

/// Where the chart keeps its last screen transform, so tests and tools can
/// find a capability's dot on screen.
#[must_use]
pub fn transform_id() -> egui::Id {
    egui::Id::unique("capmap quadrant chart transform")
}

fn integer_ticks(mark: egui_plot::GridMark, _range: &std::ops::RangeInclusive<f64>) -> String {
    let value = mark.value;
    if (1.0..=5.0).contains(&value) && (value - value.round()).abs() < 1e-6 {
        format!("{value:.0}")
    } else {
        String::new()
    }
}
