//! Reading solution files, with the same file:line:column errors as instance files.

use std::path::{Path, PathBuf};

use crate::instance::{ReadError, parse_json};

use super::Solution;

/// Why a file could not be turned into a `Solution`.
#[derive(Debug, thiserror::Error)]
pub enum SolutionReadError {
    #[error("{path}: cannot read the file: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}:{column}: not valid JSON: {message}")]
    Syntax {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{path}:{line}:{column}: does not match the solution format: {message}")]
    Schema {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
}

/// Reads and parses one solution file.
pub fn read_solution(path: &Path) -> Result<Solution, SolutionReadError> {
    let text = std::fs::read_to_string(path).map_err(|source| SolutionReadError::Io {
        path: path.to_owned(),
        source,
    })?;
    read_solution_str(&text, path)
}

/// Parses solution JSON; `path` is only used in error messages.
pub fn read_solution_str(text: &str, path: &Path) -> Result<Solution, SolutionReadError> {
    parse_json(text, path).map_err(|error| match error {
        ReadError::Io { path, source } => SolutionReadError::Io { path, source },
        ReadError::Syntax {
            path,
            line,
            column,
            message,
        } => SolutionReadError::Syntax {
            path,
            line,
            column,
            message,
        },
        ReadError::Schema {
            path,
            line,
            column,
            message,
        } => SolutionReadError::Schema {
            path,
            line,
            column,
            message,
        },
    })
}
