//! Objects written as arrays are refused.
//!
//! serde's derive reads a struct from a JSON array of its fields in order as well as
//! from an object, so `{"id": "P101", "site": "PEL-L", "capacity": 10}` and
//! `["P101", "PEL-L", 10]` would be the same room, with the same instance hash. Field
//! names are what makes a file readable and its mistakes findable, so only objects are
//! accepted. The check walks the file once more beside the value it was read into,
//! written back (`serde_json::to_value`): where that has an object and the file has
//! an array, the file is refused at that place, with serde_json's line and column and
//! serde_path_to_error's field path.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

/// Walks a JSON value beside `expected`, failing at the first array where `expected`
/// has an object.
struct Beside<'e> {
    expected: &'e Value,
}

impl<'de> DeserializeSeed<'de> for Beside<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Beside<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        if self.expected.is_object() {
            return Err(de::Error::custom(
                "expected an object ({\"field\": value, ...}), found an array",
            ));
        }
        let mut index = 0;
        while seq
            .next_element_seed(Beside {
                expected: self.expected.get(index).unwrap_or(&Value::Null),
            })?
            .is_some()
        {
            index += 1;
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            map.next_value_seed(Beside {
                expected: self.expected.get(&key).unwrap_or(&Value::Null),
            })?;
        }
        Ok(())
    }
}

/// Where in `text` (JSON that was read into a value written back as `expected`) an
/// array stands where `expected` has an object: the serde_json error (with line and
/// column) and the field path, or `None` when there is no such place.
pub(super) fn array_for_object(
    text: &str,
    expected: &Value,
) -> Option<(serde_json::Error, String)> {
    let mut de = serde_json::Deserializer::from_str(text);
    walk(&mut de, expected).map(|(e, path)| (e, path.to_string()))
}

/// The same for a JSON value (a patched instance, which has no text): the error and
/// the path of the first array where `expected` has an object.
pub(crate) fn array_for_object_in(
    value: &Value,
    expected: &Value,
) -> Option<(serde_json::Error, serde_path_to_error::Path)> {
    walk(value, expected)
}

fn walk<'de, D: Deserializer<'de>>(
    de: D,
    expected: &Value,
) -> Option<(D::Error, serde_path_to_error::Path)> {
    let mut track = serde_path_to_error::Track::new();
    let walked =
        Beside { expected }.deserialize(serde_path_to_error::Deserializer::new(de, &mut track));
    walked.err().map(|e| (e, track.path()))
}

#[cfg(test)]
mod tests {
    use super::array_for_object;

    #[test]
    fn an_array_where_an_object_is_expected_is_found_with_its_path() {
        let expected = serde_json::json!({"rooms": [{"id": "P101", "capacity": 10}]});
        let text = "{\"rooms\": [\n[\"P101\", 10]]}";
        let (error, path) = array_for_object(text, &expected).expect("found");
        assert_eq!(path, "rooms[0]");
        assert_eq!(error.line(), 2);
        assert!(error.to_string().contains("expected an object"), "{error}");
    }

    #[test]
    fn objects_and_real_arrays_pass() {
        let expected = serde_json::json!({"days": ["Mon"], "grid": {"slots": [1, 2]}});
        let text = r#"{"days": ["Mon"], "grid": {"slots": [1, 2]}}"#;
        assert!(array_for_object(text, &expected).is_none());
    }

    #[test]
    fn a_value_is_walked_like_a_text() {
        let expected = serde_json::json!({"rooms": [{"id": "P101"}]});
        let value = serde_json::json!({"rooms": [["P101"]]});
        let (_, path) = super::array_for_object_in(&value, &expected).expect("found");
        assert_eq!(path.to_string(), "rooms[0]");
    }

    #[test]
    fn a_top_level_array_is_refused() {
        let expected = serde_json::json!({"formatVersion": 1});
        let (_, path) = array_for_object("[1]", &expected).expect("found");
        assert_eq!(path, ".");
    }
}
