//! Mounting: one independent simulator instance per call, no global state.
//!
//! Every signal lives in the instance's reactive owner and is handed down through a
//! context provided by that owner, so several instances on one page (issue 6's
//! widgets) never see each other's state.

use std::sync::Arc;

use leptos::prelude::*;

use super::i18n::{tr, Lang, K};
use super::model::Sim;
use super::playback::Playback;
use super::presets::{preset, PRESETS};
use super::queue::ActionQueue;
use super::views;
use crate::embed_config::View;
use crate::engine::doc::{self, Scenario, ScenarioError};

/// What to show and how; the full page uses the default.
#[derive(Clone, Debug)]
pub struct AppConfig {
    /// A preset name (see [`super::presets`]); ignored when `scenario` is set.
    pub preset: String,
    /// A scenario document (JSON text) to start with.
    pub scenario: Option<String>,
    pub lang: Lang,
    /// Compact layout for narrow embeds (panels stack, fewer explanations).
    pub compact: bool,
    /// Start playing as soon as the simulation is ready.
    pub autoplay: bool,
    /// Which panels to show.
    pub view: View,
    /// Hide the scenario editors.
    pub read_only: bool,
    /// Initial simulated instant (local date-time or date, or RFC 3339).
    pub instant: Option<String>,
    /// Problems of the embed configuration, shown inside the instance.
    pub config_errors: Vec<ScenarioError>,
    /// The explorer's initial delivery mode (`recurring`, `continuous`, `aggregated`).
    pub mode: Option<String>,
    /// The explorer's initially selected delivery (in that mode).
    pub delivery: Option<u64>,
    /// The standalone page: state in the URL and the last scenario in localStorage
    /// (never for widgets, which must not share URL keys).
    pub persist: bool,
    /// A lesson to open at once (an embed's `lesson`): its id and the option that
    /// named it (`config.lesson`, `data-lesson`), for an unknown id's message.
    pub lesson: Option<(String, String)>,
}

impl Default for AppConfig {
    fn default() -> Self {
        AppConfig {
            preset: PRESETS[0].name.to_string(),
            scenario: None,
            lang: Lang::En,
            compact: false,
            autoplay: false,
            view: View::Full,
            read_only: false,
            instant: None,
            config_errors: Vec::new(),
            mode: None,
            delivery: None,
            persist: false,
            lesson: None,
        }
    }
}

/// A mounted instance; dropping it (or [`Handle::unmount`]) removes it from the page.
pub struct Handle {
    inner: Option<Box<dyn std::any::Any>>,
    pub ctx: Ctx,
}

impl Handle {
    /// Removes the instance and releases its signals.
    pub fn unmount(mut self) {
        self.inner.take();
    }
    /// Keeps the instance alive for the life of the page (the full-page app).
    pub fn leak(self) {
        std::mem::forget(self);
    }
}

/// The instance's state, as `Copy` signal handles (a context of this instance only).
#[derive(Clone, Copy)]
pub struct Ctx {
    pub lang: RwSignal<Lang>,
    /// The selected preset name, or "" for a custom scenario.
    pub preset: RwSignal<String>,
    /// The scenario being edited (field editors write here; always what the user typed).
    pub draft: RwSignal<Scenario>,
    /// The raw JSON editor's text (kept even when it does not parse).
    pub raw: RwSignal<String>,
    /// Parse error of the raw text, if any.
    pub raw_error: RwSignal<Option<ScenarioError>>,
    /// Validation problems of the draft.
    pub errors: Memo<Vec<ScenarioError>>,
    /// The last simulated (valid) scenario's outcome.
    pub sim: RwSignal<Option<Arc<Sim>>, LocalStorage>,
    pub playback: RwSignal<Playback>,
    /// Selected delivery in the explorer: (variant index, delivery id).
    pub selected: RwSignal<Option<(usize, u64)>>,
    /// Recipient shown in the trace.
    pub recipient: RwSignal<Option<u64>>,
    /// The execution in focus (index in the year's executions, the same in every mode):
    /// the send log's execution filter and the journal's highlighted lines. Set by every
    /// jump ([`jump`]); `None`: all executions.
    pub execution: RwSignal<Option<usize>>,
    /// The execution the trace explains (set with `execution` by a jump, alone by a
    /// click on a log row); `None` follows the clock.
    pub trace_execution: RwSignal<Option<usize>>,
    /// The workflow whose delivery modes the columns compare (several workflows on one
    /// base; its position). Changing it simulates the year again.
    pub compared: RwSignal<usize>,
    /// The workflow the explorer, the journal and the trace show (`None`: all).
    pub workflow: RwSignal<Option<usize>>,
    /// The send log's filters as typed (status, reason, date range, sort).
    pub filters: RwSignal<LogFilters>,
    /// The explorer's column (index into the simulation's modes).
    pub column: RwSignal<usize>,
    /// The explorer's initial (mode, delivery), applied to the first simulated year.
    pub initial: StoredValue<(Option<String>, Option<u64>)>,
    /// Whether the instance keeps its state in the URL and localStorage.
    pub persist: bool,
    pub compact: bool,
    pub view: View,
    pub read_only: bool,
    pub autoplay: bool,
    pub instant: StoredValue<Option<String>>,
    pub config_errors: StoredValue<Vec<ScenarioError>>,
    /// Actions waiting for the newest outcome ([`dispatch`], `ui::queue`).
    pub queue: StoredValue<ActionQueue<Action>, LocalStorage>,
    /// The generation of the draft (from the queue) and whether it must be simulated at
    /// once (a preset, an import, the embed API) rather than after typing pauses.
    pub change: StoredValue<(u64, bool)>,
    /// The lesson the configuration opens (see [`AppConfig::lesson`]).
    pub initial_lesson: StoredValue<Option<(String, String)>>,
}

/// The log tables' filters, as the user chose them (texts of the controls).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LogFilters {
    pub status: String,
    pub reason: String,
    pub from: String,
    pub to: String,
    pub sort: super::model::Sort,
}

/// One text field of [`LogFilters`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilterField {
    Status,
    Reason,
    From,
    To,
}

impl LogFilters {
    /// The text of a field.
    pub fn get(&self, k: FilterField) -> &str {
        match k {
            FilterField::Status => &self.status,
            FilterField::Reason => &self.reason,
            FilterField::From => &self.from,
            FilterField::To => &self.to,
        }
    }

    /// Sets the text of a field.
    pub fn set(&mut self, k: FilterField, v: String) {
        match k {
            FilterField::Status => self.status = v,
            FilterField::Reason => self.reason = v,
            FilterField::From => self.from = v,
            FilterField::To => self.to = v,
        }
    }
}

/// A user action or embed API call, applied to the newest outcome.
pub type Action = Box<dyn FnOnce(Ctx)>;

impl Ctx {
    pub fn t(&self, k: K) -> &'static str {
        tr(self.lang.get(), k)
    }
}

/// Applies `action` to the newest outcome: at once when none is being computed, else
/// once it is on screen (see `ui::queue`). Every control, selection, export, copied
/// link and embed API call goes through here, so none is applied to an outcome that is
/// about to be replaced.
pub fn dispatch(ctx: Ctx, action: impl FnOnce(Ctx) + 'static) {
    let now = ctx
        .queue
        .try_update_value(|q| q.submit(Box::new(action) as Action))
        .flatten();
    if let Some(a) = now {
        a(ctx);
    }
}

/// Generation `generation` is settled (its outcome is shown, or none will come): the
/// actions that waited for it are applied, in order.
pub fn settle(ctx: Ctx, generation: Option<u64>) {
    let ready = ctx
        .queue
        .try_update_value(|q| match generation {
            Some(g) => q.settle(g),
            None => q.settle_newest(),
        })
        .unwrap_or_default();
    for a in ready {
        a(ctx);
    }
}

/// Jumps to an execution of the year: the clock moves to it, the explorer (in its mode)
/// selects the delivery it appended to and filters the send log to its rows, the
/// journal highlights its lines and the trace explains it. `find` names the execution
/// from the outcome on screen (a number, a date, a chart point…); through the action
/// queue, so a jump made while a new year is computed lands in that year. Returns
/// nothing; `found` hears whether an execution was found.
pub fn jump(
    ctx: Ctx,
    find: impl FnOnce(&crate::engine::out::outcome::Outcome) -> Option<usize> + 'static,
    found: impl FnOnce(bool) + 'static,
) {
    dispatch(ctx, move |ctx| {
        let column = ctx.column.get_untracked();
        let e = ctx
            .sim
            .with_untracked(|s| s.as_ref()?.outcome(column).and_then(find));
        if let Some(e) = e {
            jump_now(ctx, e);
        }
        found(e.is_some());
    });
}

/// [`jump`] to execution `e`, applied at once (from inside a dispatched action).
pub fn jump_now(ctx: Ctx, e: usize) {
    let column = ctx.column.get_untracked();
    let target = ctx.sim.with_untracked(|s| {
        let x = s.as_ref()?.outcome(column)?.executions().get(e).copied()?;
        Some((x.at, x.delivery))
    });
    let Some((at, delivery)) = target else {
        return;
    };
    ctx.playback.update(|p| {
        p.pause();
        p.scrub(at);
    });
    ctx.execution.set(Some(e));
    ctx.trace_execution.set(Some(e));
    ctx.selected.set(delivery.map(|d| (column, u64::from(d))));
}

/// Compares the delivery modes of workflow `w` instead: a new year is simulated, and
/// actions made meanwhile apply to it.
pub fn set_compared(ctx: Ctx, w: usize) {
    let generation = ctx.queue.try_update_value(|q| q.request()).unwrap_or(0);
    ctx.change.set_value((generation, true));
    ctx.compared.set(w);
}

/// Makes `s` the scenario being edited and requests its outcome. `immediate`: simulate
/// without waiting for typing to pause (a preset, an import, the embed API: a whole
/// document at once).
pub fn set_draft(ctx: Ctx, s: Scenario, immediate: bool) {
    let generation = ctx.queue.try_update_value(|q| q.request()).unwrap_or(0);
    ctx.change.set_value((generation, immediate));
    ctx.draft.set(s);
}

/// Switches the instance to `lang`. A language whose texts are not here yet (French,
/// fetched from `i18n/fr.json` the first time) is switched to once the file is read:
/// the switch is an action ([`dispatch`]) behind a request of its own, so actions made
/// meanwhile apply after it, and the page is never half-translated (it stays in English
/// if the file cannot be read, with a console warning).
pub fn set_lang(ctx: Ctx, lang: Lang) {
    if super::i18n::ready(lang) {
        dispatch(ctx, move |ctx| ctx.lang.set(lang));
        return;
    }
    let generation = ctx.queue.try_update_value(|q| q.request()).unwrap_or(0);
    dispatch(ctx, move |ctx| {
        // Released by a newer outcome before the file came: still wait for it.
        if super::i18n::ready(lang) {
            ctx.lang.set(lang);
        } else {
            leptos::task::spawn_local(async move {
                if super::i18n::load(lang).await.is_ok() {
                    ctx.lang.try_set(lang);
                }
            });
        }
    });
    leptos::task::spawn_local(async move {
        if let Err(e) = super::i18n::load(lang).await {
            web_sys::console::warn_1(&format!("campaign-sim: {e}").into());
        }
        settle(ctx, Some(generation));
    });
}

/// Mounts the full-page simulator on `#app` (or `<body>`).
#[cfg(feature = "full")]
pub fn start() {
    use wasm_bindgen::JsCast;
    super::panic::install_panic_hook();
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let parent = doc
        .get_element_by_id("app")
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        .or_else(|| doc.body());
    if let Some(parent) = parent {
        mount_app(parent, super::persist::initial_config()).leak();
    }
}

/// Mounts one independent instance inside `parent`.
pub fn mount_app(parent: web_sys::HtmlElement, config: AppConfig) -> Handle {
    super::panic::install_panic_hook();
    let (tx, rx) = std::sync::mpsc::channel();
    let lang = config.lang;
    let handle = leptos::mount::mount_to(parent, move || {
        let ctx = new_ctx(&config);
        let _ = tx.send(ctx);
        provide_context(ctx);
        views::app(ctx)
    });
    // mount_to runs the closure synchronously, so the context is there.
    let ctx = rx
        .try_recv()
        .unwrap_or_else(|_| new_ctx(&AppConfig::default()));
    // A language whose texts are fetched: the instance starts in English and switches
    // once they are here.
    if lang != ctx.lang.get_untracked() {
        set_lang(ctx, lang);
    }
    Handle {
        inner: Some(Box::new(handle)),
        ctx,
    }
}

fn new_ctx(config: &AppConfig) -> Ctx {
    let text = config
        .scenario
        .clone()
        .or_else(|| preset(&config.preset).map(|p| p.json.to_string()))
        .unwrap_or_else(|| PRESETS[0].json.to_string());
    let preset_name = match &config.scenario {
        // A document equal to a preset (e.g. from a link) selects that preset.
        Some(text) => {
            let value = |t: &str| serde_json::from_str::<serde_json::Value>(t).ok();
            let v = value(text);
            PRESETS
                .iter()
                .find(|p| v.is_some() && value(p.json) == v)
                .map_or("", |p| p.name)
                .to_string()
        }
        None => preset(&config.preset)
            .map_or(PRESETS[0].name, |p| p.name)
            .to_string(),
    };
    let (draft, raw_error) = match serde_json::from_str::<Scenario>(&text) {
        Ok(s) => (s, None),
        Err(_) => {
            let err = doc::parse(&text).err().and_then(|e| e.into_iter().next());
            (fallback_scenario(), err)
        }
    };
    let draft = RwSignal::new(draft);
    let errors = Memo::new(move |_| draft.with(doc::validate));
    // The first outcome is requested from the start: an action made before it is
    // shown (a host page's `runTo` right after `mount`) waits for it.
    let mut queue = ActionQueue::default();
    let first = queue.request();
    Ctx {
        lang: RwSignal::new(if super::i18n::ready(config.lang) {
            config.lang
        } else {
            Lang::En
        }),
        preset: RwSignal::new(preset_name),
        draft,
        raw: RwSignal::new(text),
        raw_error: RwSignal::new(raw_error),
        errors,
        sim: RwSignal::new_local(None),
        playback: RwSignal::new(Playback::new(0, 0, Vec::new())),
        selected: RwSignal::new(None),
        recipient: RwSignal::new(None),
        execution: RwSignal::new(None),
        trace_execution: RwSignal::new(None),
        compared: RwSignal::new(0),
        workflow: RwSignal::new(None),
        filters: RwSignal::new(LogFilters::default()),
        column: RwSignal::new(0),
        initial: StoredValue::new((config.mode.clone(), config.delivery)),
        persist: config.persist,
        compact: config.compact,
        view: config.view,
        read_only: config.read_only,
        autoplay: config.autoplay,
        instant: StoredValue::new(config.instant.clone()),
        config_errors: StoredValue::new(config.config_errors.clone()),
        queue: StoredValue::new_local(queue),
        change: StoredValue::new((first, true)),
        initial_lesson: StoredValue::new(config.lesson.clone()),
    }
}

/// A valid scenario to show while the configured one does not parse.
fn fallback_scenario() -> Scenario {
    serde_json::from_str(PRESETS[0].json).unwrap_or_else(|_| unreachable!("presets are tested"))
}

/// Puts a scenario text in the instance: the raw editor keeps it as typed; a document
/// that deserialises becomes the draft (its validation problems are shown), one that
/// does not keeps the last draft and shows the parse error with its path. `immediate`
/// as in [`set_draft`].
pub fn set_text(ctx: Ctx, text: String, immediate: bool) {
    match serde_json::from_str::<Scenario>(&text) {
        Ok(s) => {
            ctx.raw_error.set(None);
            set_draft(ctx, s, immediate);
        }
        Err(_) => {
            let err = doc::parse(&text).err().and_then(|e| e.into_iter().next());
            ctx.raw_error.set(err);
        }
    }
    ctx.raw.set(text);
}
