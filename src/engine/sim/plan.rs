//! A document read on its calendar, before anything runs: the calendar itself, the
//! server's downtime (shared by every workflow), each workflow's Scheduler activity
//! and its executions. [`Prepared`](super::simulation::Prepared) and the size
//! estimate ([`limits`](super::limits)) start from these.

use crate::engine::activity::scheduler::{Downtime, Execution, Scheduler};
use crate::engine::calendar::{Calendar, Instant};
use crate::engine::doc::{self, Scenario, ScenarioError};

/// The server's downtime of a document (shared by every workflow).
pub fn downtime(s: &Scenario, cal: &Calendar) -> Downtime {
    Downtime::new(&s.outages, s.missed_runs, cal)
}

/// The Scheduler activity of each of the document's workflows, in document order.
///
/// ```
/// use campaign_sim::engine::{doc, sim};
/// let s = doc::parse(r#"{"workflow":{"scheduler":{"frequency":"daily","times":["06:00"]}}}"#)
///     .unwrap();
/// let cal = s.calendar().unwrap();
/// assert_eq!(sim::schedulers(&s, &cal)[0].schedule().len(), 365);
/// ```
pub fn schedulers(s: &Scenario, cal: &Calendar) -> Vec<Scheduler> {
    s.workflows()
        .iter()
        .map(|w| Scheduler::new(w.scheduler, cal))
        .collect()
}

/// The executions of each of the document's workflows, in document order.
pub fn executions(s: &Scenario, cal: &Calendar) -> Vec<Vec<Execution>> {
    let down = downtime(s, cal);
    schedulers(s, cal)
        .iter()
        .map(|sc| sc.executions(&down))
        .collect()
}

impl Scenario {
    /// The calendar (zone + simulated year) of this scenario. (Defined here, not in
    /// `doc`: the document imports nothing from the engine.)
    pub fn calendar(&self) -> Result<Calendar, ScenarioError> {
        let tz = doc::parse_timezone(&self.timezone).ok_or_else(|| ScenarioError {
            path: "timezone".into(),
            reason: doc::unknown_zone(&self.timezone),
        })?;
        if !(doc::YEAR_MIN..=doc::YEAR_MAX).contains(&self.year) {
            return Err(doc::year_error(self.year));
        }
        Ok(Calendar::new(tz, self.year))
    }
}

/// The next `n` planned executions of workflow `workflow` of a document strictly
/// after `after`, as its Scheduler's preview shows them ([`Scheduler::preview`]), for
/// a document not simulated yet (an outcome has its own: `Outcome::preview`). Empty
/// when the document has no calendar or no such workflow.
///
/// ```
/// use campaign_sim::engine::{doc, sim};
/// let s = doc::parse(r#"{"workflow":{"scheduler":{"frequency":"daily","times":["06:00"],"max_runs":3}}}"#)
///     .unwrap();
/// let cal = s.calendar().unwrap();
/// assert_eq!(sim::plan::preview(&s, 0, cal.horizon_start, 5).len(), 3);
/// ```
pub fn preview(s: &Scenario, workflow: usize, after: Instant, n: usize) -> Vec<Instant> {
    let Ok(cal) = s.calendar() else {
        return Vec::new();
    };
    let Some(w) = s.workflows().into_iter().nth(workflow) else {
        return Vec::new();
    };
    Scheduler::new(w.scheduler, &cal).preview(&downtime(s, &cal), after, n)
}
