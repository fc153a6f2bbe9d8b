//! The JavaScript embed API (wasm32 only), over the same handles the page's views
//! use (it never writes a field).
//!
//! ```js
//! import init, { setAssetBase, mountWidget } from "./campaign-sim-widget.js";
//! await init();
//! setAssetBase(new URL(".", import.meta.url).href);   // where lessons/ and i18n/ are
//! const w = mountWidget(target, host, { preset: "weekly-newsletter-recurring", view: "compare", lang: "fr" });
//! w.onReady(() => console.log(w.state));
//! w.play(); w.pause(); await w.runTo("2026-06-30T12:00"); w.setScenario(doc);
//! w.setLang("en"); w.setView("logs"); w.setHeadingLevel(3); w.setChrome(["title"]);
//! w.unmount(); w.free();
//! ```
//!
//! `mountWidget` is what the `<campaign-sim>` element (`web/campaign-sim.js`) calls
//! with the `.cs-mount` box of its shadow root and itself as the `host` the events
//! come from; `mount(element, config)` is the same in a page's own element. Each
//! widget is an independent instance (its own signals, nothing shared through the URL
//! or globals). A bad configuration is shown inside that widget, which still mounts
//! with defaults for what was wrong, and sent as `campaign-sim-error`; `mount` also
//! throws it. Events (`campaign-sim-ready`, `-execution`, `-delivery`, `-finished`,
//! `-change`, `-error`; the lessons' `-lesson-step`, `-answer`, `-lesson-complete`)
//! bubble and are composed; their details, like [`Widget::state`], are plain objects
//! (serde-wasm-bindgen's JSON-compatible serializer).

mod events;
mod state;

use leptos::prelude::{Memo, Owner};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

use crate::embed_config::{self, EmbedConfig};
use crate::engine::doc::ScenarioError;
use crate::ui::app::{self, Mounted};
use crate::ui::events::{emit, to_js};
use crate::ui::handles::Instance;
use crate::ui::i18n::Lang;
use crate::ui::state::config::InstanceConfig;
use crate::ui::state::layout::Layout;

/// A mounted simulator widget.
#[wasm_bindgen]
pub struct Widget {
    /// Where it is drawn.
    target: HtmlElement,
    /// What its events come from (the `<campaign-sim>` element, or `target`).
    host: web_sys::Element,
    /// How its options are written (`config`, `attribute`, `data-attribute`): the paths
    /// of the problems of an option changed later.
    source: String,
    handle: Option<Mounted>,
    /// Owns the effects that send events and say "ready"; dropped at unmount.
    events: Option<Owner>,
    /// Whether the widget is ready (its first year on screen, in its language, with
    /// its lesson open if it has one).
    ready: Memo<bool>,
}

thread_local! {
    /// The state of every widget mounted through this API and not yet found released
    /// (see [`live_instances`]).
    static MOUNTED: std::cell::RefCell<Vec<Instance>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// How many widgets mounted through this API still hold their state: their reactive
/// owner and its signals (scenario, outcome, logs) have not been released. An
/// unmounted widget releases them, so after removing every `<campaign-sim>` element of
/// a page this is 0.
#[wasm_bindgen(js_name = liveInstances)]
pub fn live_instances() -> u32 {
    MOUNTED.with(|m| {
        let mut m = m.borrow_mut();
        // A disposed signal can no longer be read: the instance was released.
        m.retain(|i| i.doc.alive());
        u32::try_from(m.len()).unwrap_or(u32::MAX)
    })
}

/// Where the widget's files are (a folder URL, ending with `/`): the lessons, the
/// French texts. The element's module sets it to its own folder (or the host's
/// `setBasePath`) before mounting.
#[wasm_bindgen(js_name = setAssetBase)]
pub fn set_asset_base(url: String) {
    crate::ui::assets::set_base(url);
}

impl Widget {
    fn instance(&self) -> Result<Instance, JsError> {
        self.handle
            .as_ref()
            .map(|h| h.instance)
            .ok_or_else(|| JsError::new("unmounted"))
    }

    /// Option `key` set to `value` in place: read by the configuration's own reader (so
    /// its problem names it as the author wrote it), applied when it is right; a wrong
    /// one is shown in the widget and sent as `campaign-sim-error`, and the widget keeps
    /// what it had. Fixing it takes the problem away.
    fn live(
        &self,
        key: &str,
        value: JsValue,
        apply: impl FnOnce(Instance, &EmbedConfig),
    ) -> Result<(), JsError> {
        let i = self.instance()?;
        let value: serde_json::Value = serde_wasm_bindgen::from_value(value).unwrap_or_default();
        let mut option = serde_json::Map::new();
        option.insert("source".into(), self.source.clone().into());
        option.insert(key.into(), value);
        let (cfg, errors) = embed_config::from_config(&serde_json::Value::Object(option));
        i.problems.replace(&cfg.source.path(key), errors.clone());
        if errors.is_empty() {
            apply(i, &cfg);
        } else {
            emit(&self.host, "campaign-sim-error", &config_problems(&errors));
        }
        Ok(())
    }
}

/// A configuration's problems as `campaign-sim-error` details: `{path, reason, kind}`.
fn config_problems(errors: &[ScenarioError]) -> Vec<serde_json::Value> {
    errors
        .iter()
        .map(|e| serde_json::json!({"path": e.path, "reason": e.reason, "kind": "config"}))
        .collect()
}

#[wasm_bindgen]
impl Widget {
    /// Removes the widget from its element and releases its state.
    pub fn unmount(&mut self) {
        if let Some(h) = self.handle.take() {
            h.unmount();
        }
        self.events.take();
        self.target.set_inner_html("");
        let _ = self.target.remove_attribute("data-campaign-sim-mounted");
    }

    /// Calls `callback` once the first year is on screen in the language asked for,
    /// with its lesson open if it has one (at once if it is already).
    #[wasm_bindgen(js_name = onReady)]
    pub fn on_ready(&self, callback: js_sys::Function) {
        if let Some(owner) = &self.events {
            events::on_ready(owner, self.ready, callback);
        }
    }

    /// Starts playback (once the newest year is on screen).
    pub fn play(&self) {
        if let Ok(i) = self.instance() {
            i.clock.act(i.run, |p| p.play());
        }
    }

    /// Pauses playback.
    pub fn pause(&self) {
        if let Ok(i) = self.instance() {
            i.clock.act(i.run, |p| p.pause());
        }
    }

    /// Moves the simulated clock to a local date-time (`2026-06-30T12:00`) or date
    /// (`2026-06-30`) in the scenario's time zone, an RFC 3339 instant, or `end`. The
    /// promise settles once the clock is there (after a new year, in it); a text that
    /// is no instant throws.
    #[wasm_bindgen(js_name = runTo)]
    pub fn run_to(&self, instant: &str) -> Result<js_sys::Promise, JsError> {
        let i = self.instance()?;
        let at = instant_of(i, instant).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(js_sys::Promise::new(&mut |resolve, _| {
            // Applied to the newest outcome: after `setScenario` in the same tick, to its year.
            i.run.dispatch(move || {
                i.clock.go(at);
                let _ = resolve.call0(&JsValue::NULL);
            });
        }))
    }

    /// Replaces the scenario (an object or its JSON text). An invalid document throws
    /// with the field's path and is shown in the widget, not lost.
    #[wasm_bindgen(js_name = setScenario)]
    pub fn set_scenario(&self, doc: JsValue) -> Result<(), JsError> {
        let i = self.instance()?;
        let text = match doc.as_string() {
            Some(t) => t,
            None => js_sys::JSON::stringify(&doc)
                .ok()
                .and_then(|s| s.as_string())
                .ok_or_else(|| {
                    JsError::new("setScenario: expected a scenario object or JSON text")
                })?,
        };
        set_scenario_text(i, text).map_err(|errors| js_error(&errors, "scenario"))
    }

    /// The element's own `theme`, `loading` or `height` changed (`campaign-sim.js`
    /// applies them): checked by the configuration's reader, a wrong one shown in the
    /// widget, a fixed or removed one (`null`) no longer.
    #[wasm_bindgen(js_name = checkOption)]
    pub fn check_option(&self, key: &str, value: JsValue) -> Result<(), JsError> {
        if !embed_config::ELEMENT_OWN.contains(&key) {
            return Err(JsError::new("checkOption: theme, loading or height"));
        }
        if value.is_null() || value.is_undefined() {
            let i = self.instance()?;
            let source = embed_config::Source::named(&self.source).unwrap_or_default();
            i.problems.replace(&source.path(key), Vec::new());
            return Ok(());
        }
        self.live(key, value, |_, _| {})
    }

    /// The language, in place (the clock and the selection stay).
    #[wasm_bindgen(js_name = setLang)]
    pub fn set_lang(&self, lang: JsValue) -> Result<(), JsError> {
        self.live("lang", lang, |i, c| {
            i.locale
                .switch(i.run, if c.lang == "fr" { Lang::Fr } else { Lang::En })
        })
    }

    /// The view, in place (the clock and the selection stay).
    #[wasm_bindgen(js_name = setView)]
    pub fn set_view(&self, view: JsValue) -> Result<(), JsError> {
        self.live("view", view, |i, c| i.layout.update(|l| l.view = c.view))
    }

    /// The level of the widget's own title (2 to 6, its panels one below), or `none`.
    #[wasm_bindgen(js_name = setHeadingLevel)]
    pub fn set_heading_level(&self, level: JsValue) -> Result<(), JsError> {
        self.live("headingLevel", level, |i, c| {
            i.layout.update(|l| l.heading = c.heading_level)
        })
    }

    /// Which parts of its own header the widget shows: a list of `title`, `tagline`,
    /// `lang`, `preset`, or `all` / `none`.
    #[wasm_bindgen(js_name = setChrome)]
    pub fn set_chrome(&self, chrome: JsValue) -> Result<(), JsError> {
        self.live("chrome", chrome, |i, c| {
            i.layout.update(|l| l.chrome = c.chrome)
        })
    }

    /// The widget's state as a plain object (`JSON.stringify` works on it): `ready`,
    /// `clock` (RFC 3339), `lang`, `view`, `mode`, `delivery`, `preset`, `lesson`
    /// (`{id, step, steps, mode}` or `null`) and each mode's headline figures.
    #[wasm_bindgen(getter)]
    pub fn state(&self) -> JsValue {
        match &self.handle {
            Some(h) => to_js(&state::state(state::Parts::of(h))),
            None => JsValue::NULL,
        }
    }
}

/// An instant written as RFC 3339, a local date-time or date in the document's zone,
/// or `end`.
fn instant_of(i: Instance, instant: &str) -> Result<i64, ScenarioError> {
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
    at.ok_or_else(|| ScenarioError {
        path: "instant".to_string(),
        reason: format!(
            "{:?} is not an RFC 3339 instant, a local date-time YYYY-MM-DDTHH:MM, a date YYYY-MM-DD or end",
            instant.chars().take(40).collect::<String>()
        ),
    })
}

/// Puts `text` in the instance; a valid document becomes the scenario being
/// simulated, an invalid one stays with its error. Returns the document's problems.
fn set_scenario_text(i: Instance, text: String) -> Result<(), Vec<ScenarioError>> {
    i.loader().set_document(text);
    let problems = i.doc.with_untracked(|d| d.all_problems());
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
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
            chrome: cfg.chrome,
            heading: cfg.heading_level,
            ..Layout::default()
        },
        autoplay: cfg.autoplay,
        instant: cfg.instant.clone(),
        config_errors: errors.to_vec(),
        lesson: cfg.lesson.clone().map(|id| (id, cfg.source.path("lesson"))),
        ..InstanceConfig::default()
    }
}

/// The configuration object of the element's module (its `source`, `"attribute"` or
/// `"data-attribute"`: values as the attributes hold them, their paths named after
/// them) or of a script (`config.…`), read through serde-wasm-bindgen.
fn read_config(config: JsValue) -> (EmbedConfig, Vec<ScenarioError>) {
    if config.is_undefined() || config.is_null() {
        return embed_config::from_config(&serde_json::Value::Null);
    }
    match serde_wasm_bindgen::from_value::<serde_json::Value>(config) {
        Ok(v) => embed_config::from_config(&v),
        Err(_) => {
            let e = ScenarioError {
                path: "config".into(),
                reason: "expected an object".into(),
            };
            (EmbedConfig::default(), vec![e])
        }
    }
}

/// Mounts a widget in `target`, its events sent from `host`, with a configuration
/// object (the element's module's, see the README). Never throws: a bad option is
/// shown inside the widget, naming it, and sent as `campaign-sim-error`.
#[wasm_bindgen(js_name = mountWidget)]
pub fn mount_widget(target: HtmlElement, host: web_sys::Element, config: JsValue) -> Widget {
    let (cfg, errors) = read_config(config);
    mount_checked(target, host, cfg, &errors)
}

/// Mounts a widget in `element` with a configuration object (see the README); a bad
/// option throws a JS `Error` naming it (the widget still mounts, showing it).
#[wasm_bindgen]
pub fn mount(element: HtmlElement, config: JsValue) -> Result<Widget, JsError> {
    let (cfg, errors) = read_config(config);
    let widget = mount_checked(element.clone(), element.into(), cfg, &errors);
    if errors.is_empty() {
        Ok(widget)
    } else {
        // The widget stays on the page, showing the problem; the caller learns of it.
        std::mem::forget(widget);
        Err(js_error(&errors, ""))
    }
}

/// Mounts every `[data-campaign-sim]` element of the document not yet mounted, in its
/// own light DOM (a page without the element's module); returns how many it mounted.
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
        // Auto-mounted widgets live as long as the page.
        std::mem::forget(mount_checked(el.clone(), el.into(), cfg, &errors));
        mounted += 1;
    }
    mounted
}

fn mount_checked(
    target: HtmlElement,
    host: web_sys::Element,
    cfg: EmbedConfig,
    errors: &[ScenarioError],
) -> Widget {
    let _ = target.set_attribute("data-campaign-sim-mounted", "");
    for e in errors {
        web_sys::console::warn_1(&JsValue::from_str(&format!("campaign-sim: {e}")));
    }
    let handle = app::mount(target.clone(), instance_config(&cfg, errors));
    MOUNTED.with(|m| m.borrow_mut().push(handle.instance));
    live_instances(); // drops the entries of released widgets
    if !errors.is_empty() {
        emit(&host, "campaign-sim-error", &config_problems(errors));
    }
    let source = match cfg.source {
        embed_config::Source::Object => "config",
        embed_config::Source::Attributes => "data-attribute",
        embed_config::Source::Element => "attribute",
    }
    .to_string();
    let (events, ready) = events::forward(&host, state::Parts::of(&handle), cfg.lesson.is_some());
    Widget {
        target,
        host,
        source,
        handle: Some(handle),
        events: Some(events),
        ready,
    }
}

/// `data-*` attributes of an element, names without the `data-` prefix.
fn data_attributes(el: &HtmlElement) -> Vec<(String, String)> {
    let names = el.get_attribute_names();
    (0..names.length())
        .filter_map(|i| names.get(i).as_string())
        .filter_map(|name| {
            let key = name.strip_prefix("data-")?;
            (key != "campaign-sim-mounted")
                .then(|| (key.to_string(), el.get_attribute(&name).unwrap_or_default()))
        })
        .collect()
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
    match errors.len().saturating_sub(1) {
        0 => JsError::new(&first),
        more => JsError::new(&format!("{first} (and {more} more)")),
    }
}
