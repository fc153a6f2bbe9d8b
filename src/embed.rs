//! The JavaScript embed API (wasm32 only).
//!
//! ```js
//! import init, { mount } from "./campaign-sim.js";
//! await init();                      // also mounts every [data-campaign-sim] element
//! const sim = mount(document.querySelector("#demo"),
//!                   { preset: "weekly-newsletter-recurring", lang: "fr", view: "compare" });
//! sim.play(); sim.pause(); sim.runTo("2026-06-30T12:00"); sim.setScenario(doc); sim.unmount();
//! ```
//!
//! Each widget is an independent instance (its own signals, nothing shared through the
//! URL or globals). A bad configuration throws a JS `Error` whose message names the
//! option (`config.lang: "de" is not a language (en, fr)`) and is also shown inside
//! that widget, which still mounts with defaults for what was wrong. Events reach the
//! host page as DOM `CustomEvent`s (they bubble) on the element:
//! `campaign-sim:execution` (detail: at, scheduled, caughtUp, targeted),
//! `campaign-sim:delivery` (mode, id, label, created, contentVersion),
//! `campaign-sim:finished` (totals per mode) and `campaign-sim:error` (the problems).
//!
//! The `<campaign-sim>` custom element (`web/campaign-sim.js`, copied to
//! `dist/campaign-sim.js`) mounts with [`mount_element`] and unmounts through the
//! handle; [`live_instances`] counts the widgets whose state is still alive.

use crate::embed_config::{self, EmbedConfig, Source};
use crate::engine::doc::ScenarioError;
use crate::ui::app::{self, Mounted};
use crate::ui::handles::Instance;
use crate::ui::i18n::Lang;
use crate::ui::state::config::InstanceConfig;
use crate::ui::state::layout::Layout;
use leptos::prelude::{Effect, Owner};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

/// A mounted simulator widget.
#[wasm_bindgen]
pub struct Widget {
    element: HtmlElement,
    handle: Option<Mounted>,
    /// Owns the effect that forwards events; dropped with the widget or at unmount.
    events: Option<Owner>,
}

thread_local! {
    /// The state of every widget mounted through this API and not yet found released
    /// (see [`live_instances`]).
    static MOUNTED: std::cell::RefCell<Vec<Instance>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// How many widgets mounted through this API (`mount`, `mountAll`, `<campaign-sim>`)
/// still hold their state: their reactive owner and its signals (scenario, outcome,
/// logs) have not been released. An unmounted widget releases them, so after removing
/// every `<campaign-sim>` element of a page this is 0.
#[wasm_bindgen(js_name = liveInstances)]
pub fn live_instances() -> u32 {
    MOUNTED.with(|m| {
        let mut m = m.borrow_mut();
        // A disposed signal can no longer be read: the instance was released.
        m.retain(|i| i.doc.alive());
        u32::try_from(m.len()).unwrap_or(u32::MAX)
    })
}

#[wasm_bindgen]
impl Widget {
    /// Removes the widget from its element and releases its state.
    pub fn unmount(&mut self) {
        if let Some(h) = self.handle.take() {
            h.unmount();
        }
        self.events.take();
        self.element.set_inner_html("");
        let _ = self.element.remove_attribute("data-campaign-sim-mounted");
    }

    /// Starts playback (once the newest year is on screen).
    pub fn play(&self) {
        if let Some(h) = &self.handle {
            let i = h.instance;
            i.clock.act(i.run, |p| p.play());
        }
    }

    /// Pauses playback.
    pub fn pause(&self) {
        if let Some(h) = &self.handle {
            let i = h.instance;
            i.clock.act(i.run, |p| p.pause());
        }
    }

    /// Moves the simulated clock to a local date-time (`2026-06-30T12:00`) or date
    /// (`2026-06-30`) in the scenario's time zone, or to an RFC 3339 instant.
    #[wasm_bindgen(js_name = runTo)]
    pub fn run_to(&self, instant: &str) -> Result<(), JsError> {
        let h = self
            .handle
            .as_ref()
            .ok_or_else(|| JsError::new("unmounted"))?;
        run_to(h.instance, instant).map_err(|e| JsError::new(&e.to_string()))
    }

    /// Replaces the scenario (an object or its JSON text). An invalid document throws
    /// with the field's path and is shown in the widget's editor, not lost.
    #[wasm_bindgen(js_name = setScenario)]
    pub fn set_scenario(&self, doc: JsValue) -> Result<(), JsError> {
        let h = self
            .handle
            .as_ref()
            .ok_or_else(|| JsError::new("unmounted"))?;
        let text = match doc.as_string() {
            Some(t) => t,
            None => js_sys::JSON::stringify(&doc)
                .ok()
                .and_then(|s| s.as_string())
                .ok_or_else(|| {
                    JsError::new("setScenario: expected a scenario object or JSON text")
                })?,
        };
        set_scenario_text(h.instance, text).map_err(|errors| js_error(&errors, "scenario"))
    }
}

/// Moves the instance's clock to `instant`: an RFC 3339 instant, or a local
/// date-time / date in the scenario's time zone, or `end`.
fn run_to(i: Instance, instant: &str) -> Result<(), ScenarioError> {
    let cal = i
        .doc
        .with_untracked(|d| d.draft().calendar())
        .map_err(|e| ScenarioError {
            path: "scenario".to_string(),
            reason: e.reason,
        })?;
    let at = match instant {
        "end" => Some(cal.horizon_end),
        t => crate::ui::nav::parse_instant(t, |local| cal.instant(local)),
    };
    let at = at.ok_or_else(|| ScenarioError {
        path: "instant".to_string(),
        reason: format!(
            "{:?} is not an RFC 3339 instant, a local date-time YYYY-MM-DDTHH:MM, a date YYYY-MM-DD or end",
            instant.chars().take(40).collect::<String>()
        ),
    })?;
    // Applied to the newest outcome: after `setScenario` in the same tick, to its year.
    i.run.dispatch(move || i.clock.go(at));
    Ok(())
}

/// Puts `text` in the instance's scenario editor; a valid document becomes the
/// scenario being simulated, an invalid one stays in the editor with its error.
/// Returns the document's problems, for the host page.
fn set_scenario_text(i: Instance, text: String) -> Result<(), Vec<ScenarioError>> {
    i.loader().set_document(text);
    match i.doc.with_untracked(|d| d.parse_error().cloned()) {
        Some(e) => Err(vec![e]),
        None => {
            let problems = i.doc.with_untracked(|d| d.problems().to_vec());
            if problems.is_empty() {
                Ok(())
            } else {
                Err(problems)
            }
        }
    }
}

/// The instance configuration an embed configuration asks for; `errors` are the
/// configuration's problems, shown inside the widget.
fn instance_config(cfg: &EmbedConfig, errors: &[ScenarioError]) -> InstanceConfig {
    InstanceConfig {
        preset: cfg.preset.clone(),
        scenario: cfg.scenario.clone(),
        lang: if cfg.lang == "fr" { Lang::Fr } else { Lang::En },
        layout: Layout {
            view: cfg.view,
            compact: cfg.compact,
            read_only: cfg.read_only,
        },
        autoplay: cfg.autoplay,
        instant: cfg.instant.clone(),
        config_errors: errors.to_vec(),
        lesson: cfg.lesson.clone().map(|id| (id, cfg.source.path("lesson"))),
        ..InstanceConfig::default()
    }
}

/// Mounts a widget in `element` with a configuration object (see the README).
#[wasm_bindgen]
pub fn mount(element: HtmlElement, config: JsValue) -> Result<Widget, JsError> {
    let value: serde_json::Value = if config.is_undefined() || config.is_null() {
        serde_json::Value::Null
    } else {
        // Through JSON (serde_json is there anyway; no second reader of JS values).
        let text = js_sys::JSON::stringify(&config)
            .ok()
            .and_then(|s| s.as_string())
            .ok_or_else(|| JsError::new("config: expected an object"))?;
        serde_json::from_str(&text).map_err(|e| JsError::new(&format!("config: {e}")))?
    };
    let (cfg, errors) = embed_config::read(&value, Source::Object);
    let widget = mount_checked(element, cfg, &errors);
    if errors.is_empty() {
        Ok(widget)
    } else {
        // The widget stays on the page, showing the problem; the caller learns of it.
        std::mem::forget(widget);
        Err(js_error(&errors, ""))
    }
}

/// Mounts every `[data-campaign-sim]` element of the document not yet mounted; returns
/// how many it mounted. Called once at start; call it again after adding elements.
#[wasm_bindgen(js_name = mountAll)]
pub fn mount_all() -> u32 {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return 0;
    };
    let Ok(nodes) = doc.query_selector_all("[data-campaign-sim]:not([data-campaign-sim-mounted])")
    else {
        return 0;
    };
    let mut mounted = 0;
    for i in 0..nodes.length() {
        let Some(el) = nodes.item(i).and_then(|n| n.dyn_into::<HtmlElement>().ok()) else {
            continue;
        };
        let attrs = data_attributes(&el);
        let (cfg, errors) =
            embed_config::from_attributes(attrs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        for e in &errors {
            web_sys::console::warn_1(&JsValue::from_str(&format!("campaign-sim: {e}")));
        }
        // Auto-mounted widgets live as long as the page.
        std::mem::forget(mount_checked(el, cfg, &errors));
        mounted += 1;
    }
    mounted
}

/// Mounts the widget of a `<campaign-sim>` element from its attributes (`preset`,
/// `scenario`, `lang`, `view`, `compact`, `autoplay`, `instant`, `read-only`, `lesson`),
/// in place of what the element held. Never throws: a bad attribute is shown inside the
/// element naming the attribute (`view: "nope" is not a view …`), logged as a console
/// warning and sent as `campaign-sim:error`; the widget mounts with the default for it.
#[wasm_bindgen(js_name = mountElement)]
pub fn mount_element(element: HtmlElement) -> Widget {
    let attrs: Vec<(&str, String)> = embed_config::ELEMENT_ATTRIBUTES
        .iter()
        .filter_map(|name| Some((*name, element.get_attribute(name)?)))
        .collect();
    let (cfg, errors) = embed_config::from_element(attrs.iter().map(|(k, v)| (*k, v.as_str())));
    for e in &errors {
        web_sys::console::warn_1(&JsValue::from_str(&format!("campaign-sim: {e}")));
    }
    // Fallback content the page put inside the element ("Loading…") gives way.
    element.set_inner_html("");
    mount_checked(element, cfg, &errors)
}

fn mount_checked(element: HtmlElement, cfg: EmbedConfig, errors: &[ScenarioError]) -> Widget {
    let _ = element.set_attribute("data-campaign-sim-mounted", "");
    let handle = app::mount(element.clone(), instance_config(&cfg, errors));
    MOUNTED.with(|m| m.borrow_mut().push(handle.instance));
    live_instances(); // drops the entries of released widgets
    if !errors.is_empty() {
        dispatch(&element, "campaign-sim:error", &errors_js(errors));
    }
    let events = forward_events(&element, &handle);
    Widget {
        element,
        handle: Some(handle),
        events: Some(events),
    }
}

/// Most events one clock move sends (a run to the end of a periodic schedule passes
/// thousands of executions; the host gets the first ones and `finished`).
const MAX_EVENTS_PER_MOVE: usize = 1000;

/// Watches the widget's clock and tells the host page, as DOM events on `element`,
/// what happened between the previous instant and the new one: each execution
/// (`campaign-sim:execution`), each delivery created per mode
/// (`campaign-sim:delivery`), and the end of the year (`campaign-sim:finished`).
fn forward_events(element: &HtmlElement, handle: &Mounted) -> Owner {
    let owner = Owner::new();
    let i = handle.instance;
    let element: web_sys::Element = element.clone().into();
    owner.with(|| {
        let last = std::cell::Cell::new(None::<i64>);
        Effect::new(move |_| {
            let (now, at_end) = i.clock.with(|p| (p.now(), p.at_end()));
            let Some(sim) = i.run.sim() else {
                last.set(None);
                return;
            };
            let prev = last.replace(Some(now));
            let Some(prev) = prev.filter(|p| *p < now) else {
                return;
            };
            let mut sent = 0;
            let Some(own) = sim.outcome(sim.own()) else {
                return;
            };
            for e in own
                .executions()
                .iter()
                .filter(|e| e.at > prev && e.at <= now)
            {
                if sent >= MAX_EVENTS_PER_MOVE {
                    break;
                }
                let detail = serde_json::json!({
                    "at": sim.cal.rfc3339(e.at),
                    "scheduled": sim.cal.rfc3339(e.scheduled),
                    "caughtUp": e.caught_up,
                    "targeted": e.targeted,
                });
                dispatch(&element, "campaign-sim:execution", &json_js(&detail));
                sent += 1;
            }
            for column in &sim.columns {
                for d in column
                    .outcome
                    .deliveries()
                    .iter()
                    .filter(|d| d.created > prev && d.created <= now)
                {
                    if sent >= MAX_EVENTS_PER_MOVE {
                        break;
                    }
                    let detail = serde_json::json!({
                        "mode": column.side.name(),
                        "id": d.id,
                        "label": d.label,
                        "created": sim.cal.rfc3339(d.created),
                        "contentVersion": d.content_version,
                    });
                    dispatch(&element, "campaign-sim:delivery", &json_js(&detail));
                    sent += 1;
                }
            }
            if at_end {
                let totals: serde_json::Map<String, serde_json::Value> = sim
                    .columns
                    .iter()
                    .map(|c| {
                        let summary = c.outcome.summary();
                        (
                            c.side.name().to_string(),
                            serde_json::to_value(summary.totals).unwrap_or_default(),
                        )
                    })
                    .collect();
                dispatch(&element, "campaign-sim:finished", &json_js(&totals.into()));
            }
        });
    });
    owner
}

fn json_js(v: &serde_json::Value) -> JsValue {
    js_sys::JSON::parse(&v.to_string()).unwrap_or(JsValue::NULL)
}

/// `data-*` attributes of an element, names without the `data-` prefix.
fn data_attributes(el: &HtmlElement) -> Vec<(String, String)> {
    let names = el.get_attribute_names();
    let mut out = Vec::new();
    for i in 0..names.length() {
        let Some(name) = names.get(i).as_string() else {
            continue;
        };
        if let Some(key) = name.strip_prefix("data-") {
            if key == "campaign-sim-mounted" {
                continue;
            }
            out.push((key.to_string(), el.get_attribute(&name).unwrap_or_default()));
        }
    }
    out
}

fn js_error(errors: &[ScenarioError], prefix: &str) -> JsError {
    let first = errors
        .first()
        .map(|e| {
            let mut e = e.clone();
            if !prefix.is_empty() {
                e.path = if e.path.is_empty() {
                    prefix.to_string()
                } else {
                    format!("{prefix}.{}", e.path)
                };
            }
            e.to_string()
        })
        .unwrap_or_default();
    let more = errors.len().saturating_sub(1);
    if more == 0 {
        JsError::new(&first)
    } else {
        JsError::new(&format!("{first} (and {more} more)"))
    }
}

fn errors_js(errors: &[ScenarioError]) -> JsValue {
    serde_json::to_string(errors)
        .ok()
        .and_then(|t| js_sys::JSON::parse(&t).ok())
        .unwrap_or(JsValue::NULL)
}

/// Sends a `CustomEvent` named `name` with `detail` from `element` (it bubbles).
pub fn dispatch(element: &web_sys::Element, name: &str, detail: &JsValue) {
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_detail(detail);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = element.dispatch_event(&event);
    }
}
