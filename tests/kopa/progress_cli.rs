//! Progress on stderr: a bar when a person watches on a terminal, plain lines when
//! stderr is a pipe (CI, `kopa bench`, logs), so tools that read the lines keep working.
//! The terminal is a pseudo-terminal from util-linux's `script`.

use std::process::Command;

use crate::util::{KOPA, kopa, root};

const TORNIO: &str = "instances/tornio-valley/tornio-valley.json";

#[test]
fn a_terminal_gets_a_bar_and_a_pipe_gets_plain_lines() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plan = dir.path().join("plan.json");
    let command = format!("{KOPA} solve {TORNIO} -o {} --time-limit 3", plan.display());
    let on_terminal = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .current_dir(root())
        .output()
        .expect("util-linux script runs");
    assert!(on_terminal.status.success(), "{on_terminal:?}");
    let seen = String::from_utf8_lossy(&on_terminal.stdout);
    assert!(seen.contains("of 3s ["), "no bar on a terminal: {seen:?}");
    assert!(
        seen.contains("\u{1b}[2K"),
        "the bar is never redrawn: {seen:?}"
    );
    assert!(seen.contains("checker: the plan meets every hard rule"));

    let piped = kopa()
        .args(["solve", TORNIO, "-o"])
        .arg(&plan)
        .args(["--time-limit", "3"])
        .output()
        .expect("kopa runs");
    assert!(piped.status.success());
    let lines = String::from_utf8_lossy(&piped.stderr);
    assert!(
        !lines.contains('\u{1b}'),
        "terminal codes in a pipe: {lines:?}"
    );
    assert!(!lines.contains("of 3s ["), "a bar in a pipe");
    assert!(
        lines
            .lines()
            .filter(|l| l.starts_with('[') && l.contains("s] "))
            .count()
            >= 3,
        "plain progress lines expected: {lines:?}"
    );
}
