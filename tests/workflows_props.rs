//! Property tests of contract v2 (several workflows on one base) over generated
//! documents: the invariants the contract states.
#![cfg(not(target_arch = "wasm32"))]

use campaign_sim::engine::doc::{self, Typology};
use campaign_sim::engine::out::logs::Reason;
use campaign_sim::engine::out::outcome::Outcome;
use campaign_sim::engine::sim;
use proptest::prelude::*;
use serde_json::{json, Value};

fn local(day: u32, minute: u32) -> String {
    let d = chrono::NaiveDate::from_yo_opt(2026, day.clamp(1, 365)).unwrap();
    format!("{}T{:02}:{:02}", d, minute / 60 % 24, minute % 60)
}

prop_compose! {
    fn recipient(id: u64, hard_bounces: bool)(
        created in prop::option::of((1u32..365, 0u32..1440)),
        birthday in prop::option::of(1u32..=366),
        hard in prop::bool::weighted(if hard_bounces { 0.15 } else { 0.0 }),
        unsub in prop::option::of((1u32..365, 0u32..1440)),
    ) -> Value {
        let mut r = json!({"id": id, "email": format!("u{id}@x.test")});
        if let Some((d, m)) = created {
            r["created"] = json!(local(d, m));
        }
        if let Some(d) = birthday {
            r["birthday"] = json!(chrono::NaiveDate::from_yo_opt(1992, d).unwrap().to_string());
        }
        if hard { r["bounce"] = json!("hard"); }
        if let Some((d, m)) = unsub.filter(|(d, _)| d % 3 == 0) {
            r["unsubscribed"] = json!(local(d, m));
        }
        r
    }
}

fn recipients(hard_bounces: bool) -> impl Strategy<Value = Vec<Value>> {
    (1usize..20).prop_flat_map(move |n| {
        (0..n)
            .map(|i| recipient(i as u64 + 1, hard_bounces))
            .collect::<Vec<_>>()
    })
}

/// A workflow item: a scheduler of a few kinds (several share 09:00, so instants
/// coincide), a query, a delivery, a priority and a typology.
fn workflow() -> impl Strategy<Value = Value> {
    let scheduler = prop_oneof![
        Just(json!({"frequency": "daily", "times": ["09:00"]})),
        Just(json!({"frequency": "weekly", "days": ["mon", "thu"], "times": ["09:00"]})),
        Just(
            json!({"frequency": "monthly", "nth_weekday": {"nth": 1, "day": "mon"}, "times": ["09:00"]})
        ),
        (6u32..20).prop_map(
            |h| json!({"frequency": "daily", "times": [format!("{h:02}:00")], "every": 2})
        ),
    ];
    (
        scheduler,
        any::<bool>(),
        prop::option::of(0i64..10),
        any::<bool>(),
        -3i64..4,
        prop::bool::weighted(0.3),
    )
        .prop_map(
            |(sc, birthday, history, continuous, priority, transactional)| {
                json!({
                    "scheduler": sc,
                    "query": {
                        "filter": if birthday { "birthday" } else { "all" },
                        "incremental": history.is_some(),
                        "history_days": history.unwrap_or(0)
                    },
                    "delivery": {"mode": if continuous { "continuous" } else { "recurring" }},
                    "priority": priority,
                    "typology": if transactional { "transactional" } else { "marketing" }
                })
            },
        )
}

prop_compose! {
    fn document(hard_bounces: bool, max_workflows: usize)(
        recipients in recipients(hard_bounces),
        workflows in prop::collection::vec(workflow(), 1..=max_workflows),
        seed in any::<u64>(),
    ) -> Value {
        json!({"seed": seed, "timezone": "Europe/Paris", "recipients": recipients,
               "workflows": workflows})
    }
}

fn simulate(doc: &Value) -> Outcome {
    let s = doc::parse(&doc.to_string()).unwrap_or_else(|e| panic!("{e:?}\n{doc}"));
    sim::simulate(&s).unwrap_or_else(|e| panic!("{e:?}\n{doc}"))
}

/// One workflow's year as seen from its own rows: per execution, (at, scheduled,
/// targeted, [(recipient, reason)]).
type Rows = Vec<(i64, i64, u32, Vec<(u32, Reason)>)>;

fn rows_of(o: &Outcome, w: u16) -> Rows {
    o.executions()
        .iter()
        .filter(|e| e.workflow == w)
        .map(|e| {
            let rows = e
                .rows()
                .map(|r| {
                    (
                        o.broadlog().recipient_of(r).unwrap(),
                        o.broadlog().reason_of(r).unwrap(),
                    )
                })
                .collect();
            (e.at, e.scheduled, e.targeted, rows)
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// One (marketing: a v1 workflow is) workflow in `workflows` gives exactly the
    /// rows and the fingerprint of the same workflow in `workflow`.
    #[test]
    fn one_listed_workflow_is_the_v1_document(mut doc in document(true, 1), pressure in prop::option::of((1u32..3, 1u32..10)), tracking in any::<bool>()) {
        if let Some((m, d)) = pressure {
            doc["pressure"] = json!({"max_messages": m, "period_days": d});
        }
        doc["tracking"] = json!({"enabled": tracking});
        doc["workflows"][0]["typology"] = json!("marketing");
        let mut v1 = doc.clone();
        let mut item = doc["workflows"][0].clone();
        let obj = item.as_object_mut().unwrap();
        for k in ["priority", "typology", "name"] {
            obj.remove(k);
        }
        v1.as_object_mut().unwrap().remove("workflows");
        v1["workflow"] = item;
        let (a, b) = (simulate(&doc), simulate(&v1));
        prop_assert_eq!(rows_of(&a, 0), rows_of(&b, 0));
        prop_assert_eq!(a.fingerprint(), b.fingerprint());
        let (sa, sb) = (a.summary(), b.summary());
        prop_assert_eq!(sa.totals, sb.totals);
        prop_assert!(sa.runs.iter().all(|r| r.workflow == Some(0)));
        prop_assert!(sb.runs.iter().all(|r| r.workflow.is_none()));
    }

    /// Without pressure, without hard bounces or tracking (nothing one workflow does
    /// to a recipient reaches another), each workflow's rows are those it has when
    /// simulated alone on the base.
    #[test]
    fn without_pressure_each_workflow_runs_as_if_alone(doc in document(false, 4)) {
        let all = simulate(&doc);
        let list = doc["workflows"].as_array().unwrap();
        for (w, item) in list.iter().enumerate() {
            let mut alone = doc.clone();
            alone["workflows"] = json!([item]);
            let o = simulate(&alone);
            prop_assert_eq!(rows_of(&all, w as u16), rows_of(&o, 0), "workflow {}", w);
        }
    }

    /// With pressure (and random bounces and opt-outs), no recipient gets more than
    /// N sent marketing messages in any window of D days; transactional rows are
    /// never excluded; at one instant a higher priority runs first, then the
    /// position; delivery ids run in creation order.
    #[test]
    fn pressure_priority_and_ids_hold(mut doc in document(true, 4), n in 1usize..4, d in 1i64..15, tracking in any::<bool>()) {
        doc["pressure"] = json!({"max_messages": n, "period_days": d});
        doc["tracking"] = json!({"enabled": tracking, "optout_rate": 0.2, "soft_bounce_rate": 0.1});
        let o = simulate(&doc);
        let wf = o.workflows();
        let marketing = |w: u16| wf[usize::from(w)].typology == Typology::Marketing;
        let mut sent: Vec<Vec<i64>> = vec![Vec::new(); o.recipients().len()];
        for e in o.executions() {
            for r in e.rows() {
                let reason = o.broadlog().reason_of(r).unwrap();
                if !marketing(e.workflow) {
                    prop_assert_ne!(reason, Reason::ExcludedByArbitration);
                } else if reason == Reason::Sent {
                    sent[o.broadlog().recipient_of(r).unwrap() as usize].push(e.at);
                }
            }
        }
        let window = d * 86_400;
        for times in &sent {
            for (k, t) in times.iter().enumerate() {
                let in_window = times[..=k].iter().filter(|x| **x > t - window).count();
                prop_assert!(in_window <= n, "{} sent in {} days", in_window, d);
            }
        }
        for pair in o.executions().windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            prop_assert!(a.at <= b.at);
            if a.at == b.at && a.workflow != b.workflow {
                let (pa, pb) = (wf[usize::from(a.workflow)].priority, wf[usize::from(b.workflow)].priority);
                prop_assert!(pa > pb || (pa == pb && a.workflow < b.workflow));
            }
        }
        for (k, dl) in o.deliveries().iter().enumerate() {
            prop_assert_eq!(dl.id as usize, k + 1);
            let first = &o.executions()[dl.first_execution as usize];
            prop_assert_eq!((first.delivery, first.workflow), (Some(dl.id), dl.workflow));
        }
        prop_assert!(o.deliveries().windows(2).all(|p| p[0].first_execution < p[1].first_execution));
    }
}
