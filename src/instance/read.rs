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
    #[error("{path}:{line}:{column}: {place}: does not match the {format} format: {message}")]
    Schema {
        path: PathBuf,
        /// Which of kopa's formats the file was read as: "instance" or "solution".
        format: &'static str,
        line: usize,
        column: usize,
        place: Box<Place>,
        message: String,
    },
}

/// Where in the tree of a file a schema mismatch is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The field path, e.g. `teachers[3].maxLessonsPerWeek` ("." for the top).
    pub field: String,
    /// The innermost entity around `field` that has an id, e.g. `teachers "T04"`;
    /// "file" if none does.
    pub entity: String,
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.field, self.entity)
    }
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
    // serde_path_to_error records where in the tree a schema error happened.
    let mut field = String::from(".");
    let value = serde_path_to_error::deserialize::<_, T>(&mut de)
        .map_err(|e| {
            field = e.path().to_string();
            e.into_inner()
        })
        .and_then(|v| de.end().map(|()| v));
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
                place: Box::new(Place {
                    entity: entity_around(text, &field),
                    field,
                }),
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

/// The innermost object on the way to `field` (as serde_path_to_error writes it,
/// `teachers[3].canTeach[1]`) that has a string `id`, as `teachers "T04"`; "file" if
/// none has. Only called for a file that is valid JSON but not of kopa's format.
fn entity_around(text: &str, field: &str) -> String {
    let Ok(mut node) = serde_json::from_str::<serde_json::Value>(text) else {
        return "file".to_owned();
    };
    let mut found = "file".to_owned();
    let mut list = String::new();
    for step in field
        .split(['.', '['])
        .filter(|s| !s.is_empty() && *s != "?")
    {
        let next = match step.strip_suffix(']') {
            Some(index) => index.parse::<usize>().ok().and_then(|i| node.get_mut(i)),
            None => {
                list = step.to_owned();
                node.get_mut(step)
            }
        };
        let Some(next) = next else { break };
        node = next.take();
        if let Some(id) = node.get("id").and_then(serde_json::Value::as_str) {
            found = format!("{list} {id:?}");
        }
    }
    found
}
