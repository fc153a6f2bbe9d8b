//! The simulated year as the page needs it: the engine's outcomes for each delivery
//! mode side by side, computed once per scenario and read "as of" the playback clock.
//! Pure and native-testable; it only selects engine output, it never decides a rule
//! and never runs a pipeline of its own (the engine's [`Comparison`] does).

use crate::engine::calendar::{Calendar, Instant};
use crate::engine::doc::{Scenario, ScenarioError, Validated};
use crate::engine::out::outcome::{Outcome, Snapshot};
use crate::engine::sim::{Comparison, Side};

/// One mode's simulated year.
pub struct Column {
    pub side: Side,
    pub outcome: Outcome,
}

/// One simulated year in every compared mode, computed once per scenario.
pub struct Sim {
    pub scenario: Scenario,
    pub cal: Calendar,
    pub columns: Vec<Column>,
    /// The workflow whose delivery modes are compared (its position; the others run
    /// unchanged in every column).
    pub compared: usize,
}

impl Sim {
    /// Runs the scenario as recurring and as continuous (and as aggregated recurring
    /// when the scenario asks for an aggregation): same population, schedule and seed.
    pub fn new(scenario: Scenario) -> Result<Sim, Vec<ScenarioError>> {
        Ok(Pending::new(scenario, 0)?.finish())
    }

    /// The names of the document's workflows, in document order.
    pub fn workflow_names(&self) -> Vec<String> {
        self.scenario
            .workflows()
            .iter()
            .map(|w| w.name.to_string())
            .collect()
    }

    /// Whether the document has several workflows (contract v2).
    pub fn several(&self) -> bool {
        self.scenario.workflows().len() > 1
    }

    /// Every column's state as of `as_of`, of one workflow's part of the year (or of
    /// the whole year when `workflow` is `None` or the document has one workflow).
    pub fn snapshots_of(&self, workflow: Option<usize>, as_of: Instant) -> Vec<(Side, Snapshot)> {
        match workflow.filter(|_| self.several()) {
            None => self.snapshots(as_of),
            Some(w) => self
                .columns
                .iter()
                .map(|c| (c.side, c.outcome.snapshot_of(w, as_of)))
                .collect(),
        }
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

    /// The delivery mode workflow `w` has in the document (the mode it runs in, in
    /// every column, unless it is the compared one).
    pub fn side_of(&self, w: usize) -> Side {
        self.scenario
            .workflows()
            .get(w)
            .map_or(Side::Recurring, |w| {
                Side::of(w.delivery.mode, w.delivery.aggregation)
            })
    }

    /// The column of the compared workflow's own delivery mode (the year as the
    /// document describes it: the canvas, the journal and the trace show it).
    pub fn own(&self) -> usize {
        let want = self.side_of(self.compared);
        self.columns
            .iter()
            .position(|c| c.side == want)
            .unwrap_or(0)
    }

    pub fn outcome(&self, column: usize) -> Option<&Outcome> {
        self.columns.get(column).map(|c| &c.outcome)
    }

    /// The year as the document describes it ([`Sim::own`]'s column).
    pub fn own_outcome(&self) -> Option<&Outcome> {
        self.outcome(self.own())
    }

    /// The column of a delivery mode, if the comparison has it.
    pub fn column_of(&self, side: Side) -> Option<usize> {
        self.columns.iter().position(|c| c.side == side)
    }

    /// Every column's state as of `as_of`.
    pub fn snapshots(&self, as_of: Instant) -> Vec<(Side, Snapshot)> {
        self.columns
            .iter()
            .map(|c| (c.side, c.outcome.snapshot(as_of)))
            .collect()
    }

    /// The last execution at or before `as_of` (index), if any.
    pub fn current_execution(&self, as_of: Instant) -> Option<usize> {
        self.own_outcome()
            .and_then(|o| o.executions_until(as_of).checked_sub(1))
    }

    /// Whether the document tracks opens and clicks.
    pub fn tracking(&self) -> bool {
        self.scenario.tracking.enabled
    }
}

/// A simulation being computed in short turns, so the page can paint its progress
/// instead of freezing for the whole year: the engine's [`Comparison`] of the
/// scenario's workflow, and the scenario the page reads.
pub struct Pending {
    scenario: Scenario,
    cal: Calendar,
    comparison: Comparison,
    compared: usize,
}

impl Pending {
    /// Validates (including the engine's size limits, once for every mode) and
    /// prepares the population and the executions, shared by every mode.
    /// `compared`: the workflow whose delivery modes are compared (clamped to the
    /// document's workflows).
    pub fn new(scenario: Scenario, compared: usize) -> Result<Pending, Vec<ScenarioError>> {
        let valid = Validated::new(scenario)?;
        let cal = valid.calendar().map_err(|e| vec![e])?;
        let compared = compared.min(valid.workflows().len().saturating_sub(1));
        let comparison = Comparison::new(&valid, compared)?;
        Ok(Pending {
            scenario: valid.into_inner(),
            cal,
            comparison,
            compared,
        })
    }

    /// Simulates at most `executions` more executions (every mode counts); false
    /// when every mode is done.
    pub fn step(&mut self, executions: usize) -> bool {
        self.comparison.step_budget(executions);
        !self.comparison.is_done()
    }

    /// (executions done, executions in all), every mode counted.
    pub fn progress(&self) -> (usize, usize) {
        let p = self.comparison.progress();
        (p.done, p.total)
    }

    /// Finishes what is left and gives the simulated year.
    pub fn finish(self) -> Sim {
        Sim {
            scenario: self.scenario,
            cal: self.cal,
            compared: self.compared,
            columns: self
                .comparison
                .finish()
                .into_iter()
                .map(|(side, outcome)| Column { side, outcome })
                .collect(),
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::engine::doc::{Aggregation, Mode};
    use crate::ui::presets::preset;

    /// A preset's simulated year (for the derived views' tests too).
    pub(crate) fn sim(name: &str) -> Sim {
        let p = preset(name).unwrap();
        Sim::new(crate::engine::doc::parse(p.json).unwrap()).unwrap()
    }

    #[test]
    fn the_weekly_newsletter_gives_52_recurring_deliveries_and_1_continuous() {
        let s = sim("weekly-newsletter-recurring");
        let end = s.cal.horizon_end;
        let snaps = s.snapshots(end);
        assert_eq!(snaps[0].0, Side::Recurring);
        assert_eq!(snaps[0].1.deliveries, 52);
        assert_eq!(snaps[1].0, Side::Continuous);
        assert_eq!(snaps[1].1.deliveries, 1);
        assert_eq!(s.marks().len(), 52);
        // Same people and sends in both modes: the broadLog sizes agree.
        assert_eq!(snaps[0].1.broadlog_rows, snaps[1].1.broadlog_rows);
    }

    #[test]
    fn stepping_a_pending_simulation_gives_the_engines_outcomes() {
        let p = preset("welcome-continuous-incremental").unwrap();
        let scenario = crate::engine::doc::parse(p.json).unwrap();
        let mut pending = Pending::new(scenario.clone(), 0).unwrap();
        // 365 daily executions in each of the two modes.
        assert_eq!(pending.progress(), (0, 730));
        assert!(pending.step(400));
        assert_eq!(pending.progress(), (400, 730));
        assert!(!pending.step(400));
        assert_eq!(pending.progress(), (730, 730));
        let sim = pending.finish();
        use crate::engine::sim::Variant;
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
        let direct = crate::engine::sim::simulate_variants(&scenario, &variants).unwrap();
        assert_eq!(sim.columns.len(), direct.len());
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
    fn the_canvas_follows_the_scenarios_own_mode() {
        let s = sim("welcome-continuous-incremental");
        assert_eq!(s.columns[s.own()].side, Side::Continuous);
        let end = s.cal.horizon_end;
        assert_eq!(s.snapshots(end)[1].1.deliveries, 2);
        assert_eq!(s.column_of(Side::Continuous), Some(1));
        assert_eq!(s.column_of(Side::Aggregated), None);
    }
}
