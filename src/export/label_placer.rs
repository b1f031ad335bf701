//! The mechanics of label placement: a grid to find nearby dots, the
//! distance and crossing tests, and the placer that keeps every rule
//! between the labels placed so far, every dot and the obstacles.

use super::chart_geometry::ScreenRect;
use super::chart_labels::LabelScene;
use super::point_grid::Grid;

pub(super) fn same_spot(a: [f64; 2], b: [f64; 2]) -> bool {
    (a[0] - b[0]).abs() < 0.5 && (a[1] - b[1]).abs() < 0.5
}

/// Point indices, those with the most neighbours within `reach` first (they
/// have the fewest free places), then in their own order.
pub(super) fn crowded_first(dots: &[[f64; 2]], reach: f64) -> Vec<usize> {
    let grid = Grid::of_points(dots, reach, &bounds_of(dots));
    let neighbours: Vec<usize> = dots
        .iter()
        .map(|&d| {
            grid.near(d, reach)
                .filter(|&j| dist2(dots[j], d) <= reach * reach)
                .count()
        })
        .collect();
    let mut order: Vec<usize> = (0..dots.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(neighbours[i]));
    order
}

/// The smallest box holding every point (finite ones; empty when none).
fn bounds_of(points: &[[f64; 2]]) -> ScreenRect {
    let finite = points
        .iter()
        .filter(|p| p[0].is_finite() && p[1].is_finite());
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for p in finite {
        x0 = x0.min(p[0]);
        y0 = y0.min(p[1]);
        x1 = x1.max(p[0]);
        y1 = y1.max(p[1]);
    }
    if x0 > x1 {
        return ScreenRect {
            x: 0.0,
            y: 0.0,
            w: 0.0,
            h: 0.0,
        };
    }
    ScreenRect {
        x: x0,
        y: y0,
        w: x1 - x0,
        h: y1 - y0,
    }
}

/// The squared distance between two points: compared with a squared
/// reach, it spares a square root in the placer's innermost loops.
fn dist2(a: [f64; 2], b: [f64; 2]) -> f64 {
    let (dx, dy) = (a[0] - b[0], a[1] - b[1]);
    dx * dx + dy * dy
}

/// The squared distance from `p` to the nearest point of `rect`.
fn rect_distance2(rect: &ScreenRect, p: [f64; 2]) -> f64 {
    let dx = (rect.x - p[0]).max(p[0] - (rect.x + rect.w)).max(0.0);
    let dy = (rect.y - p[1]).max(p[1] - (rect.y + rect.h)).max(0.0);
    dx * dx + dy * dy
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
    segment_distance2(a, b, p).sqrt()
}

fn segment_distance2(a: [f64; 2], b: [f64; 2], p: [f64; 2]) -> f64 {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let length2 = dx * dx + dy * dy;
    let t = if length2 > 0.0 {
        (((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    dist2([a[0] + t * dx, a[1] + t * dy], p)
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

/// Places label boxes one at a time so that the rules hold between every
/// label placed so far, every dot and the obstacles.
pub(super) struct Placer<'a> {
    dots: &'a [[f64; 2]],
    grid: Grid,
    scene: &'a LabelScene<'a>,
    rects: Vec<ScreenRect>,
    leaders: Vec<[[f64; 2]; 2]>,
    /// Where the labels and leaders placed so far are, by index into
    /// `rects` and `leaders`: a new label is checked against its
    /// neighbours only.
    rect_grid: Grid,
    leader_grid: Grid,
    /// The 16 directions tried around a dot, worked out once.
    directions: [(f64, f64); 16],
}

/// Space kept between a label and anything it must not touch.
const CLEARANCE: f64 = 1.0;

impl<'a> Placer<'a> {
    pub(super) fn new(dots: &'a [[f64; 2]], scene: &'a LabelScene<'a>) -> Self {
        let cell = (scene.line_height * 2.0).max(8.0);
        Self {
            dots,
            grid: Grid::of_points(dots, cell, &scene.area),
            scene,
            rects: Vec::new(),
            leaders: Vec::new(),
            rect_grid: Grid::over(&scene.area, cell),
            leader_grid: Grid::over(&scene.area, cell),
            directions: std::array::from_fn(|k| {
                let angle = k as f64 * std::f64::consts::TAU / 16.0;
                (angle.cos(), angle.sin())
            }),
        }
    }

    /// How far a label stands off its dot's centre when beside it.
    fn standoff(&self) -> f64 {
        self.scene.mark_radius + 2.0
    }

    /// A place for a box of `size` belonging to the dot of `own` (several
    /// indices when they share one spot): beside it, or else with a leader
    /// of at most `max_leader`. Records and returns it, or `None`.
    pub(super) fn place(
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
        // The first place that is free, its dot the nearest, and in its
        // home; but one where no other dot stands within a dot's width of
        // its own distance is taken before it (a name with another dot
        // just past its end reads as that dot's too).
        let mut in_home_place = None;
        let mut fallback = None;
        for (x, y) in beside {
            let rect = ScreenRect { x, y, w, h };
            if self.clear(&rect) && self.nearest_is_own(&rect, own) {
                if in_home(&rect) {
                    if self.unmistakable(&rect, own) {
                        return Some(self.keep(rect, None));
                    }
                    in_home_place = in_home_place.or(Some(rect));
                }
                fallback = fallback.or(Some(rect));
            }
        }
        if let Some(rect) = in_home_place.or(fallback) {
            return Some(self.keep(rect, None));
        }
        // Further out, with a leader line.
        let step = (h * 0.75).max(self.scene.dot_radius);
        let mut best: Option<(f64, ScreenRect, [[f64; 2]; 2])> = None;
        let mut ring = 1.0;
        while g + ring * step <= g + max_leader {
            let reach = g + ring * step;
            for (ux, uy) in self.directions {
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
    pub(super) fn anywhere(
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

    /// Beside the dot, whatever it covers: for the selected name when no
    /// place keeps the rules (it is drawn on a background). Of the sides
    /// that stay in the plot, the one covering least: no dot of its own,
    /// then as few other dots and names, then as little of a quadrant
    /// title, as may be.
    /// `over` is where its shortened name stands, if beside the dot: the
    /// name is lengthened in place when that covers no other dot or name.
    pub(super) fn force(
        &mut self,
        own: &[usize],
        size: [f64; 2],
        over: Option<&ScreenRect>,
    ) -> (ScreenRect, Option<[[f64; 2]; 2]>) {
        let [px, py] = self.dots[own[0]];
        let area = self.scene.area;
        let [w, h] = size;
        let g = self.standoff();
        let clamp = |x: f64, y: f64| ScreenRect {
            x: x.min(area.x + area.w - w).max(area.x),
            y: y.clamp(area.y, (area.y + area.h - h).max(area.y)),
            w,
            h,
        };
        // Lengthened away from the dot: a name left of its dot keeps its
        // right edge.
        let in_place = over.map(|r| {
            if r.x + r.w <= px {
                clamp(r.x + r.w - w, r.y)
            } else {
                clamp(r.x, r.y)
            }
        });
        let sides = [
            clamp(px + g, py - h / 2.0),
            clamp(px - g - w, py - h / 2.0),
            clamp(px - w / 2.0, py - g - h),
            clamp(px - w / 2.0, py + g),
            clamp(px + g, py - g - h),
            clamp(px + g, py + g),
            clamp(px - g - w, py - g - h),
            clamp(px - g - w, py + g),
        ];
        let dot = self.scene.mark_radius;
        // What a place covers: dots and names (which it could be read as),
        // and quadrant titles.
        let covers = |rect: &ScreenRect| -> (f64, f64) {
            let dots: f64 = self
                .grid
                .in_box(grow(rect, dot))
                .filter(|&j| rect_distance(rect, self.dots[j]) < dot)
                .map(|j| {
                    if own.contains(&j) {
                        1e12
                    } else {
                        dot * dot * 4.0
                    }
                })
                .sum();
            let names: f64 = self
                .rects
                .iter()
                .filter(|r| over.is_none_or(|o| o != *r))
                .map(|r| r.overlap(rect))
                .sum();
            let titles: f64 = self.scene.obstacles.iter().map(|o| o.overlap(rect)).sum();
            (dots + names, titles)
        };
        if let Some(rect) = in_place.filter(|r| covers(r).0 <= 0.0) {
            return self.keep(rect, None);
        }
        // A name covered reads as this one's: worse than a title partly
        // hidden, which still says its quadrant.
        let cost = |rect: &ScreenRect| {
            let (blocking, titles) = covers(rect);
            blocking + titles / 4.0
        };
        // The first side of least cost: right of the dot when it is free.
        let rect = sides
            .iter()
            .map(|r| (cost(r), *r))
            .fold(None::<(f64, ScreenRect)>, |best, (c, r)| match best {
                Some((b, _)) if b <= c => best,
                _ => Some((c, r)),
            })
            .map_or(sides[0], |(_, r)| r);
        self.keep(rect, None)
    }

    /// Records a label (and its leader) that later ones must keep clear of.
    pub(super) fn keep(
        &mut self,
        rect: ScreenRect,
        leader: Option<[[f64; 2]; 2]>,
    ) -> (ScreenRect, Option<[[f64; 2]; 2]>) {
        self.rect_grid.insert(self.rects.len(), &rect);
        self.rects.push(rect);
        if let Some([a, b]) = leader {
            self.leader_grid.insert(self.leaders.len(), &span(a, b));
            self.leaders.push([a, b]);
        }
        (rect, leader)
    }

    /// The labels placed so far that may come within `by` of `rect`.
    fn rects_near(&self, rect: &ScreenRect, by: f64) -> impl Iterator<Item = &ScreenRect> {
        self.rect_grid
            .in_box(grow(rect, by))
            .map(|i| &self.rects[i])
    }

    /// The leaders placed so far that may come within `by` of `rect`.
    fn leaders_near(&self, rect: &ScreenRect, by: f64) -> impl Iterator<Item = &[[f64; 2]; 2]> {
        self.leader_grid
            .in_box(grow(rect, by))
            .map(|i| &self.leaders[i])
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
        if self
            .rects_near(rect, CLEARANCE)
            .any(|r| r.overlap(&grown) > 0.0)
            || self.scene.obstacles.iter().any(|o| o.overlap(rect) > 0.0)
        {
            return false;
        }
        let reach = self.scene.mark_radius + CLEARANCE;
        if self
            .grid
            .in_box(grow(rect, reach))
            .any(|j| rect_distance2(rect, self.dots[j]) < reach * reach)
        {
            return false;
        }
        !self
            .leaders_near(rect, CLEARANCE)
            .any(|[a, b]| segment_hits_rect(*a, *b, rect, CLEARANCE))
    }

    /// No other dot is as near to `rect` as its own.
    fn nearest_is_own(&self, rect: &ScreenRect, own: &[usize]) -> bool {
        let mine = rect_distance(rect, self.dots[own[0]]);
        self.others_beyond(rect, own, mine + 2.0)
    }

    /// No other dot is within a dot's width of being as near to `rect` as
    /// its own: the name cannot be read as a neighbour's.
    fn unmistakable(&self, rect: &ScreenRect, own: &[usize]) -> bool {
        let mine = rect_distance(rect, self.dots[own[0]]);
        self.others_beyond(rect, own, mine + 2.0 * self.scene.dot_radius)
    }

    /// A label with a leader does not sit beside another dot either, where
    /// it could be read as that dot's name.
    fn away_from_others(&self, rect: &ScreenRect, own: &[usize]) -> bool {
        self.others_beyond(rect, own, self.standoff() + 2.0)
    }

    /// Every dot but those of `own` (and any on their spot) is further than
    /// `reach` from `rect`.
    fn others_beyond(&self, rect: &ScreenRect, own: &[usize], reach: f64) -> bool {
        self.grid.in_box(grow(rect, reach)).all(|j| {
            own.contains(&j)
                || same_spot(self.dots[j], self.dots[own[0]])
                || rect_distance2(rect, self.dots[j]) > reach * reach
        })
    }

    /// A leader from `a` to `b` crosses no other dot, label, leader or
    /// obstacle.
    fn leader_clear(&self, a: [f64; 2], b: [f64; 2], own: &[usize]) -> bool {
        let reach = self.scene.mark_radius + CLEARANCE;
        let span = span(a, b);
        for j in self.grid.in_box(grow(&span, reach)) {
            if own.contains(&j) || same_spot(self.dots[j], self.dots[own[0]]) {
                continue;
            }
            if segment_distance2(a, b, self.dots[j]) < reach * reach {
                return false;
            }
        }
        !self
            .rects_near(&span, 0.0)
            .any(|r| segment_hits_rect(a, b, r, 0.0))
            && !self
                .scene
                .obstacles
                .iter()
                .any(|r| segment_hits_rect(a, b, r, 0.0))
            && !self
                .leaders_near(&span, 0.0)
                .any(|[c, d]| segments_cross(a, b, *c, *d))
    }
}

/// The box a segment spans.
fn span(a: [f64; 2], b: [f64; 2]) -> ScreenRect {
    ScreenRect {
        x: a[0].min(b[0]),
        y: a[1].min(b[1]),
        w: (a[0] - b[0]).abs(),
        h: (a[1] - b[1]).abs(),
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

#[cfg(test)]
mod tests;
