//! Instances in from what schools keep, and back out: a workbook of CSV files.
//!
//! Schedulers keep their data in spreadsheets and in school systems (Primus, Wilma,
//! Kurre) that export CSV, one resource a line; nobody should have to write thousands
//! of lines of JSON. A workbook is a folder with one sheet per kind of entity
//! (`docs/csv-format.md` documents every column). Reading it reports every problem of
//! every sheet at once, each at its file, line and column with a stable code (E07xx,
//! `docs/errors.md`); the instance it yields then goes through `validate` like any
//! other. Writing an instance as a workbook and reading it back gives the same
//! instance, to the bit (the same `kopa hash`).
//!
//! One file per sheet (or pair of sheets that only make sense together), each with
//! its columns, its reader and its writer.

mod cells;
mod courses;
pub mod gtfs;
mod places;
mod problem;
mod reader;
mod roads;
mod settings;
mod sheet;
mod sites_rooms;
mod students;
mod teachers;
mod time_grid;
mod trips;
mod write;

pub use places::{Place, Places};
pub use problem::{Problem, Problems};
pub use write::ExportError;

use std::path::{Path, PathBuf};

use crate::instance::Instance;
use reader::{Ids, Reader};

/// Every file a workbook may hold, in the order they are read.
pub const WORKBOOK_FILES: [&str; 14] = [
    settings::FILE,
    time_grid::DAYS,
    time_grid::SLOTS,
    time_grid::PATTERNS,
    roads::NODES,
    roads::ROADS,
    sites_rooms::SITES,
    sites_rooms::ROOMS,
    courses::FILE,
    teachers::FILE,
    students::STUDENTS,
    students::REQUESTS,
    trips::TRIPS,
    trips::STOPS,
];

/// Reads the workbook in `dir`, with the runs of each folder of `more_trips` (their
/// `trips.csv` and `trip_stops.csv`, e.g. from `kopa import gtfs`) after its own.
/// Every problem of every sheet is returned at once; the instance is not validated.
pub fn read_workbook(dir: &Path, more_trips: &[PathBuf]) -> Result<Instance, Problems> {
    read_workbook_placed(dir, more_trips).map(|(instance, _)| instance)
}

/// As `read_workbook`, with where each entity was written (to locate the instance's
/// validation diagnostics in the workbook).
pub fn read_workbook_placed(
    dir: &Path,
    more_trips: &[PathBuf],
) -> Result<(Instance, Places), Problems> {
    let mut reader = Reader::new(dir);
    let settings = settings::read(&mut reader);
    let mut days = Ids::new("day", time_grid::DAYS);
    let mut slots = Ids::new("slot", time_grid::SLOTS);
    let time_grid = time_grid::read(&mut reader, &mut days, &mut slots);
    let mut nodes = Ids::new("node", roads::NODES);
    let road_network = roads::read(&mut reader, &mut nodes);
    let mut site_ids = Ids::new("site", sites_rooms::SITES);
    let sites = sites_rooms::read_sites(&mut reader, &nodes, &mut site_ids);
    let rooms = sites_rooms::read_rooms(&mut reader, &site_ids);
    let mut course_ids = Ids::new("course", courses::FILE);
    let courses = courses::read(&mut reader, &site_ids, &mut course_ids);
    let teachers = teachers::read(
        &mut reader,
        &teachers::Named {
            sites: &site_ids,
            courses: &course_ids,
            slots: &slots,
        },
    );
    let students = students::read(&mut reader, &nodes, &course_ids);
    let mut trip_ids = Ids::new("trip", trips::TRIPS);
    let mut trips = Vec::new();
    let named = trips::Named {
        days: &days,
        nodes: &nodes,
    };
    for folder in std::iter::once(dir).chain(more_trips.iter().map(PathBuf::as_path)) {
        trips::read(&mut reader, folder, &named, &mut trip_ids, &mut trips);
    }
    if !reader.problems.is_empty() {
        return Err(Problems(reader.problems));
    }
    let instance = Instance {
        format_version: settings.format_version,
        name: settings.name,
        description: settings.description,
        period: settings.period,
        time_grid,
        road_network,
        sites,
        rooms,
        teachers,
        courses,
        students,
        trips,
        transport: settings.transport,
        weights: settings.weights,
    };
    Ok((instance, reader.places))
}

/// The workbook of `instance`: each file's name and bytes, every file of
/// `WORKBOOK_FILES`. Refused, with every reason, if the instance holds what a sheet
/// cannot (an id with a space in a list, say).
pub fn write_workbook(instance: &Instance) -> Result<Vec<(&'static str, Vec<u8>)>, ExportError> {
    let mut refused = Vec::new();
    let mut files = vec![(settings::FILE, settings::write(instance))];
    files.extend(time_grid::write(&instance.time_grid, &mut refused));
    files.extend(roads::write(&instance.road_network));
    files.extend(sites_rooms::write(
        &instance.sites,
        &instance.rooms,
        &mut refused,
    ));
    files.push((
        courses::FILE,
        courses::write(&instance.courses, &mut refused),
    ));
    files.push((
        teachers::FILE,
        teachers::write(&instance.teachers, &mut refused),
    ));
    files.extend(students::write(&instance.students, &mut refused));
    files.extend(trips::write(&instance.trips, &mut refused));
    if refused.is_empty() {
        Ok(files)
    } else {
        Err(ExportError(refused))
    }
}
