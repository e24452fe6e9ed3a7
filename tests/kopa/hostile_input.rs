//! Hostile input: files exported from school systems and edited by hand.
//!
//! `validate_props.rs` already edits the base instance at random; this file adds the
//! structured damage people actually do: deleting an entity others still refer to,
//! copying an entity without renaming it, ids in other scripts (confusables, empty,
//! very long), emptied lists, zero / negative / huge numbers, slots out of order, trips
//! through unknown stops, deep nesting and very large files. It starts from every
//! valid instance in the repository, and does the same to solution files.
//!
//! Properties: nothing panics; every diagnostic names an entity and a field path;
//! the damage that must be caught is caught; an instance that validates also resolves
//! (`Model::new`) and, when small enough, builds its MILP. A few CLI cases check the
//! exit code (2) and that the message names the file.

use std::path::Path;

use crate::util::{exit_code_and_text, write_temp};
use kopa::instance::read_instance_str;
use kopa::milp::{Builder, Scope};
use kopa::model::Model;
use kopa::solution::check::check;
use kopa::solution::read_solution_str;
use kopa::solve::SolveContext;
use kopa::validate::{Code, Diagnostic, has_errors, validate};
use proptest::prelude::*;
use serde_json::{Value, json};

/// Valid instances to damage: the validation base and the tiny instances.
const SEEDS: &[(&str, &str)] = &[
    ("base.json", include_str!("../fixtures/validate/base.json")),
    (
        "two-towns.json",
        include_str!("../fixtures/solve/two-towns.json"),
    ),
    (
        "bus-capacity.json",
        include_str!("../../instances/tiny/bus-capacity.json"),
    ),
    (
        "clash.json",
        include_str!("../../instances/tiny/clash.json"),
    ),
    (
        "idle-slot.json",
        include_str!("../../instances/tiny/idle-slot.json"),
    ),
    (
        "min-size.json",
        include_str!("../../instances/tiny/min-size.json"),
    ),
    (
        "one-course.json",
        include_str!("../../instances/tiny/one-course.json"),
    ),
    (
        "optional-bus.json",
        include_str!("../../instances/tiny/optional-bus.json"),
    ),
    (
        "remote-only.json",
        include_str!("../../instances/tiny/remote-only.json"),
    ),
    (
        "teacher-drive.json",
        include_str!("../../instances/tiny/teacher-drive.json"),
    ),
];

/// Instance and solution pairs whose solutions are damaged.
const PLANS: &[(&str, &str)] = &[
    (
        include_str!("../fixtures/check/instance.json"),
        include_str!("../fixtures/check/plan.json"),
    ),
    (
        include_str!("../../instances/tiny/bus-capacity.json"),
        include_str!("../../instances/tiny/bus-capacity.solution.json"),
    ),
    (
        include_str!("../../instances/tiny/clash.json"),
        include_str!("../../instances/tiny/clash.solution.json"),
    ),
    (
        include_str!("../../instances/tiny/optional-bus.json"),
        include_str!("../../instances/tiny/optional-bus.solution.json"),
    ),
    (
        include_str!("../../instances/tiny/remote-only.json"),
        include_str!("../../instances/tiny/remote-only.solution.json"),
    ),
    (
        include_str!("../../instances/tiny/teacher-drive.json"),
        include_str!("../../instances/tiny/teacher-drive.solution.json"),
    ),
];

/// Above this many section slots, building the MILP in a property case takes too long.
const MAX_SECTIONS_TO_BUILD: i64 = 64;

fn parse(text: &str) -> Value {
    serde_json::from_str(text).expect("seed is JSON")
}

/// JSON pointers of every leaf (`want_number`: numbers, else strings) and container.
fn pointers(value: &Value, at: String, out: &mut Vec<(String, Kind)>) {
    match value {
        Value::Object(map) => {
            out.push((at.clone(), Kind::Object));
            for (key, child) in map {
                pointers(child, format!("{at}/{key}"), out);
            }
        }
        Value::Array(items) => {
            out.push((at.clone(), Kind::Array));
            for (index, child) in items.iter().enumerate() {
                pointers(child, format!("{at}/{index}"), out);
            }
        }
        Value::Number(_) => out.push((at, Kind::Number)),
        Value::String(_) => out.push((at, Kind::String)),
        _ => {}
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Object,
    Array,
    Number,
    String,
}

fn pick_pointer(
    value: &Value,
    kind: Kind,
    pick: usize,
    filter: impl Fn(&str) -> bool,
) -> Option<String> {
    let mut all = Vec::new();
    pointers(value, String::new(), &mut all);
    let chosen: Vec<String> = all
        .into_iter()
        .filter(|(p, k)| *k == kind && filter(p))
        .map(|(p, _)| p)
        .collect();
    (!chosen.is_empty()).then(|| chosen[pick % chosen.len()].clone())
}

/// Ids people and export scripts produce: confusables, invisible characters, other
/// scripts, empty, very long.
fn hostile_id() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "",
            " ",
            "\u{200b}",
            "MAA01\u{200b}",
            "MAA0l",
            "МАА01", // Cyrillic М and А
            "ΜΑΑ01", // Greek Μ and Α
            "PEL\u{2011}L",
            "pello ",
            "\u{202e}olleP",
            "T\u{0301}01",
            "\0",
            "🚌🚌",
            "Mon1\n",
        ])
        .prop_map(str::to_owned),
        (1usize..20_000).prop_map(|n| "x".repeat(n)),
        (1usize..500).prop_map(|n| "ö".repeat(n)),
        any::<String>(),
    ]
}

/// Numbers a spreadsheet export can write: zero, negative, huge, tiny, fractional.
fn hostile_number() -> impl Strategy<Value = Value> {
    prop_oneof![
        prop::sample::select(vec![
            json!(0),
            json!(-1),
            json!(-0.0),
            json!(0.5),
            json!(i64::MIN),
            json!(i64::MAX),
            json!(u64::MAX),
            json!(u32::MAX),
            json!(i64::from(u32::MAX) + 1),
            json!(1e308),
            json!(-1e308),
            json!(5e-324),
            json!(1e15),
            json!(1_000_000),
        ]),
        any::<i64>().prop_map(|n| json!(n)),
        prop::num::f64::NORMAL.prop_map(|x| json!(x)),
    ]
}

#[derive(Clone, Debug)]
enum Damage {
    /// Removes an entity from its list; whatever referred to it now dangles.
    DeleteEntity(usize),
    /// Appends a copy of an entity: its id is now taken twice.
    DuplicateEntity(usize),
    /// Replaces an id (or a reference to one) with a hostile string.
    RenameId(usize, String),
    /// Replaces a number anywhere in the file.
    SetNumber(usize, Value),
    /// Empties a list.
    EmptyList(usize),
    /// Reverses a list (slots out of order, stops backwards).
    ReverseList(usize),
    /// Swaps a slot's start and end.
    SwapSlotTimes(usize),
    /// Routes a trip through a road node that does not exist.
    UnknownTripStop(usize, usize, String),
}

fn any_damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        any::<usize>().prop_map(Damage::DeleteEntity),
        any::<usize>().prop_map(Damage::DuplicateEntity),
        (any::<usize>(), hostile_id()).prop_map(|(p, id)| Damage::RenameId(p, id)),
        (any::<usize>(), hostile_number()).prop_map(|(p, n)| Damage::SetNumber(p, n)),
        any::<usize>().prop_map(Damage::EmptyList),
        any::<usize>().prop_map(Damage::ReverseList),
        any::<usize>().prop_map(Damage::SwapSlotTimes),
        (any::<usize>(), any::<usize>(), "[a-z]{1,8}")
            .prop_map(|(t, s, n)| Damage::UnknownTripStop(t, s, n)),
    ]
}

/// What a damage obliges `validate` to report.
#[derive(Debug, PartialEq)]
enum Expect {
    Nothing,
    Code(Code),
}

/// Applies `damage`; returns what validation must then report.
fn apply(value: &mut Value, damage: &Damage) -> Expect {
    let is_entity = |p: &str| {
        p.rsplit('/')
            .next()
            .is_some_and(|last| last.parse::<usize>().is_ok())
    };
    match damage {
        Damage::DeleteEntity(pick) => {
            if let Some(p) = pick_pointer(value, Kind::Object, *pick, is_entity) {
                let (list, index) = p.rsplit_once('/').expect("entity in a list");
                let index: usize = index.parse().expect("index");
                if let Some(Value::Array(items)) = value.pointer_mut(list) {
                    items.remove(index);
                }
            }
            Expect::Nothing
        }
        Damage::DuplicateEntity(pick) => {
            let Some(p) = pick_pointer(value, Kind::Object, *pick, is_entity) else {
                return Expect::Nothing;
            };
            let entity = value.pointer(&p).cloned().expect("picked");
            let (list, _) = p.rsplit_once('/').expect("entity in a list");
            // Top-level entity lists and the time grid's days and slots need unique ids.
            let unique_ids = matches!(
                list,
                "/sites"
                    | "/rooms"
                    | "/teachers"
                    | "/courses"
                    | "/students"
                    | "/trips"
                    | "/timeGrid/days"
                    | "/timeGrid/slots"
                    | "/timeGrid/patterns"
                    | "/roadNetwork/nodes"
            );
            let has_id = entity
                .get("id")
                .is_some_and(|id| id.as_str().is_some_and(|s| !s.is_empty()));
            if let Some(Value::Array(items)) = value.pointer_mut(list) {
                items.push(entity);
            }
            if unique_ids && has_id {
                Expect::Code(Code::E0101DuplicateId)
            } else {
                Expect::Nothing
            }
        }
        Damage::RenameId(pick, id) => {
            if let Some(p) = pick_pointer(value, Kind::String, *pick, |p| {
                !p.ends_with("/start")
                    && !p.ends_with("/end")
                    && !p.ends_with("/time")
                    && !p.ends_with("/programme")
                    && p != "/name"
                    && p != "/description"
            }) {
                let is_entity_id = p.ends_with("/id") && !p.contains("/oneOf/");
                *value.pointer_mut(&p).expect("picked") = json!(id);
                if is_entity_id && id.is_empty() {
                    return Expect::Code(Code::E0103EmptyId);
                }
            }
            Expect::Nothing
        }
        Damage::SetNumber(pick, number) => {
            if let Some(p) = pick_pointer(value, Kind::Number, *pick, |p| p != "/formatVersion") {
                *value.pointer_mut(&p).expect("picked") = number.clone();
            }
            Expect::Nothing
        }
        Damage::EmptyList(pick) => {
            if let Some(p) = pick_pointer(value, Kind::Array, *pick, |_| true) {
                *value.pointer_mut(&p).expect("picked") = json!([]);
            }
            Expect::Nothing
        }
        Damage::ReverseList(pick) => {
            if let Some(p) = pick_pointer(value, Kind::Array, *pick, |_| true)
                && let Some(Value::Array(items)) = value.pointer_mut(&p)
            {
                items.reverse();
            }
            Expect::Nothing
        }
        Damage::SwapSlotTimes(pick) => {
            let Some(Value::Array(slots)) = value.pointer_mut("/timeGrid/slots") else {
                return Expect::Nothing;
            };
            if slots.is_empty() {
                return Expect::Nothing;
            }
            let count = slots.len();
            let slot = &mut slots[pick % count];
            slot["start"] = json!("23:59");
            slot["end"] = json!("00:00");
            Expect::Code(Code::E0202SlotRunsBackwards)
        }
        Damage::UnknownTripStop(trip, stop, name) => {
            let Some(Value::Array(trips)) = value.pointer_mut("/trips") else {
                return Expect::Nothing;
            };
            if trips.is_empty() {
                return Expect::Nothing;
            }
            let count = trips.len();
            let Some(Value::Array(stops)) = trips[trip % count].get_mut("stops") else {
                return Expect::Nothing;
            };
            if stops.is_empty() {
                return Expect::Nothing;
            }
            let count = stops.len();
            stops[stop % count]["node"] = json!(format!("zz-unknown-{name}"));
            Expect::Code(Code::E0102UnknownReference)
        }
    }
}

/// Every diagnostic must say which entity and which field it is about.
fn assert_named(diagnostics: &[Diagnostic]) -> Result<(), TestCaseError> {
    for d in diagnostics {
        prop_assert!(!d.entity.is_empty(), "no entity: {d:?}");
        prop_assert!(!d.path.is_empty(), "no field path: {d:?}");
        prop_assert!(!d.message.is_empty(), "no message: {d:?}");
    }
    Ok(())
}

/// Sum of `maxSections`, or None if any is not a small positive whole number.
fn section_slots(value: &Value) -> Option<i64> {
    value["courses"]
        .as_array()?
        .iter()
        .map(|c| c["maxSections"].as_i64().filter(|n| (1..=64).contains(n)))
        .sum()
}

/// Reads, validates, and (if valid) resolves and builds; the property's core.
fn run_instance(value: &Value, name: &str) -> Result<Vec<Diagnostic>, TestCaseError> {
    let text = serde_json::to_string(value).expect("serializable");
    let Ok(instance) = read_instance_str(&text, Path::new(name)) else {
        return Ok(Vec::new());
    };
    let diagnostics = validate(&instance);
    assert_named(&diagnostics)?;
    if !has_errors(&diagnostics) {
        match Model::new(&instance) {
            Ok(model) => {
                if section_slots(value).is_some_and(|n| n <= MAX_SECTIONS_TO_BUILD)
                    && let Ok(ctx) = SolveContext::new(&instance, &model)
                {
                    let _ = Builder::build(&model, &ctx.placements, Scope::Free).size();
                }
            }
            Err(error) => {
                // Validation let it through; the resolver's refusal must still be clear.
                let message = error.to_string();
                prop_assert!(message.contains('['), "no field path: {message}");
            }
        }
    }
    Ok(diagnostics)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

    #[test]
    fn structured_damage_is_reported_never_panics(
        seed in 0..SEEDS.len(),
        damages in prop::collection::vec(any_damage(), 1..4),
    ) {
        let (name, text) = SEEDS[seed];
        let mut value = parse(text);
        let mut expected = Vec::new();
        for damage in &damages {
            expected.push(apply(&mut value, damage));
        }
        let diagnostics = run_instance(&value, name)?;
        // Only the last damage's expectation is firm: a later one may undo an earlier.
        if let Some(Expect::Code(code)) = expected.last() {
            let text = serde_json::to_string(&value).expect("serializable");
            if read_instance_str(&text, Path::new(name)).is_ok() {
                prop_assert!(
                    diagnostics.iter().any(|d| d.code == *code),
                    "{damages:?}: expected {code:?}, got {diagnostics:#?}"
                );
            }
        }
    }
}

/// Damage to a solution: dangling and hostile ids, duplicates, numbers, empty lists.
#[derive(Clone, Debug)]
enum PlanDamage {
    RenameString(usize, String),
    SetNumber(usize, Value),
    DuplicateEntity(usize),
    DeleteEntity(usize),
    EmptyList(usize),
}

fn any_plan_damage() -> impl Strategy<Value = PlanDamage> {
    prop_oneof![
        (any::<usize>(), hostile_id()).prop_map(|(p, s)| PlanDamage::RenameString(p, s)),
        (any::<usize>(), hostile_number()).prop_map(|(p, n)| PlanDamage::SetNumber(p, n)),
        any::<usize>().prop_map(PlanDamage::DuplicateEntity),
        any::<usize>().prop_map(PlanDamage::DeleteEntity),
        any::<usize>().prop_map(PlanDamage::EmptyList),
    ]
}

fn apply_to_plan(value: &mut Value, damage: &PlanDamage) {
    let in_list = |p: &str| {
        p.rsplit('/')
            .next()
            .is_some_and(|l| l.parse::<usize>().is_ok())
    };
    match damage {
        PlanDamage::RenameString(pick, s) => {
            if let Some(p) = pick_pointer(value, Kind::String, *pick, |_| true) {
                *value.pointer_mut(&p).expect("picked") = json!(s);
            }
        }
        PlanDamage::SetNumber(pick, n) => {
            if let Some(p) = pick_pointer(value, Kind::Number, *pick, |p| p != "/formatVersion") {
                *value.pointer_mut(&p).expect("picked") = n.clone();
            }
        }
        PlanDamage::DuplicateEntity(pick) | PlanDamage::DeleteEntity(pick) => {
            let kind = if matches!(damage, PlanDamage::DeleteEntity(_)) {
                0
            } else {
                1
            };
            let candidates = [Kind::Object, Kind::String];
            if let Some(p) = pick_pointer(value, candidates[pick % 2], pick / 2, in_list) {
                let (list, index) = p.rsplit_once('/').expect("in a list");
                let index: usize = index.parse().expect("index");
                if let Some(Value::Array(items)) = value.pointer_mut(list) {
                    if kind == 0 {
                        items.remove(index);
                    } else {
                        let copy = items[index].clone();
                        items.push(copy);
                    }
                }
            }
        }
        PlanDamage::EmptyList(pick) => {
            if let Some(p) = pick_pointer(value, Kind::Array, *pick, |_| true) {
                *value.pointer_mut(&p).expect("picked") = json!([]);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

    #[test]
    fn damaged_solutions_are_checked_never_panic(
        pair in 0..PLANS.len(),
        damages in prop::collection::vec(any_plan_damage(), 1..4),
    ) {
        let (instance_text, plan_text) = PLANS[pair];
        let instance = read_instance_str(instance_text, Path::new("instance.json"))
            .expect("seed instance reads");
        let mut value = parse(plan_text);
        for damage in &damages {
            apply_to_plan(&mut value, damage);
        }
        let text = serde_json::to_string(&value).expect("serializable");
        if let Ok(solution) = read_solution_str(&text, Path::new("plan.json")) {
            let report = check(&instance, &solution);
            for v in &report.violations {
                prop_assert!(!v.message.is_empty(), "{v:?}");
            }
        }
    }
}

// Files too deep or too big for a tree of random edits, one case each.

fn base() -> Value {
    parse(SEEDS[0].1)
}

/// Runs validate, solve and (with the valid base) check on `file`: each must exit 2
/// with the file's name and every `needles` in its output.
fn assert_refused(dir: &tempfile::TempDir, file: &str, needles: &[&str]) {
    let out = dir.path().join("out.json").display().to_string();
    let runs = [
        vec!["validate", file],
        vec!["solve", file, "-o", &out, "--time-limit", "2", "--quiet"],
    ];
    for args in runs {
        let (code, text) = exit_code_and_text(&args);
        assert_eq!(code, 2, "{args:?}: {text}");
        assert!(
            text.contains(file),
            "{args:?} does not name the file: {text}"
        );
        for needle in needles {
            assert!(text.contains(needle), "{args:?} lacks {needle:?}: {text}");
        }
    }
}

#[test]
fn ten_thousand_nested_arrays_are_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut value = base();
    value["description"] = json!("x");
    let text = value.to_string().replacen(
        "\"description\":\"x\"",
        &format!(
            "\"description\":{}{}",
            "[".repeat(10_000),
            "]".repeat(10_000)
        ),
        1,
    );
    let file = write_temp(&dir, "deep.json", &text);
    assert_refused(&dir, &file, &["description"]);
    let plan = write_temp(
        &dir,
        "deep-plan.json",
        &format!("{}{}", "[".repeat(10_000), "]".repeat(10_000)),
    );
    let base_file = write_temp(&dir, "base.json", SEEDS[0].1);
    let (code, text) = exit_code_and_text(&["check", &base_file, &plan]);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains(&plan), "{text}");
}

#[test]
fn a_fifty_megabyte_string_is_read_and_validated() {
    let mut value = base();
    value["description"] = json!("å".repeat(25_000_000));
    let text = value.to_string();
    assert!(text.len() >= 50_000_000);
    let instance = read_instance_str(&text, Path::new("big.json")).expect("valid JSON");
    assert!(!has_errors(&validate(&instance)));
    value["teachers"][0]["id"] = json!("T".repeat(50_000_000));
    let text = value.to_string();
    let instance = read_instance_str(&text, Path::new("big.json")).expect("valid JSON");
    let diagnostics = validate(&instance);
    // The renamed teacher's old id dangles nowhere (teachers are not referred to), but
    // the new one must not blow up the messages either.
    assert!(
        diagnostics
            .iter()
            .all(|d| d.message.len() < 1_000_000 || d.path.starts_with("teachers"))
    );
}

#[test]
fn a_million_students_who_dangle_are_reported_per_student() {
    let mut value = base();
    let student = json!({"id": "", "home": "nowhere", "programme": "lukio"});
    let students: Vec<Value> = (0..1_000_000)
        .map(|i| {
            let mut s = student.clone();
            s["id"] = json!(format!("S{i}"));
            s
        })
        .collect();
    value["students"] = Value::Array(students);
    let text = value.to_string();
    let instance = read_instance_str(&text, Path::new("million.json")).expect("valid JSON");
    let diagnostics = validate(&instance);
    let dangling = diagnostics
        .iter()
        .filter(|d| d.code == Code::E0102UnknownReference && d.path.ends_with(".home"))
        .count();
    assert_eq!(dangling, 1_000_000);
    let last = diagnostics
        .iter()
        .find(|d| d.path == "students[999999].home")
        .expect("the last student is reported");
    assert!(last.entity.contains("S999999"), "{last:?}");
}

#[test]
fn a_number_beyond_f64_is_refused_with_its_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = base()
        .to_string()
        .replacen("\"km\":55", "\"km\":1e309", 1)
        .replacen("\"km\":55.0", "\"km\":1e309", 1);
    assert!(text.contains("1e309"), "the base has a road of 55 km");
    let file = write_temp(&dir, "inf.json", &text);
    assert_refused(&dir, &file, &[":1:", "number out of range"]);
}

#[test]
fn a_huge_capacity_is_refused_naming_room_and_field() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut value = base();
    value["rooms"][0]["capacity"] = json!(i64::from(u32::MAX) + 1);
    let file = write_temp(&dir, "huge.json", &value.to_string());
    let out = dir.path().join("out.json").display().to_string();
    let (code, text) =
        exit_code_and_text(&["solve", &file, "-o", &out, "--time-limit", "2", "--quiet"]);
    assert_eq!(code, 2, "{text}");
    assert!(
        text.contains(&file) && text.contains("rooms[0].capacity"),
        "{text}"
    );
    let (code, text) = exit_code_and_text(&["validate", &file]);
    assert_eq!(code, 2, "{text}");
    assert!(
        text.contains("rooms[0].capacity") && text.contains("P101"),
        "{text}"
    );
}

#[test]
fn a_duplicated_course_is_refused_by_validate_and_solve() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut value = base();
    let course = value["courses"][0].clone();
    value["courses"].as_array_mut().expect("list").push(course);
    let file = write_temp(&dir, "dup.json", &value.to_string());
    let id = value["courses"][0]["id"].as_str().expect("id").to_owned();
    assert_refused(&dir, &file, &["E0101", &id]);
}

#[test]
fn a_confusable_reference_is_refused_naming_entity_and_field() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut value = base();
    // Cyrillic "Р" in place of the Latin "P" of PEL-L.
    value["teachers"][0]["homeSite"] = json!("\u{420}EL-L");
    let file = write_temp(&dir, "confusable.json", &value.to_string());
    let teacher = value["teachers"][0]["id"].as_str().expect("id").to_owned();
    assert_refused(&dir, &file, &["E0102", "teachers[0].homeSite", &teacher]);
}

#[test]
fn a_trip_through_an_unknown_stop_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut value = base();
    value["trips"][0]["stops"][0]["node"] = json!("atlantis");
    let file = write_temp(&dir, "stop.json", &value.to_string());
    let trip = value["trips"][0]["id"].as_str().expect("id").to_owned();
    assert_refused(
        &dir,
        &file,
        &["E0102", "trips[0].stops[0].node", &trip, "atlantis"],
    );
}

#[test]
fn hostile_solutions_exit_2_when_unreadable_and_name_the_entity_otherwise() {
    let dir = tempfile::tempdir().expect("temp dir");
    let instance = write_temp(&dir, "instance.json", PLANS[0].0);
    let cases = [
        ("empty.json", String::new()),
        ("garbage.json", "\u{feff}{\"formatVersion\": 1,".to_owned()),
        ("number.json", "1e309".to_owned()),
        (
            "deep.json",
            format!("{}{}", "{\"a\":".repeat(5_000), "}".repeat(5_000)),
        ),
    ];
    for (name, text) in cases {
        let file = write_temp(&dir, name, &text);
        let (code, out) = exit_code_and_text(&["check", &instance, &file]);
        assert_eq!(code, 2, "{name}: {out}");
        assert!(out.contains(&file), "{name}: {out}");
    }
    let mut plan = parse(PLANS[0].1);
    plan["sections"][0]["teacher"] = json!("\u{200b}");
    let section = plan["sections"][0]["id"].as_str().expect("id").to_owned();
    let file = write_temp(&dir, "zero-width.json", &plan.to_string());
    let (code, out) = exit_code_and_text(&["check", &instance, &file]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains(&section) && out.contains(&file), "{out}");
}

#[test]
fn a_wrong_type_names_the_field_and_the_entity() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut value = base();
    value["teachers"][1]["maxLessonsPerWeek"] = json!("twenty");
    let teacher = value["teachers"][1]["id"].as_str().expect("id").to_owned();
    let file = write_temp(&dir, "type.json", &value.to_string());
    assert_refused(
        &dir,
        &file,
        &[
            "teachers[1].maxLessonsPerWeek",
            &format!("teachers {teacher:?}"),
        ],
    );
    let instance = write_temp(&dir, "instance.json", PLANS[0].0);
    let mut plan = parse(PLANS[0].1);
    plan["sections"][0]["slots"] = json!([1, 2]);
    let section = plan["sections"][0]["id"].as_str().expect("id").to_owned();
    let file = write_temp(&dir, "plan-type.json", &plan.to_string());
    let (code, out) = exit_code_and_text(&["check", &instance, &file]);
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains(&file)
            && out.contains("sections[0].slots[0]")
            && out.contains(&format!("sections {section:?}")),
        "{out}"
    );
}

#[test]
fn check_names_what_is_wrong_with_a_hostile_instance() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut instance = parse(PLANS[0].0);
    instance["rooms"][0]["site"] = json!("");
    let room = instance["rooms"][0]["id"].as_str().expect("id").to_owned();
    let instance = write_temp(&dir, "instance.json", &instance.to_string());
    let plan = write_temp(&dir, "plan.json", PLANS[0].1);
    let (code, out) = exit_code_and_text(&["check", &instance, &plan]);
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains(&instance) && out.contains("rooms[0].site") && out.contains(&room),
        "{out}"
    );
}

/// C(200, 100) overflows u128: the count of free-slot timings must saturate (it
/// overflowed, a panic in debug builds) and the course be refused, not enumerated.
#[test]
fn a_hundred_free_lessons_among_two_hundred_slots_are_refused() {
    let mut value = base();
    for d in 0..25 {
        let day = format!("X{d}");
        value["timeGrid"]["days"]
            .as_array_mut()
            .expect("days")
            .push(json!({ "id": day }));
        for s in 0..8 {
            value["timeGrid"]["slots"]
                .as_array_mut()
                .expect("slots")
                .push(json!({
                    "id": format!("{day}-{s}"),
                    "day": day,
                    "start": format!("{:02}:00", 8 + s),
                    "end": format!("{:02}:50", 8 + s),
                }));
        }
    }
    value["courses"][1]["lessonsPerWeek"] = json!(100);
    for teacher in value["teachers"].as_array_mut().expect("teachers") {
        teacher["maxLessonsPerWeek"] = json!(200);
    }
    let text = value.to_string();
    let instance = read_instance_str(&text, Path::new("many.json")).expect("reads");
    assert!(
        !has_errors(&validate(&instance)),
        "{:#?}",
        validate(&instance)
    );
    let model = Model::new(&instance).expect("resolves");
    let Err(error) = SolveContext::new(&instance, &model) else {
        panic!("C(204, 100) timings were enumerated");
    };
    assert!(error.to_string().contains("ENA01"), "{error}");
    let dir = tempfile::tempdir().expect("temp dir");
    let file = write_temp(&dir, "many.json", &text);
    let out = dir.path().join("out.json").display().to_string();
    let (code, output) =
        exit_code_and_text(&["solve", &file, "-o", &out, "--time-limit", "2", "--quiet"]);
    assert_eq!(code, 2, "{output}");
    assert!(output.contains(&file), "{output}");
}

#[test]
fn amounts_the_solver_would_take_as_infinite_are_refused_by_name() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut value = base();
    value["weights"]["unmetRequest"] = json!(1e308);
    value["roadNetwork"]["roads"][0]["km"] = json!(1e300);
    let file = write_temp(&dir, "big-amounts.json", &value.to_string());
    assert_refused(
        &dir,
        &file,
        &[
            "weights.unmetRequest",
            "roadNetwork.roads[0].km",
            "at most 1e9",
        ],
    );
}
