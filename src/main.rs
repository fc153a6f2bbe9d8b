//! Web entry point: Trunk builds this binary for wasm32. On the standalone page
//! (`index.html`, which has `#app`) it mounts the full simulator; on any page it then
//! mounts every `[data-campaign-sim]` widget (see `embed.html` and the README).

#[cfg(target_arch = "wasm32")]
fn main() {
    let has_app = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"))
        .is_some();
    if has_app {
        campaign_sim::ui::start();
    }
    campaign_sim::embed::mount_all();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("campaign-sim-web is the browser entry point; build it with `make build` (Trunk).");
}
