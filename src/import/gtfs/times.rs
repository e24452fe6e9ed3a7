//! GTFS's own dates and times, as the reference writes them: dates `YYYYMMDD`, times
//! `H:MM:SS` or `HH:MM:SS` counted from noon minus 12 h of the service day, so a trip
//! that passes midnight goes on at `24:10:00`, `25:35:00` and so on.

use chrono::NaiveDate;

/// Seconds after the service day's midnight: "7:05:00", "07:05:00", "25:35:00".
pub fn time(text: &str) -> Option<u32> {
    let mut parts = text.trim().split(':');
    let (h, m, s) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = |p: &str, most: usize| {
        !p.is_empty() && p.len() <= most && p.bytes().all(|b| b.is_ascii_digit())
    };
    if parts.next().is_some() || !digits(h, 3) || m.len() != 2 || s.len() != 2 {
        return None;
    }
    if !digits(m, 2) || !digits(s, 2) {
        return None;
    }
    let (h, m, s): (u32, u32, u32) = (h.parse().ok()?, m.parse().ok()?, s.parse().ok()?);
    (m < 60 && s < 60).then_some(h * 3600 + m * 60 + s)
}

/// A service date, "YYYYMMDD".
pub fn date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    if text.len() != 8 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    NaiveDate::parse_from_str(text, "%Y%m%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_go_past_midnight() {
        assert_eq!(time("07:05:00"), Some(7 * 3600 + 300));
        assert_eq!(time("7:05:00"), Some(7 * 3600 + 300));
        assert_eq!(time("25:35:10"), Some(25 * 3600 + 35 * 60 + 10));
        for bad in ["07:05", "7:5:00", "07:60:00", "", "ab:cd:ef", "07:05:00:00"] {
            assert_eq!(time(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn dates_are_eight_digits() {
        assert_eq!(date("20270106"), NaiveDate::from_ymd_opt(2027, 1, 6));
        for bad in ["2027-01-06", "20270230", "2027016", ""] {
            assert_eq!(date(bad), None, "{bad:?}");
        }
    }
}
