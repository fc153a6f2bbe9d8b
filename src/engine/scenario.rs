//! The scenario document (shared/scenario-contract.md, v1) as serde types, plus the
//! project's extensions. Parsing and validation turn a JSON text into a [`Scenario`]
//! or into a list of [`ScenarioError`]s, each naming the JSON path of the field.
//!
//! Field names and defaults follow the contract exactly; extension fields are optional
//! and default to "off", so a document that uses only contract fields gives exactly the
//! contract's results.

use serde::{Deserialize, Serialize};

/// One validation problem: the JSON path of the offending field and a plain reason.
///
/// Displayed as `workflow.scheduler.days[1]: "mun" is not a weekday`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ScenarioError {
    /// JSON path, e.g. `workflow.scheduler.days[1]`; empty for the document itself.
    pub path: String,
    /// Why the value is rejected, in plain English.
    pub reason: String,
}

impl std::fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.reason)
        } else {
            write!(f, "{}: {}", self.path, self.reason)
        }
    }
}

impl std::error::Error for ScenarioError {}

/// The whole scenario document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    #[serde(default)]
    pub name: String,
    #[serde(default = "default_year")]
    pub year: i32,
    #[serde(default = "default_timezone")]
    pub timezone: String,
    #[serde(default)]
    pub seed: u64,
    /// Explicit recipient base.
    #[serde(default)]
    pub recipients: Vec<Recipient>,
    pub workflow: Workflow,
    #[serde(default)]
    pub outages: Vec<Outage>,
    #[serde(default)]
    pub missed_runs: MissedRuns,
    #[serde(default)]
    pub tracking: Tracking,
}

fn default_year() -> i32 {
    2026
}

fn default_timezone() -> String {
    "UTC".to_string()
}

/// One recipient of the explicit base.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recipient {
    pub id: u64,
    pub email: String,
    /// Local date-time `YYYY-MM-DDTHH:MM[:SS]`; absent = always in the base.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    /// `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birthday: Option<String>,
    #[serde(default)]
    pub bounce: Bounce,
    /// Local date-time of the opt-out (denylist from then on).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unsubscribed: Option<String>,
}

/// How the recipient's address answers a send.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Bounce {
    #[default]
    None,
    Hard,
}

/// The targeting workflow: Scheduler → Query → Delivery.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Workflow {
    pub scheduler: SchedulerSpec,
    #[serde(default)]
    pub query: QuerySpec,
    #[serde(default)]
    pub delivery: DeliverySpec,
}

/// Scheduler frequency.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Frequency {
    Once,
    Daily,
    Weekly,
    Monthly,
    Yearly,
    Periodic,
}

/// Weekday names as the contract writes them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl Weekday {
    /// chrono's weekday for this name.
    pub fn to_chrono(self) -> chrono::Weekday {
        match self {
            Weekday::Mon => chrono::Weekday::Mon,
            Weekday::Tue => chrono::Weekday::Tue,
            Weekday::Wed => chrono::Weekday::Wed,
            Weekday::Thu => chrono::Weekday::Thu,
            Weekday::Fri => chrono::Weekday::Fri,
            Weekday::Sat => chrono::Weekday::Sat,
            Weekday::Sun => chrono::Weekday::Sun,
        }
    }
}

/// `{"nth": 1..4 or -1, "day": "tue"}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NthWeekday {
    pub nth: i32,
    pub day: Weekday,
}

/// The Scheduler activity.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchedulerSpec {
    pub frequency: Frequency,
    /// once: local date-time of the single execution.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
    /// daily, weekly, monthly, yearly: local times of day `HH:MM`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub times: Vec<String>,
    /// daily, weekly, monthly: interval in days / weeks / months (default 1).
    #[serde(default = "default_every")]
    pub every: i64,
    /// weekly: weekdays.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub days: Vec<Weekday>,
    /// monthly: 1..31 or -1 (last day).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub month_days: Vec<i32>,
    /// monthly: instead of `month_days`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nth_weekday: Option<NthWeekday>,
    /// monthly: months 1..12 to keep.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub months: Vec<u32>,
    /// yearly: `MM-DD` list.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dates: Vec<String>,
    /// periodic: minutes between slots within `window`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval_minutes: Option<i64>,
    /// periodic: `[from, to]` local times, both inclusive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window: Option<[String; 2]>,
    /// Validity period start, local date, inclusive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    /// Validity period end, local date, inclusive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    /// Stop after this many executions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_runs: Option<i64>,
}

fn default_every() -> i64 {
    1
}

/// Query filter.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Filter {
    #[default]
    All,
    Birthday,
}

/// What a 29 February birthday does in a non-leap year.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LeapDay {
    #[default]
    Mar1,
    Feb28,
    Skip,
}

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

/// Delivery mode.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    #[default]
    Recurring,
    Continuous,
}

/// Aggregation period of a recurring delivery.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Aggregation {
    #[default]
    None,
    Day,
    Week,
    Month,
}

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

/// The workflow server is down (or the workflow paused) in `[from, to)`, local times.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outage {
    pub from: String,
    pub to: String,
}

/// What happens to slots that fall in an outage.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MissedRuns {
    #[default]
    Once,
    All,
    Skip,
}

/// Tracking (random events). The contract leaves the default to the project: off
/// unless the document asks for it, so an explicit contract document is deterministic
/// without any random draw.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tracking {
    #[serde(default)]
    pub enabled: bool,
}
