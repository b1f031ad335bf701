//! The colours of zones and recommendations, shared by the screen and the
//! exported images so both tell the same story.

use crate::model::{Recommendation, Zone};

/// A zone's colour as RGB (Okabe–Ito palette: tells apart with colour
/// blindness).
#[must_use]
pub fn zone_rgb(zone: Zone) -> [u8; 3] {
    match zone {
        Zone::Unplaced => [0x8c, 0x8c, 0x8c],
        Zone::Commodity => [0x00, 0x72, 0xb2],
        Zone::Differentiator => [0xe6, 0x9f, 0x00],
        Zone::RegulatedControl => [0xcc, 0x79, 0xa7],
    }
}

/// A recommendation's colour as RGB, for badges and quadrant shading.
#[must_use]
pub fn recommendation_rgb(recommendation: Recommendation) -> [u8; 3] {
    match recommendation {
        Recommendation::Orchestrate => [0x2f, 0x7e, 0xd8],
        Recommendation::Hybrid => [0x8e, 0x5c, 0xd8],
        Recommendation::Operate => [0xd8, 0x7a, 0x1f],
        Recommendation::Rationalize => [0x7a, 0x80, 0x8a],
    }
}

/// The colour of conflict markers.
pub const CONFLICT_RGB: [u8; 3] = [0xe0, 0x4a, 0x3a];
/// The colour of overdue markers.
pub const OVERDUE_RGB: [u8; 3] = [0xd9, 0x8e, 0x04];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zones_take_okabe_ito_colours_and_recommendations_colours_of_their_own() {
        assert_eq!(
            Zone::ALL.map(zone_rgb),
            [
                [0x8c, 0x8c, 0x8c],
                [0x00, 0x72, 0xb2],
                [0xe6, 0x9f, 0x00],
                [0xcc, 0x79, 0xa7]
            ],
            "grey for unplaced, then Okabe-Ito blue, orange and pink"
        );
        let mut colours = Recommendation::ALL.map(recommendation_rgb).to_vec();
        colours.extend(Zone::ALL.map(zone_rgb));
        colours.extend([CONFLICT_RGB, OVERDUE_RGB]);
        let count = colours.len();
        colours.sort_unstable();
        colours.dedup();
        assert_eq!(
            colours.len(),
            count,
            "no two zones, recommendations or markers share a colour"
        );
    }
}
