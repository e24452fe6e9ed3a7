//! What a feed does not say and the scheduler adds, each a small CSV read as a
//! workbook's sheet (any locale): which GTFS stops are which road nodes (`--stops`),
//! the seats and the price of an extra run of each route or trip (`--runs`; GTFS
//! carries neither, a school-transport contract does), and the week's days
//! (`--days`, the workbook's `days.csv`).

use std::collections::HashMap;
use std::path::Path;

use super::super::reader::{Ids, Reader};
use super::super::sheet::{Columns, read_sheet};
use crate::instance::{WEEKDAY_NAMES, parse_weekday};
use crate::validate::Code;

pub const STOP_MAP_COLUMNS: Columns = Columns {
    names: &["stop_id", "node"],
    optional: &[],
};

pub const RUN_TERMS_COLUMNS: Columns = Columns {
    names: &["route_id", "trip_id", "capacity", "optional", "costPerRun"],
    optional: &["route_id", "trip_id", "optional", "costPerRun"],
};

pub const DAYS_COLUMNS: Columns = Columns {
    names: &["id", "name", "weekday"],
    optional: &["name", "weekday"],
};

/// GTFS stop id -> road node.
pub(crate) fn stop_map(reader: &mut Reader, path: &Path, stops: &Ids) -> HashMap<String, String> {
    let sheet = read_sheet(path, &STOP_MAP_COLUMNS, true, &mut reader.problems);
    let mut defined = Ids::new("stop", "the stop map");
    let mut map = HashMap::new();
    for row in &sheet.rows {
        let cell = sheet.cell(row, "stop_id");
        let stop = reader.define(&sheet, cell, &mut defined);
        let entity = format!("stop {stop:?}");
        reader.reference(&sheet, cell, &stop, stops, &entity);
        let node_cell = sheet.cell(row, "node");
        let node = reader.id(node_cell);
        if node.is_empty() {
            reader.problem(
                &sheet,
                node_cell,
                Code::E0707UnknownId,
                &entity,
                "empty; needs a road node".to_owned(),
                "write the id of the road node (nodes.csv) the stop is at",
            );
        }
        map.insert(stop, node);
    }
    map
}

/// Seats and cost of a run.
#[derive(Clone, Copy)]
pub(crate) struct Terms {
    pub capacity: i64,
    pub optional: bool,
    pub cost_per_run: f64,
}

/// The terms of each trip, route, and of every run (a row naming neither).
#[derive(Default)]
pub(crate) struct RunTerms {
    by_trip: HashMap<String, Terms>,
    by_route: HashMap<String, Terms>,
    default: Option<Terms>,
}

impl RunTerms {
    /// The terms of `trip` of `route`: its own row, else its route's, else the row
    /// for every run.
    pub fn of(&self, route: &str, trip: &str) -> Option<Terms> {
        self.by_trip
            .get(trip)
            .or_else(|| self.by_route.get(route))
            .copied()
            .or(self.default)
    }
}

pub(crate) fn run_terms(reader: &mut Reader, path: &Path, routes: &Ids, trips: &Ids) -> RunTerms {
    let sheet = read_sheet(path, &RUN_TERMS_COLUMNS, true, &mut reader.problems);
    let mut terms = RunTerms::default();
    let mut seen = std::collections::HashSet::new();
    for row in &sheet.rows {
        let (route_cell, trip_cell) = (sheet.cell(row, "route_id"), sheet.cell(row, "trip_id"));
        let (route, trip) = (reader.id(route_cell), reader.id(trip_cell));
        let entity = match (route.is_empty(), trip.is_empty()) {
            (_, false) => format!("trip {trip:?}"),
            (false, true) => format!("route {route:?}"),
            (true, true) => "every run".to_owned(),
        };
        let key_cell = if trip.is_empty() {
            route_cell
        } else {
            trip_cell
        };
        let key = format!("{route}\u{0}{trip}");
        if !seen.insert(key) {
            reader.problem(
                &sheet,
                key_cell,
                Code::E0708DuplicateRow,
                &entity,
                format!("a second row for {entity}"),
                "keep one row per route, per trip, and one for every run",
            );
        }
        if !route.is_empty() {
            reader.reference(&sheet, route_cell, &route, routes, &entity);
        }
        if !trip.is_empty() {
            reader.reference(&sheet, trip_cell, &trip, trips, &entity);
        }
        let value = Terms {
            capacity: reader.integer(&sheet, sheet.cell(row, "capacity"), &entity),
            optional: reader.flag(&sheet, sheet.cell(row, "optional"), &entity),
            cost_per_run: reader
                .optional_number(&sheet, sheet.cell(row, "costPerRun"), &entity)
                .unwrap_or(0.0),
        };
        if !trip.is_empty() {
            terms.by_trip.insert(trip, value);
        } else if !route.is_empty() {
            terms.by_route.insert(route, value);
        } else {
            terms.default = Some(value);
        }
    }
    terms
}

/// The week's day ids by weekday (Monday first): those of `days.csv` at `path`, or
/// without one, the weekday names themselves (`Mon` ... `Sun`).
pub(crate) fn days(reader: &mut Reader, path: Option<&Path>) -> [Option<String>; 7] {
    let Some(path) = path else {
        return WEEKDAY_NAMES.map(|name| Some(name.to_owned()));
    };
    let sheet = read_sheet(path, &DAYS_COLUMNS, true, &mut reader.problems);
    let mut week: [Option<String>; 7] = Default::default();
    let mut defined = Ids::new("day", "the days");
    for row in &sheet.rows {
        let id = reader.define(&sheet, sheet.cell(row, "id"), &mut defined);
        let cell = sheet.cell(row, "weekday");
        let text = cell.text.trim();
        if text.is_empty() {
            continue; // a day on no weekday: no dated bus runs on it
        }
        match parse_weekday(text) {
            Some(weekday) => week[weekday.num_days_from_monday() as usize] = Some(id),
            None => reader.problem(
                &sheet,
                cell,
                Code::E0706BadValue,
                &format!("day {id:?}"),
                format!("{text:?} is not a weekday"),
                "write Mon, Tue, Wed, Thu, Fri, Sat or Sun",
            ),
        }
    }
    week
}
