//! The Tornio valley instance is built from its source as a scheduler keeps it
//! (instances/tornio-valley/source/: a workbook and a GTFS feed of its buses): the
//! shipped file is byte for byte what `kopa import gtfs` and `kopa import csv` make.

use crate::util::{printed, repo, run_kopa};

#[test]
fn the_shipped_tornio_valley_file_is_what_import_builds_from_its_source() {
    let source = repo("instances/tornio-valley/source");
    let temp = tempfile::tempdir().expect("temp dir");
    let (buses, built) = (temp.path().join("buses"), temp.path().join("built.json"));
    let arg = |name: &str| source.join(name).into_os_string();
    let run = run_kopa(&[
        "import".into(),
        "gtfs".into(),
        arg("gtfs"),
        "--stops".into(),
        arg("gtfs-stops.csv"),
        "--runs".into(),
        arg("gtfs-runs.csv"),
        "--days".into(),
        arg("workbook/days.csv"),
        "--from".into(),
        "2027-01-11".into(),
        "--to".into(),
        "2027-02-28".into(),
        "-o".into(),
        buses.clone().into_os_string(),
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", printed(&run));
    let run = run_kopa(&[
        "import".into(),
        "csv".into(),
        arg("workbook"),
        "--trips".into(),
        buses.into_os_string(),
        "-o".into(),
        built.clone().into_os_string(),
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", printed(&run));
    let shipped = std::fs::read(repo("instances/tornio-valley/tornio-valley.json")).expect("read");
    let built = std::fs::read(&built).expect("built");
    assert!(
        shipped == built,
        "instances/tornio-valley/tornio-valley.json differs from what kopa import builds from source/"
    );
}
