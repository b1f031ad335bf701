//! A mesh built from pieces, each kept tessellated between builds.
//!
//! The chart's marks are one kept mesh, built again whenever the chart
//! changes. An edit moves one or two dots, but building again tessellated
//! every label, halo and whisker: at 200 capabilities, a fifth of what the
//! edit's frame added. Built from pieces, a new build tessellates only the
//! pieces that are new and copies the others.

use std::sync::Arc;

use eframe::egui::{self, Shape, epaint::Mesh};

use super::kept_mesh::AtlasStamp;

/// The pieces of the last build, by the hash of what each shows.
#[derive(Default)]
pub struct KeptPieces {
    /// The atlas the pieces' glyphs point into, at its scale.
    stamp: Option<AtlasStamp>,
    pieces: std::collections::HashMap<u64, Arc<Mesh>>,
}

/// One piece of a mesh: the hash of everything it shows (where, in what
/// colour, with what text), and how to make its shapes when not kept.
pub struct Piece<F: FnOnce() -> Vec<Shape>> {
    /// The hash of what the piece shows.
    pub key: u64,
    /// Its shapes, made only when the piece is not kept.
    pub shapes: F,
}

impl KeptPieces {
    /// One mesh of `pieces` in order, under `stamp`: a piece the last build
    /// had is copied, any other is tessellated. Only this build's pieces
    /// are kept afterwards, so the store holds one chart's worth. Returns
    /// the mesh and how many pieces were tessellated.
    pub fn build<F: FnOnce() -> Vec<Shape>>(
        &mut self,
        ctx: &egui::Context,
        stamp: &AtlasStamp,
        pieces: impl IntoIterator<Item = Piece<F>>,
    ) -> (Mesh, usize) {
        if !self.stamp.as_ref().is_some_and(|s| s.still_matches(stamp)) {
            self.pieces.clear();
            self.stamp = Some(stamp.clone());
        }
        let mut kept = std::collections::HashMap::with_capacity(self.pieces.len());
        let mut mesh = Mesh::default();
        let mut tessellated = 0;
        for piece in pieces {
            let part = match self.pieces.get(&piece.key).or_else(|| kept.get(&piece.key)) {
                Some(part) => Arc::clone(part),
                None => {
                    tessellated += 1;
                    Arc::new(stamp.tessellate(ctx, (piece.shapes)()))
                }
            };
            if !part.is_empty() {
                mesh.append_ref(&part);
            }
            kept.insert(piece.key, part);
        }
        self.pieces = kept;
        (mesh, tessellated)
    }

    /// The store `id` of `ctx`.
    pub fn shared(ctx: &egui::Context, id: egui::Id) -> Arc<egui::mutex::Mutex<Self>> {
        ctx.data_mut(|d| {
            d.get_temp_mut_or_default::<Arc<egui::mutex::Mutex<Self>>>(id)
                .clone()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use eframe::egui::{Color32, Pos2, Rect, vec2};

    /// A square piece at `x`, keyed by where it is.
    fn square(x: f32) -> Piece<impl FnOnce() -> Vec<Shape>> {
        Piece {
            key: egui::util::hash(x.to_bits()),
            shapes: move || {
                vec![Shape::rect_filled(
                    Rect::from_min_size(Pos2::new(x, 0.0), vec2(10.0, 10.0)),
                    2.0,
                    Color32::RED,
                )]
            },
        }
    }

    /// Builds `xs` as squares; returns the mesh and how many were
    /// tessellated.
    fn build(store: &mut KeptPieces, ctx: &egui::Context, xs: &[f32]) -> (Mesh, usize) {
        let stamp = AtlasStamp::now(ctx);
        store.build(ctx, &stamp, xs.iter().map(|&x| square(x)))
    }

    fn setup() -> egui::Context {
        let ctx = egui::Context::default();
        let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
        output.textures_delta.clear();
        ctx
    }

    #[test]
    fn only_new_pieces_are_tessellated_and_the_mesh_is_the_same() {
        let ctx = setup();
        let mut store = KeptPieces::default();
        let (first, made) = build(&mut store, &ctx, &[0.0, 20.0, 40.0]);
        assert_eq!(made, 3, "a first build tessellates every piece");
        let (again, made) = build(&mut store, &ctx, &[0.0, 20.0, 60.0]);
        assert_eq!(made, 1, "only the moved square is tessellated again");
        let mut fresh = KeptPieces::default();
        let (whole, _) = build(&mut fresh, &ctx, &[0.0, 20.0, 60.0]);
        assert_eq!(
            again.vertices, whole.vertices,
            "the same vertices as a build from scratch"
        );
        assert_eq!(
            again.indices, whole.indices,
            "the same triangles as a build from scratch"
        );
        assert_ne!(again.vertices, first.vertices, "the moved square moved");
    }

    #[test]
    fn pieces_are_drawn_in_the_order_given() {
        let ctx = setup();
        let mut store = KeptPieces::default();
        let _ = build(&mut store, &ctx, &[0.0, 20.0]);
        let (swapped, made) = build(&mut store, &ctx, &[20.0, 0.0]);
        assert_eq!(made, 0, "both kept");
        let first_x = swapped.vertices.first().map(|v| v.pos.x);
        assert!(
            first_x.is_some_and(|x| x > 15.0),
            "the square at 20 first: {first_x:?}"
        );
    }

    #[test]
    fn only_the_last_build_is_kept_and_a_new_scale_drops_it() {
        let ctx = setup();
        let mut store = KeptPieces::default();
        let _ = build(&mut store, &ctx, &[0.0, 20.0]);
        let _ = build(&mut store, &ctx, &[40.0]);
        assert_eq!(
            store.pieces.len(),
            1,
            "pieces the last build lacked are dropped"
        );
        let (_, made) = build(&mut store, &ctx, &[0.0]);
        assert_eq!(made, 1, "a piece two builds old is made again");
        let mut fresh = KeptPieces::default();
        let (twice, made) = build(&mut fresh, &ctx, &[5.0, 5.0]);
        assert_eq!(made, 1, "the same piece twice is made once");
        let (once, _) = build(&mut KeptPieces::default(), &ctx, &[5.0]);
        assert_eq!(
            twice.vertices.len(),
            2 * once.vertices.len(),
            "and drawn twice"
        );
        let mut stamp = AtlasStamp::now(&ctx);
        stamp.set_pixels_per_point_for_test(2.0);
        let (_, made) = store.build(&ctx, &stamp, [square(0.0)]);
        assert_eq!(made, 1, "another scale makes the piece again");
    }
}
