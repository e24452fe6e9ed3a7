//! Problems with the file as a whole: its format version, or that it could not be
//! read into an instance at all (those come from `instance::ReadError`, and get their
//! codes here so every problem a user sees has one).

use super::context::Context;
use super::{Code, Diagnostic};
use crate::instance::{FORMAT_VERSION, ReadError};

pub fn check_e0001_unsupported_format_version(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let version = cx.instance.format_version;
    if version != FORMAT_VERSION {
        out.push(Diagnostic::new(
            Code::E0001UnsupportedFormatVersion,
            format!("instance {:?}", cx.instance.name),
            "formatVersion",
            format!("format version {version} is not supported; this kopa reads version {FORMAT_VERSION}"),
            format!("convert the file to format version {FORMAT_VERSION}, or use a kopa that reads version {version}"),
        ));
    }
}

/// The code of a file that could not be read into an instance.
pub fn read_error_code(error: &ReadError) -> Code {
    match error {
        ReadError::Io { .. } | ReadError::NotUtf8 { .. } => Code::E0002UnreadableFile,
        ReadError::Syntax { .. } => Code::E0003InvalidJson,
        ReadError::Schema { .. } => Code::E0004FormatMismatch,
    }
}

/// A read error as a diagnostic: entity "file" (or, for a schema mismatch, the
/// innermost entity with an id), path "LINE:COLUMN" (or, for a schema mismatch, the
/// field path).
pub fn read_error_diagnostic(error: &ReadError) -> Diagnostic {
    let code = read_error_code(error);
    match error {
        ReadError::Io { source, .. } => Diagnostic::new(
            code,
            "file",
            "",
            format!("cannot read the file: {source}"),
            "check the path and the file's permissions; instance files are UTF-8 JSON",
        ),
        ReadError::NotUtf8 {
            offset,
            line,
            column,
            ..
        } => Diagnostic::new(
            code,
            "file",
            format!("{line}:{column}"),
            format!("not UTF-8: byte {offset} of the file does not begin a UTF-8 character"),
            "save the file as UTF-8 (instance files are UTF-8 JSON)",
        ),
        ReadError::Syntax {
            line,
            column,
            message,
            ..
        } => Diagnostic::new(
            code,
            "file",
            format!("{line}:{column}"),
            format!("not valid JSON: {message}"),
            "fix the JSON syntax at this line and column (a missing comma, quote or bracket is the usual cause)",
        ),
        ReadError::Schema { place, message, .. } => Diagnostic::new(
            code,
            place.entity.as_str(),
            place.field.as_str(),
            format!("does not match the instance format: {message}"),
            "compare the field with docs/instance-format.md or `kopa schema` (names are camelCase; unknown fields are rejected)",
        ),
    }
}
