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
use super::label_placer::{Placer, crowded_first, same_spot};
use super::shared_spots::spread_rings;

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
    pub(super) fn around(centre: [f64; 2], radius: f64) -> Self {
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
    let named = |give_up| {
        let (spread, spots) = spread_rings(geometry, &stacked, scene);
        names(geometry, spread, spots, scene, give_up)
    };
    let mut labels = if points.len() > MAX_LABELLED {
        unlabelled(stacked, scene)
    } else {
        match mode {
            LabelMode::Names => named(None),
            LabelMode::Numbers => numbers(geometry, stacked.clone(), scene),
            LabelMode::Auto => {
                let named = named(Some(AUTOMATIC));
                if named.left_out == 0 {
                    named
                } else {
                    numbers(geometry, stacked.clone(), scene)
                }
            }
        }
    };
    labels.callout = callout_for(geometry, &labels, selected, scene);
    labels
}

/// The callout of `selected` (a point index) on `labels`, laid out for it
/// without one: exactly what [`layout_labels`] adds for a selection, so a
/// layout kept while the selection changes only needs this again.
#[must_use]
pub fn callout_for(
    geometry: &ChartGeometry,
    labels: &ChartLabels,
    selected: Option<usize>,
    scene: &LabelScene<'_>,
) -> Option<(usize, PlacedText)> {
    let i = selected.filter(|&i| i < geometry.points.len() && i < labels.labels.len())?;
    callout(geometry, labels, i, scene)
}

/// Whether every name finds room, tried as [`LabelMode::Auto`] tries them
/// (so exactly when `layout_labels` in that mode would not number the
/// chart), without laying out the numbers when they do not: the screen
/// asks this of the plot as it would be without the index, to know when
/// to drop the index again.
#[must_use]
pub fn names_fit(geometry: &ChartGeometry, scene: &LabelScene<'_>) -> bool {
    let points = &geometry.points;
    if points.len() > MAX_LABELLED {
        return true;
    }
    let stacked: Vec<[f64; 2]> = points
        .iter()
        .map(|p| (scene.to_screen)(p.differentiation, p.pull))
        .collect();
    let (spread, spots) = spread_rings(geometry, &stacked, scene);
    names(geometry, spread, spots, scene, Some(AUTOMATIC)).left_out == 0
}

/// Too many dots to name: each at its true spot, capabilities with equal
/// scores stacked as one inside the faint disc of a shared spot. Spread
/// apart, thousands sharing a spot would form rings wider than a quadrant
/// and carry dots across its dividers.
fn unlabelled(dots: Vec<[f64; 2]>, scene: &LabelScene<'_>) -> ChartLabels {
    let mut counts: crate::model::FastHashMap<(u64, u64), usize> =
        crate::model::fast_map(dots.len());
    let key = |p: &[f64; 2]| (p[0].to_bits(), p[1].to_bits());
    for dot in &dots {
        *counts.entry(key(dot)).or_default() += 1;
    }
    let mut spots = Vec::new();
    for dot in &dots {
        // One disc per shared spot, where its first capability is.
        if let Some(count) = counts.get_mut(&key(dot))
            && *count > 1
        {
            *count = 0;
            spots.push(Spot::around(*dot, scene.dot_radius + 4.0));
        }
    }
    ChartLabels {
        numbered: false,
        labels: vec![None; dots.len()],
        dots,
        spots,
        left_out: 0,
        callout: None,
    }
}

/// When named placement gives up: once more names than `after` found no
/// place in one try, or as soon as one name finds no place even on a
/// chart with no other label, when `prove` is set. A label only ever
/// loses places to the labels already placed (each place beside a dot or
/// at the end of a leader must be clear of them, and nothing else
/// changes), so a name with no place alone has none in any order: every
/// try would leave it out. On a crowded chart this is the first name
/// tried, where without it eight more would search every ring of leaders
/// before giving up. `prove: false` is for the tests that check it never
/// changes the answer.
#[derive(Clone, Copy, Debug)]
struct GiveUp {
    after: usize,
    prove: bool,
}

/// How automatic labelling gives up on names.
const AUTOMATIC: GiveUp = GiveUp {
    after: HOPELESS,
    prove: true,
};

/// Names beside their dots; those that find no place under the rules are
/// left out and counted. With `give_up`, it stops as [`GiveUp`] says (the
/// count left out is then at least one, not exact).
fn names(
    geometry: &ChartGeometry,
    dots: Vec<[f64; 2]>,
    spots: Vec<Spot>,
    scene: &LabelScene<'_>,
    give_up: Option<GiveUp>,
) -> ChartLabels {
    let points = &geometry.points;
    // Each name as long as it may be, then shorter (never below a few
    // letters), for when that is what lets it stand by its dot.
    // Worked out when first needed: a crowded chart gives up on names
    // after a few, and measuring is most of the cost.
    let texts: Vec<std::cell::OnceCell<Vec<(String, f64)>>> =
        vec![std::cell::OnceCell::new(); points.len()];
    let tries = |i: usize| {
        texts[i].get_or_init(|| {
            let name = points[i].name();
            let (text, width) = shorten(name, scene.max_name_width, scene.measure);
            let shorter = [0.75, 0.5]
                .map(|f| shorten(name, width * f, scene.measure))
                .into_iter()
                .filter(|(t, _)| t.chars().count() > SHORTEST);
            std::iter::once((text, width)).chain(shorter).collect()
        })
    };
    let homes = geometry.label_homes(scene.to_screen);
    // Greedy placement depends on the order: a name that found no room is
    // placed first in another try, up to `TRIES` orders; the best is kept.
    let place = |placer: &mut Placer<'_>, i: usize| {
        tries(i).iter().find_map(|(text, width)| {
            let size = [width + 2.0 * scene.padding, scene.line_height];
            placer
                .place(&[i], size, homes.get(i), scene.line_height * 4.0)
                .map(|(rect, leader)| PlacedText {
                    text: text.clone(),
                    rect,
                    leader,
                })
        })
    };
    // A placer with no label, for trying a name alone (kept while it
    // stays empty).
    let mut empty: Option<Placer<'_>> = None;
    let mut order = crowded_first(&dots, scene.line_height * 3.0);
    let mut best: Option<(usize, Vec<Option<PlacedText>>)> = None;
    for _ in 0..TRIES {
        let mut placer = Placer::new(&dots, scene);
        let mut labels = vec![None; points.len()];
        let mut failed = Vec::new();
        let mut placed_so_far = 0;
        let mut impossible = false;
        for &i in &order {
            match place(&mut placer, i) {
                Some(label) => {
                    labels[i] = Some(label);
                    placed_so_far += 1;
                }
                None => {
                    failed.push(i);
                    if give_up.is_some_and(|g| g.prove) {
                        impossible = placed_so_far == 0 || {
                            let alone = empty.get_or_insert_with(|| Placer::new(&dots, scene));
                            let found = place(alone, i).is_some();
                            if found {
                                empty = None;
                            }
                            !found
                        };
                    }
                }
            }
            if impossible || give_up.is_some_and(|g| failed.len() > g.after) {
                break;
            }
        }
        let hopeless = impossible || give_up.is_some_and(|g| failed.len() > g.after);
        let done = failed.is_empty() || hopeless;
        if best.as_ref().is_none_or(|(left, _)| failed.len() < *left) {
            best = Some((failed.len(), labels));
        }
        if done {
            break;
        }
        order.retain(|i| !failed.contains(i));
        order.splice(0..0, failed);
    }
    let (left_out, labels) = best.unwrap_or_else(|| (points.len(), vec![None; points.len()]));
    ChartLabels {
        numbered: false,
        dots,
        spots,
        labels,
        left_out,
        callout: None,
    }
}

/// A name is shortened to make it fit only while it keeps more than this many
/// characters (ellipsis included): this many or fewer no longer say which capability it is.
const SHORTEST: usize = 8;

/// How many orders named placement tries before it settles for the best.
const TRIES: usize = 4;

/// Automatic labelling gives up on names once this many found no place in
/// one try: another order rescues a name or two, never this many, and
/// numbers will be shown anyway. This keeps the frame that shows an edit
/// from trying every name four times on a crowded chart.
const HOPELESS: usize = 8;

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
            .unwrap_or_else(|| placer.force(stack, size, None));
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
        .is_some_and(|l| !labels.numbered && l.text == point.name());
    if whole {
        return None;
    }
    let text = if labels.numbered {
        format!("{} {}", point.number, point.name())
    } else {
        point.name().to_owned()
    };
    let size = [
        (scene.measure)(&text) + 2.0 * scene.padding,
        scene.line_height,
    ];
    let mut placer = Placer::new(&labels.dots, scene);
    for label in labels.labels.iter().flatten() {
        placer.keep(label.rect, label.leader);
    }
    let home = geometry.home_of(point, scene.to_screen);
    let group: Vec<usize> = (0..labels.dots.len())
        .filter(|&j| same_spot(labels.dots[j], labels.dots[i]))
        .collect();
    let (rect, leader) = placer
        .place(&group, size, Some(&home), scene.line_height * 6.0)
        .unwrap_or_else(|| {
            let beside = labels.labels[i].as_ref().filter(|l| l.leader.is_none());
            placer.force(&group, size, beside.map(|l| &l.rect))
        });
    Some((i, PlacedText { text, rect, leader }))
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

#[cfg(test)]
mod tests;
