//! The edges of reading a file: objects written as arrays, a byte order mark, bytes
//! that are not UTF-8. Each is refused (exit 2) with a message that says what and
//! where, or, for the byte order mark, read as if it were not there.

use crate::util::{exit_code_and_text, repo, write_temp};
use kopa::instance::{instance_hash, read_instance, read_instance_str};
use serde_json::Value;

fn clash() -> (String, Value) {
    let text = std::fs::read_to_string(repo("instances/tiny/clash.json")).expect("reads");
    let value = serde_json::from_str(&text).expect("JSON");
    (text, value)
}

#[test]
fn rooms_written_as_arrays_are_refused_naming_the_path() {
    let (_, mut value) = clash();
    for room in value["rooms"].as_array_mut().expect("rooms") {
        // The fields in the order serde's derive would read them from an array.
        *room = serde_json::json!([
            room["id"],
            room["site"],
            room["capacity"],
            room.get("features")
                .cloned()
                .unwrap_or(serde_json::json!([])),
            room.get("video").cloned().unwrap_or(Value::Bool(false)),
        ]);
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let file = write_temp(&dir, "array-rooms.json", &value.to_string());
    let (code, text) = exit_code_and_text(&["validate", &file]);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("error[E0004]"), "{text}");
    assert!(text.contains("rooms[0]"), "{text}");
    assert!(text.contains("expected an object"), "{text}");
}

#[test]
fn a_file_that_is_an_array_is_refused_as_not_an_object() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = write_temp(&dir, "top-array.json", "[1]");
    let (code, text) = exit_code_and_text(&["validate", &file]);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("expected an object"), "{text}");
    assert!(!text.contains("expected a string"), "{text}");
}

#[test]
fn a_solution_with_an_array_for_an_object_is_refused() {
    let (text, _) = clash();
    let err = kopa::solution::read_solution_str(r#"["x", 1]"#, std::path::Path::new("plan.json"))
        .expect_err("an array is no solution");
    assert!(err.to_string().contains("expected an object"), "{err}");
    // And an instance read the ordinary way still reads.
    read_instance_str(&text, std::path::Path::new("clash.json")).expect("reads");
}

#[test]
fn a_byte_order_mark_is_read_as_if_absent() {
    let (text, _) = clash();
    let dir = tempfile::tempdir().expect("temp dir");
    let file = write_temp(&dir, "bom.json", &format!("\u{feff}{text}"));
    let (code, printed) = exit_code_and_text(&["validate", &file]);
    assert_eq!(code, 0, "{printed}");
    let with = read_instance(std::path::Path::new(&file)).expect("reads");
    let without = read_instance(&repo("instances/tiny/clash.json")).expect("reads");
    assert_eq!(instance_hash(&with), instance_hash(&without));
}

#[test]
fn bytes_that_are_not_utf8_are_named_by_offset_line_and_column() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("latin1.json");
    // "Pello" with a Latin-1 'ö' (0xf6): byte 33, line 2, column 13.
    let mut bytes = b"{\"formatVersion\": 1,\n  \"name\": \"P".to_vec();
    bytes.push(0xf6);
    bytes.extend_from_slice(b"llo\"}\n");
    std::fs::write(&file, &bytes).expect("written");
    let (code, text) = exit_code_and_text(&["validate", file.to_str().expect("path")]);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("error[E0002]"), "{text}");
    assert!(text.contains("latin1.json:2:13"), "{text}");
    assert!(text.contains("byte 33"), "{text}");
}
