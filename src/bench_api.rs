//! Benchmark scenarios shared by the native benchmark (`benches/engine.rs`) and the
//! browser benchmark (`benches/browser-bench.mjs`), so both time exactly the same
//! work: a year of a generated population of `n` recipients.
//!
//! On wasm32, [`bench_year`] is exported to JavaScript (`window.wasmBindings` on the
//! Trunk page): it parses the scenario, simulates its year and leaves a
//! `performance.measure` entry named `campaign-sim:year:<kind>:<n>` for the page's
//! performance timeline.

/// The benchmark kinds: `weekly` (Monday 09:00 to everyone, tracking off),
/// `weekly-tracking` (the same with tracking on), `birthday` (daily 06:00, birthday
/// query) and `continuous` (daily 08:00 incremental query, continuous delivery).
pub const KINDS: [&str; 4] = ["weekly", "weekly-tracking", "birthday", "continuous"];

/// The scenario document of a benchmark kind over `n` generated recipients (all in
/// the base before the year starts: no signups, so the base has exactly `n`);
/// `None` for an unknown kind.
pub fn year_scenario(kind: &str, n: u64) -> Option<String> {
    let (workflow, tracking) = match kind {
        "weekly" | "weekly-tracking" => (
            r#"{"scheduler":{"frequency":"weekly","days":["mon"],"times":["09:00"]},
                "query":{"filter":"all"},
                "delivery":{"mode":"recurring","label":"Newsletter"}}"#,
            kind == "weekly-tracking",
        ),
        "birthday" => (
            r#"{"scheduler":{"frequency":"daily","times":["06:00"]},
                "query":{"filter":"birthday","leap_day":"mar1"},
                "delivery":{"mode":"recurring","label":"Happy birthday"}}"#,
            false,
        ),
        "continuous" => (
            r#"{"scheduler":{"frequency":"daily","times":["08:00"]},
                "query":{"filter":"all","incremental":true},
                "delivery":{"mode":"continuous","label":"Welcome"}}"#,
            false,
        ),
        _ => return None,
    };
    Some(format!(
        r#"{{"name":"bench {kind} {n}","year":2026,"timezone":"Europe/Paris","seed":1,
            "tracking":{{"enabled":{tracking}}},
            "population":{{"size":{n},"signups_per_day":0}},
            "workflow":{workflow}}}"#
    ))
}

/// Exported to JavaScript: simulates a year of [`year_scenario`]`(kind, n)` and
/// returns the wall time in milliseconds (parse + validation + population + year),
/// or a negative number when the kind is unknown or the scenario is refused.
#[cfg(all(target_arch = "wasm32", feature = "full"))]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn bench_year(kind: &str, n: u32) -> f64 {
    bench_year_report(kind, n).map(|r| r.ms).unwrap_or(-1.0)
}

/// Exported to JavaScript: like [`bench_year`], as JSON with what was produced
/// (`{"ms":…,"broadlog":…,"tracking":…,"log_bytes":…,"fingerprint":"…"}`), so the
/// browser benchmark can check that wasm did the same work as native.
#[cfg(all(target_arch = "wasm32", feature = "full"))]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn bench_year_json(kind: &str, n: u32) -> String {
    match bench_year_report(kind, n) {
        Ok(r) => format!(
            r#"{{"ms":{},"broadlog":{},"tracking":{},"log_bytes":{},"fingerprint":"{:016x}"}}"#,
            r.ms, r.broadlog, r.tracking, r.log_bytes, r.fingerprint
        ),
        Err(e) => format!(r#"{{"error":{:?}}}"#, e),
    }
}

#[cfg(all(target_arch = "wasm32", feature = "full"))]
struct Report {
    ms: f64,
    broadlog: usize,
    tracking: usize,
    log_bytes: usize,
    fingerprint: u64,
}

#[cfg(all(target_arch = "wasm32", feature = "full"))]
fn bench_year_report(kind: &str, n: u32) -> Result<Report, String> {
    use crate::engine::{doc, sim};
    let doc = year_scenario(kind, u64::from(n)).ok_or_else(|| format!("unknown kind {kind}"))?;
    let perf = web_sys::window()
        .and_then(|w| w.performance())
        .ok_or("no performance object")?;
    let start = format!("campaign-sim:year:{kind}:{n}:start");
    let end = format!("campaign-sim:year:{kind}:{n}:end");
    let _ = perf.mark(&start);
    let t0 = perf.now();
    let outcome = doc::parse_validated(&doc)
        .and_then(|s| sim::simulate_validated(&s))
        .map_err(|e| {
            e.first()
                .map_or_else(|| "refused".to_string(), |x| format!("{x:?}"))
        })?;
    let ms = perf.now() - t0;
    let _ = perf.mark(&end);
    let _ = perf.measure_with_start_mark_and_end_mark(
        &format!("campaign-sim:year:{kind}:{n}"),
        &start,
        &end,
    );
    Ok(Report {
        ms,
        broadlog: outcome.broadlog().len(),
        tracking: outcome.tracking().len(),
        log_bytes: outcome.log_bytes(),
        fingerprint: outcome.fingerprint(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{doc, sim};

    #[test]
    fn every_kind_is_a_valid_scenario_with_exactly_n_recipients() {
        for kind in KINDS {
            let doc = year_scenario(kind, 300).unwrap();
            let s = doc::parse(&doc).unwrap();
            let o = sim::simulate(&s).unwrap();
            assert_eq!(o.recipients().len(), 300, "{kind}");
            assert!(!o.broadlog().is_empty(), "{kind}");
            assert_eq!(o.tracking().is_empty(), kind != "weekly-tracking", "{kind}");
        }
        assert!(year_scenario("hourly", 1).is_none());
    }

    #[test]
    fn weekly_sends_every_recipient_every_monday() {
        let s = doc::parse(&year_scenario("weekly", 100).unwrap()).unwrap();
        let o = sim::simulate(&s).unwrap();
        assert_eq!(o.broadlog().len(), 52 * 100);
    }
}
