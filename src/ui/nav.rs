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
    on_date(o, typed_day(o, t)?)
}

/// The day a text names, as an ISO date or as people write it ([`day_month`]).
fn typed_day(o: &Outcome, t: &str) -> Option<NaiveDate> {
    parse_date(t).or_else(|| day_month(t, o.calendar().year))
}

/// The day a typed text names when no execution ran on it (the trace then shows the
/// run before it, [`resolve`], and says so). `None` for a number, a date-time, a day
/// with a run or a text that names no day.
pub fn day_without_run(o: &Outcome, text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    if parse_local_datetime(t).is_some() {
        return None;
    }
    let date = typed_day(o, t)?;
    // The last execution by the end of that day ran on it, or no execution did.
    let last = on_date(o, date).and_then(|e| o.executions().get(e));
    let ran = last.is_some_and(|e| o.calendar().local_date(e.at) == date);
    (!ran).then_some(date)
}

/// A day of the simulated year as people write it: `2 Feb`, `2 février`, `2 févr.`,
/// `Feb 2`, `2/2` or `02/02` (day first). `None` for anything else.
pub fn day_month(text: &str, year: i32) -> Option<NaiveDate> {
    let t = text.trim().to_lowercase();
    if let Some((d, m)) = t.split_once('/') {
        return NaiveDate::from_ymd_opt(year, m.trim().parse().ok()?, d.trim().parse().ok()?);
    }
    let words: Vec<&str> = t
        .split(|c: char| c.is_whitespace() || c == '.' || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let (day, month) = match words.as_slice() {
        [a, b] => match (a.parse::<u32>(), b.parse::<u32>()) {
            (Ok(d), Err(_)) => (d, month_of(b)?),
            (Err(_), Ok(d)) => (d, month_of(a)?),
            _ => return None,
        },
        _ => return None,
    };
    NaiveDate::from_ymd_opt(year, month, day)
}

/// A month's number from its English or French name or abbreviation.
fn month_of(word: &str) -> Option<u32> {
    let w: String = word
        .chars()
        .map(|c| match c {
            'é' | 'è' | 'ê' => 'e',
            'û' | 'ù' => 'u',
            c => c,
        })
        .collect();
    const NAMES: [(&str, u32); 14] = [
        ("jan", 1),
        ("feb", 2),
        ("fev", 2),
        ("mar", 3),
        ("apr", 4),
        ("avr", 4),
        ("may", 5),
        ("mai", 5),
        ("jun", 6),
        ("jul", 7),
        ("aug", 8),
        ("aou", 8),
        ("sep", 9),
        ("oct", 10),
    ];
    // French "juin" / "juil." share "jui": the fourth letter decides.
    if w.starts_with("juin") {
        return Some(6);
    }
    if w.starts_with("juil") {
        return Some(7);
    }
    if w.starts_with("nov") {
        return Some(11);
    }
    if w.starts_with("dec") {
        return Some(12);
    }
    NAMES
        .iter()
        .find(|(p, _)| w.len() >= 3 && w.starts_with(p))
        .map(|(_, m)| *m)
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

/// Reads an instant written as RFC 3339, a local date-time or a local date (its
/// midnight), the local forms in the scenario's zone (`local_to_instant`).
///
/// ```
/// use campaign_sim::ui::nav::parse_instant;
/// assert_eq!(parse_instant("1970-01-01T01:00:00+01:00", |_| 7), Some(0));
/// assert_eq!(parse_instant("2026-06-30", |_| 7), Some(7));
/// assert_eq!(parse_instant("June", |_| 7), None);
/// ```
pub fn parse_instant(
    text: &str,
    local_to_instant: impl Fn(chrono::NaiveDateTime) -> i64,
) -> Option<i64> {
    if let Ok(dt) = chrono::DateTime::parse_from_rfc3339(text) {
        return Some(dt.timestamp());
    }
    if let Some(local) = parse_local_datetime(text) {
        return Some(local_to_instant(local));
    }
    parse_date(text)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(local_to_instant)
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

    #[test]
    fn a_typed_day_without_a_run_is_named_and_a_day_with_one_is_not() {
        let o = weekly();
        // 2026-02-04 is a Wednesday: the newsletter runs on Mondays.
        let wed = NaiveDate::from_ymd_opt(2026, 2, 4).unwrap();
        assert_eq!(day_without_run(&o, "2026-02-04"), Some(wed));
        assert_eq!(day_without_run(&o, "4 Feb"), Some(wed));
        assert_eq!(day_without_run(&o, "2026-02-02"), None, "a Monday: it ran");
        assert_eq!(day_without_run(&o, "5"), None, "a number names a run");
        assert_eq!(day_without_run(&o, "2026-02-04T10:00"), None);
        assert_eq!(day_without_run(&o, "soon"), None);
        // The run the trace shows instead is the Monday before.
        assert_eq!(resolve(&o, "2026-02-04"), resolve(&o, "2026-02-02"));
    }

    fn local(o: &Outcome, e: usize) -> String {
        o.calendar().rfc3339(o.executions()[e].at)
    }

    #[test]
    fn a_day_and_month_as_people_write_them() {
        let d = |s: &str| day_month(s, 2026).map(|d| d.to_string());
        for s in [
            "2 Feb",
            "2 feb.",
            "Feb 2",
            "2 février",
            "2 févr.",
            "2/2",
            "02/02",
            " 2 FEBRUARY ",
        ] {
            assert_eq!(d(s).as_deref(), Some("2026-02-02"), "{s}");
        }
        assert_eq!(d("1 juin").as_deref(), Some("2026-06-01"));
        assert_eq!(d("14 juil.").as_deref(), Some("2026-07-14"));
        assert_eq!(d("15 août").as_deref(), Some("2026-08-15"));
        assert_eq!(d("25 déc.").as_deref(), Some("2026-12-25"));
        for s in [
            "30 Feb",
            "2 Fe",
            "Feb",
            "2",
            "13/13",
            "hello world",
            "2 3 Feb",
        ] {
            assert_eq!(d(s), None, "{s}");
        }
        // The trace's field: "2 Feb" is the run of Monday 2 February.
        let o = weekly();
        let e = resolve(&o, "2 Feb").unwrap();
        assert_eq!(local(&o, e), "2026-02-02T09:00:00+01:00");
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
