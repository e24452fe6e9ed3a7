//! `kopa bench` runs every solve of a suite, checks every plan and prints the table.

use std::process::Command;

#[test]
fn a_suite_of_tiny_instances_is_run_checked_and_tabled() {
    let dir = tempfile::tempdir().expect("temp dir");
    let suite = dir.path().join("suite.json");
    std::fs::write(
        &suite,
        r#"{"name": "test", "runs": [
            {"instance": "instances/tiny/clash.json", "strategy": "exact", "seeds": [0, 1], "timeLimit": 10},
            {"instance": "instances/tiny/optional-bus.json", "strategy": "decompose", "seeds": [3], "timeLimit": 10}
        ]}"#,
    )
    .expect("write suite");
    let results = dir.path().join("results.json");
    let out = Command::new(env!("CARGO_BIN_EXE_kopa"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("bench")
        .arg(&suite)
        .arg("-o")
        .arg(&results)
        .output()
        .expect("kopa runs");
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{table}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        table.contains("| instances/tiny/clash.json | 2 | exact | 10 s | 2 |"),
        "{table}"
    );
    // The hand-reasoned optima (instances/tiny/README.md), as the checker values them.
    assert!(table.contains("| 200.00 |"), "{table}");
    assert!(table.contains("| 370.00 |"), "{table}");
    assert!(table.contains("accepted, accepted"), "{table}");
    let rows: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&results).expect("results written")).expect("JSON");
    assert_eq!(rows.as_array().map(Vec::len), Some(3));
    assert!(
        rows.as_array()
            .expect("rows")
            .iter()
            .all(|r| r["checker"] == "accepted")
    );
}

#[test]
fn a_bad_suite_file_is_bad_input() {
    let dir = tempfile::tempdir().expect("temp dir");
    let suite = dir.path().join("suite.json");
    std::fs::write(&suite, r#"{"name": "x", "runs": [{"instance": "a.json"}]}"#).expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_kopa"))
        .arg("bench")
        .arg(&suite)
        .output()
        .expect("kopa runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("suite.json"));
}

#[test]
fn a_run_with_neither_a_time_limit_nor_rounds_is_bad_input() {
    let dir = tempfile::tempdir().expect("temp dir");
    let suite = dir.path().join("suite.json");
    std::fs::write(
        &suite,
        r#"{"name": "x", "runs": [{"instance": "instances/tiny/clash.json", "seeds": [0]}]}"#,
    )
    .expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_kopa"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("bench")
        .arg(&suite)
        .output()
        .expect("kopa runs");
    assert_eq!(out.status.code(), Some(2));
    let message = String::from_utf8_lossy(&out.stderr);
    assert!(
        message.contains("suite.json")
            && message.contains("runs[0]")
            && message.contains("timeLimit, rounds"),
        "{message}"
    );
}

/// A run bounded by rounds alone: no clock decides its plan, so the results say which
/// round found it.
#[test]
fn a_run_of_some_rounds_says_which_round_found_its_plan() {
    let dir = tempfile::tempdir().expect("temp dir");
    let suite = dir.path().join("suite.json");
    std::fs::write(
        &suite,
        r#"{"name": "rounds", "runs": [
            {"instance": "tests/fixtures/solve/search-rounds.json", "strategy": "decompose", "seeds": [3], "rounds": 4, "neighbourhoods": 2}
        ]}"#,
    )
    .expect("write suite");
    let results = dir.path().join("results.json");
    let out = Command::new(env!("CARGO_BIN_EXE_kopa"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("bench")
        .arg(&suite)
        .arg("-o")
        .arg(&results)
        .output()
        .expect("kopa runs");
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&results).expect("results written")).expect("JSON");
    let row = &rows[0];
    assert_eq!(row["checker"], "accepted");
    assert_eq!(row["rounds"], 4);
    assert!(row["timeLimit"].is_null());
    let round = row["foundInRound"]
        .as_u64()
        .expect("a run without a clock names its round");
    assert!(round <= 4, "found in round {round} of 4");
}
