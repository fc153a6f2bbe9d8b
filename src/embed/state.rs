//! A widget's state as the host page reads it (`el.state`, the details of
//! `campaign-sim-ready` and `-change`): where the clock is, what is shown and
//! selected, the lesson, and each mode's headline figures.

use leptos::prelude::*;
use serde_json::{json, Value};

use crate::ui::app::Mounted;
use crate::ui::handles::Instance;
use crate::ui::i18n::code;
use crate::ui::lessons::{Lessons, Shown};

/// The parts of a mounted widget its events and state read.
#[derive(Clone, Copy)]
pub struct Parts {
    pub instance: Instance,
    pub lessons: Lessons,
}

impl Parts {
    pub fn of(m: &Mounted) -> Parts {
        Parts {
            instance: m.instance,
            lessons: m.lessons,
        }
    }
}

/// The state, untracked: `{ready, clock, lang, view, mode, delivery, preset, lesson,
/// figures: {recurring: {deliveries, executions, broadlogRows, trackingRows, sent}, …}}`.
pub fn state(p: Parts) -> Value {
    let i = p.instance;
    let (column, delivery) = i.focus.with_untracked(|f| (f.column, f.selected()));
    let now = i.clock.now_untracked();
    let (clock, mode, figures) = i
        .run
        .with_untracked(|s| {
            let figures: serde_json::Map<String, Value> = s
                .snapshots_of(Some(s.compared), now)
                .into_iter()
                .map(|(side, snap)| {
                    let f = json!({
                        "deliveries": snap.deliveries,
                        "executions": snap.executions,
                        "broadlogRows": snap.broadlog_rows,
                        "trackingRows": snap.tracking_rows,
                        "sent": snap.kpis.sent,
                    });
                    (side.name().to_string(), f)
                })
                .collect();
            let mode = s.columns.get(column).map(|c| c.side.name());
            (Some(s.cal.rfc3339(now)), mode, Value::Object(figures))
        })
        .unwrap_or((None, None, Value::Null));
    let lesson = match p.lessons.shown.try_get_untracked() {
        Some(Shown::Open { lesson, step }) => json!({
            "id": lesson.id,
            "step": step + 1,
            "steps": lesson.steps.len(),
            "mode": p.lessons.mode.get_untracked().name(),
        }),
        _ => Value::Null,
    };
    json!({
        "ready": i.run.status(|s| s.ready),
        "clock": clock,
        "lang": code(i.locale.get_untracked()),
        "view": i.layout.get_untracked().view.name(),
        "mode": mode,
        "delivery": delivery,
        "preset": i.doc.with_untracked(|d| d.preset().to_string()),
        "lesson": lesson,
        "figures": figures,
    })
}
