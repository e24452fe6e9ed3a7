//! The report as a person sees it, in a real browser: Debian's Chromium, headless,
//! driven over the DevTools protocol. A Tornio valley plan is made and reported, then
//! the test opens the page from disk the way a student would (their own week by its
//! link) and checks what is on the screen, not what is in the file: their week is
//! shown and nobody else's, each of their sections sits in the cells of its slots, the
//! bus page lists every trip run of the plan with its riders, and the page logs no
//! console error.
//!
//! Chromium comes from `bash .ci/install-deps` (package `chromium`); `KOPA_CHROMIUM`
//! points elsewhere. A plain `cargo test` skips this test (a machine without Chromium
//! should still pass); `.ci/run` runs it with the other ignored tests:
//! `cargo test --release -- --ignored`. Set `KOPA_SCREENSHOT_TO=docs/report-week.png` to
//! refresh the screenshot in the docs.

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::util::{repo, run_kopa};
use headless_chrome::protocol::cdp::Page::CaptureScreenshotFormatOption;
use headless_chrome::protocol::cdp::types::Event;
use headless_chrome::{Browser, LaunchOptions, Tab};
use kopa::solution::{Solution, read_solution};

pub(crate) const TORNIO: &str = "instances/tornio-valley/tornio-valley.json";

pub(crate) fn chromium() -> PathBuf {
    let path = std::env::var_os("KOPA_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    assert!(
        path.exists(),
        "{} not found: the browser test needs Chromium (`bash .ci/install-deps` installs Debian's chromium)",
        path.display()
    );
    path
}

/// Evaluates `expression` (which must return a JSON string) in the page.
pub(crate) fn evaluate(tab: &Tab, expression: &str) -> serde_json::Value {
    let result = tab
        .evaluate(&format!("JSON.stringify({expression})"), false)
        .expect("evaluate in the page");
    let text = result
        .value
        .expect("a value")
        .as_str()
        .expect("a string")
        .to_owned();
    serde_json::from_str(&text).expect("JSON from the page")
}

fn js(text: &str) -> String {
    serde_json::to_string(text).expect("a JSON string")
}

/// Slot id -> courses the student attends then, read from the plan file.
fn courses_by_slot(plan: &Solution, student: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut by_slot: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let own = plan
        .students
        .iter()
        .find(|s| s.student == student)
        .expect("student");
    for attendance in &own.sections {
        let section = plan
            .sections
            .iter()
            .find(|s| s.id == attendance.section)
            .expect("section of the plan");
        for slot in &section.slots {
            by_slot
                .entry(slot.clone())
                .or_default()
                .insert(section.course.clone());
        }
    }
    by_slot
}

pub(crate) fn make_plan_and_report(dir: &Path) -> (Solution, PathBuf) {
    let plan_path = dir.join("plan.json");
    let solved = run_kopa(&[
        "solve".as_ref(),
        TORNIO.as_ref(),
        "-o".as_ref(),
        plan_path.as_os_str(),
        "--time-limit".as_ref(),
        "5".as_ref(),
        "--check".as_ref(),
        "--quiet".as_ref(),
    ]);
    assert!(
        solved.status.success(),
        "solve: {}",
        String::from_utf8_lossy(&solved.stderr)
    );
    let report_dir = dir.join("report");
    let reported = run_kopa(&[
        "report".as_ref(),
        TORNIO.as_ref(),
        plan_path.as_os_str(),
        "-o".as_ref(),
        report_dir.as_os_str(),
    ]);
    assert!(
        reported.status.success(),
        "report: {}",
        String::from_utf8_lossy(&reported.stderr)
    );
    assert!(
        reported.stderr.is_empty(),
        "the report printed an error: {}",
        String::from_utf8_lossy(&reported.stderr)
    );
    (
        read_solution(&plan_path).expect("plan"),
        report_dir.join("index.html"),
    )
}

/// Headless Chromium with a fresh profile, as CI runs it, on a phone-sized window.
pub(crate) fn launch_options(profile: &Path) -> LaunchOptions<'static> {
    let args: Vec<&'static OsStr> = [
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
    ]
    .iter()
    .map(OsStr::new)
    .collect();
    LaunchOptions {
        path: Some(chromium()),
        headless: true,
        sandbox: false,
        user_data_dir: Some(profile.to_path_buf()),
        window_size: Some((412, 915)),
        args,
        ..LaunchOptions::default()
    }
}

#[test]
#[ignore = "needs Chromium; run by .ci/run"]
fn a_students_week_and_the_buses_show_in_chromium() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (plan, page) = make_plan_and_report(dir.path());
    // A student who rides a bus and has several lessons: the most to look at.
    let student = plan
        .students
        .iter()
        .filter(|s| !s.legs.is_empty())
        .max_by_key(|s| s.sections.len())
        .or_else(|| plan.students.iter().max_by_key(|s| s.sections.len()))
        .expect("a plan with students");
    let other = plan
        .students
        .iter()
        .find(|s| s.student != student.student)
        .expect("two students");

    let profile = tempfile::tempdir().expect("profile dir");
    let browser = Browser::new(launch_options(profile.path())).expect("launch Chromium");
    let tab = browser.new_tab().expect("a tab");
    let console_errors: Arc<Mutex<Vec<String>>> = Arc::default();
    let seen = Arc::clone(&console_errors);
    tab.enable_log().expect("log domain");
    tab.enable_runtime().expect("runtime domain");
    tab.add_event_listener(Arc::new(move |event: &Event| {
        let mut seen = seen.lock().expect("console list");
        match event {
            Event::RuntimeExceptionThrown(e) => seen.push(format!("exception: {:?}", e.params)),
            Event::RuntimeConsoleAPICalled(e) => {
                let kind = format!("{:?}", e.params.Type);
                if kind.contains("Error") || kind.contains("Warning") {
                    seen.push(format!("console {kind}: {:?}", e.params.args));
                }
            }
            Event::LogEntryAdded(e) => {
                let level = format!("{:?}", e.params.entry.level);
                if level.contains("Error") {
                    seen.push(format!("log {level}: {}", e.params.entry.text));
                }
            }
            _ => {}
        }
    }))
    .expect("listener");

    let url = format!(
        "file://{}#{}",
        page.display(),
        kopa::report::html::anchor("student", &student.student)
    );
    tab.navigate_to(&url)
        .expect("navigate")
        .wait_until_navigated()
        .expect("loaded");

    // Only this student's week is on screen.
    let shown = evaluate(
        &tab,
        &format!(
            "{{own: getComputedStyle(document.querySelector('[data-student=' + CSS.escape({}) + ']')).display, \
              other: getComputedStyle(document.querySelector('[data-student=' + CSS.escape({}) + ']')).display}}",
            js(&student.student),
            js(&other.student)
        ),
    );
    assert_ne!(shown["own"], "none", "{}'s week is hidden", student.student);
    assert_eq!(
        shown["other"], "none",
        "another student's week is shown too"
    );

    // Each cell of the grid, as rendered text.
    let cells = evaluate(
        &tab,
        &format!(
            "Array.from(document.querySelector('[data-student=' + CSS.escape({}) + ']').querySelectorAll('td[data-slot]')).map(td => [td.dataset.slot, td.innerText])",
            js(&student.student)
        ),
    );
    let cells: BTreeMap<String, String> = cells
        .as_array()
        .expect("cells")
        .iter()
        .map(|c| {
            (
                c[0].as_str().unwrap().to_owned(),
                c[1].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let expected = courses_by_slot(&plan, &student.student);
    assert!(!expected.is_empty(), "the student attends nothing");
    let courses: BTreeSet<&String> = expected.values().flatten().collect();
    for (slot, text) in &cells {
        for course in &courses {
            let should = expected.get(slot).is_some_and(|c| c.contains(*course));
            assert_eq!(
                text.contains(course.as_str()),
                should,
                "{}'s cell {slot} reads {text:?}; {course} expected there: {should}",
                student.student
            );
        }
    }
    for slot in expected.keys() {
        assert!(cells.contains_key(slot), "no cell for slot {slot}");
    }

    let png = tab
        .capture_screenshot(CaptureScreenshotFormatOption::Png, None, None, true)
        .expect("screenshot");
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 10_000,
        "a blank screenshot"
    );
    if let Some(target) = std::env::var_os("KOPA_SCREENSHOT_TO") {
        // For the docs: the same week on a laptop-sized window.
        let wide = Browser::new(LaunchOptions {
            window_size: Some((1100, 900)),
            user_data_dir: None,
            ..launch_options(profile.path())
        })
        .expect("launch Chromium");
        let wide_tab = wide.new_tab().expect("a tab");
        wide_tab
            .navigate_to(&url)
            .expect("navigate")
            .wait_until_navigated()
            .expect("loaded");
        let png = wide_tab
            .capture_screenshot(CaptureScreenshotFormatOption::Png, None, None, true)
            .expect("screenshot");
        std::fs::write(repo(target), &png).expect("write screenshot");
    }

    // The bus page, by clicking its tab: every trip run of the plan, with its riders.
    tab.find_element("nav.tabs a[href='#buses']")
        .expect("a Buses tab")
        .click()
        .expect("click");
    let mut runs: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for s in &plan.students {
        for leg in &s.legs {
            runs.entry((leg.trip.clone(), leg.day.clone()))
                .or_default()
                .insert(s.student.clone());
        }
    }
    let listed = evaluate(
        &tab,
        "{visible: getComputedStyle(document.getElementById('buses')).display, \
          runs: Array.from(document.querySelectorAll('#buses .run')).map(r => [r.dataset.trip, r.dataset.day, r.innerText])}",
    );
    assert_ne!(listed["visible"], "none", "the bus page is hidden");
    let listed: BTreeMap<(String, String), String> = listed["runs"]
        .as_array()
        .expect("runs")
        .iter()
        .map(|r| {
            let s = |i: usize| r[i].as_str().unwrap().to_owned();
            ((s(0), s(1)), s(2))
        })
        .collect();
    for ((trip, day), riders) in &runs {
        let text = listed
            .get(&(trip.clone(), day.clone()))
            .unwrap_or_else(|| panic!("trip {trip} on {day} is ridden in the plan but not listed"));
        for rider in riders {
            assert!(
                text.contains(rider.as_str()),
                "{rider} rides {trip} on {day}; the page lists {text:?}"
            );
        }
    }
    for run in &plan.trip_runs {
        assert!(
            listed.contains_key(&(run.trip.clone(), run.day.clone())),
            "bought run {} on {} not listed",
            run.trip,
            run.day
        );
    }

    let errors = console_errors.lock().expect("console list");
    assert!(errors.is_empty(), "console errors: {errors:?}");
}
