//! Every validation code, triggered alone: each test mutates the valid base instance
//! (`tests/fixtures/validate/base.json`) so that exactly one code fires, then checks
//! the set of codes, and for some the path, entity and message. The last tests run the
//! `kopa validate` binary for its exit codes and output.

use std::collections::BTreeSet;
use std::path::Path;

use crate::util::{exit_code_and_text, write_temp};
use kopa::instance::{read_instance, read_instance_str};
use kopa::validate::{Code, Diagnostic, read_error_code, validate};
use serde_json::{Value, json};

const BASE: &str = "tests/fixtures/validate/base.json";

fn base() -> Value {
    let text = std::fs::read_to_string(BASE).expect("base fixture exists");
    serde_json::from_str(&text).expect("base fixture is JSON")
}

fn diagnostics_of(value: &Value) -> Vec<Diagnostic> {
    let text = serde_json::to_string(value).expect("serializable");
    let instance = read_instance_str(&text, Path::new("mutated.json"))
        .unwrap_or_else(|e| panic!("mutation must still read: {e}"));
    validate(&instance)
}

fn codes(diagnostics: &[Diagnostic]) -> BTreeSet<&'static str> {
    diagnostics.iter().map(|d| d.code.id()).collect()
}

/// Applies `mutate` to the base and asserts that exactly `expected` fires; returns the
/// diagnostics for further checks.
fn only(expected: Code, mutate: impl FnOnce(&mut Value)) -> Vec<Diagnostic> {
    let mut value = base();
    mutate(&mut value);
    let diagnostics = diagnostics_of(&value);
    assert_eq!(
        codes(&diagnostics),
        BTreeSet::from([expected.id()]),
        "diagnostics: {diagnostics:#?}"
    );
    diagnostics
}

/// An edit of the base instance, paired in tables with the path it should be reported at.
type Mutation = fn(&mut Value);

fn push(array: &mut Value, item: Value) {
    array.as_array_mut().expect("an array").push(item);
}

#[test]
fn base_instance_is_clean() {
    let diagnostics = diagnostics_of(&base());
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
}

#[test]
fn e0001_unsupported_format_version() {
    let d = only(Code::E0001UnsupportedFormatVersion, |v| {
        v["formatVersion"] = json!(2)
    });
    assert_eq!(d[0].path, "formatVersion");
}

#[test]
fn e0002_unreadable_file() {
    let error = read_instance(Path::new("tests/fixtures/validate/no-such-file.json"))
        .expect_err("missing file");
    assert_eq!(read_error_code(&error), Code::E0002UnreadableFile);
}

#[test]
fn e0003_invalid_json() {
    let error = read_instance_str("{\n  \"formatVersion\": 1,,\n}", Path::new("bad.json"))
        .expect_err("bad JSON");
    assert_eq!(read_error_code(&error), Code::E0003InvalidJson);
    assert!(error.to_string().contains("bad.json:2:"), "{error}");
}

#[test]
fn e0004_format_mismatch() {
    for mutate in [
        (|v: &mut Value| v["rooms"][0]["colour"] = json!("red")) as fn(&mut Value),
        |v| v["rooms"][0]["capacity"] = json!("big"),
        |v| {
            v["rooms"][0]
                .as_object_mut()
                .expect("object")
                .remove("site");
        },
    ] {
        let mut value = base();
        mutate(&mut value);
        let text = serde_json::to_string_pretty(&value).expect("serializable");
        let error = read_instance_str(&text, Path::new("m.json")).expect_err("schema error");
        assert_eq!(
            read_error_code(&error),
            Code::E0004FormatMismatch,
            "{error}"
        );
    }
}

#[test]
fn e0101_duplicate_id() {
    let d = only(Code::E0101DuplicateId, |v| {
        v["teachers"][1]["id"] = json!("T01")
    });
    assert_eq!(d[0].path, "teachers[1].id");
    assert_eq!(d[0].entity, "teacher \"T01\"");
    only(Code::E0101DuplicateId, |v| {
        push(&mut v["timeGrid"]["days"], json!({"id": "Mon"}));
    });
    // One-of ids must be unique within their student.
    let d = only(Code::E0101DuplicateId, |v| {
        v["students"][0]["requests"] = json!([]);
        v["students"][0]["oneOf"] = json!([
            {"id": "lang", "courses": ["MAA01", "ENA01"], "weight": 1},
            {"id": "lang", "courses": ["BI01", "MET01"], "weight": 1}
        ]);
    });
    assert_eq!(d[0].path, "students[0].oneOf[1].id");
}

#[test]
fn e0102_unknown_reference() {
    let d = only(Code::E0102UnknownReference, |v| {
        v["teachers"][0]["canTeach"][1] = json!("MAA99");
    });
    assert_eq!(d[0].path, "teachers[0].canTeach[1]");
    assert_eq!(d[0].entity, "teacher \"T01\"");
    assert_eq!(d[0].message, "course \"MAA99\" does not exist");

    let mutations: Vec<(&str, Mutation)> = vec![
        ("timeGrid.slots[0].day", |v| {
            v["timeGrid"]["slots"][0]["day"] = json!("Sun")
        }),
        ("timeGrid.patterns[0].slots[1]", |v| {
            v["timeGrid"]["patterns"][0]["slots"][1] = json!("Wed9")
        }),
        ("roadNetwork.roads[2].to", |v| {
            let road = json!({"from": "pello", "to": "nowhere", "minutes": 1, "km": 1});
            push(&mut v["roadNetwork"]["roads"], road);
        }),
        ("sites[0].node", |v| {
            v["sites"][0]["node"] = json!("rovaniemi")
        }),
        ("rooms[3].site", |v| {
            push(
                &mut v["rooms"],
                json!({"id": "R9", "site": "X", "capacity": 5}),
            );
        }),
        ("teachers[0].homeSite", |v| {
            v["teachers"][0]["homeSite"] = json!("X")
        }),
        ("teachers[0].sites[2]", |v| {
            push(&mut v["teachers"][0]["sites"], json!("X"))
        }),
        ("teachers[0].unavailable[0]", |v| {
            v["teachers"][0]["unavailable"][0] = json!("Fri1")
        }),
        ("courses[0].sites[1]", |v| {
            v["courses"][0]["sites"][1] = json!("X")
        }),
        ("courses[0].patternKind", |v| {
            v["courses"][0]["patternKind"] = json!("triple")
        }),
        ("students[0].home", |v| {
            v["students"][0]["home"] = json!("X")
        }),
        ("students[2].requests[0].course", |v| {
            v["students"][2]["requests"][0]["course"] = json!("X")
        }),
        ("students[0].oneOf[0].courses[1]", |v| {
            v["students"][0]["oneOf"][0]["courses"][1] = json!("X")
        }),
        ("trips[0].days[1]", |v| {
            v["trips"][0]["days"][1] = json!("Sun")
        }),
        ("trips[0].stops[0].node", |v| {
            v["trips"][0]["stops"][0]["node"] = json!("X")
        }),
    ];
    for (path, mutate) in mutations {
        let d = only(Code::E0102UnknownReference, mutate);
        assert_eq!(d.len(), 1, "{d:#?}");
        assert_eq!(d[0].path, path);
    }
}

#[test]
fn e0103_empty_id() {
    only(Code::E0103EmptyId, |v| {
        push(&mut v["timeGrid"]["days"], json!({"id": " "}))
    });
    only(Code::E0103EmptyId, |v| {
        push(&mut v["roadNetwork"]["nodes"], json!({"id": ""}));
    });
}

#[test]
fn e0201_bad_clock_time() {
    let d = only(Code::E0201BadClockTime, |v| {
        v["timeGrid"]["slots"][0]["start"] = json!("8.15")
    });
    assert_eq!(d[0].path, "timeGrid.slots[0].start");
    only(Code::E0201BadClockTime, |v| {
        v["trips"][0]["stops"][1]["time"] = json!("25:00")
    });
}

#[test]
fn e0202_slot_runs_backwards() {
    only(Code::E0202SlotRunsBackwards, |v| {
        v["timeGrid"]["slots"][1]["end"] = json!("09:45")
    });
}

#[test]
fn e0203_slots_overlap() {
    let d = only(Code::E0203SlotsOverlap, |v| {
        v["timeGrid"]["slots"][1]["start"] = json!("09:00")
    });
    assert_eq!(d.len(), 1);
    assert!(d[0].message.contains("\"Mon1\""), "{}", d[0].message);
}

#[test]
fn e0204_empty_time_grid() {
    only(Code::E0204EmptyTimeGrid, |v| {
        v["timeGrid"]["slots"] = json!([]);
        v["timeGrid"]["patterns"] = json!([]);
        v["teachers"][0]["unavailable"] = json!([]);
        for c in [0, 3] {
            let course = v["courses"][c].as_object_mut().expect("object");
            course.remove("patternKind");
            course.insert("lessonsPerWeek".into(), json!(1));
        }
    });
}

#[test]
fn e0205_pattern_without_slots() {
    only(Code::E0205PatternWithoutSlots, |v| {
        push(
            &mut v["timeGrid"]["patterns"],
            json!({"id": "p0", "kind": "bar", "slots": []}),
        );
    });
}

#[test]
fn e0206_pattern_repeats_slot() {
    let d = only(Code::E0206PatternRepeatsSlot, |v| {
        push(&mut v["timeGrid"]["patterns"][0]["slots"], json!("Mon1"));
    });
    assert_eq!(d[0].path, "timeGrid.patterns[0].slots[2]");
}

/// Gives the base a valid period and a weekday on each of its days (Mon, Tue).
fn with_period(v: &mut Value) {
    v["period"] = json!({ "start": "2027-03-15", "weeks": 3, "timeZone": "Europe/Helsinki" });
    v["timeGrid"]["days"][0]["weekday"] = json!("Mon");
    v["timeGrid"]["days"][1]["weekday"] = json!("Tue");
}

#[test]
fn a_period_with_weekdays_is_clean() {
    let mut value = base();
    with_period(&mut value);
    let diagnostics = diagnostics_of(&value);
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
}

#[test]
fn e0207_bad_date() {
    for bad in ["2027-02-29", "11.1.2027", "2027-1-11"] {
        let d = only(Code::E0207BadDate, |v| {
            with_period(v);
            v["period"]["start"] = json!(bad);
        });
        assert_eq!(
            (d[0].path.as_str(), d[0].entity.as_str()),
            ("period.start", "period")
        );
        assert!(d[0].message.contains(bad), "{}", d[0].message);
    }
}

#[test]
fn e0208_unknown_time_zone() {
    let d = only(Code::E0208UnknownTimeZone, |v| {
        with_period(v);
        v["period"]["timeZone"] = json!("Europe/Pello");
    });
    assert_eq!(d[0].path, "period.timeZone");
}

#[test]
fn e0209_bad_weekday() {
    let d = only(Code::E0209BadWeekday, |v| {
        with_period(v);
        v["timeGrid"]["days"][1]["weekday"] = json!("Tuesday");
    });
    assert_eq!(d[0].path, "timeGrid.days[1].weekday");
    assert_eq!(d[0].entity, "day \"Tue\"");
}

#[test]
fn e0210_weekday_used_twice() {
    let d = only(Code::E0210WeekdayUsedTwice, |v| {
        with_period(v);
        v["timeGrid"]["days"][1]["weekday"] = json!("Mon");
    });
    assert_eq!(d[0].path, "timeGrid.days[1].weekday");
    assert!(d[0].message.contains("\"Mon\""), "{}", d[0].message);
}

#[test]
fn e0301_not_positive() {
    let mutations: Vec<(&str, Mutation)> = vec![
        ("rooms[0].capacity", |v| {
            v["rooms"][0]["capacity"] = json!(0)
        }),
        ("roadNetwork.roads[0].minutes", |v| {
            v["roadNetwork"]["roads"][0]["minutes"] = json!(-45)
        }),
        ("roadNetwork.roads[1].km", |v| {
            v["roadNetwork"]["roads"][1]["km"] = json!(0.0)
        }),
        ("teachers[2].maxLessonsPerWeek", |v| {
            v["teachers"][2]["maxLessonsPerWeek"] = json!(i64::MIN)
        }),
        ("courses[1].lessonsPerWeek", |v| {
            v["courses"][1]["lessonsPerWeek"] = json!(0)
        }),
        ("courses[1].maxSize", |v| {
            v["courses"][1]["maxSize"] = json!(0)
        }),
        ("courses[1].maxSections", |v| {
            v["courses"][1]["maxSections"] = json!(-1)
        }),
        ("trips[1].capacity", |v| {
            v["trips"][1]["capacity"] = json!(0)
        }),
        ("period.weeks", |v| {
            with_period(v);
            v["period"]["weeks"] = json!(0)
        }),
    ];
    for (path, mutate) in mutations {
        let d = only(Code::E0301NotPositive, mutate);
        assert_eq!(d[0].path, path);
    }
}

#[test]
fn e0302_negative() {
    let mutations: Vec<(&str, Mutation)> = vec![
        ("courses[0].sectionCost", |v| {
            v["courses"][0]["sectionCost"] = json!(-1)
        }),
        ("courses[0].minSize", |v| {
            v["courses"][0]["minSize"] = json!(-3)
        }),
        ("trips[1].costPerRun", |v| {
            v["trips"][1]["costPerRun"] = json!(-100)
        }),
        ("weights.teacherKm", |v| {
            v["weights"]["teacherKm"] = json!(-0.5)
        }),
        ("transport.transferBufferMinutes", |v| {
            v["transport"]["transferBufferMinutes"] = json!(-1e300)
        }),
        ("sites[2].maxStreams", |v| {
            v["sites"][2]["maxStreams"] = json!(-1)
        }),
        ("students[1].requests[1].weight", |v| {
            v["students"][1]["requests"][1]["weight"] = json!(-2)
        }),
        ("students[0].oneOf[0].weight", |v| {
            v["students"][0]["oneOf"][0]["weight"] = json!(-2)
        }),
    ];
    for (path, mutate) in mutations {
        let d = only(Code::E0302Negative, mutate);
        assert_eq!(d[0].path, path);
    }
}

#[test]
fn e0303_min_size_above_max_size() {
    only(Code::E0303MinSizeAboveMaxSize, |v| {
        v["courses"][0]["minSize"] = json!(21)
    });
}

#[test]
fn e0401_lessons_or_pattern() {
    only(Code::E0401LessonsOrPattern, |v| {
        v["courses"][1]["patternKind"] = json!("bar")
    });
    only(Code::E0401LessonsOrPattern, |v| {
        v["courses"][0]
            .as_object_mut()
            .expect("object")
            .remove("patternKind");
    });
}

#[test]
fn e0402_more_lessons_than_slots() {
    only(Code::E0402MoreLessonsThanSlots, |v| {
        v["courses"][1]["lessonsPerWeek"] = json!(5)
    });
}

#[test]
fn e0403_course_double_degree() {
    only(Code::E0403CourseDoubleDegree, |v| {
        v["courses"][1]["programme"] = json!("doubleDegree")
    });
}

#[test]
fn e0405_course_without_teacher() {
    let d = only(Code::E0405CourseWithoutTeacher, |v| {
        v["teachers"][1]["canTeach"] = json!(["ENA01"])
    });
    assert_eq!(d[0].entity, "course \"BI01\"");
}

#[test]
fn e0407_mandatory_course_runs_nowhere() {
    // MET01 needs a lab now: no room at its site has one. S02 requests it mandatorily.
    let d = only(Code::E0407MandatoryCourseRunsNowhere, |v| {
        v["courses"][3]["features"] = json!(["lab"])
    });
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].path, "students[1].requests[0]");
    assert_eq!(d[0].entity, "student \"S02\"");
    // A mandatory one-of group none of whose courses can run.
    let d = only(Code::E0407MandatoryCourseRunsNowhere, |v| {
        v["teachers"][1]["sites"] = json!(["PEL-L"]);
        v["teachers"][1]["canTeach"] = json!(["ENA01", "BI01"]);
        v["students"][1]["oneOf"][0]["courses"] = json!(["BI01", "GEO01"]);
        push(
            &mut v["courses"],
            json!({"id": "GEO01", "programme": "lukio", "lessonsPerWeek": 1, "minSize": 1,
                   "maxSize": 9, "maxSections": 1, "sites": ["PEL-L"], "features": ["lab"],
                   "sectionCost": 1}),
        );
        push(&mut v["teachers"][0]["canTeach"], json!("GEO01"));
    });
    assert_eq!(d[0].path, "students[1].oneOf[0]");
}

#[test]
fn e0501_course_requested_twice() {
    only(Code::E0501CourseRequestedTwice, |v| {
        push(
            &mut v["students"][2]["requests"],
            json!({"course": "MET01", "weight": 1}),
        );
    });
    let d = only(Code::E0501CourseRequestedTwice, |v| {
        push(&mut v["students"][0]["oneOf"][0]["courses"], json!("MAA01"));
    });
    assert_eq!(d[0].path, "students[0].oneOf[0].courses[2]");
}

#[test]
fn e0502_one_of_too_small() {
    only(Code::E0502OneOfTooSmall, |v| {
        v["students"][0]["oneOf"][0]["courses"] = json!(["ENA01"])
    });
}

#[test]
fn e0503_mandatory_requests_cannot_fit() {
    // MET01's block moves onto Mon1, MAA01's bar slot: S03 must take both.
    let d = only(Code::E0503MandatoryRequestsCannotFit, |v| {
        v["timeGrid"]["patterns"][1]["slots"] = json!(["Mon1"]);
        v["students"][2]["requests"] = json!([
            {"course": "MET01", "weight": 1, "mandatory": true},
            {"course": "MAA01", "weight": 1, "mandatory": true}
        ]);
    });
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].entity, "student \"S03\"");
    assert_eq!(d[0].path, "students[2]");
    assert!(d[0].message.contains("MET01, MAA01"), "{}", d[0].message);
}

#[test]
fn e0601_road_loop() {
    only(Code::E0601RoadLoop, |v| {
        let road = json!({"from": "pello", "to": "pello", "minutes": 1, "km": 1});
        push(&mut v["roadNetwork"]["roads"], road);
    });
}

#[test]
fn e0602_site_unreachable() {
    let d = only(Code::E0602SiteUnreachable, |v| {
        v["roadNetwork"]["roads"]
            .as_array_mut()
            .expect("array")
            .remove(0);
    });
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].entity, "site \"YLI-L\"");
}

#[test]
fn e0603_trip_too_few_stops() {
    only(Code::E0603TripTooFewStops, |v| {
        v["trips"][0]["stops"]
            .as_array_mut()
            .expect("array")
            .truncate(1);
    });
}

#[test]
fn e0604_trip_times_backwards() {
    let d = only(Code::E0604TripTimesBackwards, |v| {
        v["trips"][0]["stops"][1]["time"] = json!("07:10")
    });
    assert_eq!(d[0].path, "trips[0].stops[1].time");
}

#[test]
fn e0605_trip_revisits_node() {
    only(Code::E0605TripRevisitsNode, |v| {
        push(
            &mut v["trips"][0]["stops"],
            json!({"node": "pello", "time": "08:40"}),
        );
    });
}

#[test]
fn w0001_course_not_requested() {
    let d = only(Code::W0001CourseNotRequested, |v| {
        v["students"][0]["oneOf"][0]["courses"] = json!(["ENA01", "MET01"]);
        v["students"][1]["requests"]
            .as_array_mut()
            .expect("array")
            .remove(1);
        v["students"][1]["oneOf"][0]["courses"] = json!(["MAA01", "ENA01"]);
    });
    assert_eq!(d[0].entity, "course \"BI01\"");
}

#[test]
fn w0002_teacher_teaches_nothing() {
    only(Code::W0002TeacherTeachesNothing, |v| {
        let teacher = json!({"id": "T04", "homeSite": "PEL-V", "canTeach": ["MAA01"],
                             "sites": ["PEL-V"], "maxLessonsPerWeek": 2});
        push(&mut v["teachers"], teacher);
    });
}

#[test]
fn w0003_student_without_requests() {
    only(Code::W0003StudentWithoutRequests, |v| {
        v["students"][2]["requests"] = json!([])
    });
}

#[test]
fn w0004_running_trip_with_cost() {
    only(Code::W0004RunningTripWithCost, |v| {
        v["trips"][0]["costPerRun"] = json!(50)
    });
}

#[test]
fn w0005_course_runs_nowhere() {
    let d = only(Code::W0005CourseRunsNowhere, |v| {
        v["courses"][2]["features"] = json!(["kitchen"])
    });
    assert_eq!(d[0].entity, "course \"BI01\"");
}

#[test]
fn w0006_home_unreachable() {
    only(Code::W0006HomeUnreachable, |v| {
        push(&mut v["roadNetwork"]["nodes"], json!({"id": "island"}));
        v["students"][2]["home"] = json!("island");
    });
}

#[test]
fn w0007_weightless_request() {
    only(Code::W0007WeightlessRequest, |v| {
        v["students"][1]["requests"][1]["weight"] = json!(0)
    });
}

#[test]
fn w0008_remote_course_cannot_stream() {
    only(Code::W0008RemoteCourseCannotStream, |v| {
        v["courses"][1]["features"] = json!(["lab"])
    });
}

#[test]
fn w0010_requests_cannot_fit() {
    // Five lessons asked for in a week of four slots.
    let d = only(Code::W0010RequestsCannotFit, |v| {
        for course in ["MAA01", "ENA01", "BI01"] {
            push(
                &mut v["students"][2]["requests"],
                json!({"course": course, "weight": 1}),
            );
        }
    });
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].entity, "student \"S03\"");
    assert!(d[0].message.contains("MET01"), "{}", d[0].message);
}

#[test]
fn w0009_day_without_weekday() {
    let d = only(Code::W0009DayWithoutWeekday, |v| {
        with_period(v);
        v["timeGrid"]["days"][0]
            .as_object_mut()
            .expect("a day object")
            .remove("weekday");
    });
    assert_eq!(d[0].path, "timeGrid.days[0].weekday");
    // Without a period, weekdays are not needed and nothing is said.
    let mut value = base();
    value["timeGrid"]["days"][0]["weekday"] = json!("Mon");
    assert!(diagnostics_of(&value).is_empty());
}

#[test]
fn diagnostics_pile_up_without_stopping() {
    let mut value = base();
    value["formatVersion"] = json!(7);
    value["teachers"][0]["canTeach"][1] = json!("MAA99");
    value["trips"][0]["costPerRun"] = json!(50);
    value["rooms"][0]["capacity"] = json!(-4);
    let found = codes(&diagnostics_of(&value));
    assert_eq!(found, BTreeSet::from(["E0001", "E0102", "E0301", "W0004"]));
}

// ---- the binary ----

#[test]
fn binary_valid_file_exits_0() {
    let (code, text) = exit_code_and_text(&["validate", BASE]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("valid (0 warnings)"), "{text}");
}

#[test]
fn binary_invalid_file_exits_2_with_code_and_path() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut value = base();
    value["teachers"][0]["canTeach"][1] = json!("MAA99");
    let file = write_temp(&dir, "bad-ref.json", &value.to_string());
    let (code, text) = exit_code_and_text(&["validate", BASE, &file]);
    assert_eq!(code, 2, "{text}");
    assert!(
        text.contains("error[E0102] teachers[0].canTeach[1]"),
        "{text}"
    );
}

#[test]
fn binary_bad_json_exits_2_with_line_and_column() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = write_temp(&dir, "broken.json", "{\n  \"formatVersion\": 1,\n  oops\n}");
    let (code, text) = exit_code_and_text(&["validate", &file]);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("broken.json:3:"), "{text}");
    assert!(text.contains("error[E0003]"), "{text}");
}

#[test]
fn binary_format_mismatch_exits_2_with_e0004() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut value = base();
    value["rooms"][0]["colour"] = json!("red");
    let file = write_temp(
        &dir,
        "unknown-field.json",
        &serde_json::to_string_pretty(&value).expect("json"),
    );
    let (code, text) = exit_code_and_text(&["validate", &file]);
    assert_eq!(code, 2, "{text}");
    assert!(
        text.contains("error[E0004]") && text.contains("colour"),
        "{text}"
    );
}

#[test]
fn binary_missing_file_exits_2() {
    let (code, text) =
        exit_code_and_text(&["validate", "tests/fixtures/validate/no-such-file.json"]);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("error[E0002]"), "{text}");
}

#[test]
fn binary_warning_only_file_exits_0() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut value = base();
    value["trips"][0]["costPerRun"] = json!(50);
    let file = write_temp(&dir, "warn.json", &value.to_string());
    let (code, text) = exit_code_and_text(&["validate", &file]);
    assert_eq!(code, 0, "{text}");
    assert!(
        text.contains("warning[W0004]") && text.contains("valid (1 warning)"),
        "{text}"
    );
}

#[test]
fn binary_json_output_is_one_array_of_all_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut value = base();
    value["trips"][0]["costPerRun"] = json!(50);
    let warn = write_temp(&dir, "warn.json", &value.to_string());
    let broken = write_temp(&dir, "broken.json", "{");
    let (code, text) = exit_code_and_text(&["validate", "--json", BASE, &warn, &broken]);
    assert_eq!(code, 2, "{text}");
    let rows: Vec<Value> = serde_json::from_str(&text).expect("stdout is one JSON array");
    assert_eq!(rows.len(), 2, "{text}");
    assert_eq!(rows[0]["code"], "W0004");
    assert_eq!(rows[0]["severity"], "warning");
    assert_eq!(rows[0]["path"], "trips[0].costPerRun");
    assert_eq!(rows[0]["entity"], "trip \"L1\"");
    assert_eq!(rows[0]["file"], warn.as_str());
    assert!(rows[0]["hint"].as_str().is_some_and(|h| !h.is_empty()));
    assert_eq!(rows[1]["code"], "E0003");
    assert_eq!(rows[1]["severity"], "error");
}

#[test]
fn every_code_has_its_test_here() {
    // The workbook's codes (E07xx) are tested where workbooks are.
    let source = [
        include_str!("validate_codes.rs"),
        include_str!("import_csv.rs"),
        include_str!("import_gtfs.rs"),
    ]
    .concat();
    for code in Code::ALL {
        let name = format!("fn {}_", code.id().to_lowercase());
        assert!(source.contains(&name), "no test `{name}...` for {code:?}");
    }
}

#[test]
fn e0211_period_beyond_dates() {
    let d = only(Code::E0211PeriodBeyondDates, |v| {
        with_period(v);
        v["period"]["weeks"] = json!(4_000_000_000_i64);
    });
    assert_eq!(d[0].path, "period.weeks");
    assert!(d[0].message.contains("9999-12-31"), "{}", d[0].message);
}

#[test]
fn w0011_too_many_timings() {
    // Eight free lessons among sixteen slots: 12,870 ways to place them.
    let d = only(Code::W0011TooManyTimings, |v| {
        push(&mut v["timeGrid"]["days"], json!({"id": "Wed"}));
        for s in 0..12 {
            push(
                &mut v["timeGrid"]["slots"],
                json!({
                    "id": format!("Wed{s}"),
                    "day": "Wed",
                    "start": format!("{:02}:00", 8 + s),
                    "end": format!("{:02}:50", 8 + s),
                }),
            );
        }
        v["courses"][1]["lessonsPerWeek"] = json!(8);
        for teacher in v["teachers"].as_array_mut().expect("teachers") {
            teacher["maxLessonsPerWeek"] = json!(40);
        }
    });
    assert_eq!(d[0].path, "courses[1].lessonsPerWeek");
    assert_eq!(d[0].entity, "course \"ENA01\"");
}

#[test]
fn w0012_more_sections_than_students() {
    let d = only(Code::W0012MoreSectionsThanStudents, |v| {
        v["courses"][1]["maxSections"] = json!(4_000_000_000_i64);
    });
    assert_eq!(d[0].path, "courses[1].maxSections");
    assert!(d[0].message.contains("4000000000"), "{}", d[0].message);
}
