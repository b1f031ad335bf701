//! The zone board: four columns of capability cards, sorted by dragging, by
//! the right-click menu or by keyboard.
//!
//! On the wall ([`presentation_board_ui`]) a column with more cards than
//! fit shrinks its cards, down to one line each, and when even that is too
//! long it scrolls to the capability being presented.

use eframe::egui::{
    self, CornerRadius, DragAndDrop, Id, Rect, Sense, Stroke, StrokeKind, Ui, vec2,
};

use super::card::{CARD_CORNER, CardLook, ONE_ROW_CARD_HEIGHT};
use super::{PanelContext, zone_color};
use crate::export::plural;
use crate::model::{Capability, Decision, Edit, Zone, assess, conflicts_for, locate};
use crate::ui::command::Command;
use crate::ui::command::zone_key;

/// The height of one card; fixed so long columns lay out only what shows.
pub const CARD_HEIGHT: f32 = 62.0;
const CARD_GAP: f32 = 6.0;
/// The gap between cards shrunk to fit a column.
const FITTED_CARD_GAP: f32 = 4.0;

/// How a column deals with more cards than it has room for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Overflow {
    /// Full-size cards; the column scrolls.
    Scroll,
    /// Smaller cards first, then scrolling that follows the selection.
    Fit,
}

/// What is carried while a card is dragged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CardDrag {
    /// The capability being moved.
    pub id: String,
}

/// Draws the board.
pub fn board_ui(ui: &mut Ui, cx: &mut PanelContext<'_>) {
    // Narrower than four readable columns (a small or zoomed-in window,
    // where the chart keeps its share): the board scrolls sideways, like
    // a kanban board, rather than cutting a column off.
    let mut area = egui::ScrollArea::horizontal()
        .id_salt("board columns")
        // The panel's whole width: shrunk to its content, the board would
        // narrow itself frame after frame.
        .auto_shrink([false, false]);
    // A card selected by the keyboard or on the chart brings its column
    // into view.
    let id = Id::unique("capmap board followed across");
    let selected = cx.view.selected.clone();
    if ui.data(|d| d.get_temp::<Option<String>>(id)) != Some(selected.clone()) {
        ui.data_mut(|d| d.insert_temp(id, selected.clone()));
        let zone = selected
            .as_deref()
            .and_then(|id| cx.portfolio.capability(id))
            .map(|c| c.zone);
        if let Some(index) = zone.and_then(|z| Zone::ALL.iter().position(|&a| a == z)) {
            let view = ui.available_width();
            let width = column_width(view);
            let right = (index as f32 + 1.0) * (width + COLUMN_GAP) - COLUMN_GAP;
            area = area.horizontal_scroll_offset((right - view).max(0.0));
        }
    }
    area.show(ui, |ui| columns_ui(ui, cx, Overflow::Scroll));
}

/// Space between board columns.
const COLUMN_GAP: f32 = 8.0;

/// A column's width on a board `available` points wide: four side by side,
/// never narrower than 90 (the board then scrolls sideways). A point is
/// spared: rounding must not make a board that fits scroll.
fn column_width(available: f32) -> f32 {
    let columns = Zone::ALL.len() as f32;
    ((available - 1.0 - COLUMN_GAP * (columns - 1.0)) / columns).max(90.0)
}

/// Draws the board for the wall: every card of a column shows at once
/// when it can, and the presented capability always does.
pub fn presentation_board_ui(ui: &mut Ui, cx: &mut PanelContext<'_>) {
    columns_ui(ui, cx, Overflow::Fit);
}

fn columns_ui(ui: &mut Ui, cx: &mut PanelContext<'_>, overflow: Overflow) {
    let gap = COLUMN_GAP;
    let width = column_width(ui.available_width());
    let height = ui.available_height();
    ui.horizontal_top(|ui| {
        ui.spacing_mut().item_spacing.x = gap;
        for zone in Zone::ALL {
            ui.allocate_ui_with_layout(
                vec2(width, height),
                egui::Layout::top_down(egui::Align::Min),
                |ui| column_ui(ui, cx, zone, width, overflow),
            );
        }
    });
}

fn column_ui(ui: &mut Ui, cx: &mut PanelContext<'_>, zone: Zone, width: f32, overflow: Overflow) {
    let cards: Vec<&Capability> = cx
        .portfolio
        .capabilities
        .iter()
        .filter(|c| c.zone == zone)
        .map(AsRef::as_ref)
        .collect();
    let key = format!("{:?}", zone_key(zone));
    let dragging = DragAndDrop::payload::<CardDrag>(ui.ctx());
    let frame = egui::Frame::new()
        .fill(ui.visuals().faint_bg_color)
        .stroke(Stroke::new(
            1.0,
            ui.visuals().widgets.noninteractive.bg_stroke.color,
        ))
        .corner_radius(6.0)
        .inner_margin(6.0);
    // Frame margins (6 + 6) and stroke (1 + 1): the column never grows the panel.
    let inner_width = width - 14.0;
    let mut card_rects: Vec<(Rect, String)> = Vec::new();
    let response = frame
        .show(ui, |ui| {
            ui.set_width(inner_width);
            ui.set_min_height(ui.available_height());
            let header = ui
                .horizontal(|ui| {
                    ui.spacing_mut().item_spacing.x = 4.0;
                    let (stripe, _) = ui.allocate_exact_size(vec2(4.0, 16.0), Sense::hover());
                    ui.painter().rect_filled(stripe, 2.0, zone_color(zone));
                    super::widgets::kept_label(
                        ui,
                        egui::RichText::new(cards.len().to_string()).weak(),
                    );
                    let name = if inner_width < 150.0 {
                        zone.short_label()
                    } else {
                        zone.label()
                    };
                    ui.add(egui::Label::new(egui::RichText::new(name).strong()).truncate());
                })
                .response;
            header.on_hover_text(format!(
                "{}: {}. Press {key} to move the selected card here.",
                zone.label(),
                plural(cards.len(), "capability", "capabilities")
            ));
            ui.add_space(4.0);
            let (card_height, gap) = match overflow {
                Overflow::Scroll => (CARD_HEIGHT, CARD_GAP),
                Overflow::Fit => fitted_card_height(ui.available_height(), cards.len()),
            };
            // A card selected by the keyboard (or on the chart) scrolls into
            // view, down its column and across a board that scrolls sideways.
            let follow = newly_selected_row(ui, cx, zone, &cards);
            // `show_rows` places rows by this ui's spacing: it must be the
            // gap the cards are laid out with, or the last card ends up
            // below the end of the scrolled range.
            ui.spacing_mut().item_spacing.y = gap;
            egui::ScrollArea::vertical()
                .id_salt(("column", zone))
                .auto_shrink([false, false])
                .show_rows(ui, card_height, cards.len(), |ui, range| {
                    if let Some(row) = follow {
                        // Rows outside `range` are not laid out: work out
                        // where the row is and scroll there.
                        let step = card_height + gap;
                        let top = ui.max_rect().top() + (row as f32 - range.start as f32) * step;
                        let rect = Rect::from_min_size(
                            egui::pos2(ui.max_rect().left(), top),
                            vec2(inner_width, card_height),
                        );
                        ui.scroll_to_rect(rect, None);
                    }
                    for capability in &cards[range] {
                        let rect = card_ui(ui, cx, capability, inner_width, card_height);
                        card_rects.push((rect, capability.id.clone()));
                    }
                });
        })
        .response;

    // Dropping a card: highlight the column and show where it will land.
    if dragging.is_none() {
        return;
    }
    let pointer = ui.ctx().pointer_interact_pos();
    let Some(pointer) = pointer.filter(|p| response.rect.contains(*p)) else {
        return;
    };
    let (before, line_y) = landing(&card_rects, pointer.y, response.rect);
    let stroke = Stroke::new(2.0, ui.visuals().selection.stroke.color);
    ui.painter()
        .rect_stroke(response.rect, 6.0, stroke, StrokeKind::Inside);
    ui.painter().hline(
        response.rect.x_range().shrink(6.0),
        line_y,
        Stroke::new(3.0, ui.visuals().selection.stroke.color),
    );
    if let Some(released) = response.dnd_release_payload::<CardDrag>() {
        cx.send(Command::MoveCard {
            id: released.id.clone(),
            zone,
            before,
        });
    }
}

/// Where a card dropped at height `y` lands in a column whose cards are
/// `cards` (top to bottom): in front of the first card whose middle is
/// below the pointer (`None`: at the end), and the height of the line that
/// shows it.
fn landing(cards: &[(Rect, String)], y: f32, column: Rect) -> (Option<String>, f32) {
    match cards.iter().find(|(rect, _)| y < rect.center().y) {
        Some((rect, id)) => (Some(id.clone()), rect.top() - CARD_GAP / 2.0),
        None => (
            None,
            cards
                .last()
                .map_or(column.top() + 40.0, |(r, _)| r.bottom() + CARD_GAP / 2.0),
        ),
    }
}

/// The card height and gap that fit `count` cards into `height`: full
/// cards when they fit, smaller ones when not, but never below one line.
fn fitted_card_height(height: f32, count: usize) -> (f32, f32) {
    if count == 0 {
        return (CARD_HEIGHT, CARD_GAP);
    }
    let n = count as f32;
    if n * CARD_HEIGHT + (n - 1.0) * CARD_GAP <= height {
        return (CARD_HEIGHT, CARD_GAP);
    }
    let fitted = ((height - (n - 1.0) * FITTED_CARD_GAP) / n).floor();
    (
        fitted.clamp(ONE_ROW_CARD_HEIGHT, CARD_HEIGHT),
        FITTED_CARD_GAP,
    )
}

/// The row of the selected card in this column when the selection changed
/// since this column last looked (the presenter stepped to it); the column
/// scrolls there once and then leaves the scrolling to the user.
fn newly_selected_row(
    ui: &Ui,
    cx: &PanelContext<'_>,
    zone: Zone,
    cards: &[&Capability],
) -> Option<usize> {
    let id = Id::unique(("capmap board column followed", zone));
    let selected = cx.view.selected.clone();
    let before: Option<Option<String>> = ui.data(|d| d.get_temp(id));
    if before.as_ref() == Some(&selected) {
        return None;
    }
    ui.data_mut(|d| d.insert_temp(id, selected.clone()));
    let selected = selected?;
    cards.iter().position(|c| c.id == selected)
}

/// Draws one card and handles its clicks, drags and context menu. Returns
/// its rectangle.
fn card_ui(
    ui: &mut Ui,
    cx: &mut PanelContext<'_>,
    capability: &Capability,
    width: f32,
    height: f32,
) -> Rect {
    let (rect, response) = ui.allocate_exact_size(vec2(width, height), Sense::click_and_drag());
    let response = response.on_hover_cursor(egui::CursorIcon::Grab);
    let selected = cx.is_selected(&capability.id);
    response.widget_info(|| {
        egui::WidgetInfo::selected(
            egui::Role::Button,
            true,
            selected,
            card_label(capability, cx),
        )
    });
    let response = if response.hovered() && !response.dragged() {
        response.on_hover_text(card_tooltip(capability, cx))
    } else {
        response
    };
    if response.drag_started() {
        DragAndDrop::set_payload(
            ui.ctx(),
            CardDrag {
                id: capability.id.clone(),
            },
        );
        cx.send(Command::Select(Some(capability.id.clone())));
    }
    // A right-click selects too, as in a file manager: the menu acts on
    // the card the room sees selected.
    if response.clicked() || response.secondary_clicked() {
        cx.send(Command::Select(Some(capability.id.clone())));
    }
    response.context_menu(|ui| {
        ui.label(egui::RichText::new(&capability.name).strong());
        ui.separator();
        ui.label("Move to…");
        for zone in Zone::ALL {
            let button = egui::Button::new(zone.label())
                .shortcut_text(zone_key(zone).name())
                .selected(zone == capability.zone);
            // Its own zone again changes nothing (not even its place).
            if ui.add(button).clicked() {
                cx.edit(Edit::MoveToZone {
                    id: capability.id.clone(),
                    zone,
                });
                ui.close();
            }
        }
        ui.separator();
        if ui.button("Delete capability").clicked() {
            cx.send(Command::Select(Some(capability.id.clone())));
            cx.send(Command::DeleteCapability);
            ui.close();
        }
    });

    if ui.is_rect_visible(rect) {
        if response.dragged() {
            // Leave a faint gap where the card was; draw the card under the
            // pointer on top of everything.
            ui.painter().rect_stroke(
                rect,
                CornerRadius::same(CARD_CORNER),
                Stroke::new(1.0, ui.visuals().weak_text_color()),
                StrokeKind::Inside,
            );
            if let Some(pointer) = ui.ctx().pointer_interact_pos() {
                let layer = egui::LayerId::new(egui::Order::Tooltip, Id::unique("dragged card"));
                let painter = ui.ctx().layer_painter(layer);
                let ghost = Rect::from_center_size(pointer, rect.size());
                CardLook::of(ui.visuals(), capability, cx, ghost, true).paint(&painter);
            }
        } else {
            CardLook::of(ui.visuals(), capability, cx, rect, selected)
                .paint_kept(ui.painter(), &capability.id);
        }
    }
    rect
}

/// How assistive technology (and UI tests) name a card, saying what the
/// badge shows: "Secrets management (Regulated control, decided
/// Orchestrate, recommended Orchestrate)" or "Logging (Commodity,
/// undecided, recommended Orchestrate)".
#[must_use]
pub fn card_label(capability: &Capability, cx: &PanelContext<'_>) -> String {
    let recommendation = locate(capability, &cx.portfolio.scoring).map_or_else(
        || "to score".to_owned(),
        |a| format!("recommended {}", a.recommendation),
    );
    let decision = match capability.decision {
        Decision::Undecided => "undecided".to_owned(),
        decided => format!("decided {decided}"),
    };
    format!(
        "{} ({}, {decision}, {recommendation})",
        capability.name, capability.zone
    )
}

/// What a card's markers mean, for its tooltip.
fn card_tooltip(capability: &Capability, cx: &PanelContext<'_>) -> String {
    let mut lines = vec![capability.name.clone()];
    lines.push(match capability.decision {
        Decision::Undecided => "Not decided yet.".to_owned(),
        decided => format!("Decided: {decided}"),
    });
    match assess(capability, &cx.portfolio.scoring) {
        Some(a) => {
            lines.push(format!("{}: {}", a.recommendation, a.reason));
            lines.extend(
                conflicts_for(capability, a.recommendation)
                    .iter()
                    .map(|c| format!("Conflict: {c}")),
            );
        }
        None => lines.push("To score: not every question is answered yet.".to_owned()),
    }
    let overdue = capability.overdue_exceptions(cx.today).count();
    if overdue > 0 {
        let exceptions = plural(overdue, "exception", "exceptions");
        lines.push(format!("{exceptions} past their review date"));
    }
    let quarter = cx.portfolio.quarter.as_deref();
    if capability.review_overdue(quarter, cx.today)
        && let Some(due) = capability.review_date(quarter)
    {
        lines.push(format!("The decision was due for review on {due}"));
    }
    if crate::model::is_shadow_tooling(capability, cx.today) {
        lines.push(
            "Shadow tooling: teams still run copies after the migration's target quarter"
                .to_owned(),
        );
    }
    if capability.duplication() > 0 {
        let teams: Vec<&str> = capability
            .duplicated_by
            .iter()
            .map(|t| cx.portfolio.team_name(t))
            .collect();
        lines.push(format!("Run separately by {}", teams.join(", ")));
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn four_columns_fit_a_wide_board_and_a_narrow_one_scrolls() {
        let width = column_width(800.0);
        assert!(
            4.0 * width + 3.0 * COLUMN_GAP <= 800.0,
            "fits without scrolling"
        );
        assert!(width > 180.0);
        assert!(
            (column_width(200.0) - 90.0).abs() < f32::EPSILON,
            "never narrower"
        );
    }

    #[test]
    fn cards_shrink_to_fit_a_column_but_never_below_one_line() {
        assert_eq!(fitted_card_height(1000.0, 3), (CARD_HEIGHT, CARD_GAP));
        let (height, gap) = fitted_card_height(300.0, 10);
        assert!((ONE_ROW_CARD_HEIGHT..CARD_HEIGHT).contains(&height));
        assert!(10.0 * height + 9.0 * gap <= 300.0, "all ten fit");
        let (least, _) = fitted_card_height(100.0, 200);
        assert!(
            (least - ONE_ROW_CARD_HEIGHT).abs() < f32::EPSILON,
            "one line at least"
        );
    }

    #[test]
    fn a_dropped_card_lands_in_front_of_the_card_under_the_pointer() {
        let column = Rect::from_min_size(egui::pos2(0.0, 0.0), egui::vec2(200.0, 600.0));
        let card = |top: f32, id: &str| {
            (
                Rect::from_min_size(egui::pos2(0.0, top), egui::vec2(200.0, 40.0)),
                id.to_owned(),
            )
        };
        let cards = [card(10.0, "a"), card(60.0, "b")];
        // Above the middle of "b": in front of it, the line between the two.
        let (before, line) = landing(&cards, 75.0, column);
        assert_eq!(before.as_deref(), Some("b"));
        assert!((line - (60.0 - CARD_GAP / 2.0)).abs() < 0.01);
        // Below the middle of the last card: at the end, under it.
        let (before, line) = landing(&cards, 95.0, column);
        assert_eq!(before, None);
        assert!((line - (100.0 + CARD_GAP / 2.0)).abs() < 0.01);
        // An empty column: at the top.
        assert_eq!(landing(&[], 300.0, column), (None, 40.0));
    }
}
