//! The review window: conflicts, the exceptions register, the duplication
//! inventory, live weights and the teams, one tab each.

use eframe::egui::{self, RichText, Ui};

use super::{CONFLICT_COLOR, OVERDUE_COLOR, PanelContext, recommendation_color};
use crate::export::{format_measure, plural};
use crate::model::{
    Comparison, Edit, Portfolio, Question, Scorecard, ScoringSettings, conflicts, discuss_first,
    duplication_ranking, exceptions_register, quadrant_switches,
};
use crate::ui::command::Command;
use crate::ui::review_people::{participants_ui, teams_tab};

/// The tabs of the review window.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ReviewTab {
    /// Zone and decision conflicts.
    #[default]
    Conflicts,
    /// Where the room's votes disagree most.
    DiscussFirst,
    /// Every exception, sortable.
    Exceptions,
    /// Capabilities run separately by two or more teams.
    Duplication,
    /// Try other weights and threshold.
    Weights,
    /// Add, rename and remove teams.
    Teams,
    /// What moved since the portfolio being compared with.
    Changes,
    /// The quarterly scorecard.
    Scorecard,
    /// The migration backlog, standard gaps, investment and reviews due.
    Plan,
}

impl ReviewTab {
    /// Every tab, in order.
    pub const ALL: [Self; 9] = [
        Self::Conflicts,
        Self::DiscussFirst,
        Self::Exceptions,
        Self::Duplication,
        Self::Weights,
        Self::Teams,
        Self::Changes,
        Self::Scorecard,
        Self::Plan,
    ];

    /// The tab's title.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Conflicts => "Conflicts",
            Self::DiscussFirst => "Discuss first",
            Self::Exceptions => "Exceptions",
            Self::Duplication => "Duplication",
            Self::Weights => "Weights",
            Self::Teams => "Teams and people",
            Self::Changes => "Since last quarter",
            Self::Scorecard => "Scorecard",
            Self::Plan => "Plan",
        }
    }
}

/// How the exceptions register is sorted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RegisterSort {
    /// Soonest review first.
    #[default]
    ReviewBy,
    /// By capability name.
    Capability,
    /// By approver.
    ApprovedBy,
}

/// The review window's own state (not part of the document).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReviewState {
    /// Whether the window is open.
    pub open: bool,
    /// The tab showing.
    pub tab: ReviewTab,
    /// Weights being tried; the chart follows them until reset or applied.
    pub trial: Option<ScoringSettings>,
    /// The register's sort order.
    pub sort: RegisterSort,
    /// The name typed for a new team.
    pub new_team: String,
    /// The name typed for a new participant.
    pub new_participant: String,
}

/// Draws the review window while it is open.
pub fn review_ui(ctx: &egui::Context, cx: &mut PanelContext<'_>, state: &mut ReviewState) {
    let mut open = state.open;
    // Over the board on the left, not over the chart it changes: the
    // chart stays in view while weights are tried and lists are read.
    let screen = ctx.content_rect();
    egui::Window::new("Review")
        .open(&mut open)
        .default_pos(screen.left_top() + egui::vec2(12.0, 48.0))
        .default_width(520.0_f32.min(screen.width() * 0.3).max(320.0))
        .max_width(screen.width() * 0.45)
        .default_height(420.0_f32.min(screen.height() * 0.7))
        .show(ctx, |ui| {
            ui.horizontal_wrapped(|ui| {
                for tab in ReviewTab::ALL {
                    ui.selectable_value(&mut state.tab, tab, tab.label());
                }
            });
            ui.separator();
            // Wide tables scroll sideways inside the window rather than
            // widening it over the chart.
            egui::ScrollArea::both().show(ui, |ui| match state.tab {
                ReviewTab::Conflicts => conflicts_tab(ui, cx),
                ReviewTab::DiscussFirst => discuss_first_tab(ui, cx),
                ReviewTab::Changes => changes_tab(ui, cx),
                ReviewTab::Scorecard => scorecard_tab(ui, cx),
                ReviewTab::Plan => super::review_plan::plan_tab(ui, cx),
                ReviewTab::Exceptions => exceptions_tab(ui, cx, &mut state.sort),
                ReviewTab::Duplication => duplication_tab(ui, cx),
                ReviewTab::Weights => weights_tab(ui, cx, &mut state.trial),
                ReviewTab::Teams => {
                    teams_tab(ui, cx, &mut state.new_team);
                    ui.separator();
                    participants_ui(ui, cx, &mut state.new_participant);
                }
            });
        });
    state.open = open;
    if !open {
        // Closing the window drops weights that were only being tried.
        state.trial = None;
    }
}

pub(super) fn select_button(ui: &mut Ui, cx: &mut PanelContext<'_>, id: &str, name: &str) {
    if ui.selectable_label(cx.is_selected(id), name).clicked() {
        cx.send(Command::Select(Some(id.to_owned())));
    }
}

fn conflicts_tab(ui: &mut Ui, cx: &mut PanelContext<'_>) {
    let portfolio = cx.portfolio;
    let mut any = false;
    egui::Grid::new("conflicts")
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            for capability in &portfolio.capabilities {
                for conflict in conflicts(capability, &portfolio.scoring) {
                    any = true;
                    select_button(ui, cx, &capability.id, &capability.name);
                    let color = if conflict.is_severe() {
                        CONFLICT_COLOR
                    } else {
                        ui.visuals().text_color()
                    };
                    // Wrapped to the window, not widening it over the chart.
                    ui.add(egui::Label::new(RichText::new(conflict.message()).color(color)).wrap());
                    ui.end_row();
                }
            }
        });
    if !any {
        ui.label(RichText::new("No conflicts: every zone agrees with its scores and every differing decision has a rationale.").weak());
    }
}

fn scorecard_tab(ui: &mut Ui, cx: &mut PanelContext<'_>) {
    // The later quarter's scorecard, against the earlier one.
    let card = match cx.comparison {
        Some(comparison) => {
            let (earlier, later) = comparison.earlier_later(cx.portfolio);
            Scorecard::new(later, Some(earlier), cx.today)
        }
        None => Scorecard::new(cx.portfolio, None, cx.today),
    };
    let heading = |ui: &mut Ui, text: &str| {
        ui.add_space(4.0);
        ui.label(RichText::new(text).strong());
    };
    match &card.baseline {
        Some(baseline) => {
            ui.label(format!("{}, compared with {baseline}.", card.title));
            heading(ui, "Moved from team-owned to shared");
            if card.moved_to_shared.is_empty() {
                ui.label(RichText::new("Nothing moved this quarter.").weak());
            }
            for name in &card.moved_to_shared {
                ui.label(name);
            }
        }
        None => {
            ui.horizontal_wrapped(|ui| {
                ui.label(format!(
                    "{}. Compare with last quarter to see moves and metrics.",
                    card.title
                ));
                if ui.button("Compare with…").clicked() {
                    cx.send(Command::Compare);
                }
            });
        }
    }
    heading(ui, "Exceptions");
    ui.label(format!(
        "{} open, {} overdue",
        card.open_exceptions,
        card.overdue_exceptions.len()
    ));
    for (capability, reason, review_by) in &card.overdue_exceptions {
        ui.colored_label(
            OVERDUE_COLOR,
            format!("{capability}: {reason} (due {review_by})"),
        );
    }
    heading(ui, "Most duplicated");
    for (name, copies) in &card.top_duplications {
        ui.label(format!(
            "{name}: {}",
            plural(*copies, "separate copy", "separate copies")
        ));
    }
    heading(ui, "Biggest disagreements");
    if card.biggest_disagreements.is_empty() {
        ui.label(RichText::new("No revealed votes disagree.").weak());
    }
    for (name, spread) in &card.biggest_disagreements {
        ui.label(format!(
            "{name}: votes {} apart",
            plural(usize::from(*spread), "point", "points")
        ));
    }
    super::review_plan::scorecard_follow_up(ui, &card);
    if card.baseline.is_some() {
        heading(ui, "Metrics");
        if card.metric_changes.is_empty() {
            ui.label(RichText::new("No metric measured in both quarters changed.").weak());
        }
        for change in &card.metric_changes {
            let text = format!(
                "{}: {} {} → {} {}",
                change.capability,
                change.metric.label().to_lowercase(),
                format_measure(change.before),
                format_measure(change.after),
                change.metric.unit()
            );
            let color = if change.improved {
                egui::Color32::from_rgb(0x3a, 0xa8, 0x5a)
            } else {
                CONFLICT_COLOR
            };
            ui.colored_label(color, text);
        }
    }
}

/// Which way the changes read: "From 2026-Q3 (this file) to 2026-Q4
/// (the compared file):".
#[must_use]
pub fn comparison_direction(comparison: Comparison<'_>, open: &Portfolio) -> String {
    let name = |p: &Portfolio| p.quarter.clone().unwrap_or_else(|| p.name.clone());
    let (earlier, later) = comparison.earlier_later(open);
    let (earlier_is, later_is) = if comparison.other_is_later {
        ("this file", "the compared file")
    } else {
        ("the compared file", "this file")
    };
    format!(
        "From {} ({earlier_is}) to {} ({later_is}):",
        name(earlier),
        name(later)
    )
}

fn changes_tab(ui: &mut Ui, cx: &mut PanelContext<'_>) {
    let Some(comparison) = cx.comparison else {
        ui.label("Compare with last quarter's file (File > Compare with…) to see what moved.");
        if ui.button("Compare with…").clicked() {
            cx.send(Command::Compare);
        }
        return;
    };
    let changes = comparison.diff(cx.portfolio);
    ui.horizontal_wrapped(|ui| {
        ui.label(comparison_direction(comparison, cx.portfolio));
        ui.label(format!(
            "{} changed, {} new, {} removed.",
            changes.changed.len(),
            changes.added.len(),
            changes.removed.len()
        ));
        if ui.button("Stop comparing").clicked() {
            cx.send(Command::StopComparing);
        }
    });
    let shared: Vec<_> = changes
        .changed
        .iter()
        .filter(|c| c.moved_to_shared())
        .collect();
    if !shared.is_empty() {
        ui.label(RichText::new("Moved from team-owned to shared").strong());
        for change in shared {
            select_button(ui, cx, &change.id, &change.name);
        }
    }
    // Its own heading, as in `capmap diff`: without it every change read
    // as one more capability moved to shared, some of them twice.
    if !changes.changed.is_empty() {
        ui.label(RichText::new("Changed").strong());
    }
    egui::Grid::new("changes")
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            for change in &changes.changed {
                select_button(ui, cx, &change.id, &change.name);
                let mut parts = Vec::new();
                if let Some((from, to)) = change.zone {
                    parts.push(format!("zone {from} → {to}"));
                }
                if let Some((from, to)) = change.quadrant {
                    let name = |r: Option<crate::model::Recommendation>| {
                        r.map_or("to score", |r| r.label())
                    };
                    parts.push(format!("{} → {}", name(from), name(to)));
                }
                if let Some((from, to)) = change.decision {
                    parts.push(format!("decided {from} → {to}"));
                }
                for (question, from, to) in &change.scores {
                    let show = |s: &Option<u8>| s.map_or_else(|| "–".to_owned(), |v| v.to_string());
                    parts.push(format!("{question} {} → {}", show(from), show(to)));
                }
                ui.label(parts.join("; "));
                ui.end_row();
            }
        });
    for (title, list, selectable) in [
        ("New", &changes.added, true),
        ("Removed", &changes.removed, false),
    ] {
        if list.is_empty() {
            continue;
        }
        ui.label(RichText::new(title).strong());
        for (id, name) in list {
            if selectable {
                select_button(ui, cx, id, name);
            } else {
                ui.label(RichText::new(name).strikethrough());
            }
        }
    }
}

fn discuss_first_tab(ui: &mut Ui, cx: &mut PanelContext<'_>) {
    let ranked = discuss_first(cx.portfolio);
    ui.label("Revealed capabilities where the votes spread furthest apart: talk, then vote again.");
    if ranked.is_empty() {
        ui.label(RichText::new("No revealed votes disagree yet.").weak());
        return;
    }
    egui::Grid::new("discuss_first")
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            for capability in ranked {
                select_button(ui, cx, &capability.id, &capability.name);
                let spreads: Vec<String> = Question::ALL
                    .iter()
                    .filter_map(|q| {
                        let spread = capability.spread(*q)?;
                        (spread.width() > 0)
                            .then(|| format!("{} {}–{}", q.short(), spread.low, spread.high))
                    })
                    .collect();
                ui.label(spreads.join(", "));
                ui.end_row();
            }
        });
}

fn exceptions_tab(ui: &mut Ui, cx: &mut PanelContext<'_>, sort: &mut RegisterSort) {
    let mut entries = exceptions_register(cx.portfolio, cx.today);
    match sort {
        RegisterSort::ReviewBy => {}
        RegisterSort::Capability => {
            entries.sort_by(|a, b| a.capability.name.cmp(&b.capability.name));
        }
        RegisterSort::ApprovedBy => {
            entries.sort_by(|a, b| a.exception.approved_by.cmp(&b.exception.approved_by));
        }
    }
    if entries.is_empty() {
        ui.label(RichText::new("No exceptions recorded.").weak());
        return;
    }
    let overdue = entries.iter().filter(|e| e.overdue).count();
    ui.label(format!(
        "{}, {overdue} overdue. Click a heading to sort.",
        plural(entries.len(), "exception", "exceptions")
    ));
    egui::Grid::new("register")
        .num_columns(4)
        .striped(true)
        .show(ui, |ui| {
            for (title, key) in [
                ("Capability", RegisterSort::Capability),
                ("Reason", RegisterSort::ReviewBy),
                ("Approved by", RegisterSort::ApprovedBy),
                ("Review by", RegisterSort::ReviewBy),
            ] {
                let text = RichText::new(title).strong();
                let text = if *sort == key && title != "Reason" {
                    text.underline()
                } else {
                    text
                };
                if ui.selectable_label(false, text).clicked() {
                    *sort = key;
                }
            }
            ui.end_row();
            for entry in &entries {
                select_button(ui, cx, &entry.capability.id, &entry.capability.name);
                ui.label(&entry.exception.reason);
                ui.label(&entry.exception.approved_by);
                let date = entry.exception.review_by.to_string();
                if entry.overdue {
                    ui.label(
                        RichText::new(format!("{date} overdue"))
                            .color(OVERDUE_COLOR)
                            .strong(),
                    );
                } else {
                    ui.label(date);
                }
                ui.end_row();
            }
        });
}

fn duplication_tab(ui: &mut Ui, cx: &mut PanelContext<'_>) {
    let ranked = duplication_ranking(cx.portfolio);
    ui.label("Capabilities two or more teams run separately, most copies first: where a shared service would save the most.");
    if ranked.is_empty() {
        ui.label(RichText::new("Nothing is run separately by two or more teams.").weak());
        return;
    }
    egui::Grid::new("duplication")
        .num_columns(3)
        .striped(true)
        .show(ui, |ui| {
            for capability in ranked {
                select_button(ui, cx, &capability.id, &capability.name);
                ui.label(
                    RichText::new(plural(capability.duplication(), "copy", "copies")).strong(),
                );
                let teams: Vec<&str> = capability
                    .duplicated_by
                    .iter()
                    .map(|t| cx.portfolio.team_name(t))
                    .collect();
                ui.label(teams.join(", "));
                ui.end_row();
            }
        });
}

/// The narrowest a weight slider gets: 20 steps of at least 12 points.
pub const WEIGHT_SLIDER_MIN: f32 = 240.0;

fn weights_tab(ui: &mut Ui, cx: &mut PanelContext<'_>, trial: &mut Option<ScoringSettings>) {
    let saved = cx.portfolio.scoring;
    let mut settings = trial.unwrap_or(saved);
    ui.label("Try other weights: the chart follows, and the list shows every capability that changes quadrant.");
    // Wide enough that one step of a weight (a quarter) is a deliberate
    // move of the mouse, not a twitch; the arrow keys step too.
    ui.spacing_mut().slider_width = (ui.available_width() - 130.0).clamp(WEIGHT_SLIDER_MIN, 420.0);
    let mut changed = false;
    for (label, value) in [
        ("Reuse weight", &mut settings.reuse_weight),
        ("Cost weight", &mut settings.cost_weight),
        ("Risk weight", &mut settings.risk_weight),
    ] {
        changed |= ui
            .add(
                egui::Slider::new(value, 0.0..=5.0)
                    .step_by(0.25)
                    .text(label),
            )
            .changed();
    }
    changed |= ui
        .add(
            egui::Slider::new(&mut settings.threshold, 1.0..=5.0)
                .step_by(0.1)
                .text("Threshold"),
        )
        .changed();
    if changed {
        *trial = Some(settings);
    }
    let differs = settings != saved;
    ui.horizontal(|ui| {
        if ui
            .add_enabled(differs, egui::Button::new("Reset"))
            .clicked()
        {
            *trial = None;
        }
        if ui
            .add_enabled(differs, egui::Button::new("Apply"))
            .clicked()
        {
            cx.edit(Edit::SetScoring(settings));
            *trial = None;
        }
    });
    if settings.reuse_weight + settings.cost_weight + settings.risk_weight <= 0.0 {
        ui.colored_label(CONFLICT_COLOR, "At least one weight must be above 0.");
        return;
    }
    let switches = quadrant_switches(cx.portfolio, &settings);
    ui.separator();
    if switches.is_empty() {
        ui.label(RichText::new("No capability changes quadrant.").weak());
    } else {
        ui.label(RichText::new(format!("{} change quadrant:", switches.len())).strong());
    }
    egui::Grid::new("switches").num_columns(2).show(ui, |ui| {
        for switch in &switches {
            select_button(ui, cx, &switch.id, &switch.name);
            ui.horizontal(|ui| {
                ui.label(
                    RichText::new(switch.from.label()).color(recommendation_color(switch.from)),
                );
                ui.label("→");
                ui.label(RichText::new(switch.to.label()).color(recommendation_color(switch.to)));
            });
            ui.end_row();
        }
    });
}
