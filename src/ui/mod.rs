//! The Leptos user interface. Components render engine output only.
//!
//! Pure state (playback, table windowing, strings, presets) lives in modules compiled
//! on every target and tested natively; the components exist only on wasm32.

pub mod assets;
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
pub mod share;
pub mod window;

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod canvas;
#[cfg(target_arch = "wasm32")]
mod charts;
#[cfg(target_arch = "wasm32")]
mod embed_glue;
#[cfg(target_arch = "wasm32")]
mod explorer;
#[cfg(target_arch = "wasm32")]
mod files;
#[cfg(target_arch = "wasm32")]
mod lessons;
#[cfg(target_arch = "wasm32")]
mod panel;
#[cfg(target_arch = "wasm32")]
mod panic;
#[cfg(target_arch = "wasm32")]
mod persist;
#[cfg(target_arch = "wasm32")]
mod resources;
#[cfg(target_arch = "wasm32")]
mod trace;
#[cfg(target_arch = "wasm32")]
mod views;
#[cfg(target_arch = "wasm32")]
pub use app::{mount_app, start, AppConfig, Ctx, Handle};
#[cfg(target_arch = "wasm32")]
pub use embed_glue::{control, run_to, set_scenario_text, Command};
#[cfg(target_arch = "wasm32")]
pub use panic::install_panic_hook;
