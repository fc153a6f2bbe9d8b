//! The charts' data, named: the year calendar of executions ([`CalendarModel`]), the
//! cumulative log rows per mode ([`RowsSeries`]) and the open rates
//! ([`RatesSeries`]), with their captions. Computed once per simulated year; only the
//! clock marker follows playback.

use chrono::{Datelike, NaiveDate};

use crate::engine::out::kpi::Rate;
use crate::engine::sim::{downtime, schedulers, Side};
use crate::ui::format;
use crate::ui::i18n::{count, fill, tr, Lang, K};
use crate::ui::model::Sim;

/// What a calendar day shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Day {
    pub date: NaiveDate,
    pub runs: u32,
    /// Runs whose query returned somebody (the delivery ran and logged rows).
    pub sent: u32,
    pub caught_up: u32,
    pub missed: u32,
}

impl Day {
    /// The calendar's colour class: a late run, a missed slot, a run that reached the
    /// delivery, a run that targeted nobody, or nothing.
    pub fn class(&self) -> &'static str {
        if self.caught_up > 0 {
            "cs-day cs-caught"
        } else if self.missed > 0 {
            "cs-day cs-missed"
        } else if self.sent > 0 {
            "cs-day cs-run"
        } else if self.runs > 0 {
            "cs-day cs-nobody"
        } else {
            "cs-day"
        }
    }
}

/// The year calendar: every local day of the year, and the weekday the first falls on
/// (its row in the grid, Monday first).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CalendarModel {
    pub days: Vec<Day>,
    pub offset: usize,
}

impl CalendarModel {
    pub fn of(sim: &Sim) -> CalendarModel {
        let cal = sim.cal;
        let first = cal.local_date(cal.horizon_start);
        let n = (cal.local_date(cal.horizon_end - 1) - first)
            .num_days()
            .max(0) as usize
            + 1;
        let mut days: Vec<Day> = first
            .iter_days()
            .take(n)
            .map(|date| Day {
                date,
                ..Day::default()
            })
            .collect();
        let idx = |t: i64| usize::try_from((cal.local_date(t) - first).num_days()).ok();
        if let Some(o) = sim.own_outcome() {
            for e in o.executions() {
                if let Some(d) = idx(e.at).and_then(|i| days.get_mut(i)) {
                    d.runs += 1;
                    d.sent += u32::from(e.delivery.is_some());
                    d.caught_up += u32::from(e.caught_up);
                }
            }
        }
        // Which slots an outage made the scheduler miss is the Scheduler's rule.
        let down = downtime(&sim.scenario, &cal);
        for s in schedulers(&sim.scenario, &cal)
            .iter()
            .flat_map(|sc| sc.missed_slots(&down))
        {
            if let Some(d) = idx(s).and_then(|i| days.get_mut(i)) {
                d.missed += 1;
            }
        }
        CalendarModel {
            days,
            offset: first.weekday().num_days_from_monday() as usize,
        }
    }

    /// "365 executions: 69 sent, 296 targeted nobody, 0 caught up, 0 slots missed".
    pub fn caption(&self, lang: Lang) -> String {
        let sum = |f: fn(&Day) -> u32| self.days.iter().map(f).sum::<u32>();
        let (runs, sent, caught, missed) = (
            sum(|d| d.runs),
            sum(|d| d.sent),
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

/// Daily samples of the log rows per mode: (broadLog rows, tracking rows) at the end of
/// each day of the year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowsSeries {
    pub per_mode: Vec<(Side, Vec<(usize, usize)>)>,
}

impl RowsSeries {
    pub fn of(sim: &Sim) -> RowsSeries {
        let cal = sim.cal;
        let days = ((cal.horizon_end - cal.horizon_start) / 86_400).max(1);
        let per_mode = sim
            .columns
            .iter()
            .map(|c| {
                let pts = (1..=days)
                    .map(|d| {
                        let t = (cal.horizon_start + d * 86_400).min(cal.horizon_end);
                        let s = c.outcome.snapshot(t);
                        (s.broadlog_rows, s.tracking_rows)
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
            .flat_map(|(_, p)| p.iter().map(|(b, t)| (*b).max(*t)))
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
                .and_then(|(_, p)| p.last().copied())
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
        assert_eq!(c.days.iter().map(|d| d.runs).sum::<u32>(), 365);
        assert_eq!(c.days.iter().map(|d| d.sent).sum::<u32>(), 69);
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
