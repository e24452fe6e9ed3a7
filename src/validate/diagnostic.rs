//! One problem found in an instance, in words a scheduler can act on.

use std::fmt;

use serde::Serialize;

use super::Code;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    pub code: Code,
    /// The entity concerned, e.g. `teacher "T04"`.
    pub entity: String,
    /// The field path in the file, e.g. `teachers[3].canTeach[1]`.
    pub path: String,
    /// What is wrong, e.g. `course "MAA99" does not exist`.
    pub message: String,
    /// What to do about it.
    pub hint: String,
}

impl Diagnostic {
    pub fn new(
        code: Code,
        entity: impl Into<String>,
        path: impl Into<String>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Self {
        Diagnostic {
            code,
            entity: entity.into(),
            path: path.into(),
            message: message.into(),
            hint: hint.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = self.code.severity().as_str();
        write!(
            f,
            "{severity}[{}] {}: {} ({})",
            self.code.id(),
            self.path,
            self.message,
            self.entity
        )?;
        if !self.hint.is_empty() {
            write!(f, "\n    help: {}", self.hint)?;
        }
        Ok(())
    }
}
