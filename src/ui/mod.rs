//! The desktop app's panels. Each draws from a read-only portfolio and
//! queues `Command`s; the app shell applies them after the frame.

pub mod board;
pub mod chart;
pub mod dialogs;
pub mod inspector;
pub mod menu_bar;
pub mod status_bar;
mod widgets;

use eframe::egui::Color32;

use crate::app::Command;
use crate::model::{Date, Portfolio, Question, Recommendation, Zone};

/// What the app remembers about the view, apart from the document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ViewState {
    /// The selected capability's id; shared by board, chart and inspector.
    pub selected: Option<String>,
    /// Which question the next typed digit answers (quick scoring).
    pub score_cursor: usize,
    /// Put the keyboard focus in the inspector's name field next frame.
    pub focus_name: bool,
}

impl ViewState {
    /// The question the next digit answers.
    #[must_use]
    pub fn next_question(&self) -> Question {
        Question::ALL[self.score_cursor % Question::ALL.len()]
    }
}

/// What every panel gets for one frame.
pub struct PanelContext<'a> {
    /// The document, read-only while drawing.
    pub portfolio: &'a Portfolio,
    /// Selection and other view state.
    pub view: &'a ViewState,
    /// The day exceptions are judged against.
    pub today: Date,
    /// Where panels put what the user asked for.
    pub commands: &'a mut Vec<Command>,
}

impl PanelContext<'_> {
    /// Queues a command for after the frame.
    pub fn send(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// True when `id` is the selected capability.
    #[must_use]
    pub fn is_selected(&self, id: &str) -> bool {
        self.view.selected.as_deref() == Some(id)
    }
}

/// A zone's colour (Okabe–Ito palette: tells apart with colour blindness).
#[must_use]
pub fn zone_color(zone: Zone) -> Color32 {
    match zone {
        Zone::Unplaced => Color32::from_rgb(0x8c, 0x8c, 0x8c),
        Zone::Commodity => Color32::from_rgb(0x00, 0x72, 0xb2),
        Zone::Differentiator => Color32::from_rgb(0xe6, 0x9f, 0x00),
        Zone::RegulatedControl => Color32::from_rgb(0xcc, 0x79, 0xa7),
    }
}

/// A recommendation's colour, for badges and quadrant shading.
#[must_use]
pub fn recommendation_color(recommendation: Recommendation) -> Color32 {
    match recommendation {
        Recommendation::Orchestrate => Color32::from_rgb(0x2f, 0x7e, 0xd8),
        Recommendation::Hybrid => Color32::from_rgb(0x8e, 0x5c, 0xd8),
        Recommendation::Operate => Color32::from_rgb(0xd8, 0x7a, 0x1f),
        Recommendation::Rationalize => Color32::from_rgb(0x7a, 0x80, 0x8a),
    }
}

/// The colour of conflict markers.
pub const CONFLICT_COLOR: Color32 = Color32::from_rgb(0xe0, 0x4a, 0x3a);
/// The colour of overdue markers.
pub const OVERDUE_COLOR: Color32 = Color32::from_rgb(0xd9, 0x8e, 0x04);
