//! Reading instance files: bytes to `Instance`, with errors that point into the file.

use std::path::{Path, PathBuf};

use super::Instance;

/// Why a file could not be turned into an `Instance` (or a `Solution`) at all.
/// Anything past this point (dangling ids, bad numbers) is `validate`'s business.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
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
    #[error("{path}:{line}:{column}: does not match the {format} format: {message}")]
    Schema {
        path: PathBuf,
        /// Which of kopa's formats the file was read as: "instance" or "solution".
        format: &'static str,
        line: usize,
        column: usize,
        message: String,
    },
}

impl ReadError {
    pub fn path(&self) -> &Path {
        match self {
            ReadError::Io { path, .. }
            | ReadError::Syntax { path, .. }
            | ReadError::Schema { path, .. } => path,
        }
    }
}

/// Reads and parses one instance file.
pub fn read_instance(path: &Path) -> Result<Instance, ReadError> {
    let text = std::fs::read_to_string(path).map_err(|source| ReadError::Io {
        path: path.to_owned(),
        source,
    })?;
    read_instance_str(&text, path)
}

/// Parses instance JSON; `path` is only used in error messages.
pub fn read_instance_str(text: &str, path: &Path) -> Result<Instance, ReadError> {
    parse_json(text, path, "instance")
}

/// Parses any of kopa's JSON files with the same error reporting; `format` names the
/// format in messages ("instance", "solution").
pub(crate) fn parse_json<T: serde::de::DeserializeOwned>(
    text: &str,
    path: &Path,
    format: &'static str,
) -> Result<T, ReadError> {
    let mut de = serde_json::Deserializer::from_str(text);
    // Hostile files may nest deeply; serde_json's default recursion limit (128) turns
    // that into an error instead of a stack overflow, so keep it on.
    let value = T::deserialize(&mut de).and_then(|v| de.end().map(|()| v));
    value.map_err(|e| {
        let (line, column) = (e.line(), e.column());
        // serde_json appends " at line L column C"; the error variants carry those.
        let full = e.to_string();
        let message = match full.rfind(" at line ") {
            Some(at) => full[..at].to_owned(),
            None => full,
        };
        let path = path.to_owned();
        match e.classify() {
            serde_json::error::Category::Data => ReadError::Schema {
                path,
                format,
                line,
                column,
                message,
            },
            _ => ReadError::Syntax {
                path,
                line,
                column,
                message,
            },
        }
    })
}
