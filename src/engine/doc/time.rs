//! The document's date and time forms: local date-times `YYYY-MM-DDTHH:MM[:SS]`, dates
//! `YYYY-MM-DD`, times of day `HH:MM[:SS]` and yearly dates `MM-DD`. Parsed by hand
//! (not `str::parse`): they are read for every date of a recipient list.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

/// Fixed-width decimal field, digits only (no sign, no spaces).
fn digits(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    s.bytes().try_fold(0u32, |n, b| {
        if b.is_ascii_digit() {
            n.checked_mul(10)?.checked_add(u32::from(b - b'0'))
        } else {
            None
        }
    })
}

/// A local date-time `YYYY-MM-DDTHH:MM` or `YYYY-MM-DDTHH:MM:SS`; `None` when the
/// shape is wrong or the date/time does not exist on the calendar (2026-02-30).
pub fn parse_local_datetime(s: &str) -> Option<NaiveDateTime> {
    // The date is exactly 10 bytes, so the separator can only be at byte 10 (an
    // earlier 'T' would make the date part fail anyway).
    if s.as_bytes().get(10) != Some(&b'T') {
        return None;
    }
    let (date, time) = (s.get(..10)?, s.get(11..)?);
    Some(NaiveDateTime::new(parse_date(date)?, parse_time(time)?))
}

/// A date `YYYY-MM-DD` that exists on the calendar.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y = digits(s.get(0..4)?)?;
    let m = digits(s.get(5..7)?)?;
    let d = digits(s.get(8..10)?)?;
    NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)
}

/// A time of day `HH:MM` or `HH:MM:SS` (00:00 … 23:59:59).
pub fn parse_time(s: &str) -> Option<NaiveTime> {
    let b = s.as_bytes();
    let (h, m, sec) = match b.len() {
        5 if b[2] == b':' => (s.get(0..2)?, s.get(3..5)?, "00"),
        8 if b[2] == b':' && b[5] == b':' => (s.get(0..2)?, s.get(3..5)?, s.get(6..8)?),
        _ => return None,
    };
    NaiveTime::from_hms_opt(digits(h)?, digits(m)?, digits(sec)?)
}

/// A yearly date `MM-DD` that exists in some year (so `02-29` is accepted; it only
/// yields slots in leap years).
pub fn parse_month_day(s: &str) -> Option<(u32, u32)> {
    let b = s.as_bytes();
    if b.len() != 5 || b[2] != b'-' {
        return None;
    }
    let m = digits(s.get(0..2)?)?;
    let d = digits(s.get(3..5)?)?;
    // 2000 is a leap year: every month-day that exists in some year exists in it.
    NaiveDate::from_ymd_opt(2000, m, d).map(|_| (m, d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_that_do_not_exist_are_refused() {
        assert!(parse_local_datetime("2026-02-30T09:00").is_none());
        assert!(parse_local_datetime("2026-02-28 09:00").is_none());
        assert_eq!(
            parse_local_datetime("2026-02-28T09:00:30").map(|d| d.to_string()),
            Some("2026-02-28 09:00:30".to_string())
        );
        assert!(parse_date("2026-1-01").is_none());
        assert!(parse_time("24:00").is_none());
        assert!(parse_time("+9:00").is_none());
        assert_eq!(parse_month_day("02-29"), Some((2, 29)));
        assert!(parse_month_day("02-30").is_none());
    }
}
