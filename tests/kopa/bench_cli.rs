//! `kopa bench` runs every solve of a suite, checks every plan and prints the table.

use std::process::Output;

use crate::util::{kopa, printed};

/// What `kopa bench` printed and wrote (its JSON results, when it wrote them) for a
/// suite of this text, run from the project root.
fn bench(suite_text: &str) -> (Output, Option<serde_json::Value>) {
    let dir = tempfile::tempdir().expect("temp dir");
    let suite = dir.path().join("suite.json");
    std::fs::write(&suite, suite_text).expect("write suite");
    let results = dir.path().join("results.json");
    let out = kopa()
        .arg("bench")
        .arg(&suite)
        .arg("-o")
        .arg(&results)
        .output()
        .expect("kopa runs");
    let rows = std::fs::read(&results)
        .ok()
        .map(|bytes| serde_json::from_slice(&bytes).expect("results are JSON"));
    (out, rows)
}

#[test]
fn a_suite_of_tiny_instances_is_run_checked_and_tabled() {
    let (out, rows) = bench(
        r#"{"name": "test", "runs": [
            {"instance": "instances/tiny/clash.json", "strategy": "exact", "seeds": [0, 1], "timeLimit": 10},
            {"instance": "instances/tiny/optional-bus.json", "strategy": "decompose", "seeds": [3], "timeLimit": 10}
        ]}"#,
    );
    assert!(out.status.success(), "{}", printed(&out));
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(
        table.contains("| instances/tiny/clash.json | 2 | exact | 10 s | 2 |"),
        "{table}"
    );
    // The hand-reasoned optima (instances/tiny/README.md), as the checker values them.
    assert!(table.contains("| 200.00 |"), "{table}");
    assert!(table.contains("| 370.00 |"), "{table}");
    assert!(table.contains("accepted, accepted"), "{table}");
    let rows = rows.expect("results written");
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
    let (out, rows) = bench(r#"{"name": "x", "runs": [{"instance": "a.json"}]}"#);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("suite.json"));
    assert!(rows.is_none(), "nothing written for bad input");
}

#[test]
fn a_run_with_neither_a_time_limit_nor_rounds_is_bad_input() {
    let (out, rows) = bench(
        r#"{"name": "x", "runs": [{"instance": "instances/tiny/clash.json", "seeds": [0]}]}"#,
    );
    assert_eq!(out.status.code(), Some(2));
    let message = String::from_utf8_lossy(&out.stderr);
    assert!(
        message.contains("suite.json")
            && message.contains("runs[0]")
            && message.contains("timeLimit, rounds"),
        "{message}"
    );
    assert!(rows.is_none(), "nothing written for bad input");
}

/// A run bounded by rounds alone: no clock decides its plan, so the results say which
/// round found it.
#[test]
fn a_run_of_some_rounds_says_which_round_found_its_plan() {
    let (out, rows) = bench(
        r#"{"name": "rounds", "runs": [
            {"instance": "tests/fixtures/solve/search-rounds.json", "strategy": "decompose", "seeds": [3], "rounds": 4, "neighbourhoods": 2}
        ]}"#,
    );
    assert!(out.status.success(), "{}", printed(&out));
    let rows = rows.expect("results written");
    let row = &rows[0];
    assert_eq!(row["checker"], "accepted");
    assert_eq!(row["rounds"], 4);
    assert!(row["timeLimit"].is_null());
    let round = row["foundInRound"]
        .as_u64()
        .expect("a run without a clock names its round");
    assert!(round <= 4, "found in round {round} of 4");
}
