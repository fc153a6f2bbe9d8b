//! The simulated year as the page needs it: the engine's outcomes for each delivery
//! mode side by side, computed once per scenario and read "as of" the playback clock.
//! Pure and native-testable; it only selects engine output, it never decides a rule.

use crate::engine::calendar::{Calendar, Instant};
use crate::engine::limits;
use crate::engine::logs::{Reason, Status};
use crate::engine::outcome::{Outcome, Snapshot};
use crate::engine::population::Population;
use crate::engine::scenario::validate;
use crate::engine::scenario::{Aggregation, Mode, Scenario, ScenarioError};
use crate::engine::scheduler::{self, Execution};
use crate::engine::simulation::{run, Variant};
use std::sync::Arc;

/// Which column of the side-by-side view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModeKey {
    Recurring,
    Continuous,
    Aggregated,
}

impl ModeKey {
    /// The `data-mode` attribute value.
    pub fn attr(self) -> &'static str {
        match self {
            ModeKey::Recurring => "recurring",
            ModeKey::Continuous => "continuous",
            ModeKey::Aggregated => "aggregated",
        }
    }
}

/// One mode's simulated year.
pub struct Column {
    pub mode: ModeKey,
    pub outcome: Outcome,
}

/// One simulated year in every compared mode, computed once per scenario.
pub struct Sim {
    pub scenario: Scenario,
    pub cal: Calendar,
    pub columns: Vec<Column>,
}

impl Sim {
    /// Runs the scenario as recurring and as continuous (and as aggregated recurring
    /// when the scenario asks for an aggregation): same population, schedule and seed.
    pub fn new(scenario: Scenario) -> Result<Sim, Vec<ScenarioError>> {
        let mut p = Pending::new(scenario)?;
        while p.step() {}
        Ok(p.finish())
    }

    /// The execution instants (the same in every mode), for stepping.
    pub fn marks(&self) -> Vec<Instant> {
        self.columns
            .first()
            .map(|c| c.outcome.executions().iter().map(|e| e.at).collect())
            .unwrap_or_default()
    }

    /// Number of executions of the year.
    pub fn executions(&self) -> usize {
        self.columns
            .first()
            .map_or(0, |c| c.outcome.executions().len())
    }

    /// The column of the scenario's own delivery mode (the workflow the canvas draws).
    pub fn own(&self) -> usize {
        let d = &self.scenario.workflow.delivery;
        let want = match (d.mode, d.aggregation) {
            (Mode::Continuous, _) => ModeKey::Continuous,
            (Mode::Recurring, Aggregation::None) => ModeKey::Recurring,
            (Mode::Recurring, _) => ModeKey::Aggregated,
        };
        self.columns
            .iter()
            .position(|c| c.mode == want)
            .unwrap_or(0)
    }

    pub fn outcome(&self, column: usize) -> Option<&Outcome> {
        self.columns.get(column).map(|c| &c.outcome)
    }

    /// Every column's state as of `as_of`.
    pub fn snapshots(&self, as_of: Instant) -> Vec<(ModeKey, Snapshot)> {
        self.columns
            .iter()
            .map(|c| (c.mode, c.outcome.snapshot(as_of)))
            .collect()
    }

    /// The last execution at or before `as_of` (index), if any.
    pub fn current_execution(&self, as_of: Instant) -> Option<usize> {
        self.outcome(self.own())
            .and_then(|o| o.executions_until(as_of).checked_sub(1))
    }
}

/// A simulation being computed one delivery mode at a time, so the page can paint
/// its progress between modes instead of freezing for the whole year.
pub struct Pending {
    scenario: Scenario,
    cal: Calendar,
    population: Arc<Population>,
    executions: Vec<Execution>,
    modes: Vec<(ModeKey, Variant)>,
    done: Vec<Column>,
}

impl Pending {
    /// Validates (including the engine's size limits) and prepares the population and
    /// the executions, shared by every mode.
    pub fn new(scenario: Scenario) -> Result<Pending, Vec<ScenarioError>> {
        let errors = validate(&scenario);
        if !errors.is_empty() {
            return Err(errors);
        }
        let cal = scenario.calendar().map_err(|e| vec![e])?;
        let executions = scheduler::executions(&scenario, &cal);
        let mut modes = vec![
            (
                ModeKey::Recurring,
                Variant {
                    mode: Mode::Recurring,
                    aggregation: Aggregation::None,
                },
            ),
            (
                ModeKey::Continuous,
                Variant {
                    mode: Mode::Continuous,
                    aggregation: Aggregation::None,
                },
            ),
        ];
        let agg = scenario.workflow.delivery.aggregation;
        if agg != Aggregation::None {
            modes.push((
                ModeKey::Aggregated,
                Variant {
                    mode: Mode::Recurring,
                    aggregation: agg,
                },
            ));
        }
        let estimate = limits::estimate_with(&scenario, &cal, &executions);
        limits::check(&scenario, &estimate, modes.len()).map_err(|e| vec![e])?;
        let population = Arc::new(Population::build(&scenario, &cal));
        Ok(Pending {
            scenario,
            cal,
            population,
            executions,
            modes,
            done: Vec::new(),
        })
    }

    /// Simulates the next mode; false when every mode is done.
    pub fn step(&mut self) -> bool {
        let Some((mode, v)) = self.modes.get(self.done.len()).copied() else {
            return false;
        };
        let outcome = run(
            &self.scenario,
            &self.cal,
            &self.population,
            &self.executions,
            v,
        );
        self.done.push(Column { mode, outcome });
        self.done.len() < self.modes.len()
    }

    /// (modes done, modes in all).
    pub fn progress(&self) -> (usize, usize) {
        (self.done.len(), self.modes.len())
    }

    pub fn finish(self) -> Sim {
        Sim {
            scenario: self.scenario,
            cal: self.cal,
            columns: self.done,
        }
    }
}

/// Which broadLog rows a log table shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RowFilter {
    pub status: Option<Status>,
    pub reason: Option<Reason>,
    /// Event date range, instants, inclusive start, exclusive end.
    pub from: Option<Instant>,
    pub to: Option<Instant>,
}

/// Order of a log table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    #[default]
    DateAsc,
    DateDesc,
    Recipient,
}

impl RowFilter {
    fn keeps(&self, at: Instant) -> bool {
        self.from.is_none_or(|f| at >= f) && self.to.is_none_or(|t| at < t)
    }
}

/// The broadLog row indexes of one delivery (or all) as of `as_of`, filtered and
/// sorted: what the virtual table scrolls through.
pub fn broadlog_rows(
    o: &Outcome,
    delivery: Option<u32>,
    as_of: Instant,
    filter: &RowFilter,
    sort: Sort,
) -> Vec<u32> {
    let log = o.broadlog();
    let done = o.executions_until(as_of);
    let mut rows = Vec::new();
    for e in o.executions().get(..done).unwrap_or(&[]) {
        if delivery.is_some() && e.delivery != delivery {
            continue;
        }
        if !filter.keeps(e.at) {
            continue;
        }
        for r in e.rows() {
            let Some(reason) = log.reason_of(r) else {
                continue;
            };
            if filter.status.is_some_and(|s| s != reason.status()) {
                continue;
            }
            if filter.reason.is_some_and(|x| x != reason) {
                continue;
            }
            rows.push(r as u32);
        }
    }
    match sort {
        Sort::DateAsc => {}
        Sort::DateDesc => rows.reverse(),
        Sort::Recipient => {
            rows.sort_by_key(|r| (log.row(*r as usize).map_or(0, |b| b.recipient_id), *r))
        }
    }
    rows
}

/// The tracking row indexes of one delivery (or all) as of `as_of`, in time order
/// (or reversed), within the date range of `filter`.
pub fn tracking_rows(
    o: &Outcome,
    delivery: Option<u32>,
    as_of: Instant,
    filter: &RowFilter,
    sort: Sort,
) -> Vec<u32> {
    let log = o.tracking();
    let n = log.count_until(as_of);
    let mut rows: Vec<u32> = (0..n)
        .filter_map(|i| log.row(i).map(|r| (i, r)))
        .filter(|(_, r)| delivery.is_none_or(|d| r.delivery == d) && filter.keeps(r.at))
        .map(|(i, _)| i as u32)
        .collect();
    match sort {
        Sort::DateAsc => {}
        Sort::DateDesc => rows.reverse(),
        Sort::Recipient => {
            rows.sort_by_key(|i| (log.row(*i as usize).map_or(0, |r| r.recipient_id), *i))
        }
    }
    rows
}

/// broadLog rows appended to `delivery` by each execution up to `as_of`:
/// (execution index, rows) — a continuous delivery's additions.
pub fn additions(o: &Outcome, delivery: u32, as_of: Instant) -> Vec<(usize, usize)> {
    let done = o.executions_until(as_of);
    o.executions()
        .get(..done)
        .unwrap_or(&[])
        .iter()
        .enumerate()
        .filter(|(_, e)| e.delivery == Some(delivery))
        .map(|(i, e)| (i, e.rows().len()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::presets::preset;

    fn sim(name: &str) -> Sim {
        let p = preset(name).unwrap();
        Sim::new(crate::engine::scenario::parse(p.json).unwrap()).unwrap()
    }

    #[test]
    fn the_weekly_newsletter_gives_52_recurring_deliveries_and_1_continuous() {
        let s = sim("weekly-newsletter-recurring");
        let end = s.cal.horizon_end;
        let snaps = s.snapshots(end);
        assert_eq!(snaps[0].0, ModeKey::Recurring);
        assert_eq!(snaps[0].1.deliveries, 52);
        assert_eq!(snaps[1].0, ModeKey::Continuous);
        assert_eq!(snaps[1].1.deliveries, 1);
        assert_eq!(s.marks().len(), 52);
        // Same people and sends in both modes: the broadLog sizes agree.
        assert_eq!(snaps[0].1.broadlog_rows, snaps[1].1.broadlog_rows);
    }

    #[test]
    fn stepping_a_pending_simulation_gives_the_engines_outcomes() {
        let p = preset("welcome-continuous-incremental").unwrap();
        let scenario = crate::engine::scenario::parse(p.json).unwrap();
        let mut pending = Pending::new(scenario.clone()).unwrap();
        assert_eq!(pending.progress(), (0, 2));
        assert!(pending.step());
        assert_eq!(pending.progress(), (1, 2));
        assert!(!pending.step());
        let sim = pending.finish();
        let variants = [
            Variant {
                mode: Mode::Recurring,
                aggregation: Aggregation::None,
            },
            Variant {
                mode: Mode::Continuous,
                aggregation: Aggregation::None,
            },
        ];
        let direct = crate::engine::simulation::simulate_variants(&scenario, &variants).unwrap();
        for (c, o) in sim.columns.iter().zip(&direct) {
            assert_eq!(c.outcome.fingerprint(), o.fingerprint());
        }
    }

    #[test]
    fn nothing_has_happened_at_the_start_of_the_year() {
        let s = sim("birthday-daily-recurring");
        let snaps = s.snapshots(s.cal.horizon_start);
        assert!(snaps.iter().all(|(_, sn)| sn.deliveries == 0));
        assert_eq!(s.current_execution(s.cal.horizon_start - 1), None);
    }

    #[test]
    fn log_rows_follow_the_clock_the_delivery_and_the_filters() {
        let s = sim("welcome-continuous-incremental");
        let rec = &s.columns[0].outcome;
        let end = s.cal.horizon_end;
        let all = broadlog_rows(rec, None, end, &RowFilter::default(), Sort::DateAsc);
        assert_eq!(all.len(), 60);
        let first = broadlog_rows(rec, Some(1), end, &RowFilter::default(), Sort::DateAsc);
        assert_eq!(first.len(), rec.deliveries()[0].broadlog.total as usize);
        let failed = RowFilter {
            status: Some(Status::Failed),
            ..RowFilter::default()
        };
        let f = broadlog_rows(rec, None, end, &failed, Sort::DateAsc);
        assert!(!f.is_empty() && f.len() < all.len());
        assert!(f
            .iter()
            .all(|r| rec.broadlog().row(*r as usize).unwrap().status == Status::Failed));
        let desc = broadlog_rows(rec, None, end, &RowFilter::default(), Sort::DateDesc);
        assert_eq!(desc.first(), all.last());
        let none = broadlog_rows(
            rec,
            None,
            s.cal.horizon_start,
            &RowFilter::default(),
            Sort::DateAsc,
        );
        assert!(none.is_empty());
        // The continuous delivery: the first execution's additions, then newcomers.
        let con = &s.columns[1].outcome;
        let adds = additions(con, 1, end);
        assert_eq!(adds.first().map(|a| a.0), Some(0));
        assert!(adds.len() > 1);
    }

    #[test]
    fn the_canvas_follows_the_scenarios_own_mode() {
        let s = sim("welcome-continuous-incremental");
        assert_eq!(s.columns[s.own()].mode, ModeKey::Continuous);
        let end = s.cal.horizon_end;
        assert_eq!(s.snapshots(end)[1].1.deliveries, 2);
    }
}
