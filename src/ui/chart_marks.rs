//! The chart's marks: dots, rings, whiskers, leader lines and labels, drawn
//! over the plot in screen space.
//!
//! They are the bulk of a chart frame (hundreds of circles and names), and
//! they only change when the portfolio, the selection, the plot's size, the
//! theme or the fonts change. So they are tessellated once into a mesh that
//! is kept between frames and handed to egui as it is until one of those
//! changes. The labels follow the same rules as exported images
//! (`export::layout_labels`).

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use eframe::egui::{self, Color32, FontId, Galley, Pos2, Rect, Shape, Stroke, Ui, epaint::Mesh};
use egui_plot::{PlotPoint, PlotTransform};

use super::chart::ChartStyle;
use super::chart_sprites::{
    DiscSprites, OVERDUE_SCALE, Sprite, conflict_ring_radius, disc_sprites,
};
use super::kept_mesh::{AtlasStamp, KeptGalleys};
use super::kept_pieces::{KeptPieces, Piece};
use super::{CONFLICT_COLOR, OVERDUE_COLOR, zone_color};
use crate::export::{
    ChartGeometry, ChartLabels, LabelMode, LabelScene, PlacedText, ScreenRect, layout_labels,
    names_fit,
};
use crate::model::Decision;

/// Colours the marks take from the theme.
#[derive(Clone, Copy, Debug, PartialEq, Hash)]
pub struct MarkColors {
    /// Labels and thin lines.
    pub text: Color32,
    /// The selected label and ring.
    pub strong: Color32,
    /// Behind the selected label, and inside undecided dots.
    pub background: Color32,
}

/// What the marks are drawn from, besides the geometry.
#[derive(Clone, Copy, Debug)]
pub struct MarkScene<'a> {
    /// The plot's screen transform, of this frame.
    pub transform: &'a PlotTransform,
    /// Sizes.
    pub style: ChartStyle,
    /// The selected capability's id.
    pub selected: Option<&'a str>,
    /// Theme colours.
    pub colors: MarkColors,
    /// Screen boxes of the quadrant titles, which labels keep clear of.
    pub title_boxes: &'a [ScreenRect],
    /// Names, numbers, or names when they all fit.
    pub labels: LabelMode,
    /// Whiskers on every dot, not only the selected one.
    pub vote_spread: bool,
    /// The plot and its quadrant titles as they would be without the index
    /// beside it, when there is one: automatic labels try names there.
    pub without_index: Option<(&'a PlotTransform, &'a [ScreenRect])>,
}

#[derive(Clone)]
struct CachedMarks {
    key: u64,
    stamp: AtlasStamp,
    meshes: [Arc<Mesh>; 3],
    labels: Arc<ChartLabels>,
    names_fit: bool,
}

/// Paints the marks of `geometry` on `ui`'s painter, from the kept mesh when
/// nothing they show has changed. Returns the label layout, which says
/// where each dot is drawn and whether the chart is numbered, and whether
/// names would all fit without the index.
pub fn paint_marks(
    ui: &Ui,
    geometry: &ChartGeometry,
    scene: MarkScene<'_>,
) -> (Arc<ChartLabels>, bool) {
    let ctx = ui.ctx();
    let font = FontId::proportional(scene.style.label_size);
    let stamp = AtlasStamp::now(ctx);
    let sprites = disc_sprites(ctx, scene.style.marker_radius);
    let key = scene_key(geometry, &scene, &sprites);
    let id = egui::Id::unique("capmap chart marks");
    let cached = ctx.data(|d| d.get_temp::<CachedMarks>(id));
    let (meshes, labels, names_fit) = match cached {
        Some(cached) if cached.key == key && cached.stamp.still_matches(&stamp) => {
            (cached.meshes, cached.labels, cached.names_fit)
        }
        _ => {
            // With the index shown, automatic labels first ask whether
            // names would fit without it. When they would not, the plot
            // beside the index (narrower) is numbered straight away:
            // trying names there too cost as much again on every edit.
            let probe = (scene.labels == LabelMode::Auto)
                .then_some(scene.without_index)
                .flatten()
                .map(|(wider, titles)| {
                    let probe = MarkScene {
                        transform: wider,
                        title_boxes: titles,
                        selected: None,
                        ..scene
                    };
                    with_label_scene(ctx, &probe, &font, |label_scene| {
                        names_fit(geometry, label_scene)
                    })
                });
            let mode = if probe == Some(false) {
                LabelMode::Numbers
            } else {
                scene.labels
            };
            let labels = Arc::new(lay_out(ctx, geometry, &scene, mode, &font));
            let names_fit = labels.numbered && probe == Some(true);
            // Pieces the last build drew are copied, not tessellated again.
            // Laying out the labels may have grown the font atlas: tessellate
            // against the atlas as it is afterwards. Should drawing a label
            // grow it again, the stamp kept is stale and the next frame (which
            // `repaint_if_atlas_grew` asks for) builds everything anew.
            let stamp = AtlasStamp::now(ctx);
            let build = |store: &str, pieces: Pieces<'_>| {
                KeptPieces::shared(ctx, egui::Id::unique(store))
                    .lock()
                    .build(ctx, &stamp, pieces)
                    .0
            };
            let under = build("capmap marks under", line_pieces(geometry, &scene, &labels));
            let over = build(
                "capmap marks over",
                ring_and_label_pieces(ctx, geometry, &scene, &font, &labels),
            );
            let dots = dot_mesh(geometry, &scene, &sprites, &labels);
            let meshes = [Arc::new(under), Arc::new(dots), Arc::new(over)];
            ctx.data_mut(|d| {
                d.insert_temp(
                    id,
                    CachedMarks {
                        key,
                        stamp,
                        meshes: meshes.clone(),
                        labels: Arc::clone(&labels),
                        names_fit,
                    },
                );
            });
            (meshes, labels, names_fit)
        }
    };
    let painter = ui.painter().with_clip_rect(*scene.transform.frame());
    for mesh in meshes {
        painter.add(Shape::Mesh(mesh));
    }
    (labels, names_fit)
}

/// How far a dot's marks reach from its centre: the conflict ring and the
/// overdue mark. Labels keep outside it.
fn mark_radius(radius: f32) -> f32 {
    let ring = conflict_ring_radius(radius);
    (ring + ring / 5.0)
        .max(overdue_offset(radius) * std::f32::consts::SQRT_2 + radius * OVERDUE_SCALE)
}

/// The overdue mark's offset right and up from the dot's centre.
fn overdue_offset(radius: f32) -> f32 {
    (radius + 2.0) * std::f32::consts::FRAC_1_SQRT_2
}

/// The store of label texts laid out in `font`, with no colour of their
/// own (each label gives its colour when drawn): laying out the labels
/// measures every name and the shortened forms it tries, and drawing them
/// lays out the chosen ones.
fn kept_texts(ctx: &egui::Context) -> Arc<egui::mutex::Mutex<KeptGalleys>> {
    KeptGalleys::shared(ctx, egui::Id::unique("capmap label texts"))
}

/// `text` in `font`, from `kept` or laid out and kept.
fn text_galley(
    kept: &mut KeptGalleys,
    ctx: &egui::Context,
    font: &FontId,
    text: &str,
) -> Arc<Galley> {
    kept.get_or_layout(egui::util::hash((font, text)), || {
        ctx.fonts_mut(|f| f.layout_no_wrap(text.to_owned(), font.clone(), Color32::PLACEHOLDER))
    })
}

/// The labels for this frame's plot in `mode`, measured with egui's fonts.
fn lay_out(
    ctx: &egui::Context,
    geometry: &ChartGeometry,
    scene: &MarkScene<'_>,
    mode: LabelMode,
    font: &FontId,
) -> ChartLabels {
    let selected = scene
        .selected
        .and_then(|id| geometry.points.iter().position(|p| p.id() == id));
    with_label_scene(ctx, scene, font, |label_scene| {
        layout_labels(geometry, mode, selected, label_scene)
    })
}

/// `f` given this frame's plot as a label scene, measured with egui's
/// fonts.
fn with_label_scene<R>(
    ctx: &egui::Context,
    scene: &MarkScene<'_>,
    font: &FontId,
    f: impl FnOnce(&LabelScene<'_>) -> R,
) -> R {
    let transform = scene.transform;
    let to_screen = |x: f64, y: f64| {
        let p = transform.position_from_point(&PlotPoint::new(x, y));
        [f64::from(p.x), f64::from(p.y)]
    };
    let store = kept_texts(ctx);
    let kept = std::cell::RefCell::new(store.lock());
    let measure = |text: &str| {
        f64::from(
            text_galley(&mut kept.borrow_mut(), ctx, font, text)
                .size()
                .x,
        )
    };
    let line_height = f64::from(ctx.fonts_mut(|f| f.row_height(font)));
    let frame = transform.frame();
    let radius = f64::from(scene.style.marker_radius);
    let label_scene = LabelScene {
        area: ScreenRect {
            x: f64::from(frame.left()),
            y: f64::from(frame.top()),
            w: f64::from(frame.width()),
            h: f64::from(frame.height()),
        },
        obstacles: scene.title_boxes,
        to_screen: &to_screen,
        dot_radius: radius,
        mark_radius: f64::from(mark_radius(scene.style.marker_radius)),
        line_height,
        max_name_width: f64::from(scene.style.label_size) * 14.0,
        padding: 2.0,
        measure: &measure,
    };
    f(&label_scene)
}

/// Everything the mesh depends on, hashed (with egui's fast hasher): the
/// chart by its stamp, since hashing every point each frame cost a fifth
/// of a frame at 10,000 capabilities.
fn scene_key(geometry: &ChartGeometry, scene: &MarkScene<'_>, sprites: &DiscSprites) -> u64 {
    struct Inputs<'a> {
        geometry: &'a ChartGeometry,
        scene: &'a MarkScene<'a>,
        texture: egui::TextureId,
    }
    impl Hash for Inputs<'_> {
        fn hash<H: Hasher>(&self, state: &mut H) {
            let mut floats = |values: &[f64]| values.iter().for_each(|v| v.to_bits().hash(state));
            let frame = self.scene.transform.frame();
            floats(&[
                f64::from(frame.left()),
                f64::from(frame.top()),
                f64::from(frame.width()),
                f64::from(frame.height()),
                f64::from(self.scene.style.marker_radius),
                f64::from(self.scene.style.label_size),
            ]);
            for b in self.scene.title_boxes {
                floats(&[b.x, b.y, b.w, b.h]);
            }
            if let Some((wider, titles)) = self.scene.without_index {
                floats(&[f64::from(wider.frame().width())]);
                for b in titles {
                    floats(&[b.x, b.y, b.w, b.h]);
                }
            }
            self.geometry.stamp().hash(state);
            (
                self.scene.selected,
                self.scene.labels,
                self.scene.vote_spread,
            )
                .hash(state);
            let c = self.scene.colors;
            (c.text, c.strong, c.background, self.texture).hash(state);
        }
    }
    egui::util::hash(Inputs {
        geometry,
        scene,
        texture: sprites.texture.id(),
    })
}

/// The marks' pieces, each with how to draw it when not kept.
type Pieces<'a> = Vec<Piece<Box<dyn FnOnce() -> Vec<Shape> + 'a>>>;

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
fn line_pieces<'a>(
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
fn dot_mesh(
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
fn ring_and_label_pieces<'a>(
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
    for (i, label) in labels.labels.iter().enumerate() {
        let Some(label) = label else { continue };
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

#[cfg(test)]
mod tests;
