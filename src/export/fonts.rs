//! The bundled `DejaVu Sans` fonts. The binary holds them deflated, as a
//! WOFF font holds its tables (`build.rs` deflates them); each is inflated
//! the first time it is asked for, in about 4 ms, and kept.

use std::sync::LazyLock;

/// More than any font bundled here inflates to; embedded data that claims
/// more is not ours.
const MAX_FONT: usize = 4 << 20;

static REGULAR: LazyLock<Vec<u8>> = LazyLock::new(|| {
    inflate(include_bytes!(concat!(
        env!("OUT_DIR"),
        "/DejaVuSans.ttf.deflate"
    )))
});

static BOLD: LazyLock<Vec<u8>> = LazyLock::new(|| {
    inflate(include_bytes!(concat!(
        env!("OUT_DIR"),
        "/DejaVuSans-Bold.ttf.deflate"
    )))
});

/// The bundled regular font.
#[must_use]
pub fn regular() -> &'static [u8] {
    &REGULAR
}

/// The bundled bold font.
#[must_use]
pub fn bold() -> &'static [u8] {
    &BOLD
}

/// The font `deflated` holds; empty if it does not inflate, which every
/// user of a font already handles as a font that does not parse.
fn inflate(deflated: &[u8]) -> Vec<u8> {
    miniz_oxide::inflate::decompress_to_vec_with_limit(deflated, MAX_FONT).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asset(name: &str) -> Vec<u8> {
        let path = format!("{}/assets/fonts/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read(&path).unwrap_or_else(|err| panic!("{path}: {err}"))
    }

    #[test]
    fn each_font_inflates_to_the_bundled_file_byte_for_byte() {
        assert!(
            regular() == asset("DejaVuSans.ttf").as_slice(),
            "the regular font differs from assets/fonts/DejaVuSans.ttf"
        );
        assert!(
            bold() == asset("DejaVuSans-Bold.ttf").as_slice(),
            "the bold font differs from assets/fonts/DejaVuSans-Bold.ttf"
        );
    }

    #[test]
    fn data_that_does_not_inflate_gives_no_font_and_no_panic() {
        assert!(
            inflate(b"not deflate data").is_empty(),
            "garbage inflated to something"
        );
        assert!(inflate(&[]).is_empty(), "nothing inflated to something");
    }

    #[test]
    fn a_font_is_inflated_once() {
        assert!(
            std::ptr::eq(regular(), regular()),
            "the regular font was inflated again"
        );
    }
}
