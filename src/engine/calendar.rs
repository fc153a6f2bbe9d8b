//! Local time ↔ instant in the workflow's time zone, and the simulated horizon.
//!
//! Instants are `i64` seconds since the Unix epoch (UTC): small, `Copy`, totally
//! ordered and identical natively and in wasm. Local date-times are chrono
//! `NaiveDateTime`s read in the scenario's IANA zone ([`crate::tz`]: the tzdata's
//! transitions plus the zone's POSIX rule, exact from 1900 to 2200 and after).
//!
//! The contract's rule (RFC 5545): a local time that does not exist (spring-forward
//! gap) is read with the UTC offset in force *before* the gap; a local time that
//! occurs twice (fall-back) is its *first* occurrence.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, TimeZone};
use serde::Serialize;

use crate::tz::{Span, Zone};

/// An instant: seconds since 1970-01-01T00:00:00Z.
pub type Instant = i64;

/// The workflow's time zone and the simulated year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Calendar {
    pub tz: Zone,
    pub year: i32,
    /// `year-01-01 00:00` local, inclusive.
    pub horizon_start: Instant,
    /// `(year+1)-01-01 00:00` local, exclusive.
    pub horizon_end: Instant,
    /// The zone's offsets from two days before the horizon to two days after it:
    /// conversions inside it (nearly all) are a scan of a few entries.
    near: Option<Span>,
}

impl Calendar {
    /// The calendar of `year` in zone `tz`. `year` must be in the contract's range
    /// (1900–2200), which validation guarantees.
    pub fn new(tz: Zone, year: i32) -> Calendar {
        let horizon_start = to_instant(tz, first_of_year(year));
        let horizon_end = to_instant(tz, first_of_year(year + 1));
        const MARGIN: i64 = 2 * 86_400;
        Calendar {
            tz,
            year,
            horizon_start,
            horizon_end,
            near: tz.span(horizon_start - MARGIN, horizon_end + MARGIN),
        }
    }

    /// The instant of a local date-time, by the contract's gap/overlap rule.
    pub fn instant(&self, local: NaiveDateTime) -> Instant {
        let secs = local.and_utc().timestamp();
        self.near
            .and_then(|n| n.instant_of_local(secs))
            .unwrap_or_else(|| self.tz.instant_of_local(secs))
    }

    /// The local date-time of an instant.
    pub fn local(&self, at: Instant) -> NaiveDateTime {
        utc_naive(at.saturating_add(i64::from(self.offset_seconds(at))))
    }

    /// The local date of an instant.
    pub fn local_date(&self, at: Instant) -> NaiveDate {
        self.local(at).date()
    }

    /// The UTC offset in force at an instant, in seconds east of UTC.
    pub fn offset_seconds(&self, at: Instant) -> i32 {
        self.near
            .and_then(|n| n.offset_at(at))
            .unwrap_or_else(|| self.tz.offset_at(at))
    }

    /// Is the instant inside `[horizon_start, horizon_end)`?
    pub fn in_horizon(&self, at: Instant) -> bool {
        at >= self.horizon_start && at < self.horizon_end
    }

    /// How the contract's daylight-saving rule placed the local time `local`, read
    /// as the instant `at` (`at == self.instant(local)`): `None` for an ordinary
    /// local time, else the time it ran at, with a gap (it does not exist) or a
    /// repeated time (it occurs twice; `at` is the first).
    pub fn dst_shift(&self, local: NaiveDateTime, at: Instant) -> Option<DstShift> {
        let gap = if self.local(at) != local {
            true
        } else {
            // A second occurrence comes after a fall-back of at most a few hours.
            let here = self.offset_seconds(at);
            let later = self.offset_seconds(at + 4 * 3600);
            if later >= here {
                return None;
            }
            let second = at + i64::from(here - later);
            if !(self.offset_seconds(second) == later && self.local(second) == local) {
                return None;
            }
            false
        };
        Some(DstShift {
            planned: local,
            ran: self.local(at),
            offset: self.offset_seconds(at),
            gap,
        })
    }

    /// The local days of the year, in order, each with the instants `[start, end)` it
    /// covers: from its local midnight (read by the contract's rule when midnight
    /// does not exist) to the next day's. They tile the horizon: the first starts at
    /// `horizon_start`, each ends where the next starts, the last ends at
    /// `horizon_end`; a day with a daylight-saving change is 23 or 25 hours long.
    ///
    /// ```
    /// use campaign_sim::engine::calendar::Calendar;
    /// let cal = Calendar::new(campaign_sim::tz::Zone::named("Europe/Paris").unwrap(), 2026);
    /// let days = cal.days();
    /// assert_eq!(days.len(), 365);
    /// let spring = days.iter().find(|d| d.date.to_string() == "2026-03-29").unwrap();
    /// assert_eq!(spring.end - spring.start, 23 * 3600);
    /// ```
    pub fn days(&self) -> Vec<LocalDay> {
        let midnight = |d: NaiveDate| d.and_hms_opt(0, 0, 0).map(|l| self.instant(l));
        let mut out = Vec::with_capacity(366);
        let mut day = NaiveDate::from_ymd_opt(self.year, 1, 1);
        while let Some(date) = day.filter(|d| d.year() == self.year) {
            let next = date.succ_opt();
            let (Some(start), Some(end)) = (midnight(date), next.and_then(midnight)) else {
                break;
            };
            out.push(LocalDay { date, start, end });
            day = next;
        }
        out
    }

    /// The zone's change of UTC offset (a daylight-saving change) during `day`, if
    /// any (the first, should a day have two).
    pub fn clock_change(&self, day: &LocalDay) -> Option<ClockChange> {
        let mut t = day.start - 1;
        while let Some((at, after)) = self.tz.next_change(t) {
            if at >= day.end {
                return None;
            }
            let before = self.offset_seconds(at - 1);
            if before != after {
                return Some(ClockChange {
                    at,
                    before,
                    after,
                    forward: after > before,
                });
            }
            t = at;
        }
        None
    }

    /// RFC 3339 with the zone's offset, e.g. `2026-01-05T09:00:00+01:00`
    /// (`Z` is never used: UTC prints as `+00:00`).
    pub fn rfc3339(&self, at: Instant) -> String {
        let offset = FixedOffset::east_opt(self.offset_seconds(at)).unwrap_or(utc_offset());
        let dt: DateTime<FixedOffset> = offset.from_utc_datetime(&utc_naive(at));
        dt.format("%Y-%m-%dT%H:%M:%S%:z").to_string()
    }
}

/// How the contract's daylight-saving rule placed a slot whose local time does not
/// exist or exists twice that day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DstShift {
    /// The local time the schedule asked for (e.g. 02:30).
    pub planned: NaiveDateTime,
    /// The local time it ran at (03:30 after a gap; 02:30 again after a fall-back).
    pub ran: NaiveDateTime,
    /// The UTC offset in force when it ran, seconds east of UTC.
    pub offset: i32,
    /// `true`: the time fell in the spring-forward gap and was read with the offset in
    /// force before it (02:30 runs at 03:30 summer time); `false`: it occurred twice
    /// (fall-back) and ran at its first occurrence.
    pub gap: bool,
}

/// One local day of a calendar's year and the instants `[start, end)` it covers
/// ([`Calendar::days`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LocalDay {
    pub date: NaiveDate,
    /// Its local midnight.
    pub start: Instant,
    /// The next local midnight (excluded).
    pub end: Instant,
}

impl LocalDay {
    /// Does the day hold the instant?
    pub fn contains(&self, at: Instant) -> bool {
        self.start <= at && at < self.end
    }

    /// Its length in seconds (86,400 but on a day the clocks change).
    pub fn seconds(&self) -> i64 {
        self.end - self.start
    }
}

/// A change of the zone's UTC offset: the clocks go forward (spring, a 23-hour day in
/// Paris) or back (autumn, 25 hours).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct ClockChange {
    /// The instant of the change.
    pub at: Instant,
    /// The offsets before and after it, seconds east of UTC.
    pub before: i32,
    pub after: i32,
    /// The clocks go forward (`after > before`).
    pub forward: bool,
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

/// Local date-time → instant in `tz`, by the contract's rule: a local time in a
/// spring-forward gap is read with the offset in force before the gap, one that occurs
/// twice (fall-back) is its first occurrence.
pub fn to_instant(tz: Zone, local: NaiveDateTime) -> Instant {
    tz.instant_of_local(local.and_utc().timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zone(name: &str) -> Zone {
        Zone::named(name).expect("a carried zone")
    }

    fn ndt(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").expect("test literal")
    }

    #[test]
    fn paris_spring_forward_gap_reads_with_winter_offset() {
        // 2026-03-29: Paris jumps from 02:00 CET to 03:00 CEST. 02:30 does not exist;
        // read with +01:00 it is 01:30Z, which is 03:30 summer time.
        let cal = Calendar::new(zone("Europe/Paris"), 2026);
        let at = cal.instant(ndt("2026-03-29T02:30"));
        assert_eq!(cal.rfc3339(at), "2026-03-29T03:30:00+02:00");
    }

    #[test]
    fn paris_fall_back_overlap_is_first_occurrence() {
        // 2026-10-25: 02:30 happens at +02:00 and again at +01:00; first wins.
        let cal = Calendar::new(zone("Europe/Paris"), 2026);
        let at = cal.instant(ndt("2026-10-25T02:30"));
        assert_eq!(cal.rfc3339(at), "2026-10-25T02:30:00+02:00");
    }

    #[test]
    fn horizon_is_local_new_year_to_new_year() {
        let cal = Calendar::new(zone("Europe/Paris"), 2026);
        assert_eq!(cal.rfc3339(cal.horizon_start), "2026-01-01T00:00:00+01:00");
        assert_eq!(cal.rfc3339(cal.horizon_end), "2027-01-01T00:00:00+01:00");
        assert!(cal.in_horizon(cal.horizon_start));
        assert!(!cal.in_horizon(cal.horizon_end));
    }

    #[test]
    fn utc_prints_plus_zero_offset() {
        let cal = Calendar::new(zone("UTC"), 2026);
        assert_eq!(cal.rfc3339(cal.horizon_start), "2026-01-01T00:00:00+00:00");
    }

    /// `local` read in `zone` by the contract's rule, printed with its offset.
    fn read(zone_name: &str, local: &str) -> String {
        let cal = Calendar::new(zone(zone_name), 2100);
        cal.rfc3339(cal.instant(ndt(local)))
    }

    #[test]
    fn summer_time_continues_after_2099() {
        // chrono-tz stopped at 2099 and gave -05:00 here.
        assert_eq!(
            read("America/New_York", "2100-07-01T12:00"),
            "2100-07-01T12:00:00-04:00"
        );
        assert_eq!(
            read("Europe/Paris", "2200-07-01T12:00"),
            "2200-07-01T12:00:00+02:00"
        );
        assert_eq!(
            read("Australia/Sydney", "2150-01-15T12:00"),
            "2150-01-15T12:00:00+11:00"
        );
        let cal = Calendar::new(zone("America/New_York"), 2100);
        assert_eq!(cal.rfc3339(cal.horizon_start), "2100-01-01T00:00:00-05:00");
        assert_eq!(
            cal.offset_seconds(cal.horizon_start + 182 * 86_400),
            -4 * 3600
        );
    }

    #[test]
    fn gaps_and_overlaps_after_2099() {
        // Gaps: read with the offset before the gap (the same as Python's fold=0).
        assert_eq!(
            read("Europe/Paris", "2150-03-29T02:30"),
            "2150-03-29T03:30:00+02:00"
        );
        assert_eq!(
            read("America/New_York", "2200-03-09T02:30"),
            "2200-03-09T03:30:00-04:00"
        );
        // Lord Howe's 30-minute gap: 02:00 -> 02:30 on the first Sunday of October.
        assert_eq!(
            read("Australia/Lord_Howe", "2100-10-03T02:15"),
            "2100-10-03T02:45:00+11:00"
        );
        // Overlaps: the first occurrence.
        assert_eq!(
            read("Europe/Paris", "2150-10-25T02:30"),
            "2150-10-25T02:30:00+02:00"
        );
        assert_eq!(
            read("America/New_York", "2200-11-02T01:30"),
            "2200-11-02T01:30:00-04:00"
        );
        assert_eq!(
            read("Australia/Lord_Howe", "2101-04-03T01:45"),
            "2101-04-03T01:45:00+11:00"
        );
        // Just outside them, the one reading.
        assert_eq!(
            read("Europe/Paris", "2150-03-29T01:59"),
            "2150-03-29T01:59:00+01:00"
        );
        assert_eq!(
            read("Europe/Paris", "2150-03-29T03:00"),
            "2150-03-29T03:00:00+02:00"
        );
        assert_eq!(
            read("Europe/Paris", "2150-10-25T03:00"),
            "2150-10-25T03:00:00+01:00"
        );
    }

    #[test]
    fn local_round_trips() {
        let cal = Calendar::new(zone("Australia/Lord_Howe"), 2150);
        let mut t = cal.horizon_start;
        while t < cal.horizon_end {
            let back = cal.instant(cal.local(t));
            assert_eq!(cal.local(back), cal.local(t), "{}", cal.rfc3339(t));
            // The same instant, unless t is the second occurrence of its local time.
            let second = cal.offset_seconds(t) < cal.offset_seconds(t - 3600);
            assert!(back == t || (second && back < t), "{}", cal.rfc3339(t));
            t += 17 * 60;
        }
    }

    #[test]
    fn the_local_days_tile_the_horizon_in_any_zone() {
        for (name, year) in [
            ("UTC", 2026),
            ("Europe/Paris", 2026),
            ("America/Santiago", 2026),
            ("Australia/Lord_Howe", 2026),
            ("America/New_York", 2100),
            ("Pacific/Apia", 2011),
        ] {
            let cal = Calendar::new(zone(name), year);
            let days = cal.days();
            assert_eq!(
                days.first().map(|d| d.start),
                Some(cal.horizon_start),
                "{name}"
            );
            assert_eq!(days.last().map(|d| d.end), Some(cal.horizon_end), "{name}");
            assert!(days.windows(2).all(|w| w[0].end == w[1].start), "{name}");
            let leap = NaiveDate::from_ymd_opt(year, 2, 29).is_some();
            assert_eq!(days.len(), if leap { 366 } else { 365 }, "{name}");
            for d in &days {
                // A day starts at its first instant: midnight, or the end of a gap
                // that swallowed midnight (and a day a zone skipped is empty).
                assert!(d.start <= d.end, "{name} {}", d.date);
                if d.start < d.end {
                    assert_eq!(cal.local_date(d.start), d.date, "{name}");
                    assert_eq!(cal.local_date(d.end - 1), d.date, "{name}");
                }
                let change = cal.clock_change(d);
                if d.seconds() != 86_400 && d.seconds() > 0 {
                    let c = change.unwrap_or_else(|| panic!("{name} {}: no clock change", d.date));
                    assert_eq!(i64::from(c.before - c.after), d.seconds() - 86_400);
                    assert_eq!(c.forward, d.seconds() < 86_400);
                }
            }
        }
        // Samoa skipped 30 December 2011.
        let apia = Calendar::new(zone("Pacific/Apia"), 2011);
        let skipped = apia.days()[363];
        assert_eq!(
            (skipped.date.to_string(), skipped.seconds()),
            ("2011-12-30".to_string(), 0)
        );
    }
}
