//! The scenario panel's fields: every editable field of the document by group (its
//! path and how its text is read), the default a blank field stands for, and which
//! scheduler fields a frequency uses. Pure.

use crate::engine::doc::scheduler::COMMON_FIELDS;
use crate::engine::doc::{Frequency, SchedulerSpec};
use crate::ui::editor::Kind;
use crate::ui::i18n::K;

/// The frequency choice's options, in the document's words (a test checks them
/// against `Frequency::ALL`).
const FREQ: &[&str] = &["once", "daily", "weekly", "monthly", "yearly", "periodic"];
const WEEKDAY: &[&str] = &["", "mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// Whether the panel shows the field at `path` for the frequency typed (`freq`): a
/// scheduler field belongs to some frequencies only, as the document's own table says
/// (`SchedulerSpec::field_applies`); with no known frequency, only the fields of every
/// frequency.
pub fn applies(path: &str, freq: &str) -> bool {
    let Some(field) = path.strip_prefix("workflow.scheduler.") else {
        return true;
    };
    match Frequency::from_name(freq) {
        Some(f) => SchedulerSpec::field_applies(field, f),
        None => COMMON_FIELDS.iter().any(|c| field.starts_with(c)),
    }
}

/// The default a blank field stands for (technical values, the same in both languages).
pub fn placeholder(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "year" => "2026",
        "timezone" => "UTC",
        "seed" | "history_days" => "0",
        "every" => "1",
        "times" => "09:00, 18:00",
        "days" => "mon, thu",
        "month_days" => "1, 15, -1",
        "months" => "1, 4, 7, 10",
        "dates" => "02-14, 12-24",
        "at" | "content_changes" => "2026-06-15T10:00",
        "window" => "08:00, 20:00",
        "start" => "2026-01-01",
        "end" => "2026-12-31",
        "interval_minutes" | "tick_minutes" => "60",
        _ => "",
    }
}

/// A group of fields of the scenario panel: its legend and its (path, kind) fields.
pub type Group = (K, &'static [(&'static str, Kind)]);

/// The scenario panel's fields, by group, in the order shown.
pub const GROUPS: &[Group] = &[
    (
        K::GroupGeneral,
        &[
            ("name", Kind::Text),
            ("year", Kind::Int),
            ("timezone", Kind::Text),
            ("seed", Kind::Int),
        ],
    ),
    (
        K::GroupScheduler,
        &[
            ("workflow.scheduler.frequency", Kind::Choice(FREQ)),
            ("workflow.scheduler.at", Kind::Text),
            ("workflow.scheduler.times", Kind::List),
            ("workflow.scheduler.every", Kind::Int),
            ("workflow.scheduler.days", Kind::List),
            ("workflow.scheduler.month_days", Kind::IntList),
            ("workflow.scheduler.nth_weekday.nth", Kind::Int),
            ("workflow.scheduler.nth_weekday.day", Kind::Choice(WEEKDAY)),
            ("workflow.scheduler.months", Kind::IntList),
            ("workflow.scheduler.dates", Kind::List),
            ("workflow.scheduler.interval_minutes", Kind::Int),
            ("workflow.scheduler.window", Kind::Pair),
            ("workflow.scheduler.start", Kind::Text),
            ("workflow.scheduler.end", Kind::Text),
            ("workflow.scheduler.max_runs", Kind::Int),
            ("workflow.scheduler.tick_minutes", Kind::Int),
        ],
    ),
    (
        K::GroupQuery,
        &[
            ("workflow.query.filter", Kind::Choice(&["all", "birthday"])),
            (
                "workflow.query.leap_day",
                Kind::Choice(&["", "mar1", "feb28", "skip"]),
            ),
            ("workflow.query.incremental", Kind::Bool),
            ("workflow.query.history_days", Kind::Int),
        ],
    ),
    (
        K::GroupDelivery,
        &[
            (
                "workflow.delivery.mode",
                Kind::Choice(&["recurring", "continuous"]),
            ),
            (
                "workflow.delivery.aggregation",
                Kind::Choice(&["none", "day", "week", "month"]),
            ),
            ("workflow.delivery.label", Kind::Text),
            ("workflow.delivery.content_changes", Kind::List),
            ("pressure.max_messages", Kind::Int),
            ("pressure.period_days", Kind::Int),
        ],
    ),
    (
        K::GroupOutages,
        &[
            ("outages", Kind::Outages),
            ("missed_runs", Kind::Choice(&["once", "all", "skip"])),
        ],
    ),
    (
        K::GroupTracking,
        &[
            ("tracking.enabled", Kind::Bool),
            ("tracking.open_rate", Kind::Float),
            ("tracking.click_rate", Kind::Float),
            ("tracking.optout_rate", Kind::Float),
            ("tracking.hard_bounce_rate", Kind::Float),
            ("tracking.soft_bounce_rate", Kind::Float),
        ],
    ),
    (
        K::GroupPopulation,
        &[
            ("population.size", Kind::Int),
            ("population.signups_per_day", Kind::Float),
            ("population.birthday_known", Kind::Float),
            ("population.invalid_address_rate", Kind::Float),
            ("population.engaged_share", Kind::Float),
        ],
    ),
];

/// Every field's path.
pub fn all_paths() -> impl Iterator<Item = &'static str> {
    GROUPS.iter().flat_map(|(_, f)| f.iter().map(|(p, _)| *p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scheduler_fields_show_for_their_frequencies() {
        assert!(applies("workflow.scheduler.days", "weekly"));
        assert!(!applies("workflow.scheduler.days", "daily"));
        assert!(applies("seed", "once"));
        assert_eq!(placeholder("workflow.scheduler.times"), "09:00, 18:00");
        assert!(all_paths().any(|p| p == "outages"));
        let names: Vec<&str> = Frequency::ALL.iter().map(|f| f.name()).collect();
        assert_eq!(FREQ, names.as_slice());
        assert!(
            applies("workflow.scheduler.frequency", ""),
            "with no frequency, its own field"
        );
    }
}
