//! The workflow's journal up to the clock: its last lines, oldest first, each a way to
//! its execution.

use leptos::prelude::*;

use super::heading::Heading;
use super::landing::click_of;

use crate::ui::derived::diagram::{journal_lines, JournalLine};
use crate::ui::handles::{Clock, FocusHandle, LayoutHandle, Locale, Nav, Run};
use crate::ui::i18n::K;
use crate::ui::state::layout::Panel;

#[component]
pub fn Journal() -> impl IntoView {
    let locale = expect_context::<Locale>();
    let run = expect_context::<Run>();
    let clock = expect_context::<Clock>();
    let focus = expect_context::<FocusHandle>();
    let shown = focus.select(|f| f.workflow);
    let in_focus = focus.select(|f| f.execution);
    let layout = expect_context::<LayoutHandle>();
    // The mode the explorer shows (its words: "appended to delivery #1" in continuous),
    // else the document's own.
    let column = Memo::new(move |_| {
        let explorer = layout.get().shows(Panel::Explorer);
        explorer.then(|| focus.with(|f| f.column))
    });
    let lines = Memo::new(move |_| {
        let (t, lang, shown) = (clock.now(), locale.get(), shown.get());
        run.with(|s| {
            let o = column
                .get()
                .and_then(|c| s.outcome(c))
                .or_else(|| s.own_outcome())?;
            Some(journal_lines(s, o, shown, t, lang))
        })
        .flatten()
        .unwrap_or_default()
    });
    view! {
        <Heading depth=2 text=locale.sig(K::Journal) />
        <p class="cs-hint">{locale.text(K::JournalHint)}</p>
        <ol class="cs-journal" data-testid="journal" data-landing-anchor>
            {move || {
                let (focus, t) = (in_focus.get(), clock.now());
                lines.get().into_iter().map(|l| view! { <Line l focus now=t /> }).collect_view()
            }}
        </ol>
    }
}

/// One line: a line of an execution is a button to it; the lines at the clock's
/// instant are what just happened (e.g. the edit a resources-folder version points to).
#[component]
fn Line(l: JournalLine, focus: Option<usize>, now: i64) -> impl IntoView {
    let nav = expect_context::<Nav>();
    let (execution, instant) = (l.execution, l.instant);
    let body = view! { <LineBody l /> };
    match execution {
        Some(e) => view! {
            <li class:cs-focus=focus == Some(e)>
                <button class="cs-jl" data-testid="journal-line" data-execution=e.to_string() on:click=move |ev| nav.jump_at(click_of(&ev), None, move |_| Some(e), |_| {})>
                    {body}
                    <span class="cs-exec">{format!("#{}", e + 1)}</span>
                </button>
            </li>
        }
        .into_any(),
        None => view! { <li class:cs-focus=instant == now>{body}</li> }.into_any(),
    }
}

/// What a journal line says: when (with the UTC offset), its workflow when there are
/// several, the activity and the message.
#[component]
pub fn LineBody(l: JournalLine) -> impl IntoView {
    view! {
        <time>{l.at} " " <span class="cs-offset">{l.offset}</span></time>
        {l.workflow.map(|w| view! { <span class="cs-wfname">{w}</span> })}
        <span class="cs-act">{l.activity}</span>
        <span>{l.text}</span>
    }
}
