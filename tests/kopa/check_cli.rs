//! `kopa check` and `kopa compare` as a user runs them: exit codes, JSON output, and
//! compare's numbers agreeing with check's.

use std::path::{Path, PathBuf};

use crate::util::{printed, repo, run_kopa};

fn fixture(name: &str) -> PathBuf {
    repo("tests/fixtures/check").join(name)
}

fn write_plan(dir: &Path, name: &str, edit: impl FnOnce(&mut serde_json::Value)) -> PathBuf {
    let text = std::fs::read_to_string(fixture("plan.json")).expect("fixture");
    let mut plan: serde_json::Value = serde_json::from_str(&text).expect("fixture json");
    edit(&mut plan);
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_string_pretty(&plan).expect("json")).expect("write");
    path
}

#[test]
fn a_good_plan_exits_0() {
    let out = run_kopa(&[
        Path::new("check"),
        &fixture("instance.json"),
        &fixture("plan.json"),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("feasible; claimed objective agrees"));
}

#[test]
fn a_broken_plan_or_a_wrong_claim_exits_1() {
    let dir = tempfile::tempdir().expect("tempdir");
    let broken = write_plan(dir.path(), "broken.json", |p| {
        p["tripRuns"] = serde_json::json!([]);
    });
    let out = run_kopa(&[Path::new("check"), &fixture("instance.json"), &broken]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("[C0603]"));
    let wrong_claim = write_plan(dir.path(), "claim.json", |p| {
        p["objective"]["total"] = serde_json::json!(500.0);
    });
    let out = run_kopa(&[Path::new("check"), &fixture("instance.json"), &wrong_claim]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn another_instance_or_an_unreadable_file_exits_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let other = write_plan(dir.path(), "other.json", |p| {
        p["instance"]["hash"] = serde_json::json!("0000");
    });
    let out = run_kopa(&[Path::new("check"), &fixture("instance.json"), &other]);
    assert_eq!(out.status.code(), Some(2));
    let garbled = dir.path().join("garbled.json");
    std::fs::write(&garbled, "{\n  \"formatVersion\": 1,\n  oops").expect("write");
    let out = run_kopa(&[Path::new("check"), &fixture("instance.json"), &garbled]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("garbled.json:3:"), "{stderr}");
    let missing = dir.path().join("missing.json");
    let out = run_kopa(&[Path::new("check"), &fixture("instance.json"), &missing]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn check_json_parses_and_compare_agrees_with_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let second = write_plan(dir.path(), "second.json", |p| {
        p["tripRuns"] = serde_json::json!([]);
    });
    let mut recomputed_totals = Vec::new();
    for plan in [fixture("plan.json"), second.clone()] {
        let out = run_kopa(&[
            Path::new("check"),
            &fixture("instance.json"),
            &plan,
            Path::new("--json"),
        ]);
        let report: serde_json::Value =
            serde_json::from_slice(&out.stdout).expect("check --json is JSON");
        recomputed_totals.push(report["recomputed"]["total"].as_f64().expect("total"));
    }
    assert!((recomputed_totals[0] - 534.80).abs() < 0.005);
    // Without O1's run: 120 euros less, and two C0603 violations.
    assert!((recomputed_totals[1] - 414.80).abs() < 0.005);
    let out = run_kopa(&[
        Path::new("compare"),
        &fixture("instance.json"),
        &fixture("plan.json"),
        &second,
        Path::new("--format"),
        Path::new("json"),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let comparison: serde_json::Value = serde_json::from_slice(&out.stdout).expect("compare json");
    let total_row = comparison["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["name"] == "total")
        .expect("total row");
    let totals: Vec<f64> = total_row["values"]
        .as_array()
        .expect("values")
        .iter()
        .map(|v| v.as_f64().expect("number"))
        .collect();
    assert_eq!(totals, recomputed_totals);
    assert_eq!(comparison["verdicts"][0], "feasible");
    assert_eq!(comparison["verdicts"][1], "infeasible (2 violations)");
    for format in ["text", "md"] {
        let out = run_kopa(&[
            Path::new("compare"),
            &fixture("instance.json"),
            &fixture("plan.json"),
            &second,
            Path::new("--format"),
            Path::new(format),
        ]);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("414.80 (-120.00)"), "{format}: {text}");
    }
}

/// A plan of another instance is said to be one, and nothing else is printed: checked
/// against the wrong instance every rule seems broken, which only buries that line.
#[test]
fn a_plan_of_another_instance_stops_the_check_at_the_mismatch() {
    let dir = tempfile::tempdir().expect("tempdir");
    let other = write_plan(dir.path(), "other.json", |p| {
        p["instance"]["hash"] = serde_json::json!("0000");
        p["tripRuns"] = serde_json::json!([]);
    });
    let out = run_kopa(&[Path::new("check"), &fixture("instance.json"), &other]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(text.contains("it answers another instance"), "{text}");
    assert!(
        !text.contains("[C"),
        "no violation after the mismatch:\n{text}"
    );
    assert_eq!(text.lines().count(), 2, "{text}");
}

/// `--json` stops at the mismatch as the text does: the two hashes, no violations.
#[test]
fn json_for_a_plan_of_another_instance_lists_no_violations() {
    let dir = tempfile::tempdir().expect("tempdir");
    let other = write_plan(dir.path(), "other.json", |p| {
        p["instance"]["hash"] = serde_json::json!("0000");
        p["tripRuns"] = serde_json::json!([]);
    });
    let out = run_kopa(&[
        Path::new("check"),
        &fixture("instance.json"),
        &other,
        Path::new("--json"),
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", printed(&out));
    let report: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("check --json is JSON");
    assert_eq!(report["instanceMatches"], false, "{report}");
    assert_eq!(report["solutionInstanceHash"], "0000", "{report}");
    assert!(report["instanceHash"].as_str().is_some_and(|h| h != "0000"));
    assert!(
        report["message"]
            .as_str()
            .is_some_and(|m| m.contains("another instance")),
        "{report}"
    );
    for checked in ["violations", "recomputed", "claimed", "differences"] {
        assert!(report.get(checked).is_none(), "{checked} in {report}");
    }
}

/// A claim as large as a file can hold is printed in scientific notation, not as
/// 309 digits.
#[test]
fn a_huge_claimed_total_is_printed_in_scientific_notation() {
    let dir = tempfile::tempdir().expect("tempdir");
    let huge = write_plan(dir.path(), "huge.json", |p| {
        p["objective"]["total"] = serde_json::json!(1e308);
    });
    let out = run_kopa(&[Path::new("check"), &fixture("instance.json"), &huge]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    let total = text
        .lines()
        .find(|l| l.starts_with("total "))
        .expect("a total line");
    assert!(total.contains("1.000e308"), "{total}");
    assert!(total.len() < 60, "{total}");
    assert!(text.contains("1 claimed term differs"), "{text}");
}
