//! Property tests: random damage to the valid base instance never makes reading or
//! validating panic, and a reference broken on purpose is always reported.

use std::path::Path;

use kopa::instance::read_instance_str;
use kopa::validate::{Code, validate};
use proptest::prelude::*;
use serde_json::{Value, json};

const BASE: &str = include_str!("../fixtures/validate/base.json");

fn base() -> Value {
    serde_json::from_str(BASE).expect("base fixture is JSON")
}

/// A replacement value: strings (unicode, empty, ids of other kinds), numbers
/// (huge, negative, fractional), empty containers, null, booleans.
fn any_leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<String>().prop_map(Value::String),
        prop::sample::select(vec![
            "", " ", "Mon1", "pello", "T01", "MAA01", "PEL-L", "bar", "ö", "🚌", "24:00", "08:15"
        ])
        .prop_map(|s| json!(s)),
        any::<i64>().prop_map(|n| json!(n)),
        any::<u64>().prop_map(|n| json!(n)),
        prop::num::f64::NORMAL.prop_map(|x| json!(x)),
        prop::sample::select(vec![0.0, -0.0, 1e308, -1e308, 5e-324]).prop_map(|x| json!(x)),
        Just(json!([])),
        Just(json!({})),
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
    ]
}

/// Every container node's path (object keys and array indices) in the tree.
fn container_paths(value: &Value, path: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    match value {
        Value::Object(map) => {
            out.push(path.clone());
            for (key, child) in map {
                path.push(Step::Key(key.clone()));
                container_paths(child, path, out);
                path.pop();
            }
        }
        Value::Array(items) => {
            out.push(path.clone());
            for (index, child) in items.iter().enumerate() {
                path.push(Step::Index(index));
                container_paths(child, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

#[derive(Clone, Debug)]
enum Step {
    Key(String),
    Index(usize),
}

fn node_at<'v>(value: &'v mut Value, path: &[Step]) -> &'v mut Value {
    path.iter().fold(value, |v, step| match step {
        Step::Key(k) => &mut v[k.as_str()],
        Step::Index(i) => &mut v[*i],
    })
}

#[derive(Clone, Debug)]
enum Edit {
    Delete,
    Duplicate,
    Replace(Value),
}

fn any_edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        Just(Edit::Delete),
        Just(Edit::Duplicate),
        any_leaf().prop_map(Edit::Replace),
    ]
}

/// Applies `edit` to a child (chosen by `pick`) of the container chosen by `which`.
fn mutate(value: &mut Value, which: usize, pick: usize, edit: &Edit) {
    let mut paths = Vec::new();
    container_paths(value, &mut Vec::new(), &mut paths);
    let path = &paths[which % paths.len()];
    match node_at(value, path) {
        Value::Object(map) if !map.is_empty() => {
            let key = map.keys().nth(pick % map.len()).cloned().expect("in range");
            match edit {
                Edit::Delete => {
                    map.remove(&key);
                }
                Edit::Duplicate => {
                    let copy = map[&key].clone();
                    map.insert(format!("{key}2"), copy);
                }
                Edit::Replace(new) => {
                    map.insert(key, new.clone());
                }
            }
        }
        Value::Array(items) if !items.is_empty() => {
            let index = pick % items.len();
            match edit {
                Edit::Delete => {
                    items.remove(index);
                }
                Edit::Duplicate => items.push(items[index].clone()),
                Edit::Replace(new) => items[index] = new.clone(),
            }
        }
        _ => {}
    }
}

/// Every id-reference field of the base, as a JSON pointer.
const REFERENCES: &[&str] = &[
    "/timeGrid/slots/0/day",
    "/timeGrid/patterns/1/slots/0",
    "/roadNetwork/roads/0/from",
    "/roadNetwork/roads/1/to",
    "/sites/1/node",
    "/rooms/2/site",
    "/teachers/0/homeSite",
    "/teachers/0/canTeach/1",
    "/teachers/1/sites/0",
    "/teachers/0/unavailable/0",
    "/courses/0/sites/1",
    "/courses/3/patternKind",
    "/students/0/home",
    "/students/1/requests/0/course",
    "/students/0/oneOf/0/courses/0",
    "/trips/0/days/1",
    "/trips/1/stops/2/node",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_tree_edits_never_panic(
        edits in prop::collection::vec((any::<usize>(), any::<usize>(), any_edit()), 1..6)
    ) {
        let mut value = base();
        for (which, pick, edit) in &edits {
            mutate(&mut value, *which, *pick, edit);
        }
        let text = serde_json::to_string(&value).expect("serializable");
        if let Ok(instance) = read_instance_str(&text, Path::new("fuzz.json")) {
            let _ = validate(&instance);
        }
    }

    #[test]
    fn a_broken_reference_is_reported(
        edits in prop::collection::vec((any::<usize>(), any::<usize>(), any_edit()), 0..3),
        reference in prop::sample::select(REFERENCES),
        dangling in "[a-zA-Z0-9åäöÅÄÖ🚌 -]{0,12}",
    ) {
        let mut value = base();
        for (which, pick, edit) in &edits {
            mutate(&mut value, *which, *pick, edit);
        }
        // The dangling id must not name anything that exists (or a pattern kind).
        let taken = serde_json::to_string(&value).expect("serializable");
        let dangling = format!("zz-{dangling}-missing");
        prop_assume!(!taken.contains(&dangling));
        let Some(field) = value.pointer_mut(reference) else {
            return Ok(()); // an earlier edit removed the field
        };
        if !field.is_string() {
            return Ok(());
        }
        *field = json!(dangling);
        let text = serde_json::to_string(&value).expect("serializable");
        if let Ok(instance) = read_instance_str(&text, Path::new("fuzz.json")) {
            let diagnostics = validate(&instance);
            prop_assert!(
                diagnostics.iter().any(|d| d.code == Code::E0102UnknownReference
                    && d.message.contains(&format!("{dangling:?}"))),
                "{reference} = {dangling:?} not reported: {diagnostics:#?}"
            );
        }
    }

    #[test]
    fn random_byte_corruption_never_panics(
        flips in prop::collection::vec((any::<usize>(), any::<u8>()), 1..8),
        cut in any::<Option<usize>>(),
    ) {
        let mut bytes = BASE.as_bytes().to_vec();
        for (position, byte) in flips {
            let at = position % bytes.len();
            bytes[at] = byte;
        }
        if let Some(cut) = cut {
            bytes.truncate(cut % (bytes.len() + 1));
        }
        let text = String::from_utf8_lossy(&bytes);
        if let Ok(instance) = read_instance_str(&text, Path::new("bytes.json")) {
            let _ = validate(&instance);
        }
    }
}
