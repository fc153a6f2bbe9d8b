//! Charts (SVG): the year calendar of executions, cumulative log rows per mode, and
//! per-delivery open rates against the continuous delivery's running rate. Computed
//! once per simulation; only the clock marker follows playback.

use chrono::{Datelike, Duration, NaiveDate};
use leptos::prelude::*;

use super::app::Ctx;
use super::format;
use super::i18n::{tr, Lang, K};
use super::model::{ModeKey, Sim};
use crate::engine::sim::{downtime, schedulers};

const CELL: f64 = 13.0;
const W: f64 = 720.0;
const H: f64 = 200.0;
const PAD_L: f64 = 48.0;
const PAD_B: f64 = 22.0;

/// What a calendar day shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Day {
    runs: u32,
    caught_up: u32,
    missed: u32,
}

fn calendar_days(sim: &Sim) -> (NaiveDate, Vec<Day>) {
    let cal = sim.cal;
    let first = cal.local_date(cal.horizon_start);
    let n = (cal.local_date(cal.horizon_end - 1) - first)
        .num_days()
        .max(0) as usize
        + 1;
    let mut days = vec![Day::default(); n];
    let idx = |t: i64| (cal.local_date(t) - first).num_days();
    if let Some(o) = sim.outcome(sim.own()) {
        for e in o.executions() {
            if let Some(d) = usize::try_from(idx(e.at))
                .ok()
                .and_then(|i| days.get_mut(i))
            {
                d.runs += 1;
                if e.caught_up {
                    d.caught_up += 1;
                }
            }
        }
    }
    let downtime = downtime(&sim.scenario, &cal);
    let outages = downtime.outages();
    let schedulers = schedulers(&sim.scenario, &cal);
    for s in schedulers
        .iter()
        .flat_map(|sc| sc.planned_slots().iter().copied())
    {
        if outages.iter().any(|(f, t)| *f <= s && s < *t) {
            if let Some(d) = usize::try_from(idx(s)).ok().and_then(|i| days.get_mut(i)) {
                d.missed += 1;
            }
        }
    }
    (first, days)
}

/// Daily samples of (broadLog rows, tracking rows) per column.
fn cumulative(sim: &Sim) -> Vec<(ModeKey, Vec<(usize, usize)>)> {
    let cal = sim.cal;
    let days = ((cal.horizon_end - cal.horizon_start) / 86_400).max(1);
    sim.columns
        .iter()
        .map(|c| {
            let pts = (1..=days)
                .map(|d| {
                    let t = (cal.horizon_start + d * 86_400).min(cal.horizon_end);
                    let s = c.outcome.snapshot(t);
                    (s.broadlog_rows, s.tracking_rows)
                })
                .collect();
            (c.mode, pts)
        })
        .collect()
}

/// Per recurring delivery: (created, open rate ‰); the continuous running rate weekly.
type Rates = (Vec<(i64, u64)>, Vec<(i64, u64)>);

fn rates(sim: &Sim) -> Rates {
    let end = sim.cal.horizon_end;
    let permille =
        |r: crate::engine::out::kpi::Rate| (r.numerator * 1000).checked_div(r.denominator);
    let per = sim
        .columns
        .iter()
        .find(|c| c.mode == ModeKey::Recurring)
        .map(|c| {
            c.outcome
                .deliveries()
                .iter()
                .filter_map(|d| {
                    permille(c.outcome.kpis(Some(d.id), end).open_rate).map(|r| (d.created, r))
                })
                .collect()
        })
        .unwrap_or_default();
    let running = sim
        .columns
        .iter()
        .find(|c| c.mode == ModeKey::Continuous)
        .map(|c| {
            let mut t = sim.cal.horizon_start;
            let mut out = Vec::new();
            while t < end {
                t = (t + 7 * 86_400).min(end);
                if let Some(r) = permille(c.outcome.snapshot(t).kpis.open_rate) {
                    out.push((t, r));
                }
            }
            out
        })
        .unwrap_or_default();
    (per, running)
}

fn x_of(sim: &Sim, t: i64) -> f64 {
    let span = (sim.cal.horizon_end - sim.cal.horizon_start).max(1) as f64;
    PAD_L + (t - sim.cal.horizon_start) as f64 / span * (W - PAD_L - 8.0)
}

fn month_ticks(ctx: Ctx, sim: &Sim, lang: Lang) -> impl IntoView {
    let _ = ctx;
    (1..=12u32)
        .filter_map(|m| {
            let d = NaiveDate::from_ymd_opt(sim.cal.year, m, 1)?.and_hms_opt(0, 0, 0)?;
            let x = x_of(sim, sim.cal.instant(d));
            Some(view! {
                <text x=x + 2.0 y=H - 6.0 class="cs-axis">{format::month(lang, m)}</text>
                <line x1=x x2=x y1=8.0 y2=H - PAD_B class="cs-grid"></line>
            })
        })
        .collect_view()
}

pub fn charts(ctx: Ctx) -> impl IntoView {
    let data = Memo::new(move |_| {
        ctx.sim.with(|s| {
            s.as_ref()
                .map(|s| (calendar_days(s), cumulative(s), rates(s)))
        })
    });
    let now = Memo::new(move |_| ctx.playback.with(|p| p.now()));
    let clock_x = move || {
        ctx.sim
            .with(|s| s.as_ref().map_or(0.0, |s| x_of(s, now.get())))
    };
    view! {
        <section class="cs-charts">
            <h2>{move || ctx.t(K::Charts)}</h2>
            {move || {
                let lang = ctx.lang.get();
                let sim = ctx.sim.get()?;
                let ((first, days), cum, (per, running)) = data.get()?;
                let cal = sim.cal;
                let today = Memo::new(move |_| cal.local_date(now.get()));
                let offset = first.weekday().num_days_from_monday() as usize;
                let total_runs: u32 = days.iter().map(|d| d.runs).sum();
                let caught: u32 = days.iter().map(|d| d.caught_up).sum();
                let missed: u32 = days.iter().map(|d| d.missed).sum();
                let cal_label = format!(
                    "{}: {total_runs} {}, {caught} {}, {missed} {}",
                    tr(lang, K::ChartCalendar),
                    tr(lang, K::Runs),
                    tr(lang, K::CaughtUp),
                    tr(lang, K::Missed)
                );
                let cells = days
                    .iter()
                    .enumerate()
                    .map(|(i, d)| {
                        let slot = i + offset;
                        let (col, row) = (slot / 7, slot % 7);
                        let date = first + Duration::days(i as i64);
                        let class = if d.caught_up > 0 {
                            "cs-day cs-caught"
                        } else if d.missed > 0 {
                            "cs-day cs-missed"
                        } else if d.runs > 0 {
                            "cs-day cs-run"
                        } else {
                            "cs-day"
                        };
                        let title = format!("{} — {} {}", format::date(lang, date), d.runs, tr(lang, K::Runs));
                        let future = move || date > today.get();
                        view! {
                            <rect
                                x=28.0 + col as f64 * CELL
                                y=14.0 + row as f64 * CELL
                                width=CELL - 2.0
                                height=CELL - 2.0
                                rx="2"
                                class=class
                                class:cs-future=future
                            >
                                <title>{title}</title>
                            </rect>
                        }
                    })
                    .collect_view();
                let max_rows = cum
                    .iter()
                    .flat_map(|(_, p)| p.iter().map(|(b, t)| (*b).max(*t)))
                    .max()
                    .unwrap_or(0)
                    .max(1) as f64;
                let y_of = |v: f64, max: f64| 8.0 + (1.0 - v / max) * (H - PAD_B - 8.0);
                let day0 = sim.cal.horizon_start;
                let lines = cum
                    .iter()
                    .flat_map(|(m, pts)| {
                        let path = |pick: fn(&(usize, usize)) -> usize| {
                            pts.iter()
                                .enumerate()
                                .map(|(d, p)| {
                                    let x = x_of(&sim, day0 + (d as i64 + 1) * 86_400);
                                    format!("{}{x:.1},{:.1}", if d == 0 { "M" } else { "L" }, y_of(pick(p) as f64, max_rows))
                                })
                                .collect::<String>()
                        };
                        let class = format!("cs-line cs-{}", m.attr());
                        [
                            view! { <path d=path(|p| p.0) class=class.clone()></path> },
                            view! { <path d=path(|p| p.1) class=format!("{class} cs-dash")></path> },
                        ]
                    })
                    .collect_view();
                let max_rate = per
                    .iter()
                    .chain(running.iter())
                    .map(|p| p.1)
                    .max()
                    .unwrap_or(0)
                    .max(10) as f64;
                let dots = per
                    .iter()
                    .map(|(t, r)| {
                        view! { <circle cx=x_of(&sim, *t) cy=y_of(*r as f64, max_rate) r="3" class="cs-dot"></circle> }
                    })
                    .collect_view();
                let run_path = running
                    .iter()
                    .enumerate()
                    .map(|(i, (t, r))| format!("{}{:.1},{:.1}", if i == 0 { "M" } else { "L" }, x_of(&sim, *t), y_of(*r as f64, max_rate)))
                    .collect::<String>();
                let tracking = sim.scenario.tracking.enabled;
                Some(view! {
                    <figure>
                        <figcaption>{tr(lang, K::ChartCalendar)}</figcaption>
                        <div class="cs-scroll" tabindex="0">
                            <svg class="cs-calendar" viewBox="0 0 730 110" role="img" aria-label=cal_label.clone() data-testid="chart-calendar">
                                {["M", "T", "W", "T", "F", "S", "S"]
                                    .iter()
                                    .enumerate()
                                    .map(|(i, d)| view! { <text x="10" y=24.0 + i as f64 * CELL class="cs-axis">{*d}</text> })
                                    .collect_view()}
                                {cells}
                            </svg>
                        </div>
                        <p class="cs-legend">
                            <span class="cs-key cs-run"></span> {tr(lang, K::LegendRun)}
                            <span class="cs-key cs-caught"></span> {tr(lang, K::CaughtUp)}
                            <span class="cs-key cs-missed"></span> {tr(lang, K::Missed)}
                            <span class="cs-sr">{cal_label}</span>
                        </p>
                    </figure>
                    <figure>
                        <figcaption>{tr(lang, K::ChartRows)}</figcaption>
                        <div class="cs-scroll" tabindex="0">
                            <svg class="cs-chart" viewBox=format!("0 0 {W} {H}") role="img" aria-label=tr(lang, K::ChartRows) data-testid="chart-rows">
                                {month_ticks(ctx, &sim, lang)}
                                <text x="4" y="14" class="cs-axis">{format::int(lang, max_rows as u64)}</text>
                                <text x="4" y=H - PAD_B class="cs-axis">"0"</text>
                                {lines}
                                <line x1=clock_x x2=clock_x y1="4" y2=H - PAD_B class="cs-clockline"></line>
                            </svg>
                        </div>
                        <p class="cs-legend">
                            <span class="cs-key cs-recurring"></span> {tr(lang, K::Recurring)}
                            <span class="cs-key cs-continuous"></span> {tr(lang, K::Continuous)}
                            " — " {tr(lang, K::LegendRows)}
                        </p>
                    </figure>
                    <figure>
                        <figcaption>{tr(lang, K::ChartRates)}</figcaption>
                        {(!tracking).then(|| view! { <p class="cs-hint">{tr(lang, K::TrackingOff)}</p> })}
                        <div class="cs-scroll" tabindex="0" class:cs-hidden=!tracking>
                            <svg class="cs-chart" viewBox=format!("0 0 {W} {H}") role="img" aria-label=tr(lang, K::ChartRates) data-testid="chart-rates">
                                {month_ticks(ctx, &sim, lang)}
                                <text x="4" y="14" class="cs-axis">{format!("{:.1} %", max_rate / 10.0)}</text>
                                <text x="4" y=H - PAD_B class="cs-axis">"0 %"</text>
                                {dots}
                                <path d=run_path class="cs-line cs-continuous"></path>
                                <line x1=clock_x x2=clock_x y1="4" y2=H - PAD_B class="cs-clockline"></line>
                            </svg>
                        </div>
                        <p class="cs-legend">
                            <span class="cs-key cs-recurring"></span> {tr(lang, K::LegendPerDelivery)}
                            <span class="cs-key cs-continuous"></span> {tr(lang, K::LegendRunning)}
                        </p>
                    </figure>
                })
            }}
        </section>
    }
}
