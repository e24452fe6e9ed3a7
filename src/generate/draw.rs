//! Seeded draws for the generator: whole and real numbers in ranges, chances, weighted
//! picks and samples.
//!
//! Built on the crate's own SplitMix64 (`solve::rng`), not on `rand`: its output is
//! fixed by its dozen lines, so a seed gives the same instance on every platform and
//! every future build (a `rand` upgrade may change what a seed draws, which would
//! silently change the committed suite).

use crate::solve::rng::SplitMix64;

use super::profile::{IntRange, RealRange};

pub struct Draw(SplitMix64);

impl Draw {
    pub fn new(seed: u64) -> Self {
        Draw(SplitMix64::new(seed))
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        self.0.below(n)
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.0.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A whole number in the inclusive range.
    pub fn int(&mut self, r: IntRange) -> i64 {
        r[0] + self.below((r[1] - r[0] + 1) as usize) as i64
    }

    /// A real number in the range.
    pub fn real(&mut self, r: RealRange) -> f64 {
        r[0] + (r[1] - r[0]) * self.unit()
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// An index drawn in proportion to `weights` (not all zero).
    pub fn weighted(&mut self, weights: &[f64]) -> usize {
        let total: f64 = weights.iter().sum();
        let mut x = self.unit() * total;
        for (i, &w) in weights.iter().enumerate() {
            if x < w {
                return i;
            }
            x -= w;
        }
        weights.iter().rposition(|&w| w > 0.0).unwrap_or(0)
    }

    /// `k` distinct items of `items`, in a seeded order.
    pub fn sample<T: Copy>(&mut self, items: &[T], k: usize) -> Vec<T> {
        self.0.sample(items, k)
    }
}

/// Rounds to one decimal, so that files show "31.4", not "31.400000000000002".
pub fn tenth(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_stay_in_their_ranges() {
        let mut d = Draw::new(3);
        for _ in 0..1000 {
            assert!((2..=5).contains(&d.int([2, 5])));
            let x = d.real([1.5, 2.0]);
            assert!((1.5..=2.0).contains(&x));
            assert_eq!(d.weighted(&[0.0, 1.0, 0.0]), 1);
        }
    }
}
