//! The three public worked examples (tests/contract, copies of ../shared/scenarios): planned slots equal
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
