//! The page: header, controls, side-by-side columns, and the panels below.
//! Components only wire the instance's signals ([`Ctx`]) to views of engine output.

use std::sync::Arc;

use gloo_timers::callback::{Interval, Timeout};
use leptos::prelude::*;

use super::app::Ctx;
use super::format;
use super::i18n::{code, tr, Lang, K};
use super::model::{ModeKey, Pending, Sim};
use super::playback::{Playback, Speed};
use super::presets::{preset, PRESETS};
use crate::embed_config::View;
use crate::engine::out::logs::{BroadLog, TrackingColumns};
use crate::engine::out::outcome::Snapshot;

/// Real milliseconds between two playback ticks.
const TICK_MS: u32 = 100;

/// The whole instance.
pub fn app(ctx: Ctx) -> impl IntoView {
    simulate_on_change(ctx);
    drive_playback(ctx);
    #[cfg(feature = "full")]
    if ctx.persist {
        super::persist::sync(ctx);
    }
    super::lessons::provide(ctx);
    let class = if ctx.compact { "cs cs-compact" } else { "cs" };
    // Which panels the embed's `view` asks for (the full page shows them all).
    let shows = |panels: &[View]| ctx.view == View::Full || panels.contains(&ctx.view);
    let config_errors = ctx.config_errors.get_value();
    // No landmarks inside an instance (no <header>, no named <section>): a widget sits
    // in the host page's landmarks, and two widgets on one page would bring duplicate
    // banners and regions (axe landmark-unique, landmark-no-duplicate-banner). Panels are
    // sections with headings; the standalone page puts the instance in its <main>.
    view! {
        <div class=class lang=move || code(ctx.lang.get()) data-view=ctx.view.name()>
            // A wrong embed configuration is said inside the widget (it still runs
            // with defaults for what was wrong).
            {(!config_errors.is_empty()).then(|| view! {
                <div class="cs-config-errors" role="alert">
                    {config_errors.into_iter().map(|e| view! {
                        <p data-testid="error">{e.to_string()}</p>
                    }).collect_view()}
                </div>
            })}
            {header(ctx)}
            // The open lesson, above the view (sticky, so Next stays at hand).
            {super::lessons::panel(ctx)}
            {controls(ctx)}
            {shows(&[View::Compare]).then(|| compare(ctx))}
            {shows(&[View::Workflow]).then(|| super::canvas::workflow(ctx))}
            {shows(&[View::Logs]).then(|| super::explorer::explorer(ctx))}
            {shows(&[]).then(|| full_page::resources(ctx))}
            {shows(&[View::Logs]).then(|| super::trace::trace(ctx))}
            {shows(&[]).then(|| full_page::charts(ctx))}
            <Show when=move || !ctx.read_only && ctx.view == View::Full>
                {full_page::scenario_panel(ctx)}
            </Show>
        </div>
    }
}

/// Re-simulates whenever the draft becomes a valid scenario (at once for a whole new
/// document, after typing pauses for an edit); playback then only reads the stored
/// outcome. The engine is stepped in short timer turns, so the page paints its progress
/// in between. When the outcome of the newest draft is on screen (or none will come),
/// the actions that waited for it are applied (`app::settle`).
fn simulate_on_change(ctx: Ctx) {
    let timer: StoredValue<Option<Timeout>, LocalStorage> = StoredValue::new_local(None);
    let work: StoredValue<Option<Pending>, LocalStorage> = StoredValue::new_local(None);
    let status = SimStatus {
        progress: RwSignal::new(None),
        errors: RwSignal::new(Vec::new()),
        ms: RwSignal::new(None),
    };
    provide_context(status);
    Effect::new(move |prev: Option<()>| {
        let draft = ctx.draft.get();
        let compared = ctx.compared.get();
        let (generation, immediate) = ctx.change.get_value();
        if !ctx.errors.with(|e| e.is_empty()) || ctx.raw_error.with(|e| e.is_some()) {
            // Drop a simulation of an older draft that is still running: no outcome
            // will come, so waiting actions apply to what is on screen.
            timer.set_value(None);
            work.set_value(None);
            status.progress.set(None);
            super::app::settle(ctx, None);
            return;
        }
        let first = prev.is_none();
        status.progress.set(Some((0, 1)));
        // A whole document (page load, preset, import, embed API) runs at once; an
        // edit waits for typing to pause.
        let delay = if first || immediate { 0 } else { 250 };
        let start = move || {
            let t0 = js_sys::Date::now();
            match Pending::new(draft, compared) {
                Ok(p) => {
                    status.errors.set(Vec::new());
                    status.progress.set(Some(p.progress()));
                    work.set_value(Some(p));
                    timer.set_value(Some(Timeout::new(0, move || {
                        advance(ctx, work, timer, status, (first, generation), t0)
                    })));
                }
                Err(e) => {
                    // The engine refused (e.g. the year would not fit in memory).
                    work.set_value(None);
                    status.errors.set(e);
                    status.progress.set(None);
                    super::app::settle(ctx, Some(generation));
                }
            }
        };
        timer.set_value(Some(Timeout::new(delay, start)));
    });
}

/// Real milliseconds the engine may work in one timer turn before the page paints.
const TURN_MS: f64 = 30.0;

/// Simulates for one short turn; when the year is done in every mode, shows it and
/// applies the actions that waited for it.
fn advance(
    ctx: Ctx,
    work: StoredValue<Option<Pending>, LocalStorage>,
    timer: StoredValue<Option<Timeout>, LocalStorage>,
    status: SimStatus,
    (first, generation): (bool, u64),
    t0: f64,
) {
    let turn = js_sys::Date::now();
    let more = work.try_update_value(|w| {
        w.as_mut().map(|p| {
            // A few executions at a time, until the turn's time is spent.
            let mut more = p.step(8);
            while more && js_sys::Date::now() - turn < TURN_MS {
                more = p.step(8);
            }
            (more, p.progress())
        })
    });
    match more.flatten() {
        None => {}
        Some((true, progress)) => {
            status.progress.set(Some(progress));
            timer.set_value(Some(Timeout::new(0, move || {
                advance(ctx, work, timer, status, (first, generation), t0)
            })));
        }
        Some((false, _)) => {
            let Some(sim) = work
                .try_update_value(|w| w.take())
                .flatten()
                .map(Pending::finish)
            else {
                return;
            };
            show(ctx, sim, first);
            status.ms.set(Some(js_sys::Date::now() - t0));
            status.progress.set(None);
            super::app::settle(ctx, Some(generation));
        }
    }
}

/// Puts a finished simulation on screen, keeping the clock where it was.
fn show(ctx: Ctx, sim: Sim, first: bool) {
    let keep = ctx.sim.with_untracked(|s| s.is_some());
    let pb = ctx.playback.get_untracked();
    let mut next = Playback::new(sim.cal.horizon_start, sim.cal.horizon_end, sim.marks());
    next.set_speed(pb.speed());
    if keep {
        next.scrub(pb.now());
    }
    // What pointed into the previous year is stale in this one: the execution in
    // focus, the log filters, a delivery or recipient that no longer exists.
    ctx.execution.set(None);
    ctx.trace_execution.set(None);
    ctx.filters.set(super::app::LogFilters::default());
    if ctx
        .workflow
        .get_untracked()
        .is_some_and(|w| w >= sim.scenario.workflows().len())
    {
        ctx.workflow.set(None);
    }
    let deliveries = |c: usize| sim.outcome(c).map_or(0, |o| o.deliveries().len() as u64);
    if ctx
        .selected
        .get_untracked()
        .is_some_and(|(c, d)| d == 0 || d > deliveries(c))
    {
        ctx.selected.set(None);
    }
    if ctx.recipient.get_untracked().is_some_and(|id| {
        sim.outcome(0)
            .is_none_or(|o| o.recipients().index_of(id).is_none())
    }) {
        ctx.recipient.set(None);
    }
    if first {
        let cal = sim.cal;
        let at = ctx.instant.with_value(|i| {
            i.as_deref()
                .and_then(|t| super::embed_glue::parse_instant(t, |l| cal.instant(l)))
        });
        if let Some(at) = at {
            next.scrub(at);
        }
        // A link's explorer mode and delivery.
        let (mode, delivery) = ctx.initial.get_value();
        if let Some(c) = mode.and_then(|m| sim.columns.iter().position(|c| c.mode.attr() == m)) {
            ctx.column.set(c);
            if let Some(d) = delivery {
                ctx.selected.set(Some((c, d)));
            }
        }
        if ctx.autoplay {
            next.play();
        }
    }
    ctx.sim.set(Some(Arc::new(sim)));
    ctx.playback.set(next);
}

/// The state of the simulation behind the page (a context of the instance).
#[derive(Clone, Copy)]
pub struct SimStatus {
    /// (executions done, executions in all, every mode counted) while simulating.
    pub progress: RwSignal<Option<(usize, usize)>>,
    /// Why the engine refused to simulate the draft (shown with the scenario's errors).
    pub errors: RwSignal<Vec<crate::engine::doc::ScenarioError>>,
    /// How long the last simulation took, ms (wall clock of the page).
    pub ms: RwSignal<Option<f64>>,
}

/// A gloo-timers interval runs while the playback is playing.
fn drive_playback(ctx: Ctx) {
    let timer: StoredValue<Option<Interval>, LocalStorage> = StoredValue::new_local(None);
    Effect::new(move |_| {
        let playing = ctx.playback.with(|p| p.playing());
        if playing && timer.with_value(|t| t.is_none()) {
            let iv = Interval::new(TICK_MS, move || {
                ctx.playback.update(|p| {
                    p.tick(i64::from(TICK_MS));
                });
            });
            timer.set_value(Some(iv));
        } else if !playing {
            timer.set_value(None);
        }
    });
}

fn header(ctx: Ctx) -> impl IntoView {
    let set_lang = move |l: Lang| super::app::set_lang(ctx, l);
    view! {
        <div class="cs-header">
            <div class="cs-title">
                <h1>{move || ctx.t(K::Title)}</h1>
                <p class="cs-tagline">{move || ctx.t(K::Tagline)}</p>
            </div>
            // The guided lessons, one per question a learner brings.
            {(ctx.view == View::Full).then(|| super::lessons::menu(ctx))}
            {full_page::copy_link(ctx)}
            <div class="cs-lang" role="group" aria-label=move || ctx.t(K::Language)>
                <button
                    data-testid="lang-en"
                    aria-pressed=move || (ctx.lang.get() == Lang::En).to_string()
                    on:click=move |_| set_lang(Lang::En)
                >
                    "EN"
                </button>
                <button
                    data-testid="lang-fr"
                    aria-pressed=move || (ctx.lang.get() == Lang::Fr).to_string()
                    on:click=move |_| set_lang(Lang::Fr)
                >
                    "FR"
                </button>
            </div>
        </div>
        <details class="cs-explain" open=!ctx.compact>
            <summary>{move || ctx.t(K::WhatIs)}</summary>
            <p data-testid="explain">{move || ctx.t(K::Explain)}</p>
        </details>
    }
}

/// The panels only the full bundle has (`full` feature); the widget bundle shows, in
/// a `full` view, what it has and says where the rest is.
#[cfg(feature = "full")]
mod full_page {
    use super::Ctx;
    use leptos::prelude::*;

    pub use super::super::charts::charts;
    pub use super::super::panel::scenario_panel;
    pub use super::super::resources::resources;

    pub fn copy_link(ctx: Ctx) -> impl IntoView {
        ctx.persist.then(|| super::copy_link(ctx))
    }
}

#[cfg(not(feature = "full"))]
mod full_page {
    use super::{Ctx, K};
    use leptos::prelude::*;

    pub fn resources(_: Ctx) -> impl IntoView {}
    pub fn copy_link(_: Ctx) -> impl IntoView {}
    pub fn scenario_panel(_: Ctx) -> impl IntoView {}

    /// Where the charts, editors, exports and links are.
    pub fn charts(ctx: Ctx) -> impl IntoView {
        view! { <p class="cs-hint" data-testid="full-page-only">{move || ctx.t(K::FullPageOnly)}</p> }
    }
}

/// The standalone page's "copy link" button: the URL already holds the state; the
/// click writes it at once and puts it on the clipboard (or shows it to copy by hand
/// where the browser refuses clipboard access).
#[cfg(feature = "full")]
fn copy_link(ctx: Ctx) -> impl IntoView {
    let shown = RwSignal::new(None::<(bool, String)>);
    // Through the action queue: a link describes the outcome on screen, so while a
    // newer one is computed it waits for it.
    let copy = move |_| {
        super::app::dispatch(ctx, move |ctx| {
            let Some(link) = super::persist::write_now(ctx) else {
                return;
            };
            let clipboard = web_sys::window().map(|w| w.navigator().clipboard());
            let Some(clipboard) = clipboard else {
                shown.set(Some((false, link)));
                return;
            };
            let promise = clipboard.write_text(&link);
            leptos::task::spawn_local(async move {
                let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
                shown.set(Some((ok, link)));
            });
        })
    };
    view! {
        <div class="cs-share">
            <button data-testid="copy-link" on:click=copy>{move || ctx.t(K::CopyLink)}</button>
            {move || shown.get().map(|(ok, link)| if ok {
                view! { <span class="cs-hint" role="status" data-testid="link-status">{ctx.t(K::LinkCopied)}</span> }.into_any()
            } else {
                view! {
                    <label class="cs-hint" data-testid="link-status">
                        {ctx.t(K::CopyThisLink)} " "
                        <input readonly data-testid="share-link" prop:value=link on:focus:target=move |ev| ev.target().select() />
                    </label>
                }.into_any()
            })}
        </div>
    }
}

fn load_preset(ctx: Ctx, name: &str) {
    let Some(p) = preset(name) else {
        ctx.preset.set(String::new());
        return;
    };
    ctx.preset.set(p.name.to_string());
    if let Ok(s) = serde_json::from_str(p.json) {
        // A new scenario starts from 1 January.
        ctx.sim.set(None);
        ctx.selected.set(None);
        ctx.recipient.set(None);
        ctx.compared.set(0);
        ctx.workflow.set(None);
        ctx.raw.set(p.json.to_string());
        ctx.raw_error.set(None);
        // A preset is a whole valid document: no typing debounce.
        super::app::set_draft(ctx, s, true);
    }
}

fn controls(ctx: Ctx) -> impl IntoView {
    let pb = ctx.playback;
    let status = use_context::<SimStatus>();
    let now = Memo::new(move |_| pb.with(|p| p.now()));
    let clock_text = move || {
        let lang = ctx.lang.get();
        ctx.sim.with(|s| match s {
            Some(s) => format::date_time(lang, s.cal.local(now.get())),
            // Nothing to simulate (the scenario has errors, shown in its panel).
            None if status.is_some_and(|st| st.progress.with(|p| p.is_none())) => "—".to_string(),
            None => tr(lang, K::Simulating).to_string(),
        })
    };
    let instant = move || {
        ctx.sim.with(|s| {
            s.as_ref()
                .map(|s| s.cal.rfc3339(now.get()))
                .unwrap_or_default()
        })
    };
    let done = move || pb.with(|p| p.executions_done());
    let total = move || ctx.sim.with(|s| s.as_ref().map_or(0, |s| s.executions()));
    view! {
        <div class="cs-controls" role="group" aria-label=move || ctx.t(K::Clock)>
            <label class="cs-field">
                <span>{move || ctx.t(K::Preset)}</span>
                <select
                    data-testid="preset"
                    prop:value=move || ctx.preset.get()
                    on:change:target=move |ev| load_preset(ctx, &ev.target().value())
                >
                    {PRESETS
                        .iter()
                        .map(|p| {
                            let label = p.label;
                            view! { <option value=p.name>{move || ctx.t(label)}</option> }
                        })
                        .collect_view()}
                    <option value="">{move || ctx.t(K::Custom)}</option>
                </select>
            </label>
            {workflows_bar(ctx)}
            <div class="cs-clock">
                <span class="cs-clock-label">{move || ctx.t(K::Clock)}</span>
                <output data-testid="sim-clock" data-instant=instant aria-live="off">
                    {clock_text}
                </output>
                <span class="cs-progress">
                    {move || format!("{} / {} ", done(), total())}
                    {move || ctx.t(K::ExecutionsSoFar)}
                </span>
                <span class="cs-busy" role="status" data-testid="sim-status">
                    {move || {
                        let st = status?;
                        match st.progress.get() {
                            Some((done, all)) => Some(format!("{} {done}/{all}", ctx.t(K::Simulating))),
                            None => st.ms.get().map(|ms| format!("{} {} ms", ctx.t(K::SimulatedIn), ms.round())),
                        }
                    }}
                </span>
            </div>
            <div class="cs-buttons" role="group">
                <Show
                    when=move || pb.with(|p| p.playing())
                    fallback=move || {
                        view! {
                            <button data-testid="play" class="cs-primary" on:click=move |_| act(ctx, |p| p.play())>
                                "▶ " {move || ctx.t(K::Play)}
                            </button>
                        }
                    }
                >
                    <button data-testid="pause" class="cs-primary" on:click=move |_| act(ctx, |p| p.pause())>
                        "❚❚ " {move || ctx.t(K::Pause)}
                    </button>
                </Show>
                <button data-testid="step" on:click=move |_| act(ctx, |p| p.step_execution())>
                    {move || ctx.t(K::StepExecution)}
                </button>
                <button data-testid="step-day" on:click=move |_| act(ctx, |p| p.step_day())>
                    {move || ctx.t(K::StepDay)}
                </button>
                <button data-testid="run-to-end" on:click=move |_| act(ctx, |p| p.run_to_end())>
                    {move || ctx.t(K::RunToEnd)}
                </button>
                <button data-testid="restart" on:click=move |_| act(ctx, |p| { p.pause(); let s = p.start(); p.scrub(s); })>
                    {move || ctx.t(K::Restart)}
                </button>
                <label class="cs-field cs-inline">
                    <span>{move || ctx.t(K::Speed)}</span>
                    <select
                        data-testid="speed"
                        prop:value=move || pb.with(|p| p.speed().key())
                        on:change:target=move |ev| {
                            if let Some(s) = Speed::from_key(&ev.target().value()) {
                                act(ctx, move |p| p.set_speed(s));
                            }
                        }
                    >
                        {Speed::ALL
                            .iter()
                            .map(|s| {
                                let k = speed_key(*s);
                                view! { <option value=s.key()>{move || ctx.t(k)}</option> }
                            })
                            .collect_view()}
                    </select>
                </label>
            </div>
            <label class="cs-scrub">
                <span class="cs-sr">{move || ctx.t(K::Scrubber)}</span>
                <input
                    type="range"
                    data-testid="scrubber"
                    aria-valuetext=clock_text
                    min="0"
                    max="1000"
                    step="1"
                    prop:value=move || pb.with(|p| p.permille()).to_string()
                    on:input:target=move |ev| {
                        if let Ok(v) = ev.target().value().parse::<i64>() {
                            act(ctx, move |p| {
                                p.pause();
                                let t = p.at_permille(v);
                                p.scrub(t);
                            });
                        }
                    }
                />
            </label>
            {go_to_date(ctx)}
        </div>
    }
}

/// Several workflows on one base: which workflow's delivery modes the columns compare,
/// and which workflow the explorer, the journal and the trace show.
fn workflows_bar(ctx: Ctx) -> impl IntoView {
    let names = Memo::new(move |_| {
        ctx.sim.with(|s| {
            s.as_ref()
                .filter(|s| s.several())
                .map(|s| s.workflow_names())
        })
    });
    move || {
        let names = names.get()?;
        let options = move |all: bool| {
            let lang = ctx.lang.get();
            let mut v: Vec<(String, String)> = Vec::new();
            if all {
                v.push((String::new(), tr(lang, K::AllWorkflows).to_string()));
            }
            v.extend(
                names
                    .iter()
                    .enumerate()
                    .map(|(i, n)| (i.to_string(), n.clone())),
            );
            v.into_iter()
                .map(|(value, label)| view! { <option value=value>{label}</option> })
                .collect_view()
        };
        Some(view! {
            <div class="cs-workflows" role="group" aria-label=move || ctx.t(K::Workflows)>
                <label class="cs-field">
                    <span>{move || ctx.t(K::CompareWorkflow)}</span>
                    <select
                        data-testid="compare-workflow"
                        prop:value=move || ctx.compared.get().to_string()
                        on:change:target=move |ev| {
                            if let Ok(w) = ev.target().value().parse::<usize>() {
                                super::app::set_compared(ctx, w);
                            }
                        }
                    >
                        {options.clone()(false)}
                    </select>
                </label>
                <label class="cs-field">
                    <span>{move || ctx.t(K::ShowWorkflow)}</span>
                    <select
                        data-testid="workflow-filter"
                        prop:value=move || ctx.workflow.get().map(|w| w.to_string()).unwrap_or_default()
                        on:change:target=move |ev| {
                            let w = ev.target().value().parse::<usize>().ok();
                            super::app::dispatch(ctx, move |ctx| {
                                ctx.workflow.set(w);
                                ctx.selected.set(None);
                                ctx.execution.set(None);
                            });
                        }
                    >
                        {options(true)}
                    </select>
                </label>
            </div>
        })
    }
}

/// The go-to-date control: a day (and an optional time) lands exactly on the execution
/// at or before it (`ui::nav::go_to`), moving the clock, explorer, journal and trace.
fn go_to_date(ctx: Ctx) -> impl IntoView {
    let date = RwSignal::new(String::new());
    let time = RwSignal::new(String::new());
    let missing = RwSignal::new(false);
    let go = move || {
        let (d, t) = (date.get_untracked(), time.get_untracked());
        if d.is_empty() {
            return;
        }
        super::app::jump(
            ctx,
            move |o| super::nav::go_to(o, &d, &t),
            move |found| missing.set(!found),
        );
    };
    let bound = move |end: bool| {
        ctx.sim.with(|s| {
            s.as_ref().map(|s| {
                let t = if end {
                    s.cal.horizon_end - 1
                } else {
                    s.cal.horizon_start
                };
                s.cal.local_date(t).format("%Y-%m-%d").to_string()
            })
        })
    };
    view! {
        <form
            class="cs-goto"
            on:submit=move |ev| {
                ev.prevent_default();
                go();
            }
        >
            <label class="cs-field cs-inline">
                <span>{move || ctx.t(K::GoToDate)}</span>
                <input
                    type="date"
                    data-testid="go-to-date"
                    min=move || bound(false)
                    max=move || bound(true)
                    prop:value=move || date.get()
                    on:change:target=move |ev| {
                        date.set(ev.target().value());
                        go();
                    }
                />
            </label>
            <label class="cs-field cs-inline">
                <span>{move || ctx.t(K::GoToTime)}</span>
                <input
                    type="time"
                    data-testid="go-to-time"
                    prop:value=move || time.get()
                    on:change:target=move |ev| {
                        time.set(ev.target().value());
                        go();
                    }
                />
            </label>
            <button type="submit" data-testid="go-to-date-button">{move || ctx.t(K::Go)}</button>
            <span class="cs-hint" role="status">
                {move || if missing.get() { ctx.t(K::NoExecutionThen) } else { ctx.t(K::GoToHint) }}
            </span>
        </form>
    }
}

/// A playback control, applied to the newest outcome (`app::dispatch`).
fn act(ctx: Ctx, f: impl FnOnce(&mut Playback) + 'static) {
    super::app::dispatch(ctx, move |ctx| ctx.playback.update(f));
}

fn speed_key(s: Speed) -> K {
    match s {
        Speed::Day => K::SpeedDay,
        Speed::Week => K::SpeedWeek,
        Speed::Month => K::SpeedMonth,
        Speed::Quarter => K::SpeedQuarter,
    }
}

fn mode_label(m: ModeKey) -> K {
    match m {
        ModeKey::Recurring => K::Recurring,
        ModeKey::Continuous => K::Continuous,
        ModeKey::Aggregated => K::Aggregated,
    }
}

fn compare(ctx: Ctx) -> impl IntoView {
    let now = Memo::new(move |_| ctx.playback.with(|p| p.now()));
    // With several workflows on one base, the columns count the compared workflow.
    let stats = Memo::new(move |_| {
        let t = now.get();
        ctx.sim.with(|s| {
            s.as_ref()
                .map(|s| s.snapshots_of(Some(s.compared), t))
                .unwrap_or_default()
        })
    });
    let comparing = Memo::new(move |_| {
        let lang = ctx.lang.get();
        ctx.sim.with(|s| {
            let s = s.as_ref().filter(|s| s.several())?;
            let names = s.workflow_names();
            Some(super::i18n::fill(
                tr(lang, K::ComparingOne),
                &[
                    ("name", names.get(s.compared).map_or("", |n| n.as_str())),
                    ("others", &(names.len() - 1).to_string()),
                ],
            ))
        })
    });
    let row = move |label: K, get: fn(&Snapshot, Lang) -> (u64, String)| {
        view! {
            <tr>
                <th scope="row">{move || ctx.t(label)}</th>
                {move || {
                    let cols = stats.get();
                    let lang = ctx.lang.get();
                    let first = cols.first().map(|c| get(&c.1, lang).0);
                    cols.iter()
                        .map(|(_, st)| {
                            let (v, text) = get(st, lang);
                            let differs = first.is_some_and(|f| f != v);
                            view! { <td class:cs-diff=differs>{text}</td> }
                        })
                        .collect_view()
                }}
            </tr>
        }
    };
    fn n(v: u64, lang: Lang) -> (u64, String) {
        (v, format::int(lang, v))
    }
    fn rate(r: crate::engine::out::kpi::Rate, lang: Lang) -> (u64, String) {
        // Compare rates at 0.1 % resolution.
        let key = (r.numerator * 1000)
            .checked_div(r.denominator)
            .unwrap_or(u64::MAX);
        (key, format::pct(lang, r.numerator, r.denominator))
    }
    // Without tracking there are no opens or clicks to rate: say so rather than 0 %.
    let tracking = move || {
        ctx.sim
            .with(|s| s.as_ref().is_none_or(|s| s.scenario.tracking.enabled))
    };
    let rate_row = move |label: K, get: fn(&Snapshot, Lang) -> (u64, String)| {
        view! {
            <Show
                when=tracking
                fallback=move || view! {
                    <tr>
                        <th scope="row">{move || ctx.t(label)}</th>
                        {move || stats.get().iter().map(|_| view! { <td>{ctx.t(K::NotTracked)}</td> }).collect_view()}
                    </tr>
                }
            >
                {row(label, get)}
            </Show>
        }
    };
    // Why these counts, in this year's numbers.
    let why_now = Memo::new(move |_| {
        let t = now.get();
        let lang = ctx.lang.get();
        ctx.sim.with(|s| {
            let s = s.as_ref()?;
            let o = s.outcome(s.own())?;
            let done = o.executions_until(t);
            let mine = |w: u16| usize::from(w) == s.compared;
            let done_here = o
                .executions()
                .get(..done)
                .unwrap_or(&[])
                .iter()
                .filter(|e| mine(e.workflow))
                .count();
            let reached = o
                .executions()
                .get(..done)
                .unwrap_or(&[])
                .iter()
                .filter(|e| mine(e.workflow) && e.delivery.is_some())
                .count();
            let count_of = |m: ModeKey| {
                stats.with(|st| st.iter().find(|(k, _)| *k == m).map(|(_, x)| x.deliveries))
            };
            let (rec, con) = (
                count_of(ModeKey::Recurring)?,
                count_of(ModeKey::Continuous)?,
            );
            Some(super::i18n::fill(
                tr(lang, K::WhyNow),
                &[
                    (
                        "done",
                        &super::i18n::count(
                            lang,
                            done_here as u64,
                            K::ExecutionOne,
                            K::ExecutionMany,
                        ),
                    ),
                    ("reached", &format::int(lang, reached as u64)),
                    (
                        "rec",
                        &super::i18n::count(lang, rec as u64, K::DeliveryOne, K::DeliveryMany),
                    ),
                    (
                        "con",
                        &super::i18n::count(lang, con as u64, K::DeliveryOne, K::DeliveryMany),
                    ),
                    ("forks", &format::int(lang, con.saturating_sub(1) as u64)),
                ],
            ))
        })
    });
    view! {
        <section class="cs-compare">
            <h2>{move || ctx.t(K::Compare)}</h2>
            <p class="cs-hint">{move || ctx.t(K::CompareHint)}</p>
            {move || comparing.get().map(|c| view! { <p class="cs-caption" data-testid="comparing">{c}</p> })}
            <div class="cs-columns">
                {move || {
                    let lang = ctx.lang.get();
                    stats
                        .get()
                        .into_iter()
                        .map(|(m, st)| {
                            view! {
                                <div class="cs-col" data-mode=m.attr()>
                                    <h3>{tr(lang, mode_label(m))}</h3>
                                    <p class="cs-big">
                                        <span data-testid="delivery-count" data-mode=m.attr()>
                                            {st.deliveries}
                                        </span>
                                        " "
                                        <span class="cs-unit">{tr(lang, if st.deliveries == 1 { K::DeliveryUnit } else { K::Deliveries })}</span>
                                    </p>
                                    <p class="cs-hint">{tr(lang, mode_hint(m))}</p>
                                </div>
                            }
                        })
                        .collect_view()
                }}
            </div>
            <div class="cs-scroll" tabindex="0">
                <table class="cs-table cs-kpis" data-testid="kpi-table">
                    <thead>
                        <tr>
                            <th scope="col"><span class="cs-sr">{move || ctx.t(K::Indicator)}</span></th>
                            {move || {
                                let lang = ctx.lang.get();
                                stats
                                    .get()
                                    .into_iter()
                                    .map(|(m, _)| view! { <th scope="col">{tr(lang, mode_label(m))}</th> })
                                    .collect_view()
                            }}
                        </tr>
                    </thead>
                    <tbody>
                        {row(K::Deliveries, |s, l| n(s.deliveries as u64, l))}
                        {row(K::BroadlogRows, |s, l| n(s.broadlog_rows as u64, l))}
                        {row(K::Sent, |s, l| n(s.kpis.sent, l))}
                        {row(K::Failed, |s, l| n(s.kpis.failed, l))}
                        {row(K::Ignored, |s, l| n(s.kpis.ignored, l))}
                        {row(K::TrackingRows, |s, l| n(s.tracking_rows as u64, l))}
                        {rate_row(K::OpenRate, |s, l| rate(s.kpis.open_rate, l))}
                        {rate_row(K::ClickRate, |s, l| rate(s.kpis.click_rate, l))}
                        {row(K::LogStorage, |s, l| {
                            // Bytes per stored row of the engine's columnar logs.
                            let bytes = s.broadlog_rows * BroadLog::BYTES_PER_ROW
                                + s.tracking_rows * TrackingColumns::BYTES_PER_ROW;
                            (bytes as u64, format::kilobytes(l, bytes as u64))
                        })}
                    </tbody>
                </table>
            </div>
            <p class="cs-caption" data-testid="why-now">{move || why_now.get()}</p>
            <p class="cs-hint">{move || ctx.t(K::WhyCount)}</p>
            <Show when=move || ctx.sim.with(|s| s.as_ref().is_some_and(|s| !s.scenario.tracking.enabled))>
                <p class="cs-hint">{move || ctx.t(K::TrackingHintCompare)}</p>
            </Show>
        </section>
    }
}

fn mode_hint(m: ModeKey) -> K {
    match m {
        ModeKey::Recurring => K::HintRecurring,
        ModeKey::Continuous => K::HintContinuous,
        ModeKey::Aggregated => K::HintAggregated,
    }
}
