//! The side-by-side comparison: one column per delivery mode with its delivery count,
//! the indicators table, and why these counts.

use leptos::prelude::*;

use super::heading::Heading;

use crate::engine::out::outcome::Snapshot;
use crate::engine::sim::Side;
use crate::ui::derived::compare::{comparing, kpi_rows, side_hint, side_label, why_now, KpiRow};
use crate::ui::handles::{Clock, Locale, Run};
use crate::ui::i18n::{tr, K};

#[component]
pub fn Compare() -> impl IntoView {
    let locale = expect_context::<Locale>();
    let run = expect_context::<Run>();
    let clock = expect_context::<Clock>();
    // With several workflows on one base, the columns count the compared workflow.
    let stats = Memo::new(move |_| {
        let t = clock.now();
        run.with(|s| s.snapshots_of(Some(s.compared), t))
            .unwrap_or_default()
    });
    let caption = Memo::new(move |_| {
        let lang = locale.get();
        run.with(|s| comparing(s, lang)).flatten()
    });
    let why = Memo::new(move |_| {
        let (t, lang) = (clock.now(), locale.get());
        stats
            .with(|cols| run.with(|s| why_now(s, cols, t, lang)))
            .flatten()
    });
    let untracked = move || run.with(|s| !s.tracking()).unwrap_or(false);
    view! {
        <section class="cs-compare" part="compare" data-section="compare" tabindex="-1">
            <Heading depth=1 text=locale.sig(K::Compare) />
            <p class="cs-hint">{locale.text(K::CompareHint)}</p>
            {move || caption.get().map(|c| view! { <p class="cs-caption" data-testid="comparing">{c}</p> })}
            <ModeColumns stats />
            <KpiTable stats />
            <p class="cs-caption" data-testid="why-now">{move || why.get()}</p>
            <p class="cs-hint">{locale.text(K::WhyCount)}</p>
            <Show when=untracked>
                <p class="cs-hint">{locale.text(K::TrackingHintCompare)}</p>
            </Show>
        </section>
    }
}

/// One column per mode: its name, its deliveries so far, what the mode does.
#[component]
fn ModeColumns(stats: Memo<Vec<(Side, Snapshot)>>) -> impl IntoView {
    let locale = expect_context::<Locale>();
    view! {
        <div class="cs-columns">
            {move || {
                let lang = locale.get();
                stats
                    .get()
                    .into_iter()
                    .map(|(m, st)| {
                        let unit = if st.deliveries == 1 { K::DeliveryUnit } else { K::Deliveries };
                        view! {
                            <div class="cs-col" data-mode=m.name()>
                                <Heading depth=2 text=tr(lang, side_label(m)).to_string() />
                                <p class="cs-big">
                                    <span data-testid="delivery-count" data-mode=m.name()>{st.deliveries}</span>
                                    " "
                                    <span class="cs-unit">{tr(lang, unit)}</span>
                                </p>
                                <p class="cs-hint">{tr(lang, side_hint(m))}</p>
                            </div>
                        }
                    })
                    .collect_view()
            }}
        </div>
    }
}

/// The indicators, one row each, one column per mode; a value that differs from the
/// first mode's is marked.
#[component]
fn KpiTable(stats: Memo<Vec<(Side, Snapshot)>>) -> impl IntoView {
    let locale = expect_context::<Locale>();
    let run = expect_context::<Run>();
    let rows = Memo::new(move |_| {
        let lang = locale.get();
        let tracking = run.with(|s| s.tracking()).unwrap_or(false);
        stats.with(|cols| kpi_rows(cols, lang, tracking))
    });
    let row = move |r: KpiRow| {
        view! {
            <tr>
                <th scope="row">{move || locale.t(r.label)}</th>
                {r.cells.into_iter().map(|c| view! { <td class:cs-diff=c.differs>{c.text}</td> }).collect_view()}
            </tr>
        }
    };
    view! {
        <div class="cs-scroll" tabindex="0">
            <table class="cs-table cs-kpis" data-testid="kpi-table">
                <thead>
                    <tr>
                        <th scope="col"><span class="cs-sr">{locale.text(K::Indicator)}</span></th>
                        {move || {
                            let lang = locale.get();
                            stats.get().into_iter().map(|(m, _)| view! { <th scope="col">{tr(lang, side_label(m))}</th> }).collect_view()
                        }}
                    </tr>
                </thead>
                <tbody>{move || rows.get().into_iter().map(row).collect_view()}</tbody>
            </table>
        </div>
    }
}
