//! Limits instead of crashes: how big a scenario's year will be, estimated before it
//! runs (the text-length caps of the document are `doc::limits`).
//!
//! The estimate is cheap (the scheduler's executions and a pass over the recipient
//! base's creation instants; no query, no send log) and errs on the large side, so
//! a refused scenario would really have needed that much memory. Above
//! [`MAX_BYTES`] the run is refused with a [`ScenarioError`] that names what to
//! reduce, instead of the page running out of memory mid-year.

use super::plan::executions;
use crate::engine::activity::scheduler::Execution;
use crate::engine::activity::tracking::TrackingModel;
use crate::engine::base::population::explicit_created;
use crate::engine::calendar::{Calendar, Instant};
use crate::engine::doc::recipients::unpack_date;
use crate::engine::doc::{Filter, QuerySpec, Scenario, ScenarioError};
use chrono::Datelike;

/// Largest estimated memory of one simulated variant (logs, executions, journal and
/// recipient base). A wasm32 page can address 4 GiB, but a widget embedded in
/// documentation shares the tab with the page; 512 MiB keeps a side-by-side run of
/// two variants under about 1 GiB.
pub const MAX_BYTES: u64 = 512 * 1024 * 1024;

/// Peak bytes per broadLog row, growth included: 9 B stored (recipient u32,
/// execution u32, reason u8) and a `Vec` that doubles its capacity, so up to 18 B
/// held while it grows (measured in Chromium: see `tests/web_determinism.rs`).
pub const BYTES_PER_BROADLOG_ROW: u64 = 18;

/// Peak bytes per tracking row: a 16 B event while the year runs, then 9 B stored
/// by column, both alive while the columns are filled.
pub const BYTES_PER_TRACKING_ROW: u64 = 25;

/// Bytes per execution: its record, its running counters, 2–5 journal entries.
pub const BYTES_PER_EXECUTION: u64 = 320;

/// Bytes per recipient of the base (columns and indexes; explicit emails extra).
pub const BYTES_PER_RECIPIENT: u64 = 96;

/// Size of a scenario's year, estimated before running it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Estimate {
    /// Executions of every workflow (exact: the schedulers' lists).
    pub executions: u64,
    /// The workflow with the most executions (position in the document).
    pub busiest_workflow: usize,
    /// Its executions.
    pub busiest_executions: u64,
    /// Recipients in the base at the end of the year (generated signups: mean +
    /// six standard deviations).
    pub recipients: u64,
    /// Upper bound of the broadLog rows (Σ targeted over executions).
    pub broadlog_rows_upper: u64,
    /// Expected tracking rows if every broadLog row were sent (0 without tracking).
    pub tracking_rows_expected: u64,
    /// Estimated peak memory of one variant, in bytes.
    pub bytes: u64,
}

/// Estimates a validated scenario (an invalid one gives a zero estimate: validation
/// reports it).
pub fn estimate(s: &Scenario) -> Estimate {
    match s.calendar() {
        Ok(cal) => {
            let executions = executions(s, &cal);
            let lists: Vec<&[Execution]> = executions.iter().map(Vec::as_slice).collect();
            estimate_with(s, &cal, &lists, &explicit_created(&s.recipients, &cal))
        }
        Err(_) => Estimate::default(),
    }
}

/// [`estimate`] with the calendar, each workflow's executions (document order) and
/// the explicit recipients' creation instants
/// ([`explicit_created`](crate::engine::base::population::explicit_created))
/// already computed.
pub fn estimate_with(
    s: &Scenario,
    cal: &Calendar,
    executions: &[&[Execution]],
    explicit_created: &[Instant],
) -> Estimate {
    let base = BaseBound::new(s, cal, explicit_created);
    let mut est = Estimate {
        recipients: base.recipients,
        ..Estimate::default()
    };
    for (w, execs) in s.workflows().iter().zip(executions) {
        let n_exec = execs.len() as u64;
        let rows = workflow_rows(w.query, cal, execs, &base, s);
        est.executions = est.executions.saturating_add(n_exec);
        est.broadlog_rows_upper = est.broadlog_rows_upper.saturating_add(rows);
        if n_exec > est.busiest_executions {
            (est.busiest_workflow, est.busiest_executions) = (w.index, n_exec);
        }
    }
    let (n_exec, rows) = (est.executions, est.broadlog_rows_upper);
    let tracking = tracking_rows(s, rows);
    let explicit_email_bytes = s.recipients.email_text().0.len() as u64;
    est.tracking_rows_expected = tracking;
    est.bytes = rows
        .saturating_mul(BYTES_PER_BROADLOG_ROW)
        .saturating_add(tracking.saturating_mul(BYTES_PER_TRACKING_ROW))
        .saturating_add(n_exec.saturating_mul(BYTES_PER_EXECUTION))
        .saturating_add(base.recipients.saturating_mul(BYTES_PER_RECIPIENT))
        .saturating_add(explicit_email_bytes);
    est
}

/// The recipient base over the year, at most: how many recipients it holds at an
/// instant ([`BaseBound::at`], an upper bound of what a non-incremental "all" query
/// returns), at the end, and how many generated ones have a birthday.
struct BaseBound {
    /// The explicit recipients' creation instants, sorted (absent = always in the
    /// base: `population::ALWAYS`, the smallest instant).
    sorted_explicit: Vec<Instant>,
    /// Generated recipients already in the base at the start of the year.
    gen_initial: u64,
    /// Generated signups over the year, at most (mean + 6 σ).
    gen_signups: u64,
    /// Largest mean of one day's signups (weekly rhythm included).
    peak_day: f64,
    horizon_start: Instant,
    /// The horizon's length in seconds (at least 1).
    horizon: f64,
    /// Recipients at the end of the year, at most.
    recipients: u64,
    /// Generated recipients with a known birthday, at most.
    generated_known: u64,
}

impl BaseBound {
    fn new(s: &Scenario, cal: &Calendar, explicit_created: &[Instant]) -> BaseBound {
        let horizon = (cal.horizon_end - cal.horizon_start).max(1) as f64;
        let peak_day = s.population.as_ref().map_or(0.0, |p| {
            let sum: f64 = p.weekly_rhythm.iter().sum();
            let max = p.weekly_rhythm.iter().copied().fold(0.0, f64::max);
            if sum > 0.0 {
                p.signups_per_day.max(0.0) * max * 7.0 / sum
            } else {
                0.0
            }
        });
        let (gen_initial, gen_signups) = match &s.population {
            Some(p) => {
                let mean = p.signups_per_day.max(0.0) * f64::from(days_in_year(cal.year));
                // Poisson-like daily draws: mean + 6 σ is never exceeded in practice.
                let upper = if mean > 0.0 {
                    (mean + 6.0 * mean.sqrt() + 7.0).ceil() as u64
                } else {
                    0
                };
                (p.size, upper)
            }
            None => (0, 0),
        };
        let generated = if s.population.is_some() {
            gen_initial.saturating_add(gen_signups)
        } else {
            0
        };
        let birthday_known = s.population.as_ref().map_or(0.0, |p| p.birthday_known);
        let mut sorted_explicit: Vec<Instant> = explicit_created.to_vec();
        sorted_explicit.sort_unstable();
        BaseBound {
            sorted_explicit,
            gen_initial,
            gen_signups,
            peak_day,
            horizon_start: cal.horizon_start,
            horizon,
            recipients: (s.recipients.len() as u64).saturating_add(generated),
            generated_known: (generated as f64 * birthday_known.clamp(0.0, 1.0)).ceil() as u64,
        }
    }

    /// The base at `at`, at most. Signups are spread over the year.
    fn at(&self, at: Instant) -> u64 {
        let explicit = self.sorted_explicit.partition_point(|c| *c <= at) as u64;
        // Signups so far: the mean to date plus 6 σ, plus a week at the busiest
        // day's rate for the weekly rhythm (found by fuzzing: prorating the
        // year's bound undercounts early in the year).
        let elapsed = ((at - self.horizon_start) as f64 / self.horizon).clamp(0.0, 1.0);
        let mean = self.gen_signups as f64 * elapsed;
        let signed_up = if self.gen_signups == 0 {
            0
        } else {
            (mean + 6.0 * mean.sqrt() + 7.0 * self.peak_day + 7.0).ceil() as u64
        };
        explicit + self.gen_initial + signed_up.min(self.gen_signups)
    }
}

/// Expected tracking rows if every one of `rows` broadLog rows were sent (0 without
/// tracking).
fn tracking_rows(s: &Scenario, rows: u64) -> u64 {
    match TrackingModel::of(&s.tracking) {
        Some(m) => {
            let reopen: f64 = (1..=5).map(|k| m.reopen_rate.powi(k)).sum();
            let more_clicks: f64 = (1..=3).map(|k| 0.3f64.powi(k)).sum();
            let per_open =
                1.0 + reopen + m.mirror_rate + m.click_rate * (1.0 + more_clicks) + m.optout_rate;
            let per_sent = (m.open_rate * per_open).clamp(0.0, 12.0);
            (rows as f64 * per_sent).ceil() as u64
        }
        None => 0,
    }
}

/// Upper bound of one workflow's broadLog rows: Σ over its executions of what its
/// query can return.
fn workflow_rows(
    q: &QuerySpec,
    cal: &Calendar,
    execs: &[Execution],
    base: &BaseBound,
    s: &Scenario,
) -> u64 {
    let n_exec = execs.len() as u64;
    let base_sum = execs
        .iter()
        .fold(0u64, |sum, e| sum.saturating_add(base.at(e.at)));
    let mut rows = match q.filter {
        Filter::All => base_sum,
        Filter::Birthday => birthday_rows(cal, execs, s, base.generated_known).min(base_sum),
    };
    if q.incremental {
        // Each recipient at most once per history period (once if forever).
        let per_recipient = if q.history_days <= 0 {
            1
        } else {
            (f64::from(days_in_year(cal.year)) / q.history_days as f64).ceil() as u64 + 1
        };
        rows = rows.min(base.recipients.saturating_mul(per_recipient.min(n_exec)));
    }
    rows
}

/// Upper bound of a birthday query's rows: a recipient is returned only on its day.
fn birthday_rows(cal: &Calendar, execs: &[Execution], s: &Scenario, generated_known: u64) -> u64 {
    // Executions per local date, indexed by month × 32 + day.
    let mut per_date = [0u64; 13 * 32];
    let on = |per_date: &[u64; 13 * 32], m: u32, d: u32| {
        per_date.get((m * 32 + d) as usize).copied().unwrap_or(0)
    };
    for e in execs {
        let d = cal.local_date(e.at);
        if let Some(k) = per_date.get_mut((d.month() * 32 + d.day()) as usize) {
            *k += 1;
        }
    }
    let busiest = per_date.iter().copied().max().unwrap_or(0);
    let mut sum: u64 = 0;
    for &packed in s.recipients.birthdays() {
        if let Some(b) = unpack_date(packed) {
            let mut k = on(&per_date, b.month(), b.day());
            if (b.month(), b.day()) == (2, 29) {
                // Read on 28 February or 1 March in a non-leap year.
                k += on(&per_date, 2, 28);
                k += on(&per_date, 3, 1);
            }
            sum = sum.saturating_add(k);
        }
    }
    sum.saturating_add(generated_known.saturating_mul(busiest))
}

fn days_in_year(year: i32) -> u32 {
    if chrono::NaiveDate::from_ymd_opt(year, 2, 29).is_some() {
        366
    } else {
        365
    }
}

/// Refuses a scenario whose estimate is above [`MAX_BYTES`] per variant (`variants`
/// run side by side share the page). The error's path names the part to reduce:
/// the scheduler when it runs more often than every 6 hours, else the population.
pub fn check(s: &Scenario, est: &Estimate, variants: usize) -> Result<(), ScenarioError> {
    let total = est.bytes.saturating_mul(variants.max(1) as u64);
    if total <= MAX_BYTES {
        return Ok(());
    }
    let frequent = est.busiest_executions > 4 * 366;
    let path = if frequent {
        s.workflows()
            .get(est.busiest_workflow)
            .map_or_else(|| "workflow".to_string(), |w| w.path.to_string())
            + ".scheduler"
    } else if s.population.is_some() {
        "population.size".to_string()
    } else {
        "recipients".to_string()
    };
    let what = if frequent {
        "run the scheduler less often"
    } else if s.population.is_some() {
        "reduce population.size or population.signups_per_day"
    } else {
        "use fewer recipients"
    };
    let tracking = if est.tracking_rows_expected > 0 {
        format!(
            " and about {} tracking rows",
            thousands(est.tracking_rows_expected)
        )
    } else {
        String::new()
    };
    let sides = if variants > 1 {
        format!(" ({variants} variants side by side)")
    } else {
        String::new()
    };
    Err(ScenarioError {
        path,
        reason: format!(
            "too large to simulate in the page: {} executions × up to {} recipients could write \
             {} broadLog rows{tracking}, about {} MB{sides}, over the {} MB limit; {what}, or \
             use an incremental query",
            thousands(est.executions),
            thousands(est.recipients),
            thousands(est.broadlog_rows_upper),
            total.div_ceil(1_000_000),
            MAX_BYTES / 1_000_000,
        ),
    })
}

/// `12345678` → `12,345,678`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_groups_digits() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(12_345_678), "12,345,678");
    }
}
