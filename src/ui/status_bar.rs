//! The status bar: how many capabilities are decided, counts per zone and
//! per recommendation, conflicts and overdue exceptions, and whether the
//! file is saved.

use eframe::egui::{RichText, Ui};

use super::widgets::kept_label;
use super::{CONFLICT_COLOR, OVERDUE_COLOR, recommendation_color, zone_color};
use crate::export::plural;
use crate::model::{Recommendation, Summary, Zone};
use crate::ui::command::Command;

/// A short message in the status bar about what just happened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// What happened, in a few words.
    pub text: String,
    /// The document's revision right after the action, when an Undo
    /// button beside the message takes it back (every action that removes
    /// or overwrites data offers one). The button shows only while the
    /// document is still at that revision, so it never undoes anything else.
    pub undo_at: Option<u64>,
}

impl Notice {
    /// A message with nothing to undo.
    #[must_use]
    pub fn info(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            undo_at: None,
        }
    }

    /// A message about an action that left the document at `revision`,
    /// which Undo takes back.
    #[must_use]
    pub fn undoable(text: impl Into<String>, revision: u64) -> Self {
        Self {
            text: text.into(),
            undo_at: Some(revision),
        }
    }
}

/// Where the status bar's text comes from.
pub struct StatusSource<'a> {
    /// The file's name and whether it has unsaved changes.
    pub file_status: &'a str,
    /// What just happened, shown instead of the file status.
    pub notice: Option<&'a Notice>,
    /// The document's revision now.
    pub revision: u64,
}

/// Draws the status bar: the notice (with its Undo button) in place of the
/// file's name and state when there is one.
pub fn status_bar_ui(
    ui: &mut Ui,
    summary: &Summary,
    source: &StatusSource<'_>,
    commands: &mut Vec<Command>,
) {
    ui.horizontal_wrapped(|ui| {
        match source.notice {
            Some(notice) => {
                ui.label(RichText::new(&notice.text).strong());
                if notice.undo_at == Some(source.revision) && ui.small_button("Undo").clicked() {
                    commands.push(Command::Undo);
                }
            }
            None => {
                ui.label(RichText::new(source.file_status).weak());
            }
        }
        ui.separator();
        kept_label(
            ui,
            RichText::new(plural(summary.capabilities, "capability", "capabilities")).strong(),
        );
        let progress = summary.decision_progress();
        let progress_text = RichText::new(progress.to_string());
        kept_label(
            ui,
            if progress.is_complete() {
                progress_text.strong()
            } else {
                progress_text
            },
        );
        ui.separator();
        for zone in Zone::ALL {
            kept_label(
                ui,
                RichText::new(format!("{} {}", zone.label(), summary.in_zone(zone)))
                    .color(zone_color(zone)),
            );
        }
        ui.separator();
        for recommendation in Recommendation::ALL {
            kept_label(
                ui,
                RichText::new(format!(
                    "{} {}",
                    recommendation.label(),
                    summary.recommended(recommendation)
                ))
                .color(recommendation_color(recommendation)),
            );
        }
        kept_label(ui, format!("To score {}", summary.to_score));
        ui.separator();
        let conflicts = if summary.severe_conflicts > 0 {
            format!(
                "{} ({} severe)",
                plural(summary.conflicts, "conflict", "conflicts"),
                summary.severe_conflicts
            )
        } else {
            plural(summary.conflicts, "conflict", "conflicts")
        };
        let conflict_color = if summary.conflicts > 0 {
            CONFLICT_COLOR
        } else {
            ui.visuals().weak_text_color()
        };
        kept_label(ui, RichText::new(conflicts).color(conflict_color));
        // Exceptions and decisions past their review date, counted
        // together: the status bar is full on a small laptop.
        let overdue = summary.overdue_exceptions + summary.overdue_reviews;
        if overdue > 0 {
            let detail = format!(
                "Past their review date: {} and {}",
                plural(summary.overdue_exceptions, "exception", "exceptions"),
                plural(summary.overdue_reviews, "decision", "decisions")
            );
            kept_label(
                ui,
                RichText::new(format!("{overdue} overdue")).color(OVERDUE_COLOR),
            )
            .on_hover_text(detail);
        }
        if summary.shadow_tooling > 0 {
            let text = format!("{} shadow", summary.shadow_tooling);
            kept_label(ui, RichText::new(text).color(CONFLICT_COLOR)).on_hover_text(
                "Shadow tooling: teams still run their own copy after the migration's target \
                 quarter",
            );
        }
    });
}
