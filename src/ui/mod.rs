//! The Leptos user interface. Components render engine output only.
//!
//! - [`state`]: the page's state as small plain types with methods (document, focus,
//!   layout, run status, the instance configuration), tested natively;
//! - [`derived`]: named view models computed from the engine's outcome, pure;
//! - `handles` (wasm32): the narrow `Copy` handles each view asks for;
//! - `views` (wasm32): the `#[component]`s, one file per visual piece;
//! - `app` (wasm32): mounting only; `simulate` (wasm32): the simulate/advance loop;
//!   `lessons` (wasm32): the guided lessons' runner.
//!
//! Pure helpers (playback, the action queue, table windowing, strings, presets, the
//! lesson format, links) are compiled on every target. The full page's own parts
//! (scenario editors, files, link and storage, charts, the resources folder) are
//! compiled with the `full` feature only: the widget bundle leaves them out.

pub mod assets;
pub mod derived;
pub mod editor;
pub mod folder;
pub mod format;
pub mod i18n;
pub mod lesson;
pub mod merge_patch;
pub mod model;
pub mod nav;
pub mod playback;
pub mod presets;
pub mod queue;
pub mod quiz;
pub mod share;
pub mod state;
pub mod window;
pub mod xapi;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod events;
#[cfg(target_arch = "wasm32")]
pub mod handles;
#[cfg(target_arch = "wasm32")]
pub mod lessons;
#[cfg(target_arch = "wasm32")]
pub mod panic;
#[cfg(all(target_arch = "wasm32", feature = "full"))]
pub mod persist;
#[cfg(target_arch = "wasm32")]
mod simulate;
#[cfg(target_arch = "wasm32")]
mod views;
