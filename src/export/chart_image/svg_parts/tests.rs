//! Tests of `svg_parts.rs`, kept apart so the file stays readable. They draw
//! at half the design size (960x540, `s` = 0.5), where `2.0 * s`, `2.0 / s`
//! and `2.0 + s` all differ.

use super::*;
use crate::export::chart_image::test_scene::{chart_at, scored, today};
use crate::model::{Capability, Score, Zone};

#[test]
fn an_arrow_ends_at_the_dots_edge_with_its_head_and_short_moves_get_none() {
    let mut svg = String::new();
    arrow(&mut svg, [0.0, 0.0], [30.0, 40.0], 5.0, 0.5, "#777777");
    assert_eq!(
        svg,
        "<g class=\"moved\"><line x1=\"0.0\" y1=\"0.0\" x2=\"22.8\" y2=\"30.4\" stroke=\"#777777\" \
         stroke-width=\"1.0\"/><polygon points=\"26.4,35.2 20.6,32.0 25.0,28.8\" \
         fill=\"#777777\"/></g>\n",
        "the line stops where the head starts, the head stops short of the dot"
    );
    let mut short = String::new();
    arrow(&mut short, [0.0, 0.0], [6.0, 8.0], 5.0, 0.5, "#777777");
    assert_eq!(
        short, "",
        "a move no longer than a dot's width has no arrow"
    );
}

#[test]
fn a_tooltip_names_the_capability_its_scores_decision_and_warnings() {
    let mut portfolio = Portfolio::new("p");
    let mut identity = scored("identity", "Identity", [5, 4, 5, 1]);
    identity.decision = Decision::Orchestrate;
    portfolio.capabilities.push(identity.into());
    let geometry = ChartGeometry::new(&portfolio, today());
    let mut point = geometry.points[0].clone();
    assert_eq!(
        describe(&point, Some(&portfolio.capabilities[0])),
        "Identity (1): Unplaced, Orchestrate; reuse 5, cost 4, risk 5, differentiation 1; \
         decision: Orchestrate",
        "name, number, zone, quadrant, scores and decision"
    );
    point.conflict = true;
    point.overdue = true;
    assert_eq!(
        describe(&point, None),
        "Identity (1): Unplaced, Orchestrate; decision: Orchestrate; conflict; \
         overdue exception",
        "warnings at the end, scores only when the capability is known"
    );
}

#[test]
fn wrapping_breaks_between_words_only_past_the_width_and_keeps_long_words_whole() {
    let chart = chart_at(0.5);
    let font = 10.0;
    let width = |text: &str| chart.measure.width(text, font);
    assert_eq!(
        chart.wrap("alpha beta gamma", width("alpha beta"), font),
        ["alpha beta ", "gamma"],
        "a line exactly as wide as the limit still fits"
    );
    assert_eq!(
        chart.wrap("alpha beta gamma", width("alpha beta") - 0.01, font),
        ["alpha ", "beta ", "gamma"],
        "a hair narrower and it breaks"
    );
    assert_eq!(
        chart.wrap("supercalifragilistic x", width("super"), font),
        ["supercalifragilistic ", "x"],
        "a word wider than the limit keeps a line to itself"
    );
    assert_eq!(
        chart.wrap("", 100.0, font),
        [""],
        "nothing to wrap is one empty line"
    );
}

/// Two capabilities: Identity (decided, its label away from its dot on a
/// leader) and Pipeline (undecided, no label), and the plot they sit in.
fn two_capabilities() -> (Portfolio, ScreenRect) {
    let mut portfolio = Portfolio::new("p");
    let mut identity = scored("identity", "Identity", [5, 4, 5, 1]);
    identity.decision = Decision::Orchestrate;
    portfolio.capabilities.push(identity.into());
    portfolio
        .capabilities
        .push(scored("pipeline", "Pipeline", [2, 2, 2, 4]).into());
    let plot = ScreenRect {
        x: 55.0,
        y: 45.0,
        w: 880.0,
        h: 400.0,
    };
    (portfolio, plot)
}

fn two_labels() -> ChartLabels {
    ChartLabels {
        numbered: false,
        dots: vec![[100.0, 100.0], [200.0, 150.0]],
        spots: vec![crate::export::Spot {
            at: [300.0, 200.0],
            rect: ScreenRect {
                x: 290.0,
                y: 190.0,
                w: 20.0,
                h: 30.0,
            },
            radius: 10.0,
        }],
        labels: vec![
            Some(crate::export::PlacedText {
                text: "Identity".into(),
                rect: ScreenRect {
                    x: 110.0,
                    y: 90.0,
                    w: 60.0,
                    h: 12.0,
                },
                leader: Some([[105.0, 100.0], [110.0, 96.0]]),
            }),
            None,
        ],
        left_out: 0,
        callout: None,
    }
}

#[test]
fn each_capability_is_a_group_with_its_dot_marks_label_and_leader() {
    let (portfolio, plot) = two_capabilities();
    let mut geometry = ChartGeometry::new(&portfolio, today());
    geometry.points[0].conflict = true;
    geometry.points[0].overdue = true;
    let mut chart = chart_at(0.5);
    chart.marks(
        &portfolio,
        &geometry,
        plot,
        &two_labels(),
        &ChartOptions::default(),
    );
    assert_eq!(
        chart.svg,
        "<rect class=\"shared\" x=\"290.0\" y=\"190.0\" width=\"20.0\" height=\"30.0\" rx=\"10.0\" \
         fill=\"#1b1b1b\" fill-opacity=\"0.08\" stroke=\"#5a5a5a\" stroke-opacity=\"0.6\" \
         stroke-width=\"0.8\" stroke-dasharray=\"2.0 1.5\"/>\n\
         <line class=\"shared-at\" x1=\"288.5\" y1=\"200.0\" x2=\"291.0\" y2=\"200.0\" \
         stroke=\"#5a5a5a\" stroke-width=\"1.0\"/>\n\
         <g class=\"capability\" data-id=\"identity\">\n\
         <title>Identity (1): Unplaced, Orchestrate; reuse 5, cost 4, risk 5, differentiation 1; \
         decision: Orchestrate; conflict; overdue exception</title>\n\
         <circle class=\"dot decided\" cx=\"100.0\" cy=\"100.0\" r=\"5.0\" fill=\"#8c8c8c\"/>\n\
         <circle class=\"conflict\" cx=\"100.0\" cy=\"100.0\" r=\"7.0\" fill=\"none\" \
         stroke=\"#e04a3a\" stroke-width=\"1.2\"/>\n\
         <circle class=\"overdue\" cx=\"104.2\" cy=\"95.8\" r=\"2.8\" fill=\"#d98e04\"/>\n\
         <line class=\"leader\" x1=\"105.0\" y1=\"100.0\" x2=\"110.0\" y2=\"96.0\" \
         stroke=\"#5a5a5a\" stroke-width=\"0.6\"/>\n\
         <text class=\"label\" x=\"111.0\" y=\"99.0\" font-size=\"9.5\" fill=\"#1b1b1b\">Identity</text>\n\
         </g>\n\
         <g class=\"capability\" data-id=\"pipeline\">\n\
         <title>Pipeline (2): Unplaced, Operate; reuse 2, cost 2, risk 2, differentiation 4; \
         decision: Undecided</title>\n\
         <circle class=\"dot undecided\" cx=\"200.0\" cy=\"150.0\" r=\"3.9\" fill=\"#fbfbfb\" \
         stroke=\"#8c8c8c\" stroke-width=\"2.2\"/>\n\
         </g>\n",
        "the shared spot with its notch, then each capability: a decided dot with its conflict \
         ring, overdue mark, leader and label; a hollow undecided dot"
    );
}

#[test]
fn moves_are_drawn_as_arrows_and_vote_spreads_as_whiskers() {
    let (portfolio, plot) = two_capabilities();
    let mut older = portfolio.clone();
    std::sync::Arc::make_mut(&mut older.capabilities[0])
        .scores
        .differentiation = Score::new(3);
    let mut geometry = ChartGeometry::new(&portfolio, today());
    geometry.points[0].differentiation_spread = Some((1.0, 2.0));
    geometry.points[0].pull_spread = Some((2.0, 3.0));
    let mut labels = two_labels();
    labels.spots.clear();
    labels.labels = vec![None, None];
    let mut chart = chart_at(0.5);
    let options = ChartOptions {
        comparison: Some(Comparison::earlier(&older)),
        vote_spread: true,
        ..ChartOptions::default()
    };
    chart.marks(&portfolio, &geometry, plot, &labels, &options);
    let drawn: Vec<&str> = chart
        .svg
        .lines()
        .filter(|l| l.contains("moved") || l.contains("spread"))
        .collect();
    assert_eq!(
        drawn,
        [
            "<g class=\"moved\"><line x1=\"495.0\" y1=\"111.7\" x2=\"155.0\" y2=\"111.7\" \
             stroke=\"#5a5a5a\" stroke-width=\"1.0\"/><polygon points=\"149.0,111.7 \
             155.0,109.0 155.0,114.4\" fill=\"#5a5a5a\"/></g>",
            "<line class=\"spread\" x1=\"143.0\" y1=\"100.0\" x2=\"319.0\" y2=\"100.0\" \
             stroke=\"#8c8c8c\" stroke-width=\"1.5\" stroke-opacity=\"0.8\"/>",
            "<line class=\"spread\" x1=\"100.0\" y1=\"325.0\" x2=\"100.0\" y2=\"245.0\" \
             stroke=\"#8c8c8c\" stroke-width=\"1.5\" stroke-opacity=\"0.8\"/>",
        ],
        "an arrow from differentiation 3 to 1 along the dot's row; whiskers across the \
         differentiation votes (1 to 2) and the pull votes (2 to 3) through the dot"
    );
}

/// `count` scored capabilities and one still to score.
fn many(count: usize) -> Portfolio {
    let mut portfolio = Portfolio::new("p");
    for i in 0..count {
        let score = |n: usize| u8::try_from(n % 5 + 1).expect("1 to 5");
        let capability = scored(
            &format!("c{i}"),
            &format!("Capability {i}"),
            [score(i), score(i / 5), score(i / 25), score(i / 125)],
        );
        portfolio.capabilities.push(capability.into());
    }
    portfolio
        .capabilities
        .push(Capability::new("todo", "To do").into());
    portfolio
}

#[test]
fn the_legend_notes_moves_crowds_and_what_is_unscored_after_the_marks() {
    let chart = chart_at(0.5);
    let options = |comparison| ChartOptions {
        comparison,
        ..ChartOptions::default()
    };
    let texts = |portfolio: &Portfolio, options: &ChartOptions<'_>| -> Vec<String> {
        let geometry = ChartGeometry::new(portfolio, today());
        legend_entries(&geometry, &chart.sizes, &chart.measure, options)
            .rows
            .into_iter()
            .flatten()
            .filter(|(mark, _, _)| mark.is_none())
            .map(|(_, text, _)| text)
            .collect()
    };
    let crowd = many(MAX_LABELLED + 1);
    assert_eq!(
        texts(&crowd, &options(Some(Comparison::earlier(&crowd)))),
        [
            "→ moved since the compared quarter",
            "301 capabilities: too many to name on one chart",
            "1 still to score, not shown",
        ],
        "every note, in order, after the marks"
    );
    assert_eq!(
        texts(&many(MAX_LABELLED), &options(None)),
        ["1 still to score, not shown"],
        "no note on crowding at exactly the most that can be named"
    );
    let mut all_scored = many(1);
    all_scored.capabilities.pop();
    assert_eq!(
        texts(&all_scored, &options(None)),
        Vec::<String>::new(),
        "nothing unscored, no such note"
    );
}

#[test]
fn legend_rows_hold_whole_entries_up_to_the_width_between_the_margins() {
    let chart = chart_at(0.5);
    let crowd = many(MAX_LABELLED + 1);
    let mut geometry = ChartGeometry::new(&crowd, today());
    geometry.points[0].conflict = true;
    geometry.points[0].overdue = true;
    let options = ChartOptions {
        comparison: Some(Comparison::earlier(&crowd)),
        vote_spread: true,
        ..ChartOptions::default()
    };
    let legend = legend_entries(&geometry, &chart.sizes, &chart.measure, &options);
    // 960 wide, less the 110 * s margin on the left and 40 * s on the right.
    let room = 960.0 - 55.0 - 20.0;
    for (mark, text, width) in legend.rows.iter().flatten() {
        // A mark is a dot (2 * radius) and a gap of 8 * s; 30 * s after each.
        let mark_width = if mark.is_some() { 10.0 + 4.0 } else { 0.0 };
        let expected = mark_width + chart.measure.width(text, 11.0) + 15.0;
        assert!(
            (width - expected).abs() < 1e-9,
            "{text}: {width} wide, not {expected}"
        );
    }
    let total = |row: &[(Option<LegendMark>, String, f64)]| row.iter().map(|e| e.2).sum::<f64>();
    assert!(
        legend.rows.len() >= 2,
        "this legend takes rows: {:?}",
        legend.rows
    );
    for pair in legend.rows.windows(2) {
        let (row, next) = (&pair[0], &pair[1]);
        assert!(total(row) <= room, "a row fits: {row:?}");
        assert!(
            total(row) + next[0].2 > room,
            "a row ends only when the next entry would not fit: {row:?} then {next:?}"
        );
    }
    let last = legend.rows.last().expect("rows");
    assert!(total(last) <= room, "the last row fits too: {last:?}");
}

#[test]
fn the_legend_draws_each_mark_before_its_text_row_by_row_from_the_bottom() {
    let mut chart = chart_at(0.5);
    let (portfolio, _) = two_capabilities();
    let geometry = ChartGeometry::new(&portfolio, today());
    let mut labels = two_labels();
    labels.left_out = 2;
    let legend = Legend {
        rows: vec![
            vec![
                (
                    Some(LegendMark::Zone(Zone::Commodity)),
                    "Commodity".into(),
                    100.0,
                ),
                (Some(LegendMark::Decided), "decided".into(), 80.0),
                (Some(LegendMark::Undecided), "not decided yet".into(), 120.0),
                (Some(LegendMark::Conflict), "conflict".into(), 90.0),
            ],
            vec![
                (Some(LegendMark::Overdue), "overdue exception".into(), 130.0),
                (Some(LegendMark::Shared), "same scores".into(), 100.0),
                (Some(LegendMark::Spread), "vote spread".into(), 100.0),
                (None, "1 still to score, not shown".into(), 150.0),
            ],
        ],
    };
    chart.legend(&legend, &geometry, &labels);
    assert_eq!(
        chart.svg,
        "<circle cx=\"60.0\" cy=\"504.6\" r=\"5.0\" fill=\"#0072b2\"/>\n\
         <text class=\"legend\" x=\"69.0\" y=\"508.5\" font-size=\"11.0\" fill=\"#1b1b1b\">Commodity</text>\n\
         <circle cx=\"160.0\" cy=\"504.6\" r=\"5.0\" fill=\"#5a5a5a\"/>\n\
         <text class=\"legend\" x=\"169.0\" y=\"508.5\" font-size=\"11.0\" fill=\"#1b1b1b\">decided</text>\n\
         <circle cx=\"240.0\" cy=\"504.6\" r=\"3.9\" fill=\"#ffffff\" stroke=\"#5a5a5a\" \
         stroke-width=\"2.2\"/>\n\
         <text class=\"legend\" x=\"249.0\" y=\"508.5\" font-size=\"11.0\" fill=\"#1b1b1b\">not decided yet</text>\n\
         <circle cx=\"360.0\" cy=\"504.6\" r=\"5.0\" fill=\"none\" stroke=\"#e04a3a\" \
         stroke-width=\"1.2\"/>\n\
         <text class=\"legend\" x=\"369.0\" y=\"508.5\" font-size=\"11.0\" fill=\"#1b1b1b\">conflict</text>\n\
         <circle cx=\"60.0\" cy=\"521.1\" r=\"2.8\" fill=\"#d98e04\"/>\n\
         <text class=\"legend\" x=\"69.0\" y=\"525.0\" font-size=\"11.0\" fill=\"#1b1b1b\">overdue exception</text>\n\
         <circle cx=\"190.0\" cy=\"521.1\" r=\"5.0\" fill=\"#1b1b1b\" fill-opacity=\"0.08\" \
         stroke=\"#5a5a5a\" stroke-width=\"0.8\" stroke-dasharray=\"2.0 1.5\"/>\n\
         <text class=\"legend\" x=\"199.0\" y=\"525.0\" font-size=\"11.0\" fill=\"#1b1b1b\">same scores</text>\n\
         <line x1=\"285.0\" y1=\"521.1\" x2=\"295.0\" y2=\"521.1\" stroke=\"#5a5a5a\" \
         stroke-width=\"1.5\"/>\n\
         <text class=\"legend\" x=\"299.0\" y=\"525.0\" font-size=\"11.0\" fill=\"#1b1b1b\">vote spread</text>\n\
         <text class=\"legend\" x=\"385.0\" y=\"525.0\" font-size=\"11.0\" fill=\"#1b1b1b\">1 still to score, not shown</text>\n\
         <text class=\"legend\" x=\"535.0\" y=\"525.0\" font-size=\"11.0\" fill=\"#1b1b1b\">2 names left out for lack of room: choose numbers</text>\n",
        "two rows ending 15 px above the bottom, 16.5 apart; each mark's text 14 px after it; \
         the names left out noted at the end of the last row"
    );
    for (left_out, note) in [(0, None), (1, Some("1 name left out"))] {
        labels.left_out = left_out;
        let mut chart = self::chart_at(0.5);
        chart.legend(&legend, &geometry, &labels);
        assert_eq!(
            chart.svg.contains("left out"),
            note.is_some(),
            "{left_out} names left out: {}",
            chart.svg
        );
        if let Some(note) = note {
            assert!(chart.svg.contains(note), "one name in the singular");
        }
    }
}

#[test]
fn an_entry_that_exactly_fills_a_legend_row_stays_on_it_and_the_next_starts_a_row() {
    let (portfolio, _) = two_capabilities();
    let geometry = ChartGeometry::new(&portfolio, today());
    let options = ChartOptions::default();
    let mut chart = chart_at(0.5);
    chart.sizes.width = 100_000.0;
    let one_row = legend_entries(&geometry, &chart.sizes, &chart.measure, &options);
    let widths: Vec<f64> = one_row.rows.concat().iter().map(|e| e.2).collect();
    assert!(widths.len() > 4, "a wide image has every entry on one row");
    // An image just wide enough for three entries between the margins of
    // 110 * s and 40 * s, to the last bit.
    let three = widths[0] + widths[1] + widths[2];
    let mut width = three + 75.0;
    for _ in 0..8 {
        let room = width - 110.0 * 0.5 - 40.0 * 0.5;
        if room < three {
            width = f64::from_bits(width.to_bits() + 1);
        } else if room > three {
            width = f64::from_bits(width.to_bits() - 1);
        }
    }
    assert_eq!(
        (width - 55.0 - 20.0).to_bits(),
        three.to_bits(),
        "a room of exactly three entries"
    );
    chart.sizes.width = width;
    let rows = legend_entries(&geometry, &chart.sizes, &chart.measure, &options).rows;
    assert_eq!(
        rows.iter().map(Vec::len).take(2).collect::<Vec<_>>(),
        [3, 3],
        "three entries fill the first row exactly; the fourth starts the next: {rows:?}"
    );
}

mod index;
