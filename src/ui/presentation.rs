//! Presentation mode: the chart (or the board, or the primer) full screen
//! with large type and no editing chrome; the facilitator steps through the
//! capabilities one at a time.

use eframe::egui::{self, RichText, Ui};

use super::board::board_ui;
use super::chart::{ChartStyle, chart_ui};
use super::primer::primer_ui;
use super::widgets::badge;
use super::{CONFLICT_COLOR, PanelContext, recommendation_color, zone_color};
use crate::export::ChartGeometry;
use crate::model::{Capability, Question, assess, conflicts_for, format_against};

/// What is on the wall.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PresentView {
    /// The quadrant chart.
    #[default]
    Chart,
    /// The zone board.
    Board,
    /// The framework primer.
    Primer,
}

/// The unzoomed width at which presentation text is drawn 1:1; wider
/// screens scale everything up, so 1920 pixels gives body text of 25 px
/// (egui body text is 13 points).
pub const PRESENTATION_BASE_WIDTH: f32 = 1000.0;

/// Draws presentation mode.
pub fn presentation_ui(
    ui: &mut Ui,
    cx: &mut PanelContext<'_>,
    geometry: &ChartGeometry,
    view: PresentView,
) {
    let portfolio = cx.portfolio;
    let current = cx
        .view
        .selected
        .as_deref()
        .and_then(|id| portfolio.capability(id));
    egui::Panel::top("presentation_header").show(ui, |ui| {
        ui.horizontal(|ui| {
            let title = match &portfolio.quarter {
                Some(quarter) => format!("{} · {quarter}", portfolio.name),
                None => portfolio.name.clone(),
            };
            ui.label(RichText::new(title).strong());
            if let Some(capability) = current
                && let Some(index) = portfolio
                    .capabilities
                    .iter()
                    .position(|c| c.id == capability.id)
            {
                ui.label(
                    RichText::new(format!("{} of {}", index + 1, portfolio.capabilities.len()))
                        .weak(),
                );
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.label(
                    RichText::new("→ next   ← previous   B board   P primer   Esc leave")
                        .small()
                        .weak(),
                );
            });
        });
    });
    if view != PresentView::Primer
        && let Some(capability) = current
    {
        egui::Panel::bottom("presentation_current").show(ui, |ui| current_ui(ui, cx, capability));
    }
    egui::CentralPanel::default().show(ui, |ui| match view {
        PresentView::Chart => {
            let style = ChartStyle {
                marker_radius: 7.0,
                label_size: 14.0,
                quadrant_title_size: 22.0,
            };
            chart_ui(ui, cx, geometry, style);
        }
        PresentView::Board => board_ui(ui, cx),
        PresentView::Primer => {
            egui::ScrollArea::vertical().show(ui, |ui| primer_ui(ui, 15.0));
        }
    });
}

/// The capability in focus, large: name, zone, scores, recommendation and
/// its reason.
fn current_ui(ui: &mut Ui, cx: &PanelContext<'_>, capability: &Capability) {
    ui.add_space(4.0);
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(&capability.name).size(22.0).strong());
        ui.label(
            RichText::new(capability.zone.label())
                .size(15.0)
                .color(zone_color(capability.zone)),
        );
    });
    let scores: Vec<String> = Question::ALL
        .iter()
        .map(|q| {
            let value = capability
                .scores
                .get(*q)
                .map_or_else(|| "–".to_owned(), |s| s.to_string());
            format!("{} {value}", q.short())
        })
        .collect();
    let settings = &cx.portfolio.scoring;
    match assess(capability, settings) {
        Some(assessment) => {
            ui.horizontal_wrapped(|ui| {
                badge(
                    ui,
                    assessment.recommendation.label(),
                    recommendation_color(assessment.recommendation),
                );
                ui.label(RichText::new(scores.join(" · ")).size(15.0));
                ui.label(
                    RichText::new(format!(
                        "→ pull {}",
                        format_against(assessment.pull, settings.threshold)
                    ))
                    .size(15.0)
                    .strong(),
                );
            });
            ui.label(RichText::new(&assessment.reason).size(15.0));
            for conflict in conflicts_for(capability, assessment.recommendation) {
                ui.label(
                    RichText::new(conflict.message())
                        .size(15.0)
                        .color(CONFLICT_COLOR),
                );
            }
        }
        None => {
            ui.label(RichText::new(scores.join(" · ")).size(15.0));
            ui.label(
                RichText::new("Still to score: the room has not answered every question.")
                    .size(15.0)
                    .weak(),
            );
        }
    }
    ui.add_space(4.0);
}
