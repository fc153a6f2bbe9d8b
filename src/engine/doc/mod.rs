//! The scenario document (tests/contract/scenario-contract.md, a copy of
//! shared/scenario-contract.md) as serde types, plus the project's extensions, and its
//! validation. Parsing and validation turn a JSON text into a [`Validated`] scenario or
//! into a list of [`ScenarioError`]s, each naming the JSON path of the field.
//!
//! One file per part of the document, each with its types and its checks:
//! [`scenario`] (the document's own fields, and its parts), [`workflow`] (one
//! `workflow`, or `workflows`: several on one base), [`scheduler`] (with outages),
//! [`query`], [`delivery`] (with pressure), [`tracking`], [`recipients`] (the explicit
//! base, read into columns), [`population`] (the generated base), [`limits`] (text and
//! list lengths), [`time`] (the local date and time forms); and around them
//! [`error`] (a problem and its path), [`validate`](mod@validate) (the whole document's check),
//! [`parse`](mod@parse) (text in), [`jsonpath`] (naming the field of a document serde refused)
//! and [`describe`] (a schedule in words).
//!
//! Field names and defaults follow the contract exactly; extension fields are optional
//! and default to "off", so a document that uses only contract fields gives exactly the
//! contract's results. Nothing here imports the rest of the engine: the engine reads
//! the document, never the other way round. This file only names the parts: no part
//! imports it, so the parts form no cycle through it.

pub mod delivery;
pub mod describe;
pub mod error;
pub mod jsonpath;
pub mod limits;
pub mod names;
pub mod parse;
pub mod population;
pub mod query;
pub mod recipients;
pub mod scenario;
pub mod scheduler;
pub mod time;
pub mod tracking;
pub mod validate;
pub mod workflow;

pub use delivery::{Aggregation, DeliverySpec, Mode, PressureSpec};
pub use error::{Errors, ScenarioError};
pub use parse::{parse, parse_validated, Parsed};
pub use population::PopulationSpec;
pub use query::{Filter, LeapDay, QuerySpec, HISTORY_DAYS_MAX};
pub use recipients::{Bounce, Recipient, Recipients};
pub use scenario::{parse_timezone, unknown_zone, year_error, Scenario, YEAR_MAX, YEAR_MIN};
pub use scheduler::{Frequency, MissedRuns, NthWeekday, Outage, SchedulerSpec, Weekday};
pub use time::{parse_date, parse_local_datetime, parse_month_day, parse_time};
pub use tracking::{DeviceMix, Tracking};
pub use validate::{validate, Validated};
pub use workflow::{Typology, Workflow, WorkflowDoc, WorkflowItem};
