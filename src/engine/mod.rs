//! The pure simulation engine: a scenario document in, an [`out::outcome::Outcome`]
//! out.
//!
//! Nothing here reads a clock, touches global state or knows about the web: time and
//! seed come in through the scenario document, so the same document always gives the
//! same bytes out, natively and in wasm.
//!
//! The walk of a scenario through the engine:
//!
//! 1. [`doc`]: the JSON text becomes a [`doc::Validated`] scenario (serde types, then
//!    every check, each error naming its JSON path). `doc` imports nothing else from
//!    the engine.
//! 2. [`sim::Prepared`]: the document is read on its [`calendar`] (zone, year,
//!    horizon): each workflow's [`activity::scheduler::Scheduler`] gives its
//!    executions (outages and missed runs applied), the size of the year is
//!    estimated and refused when too big ([`sim::limits`]), the recipient base
//!    ([`base::population`]) is built once, and every workflow's executions are
//!    merged into the contract's order.
//! 3. [`sim::Simulation`]: `step()` processes the next instant. At each execution its
//!    workflow ([`sim::workflow`]) walks its list of activities, each behind the one
//!    port of [`activity::port::Port`]: the
//!    [`activity::query::Query`] returns recipients; if anybody, the
//!    [`activity::delivery::Delivery`] routes them to a delivery and the
//!    [`activity::send::SendLog`] appends one broadLog row each with the contract's
//!    precedence, reading and updating the [`base::state::RecipientState`] every
//!    workflow shares (quarantine, denylist, pressure); a sent message draws its
//!    [`activity::tracking`] events. Journal lines and records go to the run's sinks
//!    ([`record`]: below the activities, which write them, and `out`, which reads
//!    them).
//! 4. `finish()` gives the [`out::outcome::Outcome`]: columnar logs with "as of T"
//!    views, KPIs ([`record::kpi`]), the journal ([`record::journal`]), the canvas
//!    ([`out::diagram`]), the year by local day ([`out::days`]), explanations
//!    ([`out::trace`]), the fingerprint, the CLI report ([`out::report`]) and the
//!    exports ([`out::export`]).
//!
//! [`sim::Comparison`] steps one workflow's recurring and continuous (and aggregated)
//! variants side by side over one base; [`quiz`] reads the quantities a lesson asks
//! about (deliveries, rows, whether a recipient was targeted…) off those outcomes, with
//! the engine data that explains each value.

pub mod activity;
pub mod base;
pub mod calendar;
pub mod doc;
pub mod out;
pub mod quiz;
pub mod record;
pub mod rng;
pub mod sim;
