//! POSIX TZ rules (the footer of a TZif file, RFC 8536 §3.3): the UTC offset of a zone
//! for every instant after its transition table.
//!
//! `std offset [dst [offset] ,start[/time],end[/time]]`, with names plain (`CET`,
//! three letters or more) or quoted (`<+0330>`); offsets `[+-]hh[:mm[:ss]]`, positive
//! west of Greenwich; rule dates `Jn` (1–365, 29 February never counted), `n` (0–365,
//! counted) or `Mm.w.d` (day `d` of week `w` of month `m`, week 5 = the last);
//! transition times `[+-]hh[:mm[:ss]]` with hours up to 167 (RFC 8536: `/25`, `/-2`,
//! `/2:45`), default 02:00. The start time is local standard time, the end time local
//! daylight time. A rule whose daylight period covers the whole year
//! (`EST5EDT,0/0,J365/25`) is daylight time all year.

/// Seconds in a day.
const DAY: i64 = 86_400;

/// A parsed POSIX TZ rule. Offsets are in seconds east of UTC.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PosixTz {
    /// Standard time's offset.
    pub std: i32,
    /// Daylight time, when the zone has one.
    pub dst: Option<Dst>,
}

/// The daylight-time part of a rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dst {
    /// Daylight time's offset (seconds east of UTC).
    pub offset: i32,
    /// The day daylight time starts, and the local standard time of day (seconds).
    pub start: RuleDay,
    pub start_time: i32,
    /// The day it ends, and the local daylight time of day (seconds).
    pub end: RuleDay,
    pub end_time: i32,
}

/// The day of the year a rule changes on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleDay {
    /// `Jn`: 1–365, 29 February not counted (J60 is always 1 March).
    Julian1(u16),
    /// `n`: 0–365, 29 February counted.
    Julian0(u16),
    /// `Mm.w.d`: month 1–12, week 1–5 (5 = last), weekday 0–6 (0 = Sunday).
    Mwd(u8, u8, u8),
}

/// A change of offset: the instant (seconds since the epoch) and the offset from it.
pub type Change = (i64, i32);

/// The most changes [`PosixTz::changes_between`] writes: two a year over four years.
pub const MAX_CHANGES: usize = 8;

impl PosixTz {
    /// Parses a rule; `None` when it is not one (or uses what RFC 8536 does not allow).
    pub fn parse(s: &str) -> Option<PosixTz> {
        let mut p = Parser {
            s: s.as_bytes(),
            i: 0,
        };
        p.name()?;
        let std = -p.hms(24)?;
        if p.done() {
            return Some(PosixTz { std, dst: None });
        }
        p.name()?;
        let offset = if p.peek() == Some(b',') {
            std + 3600
        } else {
            -p.hms(24)?
        };
        p.eat(b',')?;
        let start = p.day()?;
        let start_time = p.time()?;
        p.eat(b',')?;
        let end = p.day()?;
        let end_time = p.time()?;
        if !p.done() {
            return None;
        }
        Some(PosixTz {
            std,
            dst: Some(Dst {
                offset,
                start,
                start_time,
                end,
                end_time,
            }),
        })
    }

    /// The UTC offset at instant `t`.
    pub fn offset_at(&self, t: i64) -> i32 {
        let Some(dst) = self.dst else {
            return self.std;
        };
        let y = year_of(t);
        let daylight = if dst.mid_year() {
            // The common case, fast: this year's two changes decide.
            let (s, e) = dst.pair(self.std, y);
            dst.daylight_mid_year(s, e, t)
        } else {
            let mut periods = [(0, 0); 4];
            let n = dst.periods(self.std, y - 1, y + 1, &mut periods);
            periods[..n].iter().any(|&(s, e)| s <= t && t < e)
        };
        if daylight {
            dst.offset
        } else {
            self.std
        }
    }

    /// The offset at `lo` and the changes in `(lo, hi]` (written to `out`, in order;
    /// returns the offset and how many). `hi - lo` must be under two years.
    pub fn window(&self, lo: i64, hi: i64, out: &mut [Change; MAX_CHANGES]) -> (i32, usize) {
        match self.dst.filter(|d| d.offset != self.std) {
            None => (self.std, 0),
            Some(dst) if dst.mid_year() && hi - lo <= 7 * DAY => {
                // Only the changes of the window's year can fall in it.
                let (s, e) = dst.pair(self.std, year_of(lo + (hi - lo) / 2));
                let at_lo = if dst.daylight_mid_year(s, e, lo) {
                    dst.offset
                } else {
                    self.std
                };
                let (a, b) = if s < e {
                    ((s, dst.offset), (e, self.std))
                } else {
                    ((e, self.std), (s, dst.offset))
                };
                let mut n = 0;
                for c in [a, b] {
                    if c.0 > lo && c.0 <= hi {
                        out[n] = c;
                        n += 1;
                    }
                }
                (at_lo, n)
            }
            Some(_) => (self.offset_at(lo), self.changes_between(lo, hi, out)),
        }
    }

    /// The changes of offset in `(after, until]`, in order, written to `out`; returns
    /// how many. `until - after` must be under two years.
    pub fn changes_between(
        &self,
        after: i64,
        until: i64,
        out: &mut [Change; MAX_CHANGES],
    ) -> usize {
        let Some(dst) = self.dst.filter(|d| d.offset != self.std) else {
            return 0;
        };
        let y = year_of(after);
        let mut periods = [(0, 0); 4];
        let n = dst.periods(self.std, y - 1, y + 2, &mut periods);
        let mut k = 0;
        for &(s, e) in &periods[..n] {
            for c in [(s, dst.offset), (e, self.std)] {
                if c.0 > after && c.0 <= until {
                    out[k] = c;
                    k += 1;
                }
            }
        }
        k
    }

    /// The first change of offset after `t` (none for a rule without one).
    pub fn next_change(&self, t: i64) -> Option<Change> {
        let mut buf = [(0, 0); MAX_CHANGES];
        let n = self.changes_between(t, t + 366 * DAY, &mut buf);
        (n > 0).then(|| buf[0])
    }
}

impl Dst {
    /// Are both changes between 1 February and 30 November every year? Then, whatever
    /// their time of day, each is weeks away from a new year, and the daylight time of
    /// an instant depends only on the two changes of its own year.
    fn mid_year(&self) -> bool {
        self.start.mid_year() && self.end.mid_year()
    }

    /// The start and end instants of year `y`.
    fn pair(&self, std: i32, y: i64) -> (i64, i64) {
        let start = self.start.day(y) * DAY + i64::from(self.start_time) - i64::from(std);
        let end = self.end.day(y) * DAY + i64::from(self.end_time) - i64::from(self.offset);
        (start, end)
    }

    /// For a mid-year rule: is `t` (within a day of the year of `start` and `end`)
    /// daylight time?
    fn daylight_mid_year(&self, start: i64, end: i64, t: i64) -> bool {
        if start < end {
            start <= t && t < end
        } else {
            // Southern hemisphere: daylight time spans the new year.
            !(end <= t && t < start)
        }
    }

    /// The daylight periods `[start, end)` that start in years `from..=to` (at most
    /// four), as instants, in order; periods that overlap or touch are merged (a rule
    /// whose period ends after the next one starts is daylight time all year). Returns
    /// how many were written.
    fn periods(&self, std: i32, from: i64, to: i64, out: &mut [(i64, i64); 4]) -> usize {
        let start = |y: i64| self.start.day(y) * DAY + i64::from(self.start_time) - i64::from(std);
        let end =
            |y: i64| self.end.day(y) * DAY + i64::from(self.end_time) - i64::from(self.offset);
        let mut n = 0;
        for y in from..=to.min(from + 3) {
            let s = start(y);
            let mut e = end(y);
            if e <= s {
                // Southern hemisphere: the period ends the next year.
                e = end(y + 1);
            }
            if n > 0 && s <= out[n - 1].1 {
                out[n - 1].1 = out[n - 1].1.max(e);
            } else {
                out[n] = (s, e);
                n += 1;
            }
        }
        n
    }
}

impl RuleDay {
    /// Is this day between 1 February and 30 November in every year?
    fn mid_year(self) -> bool {
        match self {
            RuleDay::Julian1(n) => (32..=334).contains(&n),
            RuleDay::Julian0(n) => (31..=333).contains(&n),
            RuleDay::Mwd(m, _, _) => (2..=11).contains(&m),
        }
    }

    /// Days since 1970-01-01 of this day in year `y`.
    fn day(self, y: i64) -> i64 {
        let jan1 = days_from_civil(y, 1, 1);
        match self {
            RuleDay::Julian1(n) => {
                let n = i64::from(n);
                jan1 + n - 1 + i64::from(is_leap(y) && n >= 60)
            }
            RuleDay::Julian0(n) => jan1 + i64::from(n),
            RuleDay::Mwd(m, w, d) => {
                let first = days_from_civil(y, i64::from(m), 1);
                // 1970-01-01 was a Thursday (weekday 4).
                let wd = (first + 4).rem_euclid(7);
                let day = first + (i64::from(d) - wd).rem_euclid(7) + 7 * (i64::from(w) - 1);
                // Week 5 is the last such weekday: back a week when past the month.
                if day - first >= month_len(y, m) {
                    day - 7
                } else {
                    day
                }
            }
        }
    }
}

fn month_len(y: i64, m: u8) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn is_leap(y: i64) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The (UTC) year of an instant.
pub fn year_of(t: i64) -> i64 {
    // Far outside any date the engine handles: clamp, keep the arithmetic in range.
    let z = (t.clamp(-(1 << 45), 1 << 45)).div_euclid(DAY) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    yoe + era * 400 + i64::from(mp >= 10)
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn done(&self) -> bool {
        self.i == self.s.len()
    }

    fn eat(&mut self, b: u8) -> Option<()> {
        (self.peek() == Some(b)).then(|| self.i += 1)
    }

    /// A zone abbreviation: `<...>` (letters, digits, `+`, `-`) or three letters or more.
    fn name(&mut self) -> Option<()> {
        let start = self.i;
        if self.eat(b'<').is_some() {
            while matches!(self.peek(), Some(b) if b.is_ascii_alphanumeric() || b == b'+' || b == b'-')
            {
                self.i += 1;
            }
            let len = self.i - start - 1;
            self.eat(b'>')?;
            (len >= 1).then_some(())
        } else {
            while matches!(self.peek(), Some(b) if b.is_ascii_alphabetic()) {
                self.i += 1;
            }
            (self.i - start >= 3).then_some(())
        }
    }

    fn number(&mut self, max: i32) -> Option<i32> {
        let start = self.i;
        let mut n: i32 = 0;
        while let Some(b @ b'0'..=b'9') = self.peek() {
            n = n.checked_mul(10)?.checked_add(i32::from(b - b'0'))?;
            self.i += 1;
        }
        (self.i > start && self.i - start <= 3 && n <= max).then_some(n)
    }

    /// `[+-]hh[:mm[:ss]]` in seconds, hours at most `max_hours`.
    fn hms(&mut self, max_hours: i32) -> Option<i32> {
        let sign = match self.peek() {
            Some(b'-') => {
                self.i += 1;
                -1
            }
            Some(b'+') => {
                self.i += 1;
                1
            }
            _ => 1,
        };
        let mut secs = self.number(max_hours)? * 3600;
        if self.eat(b':').is_some() {
            secs += self.number(59)? * 60;
            if self.eat(b':').is_some() {
                secs += self.number(59)?;
            }
        }
        Some(sign * secs)
    }

    /// `/time` (hours −167 to 167), default 02:00.
    fn time(&mut self) -> Option<i32> {
        if self.eat(b'/').is_some() {
            self.hms(167)
        } else {
            Some(7200)
        }
    }

    fn day(&mut self) -> Option<RuleDay> {
        match self.peek()? {
            b'J' => {
                self.i += 1;
                let n = self.number(365)?;
                (n >= 1).then_some(RuleDay::Julian1(n as u16))
            }
            b'M' => {
                self.i += 1;
                let m = self.number(12)?;
                self.eat(b'.')?;
                let w = self.number(5)?;
                self.eat(b'.')?;
                let d = self.number(6)?;
                (m >= 1 && w >= 1).then_some(RuleDay::Mwd(m as u8, w as u8, d as u8))
            }
            _ => Some(RuleDay::Julian0(self.number(365)? as u16)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Seconds since the epoch of a UTC date-time.
    fn utc(y: i64, mo: i64, d: i64, h: i64, mi: i64) -> i64 {
        days_from_civil(y, mo, d) * DAY + h * 3600 + mi * 60
    }

    fn rule(s: &str) -> PosixTz {
        PosixTz::parse(s).unwrap_or_else(|| panic!("{s} should parse"))
    }

    /// Every change of the rule in year `y` (UTC), as (instant, offset).
    fn year_changes(r: &PosixTz, y: i64) -> Vec<Change> {
        let mut t = utc(y, 1, 1, 0, 0) - 1;
        let mut out = vec![];
        while let Some(c) = r.next_change(t) {
            if c.0 >= utc(y + 1, 1, 1, 0, 0) {
                break;
            }
            out.push(c);
            t = c.0;
        }
        out
    }

    #[test]
    fn calendar_helpers() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(1900, 1, 1), -25_567);
        for y in [1600, 1899, 1900, 1969, 1970, 2000, 2100, 2200, 9999] {
            let t = days_from_civil(y, 1, 1) * DAY;
            assert_eq!(year_of(t), y);
            assert_eq!(year_of(t - 1), y - 1);
        }
    }

    #[test]
    fn parses_the_forms_of_rfc_8536() {
        assert_eq!(rule("UTC0"), PosixTz { std: 0, dst: None });
        assert_eq!(rule("<+0545>-5:45").std, 5 * 3600 + 45 * 60);
        assert_eq!(rule("<-0930>9:30").std, -(9 * 3600 + 30 * 60));
        assert_eq!(rule("<+1030>-10:30:15").std, 10 * 3600 + 30 * 60 + 15);
        let ny = rule("EST5EDT,M3.2.0,M11.1.0");
        assert_eq!(
            ny.dst,
            Some(Dst {
                offset: -4 * 3600,
                start: RuleDay::Mwd(3, 2, 0),
                start_time: 7200,
                end: RuleDay::Mwd(11, 1, 0),
                end_time: 7200,
            })
        );
        let d = rule("<-02>2<-01>,M3.5.0/-1,M10.5.0/0").dst.unwrap();
        assert_eq!((d.start_time, d.end_time), (-3600, 0));
        let d = rule("<+1245>-12:45<+1345>,M9.5.0/2:45,M4.1.0/3:45")
            .dst
            .unwrap();
        assert_eq!((d.offset, d.start_time, d.end_time), (49_500, 9900, 13_500));
        let d = rule("EET-2EEST,M3.4.4/50,M10.4.4/50").dst.unwrap();
        assert_eq!((d.start_time, d.end_time), (50 * 3600, 50 * 3600));
        let d = rule("XXX3EDT4,0/0,J365/25").dst.unwrap();
        assert_eq!(
            (d.start, d.end),
            (RuleDay::Julian0(0), RuleDay::Julian1(365))
        );
        assert_eq!(d.offset, -4 * 3600);
        for bad in [
            "",
            "UT0",
            "<>0",
            "<+03",
            "EST",
            "EST5EDT",
            "EST5EDT,M3.2.0",
            "EST5EDT,M13.1.0,M11.1.0",
            "EST5EDT,M3.6.0,M11.1.0",
            "EST5EDT,M3.2.7,M11.1.0",
            "EST5EDT,J0,J365",
            "EST5EDT,366,J365",
            "EST5EDT,M3.2.0/168,M11.1.0",
            "EST25",
            "EST5EDT,M3.2.0,M11.1.0x",
            "EST5:60",
        ] {
            assert_eq!(PosixTz::parse(bad), None, "{bad:?} should not parse");
        }
    }

    #[test]
    fn new_york_in_2100_has_daylight_time() {
        let r = rule("EST5EDT,M3.2.0,M11.1.0");
        // 2100-03-14 (second Sunday) 02:00 EST = 07:00Z; 2100-11-07 02:00 EDT = 06:00Z.
        assert_eq!(
            year_changes(&r, 2100),
            vec![
                (utc(2100, 3, 14, 7, 0), -4 * 3600),
                (utc(2100, 11, 7, 6, 0), -5 * 3600)
            ]
        );
        assert_eq!(r.offset_at(utc(2100, 7, 1, 16, 0)), -4 * 3600);
        assert_eq!(r.offset_at(utc(2100, 1, 1, 0, 0)), -5 * 3600);
        assert_eq!(r.offset_at(utc(2100, 3, 14, 7, 0) - 1), -5 * 3600);
        assert_eq!(r.offset_at(utc(2200, 7, 1, 0, 0)), -4 * 3600);
    }

    #[test]
    fn southern_hemisphere_and_thirty_minute_daylight_time() {
        // Australia/Lord_Howe: +10:30, +11 from the first Sunday of October 02:00 local
        // standard time to the first Sunday of April 02:00 local daylight time.
        let r = rule("<+1030>-10:30<+11>-11,M10.1.0,M4.1.0");
        let (std, dst) = (37_800, 39_600);
        assert_eq!(
            year_changes(&r, 2150),
            vec![
                // 2150-04-05 02:00 +11 = 04-04 15:00Z; 2150-10-04 02:00 +10:30 = 10-03 15:30Z.
                (utc(2150, 4, 4, 15, 0), std),
                (utc(2150, 10, 3, 15, 30), dst),
            ]
        );
        assert_eq!(r.offset_at(utc(2150, 1, 15, 0, 0)), dst);
        assert_eq!(r.offset_at(utc(2150, 7, 15, 0, 0)), std);
        assert_eq!(r.offset_at(utc(2150, 12, 31, 23, 59)), dst);
    }

    #[test]
    fn negative_daylight_time_dublin() {
        // Europe/Dublin: standard time is summer's IST (+1); "daylight" is winter's GMT.
        let r = rule("IST-1GMT0,M10.5.0,M3.5.0/1");
        assert_eq!(r.offset_at(utc(2120, 1, 10, 0, 0)), 0);
        assert_eq!(r.offset_at(utc(2120, 7, 10, 0, 0)), 3600);
        // 2120-03-31 is the last Sunday of March: 01:00 GMT = 01:00Z.
        assert_eq!(r.offset_at(utc(2120, 3, 31, 1, 0) - 1), 0);
        assert_eq!(r.offset_at(utc(2120, 3, 31, 1, 0)), 3600);
    }

    #[test]
    fn times_past_24_hours_and_negative_hours() {
        // Asia/Gaza's form: the Thursday of the 4th week, at 50:00 = Saturday 02:00.
        let r = rule("EET-2EEST,M3.4.4/50,M10.4.4/50");
        // 2100-03: Thursdays 4, 11, 18, 25 -> week 4 = the 25th, + 50 h = 27th 02:00 EET.
        assert_eq!(
            year_changes(&r, 2100)[0],
            (utc(2100, 3, 27, 0, 0), 3 * 3600)
        );
        // America/Nuuk's form: the last Sunday of March at -1:00, i.e. Saturday 23:00.
        let r = rule("<-02>2<-01>,M3.5.0/-1,M10.5.0/0");
        // Last Sunday of March 2101 = the 27th; -1:00 local (-02) = 26th 23:00-02 = 27th 01:00Z.
        assert_eq!(year_changes(&r, 2101)[0], (utc(2101, 3, 27, 1, 0), -3600));
        // M9.1.6/24 (America/Santiago's form): first Saturday of September, 24:00.
        let r = rule("<-04>4<-03>,M9.1.6/24,M4.1.6/24");
        // First Saturday of September 2150 = the 5th; 24:00 -04 = 6th 04:00Z.
        assert!(year_changes(&r, 2150).contains(&(utc(2150, 9, 6, 4, 0), -3 * 3600)));
    }

    #[test]
    fn minutes_in_transition_times() {
        // Pacific/Chatham: +12:45, +13:45 from the last Sunday of September 02:45.
        let r = rule("<+1245>-12:45<+1345>,M9.5.0/2:45,M4.1.0/3:45");
        // 2199-09-29 (last Sunday) 02:45 +12:45 = 09-28 14:00Z;
        // 2199-04-07 (first Sunday) 03:45 +13:45 = 04-06 14:00Z.
        assert_eq!(
            year_changes(&r, 2199),
            vec![
                (utc(2199, 4, 6, 14, 0), 45_900),
                (utc(2199, 9, 28, 14, 0), 49_500)
            ]
        );
    }

    #[test]
    fn daylight_time_all_year() {
        // Daylight time from January 1 00:00 to December 31 25:00 (= next January 1
        // 01:00 daylight, 00:00 standard): daylight time all year, no change at all.
        let r = rule("XXX3EDT4,0/0,J365/25");
        for y in [1999, 2000, 2100, 2199] {
            for t in [
                utc(y, 1, 1, 0, 0),
                utc(y, 1, 1, 2, 59),
                utc(y, 1, 1, 3, 0),
                utc(y, 6, 1, 0, 0),
            ] {
                assert_eq!(r.offset_at(t), -4 * 3600, "{t}");
                assert_eq!(r.offset_at(t - 1), -4 * 3600, "{t}");
            }
            assert_eq!(year_changes(&r, y), vec![]);
        }
        // Casablanca's current footer: +01 all year, no daylight part at all.
        let r = rule("<+01>-1");
        assert_eq!(r.offset_at(utc(2150, 6, 1, 0, 0)), 3600);
        assert_eq!(r.next_change(0), None);
    }

    #[test]
    fn julian_days() {
        // J60 is 1 March even in leap years; 59 (zero-based) is 29 February in them.
        let r = rule("AAA0BBB,J60/0,J300/0");
        assert_eq!(year_changes(&r, 2104)[0].0, utc(2104, 3, 1, 0, 0));
        assert_eq!(year_changes(&r, 2103)[0].0, utc(2103, 3, 1, 0, 0));
        let r = rule("AAA0BBB,59/0,300/0");
        assert_eq!(year_changes(&r, 2104)[0].0, utc(2104, 2, 29, 0, 0));
        assert_eq!(year_changes(&r, 2103)[0].0, utc(2103, 3, 1, 0, 0));
    }
}
