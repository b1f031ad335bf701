//! What the tests of `chart_image.rs` and of `svg_parts.rs` draw on: an
//! empty chart at a scale of the 1920x1080 design, and scored capabilities.

use super::{ImageTheme, Measure, Sizes, SvgChart};
use crate::export::ChartGeometry;
use crate::model::{Capability, Date, Portfolio, Score};

pub(super) fn today() -> Date {
    Date::from_ymd(2026, 11, 27).expect("a real date")
}

/// An empty chart drawn at `s` times the design size, light.
pub(super) fn chart_at(s: f64) -> SvgChart {
    SvgChart {
        svg: String::new(),
        quadrants: ChartGeometry::new(&Portfolio::new("p"), today()).quadrants,
        colors: ImageTheme::Light.colors(),
        sizes: Sizes {
            s,
            font: 22.0 * s,
            label_font: 19.0 * s,
            title_font: 34.0 * s,
            quadrant_font: 34.0 * s,
            radius: 10.0 * s,
            width: 1920.0 * s,
            height: 1080.0 * s,
        },
        measure: Measure::new(),
        raster: false,
    }
}

/// A capability scored `reuse`, `cost`, `risk`, `differentiation`.
pub(super) fn scored(
    id: &str,
    name: &str,
    [reuse, cost, risk, differentiation]: [u8; 4],
) -> Capability {
    let mut capability = Capability::new(id, name);
    capability.scores.reuse = Score::new(reuse);
    capability.scores.cost = Score::new(cost);
    capability.scores.risk = Score::new(risk);
    capability.scores.differentiation = Score::new(differentiation);
    capability
}
