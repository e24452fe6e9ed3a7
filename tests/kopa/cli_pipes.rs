//! Output into a pipe that closes early (`kopa compare ... | head`) ends kopa quietly,
//! never with a panic.

use std::process::Stdio;

use crate::util::kopa;

#[test]
fn a_closed_stdout_does_not_make_kopa_panic() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/instances/tiny");
    let instance = format!("{dir}/bus-capacity.json");
    let plan = format!("{dir}/bus-capacity.solution.json");
    let mut child = kopa()
        .args([
            "compare", &instance, &plan, &plan, &plan, "--format", "json",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("kopa starts");
    drop(child.stdout.take());
    let output = child.wait_with_output().expect("kopa ends");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_ne!(output.status.code(), Some(101), "{stderr}");
}
