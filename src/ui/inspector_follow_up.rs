//! The inspector's follow-up: when the decision is looked at again and
//! what it was before, whether the platform can support it yet, the
//! minimum standard the teams running it meet, the migration onto the
//! shared service and who has adopted it.

use eframe::egui::{self, RichText, Ui};

use super::widgets::{labelled, parsed_text_edit};
use super::{CONFLICT_COLOR, OVERDUE_COLOR, PanelContext};
use crate::model::{
    Capability, Date, Decision, Migration, MigrationStatus, Readiness, advice, awaits_platform,
    is_shadow_tooling, missing_controls, on_backlog, run_by_teams, same_control,
};

/// Draws the follow-up of `capability` (the inspector's edited copy).
pub fn follow_up_ui(ui: &mut Ui, cx: &PanelContext<'_>, capability: &mut Capability) {
    review_ui(ui, cx, capability);
    readiness_ui(ui, cx, capability);
    standard_ui(ui, cx, capability);
    migration_ui(ui, cx, capability);
}

/// The review date (its own, or the default), and earlier decisions.
fn review_ui(ui: &mut Ui, cx: &PanelContext<'_>, capability: &mut Capability) {
    let quarter = cx.portfolio.quarter.as_deref();
    if capability.decision != Decision::Undecided {
        ui.horizontal_wrapped(|ui| {
            let own = capability.review_on;
            let shown = capability.review_date(quarter);
            if let Some(date) = parsed_text_edit(
                ui,
                "Review on",
                ("review_on", &capability.id),
                &shown,
                |d| d.map(|d| d.to_string()).unwrap_or_default(),
                |text| {
                    if text.trim().is_empty() {
                        Ok(None)
                    } else {
                        text.parse::<Date>().map(Some)
                    }
                },
                90.0,
            ) {
                capability.review_on = date;
            }
            if capability.review_overdue(quarter, cx.today) {
                ui.colored_label(OVERDUE_COLOR, "overdue");
            } else if own.is_none() && shown.is_some() {
                ui.label(RichText::new("first day of next quarter").small().weak());
            }
            if own.is_some() && ui.small_button("default").clicked() {
                capability.review_on = None;
            }
        });
    }
    if !capability.history.is_empty() {
        ui.label(RichText::new("Earlier decisions").small());
        for past in capability.history.iter().rev() {
            let mut line = format!("{}: {}", past.quarter, past.decision);
            if !past.rationale.is_empty() {
                line.push_str(" — ");
                line.push_str(&past.rationale);
            }
            ui.add(egui::Label::new(RichText::new(line).weak()).wrap());
        }
    }
}

/// §10's third question, and what an Orchestrate then reads as.
fn readiness_ui(ui: &mut Ui, cx: &PanelContext<'_>, capability: &mut Capability) {
    ui.add_space(4.0);
    ui.label(RichText::new(Readiness::QUESTION).weak());
    ui.horizontal_wrapped(|ui| {
        ui.label("Platform ready");
        for readiness in Readiness::ALL {
            ui.selectable_value(&mut capability.readiness, readiness, readiness.label());
        }
    });
    if let Some(shared) = awaits_platform(capability, &cx.portfolio.scoring) {
        ui.colored_label(OVERDUE_COLOR, advice(shared, capability.readiness));
    }
}

/// The minimum standard, for capabilities teams run.
fn standard_ui(ui: &mut Ui, cx: &PanelContext<'_>, capability: &mut Capability) {
    let standard = &cx.portfolio.minimum_standard;
    if !run_by_teams(capability) || standard.is_empty() {
        return;
    }
    ui.add_space(4.0);
    ui.label("Minimum standard the teams running it meet");
    ui.horizontal_wrapped(|ui| {
        for control in standard {
            let position = capability
                .standard_met
                .iter()
                .position(|met| same_control(met, control));
            let mut met = position.is_some();
            if ui.checkbox(&mut met, control).changed() {
                match position {
                    Some(index) => {
                        capability.standard_met.remove(index);
                    }
                    None => capability.standard_met.push(control.clone()),
                }
            }
        }
    });
    let missing = missing_controls(capability, standard);
    if !missing.is_empty() {
        ui.colored_label(CONFLICT_COLOR, format!("Gap: {}", missing.join(", ")));
    }
}

/// The migration onto the shared service and who has adopted it.
fn migration_ui(ui: &mut Ui, cx: &PanelContext<'_>, capability: &mut Capability) {
    let to_share = matches!(
        capability.decision,
        Decision::Orchestrate | Decision::Rationalize | Decision::Hybrid
    );
    if !to_share && capability.migration.is_none() {
        return;
    }
    ui.add_space(4.0);
    let Some(migration) = capability.migration.as_mut() else {
        if on_backlog(capability) {
            ui.label(
                RichText::new("On the migration backlog: teams still run their own copy.").weak(),
            );
        }
        if ui.button("Plan the migration").clicked() {
            capability.migration = Some(Migration::default());
        }
        adoption_ui(ui, cx, capability);
        return;
    };
    ui.label(RichText::new("Migration").strong());
    ui.horizontal_wrapped(|ui| {
        for status in MigrationStatus::ALL {
            ui.selectable_value(&mut migration.status, status, status.label());
        }
    });
    let mut target = migration.target_quarter.clone().unwrap_or_default();
    ui.horizontal(|ui| {
        if labelled(
            ui,
            "Target quarter",
            egui::TextEdit::singleline(&mut target)
                .hint_text("e.g. 2027-Q2")
                .desired_width(80.0),
        )
        .changed()
        {
            migration.target_quarter = (!target.trim().is_empty()).then_some(target);
        }
    });
    labelled(
        ui,
        "Migration guide",
        egui::TextEdit::singleline(&mut migration.guide)
            .hint_text("a link or a page name")
            .desired_width(f32::INFINITY),
    );
    labelled(
        ui,
        "Support contact",
        egui::TextEdit::singleline(&mut migration.contact)
            .hint_text("who teams ask for help")
            .desired_width(f32::INFINITY),
    );
    let mut remove = false;
    // Wrapped: in a narrow inspector the warning and "remove migration"
    // take more lines rather than widening the panel over the chart.
    ui.horizontal_wrapped(|ui| {
        if is_shadow_tooling(capability, cx.today) {
            ui.colored_label(
                CONFLICT_COLOR,
                "Shadow tooling: teams still run copies after the target quarter.",
            );
        }
        remove = ui.small_button("remove migration").clicked();
    });
    if remove {
        capability.migration = None;
    }
    adoption_ui(ui, cx, capability);
}

/// Which teams use the shared service.
fn adoption_ui(ui: &mut Ui, cx: &PanelContext<'_>, capability: &mut Capability) {
    let teams = &cx.portfolio.teams;
    if teams.is_empty() {
        return;
    }
    ui.label("Teams using the shared service");
    ui.horizontal_wrapped(|ui| {
        for team in teams {
            let mut uses = capability.adopted_by.contains(&team.id);
            if ui.checkbox(&mut uses, &team.name).changed() {
                if uses {
                    capability.adopted_by.push(team.id.clone());
                } else {
                    capability.adopted_by.retain(|t| *t != team.id);
                }
            }
        }
    });
}
