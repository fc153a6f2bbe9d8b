//! Web entry point (wasm32). The full bundle (`full` feature, built by Trunk for
//! `index.html`) mounts the whole simulator on the standalone page's `#app`. Widgets
//! (`<campaign-sim>`, `[data-campaign-sim]`, Markdown fences) are the element's module's
//! (`web/campaign-sim.js`), which mounts each through the embed API when it is needed.

#[cfg(target_arch = "wasm32")]
fn main() {
    // A panic anywhere on the page is said in every instance (ui::panic).
    campaign_sim::ui::panic::install_panic_hook();
    #[cfg(feature = "full")]
    if web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"))
        .is_some()
    {
        campaign_sim::ui::app::start();
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("campaign-sim-web is the browser entry point; build it with `make build` (Trunk).");
}
