//! The guided lessons' views: the Questions menu (one item per lesson of the index)
//! and the lesson panel (narration, what to notice, progress, Back / Next, a way out).

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::ui::handles::{DocHandle, Locale};
use crate::ui::i18n::{fill, K};
use crate::ui::lesson::{IndexEntry, Lesson, Step};
use crate::ui::lessons::{slot_of, Lessons, Shown};

/// The Questions menu (the full page's header).
#[component]
pub fn QuestionsMenu() -> impl IntoView {
    let locale = expect_context::<Locale>();
    let l = expect_context::<Lessons>();
    let list = move || match l.index.with(|i| i[slot_of(locale.get())].clone()) {
        None => view! { <p class="cs-hint">{move || locale.t(K::QuestionsLoading)}</p> }.into_any(),
        Some(Err(e)) => {
            view! { <p class="cs-error" role="alert" data-testid="lesson-error">{e}</p> }.into_any()
        }
        Some(Ok(entries)) => view! { <MenuItems entries /> }.into_any(),
    };
    view! {
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
            <summary data-testid="questions-menu">{move || locale.t(K::Questions)}</summary>
            <div class="cs-questions-list">
                <p class="cs-hint">{move || locale.t(K::QuestionsHint)}</p>
                {list}
            </div>
        </details>
    }
}

#[component]
fn MenuItems(entries: Arc<Vec<IndexEntry>>) -> impl IntoView {
    let l = expect_context::<Lessons>();
    view! {
        <ol>
            {entries
                .iter()
                .map(|e| {
                    let id = e.id.clone();
                    view! {
                        <li>
                            <button class="cs-link" data-testid="lesson" data-lesson=e.id.clone() on:click=move |_| l.open(id.clone(), None, true)>
                                <span class="cs-lesson-n">{e.question.to_string()}</span>
                                {e.title.clone()}
                            </button>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}

/// The lesson panel, in a sticky slot at the top of the instance, so Next stays at
/// hand while the page scrolls to what a step shows.
#[component]
pub fn LessonPanel() -> impl IntoView {
    let locale = expect_context::<Locale>();
    let l = expect_context::<Lessons>();
    let shown = move || l.shown.get();
    let failed = move || match shown() {
        Shown::Failed(e) => Some(e),
        _ => None,
    };
    view! {
        <div class="cs-lesson-slot" node_ref=l.slot>
            <Show when=move || matches!(shown(), Shown::Loading)>
                <div class="cs-lesson" role="group" aria-label=move || locale.t(K::Lesson)>
                    <p class="cs-hint" role="status">{move || locale.t(K::LessonLoading)}</p>
                </div>
            </Show>
            <Show when=move || failed().is_some()>
                <div class="cs-lesson" role="group" aria-label=move || locale.t(K::Lesson)>
                    <p class="cs-error" role="alert" data-testid="lesson-error">{move || failed().unwrap_or_default()}</p>
                    <div class="cs-lesson-nav">
                        <button data-testid="lesson-close" on:click=move |_| l.close()>{move || locale.t(K::LessonClose)}</button>
                    </div>
                </div>
            </Show>
            <Show when=move || matches!(shown(), Shown::Open { .. })>
                <OpenLesson />
            </Show>
        </div>
    }
}

/// The open lesson: the same nodes from step to step (the narration is a live region,
/// and Next keeps the keyboard focus).
#[component]
fn OpenLesson() -> impl IntoView {
    let locale = expect_context::<Locale>();
    let l = expect_context::<Lessons>();
    let doc = expect_context::<DocHandle>();
    let current = Memo::new(move |_| match l.shown.get() {
        Shown::Open { lesson, step } => Some((lesson, step)),
        _ => None,
    });
    let step_text = move |f: fn(&Step) -> String| {
        current
            .with(|c| {
                c.as_ref()
                    .and_then(|(lesson, k)| lesson.steps.get(*k).map(f))
            })
            .unwrap_or_default()
    };
    let lesson_text = move |f: fn(&Lesson) -> String| {
        current
            .with(|c| c.as_ref().map(|(l, _)| f(l)))
            .unwrap_or_default()
    };
    // (step from 1, steps)
    let progress =
        move || current.with(|c| c.as_ref().map(|(lesson, k)| (k + 1, lesson.steps.len())));
    let last = move || progress().is_some_and(|(k, n)| k >= n);
    // Next on the last step finishes the lesson.
    let move_to = move |delta: isize| {
        let Some((k, _)) = progress() else { return };
        if delta > 0 && last() {
            l.close();
        } else if let Some(k) = (k - 1).checked_add_signed(delta) {
            l.go(k);
        }
    };
    let scenario_error = move || {
        doc.with(|d| d.problems().first().cloned()).map(|e| view! {
            <p class="cs-error" data-testid="lesson-scenario-error">{locale.t(K::LessonInvalid)} " " {e.to_string()}</p>
        })
    };
    view! {
        <div
            class="cs-lesson"
            role="group"
            aria-label=move || format!("{}: {}", locale.t(K::Lesson), lesson_text(|l| l.title.clone()))
            data-testid="lesson-panel"
            data-lesson=move || lesson_text(|l| l.id.clone())
        >
            <div class="cs-lesson-head">
                <span class="cs-lesson-q">{move || fill(locale.t(K::LessonQuestion), &[("n", &lesson_text(|l| l.question.to_string()))])}</span>
                <strong class="cs-lesson-title">{move || lesson_text(|l| l.title.clone())}</strong>
                <span class="cs-lesson-step" data-testid="lesson-step" data-step=move || progress().map(|(k, n)| format!("{k}/{n}"))>
                    {move || progress().map(|(k, n)| fill(locale.t(K::LessonStep), &[("k", &k.to_string()), ("n", &n.to_string())]))}
                </span>
            </div>
            <p class="cs-lesson-narration" aria-live="polite" data-testid="lesson-narration">{move || step_text(|s| s.narration.clone())}</p>
            <p class="cs-lesson-notice" data-testid="lesson-notice">
                <strong>{move || locale.t(K::LessonNotice)}</strong> " " {move || step_text(|s| s.notice.clone())}
            </p>
            {scenario_error}
            <div class="cs-lesson-nav">
                <button data-testid="lesson-back" disabled=move || progress().is_none_or(|(k, _)| k <= 1) on:click=move |_| move_to(-1)>
                    {move || locale.t(K::LessonBack)}
                </button>
                <button data-testid="lesson-next" class="cs-primary" on:click=move |_| move_to(1)>
                    {move || if last() { locale.t(K::LessonFinish) } else { locale.t(K::LessonNext) }}
                </button>
                <button data-testid="lesson-close" on:click=move |_| l.close()>{move || locale.t(K::LessonClose)}</button>
            </div>
        </div>
    }
}
