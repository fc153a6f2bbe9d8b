//! The year day by day, on the workflow's local calendar: one cell per local day for
//! the calendar chart (its executions, those that reached a delivery, the caught-up
//! ones, the slots an outage made the scheduler miss, its clock change) and the state
//! at the end of each local day for the charts over the year. A day is the calendar's
//! own `[start, end)` ([`Calendar::days`]), so a day with a daylight-saving change is
//! 23 or 25 hours long and every sample stays on its local midnight.

use super::outcome::{Outcome, Snapshot};
use crate::engine::calendar::{Calendar, ClockChange, Instant, LocalDay};

/// What the calendar shows of one local day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DayCell {
    /// The day and the instants it covers.
    pub day: LocalDay,
    /// Executions that ran during it.
    pub executions: u32,
    /// Of them, those whose query returned somebody (the delivery ran).
    pub delivered: u32,
    /// Of them, the late runs at the end of an outage.
    pub caught_up: u32,
    /// Planned slots of the day that fell in an outage.
    pub missed: u32,
    /// The clocks change during it (daylight saving), forward or back.
    pub clock_change: Option<ClockChange>,
}

/// The state at the end of one local day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DaySample {
    pub day: LocalDay,
    /// As of the day's last second: everything that happened before the next local
    /// midnight.
    pub snapshot: Snapshot,
}

/// The index of the day holding `at` among `days` (sorted, tiling the horizon).
fn day_of(days: &[LocalDay], at: Instant) -> Option<usize> {
    let k = days.partition_point(|d| d.start <= at).checked_sub(1)?;
    days.get(k).filter(|d| d.contains(at)).map(|_| k)
}

impl Outcome {
    /// The calendar chart's cells, one per local day of the year, over every
    /// workflow.
    pub fn calendar_days(&self) -> Vec<DayCell> {
        self.cells(None)
    }

    /// [`Outcome::calendar_days`] of workflow `workflow` alone.
    pub fn calendar_days_of(&self, workflow: usize) -> Vec<DayCell> {
        self.cells(Some(workflow))
    }

    fn cells(&self, workflow: Option<usize>) -> Vec<DayCell> {
        let cal: &Calendar = self.calendar();
        let mine = |w: usize| workflow.is_none_or(|x| x == w);
        let mut cells: Vec<DayCell> = cal
            .days()
            .into_iter()
            .map(|day| DayCell {
                day,
                executions: 0,
                delivered: 0,
                caught_up: 0,
                missed: 0,
                clock_change: cal.clock_change(&day),
            })
            .collect();
        let days: Vec<LocalDay> = cells.iter().map(|c| c.day).collect();
        for e in self
            .executions()
            .iter()
            .filter(|e| mine(usize::from(e.workflow)))
        {
            if let Some(c) = day_of(&days, e.at).and_then(|k| cells.get_mut(k)) {
                c.executions += 1;
                c.delivered += u32::from(e.delivery.is_some());
                c.caught_up += u32::from(e.caught_up);
            }
        }
        for (w, record) in self.workflows().iter().enumerate() {
            for slot in record.missed_slots.iter().filter(|_| mine(w)) {
                if let Some(c) = day_of(&days, *slot).and_then(|k| cells.get_mut(k)) {
                    c.missed += 1;
                }
            }
        }
        cells
    }

    /// The state at the end of each local day of the year, in order (the charts of
    /// rows over the year).
    pub fn day_samples(&self) -> Vec<DaySample> {
        self.calendar()
            .days()
            .into_iter()
            .map(|day| DaySample {
                day,
                snapshot: self.snapshot(day.end - 1),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{doc, sim};
    use chrono::{NaiveDate, NaiveTime, Timelike};

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// Paris 2026: every cell covers its local day from local midnight to the next
    /// (29 March: 23 hours, the clocks forward; 25 October: 25 hours, back) and counts
    /// the executions of that local day; a 23:30 run stays on its day even after the
    /// change, where a day taken as 24-hour steps from 1 January would shift it.
    #[test]
    fn each_cell_covers_its_local_day_across_daylight_saving() {
        let s = doc::parse(
            r#"{"timezone":"Europe/Paris","recipients":[{"id":1,"email":"a@x.test"}],
            "outages":[{"from":"2026-03-10T00:00","to":"2026-03-11T12:00"}],
            "workflow":{"scheduler":{"frequency":"daily","times":["00:30","23:30"]}}}"#,
        )
        .unwrap();
        let o = sim::simulate(&s).unwrap();
        let cal = o.calendar();
        let cells = o.calendar_days();
        assert_eq!(cells.len(), 365);
        assert_eq!(cells[0].day.start, cal.horizon_start);
        assert_eq!(cells[364].day.end, cal.horizon_end);
        let midnight = NaiveTime::from_hms_opt(0, 0, 0).unwrap();
        for (k, c) in cells.iter().enumerate() {
            assert_eq!(
                c.day.date,
                date(2026, 1, 1) + chrono::Duration::days(k as i64)
            );
            assert_eq!(cal.local(c.day.start), c.day.date.and_time(midnight));
            let next = c.day.date.succ_opt().unwrap().and_time(midnight);
            assert_eq!(cal.local(c.day.end), next);
            if let Some(n) = cells.get(k + 1) {
                assert_eq!(c.day.end, n.day.start);
            }
            // Executions counted on their local day.
            let local: Vec<_> = o
                .executions()
                .iter()
                .filter(|e| cal.local_date(e.at) == c.day.date)
                .collect();
            assert_eq!(c.executions as usize, local.len(), "{}", c.day.date);
            assert_eq!(
                c.caught_up as usize,
                local.iter().filter(|e| e.caught_up).count()
            );
            assert_eq!(c.delivered, c.executions);
        }
        let day = |m, d| {
            cells
                .iter()
                .find(|c| c.day.date == date(2026, m, d))
                .unwrap()
        };
        let spring = day(3, 29);
        assert_eq!(spring.day.seconds(), 23 * 3600);
        let change = spring.clock_change.unwrap();
        assert_eq!(
            (change.before, change.after, change.forward),
            (3600, 7200, true)
        );
        assert_eq!(cal.local(change.at).hour(), 3);
        let autumn = day(10, 25);
        assert_eq!(autumn.day.seconds(), 25 * 3600);
        let change = autumn.clock_change.unwrap();
        assert_eq!(
            (change.before, change.after, change.forward),
            (7200, 3600, false)
        );
        assert_eq!(cells.iter().filter(|c| c.clock_change.is_some()).count(), 2);
        assert!(cells
            .iter()
            .filter(|c| c.clock_change.is_none())
            .all(|c| c.day.seconds() == 86_400));
        // Both runs of 29 March and of 25 October are on their own day.
        assert_eq!((spring.executions, autumn.executions), (2, 2));
        // The outage: 10 March's two slots and 11 March's 00:30 missed; one catch-up
        // at 12:00 on the 11th (the default policy).
        let (d10, d11) = (day(3, 10), day(3, 11));
        assert_eq!((d10.missed, d10.executions), (2, 0));
        assert_eq!((d11.missed, d11.executions, d11.caught_up), (1, 2, 1));
        assert_eq!(o.calendar_days_of(0), cells);
    }

    /// The daily samples are the state at each local day's end; the last one is the
    /// whole year.
    #[test]
    fn the_day_samples_end_on_local_midnights() {
        let text =
            include_str!("../../../tests/contract/scenarios/several-workflows-one-base.json");
        let o = sim::simulate(&doc::parse(text).unwrap()).unwrap();
        let samples = o.day_samples();
        assert_eq!(samples.len(), 365);
        for s in &samples {
            let before = o
                .executions()
                .iter()
                .filter(|e| e.at < s.day.end)
                .map(|e| e.rows().len())
                .sum::<usize>();
            assert_eq!(s.snapshot.broadlog_rows, before);
        }
        let last = samples.last().unwrap().snapshot;
        assert_eq!(last.broadlog_rows, o.broadlog().len());
        assert_eq!(last.log_bytes, o.log_bytes());
        // Several workflows: the cells of each add up to the whole.
        let all = o.calendar_days();
        let parts: Vec<Vec<DayCell>> = (0..o.workflows().len())
            .map(|w| o.calendar_days_of(w))
            .collect();
        for (k, c) in all.iter().enumerate() {
            let sum: u32 = parts.iter().map(|p| p[k].executions).sum();
            assert_eq!(c.executions, sum);
        }
    }
}
