//! The status bar: how many capabilities are decided, counts per zone and
//! per recommendation, conflicts and overdue exceptions, and whether the
//! file is saved.

use eframe::egui::{RichText, Ui};

use super::{CONFLICT_COLOR, OVERDUE_COLOR, recommendation_color, zone_color};
use crate::export::plural;
use crate::model::{Recommendation, Summary, Zone};

/// Draws the status bar.
pub fn status_bar_ui(ui: &mut Ui, summary: &Summary, file_status: &str) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(file_status).weak());
        ui.separator();
        ui.label(
            RichText::new(plural(summary.capabilities, "capability", "capabilities")).strong(),
        );
        let progress = summary.decision_progress();
        let progress_text = RichText::new(progress.to_string());
        ui.label(if progress.is_complete() {
            progress_text.strong()
        } else {
            progress_text
        });
        ui.separator();
        for zone in Zone::ALL {
            ui.label(
                RichText::new(format!("{} {}", zone.label(), summary.in_zone(zone)))
                    .color(zone_color(zone)),
            );
        }
        ui.separator();
        for recommendation in Recommendation::ALL {
            ui.label(
                RichText::new(format!(
                    "{} {}",
                    recommendation.label(),
                    summary.recommended(recommendation)
                ))
                .color(recommendation_color(recommendation)),
            );
        }
        ui.label(format!("To score {}", summary.to_score));
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
        ui.label(RichText::new(conflicts).color(conflict_color));
        if summary.overdue_exceptions > 0 {
            let text = format!("{} overdue", summary.overdue_exceptions);
            ui.label(RichText::new(text).color(OVERDUE_COLOR));
        }
    });
}
