//! Contract v2 documents (`workflows`): every problem is refused with the JSON path of
//! the field, inside a workflow too (`workflows[1].scheduler.days[1]`), whether serde
//! or validation finds it.

use campaign_sim::engine::doc::{parse, ScenarioError};
use campaign_sim::engine::sim::{self, limits};
use serde_json::{json, Value};

/// A valid v2 document to break one field at a time.
fn base() -> Value {
    json!({
        "timezone": "Europe/Paris",
        "recipients": [{"id": 1, "email": "a@example.test"}],
        "workflows": [
            {"name": "News", "scheduler": {"frequency": "weekly", "days": ["mon"], "times": ["09:00"]}},
            {"scheduler": {"frequency": "daily", "times": ["06:00"]}, "query": {"filter": "birthday"}, "priority": 10},
            {"name": "Welcome", "typology": "transactional", "scheduler": {"frequency": "daily", "times": ["08:00"]},
             "query": {"incremental": true}, "delivery": {"mode": "continuous"}}
        ],
        "pressure": {"max_messages": 2, "period_days": 7}
    })
}

fn errors(doc: &Value) -> Vec<ScenarioError> {
    parse(&doc.to_string()).err().unwrap_or_default()
}

/// The first error as the CLI prints it, after `edit`.
fn first(edit: impl FnOnce(&mut Value)) -> String {
    let mut doc = base();
    edit(&mut doc);
    errors(&doc)
        .first()
        .map(|e| e.to_string())
        .unwrap_or_else(|| panic!("accepted: {doc}"))
}

#[test]
fn the_base_document_is_valid() {
    assert_eq!(errors(&base()), vec![]);
}

#[test]
fn a_document_has_workflow_or_workflows() {
    assert_eq!(
        first(|d| {
            d["workflow"] = json!({"scheduler": {"frequency": "daily", "times": ["09:00"]}});
        }),
        "workflows: a document has either workflow or workflows, not both"
    );
    // A v1 `workflow` knows no `name`: serde refuses it first.
    assert_eq!(
        first(|d| d["workflow"] = d["workflows"][0].clone()),
        "workflow.name: unknown field (expected one of scheduler, query, delivery)"
    );
    assert_eq!(
        first(|d| {
            d.as_object_mut().unwrap().remove("workflows");
        }),
        "workflow: is required (or workflows, a list of 1 to 16 workflows)"
    );
    assert_eq!(
        first(|d| d["workflows"] = json!([])),
        "workflows: needs at least one workflow"
    );
    assert_eq!(
        first(|d| {
            let one = d["workflows"][1].clone();
            d["workflows"] = Value::Array(vec![one; 17]);
        }),
        "workflows: has 17 workflows; the limit is 16"
    );
}

#[test]
fn names_are_unique_and_short() {
    assert_eq!(
        first(|d| d["workflows"][2]["name"] = json!("News")),
        r#"workflows[2].name: "News" is already the name of workflows[0]"#
    );
    // The default name of the second workflow is "Workflow 2".
    assert_eq!(
        first(|d| d["workflows"][2]["name"] = json!("Workflow 2")),
        r#"workflows[2].name: "Workflow 2" is already the name of workflows[1]"#
    );
    assert_eq!(
        first(|d| d["workflows"][0]["name"] = json!("é".repeat(201))),
        "workflows[0].name: is 201 characters long; the limit is 200"
    );
    let mut ok = base();
    ok["workflows"][0]["name"] = json!("é".repeat(200));
    assert_eq!(errors(&ok), vec![]);
}

#[test]
fn priority_and_typology_are_checked() {
    assert_eq!(
        first(|d| d["workflows"][1]["priority"] = json!(101)),
        "workflows[1].priority: 101 is not between -100 and 100"
    );
    assert_eq!(
        first(|d| d["workflows"][0]["priority"] = json!(-101)),
        "workflows[0].priority: -101 is not between -100 and 100"
    );
    assert_eq!(
        first(|d| d["workflows"][0]["priority"] = json!(1.5)),
        "workflows[0].priority: expected an integer, found floating point `1.5`"
    );
    assert_eq!(
        first(|d| d["workflows"][2]["typology"] = json!("spam")),
        r#"workflows[2].typology: "spam" is not one of marketing or transactional"#
    );
}

#[test]
fn nested_v1_fields_carry_the_workflows_path() {
    assert_eq!(
        first(|d| d["workflows"][1]["scheduler"]["days"] = json!(["mon", "mun"])),
        r#"workflows[1].scheduler.days[1]: "mun" is not a weekday (mon, tue, wed, thu, fri, sat, sun)"#
    );
    assert_eq!(
        first(|d| d["workflows"][0]["scheduler"]["every"] = json!(0)),
        "workflows[0].scheduler.every: 0 is less than 1"
    );
    assert_eq!(
        first(|d| d["workflows"][2]["query"]["history_days"] = json!(-1)),
        "workflows[2].query.history_days: -1 is negative"
    );
    assert_eq!(
        first(|d| d["workflows"][1]["delivery"] = json!({"content_changes": ["2026-02-30T00:00"]})),
        r#"workflows[1].delivery.content_changes[0]: "2026-02-30T00:00" is not a local date-time YYYY-MM-DDTHH:MM[:SS] that exists"#
    );
    assert_eq!(
        first(|d| d["workflows"][1]["delivery"] = json!({"label": "x".repeat(201)})),
        "workflows[1].delivery.label: is 201 characters long; the limit is 200"
    );
    assert_eq!(
        first(|d| d["workflows"][0]["scheduler"]["times"] = json!(vec!["09:00"; 10_001])),
        "workflows[0].scheduler.times: has 10001 entries; the limit is 10000"
    );
    assert_eq!(
        first(|d| d["workflows"][0]["nme"] = json!("x")),
        "workflows[0].nme: unknown field (expected one of name, priority, typology, scheduler, query, delivery)"
    );
    assert_eq!(
        first(|d| {
            d["workflows"][2]
                .as_object_mut()
                .unwrap()
                .remove("scheduler");
        }),
        "workflows[2].scheduler: is required"
    );
}

#[test]
fn every_problem_is_reported_in_document_order() {
    let mut doc = base();
    doc["workflows"][0]["scheduler"]["every"] = json!(0);
    doc["workflows"][2]["priority"] = json!(300);
    let paths: Vec<String> = errors(&doc).into_iter().map(|e| e.path).collect();
    assert_eq!(
        paths,
        ["workflows[0].scheduler.every", "workflows[2].priority"]
    );
}

#[test]
fn the_size_limit_sums_the_workflows_and_names_the_busiest() {
    let mut doc = base();
    doc["population"] = json!({"size": 30_000});
    doc["workflows"][1]["scheduler"] =
        json!({"frequency": "periodic", "interval_minutes": 10, "window": ["00:00", "23:50"]});
    doc["workflows"][1]["query"] = json!({"filter": "all"});
    let s = parse(&doc.to_string()).expect("valid");
    let est = limits::estimate(&s);
    let runs: Vec<u64> = sim::executions(&s, &s.calendar().unwrap())
        .iter()
        .map(|e| e.len() as u64)
        .collect();
    // 144 slots a day, fewer on the spring-forward day.
    assert_eq!(runs, [52, 365 * 144 - 6, 365]);
    assert_eq!((est.busiest_workflow, est.busiest_executions), (1, runs[1]));
    assert_eq!(est.executions, runs.iter().sum::<u64>());
    let err = sim::simulate(&s).expect_err("too large").remove(0);
    assert_eq!(err.path, "workflows[1].scheduler");
    // One workflow alone: its own rows only.
    let mut one = doc.clone();
    one["workflows"] = json!([doc["workflows"][0].clone()]);
    let s1 = parse(&one.to_string()).expect("valid");
    let e1 = limits::estimate(&s1);
    assert_eq!(e1.broadlog_rows_upper, 52 * 30_001);
    // The two "everyone" workflows' rows, and the incremental one's at most once each.
    assert_eq!(
        est.broadlog_rows_upper,
        52 * 30_001 + runs[1] * 30_001 + 30_001
    );
}
