//! The recipient base and what every workflow shares about each recipient.
//!
//! - [`population`]: the base by column, with its indexes (creation order, birthday
//!   buckets), built once per scenario.
//! - [`state`]: [`state::RecipientState`], the shared state while the year runs:
//!   quarantine, denylist, soft bounces and the pressure counts.

pub mod population;
pub mod state;
