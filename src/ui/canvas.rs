//! The workflow canvas (SVG: Start → Scheduler → (Incremental) query → Delivery →
//! End, with what each transition carried at the current execution) and the journal.

use leptos::prelude::*;

use super::app::Ctx;
use super::format;
use super::i18n::{activity, fill, journal, state, tr, K};
use crate::engine::doc::Mode;
use crate::engine::out::journal::Activity;

/// Journal lines shown (the last ones up to the clock, oldest first, so the clock's
/// execution is the last line): a short window the page scrolls past, rather than an
/// inner scroll box that would catch the mouse wheel.
const JOURNAL_LINES: usize = 14;

const NODE_W: f64 = 160.0;
const NODE_H: f64 = 46.0;
const GAP: f64 = 40.0;
const TOP: f64 = 34.0;

fn node_x(i: usize) -> f64 {
    8.0 + i as f64 * (NODE_W + GAP)
}

/// The canvas and the journal of the scenario's own delivery mode.
pub fn workflow(ctx: Ctx) -> impl IntoView {
    let now = Memo::new(move |_| ctx.playback.with(|p| p.now()));
    // One diagram per workflow (several workflows on one base), each at its own
    // latest execution; the workflow filter keeps one.
    let model = Memo::new(move |_| {
        let t = now.get();
        let lang = ctx.lang.get();
        let shown = ctx.workflow.get();
        ctx.sim.with(|sim| {
            let sim = sim.as_ref()?;
            let o = sim.outcome(sim.own())?;
            let several = sim.several();
            let done = o.executions_until(t);
            let models = sim
                .scenario
                .workflows()
                .iter()
                .filter(|w| shown.is_none_or(|s| s == w.index))
                .map(|w| {
                    let k = w.index;
                    let query = if w.query.incremental {
                        Activity::IncrementalQuery
                    } else {
                        Activity::Query
                    };
                    // This workflow's latest execution at or before the clock.
                    let current = o
                        .executions()
                        .get(..done)
                        .unwrap_or(&[])
                        .iter()
                        .rposition(|e| usize::from(e.workflow) == k);
                    let runs = o
                        .executions()
                        .iter()
                        .filter(|e| usize::from(e.workflow) == k)
                        .count();
                    let (labels, ran, info) = match current
                        .and_then(|i| o.executions().get(i).map(|e| (i, e)))
                    {
                        Some((i, e)) => {
                            let tr_ = o.transitions(i);
                            let ok = |n: u32| format!("{} – Ok", format::int(lang, u64::from(n)));
                            let labels = [
                                String::new(),
                                ok(tr_.scheduler_to_query),
                                ok(tr_.query_to_delivery),
                                if tr_.delivery_ran {
                                    ok(tr_.delivery_to_end)
                                } else {
                                    String::new()
                                },
                            ];
                            let mut info = format!(
                                "{} {} / {} — {}",
                                tr(lang, K::CurrentExecution),
                                i + 1,
                                o.executions().len(),
                                format::date_time(lang, sim.cal.local(e.at))
                            );
                            if e.caught_up {
                                info.push(' ');
                                info.push_str(&fill(
                                    tr(lang, K::CaughtUpFor),
                                    &[(
                                        "slot",
                                        &format::date_time(lang, sim.cal.local(e.scheduled)),
                                    )],
                                ));
                            }
                            (
                                labels,
                                [true, true, true, tr_.delivery_ran, tr_.delivery_ran],
                                info,
                            )
                        }
                        None => (
                            Default::default(),
                            [false; 5],
                            tr(lang, K::NoExecutionYet).to_string(),
                        ),
                    };
                    let record = o.workflows().get(k);
                    let mode = match record.map_or(Mode::Recurring, |r| r.mode) {
                        Mode::Recurring => tr(lang, K::Recurring),
                        Mode::Continuous => tr(lang, K::Continuous),
                    };
                    let names = [
                        activity(lang, Activity::Start).to_string(),
                        activity(lang, Activity::Scheduler).to_string(),
                        activity(lang, query).to_string(),
                        format!(
                            "{} ({})",
                            activity(lang, Activity::Delivery),
                            mode.to_ascii_lowercase()
                        ),
                        activity(lang, Activity::End).to_string(),
                    ];
                    // Name, priority and typology, only when there are several.
                    let title = several.then(|| {
                        let typology = match w.typology {
                            crate::engine::doc::Typology::Marketing => tr(lang, K::Marketing),
                            crate::engine::doc::Typology::Transactional => {
                                tr(lang, K::Transactional)
                            }
                        };
                        fill(
                            tr(lang, K::WorkflowTitle),
                            &[
                                ("name", &w.name),
                                ("priority", &w.priority.to_string()),
                                ("typology", typology),
                                (
                                    "runs",
                                    &super::i18n::count(
                                        lang,
                                        runs as u64,
                                        K::ExecutionOne,
                                        K::ExecutionMany,
                                    ),
                                ),
                            ],
                        )
                    });
                    WfModel {
                        index: k,
                        title,
                        names,
                        labels,
                        ran,
                        info,
                        incremental: w.query.incremental,
                    }
                })
                .collect::<Vec<_>>();
            let st = state(lang, o.workflow_state(t));
            Some((st, models))
        })
    });
    // The journal up to the clock, oldest first: the last JOURNAL_LINES lines, so the
    // clock's execution is at the bottom.
    let journal_lines = Memo::new(move |_| {
        let t = now.get();
        let lang = ctx.lang.get();
        ctx.sim.with(|sim| {
            let Some(sim) = sim.as_ref() else {
                return Vec::new();
            };
            let Some(o) = sim.outcome(sim.own()) else {
                return Vec::new();
            };
            let cal = sim.cal;
            let when = |at: i64| format::date_time(lang, cal.local(at));
            // The workflow shown (or all), its name on each line when there are several.
            let shown = ctx.workflow.get();
            let names = sim.several().then(|| sim.workflow_names());
            let lines: Vec<_> = o
                .journal_until(t)
                .iter()
                .rev()
                .filter(|j| shown.is_none_or(|w| usize::from(j.workflow) == w))
                .take(JOURNAL_LINES)
                .collect();
            lines
                .into_iter()
                .rev()
                .map(|j| JournalLine {
                    workflow: names
                        .as_ref()
                        .and_then(|n| n.get(usize::from(j.workflow)).cloned()),
                    instant: j.at,
                    at: format::short(lang, cal.local(j.at)),
                    offset: format::utc_offset(cal.offset_seconds(j.at)),
                    activity: activity(lang, j.activity),
                    text: journal(lang, &j.message, j.count, when),
                    execution: j.execution.map(|e| e as usize),
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="cs-workflow">
            <h2>{move || ctx.t(K::Workflow)}</h2>
            <p class="cs-hint">{move || ctx.t(K::WorkflowHint)}</p>
            {move || {
                let lang = ctx.lang.get();
                let (st, models) = model.get()?;
                Some(view! {
                    <p class="cs-wf-state">
                        <strong>{tr(lang, K::State)} {tr(lang, K::Colon)}</strong>
                        <span data-testid="workflow-state">{st}</span>
                    </p>
                    {models
                        .into_iter()
                        .map(|m| {
                            let summary = format!("{}{}{}. {}", tr(lang, K::State), tr(lang, K::Colon), st, m.info);
                            view! {
                                <div class="cs-wf" data-testid="workflow-diagram" data-workflow=m.index.to_string()>
                                    {m.title.map(|t| view! { <h3 class="cs-wf-title">{t}</h3> })}
                                    <p class="cs-wf-state">
                                        <span data-testid="current-execution">{m.info.clone()}</span>
                                    </p>
                                    {diagram(&m.names, &m.labels, &m.ran, &summary, false)}
                                    {diagram(&m.names, &m.labels, &m.ran, &summary, true)}
                                    {m.incremental.then(|| view! { <p class="cs-hint">{tr(lang, K::IncrementalHint)}</p> })}
                                </div>
                            }
                        })
                        .collect_view()}
                })
            }}
            <h3>{move || ctx.t(K::Journal)}</h3>
            <p class="cs-hint">{move || ctx.t(K::JournalHint)}</p>
            <ol class="cs-journal" data-testid="journal">
                {move || {
                    let focus = ctx.execution.get();
                    // Lines at the clock's instant are what just happened (e.g. the edit
                    // a resources-folder version points to).
                    let t = now.get();
                    journal_lines
                        .get()
                        .into_iter()
                        .map(|l| {
                            let body = view! {
                                <time>{l.at} " " <span class="cs-offset">{l.offset}</span></time>
                                {l.workflow.map(|w| view! { <span class="cs-wfname">{w}</span> })}
                                <span class="cs-act">{l.activity}</span>
                                <span>{l.text}</span>
                            };
                            match l.execution {
                                // A line of an execution is a way to it.
                                Some(e) => view! {
                                    <li class:cs-focus=focus == Some(e)>
                                        <button
                                            class="cs-jl"
                                            data-testid="journal-line"
                                            data-execution=e.to_string()
                                            on:click=move |_| super::app::jump(ctx, move |_| Some(e), |_| {})
                                        >
                                            {body}
                                            <span class="cs-exec">{format!("#{}", e + 1)}</span>
                                        </button>
                                    </li>
                                }
                                .into_any(),
                                None => view! { <li class:cs-focus=l.instant == t>{body}</li> }.into_any(),
                            }
                        })
                        .collect_view()
                }}
            </ol>
        </section>
    }
}

/// One workflow's diagram as the page shows it.
#[derive(Clone, Debug, PartialEq)]
struct WfModel {
    index: usize,
    /// "Newsletter · priority 0 · marketing · 52 executions" (several workflows only).
    title: Option<String>,
    names: [String; 5],
    labels: [String; 4],
    ran: [bool; 5],
    info: String,
    incremental: bool,
}

/// One journal line as the page shows it.
#[derive(Clone, Debug, PartialEq)]
struct JournalLine {
    /// The workflow's name, when there are several.
    workflow: Option<String>,
    instant: i64,
    at: String,
    /// The UTC offset then ("UTC+02:00"): around a DST change it tells which 02:30 ran.
    offset: String,
    activity: &'static str,
    text: String,
    execution: Option<usize>,
}

/// Vertical spacing between nodes of the narrow (stacked) diagram.
const VGAP: f64 = 30.0;

/// Top-left corner of node `i`.
fn node_at(i: usize, vertical: bool) -> (f64, f64) {
    if vertical {
        (8.0, 8.0 + i as f64 * (NODE_H + VGAP))
    } else {
        (node_x(i), TOP)
    }
}

/// The SVG diagram, in a row (wide) or stacked (narrow containers; CSS picks one).
fn diagram(
    names: &[String; 5],
    labels: &[String; 4],
    ran: &[bool; 5],
    summary: &str,
    vertical: bool,
) -> impl IntoView {
    let (w, h) = if vertical {
        (330.0, 16.0 + 5.0 * NODE_H + 4.0 * VGAP)
    } else {
        (node_x(5) - GAP + 8.0, 110.0)
    };
    let edges = (0..4)
        .map(|i| {
            let (ax, ay) = node_at(i, vertical);
            let (bx, by) = node_at(i + 1, vertical);
            let (x1, y1, x2, y2, lx, ly, anchor) = if vertical {
                let x = ax + NODE_W / 2.0;
                (x, ay + NODE_H, x, by - 2.0, x + 12.0, (ay + NODE_H + by) / 2.0 + 4.0, "start")
            } else {
                let y = ay + NODE_H / 2.0;
                (ax + NODE_W, y, bx - 2.0, y, (ax + NODE_W + bx) / 2.0, TOP - 8.0, "middle")
            };
            let label = labels.get(i).cloned().unwrap_or_default();
            let zero = label.starts_with("0 ");
            let testid = (!vertical).then_some("transition-count");
            // Arrowheads drawn as paths: markers referenced by id break when another
            // instance's (hidden) SVG holds the same id.
            let head = if vertical {
                format!("M{},{} l-5,-9 l10,0 z", x2, y2 + 2.0)
            } else {
                format!("M{},{} l-9,-5 l0,10 z", x2 + 2.0, y2)
            };
            view! {
                <line x1=x1 y1=y1 x2=x2 y2=y2 class="cs-edge"></line>
                <path d=head class="cs-head"></path>
                <text x=lx y=ly text-anchor=anchor class="cs-edge-label" class:cs-zero=zero data-testid=testid>
                    {label}
                </text>
            }
        })
        .collect_view();
    let nodes = names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let (x, y) = node_at(i, vertical);
            let ran = ran.get(i).copied().unwrap_or(false);
            view! {
                <g class="cs-node" class:cs-ran=ran>
                    <rect x=x y=y width=NODE_W height=NODE_H rx="8"></rect>
                    // A long name (French "Requête incrémentale") is fitted to its box.
                    <text
                        x=x + NODE_W / 2.0
                        y=y + NODE_H / 2.0 + 5.0
                        text-anchor="middle"
                        textLength=(name.chars().count() > 17).then(|| (NODE_W - 16.0).to_string())
                        lengthAdjust=(name.chars().count() > 17).then_some("spacingAndGlyphs")
                    >
                        {name.clone()}
                    </text>
                </g>
            }
        })
        .collect_view();
    view! {
        <svg
            class=if vertical { "cs-canvas cs-canvas-v" } else { "cs-canvas cs-canvas-h" }
            viewBox=format!("0 0 {w} {h}")
            role="img"
            aria-label=summary.to_string()
        >
            {edges}
            {nodes}
        </svg>
    }
}
