//! The desktop app's panels. Each draws from a read-only portfolio and
//! queues `Command`s; the app shell applies them after the frame.

pub mod board;
mod card;
mod card_name;
pub mod chart;
mod chart_index;
mod chart_legend;
mod chart_marks;
mod chart_sprites;
pub mod command;
pub mod dialogs;
pub mod inspector;
mod inspector_follow_up;
mod inspector_votes;
mod kept_mesh;
mod kept_pieces;
pub mod menu_bar;
pub mod merge_panel;
pub mod presentation;
pub mod primer;
pub mod review;
mod review_people;
mod review_plan;
pub mod status_bar;
pub mod theme;
mod widgets;

pub use kept_mesh::repaint_if_atlas_grew;

use eframe::egui::Color32;

use crate::export::{LabelMode, palette};
use crate::model::{Comparison, Date, Decision, Portfolio, Question, Recommendation, Zone};
use command::Command;

/// What the app remembers about the view, apart from the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ViewState {
    /// The selected capability's id; shared by board, chart and inspector.
    pub selected: Option<String>,
    /// After a zone key, which question the next digit answers: the quick
    /// scoring sequence (zone, then four digits) rescoring every question.
    /// `None` outside it, where a digit only answers an open question.
    pub quick_scoring: Option<usize>,
    /// The questions answered by digits since the card was selected, last
    /// last: Backspace takes back only these.
    pub typed: Vec<Question>,
    /// Put the keyboard focus in the inspector's name field next frame.
    pub focus_name: bool,
    /// Put the keyboard focus in the inspector's rationale next frame.
    pub focus_rationale: bool,
    /// Whether the zone board is shown.
    pub show_board: bool,
    /// Whether the inspector is shown.
    pub show_inspector: bool,
}

impl Default for ViewState {
    fn default() -> Self {
        Self {
            selected: None,
            quick_scoring: None,
            typed: Vec::new(),
            focus_name: false,
            focus_rationale: false,
            show_board: true,
            show_inspector: true,
        }
    }
}

impl ViewState {
    /// Forgets the selection (another document was opened).
    pub fn reset_selection(&mut self) {
        self.selected = None;
        self.forget_typing();
    }

    /// Ends the quick-scoring sequence and forgets the digits typed.
    pub fn forget_typing(&mut self) {
        self.quick_scoring = None;
        self.typed.clear();
    }

    /// The question the next digit answers on `capability`: the next of
    /// the quick-scoring sequence, else its first open question, else none
    /// (a stray digit must not rescore a fully scored card).
    #[must_use]
    pub fn next_question(&self, capability: &crate::model::Capability) -> Option<Question> {
        match self.quick_scoring {
            Some(cursor) => Question::ALL.get(cursor).copied(),
            None => Question::ALL
                .into_iter()
                .find(|q| capability.scores.get(*q).is_none()),
        }
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
    /// Another quarter's portfolio being compared with, if any.
    pub comparison: Option<Comparison<'a>>,
    /// How the chart names its dots and shows vote spread.
    pub chart: ChartView,
}

/// How the chart is drawn, as chosen in the View menu.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ChartView {
    /// Names, numbers, or names when they all fit.
    pub labels: LabelMode,
    /// Whiskers of the vote spread on every dot, not only the selected one.
    pub vote_spread: bool,
}

impl PanelContext<'_> {
    /// Queues a command for after the frame.
    pub fn send(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// Queues a change to the document for after the frame.
    pub fn edit(&mut self, edit: crate::model::Edit) {
        self.commands.push(Command::Edit(edit));
    }

    /// True when `id` is the selected capability.
    #[must_use]
    pub fn is_selected(&self, id: &str) -> bool {
        self.view.selected.as_deref() == Some(id)
    }
}

/// A zone's colour (see `export::palette`).
#[must_use]
pub fn zone_color(zone: Zone) -> Color32 {
    let [r, g, b] = palette::zone_rgb(zone);
    Color32::from_rgb(r, g, b)
}

/// A recommendation's colour, for badges and quadrant shading.
#[must_use]
pub fn recommendation_color(recommendation: Recommendation) -> Color32 {
    let [r, g, b] = palette::recommendation_rgb(recommendation);
    Color32::from_rgb(r, g, b)
}

/// A recorded decision's colour: that of the quadrant it follows, so a
/// decision and the recommendation it agrees with look alike. `None` while
/// undecided.
#[must_use]
pub fn decision_color(decision: Decision) -> Option<Color32> {
    Recommendation::ALL
        .into_iter()
        .find(|r| r.matching_decision() == decision)
        .map(recommendation_color)
}

/// The colour of conflict markers.
pub const CONFLICT_COLOR: Color32 = rgb(palette::CONFLICT_RGB);
/// The colour of overdue markers.
pub const OVERDUE_COLOR: Color32 = rgb(palette::OVERDUE_RGB);

const fn rgb([r, g, b]: [u8; 3]) -> Color32 {
    Color32::from_rgb(r, g, b)
}
