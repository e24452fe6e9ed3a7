//! The hand-reasoned plans of `instances/tiny/` (reasoning in its README.md): each one
//! answers its instance, keeps every rule and claims exactly the objective the checker
//! recomputes; and `kopa compare` reports the checker's totals.

use std::path::{Path, PathBuf};

use crate::util::{repo, run_kopa};
use kopa::instance::{instance_hash, read_instance};
use kopa::solution::check::check;
use kopa::solution::{Solution, read_solution};

/// The tiny instances documented in instances/tiny/README.md; each has a hand plan.
const TINY: [&str; 8] = [
    "one-course",
    "min-size",
    "clash",
    "remote-only",
    "optional-bus",
    "bus-capacity",
    "teacher-drive",
    "idle-slot",
];

fn tiny_dir() -> PathBuf {
    repo("instances/tiny")
}

/// Every `*.solution.json` in the folder, sorted.
fn hand_solutions() -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(tiny_dir())
        .expect("instances/tiny exists")
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| {
            path.file_name()
                .and_then(|name| name.to_str())
                .is_some_and(|name| name.ends_with(".solution.json"))
        })
        .collect();
    found.sort();
    found
}

fn instance_of(solution_path: &Path) -> PathBuf {
    let name = solution_path.file_name().unwrap().to_str().unwrap();
    solution_path.with_file_name(name.replace(".solution.json", ".json"))
}

#[test]
fn every_tiny_instance_has_a_hand_plan_and_no_plan_lacks_an_instance() {
    let names: Vec<String> = hand_solutions()
        .iter()
        .map(|path| {
            let name = path.file_name().unwrap().to_str().unwrap();
            name.trim_end_matches(".solution.json").to_owned()
        })
        .collect();
    for tiny in TINY {
        assert!(
            names.iter().any(|name| name == tiny),
            "{tiny}: no hand plan"
        );
    }
    for path in hand_solutions() {
        assert!(
            instance_of(&path).exists(),
            "{}: no instance",
            path.display()
        );
    }
}

#[test]
fn hand_plans_answer_their_instance_keep_every_rule_and_claim_the_recomputed_objective() {
    for path in hand_solutions() {
        let instance = read_instance(&instance_of(&path)).expect("instance reads");
        let solution = read_solution(&path).expect("hand plan reads");
        assert_eq!(
            solution.instance.hash,
            instance_hash(&instance),
            "{}: hash",
            path.display()
        );
        let report = check(&instance, &solution);
        assert!(report.instance_matches, "{}", path.display());
        assert!(
            report.violations.is_empty(),
            "{}: {:#?}",
            path.display(),
            report.violations
        );
        assert!(
            report.differences.is_empty(),
            "{}: {:#?}",
            path.display(),
            report.differences
        );
    }
}

/// bus-capacity without S3: no charter (-80), 20 fewer riding minutes (-2x20x0.2 =
/// -8), and S3's request of weight 1 unmet (+1000): 304 - 80 - 8 + 1000 = 1216.
fn bus_capacity_without_s3(hand: &Solution) -> Solution {
    let mut worse = hand.clone();
    worse.students.retain(|plan| plan.student != "S3");
    worse.trip_runs.clear();
    worse.objective.unmet_requests = 1000.0;
    worse.objective.optional_trips = 0.0;
    worse.objective.student_travel = 16.0;
    worse.objective.total = 1216.0;
    worse
}

fn check_json(instance: &Path, solution: &Path) -> serde_json::Value {
    let run = run_kopa(&[
        "check",
        "--json",
        instance.to_str().unwrap(),
        solution.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", solution.display());
    serde_json::from_slice(&run.stdout).expect("check --json prints JSON")
}

#[test]
fn compare_reports_the_totals_that_check_recomputes() {
    let instance = tiny_dir().join("bus-capacity.json");
    let hand_path = tiny_dir().join("bus-capacity.solution.json");
    let hand = read_solution(&hand_path).expect("hand plan reads");
    let dir = tempfile::tempdir().expect("temp dir");
    let worse_path = dir.path().join("without-s3.json");
    let worse_text = serde_json::to_string_pretty(&bus_capacity_without_s3(&hand)).unwrap();
    std::fs::write(&worse_path, worse_text).unwrap();

    let run = run_kopa(&[
        "compare",
        instance.to_str().unwrap(),
        hand_path.to_str().unwrap(),
        worse_path.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let comparison: serde_json::Value = serde_json::from_slice(&run.stdout).expect("JSON");
    let total_row = comparison["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|row| row["name"] == "total")
        .expect("a total row");
    let compared: Vec<f64> = total_row["values"]
        .as_array()
        .expect("values")
        .iter()
        .map(|value| value.as_f64().expect("a number"))
        .collect();

    let checked: Vec<f64> = [&hand_path, &worse_path]
        .iter()
        .map(|plan| {
            check_json(&instance, plan)["recomputed"]["total"]
                .as_f64()
                .unwrap()
        })
        .collect();
    assert_eq!(compared.len(), 2);
    for (compared, checked) in compared.iter().zip(&checked) {
        assert!(
            (compared - checked).abs() < 0.005,
            "{compared} vs {checked}"
        );
    }
    assert!((checked[0] - 304.0).abs() < 0.005, "{checked:?}");
    assert!((checked[1] - 1216.0).abs() < 0.005, "{checked:?}");
}

#[test]
fn the_exact_solver_proves_each_hand_plan_optimal() {
    let dir = tempfile::tempdir().expect("temp dir");
    for path in hand_solutions() {
        let instance = instance_of(&path);
        let hand = read_solution(&path).expect("hand plan reads");
        let out = dir.path().join(path.file_name().unwrap());
        let run = run_kopa(&[
            "solve",
            instance.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--strategy",
            "exact",
            "--check",
            "--quiet",
        ]);
        assert_eq!(
            run.status.code(),
            Some(0),
            "{}: {}",
            instance.display(),
            String::from_utf8_lossy(&run.stderr)
        );
        let solved = read_solution(&out).expect("solver's plan reads");
        assert_eq!(
            solved.provenance.status,
            kopa::solution::SolveStatus::Optimal,
            "{}",
            instance.display()
        );
        assert!(
            (solved.objective.total - hand.objective.total).abs() < 0.005,
            "{}: solver {} vs hand {}",
            instance.display(),
            solved.objective.total,
            hand.objective.total
        );
    }
}
