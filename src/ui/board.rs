//! The zone board: four columns of capability cards, sorted by dragging, by
//! the right-click menu or by keyboard.

use eframe::egui::{
    self, CornerRadius, DragAndDrop, Id, Rect, Sense, Stroke, StrokeKind, Ui, vec2,
};

use super::card::{CARD_CORNER, CardLook};
use super::{PanelContext, zone_color};
use crate::app::Command;
use crate::app::zone_key;
use crate::model::{Capability, Zone, assess, conflicts_for, locate};

/// The height of one card; fixed so long columns lay out only what shows.
pub const CARD_HEIGHT: f32 = 62.0;
const CARD_GAP: f32 = 6.0;

/// What is carried while a card is dragged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CardDrag {
    /// The capability being moved.
    pub id: String,
}

/// The ids of the capabilities in `zone`, in board order.
#[must_use]
pub fn column(capabilities: &[Capability], zone: Zone) -> Vec<&str> {
    capabilities
        .iter()
        .filter(|c| c.zone == zone)
        .map(|c| c.id.as_str())
        .collect()
}

/// Draws the board.
pub fn board_ui(ui: &mut Ui, cx: &mut PanelContext<'_>) {
    let columns = Zone::ALL.len() as f32;
    let gap = 8.0;
    let width = ((ui.available_width() - gap * (columns - 1.0)) / columns).max(90.0);
    let height = ui.available_height();
    ui.horizontal_top(|ui| {
        ui.spacing_mut().item_spacing.x = gap;
        for zone in Zone::ALL {
            ui.allocate_ui_with_layout(
                vec2(width, height),
                egui::Layout::top_down(egui::Align::Min),
                |ui| column_ui(ui, cx, zone, width),
            );
        }
    });
}

fn column_ui(ui: &mut Ui, cx: &mut PanelContext<'_>, zone: Zone, width: f32) {
    let cards: Vec<&Capability> = cx
        .portfolio
        .capabilities
        .iter()
        .filter(|c| c.zone == zone)
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
                    ui.label(egui::RichText::new(cards.len().to_string()).weak());
                    let name = if inner_width < 150.0 {
                        zone.short_label()
                    } else {
                        zone.label()
                    };
                    ui.add(egui::Label::new(egui::RichText::new(name).strong()).truncate());
                })
                .response;
            header.on_hover_text(format!(
                "{}: {} capabilities. Press {key} to move the selected card here.",
                zone.label(),
                cards.len()
            ));
            ui.add_space(4.0);
            egui::ScrollArea::vertical()
                .id_salt(("column", zone))
                .auto_shrink([false, false])
                .show_rows(ui, CARD_HEIGHT, cards.len(), |ui, range| {
                    ui.spacing_mut().item_spacing.y = CARD_GAP;
                    for capability in &cards[range] {
                        let rect = card_ui(ui, cx, capability, inner_width);
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
    let before = card_rects
        .iter()
        .find(|(rect, _)| pointer.y < rect.center().y)
        .map(|(_, id)| id.clone());
    let stroke = Stroke::new(2.0, ui.visuals().selection.stroke.color);
    ui.painter()
        .rect_stroke(response.rect, 6.0, stroke, StrokeKind::Inside);
    let line_y = match &before {
        Some(id) => card_rects
            .iter()
            .find(|(_, i)| i == id)
            .map_or(response.rect.bottom(), |(r, _)| r.top() - CARD_GAP / 2.0),
        None => card_rects
            .last()
            .map_or(response.rect.top() + 40.0, |(r, _)| {
                r.bottom() + CARD_GAP / 2.0
            }),
    };
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

/// Draws one card and handles its clicks, drags and context menu. Returns
/// its rectangle.
fn card_ui(ui: &mut Ui, cx: &mut PanelContext<'_>, capability: &Capability, width: f32) -> Rect {
    let (rect, response) =
        ui.allocate_exact_size(vec2(width, CARD_HEIGHT), Sense::click_and_drag());
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
    if response.clicked() {
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
            if ui.add(button).clicked() {
                cx.send(Command::MoveCard {
                    id: capability.id.clone(),
                    zone,
                    before: None,
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

/// How assistive technology (and UI tests) name a card:
/// "Secrets management (Regulated control, Orchestrate)".
#[must_use]
pub fn card_label(capability: &Capability, cx: &PanelContext<'_>) -> String {
    let recommendation =
        locate(capability, &cx.portfolio.scoring).map_or("to score", |a| a.recommendation.label());
    format!(
        "{} ({}, {recommendation})",
        capability.name, capability.zone
    )
}

/// What a card's markers mean, for its tooltip.
fn card_tooltip(capability: &Capability, cx: &PanelContext<'_>) -> String {
    let mut lines = vec![capability.name.clone()];
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
        lines.push(format!("{overdue} exception(s) past their review date"));
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
