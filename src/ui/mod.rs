//! The Leptos user interface. Components render engine output only.
//!
//! Pure state (playback, table windowing, strings, presets) lives in modules compiled
//! on every target and tested natively; the components exist only on wasm32. The
//! full page's own parts (scenario editors, files, link and storage, charts, the
//! resources folder) are compiled with the `full` feature only: the widget bundle
//! leaves them out.

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
pub mod quiz;
pub mod share;
pub mod window;
pub mod xapi;

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod canvas;
#[cfg(all(target_arch = "wasm32", feature = "full"))]
mod charts;
#[cfg(target_arch = "wasm32")]
mod embed_glue;
#[cfg(target_arch = "wasm32")]
mod explorer;
#[cfg(all(target_arch = "wasm32", feature = "full"))]
mod files;
#[cfg(target_arch = "wasm32")]
mod lessons;
#[cfg(all(target_arch = "wasm32", feature = "full"))]
mod panel;
#[cfg(target_arch = "wasm32")]
mod panic;
#[cfg(all(target_arch = "wasm32", feature = "full"))]
mod persist;
#[cfg(all(target_arch = "wasm32", feature = "full"))]
mod resources;
#[cfg(target_arch = "wasm32")]
mod trace;
#[cfg(target_arch = "wasm32")]
mod views;
#[cfg(all(target_arch = "wasm32", feature = "full"))]
pub use app::start;
#[cfg(target_arch = "wasm32")]
pub use app::{mount_app, AppConfig, Ctx, Handle};
#[cfg(target_arch = "wasm32")]
pub use embed_glue::{control, run_to, set_scenario_text, Command};
#[cfg(target_arch = "wasm32")]
pub use panic::install_panic_hook;
