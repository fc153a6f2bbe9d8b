//! The contract's Query, Delivery and send-log rules, one edge case each.

use campaign_sim::engine::doc::{self, Aggregation, Mode};
use campaign_sim::engine::out::logs::{Reason, Status};
use campaign_sim::engine::out::outcome::Outcome;
use campaign_sim::engine::out::trace::TargetingReason;
use campaign_sim::engine::sim::{simulate, simulate_variants, Variant};
use serde_json::{json, Value};

fn run(doc: Value) -> Outcome {
    let s = doc::parse(&doc.to_string()).unwrap();
    simulate(&s).unwrap()
}

fn targeted(o: &Outcome) -> Vec<u32> {
    o.executions().iter().map(|e| e.targeted).collect()
}

fn daily(times: &str) -> Value {
    json!({"frequency": "daily", "times": [times]})
}

#[test]
fn recipient_created_exactly_at_the_execution_is_in_the_base() {
    let o = run(json!({
        "recipients": [
            {"id": 1, "email": "a@x.test", "created": "2026-01-02T09:00"},
            {"id": 2, "email": "b@x.test", "created": "2026-01-02T09:01"}
        ],
        "workflow": {"scheduler": {"frequency": "daily", "times": ["09:00"], "end": "2026-01-03"}}
    }));
    assert_eq!(targeted(&o), vec![0, 1, 2]);
    assert_eq!(o.executions()[0].delivery, None);
    assert_eq!(o.deliveries().len(), 2);
    assert_eq!(
        o.why_not_targeted(2, 1),
        TargetingReason::NotYetInBase {
            created: o.executions()[1].at + 60
        }
    );
}

#[test]
fn leap_day_birthdays_follow_the_leap_day_rule() {
    for (rule, expect_date) in [
        ("mar1", Some("2026-03-01")),
        ("feb28", Some("2026-02-28")),
        ("skip", None),
    ] {
        let o = run(json!({
            "recipients": [{"id": 1, "email": "a@x.test", "birthday": "1992-02-29"}],
            "workflow": {"scheduler": daily("06:00"), "query": {"filter": "birthday", "leap_day": rule}}
        }));
        let dates: Vec<String> = o
            .deliveries()
            .iter()
            .map(|d| o.calendar().local_date(d.created).to_string())
            .collect();
        assert_eq!(
            dates,
            expect_date.map(|d| vec![d.to_string()]).unwrap_or_default(),
            "rule {rule}"
        );
    }
}

#[test]
fn late_birthday_catch_up_uses_the_day_it_runs() {
    // Down from 05:00 on 10 May to 07:00 on 11 May: the 10 and 11 May slots are
    // missed and caught up once at 07:00 on 11 May, which uses 11 May's birthdays.
    let o = run(json!({
        "timezone": "Europe/Paris",
        "recipients": [
            {"id": 1, "email": "a@x.test", "birthday": "1990-05-10"},
            {"id": 2, "email": "b@x.test", "birthday": "1990-05-11"}
        ],
        "workflow": {"scheduler": daily("06:00"), "query": {"filter": "birthday"}},
        "outages": [{"from": "2026-05-10T05:00", "to": "2026-05-11T07:00"}]
    }));
    let caught: Vec<_> = o.executions().iter().filter(|e| e.caught_up).collect();
    assert_eq!(caught.len(), 1);
    assert_eq!(caught[0].targeted, 1);
    let d = caught[0].delivery.unwrap();
    let row = o.broadlog().row(caught[0].rows_start as usize).unwrap();
    assert_eq!(
        row.recipient_id, 2,
        "the 11 May birthday, not the missed day's"
    );
    assert_eq!(row.delivery, d);
}

#[test]
fn incremental_history_expires_after_n_times_24_hours() {
    let o = run(json!({
        "recipients": [{"id": 1, "email": "a@x.test"}],
        "workflow": {
            "scheduler": {"frequency": "daily", "times": ["09:00"], "end": "2026-01-10"},
            "query": {"incremental": true, "history_days": 3}
        }
    }));
    // Returned on the 1st, again from the 4th 09:00 (exactly 72 h later), the 7th, the 10th.
    assert_eq!(targeted(&o), vec![1, 0, 0, 1, 0, 0, 1, 0, 0, 1]);
    let first = o.executions()[0].at;
    assert_eq!(
        o.why_not_targeted(1, 1),
        TargetingReason::InHistory {
            since: first,
            until: Some(first + 3 * 86_400)
        }
    );
}

#[test]
fn incremental_history_forever_targets_each_recipient_once() {
    let o = run(json!({
        "recipients": [
            {"id": 1, "email": "a@x.test"},
            {"id": 2, "email": "b@x.test", "created": "2026-03-01T12:00"}
        ],
        "workflow": {"scheduler": daily("09:00"), "query": {"incremental": true}, "delivery": {"mode": "continuous"}}
    }));
    assert_eq!(targeted(&o).iter().sum::<u32>(), 2);
    assert_eq!(o.deliveries().len(), 1);
    assert_eq!(o.deliveries()[0].runs, 2);
    assert_eq!(
        o.executions()
            .iter()
            .filter(|e| e.delivery.is_some())
            .count(),
        2
    );
}

#[test]
fn content_versions_count_edits_before_the_horizon_and_at_the_instant() {
    let o = run(json!({
        "recipients": [{"id": 1, "email": "a@x.test"}],
        "workflow": {
            "scheduler": {"frequency": "weekly", "days": ["mon"], "times": ["09:00"], "end": "2026-01-31"},
            "delivery": {"mode": "continuous", "content_changes": [
                "2025-12-01T00:00", "2026-01-12T09:00", "2026-01-14T10:00", "2026-01-15T10:00"
            ]}
        }
    }));
    // 5, 12 (edit at exactly 09:00 applies), 19 (two edits: 3 → 5), 26 January.
    let v: Vec<u32> = o.deliveries().iter().map(|d| d.content_version).collect();
    assert_eq!(v, vec![2, 3, 5]);
    let runs: Vec<u32> = o.deliveries().iter().map(|d| d.runs).collect();
    assert_eq!(runs, vec![1, 1, 2]);
    let ids: Vec<u32> = o.deliveries().iter().map(|d| d.id).collect();
    assert_eq!(ids, vec![1, 2, 3]);
}

#[test]
fn continuous_delivery_forks_only_when_an_execution_reaches_it() {
    // Edits while the query returns nobody do not create a delivery.
    let o = run(json!({
        "recipients": [
            {"id": 1, "email": "a@x.test"},
            {"id": 2, "email": "b@x.test", "created": "2026-06-01T00:00"}
        ],
        "workflow": {
            "scheduler": daily("09:00"),
            "query": {"incremental": true},
            "delivery": {"mode": "continuous", "content_changes": ["2026-02-01T00:00", "2026-03-01T00:00"]}
        }
    }));
    let v: Vec<u32> = o.deliveries().iter().map(|d| d.content_version).collect();
    assert_eq!(v, vec![1, 3]);
}

#[test]
fn aggregation_groups_by_local_date_with_iso_weeks() {
    let doc = json!({
        "timezone": "Europe/Paris",
        "recipients": [{"id": 1, "email": "a@x.test"}],
        "workflow": {"scheduler": {"frequency": "daily", "times": ["09:00", "21:00"]}}
    });
    let s = doc::parse(&doc.to_string()).unwrap();
    let variants = [
        Variant {
            mode: Mode::Recurring,
            aggregation: Aggregation::None,
        },
        Variant {
            mode: Mode::Recurring,
            aggregation: Aggregation::Day,
        },
        Variant {
            mode: Mode::Recurring,
            aggregation: Aggregation::Week,
        },
        Variant {
            mode: Mode::Recurring,
            aggregation: Aggregation::Month,
        },
        Variant {
            mode: Mode::Continuous,
            aggregation: Aggregation::None,
        },
    ];
    let o = simulate_variants(&s, &variants).unwrap();
    let n: Vec<usize> = o.iter().map(|o| o.deliveries().len()).collect();
    // 2026: 1 Jan is a Thursday (ISO week 2026-W01 starts 29 Dec 2025); 31 Dec is in W53.
    assert_eq!(n, vec![730, 365, 53, 12, 1]);
    let week = &o[2].deliveries()[0];
    assert_eq!(week.runs, 8, "1–4 January: 4 days × 2");
    assert!(o.iter().all(|x| x.broadlog().len() == 730));
}

#[test]
fn send_log_precedence_denylist_quarantine_hard_bounce() {
    let o = run(json!({
        "recipients": [
            {"id": 1, "email": "a@x.test", "bounce": "hard", "unsubscribed": "2026-01-05T09:00"},
            {"id": 2, "email": "b@x.test", "bounce": "hard"},
            {"id": 3, "email": "c@x.test", "unsubscribed": "2026-01-12T09:00:01"}
        ],
        "workflow": {"scheduler": {"frequency": "weekly", "days": ["mon"], "times": ["09:00"], "end": "2026-01-19"}}
    }));
    let reasons: Vec<Vec<Reason>> = o
        .executions()
        .iter()
        .map(|e| {
            e.rows()
                .map(|r| o.broadlog().reason_of(r).unwrap())
                .collect()
        })
        .collect();
    use Reason::*;
    assert_eq!(
        reasons,
        vec![
            vec![Denylisted, UserUnknown, Sent],
            vec![Denylisted, Quarantined, Sent],
            vec![Denylisted, Quarantined, Denylisted],
        ]
    );
    let d = &o.deliveries()[0].broadlog;
    assert_eq!((d.total, d.sent, d.failed, d.ignored), (3, 1, 1, 1));
    assert_eq!(o.broadlog().row(1).unwrap().status, Status::Failed);
}

#[test]
fn an_execution_that_targets_nobody_reaches_no_delivery() {
    let o = run(json!({
        "recipients": [],
        "workflow": {"scheduler": {"frequency": "once", "at": "2026-04-01T10:00"}}
    }));
    assert_eq!(targeted(&o), vec![0]);
    assert!(o.deliveries().is_empty());
    assert_eq!(o.transitions(0).query_to_delivery, 0);
    assert!(!o.transitions(0).delivery_ran);
}
