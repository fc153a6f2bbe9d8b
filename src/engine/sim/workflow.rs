//! One workflow of a simulation: its activities (Query, Delivery; its Scheduler's
//! executions are planned ahead in [`Prepared`](super::Prepared)) and what one
//! execution does:
//!
//! Scheduler fires → Query returns its recipients → if anybody: Delivery routes the
//! execution to a delivery → the send log appends one row per recipient (the shared
//! recipient state and the Tracking activity take the consequences).
//!
//! Every decision is written to the run's sinks: the execution and delivery records
//! and the journal lines the workflow canvas shows.

use crate::engine::activity::delivery::Delivery;
use crate::engine::activity::query::Query;
use crate::engine::activity::scheduler::Execution;
use crate::engine::activity::send::{Send, SendLog};
use crate::engine::activity::tracking::Tracking;
use crate::engine::base::population::Population;
use crate::engine::base::state::RecipientState;
use crate::engine::calendar::Calendar;
use crate::engine::doc::{Aggregation, DeliverySpec, Mode, QuerySpec};
use crate::engine::record::delivery::{BroadlogCounts, DeliveryRecord};
use crate::engine::record::execution::ExecutionRecord;
use crate::engine::record::journal::{Activity, JournalEntry, JournalMessage};
use crate::engine::record::logs::Reason;
use serde::{Deserialize, Serialize};

/// A delivery mode to simulate (for side-by-side comparison).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Variant {
    pub mode: Mode,
    pub aggregation: Aggregation,
}

/// What a run writes and what every workflow shares while it runs.
#[derive(Clone, Debug, Default)]
pub struct Run {
    /// Quarantine, denylist, soft bounces, pressure counts.
    pub state: RecipientState,
    pub send: SendLog,
    pub tracking: Option<Tracking>,
    pub executions: Vec<ExecutionRecord>,
    pub deliveries: Vec<DeliveryRecord>,
    /// The journal lines of the executions (the others are added at the end).
    pub journal: Vec<JournalEntry>,
}

/// One workflow's activities during a run.
#[derive(Clone, Debug)]
pub struct Workflow {
    index: u16,
    query: Query,
    delivery: Delivery,
    /// Subject to the pressure rule and counted by it.
    arbitrated: bool,
}

impl Workflow {
    /// The activities of workflow `index` from its own specs (query, delivery), its
    /// delivery simulated in `variant` (default: the spec's own mode), over a base of
    /// `n` recipients; `arbitrated`: subject to the pressure rule (marketing).
    pub fn new(
        index: u16,
        (query, delivery): (&QuerySpec, &DeliverySpec),
        arbitrated: bool,
        variant: Option<Variant>,
        n: usize,
        cal: &Calendar,
    ) -> Workflow {
        let v = variant.unwrap_or(Variant {
            mode: delivery.mode,
            aggregation: delivery.aggregation,
        });
        Workflow {
            index,
            query: Query::new(query, n),
            delivery: Delivery::new(delivery, v.mode, v.aggregation, cal),
            arbitrated,
        }
    }

    /// Its Query activity.
    pub fn query(&self) -> &Query {
        &self.query
    }

    /// Its Delivery activity.
    pub fn delivery(&self) -> &Delivery {
        &self.delivery
    }

    /// One execution `ex` of this workflow.
    pub fn execute(&mut self, ex: &Execution, pop: &Population, cal: &Calendar, run: &mut Run) {
        let at = ex.at;
        let eix = run.executions.len() as u32;
        let workflow = self.index;
        let line = |activity, message, count| JournalEntry {
            at,
            activity,
            message,
            count,
            execution: Some(eix),
            workflow,
        };
        run.journal.push(line(
            Activity::Scheduler,
            JournalMessage::SchedulerFired {
                scheduled: ex.scheduled,
                caught_up: ex.caught_up,
                dst: ex.dst,
            },
            1,
        ));
        let query_activity = self.query.rule().activity();
        let day = self.query.rule().evaluated_day(cal, at);
        let slot_day = self
            .query
            .rule()
            .evaluated_day(cal, ex.scheduled)
            .filter(|d| Some(*d) != day);
        let targeted = self.query.run(pop, cal, at);
        let count = targeted.len() as u32;
        let rows_start = run.send.len() as u32;
        let mut rec = ExecutionRecord {
            workflow,
            at,
            scheduled: ex.scheduled,
            caught_up: ex.caught_up,
            targeted: count,
            delivery: None,
            rows_start,
            rows_end: rows_start,
            content_version: self.delivery.versions().at(at),
            sent: 0,
            failed: 0,
            ignored: 0,
        };
        if targeted.is_empty() {
            // Nobody returned: the delivery activity does not run.
            run.journal.push(line(
                query_activity,
                JournalMessage::QueryEmpty { day, slot_day },
                0,
            ));
            run.send.close_execution();
            run.executions.push(rec);
            return;
        }
        run.journal.push(line(
            query_activity,
            JournalMessage::QueryDone { day, slot_day },
            count,
        ));

        let next_id = run.deliveries.len() as u32 + 1;
        let routing = self.delivery.route(at, cal.local_date(at), next_id);
        if let Some((from, to)) = routing.version_changed {
            run.journal.push(line(
                Activity::Delivery,
                JournalMessage::ContentVersionChanged { from, to },
                0,
            ));
        }
        let id = routing.delivery;
        match routing.created {
            Some(new) => {
                run.journal.push(line(
                    Activity::Delivery,
                    JournalMessage::DeliveryCreated {
                        delivery: id,
                        content_version: new.content_version,
                    },
                    count,
                ));
                run.deliveries.push(DeliveryRecord {
                    id,
                    workflow,
                    label: new.label,
                    created: at,
                    content_version: new.content_version,
                    runs: 0,
                    broadlog: BroadlogCounts::default(),
                    period: new.period,
                    first_execution: eix,
                    last_execution: eix,
                });
            }
            None => run.journal.push(line(
                Activity::Delivery,
                JournalMessage::DeliveryAppended { delivery: id },
                count,
            )),
        }
        rec.delivery = Some(id);

        let send = Send {
            at,
            execution: eix,
            delivery: id,
            arbitrated: self.arbitrated,
        };
        let by_reason = run
            .send
            .append(targeted, send, pop, &mut run.state, run.tracking.as_mut());
        run.send.close_execution();
        let mut counts = BroadlogCounts::default();
        for (r, k) in Reason::ALL.iter().zip(by_reason) {
            counts.add_n(*r, k);
        }
        rec.rows_end = run.send.len() as u32;
        rec.sent = counts.sent;
        rec.failed = counts.failed;
        rec.ignored = counts.ignored;
        if let Some(d) = run.deliveries.get_mut(id as usize - 1) {
            d.runs += 1;
            d.last_execution = eix;
            d.broadlog.total += counts.total;
            d.broadlog.sent += counts.sent;
            d.broadlog.failed += counts.failed;
            d.broadlog.ignored += counts.ignored;
        }
        run.journal.push(line(
            Activity::Delivery,
            JournalMessage::MessagesProcessed {
                sent: counts.sent,
                failed: counts.failed,
                ignored: counts.ignored,
            },
            counts.total,
        ));
        run.executions.push(rec);
    }
}
