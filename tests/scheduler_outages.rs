//! Outages and the missed-runs policy, by hand. All in UTC with a daily 09:00
//! scheduler unless said otherwise, so every slot is `2026-MM-DDT09:00:00+00:00`.

use campaign_sim::engine::doc::parse;
#[path = "support/scheduler.rs"]
mod support;
use serde_json::json;
use support::{executions, merged_outages};

/// (at, scheduled, caught_up) as printed strings, for readable tables.
type Row = (String, String, bool);

fn run(scheduler: serde_json::Value, outages: serde_json::Value, missed: &str) -> Vec<Row> {
    let doc =
        json!({"workflow": {"scheduler": scheduler}, "outages": outages, "missed_runs": missed});
    let s = parse(&doc.to_string()).unwrap_or_else(|e| panic!("{doc}: {e:?}"));
    let cal = s.calendar().unwrap();
    executions(&s, &cal)
        .iter()
        .map(|e| (cal.rfc3339(e.at), cal.rfc3339(e.scheduled), e.caught_up))
        .collect()
}

fn daily(start: &str, end: &str) -> serde_json::Value {
    json!({"frequency": "daily", "times": ["09:00"], "start": start, "end": end})
}

/// "01-03T09:00" → "2026-01-03T09:00:00+00:00".
fn t(s: &str) -> String {
    format!("2026-{s}:00+00:00")
}

fn on_time(s: &str) -> Row {
    (t(s), t(s), false)
}

fn late(at: &str, slot: &str) -> Row {
    (t(at), t(slot), true)
}

#[test]
fn each_policy_on_one_outage() {
    // Down from Jan 3 00:00 to Jan 5 12:00: the slots of Jan 3, 4 and 5 are missed.
    let outage = json!([{"from": "2026-01-03T00:00", "to": "2026-01-05T12:00"}]);
    let sched = daily("2026-01-01", "2026-01-06");
    // once: one late run at the outage end, standing for the latest missed slot.
    assert_eq!(
        run(sched.clone(), outage.clone(), "once"),
        [
            on_time("01-01T09:00"),
            on_time("01-02T09:00"),
            late("01-05T12:00", "01-05T09:00"),
            on_time("01-06T09:00")
        ]
    );
    // all: one late run per missed slot, all at the end, in slot order.
    assert_eq!(
        run(sched.clone(), outage.clone(), "all"),
        [
            on_time("01-01T09:00"),
            on_time("01-02T09:00"),
            late("01-05T12:00", "01-03T09:00"),
            late("01-05T12:00", "01-04T09:00"),
            late("01-05T12:00", "01-05T09:00"),
            on_time("01-06T09:00")
        ]
    );
    // skip: the missed slots are gone.
    assert_eq!(
        run(sched.clone(), outage.clone(), "skip"),
        [
            on_time("01-01T09:00"),
            on_time("01-02T09:00"),
            on_time("01-06T09:00")
        ]
    );
    // The default policy is once.
    let doc = json!({"workflow": {"scheduler": sched}, "outages": outage});
    let s = parse(&doc.to_string()).unwrap();
    let cal = s.calendar().unwrap();
    assert_eq!(executions(&s, &cal).len(), 4);
}

#[test]
fn outage_bounds_are_from_inclusive_to_exclusive() {
    // A slot exactly at `from` is missed; a slot exactly at `to` runs on time, and
    // the catch-up at the same instant comes first.
    let outage = json!([{"from": "2026-01-02T09:00", "to": "2026-01-03T09:00"}]);
    assert_eq!(
        run(daily("2026-01-01", "2026-01-03"), outage, "once"),
        [
            on_time("01-01T09:00"),
            late("01-03T09:00", "01-02T09:00"),
            on_time("01-03T09:00")
        ]
    );
}

#[test]
fn an_outage_without_missed_slots_yields_nothing() {
    let outage = json!([{"from": "2026-01-02T10:00", "to": "2026-01-02T20:00"}]);
    assert_eq!(
        run(daily("2026-01-01", "2026-01-03"), outage, "all"),
        [
            on_time("01-01T09:00"),
            on_time("01-02T09:00"),
            on_time("01-03T09:00")
        ]
    );
}

#[test]
fn touching_and_overlapping_outages_merge() {
    // Touching: [Jan 2 00:00, Jan 3 00:00) and [Jan 3 00:00, Jan 4 00:00) are one
    // outage, so `once` gives a single catch-up at Jan 4 00:00 for the Jan 3 slot,
    // not one at Jan 3 00:00 and another at Jan 4 00:00.
    let touching = json!([
        {"from": "2026-01-03T00:00", "to": "2026-01-04T00:00"},
        {"from": "2026-01-02T00:00", "to": "2026-01-03T00:00"}
    ]);
    assert_eq!(
        run(daily("2026-01-01", "2026-01-04"), touching, "once"),
        [
            on_time("01-01T09:00"),
            late("01-04T00:00", "01-03T09:00"),
            on_time("01-04T09:00")
        ]
    );
    // Overlapping: [Jan 2 00:00, Jan 3 10:00) and [Jan 3 08:00, Jan 4 00:00).
    let overlapping = json!([
        {"from": "2026-01-02T00:00", "to": "2026-01-03T10:00"},
        {"from": "2026-01-03T08:00", "to": "2026-01-04T00:00"}
    ]);
    assert_eq!(
        run(daily("2026-01-01", "2026-01-04"), overlapping, "all"),
        [
            on_time("01-01T09:00"),
            late("01-04T00:00", "01-02T09:00"),
            late("01-04T00:00", "01-03T09:00"),
            on_time("01-04T09:00")
        ]
    );
    // One contained in the other.
    let nested = json!([
        {"from": "2026-01-02T00:00", "to": "2026-01-04T00:00"},
        {"from": "2026-01-02T05:00", "to": "2026-01-02T06:00"}
    ]);
    assert_eq!(
        run(daily("2026-01-01", "2026-01-04"), nested, "once"),
        [
            on_time("01-01T09:00"),
            late("01-04T00:00", "01-03T09:00"),
            on_time("01-04T09:00")
        ]
    );
    // A minute apart: two outages, two catch-ups.
    let apart = json!([
        {"from": "2026-01-02T00:00", "to": "2026-01-03T00:00"},
        {"from": "2026-01-03T00:01", "to": "2026-01-04T00:00"}
    ]);
    assert_eq!(
        run(daily("2026-01-01", "2026-01-04"), apart, "once"),
        [
            on_time("01-01T09:00"),
            late("01-03T00:00", "01-02T09:00"),
            late("01-04T00:00", "01-03T09:00"),
            on_time("01-04T09:00")
        ]
    );
}

#[test]
fn merged_outages_are_instant_intervals() {
    let doc = json!({"workflow": {"scheduler": daily("2026-01-01", "2026-01-02")},
        "outages": [{"from": "2026-01-02T00:00", "to": "2026-01-03T00:00"},
                    {"from": "2026-01-01T00:00", "to": "2026-01-02T00:00"},
                    {"from": "2026-02-01T00:00", "to": "2026-02-01T01:00"}]});
    let s = parse(&doc.to_string()).unwrap();
    let cal = s.calendar().unwrap();
    let day = 86_400;
    assert_eq!(
        merged_outages(&s, &cal),
        [
            (cal.horizon_start, cal.horizon_start + 2 * day),
            (
                cal.horizon_start + 31 * day,
                cal.horizon_start + 31 * day + 3600
            )
        ]
    );
}

#[test]
fn catch_up_outside_the_horizon_is_dropped() {
    // Down from Dec 30 to Jan 2 of the next year: Dec 30 and 31 are missed and the
    // catch-up would run in 2027, outside the horizon.
    let outage = json!([{"from": "2026-12-30T00:00", "to": "2027-01-02T00:00"}]);
    assert_eq!(
        run(daily("2026-12-29", "2026-12-31"), outage.clone(), "all"),
        [on_time("12-29T09:00")]
    );
    // The horizon end itself is outside (exclusive).
    let at_end = json!([{"from": "2026-12-30T00:00", "to": "2027-01-01T00:00"}]);
    assert_eq!(
        run(daily("2026-12-29", "2026-12-31"), at_end, "once"),
        [on_time("12-29T09:00")]
    );
}

#[test]
fn outage_starting_before_the_horizon_catches_up_inside_it() {
    let outage = json!([{"from": "2025-12-20T00:00", "to": "2026-01-02T12:00"}]);
    assert_eq!(
        run(daily("2026-01-01", "2026-01-03"), outage, "once"),
        [late("01-02T12:00", "01-02T09:00"), on_time("01-03T09:00")]
    );
}

#[test]
fn catch_up_after_validity_end_still_runs() {
    // Validity ends Jan 10; the outage covers its last slot and ends on Jan 12.
    let outage = json!([{"from": "2026-01-10T08:00", "to": "2026-01-12T08:00"}]);
    assert_eq!(
        run(daily("2026-01-09", "2026-01-10"), outage, "once"),
        [on_time("01-09T09:00"), late("01-12T08:00", "01-10T09:00")]
    );
}

#[test]
fn max_runs_counts_catch_ups_and_reaches_later_slots() {
    // max_runs 3; Jan 1 and Jan 2 are missed and caught up once at Jan 2 10:00.
    // Executions: the catch-up, Jan 3, Jan 4: the third execution is the 4th slot.
    let mut sched = daily("2026-01-01", "2026-01-31");
    sched["max_runs"] = json!(3);
    let outage = json!([{"from": "2026-01-01T00:00", "to": "2026-01-02T10:00"}]);
    assert_eq!(
        run(sched.clone(), outage.clone(), "once"),
        [
            late("01-02T10:00", "01-02T09:00"),
            on_time("01-03T09:00"),
            on_time("01-04T09:00")
        ]
    );
    // With `all`, both catch-ups count.
    assert_eq!(
        run(sched.clone(), outage.clone(), "all"),
        [
            late("01-02T10:00", "01-01T09:00"),
            late("01-02T10:00", "01-02T09:00"),
            on_time("01-03T09:00")
        ]
    );
    // max_runs 0: nothing runs.
    sched["max_runs"] = json!(0);
    assert_eq!(run(sched, outage, "once"), []);
}

#[test]
fn outage_across_a_dst_change_uses_local_times() {
    // Paris, daily 02:30 around the spring-forward night. Outage [Mar 29 02:45 local,
    // Mar 29 04:00 local): 02:45 does not exist and is read as 03:45+02:00, so the
    // 03:30+02:00 slot of Mar 29 is *before* it and runs on time.
    let doc = json!({"timezone": "Europe/Paris",
        "workflow": {"scheduler": {"frequency": "daily", "times": ["02:30"],
                                   "start": "2026-03-29", "end": "2026-03-30"}},
        "outages": [{"from": "2026-03-29T02:45", "to": "2026-03-30T04:00"}]});
    let s = parse(&doc.to_string()).unwrap();
    let cal = s.calendar().unwrap();
    let got: Vec<Row> = executions(&s, &cal)
        .iter()
        .map(|e| (cal.rfc3339(e.at), cal.rfc3339(e.scheduled), e.caught_up))
        .collect();
    assert_eq!(
        got,
        [
            (
                "2026-03-29T03:30:00+02:00".to_string(),
                "2026-03-29T03:30:00+02:00".to_string(),
                false
            ),
            (
                "2026-03-30T04:00:00+02:00".to_string(),
                "2026-03-30T02:30:00+02:00".to_string(),
                true
            )
        ]
    );
}

#[test]
fn tick_extension_delays_to_the_next_tick() {
    // tick_minutes 15 (ticks at :00, :15, :30, :45 UTC). Slots 09:05 and 09:10 are
    // both due at the 09:15 tick: one firing, for the latest slot (09:10). 09:20 is
    // due at 09:30. The outage [10:00, 10:20) holds the 10:00 tick of the 09:50 slot,
    // which is missed and caught up at the first tick after 10:20, i.e. 10:30.
    let mut doc = json!({"workflow": {}});
    doc["workflow"]["scheduler"] = json!({"frequency": "daily",
        "times": ["09:05", "09:10", "09:20", "09:50"],
        "start": "2026-01-01", "end": "2026-01-01", "tick_minutes": 15});
    doc["outages"] = json!([{"from": "2026-01-01T10:00", "to": "2026-01-01T10:20"}]);
    let s = parse(&doc.to_string()).unwrap();
    let cal = s.calendar().unwrap();
    let got: Vec<Row> = executions(&s, &cal)
        .iter()
        .map(|e| (cal.rfc3339(e.at), cal.rfc3339(e.scheduled), e.caught_up))
        .collect();
    assert_eq!(
        got,
        [
            on_time_at("01-01T09:15", "01-01T09:10"),
            on_time_at("01-01T09:30", "01-01T09:20"),
            late("01-01T10:30", "01-01T09:50"),
        ]
    );
    // Without the extension the same document runs every slot exactly.
    doc["workflow"]["scheduler"]
        .as_object_mut()
        .unwrap()
        .remove("tick_minutes");
    let s = parse(&doc.to_string()).unwrap();
    assert_eq!(executions(&s, &cal).len(), 4);
    // The tick must be 1..=1440 minutes.
    doc["workflow"]["scheduler"]["tick_minutes"] = json!(0);
    let e = parse(&doc.to_string()).unwrap_err();
    assert_eq!(e[0].path, "workflow.scheduler.tick_minutes");
}

fn on_time_at(at: &str, slot: &str) -> Row {
    (t(at), t(slot), false)
}
