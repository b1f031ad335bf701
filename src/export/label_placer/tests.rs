//! Tests of `label_placer.rs`, kept apart so the file stays readable.

use super::*;
use crate::export::point_grid::Grid;

mod clearing;
mod forcing;
mod geometry;
mod leaders;
mod placing;

fn rect(x: f64, y: f64, w: f64, h: f64) -> ScreenRect {
    ScreenRect { x, y, w, h }
}

/// `test` run on a placer over `dots` in a 400x300 plot with `titles`.
/// Keeps `names` (without leaders) and `leaders` (each with a small box
/// in the plot's far corner) in `placer`, as labels placed before.
fn keep_all(placer: &mut Placer<'_>, names: &[ScreenRect], leaders: &[[[f64; 2]; 2]]) {
    for name in names {
        placer.keep(*name, None);
    }
    for leader in leaders {
        placer.keep(rect(390.0, 290.0, 4.0, 4.0), Some(*leader));
    }
}

fn with_placer<T>(
    dots: &[[f64; 2]],
    titles: &[ScreenRect],
    test: impl FnOnce(&mut Placer<'_>) -> T,
) -> T {
    let to_screen = |x: f64, y: f64| [x, y];
    let measure = |text: &str| 7.0 * text.chars().count() as f64;
    let scene = LabelScene {
        area: rect(0.0, 0.0, 400.0, 300.0),
        obstacles: titles,
        to_screen: &to_screen,
        dot_radius: 5.0,
        mark_radius: 8.0,
        line_height: 16.0,
        max_name_width: 200.0,
        padding: 2.0,
        measure: &measure,
    };
    let mut placer = Placer::new(dots, &scene);
    test(&mut placer)
}

#[test]
fn the_grid_finds_every_point_near_a_spot_also_outside_its_area() {
    // Points inside, around and far outside a 400x300 area, and a
    // few that are not numbers at all.
    let mut points: Vec<[f64; 2]> = (0..40)
        .flat_map(|i| {
            (0..30).map(move |j| [f64::from(i) * 13.0 - 60.0, f64::from(j) * 13.0 - 50.0])
        })
        .collect();
    points.extend([
        [1e12, -1e12],
        [f64::NAN, 5.0],
        [f64::INFINITY, 0.0],
        [-5.0, 1e9],
    ]);
    let area = rect(0.0, 0.0, 400.0, 300.0);
    let grid = Grid::of_points(&points, 32.0, &area);
    for probe in [
        [0.0, 0.0],
        [399.0, 299.0],
        [-55.0, -45.0],
        [450.0, 320.0],
        [200.0, 150.0],
        [-5.0, 1e9],
    ] {
        for reach in [1.0, 20.0, 100.0] {
            let mut found: Vec<usize> = grid.near(probe, reach).collect();
            found.sort_unstable();
            found.dedup();
            for (i, p) in points.iter().enumerate() {
                if dist2(*p, probe) <= reach * reach {
                    assert!(found.contains(&i), "{p:?} within {reach} of {probe:?}");
                }
            }
        }
    }
    // A box spanning several cells is found from each of them.
    let mut boxes = Grid::over(&area, 32.0);
    boxes.insert(0, &rect(10.0, 10.0, 200.0, 20.0));
    for x in [12.0, 100.0, 205.0] {
        assert!(
            boxes.near([x, 20.0], 1.0).any(|i| i == 0),
            "box seen from x = {x}"
        );
    }
    assert!(
        boxes.near([350.0, 250.0], 1.0).next().is_none(),
        "nothing far away"
    );
    // A huge area keeps the number of cells bounded.
    let huge = Grid::over(&rect(0.0, 0.0, 1e9, 1e9), 1.0);
    assert!(huge.cells.len() <= 257 * 257, "{} cells", huge.cells.len());
}

#[test]
fn a_forced_name_lengthens_in_place_when_it_covers_only_a_title() {
    let dots = [[100.0, 40.0]];
    let title = [rect(150.0, 30.0, 100.0, 20.0)];
    // Above the dot is free, but the name stays where it was.
    let (placed, _) = with_placer(&dots, &title, |placer| {
        let short = placer.keep(rect(110.0, 32.0, 40.0, 16.0), None).0;
        placer.force(&[0], [120.0, 16.0], Some(&short))
    });
    assert_eq!((placed.x, placed.y), (110.0, 32.0));
    // Left of its dot, it grows leftwards.
    let dots = [[300.0, 40.0]];
    let (placed, _) = with_placer(&dots, &title, |placer| {
        let short = placer.keep(rect(250.0, 32.0, 40.0, 16.0), None).0;
        placer.force(&[0], [120.0, 16.0], Some(&short))
    });
    assert_eq!((placed.x + placed.w, placed.y), (290.0, 32.0));
}

#[test]
fn a_forced_name_covers_no_other_name_when_a_side_is_free() {
    let dots = [[100.0, 100.0], [100.0, 130.0]];
    let taken = rect(110.0, 92.0, 90.0, 16.0);
    let (placed, leader) = with_placer(&dots, &[], |placer| {
        // Right of the dot is taken by another name.
        placer.keep(taken, None);
        placer.force(&[0], [60.0, 16.0], None)
    });
    assert!(leader.is_none());
    assert!(placed.overlap(&taken) <= 0.0, "{placed:?}");
    assert!(
        rect_distance(&placed, dots[0]) >= 8.0,
        "clear of its own dot"
    );
    assert!(
        rect_distance(&placed, dots[1]) >= 8.0,
        "clear of the other dot"
    );
}
