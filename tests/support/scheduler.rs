//! The Scheduler activity of a one-workflow document, as the scheduler tests read it:
//! its planned slots, its `schedule` output, its executions (the document's outages
//! and missed-runs policy applied), the merged outages and the preview.
#![allow(dead_code)]

use campaign_sim::engine::activity::scheduler::{Execution, Scheduler};
use campaign_sim::engine::calendar::{Calendar, Instant};
use campaign_sim::engine::doc::Scenario;
use campaign_sim::engine::sim;
use chrono::NaiveDate;

/// The document's (first) workflow's scheduler.
pub fn scheduler(s: &Scenario, cal: &Calendar) -> Scheduler {
    sim::schedulers(s, cal).swap_remove(0)
}

pub fn planned_slots(s: &Scenario, cal: &Calendar) -> Vec<Instant> {
    scheduler(s, cal).planned_slots().to_vec()
}

pub fn schedule(s: &Scenario, cal: &Calendar) -> Vec<Instant> {
    scheduler(s, cal).schedule().to_vec()
}

pub fn executions(s: &Scenario, cal: &Calendar) -> Vec<Execution> {
    scheduler(s, cal).executions(&sim::downtime(s, cal))
}

pub fn merged_outages(s: &Scenario, cal: &Calendar) -> Vec<(Instant, Instant)> {
    sim::downtime(s, cal).outages().to_vec()
}

pub fn preview(s: &Scenario, cal: &Calendar, after: Instant, n: usize) -> Vec<Instant> {
    scheduler(s, cal).preview(&sim::downtime(s, cal), after, n)
}

pub fn validity(s: &Scenario) -> (NaiveDate, NaiveDate) {
    s.workflows()[0].scheduler.validity(s.year)
}
