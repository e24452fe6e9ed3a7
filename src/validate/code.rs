//! The stable codes of validation diagnostics. Codes are never reused or renumbered:
//! scripts and docs refer to them.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Code {
    /// The file's `formatVersion` is not one this kopa reads.
    E0001UnsupportedFormatVersion,
}

impl Code {
    /// The code as printed and documented, e.g. "E0001".
    pub fn id(self) -> &'static str {
        match self {
            Code::E0001UnsupportedFormatVersion => "E0001",
        }
    }

    pub fn severity(self) -> Severity {
        if self.id().starts_with('W') {
            Severity::Warning
        } else {
            Severity::Error
        }
    }
}
