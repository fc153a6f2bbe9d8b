//! The Leptos user interface (wasm32 only). Components render engine output only.

/// Mounts the simulator page on `<body>`.
pub fn start() {}
