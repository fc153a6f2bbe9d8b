//! Charts (SVG): the year calendar of executions, cumulative log rows per mode, and
//! per-delivery open rates against the continuous delivery's running rate. Each point
//! is a way to its execution.

use std::sync::Arc;

use chrono::NaiveDate;
use leptos::prelude::*;

use super::heading::Heading;
use super::landing::click_of;

use crate::ui::derived::charts::{day_class, day_title, CalendarModel, RatesSeries, RowsSeries};
use crate::ui::format;
use crate::ui::handles::{Clock, Locale, Nav, Run};
use crate::ui::i18n::{tr, Lang, K};
use crate::ui::model::Sim;
use crate::ui::nav;
use crate::ui::state::landing::Landed;

const CELL: f64 = 13.0;
const W: f64 = 720.0;
const H: f64 = 200.0;
const PAD_L: f64 = 48.0;
const PAD_B: f64 = 22.0;

fn x_of(sim: &Sim, t: i64) -> f64 {
    let span = (sim.cal.horizon_end - sim.cal.horizon_start).max(1) as f64;
    PAD_L + (t - sim.cal.horizon_start) as f64 / span * (W - PAD_L - 8.0)
}

fn y_of(v: f64, max: f64) -> f64 {
    8.0 + (1.0 - v / max) * (H - PAD_B - 8.0)
}

#[component]
pub fn Charts() -> impl IntoView {
    let locale = expect_context::<Locale>();
    let run = expect_context::<Run>();
    view! {
        <section class="cs-charts" data-section="charts" tabindex="-1">
            <Heading depth=1 text=locale.sig(K::Charts) />
            <p class="cs-hint">{locale.text(K::JumpHint)}</p>
            // Drawn again for each year and each language (the charts read both once).
            {move || {
                locale.get();
                run.sim().map(|sim| view! {
                    <CalendarChart sim=sim.clone() />
                    <RowsChart sim=sim.clone() />
                    <RatesChart sim />
                })
            }}
        </section>
    }
}

/// The clock's vertical line over a chart.
#[component]
fn ClockLine(sim: Arc<Sim>) -> impl IntoView {
    let clock = expect_context::<Clock>();
    let x = Memo::new(move |_| x_of(&sim, clock.now()));
    view! { <line x1=x x2=x y1="4" y2=H - PAD_B class="cs-clockline"></line> }
}

/// The months along the x axis, with their grid lines.
#[component]
fn MonthTicks(sim: Arc<Sim>) -> impl IntoView {
    let locale = expect_context::<Locale>();
    let lang = locale.get_untracked();
    (1..=12u32)
        .filter_map(|m| {
            let d = NaiveDate::from_ymd_opt(sim.cal.year, m, 1)?.and_hms_opt(0, 0, 0)?;
            let x = x_of(&sim, sim.cal.instant(d));
            Some(view! {
                <text x=x + 2.0 y=H - 6.0 class="cs-axis">{format::month(lang, m)}</text>
                <line x1=x x2=x y1=8.0 y2=H - PAD_B class="cs-grid"></line>
            })
        })
        .collect_view()
}

#[component]
fn CalendarChart(sim: Arc<Sim>) -> impl IntoView {
    let locale = expect_context::<Locale>();
    let clock = expect_context::<Clock>();
    let nav = expect_context::<Nav>();
    let lang = locale.get_untracked();
    let cal = sim.cal;
    let model = CalendarModel::of(&sim);
    let caption = model.caption(lang);
    let today = Memo::new(move |_| cal.local_date(clock.now()));
    let cells = model
        .days
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let slot = i + model.offset;
            let (col, row) = (slot / 7, slot % 7);
            let date = d.day.date;
            let title = day_title(d, lang);
            let future = move || date > today.get();
            view! {
                <rect
                    x=28.0 + col as f64 * CELL
                    y=14.0 + row as f64 * CELL
                    width=CELL - 2.0
                    height=CELL - 2.0
                    rx="2"
                    class=day_class(d)
                    class:cs-future=future
                    data-testid="calendar-day"
                    data-date=date.format("%Y-%m-%d").to_string()
                    on:click=move |ev| nav.jump_at(click_of(&ev), Some(Landed::Day(date)), move |o| nav::on_date(o, date), |_| {})
                >
                    <title>{title}</title>
                </rect>
            }
        })
        .collect_view();
    view! {
        <figure>
            <figcaption>{tr(lang, K::ChartCalendar)}</figcaption>
            <p class="cs-caption" data-testid="calendar-caption">{caption.clone()}</p>
            <div class="cs-scroll" tabindex="0" data-landing-anchor>
                <svg class="cs-calendar" viewBox="0 0 730 110" role="group" aria-label=caption data-testid="chart-calendar">
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
                <span class="cs-key"></span> {tr(lang, K::LegendNoSlot)}
                <span class="cs-key cs-caught"></span> {tr(lang, K::CaughtUp)}
                <span class="cs-key cs-missed"></span> {tr(lang, K::Missed)}
                <span class="cs-key cs-dst"></span> {tr(lang, K::LegendDst)}
                <span class="cs-key cs-future"></span> {tr(lang, K::LegendFuture)}
            </p>
        </figure>
    }
}

#[component]
fn RowsChart(sim: Arc<Sim>) -> impl IntoView {
    let locale = expect_context::<Locale>();
    let nav = expect_context::<Nav>();
    let lang = locale.get_untracked();
    let series = RowsSeries::of(&sim);
    let max = series.max() as f64;
    let lines = series
        .per_mode
        .iter()
        .flat_map(|(m, pts)| {
            let path = |pick: fn(&(i64, usize, usize)) -> usize| {
                pts.iter()
                    .enumerate()
                    .map(|(d, p)| {
                        let x = x_of(&sim, p.0);
                        format!(
                            "{}{x:.1},{:.1}",
                            if d == 0 { "M" } else { "L" },
                            y_of(pick(p) as f64, max)
                        )
                    })
                    .collect::<String>()
            };
            let class = format!("cs-line cs-{}", m.name());
            [
                view! { <path d=path(|p| p.1) class=class.clone()></path> },
                view! { <path d=path(|p| p.2) class=format!("{class} cs-dash")></path> },
            ]
        })
        .collect_view();
    // A click on the chart goes to the execution at or before that day.
    let (start, span) = (
        sim.cal.horizon_start,
        (sim.cal.horizon_end - sim.cal.horizon_start) as f64,
    );
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some(svg) = ev
            .current_target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
        else {
            return;
        };
        let r = svg.get_bounding_client_rect();
        let vx = (f64::from(ev.client_x()) - r.left()) / r.width().max(1.0) * W;
        let frac = ((vx - PAD_L) / (W - PAD_L - 8.0)).clamp(0.0, 1.0);
        let t = start + (frac * span) as i64;
        nav.jump_at(
            click_of(&ev),
            None,
            move |o| nav::at_or_before(o, t),
            |_| {},
        );
    };
    view! {
        <figure>
            <figcaption>{tr(lang, K::ChartRows)}</figcaption>
            <p class="cs-caption" data-testid="rows-caption">{series.caption(lang)}</p>
            <div class="cs-scroll" tabindex="0" data-landing-anchor>
                <svg class="cs-chart cs-clickable" viewBox=format!("0 0 {W} {H}") role="img" aria-label=tr(lang, K::ChartRows) data-testid="chart-rows" on:click=on_click>
                    <MonthTicks sim=sim.clone() />
                    <text x="4" y="14" class="cs-axis">{format::int(lang, max as u64)}</text>
                    <text x="4" y=H - PAD_B class="cs-axis">"0"</text>
                    {lines}
                    <ClockLine sim />
                </svg>
            </div>
            <p class="cs-legend">
                <span class="cs-key cs-recurring"></span> {tr(lang, K::Recurring)}
                <span class="cs-key cs-continuous"></span> {tr(lang, K::Continuous)}
                " — " {tr(lang, K::LegendRows)}
            </p>
        </figure>
    }
}

#[component]
fn RatesChart(sim: Arc<Sim>) -> impl IntoView {
    let locale = expect_context::<Locale>();
    let nav = expect_context::<Nav>();
    let lang: Lang = locale.get_untracked();
    let cal = sim.cal;
    let tracking = sim.tracking();
    let series = RatesSeries::of(&sim);
    let max = series.max() as f64;
    let dots = series
        .per
        .iter()
        .map(|p| {
            let e = p.execution;
            view! {
                <circle
                    cx=x_of(&sim, p.created)
                    cy=y_of(p.permille as f64, max)
                    r="4"
                    class="cs-dot"
                    data-testid="chart-point"
                    data-execution=e.to_string()
                    on:click=move |ev| nav.jump_at(click_of(&ev), None, move |_| Some(e), |_| {})
                >
                    <title>{format!("{} — {}", format::date_time(lang, cal.local(p.created)), format::pct(lang, p.permille, 1000))}</title>
                </circle>
            }
        })
        .collect_view();
    let run_path = series
        .running
        .iter()
        .enumerate()
        .map(|(i, (t, r, _))| {
            format!(
                "{}{:.1},{:.1}",
                if i == 0 { "M" } else { "L" },
                x_of(&sim, *t),
                y_of(*r as f64, max)
            )
        })
        .collect::<String>();
    view! {
        <figure>
            <figcaption>{tr(lang, K::ChartRates)}</figcaption>
            <p class="cs-caption" data-testid="rates-caption">{series.caption(lang, tracking)}</p>
            <div class="cs-scroll" tabindex="0" data-landing-anchor class:cs-hidden=!tracking>
                <svg class="cs-chart" viewBox=format!("0 0 {W} {H}") role="group" aria-label=tr(lang, K::ChartRates) data-testid="chart-rates">
                    <MonthTicks sim=sim.clone() />
                    <text x="4" y="14" class="cs-axis">{format::pct(lang, max as u64, 1000)}</text>
                    <text x="4" y=H - PAD_B class="cs-axis">{format::pct(lang, 0, 1)}</text>
                    {dots}
                    <path d=run_path class="cs-line cs-continuous"></path>
                    <ClockLine sim />
                </svg>
            </div>
            <p class="cs-legend" class:cs-hidden=!tracking>
                <span class="cs-key cs-recurring"></span> {tr(lang, K::LegendPerDelivery)}
                <span class="cs-key cs-continuous"></span> {tr(lang, K::LegendRunning)}
            </p>
        </figure>
    }
}
