//! A scenario text in: the [`Scenario`] (or the first JSON or type error, naming its
//! path) and its validation problems.

use super::error::ScenarioError;
use super::jsonpath;
use super::scenario::Scenario;
use super::validate::Validated;

/// Parses and validates a scenario document.
///
/// A JSON or type error stops parsing and is the only error returned (serde reads
/// no further); a well-formed document returns every validation problem, in
/// document order. The CLI prints the first one.
///
/// ```
/// use campaign_sim::engine::doc::parse;
/// let err = parse(r#"{"workflow":{"scheduler":{"frequency":"weekly","days":["mon","mun"]}}}"#)
///     .unwrap_err();
/// assert_eq!(err[0].to_string(), r#"workflow.scheduler.days[1]: "mun" is not a weekday (mon, tue, wed, thu, fri, sat, sun)"#);
/// ```
pub fn parse(json: &str) -> Result<Scenario, Vec<ScenarioError>> {
    parse_validated(json).map(Validated::into_inner)
}

/// Like [`parse`], keeping the proof that the document was validated, so that
/// the simulation ([`Simulation::new`](crate::engine::sim::Simulation::new)) does not
/// validate it a second time (on a list of 50,000 recipients validation costs about as
/// much as the year itself).
///
/// ```
/// use campaign_sim::engine::{doc, sim};
/// let v = doc::parse_validated(r#"{"recipients":[{"id":1,"email":"a@x.test"}],
///   "workflow":{"scheduler":{"frequency":"daily","times":["09:00"]}}}"#).unwrap();
/// assert_eq!(sim::simulate_validated(&v).unwrap().executions().len(), 365);
/// ```
pub fn parse_validated(json: &str) -> Result<Validated, Vec<ScenarioError>> {
    // serde would read a top-level array as the fields in order; say what is wrong.
    if !json.trim_start().starts_with('{') {
        let reason = match serde_json::from_str::<serde_json::Value>(json) {
            Err(e) => format!("invalid JSON: {e}"),
            Ok(_) => "the scenario must be a JSON object".to_string(),
        };
        return Err(vec![ScenarioError {
            path: String::new(),
            reason,
        }]);
    }
    // The plain parse accepts exactly what the path-tracking one accepts (same
    // deserializer, same end check); paths are only needed to word an error, and
    // tracking them on every value was a third of the parse (callgrind).
    let scenario: Scenario = match serde_json::from_str(json) {
        Ok(s) => s,
        Err(_) => return Err(vec![jsonpath::refusal::<Scenario>(json)]),
    };
    Validated::new(scenario)
}
