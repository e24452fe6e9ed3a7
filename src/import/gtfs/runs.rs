//! A feed's trips as kopa's bus runs for one period. kopa's week repeats, so a run
//! keeps a weekday only if it runs on that weekday on every date of the period (dates
//! without lessons set aside); a weekday it runs on in some weeks only is left out
//! and named in the summary, since no weekly plan can count on it. Times are the
//! departure at each call (exact for boarding, on the safe side for alighting), cut to
//! the minute; a trip past midnight splits into one run per calendar day; a
//! `frequencies.txt` trip with `exact_times` 1 becomes one run per departure, one
//! without (riders know only the headway) is left out.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, Days, NaiveDate};

use super::super::problem::Problem;
use super::schedule::{Call, Schedule, call_problem};
use super::tables::Terms;
use crate::instance::{Trip, TripStop, format_clock};
use crate::validate::Code;

const DAY: u32 = 24 * 60;

/// The dates of the period a weekly run stands for.
pub(crate) struct Period {
    /// By weekday (Monday first), the period's dates on that weekday that have
    /// lessons.
    pub dates: [Vec<NaiveDate>; 7],
    /// The week's day id of each weekday, if the week has that weekday.
    pub day_ids: [Option<String>; 7],
}

impl Period {
    pub fn new(
        from: NaiveDate,
        to: NaiveDate,
        skip: &[NaiveDate],
        day_ids: [Option<String>; 7],
    ) -> Period {
        let mut dates: [Vec<NaiveDate>; 7] = Default::default();
        for date in from.iter_days().take_while(|d| *d <= to) {
            if !skip.contains(&date) {
                dates[date.weekday().num_days_from_monday() as usize].push(date);
            }
        }
        Period { dates, day_ids }
    }
}

/// Why trips of the feed became no run, and the weekdays runs lost.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Summary {
    pub feed_trips: usize,
    pub runs: usize,
    /// Trips calling at fewer than two mapped stops.
    pub unmapped: usize,
    /// Trips with no service on any date of the period.
    pub no_service: usize,
    /// Trips run by headway only (`exact_times` 0).
    pub headway_only: usize,
    /// Trips whose runs run on no weekday in every week of the period (or only on
    /// weekdays the week does not have).
    pub no_weekly_day: usize,
    /// Each weekday a run lost, with the dates it does not run on.
    pub notes: Vec<String>,
}

/// One stop of a run, in minutes from the service day's midnight (may pass 24 h).
#[derive(Clone)]
struct Timed {
    node: String,
    minutes: u32,
}

/// What one trip needs from the rest of the feed.
pub(crate) struct TripContext<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub service: &'a str,
    pub terms: Option<Terms>,
}

/// Everything the runs are made from.
pub(crate) struct Sources<'a> {
    pub schedule: &'a Schedule,
    pub stop_map: &'a HashMap<String, String>,
    pub period: &'a Period,
    pub runs_on: &'a dyn Fn(&str, NaiveDate) -> bool,
}

/// The runs of one trip, appended to `out`; `Err` when the trip needs terms it has
/// not (a capacity), the problem then the caller's to locate.
pub(crate) fn runs_of(
    trip: &TripContext<'_>,
    sources: &Sources<'_>,
    summary: &mut Summary,
    problems: &mut Vec<Problem>,
    out: &mut Vec<Trip>,
) -> Result<(), ()> {
    let schedule = sources.schedule;
    let empty = Vec::new();
    let calls = schedule.calls.get(trip.id).unwrap_or(&empty);
    let Some(times) = call_times(calls, &schedule.stop_times_file, trip.id, problems) else {
        return Ok(());
    };
    let node_of = |stop: &str| {
        sources.stop_map.get(stop).or_else(|| {
            schedule
                .parents
                .get(stop)
                .and_then(|p| sources.stop_map.get(p))
        })
    };
    let mapped: Vec<(String, u32)> = calls
        .iter()
        .zip(&times)
        .filter(|(c, _)| c.boards || c.alights)
        .filter_map(|(c, t)| node_of(&c.stop).map(|n| (n.clone(), *t)))
        .collect();
    if distinct_nodes(&mapped) < 2 {
        summary.unmapped += 1;
        return Ok(());
    }
    let frequencies = schedule.frequencies.get(trip.id);
    let mut departures = Vec::new(); // (shift in seconds, id suffix)
    match frequencies {
        None => departures.push((0i64, String::new())),
        Some(rows) => {
            let first = i64::from(times[0]);
            for row in rows.iter().filter(|f| f.exact) {
                let mut start = row.start;
                while start < row.end {
                    let suffix = format!("@{:02}{:02}", start / 3600, start / 60 % 60);
                    departures.push((i64::from(start) - first, suffix));
                    start = start.saturating_add(row.headway);
                }
            }
            if rows.iter().any(|f| !f.exact) {
                summary.headway_only += 1;
            }
        }
    }
    let mut made = Vec::new();
    for (shift, suffix) in &departures {
        let timed: Vec<Timed> = mapped
            .iter()
            .map(|(node, t)| Timed {
                node: node.clone(),
                minutes: ((i64::from(*t) + shift).max(0) / 60) as u32,
            })
            .collect();
        for (offset, piece, stops) in pieces(timed) {
            let mut id = format!("{}{suffix}", trip.id);
            if offset > 0 {
                id.push_str(&format!("+{offset}d"));
            }
            if piece > 0 {
                id.push_str(&format!(".{}", piece + 1));
            }
            made.push((id, offset, stops));
        }
    }
    if made.is_empty() {
        return Ok(()); // only headway-based runs: counted above
    }
    let mut any_service = false;
    let mut any_day = false;
    let mut runs = Vec::new();
    for (id, offset, stops) in made {
        let mut days = Vec::new();
        for (weekday, dates) in sources.period.dates.iter().enumerate() {
            let running: Vec<bool> = dates
                .iter()
                .map(|d| {
                    d.checked_sub_days(Days::new(u64::from(offset)))
                        .is_some_and(|service_day| (sources.runs_on)(trip.service, service_day))
                })
                .collect();
            let count = running.iter().filter(|r| **r).count();
            any_service |= count > 0;
            let weekday_name = crate::instance::WEEKDAY_NAMES[weekday];
            if count > 0 && count < dates.len() {
                let missing: Vec<String> = dates
                    .iter()
                    .zip(&running)
                    .filter(|(_, r)| !**r)
                    .map(|(d, _)| d.to_string())
                    .collect();
                summary.notes.push(format!(
                    "run {id:?} left out on {weekday_name}: it runs on {count} of the period's {} {weekday_name} dates, not on {}",
                    dates.len(),
                    missing.join(", ")
                ));
                continue;
            }
            if count == 0 {
                continue;
            }
            match &sources.period.day_ids[weekday] {
                Some(day) => days.push(day.clone()),
                None => summary.notes.push(format!(
                    "run {id:?} left out on {weekday_name}: the week has no {weekday_name}"
                )),
            }
        }
        if !days.is_empty() {
            any_day = true;
            runs.push((id, days, stops));
        }
    }
    if !any_service {
        summary.no_service += 1;
        return Ok(());
    }
    if !any_day {
        summary.no_weekly_day += 1;
        return Ok(());
    }
    let Some(terms) = trip.terms else {
        return Err(());
    };
    for (id, days, stops) in runs {
        summary.runs += 1;
        out.push(Trip {
            id,
            name: trip.name.to_owned(),
            days,
            capacity: terms.capacity,
            optional: terms.optional,
            cost_per_run: terms.cost_per_run,
            stops,
        });
    }
    Ok(())
}

fn distinct_nodes(mapped: &[(String, u32)]) -> usize {
    mapped.iter().map(|(n, _)| n).collect::<HashSet<_>>().len()
}

/// Each call's time in seconds: its departure, else its arrival, else interpolated
/// between the timed calls around it by position (the reference lets stops that are
/// not timepoints go without a time). `None`, with problems, when the first or last
/// call has no time or times go backwards.
fn call_times(
    calls: &[Call],
    file: &std::path::Path,
    trip: &str,
    problems: &mut Vec<Problem>,
) -> Option<Vec<u32>> {
    let given: Vec<Option<u32>> = calls.iter().map(|c| c.departure.or(c.arrival)).collect();
    let (Some(first), Some(last)) = (given.first(), given.last()) else {
        return Some(Vec::new());
    };
    let mut ok = true;
    for (call, time) in [(&calls[0], first), (&calls[calls.len() - 1], last)] {
        if time.is_none() {
            problems.push(call_problem(
                file,
                call,
                Code::E0711BadGtfsTime,
                trip,
                "empty; a trip's first and last calls need a time".to_owned(),
                "write the arrival and departure times of the trip's first and last stops",
            ));
            ok = false;
        }
    }
    if !ok {
        return None;
    }
    let mut times = Vec::with_capacity(calls.len());
    let mut previous = 0;
    for (i, time) in given.iter().enumerate() {
        let value = match time {
            Some(t) => *t,
            None => {
                let next = (i + 1..given.len())
                    .find(|j| given[*j].is_some())
                    .expect("the last call has a time");
                let before = i - 1; // the first call has a time
                let (t0, t1) = (times[before], given[next].expect("found timed"));
                let span = u64::from(t1.saturating_sub(t0));
                t0 + (span * (i - before) as u64 / (next - before) as u64) as u32
            }
        };
        let arrival_after_departure = calls[i]
            .arrival
            .zip(calls[i].departure)
            .is_some_and(|(a, d)| a > d);
        if value < previous || arrival_after_departure {
            problems.push(call_problem(
                file,
                &calls[i],
                Code::E0712StopTimesBackwards,
                trip,
                format!(
                    "stop_sequence {} is timed before the call before it",
                    calls[i].sequence
                ),
                "list each trip's calls in travel order, times never going back",
            ));
            ok = false;
        }
        previous = previous.max(value);
        times.push(value);
    }
    ok.then_some(times)
}

/// The calls of one departure as runs: split by calendar day (a trip past midnight
/// goes on the next day), consecutive calls at one node merged (the first kept), a
/// call in the same minute as the one kept before it dropped, and a run split where
/// it comes back to a node it has served (kopa's runs call at a node once).
/// Each piece: (days after the service day, piece number within the day, stops).
fn pieces(timed: Vec<Timed>) -> Vec<(u32, usize, Vec<TripStop>)> {
    let mut out: Vec<(u32, usize, Vec<TripStop>)> = Vec::new();
    let mut current: Vec<Timed> = Vec::new();
    let mut day = None;
    let mut piece = 0;
    let close = |current: &mut Vec<Timed>, day: u32, piece: usize, out: &mut Vec<_>| {
        if current.len() >= 2 {
            let stops = current
                .iter()
                .map(|t| TripStop {
                    node: t.node.clone(),
                    time: format_clock(t.minutes % DAY),
                })
                .collect();
            out.push((day, piece, stops));
        }
    };
    for call in timed {
        let call_day = call.minutes / DAY;
        if day != Some(call_day) {
            if let Some(d) = day {
                close(&mut current, d, piece, &mut out);
            }
            current.clear();
            day = Some(call_day);
            piece = 0;
        }
        if let Some(last) = current.last()
            && (last.node == call.node || call.minutes <= last.minutes)
        {
            continue;
        }
        if current.iter().any(|t| t.node == call.node) {
            let last = current.last().expect("a call was kept").clone();
            close(&mut current, call_day, piece, &mut out);
            piece += 1;
            current = vec![last];
        }
        current.push(call);
    }
    if let Some(d) = day {
        close(&mut current, d, piece, &mut out);
    }
    out
}
