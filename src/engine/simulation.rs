//! The year's run: executions → query → delivery → send log → tracking.
//!
//! Executions are processed in order. At one execution: the query returns its
//! recipients (recorded in the incremental history at the execution instant); if it
//! returned anybody the delivery activity runs (creating or joining a delivery)
//! and appends one broadLog row per recipient, with the precedence denylisted →
//! quarantined → excluded by arbitration → hard bounce → (random soft bounce) →
//! sent; each sent message draws its tracking events, which may arrive days later
//! (an opt-out click denylists the profile from its instant on).

use super::calendar::{Calendar, Instant};
use super::delivery::{label, ContentVersions, Period};
use super::kpi::Counters;
use super::logs::{BroadLog, Reason, TrackingColumns, REASONS};
use super::outcome::{BroadlogCounts, DeliveryRecord, ExecutionRecord, Outcome, CHECKPOINT};
use super::population::{Population, NEVER};
use super::query::{self, History, DAY};
use super::rng::{stream_at, stream_key, Purpose};
use super::scenario::{
    self, parse_date, parse_local_datetime, Aggregation, Filter, Frequency, Mode, Scenario,
    ScenarioError, Validated,
};
use super::scheduler::{self, Execution};
use super::tracking::TrackingModel;
use super::workflow::{Activity, JournalEntry, JournalMessage};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// A delivery mode to simulate (for side-by-side comparison).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Variant {
    pub mode: Mode,
    pub aggregation: Aggregation,
}

/// Validates the scenario and simulates its year in its own delivery mode.
///
/// ```
/// use campaign_sim::engine::{scenario, simulation};
/// let s = scenario::parse(r#"{"recipients":[{"id":1,"email":"a@x.test"}],
///   "workflow":{"scheduler":{"frequency":"weekly","days":["mon"],"times":["09:00"]}}}"#).unwrap();
/// let o = simulation::simulate(&s).unwrap();
/// assert_eq!(o.deliveries().len(), 52);
/// ```
pub fn simulate(s: &Scenario) -> Result<Outcome, Vec<ScenarioError>> {
    let errors = scenario::validate(s);
    if !errors.is_empty() {
        return Err(errors);
    }
    simulate_own_mode(s)
}

/// [`simulate`] of a scenario already validated (by
/// [`scenario::parse_validated`] or [`Validated::new`]): the same outcome and the
/// same refusals, without validating the document again.
pub fn simulate_validated(s: &Validated) -> Result<Outcome, Vec<ScenarioError>> {
    simulate_own_mode(s.scenario())
}

fn simulate_own_mode(s: &Scenario) -> Result<Outcome, Vec<ScenarioError>> {
    let v = Variant {
        mode: s.workflow.delivery.mode,
        aggregation: s.workflow.delivery.aggregation,
    };
    let mut all = simulate_valid_variants(s, &[v])?;
    all.pop().ok_or_else(Vec::new)
}

/// Simulates the same scenario (population, schedule, seed) in several delivery
/// modes; the population and the executions are computed once.
pub fn simulate_variants(
    s: &Scenario,
    variants: &[Variant],
) -> Result<Vec<Outcome>, Vec<ScenarioError>> {
    let errors = scenario::validate(s);
    if !errors.is_empty() {
        return Err(errors);
    }
    simulate_valid_variants(s, variants)
}

/// [`simulate_variants`] of a scenario already validated.
pub fn simulate_variants_validated(
    s: &Validated,
    variants: &[Variant],
) -> Result<Vec<Outcome>, Vec<ScenarioError>> {
    simulate_valid_variants(s.scenario(), variants)
}

/// The run after validation: the size limits, then the year of each variant.
fn simulate_valid_variants(
    s: &Scenario,
    variants: &[Variant],
) -> Result<Vec<Outcome>, Vec<ScenarioError>> {
    let cal = s.calendar().map_err(|e| vec![e])?;
    let execs = scheduler::executions(s, &cal);
    // Refuse what would exhaust the page's memory before building anything big.
    let created = super::population::explicit_created(s, &cal);
    let estimate = super::limits::estimate_with_created(s, &cal, &execs, &created);
    super::limits::check(s, &estimate, variants.len()).map_err(|e| vec![e])?;
    let pop = Arc::new(Population::build_with_created(s, &cal, created));
    Ok(variants
        .iter()
        .map(|v| run(s, &cal, &pop, &execs, *v))
        .collect())
}

/// Runs one variant over prepared executions and population.
pub fn run(
    s: &Scenario,
    cal: &Calendar,
    pop: &Arc<Population>,
    execs: &[Execution],
    v: Variant,
) -> Outcome {
    let n = pop.len();
    let q = &s.workflow.query;
    let versions = ContentVersions::of(s, cal);
    let model = TrackingModel::of(s);
    let pressure = s.pressure.as_ref().map(|p| {
        (
            p.max_messages.clamp(1, 64) as usize,
            i64::from(p.period_days) * DAY,
        )
    });
    let recurring = v.mode == Mode::Recurring;
    let aggregation = if recurring {
        v.aggregation
    } else {
        Aggregation::None
    };

    let mut history = History::new(if q.incremental { n } else { 0 }, q.history_days);
    let mut quarantined_at = vec![NEVER; n];
    let mut denylisted_at: Vec<Instant> = (0..n as u32)
        .map(|i| pop.unsubscribed(i).unwrap_or(NEVER))
        .collect();
    let (mut soft_count, mut soft_last) = if model.is_some() {
        (vec![0u8; n], vec![0 as Instant; n])
    } else {
        (Vec::new(), Vec::new())
    };
    // Without tracking and pressure only the fast send loop runs, and there the
    // denylist never changes: per recipient, the earlier of its denylist and
    // quarantine instants.
    let mut blocked: Vec<Instant> = if model.is_none() && pressure.is_none() {
        denylisted_at
            .iter()
            .zip(&quarantined_at)
            .map(|(d, q)| (*d).min(*q))
            .collect()
    } else {
        Vec::new()
    };
    // The send and tracking streams of a recipient differ only by execution: their
    // keys once per recipient, not twice per row (perf: stream set-up was most of a
    // tracked year).
    let (send_key, track_key): (Vec<u64>, Vec<u64>) = if model.is_some() {
        (0..n as u32)
            .map(|i| {
                let id = pop.id(i);
                (
                    stream_key(s.seed, Purpose::Send, id),
                    stream_key(s.seed, Purpose::Track, id),
                )
            })
            .unzip()
    } else {
        (Vec::new(), Vec::new())
    };
    let (mut ring, mut ring_head) = match pressure {
        Some((max, _)) => (vec![i64::MIN; n * max], vec![0u8; n]),
        None => (Vec::new(), Vec::new()),
    };

    let mut executions = Vec::with_capacity(execs.len());
    let mut deliveries: Vec<DeliveryRecord> = Vec::new();
    // A plain "everyone" query returns exactly the base at the instant, a prefix of
    // the population's created order: read it in place rather than copy it (at a
    // million recipients the send loop is bound by memory traffic).
    let whole_base = q.filter == Filter::All && !q.incremental;
    let mut broadlog = BroadLog {
        ids: pop.ids().to_vec(),
        ..BroadLog::default()
    };
    // A plain "everyone" query returns the whole base at each execution: the row
    // count is known, so the columns are allocated once instead of growing by
    // copies (perf: reallocation copies were an eighth of a weekly year).
    if whole_base {
        let rows: usize = execs.iter().map(|e| pop.in_base_count(e.at)).sum();
        broadlog.recipient.reserve_exact(rows);
        broadlog.code.reserve_exact(rows);
    }
    let mut exec_prefix: Vec<[u64; REASONS]> = Vec::with_capacity(execs.len());
    let mut running = [0u64; REASONS];
    // (seconds from the horizon start, broadLog row, delivery id, packed code).
    let mut events: Vec<(u32, u32, u32, u8)> = Vec::new();
    let origin = cal.horizon_start;
    let mut journal: Vec<JournalEntry> = Vec::new();
    let mut query_out: Vec<u32> = Vec::new();
    let mut scratch: Vec<(Instant, u8)> = Vec::new();
    let mut current: Option<(u32, Option<Period>)> = None; // (delivery id, period)
    let query_activity = if q.incremental {
        Activity::IncrementalQuery
    } else {
        Activity::Query
    };

    let mut prev_at: Option<Instant> = None;
    for (ei, ex) in execs.iter().enumerate() {
        let at = ex.at;
        let eix = ei as u32;
        let targeted: &[u32] = if whole_base {
            pop.in_base(at)
        } else {
            query::run(q, pop, cal, &history, at, prev_at, &mut query_out);
            &query_out
        };
        prev_at = Some(at);
        if q.incremental {
            for &i in targeted {
                history.record(i, at);
            }
        }
        let version = versions.at(at);
        let count = targeted.len() as u32;
        let jx = Some(eix);
        journal.push(JournalEntry {
            at,
            activity: Activity::Scheduler,
            message: JournalMessage::SchedulerFired {
                scheduled: ex.scheduled,
                caught_up: ex.caught_up,
            },
            count: 1,
            execution: jx,
        });
        let rows_start = broadlog.len() as u32;
        let mut rec = ExecutionRecord {
            at,
            scheduled: ex.scheduled,
            caught_up: ex.caught_up,
            targeted: count,
            delivery: None,
            rows_start,
            rows_end: rows_start,
            content_version: version,
            sent: 0,
            failed: 0,
            ignored: 0,
        };
        if targeted.is_empty() {
            journal.push(JournalEntry {
                at,
                activity: query_activity,
                message: JournalMessage::QueryEmpty,
                count: 0,
                execution: jx,
            });
            exec_prefix.push(running);
            executions.push(rec);
            continue;
        }
        journal.push(JournalEntry {
            at,
            activity: query_activity,
            message: JournalMessage::QueryDone,
            count,
            execution: jx,
        });

        // Which delivery this execution appends to.
        let date = cal.local_date(at);
        let period = Period::of(aggregation, date);
        let reuse = match (current, recurring) {
            (Some((id, p)), true) => aggregation != Aggregation::None && p == period && id > 0,
            (Some((id, _)), false) => {
                let dv = deliveries
                    .get(id as usize - 1)
                    .map_or(version, |d| d.content_version);
                if dv != version {
                    journal.push(JournalEntry {
                        at,
                        activity: Activity::Delivery,
                        message: JournalMessage::ContentVersionChanged {
                            from: dv,
                            to: version,
                        },
                        count: 0,
                        execution: jx,
                    });
                }
                dv == version
            }
            (None, _) => false,
        };
        let id = if let (true, Some((id, _))) = (reuse, current) {
            journal.push(JournalEntry {
                at,
                activity: Activity::Delivery,
                message: JournalMessage::DeliveryAppended { delivery: id },
                count,
                execution: jx,
            });
            id
        } else {
            let id = deliveries.len() as u32 + 1;
            deliveries.push(DeliveryRecord {
                id,
                label: label(&s.workflow.delivery.label, recurring, date, period, version),
                created: at,
                content_version: version,
                runs: 0,
                broadlog: BroadlogCounts::default(),
                period,
                first_execution: eix,
                last_execution: eix,
            });
            journal.push(JournalEntry {
                at,
                activity: Activity::Delivery,
                message: JournalMessage::DeliveryCreated {
                    delivery: id,
                    content_version: version,
                },
                count,
                execution: jx,
            });
            current = Some((id, period));
            id
        };
        rec.delivery = Some(id);
        let mut counts = BroadlogCounts::default();

        // The recipient column of this execution in bulk (the query's slice), then
        // one reason byte per row: per-row pushes were most of the send loop (perf).
        broadlog.recipient.extend_from_slice(targeted);
        let mut by_reason = [0u32; REASONS];
        if model.is_none() && pressure.is_none() {
            // No tracking, no pressure rule: the precedence is three look-ups and
            // only a hard bounce changes state. Kept apart from the general loop so
            // its few counters stay in registers (perf: spills and the unused
            // recipient-id load were half the time per row).
            let hard = pop.hard_bounces();
            let (mut denied, mut quarantined, mut bounced) = (0u32, 0u32, 0u32);
            broadlog.code.extend(targeted.iter().map(|&i| {
                let iu = i as usize;
                // One load for the usual "neither" answer: `blocked` is the earlier
                // of the two instants (denylist first when both apply).
                let reason = if blocked.get(iu).is_some_and(|t| *t <= at) {
                    if denylisted_at.get(iu).is_some_and(|t| *t <= at) {
                        denied += 1;
                        Reason::Denylisted
                    } else {
                        quarantined += 1;
                        Reason::Quarantined
                    }
                } else if hard.get(iu).copied().unwrap_or(false) {
                    if let Some(q) = quarantined_at.get_mut(iu) {
                        *q = at;
                    }
                    if let Some(b) = blocked.get_mut(iu) {
                        *b = at;
                    }
                    bounced += 1;
                    Reason::UserUnknown
                } else {
                    Reason::Sent
                };
                reason as u8
            }));
            by_reason[Reason::Denylisted as usize] = denied;
            by_reason[Reason::Quarantined as usize] = quarantined;
            by_reason[Reason::UserUnknown as usize] = bounced;
            by_reason[Reason::Sent as usize] = count - denied - quarantined - bounced;
        } else {
            let mut row = rows_start;
            broadlog.code.extend(targeted.iter().map(|&i| {
                let iu = i as usize;
                let mut send_rng = model
                    .as_ref()
                    .map(|_| stream_at(send_key.get(iu).copied().unwrap_or(0), eix as u64));
                let reason = if denylisted_at.get(iu).is_some_and(|t| *t <= at) {
                    Reason::Denylisted
                } else if quarantined_at.get(iu).is_some_and(|t| *t <= at) {
                    Reason::Quarantined
                } else if pressure.is_some_and(|(max, window)| {
                    ring.get(iu * max + ring_head.get(iu).copied().unwrap_or(0) as usize)
                        .is_some_and(|oldest| *oldest > at - window)
                }) {
                    Reason::ExcludedByArbitration
                } else if pop.hard_bounce(i) {
                    Reason::UserUnknown
                } else {
                    match (&model, send_rng.as_mut()) {
                        (Some(m), Some(r)) => {
                            if r.chance(m.hard_bounce_rate) {
                                Reason::UserUnknown
                            } else if r.chance(m.soft_bounce_rate) {
                                Reason::MailboxFull
                            } else {
                                Reason::Sent
                            }
                        }
                        _ => Reason::Sent,
                    }
                };
                match reason {
                    Reason::UserUnknown => {
                        if let Some(q) = quarantined_at.get_mut(iu) {
                            *q = at;
                        }
                    }
                    Reason::MailboxFull => {
                        if let (Some(m), Some(c), Some(last)) =
                            (&model, soft_count.get_mut(iu), soft_last.get_mut(iu))
                        {
                            // A quiet period without soft errors starts the count again.
                            if *c > 0 && at - *last >= i64::from(m.soft_bounce_reset_days) * DAY {
                                *c = 0;
                            }
                            *c = c.saturating_add(1);
                            *last = at;
                            if u32::from(*c) >= m.soft_bounce_limit {
                                if let Some(q) = quarantined_at.get_mut(iu) {
                                    *q = at;
                                }
                            }
                        }
                    }
                    Reason::Sent => {
                        if let Some(c) = soft_count.get_mut(iu) {
                            *c = 0;
                        }
                        if let Some((max, _)) = pressure {
                            let h = ring_head.get(iu).copied().unwrap_or(0) as usize;
                            if let Some(slot) = ring.get_mut(iu * max + h) {
                                *slot = at;
                            }
                            if let Some(hd) = ring_head.get_mut(iu) {
                                *hd = ((h + 1) % max) as u8;
                            }
                        }
                        if let Some(m) = &model {
                            let mut r =
                                stream_at(track_key.get(iu).copied().unwrap_or(0), eix as u64);
                            scratch.clear();
                            m.events(&mut r, at, pop.propensity(i), &mut scratch);
                            for &(t, code) in &scratch {
                                if t >= cal.horizon_end {
                                    continue;
                                }
                                if super::logs::unpack_kind(code)
                                    == super::logs::TrackingKind::Optout
                                {
                                    if let Some(d) = denylisted_at.get_mut(iu) {
                                        *d = (*d).min(t);
                                    }
                                }
                                let off = u32::try_from(t - origin).unwrap_or(u32::MAX);
                                events.push((off, row, id, code));
                            }
                        }
                    }
                    _ => {}
                }
                if let Some(x) = by_reason.get_mut(reason as usize) {
                    *x += 1;
                }
                row += 1;
                reason as u8
            }));
        }
        for (r, k) in Reason::ALL.iter().zip(by_reason) {
            counts.add_n(*r, k);
            if let Some(x) = running.get_mut(*r as usize) {
                *x += u64::from(k);
            }
        }
        rec.rows_end = broadlog.len() as u32;
        rec.sent = counts.sent;
        rec.failed = counts.failed;
        rec.ignored = counts.ignored;
        if let Some(d) = deliveries.get_mut(id as usize - 1) {
            d.runs += 1;
            d.last_execution = eix;
            d.broadlog.total += counts.total;
            d.broadlog.sent += counts.sent;
            d.broadlog.failed += counts.failed;
            d.broadlog.ignored += counts.ignored;
        }
        journal.push(JournalEntry {
            at,
            activity: Activity::Delivery,
            message: JournalMessage::MessagesProcessed {
                sent: counts.sent,
                failed: counts.failed,
                ignored: counts.ignored,
            },
            count: counts.total,
            execution: jx,
        });
        exec_prefix.push(running);
        executions.push(rec);
    }

    // The year is over: give back the growth slack of the broadLog columns (the
    // measured heap per row, see benches/engine.rs).
    broadlog.recipient.shrink_to_fit();
    broadlog.code.shrink_to_fit();
    broadlog.exec_end = executions.iter().map(|e| e.rows_end).collect();
    broadlog.exec_at = executions.iter().map(|e| e.at).collect();
    broadlog.exec_delivery = executions.iter().map(|e| e.delivery.unwrap_or(0)).collect();

    // Tracking rows in time order (ties: broadLog row, then draw order).
    sort_by_offset(&mut events, |e| e.0);
    let mut tracking = TrackingColumns::with_capacity(origin, events.len());
    let mut checkpoints = vec![Counters::default()];
    let mut acc = Counters::default();
    for (k, (off, row, _, code)) in events.iter().enumerate() {
        tracking.push(*row, *off, *code);
        acc.add_tracking(*code);
        if (k + 1) % CHECKPOINT == 0 {
            checkpoints.push(acc);
        }
    }
    tracking.finish();
    // Group tracking rows by delivery (counting sort, time order kept).
    let nd = deliveries.len();
    let mut start = vec![0u32; nd + 2];
    for e in &events {
        if let Some(c) = start.get_mut(e.2 as usize) {
            *c += 1;
        }
    }
    // start[d] = rows of deliveries < d (ids are 1-based: start[0] is delivery 1).
    let mut acc_n = 0u32;
    let mut offsets = vec![0u32; nd + 1];
    for d in 1..=nd {
        if let Some(o) = offsets.get_mut(d - 1) {
            *o = acc_n;
        }
        acc_n += start.get(d).copied().unwrap_or(0);
    }
    if let Some(o) = offsets.get_mut(nd) {
        *o = acc_n;
    }
    start.clear();
    let mut fill = offsets.clone();
    let mut by_delivery = vec![0u32; tracking.len()];
    for (t, e) in events.iter().enumerate() {
        let d = e.2 as usize;
        if let Some(slot) = d.checked_sub(1).and_then(|d| fill.get_mut(d)) {
            if let Some(cell) = by_delivery.get_mut(*slot as usize) {
                *cell = t as u32;
            }
            *slot += 1;
        }
    }
    drop(events);

    // Journal lines outside executions: start, outages, content edits, end.
    let outages = scheduler::merged_outages(s, cal);
    let finished_at = finished_at(s, cal, &executions);
    let mut extra = vec![JournalEntry {
        at: cal.horizon_start,
        activity: Activity::Start,
        message: JournalMessage::WorkflowStarted,
        count: 0,
        execution: None,
    }];
    let slots = scheduler::planned_slots(s, cal);
    for (from, to) in &outages {
        if *to <= cal.horizon_start || *from >= cal.horizon_end {
            continue;
        }
        let missed = slots.partition_point(|t| t < to) - slots.partition_point(|t| t < from);
        extra.push(JournalEntry {
            at: (*from).max(cal.horizon_start),
            activity: Activity::Scheduler,
            message: JournalMessage::Paused { until: *to },
            count: 0,
            execution: None,
        });
        if *to < cal.horizon_end {
            extra.push(JournalEntry {
                at: *to,
                activity: Activity::Scheduler,
                message: JournalMessage::Resumed {
                    missed: missed as u32,
                },
                count: missed as u32,
                execution: None,
            });
        }
    }
    for (k, t) in versions.edits().iter().enumerate() {
        if cal.in_horizon(*t) {
            extra.push(JournalEntry {
                at: *t,
                activity: Activity::Delivery,
                message: JournalMessage::ContentEdited {
                    version: k as u32 + 2,
                },
                count: 0,
                execution: None,
            });
        }
    }
    extra.extend(journal);
    if finished_at < cal.horizon_end {
        extra.push(JournalEntry {
            at: finished_at,
            activity: Activity::End,
            message: JournalMessage::WorkflowFinished,
            count: 0,
            execution: None,
        });
    }
    // Stable: at one instant, resumptions and edits come before the execution.
    extra.sort_by_key(|j| j.at);

    Outcome {
        calendar: *cal,
        mode: v.mode,
        aggregation,
        query: q.clone(),
        population: Arc::clone(pop),
        executions,
        deliveries,
        broadlog,
        tracking,
        exec_prefix,
        checkpoints,
        tracking_by_delivery: by_delivery,
        delivery_tracking_start: offsets,
        journal: extra,
        outages,
        finished_at,
        edits: versions.edits().to_vec(),
        quarantined_at,
        denylisted_at,
    }
}

/// Sorts the tracking events by their offset from the horizon start, ties in push
/// order. Rows are pushed in increasing broadLog row order and a row's events in
/// draw order, so this is the order "time, then broadLog row, then draw order". A
/// stable LSD radix sort on the 32-bit offset (two passes, O(n)): the
/// comparison sort it replaces took a third of a tracked year's instructions
/// (callgrind).
fn sort_by_offset<E: Copy>(events: &mut Vec<E>, offset: impl Fn(&E) -> u32) {
    if events.len() < 256 {
        events.sort_by_key(|e| offset(e));
        return;
    }
    // Two passes of half the significant bits each: a year is 25 bits, so 13-bit
    // digits, whose 8,192 buckets scatter with far fewer cache and TLB misses than
    // 65,536 (perf: the scatter was a tenth of a tracked year).
    let bits = 32
        - events
            .iter()
            .map(&offset)
            .max()
            .unwrap_or(0)
            .leading_zeros();
    let width = bits.div_ceil(2).max(1);
    let mask = (1u32 << width) - 1;
    let mut buf = events.clone();
    for shift in [0u32, width] {
        let digit = |e: &E| ((offset(e) >> shift) & mask) as usize;
        let mut start = vec![0usize; mask as usize + 2];
        for e in events.iter() {
            if let Some(c) = start.get_mut(digit(e) + 1) {
                *c += 1;
            }
        }
        for k in 1..start.len() {
            let prev = start.get(k - 1).copied().unwrap_or(0);
            if let Some(c) = start.get_mut(k) {
                *c += prev;
            }
        }
        for e in events.iter() {
            if let Some(slot) = start.get_mut(digit(e)) {
                if let Some(cell) = buf.get_mut(*slot) {
                    *cell = *e;
                }
                *slot += 1;
            }
        }
        std::mem::swap(events, &mut buf);
    }
}

/// When no execution can come any more: `max_runs` reached (last execution),
/// a single `once` slot done, or the validity period over (at the latest, the
/// horizon end).
fn finished_at(s: &Scenario, cal: &Calendar, execs: &[ExecutionRecord]) -> Instant {
    let sc = &s.workflow.scheduler;
    let last = execs.last().map(|e| e.at);
    if let Some(max) = sc.max_runs {
        if max >= 0 && execs.len() as i64 >= max {
            return last.unwrap_or(cal.horizon_start);
        }
    }
    let end = if sc.frequency == Frequency::Once {
        sc.at
            .as_deref()
            .and_then(parse_local_datetime)
            .map_or(cal.horizon_start, |l| cal.instant(l))
    } else {
        sc.end
            .as_deref()
            .and_then(parse_date)
            .and_then(|d| d.succ_opt())
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map_or(cal.horizon_end, |l| cal.instant(l))
    };
    let end = end.max(cal.horizon_start);
    // A catch-up may run after the validity end.
    last.map_or(end, |l| l.max(end)).min(cal.horizon_end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn radix_sorted_events_equal_the_comparison_sort() {
        // Rows pushed in increasing order, several events per row, many ties in time
        // (also across the 16-bit digit boundary).
        let origin = 1_767_222_000;
        let mut r = super::super::rng::stream(3, Purpose::Track, 0, 0);
        let mut events = Vec::new();
        for row in 0..5_000u32 {
            for k in 0..(r.below(4) as u8) {
                let t = origin + r.below(200_000) as i64;
                events.push((t, row, k));
            }
        }
        let mut expected = events.clone();
        expected.sort_by_key(|(t, row, _)| (*t, *row));
        sort_by_offset(&mut events, |e| (e.0 - origin) as u32);
        assert_eq!(events, expected);
    }
}
