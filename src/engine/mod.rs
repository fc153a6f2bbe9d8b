//! The pure simulation engine: scenario in, [`outcome`] out.
//!
//! Nothing here reads a clock, touches global state or knows about the web: time and
//! seed come in through the scenario document, so the same document always gives the
//! same bytes out, natively and in wasm.

pub mod calendar;
pub mod describe;
pub mod scenario;
pub mod scheduler;
