//! The delivery explorer (the deliveries as the platform lists them, per mode) and the
//! virtualised broadLog and tracking tables of the selected delivery.

use leptos::prelude::*;

use super::app::{dispatch, Ctx};
use super::format;
use super::i18n::{self, tr, K};
use super::model::{additions, broadlog_rows, tracking_rows, ModeKey, RowFilter, RowSet, Sort};
use super::window::rows_in_view;
use crate::engine::doc::parse_date;
use crate::engine::out::logs::{Reason, Status};
use crate::engine::out::outcome::Outcome;

/// Height of one table row, px (fixed, so the window is a division).
const ROW_H: f64 = 28.0;
/// Height of the scrolling area, px.
const VIEW_H: f64 = 336.0;
/// Deliveries listed at most (newest first); a periodic schedule can create thousands.
const MAX_LISTED: usize = 400;

fn mode_key(m: ModeKey) -> K {
    match m {
        ModeKey::Recurring => K::Recurring,
        ModeKey::Continuous => K::Continuous,
        ModeKey::Aggregated => K::Aggregated,
    }
}

/// The explorer with its two log tables.
pub fn explorer(ctx: Ctx) -> impl IntoView {
    let now = Memo::new(move |_| ctx.playback.with(|p| p.now()));
    let column = ctx.column;
    // A new simulation may have fewer columns.
    Effect::new(move |_| {
        let n = ctx.sim.with(|s| s.as_ref().map_or(0, |s| s.columns.len()));
        if column.get_untracked() >= n.max(1) {
            column.set(0);
        }
    });
    let modes = Memo::new(move |_| {
        ctx.sim.with(|s| {
            s.as_ref()
                .map(|s| s.columns.iter().map(|c| c.mode).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    });
    let selected = Memo::new(move |_| {
        ctx.selected
            .get()
            .filter(|(c, _)| *c == column.get())
            .map(|(_, id)| id as u32)
    });
    let list = Memo::new(move |_| {
        let t = now.get();
        let lang = ctx.lang.get();
        let c = column.get();
        ctx.sim.with(|s| {
            let Some(o) = s.as_ref().and_then(|s| s.outcome(c)) else {
                return (Vec::new(), 0);
            };
            let cal = *o.calendar();
            let created: Vec<_> = o.deliveries().iter().filter(|d| d.created <= t).collect();
            let total = created.len();
            let continuous = o.mode() == crate::engine::doc::Mode::Continuous;
            let items = created
                .iter()
                .rev()
                .take(MAX_LISTED)
                .map(|d| {
                    let adds = additions(o, d.id, t);
                    let rows: usize = adds.iter().map(|a| a.1).sum();
                    let fork = continuous && d.id > 1;
                    (
                        d.id,
                        d.label.clone(),
                        format::date_time(lang, cal.local(d.created)),
                        d.content_version,
                        adds.len(),
                        rows,
                        fork,
                    )
                })
                .collect::<Vec<_>>();
            (items, total)
        })
    });
    let hint = move || {
        modes
            .get()
            .get(column.get())
            .map(|m| match m {
                ModeKey::Recurring => K::ExplorerRecurring,
                ModeKey::Continuous => K::ExplorerContinuous,
                ModeKey::Aggregated => K::ExplorerAggregated,
            })
            .map(|k| ctx.t(k))
    };
    view! {
        <section class="cs-explorer">
            <h2>{move || ctx.t(K::Explorer)}</h2>
            <div class="cs-tabs" role="group">
                {move || {
                    let lang = ctx.lang.get();
                    modes
                        .get()
                        .into_iter()
                        .enumerate()
                        .map(|(i, m)| {
                            view! {
                                <button
                                    data-testid="explorer-mode"
                                    data-mode=m.attr()
                                    aria-pressed=move || (column.get() == i).to_string()
                                    on:click=move |_| dispatch(ctx, move |ctx| {
                                        ctx.column.set(i);
                                        ctx.selected.set(None);
                                    })
                                >
                                    {tr(lang, mode_key(m))}
                                </button>
                            }
                        })
                        .collect_view()
                }}
            </div>
            <p class="cs-hint">{hint}</p>
            <div class="cs-grid2 cs-ex-grid">
                <div>
                    <ul class="cs-deliveries" tabindex="0" data-testid="delivery-list">
                        <li>
                            <button
                                class="cs-dl"
                                aria-pressed=move || selected.get().is_none().to_string()
                                on:click=move |_| dispatch(ctx, |ctx| ctx.selected.set(None))
                            >
                                <strong>{move || ctx.t(K::AllDeliveries)}</strong>
                            </button>
                        </li>
                        {move || {
                            let lang = ctx.lang.get();
                            let (items, total) = list.get();
                            let more = (total > items.len())
                                .then(|| {
                                    view! {
                                        <li class="cs-hint">
                                            {format!("{} {} / {}", tr(lang, K::ShownNewest), items.len(), total)}
                                        </li>
                                    }
                                });
                            let empty = (total == 0)
                                .then(|| view! { <li class="cs-hint">{tr(lang, K::NoDeliveryYet)}</li> });
                            let c = column.get_untracked();
                            view! {
                                {empty}
                                {items
                                    .into_iter()
                                    .map(|(id, label, created, version, runs, rows, fork)| {
                                        view! {
                                            <li>
                                                <button
                                                    class="cs-dl"
                                                    data-testid="delivery-item"
                                                    aria-pressed=move || (selected.get() == Some(id)).to_string()
                                                    on:click=move |_| dispatch(ctx, move |ctx| ctx.selected.set(Some((c, u64::from(id)))))
                                                >
                                                    <strong>{format!("#{id} {label}")}</strong>
                                                    <span class="cs-hint">
                                                        {format!(
                                                            "{created} · {runs} {} · {} {} · {} v{version}",
                                                            tr(lang, K::Runs),
                                                            format::int(lang, rows as u64),
                                                            tr(lang, K::Rows),
                                                            tr(lang, K::ContentVersion),
                                                        )}
                                                    </span>
                                                    {fork.then(|| view! { <span class="cs-fork">{tr(lang, K::Fork)}</span> })}
                                                </button>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                                {more}
                            }
                        }}
                    </ul>
                    {move || additions_view(ctx, column.get(), selected.get(), now.get())}
                </div>
                <div>{logs(ctx, column, selected, now)}</div>
            </div>
            {super::files::export_bar(ctx)}
        </section>
    }
}

/// A continuous delivery's additions, execution by execution.
fn additions_view(ctx: Ctx, column: usize, selected: Option<u32>, t: i64) -> Option<AnyView> {
    let id = selected?;
    let lang = ctx.lang.get_untracked();
    ctx.sim.with_untracked(|s| {
        let s = s.as_ref()?;
        let o = s.outcome(column)?;
        let adds = additions(o, id, t);
        if adds.len() < 2 {
            return None;
        }
        let cal = s.cal;
        Some(
            view! {
                <h3>{tr(lang, K::Additions)}</h3>
                <ol class="cs-additions" tabindex="0">
                    {adds
                        .into_iter()
                        .rev()
                        .take(60)
                        .map(|(e, n)| {
                            let at = o.executions().get(e).map(|x| x.at).unwrap_or(0);
                            view! {
                                <li>
                                    {format!("#{} {} : +{}", e + 1, format::short(lang, cal.local(at)), n)}
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
            }
            .into_any(),
        )
    })
}

const STATUSES: [Status; 3] = [Status::Sent, Status::Failed, Status::Ignored];

/// Filters and the two virtual tables.
fn logs(
    ctx: Ctx,
    column: RwSignal<usize>,
    selected: Memo<Option<u32>>,
    now: Memo<i64>,
) -> impl IntoView {
    let status = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let sort = RwSignal::new(Sort::DateAsc);
    let filter = Memo::new(move |_| {
        let cal = ctx.sim.with(|s| s.as_ref().map(|s| s.cal));
        let day = |d: &str, next: bool| {
            let cal = cal?;
            let date = parse_date(d)?;
            let date = if next { date.succ_opt()? } else { date };
            Some(cal.instant(date.and_hms_opt(0, 0, 0)?))
        };
        RowFilter {
            status: STATUSES
                .into_iter()
                .find(|s| format!("{s:?}") == status.get()),
            reason: Reason::ALL
                .into_iter()
                .find(|r| format!("{r:?}") == reason.get()),
            from: day(&from.get(), false),
            to: day(&to.get(), true),
        }
    });
    // One memo per table, over the same inputs; only the row function differs.
    let rows_of = move |f: fn(&Outcome, Option<u32>, i64, &RowFilter, Sort) -> RowSet| {
        Memo::new(move |_| {
            let (c, d, t, flt, srt) = (
                column.get(),
                selected.get(),
                now.get(),
                filter.get(),
                sort.get(),
            );
            ctx.sim.with(|s| {
                s.as_ref()
                    .and_then(|s| s.outcome(c))
                    .map(|o| f(o, d, t, &flt, srt))
                    .unwrap_or_default()
            })
        })
    };
    let rows = rows_of(broadlog_rows);
    let trows = rows_of(tracking_rows);
    let tracking_on = move || {
        ctx.sim
            .with(|s| s.as_ref().is_some_and(|s| s.scenario.tracking.enabled))
    };
    let bl_row = move |r: u32| -> AnyView {
        let lang = ctx.lang.get_untracked();
        ctx.sim.with_untracked(|s| {
            let Some((o, cal)) = s
                .as_ref()
                .and_then(|s| s.outcome(column.get_untracked()).map(|o| (o, s.cal)))
            else {
                return ().into_any();
            };
            let Some(b) = o.broadlog().row(r as usize) else {
                return ().into_any();
            };
            let rid = b.recipient_id;
            view! {
                <div
                    class="cs-tr"
                    role="row"
                    tabindex="0"
                    data-testid="broadlog-row"
                    data-status=format!("{:?}", b.status).to_ascii_lowercase()
                    data-recipient=rid
                    class:cs-failed=b.status == Status::Failed
                    class:cs-ignored=b.status == Status::Ignored
                    on:click=move |_| dispatch(ctx, move |ctx| ctx.recipient.set(Some(rid)))
                    on:keydown=move |ev| {
                        if ev.key() == "Enter" || ev.key() == " " {
                            dispatch(ctx, move |ctx| ctx.recipient.set(Some(rid)));
                        }
                    }
                >
                    <span role="cell">{b.id}</span>
                    <span role="cell">{format!("#{}", b.delivery)}</span>
                    <span role="cell">{format!("#{}", b.execution + 1)}</span>
                    <span role="cell">{rid}</span>
                    <span role="cell">{format::short(lang, cal.local(b.at))}</span>
                    <span role="cell">{i18n::status(lang, b.status)}</span>
                    <span role="cell">{b.reason.map_or("", |x| i18n::reason(lang, x))}</span>
                </div>
            }
            .into_any()
        })
    };
    let tr_row = move |r: u32| -> AnyView {
        let lang = ctx.lang.get_untracked();
        ctx.sim.with_untracked(|s| {
            let Some((o, cal)) = s.as_ref().and_then(|s| s.outcome(column.get_untracked()).map(|o| (o, s.cal))) else {
                return ().into_any();
            };
            let Some(t) = o.tracking().row(r as usize) else {
                return ().into_any();
            };
            let rid = t.recipient_id;
            // The execution whose send this event tracks (continuous deliveries mix them).
            let exec = o
                .broadlog()
                .row(t.broadlog_row as usize)
                .map(|b| format!("#{}", b.execution + 1))
                .unwrap_or_default();
            view! {
                <div class="cs-tr" role="row" tabindex="0" data-testid="tracking-row" on:click=move |_| dispatch(ctx, move |ctx| ctx.recipient.set(Some(rid)))>
                    <span role="cell">{t.broadlog_row + 1}</span>
                    <span role="cell">{format!("#{}", t.delivery)}</span>
                    <span role="cell">{exec}</span>
                    <span role="cell">{rid}</span>
                    <span role="cell">{format::short(lang, cal.local(t.at))}</span>
                    <span role="cell">{i18n::tracking_kind(lang, t.kind)}</span>
                    <span role="cell">{t.url.map(|u| format!("link {}", u + 1)).unwrap_or_default()} " " {i18n::device(lang, t.device)}</span>
                </div>
            }
            .into_any()
        })
    };
    let select = move |label: K,
                       value: RwSignal<String>,
                       options: Vec<(String, String)>,
                       testid: &'static str| {
        view! {
            <label class="cs-field">
                <span>{move || ctx.t(label)}</span>
                <select data-testid=testid prop:value=move || value.get() on:change:target=move |ev| value.set(ev.target().value())>
                    <option value="">{move || ctx.t(K::Any)}</option>
                    {options.into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
                </select>
            </label>
        }
    };
    view! {
        <div class="cs-filters">
            {move || {
                let lang = ctx.lang.get();
                view! {
                    {select(
                        K::Status,
                        status,
                        STATUSES.iter().map(|s| (format!("{s:?}"), i18n::status(lang, *s).to_string())).collect(),
                        "filter-status",
                    )}
                    {select(
                        K::Reason,
                        reason,
                        Reason::ALL.iter().skip(1).map(|r| (format!("{r:?}"), i18n::reason(lang, *r).to_string())).collect(),
                        "filter-reason",
                    )}
                }
            }}
            <label class="cs-field">
                <span>{move || ctx.t(K::From)}</span>
                <input type="date" data-testid="filter-from" prop:value=move || from.get() on:change:target=move |ev| from.set(ev.target().value()) />
            </label>
            <label class="cs-field">
                <span>{move || ctx.t(K::To)}</span>
                <input type="date" data-testid="filter-to" prop:value=move || to.get() on:change:target=move |ev| to.set(ev.target().value()) />
            </label>
            <label class="cs-field">
                <span>{move || ctx.t(K::SortBy)}</span>
                <select
                    data-testid="sort"
                    on:change:target=move |ev| {
                        sort.set(match ev.target().value().as_str() {
                            "desc" => Sort::DateDesc,
                            "recipient" => Sort::Recipient,
                            _ => Sort::DateAsc,
                        })
                    }
                >
                    <option value="asc">{move || ctx.t(K::SortDateAsc)}</option>
                    <option value="desc">{move || ctx.t(K::SortDateDesc)}</option>
                    <option value="recipient">{move || ctx.t(K::SortRecipient)}</option>
                </select>
            </label>
        </div>
        <h3>
            {move || ctx.t(K::BroadLog)} " "
            <span class="cs-hint" data-testid="broadlog-count">
                {move || format!("{} {}", format::int(ctx.lang.get(), rows.with(|r| r.len()) as u64), ctx.t(K::RowsMatching))}
            </span>
        </h3>
        <p class="cs-hint">{move || ctx.t(K::RowHint)}</p>
        {virtual_table(
            ctx,
            rows,
            [K::ColRow, K::ColDelivery, K::ColExecution, K::ColRecipient, K::ColDate, K::Status, K::Reason],
            bl_row,
            "broadlog-table",
        )}
        <h3>
            {move || ctx.t(K::TrackingLog)} " "
            <span class="cs-hint" data-testid="tracking-count">
                {move || format!("{} {}", format::int(ctx.lang.get(), trows.with(|r| r.len()) as u64), ctx.t(K::RowsMatching))}
            </span>
        </h3>
        <Show when=move || !tracking_on()>
            <p class="cs-hint">{move || ctx.t(K::TrackingOff)}</p>
        </Show>
        {virtual_table(
            ctx,
            trows,
            [K::ColBroadlogRow, K::ColDelivery, K::ColExecution, K::ColRecipient, K::ColDate, K::ColEvent, K::ColDevice],
            tr_row,
            "tracking-table",
        )}
    }
}

/// A table that renders only the rows in view (plus a margin) over a full-height
/// spacer: a million rows scroll with at most a few dozen in the DOM.
fn virtual_table(
    ctx: Ctx,
    rows: Memo<RowSet>,
    headers: [K; 7],
    render: impl Fn(u32) -> AnyView + Clone + Send + Sync + 'static,
    testid: &'static str,
) -> impl IntoView {
    let scroll = RwSignal::new(0.0f64);
    let window = Memo::new(move |_| {
        let n = rows.with(|r| r.len());
        rows_in_view(scroll.get(), VIEW_H, ROW_H, n, 6)
    });
    view! {
        <div class="cs-vt" role="table" tabindex="0" data-testid=testid>
            <div class="cs-tr cs-th" role="row">
                {headers.into_iter().map(|h| view! { <span role="columnheader">{move || ctx.t(h)}</span> }).collect_view()}
            </div>
            <div
                class="cs-vt-body"
                style=move || {
                    let h = (rows.with(|r| r.len()) as f64 * ROW_H).clamp(ROW_H, VIEW_H);
                    format!("height:{h}px")
                }
                on:scroll:target=move |ev| scroll.set(f64::from(ev.target().scroll_top()))
            >
                <div style=move || format!("height:{}px;position:relative", rows.with(|r| r.len()) as f64 * ROW_H)>
                    <div style=move || format!("position:absolute;left:0;right:0;top:{}px", window.get().start as f64 * ROW_H)>
                        {move || {
                            let w = window.get();
                            let render = render.clone();
                            rows.with(|r| r.slice(w))
                                .into_iter()
                                .map(render)
                                .collect_view()
                        }}
                    </div>
                </div>
            </div>
        </div>
    }
}
