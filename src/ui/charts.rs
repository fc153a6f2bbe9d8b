//! Charts (SVG): the year calendar of executions, cumulative log rows per mode, and
//! per-delivery open rates against the continuous delivery's running rate. Computed
//! once per simulation; only the clock marker follows playback.

use chrono::{Datelike, Duration, NaiveDate};
use leptos::prelude::*;

use super::app::jump;
use super::app::Ctx;
use super::format;
use super::i18n::{count, fill, tr, Lang, K};
use super::model::{ModeKey, Sim};
use super::nav;
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
    /// Runs whose query returned somebody (the delivery ran and logged rows).
    sent: u32,
    caught_up: u32,
    missed: u32,
}

impl Day {
    /// The calendar's colour class: a late run, a missed slot, a run that reached the
    /// delivery, a run that targeted nobody, or nothing.
    fn class(&self) -> &'static str {
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
                if e.delivery.is_some() {
                    d.sent += 1;
                }
                if e.caught_up {
                    d.caught_up += 1;
                }
            }
        }
    }
    // Which slots an outage made the scheduler miss is the Scheduler's rule.
    let downtime = downtime(&sim.scenario, &cal);
    for s in schedulers(&sim.scenario, &cal)
        .iter()
        .flat_map(|sc| sc.missed_slots(&downtime))
    {
        if let Some(d) = usize::try_from(idx(s)).ok().and_then(|i| days.get_mut(i)) {
            d.missed += 1;
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

/// Per recurring delivery: (created, open rate ‰, its first execution, its messages
/// sent); the continuous running rate weekly: (instant, rate ‰, messages sent so far).
type Rates = (Vec<(i64, u64, usize, u64)>, Vec<(i64, u64, u64)>);

fn rates(sim: &Sim) -> Rates {
    // Without tracking there is no open to rate (the chart says so instead).
    if !sim.scenario.tracking.enabled {
        return (Vec::new(), Vec::new());
    }
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
                    let k = c.outcome.kpis(Some(d.id), end);
                    permille(k.open_rate).map(|r| {
                        (
                            d.created,
                            r,
                            d.first_execution as usize,
                            k.open_rate.denominator,
                        )
                    })
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
                let rate = c.outcome.snapshot(t).kpis.open_rate;
                if let Some(r) = permille(rate) {
                    out.push((t, r, rate.denominator));
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
            <p class="cs-hint">{move || ctx.t(K::JumpHint)}</p>
            {move || {
                let lang = ctx.lang.get();
                let sim = ctx.sim.get()?;
                let ((first, days), cum, (per, running)) = data.get()?;
                let cal = sim.cal;
                let today = Memo::new(move |_| cal.local_date(now.get()));
                let offset = first.weekday().num_days_from_monday() as usize;
                let sum = |f: fn(&Day) -> u32| days.iter().map(f).sum::<u32>();
                let (total_runs, sent, caught, missed) =
                    (sum(|d| d.runs), sum(|d| d.sent), sum(|d| d.caught_up), sum(|d| d.missed));
                let n = |v: u32| format::int(lang, u64::from(v));
                let cal_caption = fill(
                    tr(lang, K::CalendarCaption),
                    &[
                        ("runs", &count(lang, u64::from(total_runs), K::ExecutionOne, K::ExecutionMany)),
                        ("sent", &n(sent)),
                        ("nobody", &n(total_runs - sent)),
                        ("caught", &n(caught)),
                        ("missed", &count(lang, u64::from(missed), K::SlotOne, K::SlotMany)),
                    ],
                );
                let cells = days
                    .iter()
                    .enumerate()
                    .map(|(i, d)| {
                        let slot = i + offset;
                        let (col, row) = (slot / 7, slot % 7);
                        let date = first + Duration::days(i as i64);
                        let title = format!(
                            "{} — {}",
                            format::date(lang, date),
                            count(lang, u64::from(d.runs), K::ExecutionOne, K::ExecutionMany)
                        );
                        let future = move || date > today.get();
                        view! {
                            <rect
                                x=28.0 + col as f64 * CELL
                                y=14.0 + row as f64 * CELL
                                width=CELL - 2.0
                                height=CELL - 2.0
                                rx="2"
                                class=d.class()
                                class:cs-future=future
                                data-testid="calendar-day"
                                data-date=date.format("%Y-%m-%d").to_string()
                                on:click=move |_| jump(ctx, move |o| nav::on_date(o, date), |_| {})
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
                let rows_caption = rows_caption(lang, &cum);
                // A click on the rows chart goes to the execution at or before that day.
                let span = (sim.cal.horizon_end - sim.cal.horizon_start) as f64;
                let start = sim.cal.horizon_start;
                let on_rows = move |ev: leptos::ev::MouseEvent| {
                    let Some(svg) = ev.current_target().and_then(|t| {
                        wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok()
                    }) else {
                        return;
                    };
                    let r = svg.get_bounding_client_rect();
                    let vx = (f64::from(ev.client_x()) - r.left()) / r.width().max(1.0) * W;
                    let frac = ((vx - PAD_L) / (W - PAD_L - 8.0)).clamp(0.0, 1.0);
                    let t = start + (frac * span) as i64;
                    jump(ctx, move |o| nav::at_or_before(o, t), |_| {});
                };
                let max_rate = per
                    .iter()
                    .map(|p| p.1)
                    .chain(running.iter().map(|p| p.1))
                    .max()
                    .unwrap_or(0)
                    .max(10) as f64;
                let dots = per
                    .iter()
                    .map(|&(t, r, e, _)| {
                        view! {
                            <circle
                                cx=x_of(&sim, t)
                                cy=y_of(r as f64, max_rate)
                                r="4"
                                class="cs-dot"
                                data-testid="chart-point"
                                data-execution=e.to_string()
                                on:click=move |_| jump(ctx, move |_| Some(e), |_| {})
                            >
                                <title>{format!("{} — {}", format::date_time(lang, cal.local(t)), format::pct(lang, r, 1000))}</title>
                            </circle>
                        }
                    })
                    .collect_view();
                let run_path = running
                    .iter()
                    .enumerate()
                    .map(|(i, (t, r, _))| format!("{}{:.1},{:.1}", if i == 0 { "M" } else { "L" }, x_of(&sim, *t), y_of(*r as f64, max_rate)))
                    .collect::<String>();
                let tracking = sim.scenario.tracking.enabled;
                let rates_caption = rates_caption(lang, tracking, &per, &running);
                Some(view! {
                    <figure>
                        <figcaption>{tr(lang, K::ChartCalendar)}</figcaption>
                        <p class="cs-caption" data-testid="calendar-caption">{cal_caption.clone()}</p>
                        <div class="cs-scroll" tabindex="0">
                            <svg class="cs-calendar" viewBox="0 0 730 110" role="group" aria-label=cal_caption.clone() data-testid="chart-calendar">
                                {["M", "T", "W", "T", "F", "S", "S"]
                                    .iter()
                                    .enumerate()
                                    .map(|(i, d)| view! { <text x="10" y=24.0 + i as f64 * CELL class="cs-axis" aria-hidden="true">{*d}</text> })
                                    .collect_view()}
                                {cells}
                            </svg>
                        </div>
                        <p class="cs-legend">
                            <span class="cs-key cs-run"></span> {tr(lang, K::LegendRun)}
                            <span class="cs-key cs-nobody"></span> {tr(lang, K::LegendNobody)}
                            <span class="cs-key cs-caught"></span> {tr(lang, K::CaughtUp)}
                            <span class="cs-key cs-missed"></span> {tr(lang, K::Missed)}
                        </p>
                    </figure>
                    <figure>
                        <figcaption>{tr(lang, K::ChartRows)}</figcaption>
                        <p class="cs-caption" data-testid="rows-caption">{rows_caption}</p>
                        <div class="cs-scroll" tabindex="0">
                            <svg class="cs-chart cs-clickable" viewBox=format!("0 0 {W} {H}") role="img" aria-label=tr(lang, K::ChartRows) data-testid="chart-rows" on:click=on_rows>
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
                        <p class="cs-caption" data-testid="rates-caption">{rates_caption}</p>
                        <div class="cs-scroll" tabindex="0" class:cs-hidden=!tracking>
                            <svg class="cs-chart" viewBox=format!("0 0 {W} {H}") role="group" aria-label=tr(lang, K::ChartRates) data-testid="chart-rates">
                                {month_ticks(ctx, &sim, lang)}
                                <text x="4" y="14" class="cs-axis">{format::pct(lang, max_rate as u64, 1000)}</text>
                                <text x="4" y=H - PAD_B class="cs-axis">{format::pct(lang, 0, 1)}</text>
                                {dots}
                                <path d=run_path class="cs-line cs-continuous"></path>
                                <line x1=clock_x x2=clock_x y1="4" y2=H - PAD_B class="cs-clockline"></line>
                            </svg>
                        </div>
                        <p class="cs-legend" class:cs-hidden=!tracking>
                            <span class="cs-key cs-recurring"></span> {tr(lang, K::LegendPerDelivery)}
                            <span class="cs-key cs-continuous"></span> {tr(lang, K::LegendRunning)}
                        </p>
                    </figure>
                })
            }}
        </section>
    }
}

/// The rows chart's sentence: what each mode wrote by the end of the year, and why the
/// lines overlap when they do (same people, same sends: the same rows, only grouped
/// differently).
fn rows_caption(lang: Lang, cum: &[(ModeKey, Vec<(usize, usize)>)]) -> String {
    let last = |m: ModeKey| {
        cum.iter()
            .find(|(k, _)| *k == m)
            .and_then(|(_, p)| p.last().copied())
            .unwrap_or((0, 0))
    };
    let (rec, con) = (last(ModeKey::Recurring), last(ModeKey::Continuous));
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

/// The rates chart's sentence: why a recurring instance's rate scatters while the
/// continuous rate is one line (each dot's denominator is one execution's messages,
/// the line's grows all year).
fn rates_caption(
    lang: Lang,
    tracking: bool,
    per: &[(i64, u64, usize, u64)],
    running: &[(i64, u64, u64)],
) -> String {
    if !tracking {
        return tr(lang, K::RatesOff).to_string();
    }
    let Some(&(_, _, sent_max)) = running.last() else {
        return tr(lang, K::RatesNone).to_string();
    };
    let per_min = per.iter().map(|p| p.3).min().unwrap_or(0);
    let per_max = per.iter().map(|p| p.3).max().unwrap_or(0);
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
