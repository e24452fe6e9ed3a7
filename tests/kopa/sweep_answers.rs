//! `kopa sweep` answers a planner can act on: the same plans whatever `--jobs` is, each
//! scenario's bound, origin and a sentence on whether the bounds prove a difference's
//! sign in every file of the comparison, the spread of `--seeds`, and patches that add
//! a teacher, a room, a trip or a video link never coming out dearer than the base
//! (nor removals cheaper), since every plan is offered to every scenario.

use std::path::Path;
use std::process::Output;

use serde_json::{Value, json};

use crate::util::{kopa, repo};
use kopa::instance::read_instance;
use kopa::solution::check::check;
use kopa::solution::read_solution;

fn sweep(base: &Path, patches: &[String], out: &Path, extra: &[&str]) -> Output {
    kopa()
        .arg("sweep")
        .arg(base)
        .args(patches)
        .arg("-o")
        .arg(out)
        .arg("--quiet")
        .args(extra)
        .output()
        .expect("kopa runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The two-towns fixture (optimum 1298.00) and the patches of `tests/fixtures/sweep`.
fn two_towns_sweep(out: &Path, extra: &[&str]) -> Output {
    let patches: Vec<String> = ["no-video", "extra-teacher", "no-lab"]
        .iter()
        .map(|p| {
            repo(format!("tests/fixtures/sweep/{p}.json"))
                .display()
                .to_string()
        })
        .collect();
    sweep(
        &repo("tests/fixtures/solve/two-towns.json"),
        &patches,
        out,
        extra,
    )
}

/// The checker's total of scenario `name`'s plan in `out`, which it must accept.
fn accepted_total(out: &Path, name: &str) -> f64 {
    let instance = read_instance(&out.join(format!("{name}.json"))).unwrap();
    let plan = read_solution(&out.join(format!("{name}.solution.json"))).unwrap();
    let report = check(&instance, &plan);
    assert!(report.is_accepted(), "{name}: {:?}", report.violations);
    report.recomputed.total
}

/// The search decides the plans (decompose, rounds, no time limit), and neighbourhoods
/// per round no longer follow the pool: one job or two write the same bytes.
#[test]
fn one_job_or_two_give_the_same_plans_of_a_search() {
    let dir = tempfile::tempdir().unwrap();
    let (one, two) = (dir.path().join("one"), dir.path().join("two"));
    for (out, jobs) in [(&one, "1"), (&two, "2")] {
        let run = two_towns_sweep(
            out,
            &["--strategy", "decompose", "--rounds", "2", "--jobs", jobs],
        );
        assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    }
    let mut files: Vec<_> = std::fs::read_dir(&one)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    files.sort();
    assert_eq!(files.len(), 2 * 4 + 3, "{files:?}");
    for file in files {
        let a = std::fs::read(one.join(&file)).unwrap();
        let b = std::fs::read(two.join(&file)).unwrap();
        assert!(a == b, "{file:?} differs between --jobs 1 and --jobs 2");
    }
    let plan: Value =
        serde_json::from_slice(&std::fs::read(one.join("no-lab.solution.json")).unwrap()).unwrap();
    assert_eq!(plan["provenance"]["origin"], "its own search (seed 0)");
}

/// Each of comparison.md, .html and .json carries every scenario's bound, where its
/// plan came from, and the sentence on the difference's sign: closing the lab forces a
/// whole unmet request, and both bounds are met, so the sign is proven.
#[test]
fn the_comparison_carries_bound_origin_and_the_sign_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sweep");
    let run = two_towns_sweep(&out, &["--time-limit", "30"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let dearer =
        "no-lab: at least 950.00 €/week dearer: the variant's bound exceeds the base's plan";
    let same = "extra-teacher: the same cost, proven: both plans meet their bounds";
    let origin = "its own search (seed 0)";
    let markdown = std::fs::read_to_string(out.join("comparison.md")).unwrap();
    for line in [
        format!("  - {dearer}"),
        format!("  - {same}"),
        "| best bound | 1,298.00 | 2,248.00 | 1,298.00 | 2,248.00 |".to_owned(),
        format!("| plan from | {origin} | {origin} | {origin} | {origin} |"),
    ] {
        assert!(markdown.contains(&line), "{line:?} not in\n{markdown}");
    }
    let html = std::fs::read_to_string(out.join("comparison.html")).unwrap();
    for text in [
        format!("<li class=\"note\">{dearer}</li>"),
        format!("<li class=\"note\">{same}</li>"),
        "<td>best bound</td><td>1,298.00</td><td>2,248.00</td>".to_owned(),
        format!("<td>plan from</td><td>{origin}</td>"),
    ] {
        assert!(html.contains(&text), "{text:?} not in\n{html}");
    }
    let json: Value =
        serde_json::from_slice(&std::fs::read(out.join("comparison.json")).unwrap()).unwrap();
    assert_eq!(json["signs"][3], dearer);
    assert_eq!(json["signs"][2], same);
    assert_eq!(json["signs"][0], Value::Null);
    for (i, bound) in [1298.0, 2248.0, 1298.0, 2248.0].into_iter().enumerate() {
        let provenance = &json["scenarios"][i]["result"]["provenance"];
        assert_eq!(
            provenance["bestBound"].as_f64(),
            Some(bound),
            "scenario {i}"
        );
        assert_eq!(provenance["origin"], origin, "scenario {i}");
    }
}

/// `--seeds 2`: each scenario solved with seeds 4 and 5, both totals listed, and the
/// spread in the table.
#[test]
fn seeds_show_the_spread_of_each_scenarios_solves() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sweep");
    let run = two_towns_sweep(&out, &["--time-limit", "30", "--seed", "4", "--seeds", "2"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let json: Value =
        serde_json::from_slice(&std::fs::read(out.join("comparison.json")).unwrap()).unwrap();
    assert_eq!(
        json["scenarios"][0]["seedTotals"],
        json!([{"seed": 4, "total": 1298.0}, {"seed": 5, "total": 1298.0}])
    );
    let markdown = std::fs::read_to_string(out.join("comparison.md")).unwrap();
    assert!(
        markdown.contains("| own solves' totals | 1,298.00 to 1,298.00 (2 seeds) |"),
        "{markdown}"
    );
    assert!(
        markdown.contains("2 solves each, seeds 4 to 5"),
        "{markdown}"
    );
    assert_eq!(accepted_total(&out, "two-towns"), 1298.0);
}

/// On a generated instance (22 students, the search stopped early), a patch that adds
/// a teacher, a room, a trip or a video link never comes out dearer than the base, and
/// one that removes them never cheaper; every plan is accepted by the checker.
#[test]
fn adding_never_costs_and_removing_never_saves() {
    let base = repo("tests/fixtures/solve/search-rounds.json");
    let instance: Value = serde_json::from_slice(&std::fs::read(&base).unwrap()).unwrap();
    let entity = |list: &str, id: &str| {
        let mut found = instance[list]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == id)
            .unwrap_or_else(|| panic!("{list} {id} in the fixture"))
            .clone();
        found.as_object_mut().unwrap().remove("id");
        found
    };
    let patches = [
        (
            "add-teacher",
            json!({"teachers": {"t-extra": entity("teachers", "t-tornio-lukio-maths-1")}}),
        ),
        (
            "add-room",
            json!({"rooms": {"extra-room": entity("rooms", "tornio-lukio-room1")}}),
        ),
        (
            "add-trip",
            json!({"trips": {"extra-trip": entity("trips", "school-v-karunki-1440")}}),
        ),
        (
            "add-video",
            json!({"rooms": {"tornio-lukio-room1": {"video": true}}}),
        ),
        (
            "remove-teacher",
            json!({"teachers": {"t-tornio-lukio-english-2": null}}),
        ),
        (
            "remove-room",
            json!({"rooms": {"tornio-lukio-room7": null}}),
        ),
        (
            "remove-trip",
            json!({"trips": {"school-v-karunki-1610": null}}),
        ),
        (
            "remove-video",
            json!({"rooms": {"tornio-lukio-video2": {"video": false}}}),
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<String> = patches
        .iter()
        .map(|(name, patch)| {
            let path = dir.path().join(format!("{name}.json"));
            std::fs::write(&path, patch.to_string()).unwrap();
            path.display().to_string()
        })
        .collect();
    let out = dir.path().join("sweep");
    let run = sweep(
        &base,
        &files,
        &out,
        &[
            "--strategy",
            "decompose",
            "--time-limit",
            "3",
            "--jobs",
            "2",
        ],
    );
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let base_total = accepted_total(&out, "search-rounds");
    for (name, _) in &patches {
        let total = accepted_total(&out, name);
        if name.starts_with("add-") {
            assert!(
                total <= base_total + 1e-6,
                "{name}: {total} dearer than the base's {base_total}"
            );
        } else {
            assert!(
                total >= base_total - 1e-6,
                "{name}: {total} cheaper than the base's {base_total}"
            );
        }
    }
}
