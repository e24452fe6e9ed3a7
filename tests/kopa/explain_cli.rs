//! `kopa explain` (and `kopa solve` on an infeasible instance) names the cause.
//!
//! Each fixture in tests/fixtures/infeasible has one known cause, written in its
//! description; the explanation must name the entities and the rule involved.

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::util::{kopa, repo};

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
            "at most 1 section(s) of at most 1 students",
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
