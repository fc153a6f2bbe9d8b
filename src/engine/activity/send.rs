//! The send log (broadLog) as the Delivery activity writes it: one row per targeted
//! recipient, whose reason follows the contract's precedence, written once in
//! [`precedence`]:
//!
//! denylisted → quarantined → excluded by arbitration (pressure) → hard bounce →
//! random bounce (tracking only) → sent.
//!
//! Each row's consequences go to the shared [`RecipientState`] (a hard bounce
//! quarantines the address, a sent message counts for the pressure rule) and, for a
//! sent message, to the Tracking activity. [`explain`] says why a finished row has its
//! reason, from the facts the precedence read.

use super::scheduler::RanBefore;
use super::tracking::{Message, Tracking};
use crate::engine::base::population::Population;
use crate::engine::base::state::{Pressure, RecipientState, DAY};
use crate::engine::calendar::Instant;
use crate::engine::record::logs::{Reason, REASONS};
use serde::Serialize;

/// The contract's precedence for one row: the one copy both send loops use. The
/// steps a caller cannot meet are closures it passes as constants (no pressure rule:
/// `|| false`; no tracking: `|| Reason::Sent`), which the compiler removes.
#[inline(always)]
pub fn precedence(
    state: &RecipientState,
    i: u32,
    at: Instant,
    excluded_by_arbitration: impl FnOnce() -> bool,
    hard_bounce: impl FnOnce() -> bool,
    random_outcome: impl FnOnce() -> Reason,
) -> Reason {
    // `blocked` is one load for the usual "neither denylisted nor quarantined".
    if state.blocked(i, at) {
        if state.denylisted(i, at) {
            Reason::Denylisted
        } else {
            Reason::Quarantined
        }
    } else if excluded_by_arbitration() {
        Reason::ExcludedByArbitration
    } else if hard_bounce() {
        Reason::UserUnknown
    } else {
        random_outcome()
    }
}

/// What the send log needs to know about the execution it writes for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Send {
    /// The execution's instant (every row's event date).
    pub at: Instant,
    /// The execution's index in the simulation (keys the random streams).
    pub execution: u32,
    /// The delivery the rows go to.
    pub delivery: u32,
    /// The workflow is subject to the pressure rule (and counted by it).
    pub arbitrated: bool,
}

/// The send log being written: its columns and per-reason running counts.
#[derive(Clone, Debug, Default)]
pub struct SendLog {
    pub(crate) recipient: Vec<u32>,
    pub(crate) code: Vec<u8>,
    running: [u64; REASONS],
    /// Cumulative counts per reason after each execution.
    pub(crate) exec_prefix: Vec<[u64; REASONS]>,
}

impl SendLog {
    /// Rows written so far.
    pub fn len(&self) -> usize {
        self.code.len()
    }

    /// No row yet.
    pub fn is_empty(&self) -> bool {
        self.code.is_empty()
    }

    /// Makes room for `rows` more rows (when the row count is known in advance:
    /// growth copies were an eighth of a weekly year).
    pub fn reserve(&mut self, rows: usize) {
        self.recipient.reserve_exact(rows);
        self.code.reserve_exact(rows);
    }

    /// Appends one row per targeted recipient, each with its reason by the
    /// [`precedence`], and applies the consequences; returns the rows per reason.
    pub fn append(
        &mut self,
        targeted: &[u32],
        send: Send,
        pop: &Population,
        state: &mut RecipientState,
        tracking: Option<&mut Tracking>,
    ) -> [u32; REASONS] {
        // The recipient column in bulk (the query's slice), then one reason byte per
        // row: per-row pushes were most of the send loop (perf).
        self.recipient.extend_from_slice(targeted);
        let arbitrated = send.arbitrated && state.pressure().is_some();
        let code = &mut self.code;
        let counts = match (tracking, arbitrated) {
            // No tracking, no pressure: three look-ups a row and only a hard bounce
            // changes state; monomorphised apart so its counters stay in registers.
            (None, false) => write_rows::<false>(code, targeted, send, pop, state, None),
            // Otherwise one general loop asks at run time whether the pressure rule
            // applies and whether tracking is on (one copy less in the web page).
            (tracking, _) => write_rows::<true>(code, targeted, send, pop, state, tracking),
        };
        for (r, n) in self.running.iter_mut().zip(counts) {
            *r += u64::from(n);
        }
        counts
    }

    /// Closes an execution (with or without rows): its running counts.
    pub fn close_execution(&mut self) {
        self.exec_prefix.push(self.running);
    }

    /// The year is over: gives back the columns' growth slack (the measured heap per
    /// row, see benches/engine.rs).
    pub fn shrink(&mut self) {
        self.recipient.shrink_to_fit();
        self.code.shrink_to_fit();
    }
}

/// The rows of one execution, one loop for every case: without `GENERAL` (no pressure
/// rule for these rows, no tracking) the steps it cannot meet compile away; with it,
/// `send.arbitrated` (and the document's rule) and `tracking` say at run time which
/// steps apply.
#[inline(always)]
fn write_rows<const GENERAL: bool>(
    code: &mut Vec<u8>,
    targeted: &[u32],
    send: Send,
    pop: &Population,
    state: &mut RecipientState,
    mut tracking: Option<&mut Tracking>,
) -> [u32; REASONS] {
    let Send {
        at,
        execution,
        arbitrated,
        ..
    } = send;
    let hard = pop.hard_bounces();
    let mut row = code.len() as u32;
    let (mut denied, mut quarantined, mut excluded, mut bounced, mut soft) =
        (0u32, 0u32, 0u32, 0u32, 0u32);
    code.extend(targeted.iter().map(|&i| {
        let reason = precedence(
            state,
            i,
            at,
            || GENERAL && arbitrated && state.pressure().is_some_and(|p| !p.admits(i, at)),
            || hard.get(i as usize).copied().unwrap_or(false),
            || match tracking.as_deref() {
                Some(t) if GENERAL => t.send_outcome(i, execution),
                _ => Reason::Sent,
            },
        );
        match reason {
            Reason::Denylisted => denied += 1,
            Reason::Quarantined => quarantined += 1,
            Reason::ExcludedByArbitration => excluded += 1,
            Reason::UserUnknown => {
                bounced += 1;
                state.quarantine(i, at);
            }
            Reason::MailboxFull => {
                soft += 1;
                if let Some(t) = tracking.as_deref() {
                    t.soft_bounce(state, i, at);
                }
            }
            Reason::Sent => {
                if GENERAL {
                    state.delivered(i);
                }
                if GENERAL && arbitrated {
                    if let Some(p) = state.pressure_mut() {
                        p.record(i, at);
                    }
                }
                if let Some(t) = tracking.as_deref_mut().filter(|_| GENERAL) {
                    let m = Message {
                        at,
                        execution,
                        delivery: send.delivery,
                        row,
                    };
                    t.sent(pop, state, i, m);
                }
            }
        }
        row += 1;
        reason as u8
    }));
    let mut by_reason = [0u32; REASONS];
    let others = denied + quarantined + excluded + bounced + soft;
    for (r, n) in [
        (Reason::Sent, targeted.len() as u32 - others),
        (Reason::UserUnknown, bounced),
        (Reason::MailboxFull, soft),
        (Reason::Quarantined, quarantined),
        (Reason::Denylisted, denied),
        (Reason::ExcludedByArbitration, excluded),
    ] {
        if let Some(x) = by_reason.get_mut(r as usize) {
            *x = n;
        }
    }
    by_reason
}

/// A message the pressure rule counted against a row: its workflow (position in the
/// document), its execution (index in the year's executions) and its instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Counted {
    pub workflow: u16,
    pub execution: u32,
    pub at: Instant,
    /// A message at the row's own instant: why its execution ran before the row's
    /// (the contract's order at one instant); `None` for an earlier instant.
    pub before: Option<RanBefore>,
}

/// Why a broadLog row has its reason: the step of the [`precedence`] that decided,
/// with what it read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum RowWhy {
    /// The profile is on the denylist since `since` (the document's opt-out or an
    /// opt-out click).
    Denylisted { since: Instant },
    /// The address is quarantined since `since` (a hard bounce, or soft bounces in a
    /// row).
    Quarantined { since: Instant },
    /// The pressure rule: these messages (oldest first), at most `max` per
    /// `period_days` × 24 h, already filled the recipient's quota; each one at the
    /// row's own instant says why it ran first ([`Counted::before`]).
    ExcludedByArbitration {
        max: u32,
        period_days: u32,
        messages: Vec<Counted>,
    },
    /// The address does not exist: the base says so (`from_base`), or the tracking
    /// model's random hard bounce.
    HardBounce { from_base: bool },
    /// The mailbox was full (the tracking model's random soft bounce).
    SoftBounce,
    /// Sent.
    Sent,
}

/// What a finished year knows about a row, for [`explain`].
pub struct RowFacts<'a> {
    pub reason: Reason,
    pub at: Instant,
    /// From when the recipient is denylisted / quarantined (final state: instants
    /// only move earlier, so they are what the precedence read).
    pub denylisted_at: Instant,
    pub quarantined_at: Instant,
    /// The address hard-bounces on every send (the base says so).
    pub hard_in_base: bool,
    /// The pressure rule (messages, window in seconds).
    pub pressure: Option<(usize, i64)>,
    /// The recipient's earlier rows, latest first, that the pressure rule counted:
    /// sent messages of arbitrated workflows appended before this row.
    pub counted_before: &'a mut dyn Iterator<Item = Counted>,
}

/// Why a row has its reason (see [`RowWhy`]).
pub fn explain(f: RowFacts<'_>) -> RowWhy {
    match f.reason {
        Reason::Denylisted => RowWhy::Denylisted {
            since: f.denylisted_at,
        },
        Reason::Quarantined => RowWhy::Quarantined {
            since: f.quarantined_at,
        },
        Reason::ExcludedByArbitration => {
            let (max, window) = f.pressure.unwrap_or((0, 0));
            let at = f.at;
            let mut messages: Vec<Counted> = f
                .counted_before
                .take_while(|c| Pressure::counts(c.at, at, window))
                .take(max)
                .collect();
            messages.reverse();
            RowWhy::ExcludedByArbitration {
                max: max as u32,
                period_days: (window / DAY) as u32,
                messages,
            }
        }
        Reason::UserUnknown => RowWhy::HardBounce {
            from_base: f.hard_in_base,
        },
        Reason::MailboxFull => RowWhy::SoftBounce,
        Reason::Sent => RowWhy::Sent,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::base::population::BaseSpec;
    use crate::engine::calendar::Calendar;
    use crate::engine::doc::{Bounce, PressureSpec, Recipient, Recipients};

    fn base() -> Population {
        let r = |id: u64, bounce: Bounce, unsubscribed: Option<&str>| Recipient {
            id,
            email: format!("r{id}@x.test"),
            created: None,
            birthday: None,
            bounce,
            unsubscribed: unsubscribed.map(str::to_string),
        };
        let recipients: Recipients = [
            r(1, Bounce::None, None),
            r(2, Bounce::Hard, None),
            r(3, Bounce::Hard, Some("2026-01-01T00:00")),
        ]
        .into_iter()
        .collect();
        let spec = BaseSpec {
            recipients: &recipients,
            generated: None,
            seed: 0,
        };
        Population::build(
            spec,
            &Calendar::new(crate::tz::Zone::named("UTC").unwrap(), 2026),
        )
    }

    fn send(at: Instant, arbitrated: bool) -> Send {
        Send {
            at,
            execution: 0,
            delivery: 1,
            arbitrated,
        }
    }

    #[test]
    fn rows_follow_the_precedence_and_a_hard_bounce_quarantines() {
        let pop = base();
        let mut state = RecipientState::new(&pop, false, None);
        let mut log = SendLog::default();
        let at = Calendar::new(crate::tz::Zone::named("UTC").unwrap(), 2026).horizon_start + DAY;
        let n = log.append(&[0, 1, 2], send(at, false), &pop, &mut state, None);
        // Denylisted wins over the hard bounce of recipient 3.
        assert_eq!(
            log.code,
            vec![
                Reason::Sent as u8,
                Reason::UserUnknown as u8,
                Reason::Denylisted as u8
            ]
        );
        assert_eq!((n[0], n[1], n[4]), (1, 1, 1));
        log.append(&[1], send(at + DAY, false), &pop, &mut state, None);
        assert_eq!(log.code.last(), Some(&(Reason::Quarantined as u8)));
    }

    #[test]
    fn pressure_excludes_only_arbitrated_rows_and_counts_only_them() {
        let pop = base();
        let spec = PressureSpec {
            max_messages: 1,
            period_days: 7,
        };
        let mut state = RecipientState::new(&pop, false, Some(&spec));
        let mut log = SendLog::default();
        log.append(&[0], send(0, false), &pop, &mut state, None);
        log.append(&[0], send(10, true), &pop, &mut state, None);
        log.append(&[0], send(20, true), &pop, &mut state, None);
        log.append(&[0], send(30, false), &pop, &mut state, None);
        let reasons: Vec<Reason> = log.code.iter().map(|c| Reason::from_code(*c)).collect();
        assert_eq!(
            reasons,
            vec![
                Reason::Sent,
                Reason::Sent,
                Reason::ExcludedByArbitration,
                Reason::Sent
            ]
        );
    }

    #[test]
    fn an_excluded_row_names_the_messages_that_filled_the_quota() {
        let counted = [
            Counted {
                workflow: 1,
                execution: 5,
                at: 100 * DAY,
                before: None,
            },
            Counted {
                workflow: 0,
                execution: 3,
                at: 98 * DAY,
                before: None,
            },
            Counted {
                workflow: 0,
                execution: 1,
                at: 90 * DAY,
                before: None,
            },
        ];
        let why = explain(RowFacts {
            reason: Reason::ExcludedByArbitration,
            at: 101 * DAY,
            denylisted_at: i64::MAX,
            quarantined_at: i64::MAX,
            hard_in_base: false,
            pressure: Some((2, 7 * DAY)),
            counted_before: &mut counted.iter().copied(),
        });
        assert_eq!(
            why,
            RowWhy::ExcludedByArbitration {
                max: 2,
                period_days: 7,
                messages: vec![counted[1], counted[0]],
            }
        );
    }
}
