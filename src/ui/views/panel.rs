//! The scenario panel: an editor for every field of the document, the raw JSON, the
//! plain-language schedule and the next executions. Errors are the engine's own
//! messages (`data-testid="error"`), shown next to the field whose path they name.

use leptos::prelude::*;

use super::heading::Heading;

use super::files::ScenarioFiles;
use crate::engine::doc::describe::describe_schedule;
use crate::engine::doc::ScenarioError;
use crate::ui::derived::fields::{all_paths, applies, placeholder, GROUPS};
use crate::ui::editor::{self, Kind};
use crate::ui::format;
use crate::ui::handles::{Clock, DocHandle, Locale, Run};
use crate::ui::i18n::{field_label, K};

/// Every problem of the document as typed (the JSON/type error, or the validation
/// list), and the engine's refusal to run a valid document (its size limits).
fn problems(doc: DocHandle, run: Run) -> Vec<ScenarioError> {
    let mut all = doc.with(|d| d.all_problems());
    if doc.with(|d| d.parse_error().is_none()) {
        all.extend(run.status(|s| s.refused.clone()));
    }
    all
}

#[component]
fn ErrorList(errors: Vec<ScenarioError>) -> impl IntoView {
    errors
        .into_iter()
        .map(|e| view! { <p class="cs-error" data-testid="error" role="alert">{e.to_string()}</p> })
        .collect_view()
}

/// One field: its input (what the user typed is kept while it means the same as the
/// document's value), its problems; scheduler fields only for their frequency, and a
/// `workflow`'s fields not for a document of `several` workflows.
#[component]
fn Field(path: &'static str, kind: Kind, several: Memo<bool>) -> impl IntoView {
    let locale = expect_context::<Locale>();
    let doc = expect_context::<DocHandle>();
    let run = expect_context::<Run>();
    let doc_text = Memo::new(move |_| {
        doc.with(|d| d.with_value(|v| editor::text_of(kind, v.and_then(|v| editor::get(v, path)))))
    });
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
            d.with_value(|v| {
                v.and_then(|v| editor::get(v, "workflow.scheduler.frequency"))
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default()
            })
        })
    });
    let edit = move |text: String| {
        doc.change(run, false, |d| {
            d.edit_field(path, kind, &text);
        })
    };
    let on_text = move |v: String| {
        typed.set(v.clone());
        edit(v);
    };
    let input = field_input(path, kind, Signal::derive(shown), doc_text, on_text, edit);
    let errors = move || {
        problems(doc, run)
            .into_iter()
            .filter(|e| editor::owns(path, &e.path))
            .collect::<Vec<_>>()
    };
    view! {
        <div
            class="cs-fieldrow"
            class:cs-invalid=move || !errors().is_empty()
            style:display=move || {
                let absent = several.get() && path.starts_with("workflow.");
                if applies(path, &freq.get()) && !absent { "" } else { "none" }
            }
        >
            <label>
                <span>{move || field_label(locale.get(), path)}</span>
                {input}
            </label>
            {move || view! { <ErrorList errors=errors() /> }}
        </div>
    }
}

/// The input of a field of kind `kind`: a checkbox, a choice, the outages' text area
/// or a text input.
fn field_input(
    path: &'static str,
    kind: Kind,
    shown: Signal<String>,
    doc_text: Memo<String>,
    on_text: impl Fn(String) + Copy + Send + Sync + 'static,
    edit: impl Fn(String) + Copy + Send + Sync + 'static,
) -> AnyView {
    match kind {
        Kind::Bool => view! {
            <input
                type="checkbox"
                data-field=path
                prop:checked=move || doc_text.get() == "true"
                on:change:target=move |ev| edit(if ev.target().checked() { "true" } else { "false" }.to_string())
            />
        }
        .into_any(),
        Kind::Choice(options) => view! {
            <select data-field=path prop:value=shown on:change:target=move |ev| on_text(ev.target().value())>
                {options.iter().map(|o| view! { <option value=*o>{if o.is_empty() { "—" } else { o }}</option> }).collect_view()}
            </select>
        }
        .into_any(),
        Kind::Outages => view! { <OutagesEditor path shown on_text /> }.into_any(),
        _ => view! {
            <input
                type="text"
                data-field=path
                spellcheck="false"
                placeholder=placeholder(path)
                inputmode=match kind { Kind::Int | Kind::Float => "decimal", _ => "text" }
                prop:value=shown
                on:input:target=move |ev| on_text(ev.target().value())
            />
        }
        .into_any(),
    }
}

/// The outages, one row each: from and to as date-and-time inputs (no format to type),
/// a way to remove a row and one to add an outage on the clock's day.
#[component]
fn OutagesEditor(
    path: &'static str,
    shown: Signal<String>,
    on_text: impl Fn(String) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let locale = expect_context::<Locale>();
    let run = expect_context::<Run>();
    let clock = expect_context::<Clock>();
    // The rows as the editor's text holds them: "from to" a line.
    let rows = move || {
        shown
            .get()
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| {
                let mut it = l.split_whitespace();
                (
                    it.next().unwrap_or("").to_string(),
                    it.next().unwrap_or("").to_string(),
                )
            })
            .collect::<Vec<_>>()
    };
    let write = move |rows: Vec<(String, String)>| {
        on_text(
            rows.iter()
                .map(|(a, b)| format!("{a} {b}"))
                .collect::<Vec<_>>()
                .join("\n"),
        )
    };
    let set = move |k: usize, end: bool, v: String| {
        let mut r = rows();
        if let Some(row) = r.get_mut(k) {
            if end {
                row.1 = v
            } else {
                row.0 = v
            }
        }
        write(r);
    };
    let add = move |_| {
        let day = run.with(|s| s.cal.local_date(clock.now().max(s.cal.horizon_start)));
        let Some(day) = day else { return };
        let mut r = rows();
        r.push((
            format!("{day}T00:00"),
            format!("{}T00:00", day.succ_opt().unwrap_or(day)),
        ));
        write(r);
    };
    // A datetime-local input reads and writes "YYYY-MM-DDTHH:MM".
    let minutes = |t: &str| t.get(..16).unwrap_or(t).to_string();
    view! {
        <div class="cs-outages" data-field=path>
            {move || rows().into_iter().enumerate().map(|(k, (from, to))| view! {
                <div class="cs-outage" data-testid="outage">
                    <label class="cs-field cs-inline"><span>{locale.text(K::From)}</span>
                        <input type="datetime-local" data-testid="outage-from" prop:value=minutes(&from) on:change:target=move |ev| set(k, false, ev.target().value()) />
                    </label>
                    <label class="cs-field cs-inline"><span>{locale.text(K::To)}</span>
                        <input type="datetime-local" data-testid="outage-to" prop:value=minutes(&to) on:change:target=move |ev| set(k, true, ev.target().value()) />
                    </label>
                    <button data-testid="outage-remove" on:click=move |_| { let mut r = rows(); r.remove(k); write(r); }>{locale.text(K::OutageRemove)}</button>
                </div>
            }).collect_view()}
            <button data-testid="outage-add" on:click=add>{locale.text(K::OutageAdd)}</button>
        </div>
    }
}

/// The schedule in words and the next executions after the clock.
#[component]
fn Schedule() -> impl IntoView {
    let locale = expect_context::<Locale>();
    let doc = expect_context::<DocHandle>();
    let clock = expect_context::<Clock>();
    let description = move || {
        let lang = locale.get();
        doc.with(|d| {
            let s = d.draft();
            match (d.is_valid(), s.workflows().first()) {
                (true, Some(w)) => describe_schedule(w.scheduler, &s.timezone, s.year, lang),
                _ => String::new(),
            }
        })
    };
    let next = move || {
        let (lang, after) = (locale.get(), clock.now());
        doc.with(|d| {
            let s = d.draft();
            let Some(cal) = d.is_valid().then(|| s.calendar().ok()).flatten() else {
                return Vec::new();
            };
            // The Scheduler's own preview of the draft (not simulated yet, perhaps).
            let after = after.max(cal.horizon_start - 1);
            crate::engine::sim::plan::preview(s, 0, after, 5)
                .into_iter()
                .map(|t| format::date_time(lang, cal.local(t)))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <div class="cs-schedule">
            <p>
                <strong>{locale.text(K::Schedule)} {locale.text(K::Colon)}</strong>
                <span data-testid="schedule-description">{description}</span>
            </p>
            <p>
                <strong>{locale.text(K::NextExecutions)} {locale.text(K::Colon)}</strong>
                <span data-testid="next-executions">{move || next().join(" · ")}</span>
            </p>
        </div>
    }
}

/// The scenario panel.
#[component]
pub fn ScenarioPanel() -> impl IntoView {
    let locale = expect_context::<Locale>();
    let doc = expect_context::<DocHandle>();
    let run = expect_context::<Run>();
    let recipients = move || {
        doc.with(|d| {
            d.with_value(|v| {
                v.and_then(|v| v.get("recipients"))
                    .and_then(|r| r.as_array())
                    .map_or(0, |a| a.len())
            })
        })
    };
    let unowned = move || {
        problems(doc, run)
            .into_iter()
            .filter(|e| !all_paths().any(|p| editor::owns(p, &e.path)))
            .collect::<Vec<_>>()
    };
    // A document of several workflows (`workflows`): the form's fields are those of
    // one `workflow`, so its workflow groups say where to edit them instead.
    let several = Memo::new(move |_| {
        doc.with(|d| d.with_value(|v| v.is_some_and(|v| v.get("workflows").is_some())))
    });
    let groups = GROUPS
        .iter()
        .map(|(label, fields)| {
            let label = *label;
            let per_workflow = fields.iter().any(|(p, _)| p.starts_with("workflow."));
            let extra = match label {
                K::GroupPopulation => Some(view! { <p class="cs-hint">{recipients} " " {locale.text(K::ExplicitRecipients)}</p> }.into_any()),
                K::GroupOutages => Some(view! { <p class="cs-hint">{locale.text(K::OutageHint)}</p> }.into_any()),
                K::GroupScheduler => Some(view! { <p class="cs-hint">{locale.text(K::DstHint)}</p> }.into_any()),
                _ => None,
            };
            view! {
                <fieldset class="cs-group">
                    <legend>{move || locale.t(label)}</legend>
                    {extra}
                    <Show when=move || per_workflow && several.get()>
                        <p class="cs-hint" data-testid="several-workflows-form">{locale.text(K::SeveralWorkflowsForm)}</p>
                    </Show>
                    {fields.iter().map(|(path, kind)| view! { <Field path kind=*kind several /> }).collect_view()}
                </fieldset>
            }
        })
        .collect_view();
    view! {
        <section class="cs-panel" data-section="scenario" tabindex="-1">
            <Heading depth=1 text=locale.sig(K::Scenario) />
            <p class="cs-hint">{locale.text(K::ScenarioHint)}</p>
            <Schedule />
            <div class="cs-groups">{groups}</div>
            <ScenarioFiles />
            <details class="cs-raw">
                <summary>{locale.text(K::RawJson)}</summary>
                <label>
                    <span class="cs-sr">{locale.text(K::RawJson)}</span>
                    <textarea
                        data-testid="scenario-json"
                        rows="16"
                        spellcheck="false"
                        prop:value=move || doc.with(|d| d.text().to_string())
                        on:input:target=move |ev| {
                            let text = ev.target().value();
                            doc.change(run, false, move |d| d.set_custom_text(text));
                        }
                    ></textarea>
                </label>
            </details>
            {move || view! { <ErrorList errors=unowned() /> }}
            <Show when=move || !problems(doc, run).is_empty()>
                <p class="cs-hint">{locale.text(K::Invalid)}</p>
            </Show>
        </section>
    }
}
