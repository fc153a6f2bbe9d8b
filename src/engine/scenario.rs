//! The scenario document (tests/contract/scenario-contract.md, a copy of shared/scenario-contract.md) as serde types, plus the
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
    /// Extension: a seeded generated population added after `recipients`
    /// (see `engine::population::PopulationSpec`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population: Option<super::population::PopulationSpec>,
    /// Extension: pressure (fatigue) rule, at most `max_messages` per recipient over
    /// a rolling `period_days` (see `engine::delivery::PressureSpec`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pressure: Option<super::delivery::PressureSpec>,
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
    /// Extension rates and settings of the tracking model (`engine::tracking`);
    /// absent = the model's defaults. Ignored when `enabled` is false.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open_rate: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub click_rate: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub optout_rate: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mirror_rate: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reopen_rate: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hard_bounce_rate: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub soft_bounce_rate: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub soft_bounce_limit: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub soft_bounce_reset_days: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub links: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub devices: Option<super::tracking::DeviceMix>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fast_share: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tail_days: Option<u32>,
}

// ---------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------

use super::calendar::Calendar;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use std::collections::HashMap;

/// Parses and validates a scenario document.
///
/// A JSON or type error stops parsing and is the only error returned (serde reads
/// no further); a well-formed document returns every validation problem, in
/// document order. The CLI prints the first one.
///
/// ```
/// use campaign_sim::engine::scenario::parse;
/// let err = parse(r#"{"workflow":{"scheduler":{"frequency":"weekly","days":["mon","mun"]}}}"#)
///     .unwrap_err();
/// assert_eq!(err[0].to_string(), r#"workflow.scheduler.days[1]: "mun" is not a weekday (mon, tue, wed, thu, fri, sat, sun)"#);
/// ```
pub fn parse(json: &str) -> Result<Scenario, Vec<ScenarioError>> {
    parse_validated(json).map(Validated::into_inner)
}

/// Like [`parse`], keeping the proof that the document was validated, so that
/// [`simulate_validated`](super::simulation::simulate_validated) does not validate
/// it a second time (on a list of 50,000 recipients validation costs about as much
/// as the year itself).
///
/// ```
/// use campaign_sim::engine::{scenario, simulation};
/// let v = scenario::parse_validated(r#"{"recipients":[{"id":1,"email":"a@x.test"}],
///   "workflow":{"scheduler":{"frequency":"daily","times":["09:00"]}}}"#).unwrap();
/// assert_eq!(simulation::simulate_validated(&v).unwrap().executions().len(), 365);
/// ```
pub fn parse_validated(json: &str) -> Result<Validated, Vec<ScenarioError>> {
    // serde would read a top-level array as the fields in order; say what is wrong.
    if !json.trim_start().starts_with('{') {
        let reason = match serde_json::from_str::<serde_json::Value>(json) {
            Err(e) => format!("invalid JSON: {e}"),
            Ok(_) => "the scenario must be a JSON object".to_string(),
        };
        return Err(vec![ScenarioError {
            path: String::new(),
            reason,
        }]);
    }
    // The plain parse accepts exactly what the path-tracking one accepts (same
    // deserializer, same end check); paths are only needed to word an error, and
    // tracking them on every value was a third of the parse (callgrind).
    let scenario: Scenario = match serde_json::from_str(json) {
        Ok(s) => s,
        Err(_) => return Err(vec![parse_error(json)]),
    };
    Validated::new(scenario)
}

/// The error of a document the plain parse refused, with the path of the value: found
/// from where serde_json stopped reading (`jsonpath`), so no path is tracked while a
/// document parses (tracking it was a third of the parse, and 70 KB of wasm).
fn parse_error(json: &str) -> ScenarioError {
    match serde_json::from_str::<Scenario>(json) {
        Err(e) => {
            let at = super::jsonpath::offset_of(json, e.line(), e.column());
            serde_error(super::jsonpath::path_at(json, at), &e)
        }
        // Unreachable in practice: both parses read the same text the same way.
        Ok(_) => ScenarioError {
            path: String::new(),
            reason: "invalid JSON".to_string(),
        },
    }
}

/// A scenario that passed [`validate`]. It only gives shared access to the
/// scenario, so it cannot be changed into an invalid one afterwards.
#[derive(Clone, Debug, PartialEq)]
pub struct Validated(Scenario);

impl Validated {
    /// Validates `s`: every problem, in document order, as [`validate`] returns them.
    pub fn new(s: Scenario) -> Result<Validated, Vec<ScenarioError>> {
        let errors = validate(&s);
        if errors.is_empty() {
            Ok(Validated(s))
        } else {
            Err(errors)
        }
    }

    /// The scenario.
    pub fn scenario(&self) -> &Scenario {
        &self.0
    }

    /// The scenario, to edit (it must be validated again).
    pub fn into_inner(self) -> Scenario {
        self.0
    }
}

impl std::ops::Deref for Validated {
    type Target = Scenario;
    fn deref(&self) -> &Scenario {
        &self.0
    }
}

/// Turns a serde error into a [`ScenarioError`] whose path names the field and whose
/// reason reads as plain English rather than serde's internal wording.
fn serde_error(mut path: String, inner: &serde_json::Error) -> ScenarioError {
    use serde_json::error::Category;
    match inner.classify() {
        Category::Syntax | Category::Eof | Category::Io => {
            return ScenarioError {
                path: String::new(),
                reason: format!("invalid JSON: {inner}"),
            };
        }
        Category::Data => {}
    }
    let full = inner.to_string();
    // serde_json appends " at line L column C"; the path says more.
    let msg = match full.rfind(" at line ") {
        Some(i) if inner.line() > 0 => &full[..i],
        _ => full.as_str(),
    };
    let reason = if let Some(rest) = msg.strip_prefix("unknown variant ") {
        let (value, expected) = split_expected(rest);
        if expected == "mon, tue, wed, thu, fri, sat, sun" {
            format!("\"{value}\" is not a weekday ({expected})")
        } else {
            format!("\"{value}\" is not one of {expected}")
        }
    } else if let Some(rest) = msg.strip_prefix("unknown field ") {
        let (field, expected) = split_expected(rest);
        // The reader stopped right after the key, so the path usually ends with it.
        if !(path == field || path.ends_with(&format!(".{field}"))) {
            push_segment(&mut path, &field);
        }
        if expected.is_empty() {
            "unknown field".to_string()
        } else {
            format!("unknown field (expected one of {expected})")
        }
    } else if let Some(rest) = msg.strip_prefix("missing field ") {
        push_segment(&mut path, rest.trim_matches('`'));
        "is required".to_string()
    } else if let Some(rest) = msg.strip_prefix("invalid type: ") {
        match rest.split_once(", expected ") {
            Some((found, expected)) => format!("expected {}, found {found}", plain_type(expected)),
            None => msg.to_string(),
        }
    } else if let Some(rest) = msg.strip_prefix("invalid value: ") {
        match rest.split_once(", expected ") {
            Some((found, expected)) => format!("expected {}, found {found}", plain_type(expected)),
            None => msg.to_string(),
        }
    } else {
        msg.to_string()
    };
    ScenarioError { path, reason }
}

/// serde's Rust type names in words a scenario author knows.
fn plain_type(expected: &str) -> String {
    match expected {
        "i64" | "i32" => "an integer".to_string(),
        "u64" | "u32" => "a non-negative integer".to_string(),
        "f64" | "f32" => "a number".to_string(),
        other => other.replace('`', ""),
    }
}

/// "`mun`, expected one of `mon`, `tue`" → ("mun", "mon, tue").
fn split_expected(rest: &str) -> (String, String) {
    let (value, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
    let expected = expected
        .trim_start_matches("one of ")
        .trim_start_matches("a ")
        .replace('`', "");
    (value.trim_matches('`').to_string(), expected)
}

fn push_segment(path: &mut String, field: &str) {
    if !path.is_empty() {
        path.push('.');
    }
    path.push_str(field);
}

/// Fixed-width decimal field, digits only (no sign, no spaces).
fn digits(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    // By hand rather than `str::parse`: called for every date of a recipient list.
    s.bytes().try_fold(0u32, |n, b| {
        if b.is_ascii_digit() {
            n.checked_mul(10)?.checked_add(u32::from(b - b'0'))
        } else {
            None
        }
    })
}

/// A local date-time `YYYY-MM-DDTHH:MM` or `YYYY-MM-DDTHH:MM:SS`; `None` when the
/// shape is wrong or the date/time does not exist on the calendar (2026-02-30).
pub fn parse_local_datetime(s: &str) -> Option<NaiveDateTime> {
    // The date is exactly 10 bytes, so the separator can only be at byte 10 (an
    // earlier 'T' would make the date part fail anyway).
    if s.as_bytes().get(10) != Some(&b'T') {
        return None;
    }
    let (date, time) = (s.get(..10)?, s.get(11..)?);
    Some(NaiveDateTime::new(parse_date(date)?, parse_time(time)?))
}

/// A date `YYYY-MM-DD` that exists on the calendar.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y = digits(s.get(0..4)?)?;
    let m = digits(s.get(5..7)?)?;
    let d = digits(s.get(8..10)?)?;
    NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)
}

/// A time of day `HH:MM` or `HH:MM:SS` (00:00 … 23:59:59).
pub fn parse_time(s: &str) -> Option<NaiveTime> {
    let b = s.as_bytes();
    let (h, m, sec) = match b.len() {
        5 if b[2] == b':' => (s.get(0..2)?, s.get(3..5)?, "00"),
        8 if b[2] == b':' && b[5] == b':' => (s.get(0..2)?, s.get(3..5)?, s.get(6..8)?),
        _ => return None,
    };
    NaiveTime::from_hms_opt(digits(h)?, digits(m)?, digits(sec)?)
}

/// A yearly date `MM-DD` that exists in some year (so `02-29` is accepted; it only
/// yields slots in leap years).
pub fn parse_month_day(s: &str) -> Option<(u32, u32)> {
    let b = s.as_bytes();
    if b.len() != 5 || b[2] != b'-' {
        return None;
    }
    let m = digits(s.get(0..2)?)?;
    let d = digits(s.get(3..5)?)?;
    // 2000 is a leap year: every month-day that exists in some year exists in it.
    NaiveDate::from_ymd_opt(2000, m, d).map(|_| (m, d))
}

/// Why `name` is not a zone. The web build carries only the zones in
/// `src/engine/tz/web-zones.txt` (77, for the download size), so there a real IANA name
/// can be missing: say so rather than call it wrong.
fn unknown_zone(name: &str) -> String {
    if cfg!(target_arch = "wasm32") {
        format!(
            "\"{name}\" is not an IANA time zone name, or not one of the ~80 zones the web page carries (the command-line tool has them all)"
        )
    } else {
        format!("\"{name}\" is not an IANA time zone name")
    }
}

/// The time zone named by `timezone` (IANA, case-sensitive as in the tz database).
pub fn parse_timezone(name: &str) -> Option<super::tz::Zone> {
    super::tz::Zone::named(name)
}

impl Scenario {
    /// The calendar (zone + simulated year) of this scenario.
    pub fn calendar(&self) -> Result<Calendar, ScenarioError> {
        let tz = parse_timezone(&self.timezone).ok_or_else(|| ScenarioError {
            path: "timezone".into(),
            reason: unknown_zone(&self.timezone),
        })?;
        if !(YEAR_MIN..=YEAR_MAX).contains(&self.year) {
            return Err(year_error(self.year));
        }
        Ok(Calendar::new(tz, self.year))
    }
}

// ---------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------

/// The contract's year range.
pub const YEAR_MIN: i32 = 1900;
/// The contract's year range.
pub const YEAR_MAX: i32 = 2200;
/// Upper bound for `history_days` (about 2,700 years): larger values are absurd and
/// would overflow instant arithmetic.
pub const HISTORY_DAYS_MAX: i64 = 1_000_000;

fn year_error(year: i32) -> ScenarioError {
    ScenarioError {
        path: "year".into(),
        reason: format!("{year} is outside {YEAR_MIN}..{YEAR_MAX}"),
    }
}

/// Collects validation errors with their JSON paths.
#[derive(Debug, Default)]
pub struct Errors(pub Vec<ScenarioError>);

impl Errors {
    /// Records one problem.
    pub fn push(&mut self, path: impl Into<String>, reason: impl Into<String>) {
        self.0.push(ScenarioError {
            path: path.into(),
            reason: reason.into(),
        });
    }

    /// Checks a required local date-time field.
    pub fn local_datetime(&mut self, path: &str, value: &str) -> Option<NaiveDateTime> {
        let parsed = parse_local_datetime(value);
        if parsed.is_none() {
            self.push(
                path,
                format!("\"{value}\" is not a local date-time YYYY-MM-DDTHH:MM[:SS] that exists"),
            );
        }
        parsed
    }

    /// Checks a date field.
    pub fn date(&mut self, path: &str, value: &str) -> Option<NaiveDate> {
        let parsed = parse_date(value);
        if parsed.is_none() {
            self.push(
                path,
                format!("\"{value}\" is not a date YYYY-MM-DD that exists"),
            );
        }
        parsed
    }

    /// Checks a time-of-day field.
    pub fn time(&mut self, path: &str, value: &str) -> Option<NaiveTime> {
        let parsed = parse_time(value);
        if parsed.is_none() {
            self.push(path, format!("\"{value}\" is not a time of day HH:MM"));
        }
        parsed
    }
}

/// Checks every limit of the contract (and of the project's extensions) and returns
/// all problems found, in document order. Each part of the document has its own
/// check; an extension adds its check as one more line here.
pub fn validate(s: &Scenario) -> Vec<ScenarioError> {
    let mut e = Errors::default();
    validate_document(s, &mut e);
    super::limits::validate_text(s, &mut e);
    validate_recipients(s, &mut e);
    validate_scheduler(&s.workflow.scheduler, &mut e);
    validate_query(&s.workflow.query, &mut e);
    validate_delivery(&s.workflow.delivery, &mut e);
    validate_outages(&s.outages, &mut e);
    super::tracking::validate_tracking(&s.tracking, &mut e);
    super::population::validate_population(s, &mut e);
    super::delivery::validate_pressure(s, &mut e);
    e.0
}

fn validate_document(s: &Scenario, e: &mut Errors) {
    if !(YEAR_MIN..=YEAR_MAX).contains(&s.year) {
        e.0.push(year_error(s.year));
    }
    if parse_timezone(&s.timezone).is_none() {
        e.push("timezone", unknown_zone(&s.timezone));
    }
}

fn validate_recipients(s: &Scenario, e: &mut Errors) {
    // Sized up front, and paths formatted only for an error: on a list of 50,000
    // recipients the eager `format!`s and rehashing were most of the parse
    // (callgrind, benches/engine.rs).
    let n = s.recipients.len();
    // Ids in increasing order (the usual export) cannot repeat: no id map then.
    let ids_increasing = s.recipients.windows(2).all(|w| match w {
        [a, b] => a.id < b.id,
        _ => true,
    });
    let mut ids: HashMap<u64, usize, FastHash> = HashMap::with_hasher(FastHash);
    if !ids_increasing {
        ids.reserve(n);
    }
    let mut emails: HashMap<&str, usize, FastHash> = HashMap::with_capacity_and_hasher(n, FastHash);
    // Most bases share a few `created` values (an import date): a repeat of the last
    // valid one needs no second calendar check.
    let mut last_created: Option<&str> = None;
    for (i, r) in s.recipients.iter().enumerate() {
        let repeated = if ids_increasing {
            None
        } else {
            ids.insert(r.id, i)
        };
        if let Some(first) = repeated {
            ids.insert(r.id, first);
            e.push(
                format!("recipients[{i}].id"),
                format!("{} is already the id of recipients[{first}]", r.id),
            );
        }
        if r.email.trim().is_empty() {
            e.push(format!("recipients[{i}].email"), "must not be empty");
        } else if let Some(first) = emails.insert(r.email.as_str(), i) {
            emails.insert(r.email.as_str(), first);
            e.push(
                format!("recipients[{i}].email"),
                format!(
                    "\"{}\" is already the email of recipients[{first}]",
                    r.email
                ),
            );
        }
        if let Some(c) = r.created.as_deref() {
            if last_created != Some(c) {
                if parse_local_datetime(c).is_none() {
                    e.local_datetime(&format!("recipients[{i}].created"), c);
                } else {
                    last_created = Some(c);
                }
            }
        }
        if let Some(b) = r.birthday.as_deref().filter(|b| parse_date(b).is_none()) {
            e.date(&format!("recipients[{i}].birthday"), b);
        }
        if let Some(u) = r
            .unsubscribed
            .as_deref()
            .filter(|u| parse_local_datetime(u).is_none())
        {
            e.local_datetime(&format!("recipients[{i}].unsubscribed"), u);
        }
    }
}

/// A multiply-rotate hasher (the Fx hash of rustc, with a final mix) for the
/// duplicate checks: the default SipHash was the largest single cost of validating
/// a long recipient list (callgrind). Flooding resistance is not needed: the
/// document is the user's own.
#[derive(Clone, Copy, Default)]
struct FastHash;

impl std::hash::BuildHasher for FastHash {
    type Hasher = FxHasher;
    fn build_hasher(&self) -> FxHasher {
        FxHasher(0)
    }
}

struct FxHasher(u64);

impl FxHasher {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(Self::K);
    }
}

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            if let Some(dst) = w.get_mut(..rest.len()) {
                dst.copy_from_slice(rest);
            }
            self.add(u64::from_le_bytes(w));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    fn finish(&self) -> u64 {
        // The multiply only carries upwards, so the low bits (the bucket index)
        // would depend on few input bits: emails that differ in a middle digit
        // piled into a few buckets. A final avalanche (splitmix64's) spreads them.
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

fn validate_scheduler(sc: &SchedulerSpec, e: &mut Errors) {
    const P: &str = "workflow.scheduler";
    let freq = sc.frequency;
    let needs_times = matches!(
        freq,
        Frequency::Daily | Frequency::Weekly | Frequency::Monthly | Frequency::Yearly
    );
    match (&sc.at, freq) {
        (Some(at), _) => {
            e.local_datetime(&format!("{P}.at"), at);
        }
        (None, Frequency::Once) => e.push(format!("{P}.at"), "is required for frequency \"once\""),
        (None, _) => {}
    }
    for (i, t) in sc.times.iter().enumerate() {
        e.time(&format!("{P}.times[{i}]"), t);
    }
    if needs_times && sc.times.is_empty() {
        e.push(
            format!("{P}.times"),
            format!(
                "at least one time of day is required for frequency \"{}\"",
                freq_name(freq)
            ),
        );
    }
    if sc.every < 1 {
        e.push(format!("{P}.every"), format!("{} is less than 1", sc.every));
    }
    if freq == Frequency::Weekly && sc.days.is_empty() {
        e.push(
            format!("{P}.days"),
            "at least one weekday is required for frequency \"weekly\"",
        );
    }
    for (i, d) in sc.month_days.iter().enumerate() {
        if !(*d == -1 || (1..=31).contains(d)) {
            e.push(
                format!("{P}.month_days[{i}]"),
                format!("{d} is not a day of the month (1 to 31, or -1 for the last day)"),
            );
        }
    }
    if let Some(nth) = &sc.nth_weekday {
        if !(nth.nth == -1 || (1..=4).contains(&nth.nth)) {
            e.push(
                format!("{P}.nth_weekday.nth"),
                format!("{} is not 1, 2, 3, 4 or -1 (last)", nth.nth),
            );
        }
    }
    if freq == Frequency::Monthly {
        match (sc.month_days.is_empty(), sc.nth_weekday.is_none()) {
            (true, true) => e.push(
                format!("{P}.month_days"),
                "frequency \"monthly\" needs month_days or nth_weekday",
            ),
            (false, false) => e.push(
                format!("{P}.nth_weekday"),
                "use either month_days or nth_weekday, not both",
            ),
            _ => {}
        }
    }
    for (i, m) in sc.months.iter().enumerate() {
        if !(1..=12).contains(m) {
            e.push(
                format!("{P}.months[{i}]"),
                format!("{m} is not a month (1 to 12)"),
            );
        }
    }
    for (i, d) in sc.dates.iter().enumerate() {
        if parse_month_day(d).is_none() {
            e.push(
                format!("{P}.dates[{i}]"),
                format!("\"{d}\" is not a day of the year MM-DD"),
            );
        }
    }
    if freq == Frequency::Yearly && sc.dates.is_empty() {
        e.push(
            format!("{P}.dates"),
            "at least one MM-DD date is required for frequency \"yearly\"",
        );
    }
    match sc.interval_minutes {
        Some(m) if m < 1 => e.push(
            format!("{P}.interval_minutes"),
            format!("{m} is less than 1"),
        ),
        None if freq == Frequency::Periodic => e.push(
            format!("{P}.interval_minutes"),
            "is required for frequency \"periodic\"",
        ),
        _ => {}
    }
    match &sc.window {
        Some([from, to]) => {
            let a = e.time(&format!("{P}.window[0]"), from);
            let b = e.time(&format!("{P}.window[1]"), to);
            if let (Some(a), Some(b)) = (a, b) {
                if a > b {
                    e.push(
                        format!("{P}.window"),
                        format!("window ends ({to}) before it starts ({from})"),
                    );
                }
            }
        }
        None if freq == Frequency::Periodic => e.push(
            format!("{P}.window"),
            "is required for frequency \"periodic\"",
        ),
        None => {}
    }
    let start = sc
        .start
        .as_ref()
        .and_then(|v| e.date(&format!("{P}.start"), v));
    let end = sc.end.as_ref().and_then(|v| e.date(&format!("{P}.end"), v));
    if let (Some(a), Some(b)) = (start, end) {
        if b < a {
            e.push(format!("{P}.end"), format!("{b} is before start {a}"));
        }
    }
    if let Some(m) = sc.max_runs {
        if m < 0 {
            e.push(format!("{P}.max_runs"), format!("{m} is negative"));
        }
    }
    if let Some(t) = sc.tick_minutes {
        if !(1..=1440).contains(&t) {
            e.push(
                format!("{P}.tick_minutes"),
                format!("{t} is not between 1 and 1440 minutes"),
            );
        }
    }
}

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

fn validate_query(q: &QuerySpec, e: &mut Errors) {
    if q.history_days < 0 {
        e.push(
            "workflow.query.history_days",
            format!("{} is negative", q.history_days),
        );
    } else if q.history_days > HISTORY_DAYS_MAX {
        e.push(
            "workflow.query.history_days",
            format!("{} is more than {HISTORY_DAYS_MAX}", q.history_days),
        );
    }
}

fn validate_delivery(d: &DeliverySpec, e: &mut Errors) {
    for (i, c) in d.content_changes.iter().enumerate() {
        e.local_datetime(&format!("workflow.delivery.content_changes[{i}]"), c);
    }
}

fn validate_outages(outages: &[Outage], e: &mut Errors) {
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
