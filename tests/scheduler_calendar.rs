//! The calendar's DST rule in each zone the issue names, on both transition days of
//! 2026, and in UTC: a missing local time is read with the offset before the gap, a
//! repeated one is its first occurrence, and every other local time round-trips.

use campaign_sim::engine::calendar::Calendar;
use campaign_sim::engine::doc::{parse_local_datetime, parse_timezone};

fn cal(tz: &str) -> Calendar {
    Calendar::new(parse_timezone(tz).unwrap(), 2026)
}

#[test]
fn gap_and_overlap_in_every_zone() {
    // (zone, local time, expected instant with offset, why)
    let cases = [
        (
            "Europe/Paris",
            "2026-03-29T02:00",
            "2026-03-29T03:00:00+02:00",
            "gap start, read at +01:00",
        ),
        (
            "Europe/Paris",
            "2026-03-29T02:59",
            "2026-03-29T03:59:00+02:00",
            "gap end, read at +01:00",
        ),
        (
            "Europe/Paris",
            "2026-03-29T01:59",
            "2026-03-29T01:59:00+01:00",
            "just before the gap",
        ),
        (
            "Europe/Paris",
            "2026-10-25T02:00",
            "2026-10-25T02:00:00+02:00",
            "overlap start, first occurrence",
        ),
        (
            "Europe/Paris",
            "2026-10-25T02:59",
            "2026-10-25T02:59:00+02:00",
            "overlap end, first occurrence",
        ),
        (
            "Europe/Paris",
            "2026-10-25T03:00",
            "2026-10-25T03:00:00+01:00",
            "after the overlap",
        ),
        (
            "America/New_York",
            "2026-03-08T02:30",
            "2026-03-08T03:30:00-04:00",
            "gap, read at -05:00",
        ),
        (
            "America/New_York",
            "2026-11-01T01:30",
            "2026-11-01T01:30:00-04:00",
            "overlap, first occurrence",
        ),
        (
            "America/Chicago",
            "2026-03-08T02:00",
            "2026-03-08T03:00:00-05:00",
            "gap, read at -06:00",
        ),
        (
            "America/Chicago",
            "2026-11-01T01:00",
            "2026-11-01T01:00:00-05:00",
            "overlap, first occurrence",
        ),
        (
            "Australia/Sydney",
            "2026-04-05T02:00",
            "2026-04-05T02:00:00+11:00",
            "southern autumn overlap, first occurrence",
        ),
        (
            "Australia/Sydney",
            "2026-04-05T03:00",
            "2026-04-05T03:00:00+10:00",
            "after the overlap",
        ),
        (
            "Australia/Sydney",
            "2026-10-04T02:45",
            "2026-10-04T03:45:00+11:00",
            "southern spring gap, read at +10:00",
        ),
        (
            "UTC",
            "2026-03-29T02:30",
            "2026-03-29T02:30:00+00:00",
            "no DST",
        ),
        (
            "UTC",
            "2026-10-25T02:30",
            "2026-10-25T02:30:00+00:00",
            "no DST",
        ),
    ];
    for (tz, local, want, why) in cases {
        let c = cal(tz);
        let at = c.instant(parse_local_datetime(local).unwrap());
        assert_eq!(c.rfc3339(at), want, "{tz} {local}: {why}");
    }
}

#[test]
fn existing_local_times_round_trip_through_instants() {
    for tz in [
        "Europe/Paris",
        "America/New_York",
        "America/Chicago",
        "Australia/Sydney",
        "UTC",
    ] {
        let c = cal(tz);
        // Every quarter hour of the year: a local time that exists once maps back to
        // itself; one in a gap does not exist, and one in an overlap maps to its first
        // occurrence, which also reads back as itself.
        let mut t = parse_local_datetime("2026-01-01T00:00").unwrap();
        let end = parse_local_datetime("2027-01-01T00:00").unwrap();
        let mut moved = 0;
        while t < end {
            let back = c.local(c.instant(t));
            if back != t {
                // Only gap times move, and forward by the gap's length (one hour here).
                assert_eq!(back - t, chrono::Duration::hours(1), "{tz} {t}");
                moved += 1;
            }
            t += chrono::Duration::minutes(15);
        }
        // One one-hour gap a year = 4 quarter hours, except in UTC.
        assert_eq!(moved, if tz == "UTC" { 0 } else { 4 }, "{tz}");
    }
}

#[test]
fn horizon_is_the_local_year() {
    let sydney = cal("Australia/Sydney");
    assert_eq!(
        sydney.rfc3339(sydney.horizon_start),
        "2026-01-01T00:00:00+11:00"
    );
    assert_eq!(
        sydney.rfc3339(sydney.horizon_end),
        "2027-01-01T00:00:00+11:00"
    );
    let ny = cal("America/New_York");
    assert_eq!(ny.rfc3339(ny.horizon_start), "2026-01-01T00:00:00-05:00");
    // 365 days plus nothing: DST changes cancel out over a year.
    assert_eq!(ny.horizon_end - ny.horizon_start, 365 * 86_400);
    // Kathmandu's +05:45 prints as such.
    let ktm = cal("Asia/Kathmandu");
    assert_eq!(ktm.rfc3339(ktm.horizon_start), "2026-01-01T00:00:00+05:45");
}
