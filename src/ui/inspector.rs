//! The inspector: everything about the selected capability, editable, with
//! the live recommendation and its reason.

use eframe::egui::{self, RichText, Ui};

use super::widgets::{badge, kept_field_layouter, labelled, parsed_text_edit};
use super::{CONFLICT_COLOR, OVERDUE_COLOR, PanelContext, recommendation_color, zone_color};
use crate::export::format_measure;
use crate::model::{
    Capability, Date, Decision, Direction, Edit, Exception, Metric, Question, Score, Target, Zone,
    assess, conflicts_for, format_against, parse_metric, parse_tags,
};
use crate::ui::command::Command;
use crate::ui::inspector_votes::votes_ui;

/// Draws the inspector for the selection, or the portfolio's details when
/// nothing is selected.
pub fn inspector_ui(ui: &mut Ui, cx: &mut PanelContext<'_>) {
    let selected = cx
        .view
        .selected
        .as_deref()
        .and_then(|id| cx.portfolio.capability(id));
    // Another capability starts at the top (its name), not where the last
    // one was scrolled to.
    let shown_id = egui::Id::unique("inspector shows");
    let now = selected.map(|c| c.id.clone());
    let changed = ui.ctx().data(|d| d.get_temp::<Option<String>>(shown_id)) != Some(now.clone());
    ui.ctx().data_mut(|d| d.insert_temp(shown_id, now));
    let mut area = egui::ScrollArea::vertical()
        .id_salt("inspector")
        .auto_shrink([false, false]);
    if changed {
        area = area.vertical_scroll_offset(0.0);
    }
    area.show(ui, |ui| match selected {
        Some(capability) => capability_ui(ui, cx, capability),
        None => portfolio_ui(ui, cx),
    });
}

fn portfolio_ui(ui: &mut Ui, cx: &mut PanelContext<'_>) {
    let portfolio = cx.portfolio;
    ui.heading("Portfolio");
    let mut name = portfolio.name.clone();
    let mut quarter = portfolio.quarter.clone().unwrap_or_default();
    let mut notes = portfolio.notes.clone();
    let mut changed = labelled(
        ui,
        "Name",
        egui::TextEdit::singleline(&mut name).desired_width(f32::INFINITY),
    )
    .changed();
    changed |= labelled(
        ui,
        "Quarter",
        egui::TextEdit::singleline(&mut quarter).hint_text("e.g. 2026-Q4"),
    )
    .changed();
    changed |= labelled(
        ui,
        "Notes",
        egui::TextEdit::multiline(&mut notes)
            .desired_rows(3)
            .desired_width(f32::INFINITY),
    )
    .changed();
    if changed {
        cx.edit(Edit::UpdateInfo {
            name,
            quarter: (!quarter.trim().is_empty()).then_some(quarter),
            notes,
        });
    }
    standard_ui(ui, cx);
    ui.add_space(12.0);
    ui.label(
        RichText::new("Select a capability on the board or the chart to score and decide it.")
            .weak(),
    );
    ui.label(RichText::new("Ctrl+Enter adds a capability; F1 lists every key.").weak());
}

/// The minimum standard every team meets whatever it operates: rename,
/// remove and add controls.
fn standard_ui(ui: &mut Ui, cx: &mut PanelContext<'_>) {
    section(ui, "Minimum standard");
    ui.label(
        RichText::new("Every team meets these, whatever it runs itself.")
            .small()
            .weak(),
    );
    let mut controls = cx.portfolio.minimum_standard.clone();
    let mut changed = false;
    let mut remove = None;
    for (index, control) in controls.iter_mut().enumerate() {
        // "remove" keeps the row's right end and the name takes the room
        // left: in a narrow inspector the row never widens the panel over
        // the chart.
        let row = egui::vec2(ui.available_width(), ui.spacing().interact_size.y);
        let right_to_left = egui::Layout::right_to_left(egui::Align::Center);
        ui.allocate_ui_with_layout(row, right_to_left, |ui| {
            if ui.small_button("remove").clicked() {
                remove = Some(index);
            }
            ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                // Kept as typed while emptied, applied once it has a name.
                if let Some(name) = parsed_text_edit(
                    ui,
                    &format!("{}.", index + 1),
                    ("standard control", index),
                    control,
                    Clone::clone,
                    |text| {
                        if text.trim().is_empty() {
                            Err("a control needs a name".to_owned())
                        } else {
                            Ok(text.to_owned())
                        }
                    },
                    180.0,
                ) {
                    *control = name;
                    changed = true;
                }
            });
        });
    }
    if let Some(index) = remove {
        controls.remove(index);
        changed = true;
    }
    if ui.small_button("Add control").clicked() {
        let mut n = controls.len() + 1;
        while controls.iter().any(|c| c == &format!("Control {n}")) {
            n += 1;
        }
        controls.push(format!("Control {n}"));
        changed = true;
    }
    // An emptied or repeated name is not applied until it is fixed: the
    // edit refuses it and the field shows the standard as it stands.
    if changed {
        cx.edit(Edit::SetStandard { controls });
    }
}

fn capability_ui(ui: &mut Ui, cx: &mut PanelContext<'_>, original: &Capability) {
    let mut capability = original.clone();
    let settings = cx.portfolio.scoring;

    // The fields' texts are kept across frames: selecting a capability
    // shown before shapes nothing again.
    let mut heading = kept_field_layouter(Some(egui::TextStyle::Heading), false);
    let mut paragraph = kept_field_layouter(None, true);
    let name = labelled(
        ui,
        "Capability",
        egui::TextEdit::singleline(&mut capability.name)
            .font(egui::TextStyle::Heading)
            .layouter(&mut heading)
            .desired_width(f32::INFINITY)
            .hint_text("Name"),
    );
    if cx.view.focus_name {
        // Focused to name or rename it: the whole name is selected, so
        // typing replaces it ("New capability" is never typed onto), and
        // in view.
        name.request_focus();
        name.scroll_to_me(Some(egui::Align::Min));
        let mut state = egui::TextEdit::load_state(ui.ctx(), name.id).unwrap_or_default();
        state
            .cursor
            .set_char_range(Some(egui::text::CCursorRange::select_all_str(
                &capability.name,
            )));
        state.store(ui.ctx(), name.id);
    }
    ui.label(
        RichText::new(format!("id: {}", capability.id))
            .weak()
            .small(),
    );

    ui.horizontal_wrapped(|ui| {
        ui.label("Zone");
        for zone in Zone::ALL {
            let (dot, _) = ui.allocate_exact_size(egui::vec2(8.0, 8.0), egui::Sense::hover());
            ui.painter()
                .circle_filled(dot.center(), 4.0, zone_color(zone));
            if ui
                .selectable_label(capability.zone == zone, zone.label())
                .clicked()
            {
                capability.zone = zone;
            }
        }
    });
    labelled(
        ui,
        "Description",
        egui::TextEdit::multiline(&mut capability.description)
            .layouter(&mut paragraph)
            .hint_text("What is it?")
            .desired_rows(2)
            .desired_width(f32::INFINITY),
    );

    ui.add_space(6.0);
    section(ui, "The four questions");
    let next = cx.view.next_question(original);
    for question in Question::ALL {
        question_ui(ui, &mut capability, question, next == Some(question));
    }

    votes_ui(ui, cx, original);

    ui.add_space(6.0);
    section(ui, "Recommendation");
    match assess(&capability, &settings) {
        Some(assessment) => {
            ui.horizontal_wrapped(|ui| {
                badge(
                    ui,
                    assessment.recommendation.label(),
                    recommendation_color(assessment.recommendation),
                );
                ui.label(format!(
                    "pull {} · differentiation {}",
                    format_against(assessment.pull, settings.threshold),
                    format_against(assessment.differentiation, settings.threshold)
                ));
            });
            ui.label(&assessment.reason);
            for conflict in conflicts_for(&capability, assessment.recommendation) {
                ui.colored_label(CONFLICT_COLOR, format!("Conflict: {conflict}"));
            }
        }
        None => {
            let missing: Vec<&str> = capability
                .scores
                .missing()
                .iter()
                .map(|q| q.short())
                .collect();
            ui.label(RichText::new(format!("To score: {} missing.", missing.join(", "))).weak());
        }
    }

    ui.add_space(6.0);
    section(ui, "Decision");
    ui.label(
        RichText::new(
            "A accepts the recommendation, Shift+D steps through, Enter writes the rationale.",
        )
        .small()
        .weak(),
    );
    ui.horizontal_wrapped(|ui| {
        for decision in Decision::ALL {
            if ui
                .selectable_label(capability.decision == decision, decision.label())
                .clicked()
            {
                capability.decision = decision;
            }
        }
    });
    let rationale = labelled(
        ui,
        "Rationale",
        egui::TextEdit::multiline(&mut capability.rationale)
            .layouter(&mut paragraph)
            .hint_text("Why, especially if it differs from the recommendation")
            .desired_rows(2)
            .desired_width(f32::INFINITY),
    );
    if cx.view.focus_rationale {
        rationale.request_focus();
        rationale.scroll_to_me(Some(egui::Align::Center));
    }

    ui.add_space(6.0);
    section(ui, "Follow-up");
    super::inspector_follow_up::follow_up_ui(ui, cx, &mut capability);

    ui.add_space(6.0);
    section(ui, "Ownership");
    ownership_ui(ui, cx, &mut capability);

    ui.add_space(6.0);
    section(ui, "Exceptions");
    exceptions_ui(ui, &mut capability, cx.today);

    ui.add_space(6.0);
    metrics_ui(ui, &mut capability);

    ui.add_space(6.0);
    section(ui, "Tags and notes");
    if let Some(tags) = parsed_text_edit(
        ui,
        "Tags",
        ("tags", &capability.id),
        &capability.tags,
        |tags| tags.join(", "),
        |text| Ok(parse_tags(text)),
        ui.available_width(),
    ) {
        capability.tags = tags;
    }
    labelled(
        ui,
        "Notes",
        egui::TextEdit::multiline(&mut capability.notes)
            .layouter(&mut paragraph)
            .hint_text("Notes")
            .desired_rows(3)
            .desired_width(f32::INFINITY),
    );
    ui.add_space(10.0);
    if ui.button("Delete capability").clicked() {
        cx.send(Command::DeleteCapability);
    }

    if capability != *original {
        cx.send(Command::UpdateCapability(Box::new(capability)));
    }
}

/// Optional operating metrics and their targets, folded away until needed.
fn metrics_ui(ui: &mut Ui, capability: &mut Capability) {
    let measured = Metric::ALL
        .iter()
        .filter(|m| capability.metrics.get(**m).is_some())
        .count();
    let title = format!("Metrics ({measured} of {} measured)", Metric::ALL.len());
    egui::CollapsingHeader::new(RichText::new(title).strong())
        .id_salt(("metrics", &capability.id))
        .show(ui, |ui| {
            ui.label(
                RichText::new("A target is at most or at least a value; the scorecard says whether it is met.")
                    .small()
                    .weak(),
            );
            for metric in Metric::ALL {
                ui.horizontal_wrapped(|ui| {
                    if let Some(value) = parsed_text_edit(
                        ui,
                        metric.label(),
                        ("metric", &capability.id, metric.label()),
                        &capability.metrics.get(metric),
                        |v| v.map(format_measure).unwrap_or_default(),
                        parse_metric,
                        70.0,
                    ) {
                        capability.metrics.set(metric, value);
                    }
                    ui.label(RichText::new(metric.unit()).weak());
                    target_ui(ui, capability, metric);
                });
            }
        });
}

/// The target of one metric: its direction, its value, and whether the
/// measured value meets it.
fn target_ui(ui: &mut Ui, capability: &mut Capability, metric: Metric) {
    let index = capability.targets.iter().position(|t| t.metric == metric);
    let current = index.map(|i| capability.targets[i]);
    let direction = current.map_or_else(|| Direction::better_for(metric), |t| t.direction);
    let sign = match direction {
        Direction::AtMost => "≤",
        Direction::AtLeast => "≥",
    };
    let toggle = ui
        .add_enabled(current.is_some(), egui::Button::new(sign).small())
        .on_hover_text(format!("Target: {} (click to switch)", direction.label()));
    if toggle.clicked()
        && let Some(i) = index
    {
        capability.targets[i].direction = match direction {
            Direction::AtMost => Direction::AtLeast,
            Direction::AtLeast => Direction::AtMost,
        };
    }
    if let Some(value) = parsed_text_edit(
        ui,
        "target",
        ("target", &capability.id, metric.label()),
        &current.map(|t| t.value),
        |v| v.map(format_measure).unwrap_or_default(),
        parse_metric,
        55.0,
    ) {
        match (value, index) {
            (Some(value), Some(i)) => capability.targets[i].value = value,
            (Some(value), None) => capability.targets.push(Target {
                metric,
                value,
                direction,
            }),
            (None, Some(i)) => {
                capability.targets.remove(i);
            }
            (None, None) => {}
        }
    }
    if let (Some(target), Some(measured)) = (current, capability.metrics.get(metric)) {
        if target.is_met_by(measured) {
            ui.label(RichText::new("on track").small());
        } else {
            ui.colored_label(OVERDUE_COLOR, "off track");
        }
    }
}

pub(super) fn section(ui: &mut Ui, title: &str) {
    ui.separator();
    ui.label(RichText::new(title).strong());
}

/// One question: its text, and 1-5 buttons. The question the next typed
/// digit answers is marked.
fn question_ui(ui: &mut Ui, capability: &mut Capability, question: Question, is_next: bool) {
    let (low, high) = question.scale();
    let current = capability.scores.get(question);
    ui.horizontal(|ui| {
        ui.label(RichText::new(capitalise(question.short())).strong());
        if is_next {
            ui.label(
                RichText::new("next digit")
                    .small()
                    .color(ui.visuals().selection.stroke.color),
            )
            .on_hover_text("Typing 1-5 on the keyboard answers this question");
        }
    });
    // Wrapped: in a narrow inspector "clear" goes to the next line rather
    // than widening the panel over the chart.
    ui.horizontal_wrapped(|ui| {
        for value in Score::MIN..=Score::MAX {
            let score = Score::new(value);
            let text = RichText::new(value.to_string()).size(16.0).strong();
            let button = egui::Button::new(text)
                .selected(current == score)
                .min_size(egui::vec2(28.0, 24.0));
            let response = ui
                .add(button)
                .on_hover_text(format!("{} = {value}", question.short()));
            if response.clicked() {
                capability.scores.set(question, score);
            }
        }
        if current.is_some() && ui.small_button("clear").clicked() {
            capability.scores.set(question, None);
        }
    });
    ui.label(RichText::new(question.text()).weak());
    ui.label(
        RichText::new(format!("1 = {low} · 5 = {high}"))
            .small()
            .weak(),
    );
}

fn ownership_ui(ui: &mut Ui, cx: &PanelContext<'_>, capability: &mut Capability) {
    let teams = &cx.portfolio.teams;
    ui.horizontal(|ui| {
        let label = ui.label("Owner");
        let current = capability
            .owner
            .as_deref()
            .map_or("nobody yet", |id| cx.portfolio.team_name(id))
            .to_owned();
        // As wide as the row allows, a long team name cut short with an
        // ellipsis, so a narrow inspector is not widened over the chart.
        egui::ComboBox::from_id_salt(("owner", &capability.id))
            .width(ui.available_width().min(240.0))
            .truncate()
            .selected_text(current)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut capability.owner, None, "nobody yet");
                for team in teams {
                    ui.selectable_value(&mut capability.owner, Some(team.id.clone()), &team.name);
                }
            })
            .response
            .labelled_by(label.id);
    });
    let fields: [(&str, &mut String); 3] = [
        ("Escalation path", &mut capability.escalation_path),
        ("Support boundary", &mut capability.support_boundary),
        ("SLO", &mut capability.slo),
    ];
    for (label, value) in fields {
        labelled(
            ui,
            label,
            egui::TextEdit::singleline(value).desired_width(f32::INFINITY),
        );
    }
    ui.label("Teams running their own copy");
    if teams.is_empty() {
        ui.label(RichText::new("No teams in this portfolio yet.").weak());
    }
    ui.horizontal_wrapped(|ui| {
        for team in teams {
            let mut runs_copy = capability.duplicated_by.contains(&team.id);
            if ui.checkbox(&mut runs_copy, &team.name).changed() {
                if runs_copy {
                    capability.duplicated_by.push(team.id.clone());
                } else {
                    capability.duplicated_by.retain(|t| *t != team.id);
                }
            }
        }
    });
}

fn exceptions_ui(ui: &mut Ui, capability: &mut Capability, today: Date) {
    let mut remove = None;
    let id = capability.id.clone();
    for (index, exception) in capability.exceptions.iter_mut().enumerate() {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                labelled(
                    ui,
                    "Reason",
                    egui::TextEdit::singleline(&mut exception.reason).desired_width(f32::INFINITY),
                );
            });
            ui.horizontal(|ui| {
                labelled(
                    ui,
                    "Approved by",
                    egui::TextEdit::singleline(&mut exception.approved_by).desired_width(120.0),
                );
            });
            // Wrapped: in a narrow inspector "remove" goes to the next
            // line rather than widening the panel over the chart.
            ui.horizontal_wrapped(|ui| {
                if let Some(date) = parsed_text_edit(
                    ui,
                    "Review by",
                    ("review_by", &id, index),
                    &exception.review_by,
                    ToString::to_string,
                    str::parse::<Date>,
                    90.0,
                ) {
                    exception.review_by = date;
                }
                if exception.is_overdue(today) {
                    ui.colored_label(OVERDUE_COLOR, "overdue");
                }
                if ui.small_button("remove").clicked() {
                    remove = Some(index);
                }
            });
        });
    }
    if let Some(index) = remove {
        capability.exceptions.remove(index);
    }
    if ui.button("Add exception").clicked() {
        capability.exceptions.push(Exception {
            reason: "Why the standard does not fit yet".to_owned(),
            approved_by: String::new(),
            review_by: today.plus_days(90),
        });
    }
}

pub(super) fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
