//! The Query / Incremental query activity: who is returned at an execution.

use super::calendar::{Calendar, Instant};
use super::population::Population;
use super::scenario::{Filter, LeapDay, QuerySpec};
use chrono::{Datelike, NaiveDate};

/// Seconds in the contract's "day" of `history_days` (24 h, not a calendar day).
pub const DAY: i64 = 86_400;

/// "Never returned" in the incremental history.
pub const NEVER_RETURNED: Instant = i64::MIN;

/// Does a birthday `(month, day)` match the local date of an execution, with the
/// `leap_day` rule for 29 February in a non-leap year?
pub fn birthday_matches(birthday: (u32, u32), today: NaiveDate, leap_day: LeapDay) -> bool {
    let (m, d) = birthday;
    if (m, d) == (today.month(), today.day()) {
        return true;
    }
    if (m, d) != (2, 29) || today.leap_year() {
        return false;
    }
    match leap_day {
        LeapDay::Mar1 => (today.month(), today.day()) == (3, 1),
        LeapDay::Feb28 => (today.month(), today.day()) == (2, 28),
        LeapDay::Skip => false,
    }
}

/// The incremental query's memory: per recipient index, the instant it was last
/// returned ([`NEVER_RETURNED`] if never).
#[derive(Clone, Debug)]
pub struct History {
    last: Vec<Instant>,
    /// 0 = forever.
    days: i64,
}

impl History {
    /// An empty history for `n` recipients.
    pub fn new(n: usize, history_days: i64) -> History {
        History {
            last: vec![NEVER_RETURNED; n],
            days: history_days.max(0),
        }
    }

    /// Is recipient `i` still in the history at `at`? Returns the instant from
    /// which it may be returned again (`Some(None)` = forever).
    pub fn blocks(&self, i: u32, at: Instant) -> Option<Option<Instant>> {
        blocked_until(self.last.get(i as usize).copied()?, self.days, at)
    }

    /// Records that recipient `i` was returned at `at`.
    pub fn record(&mut self, i: u32, at: Instant) {
        if let Some(x) = self.last.get_mut(i as usize) {
            *x = at;
        }
    }
}

/// With a recipient last returned at `last`, is it blocked at `at`? `Some(None)`:
/// forever; `Some(Some(t))`: until `t`; `None`: free.
pub fn blocked_until(last: Instant, days: i64, at: Instant) -> Option<Option<Instant>> {
    if last == NEVER_RETURNED {
        return None;
    }
    if days == 0 {
        return Some(None);
    }
    let until = last.saturating_add(days.saturating_mul(DAY));
    (at < until).then_some(Some(until))
}

/// Runs the query at `at` into `out` (cleared first): recipients in the base, of
/// the filter, not in the incremental history. `prev_at` is the previous
/// execution's instant (lets an "everyone, history forever" incremental query look
/// only at recipients created since then).
pub fn run(
    q: &QuerySpec,
    pop: &Population,
    cal: &Calendar,
    history: &History,
    at: Instant,
    prev_at: Option<Instant>,
    out: &mut Vec<u32>,
) {
    out.clear();
    let free = |i: u32| !q.incremental || history.blocks(i, at).is_none();
    match q.filter {
        Filter::All => {
            let candidates = match prev_at {
                // Every earlier execution returned everyone in its base and the
                // history never expires: only the newcomers can be returned.
                Some(p) if q.incremental && q.history_days == 0 => pop.created_between(p, at),
                _ => pop.in_base(at),
            };
            out.extend(candidates.iter().copied().filter(|i| free(*i)));
        }
        Filter::Birthday => {
            let today = cal.local_date(at);
            let mut days = vec![(today.month(), today.day())];
            if !today.leap_year() {
                let feb29 = match q.leap_day {
                    LeapDay::Mar1 => (today.month(), today.day()) == (3, 1),
                    LeapDay::Feb28 => (today.month(), today.day()) == (2, 28),
                    LeapDay::Skip => false,
                };
                if feb29 {
                    days.push((2, 29));
                }
            }
            for (m, d) in days {
                out.extend(
                    pop.born_on(m, d)
                        .iter()
                        .copied()
                        .filter(|i| pop.created(*i).is_none_or(|c| c <= at) && free(*i)),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn leap_day_birthdays_follow_the_rule_in_non_leap_years() {
        assert!(birthday_matches((2, 29), date(2026, 3, 1), LeapDay::Mar1));
        assert!(!birthday_matches((2, 29), date(2026, 2, 28), LeapDay::Mar1));
        assert!(birthday_matches((2, 29), date(2026, 2, 28), LeapDay::Feb28));
        assert!(!birthday_matches((2, 29), date(2026, 3, 1), LeapDay::Skip));
        assert!(!birthday_matches((2, 29), date(2026, 2, 28), LeapDay::Skip));
        // In a leap year the day itself.
        assert!(birthday_matches((2, 29), date(2028, 2, 29), LeapDay::Mar1));
        assert!(!birthday_matches((2, 29), date(2028, 3, 1), LeapDay::Mar1));
    }

    #[test]
    fn history_expires_after_n_times_24_hours() {
        assert_eq!(
            blocked_until(100, 2, 100 + 2 * DAY - 1),
            Some(Some(100 + 2 * DAY))
        );
        assert_eq!(blocked_until(100, 2, 100 + 2 * DAY), None);
        assert_eq!(blocked_until(100, 0, i64::MAX), Some(None));
        assert_eq!(blocked_until(NEVER_RETURNED, 0, 0), None);
    }
}
