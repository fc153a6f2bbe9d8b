//! Named view models: what each view shows, computed from the engine's outcome and the
//! instance's state by pure functions (tested natively), like leptos-chartistry's
//! `UseXGridLine`. The views only wire them to the DOM.

pub mod charts;
pub mod compare;
pub mod deliveries;
pub mod diagram;
pub mod fields;
pub mod rows;
pub mod trace;
