//! Reading instance files: bytes to `Instance`, with errors that point into the file.

use std::path::{Path, PathBuf};

use super::Instance;
use super::shape::array_for_object;

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
    #[error(
        "{path}:{line}:{column}: not UTF-8: byte {offset} of the file does not begin a UTF-8 character (save the file as UTF-8)"
    )]
    NotUtf8 {
        path: PathBuf,
        /// Where the first byte that is not UTF-8 is: from 0, and as line and column
        /// (of the characters before it).
        offset: usize,
        line: usize,
        column: usize,
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
            | ReadError::NotUtf8 { path, .. }
            | ReadError::Syntax { path, .. }
            | ReadError::Schema { path, .. } => path,
        }
    }
}

/// Reads and parses one instance file.
pub fn read_instance(path: &Path) -> Result<Instance, ReadError> {
    read_instance_str(&read_text(path)?, path)
}

/// Parses instance JSON; `path` is only used in error messages.
pub fn read_instance_str(text: &str, path: &Path) -> Result<Instance, ReadError> {
    parse_objects(text, path, "instance")
}

/// A file's text: it must be UTF-8, and a failure says at which byte it is not.
pub(crate) fn read_text(path: &Path) -> Result<String, ReadError> {
    let bytes = std::fs::read(path).map_err(|source| ReadError::Io {
        path: path.to_owned(),
        source,
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let before = String::from_utf8_lossy(&e.as_bytes()[..offset]);
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        ReadError::NotUtf8 {
            path: path.to_owned(),
            offset,
            line,
            column,
        }
    })
}

/// `parse_json` for a format whose objects must be written as objects: serde would
/// also read a struct from an array of its fields (`shape`).
pub(crate) fn parse_objects<T: serde::de::DeserializeOwned + serde::Serialize>(
    text: &str,
    path: &Path,
    format: &'static str,
) -> Result<T, ReadError> {
    // A whole file that is an array would be read field by field as well, and fail
    // at its first value of the wrong type, far from the point.
    if without_bom(text).trim_start().starts_with('[') {
        let expected = serde_json::json!({});
        if let Some((error, field)) = array_for_object(without_bom(text), &expected) {
            return Err(read_error(error, field, text, path, format));
        }
    }
    let value: T = parse_json(text, path, format)?;
    // A value that cannot be written back has no shape to compare; none of kopa's
    // formats is such a value.
    let Ok(expected) = serde_json::to_value(&value) else {
        return Ok(value);
    };
    match array_for_object(without_bom(text), &expected) {
        None => Ok(value),
        Some((error, field)) => Err(read_error(error, field, text, path, format)),
    }
}

/// `text` without a leading UTF-8 byte order mark, which some editors write and
/// JSON does not need.
fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Parses any of kopa's JSON files with the same error reporting; `format` names the
/// format in messages ("instance", "solution").
pub(crate) fn parse_json<T: serde::de::DeserializeOwned>(
    text: &str,
    path: &Path,
    format: &'static str,
) -> Result<T, ReadError> {
    let text = without_bom(text);
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
    value.map_err(|e| read_error(e, field, text, path, format))
}

/// A serde_json error at `field` of `text` as a `ReadError`: a schema mismatch (with
/// the entity around `field`) or bad syntax.
fn read_error(
    e: serde_json::Error,
    field: String,
    text: &str,
    path: &Path,
    format: &'static str,
) -> ReadError {
    let (line, column) = (e.line(), e.column());
    // serde_json appends " at line L column C"; the error variants carry those.
    let full = e.to_string();
    let message = match full.rfind(" at line ") {
        Some(at) => full[..at].to_owned(),
        None => full,
    };
    let path = path.to_owned();
    // serde_json calls a value of the wrong type where an enumeration's name belongs
    // (an array for `programme`) a syntax error, "expected value", though the file is
    // valid JSON: found by tests/kopa/mutants.rs. Said as the schema mismatch it is.
    let valid_json = || serde_json::from_str::<serde::de::IgnoredAny>(without_bom(text)).is_ok();
    let category = match e.classify() {
        serde_json::error::Category::Syntax if valid_json() => serde_json::error::Category::Data,
        category => category,
    };
    let message = if category == serde_json::error::Category::Data && message == "expected value" {
        "expected a name (a string) here, found another type of value".to_owned()
    } else {
        message
    };
    match category {
        serde_json::error::Category::Data => ReadError::Schema {
            path,
            format,
            line,
            column,
            place: Box::new(Place {
                entity: entity_around(without_bom(text), &field),
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
