//! The pure simulation engine: scenario in, [`outcome`] out.
//!
//! Nothing here reads a clock, touches global state or knows about the web: time and
//! seed come in through the scenario document, so the same document always gives the
//! same bytes out, natively and in wasm.

pub mod calendar;
pub mod delivery;
pub mod describe;
pub mod export;
pub mod jsonpath;
pub mod kpi;
pub mod limits;
pub mod logs;
pub mod outcome;
pub mod population;
pub mod query;
pub mod report;
pub mod rng;
pub mod scenario;
pub mod scheduler;
pub mod simulation;
pub mod tracking;
pub mod tz;
pub mod workflow;
