//! Mounting, and only that: build an instance's state, provide its handles, render its
//! root. One independent instance per call, no global state: every signal lives in the
//! instance's reactive owner, so several instances on one page (the widgets) never see
//! each other's state.
//!
//! Only the entry points call this (`src/main.rs` for the full page, `crate::embed` for
//! widgets); nothing under `ui` does.

use leptos::prelude::*;

use super::handles::{
    Clock, DocHandle, FocusHandle, Instance, LayoutHandle, Locale, Problems, Run,
};
use super::i18n::{self, Lang};
use super::state::config::InstanceConfig;
use super::state::document::Document;
use super::views::root::Root;

/// A mounted instance; dropping it (or [`Mounted::unmount`]) removes it from the page.
pub struct Mounted {
    inner: Option<Box<dyn std::any::Any>>,
    /// The instance's handles (the embed API drives it through them).
    pub instance: Instance,
    /// Its lessons (the embed API waits for a configured lesson before "ready").
    pub lessons: super::lessons::Lessons,
}

impl Mounted {
    /// Removes the instance and releases its signals.
    pub fn unmount(mut self) {
        self.inner.take();
    }
    /// Keeps the instance alive for the life of the page (the full-page app).
    pub fn leak(self) {
        std::mem::forget(self);
    }
}

/// Mounts the full-page simulator on `#app` (or `<body>`), its configuration from the
/// link or the browser's storage.
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
        mount(parent, super::persist::initial_config()).leak();
    }
}

/// Mounts one independent instance inside `parent`.
pub fn mount(parent: web_sys::HtmlElement, config: InstanceConfig) -> Mounted {
    super::panic::install_panic_hook();
    super::panic::register_mount(&parent);
    let (tx, rx) = std::sync::mpsc::channel();
    let lang = config.lang;
    let handle = leptos::mount::mount_to(parent, move || {
        let instance = build(&config);
        instance.provide();
        super::simulate::watch(instance, config.clone());
        instance.clock.drive();
        #[cfg(feature = "full")]
        if config.persist {
            super::persist::sync(instance);
        }
        let lessons = super::lessons::Lessons::provide(instance, config.lesson.clone());
        provide_context(lessons);
        let _ = tx.send((instance, lessons));
        view! { <Root /> }
    });
    // mount_to runs the closure synchronously, so the instance is there.
    let (instance, lessons) = rx
        .try_recv()
        .unwrap_or_else(|_| unreachable!("mount_to runs its closure"));
    // A language whose texts are fetched: the instance starts in English and switches
    // once they are here.
    if lang != instance.locale.get_untracked() {
        instance.locale.switch(instance.run, lang);
    }
    Mounted {
        inner: Some(Box::new(handle)),
        instance,
        lessons,
    }
}

/// Whether the reader asked for reduced motion (the browser's setting).
fn reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches())
}

/// The state of a new instance, from its configuration.
fn build(config: &InstanceConfig) -> Instance {
    let layout = super::state::layout::Layout {
        reduced_motion: reduced_motion(),
        ..config.layout
    };
    Instance {
        locale: Locale::new(
            if i18n::ready(config.lang) {
                config.lang
            } else {
                Lang::En
            },
            config.lang,
        ),
        doc: DocHandle::new(Document::new(&config.preset, config.scenario.as_deref())),
        run: Run::new(),
        focus: FocusHandle::new(),
        clock: Clock::new(),
        layout: LayoutHandle::new(layout),
        problems: Problems::new(config.config_errors.clone()),
    }
}
