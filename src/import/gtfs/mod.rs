//! Bus runs in from a GTFS feed (`docs/gtfs.md`): what operators publish (the Finnish
//! national and regional feeds, Matkahuolto's per-operator feeds) turned into kopa's
//! `trips.csv` and `trip_stops.csv`, which `kopa import csv --trips DIR` reads beside
//! a workbook. The scheduler adds what a feed lacks: which stops are which road nodes,
//! the seats and price of each route's runs, the week's days and the period's dates.
//!
//! Every problem of every file is reported at once, located at file, line and column
//! with the workbook's E07xx codes; trips that cannot be kopa runs (they call at fewer
//! than two mapped stops, run on no date of the period, or only by headway) are
//! counted, and weekdays a run does not serve every week are named.

mod archive;
mod feed;
mod runs;
mod schedule;
mod service;
mod tables;
mod times;

pub use runs::Summary;

use std::path::Path;

use chrono::NaiveDate;

use super::problem::Problems;
use super::reader::Reader;
use crate::instance::Trip;
use crate::validate::Code;
use feed::Feed;
use runs::{Period, Sources, TripContext};

/// What to read: the feed and the scheduler's three small CSVs, and the period.
pub struct GtfsSource<'a> {
    /// A zip archive or a folder of the feed's `.txt` files.
    pub feed: &'a Path,
    /// `stop_id,node`: the stops kopa knows, each at a road node.
    pub stops: &'a Path,
    /// `route_id,trip_id,capacity,optional,costPerRun`.
    pub runs: &'a Path,
    /// The workbook's `days.csv`; without it, days are the weekday names.
    pub days: Option<&'a Path>,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Dates without lessons: their buses are not looked at.
    pub skip: &'a [NaiveDate],
}

/// The runs of the period, in the feed's order of trips, and what was left out.
pub struct FeedRuns {
    pub trips: Vec<Trip>,
    pub summary: Summary,
}

/// Reads the feed's runs for the period; every problem at once.
pub fn read_feed(source: &GtfsSource<'_>) -> Result<FeedRuns, Problems> {
    let mut feed = Feed::open(source.feed).map_err(|p| Problems(vec![*p]))?;
    let mut reader = Reader::new(source.feed);
    let services = service::read(&mut feed, &mut reader);
    let schedule = schedule::read(&mut feed, &mut reader, &services.ids);
    let stop_map = tables::stop_map(&mut reader, source.stops, &schedule.stops);
    let terms = tables::run_terms(
        &mut reader,
        source.runs,
        &schedule.routes,
        &schedule.trip_ids,
    );
    let day_ids = tables::days(&mut reader, source.days);
    if !reader.problems.is_empty() {
        return Err(Problems(reader.problems));
    }
    let period = Period::new(source.from, source.to, source.skip, day_ids);
    let runs_on = |service: &str, date: NaiveDate| services.runs_on(service, date);
    let sources = Sources {
        schedule: &schedule,
        stop_map: &stop_map,
        period: &period,
        runs_on: &runs_on,
    };
    let mut summary = Summary::default();
    let mut trips = Vec::new();
    let sheet = &schedule.trips;
    for row in &sheet.rows {
        let id = sheet.cell(row, "trip_id").text.trim();
        let route = sheet.cell(row, "route_id").text.trim();
        let headsign = sheet.cell(row, "trip_headsign").text.trim();
        let name = if headsign.is_empty() {
            schedule.route_names.get(route).map_or("", String::as_str)
        } else {
            headsign
        };
        let trip = TripContext {
            id,
            name,
            service: sheet.cell(row, "service_id").text.trim(),
            terms: terms.of(route, id),
        };
        summary.feed_trips += 1;
        let made = runs::runs_of(
            &trip,
            &sources,
            &mut summary,
            &mut reader.problems,
            &mut trips,
        );
        if made.is_err() {
            let cell = sheet.cell(row, "trip_id");
            reader.problem(
                sheet,
                cell,
                Code::E0713RunWithoutTerms,
                &format!("trip {id:?}"),
                format!(
                    "no row of {} gives its seats (route {route:?})",
                    source.runs.display()
                ),
                "add a row for the trip, its route, or every run (route_id and trip_id empty)",
            );
        }
    }
    if reader.problems.is_empty() {
        Ok(FeedRuns { trips, summary })
    } else {
        Err(Problems(reader.problems))
    }
}

/// The runs as the two sheets `kopa import csv --trips DIR` reads.
pub fn runs_sheets(trips: &[Trip]) -> Result<Vec<(&'static str, Vec<u8>)>, Vec<String>> {
    let mut refused = Vec::new();
    let sheets = super::trips::write(trips, &mut refused);
    if refused.is_empty() {
        Ok(sheets)
    } else {
        Err(refused)
    }
}
