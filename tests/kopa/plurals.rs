//! Counts people read agree with their noun: "1 student leg", "2 student legs".
//!
//! Each command that prints a count is run where the count is exactly one (a report
//! whose bought bus carries one student leg, a workbook with one problem, an instance
//! with one error, a plan with one section), and every source file is searched for a
//! number written straight before a plural noun instead of through
//! `kopa::words::count`, the one rule for it.

use std::path::Path;

use crate::util::{printed, repo, run_kopa, write_temp};

/// Plural nouns kopa prints beside a count.
const PLURALS: &[&str] = &[
    "students",
    "legs",
    "lessons",
    "seats",
    "sections",
    "violations",
    "problems",
    "errors",
    "warnings",
    "requests",
    "rounds",
    "runs",
    "scenarios",
    "changes",
    "patches",
    "sheets",
    "calendars",
    "tables",
    "columns",
    "rows",
    "variables",
    "constraints",
    "trips",
    "teachers",
    "courses",
    "rooms",
    "sites",
    "slots",
    "seeds",
    "solves",
    "bytes",
    "minutes",
    "times",
    "nodes",
];

/// Words that may stand between a count and its noun ("1 student legs", "1 optional
/// trip runs").
const BETWEEN: &[&str] = &["student", "optional", "trip"];

/// Every "1 <plural>" in `text`, with up to two words of [`BETWEEN`] before the noun.
fn one_with_plural(text: &str) -> Vec<String> {
    let words: Vec<&str> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '.' || c == ','))
        .filter(|w| !w.is_empty())
        .collect();
    let mut found = Vec::new();
    for (i, word) in words.iter().enumerate() {
        if *word != "1" {
            continue;
        }
        for skip in 0..=2 {
            let Some(noun) = words.get(i + 1 + skip) else {
                break;
            };
            let noun = noun.trim_end_matches([',', '.']);
            if PLURALS.contains(&noun) {
                found.push(
                    words[i..=i + 1 + skip]
                        .join(" ")
                        .trim_end_matches([',', '.'])
                        .to_owned(),
                );
                break;
            }
            if !BETWEEN.contains(&noun) {
                break;
            }
        }
    }
    found
}

fn assert_agrees(text: &str, expected: &str) {
    assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    let wrong = one_with_plural(text);
    assert!(wrong.is_empty(), "{wrong:?} in what kopa printed");
}

#[test]
fn the_scanner_finds_one_with_a_plural() {
    assert_eq!(
        one_with_plural("X1 on Monday: 1 student legs; 2 legs, 1 optional trip runs."),
        ["1 student legs", "1 optional trip runs"]
    );
    assert!(one_with_plural("1 student leg, 10 legs, 0.1 seats").is_empty());
}

#[test]
fn a_report_whose_bus_carries_one_student_leg_says_leg() {
    let temp = tempfile::tempdir().expect("temp dir");
    let out = temp.path().join("report");
    let run = run_kopa(&[
        "report".as_ref(),
        repo("instances/tiny/bus-capacity.json").as_os_str(),
        repo("instances/tiny/bus-capacity.solution.json").as_os_str(),
        "-o".as_ref(),
        out.as_os_str(),
    ]);
    // Exit 0: the checker accepts the plan the page shows.
    assert_eq!(run.status.code(), Some(0), "{}", printed(&run));
    let page = std::fs::read_to_string(out.join("index.html")).expect("the page");
    assert_agrees(&page, "1 student leg");
}

#[test]
fn a_workbook_with_one_problem_says_problem() {
    let temp = tempfile::tempdir().expect("temp dir");
    let (dir, output) = (temp.path().join("workbook"), temp.path().join("out.json"));
    let export = run_kopa(&[
        "export".as_ref(),
        "csv".as_ref(),
        repo("instances/tiny/optional-bus.json").as_os_str(),
        "-o".as_ref(),
        dir.as_os_str(),
    ]);
    assert_eq!(export.status.code(), Some(0), "{}", printed(&export));
    let roads = dir.join("roads.csv");
    let text = std::fs::read_to_string(&roads).expect("roads.csv");
    std::fs::write(&roads, text.replacen("18.5", "18.5 km", 1)).expect("saved");
    let run = run_kopa(&[
        "import".as_ref(),
        "csv".as_ref(),
        dir.as_os_str(),
        "-o".as_ref(),
        output.as_os_str(),
    ]);
    assert_eq!(run.status.code(), Some(2), "{}", printed(&run));
    assert_agrees(&printed(&run), "1 problem in the workbook");
    assert!(!Path::new(&output).exists(), "nothing is written");
}

#[test]
fn an_instance_with_one_error_says_error() {
    let temp = tempfile::tempdir().expect("temp dir");
    let base = std::fs::read_to_string(repo("tests/fixtures/validate/base.json")).expect("base");
    let mut value: serde_json::Value = serde_json::from_str(&base).expect("json");
    let max = value["courses"][0]["maxSize"].as_i64().expect("maxSize");
    value["courses"][0]["minSize"] = (max + 1).into();
    let file = write_temp(&temp, "one-error.json", &value.to_string());
    let run = run_kopa(&["validate", &file]);
    assert_eq!(run.status.code(), Some(2), "{}", printed(&run));
    assert_agrees(&printed(&run), "invalid (1 error, 0 warnings)");
}

#[test]
fn a_plan_with_one_section_says_section() {
    let temp = tempfile::tempdir().expect("temp dir");
    let plan = temp.path().join("plan.json");
    let run = run_kopa(&[
        "solve".as_ref(),
        repo("instances/tiny/one-course.json").as_os_str(),
        "-o".as_ref(),
        plan.as_os_str(),
        "--rounds".as_ref(),
        "1".as_ref(),
        "--check".as_ref(),
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", printed(&run));
    assert_agrees(&printed(&run), "1 section, 3 students placed");
}

/// Format strings in `src/` that print a number straight before one of [`PLURALS`]
/// (`"{n} students"`, or `(n) " students"` in a page template), where the number is
/// two or more by construction or not a count of things: each with why.
const ALWAYS_MANY: &[(&str, &str)] = &[
    ("{} sections of {course}", "a student attends at least two"),
    ("{count} times; attend a section once", "at least two"),
    (
        "{lessons} lessons a week, but the week has only",
        "more lessons than slots (at least one)",
    ),
    (
        "{slots} slots can be placed in more than {limit} ways",
        "over a million ways",
    ),
    ("{limit} ways", "a constant in the millions"),
    ("up to {} sections, but only", "maxSections above one"),
    (
        "{weeks} weeks from {} end after 9999-12-31",
        "weeks past the calendar's end",
    ),
    (
        "{estimate} columns, built {built}",
        "a model's size, in the thousands",
    ),
    (
        "{count} ways to choose its {lessons} free slots",
        "over a million ways",
    ),
    ("about {} columns)", "a model's size in gigabytes"),
    ("section {} seats {}", "a verb: the section seats them"),
    (
        "{student} changes from",
        "a verb: the student changes place",
    ),
];

/// Every string literal of `line` with a placeholder (or, in a page template, a
/// parenthesised value) followed by a plural noun.
fn counted_plurals(line: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (at, _) in line.match_indices("} ").chain(line.match_indices(") \" ")) {
        let rest = &line[at..];
        let after = rest.trim_start_matches([')', '}', ' ', '"']);
        let noun: String = after
            .chars()
            .take_while(char::is_ascii_alphabetic)
            .collect();
        let inside_string = line[..at].matches('"').count() % 2 == 1 || rest.starts_with(')');
        if PLURALS.contains(&noun.as_str()) && inside_string {
            found.push(line.trim().to_owned());
        }
    }
    found
}

#[test]
fn no_source_prints_a_count_beside_a_plural_without_words_count() {
    let mut offenders = Vec::new();
    let mut pending = vec![repo("src")];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).expect("src lists") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                pending.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("a source file");
            for (n, line) in text.lines().enumerate() {
                if line.trim_start().starts_with("//") {
                    continue;
                }
                for found in counted_plurals(line) {
                    if !ALWAYS_MANY.iter().any(|(phrase, _)| found.contains(phrase)) {
                        offenders.push(format!("{}:{}: {found}", path.display(), n + 1));
                    }
                }
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "print these counts with kopa::words::count (\"1 leg\", \"2 legs\"):\n{}",
        offenders.join("\n")
    );
}
