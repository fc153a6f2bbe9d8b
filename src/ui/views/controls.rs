//! The controls under the header: the preset picker, the workflows bar (several
//! workflows on one base), the simulated clock, the playback buttons, the scrubber and
//! the go-to-date control. Every control goes through the action queue
//! ([`Run::dispatch`]), so none applies to a year that is about to be replaced.

use leptos::prelude::*;

use super::landing::click_at;

use crate::ui::format;
use crate::ui::handles::{Clock, DocHandle, FocusHandle, LayoutHandle, Loader, Locale, Nav, Run};
use crate::ui::i18n::{tr, K};
use crate::ui::playback::Speed;
use crate::ui::presets::PRESETS;

#[component]
pub fn Controls() -> impl IntoView {
    let locale = expect_context::<Locale>();
    let layout = expect_context::<LayoutHandle>();
    view! {
        <div class="cs-controls" part="controls" role="group" aria-label=locale.text(K::Clock)>
            <Show when=move || layout.get().chrome.preset><PresetPicker /></Show>
            <WorkflowsBar />
            <ClockReadout />
            <PlaybackButtons />
            <Scrubber />
            <GoToDate />
        </div>
    }
}

#[component]
fn PresetPicker() -> impl IntoView {
    let locale = expect_context::<Locale>();
    let doc = expect_context::<DocHandle>();
    let loader = expect_context::<Loader>();
    // An edited preset can be put back as it was.
    let edited = Memo::new(move |_| doc.with(|d| d.edited_preset().map(str::to_string)));
    let reset = move || {
        edited.get().map(|name| {
            let label = crate::ui::presets::preset(&name).map_or(K::Custom, |p| p.label);
            view! {
                <button data-testid="reset-preset" on:click=move |_| loader.load_preset(name.clone())>
                    {move || crate::ui::i18n::fill(locale.t(K::ResetPreset), &[("preset", locale.t(label))])}
                </button>
            }
        })
    };
    view! {
        <div class="cs-preset">
        <label class="cs-field">
            <span>{locale.text(K::Preset)}</span>
            <select
                data-testid="preset"
                prop:value=move || doc.with(|d| d.preset().to_string())
                on:change:target=move |ev| loader.load_preset(ev.target().value())
            >
                {PRESETS
                    .iter()
                    .map(|p| {
                        let label = p.label;
                        view! { <option value=p.name>{move || locale.t(label)}</option> }
                    })
                    .collect_view()}
                <option value="">{locale.text(K::Custom)}</option>
            </select>
        </label>
        {reset}
        </div>
    }
}

/// The clock's text ("Mon 5 Jan 2026 09:00"), "—" when there is nothing to simulate
/// (the scenario's errors are shown in its panel), "Simulating…" before the first year.
fn clock_text(locale: Locale, run: Run, clock: Clock) -> impl Fn() -> String + Copy {
    move || {
        let lang = locale.get();
        let now = clock.now();
        run.with(|s| format::date_time(lang, s.cal.local(now)))
            .unwrap_or_else(|| match run.status(|s| s.busy()) {
                false => "—".to_string(),
                true => tr(lang, K::Simulating).to_string(),
            })
    }
}

#[component]
fn ClockReadout() -> impl IntoView {
    let locale = expect_context::<Locale>();
    let run = expect_context::<Run>();
    let clock = expect_context::<Clock>();
    let text = clock_text(locale, run, clock);
    let instant = move || run.with(|s| s.cal.rfc3339(clock.now())).unwrap_or_default();
    let done = move || clock.with(|p| p.executions_done());
    let total = move || run.with(|s| s.executions()).unwrap_or(0);
    let busy = move || {
        run.status(|st| match st.progress {
            Some((done, all)) => Some(format!("{} {done}/{all}", locale.t(K::Simulating))),
            None => st
                .ms
                .map(|ms| format!("{} {} ms", locale.t(K::SimulatedIn), ms.round() as i64)),
        })
    };
    view! {
        <div class="cs-clock">
            <span class="cs-clock-label">{locale.text(K::Clock)}</span>
            <output data-testid="sim-clock" data-instant=instant aria-live="off">{text}</output>
            <span class="cs-progress">{move || format!("{} / {} ", done(), total())} {locale.text(K::ExecutionsSoFar)}</span>
            <span class="cs-busy" role="status" data-testid="sim-status">{busy}</span>
        </div>
    }
}

#[component]
fn PlaybackButtons() -> impl IntoView {
    let locale = expect_context::<Locale>();
    let run = expect_context::<Run>();
    let clock = expect_context::<Clock>();
    // Before the first year there is nothing to play (the instance is not interactive
    // yet); later years are computed while the buttons stay usable (their actions wait).
    let layout = expect_context::<LayoutHandle>();
    let not_ready = move || !run.status(|s| s.ready);
    // Reduced motion: no animated playback; stepping and the scrubber still move.
    let reduced = move || layout.get().reduced_motion;
    let button = move |testid: &'static str,
                       label: K,
                       f: fn(&mut crate::ui::playback::Playback)| {
        view! {
            <button data-testid=testid on:click=move |_| clock.act(run, f)>{move || locale.t(label)}</button>
        }
    };
    view! {
        <div class="cs-buttons" role="group">
            <Show
                when=move || clock.with(|p| p.playing())
                fallback=move || view! {
                    <button data-testid="play" class="cs-primary" disabled=move || not_ready() || reduced() on:click=move |_| clock.act(run, |p| p.play())>
                        "▶ " {locale.text(K::Play)}
                    </button>
                    <Show when=reduced><span class="cs-hint" data-testid="reduced-motion">{locale.text(K::ReducedMotion)}</span></Show>
                }
            >
                <button data-testid="pause" class="cs-primary" on:click=move |_| clock.act(run, |p| p.pause())>
                    "❚❚ " {locale.text(K::Pause)}
                </button>
            </Show>
            {button("step", K::StepExecution, |p| p.step_execution())}
            {button("step-day", K::StepDay, |p| p.step_day())}
            {button("run-to-end", K::RunToEnd, |p| p.run_to_end())}
            {button("restart", K::Restart, |p| {
                p.pause();
                let s = p.start();
                p.scrub(s);
            })}
            <SpeedPicker />
        </div>
    }
}

fn speed_key(s: Speed) -> K {
    match s {
        Speed::Day => K::SpeedDay,
        Speed::Week => K::SpeedWeek,
        Speed::Month => K::SpeedMonth,
        Speed::Quarter => K::SpeedQuarter,
    }
}

#[component]
fn SpeedPicker() -> impl IntoView {
    let locale = expect_context::<Locale>();
    let run = expect_context::<Run>();
    let clock = expect_context::<Clock>();
    view! {
        <label class="cs-field cs-inline">
            <span>{locale.text(K::Speed)}</span>
            <select
                data-testid="speed"
                prop:value=move || clock.with(|p| p.speed().key())
                on:change:target=move |ev| {
                    if let Some(s) = Speed::from_key(&ev.target().value()) {
                        clock.act(run, move |p| p.set_speed(s));
                    }
                }
            >
                {Speed::ALL
                    .iter()
                    .map(|s| {
                        let k = speed_key(*s);
                        view! { <option value=s.key()>{move || locale.t(k)}</option> }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}

#[component]
fn Scrubber() -> impl IntoView {
    let locale = expect_context::<Locale>();
    let run = expect_context::<Run>();
    let clock = expect_context::<Clock>();
    let text = clock_text(locale, run, clock);
    view! {
        <label class="cs-scrub">
            <span class="cs-sr">{locale.text(K::Scrubber)}</span>
            <input
                type="range"
                data-testid="scrubber"
                aria-valuetext=text
                min="0"
                max="1000"
                step="1"
                prop:value=move || clock.with(|p| p.permille()).to_string()
                on:input:target=move |ev| {
                    if let Ok(v) = ev.target().value().parse::<i64>() {
                        clock.act(run, move |p| {
                            p.pause();
                            let t = p.at_permille(v);
                            p.scrub(t);
                        });
                    }
                }
            />
        </label>
    }
}

/// Several workflows on one base: which workflow's delivery modes the columns compare,
/// and which workflow the explorer, the journal and the trace show.
#[component]
fn WorkflowsBar() -> impl IntoView {
    let locale = expect_context::<Locale>();
    let run = expect_context::<Run>();
    let nav = expect_context::<Nav>();
    let focus = expect_context::<FocusHandle>();
    let names = Memo::new(move |_| {
        run.with(|s| s.several().then(|| s.workflow_names()))
            .flatten()
    });
    let options = move |all: bool| {
        let mut v: Vec<(String, String)> = Vec::new();
        if all {
            v.push((String::new(), locale.t(K::AllWorkflows).to_string()));
        }
        let names = names.get().unwrap_or_default();
        v.extend(
            names
                .into_iter()
                .enumerate()
                .map(|(i, n)| (i.to_string(), n)),
        );
        v.into_iter()
            .map(|(value, label)| view! { <option value=value>{label}</option> })
            .collect_view()
    };
    view! {
        <Show when=move || names.with(|n| n.is_some())>
            <div class="cs-workflows" role="group" aria-label=locale.text(K::Workflows)>
                <label class="cs-field">
                    <span>{locale.text(K::CompareWorkflow)}</span>
                    <select
                        data-testid="compare-workflow"
                        prop:value=move || run.compared().to_string()
                        on:change:target=move |ev| {
                            if let Ok(w) = ev.target().value().parse::<usize>() {
                                run.set_compared(w);
                            }
                        }
                    >
                        {move || options(false)}
                    </select>
                </label>
                <label class="cs-field">
                    <span>{locale.text(K::ShowWorkflow)}</span>
                    <select
                        data-testid="workflow-filter"
                        prop:value=move || focus.with(|f| f.workflow.map(|w| w.to_string()).unwrap_or_default())
                        on:change:target=move |ev| {
                            let w = ev.target().value().parse::<usize>().ok();
                            nav.focus(move |f| f.set_workflow(w));
                        }
                    >
                        {move || options(true)}
                    </select>
                </label>
            </div>
        </Show>
    }
}

/// The go-to-date control: a day (and an optional time) lands exactly on the execution
/// at or before it (`ui::nav::go_to`), moving the clock, explorer, journal and trace.
#[component]
fn GoToDate() -> impl IntoView {
    let locale = expect_context::<Locale>();
    let run = expect_context::<Run>();
    let nav = expect_context::<Nav>();
    let date = RwSignal::new(String::new());
    let time = RwSignal::new(String::new());
    let missing = RwSignal::new(false);
    let form = NodeRef::<leptos::html::Form>::new();
    // `sent`: by the Go button or Enter (the card then takes the focus), not by a
    // field's change.
    let go = move |sent: bool| {
        let (d, t) = (date.get_untracked(), time.get_untracked());
        let Some(el) = form.get_untracked().filter(|_| !d.is_empty()) else {
            return;
        };
        nav.jump_at(
            click_at(&el, sent),
            None,
            move |o| crate::ui::nav::go_to(o, &d, &t),
            move |found| missing.set(!found),
        );
    };
    let bound = move |end: bool| {
        run.with(|s| {
            let t = if end {
                s.cal.horizon_end - 1
            } else {
                s.cal.horizon_start
            };
            s.cal.local_date(t).format("%Y-%m-%d").to_string()
        })
    };
    view! {
        <form class="cs-goto" node_ref=form on:submit=move |ev| { ev.prevent_default(); go(true); }>
            <label class="cs-field cs-inline">
                <span>{locale.text(K::GoToDate)}</span>
                <input
                    type="date"
                    data-testid="go-to-date"
                    min=move || bound(false)
                    max=move || bound(true)
                    prop:value=move || date.get()
                    on:change:target=move |ev| { date.set(ev.target().value()); go(false); }
                />
            </label>
            <label class="cs-field cs-inline">
                <span>{locale.text(K::GoToTime)}</span>
                <input
                    type="time"
                    data-testid="go-to-time"
                    prop:value=move || time.get()
                    on:change:target=move |ev| { time.set(ev.target().value()); go(false); }
                />
            </label>
            <button type="submit" data-testid="go-to-date-button">{locale.text(K::Go)}</button>
            <span class="cs-hint" role="status">
                {move || if missing.get() { locale.t(K::NoExecutionThen) } else { locale.t(K::GoToHint) }}
            </span>
        </form>
    }
}
