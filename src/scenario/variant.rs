//! From a patch file to a validated variant instance. Every error names the patch
//! file and, where there is one, the entity and the field, because a planner's patch
//! is the thing to fix (the base already passed `kopa validate`).

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::diff::{Change, diff};
use super::merge::{PatchError, apply};
use crate::instance::Instance;
use crate::validate::{Diagnostic, Severity, has_input_errors, validate};

/// A base instance with one patch applied, valid.
#[derive(Debug, Clone)]
pub struct Variant {
    /// The scenario's name: the patch file's stem.
    pub name: String,
    pub patch: PathBuf,
    pub instance: Instance,
    /// What the variant changes against the base.
    pub changes: Vec<Change>,
}

/// Each message carries the code `kopa validate` gives the same fault in an instance
/// file (docs/errors.md), so scripts read one set of codes.
#[derive(Debug, thiserror::Error)]
pub enum VariantError {
    #[error("{}: error[E0002] cannot read the patch: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}:{line}:{column}: error[E0003] not valid JSON: {message}", path.display())]
    Syntax {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{}: error[E0004] {source}", path.display())]
    Patch {
        path: PathBuf,
        #[source]
        source: PatchError,
    },
    #[error(
        "{}: error[E0004] the patched instance does not match the instance format: {field} ({entity}): {message}",
        path.display()
    )]
    Format {
        path: PathBuf,
        field: String,
        entity: String,
        message: String,
    },
    #[error("{}: the patched instance is invalid:\n{}", path.display(), listed(diagnostics))]
    Invalid {
        path: PathBuf,
        /// The errors `validate` found (warnings left out).
        diagnostics: Vec<Diagnostic>,
    },
}

fn listed(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| format!("  {d}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The scenario name of a patch file: its stem ("no-video" for `no-video.json`).
pub fn scenario_name(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Reads the patch at `path` and applies it to `base`.
pub fn build(base: &Instance, path: &Path) -> Result<Variant, VariantError> {
    let text = std::fs::read_to_string(path).map_err(|source| VariantError::Io {
        path: path.to_owned(),
        source,
    })?;
    // A byte order mark is read as absent, as in instance files.
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let patch: Value = serde_json::from_str(text).map_err(|e| VariantError::Syntax {
        path: path.to_owned(),
        line: e.line(),
        column: e.column(),
        message: strip_position(&e.to_string()),
    })?;
    build_from_value(base, &patch, path)
}

/// Applies `patch` (read from `path`, named in errors) to `base`.
pub fn build_from_value(
    base: &Instance,
    patch: &Value,
    path: &Path,
) -> Result<Variant, VariantError> {
    let base_json = serde_json::to_value(base).expect("instance types always serialize");
    let merged = apply(&base_json, patch).map_err(|source| VariantError::Patch {
        path: path.to_owned(),
        source,
    })?;
    let instance: Instance = serde_path_to_error::deserialize(&merged).map_err(|e| {
        let field = e.path().to_string();
        VariantError::Format {
            path: path.to_owned(),
            entity: entity_at(&merged, e.path()),
            field,
            message: e.into_inner().to_string(),
        }
    })?;
    // serde also reads an object from an array of its fields: refused, as in files.
    let written = serde_json::to_value(&instance).expect("instance types always serialize");
    if let Some((error, at)) = crate::instance::array_for_object_in(&merged, &written) {
        return Err(VariantError::Format {
            path: path.to_owned(),
            entity: entity_at(&merged, &at),
            field: at.to_string(),
            message: error.to_string(),
        });
    }
    let diagnostics = validate(&instance);
    if has_input_errors(&diagnostics) {
        return Err(VariantError::Invalid {
            path: path.to_owned(),
            diagnostics: diagnostics
                .into_iter()
                .filter(|d| d.code.severity() == Severity::Error)
                .collect(),
        });
    }
    let variant_json = serde_json::to_value(&instance).expect("instance types always serialize");
    Ok(Variant {
        name: scenario_name(path),
        patch: path.to_owned(),
        changes: diff(&base_json, &variant_json),
        instance,
    })
}

/// serde_json appends " at line L column C"; the error carries those separately.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message.to_owned(),
    }
}

/// The innermost entity with an id on the way to `path` in `value`, as
/// `rooms "PEL-FYS"`; "instance" if none has one.
fn entity_at(value: &Value, path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut node = value;
    let mut list = String::new();
    let mut found = "instance".to_owned();
    for segment in path.iter() {
        let next = match segment {
            Segment::Seq { index } => node.get(*index),
            Segment::Map { key } => {
                list = key.clone();
                node.get(key)
            }
            Segment::Enum { .. } | Segment::Unknown => None,
        };
        let Some(next) = next else { break };
        node = next;
        if let Some(id) = node.get("id").and_then(Value::as_str) {
            found = format!("{list} {id:?}");
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn base() -> Instance {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("instances/tiny/one-course.json");
        crate::instance::read_instance(&path).unwrap()
    }

    #[test]
    fn a_patch_changes_only_what_it_names() {
        let patch = json!({"rooms": {"P101": {"capacity": 12}}});
        let variant = build_from_value(&base(), &patch, Path::new("more-seats.json")).unwrap();
        assert_eq!(variant.name, "more-seats");
        assert_eq!(variant.instance.rooms[0].capacity, 12);
        let mut expected = base();
        expected.rooms[0].capacity = 12;
        assert_eq!(variant.instance, expected);
        assert_eq!(
            variant
                .changes
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>(),
            ["rooms P101.capacity: 10 → 12"]
        );
    }

    #[test]
    fn a_wrong_type_names_the_file_entity_and_field() {
        let patch = json!({"rooms": {"P101": {"capacity": "many"}}});
        let error = build_from_value(&base(), &patch, Path::new("p.json")).unwrap_err();
        let text = error.to_string();
        assert!(text.starts_with("p.json: "), "{text}");
        assert!(
            text.contains("rooms[0].capacity (rooms \"P101\")"),
            "{text}"
        );
    }

    #[test]
    fn an_object_patched_into_an_array_is_refused() {
        // Entities in lists are refused by the merge; other objects are replaced whole.
        let patch = json!({"transport": [10]});
        let error = build_from_value(&base(), &patch, Path::new("p.json")).unwrap_err();
        let text = error.to_string();
        assert!(text.contains("expected an object"), "{text}");
        assert!(text.contains("transport"), "{text}");
    }

    #[test]
    fn a_patch_file_with_a_byte_order_mark_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("more-seats.json");
        let patch = r#"{"rooms": {"P101": {"capacity": 12}}}"#;
        std::fs::write(&path, format!("\u{feff}{patch}")).unwrap();
        let variant = build(&base(), &path).unwrap();
        assert_eq!(variant.instance.rooms[0].capacity, 12);
    }

    #[test]
    fn an_invalid_variant_lists_the_validation_errors() {
        let patch = json!({"rooms": {"P101": {"site": "NOWHERE"}}});
        let error = build_from_value(&base(), &patch, Path::new("p.json")).unwrap_err();
        let text = error.to_string();
        assert!(matches!(error, VariantError::Invalid { .. }));
        assert!(text.contains("rooms[0].site"), "{text}");
        assert!(text.contains("NOWHERE"), "{text}");
    }
}
