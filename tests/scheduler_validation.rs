//! Validation: every contract limit is rejected with the JSON path of the field and a
//! plain reason; serde's type and unknown-field errors carry their path too.

use campaign_sim::engine::doc::{
    parse, parse_date, parse_local_datetime, parse_time, validate, ScenarioError,
};
use serde_json::{json, Value};

/// A valid document to break one field at a time.
fn base() -> Value {
    json!({
        "year": 2026,
        "timezone": "Europe/Paris",
        "recipients": [
            {"id": 1, "email": "a@example.test", "created": "2025-06-01T00:00", "birthday": "1990-02-28"},
            {"id": 2, "email": "b@example.test"}
        ],
        "workflow": {"scheduler": {"frequency": "weekly", "days": ["mon"], "times": ["09:00"]}},
        "outages": [{"from": "2026-02-01T00:00", "to": "2026-02-02T00:00"}]
    })
}

fn errors(doc: &Value) -> Vec<ScenarioError> {
    match parse(&doc.to_string()) {
        Ok(_) => vec![],
        Err(e) => e,
    }
}

/// The first error, as the CLI prints it.
fn first(doc: &Value) -> String {
    errors(doc)
        .first()
        .map(|e| e.to_string())
        .unwrap_or_else(|| panic!("accepted: {doc}"))
}

/// Applies `edit` to the base document and checks the first error's path and that
/// its reason mentions `needle`.
fn rejects(edit: impl FnOnce(&mut Value), path: &str, needle: &str) {
    let mut doc = base();
    edit(&mut doc);
    let errs = errors(&doc);
    let e = errs.first().unwrap_or_else(|| panic!("accepted: {doc}"));
    assert_eq!(e.path, path, "{doc}: {e}");
    assert!(
        e.reason.contains(needle),
        "{doc}: reason {:?} lacks {needle:?}",
        e.reason
    );
}

fn sched(doc: &mut Value) -> &mut Value {
    &mut doc["workflow"]["scheduler"]
}

#[test]
fn the_base_document_is_valid() {
    assert_eq!(errors(&base()), vec![]);
}

#[test]
fn document_limits() {
    rejects(
        |d| d["timezone"] = json!("Mars/Olympus"),
        "timezone",
        "Mars/Olympus",
    );
    rejects(
        |d| d["timezone"] = json!("europe/paris"),
        "timezone",
        "IANA",
    );
    rejects(|d| d["year"] = json!(1899), "year", "1899");
    rejects(|d| d["year"] = json!(2201), "year", "2201");
    // The range ends are valid.
    for y in [1900, 2200] {
        let mut d = base();
        d["year"] = json!(y);
        assert_eq!(errors(&d), vec![], "year {y}");
    }
}

#[test]
fn scheduler_limits() {
    rejects(
        |d| sched(d)["days"] = json!(["mon", "mun"]),
        "workflow.scheduler.days[1]",
        "\"mun\" is not a weekday",
    );
    rejects(
        |d| sched(d)["every"] = json!(0),
        "workflow.scheduler.every",
        "less than 1",
    );
    rejects(
        |d| sched(d)["every"] = json!(-3),
        "workflow.scheduler.every",
        "less than 1",
    );
    rejects(
        |d| sched(d)["times"] = json!(["09:00", "25:00"]),
        "workflow.scheduler.times[1]",
        "25:00",
    );
    rejects(
        |d| sched(d)["times"] = json!(["9h"]),
        "workflow.scheduler.times[0]",
        "HH:MM",
    );
    rejects(
        |d| sched(d)["times"] = json!([]),
        "workflow.scheduler.times",
        "at least one",
    );
    rejects(
        |d| sched(d)["days"] = json!([]),
        "workflow.scheduler.days",
        "at least one weekday",
    );
    rejects(
        |d| sched(d)["start"] = json!("2026-02-30"),
        "workflow.scheduler.start",
        "2026-02-30",
    );
    rejects(
        |d| sched(d)["end"] = json!("2026-13-01"),
        "workflow.scheduler.end",
        "2026-13-01",
    );
    rejects(
        |d| {
            sched(d)["start"] = json!("2026-06-01");
            sched(d)["end"] = json!("2026-05-31");
        },
        "workflow.scheduler.end",
        "before start",
    );
    rejects(
        |d| sched(d)["max_runs"] = json!(-1),
        "workflow.scheduler.max_runs",
        "negative",
    );
    rejects(
        |d| sched(d)["frequency"] = json!("hourly"),
        "workflow.scheduler.frequency",
        "\"hourly\" is not one of",
    );
}

#[test]
fn monthly_yearly_periodic_once_limits() {
    let monthly = |d: &mut Value| {
        *sched(d) = json!({"frequency": "monthly", "times": ["09:00"], "month_days": [1]})
    };
    rejects(
        |d| {
            monthly(d);
            sched(d)["month_days"] = json!([1, 0]);
        },
        "workflow.scheduler.month_days[1]",
        "0 is not a day",
    );
    rejects(
        |d| {
            monthly(d);
            sched(d)["month_days"] = json!([32]);
        },
        "workflow.scheduler.month_days[0]",
        "32",
    );
    rejects(
        |d| {
            monthly(d);
            sched(d)["month_days"] = json!([-2]);
        },
        "workflow.scheduler.month_days[0]",
        "-2",
    );
    rejects(
        |d| {
            monthly(d);
            sched(d)["months"] = json!([13]);
        },
        "workflow.scheduler.months[0]",
        "13",
    );
    rejects(
        |d| {
            monthly(d);
            sched(d)["months"] = json!([0]);
        },
        "workflow.scheduler.months[0]",
        "0 is not a month",
    );
    rejects(
        |d| {
            monthly(d);
            sched(d)["month_days"] = json!([]);
            sched(d)["nth_weekday"] = json!({"nth": 5, "day": "tue"});
        },
        "workflow.scheduler.nth_weekday.nth",
        "5",
    );
    rejects(
        |d| {
            monthly(d);
            sched(d)["month_days"] = json!([]);
            sched(d)["nth_weekday"] = json!({"nth": 0, "day": "tue"});
        },
        "workflow.scheduler.nth_weekday.nth",
        "0",
    );
    rejects(
        |d| {
            monthly(d);
            sched(d)["month_days"] = json!([]);
            sched(d)["nth_weekday"] = json!({"nth": 1, "day": "tuesday"});
        },
        "workflow.scheduler.nth_weekday.day",
        "not a weekday",
    );
    rejects(
        |d| {
            monthly(d);
            sched(d)["month_days"] = json!([]);
        },
        "workflow.scheduler.month_days",
        "month_days or nth_weekday",
    );
    rejects(
        |d| {
            monthly(d);
            sched(d)["nth_weekday"] = json!({"nth": 1, "day": "tue"});
        },
        "workflow.scheduler.nth_weekday",
        "not both",
    );
    // -1 (last day) and last weekday are valid.
    let mut d = base();
    monthly(&mut d);
    sched(&mut d)["month_days"] = json!([-1, 31]);
    assert_eq!(errors(&d), vec![]);

    let yearly = |d: &mut Value| {
        *sched(d) = json!({"frequency": "yearly", "times": ["09:00"], "dates": ["02-29"]})
    };
    let mut d = base();
    yearly(&mut d);
    assert_eq!(errors(&d), vec![], "02-29 is a valid yearly date");
    rejects(
        |d| {
            yearly(d);
            sched(d)["dates"] = json!(["02-30"]);
        },
        "workflow.scheduler.dates[0]",
        "02-30",
    );
    rejects(
        |d| {
            yearly(d);
            sched(d)["dates"] = json!(["2026-02-01"]);
        },
        "workflow.scheduler.dates[0]",
        "MM-DD",
    );
    rejects(
        |d| {
            yearly(d);
            sched(d)["dates"] = json!([]);
        },
        "workflow.scheduler.dates",
        "at least one",
    );

    let periodic = |d: &mut Value| {
        *sched(d) =
            json!({"frequency": "periodic", "interval_minutes": 30, "window": ["08:00", "18:00"]})
    };
    let mut d = base();
    periodic(&mut d);
    assert_eq!(errors(&d), vec![]);
    rejects(
        |d| {
            periodic(d);
            sched(d)["interval_minutes"] = json!(0);
        },
        "workflow.scheduler.interval_minutes",
        "less than 1",
    );
    rejects(
        |d| {
            periodic(d);
            sched(d)["window"] = json!(["18:00", "08:00"]);
        },
        "workflow.scheduler.window",
        "before it starts",
    );
    rejects(
        |d| {
            periodic(d);
            sched(d)["window"] = json!(["08:00"]);
        },
        "workflow.scheduler.window",
        "length",
    );
    rejects(
        |d| {
            periodic(d);
            sched(d)["window"] = json!(["08:00", "24:00"]);
        },
        "workflow.scheduler.window[1]",
        "24:00",
    );
    rejects(
        |d| {
            periodic(d);
            sched(d).as_object_mut().unwrap().remove("window");
        },
        "workflow.scheduler.window",
        "required",
    );

    let once = |d: &mut Value| *sched(d) = json!({"frequency": "once", "at": "2026-03-01T10:00"});
    let mut d = base();
    once(&mut d);
    assert_eq!(errors(&d), vec![]);
    rejects(
        |d| {
            once(d);
            sched(d)["at"] = json!("2026-02-29T10:00");
        },
        "workflow.scheduler.at",
        "2026-02-29T10:00",
    );
    rejects(
        |d| {
            once(d);
            sched(d)["at"] = json!("2026-03-01 10:00");
        },
        "workflow.scheduler.at",
        "YYYY-MM-DDTHH:MM",
    );
    rejects(
        |d| {
            once(d);
            sched(d).as_object_mut().unwrap().remove("at");
        },
        "workflow.scheduler.at",
        "required",
    );
}

#[test]
fn outage_and_recipient_limits() {
    rejects(
        |d| d["outages"] = json!([{"from": "2026-02-02T00:00", "to": "2026-02-02T00:00"}]),
        "outages[0].to",
        "not after",
    );
    rejects(
        |d| {
            d["outages"] = json!([{"from": "2026-02-01T00:00", "to": "2026-02-02T00:00"},
                                 {"from": "2026-02-03T00:00", "to": "2026-02-02T23:00"}])
        },
        "outages[1].to",
        "not after",
    );
    rejects(
        |d| d["outages"][0]["from"] = json!("2026-02-31T00:00"),
        "outages[0].from",
        "2026-02-31",
    );
    rejects(
        |d| d["missed_runs"] = json!("twice"),
        "missed_runs",
        "\"twice\" is not one of once, all, skip",
    );
    rejects(
        |d| d["recipients"][1]["id"] = json!(1),
        "recipients[1].id",
        "recipients[0]",
    );
    rejects(
        |d| d["recipients"][1]["email"] = json!("a@example.test"),
        "recipients[1].email",
        "recipients[0]",
    );
    rejects(
        |d| d["recipients"][0]["birthday"] = json!("1990-02-29"),
        "recipients[0].birthday",
        "1990-02-29",
    );
    rejects(
        |d| d["recipients"][0]["created"] = json!("yesterday"),
        "recipients[0].created",
        "yesterday",
    );
    rejects(
        |d| d["recipients"][1]["unsubscribed"] = json!("2026-01-01"),
        "recipients[1].unsubscribed",
        "2026-01-01",
    );
    rejects(
        |d| d["recipients"][1]["bounce"] = json!("soft"),
        "recipients[1].bounce",
        "\"soft\" is not one of none or hard",
    );
    rejects(
        |d| d["workflow"]["query"] = json!({"history_days": -1}),
        "workflow.query.history_days",
        "negative",
    );
    rejects(
        |d| d["workflow"]["delivery"] = json!({"content_changes": ["2026-06-15T25:00"]}),
        "workflow.delivery.content_changes[0]",
        "2026-06-15T25:00",
    );
}

#[test]
fn serde_errors_carry_their_path() {
    rejects(
        |d| sched(d)["every"] = json!("2"),
        "workflow.scheduler.every",
        "expected an integer",
    );
    rejects(|d| d["year"] = json!(2026.5), "year", "expected an integer");
    rejects(
        |d| d["recipients"][0]["id"] = json!(-5),
        "recipients[0].id",
        "non-negative integer",
    );
    rejects(|d| d["seed"] = json!("seven"), "seed", "expected");
    rejects(
        |d| sched(d)["days"] = json!("mon"),
        "workflow.scheduler.days",
        "expected a sequence",
    );
    rejects(
        |d| sched(d)["dayz"] = json!(["mon"]),
        "workflow.scheduler.dayz",
        "unknown field",
    );
    rejects(|d| d["colour"] = json!("blue"), "colour", "unknown field");
    rejects(
        |d| d["recipients"][1]["phone"] = json!("0"),
        "recipients[1].phone",
        "unknown field",
    );
    rejects(
        |d| {
            d.as_object_mut().unwrap().remove("workflow");
        },
        "workflow",
        "required",
    );
    rejects(
        |d| {
            sched(d).as_object_mut().unwrap().remove("frequency");
        },
        "workflow.scheduler.frequency",
        "required",
    );
}

#[test]
fn json_syntax_errors_are_one_plain_line() {
    let e = parse("{\"workflow\": ").unwrap_err();
    assert_eq!(e.len(), 1);
    assert!(e[0].to_string().starts_with("invalid JSON"), "{}", e[0]);
    assert!(!e[0].to_string().contains('\n'));
    let e = parse(&format!("{} {{}}", base())).unwrap_err();
    assert!(e[0].to_string().starts_with("invalid JSON"), "{}", e[0]);
    let e = parse("").unwrap_err();
    assert!(e[0].to_string().starts_with("invalid JSON"), "{}", e[0]);
}

#[test]
fn all_problems_are_reported_in_document_order() {
    let mut d = base();
    d["year"] = json!(1800);
    d["timezone"] = json!("Nowhere");
    sched(&mut d)["every"] = json!(0);
    d["outages"][0]["to"] = json!("2026-01-01T00:00");
    let errs = errors(&d);
    let paths: Vec<&str> = errs.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "year",
            "timezone",
            "workflow.scheduler.every",
            "outages[0].to"
        ]
    );
    assert_eq!(first(&d), "year: 1800 is outside 1900..2200");
    // validate() on a typed scenario reports the same list.
    let mut ok = base();
    ok["year"] = json!(2026);
    let s = parse(&ok.to_string()).unwrap();
    assert_eq!(validate(&s), vec![]);
}

#[test]
fn calendar_reports_zone_and_year_problems() {
    let s = parse(&base().to_string()).unwrap();
    let mut bad = s.clone();
    bad.timezone = "Nowhere/City".into();
    assert_eq!(bad.calendar().unwrap_err().path, "timezone");
    let mut bad = s.clone();
    bad.year = 3000;
    assert_eq!(bad.calendar().unwrap_err().path, "year");
    assert_eq!(s.calendar().unwrap().year, 2026);
}

#[test]
fn local_date_time_formats() {
    assert!(parse_local_datetime("2026-03-29T02:30").is_some());
    assert!(parse_local_datetime("2026-03-29T02:30:15").is_some());
    for bad in [
        "2026-03-29",
        "2026-03-29T2:30",
        "2026-3-29T02:30",
        "2026-03-29 02:30",
        "2026-03-29T02:30:",
        "2026-03-29T02:30Z",
        "2026-03-29T02:30+01:00",
        "+2026-03-29T02:30",
        "2026-02-29T00:00",
        "2026-04-31T00:00",
        "2026-03-29T24:00",
        "2026-03-29T23:60",
    ] {
        assert_eq!(parse_local_datetime(bad), None, "{bad}");
    }
    assert!(parse_date("2028-02-29").is_some());
    assert_eq!(parse_date("2026-02-29"), None);
    assert_eq!(parse_date("26-02-01"), None);
    assert!(parse_time("23:59:59").is_some());
    assert_eq!(parse_time("-1:00"), None);
    assert_eq!(parse_time("12:5"), None);
}
