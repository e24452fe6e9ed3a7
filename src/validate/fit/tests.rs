//! Hand-made students in a small valley: Pello (P), Ylitornio (Y) and Tornio (T), a
//! village with no school, two days of three slots, two morning blocks, two one-slot
//! bars (bar1 overlaps the Monday block, bar2 does not) and one Monday-noon pattern.

use serde_json::{Value, json};

use super::{Cause, WeekFit, fewest_to_drop, week_fit};
use crate::instance::Instance;
use crate::model::Model;

fn valley() -> Value {
    let slot = |id: &str, day: &str, start: &str, end: &str| json!({ "id": id, "day": day, "start": start, "end": end });
    let course = |id: &str, kind: &str, sites: &[&str]| {
        json!({ "id": id, "programme": "vocational", "patternKind": kind, "minSize": 1,
                "maxSize": 20, "maxSections": 1, "sites": sites, "sectionCost": 0 })
    };
    let trip = |id: &str, days: &[&str], stops: &[(&str, &str)]| {
        let stops: Vec<Value> = stops
            .iter()
            .map(|(node, time)| json!({ "node": node, "time": time }))
            .collect();
        json!({ "id": id, "days": days, "capacity": 40, "stops": stops })
    };
    json!({
        "formatVersion": 1,
        "name": "fit-valley",
        "timeGrid": {
            "days": [{ "id": "Mon" }, { "id": "Tue" }],
            "slots": [
                slot("Mon1", "Mon", "08:15", "09:30"), slot("Mon2", "Mon", "09:45", "11:00"),
                slot("Mon3", "Mon", "11:45", "13:00"), slot("Tue1", "Tue", "08:15", "09:30"),
                slot("Tue2", "Tue", "09:45", "11:00"), slot("Tue3", "Tue", "11:45", "13:00")
            ],
            "patterns": [
                { "id": "am-Mon", "kind": "blockAm", "slots": ["Mon1", "Mon2"] },
                { "id": "am-Tue", "kind": "blockAm", "slots": ["Tue1", "Tue2"] },
                { "id": "bar1", "kind": "bar", "slots": ["Mon1"] },
                { "id": "bar2", "kind": "bar", "slots": ["Mon3"] },
                { "id": "mon3", "kind": "lateMon", "slots": ["Mon3"] }
            ]
        },
        "roadNetwork": {
            "nodes": [{ "id": "pello" }, { "id": "ylitornio" }, { "id": "tornio" }, { "id": "village" }],
            "roads": [
                { "from": "pello", "to": "ylitornio", "minutes": 45, "km": 55 },
                { "from": "ylitornio", "to": "tornio", "minutes": 55, "km": 63 },
                { "from": "village", "to": "pello", "minutes": 15, "km": 18 }
            ]
        },
        "sites": [
            { "id": "P", "municipality": "Pello", "node": "pello", "maxStreams": 1 },
            { "id": "Y", "municipality": "Ylitornio", "node": "ylitornio", "maxStreams": 1 },
            { "id": "T", "municipality": "Tornio", "node": "tornio", "maxStreams": 1 }
        ],
        "rooms": [
            { "id": "P1", "site": "P", "capacity": 20, "video": true },
            { "id": "Y1", "site": "Y", "capacity": 20 },
            { "id": "T1", "site": "T", "capacity": 20, "video": true }
        ],
        "teachers": [{
            "id": "teacher", "homeSite": "P",
            "canTeach": ["VOC1", "VOC2", "VOC3", "BAR1", "BAR2", "FAR", "LATE-Y", "NOON-A", "NOON-B"],
            "sites": ["P", "Y", "T"], "maxLessonsPerWeek": 30
        }],
        "courses": [
            course("VOC1", "blockAm", &["P"]), course("VOC2", "blockAm", &["P"]),
            course("VOC3", "blockAm", &["P"]), course("BAR1", "bar", &["P"]),
            course("BAR2", "bar", &["P"]), course("FAR", "bar", &["T"]),
            course("LATE-Y", "lateMon", &["Y"]), course("NOON-A", "lateMon", &["P"]),
            course("NOON-B", "lateMon", &["P"])
        ],
        "students": [],
        "trips": [
            trip("village-pello", &["Mon", "Tue"], &[("village", "07:30"), ("pello", "07:50")]),
            trip("pello-village", &["Mon", "Tue"], &[("pello", "13:10"), ("village", "13:30")]),
            trip("pello-ylitornio", &["Mon"], &[("pello", "11:05"), ("ylitornio", "11:40")]),
            trip("ylitornio-village", &["Mon"], &[("ylitornio", "13:10"), ("village", "13:50")]),
            trip("to-tornio", &["Tue"], &[("pello", "06:30"), ("tornio", "08:00")]),
            trip("from-tornio", &["Mon", "Tue"], &[("tornio", "13:10"), ("pello", "14:40")])
        ],
        "transport": { "transferBufferMinutes": 5 },
        "weights": { "unmetRequest": 1000, "teacherKm": 0.5, "studentTravelMinute": 0.2,
                     "remoteStudentLesson": 10, "idleSlot": 5 }
    })
}

/// A student at `home` asking for `courses` (weight 1; mandatory where marked "!").
fn student(home: &str, courses: &[&str]) -> Value {
    let requests: Vec<Value> = courses
        .iter()
        .map(|c| {
            let id = c.trim_end_matches('!');
            json!({ "course": id, "weight": 1, "mandatory": c.ends_with('!') })
        })
        .collect();
    json!({ "id": "S", "home": home, "programme": "vocational", "requests": requests })
}

fn model_of(mut world: Value, student: Value) -> Model {
    world["students"] = json!([student]);
    let instance: Instance = serde_json::from_value(world).expect("a valid instance");
    Model::new(&instance).expect("the instance resolves")
}

fn fit_of(world: Value, student: Value) -> WeekFit {
    week_fit(&model_of(world, student)).remove(0)
}

fn fewest_of(world: Value, student: Value) -> usize {
    fewest_to_drop(&model_of(world, student)).remove(0)
}

#[test]
fn a_student_whose_requests_fit_draws_nothing() {
    let fit = fit_of(valley(), student("pello", &["VOC1", "VOC2", "BAR2"]));
    assert_eq!(fit, WeekFit::default());
}

#[test]
fn three_morning_blocks_in_a_week_of_two_do_not_fit() {
    let fit = fit_of(
        valley(),
        student("pello", &["BAR2", "VOC1", "VOC2", "VOC3"]),
    );
    assert_eq!(fit.conflict, vec![1, 2, 3]);
    assert_eq!(fit.cause, Some(Cause::TooFewPatterns));
    assert!(!fit.mandatory);
}

#[test]
fn patterns_that_overlap_in_time_clash() {
    // bar1 overlaps am-Mon (Mon1), bar2 does not. Both blocks and both bars cannot
    // be had: one bar takes bar1 and clashes with a block. Any three can.
    let fit = fit_of(
        valley(),
        student("pello", &["VOC1", "VOC2", "BAR1", "BAR2"]),
    );
    assert_eq!(fit.cause, Some(Cause::Clash));
    assert_eq!(fit.conflict, vec![0, 1, 2, 3]);
    let fit = fit_of(valley(), student("pello", &["VOC1", "VOC2", "BAR1"]));
    assert_eq!(fit, WeekFit::default());
}

#[test]
fn a_course_reached_only_by_a_bus_that_does_not_run_that_day_is_out_of_reach() {
    // FAR is taught in Tornio in a bar, every bar is on Monday, and the morning bus to
    // Tornio runs on Tuesdays only.
    let fit = fit_of(valley(), student("pello", &["VOC1", "FAR!"]));
    assert_eq!(fit.conflict, vec![1]);
    assert_eq!(fit.cause, Some(Cause::OutOfReach));
    assert!(fit.mandatory);
    // The same bus running on Mondays too takes the student there for 8:15 (bar1),
    // and VOC1 moves to Tuesday's block.
    let mut world = valley();
    world["trips"][4]["days"] = json!(["Mon", "Tue"]);
    assert_eq!(
        fit_of(world, student("pello", &["VOC1", "FAR!"])),
        WeekFit::default()
    );
}

#[test]
fn a_course_out_of_reach_is_received_by_video_when_it_allows_remote_delivery() {
    let mut world = valley();
    world["courses"][5]["remoteAllowed"] = json!(true);
    assert_eq!(
        fit_of(world.clone(), student("pello", &["FAR"])),
        WeekFit::default()
    );
    // Without a video room at a site the student can reach, it stays out of reach.
    world["rooms"][0]["video"] = json!(false);
    let fit = fit_of(world, student("pello", &["FAR"]));
    assert_eq!(fit.cause, Some(Cause::OutOfReach));
}

#[test]
fn a_one_of_group_fits_when_one_of_its_courses_does() {
    let mut one_of = student("pello", &["VOC1", "VOC2"]);
    one_of["oneOf"] = json!([{ "id": "third", "courses": ["VOC3", "BAR2"], "weight": 1 }]);
    assert_eq!(fit_of(valley(), one_of.clone()), WeekFit::default());
    // With both alternatives in the morning blocks, the group is part of the conflict.
    one_of["oneOf"][0]["courses"] = json!(["VOC3", "FAR"]);
    let fit = fit_of(valley(), one_of);
    assert_eq!(fit.conflict, vec![0, 1, 2], "{fit:?}");
}

#[test]
fn a_lesson_on_the_way_makes_a_far_course_reachable() {
    // LATE-Y is in Ylitornio on Monday at 11:45. From the village no bus goes there
    // directly: alone it cannot be reached (rule 6 allows no stop-over without a lesson).
    let alone = fit_of(valley(), student("village", &["LATE-Y"]));
    assert_eq!(alone.cause, Some(Cause::OutOfReach));
    // A morning block in Pello makes the day village -> Pello -> Ylitornio -> village.
    let with_block = fit_of(valley(), student("village", &["VOC1", "LATE-Y"]));
    assert_eq!(with_block, WeekFit::default());
}

#[test]
fn mandatory_requests_alone_are_judged_first() {
    let fit = fit_of(
        valley(),
        student("pello", &["VOC1!", "VOC2!", "VOC3!", "BAR2"]),
    );
    assert_eq!(fit.conflict, vec![0, 1, 2]);
    assert!(fit.mandatory);
}

#[test]
fn courses_that_run_nowhere_and_homes_cut_off_are_left_to_other_rules() {
    let mut world = valley();
    world["courses"][0]["features"] = json!(["kitchen"]);
    let fit = fit_of(world, student("pello", &["VOC1", "VOC2", "VOC3"]));
    assert_eq!(fit.runs_nowhere, vec![0]);
    assert!(fit.conflict.is_empty());
    let mut world = valley();
    push_node(&mut world, "island");
    let fit = fit_of(world, student("island", &["VOC1", "VOC2", "VOC3"]));
    assert!(fit.cut_off && fit.conflict.is_empty());
}

fn push_node(world: &mut Value, id: &str) {
    world["roadNetwork"]["nodes"]
        .as_array_mut()
        .expect("nodes")
        .push(json!({ "id": id }));
}

#[test]
fn the_smallest_conflict_is_found_when_the_deletion_filter_keeps_a_larger_one() {
    // VOC1..3 cannot all fit (two blocks), nor can NOON-A and NOON-B (one Monday-noon
    // pattern). Dropping requests from the front keeps the three blocks; the pair is
    // smaller.
    let requests = ["NOON-A", "VOC1", "VOC2", "NOON-B", "VOC3"];
    let fit = fit_of(valley(), student("pello", &requests));
    assert_eq!(fit.conflict, vec![0, 3]);
    assert_eq!(fit.cause, Some(Cause::TooFewPatterns));
}

#[test]
fn a_student_whose_requests_fit_drops_none() {
    assert_eq!(
        fewest_of(valley(), student("pello", &["VOC1", "VOC2", "BAR2"])),
        0
    );
    assert_eq!(fewest_of(valley(), student("pello", &[])), 0);
}

#[test]
fn three_morning_blocks_in_a_week_of_two_drop_one() {
    let three = student("pello", &["BAR2", "VOC1", "VOC2", "VOC3"]);
    assert_eq!(fewest_of(valley(), three), 1);
}

#[test]
fn two_disjoint_conflicts_drop_two() {
    // Three blocks in two, and two Monday-noon courses in one pattern: one of each goes.
    let requests = ["NOON-A", "VOC1", "VOC2", "NOON-B", "VOC3"];
    assert_eq!(fewest_of(valley(), student("pello", &requests)), 2);
}

#[test]
fn overlapping_conflicts_can_cost_more_than_the_one_named() {
    // The named conflict is the three blocks, but dropping one of them is not enough:
    // the two bars take Mon1 and Mon3, and Mon1 clashes with the Monday block. A second
    // request (a block or a bar) must go too.
    let requests = ["VOC1", "VOC2", "VOC3", "BAR1", "BAR2"];
    let fit = fit_of(valley(), student("pello", &requests));
    assert_eq!(fit.conflict, vec![0, 1, 2]);
    assert_eq!(fewest_of(valley(), student("pello", &requests)), 2);
}

#[test]
fn a_lesson_on_the_way_is_kept_rather_than_dropped() {
    // Alone, LATE-Y cannot be reached from the village; with the Pello block before it
    // the day works, so nothing need be dropped (fitting is not judged subset by subset).
    assert_eq!(fewest_of(valley(), student("village", &["LATE-Y"])), 1);
    assert_eq!(
        fewest_of(valley(), student("village", &["VOC1", "LATE-Y"])),
        0
    );
}

#[test]
fn requests_for_courses_that_run_nowhere_are_dropped_and_cut_off_homes_not_judged() {
    let mut world = valley();
    world["courses"][0]["features"] = json!(["kitchen"]);
    let requests = student("pello", &["VOC1", "VOC2", "VOC3"]);
    assert_eq!(fewest_of(world, requests), 1);
    let mut world = valley();
    push_node(&mut world, "island");
    assert_eq!(
        fewest_of(world, student("island", &["VOC1", "VOC2", "VOC3"])),
        0
    );
}
