//! Clock times as written in files ("08:15") and as minutes after midnight.

/// Parses "H:MM" or "HH:MM" (00:00-23:59) into minutes after midnight.
pub fn parse_clock(text: &str) -> Option<u32> {
    let (hours, minutes) = text.split_once(':')?;
    if hours.is_empty() || hours.len() > 2 || minutes.len() != 2 {
        return None;
    }
    if !hours
        .bytes()
        .chain(minutes.bytes())
        .all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let (hours, minutes): (u32, u32) = (hours.parse().ok()?, minutes.parse().ok()?);
    (hours < 24 && minutes < 60).then_some(hours * 60 + minutes)
}

/// Formats minutes after midnight as "HH:MM".
pub fn format_clock(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_formats_round_trip() {
        assert_eq!(parse_clock("08:15"), Some(495));
        assert_eq!(parse_clock("8:15"), Some(495));
        assert_eq!(parse_clock("23:59"), Some(1439));
        assert_eq!(format_clock(495), "08:15");
    }

    #[test]
    fn rejects_what_is_not_a_clock_time() {
        for bad in [
            "24:00", "12:60", "1215", "12:5", "-1:00", "ab:cd", "", "12:05:00", "+1:00",
        ] {
            assert_eq!(parse_clock(bad), None, "{bad:?}");
        }
    }
}
