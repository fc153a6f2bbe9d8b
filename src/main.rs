//! Web entry point: Trunk builds this binary for wasm32 and mounts the app.

#[cfg(target_arch = "wasm32")]
fn main() {
    campaign_sim::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("campaign-sim-web is the browser entry point; build it with `make build` (Trunk).");
}
