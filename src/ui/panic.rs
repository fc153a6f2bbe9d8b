//! Last resort when something panics in the page: the panic is reported in the
//! console (with its message and location) and every simulator instance on the page
//! is covered by an error panel, so the reader sees that the widget stopped instead
//! of a frozen, silently wrong one. A release build aborts after the hook runs
//! (`panic = "abort"`), so nothing else gets a chance to say so.
//!
//! The panel is built with `text_content` only: the panic message can quote user
//! text and must never be parsed as markup.

use std::sync::Once;

use wasm_bindgen::JsCast;

/// Class of the root element of every instance (`views::root`).
const ROOT_SELECTOR: &str = ".cs";

thread_local! {
    /// Where each instance was mounted (a widget's is inside a shadow root, which a
    /// query of the document does not see).
    static MOUNTS: std::cell::RefCell<Vec<web_sys::Element>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Remembers where an instance is mounted, for the error panel (the ones no longer
/// in a page are forgotten).
pub fn register_mount(parent: &web_sys::Element) {
    MOUNTS.with(|m| {
        let mut m = m.borrow_mut();
        m.retain(|e| e.is_connected());
        m.push(parent.clone());
    });
}

/// Installs the hook once per page (further calls do nothing). Call it first thing in
/// `start()` and in every mount entry point.
pub fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            console_error_panic_hook::hook(info);
            show_panel(&info.to_string());
        }));
    });
}

/// Puts the error panel at the top of every instance.
fn show_panel(message: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let mut roots: Vec<web_sys::Element> = MOUNTS.with(|m| m.borrow().clone());
    if let Ok(found) = doc.query_selector_all(ROOT_SELECTOR) {
        roots.extend(
            (0..found.length()).filter_map(|i| found.item(i)?.dyn_into::<web_sys::Element>().ok()),
        );
    }
    for root in roots {
        // A mount point holds the instance's root.
        let root = match root.query_selector(ROOT_SELECTOR).ok().flatten() {
            Some(inner) if !root.class_list().contains("cs") => inner,
            _ => root,
        };
        if root
            .query_selector("[data-testid=panic-panel]")
            .ok()
            .flatten()
            .is_some()
        {
            continue;
        }
        let _ = insert_panel(&doc, &root, message);
    }
}

fn insert_panel(
    doc: &web_sys::Document,
    root: &web_sys::Element,
    message: &str,
) -> Result<(), wasm_bindgen::JsValue> {
    let panel = doc.create_element("div")?;
    panel.set_attribute("role", "alert")?;
    panel.set_attribute("class", "cs-panic")?;
    panel.set_attribute("data-testid", "panic-panel")?;
    // Its look is main.css's `.cs-panic` (a style attribute is blocked by a strict CSP).
    let title = doc.create_element("strong")?;
    title.set_text_content(Some(
        "The simulator stopped after an internal error. Reload the page to start again; \
         the details are in the browser console.",
    ));
    let detail = doc.create_element("pre")?;
    // At most a few lines: the console has the whole message.
    let short: String = message.chars().take(500).collect();
    detail.set_text_content(Some(&short));
    panel.append_child(&title)?;
    panel.append_child(&detail)?;
    root.insert_before(&panel, root.first_child().as_ref())?;
    Ok(())
}
