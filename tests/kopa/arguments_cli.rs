//! Arguments kopa cannot use are refused where they are read, with exit 2 and a
//! message naming the flag (or the suite file, run and field), never with a panic:
//! a seed past what HiGHS takes (2147483647) once panicked inside the highs crate, and
//! `--time-limit 1e20` in `Duration::from_secs_f64`. The largest values kopa takes are
//! accepted.

use std::path::{Path, PathBuf};
use std::process::Output;

use kopa::solution::read_solution;

use crate::util::repo;

/// The largest seed HiGHS takes, and the first it does not.
const LARGEST_SEED: &str = "2147483647";
const SEED_TOO_LARGE: &str = "2147483648";

/// Time limits no `Duration` holds, or that are no limit.
const BAD_TIME_LIMITS: [&str; 7] = ["1e20", "NaN", "inf", "-inf", "0", "-1", "1e-12"];

fn tiny() -> PathBuf {
    repo("instances/tiny/clash.json")
}

/// `kopa` with `args`, then `paths`.
fn kopa_with(args: &[&str], paths: &[&Path]) -> Output {
    crate::util::kopa()
        .args(args)
        .args(paths)
        .output()
        .expect("kopa runs")
}

/// Asserts that the run ended with exit 2, without a panic, its stderr naming each of
/// `names`.
fn assert_refused(run: &Output, names: &[&str], what: &str) {
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{what}: {stderr}");
    assert!(!stderr.contains("panicked"), "{what}: {stderr}");
    for name in names {
        assert!(stderr.contains(name), "{what}: no {name:?} in: {stderr}");
    }
}

fn solve(args: &[&str], output: &Path) -> Output {
    let mut all = vec!["solve", "--quiet"];
    all.extend_from_slice(args);
    all.push("-o");
    kopa_with(&all, &[output, &tiny()])
}

fn sweep(args: &[&str], output: &Path, patch: &Path) -> Output {
    let mut all = vec!["sweep", "--quiet"];
    all.extend_from_slice(args);
    all.push("-o");
    kopa_with(&all, &[output, &tiny(), patch])
}

/// A patch that changes only the description: a second scenario as small as the base.
fn same_as_base(dir: &Path) -> PathBuf {
    let patch = dir.join("same.json");
    std::fs::write(&patch, r#"{"description": "the base again"}"#).expect("write patch");
    patch
}

/// `kopa bench` on a suite of one run of the tiny instance with these extra fields.
fn bench(dir: &Path, fields: &str) -> (Output, PathBuf) {
    let suite = dir.join("suite.json");
    let text = format!(
        r#"{{"name": "arguments", "runs": [{{"instance": "instances/tiny/clash.json", "strategy": "decompose", {fields}}}]}}"#
    );
    std::fs::write(&suite, text).expect("write suite");
    (kopa_with(&["bench"], &[&suite]), suite)
}

#[test]
fn solve_refuses_a_seed_highs_cannot_take() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plan = dir.path().join("plan.json");
    let run = solve(&["--seed", SEED_TOO_LARGE], &plan);
    assert_refused(&run, &["--seed", "0..=2147483647"], "solve --seed");
    assert!(!plan.exists());
}

#[test]
fn sweep_refuses_a_seed_highs_cannot_take() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out");
    let run = sweep(&["--seed", SEED_TOO_LARGE], &out, &same_as_base(dir.path()));
    assert_refused(&run, &["--seed", "0..=2147483647"], "sweep --seed");
    assert!(!out.exists());
}

#[test]
fn bench_refuses_a_suite_seed_highs_cannot_take() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (run, suite) = bench(
        dir.path(),
        &format!(r#""seeds": [0, {SEED_TOO_LARGE}], "rounds": 1"#),
    );
    let file = suite.display().to_string();
    assert_refused(
        &run,
        &[&file, "runs[0]", "seeds[1]", "0..=2147483647"],
        "bench seeds",
    );
    // Refused before any solve ran: no table.
    assert!(
        run.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&run.stdout)
    );
}

#[test]
fn solve_refuses_a_time_limit_that_is_no_duration() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plan = dir.path().join("plan.json");
    for limit in BAD_TIME_LIMITS {
        let flag = format!("--time-limit={limit}");
        let run = solve(&[&flag], &plan);
        assert_refused(&run, &["--time-limit", "above 0"], &flag);
        assert!(!plan.exists());
    }
}

#[test]
fn sweep_refuses_a_time_limit_that_is_no_duration() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out");
    let patch = same_as_base(dir.path());
    for limit in BAD_TIME_LIMITS {
        let flag = format!("--time-limit={limit}");
        let run = sweep(&[&flag], &out, &patch);
        assert_refused(&run, &["--time-limit", "above 0"], &flag);
        assert!(!out.exists());
    }
}

#[test]
fn explain_refuses_a_time_limit_that_is_no_duration() {
    for limit in BAD_TIME_LIMITS {
        let flag = format!("--time-limit={limit}");
        let run = kopa_with(&["explain", &flag], &[&tiny()]);
        assert_refused(&run, &["--time-limit", "above 0"], &flag);
        assert!(run.stdout.is_empty());
    }
}

#[test]
fn bench_refuses_a_suite_time_limit_that_is_no_duration() {
    let dir = tempfile::tempdir().expect("temp dir");
    // JSON has no NaN or infinity; these are the numbers it can say.
    for limit in ["1e20", "0", "-1", "1e-12"] {
        let (run, suite) = bench(
            dir.path(),
            &format!(r#""seeds": [0], "timeLimit": {limit}"#),
        );
        let file = suite.display().to_string();
        assert_refused(
            &run,
            &[&file, "runs[0]", "timeLimit", "above 0"],
            &format!("timeLimit {limit}"),
        );
        assert!(run.stdout.is_empty());
    }
}

#[test]
fn solve_takes_the_largest_seed_and_the_longest_time_limit() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plan = dir.path().join("plan.json");
    // The longest limit a Duration holds, with a round to end the run long before it.
    let run = solve(
        &[
            "--seed",
            LARGEST_SEED,
            "--rounds",
            "1",
            "--time-limit",
            "1.8e19",
        ],
        &plan,
    );
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let solution = read_solution(&plan).expect("plan written");
    assert_eq!(solution.provenance.seed, Some(2_147_483_647));
}

#[test]
fn sweep_takes_the_largest_seed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out");
    let run = sweep(
        &["--seed", LARGEST_SEED, "--time-limit", "30"],
        &out,
        &same_as_base(dir.path()),
    );
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let solution = read_solution(&out.join("same.solution.json")).expect("plan written");
    assert_eq!(solution.provenance.seed, Some(2_147_483_647));
}

#[test]
fn bench_takes_the_largest_seed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (run, _) = bench(
        dir.path(),
        &format!(r#""seeds": [{LARGEST_SEED}], "rounds": 1"#),
    );
    let table = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{table}{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(table.contains("| accepted |"), "{table}");
}
