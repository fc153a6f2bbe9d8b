//! What the page looks at in the simulated year: the explorer's column, the selected
//! delivery, the execution in focus (the send log's execution filter, the journal's
//! highlighted lines), the execution the trace explains, the recipient it follows, the
//! workflow shown, and the send log's filters.
//!
//! Every way of moving it is a method here ([`Focus::jump`], [`Focus::open_delivery`],
//! …), and every reset rule is in one place, [`Focus::reset_for`].

use crate::engine::calendar::Instant;
use crate::engine::doc::parse_date;
use crate::engine::out::logs::{Reason, Status};
use crate::engine::sim::Side;
use crate::ui::derived::rows::{RowFilter, Sort};
use crate::ui::model::Sim;
use crate::ui::state::landing::Landing;

/// The send log's filters, as the user chose them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LogFilters {
    pub status: Option<Status>,
    pub reason: Option<Reason>,
    /// Event dates as typed (`YYYY-MM-DD`, inclusive), "" for none.
    pub from: String,
    pub to: String,
    pub sort: Sort,
}

/// What a new year does to the focus.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reset {
    /// The same scenario simulated again, or an edit of it: what pointed into the
    /// previous year and no longer exists goes, with the execution in focus and the
    /// filters (an execution number means another run in the new year).
    Stale,
    /// Another scenario (a preset, an imported file, a host page's `setScenario`):
    /// nothing of the old year is selected or followed any more; the explorer stays on
    /// its mode.
    NewScenario,
    /// A lesson's step: the view starts afresh, on the first mode with nothing
    /// selected, followed or filtered.
    Fresh,
}

/// The focus of one instance.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Focus {
    /// The explorer's column (index into the simulation's modes).
    pub column: usize,
    /// The selected delivery: (column, delivery id).
    pub delivery: Option<(usize, u32)>,
    /// The execution in focus (index in the year's executions, the same in every mode).
    pub execution: Option<usize>,
    /// The execution the trace explains (`None`: the clock's).
    pub trace_execution: Option<usize>,
    /// The recipient the trace follows.
    pub recipient: Option<u64>,
    /// The workflow the explorer, the journal and the trace show (`None`: all).
    pub workflow: Option<usize>,
    pub filters: LogFilters,
    /// The card of the last click that moved the view (`None`: closed).
    pub landing: Option<Landing>,
}

impl Focus {
    /// The one reset rule: what a new simulated year keeps of the focus.
    ///
    /// ```
    /// use campaign_sim::ui::state::focus::{Focus, Reset};
    /// let mut f = Focus { execution: Some(3), recipient: Some(17), ..Focus::default() };
    /// f.reset_for(None, Reset::Fresh);
    /// assert_eq!(f, Focus::default());
    /// ```
    pub fn reset_for(&mut self, sim: Option<&Sim>, reset: Reset) {
        match reset {
            Reset::Fresh => {
                *self = Focus::default();
                return;
            }
            Reset::NewScenario => {
                self.landing = None;
                self.delivery = None;
                self.recipient = None;
                self.workflow = None;
            }
            Reset::Stale => {
                if self.landing.is_some_and(|l| !l.landed.survives_edit()) {
                    self.landing = None;
                }
            }
        }
        self.execution = None;
        self.trace_execution = None;
        self.filters = LogFilters::default();
        let Some(sim) = sim else { return };
        if self.column >= sim.columns.len() {
            self.column = 0;
        }
        if self
            .workflow
            .is_some_and(|w| w >= sim.scenario.workflows().len())
        {
            self.workflow = None;
        }
        let exists = |(c, d): (usize, u32)| {
            sim.outcome(c)
                .is_some_and(|o| d >= 1 && d as usize <= o.deliveries().len())
        };
        if self.delivery.is_some_and(|d| !exists(d)) {
            self.delivery = None;
        }
        let known = |id: u64| {
            sim.outcome(0)
                .is_some_and(|o| o.recipients().index_of(id).is_some())
        };
        if self.recipient.is_some_and(|id| !known(id)) {
            self.recipient = None;
        }
    }

    /// The delivery selected in the explorer's column.
    pub fn selected(&self) -> Option<u32> {
        self.delivery
            .filter(|(c, _)| *c == self.column)
            .map(|(_, d)| d)
    }

    /// Jumps to execution `e`: it is in focus (send log, journal, trace) and the
    /// explorer selects the delivery it appended to. Returns the instant the clock
    /// goes to, `None` when `e` is not an execution of the year.
    pub fn jump(&mut self, sim: &Sim, e: usize) -> Option<Instant> {
        let x = *sim.outcome(self.column)?.executions().get(e)?;
        self.execution = Some(e);
        self.trace_execution = Some(e);
        self.delivery = x.delivery.map(|d| (self.column, d));
        Some(x.at)
    }

    /// Opens delivery `id` of `column`: selected, and the focus on its latest
    /// execution up to `now` (the send log shows that execution's rows when it has
    /// only one, else all of them: the execution filter then splits a continuous
    /// delivery's additions). Returns where the clock goes.
    pub fn open_delivery(
        &mut self,
        sim: &Sim,
        column: usize,
        id: u32,
        now: Instant,
    ) -> Option<Instant> {
        self.column = column;
        self.delivery = Some((column, id));
        let o = sim.outcome(column)?;
        let d = o.deliveries().get(id.checked_sub(1)? as usize)?;
        let first = d.first_execution as usize;
        let runs: Vec<usize> = o
            .executions()
            .get(first..=d.last_execution as usize)?
            .iter()
            .enumerate()
            .filter(|(_, e)| e.delivery == Some(id) && e.at <= now)
            .map(|(i, _)| first + i)
            .collect();
        let at = self.jump(sim, *runs.last()?);
        if runs.len() > 1 {
            self.execution = None;
        }
        at
    }

    /// Selects delivery `id` in the explorer's column (a lesson's `delivery`): an
    /// execution in focus that is not that delivery's would show "0 rows", so it goes.
    pub fn select_delivery(&mut self, sim: &Sim, id: u32) {
        self.delivery = Some((self.column, id));
        let foreign = self.execution.is_some_and(|e| {
            sim.outcome(self.column)
                .and_then(|o| o.executions().get(e))
                .is_none_or(|x| x.delivery != Some(id))
        });
        if foreign {
            self.execution = None;
        }
    }

    /// Shows every delivery, every execution's rows.
    pub fn select_all(&mut self) {
        self.delivery = None;
        self.execution = None;
    }

    /// The explorer's mode, by column (nothing selected in it yet).
    pub fn set_column(&mut self, column: usize) {
        self.column = column;
        self.delivery = None;
    }

    /// The explorer's mode, by side: false when the comparison has no such column.
    pub fn set_side(&mut self, sim: &Sim, side: Side) -> bool {
        match sim.column_of(side) {
            Some(c) => {
                self.set_column(c);
                true
            }
            None => false,
        }
    }

    /// Shows one workflow (or all): the selection and the execution in focus were
    /// another workflow's.
    pub fn set_workflow(&mut self, w: Option<usize>) {
        self.workflow = w;
        self.select_all();
    }

    /// Focuses execution `e` without moving the clock (a lesson's `execution`).
    pub fn focus_execution(&mut self, e: Option<usize>) {
        self.execution = e;
        self.trace_execution = e;
    }

    /// The row filter of the send log and tracking tables, in `sim`'s calendar.
    pub fn row_filter(&self, sim: &Sim) -> RowFilter {
        let day = |d: &str, next: bool| {
            let date = parse_date(d.trim())?;
            let date = if next { date.succ_opt()? } else { date };
            Some(sim.cal.instant(date.and_hms_opt(0, 0, 0)?))
        };
        RowFilter {
            status: self.filters.status,
            reason: self.filters.reason,
            from: day(&self.filters.from, false),
            to: day(&self.filters.to, true),
            execution: self.execution,
            workflow: self.workflow.and_then(|w| u16::try_from(w).ok()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::model::tests::sim;
    use crate::ui::state::landing::{Landed, Rect};

    #[test]
    fn a_jump_focuses_the_execution_and_selects_its_delivery() {
        let s = sim("weekly-newsletter-recurring");
        let mut f = Focus::default();
        let at = f.jump(&s, 10).unwrap();
        assert_eq!(at, s.columns[0].outcome.executions()[10].at);
        assert_eq!(
            (f.execution, f.trace_execution, f.delivery),
            (Some(10), Some(10), Some((0, 11)))
        );
        assert_eq!(f.selected(), Some(11));
        assert_eq!(f.jump(&s, 999), None);
        // In the continuous column, every execution appended to delivery 1.
        f.set_column(1);
        f.jump(&s, 10);
        assert_eq!(f.selected(), Some(1));
    }

    #[test]
    fn opening_a_continuous_delivery_shows_all_its_additions() {
        let s = sim("weekly-newsletter-recurring");
        let mut f = Focus::default();
        let end = s.cal.horizon_end;
        let at = f.open_delivery(&s, 1, 1, end).unwrap();
        assert_eq!(
            at,
            s.columns[1].outcome.executions()[51].at,
            "its latest execution"
        );
        assert_eq!(
            f.execution, None,
            "52 executions appended: all of them shown"
        );
        assert_eq!(f.trace_execution, Some(51));
        // A recurring delivery has one execution: the send log is filtered to it.
        f.open_delivery(&s, 0, 3, end);
        assert_eq!((f.column, f.execution, f.selected()), (0, Some(2), Some(3)));
        // Before the clock reaches it, nothing to go to.
        assert_eq!(f.open_delivery(&s, 0, 3, s.cal.horizon_start), None);
    }

    #[test]
    fn a_new_year_drops_what_no_longer_exists() {
        let s = sim("welcome-continuous-incremental");
        let mut f = Focus {
            column: 1,
            delivery: Some((1, 9)),
            execution: Some(4),
            trace_execution: Some(4),
            recipient: Some(99_999),
            workflow: Some(3),
            filters: LogFilters {
                status: Some(Status::Sent),
                ..LogFilters::default()
            },
            landing: Some(landing(Landed::Execution(4))),
        };
        f.reset_for(Some(&s), Reset::Stale);
        assert_eq!(
            f,
            Focus {
                column: 1,
                ..Focus::default()
            }
        );
        let mut kept = Focus {
            delivery: Some((0, 2)),
            recipient: Some(1),
            ..Focus::default()
        };
        kept.reset_for(Some(&s), Reset::Stale);
        assert_eq!((kept.delivery, kept.recipient), (Some((0, 2)), Some(1)));
        // Another scenario: nothing of the old one is followed; the mode stays.
        let mut other = Focus {
            column: 1,
            delivery: Some((1, 1)),
            recipient: Some(1),
            workflow: Some(0),
            ..Focus::default()
        };
        other.reset_for(None, Reset::NewScenario);
        assert_eq!(
            other,
            Focus {
                column: 1,
                ..Focus::default()
            }
        );
    }

    fn landing(landed: Landed) -> Landing {
        Landing {
            landed,
            anchor: Rect::default(),
            keyboard: false,
        }
    }

    #[test]
    fn a_days_card_stays_open_through_an_edit_and_closes_for_another_scenario() {
        let s = sim("weekly-newsletter-recurring");
        let day = Landed::Day(chrono::NaiveDate::from_ymd_opt(2026, 3, 16).unwrap());
        let mut f = Focus {
            landing: Some(landing(day)),
            ..Focus::default()
        };
        f.reset_for(Some(&s), Reset::Stale);
        assert_eq!(
            f.landing.map(|l| l.landed),
            Some(day),
            "the edit's effect on that day"
        );
        for reset in [Reset::NewScenario, Reset::Fresh] {
            let mut g = f.clone();
            g.reset_for(Some(&s), reset);
            assert_eq!(g.landing, None, "{reset:?}");
        }
        let mut row = Focus {
            landing: Some(landing(Landed::Row {
                recipient: 1,
                execution: 2,
            })),
            ..Focus::default()
        };
        row.reset_for(Some(&s), Reset::Stale);
        assert_eq!(row.landing, None, "a row of the previous year");
    }

    #[test]
    fn a_lesson_delivery_drops_an_execution_of_another_delivery() {
        let s = sim("weekly-newsletter-recurring");
        let mut f = Focus::default();
        f.jump(&s, 4);
        f.select_delivery(&s, 5);
        assert_eq!(f.execution, Some(4), "execution #5 is delivery 5's");
        f.select_delivery(&s, 6);
        assert_eq!(f.execution, None);
        assert!(f.set_side(&s, Side::Continuous));
        assert_eq!((f.column, f.delivery), (1, None));
        assert!(!f.set_side(&s, Side::Aggregated));
    }

    #[test]
    fn the_row_filter_reads_the_typed_dates_in_the_scenarios_zone() {
        let s = sim("weekly-newsletter-recurring");
        let mut f = Focus::default();
        f.filters.from = "2026-03-01".into();
        f.filters.to = "2026-03-31".into();
        f.workflow = Some(0);
        let r = f.row_filter(&s);
        assert_eq!(s.cal.rfc3339(r.from.unwrap()), "2026-03-01T00:00:00+01:00");
        assert_eq!(s.cal.rfc3339(r.to.unwrap()), "2026-04-01T00:00:00+02:00");
        assert_eq!(r.workflow, Some(0));
        f.filters.from = "nope".into();
        assert_eq!(f.row_filter(&s).from, None);
    }
}
