//! CSV tables of a plan, parsed back with the `csv` crate: each has its header, and its
//! rows count what the plan holds (attendances, sections, teachers, room bookings,
//! trip segments run, unmet requests as the checker counts them).

use std::collections::HashMap;
use std::path::Path;

use kopa::instance::{Instance, read_instance};
use kopa::report::{NamedFile, csv_tables};
use kopa::solution::check::check;
use kopa::solution::{Solution, read_solution};
use kopa::solve::{Environment, greedy_plan};

/// Header and rows of each file, by file name.
fn parse(files: &[NamedFile]) -> HashMap<String, (Vec<String>, Vec<Vec<String>>)> {
    files
        .iter()
        .map(|file| {
            let mut reader = csv::Reader::from_reader(file.contents.as_bytes());
            let header = reader
                .headers()
                .unwrap_or_else(|e| panic!("{}: {e}", file.file_name))
                .iter()
                .map(str::to_owned)
                .collect::<Vec<_>>();
            let rows: Vec<Vec<String>> = reader
                .records()
                .map(|r| {
                    let r = r.unwrap_or_else(|e| panic!("{}: {e}", file.file_name));
                    assert_eq!(r.len(), header.len(), "{}: ragged row", file.file_name);
                    r.iter().map(str::to_owned).collect()
                })
                .collect();
            (file.file_name.clone(), (header, rows))
        })
        .collect()
}

fn assert_counts(instance: &Instance, solution: &Solution) {
    let files = csv_tables(instance, solution).expect("tables");
    let names: Vec<&str> = files.iter().map(|f| f.file_name.as_str()).collect();
    assert_eq!(
        names,
        [
            "students.csv",
            "sections.csv",
            "teachers.csv",
            "rooms.csv",
            "trips.csv",
            "unmet.csv"
        ]
    );
    assert_eq!(
        files,
        csv_tables(instance, solution).expect("tables"),
        "same bytes"
    );
    let tables = parse(&files);
    let rows = |name: &str| tables[name].1.len();

    let attendances: usize = solution.students.iter().map(|p| p.sections.len()).sum();
    assert_eq!(rows("students.csv"), attendances);
    assert_eq!(rows("sections.csv"), solution.sections.len());
    assert_eq!(rows("teachers.csv"), instance.teachers.len());
    let bookings: usize = solution
        .sections
        .iter()
        .map(|s| s.slots.len() * (1 + s.streams.len()))
        .sum();
    assert_eq!(rows("rooms.csv"), bookings);
    let segments: usize = instance
        .trips
        .iter()
        .map(|t| {
            let days = if t.optional {
                solution.trip_runs.iter().filter(|r| r.trip == t.id).count()
            } else {
                t.days.len()
            };
            days * (t.stops.len() - 1)
        })
        .sum();
    assert_eq!(rows("trips.csv"), segments);

    let report = check(instance, solution);
    let unmet: usize = report.measures.unmet_requests_by_course.values().sum();
    assert_eq!(rows("unmet.csv"), unmet);
    let weight: f64 = tables["unmet.csv"]
        .1
        .iter()
        .map(|r| r[4].parse::<f64>().expect("a weight"))
        .sum();
    assert!((weight - report.measures.unmet_request_weight).abs() < 1e-9);

    // Students per section add up to the attendances, and loads never pass capacity
    // in a plan the checker accepts.
    let (header, sections) = &tables["sections.csv"];
    let students = header
        .iter()
        .position(|h| h == "students")
        .expect("students column");
    let seated: usize = sections
        .iter()
        .map(|r| r[students].parse::<usize>().expect("a count"))
        .sum();
    assert_eq!(seated, attendances);
    if report.violations.is_empty() {
        for row in &tables["trips.csv"].1 {
            let (load, capacity): (i64, i64) = (
                row[10].parse().expect("load"),
                row[11].parse().expect("capacity"),
            );
            assert!(load <= capacity, "{row:?}");
        }
    }
}

#[test]
fn tiny_plans_tables_count_what_the_plans_hold() {
    for name in [
        "one-course",
        "optional-bus",
        "remote-only",
        "teacher-drive",
        "bus-capacity",
        "clash",
        "min-size",
        "idle-slot",
    ] {
        let instance =
            read_instance(Path::new(&format!("instances/tiny/{name}.json"))).expect("instance");
        let solution = read_solution(Path::new(&format!("instances/tiny/{name}.solution.json")))
            .expect("plan");
        assert_counts(&instance, &solution);
    }
}

#[test]
fn optional_bus_tables_read_as_expected() {
    let instance = read_instance(Path::new("instances/tiny/optional-bus.json")).expect("instance");
    let solution =
        read_solution(Path::new("instances/tiny/optional-bus.solution.json")).expect("plan");
    let tables = parse(&csv_tables(&instance, &solution).expect("tables"));
    let (header, rows) = &tables["students.csv"];
    assert_eq!(
        header[..5],
        ["student", "course", "courseName", "section", "mode"]
    );
    assert_eq!(rows[0][0], "S1");
    assert_eq!(rows[0][4], "in person");
    assert_eq!(rows[0][8], "Mon 08:15-09:30");
    // The chartered run X1 carries both students into Pello.
    let x1: Vec<&Vec<String>> = tables["trips.csv"]
        .1
        .iter()
        .filter(|r| r[0] == "X1")
        .collect();
    assert_eq!(x1.len(), 1);
    assert_eq!((x1[0][9].as_str(), x1[0][10].as_str()), ("2", "2"));
}

#[test]
fn tornio_valley_greedy_plan_tables_count_what_the_plan_holds() {
    let instance =
        read_instance(Path::new("instances/tornio-valley/tornio-valley.json")).expect("instance");
    let model = kopa::model::Model::new(&instance).expect("valid instance");
    let solution = greedy_plan(&instance, &model, &Environment::new(0, 1, None))
        .expect("placements enumerate")
        .expect("a greedy plan");
    assert_counts(&instance, &solution);
}

#[test]
fn a_dangling_id_is_an_error_naming_the_field() {
    let instance = read_instance(Path::new("instances/tiny/optional-bus.json")).expect("instance");
    let mut solution =
        read_solution(Path::new("instances/tiny/optional-bus.solution.json")).expect("plan");
    solution.sections[0].room = "NOWHERE".into();
    let error = csv_tables(&instance, &solution).expect_err("dangling room");
    assert!(
        error.to_string().starts_with("sections[0].room:"),
        "{error}"
    );
}
