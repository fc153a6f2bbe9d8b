//! Recipient trace: one recipient's year up to the clock, and why a chosen execution
//! did or did not target them (both straight from the engine's outcome).

use leptos::prelude::*;

use super::app::Ctx;
use super::format;
use super::i18n::{targeting, trace_event, K};

/// Events listed at most (a daily recipient of a year of tracked mail has many).
const MAX_EVENTS: usize = 400;

pub fn trace(ctx: Ctx) -> impl IntoView {
    let now = Memo::new(move |_| ctx.playback.with(|p| p.now()));
    // The execution to explain; `None` follows the clock's current execution.
    let exec = RwSignal::new(None::<usize>);
    let current = Memo::new(move |_| {
        let t = now.get();
        ctx.sim
            .with(|s| s.as_ref().and_then(|s| s.current_execution(t)))
    });
    let chosen = move || exec.get().or(current.get());
    let events = Memo::new(move |_| {
        let (Some(id), t, lang) = (ctx.recipient.get(), now.get(), ctx.lang.get()) else {
            return None;
        };
        ctx.sim.with(|s| {
            let s = s.as_ref()?;
            let o = s.outcome(s.own())?;
            let tr = o.trace(id);
            let cal = s.cal;
            let lines = tr
                .events
                .iter()
                .filter(|e| e.at() <= t)
                .take(MAX_EVENTS)
                .map(|e| {
                    (
                        format::date_time(lang, cal.local(e.at())),
                        trace_event(lang, e),
                    )
                })
                .collect::<Vec<_>>();
            Some((tr.found, tr.email, lines))
        })
    });
    let why = Memo::new(move |_| {
        let (Some(id), Some(e), lang) = (ctx.recipient.get(), chosen(), ctx.lang.get()) else {
            return None;
        };
        ctx.sim.with(|s| {
            let s = s.as_ref()?;
            let o = s.outcome(s.own())?;
            let cal = s.cal;
            let at = o.executions().get(e)?.at;
            let r = o.why_not_targeted(id, e);
            Some((
                e + 1,
                format::date_time(lang, cal.local(at)),
                targeting(lang, &r, |t| format::date_time(lang, cal.local(t))),
            ))
        })
    });
    view! {
        <section class="cs-trace">
            <h2>{move || ctx.t(K::Trace)}</h2>
            <p class="cs-hint">{move || ctx.t(K::TraceHint)}</p>
            <div class="cs-filters">
                <label class="cs-field">
                    <span>{move || ctx.t(K::RecipientId)}</span>
                    <input
                        type="number"
                        min="0"
                        data-testid="trace-recipient"
                        prop:value=move || ctx.recipient.get().map(|r| r.to_string()).unwrap_or_default()
                        on:change:target=move |ev| ctx.recipient.set(ev.target().value().trim().parse().ok())
                    />
                </label>
                <label class="cs-field">
                    <span>{move || ctx.t(K::ExecutionNo)}</span>
                    <input
                        type="number"
                        min="1"
                        data-testid="trace-execution"
                        prop:value=move || chosen().map(|e| (e + 1).to_string()).unwrap_or_default()
                        on:change:target=move |ev| {
                            exec.set(ev.target().value().trim().parse::<usize>().ok().and_then(|n| n.checked_sub(1)))
                        }
                    />
                </label>
            </div>
            {move || {
                why.get()
                    .map(|(n, at, text)| {
                        view! {
                            <p class="cs-why" data-testid="why-not-targeted">
                                <strong>{format!("{} #{n} ({at}) : ", ctx.t(K::WhyTitle))}</strong>
                                {text}
                            </p>
                        }
                    })
            }}
            {move || {
                events
                    .get()
                    .map(|(found, email, lines)| {
                        if !found {
                            return view! { <p class="cs-hint">{ctx.t(K::UnknownRecipient)}</p> }.into_any();
                        }
                        let empty = lines.is_empty().then(|| view! { <li class="cs-hint">{ctx.t(K::NoEventYet)}</li> });
                        view! {
                            <p><strong>{email}</strong></p>
                            <ol class="cs-journal" tabindex="0" data-testid="trace-events">
                                {empty}
                                {lines
                                    .into_iter()
                                    .map(|(at, text)| view! { <li data-testid="trace-event"><time>{at}</time><span>{text}</span></li> })
                                    .collect_view()}
                            </ol>
                        }
                        .into_any()
                    })
            }}
        </section>
    }
}
