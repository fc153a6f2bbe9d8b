//! Seeded, portable randomness with independent streams per purpose.
//!
//! Every random draw of the simulation comes from a stream derived from
//! `(seed, purpose, a, b)` by splitmix64, so adding a new kind of draw (a new
//! purpose) never reshuffles the draws of the others, and the draw for one
//! recipient in one execution is the same whatever the delivery mode: the modes are
//! compared on the same behaviour. The generator is `oorandom::Rand64` (PCG,
//! pinned, integer-only), so native and wasm give the same bits. Floats are only
//! produced by exact integer-to-f64 conversions and basic arithmetic.

/// What a stream is used for. The numbers are part of the outcome's identity: never
/// renumber, only append.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u64)]
pub enum Purpose {
    /// Generated population: one stream per recipient (names, birthday, domain…).
    Recipient = 1,
    /// Generated population: signups of one day.
    Signups = 2,
    /// Send outcome of one recipient in one execution (random bounces).
    Send = 3,
    /// Tracking of one recipient in one execution (opens, clicks, delays).
    Track = 4,
}

/// splitmix64's finaliser: a good 64-bit mixer.
pub fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A stream for `(seed, purpose, a, b)`; `a`, `b` are e.g. recipient and execution.
pub fn stream(seed: u64, purpose: Purpose, a: u64, b: u64) -> Rng {
    stream_at(stream_key(seed, purpose, a), b)
}

/// [`stream`] in two steps, for a loop over `b` with the same `(seed, purpose, a)`:
/// `stream_at(stream_key(seed, purpose, a), b) == stream(seed, purpose, a, b)`.
pub fn stream_key(seed: u64, purpose: Purpose, a: u64) -> u64 {
    mix(mix(seed ^ mix(purpose as u64)) ^ a)
}

/// The stream of `b` under a [`stream_key`].
pub fn stream_at(key: u64, b: u64) -> Rng {
    let s = mix(key ^ b.wrapping_mul(0xD6E8_FEB8_6659_FD93));
    Rng(oorandom::Rand64::new(
        u128::from(s) | (u128::from(mix(s)) << 64),
    ))
}

/// One random stream.
#[derive(Clone, Debug)]
pub struct Rng(oorandom::Rand64);

impl Rng {
    /// 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0.rand_u64()
    }

    /// A uniform number in `[0, 1)` with 53 bits (exact conversion).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `true` with probability `p` (clamped to `[0, 1]`).
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// A uniform integer in `[0, n)`; 0 when `n == 0`.
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            // Lemire's multiply-shift: unbiased enough for simulation purposes and
            // integer-only.
            ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
        }
    }

    /// An index drawn with the given non-negative weights; 0 when all are zero.
    pub fn weighted(&mut self, weights: &[f64]) -> usize {
        let total: f64 = weights.iter().filter(|w| **w > 0.0).sum();
        if total <= 0.0 {
            return 0;
        }
        let mut x = self.unit() * total;
        for (i, w) in weights.iter().enumerate() {
            if *w > 0.0 {
                if x < *w {
                    return i;
                }
                x -= *w;
            }
        }
        weights.len().saturating_sub(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_are_reproducible_and_independent() {
        let draws = |mut r: Rng| -> Vec<u64> { (0..4).map(|_| r.next_u64()).collect() };
        let a = draws(stream(7, Purpose::Track, 1, 2));
        let b = draws(stream(7, Purpose::Track, 1, 2));
        let c = draws(stream(7, Purpose::Send, 1, 2));
        let d = draws(stream(7, Purpose::Track, 2, 1));
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_ne!(a, d);
    }

    #[test]
    fn golden_first_draws_are_pinned() {
        // Changing the derivation or the generator would silently change every
        // generated outcome (and break native/wasm comparisons of old fingerprints).
        let mut r = stream(0, Purpose::Recipient, 0, 0);
        let got = [r.next_u64(), r.next_u64()];
        assert_eq!(got, GOLDEN, "{got:#x?}");
    }

    const GOLDEN: [u64; 2] = [0xde12_285f_4df9_56c5, 0x8a51_10af_6826_9d25];

    #[test]
    fn below_and_weighted_stay_in_range() {
        let mut r = stream(1, Purpose::Send, 0, 0);
        for _ in 0..1000 {
            assert!(r.below(7) < 7);
            assert!(r.weighted(&[0.0, 1.0, 2.0]) >= 1);
        }
        assert_eq!(r.below(0), 0);
        assert_eq!(r.weighted(&[0.0, 0.0]), 0);
    }
}
