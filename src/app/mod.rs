//! The eframe shell: owns the document, the `Command` queue, undo, dialogs
//! and settings, lays out the panels and applies commands after each frame.

mod files;
mod history;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use eframe::egui::{self, KeyboardShortcut};

// The command list lives below the panels (`ui::command`), so that
// dependencies run one way: app → ui → export/io → model. It is
// re-exported here for the app's users.
pub use crate::ui::command::{
    BOARD_KEYS, Command, EDIT_MENU, FILE_MENU, PRESENTATION_KEYS, Step, VIEW_MENU,
    presentation_table, shortcut_table, zone_key,
};
pub use files::{DialogAnswer, DialogKind, FileDialogs, RECENT_LIMIT, Settings};
pub use history::{Document, EditGroup, UNDO_LIMIT};

use crate::cli::EXAMPLE_PORTFOLIO;
use crate::export::{
    ChartGeometry, ChartOptions, DecisionLog, ImageTheme, LogFormat, chart_png, chart_svg,
};
use crate::io::{self, Backup};
use crate::model::{
    Capability, Comparison, Date, Decision, Portfolio, Question, Score, ScoringSettings, Summary,
    Zone, assess,
};
use crate::ui::board::board_ui;
use crate::ui::chart::chart_panel_ui;
use crate::ui::dialogs::{
    OverwriteChoice, UnsavedChoice, error_ui, help_ui, import_choice_ui, overwrite_ui, restore_ui,
    unsaved_changes_ui,
};
use crate::ui::inspector::inspector_ui;
use crate::ui::menu_bar::{MenuState, menu_bar_ui};
use crate::ui::presentation::{PRESENTATION_BASE_WIDTH, PresentView, presentation_ui};
use crate::ui::review::{ReviewState, ReviewTab, review_ui};
use crate::ui::status_bar::{Notice, StatusSource, status_bar_ui};
use crate::ui::theme::{self, Theme, ZOOM_RANGE, ZOOM_STEP};
use crate::ui::{ChartView, PanelContext, ViewState};

const SETTINGS_KEY: &str = "capmap-settings";

/// How often unsaved work is copied to the recovery file.
pub const AUTOSAVE_SECS: f64 = 30.0;

/// A portfolio opened read-only to compare with (usually last quarter's).
#[derive(Clone, Debug, PartialEq)]
pub struct Baseline {
    /// Where it came from.
    pub path: PathBuf,
    /// Its contents.
    pub portfolio: Portfolio,
}

/// An action waiting for an answer to "save changes first?".
#[derive(Clone, Debug, PartialEq)]
enum Pending {
    New,
    Open(Option<PathBuf>),
    ImportNew(PathBuf),
    Quit,
}

impl Pending {
    fn describe(&self) -> &'static str {
        match self {
            Self::New | Self::ImportNew(_) => "starting a new portfolio",
            Self::Open(_) => "opening another file",
            Self::Quit => "quitting",
        }
    }
}

/// What a frame works out from the portfolio, and what it was worked out
/// from.
struct Derived {
    revision: u64,
    trial: Option<ScoringSettings>,
    today: Date,
    summary: Arc<Summary>,
    geometry: Arc<ChartGeometry>,
}

/// The whole app.
pub struct CapmapApp {
    /// The open portfolio with its undo history.
    pub doc: Document,
    /// Selection and quick-scoring state.
    pub view: ViewState,
    /// Recent files and the file to reopen.
    pub settings: Settings,
    /// File dialogs (native, or scripted in tests).
    pub dialogs: FileDialogs,
    /// An error being shown: title and message.
    pub error: Option<(String, String)>,
    /// A short message for the status bar, e.g. where an export went.
    pub notice: Option<Notice>,
    /// True while presenting.
    pub presenting: bool,
    /// The review window: conflicts, exceptions, duplication, weights, teams.
    pub review: ReviewState,
    /// Last quarter's portfolio, when comparing.
    pub baseline: Option<Baseline>,
    /// Where unsaved work is copied for recovery; `None` turns autosave off.
    pub recovery_dir: Option<PathBuf>,
    /// Seconds between autosaves while there are unsaved changes.
    pub autosave_secs: f64,
    /// Work found after a crash, waiting for "restore or discard?".
    pub recovery_offer: Option<io::Recovery>,
    autosave_at: f64,
    autosaved_revision: Option<u64>,
    /// Input held back to the next frame (see [`defer_escape_after_text`]).
    deferred_events: Vec<egui::Event>,
    /// The day exceptions are judged against; `None` is today. Tests pin it
    /// so that what is overdue does not change with the calendar.
    pub today: Option<Date>,
    fonts_installed: bool,
    /// Counts and chart geometry of the portfolio, kept until it changes.
    derived: Option<Derived>,
    /// What is on the wall while presenting.
    pub present_view: PresentView,
    queue: Vec<Command>,
    shortcuts: Vec<(KeyboardShortcut, Command)>,
    presentation_shortcuts: Vec<(KeyboardShortcut, Command)>,
    /// A CSV file picked for import, waiting for "append or new?".
    import_choice: Option<PathBuf>,
    /// A save waiting for "the file changed on disk: overwrite?".
    overwrite_prompt: Option<PathBuf>,
    prompt: Option<Pending>,
    after_save: Option<Pending>,
    help_open: bool,
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
            error: None,
            notice: None,
            presenting: false,
            review: ReviewState::default(),
            baseline: None,
            recovery_dir: None,
            autosave_secs: AUTOSAVE_SECS,
            recovery_offer: None,
            autosave_at: 0.0,
            autosaved_revision: None,
            deferred_events: Vec::new(),
            today: None,
            fonts_installed: false,
            derived: None,
            present_view: PresentView::Chart,
            queue: Vec::new(),
            shortcuts: shortcut_table(),
            presentation_shortcuts: presentation_table(),
            import_choice: None,
            overwrite_prompt: None,
            prompt: None,
            after_save: None,
            help_open: false,
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
            let name = path.file_stem().map_or_else(
                || "Untitled portfolio".to_owned(),
                |s| s.to_string_lossy().into_owned(),
            );
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

    /// Turns on autosave into `dir`, and offers to restore work a crash
    /// left there.
    #[must_use]
    pub fn with_recovery(mut self, dir: PathBuf) -> Self {
        match io::read_recovery(&dir) {
            Some(Ok(recovery)) => self.recovery_offer = Some(recovery),
            Some(Err(error)) => {
                self.error = Some((
                    "Unsaved work could not be read back".to_owned(),
                    format!(
                        "{error}\n\nThe file is kept as it is at {}.",
                        io::recovery_path(&dir).display()
                    ),
                ));
                // Keep the damaged file: autosave must not overwrite it.
                self.recovery_dir = None;
                return self;
            }
            None => {}
        }
        self.recovery_dir = Some(dir);
        self
    }

    /// Copies unsaved work to the recovery file every `autosave_secs` and
    /// when the window loses focus; removes it once nothing is unsaved.
    fn autosave(&mut self, ctx: &egui::Context) {
        let Some(dir) = self.recovery_dir.clone() else {
            return;
        };
        if self.recovery_offer.is_some() || self.allowed_to_close {
            // The old work still waits for an answer, or the user chose to
            // quit without saving.
            return;
        }
        if !self.doc.is_dirty() {
            if self.autosaved_revision.take().is_some() {
                let _ = io::clear_recovery(&dir);
            }
            return;
        }
        let revision = self.doc.revision();
        if self.autosaved_revision == Some(revision) {
            return;
        }
        let now = ctx.input(|i| i.time);
        let focus_lost = ctx.input(|i| i.viewport().focused == Some(false));
        let waited = now - self.autosave_at;
        if focus_lost || waited >= self.autosave_secs {
            match io::write_recovery(&dir, self.doc.path.as_deref(), self.doc.portfolio()) {
                Ok(()) => self.autosaved_revision = Some(revision),
                Err(error) => self.notice = Some(Notice::info(format!("Autosave failed: {error}"))),
            }
            self.autosave_at = now;
        } else {
            // One wake-up when the next autosave is due, not a busy loop.
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(
                self.autosave_secs - waited,
            ));
        }
    }

    /// Removes the recovery file after the user chose to drop the changes.
    fn discard_recovery(&mut self) {
        if let Some(dir) = &self.recovery_dir {
            let _ = io::clear_recovery(dir);
        }
        self.autosaved_revision = None;
    }

    /// Queues a command as if the user had asked for it.
    pub fn send(&mut self, command: Command) {
        self.queue.push(command);
    }

    /// True when the answer to "save changes?" is being asked.
    #[must_use]
    pub fn is_asking_to_save(&self) -> bool {
        self.prompt.is_some()
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
        let summary = Arc::new(Summary::of(portfolio, today));
        // Weights being tried in the review window move the chart, not the file.
        let geometry = Arc::new(match &trial {
            Some(trial) => ChartGeometry::with_settings(portfolio, trial, today),
            None => ChartGeometry::new(portfolio, today),
        });
        self.derived = Some(Derived {
            revision,
            trial,
            today,
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
            .and_then(Path::file_name)
            .map_or_else(
                || "not saved to a file yet".to_owned(),
                |n| n.to_string_lossy().into_owned(),
            );
        if self.doc.is_dirty() {
            format!("{place} — unsaved changes")
        } else {
            place
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let name = self
            .doc
            .path
            .as_deref()
            .and_then(Path::file_name)
            .map_or_else(
                || format!("{} (not saved)", self.doc.portfolio().name),
                |n| n.to_string_lossy().into_owned(),
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

    fn poll_dialogs(&mut self) {
        let Some(answer) = self.dialogs.poll() else {
            return;
        };
        match (answer.kind, answer.path) {
            (DialogKind::Open, Some(path)) => self.open_file(&path),
            (DialogKind::ImportCsv, Some(path)) => self.import_choice = Some(path),
            (DialogKind::Compare, Some(path)) => self.queue.push(Command::CompareWith(path)),
            (DialogKind::ExportChart, Some(path)) => self.queue.push(Command::ExportChartTo(path)),
            (DialogKind::ExportLog, Some(path)) => self.queue.push(Command::ExportLogTo(path)),
            (DialogKind::SaveAs, Some(path)) => {
                if self.save_to(&path) {
                    self.continue_pending();
                } else {
                    self.after_save = None;
                }
            }
            (_, None) => self.after_save = None,
        }
    }

    fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped = ctx.input(|i| i.raw.dropped_files.clone());
        if let Some(file) = dropped.first() {
            let path = file.path();
            if path.as_os_str().is_empty() {
                return;
            }
            if path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
            {
                self.queue.push(Command::OpenPath(path.to_owned()));
            } else {
                self.error = Some((
                    "Not a portfolio".to_owned(),
                    format!("{}: capmap opens .ron portfolio files.", path.display()),
                ));
            }
        }
    }

    fn handle_shortcuts(&mut self, ctx: &egui::Context) {
        if self.prompt.is_some()
            || self.error.is_some()
            || self.dialogs.is_open()
            || self.import_choice.is_some()
            || self.recovery_offer.is_some()
            || self.overwrite_prompt.is_some()
            // An open menu, right-click menu or drop-down gets the keys
            // first, as in any native app: Escape closes it, and letters
            // and digits never reach the board behind it.
            || egui::Popup::is_any_open(ctx)
        {
            return;
        }
        if self.presenting {
            let table = std::mem::take(&mut self.presentation_shortcuts);
            self.take_keys(ctx, &table, |_, _| true);
            self.presentation_shortcuts = table;
            return;
        }
        if self.help_open
            && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape))
        {
            self.help_open = false;
            return;
        }
        let typing = self.was_typing || ctx.text_edit_focused();
        // Enter belongs to a focused button (keyboard navigation) if any.
        let something_focused = ctx.memory(|m| m.focused().is_some());
        let table = std::mem::take(&mut self.shortcuts);
        self.take_keys(ctx, &table, |shortcut, command| {
            let enter_taken = something_focused
                && shortcut.logical_key == egui::Key::Enter
                && !shortcut.modifiers.command;
            (!typing || command.works_while_typing()) && !enter_taken
        });
        self.shortcuts = table;
    }

    /// Turns this frame's key presses into commands, in the order they were
    /// typed (C 5 4 5 1 typed in one frame must score in that order, and
    /// 3 3 must count twice), and removes them so no widget sees them too.
    fn take_keys(
        &mut self,
        ctx: &egui::Context,
        table: &[(KeyboardShortcut, Command)],
        allowed: impl Fn(&KeyboardShortcut, &Command) -> bool,
    ) {
        ctx.input_mut(|input| {
            let mut kept = Vec::with_capacity(input.events.len());
            for event in std::mem::take(&mut input.events) {
                let command = match &event {
                    egui::Event::Key {
                        key,
                        pressed: true,
                        modifiers,
                        ..
                    } => table
                        .iter()
                        .find(|(shortcut, command)| {
                            shortcut.logical_key == *key
                                && modifiers.matches_logically(shortcut.modifiers)
                                && allowed(shortcut, command)
                        })
                        .map(|(_, command)| command.clone()),
                    _ => None,
                };
                match command {
                    Some(command) => self.queue.push(command),
                    None => kept.push(event),
                }
            }
            input.events = kept;
        });
    }

    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested())
            && !self.allowed_to_close
            && self.doc.is_dirty()
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.prompt = Some(Pending::Quit);
        }
    }

    fn show_dialogs(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        if let Some(path) = self.import_choice.clone() {
            let name = self.doc.portfolio().name.clone();
            if let Some(append) = import_choice_ui(ctx, &path, &name) {
                self.import_choice = None;
                if let Some(append) = append {
                    commands.push(Command::ImportCsvFrom { path, append });
                }
            }
        }
        if let Some(pending) = self.prompt.clone() {
            let name = self.display_name();
            if let Some(choice) = unsaved_changes_ui(ctx, &name, pending.describe()) {
                self.prompt = None;
                match choice {
                    UnsavedChoice::Save => {
                        self.after_save = Some(pending);
                        match self.doc.path.clone() {
                            Some(path) => {
                                if self.save_to(&path) {
                                    self.continue_pending();
                                } else {
                                    self.after_save = None;
                                }
                            }
                            None => {
                                let suggested = self.suggested_path();
                                self.dialogs
                                    .request(ctx, DialogKind::SaveAs, Some(&suggested));
                            }
                        }
                    }
                    UnsavedChoice::Discard => {
                        self.discard_recovery();
                        self.perform(ctx, pending);
                    }
                    UnsavedChoice::Cancel => {}
                }
            }
        }
        if let Some(path) = self.overwrite_prompt.clone()
            && let Some(choice) = overwrite_ui(ctx, &path)
        {
            self.overwrite_prompt = None;
            match choice {
                OverwriteChoice::Overwrite => {
                    self.save_to(&path);
                }
                OverwriteChoice::SaveAs => commands.push(Command::SaveAs),
                OverwriteChoice::Cancel => {}
            }
        }
        if let Some(recovery) = &self.recovery_offer {
            let name = recovery
                .source
                .as_deref()
                .and_then(Path::file_name)
                .map_or_else(
                    || recovery.portfolio.name.clone(),
                    |n| n.to_string_lossy().into_owned(),
                );
            if let Some(restore) = restore_ui(ctx, &name, recovery.portfolio.capabilities.len())
                && let Some(recovery) = self.recovery_offer.take()
            {
                if restore {
                    self.doc = Document::unsaved_at(recovery.portfolio, recovery.source);
                    self.view.reset_selection();
                } else {
                    self.discard_recovery();
                }
            }
        }
        if let Some((title, message)) = &self.error
            && error_ui(ctx, title, message)
        {
            self.error = None;
        }
        if self.help_open {
            self.help_open = help_ui(ctx);
        }
    }

    fn display_name(&self) -> String {
        self.doc
            .path
            .as_deref()
            .and_then(Path::file_name)
            .map_or_else(
                || self.doc.portfolio().name.clone(),
                |n| n.to_string_lossy().into_owned(),
            )
    }

    /// Where a save dialog starts: the open file, else a file named after
    /// the portfolio in the user's documents folder (never the directory
    /// capmap happened to be started from).
    fn suggested_path(&self) -> PathBuf {
        self.doc.path.clone().unwrap_or_else(|| {
            let name = crate::model::slugify(&self.doc.portfolio().name, "portfolio");
            dirs::document_dir()
                .or_else(dirs::home_dir)
                .unwrap_or_default()
                .join(format!("{name}.ron"))
        })
    }

    fn continue_pending(&mut self) {
        if let Some(pending) = self.after_save.take() {
            // The document is saved now, so nothing can be lost.
            self.prompt = None;
            self.queue.push(match pending {
                Pending::New => Command::NewPortfolio,
                Pending::Open(None) => Command::Open,
                Pending::Open(Some(path)) => Command::OpenPath(path),
                Pending::ImportNew(path) => Command::ImportCsvFrom {
                    path,
                    append: false,
                },
                Pending::Quit => Command::Quit,
            });
        }
    }

    /// Runs `pending` now if nothing unsaved is at stake, else asks first.
    fn guard(&mut self, ctx: &egui::Context, pending: Pending) {
        if self.doc.is_dirty() {
            self.prompt = Some(pending);
        } else {
            self.perform(ctx, pending);
        }
    }

    fn perform(&mut self, ctx: &egui::Context, pending: Pending) {
        match pending {
            Pending::New => {
                self.doc = Document::new(Portfolio::new("Untitled portfolio"), None);
                self.view.reset_selection();
            }
            Pending::Open(None) => {
                let suggested = self.suggested_path();
                self.dialogs
                    .request(ctx, DialogKind::Open, Some(&suggested));
            }
            Pending::Open(Some(path)) => self.open_file(&path),
            Pending::ImportNew(path) => self.import_csv(&path, false),
            Pending::Quit => {
                self.allowed_to_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    /// Opens `path`, or explains why not and keeps the current document.
    fn open_file(&mut self, path: &Path) {
        match io::load(path) {
            Ok(portfolio) => {
                self.notice = None;
                // Absolute: it stays right whatever the working directory
                // (a file dialog may change it).
                let path = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
                self.doc = Document::new(portfolio, Some(path.clone()));
                self.view.reset_selection();
                self.settings.remember(&path);
            }
            Err(error) => {
                self.error = Some((
                    format!("Could not open {}", path.display()),
                    format!("{error}\n\nThe portfolio that was open is still open and unchanged."),
                ));
            }
        }
    }

    /// Saves to `path`; explains and returns false on failure.
    fn save_to(&mut self, path: &Path) -> bool {
        match io::save(self.doc.portfolio(), path) {
            Ok(()) => {
                self.doc
                    .mark_saved(std::path::absolute(path).unwrap_or_else(|_| path.to_owned()));
                self.settings.remember(path);
                true
            }
            Err(error) => {
                self.error = Some((
                    "Could not save".to_owned(),
                    format!("{error}\n\nNothing was lost: the changes are still open here."),
                ));
                false
            }
        }
    }

    /// Applies one command to the document or the app.
    pub fn apply(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::NewPortfolio => self.guard(ctx, Pending::New),
            Command::Open => self.guard(ctx, Pending::Open(None)),
            Command::OpenPath(path) => self.guard(ctx, Pending::Open(Some(path))),
            Command::Save => match self.doc.path.clone() {
                Some(path) if self.doc.changed_on_disk() => self.overwrite_prompt = Some(path),
                Some(path) => {
                    self.save_to(&path);
                }
                None => {
                    let suggested = self.suggested_path();
                    self.dialogs
                        .request(ctx, DialogKind::SaveAs, Some(&suggested));
                }
            },
            Command::SaveAs => {
                let suggested = self.suggested_path();
                self.dialogs
                    .request(ctx, DialogKind::SaveAs, Some(&suggested));
            }
            Command::SaveTo(path) => {
                self.save_to(&path);
            }
            Command::Quit => self.guard(ctx, Pending::Quit),
            Command::Undo => {
                self.notice = None;
                self.view.forget_typing();
                self.doc.undo();
                self.keep_selection_valid();
            }
            Command::Redo => {
                self.notice = None;
                self.view.forget_typing();
                self.doc.redo();
                self.keep_selection_valid();
            }
            Command::ShowHelp => self.help_open = true,
            Command::ShowPrimer => {
                self.help_open = true;
                ctx.data_mut(|d| d.insert_temp(crate::ui::dialogs::help_tab_id(), true));
            }
            Command::ImportCsv => {
                let suggested = self.suggested_path();
                self.dialogs
                    .request(ctx, DialogKind::ImportCsv, Some(&suggested));
            }
            Command::ImportCsvFrom { path, append } => {
                if append {
                    self.import_csv(&path, true);
                } else {
                    self.guard(ctx, Pending::ImportNew(path));
                }
            }
            Command::ExportChart => {
                let suggested = self.suggested_path().with_extension("png");
                self.dialogs
                    .request(ctx, DialogKind::ExportChart, Some(&suggested));
            }
            Command::ExportLog => {
                let suggested = self.suggested_path().with_extension("md");
                self.dialogs
                    .request(ctx, DialogKind::ExportLog, Some(&suggested));
            }
            Command::ExportChartTo(path) => self.export_chart(&path),
            Command::ExportLogTo(path) => self.export_log(&path),
            Command::StartPresentation => {
                self.presenting = true;
                self.present_view = PresentView::Chart;
                if self.view.selected.is_none() {
                    // The first card the room sees on the board.
                    let first = self
                        .doc
                        .portfolio()
                        .board_order()
                        .first()
                        .map(|&id| id.to_owned());
                    self.select(first);
                }
                ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
            }
            Command::StopPresentation => {
                self.presenting = false;
                ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
            }
            // On the primer the arrows turn its pages instead.
            Command::PresentStep(delta) if self.present_view == PresentView::Primer => {
                crate::ui::presentation::page_primer(ctx, delta);
            }
            Command::PresentStep(delta) => self.present_step(delta),
            Command::PresentToggle(view) => {
                self.present_view = if self.present_view == view {
                    PresentView::Chart
                } else {
                    view
                };
            }
            Command::SetTheme(theme) => self.settings.theme = theme,
            Command::SetLabels(mode) => self.settings.labels = mode,
            Command::ToggleVoteSpread => self.settings.vote_spread = !self.settings.vote_spread,
            Command::Compare => {
                let suggested = self.suggested_path();
                self.dialogs
                    .request(ctx, DialogKind::Compare, Some(&suggested));
            }
            Command::CompareWith(path) => match io::load(&path) {
                Ok(portfolio) => {
                    let name = path.file_name().map_or_else(
                        || path.display().to_string(),
                        |n| n.to_string_lossy().into_owned(),
                    );
                    let open = self.doc.portfolio();
                    let direction = crate::ui::review::comparison_direction(
                        Comparison::new(open, &portfolio),
                        open,
                    );
                    let direction = direction.trim_end_matches(':').replacen("From", "from", 1);
                    self.notice = Some(Notice::info(format!("Comparing with {name}, {direction}")));
                    self.baseline = Some(Baseline { path, portfolio });
                    self.review.open = true;
                    self.review.tab = ReviewTab::Changes;
                }
                Err(error) => {
                    self.error = Some((
                        format!("Could not compare with {}", path.display()),
                        error.to_string(),
                    ));
                }
            },
            Command::StopComparing => {
                self.baseline = None;
                self.notice = None;
            }
            Command::ShowReview(tab) => {
                self.review.open = true;
                self.review.tab = tab;
            }
            Command::ZoomIn => {
                self.settings.zoom = (self.settings.zoom * ZOOM_STEP).min(ZOOM_RANGE.1);
            }
            Command::ZoomOut => {
                self.settings.zoom = (self.settings.zoom / ZOOM_STEP).max(ZOOM_RANGE.0);
            }
            Command::ZoomReset => self.settings.zoom = 1.0,
            Command::ToggleBoard => self.view.show_board = !self.view.show_board,
            Command::ToggleInspector => self.view.show_inspector = !self.view.show_inspector,
            Command::EditName => {
                self.view.show_inspector = true;
                self.view.focus_name = self.view.selected.is_some();
            }
            Command::EditRationale => {
                self.view.show_inspector = true;
                self.view.focus_rationale = self.view.selected.is_some();
            }
            Command::Select(id) => self.select(id),
            Command::SelectStep(step) => self.step_selection(step),
            other => self.edit(other),
        }
    }

    /// Commands that change the document.
    fn edit(&mut self, command: Command) {
        self.notice = None;
        let selected = self.view.selected.clone();
        match command {
            Command::AddCapability => {
                let name = "New capability";
                let id = self.doc.portfolio().new_capability_id(name);
                let new_id = id.clone();
                self.doc.edit(None, move |p| {
                    p.capabilities.push(Capability::new(new_id, name));
                    Some(())
                });
                // Until saved, its id follows the name typed over this one.
                self.doc.add_fresh(&id);
                self.select(Some(id));
                self.view.focus_name = true;
            }
            Command::DeleteCapability => {
                let Some(id) = selected else { return };
                let neighbour = self.neighbour_in_column(&id);
                let deleted = self.doc.edit(None, |p| {
                    let index = p.capabilities.iter().position(|c| c.id == id)?;
                    Some(p.capabilities.remove(index).name)
                });
                if let Some(name) = deleted {
                    self.notice = Some(Notice::undoable(
                        format!("Deleted “{name}”"),
                        self.doc.revision(),
                    ));
                }
                self.select(neighbour);
            }
            Command::MoveSelectedTo(zone) => {
                let Some(id) = selected else { return };
                self.doc.edit(None, |p| {
                    let already = p.capability(&id)?.zone == zone;
                    (!already && p.move_capability(&id, zone, None)).then_some(())
                });
                // A zone key starts the quick-scoring sequence.
                self.view.typed.clear();
                self.view.quick_scoring = Some(0);
            }
            Command::ReorderSelected(delta) => {
                let Some(id) = selected else { return };
                self.doc
                    .edit(None, |p| p.reorder_within_zone(&id, delta).then_some(()));
            }
            Command::MoveCard { id, zone, before } => {
                self.doc.edit(None, |p| {
                    let current = p.capability(&id)?.zone;
                    let unchanged = current == zone && before.is_none() && {
                        // Already last in its own column.
                        p.column(zone).last() == Some(&id.as_str())
                    };
                    (!unchanged && p.move_capability(&id, zone, before.as_deref())).then_some(())
                });
                self.select(Some(id));
            }
            Command::SetScore {
                id,
                question,
                score,
            } => {
                self.doc.edit(None, |p| {
                    p.capability_mut(&id)?.scores.set(question, score);
                    Some(())
                });
            }
            Command::ScoreDigit(digit) => {
                let Some(id) = selected else { return };
                let Some(capability) = self.doc.portfolio().capability(&id) else {
                    return;
                };
                let Some(question) = self.view.next_question(capability) else {
                    self.notice = Some(Notice::info(format!(
                        "“{}” is fully scored: to rescore it, press its zone key ({}) and \
                         then four digits, or change a score in the inspector",
                        capability.name,
                        zone_key_name(capability.zone)
                    )));
                    return;
                };
                self.doc.edit(None, |p| {
                    p.capability_mut(&id)?
                        .scores
                        .set(question, Score::new(digit));
                    Some(())
                });
                self.view.typed.push(question);
                self.view.quick_scoring = self
                    .view
                    .quick_scoring
                    .map(|cursor| cursor + 1)
                    .filter(|&cursor| cursor < Question::ALL.len());
            }
            Command::ScoreBackspace => {
                let Some(id) = selected else { return };
                let Some(question) = self.view.typed.pop() else {
                    self.notice = Some(Notice::info(
                        "Backspace takes back a digit just typed; Ctrl+Z undoes anything else",
                    ));
                    return;
                };
                // A sequence goes on from the question taken back; outside
                // one, that question is open again and the next digit
                // answers it.
                if let Some(cursor) = self.view.quick_scoring.as_mut() {
                    *cursor = Question::ALL
                        .iter()
                        .position(|q| *q == question)
                        .unwrap_or(0);
                }
                self.doc.edit(None, |p| {
                    p.capability_mut(&id)?.scores.set(question, None);
                    Some(())
                });
            }
            Command::UpdateCapability(updated) => {
                let id = updated.id.clone();
                let origin = self.doc.fresh_origin(&id).map(str::to_owned);
                let old = self.doc.portfolio().capability(&id);
                let renamed = origin.is_some() && old.is_some_and(|old| old.name != updated.name);
                let exceptions_removed = old.map_or(0, |old| {
                    old.exceptions
                        .len()
                        .saturating_sub(updated.exceptions.len())
                });
                // One undo step per field typed into; keyed by the id it
                // was added with while a fresh capability's id follows its
                // name.
                let group = old.and_then(|old| typing_group(old, &updated, origin.as_deref()));
                let updated_name = updated.name.clone();
                let now = self.doc.edit(group, |p| {
                    let name = updated.name.clone();
                    *p.capability_mut(&id)? = *updated;
                    if !renamed {
                        return Some(id.clone());
                    }
                    let new_id = p.id_for_name(&id, &name);
                    p.capability_mut(&id)?.id.clone_from(&new_id);
                    Some(new_id)
                });
                if exceptions_removed > 0 && now.is_some() {
                    self.notice = Some(Notice::undoable(
                        format!("Removed an exception from “{updated_name}”"),
                        self.doc.revision(),
                    ));
                }
                if let Some(new_id) = now.filter(|new_id| *new_id != id) {
                    self.doc.rename_fresh(&id, &new_id);
                    if self.view.selected.as_deref() == Some(id.as_str()) {
                        self.view.selected = Some(new_id);
                    }
                }
            }
            Command::AcceptRecommendation => {
                let Some(id) = selected else { return };
                let settings = self.doc.portfolio().scoring;
                let Some(capability) = self.doc.portfolio().capability(&id) else {
                    return;
                };
                let Some(assessment) = assess(capability, &settings) else {
                    self.notice = Some(Notice::info(format!(
                        "“{}” is not fully scored yet: answer its four questions first",
                        capability.name
                    )));
                    return;
                };
                let before = capability.decision;
                let decision = assessment.recommendation.matching_decision();
                if before == decision {
                    self.notice = Some(Notice::info(format!(
                        "“{}” is already decided: {}",
                        capability.name,
                        decision.label()
                    )));
                    return;
                }
                let name = capability.name.clone();
                self.doc.edit(None, |p| {
                    p.capability_mut(&id)?.decision = decision;
                    Some(())
                });
                // Replacing what the room decided earlier is worth a word.
                self.notice = Some(if before == Decision::Undecided {
                    Notice::info(format!("Decided “{name}”: {}", decision.label()))
                } else {
                    Notice::undoable(
                        format!(
                            "“{name}” was decided {}, now {}",
                            before.label(),
                            decision.label()
                        ),
                        self.doc.revision(),
                    )
                });
            }
            Command::CycleDecision => {
                let Some(id) = selected else { return };
                self.doc.edit(None, |p| {
                    let capability = p.capability_mut(&id)?;
                    let index = Decision::ALL
                        .iter()
                        .position(|d| *d == capability.decision)
                        .unwrap_or(0);
                    capability.decision = Decision::ALL[(index + 1) % Decision::ALL.len()];
                    Some(())
                });
            }
            Command::ApplyScoring(settings) => {
                let changed = self.doc.portfolio().scoring != settings;
                self.doc.edit(None, |p| {
                    p.scoring = settings;
                    Some(())
                });
                if changed {
                    self.notice = Some(Notice::undoable(
                        "Applied the new weights: every recommendation follows them",
                        self.doc.revision(),
                    ));
                }
            }
            Command::AddTeam(name) => {
                self.doc.edit(None, |p| {
                    let id = p.new_team_id(&name);
                    p.teams.push(crate::model::Team { id, name });
                    Some(())
                });
            }
            Command::RenameTeam { id, name } => {
                let group = Some(EditGroup(format!("team/{id}")));
                self.doc.edit(group, |p| {
                    p.teams.iter_mut().find(|t| t.id == id)?.name = name;
                    Some(())
                });
            }
            Command::RemoveTeam(id) => {
                let name = self.doc.portfolio().team_name(&id).to_owned();
                if self
                    .doc
                    .edit(None, |p| p.remove_team(&id).then_some(()))
                    .is_some()
                {
                    self.notice = Some(Notice::undoable(
                        format!("Removed the team “{name}”"),
                        self.doc.revision(),
                    ));
                }
            }
            Command::SetVote {
                id,
                participant,
                scores,
            } => {
                // Typing one person's digits is one undo step.
                let group = Some(EditGroup(format!("{id}/vote/{participant}")));
                self.doc.edit(group, |p| {
                    p.capability_mut(&id)?.set_vote(&participant, scores);
                    Some(())
                });
            }
            Command::RevealVotes(id) => {
                let revealed = self.doc.edit(None, |p| {
                    let capability = p.capability_mut(&id)?;
                    capability.reveal_votes();
                    Some(capability.name.clone())
                });
                if let Some(name) = revealed {
                    self.notice = Some(Notice::undoable(
                        format!("Votes revealed: their medians are now the scores of “{name}”"),
                        self.doc.revision(),
                    ));
                }
            }
            Command::HideVotes(id) => {
                self.doc.edit(None, |p| {
                    p.capability_mut(&id)?.votes_revealed = false;
                    Some(())
                });
            }
            Command::AddParticipant(name) => {
                self.doc.edit(None, |p| {
                    p.add_participant(&name);
                    Some(())
                });
            }
            Command::RemoveParticipant(id) => {
                let name = self
                    .doc
                    .portfolio()
                    .participants
                    .iter()
                    .find(|p| p.id == id)
                    .map_or_else(|| id.clone(), |p| p.name.clone());
                if self
                    .doc
                    .edit(None, |p| p.remove_participant(&id).then_some(()))
                    .is_some()
                {
                    self.notice = Some(Notice::undoable(
                        format!("Removed {name} and their votes"),
                        self.doc.revision(),
                    ));
                }
            }
            Command::UpdatePortfolioInfo {
                name,
                quarter,
                notes,
            } => {
                let group = Some(EditGroup("portfolio".to_owned()));
                self.doc.edit(group, |p| {
                    p.name = name;
                    p.quarter = quarter;
                    p.notes = notes;
                    Some(())
                });
            }
            _ => {}
        }
    }

    /// The next or previous capability in board order, wrapping around.
    fn present_step(&mut self, delta: i32) {
        let order = self.doc.portfolio().board_order();
        if order.is_empty() {
            return;
        }
        let len = order.len();
        let current = self
            .view
            .selected
            .as_deref()
            .and_then(|id| order.iter().position(|&c| c == id));
        let next = match current {
            Some(index) if delta < 0 => (index + len - 1) % len,
            Some(index) => (index + 1) % len,
            None if delta < 0 => len - 1,
            None => 0,
        };
        let id = order[next].to_owned();
        self.select(Some(id));
    }

    /// Imports a CSV file, appended to the open portfolio or as a new one.
    /// A bad file changes nothing and lists every problem.
    fn import_csv(&mut self, path: &Path, append: bool) {
        let (text, encoding_note) = match crate::cli::read_text(path) {
            Ok(read) => read,
            Err(message) => {
                self.error = Some((format!("Could not import {}", path.display()), message));
                return;
            }
        };
        let base = if append {
            self.doc.portfolio().clone()
        } else {
            let name = path.file_stem().map_or_else(
                || "Imported portfolio".to_owned(),
                |s| s.to_string_lossy().into_owned(),
            );
            Portfolio::new(name)
        };
        match io::import_csv(&text, &base) {
            Ok(import) => {
                let count = import.capabilities.len();
                let notes = encoding_note
                    .iter()
                    .chain(&import.notes)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join("; ");
                if append {
                    self.doc.edit(None, |p| {
                        import.append_to(p);
                        Some(())
                    });
                } else {
                    let mut portfolio = base;
                    import.append_to(&mut portfolio);
                    // Exists nowhere on disk yet: quitting must ask first.
                    self.doc = Document::unsaved(portfolio);
                    self.view.reset_selection();
                }
                let mut text = format!(
                    "Imported {} from {}",
                    crate::export::plural(count, "capability", "capabilities"),
                    path.display()
                );
                if !notes.is_empty() {
                    text = format!("{text} ({notes})");
                }
                // Appended, it is one undo step; as a new portfolio, the
                // old one was saved or given up at the prompt.
                self.notice = Some(if append {
                    Notice::undoable(text, self.doc.revision())
                } else {
                    Notice::info(text)
                });
            }
            Err(error) => {
                self.error = Some((
                    format!("Nothing was imported from {}", path.display()),
                    error
                        .problems
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("\n"),
                ));
            }
        }
    }

    /// The file compared with, in time order with the open one.
    fn comparison(&self) -> Option<Comparison<'_>> {
        self.baseline
            .as_ref()
            .map(|b| Comparison::new(self.doc.portfolio(), &b.portfolio))
    }

    /// How the chart is drawn, from the remembered settings.
    fn chart_view(&self) -> ChartView {
        ChartView {
            labels: self.settings.labels,
            vote_spread: self.settings.vote_spread,
        }
    }

    fn image_theme(&self) -> ImageTheme {
        match self.settings.theme {
            Theme::Dark => ImageTheme::Dark,
            Theme::Light | Theme::HighContrast => ImageTheme::Light,
        }
    }

    /// Writes the chart to `path` as SVG or PNG (by extension), 1920x1080.
    fn export_chart(&mut self, path: &Path) {
        let extension = lower_extension(path);
        let portfolio = self.doc.portfolio();
        let today = Date::today();
        let options = ChartOptions {
            theme: self.image_theme(),
            labels: self.settings.labels,
            comparison: self.comparison(),
            vote_spread: self.settings.vote_spread,
        };
        let bytes = match extension.as_str() {
            "svg" => chart_svg(portfolio, today, 1920, 1080, options).map(String::into_bytes),
            "png" => chart_png(portfolio, today, 1920, 1080, options),
            _ => {
                self.error = Some((
                    "Could not export the chart".to_owned(),
                    format!("{}: name the file .svg or .png.", path.display()),
                ));
                return;
            }
        };
        let result = bytes.map_err(|e| e.to_string()).and_then(|bytes| {
            io::write_atomically(path, &bytes, Backup::None).map_err(|e| e.to_string())
        });
        self.report_export("chart", path, result);
    }

    /// Writes the decision log to `path` as Markdown or CSV (by extension).
    fn export_log(&mut self, path: &Path) {
        let format = match lower_extension(path).as_str() {
            "md" | "markdown" => LogFormat::Markdown,
            "csv" => LogFormat::Csv,
            _ => {
                self.error = Some((
                    "Could not export the decision log".to_owned(),
                    format!("{}: name the file .md or .csv.", path.display()),
                ));
                return;
            }
        };
        let log = DecisionLog::new(self.doc.portfolio(), Date::today());
        let result = format.render(&log).and_then(|text| {
            io::write_atomically(path, text.as_bytes(), Backup::None).map_err(|e| e.to_string())
        });
        self.report_export("decision log", path, result);
    }

    fn report_export(&mut self, what: &str, path: &Path, result: Result<(), String>) {
        match result {
            Ok(()) => {
                self.notice = Some(Notice::info(format!(
                    "Exported the {what} to {}",
                    path.display()
                )));
            }
            Err(message) => {
                self.error = Some((format!("Could not export the {what}"), message));
            }
        }
    }

    fn select(&mut self, id: Option<String>) {
        if self.view.selected != id {
            self.view.selected = id;
            self.view.forget_typing();
        }
    }

    fn keep_selection_valid(&mut self) {
        let portfolio = self.doc.portfolio();
        if let Some(id) = &self.view.selected
            && portfolio.capability(id).is_none()
        {
            // A fresh capability whose id followed its name (undo, redo)
            // stays selected under the id it has now.
            let origin = self.doc.fresh_origin(id);
            self.view.selected = origin.and_then(|origin| {
                portfolio
                    .capabilities
                    .iter()
                    .find(|c| self.doc.fresh_origin(&c.id) == Some(origin))
                    .map(|c| c.id.clone())
            });
        }
    }

    /// The card below `id` in its column, or the one above when it is last.
    fn neighbour_in_column(&self, id: &str) -> Option<String> {
        let portfolio = self.doc.portfolio();
        let zone = portfolio.capability(id)?.zone;
        let ids = portfolio.column(zone);
        let row = ids.iter().position(|i| *i == id)?;
        ids.get(row + 1)
            .or_else(|| row.checked_sub(1).and_then(|r| ids.get(r)))
            .map(|s| (*s).to_owned())
    }

    fn step_selection(&mut self, step: Step) {
        let portfolio = self.doc.portfolio();
        let columns: Vec<Vec<&str>> = Zone::ALL.iter().map(|z| portfolio.column(*z)).collect();
        let position = self.view.selected.as_deref().and_then(|id| {
            columns
                .iter()
                .enumerate()
                .find_map(|(c, ids)| ids.iter().position(|i| *i == id).map(|r| (c, r)))
        });
        let target = match position {
            None => columns.iter().find_map(|ids| ids.first()).copied(),
            Some((c, r)) => match step {
                Step::Up => r.checked_sub(1).map(|r| columns[c][r]),
                Step::Down => columns[c].get(r + 1).copied(),
                Step::Left => (0..c)
                    .rev()
                    .find(|i| !columns[*i].is_empty())
                    .map(|i| columns[i][r.min(columns[i].len() - 1)]),
                Step::Right => (c + 1..columns.len())
                    .find(|i| !columns[*i].is_empty())
                    .map(|i| columns[i][r.min(columns[i].len() - 1)]),
            },
        };
        if let Some(id) = target.map(str::to_owned) {
            self.select(Some(id));
        }
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

/// The key that moves a card to `zone`, as printed on the keyboard.
fn zone_key_name(zone: Zone) -> &'static str {
    zone_key(zone).name()
}

fn lower_extension(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

/// Text edits to the same field of the same capability form one undo step
/// while the field keeps focus; clicks (zone, scores, decision) are always
/// their own step.
fn typing_group(old: &Capability, new: &Capability, origin: Option<&str>) -> Option<EditGroup> {
    let field = if old.name != new.name {
        "name"
    } else if old.description != new.description {
        "description"
    } else if old.rationale != new.rationale {
        "rationale"
    } else if old.escalation_path != new.escalation_path {
        "escalation_path"
    } else if old.support_boundary != new.support_boundary {
        "support_boundary"
    } else if old.slo != new.slo {
        "slo"
    } else if old.notes != new.notes {
        "notes"
    } else if old.tags != new.tags {
        "tags"
    } else if old.metrics != new.metrics {
        "metrics"
    } else if old.exceptions.len() == new.exceptions.len() && old.exceptions != new.exceptions {
        "exceptions"
    } else {
        return None;
    };
    Some(EditGroup(format!("{}/{field}", origin.unwrap_or(&new.id))))
}

/// The bundled example, parsed. It is tested to parse; should it ever not,
/// an empty portfolio is shown rather than nothing.
#[must_use]
pub fn example_portfolio() -> Portfolio {
    io::from_ron(EXAMPLE_PORTFOLIO, Path::new("example.ron"))
        .unwrap_or_else(|_| Portfolio::new("Untitled portfolio"))
}

/// egui drops the keyboard focus on Escape before a text field sees the
/// text typed in the same frame, so a fast "…sting⎋" would lose "sting".
/// Splits `events` at an Escape that follows typed text: what comes before
/// stays, the Escape and everything after it is returned for next frame.
#[must_use]
pub fn defer_escape_after_text(events: &mut Vec<egui::Event>) -> Vec<egui::Event> {
    let mut typed = false;
    let split = events.iter().position(|event| match event {
        egui::Event::Text(_) | egui::Event::Paste(_) => {
            typed = true;
            false
        }
        egui::Event::Key {
            key: egui::Key::Escape,
            pressed: true,
            ..
        } => typed,
        _ => false,
    });
    split.map(|at| events.split_off(at)).unwrap_or_default()
}

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
        self.deferred_events = defer_escape_after_text(&mut raw_input.events);
        if !self.deferred_events.is_empty() {
            ctx.request_repaint();
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, &self.settings);
    }
}

/// Starts the desktop app on `file`, the last file, or the bundled example.
///
/// # Errors
/// When no window can be opened (no display, no OpenGL).
pub fn run(file: Option<PathBuf>) -> eframe::Result<()> {
    let started = std::time::Instant::now();
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("capmap")
        .with_app_id("capmap")
        .with_inner_size([1280.0, 800.0])
        .with_min_inner_size([900.0, 560.0])
        .with_drag_and_drop(true);
    if let Ok(icon) = eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon.png")) {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        renderer: eframe::Renderer::Glow,
        viewport,
        ..Default::default()
    };
    let first_frame = FirstFrame::from_env(started);
    eframe::run_native(
        "capmap",
        options,
        Box::new(move |cc| {
            let settings: Settings = cc
                .storage
                .and_then(|s| eframe::get_value(s, SETTINGS_KEY))
                .unwrap_or_default();
            let app = CapmapApp::start(file, settings);
            let app = match eframe::storage_dir("capmap") {
                Some(dir) => app.with_recovery(dir),
                None => app,
            };
            Ok(Box::new(Desktop { app, first_frame }))
        }),
    )
}

/// The app in its window, with the start-up timing `CAPMAP_FIRST_FRAME`
/// asks for (see docs/performance.md).
struct Desktop {
    app: CapmapApp,
    first_frame: Option<FirstFrame>,
}

/// `CAPMAP_FIRST_FRAME=report` prints how long after start the first frame
/// was on screen; `=exit` also closes the window then, for timing runs.
struct FirstFrame {
    started: std::time::Instant,
    exit: bool,
    frames: u32,
}

impl FirstFrame {
    fn from_env(started: std::time::Instant) -> Option<Self> {
        let mode = std::env::var("CAPMAP_FIRST_FRAME").ok()?;
        Some(Self {
            started,
            exit: mode == "exit",
            frames: 0,
        })
    }

    /// Called at the start of every frame until it has reported.
    fn tick(&mut self, ctx: &egui::Context) -> bool {
        self.frames += 1;
        if self.frames == 1 {
            // The first frame is painted after this pass; the next pass
            // starts once it is on screen.
            ctx.request_repaint();
            return false;
        }
        eprintln!(
            "capmap: first frame on screen {} ms after start",
            self.started.elapsed().as_millis()
        );
        if self.exit {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        true
    }
}

impl eframe::App for Desktop {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        if let Some(first_frame) = &mut self.first_frame
            && first_frame.tick(ui.ctx())
        {
            self.first_frame = None;
        }
        self.app.ui(ui, frame);
    }

    fn raw_input_hook(&mut self, ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        self.app.raw_input_hook(ctx, raw_input);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.app.save(storage);
    }
}

#[cfg(test)]
mod input_tests {
    use super::*;

    #[test]
    fn the_first_frame_is_reported_once_it_has_been_painted() {
        let ctx = egui::Context::default();
        let mut first = FirstFrame {
            started: std::time::Instant::now(),
            exit: true,
            frames: 0,
        };
        let mut reported = Vec::new();
        for _ in 0..2 {
            let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
                reported.push(first.tick(ui.ctx()));
            });
            output.textures_delta.clear();
            if reported.len() == 1 {
                // It asks for the pass that shows it was painted.
                assert!(ctx.has_requested_repaint());
            } else {
                let closes = output
                    .viewport_output
                    .values()
                    .any(|v| v.commands.contains(&egui::ViewportCommand::Close));
                assert!(closes, "with =exit the window closes after the report");
            }
        }
        assert_eq!(reported, vec![false, true]);
    }

    fn escape() -> egui::Event {
        egui::Event::Key {
            key: egui::Key::Escape,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: egui::Modifiers::NONE,
        }
    }

    #[test]
    fn an_escape_after_typed_text_waits_for_the_next_frame() {
        let mut events = vec![
            egui::Event::Text("ing".into()),
            escape(),
            egui::Event::Text("x".into()),
        ];
        let later = defer_escape_after_text(&mut events);
        assert_eq!(events, vec![egui::Event::Text("ing".into())]);
        assert_eq!(later, vec![escape(), egui::Event::Text("x".into())]);
    }

    #[test]
    fn an_escape_alone_or_first_is_not_held_back() {
        let mut events = vec![escape(), egui::Event::Text("a".into())];
        assert!(defer_escape_after_text(&mut events).is_empty());
        assert_eq!(events.len(), 2);
        let mut none: Vec<egui::Event> = Vec::new();
        assert!(defer_escape_after_text(&mut none).is_empty());
    }
}
