//! The scenario document (tests/contract/scenario-contract.md, a copy of
//! shared/scenario-contract.md) as serde types, plus the project's extensions, and its
//! validation. Parsing and validation turn a JSON text into a [`Validated`] scenario or
//! into a list of [`ScenarioError`]s, each naming the JSON path of the field.
//!
//! One file per part of the document, each with its types and its checks:
//! [`workflow`] (one `workflow`, or `workflows`: several on one base),
//! [`scheduler`] (with outages), [`query`], [`delivery`] (with pressure), [`tracking`],
//! [`recipients`] (the explicit base, read into columns), [`population`] (the
//! generated base), [`limits`] (text and
//! list lengths), [`time`] (the local date and time forms), [`jsonpath`] (naming the
//! field of a document serde refused) and [`describe`] (a schedule in words).
//!
//! Field names and defaults follow the contract exactly; extension fields are optional
//! and default to "off", so a document that uses only contract fields gives exactly the
//! contract's results. Nothing here imports the rest of the engine: the engine reads
//! the document, never the other way round.

pub mod delivery;
pub mod describe;
pub mod jsonpath;
pub mod limits;
pub mod names;
pub mod population;
pub mod query;
pub mod recipients;
pub mod scheduler;
pub mod time;
pub mod tracking;
pub mod workflow;

pub use delivery::{Aggregation, DeliverySpec, Mode, PressureSpec};
pub use population::PopulationSpec;
pub use query::{Filter, LeapDay, QuerySpec, HISTORY_DAYS_MAX};
pub use recipients::{Bounce, Recipient, Recipients};
pub use scheduler::{freq_name, Frequency, MissedRuns, NthWeekday, Outage, SchedulerSpec, Weekday};
pub use time::{parse_date, parse_local_datetime, parse_month_day, parse_time};
pub use tracking::{DeviceMix, Tracking};
pub use workflow::{Typology, Workflow, WorkflowDoc, WorkflowItem};

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

/// One validation problem: the JSON path of the offending field and a plain reason.
///
/// Displayed as `workflow.scheduler.days[1]: "mun" is not a weekday`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ScenarioError {
    /// JSON path, e.g. `workflow.scheduler.days[1]`; empty for the document itself.
    pub path: String,
    /// Why the value is rejected, in plain English.
    pub reason: String,
}

impl std::fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.reason)
        } else {
            write!(f, "{}: {}", self.path, self.reason)
        }
    }
}

impl std::error::Error for ScenarioError {}

/// The whole scenario document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    #[serde(default)]
    pub name: String,
    #[serde(default = "default_year")]
    pub year: i32,
    #[serde(default = "default_timezone")]
    pub timezone: String,
    #[serde(default)]
    pub seed: u64,
    /// Explicit recipient base, by column.
    #[serde(default)]
    pub recipients: Recipients,
    /// The workflow (v1); a document has this or `workflows`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workflow: Option<Workflow>,
    /// Several workflows on the base (v2): 1 to 16.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workflows: Option<Vec<WorkflowItem>>,
    #[serde(default)]
    pub outages: Vec<Outage>,
    #[serde(default)]
    pub missed_runs: MissedRuns,
    #[serde(default)]
    pub tracking: Tracking,
    /// Extension: a seeded generated population added after `recipients`
    /// (see [`PopulationSpec`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population: Option<PopulationSpec>,
    /// Extension: pressure (fatigue) rule, at most `max_messages` per recipient over
    /// a rolling `period_days` (see [`PressureSpec`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pressure: Option<PressureSpec>,
}

fn default_year() -> i32 {
    2026
}

fn default_timezone() -> String {
    "UTC".to_string()
}

// ---------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------

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

/// A scenario that passed [`validate`]. It only gives shared access to the
/// scenario, so it cannot be changed into an invalid one afterwards.
#[derive(Clone, Debug, PartialEq)]
pub struct Validated(Scenario);

impl Validated {
    /// Validates `s`: every problem, in document order, as [`validate`] returns them.
    pub fn new(s: Scenario) -> Result<Validated, Vec<ScenarioError>> {
        let errors = validate(&s);
        if errors.is_empty() {
            Ok(Validated(s))
        } else {
            Err(errors)
        }
    }

    /// The scenario.
    pub fn scenario(&self) -> &Scenario {
        &self.0
    }

    /// The scenario, to edit (it must be validated again).
    pub fn into_inner(self) -> Scenario {
        self.0
    }
}

impl std::ops::Deref for Validated {
    type Target = Scenario;
    fn deref(&self) -> &Scenario {
        &self.0
    }
}

/// Why `name` is not a zone. The web build carries only the zones in
/// `src/tz/web-zones.txt` (77, for the download size), so there a real IANA name
/// can be missing: say so rather than call it wrong.
pub fn unknown_zone(name: &str) -> String {
    if cfg!(target_arch = "wasm32") {
        format!(
            "\"{name}\" is not an IANA time zone name, or not one of the ~80 zones the web page carries (the command-line tool has them all)"
        )
    } else {
        format!("\"{name}\" is not an IANA time zone name")
    }
}

/// The time zone named by `timezone` (IANA, case-sensitive as in the tz database).
/// The zone library ([`crate::tz`]) stands outside the engine, like a dependency: the
/// document imports nothing from the engine.
pub fn parse_timezone(name: &str) -> Option<crate::tz::Zone> {
    crate::tz::Zone::named(name)
}

// ---------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------

/// The contract's year range.
pub const YEAR_MIN: i32 = 1900;
/// The contract's year range.
pub const YEAR_MAX: i32 = 2200;

/// The error of a year outside [`YEAR_MIN`]..[`YEAR_MAX`].
pub fn year_error(year: i32) -> ScenarioError {
    ScenarioError {
        path: "year".into(),
        reason: format!("{year} is outside {YEAR_MIN}..{YEAR_MAX}"),
    }
}

/// Collects validation errors with their JSON paths.
#[derive(Debug, Default)]
pub struct Errors(pub Vec<ScenarioError>);

impl Errors {
    /// Records one problem.
    pub fn push(&mut self, path: impl Into<String>, reason: impl Into<String>) {
        self.0.push(ScenarioError {
            path: path.into(),
            reason: reason.into(),
        });
    }

    /// Checks a required local date-time field.
    pub fn local_datetime(&mut self, path: &str, value: &str) -> Option<NaiveDateTime> {
        let parsed = parse_local_datetime(value);
        if parsed.is_none() {
            self.push(
                path,
                format!("\"{value}\" is not a local date-time YYYY-MM-DDTHH:MM[:SS] that exists"),
            );
        }
        parsed
    }

    /// Checks a date field.
    pub fn date(&mut self, path: &str, value: &str) -> Option<NaiveDate> {
        let parsed = parse_date(value);
        if parsed.is_none() {
            self.push(
                path,
                format!("\"{value}\" is not a date YYYY-MM-DD that exists"),
            );
        }
        parsed
    }

    /// Checks a time-of-day field.
    pub fn time(&mut self, path: &str, value: &str) -> Option<NaiveTime> {
        let parsed = parse_time(value);
        if parsed.is_none() {
            self.push(path, format!("\"{value}\" is not a time of day HH:MM"));
        }
        parsed
    }
}

/// Checks every limit of the contract (and of the project's extensions) and returns
/// all problems found, in document order. Each part of the document has its own
/// check, given the path it sits at; an extension adds its check as one more line here.
pub fn validate(s: &Scenario) -> Vec<ScenarioError> {
    let mut e = Errors::default();
    validate_document(s, &mut e);
    limits::validate_text(s, &mut e);
    recipients::validate_recipients(&s.recipients, &mut e);
    workflow::validate_workflows(s, &mut e);
    scheduler::validate_outages(&s.outages, &mut e);
    tracking::validate_tracking(&s.tracking, &mut e);
    if let Some(p) = &s.population {
        population::validate_population(p, &mut e);
    }
    if let Some(p) = &s.pressure {
        delivery::validate_pressure(p, &mut e);
    }
    e.0
}

fn validate_document(s: &Scenario, e: &mut Errors) {
    if !(YEAR_MIN..=YEAR_MAX).contains(&s.year) {
        e.0.push(year_error(s.year));
    }
    if parse_timezone(&s.timezone).is_none() {
        e.push("timezone", unknown_zone(&s.timezone));
    }
}
