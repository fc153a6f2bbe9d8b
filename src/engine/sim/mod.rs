//! The simulation: a validated document's workflows stepped through the year over
//! one recipient base, and the outcome.
//!
//! - [`Prepared`]: what every compared variant shares, read once from the document
//!   (the calendar, the base, each workflow's scheduler and executions, the merged
//!   order of executions), refused when over the size limit ([`limits`]).
//! - [`Simulation`]: one run, advanced by [`Simulation::step`] (the next instant) or
//!   [`Simulation::step_until`], ended by [`Simulation::finish`] with the
//!   [`Outcome`]. The order at one instant lives there, once.
//! - [`workflow::Workflow`]: one workflow's activities and what an execution does.
//! - [`Comparison`]: the recurring / continuous (/ aggregated) variants of one
//!   workflow side by side, stepped together.
//! - [`plan`]: a document read on its calendar: the server's downtime, each
//!   workflow's scheduler and executions (what [`Prepared`] and the size estimate
//!   start from).
//!
//! [`simulate`] and its siblings run a whole year in one call.

pub mod comparison;
pub mod limits;
pub mod plan;
pub mod simulation;
pub mod workflow;

pub use comparison::{Comparison, Side};
pub use plan::{downtime, executions, schedulers};
pub use simulation::{Prepared, Progress, Simulation};
pub use workflow::Variant;

use crate::engine::doc::{self, Scenario, ScenarioError, Validated};
use crate::engine::out::outcome::Outcome;
use std::sync::Arc;

/// Validates the scenario and simulates its year, each workflow in its own delivery
/// mode.
///
/// ```
/// use campaign_sim::engine::{doc, sim};
/// let s = doc::parse(r#"{"recipients":[{"id":1,"email":"a@x.test"}],
///   "workflow":{"scheduler":{"frequency":"weekly","days":["mon"],"times":["09:00"]}}}"#).unwrap();
/// let o = sim::simulate(&s).unwrap();
/// assert_eq!(o.deliveries().len(), 52);
/// ```
pub fn simulate(s: &Scenario) -> Result<Outcome, Vec<ScenarioError>> {
    simulate_variants_of(s, None).map(|mut all| all.remove(0))
}

/// [`simulate`] of a scenario already validated (by [`doc::parse_validated`] or
/// [`Validated::new`]): the same outcome and the same refusals, without validating
/// the document again.
pub fn simulate_validated(s: &Validated) -> Result<Outcome, Vec<ScenarioError>> {
    run_variants(s, None).map(|mut all| all.remove(0))
}

/// Simulates the same scenario (population, schedule, seed) with its first workflow
/// in several delivery modes; the population and the executions are computed once.
pub fn simulate_variants(
    s: &Scenario,
    variants: &[Variant],
) -> Result<Vec<Outcome>, Vec<ScenarioError>> {
    simulate_variants_of(s, Some(variants))
}

/// [`simulate_variants`] of a scenario already validated.
pub fn simulate_variants_validated(
    s: &Validated,
    variants: &[Variant],
) -> Result<Vec<Outcome>, Vec<ScenarioError>> {
    run_variants(s, Some(variants))
}

/// Validates, then [`run_variants`] (`None`: the document's own modes).
fn simulate_variants_of(
    s: &Scenario,
    variants: Option<&[Variant]>,
) -> Result<Vec<Outcome>, Vec<ScenarioError>> {
    let errors = doc::validate(s);
    if !errors.is_empty() {
        return Err(errors);
    }
    run_variants(s, variants)
}

/// The year of a valid document in each variant of its first workflow, over one
/// [`Prepared`] (one size check for all of them, one base).
fn run_variants(
    s: &Scenario,
    variants: Option<&[Variant]>,
) -> Result<Vec<Outcome>, Vec<ScenarioError>> {
    let own = [None];
    let wanted: Vec<Option<Variant>> = match variants {
        Some(v) => v.iter().copied().map(Some).collect(),
        None => own.to_vec(),
    };
    let prepared = Arc::new(Prepared::build(s, Some(wanted.len()))?);
    Ok(wanted
        .into_iter()
        .map(|v| Simulation::from_prepared(&prepared, 0, v).finish())
        .collect())
}
