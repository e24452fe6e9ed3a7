//! Reading solution files, with the same file:line:column errors as instance files.

use std::path::Path;

use crate::instance::{ReadError, parse_json};

use super::Solution;

/// Reads and parses one solution file.
pub fn read_solution(path: &Path) -> Result<Solution, ReadError> {
    let text = std::fs::read_to_string(path).map_err(|source| ReadError::Io {
        path: path.to_owned(),
        source,
    })?;
    read_solution_str(&text, path)
}

/// Parses solution JSON; `path` is only used in error messages.
pub fn read_solution_str(text: &str, path: &Path) -> Result<Solution, ReadError> {
    parse_json(text, path, "solution")
}
