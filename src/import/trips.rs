//! `trips.csv` and `trip_stops.csv`: a row per bus run (its days listed in one cell),
//! and a row per stop of a run, in the order the bus calls. `kopa import gtfs` writes
//! these two sheets, so a feed's runs join a workbook as its own sheets or from a
//! folder of their own (`kopa import csv --trips DIR`).

use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;

use super::reader::{Ids, Reader};
use super::sheet::Columns;
use super::write::{joined, number, sheet_bytes};
use crate::instance::{Trip, TripStop};

pub const TRIPS: &str = "trips.csv";
pub const STOPS: &str = "trip_stops.csv";

pub const TRIP_COLUMNS: Columns = Columns {
    names: &["id", "name", "days", "capacity", "optional", "costPerRun"],
    optional: &["name", "optional", "costPerRun"],
};
pub const STOP_COLUMNS: Columns = Columns {
    names: &["trip", "node", "time"],
    optional: &[],
};

/// What trips' rows may name.
pub(crate) struct Named<'a> {
    pub days: &'a Ids,
    pub nodes: &'a Ids,
}

/// Reads the two sheets in `dir`, appending the runs to `out` (ids unique across
/// every folder read into `trips`).
pub(crate) fn read(
    reader: &mut Reader,
    dir: &Path,
    named: &Named<'_>,
    trips: &mut Ids,
    out: &mut Vec<Trip>,
) {
    let sheet = reader.sheet_in(dir, TRIPS, &TRIP_COLUMNS, false);
    let first = out.len();
    let mut here = HashMap::new();
    for row in &sheet.rows {
        let id = reader.define(&sheet, sheet.cell(row, "id"), trips);
        let entity = format!("trip {id:?}");
        let cell = |field| sheet.cell(row, field);
        here.entry(id.clone()).or_insert(out.len());
        reader.place(&sheet, row, format!("trips[{}]", out.len()));
        out.push(Trip {
            name: cell("name").text.to_owned(),
            days: reader.list(&sheet, cell("days"), Some(named.days), &entity),
            capacity: reader.integer(&sheet, cell("capacity"), &entity),
            optional: reader.flag(&sheet, cell("optional"), &entity),
            cost_per_run: reader
                .optional_number(&sheet, cell("costPerRun"), &entity)
                .unwrap_or(0.0),
            stops: Vec::new(),
            id,
        });
    }
    let sheet = reader.sheet_in(dir, STOPS, &STOP_COLUMNS, out.len() > first);
    // Only this folder's runs: a stop row names a run of its own folder.
    let trips_here = Ids::with(trips.kind, TRIPS, here.keys().cloned());
    for row in &sheet.rows {
        let cell = |field| sheet.cell(row, field);
        let trip = reader.id(cell("trip"));
        let entity = format!("trip {trip:?}");
        reader.reference(&sheet, cell("trip"), &trip, &trips_here, &entity);
        let stop = TripStop {
            node: reader.reference_id(&sheet, cell("node"), named.nodes, &entity),
            time: reader.clock(&sheet, cell("time"), &entity),
        };
        if let Some(&i) = here.get(&trip) {
            reader.place(
                &sheet,
                row,
                format!("trips[{i}].stops[{}]", out[i].stops.len()),
            );
            out[i].stops.push(stop);
        }
    }
}

#[derive(Serialize)]
struct TripRow<'a> {
    id: &'a str,
    name: &'a str,
    days: String,
    capacity: i64,
    optional: bool,
    #[serde(serialize_with = "number")]
    cost_per_run: f64,
}

#[derive(Serialize)]
struct StopRow<'a> {
    trip: &'a str,
    node: &'a str,
    time: &'a str,
}

pub(crate) fn write(trips: &[Trip], refused: &mut Vec<String>) -> Vec<(&'static str, Vec<u8>)> {
    let rows: Vec<TripRow<'_>> = trips
        .iter()
        .map(|t| TripRow {
            id: &t.id,
            days: joined(&t.days, &format!("trip {:?}: days", t.id), refused),
            capacity: t.capacity,
            name: &t.name,
            optional: t.optional,
            cost_per_run: t.cost_per_run,
        })
        .collect();
    let stops = trips.iter().flat_map(|t| {
        t.stops.iter().map(|s| StopRow {
            trip: &t.id,
            node: &s.node,
            time: &s.time,
        })
    });
    vec![
        (TRIPS, sheet_bytes(&TRIP_COLUMNS, rows)),
        (STOPS, sheet_bytes(&STOP_COLUMNS, stops)),
    ]
}
