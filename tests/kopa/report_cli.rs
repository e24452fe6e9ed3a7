//! `kopa report` without a browser: every hand-checked plan gets a page whose itemised
//! costs add up to the checker's terms; a rejected plan is reported with its
//! violations and exit 1; a plan of another instance, or an unreadable file, writes
//! nothing and exits 2; ids from the files cannot become markup.

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::util::{kopa, root};
use kopa::instance::read_instance;
use kopa::model::Model;
use kopa::report::costs::{Term, itemise};
use kopa::report::plan_index::PlanIndex;
use kopa::solution::check::check;
use kopa::solution::read_solution;

fn report(instance: &Path, solution: &Path, out: &Path) -> Output {
    kopa()
        .arg("report")
        .arg(instance)
        .arg(solution)
        .arg("-o")
        .arg(out)
        .output()
        .expect("run kopa report")
}

/// Every tiny instance with its hand solution, and the checker's rich fixture.
fn hand_checked_plans() -> Vec<(PathBuf, PathBuf)> {
    let mut plans = vec![(
        root().join("tests/fixtures/check/instance.json"),
        root().join("tests/fixtures/check/plan.json"),
    )];
    let tiny = root().join("instances/tiny");
    let mut names: Vec<_> = std::fs::read_dir(&tiny)
        .expect("instances/tiny")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.to_string_lossy().ends_with(".solution.json"))
        .collect();
    names.sort();
    for solution in names {
        let instance = PathBuf::from(
            solution
                .to_string_lossy()
                .replace(".solution.json", ".json"),
        );
        plans.push((instance, solution));
    }
    assert!(plans.len() >= 9, "the tiny instances are missing");
    plans
}

#[test]
fn itemised_costs_add_up_to_the_checkers_terms() {
    for (instance_path, solution_path) in hand_checked_plans() {
        let instance = read_instance(&instance_path).expect("instance");
        let solution = read_solution(&solution_path).expect("solution");
        let checked = check(&instance, &solution);
        assert!(checked.is_accepted(), "{}", solution_path.display());
        let model = Model::new(&instance).expect("model");
        let index = PlanIndex::new(&instance, &solution);
        let items = itemise(&index, &model);
        for (term, (key, checker)) in Term::ALL.iter().zip(checked.recomputed.named()) {
            assert_eq!(term.key(), key);
            let itemised: f64 = items
                .iter()
                .filter(|i| i.term == *term)
                .map(|i| i.euros)
                .sum();
            assert!(
                (itemised - checker).abs() < 0.005,
                "{}: {key} itemised {itemised}, checker {checker}",
                solution_path.display()
            );
        }
    }
}

#[test]
fn every_hand_checked_plan_is_reported() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (i, (instance, solution)) in hand_checked_plans().iter().enumerate() {
        let out = dir.path().join(i.to_string());
        let run = report(instance, solution, &out);
        assert_eq!(
            run.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(!stderr.contains("error"), "{stderr}");
        // The tiny instances have no period: no calendars, and a note that says why.
        assert!(
            stderr.contains("no calendars") && stderr.contains("period"),
            "{stderr}"
        );
        assert!(!out.join("calendars").exists());
        assert!(out.join("csv/students.csv").exists());
        let page = std::fs::read_to_string(out.join("index.html")).expect("index.html");
        let plan = read_solution(solution).expect("solution");
        for student in &plan.students {
            let anchor = kopa::report::html::anchor("student", &student.student);
            assert!(
                page.contains(&format!("id=\"{anchor}\"")),
                "no week for {}",
                student.student
            );
        }
        assert!(page.contains("The checker accepts this plan"));
    }
}

#[test]
fn the_rich_fixture_names_its_unmet_request_and_costs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let run = report(
        &root().join("tests/fixtures/check/instance.json"),
        &root().join("tests/fixtures/check/plan.json"),
        dir.path(),
    );
    assert_eq!(run.status.code(), Some(0));
    let page = std::fs::read_to_string(dir.path().join("index.html")).expect("page");
    // Hand-computed in tests/check_rules.rs: 534.80 in all, 37.50 for S3's FY request.
    assert!(
        page.contains(r#"data-term="total">534.80<"#),
        "total missing"
    );
    assert!(page.contains(r#"data-term="unmetRequests">37.50<"#));
    assert!(page.contains("request of S3 for FY (weight 3) unmet"));
    assert!(page.contains("T1 on Mon: Pello (P) → Ylitornio (Y) → Pello (P) (104.0 km)"));
}

#[test]
fn a_rejected_plan_is_reported_with_its_violations() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut plan: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/fixtures/check/plan.json")).expect("plan"),
    )
    .expect("json");
    // T1 teaches MAA-1 and FY-1; putting FY-1 on MAA-1's slots makes them clash.
    plan["sections"][1]["slots"] = serde_json::json!(["Mon1", "Tue2"]);
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, plan.to_string()).expect("write");
    let out = dir.path().join("report");
    let run = report(
        &root().join("tests/fixtures/check/instance.json"),
        &broken,
        &out,
    );
    assert_eq!(
        run.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let page = std::fs::read_to_string(out.join("index.html")).expect("page");
    assert!(page.contains("The checker rejects this plan"));
    assert!(page.contains("C0101"), "the teacher clash is not named");
}

#[test]
fn another_instances_plan_or_a_bad_file_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("report");
    let run = report(
        &root().join("instances/tiny/clash.json"),
        &root().join("tests/fixtures/check/plan.json"),
        &out,
    );
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("another instance"));
    assert!(!out.exists());
    let garbage = dir.path().join("garbage.json");
    std::fs::write(&garbage, "{ not json").expect("write");
    let run = report(&root().join("instances/tiny/clash.json"), &garbage, &out);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("garbage.json"));
    assert!(!out.exists());
}

#[test]
fn ids_are_text_never_markup() {
    let dir = tempfile::tempdir().expect("temp dir");
    let rename = |text: &str| text.replace("\"S3\"", "\"<script>alert(1)</script>\"");
    let instance_text = rename(
        &std::fs::read_to_string(root().join("tests/fixtures/check/instance.json"))
            .expect("instance"),
    );
    let instance_path = dir.path().join("instance.json");
    std::fs::write(&instance_path, &instance_text).expect("write");
    let instance = read_instance(&instance_path).expect("renamed instance");
    let mut plan: serde_json::Value = serde_json::from_str(&rename(
        &std::fs::read_to_string(root().join("tests/fixtures/check/plan.json")).expect("plan"),
    ))
    .expect("json");
    plan["instance"]["hash"] = serde_json::json!(kopa::instance::instance_hash(&instance));
    let plan_path = dir.path().join("plan.json");
    std::fs::write(&plan_path, plan.to_string()).expect("write");
    let out = dir.path().join("report");
    let run = report(&instance_path, &plan_path, &out);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let page = std::fs::read_to_string(out.join("index.html")).expect("page");
    assert!(!page.contains("<script"), "an id became markup");
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}

#[test]
fn a_tornio_report_has_a_calendar_for_everyone_and_the_page_links_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    let instance_path = root().join("instances/tornio-valley/tornio-valley.json");
    let plan_path = dir.path().join("plan.json");
    let solved = kopa()
        .args(["solve", "--time-limit", "3", "--quiet", "-o"])
        .arg(&plan_path)
        .arg(&instance_path)
        .output()
        .expect("solve");
    assert!(
        solved.status.success(),
        "{}",
        String::from_utf8_lossy(&solved.stderr)
    );
    let out = dir.path().join("report");
    let run = report(&instance_path, &plan_path, &out);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        run.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let instance = read_instance(&instance_path).expect("instance");
    let calendars: Vec<_> = std::fs::read_dir(out.join("calendars"))
        .expect("calendars/")
        .map(|e| e.expect("entry").path())
        .collect();
    assert_eq!(
        calendars.len(),
        instance.students.len() + instance.teachers.len()
    );
    let page = std::fs::read_to_string(out.join("index.html")).expect("page");
    let links: Vec<&str> = page
        .split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|href| href.ends_with(".ics"))
        .collect();
    assert_eq!(links.len(), calendars.len(), "one calendar link per person");
    for link in links {
        assert!(out.join(link).is_file(), "{link} does not resolve");
    }
    for table in [
        "students", "sections", "teachers", "rooms", "trips", "unmet",
    ] {
        assert!(
            out.join(format!("csv/{table}.csv")).is_file(),
            "{table}.csv"
        );
    }
}
