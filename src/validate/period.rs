//! The period: where the weekly timetable sits in the calendar. Only calendars need
//! it, so it is optional; when given, its date, length and time zone must be readable,
//! and the days of the time grid must say which weekday each one is, once each.

use std::collections::HashMap;

use super::context::{Context, entity};
use super::report::require_positive_int;
use super::{Code, Diagnostic};
use crate::instance::{WEEKDAY_NAMES, parse_date, parse_time_zone, parse_weekday};

pub fn check_e0207_bad_date(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    if let Some(period) = &cx.instance.period
        && parse_date(&period.start).is_none()
    {
        out.push(Diagnostic::new(
            Code::E0207BadDate,
            "period",
            "period.start",
            format!("{:?} is not a date", period.start),
            "write the first day of the period as \"YYYY-MM-DD\", e.g. \"2027-01-11\"",
        ));
    }
}

pub fn check_e0301_not_positive(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    if let Some(period) = &cx.instance.period {
        require_positive_int(
            out,
            period.weeks,
            "weeks",
            "period",
            "period.weeks".to_owned(),
        );
    }
}

/// Calendars write dates as "YYYY-MM-DD": the period must end by 9999-12-31.
pub fn check_e0211_period_beyond_dates(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(period) = &cx.instance.period else {
        return;
    };
    let (Some(start), Ok(weeks)) = (parse_date(&period.start), u64::try_from(period.weeks)) else {
        return; // E0207 or E0301 already.
    };
    let last = chrono::NaiveDate::from_ymd_opt(9999, 12, 31).expect("a date");
    let fits = weeks
        .checked_mul(7)
        .and_then(|days| start.checked_add_days(chrono::Days::new(days)))
        .is_some_and(|end| end <= last);
    if !fits {
        out.push(Diagnostic::new(
            Code::E0211PeriodBeyondDates,
            "period",
            "period.weeks",
            format!(
                "{weeks} weeks from {} end after 9999-12-31, the last date a calendar can write",
                period.start
            ),
            "give the number of weeks the timetable really repeats (a school year is about 38)",
        ));
    }
}

pub fn check_e0208_unknown_time_zone(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    if let Some(period) = &cx.instance.period
        && parse_time_zone(&period.time_zone).is_none()
    {
        out.push(Diagnostic::new(
            Code::E0208UnknownTimeZone,
            "period",
            "period.timeZone",
            format!("{:?} is not an IANA time zone", period.time_zone),
            "use the zone's IANA name, exact case, e.g. \"Europe/Helsinki\"",
        ));
    }
}

pub fn check_e0209_bad_weekday(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (d, day) in cx.instance.time_grid.days.iter().enumerate() {
        if let Some(weekday) = &day.weekday
            && parse_weekday(weekday).is_none()
        {
            out.push(Diagnostic::new(
                Code::E0209BadWeekday,
                entity("day", &day.id),
                format!("timeGrid.days[{d}].weekday"),
                format!("{weekday:?} is not a weekday"),
                format!("write one of {}", WEEKDAY_NAMES.join(", ")),
            ));
        }
    }
}

pub fn check_e0210_weekday_used_twice(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let mut first: HashMap<chrono::Weekday, &str> = HashMap::new();
    for (d, day) in cx.instance.time_grid.days.iter().enumerate() {
        let Some(weekday) = day.weekday.as_deref().and_then(parse_weekday) else {
            continue;
        };
        match first.get(&weekday) {
            Some(other) => out.push(Diagnostic::new(
                Code::E0210WeekdayUsedTwice,
                entity("day", &day.id),
                format!("timeGrid.days[{d}].weekday"),
                format!("day {other:?} is already {weekday}"),
                "give each day of the time grid its own weekday: the timetable repeats weekly",
            )),
            None => {
                first.insert(weekday, &day.id);
            }
        }
    }
}

pub fn check_w0009_day_without_weekday(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    if cx.instance.period.is_none() {
        return;
    }
    for (d, day) in cx.instance.time_grid.days.iter().enumerate() {
        if day.weekday.is_none() {
            out.push(Diagnostic::new(
                Code::W0009DayWithoutWeekday,
                entity("day", &day.id),
                format!("timeGrid.days[{d}].weekday"),
                "the instance has a period but this day has no weekday",
                "add `weekday` (e.g. \"Mon\") so its lessons can be put on dates in calendars",
            ));
        }
    }
}
