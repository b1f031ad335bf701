//! Tests of the index beside a numbered chart: its layout in columns and
//! how it is drawn.

use super::*;

#[test]
fn a_heading_takes_one_index_line_and_an_entry_one_per_wrapped_line() {
    let heading = IndexLine::Heading(Recommendation::Hybrid);
    let entry = IndexLine::Entry(0, vec!["12 Identity and ".into(), "access".into()]);
    assert_eq!(
        (heading.lines(), entry.lines()),
        (1, 2),
        "a heading is a line, an entry as many as it wraps to"
    );
}

/// An index layout's columns in short: `#` and a quadrant for a heading,
/// the point's lines for an entry.
fn columns_of(layout: &IndexLayout) -> Vec<Vec<String>> {
    layout
        .columns
        .iter()
        .map(|column| {
            column
                .iter()
                .map(|line| match line {
                    IndexLine::Heading(r) => format!("# {}", r.label()),
                    IndexLine::Entry(_, lines) => lines.join("|"),
                })
                .collect()
        })
        .collect()
}

#[test]
fn the_index_fills_columns_top_down_and_repeats_a_heading_atop_a_continued_column() {
    let long = " with a name long enough to take two lines in the index beside the chart";
    let mut portfolio = Portfolio::new("p");
    for (i, (scores, name)) in [
        ([5, 4, 5, 1], long),
        ([5, 5, 5, 1], long),
        ([4, 4, 4, 2], long),
        ([5, 5, 4, 1], ""),
        ([4, 5, 5, 1], long),
        ([2, 2, 2, 4], long),
    ]
    .into_iter()
    .enumerate()
    {
        let name = format!("Capability {i}{name}");
        portfolio
            .capabilities
            .push(scored(&format!("c{i}"), &name, scores).into());
    }
    let geometry = ChartGeometry::new(&portfolio, today());
    let mut chart = chart_at(0.5);
    // Room for a wide index: names wrap at 0.2 of this, the index may take
    // 0.45 of it.
    chart.sizes.width = 1920.0;
    // 9.9 px type on lines of 12.87: eight lines a column.
    let plot = ScreenRect {
        x: 55.0,
        y: 45.0,
        w: 880.0,
        h: 8.0 * 9.9 * 1.3 + 1.0,
    };
    let layout = chart.index_layout(&geometry, plot);
    let entry = |n: usize, i: usize| {
        format!(
            "{n} Capability {i} with a name long enough to take two lines in the index beside |the chart"
        )
    };
    assert_eq!(
        columns_of(&layout),
        [
            vec![
                "# Orchestrate".to_owned(),
                entry(1, 1),
                entry(2, 0),
                "3 Capability 3".to_owned(),
                entry(4, 4),
            ],
            vec![
                "# Orchestrate".to_owned(),
                entry(5, 2),
                "# Operate".to_owned(),
                entry(6, 5),
            ],
        ],
        "a column holds eight lines, exactly filled; the next one starts with its quadrant again"
    );
    assert_eq!(
        (layout.font, layout.line),
        (9.9, 9.9 * 1.3),
        "the index fits at 0.9 of the legend's type"
    );
    let widest = layout
        .columns
        .iter()
        .flatten()
        .filter_map(|line| match line {
            IndexLine::Entry(_, lines) => Some(lines),
            IndexLine::Heading(_) => None,
        })
        .flatten()
        .map(|text| chart.measure.width(text, 9.9) * 1.03)
        .fold(0.0, f64::max);
    assert!(
        (layout.column_width - widest).abs() < 1e-9,
        "columns are as wide as the widest line: {} and {widest}",
        layout.column_width
    );
    assert!(
        (layout.width - (2.0 * (widest + 12.0) + 12.0)).abs() < 1e-9,
        "two columns with a gap of 24 * s before each and after the last: {}",
        layout.width
    );
    chart.index(&geometry, &layout, plot);
    let heading = |x: &str, y: &str, color: &str, text: &str| {
        format!(
            "<text class=\"index-heading\" x=\"{x}\" y=\"{y}\" font-size=\"9.9\" \
             font-weight=\"bold\" fill=\"{color}\">{text}</text>\n"
        )
    };
    let entry = |id: &str, x: &str, y: &str, number: usize, text: &str, indent: &str| {
        let rest = if indent.is_empty() {
            String::new()
        } else {
            format!("<tspan x=\"{indent}\" dy=\"12.9\">the chart</tspan>")
        };
        format!(
            "<text class=\"index-entry\" data-id=\"{id}\" x=\"{x}\" y=\"{y}\" font-size=\"9.9\" \
             fill=\"#1b1b1b\" xml:space=\"preserve\"><tspan font-weight=\"bold\">{number}</tspan> \
             {text}{rest}</text>\n"
        )
    };
    let long = |i: usize| {
        format!("Capability {i} with a name long enough to take two lines in the index beside ")
    };
    let expected = [
        heading("947.0", "54.9", "#2f7ed8", "ORCHESTRATE"),
        entry("c1", "947.0", "67.8", 1, &long(1), "957.9"),
        entry("c0", "947.0", "93.5", 2, &long(0), "957.9"),
        entry("c3", "947.0", "119.2", 3, "Capability 3", ""),
        entry("c4", "947.0", "132.1", 4, &long(4), "957.9"),
        heading("1354.4", "54.9", "#2f7ed8", "ORCHESTRATE"),
        entry("c2", "1354.4", "67.8", 5, &long(2), "1365.4"),
        heading("1354.4", "93.5", "#d87a1f", "OPERATE"),
        entry("c5", "1354.4", "106.4", 6, &long(5), "1365.4"),
    ];
    assert_eq!(
        chart.svg,
        expected.concat(),
        "columns 24 * s right of the plot, a line of 12.87 per heading or wrapped line, \
         the second line of a name under its first, past the number"
    );
    let mut short = Portfolio::new("p");
    short
        .capabilities
        .push(scored("a", "A", [5, 4, 5, 1]).into());
    let heading_only = chart.index_layout(&ChartGeometry::new(&short, today()), plot);
    assert!(
        (heading_only.column_width - chart.measure.width("ORCHESTRATE", 9.9) * 1.16).abs() < 1e-9,
        "short names: a column is as wide as the widest heading, in bold: {}",
        heading_only.column_width
    );
    // Half as wide an image: the index may take 432 px, so the type shrinks.
    chart.sizes.width = 960.0;
    let smaller = chart.index_layout(&geometry, plot);
    assert!(
        (smaller.font - 9.9 * 0.9 * 0.9 * 0.9).abs() < 1e-9 && smaller.width <= 432.0,
        "the type shrinks by a tenth at a time until the index fits (three steps here): \
         {} px, {} wide",
        smaller.font,
        smaller.width
    );
}

#[test]
fn a_quadrant_heading_never_ends_a_column_and_a_tall_entry_never_leaves_one_empty() {
    let mut chart = chart_at(0.5);
    // 4.5 px type is already the smallest (9 * s): the index is laid out
    // at it whatever its width, on lines of 5.85, four lines a column.
    chart.sizes.font = 5.0;
    let plot = ScreenRect {
        x: 55.0,
        y: 45.0,
        w: 880.0,
        h: 4.0 * 4.5 * 1.3 + 1.0,
    };
    let mut portfolio = Portfolio::new("p");
    for (id, scores) in [
        ("a", [5, 4, 5, 1]),
        ("b", [5, 5, 5, 1]),
        ("c", [2, 2, 2, 4]),
    ] {
        portfolio
            .capabilities
            .push(scored(id, &id.to_uppercase(), scores).into());
    }
    let layout = chart.index_layout(&ChartGeometry::new(&portfolio, today()), plot);
    assert_eq!(
        columns_of(&layout),
        [
            vec!["# Orchestrate", "1 B", "2 A"],
            vec!["# Operate", "3 C"]
        ],
        "a fourth line would fit, but not the Operate heading with its first entry"
    );
    let mut tall = Portfolio::new("p");
    let name = "word ".repeat(120);
    tall.capabilities
        .push(scored("a", name.trim_end(), [5, 4, 5, 1]).into());
    let layout = chart.index_layout(&ChartGeometry::new(&tall, today()), plot);
    let columns = columns_of(&layout);
    assert_eq!(columns.len(), 1, "one column, however tall: {columns:?}");
    assert!(
        columns[0].len() == 2 && columns[0][1].matches('|').count() >= 4,
        "the heading and its entry, which wraps to more lines than a column holds: {columns:?}"
    );
}
