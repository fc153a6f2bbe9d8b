//! The workflow's activities, each a type that owns its state, built from its own
//! part of the document, with the explanation of what it decided. Those after the
//! Scheduler share one port shape ([`port::Port`]: the execution's context and the
//! recipients handed in, the recipients handed on and the journal lines), and a
//! workflow holds them as a list:
//!
//! - [`port`]: the port, the execution's context and what a run writes;
//! - [`scheduler`]: planned slots, outages, missed runs → executions;
//! - [`query`]: who is returned at an execution (and why someone is not);
//! - [`delivery`]: which delivery an execution appends to (mode, aggregation, content
//!   versions) and its label;
//! - [`send`]: the send log (broadLog) and the contract's precedence of a row;
//! - [`tracking`]: random bounces and the opens, clicks and opt-outs of a sent message.

pub mod delivery;
pub mod port;
pub mod query;
pub mod scheduler;
pub mod send;
pub mod tracking;
