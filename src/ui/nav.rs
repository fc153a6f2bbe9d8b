//! Finding one run: what a date, a typed execution or a click on a chart means as an
//! execution of the year. Pure (tested natively); the page moves its clock, explorer,
//! journal and trace to the execution found (`ui::app::jump`).

use crate::engine::calendar::{Calendar, Instant};
use crate::engine::doc::{parse_date, parse_local_datetime};
use crate::engine::out::outcome::Outcome;
use chrono::NaiveDate;

/// The last instant of a local date (the instant before the next day starts).
pub fn end_of_day(cal: &Calendar, date: NaiveDate) -> Option<Instant> {
    let next = date.succ_opt()?.and_hms_opt(0, 0, 0)?;
    Some(cal.instant(next) - 1)
}

/// The execution at or before `t` (the last one that has run by then), if any.
pub fn at_or_before(o: &Outcome, t: Instant) -> Option<usize> {
    o.executions_until(t).checked_sub(1)
}

/// The execution a date stands for: the last one at or before the end of that local day
/// (so a date with a run lands on its run, a date without one on the run before it).
pub fn on_date(o: &Outcome, date: NaiveDate) -> Option<usize> {
    at_or_before(o, end_of_day(o.calendar(), date)?)
}

/// What a learner types to name an execution: its number (`5`, `#5`, `n°5`), a local
/// date (`2026-02-02`: the last run at or before the end of that day) or a local
/// date-time (`2026-02-02T09:00`: the run at or before that instant). `None` when the
/// text names no execution of this year.
pub fn resolve(o: &Outcome, text: &str) -> Option<usize> {
    let t = text.trim();
    let number = t
        .trim_start_matches('#')
        .trim_start_matches("n°")
        .trim_start_matches("N°")
        .trim();
    if let Ok(n) = number.parse::<usize>() {
        return n.checked_sub(1).filter(|i| *i < o.executions().len());
    }
    if let Some(local) = parse_local_datetime(t) {
        return at_or_before(o, o.calendar().instant(local));
    }
    on_date(o, parse_date(t)?)
}

/// The go-to-date control: a local date and an optional time of day (`HH:MM`). With a
/// time, the execution at or before that instant; without, as [`on_date`].
pub fn go_to(o: &Outcome, date: &str, time: &str) -> Option<usize> {
    let d = parse_date(date.trim())?;
    match crate::engine::doc::parse_time(time.trim()) {
        Some(t) => at_or_before(o, o.calendar().instant(d.and_time(t))),
        None => on_date(o, d),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{doc, sim};
    use crate::ui::presets::preset;

    fn weekly() -> Outcome {
        let s = doc::parse(preset("weekly-newsletter-recurring").unwrap().json).unwrap();
        sim::simulate(&s).unwrap()
    }

    fn local(o: &Outcome, e: usize) -> String {
        o.calendar().rfc3339(o.executions()[e].at)
    }

    #[test]
    fn a_date_lands_on_its_run_or_the_run_before() {
        let o = weekly();
        // The 3rd Monday of March 2026 is the 16th: its 09:00 run.
        let e = resolve(&o, "2026-03-16").unwrap();
        assert_eq!(local(&o, e), "2026-03-16T09:00:00+01:00");
        // A Wednesday: the Monday before.
        let e = resolve(&o, "2026-03-18").unwrap();
        assert_eq!(local(&o, e), "2026-03-16T09:00:00+01:00");
        // Before the first run of the year: none.
        assert_eq!(resolve(&o, "2026-01-04"), None);
        assert_eq!(resolve(&o, "2026-01-05").map(|e| e + 1), Some(1));
    }

    #[test]
    fn a_date_time_is_at_or_before_that_instant() {
        let o = weekly();
        let e = resolve(&o, "2026-03-16T08:59").unwrap();
        assert_eq!(local(&o, e), "2026-03-09T09:00:00+01:00");
        let e = resolve(&o, "2026-03-16T09:00").unwrap();
        assert_eq!(local(&o, e), "2026-03-16T09:00:00+01:00");
        assert_eq!(
            go_to(&o, "2026-03-16", "08:59"),
            resolve(&o, "2026-03-16T08:59")
        );
        assert_eq!(go_to(&o, "2026-03-16", ""), resolve(&o, "2026-03-16"));
        assert_eq!(go_to(&o, "not a date", ""), None);
    }

    #[test]
    fn a_number_names_an_execution_of_the_year() {
        let o = weekly();
        assert_eq!(resolve(&o, "5"), Some(4));
        assert_eq!(resolve(&o, " #5 "), Some(4));
        assert_eq!(resolve(&o, "n°52"), Some(51));
        assert_eq!(resolve(&o, "53"), None);
        assert_eq!(resolve(&o, "0"), None);
        assert_eq!(resolve(&o, ""), None);
        assert_eq!(resolve(&o, "Tuesday"), None);
    }
}
