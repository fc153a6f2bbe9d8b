//! What a widget tells its host page, as DOM events from the host element (bubbling,
//! composed): `campaign-sim-ready` once, `-execution` and `-delivery` as the clock
//! passes them, `-finished` at the end of the year, `-change` for a change of the
//! scenario, language, view, mode or selected delivery.

use leptos::prelude::*;
use serde_json::json;
use wasm_bindgen::JsValue;

use super::state::{self, Parts};
use crate::ui::events::emit;
use crate::ui::lessons::Shown;
use crate::ui::model::Sim;

/// Most events one clock move sends (a run to the end of a periodic schedule passes
/// thousands of executions; the host gets the first ones and `finished`).
const MAX_EVENTS_PER_MOVE: usize = 1000;

/// Whether the widget is ready (tracked): its first year is on screen in the language
/// asked for, and the lesson it opens (if any) is open or said to be missing.
fn is_ready(h: Parts, lesson: bool) -> bool {
    let i = h.instance;
    i.run.status(|s| s.ready)
        && i.locale.settled()
        && (!lesson || matches!(h.lessons.shown.get(), Shown::Open { .. } | Shown::Failed(_)))
}

/// Calls `callback` once `ready` is true (at once if it is).
pub fn on_ready(owner: &Owner, ready: Memo<bool>, callback: js_sys::Function) {
    owner.with(|| {
        Effect::new(move |done: Option<bool>| {
            if done == Some(true) {
                return true;
            }
            let now = ready.get();
            if now {
                let _ = callback.call0(&JsValue::NULL);
            }
            now
        });
    });
}

/// The effects that send the widget's events from `host`, under a new owner (dropped
/// at unmount), and the widget's readiness ([`is_ready`]).
pub fn forward(host: &web_sys::Element, h: Parts, lesson: bool) -> (Owner, Memo<bool>) {
    let owner = Owner::new();
    let ready = owner.with(|| {
        let ready = Memo::new(move |_| is_ready(h, lesson));
        let once = host.clone();
        Effect::new(move |sent: Option<bool>| {
            if sent == Some(true) || !ready.get() {
                return sent.unwrap_or(false);
            }
            emit(
                &once,
                "campaign-sim-ready",
                &json!({"state": state::state(h)}),
            );
            true
        });
        clock_events(host.clone(), h);
        change_events(host.clone(), h, ready);
        ready
    });
    (owner, ready)
}

/// Each execution and delivery the clock passes, and the end of the year.
fn clock_events(host: web_sys::Element, h: Parts) {
    let i = h.instance;
    let last = std::cell::Cell::new(None::<i64>);
    Effect::new(move |_| {
        let (now, at_end) = i.clock.with(|p| (p.now(), p.at_end()));
        let Some(sim) = i.run.sim() else {
            last.set(None);
            return;
        };
        let Some(prev) = last.replace(Some(now)).filter(|p| *p < now) else {
            return;
        };
        passed(&host, &sim, prev, now);
        if at_end {
            let totals: serde_json::Map<String, serde_json::Value> = sim
                .columns
                .iter()
                .map(|c| {
                    (
                        c.side.name().to_string(),
                        serde_json::to_value(c.outcome.summary().totals).unwrap_or_default(),
                    )
                })
                .collect();
            emit(&host, "campaign-sim-finished", &totals);
        }
    });
}

/// The executions (of the year as the document describes it) and the deliveries (per
/// mode) in `(prev, now]`.
fn passed(host: &web_sys::Element, sim: &Sim, prev: i64, now: i64) {
    let mut sent = 0;
    let within = |t: i64| t > prev && t <= now;
    if let Some(own) = sim.own_outcome() {
        for e in own
            .executions()
            .iter()
            .filter(|e| within(e.at))
            .take(MAX_EVENTS_PER_MOVE)
        {
            let detail = json!({
                "at": sim.cal.rfc3339(e.at),
                "scheduled": sim.cal.rfc3339(e.scheduled),
                "caughtUp": e.caught_up,
                "targeted": e.targeted,
            });
            emit(host, "campaign-sim-execution", &detail);
            sent += 1;
        }
    }
    for column in &sim.columns {
        for d in column
            .outcome
            .deliveries()
            .iter()
            .filter(|d| within(d.created))
        {
            if sent >= MAX_EVENTS_PER_MOVE {
                return;
            }
            let detail = json!({
                "mode": column.side.name(),
                "id": d.id,
                "label": d.label,
                "created": sim.cal.rfc3339(d.created),
                "contentVersion": d.content_version,
            });
            emit(host, "campaign-sim-delivery", &detail);
            sent += 1;
        }
    }
}

/// A change of the scenario, the language, the view, the explorer's mode or the
/// selected delivery, once the widget is ready: what changed, and the state.
fn change_events(host: web_sys::Element, h: Parts, ready: Memo<bool>) {
    let i = h.instance;
    let watched = move || {
        (
            i.doc.with(|d| d.text().len()),
            i.run.with(|s| s.executions()),
            i.locale.get(),
            i.layout.get().view,
            i.focus.with(|f| (f.column, f.delivery)),
        )
    };
    type Watched = (
        usize,
        Option<usize>,
        crate::ui::i18n::Lang,
        crate::ui::state::layout::View,
        (usize, Option<(usize, u32)>),
    );
    Effect::new(move |prev: Option<Watched>| {
        let now: Watched = watched();
        if !ready.get_untracked() {
            return now;
        }
        if let Some(before) = prev {
            let what = match (&before, &now) {
                (b, n) if b.0 != n.0 || b.1 != n.1 => "scenario",
                (b, n) if b.2 != n.2 => "lang",
                (b, n) if b.3 != n.3 => "view",
                (b, n) if b.4 .0 != n.4 .0 => "mode",
                (b, n) if b.4 != n.4 => "delivery",
                _ => return now,
            };
            emit(
                &host,
                "campaign-sim-change",
                &json!({"what": what, "state": state::state(h)}),
            );
        }
        now
    });
}
