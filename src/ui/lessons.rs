//! Guided lessons on the page: the Questions menu, the lesson panel, and the runner
//! that applies a step's plan (`ui::lesson::plan`) through the action queue.
//!
//! Lesson files are fetched when a lesson is opened (`ui::assets`), never compiled in.
//! Every step is applied as the whole lesson replayed up to it (Back is exact): the
//! step's scenario document is set when it differs from the page's, then, once its
//! outcome is on screen (`app::dispatch`), the view starts fresh and the step's view
//! operations apply in order; last, the step's element is outlined and scrolled to.

use std::sync::Arc;

use gloo_timers::callback::Timeout;
use leptos::prelude::*;
use serde_json::Value;
use wasm_bindgen::JsCast;

use super::app::{dispatch, jump_now, set_text, Ctx, LogFilters};
use super::assets::fetch_text;
use super::i18n::{code, fill, Lang, K};
use super::lesson::{
    index_path, lesson_path, parse_index, parse_lesson, plan, Clock, IndexEntry, Lesson, Op, Plan,
};
use super::presets::PRESETS;

/// The CSS class of the outlined element.
const TARGET: &str = "cs-lesson-target";
/// Tries to find the element to outline (the view may still be drawing it).
const HIGHLIGHT_TRIES: u32 = 20;

/// What the lesson panel shows.
#[derive(Clone, Debug, PartialEq)]
pub enum Shown {
    Closed,
    Loading,
    /// The lesson could not be opened: why (unknown id, missing or bad file).
    Failed(String),
    Open {
        lesson: Arc<Lesson>,
        step: usize,
    },
}

type IndexResult = Option<Result<Arc<Vec<IndexEntry>>, String>>;

/// The lessons of one instance (a context of that instance only).
#[derive(Clone, Copy)]
pub struct Lessons {
    pub shown: RwSignal<Shown>,
    /// The Questions menu of each language (en, fr), once fetched.
    index: RwSignal<[IndexResult; 2]>,
    /// Whether the Questions menu is open.
    menu_open: RwSignal<bool>,
    /// The scenario document when the lesson was opened (what steps before the first
    /// preset apply to).
    base: StoredValue<Value>,
    /// Counts opens and steps: a file or an outline meant for an older one is dropped.
    token: StoredValue<u64>,
    /// The panel's slot (sticky at the top of the instance): the instance is found
    /// from it, and the outlined element is scrolled to below it.
    slot: NodeRef<leptos::html::Div>,
}

fn slot_of(lang: Lang) -> usize {
    match lang {
        Lang::En => 0,
        Lang::Fr => 1,
    }
}

/// Creates the instance's lessons and opens the configured one (an embed's `lesson`).
pub fn provide(ctx: Ctx) -> Lessons {
    let l = Lessons {
        shown: RwSignal::new(Shown::Closed),
        index: RwSignal::new([None, None]),
        menu_open: RwSignal::new(false),
        base: StoredValue::new(Value::Null),
        token: StoredValue::new(0),
        slot: NodeRef::new(),
    };
    provide_context(l);
    // Switching language while a lesson is open reloads that lesson in the other
    // language, at the same step (the page state stays: both files have the same steps).
    Effect::new(move |prev: Option<Lang>| {
        let lang = ctx.lang.get();
        if prev.is_some_and(|p| p != lang) {
            if let Shown::Open { lesson, step } = l.shown.get_untracked() {
                let token = next_token(l);
                let id = lesson.id.clone();
                leptos::task::spawn_local(async move {
                    let loaded = load(l, &id, lang, None).await;
                    if l.token.try_get_value() != Some(token) {
                        return;
                    }
                    match loaded {
                        Ok(lesson) => {
                            let step = step.min(lesson.steps.len() - 1);
                            let highlight = lesson.steps[step].highlight.clone();
                            l.shown.set(Shown::Open { lesson, step });
                            outline(l, token, highlight, false, 0);
                        }
                        Err(e) => l.shown.set(Shown::Failed(e)),
                    }
                });
            }
        }
        lang
    });
    // The menu's list, fetched when the menu is first opened in a language.
    Effect::new(move |_| {
        let lang = ctx.lang.get();
        if l.menu_open.get() && l.index.with(|i| i[slot_of(lang)].is_none()) {
            leptos::task::spawn_local(async move {
                let _ = index(l, lang).await;
            });
        }
    });
    if let Some((id, option)) = ctx.initial_lesson.get_value() {
        open(ctx, l, id, Some(option), false);
    }
    l
}

fn next_token(l: Lessons) -> u64 {
    l.token.update_value(|t| *t += 1);
    l.token.get_value()
}

/// The Questions menu of `lang`, fetched once.
async fn index(l: Lessons, lang: Lang) -> Result<Arc<Vec<IndexEntry>>, String> {
    if let Some(done) = l.index.with_untracked(|i| i[slot_of(lang)].clone()) {
        return done;
    }
    let path = index_path(code(lang));
    let result = fetch_text(&path).await.and_then(|text| {
        parse_index(&text)
            .map(Arc::new)
            .map_err(|e| format!("{path}: {e}"))
    });
    l.index.update(|i| i[slot_of(lang)] = Some(result.clone()));
    result
}

/// Fetches and checks lesson `id` in `lang`. `option` names the embed option that
/// asked for it (`config.lesson`, `data-lesson`), for an unknown id's message.
async fn load(
    l: Lessons,
    id: &str,
    lang: Lang,
    option: Option<&str>,
) -> Result<Arc<Lesson>, String> {
    let list = index(l, lang).await?;
    if !list.iter().any(|e| e.id == id) {
        let ids: Vec<&str> = list.iter().map(|e| e.id.as_str()).collect();
        let what = format!(
            "\"{}\" is not a lesson ({})",
            id.chars().take(40).collect::<String>(),
            ids.join(", ")
        );
        return Err(match option {
            Some(o) => format!("{o}: {what}"),
            None => what,
        });
    }
    let path = lesson_path(id, code(lang));
    let text = fetch_text(&path).await?;
    parse_lesson(&text, Some(id))
        .map(Arc::new)
        .map_err(|e| format!("{path}: {e}"))
}

/// Opens lesson `id` at its first step. `scroll`: bring the outlined element into
/// view (not when a widget opens its lesson as the host page loads).
pub fn open(ctx: Ctx, l: Lessons, id: String, option: Option<String>, scroll: bool) {
    let token = next_token(l);
    l.shown.set(Shown::Loading);
    l.menu_open.set(false);
    // What the steps before the first preset apply to: the page's document now.
    let base = serde_json::from_str::<Value>(&ctx.raw.get_untracked())
        .ok()
        .or_else(|| ctx.draft.with_untracked(|d| serde_json::to_value(d).ok()))
        .unwrap_or(Value::Null);
    l.base.set_value(base);
    leptos::task::spawn_local(async move {
        let lang = ctx.lang.get_untracked();
        let loaded = load(l, &id, lang, option.as_deref()).await;
        // try_: the widget may have been unmounted meanwhile (a removed <campaign-sim>).
        if l.token.try_get_value() != Some(token) {
            return;
        }
        match loaded {
            Ok(lesson) => {
                l.shown.set(Shown::Open { lesson, step: 0 });
                go(ctx, l, 0, scroll);
                if scroll {
                    focus(l, "lesson-next");
                }
            }
            Err(e) => l.shown.set(Shown::Failed(e)),
        }
    });
}

/// Shows step `k` of the open lesson and applies it.
fn go(ctx: Ctx, l: Lessons, k: usize, scroll: bool) {
    let Shown::Open { lesson, .. } = l.shown.get_untracked() else {
        return;
    };
    let k = k.min(lesson.steps.len() - 1);
    l.shown.set(Shown::Open {
        lesson: lesson.clone(),
        step: k,
    });
    let token = next_token(l);
    let p = l.base.with_value(|base| plan(&lesson, k, base));
    let highlight = p.highlight.clone();
    apply(ctx, p, move || outline(l, token, highlight, scroll, 0));
}

/// Leaves the lesson (the page stays as the last step left it).
fn close(l: Lessons) {
    next_token(l);
    l.shown.set(Shown::Closed);
    clear_outline(l);
    focus(l, "questions-menu");
}

/// Puts the plan's document on the page (when it differs), then, on its outcome, a
/// fresh view with the plan's operations applied in order; then `done`.
fn apply(ctx: Ctx, p: Plan, done: impl FnOnce() + 'static) {
    let current = serde_json::from_str::<Value>(&ctx.raw.get_untracked()).ok();
    if current.as_ref() != Some(&p.doc) {
        // A preset's own document selects it in the picker and keeps its text.
        let preset = PRESETS
            .iter()
            .find(|pr| serde_json::from_str::<Value>(pr.json).ok().as_ref() == Some(&p.doc));
        let text = match preset {
            Some(pr) => pr.json.to_string(),
            None => serde_json::to_string_pretty(&p.doc).unwrap_or_default(),
        };
        ctx.preset.set(preset.map_or("", |pr| pr.name).to_string());
        set_text(ctx, text, true);
    }
    let ops = p.ops;
    dispatch(ctx, move |ctx| {
        fresh_view(ctx);
        for op in ops {
            apply_op(ctx, op);
        }
        done();
    });
}

/// The view a new scenario starts with: clock on 1 January, paused, the first mode,
/// nothing selected or filtered.
fn fresh_view(ctx: Ctx) {
    ctx.playback.update(|p| {
        p.pause();
        let s = p.start();
        p.scrub(s);
    });
    ctx.column.set(0);
    ctx.selected.set(None);
    ctx.execution.set(None);
    ctx.trace_execution.set(None);
    ctx.recipient.set(None);
    ctx.filters.set(LogFilters::default());
}

fn apply_op(ctx: Ctx, op: Op) {
    match op {
        Op::Mode(m) => {
            let column = ctx
                .sim
                .with_untracked(|s| s.as_ref()?.columns.iter().position(|c| c.mode == m));
            if let Some(c) = column {
                ctx.column.set(c);
                ctx.selected.set(None);
            }
        }
        Op::Clock(Clock::End) => ctx.playback.update(|p| p.run_to_end()),
        Op::Clock(Clock::At(local)) => {
            if let Some(cal) = ctx.sim.with_untracked(|s| s.as_ref().map(|s| s.cal)) {
                let t = cal.instant(local);
                ctx.playback.update(|p| {
                    p.pause();
                    p.scrub(t);
                });
            }
        }
        Op::Jump(text) => {
            let column = ctx.column.get_untracked();
            let e = ctx.sim.with_untracked(|s| {
                s.as_ref()?
                    .outcome(column)
                    .and_then(|o| super::nav::resolve(o, &text))
            });
            if let Some(e) = e {
                jump_now(ctx, e);
            }
        }
        Op::Delivery(d) => {
            let column = ctx.column.get_untracked();
            ctx.selected.set(Some((column, d)));
            // An execution filter that points at another delivery's execution would
            // show "0 rows": it goes (a later `execution` field sets its own).
            let foreign = ctx.execution.get_untracked().is_some_and(|e| {
                ctx.sim.with_untracked(|s| {
                    s.as_ref()
                        .and_then(|s| s.outcome(column))
                        .and_then(|o| o.executions().get(e))
                        .is_none_or(|x| x.delivery.map(u64::from) != Some(d))
                })
            });
            if foreign {
                ctx.execution.set(None);
            }
        }
        Op::Execution(n) => {
            ctx.execution.set(Some(n - 1));
            ctx.trace_execution.set(Some(n - 1));
        }
        Op::Recipient(r) => ctx.recipient.set(Some(r)),
        Op::Filters { status, reason } => ctx.filters.update(|f| {
            f.status = status.map(|s| format!("{s:?}")).unwrap_or_default();
            f.reason = reason.map(|r| format!("{r:?}")).unwrap_or_default();
        }),
    }
}

/// The instance's root element (`.cs`), found from the panel's slot.
fn root(l: Lessons) -> Option<web_sys::Element> {
    let slot: web_sys::Element = l.slot.try_get_untracked().flatten()?.into();
    slot.closest(".cs").ok().flatten()
}

fn clear_outline(l: Lessons) {
    let Some(nodes) = root(l).and_then(|r| r.query_selector_all(&format!(".{TARGET}")).ok()) else {
        return;
    };
    for i in 0..nodes.length() {
        if let Some(el) = nodes
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        {
            let _ = el.class_list().remove_1(TARGET);
        }
    }
}

/// Outlines every element of the instance whose `data-testid` is `testid` and, with
/// `scroll`, brings the first one into view below the panel. The view may still be
/// drawing it: tries again a few times.
fn outline(l: Lessons, token: u64, testid: Option<String>, scroll: bool, attempt: u32) {
    Timeout::new(if attempt == 0 { 30 } else { 100 }, move || {
        if l.token.try_get_value() != Some(token) {
            return;
        }
        clear_outline(l);
        let Some(t) = testid else {
            return;
        };
        let nodes =
            root(l).and_then(|r| r.query_selector_all(&format!("[data-testid=\"{t}\"]")).ok());
        let Some(nodes) = nodes.filter(|n| n.length() > 0) else {
            if attempt < HIGHLIGHT_TRIES {
                outline(l, token, Some(t), scroll, attempt + 1);
            }
            return;
        };
        let mut first = None;
        for i in 0..nodes.length() {
            if let Some(el) = nodes
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            {
                // A table or chart in a horizontal scroll box: the box would clip the
                // outline, so the box gets it.
                let el = match el.parent_element() {
                    Some(p) if p.class_list().contains("cs-scroll") => p,
                    _ => el,
                };
                let _ = el.class_list().add_1(TARGET);
                first.get_or_insert(el);
            }
        }
        if let (true, Some(el)) = (scroll, first) {
            scroll_below_panel(l, &el);
        }
    })
    .forget();
}

/// Scrolls the page so that `el` is in view below the (sticky) lesson panel: centred
/// in the space left when it fits (what is around it is context), else its top just
/// below the panel.
fn scroll_below_panel(l: Lessons, el: &web_sys::Element) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let panel = l
        .slot
        .get_untracked()
        .map_or(0.0, |s| f64::from(s.offset_height()));
    let height = window
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(800.0);
    let r = el.get_bounding_client_rect();
    let free_top = panel + 12.0;
    let free = height - free_top;
    if r.top() < free_top || r.bottom() > height {
        let margin = ((free - r.height()) / 2.0).max(0.0);
        window.scroll_by_with_x_and_y(0.0, r.top() - free_top - margin);
    }
}

/// Focuses the instance's element with `data-testid` `testid`, once drawn.
fn focus(l: Lessons, testid: &'static str) {
    Timeout::new(60, move || {
        let el = root(l)
            .and_then(|r| {
                r.query_selector(&format!("[data-testid=\"{testid}\"]"))
                    .ok()
                    .flatten()
            })
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(el) = el {
            let _ = el.focus();
        }
    })
    .forget();
}

/// The Questions menu (the full page's header): one item per lesson of the index.
pub fn menu(ctx: Ctx) -> impl IntoView {
    let l = use_context::<Lessons>()?;
    let list = move || {
        let lang = ctx.lang.get();
        match l.index.with(|i| i[slot_of(lang)].clone()) {
            None => view! { <p class="cs-hint">{ctx.t(K::QuestionsLoading)}</p> }.into_any(),
            Some(Err(e)) => {
                view! { <p class="cs-error" role="alert" data-testid="lesson-error">{e}</p> }
                    .into_any()
            }
            Some(Ok(entries)) => view! {
                <ol>
                    {entries
                        .iter()
                        .map(|e| {
                            let id = e.id.clone();
                            view! {
                                <li>
                                    <button
                                        class="cs-link"
                                        data-testid="lesson"
                                        data-lesson=e.id.clone()
                                        on:click=move |_| open(ctx, l, id.clone(), None, true)
                                    >
                                        <span class="cs-lesson-n">{e.question.to_string()}</span>
                                        {e.title.clone()}
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
            }
            .into_any(),
        }
    };
    Some(view! {
        <details
            class="cs-questions"
            prop:open=move || l.menu_open.get()
            on:toggle=move |ev| {
                let open = ev
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok())
                    .is_some_and(|d| d.open());
                if open != l.menu_open.get_untracked() {
                    l.menu_open.set(open);
                }
            }
        >
            <summary data-testid="questions-menu">{move || ctx.t(K::Questions)}</summary>
            <div class="cs-questions-list">
                <p class="cs-hint">{move || ctx.t(K::QuestionsHint)}</p>
                {list}
            </div>
        </details>
    })
}

/// The lesson panel: narration, what to notice, progress, Back / Next and a way out.
/// It sits in a sticky slot at the top of the instance, so Next stays at hand while the
/// page scrolls to what a step shows.
pub fn panel(ctx: Ctx) -> impl IntoView {
    let l = use_context::<Lessons>();
    let slot = l.map_or_else(NodeRef::new, |l| l.slot);
    let shown = move || l.map_or(Shown::Closed, |l| l.shown.get());
    let is_open = move || matches!(shown(), Shown::Open { .. });
    // (lesson, step) of the open lesson.
    let current = move || match shown() {
        Shown::Open { lesson, step } => Some((lesson, step)),
        _ => None,
    };
    let step_text = move |f: fn(&super::lesson::Step) -> String| {
        current()
            .and_then(|(lesson, k)| lesson.steps.get(k).map(f))
            .unwrap_or_default()
    };
    let progress = move || current().map(|(lesson, k)| (k + 1, lesson.steps.len()));
    let last = move || progress().is_some_and(|(k, n)| k >= n);
    // Next on the last step finishes the lesson.
    let move_to = move |delta: isize| {
        let (Some(l), Some((_, k))) = (l, current()) else {
            return;
        };
        if delta > 0 && last() {
            close(l);
        } else if let Some(k) = k.checked_add_signed(delta) {
            go(ctx, l, k, true);
        }
    };
    let label = move || {
        current()
            .map(|(lesson, _)| format!("{}: {}", ctx.t(K::Lesson), lesson.title))
            .unwrap_or_default()
    };
    view! {
        <div class="cs-lesson-slot" node_ref=slot>
            <Show when=move || matches!(shown(), Shown::Loading)>
                <div class="cs-lesson" role="group" aria-label=move || ctx.t(K::Lesson)>
                    <p class="cs-hint" role="status">{move || ctx.t(K::LessonLoading)}</p>
                </div>
            </Show>
            <Show when=move || matches!(shown(), Shown::Failed(_))>
                <div class="cs-lesson" role="group" aria-label=move || ctx.t(K::Lesson)>
                    <p class="cs-error" role="alert" data-testid="lesson-error">
                        {move || match shown() { Shown::Failed(e) => e, _ => String::new() }}
                    </p>
                    <div class="cs-lesson-nav">
                        <button data-testid="lesson-close" on:click=move |_| { if let Some(l) = l { close(l) } }>
                            {move || ctx.t(K::LessonClose)}
                        </button>
                    </div>
                </div>
            </Show>
            <Show when=is_open>
                <div
                    class="cs-lesson"
                    role="group"
                    aria-label=label
                    data-testid="lesson-panel"
                    data-lesson=move || current().map(|(lesson, _)| lesson.id.clone())
                >
                    <div class="cs-lesson-head">
                        <span class="cs-lesson-q">
                            {move || current().map(|(lesson, _)| fill(ctx.t(K::LessonQuestion), &[("n", &lesson.question.to_string())]))}
                        </span>
                        <strong class="cs-lesson-title">{move || current().map(|(lesson, _)| lesson.title.clone())}</strong>
                        <span
                            class="cs-lesson-step"
                            data-testid="lesson-step"
                            data-step=move || progress().map(|(k, n)| format!("{k}/{n}"))
                        >
                            {move || progress().map(|(k, n)| fill(ctx.t(K::LessonStep), &[("k", &k.to_string()), ("n", &n.to_string())]))}
                        </span>
                    </div>
                    <p class="cs-lesson-narration" aria-live="polite" data-testid="lesson-narration">
                        {move || step_text(|s| s.narration.clone())}
                    </p>
                    <p class="cs-lesson-notice" data-testid="lesson-notice">
                        <strong>{move || ctx.t(K::LessonNotice)}</strong> " "
                        {move || step_text(|s| s.notice.clone())}
                    </p>
                    {move || ctx.errors.with(|e| e.first().map(|e| view! {
                        <p class="cs-error" data-testid="lesson-scenario-error">{ctx.t(K::LessonInvalid)} " " {e.to_string()}</p>
                    }))}
                    <div class="cs-lesson-nav">
                        <button
                            data-testid="lesson-back"
                            disabled=move || progress().is_none_or(|(k, _)| k <= 1)
                            on:click=move |_| move_to(-1)
                        >
                            {move || ctx.t(K::LessonBack)}
                        </button>
                        <button data-testid="lesson-next" class="cs-primary" on:click=move |_| move_to(1)>
                            {move || if last() { ctx.t(K::LessonFinish) } else { ctx.t(K::LessonNext) }}
                        </button>
                        <button data-testid="lesson-close" on:click=move |_| { if let Some(l) = l { close(l) } }>
                            {move || ctx.t(K::LessonClose)}
                        </button>
                    </div>
                </div>
            </Show>
        </div>
    }
}
