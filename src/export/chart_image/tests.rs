//! Tests of `chart_image.rs`, kept apart so the file stays under 600 lines.

use super::*;
use crate::model::{Capability, Score};
use test_scene::today;

mod drawing;

fn portfolio() -> Portfolio {
    let mut portfolio = Portfolio::new("Hostile <b>&</b> \"names\"");
    let mut evil = Capability::new("evil", "<script>alert('x')</script>");
    for q in crate::model::Question::ALL {
        evil.scores.set(q, Score::new(4));
    }
    portfolio.capabilities.push(evil.into());
    portfolio
        .capabilities
        .push(Capability::new("todo", "Unscored").into());
    portfolio
}

#[test]
fn names_are_text_never_markup() {
    let svg = chart_svg(&portfolio(), today(), 1920, 1080, ChartOptions::default()).unwrap();
    assert!(!svg.contains("<script>"));
    assert!(svg.contains("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt;"));
    assert!(svg.contains("Hostile &lt;b&gt;&amp;&lt;/b&gt; &quot;names&quot;"));
    assert!(svg.contains("1 still to score, not shown"));
}

#[test]
fn impossible_sizes_are_refused() {
    assert!(matches!(
        chart_svg(&portfolio(), today(), 0, 1080, ChartOptions::default()),
        Err(ImageError::Size(0, 1080))
    ));
    assert!(
        chart_png(
            &portfolio(),
            today(),
            20_000,
            100,
            ChartOptions {
                theme: ImageTheme::Dark,
                ..ChartOptions::default()
            }
        )
        .is_err()
    );
}

#[test]
fn text_is_measured_with_the_bundled_font() {
    let measure = Measure::new();
    assert!(measure.font.is_some());
    let narrow = measure.width("iiii", 20.0);
    let wide = measure.width("WWWW", 20.0);
    assert!(wide > narrow * 2.0, "{narrow} {wide}");
}

#[test]
fn names_no_font_can_draw_are_reported_and_the_rest_are_not() {
    let mut portfolio = portfolio();
    // A private-use character: no font draws it.
    portfolio
        .capabilities
        .push(Capability::new("private", "Private \u{e000} service").into());
    portfolio
        .capabilities
        .push(Capability::new("accents", "Données à caractère personnel").into());
    let undrawable = undrawable_names(&portfolio);
    assert_eq!(undrawable, vec!["Private \u{e000} service".to_owned()]);
}

#[test]
fn the_bundled_font_lacks_cjk_so_the_system_fonts_are_asked() {
    assert_eq!(
        missing_from_bundled(&["Zahlungsverkehr é"]),
        Vec::<char>::new()
    );
    assert_eq!(missing_from_bundled(&["認証 ok"]), vec!['証', '認']);
    let mut portfolio = portfolio();
    std::sync::Arc::make_mut(&mut portfolio.capabilities[0]).name = "認証と署名".to_owned();
    // Renders whatever fonts this machine has.
    assert!(chart_png(&portfolio, today(), 400, 300, ChartOptions::default()).is_ok());
}

#[test]
fn a_png_draws_each_stacked_drawing_once_where_it_was_last_drawn() {
    // Past the labelled limit: on one spot a commodity, a differentiator
    // and a commodity again; 400 regulated controls on another.
    let mut portfolio = Portfolio::new("p");
    let zones = [
        crate::model::Zone::Commodity,
        crate::model::Zone::Differentiator,
        crate::model::Zone::Commodity,
    ];
    for (i, zone) in zones.into_iter().enumerate() {
        let mut capability = test_scene::scored(&format!("a{i}"), "On A", [5, 5, 5, 1]);
        capability.zone = zone;
        portfolio.capabilities.push(capability.into());
    }
    for i in 0..400 {
        let mut capability = test_scene::scored(&format!("b{i}"), "On B", [1, 1, 1, 5]);
        capability.zone = crate::model::Zone::RegulatedControl;
        portfolio.capabilities.push(capability.into());
    }
    let document = |raster| {
        svg_document(
            &portfolio,
            today(),
            1920,
            1080,
            ChartOptions::default(),
            raster,
        )
        .unwrap_or_default()
    };
    let (svg, raster) = (document(false), document(true));
    let dots = |svg: &str| svg.matches("<circle class=\"dot").count();
    assert_eq!(dots(&svg), 403, "the SVG has every capability");
    assert_eq!(svg.matches("<title>").count(), 403, "each described");
    assert_eq!(dots(&raster), 3, "drawn to pixels, each drawing once");
    assert!(!raster.contains("<title>"), "no descriptions to pixels");
    // The commodity was drawn last on its spot, so it stays on top.
    let at = |zone| raster.find(&format!("stroke=\"{}\"", hex(zone_rgb(zone))));
    assert!(
        at(crate::model::Zone::Differentiator) < at(crate::model::Zone::Commodity),
        "the differentiator under the commodity: {raster}"
    );
    let png = chart_png(&portfolio, today(), 1920, 1080, ChartOptions::default());
    assert!(
        png.is_ok_and(|png| png.starts_with(b"\x89PNG")),
        "and rendered"
    );
}
