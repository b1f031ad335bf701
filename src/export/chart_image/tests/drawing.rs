//! What `chart_svg` and its frame draw: sizes scaled from the 1920x1080
//! design, the plot's place, the title, the quadrants and the axes. Drawn
//! at half the design size (960x540, `s` = 0.5, the plot 885x435 at 55,
//! 45) unless a test says otherwise.

use super::*;
use crate::export::chart_image::test_scene::{chart_at, scored};

/// The plot of a 960x540 image with a one-row legend: 110, 90 design
/// pixels in, 150 narrower and 210 lower than the image.
const PLOT: ScreenRect = ScreenRect {
    x: 55.0,
    y: 45.0,
    w: 885.0,
    h: 435.0,
};

/// A name too long for a label (cut at 300 design pixels) at 4, 4, 4, 4,
/// and Billing at 2, 2, 2, 2; nothing unscored, so one legend row.
fn two() -> Portfolio {
    let mut portfolio = Portfolio::new("p");
    let long = "A rather long capability name that will not fit";
    portfolio
        .capabilities
        .push(scored("a", long, [4, 4, 4, 4]).into());
    portfolio
        .capabilities
        .push(scored("b", "Billing", [2, 2, 2, 2]).into());
    portfolio
}

/// The one line of `svg` that contains `needle`.
fn line<'a>(svg: &'a str, needle: &str) -> &'a str {
    let mut found = svg.lines().filter(|l| l.contains(needle));
    found
        .next()
        .unwrap_or_else(|| panic!("no line with {needle} in {svg}"))
}

#[test]
fn sizes_scale_with_the_images_height_or_its_width_and_never_below_035() {
    // 960x540: s = 540 / 1080 = 0.5 (the width allows 960 / 1920 * 1.4).
    let svg = chart_svg(&two(), today(), 960, 540, ChartOptions::default()).expect("a size");
    // 800x1080: s = 800 / 1920 * 1.4 = 7/12 (the height allows 1).
    let tall = chart_svg(&two(), today(), 800, 1080, ChartOptions::default()).expect("a size");
    for (svg, title, plot, tick, dot, label, quadrant) in [
        (
            &svg,
            "<text class=\"title\" x=\"55.0\" y=\"27.5\" font-size=\"17.0\" ",
            "<rect x=\"55.0\" y=\"45.0\" width=\"885.0\" height=\"435.0\" fill=\"#fbfbfb\"/>",
            "<text x=\"49.0\" y=\"440.4\" font-size=\"11.0\" text-anchor=\"end\" ",
            "cx=\"674.5\" cy=\"175.5\" r=\"3.9\" ",
            "font-size=\"9.5\" fill=\"#1b1b1b\">A rather long capability nam…</text>",
            "<text class=\"quadrant\" x=\"503.5\" y=\"67.0\" font-size=\"17.0\" ",
        ),
        (
            &tall,
            "<text class=\"title\" x=\"64.2\" y=\"32.1\" font-size=\"19.8\" ",
            "<rect x=\"64.2\" y=\"52.5\" width=\"712.5\" height=\"957.5\" fill=\"#fbfbfb\"/>",
            "<text x=\"57.2\" y=\"918.7\" font-size=\"12.8\" text-anchor=\"end\" ",
            "cx=\"562.9\" cy=\"339.8\" r=\"4.5\" ",
            "font-size=\"11.1\" fill=\"#1b1b1b\">A rather long capability nam…</text>",
            "<text class=\"quadrant\" x=\"427.4\" y=\"78.2\" font-size=\"19.8\" ",
        ),
    ] {
        for (what, needle) in [
            ("the title at 34 px, 55 px down", title),
            ("the plot", plot),
            ("the pull axis's first tick at 22 px", tick),
            ("a dot of 10 px less half its ring", dot),
            ("a label at 19 px", label),
            ("a quadrant title at 34 px", quadrant),
        ] {
            assert!(svg.contains(needle), "{what}: no {needle} in\n{svg}");
        }
    }
    // 200x200: s = 0.35 at least (the height would give 0.19).
    let small = chart_svg(&two(), today(), 200, 200, ChartOptions::default()).expect("a size");
    let plot = line(&small, "fill=\"#fbfbfb\"/>");
    assert!(
        plot.starts_with("<rect x=\"38.5\" y=\"31.5\" width=\"147.5\" height="),
        "a plot at s = 0.35: {plot}"
    );
}

#[test]
fn each_legend_row_past_the_first_takes_one_and_a_half_lines_from_the_plot() {
    // The unscored note makes the legend of an 800 px wide image wrap.
    let s = 800.0 / 1920.0 * 1.4;
    let mut chart = chart_at(s);
    (chart.sizes.width, chart.sizes.height) = (800.0, 1080.0);
    let portfolio = portfolio();
    let geometry = ChartGeometry::new(&portfolio, today());
    let options = ChartOptions::default();
    let legend = legend_entries(&geometry, &chart.sizes, &chart.measure, &options);
    assert_eq!(legend.rows.len(), 2, "two legend rows at 800 px");
    let svg = chart_svg(&portfolio, today(), 800, 1080, options).expect("a size");
    // 1080 - 210 s - 22 s * 1.5 = 957.5 - 19.25.
    assert!(
        svg.contains(
            "<rect x=\"64.2\" y=\"52.5\" width=\"712.5\" height=\"938.2\" fill=\"#fbfbfb\"/>"
        ),
        "one row's height less plot:\n{svg}"
    );
}

#[test]
fn images_from_200_to_10000_pixels_a_side_are_drawn_and_others_refused() {
    let portfolio = two();
    for (width, height) in [(199, 540), (960, 199), (10_001, 540), (960, 10_001), (0, 0)] {
        assert!(
            matches!(
                chart_svg(&portfolio, today(), width, height, ChartOptions::default()),
                Err(ImageError::Size(w, h)) if w == width && h == height
            ),
            "{width}x{height} is refused"
        );
    }
    for (width, height) in [(200, 200), (10_000, 10_000), (200, 10_000)] {
        let svg = chart_svg(&portfolio, today(), width, height, ChartOptions::default());
        assert!(
            svg.is_ok_and(|svg| svg.starts_with(&format!(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" "
            )) && svg.ends_with("</svg>\n")),
            "{width}x{height} is drawn"
        );
    }
}

#[test]
fn a_numbered_chart_gives_the_index_its_width_from_the_plot() {
    let portfolio = two();
    let geometry = ChartGeometry::new(&portfolio, today());
    let index = chart_at(0.5).index_layout(&geometry, PLOT);
    assert!(
        index.width > 100.0,
        "the index is as wide as its entries: {}",
        index.width
    );
    let options = ChartOptions {
        labels: LabelMode::Numbers,
        ..ChartOptions::default()
    };
    let svg = chart_svg(&portfolio, today(), 960, 540, options).expect("a size");
    let want = format!(
        "<rect x=\"55.0\" y=\"45.0\" width=\"{:.1}\" height=\"435.0\" fill=\"#fbfbfb\"/>",
        885.0 - index.width
    );
    assert!(svg.contains(&want), "no {want} in\n{svg}");
    assert!(
        svg.contains("width=\"672.4\""),
        "885 less the index's 212.6"
    );
}

#[test]
fn labels_are_laid_out_at_the_images_scale_clear_of_the_quadrant_titles() {
    let chart = chart_at(0.5);
    let portfolio = two();
    let geometry = ChartGeometry::new(&portfolio, today());
    let (labels, obstacles) = chart.labels(&geometry, PLOT, LabelMode::Names);
    let titles: Vec<ScreenRect> = geometry
        .quadrants
        .iter()
        .map(|area| chart.quadrant_title(area, PLOT).1)
        .collect();
    assert_eq!(obstacles, titles, "the quadrant titles are in the way");
    let to_screen = to_image(PLOT);
    let measure = |text: &str| chart.measure.width(text, 9.5);
    // Dots of 5 px, marks 5.5 design pixels wider, lines 1.25 times 9.5
    // px, names cut at 150 px, 1 px of padding.
    let scene = LabelScene {
        area: PLOT,
        obstacles: &titles,
        to_screen: &to_screen,
        dot_radius: 5.0,
        mark_radius: 7.75,
        line_height: 11.875,
        max_name_width: 150.0,
        padding: 1.0,
        measure: &measure,
    };
    assert_eq!(
        labels,
        layout_labels(&geometry, LabelMode::Names, None, &scene),
        "the scene at s = 0.5"
    );
    let long = labels.labels[0]
        .as_ref()
        .expect("the long name has a label");
    assert_eq!(long.text, "A rather long capability nam…", "cut to 150 px");
    assert!(
        (long.rect.w - (measure(&long.text) + 2.0)).abs() < 1e-9
            && (long.rect.h - 11.875).abs() < 1e-9,
        "a line high, 1 px of padding each side: {:?}",
        long.rect
    );
}

#[test]
fn the_title_names_the_portfolio_and_its_quarter_above_the_plot() {
    let mut chart = chart_at(0.5);
    let mut portfolio = Portfolio::new("R&D");
    chart.open(&portfolio, 960, 540, PLOT);
    portfolio.quarter = Some("2026-Q4".to_owned());
    chart.open(&portfolio, 960, 540, PLOT);
    let head = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"960\" height=\"540\" \
                viewBox=\"0 0 960 540\" font-family=\"DejaVu Sans, sans-serif\">\n\
                <rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n";
    let title = "<text class=\"title\" x=\"55.0\" y=\"27.5\" font-size=\"17.0\" \
                 font-weight=\"bold\" fill=\"#1b1b1b\">";
    let plot = "</text>\n<rect x=\"55.0\" y=\"45.0\" width=\"885.0\" height=\"435.0\" \
                fill=\"#fbfbfb\"/>\n";
    assert_eq!(
        chart.svg,
        format!("{head}{title}R&amp;D{plot}{head}{title}R&amp;D · 2026-Q4{plot}"),
        "the image, its background, the title and the plot's background"
    );
}

#[test]
fn quadrant_titles_stand_by_the_vertical_divider_at_the_plots_top_and_bottom() {
    let chart = chart_at(0.5);
    let bold = |text: &str, size: f64| chart.measure.width(text, size) * 1.16;
    // 34 design pixels fit: the dividers at x 497.5 and y 262.5; 6 px
    // from the vertical one, 5 px below the top, 6 above the bottom.
    let want = [
        ("ORCHESTRATE", 497.5 - 6.0 - bold("ORCHESTRATE", 17.0), 67.0),
        ("HYBRID", 503.5, 67.0),
        ("OPERATE", 503.5, 474.0),
        (
            "RATIONALIZE",
            497.5 - 6.0 - bold("RATIONALIZE", 17.0),
            474.0,
        ),
    ];
    for (area, (label, x, y)) in chart.quadrants.iter().zip(want) {
        assert_eq!(
            area.recommendation.label().to_uppercase(),
            label,
            "the order"
        );
        let ((tx, ty, size), rect) = chart.quadrant_title(area, PLOT);
        assert!(
            (tx - x).abs() < 1e-9 && (ty - y).abs() < 1e-9 && (size - 17.0).abs() < 1e-9,
            "{label} at {tx}, {ty}, {size} px"
        );
        // Capitals: 0.8 of the size above the baseline, s below it.
        let want = ScreenRect {
            x,
            y: y - 13.6,
            w: bold(label, 17.0),
            h: 14.6,
        };
        assert!(
            [
                rect.x - want.x,
                rect.y - want.y,
                rect.w - want.w,
                rect.h - want.h
            ]
            .iter()
            .all(|d| d.abs() < 1e-9),
            "{label}: {rect:?}, not {want:?}"
        );
    }

    // A plot 300 px wide: quadrants of 150 px, and the widest title,
    // ORCHESTRATE, fills one less 6 px each side: all four shrink alike.
    let narrow = ScreenRect { w: 300.0, ..PLOT };
    let sizes: Vec<f64> = chart
        .quadrants
        .iter()
        .map(|area| chart.quadrant_title(area, narrow).0.2)
        .collect();
    let ((tx, ty, size), rect) = chart.quadrant_title(&chart.quadrants[0], narrow);
    assert!(
        (rect.w - 138.0).abs() < 0.1 && (tx - 61.0).abs() < 0.1,
        "ORCHESTRATE from x 61, 138 px wide (to the font's rounding): {tx}, {rect:?}"
    );
    assert!(
        (size - 16.009).abs() < 1e-3 && (ty - (50.0 + size)).abs() < 1e-9,
        "smaller than 17 px: {size}, baseline {ty}"
    );
    assert!(
        sizes.iter().all(|s| (s - size).abs() < 1e-12),
        "one size for all: {sizes:?}"
    );
}

#[test]
fn quadrants_are_shaded_in_their_colours_and_named() {
    let mut chart = chart_at(0.5);
    let geometry = ChartGeometry::new(&two(), today());
    chart.quadrants(&geometry, PLOT, &[]);
    let want = "\
<rect x=\"55.0\" y=\"45.0\" width=\"442.5\" height=\"217.5\" fill=\"#2f7ed8\" fill-opacity=\"0.12\"/>
<text class=\"quadrant\" x=\"345.0\" y=\"67.0\" font-size=\"17.0\" font-weight=\"bold\" fill=\"#2f7ed8\">ORCHESTRATE</text>
<rect x=\"497.5\" y=\"45.0\" width=\"442.5\" height=\"217.5\" fill=\"#8e5cd8\" fill-opacity=\"0.12\"/>
<text class=\"quadrant\" x=\"503.5\" y=\"67.0\" font-size=\"17.0\" font-weight=\"bold\" fill=\"#8e5cd8\">HYBRID</text>
<rect x=\"497.5\" y=\"262.5\" width=\"442.5\" height=\"217.5\" fill=\"#d87a1f\" fill-opacity=\"0.12\"/>
<text class=\"quadrant\" x=\"503.5\" y=\"474.0\" font-size=\"17.0\" font-weight=\"bold\" fill=\"#d87a1f\">OPERATE</text>
<rect x=\"55.0\" y=\"262.5\" width=\"442.5\" height=\"217.5\" fill=\"#7a808a\" fill-opacity=\"0.12\"/>
<text class=\"quadrant\" x=\"359.9\" y=\"474.0\" font-size=\"17.0\" font-weight=\"bold\" fill=\"#7a808a\">RATIONALIZE</text>
";
    assert_eq!(chart.svg, want, "four quarters of the plot, each named");
}

#[test]
fn the_axes_have_a_grid_ticks_titles_and_the_dividers() {
    let mut chart = chart_at(0.5);
    let geometry = ChartGeometry::new(&two(), today());
    chart.axes(&geometry, PLOT);
    // Scores 1 to 5 at 143.5 + 177 k across and 436.5 - 87 k down.
    let mut want = String::new();
    for (tick, x, y, text_y) in [
        (1, "143.5", "436.5", "440.4"),
        (2, "320.5", "349.5", "353.4"),
        (3, "497.5", "262.5", "266.4"),
        (4, "674.5", "175.5", "179.3"),
        (5, "851.5", "88.5", "92.3"),
    ] {
        let _ = write!(
            want,
            "<line x1=\"{x}\" y1=\"45.0\" x2=\"{x}\" y2=\"480.0\" stroke=\"#dcdcdc\" stroke-width=\"1\"/>\n\
             <line x1=\"55.0\" y1=\"{y}\" x2=\"940.0\" y2=\"{y}\" stroke=\"#dcdcdc\" stroke-width=\"1\"/>\n\
             <text x=\"{x}\" y=\"494.0\" font-size=\"11.0\" text-anchor=\"middle\" fill=\"#5a5a5a\">{tick}</text>\n\
             <text x=\"49.0\" y=\"{text_y}\" font-size=\"11.0\" text-anchor=\"end\" fill=\"#5a5a5a\">{tick}</text>\n"
        );
    }
    want.push_str(
        "<text class=\"axis-title\" x=\"497.5\" y=\"511.0\" font-size=\"11.0\" text-anchor=\"middle\" \
         fill=\"#1b1b1b\">Differentiation (product advantage of tailoring)</text>\n\
         <text class=\"axis-title\" x=\"22.5\" y=\"262.5\" font-size=\"11.0\" text-anchor=\"middle\" \
         fill=\"#1b1b1b\" transform=\"rotate(-90 22.5 262.5)\">Centralization pull (reuse, cost, risk)</text>\n\
         <line x1=\"497.5\" y1=\"45.0\" x2=\"497.5\" y2=\"480.0\" stroke=\"#444444\" stroke-width=\"1.0\"/>\n\
         <line x1=\"55.0\" y1=\"262.5\" x2=\"940.0\" y2=\"262.5\" stroke=\"#444444\" stroke-width=\"1.0\"/>\n",
    );
    assert_eq!(
        chart.svg, want,
        "grid, ticks, titles, dividers 2 design px wide"
    );
}

#[test]
fn chart_values_map_onto_the_plot_with_pull_growing_upwards() {
    let to = to_image(ScreenRect {
        x: 100.0,
        y: 50.0,
        w: 400.0,
        h: 300.0,
    });
    // The axes run from 0.5 to 5.5: 80 px a point across, 60 up.
    for (x, y, want, what) in [
        (0.5, 0.5, [100.0, 350.0], "the bottom left corner"),
        (5.5, 5.5, [500.0, 50.0], "the top right corner"),
        (2.0, 4.0, [220.0, 140.0], "differentiation 2, pull 4"),
    ] {
        let [px, py] = to(x, y);
        assert!(
            (px - want[0]).abs() < 1e-9 && (py - want[1]).abs() < 1e-9,
            "{what}: {px}, {py}"
        );
    }
}

#[test]
fn text_is_as_wide_as_the_fonts_advances_or_six_tenths_of_the_size_a_glyph_it_lacks() {
    let measure = Measure::new();
    let w = measure.width("W", 20.0);
    assert!(
        (w - 19.775_390_625).abs() < 1e-9,
        "DejaVu Sans' W at 20 px: {w}"
    );
    assert!(
        (measure.width("WW", 20.0) - 2.0 * w).abs() < 1e-9,
        "advances add up"
    );
    assert!(
        (text_width("W", 20.0) - w).abs() < 1e-12,
        "text_width measures alike"
    );
    // A private-use character: not in the font.
    assert!(
        (measure.width("\u{e000}W", 10.0) - (6.0 + w / 2.0)).abs() < 1e-9,
        "a missing glyph counts 0.6 of the size"
    );
    let fontless = Measure { font: None };
    assert!(
        (fontless.width("abc", 10.0) - 18.0).abs() < 1e-9,
        "without the font, 0.6 of the size a character"
    );
}

#[test]
fn markup_is_escaped_control_characters_blanked_and_colours_written_in_hex() {
    assert_eq!(
        escape_xml("a<b>&\"c\"'d'\tе\u{7}\n"),
        "a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos; е  ",
        "markup escaped, controls blanked, the rest kept"
    );
    assert_eq!(hex([0x12, 0xab, 0x05]), "#12ab05", "two hex digits each");
}
