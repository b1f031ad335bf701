//! The chart's marks as sprites: each dot, ring and overdue mark drawn
//! once into a small texture at its size on screen, then placed as one
//! textured quad per mark.

use eframe::egui::{self, Color32, Rect};

/// A small texture with the anti-aliased marks drawn at the size they take
/// on screen (a dot, the smaller overdue mark, the conflict ring), so they
/// stay crisp. Each mark is then a single textured quad: four vertices
/// instead of a tessellated circle's dozens, which matters at thousands of
/// dots.
#[derive(Clone)]
pub(super) struct DiscSprites {
    /// The dot radius in points and the scale it was drawn for: the quads'
    /// sizes in points depend on both.
    drawn_for: (u32, u32),
    pub(super) texture: egui::TextureHandle,
    pub(super) dot: Sprite,
    /// The inside of an undecided (hollow) dot.
    pub(super) hole: Sprite,
    pub(super) overdue: Sprite,
    pub(super) conflict: Sprite,
}

#[derive(Clone, Copy)]
pub(super) struct Sprite {
    pub(super) uv: Rect,
    /// Side of the quad in points.
    pub(super) side: f32,
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

pub(super) fn disc_sprites(ctx: &egui::Context, radius: f32) -> DiscSprites {
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
        MarkShape::Disc {
            radius: radius_px * HOLE_SCALE,
        },
    ];
    // A few pixels: the casts cannot truncate.
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
                // 0..=255: the cast cannot truncate.
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
        hole: sprites[3],
    };
    ctx.data_mut(|d| d.insert_temp(id, sprites.clone()));
    sprites
}

/// The conflict ring's radius around a dot of `radius` (its width is a
/// fifth of that, as `egui_plot` draws open markers).
pub(super) fn conflict_ring_radius(radius: f32) -> f32 {
    radius + 3.0
}

/// How big the overdue mark is beside a dot.
pub(super) const OVERDUE_SCALE: f32 = 0.55;

/// How much of an undecided dot is hollow.
pub(super) const HOLE_SCALE: f32 = 0.5;
