//! The JavaScript embed API (wasm32 only).
