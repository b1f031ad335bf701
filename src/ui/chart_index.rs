//! The index beside a numbered chart: "number name", quadrant by quadrant
//! in reading order, sized to fit the wall and drawn only where it shows.

use std::sync::Arc;

use eframe::egui::{self, Color32, FontId, Galley, RichText, Ui};

use super::chart::ChartStyle;
use super::kept_mesh::KeptGalleys;
use super::{PanelContext, recommendation_color};
use crate::export::ChartGeometry;
use crate::ui::command::Command;

/// The index beside a numbered chart: "number name", quadrant by quadrant
/// in reading order; a click selects.
pub fn index_ui(
    ui: &mut Ui,
    cx: &mut PanelContext<'_>,
    geometry: &ChartGeometry,
    style: ChartStyle,
) {
    let groups = geometry.index();
    // The whole index in view when it can be (on the wall nobody scrolls):
    // smaller type, down to three fifths, for a long one. How tall it runs
    // is measured, wrapped names and all, and the type shrinks until it
    // fits; it starts again from full size when the room or the list
    // changes.
    ui.spacing_mut().button_padding.y = 0.0;
    ui.spacing_mut().interact_size.y = 0.0;
    let fit_id = egui::Id::unique("capmap chart index size");
    let room = ui.available_size();
    let key = (
        room.x.to_bits(),
        room.y.to_bits(),
        geometry.points.len(),
        style.label_size.to_bits(),
    );
    let (_, mut size, last_height) = ui
        .ctx()
        .data(|d| d.get_temp::<((u32, u32, usize, u32), f32, f32)>(fit_id))
        .filter(|(k, _, _)| *k == key)
        .unwrap_or((key, style.label_size, 0.0));
    if last_height > room.y + 0.5 && size > style.label_size * 0.6 {
        // Height runs about in proportion to the type size; a little under,
        // so one more try is rarely needed.
        size = (size * room.y / last_height - 0.25).max(style.label_size * 0.6);
        ui.ctx().request_discard("the chart index did not fit");
    }
    // Bring the selected entry into view when the selection changes.
    let seen_id = egui::Id::unique("capmap chart index selection");
    let selection = cx.view.selected.clone();
    let changed = ui.ctx().data_mut(|d| {
        let seen = d.get_temp_mut_or_default::<Option<String>>(seen_id);
        let changed = *seen != selection;
        seen.clone_from(&selection);
        changed
    });
    // Rows out of view are only space, at the height they had when last
    // drawn: a long index costs what shows of it.
    let heights_id = egui::Id::unique("capmap chart index heights");
    // Good for this size of type, this width and this list.
    let drawn_for = (size.to_bits(), room.x.to_bits(), geometry.points.len());
    let known: Vec<f32> = ui
        .ctx()
        .data(|d| d.get_temp::<((u32, u32, usize), Vec<f32>)>(heights_id))
        .filter(|(for_what, _)| *for_what == drawn_for)
        .map(|(_, heights)| heights)
        .unwrap_or_default();
    let mut heights = Vec::with_capacity(known.len());
    // Numbers right-aligned in a column as wide as the largest: the names
    // line up.
    let largest = geometry.points.iter().map(|p| p.number).max().unwrap_or(0);
    let number_column = number_galley(ui.ctx(), largest, size).size().x;
    egui::ScrollArea::vertical()
        .id_salt("chart index")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let width = ui.available_width();
            let hidden = |ui: &Ui, row: usize| {
                known.get(row).copied().filter(|h| {
                    let top = ui.cursor().top();
                    let clip = ui.clip_rect();
                    top + h < clip.top() || top > clip.bottom()
                })
            };
            let mut row = 0;
            for (recommendation, members) in groups {
                if let Some(h) = hidden(ui, row) {
                    ui.allocate_space(egui::vec2(width, h));
                    heights.push(h);
                } else {
                    let response = ui.label(
                        RichText::new(recommendation.label().to_uppercase())
                            .size(size)
                            .strong()
                            .color(recommendation_color(recommendation)),
                    );
                    heights.push(response.rect.height());
                }
                row += 1;
                for i in members {
                    let point = &geometry.points[i];
                    let selected = cx.is_selected(point.id());
                    if let Some(h) = hidden(ui, row) {
                        let (_, rect) = ui.allocate_space(egui::vec2(width, h));
                        if selected && changed {
                            ui.scroll_to_rect(rect, None);
                        }
                        heights.push(h);
                        row += 1;
                        continue;
                    }
                    let response = entry_ui(
                        ui,
                        (point.number, number_column),
                        point.name(),
                        size,
                        selected,
                    );
                    heights.push(response.rect.height());
                    row += 1;
                    if selected && changed {
                        response.scroll_to_me(None);
                    }
                    if response.clicked() {
                        cx.send(Command::Select(Some(point.id().to_owned())));
                    }
                }
            }
            let height = ui.min_rect().height();
            ui.ctx()
                .data_mut(|d| d.insert_temp(fit_id, (key, size, height)));
        });
    ui.ctx()
        .data_mut(|d| d.insert_temp(heights_id, (drawn_for, heights)));
}

/// The store the index's texts are kept in across frames.
const KEPT_TEXTS: &str = "capmap chart index texts";

/// `number` at `size`, uncoloured (coloured when drawn).
fn number_galley(ctx: &egui::Context, number: usize, size: f32) -> Arc<Galley> {
    let font = FontId::proportional(size);
    KeptGalleys::get(ctx, KEPT_TEXTS, egui::util::hash((&font, number)), || {
        ctx.fonts_mut(|f| f.layout_no_wrap(number.to_string(), font.clone(), Color32::PLACEHOLDER))
    })
}

/// One entry of the index: its number, right-aligned in a column
/// `number.1` wide, and beside it the name, wrapped under itself;
/// selectable like a button (a click, or Space with the focus), read as
/// "number  name". Drawn from texts kept across frames rather than as an
/// egui button: forty visible buttons were a quarter of a frame at 200
/// capabilities, and an edit that renumbered the chart shaped every entry
/// again.
fn entry_ui(
    ui: &mut Ui,
    (number, column): (usize, f32),
    name: &str,
    size: f32,
    selected: bool,
) -> egui::Response {
    let ctx = ui.ctx().clone();
    let font = FontId::proportional(size);
    let padding = ui.spacing().button_padding;
    let width = ui.available_width();
    let number_galley = number_galley(&ctx, number, size);
    let gap = ctx.fonts_mut(|f| 2.0 * f.glyph_width(&font, ' '));
    let column = column.max(number_galley.size().x);
    let name_width = (width - 2.0 * padding.x - column - gap).max(1.0);
    let name_galley: Arc<Galley> = KeptGalleys::get(
        &ctx,
        KEPT_TEXTS,
        egui::util::hash((&font, name, name_width.to_bits())),
        || {
            let job = egui::text::LayoutJob::simple(
                name.to_owned(),
                font.clone(),
                Color32::PLACEHOLDER,
                name_width,
            );
            ctx.fonts_mut(|f| f.layout_job(job))
        },
    );
    let height = number_galley.size().y.max(name_galley.size().y) + 2.0 * padding.y;
    let (rect, response) = ui.allocate_exact_size(egui::vec2(width, height), egui::Sense::click());
    response.widget_info(|| {
        egui::WidgetInfo::selected(
            egui::Role::Button,
            ui.is_enabled(),
            selected,
            format!("{number}  {name}"),
        )
    });
    if ui.is_rect_visible(rect) {
        let visuals = ui.style().interact_selectable(&response, selected);
        let framed = selected
            || response.hovered()
            || response.has_focus()
            || response.is_pointer_button_down_on();
        if framed {
            ui.painter().rect(
                rect.expand(visuals.expansion),
                visuals.corner_radius,
                visuals.weak_bg_fill,
                visuals.bg_stroke,
                egui::StrokeKind::Inside,
            );
        }
        let color = visuals.text_color();
        let top_left = rect.min + padding;
        let right_aligned = column - number_galley.size().x;
        ui.painter().galley(
            top_left + egui::vec2(right_aligned, 0.0),
            number_galley,
            color,
        );
        let beside = top_left + egui::vec2(column + gap, 0.0);
        ui.painter().galley(beside, name_galley, color);
    }
    response
}
