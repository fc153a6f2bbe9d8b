//! The scenario panel: an editor for every field of the document, the raw JSON, the
//! plain-language schedule and the next executions. Errors are the engine's own
//! messages (`data-testid="error"`), shown next to the field whose path they name.

use leptos::prelude::*;
use serde_json::Value;

use super::app::{set_text, Ctx};
use super::editor::{self, Kind};
use super::format;
use super::i18n::{field_label, tr, K};
use crate::engine::doc::describe::describe_schedule;
use crate::engine::doc::ScenarioError;

const FREQ: &[&str] = &["once", "daily", "weekly", "monthly", "yearly", "periodic"];
const WEEKDAY: &[&str] = &["", "mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// Scheduler fields apply to some frequencies only.
fn applies(path: &str, freq: &str) -> bool {
    match path.rsplit('.').next().unwrap_or("") {
        "at" => freq == "once",
        "times" => matches!(freq, "daily" | "weekly" | "monthly" | "yearly"),
        "every" => matches!(freq, "daily" | "weekly" | "monthly"),
        "days" => freq == "weekly",
        "month_days" | "nth" | "day" | "months" => freq == "monthly",
        "dates" => freq == "yearly",
        "interval_minutes" | "window" => freq == "periodic",
        _ => true,
    }
}

/// The default a blank field stands for (technical values, the same in both languages).
fn placeholder(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "year" => "2026",
        "timezone" => "UTC",
        "seed" | "history_days" => "0",
        "every" => "1",
        "times" => "09:00, 18:00",
        "days" => "mon, thu",
        "month_days" => "1, 15, -1",
        "months" => "1, 4, 7, 10",
        "dates" => "02-14, 12-24",
        "at" | "content_changes" => "2026-06-15T10:00",
        "window" => "08:00, 20:00",
        "start" => "2026-01-01",
        "end" => "2026-12-31",
        "interval_minutes" | "tick_minutes" => "60",
        _ => "",
    }
}

type Group = (K, &'static [(&'static str, Kind)]);

const GROUPS: &[Group] = &[
    (
        K::GroupGeneral,
        &[
            ("name", Kind::Text),
            ("year", Kind::Int),
            ("timezone", Kind::Text),
            ("seed", Kind::Int),
        ],
    ),
    (
        K::GroupScheduler,
        &[
            ("workflow.scheduler.frequency", Kind::Choice(FREQ)),
            ("workflow.scheduler.at", Kind::Text),
            ("workflow.scheduler.times", Kind::List),
            ("workflow.scheduler.every", Kind::Int),
            ("workflow.scheduler.days", Kind::List),
            ("workflow.scheduler.month_days", Kind::IntList),
            ("workflow.scheduler.nth_weekday.nth", Kind::Int),
            ("workflow.scheduler.nth_weekday.day", Kind::Choice(WEEKDAY)),
            ("workflow.scheduler.months", Kind::IntList),
            ("workflow.scheduler.dates", Kind::List),
            ("workflow.scheduler.interval_minutes", Kind::Int),
            ("workflow.scheduler.window", Kind::Pair),
            ("workflow.scheduler.start", Kind::Text),
            ("workflow.scheduler.end", Kind::Text),
            ("workflow.scheduler.max_runs", Kind::Int),
            ("workflow.scheduler.tick_minutes", Kind::Int),
        ],
    ),
    (
        K::GroupQuery,
        &[
            ("workflow.query.filter", Kind::Choice(&["all", "birthday"])),
            (
                "workflow.query.leap_day",
                Kind::Choice(&["", "mar1", "feb28", "skip"]),
            ),
            ("workflow.query.incremental", Kind::Bool),
            ("workflow.query.history_days", Kind::Int),
        ],
    ),
    (
        K::GroupDelivery,
        &[
            (
                "workflow.delivery.mode",
                Kind::Choice(&["recurring", "continuous"]),
            ),
            (
                "workflow.delivery.aggregation",
                Kind::Choice(&["none", "day", "week", "month"]),
            ),
            ("workflow.delivery.label", Kind::Text),
            ("workflow.delivery.content_changes", Kind::List),
            ("pressure.max_messages", Kind::Int),
            ("pressure.period_days", Kind::Int),
        ],
    ),
    (
        K::GroupOutages,
        &[
            ("outages", Kind::Outages),
            ("missed_runs", Kind::Choice(&["once", "all", "skip"])),
        ],
    ),
    (
        K::GroupTracking,
        &[
            ("tracking.enabled", Kind::Bool),
            ("tracking.open_rate", Kind::Float),
            ("tracking.click_rate", Kind::Float),
            ("tracking.optout_rate", Kind::Float),
            ("tracking.hard_bounce_rate", Kind::Float),
            ("tracking.soft_bounce_rate", Kind::Float),
        ],
    ),
    (
        K::GroupPopulation,
        &[
            ("population.size", Kind::Int),
            ("population.signups_per_day", Kind::Float),
            ("population.birthday_known", Kind::Float),
            ("population.invalid_address_rate", Kind::Float),
            ("population.engaged_share", Kind::Float),
        ],
    ),
];

fn all_paths() -> impl Iterator<Item = &'static str> {
    GROUPS.iter().flat_map(|(_, f)| f.iter().map(|(p, _)| *p))
}

/// Every problem of the document as typed: the JSON/type error, or the validation list.
fn problems(ctx: Ctx) -> Vec<ScenarioError> {
    match ctx.raw_error.get() {
        Some(e) => vec![e],
        None => {
            let mut all = ctx.errors.get();
            // The engine's refusal to run a valid document (its size limits).
            if let Some(st) = use_context::<super::views::SimStatus>() {
                all.extend(st.errors.get());
            }
            all
        }
    }
}

fn error_list(errors: Vec<ScenarioError>) -> impl IntoView {
    errors
        .into_iter()
        .map(|e| {
            view! {
                <p class="cs-error" data-testid="error" role="alert">
                    {e.to_string()}
                </p>
            }
        })
        .collect_view()
}

/// Writes a field's typed text into the document (what was typed is kept as is).
fn edit(ctx: Ctx, path: &'static str, kind: Kind, text: &str) {
    let Ok(mut doc) = serde_json::from_str::<Value>(&ctx.raw.get_untracked()) else {
        return;
    };
    editor::set(&mut doc, path, editor::value_of(kind, text));
    if let Ok(text) = serde_json::to_string_pretty(&doc) {
        ctx.preset.set(String::new());
        set_text(ctx, text, false);
    }
}

fn field(ctx: Ctx, doc: Memo<Option<Value>>, path: &'static str, kind: Kind) -> impl IntoView {
    let doc_text = Memo::new(move |_| {
        doc.with(|d| editor::text_of(kind, d.as_ref().and_then(|d| editor::get(d, path))))
    });
    // What the user typed, kept while it means the same as the document's value.
    let typed = RwSignal::new(doc_text.get_untracked());
    let shown = move || {
        let mut d = doc_text.get();
        // An absent choice shows the engine's default, the first option.
        if let (Kind::Choice(options), true) = (kind, d.is_empty()) {
            if !options.contains(&"") {
                d = options.first().copied().unwrap_or("").to_string();
            }
        }
        let t = typed.get();
        if editor::same_value(kind, &t, &d) {
            t
        } else {
            d
        }
    };
    let freq = Memo::new(move |_| {
        doc.with(|d| {
            d.as_ref()
                .and_then(|d| editor::get(d, "workflow.scheduler.frequency"))
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default()
        })
    });
    let on_text = move |v: String| {
        typed.set(v.clone());
        edit(ctx, path, kind, &v);
    };
    let input = match kind {
        Kind::Bool => view! {
            <input
                type="checkbox"
                data-field=path
                                prop:checked=move || doc_text.get() == "true"
                on:change:target=move |ev| {
                    let v = if ev.target().checked() { "true" } else { "false" };
                    edit(ctx, path, kind, v);
                }
            />
        }
        .into_any(),
        Kind::Choice(options) => view! {
            <select data-field=path prop:value=shown on:change:target=move |ev| on_text(ev.target().value())>
                {options.iter().map(|o| view! { <option value=*o>{if o.is_empty() { "—" } else { o }}</option> }).collect_view()}
            </select>
        }
        .into_any(),
        Kind::Outages => view! {
            <textarea
                data-field=path
                rows="3"
                spellcheck="false"
                placeholder="2026-03-02T00:00 2026-03-05T00:00"
                prop:value=shown
                on:input:target=move |ev| on_text(ev.target().value())
            ></textarea>
        }
        .into_any(),
        _ => view! {
            <input
                type="text"
                data-field=path
                                spellcheck="false"
                placeholder=placeholder(path)
                inputmode=match kind {
                    Kind::Int | Kind::Float => "decimal",
                    _ => "text",
                }
                prop:value=shown
                on:input:target=move |ev| on_text(ev.target().value())
            />
        }
        .into_any(),
    };
    let errors = move || {
        problems(ctx)
            .into_iter()
            .filter(|e| editor::owns(path, &e.path))
            .collect::<Vec<_>>()
    };
    view! {
        <div
            class="cs-fieldrow"
            class:cs-invalid=move || !errors().is_empty()
            style:display=move || if applies(path, &freq.get()) { "" } else { "none" }
        >
            <label>
                <span>{move || field_label(ctx.lang.get(), path)}</span>
                {input}
            </label>
            {move || error_list(errors())}
        </div>
    }
}

/// The scenario panel.
pub fn scenario_panel(ctx: Ctx) -> impl IntoView {
    let doc = Memo::new(move |_| serde_json::from_str::<Value>(&ctx.raw.get()).ok());
    let now = Memo::new(move |_| ctx.playback.with(|p| p.now()));
    let description = move || {
        let lang = ctx.lang.get();
        if !ctx.errors.with(|e| e.is_empty()) {
            return String::new();
        }
        ctx.draft.with(|s| {
            s.workflows().first().map_or_else(String::new, |w| {
                describe_schedule(w.scheduler, &s.timezone, s.year, lang)
            })
        })
    };
    let next = move || {
        let lang = ctx.lang.get();
        let after = now.get();
        if !ctx.errors.with(|e| e.is_empty()) {
            return Vec::new();
        }
        ctx.draft.with(|s| {
            let Ok(cal) = s.calendar() else {
                return Vec::new();
            };
            let downtime = crate::engine::sim::downtime(s, &cal);
            let after = after.max(cal.horizon_start - 1);
            crate::engine::sim::schedulers(s, &cal)
                .first()
                .map(|sc| sc.preview(&downtime, after, 5))
                .unwrap_or_default()
                .into_iter()
                .map(|t| format::date_time(lang, cal.local(t)))
                .collect()
        })
    };
    let recipients = move || {
        doc.with(|d| {
            d.as_ref()
                .and_then(|d| d.get("recipients"))
                .and_then(|r| r.as_array())
                .map_or(0, |a| a.len())
        })
    };
    let unowned = move || {
        problems(ctx)
            .into_iter()
            .filter(|e| !all_paths().any(|p| editor::owns(p, &e.path)))
            .collect::<Vec<_>>()
    };
    view! {
        <section class="cs-panel">
            <h2>{move || ctx.t(K::Scenario)}</h2>
            <p class="cs-hint">{move || ctx.t(K::ScenarioHint)}</p>
            <div class="cs-schedule">
                <p>
                    <strong>{move || ctx.t(K::Schedule)} ": "</strong>
                    <span data-testid="schedule-description">{description}</span>
                </p>
                <p>
                    <strong>{move || ctx.t(K::NextExecutions)} ": "</strong>
                    <span data-testid="next-executions">{move || next().join(" · ")}</span>
                </p>
            </div>
            <div class="cs-groups">
                {GROUPS
                    .iter()
                    .map(|(label, fields)| {
                        let label = *label;
                        let extra = match label {
                            K::GroupPopulation => Some(
                                view! {
                                    <p class="cs-hint">
                                        {recipients} " " {move || ctx.t(K::ExplicitRecipients)}
                                    </p>
                                }
                                .into_any(),
                            ),
                            K::GroupOutages => Some(view! { <p class="cs-hint">{move || ctx.t(K::OutageHint)}</p> }.into_any()),
                            K::GroupScheduler => Some(view! { <p class="cs-hint">{move || ctx.t(K::DstHint)}</p> }.into_any()),
                            _ => None,
                        };
                        view! {
                            <fieldset class="cs-group">
                                <legend>{move || ctx.t(label)}</legend>
                                {extra}
                                {fields
                                    .iter()
                                    .map(|(path, kind)| field(ctx, doc, path, *kind))
                                    .collect_view()}
                            </fieldset>
                        }
                    })
                    .collect_view()}
            </div>
            {super::files::scenario_files(ctx)}
            <details class="cs-raw">
                <summary>{move || ctx.t(K::RawJson)}</summary>
                <label>
                <span class="cs-sr">{move || tr(ctx.lang.get(), K::RawJson)}</span>
                <textarea
                    data-testid="scenario-json"
                    rows="16"
                    spellcheck="false"
                    prop:value=move || ctx.raw.get()
                    on:input:target=move |ev| {
                        ctx.preset.set(String::new());
                        set_text(ctx, ev.target().value(), false);
                    }
                ></textarea>
                </label>
            </details>
            {move || error_list(unowned())}
            <Show when=move || !problems(ctx).is_empty()>
                <p class="cs-hint">{move || ctx.t(K::Invalid)}</p>
            </Show>
        </section>
    }
}
