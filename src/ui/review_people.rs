//! The review window's "Teams and people" tab: the teams that own or copy
//! capabilities, and the people who vote.

use eframe::egui::{self, RichText, Ui};

use super::{OVERDUE_COLOR, PanelContext};
use crate::export::plural;
use crate::model::{Edit, Portfolio, Role, missing_board_roles};

/// The people who vote: add and remove.
pub(super) fn participants_ui(
    ui: &mut Ui,
    cx: &mut PanelContext<'_>,
    new_participant: &mut String,
) {
    ui.label(RichText::new("Participants").strong());
    ui.label(
        RichText::new(
            "A quarterly review board brings platform engineering, security, SRE and product \
             into the room.",
        )
        .small()
        .weak(),
    );
    for participant in &cx.portfolio.participants {
        ui.horizontal(|ui| {
            let name = ui.label(&participant.name);
            let mut role = participant.role;
            egui::ComboBox::from_id_salt(("role", &participant.id))
                .selected_text(role.map_or("role?", Role::label))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut role, None, "not noted");
                    for option in Role::ALL {
                        ui.selectable_value(&mut role, Some(option), option.label());
                    }
                })
                .response
                .labelled_by(name.id);
            if role != participant.role {
                cx.edit(Edit::SetParticipantRole {
                    id: participant.id.clone(),
                    role,
                });
            }
            if ui
                .small_button("Remove")
                .on_hover_text("Remove them and their votes")
                .clicked()
            {
                cx.edit(Edit::RemoveParticipant {
                    id: participant.id.clone(),
                });
            }
        });
    }
    let missing = missing_board_roles(&cx.portfolio.participants);
    if !missing.is_empty() {
        let roles: Vec<&str> = missing.iter().map(|r| r.label()).collect();
        ui.colored_label(
            OVERDUE_COLOR,
            format!("Nobody from {} in the room.", roles.join(" or ")),
        );
    }
    ui.horizontal(|ui| {
        let label = ui.label("New participant");
        let response = ui
            .add(
                egui::TextEdit::singleline(new_participant)
                    .id_salt("new participant")
                    .hint_text("e.g. Ana (security)")
                    .desired_width(160.0),
            )
            .labelled_by(label.id);
        let enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if (ui.button("Add person").clicked() || enter) && !new_participant.trim().is_empty() {
            cx.edit(Edit::AddParticipant {
                name: new_participant.trim().to_owned(),
            });
            new_participant.clear();
        }
    });
}

pub(super) fn teams_tab(ui: &mut Ui, cx: &mut PanelContext<'_>, new_team: &mut String) {
    let portfolio: &Portfolio = cx.portfolio;
    egui::Grid::new("teams")
        .num_columns(3)
        .striped(true)
        .show(ui, |ui| {
            for team in &portfolio.teams {
                let mut name = team.name.clone();
                // Sized, not left to the grid: a text field in a grid column
                // takes the column's width, which starts at a few characters.
                let size = egui::vec2(220.0, ui.spacing().interact_size.y);
                let response = ui.add_sized(
                    size,
                    egui::TextEdit::singleline(&mut name).id_salt(("team name", &team.id)),
                );
                let response = response.labelled_by(ui.label(format!("({})", team.id)).id);
                if response.changed() {
                    cx.edit(Edit::RenameTeam {
                        id: team.id.clone(),
                        name,
                    });
                }
                let uses = portfolio
                    .capabilities
                    .iter()
                    .filter(|c| {
                        c.owner.as_deref() == Some(&team.id) || c.duplicated_by.contains(&team.id)
                    })
                    .count();
                let button = ui.button("Remove").on_hover_text(format!(
                    "Remove the team; it is named on {}, which lose it as owner or copy.",
                    plural(uses, "capability", "capabilities")
                ));
                if button.clicked() {
                    cx.edit(Edit::RemoveTeam {
                        id: team.id.clone(),
                    });
                }
                ui.end_row();
            }
        });
    ui.horizontal(|ui| {
        let label = ui.label("New team");
        let response = ui
            .add(
                egui::TextEdit::singleline(new_team)
                    .id_salt("new team")
                    .hint_text("e.g. Payments")
                    .desired_width(160.0),
            )
            .labelled_by(label.id);
        let enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if (ui.button("Add").clicked() || enter) && !new_team.trim().is_empty() {
            cx.edit(Edit::AddTeam {
                name: new_team.trim().to_owned(),
            });
            new_team.clear();
        }
    });
}
