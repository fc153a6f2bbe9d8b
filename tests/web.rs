//! Components in a real browser (wasm-bindgen-test, headless Chromium): an instance
//! mounts, simulates its preset, its buttons drive the playback, and two instances on
//! one page keep separate state.
#![cfg(target_arch = "wasm32")]

use campaign_sim::ui::app::mount as mount_app;
use campaign_sim::ui::state::config::InstanceConfig as AppConfig;
use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

fn host() -> HtmlElement {
    let doc = web_sys::window().unwrap().document().unwrap();
    let el: HtmlElement = doc.create_element("div").unwrap().dyn_into().unwrap();
    doc.body().unwrap().append_child(&el).unwrap();
    el
}

fn q(root: &HtmlElement, sel: &str) -> HtmlElement {
    root.query_selector(sel)
        .unwrap()
        .unwrap_or_else(|| panic!("{sel} not found"))
        .dyn_into()
        .unwrap()
}

fn clock(root: &HtmlElement) -> String {
    q(root, "[data-testid=sim-clock]")
        .get_attribute("data-instant")
        .unwrap_or_default()
}

fn count(root: &HtmlElement, mode: &str) -> String {
    q(
        root,
        &format!("[data-testid=delivery-count][data-mode={mode}]"),
    )
    .text_content()
    .unwrap_or_default()
}

/// Waits until the simulation (started on a timer) has produced the clock.
async fn ready(root: &HtmlElement) {
    for _ in 0..200 {
        if root
            .query_selector("[data-testid=sim-clock]")
            .ok()
            .flatten()
            .and_then(|e| e.get_attribute("data-instant"))
            .is_some_and(|s| !s.is_empty())
        {
            return;
        }
        TimeoutFuture::new(20).await;
    }
    panic!("the simulation never became ready");
}

#[wasm_bindgen_test]
async fn an_instance_simulates_its_preset_and_runs_to_the_end() {
    let root = host();
    let _h = mount_app(root.clone(), AppConfig::default());
    ready(&root).await;
    assert_eq!(clock(&root), "2026-01-01T00:00:00+01:00");
    assert_eq!(count(&root, "recurring"), "0");
    q(&root, "[data-testid=run-to-end]").click();
    TimeoutFuture::new(0).await;
    assert_eq!(count(&root, "recurring"), "52");
    assert_eq!(count(&root, "continuous"), "1");
}

#[wasm_bindgen_test]
async fn two_instances_keep_their_own_clock() {
    let (a, b) = (host(), host());
    let _ha = mount_app(a.clone(), AppConfig::default());
    let _hb = mount_app(
        b.clone(),
        AppConfig {
            preset: "birthday-daily-recurring".into(),
            ..AppConfig::default()
        },
    );
    ready(&a).await;
    ready(&b).await;
    q(&a, "[data-testid=step]").click();
    TimeoutFuture::new(0).await;
    assert_eq!(clock(&a), "2026-01-05T09:00:00+01:00");
    assert_eq!(
        clock(&b),
        "2026-01-01T00:00:00+01:00",
        "stepping one does not move the other"
    );
    q(&b, "[data-testid=run-to-end]").click();
    TimeoutFuture::new(0).await;
    assert_eq!(count(&b, "recurring"), "69");
    assert_eq!(count(&a, "recurring"), "1");
}

#[wasm_bindgen_test]
async fn the_log_table_renders_a_window_and_unmount_removes_the_instance() {
    let root = host();
    let h = mount_app(root.clone(), AppConfig::default());
    ready(&root).await;
    q(&root, "[data-testid=run-to-end]").click();
    TimeoutFuture::new(0).await;
    let rows = root
        .query_selector_all("[data-testid=broadlog-row]")
        .unwrap()
        .length();
    // 2,080 rows in the year; the table puts only the visible window in the DOM.
    assert!(rows > 0 && rows < 60, "{rows} rows rendered");
    h.unmount();
    assert!(root
        .query_selector("[data-testid=sim-clock]")
        .unwrap()
        .is_none());
}
