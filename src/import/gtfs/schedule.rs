//! The timetable part of a feed, read and checked row by row: `stops.txt` (ids and
//! stations), `routes.txt` (names), `trips.txt`, `stop_times.txt` (each trip's calls in
//! `stop_sequence` order, times past 24:00:00 kept as written) and `frequencies.txt`.
//! Every problem is located at its file, line and column.

use std::collections::HashMap;
use std::path::PathBuf;

use super::super::problem::Problem;
use super::super::reader::{Ids, Reader};
use super::super::sheet::{Cell, Columns, Sheet};
use super::feed::Feed;
use super::times;
use crate::validate::Code;

pub const STOPS: &str = "stops.txt";
pub const ROUTES: &str = "routes.txt";
pub const TRIPS: &str = "trips.txt";
pub const STOP_TIMES: &str = "stop_times.txt";
pub const FREQUENCIES: &str = "frequencies.txt";

const STOP_COLUMNS: Columns = Columns {
    names: &["stop_id", "parent_station"],
    optional: &["parent_station"],
};
const ROUTE_COLUMNS: Columns = Columns {
    names: &["route_id", "route_short_name", "route_long_name"],
    optional: &["route_short_name", "route_long_name"],
};
pub const TRIP_COLUMNS: Columns = Columns {
    names: &["route_id", "service_id", "trip_id", "trip_headsign"],
    optional: &["trip_headsign"],
};
const STOP_TIME_COLUMNS: Columns = Columns {
    names: &[
        "trip_id",
        "arrival_time",
        "departure_time",
        "stop_id",
        "stop_sequence",
        "pickup_type",
        "drop_off_type",
    ],
    optional: &[
        "arrival_time",
        "departure_time",
        "pickup_type",
        "drop_off_type",
    ],
};
const FREQUENCY_COLUMNS: Columns = Columns {
    names: &[
        "trip_id",
        "start_time",
        "end_time",
        "headway_secs",
        "exact_times",
    ],
    optional: &["exact_times"],
};

/// One call of a trip at a stop, as `stop_times.txt` writes it.
pub(crate) struct Call {
    pub sequence: i64,
    pub stop: String,
    /// Seconds after the service day's midnight; `None` where the feed leaves the
    /// time to be interpolated (a stop that is not a timepoint).
    pub arrival: Option<u32>,
    pub departure: Option<u32>,
    /// Riders may board here (`pickup_type` is not 1).
    pub boards: bool,
    /// Riders may alight here (`drop_off_type` is not 1).
    pub alights: bool,
    /// Where the row is, for problems found once the trip is whole.
    pub line: u64,
    pub time_column: Option<usize>,
}

/// A run every `headway` seconds from `start` (inclusive) to `end` (exclusive).
pub(crate) struct Frequency {
    pub start: u32,
    pub end: u32,
    pub headway: u32,
    /// `exact_times` 1: the runs are timetabled; 0: riders only know the headway.
    pub exact: bool,
}

pub(crate) struct Schedule {
    /// Stop id -> its parent station, when it has one.
    pub parents: HashMap<String, String>,
    pub stops: Ids,
    pub routes: Ids,
    /// Route id -> the name riders see (long name, else short name).
    pub route_names: HashMap<String, String>,
    pub trip_ids: Ids,
    /// The `trips.txt` sheet, rows in the feed's order.
    pub trips: Sheet,
    /// Trip id -> its calls in `stop_sequence` order.
    pub calls: HashMap<String, Vec<Call>>,
    pub frequencies: HashMap<String, Vec<Frequency>>,
    pub stop_times_file: PathBuf,
}

pub(crate) fn read(feed: &mut Feed, reader: &mut Reader, services: &Ids) -> Schedule {
    let sheet = feed.sheet(STOPS, &STOP_COLUMNS, true, &mut reader.problems);
    let mut stops = Ids::new("stop", STOPS);
    let mut parents = HashMap::new();
    for row in &sheet.rows {
        let id = reader.define(&sheet, sheet.cell(row, "stop_id"), &mut stops);
        let parent = reader.id(sheet.cell(row, "parent_station"));
        if !parent.is_empty() {
            parents.insert(id, parent);
        }
    }
    let sheet = feed.sheet(ROUTES, &ROUTE_COLUMNS, true, &mut reader.problems);
    let mut routes = Ids::new("route", ROUTES);
    let mut route_names = HashMap::new();
    for row in &sheet.rows {
        let id = reader.define(&sheet, sheet.cell(row, "route_id"), &mut routes);
        let long = sheet.cell(row, "route_long_name").text.trim();
        let short = sheet.cell(row, "route_short_name").text.trim();
        route_names.insert(id, if long.is_empty() { short } else { long }.to_owned());
    }
    let trips = feed.sheet(TRIPS, &TRIP_COLUMNS, true, &mut reader.problems);
    let mut trip_ids = Ids::new("trip", TRIPS);
    for row in &trips.rows {
        let id = reader.define(&trips, trips.cell(row, "trip_id"), &mut trip_ids);
        let entity = format!("trip {id:?}");
        let route = trips.cell(row, "route_id");
        reader.reference_id(&trips, route, &routes, &entity);
        reader.reference_id(&trips, trips.cell(row, "service_id"), services, &entity);
    }
    let sheet = feed.sheet(STOP_TIMES, &STOP_TIME_COLUMNS, true, &mut reader.problems);
    let calls = read_calls(reader, &sheet, &trip_ids, &stops);
    let stop_times_file = sheet.path.clone();
    let sheet = feed.sheet(FREQUENCIES, &FREQUENCY_COLUMNS, false, &mut reader.problems);
    let frequencies = read_frequencies(reader, &sheet, &trip_ids);
    Schedule {
        parents,
        stops,
        routes,
        route_names,
        trip_ids,
        trips,
        calls,
        frequencies,
        stop_times_file,
    }
}

fn read_calls(
    reader: &mut Reader,
    sheet: &Sheet,
    trips: &Ids,
    stops: &Ids,
) -> HashMap<String, Vec<Call>> {
    let mut calls: HashMap<String, Vec<Call>> = HashMap::new();
    for row in &sheet.rows {
        let trip = reader.reference_id(sheet, sheet.cell(row, "trip_id"), trips, "");
        let entity = format!("trip {trip:?}");
        let stop = reader.reference_id(sheet, sheet.cell(row, "stop_id"), stops, &entity);
        let sequence_cell = sheet.cell(row, "stop_sequence");
        let sequence = reader.integer(sheet, sequence_cell, &entity);
        let arrival = optional_time(reader, sheet, sheet.cell(row, "arrival_time"), &entity);
        let departure_cell = sheet.cell(row, "departure_time");
        let departure = optional_time(reader, sheet, departure_cell, &entity);
        let boards = not_one(reader, sheet, sheet.cell(row, "pickup_type"), &entity);
        let alights = not_one(reader, sheet, sheet.cell(row, "drop_off_type"), &entity);
        let list = calls.entry(trip).or_default();
        if list.iter().any(|c| c.sequence == sequence) {
            reader.problem(
                sheet,
                sequence_cell,
                Code::E0708DuplicateRow,
                &entity,
                format!("a second call with stop_sequence {sequence}"),
                "give each call of a trip its own stop_sequence",
            );
            continue;
        }
        list.push(Call {
            sequence,
            stop,
            arrival,
            departure,
            boards,
            alights,
            line: row.line,
            time_column: departure_cell.column,
        });
    }
    for list in calls.values_mut() {
        list.sort_by_key(|c| c.sequence);
    }
    calls
}

fn read_frequencies(
    reader: &mut Reader,
    sheet: &Sheet,
    trips: &Ids,
) -> HashMap<String, Vec<Frequency>> {
    let mut frequencies: HashMap<String, Vec<Frequency>> = HashMap::new();
    for row in &sheet.rows {
        let trip = reader.reference_id(sheet, sheet.cell(row, "trip_id"), trips, "");
        let entity = format!("trip {trip:?}");
        let start = time(reader, sheet, sheet.cell(row, "start_time"), &entity);
        let end_cell = sheet.cell(row, "end_time");
        let end = time(reader, sheet, end_cell, &entity);
        let headway_cell = sheet.cell(row, "headway_secs");
        let headway = reader.integer(sheet, headway_cell, &entity);
        let exact_cell = sheet.cell(row, "exact_times");
        let exact = match exact_cell.text.trim() {
            "1" => true,
            "" | "0" => false,
            other => {
                reader.problem(
                    sheet,
                    exact_cell,
                    Code::E0706BadValue,
                    &entity,
                    format!("{other:?} is neither 0 nor 1"),
                    "write 1 for timetabled runs, 0 (or nothing) for a headway",
                );
                false
            }
        };
        let (Some(start), Some(end)) = (start, end) else {
            continue;
        };
        if headway <= 0 || headway > i64::from(u32::MAX) {
            bad_frequency(
                reader,
                sheet,
                headway_cell,
                &entity,
                format!("headway {headway} s"),
            );
            continue;
        }
        if end <= start {
            let message = format!("end_time {} is not after start_time", end_cell.text.trim());
            bad_frequency(reader, sheet, end_cell, &entity, message);
            continue;
        }
        frequencies.entry(trip).or_default().push(Frequency {
            start,
            end,
            headway: headway as u32,
            exact,
        });
    }
    frequencies
}

fn bad_frequency(reader: &mut Reader, sheet: &Sheet, cell: Cell<'_>, entity: &str, what: String) {
    reader.problem(
        sheet,
        cell,
        Code::E0714BadFrequency,
        entity,
        format!("{what}: no runs"),
        "give a positive headway_secs and an end_time after the start_time",
    );
}

/// `pickup_type` or `drop_off_type`: whether it allows riders (anything but 1).
fn not_one(reader: &mut Reader, sheet: &Sheet, cell: Cell<'_>, entity: &str) -> bool {
    match cell.text.trim() {
        "" | "0" | "2" | "3" => true,
        "1" => false,
        other => {
            reader.problem(
                sheet,
                cell,
                Code::E0706BadValue,
                entity,
                format!("{other:?} is not 0, 1, 2 or 3"),
                "write 0 (regular), 1 (none), 2 (phone the agency) or 3 (ask the driver)",
            );
            true
        }
    }
}

fn optional_time(reader: &mut Reader, sheet: &Sheet, cell: Cell<'_>, entity: &str) -> Option<u32> {
    if cell.text.trim().is_empty() {
        return None;
    }
    time(reader, sheet, cell, entity)
}

fn time(reader: &mut Reader, sheet: &Sheet, cell: Cell<'_>, entity: &str) -> Option<u32> {
    let parsed = times::time(cell.text);
    if parsed.is_none() {
        reader.problem(
            sheet,
            cell,
            Code::E0711BadGtfsTime,
            entity,
            format!("{:?} is not a GTFS time", cell.text),
            "write HH:MM:SS from the service day's midnight; past midnight go on: 24:10:00",
        );
    }
    parsed
}

/// A problem at a call's time, found once its trip is whole.
pub(crate) fn call_problem(
    file: &std::path::Path,
    call: &Call,
    code: Code,
    trip: &str,
    message: String,
    hint: &str,
) -> Problem {
    Problem {
        code,
        file: file.to_owned(),
        line: Some(call.line),
        column: call.time_column,
        entity: format!("trip {trip:?}"),
        field: "departure_time".to_owned(),
        message,
        hint: hint.to_owned(),
    }
}
