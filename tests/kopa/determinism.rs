//! The same instance, seed and thread count give a byte-identical solution file.
//!
//! Runs without a time limit: nothing in them is timed but the bounds, which on these
//! instances finish. A run stopped by a wall-clock limit depends on how far it got
//! (see docs/solver.md).

use std::path::{Path, PathBuf};

use crate::util::{kopa, root};

fn solve_bytes(instance: &Path, strategy: &str, seed: &str) -> Vec<u8> {
    solve_with(instance, &["--strategy", strategy, "--seed", seed])
}

/// The solution file `kopa solve` writes with `args` (and one HiGHS thread).
fn solve_with(instance: &Path, args: &[&str]) -> Vec<u8> {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = dir.path().join("plan.json");
    let run = kopa()
        .args(["solve", "--quiet", "--threads", "1"])
        .args(args)
        .arg("-o")
        .arg(&output)
        .arg(instance)
        .output()
        .expect("kopa runs");
    assert!(
        run.status.success(),
        "{}: {}",
        instance.display(),
        String::from_utf8_lossy(&run.stderr)
    );
    std::fs::read(&output).expect("plan written")
}

fn instances() -> Vec<PathBuf> {
    let mut files = vec![root().join("tests/fixtures/solve/two-towns.json")];
    for name in [
        "bus-capacity",
        "optional-bus",
        "remote-only",
        "teacher-drive",
    ] {
        files.push(root().join(format!("instances/tiny/{name}.json")));
    }
    files
}

#[test]
fn the_same_run_twice_writes_the_same_bytes() {
    for instance in instances() {
        for strategy in ["exact", "decompose"] {
            let first = solve_bytes(&instance, strategy, "7");
            let second = solve_bytes(&instance, strategy, "7");
            assert!(
                first == second,
                "{} with {strategy}: two runs wrote different files",
                instance.display()
            );
        }
    }
}

/// The round a plan was found in, as its file says.
fn found_in_round(plan: &[u8]) -> Option<u64> {
    let plan: serde_json::Value = serde_json::from_slice(plan).expect("a plan is JSON");
    plan["provenance"]["rounds"].as_u64()
}

/// A search that improves its plan in several rounds (22 students from `kopa generate
/// --students 22 --sites 2 --seed 5`) gives the same file twice, and the round its
/// file names, asked for as the number of rounds, gives that plan again.
#[test]
#[ignore = "slow (about 85 s alone); run by .ci/run"]
fn a_search_without_a_time_limit_repeats_and_says_how() {
    let instance = root().join("tests/fixtures/solve/search-rounds.json");
    let run = |rounds: &str| {
        solve_with(
            &instance,
            &[
                "--strategy",
                "decompose",
                "--seed",
                "3",
                "--neighbourhoods",
                "2",
                "--rounds",
                rounds,
            ],
        )
    };
    let (first, second) = std::thread::scope(|scope| {
        let first = scope.spawn(|| run("6"));
        let second = scope.spawn(|| run("6"));
        (first.join().expect("runs"), second.join().expect("runs"))
    });
    assert!(
        first == second,
        "two runs of 6 rounds wrote different files"
    );
    let round = found_in_round(&first).expect("a run without a clock says its round");
    assert!(
        (1..=6).contains(&round),
        "the search should improve the plan within its 6 rounds here (found in round {round})"
    );
    let again = run(&round.to_string());
    assert!(
        again == first,
        "--rounds {round} did not write the plan found in round {round}"
    );
}
