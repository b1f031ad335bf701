//! The inspector's blind votes: hidden digits per participant until
//! revealed, then every vote, the median and the spread.

use eframe::egui::{self, RichText, Ui};

use super::inspector::{capitalise, section};
use super::{CONFLICT_COLOR, PanelContext};
use crate::model::{Capability, Edit, Question, parse_vote_digits, vote_digits};

/// Blind votes: hidden digits per participant until revealed, then each
/// vote, the median and the spread.
pub(super) fn votes_ui(ui: &mut Ui, cx: &mut PanelContext<'_>, capability: &Capability) {
    let participants = &cx.portfolio.participants;
    ui.add_space(6.0);
    if participants.is_empty() {
        section(ui, "Votes");
        ui.label(
            RichText::new("Add participants (View > Review: Teams) to collect blind votes.")
                .small()
                .weak(),
        );
        return;
    }
    if capability.votes_revealed {
        revealed_votes_ui(ui, cx, capability);
        return;
    }
    section(ui, "Votes (hidden)");
    ui.label(
        RichText::new(
            "Type each person's four digits (reuse, cost, risk, differentiation); they stay \
             hidden until revealed.",
        )
        .small()
        .weak(),
    );
    egui::Grid::new(("vote_entry", &capability.id)).show(ui, |ui| {
        for participant in participants {
            let vote = capability
                .votes
                .iter()
                .find(|v| v.participant == participant.id)
                .map(|v| v.scores)
                .unwrap_or_default();
            let label = ui.label(&participant.name);
            let id = ui
                .scope_id()
                .with(("vote", &capability.id, &participant.id));
            let mut text = ui
                .data(|d| d.get_temp::<String>(id))
                .unwrap_or_else(|| vote_digits(&vote));
            let response = ui
                .add(
                    egui::TextEdit::singleline(&mut text)
                        .id_salt(("vote", &participant.id))
                        .password(true)
                        .char_limit(4)
                        .desired_width(60.0),
                )
                .labelled_by(label.id);
            if response.changed()
                && let Some(scores) = parse_vote_digits(&text)
            {
                cx.edit(Edit::SetVote {
                    id: capability.id.clone(),
                    participant: participant.id.clone(),
                    scores,
                });
            }
            let valid = parse_vote_digits(&text).is_some();
            if response.has_focus() {
                ui.data_mut(|d| d.insert_temp(id, text));
            } else {
                ui.data_mut(|d| d.remove::<String>(id));
            }
            let answered = Question::ALL
                .iter()
                .filter(|q| vote.get(**q).is_some())
                .count();
            if !valid {
                ui.colored_label(CONFLICT_COLOR, "digits 1-5 only");
            } else if answered == Question::ALL.len() {
                ui.label(RichText::new("voted").weak());
            } else {
                ui.label(RichText::new(format!("{answered} of 4")).weak());
            }
            ui.end_row();
        }
    });
    let voted = capability.votes.len();
    ui.horizontal_wrapped(|ui| {
        ui.label(format!("{voted} of {} voted", participants.len()));
        if ui
            .add_enabled(voted > 0, egui::Button::new("Reveal"))
            .on_hover_text("Show every vote; the medians become the scores")
            .clicked()
        {
            cx.edit(Edit::RevealVotes {
                id: capability.id.clone(),
            });
        }
    });
}

/// Every vote, the median and the spread; a spread of 2 or more is marked.
fn revealed_votes_ui(ui: &mut Ui, cx: &mut PanelContext<'_>, capability: &Capability) {
    section(ui, "Votes (revealed)");
    // In the inspector's width: short headings (the question on hover),
    // and a table wider than the panel scrolls instead of widening it and
    // pushing the chart aside.
    egui::ScrollArea::horizontal()
        .id_salt(("votes scroll", &capability.id))
        .show(ui, |ui| votes_table_ui(ui, cx, capability));
    if ui.button("Hide and vote again").clicked() {
        cx.edit(Edit::HideVotes {
            id: capability.id.clone(),
        });
    }
}

/// A question's heading in the votes table: "Diff." for differentiation.
fn vote_heading(question: Question) -> &'static str {
    match question {
        Question::Reuse => "Reuse",
        Question::Cost => "Cost",
        Question::Risk => "Risk",
        Question::Differentiation => "Diff.",
    }
}

fn votes_table_ui(ui: &mut Ui, cx: &PanelContext<'_>, capability: &Capability) {
    let dash = || "–".to_owned();
    egui::Grid::new(("votes", &capability.id))
        .striped(true)
        .show(ui, |ui| {
            ui.label("");
            for question in Question::ALL {
                ui.label(RichText::new(vote_heading(question)).small())
                    .on_hover_text(format!(
                        "{}: {}",
                        capitalise(question.short()),
                        question.text()
                    ));
            }
            ui.end_row();
            for participant in &cx.portfolio.participants {
                let vote = capability
                    .votes
                    .iter()
                    .find(|v| v.participant == participant.id);
                ui.label(&participant.name);
                for question in Question::ALL {
                    let value = vote.and_then(|v| v.scores.get(question));
                    ui.label(value.map_or_else(dash, |s| s.to_string()));
                }
                ui.end_row();
            }
            ui.label(RichText::new("median").strong());
            let medians = capability.vote_medians();
            for question in Question::ALL {
                let value = medians.get(question).map_or_else(dash, |s| s.to_string());
                ui.label(RichText::new(value).strong());
            }
            ui.end_row();
            ui.label("spread");
            for question in Question::ALL {
                match capability.spread(question) {
                    Some(spread) if spread.width() >= 2 => {
                        ui.colored_label(CONFLICT_COLOR, format!("{}–{}", spread.low, spread.high))
                    }
                    Some(spread) => ui.label(format!("{}–{}", spread.low, spread.high)),
                    None => ui.label("–"),
                };
            }
            ui.end_row();
        });
}
