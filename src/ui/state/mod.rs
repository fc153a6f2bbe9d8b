//! The page's state as small plain types with ordinary methods, tested natively (the
//! shape of Leptos' todomvc `Todos`): no signals here. Each lives in one signal of its
//! instance (`ui::handles`), and views read the narrow handle they need.
//!
//! - [`document`]: the scenario being edited (its text as typed, the parsed value and
//!   draft, its problems, the preset it came from);
//! - [`focus`]: what the page looks at (explorer column, delivery, execution, trace
//!   execution, recipient, workflow, log filters), with the one reset rule;
//! - [`landing`]: where a click that moved the view landed, and where its card goes;
//! - [`layout`]: which panels an instance shows, and how;
//! - [`run`]: what the page says about the simulation (progress, refusal, ready);
//! - [`quiz`]: the learner's answers in the open lesson, and the lesson mode;
//! - [`config`]: the instance configuration, a plain value read once at mount.
//!
//! The clock is [`crate::ui::playback::Playback`]; the run's queue is
//! [`crate::ui::queue::ActionQueue`].

pub mod card;
pub mod config;
pub mod document;
pub mod focus;
pub mod landing;
pub mod layout;
pub mod quiz;
pub mod run;
