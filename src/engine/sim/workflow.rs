//! One workflow of a simulation: its activities as a list, and what one execution
//! does with them.
//!
//! Its Scheduler plans the executions ahead (in [`Prepared`](super::Prepared)) and
//! fires each one; the execution then walks the list: each activity is given the
//! recipients the one before it handed on ([`Port::step`]), and when one hands on
//! nobody (a query that returned nobody) the rest do not run. Today's list is the
//! Query (or Incremental query), then the Delivery (which writes the send log; the
//! shared recipient state and the Tracking activity take the consequences).
//!
//! Every decision is written to the run's sinks: the execution and delivery records,
//! what each transition carried and the journal lines the workflow canvas shows.

use crate::engine::activity::delivery::{ContentVersions, Delivery};
use crate::engine::activity::port::{Context, Port, Run};
use crate::engine::activity::query::{Query, Rule};
use crate::engine::activity::scheduler::Execution;
use crate::engine::base::population::Population;
use crate::engine::calendar::Calendar;
use crate::engine::doc::{Aggregation, DeliverySpec, Mode, QuerySpec};
use crate::engine::record::execution::ExecutionRecord;
use crate::engine::record::journal::{Activity, JournalEntry};
use serde::{Deserialize, Serialize};

/// A delivery mode to simulate (for side-by-side comparison).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Variant {
    pub mode: Mode,
    pub aggregation: Aggregation,
}

/// What the outcome keeps of a workflow's activities, read from them when the
/// workflow is built: the rule its query explains with, the delivery mode and
/// aggregation it simulates, its template's content versions.
#[derive(Clone, Debug, PartialEq)]
pub struct Profile {
    pub rule: Rule,
    pub mode: Mode,
    pub aggregation: Aggregation,
    pub versions: ContentVersions,
    /// Its activities after the Scheduler, in list order.
    pub activities: Vec<Activity>,
}

/// One workflow's activities during a run.
#[derive(Clone, Debug)]
pub struct Workflow {
    index: u16,
    /// Subject to the pressure rule and counted by it.
    arbitrated: bool,
    /// Its activities after the Scheduler, in the order an execution walks them.
    activities: Vec<Box<dyn Port>>,
    profile: Profile,
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
        let query = Query::new(query, n);
        let delivery = Delivery::new(delivery, v.mode, v.aggregation, cal);
        let mut profile = Profile {
            rule: *query.rule(),
            mode: delivery.mode(),
            aggregation: delivery.aggregation(),
            versions: delivery.versions().clone(),
            activities: Vec::new(),
        };
        // The workflow's activities after the Scheduler, in order.
        let activities: Vec<Box<dyn Port>> = vec![Box::new(query), Box::new(delivery)];
        profile.activities = activities.iter().map(|a| a.kind()).collect();
        Workflow {
            index,
            arbitrated,
            activities,
            profile,
        }
    }

    /// What the outcome keeps of its activities.
    pub fn profile(&self) -> &Profile {
        &self.profile
    }

    /// One execution `ex` of this workflow: the Scheduler fires, then each activity
    /// of the list runs with what the one before handed on, until one hands on
    /// nobody.
    pub fn execute(&mut self, ex: &Execution, pop: &Population, cal: &Calendar, run: &mut Run) {
        let (at, workflow) = (ex.at, self.index);
        let index = run.executions.len() as u32;
        let line = |activity, message, count| JournalEntry {
            at,
            activity,
            message,
            count,
            execution: Some(index),
            workflow,
        };
        run.journal.push(line(Activity::Scheduler, ex.fired(), 1));
        let rows_start = run.send.len() as u32;
        let mut cx = Context {
            execution: *ex,
            index,
            workflow,
            arbitrated: self.arbitrated,
            pop,
            cal,
            record: ExecutionRecord {
                workflow,
                at,
                scheduled: ex.scheduled,
                caught_up: ex.caught_up,
                targeted: 0,
                delivery: None,
                rows_start,
                rows_end: rows_start,
                content_version: self.profile.versions.at(at),
                sent: 0,
                failed: 0,
                ignored: 0,
            },
            run,
        };
        let mut handed: &[u32] = &[];
        for activity in &mut self.activities {
            let kind = activity.kind();
            let out = activity.step(&mut cx, handed);
            for (message, count) in out.lines.iter() {
                cx.run.journal.push(line(kind, message, count));
            }
            cx.run.carried.push(out.count);
            match out.recipients {
                Some(recipients) => handed = recipients,
                None => break,
            }
        }
        let record = cx.record;
        run.send.close_execution();
        run.carried_end.push(run.carried.len() as u32);
        run.executions.push(record);
    }
}
