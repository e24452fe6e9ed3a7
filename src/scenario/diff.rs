//! What a variant changes against its base, computed rather than trusted from the
//! patch: a structural diff of the two instances, lists of entities compared by id, so
//! a planner reads "rooms PEL-FYS: removed" or "courses FY01.remoteAllowed: true →
//! false" however the change was written (patch, hand edit, generator).

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;
use serde_json::{Map, Value};

use super::keyed::ids_of;

/// Longest value shown in a change before it is cut with "…".
const SHOWN_CHARS: usize = 60;

/// One difference between base and variant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Change {
    /// The list or object concerned: "rooms", "weights", "students S1.oneOf".
    pub collection: String,
    /// The entity's id, when the change is inside (or is) one entity of a list.
    pub id: Option<String>,
    /// The field inside the entity or object, e.g. "remoteAllowed", "stops"; empty
    /// when a whole entity was added or removed.
    pub field: String,
    pub kind: ChangeKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum ChangeKind {
    Added,
    Removed,
    /// A value changed; "none" stands for a field that is not there.
    Changed {
        from: String,
        to: String,
    },
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let id = self.id.as_deref().unwrap_or("");
        match &self.kind {
            ChangeKind::Added => write!(f, "{}: added {id}", self.collection),
            ChangeKind::Removed => write!(f, "{} {id}: removed", self.collection),
            ChangeKind::Changed { from, to } => {
                let place = match (&self.id, self.collection.is_empty()) {
                    (Some(id), _) => format!("{} {id}.{}", self.collection, self.field),
                    (None, true) => self.field.clone(),
                    (None, false) => format!("{}.{}", self.collection, self.field),
                };
                write!(f, "{place}: {from} → {to}")
            }
        }
    }
}

/// Every difference from `base` to `variant` (both instances as JSON): fields in
/// alphabetical order (serde_json's maps; fields only the variant has after the base's), entities in the base's order, then added
/// ones; the top-level `description` is left out (it describes, it does
/// not change the problem).
pub fn diff(base: &Value, variant: &Value) -> Vec<Change> {
    let mut changes = Vec::new();
    let (Value::Object(base), Value::Object(variant)) = (base, variant) else {
        if base != variant {
            changes.push(changed("", None, "instance", Some(base), Some(variant)));
        }
        return changes;
    };
    let mut base = base.clone();
    let mut variant = variant.clone();
    base.remove("description");
    variant.remove("description");
    object(&base, &variant, "", None, "", &mut changes);
    changes
}

/// Fields of two objects; `collection`/`id` say which entity they belong to (if any)
/// and `prefix` is the field path inside it so far.
fn object(
    base: &Map<String, Value>,
    variant: &Map<String, Value>,
    collection: &str,
    id: Option<&str>,
    prefix: &str,
    changes: &mut Vec<Change>,
) {
    let keys = base
        .keys()
        .chain(variant.keys().filter(|k| !base.contains_key(*k)));
    for key in keys {
        let field = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        match (base.get(key), variant.get(key)) {
            (Some(Value::Object(a)), Some(Value::Object(b))) => {
                object(a, b, collection, id, &field, changes);
            }
            (Some(Value::Array(a)), Some(Value::Array(b))) if a != b => {
                match (ids_of(a), ids_of(b)) {
                    (Some(_), Some(_)) => {
                        let place = match id {
                            Some(id) => format!("{collection} {id}.{field}"),
                            None if collection.is_empty() => field,
                            None => format!("{collection}.{field}"),
                        };
                        entities(a, b, &place, changes);
                    }
                    _ => changes.push(changed(
                        collection,
                        id,
                        &field,
                        base.get(key),
                        variant.get(key),
                    )),
                }
            }
            (a, b) if a != b => changes.push(changed(collection, id, &field, a, b)),
            _ => {}
        }
    }
}

/// Two lists of entities, matched by id.
fn entities(base: &[Value], variant: &[Value], place: &str, changes: &mut Vec<Change>) {
    let by_id = |items: &[Value]| -> BTreeMap<String, Value> {
        items
            .iter()
            .filter_map(|item| Some((item.get("id")?.as_str()?.to_owned(), item.clone())))
            .collect()
    };
    let before = by_id(base);
    let after = by_id(variant);
    let entity = |kind: ChangeKind, id: &str| Change {
        collection: place.to_owned(),
        id: Some(id.to_owned()),
        field: String::new(),
        kind,
    };
    for item in base {
        let Some(id) = item.get("id").and_then(Value::as_str) else {
            continue;
        };
        match after.get(id) {
            None => changes.push(entity(ChangeKind::Removed, id)),
            Some(new) => {
                if let (Value::Object(a), Value::Object(b)) = (item, new) {
                    object(a, b, place, Some(id), "", changes);
                }
            }
        }
    }
    for item in variant {
        if let Some(id) = item.get("id").and_then(Value::as_str)
            && !before.contains_key(id)
        {
            changes.push(entity(ChangeKind::Added, id));
        }
    }
}

fn changed(
    collection: &str,
    id: Option<&str>,
    field: &str,
    from: Option<&Value>,
    to: Option<&Value>,
) -> Change {
    Change {
        collection: collection.to_owned(),
        id: id.map(str::to_owned),
        field: field.to_owned(),
        kind: ChangeKind::Changed {
            from: shown(from),
            to: shown(to),
        },
    }
}

/// A value as compact JSON, cut to `SHOWN_CHARS`; "none" for a missing one.
fn shown(value: Option<&Value>) -> String {
    let Some(value) = value else {
        return "none".to_owned();
    };
    let text = value.to_string();
    if text.chars().count() <= SHOWN_CHARS {
        text
    } else {
        let cut: String = text.chars().take(SHOWN_CHARS - 1).collect();
        format!("{cut}…")
    }
}

/// The changes for people: the same change to many entities of one list on one line
/// ("rooms yl-video1, pl-video1: video true → false"), entities added to or removed
/// from one list on one line each, the rest one per line, in first-seen order.
pub fn summarise(changes: &[Change]) -> Vec<String> {
    let mut groups: Vec<(Change, Vec<String>)> = Vec::new();
    for change in changes {
        let Some(id) = &change.id else {
            groups.push((change.clone(), Vec::new()));
            continue;
        };
        let same = groups.iter_mut().find(|(first, ids)| {
            !ids.is_empty()
                && first.collection == change.collection
                && first.field == change.field
                && first.kind == change.kind
        });
        match same {
            Some((_, ids)) => ids.push(id.clone()),
            None => groups.push((change.clone(), vec![id.clone()])),
        }
    }
    groups
        .into_iter()
        .map(|(first, ids)| {
            if ids.len() <= 1 {
                return first.to_string();
            }
            let ids = ids.join(", ");
            match &first.kind {
                ChangeKind::Added => format!("{}: added {ids}", first.collection),
                ChangeKind::Removed => format!("{} {ids}: removed", first.collection),
                ChangeKind::Changed { from, to } => {
                    format!("{} {ids}: {} {from} → {to}", first.collection, first.field)
                }
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn lines(base: Value, variant: Value) -> Vec<String> {
        diff(&base, &variant)
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn names_added_removed_and_changed_entities_by_id() {
        let base = json!({
            "rooms": [{"id": "PEL-FYS", "capacity": 20}, {"id": "P1", "capacity": 30}],
            "courses": [{"id": "FY01", "remoteAllowed": true}],
            "trips": [{"id": "L1", "stops": [1, 2]}]
        });
        let variant = json!({
            "rooms": [{"id": "P1", "capacity": 30}],
            "courses": [{"id": "FY01", "remoteAllowed": false}],
            "trips": [{"id": "L1", "stops": [1, 2]}, {"id": "BUS-YLI-1500", "stops": [3]}]
        });
        assert_eq!(
            lines(base, variant),
            [
                "courses FY01.remoteAllowed: true → false",
                "rooms PEL-FYS: removed",
                "trips: added BUS-YLI-1500",
            ]
        );
    }

    #[test]
    fn nested_objects_lists_without_ids_and_missing_fields() {
        let base = json!({
            "weights": {"idleSlot": 5},
            "students": [{"id": "S1", "requests": [{"course": "A"}], "oneOf": [{"id": "g", "weight": 1}]}],
            "description": "base"
        });
        let variant = json!({
            "weights": {"idleSlot": 0},
            "students": [{"id": "S1", "requests": [], "oneOf": [{"id": "g", "weight": 2}], "note": "x"}],
            "description": "variant"
        });
        assert_eq!(
            lines(base, variant),
            [
                "students S1.oneOf g.weight: 1 → 2",
                "students S1.requests: [{\"course\":\"A\"}] → []",
                "students S1.note: none → \"x\"",
                "weights.idleSlot: 5 → 0",
            ]
        );
    }

    #[test]
    fn equal_instances_have_no_changes() {
        let base = json!({"rooms": [{"id": "R", "capacity": 1}]});
        assert!(diff(&base, &base).is_empty());
    }

    #[test]
    fn the_same_change_to_many_entities_is_one_line() {
        let base = json!({"rooms": [{"id": "A", "video": true}, {"id": "B", "video": true}, {"id": "C", "video": true}]});
        let variant = json!({"rooms": [{"id": "A", "video": false}, {"id": "B", "video": false}]});
        assert_eq!(
            summarise(&diff(&base, &variant)),
            ["rooms A, B: video true → false", "rooms C: removed"]
        );
    }

    #[test]
    fn long_values_are_cut() {
        let long = "x".repeat(2 * SHOWN_CHARS);
        let changes = diff(&json!({"name": "a"}), &json!({"name": long}));
        let ChangeKind::Changed { to, .. } = &changes[0].kind else {
            panic!("a change of value: {changes:?}")
        };
        assert_eq!(to.chars().count(), SHOWN_CHARS);
        assert!(to.ends_with('…'));
    }
}
