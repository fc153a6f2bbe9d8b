//! The DOM events an instance sends its host page (`campaign-sim-…`, bubbling and
//! composed, so they leave a widget's shadow root), their `detail` a plain object
//! built by serde-wasm-bindgen's JSON-compatible serializer (no `Map`, no `BigInt`:
//! `JSON.stringify` works on it).

use serde::Serialize;
use wasm_bindgen::JsValue;

/// A value as a plain JavaScript object.
pub fn to_js(value: &impl Serialize) -> JsValue {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL)
}

/// Sends event `name` with `detail` from `from`.
pub fn emit(from: &web_sys::Element, name: &str, detail: &impl Serialize) {
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&to_js(detail));
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = from.dispatch_event(&event);
    }
}
