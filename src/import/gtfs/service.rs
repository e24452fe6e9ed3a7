//! Which dates each service of a feed runs on: `calendar.txt` gives weekdays between
//! two dates, `calendar_dates.txt` adds a date (`exception_type` 1) or removes one (2),
//! and a service may live in either file alone (feeds that list every date in
//! `calendar_dates.txt` have no `calendar.txt`).

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use super::super::reader::{Ids, Reader};
use super::super::sheet::{Cell, Columns, Sheet};
use super::feed::Feed;
use super::times;
use crate::validate::Code;

pub const CALENDAR: &str = "calendar.txt";
pub const CALENDAR_DATES: &str = "calendar_dates.txt";

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

const CALENDAR_COLUMNS: Columns = Columns {
    names: &[
        "service_id",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "start_date",
        "end_date",
    ],
    optional: &[],
};

const DATES_COLUMNS: Columns = Columns {
    names: &["service_id", "date", "exception_type"],
    optional: &[],
};

struct Weekly {
    days: [bool; 7],
    start: NaiveDate,
    end: NaiveDate,
}

/// Every service of the feed and its dates.
#[derive(Default)]
pub(crate) struct Services {
    weekly: HashMap<String, Weekly>,
    /// (service, date) -> runs that date (exception_type 1) or not (2).
    exceptions: HashMap<(String, NaiveDate), bool>,
    pub ids: Ids,
}

impl Services {
    /// Whether `service` runs on `date`.
    pub fn runs_on(&self, service: &str, date: NaiveDate) -> bool {
        if let Some(&runs) = self.exceptions.get(&(service.to_owned(), date)) {
            return runs;
        }
        self.weekly.get(service).is_some_and(|w| {
            w.start <= date
                && date <= w.end
                && w.days[date.weekday().num_days_from_monday() as usize]
        })
    }
}

/// Reads both files; the reference needs at least one of them.
pub(crate) fn read(feed: &mut Feed, reader: &mut Reader) -> Services {
    let has_calendar = feed.has(CALENDAR);
    let required_dates = !has_calendar;
    let mut services = Services {
        ids: Ids::new("service", CALENDAR),
        ..Services::default()
    };
    let sheet = feed.sheet(CALENDAR, &CALENDAR_COLUMNS, false, &mut reader.problems);
    let mut defined = Ids::new("service", CALENDAR);
    for row in &sheet.rows {
        let id = reader.define(&sheet, sheet.cell(row, "service_id"), &mut defined);
        let entity = format!("service {id:?}");
        let mut days = [false; 7];
        for (day, name) in days.iter_mut().zip(WEEKDAYS) {
            *day = zero_or_one(reader, &sheet, sheet.cell(row, name), &entity);
        }
        let start = date(reader, &sheet, sheet.cell(row, "start_date"), &entity);
        let end = date(reader, &sheet, sheet.cell(row, "end_date"), &entity);
        if let (Some(start), Some(end)) = (start, end) {
            services.weekly.insert(id, Weekly { days, start, end });
        }
    }
    let sheet = feed.sheet(
        CALENDAR_DATES,
        &DATES_COLUMNS,
        required_dates,
        &mut reader.problems,
    );
    let mut listed = std::collections::HashSet::new();
    let mut in_dates = Vec::new();
    for row in &sheet.rows {
        let service = reader.id(sheet.cell(row, "service_id"));
        let entity = format!("service {service:?}");
        let date_cell = sheet.cell(row, "date");
        let date = date(reader, &sheet, date_cell, &entity);
        if date.is_some_and(|d| !listed.insert((service.clone(), d))) {
            reader.problem(
                &sheet,
                date_cell,
                Code::E0708DuplicateRow,
                &entity,
                format!(
                    "a second row for service {service:?} on {}",
                    date_cell.text.trim()
                ),
                "keep one row per service and date",
            );
        }
        let cell = sheet.cell(row, "exception_type");
        let runs = match cell.text.trim() {
            "1" => Some(true),
            "2" => Some(false),
            other => {
                reader.problem(
                    &sheet,
                    cell,
                    Code::E0706BadValue,
                    &entity,
                    format!("{other:?} is not an exception type"),
                    "write 1 (service added on the date) or 2 (service removed on the date)",
                );
                None
            }
        };
        if let (Some(date), Some(runs)) = (date, runs) {
            services.exceptions.insert((service.clone(), date), runs);
        }
        in_dates.push(service);
    }
    services.ids = Ids::with(
        "service",
        "calendar.txt or calendar_dates.txt",
        services.weekly.keys().cloned().chain(in_dates),
    );
    services
}

/// "0" or "1", as the reference's weekday columns hold.
fn zero_or_one(reader: &mut Reader, sheet: &Sheet, cell: Cell<'_>, entity: &str) -> bool {
    match cell.text.trim() {
        "1" => true,
        "0" => false,
        other => {
            reader.problem(
                sheet,
                cell,
                Code::E0706BadValue,
                entity,
                format!("{other:?} is neither 0 nor 1"),
                "write 1 if the service runs on this weekday, else 0",
            );
            false
        }
    }
}

/// A GTFS date cell, or a located problem.
pub(crate) fn date(
    reader: &mut Reader,
    sheet: &Sheet,
    cell: Cell<'_>,
    entity: &str,
) -> Option<NaiveDate> {
    let parsed = times::date(cell.text);
    if parsed.is_none() {
        reader.problem(
            sheet,
            cell,
            Code::E0710BadGtfsDate,
            entity,
            format!("{:?} is not a date", cell.text),
            "write the date as YYYYMMDD, e.g. 20270111",
        );
    }
    parsed
}
