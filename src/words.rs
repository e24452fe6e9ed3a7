//! Counts in sentences people read: "1 student leg", "3 student legs". One function so
//! that no message says "1 student legs" or falls back to "leg(s)".

/// `n` and the noun that agrees with it: `one` for exactly one, `many` otherwise
/// ("0 legs", "1 leg", "2 legs").
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

#[cfg(test)]
mod tests {
    use super::count;

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(count(0, "student leg", "student legs"), "0 student legs");
        assert_eq!(count(1, "student leg", "student legs"), "1 student leg");
        assert_eq!(count(2, "section", "sections"), "2 sections");
    }
}
