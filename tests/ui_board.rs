//! The workshop board driven through the real UI (`egui_kittest`): clicks,
//! keys and drags, checked against the document.

pub mod common;

use std::path::Path;

use capmap::app::{CapmapApp, Command, FileDialogs, Settings, example_portfolio};
use capmap::io;
use capmap::model::{Question, Recommendation, Score, ScoringSettings, Zone, assess};
use common::{EXAMPLE, OpenApp, capability, example, example_app, next_repaint};
use eframe::egui::{self, Key, Modifiers, Pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// The centre of a card, found by its accessible name.
fn card_center(harness: &Harness<'_, CapmapApp>, name: &str) -> Pos2 {
    harness
        .get_by_label_contains(&format!("{name} ("))
        .rect()
        .center()
}

/// The inspector's name field.
fn name_field<'a>(harness: &'a Harness<'_, CapmapApp>) -> egui_kittest::Node<'a> {
    harness.get_by_role_and_label(egui::accesskit::Role::TextInput, "Capability")
}

fn click_card(harness: &mut Harness<'_, CapmapApp>, name: &str) {
    harness.get_by_label_contains(&format!("{name} (")).click();
    harness.run();
}

#[test]
fn dragging_a_card_to_another_zone_moves_it() {
    let mut harness = example();
    assert_eq!(capability(&harness, "cost-reporting").zone, Zone::Unplaced);
    let start = card_center(&harness, "Cloud cost reporting");
    // Below the last card of the Regulated control column.
    let column = harness.get_by_label("Regulated").rect();
    let target = Pos2::new(column.center().x, 700.0);

    harness.hover_at(start);
    harness.run();
    harness.drag_at(start);
    harness.run();
    harness.hover_at(start + vec2(8.0, 8.0));
    harness.run();
    harness.hover_at(target);
    harness.run();
    harness.drop_at(target);
    harness.run();

    let app = harness.state();
    assert_eq!(
        capability(&harness, "cost-reporting").zone,
        Zone::RegulatedControl
    );
    let portfolio = app.portfolio();
    let last_regulated = portfolio
        .capabilities
        .iter()
        .rfind(|c| c.zone == Zone::RegulatedControl)
        .unwrap();
    assert_eq!(
        last_regulated.id, "cost-reporting",
        "dropped below the last card"
    );
    assert!(app.document().is_dirty());
    // After the drop the app waits for input (and the autosave), drawing
    // no frames of its own.
    let wait = next_repaint(&harness);
    assert!(
        wait > std::time::Duration::from_secs(10),
        "after a drag: {wait:?}"
    );
}

#[test]
fn dropping_a_card_onto_another_places_it_before_that_card() {
    let mut harness = example();
    let start = card_center(&harness, "Data retention");
    let target = card_center(&harness, "Identity and single sign-on") - vec2(0.0, 20.0);
    harness.hover_at(start);
    harness.run();
    harness.drag_at(start);
    harness.run();
    harness.hover_at(start + vec2(0.0, -8.0));
    harness.run();
    harness.hover_at(target);
    harness.run();
    harness.drop_at(target);
    harness.run();
    let ids: Vec<&str> = harness
        .state()
        .document()
        .portfolio()
        .capabilities
        .iter()
        .filter(|c| c.zone == Zone::RegulatedControl)
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(ids[0], "data-retention", "{ids:?}");
}

#[test]
fn zone_keys_move_the_selected_card_and_arrows_move_the_selection() {
    let mut harness = example();
    click_card(&mut harness, "Cloud cost reporting");
    assert_eq!(common::selected(&harness), Some("cost-reporting"));
    harness.key_press(Key::D);
    harness.run();
    assert_eq!(
        capability(&harness, "cost-reporting").zone,
        Zone::Differentiator
    );

    // Arrow keys walk the board: the card now sits last in Differentiator.
    harness.key_press(Key::ArrowUp);
    harness.run();
    assert_eq!(common::selected(&harness), Some("fraud-scoring"));
    harness.key_press(Key::ArrowLeft);
    harness.run();
    let selected = common::selected(&harness).unwrap().to_owned();
    assert_eq!(capability(&harness, &selected).zone, Zone::Commodity);
}

#[test]
fn a_zone_key_and_four_digits_place_and_score_a_capability() {
    let mut harness = example();
    // Not yet on the chart: it is listed under "To score".
    harness.get_by_label("Mobile build farm").click();
    harness.run();
    assert!(
        assess(
            capability(&harness, "mobile-build-farm"),
            &ScoringSettings::default()
        )
        .is_none()
    );
    for key in [Key::C, Key::Num5, Key::Num4, Key::Num5, Key::Num1] {
        harness.key_press(key);
        harness.run();
    }
    let farm = capability(&harness, "mobile-build-farm");
    assert_eq!(farm.zone, Zone::Commodity);
    assert_eq!(farm.scores.reuse, Score::new(5));
    assert_eq!(farm.scores.cost, Score::new(4));
    assert_eq!(farm.scores.risk, Score::new(5));
    assert_eq!(farm.scores.differentiation, Score::new(1));
    // The inspector shows the recommendation and its reason at once.
    harness.get_by_label_contains("Pull 4.7 (reuse 5, cost 4, risk 5)");
    let assessment = assess(farm, &harness.state().portfolio().scoring).unwrap();
    assert_eq!(assessment.recommendation, Recommendation::Orchestrate);

    // Backspace takes back the last digit.
    harness.key_press(Key::Backspace);
    harness.run();
    assert_eq!(
        capability(&harness, "mobile-build-farm")
            .scores
            .differentiation,
        None
    );
}

#[test]
fn clicking_a_dot_on_the_chart_selects_its_capability() {
    let mut harness = example();
    // Low-latency matching engine: pull (2+1+2)/3 = 1.67, differentiation 5, alone there.
    let engine = capability(&harness, "matching-engine").clone();
    let a = assess(&engine, &harness.state().portfolio().scoring).unwrap();
    let dot = common::on_screen(&harness, [a.differentiation, a.pull]);
    harness.hover_at(dot);
    harness.run();
    harness.drag_at(dot);
    harness.drop_at(dot);
    harness.run();
    assert_eq!(common::selected(&harness), Some("matching-engine"));
    // The inspector follows the selection.
    let name_field = name_field(&harness);
    assert_eq!(
        name_field.value().as_deref(),
        Some("Low-latency matching engine")
    );
}

#[test]
fn undo_and_redo_cover_moves_and_scores() {
    let mut harness = example();
    let before = harness.state().portfolio().clone();
    click_card(&mut harness, "Cloud cost reporting");
    harness.key_press(Key::C);
    harness.run();
    harness.key_press(Key::Num5);
    harness.run();
    let after = harness.state().portfolio().clone();
    assert_ne!(before, after);

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(*harness.state().portfolio(), before);
    assert!(!harness.state().document().is_dirty());

    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.run();
    assert_eq!(*harness.state().portfolio(), after);
}

#[test]
fn typing_a_name_is_one_undo_step() {
    let mut harness = example();
    click_card(&mut harness, "Cloud cost reporting");
    name_field(&harness).focus();
    harness.run();
    harness.key_press(Key::End);
    harness.run();
    name_field(&harness).type_text(" and chargeback");
    harness.run();
    assert_eq!(
        capability(&harness, "cost-reporting").name,
        "Cloud cost reporting and chargeback"
    );
    // Leave the field, then undo once.
    harness.key_press(Key::Escape);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(
        capability(&harness, "cost-reporting").name,
        "Cloud cost reporting"
    );
}

#[test]
fn save_then_reopen_gives_the_same_portfolio() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("workshop.ron");
    io::save(&example_portfolio(), &path).unwrap();
    let mut app = CapmapApp::new(io::load(&path).unwrap(), Some(path.clone()));
    app.set_dialogs(FileDialogs::scripted([]));
    let mut harness = common::open(app);
    click_card(&mut harness, "Product and merchant search");
    harness.key_press(Key::D);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    assert!(!harness.state().document().is_dirty());
    let reopened = io::load(&path).unwrap();
    assert_eq!(reopened, *harness.state().portfolio());
    assert_eq!(
        reopened.capability("product-search").unwrap().zone,
        Zone::Differentiator
    );
    assert!(io::backup_path(&path).exists());
}

#[test]
fn save_as_asks_where_and_remembers_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.ron");
    let mut app = example_app();
    app.set_dialogs(FileDialogs::scripted([Some(path.clone())]));
    let mut harness = common::open(app);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    harness.run();
    assert_eq!(
        harness.state().document().path.as_deref(),
        Some(path.as_path())
    );
    assert_eq!(io::load(&path).unwrap(), example_portfolio());
    assert_eq!(harness.state().settings().recent.len(), 1);
    assert!(harness.state().title().starts_with("new.ron"));
}

#[test]
fn unsaved_changes_are_never_dropped_silently() {
    let mut harness = example();
    click_card(&mut harness, "Cloud cost reporting");
    harness.key_press(Key::C);
    harness.run();
    let edited = harness.state().portfolio().clone();
    assert!(harness.state().title().starts_with('●'));

    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.run();
    assert!(harness.state().is_asking_to_save());
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(!harness.state().is_asking_to_save());
    assert_eq!(*harness.state().portfolio(), edited);

    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.run();
    harness.get_by_label("Discard").click();
    harness.run();
    assert!(harness.state().portfolio().capabilities.is_empty());
}

#[test]
fn the_prompt_can_save_first_and_then_go_on() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kept.ron");
    let mut app = example_app();
    app.set_dialogs(FileDialogs::scripted([Some(path.clone())]));
    let mut harness = common::open(app);
    harness.state_mut().send(Command::AddCapability);
    harness.run();
    harness.state_mut().send(Command::Quit);
    harness.run();
    harness.get_by_label("Save").click();
    harness.run();
    harness.run();
    let saved = io::load(&path).unwrap();
    assert_eq!(
        saved.capabilities.len(),
        example_portfolio().capabilities.len() + 1
    );
    assert!(harness.state().wants_to_close());
}

#[test]
fn a_bad_file_is_explained_and_the_open_document_kept() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.ron");
    std::fs::write(&bad, "(format: 1, portfolio: (name: \"x\", capabilities: [(id: \"a\", name: \"A\", scores: (reuse: 9))]))").unwrap();
    let mut harness = example();
    let before = harness.state().portfolio().clone();
    harness.state_mut().send(Command::OpenPath(bad.clone()));
    harness.run();
    assert_eq!(*harness.state().portfolio(), before);
    assert_eq!(harness.state().document().path, None);
    let error = harness.state().error().cloned().expect("an error is shown");
    let (title, message) = (error.title, error.message);
    assert!(title.contains("bad.ron"));
    assert!(message.contains("bad.ron:1:"), "{message}");
    harness.get_by_label_contains("score 9 is outside 1-5");
    harness.get_by_label("OK").click();
    harness.run();
    assert!(harness.state().error().is_none());
}

#[test]
fn a_big_file_is_read_apart_while_the_window_says_what_it_opens() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.ron");
    let mut portfolio = example_portfolio();
    let originals = portfolio.capabilities.clone();
    portfolio.capabilities = (0..10_000)
        .map(|i| {
            let mut c = capmap::model::Capability::clone(&originals[i % originals.len()]);
            c.id = format!("{}-{i}", c.id);
            c.name = format!("{} {i}", c.name);
            std::sync::Arc::new(c)
        })
        .collect();
    io::save(&portfolio, &big).unwrap();
    assert!(
        std::fs::metadata(&big).unwrap().len() > 1_000_000,
        "big enough to be read apart"
    );
    let mut harness = example();
    let before = harness.state().portfolio().clone();
    harness.state_mut().send(Command::OpenPath(big.clone()));
    // The command is taken at the end of a frame; the note is laid out
    // (unseen) in the next and shown in the one after.
    for _ in 0..3 {
        harness.step();
    }
    // Reading 4 MB takes far longer than three frames: the window answers
    // meanwhile, says what it opens, and the open portfolio stays.
    harness.get_by_label_contains("Opening big.ron");
    assert!(*harness.state().portfolio() == before, "still the example");
    // Keys wait: Delete does not delete the selected card behind the note.
    harness
        .state_mut()
        .send(Command::Select(Some(before.capabilities[0].id.clone())));
    harness.step();
    harness.key_press(Key::Delete);
    harness.step();
    assert!(*harness.state().portfolio() == before, "nothing deleted");
    let deadline = std::time::Instant::now() + std::time::Duration::from_mins(2);
    while harness.query_by_label_contains("Opening big.ron").is_some() {
        assert!(
            std::time::Instant::now() < deadline,
            "read within two minutes"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
        harness.step();
    }
    harness.run();
    assert_eq!(harness.state().portfolio().capabilities.len(), 10_000);
    assert_eq!(
        harness.state().document().path.as_deref(),
        Some(std::path::absolute(&big).unwrap().as_path())
    );
    assert!(
        !harness.state().document().is_dirty(),
        "opened, not changed"
    );
}

#[test]
fn adding_and_deleting_capabilities() {
    let mut harness = example();
    let count = harness.state().portfolio().capabilities.len();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    harness.run();
    assert_eq!(harness.state().portfolio().capabilities.len(), count + 1);
    let id = common::selected(&harness).unwrap().to_owned();
    assert_eq!(capability(&harness, &id).zone, Zone::Unplaced);
    // The name field has the focus and its placeholder is selected:
    // typing replaces it.
    assert!(name_field(&harness).is_focused());
    name_field(&harness).type_text("Chaos testing");
    harness.run();
    // Not saved yet, so the id follows the name.
    let id = common::selected(&harness).unwrap().to_owned();
    assert_eq!(id, "chaos-testing");
    assert_eq!(capability(&harness, &id).name, "Chaos testing");
    harness.key_press(Key::Escape);
    harness.run();
    harness.key_press(Key::Delete);
    harness.run();
    assert_eq!(harness.state().portfolio().capabilities.len(), count);
}

#[test]
fn a_new_capability_is_named_by_typing_and_its_id_settles_when_saved() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("workshop.ron");
    let mut app = example_app();
    app.set_dialogs(FileDialogs::scripted([Some(path.clone())]));
    let mut harness = common::open(app);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    harness.run();
    name_field(&harness).type_text("Chaos & load testing");
    harness.run();
    assert_eq!(common::selected(&harness), Some("chaos-load-testing"));
    assert_eq!(
        capability(&harness, "chaos-load-testing").name,
        "Chaos & load testing"
    );
    // The whole name is one undo step, and the card stays selected.
    harness.key_press(Key::Escape);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    let selected = common::selected(&harness).unwrap().to_owned();
    assert_eq!(capability(&harness, &selected).name, "New capability");
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run();
    assert_eq!(common::selected(&harness), Some("chaos-load-testing"));

    // Saved, the id never changes again: renaming keeps it.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    harness.run();
    assert!(
        io::load(&path)
            .unwrap()
            .capability("identity-sso")
            .is_some()
    );
    harness.key_press(Key::F2);
    harness.run();
    name_field(&harness).type_text("Resilience testing");
    harness.run();
    assert_eq!(
        capability(&harness, "chaos-load-testing").name,
        "Resilience testing"
    );
}

#[test]
fn escape_closes_an_open_menu_and_keys_never_reach_the_board_behind_it() {
    let mut harness = example();
    click_card(&mut harness, "Cloud cost reporting");
    let before = harness.state().portfolio().clone();
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label("Chart labels");
    // Zone keys and digits while the menu is open do nothing.
    for key in [Key::D, Key::Num1, Key::Delete] {
        harness.key_press(key);
        harness.run();
    }
    assert_eq!(*harness.state().portfolio(), before);
    // Escape closes the menu, and only the menu.
    harness.key_press(Key::Escape);
    harness.run();
    assert!(harness.query_by_label("Chart labels").is_none());
    assert_eq!(common::selected(&harness), Some("cost-reporting"));

    // The same with the right-click menu, which selects its card.
    harness
        .get_by_label_contains("Audit trail (")
        .click_secondary();
    harness.run();
    assert_eq!(common::selected(&harness), Some("audit-trail"));
    harness.get_by_label("Differentiator D");
    harness.key_press(Key::R);
    harness.run();
    harness.key_press(Key::Escape);
    harness.run();
    assert!(harness.query_by_label("Differentiator D").is_none());
    assert_eq!(*harness.state().portfolio(), before);
    assert_eq!(common::selected(&harness), Some("audit-trail"));
}

#[test]
fn the_card_menu_moves_to_another_zone_and_its_own_zone_changes_nothing() {
    let mut harness = example();
    let before = harness.state().portfolio().clone();
    assert_eq!(
        before.column(Zone::Commodity).first(),
        Some(&"ci-cd-templates"),
        "first of its column, where a move to the end would show"
    );
    harness
        .get_by_label_contains("CI/CD pipeline templates (")
        .click_secondary();
    harness.run();
    harness.get_by_label("Commodity C").click();
    harness.run();
    assert_eq!(*harness.state().portfolio(), before, "its own zone again");
    assert_eq!(harness.state().document().undo_len(), 0);

    harness
        .get_by_label_contains("CI/CD pipeline templates (")
        .click_secondary();
    harness.run();
    harness.get_by_label("Differentiator D").click();
    harness.run();
    let moved = capability(&harness, "ci-cd-templates");
    assert_eq!(moved.zone, Zone::Differentiator);
}

#[test]
fn a_stray_digit_never_rescores_a_fully_scored_card() {
    let mut harness = example();
    click_card(&mut harness, "CI/CD pipeline templates");
    let scores = capability(&harness, "ci-cd-templates").scores;
    assert!(Question::ALL.iter().all(|q| scores.get(*q).is_some()));
    harness.key_press(Key::Num1);
    harness.run();
    assert_eq!(capability(&harness, "ci-cd-templates").scores, scores);
    // The status bar says how to rescore.
    harness.get_by_label_contains("is fully scored: to rescore it, press its zone key (C)");
    // A stray Backspace takes nothing back either.
    harness.key_press(Key::Backspace);
    harness.run();
    assert_eq!(capability(&harness, "ci-cd-templates").scores, scores);

    // After its zone key, four digits rescore it.
    for key in [Key::C, Key::Num1, Key::Num2, Key::Num3, Key::Num4] {
        harness.key_press(key);
        harness.run();
    }
    let rescored = capability(&harness, "ci-cd-templates").scores;
    assert_eq!(
        Question::ALL.map(|q| rescored.get(q).map(Score::get)),
        [Some(1), Some(2), Some(3), Some(4)]
    );
    // The sequence is over: the next digit does nothing.
    harness.key_press(Key::Num5);
    harness.run();
    assert_eq!(capability(&harness, "ci-cd-templates").scores, rescored);
}

#[test]
fn digits_answer_only_the_questions_still_open() {
    let mut harness = example();
    click_card(&mut harness, "CI/CD pipeline templates");
    // Take back two answers in the inspector's way: through the model.
    let mut ci = capability(&harness, "ci-cd-templates").clone();
    ci.scores.set(Question::Cost, None);
    ci.scores.set(Question::Differentiation, None);
    let reuse = ci.scores.get(Question::Reuse);
    harness
        .state_mut()
        .send(Command::UpdateCapability(Box::new(ci)));
    harness.run();
    harness.key_press(Key::Num2);
    harness.key_press(Key::Num3);
    harness.run();
    let scores = capability(&harness, "ci-cd-templates").scores;
    assert_eq!(scores.get(Question::Reuse), reuse, "answered: kept");
    assert_eq!(scores.get(Question::Cost), Score::new(2));
    assert_eq!(scores.get(Question::Differentiation), Score::new(3));
}

#[test]
fn a_delete_says_so_and_its_undo_button_brings_the_card_back() {
    let mut harness = example();
    let before = harness.state().portfolio().clone();
    click_card(&mut harness, "Audit trail");
    harness.key_press(Key::Delete);
    harness.run();
    assert!(
        harness
            .state()
            .document()
            .portfolio()
            .capability("audit-trail")
            .is_none()
    );
    harness.get_by_label("Deleted “Audit trail”");
    harness.get_by_label("Undo").click();
    harness.run();
    assert_eq!(*harness.state().portfolio(), before);
    // Once used, the button is gone: it never undoes anything else.
    assert!(harness.query_by_label("Undo").is_none());
}

#[test]
fn rationalize_is_a_decision_the_room_can_accept() {
    use capmap::model::Decision;
    let mut harness = example();
    click_card(&mut harness, "Cloud cost reporting");
    let settings = harness.state().portfolio().scoring;
    assert_eq!(
        assess(capability(&harness, "cost-reporting"), &settings)
            .unwrap()
            .recommendation,
        Recommendation::Rationalize
    );
    harness.key_press(Key::A);
    harness.run();
    assert_eq!(
        capability(&harness, "cost-reporting").decision,
        Decision::Rationalize
    );
    harness.get_by_label("Decided “Cloud cost reporting”: Rationalize");
    // It is saved and read back.
    let text = io::to_ron(harness.state().portfolio()).unwrap();
    let back = io::from_ron(&text, Path::new("workshop.ron")).unwrap();
    assert_eq!(
        back.capability("cost-reporting").unwrap().decision,
        Decision::Rationalize
    );

    // Accepting over a different recorded decision says so, with Undo.
    harness
        .state_mut()
        .send(Command::Select(Some("artifact-repository".to_owned())));
    harness.run();
    harness.key_press_modifiers(Modifiers::SHIFT, Key::D);
    harness.run();
    let decided = capability(&harness, "artifact-repository").decision;
    assert_eq!(decided, Decision::Operate);
    harness.key_press(Key::A);
    harness.run();
    harness.get_by_label("“Artifact repository” was decided Operate, now Orchestrate");
    harness.get_by_label("Undo").click();
    harness.run();
    assert_eq!(
        capability(&harness, "artifact-repository").decision,
        decided
    );
}

#[test]
fn the_file_named_on_start_opens_and_a_missing_one_is_explained() {
    let app = CapmapApp::start(Some(Path::new(EXAMPLE).to_owned()), Settings::default());
    // Kept absolute: a file dialog may change the working directory.
    assert_eq!(
        app.document().path,
        Some(std::env::current_dir().unwrap().join(EXAMPLE))
    );
    assert!(app.error().is_none());
    let missing = CapmapApp::start(Some("/nowhere/missing.ron".into()), Settings::default());
    assert!(missing.error().is_some());
    assert_eq!(missing.portfolio().name, example_portfolio().name);
    // A file not written yet, in a folder that exists: a new portfolio
    // that saves there.
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("plan.ron");
    let new = CapmapApp::start(Some(fresh.clone()), Settings::default());
    assert!(new.error().is_none());
    assert_eq!(new.document().path.as_deref(), Some(fresh.as_path()));
    assert!(new.portfolio().capabilities.is_empty());
    assert_eq!(new.portfolio().name, "plan");
    assert!(new.document().is_dirty(), "quitting asks to save it");
    let first_start = CapmapApp::start(None, Settings::default());
    assert_eq!(first_start.document().path, None);
    assert_eq!(first_start.portfolio(), &example_portfolio());
}

#[derive(Debug)]
struct DroppedPath(std::path::PathBuf);

impl egui::DroppedFile for DroppedPath {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn dropping_a_ron_file_on_the_window_opens_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dropped.ron");
    let mut other = example_portfolio();
    other.name = "Dropped portfolio".into();
    other.capabilities.truncate(3);
    io::save(&other, &path).unwrap();
    let mut harness = common::open(CapmapApp::new(capmap::model::Portfolio::new("Empty"), None));
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(DroppedPath(path.clone())));
    harness.run();
    assert_eq!(*harness.state().portfolio(), other);
    assert_eq!(
        harness.state().document().path.as_deref(),
        Some(path.as_path())
    );
}

#[test]
fn the_right_click_menu_moves_a_card() {
    let mut harness = example();
    harness
        .get_by_label_contains("Customer notifications (")
        .click_secondary();
    harness.run();
    // The menu item shows its key too.
    harness.get_by_label("Differentiator D").click();
    harness.run();
    assert_eq!(
        capability(&harness, "customer-notifications").zone,
        Zone::Differentiator
    );
}

#[test]
fn escape_closes_the_help_and_keeps_the_selection() {
    let mut harness = example();
    click_card(&mut harness, "Audit trail");
    harness.key_press(Key::F1);
    harness.run();
    harness.get_by_label("Quick scoring");
    harness.key_press(Key::Escape);
    harness.run();
    assert!(harness.query_by_label("Quick scoring").is_none());
    assert_eq!(common::selected(&harness), Some("audit-trail"));
}

#[test]
fn decisions_by_keyboard_accept_cycle_and_explain() {
    use capmap::model::Decision;
    let mut harness = example();
    click_card(&mut harness, "Artifact repository");
    assert_eq!(
        capability(&harness, "artifact-repository").decision,
        Decision::Undecided
    );
    harness.key_press(Key::A);
    harness.run();
    assert_eq!(
        capability(&harness, "artifact-repository").decision,
        Decision::Orchestrate
    );
    harness.key_press_modifiers(Modifiers::SHIFT, Key::D);
    harness.run();
    assert_eq!(
        capability(&harness, "artifact-repository").decision,
        Decision::Hybrid
    );
    harness.key_press(Key::Enter);
    harness.run();
    let rationale =
        harness.get_by_role_and_label(egui::accesskit::Role::MultilineTextInput, "Rationale");
    assert!(rationale.is_focused());
    rationale.type_text("Mobile keeps its own cache");
    harness.run();
    assert_eq!(
        capability(&harness, "artifact-repository").rationale,
        "Mobile keeps its own cache"
    );
}

#[test]
fn the_inspector_and_board_can_be_hidden_for_a_bigger_chart() {
    let mut harness = example();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::I);
    harness.run();
    assert!(!harness.state().view().show_inspector);
    assert!(harness.query_by_label("Portfolio").is_none());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::B);
    harness.run();
    assert!(
        harness
            .query_by_label_contains("Cloud cost reporting (")
            .is_none()
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::I);
    harness.run();
    harness.get_by_label("Portfolio");
}

#[test]
fn fast_typing_keeps_every_key_and_its_order() {
    let mut harness = example();
    harness.get_by_label("Mobile build farm").click();
    harness.run();
    // All in one frame, as a fast typist's keys arrive: D 2 3 3 4.
    for key in [Key::D, Key::Num2, Key::Num3, Key::Num3, Key::Num4] {
        harness.key_press(key);
    }
    harness.run();
    let farm = capability(&harness, "mobile-build-farm");
    assert_eq!(farm.zone, Zone::Differentiator);
    assert_eq!(farm.scores.reuse, Score::new(2));
    assert_eq!(farm.scores.cost, Score::new(3));
    assert_eq!(farm.scores.risk, Score::new(3));
    assert_eq!(farm.scores.differentiation, Score::new(4));
}

#[test]
fn cards_tell_a_decision_from_a_recommendation() {
    let mut harness = example();
    // Decided: the card shows the room's decision.
    harness.get_by_label_contains("Low-latency matching engine (Differentiator, decided Operate,");
    // Undecided: the card says so and shows only what the scores recommend.
    let undecided = "Artifact repository (Commodity, undecided, recommended Orchestrate)";
    harness.get_by_label(undecided);

    // Accepting the recommendation records it: the same word, now decided.
    click_card(&mut harness, "Artifact repository");
    harness.key_press(Key::A);
    harness.run();
    harness.get_by_label(
        "Artifact repository (Commodity, decided Orchestrate, recommended Orchestrate)",
    );
    assert!(harness.query_by_label(undecided).is_none());
}

#[test]
fn the_status_bar_counts_what_is_decided() {
    // One capability reads as one.
    let mut portfolio = capmap::model::Portfolio::new("Small");
    portfolio
        .capabilities
        .push(capmap::model::Capability::new("a", "Audit logging").into());
    let small = common::open(CapmapApp::new(portfolio, None));
    small.get_by_label("1 capability");
    small.get_by_label("0 of 1 decided");

    let mut harness = example();
    harness.get_by_label("24 capabilities");
    harness.get_by_label("8 of 24 decided");
    click_card(&mut harness, "Artifact repository");
    harness.key_press(Key::A);
    harness.run();
    harness.get_by_label("9 of 24 decided");
    assert!(harness.query_by_label("8 of 24 decided").is_none());
}

#[test]
fn the_first_save_dialog_starts_in_the_documents_folder_not_where_capmap_started() {
    let mut app = example_app();
    app.set_dialogs(FileDialogs::scripted([None]));
    let mut harness = common::open(app);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    let (kind, suggested) = harness.state().dialogs().last_request.clone().unwrap();
    assert_eq!(kind, capmap::app::DialogKind::SaveAs);
    let suggested = suggested.unwrap();
    let folder = suggested.parent().unwrap();
    assert!(folder.is_absolute(), "{}", suggested.display());
    assert_ne!(folder, std::env::current_dir().unwrap());
    assert_eq!(suggested.extension().unwrap(), "ron");
}

#[test]
fn file_open_recent_lists_the_recent_files_and_opens_the_one_clicked() {
    let dir = tempfile::tempdir().unwrap();
    let older = dir.path().join("2026-q3.ron");
    let newer = dir.path().join("2026-q4.ron");
    let mut q3 = example_portfolio();
    q3.name = "Last summer's map".into();
    q3.capabilities.truncate(4);
    io::save(&q3, &older).unwrap();
    io::save(&example_portfolio(), &newer).unwrap();
    let mut app = CapmapApp::new(capmap::model::Portfolio::new("Empty"), None);
    app.settings_mut().remember(&older);
    app.settings_mut().remember(&newer);
    let mut harness = common::open(app);

    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Open Recent").hover();
    harness.run();
    // Both, newest first.
    let newer_entry = harness.get_by_label("2026-q4.ron").rect();
    let older_entry = harness.get_by_label("2026-q3.ron").rect();
    assert!(newer_entry.top() < older_entry.top());
    harness.get_by_label("2026-q3.ron").click();
    harness.run();

    let app = harness.state();
    assert_eq!(app.portfolio().name, q3.name);
    assert!(*app.portfolio() == q3);
    assert_eq!(
        app.document()
            .path
            .as_deref()
            .map(std::fs::canonicalize)
            .transpose()
            .unwrap(),
        Some(std::fs::canonicalize(&older).unwrap())
    );
    assert!(!app.document().is_dirty());
    // Opened, it is the most recent now.
    assert_eq!(
        app.settings().recent.first().and_then(|p| p.file_name()),
        older.file_name()
    );
}

/// Whether the app asked the window not to close in the last frame.
fn cancelled_close(harness: &Harness<'_, CapmapApp>) -> bool {
    harness.output().viewport_output[&egui::ViewportId::ROOT]
        .commands
        .contains(&egui::ViewportCommand::CancelClose)
}

/// Presses the window's close button: one frame with a close request.
fn press_close_button(harness: &mut Harness<'_, CapmapApp>) {
    harness
        .input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    harness.step();
}

#[test]
fn the_window_close_button_asks_to_save_unsaved_changes_first() {
    let mut harness = example();
    // Nothing unsaved: the window closes at once.
    press_close_button(&mut harness);
    assert!(!cancelled_close(&harness));
    assert!(!harness.state().is_asking_to_save());
    harness.run();

    click_card(&mut harness, "Cloud cost reporting");
    harness.key_press(Key::C);
    harness.run();
    let edited = harness.state().portfolio().clone();
    press_close_button(&mut harness);
    assert!(cancelled_close(&harness), "the window stays open");
    assert!(harness.state().is_asking_to_save());
    harness.run();
    harness.get_by_label("Save your changes?");
    harness.get_by_label_contains("Save them before quitting?");
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(!harness.state().wants_to_close());
    assert_eq!(*harness.state().portfolio(), edited);

    // Asked again, Discard lets it close.
    press_close_button(&mut harness);
    assert!(cancelled_close(&harness));
    harness.run();
    harness.get_by_label("Discard").click();
    harness.run();
    assert!(harness.state().wants_to_close());
    // Now closing goes through.
    press_close_button(&mut harness);
    assert!(!cancelled_close(&harness));
}

#[test]
fn help_framework_primer_opens_the_help_on_the_primer() {
    let mut harness = example();
    // The help was last left on the keyboard tab.
    harness.key_press(Key::F1);
    harness.run();
    harness.get_by_label("Quick scoring");
    harness.key_press(Key::Escape);
    harness.run();
    assert!(harness.query_by_label("Quick scoring").is_none());

    harness.get_by_label("Help").click();
    harness.run();
    harness.get_by_label_contains("Framework primer").click();
    harness.run();
    harness.get_by_label("Operate or orchestrate?");
    harness.get_by_label("1. Sort into three zones");
    assert!(
        harness.query_by_label("Quick scoring").is_none(),
        "the primer, not the keys"
    );
}

/// Types `text` as a keyboard does: for every character a key press and
/// the text it gives, one frame each.
fn type_like_a_keyboard(harness: &mut Harness<'_, CapmapApp>, text: &str) {
    for c in text.chars() {
        if let Some(key) = egui::Key::from_name(&c.to_ascii_uppercase().to_string()) {
            harness.input_mut().events.push(egui::Event::Key {
                key,
                physical_key: Some(key),
                pressed: true,
                repeat: false,
                modifiers: Modifiers::NONE,
            });
        }
        harness
            .input_mut()
            .events
            .push(egui::Event::Text(c.to_string()));
        harness.run();
    }
}

#[test]
fn the_rationale_that_resolves_a_conflict_keeps_the_focus_while_it_is_typed() {
    let mut harness = example();
    click_card(&mut harness, "Developer portal");
    // Decided against the scores with no rationale: a conflict, shown above
    // the rationale until the first letter is typed.
    harness.get_by_label_contains("no rationale is recorded");
    let before = capability(&harness, "developer-portal").clone();
    harness.key_press(Key::Enter);
    harness.run();
    let sentence = "Search is shared infrastructure but ranking is ours.";
    type_like_a_keyboard(&mut harness, sentence);
    let after = capability(&harness, "developer-portal");
    assert_eq!(after.rationale, sentence);
    assert_eq!(after.zone, before.zone, "no letter became a zone key");
    assert_eq!(
        after.decision, before.decision,
        "no letter became a decision"
    );
}

#[test]
fn another_capability_shows_from_the_top_of_the_inspector() {
    let mut harness = example();
    click_card(&mut harness, "Developer portal");
    // Down to the rationale, far below the name.
    harness.key_press(Key::Enter);
    harness.run();
    harness.key_press(Key::Escape);
    harness.run();
    click_card(&mut harness, "Audit trail");
    let name = name_field(&harness).rect();
    let window = harness.ctx.content_rect();
    assert!(
        name.top() >= window.top() && name.bottom() <= window.bottom(),
        "the name field is out of view: {name:?}"
    );
}

#[test]
fn a_card_chosen_by_keyboard_scrolls_into_view_on_a_board_that_scrolls_sideways() {
    // 1366x768 at 150 %: the board is narrower than its columns.
    let mut app = example_app();
    app.settings_mut().zoom = 1.5;
    let mut harness = common::window(common::SMALL_LAPTOP)
        .with_max_steps(24)
        .open(app);
    harness
        .state_mut()
        .send(Command::Select(Some("data-retention".to_owned())));
    harness.run();
    let card = card_center(&harness, "Data retention");
    let chart = common::chart_area(&harness);
    assert!(
        card.x < chart.left() && card.x > 0.0,
        "the selected card at {card:?} is out of the board's view (chart from {})",
        chart.left()
    );
}

#[test]
fn a_date_that_is_not_one_stays_in_its_field_and_says_it_was_not_taken() {
    let mut harness = example();
    click_card(&mut harness, "Centralized logging");
    let review_by = |harness: &Harness<'_, CapmapApp>| {
        capability(harness, "centralized-logging").exceptions[0]
            .review_by
            .to_string()
    };
    let field = |harness: &Harness<'_, CapmapApp>| {
        harness
            .get_by_role_and_label(egui::accesskit::Role::TextInput, "Review by")
            .value()
    };
    let type_and_leave = |harness: &mut Harness<'_, CapmapApp>, text: &str| {
        harness
            .get_by_role_and_label(egui::accesskit::Role::TextInput, "Review by")
            .focus();
        harness.run();
        harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
        harness
            .get_by_role_and_label(egui::accesskit::Role::TextInput, "Review by")
            .type_text(text);
        harness.run();
        // Leave the field, as a click elsewhere does.
        harness.key_press(Key::Escape);
        harness.run();
        harness.run();
    };
    assert_eq!(review_by(&harness), "2027-03-31");
    type_and_leave(&mut harness, "2027-04-30");
    assert_eq!(review_by(&harness), "2027-04-30", "a date is taken");
    type_and_leave(&mut harness, "2026-13-45");
    assert_eq!(review_by(&harness), "2027-04-30", "one that is not is not");
    assert_eq!(
        field(&harness).as_deref(),
        Some("2026-13-45"),
        "what was typed is still there to correct"
    );
    harness.get_by_label_contains("not taken: `2026-13-45` is not a date");
    // Undone, the date is the first one again, and the field shows it.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    harness.run();
    assert_eq!(review_by(&harness), "2027-03-31");
    assert_eq!(field(&harness).as_deref(), Some("2027-03-31"));
    assert!(harness.query_by_label_contains("not taken").is_none());
}
