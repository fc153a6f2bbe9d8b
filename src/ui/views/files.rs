//! Files in and out: downloads built from the engine's export chunks (a large log is
//! handed to the browser as a Blob of many strings, never one giant string), the
//! scenario document download and upload, and the year summary (the CLI's JSON).

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use crate::engine::out::export::{broadlog_export, tracking_export, ExportFilter, Format};
use crate::engine::out::report;
use crate::ui::handles::{Clock, DocHandle, FocusHandle, Loader, Locale, Run};
use crate::ui::i18n::K;

/// Offers `chunks` to the user as a file called `name`.
pub fn download(name: &str, mime: &str, chunks: impl Iterator<Item = String>) -> Option<()> {
    let parts = js_sys::Array::new();
    for c in chunks {
        parts.push(&JsValue::from_str(&c));
    }
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let doc = web_sys::window()?.document()?;
    let a: web_sys::HtmlAnchorElement = doc.create_element("a").ok()?.dyn_into().ok()?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    // The browser has started reading the Blob; free it once the download is under way.
    gloo_timers::callback::Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Some(())
}

/// What an export button takes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Log {
    BroadLog,
    Tracking,
}

/// Exports the explorer's log as the tables show it: the selected delivery (or all)
/// of the explorer's mode, up to the simulated clock. Called through
/// [`Run::dispatch`]: while a newer outcome is computed it waits for it, so an export
/// never describes an outcome that is being replaced.
fn export_log(run: Run, focus: FocusHandle, clock: Clock, log: Log, format: Format) {
    let (column, delivery) = focus.with_untracked(|f| (f.column, f.selected()));
    let as_of = clock.now_untracked();
    run.with_untracked(|s| {
        let (Some(o), Some(col)) = (s.outcome(column), s.columns.get(column)) else {
            return;
        };
        let filter = ExportFilter {
            delivery,
            as_of: Some(as_of),
        };
        let what = match log {
            Log::BroadLog => "broadlog",
            Log::Tracking => "tracking",
        };
        let (ext, mime) = match format {
            Format::Csv => ("csv", "text/csv"),
            Format::Json => ("json", "application/json"),
        };
        let scope = delivery.map_or_else(|| "all".to_string(), |d| format!("delivery-{d}"));
        let name = format!("campaign-sim-{}-{what}-{scope}.{ext}", col.side.name());
        match log {
            Log::BroadLog => download(&name, mime, broadlog_export(o, filter, format)),
            Log::Tracking => download(&name, mime, tracking_export(o, filter, format)),
        };
    });
}

/// The year summary of the scenario's own delivery mode, as `campaign-sim run --json`
/// prints it.
fn export_summary(run: Run) {
    run.with_untracked(|s| {
        let Some(o) = s.own_outcome() else { return };
        if let Ok(json) = report::to_json(&report::summary(o)) {
            download(
                "campaign-sim-summary.json",
                "application/json",
                std::iter::once(json),
            );
        }
    });
}

/// The explorer's export buttons.
#[component]
pub fn ExportBar() -> impl IntoView {
    let locale = expect_context::<Locale>();
    let run = expect_context::<Run>();
    let focus = expect_context::<FocusHandle>();
    let clock = expect_context::<Clock>();
    let tracking_on = move || run.with(|s| s.tracking()).unwrap_or(false);
    let button = move |id: &'static str, label: &'static str, log: Log, format: Format| {
        view! {
            <button data-testid=id on:click=move |_| run.dispatch(move || export_log(run, focus, clock, log, format))>{label}</button>
        }
    };
    view! {
        <div class="cs-exports" role="group" aria-label=locale.text(K::Export)>
            <span>{locale.text(K::Export)} " broadLog"</span>
            {button("export-broadlog-csv", "CSV", Log::BroadLog, Format::Csv)}
            {button("export-broadlog-json", "JSON", Log::BroadLog, Format::Json)}
            <Show when=tracking_on>
                <span>{locale.text(K::Export)} " tracking"</span>
                {button("export-tracking-csv", "CSV", Log::Tracking, Format::Csv)}
                {button("export-tracking-json", "JSON", Log::Tracking, Format::Json)}
            </Show>
            <button data-testid="export-summary" on:click=move |_| run.dispatch(move || export_summary(run))>
                {locale.text(K::YearSummary)}
            </button>
            <span class="cs-hint">{locale.text(K::ExportHint)}</span>
        </div>
    }
}

/// A file name for the scenario: its `name`, made safe, or a default.
fn scenario_file_name(text: &str) -> String {
    let name = serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|v| v.get("name").and_then(|n| n.as_str()).map(str::to_string))
        .unwrap_or_default();
    let slug: String = name
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|p| !p.is_empty())
        .take(8)
        .collect::<Vec<_>>()
        .join("-");
    if slug.is_empty() {
        "campaign-sim-scenario.json".to_string()
    } else {
        format!("{slug}.json")
    }
}

/// Scenario download (the editor's text exactly as typed) and upload.
#[component]
pub fn ScenarioFiles() -> impl IntoView {
    let locale = expect_context::<Locale>();
    let doc = expect_context::<DocHandle>();
    let loader = expect_context::<Loader>();
    let status = RwSignal::new(None::<String>);
    let on_file = move |ev: web_sys::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        // The same file can be chosen again after editing.
        input.set_value("");
        leptos::task::spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                Ok(text) => {
                    loader.set_document(text.as_string().unwrap_or_default());
                    status.set(Some(format!("{} {}", locale.t(K::Imported), file.name())));
                }
                Err(_) => status.set(Some(locale.t(K::ImportFailed).to_string())),
            }
        });
    };
    let export = move |_| {
        let text = doc.with_untracked(|d| d.text().to_string());
        download(
            &scenario_file_name(&text),
            "application/json",
            std::iter::once(text),
        );
    };
    view! {
        <div class="cs-files" role="group">
            <button data-testid="export-scenario" on:click=export>{locale.text(K::DownloadScenario)}</button>
            <label class="cs-upload">
                <span>{locale.text(K::ImportScenario)}</span>
                <input type="file" accept=".json,application/json" data-testid="import-scenario" on:change=on_file />
            </label>
            <span class="cs-hint" role="status">{move || status.get()}</span>
        </div>
    }
}
