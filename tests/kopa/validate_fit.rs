//! The per-student fit check (`W0010`, `E0503`) on the shipped instances: on the
//! over-subscribed Tornio valley file it names exactly the students who ask for more
//! courses of one pattern kind than the week has patterns of it; tiny instances (all
//! solved by hand) draw nothing; `kopa validate` exits 0 on warnings alone.

use std::collections::BTreeSet;
use std::path::Path;

use kopa::instance::{Instance, read_instance};
use kopa::model::Model;
use kopa::validate::{Cause, Code, Diagnostic, validate, week_fit};

const TORNIO_VALLEY: &str = "instances/tornio-valley/tornio-valley-oversubscribed.json";

fn read(path: &str) -> Instance {
    read_instance(Path::new(env!("CARGO_MANIFEST_DIR")).join(path).as_path())
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn fit_diagnostics(instance: &Instance) -> Vec<Diagnostic> {
    validate(instance)
        .into_iter()
        .filter(|d| {
            matches!(
                d.code,
                Code::W0010RequestsCannotFit | Code::E0503MandatoryRequestsCannotFit
            )
        })
        .collect()
}

/// Students who ask for more requests of one pattern kind (a single course of the kind,
/// or a one-of group all of whose courses have it) than the grid has patterns of it,
/// counted straight from the file.
pub(crate) fn over_subscribed(instance: &Instance) -> BTreeSet<String> {
    let kind_of = |course: &str| {
        instance
            .courses
            .iter()
            .find(|c| c.id == course)
            .and_then(|c| c.pattern_kind.clone())
    };
    let patterns = |kind: &str| {
        instance
            .time_grid
            .patterns
            .iter()
            .filter(|p| p.kind == kind)
            .count()
    };
    let mut named = BTreeSet::new();
    for student in &instance.students {
        let mut kinds: Vec<String> = student
            .requests
            .iter()
            .filter_map(|r| kind_of(&r.course))
            .collect();
        for group in &student.one_of {
            let of_group: BTreeSet<Option<String>> =
                group.courses.iter().map(|c| kind_of(c)).collect();
            if let [Some(kind)] = of_group.into_iter().collect::<Vec<_>>().as_slice() {
                kinds.push(kind.clone());
            }
        }
        if kinds
            .iter()
            .any(|k| kinds.iter().filter(|o| *o == k).count() > patterns(k))
        {
            named.insert(student.id.clone());
        }
    }
    named
}

fn student_of(d: &Diagnostic) -> String {
    d.entity
        .strip_prefix("student \"")
        .and_then(|s| s.strip_suffix('"'))
        .unwrap_or_else(|| panic!("not a student: {}", d.entity))
        .to_owned()
}

#[test]
fn the_over_subscribed_tornio_valley_names_its_26_students() {
    let instance = read(TORNIO_VALLEY);
    let diagnostics = fit_diagnostics(&instance);
    let named: BTreeSet<String> = diagnostics.iter().map(student_of).collect();
    assert_eq!(named.len(), diagnostics.len(), "one diagnostic per student");
    assert!(
        diagnostics
            .iter()
            .all(|d| d.code == Code::W0010RequestsCannotFit)
    );
    let expected = over_subscribed(&instance);
    assert_eq!(expected.len(), 26);
    assert_eq!(named, expected);
    // Every double-degree student is among them (three morning blocks a week).
    for student in &instance.students {
        if student.programme == kopa::instance::Programme::DoubleDegree {
            assert!(named.contains(&student.id), "{}", student.id);
        }
    }
    let care = diagnostics
        .iter()
        .find(|d| d.entity == "student \"pv-care01\"")
        .expect("pv-care01 is named");
    assert!(
        care.message
            .contains("3 requests need a pattern of kind \"blockAm\", and the week has 2"),
        "{}",
        care.message
    );
}

#[test]
fn the_library_gives_the_same_students_and_the_pattern_count_as_the_cause() {
    let instance = read(TORNIO_VALLEY);
    let model = Model::new(&instance).expect("resolves");
    let fits = week_fit(&model);
    let unfit: BTreeSet<String> = fits
        .iter()
        .zip(&model.students)
        .filter(|(fit, _)| !fit.conflict.is_empty())
        .map(|(_, student)| student.id.clone())
        .collect();
    assert_eq!(unfit, over_subscribed(&instance));
    for (fit, student) in fits.iter().zip(&model.students) {
        if fit.conflict.is_empty() {
            continue;
        }
        assert_eq!(fit.cause, Some(Cause::TooFewPatterns), "{}", student.id);
        assert_eq!(
            fit.conflict.len(),
            3,
            "{}: two patterns of the kind",
            student.id
        );
        assert!(!fit.mandatory && fit.runs_nowhere.is_empty() && !fit.cut_off);
    }
}

#[test]
fn tiny_instances_fit() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("instances/tiny");
    let mut files = 0;
    for entry in std::fs::read_dir(&dir).expect("instances/tiny") {
        let path = entry.expect("entry").path();
        let name = path.to_string_lossy().into_owned();
        if !name.ends_with(".json") || name.ends_with(".solution.json") {
            continue;
        }
        let instance = read_instance(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(fit_diagnostics(&instance), vec![], "{name}");
        files += 1;
    }
    assert!(files >= 8, "{files} tiny instances");
}

#[test]
fn the_binary_warns_and_still_exits_0() {
    let output = crate::util::kopa()
        .args(["validate", TORNIO_VALLEY])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("kopa runs");
    let text = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert_eq!(text.matches("warning[W0010]").count(), 26, "{text}");
    assert!(text.contains("valid (26 warnings)"), "{text}");
}

/// The fitting baseline and every generated instance (drawn by `kopa generate` as a
/// counsellor would) have no student whose requests cannot fit a week.
#[test]
fn the_baseline_and_generated_instances_fit() {
    for path in [
        "instances/tornio-valley/tornio-valley.json",
        "instances/generated/gen-50.json",
        "instances/generated/gen-200.json",
        "instances/generated/gen-500.json",
        "instances/generated/gen-1000.json",
        "instances/generated/gen-2000.json",
        "instances/generated/gen-5000.json",
    ] {
        let drawn = fit_diagnostics(&read(path));
        assert!(
            drawn.is_empty(),
            "{path}: {:?}",
            drawn.iter().map(|d| d.to_string()).collect::<Vec<_>>()
        );
    }
}
