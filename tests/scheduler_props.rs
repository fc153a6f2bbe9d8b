//! Property tests of the Scheduler over generated scenarios (every frequency, several
//! zones, outages, each missed-runs policy, optional max_runs).
#![cfg(not(target_arch = "wasm32"))]

use campaign_sim::engine::doc::{parse, parse_local_datetime, Scenario};
#[path = "support/scheduler.rs"]
mod support;
use proptest::prelude::*;
use serde_json::{json, Value};
use support::{executions, merged_outages, planned_slots, schedule, validity};

const ZONES: [&str; 6] = [
    "UTC",
    "Europe/Paris",
    "America/New_York",
    "America/Chicago",
    "Australia/Sydney",
    "Asia/Kathmandu",
];
const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

fn time() -> impl Strategy<Value = String> {
    (0u32..24, prop::sample::select(vec![0u32, 15, 30, 45, 59]))
        .prop_map(|(h, m)| format!("{h:02}:{m:02}"))
}

/// A date of the simulated year 2026 or around it.
fn date() -> impl Strategy<Value = chrono::NaiveDate> {
    (-40i64..400).prop_map(|d| {
        chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Duration::days(d)
    })
}

fn local_datetime() -> impl Strategy<Value = String> {
    (date(), time()).prop_map(|(d, t)| format!("{}T{t}", d.format("%Y-%m-%d")))
}

fn scheduler() -> impl Strategy<Value = Value> {
    let times = || prop::collection::vec(time(), 1..4);
    let freq = prop_oneof![
        local_datetime().prop_map(|at| json!({"frequency": "once", "at": at})),
        (times(), 1i64..5).prop_map(|(t, e)| json!({"frequency": "daily", "times": t, "every": e})),
        (times(), 1i64..4, prop::sample::subsequence(DAYS.to_vec(), 1..4))
            .prop_map(|(t, e, d)| json!({"frequency": "weekly", "times": t, "every": e, "days": d})),
        (
            times(),
            1i64..4,
            prop::collection::vec(prop::sample::select(vec![-1i32, 1, 5, 15, 29, 30, 31]), 1..3),
            prop::collection::vec(1u32..13, 0..4)
        )
            .prop_map(|(t, e, md, m)| json!({"frequency": "monthly", "times": t, "every": e, "month_days": md, "months": m})),
        (times(), 1i64..3, prop::sample::select(vec![-1i32, 1, 2, 3, 4]), prop::sample::select(DAYS.to_vec()))
            .prop_map(|(t, e, n, d)| json!({"frequency": "monthly", "times": t, "every": e, "nth_weekday": {"nth": n, "day": d}})),
        (times(), prop::collection::vec(prop::sample::select(vec!["01-01", "02-28", "02-29", "03-29", "10-25", "12-31"]), 1..3))
            .prop_map(|(t, d)| json!({"frequency": "yearly", "times": t, "dates": d})),
        (20i64..600, time(), time()).prop_map(|(i, a, b)| {
            let (a, b) = if a <= b { (a, b) } else { (b, a) };
            json!({"frequency": "periodic", "interval_minutes": i, "window": [a, b]})
        }),
    ];
    (
        freq,
        prop::option::of(date()),
        prop::option::of(0u32..300),
        prop::option::of(0i64..400),
    )
        .prop_map(|(mut s, start, len, max)| {
            if let Some(start) = start {
                s["start"] = json!(start.format("%Y-%m-%d").to_string());
                if let Some(len) = len {
                    let end = start + chrono::Duration::days(i64::from(len));
                    s["end"] = json!(end.format("%Y-%m-%d").to_string());
                }
            }
            if let Some(m) = max {
                s["max_runs"] = json!(m);
            }
            s
        })
}

fn outage() -> impl Strategy<Value = Value> {
    (local_datetime(), 1i64..(10 * 24 * 60)).prop_map(|(from, minutes)| {
        let f = parse_local_datetime(&from).unwrap();
        let to = f + chrono::Duration::minutes(minutes);
        json!({"from": from, "to": to.format("%Y-%m-%dT%H:%M").to_string()})
    })
}

fn scenario() -> impl Strategy<Value = Scenario> {
    (
        prop::sample::select(ZONES.to_vec()),
        scheduler(),
        prop::collection::vec(outage(), 0..4),
        prop::sample::select(vec!["once", "all", "skip"]),
    )
        .prop_map(|(tz, sched, outages, missed)| {
            let doc = json!({"timezone": tz, "workflow": {"scheduler": sched},
                             "outages": outages, "missed_runs": missed});
            parse(&doc.to_string()).unwrap_or_else(|e| panic!("{doc}: {e:?}"))
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn planned_slots_are_sorted_unique_and_inside_validity_and_horizon(s in scenario()) {
        let cal = s.calendar().unwrap();
        let slots = planned_slots(&s, &cal);
        let (start, end) = validity(&s);
        prop_assert!(slots.windows(2).all(|w| w[0] < w[1]), "not strictly increasing");
        for t in &slots {
            prop_assert!(cal.in_horizon(*t), "{} outside the horizon", cal.rfc3339(*t));
            let d = cal.local_date(*t);
            prop_assert!(d >= start && d <= end, "{} outside validity", cal.rfc3339(*t));
        }
        let sched = schedule(&s, &cal);
        let max = s.workflows()[0].scheduler.max_runs.map_or(usize::MAX, |m| m as usize);
        prop_assert_eq!(sched.len(), slots.len().min(max));
        prop_assert_eq!(&sched[..], &slots[..sched.len()]);
    }

    #[test]
    fn executions_respect_outages_policy_and_max_runs(s in scenario()) {
        let cal = s.calendar().unwrap();
        let slots = planned_slots(&s, &cal);
        let outages = merged_outages(&s, &cal);
        let runs = executions(&s, &cal);
        if let Some(m) = s.workflows()[0].scheduler.max_runs {
            prop_assert!(runs.len() as i64 <= m);
        }
        // Ordered; a catch-up comes before an on-time run at the same instant.
        for w in runs.windows(2) {
            prop_assert!(w[0].at <= w[1].at);
            prop_assert!(!(w[0].at == w[1].at && !w[0].caught_up && w[1].caught_up));
        }
        // No execution inside any outage as written (merged or not).
        for o in &s.outages {
            let from = cal.instant(parse_local_datetime(&o.from).unwrap());
            let to = cal.instant(parse_local_datetime(&o.to).unwrap());
            for r in &runs {
                prop_assert!(!(from <= r.at && r.at < to), "{} inside an outage", cal.rfc3339(r.at));
            }
        }
        let mut seen = std::collections::HashSet::new();
        for r in &runs {
            prop_assert!(slots.binary_search(&r.scheduled).is_ok(), "scheduled is not a planned slot");
            prop_assert!(seen.insert(r.scheduled), "a slot ran twice");
            prop_assert!(cal.in_horizon(r.at));
            if r.caught_up {
                // Catch-ups only at an outage end, for a slot missed in that outage.
                let o = outages.iter().find(|(_, to)| *to == r.at);
                prop_assert!(o.is_some(), "catch-up not at an outage end");
                let (from, to) = *o.unwrap();
                prop_assert!(from <= r.scheduled && r.scheduled < to);
            } else {
                prop_assert_eq!(r.at, r.scheduled);
            }
        }
        let missed = |t: i64| outages.iter().any(|(f, to)| *f <= t && t < *to);
        if s.workflows()[0].scheduler.max_runs.is_none() {
            let on_time: Vec<i64> = runs.iter().filter(|r| !r.caught_up).map(|r| r.at).collect();
            let expected: Vec<i64> = slots.iter().copied().filter(|t| !missed(*t)).collect();
            prop_assert_eq!(on_time, expected, "every slot outside outages runs on time");
            let catch_ups = runs.iter().filter(|r| r.caught_up).count();
            let in_horizon_outages = outages.iter().filter(|(_, to)| cal.in_horizon(*to));
            let missed_in = |o: &(i64, i64)| slots.iter().filter(|t| o.0 <= **t && **t < o.1).count();
            let want: usize = match s.missed_runs {
                campaign_sim::engine::doc::MissedRuns::Skip => 0,
                campaign_sim::engine::doc::MissedRuns::All => in_horizon_outages.map(missed_in).sum(),
                campaign_sim::engine::doc::MissedRuns::Once => {
                    in_horizon_outages.filter(|o| missed_in(o) > 0).count()
                }
            };
            prop_assert_eq!(catch_ups, want);
        }
    }
}
