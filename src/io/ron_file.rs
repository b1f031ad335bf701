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
    if portfolio.uses_follow_up() || !portfolio.conflicts.is_empty() {
        2
    } else {
        1
    }
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
            message: if crate::model::is_direction_control(c) {
                format!(
                    "a direction override (U+{:04X}), which shows the text around it \
                     reordered, is not allowed in a portfolio file",
                    u32::from(c)
                )
            } else {
                format!(
                    "a control character (U+{:04X}) is not allowed in a portfolio file",
                    u32::from(c)
                )
            },
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
    // Every control character but tab and line breaks is a byte below
    // 0x20, DEL, (U+0080 to U+009F) two bytes led by 0xC2, or (the
    // direction controls) E2 80 AA-AE and E2 81 A6-A9: a file without
    // those bytes, nearly every file, is passed over a byte at a time, not
    // decoded into characters line by line.
    let bytes = text.as_bytes();
    let suspect = |(at, b): (usize, &u8)| match *b {
        b'\t' | b'\n' | b'\r' => false,
        0..0x20 | 0x7F | 0xC2 => true,
        0xE2 => matches!(
            bytes.get(at + 1..at + 3),
            Some([0x80, 0xAA..=0xAE] | [0x81, 0xA6..=0xA9])
        ),
        _ => false,
    };
    if !bytes.iter().enumerate().any(suspect) {
        return None;
    }
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

/// Where each merge conflict starts in file text, as 1-based line and
/// column: the `at:` of each entry of the `conflicts` list, for as many
/// as are found (a file written on one line gives none).
#[must_use]
pub fn conflict_places(text: &str) -> Vec<(usize, usize)> {
    let mut lines = text.lines().enumerate();
    if !lines.any(|(_, line)| line.trim_start().starts_with("conflicts:")) {
        return Vec::new();
    }
    let mut places = Vec::new();
    for (index, line) in lines {
        let trimmed = line.trim_start();
        if trimmed.starts_with("at:") {
            let column = line[..line.len() - trimmed.len()].chars().count() + 1;
            places.push((index + 1, column));
        } else if trimmed.starts_with("name:") || trimmed.starts_with("capabilities:") {
            // The portfolio's own fields come after its conflicts.
            break;
        }
    }
    places
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
mod tests;
