//! Reading solution files, with the same file:line:column errors as instance files.

use std::path::Path;

use crate::instance::{ReadError, parse_objects, read_text};

use super::Solution;

/// Reads and parses one solution file.
pub fn read_solution(path: &Path) -> Result<Solution, ReadError> {
    read_solution_str(&read_text(path)?, path)
}

/// Parses solution JSON; `path` is only used in error messages.
pub fn read_solution_str(text: &str, path: &Path) -> Result<Solution, ReadError> {
    parse_objects(text, path, "solution")
}
