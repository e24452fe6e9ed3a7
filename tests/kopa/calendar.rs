//! Calendars of a plan, parsed back with the `icalendar` crate's parser and compared
//! with what the instance's slots and the plan's sections imply: the same (date, local
//! start, local end, course) for every week of the period, across a DST change too.

use std::collections::BTreeSet;
use std::path::Path;

use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};
use chrono_tz::Tz;
use icalendar::{CalendarDateTime, Component, DatePerhapsTime, EventLike};
use kopa::instance::{Instance, format_clock, parse_clock, read_instance};
use kopa::report::{CalendarError, NamedFile, calendars};
use kopa::solution::{Solution, read_solution};
use kopa::solve::{Environment, greedy_plan};

/// (date, local start, local end, course id or "bus TRIP").
type Row = (NaiveDate, String, String, String);

fn instance(path: &str) -> Instance {
    read_instance(Path::new(path)).unwrap_or_else(|e| panic!("{e}"))
}

fn solution(path: &str) -> Solution {
    read_solution(Path::new(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The dates of the period that fall on `day`'s weekday, from the instance alone.
fn dates_of(instance: &Instance, day: &str) -> Vec<NaiveDate> {
    let period = instance.period.as_ref().expect("a period");
    let start = NaiveDate::parse_from_str(&period.start, "%Y-%m-%d").expect("a date");
    let weekday = instance
        .time_grid
        .days
        .iter()
        .find(|d| d.id == day)
        .and_then(|d| d.weekday.clone())
        .expect("a weekday");
    (0..7 * period.weeks as u64)
        .map(|k| start.checked_add_days(Days::new(k)).expect("in range"))
        .filter(|d| format!("{:?}", d.weekday()) == weekday)
        .collect()
}

fn slot_times(instance: &Instance, slot: &str) -> (String, String, String) {
    let s = instance
        .time_grid
        .slots
        .iter()
        .find(|s| s.id == slot)
        .expect("slot exists");
    let clock = |t: &str| format_clock(parse_clock(t).expect("a time"));
    (s.day.clone(), clock(&s.start), clock(&s.end))
}

/// What the plan says a student's lessons are.
fn expected_student(instance: &Instance, solution: &Solution, student: &str) -> BTreeSet<Row> {
    let plan = solution
        .students
        .iter()
        .find(|p| p.student == student)
        .expect("plan");
    let mut rows = BTreeSet::new();
    for attendance in &plan.sections {
        let section = solution
            .sections
            .iter()
            .find(|s| s.id == attendance.section)
            .expect("section");
        for slot in &section.slots {
            let (day, start, end) = slot_times(instance, slot);
            for date in dates_of(instance, &day) {
                rows.insert((date, start.clone(), end.clone(), section.course.clone()));
            }
        }
    }
    for leg in &plan.legs {
        let trip = instance
            .trips
            .iter()
            .find(|t| t.id == leg.trip)
            .expect("trip");
        let at = |node: &str| {
            let stop = trip.stops.iter().find(|s| s.node == node).expect("stop");
            format_clock(parse_clock(&stop.time).expect("a time"))
        };
        for date in dates_of(instance, &leg.day) {
            rows.insert((date, at(&leg.from), at(&leg.to), format!("bus {}", trip.id)));
        }
    }
    rows
}

fn expected_teacher(instance: &Instance, solution: &Solution, teacher: &str) -> BTreeSet<Row> {
    let mut rows = BTreeSet::new();
    for section in solution.sections.iter().filter(|s| s.teacher == teacher) {
        for slot in &section.slots {
            let (day, start, end) = slot_times(instance, slot);
            for date in dates_of(instance, &day) {
                rows.insert((date, start.clone(), end.clone(), section.course.clone()));
            }
        }
    }
    rows
}

fn utc(value: Option<DatePerhapsTime>) -> DateTime<Utc> {
    match value {
        Some(DatePerhapsTime::DateTime(CalendarDateTime::Utc(t))) => t,
        other => panic!("expected a UTC date-time, got {other:?}"),
    }
}

/// The events of a calendar file read back, as rows in `zone`, plus their UTC starts.
fn parse_back(file: &NamedFile, zone: Tz) -> (Vec<Row>, Vec<DateTime<Utc>>) {
    let calendar: icalendar::Calendar = file
        .contents
        .parse()
        .unwrap_or_else(|e| panic!("{}: {e}", file.file_name));
    let mut rows = Vec::new();
    let mut starts = Vec::new();
    for event in calendar.events() {
        let (start, end) = (utc(event.get_start()), utc(event.get_end()));
        let summary = event.get_summary().expect("a summary");
        assert!(
            event.get_location().is_some_and(|l| !l.is_empty()),
            "{summary}"
        );
        // "Maths 1 (MAA01) · section MAA01-1", "Bus Line bus (L1) · Juoksenki (j) to Pello (p)":
        // a label is "name (id)", or the id alone when unnamed.
        let label = summary.split(" · ").next().expect("a label");
        let id = |label: &str| {
            label
                .strip_suffix(')')
                .and_then(|l| l.rsplit_once(" ("))
                .map_or(label, |(_, id)| id)
                .to_owned()
        };
        let what = match label.strip_prefix("Bus ") {
            Some(trip) => format!("bus {}", id(trip)),
            None => id(label),
        };
        let (local_start, local_end) = (start.with_timezone(&zone), end.with_timezone(&zone));
        assert_eq!(
            local_start.date_naive(),
            local_end.date_naive(),
            "{summary}"
        );
        rows.push((
            local_start.date_naive(),
            local_start.format("%H:%M").to_string(),
            local_end.format("%H:%M").to_string(),
            what,
        ));
        starts.push(start);
    }
    (rows, starts)
}

fn file<'a>(files: &'a [NamedFile], name: &str) -> &'a NamedFile {
    files
        .iter()
        .find(|f| f.file_name == name)
        .unwrap_or_else(|| panic!("no {name}"))
}

/// Checks one file: the rows read back equal `expected`, one event per row.
fn assert_file_matches(files: &[NamedFile], name: &str, expected: &BTreeSet<Row>) {
    let (rows, _) = parse_back(file(files, name), chrono_tz::Europe::Helsinki);
    let set: BTreeSet<Row> = rows.iter().cloned().collect();
    assert_eq!(set.len(), rows.len(), "{name}: an event twice");
    assert_eq!(&set, expected, "{name}");
}

const DST_FIXTURE: &str = "tests/fixtures/calendar/optional-bus-dst.json";
const DST_PLAN: &str = "instances/tiny/optional-bus.solution.json";

#[test]
fn tiny_plan_across_a_dst_change_keeps_local_times() {
    let (instance, solution) = (instance(DST_FIXTURE), solution(DST_PLAN));
    let files = calendars(&instance, &solution).expect("calendars");
    let names: Vec<&str> = files.iter().map(|f| f.file_name.as_str()).collect();
    assert_eq!(
        names,
        ["student-S1.ics", "student-S2.ics", "teacher-T1.ics"]
    );

    let expected = expected_student(&instance, &solution, "S1");
    // 3 weeks x (1 lesson + 2 bus legs).
    assert_eq!(expected.len(), 9, "{expected:#?}");
    assert_file_matches(&files, "student-S1.ics", &expected);
    assert_file_matches(
        &files,
        "teacher-T1.ics",
        &expected_teacher(&instance, &solution, "T1"),
    );

    // The lesson is at 08:15 local every Monday; in UTC it moves an hour earlier
    // after Finland's clocks go forward on 28 March 2027.
    let (rows, starts) = parse_back(file(&files, "teacher-T1.ics"), chrono_tz::Europe::Helsinki);
    let utc_starts: Vec<String> = starts
        .iter()
        .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
        .collect();
    assert_eq!(
        utc_starts,
        ["2027-03-15 06:15", "2027-03-22 06:15", "2027-03-29 05:15"]
    );
    assert!(
        rows.iter().all(|r| r.1 == "08:15" && r.2 == "09:30"),
        "{rows:?}"
    );
    assert!(
        file(&files, "teacher-T1.ics")
            .contents
            .contains("DTSTART:20270329T051500Z")
    );
}

#[test]
fn same_plan_gives_the_same_bytes() {
    let (instance, solution) = (instance(DST_FIXTURE), solution(DST_PLAN));
    let first = calendars(&instance, &solution).expect("calendars");
    let second = calendars(&instance, &solution).expect("calendars");
    assert_eq!(first, second);
    let uids: Vec<&str> = first[0]
        .contents
        .lines()
        .filter_map(|l| l.strip_prefix("UID:"))
        .collect();
    assert_eq!(uids.len(), 9);
    assert_eq!(
        uids.iter().collect::<BTreeSet<_>>().len(),
        uids.len(),
        "UIDs unique"
    );
}

#[test]
fn no_period_or_no_weekday_is_an_error_naming_the_field() {
    let solution = solution("instances/tiny/optional-bus.solution.json");
    let plain = instance("instances/tiny/optional-bus.json");
    let error = calendars(&plain, &solution).expect_err("no period");
    assert_eq!(error, CalendarError::NoPeriod);
    assert_eq!(error.field(), "period");
    assert!(error.to_string().starts_with("period:"), "{error}");

    let mut no_weekday = instance(DST_FIXTURE);
    no_weekday.time_grid.days[0].weekday = None;
    let error = calendars(&no_weekday, &solution).expect_err("no weekday");
    assert_eq!(error.field(), "timeGrid.days[0].weekday");
    assert!(error.to_string().contains("\"Mon\""), "{error}");

    let mut bad_zone = instance(DST_FIXTURE);
    if let Some(period) = bad_zone.period.as_mut() {
        period.time_zone = "Mars/Olympus".into();
    }
    let error = calendars(&bad_zone, &solution).expect_err("bad zone");
    assert_eq!(error.field(), "period.timeZone");

    let mut dangling = solution.clone();
    dangling.sections[0].teacher = "T99".into();
    let error = calendars(&instance(DST_FIXTURE), &dangling).expect_err("dangling teacher");
    assert_eq!(error.field(), "sections[0].teacher");
}

#[test]
fn every_tiny_plan_matches_its_calendars() {
    for name in [
        "one-course",
        "remote-only",
        "teacher-drive",
        "bus-capacity",
        "clash",
    ] {
        let mut instance = instance(&format!("instances/tiny/{name}.json"));
        let solution = solution(&format!("instances/tiny/{name}.solution.json"));
        instance.period = Some(kopa::instance::Period {
            start: "2027-03-17".into(), // a Wednesday: the first Monday is the 22nd
            weeks: 2,
            time_zone: "Europe/Helsinki".into(),
        });
        for (d, day) in instance.time_grid.days.iter_mut().enumerate() {
            day.weekday = Some(["Mon", "Tue", "Wed", "Thu", "Fri"][d].into());
        }
        let files = calendars(&instance, &solution).expect("calendars");
        assert_eq!(
            files.len(),
            instance.students.len() + instance.teachers.len()
        );
        for student in &instance.students {
            let expected = if solution.students.iter().any(|p| p.student == student.id) {
                expected_student(&instance, &solution, &student.id)
            } else {
                BTreeSet::new()
            };
            assert_file_matches(&files, &format!("student-{}.ics", student.id), &expected);
        }
        for teacher in &instance.teachers {
            let expected = expected_teacher(&instance, &solution, &teacher.id);
            assert_file_matches(&files, &format!("teacher-{}.ics", teacher.id), &expected);
        }
    }
}

#[test]
fn tornio_valley_plan_matches_its_calendars_every_week() {
    let instance = instance("instances/tornio-valley/tornio-valley.json");
    let model = kopa::model::Model::new(&instance).expect("valid instance");
    let env = Environment::new(0, 1, None);
    let solution = greedy_plan(&instance, &model, &env)
        .expect("placements enumerate")
        .expect("the greedy plan meets every mandatory request");
    let files = calendars(&instance, &solution).expect("calendars");
    assert_eq!(
        files.len(),
        instance.students.len() + instance.teachers.len()
    );

    let student = solution
        .students
        .iter()
        .max_by_key(|p| (p.sections.len(), p.legs.len()))
        .expect("a student plan");
    let expected = expected_student(&instance, &solution, &student.student);
    assert!(
        expected.len() > 7 * 10,
        "a full week of lessons, 7 weeks: {}",
        expected.len()
    );
    assert_file_matches(
        &files,
        &format!("student-{}.ics", student.student),
        &expected,
    );

    let teacher = &solution.sections[0].teacher;
    let expected = expected_teacher(&instance, &solution, teacher);
    assert!(!expected.is_empty());
    assert_file_matches(&files, &format!("teacher-{teacher}.ics"), &expected);
}
