//! A simulation of a document's year, stepped explicitly (virtual time, as in
//! nexosim): [`Simulation::step`] processes the next instant, every execution due at
//! it in the contract's order; [`Simulation::finish`] runs what is left and returns
//! the [`Outcome`].
//!
//! The order at one instant: executions are merged by instant; at one instant a
//! higher workflow priority first, then the workflow's position in the document; a
//! workflow's own order at one instant (catch-ups before planned slots) is kept. It
//! is computed once, in [`Prepared`], as the list every step walks. Delivery ids run
//! 1, 2, 3 … in creation order across the workflows.

use super::limits;
use super::plan::downtime;
use super::workflow::{Variant, Workflow};
use crate::engine::activity::port::Run;
use crate::engine::activity::query::Rule;
use crate::engine::activity::scheduler::{Downtime, Execution, Scheduler, Turn};
use crate::engine::activity::tracking::{self, Tracking, TrackingModel};
use crate::engine::base::population::{explicit_created, BaseSpec, Population};
use crate::engine::base::state::RecipientState;
use crate::engine::calendar::{Calendar, Instant};
use crate::engine::doc::{
    DeliverySpec, PressureSpec, QuerySpec, Scenario, ScenarioError, Typology, Validated,
};
use crate::engine::out::outcome::{Outcome, WorkflowRecord};
use crate::engine::record::journal::{Activity, JournalEntry, JournalMessage};
use crate::engine::record::logs::BroadLog;
use serde::Serialize;
use std::sync::Arc;

/// One workflow as planned: its scheduler and executions, and the specs its other
/// activities are built from.
#[derive(Clone, Debug)]
struct Plan {
    name: String,
    priority: i64,
    typology: Typology,
    scheduler: Arc<Scheduler>,
    executions: Vec<Execution>,
    /// Its planned slots that fell in an outage (whatever the policy did with them).
    missed: Vec<Instant>,
    query: QuerySpec,
    delivery: DeliverySpec,
}

/// What every compared variant of a document shares, computed once: the calendar,
/// the recipient base, each workflow's executions and their merged order.
#[derive(Clone, Debug)]
pub struct Prepared {
    cal: Calendar,
    seed: u64,
    population: Arc<Population>,
    downtime: Downtime,
    plans: Vec<Plan>,
    /// Every execution of the year in the contract's order: (workflow, index in
    /// its executions).
    order: Vec<(u16, u32)>,
    /// The resolved tracking model (`None`: tracking off).
    tracking: Option<TrackingModel>,
    pressure: Option<PressureSpec>,
    /// Rows the plain "everyone" workflows will write (known in advance).
    known_rows: usize,
    /// The document lists its workflows under `workflows` (v2).
    workflow_list: bool,
}

impl Prepared {
    /// Reads a validated document on its calendar, refuses a year over the size
    /// limit when `variants` variants run side by side ([`limits::check`]), then
    /// builds the base: nothing big is built for a refused document.
    pub fn new(s: &Validated, variants: usize) -> Result<Prepared, Vec<ScenarioError>> {
        Prepared::build(s, Some(variants))
    }

    /// [`Prepared::new`] without the size limit (a benchmark of a million recipients
    /// goes around the page's memory limit).
    pub fn unlimited(s: &Validated) -> Result<Prepared, Vec<ScenarioError>> {
        Prepared::build(s, None)
    }

    /// The work of [`Prepared::new`] on a document the caller validated.
    pub(crate) fn build(
        s: &Scenario,
        variants: Option<usize>,
    ) -> Result<Prepared, Vec<ScenarioError>> {
        let cal = s.calendar().map_err(|e| vec![e])?;
        let downtime = downtime(s, &cal);
        let plans: Vec<Plan> = s
            .workflows()
            .iter()
            .map(|w| {
                let scheduler = Scheduler::new(w.scheduler, &cal);
                Plan {
                    name: w.name.to_string(),
                    priority: w.priority,
                    typology: w.typology,
                    executions: scheduler.executions(&downtime),
                    missed: scheduler.missed_slots(&downtime),
                    scheduler: Arc::new(scheduler),
                    query: w.query.clone(),
                    delivery: w.delivery.clone(),
                }
            })
            .collect();
        // Refuse what would exhaust the page's memory before building anything big.
        let created = explicit_created(&s.recipients, &cal);
        if let Some(variants) = variants {
            let lists: Vec<&[Execution]> = plans.iter().map(|p| p.executions.as_slice()).collect();
            let estimate = limits::estimate_with(s, &cal, &lists, &created);
            limits::check(s, &estimate, variants).map_err(|e| vec![e])?;
        }
        let base = BaseSpec {
            recipients: &s.recipients,
            generated: s.population.as_ref(),
            seed: s.seed,
        };
        let population = Arc::new(Population::build_with_created(base, &cal, created));
        let order = merged_order(&plans);
        // A plain "everyone" query returns the whole base at each execution: the row
        // count is known, so the send log is allocated once instead of growing by
        // copies (perf: reallocation copies were an eighth of a weekly year).
        let known_rows = plans
            .iter()
            .filter(|p| Rule::of(&p.query).whole_base())
            .flat_map(|p| &p.executions)
            .map(|e| population.in_base_count(e.at))
            .sum();
        Ok(Prepared {
            cal,
            seed: s.seed,
            population,
            downtime,
            plans,
            order,
            tracking: TrackingModel::of(&s.tracking),
            pressure: s.pressure.clone(),
            known_rows,
            workflow_list: s.lists_workflows(),
        })
    }

    /// The calendar.
    pub fn calendar(&self) -> &Calendar {
        &self.cal
    }

    /// The recipient base.
    pub fn population(&self) -> &Arc<Population> {
        &self.population
    }

    /// Executions of the year, every workflow.
    pub fn executions(&self) -> usize {
        self.order.len()
    }

    fn instant(&self, k: usize) -> Option<Instant> {
        let (w, j) = *self.order.get(k)?;
        let plan = self.plans.get(usize::from(w))?;
        plan.executions.get(j as usize).map(|e| e.at)
    }
}

/// The contract's order of every workflow's executions (see the module doc): a
/// merge of the workflows' own lists, each already in its order.
fn merged_order(plans: &[Plan]) -> Vec<(u16, u32)> {
    let total = plans.iter().map(|p| p.executions.len()).sum();
    let mut order = Vec::with_capacity(total);
    let mut next = vec![0usize; plans.len()];
    // At most 16 workflows: look at each one's next execution.
    while order.len() < total {
        let mut best: Option<(Turn, usize)> = None;
        for (w, p) in plans.iter().enumerate() {
            let Some(e) = next.get(w).and_then(|&j| p.executions.get(j)) else {
                continue;
            };
            let key = (Turn::new(e.at, p.priority, w as u16), w);
            if best.is_none_or(|b| key < b) {
                best = Some(key);
            }
        }
        let Some((_, w)) = best else { break };
        if let Some(j) = next.get_mut(w) {
            order.push((w as u16, *j as u32));
            *j += 1;
        }
    }
    order
}

/// How far a simulation is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Progress {
    /// Executions processed.
    pub done: usize,
    /// Executions of the year.
    pub total: usize,
    /// The instant of the last execution processed.
    pub at: Option<Instant>,
    /// broadLog rows written so far.
    pub rows: usize,
}

/// One simulated year, advanced step by step.
#[derive(Clone, Debug)]
pub struct Simulation {
    prepared: Arc<Prepared>,
    focus: usize,
    workflows: Vec<Workflow>,
    /// The next execution in [`Prepared::order`].
    next: usize,
    run: Run,
}

impl Simulation {
    /// Prepares a validated document's year (size limits, base, executions) with
    /// every workflow in its own delivery mode, before its first step.
    ///
    /// ```
    /// use campaign_sim::engine::{doc, sim::Simulation};
    /// let v = doc::parse_validated(r#"{"recipients":[{"id":1,"email":"a@x.test"}],
    ///   "workflow":{"scheduler":{"frequency":"weekly","days":["mon"],"times":["09:00"]}}}"#)
    ///     .unwrap();
    /// let mut sim = Simulation::new(&v).unwrap();
    /// let first = sim.step().unwrap(); // Monday 5 January 09:00
    /// sim.step_until(first + 14 * 86_400);
    /// assert_eq!(sim.progress().done, 3);
    /// assert_eq!(sim.finish().deliveries().len(), 52);
    /// ```
    pub fn new(s: &Validated) -> Result<Simulation, Vec<ScenarioError>> {
        Ok(Simulation::from_prepared(
            &Arc::new(Prepared::new(s, 1)?),
            0,
            None,
        ))
    }

    /// Like [`Simulation::new`], with workflow `workflow` simulated in `variant`.
    pub fn with_variant(
        s: &Validated,
        workflow: usize,
        variant: Variant,
    ) -> Result<Simulation, Vec<ScenarioError>> {
        let p = Arc::new(Prepared::new(s, 1)?);
        Ok(Simulation::from_prepared(&p, workflow, Some(variant)))
    }

    /// A simulation over prepared data, with workflow `focus` in `variant` (`None`:
    /// its own mode). Variants built from one [`Prepared`] share its base.
    pub fn from_prepared(
        prepared: &Arc<Prepared>,
        focus: usize,
        variant: Option<Variant>,
    ) -> Simulation {
        let p = prepared;
        let pop = &p.population;
        let workflows = p
            .plans
            .iter()
            .enumerate()
            .map(|(w, plan)| {
                let v = variant.filter(|_| w == focus);
                let arbitrated = plan.typology == Typology::Marketing;
                let specs = (&plan.query, &plan.delivery);
                Workflow::new(w as u16, specs, arbitrated, v, pop.len(), &p.cal)
            })
            .collect();
        let tracking = p
            .tracking
            .clone()
            .map(|m| Tracking::new(m, p.seed, pop, &p.cal));
        let mut run = Run {
            state: RecipientState::new(pop, tracking.is_some(), p.pressure.as_ref()),
            tracking,
            executions: Vec::with_capacity(p.order.len()),
            ..Run::default()
        };
        run.send.reserve(p.known_rows);
        Simulation {
            prepared: Arc::clone(prepared),
            focus,
            workflows,
            next: 0,
            run,
        }
    }

    /// The instant of the next execution (`None`: the year is done).
    pub fn next_instant(&self) -> Option<Instant> {
        self.prepared.instant(self.next)
    }

    /// Processes the next instant: every execution due at it, in the contract's
    /// order. Returns that instant (`None`: nothing was left).
    ///
    /// ```
    /// use campaign_sim::engine::{doc, sim::Simulation};
    /// let v = doc::parse_validated(r#"{"workflow":{"scheduler":{"frequency":"daily","times":["06:00","18:00"]}}}"#)
    ///     .unwrap();
    /// let mut sim = Simulation::new(&v).unwrap();
    /// let a = sim.step().unwrap();
    /// let b = sim.step().unwrap();
    /// assert_eq!(b - a, 12 * 3600);
    /// ```
    pub fn step(&mut self) -> Option<Instant> {
        let at = self.next_instant()?;
        while self.next_instant() == Some(at) {
            self.execute_next();
        }
        Some(at)
    }

    /// Processes every instant up to `t` included.
    ///
    /// ```
    /// use campaign_sim::engine::{doc, sim::Simulation};
    /// let v = doc::parse_validated(r#"{"workflow":{"scheduler":{"frequency":"daily","times":["06:00"]}}}"#)
    ///     .unwrap();
    /// let mut sim = Simulation::new(&v).unwrap();
    /// let start = sim.next_instant().unwrap();
    /// sim.step_until(start + 9 * 86_400);
    /// assert_eq!(sim.progress().done, 10);
    /// ```
    pub fn step_until(&mut self, t: Instant) {
        while self.next_instant().is_some_and(|a| a <= t) {
            self.execute_next();
        }
    }

    /// Processes at most `n` executions (an instant may be left half done; the next
    /// call goes on from there); returns how many ran. Cheap to call with a small
    /// budget, to slice a long year into short turns.
    pub fn step_budget(&mut self, n: usize) -> usize {
        let mut ran = 0;
        while ran < n && self.execute_next() {
            ran += 1;
        }
        ran
    }

    /// How far the year is.
    pub fn progress(&self) -> Progress {
        Progress {
            done: self.next,
            total: self.prepared.order.len(),
            at: self
                .next
                .checked_sub(1)
                .and_then(|k| self.prepared.instant(k)),
            rows: self.run.send.len(),
        }
    }

    /// Every execution has run.
    pub fn is_done(&self) -> bool {
        self.next >= self.prepared.order.len()
    }

    /// Runs what is left of the year and returns the outcome.
    ///
    /// ```
    /// use campaign_sim::engine::{doc, sim::Simulation};
    /// let v = doc::parse_validated(r#"{"recipients":[{"id":1,"email":"a@x.test"}],
    ///   "workflow":{"scheduler":{"frequency":"monthly","month_days":[1],"times":["09:00"]},
    ///               "delivery":{"mode":"continuous"}}}"#).unwrap();
    /// let o = Simulation::new(&v).unwrap().finish();
    /// assert_eq!((o.executions().len(), o.deliveries().len(), o.broadlog().len()), (12, 1, 12));
    /// ```
    pub fn finish(mut self) -> Outcome {
        while self.execute_next() {}
        let p = &*self.prepared;
        let cal = p.cal;
        let mut run = self.run;
        run.send.shrink();
        let broadlog = BroadLog {
            exec_end: run.executions.iter().map(|e| e.rows_end).collect(),
            exec_at: run.executions.iter().map(|e| e.at).collect(),
            exec_delivery: run
                .executions
                .iter()
                .map(|e| e.delivery.unwrap_or(0))
                .collect(),
            ids: p.population.ids().to_vec(),
            recipient: run.send.recipient,
            code: run.send.code,
        };
        let nd = run.deliveries.len();
        let tracking = match run.tracking {
            Some(t) => t.finish(nd),
            None => tracking::empty_log(cal.horizon_start, nd),
        };
        let pressure = run.state.pressure().map(|p| (p.max_messages(), p.window()));
        let workflows: Vec<WorkflowRecord> = p
            .plans
            .iter()
            .zip(&self.workflows)
            .map(|(plan, w)| {
                let runs: Vec<Instant> = plan.executions.iter().map(|e| e.at).collect();
                let profile = w.profile();
                WorkflowRecord {
                    name: plan.name.clone(),
                    priority: plan.priority,
                    typology: plan.typology,
                    mode: profile.mode,
                    aggregation: profile.aggregation,
                    query: profile.rule,
                    edits: profile.versions.edits().to_vec(),
                    finished_at: plan.scheduler.finished_at(&runs),
                    activities: profile.activities.clone(),
                    scheduler: Arc::clone(&plan.scheduler),
                    missed_slots: plan.missed.clone(),
                }
            })
            .collect();
        let journal = journal(p, &workflows, run.journal);
        let (quarantined_at, denylisted_at) = run.state.into_instants();
        Outcome {
            calendar: cal,
            workflows,
            focus: self.focus,
            population: Arc::clone(&p.population),
            executions: run.executions,
            deliveries: run.deliveries,
            broadlog,
            tracking: tracking.columns,
            exec_prefix: run.send.exec_prefix,
            checkpoints: tracking.checkpoints,
            tracking_by_delivery: tracking.by_delivery,
            delivery_tracking_start: tracking.delivery_start,
            journal,
            outages: p.downtime.outages().to_vec(),
            pressure,
            workflow_list: p.workflow_list,
            quarantined_at,
            denylisted_at,
            carried: run.carried,
            carried_end: run.carried_end,
        }
    }

    /// Runs the next execution of the order; false when none is left.
    fn execute_next(&mut self) -> bool {
        let p = &*self.prepared;
        let Some(&(w, j)) = p.order.get(self.next) else {
            return false;
        };
        let (Some(plan), Some(workflow)) = (
            p.plans.get(usize::from(w)),
            self.workflows.get_mut(usize::from(w)),
        ) else {
            return false;
        };
        if let Some(ex) = plan.executions.get(j as usize) {
            workflow.execute(ex, &p.population, &p.cal, &mut self.run);
        }
        self.next += 1;
        true
    }
}

/// The whole journal: each workflow's lines outside executions (start, outages,
/// content edits, end) around the executions' lines, in time order (stable: at one
/// instant, a start, a resumption or an edit comes before the execution).
fn journal(
    p: &Prepared,
    workflows: &[WorkflowRecord],
    executions: Vec<JournalEntry>,
) -> Vec<JournalEntry> {
    let cal = &p.cal;
    let line = |at, activity, message, count, workflow| JournalEntry {
        at,
        activity,
        message,
        count,
        execution: None,
        workflow,
    };
    let mut all = Vec::with_capacity(executions.len() + 4 * workflows.len());
    for (w, (plan, record)) in p.plans.iter().zip(workflows).enumerate() {
        let w = w as u16;
        all.push(line(
            cal.horizon_start,
            Activity::Start,
            JournalMessage::WorkflowStarted,
            0,
            w,
        ));
        for &(from, to) in p.downtime.outages() {
            if to <= cal.horizon_start || from >= cal.horizon_end {
                continue;
            }
            let missed = plan.scheduler.slots_in(from, to) as u32;
            all.push(line(
                from.max(cal.horizon_start),
                Activity::Scheduler,
                JournalMessage::Paused { until: to },
                0,
                w,
            ));
            if to < cal.horizon_end {
                all.push(line(
                    to,
                    Activity::Scheduler,
                    JournalMessage::Resumed { missed },
                    missed,
                    w,
                ));
            }
        }
        for (k, t) in record.edits.iter().enumerate() {
            if cal.in_horizon(*t) {
                all.push(line(
                    *t,
                    Activity::Delivery,
                    JournalMessage::ContentEdited {
                        version: k as u32 + 2,
                    },
                    0,
                    w,
                ));
            }
        }
    }
    all.extend(executions);
    for (w, record) in workflows.iter().enumerate() {
        if record.finished_at < cal.horizon_end {
            all.push(line(
                record.finished_at,
                Activity::End,
                JournalMessage::WorkflowFinished,
                0,
                w as u16,
            ));
        }
    }
    all.sort_by_key(|j| j.at);
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::doc::{parse_validated, Aggregation, Mode};

    /// Tracking, pressure, an outage, a content change: every kind of state.
    fn busy() -> Validated {
        parse_validated(
            r#"{"timezone":"Europe/Paris","seed":5,
            "population":{"size":300,"signups_per_day":2},
            "tracking":{"enabled":true,"optout_rate":0.2,"soft_bounce_rate":0.1},
            "pressure":{"max_messages":2,"period_days":7},
            "outages":[{"from":"2026-03-02T00:00","to":"2026-03-05T00:00"}],
            "workflow":{"scheduler":{"frequency":"daily","times":["09:00","18:00"]},
              "query":{"incremental":true,"history_days":3},
              "delivery":{"mode":"continuous","content_changes":["2026-06-01T00:00"]}}}"#,
        )
        .unwrap()
    }

    #[test]
    fn any_way_of_stepping_gives_the_same_year() {
        let v = busy();
        let whole = Simulation::new(&v).unwrap().finish().fingerprint();
        // One instant at a time.
        let mut by_step = Simulation::new(&v).unwrap();
        let mut instants = 0;
        while by_step.step().is_some() {
            instants += 1;
        }
        assert!(by_step.is_done());
        assert_eq!(instants, by_step.progress().total);
        assert_eq!(by_step.finish().fingerprint(), whole);
        // Small budgets, then up to instants, then the rest in finish().
        let mut mixed = Simulation::new(&v).unwrap();
        assert_eq!(mixed.step_budget(3), 3);
        let third = mixed.progress();
        assert_eq!((third.done, third.at), (3, mixed.prepared.instant(2)));
        let t = mixed.next_instant().unwrap() + 40 * 86_400;
        mixed.step_until(t);
        assert!(mixed.next_instant().is_some_and(|n| n > t));
        assert!(mixed.progress().at.is_some_and(|a| a <= t));
        assert_eq!(mixed.finish().fingerprint(), whole);
    }

    #[test]
    fn one_step_runs_every_execution_due_at_its_instant() {
        // A catch-up and the day's own slot share 09:00 on 4 March.
        let v = parse_validated(
            r#"{"outages":[{"from":"2026-03-02T00:00","to":"2026-03-04T09:00"}],
            "workflow":{"scheduler":{"frequency":"daily","times":["09:00"]}}}"#,
        )
        .unwrap();
        let mut sim = Simulation::new(&v).unwrap();
        let cal = *sim.prepared.calendar();
        let catch_up =
            cal.instant(crate::engine::doc::parse_local_datetime("2026-03-04T09:00").unwrap());
        sim.step_until(catch_up - 1);
        let before = sim.progress().done;
        assert_eq!(sim.step(), Some(catch_up));
        assert_eq!(sim.progress().done, before + 2);
        let o = sim.finish();
        let at: Vec<_> = o.executions().iter().filter(|e| e.at == catch_up).collect();
        assert!(at[0].caught_up && !at[1].caught_up);
    }

    #[test]
    fn variants_of_one_prepared_base_share_it() {
        let v = busy();
        let p = Arc::new(Prepared::new(&v, 2).unwrap());
        let continuous = Simulation::from_prepared(&p, 0, None).finish();
        let recurring = Simulation::from_prepared(
            &p,
            0,
            Some(Variant {
                mode: Mode::Recurring,
                aggregation: Aggregation::None,
            }),
        )
        .finish();
        assert!(Arc::ptr_eq(&continuous.population, &recurring.population));
        assert_eq!(continuous.mode(), Mode::Continuous);
        assert_eq!(recurring.mode(), Mode::Recurring);
        assert_eq!(continuous.deliveries().len(), 2);
        assert!(recurring.deliveries().len() > 100);
        assert_eq!(
            continuous.fingerprint(),
            Simulation::new(&v).unwrap().finish().fingerprint()
        );
    }

    #[test]
    fn a_continuous_delivery_started_by_a_content_change_names_the_one_it_replaces() {
        let v = busy();
        let p = Arc::new(Prepared::new(&v, 2).unwrap());
        let continuous = Simulation::from_prepared(&p, 0, None).finish();
        let replaces: Vec<Option<u32>> =
            continuous.deliveries().iter().map(|d| d.replaces).collect();
        assert_eq!(replaces, [None, Some(1)]);
        // What the page read as a fork (a continuous delivery after its workflow's
        // first one) is exactly that.
        for d in continuous.deliveries() {
            let later = continuous
                .deliveries()
                .iter()
                .any(|x| x.workflow == d.workflow && x.id < d.id);
            assert_eq!(d.replaces.is_some(), later);
        }
        let recurring = Simulation::from_prepared(
            &p,
            0,
            Some(Variant {
                mode: Mode::Recurring,
                aggregation: Aggregation::None,
            }),
        )
        .finish();
        assert!(recurring.deliveries().iter().all(|d| d.replaces.is_none()));
    }
}
