//! How the report writes euros, everywhere (the plan page, comparisons, sweeps, the
//! command line): cents always, a comma between thousands, a hyphen-minus for a
//! negative amount: "12,345.60", "-3.50". The unit ("€/week", "euros a week") is
//! said by the text around the number.

/// Differences smaller than this many euros are no difference (the checker's
/// tolerance for claimed terms).
pub const SAME_EUROS: f64 = 0.005;

/// Euros with cents and a comma between thousands: 1234.5 -> "1,234.50".
pub fn euros(value: f64) -> String {
    let cents = (value.abs() * 100.0).round() as u64;
    let whole = (cents / 100).to_string();
    let mut grouped = String::new();
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    let sign = if value < 0.0 && cents > 0 { "-" } else { "" };
    format!("{sign}{grouped}.{:02}", cents % 100)
}

/// A difference with its sign: "+12.00", "-3.50", "±0.00".
pub fn signed_euros(difference: f64) -> String {
    if difference.abs() < SAME_EUROS {
        "±0.00".to_owned()
    } else if difference > 0.0 {
        format!("+{}", euros(difference))
    } else {
        euros(difference)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn euros_have_cents_thousands_separators_and_signs() {
        assert_eq!(euros(0.0), "0.00");
        assert_eq!(euros(1234.5), "1,234.50");
        assert_eq!(euros(999.999), "1,000.00");
        assert_eq!(euros(1_234_567.891), "1,234,567.89");
        assert_eq!(euros(-12.345), "-12.35");
        assert_eq!(euros(-0.001), "0.00");
        assert_eq!(signed_euros(-12.0), "-12.00");
        assert_eq!(signed_euros(1234.0), "+1,234.00");
        assert_eq!(signed_euros(0.001), "±0.00");
    }
}
