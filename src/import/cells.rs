//! What a cell may hold, read as a spreadsheet in any locale writes it: numbers with a
//! decimal comma or point (and a space, no-break space or U+2212 minus as Finnish
//! spreadsheets format them), yes/no in English or Finnish, clock times "8:15", "08.15"
//! or "08:15:00", lists of ids separated by spaces. Each reader returns `None` for
//! what it cannot read; `workbook::Reader` turns that into a located problem.

use crate::instance::{Programme, format_clock, parse_clock};

/// A number: "18.5", "18,5", "1 000", "−3".
pub fn number(text: &str) -> Option<f64> {
    let cleaned: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .map(|c| if c == '\u{2212}' { '-' } else { c })
        .collect();
    let cleaned = if cleaned.contains(',') && !cleaned.contains('.') {
        cleaned.replace(',', ".")
    } else {
        cleaned
    };
    // Rust reads "inf" and "NaN", which no instance can hold (JSON has neither).
    let all_numeric = cleaned
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'));
    if cleaned.is_empty() || !all_numeric {
        return None;
    }
    cleaned.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// A whole number: "12", or a number with no fraction as spreadsheets may save it, "12,00".
pub fn integer(text: &str) -> Option<i64> {
    let value = number(text)?;
    // i64 holds every whole f64 in this range exactly.
    let in_range = value.abs() < 9.0e15;
    (value.fract() == 0.0 && in_range).then_some(value as i64)
}

/// Yes or no: true/false, yes/no, 1/0, x (a ticked cell), Finnish kyllä/ei and
/// TOSI/EPÄTOSI (a Finnish spreadsheet's booleans); empty is no.
pub fn flag(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "true" | "yes" | "1" | "x" | "kyllä" | "tosi" => Some(true),
        "false" | "no" | "0" | "" | "ei" | "epätosi" => Some(false),
        _ => None,
    }
}

/// A clock time as the instance file writes it: kept as written when it already is
/// "H:MM" or "HH:MM", else "08.15" (the Finnish way) or "08:15:00" (a spreadsheet's
/// time cell) rewritten as "08:15".
pub fn clock(text: &str) -> Option<String> {
    let text = text.trim();
    if parse_clock(text).is_some() {
        return Some(text.to_owned());
    }
    let colons = text.replace('.', ":");
    let without_seconds = colons.strip_suffix(":00").unwrap_or(&colons);
    parse_clock(without_seconds).map(format_clock)
}

/// A programme by its name in the instance format, in any case.
pub fn programme(text: &str) -> Option<Programme> {
    match text.trim().to_lowercase().as_str() {
        "lukio" => Some(Programme::Lukio),
        "vocational" => Some(Programme::Vocational),
        "doubledegree" => Some(Programme::DoubleDegree),
        _ => None,
    }
}

/// The name a programme has in the instance format.
pub fn programme_name(programme: Programme) -> &'static str {
    match programme {
        Programme::Lukio => "lukio",
        Programme::Vocational => "vocational",
        Programme::DoubleDegree => "doubleDegree",
    }
}

/// Ids separated by spaces (or commas and semicolons, for lists typed by hand).
pub fn list(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || c == ',' || c == ';')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_either_locale() {
        assert_eq!(number("18.5"), Some(18.5));
        assert_eq!(number("18,5"), Some(18.5));
        assert_eq!(number(" 40 000,00 "), Some(40000.0));
        assert_eq!(number("\u{2212}3"), Some(-3.0));
        assert_eq!(number("1e3"), Some(1000.0));
        for bad in ["", "abc", "inf", "NaN", "1,000.5,3", "12 km"] {
            assert_eq!(number(bad), None, "{bad:?}");
        }
        assert_eq!(integer("12,00"), Some(12));
        assert_eq!(integer("12,5"), None);
    }

    #[test]
    fn clock_times_as_spreadsheets_save_them() {
        assert_eq!(clock("8:15").as_deref(), Some("8:15"));
        assert_eq!(clock("08.15").as_deref(), Some("08:15"));
        assert_eq!(clock("08:15:00").as_deref(), Some("08:15"));
        assert_eq!(clock("25:00"), None);
        assert_eq!(clock("08:15:30"), None);
    }

    #[test]
    fn flags_and_lists() {
        assert_eq!(flag("TOSI"), Some(true));
        assert_eq!(flag(""), Some(false));
        assert_eq!(flag("maybe"), None);
        assert_eq!(list(" lab  video,kitchen "), ["lab", "video", "kitchen"]);
    }
}
