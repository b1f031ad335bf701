//! What can go wrong reading or writing a portfolio file, with where.

use std::path::PathBuf;

use crate::model::Problem;

/// Why a file could not be opened as a portfolio.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read at all.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The file is bigger than any real portfolio.
    #[error(
        "{path}: the file is {size_mb:.1} MB; portfolio files larger than {limit_mb} MB are refused"
    )]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size in megabytes.
        size_mb: f64,
        /// The limit in megabytes.
        limit_mb: u64,
    },
    /// The text is not valid RON for a portfolio.
    #[error("{path}:{line}:{column}: {message}")]
    Syntax {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong there.
        message: String,
    },
    /// The file was written by a newer capmap.
    #[error(
        "{path}: this file uses format {found}, but this capmap reads format {supported} and \
         older; update capmap to open it"
    )]
    NewerFormat {
        /// The file.
        path: PathBuf,
        /// The version in the file.
        found: u64,
        /// The newest version this build reads.
        supported: u32,
    },
    /// The file parses but breaks the portfolio's rules.
    #[error("{}", format_problems(path, problems))]
    Invalid {
        /// The file.
        path: PathBuf,
        /// Every problem found.
        problems: Vec<Problem>,
    },
}

impl LoadError {
    /// One line per problem, as `capmap check` prints them.
    #[must_use]
    pub fn lines(&self) -> Vec<String> {
        match self {
            Self::Invalid { path, problems } => problems
                .iter()
                .map(|p| format!("{}: {p}", path.display()))
                .collect(),
            other => vec![other.to_string()],
        }
    }
}

fn format_problems(path: &std::path::Path, problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| format!("{}: {p}", path.display()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Why a portfolio could not be saved. The file on disk is unchanged.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// Writing failed.
    #[error("could not save {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The portfolio could not be turned into text.
    #[error("could not save {path}: {message}")]
    Encode {
        /// The file.
        path: PathBuf,
        /// What the encoder said.
        message: String,
    },
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    #[test]
    fn an_invalid_file_prints_one_line_per_problem_each_naming_the_file() {
        let text = "(format: 1, portfolio: (name: \"P\", capabilities: [\
                    (id: \"a\", name: \"A\", owner: \"ghost\"), (id: \"a\", name: \"B\")]))";
        let error = super::super::from_ron(text, Path::new("p.ron")).unwrap_err();
        assert_eq!(
            error.to_string(),
            "p.ron: capability a: the owner `ghost` is not a known team\n\
             p.ron: capability a: this id is used by another capability too",
            "as a compiler lists errors"
        );
        assert_eq!(
            error.to_string(),
            error.lines().join("\n"),
            "the same lines `capmap check` prints"
        );
    }
}
