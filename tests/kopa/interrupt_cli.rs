//! A running `kopa solve` stopped by a signal: what is on disk afterwards is whole.
//!
//! SIGTERM and SIGINT stop the search and write the best plan so far, marked
//! `interrupted` (exit 128 + signal); SIGKILL leaves the output path as it was, since
//! the plan is written atomically at the end.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};

use crate::util::{kopa, repo, signal, wait};
use kopa::instance::read_instance;
use kopa::solution::SolveStatus;
use kopa::solution::check::check;
use kopa::solution::read_solution;

fn tornio() -> PathBuf {
    repo("instances/tornio-valley/tornio-valley.json")
}

/// Starts a long solve and returns once it has a first plan (its progress says so).
fn start_solve(output: &Path) -> Child {
    let mut child = kopa()
        .args(["solve", "--time-limit", "600", "-o"])
        .arg(output)
        .arg(tornio())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("kopa starts");
    let stderr = child.stderr.take().expect("stderr is piped");
    let mut lines = BufReader::new(stderr).lines();
    for line in lines.by_ref() {
        let line = line.expect("progress is text");
        if line.contains("greedy assignment:") {
            break;
        }
    }
    // Keep draining stderr so the child never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    child
}

fn stopped_by(sig: i32) {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = dir.path().join("plan.json");
    let mut child = start_solve(&output);
    signal(&child, sig);
    let status = wait(&mut child);
    assert_eq!(status.code(), Some(128 + sig), "exit status {status:?}");
    let instance = read_instance(&tornio()).expect("instance reads");
    let solution = read_solution(&output).expect("the plan on disk is whole");
    assert_eq!(solution.provenance.status, SolveStatus::Interrupted);
    let report = check(&instance, &solution);
    assert!(report.is_accepted(), "{:#?}", report.violations);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir lists")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(leftovers, vec![std::ffi::OsString::from("plan.json")]);
}

#[test]
fn sigterm_writes_the_best_plan_marked_interrupted() {
    stopped_by(libc::SIGTERM);
}

#[test]
fn sigint_writes_the_best_plan_marked_interrupted() {
    stopped_by(libc::SIGINT);
}

#[test]
fn sigkill_leaves_the_previous_file_whole() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = dir.path().join("plan.json");
    let before = b"{\"a previous plan\": true}\n";
    std::fs::write(&output, before).expect("write");
    let mut child = start_solve(&output);
    signal(&child, libc::SIGKILL);
    wait(&mut child);
    assert_eq!(std::fs::read(&output).expect("still there"), before);
}
