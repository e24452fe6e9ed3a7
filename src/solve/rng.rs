//! A small seeded generator (SplitMix64) so searches repeat exactly for a seed.

#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// An index of `weights` drawn with probability proportional to its weight
    /// (weights below zero count as zero); `None`, drawing nothing, when no weight is
    /// above zero.
    pub fn weighted(&mut self, weights: &[f64]) -> Option<usize> {
        let total: f64 = weights.iter().map(|w| w.max(0.0)).sum();
        if total <= 0.0 {
            return None;
        }
        let mut target = (self.next_u64() as f64 / u64::MAX as f64) * total;
        for (i, w) in weights.iter().enumerate() {
            target -= w.max(0.0);
            if target <= 0.0 {
                return Some(i);
            }
        }
        // Rounding left a sliver of `target`: the last item.
        Some(weights.len() - 1)
    }

    /// `k` distinct items of `items`, in a seeded order.
    pub fn sample<T: Copy>(&mut self, items: &[T], k: usize) -> Vec<T> {
        let mut pool = items.to_vec();
        let k = k.min(pool.len());
        for i in 0..k {
            let j = i + self.below(pool.len() - i);
            pool.swap(i, j);
        }
        pool.truncate(k);
        pool
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_sample() {
        let items: Vec<usize> = (0..20).collect();
        let a = SplitMix64::new(7).sample(&items, 5);
        let b = SplitMix64::new(7).sample(&items, 5);
        assert_eq!(a, b);
        let mut sorted = a.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), 5);
    }

    #[test]
    fn weighted_draws_follow_the_weights_and_never_draw_a_weightless_item() {
        let mut rng = SplitMix64::new(3);
        let weights = [1.0, 0.0, -2.0, 3.0];
        let mut drawn = [0usize; 4];
        for _ in 0..4_000 {
            drawn[rng.weighted(&weights).unwrap()] += 1;
        }
        assert_eq!((drawn[1], drawn[2]), (0, 0), "{drawn:?}");
        // Expected 1,000 and 3,000; a fair generator is well within 150 of both.
        assert!((850..1_150).contains(&drawn[0]), "{drawn:?}");
        assert!((2_850..3_150).contains(&drawn[3]), "{drawn:?}");
        let before = rng.clone().next_u64();
        assert_eq!(rng.weighted(&[0.0, -1.0]), None);
        assert_eq!(rng.weighted(&[]), None);
        assert_eq!(
            rng.next_u64(),
            before,
            "a draw of nothing consumed the generator"
        );
    }
}
