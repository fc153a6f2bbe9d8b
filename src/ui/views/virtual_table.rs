//! A table that renders only the rows in view (plus a margin) over a full-height
//! spacer: a million rows scroll with at most a few dozen in the DOM.

use leptos::prelude::*;

use crate::ui::derived::rows::RowSet;
use crate::ui::handles::{FocusHandle, Locale, Run};
use crate::ui::i18n::K;
use crate::ui::window::rows_in_view;

/// Height of one table row, px (fixed, so the window is a division).
const ROW_H: usize = 28;
/// Height of the scrolling area, px.
const VIEW_H: usize = 336;

#[component]
pub fn VirtualTable(
    rows: Memo<RowSet>,
    headers: [K; 7],
    /// Draws row `r` (a row index of the log).
    render: fn(u32) -> AnyView,
    testid: &'static str,
) -> impl IntoView {
    let locale = expect_context::<Locale>();
    let run = expect_context::<Run>();
    let focus = expect_context::<FocusHandle>();
    let column = focus.select(|f| f.column);
    let scroll = RwSignal::new(0i32);
    let window = Memo::new(move |_| {
        let n = rows.with(|r| r.len());
        rows_in_view(f64::from(scroll.get()), VIEW_H as f64, ROW_H as f64, n, 6)
    });
    let px = |n: usize| format!("{n}px");
    view! {
        <div class="cs-vt" role="table" tabindex="0" data-testid=testid>
            <div class="cs-tr cs-th" role="row">
                {headers.into_iter().map(|h| view! { <span role="columnheader">{move || locale.t(h)}</span> }).collect_view()}
            </div>
            <div
                class="cs-vt-body"
                data-landing-anchor
                style:height=move || px((rows.with(|r| r.len()) * ROW_H).clamp(ROW_H, VIEW_H))
                on:scroll:target=move |ev| scroll.set(ev.target().scroll_top())
            >
                // style:… sets each property through the CSSOM, which a strict CSP
                // (style-src 'self') allows; a style="…" attribute it blocks.
                <div style:position="relative" style:height=move || px(rows.with(|r| r.len()) * ROW_H)>
                    <div style:position="absolute" style:left="0" style:right="0" style:top=move || px(window.get().start * ROW_H)>
                        {move || {
                            let w = window.get();
                            // The same row numbers in another mode (or language) are
                            // other rows: a mode with an identical row set still redraws.
                            column.track();
                            run.with(|_| ());
                            locale.get();
                            rows.with(|r| r.slice(w)).into_iter().map(render).collect_view()
                        }}
                    </div>
                </div>
            </div>
        </div>
    }
}
