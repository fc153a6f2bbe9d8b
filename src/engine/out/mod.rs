//! What a simulated year gives: the [`outcome::Outcome`] and its views.
//!
//! - [`outcome`]: executions, deliveries, logs, and "as of T" snapshots and KPIs;
//! - [`days`]: the year by local day (the calendar's cells, the daily samples);
//! - [`diagram`]: a workflow's canvas (its activities as nodes, what each transition
//!   carried at an execution);
//! - [`logs`], [`journal`], [`kpi`]: what the run recorded (the broadLog and tracking
//!   columns, the workflow's journal, the counters and indicators), re-exported from
//!   [`record`](crate::engine::record) where the activities write them;
//! - [`trace`]: a recipient's events, why (not) targeted, why a row has its reason;
//! - [`fingerprint`]: the stable hash the determinism tests check;
//! - [`report`]: the CLI's summary (JSON) and table; [`export`]: CSV / JSON logs.

pub mod days;
pub mod diagram;
pub mod export;
pub mod fingerprint;
pub mod outcome;
pub mod report;
pub mod trace;

pub use crate::engine::record::{journal, kpi, logs};
