//! Property tests of the workflow engine over generated valid scenarios.
#![cfg(not(target_arch = "wasm32"))]

use campaign_sim::engine::doc::{self, Mode, Scenario};
use campaign_sim::engine::out::logs::Status;
use campaign_sim::engine::out::outcome::Outcome;
use campaign_sim::engine::sim::simulate;
use chrono::Datelike;
use proptest::prelude::*;
use serde_json::{json, Value};

fn local(day: u32, minute: u32) -> String {
    let d = chrono::NaiveDate::from_yo_opt(2026, day.clamp(1, 365)).unwrap();
    format!("{}T{:02}:{:02}", d, minute / 60 % 24, minute % 60)
}

prop_compose! {
    fn recipient(id: u64)(
        created in prop::option::of((1u32..365, 0u32..1440)),
        before in any::<bool>(),
        birthday in prop::option::of((1u32..=366,)),
        hard in prop::bool::weighted(0.1),
        unsub in prop::option::of((1u32..365, 0u32..1440)),
    ) -> Value {
        let mut r = json!({"id": id, "email": format!("u{id}@x.test")});
        if let Some((d, m)) = created {
            r["created"] = json!(if before { "2025-06-01T00:00".to_string() } else { local(d, m) });
        }
        if let Some((d,)) = birthday {
            let b = chrono::NaiveDate::from_yo_opt(1992, d).unwrap();
            r["birthday"] = json!(b.to_string());
        }
        if hard { r["bounce"] = json!("hard"); }
        if let Some((d, m)) = unsub {
            if d % 4 == 0 { r["unsubscribed"] = json!(local(d, m)); }
        }
        r
    }
}

fn recipients() -> impl Strategy<Value = Vec<Value>> {
    (0usize..25).prop_flat_map(|n| (0..n).map(|i| recipient(i as u64 + 1)).collect::<Vec<_>>())
}

fn scheduler() -> impl Strategy<Value = Value> {
    prop_oneof![
        (0u32..1440).prop_map(|m| json!({"frequency": "daily", "times": [format!("{:02}:{:02}", m / 60, m % 60)]})),
        (0usize..7, 0u32..24).prop_map(|(d, h)| json!({"frequency": "weekly",
            "days": [(["mon","tue","wed","thu","fri","sat","sun"][d])], "times": [format!("{h:02}:30")]})),
        (1u32..10).prop_map(|k| json!({"frequency": "periodic", "interval_minutes": 60 * k,
            "window": ["08:00", "20:00"], "start": "2026-03-01", "end": "2026-04-15"})),
    ]
}

prop_compose! {
    fn scenario_doc()(
        recipients in recipients(),
        sched in scheduler(),
        birthday in any::<bool>(),
        leap in 0usize..3,
        incremental in any::<bool>(),
        history_days in prop_oneof![Just(0i64), 1i64..40],
        mode in any::<bool>(),
        aggregation in 0usize..4,
        changes in prop::collection::vec((1u32..365, 0u32..1440), 0..4),
        outages in prop::collection::vec((1u32..360, 0u32..1440, 1u32..5000), 0..3),
        missed in 0usize..3,
        tracking in any::<bool>(),
        population in prop::option::of((0u64..60, 0u32..3)),
        pressure in prop::option::of((1u32..4, 1u32..10)),
        seed in any::<u64>(),
    ) -> Value {
        let mut doc = json!({
            "seed": seed,
            "timezone": "Europe/Paris",
            "recipients": recipients,
            "missed_runs": (["once", "all", "skip"][missed]),
            "tracking": {"enabled": tracking},
            "outages": outages.iter().map(|(d, m, len)| {
                let from = chrono::NaiveDate::from_yo_opt(2026, *d).unwrap().and_hms_opt(m / 60, m % 60, 0).unwrap();
                let to = from + chrono::Duration::minutes(i64::from(*len));
                json!({"from": from.format("%Y-%m-%dT%H:%M").to_string(), "to": to.format("%Y-%m-%dT%H:%M").to_string()})
            }).collect::<Vec<_>>(),
            "workflow": {
                "scheduler": sched,
                "query": {"filter": if birthday {"birthday"} else {"all"},
                          "leap_day": (["mar1", "feb28", "skip"][leap]),
                          "incremental": incremental, "history_days": history_days},
                "delivery": {"mode": if mode {"continuous"} else {"recurring"},
                             "aggregation": (["none", "day", "week", "month"][aggregation]),
                             "content_changes": changes.iter().map(|(d, m)| local(*d, *m)).collect::<Vec<_>>()}
            }
        });
        if let Some((size, per_day)) = population {
            doc["population"] = json!({"size": size, "signups_per_day": per_day});
        }
        if let Some((max, days)) = pressure {
            doc["pressure"] = json!({"max_messages": max, "period_days": days});
        }
        doc
    }
}

fn parse(doc: &Value) -> Scenario {
    doc::parse(&doc.to_string()).unwrap_or_else(|e| panic!("generated invalid doc: {e:?}\n{doc}"))
}

fn check(s: &Scenario, o: &Outcome) {
    let cal = o.calendar();
    let bl = o.broadlog();
    // Σ targeted = broadLog rows, in contiguous per-execution ranges.
    let mut next = 0u32;
    for e in o.executions() {
        assert_eq!(e.rows_start, next);
        assert_eq!(e.rows_end - e.rows_start, e.targeted);
        assert_eq!(e.delivery.is_some(), e.targeted > 0);
        next = e.rows_end;
    }
    assert_eq!(next as usize, bl.len());
    // Nobody twice in one execution; everybody in the base and of the filter.
    for e in o.executions() {
        let mut seen: Vec<u32> = e.rows().map(|r| bl.recipient_of(r).unwrap()).collect();
        for r in &seen {
            assert!(o.recipients().created(*r).is_none_or(|c| c <= e.at));
            if s.workflows()[0].query.filter == doc::Filter::Birthday {
                let b = o.recipients().birthday(*r).unwrap();
                assert!(campaign_sim::engine::activity::query::birthday_matches(
                    (b.month(), b.day()),
                    cal.local_date(e.at),
                    s.workflows()[0].query.leap_day
                ));
            }
        }
        let n = seen.len();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), n, "a recipient twice in one execution");
    }
    // The incremental query never re-targets inside its history.
    if s.workflows()[0].query.incremental {
        let mut last: Vec<Option<i64>> = vec![None; o.recipients().len()];
        for r in 0..bl.len() {
            let row = bl.row(r).unwrap();
            if let Some(prev) = last[row.recipient as usize] {
                let days = s.workflows()[0].query.history_days;
                assert!(
                    days > 0 && row.at >= prev + days * 86_400,
                    "re-targeted inside history"
                );
            }
            last[row.recipient as usize] = Some(row.at);
        }
    }
    let reached: Vec<_> = o
        .executions()
        .iter()
        .filter(|e| e.delivery.is_some())
        .collect();
    match o.mode() {
        Mode::Recurring if s.workflows()[0].delivery.aggregation == doc::Aggregation::None => {
            assert_eq!(o.deliveries().len(), reached.len());
        }
        Mode::Continuous => {
            let changes = reached
                .windows(2)
                .filter(|w| w[0].content_version != w[1].content_version)
                .count();
            let expected = if reached.is_empty() { 0 } else { 1 + changes };
            assert_eq!(o.deliveries().len(), expected);
        }
        _ => assert!(o.deliveries().len() <= reached.len()),
    }
    // Delivery ids in creation order.
    for (k, d) in o.deliveries().iter().enumerate() {
        assert_eq!(d.id as usize, k + 1);
        assert!(k == 0 || o.deliveries()[k - 1].created <= d.created);
    }
    // Tracking rows point to a sent row of the same delivery and recipient.
    if !s.tracking.enabled {
        assert_eq!(o.tracking().len(), 0);
    }
    for t in 0..o.tracking().len() {
        let row = o.tracking().row(t).unwrap();
        let b = bl.row(row.broadlog_row as usize).unwrap();
        assert_eq!(
            (b.delivery, b.recipient, b.status),
            (row.delivery, row.recipient, Status::Sent)
        );
        assert!(row.at > b.at && cal.in_horizon(row.at));
    }
    // snapshot(T) is a prefix of snapshot(T').
    let mut prev = o.snapshot(cal.horizon_start - 1);
    for k in 0..=24 {
        let t = cal.horizon_start + k * (cal.horizon_end - cal.horizon_start) / 24;
        let snap = o.snapshot(t);
        assert!(snap.executions >= prev.executions && snap.deliveries >= prev.deliveries);
        assert!(
            snap.broadlog_rows >= prev.broadlog_rows && snap.tracking_rows >= prev.tracking_rows
        );
        assert!(snap.kpis.sent >= prev.kpis.sent && snap.kpis.opens >= prev.kpis.opens);
        assert_eq!(snap.kpis.processed as usize, snap.broadlog_rows);
        prev = snap;
    }
    let end = o.kpis(None, cal.horizon_end);
    let per: u64 = (1..=o.deliveries().len() as u32)
        .map(|d| o.kpis(Some(d), cal.horizon_end).processed)
        .sum();
    assert_eq!(per, end.processed);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn generated_scenarios_keep_the_invariants(doc in scenario_doc()) {
        let s = parse(&doc);
        let o = simulate(&s).unwrap();
        check(&s, &o);
        // Same document ⇒ identical outcome.
        prop_assert_eq!(simulate(&s).unwrap().fingerprint(), o.fingerprint());
    }
}
