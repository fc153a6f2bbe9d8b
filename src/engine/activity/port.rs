//! The port every activity shares. At one execution of its workflow an activity is
//! given the execution's [`Context`] (the execution, the base, the calendar, the run
//! it writes to and the execution's record) and the recipients the activity before it
//! handed on; it returns a [`Handoff`]: the recipients it hands on along its outbound
//! transition (none: the activities after it do not run), the count that transition
//! shows, and its journal lines.
//!
//! A workflow holds its activities (after the Scheduler, which plans the executions
//! ahead and fires each one) as a list of [`Port`]s; an execution walks the list and
//! the canvas draws it (`Outcome::diagram`). Adding an activity is a type in its own
//! file of `activity/` implementing [`Port`], its spec in `doc/`, and one line in the
//! list of `sim::workflow::Workflow::new`.
//!
//! ```
//! use campaign_sim::engine::activity::port::Lines;
//! use campaign_sim::engine::record::journal::JournalMessage;
//! let mut lines = Lines::default();
//! lines.push(JournalMessage::DeliveryAppended { delivery: 3 }, 12);
//! assert_eq!(lines.iter().collect::<Vec<_>>(), [(JournalMessage::DeliveryAppended { delivery: 3 }, 12)]);
//! ```

use super::scheduler::Execution;
use super::send::SendLog;
use super::tracking::Tracking;
use crate::engine::base::population::Population;
use crate::engine::base::state::RecipientState;
use crate::engine::calendar::Calendar;
use crate::engine::record::delivery::DeliveryRecord;
use crate::engine::record::execution::ExecutionRecord;
use crate::engine::record::journal::{Activity, JournalEntry, JournalMessage};

/// An activity of a workflow, as an execution walks it.
pub trait Port: PortClone + std::fmt::Debug + Send + Sync {
    /// The activity the journal and the canvas name (a query says whether it is
    /// incremental).
    fn kind(&self) -> Activity;

    /// Runs the activity at one execution with the recipients `handed` in (the
    /// first activity after the Scheduler is handed none: the Scheduler's transition
    /// carries no recipients).
    fn step<'a>(&'a mut self, cx: &mut Context<'a, '_>, handed: &'a [u32]) -> Handoff<'a>;
}

/// A boxed activity can be cloned (a [`Simulation`](crate::engine::sim::Simulation)
/// is `Clone`); implemented for every `Clone` activity.
pub trait PortClone {
    /// A copy of the activity, state included.
    fn clone_box(&self) -> Box<dyn Port>;
}

impl<T: Port + Clone + 'static> PortClone for T {
    fn clone_box(&self) -> Box<dyn Port> {
        Box::new(self.clone())
    }
}

impl Clone for Box<dyn Port> {
    fn clone(&self) -> Box<dyn Port> {
        self.clone_box()
    }
}

/// What an activity is given at one execution of its workflow.
#[derive(Debug)]
pub struct Context<'a, 'r> {
    /// The execution (its instant, the slot it stands for, whether it is a catch-up).
    pub execution: Execution,
    /// Its index among the run's executions (keys the random streams).
    pub index: u32,
    /// Its workflow's position in the document.
    pub workflow: u16,
    /// Its workflow is subject to the pressure rule and counted by it (marketing).
    pub arbitrated: bool,
    pub pop: &'a Population,
    pub cal: &'a Calendar,
    /// What the run writes and every workflow shares.
    pub run: &'r mut Run,
    /// The execution's record, filled by the activities that decide its fields (the
    /// query its `targeted`, the delivery its delivery, rows and counts).
    pub record: ExecutionRecord,
}

/// What an activity hands on along its outbound transition, and what it explains.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Handoff<'a> {
    /// The recipients for the next activity; `None`: the transition does not fire
    /// and the activities after it do not run (a query that returned nobody).
    pub recipients: Option<&'a [u32]>,
    /// The count its outbound transition shows ("574 – Ok").
    pub count: u32,
    /// Its journal lines at this execution, in order.
    pub lines: Lines,
}

/// Most journal lines one activity writes at one execution.
pub const MAX_LINES: usize = 4;

/// An activity's journal lines at one execution: messages with the count each line
/// shows, in order (held inline: no allocation per execution).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Lines {
    len: usize,
    items: [Option<(JournalMessage, u32)>; MAX_LINES],
}

impl Lines {
    /// Adds a line (an activity writes at most [`MAX_LINES`]; its tests say so).
    pub fn push(&mut self, message: JournalMessage, count: u32) {
        debug_assert!(self.len < MAX_LINES, "more than {MAX_LINES} journal lines");
        if let Some(slot) = self.items.get_mut(self.len) {
            *slot = Some((message, count));
            self.len += 1;
        }
    }

    /// The lines, in order.
    pub fn iter(&self) -> impl Iterator<Item = (JournalMessage, u32)> + '_ {
        self.items.iter().take(self.len).flatten().copied()
    }

    /// Number of lines.
    pub fn len(&self) -> usize {
        self.len
    }

    /// No line.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
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
    /// What each activity that ran handed on (its [`Handoff::count`]), execution
    /// after execution, in list order.
    pub carried: Vec<u32>,
    /// Per execution, the end of its counts in `carried`.
    pub carried_end: Vec<u32>,
}
