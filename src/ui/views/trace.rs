//! The recipient trace: one recipient's year up to the clock, and why a chosen
//! execution did or did not target them (both straight from the engine's outcome).

use leptos::prelude::*;

use super::heading::Heading;

use crate::ui::derived::trace::{events, why, Events};
use crate::ui::handles::{Clock, FocusHandle, Locale, Nav, Run};
use crate::ui::i18n::{fill, K};

/// Events shown until "show all": the latest up to the clock (no inner scroll box).
const RECENT_EVENTS: usize = 12;

#[component]
pub fn Trace() -> impl IntoView {
    let locale = expect_context::<Locale>();
    let run = expect_context::<Run>();
    let clock = expect_context::<Clock>();
    let focus = expect_context::<FocusHandle>();
    let recipient = focus.select(|f| f.recipient);
    let workflow = focus.select(|f| f.workflow);
    // The execution to explain: the last jumped to, typed here or clicked in the send
    // log; else the clock's current execution.
    let chosen = Memo::new(move |_| {
        let t = clock.now();
        focus
            .with(|f| f.trace_execution)
            .or_else(|| run.with(|s| s.current_execution(t)).flatten())
    });
    let list = Memo::new(move |_| {
        let (id, t, lang, shown) = (recipient.get()?, clock.now(), locale.get(), workflow.get());
        run.with_own(|s, o| events(s, o, id, t, shown, lang))
    });
    let sentence = Memo::new(move |_| {
        let (id, e, lang) = (recipient.get()?, chosen.get()?, locale.get());
        run.with_own(|s, o| why(s, o, id, e, lang)).flatten()
    });
    view! {
        <section class="cs-trace" data-section="trace" tabindex="-1">
            <Heading depth=1 text=locale.sig(K::Trace) />
            <p class="cs-hint">{locale.text(K::TraceHint)}</p>
            <TraceInputs chosen />
            {move || sentence.get().map(|(n, at, text)| view! {
                <p class="cs-why" data-testid="why-not-targeted">
                    <strong>{fill(locale.t(K::WhyTitle), &[("n", &n.to_string()), ("at", &at)])}</strong>
                    {text}
                </p>
            })}
            <TraceEvents list />
        </section>
    }
}

/// The recipient id and the execution (a number or a date as people write it).
#[component]
fn TraceInputs(chosen: Memo<Option<usize>>) -> impl IntoView {
    let locale = expect_context::<Locale>();
    let run = expect_context::<Run>();
    let focus = expect_context::<FocusHandle>();
    let nav = expect_context::<Nav>();
    let recipient = focus.select(|f| f.recipient);
    // What is typed in the execution field, kept as typed while it names nothing.
    let typed = RwSignal::new(None::<String>);
    let unknown = Memo::new(move |_| {
        typed.with(|t| {
            t.as_deref().is_some_and(|t| {
                !t.trim().is_empty()
                    && run
                        .with_own(|_, o| crate::ui::nav::resolve(o, t))
                        .flatten()
                        .is_none()
            })
        })
    });
    // A day typed without a run on it (said under the field).
    let asked = RwSignal::new(None::<String>);
    view! {
        <div class="cs-filters">
            <label class="cs-field">
                <span>{locale.text(K::RecipientId)}</span>
                <input
                    type="number"
                    min="0"
                    data-testid="trace-recipient"
                    prop:value=move || recipient.get().map(|r| r.to_string()).unwrap_or_default()
                    on:input:target=move |ev| {
                        let id = ev.target().value().trim().parse().ok();
                        nav.focus(move |f| f.recipient = id);
                    }
                />
            </label>
            <label class="cs-field">
                <span>{locale.text(K::ExecutionOrDate)}</span>
                <input
                    type="text"
                    inputmode="text"
                    placeholder="5, 2 Feb, 2026-02-02"
                    aria-invalid=move || unknown.get().to_string()
                    data-testid="trace-execution"
                    prop:value=move || typed.get().unwrap_or_else(|| chosen.get().map(|e| (e + 1).to_string()).unwrap_or_default())
                    on:input:target=move |ev| {
                        // A number or a date names an execution at once and everything
                        // moves to it; anything else waits. The text stays as typed until
                        // the field is left.
                        let text = ev.target().value();
                        typed.set(Some(text.clone()));
                        asked.set(Some(text.clone()));
                        if text.trim().is_empty() {
                            nav.focus(|f| f.trace_execution = None);
                        } else {
                            // Its result is under the field (the trace's sentence): no card
                            // over it.
                            nav.jump(move |o| crate::ui::nav::resolve(o, &text), |_| {});
                        }
                    }
                    on:blur=move |_| typed.set(None)
                />
            </label>
        </div>
        <NoRun asked chosen />
        <Show when=move || unknown.get()>
            <p class="cs-hint" data-testid="trace-execution-unknown" role="status">{locale.text(K::TraceUnknown)}</p>
        </Show>
    }
}

/// What a typed day without a run says: the trace shows the run before it, as long as
/// it shows that run (after the field is left too).
#[component]
fn NoRun(asked: RwSignal<Option<String>>, chosen: Memo<Option<usize>>) -> impl IntoView {
    let locale = expect_context::<Locale>();
    let run = expect_context::<Run>();
    let no_run = Memo::new(move |_| {
        let lang = locale.get();
        let shown = chosen.get();
        asked.with(|t| {
            let t = t.as_deref()?;
            run.with_own(|_, o| {
                // A day without a run, while the trace shows the run it stands for.
                let stands_for = crate::ui::nav::day_without_run(o, t).is_some()
                    && crate::ui::nav::resolve(o, t) == shown;
                stands_for.then(|| crate::ui::state::card::no_run(o, shown, lang))
            })
            .flatten()
        })
    });
    move || {
        no_run.get().map(|text| {
            view! { <p class="cs-hint" data-testid="trace-no-run" role="status">{text}</p> }
        })
    }
}

/// The recipient's events, the latest few until "show all" (again for each recipient).
#[component]
fn TraceEvents(list: Memo<Option<Events>>) -> impl IntoView {
    let locale = expect_context::<Locale>();
    let focus = expect_context::<FocusHandle>();
    let recipient = focus.select(|f| f.recipient);
    let all = RwSignal::new(false);
    Effect::new(move |_| {
        recipient.track();
        all.set(false);
    });
    move || {
        let ev = list.get()?;
        if !ev.found {
            return Some(
                view! { <p class="cs-hint">{locale.text(K::UnknownRecipient)}</p> }.into_any(),
            );
        }
        let total = ev.lines.len();
        let from = if all.get() {
            0
        } else {
            total.saturating_sub(RECENT_EVENTS)
        };
        let empty = ev
            .lines
            .is_empty()
            .then(|| view! { <li class="cs-hint">{locale.text(K::NoEventYet)}</li> });
        let more = (from > 0).then(|| view! {
            <li>
                <button class="cs-link" data-testid="trace-show-all" on:click=move |_| all.set(true)>
                    {move || fill(locale.t(K::ShowAllEvents), &[("n", &total.to_string())])}
                </button>
            </li>
        });
        let lines = ev.lines.into_iter().skip(from).map(|(at, text)| {
            view! {
                <li data-testid="trace-event"><time>{at}</time><span>{text}</span></li>
            }
        });
        Some(view! {
            <p><strong>{ev.email}</strong></p>
            <ol class="cs-journal" data-testid="trace-events">{empty} {more} {lines.collect_view()}</ol>
        }.into_any())
    }
}
