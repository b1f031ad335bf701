//! The review window's "Plan" tab: the migration backlog in order, with
//! the reason for each place and buttons to reorder it by hand; the gaps
//! against the minimum standard; the investment the platform needs; and
//! the decisions due for review.

use eframe::egui::{self, RichText, Ui};

use super::review::select_button;
use super::{CONFLICT_COLOR, OVERDUE_COLOR, PanelContext};
use crate::export::{format_measure, plural};
use crate::model::{Edit, Plan, Scorecard};

pub(super) fn plan_tab(ui: &mut Ui, cx: &mut PanelContext<'_>) {
    let plan = Plan::of(cx.portfolio, cx.today);
    ui.label(RichText::new("Migration backlog").strong());
    if plan.backlog.is_empty() {
        ui.label(
            RichText::new(
                "Nothing to migrate: no capability decided Orchestrate or Rationalize is still \
                 run by teams.",
            )
            .weak(),
        );
    } else {
        backlog_ui(ui, cx, &plan);
    }
    ui.add_space(8.0);
    ui.label(RichText::new("Gaps against the minimum standard").strong());
    if plan.standard_gaps.is_empty() {
        ui.label(RichText::new("Every capability teams run meets the minimum standard.").weak());
    }
    for gap in &plan.standard_gaps {
        ui.horizontal_wrapped(|ui| {
            select_button(ui, cx, &gap.id, &gap.name);
            ui.label(RichText::new(format!("({})", gap.run_by_teams_because)).weak());
            ui.colored_label(
                CONFLICT_COLOR,
                format!("missing {}", gap.missing.join(", ")),
            );
        });
    }
    ui.add_space(8.0);
    ui.label(RichText::new("Investment needed").strong());
    if plan.investment.is_empty() {
        ui.label(RichText::new("The platform team can support everything it is to run.").weak());
    }
    for investment in &plan.investment {
        ui.horizontal_wrapped(|ui| {
            select_button(ui, cx, &investment.id, &investment.name);
            ui.label(&investment.advice);
        });
    }
    ui.add_space(8.0);
    ui.label(RichText::new("Decisions to look at again").strong());
    if plan.reviews.is_empty() {
        ui.label(RichText::new("No decision is due for review by the end of next quarter.").weak());
    }
    for review in &plan.reviews {
        ui.horizontal_wrapped(|ui| {
            select_button(ui, cx, &review.id, &review.name);
            ui.label(review.decision.label());
            if review.overdue {
                ui.colored_label(OVERDUE_COLOR, format!("overdue since {}", review.due));
            } else {
                ui.label(format!("due {}", review.due));
            }
        });
    }
}

fn backlog_ui(ui: &mut Ui, cx: &mut PanelContext<'_>, plan: &Plan) {
    let ids: Vec<String> = plan.backlog.iter().map(|i| i.id.clone()).collect();
    let mut moved: Option<(usize, usize)> = None;
    // One block per item: what and where on the first line, why below it,
    // wrapped to the window (a table would push the reasons off to the
    // right of a narrow window).
    for (index, item) in plan.backlog.iter().enumerate() {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(format!("{}.", index + 1)).strong());
            let up = ui.add_enabled(index > 0, egui::Button::new("↑").small());
            if up.on_hover_text(format!("Move {} up", item.name)).clicked() {
                moved = Some((index, index - 1));
            }
            let down = ui.add_enabled(index + 1 < ids.len(), egui::Button::new("↓").small());
            if down
                .on_hover_text(format!("Move {} down", item.name))
                .clicked()
            {
                moved = Some((index, index + 1));
            }
            select_button(ui, cx, &item.id, &item.name);
            let status = match &item.target_quarter {
                Some(quarter) => format!("{}, by {quarter}", item.status),
                None => item.status.to_string(),
            };
            ui.label(status);
            ui.label(
                RichText::new(format!(
                    "· own copies {} · shared {}",
                    item.copies, item.adopted
                ))
                .weak(),
            )
            .on_hover_text("Teams still running their own copy · teams on the shared service");
        });
        ui.indent(("backlog item", &item.id), |ui| {
            if item.shadow_tooling {
                ui.colored_label(
                    CONFLICT_COLOR,
                    "Shadow tooling: copies after the target quarter",
                );
            }
            ui.add(egui::Label::new(RichText::new(&item.reason).weak()).wrap());
            let mut help = Vec::new();
            if !item.guide.is_empty() {
                help.push(format!("Guide: {}", item.guide));
            }
            if !item.contact.is_empty() {
                help.push(format!("Help: {}", item.contact));
            }
            if !help.is_empty() {
                ui.add(egui::Label::new(RichText::new(help.join(" · ")).small()).wrap());
            }
        });
        ui.add_space(4.0);
    }
    if let Some((from, to)) = moved {
        let mut order = ids;
        order.swap(from, to);
        cx.edit(Edit::SetBacklogOrder { order });
    }
    if !cx.portfolio.backlog_order.is_empty()
        && ui
            .button("Rank by friction again")
            .on_hover_text("Forget the order set by hand")
            .clicked()
    {
        cx.edit(Edit::SetBacklogOrder { order: Vec::new() });
    }
}

/// The scorecard's decisions to review, standard gaps, shadow tooling,
/// targets and trends.
pub(super) fn scorecard_follow_up(ui: &mut Ui, card: &Scorecard) {
    let heading = |ui: &mut Ui, text: &str| {
        ui.add_space(4.0);
        ui.label(RichText::new(text).strong());
    };
    heading(ui, "Decisions to review");
    if card.overdue_reviews.is_empty() {
        ui.label(RichText::new("No decision is past its review date.").weak());
    }
    for (capability, decision, due) in &card.overdue_reviews {
        ui.colored_label(
            OVERDUE_COLOR,
            format!("{capability}: {decision} (review was due {due})"),
        );
    }
    heading(ui, "Minimum standard and adoption");
    ui.label(plural(
        card.standard_gaps,
        "capability teams run falls short of the minimum standard",
        "capabilities teams run fall short of the minimum standard",
    ));
    for name in &card.shadow_tooling {
        ui.colored_label(
            CONFLICT_COLOR,
            format!("{name}: shadow tooling, teams still run copies after the target quarter"),
        );
    }
    if !card.targets.is_empty() {
        heading(ui, "Targets");
        for check in &card.targets {
            let text = format!(
                "{}: {} {} {} {}, measured {}",
                check.capability,
                check.metric.label().to_lowercase(),
                check.direction.label(),
                format_measure(check.target),
                check.metric.unit(),
                check
                    .measured
                    .map_or_else(|| "nothing yet".to_owned(), format_measure),
            );
            match check.on_track {
                Some(true) => ui.label(format!("{text} (on track)")),
                Some(false) => ui.colored_label(CONFLICT_COLOR, format!("{text} (off track)")),
                None => ui.label(RichText::new(format!("{text} (not measured)")).weak()),
            };
        }
    }
    if !card.trends.is_empty() {
        heading(ui, "Since the baseline (fewer is better)");
        for trend in &card.trends {
            let text = format!(
                "{}: {} → {}, {}",
                trend.measure,
                trend.before,
                trend.after,
                trend.moved()
            );
            match trend.after.cmp(&trend.before) {
                std::cmp::Ordering::Greater => ui.colored_label(CONFLICT_COLOR, text),
                _ => ui.label(text),
            };
        }
    }
}
