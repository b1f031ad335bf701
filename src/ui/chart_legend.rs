//! Below the chart: what its colours and marks mean, and the capabilities
//! not on it yet because a score is missing.

use eframe::egui::{self, RichText, Stroke, Ui};

use super::{CONFLICT_COLOR, ChartView, OVERDUE_COLOR, PanelContext, zone_color};
use crate::export::{ChartGeometry, ChartPoint, LegendMark};
use crate::ui::command::Command;

/// How many names the "to score" strip shows at once.
const TO_SCORE_SHOWN: usize = 12;

/// What the colours, rings and marks mean. Each entry keeps its mark and
/// its words together when the legend wraps.
pub fn legend_ui(ui: &mut Ui, geometry: &ChartGeometry, view: ChartView, selected: Option<&str>) {
    let entry = |ui: &mut Ui, text: &str, paint: &dyn Fn(&egui::Painter, egui::Pos2)| {
        // Mark and words go to the next row together.
        let font = egui::TextStyle::Body.resolve(ui.style());
        let words = ui
            .ctx()
            .fonts_mut(|f| f.layout_no_wrap(text.to_owned(), font, egui::Color32::WHITE))
            .size()
            .x;
        if ui.available_size_before_wrap().x < 14.0 + 4.0 + words + ui.spacing().item_spacing.x {
            ui.end_row();
        }
        ui.horizontal(|ui| {
            ui.spacing_mut().item_spacing.x = 4.0;
            let (mark, _) = ui.allocate_exact_size(egui::vec2(14.0, 14.0), egui::Sense::hover());
            paint(ui.painter(), mark.center());
            ui.label(text);
        });
    };
    let background = ui.visuals().extreme_bg_color;
    let weak = ui.visuals().weak_text_color();
    let text_color = ui.visuals().strong_text_color();
    ui.horizontal_wrapped(|ui| {
        let spread_drawn = |p: &ChartPoint| view.vote_spread || selected == Some(p.id());
        for mark in geometry.legend(spread_drawn) {
            entry(ui, mark.text(), &|p, c| match mark {
                LegendMark::Zone(zone) => {
                    p.circle_filled(c, 5.0, zone_color(zone));
                }
                LegendMark::Decided => {
                    p.circle_filled(c, 5.0, weak);
                }
                LegendMark::Undecided => {
                    p.circle_filled(c, 5.0, weak);
                    p.circle_filled(c, 2.5, background);
                }
                LegendMark::Conflict => {
                    p.circle_stroke(c, 6.0, Stroke::new(1.5, CONFLICT_COLOR));
                }
                LegendMark::Overdue => {
                    p.circle_filled(c, 3.5, OVERDUE_COLOR);
                }
                LegendMark::NotReady => {
                    p.circle_filled(c, 3.5, text_color);
                }
                LegendMark::Shared => {
                    p.circle_filled(c, 6.0, weak.gamma_multiply(0.2));
                    p.circle_stroke(c, 6.0, Stroke::new(1.0, weak));
                }
                LegendMark::Spread => {
                    p.line_segment(
                        [c - egui::vec2(7.0, 0.0), c + egui::vec2(7.0, 0.0)],
                        Stroke::new(2.5, weak),
                    );
                }
            });
        }
    });
}

/// Capabilities that are not on the chart because a score is missing.
pub fn to_score_ui(ui: &mut Ui, cx: &mut PanelContext<'_>, geometry: &ChartGeometry) {
    ui.horizontal_wrapped(|ui| {
        let heading = format!("To score ({}):", geometry.to_score.len());
        ui.label(RichText::new(heading).strong())
            .on_hover_text("Not on the chart until all four questions are answered.");
        if cx.portfolio.capabilities.is_empty() {
            ui.label(RichText::new("no capabilities yet: Ctrl+Enter adds one").weak());
        } else if geometry.to_score.is_empty() {
            ui.label(RichText::new("every capability is scored").weak());
        }
        // The selected one stays in view, so the facilitator sees where
        // they are while stepping through a long list.
        let selected_at = geometry
            .to_score
            .iter()
            .position(|c| cx.is_selected(&c.id))
            .unwrap_or(0);
        let first = selected_at.saturating_sub(TO_SCORE_SHOWN / 2);
        let first = first.min(geometry.to_score.len().saturating_sub(TO_SCORE_SHOWN));
        if first > 0 {
            ui.label(RichText::new(format!("{first} before…")).weak());
        }
        for capability in geometry.to_score.iter().skip(first).take(TO_SCORE_SHOWN) {
            let (id, name) = (&capability.id, &capability.name);
            // A name goes to the next row whole.
            let font = egui::TextStyle::Button.resolve(ui.style());
            let width = ui
                .ctx()
                .fonts_mut(|f| f.layout_no_wrap(name.clone(), font, egui::Color32::WHITE))
                .size()
                .x
                + 2.0 * ui.spacing().button_padding.x;
            if ui.available_size_before_wrap().x < width {
                ui.end_row();
            }
            if ui.selectable_label(cx.is_selected(id), name).clicked() {
                cx.send(Command::Select(Some(id.clone())));
            }
        }
        let after = geometry
            .to_score
            .len()
            .saturating_sub(first + TO_SCORE_SHOWN);
        if after > 0 {
            ui.label(RichText::new(format!("…and {after} more")).weak())
                .on_hover_text("The board lists every capability.");
        }
    });
}
