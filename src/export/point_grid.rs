//! A flat grid over the plot for the label placer: which dots, labels and
//! leaders are near a spot, without looking at every one.

use super::chart_geometry::ScreenRect;

/// A uniform grid over a bounded area, to find the points (or boxes)
/// near a spot without looking at every one. Cells are a flat vector, so
/// a lookup hashes nothing; anything outside the area is kept in the
/// nearest edge cell, and a query is clamped the same way, so it still
/// finds a superset of what is near.
pub(super) struct Grid {
    cell: f64,
    origin: [f64; 2],
    columns: usize,
    rows: usize,
    pub(super) cells: Vec<Vec<usize>>,
}

/// At most this many cells a side: the grid's memory stays bounded
/// whatever the plot's size (a huge export gets bigger cells).
const MAX_CELLS_A_SIDE: f64 = 256.0;

impl Grid {
    /// An empty grid over `area` with cells about `cell` wide.
    pub(super) fn over(area: &ScreenRect, cell: f64) -> Self {
        let (w, h) = (area.w.max(0.0), area.h.max(0.0));
        let cell = [cell, w / MAX_CELLS_A_SIDE, h / MAX_CELLS_A_SIDE, 1.0]
            .into_iter()
            .filter(|c| c.is_finite())
            .fold(1.0, f64::max);
        // Saturating casts: NaN becomes 0, huge values the maximum.
        let columns = ((w / cell).floor() as usize).saturating_add(1);
        let rows = ((h / cell).floor() as usize).saturating_add(1);
        Self {
            cell,
            origin: [area.x, area.y],
            columns,
            rows,
            cells: vec![Vec::new(); columns.saturating_mul(rows)],
        }
    }

    /// A grid holding `points` by index.
    pub(super) fn of_points(points: &[[f64; 2]], cell: f64, area: &ScreenRect) -> Self {
        let mut grid = Self::over(area, cell);
        for (i, p) in points.iter().enumerate() {
            let (x, y) = grid.cell_of(*p);
            grid.cells[y * grid.columns + x].push(i);
        }
        grid
    }

    /// The cell `p` falls in, clamped to the grid.
    fn cell_of(&self, p: [f64; 2]) -> (usize, usize) {
        let column = ((p[0] - self.origin[0]) / self.cell).floor().max(0.0) as usize;
        let row = ((p[1] - self.origin[1]) / self.cell).floor().max(0.0) as usize;
        (column.min(self.columns - 1), row.min(self.rows - 1))
    }

    /// Records `index` in every cell `rect` touches.
    pub(super) fn insert(&mut self, index: usize, rect: &ScreenRect) {
        let (x0, y0) = self.cell_of([rect.x, rect.y]);
        let (x1, y1) = self.cell_of([rect.x + rect.w, rect.y + rect.h]);
        for y in y0..=y1 {
            for x in x0..=x1 {
                self.cells[y * self.columns + x].push(index);
            }
        }
    }

    /// Indices of the points in the cells within `reach` of `p` (a superset
    /// of those within `reach`).
    pub(super) fn near(&self, p: [f64; 2], reach: f64) -> impl Iterator<Item = usize> + '_ {
        self.in_box(ScreenRect {
            x: p[0] - reach,
            y: p[1] - reach,
            w: 2.0 * reach,
            h: 2.0 * reach,
        })
    }

    /// Indices recorded in the cells that `rect` touches (a box spanning
    /// several cells may come more than once).
    pub(super) fn in_box(&self, rect: ScreenRect) -> impl Iterator<Item = usize> + '_ {
        let (x0, y0) = self.cell_of([rect.x, rect.y]);
        let (x1, y1) = self.cell_of([rect.x + rect.w, rect.y + rect.h]);
        (y0..=y1)
            .flat_map(move |y| (x0..=x1).map(move |x| y * self.columns + x))
            .flat_map(|i| self.cells[i].iter().copied())
    }
}
