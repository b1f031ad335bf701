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
