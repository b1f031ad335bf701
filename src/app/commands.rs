//! What each command does: the app's state changes here, and every change
//! to the document goes through [`CapmapApp::commit`] as a model
//! [`Edit`](crate::model::Edit), after "the selected card" has been
//! resolved to an explicit id.

use eframe::egui;

use super::ErrorReport;
use super::files::Pending;
use super::{Baseline, CapmapApp, Command, DialogKind, Step, zone_key};
use crate::io;
use crate::model::{
    Applied, Capability, Comparison, Decision, Edit, Question, Score, Zone, assess,
};
use crate::ui::ChartView;
use crate::ui::presentation::PresentView;
use crate::ui::review::ReviewTab;
use crate::ui::status_bar::Notice;
use crate::ui::theme::{ZOOM_RANGE, ZOOM_STEP};

/// The key that moves a card to `zone`, as printed on the keyboard.
fn zone_key_name(zone: Zone) -> &'static str {
    zone_key(zone).name()
}

impl CapmapApp {
    /// Applies one command to the document or the app.
    pub fn apply(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::NewPortfolio => self.guard(ctx, Pending::New),
            Command::StartNextQuarter => self.guard(ctx, Pending::NextQuarter),
            Command::Open => self.guard(ctx, Pending::Open(None)),
            Command::OpenPath(path) => self.guard(ctx, Pending::Open(Some(path))),
            Command::Save => match self.doc.path.clone() {
                Some(path) if self.doc.changed_on_disk() => self.modals.overwrite = Some(path),
                Some(path) => {
                    self.save_to(&path);
                }
                None => {
                    let suggested = self.suggested_path();
                    self.dialogs
                        .request(ctx, DialogKind::SaveAs, Some(&suggested));
                }
            },
            Command::SaveAs => {
                let suggested = self.suggested_path();
                self.dialogs
                    .request(ctx, DialogKind::SaveAs, Some(&suggested));
            }
            Command::SaveTo(path) => {
                self.save_to(&path);
            }
            Command::Quit => self.guard(ctx, Pending::Quit),
            Command::Undo => {
                self.notice = None;
                self.view.forget_typing();
                self.doc.undo();
                self.keep_selection_valid();
            }
            Command::Redo => {
                self.notice = None;
                self.view.forget_typing();
                self.doc.redo();
                self.keep_selection_valid();
            }
            Command::ShowHelp => self.modals.help = true,
            Command::ShowPrimer => {
                self.modals.help = true;
                ctx.data_mut(|d| d.insert_temp(crate::ui::dialogs::help_tab_id(), true));
            }
            Command::ImportCsv => {
                let suggested = self.suggested_path();
                self.dialogs
                    .request(ctx, DialogKind::ImportCsv, Some(&suggested));
            }
            Command::ImportCsvFrom { path, append } => {
                if append {
                    self.import_csv(&path, true);
                } else {
                    self.guard(ctx, Pending::ImportNew(path));
                }
            }
            Command::ExportChart => {
                let suggested = self.suggested_path().with_extension("png");
                self.dialogs
                    .request(ctx, DialogKind::ExportChart, Some(&suggested));
            }
            Command::ExportLog => {
                let suggested = self.suggested_path().with_extension("md");
                self.dialogs
                    .request(ctx, DialogKind::ExportLog, Some(&suggested));
            }
            Command::ExportPlan => {
                let stem = self.suggested_path();
                let suggested = stem.with_file_name(format!(
                    "{}-plan.md",
                    stem.file_stem()
                        .map_or_else(|| "portfolio".into(), |s| s.to_string_lossy())
                ));
                self.dialogs
                    .request(ctx, DialogKind::ExportPlan, Some(&suggested));
            }
            Command::ExportChartTo(path) => self.export_chart(&path),
            Command::ExportLogTo(path) => self.export_log(&path),
            Command::ExportPlanTo(path) => self.export_plan(&path),
            Command::StartPresentation => {
                self.presenting = true;
                self.present_view = PresentView::Chart;
                if self.view.selected.is_none() {
                    // The first card the room sees on the board.
                    let first = self
                        .doc
                        .portfolio()
                        .board_order()
                        .first()
                        .map(|&id| id.to_owned());
                    self.select(first);
                }
                ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
            }
            Command::StopPresentation => {
                self.presenting = false;
                ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
            }
            // On the primer the arrows turn its pages instead.
            Command::PresentStep(delta) if self.present_view == PresentView::Primer => {
                crate::ui::presentation::page_primer(ctx, delta);
            }
            Command::PresentStep(delta) => self.present_step(delta),
            Command::PresentToggle(view) => {
                self.present_view = if self.present_view == view {
                    PresentView::Chart
                } else {
                    view
                };
            }
            Command::SetTheme(theme) => self.settings.theme = theme,
            Command::SetLabels(mode) => self.settings.labels = mode,
            Command::ToggleVoteSpread => self.settings.vote_spread = !self.settings.vote_spread,
            Command::Compare => {
                let suggested = self.suggested_path();
                self.dialogs
                    .request(ctx, DialogKind::Compare, Some(&suggested));
            }
            Command::CompareWith(path) => match io::load(&path) {
                Ok(portfolio) => {
                    let name = io::file_name(&path);
                    let open = self.doc.portfolio();
                    let direction = crate::ui::review::comparison_direction(
                        Comparison::new(open, &portfolio),
                        open,
                    );
                    let direction = direction.trim_end_matches(':').replacen("From", "from", 1);
                    self.notice = Some(Notice::info(format!("Comparing with {name}, {direction}")));
                    self.baseline = Some(Baseline { path, portfolio });
                    self.review.open = true;
                    self.review.tab = ReviewTab::Changes;
                }
                Err(error) => {
                    self.modals.error = Some(ErrorReport::new(
                        format!("Could not compare with {}", path.display()),
                        error.to_string(),
                    ));
                }
            },
            Command::StopComparing => {
                self.baseline = None;
                self.notice = None;
            }
            Command::ShowReview(tab) => {
                self.review.open = true;
                self.review.tab = tab;
            }
            Command::ZoomIn => {
                self.settings.zoom = (self.settings.zoom * ZOOM_STEP).min(ZOOM_RANGE.1);
            }
            Command::ZoomOut => {
                self.settings.zoom = (self.settings.zoom / ZOOM_STEP).max(ZOOM_RANGE.0);
            }
            Command::ZoomReset => self.settings.zoom = 1.0,
            Command::ToggleBoard => self.view.show_board = !self.view.show_board,
            Command::ToggleInspector => self.view.show_inspector = !self.view.show_inspector,
            Command::FocusChart => {
                ctx.memory_mut(|m| m.request_focus(crate::ui::chart::focus_id()));
            }
            Command::EditName => {
                self.view.show_inspector = true;
                self.view.focus_name = self.view.selected.is_some();
            }
            Command::EditRationale => {
                self.view.show_inspector = true;
                self.view.focus_rationale = self.view.selected.is_some();
            }
            Command::Select(id) => self.select(id),
            Command::SelectStep(step) => {
                if ctx.memory(|m| m.has_focus(crate::ui::chart::focus_id())) {
                    self.step_on_chart(step);
                } else {
                    self.step_selection(step);
                }
            }
            Command::AddCapability => self.add_capability(),
            Command::DeleteCapability => self.delete_selected(),
            Command::MoveSelectedTo(zone) => self.move_selected_to(zone),
            Command::ReorderSelected(delta) => {
                if let Some(id) = self.target() {
                    self.commit(Edit::Reorder { id, delta });
                }
            }
            Command::MoveCard { id, zone, before } => {
                let edit = Edit::MoveCard {
                    id: id.clone(),
                    zone,
                    before,
                };
                self.commit(edit);
                self.select(Some(id));
            }
            Command::ScoreDigit(digit) => self.score_digit(digit),
            Command::ScoreBackspace => self.score_backspace(),
            Command::UpdateCapability(capability) => self.update_capability(*capability),
            Command::AcceptRecommendation => self.accept_recommendation(),
            Command::CycleDecision => {
                if let Some(id) = self.target() {
                    self.commit(Edit::CycleDecision { id });
                }
            }
            Command::Edit(edit) => {
                self.commit(edit);
            }
        }
    }

    /// Records `edit` as an undo step. Edits that take away or replace
    /// what the room recorded say so in the status bar, with Undo.
    pub(super) fn commit(&mut self, edit: Edit) -> Option<Applied> {
        self.notice = None;
        let settling = if let Edit::ResolveConflict { index, pick } = edit {
            // A pick that would break a rule (removing a team still named
            // as an owner) is refused with the reason, not ignored.
            let mut trial = self.doc.portfolio().clone();
            if let Err(reason) = trial.resolve_conflict(index, pick) {
                self.notice = Some(Notice::info(format!("Cannot pick that: {reason}")));
                return None;
            }
            true
        } else {
            false
        };
        let notice = edit.undo_notice(self.doc.portfolio());
        let applied = self.doc.apply(edit)?;
        if let Some(text) = notice {
            self.notice = Some(Notice::undoable(text, self.doc.revision()));
        }
        if settling && self.doc.portfolio().conflicts.is_empty() {
            self.notice = Some(Notice::undoable(
                "Every merge conflict is settled: save to write the merged file",
                self.doc.revision(),
            ));
        }
        Some(applied)
    }

    /// The selected capability, which keyboard and menu edits act on; the
    /// last message goes, as it does for every edit.
    pub(super) fn target(&mut self) -> Option<String> {
        self.notice = None;
        self.view.selected.clone()
    }

    pub(super) fn add_capability(&mut self) {
        self.notice = None;
        let edit = Edit::AddCapability {
            name: "New capability".to_owned(),
        };
        if let Some(id) = self.commit(edit).and_then(|a| a.capability) {
            // Until saved, its id follows the name typed over this one.
            self.doc.add_fresh(&id);
            self.select(Some(id));
            self.view.focus_name = true;
        }
    }

    pub(super) fn delete_selected(&mut self) {
        let Some(id) = self.target() else { return };
        let neighbour = self.neighbour_in_column(&id);
        self.commit(Edit::DeleteCapability { id });
        self.select(neighbour);
    }

    pub(super) fn move_selected_to(&mut self, zone: Zone) {
        let Some(id) = self.target() else { return };
        self.commit(Edit::MoveToZone { id, zone });
        // A zone key starts the quick-scoring sequence.
        self.view.typed.clear();
        self.view.quick_scoring = Some(0);
    }

    /// Quick scoring: the digit answers the selected capability's next
    /// open question.
    pub(super) fn score_digit(&mut self, digit: u8) {
        let Some(id) = self.target() else { return };
        let Some(capability) = self.doc.portfolio().capability(&id) else {
            return;
        };
        let Some(question) = self.view.next_question(capability) else {
            self.notice = Some(Notice::info(format!(
                "“{}” is fully scored: to rescore it, press its zone key ({}) and \
                 then four digits, or change a score in the inspector",
                capability.name,
                zone_key_name(capability.zone)
            )));
            return;
        };
        self.commit(Edit::SetScore {
            id,
            question,
            score: Score::new(digit),
        });
        self.view.typed.push(question);
        self.view.quick_scoring = self
            .view
            .quick_scoring
            .map(|cursor| cursor + 1)
            .filter(|&cursor| cursor < Question::ALL.len());
    }

    /// Quick scoring: takes back the digit typed last.
    pub(super) fn score_backspace(&mut self) {
        let Some(id) = self.target() else { return };
        let Some(question) = self.view.typed.pop() else {
            self.notice = Some(Notice::info(
                "Backspace takes back a digit just typed; Ctrl+Z undoes anything else",
            ));
            return;
        };
        // A sequence goes on from the question taken back; outside one,
        // that question is open again and the next digit answers it.
        if let Some(cursor) = self.view.quick_scoring.as_mut() {
            *cursor = Question::ALL
                .iter()
                .position(|q| *q == question)
                .unwrap_or(0);
        }
        self.commit(Edit::SetScore {
            id,
            question,
            score: None,
        });
    }

    /// The inspector's edited copy replaces the capability. A capability
    /// added since the last save takes an id from its new name.
    pub(super) fn update_capability(&mut self, capability: Capability) {
        let id = capability.id.clone();
        let added_as = self.doc.fresh_origin(&id).map(str::to_owned);
        let edit = Edit::UpdateCapability {
            capability: Box::new(capability),
            added_as,
        };
        let Some(new_id) = self.commit(edit).and_then(|a| a.capability) else {
            return;
        };
        if new_id != id {
            self.doc.rename_fresh(&id, &new_id);
            if self.view.selected.as_deref() == Some(id.as_str()) {
                self.view.selected = Some(new_id);
            }
        }
    }

    /// Decides the selected capability as its scores recommend.
    pub(super) fn accept_recommendation(&mut self) {
        let Some(id) = self.target() else { return };
        let settings = self.doc.portfolio().scoring;
        let Some(capability) = self.doc.portfolio().capability(&id) else {
            return;
        };
        let Some(assessment) = assess(capability, &settings) else {
            self.notice = Some(Notice::info(format!(
                "“{}” is not fully scored yet: answer its four questions first",
                capability.name
            )));
            return;
        };
        let decision = assessment.recommendation.matching_decision();
        if capability.decision == decision {
            self.notice = Some(Notice::info(format!(
                "“{}” is already decided: {}",
                capability.name,
                decision.label()
            )));
            return;
        }
        let first = capability.decision == Decision::Undecided;
        let name = capability.name.clone();
        self.commit(Edit::SetDecision { id, decision });
        if first {
            self.notice = Some(Notice::info(format!(
                "Decided “{name}”: {}",
                decision.label()
            )));
        }
    }

    /// The next or previous capability in board order, wrapping around.
    pub(super) fn present_step(&mut self, delta: i32) {
        let order = self.doc.portfolio().board_order();
        if order.is_empty() {
            return;
        }
        let len = order.len();
        let current = self
            .view
            .selected
            .as_deref()
            .and_then(|id| order.iter().position(|&c| c == id));
        let next = match current {
            Some(index) if delta < 0 => (index + len - 1) % len,
            Some(index) => (index + 1) % len,
            None if delta < 0 => len - 1,
            None => 0,
        };
        let id = order[next].to_owned();
        self.select(Some(id));
    }

    /// Selects the dot next to the selected one in `step`'s direction on
    /// the chart (the first dot when none is selected).
    fn step_on_chart(&mut self, step: crate::ui::command::Step) {
        use crate::export::Heading;
        use crate::ui::command::Step;
        let (_, geometry) = self.derived(self.today());
        let from = self
            .view
            .selected
            .as_deref()
            .and_then(|id| geometry.points.iter().position(|p| p.id() == id));
        let heading = match step {
            Step::Up => Heading::Up,
            Step::Down => Heading::Down,
            Step::Left => Heading::Left,
            Step::Right => Heading::Right,
        };
        if let Some(next) = crate::export::next_dot(&geometry, from, heading) {
            self.select(Some(geometry.points[next].id().to_owned()));
        }
    }

    pub(super) fn select(&mut self, id: Option<String>) {
        if self.view.selected != id {
            self.view.selected = id;
            self.view.forget_typing();
        }
    }

    pub(super) fn keep_selection_valid(&mut self) {
        let portfolio = self.doc.portfolio();
        if let Some(id) = &self.view.selected
            && portfolio.capability(id).is_none()
        {
            // A fresh capability whose id followed its name (undo, redo)
            // stays selected under the id it has now.
            let origin = self.doc.fresh_origin(id);
            self.view.selected = origin.and_then(|origin| {
                portfolio
                    .capabilities
                    .iter()
                    .find(|c| self.doc.fresh_origin(&c.id) == Some(origin))
                    .map(|c| c.id.clone())
            });
        }
    }

    /// The card below `id` in its column, or the one above when it is last.
    pub(super) fn neighbour_in_column(&self, id: &str) -> Option<String> {
        let portfolio = self.doc.portfolio();
        let zone = portfolio.capability(id)?.zone;
        let ids = portfolio.column(zone);
        let row = ids.iter().position(|i| *i == id)?;
        ids.get(row + 1)
            .or_else(|| row.checked_sub(1).and_then(|r| ids.get(r)))
            .map(|s| (*s).to_owned())
    }

    pub(super) fn step_selection(&mut self, step: Step) {
        let portfolio = self.doc.portfolio();
        let columns: Vec<Vec<&str>> = Zone::ALL.iter().map(|z| portfolio.column(*z)).collect();
        let position = self.view.selected.as_deref().and_then(|id| {
            columns
                .iter()
                .enumerate()
                .find_map(|(c, ids)| ids.iter().position(|i| *i == id).map(|r| (c, r)))
        });
        let target = match position {
            None => columns.iter().find_map(|ids| ids.first()).copied(),
            Some((c, r)) => match step {
                Step::Up => r.checked_sub(1).map(|r| columns[c][r]),
                Step::Down => columns[c].get(r + 1).copied(),
                Step::Left => (0..c)
                    .rev()
                    .find(|i| !columns[*i].is_empty())
                    .map(|i| columns[i][r.min(columns[i].len() - 1)]),
                Step::Right => (c + 1..columns.len())
                    .find(|i| !columns[*i].is_empty())
                    .map(|i| columns[i][r.min(columns[i].len() - 1)]),
            },
        };
        if let Some(id) = target.map(str::to_owned) {
            self.select(Some(id));
        }
    }

    /// The file compared with, in time order with the open one.
    pub(super) fn comparison(&self) -> Option<Comparison<'_>> {
        self.baseline
            .as_ref()
            .map(|b| Comparison::new(self.doc.portfolio(), &b.portfolio))
    }

    /// How the chart is drawn, from the remembered settings.
    pub(super) fn chart_view(&self) -> ChartView {
        ChartView {
            labels: self.settings.labels,
            vote_spread: self.settings.vote_spread,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Portfolio, ScoringSettings};

    fn app() -> CapmapApp {
        let mut portfolio = Portfolio::new("Test");
        for id in ["ci", "logs"] {
            let mut capability = Capability::new(id, id.to_uppercase());
            capability.zone = Zone::Commodity;
            portfolio.capabilities.push(capability.into());
        }
        CapmapApp::new(portfolio, None)
    }

    #[test]
    fn an_edit_that_changes_nothing_offers_no_undo() {
        let ctx = egui::Context::default();
        let mut app = app();
        app.notice = Some(Notice::info("Exported the chart"));
        let same = Edit::SetScoring(ScoringSettings::default());
        app.apply(&ctx, Command::Edit(same));
        assert_eq!(app.notice, None, "no Undo that would undo something else");
        assert_eq!(app.doc.undo_len(), 0);

        let heavier = ScoringSettings {
            risk_weight: 3.0,
            ..ScoringSettings::default()
        };
        app.apply(&ctx, Command::Edit(Edit::SetScoring(heavier)));
        let notice = app.notice.clone().expect("new weights are announced");
        assert_eq!(notice.undo_at, Some(app.doc.revision()));
    }

    #[test]
    fn keyboard_edits_act_on_the_selected_card_and_say_what_they_removed() {
        let ctx = egui::Context::default();
        let mut app = app();
        app.apply(&ctx, Command::DeleteCapability);
        assert_eq!(
            app.doc.portfolio().capabilities.len(),
            2,
            "nothing selected"
        );

        app.apply(&ctx, Command::Select(Some("ci".into())));
        app.apply(&ctx, Command::MoveSelectedTo(Zone::Differentiator));
        let ci = app.doc.portfolio().capability("ci").expect("ci");
        assert_eq!(ci.zone, Zone::Differentiator);

        app.apply(&ctx, Command::DeleteCapability);
        assert!(app.doc.portfolio().capability("ci").is_none());
        let notice = app.notice.clone().expect("the deletion is announced");
        assert_eq!(notice.text, "Deleted “CI”");
        assert_eq!(notice.undo_at, Some(app.doc.revision()));
        app.apply(&ctx, Command::Undo);
        assert!(app.doc.portfolio().capability("ci").is_some());
    }
}
