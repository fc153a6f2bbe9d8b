//! The result of a simulated year, stored compactly, with cheap "as of T" views.
//!
//! Executions, deliveries and broadLog rows are in time order, tracking rows are
//! sorted by time, so the state as of an instant is a set of prefixes found by
//! binary search.

use crate::engine::activity::delivery::{version_at, versions_until};
use crate::engine::activity::query::Rule;
use crate::engine::activity::scheduler::Scheduler;
use crate::engine::activity::tracking::CHECKPOINT;
use crate::engine::base::population::Population;
use crate::engine::calendar::{Calendar, Instant};
use crate::engine::doc::{Aggregation, Mode, Typology};
use crate::engine::record::journal::{Activity, JournalEntry, TransitionCounts, WorkflowState};
use crate::engine::record::kpi::{Counters, Kpis};
use crate::engine::record::logs::{
    unpack_kind, BroadLog, TrackingColumns, TrackingKind, TrackingLog, REASONS,
};
use serde::Serialize;
use std::sync::Arc;

pub use crate::engine::record::delivery::{BroadlogCounts, DeliveryRecord};
pub use crate::engine::record::execution::ExecutionRecord;

/// The state as of an instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Snapshot {
    pub as_of: Instant,
    /// Executions done (`at <= as_of`).
    pub executions: usize,
    /// Deliveries created so far.
    pub deliveries: usize,
    /// broadLog rows so far.
    pub broadlog_rows: usize,
    /// Tracking rows so far.
    pub tracking_rows: usize,
    /// Bytes the logs hold so far (broadLog and tracking columns: [`log_bytes`]).
    pub log_bytes: usize,
    /// Indicators of all deliveries so far.
    pub kpis: Kpis,
    pub state: WorkflowState,
    /// Template content version in force.
    pub content_version: u32,
}

/// What the outcome keeps of each workflow: how it was simulated and what explains
/// its decisions.
#[derive(Clone, Debug, PartialEq)]
pub struct WorkflowRecord {
    /// Its name ("Workflow N" by default).
    pub name: String,
    /// At one instant, executions of a higher priority run first.
    pub priority: i64,
    /// Marketing (subject to the pressure rule) or transactional.
    pub typology: Typology,
    /// The delivery mode simulated (a compared variant's, for the compared workflow).
    pub mode: Mode,
    /// The aggregation simulated (recurring only).
    pub aggregation: Aggregation,
    /// The query's rule (the explanations of "why (not) targeted" call it).
    pub query: Rule,
    /// The instants of its template's content edits, sorted.
    pub edits: Vec<Instant>,
    /// When no execution of it can come any more.
    pub finished_at: Instant,
    /// Its activities after the Scheduler, in the order an execution walks them (the
    /// canvas draws them: see [`Outcome::diagram`]).
    pub activities: Vec<Activity>,
    /// Its Scheduler activity (its planned slots: [`Outcome::preview`]).
    pub scheduler: Arc<Scheduler>,
    /// Its planned slots that fell in an outage and did not run on time, whatever
    /// the missed-runs policy then did with them (the Scheduler's `missed_slots`).
    pub missed_slots: Vec<Instant>,
}

/// Bytes of `broadlog_rows` broadLog rows and `tracking_rows` tracking rows as the
/// logs store them by column.
pub fn log_bytes(broadlog_rows: usize, tracking_rows: usize) -> usize {
    broadlog_rows * BroadLog::BYTES_PER_ROW + tracking_rows * TrackingColumns::BYTES_PER_ROW
}

impl WorkflowRecord {
    /// The versions of its template that exist at `as_of`, oldest first: (version,
    /// the edit that made it; `None` for version 1). An edit after `as_of` has not
    /// happened yet.
    pub fn versions_at(&self, as_of: Instant) -> Vec<(u32, Option<Instant>)> {
        versions_until(&self.edits, as_of)
    }

    /// The content version in force at `as_of`.
    pub fn version_at(&self, as_of: Instant) -> u32 {
        version_at(&self.edits, as_of)
    }
}

/// The outcome of one scenario, with one of its workflows in one delivery mode (a
/// compared variant).
#[derive(Clone, Debug)]
pub struct Outcome {
    pub(crate) calendar: Calendar,
    pub(crate) workflows: Vec<WorkflowRecord>,
    /// The workflow a compared variant applies to (its mode is [`Outcome::mode`]).
    pub(crate) focus: usize,
    pub(crate) population: Arc<Population>,
    pub(crate) executions: Vec<ExecutionRecord>,
    pub(crate) deliveries: Vec<DeliveryRecord>,
    pub(crate) broadlog: BroadLog,
    pub(crate) tracking: TrackingColumns,
    /// Cumulative broadLog counts per reason after each execution.
    pub(crate) exec_prefix: Vec<[u64; REASONS]>,
    /// Counters of tracking rows `[0, k × CHECKPOINT)`.
    pub(crate) checkpoints: Vec<Counters>,
    /// Tracking row indexes grouped by delivery (time order in each group).
    pub(crate) tracking_by_delivery: Vec<u32>,
    pub(crate) delivery_tracking_start: Vec<u32>,
    pub(crate) journal: Vec<JournalEntry>,
    pub(crate) outages: Vec<(Instant, Instant)>,
    /// The pressure rule: (messages, window in seconds).
    pub(crate) pressure: Option<(usize, i64)>,
    /// The document lists its workflows under `workflows` (v2).
    pub(crate) workflow_list: bool,
    /// Per recipient: quarantine and denylist (opt-out) instants, `i64::MAX` = never.
    pub(crate) quarantined_at: Vec<Instant>,
    pub(crate) denylisted_at: Vec<Instant>,
    /// What each activity that ran handed on, execution after execution, in its
    /// workflow's list order; execution `k`'s counts end at `carried_end[k]`.
    pub(crate) carried: Vec<u32>,
    pub(crate) carried_end: Vec<u32>,
}

impl Outcome {
    /// The scenario's calendar.
    pub fn calendar(&self) -> &Calendar {
        &self.calendar
    }

    /// Delivery mode of this outcome (of its compared workflow).
    pub fn mode(&self) -> Mode {
        self.focused().map_or(Mode::Recurring, |w| w.mode)
    }

    /// Aggregation of this outcome (recurring only).
    pub fn aggregation(&self) -> Aggregation {
        self.focused().map_or(Aggregation::None, |w| w.aggregation)
    }

    /// Every workflow, in document order.
    pub fn workflows(&self) -> &[WorkflowRecord] {
        &self.workflows
    }

    /// The document lists its workflows under `workflows` (contract v2), even one.
    pub fn lists_workflows(&self) -> bool {
        self.workflow_list
    }

    /// The pressure rule, if any: (at most this many marketing messages, per this
    /// many seconds).
    pub fn pressure(&self) -> Option<(usize, i64)> {
        self.pressure
    }

    /// The workflow a compared variant applies to (0 for a single workflow).
    pub fn focus(&self) -> usize {
        self.focus
    }

    fn focused(&self) -> Option<&WorkflowRecord> {
        self.workflows.get(self.focus)
    }

    /// Every execution, in order.
    pub fn executions(&self) -> &[ExecutionRecord] {
        &self.executions
    }

    /// Every delivery, by id (index = id − 1).
    pub fn deliveries(&self) -> &[DeliveryRecord] {
        &self.deliveries
    }

    /// The send log.
    pub fn broadlog(&self) -> &BroadLog {
        &self.broadlog
    }

    /// The tracking log (rows sorted by time).
    pub fn tracking(&self) -> TrackingLog<'_> {
        TrackingLog {
            cols: &self.tracking,
            broadlog: &self.broadlog,
        }
    }

    /// The workflow journal, in time order.
    pub fn journal(&self) -> &[JournalEntry] {
        &self.journal
    }

    /// Journal lines at or before `as_of` (a prefix).
    pub fn journal_until(&self, as_of: Instant) -> &[JournalEntry] {
        let n = self.journal.partition_point(|j| j.at <= as_of);
        self.journal.get(..n).unwrap_or(&[])
    }

    /// The recipient base.
    pub fn recipients(&self) -> &Population {
        &self.population
    }

    /// Number of executions done at `as_of` (`at <= as_of`).
    pub fn executions_until(&self, as_of: Instant) -> usize {
        self.executions.partition_point(|e| e.at <= as_of)
    }

    /// broadLog rows written at or before `as_of`.
    fn broadlog_rows_until(&self, as_of: Instant) -> usize {
        self.executions_until(as_of)
            .checked_sub(1)
            .and_then(|k| self.executions.get(k))
            .map_or(0, |e| e.rows_end as usize)
    }

    /// The state as of `as_of`: O(log n).
    pub fn snapshot(&self, as_of: Instant) -> Snapshot {
        let broadlog_rows = self.broadlog_rows_until(as_of);
        let tracking_rows = self.tracking.count_until(as_of);
        Snapshot {
            as_of,
            executions: self.executions_until(as_of),
            deliveries: self.deliveries.partition_point(|d| d.created <= as_of),
            broadlog_rows,
            tracking_rows,
            log_bytes: log_bytes(broadlog_rows, tracking_rows),
            kpis: self.kpis(None, as_of),
            state: self.workflow_state(as_of),
            content_version: self.focused().map_or(1, |w| w.version_at(as_of)),
        }
    }

    /// Indicators as of `as_of`, of one delivery or (None) of all deliveries.
    /// All deliveries: O(log n + 256); one delivery: O(log n + its tracking rows).
    pub fn kpis(&self, delivery: Option<u32>, as_of: Instant) -> Kpis {
        let mut c = Counters::default();
        let k = self.executions_until(as_of);
        match delivery {
            None => {
                if let Some(p) = k.checked_sub(1).and_then(|i| self.exec_prefix.get(i)) {
                    c.reasons = *p;
                }
                let n = self.tracking.count_until(as_of);
                let cp = n / CHECKPOINT;
                if let Some(base) = self.checkpoints.get(cp) {
                    c.add(base);
                }
                for code in self.tracking.code.get(cp * CHECKPOINT..n).unwrap_or(&[]) {
                    c.add_tracking(*code);
                }
            }
            Some(id) => c = self.delivery_counters(id, k, as_of),
        }
        c.kpis()
    }

    /// broadLog and tracking counters of delivery `id` as of `as_of` (`done`:
    /// executions done by then). O(its rows + its tracking rows).
    fn delivery_counters(&self, id: u32, done: usize, as_of: Instant) -> Counters {
        let mut c = Counters::default();
        let Some(d) = id
            .checked_sub(1)
            .and_then(|i| self.deliveries.get(i as usize))
        else {
            return c;
        };
        let first = d.first_execution as usize;
        let last = (d.last_execution as usize + 1).min(done);
        for e in self.executions.get(first..last.max(first)).unwrap_or(&[]) {
            if e.delivery == Some(id) {
                for r in e.rows() {
                    if let Some(reason) = self.broadlog.reason_of(r) {
                        if let Some(x) = c.reasons.get_mut(reason as usize) {
                            *x += 1;
                        }
                    }
                }
            }
        }
        let (Some(a), Some(b)) = (
            self.delivery_tracking_start.get(id as usize - 1),
            self.delivery_tracking_start.get(id as usize),
        ) else {
            return c;
        };
        let group = self
            .tracking_by_delivery
            .get(*a as usize..*b as usize)
            .unwrap_or(&[]);
        let limit = self.tracking.count_until(as_of) as u32;
        let n = group.partition_point(|t| *t < limit);
        for t in group.get(..n).unwrap_or(&[]) {
            if let Some(code) = self.tracking.code.get(*t as usize) {
                c.add_tracking(*code);
            }
        }
        c
    }

    /// The state as of `as_of` of one workflow's part of the year (several workflows
    /// on one base): its executions, deliveries, rows and indicators only. O(its
    /// executions and rows up to `as_of`).
    pub fn snapshot_of(&self, workflow: usize, as_of: Instant) -> Snapshot {
        let done = self.executions_until(as_of);
        let mine = |w: u16| usize::from(w) == workflow;
        let runs = self
            .executions
            .get(..done)
            .unwrap_or(&[])
            .iter()
            .filter(|e| mine(e.workflow));
        let (executions, broadlog_rows) =
            runs.fold((0, 0), |(n, rows), e| (n + 1, rows + e.rows().len()));
        let mut c = Counters::default();
        let mut deliveries = 0;
        for d in self
            .deliveries
            .iter()
            .take_while(|d| d.created <= as_of)
            .filter(|d| mine(d.workflow))
        {
            deliveries += 1;
            c.add(&self.delivery_counters(d.id, done, as_of));
        }
        let tracking_rows = (c.opens + c.clicks + c.optouts + c.mirror) as usize;
        Snapshot {
            as_of,
            executions,
            deliveries,
            broadlog_rows,
            tracking_rows,
            log_bytes: log_bytes(broadlog_rows, tracking_rows),
            kpis: c.kpis(),
            state: self.workflow_state(as_of),
            content_version: self
                .workflows
                .get(workflow)
                .map_or(1, |w| w.version_at(as_of)),
        }
    }

    /// The workflow's state at `as_of`.
    pub fn workflow_state(&self, as_of: Instant) -> WorkflowState {
        if as_of < self.calendar.horizon_start {
            return WorkflowState::BeingEdited;
        }
        if as_of >= self.finished_at() {
            return WorkflowState::Finished;
        }
        let i = self.outages.partition_point(|(from, _)| *from <= as_of);
        match i.checked_sub(1).and_then(|i| self.outages.get(i)) {
            Some((_, to)) if as_of < *to => WorkflowState::Paused,
            _ => WorkflowState::Started,
        }
    }

    /// When the last workflow finished (the horizon end when one ran all year).
    pub fn finished_at(&self) -> Instant {
        self.workflows
            .iter()
            .map(|w| w.finished_at)
            .max()
            .unwrap_or(self.calendar.horizon_start)
    }

    /// The merged outages `[from, to)`.
    pub fn outages(&self) -> &[(Instant, Instant)] {
        &self.outages
    }

    /// What the transitions carried at execution `execution`.
    pub fn transitions(&self, execution: usize) -> TransitionCounts {
        match self.executions.get(execution) {
            None => TransitionCounts::default(),
            Some(e) => TransitionCounts {
                scheduler_to_query: 1,
                query_to_delivery: e.targeted,
                delivery_to_end: e.sent,
                delivery_ran: e.delivery.is_some(),
            },
        }
    }

    /// The next `n` planned executions of workflow `workflow` strictly after `after`,
    /// as its Scheduler's preview shows them ([`Scheduler::preview`]: planned slots, no
    /// future outage known, no more than `max_runs` leaves), from its executions done
    /// by then.
    pub fn preview(&self, workflow: usize, after: Instant, n: usize) -> Vec<Instant> {
        let Some(w) = self.workflows.get(workflow) else {
            return Vec::new();
        };
        let done = self
            .executions
            .get(..self.executions_until(after))
            .unwrap_or(&[])
            .iter()
            .filter(|e| usize::from(e.workflow) == workflow)
            .count();
        w.scheduler.next_slots(after, n, done)
    }

    /// Approximate bytes held by the logs (broadLog + tracking columns).
    pub fn log_bytes(&self) -> usize {
        log_bytes(self.broadlog.len(), self.tracking.len())
    }

    /// Bytes the logs held as of `as_of` (the rows written by then): O(log n).
    pub fn log_bytes_until(&self, as_of: Instant) -> usize {
        log_bytes(
            self.broadlog_rows_until(as_of),
            self.tracking.count_until(as_of),
        )
    }

    /// Kind of tracking row `i` (cheap, for charts).
    pub fn tracking_kind(&self, i: usize) -> Option<TrackingKind> {
        self.tracking.code.get(i).map(|c| unpack_kind(*c))
    }
}

#[cfg(test)]
mod workflow_snapshot_tests {
    use crate::engine::{doc, sim};

    #[test]
    fn the_workflows_snapshots_add_up_to_the_whole_year() {
        let text =
            include_str!("../../../tests/contract/scenarios/several-workflows-one-base.json");
        let o = sim::simulate(&doc::parse(text).unwrap()).unwrap();
        for t in [
            o.calendar().horizon_start + 40 * 86_400,
            o.calendar().horizon_end,
        ] {
            let all = o.snapshot(t);
            let parts: Vec<_> = (0..o.workflows().len())
                .map(|w| o.snapshot_of(w, t))
                .collect();
            let sum = |f: fn(&super::Snapshot) -> u64| parts.iter().map(f).sum::<u64>();
            assert_eq!(sum(|s| s.executions as u64), all.executions as u64);
            assert_eq!(sum(|s| s.deliveries as u64), all.deliveries as u64);
            assert_eq!(sum(|s| s.broadlog_rows as u64), all.broadlog_rows as u64);
            assert_eq!(sum(|s| s.kpis.sent), all.kpis.sent);
            assert_eq!(sum(|s| s.kpis.ignored), all.kpis.ignored);
        }
        // The newsletter (workflow 0): one recurring delivery per Monday.
        let end = o.calendar().horizon_end;
        assert_eq!(o.snapshot_of(0, end).deliveries, 52);
    }
}

#[cfg(test)]
mod versions_tests {
    use crate::engine::{doc, sim};

    /// The versions that exist as of T are the page's old reading of the edits
    /// (1 + the edits at or before T, each dated by its edit), and the one in force is
    /// the snapshot's.
    #[test]
    fn the_versions_as_of_t_are_those_edited_by_then() {
        let text =
            include_str!("../../../tests/contract/scenarios/welcome-continuous-incremental.json");
        let o = sim::simulate(&doc::parse(text).unwrap()).unwrap();
        let w = &o.workflows()[0];
        assert!(!w.edits.is_empty());
        let cal = o.calendar();
        let mut instants = vec![cal.horizon_start, cal.horizon_end];
        for e in &w.edits {
            instants.extend([*e - 1, *e, *e + 1]);
        }
        for t in instants {
            let existing = 1 + w.edits.partition_point(|e| *e <= t) as u32;
            let expected: Vec<(u32, Option<i64>)> = (1..=existing)
                .map(|v| {
                    (
                        v,
                        v.checked_sub(2)
                            .and_then(|k| w.edits.get(k as usize).copied()),
                    )
                })
                .collect();
            assert_eq!(w.versions_at(t), expected);
            assert_eq!(o.snapshot(t).content_version, existing);
        }
    }
}

#[cfg(test)]
mod log_bytes_tests {
    use crate::engine::{doc, sim};

    #[test]
    fn the_logs_size_as_of_t_grows_to_the_whole_year() {
        let text =
            include_str!("../../../tests/contract/scenarios/welcome-continuous-incremental.json");
        let mut s = doc::parse(text).unwrap();
        s.tracking.enabled = true;
        let o = sim::simulate(&s).unwrap();
        assert!(!o.tracking().is_empty());
        let cal = o.calendar();
        let end = cal.horizon_end;
        assert_eq!(o.log_bytes_until(end), o.log_bytes());
        assert_eq!(o.snapshot(end).log_bytes, o.log_bytes());
        assert_eq!(o.log_bytes_until(cal.horizon_start - 1), 0);
        let mut last = 0;
        for d in 0..=365 {
            let t = cal.horizon_start + d * 86_400;
            let s = o.snapshot(t);
            assert_eq!(s.log_bytes, o.log_bytes_until(t));
            assert_eq!(s.log_bytes, s.broadlog_rows * 5 + s.tracking_rows * 7);
            assert!(s.log_bytes >= last);
            last = s.log_bytes;
        }
        // One workflow's part of the year counts its own rows.
        let part = o.snapshot_of(0, end);
        assert_eq!(part.log_bytes, o.log_bytes());
    }
}

#[cfg(test)]
mod preview_tests {
    use crate::engine::{doc, sim};

    /// The outcome's preview is its Scheduler's, at every instant of interest: with
    /// `max_runs`, outages and catch-ups (the executions done by then are the
    /// outcome's own).
    #[test]
    fn the_preview_is_the_schedulers() {
        let texts = [
            include_str!("../../../tests/contract/scenarios/several-workflows-one-base.json")
                .to_string(),
            r#"{"outages":[{"from":"2026-01-01T08:00","to":"2026-01-02T10:00"}],"missed_runs":"all",
               "workflows":[{"scheduler":{"frequency":"daily","times":["09:00"],"max_runs":2}},
                            {"scheduler":{"frequency":"weekly","days":["mon","fri"],"times":["09:00"],"max_runs":5}}]}"#
                .to_string(),
        ];
        for text in texts {
            let s = doc::parse(&text).unwrap();
            let o = sim::simulate(&s).unwrap();
            let cal = s.calendar().unwrap();
            let downtime = sim::downtime(&s, &cal);
            let schedulers = sim::schedulers(&s, &cal);
            let mut instants = vec![cal.horizon_start - 1, cal.horizon_end];
            for e in o.executions().iter().take(400) {
                instants.extend([e.at - 1, e.at, e.at + 1]);
            }
            for (w, sc) in schedulers.iter().enumerate() {
                for &t in &instants {
                    assert_eq!(o.preview(w, t, 5), sc.preview(&downtime, t, 5), "{w} {t}");
                }
            }
        }
    }
}
