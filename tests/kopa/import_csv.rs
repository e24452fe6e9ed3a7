//! `kopa export csv` and `kopa import csv`: every shipped instance comes back from its
//! workbook with the same hash; a workbook saved by a Finnish spreadsheet (semicolons,
//! decimal commas, a byte order mark) reads as it is; a broken workbook gets every
//! problem at once, located and coded, and no instance file.

use std::path::Path;

use crate::instances_parse::{all_files, is_solution};
use crate::util::{printed, run_kopa};
use kopa::instance::{instance_hash, read_instance};

/// Exports `instance` to `dir` with the binary.
fn export(instance: &Path, dir: &Path) {
    let run = run_kopa(&[
        "export".as_ref(),
        "csv".as_ref(),
        instance.as_os_str(),
        "-o".as_ref(),
        dir.as_os_str(),
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", printed(&run));
}

/// Imports the workbook in `dir` to `output` with the binary: the exit code and text.
fn import(dir: &Path, output: &Path) -> (i32, String) {
    let run = run_kopa(&[
        "import".as_ref(),
        "csv".as_ref(),
        dir.as_os_str(),
        "-o".as_ref(),
        output.as_os_str(),
    ]);
    (run.status.code().expect("an exit code"), printed(&run))
}

fn hash_of(path: &Path) -> String {
    instance_hash(&read_instance(path).unwrap_or_else(|e| panic!("{e}")))
}

#[test]
fn every_shipped_instance_survives_export_and_import() {
    let instances: Vec<_> = all_files()
        .into_iter()
        .filter(|p| !is_solution(p))
        .collect();
    assert!(instances.len() >= 12, "the shipped instances are found");
    for instance in instances {
        let temp = tempfile::tempdir().expect("temp dir");
        let (dir, output) = (temp.path().join("workbook"), temp.path().join("back.json"));
        export(&instance, &dir);
        let (code, text) = import(&dir, &output);
        assert_eq!(code, 0, "{}: {text}", instance.display());
        assert_eq!(
            hash_of(&output),
            hash_of(&instance),
            "{}",
            instance.display()
        );
    }
}

/// Rewrites every sheet of `dir` as a Finnish spreadsheet saves it: a byte order mark,
/// semicolons between cells, a decimal comma in every number with a fraction.
fn save_as_finnish_spreadsheet(dir: &Path) {
    for entry in std::fs::read_dir(dir).expect("workbook lists") {
        let path = entry.expect("an entry").path();
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_path(&path)
            .expect("the sheet opens");
        let mut writer = csv::WriterBuilder::new()
            .delimiter(b';')
            .from_writer(b"\xEF\xBB\xBF".to_vec());
        for record in reader.records() {
            let record = record.expect("a record");
            let cells = record.iter().map(|cell| {
                let is_decimal = cell.parse::<f64>().is_ok() && cell.contains('.');
                if is_decimal {
                    cell.replace('.', ",")
                } else {
                    cell.to_owned()
                }
            });
            writer.write_record(cells).expect("written");
        }
        std::fs::write(&path, writer.into_inner().expect("flushed")).expect("saved");
    }
}

#[test]
fn a_workbook_saved_by_a_finnish_spreadsheet_reads_as_it_is() {
    let instance = crate::util::repo("instances/tornio-valley/tornio-valley.json");
    let temp = tempfile::tempdir().expect("temp dir");
    let (dir, output) = (temp.path().join("workbook"), temp.path().join("back.json"));
    export(&instance, &dir);
    save_as_finnish_spreadsheet(&dir);
    let roads = std::fs::read_to_string(dir.join("nodes.csv")).expect("nodes.csv");
    assert!(roads.starts_with("\u{feff}id;name;lat;lon"), "{roads}");
    assert!(
        roads.contains("65,848"),
        "a decimal comma is written: {roads}"
    );
    let (code, text) = import(&dir, &output);
    assert_eq!(code, 0, "{text}");
    assert_eq!(hash_of(&output), hash_of(&instance));
}

/// Replaces `from` by `to` in the sheet `name` of `dir`, once.
fn edit(dir: &Path, name: &str, from: &str, to: &str) {
    let path = dir.join(name);
    let text = std::fs::read_to_string(&path).expect("the sheet");
    assert!(text.contains(from), "{name} holds {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).expect("saved");
}

#[test]
fn a_broken_workbook_gets_every_problem_at_once_and_no_file() {
    let temp = tempfile::tempdir().expect("temp dir");
    let (dir, output) = (temp.path().join("workbook"), temp.path().join("out.json"));
    export(&crate::util::repo("instances/tiny/optional-bus.json"), &dir);
    // rooms.csv loses its capacity column.
    edit(&dir, "rooms.csv", "id,site,capacity,", "id,site,");
    edit(&dir, "rooms.csv", "P101,PEL-L,10,", "P101,PEL-L,");
    // A teacher may teach a course that does not exist.
    edit(&dir, "teachers.csv", "MAA01", "MAA99");
    // A road's length is not a number.
    edit(&dir, "roads.csv", "18.5", "18.5 km");
    // A slot starts at a time no clock shows.
    edit(&dir, "slots.csv", "08:15", "8:75");
    // A student is listed twice (so S2's request names a student no row defines).
    edit(&dir, "students.csv", "S2,", "S1,");
    let (code, text) = import(&dir, &output);
    assert_eq!(code, 2, "{text}");
    let d = dir.display();
    for expected in [
        format!("{d}/rooms.csv:1: error[E0702] capacity:"),
        format!(
            "{d}/teachers.csv:2:4: error[E0707] canTeach: course \"MAA99\" is not in courses.csv (teacher \"T1\")"
        ),
        format!("{d}/roads.csv:2:4: error[E0704] km: \"18.5 km\" is not a number"),
        format!("{d}/slots.csv:2:3: error[E0705] start: \"8:75\" is not a clock time"),
        format!("{d}/students.csv:3:1: error[E0708] id: a second row for student \"S1\""),
        format!(
            "{d}/requests.csv:3:1: error[E0707] student: student \"S2\" is not in students.csv"
        ),
    ] {
        assert!(text.contains(&expected), "missing {expected:?} in:\n{text}");
    }
    assert!(
        text.contains("6 problems in the workbook; nothing written"),
        "{text}"
    );
    assert!(!text.contains("panicked"), "{text}");
    assert!(!output.exists(), "nothing is written on error");
}

#[test]
fn a_missing_sheet_and_an_unknown_column_are_named() {
    let temp = tempfile::tempdir().expect("temp dir");
    let (dir, output) = (temp.path().join("workbook"), temp.path().join("out.json"));
    export(&crate::util::repo("instances/tiny/clash.json"), &dir);
    std::fs::remove_file(dir.join("courses.csv")).expect("removed");
    edit(&dir, "sites.csv", "maxStreams", "maxStream");
    let (code, text) = import(&dir, &output);
    assert_eq!(code, 2, "{text}");
    let d = dir.display();
    assert!(
        text.contains(&format!(
            "{d}/courses.csv: error[E0701] cannot read the file"
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "{d}/sites.csv:1:5: error[E0703] maxStream: unknown column"
        )),
        "{text}"
    );
    // Without courses.csv, every course a teacher names is unknown: reported too.
    assert!(text.contains("error[E0707] canTeach"), "{text}");
    assert!(!output.exists());
}

#[test]
fn an_instance_a_sheet_cannot_hold_is_refused_with_every_reason_and_no_file() {
    let source = crate::util::repo("instances/tiny/clash.json");
    let mut instance: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&source).expect("the instance"))
            .expect("JSON");
    // A feature with a space would read back as two features; an empty pattern kind
    // as none.
    instance["rooms"][0]["features"] = serde_json::json!(["video room"]);
    instance["courses"][0]["patternKind"] = serde_json::json!("");
    let temp = tempfile::tempdir().expect("temp dir");
    let (file, dir) = (temp.path().join("odd.json"), temp.path().join("workbook"));
    std::fs::write(&file, instance.to_string()).expect("saved");
    let run = run_kopa(&[
        "export".as_ref(),
        "csv".as_ref(),
        file.as_os_str(),
        "-o".as_ref(),
        dir.as_os_str(),
    ]);
    let text = printed(&run);
    assert_eq!(run.status.code(), Some(2), "{text}");
    assert!(text.contains("features: the id \"video room\""), "{text}");
    assert!(text.contains("patternKind: an empty text"), "{text}");
    assert!(!dir.exists(), "nothing is written when a sheet is refused");
}

#[test]
fn exporting_a_file_that_is_not_an_instance_names_it() {
    let temp = tempfile::tempdir().expect("temp dir");
    let (file, dir) = (
        temp.path().join("broken.json"),
        temp.path().join("workbook"),
    );
    std::fs::write(&file, "{\"formatVersion\": 1,").expect("saved");
    let run = run_kopa(&[
        "export".as_ref(),
        "csv".as_ref(),
        file.as_os_str(),
        "-o".as_ref(),
        dir.as_os_str(),
    ]);
    let text = printed(&run);
    assert_eq!(run.status.code(), Some(2), "{text}");
    assert!(text.contains("broken.json"), "{text}");
    assert!(!text.contains("panicked"), "{text}");
    assert!(!dir.exists(), "nothing is written");
}

/// `kopa import csv DIR --trips MORE -o OUTPUT`: the exit code and text.
fn import_with_trips(dir: &Path, more: &Path, output: &Path) -> (i32, String) {
    let run = run_kopa(&[
        "import".as_ref(),
        "csv".as_ref(),
        dir.as_os_str(),
        "--trips".as_ref(),
        more.as_os_str(),
        "-o".as_ref(),
        output.as_os_str(),
    ]);
    (run.status.code().expect("an exit code"), printed(&run))
}

#[test]
fn runs_kept_in_another_folder_join_the_workbook() {
    let instance = crate::util::repo("instances/tornio-valley/tornio-valley.json");
    let temp = tempfile::tempdir().expect("temp dir");
    let (dir, buses) = (temp.path().join("workbook"), temp.path().join("buses"));
    let output = temp.path().join("back.json");
    export(&instance, &dir);
    std::fs::create_dir(&buses).expect("made");
    for sheet in ["trips.csv", "trip_stops.csv"] {
        std::fs::rename(dir.join(sheet), buses.join(sheet)).expect("moved");
    }
    let (code, text) = import_with_trips(&dir, &buses, &output);
    assert_eq!(code, 0, "{text}");
    assert_eq!(hash_of(&output), hash_of(&instance));

    // The same runs in both folders: every id a second time, and nothing written.
    std::fs::copy(buses.join("trips.csv"), dir.join("trips.csv")).expect("copied");
    std::fs::copy(buses.join("trip_stops.csv"), dir.join("trip_stops.csv")).expect("copied");
    std::fs::remove_file(&output).expect("removed");
    let (code, text) = import_with_trips(&dir, &buses, &output);
    assert_eq!(code, 2, "{text}");
    let b = buses.display();
    assert!(
        text.contains(&format!(
            "{b}/trips.csv:2:1: error[E0708] id: a second row for trip \"l21n-0630\""
        )),
        "{text}"
    );
    assert!(!output.exists(), "nothing is written on error");
}

#[test]
fn json_lists_every_workbook_problem_with_its_place() {
    let temp = tempfile::tempdir().expect("temp dir");
    let (dir, output) = (temp.path().join("workbook"), temp.path().join("out.json"));
    export(&crate::util::repo("instances/tiny/optional-bus.json"), &dir);
    edit(&dir, "teachers.csv", "MAA01", "MAA99");
    edit(&dir, "roads.csv", "18.5", "18.5 km");
    let run = run_kopa(&[
        "import".as_ref(),
        "csv".as_ref(),
        dir.as_os_str(),
        "-o".as_ref(),
        output.as_os_str(),
        "--json".as_ref(),
    ]);
    assert_eq!(run.status.code(), Some(2), "{}", printed(&run));
    let rows: serde_json::Value =
        serde_json::from_slice(&run.stdout).expect("stdout is one JSON array");
    let rows = rows.as_array().expect("an array");
    assert_eq!(rows.len(), 2, "{rows:#?}");
    let teachers = dir.join("teachers.csv").display().to_string();
    assert_eq!(
        rows[1],
        serde_json::json!({
            "file": teachers,
            "line": 2,
            "column": 4,
            "field": "canTeach",
            "code": "E0707",
            "severity": "error",
            "entity": "teacher \"T1\"",
            "message": "course \"MAA99\" is not in courses.csv",
            "hint": "add a row for it to courses.csv, or correct the id",
        })
    );
    assert_eq!(rows[0]["code"], "E0704", "{rows:#?}");
    assert!(!output.exists(), "nothing is written on error");
}

#[test]
fn validation_errors_point_at_the_sheet_line_and_cell() {
    let temp = tempfile::tempdir().expect("temp dir");
    let (dir, output) = (temp.path().join("workbook"), temp.path().join("out.json"));
    export(&crate::util::repo("instances/tiny/optional-bus.json"), &dir);
    // Cells a sheet reads well but no plan can hold: more lessons than the week's
    // slots, a negative weight on S2's request.
    edit(&dir, "courses.csv", "lukio,1,", "lukio,1000,");
    edit(&dir, "requests.csv", "S2,MAA01,1,", "S2,MAA01,-1,");
    let (code, text) = import(&dir, &output);
    assert_eq!(code, 2, "{text}");
    let d = dir.display();
    for expected in [
        format!("{d}/courses.csv:2:4: error[E0402] lessonsPerWeek: 1000 lessons a week"),
        format!("{d}/requests.csv:3:3: error[E0302] weight: weight is -1"),
    ] {
        assert!(text.contains(&expected), "missing {expected:?} in:\n{text}");
    }
    assert!(
        text.contains("the workbook makes an invalid instance; nothing written"),
        "{text}"
    );
    assert!(!output.exists(), "nothing is written on error");
}

/// The workbook of `instance` (a repository path) in a temp dir, and an output path.
fn workbook_of(instance: &str) -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let temp = tempfile::tempdir().expect("temp dir");
    let (dir, output) = (temp.path().join("workbook"), temp.path().join("out.json"));
    export(&crate::util::repo(instance), &dir);
    (temp, dir, output)
}

/// Imports `dir`, expecting bad input with `expected` in the text and nothing written.
fn refused_with(dir: &Path, output: &Path, expected: &str) {
    let (code, text) = import(dir, output);
    assert_eq!(code, 2, "{text}");
    let expected = format!("{}/{expected}", dir.display());
    assert!(text.contains(&expected), "missing {expected:?} in:\n{text}");
    assert!(!output.exists(), "nothing is written on error");
}

// One test per workbook code, each damaging one cell of an exported workbook (the
// guard in validate_codes.rs looks for `fn e07xx_` here).

#[test]
fn e0701_a_sheet_that_cannot_be_read() {
    let (_temp, dir, output) = workbook_of("instances/tiny/optional-bus.json");
    std::fs::write(dir.join("rooms.csv"), [0xff, 0xfe, 0x00, 0x61]).expect("saved");
    refused_with(&dir, &output, "rooms.csv");
    let (_, text) = import(&dir, &output);
    assert!(text.contains("error[E0701]"), "{text}");
}

#[test]
fn e0702_a_required_column_missing() {
    let (_temp, dir, output) = workbook_of("instances/tiny/optional-bus.json");
    edit(&dir, "students.csv", "id,home,programme", "id,programme");
    edit(&dir, "students.csv", "S1,juoksenki,lukio", "S1,lukio");
    edit(&dir, "students.csv", "S2,juoksenki,lukio", "S2,lukio");
    refused_with(&dir, &output, "students.csv:1: error[E0702] home:");
}

#[test]
fn e0703_a_column_the_sheet_does_not_have() {
    let (_temp, dir, output) = workbook_of("instances/tiny/optional-bus.json");
    edit(&dir, "rooms.csv", "features,video", "features,vidoe");
    refused_with(
        &dir,
        &output,
        "rooms.csv:1:5: error[E0703] vidoe: unknown column",
    );
}

#[test]
fn e0704_a_number_that_is_not_one() {
    let (_temp, dir, output) = workbook_of("instances/tiny/optional-bus.json");
    edit(&dir, "rooms.csv", "P101,PEL-L,10,", "P101,PEL-L,ten,");
    refused_with(
        &dir,
        &output,
        "rooms.csv:2:3: error[E0704] capacity: \"ten\" is not a whole number",
    );
}

#[test]
fn e0705_a_time_no_clock_shows() {
    let (_temp, dir, output) = workbook_of("instances/tiny/optional-bus.json");
    edit(&dir, "slots.csv", "08:15", "25:00");
    refused_with(
        &dir,
        &output,
        "slots.csv:2:3: error[E0705] start: \"25:00\" is not a clock time",
    );
}

#[test]
fn e0706_a_value_the_column_does_not_admit() {
    let (_temp, dir, output) = workbook_of("instances/tiny/optional-bus.json");
    edit(
        &dir,
        "rooms.csv",
        "P101,PEL-L,10,,false",
        "P101,PEL-L,10,,maybe",
    );
    refused_with(
        &dir,
        &output,
        "rooms.csv:2:5: error[E0706] video: \"maybe\"",
    );
}

#[test]
fn e0707_an_id_no_row_defines() {
    let (_temp, dir, output) = workbook_of("instances/tiny/optional-bus.json");
    edit(&dir, "students.csv", "S1,juoksenki,", "S1,nowhere,");
    refused_with(&dir, &output, "students.csv:2:2: error[E0707] home:");
}

#[test]
fn e0708_a_second_row_for_one_id() {
    let (_temp, dir, output) = workbook_of("instances/tiny/optional-bus.json");
    let path = dir.join("rooms.csv");
    let mut text = std::fs::read_to_string(&path).expect("the sheet");
    text.push_str("P101,PEL-L,12,,false\n");
    std::fs::write(&path, text).expect("saved");
    refused_with(
        &dir,
        &output,
        "rooms.csv:3:1: error[E0708] id: a second row for room \"P101\"",
    );
}

#[test]
fn e0709_a_one_of_groups_rows_disagree() {
    let (_temp, dir, output) = workbook_of("tests/fixtures/validate/base.json");
    edit(
        &dir,
        "requests.csv",
        "S01,BI01,1,false,lang",
        "S01,BI01,3,false,lang",
    );
    refused_with(&dir, &output, "requests.csv:4:3: error[E0709] weight:");
}
