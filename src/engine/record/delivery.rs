//! The record of one delivery (a recurring instance, an aggregated period, or a
//! continuous delivery object), its broadLog counts and its aggregation period.

use super::logs::{Reason, Status};
use crate::engine::calendar::Instant;
use crate::engine::doc::Aggregation;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// broadLog counts of a delivery, as in the CLI contract.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct BroadlogCounts {
    pub total: u32,
    pub sent: u32,
    pub failed: u32,
    pub ignored: u32,
}

impl BroadlogCounts {
    /// Counts `n` rows of reason `r`.
    pub(crate) fn add_n(&mut self, r: Reason, n: u32) {
        self.total += n;
        match r.status() {
            Status::Sent => self.sent += n,
            Status::Failed => self.failed += n,
            Status::Ignored => self.ignored += n,
        }
    }
}

/// One delivery (a recurring instance, an aggregated period, or a continuous
/// delivery object).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DeliveryRecord {
    /// 1, 2, 3… in creation order (across every workflow).
    pub id: u32,
    /// The workflow whose delivery activity created it.
    pub workflow: u16,
    /// Label as the platform shows it (recurring instances carry their date).
    pub label: String,
    /// `at` of the execution that created it.
    pub created: Instant,
    /// Content version in force at its creation.
    pub content_version: u32,
    /// Executions that appended to it.
    pub runs: u32,
    pub broadlog: BroadlogCounts,
    /// Aggregation period (aggregated recurring deliveries only).
    pub period: Option<Period>,
    /// First and last execution index that appended to it.
    pub first_execution: u32,
    pub last_execution: u32,
    /// A continuous delivery started after a content change (a fork): the delivery
    /// of its workflow it replaces, as the Delivery activity's routing decided;
    /// `None` for a workflow's first continuous delivery and for recurring ones.
    pub replaces: Option<u32>,
}

/// The aggregation period an execution's local date falls in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Period {
    /// One local day.
    Day { year: i32, month: u32, day: u32 },
    /// One ISO week (ISO week-based year and week number).
    Week { year: i32, week: u32 },
    /// One calendar month.
    Month { year: i32, month: u32 },
}

impl Period {
    /// The period of `date` for an aggregation (`None` for no aggregation).
    pub fn of(aggregation: Aggregation, date: NaiveDate) -> Option<Period> {
        match aggregation {
            Aggregation::None => None,
            Aggregation::Day => Some(Period::Day {
                year: date.year(),
                month: date.month(),
                day: date.day(),
            }),
            Aggregation::Week => {
                let w = date.iso_week();
                Some(Period::Week {
                    year: w.year(),
                    week: w.week(),
                })
            }
            Aggregation::Month => Some(Period::Month {
                year: date.year(),
                month: date.month(),
            }),
        }
    }

    /// `2026-01-05`, `2026-W02`, `2026-01`.
    pub fn code(&self) -> String {
        match self {
            Period::Day { year, month, day } => format!("{year:04}-{month:02}-{day:02}"),
            Period::Week { year, week } => format!("{year:04}-W{week:02}"),
            Period::Month { year, month } => format!("{year:04}-{month:02}"),
        }
    }
}
