//! Drawings kept between frames as tessellated meshes.
//!
//! egui turns every shape into triangles on every frame. The chart's marks
//! and the board's cards change far less often than frames are drawn (a
//! hover, a key, a blinking cursor), so they are tessellated once and egui
//! is handed the finished mesh until something they show changes.
//!
//! Text in such a mesh points into egui's font atlas, so a kept mesh is only
//! good while the atlas is: [`AtlasStamp`] tells when it was rebuilt, grew,
//! or the scale changed.

use std::sync::Arc;

use eframe::egui::{self, Color32, FontId, Galley, Shape, epaint::Mesh, epaint::Tessellator};

/// What every kept mesh depends on besides its own content.
#[derive(Clone)]
pub struct AtlasStamp {
    /// A galley from egui's galley cache. When the font atlas is rebuilt
    /// (full, new fonts, new scale), egui empties that cache, so the same
    /// text then comes back as a new allocation.
    witness: Arc<Galley>,
    /// Glyph coordinates in a mesh are fractions of the atlas size.
    size: [usize; 2],
    pixels_per_point: f32,
}

impl AtlasStamp {
    /// The stamp for this frame.
    pub fn now(ctx: &egui::Context) -> Self {
        // egui only rebuilds the atlas (and empties its galley cache)
        // between passes, so the witness is laid out once a pass: a
        // hundred kept texts and meshes ask for the stamp in every frame.
        let pass = pass_key(ctx);
        let id = egui::Id::unique("capmap atlas witness of this pass");
        let kept = ctx
            .data(|d| d.get_temp::<((u64, u64), Arc<Galley>)>(id))
            .filter(|(of, _)| *of == pass);
        let witness = if let Some((_, witness)) = kept {
            witness
        } else {
            let witness = ctx.fonts_mut(|f| {
                f.layout_no_wrap(
                    "capmap".to_owned(),
                    FontId::proportional(12.0),
                    Color32::WHITE,
                )
            });
            ctx.data_mut(|d| d.insert_temp(id, (pass, Arc::clone(&witness))));
            witness
        };
        #[expect(
            clippy::redundant_closure_for_method_calls,
            reason = "the method path does not infer its lifetime"
        )]
        let size = ctx.fonts(|f| f.font_image_size());
        Self {
            witness,
            size,
            pixels_per_point: ctx.pixels_per_point(),
        }
    }

    /// True when meshes made under `other` are still good under `self`.
    pub fn still_matches(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.witness, &other.witness)
            && self.size == other.size
            && self.pixels_per_point.to_bits() == other.pixels_per_point.to_bits()
    }

    /// True when texts measured under `other` measure the same under
    /// `self`: the same fonts at the same scale (the atlas may have grown).
    pub fn same_fonts(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.witness, &other.witness)
            && self.pixels_per_point.to_bits() == other.pixels_per_point.to_bits()
    }

    /// The same stamp at another scale.
    #[cfg(test)]
    pub fn set_pixels_per_point_for_test(&mut self, pixels_per_point: f32) {
        self.pixels_per_point = pixels_per_point;
    }

    /// Tessellates `shapes` into one mesh, as egui would this frame.
    pub fn tessellate(&self, ctx: &egui::Context, shapes: Vec<Shape>) -> Mesh {
        // No pre-rasterized discs: they live in the atlas at places this
        // stamp does not cover; small circles are tessellated instead.
        let mut tessellator = Tessellator::new(
            self.pixels_per_point,
            ctx.tessellation_options(|o| *o),
            self.size,
            Vec::new(),
        );
        let mut mesh = Mesh::default();
        for shape in shapes {
            tessellator.tessellate_shape(shape, &mut mesh);
        }
        mesh
    }
}

/// What tells one pass from another: its number and its input's time.
/// Between passes the number is already the next one's: a witness kept
/// then would not be laid out in that pass, so egui would forget it.
fn pass_key(ctx: &egui::Context) -> (u64, u64) {
    (ctx.cumulative_pass_nr(), ctx.input(|i| i.time.to_bits()))
}

/// The font atlas can grow in the middle of a pass, when something drawn
/// after a kept mesh needs new glyphs; the kept mesh's glyph coordinates are
/// then off until it is rebuilt. Called at the end of every frame: when the
/// atlas changed size during the frame, one more frame is drawn, in which
/// every kept mesh sees the new size and is rebuilt.
pub fn repaint_if_atlas_grew(ctx: &egui::Context) {
    #[expect(
        clippy::redundant_closure_for_method_calls,
        reason = "the method path does not infer its lifetime"
    )]
    let size = ctx.fonts(|f| f.font_image_size());
    let id = egui::Id::unique("capmap atlas size at the end of the last frame");
    let before = ctx.data_mut(|d| {
        let before = d.get_temp::<[usize; 2]>(id);
        d.insert_temp(id, size);
        before
    });
    if before.is_some_and(|before| before != size) {
        ctx.request_repaint();
    }
}

/// Galleys kept between frames, by the hash of what they were laid out
/// from. egui forgets a galley not drawn in the last frame, and a kept mesh
/// draws none: without this, a mesh built again (a card moved by part of a
/// pixel or scrolled back into view, a chart renumbered by an edit) shapes
/// all its text again, the largest cost of the frame that shows the edit.
#[derive(Default)]
pub struct KeptGalleys {
    /// The atlas the galleys' glyphs point into, at its scale.
    atlas: Option<AtlasStamp>,
    /// The pass in which that was last checked: the atlas and the scale
    /// only change between passes.
    checked_in_pass: Option<(u64, u64)>,
    /// At most this many galleys, when less than [`MAX_KEPT_GALLEYS`].
    bound: Option<usize>,
    galleys: std::collections::HashMap<u64, Arc<Galley>>,
}

/// At most this many galleys are kept in one store; past it, it starts
/// afresh. A galley of a name carries its glyphs and their mesh (6 KB for
/// a name of 32 letters): 4,000 bound a store to about 25 MB, and hold
/// every text of a fully labelled chart (300 names, their shortened
/// forms, the numbers) or of the cards of several screens.
pub const MAX_KEPT_GALLEYS: usize = 4_000;

impl KeptGalleys {
    /// The store `id` of `ctx`, emptied when the atlas was rebuilt or the
    /// scale changed (the atlas may grow: a galley's glyphs are in atlas
    /// pixels, not fractions of its size), or it grew past its bound.
    pub fn shared(ctx: &egui::Context, id: egui::Id) -> Arc<egui::mutex::Mutex<Self>> {
        let store = ctx.data_mut(|d| {
            d.get_temp_mut_or_default::<Arc<egui::mutex::Mutex<Self>>>(id)
                .clone()
        });
        let pass = pass_key(ctx);
        let mut kept = store.lock();
        if kept.checked_in_pass != Some(pass) {
            kept.begin(&AtlasStamp::now(ctx));
            kept.checked_in_pass = Some(pass);
        }
        drop(kept);
        store
    }

    /// The store `id` of `ctx`, as [`Self::shared`], holding at most
    /// `bound` galleys: for long texts laid out anew at every keystroke.
    pub fn shared_bounded(
        ctx: &egui::Context,
        id: egui::Id,
        bound: usize,
    ) -> Arc<egui::mutex::Mutex<Self>> {
        let store = Self::shared(ctx, id);
        store.lock().bound = Some(bound);
        store
    }

    fn begin(&mut self, stamp: &AtlasStamp) {
        let same_atlas = self.atlas.as_ref().is_some_and(|a| {
            Arc::ptr_eq(&a.witness, &stamp.witness)
                && a.pixels_per_point.to_bits() == stamp.pixels_per_point.to_bits()
        });
        let bound = self.bound.unwrap_or(MAX_KEPT_GALLEYS);
        if !same_atlas || self.galleys.len() > bound {
            self.atlas = Some(stamp.clone());
            self.galleys.clear();
        }
    }

    /// The galley kept under `key` in the store `store` of `ctx` (see
    /// [`Self::shared`]), or `layout`'s, then kept.
    pub fn get(
        ctx: &egui::Context,
        store: &'static str,
        key: u64,
        layout: impl FnOnce() -> Arc<Galley>,
    ) -> Arc<Galley> {
        Self::shared(ctx, egui::Id::unique(store))
            .lock()
            .get_or_layout(key, layout)
    }

    /// The galley kept under `key`, or `layout`'s, then kept.
    pub fn get_or_layout(&mut self, key: u64, layout: impl FnOnce() -> Arc<Galley>) -> Arc<Galley> {
        Arc::clone(self.galleys.entry(key).or_insert_with(layout))
    }

    /// How many galleys are kept.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.galleys.len()
    }
}

/// Meshes kept by a string key (a capability id), each with the hash of
/// what it shows. Entries not drawn in the previous pass are dropped, so
/// the store holds about what is on screen.
#[derive(Clone, Default)]
pub struct KeptMeshes {
    stamp: Option<AtlasStamp>,
    pass: u64,
    entries: std::collections::HashMap<String, KeptEntry>,
}

#[derive(Clone)]
struct KeptEntry {
    content: u64,
    /// Where the mesh was built: the same content elsewhere is the mesh
    /// moved, not built again.
    at: egui::Pos2,
    mesh: Arc<Mesh>,
    used_in_pass: u64,
}

impl KeptMeshes {
    /// The mesh kept for `key` if it shows `content` and is still good;
    /// otherwise `build` makes the shapes, which are tessellated and kept.
    /// `content` says what the mesh shows wherever it is, and `at` where
    /// it is: a mesh that only moved, by whole pixels, is moved rather
    /// than built again (a card dropped in a column shifts every card
    /// below it, and laying out their names again was most of that frame).
    pub fn get_or_build(
        ctx: &egui::Context,
        store: egui::Id,
        key: &str,
        content: u64,
        at: egui::Pos2,
        build: impl FnOnce() -> Vec<Shape>,
    ) -> Arc<Mesh> {
        let stamp = AtlasStamp::now(ctx);
        let pass = ctx.cumulative_pass_nr();
        let pixels_per_point = ctx.pixels_per_point();
        let kept = ctx.data_mut(|d| {
            let meshes = d.get_temp_mut_or_default::<Self>(store);
            meshes.begin(&stamp, pass);
            let entry = meshes.entries.get_mut(key)?;
            if entry.content != content {
                return None;
            }
            let by = at - entry.at;
            if by != egui::Vec2::ZERO {
                // Text is placed on whole pixels: moved by a part of one,
                // it would blur, so it is built again there.
                let pixels = by * pixels_per_point;
                if pixels.x.fract() != 0.0 || pixels.y.fract() != 0.0 {
                    return None;
                }
                let mut moved = Mesh::clone(&entry.mesh);
                moved.translate(by);
                entry.mesh = Arc::new(moved);
                entry.at = at;
            }
            entry.used_in_pass = pass;
            Some(Arc::clone(&entry.mesh))
        });
        if let Some(mesh) = kept {
            return mesh;
        }
        // Built outside the lock: laying out text needs the context. Laying
        // out may add glyphs and grow the atlas, so tessellate against the
        // atlas as it is afterwards.
        let shapes = build();
        let mesh = Arc::new(AtlasStamp::now(ctx).tessellate(ctx, shapes));
        ctx.data_mut(|d| {
            d.get_temp_mut_or_default::<Self>(store).entries.insert(
                key.to_owned(),
                KeptEntry {
                    content,
                    at,
                    mesh: Arc::clone(&mesh),
                    used_in_pass: pass,
                },
            );
        });
        mesh
    }

    /// At the first use in a pass: forget everything after an atlas change,
    /// and what the previous pass did not draw.
    fn begin(&mut self, stamp: &AtlasStamp, pass: u64) {
        if !self.stamp.as_ref().is_some_and(|s| s.still_matches(stamp)) {
            self.entries.clear();
            self.stamp = Some(stamp.clone());
        }
        if self.pass != pass {
            let previous = self.pass;
            self.entries.retain(|_, e| e.used_in_pass >= previous);
            self.pass = pass;
        }
    }

    /// How many meshes are kept.
    #[cfg(test)]
    fn len(ctx: &egui::Context, store: egui::Id) -> usize {
        ctx.data_mut(|d| d.get_temp_mut_or_default::<Self>(store).entries.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs one pass of `ctx`, asking for the meshes of `cards` (key,
    /// content); returns how many had to be built.
    fn pass(ctx: &egui::Context, cards: &[(&str, u64)]) -> usize {
        let placed: Vec<_> = cards
            .iter()
            .map(|&(key, content)| (key, content, egui::Pos2::ZERO))
            .collect();
        pass_at(ctx, &placed).0
    }

    /// As [`pass`], each card at its place; also returns each mesh's
    /// bounding box.
    fn pass_at(ctx: &egui::Context, cards: &[(&str, u64, egui::Pos2)]) -> (usize, Vec<egui::Rect>) {
        let store = egui::Id::unique("test store");
        let mut built = 0;
        let mut boxes = Vec::new();
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            for &(key, content, at) in cards {
                let mesh = KeptMeshes::get_or_build(ui.ctx(), store, key, content, at, || {
                    built += 1;
                    vec![Shape::rect_filled(
                        egui::Rect::from_min_size(at, egui::vec2(10.0, 10.0)),
                        2.0,
                        Color32::RED,
                    )]
                });
                assert!(!mesh.vertices.is_empty(), "a mesh for {key}");
                boxes.push(mesh.calc_bounds());
            }
        });
        output.textures_delta.clear();
        (built, boxes)
    }

    #[test]
    fn a_mesh_moved_by_whole_pixels_is_moved_and_by_part_of_one_built_again() {
        let ctx = egui::Context::default();
        let at = |x: f32, y: f32| egui::pos2(x, y);
        let (built, boxes) = pass_at(&ctx, &[("a", 1, at(0.0, 0.0))]);
        assert_eq!(built, 1, "built");
        // The box reaches past the rectangle by its anti-aliased edge.
        let edge = boxes[0].min.to_vec2();
        let (built, boxes) = pass_at(&ctx, &[("a", 1, at(0.0, 48.0))]);
        assert_eq!(built, 0, "moved down a card");
        assert_eq!(
            boxes[0].min - edge,
            at(0.0, 48.0),
            "drawn where it now is, not where it was built"
        );
        let (built, boxes) = pass_at(&ctx, &[("a", 1, at(3.0, 8.0))]);
        assert_eq!(built, 0, "moved again, from where it was last");
        assert_eq!(boxes[0].min - edge, at(3.0, 8.0), "at its new place");
        // (the tessellator puts a rectangle's edges on whole pixels, which
        // a mesh moved by half a pixel would lose)
        let (built, _) = pass_at(&ctx, &[("a", 1, at(3.0, 8.5))]);
        assert_eq!(built, 1, "half a pixel: built again");
        let (built, _) = pass_at(&ctx, &[("a", 2, at(3.0, 8.5))]);
        assert_eq!(built, 1, "new content in place: built again");
    }

    #[test]
    fn a_mesh_is_built_once_and_again_only_when_its_content_changes() {
        let ctx = egui::Context::default();
        assert_eq!(pass(&ctx, &[("a", 1), ("b", 1)]), 2);
        assert_eq!(pass(&ctx, &[("a", 1), ("b", 1)]), 0, "both kept");
        assert_eq!(pass(&ctx, &[("a", 2), ("b", 1)]), 1, "a changed");
    }

    #[test]
    fn meshes_not_drawn_in_the_last_pass_are_dropped() {
        let ctx = egui::Context::default();
        let store = egui::Id::unique("test store");
        pass(&ctx, &[("a", 1), ("b", 1), ("c", 1)]);
        pass(&ctx, &[("a", 1)]);
        // b and c went out of view; the next pass lets them go.
        pass(&ctx, &[("a", 1)]);
        assert_eq!(KeptMeshes::len(&ctx, store), 1);
        assert_eq!(pass(&ctx, &[("a", 1), ("b", 1)]), 1, "b is built again");
    }

    #[test]
    fn a_new_scale_makes_new_meshes() {
        let ctx = egui::Context::default();
        assert_eq!(pass(&ctx, &[("a", 1)]), 1);
        ctx.set_zoom_factor(1.5);
        assert_eq!(pass(&ctx, &[("a", 1)]), 1, "built again at the new scale");
    }
}

#[cfg(test)]
mod growth_tests {
    use super::*;

    #[test]
    fn a_frame_that_grew_the_font_atlas_is_followed_by_another() {
        let ctx = egui::Context::default();
        let frame = |text: Option<String>| {
            let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
                if let Some(text) = &text {
                    // New glyphs, big: the atlas has to grow for them.
                    ui.label(egui::RichText::new(text).size(90.0));
                }
                repaint_if_atlas_grew(ui.ctx());
            });
            output.textures_delta.clear();
            output
                .viewport_output
                .values()
                .any(|v| v.repaint_delay.is_zero())
        };
        for _ in 0..3 {
            frame(None);
        }
        assert!(!frame(None), "nothing new: no extra frame");
        let glyphs: String = ('A'..='Z').chain('a'..='z').chain('0'..='9').collect();
        assert!(frame(Some(glyphs)), "the atlas grew: one more frame");
    }
}

#[cfg(test)]
mod galley_tests {
    use super::*;

    /// A pass that takes the atlas stamp, as the chart's marks and the
    /// cards do in every frame.
    fn frame(ctx: &egui::Context) {
        ctx.run_ui(egui::RawInput::default(), |ui| {
            let _ = AtlasStamp::now(ui.ctx());
        })
        .textures_delta
        .clear();
    }

    /// Fonts changed: egui builds a new atlas at the next pass.
    fn another_atlas(ctx: &egui::Context) {
        let mut fonts = egui::FontDefinitions::default();
        let family = fonts.families[&egui::FontFamily::Proportional].clone();
        fonts
            .families
            .insert(egui::FontFamily::Name("another".into()), family);
        ctx.set_fonts(fonts);
    }

    fn layout(ctx: &egui::Context, text: &str) -> Arc<Galley> {
        ctx.fonts_mut(|f| {
            f.layout_no_wrap(
                text.to_owned(),
                FontId::proportional(13.0),
                Color32::PLACEHOLDER,
            )
        })
    }

    #[test]
    fn galleys_are_kept_across_frames_for_one_atlas_at_one_scale() {
        let ctx = egui::Context::default();
        frame(&ctx);
        let mut kept = KeptGalleys::default();
        let stamp = AtlasStamp::now(&ctx);
        kept.begin(&stamp);
        let first = kept.get_or_layout(1, || layout(&ctx, "CI"));
        // egui's own cache forgets a galley not used in the last frame.
        frame(&ctx);
        frame(&ctx);
        kept.begin(&AtlasStamp::now(&ctx));
        assert!(
            Arc::ptr_eq(&first, &kept.get_or_layout(1, || layout(&ctx, "CI"))),
            "same atlas and scale: kept"
        );
        let other = kept.get_or_layout(2, || layout(&ctx, "CD"));
        assert!(!Arc::ptr_eq(&first, &other), "another key, another galley");
        let mut scaled = stamp.clone();
        scaled.set_pixels_per_point_for_test(2.0);
        kept.begin(&scaled);
        assert_eq!(kept.len(), 0, "another scale: laid out again");
        kept.begin(&stamp);
        let _ = kept.get_or_layout(1, || layout(&ctx, "CI"));
        // A new atlas (fonts changed, or the old one filled up): egui
        // empties its galley cache, so the stamp's witness is new.
        another_atlas(&ctx);
        frame(&ctx);
        let rebuilt = AtlasStamp::now(&ctx);
        assert!(!rebuilt.still_matches(&stamp), "the atlas was rebuilt");
        kept.begin(&rebuilt);
        assert_eq!(kept.len(), 0, "another atlas: laid out again");
        for key in 0..=MAX_KEPT_GALLEYS as u64 {
            let _ = kept.get_or_layout(key, || Arc::clone(&first));
        }
        kept.begin(&rebuilt);
        assert_eq!(kept.len(), 0, "past its bound it starts afresh");
    }

    #[test]
    fn the_shared_store_of_a_context_keeps_its_galleys_between_frames() {
        let ctx = egui::Context::default();
        frame(&ctx);
        let id = egui::Id::unique("test galleys");
        let first = KeptGalleys::shared(&ctx, id)
            .lock()
            .get_or_layout(7, || layout(&ctx, "Identity"));
        frame(&ctx);
        frame(&ctx);
        let again = KeptGalleys::shared(&ctx, id)
            .lock()
            .get_or_layout(7, || layout(&ctx, "Identity"));
        assert!(Arc::ptr_eq(&first, &again), "kept in the context");
    }

    #[test]
    fn the_shared_store_is_emptied_in_the_first_pass_on_a_new_atlas() {
        let ctx = egui::Context::default();
        let id = egui::Id::unique("test galleys, new atlas");
        let in_pass = |text: &'static str| {
            let mut galley = None;
            ctx.run_ui(egui::RawInput::default(), |ui| {
                galley = Some(
                    KeptGalleys::shared(ui.ctx(), id)
                        .lock()
                        .get_or_layout(7, || layout(ui.ctx(), text)),
                );
            })
            .textures_delta
            .clear();
            galley.expect("the pass ran")
        };
        let first = in_pass("Identity");
        assert!(Arc::ptr_eq(&first, &in_pass("Identity")), "kept");
        // Asked for between passes: the next pass still checks the atlas.
        let _ = KeptGalleys::shared(&ctx, id);
        another_atlas(&ctx);
        let after = in_pass("Identity");
        assert!(
            !Arc::ptr_eq(&first, &after),
            "laid out again in the new atlas"
        );
    }
}
