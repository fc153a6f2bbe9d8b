//! The Query / Incremental query activity: who is returned at an execution, and why
//! someone is not.
//!
//! The rule ([`Rule`]: in the base, the filter, the incremental history) is written
//! once, as small functions that both the run ([`Query::run`], through the base's
//! indexes) and the explanation ([`Rule::excludes`]) call.

use super::port::{Context, Handoff, Lines, Port};
use crate::engine::base::population::Population;
use crate::engine::base::state::DAY;
use crate::engine::calendar::{Calendar, Instant};
use crate::engine::doc::{Filter, LeapDay, QuerySpec};
use crate::engine::record::journal::{Activity, JournalMessage};
use chrono::{Datelike, NaiveDate};

/// "Never returned" in the incremental history.
pub const NEVER_RETURNED: Instant = i64::MIN;

/// The month-days `(month, day)` whose birthdays a birthday query returns on the
/// local date `today`: the day itself, plus 29 February on the day the `leap_day`
/// rule reads it in a non-leap year (1 March or 28 February).
pub fn birthday_keys(today: NaiveDate, leap_day: LeapDay) -> ([(u32, u32); 2], usize) {
    let own = (today.month(), today.day());
    let leap = !today.leap_year()
        && match leap_day {
            LeapDay::Mar1 => own == (3, 1),
            LeapDay::Feb28 => own == (2, 28),
            LeapDay::Skip => false,
        };
    ([own, (2, 29)], if leap { 2 } else { 1 })
}

/// Does a birthday `(month, day)` match the local date of an execution, with the
/// `leap_day` rule for 29 February in a non-leap year?
pub fn birthday_matches(birthday: (u32, u32), today: NaiveDate, leap_day: LeapDay) -> bool {
    let (keys, n) = birthday_keys(today, leap_day);
    keys.get(..n).unwrap_or(&[]).contains(&birthday)
}

/// A recipient is in the base at `at` when it was created at or before it (no
/// `created`: always).
#[inline]
pub fn in_base(created: Option<Instant>, at: Instant) -> bool {
    created.is_none_or(|c| c <= at)
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

/// Why a query did not return a recipient (see [`Rule::excludes`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exclusion {
    /// Created after the execution.
    NotYetInBase { created: Instant },
    /// A birthday query never returns a recipient without a birthday.
    NoBirthday,
    /// Its birthday (month, day) is not the execution's local date.
    BirthdayMismatch { month: u32, day: u32 },
    /// In the incremental history: returned at `since`, free again from `until`
    /// (`None`: the history never expires).
    InHistory {
        since: Instant,
        until: Option<Instant>,
    },
}

/// A query's rule: who it returns at an instant, apart from its history's content.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Rule {
    pub filter: Filter,
    pub leap_day: LeapDay,
    pub incremental: bool,
    /// 0 keeps the history forever.
    pub history_days: i64,
}

impl Rule {
    /// The rule of a query spec.
    pub fn of(spec: &QuerySpec) -> Rule {
        Rule {
            filter: spec.filter,
            leap_day: spec.leap_day,
            incremental: spec.incremental,
            history_days: spec.history_days.max(0),
        }
    }

    /// The activity as the workflow canvas names it.
    pub fn activity(&self) -> Activity {
        if self.incremental {
            Activity::IncrementalQuery
        } else {
            Activity::Query
        }
    }

    /// The local date a date-based filter evaluates at `at` (the birthdays of that day):
    /// the execution's own date, even for a late run standing for an earlier slot.
    /// `None` for a filter that reads no date.
    pub fn evaluated_day(&self, cal: &Calendar, at: Instant) -> Option<NaiveDate> {
        (self.filter == Filter::Birthday).then(|| cal.local_date(at))
    }

    /// A plain "everyone" query: it returns exactly the base at the instant.
    pub fn whole_base(&self) -> bool {
        self.filter == Filter::All && !self.incremental
    }

    /// Why recipient `i` is not returned at `at` (`None`: it is), given the last
    /// instant this query returned it before `at` (`None`: never). The same checks,
    /// in the same order, as [`Query::run`]: in the base, the filter, the history.
    pub fn excludes(
        &self,
        pop: &Population,
        cal: &Calendar,
        i: u32,
        at: Instant,
        last_returned: Option<Instant>,
    ) -> Option<Exclusion> {
        let created = pop.created(i);
        if !in_base(created, at) {
            return created.map(|created| Exclusion::NotYetInBase { created });
        }
        if self.filter == Filter::Birthday {
            let Some(b) = pop.birthday(i) else {
                return Some(Exclusion::NoBirthday);
            };
            let (month, day) = (b.month(), b.day());
            if !birthday_matches((month, day), cal.local_date(at), self.leap_day) {
                return Some(Exclusion::BirthdayMismatch { month, day });
            }
        }
        if self.incremental {
            let since = last_returned?;
            if let Some(until) = blocked_until(since, self.history_days, at) {
                return Some(Exclusion::InHistory { since, until });
            }
        }
        None
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

/// The Query activity of one workflow: its rule, its history (incremental only) and
/// the list it returned last.
#[derive(Clone, Debug)]
pub struct Query {
    rule: Rule,
    history: History,
    /// The previous execution's instant (lets an "everyone, history forever"
    /// incremental query look only at recipients created since then).
    prev_at: Option<Instant>,
    out: Vec<u32>,
}

impl Query {
    /// The query of `spec` over a base of `n` recipients.
    pub fn new(spec: &QuerySpec, n: usize) -> Query {
        let rule = Rule::of(spec);
        Query {
            history: History::new(if rule.incremental { n } else { 0 }, rule.history_days),
            rule,
            prev_at: None,
            out: Vec::new(),
        }
    }

    /// Its rule.
    pub fn rule(&self) -> &Rule {
        &self.rule
    }

    /// Runs the query at `at`: the recipients in the base, of the filter, not in the
    /// incremental history, which then records them at `at`. A plain "everyone"
    /// query returns the base's created-order prefix in place (no copy: at a million
    /// recipients the send loop is bound by memory traffic).
    pub fn run<'a>(&'a mut self, pop: &'a Population, cal: &Calendar, at: Instant) -> &'a [u32] {
        let prev_at = self.prev_at.replace(at);
        if self.rule.whole_base() {
            return pop.in_base(at);
        }
        let rule = self.rule;
        let history = &self.history;
        let out = &mut self.out;
        out.clear();
        let free = |i: u32| !rule.incremental || history.blocks(i, at).is_none();
        match rule.filter {
            Filter::All => {
                let candidates = match prev_at {
                    // Every earlier execution returned everyone in its base and the
                    // history never expires: only the newcomers can be returned.
                    Some(p) if rule.incremental && rule.history_days == 0 => {
                        pop.created_between(p, at)
                    }
                    _ => pop.in_base(at),
                };
                out.extend(candidates.iter().copied().filter(|i| free(*i)));
            }
            Filter::Birthday => {
                let today = rule
                    .evaluated_day(cal, at)
                    .unwrap_or_else(|| cal.local_date(at));
                let (keys, n) = birthday_keys(today, rule.leap_day);
                for &(m, d) in keys.get(..n).unwrap_or(&[]) {
                    out.extend(
                        pop.born_on(m, d)
                            .iter()
                            .copied()
                            .filter(|i| in_base(pop.created(*i), at) && free(*i)),
                    );
                }
            }
        }
        if rule.incremental {
            for &i in out.iter() {
                self.history.record(i, at);
            }
        }
        &self.out
    }
}

/// The Query activity's port: returns its recipients (none: the delivery does not
/// run), records how many it returned as the execution's `targeted`, and says which
/// day a date-based filter read.
impl Port for Query {
    fn kind(&self) -> Activity {
        self.rule.activity()
    }

    fn step<'a>(&'a mut self, cx: &mut Context<'a, '_>, _handed: &'a [u32]) -> Handoff<'a> {
        let (pop, cal, ex) = (cx.pop, cx.cal, cx.execution);
        let day = self.rule.evaluated_day(cal, ex.at);
        // A late run stands for an earlier slot: its birthdays are not taken.
        let slot_day = self
            .rule
            .evaluated_day(cal, ex.scheduled)
            .filter(|d| Some(*d) != day);
        let targeted = self.run(pop, cal, ex.at);
        let count = targeted.len() as u32;
        cx.record.targeted = count;
        let mut lines = Lines::default();
        if targeted.is_empty() {
            // Nobody returned: the delivery activity does not run.
            lines.push(JournalMessage::QueryEmpty { day, slot_day }, 0);
            return Handoff {
                recipients: None,
                count,
                lines,
            };
        }
        lines.push(JournalMessage::QueryDone { day, slot_day }, count);
        Handoff {
            recipients: Some(targeted),
            count,
            lines,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::base::population::BaseSpec;
    use crate::engine::doc::{Recipient, Recipients};

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
        // The day's own birthdays always.
        assert!(birthday_matches((3, 1), date(2026, 3, 1), LeapDay::Mar1));
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

    fn base(birthdays: &[Option<&str>]) -> (Population, Calendar) {
        let recipients: Recipients = birthdays
            .iter()
            .enumerate()
            .map(|(k, b)| Recipient {
                id: k as u64 + 1,
                email: format!("r{k}@x.test"),
                created: None,
                birthday: b.map(str::to_string),
                bounce: Default::default(),
                unsubscribed: None,
            })
            .collect();
        let cal = Calendar::new(crate::tz::Zone::named("UTC").unwrap(), 2026);
        let spec = BaseSpec {
            recipients: &recipients,
            generated: None,
            seed: 0,
        };
        (Population::build(spec, &cal), cal)
    }

    #[test]
    fn what_the_run_returns_the_explanation_lets_through() {
        let (pop, cal) = base(&[Some("1990-03-01"), Some("1992-02-29"), None]);
        let spec = QuerySpec {
            filter: Filter::Birthday,
            incremental: true,
            ..QuerySpec::default()
        };
        let mut q = Query::new(&spec, pop.len());
        let at = cal.instant(date(2026, 3, 1).and_hms_opt(9, 0, 0).unwrap());
        assert_eq!(q.run(&pop, &cal, at).to_vec(), vec![0, 1]);
        let rule = *q.rule();
        for i in 0..3 {
            let returned = [0, 1].contains(&i);
            assert_eq!(rule.excludes(&pop, &cal, i, at, None).is_none(), returned);
        }
        assert_eq!(
            rule.excludes(&pop, &cal, 2, at, None),
            Some(Exclusion::NoBirthday)
        );
        // The next year's run would find them in the history (forever).
        assert!(q.run(&pop, &cal, at + 365 * DAY).is_empty());
        assert_eq!(
            rule.excludes(&pop, &cal, 0, at + DAY, Some(at)),
            Some(Exclusion::BirthdayMismatch { month: 3, day: 1 })
        );
    }

    #[test]
    fn everyone_returns_the_base_in_creation_order() {
        let (pop, cal) = base(&[None, None]);
        let mut q = Query::new(&QuerySpec::default(), pop.len());
        assert_eq!(q.run(&pop, &cal, cal.horizon_start).len(), 2);
        assert_eq!(q.rule().activity(), Activity::Query);
    }

    /// The port alone: a query that returns nobody hands on nothing, so the
    /// activities after it do not run.
    #[test]
    fn an_empty_query_stops_the_walk() {
        use crate::engine::activity::port::{Context, Port, Run};
        use crate::engine::activity::scheduler::Execution;
        use crate::engine::record::execution::ExecutionRecord;
        use crate::engine::record::journal::JournalMessage;
        let (pop, cal) = base(&[Some("1990-03-01")]);
        let spec = QuerySpec {
            filter: Filter::Birthday,
            ..QuerySpec::default()
        };
        let mut q = Query::new(&spec, pop.len());
        let mut run = Run::default();
        let mut step = |q: &mut Query, at: Instant| {
            let execution = Execution {
                at,
                scheduled: at,
                caught_up: false,
                dst: None,
            };
            let mut cx = Context {
                execution,
                index: 0,
                workflow: 0,
                arbitrated: false,
                pop: &pop,
                cal: &cal,
                run: &mut run,
                record: ExecutionRecord {
                    workflow: 0,
                    at,
                    scheduled: at,
                    caught_up: false,
                    targeted: 9,
                    delivery: None,
                    rows_start: 0,
                    rows_end: 0,
                    content_version: 1,
                    sent: 0,
                    failed: 0,
                    ignored: 0,
                },
            };
            let out = q.step(&mut cx, &[]);
            let lines: Vec<JournalMessage> = out.lines.iter().map(|(m, _)| m).collect();
            (
                out.recipients.map(<[u32]>::to_vec),
                out.count,
                lines,
                cx.record.targeted,
            )
        };
        let march_1 = cal.instant(date(2026, 3, 1).and_hms_opt(9, 0, 0).unwrap());
        let (handed, count, lines, targeted) = step(&mut q, march_1);
        assert_eq!((handed, count, targeted), (Some(vec![0]), 1, 1));
        assert!(matches!(lines[..], [JournalMessage::QueryDone { .. }]));
        let (handed, count, lines, targeted) = step(&mut q, march_1 + DAY);
        assert_eq!((handed, count, targeted), (None, 0, 0));
        assert!(matches!(lines[..], [JournalMessage::QueryEmpty { .. }]));
        assert_eq!(q.kind(), Activity::Query);
    }
}
