//! Solves every instance in `instances/` and runs the independent checker on each plan.
//!
//! (`tests/tiny_hand_solutions.rs` holds the exact solver to the hand-reasoned optima
//! of the tiny instances.) Here the decomposition must reach the exact optimum on the
//! tiny instances, and the larger instances must give a plan the checker accepts
//! within a short limit (their quality is measured by `kopa solve`, not asserted).

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::util::repo;
use kopa::instance::{Instance, read_instance};
use kopa::model::Model;
use kopa::solution::check::check;
use kopa::solution::{Solution, SolveStatus};
use kopa::solve::{Environment, SolveOutcome, Strategy, greedy_plan, solve};

fn instance_files(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo(dir))
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .map(|entry| entry.expect("readable directory entry").path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            name.ends_with(".json") && !name.ends_with(".solution.json")
        })
        .collect();
    files.sort();
    files
}

fn solve_and_check(path: &Path, strategy: Strategy, seconds: u64) -> (Instance, Solution) {
    let instance = read_instance(path).unwrap_or_else(|e| panic!("{e}"));
    let model = Model::new(&instance).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let env = Environment::new(0, 1, Some(Duration::from_secs(seconds)));
    let outcome = solve(&instance, &model, strategy, &env)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let SolveOutcome::Plan {
        mut solution,
        mip_objective,
        ..
    } = outcome
    else {
        panic!("{}: no plan", path.display());
    };
    let report = check(&instance, &solution);
    assert!(
        report.violations.is_empty(),
        "{}: the checker rejects the solver's plan:\n{:#?}",
        path.display(),
        report.violations
    );
    // A plan proven optimal carries exact values; a time-limited one may leave slack
    // in continuous indicators, so the model may value it higher, never lower.
    let exact = solution.provenance.status == SolveStatus::Optimal;
    assert!(
        mip_objective >= report.recomputed.total - 0.005
            && (!exact || mip_objective <= report.recomputed.total + 0.005),
        "{}: the model's objective {mip_objective} disagrees with the checker's {}",
        path.display(),
        report.recomputed.total
    );
    solution.objective = report.recomputed;
    (instance, *solution)
}

#[test]
fn the_decomposition_reaches_the_exact_optimum_on_tiny_instances() {
    for path in instance_files("instances/tiny") {
        let (instance, exact) = solve_and_check(&path, Strategy::Exact, 60);
        let (_, decomposed) = solve_and_check(&path, Strategy::Decompose, 30);
        let model = kopa::model::Model::new(&instance).expect("valid instances resolve");
        let env = Environment::new(0, 1, None);
        let counted = kopa::solve::bound::demand_bound(&model, &env, 10.0);
        assert!(
            counted.is_some_and(|b| b <= exact.objective.total + 1e-6),
            "{}: the bound by counting {counted:?} is above the proven optimum {:.2}",
            path.display(),
            exact.objective.total
        );
        assert!(
            (decomposed.objective.total - exact.objective.total).abs() < 0.005,
            "{}: the decomposition reaches {:.2}, the proven optimum is {:.2}",
            path.display(),
            decomposed.objective.total,
            exact.objective.total
        );
    }
}

#[test]
#[ignore = "slow (about 85 s alone); run by .ci/run"]
fn tornio_valley_instances_give_checked_plans() {
    let files = instance_files("instances/tornio-valley");
    assert_eq!(
        files.len(),
        5,
        "the baseline, the over-subscribed baseline and three variants: {files:?}"
    );
    for path in files {
        let (_, solution) = solve_and_check(&path, Strategy::Decompose, 20);
        assert!(
            !solution.sections.is_empty(),
            "{}: no section opened",
            path.display()
        );
    }
}

#[test]
fn greedy_plans_keep_every_rule_on_every_instance() {
    let mut files = instance_files("instances/tiny");
    files.extend(instance_files("instances/tornio-valley"));
    for path in files {
        let instance = kopa::instance::read_instance(&path).expect("instances read");
        let model = kopa::model::Model::new(&instance).expect("valid instances resolve");
        let env = Environment::new(0, 1, None);
        let planned = greedy_plan(&instance, &model, &env).expect("placements enumerate");
        match planned {
            Ok(solution) => {
                let report = check(&instance, &solution);
                assert!(
                    report.violations.is_empty(),
                    "{}: {:#?}",
                    path.display(),
                    report.violations
                );
            }
            // A heuristic may give up on a mandatory request (it says which), but not
            // on the pilot instance.
            Err(unmet) => assert!(
                !path.ends_with("tornio-valley.json"),
                "{}: greedy gave up on {unmet:?}",
                path.display()
            ),
        }
    }
}
