//! Counts in sentences people read: "1 student leg", "3 student legs". One function so
//! that no message says "1 student legs" or falls back to "leg(s)": every number that
//! kopa prints beside a noun (report pages, command summaries, validation and checker
//! messages) goes through [`count`].

use std::fmt::Display;

/// `n` and the noun that agrees with it: `one` for exactly one, `many` otherwise
/// ("0 legs", "1 leg", "2 legs"). Any whole or decimal number type: 1.0 is one.
pub fn count<N>(n: N, one: &str, many: &str) -> String
where
    N: Display + PartialEq + From<u8>,
{
    if n == N::from(1) {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

#[cfg(test)]
mod tests {
    use super::count;

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(
            count(0usize, "student leg", "student legs"),
            "0 student legs"
        );
        assert_eq!(
            count(1usize, "student leg", "student legs"),
            "1 student leg"
        );
        assert_eq!(count(2u32, "section", "sections"), "2 sections");
        assert_eq!(count(1i64, "seat", "seats"), "1 seat");
        assert_eq!(count(-1i64, "seat", "seats"), "-1 seats");
    }
}
