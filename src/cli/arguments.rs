//! The checks of arguments that reach HiGHS or a clock, made where they are read (a
//! flag, a bench suite's field) so that a value kopa cannot use is refused with a
//! message naming it (exit 2), instead of panicking deep inside a solve: HiGHS takes
//! seeds in 0..=2147483647 only, and `Duration` holds neither a negative, an infinite
//! nor a longer time than about 1.8e19 seconds.

use std::ops::RangeInclusive;
use std::time::Duration;

/// The seeds HiGHS takes: its `random_seed` option is a non-negative C `int`.
pub const SEEDS: RangeInclusive<u64> = 0..=2_147_483_647;

/// A seed, as clap's value parser of `--seed`.
pub fn seed(text: &str) -> Result<u64, String> {
    let seed: u64 = text
        .parse()
        .map_err(|_| format!("a seed is a whole number in {SEEDS:?}, got {text:?}"))?;
    check_seed(seed)
}

/// `seed` if HiGHS takes it, or why not.
pub fn check_seed(seed: u64) -> Result<u64, String> {
    if SEEDS.contains(&seed) {
        Ok(seed)
    } else {
        Err(format!(
            "a seed must be in {SEEDS:?} (the seeds HiGHS takes), got {seed}"
        ))
    }
}

/// A time limit in seconds, as clap's value parser of `--time-limit`.
pub fn seconds(text: &str) -> Result<f64, String> {
    let seconds: f64 = text
        .parse()
        .map_err(|_| format!("a time limit is a number of seconds, got {text:?}"))?;
    time_limit(seconds).map(|_| seconds)
}

/// `seconds` as a duration, if it is a time limit: more than zero (after rounding to
/// nanoseconds) and no more than a `Duration` holds.
pub fn time_limit(seconds: f64) -> Result<Duration, String> {
    match Duration::try_from_secs_f64(seconds) {
        Ok(limit) if !limit.is_zero() => Ok(limit),
        _ => Err(format!(
            "a time limit must be a number of seconds above 0 and at most about {:.1e} (the longest a duration holds), got {seconds:?}",
            Duration::MAX.as_secs_f64()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeds_are_what_highs_takes() {
        assert_eq!(*SEEDS.end(), u64::try_from(i32::MAX).expect("fits"));
        assert_eq!(seed("0"), Ok(0));
        assert_eq!(seed("2147483647"), Ok(2_147_483_647));
        let refused = seed("2147483648").expect_err("past i32::MAX");
        assert!(refused.contains("0..=2147483647"), "{refused}");
        assert!(seed("-1").is_err());
        assert!(seed("seven").is_err());
    }

    #[test]
    fn time_limits_are_positive_durations() {
        assert_eq!(seconds("2.5"), Ok(2.5));
        assert_eq!(time_limit(2.5), Ok(Duration::from_millis(2500)));
        assert!(time_limit(1.8e19).is_ok());
        for refused in [
            0.0,
            -0.0,
            -1.0,
            1e-12,
            1e20,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ] {
            let why = time_limit(refused).expect_err("refused");
            assert!(why.contains("above 0"), "{refused}: {why}");
        }
        assert!(seconds("soon").is_err());
    }
}
