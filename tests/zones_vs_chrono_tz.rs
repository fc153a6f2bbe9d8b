//! One-off comparison before chrono-tz is removed: the engine's zones against
//! chrono-tz 0.10.4 (tzdata 2025b without backzone), 1900–2099, every zone chrono-tz
//! has. Offsets on a 3-hour grid and on both sides of every change of either; local →
//! instant (the old chrono-tz-based `to_instant`, copied here) around every change.
//! Writes the differences to target/zones-vs-chrono-tz.txt.
#![cfg(not(target_arch = "wasm32"))]

use campaign_sim::engine::tz::{Table, Zone};
use chrono::{DateTime, Duration, LocalResult, NaiveDateTime, Offset, TimeZone};
use chrono_tz::Tz;
use std::fmt::Write;

const FROM: i64 = -2_208_988_800; // 1900-01-01T00:00Z
const TO: i64 = 4_102_444_800; // 2100-01-01T00:00Z
const STEP: i64 = 3 * 3600;

fn naive(t: i64) -> NaiveDateTime {
    DateTime::from_timestamp(t, 0).unwrap().naive_utc()
}

fn ctz(tz: Tz, t: i64) -> i32 {
    tz.offset_from_utc_datetime(&naive(t))
        .fix()
        .local_minus_utc()
}

/// The old calendar.rs conversion, verbatim.
fn old_to_instant(tz: Tz, local: NaiveDateTime) -> i64 {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(dt) => dt.timestamp(),
        LocalResult::Ambiguous(a, b) => a.timestamp().min(b.timestamp()),
        LocalResult::None => {
            let before = offset_before_gap(tz, local);
            local.and_utc().timestamp() - i64::from(before)
        }
    }
}

fn offset_before_gap(tz: Tz, local: NaiveDateTime) -> i32 {
    for minutes_back in (15..=26 * 60).step_by(15) {
        let probe = local - Duration::minutes(minutes_back);
        match tz.from_local_datetime(&probe) {
            LocalResult::Single(dt) => return dt.offset().fix().local_minus_utc(),
            LocalResult::Ambiguous(_, b) => return b.offset().fix().local_minus_utc(),
            LocalResult::None => continue,
        }
    }
    tz.offset_from_utc_datetime(&local).fix().local_minus_utc()
}

/// The changes of chrono-tz's offset in (FROM, TO): grid + bisection.
fn ctz_changes(tz: Tz) -> Vec<i64> {
    let mut out = vec![];
    let mut t = FROM;
    let mut o = ctz(tz, t);
    while t < TO {
        let u = (t + STEP).min(TO);
        let p = ctz(tz, u);
        if p != o {
            let (mut lo, mut hi) = (t, u);
            while hi - lo > 1 {
                let mid = (lo + hi) / 2;
                if ctz(tz, mid) == o {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            out.push(hi);
        }
        t = u;
        o = p;
    }
    out
}

fn our_changes(z: Zone) -> Vec<i64> {
    let mut out = vec![];
    let mut t = FROM;
    while let Some((c, _)) = z.next_change(t) {
        if c >= TO {
            break;
        }
        out.push(c);
        t = c;
    }
    out
}

#[test]
fn compare_with_chrono_tz() {
    let mut report = String::new();
    let (mut zones, mut same, mut points, mut locals) = (0, 0, 0usize, 0usize);
    for &tz in chrono_tz::TZ_VARIANTS.iter() {
        let name = tz.name();
        let z = Table::carried()
            .zone(name)
            .unwrap_or_else(|| panic!("{name} missing"));
        zones += 1;
        let mut pts: Vec<i64> = (FROM..TO).step_by(STEP as usize).collect();
        let ours = our_changes(z);
        let theirs = ctz_changes(tz);
        for &c in ours.iter().chain(&theirs) {
            pts.extend([c - 1, c]);
        }
        pts.sort_unstable();
        pts.dedup();
        points += pts.len();
        // Differing spans: [first, last] of consecutive differing points.
        let mut spans: Vec<(i64, i64, i32, i32)> = vec![];
        let mut open = false;
        for &t in &pts {
            let (a, b) = (z.offset_at(t), ctz(tz, t));
            if a != b {
                if open {
                    spans.last_mut().unwrap().1 = t;
                } else {
                    spans.push((t, t, a, b));
                    open = true;
                }
            } else {
                open = false;
            }
        }
        // Local -> instant around each change both agree on.
        let mut local_diffs = vec![];
        for &c in &ours {
            if c <= FROM + 2 * 86_400 || c >= TO - 2 * 86_400 {
                continue;
            }
            let (ob, oa) = (z.offset_at(c - 1) as i64, z.offset_at(c) as i64);
            if ctz(tz, c - 1) as i64 != ob || ctz(tz, c) as i64 != oa {
                continue;
            }
            let (lo, hi) = (c + ob.min(oa), c + ob.max(oa));
            for l in [lo - 1, lo, (lo + hi) / 2, hi - 1, hi, hi + 3600] {
                locals += 1;
                let (new, old) = (z.instant_of_local(l), old_to_instant(tz, naive(l)));
                if new != old {
                    local_diffs.push((naive(l), new, old));
                }
            }
        }
        if spans.is_empty() && local_diffs.is_empty() {
            same += 1;
            continue;
        }
        writeln!(
            report,
            "{name}: {} spans differ, {} local conversions",
            spans.len(),
            local_diffs.len()
        )
        .unwrap();
        let last_year = spans
            .iter()
            .map(|s| naive(s.1).format("%Y").to_string())
            .max();
        writeln!(report, "  last difference in {last_year:?}").unwrap();
        let shown: Vec<_> = if spans.len() > 6 {
            spans[..3].iter().chain(&spans[spans.len() - 3..]).collect()
        } else {
            spans.iter().collect()
        };
        for (a, b, ours, theirs) in shown {
            writeln!(
                report,
                "  {} .. {}: ours {ours}, chrono-tz {theirs}",
                naive(*a),
                naive(*b)
            )
            .unwrap();
        }
        for (l, new, old) in local_diffs.iter().take(4) {
            writeln!(
                report,
                "  local {l}: ours {}, old {}",
                naive(*new),
                naive(*old)
            )
            .unwrap();
        }
    }
    let head = format!(
        "{zones} zones, {same} identical 1900-2099, {points} offsets compared, {locals} local conversions\n"
    );
    std::fs::write(
        concat!(env!("CARGO_MANIFEST_DIR"), "/target/zones-vs-chrono-tz.txt"),
        head.clone() + &report,
    )
    .unwrap();
    println!("{head}");
}

/// Speed of local -> instant and instant -> offset, old and new, on a year of
/// 5-minute slots (run with --release --ignored).
#[test]
#[ignore]
fn timing() {
    use campaign_sim::engine::calendar::Calendar;
    use std::hint::black_box;
    use std::time::Instant;
    for (name, year) in [
        ("Europe/Paris", 2026),
        ("America/New_York", 2026),
        ("Asia/Tokyo", 2026),
        ("Europe/Paris", 1985),
    ] {
        let tz: Tz = name.parse().unwrap();
        let cal = Calendar::new(Zone::named(name).unwrap(), year);
        let start = naive(cal.horizon_start);
        let locals: Vec<NaiveDateTime> = (0..105_120)
            .map(|i| start + Duration::minutes(5 * i))
            .collect();
        let t0 = Instant::now();
        let mut s = 0i64;
        for l in &locals {
            s += old_to_instant(tz, *l);
        }
        let old = t0.elapsed();
        let t0 = Instant::now();
        let mut s2 = 0i64;
        for l in &locals {
            s2 += cal.instant(*l);
        }
        let new = t0.elapsed();
        assert_eq!(black_box(s), black_box(s2));
        let t0 = Instant::now();
        let mut a = 0i64;
        for i in 0..105_120 {
            a += i64::from(ctz(tz, cal.horizon_start + 300 * i));
        }
        let old_off = t0.elapsed();
        let t0 = Instant::now();
        let mut b = 0i64;
        for i in 0..105_120 {
            b += i64::from(cal.offset_seconds(cal.horizon_start + 300 * i));
        }
        let new_off = t0.elapsed();
        assert_eq!(black_box(a), black_box(b));
        println!(
            "{name} {year}: local->instant old {:.0} ns, new {:.0} ns; offset old {:.0} ns, new {:.0} ns",
            old.as_nanos() as f64 / 105_120.0,
            new.as_nanos() as f64 / 105_120.0,
            old_off.as_nanos() as f64 / 105_120.0,
            new_off.as_nanos() as f64 / 105_120.0
        );
    }
}
