//! The standalone page's memory: its state in the URL fragment (a link reproduces the
//! same simulation, see [`super::share`]) and the last scenario in `localStorage`.
//! Only the full page uses this; embedded widgets keep their state to themselves.

use gloo_timers::callback::Timeout;
use leptos::prelude::*;

use super::handles::Instance;
use super::i18n::Lang;
use super::share::{compact_scenario, pretty_scenario, UrlState};
use super::state::config::InstanceConfig;
use super::state::layout::View;

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
pub fn initial_config() -> InstanceConfig {
    let mut config = InstanceConfig {
        persist: true,
        ..InstanceConfig::default()
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
        config.layout.view = v;
    }
    config.mode = st.mode;
    config.delivery = st.delivery.and_then(|d| u32::try_from(d).ok());
    config.instant = st.clock;
    config
}

/// The page's memory of one instance (a context of the full page only).
#[derive(Clone, Copy)]
pub struct Persist {
    i: Instance,
}

impl Persist {
    /// The state a link to this page carries now.
    pub fn url_state(self) -> UrlState {
        let i = self.i;
        let column = i.focus.with_untracked(|f| f.column);
        let now = i.clock.now_untracked();
        let (mode, clock) = i
            .run
            .with_untracked(|s| {
                (
                    s.columns.get(column).map(|c| c.side.name().to_string()),
                    Some(s.cal.rfc3339(now)),
                )
            })
            .unwrap_or((None, None));
        let view = i.layout.get_untracked().view;
        UrlState {
            scenario: Some(compact_scenario(
                &i.doc.with_untracked(|d| d.text().to_string()),
            )),
            lang: Some(super::i18n::code(i.locale.get_untracked()).to_string()),
            view: (view != View::Full).then(|| view.name().to_string()),
            mode,
            delivery: i
                .focus
                .with_untracked(|f| f.delivery.map(|(_, d)| u64::from(d))),
            clock,
        }
    }

    /// Writes the state into the URL (without a history entry) and the scenario text
    /// into `localStorage`; returns the page's link.
    pub fn write_now(self) -> Option<String> {
        let window = web_sys::window()?;
        let fragment = self.url_state().to_fragment();
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
            let _ = s.set_item(
                STORAGE_KEY,
                &self.i.doc.with_untracked(|d| d.text().to_string()),
            );
        }
        window.location().href().ok()
    }
}

/// Keeps the URL and `localStorage` up to date as the user edits, selects and plays,
/// and provides the [`Persist`] handle (the copy-link button).
pub fn sync(i: Instance) {
    let persist = Persist { i };
    provide_context(persist);
    let timer: StoredValue<Option<Timeout>, LocalStorage> = StoredValue::new_local(None);
    Effect::new(move |_| {
        // What a link carries: reading these subscribes the effect to them.
        i.doc.with(|d| d.text().len());
        i.locale.get();
        i.focus.with(|f| (f.column, f.delivery));
        i.clock.now();
        // Until the first year is simulated the incoming link's clock and mode have
        // not been applied yet: leave the URL as it came.
        if i.run.with(|_| ()).is_none() {
            return;
        }
        timer.set_value(Some(Timeout::new(WRITE_DELAY_MS, move || {
            persist.write_now();
        })));
    });
}
