//! The Delivery's part of the document (`delivery`), the pressure rule, and their
//! checks.

use super::error::Errors;
use super::names::by_name;
use serde::{Deserialize, Serialize};

/// Delivery mode.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    #[default]
    Recurring,
    Continuous,
}

by_name!(Mode, [Recurring = "recurring", Continuous = "continuous"]);

/// Aggregation period of a recurring delivery.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Aggregation {
    #[default]
    None,
    Day,
    Week,
    Month,
}

by_name!(
    Aggregation,
    [None = "none", Day = "day", Week = "week", Month = "month"]
);

/// The Delivery activity.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeliverySpec {
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub aggregation: Aggregation,
    #[serde(default)]
    pub label: String,
    /// Local date-times at which the creative is edited.
    #[serde(default)]
    pub content_changes: Vec<String>,
}

/// Document field `pressure`: at most `max_messages` sent messages per recipient over
/// a rolling window of `period_days` × 24 h; the excess is ignored, "excluded by
/// arbitration".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PressureSpec {
    /// Largest number of messages in any window (1 … 64).
    pub max_messages: u32,
    /// Window length in days (1 … 366).
    pub period_days: u32,
}

/// Checks a delivery found at path `p` (`workflow.delivery`).
pub fn validate_delivery(d: &DeliverySpec, p: &str, e: &mut Errors) {
    for (i, c) in d.content_changes.iter().enumerate() {
        e.local_datetime(&format!("{p}.content_changes[{i}]"), c);
    }
}

/// Checks the `pressure` field.
pub fn validate_pressure(p: &PressureSpec, e: &mut Errors) {
    if !(1..=64).contains(&p.max_messages) {
        e.push(
            "pressure.max_messages",
            format!("{} is not between 1 and 64", p.max_messages),
        );
    }
    if !(1..=366).contains(&p.period_days) {
        e.push(
            "pressure.period_days",
            format!("{} is not between 1 and 366", p.period_days),
        );
    }
}
