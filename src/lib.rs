//! campaign-sim: a simulator of email-campaign targeting workflows.
//!
//! The [`engine`] is pure Rust (no wall clock, no globals, no web types) and compiles
//! natively and to wasm32. The Leptos user interface ([`ui`]) and the JavaScript embed
//! API ([`embed`]) exist only on wasm32 and render what the engine produces.

pub mod engine;

/// Time zones: the tzdata's transitions and each zone's POSIX rule, exact from 1900 to
/// 2200 (a library of its own, like a dependency: the engine's calendar and the
/// scenario document both read it).
pub mod tz;

/// Benchmark scenarios (native and browser benchmarks time the same work).
pub mod bench_api;

// Pure UI state is tested natively; the components inside are wasm32-only.
pub mod ui;

/// The embed configuration (pure, native-tested).
pub mod embed_config;

/// Posters: the widget's stand-in until its simulator is ready, written at build time
/// by `campaign-sim posters` from the engine's year (native only).
#[cfg(not(target_arch = "wasm32"))]
pub mod poster;

#[cfg(target_arch = "wasm32")]
pub mod embed;
