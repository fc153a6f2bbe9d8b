//! Fuzzing the parser, the validator and the scheduler with generated documents,
//! valid and invalid (the stable-toolchain equivalent of a `cargo fuzz` target: the
//! machine has no nightly compiler).
//!
//! `make test` runs a bounded number of cases; a long run is
//! `PROPTEST_CASES=200000 cargo test --release --test fuzz_scenarios`.
//! Anything a run finds goes into `tests/corpus/` as a regression case.
#![cfg(not(target_arch = "wasm32"))]

use campaign_sim::engine::scenario::{parse, validate};
use campaign_sim::engine::scheduler;
use proptest::prelude::*;
use serde_json::{json, Value};
use std::path::PathBuf;

/// Keys of the contract, so generated objects often hit real fields.
const KEYS: &[&str] = &[
    "name",
    "year",
    "timezone",
    "seed",
    "recipients",
    "workflow",
    "scheduler",
    "query",
    "delivery",
    "frequency",
    "at",
    "times",
    "every",
    "days",
    "month_days",
    "nth_weekday",
    "nth",
    "day",
    "months",
    "dates",
    "interval_minutes",
    "window",
    "start",
    "end",
    "max_runs",
    "filter",
    "leap_day",
    "incremental",
    "history_days",
    "mode",
    "aggregation",
    "label",
    "content_changes",
    "outages",
    "from",
    "to",
    "missed_runs",
    "tracking",
    "enabled",
    "id",
    "email",
    "created",
    "birthday",
    "bounce",
    "unsubscribed",
];

/// Scalars that sit near the edges of what the contract accepts.
fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        (-3i64..40).prop_map(|n| json!(n)),
        any::<f64>().prop_map(|f| json!(f)),
        Just(json!(u64::MAX)),
        Just(json!(1e300)),
        "[a-z]{0,6}".prop_map(Value::String),
        prop_oneof![
            Just("daily"),
            Just("weekly"),
            Just("monthly"),
            Just("yearly"),
            Just("once"),
            Just("periodic"),
            Just("mon"),
            Just("mun"),
            Just("Europe/Paris"),
            Just("Mars/Olympus"),
            Just("2026-02-29"),
            Just("2026-02-28"),
            Just("2026-03-29T02:30"),
            Just("2026-10-25T02:30"),
            Just("24:00"),
            Just("09:00"),
            Just("02-29"),
            Just("<script>alert(1)</script>"),
            Just(""),
        ]
        .prop_map(|s| Value::String(s.to_string())),
        "\\PC{0,12}".prop_map(Value::String),
    ]
}

/// Arbitrary JSON, biased towards the contract's shape.
fn value() -> impl Strategy<Value = Value> {
    scalar().prop_recursive(5, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..8).prop_map(|kv| {
                Value::Object(kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
            }),
        ]
    })
}

fn public_scenarios() -> Vec<Value> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/scenarios");
    let mut docs = Vec::new();
    for name in [
        "weekly-newsletter-recurring",
        "birthday-daily-recurring",
        "welcome-continuous-incremental",
    ] {
        let text = std::fs::read_to_string(dir.join(format!("{name}.json")))
            .unwrap_or_else(|e| panic!("read {name}: {e}"));
        docs.push(serde_json::from_str(&text).expect("public scenario is JSON"));
    }
    docs
}

/// Every place in a JSON document, as a list of steps.
fn paths(v: &Value, prefix: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    out.push(prefix.clone());
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                prefix.push(Step::Key(k.clone()));
                paths(child, prefix, out);
                prefix.pop();
            }
        }
        Value::Array(a) => {
            // A few elements are enough; recipient lists are long.
            for (i, child) in a.iter().enumerate().take(3) {
                prefix.push(Step::Index(i));
                paths(child, prefix, out);
                prefix.pop();
            }
        }
        _ => {}
    }
}

#[derive(Clone, Debug)]
enum Step {
    Key(String),
    Index(usize),
}

fn at_mut<'a>(v: &'a mut Value, path: &[Step]) -> Option<&'a mut Value> {
    let mut cur = v;
    for step in path {
        cur = match step {
            Step::Key(k) => cur.get_mut(k.as_str())?,
            Step::Index(i) => cur.get_mut(*i)?,
        };
    }
    Some(cur)
}

/// What must hold for any input text: no panic, and either a scenario that validates
/// and schedules inside its horizon, or errors that are one non-empty line each.
fn check_text(text: &str) {
    match parse(text) {
        Ok(s) => {
            assert!(validate(&s).is_empty(), "parse accepted what validate rejects");
            let cal = s.calendar().expect("a valid scenario has a calendar");
            let runs = scheduler::executions(&s, &cal);
            for run in &runs {
                assert!(cal.in_horizon(run.at), "execution outside the horizon");
                assert!(run.scheduled <= run.at, "an execution runs before its slot");
            }
            let slots = scheduler::schedule(&s, &cal);
            assert!(slots.windows(2).all(|w| w[0] < w[1]), "slots sorted, unique");
        }
        Err(errors) => {
            assert!(!errors.is_empty(), "an Err carries at least one error");
            for e in errors {
                let line = e.to_string();
                assert!(!e.reason.is_empty(), "an error says why: {line:?}");
                assert!(!line.contains('\n'), "one line per error: {line:?}");
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 600,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Arbitrary JSON documents never panic the parser, validator or scheduler.
    #[test]
    fn arbitrary_documents_never_panic(doc in value()) {
        check_text(&doc.to_string());
    }

    /// A public scenario with one value replaced anywhere: a precise error or a
    /// scenario that still schedules correctly.
    #[test]
    fn mutated_public_scenarios_never_panic(
        which in 0usize..3,
        pick in any::<prop::sample::Index>(),
        replacement in value(),
    ) {
        let mut doc = public_scenarios().swap_remove(which);
        let mut all = Vec::new();
        paths(&doc, &mut Vec::new(), &mut all);
        let path = pick.get(&all).clone();
        if let Some(slot) = at_mut(&mut doc, &path) {
            *slot = replacement;
        }
        check_text(&doc.to_string());
    }

    /// Arbitrary text (mostly not JSON) is rejected with a plain error.
    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,64}") {
        check_text(&text);
    }
}

#[test]
fn deeply_nested_input_is_an_error_not_a_stack_overflow() {
    for depth in [200usize, 10_000, 100_000] {
        let text = format!(
            r#"{{"workflow":{}{}}}"#,
            "[".repeat(depth),
            "]".repeat(depth)
        );
        let errors = parse(&text).expect_err("nested arrays are not a workflow");
        assert!(!errors[0].reason.is_empty());
        let text = format!("{}{}", "{\"a\":".repeat(depth), "}".repeat(depth));
        assert!(parse(&text).is_err());
    }
}

#[test]
fn empty_and_whitespace_input_is_an_error() {
    for text in ["", " ", "\n\t", "null", "[]", "42", "\"x\""] {
        let errors = parse(text).expect_err(text);
        assert_eq!(errors[0].path, "", "{text:?} is a document-level error");
    }
}

/// Regression corpus: each `tests/corpus/*.json` holds a document and, in
/// `*.expect`, the first error line (or `ok`).
#[test]
fn regression_corpus() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut seen = 0;
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/corpus exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    entries.sort();
    for path in entries {
        let text = std::fs::read_to_string(&path).expect("corpus file");
        let expect = std::fs::read_to_string(path.with_extension("expect"))
            .unwrap_or_else(|_| panic!("{} has an .expect file", path.display()));
        let got = match parse(&text) {
            Ok(_) => "ok".to_string(),
            Err(e) => e[0].to_string(),
        };
        assert_eq!(got, expect.trim_end(), "{}", path.display());
        check_text(&text);
        seen += 1;
    }
    assert!(seen >= 5, "the corpus has its cases ({seen})");
}
