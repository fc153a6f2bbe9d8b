//! Dates, numbers and rates as the page prints them, in English or French.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

use crate::engine::doc::describe::Lang;

const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const MONTHS_FR: [&str; 12] = [
    "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.",
    "déc.",
];
const DAYS_EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const DAYS_FR: [&str; 7] = ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."];

/// Short month name (1-based month).
pub fn month(lang: Lang, m: u32) -> &'static str {
    let i = (m.clamp(1, 12) - 1) as usize;
    match lang {
        Lang::En => MONTHS_EN.get(i).copied().unwrap_or(""),
        Lang::Fr => MONTHS_FR.get(i).copied().unwrap_or(""),
    }
}

/// A day of a month without a year: "2 Mar" / "2 mars".
pub fn day_month(lang: Lang, m: u32, d: u32) -> String {
    format!("{d} {}", month(lang, m))
}

/// A short weekday name: "Mon" / "lun.".
pub fn weekday(lang: Lang, d: NaiveDate) -> &'static str {
    let wd = d.weekday().num_days_from_monday() as usize;
    match lang {
        Lang::En => DAYS_EN.get(wd).copied().unwrap_or(""),
        Lang::Fr => DAYS_FR.get(wd).copied().unwrap_or(""),
    }
}

/// "Mon 5 Jan 2026" / "lun. 5 janv. 2026".
pub fn date(lang: Lang, d: NaiveDate) -> String {
    let wd = d.weekday().num_days_from_monday() as usize;
    let day = match lang {
        Lang::En => DAYS_EN.get(wd).copied().unwrap_or(""),
        Lang::Fr => DAYS_FR.get(wd).copied().unwrap_or(""),
    };
    format!("{day} {} {} {}", d.day(), month(lang, d.month()), d.year())
}

/// "Mon 5 Jan 2026 09:00".
pub fn date_time(lang: Lang, t: NaiveDateTime) -> String {
    format!("{} {:02}:{:02}", date(lang, t.date()), t.hour(), t.minute())
}

/// "5 Jan 09:00" — compact, for tables.
pub fn short(lang: Lang, t: NaiveDateTime) -> String {
    format!(
        "{} {} {:02}:{:02}",
        t.day(),
        month(lang, t.month()),
        t.hour(),
        t.minute()
    )
}

/// A size in kibibytes, rounded up, in the language's unit ("12 KB", "12 Ko").
pub fn kilobytes(lang: Lang, bytes: u64) -> String {
    let unit = match lang {
        Lang::En => "KB",
        Lang::Fr => "Ko",
    };
    format!("{}\u{a0}{unit}", int(lang, bytes.div_ceil(1024)))
}

/// A UTC offset in seconds as "UTC+02:00", "UTC−03:30", "UTC".
pub fn utc_offset(seconds: i32) -> String {
    if seconds == 0 {
        return "UTC".to_string();
    }
    let sign = if seconds < 0 { '−' } else { '+' };
    let m = seconds.unsigned_abs() / 60;
    format!("UTC{sign}{:02}:{:02}", m / 60, m % 60)
}

/// A rate in percent with one decimal ("12.5 %", "12,5 %"); "–" without a denominator.
pub fn pct(lang: Lang, num: u64, den: u64) -> String {
    if den == 0 {
        return "–".to_string();
    }
    let tenths = (num * 1000 + den / 2) / den;
    let s = format!("{}.{} %", tenths / 10, tenths % 10);
    match lang {
        Lang::En => s,
        Lang::Fr => s.replace('.', ","),
    }
}

/// Thousands separated: "1,234,567" / "1 234 567".
pub fn int(lang: Lang, n: u64) -> String {
    let digits = n.to_string();
    let sep = match lang {
        Lang::En => ',',
        Lang::Fr => '\u{202f}',
    };
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_naturally_in_both_languages() {
        let d = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
        assert_eq!(date(Lang::En, d), "Mon 5 Jan 2026");
        assert_eq!(date(Lang::Fr, d), "lun. 5 janv. 2026");
        let t = d.and_hms_opt(9, 5, 0).unwrap();
        assert_eq!(date_time(Lang::En, t), "Mon 5 Jan 2026 09:05");
        assert_eq!(short(Lang::Fr, t), "5 janv. 09:05");
    }

    #[test]
    fn offsets_name_their_sign_and_minutes() {
        assert_eq!(utc_offset(7200), "UTC+02:00");
        assert_eq!(utc_offset(-12_600), "UTC−03:30");
        assert_eq!(utc_offset(0), "UTC");
        assert_eq!(utc_offset(20_700), "UTC+05:45");
    }

    #[test]
    fn rates_and_counts() {
        assert_eq!(pct(Lang::En, 1, 8), "12.5 %");
        assert_eq!(pct(Lang::Fr, 2, 3), "66,7 %");
        assert_eq!(pct(Lang::En, 1, 0), "–");
        assert_eq!(int(Lang::En, 1234567), "1,234,567");
        assert_eq!(int(Lang::En, 999), "999");
        assert_eq!(int(Lang::Fr, 1000), "1\u{202f}000");
        assert_eq!(kilobytes(Lang::Fr, 2049), "3\u{a0}Ko");
        assert_eq!(kilobytes(Lang::En, 1024), "1\u{a0}KB");
    }
}
