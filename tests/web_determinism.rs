//! Determinism across targets: the checked-in fingerprints of `tests/determinism/`
//! hold in Chromium too (wasm-bindgen-test), and the memory per row the limits rely
//! on is measured there.
#![cfg(target_arch = "wasm32")]

#[path = "determinism/cases.rs"]
mod cases;
#[path = "determinism/measure.rs"]
mod measure;

use campaign_sim::engine::{doc, sim};
use wasm_bindgen_test::*;

#[global_allocator]
static ALLOC: measure::Counting = measure::Counting;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn fingerprints_in_wasm_match_the_checked_in_native_values() {
    for (name, json, hash, rows) in cases::CASES {
        let s = doc::parse(json).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        let o = sim::simulate(&s).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert_eq!(
            (o.fingerprint(), o.broadlog().len()),
            (*hash, *rows),
            "{name} differs in wasm"
        );
    }
}

#[wasm_bindgen_test]
fn memory_per_row_in_chromium() {
    for line in measure::report() {
        web_sys::console::log_1(&format!("memory: {line}").into());
    }
}
