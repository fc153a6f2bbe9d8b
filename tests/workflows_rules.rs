//! Contract v2, several workflows on one base: what is shared (quarantine, denylist,
//! pressure) and what is not (history, deliveries, versions), the order at one
//! instant, the pressure rule across marketing workflows and its explanation.

use campaign_sim::engine::activity::send::RowWhy;
use campaign_sim::engine::doc::{self, Mode, Typology};
use campaign_sim::engine::out::logs::Reason;
use campaign_sim::engine::out::outcome::Outcome;
use campaign_sim::engine::out::trace::TargetingReason;
use campaign_sim::engine::sim::{self, Comparison, Side};
use serde_json::{json, Value};
use std::path::PathBuf;

fn run(doc: Value) -> Outcome {
    let s = doc::parse(&doc.to_string()).unwrap_or_else(|e| panic!("{e:?}"));
    sim::simulate(&s).unwrap()
}

fn worked_example() -> Outcome {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/contract/scenarios/several-workflows-one-base.json");
    let s = doc::parse(&std::fs::read_to_string(path).unwrap()).unwrap();
    sim::simulate(&s).unwrap()
}

fn once(at: &str) -> Value {
    json!({"frequency": "once", "at": at})
}

/// (workflow, reason) of every row, in append order.
fn rows(o: &Outcome) -> Vec<(u16, Reason)> {
    o.executions()
        .iter()
        .flat_map(|e| {
            e.rows()
                .map(move |r| (e.workflow, o.broadlog().reason_of(r).unwrap()))
        })
        .collect()
}

#[test]
fn the_worked_example_keeps_each_workflow_apart() {
    let o = worked_example();
    let names: Vec<&str> = o.workflows().iter().map(|w| w.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Weekly newsletter",
            "Birthday",
            "Welcome",
            "Monthly promotion"
        ]
    );
    assert_eq!(o.workflows()[2].typology, Typology::Transactional);
    assert_eq!(o.workflows()[1].priority, 10);
    assert!(o.lists_workflows());
    // Delivery ids in creation order across workflows; each delivery's runs are its
    // own workflow's.
    for (k, d) in o.deliveries().iter().enumerate() {
        assert_eq!(d.id as usize, k + 1);
        for e in o.executions().iter().filter(|e| e.delivery == Some(d.id)) {
            assert_eq!(e.workflow, d.workflow);
        }
    }
    assert!(o
        .deliveries()
        .windows(2)
        .all(|w| w[0].first_execution < w[1].first_execution));
    // The welcome mail is one continuous delivery; the others recurring.
    assert_eq!(o.workflows()[2].mode, Mode::Continuous);
    assert_eq!(o.deliveries().iter().filter(|d| d.workflow == 2).count(), 1);
    // A start and a journal line per workflow.
    let started = o
        .journal()
        .iter()
        .filter(|j| {
            j.message == campaign_sim::engine::out::journal::JournalMessage::WorkflowStarted
        })
        .map(|j| j.workflow)
        .collect::<Vec<_>>();
    assert_eq!(started, [0, 1, 2, 3]);
}

#[test]
fn an_excluded_row_names_the_marketing_messages_that_filled_the_quota() {
    let o = worked_example();
    let excluded: Vec<usize> = (0..o.broadlog().len())
        .filter(|&r| o.broadlog().reason_of(r) == Some(Reason::ExcludedByArbitration))
        .collect();
    assert!(!excluded.is_empty(), "the example excludes some rows");
    for &r in &excluded {
        let row = o.broadlog().row(r).unwrap();
        let e = &o.executions()[row.execution as usize];
        assert_ne!(e.workflow, 2, "transactional rows are never excluded");
        let messages = o.arbitration(r);
        assert_eq!(messages.len(), 2, "row {r}");
        for m in &messages {
            assert_ne!(m.workflow, 2, "transactional messages are not counted");
            assert!(m.at <= row.at && m.at > row.at - 7 * 86_400);
            let x = &o.executions()[m.execution as usize];
            assert_eq!((x.workflow, x.at), (m.workflow, m.at));
            // It was a sent row of the same recipient.
            assert!(x.rows().any(|k| {
                o.broadlog().recipient_of(k) == Some(row.recipient)
                    && o.broadlog().reason_of(k) == Some(Reason::Sent)
            }));
        }
        assert!(messages.windows(2).all(|w| w[0].at <= w[1].at));
        assert_eq!(
            o.row_why(r),
            Some(RowWhy::ExcludedByArbitration {
                max: 2,
                period_days: 7,
                messages
            })
        );
    }
    // Other rows explain themselves too, and name no messages.
    let sent = (0..o.broadlog().len())
        .find(|&r| o.broadlog().reason_of(r) == Some(Reason::Sent))
        .unwrap();
    assert_eq!(o.row_why(sent), Some(RowWhy::Sent));
    assert!(o.arbitration(sent).is_empty());
}

#[test]
fn at_one_instant_the_higher_priority_runs_first_and_takes_the_quota() {
    let o = run(json!({
        "recipients": [{"id": 1, "email": "a@x.test"}],
        "pressure": {"max_messages": 1, "period_days": 7},
        "workflows": [
            {"name": "Low", "scheduler": once("2026-01-05T09:00")},
            {"name": "High", "priority": 10, "scheduler": once("2026-01-05T09:00")},
            {"name": "Mail", "typology": "transactional", "scheduler": once("2026-01-05T09:00"), "priority": 20}
        ]
    }));
    let order: Vec<u16> = o.executions().iter().map(|e| e.workflow).collect();
    assert_eq!(order, [2, 1, 0]);
    assert_eq!(
        rows(&o),
        [
            (2, Reason::Sent),
            (1, Reason::Sent),
            (0, Reason::ExcludedByArbitration)
        ]
    );
    let messages = o.arbitration(2);
    assert_eq!(messages.len(), 1);
    assert_eq!((messages[0].workflow, messages[0].execution), (1, 1));
    // Equal priorities: the position in the document decides.
    let o = run(json!({
        "recipients": [{"id": 1, "email": "a@x.test"}],
        "pressure": {"max_messages": 1, "period_days": 7},
        "workflows": [
            {"scheduler": once("2026-01-05T09:00")},
            {"scheduler": once("2026-01-05T09:00")}
        ]
    }));
    assert_eq!(
        rows(&o),
        [(0, Reason::Sent), (1, Reason::ExcludedByArbitration)]
    );
}

#[test]
fn quarantine_and_denylist_are_shared_history_and_versions_are_not() {
    let o = run(json!({
        "recipients": [
            {"id": 1, "email": "gone@x.test", "bounce": "hard"},
            {"id": 2, "email": "b@x.test", "unsubscribed": "2026-01-06T00:00"}
        ],
        "workflows": [
            {"scheduler": {"frequency": "daily", "times": ["08:00"], "end": "2026-01-07"},
             "query": {"incremental": true}, "delivery": {"mode": "continuous",
             "content_changes": ["2026-01-03T00:00"]}},
            {"scheduler": {"frequency": "daily", "times": ["09:00"], "end": "2026-01-07"},
             "query": {"incremental": true}, "delivery": {"mode": "continuous"}}
        ]
    }));
    // Each incremental query returns each recipient once: its own history.
    let targeted: Vec<(u16, u32)> = o
        .executions()
        .iter()
        .filter(|e| e.targeted > 0)
        .map(|e| (e.workflow, e.targeted))
        .collect();
    assert_eq!(targeted, [(0, 2), (1, 2)]);
    // The hard bounce at 08:00 quarantines the address for the 09:00 workflow.
    assert_eq!(
        rows(&o),
        [
            (0, Reason::UserUnknown),
            (0, Reason::Sent),
            (1, Reason::Quarantined),
            (1, Reason::Sent)
        ]
    );
    // The history explanation is the workflow's own.
    let first_of_1 = o.executions().iter().position(|e| e.workflow == 1).unwrap();
    assert_eq!(
        o.why_not_targeted(2, first_of_1 + 2),
        TargetingReason::InHistory {
            since: o.executions()[first_of_1].at,
            until: None
        }
    );
    // Workflow 0's content edit makes no new delivery for workflow 1.
    assert_eq!(o.deliveries().len(), 2);
    assert_eq!(o.workflows()[0].edits.len(), 1);
    assert!(o.workflows()[1].edits.is_empty());
    // The denylist is the document's, for both workflows.
    let o2 = run(json!({
        "recipients": [{"id": 2, "email": "b@x.test", "unsubscribed": "2026-01-02T00:00"}],
        "workflows": [
            {"scheduler": once("2026-01-05T08:00")},
            {"scheduler": once("2026-01-05T09:00")}
        ]
    }));
    assert_eq!(
        rows(&o2),
        [(0, Reason::Denylisted), (1, Reason::Denylisted)]
    );
}

#[test]
fn the_comparison_applies_to_the_workflow_picked() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/contract/scenarios/several-workflows-one-base.json");
    let v = doc::parse_validated(&std::fs::read_to_string(path).unwrap()).unwrap();
    let sides = Comparison::new(&v, 0).unwrap().finish();
    assert_eq!(
        sides.iter().map(|(s, _)| *s).collect::<Vec<_>>(),
        [Side::Recurring, Side::Continuous]
    );
    let (rec, con) = (&sides[0].1, &sides[1].1);
    assert_eq!(
        (rec.focus(), rec.mode(), con.mode()),
        (0, Mode::Recurring, Mode::Continuous)
    );
    // The newsletter: 52 deliveries or one; the other workflows unchanged.
    let of = |o: &Outcome, w: u16| o.deliveries().iter().filter(|d| d.workflow == w).count();
    assert_eq!((of(rec, 0), of(con, 0)), (52, 1));
    for w in 1..4 {
        assert_eq!(of(rec, w), of(con, w), "workflow {w}");
        assert_eq!(
            rec.workflows()[w as usize].mode,
            con.workflows()[w as usize].mode
        );
    }
    assert_eq!(rec.fingerprint(), worked_example().fingerprint());
    // The birthday workflow picked instead.
    let sides = Comparison::new(&v, 1).unwrap().finish();
    assert_eq!(of(&sides[1].1, 1), 1);
    assert_eq!(of(&sides[1].1, 0), 52);
}
