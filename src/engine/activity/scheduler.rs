//! Planned slots, outages and missed runs: the Scheduler activity.
//!
//! Slots are generated on the local calendar (dates × times of day), turned into
//! instants by the contract's DST rule ([`Calendar::instant`]), deduplicated and
//! sorted. Outages and the missed-runs policy then turn slots into executions.
//!
//! Ticks: the real server checks its schedulers on a tick and fires at the first tick
//! at or after a slot. With the contract's minute-precision times and a one-minute
//! tick, that tick *is* the slot, and a catch-up fires at the outage's end exactly, so
//! by default the engine works on exact instants (a document with seconds in a time
//! still gets the contract's exact result). The extension `tick_minutes` makes the
//! tick coarser: a slot is due at its tick, is missed when that tick falls in an
//! outage, several slots due at one tick fire once (for the latest of them, as the
//! real scheduler sees one due state per check), and a catch-up runs at the first
//! tick at or after the outage end.

pub use crate::engine::calendar::DstShift;
use crate::engine::calendar::{Calendar, Instant};
use crate::engine::doc::{
    self, parse_local_datetime, parse_month_day, parse_time, Frequency, MissedRuns, Outage,
    SchedulerSpec,
};
use crate::engine::record::journal::JournalMessage;
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use serde::Serialize;
use std::cmp::Reverse;

/// One execution of the Scheduler's outbound transition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Execution {
    /// When it runs.
    pub at: Instant,
    /// The planned slot it stands for (`at` itself unless caught up).
    pub scheduled: Instant,
    /// A late run at the end of an outage.
    pub caught_up: bool,
    /// The daylight-saving rule that placed its slot, if one did.
    pub dst: Option<DstShift>,
}

impl Execution {
    /// The Scheduler's journal line for it: it fired for its slot, late or not, and
    /// whether the daylight-saving rule placed that slot.
    pub fn fired(&self) -> JournalMessage {
        JournalMessage::SchedulerFired {
            scheduled: self.scheduled,
            caught_up: self.caught_up,
            dst: self.dst,
        }
    }
}

/// An execution's place in the contract's order of every workflow's executions
/// (scenario-contract, "Order"): by instant; at one instant, a higher workflow
/// priority first, then the workflow's position in `workflows`. A workflow's own
/// executions at one instant keep their order (catch-ups before planned slots), so
/// two of them have equal turns. The simulation merges the workflows' executions by
/// it; the explanations say with it why one message counted before another.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Turn {
    at: Instant,
    priority: Reverse<i64>,
    workflow: u16,
}

impl Turn {
    /// The turn of an execution at `at` of workflow `workflow` (its position) of
    /// priority `priority`.
    pub fn new(at: Instant, priority: i64, workflow: u16) -> Turn {
        Turn {
            at,
            priority: Reverse(priority),
            workflow,
        }
    }
}

/// Why an execution ran before another at the same instant, by the contract's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "because", rename_all = "snake_case")]
pub enum RanBefore {
    /// Its workflow's priority (`priority`) is higher than the other's (`over`).
    HigherPriority { priority: i64, over: i64 },
    /// Both workflows have priority `priority`; its workflow comes earlier in
    /// `workflows` (position `position`, the other's `over`, from 0).
    EarlierInDocument {
        priority: i64,
        position: u16,
        over: u16,
    },
    /// The same workflow: an earlier of its executions at that instant (a catch-up
    /// runs before the planned slot's own execution).
    SameWorkflow,
}

impl RanBefore {
    /// Why `first` ran before `then` at their instant: `None` when they are not at
    /// one instant, or when `first` does not come first.
    ///
    /// ```
    /// use campaign_sim::engine::activity::scheduler::{RanBefore, Turn};
    /// let birthday = Turn::new(100, 10, 1);
    /// let newsletter = Turn::new(100, 0, 0);
    /// assert_eq!(RanBefore::between(birthday, newsletter),
    ///            Some(RanBefore::HigherPriority { priority: 10, over: 0 }));
    /// assert_eq!(RanBefore::between(newsletter, birthday), None);
    /// ```
    pub fn between(first: Turn, then: Turn) -> Option<RanBefore> {
        if first.at != then.at || first > then {
            return None;
        }
        let (Reverse(priority), Reverse(over)) = (first.priority, then.priority);
        Some(if priority != over {
            RanBefore::HigherPriority { priority, over }
        } else if first.workflow != then.workflow {
            RanBefore::EarlierInDocument {
                priority,
                position: first.workflow,
                over: then.workflow,
            }
        } else {
            RanBefore::SameWorkflow
        })
    }
}

/// The server's downtime, shared by every workflow: the merged outages and what
/// happens to the slots that fall in them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Downtime {
    outages: Vec<(Instant, Instant)>,
    missed_runs: MissedRuns,
}

impl Downtime {
    /// The document's `outages` as merged instant intervals `[from, to)`, sorted
    /// (overlapping or touching outages are one), with the `missed_runs` policy.
    pub fn new(outages: &[Outage], missed_runs: MissedRuns, cal: &Calendar) -> Downtime {
        let mut spans: Vec<(Instant, Instant)> = outages
            .iter()
            .filter_map(|o| {
                let from = cal.instant(parse_local_datetime(&o.from)?);
                let to = cal.instant(parse_local_datetime(&o.to)?);
                (to > from).then_some((from, to))
            })
            .collect();
        spans.sort_unstable();
        let mut merged: Vec<(Instant, Instant)> = Vec::with_capacity(spans.len());
        for (from, to) in spans {
            match merged.last_mut() {
                Some(last) if from <= last.1 => last.1 = last.1.max(to),
                _ => merged.push((from, to)),
            }
        }
        Downtime {
            outages: merged,
            missed_runs,
        }
    }

    /// The merged outages `[from, to)`, sorted.
    pub fn outages(&self) -> &[(Instant, Instant)] {
        &self.outages
    }
}

/// The Scheduler activity of one workflow: its spec read on the calendar, and its
/// planned slots (computed once).
#[derive(Clone, Debug, PartialEq)]
pub struct Scheduler {
    cal: Calendar,
    slots: Vec<Instant>,
    /// The validity period, local dates, both inclusive.
    validity: (NaiveDate, NaiveDate),
    /// `once`: its single slot (`None` for the other frequencies).
    once: Option<Instant>,
    max_runs: Option<usize>,
    /// The server's tick, seconds (1: exact instants).
    tick: i64,
    /// Slots the daylight-saving rule placed, sorted by slot.
    shifts: Vec<(Instant, DstShift)>,
}

impl Scheduler {
    /// The scheduler of `spec` in the calendar's zone and year.
    ///
    /// ```
    /// use campaign_sim::engine::{activity::scheduler::Scheduler, calendar::Calendar, doc};
    /// let spec: doc::SchedulerSpec = serde_json::from_str(
    ///     r#"{"frequency":"weekly","days":["mon"],"times":["09:00"],"max_runs":3}"#).unwrap();
    /// let s = Scheduler::new(&spec, &Calendar::new(campaign_sim::tz::Zone::named("UTC").unwrap(), 2026));
    /// assert_eq!(s.planned_slots().len(), 52);
    /// assert_eq!(s.schedule().len(), 3);
    /// ```
    pub fn new(spec: &SchedulerSpec, cal: &Calendar) -> Scheduler {
        let once = (spec.frequency == Frequency::Once).then(|| {
            spec.at
                .as_deref()
                .and_then(parse_local_datetime)
                .map_or(cal.horizon_start, |l| cal.instant(l))
        });
        let (slots, shifts) = planned_slots(spec, cal);
        Scheduler {
            slots,
            shifts,
            cal: *cal,
            validity: spec.validity(cal.year),
            once,
            max_runs: spec.max_runs(),
            tick: tick_seconds(spec),
        }
    }

    /// The validity period as local dates, both inclusive (default: the simulated
    /// year).
    pub fn validity(&self) -> (NaiveDate, NaiveDate) {
        self.validity
    }

    /// All planned slots: every slot of the validity period inside the horizon, as
    /// instants, deduplicated and sorted. Ignores outages and `max_runs`.
    pub fn planned_slots(&self) -> &[Instant] {
        &self.slots
    }

    /// What `campaign-sim schedule` prints: the planned slots, truncated to
    /// `max_runs`.
    pub fn schedule(&self) -> &[Instant] {
        let n = self.max_runs.unwrap_or(usize::MAX);
        self.slots.get(..n).unwrap_or(&self.slots)
    }

    /// The ordered executions of the year: planned slots outside outages run on time;
    /// slots missed in an outage follow `missed_runs`, catch-ups running at the
    /// outage's end (dropped when that is outside the horizon, first when they share
    /// an instant with a planned slot); then `max_runs` keeps the first executions.
    pub fn executions(&self, downtime: &Downtime) -> Vec<Execution> {
        executions(self, downtime)
    }

    /// The next `n` planned executions strictly after `after`, as the Scheduler's
    /// preview shows them: planned slots (the preview cannot know future outages),
    /// and no more than `max_runs` leaves once the executions up to `after` are
    /// counted.
    pub fn preview(&self, downtime: &Downtime, after: Instant, n: usize) -> Vec<Instant> {
        let done = match self.max_runs {
            Some(_) => self
                .executions(downtime)
                .iter()
                .filter(|e| e.at <= after)
                .count(),
            None => 0,
        };
        self.next_slots(after, n, done)
    }

    /// [`Scheduler::preview`] when `done` executions ran at or before `after` (what an
    /// outcome knows without recomputing them): the next `n` planned slots strictly
    /// after `after`, no more than `max_runs` leaves.
    pub fn next_slots(&self, after: Instant, n: usize, done: usize) -> Vec<Instant> {
        let n = match self.max_runs {
            Some(max) => n.min(max.saturating_sub(done)),
            None => n,
        };
        let first = self.slots.partition_point(|t| *t <= after);
        self.slots
            .get(first..)
            .unwrap_or(&[])
            .iter()
            .copied()
            .take(n)
            .collect()
    }

    /// When no execution can come any more, given the instants the workflow ran at:
    /// `max_runs` reached (the last execution), a single `once` slot done, or the
    /// validity period over (at the latest, the horizon end).
    pub fn finished_at(&self, runs: &[Instant]) -> Instant {
        let cal = &self.cal;
        let last = runs.last().copied();
        if self.max_runs.is_some_and(|max| runs.len() >= max) {
            return last.unwrap_or(cal.horizon_start);
        }
        // The day after the validity ends (the horizon end for the default validity).
        let end = self.once.unwrap_or_else(|| {
            self.validity
                .1
                .succ_opt()
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .map_or(cal.horizon_end, |l| cal.instant(l))
        });
        let end = end.max(cal.horizon_start);
        // A catch-up may run after the validity end.
        last.map_or(end, |l| l.max(end)).min(cal.horizon_end)
    }

    /// The planned slots that fell in an outage and did not run on time (whatever the
    /// `missed_runs` policy then did with them), sorted: the calendar's missed slots.
    pub fn missed_slots(&self, downtime: &Downtime) -> Vec<Instant> {
        self.slots
            .iter()
            .copied()
            .filter(|slot| outage_at(&downtime.outages, next_tick(*slot, self.tick)).is_some())
            .collect()
    }

    /// How the daylight-saving rule placed the slot `slot`, if it did.
    pub fn dst_of(&self, slot: Instant) -> Option<DstShift> {
        self.shifts
            .binary_search_by_key(&slot, |(at, _)| *at)
            .ok()
            .and_then(|i| self.shifts.get(i))
            .map(|(_, d)| *d)
    }

    /// Planned slots in `[from, to)`: those an outage made the scheduler miss.
    pub fn slots_in(&self, from: Instant, to: Instant) -> usize {
        let slots = &self.slots;
        slots.partition_point(|t| *t < to) - slots.partition_point(|t| *t < from)
    }
}

/// All planned slots of `sc` (see [`Scheduler::planned_slots`]) and those the
/// daylight-saving rule placed.
fn planned_slots(sc: &SchedulerSpec, cal: &Calendar) -> (Vec<Instant>, Vec<(Instant, DstShift)>) {
    let (start, end) = sc.validity(cal.year);
    let mut locals: Vec<NaiveDateTime> = Vec::new();
    if sc.frequency == Frequency::Once {
        if let Some(at) = sc.at.as_deref().and_then(parse_local_datetime) {
            if at.date() >= start && at.date() <= end {
                locals.push(at);
            }
        }
    } else {
        // Local dates of the year, one day either side: a slot's instant decides
        // whether it is in the horizon, so an odd zone cannot lose an edge slot.
        let (Some(y0), Some(y1)) = (
            NaiveDate::from_ymd_opt(cal.year, 1, 1).and_then(|d| d.pred_opt()),
            NaiveDate::from_ymd_opt(cal.year, 12, 31).and_then(|d| d.succ_opt()),
        ) else {
            return (Vec::new(), Vec::new());
        };
        let from = y0.max(start);
        let to = y1.min(end);
        let times = times_of_day(sc);
        let mut day = from;
        while day <= to {
            if date_matches(sc, start, day) {
                for t in &times {
                    locals.push(day.and_time(*t));
                }
            }
            match day.succ_opt() {
                Some(next) => day = next,
                None => break,
            }
        }
    }
    let mut shifts: Vec<(Instant, DstShift)> = Vec::new();
    let mut out: Vec<Instant> = locals
        .into_iter()
        .filter_map(|l| {
            let at = cal.instant(l);
            if !cal.in_horizon(at) {
                return None;
            }
            if let Some(shift) = cal.dst_shift(l, at) {
                shifts.push((at, shift));
            }
            Some(at)
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    shifts.sort_unstable_by_key(|(at, _)| *at);
    shifts.dedup_by_key(|(at, _)| *at);
    (out, shifts)
}

/// The times of day at which a matching date has slots.
fn times_of_day(sc: &SchedulerSpec) -> Vec<NaiveTime> {
    if sc.frequency == Frequency::Periodic {
        let (Some(interval), Some([a, b])) = (sc.interval_minutes, sc.window.as_ref()) else {
            return Vec::new();
        };
        let (Some(a), Some(b)) = (parse_time(a), parse_time(b)) else {
            return Vec::new();
        };
        if interval < 1 {
            return Vec::new();
        }
        // Local wall-clock steps: window[0], window[0]+interval, … up to window[1].
        let mut out = Vec::new();
        let mut t = a;
        loop {
            out.push(t);
            let (next, wrapped) = t.overflowing_add_signed(Duration::minutes(interval.min(1440)));
            if wrapped != 0 || next > b || next <= t {
                break;
            }
            t = next;
        }
        out
    } else {
        let mut out: Vec<NaiveTime> = sc.times.iter().filter_map(|t| parse_time(t)).collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

fn weekday(d: doc::Weekday) -> Weekday {
    d.to_chrono()
}

/// Does the local date carry slots? `start` anchors period 0 of `every`.
fn date_matches(sc: &SchedulerSpec, start: NaiveDate, day: NaiveDate) -> bool {
    let every = sc.every.max(1);
    match sc.frequency {
        Frequency::Once => false,
        Frequency::Periodic => true,
        Frequency::Daily => (day - start).num_days().rem_euclid(every) == 0,
        Frequency::Weekly => {
            let monday =
                |d: NaiveDate| d - Duration::days(i64::from(d.weekday().num_days_from_monday()));
            let weeks = (monday(day) - monday(start)).num_days().div_euclid(7);
            weeks.rem_euclid(every) == 0 && sc.days.iter().any(|w| weekday(*w) == day.weekday())
        }
        Frequency::Monthly => {
            let months = (i64::from(day.year()) * 12 + i64::from(day.month0()))
                - (i64::from(start.year()) * 12 + i64::from(start.month0()));
            if months.rem_euclid(every) != 0 {
                return false;
            }
            if !sc.months.is_empty() && !sc.months.contains(&day.month()) {
                return false;
            }
            let last = last_day_of_month(day);
            if let Some(nth) = &sc.nth_weekday {
                if day.weekday() != weekday(nth.day) {
                    return false;
                }
                let index = (day.day0() / 7) as i32 + 1; // 1st..5th occurrence
                match nth.nth {
                    -1 => day.day() + 7 > last,
                    n => n == index,
                }
            } else {
                sc.month_days.iter().any(|md| match *md {
                    -1 => day.day() == last,
                    n => u32::try_from(n).is_ok_and(|n| n == day.day()),
                })
            }
        }
        Frequency::Yearly => sc
            .dates
            .iter()
            .filter_map(|d| parse_month_day(d))
            .any(|(m, d)| m == day.month() && d == day.day()),
    }
}

fn last_day_of_month(day: NaiveDate) -> u32 {
    let (y, m) = if day.month() == 12 {
        (day.year() + 1, 1)
    } else {
        (day.year(), day.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)
        .and_then(|d| d.pred_opt())
        .map(|d| d.day())
        .unwrap_or(28)
}

/// See [`Scheduler::executions`].
fn executions(sc: &Scheduler, downtime: &Downtime) -> Vec<Execution> {
    let (slots, cal, tick) = (&sc.slots, &sc.cal, sc.tick);
    let outages = &downtime.outages;
    // (at, 0 = catch-up / 1 = on time, scheduled): sorting gives the contract's order.
    let mut runs: Vec<(Instant, u8, Instant)> = Vec::with_capacity(slots.len());
    let mut missed: Vec<Vec<Instant>> = vec![Vec::new(); outages.len()];
    for &slot in slots {
        let due = next_tick(slot, tick);
        match outage_at(outages, due) {
            Some(i) => {
                if let Some(m) = missed.get_mut(i) {
                    m.push(slot);
                }
            }
            _ if !cal.in_horizon(due) => {}
            // Slots are sorted, so ticks are too: a slot due at the same tick as the
            // previous one replaces it (one firing per tick, for the latest slot).
            // Without a tick setting slots are distinct instants and this never fires.
            _ => match runs.last_mut() {
                Some(last) if last.0 == due => last.2 = slot,
                _ => runs.push((due, 1, slot)),
            },
        }
    }
    for ((_, to), slots) in outages.iter().zip(&missed) {
        let at = next_tick(*to, tick);
        if slots.is_empty() || !cal.in_horizon(at) {
            continue;
        }
        match downtime.missed_runs {
            MissedRuns::Once => {
                if let Some(latest) = slots.last() {
                    runs.push((at, 0, *latest));
                }
            }
            MissedRuns::All => runs.extend(slots.iter().map(|slot| (at, 0, *slot))),
            MissedRuns::Skip => {}
        }
    }
    runs.sort_unstable();
    let mut out: Vec<Execution> = runs
        .into_iter()
        .map(|(at, kind, scheduled)| Execution {
            at,
            scheduled,
            caught_up: kind == 0,
            dst: sc.dst_of(scheduled),
        })
        .collect();
    if let Some(n) = sc.max_runs {
        out.truncate(n);
    }
    out
}

/// The outage (its index) the instant `due` falls in, if any: outages are sorted and
/// disjoint, so the only candidate is the last one starting at or before it.
fn outage_at(outages: &[(Instant, Instant)], due: Instant) -> Option<usize> {
    let i = outages
        .partition_point(|(from, _)| *from <= due)
        .checked_sub(1)?;
    outages.get(i).is_some_and(|(_, to)| due < *to).then_some(i)
}

/// The scheduler tick in seconds; 1 s (exact instants) unless `tick_minutes` is set.
fn tick_seconds(sc: &SchedulerSpec) -> i64 {
    sc.tick_minutes
        .filter(|m| (1..=1440).contains(m))
        .map_or(1, |m| m * 60)
}

/// The first tick at or after `t` (ticks at multiples of `tick` since the epoch).
fn next_tick(t: Instant, tick: i64) -> Instant {
    let tick = tick.max(1);
    t.div_euclid(tick) * tick + if t.rem_euclid(tick) == 0 { 0 } else { tick }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cal() -> Calendar {
        Calendar::new(crate::tz::Zone::named("UTC").unwrap(), 2026)
    }

    fn spec(json: &str) -> SchedulerSpec {
        serde_json::from_str(json).expect("test spec")
    }

    fn at(s: &str) -> Instant {
        cal().instant(parse_local_datetime(s).expect("test date-time"))
    }

    fn outage(from: &str, to: &str) -> Outage {
        Outage {
            from: from.into(),
            to: to.into(),
        }
    }

    #[test]
    fn touching_and_overlapping_outages_merge() {
        let d = Downtime::new(
            &[
                outage("2026-03-02T00:00", "2026-03-03T00:00"),
                outage("2026-03-01T00:00", "2026-03-02T00:00"),
                outage("2026-03-02T12:00", "2026-03-04T00:00"),
                outage("2026-05-01T00:00", "2026-05-01T01:00"),
            ],
            MissedRuns::Once,
            &cal(),
        );
        assert_eq!(
            d.outages(),
            &[
                (at("2026-03-01T00:00"), at("2026-03-04T00:00")),
                (at("2026-05-01T00:00"), at("2026-05-01T01:00"))
            ]
        );
    }

    #[test]
    fn missed_slots_follow_the_policy_and_catch_ups_come_first() {
        let sc = Scheduler::new(
            &spec(r#"{"frequency":"daily","times":["09:00"],"end":"2026-01-05"}"#),
            &cal(),
        );
        // Down from the 2nd 08:00 to the 4th 09:00: the 2nd and 3rd are missed; the
        // catch-up runs at 09:00 on the 4th, before the 4th's own slot.
        let out = [outage("2026-01-02T08:00", "2026-01-04T09:00")];
        let runs = |policy| sc.executions(&Downtime::new(&out, policy, &cal()));
        let once = runs(MissedRuns::Once);
        assert_eq!(once.len(), 4);
        assert_eq!(
            once[1],
            Execution {
                at: at("2026-01-04T09:00"),
                scheduled: at("2026-01-03T09:00"),
                caught_up: true,
                dst: None,
            }
        );
        assert!(!once[2].caught_up && once[2].at == once[1].at);
        assert_eq!(runs(MissedRuns::All).len(), 5);
        assert_eq!(runs(MissedRuns::Skip).len(), 3);
        assert_eq!(
            sc.slots_in(at("2026-01-02T08:00"), at("2026-01-04T09:00")),
            2
        );
        // The calendar's missed slots are the 2nd and the 3rd, whatever the policy.
        for policy in [MissedRuns::Once, MissedRuns::All, MissedRuns::Skip] {
            assert_eq!(
                sc.missed_slots(&Downtime::new(&out, policy, &cal())),
                vec![at("2026-01-02T09:00"), at("2026-01-03T09:00")]
            );
        }
        // A slot whose tick falls in the outage is missed even if the slot is before it.
        let ticked = Scheduler::new(
            &spec(
                r#"{"frequency":"daily","times":["09:01"],"end":"2026-01-05","tick_minutes":15}"#,
            ),
            &cal(),
        );
        let late = [outage("2026-01-02T09:10", "2026-01-02T10:00")];
        assert_eq!(
            ticked.missed_slots(&Downtime::new(&late, MissedRuns::Once, &cal())),
            vec![at("2026-01-02T09:01")]
        );
    }

    #[test]
    fn the_daylight_saving_rule_is_named_on_the_slots_it_placed() {
        let paris = Calendar::new(crate::tz::Zone::named("Europe/Paris").unwrap(), 2026);
        let sc = Scheduler::new(&spec(r#"{"frequency":"daily","times":["02:30"]}"#), &paris);
        let local = |s: &str| parse_local_datetime(s).unwrap();
        let runs = sc.executions(&Downtime::default());
        let shifted: Vec<&Execution> = runs.iter().filter(|e| e.dst.is_some()).collect();
        assert_eq!(shifted.len(), 2, "one gap day, one repeated day");
        // 29 Mar: 02:30 does not exist; read with CET it is 03:30 CEST (01:30 UTC).
        assert_eq!(
            shifted[0].dst,
            Some(DstShift {
                planned: local("2026-03-29T02:30"),
                ran: local("2026-03-29T03:30"),
                offset: 7200,
                gap: true
            })
        );
        assert_eq!(paris.local(shifted[0].at), local("2026-03-29T03:30"));
        assert_eq!(
            crate::engine::calendar::utc_naive(shifted[0].at),
            local("2026-03-29T01:30")
        );
        // 25 Oct: 02:30 happens twice; the first (CEST, 00:30 UTC) runs.
        assert_eq!(
            shifted[1].dst,
            Some(DstShift {
                planned: local("2026-10-25T02:30"),
                ran: local("2026-10-25T02:30"),
                offset: 7200,
                gap: false
            })
        );
        assert_eq!(paris.offset_seconds(shifted[1].at), 7200);
        // An ordinary day carries no note.
        assert!(runs.iter().filter(|e| e.dst.is_none()).count() == 363);
    }

    #[test]
    fn max_runs_caps_executions_schedule_preview_and_the_end() {
        let sc = Scheduler::new(
            &spec(r#"{"frequency":"weekly","days":["mon"],"times":["09:00"],"max_runs":2}"#),
            &cal(),
        );
        let none = Downtime::default();
        let runs: Vec<Instant> = sc.executions(&none).iter().map(|e| e.at).collect();
        assert_eq!(runs, vec![at("2026-01-05T09:00"), at("2026-01-12T09:00")]);
        assert_eq!(sc.schedule(), &runs[..]);
        assert_eq!(sc.planned_slots().len(), 52);
        assert_eq!(sc.preview(&none, runs[0], 5), vec![runs[1]]);
        assert_eq!(sc.finished_at(&runs), runs[1]);
        // Without max_runs the validity end (here the year's end) finishes it.
        let all = Scheduler::new(
            &spec(r#"{"frequency":"weekly","days":["mon"],"times":["09:00"],"end":"2026-06-30"}"#),
            &cal(),
        );
        assert_eq!(all.finished_at(&[]), at("2026-07-01T00:00"));
    }
}
