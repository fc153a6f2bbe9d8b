//! The workflow canvas: one SVG diagram per workflow (its activities, and what each
//! transition carried at the current execution), with the journal below.

use leptos::prelude::*;

use super::heading::Heading;

use super::journal::Journal;
use crate::ui::derived::diagram::{diagrams, Diagram, Node};
use crate::ui::handles::{Clock, FocusHandle, Locale, Run};
use crate::ui::i18n::{state, tr, K};

// Whole pixels: the geometry is integer, so no float is formatted into the SVG.
const NODE_W: i32 = 160;
const NODE_H: i32 = 46;
const GAP: i32 = 40;
const TOP: i32 = 34;
/// Vertical spacing between nodes of the narrow (stacked) diagram.
const VGAP: i32 = 30;

/// The canvas and the journal of the scenario's own delivery mode.
#[component]
pub fn WorkflowPanel() -> impl IntoView {
    let locale = expect_context::<Locale>();
    let run = expect_context::<Run>();
    let clock = expect_context::<Clock>();
    let focus = expect_context::<FocusHandle>();
    let shown = focus.select(|f| f.workflow);
    // One diagram per workflow (several workflows on one base), each at its own latest
    // execution; the workflow filter keeps one.
    let model = Memo::new(move |_| {
        let (t, lang, shown) = (clock.now(), locale.get(), shown.get());
        run.with_own(|s, o| {
            (
                state(lang, o.workflow_state(t)),
                diagrams(s, o, shown, t, lang),
            )
        })
    });
    view! {
        <section class="cs-workflow" part="workflow" data-section="workflow" tabindex="-1">
            <Heading depth=1 text=locale.sig(K::Workflow) />
            <p class="cs-hint">{locale.text(K::WorkflowHint)}</p>
            {move || {
                let lang = locale.get();
                let (st, models) = model.get()?;
                Some(view! {
                    <p class="cs-wf-state">
                        <strong>{tr(lang, K::State)} {tr(lang, K::Colon)}</strong>
                        <span data-testid="workflow-state">{st}</span>
                    </p>
                    {models.into_iter().map(|d| view! { <WorkflowDiagram d state=st /> }).collect_view()}
                })
            }}
            <Journal />
        </section>
    }
}

/// One workflow's diagram, drawn twice: in a row (wide) and stacked (narrow
/// containers); the stylesheet shows one.
#[component]
fn WorkflowDiagram(d: Diagram, state: &'static str) -> impl IntoView {
    let locale = expect_context::<Locale>();
    let lang = locale.get_untracked();
    let summary = format!(
        "{}{}{}. {}",
        tr(lang, K::State),
        tr(lang, K::Colon),
        state,
        d.info
    );
    view! {
        <div class="cs-wf" data-testid="workflow-diagram" data-workflow=d.index.to_string()>
            {d.title.map(|t| view! { <Heading depth=2 text=t class="cs-wf-title" /> })}
            <p class="cs-wf-state"><span data-testid="current-execution">{d.info.clone()}</span></p>
            <Svg nodes=d.nodes.clone() edges=d.edges.clone() summary=summary.clone() vertical=false />
            <Svg nodes=d.nodes edges=d.edges summary vertical=true />
            {d.incremental.then(|| view! { <p class="cs-hint">{tr(lang, K::IncrementalHint)}</p> })}
        </div>
    }
}

/// Top-left corner of node `i`.
fn node_at(i: usize, vertical: bool) -> (i32, i32) {
    let i = i as i32;
    if vertical {
        (8, 8 + i * (NODE_H + VGAP))
    } else {
        (8 + i * (NODE_W + GAP), TOP)
    }
}

/// The SVG of a diagram: nodes in a row or stacked, arrows between them labelled with
/// what they carried.
#[component]
fn Svg(nodes: Vec<Node>, edges: Vec<String>, summary: String, vertical: bool) -> impl IntoView {
    let n = nodes.len() as i32;
    let (w, h) = if vertical {
        (330, 16 + n * NODE_H + (n - 1).max(0) * VGAP)
    } else {
        (node_at(n as usize, false).0 - GAP + 8, 110)
    };
    let arrows = edges
        .into_iter()
        .enumerate()
        .map(|(i, label)| view! { <Edge from=node_at(i, vertical) to=node_at(i + 1, vertical) label vertical /> })
        .collect_view();
    let boxes = nodes
        .into_iter()
        .enumerate()
        .map(|(i, node)| {
            let (x, y) = node_at(i, vertical);
            // A long name (French "Requête incrémentale") is fitted to its box.
            let long = node.name.chars().count() > 17;
            view! {
                <g class="cs-node" class:cs-ran=node.ran>
                    <rect x=x y=y width=NODE_W height=NODE_H rx="8"></rect>
                    <text
                        x=x + NODE_W / 2
                        y=y + NODE_H / 2 + 5
                        text-anchor="middle"
                        textLength=long.then(|| (NODE_W - 16).to_string())
                        lengthAdjust=long.then_some("spacingAndGlyphs")
                    >
                        {node.name}
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
            aria-label=summary
        >
            {arrows}
            {boxes}
        </svg>
    }
}

/// An arrow between two nodes, with its label. Arrowheads are paths: markers
/// referenced by id break when another instance's (hidden) SVG holds the same id.
#[component]
fn Edge(from: (i32, i32), to: (i32, i32), label: String, vertical: bool) -> impl IntoView {
    let ((ax, ay), (bx, by)) = (from, to);
    let (x1, y1, x2, y2, lx, ly, anchor) = if vertical {
        let x = ax + NODE_W / 2;
        (
            x,
            ay + NODE_H,
            x,
            by - 2,
            x + 12,
            (ay + NODE_H + by) / 2 + 4,
            "start",
        )
    } else {
        let y = ay + NODE_H / 2;
        (
            ax + NODE_W,
            y,
            bx - 2,
            y,
            (ax + NODE_W + bx) / 2,
            TOP - 8,
            "middle",
        )
    };
    let head = if vertical {
        format!("M{},{} l-5,-9 l10,0 z", x2, y2 + 2)
    } else {
        format!("M{},{} l-9,-5 l0,10 z", x2 + 2, y2)
    };
    let zero = label.starts_with("0 ");
    let testid = (!vertical).then_some("transition-count");
    view! {
        <line x1=x1 y1=y1 x2=x2 y2=y2 class="cs-edge"></line>
        <path d=head class="cs-head"></path>
        <text x=lx y=ly text-anchor=anchor class="cs-edge-label" class:cs-zero=zero data-testid=testid>{label}</text>
    }
}
