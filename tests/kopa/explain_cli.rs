//! `kopa explain` (and `kopa solve` on an infeasible instance) names the cause.
//!
//! Each fixture in tests/fixtures/infeasible has one known cause, written in its
//! description; the explanation must name the entities and the rule involved.

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::util::{kopa, printed, repo, wait_at_most};

fn fixture(name: &str) -> PathBuf {
    repo(format!("tests/fixtures/infeasible/{name}.json"))
}

/// Runs kopa with `args` on `file`.
fn kopa_on(args: &[&str], file: &Path) -> Output {
    kopa().args(args).arg(file).output().expect("kopa runs")
}

fn explained(name: &str, must_say: &[&str]) {
    let out = kopa_on(&["explain"], &fixture(name));
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(3), "{name}: {text}");
    for phrase in must_say {
        assert!(
            text.contains(phrase),
            "{name}: {phrase:?} missing from:\n{text}"
        );
    }
}

#[test]
fn two_mandatory_courses_in_one_slot_clash() {
    explained(
        "one-slot-clash",
        &[
            "S1 -> MAA01",
            "S1 -> FY01",
            "they clash in any timetable",
            "only in Mon1",
        ],
    );
}

#[test]
fn teachers_away_make_two_mandatory_courses_clash() {
    explained(
        "teachers-away",
        &[
            "S1 -> MAA01",
            "S1 -> FY01",
            "they clash in any timetable",
            "T1 is unavailable in Mon2",
            "T2 is unavailable in Mon2",
        ],
    );
}

#[test]
fn a_full_course_is_named_with_its_capacity() {
    explained(
        "course-full",
        &[
            "2 students must take MAA01",
            "S1 -> MAA01",
            "S2 -> MAA01",
            "at most 1 section of at most 1 student",
        ],
    );
}

#[test]
fn an_unreachable_course_is_named_with_the_bus_and_the_remote_rule() {
    explained(
        "bus-too-late",
        &[
            "mandatory request S1 -> MAA01 cannot be met",
            "S1 (home juoksenki) has no bus",
            "may not be taught remotely",
        ],
    );
}

#[test]
fn solve_prints_the_same_cause_and_exits_3() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = dir.path().join("plan.json");
    let out = kopa()
        .args(["solve", "--quiet", "-o"])
        .arg(&output)
        .arg(fixture("teachers-away"))
        .output()
        .expect("kopa runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(3), "{text}");
    assert!(text.contains("they clash in any timetable"), "{text}");
    assert!(!output.exists(), "no plan file for an infeasible instance");
}

#[test]
fn json_lists_the_conflicting_requests() {
    let out = kopa_on(&["explain", "--json"], &fixture("course-full"));
    assert_eq!(out.status.code(), Some(3));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["verdict"], "conflict");
    assert_eq!(json["irreducible"], true);
    let students: Vec<&str> = json["requests"]
        .as_array()
        .expect("requests")
        .iter()
        .map(|r| r["student"].as_str().expect("student"))
        .collect();
    assert_eq!(students, ["S1", "S2"]);
}

#[test]
fn a_feasible_instance_has_a_plan() {
    let tiny = repo("instances/tiny/clash.json");
    let out = kopa_on(&["explain"], &tiny);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("a plan exists"));
}

/// `students` students who must all take MAA01 and FY01, where MAA01 seats one fewer:
/// twice as many mandatory requests as students, and a conflict that needs every
/// student (so the filter cannot end early). Built from the `course-full` fixture.
fn everyone_but_one_fits(students: usize) -> serde_json::Value {
    let text = std::fs::read_to_string(fixture("course-full")).expect("fixture reads");
    let mut instance: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let maths = instance["courses"][0].clone();
    let mut physics = maths.clone();
    physics["id"] = "FY01".into();
    physics["maxSize"] = students.into();
    instance["courses"][0]["maxSize"] = (students - 1).into();
    instance["courses"]
        .as_array_mut()
        .expect("courses")
        .push(physics);
    let mut teacher = instance["teachers"][0].clone();
    teacher["id"] = "T2".into();
    teacher["canTeach"] = serde_json::json!(["FY01"]);
    instance["teachers"]
        .as_array_mut()
        .expect("teachers")
        .push(teacher);
    for room in instance["rooms"].as_array_mut().expect("rooms") {
        room["capacity"] = students.into();
    }
    instance["students"] = (1..=students)
        .map(|i| {
            serde_json::json!({
                "id": format!("S{i}"),
                "home": "pello",
                "programme": "lukio",
                "requests": [
                    {"course": "MAA01", "weight": 1, "mandatory": true},
                    {"course": "FY01", "weight": 1, "mandatory": true}
                ]
            })
        })
        .collect();
    instance
}

/// Runs `kopa` with `args` and the instance of 300 students (600 mandatory requests)
/// whose explanation cannot end within `limit` seconds; it must end, infeasible (3),
/// saying the explanation was cut short. The bound is the watchdog's (the limit, 30 s
/// and a tenth of the limit) and a minute more: generous, against a hang, not a
/// measure of speed. Before the explanation shared the run's limit, each of its
/// hundreds of questions had 30 s (`solve`) or 60 s (`explain`) of its own.
fn cut_short_within_the_limit(command: &[&str], limit: u64) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("three-hundred.json");
    std::fs::write(&file, everyone_but_one_fits(300).to_string()).expect("written");
    let plan = dir.path().join("plan.json");
    let mut child = kopa()
        .args(command)
        .args(["--time-limit", &limit.to_string()])
        .args(if command[0] == "solve" {
            vec!["--quiet".into(), "-o".into(), plan.clone()]
        } else {
            vec![]
        })
        .arg(&file)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("kopa runs");
    let bound = std::time::Duration::from_secs(limit + 30 + limit / 10 + 60);
    let status = wait_at_most(&mut child, bound, "of its time limit");
    let output = child.wait_with_output().expect("output");
    let text = printed(&output);
    assert_eq!(status.code(), Some(3), "{text}");
    assert!(text.contains("cut short"), "{text}");
    assert!(!plan.exists(), "no plan file for an infeasible instance");
    text
}

#[test]
fn explain_holds_its_time_limit_and_says_it_was_cut_short() {
    cut_short_within_the_limit(&["explain"], 3);
}

#[test]
fn solve_explains_within_its_time_limit() {
    let text = cut_short_within_the_limit(&["solve"], 3);
    assert!(text.contains("no plan exists"), "{text}");
}

#[test]
#[ignore = "runs for its 30 s time limit"]
fn solve_with_hundreds_of_mandatory_requests_ends_within_the_watchdogs_margin() {
    cut_short_within_the_limit(&["solve"], 30);
}

#[test]
fn a_cut_short_conflict_says_so_in_json() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("three-hundred.json");
    std::fs::write(&file, everyone_but_one_fits(300).to_string()).expect("written");
    let out = kopa_on(&["explain", "--json", "--time-limit", "2"], &file);
    assert_eq!(out.status.code(), Some(3));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let cut_short = match json["verdict"].as_str() {
        Some("unexplained") => true,
        Some("conflict") => json["cutShort"] == true && json["irreducible"] == false,
        other => panic!("verdict {other:?}"),
    };
    assert!(cut_short, "{json}");
}
