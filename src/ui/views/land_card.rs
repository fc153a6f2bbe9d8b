//! Where a click lands, shown where the eye is (the full page, whose panels run over
//! several screens; a widget shows its one or two panels together): the card next to a
//! click that moved the view (what it landed on, the panels that show the rest, a
//! day's what-ifs), and the section index that keeps every panel one click away.

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::journal::LineBody;
use super::landing::{rect_of, take_origin, Return};
use crate::ui::handles::{FocusHandle, LayoutHandle, Locale, Run};
use crate::ui::i18n::K;
use crate::ui::state::card::{card, Card};
use crate::ui::state::landing::{place, Landed, Placement};
use crate::ui::state::layout::{Panel, View};

/// How long a panel reached from a card or the index stays outlined, ms.
const OUTLINE_MS: u32 = 1600;

fn section_label(p: Panel) -> K {
    match p {
        Panel::Compare => K::SecCompare,
        Panel::Workflow => K::SecWorkflow,
        Panel::Explorer => K::SecExplorer,
        Panel::Resources => K::SecResources,
        Panel::Trace => K::SecTrace,
        Panel::Charts => K::SecCharts,
        Panel::Scenario | Panel::Questions => K::SecScenario,
    }
}

/// Brings panel `p` of the instance around `from` into view below what sticks at the
/// top (the section index, an open lesson), outlines it a moment and gives it the focus.
fn reveal(from: &web_sys::Element, p: Panel, reduced_motion: bool) {
    let Some(root) = from.closest(".cs").ok().flatten() else {
        return;
    };
    let Some(section) = root
        .query_selector(&format!("[data-section=\"{}\"]", p.name()))
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    let sticky = crate::ui::lessons::sticky_height(&root);
    if let Some(window) = web_sys::window() {
        let options = web_sys::ScrollToOptions::new();
        options.set_top(rect_of(&section).y - sticky - 8.0);
        options.set_behavior(if reduced_motion {
            web_sys::ScrollBehavior::Instant
        } else {
            web_sys::ScrollBehavior::Smooth
        });
        window.scroll_by_with_scroll_to_options(&options);
    }
    let focus = web_sys::FocusOptions::new();
    focus.set_prevent_scroll(true);
    let _ = section.focus_with_options(&focus);
    let _ = section.class_list().add_1("cs-landed");
    gloo_timers::callback::Timeout::new(OUTLINE_MS, move || {
        let _ = section.class_list().remove_1("cs-landed");
    })
    .forget();
}

/// The sticky index of the full page's panels: each a button that brings it into view.
#[component]
pub fn SectionIndex() -> impl IntoView {
    let locale = expect_context::<Locale>();
    let layout = expect_context::<LayoutHandle>();
    let node = NodeRef::<Div>::new();
    let go = move |p: Panel| {
        if let Some(el) = node.get_untracked() {
            reveal(&el, p, layout.get_untracked().reduced_motion);
        }
    };
    move || {
        let l = layout.get();
        (l.view == View::Full).then(|| {
            let buttons = Panel::PAGE
                .into_iter()
                .filter(|p| l.shows(*p))
                .map(|p| {
                    view! {
                        <button data-testid="section-link" data-panel=p.name() on:click=move |_| go(p)>
                            {locale.text(section_label(p))}
                        </button>
                    }
                })
                .collect_view();
            view! {
                <div class="cs-index" role="group" aria-label=locale.sig(K::SectionIndex) node_ref=node data-testid="section-index">
                    <span aria-hidden="true">{locale.text(K::SectionIndex)}</span>
                    {buttons}
                </div>
            }
        })
    }
}

/// The card of the last click that moved the view, next to it.
#[component]
pub fn LandingCard() -> impl IntoView {
    let (locale, run, focus) = (
        expect_context::<Locale>(),
        expect_context::<Run>(),
        expect_context::<FocusHandle>(),
    );
    let landing = focus.select(|f| f.landing);
    let model = Memo::new(move |_| {
        let l = landing.get()?;
        let (lang, shown, column) = (
            locale.get(),
            focus.with(|f| f.workflow),
            focus.with(|f| f.column),
        );
        run.with(|s| card(s, s.outcome(column)?, l.landed, shown, lang))
            .flatten()
    });
    let node = NodeRef::<Div>::new();
    // The element that had the focus before a keyboard landing took it.
    let before = StoredValue::new_local(None::<Return>);
    // `restore`: the focus goes back where it was (not when a link moved it on).
    let close = move |restore: bool| {
        focus.update(|f| f.landing = None);
        let back = before.try_update_value(Option::take).flatten();
        // After the views have drawn what the closing changed (a table draws its rows
        // again when the focus handle changes).
        if let (true, Some(back)) = (restore, back) {
            request_animation_frame(move || back.focus());
        }
    };
    // Placed once drawn (its size is known then), and again when its content changes.
    Effect::new(move |_| {
        let (Some(l), Some(_)) = (landing.get(), model.get()) else {
            return;
        };
        request_animation_frame(move || {
            let Some(el) = node.get_untracked() else {
                return;
            };
            let el: web_sys::HtmlElement = el.into();
            let Some(frame) = el.parent_element() else {
                return;
            };
            show_at(
                &el,
                place(l.anchor, rect_of(&frame), natural_size(&el), viewport()),
            );
            if l.keyboard && before.with_value(Option::is_none) {
                before.set_value(take_origin().or_else(|| focused(&el).map(Return::new)));
                let _ = el.focus();
            }
        });
    });
    move || {
        let c = model.get()?;
        let landed = landing.get_untracked()?.landed;
        let title = c.title.clone();
        Some(view! {
            <div
                class="cs-landing"
                role="dialog"
                aria-label=title
                tabindex="-1"
                data-testid="landing"
                node_ref=node
                on:keydown=move |ev| {
                    if ev.key() == "Escape" {
                        ev.stop_propagation();
                        close(true);
                    }
                }
            >
                <CardBody c landed on_close=close />
            </div>
        })
    }
}

/// The element that has the focus in `el`'s tree (its shadow root's, or the page's).
fn focused(el: &web_sys::HtmlElement) -> Option<web_sys::HtmlElement> {
    el.get_root_node()
        .dyn_into::<web_sys::ShadowRoot>()
        .ok()
        .and_then(|r| r.active_element())
        .or_else(|| web_sys::window()?.document()?.active_element())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
}

/// The viewport's size.
fn viewport() -> (f64, f64) {
    let window = web_sys::window();
    let size = |v: Option<wasm_bindgen::JsValue>| v.and_then(|v| v.as_f64()).unwrap_or(0.0);
    (
        size(window.as_ref().and_then(|w| w.inner_width().ok())),
        size(window.as_ref().and_then(|w| w.inner_height().ok())),
    )
}

/// The card's size with all its content (however tall it was allowed before).
fn natural_size(el: &web_sys::HtmlElement) -> (f64, f64) {
    let border = f64::from(el.offset_height() - el.client_height());
    (rect_of(el).w, f64::from(el.scroll_height()) + border)
}

/// Puts the card where `p` says and shows it (through the CSSOM: a strict CSP allows it).
fn show_at(el: &web_sys::HtmlElement, p: Placement) {
    let px = |v: f64| format!("{}px", v.round() as i64);
    let style = el.style();
    let _ = style.set_property("left", &px(p.left));
    let _ = style.set_property("top", &px(p.top));
    let _ = style.set_property("max-height", &px(p.max_height));
    let _ = style.set_property("visibility", "visible");
}

/// The card's content.
#[component]
fn CardBody(
    c: Card,
    landed: Landed,
    on_close: impl Fn(bool) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let (locale, layout) = (expect_context::<Locale>(), expect_context::<LayoutHandle>());
    let node = NodeRef::<leptos::html::P>::new();
    let links = c
        .links
        .into_iter()
        .filter(|p| layout.get_untracked().shows(*p))
        .map(|p| {
            let go = move |_| {
                if let Some(el) = node.get_untracked() {
                    reveal(&el, p, layout.get_untracked().reduced_motion);
                }
                on_close(false);
            };
            view! { <button data-testid="landing-link" data-panel=p.name() on:click=go>{locale.text(section_label(p))}</button> }
        })
        .collect_view();
    let what_if = match landed {
        Landed::Day(day) => Some(view! { <WhatIf day /> }),
        _ => None,
    };
    view! {
        <div class="cs-landing-head">
            <p class="cs-landing-title" data-testid="landing-title">{c.title}</p>
            <button class="cs-landing-close" data-testid="landing-close" aria-label=locale.sig(K::LandClose) on:click=move |_| on_close(true)>"×"</button>
        </div>
        {(!c.lines.is_empty()).then(|| view! {
            <ol class="cs-journal cs-landing-lines" data-testid="landing-lines">
                {c.lines.into_iter().map(|l| view! { <li><LineBody l /></li> }).collect_view()}
            </ol>
        })}
        {c.sentence.map(|s| view! { <p data-testid="landing-sentence">{s}</p> })}
        {what_if}
        <p class="cs-landing-links" node_ref=node>
            <span>{locale.text(K::LandSeeIn)}</span>
            {links}
        </p>
    }
}

/// A day's what-ifs (the full page's editable scenario): the server down that day or
/// three days from it, or back up when an outage covers it; the year is simulated again
/// and the card shows what it did to the day.
#[component]
fn WhatIf(day: chrono::NaiveDate) -> impl IntoView {
    let (locale, layout, doc, run) = (
        expect_context::<Locale>(),
        expect_context::<LayoutHandle>(),
        expect_context::<crate::ui::handles::DocHandle>(),
        expect_context::<Run>(),
    );
    let down = Memo::new(move |_| doc.with(|d| d.outage_on(day)));
    let edit = move |f: fn(&mut crate::ui::state::document::Document, chrono::NaiveDate)| {
        doc.change(run, true, move |d| f(d, day));
    };
    move || {
        if layout.get().read_only {
            return None;
        }
        Some(if down.get() {
            view! {
                <p class="cs-landing-whatif">
                    <button data-testid="landing-up" on:click=move |_| edit(|d, day| { d.remove_outages_on(day); })>{locale.text(K::LandUp)}</button>
                </p>
            }
            .into_any()
        } else {
            view! {
                <p class="cs-landing-whatif">
                    <span>{locale.text(K::LandWhatIf)}</span>
                    <button data-testid="landing-down" data-days="1" on:click=move |_| edit(|d, day| { d.add_outage(day, 1); })>{locale.text(K::LandDownDay)}</button>
                    <button data-testid="landing-down" data-days="3" on:click=move |_| edit(|d, day| { d.add_outage(day, 3); })>{locale.text(K::LandDownDays)}</button>
                </p>
            }
            .into_any()
        })
    }
}
