//! Every user action as one `Command`: menus, shortcuts, the help sheet and
//! undo all read from here, so they never disagree.

use std::path::PathBuf;

use eframe::egui::{Key, KeyboardShortcut, Modifiers};

use crate::export::LabelMode;
use crate::model::{Capability, Edit, Zone};
use crate::ui::presentation::PresentView;
use crate::ui::review::ReviewTab;
use crate::ui::theme::Theme;

/// A step of the keyboard selection on the board.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// The card above.
    Up,
    /// The card below.
    Down,
    /// The same row in the zone to the left.
    Left,
    /// The same row in the zone to the right.
    Right,
}

/// One thing the user asked for. UI code only queues commands; the app
/// applies them after the frame, so the document never changes while drawn.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Start an empty portfolio.
    NewPortfolio,
    /// Start next quarter's portfolio from this one: decisions into their
    /// history, reviews and votes afresh.
    StartNextQuarter,
    /// Ask for a file and open it.
    Open,
    /// Open this file.
    OpenPath(PathBuf),
    /// Save to the current file, or ask where when there is none.
    Save,
    /// Ask where and save there.
    SaveAs,
    /// Save to this file and make it the current one.
    SaveTo(PathBuf),
    /// Close the window.
    Quit,
    /// Undo the last edit.
    Undo,
    /// Redo the last undone edit.
    Redo,
    /// Add a capability to the Unplaced zone and select it.
    AddCapability,
    /// Delete the selected capability.
    DeleteCapability,
    /// Select a capability (or nothing).
    Select(Option<String>),
    /// Move the selection on the board.
    SelectStep(Step),
    /// Move the selected capability to a zone (keyboard or menu).
    MoveSelectedTo(Zone),
    /// Move the selected capability one place up (-1) or down (+1) in its zone.
    ReorderSelected(i32),
    /// Move a capability to a zone, just before another card of that zone
    /// (`None`: at the end of the column).
    MoveCard {
        /// The capability.
        id: String,
        /// The target zone.
        zone: Zone,
        /// The card it lands in front of.
        before: Option<String>,
    },
    /// Quick scoring: the typed digit answers the next question of the
    /// selected capability.
    ScoreDigit(u8),
    /// Quick scoring: clear the last answer typed.
    ScoreBackspace,
    /// Replace a capability with an edited copy (from the inspector).
    UpdateCapability(Box<Capability>),
    /// Change the document in a way that names what it changes (see
    /// [`Edit`]); the app records it as an undo step.
    Edit(Edit),
    /// Set the selected capability's decision to what its scores recommend.
    AcceptRecommendation,
    /// Step the selected capability's decision: Undecided, Operate,
    /// Orchestrate, Hybrid, and round again.
    CycleDecision,
    /// Put the cursor in the selected capability's name.
    EditName,
    /// Put the cursor in the selected capability's rationale.
    EditRationale,
    /// Show or hide the zone board.
    ToggleBoard,
    /// Show or hide the inspector.
    ToggleInspector,
    /// Give the chart keyboard focus, so the arrow keys walk its dots.
    FocusChart,
    /// Show the keyboard help.
    ShowHelp,
    /// Show the framework primer.
    ShowPrimer,
    /// Ask for a CSV file of capabilities to import.
    ImportCsv,
    /// Import this CSV file: appended to the open portfolio, or as a new one.
    ImportCsvFrom {
        /// The CSV file.
        path: PathBuf,
        /// Add to the open portfolio instead of starting a new one.
        append: bool,
    },
    /// Ask where to export the chart (SVG or PNG).
    ExportChart,
    /// Export the chart to this file; the extension picks the format.
    ExportChartTo(PathBuf),
    /// Ask where to export the decision log (Markdown or CSV).
    ExportLog,
    /// Export the decision log to this file; the extension picks the format.
    ExportLogTo(PathBuf),
    /// Ask where to write the plan.
    ExportPlan,
    /// Write the plan to this file (its extension picks the format).
    ExportPlanTo(PathBuf),
    /// Go full screen with the chart, large type, no editing chrome.
    StartPresentation,
    /// Leave presentation mode.
    StopPresentation,
    /// Present the next (+1) or previous (-1) capability.
    PresentStep(i32),
    /// Show this view on the wall, or the chart again if it is showing.
    PresentToggle(PresentView),
    /// Change the look.
    SetTheme(Theme),
    /// Name the chart's dots, number them, or choose automatically.
    SetLabels(LabelMode),
    /// Show or hide the vote spread on every dot (the selected one always
    /// shows it).
    ToggleVoteSpread,
    /// Open the review window on a tab.
    ShowReview(ReviewTab),
    /// Ask for a portfolio to compare with.
    Compare,
    /// Compare with this portfolio (usually last quarter's).
    CompareWith(PathBuf),
    /// Stop comparing.
    StopComparing,
    /// Make everything bigger.
    ZoomIn,
    /// Make everything smaller.
    ZoomOut,
    /// Back to normal size.
    ZoomReset,
}

/// The commands that appear in menus and the help sheet, in menu order.
pub const FILE_MENU: &[Command] = &[
    Command::NewPortfolio,
    Command::StartNextQuarter,
    Command::Open,
    Command::Save,
    Command::SaveAs,
    Command::Compare,
    Command::ImportCsv,
    Command::ExportChart,
    Command::ExportLog,
    Command::ExportPlan,
    Command::Quit,
];

/// The Edit menu.
pub const EDIT_MENU: &[Command] = &[
    Command::Undo,
    Command::Redo,
    Command::AddCapability,
    Command::DeleteCapability,
];

/// The View menu.
pub const VIEW_MENU: &[Command] = &[
    Command::StartPresentation,
    Command::ShowReview(ReviewTab::Conflicts),
    Command::ShowReview(ReviewTab::Exceptions),
    Command::ShowReview(ReviewTab::Duplication),
    Command::ShowReview(ReviewTab::Weights),
    Command::ShowReview(ReviewTab::Teams),
    Command::ShowReview(ReviewTab::Plan),
    Command::ToggleBoard,
    Command::ToggleInspector,
    Command::FocusChart,
    Command::ToggleVoteSpread,
    Command::ZoomIn,
    Command::ZoomOut,
    Command::ZoomReset,
];

/// Keys while presenting.
pub const PRESENTATION_KEYS: &[Command] = &[
    Command::PresentStep(1),
    Command::PresentStep(-1),
    Command::PresentToggle(PresentView::Board),
    Command::PresentToggle(PresentView::Primer),
    Command::StopPresentation,
];

/// Board keys, for the help sheet and the shortcut handler.
pub const BOARD_KEYS: &[Command] = &[
    Command::SelectStep(Step::Up),
    Command::SelectStep(Step::Down),
    Command::SelectStep(Step::Left),
    Command::SelectStep(Step::Right),
    Command::ReorderSelected(-1),
    Command::ReorderSelected(1),
    Command::MoveSelectedTo(Zone::Unplaced),
    Command::MoveSelectedTo(Zone::Commodity),
    Command::MoveSelectedTo(Zone::Differentiator),
    Command::MoveSelectedTo(Zone::RegulatedControl),
    Command::ScoreDigit(1),
    Command::ScoreDigit(2),
    Command::ScoreDigit(3),
    Command::ScoreDigit(4),
    Command::ScoreDigit(5),
    Command::ScoreBackspace,
    Command::AcceptRecommendation,
    Command::CycleDecision,
    Command::EditName,
    Command::EditRationale,
    Command::Select(None),
];

const fn key(modifiers: Modifiers, logical_key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, logical_key)
}

const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);
const NONE: Modifiers = Modifiers::NONE;

impl Command {
    /// The text in menus and the help sheet.
    #[must_use]
    pub fn label(&self) -> String {
        match self {
            Self::NewPortfolio => "New".into(),
            Self::StartNextQuarter => "Start next quarter".into(),
            Self::Open => "Open…".into(),
            Self::OpenPath(path) => path.display().to_string(),
            Self::Save => "Save".into(),
            Self::SaveAs | Self::SaveTo(_) => "Save As…".into(),
            Self::Quit => "Quit".into(),
            Self::Undo => "Undo".into(),
            Self::Redo => "Redo".into(),
            Self::AddCapability => "Add capability".into(),
            Self::DeleteCapability => "Delete capability".into(),
            Self::Select(_) => "Clear the selection".into(),
            Self::SelectStep(step) => {
                let (card, dot) = match step {
                    Step::Up => ("above", "above"),
                    Step::Down => ("below", "below"),
                    Step::Left => ("in the zone to the left", "to the left"),
                    Step::Right => ("in the zone to the right", "to the right"),
                };
                format!("Select the card {card} (the chart focused: the nearest dot {dot})")
            }
            Self::MoveSelectedTo(zone) | Self::MoveCard { zone, .. } => format!("Move to {zone}"),
            Self::ReorderSelected(delta) => {
                format!("Move the card {}", if *delta < 0 { "up" } else { "down" })
            }
            Self::ScoreDigit(digit) => format!("Score {digit} for the next question"),
            Self::ScoreBackspace => "Clear the last score typed".into(),
            Self::UpdateCapability(_) => "Edit capability".into(),
            Self::Edit(edit) => edit.label().into(),
            Self::AcceptRecommendation => "Decide as the scores recommend".into(),
            Self::CycleDecision => {
                "Next decision (undecided, operate, orchestrate, hybrid, rationalize)".into()
            }
            Self::EditName => "Rename the selected capability".into(),
            Self::EditRationale => "Write the rationale".into(),
            Self::ToggleBoard => "Show or hide the board".into(),
            Self::ToggleInspector => "Show or hide the inspector".into(),
            Self::FocusChart => "Go to the chart (the arrow keys then walk its dots)".into(),
            Self::ShowHelp => "Keyboard and help".into(),
            Self::ShowPrimer => "Framework primer".into(),
            Self::ImportCsv | Self::ImportCsvFrom { .. } => "Import CSV…".into(),
            Self::ExportChart | Self::ExportChartTo(_) => "Export chart (SVG, PNG)…".into(),
            Self::ExportLog | Self::ExportLogTo(_) => "Export decision log (Markdown, CSV)…".into(),
            Self::ExportPlan | Self::ExportPlanTo(_) => "Export plan (Markdown, CSV)…".into(),
            Self::StartPresentation => "Present".into(),
            Self::StopPresentation => "Leave the presentation".into(),
            Self::PresentStep(delta) => if *delta < 0 {
                "Previous capability"
            } else {
                "Next capability"
            }
            .into(),
            Self::PresentToggle(PresentView::Board) => "Board or chart".into(),
            Self::PresentToggle(PresentView::Primer) => "Primer or chart".into(),
            Self::PresentToggle(PresentView::Chart) => "Chart".into(),
            Self::SetTheme(theme) => theme.label().into(),
            Self::SetLabels(mode) => format!("Chart labels: {}", mode.label()),
            Self::ToggleVoteSpread => "Show or hide the vote spread on every dot".into(),
            Self::ShowReview(tab) => format!("Review: {}", tab.label()),
            Self::Compare | Self::CompareWith(_) => "Compare with…".into(),
            Self::StopComparing => "Stop comparing".into(),
            Self::ZoomIn => "Zoom in".into(),
            Self::ZoomOut => "Zoom out".into(),
            Self::ZoomReset => "Actual size".into(),
        }
    }

    /// The keyboard shortcuts, most specific first. Cmd replaces Ctrl on macOS.
    #[must_use]
    pub fn shortcuts(&self) -> Vec<KeyboardShortcut> {
        match self {
            Self::NewPortfolio => vec![key(CMD, Key::N)],
            Self::Open => vec![key(CMD, Key::O)],
            Self::Save => vec![key(CMD, Key::S)],
            Self::SaveAs => vec![key(CMD_SHIFT, Key::S)],
            Self::Quit => vec![key(CMD, Key::Q)],
            Self::Undo => vec![key(CMD, Key::Z)],
            Self::Redo => vec![key(CMD_SHIFT, Key::Z), key(CMD, Key::Y)],
            Self::AddCapability => vec![key(CMD, Key::Enter)],
            Self::DeleteCapability => vec![key(NONE, Key::Delete)],
            Self::Select(None) => vec![key(NONE, Key::Escape)],
            Self::SelectStep(Step::Up) => vec![key(NONE, Key::ArrowUp)],
            Self::SelectStep(Step::Down) => vec![key(NONE, Key::ArrowDown)],
            Self::SelectStep(Step::Left) => vec![key(NONE, Key::ArrowLeft)],
            Self::SelectStep(Step::Right) => vec![key(NONE, Key::ArrowRight)],
            Self::ReorderSelected(-1) => vec![key(Modifiers::ALT, Key::ArrowUp)],
            Self::ReorderSelected(1) => vec![key(Modifiers::ALT, Key::ArrowDown)],
            Self::MoveSelectedTo(zone) => vec![key(NONE, zone_key(*zone))],
            Self::ScoreDigit(digit) => digit_key(*digit)
                .map(|k| vec![key(NONE, k)])
                .unwrap_or_default(),
            Self::ScoreBackspace => vec![key(NONE, Key::Backspace)],
            Self::AcceptRecommendation => vec![key(NONE, Key::A)],
            Self::CycleDecision => vec![key(Modifiers::SHIFT, Key::D)],
            Self::EditName => vec![key(NONE, Key::F2)],
            Self::EditRationale => vec![key(NONE, Key::Enter)],
            Self::ToggleBoard => vec![key(CMD, Key::B)],
            Self::ToggleInspector => vec![key(CMD, Key::I)],
            Self::FocusChart => vec![key(NONE, Key::F6)],
            Self::ShowHelp => vec![key(NONE, Key::F1)],
            Self::StartPresentation => vec![key(NONE, Key::F5)],
            Self::StopPresentation => vec![key(NONE, Key::Escape), key(NONE, Key::F5)],
            Self::PresentStep(1) => vec![
                key(NONE, Key::ArrowRight),
                key(NONE, Key::Space),
                key(NONE, Key::PageDown),
            ],
            Self::PresentStep(-1) => vec![key(NONE, Key::ArrowLeft), key(NONE, Key::PageUp)],
            Self::PresentToggle(PresentView::Board) => vec![key(NONE, Key::B)],
            Self::PresentToggle(PresentView::Primer) => vec![key(NONE, Key::P)],
            Self::ImportCsv => vec![key(CMD_SHIFT, Key::O)],
            Self::Compare => vec![key(CMD_SHIFT, Key::C)],
            Self::ShowReview(ReviewTab::Conflicts) => vec![key(CMD, Key::R)],
            Self::ExportChart => vec![key(CMD, Key::E)],
            Self::ExportLog => vec![key(CMD_SHIFT, Key::E)],
            Self::ShowReview(ReviewTab::Plan) => vec![key(CMD_SHIFT, Key::P)],
            Self::ExportPlan => vec![key(CMD_SHIFT, Key::L)],
            Self::StartNextQuarter => vec![key(CMD_SHIFT, Key::N)],
            Self::ZoomIn => vec![key(CMD, Key::Plus), key(CMD, Key::Equals)],
            Self::ZoomOut => vec![key(CMD, Key::Minus)],
            Self::ZoomReset => vec![key(CMD, Key::Num0)],
            // Reached from menus, dialogs, the mouse or the digits above.
            Self::OpenPath(_)
            | Self::SaveTo(_)
            | Self::Select(Some(_))
            | Self::ReorderSelected(_)
            | Self::MoveCard { .. }
            | Self::UpdateCapability(_)
            | Self::Edit(_)
            | Self::ShowPrimer
            | Self::ImportCsvFrom { .. }
            | Self::ExportChartTo(_)
            | Self::ExportLogTo(_)
            | Self::ExportPlanTo(_)
            | Self::PresentStep(_)
            | Self::PresentToggle(PresentView::Chart)
            | Self::SetTheme(_)
            | Self::SetLabels(_)
            | Self::ToggleVoteSpread
            | Self::ShowReview(_)
            | Self::CompareWith(_)
            | Self::StopComparing => Vec::new(),
        }
    }

    /// Whether the shortcut works while typing in a text field. Plain keys
    /// (letters, digits, arrows, Delete) belong to the text field then.
    #[must_use]
    pub fn works_while_typing(&self) -> bool {
        self.shortcuts()
            .first()
            .is_some_and(|s| s.modifiers.command || s.logical_key == Key::F1)
    }
}

/// The key that moves the selected card to `zone`.
#[must_use]
pub fn zone_key(zone: Zone) -> Key {
    match zone {
        Zone::Unplaced => Key::U,
        Zone::Commodity => Key::C,
        Zone::Differentiator => Key::D,
        Zone::RegulatedControl => Key::R,
    }
}

fn digit_key(digit: u8) -> Option<Key> {
    match digit {
        1 => Some(Key::Num1),
        2 => Some(Key::Num2),
        3 => Some(Key::Num3),
        4 => Some(Key::Num4),
        5 => Some(Key::Num5),
        _ => None,
    }
}

/// Every command that has a shortcut while editing, most specific shortcut
/// first, so that Ctrl+Shift+S is seen before Ctrl+S consumes it.
#[must_use]
pub fn shortcut_table() -> Vec<(KeyboardShortcut, Command)> {
    table_of(
        FILE_MENU
            .iter()
            .chain(EDIT_MENU)
            .chain(VIEW_MENU)
            .chain(BOARD_KEYS)
            .chain(std::iter::once(&Command::ShowHelp)),
    )
}

/// The shortcuts while presenting: stepping, views, zoom, quit.
#[must_use]
pub fn presentation_table() -> Vec<(KeyboardShortcut, Command)> {
    let always = [
        Command::ZoomIn,
        Command::ZoomOut,
        Command::ZoomReset,
        Command::Quit,
    ];
    table_of(PRESENTATION_KEYS.iter().chain(&always))
}

fn table_of<'a>(commands: impl Iterator<Item = &'a Command>) -> Vec<(KeyboardShortcut, Command)> {
    let mut table: Vec<(KeyboardShortcut, Command)> = commands
        .flat_map(|command| {
            command
                .shortcuts()
                .into_iter()
                .map(move |shortcut| (shortcut, command.clone()))
        })
        .collect();
    table.sort_by_key(|(shortcut, _)| {
        let m = shortcut.modifiers;
        std::cmp::Reverse(u8::from(m.shift) + u8::from(m.alt) + u8::from(m.command || m.ctrl))
    });
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let table = shortcut_table();
        for (i, (a, ca)) in table.iter().enumerate() {
            for (b, cb) in &table[i + 1..] {
                assert!(a != b, "{ca:?} and {cb:?} share a shortcut");
            }
        }
    }

    #[test]
    fn presentation_keys_are_unambiguous() {
        let table = presentation_table();
        for (i, (a, ca)) in table.iter().enumerate() {
            for (b, cb) in &table[i + 1..] {
                assert!(a != b, "{ca:?} and {cb:?} share a shortcut");
            }
        }
    }

    #[test]
    fn specific_shortcuts_come_first() {
        let table = shortcut_table();
        let position = |c: &Command, k: Key| {
            table
                .iter()
                .position(|(s, cmd)| cmd == c && s.logical_key == k)
                .unwrap()
        };
        assert!(position(&Command::SaveAs, Key::S) < position(&Command::Save, Key::S));
        assert!(position(&Command::Redo, Key::Z) < position(&Command::Undo, Key::Z));
    }

    #[test]
    fn menu_commands_have_shortcuts_and_labels() {
        for command in FILE_MENU.iter().chain(EDIT_MENU) {
            assert!(!command.label().is_empty());
            assert!(!command.shortcuts().is_empty(), "{command:?}");
        }
        assert!(Command::Save.works_while_typing());
        assert!(!Command::ScoreDigit(3).works_while_typing());
    }
}
