//! The charts' data, named: the year calendar of executions ([`CalendarModel`]), the
//! cumulative log rows per mode ([`RowsSeries`]) and the open rates
//! ([`RatesSeries`]), with their captions. Computed once per simulated year; only the
//! clock marker follows playback.

use chrono::Datelike;

use crate::engine::out::days::DayCell;
use crate::engine::out::kpi::Rate;
use crate::engine::sim::Side;
use crate::ui::format;
use crate::ui::i18n::{count, fill, tr, Lang, K};
use crate::ui::model::Sim;

/// The calendar's colour class of a day: a late run, a missed slot, a run that
/// reached the delivery, a run that targeted nobody, or nothing; and a clock change.
pub fn day_class(d: &DayCell) -> &'static str {
    let kind = if d.caught_up > 0 {
        1
    } else if d.missed > 0 {
        2
    } else if d.delivered > 0 {
        3
    } else if d.executions > 0 {
        4
    } else {
        0
    };
    const CLASSES: [[&str; 2]; 5] = [
        ["cs-day", "cs-day cs-dst"],
        ["cs-day cs-caught", "cs-day cs-caught cs-dst"],
        ["cs-day cs-missed", "cs-day cs-missed cs-dst"],
        ["cs-day cs-run", "cs-day cs-run cs-dst"],
        ["cs-day cs-nobody", "cs-day cs-nobody cs-dst"],
    ];
    CLASSES[kind][usize::from(d.clock_change.is_some())]
}

/// The year calendar: every local day of the year (the engine's cells: each covers
/// its local day, daylight-saving days included), and the weekday the first falls on
/// (its row in the grid, Monday first).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CalendarModel {
    pub days: Vec<DayCell>,
    pub offset: usize,
}

impl CalendarModel {
    pub fn of(sim: &Sim) -> CalendarModel {
        let days = sim
            .own_outcome()
            .map(|o| o.calendar_days())
            .unwrap_or_default();
        let offset = days
            .first()
            .map_or(0, |d| d.day.date.weekday().num_days_from_monday() as usize);
        CalendarModel { days, offset }
    }

    /// "365 executions: 69 sent, 296 targeted nobody, 0 caught up, 0 slots missed".
    pub fn caption(&self, lang: Lang) -> String {
        let sum = |f: fn(&DayCell) -> u32| self.days.iter().map(f).sum::<u32>();
        let (runs, sent, caught, missed) = (
            sum(|d| d.executions),
            sum(|d| d.delivered),
            sum(|d| d.caught_up),
            sum(|d| d.missed),
        );
        let n = |v: u32| format::int(lang, u64::from(v));
        fill(
            tr(lang, K::CalendarCaption),
            &[
                (
                    "runs",
                    &count(lang, u64::from(runs), K::ExecutionOne, K::ExecutionMany),
                ),
                ("sent", &n(sent)),
                ("nobody", &n(runs - sent)),
                ("caught", &n(caught)),
                (
                    "missed",
                    &count(lang, u64::from(missed), K::SlotOne, K::SlotMany),
                ),
            ],
        )
    }
}

/// A day's tooltip: its date, its executions, and a clock change with what it does to
/// a run planned in it (the contract's rule: a time that does not exist runs with the
/// offset before the gap; one that occurs twice runs at its first occurrence).
pub fn day_title(d: &DayCell, lang: Lang) -> String {
    let mut t = format!(
        "{} — {}",
        format::date(lang, d.day.date),
        count(
            lang,
            u64::from(d.executions),
            K::ExecutionOne,
            K::ExecutionMany
        )
    );
    if let Some(c) = d.clock_change {
        let k = if c.forward {
            K::DstForwardDay
        } else {
            K::DstBackDay
        };
        t.push_str(" — ");
        t.push_str(&fill(
            tr(lang, k),
            &[
                ("before", &format::utc_offset(c.before)),
                ("after", &format::utc_offset(c.after)),
            ],
        ));
    }
    t
}

/// One day's sample: (the day's end, broadLog rows, tracking rows).
pub type DayRows = (i64, usize, usize);

/// Daily samples of the log rows per mode, one per local day of the year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowsSeries {
    pub per_mode: Vec<(Side, Vec<DayRows>)>,
}

impl RowsSeries {
    /// A sample at the end of each local day (the engine's day samples: a
    /// daylight-saving day is 23 or 25 hours, not 24).
    pub fn of(sim: &Sim) -> RowsSeries {
        let per_mode = sim
            .columns
            .iter()
            .map(|c| {
                let pts = c
                    .outcome
                    .day_samples()
                    .iter()
                    .map(|d| {
                        (
                            d.day.end,
                            d.snapshot.broadlog_rows,
                            d.snapshot.tracking_rows,
                        )
                    })
                    .collect();
                (c.side, pts)
            })
            .collect();
        RowsSeries { per_mode }
    }

    /// The largest count drawn (the y axis' top).
    pub fn max(&self) -> usize {
        self.per_mode
            .iter()
            .flat_map(|(_, p)| p.iter().map(|(_, b, t)| (*b).max(*t)))
            .max()
            .unwrap_or(0)
            .max(1)
    }

    /// What each mode wrote by the end of the year, and why the lines overlap when they
    /// do (same people, same sends: the same rows, only grouped differently).
    pub fn caption(&self, lang: Lang) -> String {
        let last = |m: Side| {
            self.per_mode
                .iter()
                .find(|(k, _)| *k == m)
                .and_then(|(_, p)| p.last().map(|(_, b, t)| (*b, *t)))
                .unwrap_or((0, 0))
        };
        let (rec, con) = (last(Side::Recurring), last(Side::Continuous));
        let rows = |n: usize| count(lang, n as u64, K::RowOne, K::RowMany);
        if rec.0 == con.0 {
            fill(
                tr(lang, K::RowsOverlap),
                &[("rows", &rows(rec.0)), ("tracking", &rows(rec.1))],
            )
        } else {
            fill(
                tr(lang, K::RowsDiffer),
                &[("rec", &rows(rec.0)), ("con", &rows(con.0))],
            )
        }
    }
}

/// One recurring delivery's open rate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RatePoint {
    pub created: i64,
    /// Open rate, ‰.
    pub permille: u64,
    /// Its first execution.
    pub execution: usize,
    /// The messages it sent (the rate's denominator).
    pub sent: u64,
}

/// The open rates: per recurring delivery, and the continuous delivery's running rate
/// week by week (instant, ‰, messages sent so far).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RatesSeries {
    pub per: Vec<RatePoint>,
    pub running: Vec<(i64, u64, u64)>,
}

fn permille(r: Rate) -> Option<u64> {
    (r.numerator * 1000).checked_div(r.denominator)
}

impl RatesSeries {
    /// Without tracking there is no open to rate (the chart says so instead).
    pub fn of(sim: &Sim) -> RatesSeries {
        if !sim.tracking() {
            return RatesSeries::default();
        }
        let end = sim.cal.horizon_end;
        let column = |side: Side| sim.columns.iter().find(|c| c.side == side);
        let per = column(Side::Recurring)
            .map(|c| {
                let o = &c.outcome;
                o.deliveries()
                    .iter()
                    .filter_map(|d| {
                        let k = o.kpis(Some(d.id), end);
                        permille(k.open_rate).map(|r| RatePoint {
                            created: d.created,
                            permille: r,
                            execution: d.first_execution as usize,
                            sent: k.open_rate.denominator,
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        let running = column(Side::Continuous)
            .map(|c| {
                let mut t = sim.cal.horizon_start;
                let mut out = Vec::new();
                while t < end {
                    t = (t + 7 * 86_400).min(end);
                    let rate = c.outcome.snapshot(t).kpis.open_rate;
                    if let Some(r) = permille(rate) {
                        out.push((t, r, rate.denominator));
                    }
                }
                out
            })
            .unwrap_or_default();
        RatesSeries { per, running }
    }

    /// The largest rate drawn, ‰ (at least 1 %).
    pub fn max(&self) -> u64 {
        self.per
            .iter()
            .map(|p| p.permille)
            .chain(self.running.iter().map(|p| p.1))
            .max()
            .unwrap_or(0)
            .max(10)
    }

    /// Why a recurring instance's rate scatters while the continuous rate is one line
    /// (each dot's denominator is one execution's messages, the line's grows all year).
    pub fn caption(&self, lang: Lang, tracking: bool) -> String {
        if !tracking {
            return tr(lang, K::RatesOff).to_string();
        }
        let Some(&(_, _, sent_max)) = self.running.last() else {
            return tr(lang, K::RatesNone).to_string();
        };
        let per_min = self.per.iter().map(|p| p.sent).min().unwrap_or(0);
        let per_max = self.per.iter().map(|p| p.sent).max().unwrap_or(0);
        let each = if per_min == per_max {
            format::int(lang, per_max)
        } else {
            format!(
                "{}–{}",
                format::int(lang, per_min),
                format::int(lang, per_max)
            )
        };
        fill(
            tr(lang, K::RatesCaption),
            &[("each", &each), ("total", &format::int(lang, sent_max))],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::model::tests::sim;

    #[test]
    fn the_calendar_counts_each_days_runs() {
        let s = sim("birthday-daily-recurring");
        let c = CalendarModel::of(&s);
        assert_eq!(c.days.len(), 365);
        assert_eq!(c.offset, 3, "1 January 2026 is a Thursday");
        assert_eq!(c.days.iter().map(|d| d.executions).sum::<u32>(), 365);
        assert_eq!(c.days.iter().map(|d| d.delivered).sum::<u32>(), 69);
        // The clocks change on 29 March and 25 October in Paris: both days say so.
        let dst: Vec<String> = c
            .days
            .iter()
            .filter(|d| d.clock_change.is_some())
            .map(|d| d.day.date.to_string())
            .collect();
        assert_eq!(dst, ["2026-03-29", "2026-10-25"]);
        let march = c
            .days
            .iter()
            .find(|d| d.day.date.to_string() == "2026-03-29")
            .unwrap();
        assert!(day_class(march).ends_with("cs-dst"));
        assert!(
            day_title(march, Lang::En).contains("UTC+01:00"),
            "{}",
            day_title(march, Lang::En)
        );
        assert!(
            c.caption(Lang::En).starts_with("365 executions"),
            "{}",
            c.caption(Lang::En)
        );
    }

    #[test]
    fn the_rows_lines_overlap_when_both_modes_wrote_the_same_rows() {
        let s = sim("weekly-newsletter-recurring");
        let r = RowsSeries::of(&s);
        assert_eq!(r.per_mode.len(), 2);
        assert_eq!(r.max(), 2080);
        assert!(r.caption(Lang::En).contains("2,080 rows"));
        assert_eq!(
            RatesSeries::of(&s),
            RatesSeries::default(),
            "no tracking, no rates"
        );
    }
}
