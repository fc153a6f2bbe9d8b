//! Recipient trace: one recipient's year up to the clock, and why a chosen execution
//! did or did not target them (both straight from the engine's outcome).

use leptos::prelude::*;

use super::app::{dispatch, Ctx};
use super::format;
use super::i18n::{fill, targeting, trace_event, K};
use crate::engine::out::trace::{TargetingReason, TraceEvent};

/// Events listed at most (a daily recipient of a year of tracked mail has many).
const MAX_EVENTS: usize = 400;
/// Events shown until "show all": the latest up to the clock (no inner scroll box).
const RECENT_EVENTS: usize = 12;

pub fn trace(ctx: Ctx) -> impl IntoView {
    let now = Memo::new(move |_| ctx.playback.with(|p| p.now()));
    // The execution to explain: the last jumped to, typed here or clicked in the send
    // log; `None` follows the clock's current execution.
    let exec = ctx.trace_execution;
    // What is typed in the execution field, kept as typed while it names nothing.
    let typed = RwSignal::new(None::<String>);
    // What was typed names no execution of this year: the field says so.
    let unknown = Memo::new(move |_| {
        typed.with(|t| {
            t.as_deref().is_some_and(|t| {
                !t.trim().is_empty()
                    && ctx.sim.with(|s| {
                        s.as_ref()
                            .and_then(|s| s.outcome(s.own()))
                            .and_then(|o| super::nav::resolve(o, t))
                            .is_none()
                    })
            })
        })
    });
    let current = Memo::new(move |_| {
        let t = now.get();
        ctx.sim
            .with(|s| s.as_ref().and_then(|s| s.current_execution(t)))
    });
    let chosen = move || exec.get().or(current.get());
    // Every event, or the latest ones (reset for each recipient).
    let all = RwSignal::new(false);
    Effect::new(move |_| {
        ctx.recipient.track();
        all.set(false);
    });
    let events = Memo::new(move |_| {
        let (Some(id), t, lang) = (ctx.recipient.get(), now.get(), ctx.lang.get()) else {
            return None;
        };
        ctx.sim.with(|s| {
            let s = s.as_ref()?;
            let o = s.outcome(s.own())?;
            let tr = o.trace(id);
            let cal = s.cal;
            // The workflow shown (several workflows on one base): its events only.
            let shown = ctx.workflow.get();
            let workflow_of = |e: &TraceEvent| match *e {
                TraceEvent::Targeted { execution, .. } => o
                    .executions()
                    .get(execution as usize)
                    .map(|x| usize::from(x.workflow)),
                TraceEvent::Tracked { delivery, .. } => delivery
                    .checked_sub(1)
                    .and_then(|d| o.deliveries().get(d as usize))
                    .map(|d| usize::from(d.workflow)),
                _ => None,
            };
            let lines = tr
                .events
                .iter()
                .filter(|e| e.at() <= t)
                .filter(|e| shown.is_none_or(|w| workflow_of(e).is_none_or(|x| x == w)))
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
            let mut text = targeting(lang, &r, |t| format::date_time(lang, cal.local(t)));
            // Excluded by arbitration: the messages that filled the quota, from the
            // send log's own explanation.
            if let TargetingReason::Targeted { broadlog_row, .. } = r {
                let quota = o.arbitration(broadlog_row as usize);
                if let (false, Some((max, window))) = (quota.is_empty(), o.pressure()) {
                    let names = s.workflow_names();
                    let list = quota
                        .iter()
                        .map(|c| {
                            let local = cal.local(c.at);
                            format!(
                                "{} {} {:02}:{:02}",
                                names
                                    .get(usize::from(c.workflow))
                                    .map_or("", |n| n.as_str()),
                                format::weekday(lang, local.date()),
                                chrono::Timelike::hour(&local),
                                chrono::Timelike::minute(&local)
                            )
                        })
                        .collect::<Vec<_>>()
                        .join(", ");
                    text.push_str(". ");
                    text.push_str(&fill(
                        ctx.t(K::ArbitrationWhy),
                        &[
                            (
                                "emails",
                                &super::i18n::count(
                                    lang,
                                    max as u64,
                                    K::MarketingEmailOne,
                                    K::MarketingEmailMany,
                                ),
                            ),
                            (
                                "days",
                                &super::i18n::count(
                                    lang,
                                    (window / 86_400) as u64,
                                    K::DayOne,
                                    K::DayMany,
                                ),
                            ),
                            ("list", &list),
                        ],
                    ));
                }
            }
            Some((e + 1, format::date_time(lang, cal.local(at)), text))
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
                        on:input:target=move |ev| {
                            let id = ev.target().value().trim().parse().ok();
                            dispatch(ctx, move |ctx| ctx.recipient.set(id));
                        }
                    />
                </label>
                <label class="cs-field">
                    <span>{move || ctx.t(K::ExecutionOrDate)}</span>
                    <input
                        type="text"
                        inputmode="text"
                        placeholder="5, 2 Feb, 2026-02-02"
                        aria-invalid=move || unknown.get().to_string()
                        data-testid="trace-execution"
                        prop:value=move || typed.get().unwrap_or_else(|| chosen().map(|e| (e + 1).to_string()).unwrap_or_default())
                        on:input:target=move |ev| {
                            // Updates as the learner types: a number or a date names an
                            // execution at once and everything moves to it; anything else
                            // waits. The text stays as typed until the field is left.
                            let text = ev.target().value();
                            typed.set(Some(text.clone()));
                            if text.trim().is_empty() {
                                dispatch(ctx, |ctx| ctx.trace_execution.set(None));
                                return;
                            }
                            super::app::jump(ctx, move |o| super::nav::resolve(o, &text), |_| {});
                        }
                        on:blur=move |_| typed.set(None)
                    />
                </label>
            </div>
            {move || unknown.get().then(|| view! {
                <p class="cs-hint" data-testid="trace-execution-unknown" role="status">{ctx.t(K::TraceUnknown)}</p>
            })}
            {move || {
                why.get()
                    .map(|(n, at, text)| {
                        view! {
                            <p class="cs-why" data-testid="why-not-targeted">
                                <strong>{fill(ctx.t(K::WhyTitle), &[("n", &n.to_string()), ("at", &at)])}</strong>
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
                        let total = lines.len();
                        let from = if all.get() { 0 } else { total.saturating_sub(RECENT_EVENTS) };
                        let more = (from > 0).then(|| view! {
                            <li>
                                <button class="cs-link" data-testid="trace-show-all" on:click=move |_| all.set(true)>
                                    {fill(ctx.t(K::ShowAllEvents), &[("n", &total.to_string())])}
                                </button>
                            </li>
                        });
                        let lines: Vec<_> = lines.into_iter().skip(from).collect();
                        view! {
                            <p><strong>{email}</strong></p>
                            <ol class="cs-journal" data-testid="trace-events">
                                {empty}
                                {more}
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
