//! Table-driven tests of the planned slots, one table per frequency and one per DST
//! case. Every expectation was derived by hand from the contract (reasoning in the
//! comments), not from the implementation.
//!
//! Calendar facts used: 2026-01-01 is a Thursday. Europe/Paris 2026 springs forward
//! on Sun 29 Mar (02:00 CET → 03:00 CEST) and falls back on Sun 25 Oct (03:00 CEST →
//! 02:00 CET). America/New_York and America/Chicago change on Sun 8 Mar (02:00 →
//! 03:00) and Sun 1 Nov (02:00 → 01:00). Australia/Sydney falls back on Sun 5 Apr
//! (03:00 AEDT → 02:00 AEST) and springs forward on Sun 4 Oct (02:00 AEST → 03:00
//! AEDT).

use campaign_sim::engine::doc::parse;
#[path = "support/scheduler.rs"]
mod support;
use serde_json::json;
use support::{planned_slots, preview, schedule};

/// The planned slots of a scheduler, printed as RFC 3339 with the zone's offset.
fn slots(tz: &str, year: i32, scheduler: serde_json::Value) -> Vec<String> {
    let doc = json!({"year": year, "timezone": tz, "workflow": {"scheduler": scheduler}});
    let s = parse(&doc.to_string()).unwrap_or_else(|e| panic!("{doc}: {e:?}"));
    let cal = s.calendar().unwrap();
    planned_slots(&s, &cal)
        .into_iter()
        .map(|t| cal.rfc3339(t))
        .collect()
}

fn utc(scheduler: serde_json::Value) -> Vec<String> {
    slots("UTC", 2026, scheduler)
}

/// "2026-01-02T08:00" → "2026-01-02T08:00:00+00:00", to keep the tables short.
fn z(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| format!("{s}:00+00:00")).collect()
}

#[test]
fn once() {
    let cases: Vec<(serde_json::Value, Vec<String>)> = vec![
        // The single execution at its local date-time.
        (
            json!({"frequency": "once", "at": "2026-03-10T14:15"}),
            z(&["2026-03-10T14:15"]),
        ),
        // Seconds are kept.
        (
            json!({"frequency": "once", "at": "2026-03-10T14:15:30"}),
            vec!["2026-03-10T14:15:30+00:00".into()],
        ),
        // Outside the horizon: the horizon end is exclusive.
        (
            json!({"frequency": "once", "at": "2027-01-01T00:00"}),
            vec![],
        ),
        (
            json!({"frequency": "once", "at": "2025-12-31T23:59"}),
            vec![],
        ),
        // The horizon start is inclusive.
        (
            json!({"frequency": "once", "at": "2026-01-01T00:00"}),
            z(&["2026-01-01T00:00"]),
        ),
        // Outside the validity period.
        (
            json!({"frequency": "once", "at": "2026-03-10T14:15", "start": "2026-03-11"}),
            vec![],
        ),
        (
            json!({"frequency": "once", "at": "2026-03-10T14:15", "end": "2026-03-10"}),
            z(&["2026-03-10T14:15"]),
        ),
    ];
    for (sched, want) in cases {
        assert_eq!(utc(sched.clone()), want, "{sched}");
    }
}

#[test]
fn daily() {
    let cases: Vec<(serde_json::Value, Vec<String>)> = vec![
        // Every 3 days from Jan 2 (period 0): Jan 2, 5, 8, 11; the 14th is after end.
        (
            json!({"frequency": "daily", "times": ["08:00"], "every": 3,
                   "start": "2026-01-02", "end": "2026-01-12"}),
            z(&[
                "2026-01-02T08:00",
                "2026-01-05T08:00",
                "2026-01-08T08:00",
                "2026-01-11T08:00",
            ]),
        ),
        // Start before the year anchors period 0 on 2025-12-31: that slot is outside
        // the horizon, the next ones are Jan 2 and Jan 4.
        (
            json!({"frequency": "daily", "times": ["08:00"], "every": 2,
                   "start": "2025-12-31", "end": "2026-01-05"}),
            z(&["2026-01-02T08:00", "2026-01-04T08:00"]),
        ),
        // Several times a day, given out of order and with a duplicate: sorted, one
        // slot per instant.
        (
            json!({"frequency": "daily", "times": ["18:30", "07:00", "18:30"],
                   "start": "2026-06-01", "end": "2026-06-02"}),
            z(&[
                "2026-06-01T07:00",
                "2026-06-01T18:30",
                "2026-06-02T07:00",
                "2026-06-02T18:30",
            ]),
        ),
        // Validity dates are inclusive at both ends; one day = one slot.
        (
            json!({"frequency": "daily", "times": ["23:59"], "start": "2026-12-31", "end": "2026-12-31"}),
            z(&["2026-12-31T23:59"]),
        ),
        // Validity entirely after the year: nothing.
        (
            json!({"frequency": "daily", "times": ["08:00"], "start": "2027-01-01"}),
            vec![],
        ),
    ];
    for (sched, want) in cases {
        assert_eq!(utc(sched.clone()), want, "{sched}");
    }
    // The default validity is the whole year: 365 days in 2026, 366 in 2028.
    assert_eq!(
        utc(json!({"frequency": "daily", "times": ["00:00"]})).len(),
        365
    );
    assert_eq!(
        slots(
            "UTC",
            2028,
            json!({"frequency": "daily", "times": ["00:00"]})
        )
        .len(),
        366
    );
}

#[test]
fn weekly() {
    let cases: Vec<(serde_json::Value, Vec<String>)> = vec![
        // Every 2 weeks on Mon and Fri from Thu Jan 1. Period 0 is the ISO week of the
        // start (Mon Dec 29 – Sun Jan 4): Fri Jan 2 (Mon Dec 29 is before start).
        // Week 1 (Jan 5–11) is skipped, week 2 (Jan 12–18) gives Mon 12 and Fri 16,
        // week 4 gives Mon 26 and Fri 30.
        (
            json!({"frequency": "weekly", "days": ["mon", "fri"], "times": ["09:00"],
                   "every": 2, "end": "2026-01-31"}),
            z(&[
                "2026-01-02T09:00",
                "2026-01-12T09:00",
                "2026-01-16T09:00",
                "2026-01-26T09:00",
                "2026-01-30T09:00",
            ]),
        ),
        // Weeks start on Monday: from Sun Jan 4, period 0 is Dec 29 – Jan 4 (only the
        // Sunday is in validity); Mon Jan 5 starts period 1 (skipped), Mon Jan 12
        // starts period 2. Were weeks to start on Sunday, Jan 4–10 would be period 0.
        (
            json!({"frequency": "weekly", "days": ["sun", "mon"], "times": ["10:00"],
                   "every": 2, "start": "2026-01-04", "end": "2026-01-19"}),
            z(&["2026-01-04T10:00", "2026-01-12T10:00", "2026-01-18T10:00"]),
        ),
        // Every week on Saturday: first Saturday of 2026 is Jan 3.
        (
            json!({"frequency": "weekly", "days": ["sat"], "times": ["12:00"], "end": "2026-01-17"}),
            z(&["2026-01-03T12:00", "2026-01-10T12:00", "2026-01-17T12:00"]),
        ),
    ];
    for (sched, want) in cases {
        assert_eq!(utc(sched.clone()), want, "{sched}");
    }
    // Every Monday of 2026: Jan 5 … Dec 28 = 52 slots.
    assert_eq!(
        utc(json!({"frequency": "weekly", "days": ["mon"], "times": ["09:00"]})).len(),
        52
    );
}

#[test]
fn monthly() {
    let cases: Vec<(serde_json::Value, Vec<String>)> = vec![
        // Day 31 exists in 7 months; -1 is the last day; on months with 31 days both
        // name the same slot, which is one slot. So one slot per month, on its last day.
        (
            json!({"frequency": "monthly", "month_days": [31, -1], "times": ["20:00"]}),
            z(&[
                "2026-01-31T20:00",
                "2026-02-28T20:00",
                "2026-03-31T20:00",
                "2026-04-30T20:00",
                "2026-05-31T20:00",
                "2026-06-30T20:00",
                "2026-07-31T20:00",
                "2026-08-31T20:00",
                "2026-09-30T20:00",
                "2026-10-31T20:00",
                "2026-11-30T20:00",
                "2026-12-31T20:00",
            ]),
        ),
        // Day 30 is skipped in February (2026 is not a leap year).
        (
            json!({"frequency": "monthly", "month_days": [30], "times": ["08:00"], "end": "2026-03-31"}),
            z(&["2026-01-30T08:00", "2026-03-30T08:00"]),
        ),
        // The contract's example: every 2 months from January (Jan, Mar, May, …) with
        // months [2,3,4] fires only in March.
        (
            json!({"frequency": "monthly", "month_days": [1], "times": ["08:00"], "every": 2,
                   "months": [2, 3, 4]}),
            z(&["2026-03-01T08:00"]),
        ),
        // Every 3 months counted from the month of start (Feb): Feb, May, Aug, Nov.
        (
            json!({"frequency": "monthly", "month_days": [15], "times": ["08:00"], "every": 3,
                   "start": "2026-02-20"}),
            z(&["2026-05-15T08:00", "2026-08-15T08:00", "2026-11-15T08:00"]),
        ),
        // First Monday of each month in the first half of 2026: Jan 1 is a Thursday so
        // Jan 5; Feb 1 is a Sunday so Feb 2; Mar 1 Sunday → Mar 2; Apr 1 Wednesday →
        // Apr 6; May 1 Friday → May 4; Jun 1 is a Monday.
        (
            json!({"frequency": "monthly", "nth_weekday": {"nth": 1, "day": "mon"},
                   "times": ["09:00"], "end": "2026-06-30"}),
            z(&[
                "2026-01-05T09:00",
                "2026-02-02T09:00",
                "2026-03-02T09:00",
                "2026-04-06T09:00",
                "2026-05-04T09:00",
                "2026-06-01T09:00",
            ]),
        ),
        // Last Friday: Jan 31 is a Saturday → Jan 30; Feb 28 Saturday → Feb 27;
        // Mar 31 Tuesday → Mar 27; Jul 31 is a Friday itself.
        (
            json!({"frequency": "monthly", "nth_weekday": {"nth": -1, "day": "fri"},
                   "times": ["17:00"], "months": [1, 2, 3, 7]}),
            z(&[
                "2026-01-30T17:00",
                "2026-02-27T17:00",
                "2026-03-27T17:00",
                "2026-07-31T17:00",
            ]),
        ),
        // 4th Thursday of November 2026: Nov 1 is a Sunday, Thursdays 5, 12, 19, 26.
        (
            json!({"frequency": "monthly", "nth_weekday": {"nth": 4, "day": "thu"},
                   "times": ["12:00"], "months": [11]}),
            z(&["2026-11-26T12:00"]),
        ),
    ];
    for (sched, want) in cases {
        assert_eq!(utc(sched.clone()), want, "{sched}");
    }
}

#[test]
fn yearly() {
    let sched = json!({"frequency": "yearly", "dates": ["12-25", "02-29"], "times": ["10:00"]});
    // 29 February exists only in leap years.
    assert_eq!(utc(sched.clone()), z(&["2026-12-25T10:00"]));
    assert_eq!(
        slots("UTC", 2028, sched),
        vec!["2028-02-29T10:00:00+00:00", "2028-12-25T10:00:00+00:00"]
    );
}

#[test]
fn periodic() {
    let cases: Vec<(serde_json::Value, Vec<String>)> = vec![
        // 09:00, 09:45, 10:30; 11:15 would be past the window end.
        (
            json!({"frequency": "periodic", "interval_minutes": 45, "window": ["09:00", "11:00"],
                   "start": "2026-05-01", "end": "2026-05-01"}),
            z(&["2026-05-01T09:00", "2026-05-01T09:45", "2026-05-01T10:30"]),
        ),
        // The window end is included when a step lands on it.
        (
            json!({"frequency": "periodic", "interval_minutes": 60, "window": ["09:00", "11:00"],
                   "start": "2026-05-01", "end": "2026-05-02"}),
            z(&[
                "2026-05-01T09:00",
                "2026-05-01T10:00",
                "2026-05-01T11:00",
                "2026-05-02T09:00",
                "2026-05-02T10:00",
                "2026-05-02T11:00",
            ]),
        ),
        // A one-instant window is one slot a day.
        (
            json!({"frequency": "periodic", "interval_minutes": 5, "window": ["23:59", "23:59"],
                   "start": "2026-12-31"}),
            z(&["2026-12-31T23:59"]),
        ),
        // Steps never wrap past midnight.
        (
            json!({"frequency": "periodic", "interval_minutes": 600, "window": ["20:00", "23:59"],
                   "start": "2026-12-31"}),
            z(&["2026-12-31T20:00"]),
        ),
    ];
    for (sched, want) in cases {
        assert_eq!(utc(sched.clone()), want, "{sched}");
    }
    // Every 15 minutes from 00:00 to 23:45 every day: 96 a day.
    assert_eq!(
        utc(json!({"frequency": "periodic", "interval_minutes": 15,
                   "window": ["00:00", "23:45"]}))
        .len(),
        96 * 365
    );
}

#[test]
fn max_runs_truncates_the_printed_schedule_only() {
    let doc = json!({"workflow": {"scheduler": {
        "frequency": "daily", "times": ["08:00"], "max_runs": 3}}});
    let s = parse(&doc.to_string()).unwrap();
    let cal = s.calendar().unwrap();
    assert_eq!(planned_slots(&s, &cal).len(), 365);
    let sched: Vec<String> = schedule(&s, &cal).iter().map(|t| cal.rfc3339(*t)).collect();
    assert_eq!(
        sched,
        z(&["2026-01-01T08:00", "2026-01-02T08:00", "2026-01-03T08:00"])
    );
}

/// One DST case: zone, local times, validity day(s), expected slots.
struct Dst {
    why: &'static str,
    tz: &'static str,
    sched: serde_json::Value,
    want: &'static [&'static str],
}

fn daily_on(times: &[&str], start: &str, end: &str) -> serde_json::Value {
    json!({"frequency": "daily", "times": times, "start": start, "end": end})
}

#[test]
fn dst_transitions() {
    let cases = [
        Dst {
            why: "Paris spring forward: 02:30 does not exist on Mar 29; read with +01:00 it is 01:30Z = 03:30 summer time",
            tz: "Europe/Paris",
            sched: daily_on(&["02:30"], "2026-03-28", "2026-03-30"),
            want: &["2026-03-28T02:30:00+01:00", "2026-03-29T03:30:00+02:00", "2026-03-30T02:30:00+02:00"],
        },
        Dst {
            why: "Paris spring forward: 02:30 and 03:30 land on one instant, which is one slot",
            tz: "Europe/Paris",
            sched: daily_on(&["02:30", "03:30"], "2026-03-29", "2026-03-29"),
            want: &["2026-03-29T03:30:00+02:00"],
        },
        Dst {
            why: "Paris fall back: 02:30 happens twice on Oct 25; the first (+02:00) is the slot",
            tz: "Europe/Paris",
            sched: daily_on(&["02:30"], "2026-10-24", "2026-10-26"),
            want: &["2026-10-24T02:30:00+02:00", "2026-10-25T02:30:00+02:00", "2026-10-26T02:30:00+01:00"],
        },
        Dst {
            why: "Paris: 09:00 keeps its wall-clock time across the change, the offset moves",
            tz: "Europe/Paris",
            sched: daily_on(&["09:00"], "2026-03-28", "2026-03-29"),
            want: &["2026-03-28T09:00:00+01:00", "2026-03-29T09:00:00+02:00"],
        },
        Dst {
            why: "New York spring forward Mar 8: 02:30 read with -05:00 is 07:30Z = 03:30 EDT",
            tz: "America/New_York",
            sched: daily_on(&["02:30"], "2026-03-08", "2026-03-08"),
            want: &["2026-03-08T03:30:00-04:00"],
        },
        Dst {
            why: "New York fall back Nov 1: 01:30 occurs at -04:00 then -05:00, first wins; 02:30 occurs once, at -05:00",
            tz: "America/New_York",
            sched: daily_on(&["01:30", "02:30"], "2026-11-01", "2026-11-01"),
            want: &["2026-11-01T01:30:00-04:00", "2026-11-01T02:30:00-05:00"],
        },
        Dst {
            why: "Chicago spring forward Mar 8: 02:15 read with -06:00 is 08:15Z = 03:15 CDT",
            tz: "America/Chicago",
            sched: daily_on(&["02:15"], "2026-03-07", "2026-03-08"),
            want: &["2026-03-07T02:15:00-06:00", "2026-03-08T03:15:00-05:00"],
        },
        Dst {
            why: "Chicago fall back Nov 1: 01:45 is first read at -05:00",
            tz: "America/Chicago",
            sched: daily_on(&["01:45"], "2026-11-01", "2026-11-02"),
            want: &["2026-11-01T01:45:00-05:00", "2026-11-02T01:45:00-06:00"],
        },
        Dst {
            why: "Sydney fall back Apr 5 (southern autumn): 02:30 occurs at +11:00 then +10:00, first wins",
            tz: "Australia/Sydney",
            sched: daily_on(&["02:30"], "2026-04-04", "2026-04-06"),
            want: &["2026-04-04T02:30:00+11:00", "2026-04-05T02:30:00+11:00", "2026-04-06T02:30:00+10:00"],
        },
        Dst {
            why: "Sydney spring forward Oct 4: 02:30 read with +10:00 is 16:30Z = 03:30 AEDT",
            tz: "Australia/Sydney",
            sched: daily_on(&["02:30"], "2026-10-03", "2026-10-05"),
            want: &["2026-10-03T02:30:00+10:00", "2026-10-04T03:30:00+11:00", "2026-10-05T02:30:00+11:00"],
        },
        Dst {
            why: "UTC has no change: 02:30 on Paris's transition days is plain 02:30",
            tz: "UTC",
            sched: daily_on(&["02:30"], "2026-03-29", "2026-03-29"),
            want: &["2026-03-29T02:30:00+00:00"],
        },
        Dst {
            why: "Paris periodic across the gap, local wall-clock steps: 01:00, 01:30, 02:00→03:00, 02:30→03:30, then 03:00 and 03:30 are the same instants again (one slot each), 04:00",
            tz: "Europe/Paris",
            sched: json!({"frequency": "periodic", "interval_minutes": 30, "window": ["01:00", "04:00"],
                          "start": "2026-03-29", "end": "2026-03-29"}),
            want: &["2026-03-29T01:00:00+01:00", "2026-03-29T01:30:00+01:00", "2026-03-29T03:00:00+02:00",
                    "2026-03-29T03:30:00+02:00", "2026-03-29T04:00:00+02:00"],
        },
        Dst {
            why: "Paris periodic across the overlap: 02:00 and 02:30 are their first (+02:00) occurrences only; no slot in the repeated hour",
            tz: "Europe/Paris",
            sched: json!({"frequency": "periodic", "interval_minutes": 30, "window": ["01:00", "04:00"],
                          "start": "2026-10-25", "end": "2026-10-25"}),
            want: &["2026-10-25T01:00:00+02:00", "2026-10-25T01:30:00+02:00", "2026-10-25T02:00:00+02:00",
                    "2026-10-25T02:30:00+02:00", "2026-10-25T03:00:00+01:00", "2026-10-25T03:30:00+01:00",
                    "2026-10-25T04:00:00+01:00"],
        },
    ];
    for c in &cases {
        assert_eq!(slots(c.tz, 2026, c.sched.clone()), c.want, "{}", c.why);
    }
    // Horizon edges in Sydney: the first slot is 2026-01-01T00:00+11:00, the last
    // 2026-12-31T23:59+11:00; Dec 31 2025 and Jan 1 2027 are outside the horizon.
    // One slot at 00:00 and one at 23:59 every day, validity one day wider than the year.
    let sydney = slots(
        "Australia/Sydney",
        2026,
        json!({"frequency": "periodic", "interval_minutes": 1439, "window": ["00:00", "23:59"],
               "start": "2025-12-31", "end": "2027-01-01"}),
    );
    assert_eq!(sydney.len(), 365 * 2);
    assert_eq!(sydney.first().unwrap(), "2026-01-01T00:00:00+11:00");
    assert_eq!(sydney.last().unwrap(), "2026-12-31T23:59:00+11:00");
}

#[test]
fn preview_lists_the_next_slots_and_respects_max_runs() {
    let doc = |max: Option<i64>| {
        let mut sched = json!({"frequency": "weekly", "days": ["mon"], "times": ["09:00"]});
        if let Some(m) = max {
            sched["max_runs"] = json!(m);
        }
        json!({"timezone": "Europe/Paris", "workflow": {"scheduler": sched}}).to_string()
    };
    let s = parse(&doc(None)).unwrap();
    let cal = s.calendar().unwrap();
    let t = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap().timestamp();
    let show = |v: Vec<i64>| v.iter().map(|x| cal.rfc3339(*x)).collect::<Vec<_>>();
    // Strictly after: the slot at the preview instant itself has already run.
    assert_eq!(
        show(preview(&s, &cal, t("2026-01-05T09:00:00+01:00"), 3)),
        [
            "2026-01-12T09:00:00+01:00",
            "2026-01-19T09:00:00+01:00",
            "2026-01-26T09:00:00+01:00"
        ]
    );
    // Near the end of the year the preview runs out.
    assert_eq!(
        show(preview(&s, &cal, t("2026-12-20T00:00:00+01:00"), 5)),
        ["2026-12-21T09:00:00+01:00", "2026-12-28T09:00:00+01:00"]
    );
    // max_runs 2: one execution is done by Jan 5, so only one more is shown.
    let s2 = parse(&doc(Some(2))).unwrap();
    assert_eq!(
        show(preview(&s2, &cal, t("2026-01-05T09:00:00+01:00"), 3)),
        ["2026-01-12T09:00:00+01:00"]
    );
}
