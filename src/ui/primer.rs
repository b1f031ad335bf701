//! The framework primer: the warm-up the room sees before sorting starts.

use eframe::egui::{self, RichText, Ui};

use super::{recommendation_color, zone_color};
use crate::model::{Question, Recommendation, Zone};

/// What each zone is for, in the words the facilitator uses.
fn zone_text(zone: Zone) -> &'static str {
    match zone {
        Zone::Commodity => {
            "Plumbing every team needs and no customer ever sees: provisioning, templates, \
             standard monitoring. Building it twice buys nothing."
        }
        Zone::Differentiator => {
            "Close to what customers pay for. Local control can be worth its cost when it \
             makes the product faster, smarter or cheaper to run."
        }
        Zone::RegulatedControl => {
            "Identity, audit, retention, access. A control that has to hold everywhere, \
             because one gap is a finding for the whole company."
        }
        Zone::Unplaced => "Not sorted yet.",
    }
}

/// When to land in each quadrant.
fn quadrant_text(recommendation: Recommendation) -> &'static str {
    match recommendation {
        Recommendation::Orchestrate => {
            "Strong pull to share, little to gain from tailoring: a platform team runs it as a \
             product and makes the standard path the easy one."
        }
        Recommendation::Hybrid => {
            "Worth sharing and worth tailoring: the platform owns the common core, teams own \
             the edge, and the boundary is written down."
        }
        Recommendation::Operate => {
            "Little pull to share, real advantage in tailoring: the product team owns it end to \
             end, on top of the baseline every team keeps."
        }
        Recommendation::Rationalize => {
            "Neither shared much nor special: stop investing. Buy it, simplify it, or ask again \
             next quarter."
        }
    }
}

/// The two models side by side (framework §7): what each dimension looks
/// like when teams operate, when a platform orchestrates, and which fits
/// where.
const SIDE_BY_SIDE: [[&str; 4]; 7] = [
    [
        "Speed of decisions",
        "Quick inside a team, uneven across teams",
        "Quick on the paved path, slow if every change waits for approval",
        "Operate to experiment; orchestrate what repeats",
    ],
    [
        "Cost",
        "Every team pays for its own copy and its upkeep",
        "One shared service, paid for once",
        "Orchestrate commodities and shared controls",
    ],
    [
        "Risk control",
        "Each team enforces the rules its own way",
        "One set of guardrails, one audit",
        "Orchestrate identity, security and compliance",
    ],
    [
        "Team autonomy",
        "Full ownership, tailored to the product",
        "Fewer choices, more standards",
        "Operate where the product is different",
    ],
    [
        "Onboarding",
        "As fast as the team is mature",
        "Usually faster: templates ready on day one",
        "Orchestrate where many teams start",
    ],
    [
        "Incidents",
        "Each team's own runbooks",
        "Shared telemetry, one process",
        "Orchestrate observability and alerting",
    ],
    [
        "Innovation",
        "Strong for local experiments",
        "Strong for doing it again at scale",
        "Operate early; orchestrate once it is common",
    ],
];

/// Draws the primer; `size` is the body text size (bigger when presenting).
pub fn primer_ui(ui: &mut Ui, size: f32) {
    let heading = |text: &str| RichText::new(text).size(size * 1.3).strong();
    let body = |text: &str| RichText::new(text).size(size);
    ui.label(heading("Operate or orchestrate?"));
    ui.label(body(
        "For each capability the room decides who runs it: a central platform team \
         (orchestrate) or the product teams that use it (operate). Sort first, score second, \
         decide last, and write down why.",
    ));
    ui.add_space(size * 0.6);

    ui.label(heading("1. Sort into three zones"));
    for zone in [
        Zone::Commodity,
        Zone::Differentiator,
        Zone::RegulatedControl,
    ] {
        ui.horizontal_wrapped(|ui| {
            ui.label(body(zone.label()).strong().color(zone_color(zone)));
            ui.label(body(zone_text(zone)));
        });
    }
    ui.add_space(size * 0.6);

    ui.label(heading("2. Score four questions, 1 to 5"));
    for question in Question::ALL {
        let (low, high) = question.scale();
        ui.horizontal_wrapped(|ui| {
            ui.label(body(question.text()).strong());
            ui.label(body(&format!("(1 {low}, 5 {high})")).weak());
        });
    }
    ui.label(body(
        "Reuse, cost and risk together are the pull to centralize; differentiation pulls \
         the other way. A score at or above the threshold (3 unless the room changes it) \
         counts as high.",
    ));
    ui.add_space(size * 0.6);

    ui.label(heading("3. Read the quadrant"));
    egui::Grid::new("primer_quadrants")
        .num_columns(2)
        .spacing([size, size * 0.4])
        .show(ui, |ui| {
            for recommendation in Recommendation::ALL {
                ui.label(
                    body(recommendation.label())
                        .strong()
                        .color(recommendation_color(recommendation)),
                );
                ui.label(body(quadrant_text(recommendation)));
                ui.end_row();
            }
        });
    ui.add_space(size * 0.6);

    ui.label(heading("4. Decide, own, review"));
    ui.label(body(
        "The recommendation is a starting point, not a verdict. Record the decision, one \
         owner, how to escalate and where support stops. Exceptions are allowed when they \
         have a reason, an approver and a review date. A differentiator the scores call \
         commodity, or a regulated control nobody owns centrally, is the best discussion of \
         the day.",
    ));
    ui.add_space(size * 0.6);

    ui.label(heading("5. Operate or orchestrate, side by side"));
    egui::Grid::new("primer_side_by_side")
        .num_columns(4)
        .striped(true)
        .spacing([size * 0.8, size * 0.3])
        .show(ui, |ui| {
            for title in ["", "Operate", "Orchestrate", "Best fit"] {
                ui.label(body(title).strong());
            }
            ui.end_row();
            // A quarter of the width each, wrapped, so the table fits the
            // wall at presentation size.
            let column = (ui.available_width() / 4.0 - size).max(size * 6.0);
            for row in SIDE_BY_SIDE {
                for (i, cell) in row.into_iter().enumerate() {
                    let text = if i == 0 {
                        body(cell).strong()
                    } else {
                        body(cell)
                    };
                    ui.scope(|ui| {
                        ui.set_max_width(column);
                        ui.add(egui::Label::new(text).wrap());
                    });
                }
                ui.end_row();
            }
        });
    ui.add_space(size * 0.6);

    ui.label(heading("6. After the room decides"));
    ui.label(body(
        "Ask whether the platform team can run it well today; if not, it is an investment \
         first. Every team meets the minimum standard, whatever it runs itself. What the room \
         chose to share and teams still run becomes the migration backlog, most friction \
         first, each with a guide and a named contact. Teams that keep their own copy past \
         the target are shadow tooling: a sign the shared path is too slow or too hard. Look \
         at every decision again next quarter.",
    ));
}
