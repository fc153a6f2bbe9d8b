//! What a run records as it goes, below both the activities that write it and the
//! outcome that reads it:
//!
//! - [`logs`]: the broadLog and tracking columns and their row types (status, reason,
//!   failure type, tracking kind, device);
//! - [`journal`]: the workflow journal's lines, activity kinds, states and message keys;
//! - [`kpi`]: counters of rows and the indicators with named denominators;
//! - [`execution`], [`delivery`]: the record each execution and each delivery leaves.
//!
//! (`out` re-exports the logs, the journal and the counters under their former paths,
//! `out::logs`, `out::journal`, `out::kpi`, and the records in `out::outcome`.)

pub mod delivery;
pub mod execution;
pub mod journal;
pub mod kpi;
pub mod logs;
