//! The guided lessons' views: the Questions menu (one item per lesson of the index)
//! and the lesson panel (narration, what to notice, progress, Back / Next, a way out).

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::ui::handles::{DocHandle, Locale};
use crate::ui::i18n::{fill, K};
use crate::ui::lesson::{AskKind, IndexEntry, Lesson, Step};
use crate::ui::lessons::{slot_of, Answering, Lessons, Shown};
use crate::ui::state::quiz::{LessonMode, Said};

/// The Questions menu (the full page's header).
#[component]
pub fn QuestionsMenu() -> impl IntoView {
    let locale = expect_context::<Locale>();
    let l = expect_context::<Lessons>();
    let list = move || match l.index.with(|i| i[slot_of(locale.get())].clone()) {
        None => view! { <p class="cs-hint">{locale.text(K::QuestionsLoading)}</p> }.into_any(),
        Some(Err(e)) => {
            view! { <p class="cs-error" role="alert" data-testid="lesson-error">{e}</p> }.into_any()
        }
        Some(Ok(entries)) => view! { <MenuItems entries /> }.into_any(),
    };
    let summary = NodeRef::<leptos::html::Summary>::new();
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
            // Escape closes the menu and leaves the focus on its toggle.
            on:keydown=move |ev| {
                if ev.key() == "Escape" && l.menu_open.get_untracked() {
                    ev.stop_propagation();
                    l.menu_open.set(false);
                    if let Some(s) = summary.get_untracked() {
                        let _ = s.focus();
                    }
                }
            }
        >
            <summary data-testid="questions-menu" node_ref=summary>{locale.text(K::Questions)}</summary>
            <div class="cs-questions-list">
                <p class="cs-hint">{locale.text(K::QuestionsHint)}</p>
                <ModeSwitch />
                {list}
            </div>
        </details>
    }
}

/// Check yourself (predict first) or Guided: for every lesson opened until changed.
#[component]
fn ModeSwitch() -> impl IntoView {
    let locale = expect_context::<Locale>();
    let l = expect_context::<Lessons>();
    let button = move |mode: LessonMode, label: K| {
        view! {
            <button
                data-testid="lesson-mode"
                data-mode=mode.name()
                aria-pressed=move || (l.mode.get() == mode).to_string()
                on:click=move |_| l.set_mode(mode)
            >
                {move || locale.t(label)}
            </button>
        }
    };
    view! {
        <div class="cs-lesson-modes" role="group" aria-label=locale.text(K::QuizModeHint)>
            {button(LessonMode::Check, K::QuizModeCheck)}
            {button(LessonMode::Guided, K::QuizModeGuided)}
        </div>
        <p class="cs-hint">{locale.text(K::QuizModeHint)}</p>
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
        <div class="cs-lesson-slot" part="lesson" node_ref=l.slot>
            <Show when=move || matches!(shown(), Shown::Loading)>
                <div class="cs-lesson" role="group" aria-label=locale.text(K::Lesson)>
                    <p class="cs-hint" role="status">{locale.text(K::LessonLoading)}</p>
                </div>
            </Show>
            <Show when=move || failed().is_some()>
                <div class="cs-lesson" role="group" aria-label=locale.text(K::Lesson)>
                    <p class="cs-error" role="alert" data-testid="lesson-error">{move || failed().unwrap_or_default()}</p>
                    <div class="cs-lesson-nav">
                        <button data-testid="lesson-close" on:click=move |_| l.close()>{locale.text(K::LessonClose)}</button>
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
            l.finish();
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
            <Show when=move || !progress().is_some_and(|(k, _)| l.asking(k - 1))>
                <p class="cs-lesson-narration" aria-live="polite" data-testid="lesson-narration">{move || step_text(|s| s.narration.clone())}</p>
                <p class="cs-lesson-notice" data-testid="lesson-notice">
                    <strong>{locale.text(K::LessonNotice)}</strong> " " {move || step_text(|s| s.notice.clone())}
                </p>
            </Show>
            {move || {
                let (lesson, k) = current.get()?;
                let ask = lesson.steps.get(k)?.ask.clone()?;
                (l.mode.get() == LessonMode::Check).then(|| view! { <LessonQuestion ask k /> })
            }}
            {scenario_error}
            <div class="cs-lesson-nav">
                <button data-testid="lesson-back" disabled=move || progress().is_none_or(|(k, _)| k <= 1) on:click=move |_| move_to(-1)>
                    {locale.text(K::LessonBack)}
                </button>
                <button data-testid="lesson-next" class="cs-primary" on:click=move |_| move_to(1)>
                    {move || if last() { locale.t(K::LessonFinish) } else { locale.t(K::LessonNext) }}
                </button>
                <button data-testid="lesson-close" on:click=move |_| l.close()>{locale.text(K::LessonClose)}</button>
            </div>
        </div>
    }
}

/// A step's question (Check yourself): the prompt, a number field or the choices,
/// Check, and what the page says of the answer (right or wrong, the right value, why).
#[component]
fn LessonQuestion(ask: crate::ui::lesson::Ask, k: usize) -> impl IntoView {
    let locale = expect_context::<Locale>();
    let l = expect_context::<Lessons>();
    let typed = RwSignal::new(String::new());
    let picked = RwSignal::new(None::<usize>);
    let is_number = matches!(ask.kind, AskKind::Number(_));
    let check = move || {
        let r = if is_number {
            Answering::Number(typed.get_untracked())
        } else {
            match picked.get_untracked() {
                Some(c) => Answering::Choice(c),
                None => Answering::Choice(usize::MAX),
            }
        };
        l.answer(r);
    };
    let input = match &ask.kind {
        AskKind::Number(_) => view! {
            <label class="cs-field cs-inline">
                <span>{locale.text(K::QuizYourAnswer)}</span>
                <input
                    type="number"
                    inputmode="numeric"
                    data-testid="lesson-answer"
                    prop:value=move || typed.get()
                    on:input:target=move |ev| typed.set(ev.target().value())
                    on:keydown=move |ev| if ev.key() == "Enter" { ev.prevent_default(); check(); }
                />
            </label>
        }
        .into_any(),
        AskKind::Choice { choices, .. } => {
            let name = format!("cs-choice-{k}");
            view! {
                <fieldset class="cs-choices">
                    <legend class="cs-sr">{locale.text(K::QuizYourAnswer)}</legend>
                    {choices.iter().enumerate().map(|(i, c)| view! {
                        <label class="cs-choice">
                            <input type="radio" name=name.clone() data-testid="lesson-choice" value=i.to_string() prop:checked=move || picked.get() == Some(i) on:change=move |_| picked.set(Some(i)) />
                            " " {c.text.clone()}
                        </label>
                    }).collect_view()}
                </fieldset>
            }
            .into_any()
        }
    };
    let said = move || {
        match l.quiz.with(|q| q.said(k).cloned())? {
        Said::Unjudged(why) => Some(view! { <p class="cs-hint" role="status" data-testid="lesson-unjudged">{why}</p> }.into_any()),
        Said::Judged(f) => Some(view! {
            <p class="cs-feedback" role="status" data-testid="lesson-feedback" data-correct=f.correct.to_string() class:cs-right=f.correct>
                <strong>{f.verdict}</strong> " " {f.right} " " {f.why}
            </p>
        }.into_any()),
    }
    };
    let answered = move || l.quiz.with(|q| matches!(q.said(k), Some(Said::Judged(_))));
    view! {
        <div class="cs-question" data-testid="lesson-question">
            <p class="cs-question-prompt"><strong>{locale.text(K::QuizPredict)}</strong> " " {ask.prompt.clone()}</p>
            {input}
            <button data-testid="lesson-check" class="cs-primary" on:click=move |_| check()>
                {move || if answered() { locale.t(K::QuizTryAgain) } else { locale.t(K::QuizCheck) }}
            </button>
            {said}
        </div>
    }
}
