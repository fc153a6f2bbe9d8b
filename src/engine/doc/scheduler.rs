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

impl Frequency {
    /// Every frequency, in the contract's order.
    pub const ALL: [Frequency; 6] = [
        Frequency::Once,
        Frequency::Daily,
        Frequency::Weekly,
        Frequency::Monthly,
        Frequency::Yearly,
        Frequency::Periodic,
    ];

    /// The contract's name (`once`, `daily`…).
    pub fn name(self) -> &'static str {
        match self {
            Frequency::Once => "once",
            Frequency::Daily => "daily",
            Frequency::Weekly => "weekly",
            Frequency::Monthly => "monthly",
            Frequency::Yearly => "yearly",
            Frequency::Periodic => "periodic",
        }
    }

    /// The frequency of a contract name.
    ///
    /// ```
    /// use campaign_sim::engine::doc::Frequency;
    /// assert_eq!(Frequency::from_name("weekly"), Some(Frequency::Weekly));
    /// assert_eq!(Frequency::from_name("hourly"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Frequency> {
        Frequency::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The scheduler fields that belong to this frequency, beside those of every
    /// frequency ([`COMMON_FIELDS`]), from the table [`FREQUENCY_FIELDS`].
    pub fn fields(self) -> Vec<&'static str> {
        FREQUENCY_FIELDS
            .iter()
            .filter(|(_, of)| of.contains(&self))
            .map(|(field, _)| *field)
            .collect()
    }
}

/// The scheduler's fields that belong to some frequencies only, and those frequencies
/// (the contract's Scheduler table): what validation requires and what an editor shows.
pub const FREQUENCY_FIELDS: &[(&str, &[Frequency])] = {
    use Frequency::*;
    &[
        ("at", &[Once]),
        ("times", &[Daily, Weekly, Monthly, Yearly]),
        ("every", &[Daily, Weekly, Monthly]),
        ("days", &[Weekly]),
        ("month_days", &[Monthly]),
        ("nth_weekday", &[Monthly]),
        ("months", &[Monthly]),
        ("dates", &[Yearly]),
        ("interval_minutes", &[Periodic]),
        ("window", &[Periodic]),
    ]
};

/// The scheduler's fields that belong to every frequency.
pub const COMMON_FIELDS: &[&str] = &["frequency", "start", "end", "max_runs", "tick_minutes"];

impl SchedulerSpec {
    /// Does the scheduler field `field` belong to frequency `f` (the contract's
    /// Scheduler table, [`FREQUENCY_FIELDS`])? `field` is a field of the scheduler or a
    /// path inside one (`nth_weekday.day` is `nth_weekday`'s); a field of every
    /// frequency, or one the table does not know, belongs to all.
    ///
    /// ```
    /// use campaign_sim::engine::doc::{Frequency, SchedulerSpec};
    /// assert!(SchedulerSpec::field_applies("days", Frequency::Weekly));
    /// assert!(!SchedulerSpec::field_applies("days", Frequency::Daily));
    /// assert!(SchedulerSpec::field_applies("nth_weekday.day", Frequency::Monthly));
    /// assert!(SchedulerSpec::field_applies("max_runs", Frequency::Once));
    /// ```
    pub fn field_applies(field: &str, f: Frequency) -> bool {
        let field = field.split(['.', '[']).next().unwrap_or(field);
        FREQUENCY_FIELDS
            .iter()
            .find(|(name, _)| *name == field)
            .is_none_or(|(_, of)| of.contains(&f))
    }
}

/// Checks a scheduler found at path `p` (`workflow.scheduler`): its times, its days,
/// its periodic window and its validity, in that order.
pub fn validate_scheduler(sc: &SchedulerSpec, p: &str, e: &mut Errors) {
    validate_times(sc, p, e);
    validate_days(sc, p, e);
    validate_periodic(sc, p, e);
    validate_validity(sc, p, e);
}

/// `at` (a `once` needs it), `times` (the frequencies with times need one) and `every`.
fn validate_times(sc: &SchedulerSpec, p: &str, e: &mut Errors) {
    let freq = sc.frequency;
    match &sc.at {
        Some(at) => {
            e.local_datetime(&format!("{p}.at"), at);
        }
        None if SchedulerSpec::field_applies("at", freq) => e.push(
            format!("{p}.at"),
            format!("is required for frequency \"{}\"", freq.name()),
        ),
        None => {}
    }
    for (i, t) in sc.times.iter().enumerate() {
        e.time(&format!("{p}.times[{i}]"), t);
    }
    if SchedulerSpec::field_applies("times", freq) && sc.times.is_empty() {
        e.push(
            format!("{p}.times"),
            format!(
                "at least one time of day is required for frequency \"{}\"",
                freq.name()
            ),
        );
    }
    if sc.every < 1 {
        e.push(format!("{p}.every"), format!("{} is less than 1", sc.every));
    }
}

/// Which days: weekdays (weekly), days of the month or the nth weekday, months
/// (monthly), dates (yearly).
fn validate_days(sc: &SchedulerSpec, p: &str, e: &mut Errors) {
    let freq = sc.frequency;
    if SchedulerSpec::field_applies("days", freq) && sc.days.is_empty() {
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
    if SchedulerSpec::field_applies("dates", freq) && sc.dates.is_empty() {
        e.push(
            format!("{p}.dates"),
            "at least one MM-DD date is required for frequency \"yearly\"",
        );
    }
}

/// `interval_minutes` and `window` (a `periodic` needs both).
fn validate_periodic(sc: &SchedulerSpec, p: &str, e: &mut Errors) {
    let periodic = |field| SchedulerSpec::field_applies(field, sc.frequency);
    match sc.interval_minutes {
        Some(m) if m < 1 => e.push(
            format!("{p}.interval_minutes"),
            format!("{m} is less than 1"),
        ),
        None if periodic("interval_minutes") => e.push(
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
        None if periodic("window") => e.push(
            format!("{p}.window"),
            "is required for frequency \"periodic\"",
        ),
        None => {}
    }
}

/// The validity period, `max_runs` and the server's tick.
fn validate_validity(sc: &SchedulerSpec, p: &str, e: &mut Errors) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_field_table_is_the_contract_scheduler_table() {
        use Frequency::*;
        let of = |field: &str| -> Vec<Frequency> {
            Frequency::ALL
                .into_iter()
                .filter(|f| SchedulerSpec::field_applies(field, *f))
                .collect()
        };
        assert_eq!(of("at"), vec![Once]);
        assert_eq!(of("times"), vec![Daily, Weekly, Monthly, Yearly]);
        assert_eq!(of("every"), vec![Daily, Weekly, Monthly]);
        assert_eq!(of("days"), vec![Weekly]);
        for monthly in ["month_days", "nth_weekday", "nth_weekday.nth", "months"] {
            assert_eq!(of(monthly), vec![Monthly], "{monthly}");
        }
        assert_eq!(of("dates[0]"), vec![Yearly]);
        assert_eq!(of("interval_minutes"), vec![Periodic]);
        assert_eq!(of("window"), vec![Periodic]);
        for common in COMMON_FIELDS {
            assert_eq!(of(common), Frequency::ALL.to_vec(), "{common}");
        }
        assert_eq!(Weekly.fields(), vec!["times", "every", "days"]);
        assert_eq!(Periodic.fields(), vec!["interval_minutes", "window"]);
        // Every field of the document's scheduler is in one table or the other.
        let spec: SchedulerSpec = serde_json::from_str(
            r#"{"frequency":"once","at":"2026-01-01T00:00","times":["09:00"],"days":["mon"],
                "month_days":[1],"nth_weekday":{"nth":1,"day":"mon"},"months":[1],
                "dates":["01-01"],"interval_minutes":5,"window":["08:00","09:00"],
                "start":"2026-01-01","end":"2026-01-02","max_runs":1,"tick_minutes":5}"#,
        )
        .unwrap();
        let json = serde_json::to_value(&spec).unwrap();
        for key in json.as_object().unwrap().keys() {
            let known = FREQUENCY_FIELDS.iter().any(|(f, _)| f == key)
                || COMMON_FIELDS.contains(&key.as_str());
            assert!(known, "{key}");
        }
        for f in Frequency::ALL {
            assert_eq!(Frequency::from_name(f.name()), Some(f));
            assert_eq!(serde_json::to_value(f).unwrap(), f.name());
        }
    }
}
