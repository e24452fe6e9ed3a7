//! Applying a planner's patch to an instance: RFC 7396 JSON Merge Patch over the
//! id-keyed view (see `keyed`), so entity lists are patched entity by entity.
//!
//! The merge itself is `json_patch::merge` (a maintained implementation of RFC 7396);
//! this module only adds the id-keyed view around it and refuses patches that would
//! do something other than what they seem to say: removing an entity the base does not
//! have (a typo would otherwise be silently ignored), giving an entity under another
//! id than its key, or addressing a list without ids entity by entity.

use serde_json::Value;

use super::keyed::{Shapes, from_keyed, to_keyed};

/// Why a patch cannot be applied. `place` is where in the instance, e.g.
/// `rooms "PEL-FYS"` or `courses "FY01".features`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PatchError {
    #[error("a patch must be a JSON object (the fields of the instance to change)")]
    NotAnObject,
    #[error(
        "{place}: removes {id:?}, which the base does not have (ids there: {known}); check the spelling"
    )]
    NoSuchEntity {
        place: String,
        id: String,
        known: String,
    },
    #[error("{place} {key:?}: the entity's \"id\" is {id:?}; an entity is given under its own id")]
    IdMismatch {
        place: String,
        key: String,
        id: String,
    },
    #[error(
        "{place} {id:?}: must be an object (the entity, or the fields of it to change) or null (to remove it)"
    )]
    NotAnEntity { place: String, id: String },
    #[error(
        "{place}: is a list without ids (or with repeated ids), so it cannot be patched item by item; give the whole list"
    )]
    ListWithoutIds { place: String },
}

/// `patch` applied to `base` (both as JSON): the variant, as JSON.
pub fn apply(base: &Value, patch: &Value) -> Result<Value, PatchError> {
    if !patch.is_object() {
        return Err(PatchError::NotAnObject);
    }
    let mut shapes = Shapes::new();
    let mut keyed = to_keyed(base.clone(), &mut Vec::new(), &mut shapes);
    let mut path = Vec::new();
    prepare(&mut keyed, patch, &mut path, "", &mut shapes)?;
    json_patch::merge(&mut keyed, patch);
    Ok(from_keyed(keyed, &mut path, &shapes))
}

/// Checks `patch` against the keyed `base` at `path` (shown to people as `place`), and
/// turns an empty base list that the patch addresses by id into a keyed one.
fn prepare(
    base: &mut Value,
    patch: &Value,
    path: &mut Vec<String>,
    place: &str,
    shapes: &mut Shapes,
) -> Result<(), PatchError> {
    let Value::Object(changes) = patch else {
        return Ok(()); // a value or a list replaces whatever is there (RFC 7396)
    };
    if let Value::Array(items) = base {
        if !items.is_empty() {
            return Err(PatchError::ListWithoutIds {
                place: place.to_owned(),
            });
        }
        *base = Value::Object(serde_json::Map::new());
        shapes.insert(path.clone(), Vec::new());
    }
    let Value::Object(fields) = base else {
        return Ok(()); // an object replaces a value (RFC 7396)
    };
    let keyed = shapes.contains_key(path.as_slice());
    for (key, change) in changes {
        path.push(key.clone());
        if keyed {
            match change {
                Value::Null if !fields.contains_key(key) => {
                    return Err(PatchError::NoSuchEntity {
                        place: place.to_owned(),
                        id: key.clone(),
                        known: known_ids(fields),
                    });
                }
                Value::Null => {}
                Value::Object(entity) => {
                    if let Some(id) = entity.get("id")
                        && id.as_str() != Some(key)
                    {
                        return Err(PatchError::IdMismatch {
                            place: place.to_owned(),
                            key: key.clone(),
                            id: id.to_string().trim_matches('"').to_owned(),
                        });
                    }
                    if let Some(existing) = fields.get_mut(key) {
                        prepare(existing, change, path, &format!("{place} {key:?}"), shapes)?;
                    }
                }
                _ => {
                    return Err(PatchError::NotAnEntity {
                        place: place.to_owned(),
                        id: key.clone(),
                    });
                }
            }
        } else if let Some(existing) = fields.get_mut(key) {
            let inner = if place.is_empty() {
                key.clone()
            } else {
                format!("{place}.{key}")
            };
            prepare(existing, change, path, &inner, shapes)?;
        }
        path.pop();
    }
    Ok(())
}

/// Up to a handful of the ids at a keyed place, for an error message.
fn known_ids(fields: &serde_json::Map<String, Value>) -> String {
    const SHOWN: usize = 8;
    let mut ids: Vec<&str> = fields.keys().map(String::as_str).take(SHOWN).collect();
    if fields.len() > SHOWN {
        ids.push("...");
    }
    ids.join(", ")
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn base() -> Value {
        json!({
            "name": "b",
            "rooms": [
                {"id": "R1", "capacity": 10, "features": ["lab"]},
                {"id": "R2", "capacity": 20, "features": []},
                {"id": "R3", "capacity": 30}
            ],
            "trips": [],
            "roads": [{"from": "a", "to": "b", "km": 1}],
            "weights": {"unmetRequest": 50, "idleSlot": 5}
        })
    }

    #[test]
    fn null_under_an_id_removes_that_entity_only() {
        let variant = apply(&base(), &json!({"rooms": {"R2": null}})).unwrap();
        assert_eq!(
            variant["rooms"],
            json!([
                {"id": "R1", "capacity": 10, "features": ["lab"]},
                {"id": "R3", "capacity": 30}
            ])
        );
    }

    #[test]
    fn an_object_under_an_id_merges_into_that_entity() {
        let variant = apply(&base(), &json!({"rooms": {"R1": {"capacity": 12}}})).unwrap();
        assert_eq!(
            variant["rooms"][0],
            json!({"id": "R1", "capacity": 12, "features": ["lab"]})
        );
        assert_eq!(variant["rooms"][1], base()["rooms"][1]);
    }

    #[test]
    fn new_ids_are_appended_in_id_order_with_their_id_filled_in() {
        let patch = json!({"rooms": {"Z9": {"capacity": 5}, "A0": {"id": "A0", "capacity": 6}}});
        let variant = apply(&base(), &patch).unwrap();
        let ids: Vec<&str> = variant["rooms"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, ["R1", "R2", "R3", "A0", "Z9"]);
        assert_eq!(variant["rooms"][4], json!({"id": "Z9", "capacity": 5}));
    }

    #[test]
    fn an_empty_list_takes_entities_by_id() {
        let variant = apply(&base(), &json!({"trips": {"X1": {"capacity": 16}}})).unwrap();
        assert_eq!(variant["trips"], json!([{"id": "X1", "capacity": 16}]));
    }

    #[test]
    fn lists_given_whole_replace_as_in_rfc_7396() {
        let patch = json!({"rooms": {"R1": {"features": []}}, "roads": []});
        let variant = apply(&base(), &patch).unwrap();
        assert_eq!(variant["rooms"][0]["features"], json!([]));
        assert_eq!(variant["roads"], json!([]));
        let whole = json!({"rooms": [{"id": "R9", "capacity": 1}]});
        assert_eq!(apply(&base(), &whole).unwrap()["rooms"], whole["rooms"]);
    }

    #[test]
    fn plain_objects_merge_field_by_field() {
        let variant = apply(&base(), &json!({"weights": {"idleSlot": 0}, "name": "v"})).unwrap();
        assert_eq!(
            variant["weights"],
            json!({"unmetRequest": 50, "idleSlot": 0})
        );
        assert_eq!(variant["name"], json!("v"));
    }

    #[test]
    fn removing_an_unknown_id_is_an_error_naming_it() {
        let error = apply(&base(), &json!({"rooms": {"R7": null}})).unwrap_err();
        assert!(matches!(&error, PatchError::NoSuchEntity { id, .. } if id == "R7"));
        assert!(
            error.to_string().contains("rooms: removes \"R7\""),
            "{error}"
        );
    }

    #[test]
    fn an_entity_under_another_id_is_an_error() {
        let error = apply(&base(), &json!({"rooms": {"R1": {"id": "R5"}}})).unwrap_err();
        assert!(matches!(error, PatchError::IdMismatch { .. }), "{error}");
    }

    #[test]
    fn a_value_in_place_of_an_entity_is_an_error() {
        let error = apply(&base(), &json!({"rooms": {"R1": 3}})).unwrap_err();
        assert_eq!(
            error,
            PatchError::NotAnEntity {
                place: "rooms".into(),
                id: "R1".into()
            }
        );
    }

    #[test]
    fn a_list_without_ids_cannot_be_patched_by_key() {
        let error = apply(
            &base(),
            &json!({"rooms": {"R1": {"features": {"lab": null}}}}),
        )
        .unwrap_err();
        assert_eq!(
            error,
            PatchError::ListWithoutIds {
                place: "rooms \"R1\".features".into()
            }
        );
    }

    #[test]
    fn a_patch_that_is_not_an_object_is_refused() {
        assert_eq!(apply(&base(), &json!([])), Err(PatchError::NotAnObject));
    }
}
