//! The delivery explorer: the deliveries as the platform lists them, per mode, a
//! continuous delivery's additions, and the selected delivery's logs.

use leptos::prelude::*;

use super::heading::Heading;
use super::landing::click_of;

use super::logs::Logs;
use crate::engine::sim::Side;
use crate::ui::derived::compare::side_label;
use crate::ui::derived::deliveries::{additions_of, delivery_list, DeliveryItem};
use crate::ui::handles::{Clock, FocusHandle, Locale, Nav, Run};
use crate::ui::i18n::{fill, tr, K};

#[cfg(feature = "full")]
use super::files::ExportBar;
#[cfg(not(feature = "full"))]
#[component]
fn ExportBar() -> impl IntoView {}

/// What the explorer says of a mode.
fn side_hint(s: Side) -> K {
    match s {
        Side::Recurring => K::ExplorerRecurring,
        Side::Continuous => K::ExplorerContinuous,
        Side::Aggregated => K::ExplorerAggregated,
    }
}

#[component]
pub fn Explorer() -> impl IntoView {
    let locale = expect_context::<Locale>();
    let run = expect_context::<Run>();
    let focus = expect_context::<FocusHandle>();
    let column = focus.select(|f| f.column);
    let modes = Memo::new(move |_| {
        run.with(|s| s.columns.iter().map(|c| c.side).collect::<Vec<_>>())
            .unwrap_or_default()
    });
    let hint = move || modes.with(|m| m.get(column.get()).map(|s| locale.t(side_hint(*s))));
    view! {
        <section class="cs-explorer" part="explorer" data-section="explorer" tabindex="-1">
            <Heading depth=1 text=locale.sig(K::Explorer) />
            <ModeTabs modes column />
            <p class="cs-hint">{hint}</p>
            <div class="cs-grid2 cs-ex-grid">
                <div>
                    <DeliveryListView />
                    <AdditionsView />
                </div>
                <div><Logs /></div>
            </div>
            <ExportBar />
        </section>
    }
}

/// One tab per compared mode.
#[component]
fn ModeTabs(modes: Memo<Vec<Side>>, column: Memo<usize>) -> impl IntoView {
    let locale = expect_context::<Locale>();
    let nav = expect_context::<Nav>();
    view! {
        <div class="cs-tabs" role="group">
            {move || {
                let lang = locale.get();
                modes
                    .get()
                    .into_iter()
                    .enumerate()
                    .map(|(i, m)| view! {
                        <button
                            data-testid="explorer-mode"
                            data-mode=m.name()
                            aria-pressed=move || (column.get() == i).to_string()
                            on:click=move |_| nav.focus(move |f| f.set_column(i))
                        >
                            {tr(lang, side_label(m))}
                        </button>
                    })
                    .collect_view()
            }}
        </div>
    }
}

/// The deliveries created so far, a page of them around the selected one (or the
/// newest), oldest first; "earlier" / "later" move by pages.
#[component]
fn DeliveryListView() -> impl IntoView {
    let locale = expect_context::<Locale>();
    let run = expect_context::<Run>();
    let clock = expect_context::<Clock>();
    let focus = expect_context::<FocusHandle>();
    let nav = expect_context::<Nav>();
    let column = focus.select(|f| f.column);
    let selected = focus.select(|f| f.selected());
    let workflow = focus.select(|f| f.workflow);
    let shift = RwSignal::new(0i64);
    Effect::new(move |_| {
        selected.track();
        column.track();
        shift.set(0);
    });
    let list = Memo::new(move |_| {
        let (t, lang, c, wf) = (clock.now(), locale.get(), column.get(), workflow.get());
        let at = (selected.get(), shift.get());
        run.with_outcome(c, |_, o| delivery_list(o, t, wf, at, lang))
            .unwrap_or_default()
    });
    let item = move |d: DeliveryItem| {
        let (id, c) = (d.id, column.get_untracked());
        view! {
            <li>
                <button
                    class="cs-dl"
                    data-testid="delivery-item"
                    data-delivery=id.to_string()
                    aria-pressed=move || (selected.get() == Some(id)).to_string()
                    on:click=move |ev| nav.open_delivery(c, id, click_of(&ev))
                >
                    <strong>{d.title}</strong>
                    <span class="cs-hint">{d.detail}</span>
                    {d.fork.then(|| view! { <span class="cs-fork">{locale.text(K::Fork)}</span> })}
                </button>
            </li>
        }
    };
    view! {
        <ul class="cs-deliveries" data-testid="delivery-list" data-landing-anchor>
            <li>
                <button class="cs-dl" aria-pressed=move || selected.get().is_none().to_string() on:click=move |_| nav.focus(|f| f.select_all())>
                    <strong>{locale.text(K::AllDeliveries)}</strong>
                </button>
            </li>
            {move || {
                let lang = locale.get();
                let l = list.get();
                let empty = (l.total == 0).then(|| view! { <li class="cs-hint">{tr(lang, K::NoDeliveryYet)}</li> });
                let pager = (l.total > l.page.len()).then(|| view! { <Pager page=l.page.clone() total=l.total shift /> });
                view! { {empty} {l.items.into_iter().map(item).collect_view()} {pager} }
            }}
        </ul>
    }
}

/// "Earlier · 13–24 of 52 · Later".
#[component]
fn Pager(page: std::ops::Range<usize>, total: usize, shift: RwSignal<i64>) -> impl IntoView {
    let locale = expect_context::<Locale>();
    let lang = locale.get_untracked();
    let text = fill(
        tr(lang, K::PageOf),
        &[
            ("from", &(page.start + 1).to_string()),
            ("to", &page.end.to_string()),
            ("total", &crate::ui::format::int(lang, total as u64)),
        ],
    );
    view! {
        <li class="cs-pager">
            <button data-testid="deliveries-earlier" disabled=page.start == 0 on:click=move |_| shift.update(|k| *k -= 1)>
                {tr(lang, K::Earlier)}
            </button>
            <span>{text}</span>
            <button data-testid="deliveries-later" disabled=page.end >= total on:click=move |_| shift.update(|k| *k += 1)>
                {tr(lang, K::Later)}
            </button>
        </li>
    }
}

/// A continuous (or aggregated) delivery's additions, execution by execution: each
/// goes to its execution (the send log then shows only the rows it appended).
#[component]
fn AdditionsView() -> impl IntoView {
    let locale = expect_context::<Locale>();
    let run = expect_context::<Run>();
    let clock = expect_context::<Clock>();
    let focus = expect_context::<FocusHandle>();
    let nav = expect_context::<Nav>();
    let column = focus.select(|f| f.column);
    let selected = focus.select(|f| f.selected());
    let in_focus = focus.select(|f| f.execution);
    // The latest few until asked for all (again for each delivery).
    let all = RwSignal::new(false);
    Effect::new(move |_| {
        selected.track();
        all.set(false);
    });
    let model = Memo::new(move |_| {
        let (t, lang, c, id, all) = (
            clock.now(),
            locale.get(),
            column.get(),
            selected.get(),
            all.get(),
        );
        run.with_outcome(c, |_, o| additions_of(o, id?, t, all, lang))
            .flatten()
    });
    move || {
        let a = model.get()?;
        let lang = locale.get_untracked();
        let cut = a.cut.map(|text| view! {
            <p class="cs-hint">
                {text} " "
                <button class="cs-link" data-testid="additions-all" on:click=move |_| all.set(true)>{tr(lang, K::ShowAll)}</button>
            </p>
        });
        let items = a.items.into_iter().map(|x| {
            let e = x.execution;
            view! {
                <li>
                    <button
                        class="cs-link"
                        data-testid="addition"
                        data-execution=e.to_string()
                        aria-pressed=move || (in_focus.get() == Some(e)).to_string()
                        on:click=move |ev| nav.jump_at(click_of(&ev), None, move |_| Some(e), |_| {})
                    >
                        {x.text}
                    </button>
                </li>
            }
        });
        Some(view! {
            <Heading depth=2 text=tr(lang, K::Additions).to_string() />
            <p class="cs-caption" data-testid="additions-caption">{a.caption}</p>
            {cut}
            <ol class="cs-additions" start=a.first.to_string() data-landing-anchor>{items.collect_view()}</ol>
        })
    }
}
