//! The engine's time zones against Python's zoneinfo (tests/zones/zoneinfo.txt, built
//! by scripts/gen-zone-fixture.py from the same tzdata): for every zone name the build
//! carries, the same changes of UTC offset from 1899-12-31 to 2201-01-02 (the same
//! instants, and the same offset on both sides of each), and the same instants for
//! local date-times around the changes of 2026, 2100, 2150 and 2200. Checked for the
//! native table (every zone) and for the web table (`web-zones.txt`), natively and, in
//! Chromium (`make test-wasm`), as the wasm build decodes it.

use campaign_sim::engine::calendar::Calendar;
use campaign_sim::tz::{Table, Zone};
use chrono::{DateTime, Datelike, NaiveDateTime};

const FIXTURE: &str = include_str!("zones/zoneinfo.txt");
#[cfg(not(target_arch = "wasm32"))]
const WEB_TABLE: &[u8] = include_bytes!("../src/tz/zones-web.bin");
const WEB_LIST: &str = include_str!("../src/tz/web-zones.txt");

/// One entry of the fixture: names sharing one TZif file and what zoneinfo says.
struct Entry<'a> {
    names: Vec<&'a str>,
    /// The offset at `FROM`.
    initial: i32,
    /// (instant, offset from it).
    changes: Vec<(i64, i32)>,
    /// (local date-time, instant).
    locals: Vec<(NaiveDateTime, i64)>,
}

const FROM: i64 = -2_209_075_200;
const TO: i64 = 7_289_654_400;

fn fixture() -> Vec<Entry<'static>> {
    let mut out: Vec<Entry> = Vec::new();
    let mut t = FROM;
    for line in FIXTURE.lines().filter(|l| !l.starts_with('#')) {
        let (kind, rest) = line.split_once(' ').expect("record kind");
        match kind {
            "Z" => {
                out.push(Entry {
                    names: rest.split(' ').collect(),
                    initial: 0,
                    changes: vec![],
                    locals: vec![],
                });
                t = FROM;
            }
            "I" => out.last_mut().expect("entry").initial = rest.parse().expect("offset"),
            "T" => {
                let v: Vec<i64> = rest
                    .split(' ')
                    .map(|x| x.parse().expect("number"))
                    .collect();
                for pair in v.chunks(2) {
                    t += pair[0];
                    let offset = i32::try_from(pair[1]).expect("offset");
                    out.last_mut().expect("entry").changes.push((t, offset));
                }
            }
            "L" => {
                let (local, instant) = rest.split_once(' ').expect("local instant");
                let local =
                    NaiveDateTime::parse_from_str(local, "%Y-%m-%dT%H:%M:%S").expect("local");
                let instant = instant.parse().expect("instant");
                out.last_mut().expect("entry").locals.push((local, instant));
            }
            _ => panic!("unknown record {line}"),
        }
    }
    out
}

/// The (UTC) year of an instant.
fn year(t: i64) -> i32 {
    DateTime::from_timestamp(t, 0).expect("in range").year()
}

/// Every change of offset of `zone` in (FROM, TO], by the zone's own enumeration.
fn changes(zone: Zone) -> Vec<(i64, i32)> {
    let mut out = vec![];
    let mut t = FROM;
    while let Some(c) = zone.next_change(t) {
        if c.0 > TO {
            break;
        }
        out.push(c);
        t = c.0;
    }
    out
}

#[derive(Default, Debug)]
struct Counts {
    names: usize,
    changes: usize,
    offsets: usize,
    locals: usize,
}

/// Compares every name of `table` the fixture knows; returns what it checked.
fn check(table: &'static Table) -> Counts {
    let mut n = Counts::default();
    let mut problems = vec![];
    for entry in fixture() {
        for &name in &entry.names {
            let Some(zone) = table.zone(name) else {
                continue;
            };
            n.names += 1;
            if zone.offset_at(FROM) != entry.initial {
                problems.push(format!(
                    "{name}: offset at the start {}",
                    zone.offset_at(FROM)
                ));
            }
            let ours = changes(zone);
            if ours != entry.changes {
                let i = ours
                    .iter()
                    .zip(&entry.changes)
                    .take_while(|(a, b)| a == b)
                    .count();
                problems.push(format!(
                    "{name}: change #{i}: ours {:?}, zoneinfo {:?}",
                    ours.get(i),
                    entry.changes.get(i)
                ));
            }
            let mut before = entry.initial;
            for &(t, offset) in &entry.changes {
                // The zone itself, and the calendar of the year (its own copy of the
                // year's changes).
                let cal = Calendar::new(zone, year(t));
                for (at, want) in [(t - 1, before), (t, offset)] {
                    n.offsets += 1;
                    let (ours, cal_says) = (zone.offset_at(at), cal.offset_seconds(at));
                    if ours != want || cal_says != want {
                        problems.push(format!(
                            "{name}: at {at} ours {ours} / {cal_says}, zoneinfo {want}"
                        ));
                    }
                }
                before = offset;
            }
            n.changes += entry.changes.len();
            for &(local, want) in &entry.locals {
                n.locals += 1;
                let cal = Calendar::new(zone, local.year());
                let (ours, cal_says) = (
                    zone.instant_of_local(local.and_utc().timestamp()),
                    cal.instant(local),
                );
                if ours != want || cal_says != want {
                    problems.push(format!(
                        "{name}: {local} -> {ours} / {cal_says}, zoneinfo {want}"
                    ));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} differences:\n{}",
        problems.len(),
        problems[..problems.len().min(40)].join("\n")
    );
    n
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn native_table_equals_zoneinfo_for_every_zone() {
    let table = Table::carried();
    let fixture_names: Vec<&str> = fixture().iter().flat_map(|e| e.names.clone()).collect();
    let carried: Vec<&str> = table.names().collect();
    let mut sorted = fixture_names.clone();
    sorted.sort_unstable();
    assert_eq!(
        carried, sorted,
        "the native table carries exactly zoneinfo's names"
    );
    let n = check(table);
    assert_eq!(n.names, carried.len());
    println!("native table, tzdata {}: {n:?}", table.version());
}

/// The names of web-zones.txt, sorted.
fn web_list() -> Vec<&'static str> {
    let mut listed: Vec<&str> = WEB_LIST
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    listed.sort_unstable();
    listed
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn web_table_is_the_listed_zones_and_equals_zoneinfo() {
    let table: &'static Table = Box::leak(Box::new(Table::parse(WEB_TABLE).expect("web table")));
    let listed = web_list();
    assert_eq!(
        table.names().collect::<Vec<_>>(),
        listed,
        "regenerate with scripts/gen-zones.py"
    );
    assert_eq!(table.version(), Table::carried().version());
    let n = check(table);
    assert_eq!(n.names, listed.len());
    println!("web table: {n:?}");
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn new_york_2100_is_summer_time() {
    new_york_2100();
}

fn new_york_2100() {
    let ny = Zone::named("America/New_York").expect("zone");
    let cal = Calendar::new(ny, 2100);
    let noon =
        NaiveDateTime::parse_from_str("2100-07-01T12:00:00", "%Y-%m-%dT%H:%M:%S").expect("literal");
    assert_eq!(cal.rfc3339(cal.instant(noon)), "2100-07-01T12:00:00-04:00");
}

/// The same in Chromium: the wasm build carries the web table (and decodes it with a
/// 32-bit `usize`).
#[cfg(target_arch = "wasm32")]
mod wasm {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn the_pages_table_is_the_listed_zones_and_equals_zoneinfo() {
        let table = Table::carried();
        assert_eq!(table.names().collect::<Vec<_>>(), web_list());
        let n = check(table);
        assert_eq!(n.names, web_list().len());
        new_york_2100();
    }
}
