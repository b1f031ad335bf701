//! The portfolio file: RON, a `format` version first, one capability per
//! block in the user's order, byte-identical for the same portfolio.

use std::io::Read;
use std::path::Path;

use ron::extensions::Extensions;
use ron::ser::PrettyConfig;
use serde::{Deserialize, Serialize};

use super::{Backup, LoadError, SaveError, write_atomically};
use crate::model::{Portfolio, validate};

/// The newest file format this build reads.
///
/// Format 2 added what the room records after it decides (review dates,
/// readiness, the minimum standard, migrations, adoption, targets and
/// roles). A portfolio that uses none of it is still written as format 1,
/// byte for byte as before, so older builds keep opening it; one that
/// does is written as 2, which older builds refuse as newer instead of
/// tripping over a field they do not know.
pub const FORMAT_VERSION: u32 = 2;

/// The format `portfolio` is written in: the oldest that holds it.
#[must_use]
pub fn written_format(portfolio: &Portfolio) -> u32 {
    if portfolio.uses_follow_up() { 2 } else { 1 }
}

/// Files larger than this are refused before parsing (50 MB).
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

#[derive(Serialize)]
#[serde(rename = "capmap")]
struct FileOut<'a> {
    format: u32,
    portfolio: &'a Portfolio,
}

#[derive(Deserialize)]
#[serde(rename = "capmap", deny_unknown_fields)]
struct FileIn {
    format: u64,
    portfolio: Portfolio,
}

/// Reads only the version, ignoring everything else, so that a file from a
/// newer capmap is refused for its version rather than for a field this
/// build does not know.
#[derive(Deserialize)]
struct VersionProbe {
    format: Option<u64>,
}

fn options() -> ron::Options {
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME)
}

/// The portfolio as file text.
///
/// # Errors
/// Only if the portfolio holds a value RON cannot write (it cannot today).
pub fn to_ron(portfolio: &Portfolio) -> Result<String, ron::Error> {
    ron_text(&FileOut {
        format: written_format(portfolio),
        portfolio,
    })
}

/// Any value as capmap writes RON: pretty, `\n` line ends, plain optionals.
///
/// # Errors
/// Only if the value holds something RON cannot write.
pub fn ron_text<T: Serialize>(value: &T) -> Result<String, ron::Error> {
    let config = PrettyConfig::new()
        .new_line("\n")
        .indentor("    ")
        .struct_names(false)
        .escape_strings(false)
        .extensions(Extensions::IMPLICIT_SOME);
    let mut text = ron::ser::to_string_pretty(value, config)?;
    text.push('\n');
    Ok(text)
}

/// Parses RON bytes into any value, with the same size, encoding and
/// location rules as portfolio files (no version or rule checks).
///
/// # Errors
/// Located syntax errors, oversized or non-UTF-8 input.
pub fn load_bytes_as<T: serde::de::DeserializeOwned>(
    bytes: &[u8],
    path: &Path,
) -> Result<T, LoadError> {
    let text = checked_text(bytes, path)?;
    options().from_str(text).map_err(|err| LoadError::Syntax {
        path: path.to_owned(),
        line: err.span.start.line,
        column: err.span.start.col,
        message: describe(&err.code),
    })
}

/// Parses and validates file text; `path` is only used in messages.
///
/// # Errors
/// A located syntax error, a newer format, or every rule problem.
pub fn from_ron(text: &str, path: &Path) -> Result<Portfolio, LoadError> {
    let syntax = |err: ron::error::SpannedError| LoadError::Syntax {
        path: path.to_owned(),
        line: err.span.start.line,
        column: err.span.start.col,
        message: describe(&err.code),
    };
    let newer = |found: u64| LoadError::NewerFormat {
        path: path.to_owned(),
        found,
        supported: FORMAT_VERSION,
    };
    // A portfolio is plain text git diffs as text: a raw control
    // character (an escape sequence for a terminal, a NUL) is refused where
    // it stands. Escaped ones ("\u{1b}") are caught by validation.
    if let Some((line, column, c)) = first_control(text) {
        return Err(LoadError::Syntax {
            path: path.to_owned(),
            line,
            column,
            message: format!(
                "a control character (U+{:04X}) is not allowed in a portfolio file",
                u32::from(c)
            ),
        });
    }
    let file: FileIn = match options().from_str(text) {
        Ok(file) => file,
        Err(err) => {
            // A file from a newer capmap is refused for its version, not for
            // a field this build does not know. Only a file that failed is
            // probed, so a good file is parsed once.
            if let Ok(VersionProbe {
                format: Some(found),
            }) = options().from_str::<VersionProbe>(text)
                && found > u64::from(FORMAT_VERSION)
            {
                return Err(newer(found));
            }
            return Err(syntax(err));
        }
    };
    if file.format > u64::from(FORMAT_VERSION) {
        return Err(newer(file.format));
    }
    if file.format == 0 {
        return Err(LoadError::Syntax {
            path: path.to_owned(),
            line: 1,
            column: 1,
            message: "format 0 is not a capmap file format; the first format is 1".to_owned(),
        });
    }
    let problems = validate(&file.portfolio);
    if problems.is_empty() {
        Ok(file.portfolio)
    } else {
        Err(LoadError::Invalid {
            path: path.to_owned(),
            problems,
        })
    }
}

/// The first control character other than tab and line breaks, with its
/// 1-based line and column.
fn first_control(text: &str) -> Option<(usize, usize, char)> {
    text.lines().enumerate().find_map(|(index, line)| {
        line.chars()
            .enumerate()
            .find(|&(_, c)| crate::model::is_forbidden_control(c, true))
            .map(|(column, c)| (index + 1, column + 1, c))
    })
}

/// Parses file bytes: refuses oversized input and non-UTF-8 text, accepts
/// and skips a UTF-8 byte order mark.
///
/// # Errors
/// As [`from_ron`], plus size and encoding problems.
pub fn load_bytes(bytes: &[u8], path: &Path) -> Result<Portfolio, LoadError> {
    from_ron(checked_text(bytes, path)?, path)
}

/// The bytes as text: refuses oversized input and non-UTF-8 text, accepts
/// and skips a UTF-8 byte order mark.
fn checked_text<'a>(bytes: &'a [u8], path: &Path) -> Result<&'a str, LoadError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(path, bytes.len() as u64));
    }
    let bytes = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|err| {
        let good = &bytes[..err.valid_up_to()];
        let line = good.split(|b| *b == b'\n').count();
        let line_start = good.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
        let column = 1 + String::from_utf8_lossy(&good[line_start..]).chars().count();
        LoadError::Syntax {
            path: path.to_owned(),
            line,
            column,
            message: "this byte is not UTF-8 text; save the file as UTF-8".to_owned(),
        }
    })
}

/// Opens a portfolio file.
///
/// # Errors
/// Unreadable, oversized, malformed, newer or invalid files, each located.
pub fn load(path: &Path) -> Result<Portfolio, LoadError> {
    let io = |source| LoadError::Io {
        path: path.to_owned(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    if size > MAX_FILE_BYTES {
        return Err(too_large(path, size));
    }
    // The size can change between the check and the read: never read more
    // than one byte past the limit.
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    load_bytes(&bytes, path)
}

/// Saves a portfolio atomically, keeping the previous file as `.bak`.
///
/// # Errors
/// When the file cannot be written; the file on disk is then unchanged.
pub fn save(portfolio: &Portfolio, path: &Path) -> Result<(), SaveError> {
    let text = to_ron(portfolio).map_err(|err| SaveError::Encode {
        path: path.to_owned(),
        message: err.to_string(),
    })?;
    write_atomically(path, text.as_bytes(), Backup::Keep).map_err(|source| SaveError::Io {
        path: path.to_owned(),
        source,
    })
}

fn too_large(path: &Path, size: u64) -> LoadError {
    // A size in MB for a message: precision beyond 2^52 bytes does not matter.
    let size_mb = size as f64 / (1024.0 * 1024.0);
    LoadError::TooLarge {
        path: path.to_owned(),
        size_mb,
        limit_mb: MAX_FILE_BYTES / (1024 * 1024),
    }
}

/// RON's message, with our internal type names replaced by what a person
/// editing the file sees.
fn describe(code: &ron::Error) -> String {
    code.to_string()
        .replace("`capmap`", "the file")
        .replace("`VersionProbe`", "the file")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Capability, Date, Exception, Score, Team, Zone};

    fn path() -> &'static Path {
        Path::new("p.ron")
    }

    fn sample() -> Portfolio {
        let mut portfolio = Portfolio::new("Sample \"quoted\" — ünïcode");
        portfolio.quarter = Some("2026-Q4".into());
        portfolio.notes = "line one\nline two".into();
        portfolio.teams.push(Team {
            id: "platform".into(),
            name: "Platform".into(),
        });
        let mut capability = Capability::new("identity", "Identity");
        capability.zone = Zone::RegulatedControl;
        capability.scores.reuse = Score::new(5);
        capability.scores.differentiation = Score::new(1);
        capability.owner = Some("platform".into());
        capability.exceptions.push(Exception {
            reason: "legacy".into(),
            approved_by: "CISO".into(),
            review_by: Date::from_ymd(2027, 3, 31).unwrap(),
        });
        capability.tags = vec!["security".into()];
        portfolio.capabilities.push(capability.into());
        portfolio
            .capabilities
            .push(Capability::new("logging", "Logging").into());
        portfolio
    }

    fn error_of(text: &str) -> LoadError {
        from_ron(text, path()).expect_err("should be refused")
    }

    fn location(error: &LoadError) -> (usize, usize) {
        match error {
            LoadError::Syntax { line, column, .. } => (*line, *column),
            other => panic!("expected a located syntax error, got {other:?}"),
        }
    }

    #[test]
    fn save_then_load_gives_the_same_portfolio_and_the_same_bytes() {
        let portfolio = sample();
        let text = to_ron(&portfolio).unwrap();
        let loaded = from_ron(&text, path()).unwrap();
        assert_eq!(loaded, portfolio);
        assert_eq!(to_ron(&loaded).unwrap(), text);
        assert!(text.starts_with("#![enable(implicit_some)]\n(\n    format: 1,\n"));
        assert!(!text.contains('\r'));
    }

    #[test]
    fn the_format_is_readable_and_one_capability_per_block() {
        let text = to_ron(&sample()).unwrap();
        assert!(text.contains(
            "        capabilities: [\n            (\n                id: \"identity\",\n"
        ));
        assert!(text.contains("reuse: 5,"), "{text}");
        assert!(text.contains("review_by: \"2027-03-31\""));
        assert!(text.contains("zone: RegulatedControl,"));
        assert!(
            !text.contains("cost:"),
            "missing scores are left out: {text}"
        );
    }

    #[test]
    fn older_files_without_new_fields_still_open() {
        let text =
            "(format: 1, portfolio: (name: \"Minimal\", capabilities: [(id: \"a\", name: \"A\")]))";
        let portfolio = from_ron(text, path()).unwrap();
        assert_eq!(portfolio.capabilities[0].zone, Zone::Unplaced);
        assert_eq!(portfolio.scoring, crate::model::ScoringSettings::default());
        // Explicit `Some(..)` is read too.
        let text = "(format: 1, portfolio: (name: \"M\", capabilities: [(id: \"a\", name: \"A\", scores: (reuse: Some(2)))]))";
        assert_eq!(
            from_ron(text, path()).unwrap().capabilities[0].scores.reuse,
            Score::new(2)
        );
    }

    #[test]
    fn empty_garbage_truncated_and_wrong_types_are_located() {
        assert_eq!(location(&error_of("")), (1, 1));
        let (line, _) = location(&error_of("hello world"));
        assert_eq!(line, 1);
        let text = to_ron(&sample()).unwrap();
        let truncated = &text[..text.len() / 2];
        let (line, _) = location(&error_of(truncated));
        assert!(line > 1);
        let wrong_type = "(format: 1, portfolio: (name: 5))";
        let error = error_of(wrong_type);
        assert_eq!(location(&error).0, 1);
        assert!(error.to_string().starts_with("p.ron:1:"), "{error}");
    }

    #[test]
    fn scores_of_0_6_and_2_5_are_located() {
        for bad in ["0", "6", "2.5", "-1", "99999999999999999999"] {
            let text = format!(
                "(\n  format: 1,\n  portfolio: (\n    name: \"P\",\n    capabilities: [(id: \"a\", name: \"A\",\n      scores: (reuse: {bad}))],\n  ),\n)"
            );
            let error = error_of(&text);
            assert_eq!(location(&error).0, 6, "score {bad}: {error}");
        }
        let error = error_of(
            "(format: 1, portfolio: (name: \"P\", capabilities: [(id: \"a\", name: \"A\", scores: (reuse: 6))]))",
        );
        assert!(error.to_string().contains("outside 1-5"), "{error}");
    }

    #[test]
    fn unknown_fields_are_named() {
        let error = error_of(
            "(format: 1, portfolio: (name: \"P\", capabilities: [(id: \"a\", name: \"A\", reus: 3)]))",
        );
        assert!(error.to_string().contains("reus"), "{error}");
    }

    #[test]
    fn rule_problems_name_the_capability() {
        let text = "(format: 1, portfolio: (name: \"P\", capabilities: [(id: \"a\", name: \"A\", owner: \"ghost\"), (id: \"a\", name: \"B\")]))";
        let error = error_of(text);
        let lines = error.lines();
        assert_eq!(
            lines,
            vec![
                "p.ron: capability a: the owner `ghost` is not a known team",
                "p.ron: capability a: this id is used by another capability too",
            ]
        );
    }

    #[test]
    fn a_newer_format_is_refused_even_with_unknown_fields() {
        let text = "(format: 3, portfolio: (name: \"P\", future_field: Thing(1)))";
        let error = error_of(text);
        assert!(
            matches!(error, LoadError::NewerFormat { found: 3, .. }),
            "{error:?}"
        );
        assert!(error.to_string().contains("update capmap"));
        // A newer file that this build happens to be able to read is still
        // refused: its meaning may have changed.
        assert!(matches!(
            error_of("(format: 7, portfolio: (name: \"P\"))"),
            LoadError::NewerFormat { found: 7, .. }
        ));
        assert!(matches!(
            error_of("(format: 0, portfolio: (name: \"P\"))"),
            LoadError::Syntax { .. }
        ));
        let missing = error_of("(portfolio: (name: \"P\"))");
        assert!(missing.to_string().contains("format"), "{missing}");
    }

    #[test]
    fn oversized_input_is_refused_before_parsing() {
        let big = vec![b' '; usize::try_from(MAX_FILE_BYTES).unwrap() + 1];
        assert!(matches!(
            load_bytes(&big, path()),
            Err(LoadError::TooLarge { .. })
        ));
    }

    #[test]
    fn a_byte_order_mark_is_skipped_and_bad_utf8_located() {
        let text = to_ron(&sample()).unwrap();
        let mut with_bom = b"\xEF\xBB\xBF".to_vec();
        with_bom.extend_from_slice(text.as_bytes());
        assert_eq!(load_bytes(&with_bom, path()).unwrap(), sample());
        let bad = b"(format: 1,\n  portfolio: (name: \"\xFF\"))";
        let error = load_bytes(bad, path()).unwrap_err();
        assert_eq!(location(&error), (2, 22));
        assert!(error.to_string().contains("UTF-8"));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let text = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let _ = error_of(&text);
    }

    #[test]
    fn save_is_atomic_keeps_a_backup_and_load_reads_it_back() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("p.ron");
        let mut portfolio = sample();
        save(&portfolio, &file).unwrap();
        let first = std::fs::read(&file).unwrap();
        portfolio.name = "Renamed".into();
        save(&portfolio, &file).unwrap();
        assert_eq!(load(&file).unwrap(), portfolio);
        assert_eq!(
            std::fs::read(super::super::backup_path(&file)).unwrap(),
            first
        );
        assert!(matches!(
            load(&dir.path().join("missing.ron")),
            Err(LoadError::Io { .. })
        ));
    }

    #[test]
    fn a_file_over_the_limit_is_refused_with_its_size_and_the_limit_in_mb() {
        let big = vec![b'}'; usize::try_from(MAX_FILE_BYTES).unwrap() + 1];
        let error = load_bytes(&big, path()).unwrap_err();
        assert_eq!(
            error.to_string(),
            "p.ron: the file is 50.0 MB; portfolio files larger than 50 MB are refused",
            "sizes in MB, as people know them"
        );
        let error = too_large(path(), 3 * MAX_FILE_BYTES / 2);
        assert!(
            error.to_string().contains("the file is 75.0 MB;"),
            "{error}"
        );
    }

    #[test]
    fn a_file_of_exactly_the_limit_is_read_to_its_last_byte() {
        // A bad byte at the very end of 50 MB: found where it is, so the
        // file was neither refused nor cut short. (Here and below, `}` fills
        // the file: should a size check let it through, the parser stops at
        // the first byte instead of reading 50 MB.)
        let limit = usize::try_from(MAX_FILE_BYTES).unwrap();
        let mut bytes = vec![b'}'; limit - 1];
        bytes.push(0xFF);
        let error = load_bytes(&bytes, path()).unwrap_err();
        assert_eq!(location(&error), (1, limit), "from memory: {error}");
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("p.ron");
        std::fs::write(&file, &bytes).unwrap();
        let error = load(&file).unwrap_err();
        assert_eq!(location(&error), (1, limit), "from disk: {error}");
        bytes.push(b' ');
        std::fs::write(&file, &bytes).unwrap();
        assert!(
            matches!(load(&file), Err(LoadError::TooLarge { .. })),
            "one byte more is refused"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_pipe_longer_than_the_limit_is_refused_as_too_large() {
        let over = vec![b'}'; usize::try_from(MAX_FILE_BYTES).unwrap() + 1];
        let (_dir, pipe) = super::super::test_pipe::pipe_with(over);
        let result = load(&pipe);
        assert!(
            matches!(result, Err(LoadError::TooLarge { .. })),
            "a pipe has no size up front: the limit holds while reading"
        );
    }

    #[test]
    fn a_raw_control_character_is_located_at_its_line_and_column() {
        let text = "(format: 1,\n  portfolio: (\n    name: \"A\u{1b}[31m\"))";
        assert_eq!(
            error_of(text).to_string(),
            "p.ron:3:13: a control character (U+001B) is not allowed in a portfolio file",
            "where an editor shows it"
        );
        let text = "\u{0}(format: 1, portfolio: (name: \"A\"))";
        assert_eq!(
            location(&error_of(text)),
            (1, 1),
            "the very first character counts from 1 too"
        );
    }
}
