//! The result of a simulated year, stored compactly, with cheap "as of T" views.
//!
//! Executions, deliveries and broadLog rows are in time order, tracking rows are
//! sorted by time, so the state as of an instant is a set of prefixes found by
//! binary search.

use super::calendar::{Calendar, Instant};
use super::delivery::Period;
use super::kpi::{Counters, Kpis};
use super::logs::{
    unpack_kind, BroadLog, Device, Reason, Status, TrackingColumns, TrackingKind, TrackingLog,
    REASONS,
};
use super::population::Population;
use super::query::blocked_until;
use super::scenario::{Aggregation, Filter, Mode, QuerySpec};
use super::workflow::{JournalEntry, TransitionCounts, WorkflowState};
use serde::Serialize;
use std::sync::Arc;

/// One execution of the workflow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct ExecutionRecord {
    /// When it ran.
    pub at: Instant,
    /// The planned slot it stands for.
    pub scheduled: Instant,
    /// A late run at the end of an outage.
    pub caught_up: bool,
    /// Recipients the query returned.
    pub targeted: u32,
    /// The delivery it appended to (`None`: the query returned nobody).
    pub delivery: Option<u32>,
    /// Its broadLog rows are `rows_start..rows_end`.
    pub rows_start: u32,
    pub rows_end: u32,
    /// Template content version in force at the execution.
    pub content_version: u32,
    pub sent: u32,
    pub failed: u32,
    pub ignored: u32,
}

impl ExecutionRecord {
    /// Its broadLog row range.
    pub fn rows(&self) -> std::ops::Range<usize> {
        self.rows_start as usize..self.rows_end as usize
    }
}

/// broadLog counts of a delivery, as in the CLI contract.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct BroadlogCounts {
    pub total: u32,
    pub sent: u32,
    pub failed: u32,
    pub ignored: u32,
}

impl BroadlogCounts {
    /// Counts `n` rows of reason `r`.
    pub(crate) fn add_n(&mut self, r: Reason, n: u32) {
        self.total += n;
        match r.status() {
            Status::Sent => self.sent += n,
            Status::Failed => self.failed += n,
            Status::Ignored => self.ignored += n,
        }
    }
}

/// One delivery (a recurring instance, an aggregated period, or a continuous
/// delivery object).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DeliveryRecord {
    /// 1, 2, 3… in creation order.
    pub id: u32,
    /// Label as the platform shows it (recurring instances carry their date).
    pub label: String,
    /// `at` of the execution that created it.
    pub created: Instant,
    /// Content version in force at its creation.
    pub content_version: u32,
    /// Executions that appended to it.
    pub runs: u32,
    pub broadlog: BroadlogCounts,
    /// Aggregation period (aggregated recurring deliveries only).
    pub period: Option<Period>,
    /// First and last execution index that appended to it.
    pub first_execution: u32,
    pub last_execution: u32,
}

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
    /// Indicators of all deliveries so far.
    pub kpis: Kpis,
    pub state: WorkflowState,
    /// Template content version in force.
    pub content_version: u32,
}

/// One event of a recipient's life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum TraceEvent {
    /// Entered the base.
    Created { at: Instant },
    /// Opted out (document's `unsubscribed` or an opt-out click): denylisted.
    Denylisted { at: Instant },
    /// The address went into quarantine.
    Quarantined { at: Instant },
    /// Returned by the query at an execution: one broadLog row.
    Targeted {
        at: Instant,
        execution: u32,
        delivery: u32,
        broadlog_row: u32,
        status: Status,
        reason: Option<Reason>,
    },
    /// A tracking event of one of its messages.
    Tracked {
        at: Instant,
        delivery: u32,
        broadlog_row: u32,
        kind: TrackingKind,
        url: Option<u8>,
        device: Device,
    },
}

impl TraceEvent {
    /// The event's instant.
    pub fn at(&self) -> Instant {
        match self {
            TraceEvent::Created { at }
            | TraceEvent::Denylisted { at }
            | TraceEvent::Quarantined { at }
            | TraceEvent::Targeted { at, .. }
            | TraceEvent::Tracked { at, .. } => *at,
        }
    }
}

/// Every event of one recipient, in time order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RecipientTrace {
    /// Recipient id; `found` is false when no recipient has it.
    pub id: u64,
    pub found: bool,
    pub email: String,
    pub events: Vec<TraceEvent>,
}

/// Why a recipient was or was not targeted by an execution.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum TargetingReason {
    /// Returned by the query (its broadLog row says what happened next).
    Targeted {
        broadlog_row: u32,
        status: Status,
        row_reason: Option<Reason>,
    },
    /// Created after the execution.
    NotYetInBase { created: Instant },
    /// In the incremental history: returned at `since`, free again from `until`
    /// (`None`: the history never expires).
    InHistory {
        since: Instant,
        until: Option<Instant>,
    },
    /// Its birthday is not the execution's local date (month, day of birthday).
    BirthdayMismatch { month: u32, day: u32 },
    /// A birthday query never returns a recipient without a birthday.
    NoBirthday,
    /// No recipient has this id.
    UnknownRecipient,
    /// No execution has this index.
    UnknownExecution,
}

/// The totals and per-delivery figures the CLI prints (see `report`).
pub use super::report::Summary;

/// Tracking checkpoints every this many rows (prefix counters).
pub(crate) const CHECKPOINT: usize = 256;

/// The outcome of one scenario in one delivery mode.
#[derive(Clone, Debug)]
pub struct Outcome {
    pub(crate) calendar: Calendar,
    pub(crate) mode: Mode,
    pub(crate) aggregation: Aggregation,
    pub(crate) query: QuerySpec,
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
    pub(crate) journal: Vec<super::workflow::JournalEntry>,
    pub(crate) outages: Vec<(Instant, Instant)>,
    pub(crate) finished_at: Instant,
    pub(crate) edits: Vec<Instant>,
    /// Per recipient: quarantine and denylist (opt-out) instants, `i64::MAX` = never.
    pub(crate) quarantined_at: Vec<Instant>,
    pub(crate) denylisted_at: Vec<Instant>,
}

impl Outcome {
    /// The scenario's calendar.
    pub fn calendar(&self) -> &Calendar {
        &self.calendar
    }

    /// Delivery mode of this outcome.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// Aggregation of this outcome (recurring only).
    pub fn aggregation(&self) -> Aggregation {
        self.aggregation
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

    /// The state as of `as_of`: O(log n).
    pub fn snapshot(&self, as_of: Instant) -> Snapshot {
        let executions = self.executions_until(as_of);
        let broadlog_rows = executions
            .checked_sub(1)
            .and_then(|k| self.executions.get(k))
            .map_or(0, |e| e.rows_end as usize);
        Snapshot {
            as_of,
            executions,
            deliveries: self.deliveries.partition_point(|d| d.created <= as_of),
            broadlog_rows,
            tracking_rows: self.tracking.count_until(as_of),
            kpis: self.kpis(None, as_of),
            state: self.workflow_state(as_of),
            content_version: 1 + self.edits.partition_point(|e| *e <= as_of) as u32,
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
            Some(id) => {
                let Some(d) = id
                    .checked_sub(1)
                    .and_then(|i| self.deliveries.get(i as usize))
                else {
                    return c.kpis();
                };
                let first = d.first_execution as usize;
                let last = (d.last_execution as usize + 1).min(k);
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
                    return c.kpis();
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
            }
        }
        c.kpis()
    }

    /// The workflow's state at `as_of`.
    pub fn workflow_state(&self, as_of: Instant) -> WorkflowState {
        if as_of < self.calendar.horizon_start {
            return WorkflowState::BeingEdited;
        }
        if as_of >= self.finished_at {
            return WorkflowState::Finished;
        }
        let i = self.outages.partition_point(|(from, _)| *from <= as_of);
        match i.checked_sub(1).and_then(|i| self.outages.get(i)) {
            Some((_, to)) if as_of < *to => WorkflowState::Paused,
            _ => WorkflowState::Started,
        }
    }

    /// The instants at which the creative was edited (sorted; also those before the
    /// horizon): the template's version `k + 2` starts at `content_edits()[k]`.
    pub fn content_edits(&self) -> &[Instant] {
        &self.edits
    }

    /// When the workflow finished (the horizon end when it ran all year).
    pub fn finished_at(&self) -> Instant {
        self.finished_at
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

    /// Every event of the recipient with id `recipient_id`, in time order. O(rows).
    pub fn trace(&self, recipient_id: u64) -> RecipientTrace {
        let Some(i) = self.population.index_of(recipient_id) else {
            return RecipientTrace {
                id: recipient_id,
                found: false,
                email: String::new(),
                events: Vec::new(),
            };
        };
        let mut events = Vec::new();
        if let Some(c) = self.population.created(i) {
            events.push(TraceEvent::Created { at: c });
        }
        let mut rows = Vec::new();
        for (r, rec) in self.broadlog.recipient.iter().enumerate() {
            if *rec == i {
                rows.push(r as u32);
                if let Some(b) = self.broadlog.row(r) {
                    events.push(TraceEvent::Targeted {
                        at: b.at,
                        execution: b.execution,
                        delivery: b.delivery,
                        broadlog_row: r as u32,
                        status: b.status,
                        reason: b.reason,
                    });
                }
            }
        }
        if !rows.is_empty() {
            let log = self.tracking();
            for (t, bl) in self.tracking.broadlog_row.iter().enumerate() {
                if rows.binary_search(bl).is_ok() {
                    if let Some(row) = log.row(t) {
                        events.push(TraceEvent::Tracked {
                            at: row.at,
                            delivery: row.delivery,
                            broadlog_row: row.broadlog_row,
                            kind: row.kind,
                            url: row.url,
                            device: row.device,
                        });
                    }
                }
            }
        }
        let denylisted = self
            .denylisted_at
            .get(i as usize)
            .copied()
            .filter(|t| *t != i64::MAX);
        if let Some(at) = denylisted.filter(|t| self.calendar.in_horizon(*t)) {
            events.push(TraceEvent::Denylisted { at });
        }
        if let Some(at) = self
            .quarantined_at
            .get(i as usize)
            .copied()
            .filter(|t| *t != i64::MAX)
        {
            events.push(TraceEvent::Quarantined { at });
        }
        // Stable: at one instant, creation, then rows, then tracking, then states.
        events.sort_by_key(TraceEvent::at);
        RecipientTrace {
            id: recipient_id,
            found: true,
            email: self.population.email(i),
            events,
        }
    }

    /// Why the recipient `recipient_id` was (not) targeted by execution `execution`.
    pub fn why_not_targeted(&self, recipient_id: u64, execution: usize) -> TargetingReason {
        let Some(i) = self.population.index_of(recipient_id) else {
            return TargetingReason::UnknownRecipient;
        };
        let Some(e) = self.executions.get(execution) else {
            return TargetingReason::UnknownExecution;
        };
        let range = e.rows();
        let own = self
            .broadlog
            .recipient
            .get(range.clone())
            .and_then(|rs| rs.iter().position(|r| *r == i));
        if let Some(p) = own {
            let row = range.start + p;
            let reason = self.broadlog.reason_of(row).unwrap_or(Reason::Sent);
            return TargetingReason::Targeted {
                broadlog_row: row as u32,
                status: reason.status(),
                row_reason: (reason != Reason::Sent).then_some(reason),
            };
        }
        if let Some(c) = self.population.created(i) {
            if c > e.at {
                return TargetingReason::NotYetInBase { created: c };
            }
        }
        if self.query.filter == Filter::Birthday {
            let Some(b) = self.population.birthday(i) else {
                return TargetingReason::NoBirthday;
            };
            use chrono::Datelike;
            let today = self.calendar.local_date(e.at);
            if !super::query::birthday_matches((b.month(), b.day()), today, self.query.leap_day) {
                return TargetingReason::BirthdayMismatch {
                    month: b.month(),
                    day: b.day(),
                };
            }
        }
        if self.query.incremental {
            // The last time the query returned it before this execution.
            let before = self.broadlog.recipient.get(..range.start).unwrap_or(&[]);
            if let Some(r) = before.iter().rposition(|r| *r == i) {
                let since = self
                    .broadlog
                    .execution_of(r)
                    .and_then(|x| self.executions.get(x as usize))
                    .map_or(e.at, |x| x.at);
                if let Some(until) = blocked_until(since, self.query.history_days, e.at) {
                    return TargetingReason::InHistory { since, until };
                }
            }
        }
        // Not reachable with a consistent outcome: the query would have returned it.
        TargetingReason::UnknownExecution
    }

    /// The CLI's summary (contract shape).
    pub fn summary(&self) -> Summary {
        super::report::summary(self)
    }

    /// A stable 64-bit FNV-1a hash of everything the outcome holds (executions,
    /// deliveries, broadLog and tracking columns, journal). Equal natively and in
    /// wasm for the same document.
    pub fn fingerprint(&self) -> u64 {
        let mut h = Fnv::new();
        h.u64(self.executions.len() as u64);
        for e in &self.executions {
            h.i64(e.at);
            h.i64(e.scheduled);
            h.u64(u64::from(e.caught_up));
            h.u64(u64::from(e.targeted));
            h.u64(u64::from(e.delivery.unwrap_or(0)));
            h.u64(u64::from(e.rows_start));
            h.u64(u64::from(e.rows_end));
            h.u64(u64::from(e.content_version));
        }
        h.u64(self.deliveries.len() as u64);
        for d in &self.deliveries {
            h.u64(u64::from(d.id));
            h.bytes(d.label.as_bytes());
            h.i64(d.created);
            h.u64(u64::from(d.content_version));
            h.u64(u64::from(d.runs));
            h.u64(u64::from(d.broadlog.total));
            h.u64(u64::from(d.broadlog.sent));
            h.u64(u64::from(d.broadlog.failed));
        }
        h.u64(self.broadlog.len() as u64);
        for (r, execution) in self.broadlog.executions().enumerate() {
            h.u64(u64::from(
                self.broadlog.recipient.get(r).copied().unwrap_or(0),
            ));
            h.u64(u64::from(execution));
            h.u64(u64::from(self.broadlog.code.get(r).copied().unwrap_or(0)));
        }
        h.u64(self.tracking.len() as u64);
        for (t, offset) in self.tracking.offsets().enumerate() {
            h.u64(u64::from(
                self.tracking.broadlog_row.get(t).copied().unwrap_or(0),
            ));
            h.u64(u64::from(offset));
            h.u64(u64::from(self.tracking.code.get(t).copied().unwrap_or(0)));
        }
        h.u64(self.journal.len() as u64);
        for j in &self.journal {
            h.i64(j.at);
            h.u64(u64::from(j.count));
        }
        for i in 0..self.population.len() as u32 {
            h.u64(self.population.id(i));
            h.i64(self.population.created(i).unwrap_or(i64::MIN));
        }
        h.0
    }

    /// Approximate bytes held by the logs (broadLog + tracking columns).
    pub fn log_bytes(&self) -> usize {
        self.broadlog.len() * BroadLog::BYTES_PER_ROW
            + self.tracking.len() * TrackingColumns::BYTES_PER_ROW
    }

    /// Kind of tracking row `i` (cheap, for charts).
    pub fn tracking_kind(&self, i: usize) -> Option<TrackingKind> {
        self.tracking.code.get(i).map(|c| unpack_kind(*c))
    }
}

/// FNV-1a, 64 bits.
struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
    fn bytes(&mut self, b: &[u8]) {
        for x in b {
            self.0 ^= u64::from(*x);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01B3);
        }
    }
    fn u64(&mut self, v: u64) {
        self.bytes(&v.to_le_bytes());
    }
    fn i64(&mut self, v: i64) {
        self.bytes(&v.to_le_bytes());
    }
}
