//! The same instance, seed and thread count give a byte-identical solution file.
//!
//! Runs that end by proof, not by the clock: a run stopped by a wall-clock limit
//! depends on how far it got (see docs/solver.md).

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn solve_bytes(instance: &Path, strategy: &str, seed: &str) -> Vec<u8> {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = dir.path().join("plan.json");
    let run = Command::new(env!("CARGO_BIN_EXE_kopa"))
        .args(["solve", "--quiet", "--threads", "1", "--seed", seed])
        .args(["--strategy", strategy, "-o"])
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
