//! The recurring-vs-continuous comparison: one workflow of a document simulated in
//! each delivery mode side by side (and aggregated recurring when the document asks
//! for an aggregation), the other workflows running unchanged in every side.
//!
//! The size limit is checked once for all sides, the base is built once and shared;
//! each side is its own steppable [`Simulation`], so a page can slice the work into
//! short turns ([`Comparison::step_budget`]) and show its progress.

use super::simulation::{Prepared, Progress, Simulation};
use super::workflow::Variant;
use crate::engine::calendar::Instant;
use crate::engine::doc::{Aggregation, Mode, ScenarioError, Validated};
use crate::engine::out::outcome::Outcome;
use std::sync::Arc;

/// One side of the comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Side {
    /// A new delivery at every execution.
    Recurring,
    /// One delivery that grows all year.
    Continuous,
    /// Recurring, executions of one period sharing a delivery.
    Aggregated,
}

impl Side {
    /// Every side, in the comparison's order.
    pub const ALL: [Side; 3] = [Side::Recurring, Side::Continuous, Side::Aggregated];

    /// `recurring`, `continuous` or `aggregated` (the page's `data-mode`).
    pub fn name(self) -> &'static str {
        match self {
            Side::Recurring => "recurring",
            Side::Continuous => "continuous",
            Side::Aggregated => "aggregated",
        }
    }

    /// The side of a name ([`Side::name`]).
    pub fn from_name(name: &str) -> Option<Side> {
        Side::ALL.into_iter().find(|s| s.name() == name)
    }

    /// The side a delivery mode and aggregation simulate: continuous, recurring, or
    /// aggregated recurring (a continuous delivery is never aggregated).
    ///
    /// ```
    /// use campaign_sim::engine::doc::{Aggregation, Mode};
    /// use campaign_sim::engine::sim::Side;
    /// assert_eq!(Side::of(Mode::Recurring, Aggregation::Month), Side::Aggregated);
    /// assert_eq!(Side::of(Mode::Continuous, Aggregation::Month), Side::Continuous);
    /// ```
    pub fn of(mode: Mode, aggregation: Aggregation) -> Side {
        match (mode, aggregation) {
            (Mode::Continuous, _) => Side::Continuous,
            (Mode::Recurring, Aggregation::None) => Side::Recurring,
            (Mode::Recurring, _) => Side::Aggregated,
        }
    }
}

/// The sides of one workflow's comparison, stepped together.
#[derive(Clone, Debug)]
pub struct Comparison {
    sides: Vec<(Side, Simulation)>,
}

impl Comparison {
    /// The comparison of workflow `workflow` (its position in the document): as
    /// recurring, as continuous, and as aggregated recurring when its delivery asks
    /// for an aggregation; the size limits are checked once for all sides.
    ///
    /// ```
    /// use campaign_sim::engine::{doc, sim::{Comparison, Side}};
    /// let v = doc::parse_validated(r#"{"recipients":[{"id":1,"email":"a@x.test"}],
    ///   "workflow":{"scheduler":{"frequency":"weekly","days":["mon"],"times":["09:00"]}}}"#)
    ///     .unwrap();
    /// let mut c = Comparison::new(&v, 0).unwrap();
    /// while c.step_budget(10) > 0 {}
    /// let sides = c.finish();
    /// assert_eq!(sides[0].0, Side::Recurring);
    /// assert_eq!(sides[0].1.deliveries().len(), 52);
    /// assert_eq!(sides[1].1.deliveries().len(), 1);
    /// ```
    pub fn new(s: &Validated, workflow: usize) -> Result<Comparison, Vec<ScenarioError>> {
        let aggregation = s
            .workflows()
            .get(workflow)
            .map_or(Aggregation::None, |w| w.delivery.aggregation);
        let variant = |mode, aggregation| Variant { mode, aggregation };
        let mut sides = vec![
            (Side::Recurring, variant(Mode::Recurring, Aggregation::None)),
            (
                Side::Continuous,
                variant(Mode::Continuous, Aggregation::None),
            ),
        ];
        if aggregation != Aggregation::None {
            sides.push((Side::Aggregated, variant(Mode::Recurring, aggregation)));
        }
        let prepared = Arc::new(Prepared::new(s, sides.len())?);
        Ok(Comparison {
            sides: sides
                .into_iter()
                .map(|(side, v)| {
                    (
                        side,
                        Simulation::from_prepared(&prepared, workflow, Some(v)),
                    )
                })
                .collect(),
        })
    }

    /// The sides, in order.
    pub fn sides(&self) -> Vec<Side> {
        self.sides.iter().map(|(s, _)| *s).collect()
    }

    /// Advances every side up to `t` included.
    pub fn step_until(&mut self, t: Instant) {
        for (_, sim) in &mut self.sides {
            sim.step_until(t);
        }
    }

    /// Processes at most `n` executions, the sides one after the other; returns how
    /// many ran (0: every side is done).
    pub fn step_budget(&mut self, n: usize) -> usize {
        let mut ran = 0;
        for (_, sim) in &mut self.sides {
            if ran >= n {
                break;
            }
            ran += sim.step_budget(n - ran);
        }
        ran
    }

    /// Executions done and in all, over every side.
    pub fn progress(&self) -> Progress {
        self.sides
            .iter()
            .map(|(_, s)| s.progress())
            .fold(Progress::default(), |a, p| Progress {
                done: a.done + p.done,
                total: a.total + p.total,
                at: a.at.max(p.at),
                rows: a.rows + p.rows,
            })
    }

    /// Every side is done.
    pub fn is_done(&self) -> bool {
        self.sides.iter().all(|(_, s)| s.is_done())
    }

    /// Runs what is left and returns each side's outcome.
    pub fn finish(self) -> Vec<(Side, Outcome)> {
        self.sides
            .into_iter()
            .map(|(side, sim)| (side, sim.finish()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::doc::parse_validated;
    use crate::engine::sim::simulate_variants_validated;

    #[test]
    fn the_sides_step_in_turns_and_end_as_the_variants_simulated_alone() {
        let v = parse_validated(
            r#"{"seed":3,"population":{"size":200},"tracking":{"enabled":true},
            "workflow":{"scheduler":{"frequency":"daily","times":["06:00"]},
              "query":{"filter":"birthday"},
              "delivery":{"aggregation":"month"}}}"#,
        )
        .unwrap();
        let mut c = Comparison::new(&v, 0).unwrap();
        assert_eq!(
            c.sides(),
            vec![Side::Recurring, Side::Continuous, Side::Aggregated]
        );
        assert_eq!(c.progress().total, 3 * 365);
        let mut turns = 0;
        while c.step_budget(100) > 0 {
            turns += 1;
        }
        assert_eq!(turns, 11);
        assert!(c.is_done());
        let sides = c.finish();
        let variants: Vec<Variant> = sides
            .iter()
            .map(|(_, o)| Variant {
                mode: o.mode(),
                aggregation: o.aggregation(),
            })
            .collect();
        let alone = simulate_variants_validated(&v, &variants).unwrap();
        for ((_, o), a) in sides.iter().zip(&alone) {
            assert_eq!(o.fingerprint(), a.fingerprint());
        }
        assert_eq!(sides[2].1.deliveries().len(), 12);
    }

    #[test]
    fn the_size_limit_counts_every_side() {
        // Fits once, not three times (see tests/limits.rs for the estimate).
        let doc = |agg: &str| {
            format!(
                r#"{{"population":{{"size":110000}},
                "workflow":{{"scheduler":{{"frequency":"weekly","days":["mon","thu"],"times":["09:00"]}},
                  "delivery":{{"aggregation":"{agg}"}}}}}}"#
            )
        };
        let one = parse_validated(&doc("none")).unwrap();
        let three = parse_validated(&doc("month")).unwrap();
        let one_side = crate::engine::sim::limits::estimate(&one).bytes;
        assert!(one_side * 2 <= crate::engine::sim::limits::MAX_BYTES);
        assert!(one_side * 3 > crate::engine::sim::limits::MAX_BYTES);
        assert!(Comparison::new(&one, 0).is_ok());
        assert_eq!(
            Comparison::new(&three, 0).unwrap_err()[0].path,
            "population.size"
        );
    }

    #[test]
    fn a_side_is_named_and_read_from_its_mode() {
        for side in Side::ALL {
            assert_eq!(Side::from_name(side.name()), Some(side));
        }
        assert_eq!(Side::from_name("weekly"), None);
        assert_eq!(
            Side::of(Mode::Recurring, Aggregation::None),
            Side::Recurring
        );
        assert_eq!(
            Side::of(Mode::Recurring, Aggregation::Week),
            Side::Aggregated
        );
        assert_eq!(
            Side::of(Mode::Continuous, Aggregation::None),
            Side::Continuous
        );
        // Each side of a comparison simulates the mode its name says.
        let v = parse_validated(
            r#"{"workflow":{"scheduler":{"frequency":"daily","times":["06:00"]},
              "delivery":{"aggregation":"week"}}}"#,
        )
        .unwrap();
        for (side, o) in Comparison::new(&v, 0).unwrap().finish() {
            assert_eq!(Side::of(o.mode(), o.aggregation()), side);
        }
    }
}
