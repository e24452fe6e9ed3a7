//! The first screen and the pictures, in a real browser (Debian's Chromium, headless,
//! as in `report_browser`): the plan report opened with no `#fragment` shows the
//! overview, whose figures are the checker's measures (students fully served by
//! programme, unmet requests by course, the fullest run of each bus line, teachers'
//! lessons); the bus charts draw one line per run of each day; the overview fits an
//! A4 page in print; the sweep comparison draws every scenario's terms against the
//! base as the checker computes them. Screenshots at desktop and phone widths are
//! counted pixel by pixel (by Chromium's own canvas) so a blank page fails, and the
//! page fetches nothing.
//!
//! `#[ignore]`: needs Chromium; `.ci/run` runs it. `KOPA_SCREENSHOT_TO=docs` writes the
//! screenshots in docs/report.md.

use std::collections::BTreeMap;

use headless_chrome::protocol::cdp::{Emulation, Page};
use headless_chrome::{Browser, Tab};

use crate::report_browser::{TORNIO, evaluate, launch_options, make_plan_and_report};
use crate::util::{kopa, repo};
use kopa::instance::read_instance;
use kopa::solution::check::check;
use kopa::solution::read_solution;

const DESKTOP: (u32, u32) = (1280, 900);
const PHONE: (u32, u32) = (412, 915);
/// A4's width less 12 mm margins on each side, in CSS pixels (96 per inch).
const A4_TEXT_WIDTH: u32 = 703;

fn set_viewport(tab: &Tab, (width, height): (u32, u32), mobile: bool) {
    tab.call_method(Emulation::SetDeviceMetricsOverride {
        width,
        height,
        device_scale_factor: 1.0,
        mobile,
        scale: None,
        screen_width: None,
        screen_height: None,
        position_x: None,
        position_y: None,
        dont_set_visible_size: None,
        screen_orientation: None,
        viewport: None,
        display_feature: None,
        device_posture: None,
    })
    .expect("set the viewport");
}

fn open(tab: &Tab, url: &str) {
    tab.navigate_to(url)
        .expect("navigate")
        .wait_until_navigated()
        .expect("loaded");
}

/// A screenshot of the viewport, and the share of its pixels that are not white,
/// counted by drawing the PNG on a canvas in a blank tab of the same browser.
fn screenshot(browser: &Browser, tab: &Tab, keep_as: Option<&str>) -> f64 {
    let data = tab
        .call_method(Page::CaptureScreenshot {
            format: Some(Page::CaptureScreenshotFormatOption::Png),
            clip: None,
            quality: None,
            from_surface: Some(true),
            capture_beyond_viewport: None,
            optimize_for_speed: None,
        })
        .expect("screenshot")
        .data;
    if let (Some(dir), Some(name)) = (std::env::var_os("KOPA_SCREENSHOT_TO"), keep_as) {
        let png = tab
            .capture_screenshot(Page::CaptureScreenshotFormatOption::Png, None, None, true)
            .expect("screenshot");
        std::fs::write(repo(dir).join(name), png).expect("write the screenshot");
    }
    let counter = browser.new_tab().expect("a blank tab");
    let counted = counter
        .evaluate(
            &format!(
                "new Promise(done => {{ const img = new Image(); img.onload = () => {{ \
                   const c = document.createElement('canvas'); c.width = img.width; c.height = img.height; \
                   const g = c.getContext('2d'); g.drawImage(img, 0, 0); \
                   const d = g.getImageData(0, 0, c.width, c.height).data; let inked = 0; \
                   for (let k = 0; k < d.length; k += 4) {{ if (d[k] < 235 || d[k + 1] < 235 || d[k + 2] < 235) inked++; }} \
                   done(JSON.stringify([inked, c.width * c.height])); }}; \
                   img.src = 'data:image/png;base64,{data}'; }})"
            ),
            true,
        )
        .expect("count pixels")
        .value
        .expect("a value");
    counter.close(true).ok();
    let [inked, total]: [f64; 2] =
        serde_json::from_str(counted.as_str().expect("a string")).expect("two counts");
    assert!(total > 100_000.0, "a tiny screenshot: {total} pixels");
    inked / total
}

/// Everything the page loaded besides itself: must be nothing.
fn fetched(tab: &Tab) -> serde_json::Value {
    evaluate(
        tab,
        "performance.getEntriesByType('resource').map(e => e.name)",
    )
}

fn text_rows(tab: &Tab, selector: &str, key: &str, cell: &str) -> BTreeMap<String, String> {
    let rows = evaluate(
        tab,
        &format!(
            "Array.from(document.querySelectorAll({selector:?})).map(r => [r.dataset.{key}, r.querySelector({cell:?}).innerText.trim()])"
        ),
    );
    rows.as_array()
        .expect("rows")
        .iter()
        .map(|r| {
            (
                r[0].as_str().expect("key").to_owned(),
                r[1].as_str().expect("text").to_owned(),
            )
        })
        .collect()
}

#[test]
#[ignore = "needs Chromium; run by .ci/run"]
fn the_overview_opens_first_with_the_checkers_figures() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (plan, page) = make_plan_and_report(dir.path());
    let instance = read_instance(&repo(TORNIO)).expect("instance");
    let report = check(&instance, &plan);
    assert!(report.is_accepted(), "{:?}", report.violations);
    let measures = &report.measures;
    let html = std::fs::read_to_string(&page).expect("the page");
    for outside in ["http:", "https:", "<script", "src=", "<link"] {
        assert!(!html.contains(outside), "{outside} in the page");
    }

    let profile = tempfile::tempdir().expect("profile dir");
    let browser = Browser::new(launch_options(profile.path())).expect("launch Chromium");
    let tab = browser.new_tab().expect("a tab");
    set_viewport(&tab, DESKTOP, false);
    open(&tab, &format!("file://{}", page.display()));

    let shown = evaluate(
        &tab,
        "{overview: getComputedStyle(document.getElementById('overview')).display, \
          students: getComputedStyle(document.getElementById('students')).display, \
          gap: document.getElementById('gap').innerText, \
          verdict: document.getElementById('verdict').innerText}",
    );
    assert_ne!(
        shown["overview"], "none",
        "the overview is not the first screen"
    );
    assert_eq!(shown["students"], "none");
    assert!(
        shown["verdict"]
            .as_str()
            .unwrap()
            .contains(&kopa::report::money::euros(report.recomputed.total)),
        "{shown}"
    );
    let gap = shown["gap"].as_str().unwrap();
    match plan.provenance.best_bound {
        None => assert!(gap.contains("no bound"), "{gap}"),
        Some(bound) => assert!(gap.contains(&kopa::report::money::euros(bound)), "{gap}"),
    }

    // Students fully served, by programme, double degree on its own line.
    let served = text_rows(
        &tab,
        "#overview table.served tr[data-programme]",
        "programme",
        "td:nth-child(2)",
    );
    let expected: BTreeMap<String, String> = measures
        .by_programme
        .iter()
        .map(|p| {
            (
                kopa::report::label::programme_label(p.programme).to_owned(),
                format!("{} of {}", p.students_fully_served, p.students),
            )
        })
        .collect();
    assert_eq!(served, expected);
    assert!(served.contains_key("double degree"), "{served:?}");

    // Unmet requests by course, as the checker counts them.
    let unmet = text_rows(
        &tab,
        "#overview table.unmet tr[data-course]",
        "course",
        "td[data-unmet]",
    );
    let expected: BTreeMap<String, String> = measures
        .unmet_requests_by_course
        .iter()
        .map(|(course, n)| (course.clone(), n.to_string()))
        .collect();
    assert!(
        !expected.is_empty(),
        "a plan with every request met tests little"
    );
    assert_eq!(unmet, expected);
    // Each course's reasons account for every one of its unmet requests.
    let unaccounted = evaluate(
        &tab,
        "Array.from(document.querySelectorAll('#overview table.unmet tr[data-course]')).filter(r => Array.from(r.querySelectorAll('td[data-obstacle]')).reduce((n, td) => n + Number(td.innerText || 0), 0) !== Number(r.querySelector('td[data-unmet]').dataset.unmet)).map(r => r.dataset.course)",
    );
    assert_eq!(
        unaccounted,
        serde_json::json!([]),
        "reasons that do not add up to the checker's count"
    );

    // The fullest run of each line.
    let loads = text_rows(
        &tab,
        "#overview table.buses tr[data-trip]",
        "trip",
        "td[data-peak]",
    );
    let mut expected: BTreeMap<String, (usize, i64)> = BTreeMap::new();
    for run in &measures.usage.trip_runs {
        let e = expected
            .entry(run.trip.clone())
            .or_insert((0, run.capacity));
        e.0 = e.0.max(run.peak_load);
    }
    assert!(!expected.is_empty(), "nobody rides a bus");
    assert_eq!(loads.len(), expected.len(), "{loads:?}");
    for (trip, (peak, capacity)) in &expected {
        let text = &loads[trip];
        assert!(
            text.starts_with(&format!("{peak} / {capacity} (")),
            "{trip}: {text}"
        );
    }

    // Teachers' lessons.
    let lessons = text_rows(
        &tab,
        "#overview table.teachers tr[data-teacher]",
        "teacher",
        "td[data-lessons]",
    );
    let expected: BTreeMap<String, String> = measures
        .usage
        .teachers
        .iter()
        .filter(|t| t.lessons > 0)
        .map(|t| {
            (
                t.teacher.clone(),
                format!("{} / {}", t.lessons, t.max_lessons),
            )
        })
        .collect();
    assert_eq!(lessons, expected);

    // Every figure's link leads somewhere in the page.
    let dead = evaluate(
        &tab,
        "Array.from(document.querySelectorAll('#overview a[href^=\"#\"]')).map(a => a.getAttribute('href')).filter(h => !document.getElementById(decodeURIComponent(h.slice(1))))",
    );
    assert_eq!(dead, serde_json::json!([]), "links to nothing");

    let desktop = screenshot(&browser, &tab, Some("report-overview.png"));
    set_viewport(&tab, PHONE, true);
    let phone = screenshot(&browser, &tab, None);
    assert!(
        desktop > 0.03 && phone > 0.03,
        "blank: desktop {desktop:.3}, phone {phone:.3} of the pixels inked"
    );

    // In print on A4, nothing of the overview sticks out of the page's width.
    set_viewport(&tab, (A4_TEXT_WIDTH, 1000), false);
    tab.call_method(Emulation::SetEmulatedMedia {
        media: Some("print".to_owned()),
        features: None,
    })
    .expect("print media");
    let wide = evaluate(
        &tab,
        "Array.from(document.querySelectorAll('#overview *')).filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).map(e => e.tagName + '.' + e.className)",
    );
    assert_eq!(wide, serde_json::json!([]), "cut off on A4");
    tab.call_method(Emulation::SetEmulatedMedia {
        media: Some(String::new()),
        features: None,
    })
    .expect("screen media");

    // The bus charts: one line per run of each day, as the checker counts the runs.
    set_viewport(&tab, DESKTOP, false);
    tab.find_element("nav.tabs a[href='#buses']")
        .expect("a Buses tab")
        .click()
        .expect("click");
    let drawn = evaluate(
        &tab,
        "Array.from(document.querySelectorAll('#buses svg.trips polyline[data-trip]')).filter(p => p.getBoundingClientRect().width > 0).map(p => [p.dataset.day, p.dataset.trip, p.dataset.load])",
    );
    let mut drawn: Vec<(String, String, String)> = drawn
        .as_array()
        .expect("lines")
        .iter()
        .map(|l| {
            let s = |i: usize| l[i].as_str().expect("text").to_owned();
            (s(0), s(1), s(2))
        })
        .collect();
    drawn.sort();
    let mut runs: Vec<(String, String, String)> = measures
        .usage
        .trip_runs
        .iter()
        .map(|r| (r.day.clone(), r.trip.clone(), r.peak_load.to_string()))
        .collect();
    runs.sort();
    assert_eq!(drawn, runs, "one drawn line per run, with its load");
    let buses = screenshot(&browser, &tab, Some("report-buses.png"));
    assert!(buses > 0.03, "blank bus chart: {buses:.3}");

    assert_eq!(
        fetched(&tab),
        serde_json::json!([]),
        "the report fetched something"
    );
}

#[test]
#[ignore = "needs Chromium; run by .ci/run"]
fn the_sweep_draws_every_scenario_against_the_base() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("sweep");
    let patches = ["no-video", "extra-teacher", "no-lab"];
    let run = kopa()
        .arg("sweep")
        .arg(repo("tests/fixtures/solve/two-towns.json"))
        .args(patches.map(|p| repo(format!("tests/fixtures/sweep/{p}.json"))))
        .arg("-o")
        .arg(&out)
        .args(["--time-limit", "30", "--quiet"])
        .output()
        .expect("kopa runs");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );

    // The checker's terms of each plan, against its own variant instance.
    let terms = |name: &str| {
        let instance = read_instance(&out.join(format!("{name}.json"))).expect("variant");
        let plan = read_solution(&out.join(format!("{name}.solution.json"))).expect("plan");
        check(&instance, &plan).recomputed
    };
    let base = terms("two-towns");
    let mut expected: BTreeMap<(String, String), String> = BTreeMap::new();
    for patch in patches {
        let ours = terms(patch);
        for ((term, a), (_, b)) in ours.named().iter().zip(base.named()) {
            expected.insert(
                (patch.to_owned(), (*term).to_owned()),
                format!("{:.2}", a - b),
            );
        }
    }

    let profile = tempfile::tempdir().expect("profile dir");
    let browser = Browser::new(launch_options(profile.path())).expect("launch Chromium");
    let tab = browser.new_tab().expect("a tab");
    set_viewport(&tab, DESKTOP, false);
    open(
        &tab,
        &format!("file://{}", out.join("comparison.html").display()),
    );
    let bars = evaluate(
        &tab,
        "Array.from(document.querySelectorAll('svg.sweep g[data-scenario] rect[data-term]')).map(r => [r.closest('g').dataset.scenario, r.dataset.term, r.dataset.difference])",
    );
    let drawn: BTreeMap<(String, String), String> = bars
        .as_array()
        .expect("bars")
        .iter()
        .map(|b| {
            let s = |i: usize| b[i].as_str().expect("text").to_owned();
            ((s(0), s(1)), s(2))
        })
        .collect();
    assert_eq!(
        drawn, expected,
        "one bar per scenario and term, the checker's difference"
    );
    let wide = evaluate(
        &tab,
        "{chart: document.querySelector('svg.sweep').getBoundingClientRect().height}",
    );
    assert!(wide["chart"].as_f64().unwrap() > 100.0, "{wide}");
    tab.find_element("svg.sweep")
        .expect("the chart")
        .scroll_into_view()
        .expect("scroll");
    let desktop = screenshot(&browser, &tab, Some("sweep-chart.png"));
    set_viewport(&tab, PHONE, true);
    let phone = screenshot(&browser, &tab, None);
    assert!(
        desktop > 0.03 && phone > 0.03,
        "blank: desktop {desktop:.3}, phone {phone:.3}"
    );
    assert_eq!(
        fetched(&tab),
        serde_json::json!([]),
        "the page fetched something"
    );
}
