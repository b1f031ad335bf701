//! Presenting and sharing, driven through the real UI (`egui_kittest`):
//! presentation mode, themes and zoom, exports and CSV import.

#![expect(
    clippy::unwrap_used,
    reason = "helpers outside #[test] functions should fail loudly too"
)]

pub mod common;

use capmap::app::{CapmapApp, Command, FileDialogs, example_portfolio};
use capmap::model::{Capability, Portfolio, Zone};
use capmap::ui::presentation::PresentView;
use capmap::ui::theme::Theme;
use common::{OpenApp, example_app};
use eframe::egui::{Key, Modifiers, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn harness_sized(app: CapmapApp, size: Vec2) -> Harness<'static, CapmapApp> {
    common::window(size)
        // A zoom change re-lays the chart's labels once more.
        .with_max_steps(12)
        .open(app)
}

fn harness(app: CapmapApp) -> Harness<'static, CapmapApp> {
    harness_sized(app, common::LAPTOP)
}

/// Presentation mode on a 1920x1080 screen, showing `selected`.
fn presenting(portfolio: Portfolio, selected: &str) -> Harness<'static, CapmapApp> {
    let mut harness = common::window(common::PROJECTOR)
        // Room for the zoom change and for a column scrolling to a card.
        .with_max_steps(60)
        .open(CapmapApp::new(portfolio, None));
    harness
        .state_mut()
        .send(Command::Select(Some(selected.to_owned())));
    harness.run();
    harness.key_press(Key::F5);
    harness.run();
    assert!(
        harness.state().is_presenting(),
        "F5 starts the presentation"
    );
    harness
}

/// `count` capabilities, all in the Commodity column.
fn one_long_column(count: usize) -> Portfolio {
    let mut portfolio = Portfolio::new("Crowded");
    for i in 0..count {
        let mut capability = Capability::new(format!("c{i:02}"), format!("Capability {i:02}"));
        capability.zone = Zone::Commodity;
        portfolio.capabilities.push(capability.into());
    }
    portfolio
}

#[test]
fn f5_presents_arrows_step_and_escape_leaves() {
    let mut harness = harness_sized(example_app(), common::PROJECTOR);
    harness.key_press(Key::F5);
    harness.run();
    assert!(harness.state().is_presenting());
    let example = example_portfolio();
    let order = example.board_order();
    let first = order[0].to_owned();
    assert_eq!(common::selected(&harness), Some(first.as_str()));
    // No editing chrome: no menu bar, no inspector.
    assert!(harness.query_by_label("File").is_none());
    assert!(harness.query_by_label("The four questions").is_none());
    // Large type: body text is at least 24 physical pixels at 1920x1080.
    let body = harness.ctx.global_style().text_styles[&eframe::egui::TextStyle::Body].size;
    assert!(
        body * harness.ctx.zoom_factor() >= 24.0,
        "{body} x {}",
        harness.ctx.zoom_factor()
    );

    harness.key_press(Key::ArrowRight);
    harness.run();
    let second = example.capability(order[1]).unwrap().clone();
    assert_eq!(common::selected(&harness), Some(second.id.as_str()));
    // The current capability is shown large.
    harness.get_by_label(&second.name);
    harness.key_press(Key::ArrowLeft);
    harness.key_press(Key::ArrowLeft);
    harness.run();
    let last = (*order.last().unwrap()).to_owned();
    assert_eq!(
        common::selected(&harness),
        Some(last.as_str()),
        "wraps around"
    );

    harness.key_press(Key::B);
    harness.run();
    assert_eq!(harness.state().present_view(), PresentView::Board);
    harness.key_press(Key::B);
    harness.run();
    assert_eq!(harness.state().present_view(), PresentView::Chart);
    harness.key_press(Key::P);
    harness.run();
    harness.get_by_label("1. Sort into three zones");

    harness.key_press(Key::Escape);
    harness.run();
    assert!(!harness.state().is_presenting());
    harness.get_by_label("File");
    // Presenting never edits: the zone keys did nothing.
    assert_eq!(*harness.state().portfolio(), example_portfolio());
}

/// The viewport commands the app sent in the last frame.
fn viewport_commands(harness: &Harness<'_, CapmapApp>) -> Vec<eframe::egui::ViewportCommand> {
    harness.output().viewport_output[&eframe::egui::ViewportId::ROOT]
        .commands
        .clone()
}

#[test]
fn presenting_fills_the_screen_and_leaving_gives_the_window_back() {
    use eframe::egui::ViewportCommand::Fullscreen;
    let mut harness = harness_sized(example_app(), common::PROJECTOR);
    assert!(!viewport_commands(&harness).contains(&Fullscreen(true)));
    // F5 goes full screen in the very frame it is pressed.
    harness.key_down(Key::F5);
    harness.step();
    assert!(harness.state().is_presenting());
    assert!(
        viewport_commands(&harness).contains(&Fullscreen(true)),
        "{:?}",
        viewport_commands(&harness)
    );
    harness.key_up(Key::F5);
    harness.run();

    harness.key_down(Key::Escape);
    harness.step();
    assert!(!harness.state().is_presenting());
    assert!(
        viewport_commands(&harness).contains(&Fullscreen(false)),
        "{:?}",
        viewport_commands(&harness)
    );
    harness.key_up(Key::Escape);
    harness.run();

    // From the View menu too.
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label_contains("Present").click();
    harness.step();
    assert!(harness.state().is_presenting());
    assert!(viewport_commands(&harness).contains(&Fullscreen(true)));
}

#[test]
fn presenting_zoomed_in_settles() {
    // At 150 % a 1920 wide wall is zoomed 2.88 times; a zoom that large
    // used to come back a rounding error off every frame and repaint for
    // ever.
    let mut app = example_app();
    app.settings_mut().zoom = 1.5;
    let mut harness = harness_sized(app, common::PROJECTOR);
    harness.key_press(Key::F5);
    harness.run();
    assert!((harness.ctx.zoom_factor() - 2.88).abs() < 1e-3);
}

#[test]
fn theme_and_zoom_change_and_are_kept_in_settings() {
    let mut harness = harness(example_app());
    harness
        .state_mut()
        .send(Command::SetTheme(Theme::HighContrast));
    harness.run();
    assert_eq!(harness.state().settings().theme, Theme::HighContrast);
    assert_eq!(
        harness.ctx.global_style().visuals.override_text_color,
        Some(eframe::egui::Color32::BLACK)
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    harness.run();
    assert!(harness.state().settings().zoom > 1.05);
    assert!((harness.ctx.zoom_factor() - harness.state().settings().zoom).abs() < 1e-3);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Minus);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Minus);
    harness.run();
    assert!(harness.state().settings().zoom < 1.0);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num0);
    harness.run();
    assert!((harness.state().settings().zoom - 1.0).abs() < 1e-6);
    // Settings survive a restart through eframe's storage as RON.
    let saved = ron::to_string(&harness.state().settings()).unwrap();
    let restored: capmap::app::Settings = ron::from_str(&saved).unwrap();
    assert_eq!(restored.theme, Theme::HighContrast);
}

#[test]
fn the_chart_and_the_log_export_from_the_file_menu() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("chart.png");
    let svg = dir.path().join("chart.svg");
    let md = dir.path().join("log.md");
    let csv = dir.path().join("log.csv");
    let mut app = example_app();
    app.set_dialogs(FileDialogs::scripted([Some(png.clone())]));
    let mut harness = harness(app);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::E);
    harness.run();
    harness.run();
    let image = resvg::tiny_skia::Pixmap::load_png(&png).unwrap();
    assert_eq!((image.width(), image.height()), (1920, 1080));
    assert!(
        harness
            .state()
            .notice()
            .as_ref()
            .unwrap()
            .text
            .contains("chart.png")
    );

    for path in [&svg, &md, &csv] {
        let command = if path == &svg {
            Command::ExportChartTo(path.clone())
        } else {
            Command::ExportLogTo(path.clone())
        };
        harness.state_mut().send(command);
        harness.run();
    }
    assert!(
        std::fs::read_to_string(&svg)
            .unwrap()
            .contains("Identity and single sign-on")
    );
    assert!(
        std::fs::read_to_string(&md)
            .unwrap()
            .starts_with("# Decision log: Northwind Pay")
    );
    let rows = csv::Reader::from_path(&csv).unwrap().records().count();
    assert_eq!(rows, example_portfolio().capabilities.len());

    harness
        .state_mut()
        .send(Command::ExportLogTo(dir.path().join("log.pdf")));
    harness.run();
    assert!(
        harness
            .state()
            .error()
            .unwrap()
            .message
            .contains(".md or .csv")
    );
}

fn csv_file(dir: &std::path::Path, text: &str) -> std::path::PathBuf {
    let path = dir.join("capabilities.csv");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn a_csv_import_can_be_appended_and_undone() {
    let dir = tempfile::tempdir().unwrap();
    let path = csv_file(
        dir.path(),
        "name,zone,owner\nChaos testing,differentiator,SRE guild\nGame days,,\n",
    );
    let mut app = example_app();
    app.set_dialogs(FileDialogs::scripted([Some(path)]));
    let mut harness = harness(app);
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::O);
    harness.run();
    harness.run();
    harness.get_by_label("Add to this portfolio").click();
    harness.run();
    let portfolio = harness.state().portfolio().clone();
    assert_eq!(
        portfolio.capabilities.len(),
        example_portfolio().capabilities.len() + 2
    );
    let chaos = portfolio.capability("chaos-testing").unwrap();
    assert_eq!(chaos.zone, Zone::Differentiator);
    assert_eq!(
        portfolio.team_name(chaos.owner.as_deref().unwrap()),
        "SRE guild"
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(*harness.state().portfolio(), example_portfolio());
}

#[test]
fn a_csv_import_can_start_a_new_portfolio() {
    let dir = tempfile::tempdir().unwrap();
    let path = csv_file(dir.path(), "Name\nIdentity\nLogging\n");
    let mut harness = harness(example_app());
    harness.state_mut().send(Command::ImportCsvFrom {
        path,
        append: false,
    });
    harness.run();
    let portfolio = harness.state().portfolio();
    assert_eq!(portfolio.name, "capabilities");
    assert_eq!(portfolio.capabilities.len(), 2);
    assert_eq!(harness.state().document().path, None);
    assert!(
        harness.state().document().is_dirty(),
        "an import exists nowhere on disk yet"
    );
}

#[test]
fn a_bad_csv_imports_nothing_and_lists_every_problem() {
    let dir = tempfile::tempdir().unwrap();
    let path = csv_file(dir.path(), "name,reuse,zone\nA,9,\nB,2,nowhere\n");
    let mut harness = harness(example_app());
    harness
        .state_mut()
        .send(Command::ImportCsvFrom { path, append: true });
    harness.run();
    assert_eq!(*harness.state().portfolio(), example_portfolio());
    let message = harness.state().error().unwrap().message.clone();
    assert!(message.contains("line 2, column reuse"), "{message}");
    assert!(message.contains("line 3, column zone"), "{message}");
}

#[test]
fn presenting_shows_the_decision_the_owner_and_why() {
    let mut harness = presenting(example_portfolio(), "matching-engine");
    // The header counts what the room has decided so far.
    harness.get_by_label("8 of 24 decided");
    // The decision, as a badge on the same line as "Decided".
    let decided = harness.get_by_label("Decided").rect();
    assert!(
        harness.query_all_by_label("Operate").any(|badge| {
            let badge = badge.rect();
            (badge.center().y - decided.center().y).abs() < 4.0 && badge.left() > decided.right()
        }),
        "no Operate badge beside Decided"
    );
    harness.get_by_label("Owner: Trading and Markets");
    harness.get_by_label_contains("Why: Latency is the product");
    // Beside the recommendation and the scores.
    harness.get_by_label("Recommended");
    harness.get_by_label_contains("reuse 1 · cost 2 · risk 2");

    // An undecided capability says so, and still names its owner.
    harness
        .state_mut()
        .send(Command::Select(Some("artifact-repository".to_owned())));
    harness.run();
    harness.get_by_label("Not decided yet");
    harness.get_by_label("Owner: Platform Engineering");
    assert!(harness.query_by_label("Decided").is_none());
    assert!(harness.query_by_label_contains("Why: ").is_none());
}

/// The bottom of the board on the wall: above the panel with the
/// presented capability.
fn board_bottom(harness: &Harness<'_, CapmapApp>, presented: &str) -> f32 {
    let below = harness.get_by_label(presented).rect().top();
    assert!(
        below <= harness.ctx.content_rect().bottom(),
        "{presented} is on the screen"
    );
    below
}

#[test]
fn a_long_column_on_the_wall_shows_its_last_card() {
    // The example's Commodity column has 11 cards: more than fit at full
    // size on a 1920x1080 wall, few enough to fit smaller.
    let mut harness = presenting(example_portfolio(), "identity-sso");
    harness.key_press(Key::B);
    harness.run();
    let portfolio = example_portfolio();
    let column: Vec<&Capability> = portfolio
        .capabilities
        .iter()
        .filter(|c| c.zone == Zone::Commodity)
        .map(AsRef::as_ref)
        .collect();
    assert!(column.len() > 8, "{} cards fit at full size", column.len());
    let bottom = board_bottom(&harness, "Identity and single sign-on");
    // Every card is on the wall at once, without scrolling.
    for capability in column {
        let card = harness
            .get_by_label_contains(&format!("{} (Commodity", capability.name))
            .rect();
        assert!(card.bottom() <= bottom, "{}: {card:?}", capability.name);
    }
}

#[test]
fn a_column_too_long_to_fit_scrolls_to_the_presented_card() {
    let mut harness = presenting(one_long_column(60), "c00");
    harness.key_press(Key::B);
    harness.run();
    assert!(harness.query_by_label_contains("Capability 59 (").is_none());
    // Back from the first is the last.
    harness.key_press(Key::ArrowLeft);
    harness.run();
    assert_eq!(common::selected(&harness), Some("c59"));
    let last = harness.get_by_label_contains("Capability 59 (").rect();
    // The column's header is the topmost "Commodity" (the presented
    // capability's zone is the other).
    let header = harness
        .query_all_by_label("Commodity")
        .map(|n| n.rect())
        .min_by(|a, b| a.top().total_cmp(&b.top()))
        .unwrap();
    assert!(last.top() >= header.bottom(), "{last:?} under the header");
    assert!(
        last.bottom() <= board_bottom(&harness, "Capability 59"),
        "{last:?}"
    );
}

#[test]
fn the_primer_pages_with_the_arrow_keys() {
    let mut harness = presenting(example_portfolio(), "identity-sso");
    // At 150 % the primer is longer than a 16:9 screen.
    harness.state_mut().settings_mut().zoom = 1.5;
    harness.key_press(Key::P);
    harness.run();
    let screen = harness.ctx.content_rect();
    let last_heading = "6. After the room decides";
    let first_heading = "1. Sort into three zones";
    assert!(
        harness.get_by_label(last_heading).rect().top() > screen.bottom(),
        "the primer fits the screen: nothing to page"
    );
    harness.get_by_label_contains("page 1 of ");

    // More presses than pages: the last page stays.
    for _ in 0..12 {
        harness.key_press(Key::ArrowRight);
        harness.run();
    }
    let end = harness.get_by_label(last_heading).rect();
    assert!(screen.contains_rect(end), "{end:?} not on {screen:?}");
    assert!(harness.get_by_label(first_heading).rect().bottom() < screen.top());
    assert_eq!(
        common::selected(&harness),
        Some("identity-sso"),
        "turning the primer's pages does not step the capabilities"
    );

    // Back to the start, with the other arrows too.
    for key in [Key::ArrowLeft, Key::ArrowUp].repeat(6) {
        harness.key_press(key);
        harness.run();
    }
    assert!(screen.contains_rect(harness.get_by_label(first_heading).rect()));
    harness.get_by_label_contains("page 1 of ");
}

#[test]
fn on_the_wall_a_resting_pointer_shows_no_cursor_and_no_tooltip() {
    let mut harness = presenting(example_portfolio(), "identity-sso");
    // The low-latency matching engine is alone at differentiation 5,
    // pull 1.67.
    let dot = common::on_screen(&harness, [5.0, 5.0 / 3.0]);
    harness.hover_at(dot);
    // A second: past egui's tooltip delay, not yet at rest.
    harness.run_steps(4);
    assert!(
        harness.query_by_label_contains("Decision: ").is_some(),
        "a moving pointer names the dot"
    );
    assert_ne!(
        harness.output().platform_output.cursor_icon,
        eframe::egui::CursorIcon::None
    );
    // Two seconds later, with the pointer still where it was.
    harness.run_steps(8);
    assert!(
        harness.query_by_label_contains("Decision: ").is_none(),
        "no tooltip on the wall once the pointer rests"
    );
    assert_eq!(
        harness.output().platform_output.cursor_icon,
        eframe::egui::CursorIcon::None,
        "and no cursor"
    );
}

#[test]
fn on_the_wall_the_example_names_every_dot_and_shows_the_whole_rationale() {
    let harness = presenting(example_portfolio(), "ci-cd-templates");
    // Named: no numbered index beside the chart.
    assert!(
        harness.query_by_label("1  Container runtime").is_none(),
        "the example is numbered on the wall"
    );
    // Beside the chart the rationale is whole, not cut to three lines.
    let portfolio = example_portfolio();
    let rationale = &portfolio
        .capability("ci-cd-templates")
        .expect("the example has CI/CD")
        .rationale;
    let why = harness.get_by_label_contains("Why: Three teams").rect();
    let lines = why.height() / 15.0;
    assert!(
        lines > 3.5,
        "{lines:.1} lines of 15 pt for {} characters",
        rationale.len()
    );
}

#[test]
fn presenting_steps_through_the_board_column_by_column_not_in_file_order() {
    let mut portfolio = Portfolio::new("Out of order");
    for (id, zone) in [
        ("audit", Zone::RegulatedControl),
        ("ci", Zone::Commodity),
        ("ml", Zone::Differentiator),
        ("logs", Zone::Commodity),
    ] {
        let mut capability = Capability::new(id, id.to_uppercase());
        capability.zone = zone;
        portfolio.capabilities.push(capability.into());
    }
    let mut harness = harness_sized(CapmapApp::new(portfolio, None), common::PROJECTOR);
    harness.key_press(Key::F5);
    harness.run();
    let mut seen = vec![common::selected(&harness).unwrap().to_owned()];
    // The count in the header follows the walk, not the file's order.
    harness.get_by_label("1 of 4");
    for step in 0..4 {
        harness.key_press(Key::ArrowRight);
        harness.run();
        seen.push(common::selected(&harness).unwrap().to_owned());
        harness.get_by_label(&format!("{} of 4", (step + 1) % 4 + 1));
    }
    assert_eq!(seen, ["ci", "logs", "ml", "audit", "ci"]);
    harness.key_press(Key::ArrowLeft);
    harness.run();
    harness.get_by_label("4 of 4");
}
