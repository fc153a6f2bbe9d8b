//! Differential test against an independent RFC 5545 implementation, the `rrule`
//! crate (a native-only dev-dependency): a few hundred generated daily, weekly and
//! monthly schedules in several zones must give exactly the same instants.
//!
//! Mapping: DTSTART is the validity start at local 00:00 (so INTERVAL counts periods
//! from the period containing `start`, weeks with WKST=MO); one RRULE per time of
//! day (BYHOUR × BYMINUTE would cross every hour with every minute); BYMONTHDAY /
//! BYDAY=nTH / BYMONTH for monthly. Results are clipped to the horizon and the
//! validity end, as the contract says.
//!
//! DST: rrule reads a local time that is missing or ambiguous as local midnight plus
//! the elapsed time of day. On a day with one transition after midnight that is
//! exactly the contract's rule (the offset in force before the change: the gap is
//! read with the earlier offset, the repeated hour is its first occurrence). So
//! times inside the DST hours are generated too; only zones whose transitions
//! happen at midnight (e.g. America/Santiago, Asia/Beirut) would differ and are
//! left out of the zone list.
#![cfg(not(target_arch = "wasm32"))]

use campaign_sim::engine::doc::{parse, Scenario};
#[path = "support/scheduler.rs"]
mod support;
use chrono::{Duration, NaiveDate, TimeZone};
use serde_json::json;
use support::planned_slots;

const ZONES: [&str; 8] = [
    "UTC",
    "Europe/Paris",
    "America/New_York",
    "America/Chicago",
    "Australia/Sydney",
    "Pacific/Auckland",
    "Asia/Kolkata",
    "Europe/London",
];
const DAYS: [(&str, &str); 7] = [
    ("mon", "MO"),
    ("tue", "TU"),
    ("wed", "WE"),
    ("thu", "TH"),
    ("fri", "FR"),
    ("sat", "SA"),
    ("sun", "SU"),
];

struct Case {
    doc: serde_json::Value,
    /// RRULE body without BYHOUR/BYMINUTE, e.g. `FREQ=WEEKLY;INTERVAL=2;WKST=MO;BYDAY=MO`.
    rule: String,
    times: Vec<(u32, u32)>,
    start: NaiveDate,
    end: Option<NaiveDate>,
}

fn pick<'a, T>(rng: &mut oorandom::Rand32, items: &'a [T]) -> &'a T {
    &items[rng.rand_range(0..items.len() as u32) as usize]
}

fn generate(rng: &mut oorandom::Rand32) -> Case {
    let tz = *pick(rng, &ZONES);
    let year = 2020 + rng.rand_range(0..13) as i32;
    let start = NaiveDate::from_ymd_opt(year, 1, 1).unwrap() - Duration::days(120)
        + Duration::days(rng.rand_range(0..480) as i64);
    let end =
        (rng.rand_range(0..3) > 0).then(|| start + Duration::days(rng.rand_range(0..500) as i64));
    let every = 1 + rng.rand_range(0..5) as i64;
    let n_times = 1 + rng.rand_range(0..3);
    let mut times: Vec<(u32, u32)> = (0..n_times)
        .map(|_| (hour(rng), *pick(rng, &[0, 15, 30, 45])))
        .collect();
    times.sort_unstable();
    times.dedup();
    let time_strs: Vec<String> = times
        .iter()
        .map(|(h, m)| format!("{h:02}:{m:02}"))
        .collect();
    let mut sched =
        json!({"times": time_strs, "every": every, "start": start.format("%Y-%m-%d").to_string()});
    if let Some(e) = end {
        sched["end"] = json!(e.format("%Y-%m-%d").to_string());
    }
    let rule = match rng.rand_range(0..4) {
        0 => {
            sched["frequency"] = json!("daily");
            format!("FREQ=DAILY;INTERVAL={every}")
        }
        1 => {
            sched["frequency"] = json!("weekly");
            let mut days: Vec<usize> = (0..1 + rng.rand_range(0..3))
                .map(|_| rng.rand_range(0..7) as usize)
                .collect();
            days.sort_unstable();
            days.dedup();
            sched["days"] = json!(days.iter().map(|d| DAYS[*d].0).collect::<Vec<_>>());
            let by: Vec<&str> = days.iter().map(|d| DAYS[*d].1).collect();
            format!(
                "FREQ=WEEKLY;INTERVAL={every};WKST=MO;BYDAY={}",
                by.join(",")
            )
        }
        2 => {
            sched["frequency"] = json!("monthly");
            let mut md: Vec<i32> = (0..1 + rng.rand_range(0..3))
                .map(|_| *pick(rng, &[-1, 1, 2, 15, 28, 29, 30, 31]))
                .collect();
            md.sort_unstable();
            md.dedup();
            sched["month_days"] = json!(md);
            let by: Vec<String> = md.iter().map(|d| d.to_string()).collect();
            format!(
                "FREQ=MONTHLY;INTERVAL={every};BYMONTHDAY={}{}",
                by.join(","),
                months(rng, &mut sched)
            )
        }
        _ => {
            sched["frequency"] = json!("monthly");
            let nth = *pick(rng, &[-1, 1, 2, 3, 4]);
            let day = *pick(rng, &DAYS);
            sched["nth_weekday"] = json!({"nth": nth, "day": day.0});
            format!(
                "FREQ=MONTHLY;INTERVAL={every};BYDAY={nth}{}{}",
                day.1,
                months(rng, &mut sched)
            )
        }
    };
    Case {
        doc: json!({"year": year, "timezone": tz, "workflow": {"scheduler": sched}}),
        rule,
        times,
        start,
        end,
    }
}

/// An hour of day, often one of the hours that DST changes touch (01–03 local).
fn hour(rng: &mut oorandom::Rand32) -> u32 {
    if rng.rand_range(0..2) == 0 {
        1 + rng.rand_range(0..3)
    } else {
        rng.rand_range(0..24)
    }
}

/// Sometimes a `months` filter, as BYMONTH.
fn months(rng: &mut oorandom::Rand32, sched: &mut serde_json::Value) -> String {
    if rng.rand_range(0..3) != 0 {
        return String::new();
    }
    let mut ms: Vec<u32> = (0..1 + rng.rand_range(0..4))
        .map(|_| 1 + rng.rand_range(0..12))
        .collect();
    ms.sort_unstable();
    ms.dedup();
    sched["months"] = json!(ms);
    let by: Vec<String> = ms.iter().map(|m| m.to_string()).collect();
    format!(";BYMONTH={}", by.join(","))
}

fn with_rrule(c: &Case, s: &Scenario) -> Vec<i64> {
    let cal = s.calendar().unwrap();
    let mut text = format!(
        "DTSTART;TZID={}:{}T000000",
        s.timezone,
        c.start.format("%Y%m%d")
    );
    for (h, m) in &c.times {
        text.push_str(&format!(
            "\nRRULE:{};BYHOUR={h};BYMINUTE={m};BYSECOND=0",
            c.rule
        ));
    }
    let set: rrule::RRuleSet = text.parse().unwrap_or_else(|e| panic!("{text}: {e}"));
    let before = rrule::Tz::UTC.timestamp_opt(cal.horizon_end, 0).unwrap();
    let after = rrule::Tz::UTC.timestamp_opt(cal.horizon_start, 0).unwrap();
    let result = set.after(after).before(before).all(u16::MAX);
    assert!(
        !result.limited || result.dates.len() < u16::MAX as usize,
        "{text}: limited"
    );
    let mut out: Vec<i64> = result
        .dates
        .iter()
        .map(|d| d.timestamp())
        .filter(|t| cal.in_horizon(*t))
        .filter(|t| c.end.is_none_or(|e| cal.local_date(*t) <= e))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

#[test]
fn generated_schedules_match_rrule() {
    let mut rng = oorandom::Rand32::new(20260101);
    let mut compared = 0;
    let mut nonempty = 0;
    let mut shifted = 0;
    for _ in 0..400 {
        let c = generate(&mut rng);
        let s = parse(&c.doc.to_string()).unwrap_or_else(|e| panic!("{}: {e:?}", c.doc));
        let cal = s.calendar().unwrap();
        let ours = planned_slots(&s, &cal);
        let theirs = with_rrule(&c, &s);
        if ours != theirs {
            let show = |v: &[i64]| {
                v.iter()
                    .take(8)
                    .map(|t| cal.rfc3339(*t))
                    .collect::<Vec<_>>()
            };
            let only_ours: Vec<i64> = ours
                .iter()
                .filter(|t| !theirs.contains(t))
                .copied()
                .collect();
            let only_theirs: Vec<i64> = theirs
                .iter()
                .filter(|t| !ours.contains(t))
                .copied()
                .collect();
            panic!(
                "{}\nrule {}\nonly ours: {:?}\nonly rrule: {:?}",
                c.doc,
                c.rule,
                show(&only_ours),
                show(&only_theirs)
            );
        }
        // Slots moved by a spring-forward gap (their local time is not a listed time).
        shifted += ours
            .iter()
            .filter(|t| {
                let l = cal.local(**t);
                !c.times
                    .contains(&(chrono::Timelike::hour(&l), chrono::Timelike::minute(&l)))
            })
            .count();
        compared += 1;
        if !ours.is_empty() {
            nonempty += 1;
        }
    }
    assert_eq!(compared, 400);
    // The comparison must mostly be about real slots, not two empty lists.
    assert!(nonempty > 300, "only {nonempty} non-empty schedules");
    // And the DST gap rule must actually have been exercised.
    assert!(shifted > 0, "no generated slot fell in a DST gap");
    eprintln!("{nonempty} non-empty schedules, {shifted} slots in DST gaps");
}
