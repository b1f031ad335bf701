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

use eframe::egui::{self, Color32, FontId, Galley, Shape, Ui, epaint::Mesh};
use egui_plot::{PlotPoint, PlotTransform};

use super::chart::ChartStyle;
use super::chart_sprites::{DiscSprites, OVERDUE_SCALE, conflict_ring_radius, disc_sprites};
use super::kept_mesh::{AtlasStamp, KeptGalleys};
use super::kept_pieces::KeptPieces;
use crate::export::{
    ChartGeometry, ChartLabels, LabelMode, LabelScene, ScreenRect, callout_for, layout_labels,
    names_fit,
};

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
            // Neither depends on the selection: both are kept while only
            // the selection changes (a click, an arrow key walking the
            // dots), and only its callout is laid out again.
            let probe = (scene.labels == LabelMode::Auto)
                .then_some(scene.without_index)
                .flatten()
                .map(|(wider, titles)| {
                    let probe_key = plot_key(geometry, wider, titles, &scene, "probe");
                    kept_for_plot(ctx, "capmap chart names fit", probe_key, &stamp, || {
                        let probe = MarkScene {
                            transform: wider,
                            title_boxes: titles,
                            selected: None,
                            ..scene
                        };
                        with_label_scene(ctx, &probe, &font, |label_scene| {
                            names_fit(geometry, label_scene)
                        })
                    })
                });
            let mode = if probe == Some(false) {
                LabelMode::Numbers
            } else {
                scene.labels
            };
            let layout_key = plot_key(geometry, scene.transform, scene.title_boxes, &scene, mode);
            let unselected = kept_for_plot(ctx, "capmap chart labels", layout_key, &stamp, || {
                Arc::new(with_label_scene(ctx, &scene, &font, |label_scene| {
                    layout_labels(geometry, mode, None, label_scene)
                }))
            });
            let selected = scene
                .selected
                .and_then(|id| geometry.points.iter().position(|p| p.id() == id));
            let callout = with_label_scene(ctx, &scene, &font, |label_scene| {
                callout_for(geometry, &unselected, selected, label_scene)
            });
            let labels = if callout.is_none() {
                unselected
            } else {
                Arc::new(ChartLabels {
                    callout,
                    ..ChartLabels::clone(&unselected)
                })
            };
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

/// `make`'s value, kept while `key` (from [`plot_key`]) and the fonts stay
/// the same: what the labels are laid out from, but not the selection or
/// the colours.
fn kept_for_plot<T: Clone + Send + Sync + 'static>(
    ctx: &egui::Context,
    name: &'static str,
    key: u64,
    stamp: &AtlasStamp,
    make: impl FnOnce() -> T,
) -> T {
    let id = egui::Id::unique(name);
    if let Some((kept_key, kept_stamp, value)) =
        ctx.data(|d| d.get_temp::<(u64, AtlasStamp, T)>(id))
        && kept_key == key
        && kept_stamp.same_fonts(stamp)
    {
        return value;
    }
    let value = make();
    ctx.data_mut(|d| d.insert_temp(id, (key, stamp.clone(), value.clone())));
    value
}

/// Everything labels laid out on the plot of `transform` depend on: the
/// chart (by its stamp), the plot, its quadrant titles, the sizes, the
/// scale and `what` is laid out.
fn plot_key(
    geometry: &ChartGeometry,
    transform: &PlotTransform,
    titles: &[ScreenRect],
    scene: &MarkScene<'_>,
    what: impl Hash,
) -> u64 {
    let frame = transform.frame();
    let titles: Vec<[u64; 4]> = titles
        .iter()
        .map(|b| [b.x, b.y, b.w, b.h].map(f64::to_bits))
        .collect();
    egui::util::hash((
        geometry.stamp(),
        [frame.left(), frame.top(), frame.width(), frame.height()].map(f32::to_bits),
        titles,
        [scene.style.marker_radius, scene.style.label_size].map(f32::to_bits),
        what,
    ))
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

mod pieces;
use pieces::{Pieces, dot_mesh, line_pieces, ring_and_label_pieces};

#[cfg(test)]
mod tests;
