use super::*;
use crate::model::{Capability, ScoringSettings, Team};

/// What validation says of `portfolio`, as it is printed.
fn messages(portfolio: &Portfolio) -> Vec<String> {
    validate(portfolio)
        .iter()
        .map(ToString::to_string)
        .collect()
}

fn team(id: &str) -> Team {
    Team {
        id: id.into(),
        name: id.to_uppercase(),
    }
}

#[test]
fn a_clean_portfolio_has_no_problems() {
    let mut portfolio = Portfolio::new("p");
    portfolio.teams.push(team("platform"));
    let mut capability = Capability::new("logging", "Logging");
    capability.owner = Some("platform".into());
    portfolio.capabilities.push(capability.into());
    assert_eq!(validate(&portfolio), vec![]);
}

#[test]
fn every_problem_is_reported_with_its_place() {
    let mut portfolio = Portfolio::new("p");
    portfolio.teams = vec![team("a"), team("a"), Team::default()];
    let mut owned = Capability::new("x", "X");
    owned.owner = Some("ghost".into());
    owned.duplicated_by = vec!["a".into(), "a".into(), "nobody".into()];
    portfolio.capabilities = vec![owned, Capability::new("x", " "), Capability::new("", "Y")]
        .into_iter()
        .map(std::sync::Arc::new)
        .collect();
    portfolio.scoring = ScoringSettings {
        reuse_weight: -1.0,
        cost_weight: f64::NAN,
        risk_weight: 1.0,
        threshold: 6.0,
    };
    let text = messages(&portfolio);
    let expected = [
        "scoring: the reuse weight must be a number of 0 or more, not -1",
        "scoring: the cost weight must be a number of 0 or more, not NaN",
        "scoring: the threshold must be between 1 and 5, not 6",
        "team a: this id is used by another team too",
        "team #3 (the team with no id): the id is empty",
        "team #3 (the team with no id): the name is empty",
        "capability x: the owner `ghost` is not a known team",
        "capability x: `a` is listed twice as running its own copy",
        "capability x: `nobody` runs its own copy but is not a known team",
        "capability x: this id is used by another capability too",
        "capability x: the name is empty",
        "capability #3 (the capability with no id): the id is empty",
    ];
    assert_eq!(text, expected);
}

#[test]
fn votes_must_come_from_participants_once() {
    use crate::model::{Participant, Scores, Vote};
    let mut portfolio = Portfolio::new("p");
    portfolio.participants.push(Participant {
        id: "ana".into(),
        name: "Ana".into(),
        role: None,
    });
    let mut capability = Capability::new("x", "X");
    let vote = |who: &str| Vote {
        participant: who.into(),
        scores: Scores::default(),
    };
    capability.votes = vec![vote("ana"), vote("ana"), vote("zed")];
    portfolio.capabilities.push(capability.into());
    let text = messages(&portfolio);
    assert_eq!(
        text,
        [
            "capability x: `ana` voted twice",
            "capability x: a vote from `zed`, who is not a participant",
        ]
    );
}

#[test]
fn a_team_running_its_own_copy_and_a_vote_listed_once_are_no_problem() {
    use crate::model::{Participant, Scores, Vote};
    let mut portfolio = Portfolio::new("p");
    portfolio.teams.push(team("payments"));
    portfolio.participants.push(Participant {
        id: "ana".into(),
        name: "Ana".into(),
        role: None,
    });
    let mut capability = Capability::new("x", "X");
    capability.duplicated_by = vec!["payments".into()];
    capability.votes = vec![Vote {
        participant: "ana".into(),
        scores: Scores::default(),
    }];
    portfolio.capabilities.push(capability.into());
    assert_eq!(validate(&portfolio), vec![]);
}

#[test]
fn ids_must_be_slugs_and_a_name_may_not_hold_an_escape_sequence() {
    for good in ["identity-sso", "a.b_c-1", "Ünïcode"] {
        assert!(is_valid_id(good), "{good}");
    }
    for bad in ["", "identity sso", "`x`", "a\nb"] {
        assert!(!is_valid_id(bad), "{bad:?}");
    }
    let mut portfolio = Portfolio::new("p");
    let mut capability = Capability::new("logging", "Logging \u{1b}[31m");
    capability.description = "line one\nline two".into();
    portfolio.capabilities.push(capability.into());
    let text = messages(&portfolio);
    assert_eq!(
        text,
        [
            "capability logging: the name holds a control character (U+001B); only text, tabs are allowed"
        ]
    );
}

#[test]
fn metrics_are_numbers_of_0_or_more_and_percentages_at_most_100() {
    use crate::model::Metric;
    let problems = |metric: Metric, value: f64| {
        let mut capability = Capability::new("c", "C");
        capability.metrics.set(metric, Some(value));
        let mut portfolio = Portfolio::new("p");
        portfolio.capabilities.push(capability.into());
        validate(&portfolio)
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
    };
    for fine in [
        (Metric::Toil, 0.0),
        (Metric::Toil, 500.0),
        (Metric::ChangeFailureRate, 100.0),
    ] {
        assert_eq!(problems(fine.0, fine.1), Vec::<String>::new(), "{fine:?}");
    }
    for refused in [
        (Metric::Toil, -1.0),
        (Metric::SelfService, f64::NAN),
        (Metric::DeploymentFrequency, f64::INFINITY),
    ] {
        assert_eq!(problems(refused.0, refused.1).len(), 1, "{refused:?}");
    }
    assert_eq!(
        problems(Metric::ChangeFailureRate, 101.0),
        ["capability c: the metric change failure rate must be a number from 0 to 100, not 101"]
    );
}

#[test]
fn tab_everywhere_and_line_breaks_in_long_fields_are_the_only_controls_allowed() {
    for multiline in [false, true] {
        assert!(!is_forbidden_control('\t', multiline));
        assert!(!is_forbidden_control('a', multiline));
        for c in ['\0', '\u{1b}', '\u{7f}', '\u{85}', '\u{9b}'] {
            assert!(is_forbidden_control(c, multiline), "{c:?}");
        }
    }
    for line_break in ['\n', '\r'] {
        assert!(!is_forbidden_control(line_break, true));
        assert!(is_forbidden_control(line_break, false));
    }
}

#[test]
fn direction_overrides_are_refused_and_direction_marks_are_text() {
    for multiline in [false, true] {
        for c in [
            '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2069}',
        ] {
            assert!(is_forbidden_control(c, multiline), "U+{:04X}", u32::from(c));
        }
        for c in [
            '\u{200e}', '\u{200f}', '\u{61c}', '\u{2029}', '\u{2065}', '\u{206a}', '\u{5d0}',
        ] {
            assert!(
                !is_forbidden_control(c, multiline),
                "U+{:04X}",
                u32::from(c)
            );
        }
    }
    let mut portfolio = Portfolio::new("p");
    let mut capability = Capability::new("c", "Log \u{202e}evil");
    capability.notes = "fine \u{200f}".into();
    portfolio.capabilities.push(capability.into());
    assert_eq!(
        messages(&portfolio),
        ["capability c: the name holds a direction override (U+202E); only text, tabs are allowed"],
        "named as what it does"
    );
}

#[test]
fn all_zero_weights_are_a_problem() {
    let mut portfolio = Portfolio::new("p");
    portfolio.scoring.reuse_weight = 0.0;
    portfolio.scoring.cost_weight = 0.0;
    portfolio.scoring.risk_weight = 0.0;
    assert_eq!(validate(&portfolio).len(), 1);
}

#[test]
fn follow_up_fields_must_name_known_teams_controls_and_capabilities_once() {
    use crate::model::{Direction, Metric, Migration, Target};
    let mut portfolio = Portfolio::new("p");
    portfolio.teams.push(team("web"));
    portfolio.minimum_standard = vec!["Logging".into(), " logging ".into(), " ".into()];
    let mut capability = Capability::new("ci", "CI");
    capability.adopted_by = vec!["web".into(), "web".into(), "ghost".into()];
    capability.standard_met = vec!["Logging".into(), "LOGGING".into(), "Tracing".into()];
    capability.migration = Some(Migration {
        contact: "Ana\u{1b}[31m".into(),
        ..Migration::default()
    });
    let target = |metric, value| Target {
        metric,
        value,
        direction: Direction::AtMost,
    };
    capability.targets = vec![
        target(Metric::Toil, -1.0),
        target(Metric::Toil, 3.0),
        target(Metric::SelfService, 101.0),
    ];
    portfolio.capabilities.push(capability.into());
    portfolio.backlog_order = vec!["ci".into(), "ci".into(), "gone".into()];
    assert_eq!(
        messages(&portfolio),
        [
            "capability ci: `web` is listed twice as using the shared service",
            "capability ci: `ghost` uses the shared service but is not a known team",
            "capability ci: `LOGGING` is listed twice as met",
            "capability ci: `Tracing` is met but is not a control of the minimum standard",
            "capability ci: the migration contact holds a control character (U+001B); only text, tabs are allowed",
            "capability ci: the target for toil must be a number from 0 up, not -1",
            "capability ci: toil has two targets",
            "capability ci: the target for self-service share must be a number from 0 to 100, not 101",
            "portfolio: the control ` logging ` is in the minimum standard twice",
            "portfolio: a control of the minimum standard has no name",
            "portfolio: the backlog order names `ci` twice",
            "portfolio: the backlog order names `gone`, which is not a capability",
        ],
        "every problem, each where it is"
    );
}

#[test]
fn a_target_of_0_or_a_percentage_of_100_is_no_problem() {
    use crate::model::{Direction, Metric, Target};
    let mut portfolio = Portfolio::new("p");
    let mut capability = Capability::new("ci", "CI");
    capability.targets = vec![
        Target {
            metric: Metric::Toil,
            value: 0.0,
            direction: Direction::AtMost,
        },
        Target {
            metric: Metric::SelfService,
            value: 100.0,
            direction: Direction::AtLeast,
        },
    ];
    portfolio.capabilities.push(capability.into());
    assert_eq!(
        validate(&portfolio),
        vec![],
        "the ends of the range are in it"
    );
}
