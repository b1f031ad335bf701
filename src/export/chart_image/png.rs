//! The chart as PNG, and the fonts it is drawn with.

use super::{Arc, ChartOptions, Date, FONT_FAMILY, ImageError, Portfolio, svg_document};
use crate::export::fonts as bundled;

/// The chart as a PNG image, rendered from the SVG with the bundled font,
/// and the system's fonts for characters it lacks (CJK, emoji…).
///
/// # Errors
/// An impossible size, or a rendering failure.
pub fn chart_png(
    portfolio: &Portfolio,
    today: Date,
    width: u32,
    height: u32,
    options: ChartOptions<'_>,
) -> Result<Vec<u8>, ImageError> {
    let svg = svg_document(portfolio, today, width, height, options, true)?;
    let options = resvg::usvg::Options {
        font_family: FONT_FAMILY.to_owned(),
        fontdb: Arc::new(font_database(&shown_texts(portfolio))),
        ..resvg::usvg::Options::default()
    };
    let tree = resvg::usvg::Tree::from_str(&svg, &options)
        .map_err(|e| ImageError::Render(e.to_string()))?;
    let mut pixmap =
        resvg::tiny_skia::Pixmap::new(width, height).ok_or(ImageError::Size(width, height))?;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::default(),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| ImageError::Render(e.to_string()))
}

/// The portfolio's texts an image shows: its name, quarter and the names.
fn shown_texts(portfolio: &Portfolio) -> Vec<&str> {
    let mut texts = vec![portfolio.name.as_str()];
    texts.extend(portfolio.quarter.as_deref());
    texts.extend(portfolio.capabilities.iter().map(|c| c.name.as_str()));
    texts
}

/// The characters of `texts` that the bundled font cannot draw.
pub(super) fn missing_from_bundled(texts: &[&str]) -> Vec<char> {
    use skrifa::MetadataProvider as _;
    let Ok(font) = skrifa::FontRef::new(bundled::regular()) else {
        return Vec::new();
    };
    let charmap = font.charmap();
    let mut missing: Vec<char> = texts
        .iter()
        .flat_map(|t| t.chars())
        .filter(|c| !c.is_whitespace() && !c.is_control() && charmap.map(*c).is_none())
        .collect();
    missing.sort_unstable();
    missing.dedup();
    missing
}

/// The bundled fonts, and the system's when the texts need characters the
/// bundled ones lack (loading them takes a moment, so only then).
fn font_database(texts: &[&str]) -> resvg::usvg::fontdb::Database {
    let mut fonts = resvg::usvg::fontdb::Database::new();
    fonts.load_font_data(bundled::regular().to_vec());
    fonts.load_font_data(bundled::bold().to_vec());
    if !missing_from_bundled(texts).is_empty() {
        fonts.load_system_fonts();
    }
    fonts
}

/// The characters among `wanted` that no font in `fonts` has.
fn missing_from(fonts: &resvg::usvg::fontdb::Database, wanted: &[char]) -> Vec<char> {
    use skrifa::MetadataProvider as _;
    let mut missing: Vec<char> = wanted.to_vec();
    for face in fonts.faces() {
        if missing.is_empty() {
            break;
        }
        let found: Vec<char> = fonts
            .with_face_data(face.id, |data, index| {
                skrifa::FontRef::from_index(data, index)
                    .map(|font| {
                        let charmap = font.charmap();
                        missing
                            .iter()
                            .copied()
                            .filter(|c| charmap.map(*c).is_some())
                            .collect()
                    })
                    .unwrap_or_default()
            })
            .unwrap_or_default();
        missing.retain(|c| !found.contains(c));
    }
    missing
}

/// The capability names a PNG of `portfolio` cannot draw whole on this
/// machine: characters that neither the bundled font nor any system font
/// has (they would show as empty boxes).
#[must_use]
pub fn undrawable_names(portfolio: &Portfolio) -> Vec<String> {
    let texts = shown_texts(portfolio);
    let wanted = missing_from_bundled(&texts);
    if wanted.is_empty() {
        return Vec::new();
    }
    let missing = missing_from(&font_database(&texts), &wanted);
    texts
        .iter()
        .filter(|t| t.chars().any(|c| missing.contains(&c)))
        .map(|t| (*t).to_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Capability, Question, Score};

    fn png_of(name: &str) -> resvg::tiny_skia::Pixmap {
        let mut portfolio = Portfolio::new(name);
        let mut identity = Capability::new("identity", "Identity");
        for question in Question::ALL {
            identity.scores.set(question, Score::new(4));
        }
        portfolio.capabilities.push(identity.into());
        let today = Date::from_ymd(2026, 11, 27).expect("a real date");
        let png = chart_png(&portfolio, today, 400, 300, ChartOptions::default())
            .expect("a small chart draws");
        resvg::tiny_skia::Pixmap::decode_png(&png).expect("the PNG decodes")
    }

    #[test]
    fn a_png_draws_its_text_so_two_titles_give_two_pictures() {
        let (a, b) = (png_of("Plan A"), png_of("Plan B"));
        assert_eq!((a.width(), a.height()), (400, 300), "the size asked for");
        assert_ne!(
            a.data(),
            b.data(),
            "the titles differ, so the pictures do (no fonts: no text at all)"
        );
    }

    #[test]
    fn system_fonts_are_loaded_only_for_characters_the_bundled_fonts_lack() {
        let fonts = font_database(&["Identity", "Données à caractère personnel"]);
        assert_eq!(
            fonts.len(),
            2,
            "the bundled regular and bold faces, nothing from the system"
        );
        assert!(
            fonts
                .faces()
                .all(|face| face.families.iter().any(|(name, _)| name == FONT_FAMILY)),
            "both faces are {FONT_FAMILY}"
        );
    }
}
