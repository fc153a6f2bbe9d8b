//! The Scheduler's part of the document (`scheduler`), the outages and the missed-runs
//! policy, and their checks.

use super::error::Errors;
use super::names::by_name;
use super::time::{parse_date, parse_month_day};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Scheduler frequency.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Frequency {
    Once,
    Daily,
    Weekly,
    Monthly,
    Yearly,
    Periodic,
}

by_name!(
    Frequency,
    [
        Once = "once",
        Daily = "daily",
        Weekly = "weekly",
        Monthly = "monthly",
        Yearly = "yearly",
        Periodic = "periodic"
    ]
);

/// Weekday names as the contract writes them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
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

by_name!(
    Weekday,
    [
        Mon = "mon",
        Tue = "tue",
        Wed = "wed",
        Thu = "thu",
        Fri = "fri",
        Sat = "sat",
        Sun = "sun"
    ]
);

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
    /// Extension: the server checks its schedulers every `tick_minutes` (1..=1440,
    /// ticks at multiples of the tick since the Unix epoch); a slot runs at the first
    /// tick at or after it. Absent: exact instants, which is what the contract's
    /// one-minute tick gives with minute-precision times.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tick_minutes: Option<i64>,
}

fn default_every() -> i64 {
    1
}

impl SchedulerSpec {
    /// The validity period as local dates, both inclusive (default: the simulated
    /// `year`).
    pub fn validity(&self, year: i32) -> (NaiveDate, NaiveDate) {
        let first = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN);
        let last = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX);
        let start = self.start.as_deref().and_then(parse_date).unwrap_or(first);
        let end = self.end.as_deref().and_then(parse_date).unwrap_or(last);
        (start, end)
    }

    /// `max_runs` as a count (a negative value, refused by validation, counts as 0).
    pub fn max_runs(&self) -> Option<usize> {
        self.max_runs
            .map(|n| usize::try_from(n.max(0)).unwrap_or(usize::MAX))
    }
}

/// The workflow server is down (or the workflow paused) in `[from, to)`, local times.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outage {
    pub from: String,
    pub to: String,
}

/// What happens to slots that fall in an outage.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MissedRuns {
    #[default]
    Once,
    All,
    Skip,
}

by_name!(MissedRuns, [Once = "once", All = "all", Skip = "skip"]);

/// The contract's name of a frequency.
pub fn freq_name(f: Frequency) -> &'static str {
    match f {
        Frequency::Once => "once",
        Frequency::Daily => "daily",
        Frequency::Weekly => "weekly",
        Frequency::Monthly => "monthly",
        Frequency::Yearly => "yearly",
        Frequency::Periodic => "periodic",
    }
}

/// Checks a scheduler found at path `p` (`workflow.scheduler`).
pub fn validate_scheduler(sc: &SchedulerSpec, p: &str, e: &mut Errors) {
    let freq = sc.frequency;
    let needs_times = matches!(
        freq,
        Frequency::Daily | Frequency::Weekly | Frequency::Monthly | Frequency::Yearly
    );
    match (&sc.at, freq) {
        (Some(at), _) => {
            e.local_datetime(&format!("{p}.at"), at);
        }
        (None, Frequency::Once) => e.push(format!("{p}.at"), "is required for frequency \"once\""),
        (None, _) => {}
    }
    for (i, t) in sc.times.iter().enumerate() {
        e.time(&format!("{p}.times[{i}]"), t);
    }
    if needs_times && sc.times.is_empty() {
        e.push(
            format!("{p}.times"),
            format!(
                "at least one time of day is required for frequency \"{}\"",
                freq_name(freq)
            ),
        );
    }
    if sc.every < 1 {
        e.push(format!("{p}.every"), format!("{} is less than 1", sc.every));
    }
    if freq == Frequency::Weekly && sc.days.is_empty() {
        e.push(
            format!("{p}.days"),
            "at least one weekday is required for frequency \"weekly\"",
        );
    }
    for (i, d) in sc.month_days.iter().enumerate() {
        if !(*d == -1 || (1..=31).contains(d)) {
            e.push(
                format!("{p}.month_days[{i}]"),
                format!("{d} is not a day of the month (1 to 31, or -1 for the last day)"),
            );
        }
    }
    if let Some(nth) = &sc.nth_weekday {
        if !(nth.nth == -1 || (1..=4).contains(&nth.nth)) {
            e.push(
                format!("{p}.nth_weekday.nth"),
                format!("{} is not 1, 2, 3, 4 or -1 (last)", nth.nth),
            );
        }
    }
    if freq == Frequency::Monthly {
        match (sc.month_days.is_empty(), sc.nth_weekday.is_none()) {
            (true, true) => e.push(
                format!("{p}.month_days"),
                "frequency \"monthly\" needs month_days or nth_weekday",
            ),
            (false, false) => e.push(
                format!("{p}.nth_weekday"),
                "use either month_days or nth_weekday, not both",
            ),
            _ => {}
        }
    }
    for (i, m) in sc.months.iter().enumerate() {
        if !(1..=12).contains(m) {
            e.push(
                format!("{p}.months[{i}]"),
                format!("{m} is not a month (1 to 12)"),
            );
        }
    }
    for (i, d) in sc.dates.iter().enumerate() {
        if parse_month_day(d).is_none() {
            e.push(
                format!("{p}.dates[{i}]"),
                format!("\"{d}\" is not a day of the year MM-DD"),
            );
        }
    }
    if freq == Frequency::Yearly && sc.dates.is_empty() {
        e.push(
            format!("{p}.dates"),
            "at least one MM-DD date is required for frequency \"yearly\"",
        );
    }
    match sc.interval_minutes {
        Some(m) if m < 1 => e.push(
            format!("{p}.interval_minutes"),
            format!("{m} is less than 1"),
        ),
        None if freq == Frequency::Periodic => e.push(
            format!("{p}.interval_minutes"),
            "is required for frequency \"periodic\"",
        ),
        _ => {}
    }
    match &sc.window {
        Some([from, to]) => {
            let a = e.time(&format!("{p}.window[0]"), from);
            let b = e.time(&format!("{p}.window[1]"), to);
            if let (Some(a), Some(b)) = (a, b) {
                if a > b {
                    e.push(
                        format!("{p}.window"),
                        format!("window ends ({to}) before it starts ({from})"),
                    );
                }
            }
        }
        None if freq == Frequency::Periodic => e.push(
            format!("{p}.window"),
            "is required for frequency \"periodic\"",
        ),
        None => {}
    }
    let start = sc
        .start
        .as_ref()
        .and_then(|v| e.date(&format!("{p}.start"), v));
    let end = sc.end.as_ref().and_then(|v| e.date(&format!("{p}.end"), v));
    if let (Some(a), Some(b)) = (start, end) {
        if b < a {
            e.push(format!("{p}.end"), format!("{b} is before start {a}"));
        }
    }
    if let Some(m) = sc.max_runs {
        if m < 0 {
            e.push(format!("{p}.max_runs"), format!("{m} is negative"));
        }
    }
    if let Some(t) = sc.tick_minutes {
        if !(1..=1440).contains(&t) {
            e.push(
                format!("{p}.tick_minutes"),
                format!("{t} is not between 1 and 1440 minutes"),
            );
        }
    }
}

/// Checks the document's `outages`.
pub fn validate_outages(outages: &[Outage], e: &mut Errors) {
    for (i, o) in outages.iter().enumerate() {
        let from = e.local_datetime(&format!("outages[{i}].from"), &o.from);
        let to = e.local_datetime(&format!("outages[{i}].to"), &o.to);
        if let (Some(f), Some(t)) = (from, to) {
            if t <= f {
                e.push(
                    format!("outages[{i}].to"),
                    format!("{} is not after from {}", o.to, o.from),
                );
            }
        }
    }
}
