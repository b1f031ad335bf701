//! Autosave and recovery: unsaved work survives a crash, and a clean save
//! or a discard removes the copy.

pub mod common;

use std::path::Path;

use capmap::app::{CapmapApp, Command, Settings, example_portfolio};
use capmap::io;
use common::{OpenApp, example_app, next_repaint};
use eframe::egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn harness(app: CapmapApp) -> Harness<'static, CapmapApp> {
    common::window(common::LAPTOP).with_max_steps(12).open(app)
}

/// The app started as after a crash: no file named, `data` as the folder
/// where it keeps the recovery copy.
fn restarted(data: &Path) -> CapmapApp {
    CapmapApp::start(None, Settings::default()).with_recovery(data.to_owned())
}

/// The example with recovery on and its usual timing, just after one
/// unsaved edit (Cloud cost reporting moved to Commodity): the folder it is
/// copied into (kept while the first is alive) and the harness.
#[expect(clippy::unwrap_used, reason = "a test's setup may fail loudly")]
fn one_unsaved_edit() -> (
    tempfile::TempDir,
    std::path::PathBuf,
    Harness<'static, CapmapApp>,
) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let app = example_app().with_recovery(data.clone());
    let mut harness = harness(app);
    harness
        .state_mut()
        .send(Command::Select(Some("cost-reporting".into())));
    harness
        .state_mut()
        .send(Command::MoveSelectedTo(capmap::model::Zone::Commodity));
    harness.run();
    (dir, data, harness)
}

#[test]
fn unsaved_edits_are_copied_for_recovery_and_removed_by_a_clean_save() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = dir.path().join("workshop.ron");
    io::save(&example_portfolio(), &file).unwrap();
    let mut app =
        CapmapApp::new(io::load(&file).unwrap(), Some(file.clone())).with_recovery(data.clone());
    app.autosave_every(0.0);
    let mut harness = harness(app);
    assert!(io::read_recovery(&data).is_none(), "nothing unsaved yet");

    harness.state_mut().send(Command::AddCapability);
    harness.run();
    let recovered = io::read_recovery(&data).expect("autosaved").unwrap();
    assert_eq!(recovered.portfolio, *harness.state().portfolio());
    assert_eq!(recovered.source.as_deref(), Some(file.as_path()));
    // The real file is untouched until the facilitator saves.
    assert_eq!(io::load(&file).unwrap(), example_portfolio());

    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    assert!(
        io::read_recovery(&data).is_none(),
        "a clean save removes the copy"
    );
}

#[test]
fn after_a_crash_the_next_start_offers_to_restore() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut lost = example_portfolio();
    lost.name = "Afternoon of decisions".into();
    lost.capabilities.truncate(5);
    io::write_recovery(&data, Some(Path::new("/work/platform.ron")), &lost).unwrap();

    let app = restarted(&data);
    let mut harness = harness(app);
    harness.get_by_label("Restore unsaved work?");
    harness.get_by_label("Restore").click();
    harness.run();
    let app = harness.state();
    assert_eq!(*app.portfolio(), lost);
    assert!(app.document().is_dirty(), "restored work is still unsaved");
    assert_eq!(
        app.document().path.as_deref(),
        Some(Path::new("/work/platform.ron"))
    );
    assert!(io::read_recovery(&data).is_some(), "kept until saved");
}

#[test]
fn discarding_the_offer_removes_the_copy() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    io::write_recovery(&data, None, &example_portfolio()).unwrap();
    let app = restarted(&data);
    let mut harness = harness(app);
    harness.get_by_label("Discard them").click();
    harness.run();
    assert!(io::read_recovery(&data).is_none());
    assert!(!harness.state().document().is_dirty());
}

#[test]
fn a_damaged_recovery_file_is_reported_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(io::recovery_path(&data), "(source: None, portf").unwrap();
    let app = restarted(&data);
    assert!(app.error().unwrap().message.contains("kept as it is"));
    assert!(!app.is_autosaving(), "autosave must not overwrite it");
    assert!(io::recovery_path(&data).exists());
}

#[test]
fn quitting_with_discard_removes_the_copy() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut app = example_app().with_recovery(data.clone());
    app.autosave_every(0.0);
    let mut harness = harness(app);
    harness.state_mut().send(Command::AddCapability);
    harness.run();
    assert!(io::read_recovery(&data).is_some());
    harness.state_mut().send(Command::Quit);
    harness.run();
    harness.get_by_label("Discard").click();
    harness.run();
    assert!(io::read_recovery(&data).is_none());
    assert!(harness.state().wants_to_close());
}

#[test]
fn saving_over_a_file_changed_on_disk_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("shared.ron");
    io::save(&example_portfolio(), &file).unwrap();
    let app = CapmapApp::new(io::load(&file).unwrap(), Some(file.clone()));
    let mut harness = harness(app);
    harness.state_mut().send(Command::AddCapability);
    harness.run();

    // Another facilitator saves a different version meanwhile.
    let mut theirs = example_portfolio();
    theirs.name = "Their version".into();
    io::save(&theirs, &file).unwrap();

    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    harness.get_by_label("The file changed on disk");
    harness.get_by_label("Cancel").click();
    harness.run();
    assert_eq!(
        io::load(&file).unwrap().name,
        "Their version",
        "nothing overwritten"
    );
    assert!(harness.state().document().is_dirty());

    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    harness.get_by_label("Overwrite").click();
    harness.run();
    assert_eq!(io::load(&file).unwrap(), *harness.state().portfolio());
    assert_eq!(
        io::load(&io::backup_path(&file)).unwrap().name,
        "Their version"
    );
    // Saved now: the next save goes through without asking.
    harness.state_mut().send(Command::AddCapability);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    assert!(!harness.state().document().is_dirty());
}

#[test]
fn an_idle_app_asks_for_no_frame_and_unsaved_work_for_one_autosave() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let app = example_app().with_recovery(data.clone());
    let mut harness = harness(app);
    assert_eq!(
        next_repaint(&harness),
        std::time::Duration::MAX,
        "nothing to do: no frame is asked for"
    );

    // Presenting, with a capability selected, is just as still.
    harness
        .state_mut()
        .send(Command::Select(Some("secrets-management".into())));
    harness.state_mut().send(Command::StartPresentation);
    harness.run();
    assert_eq!(next_repaint(&harness), std::time::Duration::MAX);
    // And so is the next capability presented.
    harness.state_mut().send(Command::PresentStep(1));
    harness.run();
    assert_eq!(
        next_repaint(&harness),
        std::time::Duration::MAX,
        "still after a presentation step"
    );
    harness.state_mut().send(Command::StopPresentation);
    harness.run();

    // An unsaved edit asks for exactly one wake-up: the autosave. (Not a
    // new capability: its name field takes the focus, and a blinking text
    // cursor wakes the app twice a second, as it should.)
    harness
        .state_mut()
        .send(Command::MoveSelectedTo(capmap::model::Zone::Commodity));
    harness.run();
    // The harness's clock moves a little with every frame it ran, so the
    // wait is somewhat under the 2 s after an edit; what matters is that it
    // is one wait, not a stream of frames.
    let wait = next_repaint(&harness);
    assert!(
        wait > std::time::Duration::from_secs(1) && wait <= std::time::Duration::from_secs(2),
        "{wait:?}"
    );
    assert!(io::read_recovery(&data).is_none(), "not yet written");
    // That wake-up writes the copy, and then nothing more is asked for.
    let now = harness.ctx.input(|i| i.time);
    harness.input_mut().time = Some(now + wait.as_secs_f64());
    harness.step();
    assert!(io::read_recovery(&data).is_some(), "written at the wake-up");
    assert_eq!(
        next_repaint(&harness),
        std::time::Duration::MAX,
        "still again once the copy is made"
    );
}

#[test]
fn unsaved_work_is_copied_two_seconds_after_the_last_edit() {
    // The usual timing: 2 s after the last edit, every 30 s at most.
    let (_dir, data, mut harness) = one_unsaved_edit();
    let start = harness.ctx.input(|i| i.time);
    let at = |harness: &mut Harness<'static, CapmapApp>, seconds: f64| {
        harness.input_mut().time = Some(start + seconds);
        harness.step();
        io::read_recovery(&data).map(Result::unwrap)
    };
    assert!(
        at(&mut harness, 1.0).is_none(),
        "a second on: more edits may come"
    );
    // Another edit a second later: the wait starts again from it.
    harness
        .state_mut()
        .send(Command::MoveSelectedTo(capmap::model::Zone::Differentiator));
    harness.step();
    assert!(
        at(&mut harness, 2.5).is_none(),
        "1.5 s after the second edit"
    );
    let recovered = at(&mut harness, 3.2).expect("2 s after the second edit");
    assert_eq!(
        recovered.portfolio,
        *harness.state().portfolio(),
        "both edits are in the copy"
    );
}

#[test]
fn unsaved_work_is_copied_for_recovery_as_soon_as_the_window_loses_focus() {
    let (_dir, data, mut harness) = one_unsaved_edit();
    assert!(harness.state().document().is_dirty());
    assert!(
        io::read_recovery(&data).is_none(),
        "not yet: the next autosave is 2 seconds away"
    );

    // The facilitator switches to another window, as winit reports it.
    harness
        .input_mut()
        .viewports
        .entry(eframe::egui::ViewportId::ROOT)
        .or_default()
        .focused = Some(false);
    harness.event(eframe::egui::Event::WindowFocused(false));
    harness.run();
    let recovered = io::read_recovery(&data)
        .expect("copied when the focus went")
        .unwrap();
    assert_eq!(recovered.portfolio, *harness.state().portfolio());
}
