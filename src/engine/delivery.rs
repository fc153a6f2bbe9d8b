//! Delivery rules: content versions, aggregation periods of a recurring delivery,
//! delivery labels, and the pressure (fatigue) rule extension.

use super::calendar::{Calendar, Instant};
use super::scenario::{parse_local_datetime, Aggregation, Errors, Scenario};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Extension `pressure`: at most `max_messages` sent messages per recipient over a
/// rolling window of `period_days` × 24 h; the excess is ignored, "excluded by
/// arbitration".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PressureSpec {
    /// Largest number of messages in any window (1 … 64).
    pub max_messages: u32,
    /// Window length in days (1 … 366).
    pub period_days: u32,
}

/// Checks the `pressure` extension (called from `scenario::validate`).
pub fn validate_pressure(s: &Scenario, e: &mut Errors) {
    let Some(p) = &s.pressure else { return };
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

/// The template's content versions: the instants of its edits, sorted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ContentVersions {
    edits: Vec<Instant>,
}

impl ContentVersions {
    /// The edits of a scenario (all of them, also those before the horizon).
    pub fn of(s: &Scenario, cal: &Calendar) -> ContentVersions {
        let mut edits: Vec<Instant> = s
            .workflow
            .delivery
            .content_changes
            .iter()
            .filter_map(|c| parse_local_datetime(c))
            .map(|l| cal.instant(l))
            .collect();
        edits.sort_unstable();
        ContentVersions { edits }
    }

    /// The version in force at `t`: 1 + edits at or before `t`.
    pub fn at(&self, t: Instant) -> u32 {
        1 + self.edits.partition_point(|e| *e <= t) as u32
    }

    /// The edit instants, sorted.
    pub fn edits(&self) -> &[Instant] {
        &self.edits
    }
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

/// The label of a delivery as the platform names instances: a recurring instance
/// gets its date (or its period when aggregated), a continuous delivery keeps the
/// template label, with its version after an edit.
pub fn label(
    template: &str,
    recurring: bool,
    date: NaiveDate,
    period: Option<Period>,
    version: u32,
) -> String {
    let base = if template.is_empty() {
        "Delivery"
    } else {
        template
    };
    if recurring {
        let when = period.map_or_else(|| date.format("%Y-%m-%d").to_string(), |p| p.code());
        format!("{base} – {when}")
    } else if version > 1 {
        format!("{base} (v{version})")
    } else {
        base.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_week_of_new_year_days_belongs_to_previous_year() {
        let d = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
        assert_eq!(Period::of(Aggregation::Week, d).unwrap().code(), "2026-W53");
        let d = NaiveDate::from_ymd_opt(2024, 12, 30).unwrap();
        assert_eq!(Period::of(Aggregation::Week, d).unwrap().code(), "2025-W01");
    }

    #[test]
    fn labels_name_the_instance() {
        let d = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
        assert_eq!(label("News", true, d, None, 1), "News – 2026-01-05");
        let m = Period::of(Aggregation::Month, d);
        assert_eq!(label("News", true, d, m, 1), "News – 2026-01");
        assert_eq!(label("Welcome", false, d, None, 2), "Welcome (v2)");
    }
}
