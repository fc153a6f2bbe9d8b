//! The Query's part of the document (`query`) and its checks.

use super::error::Errors;
use super::names::by_name;
use serde::{Deserialize, Serialize};

/// Upper bound for `history_days` (about 2,700 years): larger values are absurd and
/// would overflow instant arithmetic.
pub const HISTORY_DAYS_MAX: i64 = 1_000_000;

/// Query filter.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Filter {
    #[default]
    All,
    Birthday,
}

by_name!(Filter, [All = "all", Birthday = "birthday"]);

/// What a 29 February birthday does in a non-leap year.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LeapDay {
    #[default]
    Mar1,
    Feb28,
    Skip,
}

by_name!(LeapDay, [Mar1 = "mar1", Feb28 = "feb28", Skip = "skip"]);

/// The Query (or Incremental query) activity.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuerySpec {
    #[serde(default)]
    pub filter: Filter,
    #[serde(default)]
    pub leap_day: LeapDay,
    #[serde(default)]
    pub incremental: bool,
    /// 0 keeps the history forever.
    #[serde(default)]
    pub history_days: i64,
}

/// Checks a query found at path `p` (`workflow.query`).
pub fn validate_query(q: &QuerySpec, p: &str, e: &mut Errors) {
    if q.history_days < 0 {
        e.push(
            format!("{p}.history_days"),
            format!("{} is negative", q.history_days),
        );
    } else if q.history_days > HISTORY_DAYS_MAX {
        e.push(
            format!("{p}.history_days"),
            format!("{} is more than {HISTORY_DAYS_MAX}", q.history_days),
        );
    }
}
