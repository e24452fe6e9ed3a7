//! `kopa import gtfs`: a small feed written to the GTFS reference
//! (tests/fixtures/gtfs/) comes in as the reference says: a holiday removed and an
//! extra Saturday added by calendar_dates.txt, a trip past midnight, frequencies.txt
//! with and without exact times, stops that map to no node; the runs join a workbook;
//! a broken feed gets every problem located and coded, and nothing written.

use std::path::{Path, PathBuf};

use crate::util::{printed, repo, run_kopa};

fn fixture(name: &str) -> PathBuf {
    repo("tests/fixtures/gtfs").join(name)
}

/// `kopa import gtfs FEED --stops --runs --from 2027-01-04 --to 2027-01-17 -o OUT`
/// with `more` arguments: the exit code and text.
fn import_gtfs(feed: &Path, out: &Path, more: &[&str]) -> (i32, String) {
    let (stops, runs) = (fixture("stops.csv"), fixture("runs.csv"));
    let mut args: Vec<&std::ffi::OsStr> = vec![
        "import".as_ref(),
        "gtfs".as_ref(),
        feed.as_os_str(),
        "--stops".as_ref(),
        stops.as_os_str(),
        "--runs".as_ref(),
        runs.as_os_str(),
        "--from".as_ref(),
        "2027-01-04".as_ref(),
        "--to".as_ref(),
        "2027-01-17".as_ref(),
        "-o".as_ref(),
        out.as_os_str(),
    ];
    args.extend(more.iter().map(std::ffi::OsStr::new));
    let run = run_kopa(&args);
    (run.status.code().expect("an exit code"), printed(&run))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn a_feed_comes_in_as_the_gtfs_reference_says() {
    let temp = tempfile::tempdir().expect("temp dir");
    let out = temp.path().join("buses");
    let (code, text) = import_gtfs(&fixture("feed"), &out, &[]);
    assert_eq!(code, 0, "{text}");
    // The holiday (Wed 6 Jan) and the extra Saturday (9 Jan) make Wednesday and
    // Saturday differ between the two weeks: left out, and said so. The night trip is
    // two runs, one each side of midnight, on every day; the timetabled frequency is
    // a run per departure; the headway-only trip and the kiosk trip (one mapped node)
    // are counted; the kiosk call (no time, no node) is left out of "morning", and
    // its platform maps through the Pello station.
    assert_eq!(
        read(&out.join("trips.csv")),
        "id,name,days,capacity,optional,costPerRun\n\
         morning,Ylitornio,Mon Tue Thu Fri,50,false,0\n\
         late,N21,Mon Tue Wed Thu Fri Sat Sun,40,false,0\n\
         late+1d,N21,Mon Tue Wed Thu Fri Sat Sun,40,false,0\n\
         shuttle@0700,Pello circle,Mon Tue Thu Fri,20,true,100\n\
         shuttle@0730,Pello circle,Mon Tue Thu Fri,20,true,100\n"
    );
    assert_eq!(
        read(&out.join("trip_stops.csv")),
        "trip,node,time\n\
         morning,pello,06:25\nmorning,turtola,06:35\nmorning,juoksenki,06:46\nmorning,ylitornio,07:10\n\
         late,tornio,23:30\nlate,karunki,23:50\n\
         late+1d,ylitornio,00:10\nlate+1d,juoksenki,00:34\n\
         shuttle@0700,pello,07:00\nshuttle@0700,turtola,07:10\n\
         shuttle@0730,pello,07:30\nshuttle@0730,turtola,07:40\n"
    );
    for said in [
        "5 runs from 5 trips",
        "1 trip calling at fewer than two mapped stops",
        "1 run by headway only",
        "run \"morning\" left out on Wed: it runs on 1 of the period's 2 Wed dates, not on 2027-01-06",
        "run \"morning\" left out on Sat: it runs on 1 of the period's 2 Sat dates, not on 2027-01-16",
    ] {
        assert!(text.contains(said), "missing {said:?} in:\n{text}");
    }
}

#[test]
fn a_holiday_without_lessons_is_set_aside_and_the_week_is_the_workbooks() {
    let temp = tempfile::tempdir().expect("temp dir");
    let out = temp.path().join("buses");
    let days = fixture("days.csv");
    let days = days.to_str().expect("a UTF-8 path");
    let (code, text) = import_gtfs(
        &fixture("feed"),
        &out,
        &["--skip", "2027-01-06", "--days", days],
    );
    assert_eq!(code, 0, "{text}");
    let trips = read(&out.join("trips.csv"));
    assert!(
        trips.contains("morning,Ylitornio,Mon Tue Wed Thu Fri,50"),
        "{trips}"
    );
    assert!(trips.contains("late,N21,Mon Tue Wed Thu Fri,40"), "{trips}");
    assert!(
        text.contains("run \"late\" left out on Sat: the week has no Sat"),
        "{text}"
    );
}

#[test]
fn a_zipped_feed_reads_as_its_folder() {
    let temp = tempfile::tempdir().expect("temp dir");
    let (folder, zipped) = (temp.path().join("folder"), temp.path().join("zipped"));
    let (code, text) = import_gtfs(&fixture("feed"), &folder, &[]);
    assert_eq!(code, 0, "{text}");
    let (code, text) = import_gtfs(&fixture("feed.zip"), &zipped, &[]);
    assert_eq!(code, 0, "{text}");
    for sheet in ["trips.csv", "trip_stops.csv"] {
        assert_eq!(
            read(&folder.join(sheet)),
            read(&zipped.join(sheet)),
            "{sheet}"
        );
    }
}

#[test]
fn the_runs_join_a_workbook_and_make_a_valid_instance() {
    let temp = tempfile::tempdir().expect("temp dir");
    let (workbook, buses) = (temp.path().join("workbook"), temp.path().join("buses"));
    let instance = temp.path().join("valley.json");
    let tornio = repo("instances/tornio-valley/tornio-valley.json");
    let run = run_kopa(&[
        "export".as_ref(),
        "csv".as_ref(),
        tornio.as_os_str(),
        "-o".as_ref(),
        workbook.as_os_str(),
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", printed(&run));
    for sheet in ["trips.csv", "trip_stops.csv"] {
        std::fs::remove_file(workbook.join(sheet)).expect("removed");
    }
    let days = workbook.join("days.csv");
    let days = days.to_str().expect("a UTF-8 path");
    let (code, text) = import_gtfs(&fixture("feed"), &buses, &["--days", days]);
    assert_eq!(code, 0, "{text}");
    let run = run_kopa(&[
        "import".as_ref(),
        "csv".as_ref(),
        workbook.as_os_str(),
        "--trips".as_ref(),
        buses.as_os_str(),
        "-o".as_ref(),
        instance.as_os_str(),
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", printed(&run));
    let read = kopa::instance::read_instance(&instance).expect("an instance");
    let ids: Vec<&str> = read.trips.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(
        ids,
        ["morning", "late", "late+1d", "shuttle@0700", "shuttle@0730"]
    );
}

/// A copy of the fixture feed with `from` replaced by `to` in `file`.
fn broken_feed(temp: &tempfile::TempDir, file: &str, from: &str, to: &str) -> PathBuf {
    let feed = temp.path().join("feed");
    std::fs::create_dir(&feed).expect("made");
    for entry in std::fs::read_dir(fixture("feed")).expect("listed") {
        let entry = entry.expect("an entry");
        std::fs::copy(entry.path(), feed.join(entry.file_name())).expect("copied");
    }
    let text = read(&feed.join(file));
    assert!(text.contains(from), "{file} has no {from:?}");
    std::fs::write(feed.join(file), text.replacen(from, to, 1)).expect("written");
    feed
}

/// Imports the feed with `file` edited, expecting `expected` (after `FEED/`) and
/// nothing written.
fn refused_with(file: &str, from: &str, to: &str, expected: &str) -> String {
    let temp = tempfile::tempdir().expect("temp dir");
    let feed = broken_feed(&temp, file, from, to);
    let out = temp.path().join("buses");
    let (code, text) = import_gtfs(&feed, &out, &[]);
    assert_eq!(code, 2, "{text}");
    let expected = format!("{}/{expected}", feed.display());
    assert!(text.contains(&expected), "missing {expected:?} in:\n{text}");
    assert!(!out.exists(), "nothing is written on error");
    text
}

#[test]
fn every_problem_of_a_broken_feed_is_told_at_once() {
    let temp = tempfile::tempdir().expect("temp dir");
    let feed = broken_feed(
        &temp,
        "stop_times.txt",
        "morning,06:46:00",
        "mourning,06:46:00",
    );
    let trips =
        read(&feed.join("trips.txt")).replace("l21,weekdays,kiosk-only", "l22,weekdays,kiosk-only");
    std::fs::write(feed.join("trips.txt"), trips).expect("written");
    let out = temp.path().join("buses");
    let (code, text) = import_gtfs(&feed, &out, &[]);
    assert_eq!(code, 2, "{text}");
    let f = feed.display();
    for expected in [
        format!("{f}/trips.txt:6:1: error[E0707] route_id: route \"l22\" is not in routes.txt"),
        format!(
            "{f}/stop_times.txt:5:1: error[E0707] trip_id: trip \"mourning\" is not in trips.txt"
        ),
    ] {
        assert!(text.contains(&expected), "missing {expected:?} in:\n{text}");
    }
    assert!(!out.exists(), "nothing is written on error");
}

#[test]
fn a_feed_without_a_file_it_needs_is_named() {
    let temp = tempfile::tempdir().expect("temp dir");
    let feed = broken_feed(&temp, "trips.txt", "route_id", "route_id");
    std::fs::remove_file(feed.join("stop_times.txt")).expect("removed");
    let out = temp.path().join("buses");
    let (code, text) = import_gtfs(&feed, &out, &[]);
    assert_eq!(code, 2, "{text}");
    let expected = format!("{}/stop_times.txt: error[E0701]", feed.display());
    assert!(text.contains(&expected), "missing {expected:?} in:\n{text}");
}

// One test per code the feed adds (the guard in validate_codes.rs looks for
// `fn e07xx_` here).

#[test]
fn e0710_a_date_that_is_not_yyyymmdd() {
    refused_with(
        "calendar_dates.txt",
        "weekdays,20270106,2",
        "weekdays,2027-01-06,2",
        "calendar_dates.txt:2:2: error[E0710] date: \"2027-01-06\" is not a date",
    );
}

#[test]
fn e0711_a_time_that_is_not_hh_mm_ss() {
    refused_with(
        "frequencies.txt",
        "shuttle,07:00:00",
        "shuttle,7.00",
        "frequencies.txt:2:2: error[E0711] start_time: \"7.00\" is not a GTFS time",
    );
}

#[test]
fn e0712_calls_that_go_back_in_time() {
    refused_with(
        "stop_times.txt",
        "morning,06:46:00,06:46:00",
        "morning,06:16:00,06:16:00",
        "stop_times.txt:5:3: error[E0712] departure_time: stop_sequence 4 is timed before the call before it",
    );
}

#[test]
fn e0713_a_run_without_seats() {
    let temp = tempfile::tempdir().expect("temp dir");
    let runs = temp.path().join("runs.csv");
    std::fs::write(&runs, "route_id,trip_id,capacity\nl21,,50\n").expect("written");
    let out = temp.path().join("buses");
    let feed = fixture("feed");
    let stops = fixture("stops.csv");
    let run = run_kopa(&[
        "import".as_ref(),
        "gtfs".as_ref(),
        feed.as_os_str(),
        "--stops".as_ref(),
        stops.as_os_str(),
        "--runs".as_ref(),
        runs.as_os_str(),
        "--from".as_ref(),
        "2027-01-04".as_ref(),
        "--to".as_ref(),
        "2027-01-17".as_ref(),
        "-o".as_ref(),
        out.as_os_str(),
    ]);
    let text = printed(&run);
    assert_eq!(run.status.code(), Some(2), "{text}");
    let expected = format!(
        "{}/trips.txt:3:3: error[E0713] trip_id: no row of {} gives its seats (route \"night\")",
        feed.display(),
        runs.display()
    );
    assert!(text.contains(&expected), "missing {expected:?} in:\n{text}");
    assert!(!out.exists(), "nothing is written on error");
}

#[test]
fn e0714_a_frequency_that_makes_no_runs() {
    refused_with(
        "frequencies.txt",
        "shuttle,07:00:00,08:00:00,1800",
        "shuttle,07:00:00,08:00:00,0",
        "frequencies.txt:2:4: error[E0714] headway_secs: headway 0 s: no runs",
    );
}
