//! User text never becomes structure in capmap's Markdown: every writer's
//! output is parsed as a wiki would (`CommonMark`, with `pulldown-cmark`) and
//! must have exactly the structure it has for harmless text, and no HTML.

#![expect(
    clippy::unwrap_used,
    reason = "helpers outside #[test] functions should fail loudly too"
)]

use capmap::export::{DecisionLog, diff_markdown, plan_markdown, scorecard_markdown, to_markdown};
use capmap::model::{
    Capability, Date, Decision, Direction, Exception, Metric, Migration, Plan, Portfolio,
    Readiness, Scorecard, Target, Team, Zone, diff,
};
use pulldown_cmark::{Event, Options, Parser};

/// What an attacker (or a careless paste) puts into every text field.
const HOSTILE: [&str; 12] = [
    "# Heading from a name",
    "- a list item",
    "+ another list",
    "1) an ordered list",
    "2. another ordered list",
    "---",
    "    indented code",
    "\tcode after a tab",
    "> a quote",
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>\n# heading on the next line",
    "=== setext\n===",
];

/// A portfolio whose every free text is `text(n)` and every id `id(n)`.
fn portfolio(text: &dyn Fn(usize) -> String, id: &dyn Fn(usize) -> String) -> Portfolio {
    let mut portfolio = Portfolio::new(text(0));
    portfolio.quarter = Some("2026-Q4".into());
    portfolio.notes = text(1);
    portfolio.teams.push(Team {
        id: "platform".into(),
        name: text(2),
    });
    // Controls of the standard nobody meets: every capability teams run
    // lists them as gaps.
    portfolio.minimum_standard = vec![text(3), text(4)];
    for n in 0..HOSTILE.len() {
        let mut capability = Capability::new(id(n), text(n));
        capability.zone = Zone::Commodity;
        for (question, score) in capmap::model::Question::ALL.into_iter().zip([5, 4, 5, 1]) {
            capability
                .scores
                .set(question, capmap::model::Score::new(score));
        }
        capability.description = text(n + 1);
        capability.rationale = text(n + 2);
        capability.decision = Decision::Operate;
        capability.owner = Some("platform".into());
        capability.escalation_path = text(n + 3);
        capability.support_boundary = text(n + 4);
        capability.slo = text(n + 5);
        capability.tags = vec![text(n + 6)];
        capability.notes = text(n + 7);
        capability.exceptions.push(Exception {
            reason: text(n + 8),
            approved_by: text(n + 9),
            review_by: Date::from_ymd(2026, 1, 1).unwrap(),
        });
        // Every other one is to be shared while a team still runs it: on
        // the backlog, late, and waiting for the platform.
        if n % 2 == 0 {
            capability.decision = Decision::Orchestrate;
            capability.duplicated_by = vec!["platform".into()];
            capability.readiness = Readiness::No;
            capability.migration = Some(Migration {
                target_quarter: Some(text(n + 10)),
                guide: text(n + 11),
                contact: text(n + 12),
                ..Migration::default()
            });
        }
        capability.review_on = Date::from_ymd(2026, 11, 1);
        capability.metrics.toil_hours_per_month = Some(4.0);
        capability.targets = vec![Target {
            metric: Metric::Toil,
            value: 2.0,
            direction: Direction::AtMost,
        }];
        portfolio.capabilities.push(capability.into());
    }
    portfolio
}

fn hostile() -> Portfolio {
    portfolio(&|n| HOSTILE[n % HOSTILE.len()].to_owned(), &|n| {
        // Ids are validated when a file is read, but the writers must not
        // trust that: backticks, a line break, HTML.
        format!("id{n}`<b>x</b>`\n# owned")
    })
}

fn harmless() -> Portfolio {
    portfolio(&|n| format!("plain text {n}"), &|n| format!("id{n}"))
}

/// Every Markdown writer's output for `portfolio` (against an older
/// quarter where there is one).
fn outputs(portfolio: &Portfolio) -> Vec<(&'static str, String)> {
    let today = Date::from_ymd(2026, 11, 27).unwrap();
    let mut older = portfolio.clone();
    older.quarter = Some("2026-Q3".into());
    // Something changed, something new, something removed.
    std::sync::Arc::make_mut(&mut older.capabilities[0]).zone = Zone::Differentiator;
    let removed = older.capabilities.remove(1);
    let mut newer = portfolio.clone();
    // Moved from team-owned to shared.
    std::sync::Arc::make_mut(&mut newer.capabilities[0]).decision = Decision::Orchestrate;
    newer.capabilities.push(removed.clone());
    let mut gone = older.clone();
    gone.capabilities
        .push(Capability::new(format!("{}x", removed.id), removed.name.clone()).into());
    vec![
        (
            "decision log",
            to_markdown(&DecisionLog::new(portfolio, today)),
        ),
        (
            "diff",
            diff_markdown(&older.name, &portfolio.name, &diff(&gone, &newer)),
        ),
        (
            "scorecard",
            scorecard_markdown(&Scorecard::new(portfolio, Some(&older), today)),
        ),
        ("plan", plan_markdown(&Plan::of(portfolio, today))),
    ]
}

/// The structure of a Markdown document: every block and inline element
/// opened and closed, in order, without the text.
fn structure(markdown: &str) -> Vec<String> {
    Parser::new_ext(markdown, Options::ENABLE_TABLES)
        .filter_map(|event| match event {
            Event::Start(tag) => Some(format!("start {tag:?}")),
            Event::End(tag) => Some(format!("end {tag:?}")),
            Event::Html(html) | Event::InlineHtml(html) => Some(format!("HTML {html}")),
            Event::Rule => Some("rule".to_owned()),
            Event::Code(_) => Some("code".to_owned()),
            _ => None,
        })
        // Link and heading tags carry their text's ids or urls: keep the kind.
        .map(|s| s.split(['(', '{']).next().unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn user_text_never_becomes_a_heading_a_list_a_rule_code_or_html() {
    let hostile = outputs(&hostile());
    let harmless = outputs(&harmless());
    for ((what, bad), (_, good)) in hostile.iter().zip(&harmless) {
        let html: Vec<_> = Parser::new_ext(bad, Options::ENABLE_TABLES)
            .filter(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_)))
            .collect();
        assert!(
            html.is_empty(),
            "{what}: HTML from user text: {html:?}\n{bad}"
        );
        assert_eq!(
            structure(bad),
            structure(good),
            "{what}: user text changed the document's structure\n{bad}"
        );
    }
}
