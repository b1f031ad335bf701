//! The chart's marks: dots, rings, whiskers, leader lines and labels, drawn
//! over the plot in screen space.
//!
//! They are the bulk of a chart frame (hundreds of circles and names), and
//! they only change when the portfolio, the selection, the plot's size, the
//! theme or the fonts change. So they are tessellated once into a mesh that
//! is kept between frames and handed to egui as it is until one of those
//! changes.

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use eframe::egui::{self, Color32, FontId, Galley, Pos2, Rect, Shape, Stroke, Ui, epaint::Mesh};
use egui_plot::{PlotPoint, PlotTransform};

use super::chart::ChartStyle;
use super::kept_mesh::AtlasStamp;
use super::{CONFLICT_COLOR, OVERDUE_COLOR, zone_color};
use crate::export::{ChartGeometry, ChartPoint, LabelRoom, ScreenRect, place_labels};

/// Beyond this many points, only the selected capability is labelled: a
/// wall of names helps nobody.
pub const MAX_LABELS: usize = 300;

/// Colours the marks take from the theme.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MarkColors {
    /// Labels and thin lines.
    pub text: Color32,
    /// The selected label and ring.
    pub strong: Color32,
    /// Behind the selected label.
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
}

#[derive(Clone)]
struct CachedMarks {
    key: u64,
    stamp: AtlasStamp,
    meshes: [Arc<Mesh>; 3],
}

/// Paints the marks of `geometry` on `ui`'s painter, from the kept mesh when
/// nothing they depend on changed.
pub fn paint_marks(ui: &Ui, geometry: &ChartGeometry, scene: MarkScene<'_>) {
    let ctx = ui.ctx();
    let font = FontId::proportional(scene.style.label_size);
    let stamp = AtlasStamp::now(ctx);
    let sprites = disc_sprites(ctx, scene.style.marker_radius);
    let key = scene_key(geometry, &scene, &sprites);
    let id = egui::Id::unique("capmap chart marks");
    let cached = ctx.data(|d| d.get_temp::<CachedMarks>(id));
    let meshes = match cached {
        Some(cached) if cached.key == key && cached.stamp.still_matches(&stamp) => cached.meshes,
        _ => {
            // Laying out the labels may grow the font atlas: tessellate
            // against the atlas as it is afterwards.
            let over = ring_and_label_shapes(ctx, geometry, &scene, &font);
            let stamp = AtlasStamp::now(ctx);
            let under = stamp.tessellate(ctx, line_shapes(geometry, &scene));
            let over = stamp.tessellate(ctx, over);
            let dots = dot_mesh(geometry, &scene, &sprites);
            let meshes = [Arc::new(under), Arc::new(dots), Arc::new(over)];
            ctx.data_mut(|d| {
                d.insert_temp(
                    id,
                    CachedMarks {
                        key,
                        stamp,
                        meshes: meshes.clone(),
                    },
                );
            });
            meshes
        }
    };
    let painter = ui.painter().with_clip_rect(*scene.transform.frame());
    for mesh in meshes {
        painter.add(Shape::Mesh(mesh));
    }
}

/// A small texture with the anti-aliased marks drawn at the size they take
/// on screen (a dot, the smaller overdue mark, the conflict ring), so they
/// stay crisp. Each mark is then a single textured quad: four vertices
/// instead of a tessellated circle's dozens, which matters at thousands of
/// dots.
#[derive(Clone)]
struct DiscSprites {
    /// The dot radius in points and the scale it was drawn for: the quads'
    /// sizes in points depend on both.
    drawn_for: (u32, u32),
    texture: egui::TextureHandle,
    dot: Sprite,
    overdue: Sprite,
    conflict: Sprite,
}

#[derive(Clone, Copy)]
struct Sprite {
    uv: Rect,
    /// Side of the quad in points.
    side: f32,
}

/// A mark to draw into the sprite texture, in pixels.
#[derive(Clone, Copy)]
enum MarkShape {
    Disc {
        radius: f32,
    },
    /// A ring from `radius` outwards, `width` wide, as egui strokes circles.
    Ring {
        radius: f32,
        width: f32,
    },
}

impl MarkShape {
    /// How much of the pixel at distance `d` from the centre is covered.
    fn coverage(self, d: f32) -> f32 {
        match self {
            Self::Disc { radius } => (radius + 0.5 - d).clamp(0.0, 1.0),
            Self::Ring { radius, width } => {
                let inner = (d - radius + 0.5).clamp(0.0, 1.0);
                let outer = (radius + width + 0.5 - d).clamp(0.0, 1.0);
                inner.min(outer)
            }
        }
    }

    fn outer_radius(self) -> f32 {
        match self {
            Self::Disc { radius } => radius,
            Self::Ring { radius, width } => radius + width,
        }
    }
}

fn disc_sprites(ctx: &egui::Context, radius: f32) -> DiscSprites {
    let pixels_per_point = ctx.pixels_per_point();
    let radius_px = radius * pixels_per_point;
    let drawn_for = (radius.to_bits(), pixels_per_point.to_bits());
    let id = egui::Id::unique("capmap chart disc sprites");
    if let Some(sprites) = ctx.data(|d| d.get_temp::<DiscSprites>(id))
        && sprites.drawn_for == drawn_for
    {
        return sprites;
    }
    let ring = conflict_ring_radius(radius);
    let marks = [
        MarkShape::Disc { radius: radius_px },
        MarkShape::Disc {
            radius: radius_px * OVERDUE_SCALE,
        },
        MarkShape::Ring {
            radius: ring * pixels_per_point,
            width: ring / 5.0 * pixels_per_point,
        },
    ];
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // a few pixels
    let sides: Vec<usize> = marks
        .iter()
        .map(|m| (2.0 * m.outer_radius() + 3.0).ceil() as usize)
        .collect();
    let width = sides.iter().sum::<usize>() + sides.len();
    let height = sides.iter().copied().max().unwrap_or(1);
    let mut image = egui::ColorImage::filled([width, height], Color32::TRANSPARENT);
    let mut left = 0;
    let mut sprites = Vec::new();
    for (&mark, &side) in marks.iter().zip(&sides) {
        let centre = side as f32 / 2.0;
        for y in 0..side {
            for x in 0..side {
                let dx = x as f32 + 0.5 - centre;
                let dy = y as f32 + 0.5 - centre;
                let coverage = mark.coverage((dx * dx + dy * dy).sqrt());
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // 0..=255
                let alpha = (coverage * 255.0).round() as u8;
                image[(left + x, y)] = Color32::from_white_alpha(alpha);
            }
        }
        sprites.push(Sprite {
            uv: Rect::from_min_max(
                egui::pos2(left as f32 / width as f32, 0.0),
                egui::pos2(
                    (left + side) as f32 / width as f32,
                    side as f32 / height as f32,
                ),
            ),
            side: side as f32 / pixels_per_point,
        });
        left += side + 1;
    }
    let texture = ctx.load_texture("capmap chart dots", image, egui::TextureOptions::LINEAR);
    let sprites = DiscSprites {
        drawn_for,
        texture,
        dot: sprites[0],
        overdue: sprites[1],
        conflict: sprites[2],
    };
    ctx.data_mut(|d| d.insert_temp(id, sprites.clone()));
    sprites
}

/// The conflict ring's radius around a dot of `radius` (its width is a
/// fifth of that, as `egui_plot` draws open markers).
fn conflict_ring_radius(radius: f32) -> f32 {
    radius + 3.0
}

/// How big the overdue mark is beside a dot.
const OVERDUE_SCALE: f32 = 0.55;

/// Everything the mesh depends on, hashed (with egui's fast hasher: this
/// runs every frame over every point).
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
            for p in &self.geometry.points {
                let (d0, d1) = p.differentiation_spread.unwrap_or((f64::NAN, f64::NAN));
                let (p0, p1) = p.pull_spread.unwrap_or((f64::NAN, f64::NAN));
                floats(&[p.x, p.y, p.differentiation, p.pull, d0, d1, p0, p1]);
            }
            for p in &self.geometry.points {
                (&p.id, &p.name, p.zone, p.shared_with, p.conflict, p.overdue).hash(state);
            }
            self.scene.selected.hash(state);
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

/// Whiskers and the thin lines of spread dots: under the dots.
fn line_shapes(geometry: &ChartGeometry, scene: &MarkScene<'_>) -> Vec<Shape> {
    let transform = scene.transform;
    let at = |x: f64, y: f64| transform.position_from_point(&PlotPoint::new(x, y));
    let mut shapes = Vec::new();
    // Whiskers: how far apart the room's votes were.
    for point in &geometry.points {
        let stroke = Stroke::new(2.5, zone_color(point.zone).gamma_multiply(0.8));
        if let Some((low, high)) = point.differentiation_spread {
            shapes.push(Shape::line_segment(
                [at(low, point.y), at(high, point.y)],
                stroke,
            ));
        }
        if let Some((low, high)) = point.pull_spread {
            shapes.push(Shape::line_segment(
                [at(point.x, low), at(point.x, high)],
                stroke,
            ));
        }
    }
    // Thin lines from spread dots back to their true, shared position.
    let thin = Stroke::new(1.0, scene.colors.text.gamma_multiply(0.35));
    for point in geometry.points.iter().filter(|p| p.tethered()) {
        shapes.push(Shape::line_segment(
            [at(point.differentiation, point.pull), at(point.x, point.y)],
            thin,
        ));
    }
    shapes
}

/// One quad per dot, coloured by zone, the conflict rings, and the amber
/// overdue marks at their upper right (as the clock on their cards).
fn dot_mesh(geometry: &ChartGeometry, scene: &MarkScene<'_>, sprites: &DiscSprites) -> Mesh {
    let transform = scene.transform;
    let r = scene.style.marker_radius;
    let mut mesh = Mesh::with_texture(sprites.texture.id());
    let mut stamp = |centre: Pos2, sprite: Sprite, color: Color32| {
        let quad = Rect::from_center_size(centre, egui::Vec2::splat(sprite.side));
        mesh.add_rect_with_uv(quad, sprite.uv, color);
    };
    let centres: Vec<(&ChartPoint, Pos2)> = geometry
        .points
        .iter()
        .map(|p| (p, transform.position_from_point(&PlotPoint::new(p.x, p.y))))
        .collect();
    for &(point, centre) in &centres {
        stamp(centre, sprites.dot, zone_color(point.zone));
    }
    for &(_, centre) in centres.iter().filter(|(p, _)| p.conflict) {
        stamp(centre, sprites.conflict, CONFLICT_COLOR);
    }
    let offset = egui::vec2(r + 3.0, -(r + 3.0));
    for &(_, centre) in centres.iter().filter(|(p, _)| p.overdue) {
        stamp(centre + offset, sprites.overdue, OVERDUE_COLOR);
    }
    mesh
}

/// The selection ring and the labels: over the dots.
fn ring_and_label_shapes(
    ctx: &egui::Context,
    geometry: &ChartGeometry,
    scene: &MarkScene<'_>,
    font: &FontId,
) -> Vec<Shape> {
    let transform = scene.transform;
    let at = |x: f64, y: f64| transform.position_from_point(&PlotPoint::new(x, y));
    let r = scene.style.marker_radius;
    let mut shapes = Vec::new();
    if let Some(point) = scene
        .selected
        .and_then(|id| geometry.points.iter().find(|p| p.id == id))
    {
        let ring = r + 6.0;
        shapes.push(Shape::circle_stroke(
            at(point.x, point.y),
            ring,
            Stroke::new(ring / 5.0, scene.colors.strong),
        ));
    }
    label_shapes(ctx, geometry, scene, font, &mut shapes);
    shapes
}

/// Names beside their dots, placed so that none overlaps another, with a
/// leader line when a name had to move away. The selected name is always
/// shown; others only where there is room (hovering names a dot too).
fn label_shapes(
    ctx: &egui::Context,
    geometry: &ChartGeometry,
    scene: &MarkScene<'_>,
    font: &FontId,
    shapes: &mut Vec<Shape>,
) {
    let transform = scene.transform;
    let to_screen = |x: f64, y: f64| {
        let p = transform.position_from_point(&PlotPoint::new(x, y));
        [f64::from(p.x), f64::from(p.y)]
    };
    let labelled = ordered_for_labels(&geometry.points, scene.selected);
    let galleys: Vec<Arc<Galley>> = labelled
        .iter()
        .map(|point| {
            let is_selected = scene.selected == Some(point.id.as_str());
            let color = if is_selected {
                scene.colors.strong
            } else {
                scene.colors.text
            };
            ctx.fonts_mut(|f| f.layout_no_wrap(point.name.clone(), font.clone(), color))
        })
        .collect();
    let anchors: Vec<[f64; 2]> = labelled.iter().map(|p| to_screen(p.x, p.y)).collect();
    let sizes: Vec<[f64; 2]> = galleys
        .iter()
        .map(|g| [f64::from(g.size().x) + 4.0, f64::from(g.size().y)])
        .collect();
    let homes: Vec<ScreenRect> = labelled
        .iter()
        .map(|point| geometry.home_of(point, to_screen))
        .collect();
    let frame = transform.frame();
    let room = LabelRoom {
        area: ScreenRect {
            x: f64::from(frame.left()),
            y: f64::from(frame.top()),
            w: f64::from(frame.width()),
            h: f64::from(frame.height()),
        },
        obstacles: scene.title_boxes,
        homes: &homes,
    };
    let gap = f64::from(scene.style.marker_radius) + 2.0;
    let placements = place_labels(&anchors, &sizes, gap, room);
    let leader = Stroke::new(1.0, scene.colors.text.gamma_multiply(0.4));
    for ((point, galley), placement) in labelled.iter().zip(galleys).zip(&placements) {
        let is_selected = scene.selected == Some(point.id.as_str());
        if !placement.shown && !is_selected {
            continue;
        }
        let b = placement.rect;
        let rect = Rect::from_min_size(
            Pos2::new(b.x as f32, b.y as f32),
            egui::vec2(b.w as f32, b.h as f32),
        );
        if placement.leader {
            let dot = transform.position_from_point(&PlotPoint::new(point.x, point.y));
            shapes.push(Shape::line_segment([dot, rect.center()], leader));
        }
        if is_selected {
            shapes.push(Shape::rect_filled(rect, 2.0, scene.colors.background));
        }
        shapes.push(Shape::galley(
            rect.min + egui::vec2(2.0, 0.0),
            galley,
            scene.colors.text,
        ));
    }
}

/// Labels are placed in this order: the selected one first, then the rest in
/// portfolio order. Past `MAX_LABELS` only the selected one is labelled.
fn ordered_for_labels<'a>(points: &'a [ChartPoint], selected: Option<&str>) -> Vec<&'a ChartPoint> {
    let first = points.iter().filter(|p| Some(p.id.as_str()) == selected);
    if points.len() > MAX_LABELS {
        return first.collect();
    }
    first
        .chain(points.iter().filter(|p| Some(p.id.as_str()) != selected))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Capability, Date, Portfolio, Question, Score};
    use egui_plot::PlotBounds;

    fn crowded() -> ChartGeometry {
        let mut portfolio = Portfolio::new("crowded");
        for i in 0..60 {
            let mut capability = Capability::new(format!("c{i}"), format!("A long name {i}"));
            for question in Question::ALL {
                capability.scores.set(question, Score::new(4));
            }
            portfolio.capabilities.push(capability);
        }
        ChartGeometry::new(&portfolio, Date::from_ymd(2026, 11, 27).unwrap())
    }

    /// The texts of the labels drawn when `selected` is selected.
    fn labels(geometry: &ChartGeometry, selected: Option<&str>) -> Vec<String> {
        let ctx = egui::Context::default();
        let mut out = Vec::new();
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            let transform = PlotTransform::new(
                Rect::from_min_size(Pos2::ZERO, egui::vec2(400.0, 300.0)),
                PlotBounds::from_min_max([0.5, 0.5], [5.5, 5.5]),
                false,
            );
            let scene = MarkScene {
                transform: &transform,
                style: ChartStyle::default(),
                selected,
                colors: MarkColors {
                    text: Color32::GRAY,
                    strong: Color32::WHITE,
                    background: Color32::BLACK,
                },
                title_boxes: &[],
            };
            let font = FontId::proportional(13.0);
            let mut shapes = Vec::new();
            label_shapes(ui.ctx(), geometry, &scene, &font, &mut shapes);
            let texts = shapes
                .iter()
                .filter_map(|s| match s {
                    Shape::Text(text) => Some(text.galley.text().to_owned()),
                    _ => None,
                })
                .collect();
            out = texts;
        });
        output.textures_delta.clear();
        out
    }

    /// The side in points of the dot sprite drawn for `radius` at `zoom`.
    fn dot_side(ctx: &egui::Context, zoom: f32, radius: f32) -> f32 {
        ctx.set_zoom_factor(zoom);
        let mut side = 0.0;
        for _ in 0..2 {
            let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
                side = disc_sprites(ui.ctx(), radius).dot.side;
            });
            output.textures_delta.clear();
        }
        side
    }

    #[test]
    fn dot_sprites_are_redrawn_for_a_new_size_or_scale() {
        let ctx = egui::Context::default();
        let big = dot_side(&ctx, 1.0, 12.0);
        // The same twelve pixels at twice the scale are half the points.
        let zoomed = dot_side(&ctx, 2.0, 6.0);
        assert!((big - 2.0 * zoomed).abs() < 0.01, "{big} vs {zoomed}");
        let small = dot_side(&ctx, 1.0, 6.0);
        assert!(small < big);
    }

    #[test]
    fn crowded_names_are_left_out_but_the_selected_one_never_is() {
        let geometry = crowded();
        let texts = labels(&geometry, None);
        assert!(
            !texts.is_empty() && texts.len() < 60,
            "sixty long names cannot all fit"
        );
        assert!(!texts.contains(&"A long name 59".to_owned()));

        let texts = labels(&geometry, Some("c59"));
        assert!(texts.contains(&"A long name 59".to_owned()));
    }
}
