//! Blind participant scoring through the real UI (`egui_kittest`).

pub mod common;

use capmap::app::{CapmapApp, Command};
use capmap::io;
use capmap::model::{Capability, Edit, Portfolio, Score, Scores, parse_vote_digits};
use common::OpenApp;
use eframe::egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn workshop() -> Portfolio {
    let mut portfolio = Portfolio::new("Vote test");
    for name in ["Ana", "Bo", "Cy"] {
        portfolio.add_participant(name);
    }
    portfolio
        .capabilities
        .push(Capability::new("secrets", "Secrets").into());
    portfolio
}

fn harness(portfolio: Portfolio) -> Harness<'static, CapmapApp> {
    let mut app = CapmapApp::new(portfolio, None);
    app.send(Command::Select(Some("secrets".into())));
    common::window(common::LAPTOP).with_max_steps(12).open(app)
}

fn type_vote(harness: &mut Harness<'_, CapmapApp>, who: &str, digits: &str) {
    harness.get_by_label(who).click();
    harness.run();
    let field = harness.get_by_role_and_label(eframe::egui::accesskit::Role::PasswordInput, who);
    field.focus();
    harness.run();
    harness
        .get_by_role_and_label(eframe::egui::accesskit::Role::PasswordInput, who)
        .type_text(digits);
    harness.run();
    harness.key_press(Key::Escape);
    harness.run();
}

/// Clicks Reveal, scrolled into view first as a facilitator would: on a
/// laptop it sits at the foot of the inspector.
fn reveal(harness: &mut Harness<'_, CapmapApp>) {
    harness.get_by_label("Reveal").scroll_to_me();
    harness.run();
    harness.get_by_label("Reveal").click();
}

#[test]
fn votes_stay_hidden_until_revealed_then_the_median_scores() {
    let mut harness = harness(workshop());
    type_vote(&mut harness, "Ana", "5451");
    type_vote(&mut harness, "Bo", "3452");
    type_vote(&mut harness, "Cy", "4441");
    let secrets = common::capability(&harness, "secrets").clone();
    assert_eq!(secrets.votes.len(), 3);
    assert_eq!(
        secrets.scores,
        Scores::default(),
        "hidden votes do not score yet"
    );
    harness.get_by_label("3 of 3 voted");
    // Nobody's digits are on screen while hidden.
    assert!(harness.query_by_label("5451").is_none());
    assert!(harness.query_by_label("median").is_none());

    reveal(&mut harness);
    harness.run();
    let secrets = common::capability(&harness, "secrets").clone();
    assert!(secrets.votes_revealed);
    assert_eq!(secrets.scores, parse_vote_digits("4451").unwrap());
    harness.get_by_label("median");
    harness.get_by_label("3–5");

    // The facilitator can override one median; the votes stay.
    harness.state_mut().send(Command::Edit(Edit::SetScore {
        id: "secrets".into(),
        question: capmap::model::Question::Reuse,
        score: Score::new(5),
    }));
    harness.run();
    let secrets = common::capability(&harness, "secrets").clone();
    assert_eq!(secrets.scores.reuse, Score::new(5));
    assert_eq!(secrets.votes.len(), 3);

    // Votes are saved in the file.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("votes.ron");
    harness.state_mut().send(Command::SaveTo(path.clone()));
    harness.run();
    let reopened = io::load(&path).unwrap();
    assert_eq!(reopened, *harness.state().portfolio());
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("votes_revealed: true")
    );
}

#[test]
fn the_discuss_first_list_ranks_revealed_disagreement() {
    let mut portfolio = workshop();
    let mut split = Capability::new("split", "Split vote");
    split.set_vote("ana", parse_vote_digits("1111").unwrap());
    split.set_vote("bo", parse_vote_digits("5555").unwrap());
    split.reveal_votes();
    portfolio.capabilities.push(split.into());
    let mut harness = harness(portfolio);
    harness.state_mut().send(Command::ShowReview(
        capmap::ui::review::ReviewTab::DiscussFirst,
    ));
    harness.run();
    harness.get_by_label("reuse 1–5, cost 1–5, risk 1–5, differentiation 1–5");
}

#[test]
fn participants_are_added_and_removed_with_their_votes() {
    let mut portfolio = workshop();
    std::sync::Arc::make_mut(&mut portfolio.capabilities[0])
        .set_vote("bo", parse_vote_digits("1234").unwrap());
    let mut harness = harness(portfolio);
    harness
        .state_mut()
        .send(Command::Edit(Edit::AddParticipant { name: "Dee".into() }));
    harness.run();
    assert_eq!(harness.state().portfolio().participants.len(), 4);
    harness
        .state_mut()
        .send(Command::Edit(Edit::RemoveParticipant { id: "bo".into() }));
    harness.run();
    let portfolio = harness.state().portfolio();
    assert_eq!(portfolio.participants.len(), 3);
    assert!(portfolio.capabilities[0].votes.is_empty());
}

#[test]
fn revealing_votes_keeps_the_chart_where_it_was() {
    let mut harness = harness(workshop());
    type_vote(&mut harness, "Ana", "5451");
    type_vote(&mut harness, "Bo", "3452");
    let before = common::chart_frame(&harness);
    reveal(&mut harness);
    harness.run();
    harness.run();
    harness.get_by_label("median");
    // Short headings, the whole question on hover.
    harness.get_by_label("Diff.");
    let after = common::chart_frame(&harness);
    assert!(
        (after.left() - before.left()).abs() < 0.5 && (after.right() - before.right()).abs() < 0.5,
        "the chart moved from {before:?} to {after:?}"
    );
}

#[test]
fn revealing_says_so_and_its_undo_button_hides_the_votes_again() {
    let mut harness = harness(workshop());
    type_vote(&mut harness, "Ana", "5451");
    type_vote(&mut harness, "Bo", "3452");
    let before = harness.state().portfolio().clone();
    reveal(&mut harness);
    harness.run();
    harness.get_by_label("Votes revealed: their medians are now the scores of “Secrets”");
    harness.get_by_label("Undo").click();
    harness.run();
    assert_eq!(*harness.state().portfolio(), before);
}
