//! The instance's root: its frame and the panels its layout shows.

use leptos::prelude::*;

use super::canvas::WorkflowPanel;
use super::compare::Compare;
use super::controls::Controls;
use super::explorer::Explorer;
use super::header::Header;
use super::lesson_panel::LessonPanel;
use super::trace::Trace;
use crate::ui::handles::{LayoutHandle, Locale, Problems};
use crate::ui::i18n::{code, K};
use crate::ui::state::layout::Panel;

/// One simulator instance. No landmarks inside (no `<header>`, no named `<section>`):
/// a widget sits in the host page's landmarks, and two widgets on one page would bring
/// duplicate banners and regions (axe landmark-unique, landmark-no-duplicate-banner).
/// Panels are sections with headings; the standalone page puts the instance in its
/// `<main>`.
#[component]
pub fn Root() -> impl IntoView {
    let locale = expect_context::<Locale>();
    // Problems of the embed configuration, said inside the widget (it still runs with
    // defaults for what was wrong).
    let problems = expect_context::<Problems>();
    let layout = expect_context::<LayoutHandle>();
    let shows = move |p: Panel| layout.get().shows(p);
    let class = move || {
        if layout.get().compact {
            "cs cs-compact"
        } else {
            "cs"
        }
    };
    view! {
        <div class=class lang=move || code(locale.get()) data-view=move || layout.get().view.name()>
            {move || {
                let errors = problems.get();
                (!errors.is_empty()).then(|| view! {
                    <div class="cs-config-errors" role="alert">
                        {errors.into_iter().map(|e| view! { <p data-testid="error">{e.to_string()}</p> }).collect_view()}
                    </div>
                })
            }}
            <Header />
            // The full page's panels, one click away (sticky).
            <full_page::SectionIndex />
            // The open lesson, above the view (sticky, so Next stays at hand).
            <LessonPanel />
            <Controls />
            <Show when=move || shows(Panel::Compare)><Compare /></Show>
            <Show when=move || shows(Panel::Workflow)><WorkflowPanel /></Show>
            <Show when=move || shows(Panel::Explorer)><Explorer /></Show>
            <Show when=move || shows(Panel::Resources)><full_page::Resources /></Show>
            <Show when=move || shows(Panel::Trace)><Trace /></Show>
            <Show when=move || shows(Panel::Charts)><full_page::Charts /></Show>
            <Show when=move || shows(Panel::Scenario)><full_page::ScenarioPanel /></Show>
            {move || (!cfg!(feature = "full") && layout.get().view == crate::ui::state::layout::View::Full).then(|| view! {
                <p class="cs-hint" data-testid="full-page-only">{locale.text(K::FullPageOnly)}</p>
            })}
            // Where the last click that moved the view landed, next to it.
            <full_page::LandingCard />
        </div>
    }
}

/// The panels only the full bundle has (`full` feature), with the long page's section
/// index and landing card; the widget bundle shows, in a `full` view, what it has and
/// says where the rest is.
#[cfg(feature = "full")]
mod full_page {
    pub use super::super::charts::Charts;
    pub use super::super::land_card::{LandingCard, SectionIndex};
    pub use super::super::panel::ScenarioPanel;
    pub use super::super::resources::Resources;
}

#[cfg(not(feature = "full"))]
mod full_page {
    use leptos::prelude::*;

    #[component]
    pub fn Resources() -> impl IntoView {}
    #[component]
    pub fn Charts() -> impl IntoView {}
    #[component]
    pub fn ScenarioPanel() -> impl IntoView {}
    #[component]
    pub fn SectionIndex() -> impl IntoView {}
    #[component]
    pub fn LandingCard() -> impl IntoView {}
}
