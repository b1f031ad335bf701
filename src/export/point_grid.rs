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
        // Clamped at zero first, so the cast's truncation is the floor
        // (without a call to `floor`, a tenth of the label layout); the
        // cast saturates, and NaN becomes 0.
        let column = ((p[0] - self.origin[0]) / self.cell).max(0.0) as usize;
        let row = ((p[1] - self.origin[1]) / self.cell).max(0.0) as usize;
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
    pub(super) fn in_box(&self, rect: ScreenRect) -> InBox<'_> {
        let (x0, y0) = self.cell_of([rect.x, rect.y]);
        let (x1, y1) = self.cell_of([rect.x + rect.w, rect.y + rect.h]);
        InBox {
            grid: self,
            x0,
            x1,
            y1,
            x: x0,
            y: y0,
            cell: [].iter(),
        }
    }
}

/// The indices in a box of cells, row by row: a plain loop rather than
/// nested `flat_map`s, which cost more than the checks made on what they
/// yield.
pub(super) struct InBox<'a> {
    grid: &'a Grid,
    x0: usize,
    x1: usize,
    y1: usize,
    /// The next cell to open.
    x: usize,
    y: usize,
    /// What is left of the cell opened last.
    cell: std::slice::Iter<'a, usize>,
}

impl Iterator for InBox<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        loop {
            if let Some(&i) = self.cell.next() {
                return Some(i);
            }
            if self.y > self.y1 {
                return None;
            }
            self.cell = self.grid.cells[self.y * self.grid.columns + self.x].iter();
            if self.x < self.x1 {
                self.x += 1;
            } else {
                self.x = self.x0;
                self.y += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rect(x: f64, y: f64, w: f64, h: f64) -> ScreenRect {
        ScreenRect { x, y, w, h }
    }

    /// The cells holding `index`, as (column, row).
    fn cells_holding(grid: &Grid, index: usize) -> Vec<(usize, usize)> {
        (0..grid.cells.len())
            .filter(|&i| grid.cells[i].contains(&index))
            .map(|i| (i % grid.columns, i / grid.columns))
            .collect()
    }

    #[test]
    fn cells_are_as_wide_as_asked_but_at_most_256_a_side_and_at_least_a_pixel() {
        let shape = |grid: Grid| (grid.cell, grid.columns, grid.rows, grid.cells.len());
        assert_eq!(
            shape(Grid::over(&rect(0.0, 0.0, 100.0, 50.0), 10.0)),
            (10.0, 11, 6, 66),
            "cells of 10 over 100x50, the far edges in cells of their own"
        );
        assert_eq!(
            shape(Grid::over(&rect(0.0, 0.0, 10_240.0, 100.0), 10.0)),
            (40.0, 257, 3, 771),
            "a huge area gets bigger cells: 256 across (and the edge)"
        );
        assert_eq!(
            shape(Grid::over(&rect(0.0, 0.0, 100.0, 5_120.0), 10.0)),
            (20.0, 6, 257, 1_542),
            "the same for a tall one"
        );
        assert_eq!(
            shape(Grid::over(&rect(0.0, 0.0, 3.0, 2.0), 0.25)),
            (1.0, 4, 3, 12),
            "cells are never narrower than a pixel"
        );
        assert_eq!(
            shape(Grid::over(&rect(0.0, 0.0, -5.0, f64::NAN), f64::NAN)),
            (1.0, 1, 1, 1),
            "an empty or broken area is one cell"
        );
    }

    #[test]
    fn points_land_in_their_cells_and_those_outside_in_the_nearest_edge_cell() {
        let area = rect(100.0, 200.0, 100.0, 50.0);
        let points = [
            [105.0, 205.0],
            [125.0, 245.0],
            [0.0, 0.0],
            [1_000.0, 1_000.0],
            [150.0, 0.0],
        ];
        let grid = Grid::of_points(&points, 10.0, &area);
        let placed: Vec<_> = (0..points.len()).map(|i| cells_holding(&grid, i)).collect();
        assert_eq!(
            placed,
            [
                vec![(0, 0)],
                vec![(2, 4)],
                vec![(0, 0)],
                vec![(10, 5)],
                vec![(5, 0)]
            ],
            "cells counted from the area's corner; outside, clamped to the edge"
        );
    }

    #[test]
    fn a_box_is_recorded_in_every_cell_it_touches_and_found_from_any_of_them() {
        let mut grid = Grid::over(&rect(0.0, 0.0, 100.0, 50.0), 10.0);
        grid.insert(7, &rect(15.0, 5.0, 20.0, 10.0));
        assert_eq!(
            cells_holding(&grid, 7),
            [(1, 0), (2, 0), (3, 0), (1, 1), (2, 1), (3, 1)],
            "columns 1 to 3, rows 0 and 1"
        );
        let found = |query: ScreenRect| grid.in_box(query).collect::<Vec<_>>();
        assert_eq!(
            found(rect(31.0, 12.0, 1.0, 1.0)),
            [7],
            "from its far corner"
        );
        assert_eq!(
            found(rect(41.0, 0.0, 50.0, 50.0)),
            Vec::<usize>::new(),
            "not from the cells right of it"
        );
        assert_eq!(
            found(rect(0.0, 0.0, 100.0, 50.0)).len(),
            6,
            "once per cell it is in, for a query over them all"
        );
        assert_eq!(
            grid.near([5.0, 25.0], 10.0).collect::<Vec<_>>(),
            [7],
            "within reach"
        );
        assert_eq!(
            grid.near([5.0, 35.0], 4.0).collect::<Vec<_>>(),
            Vec::<usize>::new(),
            "out of reach"
        );
    }
}
