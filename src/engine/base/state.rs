//! What every workflow shares about a recipient while the year runs: its address's
//! quarantine, its profile's denylist (the document's opt-outs and opt-out clicks),
//! its soft-bounce count and the pressure counts. A hard bounce in one workflow
//! silences the address in all of them; that is why this state is not a workflow's.
//!
//! Instants only move earlier here (an event is recorded at the instant it happens,
//! and the year runs forward), so the final state answers "was it quarantined at t?"
//! exactly as the running one did: the explanations read the final state.

use super::population::{Population, NEVER};
use crate::engine::calendar::Instant;
use crate::engine::doc::PressureSpec;

/// Seconds in the contract's "day" (24 h, not a calendar day).
pub const DAY: i64 = 86_400;

/// The shared state of every recipient, by recipient index.
#[derive(Clone, Debug, Default)]
pub struct RecipientState {
    /// From when the address is quarantined ([`NEVER`]: not).
    quarantined_at: Vec<Instant>,
    /// From when the profile is on the denylist ([`NEVER`]: not).
    denylisted_at: Vec<Instant>,
    /// The earlier of the two: one load answers the usual "neither" (perf: the send
    /// loop is bound by memory traffic).
    blocked_from: Vec<Instant>,
    /// Consecutive soft bounces and the last one's instant (tracking only).
    soft: Option<SoftBounces>,
    /// The pressure rule's counts (documents with `pressure` only).
    pressure: Option<Pressure>,
}

#[derive(Clone, Debug)]
struct SoftBounces {
    count: Vec<u8>,
    last: Vec<Instant>,
}

impl RecipientState {
    /// The state at the start of the year: the document's opt-outs on the denylist,
    /// nobody quarantined. Soft-bounce counts only when `soft_bounces` can happen.
    pub fn new(pop: &Population, soft_bounces: bool, pressure: Option<&PressureSpec>) -> Self {
        let n = pop.len();
        let denylisted_at: Vec<Instant> = (0..n as u32)
            .map(|i| pop.unsubscribed(i).unwrap_or(NEVER))
            .collect();
        RecipientState {
            quarantined_at: vec![NEVER; n],
            blocked_from: denylisted_at.clone(),
            denylisted_at,
            soft: soft_bounces.then(|| SoftBounces {
                count: vec![0; n],
                last: vec![0; n],
            }),
            pressure: pressure.map(|p| Pressure::new(n, p)),
        }
    }

    /// Denylisted or quarantined at `at` (either one).
    #[inline]
    pub fn blocked(&self, i: u32, at: Instant) -> bool {
        self.blocked_from.get(i as usize).is_some_and(|t| *t <= at)
    }

    /// On the denylist at `at`.
    #[inline]
    pub fn denylisted(&self, i: u32, at: Instant) -> bool {
        self.denylisted_at.get(i as usize).is_some_and(|t| *t <= at)
    }

    /// The address is quarantined at `at`.
    #[inline]
    pub fn quarantined(&self, i: u32, at: Instant) -> bool {
        self.quarantined_at
            .get(i as usize)
            .is_some_and(|t| *t <= at)
    }

    /// Quarantines the address from `at` on.
    #[inline]
    pub fn quarantine(&mut self, i: u32, at: Instant) {
        let i = i as usize;
        if let Some(q) = self.quarantined_at.get_mut(i) {
            *q = (*q).min(at);
        }
        if let Some(b) = self.blocked_from.get_mut(i) {
            *b = (*b).min(at);
        }
    }

    /// Puts the profile on the denylist from `at` on (an opt-out click).
    #[inline]
    pub fn denylist(&mut self, i: u32, at: Instant) {
        let i = i as usize;
        if let Some(d) = self.denylisted_at.get_mut(i) {
            *d = (*d).min(at);
        }
        if let Some(b) = self.blocked_from.get_mut(i) {
            *b = (*b).min(at);
        }
    }

    /// Counts a soft bounce at `at`: a quiet period of `reset` seconds without one
    /// starts the count again, and `limit` in a row quarantine the address.
    pub fn soft_bounce(&mut self, i: u32, at: Instant, limit: u32, reset: i64) {
        let Some(soft) = &mut self.soft else { return };
        let (Some(c), Some(last)) = (
            soft.count.get_mut(i as usize),
            soft.last.get_mut(i as usize),
        ) else {
            return;
        };
        if *c > 0 && at - *last >= reset {
            *c = 0;
        }
        *c = c.saturating_add(1);
        *last = at;
        if u32::from(*c) >= limit {
            self.quarantine(i, at);
        }
    }

    /// A message went through: the soft-bounce count starts again.
    #[inline]
    pub fn delivered(&mut self, i: u32) {
        if let Some(c) = self.soft.as_mut().and_then(|s| s.count.get_mut(i as usize)) {
            *c = 0;
        }
    }

    /// The pressure counts, when the document has a pressure rule.
    pub fn pressure(&self) -> Option<&Pressure> {
        self.pressure.as_ref()
    }

    /// The pressure counts, to record a message.
    pub fn pressure_mut(&mut self) -> Option<&mut Pressure> {
        self.pressure.as_mut()
    }

    /// The year is over: per recipient, the quarantine and denylist instants
    /// ([`NEVER`] = never), what the outcome keeps.
    pub fn into_instants(self) -> (Vec<Instant>, Vec<Instant>) {
        (self.quarantined_at, self.denylisted_at)
    }
}

/// The pressure (fatigue) rule's counts: per recipient, the instants of its last
/// `max` counted messages, in a ring.
#[derive(Clone, Debug)]
pub struct Pressure {
    max: usize,
    /// The rolling period, seconds.
    window: i64,
    /// `max` instants per recipient; `i64::MIN` = no message yet.
    ring: Vec<Instant>,
    /// Per recipient, the ring slot of its oldest counted message.
    head: Vec<u8>,
}

impl Pressure {
    /// Empty counts for `n` recipients.
    pub fn new(n: usize, spec: &PressureSpec) -> Pressure {
        let max = spec.max_messages.clamp(1, 64) as usize;
        Pressure {
            max,
            window: i64::from(spec.period_days) * DAY,
            ring: vec![i64::MIN; n * max],
            head: vec![0; n],
        }
    }

    /// At most this many messages per period.
    pub fn max_messages(&self) -> usize {
        self.max
    }

    /// The period, in seconds.
    pub fn window(&self) -> i64 {
        self.window
    }

    /// Does a message at `t` count against a send at `at`? The contract's window:
    /// `at − D×24 h < t ≤ at`.
    #[inline]
    pub fn counts(t: Instant, at: Instant, window: i64) -> bool {
        t > at - window && t <= at
    }

    /// May recipient `i` receive one more message at `at`? No when its last `max`
    /// messages all count against `at` (the oldest of them does).
    #[inline]
    pub fn admits(&self, i: u32, at: Instant) -> bool {
        let i = i as usize;
        let h = self.head.get(i).copied().unwrap_or(0) as usize;
        !self
            .ring
            .get(i * self.max + h)
            .is_some_and(|oldest| Pressure::counts(*oldest, at, self.window))
    }

    /// Counts a message sent to `i` at `at`.
    #[inline]
    pub fn record(&mut self, i: u32, at: Instant) {
        let i = i as usize;
        let h = self.head.get(i).copied().unwrap_or(0) as usize;
        if let Some(slot) = self.ring.get_mut(i * self.max + h) {
            *slot = at;
        }
        if let Some(hd) = self.head.get_mut(i) {
            *hd = ((h + 1) % self.max) as u8;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pressure_admits_n_messages_per_rolling_window() {
        let mut p = Pressure::new(
            2,
            &PressureSpec {
                max_messages: 2,
                period_days: 7,
            },
        );
        assert!(p.admits(0, 0));
        p.record(0, 0);
        p.record(0, DAY);
        // Two messages in the window: the third is refused…
        assert!(!p.admits(0, 2 * DAY));
        assert!(!p.admits(0, 7 * DAY - 1));
        // …until the first leaves it (exactly 7 × 24 h later).
        assert!(p.admits(0, 7 * DAY));
        // Another recipient has its own counts.
        assert!(p.admits(1, 2 * DAY));
    }

    #[test]
    fn quarantine_and_denylist_keep_their_earliest_instant() {
        let mut s = RecipientState {
            quarantined_at: vec![NEVER; 2],
            denylisted_at: vec![NEVER, 50],
            blocked_from: vec![NEVER, 50],
            soft: Some(SoftBounces {
                count: vec![0; 2],
                last: vec![0; 2],
            }),
            pressure: None,
        };
        assert!(!s.blocked(0, 100));
        s.quarantine(0, 100);
        s.quarantine(0, 200);
        assert!(s.quarantined(0, 100) && !s.quarantined(0, 99));
        assert!(s.blocked(0, 100) && !s.denylisted(0, 100));
        s.denylist(1, 70);
        assert!(s.denylisted(1, 50) && !s.denylisted(1, 49));
        // Three soft bounces in a row quarantine; a quiet period restarts the count.
        s.soft_bounce(0, 10, 3, 30);
        s.soft_bounce(0, 50, 3, 30);
        assert_eq!(s.soft.as_ref().map(|x| x.count[0]), Some(1));
        s.delivered(0);
        assert_eq!(s.soft.as_ref().map(|x| x.count[0]), Some(0));
        let (q, d) = s.into_instants();
        assert_eq!((q[0], d[1]), (100, 50));
    }
}
