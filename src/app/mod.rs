//! The eframe shell: owns the document, the `Command` queue, undo, dialogs
//! and settings, lays out the panels and applies commands after each frame.

mod autosave;
mod commands;
mod dialogs;
mod files;
mod history;
mod input;
mod modals;
mod native;
mod settings;

use std::path::PathBuf;
use std::sync::Arc;

use eframe::egui::{self, KeyboardShortcut};

// The command list lives below the panels (`ui::command`), so that
// dependencies run one way: app → ui → export/io → model. It is
// re-exported here for the app's users.
pub use crate::io::example_portfolio;
pub use crate::ui::command::{
    BOARD_KEYS, Command, EDIT_MENU, FILE_MENU, PRESENTATION_KEYS, Step, VIEW_MENU,
    presentation_table, shortcut_table, zone_key,
};
pub use autosave::AUTOSAVE_SECS;
pub use dialogs::{DialogAnswer, DialogKind, FileDialogs};
pub use history::{Document, UNDO_LIMIT};
pub use input::{defer_escape_after_text, keep_only_text};
pub use modals::ErrorReport;
pub use native::run;
pub use settings::{RECENT_LIMIT, Settings};

use autosave::Autosave;
use files::Pending;
use modals::Modals;

use crate::export::ChartGeometry;
use crate::io;
use crate::model::{Changed, Date, Portfolio, ScoringSettings, Summary};
use crate::ui::board::board_ui;
use crate::ui::chart::chart_panel_ui;
use crate::ui::inspector::inspector_ui;
use crate::ui::menu_bar::{MenuState, menu_bar_ui};
use crate::ui::merge_panel::merge_panel_ui;
use crate::ui::presentation::{PRESENTATION_BASE_WIDTH, PresentView, presentation_ui};
use crate::ui::review::{ReviewState, review_ui};
use crate::ui::status_bar::{Notice, StatusSource, status_bar_ui};
use crate::ui::theme::{self, ZOOM_RANGE};
use crate::ui::{PanelContext, ViewState};

const SETTINGS_KEY: &str = "capmap-settings";

/// A portfolio opened read-only to compare with (usually last quarter's).
#[derive(Clone, Debug, PartialEq)]
pub struct Baseline {
    /// Where it came from.
    pub path: PathBuf,
    /// Its contents.
    pub portfolio: Portfolio,
}

/// What a frame works out from the portfolio, and what it was worked out
/// from.
struct Derived {
    revision: u64,
    trial: Option<ScoringSettings>,
    today: Date,
    /// The portfolio they were worked out for: it shares every capability
    /// the next edit leaves alone, which is how that edit is told apart.
    portfolio: Portfolio,
    summary: Arc<Summary>,
    geometry: Arc<ChartGeometry>,
}

/// The whole app.
pub struct CapmapApp {
    /// The open portfolio with its undo history.
    doc: Document,
    /// Selection and quick-scoring state.
    view: ViewState,
    /// Recent files and the file to reopen.
    settings: Settings,
    /// File dialogs (native, or scripted in tests).
    dialogs: FileDialogs,
    /// A short message for the status bar, e.g. where an export went.
    notice: Option<Notice>,
    /// True while presenting.
    presenting: bool,
    /// The review window: conflicts, exceptions, duplication, weights, teams.
    review: ReviewState,
    /// Last quarter's portfolio, when comparing.
    baseline: Option<Baseline>,
    /// Unsaved work copied for recovery.
    autosave: Autosave,
    /// Input held back to the next frame (see [`defer_escape_after_text`]).
    deferred_events: Vec<egui::Event>,
    /// The day exceptions are judged against; `None` is today. Tests pin it
    /// so that what is overdue does not change with the calendar.
    today: Option<Date>,
    fonts_installed: bool,
    /// Counts and chart geometry of the portfolio, kept until it changes.
    derived: Option<Derived>,
    /// What is on the wall while presenting.
    present_view: PresentView,
    queue: Vec<Command>,
    shortcuts: Vec<(KeyboardShortcut, Command)>,
    presentation_shortcuts: Vec<(KeyboardShortcut, Command)>,
    /// The windows waiting for an answer.
    modals: Modals,
    /// What to do once the save asked for by "save changes first?" is done.
    after_save: Option<Pending>,
    allowed_to_close: bool,
    title: String,
    /// Whether a text field had the focus when the last frame ended. egui
    /// drops the focus on Escape before the app sees the key, so this is
    /// what tells "Escape leaves the field" from "Escape clears the selection".
    was_typing: bool,
}

impl CapmapApp {
    /// An app showing `portfolio`, stored at `path`.
    #[must_use]
    pub fn new(portfolio: Portfolio, path: Option<PathBuf>) -> Self {
        Self {
            doc: Document::new(portfolio, path),
            view: ViewState::default(),
            settings: Settings::default(),
            dialogs: FileDialogs::default(),
            notice: None,
            presenting: false,
            review: ReviewState::default(),
            baseline: None,
            autosave: Autosave::default(),
            deferred_events: Vec::new(),
            today: None,
            fonts_installed: false,
            derived: None,
            present_view: PresentView::Chart,
            queue: Vec::new(),
            shortcuts: shortcut_table(),
            presentation_shortcuts: presentation_table(),
            modals: Modals::default(),
            after_save: None,
            allowed_to_close: false,
            title: String::new(),
            was_typing: false,
        }
    }

    /// The app as started: `file` if given, else the last file, else the
    /// bundled example. A file that fails to open is explained and the
    /// example shown instead.
    #[must_use]
    pub fn start(file: Option<PathBuf>, settings: Settings) -> Self {
        let mut app = Self::new(example_portfolio(), None);
        app.settings = settings;
        // `capmap plan.ron` for a file not written yet starts it there, like
        // an editor would; a missing folder is still an error.
        if let Some(path) = file.as_deref().filter(|p| {
            !p.exists()
                && p.parent()
                    .is_some_and(|d| d.as_os_str().is_empty() || d.is_dir())
        }) {
            let name = io::name_from_stem(path, Portfolio::UNTITLED);
            let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
            app.notice = Some(Notice::info(format!(
                "A new portfolio: Ctrl+S saves it as {}",
                absolute.display()
            )));
            app.doc = Document::unsaved_at(Portfolio::new(name), Some(absolute));
            return app;
        }
        let target = file.or_else(|| app.settings.last_file.clone());
        if let Some(path) = target {
            app.open_file(&path);
        }
        app
    }

    /// Queues a command as if the user had asked for it.
    pub fn send(&mut self, command: Command) {
        self.queue.push(command);
    }

    /// The portfolio as it is now.
    #[must_use]
    pub fn portfolio(&self) -> &Portfolio {
        self.doc.portfolio()
    }

    /// The open document: where it is saved, whether it changed, its undo
    /// history.
    #[must_use]
    pub fn document(&self) -> &Document {
        &self.doc
    }

    /// Puts `doc` in front of the facilitator, as if it had been opened.
    pub fn set_document(&mut self, doc: Document) {
        self.doc = doc;
        self.view.reset_selection();
    }

    /// Selection, panels shown and quick scoring.
    #[must_use]
    pub fn view(&self) -> &ViewState {
        &self.view
    }

    /// The selected capability's id.
    #[must_use]
    pub fn selected(&self) -> Option<&str> {
        self.view.selected.as_deref()
    }

    /// What the app remembers between runs.
    #[must_use]
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Changes what the app remembers (the zoom, the look, recent files).
    pub fn settings_mut(&mut self) -> &mut Settings {
        &mut self.settings
    }

    /// The file dialogs (in tests, the scripted answers and the last
    /// request).
    #[must_use]
    pub fn dialogs(&self) -> &FileDialogs {
        &self.dialogs
    }

    /// Answers file dialogs with `dialogs` from now on (tests script them).
    pub fn set_dialogs(&mut self, dialogs: FileDialogs) {
        self.dialogs = dialogs;
    }

    /// Judges exceptions and reviews as of `today` instead of the
    /// calendar's day (`None`), so that what is overdue stays put in tests
    /// and benchmarks.
    pub fn set_today(&mut self, today: Option<Date>) {
        self.today = today;
    }

    /// The day exceptions and reviews are judged against.
    #[must_use]
    pub fn today(&self) -> Date {
        self.today.unwrap_or_else(Date::today)
    }

    /// The status bar's message.
    #[must_use]
    pub fn notice(&self) -> Option<&Notice> {
        self.notice.as_ref()
    }

    /// True while presenting.
    #[must_use]
    pub fn is_presenting(&self) -> bool {
        self.presenting
    }

    /// What is on the wall while presenting.
    #[must_use]
    pub fn present_view(&self) -> PresentView {
        self.present_view
    }

    /// The review window's state.
    #[must_use]
    pub fn review(&self) -> &ReviewState {
        &self.review
    }

    /// The quarter compared with, if any.
    #[must_use]
    pub fn baseline(&self) -> Option<&Baseline> {
        self.baseline.as_ref()
    }

    /// The error being shown, if any.
    #[must_use]
    pub fn error(&self) -> Option<&ErrorReport> {
        self.modals.error.as_ref()
    }

    /// True when the answer to "save changes?" is being asked.
    #[must_use]
    pub fn is_asking_to_save(&self) -> bool {
        self.modals.unsaved.is_some()
    }

    /// True when the app has agreed to close.
    #[must_use]
    pub fn wants_to_close(&self) -> bool {
        self.allowed_to_close
    }

    /// Draws one frame and then applies what it queued.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let today = self.today.unwrap_or_else(Date::today);
        if !self.fonts_installed {
            theme::install_fonts(&ctx);
            self.fonts_installed = true;
        }
        self.apply_look(&ctx);
        self.poll_dialogs();
        self.poll_opening(&ctx);
        self.handle_dropped_files(&ctx);
        self.handle_shortcuts(&ctx);
        self.handle_close_request(&ctx);

        let (summary, geometry) = self.derived(today);
        let (summary, geometry) = (summary.as_ref(), geometry.as_ref());
        let portfolio = self.doc.portfolio();
        let mut commands = std::mem::take(&mut self.queue);

        if self.presenting {
            let mut cx = PanelContext {
                portfolio,
                view: &self.view,
                today,
                commands: &mut commands,
                comparison: self.comparison(),
                chart: self.chart_view(),
            };
            presentation_ui(ui, &mut cx, geometry, self.present_view);
        } else {
            let mut review = std::mem::take(&mut self.review);
            self.editing_ui(ui, &mut commands, summary, geometry, today);
            if review.open {
                let mut cx = PanelContext {
                    portfolio: self.doc.portfolio(),
                    view: &self.view,
                    today,
                    commands: &mut commands,
                    comparison: self.comparison(),
                    chart: self.chart_view(),
                };
                review_ui(&ctx, &mut cx, &mut review);
            }
            self.review = review;
        }
        self.finish_frame(&ctx, commands);
    }

    /// The counts and the chart geometry, worked out again only when the
    /// portfolio, the weights being tried or the day changed: a frame that
    /// only moves the pointer costs nothing here, even at 10,000
    /// capabilities.
    fn derived(&mut self, today: Date) -> (Arc<Summary>, Arc<ChartGeometry>) {
        let revision = self.doc.revision();
        let trial = self.review.trial;
        if let Some(d) = &self.derived
            && d.revision == revision
            && d.trial == trial
            && d.today == today
        {
            return (Arc::clone(&d.summary), Arc::clone(&d.geometry));
        }
        let portfolio = self.doc.portfolio();
        // Weights being tried in the review window move the chart, not the file.
        let settings = trial.unwrap_or(portfolio.scoring);
        // After an edit only what it replaced is worked out again: the
        // counts and the chart's points of every other capability are kept.
        let (summary, geometry) = match self.derived.take() {
            Some(d) if d.today == today => {
                let changed = Changed::between(&d.portfolio, portfolio);
                (
                    d.summary.updated(&changed, today),
                    d.geometry.updated(&changed, &settings, today),
                )
            }
            _ => (
                Summary::of(portfolio, today),
                ChartGeometry::with_settings(portfolio, &settings, today),
            ),
        };
        let (summary, geometry) = (Arc::new(summary), Arc::new(geometry));
        self.derived = Some(Derived {
            revision,
            trial,
            today,
            portfolio: portfolio.clone(),
            summary: Arc::clone(&summary),
            geometry: Arc::clone(&geometry),
        });
        (summary, geometry)
    }

    /// The editing layout: menus, board, chart, inspector, status bar.
    fn editing_ui(
        &self,
        ui: &mut egui::Ui,
        commands: &mut Vec<Command>,
        summary: &Summary,
        geometry: &ChartGeometry,
        today: Date,
    ) {
        let portfolio = self.doc.portfolio();
        egui::Panel::top("menu_bar").show(ui, |ui| {
            let state = MenuState {
                recent: &self.settings.recent,
                show_board: self.view.show_board,
                show_inspector: self.view.show_inspector,
                has_selection: self.view.selected.is_some(),
                can_undo: self.doc.undo_len() > 0,
                can_redo: self.doc.can_redo(),
                theme: self.settings.theme,
                labels: self.settings.labels,
                vote_spread: self.settings.vote_spread,
            };
            menu_bar_ui(ui, &state, commands);
        });
        egui::Panel::bottom("status_bar").show(ui, |ui| {
            let source = StatusSource {
                file_status: &self.file_status(),
                notice: self.notice.as_ref(),
                revision: self.doc.revision(),
            };
            status_bar_ui(ui, summary, &source, commands);
        });
        let mut cx = PanelContext {
            portfolio,
            view: &self.view,
            today,
            commands,
            comparison: self.comparison(),
            chart: self.chart_view(),
        };
        merge_panel_ui(ui, &mut cx);
        // Board and inspector take a share of the window, so the layout
        // follows the window (a laptop's screen, then the projector's) and
        // never takes the chart's share (44 %), however small or zoomed in.
        let window = ui.available_width();
        if self.view.show_inspector {
            let width = (window * INSPECTOR_SHARE)
                .min(INSPECTOR_MAX)
                .max(INSPECTOR_MIN.min(window * 0.25));
            egui::Panel::right("inspector")
                .resizable(false)
                .exact_size(width)
                .show(ui, |ui| inspector_ui(ui, &mut cx));
        }
        if self.view.show_board {
            // What the inspector left beside the chart's share (less the
            // panels' margins); narrower than its columns, the board
            // scrolls sideways.
            let room = ui.available_width() - window * CHART_SHARE - PANEL_CHROME;
            let width = (window * BOARD_SHARE).min(room).max(BOARD_MIN);
            egui::Panel::left("board")
                .resizable(false)
                .exact_size(width)
                .show(ui, |ui| board_ui(ui, &mut cx));
        }
        egui::CentralPanel::default().show(ui, |ui| chart_panel_ui(ui, &mut cx, geometry));
    }

    /// Dialogs, then the frame's commands, then bookkeeping.
    fn finish_frame(&mut self, ctx: &egui::Context, mut commands: Vec<Command>) {
        let ctx = ctx.clone();
        crate::ui::repaint_if_atlas_grew(&ctx);
        self.show_dialogs(&ctx, &mut commands);
        self.view.focus_name = false;
        self.view.focus_rationale = false;
        if !commands.is_empty() {
            // The frame on screen was drawn before these took effect: draw
            // one more so the change shows now, not at the next mouse move.
            ctx.request_repaint();
        }
        for command in commands {
            self.apply(&ctx, command);
        }
        // Typing into one field is one undo step until the field lets go.
        if !ctx.egui_wants_keyboard_input() && !ctx.input(|i| i.pointer.any_down()) {
            self.doc.close_group();
        }
        self.autosave(&ctx);
        self.update_title(&ctx);
        self.was_typing = ctx.text_edit_focused();
    }

    /// Theme and zoom; presenting scales everything up with the screen.
    fn apply_look(&self, ctx: &egui::Context) {
        let mut zoom = self.settings.zoom.clamp(ZOOM_RANGE.0, ZOOM_RANGE.1);
        if self.presenting {
            let unzoomed_width = ctx.content_rect().width() * ctx.zoom_factor();
            zoom *= (unzoomed_width / PRESENTATION_BASE_WIDTH).max(1.0);
        }
        theme::apply(ctx, self.settings.theme, zoom);
        // Ctrl +/- go through our commands, so the zoom is remembered.
        if ctx.options(|o| o.zoom_with_keyboard) {
            ctx.options_mut(|o| o.zoom_with_keyboard = false);
        }
    }

    fn file_status(&self) -> String {
        let place = self
            .doc
            .path
            .as_deref()
            .map_or_else(|| "not saved to a file yet".to_owned(), io::file_name);
        if self.doc.is_dirty() {
            format!("{place} — unsaved changes")
        } else {
            place
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let name = self.doc.path.as_deref().map_or_else(
            || format!("{} (not saved)", self.doc.portfolio().name),
            io::file_name,
        );
        let marker = if self.doc.is_dirty() { "● " } else { "" };
        let title = format!("{marker}{name} — capmap");
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    /// The window title as last set.
    #[must_use]
    pub fn title(&self) -> &str {
        &self.title
    }
}

/// The inspector's share of the window's width.
const INSPECTOR_SHARE: f32 = 0.22;

/// The inspector's width on a wide window: enough for its fields.
const INSPECTOR_MAX: f32 = 360.0;

/// The inspector's width on a narrow window (or a quarter of it).
const INSPECTOR_MIN: f32 = 200.0;

/// What a side panel's frame adds to its content, in points, beside two
/// panels.
const PANEL_CHROME: f32 = 24.0;

/// The chart's least share of the window's width: board and inspector
/// give way before it does (down to [`BOARD_MIN`]).
const CHART_SHARE: f32 = 0.44;

/// The narrowest board: two columns in view, the others a scroll away.
const BOARD_MIN: f32 = 200.0;

/// The board's share of the window's width (less when the chart would
/// get less than its share).
const BOARD_SHARE: f32 = 0.32;

impl eframe::App for CapmapApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn raw_input_hook(&mut self, ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        if !self.deferred_events.is_empty() {
            let mut events = std::mem::take(&mut self.deferred_events);
            events.append(&mut raw_input.events);
            raw_input.events = events;
        }
        keep_only_text(&mut raw_input.events);
        self.deferred_events = defer_escape_after_text(&mut raw_input.events);
        if !self.deferred_events.is_empty() {
            ctx.request_repaint();
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, &self.settings);
    }
}
