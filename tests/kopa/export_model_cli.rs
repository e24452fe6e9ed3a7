//! `kopa export model`: the written model is kopa's model. Every tiny instance's full
//! model, written as LP and as MPS and read back by HiGHS's own file readers (not
//! good_lp's), has the optimum of its hand-reasoned plan (instances/tiny/README.md),
//! and its count has an optimum no higher (a bound). Bad arguments write nothing.
//!
//! `kopa import point`: HiGHS's optimum of the exported file, written as `column
//! value` lines the way a peer solver's answer is, comes back as a plan the checker
//! accepts with the hand plan's total; a point of another model writes nothing.

use std::ffi::CString;
use std::path::Path;

use crate::util::{kopa, repo};

const TINY: [&str; 8] = [
    "bus-capacity",
    "clash",
    "idle-slot",
    "min-size",
    "one-course",
    "optional-bus",
    "remote-only",
    "teacher-drive",
];

/// The optimum HiGHS finds for a model file, read by HiGHS's own reader, with the
/// value of every named column at that optimum.
fn optimum_read_by_highs(file: &Path) -> (f64, Vec<(String, f64)>) {
    let path = CString::new(file.to_str().expect("utf-8 path")).expect("no NUL");
    // SAFETY: the HiGHS instance is created, used and destroyed here alone; every
    // pointer passed is valid for the call (the path outlives it, the buffers hold
    // as many values as the model has columns, a name buffer HiGHS's longest name).
    unsafe {
        let highs = highs_sys::Highs_create();
        highs_sys::Highs_setBoolOptionValue(highs, c"output_flag".as_ptr(), 0);
        let read = highs_sys::Highs_readModel(highs, path.as_ptr());
        assert_eq!(
            read,
            highs_sys::kHighsStatusOk,
            "HiGHS reads {}",
            file.display()
        );
        let run = highs_sys::Highs_run(highs);
        assert_eq!(
            run,
            highs_sys::kHighsStatusOk,
            "HiGHS solves {}",
            file.display()
        );
        let status = highs_sys::Highs_getModelStatus(highs);
        assert_eq!(
            status,
            highs_sys::kHighsModelStatusOptimal,
            "{}",
            file.display()
        );
        let value = highs_sys::Highs_getObjectiveValue(highs);
        let columns = usize::try_from(highs_sys::Highs_getNumCol(highs)).expect("columns");
        let rows = usize::try_from(highs_sys::Highs_getNumRow(highs)).expect("rows");
        let mut column_values = vec![0.0; columns];
        let mut column_duals = vec![0.0; columns];
        let mut row_values = vec![0.0; rows];
        let mut row_duals = vec![0.0; rows];
        highs_sys::Highs_getSolution(
            highs,
            column_values.as_mut_ptr(),
            column_duals.as_mut_ptr(),
            row_values.as_mut_ptr(),
            row_duals.as_mut_ptr(),
        );
        let mut point = Vec::with_capacity(columns);
        for (col, &column_value) in column_values.iter().enumerate() {
            let mut name = vec![0 as std::os::raw::c_char; 1024];
            let col = highs_sys::HighsInt::try_from(col).expect("column index");
            highs_sys::Highs_getColName(highs, col, name.as_mut_ptr());
            let name = std::ffi::CStr::from_ptr(name.as_ptr())
                .to_str()
                .expect("utf-8 name")
                .to_owned();
            point.push((name, column_value));
        }
        highs_sys::Highs_destroy(highs);
        (value, point)
    }
}

fn export(instance: &Path, scope: &str, output: &Path) {
    let run = kopa()
        .args([
            "export",
            "model",
            instance.to_str().unwrap(),
            "--scope",
            scope,
            "-o",
        ])
        .arg(output)
        .output()
        .expect("kopa runs");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

/// The hand plan's total, as the checker recomputes it.
fn hand_total(name: &str) -> f64 {
    let run = kopa()
        .args(["check", "--json"])
        .arg(repo(format!("instances/tiny/{name}.json")))
        .arg(repo(format!("instances/tiny/{name}.solution.json")))
        .output()
        .expect("kopa runs");
    assert!(run.status.success(), "the hand plan of {name} is accepted");
    let report: serde_json::Value = serde_json::from_slice(&run.stdout).expect("JSON");
    report["recomputed"]["total"].as_f64().expect("a total")
}

#[test]
fn exported_models_have_the_hand_optimum_and_the_count_bounds_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in TINY {
        let instance = repo(format!("instances/tiny/{name}.json"));
        let optimum = hand_total(name);
        for extension in ["lp", "mps"] {
            let full = dir.path().join(format!("{name}.{extension}"));
            export(&instance, "full", &full);
            let (value, _) = optimum_read_by_highs(&full);
            assert!(
                (value - optimum).abs() < 1e-6,
                "{name}.{extension}: HiGHS finds {value}, the hand plan is {optimum}"
            );
            let count = dir.path().join(format!("{name}-count.{extension}"));
            export(&instance, "count", &count);
            let (bound, _) = optimum_read_by_highs(&count);
            assert!(
                bound <= optimum + 1e-6,
                "{name}: the count's optimum {bound} exceeds the optimum {optimum}"
            );
        }
    }
}

#[test]
fn columns_and_rows_are_named_from_the_domain() {
    let dir = tempfile::tempdir().expect("temp dir");
    let lp = dir.path().join("clash.lp");
    export(&repo("instances/tiny/clash.json"), "full", &lp);
    let text = std::fs::read_to_string(&lp).expect("written");
    // A placement names its course, section, timing, site, room and teacher; rows
    // are named by the rule family that wrote them.
    let place = text
        .split_whitespace()
        .find(|word| word.starts_with("place.MAA01_0."))
        .expect("a placement column of MAA01");
    assert_eq!(place.split('.').count(), 6, "{place}");
    assert!(
        text.contains("\n room_clash.0:"),
        "room clash rows are named"
    );
    assert!(text.contains("\n student_attendance.0:"));
}

#[test]
fn an_unknown_extension_or_an_invalid_instance_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let wrong = dir.path().join("model.txt");
    let run = kopa()
        .args([
            "export",
            "model",
            repo("instances/tiny/clash.json").to_str().unwrap(),
            "-o",
        ])
        .arg(&wrong)
        .output()
        .expect("kopa runs");
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains(".lp or .mps"));
    assert!(!wrong.exists());

    let invalid = dir.path().join("invalid.json");
    std::fs::write(&invalid, "{\"formatVersion\": 1}").expect("written");
    let output = dir.path().join("model.lp");
    let run = kopa()
        .args(["export", "model", invalid.to_str().unwrap(), "-o"])
        .arg(&output)
        .output()
        .expect("kopa runs");
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("invalid.json"));
    assert!(!output.exists());
}

/// `kopa import point` of `point`, as a plan written to `plan`.
fn import_point(instance: &Path, point: &Path, plan: &Path) -> std::process::Output {
    kopa()
        .args(["import", "point", instance.to_str().unwrap()])
        .arg(point)
        .args(["--solver", "HiGHS (file reader)", "-o"])
        .arg(plan)
        .output()
        .expect("kopa runs")
}

#[test]
fn a_peer_point_comes_back_as_a_plan_the_checker_values() {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in TINY {
        let instance = repo(format!("instances/tiny/{name}.json"));
        let mps = dir.path().join(format!("{name}.mps"));
        export(&instance, "full", &mps);
        let (_, point) = optimum_read_by_highs(&mps);
        let lines: String = point
            .iter()
            .filter(|(_, value)| *value != 0.0)
            .map(|(column, value)| format!("{column} {value}\n"))
            .collect();
        let point_file = dir.path().join(format!("{name}.point"));
        std::fs::write(&point_file, format!("# HiGHS on {name}.mps\n{lines}")).expect("written");
        let plan = dir.path().join(format!("{name}.plan.json"));
        let run = import_point(&instance, &point_file, &plan);
        assert_eq!(
            run.status.code(),
            Some(0),
            "{name}: {}{}",
            String::from_utf8_lossy(&run.stdout),
            String::from_utf8_lossy(&run.stderr)
        );
        // The written plan stands on its own: `kopa check` re-derives its total.
        let check = kopa()
            .args(["check", "--json"])
            .arg(&instance)
            .arg(&plan)
            .output()
            .expect("kopa runs");
        assert!(
            check.status.success(),
            "{name}: the imported plan is accepted"
        );
        let report: serde_json::Value = serde_json::from_slice(&check.stdout).expect("JSON");
        let total = report["recomputed"]["total"].as_f64().expect("a total");
        let optimum = hand_total(name);
        assert!(
            (total - optimum).abs() < 1e-6,
            "{name}: the imported plan costs {total}, the optimum is {optimum}"
        );
    }
}

#[test]
fn a_point_of_another_model_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let point = dir.path().join("stranger.point");
    std::fs::write(&point, "place.NOT-A-COURSE_0.x.y.z.w 1\n").expect("written");
    let plan = dir.path().join("plan.json");
    let run = import_point(&repo("instances/tiny/clash.json"), &point, &plan);
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("stranger.point") && stderr.contains("place.NOT-A-COURSE_0.x.y.z.w"),
        "{stderr}"
    );
    assert!(!plan.exists());

    std::fs::write(&point, "place.x 1 2\n").expect("written");
    let run = import_point(&repo("instances/tiny/clash.json"), &point, &plan);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("stranger.point:1"));
    assert!(!plan.exists());
}
