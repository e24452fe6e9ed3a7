//! Dates, weekdays and time zones as written in files (`period`, `timeGrid.days[].weekday`).
//!
//! Shared by `validate` (which reports what does not parse) and `report::calendar`
//! (which needs the parsed values), so both read the file the same way.

use chrono::{NaiveDate, Weekday};
use chrono_tz::Tz;

/// The weekday names a file may use, Monday first (ISO 8601 order).
pub const WEEKDAY_NAMES: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// Parses an ISO 8601 calendar date, exactly "YYYY-MM-DD".
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    let shape_ok = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shape_ok {
        return None;
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// Parses a weekday written as in `WEEKDAY_NAMES` ("Mon" ... "Sun"), case as written.
pub fn parse_weekday(text: &str) -> Option<Weekday> {
    const DAYS: [Weekday; 7] = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ];
    let position = WEEKDAY_NAMES.iter().position(|name| *name == text)?;
    Some(DAYS[position])
}

/// Parses an IANA time zone name such as "Europe/Helsinki" (exact case).
pub fn parse_time_zone(text: &str) -> Option<Tz> {
    text.parse::<Tz>().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_be_iso_and_real() {
        assert_eq!(
            parse_date("2027-01-11"),
            NaiveDate::from_ymd_opt(2027, 1, 11)
        );
        for bad in [
            "2027-1-11",
            "2027-02-30",
            "11.1.2027",
            "",
            "2027-01-11T00:00",
            "+2027-01-1",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn weekdays_and_zones() {
        assert_eq!(parse_weekday("Wed"), Some(Weekday::Wed));
        assert_eq!(parse_weekday("wed"), None);
        assert_eq!(parse_weekday("3"), None);
        assert_eq!(
            parse_time_zone("Europe/Helsinki"),
            Some(Tz::Europe__Helsinki)
        );
        assert_eq!(parse_time_zone("Europe/Pello"), None);
    }
}
