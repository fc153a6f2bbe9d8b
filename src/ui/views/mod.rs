//! The page's views: `#[component]`s, one file per visual piece. Each takes the narrow
//! handles it reads (`use_context` of `ui::handles`) and renders engine output through
//! the named view models of `ui::derived`; none decides a rule or runs a pipeline.

pub mod root;

mod canvas;
mod compare;
mod controls;
mod explorer;
mod header;
mod heading;
mod journal;
mod landing;
mod lesson_panel;
mod logs;
mod trace;
mod virtual_table;

#[cfg(feature = "full")]
mod charts;
#[cfg(feature = "full")]
mod files;
#[cfg(feature = "full")]
mod land_card;
#[cfg(feature = "full")]
mod panel;
#[cfg(feature = "full")]
mod resources;
#[cfg(feature = "full")]
mod share;
