//! The public scenarios (three v1, one v2) give exactly their expected `run`
//! summaries.

use campaign_sim::engine::out::report::to_json;
use campaign_sim::engine::{doc, sim};
use std::path::PathBuf;

fn shared(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/contract/scenarios")
        .join(name)
}

fn check(name: &str) {
    let doc = std::fs::read_to_string(shared(&format!("{name}.json"))).unwrap();
    let expected = std::fs::read_to_string(shared(&format!("expected/{name}.run.json"))).unwrap();
    let s = doc::parse(&doc).unwrap();
    let o = sim::simulate(&s).unwrap();
    let got = to_json(&o.summary()).unwrap();
    let a: serde_json::Value = serde_json::from_str(&got).unwrap();
    let b: serde_json::Value = serde_json::from_str(&expected).unwrap();
    assert_eq!(a, b, "{name}: summary differs from expected");
    // The CLI prints the same text byte for byte.
    assert_eq!(got, expected, "{name}: formatting differs");
}

#[test]
fn weekly_newsletter_recurring_matches_expected() {
    check("weekly-newsletter-recurring");
}

#[test]
fn birthday_daily_recurring_matches_expected() {
    check("birthday-daily-recurring");
}

#[test]
fn welcome_continuous_incremental_matches_expected() {
    check("welcome-continuous-incremental");
}

#[test]
fn several_workflows_one_base_matches_expected() {
    check("several-workflows-one-base");
}
