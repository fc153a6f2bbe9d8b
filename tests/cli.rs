//! The `campaign-sim` binary: byte-identical schedule output, exit status 2 with one
//! stderr line on invalid input, `-` for standard input.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_campaign-sim");

fn scenarios() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/contract/scenarios")
}

fn cli(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut pipe = child.stdin.take().unwrap();
    if let Some(text) = stdin {
        pipe.write_all(text.as_bytes()).unwrap();
    }
    drop(pipe);
    child.wait_with_output().unwrap()
}

fn stderr_lines(out: &Output) -> Vec<String> {
    String::from_utf8(out.stderr.clone())
        .unwrap()
        .lines()
        .map(String::from)
        .collect()
}

#[test]
fn schedule_output_is_byte_identical_to_the_expected_files() {
    for name in [
        "birthday-daily-recurring",
        "weekly-newsletter-recurring",
        "welcome-continuous-incremental",
        "several-workflows-one-base",
    ] {
        let file = scenarios().join(format!("{name}.json"));
        let out = cli(&["schedule", file.to_str().unwrap()], None);
        assert!(out.status.success(), "{name}: {out:?}");
        let want =
            std::fs::read(scenarios().join(format!("expected/{name}.schedule.json"))).unwrap();
        assert!(
            out.stdout == want,
            "{name}: output differs from the expected bytes"
        );
    }
}

#[test]
fn dash_reads_standard_input() {
    let doc =
        std::fs::read_to_string(scenarios().join("weekly-newsletter-recurring.json")).unwrap();
    let out = cli(&["schedule", "-"], Some(&doc));
    assert!(out.status.success());
    let want =
        std::fs::read(scenarios().join("expected/weekly-newsletter-recurring.schedule.json"))
            .unwrap();
    assert!(out.stdout == want);
}

#[test]
fn run_json_lists_every_execution() {
    let doc = r#"{"timezone": "Europe/Paris", "workflow": {"scheduler":
        {"frequency": "daily", "times": ["09:00"], "start": "2026-03-01", "end": "2026-03-03"}},
        "outages": [{"from": "2026-03-02T08:00", "to": "2026-03-02T12:00"}]}"#;
    let out = cli(&["run", "-", "--json"], Some(doc));
    assert!(out.status.success(), "{out:?}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let runs: Vec<(String, String)> = v["runs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["at"].as_str().unwrap().into(),
                r["scheduled"].as_str().unwrap().into(),
            )
        })
        .collect();
    let p = |s: &str| format!("2026-03-{s}:00+01:00");
    assert_eq!(
        runs,
        [
            (p("01T09:00"), p("01T09:00")),
            (p("02T12:00"), p("02T09:00")),
            (p("03T09:00"), p("03T09:00"))
        ]
    );
}

#[test]
fn invalid_document_exits_2_with_one_line_naming_the_field() {
    let doc = r#"{"workflow": {"scheduler": {"frequency": "weekly", "days": ["mon", "mun"], "times": ["09:00"]}}}"#;
    for cmd in ["schedule", "run"] {
        let out = cli(&[cmd, "-"], Some(doc));
        assert_eq!(out.status.code(), Some(2), "{cmd}");
        assert!(out.stdout.is_empty());
        let lines = stderr_lines(&out);
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert!(
            lines[0].starts_with(r#"workflow.scheduler.days[1]: "mun" is not a weekday"#),
            "{}",
            lines[0]
        );
    }
}

#[test]
fn broken_inputs_never_panic() {
    let cases = [
        ("", "invalid JSON"),
        ("{", "invalid JSON"),
        ("[1, 2]", "must be a JSON object"),
        (
            r#"{"workflow": {"scheduler": {"frequency": "daily", "times": ["09:00"]}}, "year": 99999}"#,
            "year",
        ),
        (
            r#"{"workflow": {"scheduler": {"frequency": "daily", "times": ["09:00"]}}, "timezone": "Mars/Base"}"#,
            "timezone",
        ),
        (
            r#"{"workflow": {"scheduler": {"frequency": "daily", "times": ["09:00"], "every": 99999999999999999999}}}"#,
            "workflow.scheduler.every",
        ),
    ];
    for (doc, needle) in cases {
        let out = cli(&["schedule", "-"], Some(doc));
        assert_eq!(out.status.code(), Some(2), "{doc}");
        let lines = stderr_lines(&out);
        assert_eq!(lines.len(), 1, "{doc}: {lines:?}");
        assert!(lines[0].contains(needle), "{doc}: {}", lines[0]);
        assert!(!lines[0].contains("panicked"));
    }
}

#[test]
fn unreadable_file_exits_2_with_a_clear_line() {
    let out = cli(&["schedule", "/nonexistent/scenario.json"], None);
    assert_eq!(out.status.code(), Some(2));
    let lines = stderr_lines(&out);
    assert_eq!(lines.len(), 1);
    assert!(
        lines[0].contains("cannot read /nonexistent/scenario.json"),
        "{}",
        lines[0]
    );
}

#[test]
fn usage_help_and_version() {
    let out = cli(&["--version"], None);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!("campaign-sim {}\n", env!("CARGO_PKG_VERSION"))
    );
    let out = cli(&["--help"], None);
    assert!(out.status.success());
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains("campaign-sim schedule FILE"));
    let out = cli(&["frobnicate", "x"], None);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr_lines(&out).len(), 1);
    let out = cli(&["schedule"], None);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn describe_in_both_languages() {
    let file = scenarios().join("weekly-newsletter-recurring.json");
    let out = cli(&["describe", file.to_str().unwrap()], None);
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "Every Monday at 09:00 (Europe/Paris), 1 Jan – 31 Dec 2026\n"
    );
    let out = cli(&["describe", file.to_str().unwrap(), "--lang", "fr"], None);
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "Chaque lundi à 09:00 (Europe/Paris), du 1 janv. au 31 déc. 2026\n"
    );
}

#[test]
fn max_runs_truncates_the_schedule_and_zero_prints_an_empty_array() {
    let doc =
        r#"{"workflow": {"scheduler": {"frequency": "daily", "times": ["09:00"], "max_runs": 2}}}"#;
    let out = cli(&["schedule", "-"], Some(doc));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "[\n \"2026-01-01T09:00:00+00:00\",\n \"2026-01-02T09:00:00+00:00\"\n]\n"
    );
    let doc =
        r#"{"workflow": {"scheduler": {"frequency": "daily", "times": ["09:00"], "max_runs": 0}}}"#;
    let out = cli(&["schedule", "-"], Some(doc));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "[]\n");
}

#[test]
fn run_json_is_byte_identical_to_the_expected_files() {
    for name in [
        "birthday-daily-recurring",
        "weekly-newsletter-recurring",
        "welcome-continuous-incremental",
        "several-workflows-one-base",
    ] {
        let file = scenarios().join(format!("{name}.json"));
        let out = cli(&["run", file.to_str().unwrap(), "--json"], None);
        assert!(out.status.success(), "{name}: {out:?}");
        let want = std::fs::read(scenarios().join(format!("expected/{name}.run.json"))).unwrap();
        assert!(
            out.stdout == want,
            "{name}: output differs from the expected bytes"
        );
    }
}

#[test]
fn a_workflows_document_names_the_workflow_of_runs_and_deliveries() {
    let doc = r#"{"workflows": [
        {"name": "A", "scheduler": {"frequency": "once", "at": "2026-01-05T09:00"}},
        {"scheduler": {"frequency": "once", "at": "2026-01-05T09:00"}, "priority": 5}
      ], "recipients": [{"id": 1, "email": "a@x.test"}]}"#;
    let out = cli(&["run", "-", "--json"], Some(doc));
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    // The priority-5 workflow runs first at the shared instant; "workflow" is the
    // last field of a run and comes right after "id" in a delivery.
    assert!(
        text.contains("\"delivery\": 1,\n   \"workflow\": 1\n"),
        "{text}"
    );
    assert!(text.contains("\"id\": 2,\n   \"workflow\": 0,\n"), "{text}");
    let out = cli(&["schedule", "-"], Some(doc));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "[\n [\n  \"2026-01-05T09:00:00+00:00\"\n ],\n [\n  \"2026-01-05T09:00:00+00:00\"\n ]\n]\n"
    );
    let out = cli(&["describe", "-"], Some(doc));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "A: Once, on 5 Jan 2026 at 09:00 (UTC)\nWorkflow 2: Once, on 5 Jan 2026 at 09:00 (UTC)\n"
    );
    // An error names the workflow's path.
    let bad = doc.replace("\"priority\": 5", "\"priority\": 500");
    let out = cli(&["run", "-"], Some(&bad));
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr_lines(&out),
        ["workflows[1].priority: 500 is not between -100 and 100"]
    );
}
