//! Every file under `instances/` parses, the realistic baseline stays within the sizes it
//! promises, and every hand-written solution quotes the hash of the instance beside it.
//! Generator profiles (`profiles/` folders, e.g. `instances/generated/profiles/`) are
//! not instances and are skipped here; `tests/generate_cli.rs` covers them.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::util::repo;
use crate::validate_fit::over_subscribed;
use kopa::instance::{Instance, instance_hash, read_instance};
use kopa::solution::Solution;

const SOLUTION_SUFFIX: &str = ".solution.json";
/// Folders of generator profiles, which are not instance files.
const PROFILES_DIR: &str = "profiles";

fn instances_dir() -> PathBuf {
    repo("instances")
}

fn json_files(dir: &Path, found: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            // Scenario patches (`kopa sweep`) are not instances; tests/sweep_cli.rs
            // checks that each makes a valid instance of its base.
            if path
                .file_name()
                .is_some_and(|name| name == PROFILES_DIR || name == "scenarios")
            {
                continue;
            }
            json_files(&path, found);
        } else if path.extension().is_some_and(|ext| ext == "json") {
            found.push(path);
        }
    }
}

pub fn is_solution(path: &Path) -> bool {
    path.to_string_lossy().ends_with(SOLUTION_SUFFIX)
}

fn read_solution(path: &Path) -> Solution {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every instance and solution file under `instances/`, sorted.
pub fn all_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    json_files(&instances_dir(), &mut files);
    files
}

#[test]
fn every_instance_and_solution_file_parses() {
    let files = all_files();
    let (solutions, instances): (Vec<_>, Vec<_>) = files.iter().partition(|p| is_solution(p));
    assert!(
        instances.len() >= 12,
        "expected the baseline, 3 variants and 8 tiny instances"
    );
    assert!(
        solutions.len() >= 8,
        "expected a hand solution per tiny instance"
    );
    for path in instances {
        if let Err(error) = read_instance(path) {
            panic!("{error}");
        }
    }
    for path in solutions {
        let solution = read_solution(path);
        assert_eq!(solution.format_version, 1, "{}", path.display());
    }
}

#[test]
fn every_solution_quotes_the_hash_of_its_instance() {
    for path in all_files().iter().filter(|p| is_solution(p)) {
        let text = path.to_string_lossy();
        let instance_path = PathBuf::from(format!(
            "{}.json",
            &text[..text.len() - SOLUTION_SUFFIX.len()]
        ));
        let instance = read_instance(&instance_path).unwrap_or_else(|e| panic!("{e}"));
        let solution = read_solution(path);
        assert_eq!(
            solution.instance.hash,
            instance_hash(&instance),
            "{}",
            path.display()
        );
        assert_eq!(solution.instance.name, instance.name, "{}", path.display());
    }
}

fn request_count(instance: &Instance) -> usize {
    instance
        .students
        .iter()
        .map(|s| s.requests.len() + s.one_of.len())
        .sum()
}

#[test]
fn tornio_valley_sizes_are_within_the_promised_ranges() {
    let path = instances_dir().join("tornio-valley/tornio-valley.json");
    let instance = read_instance(&path).unwrap_or_else(|e| panic!("{e}"));
    let grid = &instance.time_grid;
    assert_eq!(grid.days.len(), 5);
    assert_eq!(grid.slots.len(), 24);
    let bars: Vec<_> = grid.patterns.iter().filter(|p| p.kind == "bar").collect();
    assert_eq!(bars.len(), 8);
    let mut bar_slots: Vec<&String> = bars.iter().flat_map(|p| &p.slots).collect();
    bar_slots.sort();
    let mut all_slots: Vec<&String> = grid.slots.iter().map(|s| &s.id).collect();
    all_slots.sort();
    assert_eq!(bar_slots, all_slots, "bars cover every slot exactly once");
    let blocks = grid.patterns.len() - bars.len();
    assert!((3..=5).contains(&blocks), "{blocks} block patterns");
    assert!((20..=30).contains(&instance.teachers.len()));
    assert!((50..=70).contains(&instance.courses.len()));
    assert!((90..=110).contains(&instance.students.len()));
    for student in &instance.students {
        let n = student.requests.len() + student.one_of.len();
        assert!(
            (4..=7).contains(&n),
            "student {} has {n} requests",
            student.id
        );
    }
    assert!(request_count(&instance) >= 4 * instance.students.len());
    for site in &instance.sites {
        assert!((1..=2).contains(&site.max_streams), "site {}", site.id);
    }
    assert!(instance.trips.iter().any(|t| t.optional));
    assert!(instance.trips.iter().any(|t| !t.optional));
}

/// The fitting baseline asks no student for more than the week holds; the over-subscribed
/// file (the baseline before issue 27) has the 26 students the issue names: every
/// catering and double-degree student, two technical and seven care students.
#[test]
fn the_baseline_asks_no_more_of_a_kind_than_the_week_has_and_the_old_one_26() {
    let read = |name: &str| {
        let path = instances_dir().join("tornio-valley").join(name);
        read_instance(&path).unwrap_or_else(|e| panic!("{e}"))
    };
    // Counted straight from the file (`validate_fit::over_subscribed`), not by the
    // fit check.
    assert_eq!(
        over_subscribed(&read("tornio-valley.json")),
        BTreeSet::new()
    );
    let over = over_subscribed(&read("tornio-valley-oversubscribed.json"));
    let expected: BTreeSet<String> = [
        "yv-cat01",
        "yv-cat02",
        "yv-cat03",
        "yv-cat04",
        "yv-cat05",
        "yv-tech02",
        "yv-tech03",
        "pv-care01",
        "pv-care02",
        "pv-care03",
        "pv-care04",
        "pv-care06",
        "pv-care07",
        "pv-care08",
        "yd01",
        "yd02",
        "yd03",
        "yd04",
        "yd05",
        "yd06",
        "pd01",
        "pd02",
        "pd03",
        "pd04",
        "pd05",
        "pd06",
    ]
    .map(String::from)
    .into();
    assert_eq!(over, expected);
    assert_eq!(over.len(), 26);
}
