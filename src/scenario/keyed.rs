//! The id-keyed view of an instance's JSON: every list whose items are all objects
//! with a distinct string `id` (sites, rooms, trips, a student's one-of groups, ...)
//! seen as an object keyed by those ids.
//!
//! Why: RFC 7396 merge patches replace arrays whole, so closing one room would mean
//! restating every other room. Seen keyed by id, `{"rooms": {"PEL-FYS": null}}`
//! removes one room and a structural diff can say "rooms PEL-FYS: removed". Lists
//! without ids (roads, a trip's stops, a student's requests, features) stay lists.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

/// Where the keyed lists are (a path of keys in the keyed view, ids included, e.g.
/// `["students", "S1", "oneOf"]`), each with the order of its ids in the original.
pub type Shapes = BTreeMap<Vec<String>, Vec<String>>;

/// The ids of `items` when every item is an object with a string `id` and no id
/// repeats; `None` otherwise. An empty list has no ids to go by: `Some(empty)`.
pub fn ids_of(items: &[Value]) -> Option<Vec<String>> {
    let mut ids = Vec::with_capacity(items.len());
    for item in items {
        let id = item.get("id")?.as_str()?;
        if ids.iter().any(|seen| seen == id) {
            return None;
        }
        ids.push(id.to_owned());
    }
    Some(ids)
}

/// Rewrites `value` into the keyed view, recording each keyed list in `shapes`.
/// Empty lists stay lists (nothing says they hold entities); lists without ids stay
/// lists and are not looked into.
pub fn to_keyed(value: Value, path: &mut Vec<String>, shapes: &mut Shapes) -> Value {
    match value {
        Value::Object(fields) => Value::Object(
            fields
                .into_iter()
                .map(|(key, field)| {
                    path.push(key.clone());
                    let field = to_keyed(field, path, shapes);
                    path.pop();
                    (key, field)
                })
                .collect(),
        ),
        Value::Array(items) => match ids_of(&items) {
            Some(ids) if !ids.is_empty() => {
                let mut keyed = Map::new();
                for (id, item) in ids.iter().zip(items) {
                    path.push(id.clone());
                    keyed.insert(id.clone(), to_keyed(item, path, shapes));
                    path.pop();
                }
                shapes.insert(path.clone(), ids);
                Value::Object(keyed)
            }
            _ => Value::Array(items),
        },
        scalar => scalar,
    }
}

/// Turns the keyed view back into lists: at each path of `shapes` that still holds an
/// object, its entities in the original order, then new ones in order of id; an
/// entity without an `id` field gets its key as id.
pub fn from_keyed(value: Value, path: &mut Vec<String>, shapes: &Shapes) -> Value {
    let Value::Object(fields) = value else {
        return value;
    };
    let back = |key: String, field: Value, path: &mut Vec<String>| {
        path.push(key);
        let field = from_keyed(field, path, shapes);
        path.pop();
        field
    };
    match shapes.get(path.as_slice()) {
        Some(order) => {
            let mut fields = fields;
            let mut items = Vec::with_capacity(fields.len());
            let mut take = |id: &str, entity: Value, path: &mut Vec<String>| {
                let mut entity = back(id.to_owned(), entity, path);
                if let Value::Object(entity) = &mut entity {
                    entity
                        .entry("id")
                        .or_insert_with(|| Value::String(id.to_owned()));
                }
                items.push(entity);
            };
            for id in order {
                if let Some(entity) = fields.remove(id) {
                    take(id, entity, path);
                }
            }
            for (id, entity) in fields {
                take(&id, entity, path);
            }
            Value::Array(items)
        }
        None => Value::Object(
            fields
                .into_iter()
                .map(|(key, field)| {
                    let field = back(key.clone(), field, path);
                    (key, field)
                })
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn lists_with_ids_become_objects_and_come_back_in_order() {
        let original = json!({
            "rooms": [{"id": "B", "seats": 2}, {"id": "A", "seats": 1}],
            "roads": [{"from": "x", "to": "y"}],
            "features": ["lab"],
            "students": [{"id": "S1", "oneOf": [{"id": "g", "courses": ["X", "Y"]}]}],
            "trips": []
        });
        let mut shapes = Shapes::new();
        let keyed = to_keyed(original.clone(), &mut Vec::new(), &mut shapes);
        assert_eq!(keyed["rooms"]["A"], json!({"id": "A", "seats": 1}));
        assert_eq!(keyed["roads"], original["roads"]);
        assert_eq!(keyed["trips"], json!([]));
        assert_eq!(
            keyed["students"]["S1"]["oneOf"]["g"]["courses"],
            json!(["X", "Y"])
        );
        assert_eq!(
            shapes.keys().cloned().collect::<Vec<_>>(),
            vec![
                vec!["rooms".to_owned()],
                vec!["students".to_owned()],
                vec!["students".to_owned(), "S1".to_owned(), "oneOf".to_owned()],
            ]
        );
        assert_eq!(from_keyed(keyed, &mut Vec::new(), &shapes), original);
    }

    #[test]
    fn repeated_ids_keep_a_list_a_list() {
        let list = json!([{"id": "A"}, {"id": "A"}]);
        let mut shapes = Shapes::new();
        assert_eq!(to_keyed(list.clone(), &mut Vec::new(), &mut shapes), list);
        assert!(shapes.is_empty());
    }
}
