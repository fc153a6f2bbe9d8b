//! A validation problem ([`ScenarioError`]: the JSON path of the field and a plain
//! reason) and the collector every part's check writes to ([`Errors`]).

use super::time::{parse_date, parse_local_datetime, parse_time};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::Serialize;

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
