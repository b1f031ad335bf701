//! A card's name: as large as fits, broken between words, never inside one.

use std::sync::Arc;

use eframe::egui::{self, Color32, FontId, Galley};

use super::card::layout;

/// The size a card's name is drawn at, unless a word would not fit.
const NAME_SIZE: f32 = 14.0;

/// The smallest size a card's name shrinks to so its longest word fits.
const NAME_MIN_SIZE: f32 = 11.0;

/// A card's name in at most `rows` lines of `width`, broken between words:
/// when its longest word is wider than the card, the name is drawn smaller
/// (down to [`NAME_MIN_SIZE`]); when even that is too wide, it takes one
/// line cut with an ellipsis rather than "Recommendati / on engine".
pub(super) fn name_galley(
    ctx: &egui::Context,
    name: &str,
    color: Color32,
    width: f32,
    rows: usize,
) -> Arc<Galley> {
    let width = width.max(1.0);
    let longest = name
        .split_whitespace()
        .map(|word| layout(ctx, word, NAME_SIZE, color).size().x)
        .fold(0.0, f32::max);
    let mut size = NAME_SIZE;
    let mut rows = rows;
    if longest > width {
        // Glyph widths do not scale exactly: shrink, measure again.
        let too_wide = |size: f32| {
            name.split_whitespace()
                .any(|word| layout(ctx, word, size, color).size().x > width)
        };
        size = (NAME_SIZE * width / longest).max(NAME_MIN_SIZE);
        while too_wide(size) && size > NAME_MIN_SIZE {
            size = (size - 0.5).max(NAME_MIN_SIZE);
        }
        if too_wide(size) {
            rows = 1;
        }
    }
    let mut job =
        egui::text::LayoutJob::simple(name.to_owned(), FontId::proportional(size), color, width);
    job.wrap.max_rows = rows;
    job.wrap.break_anywhere = false;
    job.wrap.overflow_character = Some('…');
    ctx.fonts_mut(|f| f.layout_job(job))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rows of a galley as text.
    fn rows(galley: &Galley) -> Vec<String> {
        galley
            .rows
            .iter()
            .map(|row| row.glyphs.iter().map(|g| g.chr).collect::<String>())
            .map(|row| row.trim().to_owned())
            .collect()
    }

    #[test]
    fn card_names_break_between_words_never_inside_one() {
        let ctx = egui::Context::default();
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            let ctx = ui.ctx();
            let color = Color32::WHITE;
            let word = layout(ctx, "Recommendation", NAME_SIZE, color).size().x;
            // Too narrow for the long word at full size: smaller, whole.
            let galley = name_galley(ctx, "Recommendation engine", color, word * 0.9, 2);
            assert_eq!(rows(&galley), ["Recommendation", "engine"]);
            // Too narrow even when smaller: one line, cut with an ellipsis.
            let galley = name_galley(ctx, "Recommendation engine", color, word * 0.5, 2);
            let cut = rows(&galley);
            assert_eq!(cut.len(), 1);
            assert!(cut[0].ends_with('…'), "{cut:?}");
            // Wide enough: full size, broken between the words.
            let container = layout(ctx, "Container", NAME_SIZE, color).size().x;
            let galley = name_galley(ctx, "Container runtime", color, container * 1.05, 2);
            assert_eq!(rows(&galley), ["Container", "runtime"]);
        });
        output.textures_delta.clear();
    }
}
