//! The selected delivery's logs (or every delivery's): the send log's filters, the
//! broadLog and the tracking log, each a virtual table.

use leptos::prelude::*;

use super::heading::Heading;
use super::landing::{click_of, key_click_of};

use super::virtual_table::VirtualTable;
use crate::engine::out::logs::{Reason, Status};
use crate::ui::derived::deliveries::execution_options;
use crate::ui::derived::rows::{broadlog_rows, tracking_rows, RowSet, Sort};
use crate::ui::format;
use crate::ui::handles::{Clock, FocusHandle, Locale, Nav, Run};
use crate::ui::i18n::{self, count, K};
use crate::ui::state::focus::Focus;
use crate::ui::state::landing::{Click, Landed};

const STATUSES: [Status; 3] = [Status::Sent, Status::Failed, Status::Ignored];

/// The rows of one table, over the explorer's column, delivery, clock, filters and
/// sort; only the row function differs between the two tables.
fn rows_memo(
    run: Run,
    clock: Clock,
    focus: FocusHandle,
    f: fn(
        &crate::engine::out::outcome::Outcome,
        Option<u32>,
        i64,
        &crate::ui::derived::rows::RowFilter,
        Sort,
    ) -> RowSet,
) -> Memo<RowSet> {
    let view = focus.select(|f| {
        (
            f.column,
            f.selected(),
            f.filters.clone(),
            f.execution,
            f.workflow,
        )
    });
    Memo::new(move |_| {
        let t = clock.now();
        let (c, d, _, _, _) = view.get();
        let (filter, sort) =
            focus.with_untracked(|f| (run.with(|s| f.row_filter(s)), f.filters.sort));
        run.with_outcome(c, |_, o| filter.map(|flt| f(o, d, t, &flt, sort)))
            .flatten()
            .unwrap_or_default()
    })
}

#[component]
pub fn Logs() -> impl IntoView {
    let locale = expect_context::<Locale>();
    let run = expect_context::<Run>();
    let clock = expect_context::<Clock>();
    let focus = expect_context::<FocusHandle>();
    let rows = rows_memo(run, clock, focus, broadlog_rows);
    let trows = rows_memo(run, clock, focus, tracking_rows);
    let matching = move |r: Memo<RowSet>| {
        count(
            locale.get(),
            r.with(|r| r.len()) as u64,
            K::RowMatchOne,
            K::RowMatchMany,
        )
    };
    let tracking_off = move || run.with(|s| !s.tracking()).unwrap_or(true);
    // The execution in focus targeted nobody: no row to show, and why.
    let nobody = move || {
        let (c, e) = focus.with(|f| (f.column, f.execution));
        let t = clock.now();
        run.with_outcome(c, |_, o| {
            e.and_then(|e| o.executions().get(e))
                .is_some_and(|x| x.delivery.is_none() && x.at <= t)
        })
        .unwrap_or(false)
    };
    let bl_headers = [
        K::ColRow,
        K::ColDelivery,
        K::ColExecution,
        K::ColRecipient,
        K::ColDate,
        K::Status,
        K::Reason,
    ];
    let tr_headers = [
        K::ColBroadlogRow,
        K::ColDelivery,
        K::ColExecution,
        K::ColRecipient,
        K::ColDate,
        K::ColEvent,
        K::ColDevice,
    ];
    view! {
        <FilterBar />
        <div class="cs-log-head">
            <Heading depth=2 text=locale.sig(K::BroadLog) />
            <span class="cs-hint" data-testid="broadlog-count">{move || matching(rows)}</span>
        </div>
        <p class="cs-hint">{locale.text(K::RowHint)}</p>
        <Show when=nobody>
            <p class="cs-note" data-testid="targeted-nobody">{locale.text(K::TargetedNobody)}</p>
        </Show>
        <VirtualTable rows headers=bl_headers render=broadlog_row testid="broadlog-table" />
        <div class="cs-log-head">
            <Heading depth=2 text=locale.sig(K::TrackingLog) />
            <span class="cs-hint" data-testid="tracking-count">{move || matching(trows)}</span>
        </div>
        <Show when=tracking_off>
            <p class="cs-hint">{locale.text(K::TrackingOff)}</p>
        </Show>
        <VirtualTable rows=trows headers=tr_headers render=tracking_row testid="tracking-table" />
    }
}

/// A broadLog row: it names its recipient and its execution, and the trace explains
/// both when it is clicked.
fn broadlog_row(r: u32) -> AnyView {
    let (locale, run, focus, nav) = (
        expect_context::<Locale>(),
        expect_context::<Run>(),
        expect_context::<FocusHandle>(),
        expect_context::<Nav>(),
    );
    let lang = locale.get_untracked();
    let column = focus.with_untracked(|f| f.column);
    let row = run
        .with_untracked(|s| {
            let b = s.outcome(column)?.broadlog().row(r as usize)?;
            Some((b, format::short(lang, s.cal.local(b.at))))
        })
        .flatten();
    let Some((b, at)) = row else {
        return ().into_any();
    };
    let (rid, exec) = (b.recipient_id, b.execution as usize);
    // The trace follows the row's recipient at its execution; its sentence opens
    // next to the row.
    let open = move |click: Click| {
        nav.focus(move |f| {
            f.recipient = Some(rid);
            f.trace_execution = Some(exec);
        });
        let landed = Landed::Row {
            recipient: rid,
            execution: exec,
        };
        nav.land(click, landed);
    };
    view! {
        <div
            class="cs-tr"
            role="row"
            tabindex="0"
            data-testid="broadlog-row"
            data-row=r
            data-status=b.status.name()
            data-recipient=rid
            class:cs-failed=b.status == Status::Failed
            class:cs-ignored=b.status == Status::Ignored
            on:click=move |ev| open(click_of(&ev))
            on:keydown=move |ev| {
                if ev.key() == "Enter" || ev.key() == " " {
                    ev.prevent_default();
                    open(key_click_of(&ev));
                }
            }
        >
            <span role="cell">{b.id}</span>
            <span role="cell">{format!("#{}", b.delivery)}</span>
            <span role="cell">{format!("#{}", b.execution + 1)}</span>
            <span role="cell">{rid}</span>
            <span role="cell">{at}</span>
            <span role="cell">{i18n::status(lang, b.status)}</span>
            <span role="cell">{b.reason.map_or("", |x| i18n::reason(lang, x))}</span>
        </div>
    }
    .into_any()
}

/// A tracking row; the execution is the one whose send it tracks (continuous
/// deliveries mix them).
fn tracking_row(r: u32) -> AnyView {
    let (locale, run, focus, nav) = (
        expect_context::<Locale>(),
        expect_context::<Run>(),
        expect_context::<FocusHandle>(),
        expect_context::<Nav>(),
    );
    let lang = locale.get_untracked();
    let column = focus.with_untracked(|f| f.column);
    let row = run
        .with_untracked(|s| {
            let o = s.outcome(column)?;
            let t = o.tracking().row(r as usize)?;
            let exec = o
                .broadlog()
                .row(t.broadlog_row as usize)
                .map(|b| format!("#{}", b.execution + 1));
            Some((
                t,
                exec.unwrap_or_default(),
                format::short(lang, s.cal.local(t.at)),
            ))
        })
        .flatten();
    let Some((t, exec, at)) = row else {
        return ().into_any();
    };
    let rid = t.recipient_id;
    view! {
        <div class="cs-tr" role="row" tabindex="0" data-testid="tracking-row" on:click=move |_| nav.focus(move |f| f.recipient = Some(rid))>
            <span role="cell">{t.broadlog_row + 1}</span>
            <span role="cell">{format!("#{}", t.delivery)}</span>
            <span role="cell">{exec}</span>
            <span role="cell">{rid}</span>
            <span role="cell">{at}</span>
            <span role="cell">{i18n::tracking_kind(lang, t.kind)}</span>
            <span role="cell">{t.url.map(|u| format!("link {}", u + 1)).unwrap_or_default()} " " {i18n::device(lang, t.device)}</span>
        </div>
    }
    .into_any()
}

/// The send log's filters: execution, status, reason, date range, order.
#[component]
fn FilterBar() -> impl IntoView {
    let locale = expect_context::<Locale>();
    let nav = expect_context::<Nav>();
    let focus = expect_context::<FocusHandle>();
    let filters = focus.select(|f| f.filters.clone());
    let set = move |f: fn(&mut Focus, String), v: String| nav.focus(move |x| f(x, v));
    let status_options = move || {
        let lang = locale.get();
        STATUSES
            .iter()
            .map(|s| (s.name().to_string(), i18n::status(lang, *s).to_string()))
            .collect::<Vec<_>>()
    };
    let reason_options = move || {
        let lang = locale.get();
        Reason::ALL[1..]
            .iter()
            .map(|r| (r.name().to_string(), i18n::reason(lang, *r).to_string()))
            .collect::<Vec<_>>()
    };
    view! {
        <div class="cs-filters">
            <ExecutionFilter />
            <Choice
                label=K::Status
                testid="filter-status"
                value=Signal::derive(move || filters.with(|f| f.status.map(Status::name).unwrap_or_default().to_string()))
                options=Signal::derive(status_options)
                set=move |v: String| set(|f, v| f.filters.status = Status::from_name(&v), v)
            />
            <Choice
                label=K::Reason
                testid="filter-reason"
                value=Signal::derive(move || filters.with(|f| f.reason.map(Reason::name).unwrap_or_default().to_string()))
                options=Signal::derive(reason_options)
                set=move |v: String| set(|f, v| f.filters.reason = Reason::from_name(&v), v)
            />
            <label class="cs-field">
                <span>{locale.text(K::From)}</span>
                <input type="date" data-testid="filter-from" prop:value=move || filters.with(|f| f.from.clone()) on:change:target=move |ev| set(|f, v| f.filters.from = v, ev.target().value()) />
            </label>
            <label class="cs-field">
                <span>{locale.text(K::To)}</span>
                <input type="date" data-testid="filter-to" prop:value=move || filters.with(|f| f.to.clone()) on:change:target=move |ev| set(|f, v| f.filters.to = v, ev.target().value()) />
            </label>
            <SortPicker />
        </div>
    }
}

/// A `<select>` of the filters: "Any", then the options.
#[component]
fn Choice(
    label: K,
    testid: &'static str,
    value: Signal<String>,
    options: Signal<Vec<(String, String)>>,
    set: impl Fn(String) + Copy + 'static,
) -> impl IntoView {
    let locale = expect_context::<Locale>();
    view! {
        <label class="cs-field">
            <span>{move || locale.t(label)}</span>
            <select data-testid=testid prop:value=move || value.get() on:change:target=move |ev| set(ev.target().value())>
                <option value="">{locale.text(K::Any)}</option>
                {move || options.get().into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
            </select>
        </label>
    }
}

#[component]
fn SortPicker() -> impl IntoView {
    let locale = expect_context::<Locale>();
    let nav = expect_context::<Nav>();
    let focus = expect_context::<FocusHandle>();
    let sort = focus.select(|f| f.filters.sort);
    view! {
        <label class="cs-field">
            <span>{locale.text(K::SortBy)}</span>
            <select
                data-testid="sort"
                prop:value=move || match sort.get() {
                    Sort::DateAsc => "asc",
                    Sort::DateDesc => "desc",
                    Sort::Recipient => "recipient",
                }
                on:change:target=move |ev| {
                    let v = match ev.target().value().as_str() {
                        "desc" => Sort::DateDesc,
                        "recipient" => Sort::Recipient,
                        _ => Sort::DateAsc,
                    };
                    nav.focus(move |f| f.filters.sort = v);
                }
            >
                <option value="asc">{locale.text(K::SortDateAsc)}</option>
                <option value="desc">{locale.text(K::SortDateDesc)}</option>
                <option value="recipient">{locale.text(K::SortRecipient)}</option>
            </select>
        </label>
    }
}

/// The send log's execution filter: the selected delivery's executions (or all) up to
/// the clock; each option says whether it is the one in focus.
#[component]
fn ExecutionFilter() -> impl IntoView {
    let locale = expect_context::<Locale>();
    let run = expect_context::<Run>();
    let clock = expect_context::<Clock>();
    let focus = expect_context::<FocusHandle>();
    let nav = expect_context::<Nav>();
    let in_focus = focus.select(|f| f.execution);
    let scope = focus.select(|f| (f.column, f.selected(), f.workflow));
    let options = Memo::new(move |_| {
        let ((c, d, wf), t, lang, e) = (scope.get(), clock.now(), locale.get(), in_focus.get());
        run.with_outcome(c, |_, o| execution_options(o, (d, wf), t, e, lang))
            .unwrap_or_default()
    });
    view! {
        <label class="cs-field">
            <span>{locale.text(K::ColExecution)}</span>
            <select
                data-testid="execution-filter"
                prop:value=move || in_focus.get().map(|e| e.to_string()).unwrap_or_default()
                on:change:target=move |ev| {
                    let e = ev.target().value().parse::<usize>().ok();
                    nav.focus(move |f| f.execution = e);
                }
            >
                <option value="" prop:selected=move || in_focus.get().is_none()>{locale.text(K::AllExecutions)}</option>
                {move || {
                    let focus = in_focus.get();
                    options.get().into_iter()
                        .map(|(i, label)| view! { <option value=i.to_string() prop:selected=focus == Some(i)>{label}</option> })
                        .collect_view()
                }}
            </select>
        </label>
    }
}
