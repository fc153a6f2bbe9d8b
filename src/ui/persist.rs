//! The standalone page's memory: its state in the URL fragment (a link reproduces the
//! same simulation, see [`super::share`]) and the last scenario in `localStorage`.
//! Only the full page uses this; embedded widgets keep their state to themselves.

use gloo_timers::callback::Timeout;
use leptos::prelude::*;

use super::app::{AppConfig, Ctx};
use super::i18n::Lang;
use super::share::{compact_scenario, pretty_scenario, UrlState};
use crate::embed_config::View;

/// The `localStorage` key of the last scenario text (as typed).
const STORAGE_KEY: &str = "campaign-sim:scenario";

/// Milliseconds the state must stay still before it is written (playback ticks keep
/// pushing the write back, so a playing clock is written when it stops).
const WRITE_DELAY_MS: u32 = 300;

fn storage() -> Option<web_sys::Storage> {
    // Private modes and sandboxed frames may refuse storage: the page works without.
    web_sys::window()?.local_storage().ok().flatten()
}

/// The full page's configuration: the link's state first, else the last scenario kept
/// in this browser, else the defaults.
pub fn initial_config() -> AppConfig {
    let mut config = AppConfig {
        persist: true,
        ..AppConfig::default()
    };
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    let st = UrlState::from_fragment(&hash);
    config.scenario = match st.scenario {
        Some(s) => Some(pretty_scenario(&s)),
        None => storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten()),
    };
    if st.lang.as_deref() == Some("fr") {
        config.lang = Lang::Fr;
    }
    if let Some(v) = st.view.as_deref().and_then(View::from_name) {
        config.view = v;
    }
    config.mode = st.mode;
    config.delivery = st.delivery;
    config.instant = st.clock;
    config
}

/// The state a link to this page carries now.
pub fn url_state(ctx: Ctx) -> UrlState {
    let (mode, clock) = ctx.sim.with_untracked(|s| match s {
        Some(s) => (
            s.columns
                .get(ctx.column.get_untracked())
                .map(|c| c.mode.attr().to_string()),
            Some(s.cal.rfc3339(ctx.playback.with_untracked(|p| p.now()))),
        ),
        None => (None, None),
    });
    UrlState {
        scenario: Some(compact_scenario(&ctx.raw.get_untracked())),
        lang: Some(super::i18n::code(ctx.lang.get_untracked()).to_string()),
        view: (ctx.view != View::Full).then(|| ctx.view.name().to_string()),
        mode,
        delivery: ctx.selected.get_untracked().map(|(_, d)| d),
        clock,
    }
}

/// Writes the state into the URL (without a history entry) and the scenario text
/// into `localStorage`; returns the page's link.
pub fn write_now(ctx: Ctx) -> Option<String> {
    let window = web_sys::window()?;
    let fragment = url_state(ctx).to_fragment();
    let history = window.history().ok()?;
    history
        .replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("#{fragment}")),
        )
        .ok()?;
    if let Some(s) = storage() {
        // Full storage (quota) only loses the memory, never the page.
        let _ = s.set_item(STORAGE_KEY, &ctx.raw.get_untracked());
    }
    window.location().href().ok()
}

/// Keeps the URL and `localStorage` up to date as the user edits, selects and plays.
pub fn sync(ctx: Ctx) {
    let timer: StoredValue<Option<Timeout>, LocalStorage> = StoredValue::new_local(None);
    Effect::new(move |_| {
        // What a link carries: reading these subscribes the effect to them.
        ctx.raw.track();
        ctx.lang.track();
        ctx.column.track();
        ctx.selected.track();
        ctx.playback.with(|p| p.now());
        // Until the first year is simulated the incoming link's clock and mode have
        // not been applied yet: leave the URL as it came.
        if ctx.sim.with(|s| s.is_none()) {
            return;
        }
        timer.set_value(Some(Timeout::new(WRITE_DELAY_MS, move || {
            write_now(ctx);
        })));
    });
}
