//! What a simulated year gives: the [`outcome::Outcome`] and its views.
//!
//! - [`outcome`]: executions, deliveries, logs, and "as of T" snapshots and KPIs;
//! - [`logs`]: the broadLog and tracking columns and their row types;
//! - [`journal`]: the workflow's journal, activities and states;
//! - [`kpi`]: indicators with named denominators;
//! - [`trace`]: a recipient's events, why (not) targeted, why a row has its reason;
//! - [`fingerprint`]: the stable hash the determinism tests check;
//! - [`report`]: the CLI's summary (JSON) and table; [`export`]: CSV / JSON logs.

pub mod export;
pub mod fingerprint;
pub mod journal;
pub mod kpi;
pub mod logs;
pub mod outcome;
pub mod report;
pub mod trace;
