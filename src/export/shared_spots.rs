//! Where capabilities with equal scores are drawn: a column of touching
//! dots through their shared spot, or rings around it for bigger groups,
//! never across a quadrant divider or out of the plot.

use super::chart_geometry::{ChartGeometry, ScreenRect};
use super::chart_labels::{LabelScene, Spot};
use super::label_placer::same_spot;
use crate::model::is_high;

/// Capabilities with equal scores, spread in a tight ring of touching dots
/// around their shared spot, never across a quadrant divider or out of
/// the plot; and each shared spot with the radius of its faint disc.
pub(super) fn spread_rings(
    geometry: &ChartGeometry,
    stacked: &[[f64; 2]],
    scene: &LabelScene<'_>,
) -> (Vec<[f64; 2]>, Vec<Spot>) {
    let r = scene.dot_radius;
    let gap = 2.0 * r + 3.0;
    let t = geometry.threshold;
    let [tx, ty] = (scene.to_screen)(t, t);
    let area = scene.area;
    let mut dots = stacked.to_vec();
    let mut spots = Vec::new();
    let mut groups: crate::model::FastHashMap<(i64, i64), Vec<usize>> = crate::model::fast_map(0);
    let mut keys = Vec::new();
    for (i, p) in stacked.iter().enumerate() {
        let key = ((p[0] * 4.0).round() as i64, (p[1] * 4.0).round() as i64);
        let members = groups.entry(key).or_default();
        if members.is_empty() {
            keys.push(key);
        }
        members.push(i);
    }
    // The biggest groups first: they need the most room. What is already
    // fixed (single dots, groups laid out) and the spots of groups still
    // to come are in the way of a column.
    keys.sort_by_key(|k| std::cmp::Reverse(groups[k].len()));
    let mut fixed: Vec<[f64; 2]> = keys.iter().map(|k| stacked[groups[k][0]]).collect();
    for key in keys {
        let members = &groups[&key];
        if members.len() < 2 {
            continue;
        }
        let [cx, cy] = stacked[members[0]];
        let point = &geometry.points[members[0]];
        let reach = ring_offsets(members.len(), gap, 0, 0)
            .iter()
            .map(|(x, y)| x.hypot(*y))
            .fold(0.0, f64::max)
            + r;
        // Which way the ring may grow on each axis: away from a divider
        // it must not cross, and from the plot's edges.
        let towards =
            |low_room: f64, high_room: f64, need: f64| match (low_room < need, high_room < need) {
                (true, false) => 1,
                (false, true) => -1,
                _ => 0,
            };
        // Sideways, names need room too: a ring by the plot's edge grows
        // away from it, so each name has space on the open side.
        let sideways = reach + scene.max_name_width * 0.6;
        let (left, right) = if is_high(point.differentiation, t) {
            (cx - tx, area.x + area.w - cx)
        } else {
            (cx - area.x, tx - cx)
        };
        // Screen y grows downwards: high pull stays above the divider.
        let (up, down) = if is_high(point.pull, t) {
            (cy - area.y, ty - cy)
        } else {
            (cy - ty, area.y + area.h - cy)
        };
        let mut x_direction = towards(left, right, reach);
        if x_direction == 0 {
            x_direction = towards(cx - area.x, area.x + area.w - cx, sideways);
        }
        // A few stand in a column through their spot, each name right
        // beside its dot as in a list; more form rings around it.
        let pitch = gap.max(scene.line_height + 2.0);
        let column = (members.len() as f64 - 1.0) * pitch;
        if members.len() <= MAX_COLUMN {
            // Room above and below before a divider, an edge or another
            // dot in line.
            let in_line = fixed
                .iter()
                .filter(|o| (o[0] - cx).abs() < gap && !same_spot(**o, [cx, cy]));
            let mut above = up - r;
            let mut below = down - r;
            for o in in_line {
                if o[1] < cy {
                    above = above.min(cy - o[1] - gap);
                } else {
                    below = below.min(o[1] - cy - gap);
                }
            }
            let half = column / 2.0;
            let top = if above >= half && below >= half {
                cy - half
            } else if above >= column && above >= below {
                cy - column
            } else if below >= column {
                cy
            } else if above >= column {
                cy - column
            } else {
                // Neither side has room for half: from the middle, move
                // away from the side that is short (down when above is,
                // up when below is), leaning towards the roomier one.
                cy - half + (half - above.max(0.0)).max(0.0) - (half - below.max(0.0)).max(0.0)
            };
            for (k, &i) in members.iter().enumerate() {
                dots[i] = [cx, top + k as f64 * pitch];
                fixed.push(dots[i]);
            }
            let pad = r + 4.0;
            spots.push(Spot {
                at: [cx, cy],
                rect: ScreenRect {
                    x: cx - pad,
                    y: top - pad,
                    w: 2.0 * pad,
                    h: column + 2.0 * pad,
                },
                radius: pad,
            });
            continue;
        }
        let offsets = ring_offsets(members.len(), gap, x_direction, towards(up, down, reach));
        let mut extent: f64 = 0.0;
        for (&i, (dx, dy)) in members.iter().zip(&offsets) {
            dots[i] = [cx + dx, cy + dy];
            fixed.push(dots[i]);
            extent = extent.max(dx.hypot(*dy));
        }
        spots.push(Spot::around([cx, cy], extent + r + 4.0));
    }
    (dots, spots)
}

/// Up to this many capabilities with equal scores stand in a column.
const MAX_COLUMN: usize = 6;

/// Offsets for `count` touching dots (`gap` apart, centre to centre) on
/// rings around a spot, only towards the allowed side on each axis (-1,
/// 1, or 0 for both; screen y down).
fn ring_offsets(count: usize, gap: f64, x_direction: i8, y_direction: i8) -> Vec<(f64, f64)> {
    use std::f64::consts::{FRAC_PI_2, PI, TAU};
    let (start, span) = match (x_direction, y_direction) {
        (0, 0) => (0.0, TAU),
        (1, 0) => (-FRAC_PI_2, PI),
        (-1, 0) => (FRAC_PI_2, PI),
        (0, 1) => (0.0, PI),
        (0, _) => (PI, PI),
        (1, 1) => (0.0, FRAC_PI_2),
        (-1, 1) => (FRAC_PI_2, FRAC_PI_2),
        (-1, _) => (PI, FRAC_PI_2),
        _ => (3.0 * FRAC_PI_2, FRAC_PI_2),
    };
    let full = span >= TAU - 1e-9;
    // How many fit on a ring of `radius`, and the tightest ring for `n`.
    let capacity = |radius: f64| {
        let n = if full {
            (TAU * radius / gap).floor()
        } else {
            (span * radius / gap).floor()
        };
        (n as usize).max(1)
    };
    let tightest = |n: usize| {
        let step = if full {
            PI / n as f64
        } else {
            span / (2.0 * n as f64)
        };
        if n == 1 && full {
            0.0
        } else {
            gap / (2.0 * step.sin().max(1e-6))
        }
    };
    let mut offsets = Vec::with_capacity(count);
    let mut radius: f64 = 0.0;
    while offsets.len() < count {
        let remaining = count - offsets.len();
        let least = if offsets.is_empty() {
            gap / 2.0
        } else {
            radius + gap * 0.9
        };
        let (take, ring) = if capacity(least.max(tightest(remaining))) >= remaining {
            (remaining, least.max(tightest(remaining)))
        } else {
            (capacity(least), least)
        };
        for j in 0..take {
            let fraction = if full {
                j as f64 / take as f64
            } else {
                (j as f64 + 0.5) / take as f64
            };
            let angle = start + span * fraction;
            offsets.push((ring * angle.cos(), ring * angle.sin()));
        }
        radius = ring;
    }
    offsets
}

#[cfg(test)]
mod tests;
