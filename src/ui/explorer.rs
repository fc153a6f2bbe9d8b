//! The delivery explorer (the deliveries as the platform lists them, per mode) and the
//! virtualised broadLog and tracking tables of the selected delivery.

use leptos::prelude::*;

use super::app::{dispatch, jump, Ctx, FilterField};
use super::format;
use super::i18n::{self, fill, tr, K};
use super::model::{additions, broadlog_rows, tracking_rows, ModeKey, RowFilter, RowSet, Sort};
use super::window::{page_around, rows_in_view};
use crate::engine::doc::parse_date;
use crate::engine::out::logs::{Reason, Status};
use crate::engine::out::outcome::Outcome;

/// Height of one table row, px (fixed, so the window is a division).
const ROW_H: f64 = 28.0;
/// Height of the scrolling area, px.
const VIEW_H: f64 = 336.0;
/// Deliveries listed at once (a page, oldest first); a periodic schedule can create
/// thousands, and a short page needs no inner scroll box to catch the mouse wheel.
const DELIVERY_PAGE: usize = 12;
/// Executions the execution filter offers at most (the latest up to the clock).
const MAX_LISTED: usize = 400;

/// One line of the delivery list.
#[derive(Clone, Debug, PartialEq)]
struct DeliveryItem {
    id: u32,
    label: String,
    created: String,
    version: u32,
    runs: usize,
    rows: usize,
    fork: bool,
}

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
    // The deliveries created so far, a page of them around the selected one (or the
    // newest), oldest first; "earlier" / "later" move by pages.
    let shift = RwSignal::new(0i64);
    // The additions list shows the latest few until asked for all.
    let all_additions = RwSignal::new(false);
    Effect::new(move |_| {
        selected.track();
        column.track();
        shift.set(0);
    });
    let list = Memo::new(move |_| {
        let t = now.get();
        let lang = ctx.lang.get();
        let c = column.get();
        let (sel, k) = (selected.get(), shift.get());
        ctx.sim.with(|s| {
            let Some(o) = s.as_ref().and_then(|s| s.outcome(c)) else {
                return (Vec::new(), 0..0, 0);
            };
            let cal = *o.calendar();
            // The deliveries created so far, of the workflow shown (or all).
            let wf = ctx.workflow.get();
            let created = &o.deliveries()[..o.deliveries().partition_point(|d| d.created <= t)];
            let shown: Vec<&crate::engine::out::outcome::DeliveryRecord> = created
                .iter()
                .filter(|d| wf.is_none_or(|w| usize::from(d.workflow) == w))
                .collect();
            let total = shown.len();
            let anchor = sel
                .and_then(|id| shown.iter().position(|d| d.id == id))
                .unwrap_or(total.saturating_sub(1));
            let page = page_around(total, anchor, DELIVERY_PAGE, k);
            let continuous = |d: &crate::engine::out::outcome::DeliveryRecord| {
                o.workflows()
                    .get(usize::from(d.workflow))
                    .is_some_and(|w| w.mode == crate::engine::doc::Mode::Continuous)
            };
            let items = shown
                .get(page.clone())
                .unwrap_or(&[])
                .iter()
                .map(|d| {
                    let adds = additions(o, d.id, t);
                    let rows: usize = adds.iter().map(|a| a.1).sum();
                    DeliveryItem {
                        id: d.id,
                        label: d.label.clone(),
                        created: format::date_time(lang, cal.local(d.created)),
                        version: d.content_version,
                        runs: adds.len(),
                        rows,
                        // A continuous delivery after its workflow's first one: a fork.
                        fork: continuous(d)
                            && o.deliveries()
                                .iter()
                                .any(|x| x.workflow == d.workflow && x.id < d.id),
                    }
                })
                .collect::<Vec<_>>();
            (items, page, total)
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
                    <ul class="cs-deliveries" data-testid="delivery-list">
                        <li>
                            <button
                                class="cs-dl"
                                aria-pressed=move || selected.get().is_none().to_string()
                                on:click=move |_| dispatch(ctx, |ctx| {
                                    // Every delivery: every execution's rows too.
                                    ctx.selected.set(None);
                                    ctx.execution.set(None);
                                })
                            >
                                <strong>{move || ctx.t(K::AllDeliveries)}</strong>
                            </button>
                        </li>
                        {move || {
                            let lang = ctx.lang.get();
                            let (items, page, total) = list.get();
                            let empty = (total == 0)
                                .then(|| view! { <li class="cs-hint">{tr(lang, K::NoDeliveryYet)}</li> });
                            let c = column.get_untracked();
                            view! {
                                {empty}
                                {items
                                    .into_iter()
                                    .map(|d| {
                                        let id = d.id;
                                        let detail = format!(
                                            "{} · {} · {} · {} v{}",
                                            d.created,
                                            i18n::count(lang, d.runs as u64, K::ExecutionOne, K::ExecutionMany),
                                            i18n::count(lang, d.rows as u64, K::RowOne, K::RowMany),
                                            tr(lang, K::ContentVersion),
                                            d.version,
                                        );
                                        view! {
                                            <li>
                                                <button
                                                    class="cs-dl"
                                                    data-testid="delivery-item"
                                                    data-delivery=id.to_string()
                                                    aria-pressed=move || (selected.get() == Some(id)).to_string()
                                                    on:click=move |_| dispatch(ctx, move |ctx| open_delivery(ctx, c, id))
                                                >
                                                    <strong>{format!("#{id} {}", d.label)}</strong>
                                                    <span class="cs-hint">{detail}</span>
                                                    {d.fork.then(|| view! { <span class="cs-fork">{tr(lang, K::Fork)}</span> })}
                                                </button>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                                {(total > page.len()).then(|| view! {
                                    <li class="cs-pager">
                                        <button
                                            data-testid="deliveries-earlier"
                                            disabled={page.start == 0}
                                            on:click=move |_| shift.update(|k| *k -= 1)
                                        >
                                            {tr(lang, K::Earlier)}
                                        </button>
                                        <span>{fill(tr(lang, K::PageOf), &[
                                            ("from", &(page.start + 1).to_string()),
                                            ("to", &page.end.to_string()),
                                            ("total", &format::int(lang, total as u64)),
                                        ])}</span>
                                        <button
                                            data-testid="deliveries-later"
                                            disabled={page.end >= total}
                                            on:click=move |_| shift.update(|k| *k += 1)
                                        >
                                            {tr(lang, K::Later)}
                                        </button>
                                    </li>
                                })}
                            }
                        }}
                    </ul>
                    {move || additions_view(ctx, column.get(), selected.get(), now.get(), all_additions)}
                </div>
                <div>{logs(ctx, column, selected, now)}</div>
            </div>
            {export_bar(ctx)}
        </section>
    }
}

/// The exports under the explorer (the full bundle only).
#[cfg(feature = "full")]
fn export_bar(ctx: Ctx) -> impl IntoView {
    super::files::export_bar(ctx)
}

#[cfg(not(feature = "full"))]
fn export_bar(_: Ctx) -> impl IntoView {}

/// Opens a delivery: the clock, journal and trace go to its latest execution so far;
/// the send log shows its rows (one execution's when it has only one, else all of
/// them: the execution filter then splits a continuous delivery's additions).
fn open_delivery(ctx: Ctx, column: usize, id: u32) {
    let now = ctx.playback.with_untracked(|p| p.now());
    let found = ctx.sim.with_untracked(|s| {
        let o = s.as_ref()?.outcome(column)?;
        let d = o.deliveries().get(id.checked_sub(1)? as usize)?;
        let first = d.first_execution as usize;
        let latest = o
            .executions()
            .get(first..=d.last_execution as usize)?
            .iter()
            .rposition(|e| e.delivery == Some(id) && e.at <= now)
            .map(|i| first + i)?;
        let runs = additions(o, id, now).len();
        Some((latest, runs))
    });
    ctx.selected.set(Some((column, u64::from(id))));
    if let Some((latest, runs)) = found {
        super::app::jump_now(ctx, latest);
        if runs > 1 {
            ctx.execution.set(None);
        }
    }
}

/// Additions listed at most (the latest up to the clock, oldest first).
const ADDITIONS_SHOWN: usize = 8;

/// A continuous (or aggregated) delivery's additions, execution by execution: each
/// goes to its execution (the send log then shows only the rows it appended).
fn additions_view(
    ctx: Ctx,
    column: usize,
    selected: Option<u32>,
    t: i64,
    all: RwSignal<bool>,
) -> Option<AnyView> {
    let id = selected?;
    let show_all = all.get();
    let lang = ctx.lang.get_untracked();
    ctx.sim.with_untracked(|s| {
        let s = s.as_ref()?;
        let o = s.outcome(column)?;
        let adds = additions(o, id, t);
        if adds.len() < 2 {
            return None;
        }
        let cal = s.cal;
        let caption = fill(
            tr(lang, K::AdditionsCaption),
            &[
                ("runs", &i18n::count(lang, adds.len() as u64, K::ExecutionOne, K::ExecutionMany)),
                ("rows", &i18n::count(lang, adds.iter().map(|a| a.1 as u64).sum(), K::RowOne, K::RowMany)),
            ],
        );
        let total = adds.len();
        let from = if show_all { 0 } else { total.saturating_sub(ADDITIONS_SHOWN) };
        // A cut list says so, and shows the rest on request.
        let more = (from > 0).then(|| {
            let text = fill(
                tr(lang, K::AdditionsLatest),
                &[("shown", &(total - from).to_string()), ("total", &total.to_string())],
            );
            view! {
                <p class="cs-hint">
                    {text} " "
                    <button class="cs-link" data-testid="additions-all" on:click=move |_| all.set(true)>
                        {tr(lang, K::ShowAll)}
                    </button>
                </p>
            }
        });
        Some(
            view! {
                <h3>{tr(lang, K::Additions)}</h3>
                <p class="cs-caption" data-testid="additions-caption">{caption}</p>
                {more}
                <ol class="cs-additions" start=(from + 1).to_string()>
                    {adds
                        .into_iter()
                        .skip(from)
                        .map(|(e, n)| {
                            let at = o.executions().get(e).map(|x| x.at).unwrap_or(0);
                            let text = fill(
                                tr(lang, K::AdditionLine),
                                &[
                                    ("n", &(e + 1).to_string()),
                                    ("at", &format::short(lang, cal.local(at))),
                                    ("rows", &i18n::count(lang, n as u64, K::RowOne, K::RowMany)),
                                ],
                            );
                            view! {
                                <li>
                                    <button
                                        class="cs-link"
                                        data-testid="addition"
                                        data-execution=e.to_string()
                                        aria-pressed=move || (ctx.execution.get() == Some(e)).to_string()
                                        on:click=move |_| jump(ctx, move |_| Some(e), |_| {})
                                    >
                                        {text}
                                    </button>
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
    let f = ctx.filters;
    let get = move |k: FilterField| f.with(|f| f.get(k).to_string());
    let set = move |k: FilterField, v: String| {
        dispatch(ctx, move |ctx| ctx.filters.update(|f| f.set(k, v)))
    };
    let filter = Memo::new(move |_| {
        let cal = ctx.sim.with(|s| s.as_ref().map(|s| s.cal));
        let day = |d: &str, next: bool| {
            let cal = cal?;
            let date = parse_date(d)?;
            let date = if next { date.succ_opt()? } else { date };
            Some(cal.instant(date.and_hms_opt(0, 0, 0)?))
        };
        let (st, re, from, to) = f.with(|f| {
            (
                f.status.clone(),
                f.reason.clone(),
                f.from.clone(),
                f.to.clone(),
            )
        });
        RowFilter {
            status: STATUSES.into_iter().find(|s| format!("{s:?}") == st),
            reason: Reason::ALL.into_iter().find(|r| format!("{r:?}") == re),
            from: day(&from, false),
            to: day(&to, true),
            execution: ctx.execution.get(),
            workflow: ctx.workflow.get().and_then(|w| u16::try_from(w).ok()),
        }
    });
    let sort = Memo::new(move |_| f.with(|f| f.sort));
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
            let exec = b.execution as usize;
            // A row names its recipient and its execution: the trace explains both.
            let open = move || {
                dispatch(ctx, move |ctx| {
                    ctx.recipient.set(Some(rid));
                    ctx.trace_execution.set(Some(exec));
                })
            };
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
                    on:click=move |_| open()
                    on:keydown=move |ev| {
                        if ev.key() == "Enter" || ev.key() == " " {
                            ev.prevent_default();
                            open();
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
                       field: FilterField,
                       options: Vec<(String, String)>,
                       testid: &'static str| {
        view! {
            <label class="cs-field">
                <span>{move || ctx.t(label)}</span>
                <select data-testid=testid prop:value=move || get(field) on:change:target=move |ev| set(field, ev.target().value())>
                    <option value="">{move || ctx.t(K::Any)}</option>
                    {options.into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
                </select>
            </label>
        }
    };
    // The executions the execution filter offers: the selected delivery's (or all)
    // up to the clock, the latest MAX_LISTED of them.
    let exec_options = Memo::new(move |_| {
        let (c, d, t, lang) = (column.get(), selected.get(), now.get(), ctx.lang.get());
        ctx.sim.with(|s| {
            let Some((o, cal)) = s.as_ref().and_then(|s| s.outcome(c).map(|o| (o, s.cal))) else {
                return Vec::new();
            };
            let done = o.executions_until(t);
            let mut out: Vec<(usize, String)> = o
                .executions()
                .get(..done)
                .unwrap_or(&[])
                .iter()
                .enumerate()
                .filter(|(_, e)| {
                    (d.is_none() || e.delivery == d)
                        && ctx
                            .workflow
                            .get()
                            .is_none_or(|w| usize::from(e.workflow) == w)
                })
                .rev()
                .take(MAX_LISTED)
                .map(|(i, e)| {
                    let rows = e.rows().len() as u64;
                    (
                        i,
                        format!(
                            "#{} {} ({})",
                            i + 1,
                            format::short(lang, cal.local(e.at)),
                            i18n::count(lang, rows, K::RowOne, K::RowMany)
                        ),
                    )
                })
                .collect();
            out.reverse();
            out
        })
    });
    view! {
        <div class="cs-filters">
            <label class="cs-field">
                <span>{move || ctx.t(K::ColExecution)}</span>
                <select
                    data-testid="execution-filter"
                    prop:value=move || ctx.execution.get().map(|e| e.to_string()).unwrap_or_default()
                    on:change:target=move |ev| {
                        let e = ev.target().value().parse::<usize>().ok();
                        dispatch(ctx, move |ctx| ctx.execution.set(e));
                    }
                >
                    <option value="" prop:selected=move || ctx.execution.get().is_none()>{move || ctx.t(K::AllExecutions)}</option>
                    {move || {
                        // The focused execution stays selectable even when the list is
                        // cut or the delivery does not hold it.
                        let mut opts = exec_options.get();
                        if let Some(e) = ctx.execution.get() {
                            if !opts.iter().any(|(i, _)| *i == e) {
                                opts.push((e, format!("#{}", e + 1)));
                            }
                        }
                        // Each option says whether it is the one in focus: a list redrawn
                        // after the select's value was set must not fall back to its first.
                        let focus = ctx.execution.get();
                        opts.into_iter()
                            .map(|(i, label)| view! { <option value=i.to_string() prop:selected=focus == Some(i)>{label}</option> })
                            .collect_view()
                    }}
                </select>
            </label>
            {move || {
                let lang = ctx.lang.get();
                view! {
                    {select(
                        K::Status,
                        FilterField::Status,
                        STATUSES.iter().map(|s| (format!("{s:?}"), i18n::status(lang, *s).to_string())).collect(),
                        "filter-status",
                    )}
                    {select(
                        K::Reason,
                        FilterField::Reason,
                        Reason::ALL.iter().skip(1).map(|r| (format!("{r:?}"), i18n::reason(lang, *r).to_string())).collect(),
                        "filter-reason",
                    )}
                }
            }}
            <label class="cs-field">
                <span>{move || ctx.t(K::From)}</span>
                <input type="date" data-testid="filter-from" prop:value=move || get(FilterField::From) on:change:target=move |ev| set(FilterField::From, ev.target().value()) />
            </label>
            <label class="cs-field">
                <span>{move || ctx.t(K::To)}</span>
                <input type="date" data-testid="filter-to" prop:value=move || get(FilterField::To) on:change:target=move |ev| set(FilterField::To, ev.target().value()) />
            </label>
            <label class="cs-field">
                <span>{move || ctx.t(K::SortBy)}</span>
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
                        dispatch(ctx, move |ctx| ctx.filters.update(|f| f.sort = v));
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
                {move || i18n::count(ctx.lang.get(), rows.with(|r| r.len()) as u64, K::RowMatchOne, K::RowMatchMany)}
            </span>
        </h3>
        <p class="cs-hint">{move || ctx.t(K::RowHint)}</p>
        {move || {
            let e = ctx.execution.get()?;
            let nobody = ctx.sim.with(|s| {
                s.as_ref()
                    .and_then(|s| s.outcome(column.get()))
                    .and_then(|o| o.executions().get(e))
                    .is_some_and(|x| x.delivery.is_none() && x.at <= now.get())
            });
            nobody.then(|| view! { <p class="cs-note" data-testid="targeted-nobody">{ctx.t(K::TargetedNobody)}</p> })
        }}
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
                {move || i18n::count(ctx.lang.get(), trows.with(|r| r.len()) as u64, K::RowMatchOne, K::RowMatchMany)}
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
                style:height=move || {
                    let h = (rows.with(|r| r.len()) as f64 * ROW_H).clamp(ROW_H, VIEW_H);
                    format!("{h}px")
                }
                on:scroll:target=move |ev| scroll.set(f64::from(ev.target().scroll_top()))
            >
                // style:… sets each property through the CSSOM, which a strict CSP
                // (style-src 'self') allows; a style="…" attribute it blocks.
                <div style:position="relative" style:height=move || format!("{}px", rows.with(|r| r.len()) as f64 * ROW_H)>
                    <div style:position="absolute" style:left="0" style:right="0" style:top=move || format!("{}px", window.get().start as f64 * ROW_H)>
                        {move || {
                            let w = window.get();
                            // The same row numbers in another mode (or language) are
                            // other rows: a mode with an identical row set still redraws.
                            ctx.column.track();
                            ctx.sim.track();
                            ctx.lang.track();
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
