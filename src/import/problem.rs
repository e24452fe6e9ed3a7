//! One problem found while importing a file, located as a spreadsheet user finds it:
//! file, line and column (the n-th cell of the line), with the same stable codes and
//! layout as `kopa validate`'s diagnostics.

use std::fmt;
use std::path::PathBuf;

use crate::validate::Code;

#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub code: Code,
    pub file: PathBuf,
    /// The file's line (1 is the header); `None` for the file as a whole.
    pub line: Option<u64>,
    /// The cell's position in its line, 1 for the first; `None` for a whole line.
    pub column: Option<usize>,
    /// The entity concerned, e.g. `room "P101"`; empty if there is none.
    pub entity: String,
    /// The column's (or file's field's) name, e.g. `capacity`; empty for a whole line.
    pub field: String,
    pub message: String,
    /// What to do about it.
    pub hint: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(
            f,
            ": {}[{}] ",
            self.code.severity().as_str(),
            self.code.id()
        )?;
        if !self.field.is_empty() {
            write!(f, "{}: ", self.field)?;
        }
        write!(f, "{}", self.message)?;
        if !self.entity.is_empty() {
            write!(f, " ({})", self.entity)?;
        }
        if !self.hint.is_empty() {
            write!(f, "\n    help: {}", self.hint)?;
        }
        Ok(())
    }
}

/// Every problem of an import, in the order found (file by file, line by line).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}", summary(.0))]
pub struct Problems(pub Vec<Problem>);

fn summary(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}
