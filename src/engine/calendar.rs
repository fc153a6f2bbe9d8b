//! Local time ↔ instant in the workflow's time zone, and the simulated horizon.
//!
//! Instants are `i64` seconds since the Unix epoch (UTC): small, `Copy`, totally
//! ordered and identical natively and in wasm. Local date-times are chrono
//! `NaiveDateTime`s read in the scenario's IANA zone (chrono-tz).
//!
//! The contract's rule (RFC 5545): a local time that does not exist (spring-forward
//! gap) is read with the UTC offset in force *before* the gap; a local time that
//! occurs twice (fall-back) is its *first* occurrence.

use chrono::{
    DateTime, Duration, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, Offset, TimeZone,
};
use chrono_tz::Tz;

/// An instant: seconds since 1970-01-01T00:00:00Z.
pub type Instant = i64;

/// The workflow's time zone and the simulated year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Calendar {
    pub tz: Tz,
    pub year: i32,
    /// `year-01-01 00:00` local, inclusive.
    pub horizon_start: Instant,
    /// `(year+1)-01-01 00:00` local, exclusive.
    pub horizon_end: Instant,
}

impl Calendar {
    /// The calendar of `year` in zone `tz`. `year` must be in the contract's range
    /// (1900–2200), which validation guarantees.
    pub fn new(tz: Tz, year: i32) -> Calendar {
        let start = first_of_year(year);
        let end = first_of_year(year + 1);
        Calendar {
            tz,
            year,
            horizon_start: to_instant(tz, start),
            horizon_end: to_instant(tz, end),
        }
    }

    /// The instant of a local date-time, by the contract's gap/overlap rule.
    pub fn instant(&self, local: NaiveDateTime) -> Instant {
        to_instant(self.tz, local)
    }

    /// The local date-time of an instant.
    pub fn local(&self, at: Instant) -> NaiveDateTime {
        self.tz.from_utc_datetime(&utc_naive(at)).naive_local()
    }

    /// The local date of an instant.
    pub fn local_date(&self, at: Instant) -> NaiveDate {
        self.local(at).date()
    }

    /// The UTC offset in force at an instant, in seconds east of UTC.
    pub fn offset_seconds(&self, at: Instant) -> i32 {
        self.tz
            .offset_from_utc_datetime(&utc_naive(at))
            .fix()
            .local_minus_utc()
    }

    /// Is the instant inside `[horizon_start, horizon_end)`?
    pub fn in_horizon(&self, at: Instant) -> bool {
        at >= self.horizon_start && at < self.horizon_end
    }

    /// RFC 3339 with the zone's offset, e.g. `2026-01-05T09:00:00+01:00`
    /// (`Z` is never used: UTC prints as `+00:00`).
    pub fn rfc3339(&self, at: Instant) -> String {
        let offset = FixedOffset::east_opt(self.offset_seconds(at)).unwrap_or(utc_offset());
        let dt: DateTime<FixedOffset> = offset.from_utc_datetime(&utc_naive(at));
        dt.format("%Y-%m-%dT%H:%M:%S%:z").to_string()
    }
}

fn utc_offset() -> FixedOffset {
    // 0 is always a valid offset.
    FixedOffset::east_opt(0).unwrap_or_else(|| unreachable!())
}

fn first_of_year(year: i32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(year, 1, 1)
        .unwrap_or(NaiveDate::MIN)
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default()
}

/// The naive UTC date-time of an instant (saturating far outside the supported range).
pub fn utc_naive(at: Instant) -> NaiveDateTime {
    DateTime::from_timestamp(at, 0)
        .map(|d| d.naive_utc())
        .unwrap_or_default()
}

/// Local date-time → instant in `tz`, by the contract's rule.
pub fn to_instant(tz: Tz, local: NaiveDateTime) -> Instant {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(dt) => dt.timestamp(),
        // Fall-back: the first occurrence is the earlier instant.
        LocalResult::Ambiguous(a, b) => a.timestamp().min(b.timestamp()),
        LocalResult::None => {
            // Spring-forward gap: read with the offset in force just before the gap.
            // The gap starts at some instant g; the offset before it is the offset at
            // g - 1 s. We find it from a local time safely before the gap (gaps are at
            // most a day long in the IANA data) and step forward to the last offset in
            // force before `local`.
            let before = offset_before_gap(tz, local);
            local.and_utc().timestamp() - i64::from(before)
        }
    }
}

/// The UTC offset (seconds) in force immediately before the gap that swallows `local`.
///
/// Walking back from inside a gap, the first local time that exists again lies just
/// before the gap (IANA gaps last from 30 minutes to a day), so its offset is the one
/// in force before the gap.
fn offset_before_gap(tz: Tz, local: NaiveDateTime) -> i32 {
    for minutes_back in (15..=26 * 60).step_by(15) {
        let probe = local - Duration::minutes(minutes_back);
        match tz.from_local_datetime(&probe) {
            LocalResult::Single(dt) => return dt.offset().fix().local_minus_utc(),
            LocalResult::Ambiguous(_, b) => return b.offset().fix().local_minus_utc(),
            LocalResult::None => continue,
        }
    }
    // Unreachable with real IANA data; fall back to the offset at the naive-UTC reading.
    tz.offset_from_utc_datetime(&local).fix().local_minus_utc()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ndt(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").expect("test literal")
    }

    #[test]
    fn paris_spring_forward_gap_reads_with_winter_offset() {
        // 2026-03-29: Paris jumps from 02:00 CET to 03:00 CEST. 02:30 does not exist;
        // read with +01:00 it is 01:30Z, which is 03:30 summer time.
        let cal = Calendar::new(chrono_tz::Europe::Paris, 2026);
        let at = cal.instant(ndt("2026-03-29T02:30"));
        assert_eq!(cal.rfc3339(at), "2026-03-29T03:30:00+02:00");
    }

    #[test]
    fn paris_fall_back_overlap_is_first_occurrence() {
        // 2026-10-25: 02:30 happens at +02:00 and again at +01:00; first wins.
        let cal = Calendar::new(chrono_tz::Europe::Paris, 2026);
        let at = cal.instant(ndt("2026-10-25T02:30"));
        assert_eq!(cal.rfc3339(at), "2026-10-25T02:30:00+02:00");
    }

    #[test]
    fn horizon_is_local_new_year_to_new_year() {
        let cal = Calendar::new(chrono_tz::Europe::Paris, 2026);
        assert_eq!(cal.rfc3339(cal.horizon_start), "2026-01-01T00:00:00+01:00");
        assert_eq!(cal.rfc3339(cal.horizon_end), "2027-01-01T00:00:00+01:00");
        assert!(cal.in_horizon(cal.horizon_start));
        assert!(!cal.in_horizon(cal.horizon_end));
    }

    #[test]
    fn utc_prints_plus_zero_offset() {
        let cal = Calendar::new(chrono_tz::UTC, 2026);
        assert_eq!(cal.rfc3339(cal.horizon_start), "2026-01-01T00:00:00+00:00");
    }
}
