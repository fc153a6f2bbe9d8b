//! Limits instead of crashes: a scenario too large for the page is refused before it
//! runs, with the path of what to reduce; text lengths are capped by validation; the
//! CLI reports both as one line and exit status 2.
#![cfg(not(target_arch = "wasm32"))]

use campaign_sim::engine::sim::limits::{self, MAX_BYTES};
use campaign_sim::engine::{doc, sim};
use std::io::Write;
use std::process::{Command, Stdio};

fn doc(population: &str, scheduler: &str) -> String {
    format!(
        r#"{{"seed":1,{population}"workflow":{{"scheduler":{scheduler}}},"tracking":{{"enabled":true}}}}"#
    )
}

#[test]
fn a_huge_generated_base_is_refused_naming_population_size() {
    let text = doc(
        r#""population":{"size":4000000},"#,
        r#"{"frequency":"daily","times":["09:00"]}"#,
    );
    let s = doc::parse(&text).expect("valid document");
    let est = limits::estimate(&s);
    assert_eq!(est.executions, 365);
    assert!(est.broadlog_rows_upper >= 365 * 4_000_000);
    assert!(est.bytes > MAX_BYTES);
    let err = sim::simulate(&s).expect_err("refused").remove(0);
    assert_eq!(err.path, "population.size");
    assert!(
        err.reason.contains("reduce population.size"),
        "{}",
        err.reason
    );
    assert!(
        err.reason.contains("1,460,000,000 broadLog rows"),
        "{}",
        err.reason
    );
}

#[test]
fn a_scheduler_every_minute_on_a_base_is_refused_naming_the_scheduler() {
    let text = doc(
        r#""population":{"size":2000},"#,
        r#"{"frequency":"periodic","interval_minutes":1,"window":["00:00","23:59"]}"#,
    );
    let s = doc::parse(&text).expect("valid document");
    let err = sim::simulate(&s).expect_err("refused").remove(0);
    assert_eq!(err.path, "workflow.scheduler");
    assert!(err.reason.contains("less often"), "{}", err.reason);
}

#[test]
fn an_incremental_query_makes_the_same_base_fit() {
    // Everyone once (history forever): rows bounded by the base, not by executions.
    let text = r#"{"population":{"size":100000},
        "workflow":{"scheduler":{"frequency":"periodic","interval_minutes":10,"window":["08:00","20:00"]},
                    "query":{"incremental":true}}}"#;
    let s = doc::parse(text).unwrap();
    let est = limits::estimate(&s);
    assert!(est.broadlog_rows_upper <= 100_000, "{est:?}");
    let o = sim::simulate(&s).expect("fits");
    assert_eq!(o.broadlog().len(), 100_000);
}

#[test]
fn side_by_side_variants_share_the_budget() {
    // Just under the limit for one variant, over it for two.
    let s = doc::parse(&doc(
        r#""population":{"size":100000},"#,
        r#"{"frequency":"weekly","days":["mon","wed","fri"],"times":["09:00"]}"#,
    ))
    .unwrap();
    let est = limits::estimate(&s);
    assert!(
        est.bytes <= MAX_BYTES && est.bytes * 2 > MAX_BYTES,
        "{est:?}"
    );
    assert!(limits::check(&s, &est, 1).is_ok());
    let err = limits::check(&s, &est, 2).expect_err("two variants");
    assert!(
        err.reason.contains("2 variants side by side"),
        "{}",
        err.reason
    );
}

#[test]
fn the_estimate_bounds_the_real_logs_of_the_public_scenarios() {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/determinism");
    for name in [
        "weekly-newsletter-recurring",
        "birthday-daily-recurring",
        "welcome-continuous-incremental",
        "generated-tracking",
    ] {
        let text = std::fs::read_to_string(dir.join(format!("{name}.json"))).unwrap();
        let s = doc::parse(&text).unwrap();
        let est = limits::estimate(&s);
        let o = sim::simulate(&s).unwrap();
        assert_eq!(est.executions as usize, o.executions().len(), "{name}");
        assert!(
            o.broadlog().len() as u64 <= est.broadlog_rows_upper,
            "{name}: {} rows > {est:?}",
            o.broadlog().len()
        );
        // Not absurdly pessimistic either: within 4× of the real log.
        assert!(
            est.broadlog_rows_upper <= 4 * o.broadlog().len() as u64 + 1000,
            "{name}: {est:?} vs {}",
            o.broadlog().len()
        );
    }
}

#[test]
fn text_lengths_are_capped_with_their_path() {
    let long = "x".repeat(doc::limits::MAX_NAME_CHARS + 1);
    let email = format!("{}@x.test", "a".repeat(300));
    let text = format!(
        r#"{{"name":"{long}","recipients":[{{"id":1,"email":"{email}"}},{{"id":2,"email":"a\u0007@x.test"}}],
        "workflow":{{"scheduler":{{"frequency":"daily","times":["09:00"]}},"delivery":{{"label":"{long}"}}}}}}"#
    );
    let errors = doc::parse(&text).expect_err("too long");
    let got: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    assert_eq!(
        got,
        [
            "name: is 201 characters long; the limit is 200",
            "workflow.delivery.label: is 201 characters long; the limit is 200",
            "recipients[0].email: is 307 bytes long; an address has at most 254",
            "recipients[1].email: contains a control character",
        ]
    );
    // Exactly at the limit is fine; characters, not bytes, for labels.
    let ok = "é".repeat(doc::limits::MAX_NAME_CHARS);
    let text = format!(
        r#"{{"name":"{ok}","workflow":{{"scheduler":{{"frequency":"daily","times":["09:00"]}}}}}}"#
    );
    assert!(doc::parse(&text).is_ok());
}

#[test]
fn the_cli_refuses_a_too_large_scenario_with_one_line_and_status_2() {
    let text = doc(
        r#""population":{"size":4000000},"#,
        r#"{"frequency":"daily","times":["09:00"]}"#,
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_campaign-sim"))
        .args(["run", "-", "--json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("population.size: too large to simulate"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}
