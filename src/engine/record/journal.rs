//! The workflow model the page draws: activities, the counts their transitions
//! carried, the workflow's states and its journal. Messages are keys with
//! arguments, never prose: the UI words them (EN/FR).

use crate::engine::calendar::{DstShift, Instant};
use chrono::NaiveDate;
use serde::Serialize;

/// An activity of the targeting workflow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Activity {
    Start,
    Scheduler,
    /// A plain query.
    Query,
    /// An incremental query (keeps a history of whom it returned).
    IncrementalQuery,
    Delivery,
    End,
}

/// A journal message: a stable key (snake_case, the `key` field in JSON) with its
/// arguments. Instants are Unix seconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "key", rename_all = "snake_case")]
pub enum JournalMessage {
    /// The workflow was started (at the horizon start).
    WorkflowStarted,
    /// The server went down / the workflow was paused until `until`.
    Paused { until: Instant },
    /// The workflow runs again after an outage; `missed` slots fell in it.
    Resumed { missed: u32 },
    /// The scheduler fired for slot `scheduled` (late when `caught_up`); `dst` when the
    /// daylight-saving rule placed that slot.
    SchedulerFired {
        scheduled: Instant,
        caught_up: bool,
        #[serde(skip)]
        dst: Option<DstShift>,
    },
    /// The query returned `count` recipients; `day`: the local date a date-based filter
    /// evaluated (the birthdays of that day), the execution's own date; `slot_day`: the
    /// date of the slot a late run stands for, when it differs (its birthdays are not
    /// taken by this run).
    QueryDone {
        #[serde(skip)]
        day: Option<NaiveDate>,
        #[serde(skip)]
        slot_day: Option<NaiveDate>,
    },
    /// The query returned nobody: the delivery did not run.
    QueryEmpty {
        #[serde(skip)]
        day: Option<NaiveDate>,
        #[serde(skip)]
        slot_day: Option<NaiveDate>,
    },
    /// A new delivery was created.
    DeliveryCreated { delivery: u32, content_version: u32 },
    /// Recipients were appended to an existing delivery.
    DeliveryAppended { delivery: u32 },
    /// The content changed: a continuous delivery starts a new delivery object.
    ContentVersionChanged { from: u32, to: u32 },
    /// The creative was edited (template content version goes up).
    ContentEdited { version: u32 },
    /// The send log of the execution: `count` rows, of which these.
    MessagesProcessed {
        sent: u32,
        failed: u32,
        ignored: u32,
    },
    /// The workflow reached its end (validity over, max runs reached, or year end).
    WorkflowFinished,
}

/// One journal line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct JournalEntry {
    pub at: Instant,
    pub activity: Activity,
    pub message: JournalMessage,
    /// The count shown on the line (recipients, rows…; 0 when not relevant).
    pub count: u32,
    /// Execution index the line belongs to, if any.
    pub execution: Option<u32>,
    /// The workflow the line is about (its position in the document, from 0).
    pub workflow: u16,
}

/// The workflow's state at an instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkflowState {
    /// Before the simulated year starts.
    BeingEdited,
    /// Running: waiting for its scheduler.
    Started,
    /// The server is down or the workflow paused (an outage).
    Paused,
    /// No execution will come any more.
    Finished,
}

/// What the transitions carried at one execution.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct TransitionCounts {
    /// Scheduler → Query: 1 (the scheduler fired once).
    pub scheduler_to_query: u32,
    /// Query → Delivery: recipients returned (0: the delivery did not run).
    pub query_to_delivery: u32,
    /// Delivery → End: messages sent by that execution.
    pub delivery_to_end: u32,
    /// The delivery activity ran.
    pub delivery_ran: bool,
}
