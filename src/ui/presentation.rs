//! Presentation mode: the chart (or the board, or the primer) full screen
//! with large type and no editing chrome; the facilitator steps through the
//! capabilities one at a time. Nothing is cut off: long board columns fit
//! their cards ([`presentation_board_ui`]) and the primer turns a screen at a
//! time.

use eframe::egui::{self, Id, Key, Modifiers, RichText, Ui};

use super::board::presentation_board_ui;
use super::chart::{ChartStyle, chart_ui};
use super::primer::primer_ui;
use super::widgets::{badge, outlined_badge};
use super::{CONFLICT_COLOR, PanelContext, decision_color, recommendation_color, zone_color};
use crate::export::ChartGeometry;
use crate::model::{
    Capability, Decision, DecisionProgress, Question, assess, conflicts_for, format_against,
};

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
    hide_pointer_at_rest(ui);
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
            // Where the walk is: the arrows step through the board column
            // by column, so the count does too (not the file's order).
            if let Some(capability) = current
                && let Some(index) = portfolio
                    .board_order()
                    .iter()
                    .position(|&id| id == capability.id)
            {
                ui.label(
                    RichText::new(format!("{} of {}", index + 1, portfolio.capabilities.len()))
                        .weak(),
                );
            }
            // Apart from the position, so "2 of 24" and "8 of 24 decided"
            // do not read as one.
            ui.separator();
            ui.label(RichText::new(
                DecisionProgress::of(&portfolio.capabilities).to_string(),
            ));
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let keys = match (view, PrimerPages::load(ui.ctx())) {
                    (PresentView::Primer, Some(pages)) if pages.count() > 1 => format!(
                        "page {} of {}   → next page   ← previous page   P chart   Esc leave",
                        pages.current() + 1,
                        pages.count()
                    ),
                    _ => "→ next   ← previous   B board   P primer   Esc leave".to_owned(),
                };
                ui.label(RichText::new(keys).small().weak());
            });
        });
    });
    match (view, current) {
        // Beside the chart, so the chart keeps the wall's whole height and
        // its names room to stand beside their dots.
        (PresentView::Chart, Some(capability)) => {
            let width = (ui.available_width() * 0.3).max(220.0);
            egui::Panel::right("presentation_current")
                .resizable(false)
                .exact_size(width)
                .show(ui, |ui| {
                    egui::ScrollArea::vertical()
                        .id_salt("presentation current")
                        .show(ui, |ui| current_ui(ui, cx, capability, usize::MAX));
                });
        }
        (PresentView::Board, Some(capability)) => {
            egui::Panel::bottom("presentation_current")
                .show(ui, |ui| current_ui(ui, cx, capability, 3));
        }
        _ => {}
    }
    egui::CentralPanel::default().show(ui, |ui| match view {
        PresentView::Chart => {
            let style = ChartStyle {
                marker_radius: 7.0,
                label_size: 14.0,
                quadrant_title_size: 18.0,
            };
            chart_ui(ui, cx, geometry, style);
        }
        PresentView::Board => presentation_board_ui(ui, cx),
        PresentView::Primer => primer_pages_ui(ui),
    });
    // Last, over what the plot asked for.
    if pointer_resting(ui.ctx()) {
        ui.ctx().set_cursor_icon(egui::CursorIcon::None);
    }
}

/// How long the mouse rests before the wall shows no cursor, no hover
/// highlight and no tooltip.
pub const POINTER_REST_SECONDS: f32 = 2.0;

/// While presenting, once the mouse has rested a moment: no hover
/// highlight and no chart tooltip (the chart asks [`pointer_resting`]), and
/// no cursor (set at the end of the frame). One wake-up hides them; none
/// after that.
fn hide_pointer_at_rest(ui: &mut Ui) {
    let ctx = ui.ctx().clone();
    let still_for = ctx.input(|i| i.pointer.time_since_last_movement());
    let resting = still_for >= POINTER_REST_SECONDS;
    if resting {
        let widgets = &mut ui.style_mut().visuals.widgets;
        widgets.hovered = widgets.inactive;
    } else {
        // Never negative or NaN: from_secs_f32 would panic.
        let wait = (POINTER_REST_SECONDS - still_for).max(0.0) + 0.05;
        ctx.request_repaint_after(std::time::Duration::from_secs_f32(wait));
    }
    ctx.data_mut(|d| d.insert_temp(resting_id(), resting));
}

/// Where presentation mode keeps whether the pointer rests.
#[must_use]
pub fn resting_id() -> egui::Id {
    egui::Id::unique("capmap presentation pointer resting")
}

/// True while presenting with the mouse at rest: the chart shows no
/// tooltip then.
#[must_use]
pub fn pointer_resting(ctx: &egui::Context) -> bool {
    ctx.data(|d| d.get_temp::<bool>(resting_id()))
        .unwrap_or(false)
}

/// Turns the primer by `pages` screens (negative: back) the next time it
/// is drawn. The app calls this for → and ← while the primer is on the wall.
pub fn page_primer(ctx: &egui::Context, pages: i32) {
    ctx.data_mut(|d| *d.get_temp_mut_or_default::<i32>(primer_request_id()) += pages);
}

fn primer_request_id() -> Id {
    Id::unique("capmap primer page request")
}

/// Where the primer's scroll area stood at the end of the last frame.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct PrimerPages {
    offset: f32,
    viewport: f32,
    content: f32,
}

impl PrimerPages {
    fn id() -> Id {
        Id::unique("capmap primer pages")
    }

    fn load(ctx: &egui::Context) -> Option<Self> {
        ctx.data(|d| d.get_temp(Self::id()))
    }

    /// How far one page moves: a screen, less two lines so the reader
    /// keeps their place.
    fn step(self) -> f32 {
        (self.viewport - 40.0).max(self.viewport * 0.5).max(1.0)
    }

    fn max_offset(self) -> f32 {
        (self.content - self.viewport).max(0.0)
    }

    fn count(self) -> usize {
        if self.max_offset() <= 0.5 {
            1
        } else {
            (self.max_offset() / self.step()).ceil() as usize + 1
        }
    }

    fn current(self) -> usize {
        if self.count() > 1 && self.offset >= self.max_offset() - 0.5 {
            self.count() - 1
        } else {
            ((self.offset / self.step()).round().max(0.0) as usize).min(self.count() - 1)
        }
    }

    /// The offset of the page `delta` pages from the current one.
    fn turned(self, delta: i32) -> f32 {
        let steps = usize::try_from(delta.unsigned_abs()).unwrap_or(usize::MAX);
        let page = if delta < 0 {
            self.current().saturating_sub(steps)
        } else {
            self.current().saturating_add(steps).min(self.count() - 1)
        };
        (page as f32 * self.step()).min(self.max_offset())
    }
}

/// The primer a screen at a time: ↓ and ↑ here, → and ← through the app
/// ([`page_primer`]), turn the pages; the mouse wheel still scrolls.
fn primer_pages_ui(ui: &mut Ui) {
    let mut delta = ui.data_mut(|d| d.remove_temp::<i32>(primer_request_id()).unwrap_or(0));
    ui.input_mut(|i| {
        delta += i32::from(i.consume_key(Modifiers::NONE, Key::ArrowDown));
        delta -= i32::from(i.consume_key(Modifiers::NONE, Key::ArrowUp));
    });
    let mut area = egui::ScrollArea::vertical()
        .id_salt("presented primer")
        .auto_shrink([false, false]);
    if delta != 0
        && let Some(pages) = PrimerPages::load(ui.ctx())
    {
        area = area.vertical_scroll_offset(pages.turned(delta));
    }
    let output = area.show(ui, |ui| primer_ui(ui, 15.0));
    let pages = PrimerPages {
        offset: output.state.clamped_offset().y,
        viewport: output.inner_rect.height(),
        content: output.content_size.y,
    };
    if PrimerPages::load(ui.ctx()) != Some(pages) {
        // The header shows the page number from this; draw once more so
        // it does not lag a frame behind.
        ui.data_mut(|d| d.insert_temp(PrimerPages::id(), pages));
        ui.ctx().request_repaint();
    }
}

/// The capability in focus, large: name and zone; the recommendation
/// (outlined) with the scores and its reason; the room's decision (filled),
/// the owner and the rationale.
/// `rationale_rows`: how many lines the rationale may take (under the
/// board, few; beside the chart, which scrolls, all of them).
fn current_ui(ui: &mut Ui, cx: &PanelContext<'_>, capability: &Capability, rationale_rows: usize) {
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
                ui.label(RichText::new("Recommended").size(15.0).weak());
                outlined_badge(
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
    decision_ui(ui, cx, capability, rationale_rows);
    ui.add_space(4.0);
}

/// What the room decided, who owns it and why.
fn decision_ui(ui: &mut Ui, cx: &PanelContext<'_>, capability: &Capability, rationale_rows: usize) {
    ui.horizontal_wrapped(|ui| {
        match capability.decision {
            Decision::Undecided => {
                ui.label(RichText::new("Not decided yet").size(15.0).weak());
            }
            decided => {
                ui.label(RichText::new("Decided").size(15.0).weak());
                let color = decision_color(decided).unwrap_or_else(|| ui.visuals().text_color());
                badge(ui, decided.label(), color);
            }
        }
        let owner = capability
            .owner
            .as_deref()
            .map_or("none yet", |team| cx.portfolio.team_name(team));
        ui.label(RichText::new(format!("Owner: {owner}")).size(15.0));
    });
    let rationale = capability.rationale.trim();
    if !rationale.is_empty() {
        // Under the board, a long rationale ends in "…" rather than
        // pushing the board off the screen; beside the chart it is whole.
        let mut job = egui::text::LayoutJob::single_section(
            format!("Why: {rationale}"),
            egui::TextFormat::simple(egui::FontId::proportional(15.0), ui.visuals().text_color()),
        );
        job.wrap.max_rows = rationale_rows;
        job.wrap.break_anywhere = false;
        ui.add(egui::Label::new(job).wrap());
    }
}
