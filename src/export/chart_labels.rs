//! Where the chart's names go, under rules a room can rely on:
//!
//! 1. No two labels overlap, and no label covers a dot.
//! 2. A label without a leader line sits right beside its own dot, and its
//!    own dot is the dot nearest to it.
//! 3. A leader line is short, runs from the label to its own dot, and crosses
//!    no other leader, label or dot.
//! 4. When names cannot all be placed that way, every dot gets a number
//!    instead (capabilities with the same scores share one dot and list
//!    their numbers together), and an index beside the chart names them.
//!
//! The screen and the exported images both lay out their labels here, so
//! what is projected and what is exported follow the same rules. Pure
//! geometry in screen units (pixels, y down): no egui.

use super::chart_geometry::{ChartGeometry, ScreenRect};
use crate::model::is_high;

/// How the chart names its dots.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum LabelMode {
    /// Names when every one fits beside its dot, numbers otherwise.
    #[default]
    Auto,
    /// Always names; those that cannot be placed are left out and counted.
    Names,
    /// Always numbers, with the index beside the chart.
    Numbers,
}

impl LabelMode {
    /// Every mode, in menu order.
    pub const ALL: [Self; 3] = [Self::Auto, Self::Names, Self::Numbers];

    /// The name shown in menus.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Auto => "Automatic",
            Self::Names => "Names",
            Self::Numbers => "Numbers",
        }
    }
}

/// Past this many capabilities no dot is labelled: neither names nor
/// numbers could be read. Hovering and selecting still name a dot.
pub const MAX_LABELLED: usize = 300;

/// What the labels are laid out against.
#[derive(Clone, Copy)]
pub struct LabelScene<'a> {
    /// The plot; labels stay inside it.
    pub area: ScreenRect,
    /// Boxes no label may cover (quadrant titles).
    pub obstacles: &'a [ScreenRect],
    /// Chart values (differentiation, pull) to screen pixels.
    pub to_screen: &'a dyn Fn(f64, f64) -> [f64; 2],
    /// The radius of a drawn dot.
    pub dot_radius: f64,
    /// How far from a dot's centre its marks reach (conflict ring).
    pub mark_radius: f64,
    /// The height of a label's box.
    pub line_height: f64,
    /// Names wider than this are shortened with an ellipsis.
    pub max_name_width: f64,
    /// Space between a label's box and its text, on each side.
    pub padding: f64,
    /// The width of a text at the label size.
    pub measure: &'a dyn Fn(&str) -> f64,
}

/// The faint rounded box around capabilities with equal scores: a disc
/// around a ring or a stack, a capsule around a column.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spot {
    /// The true position they share, which a column or ring is drawn
    /// around (a column may lean away from a neighbour or a divider).
    pub at: [f64; 2],
    /// Its bounds.
    pub rect: ScreenRect,
    /// The rounding of its corners (half the width: a disc or a capsule).
    pub radius: f64,
}

impl Spot {
    fn around(centre: [f64; 2], radius: f64) -> Self {
        Self {
            at: centre,
            rect: ScreenRect {
                x: centre[0] - radius,
                y: centre[1] - radius,
                w: 2.0 * radius,
                h: 2.0 * radius,
            },
            radius,
        }
    }
}

/// One text on the chart and where it goes.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedText {
    /// What is written: the (possibly shortened) name, or the number.
    pub text: String,
    /// The box the text sits in (padding included).
    pub rect: ScreenRect,
    /// The leader line from the dot's edge to the box, when it has one.
    pub leader: Option<[[f64; 2]; 2]>,
}

/// The chart's labels, for one size of plot.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartLabels {
    /// True when dots are numbered and an index names them.
    pub numbered: bool,
    /// Where each point's dot is drawn (screen), in point order. Numbered
    /// charts draw capabilities with equal scores as one stack at their
    /// true spot; named charts spread them apart.
    pub dots: Vec<[f64; 2]>,
    /// Spots shared by capabilities with equal scores: the faint rounded
    /// box drawn around their dots.
    pub spots: Vec<Spot>,
    /// Each point's label, in point order: its name, or its number; `None`
    /// when it has none (named mode without room, or too many points). On a
    /// numbered chart, capabilities on one spot share one label, "7–11",
    /// held by the first of them.
    pub labels: Vec<Option<PlacedText>>,
    /// Names that could not be placed (named mode only).
    pub left_out: usize,
    /// The selected capability's full name, when its dot does not already
    /// carry it whole: drawn over the rest, on a background.
    pub callout: Option<(usize, PlacedText)>,
}

/// Lays out the labels of `geometry` in `mode`; `selected` (a point index)
/// gets its full name in a callout when its label does not show it whole.
#[must_use]
pub fn layout_labels(
    geometry: &ChartGeometry,
    mode: LabelMode,
    selected: Option<usize>,
    scene: &LabelScene<'_>,
) -> ChartLabels {
    let points = &geometry.points;
    let stacked: Vec<[f64; 2]> = points
        .iter()
        .map(|p| (scene.to_screen)(p.differentiation, p.pull))
        .collect();
    let (spread, spots) = spread_rings(geometry, &stacked, scene);
    let mut labels = if points.len() > MAX_LABELLED {
        ChartLabels {
            numbered: false,
            dots: spread,
            spots,
            labels: vec![None; points.len()],
            left_out: 0,
            callout: None,
        }
    } else {
        match mode {
            LabelMode::Names => names(geometry, spread, spots, scene, false)
                .unwrap_or_else(|| unreachable_names(points.len())),
            LabelMode::Numbers => numbers(geometry, stacked, scene),
            LabelMode::Auto => names(geometry, spread, spots, scene, true)
                .unwrap_or_else(|| numbers(geometry, stacked, scene)),
        }
    };
    if let Some(i) = selected.filter(|&i| i < points.len()) {
        labels.callout = callout(geometry, &labels, i, scene);
    }
    labels
}

/// Only reached if named placement gave up when told not to.
fn unreachable_names(count: usize) -> ChartLabels {
    ChartLabels {
        numbered: false,
        dots: Vec::new(),
        spots: Vec::new(),
        labels: vec![None; count],
        left_out: count,
        callout: None,
    }
}

/// Names beside their dots. With `all_or_nothing`, gives up (`None`) at
/// the first name that cannot be placed under the rules.
fn names(
    geometry: &ChartGeometry,
    dots: Vec<[f64; 2]>,
    spots: Vec<Spot>,
    scene: &LabelScene<'_>,
    all_or_nothing: bool,
) -> Option<ChartLabels> {
    let points = &geometry.points;
    let texts: Vec<(String, f64)> = points
        .iter()
        .map(|p| shorten(&p.name, scene.max_name_width, scene.measure))
        .collect();
    let homes = geometry.label_homes(scene.to_screen);
    // Greedy placement depends on the order: a name that found no room is
    // placed first in another try, up to `TRIES` orders; the best is kept.
    let mut order = crowded_first(&dots, scene.line_height * 3.0);
    let mut best: Option<(usize, Vec<Option<PlacedText>>)> = None;
    for _ in 0..TRIES {
        let mut placer = Placer::new(&dots, scene);
        let mut labels = vec![None; points.len()];
        let mut failed = Vec::new();
        for &i in &order {
            // The name as long as it may be, then shorter (never below a
            // few letters) when that is what lets it stand by its dot.
            let (text, width) = &texts[i];
            let shorter = [0.75, 0.5].map(|f| shorten(&points[i].name, width * f, scene.measure));
            let tries = std::iter::once((text.clone(), *width)).chain(
                shorter
                    .into_iter()
                    .filter(|(t, _)| t.chars().count() > SHORTEST),
            );
            let mut found = None;
            for (text, width) in tries {
                let size = [width + 2.0 * scene.padding, scene.line_height];
                if let Some((rect, leader)) =
                    placer.place(&[i], size, homes.get(i), scene.line_height * 4.0)
                {
                    found = Some(PlacedText { text, rect, leader });
                    break;
                }
            }
            match found {
                Some(label) => labels[i] = Some(label),
                None => failed.push(i),
            }
        }
        let done = failed.is_empty();
        if best.as_ref().is_none_or(|(left, _)| failed.len() < *left) {
            best = Some((failed.len(), labels));
        }
        if done {
            break;
        }
        order.retain(|i| !failed.contains(i));
        order.splice(0..0, failed);
    }
    let (left_out, labels) = best?;
    if all_or_nothing && left_out > 0 {
        return None;
    }
    Some(ChartLabels {
        numbered: false,
        dots,
        spots,
        labels,
        left_out,
        callout: None,
    })
}

/// A name is not shortened below this many characters (ellipsis included)
/// to make it fit: shorter, it would no longer say which capability it is.
const SHORTEST: usize = 8;

/// How many orders named placement tries before it settles for the best.
const TRIES: usize = 4;

/// Numbers beside the dots; capabilities with equal scores share a dot and
/// their numbers sit side by side in one label.
fn numbers(geometry: &ChartGeometry, dots: Vec<[f64; 2]>, scene: &LabelScene<'_>) -> ChartLabels {
    let points = &geometry.points;
    let homes = geometry.label_homes(scene.to_screen);
    // Stacks: points drawn at the same spot, in number order.
    let mut stacks: Vec<Vec<usize>> = Vec::new();
    let mut order: Vec<usize> = (0..points.len()).collect();
    order.sort_by_key(|&i| points[i].number);
    for i in order {
        let same = |s: &Vec<usize>| {
            let [x, y] = dots[s[0]];
            (x - dots[i][0]).abs() < 0.5 && (y - dots[i][1]).abs() < 0.5
        };
        match stacks.iter_mut().find(|s| same(s)) {
            Some(stack) => stack.push(i),
            None => stacks.push(vec![i]),
        }
    }
    let mut placer = Placer::new(&dots, scene);
    let mut labels: Vec<Option<PlacedText>> = vec![None; points.len()];
    let anchors: Vec<[f64; 2]> = stacks.iter().map(|s| dots[s[0]]).collect();
    for s in crowded_first(&anchors, scene.line_height * 3.0) {
        let stack = &stacks[s];
        let text = stack_text(stack.iter().map(|&i| points[i].number));
        let size = [
            (scene.measure)(&text) + 2.0 * scene.padding,
            scene.line_height,
        ];
        let (rect, leader) = placer
            .place(stack, size, homes.get(stack[0]), scene.line_height * 5.0)
            .or_else(|| placer.place(stack, size, None, scene.line_height * 12.0))
            .or_else(|| placer.anywhere(stack, size))
            .unwrap_or_else(|| placer.force(stack, size));
        // The stack's one label goes with its first number.
        labels[stack[0]] = Some(PlacedText { text, rect, leader });
    }
    let spots = stacks
        .iter()
        .filter(|s| s.len() > 1)
        .map(|s| Spot::around(dots[s[0]], scene.dot_radius + 4.0))
        .collect();
    ChartLabels {
        numbered: true,
        dots,
        spots,
        labels,
        left_out: 0,
        callout: None,
    }
}

/// The label of capabilities stacked on one spot: their numbers, which
/// run on (equal scores are numbered one after another), as "7" or "7, 8"
/// or "7–11"; numbers that do not run on are listed.
#[must_use]
pub fn stack_text(numbers: impl IntoIterator<Item = usize>) -> String {
    let numbers: Vec<usize> = numbers.into_iter().collect();
    let runs_on = numbers.windows(2).all(|w| w[1] == w[0] + 1);
    match numbers.as_slice() {
        [] => String::new(),
        [first, .., last] if runs_on && numbers.len() > 2 => format!("{first}–{last}"),
        _ => numbers
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// The selected capability's full name, unless its label already shows it.
fn callout(
    geometry: &ChartGeometry,
    labels: &ChartLabels,
    i: usize,
    scene: &LabelScene<'_>,
) -> Option<(usize, PlacedText)> {
    let point = &geometry.points[i];
    let whole = labels.labels[i]
        .as_ref()
        .is_some_and(|l| !labels.numbered && l.text == point.name);
    if whole {
        return None;
    }
    let text = if labels.numbered {
        format!("{} {}", point.number, point.name)
    } else {
        point.name.clone()
    };
    let size = [
        (scene.measure)(&text) + 2.0 * scene.padding,
        scene.line_height,
    ];
    let mut placer = Placer::new(&labels.dots, scene);
    for label in labels.labels.iter().flatten() {
        placer.rects.push(label.rect);
        placer.leaders.extend(label.leader);
    }
    let home = geometry.home_of(point, scene.to_screen);
    let group: Vec<usize> = (0..labels.dots.len())
        .filter(|&j| same_spot(labels.dots[j], labels.dots[i]))
        .collect();
    let (rect, leader) = placer
        .place(&group, size, Some(&home), scene.line_height * 6.0)
        .unwrap_or_else(|| placer.force(&group, size));
    Some((i, PlacedText { text, rect, leader }))
}

/// Capabilities with equal scores, spread in a tight ring of touching dots
/// around their shared spot, never across a quadrant divider or out of
/// the plot; and each shared spot with the radius of its faint disc.
fn spread_rings(
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
    let mut groups: std::collections::HashMap<(i64, i64), Vec<usize>> =
        std::collections::HashMap::new();
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
                // Neither side has room: lean towards the roomier one.
                cy - half - (half - above.max(0.0)).max(0.0) + (half - below.max(0.0)).max(0.0)
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

fn same_spot(a: [f64; 2], b: [f64; 2]) -> bool {
    (a[0] - b[0]).abs() < 0.5 && (a[1] - b[1]).abs() < 0.5
}

/// `name` cut with an ellipsis to at most `max` wide, and its width.
#[must_use]
pub fn shorten(name: &str, max: f64, measure: &dyn Fn(&str) -> f64) -> (String, f64) {
    let width = measure(name);
    if width <= max {
        return (name.to_owned(), width);
    }
    let chars: Vec<char> = name.chars().collect();
    // The longest prefix that fits with the ellipsis: binary search.
    let (mut low, mut high) = (0, chars.len());
    while low < high {
        let mid = (low + high).div_ceil(2);
        let candidate: String = chars[..mid].iter().collect::<String>() + "…";
        if measure(&candidate) <= max {
            low = mid;
        } else {
            high = mid - 1;
        }
    }
    let text = chars[..low]
        .iter()
        .collect::<String>()
        .trim_end()
        .to_owned()
        + "…";
    let width = measure(&text);
    (text, width)
}

/// Point indices, those with the most neighbours within `reach` first (they
/// have the fewest free places), then in their own order.
fn crowded_first(dots: &[[f64; 2]], reach: f64) -> Vec<usize> {
    let grid = Grid::new(dots, reach);
    let neighbours: Vec<usize> = dots
        .iter()
        .map(|&d| {
            grid.near(d, reach)
                .filter(|&j| dist(dots[j], d) <= reach)
                .count()
        })
        .collect();
    let mut order: Vec<usize> = (0..dots.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(neighbours[i]));
    order
}

fn dist(a: [f64; 2], b: [f64; 2]) -> f64 {
    (a[0] - b[0]).hypot(a[1] - b[1])
}

/// The distance from `p` to the nearest point of `rect` (0 inside).
#[must_use]
pub fn rect_distance(rect: &ScreenRect, p: [f64; 2]) -> f64 {
    let dx = (rect.x - p[0]).max(p[0] - (rect.x + rect.w)).max(0.0);
    let dy = (rect.y - p[1]).max(p[1] - (rect.y + rect.h)).max(0.0);
    dx.hypot(dy)
}

/// The point of `rect` nearest to `p`.
fn nearest_in(rect: &ScreenRect, p: [f64; 2]) -> [f64; 2] {
    [
        p[0].clamp(rect.x, rect.x + rect.w),
        p[1].clamp(rect.y, rect.y + rect.h),
    ]
}

/// The distance from `p` to the segment `a`-`b`.
#[must_use]
pub fn segment_distance(a: [f64; 2], b: [f64; 2], p: [f64; 2]) -> f64 {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let length2 = dx * dx + dy * dy;
    let t = if length2 > 0.0 {
        (((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    dist([a[0] + t * dx, a[1] + t * dy], p)
}

/// True when segments `a`-`b` and `c`-`d` cross (touching ends do not count).
#[must_use]
pub fn segments_cross(a: [f64; 2], b: [f64; 2], c: [f64; 2], d: [f64; 2]) -> bool {
    let side = |p: [f64; 2], q: [f64; 2], r: [f64; 2]| {
        (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
    };
    let (d1, d2) = (side(c, d, a), side(c, d, b));
    let (d3, d4) = (side(a, b, c), side(a, b, d));
    d1 * d2 < 0.0 && d3 * d4 < 0.0
}

/// True when segment `a`-`b` passes through the inside of `rect` (grown
/// by `margin`).
#[must_use]
pub fn segment_hits_rect(a: [f64; 2], b: [f64; 2], rect: &ScreenRect, margin: f64) -> bool {
    // Liang-Barsky clipping.
    let (x0, y0) = (rect.x - margin, rect.y - margin);
    let (x1, y1) = (rect.x + rect.w + margin, rect.y + rect.h + margin);
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let mut t0: f64 = 0.0;
    let mut t1: f64 = 1.0;
    for (p, q) in [
        (-dx, a[0] - x0),
        (dx, x1 - a[0]),
        (-dy, a[1] - y0),
        (dy, y1 - a[1]),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return false;
            }
        } else {
            let r = q / p;
            if p < 0.0 {
                t0 = t0.max(r);
            } else {
                t1 = t1.min(r);
            }
        }
    }
    t1 - t0 > 1e-6
}

/// A uniform grid over points, to find those near a spot without looking
/// at every one.
struct Grid {
    cell: f64,
    cells: std::collections::HashMap<(i64, i64), Vec<usize>>,
}

impl Grid {
    fn new(points: &[[f64; 2]], cell: f64) -> Self {
        let cell = cell.max(1.0);
        let mut cells: std::collections::HashMap<(i64, i64), Vec<usize>> =
            std::collections::HashMap::new();
        for (i, p) in points.iter().enumerate() {
            cells
                .entry(((p[0] / cell).floor() as i64, (p[1] / cell).floor() as i64))
                .or_default()
                .push(i);
        }
        Self { cell, cells }
    }

    /// Indices of the points in the cells within `reach` of `p` (a superset
    /// of those within `reach`).
    fn near(&self, p: [f64; 2], reach: f64) -> impl Iterator<Item = usize> + '_ {
        self.in_box(ScreenRect {
            x: p[0] - reach,
            y: p[1] - reach,
            w: 2.0 * reach,
            h: 2.0 * reach,
        })
    }

    /// Indices of the points in the cells that `rect` touches.
    fn in_box(&self, rect: ScreenRect) -> impl Iterator<Item = usize> + '_ {
        let c0 = (
            (rect.x / self.cell).floor() as i64,
            (rect.y / self.cell).floor() as i64,
        );
        let c1 = (
            ((rect.x + rect.w) / self.cell).floor() as i64,
            ((rect.y + rect.h) / self.cell).floor() as i64,
        );
        (c0.0..=c1.0)
            .flat_map(move |x| (c0.1..=c1.1).map(move |y| (x, y)))
            .filter_map(|key| self.cells.get(&key))
            .flatten()
            .copied()
    }
}

/// Places label boxes one at a time so that the rules hold between every
/// label placed so far, every dot and the obstacles.
struct Placer<'a> {
    dots: &'a [[f64; 2]],
    grid: Grid,
    scene: &'a LabelScene<'a>,
    rects: Vec<ScreenRect>,
    leaders: Vec<[[f64; 2]; 2]>,
}

/// Space kept between a label and anything it must not touch.
const CLEARANCE: f64 = 1.0;

impl<'a> Placer<'a> {
    fn new(dots: &'a [[f64; 2]], scene: &'a LabelScene<'a>) -> Self {
        Self {
            dots,
            grid: Grid::new(dots, (scene.line_height * 2.0).max(8.0)),
            scene,
            rects: Vec::new(),
            leaders: Vec::new(),
        }
    }

    /// How far a label stands off its dot's centre when beside it.
    fn standoff(&self) -> f64 {
        self.scene.mark_radius + 2.0
    }

    /// A place for a box of `size` belonging to the dot of `own` (several
    /// indices when they share one spot): beside it, or else with a leader
    /// of at most `max_leader`. Records and returns it, or `None`.
    fn place(
        &mut self,
        own: &[usize],
        size: [f64; 2],
        home: Option<&ScreenRect>,
        max_leader: f64,
    ) -> Option<(ScreenRect, Option<[[f64; 2]; 2]>)> {
        let centre = self.dots[own[0]];
        let [w, h] = size;
        let [px, py] = centre;
        let g = self.standoff();
        let in_home = |r: &ScreenRect| home.is_none_or(|home| r.overlap(home) >= r.w * r.h - 1e-6);
        // Beside the dot: right, left, above, below, the four corners, and
        // the sides shifted along.
        let d = g * std::f64::consts::FRAC_1_SQRT_2;
        let beside = [
            (px + g, py - h / 2.0),
            (px - g - w, py - h / 2.0),
            (px + d, py - d - h),
            (px + d, py + d),
            (px - d - w, py - d - h),
            (px - d - w, py + d),
            (px - w / 2.0, py - g - h),
            (px - w / 2.0, py + g),
            (px + g, py - h + 2.0),
            (px + g, py - 2.0),
            (px - g - w, py - h + 2.0),
            (px - g - w, py - 2.0),
            (px - 4.0, py - g - h),
            (px - w + 4.0, py - g - h),
            (px - 4.0, py + g),
            (px - w + 4.0, py + g),
        ];
        let mut fallback = None;
        for (x, y) in beside {
            let rect = ScreenRect { x, y, w, h };
            if self.clear(&rect) && self.nearest_is_own(&rect, own) {
                if in_home(&rect) {
                    return Some(self.keep(rect, None));
                }
                fallback = fallback.or(Some(rect));
            }
        }
        if let Some(rect) = fallback {
            return Some(self.keep(rect, None));
        }
        // Further out, with a leader line.
        let step = (h * 0.75).max(self.scene.dot_radius);
        let mut best: Option<(f64, ScreenRect, [[f64; 2]; 2])> = None;
        let mut ring = 1.0;
        while g + ring * step <= g + max_leader {
            let reach = g + ring * step;
            for k in 0..16 {
                let angle = f64::from(k) * std::f64::consts::TAU / 16.0;
                let (ux, uy) = (angle.cos(), angle.sin());
                let sx = if ux.abs() > 0.38 { ux.signum() } else { 0.0 };
                let sy = if uy.abs() > 0.38 { uy.signum() } else { 0.0 };
                let cx = px + reach * ux + sx * w / 2.0;
                let cy = py + reach * uy + sy * h / 2.0;
                let rect = ScreenRect {
                    x: cx - w / 2.0,
                    y: cy - h / 2.0,
                    w,
                    h,
                };
                let cost = ring + if in_home(&rect) { 0.0 } else { 1.5 };
                if best.as_ref().is_some_and(|(c, _, _)| *c <= cost) {
                    continue;
                }
                if !self.clear(&rect) || !self.away_from_others(&rect, own) {
                    continue;
                }
                let end = nearest_in(&rect, centre);
                let length = dist(end, centre);
                if length <= self.scene.dot_radius {
                    continue;
                }
                let start = [
                    px + (end[0] - px) / length * self.scene.dot_radius,
                    py + (end[1] - py) / length * self.scene.dot_radius,
                ];
                if self.leader_clear(start, end, own) {
                    best = Some((cost, rect, [start, end]));
                }
            }
            if best.as_ref().is_some_and(|(c, _, _)| *c <= ring + 1.0) {
                break;
            }
            ring += 1.0;
        }
        best.map(|(_, rect, leader)| self.keep(rect, Some(leader)))
    }

    /// The free place nearest the dot anywhere in the plot, with a leader
    /// that crosses nothing, for a label that found none within a short
    /// leader.
    fn anywhere(
        &mut self,
        own: &[usize],
        size: [f64; 2],
    ) -> Option<(ScreenRect, Option<[[f64; 2]; 2]>)> {
        let [width, height] = size;
        let centre = self.dots[own[0]];
        let area = self.scene.area;
        let step = (height / 2.0).max(4.0);
        let mut free: Vec<(f64, ScreenRect)> = Vec::new();
        let mut y = area.y;
        while y + height <= area.y + area.h {
            let mut x = area.x;
            while x + width <= area.x + area.w {
                let rect = ScreenRect {
                    x,
                    y,
                    w: width,
                    h: height,
                };
                if self.clear(&rect) && self.away_from_others(&rect, own) {
                    free.push((rect_distance(&rect, centre), rect));
                }
                x += step;
            }
            y += step;
        }
        free.sort_by(|a, b| a.0.total_cmp(&b.0));
        let leader_to = |rect: &ScreenRect| {
            let end = nearest_in(rect, centre);
            let length = dist(end, centre).max(1e-6);
            let r = self.scene.dot_radius;
            [
                [
                    centre[0] + (end[0] - centre[0]) / length * r,
                    centre[1] + (end[1] - centre[1]) / length * r,
                ],
                end,
            ]
        };
        let clear_leader = free.iter().find(|(_, rect)| {
            let [a, b] = leader_to(rect);
            self.leader_clear(a, b, own)
        });
        let (_, rect) = *clear_leader?;
        let leader = leader_to(&rect);
        Some(self.keep(rect, Some(leader)))
    }

    /// Right of the dot, whatever it covers: for the selected name when no
    /// place keeps the rules (it is drawn on a background).
    fn force(&mut self, own: &[usize], size: [f64; 2]) -> (ScreenRect, Option<[[f64; 2]; 2]>) {
        let [px, py] = self.dots[own[0]];
        let area = self.scene.area;
        let x = (px + self.standoff())
            .min(area.x + area.w - size[0])
            .max(area.x);
        let y = (py - size[1] / 2.0).clamp(area.y, (area.y + area.h - size[1]).max(area.y));
        self.keep(
            ScreenRect {
                x,
                y,
                w: size[0],
                h: size[1],
            },
            None,
        )
    }

    fn keep(
        &mut self,
        rect: ScreenRect,
        leader: Option<[[f64; 2]; 2]>,
    ) -> (ScreenRect, Option<[[f64; 2]; 2]>) {
        self.rects.push(rect);
        self.leaders.extend(leader);
        (rect, leader)
    }

    /// Inside the plot, clear of labels, leaders, obstacles and every dot.
    fn clear(&self, rect: &ScreenRect) -> bool {
        let area = &self.scene.area;
        if rect.x < area.x
            || rect.y < area.y
            || rect.x + rect.w > area.x + area.w
            || rect.y + rect.h > area.y + area.h
        {
            return false;
        }
        let grown = grow(rect, CLEARANCE);
        if self.rects.iter().any(|r| r.overlap(&grown) > 0.0)
            || self.scene.obstacles.iter().any(|o| o.overlap(rect) > 0.0)
        {
            return false;
        }
        let reach = self.scene.mark_radius + CLEARANCE;
        if self
            .grid
            .in_box(grow(rect, reach))
            .any(|j| rect_distance(rect, self.dots[j]) < reach)
        {
            return false;
        }
        !self
            .leaders
            .iter()
            .any(|[a, b]| segment_hits_rect(*a, *b, rect, CLEARANCE))
    }

    /// No other dot is as near to `rect` as its own.
    fn nearest_is_own(&self, rect: &ScreenRect, own: &[usize]) -> bool {
        let mine = rect_distance(rect, self.dots[own[0]]);
        let reach = mine + 2.0;
        self.grid.in_box(grow(rect, reach)).all(|j| {
            own.contains(&j)
                || same_spot(self.dots[j], self.dots[own[0]])
                || rect_distance(rect, self.dots[j]) > reach
        })
    }

    /// A label with a leader does not sit beside another dot either, where
    /// it could be read as that dot's name.
    fn away_from_others(&self, rect: &ScreenRect, own: &[usize]) -> bool {
        let reach = self.standoff() + 2.0;
        self.grid.in_box(grow(rect, reach)).all(|j| {
            own.contains(&j)
                || same_spot(self.dots[j], self.dots[own[0]])
                || rect_distance(rect, self.dots[j]) > reach
        })
    }

    /// A leader from `a` to `b` crosses no other dot, label, leader or
    /// obstacle.
    fn leader_clear(&self, a: [f64; 2], b: [f64; 2], own: &[usize]) -> bool {
        let reach = self.scene.mark_radius + CLEARANCE;
        let span = ScreenRect {
            x: a[0].min(b[0]),
            y: a[1].min(b[1]),
            w: (a[0] - b[0]).abs(),
            h: (a[1] - b[1]).abs(),
        };
        for j in self.grid.in_box(grow(&span, reach)) {
            if own.contains(&j) || same_spot(self.dots[j], self.dots[own[0]]) {
                continue;
            }
            if segment_distance(a, b, self.dots[j]) < reach {
                return false;
            }
        }
        !self.rects.iter().any(|r| segment_hits_rect(a, b, r, 0.0))
            && !self
                .scene
                .obstacles
                .iter()
                .any(|r| segment_hits_rect(a, b, r, 0.0))
            && !self
                .leaders
                .iter()
                .any(|[c, d]| segments_cross(a, b, *c, *d))
    }
}

fn grow(rect: &ScreenRect, by: f64) -> ScreenRect {
    ScreenRect {
        x: rect.x - by,
        y: rect.y - by,
        w: rect.w + 2.0 * by,
        h: rect.h + 2.0 * by,
    }
}
