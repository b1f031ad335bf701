//! The chart's marks as pieces kept tessellated between builds
//! (`KeptPieces`): the halos and whiskers under the dots, the dots
//! themselves (one quad each, from the disc sprites), and the ring and
//! labels over them.

use std::hash::Hash;
use std::sync::Arc;

use eframe::egui::{self, Color32, FontId, Pos2, Rect, Shape, Stroke, epaint::Mesh};
use egui_plot::PlotPoint;

use super::super::chart_sprites::{DiscSprites, Sprite};
use super::super::kept_pieces::Piece;
use super::super::{CONFLICT_COLOR, OVERDUE_COLOR, zone_color};
use super::{MarkScene, kept_texts, overdue_offset, text_galley};
use crate::export::{ChartGeometry, ChartLabels, PlacedText};
use crate::model::Decision;

/// The marks' pieces, each with how to draw it when not kept.
pub(super) type Pieces<'a> = Vec<Piece<Box<dyn FnOnce() -> Vec<Shape> + 'a>>>;

/// A piece keyed by `what` it shows, drawn by `shapes`.
fn piece<'a>(
    what: impl Hash,
    shapes: impl FnOnce() -> Vec<Shape> + 'a,
) -> Piece<Box<dyn FnOnce() -> Vec<Shape> + 'a>> {
    Piece {
        key: egui::util::hash(what),
        shapes: Box::new(shapes),
    }
}

/// `values` as bits, for a piece's key.
fn bits<const N: usize>(values: [f32; N]) -> [u32; N] {
    values.map(f32::to_bits)
}

/// The shared-spot halos and the whiskers: under the dots.
pub(super) fn line_pieces<'a>(
    geometry: &'a ChartGeometry,
    scene: &MarkScene<'a>,
    labels: &'a ChartLabels,
) -> Pieces<'a> {
    let transform = scene.transform;
    let at = |x: f64, y: f64| transform.position_from_point(&PlotPoint::new(x, y));
    let mut pieces: Pieces<'a> = Vec::new();
    // Where capabilities with equal scores share a spot: a faint disc.
    let text = scene.colors.text;
    for spot in &labels.spots {
        let b = spot.rect;
        let rect = Rect::from_min_size(
            Pos2::new(b.x as f32, b.y as f32),
            egui::vec2(b.w as f32, b.h as f32),
        );
        let rounding = spot.radius as f32;
        let y = spot.at[1] as f32;
        let what = (
            "spot",
            bits([rect.min.x, rect.min.y, rect.max.x, rect.max.y, rounding, y]),
            text,
        );
        pieces.push(piece(what, move || {
            vec![
                Shape::rect_filled(rect, rounding, text.gamma_multiply(0.07)),
                Shape::rect_stroke(
                    rect,
                    rounding,
                    Stroke::new(1.0, text.gamma_multiply(0.45)),
                    egui::StrokeKind::Middle,
                ),
                // A notch on its left marks the true spot.
                Shape::line_segment(
                    [
                        Pos2::new(rect.left() - 3.0, y),
                        Pos2::new(rect.left() + 1.5, y),
                    ],
                    Stroke::new(1.5, text.gamma_multiply(0.7)),
                ),
            ]
        }));
    }
    // Whiskers: how far apart the room's votes were, for the selected
    // capability (or every one, when asked for).
    for (point, dot) in geometry.points.iter().zip(&labels.dots) {
        let shown = scene.vote_spread || scene.selected == Some(point.id());
        if !shown {
            continue;
        }
        let (x, y) = (dot[0] as f32, dot[1] as f32);
        let color = zone_color(point.zone).gamma_multiply(0.8);
        let across = point
            .differentiation_spread
            .map(|(low, high)| [at(low, 0.0).x, at(high, 0.0).x]);
        let up = point
            .pull_spread
            .map(|(low, high)| [at(0.0, low).y, at(0.0, high).y]);
        let what = (
            "whisker",
            bits([x, y]),
            across.map(bits),
            up.map(bits),
            color,
        );
        pieces.push(piece(what, move || {
            let stroke = Stroke::new(2.5, color);
            let mut shapes = Vec::new();
            if let Some([left, right]) = across {
                shapes.push(Shape::line_segment(
                    [Pos2::new(left, y), Pos2::new(right, y)],
                    stroke,
                ));
            }
            if let Some([low, high]) = up {
                shapes.push(Shape::line_segment(
                    [Pos2::new(x, low), Pos2::new(x, high)],
                    stroke,
                ));
            }
            shapes
        }));
    }
    pieces
}

/// One quad per dot, coloured by zone (hollow while undecided), the
/// conflict rings, the amber overdue marks at their upper right (as the
/// clock on their cards) and the not-ready marks at their lower left.
pub(super) fn dot_mesh(
    geometry: &ChartGeometry,
    scene: &MarkScene<'_>,
    sprites: &DiscSprites,
    labels: &ChartLabels,
) -> Mesh {
    let mut mesh = Mesh::with_texture(sprites.texture.id());
    // Room for every quad at once: grown a quad at a time, 10,000 dots
    // copied the mesh over and over.
    let quads: usize = geometry
        .points
        .iter()
        .map(|p| {
            1 + usize::from(p.decision == Decision::Undecided)
                + usize::from(p.conflict)
                + usize::from(p.overdue)
                + usize::from(p.not_ready)
        })
        .sum();
    mesh.reserve_vertices(4 * quads);
    mesh.reserve_triangles(2 * quads);
    let mut stamp = |centre: Pos2, sprite: Sprite, color: Color32| {
        let quad = Rect::from_center_size(centre, egui::Vec2::splat(sprite.side));
        mesh.add_rect_with_uv(quad, sprite.uv, color);
    };
    let centres: Vec<(&crate::export::ChartPoint, Pos2)> = geometry
        .points
        .iter()
        .zip(&labels.dots)
        .map(|(p, d)| (p, Pos2::new(d[0] as f32, d[1] as f32)))
        .collect();
    for &(point, centre) in &centres {
        stamp(centre, sprites.dot, zone_color(point.zone));
        if point.decision == Decision::Undecided {
            stamp(centre, sprites.hole, scene.colors.background);
        }
    }
    for &(_, centre) in centres.iter().filter(|(p, _)| p.conflict) {
        stamp(centre, sprites.conflict, CONFLICT_COLOR);
    }
    let d = overdue_offset(scene.style.marker_radius);
    for &(_, centre) in centres.iter().filter(|(p, _)| p.overdue) {
        stamp(centre + egui::vec2(d, -d), sprites.overdue, OVERDUE_COLOR);
    }
    // The platform not ready: the same small mark at the lower left, in
    // the strongest text colour, so it reads against every zone.
    for &(_, centre) in centres.iter().filter(|(p, _)| p.not_ready) {
        stamp(
            centre + egui::vec2(-d, d),
            sprites.overdue,
            scene.colors.strong,
        );
    }
    mesh
}

/// The selection ring, the leaders and the labels: over the dots.
pub(super) fn ring_and_label_pieces<'a>(
    ctx: &'a egui::Context,
    geometry: &ChartGeometry,
    scene: &MarkScene<'_>,
    font: &'a FontId,
    labels: &'a ChartLabels,
) -> Pieces<'a> {
    let r = scene.style.marker_radius;
    let mut pieces: Pieces<'a> = Vec::new();
    let selected = scene
        .selected
        .and_then(|id| geometry.points.iter().position(|p| p.id() == id));
    let colors = scene.colors;
    if let Some(i) = selected {
        let [x, y] = labels.dots[i];
        let centre = Pos2::new(x as f32, y as f32);
        let ring = r + 6.0;
        let what = ("ring", bits([centre.x, centre.y, ring]), colors.strong);
        pieces.push(piece(what, move || {
            vec![Shape::circle_stroke(
                centre,
                ring,
                Stroke::new(ring / 5.0, colors.strong),
            )]
        }));
    }
    let kept = kept_texts(ctx);
    let text = |label: &'a PlacedText, color: Color32, background: bool| {
        let kept = Arc::clone(&kept);
        let b = label.rect;
        let what = (
            "label",
            &label.text,
            [b.x, b.y, b.w, b.h].map(f64::to_bits),
            label.leader.map(|l| {
                l.as_flattened()
                    .iter()
                    .map(|v| v.to_bits())
                    .collect::<Vec<_>>()
            }),
            (color, background, colors),
            font,
        );
        piece(what, move || {
            let mut shapes = Vec::new();
            let rect = Rect::from_min_size(
                Pos2::new(b.x as f32, b.y as f32),
                egui::vec2(b.w as f32, b.h as f32),
            );
            if let Some([a, end]) = label.leader {
                shapes.push(Shape::line_segment(
                    [
                        Pos2::new(a[0] as f32, a[1] as f32),
                        Pos2::new(end[0] as f32, end[1] as f32),
                    ],
                    Stroke::new(1.0, colors.text.gamma_multiply(0.55)),
                ));
            }
            if background {
                shapes.push(Shape::rect_filled(rect, 2.0, colors.background));
                shapes.push(Shape::rect_stroke(
                    rect,
                    2.0,
                    Stroke::new(1.0, colors.strong.gamma_multiply(0.6)),
                    egui::StrokeKind::Inside,
                ));
            }
            let galley = text_galley(&mut kept.lock(), ctx, font, &label.text);
            let top = rect.center().y - galley.size().y / 2.0;
            shapes.push(Shape::galley(
                Pos2::new(rect.min.x + 2.0, top),
                galley,
                color,
            ));
            shapes
        })
    };
    let callout_of = labels.callout.as_ref().map(|(i, _)| *i);
    for (i, label) in labels.labels.iter().enumerate() {
        let Some(label) = label else { continue };
        // The callout names the selected capability in full: its own label
        // (a shortened name, its number) gives way, rather than naming it
        // twice with the short one nearer the dot. Not a stack's "7–11",
        // which names the others too.
        if callout_of == Some(i)
            && (!labels.numbered || label.text == geometry.points[i].number.to_string())
        {
            continue;
        }
        let is_selected = selected == Some(i);
        let color = if is_selected {
            colors.strong
        } else {
            colors.text
        };
        pieces.push(text(label, color, is_selected && labels.callout.is_none()));
    }
    if let Some((_, callout)) = &labels.callout {
        pieces.push(text(callout, colors.strong, true));
    }
    pieces
}
