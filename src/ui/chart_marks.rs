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

use eframe::egui::{
    self, Color32, FontId, Galley, Pos2, Rect, Shape, Stroke, Ui, epaint::Mesh, epaint::Tessellator,
};
use egui_plot::{PlotPoint, PlotTransform};

use super::chart::ChartStyle;
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
    /// A galley laid out this frame through egui's galley cache. When the
    /// font atlas is rebuilt, egui empties that cache, so a galley that is no
    /// longer the same allocation means the mesh's glyph coordinates are
    /// stale.
    font_witness: Arc<Galley>,
    mesh: Arc<Mesh>,
}

/// Paints the marks of `geometry` on `ui`'s painter, from the kept mesh when
/// nothing they depend on changed.
pub fn paint_marks(ui: &Ui, geometry: &ChartGeometry, scene: MarkScene<'_>) {
    let ctx = ui.ctx();
    let font = FontId::proportional(scene.style.label_size);
    let font_witness =
        ctx.fonts_mut(|f| f.layout_no_wrap("capmap".to_owned(), font.clone(), Color32::WHITE));
    #[allow(clippy::redundant_closure_for_method_calls)]
    // the method path does not infer its lifetime
    let atlas_size = ctx.fonts(|f| f.font_image_size());
    let key = scene_key(geometry, &scene, ctx.pixels_per_point(), atlas_size);
    let id = egui::Id::unique("capmap chart marks");
    let cached = ctx.data(|d| d.get_temp::<CachedMarks>(id));
    let mesh = match cached {
        Some(cached) if cached.key == key && Arc::ptr_eq(&cached.font_witness, &font_witness) => {
            cached.mesh
        }
        _ => {
            let shapes = mark_shapes(ctx, geometry, &scene, &font);
            let mut tessellator = Tessellator::new(
                ctx.pixels_per_point(),
                ctx.tessellation_options(|o| *o),
                atlas_size,
                Vec::new(),
            );
            let mut mesh = Mesh::default();
            for shape in shapes {
                tessellator.tessellate_shape(shape, &mut mesh);
            }
            let mesh = Arc::new(mesh);
            ctx.data_mut(|d| {
                d.insert_temp(
                    id,
                    CachedMarks {
                        key,
                        font_witness,
                        mesh: Arc::clone(&mesh),
                    },
                );
            });
            mesh
        }
    };
    ui.painter()
        .with_clip_rect(*scene.transform.frame())
        .add(Shape::Mesh(mesh));
}

/// Everything the mesh depends on, hashed.
fn scene_key(
    geometry: &ChartGeometry,
    scene: &MarkScene<'_>,
    pixels_per_point: f32,
    atlas_size: [usize; 2],
) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    let mut floats = |values: &[f64]| values.iter().for_each(|v| v.to_bits().hash(&mut hasher));
    let frame = scene.transform.frame();
    floats(&[
        f64::from(frame.left()),
        f64::from(frame.top()),
        f64::from(frame.width()),
        f64::from(frame.height()),
        f64::from(scene.style.marker_radius),
        f64::from(scene.style.label_size),
        f64::from(pixels_per_point),
    ]);
    for b in scene.title_boxes {
        floats(&[b.x, b.y, b.w, b.h]);
    }
    for p in &geometry.points {
        let (d0, d1) = p.differentiation_spread.unwrap_or((f64::NAN, f64::NAN));
        let (p0, p1) = p.pull_spread.unwrap_or((f64::NAN, f64::NAN));
        floats(&[p.x, p.y, p.differentiation, p.pull, d0, d1, p0, p1]);
    }
    for p in &geometry.points {
        (&p.id, &p.name, p.zone, p.shared_with, p.conflict, p.overdue).hash(&mut hasher);
    }
    scene.selected.hash(&mut hasher);
    let c = scene.colors;
    (c.text, c.strong, c.background, atlas_size).hash(&mut hasher);
    hasher.finish()
}

/// The marks as screen-space shapes, bottom to top.
fn mark_shapes(
    ctx: &egui::Context,
    geometry: &ChartGeometry,
    scene: &MarkScene<'_>,
    font: &FontId,
) -> Vec<Shape> {
    let transform = scene.transform;
    let at = |x: f64, y: f64| transform.position_from_point(&PlotPoint::new(x, y));
    let r = scene.style.marker_radius;
    let colors = scene.colors;
    let mut shapes = Vec::with_capacity(geometry.points.len() * 3);

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
    let thin = Stroke::new(1.0, colors.text.gamma_multiply(0.35));
    for point in geometry.points.iter().filter(|p| p.shared_with > 1) {
        shapes.push(Shape::line_segment(
            [at(point.differentiation, point.pull), at(point.x, point.y)],
            thin,
        ));
    }
    for point in &geometry.points {
        shapes.push(Shape::circle_filled(
            at(point.x, point.y),
            r,
            zone_color(point.zone),
        ));
    }
    for point in geometry.points.iter().filter(|p| p.conflict) {
        let ring = r + 3.0;
        shapes.push(Shape::circle_stroke(
            at(point.x, point.y),
            ring,
            Stroke::new(ring / 5.0, CONFLICT_COLOR),
        ));
    }
    // An amber dot at the upper right of capabilities with an overdue
    // exception, as the clock on their cards.
    for point in geometry.points.iter().filter(|p| p.overdue) {
        let offset = egui::vec2(r + 3.0, -(r + 3.0));
        shapes.push(Shape::circle_filled(
            at(point.x, point.y) + offset,
            r * 0.55,
            OVERDUE_COLOR,
        ));
    }
    if let Some(point) = scene
        .selected
        .and_then(|id| geometry.points.iter().find(|p| p.id == id))
    {
        let ring = r + 6.0;
        shapes.push(Shape::circle_stroke(
            at(point.x, point.y),
            ring,
            Stroke::new(ring / 5.0, colors.strong),
        ));
    }
    label_shapes(ctx, geometry, scene, font, &mut shapes);
    shapes
}

/// Names beside their dots, placed so that none overlaps another, with a
/// leader line when a name had to move away.
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
        let b = placement.rect;
        let rect = Rect::from_min_size(
            Pos2::new(b.x as f32, b.y as f32),
            egui::vec2(b.w as f32, b.h as f32),
        );
        if placement.leader {
            let dot = transform.position_from_point(&PlotPoint::new(point.x, point.y));
            shapes.push(Shape::line_segment([dot, rect.center()], leader));
        }
        if scene.selected == Some(point.id.as_str()) {
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
