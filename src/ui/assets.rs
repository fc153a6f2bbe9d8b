//! Files the page fetches at run time (lessons now; later the French texts and the
//! presets), found next to the widget's own files wherever a page copied them.
//!
//! [`asset_url`] resolves a relative path against the location of the wasm module
//! (which its JS glue fetched from `new URL("campaign-sim-web_bg.wasm",
//! import.meta.url)`): the browser's resource timing lists that request, so no extra
//! JS snippet file is needed next to the three widget files. When the module was
//! given as bytes (no such request), the page's own URL is the base.

#[cfg(target_arch = "wasm32")]
use std::cell::OnceCell;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen::JsCast;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_futures::JsFuture;

#[cfg(target_arch = "wasm32")]
thread_local! {
    /// The module's URL, read once.
    static MODULE_URL: OnceCell<Option<String>> = const { OnceCell::new() };
    /// Where the widget's files are, as the element's module says (`setAssetBase`):
    /// the folder of its own URL, or the host's `setBasePath`.
    static BASE: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Sets where the widget's files are (a folder URL); [`asset_url`] resolves against it.
#[cfg(target_arch = "wasm32")]
pub fn set_base(url: String) {
    BASE.with(|b| *b.borrow_mut() = Some(url));
}

/// The URL the wasm module was fetched from, if the page fetched one.
#[cfg(target_arch = "wasm32")]
fn module_url() -> Option<String> {
    MODULE_URL.with(|u| {
        u.get_or_init(|| {
            let perf = web_sys::window()?.performance()?;
            let names: Vec<String> = perf
                .get_entries_by_type("resource")
                .iter()
                .filter_map(|e| js_sys::Reflect::get(&e, &"name".into()).ok()?.as_string())
                .collect();
            pick_module(&names).map(str::to_string)
        })
        .clone()
    })
}

/// The module among the page's fetched resources: ours by name, else any
/// wasm-bindgen module (`*_bg.wasm`).
pub fn pick_module(names: &[String]) -> Option<&str> {
    let path = |n: &str| n.split(['?', '#']).next().unwrap_or("").to_string();
    names
        .iter()
        .find(|n| path(n).ends_with("/campaign-sim-web_bg.wasm"))
        .or_else(|| names.iter().find(|n| path(n).ends_with("_bg.wasm")))
        .map(String::as_str)
}

/// The absolute URL of `relative` (e.g. `lessons/index.en.json`), next to the
/// widget's files.
#[cfg(target_arch = "wasm32")]
pub fn asset_url(relative: &str) -> String {
    let base = BASE
        .with(|b| b.borrow().clone())
        .or_else(module_url)
        .or_else(|| web_sys::window()?.document()?.base_uri().ok()?);
    base.and_then(|b| web_sys::Url::new_with_base(relative, &b).ok())
        .map(|u| u.href())
        .unwrap_or_else(|| relative.to_string())
}

/// Fetches `relative` (see [`asset_url`]) as text. The error says which file and why
/// (`lessons/q1.fr.json: HTTP 404`).
#[cfg(target_arch = "wasm32")]
pub async fn fetch_text(relative: &str) -> Result<String, String> {
    let failed = |why: &str| format!("{relative}: {why}");
    let window = web_sys::window().ok_or_else(|| failed("no window"))?;
    let response = JsFuture::from(window.fetch_with_str(&asset_url(relative)))
        .await
        .map_err(|_| failed("could not be loaded"))?;
    let response: web_sys::Response = response
        .dyn_into()
        .map_err(|_| failed("could not be loaded"))?;
    if !response.ok() {
        return Err(failed(&format!("HTTP {}", response.status())));
    }
    let text = response
        .text()
        .map(JsFuture::from)
        .map_err(|_| failed("could not be read"))?
        .await
        .map_err(|_| failed("could not be read"))?;
    text.as_string().ok_or_else(|| failed("is not text"))
}

#[cfg(test)]
mod tests {
    use super::pick_module;

    #[test]
    fn the_module_is_found_among_the_pages_resources() {
        let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let page = names(&[
            "https://docs.test/guide/img/a.png",
            "https://docs.test/widgets/other_bg.wasm",
            "https://docs.test/widgets/sim/campaign-sim-web_bg.wasm?v=3",
        ]);
        assert_eq!(
            pick_module(&page),
            Some("https://docs.test/widgets/sim/campaign-sim-web_bg.wasm?v=3")
        );
        let renamed = names(&["https://x.test/a.js", "https://x.test/w/app_bg.wasm"]);
        assert_eq!(pick_module(&renamed), Some("https://x.test/w/app_bg.wasm"));
        assert_eq!(pick_module(&names(&["https://x.test/a.wasm"])), None);
    }
}
