//! The instance's header: title and tagline, the Questions menu, the copy-link button
//! (standalone page), the language switch, and the "what is the difference" explainer.

use leptos::prelude::*;

use super::heading::Heading;

use super::lesson_panel::QuestionsMenu;
#[cfg(feature = "full")]
use super::share::CopyLink;
use crate::ui::handles::{LayoutHandle, Locale, Run};
use crate::ui::i18n::{Lang, K};
use crate::ui::state::layout::View;

#[component]
pub fn Header() -> impl IntoView {
    let locale = expect_context::<Locale>();
    let layout = expect_context::<LayoutHandle>();
    let chrome = move || layout.get().chrome;
    view! {
        <div class="cs-header" part="header">
            <div class="cs-title">
                <Show when=move || chrome().title><Heading depth=0 text=locale.sig(K::Title) /></Show>
                <Show when=move || chrome().tagline><p class="cs-tagline">{locale.text(K::Tagline)}</p></Show>
            </div>
            // The guided lessons, one per question a learner brings.
            <Show when=move || layout.get().view == View::Full><QuestionsMenu /></Show>
            <CopyLink />
            <Show when=move || chrome().lang><LangSwitch /></Show>
        </div>
        <details class="cs-explain" open=move || !layout.get_untracked().compact>
            <summary>{locale.text(K::WhatIs)}</summary>
            <p data-testid="explain">{locale.text(K::Explain)}</p>
        </details>
    }
}

/// EN / FR.
#[component]
fn LangSwitch() -> impl IntoView {
    let locale = expect_context::<Locale>();
    let run = expect_context::<Run>();
    let button = move |lang: Lang, testid: &'static str, label: &'static str| {
        view! {
            <button
                data-testid=testid
                aria-pressed=move || (locale.get() == lang).to_string()
                on:click=move |_| locale.switch(run, lang)
            >
                {label}
            </button>
        }
    };
    view! {
        <div class="cs-lang" role="group" aria-label=locale.text(K::Language)>
            {button(Lang::En, "lang-en", "EN")}
            {button(Lang::Fr, "lang-fr", "FR")}
        </div>
    }
}

/// The widget bundle has no link to copy.
#[cfg(not(feature = "full"))]
#[component]
fn CopyLink() -> impl IntoView {}
