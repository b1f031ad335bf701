//! Text read from the user's files, names made from file paths, and the
//! bundled example.

use std::path::{Path, PathBuf};

use super::{MAX_FILE_BYTES, from_ron};
use crate::model::Portfolio;

/// The bundled example portfolio, as shipped in `assets/examples/`.
pub const EXAMPLE_PORTFOLIO: &str = include_str!("../../assets/examples/platform-2026-q4.ron");

/// The bundled example, parsed. It is tested to parse; should it ever not,
/// an empty portfolio is shown rather than nothing.
#[must_use]
pub fn example_portfolio() -> Portfolio {
    from_ron(EXAMPLE_PORTFOLIO, Path::new("example.ron"))
        .unwrap_or_else(|_| Portfolio::new(Portfolio::UNTITLED))
}

/// A file's name as people call it: `plan.ron`, or the whole path when it
/// has no name (`/`, `..`).
#[must_use]
pub fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// A portfolio name made from a file's name without its extension
/// (`q4-plan.csv` gives "q4-plan"), or `fallback`.
#[must_use]
pub fn name_from_stem(path: &Path, fallback: &str) -> String {
    path.file_stem()
        .map_or_else(|| fallback.to_owned(), |s| s.to_string_lossy().into_owned())
}

/// Where next quarter's file goes: beside `old`, with the quarter `from`
/// in its name replaced by `to` as the name writes it (`platform-2026-q4.ron`
/// gives `platform-2027-q1.ron`; `Q4_2026` gives `Q1_2027`), or `-2027-q1`
/// added when the name has no quarter in it.
#[must_use]
pub fn next_quarter_file(old: &Path, from: &str, to: &str) -> PathBuf {
    use crate::model::quarter_key;
    let stem = old
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    let extension = old
        .extension()
        .map_or_else(|| "ron".to_owned(), |e| e.to_string_lossy().into_owned());
    let (Some((y0, q0)), Some((y1, q1))) = (quarter_key(from), quarter_key(to)) else {
        return old.with_file_name(format!("{stem}-next.{extension}"));
    };
    let forms = |y: u32, q: u8| {
        [
            format!("{y}-q{q}"),
            format!("{y}_q{q}"),
            format!("{y}q{q}"),
            format!("{y} q{q}"),
            format!("q{q}-{y}"),
            format!("q{q}_{y}"),
            format!("q{q} {y}"),
        ]
    };
    let lower = stem.to_lowercase();
    let renamed = forms(y0, q0)
        .iter()
        .zip(forms(y1, q1))
        .find_map(|(old_form, new_form)| {
            // Only where lowercasing kept the byte positions (ASCII
            // around the quarter), so the slice below is the same text.
            let at = lower.find(old_form.as_str())?;
            let end = at + old_form.len();
            let original = stem.get(at..end)?;
            if !original.eq_ignore_ascii_case(old_form) {
                return None;
            }
            let upper = original.contains('Q');
            let new_form = if upper {
                new_form.to_uppercase()
            } else {
                new_form
            };
            Some(format!("{}{new_form}{}", &stem[..at], &stem[end..]))
        })
        .unwrap_or_else(|| format!("{stem}-{y1}-q{q1}"));
    old.with_file_name(format!("{renamed}.{extension}"))
}

/// Reads a spreadsheet's text, refusing huge files with a message. Text
/// that is not UTF-8 is read as Windows-1252 (what Excel and `LibreOffice`
/// write as "CSV" in many locales), with a note saying so.
///
/// # Errors
/// The reason, ready to print after the file name.
pub fn read_text(path: &Path) -> Result<(String, Option<String>), String> {
    use std::io::Read as _;
    let too_large = || {
        format!(
            "the file is larger than {} MB, the most capmap reads",
            MAX_FILE_BYTES / (1024 * 1024)
        )
    };
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    if file.metadata().map_err(|e| e.to_string())?.len() > MAX_FILE_BYTES {
        return Err(too_large());
    }
    // A pipe or a growing file has no size up front: never read more than
    // one byte past the limit.
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large());
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok((text, None)),
        Err(error) => {
            let bytes = error.into_bytes();
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(&bytes);
            Ok((
                text.into_owned(),
                Some("read as Windows-1252, not UTF-8; check the accents".to_owned()),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_quarters_file_replaces_the_quarter_in_the_name_as_written() {
        let next = |old: &str, from: &str, to: &str| {
            next_quarter_file(Path::new(old), from, to)
                .to_string_lossy()
                .into_owned()
        };
        assert_eq!(
            next("/w/platform-2026-q4.ron", "2026-Q4", "2027-Q1"),
            "/w/platform-2027-q1.ron",
            "the usual name"
        );
        assert_eq!(
            next("/w/Map Q4_2026.ron", "2026 Q4", "2027-Q1"),
            "/w/Map Q1_2027.ron",
            "its own order, separator and case"
        );
        assert_eq!(
            next("/w/map.ron", "2026-Q4", "2027-Q1"),
            "/w/map-2027-q1.ron",
            "no quarter in the name: added"
        );
        assert_eq!(
            next("/w/map.ron", "", "2027-Q1"),
            "/w/map-next.ron",
            "no quarter known at all"
        );
    }

    #[test]
    fn names_come_from_the_file_or_the_fallback() {
        assert_eq!(file_name(Path::new("/work/q4 plan.ron")), "q4 plan.ron");
        assert_eq!(file_name(Path::new("/")), "/");
        assert_eq!(name_from_stem(Path::new("/w/q4-plan.csv"), "X"), "q4-plan");
        assert_eq!(
            name_from_stem(Path::new("/"), "Imported portfolio"),
            "Imported portfolio"
        );
    }

    #[test]
    fn the_example_parses() {
        assert_ne!(example_portfolio().name, Portfolio::UNTITLED);
        assert!(example_portfolio().capabilities.len() > 10);
    }

    #[test]
    fn utf8_is_read_as_is_and_windows_1252_with_a_note() {
        let dir = tempfile::tempdir().unwrap();
        let utf8 = dir.path().join("utf8.csv");
        std::fs::write(&utf8, "name\nCafé €\n").unwrap();
        assert_eq!(
            read_text(&utf8),
            Ok(("name\nCafé €\n".to_owned(), None)),
            "UTF-8 needs no note"
        );
        let excel = dir.path().join("excel.csv");
        std::fs::write(&excel, b"name\nCaf\xE9 \x80\n").unwrap();
        assert_eq!(
            read_text(&excel),
            Ok((
                "name\nCafé €\n".to_owned(),
                Some("read as Windows-1252, not UTF-8; check the accents".to_owned())
            )),
            "é and € as Excel writes them in Western Europe"
        );
        assert!(
            read_text(&dir.path().join("missing.csv")).is_err(),
            "a missing file is an error"
        );
    }

    #[test]
    fn a_file_of_exactly_the_limit_is_read_and_one_byte_more_is_refused_in_mb() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.csv");
        let file = std::fs::File::create(&path).unwrap();
        file.set_len(MAX_FILE_BYTES).unwrap();
        let (text, note) = read_text(&path).expect("50 MB is allowed");
        assert_eq!(text.len() as u64, MAX_FILE_BYTES, "all of it is read");
        assert_eq!(note, None, "zero bytes are UTF-8");
        file.set_len(MAX_FILE_BYTES + 1).unwrap();
        assert_eq!(
            read_text(&path),
            Err("the file is larger than 50 MB, the most capmap reads".to_owned()),
            "one byte more is too much"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_pipe_longer_than_the_limit_is_refused_not_cut_short() {
        let over = usize::try_from(MAX_FILE_BYTES).unwrap() + 1;
        let (_dir, pipe) = super::super::test_pipe::pipe_with(vec![b'a'; over]);
        let result = read_text(&pipe);
        assert_eq!(
            result,
            Err("the file is larger than 50 MB, the most capmap reads".to_owned()),
            "a pipe has no size up front: the limit holds while reading"
        );
    }
}
