//! The public worked examples (tests/contract, copies of ../shared/scenarios): planned slots equal
//! `expected/*.schedule.json`, executions equal the `at`/`scheduled` of
//! `expected/*.run.json` (compared as instants, not as strings).

use campaign_sim::engine::doc::parse;
#[path = "support/scheduler.rs"]
mod support;
use chrono::DateTime;
use std::path::PathBuf;
use support::{executions, schedule};

const NAMES: [&str; 3] = [
    "birthday-daily-recurring",
    "weekly-newsletter-recurring",
    "welcome-continuous-incremental",
];

fn scenarios_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/contract/scenarios")
}

fn instant(s: &str) -> i64 {
    DateTime::parse_from_rfc3339(s).unwrap().timestamp()
}

fn read(path: PathBuf) -> String {
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn planned_slots_equal_expected_schedules() {
    for name in NAMES {
        let s = parse(&read(scenarios_dir().join(format!("{name}.json")))).unwrap();
        let cal = s.calendar().unwrap();
        let expected: Vec<String> = serde_json::from_str(&read(
            scenarios_dir().join(format!("expected/{name}.schedule.json")),
        ))
        .unwrap();
        let got = schedule(&s, &cal);
        let want: Vec<i64> = expected.iter().map(|t| instant(t)).collect();
        assert_eq!(got, want, "{name}: planned slots");
        // And the printed form, offset included.
        let printed: Vec<String> = got.iter().map(|t| cal.rfc3339(*t)).collect();
        assert_eq!(printed, expected, "{name}: RFC 3339 with the zone's offset");
    }
}

#[test]
fn executions_equal_expected_runs() {
    for name in NAMES {
        let s = parse(&read(scenarios_dir().join(format!("{name}.json")))).unwrap();
        let cal = s.calendar().unwrap();
        let expected: serde_json::Value = serde_json::from_str(&read(
            scenarios_dir().join(format!("expected/{name}.run.json")),
        ))
        .unwrap();
        let want: Vec<(i64, i64)> = expected["runs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    instant(r["at"].as_str().unwrap()),
                    instant(r["scheduled"].as_str().unwrap()),
                )
            })
            .collect();
        let got: Vec<(i64, i64)> = executions(&s, &cal)
            .iter()
            .map(|e| (e.at, e.scheduled))
            .collect();
        assert_eq!(got.len(), want.len(), "{name}: number of executions");
        assert_eq!(got, want, "{name}: executions");
    }
}

/// v2: each workflow's planned slots equal its array of the expected schedule; each
/// workflow's executions equal its runs in the expected run (in order), and the
/// simulation merges them in the expected order (instant, then priority, then
/// position).
#[test]
fn several_workflows_schedule_and_merge_as_expected() {
    let name = "several-workflows-one-base";
    let s = parse(&read(scenarios_dir().join(format!("{name}.json")))).unwrap();
    let cal = s.calendar().unwrap();
    let expected: Vec<Vec<String>> = serde_json::from_str(&read(
        scenarios_dir().join(format!("expected/{name}.schedule.json")),
    ))
    .unwrap();
    let schedulers = campaign_sim::engine::sim::schedulers(&s, &cal);
    assert_eq!(schedulers.len(), expected.len());
    for (sc, want) in schedulers.iter().zip(&expected) {
        let printed: Vec<String> = sc.schedule().iter().map(|t| cal.rfc3339(*t)).collect();
        assert_eq!(&printed, want);
    }
    let run: serde_json::Value = serde_json::from_str(&read(
        scenarios_dir().join(format!("expected/{name}.run.json")),
    ))
    .unwrap();
    let runs: Vec<(i64, i64, u64)> = run["runs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                instant(r["at"].as_str().unwrap()),
                instant(r["scheduled"].as_str().unwrap()),
                r["workflow"].as_u64().unwrap(),
            )
        })
        .collect();
    for (w, execs) in campaign_sim::engine::sim::executions(&s, &cal)
        .iter()
        .enumerate()
    {
        let got: Vec<(i64, i64)> = execs.iter().map(|e| (e.at, e.scheduled)).collect();
        let want: Vec<(i64, i64)> = runs
            .iter()
            .filter(|r| r.2 == w as u64)
            .map(|r| (r.0, r.1))
            .collect();
        assert_eq!(got, want, "workflow {w}: executions");
    }
    let o = campaign_sim::engine::sim::simulate(&s).unwrap();
    let merged: Vec<(i64, i64, u64)> = o
        .executions()
        .iter()
        .map(|e| (e.at, e.scheduled, u64::from(e.workflow)))
        .collect();
    assert_eq!(merged, runs, "the merged order");
}
