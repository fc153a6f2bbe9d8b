//! What a run records as it goes, below both the activities that write it and the
//! outcome that reads it:
//!
//! - [`logs`]: the broadLog and tracking columns and their row types (status, reason,
//!   failure type, tracking kind, device);
//! - [`journal`]: the workflow journal's lines, activity kinds, states and message keys;
//! - [`kpi`]: counters of rows and the indicators with named denominators.
//!
//! (`out` re-exports the three under their former paths, `out::logs`, `out::journal`,
//! `out::kpi`.)

pub mod journal;
pub mod kpi;
pub mod logs;
