//! What the engine tells the page to say: the day a birthday query evaluated (a late
//! run takes that day's birthdays, not its slot's) and the daylight-saving rule named
//! on the journal line of the slot it placed.

use campaign_sim::engine::doc::parse;
use campaign_sim::engine::out::journal::JournalMessage;
use campaign_sim::engine::out::trace::{Matched, TargetingReason};
use campaign_sim::engine::sim::simulate;
use chrono::NaiveDate;
use serde_json::json;

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn a_caught_up_birthday_run_takes_the_birthdays_of_the_day_it_ran() {
    let doc = json!({
        "timezone": "Europe/Paris",
        "recipients": [
            {"id": 1, "email": "a@example.test", "created": "2025-01-01T00:00", "birthday": "1990-03-01"},
            {"id": 2, "email": "b@example.test", "created": "2025-01-01T00:00", "birthday": "1990-03-02"}
        ],
        "workflow": {
            "scheduler": {"frequency": "daily", "times": ["09:00"]},
            "query": {"filter": "birthday"}
        },
        // Down from 1 March 08:00 to 2 March 08:00: the 1 March 09:00 slot runs late
        // at 08:00 on 2 March, then 2 March's own run comes at 09:00.
        "outages": [{"from": "2026-03-01T08:00", "to": "2026-03-02T08:00"}],
        "missed_runs": "once"
    });
    let s = parse(&doc.to_string()).unwrap();
    let o = simulate(&s).unwrap();
    let cal = s.calendar().unwrap();
    // Both queries of 2 March (the late one and the on-time one) took 2 March.
    let on_2_march: Vec<_> = o
        .journal()
        .iter()
        .filter(|l| cal.local_date(l.at) == date("2026-03-02"))
        .filter_map(|l| match l.message {
            JournalMessage::QueryDone { day, slot_day }
            | JournalMessage::QueryEmpty { day, slot_day } => Some((day, slot_day)),
            _ => None,
        })
        .collect();
    // The late one also says that 1 March's birthdays were not taken.
    assert_eq!(
        on_2_march,
        vec![
            (Some(date("2026-03-02")), Some(date("2026-03-01"))),
            (Some(date("2026-03-02")), None)
        ]
    );
    // The late run's execution targeted recipient 2 (born 2 March), not 1 (1 March),
    // and the trace says which day the query took.
    let late = o.executions().iter().position(|e| e.caught_up).unwrap();
    assert_eq!(
        cal.local_date(o.executions()[late].scheduled),
        date("2026-03-01")
    );
    assert_eq!(
        o.why_not_targeted(1, late),
        TargetingReason::BirthdayMismatch {
            month: 3,
            day: 1,
            on_month: 3,
            on_day: 2
        }
    );
    assert!(matches!(
        o.why_not_targeted(2, late),
        TargetingReason::Targeted { .. }
    ));
}

#[test]
fn a_query_without_a_date_filter_names_no_day() {
    let doc = json!({
        "recipients": [{"id": 1, "email": "a@example.test", "created": "2025-01-01T00:00"}],
        "workflow": {"scheduler": {"frequency": "weekly", "days": ["mon"], "times": ["09:00"]}}
    });
    let o = simulate(&parse(&doc.to_string()).unwrap()).unwrap();
    assert!(matches!(
        o.why_not_targeted(1, 0),
        TargetingReason::Targeted {
            because: Matched::InBase,
            ..
        }
    ));
    assert!(o.journal().iter().any(|l| l.message
        == JournalMessage::QueryDone {
            day: None,
            slot_day: None
        }));
}

#[test]
fn the_journal_names_the_daylight_saving_rule_on_the_two_days_it_applied() {
    let doc = json!({
        "timezone": "Europe/Paris",
        "recipients": [{"id": 1, "email": "a@example.test", "created": "2025-01-01T00:00"}],
        "workflow": {"scheduler": {"frequency": "daily", "times": ["02:30"]}}
    });
    let s = parse(&doc.to_string()).unwrap();
    let o = simulate(&s).unwrap();
    let cal = s.calendar().unwrap();
    let noted: Vec<(String, bool)> = o
        .journal()
        .iter()
        .filter_map(|l| match l.message {
            JournalMessage::SchedulerFired { dst: Some(d), .. } => Some((cal.rfc3339(l.at), d.gap)),
            _ => None,
        })
        .collect();
    assert_eq!(
        noted,
        vec![
            ("2026-03-29T03:30:00+02:00".to_string(), true),
            ("2026-10-25T02:30:00+02:00".to_string(), false)
        ]
    );
}
