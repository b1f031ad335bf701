//! The strip above the board and chart while a file holds merge conflicts
//! from git: each conflict with this branch's value, the other branch's
//! and what the portfolio holds now, side by side, and a button under each
//! to settle it. Saving after the last one writes a file `capmap check`
//! accepts.

use eframe::egui::{self, RichText, Ui};

use super::{Command, PanelContext};
use crate::export::plural;
use crate::model::{Edit, MergeConflict, Pick, Portfolio};

/// The share of the window the strip may take before its list scrolls.
const MAX_SHARE: f32 = 0.35;

/// Draws the strip of conflicts above the board and chart; nothing when
/// there are none.
pub fn merge_panel_ui(ui: &mut Ui, cx: &mut PanelContext<'_>) {
    if cx.portfolio.conflicts.is_empty() {
        return;
    }
    // A top panel is as tall as it was last frame, and a scroll area in it
    // no taller than that: the height the list wants is kept from frame to
    // frame, and a frame whose list wanted another height is drawn again
    // at once, so no conflict is ever hidden under the board.
    let height_id = egui::Id::unique("capmap merge conflicts height");
    let wanted: f32 = ui.data(|d| d.get_temp(height_id)).unwrap_or(0.0);
    let cap = ui.ctx().content_rect().height() * MAX_SHARE;
    egui::Panel::top("merge_conflicts")
        .resizable(false)
        .min_size(wanted.min(cap))
        .show(ui, |ui| {
            let top = ui.cursor().top();
            heading_ui(ui, cx.portfolio.conflicts.len());
            let heading = ui.cursor().top() - top;
            let list = egui::ScrollArea::vertical()
                .max_height(cap - heading)
                .auto_shrink([false, true])
                .show(ui, |ui| list_ui(ui, cx));
            let now = heading + list.content_size.y + ui.spacing().item_spacing.y + PANEL_MARGINS;
            if (now - wanted).abs() > 0.5 {
                ui.data_mut(|d| d.insert_temp(height_id, now));
                ui.ctx()
                    .request_discard("the merge conflicts changed height");
            }
        });
}

/// The frame's margins above and below the panel's content.
const PANEL_MARGINS: f32 = 8.0;

fn heading_ui(ui: &mut Ui, count: usize) {
    let warn = ui.visuals().warn_fg_color;
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(format!(
                "⚠ {} from a git merge",
                plural(count, "conflict", "conflicts")
            ))
            .strong()
            .color(warn),
        );
        ui.label(
            "Both branches changed these differently. Pick a value for each (or edit it and keep \
             it as it is now), then save.",
        );
    });
}

fn list_ui(ui: &mut Ui, cx: &mut PanelContext<'_>) {
    let portfolio = cx.portfolio;
    egui::Grid::new("merge_conflicts")
        .num_columns(4)
        .striped(true)
        .min_col_width(VALUE_WIDTH / 2.0)
        .spacing([16.0, 6.0])
        .show(ui, |ui| {
            ui.label(RichText::new("Where").weak());
            ui.label(RichText::new("This branch").weak());
            ui.label(RichText::new("The other branch").weak());
            ui.label(RichText::new("Now").weak());
            ui.end_row();
            for (index, conflict) in portfolio.conflicts.iter().enumerate().take(ROWS_SHOWN) {
                conflict_row(ui, cx, portfolio, index, conflict);
                ui.end_row();
            }
        });
    let more = portfolio.conflicts.len().saturating_sub(ROWS_SHOWN);
    if more > 0 {
        ui.label(
            RichText::new(format!(
                "and {more} more, shown as these are settled; capmap check lists them all"
            ))
            .weak(),
        );
    }
}

/// Rows drawn at once: a merge of two very different files can leave
/// thousands, and every row is laid out each frame.
const ROWS_SHOWN: usize = 100;

/// How wide a value may grow before it wraps.
const VALUE_WIDTH: f32 = 320.0;

fn conflict_row(
    ui: &mut Ui,
    cx: &mut PanelContext<'_>,
    portfolio: &Portfolio,
    index: usize,
    conflict: &MergeConflict,
) {
    let place = conflict.place(portfolio);
    let capability = match conflict.at.as_slice() {
        [list, id, ..] if list == "capabilities" && portfolio.capability(id).is_some() => {
            Some(id.clone())
        }
        _ => None,
    };
    match capability {
        // The place selects the capability, to edit it in the inspector.
        Some(id) => {
            if ui
                .link(&place)
                .on_hover_text("Select it, to edit it in the inspector")
                .clicked()
            {
                cx.send(Command::Select(Some(id)));
            }
        }
        None => {
            ui.label(&place);
        }
    }
    let removal = conflict.is_removal();
    for (value, pick, side) in [
        (conflict.ours.as_ref(), Pick::Ours, "this branch's"),
        (conflict.theirs.as_ref(), Pick::Theirs, "the other branch's"),
    ] {
        ui.vertical(|ui| {
            ui.set_max_width(VALUE_WIDTH);
            ui.label(conflict.text(value, portfolio));
            let (label, hover) = match (removal, value.is_some()) {
                (true, false) => (
                    "Remove it",
                    format!("Remove {place}, as {side} version did"),
                ),
                (true, true) => ("Keep it", format!("Keep {place} as it is now")),
                (false, _) => ("Use this", format!("Set {place} to {side} value")),
            };
            if ui.button(label).on_hover_text(hover).clicked() {
                // Keeping a removed item keeps it as it is now, with any
                // edits made since the merge.
                let pick = if removal && value.is_some() {
                    Pick::Current
                } else {
                    pick
                };
                cx.edit(Edit::ResolveConflict { index, pick });
            }
        });
    }
    ui.vertical(|ui| {
        ui.set_max_width(VALUE_WIDTH);
        if removal {
            ui.label(RichText::new("kept until you choose").weak());
        } else {
            let now = conflict.current(portfolio);
            ui.label(conflict.text(now.as_ref(), portfolio));
            if ui
                .button("Keep as it is")
                .on_hover_text("Keep what the portfolio holds now, including edits since the merge")
                .clicked()
            {
                cx.edit(Edit::ResolveConflict {
                    index,
                    pick: Pick::Current,
                });
            }
        }
    });
}
