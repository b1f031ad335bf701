//! Generated portfolios for the property tests: every field filled with
//! text that troubles a RON writer, references kept valid while shrinking.

#![expect(
    clippy::unwrap_used,
    reason = "every generated day is a real one (the 28th at the latest)"
)]

use capmap::model::{
    Capability, Date, Decision, Direction, Exception, MergeConflict, Metric, Migration,
    MigrationStatus, Participant, PastDecision, Portfolio, Question, Readiness, Role, Score,
    Scores, Target, Team, Zone,
};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{Index, select};

/// Text pieces that trouble a RON writer: quotes, backslashes, brackets,
/// the openers of raw strings and attributes, tabs, line breaks and
/// characters beyond ASCII.
const PIECES: [&str; 14] = [
    "a", "Zürich", " ", "\"", "\\", "\n", "\t", "(", ")", "#![", "r#\"", "日本", "é", "🙂",
];

/// Up to eleven pieces; shrinks to fewer pieces, each towards `a`.
fn text() -> impl Strategy<Value = String> {
    vec(select(PIECES.to_vec()), 0..12).prop_map(|pieces| pieces.concat())
}

/// Text for a field on one line (a name, a tag): no line break, which
/// only the fields that span lines may hold.
fn line() -> impl Strategy<Value = String> {
    text().prop_map(|text| text.replace('\n', " "))
}

/// An answer to one question, or none yet (one time in five).
fn score() -> impl Strategy<Value = Option<Score>> {
    prop_oneof![1 => Just(None), 4 => (1..=5_u8).prop_map(Score::new)]
}

/// Answers to the four questions, each perhaps missing.
fn scores() -> impl Strategy<Value = Scores> {
    prop::array::uniform::<_, 4>(score()).prop_map(|answers| {
        let mut scores = Scores::default();
        for (question, answer) in Question::ALL.into_iter().zip(answers) {
            scores.set(question, answer);
        }
        scores
    })
}

/// A time-bound exception, due for review some day in 2020-2029.
fn exception() -> impl Strategy<Value = Exception> {
    (text(), line(), 2020..2030_i32, 1..=12_u8, 1..=28_u8).prop_map(
        |(reason, approved_by, year, month, day)| Exception {
            reason: format!("r{reason}"),
            approved_by,
            review_by: Date::from_ymd(year, month, day).unwrap(),
        },
    )
}

/// A day in 2020-2029.
fn day() -> impl Strategy<Value = Date> {
    (2020..2030_i32, 1..=12_u8, 1..=28_u8).prop_map(|(y, m, d)| Date::from_ymd(y, m, d).unwrap())
}

/// An earlier quarter's decision.
fn past_decision() -> impl Strategy<Value = PastDecision> {
    (line(), select(Decision::ALL.to_vec()), text()).prop_map(|(quarter, decision, rationale)| {
        PastDecision {
            quarter,
            decision,
            rationale,
        }
    })
}

/// A migration onto the shared service.
fn migration() -> impl Strategy<Value = Migration> {
    (
        select(MigrationStatus::ALL.to_vec()),
        prop::option::of(line()),
        line(),
        line(),
    )
        .prop_map(|(status, target_quarter, guide, contact)| Migration {
            status,
            target_quarter,
            guide,
            contact,
        })
}

/// Targets for some of the metrics, each at most once.
fn targets() -> impl Strategy<Value = Vec<Target>> {
    prop::sample::subsequence(Metric::ALL.to_vec(), 0..3).prop_flat_map(|metrics| {
        let n = metrics.len();
        (Just(metrics), vec((0..1000_u16, any::<bool>()), n..=n)).prop_map(|(metrics, values)| {
            metrics
                .into_iter()
                .zip(values)
                .map(|(metric, (value, at_least))| Target {
                    metric,
                    value: f64::from(value) / 10.0,
                    direction: if at_least {
                        Direction::AtLeast
                    } else {
                        Direction::AtMost
                    },
                })
                .collect()
        })
    })
}

/// What the room records after deciding: a review date, earlier
/// decisions, readiness, how many of the standard's controls are met, a
/// migration, how many teams adopted the shared service, targets.
type FollowUp = (
    Option<Date>,
    Vec<PastDecision>,
    Readiness,
    usize,
    Option<Migration>,
    usize,
    Vec<Target>,
);

fn follow_up() -> impl Strategy<Value = FollowUp> {
    (
        prop::option::weighted(0.3, day()),
        vec(past_decision(), 0..3),
        select(Readiness::ALL.to_vec()),
        0..5_usize,
        prop::option::weighted(0.3, migration()),
        0..3_usize,
        targets(),
    )
}

/// A capability before it meets the portfolio's teams and participants:
/// its owner, the teams that copy it and its votes are picked from those
/// the portfolio turns out to have, so that removing a team or a
/// participant while shrinking leaves every reference valid.
#[derive(Clone, Debug)]
struct Draft {
    capability: Capability,
    /// The owning team, when the portfolio has teams (three times in five).
    owner: Option<Index>,
    /// How many of the first teams run a copy of their own.
    copies: usize,
    /// The votes of the first three participants, each perhaps not cast.
    votes: [Option<Scores>; 3],
    /// How many of the standard's first controls are met.
    met: usize,
    /// How many of the last teams use the shared service.
    adopted: usize,
}

fn draft() -> impl Strategy<Value = Draft> {
    let written = (
        line(),
        text(),
        text(),
        text(),
        vec(exception(), 0..3),
        vec(line(), 0..3),
    );
    let decided = (
        select(Zone::ALL.to_vec()),
        scores(),
        select(Decision::ALL.to_vec()),
        prop::bool::weighted(0.3),
        prop::option::weighted(0.3, 0..1000_u16),
    );
    let shared = (
        prop::option::weighted(0.6, any::<Index>()),
        0..3_usize,
        prop::array::uniform::<_, 3>(prop::option::weighted(0.5, scores())),
    );
    (written, decided, shared, follow_up()).prop_map(
        |(
            (name, description, rationale, slo, exceptions, tags),
            (zone, scores, decision, votes_revealed, toil),
            (owner, copies, votes),
            (review_on, history, readiness, met, migration, adopted, targets),
        )| {
            // The id is set by the portfolio, from the capability's place.
            let mut capability = Capability::new(String::new(), format!("c{name}"));
            capability.description = description;
            capability.zone = zone;
            capability.scores = scores;
            capability.decision = decision;
            capability.rationale = rationale;
            capability.slo = slo;
            capability.exceptions = exceptions;
            capability.tags = tags;
            capability.votes_revealed = votes_revealed;
            capability.metrics.toil_hours_per_month = toil.map(|hours| f64::from(hours) / 7.0);
            capability.review_on = review_on;
            capability.history = history;
            capability.readiness = readiness;
            capability.migration = migration;
            capability.targets = targets;
            Draft {
                capability,
                owner,
                copies,
                votes,
                met,
                adopted,
            }
        },
    )
}

/// Portfolios of up to four teams, two participants and seven
/// capabilities, with every field filled from [`PIECES`]; a failure
/// shrinks to fewer of each and shorter text.
pub fn portfolios() -> impl Strategy<Value = Portfolio> {
    let settings = (
        line(),
        prop::option::weighted(0.5, line()),
        text(),
        0..40_u8,
        0..40_u8,
    );
    let people = (
        vec(line(), 0..5),
        vec((line(), prop::option::of(select(Role::ALL.to_vec()))), 0..3),
    );
    // The framework's standard, or one of the facilitator's own (numbered,
    // so no two controls are the same), or none; and how many of the
    // capabilities, every other one, were ordered by hand.
    // And, now and then, merge conflicts whose values are any text, a
    // number, a list or a record, removed on either side.
    let conflicts = vec((line(), text(), 0..4_u8, 0..3_u8), 0..3);
    let plan = (
        prop::option::weighted(0.3, vec(line(), 0..4)),
        0..4_usize,
        conflicts,
    );
    (settings, people, vec(draft(), 0..8), plan).prop_map(
        |(
            (name, quarter, notes, weight, threshold),
            (teams, participants),
            drafts,
            (standard, by_hand, conflicts),
        )| {
            let mut portfolio = Portfolio::new(format!("p{name}"));
            portfolio.quarter = quarter;
            portfolio.notes = notes;
            portfolio.scoring.reuse_weight = f64::from(weight) / 8.0;
            portfolio.scoring.threshold = 1.0 + f64::from(threshold) / 10.0;
            for (i, name) in teams.into_iter().enumerate() {
                portfolio.teams.push(Team {
                    id: format!("team-{i}"),
                    name: format!("t{name}"),
                });
            }
            for (i, (name, role)) in participants.into_iter().enumerate() {
                portfolio.participants.push(Participant {
                    id: format!("p{i}"),
                    name: format!("v{name}"),
                    role,
                });
            }
            if let Some(standard) = standard {
                portfolio.minimum_standard = standard
                    .into_iter()
                    .enumerate()
                    .map(|(i, name)| format!("{i}{name}"))
                    .collect();
            }
            for (i, draft) in drafts.into_iter().enumerate() {
                let mut capability = draft.capability;
                capability.id = format!("cap-{i}");
                if let Some(owner) = draft.owner.filter(|_| !portfolio.teams.is_empty()) {
                    capability.owner = Some(owner.get(&portfolio.teams).id.clone());
                    capability.duplicated_by = portfolio
                        .teams
                        .iter()
                        .take(draft.copies)
                        .map(|team| team.id.clone())
                        .collect();
                }
                capability.standard_met = portfolio
                    .minimum_standard
                    .iter()
                    .take(draft.met)
                    .cloned()
                    .collect();
                capability.adopted_by = portfolio
                    .teams
                    .iter()
                    .rev()
                    .take(draft.adopted)
                    .map(|team| team.id.clone())
                    .collect();
                for (participant, vote) in portfolio.participants.iter().zip(draft.votes) {
                    if let Some(scores) = vote {
                        capability.set_vote(&participant.id, scores);
                    }
                }
                portfolio.capabilities.push(capability.into());
            }
            for (place, value, shape, removed) in conflicts {
                let value = match shape {
                    0 => serde_json::json!(value),
                    1 => serde_json::json!(f64::from(removed) + 0.5),
                    2 => serde_json::json!([value, 3, true]),
                    _ => serde_json::json!({ "name": value, "scores": { "reuse": 2 } }),
                };
                portfolio.conflicts.push(MergeConflict {
                    at: vec!["capabilities".into(), format!("c{place}")],
                    base: (removed == 0).then(|| value.clone()),
                    ours: (removed != 1).then(|| value.clone()),
                    theirs: (removed != 2).then_some(value),
                });
            }
            portfolio.backlog_order = portfolio
                .capabilities
                .iter()
                .step_by(2)
                .take(by_hand)
                .map(|c| c.id.clone())
                .collect();
            portfolio
        },
    )
}
