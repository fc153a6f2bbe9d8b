//! Fuzzing the parser, the validator and the scheduler with generated documents,
//! valid and invalid (the stable-toolchain equivalent of a `cargo fuzz` target: the
//! machine has no nightly compiler).
//!
//! Documents that parse also run through the engine (`sim::simulate`) when
//! their estimate is small, with the logs' invariants checked; a larger one must be
//! refused by the limits, not run.
//!
//! `make test` runs a bounded number of cases; a long run is
//! `PROPTEST_CASES=20000 cargo test --release --test fuzz_scenarios` (the count is
//! per property; the run prints how many inputs reached the engine).
//! Anything a run finds goes into `tests/corpus/` as a regression case.
#![cfg(not(target_arch = "wasm32"))]

use campaign_sim::engine::doc::{parse, validate, Scenario};
use campaign_sim::engine::sim::{self, limits};
use proptest::prelude::*;
use serde_json::{json, Value};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Inputs seen, valid ones, ones the engine ran, ones the limits refused.
static SEEN: AtomicUsize = AtomicUsize::new(0);
static VALID: AtomicUsize = AtomicUsize::new(0);
static SIMULATED: AtomicUsize = AtomicUsize::new(0);
static REFUSED: AtomicUsize = AtomicUsize::new(0);

/// Largest estimate the fuzz run simulates (keeps one case well under a second).
const FUZZ_RUN_BYTES: u64 = 8 * 1024 * 1024;

/// Keys of the contract, so generated objects often hit real fields.
const KEYS: &[&str] = &[
    "name",
    "year",
    "timezone",
    "seed",
    "recipients",
    "workflow",
    "workflows",
    "priority",
    "typology",
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
    "population",
    "size",
    "signups_per_day",
    "pressure",
    "max_messages",
    "period_days",
    "open_rate",
    "click_rate",
    "links",
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
            Just("marketing"),
            Just("transactional"),
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
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/contract/scenarios");
    let mut docs = Vec::new();
    for name in [
        "weekly-newsletter-recurring",
        "birthday-daily-recurring",
        "welcome-continuous-incremental",
        "several-workflows-one-base",
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
    SEEN.fetch_add(1, Ordering::Relaxed);
    match parse(text) {
        Ok(s) => {
            assert!(
                validate(&s).is_empty(),
                "parse accepted what validate rejects"
            );
            let cal = s.calendar().expect("a valid scenario has a calendar");
            let runs = sim::executions(&s, &cal).concat();
            for run in &runs {
                assert!(cal.in_horizon(run.at), "execution outside the horizon");
                assert!(run.scheduled <= run.at, "an execution runs before its slot");
            }
            for scheduler in sim::schedulers(&s, &cal) {
                let slots = scheduler.schedule();
                assert!(
                    slots.windows(2).all(|w| w[0] < w[1]),
                    "slots sorted, unique"
                );
            }
            VALID.fetch_add(1, Ordering::Relaxed);
            check_engine(&s);
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

/// The engine on a valid document: a small one runs and its logs hold together; one
/// over the limit is refused with an error naming what to reduce.
fn check_engine(s: &Scenario) {
    let est = limits::estimate(s);
    if est.bytes > limits::MAX_BYTES {
        let errors = sim::simulate(s).expect_err("over the limit is refused");
        // The busiest workflow's scheduler (`workflow.scheduler` in a v1 document),
        // or the base.
        let scheduler = format!("{}.scheduler", s.workflows()[est.busiest_workflow].path);
        assert!(
            [scheduler.as_str(), "population.size", "recipients"]
                .contains(&errors[0].path.as_str()),
            "{errors:?}"
        );
        REFUSED.fetch_add(1, Ordering::Relaxed);
        return;
    }
    if est.bytes > FUZZ_RUN_BYTES {
        return;
    }
    let o = sim::simulate(s).unwrap_or_else(|e| panic!("valid but not run: {e:?}"));
    SIMULATED.fetch_add(1, Ordering::Relaxed);
    let rows = o.broadlog().len();
    assert!(
        rows as u64 <= est.broadlog_rows_upper,
        "{rows} rows above the estimate {}",
        est.broadlog_rows_upper
    );
    assert_eq!(est.executions as usize, o.executions().len());
    let targeted: usize = o.executions().iter().map(|e| e.targeted as usize).sum();
    assert_eq!(targeted, rows, "Σ targeted = broadLog rows");
    let cal = o.calendar();
    for e in o.executions() {
        assert!(cal.in_horizon(e.at));
        // No recipient twice in one execution.
        let mut seen: Vec<u32> = e
            .rows()
            .filter_map(|r| o.broadlog().recipient_of(r))
            .collect();
        let n = seen.len();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), n, "a recipient twice in one execution");
    }
    let t = o.tracking();
    for i in 0..t.len() {
        let row = t.row(i).expect("tracking row in range");
        let b = o
            .broadlog()
            .row(row.broadlog_row as usize)
            .expect("tracking row points to a broadLog row");
        assert_eq!((b.delivery, b.recipient), (row.delivery, row.recipient));
        assert!(cal.in_horizon(row.at), "tracking event outside the horizon");
    }
    let _ = o.fingerprint();
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
        which in 0usize..4,
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

    /// Valid documents built from the contract's parts (and the extensions) run
    /// through the engine.
    #[test]
    fn generated_valid_documents_run(doc in valid_document()) {
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

/// Documents that are mostly valid: a scheduler of every frequency, a query, a
/// delivery, a few recipients, optionally a generated base, tracking and pressure.
fn valid_document() -> impl Strategy<Value = Value> {
    let scheduler = prop_oneof![
        Just(json!({"frequency":"daily","times":["09:00"]})),
        Just(
            json!({"frequency":"weekly","days":["mon","thu"],"times":["08:00","18:30"],"every":2})
        ),
        Just(json!({"frequency":"monthly","month_days":[1,15,-1],"times":["10:00"]})),
        Just(json!({"frequency":"monthly","nth_weekday":{"nth":-1,"day":"fri"},"times":["07:00"]})),
        Just(json!({"frequency":"yearly","dates":["02-29","12-31"],"times":["00:00"]})),
        Just(json!({"frequency":"once","at":"2026-03-29T02:30"})),
        (1i64..240).prop_map(
            |m| json!({"frequency":"periodic","interval_minutes":m,"window":["08:00","20:00"]})
        ),
        (0i64..30).prop_map(|n| json!({"frequency":"daily","times":["09:00"],"max_runs":n})),
    ];
    let recipients = prop::collection::vec(
        (
            1u64..50,
            prop::option::of(prop_oneof![
                Just("2026-02-01T10:00"),
                Just("2025-01-01T00:00"),
                Just("2026-12-31T23:59")
            ]),
            prop::option::of(prop_oneof![
                Just("1990-02-29"),
                Just("1992-02-29"),
                Just("1985-06-15"),
                Just("2000-01-01")
            ]),
            any::<bool>(),
            prop::option::of(Just("2026-06-01T00:00")),
        ),
        0..12,
    )
    .prop_map(|rs| {
        let mut seen = std::collections::HashSet::new();
        Value::Array(
            rs.into_iter()
                .filter(|r| seen.insert(r.0))
                .map(|(id, created, birthday, hard, unsub)| {
                    let mut r = json!({"id": id, "email": format!("<b>u{id}</b>@x.test")});
                    if let Some(c) = created {
                        r["created"] = json!(c);
                    }
                    if let Some(b) = birthday {
                        r["birthday"] = json!(b);
                    }
                    if hard {
                        r["bounce"] = json!("hard");
                    }
                    if let Some(u) = unsub {
                        r["unsubscribed"] = json!(u);
                    }
                    r
                })
                .collect(),
        )
    });
    (
        scheduler,
        recipients,
        (any::<bool>(), any::<bool>(), 0i64..40),
        (any::<bool>(), prop_oneof![Just("none"), Just("day"), Just("week"), Just("month")]),
        prop::option::of((0u64..400, 0.0f64..3.0)),
        any::<bool>(),
        prop::option::of((1u32..5, 1u32..30)),
        (any::<u64>(), prop_oneof![Just("UTC"), Just("Europe/Paris"), Just("America/New_York"), Just("Australia/Sydney")]),
        (prop_oneof![Just("once"), Just("all"), Just("skip")], any::<bool>()),
    )
        .prop_map(|(sc, rs, (birthday, incremental, hist), (continuous, agg), pop, tracking, pressure, (seed, tz), (missed, listed))| {
            let mut d = json!({
                "name": "<script>window.__pwned=1</script>",
                "seed": seed,
                "timezone": tz,
                "recipients": rs,
                "workflow": {
                    "scheduler": sc,
                    "query": {"filter": if birthday {"birthday"} else {"all"}, "incremental": incremental, "history_days": hist},
                    "delivery": {
                        "mode": if continuous {"continuous"} else {"recurring"},
                        "aggregation": if continuous {"none"} else {agg},
                        "label": "<img src=x onerror=alert(1)>",
                        "content_changes": ["2026-05-01T00:00", "2025-12-01T00:00"]
                    }
                },
                "outages": [{"from":"2026-03-28T20:00","to":"2026-04-03T09:00"},{"from":"2026-12-31T22:00","to":"2027-01-02T00:00"}],
                "missed_runs": missed,
                "tracking": {"enabled": tracking}
            });
            if let Some((size, signups)) = pop {
                d["population"] = json!({"size": size, "signups_per_day": signups});
            }
            if let Some((m, p)) = pressure {
                d["pressure"] = json!({"max_messages": m, "period_days": p});
            }
            if listed {
                // Contract v2: the same workflow in `workflows`, beside a transactional
                // one of a higher priority.
                let mut first = d["workflow"].take();
                first["name"] = json!("<b>first</b>");
                let second = json!({"typology": "transactional", "priority": 5,
                    "scheduler": {"frequency": "weekly", "days": ["mon"], "times": ["09:00"]},
                    "query": {"incremental": true}, "delivery": {"mode": "continuous"}});
                d.as_object_mut().unwrap().remove("workflow");
                d["workflows"] = json!([first, second]);
            }
            d
        })
}

/// Prints what the properties above fed the engine (run with `--nocapture`). Named
/// so it sorts last; with the default parallel runner it may print early counts.
#[test]
fn zz_report_counts() {
    println!(
        "fuzz inputs so far: {} seen, {} valid, {} simulated, {} refused by the limits",
        SEEN.load(Ordering::Relaxed),
        VALID.load(Ordering::Relaxed),
        SIMULATED.load(Ordering::Relaxed),
        REFUSED.load(Ordering::Relaxed)
    );
}
