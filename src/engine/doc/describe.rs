//! A schedule in plain language, English or French, as the UI shows it next to the
//! Scheduler activity ("Every Monday at 09:00 (Europe/Paris), 1 Jan – 31 Dec 2026").
//!
//! Pure: the text depends only on a scheduler's fields, the zone and the year.

use super::scheduler::{Frequency, SchedulerSpec, Weekday};
use super::time::{parse_local_datetime, parse_month_day, parse_time};
use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};

/// The language of a description.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    En,
    Fr,
}

/// One sentence describing when the scheduler fires.
///
/// ```
/// use campaign_sim::engine::doc::{describe::{describe_schedule, Lang}, parse};
/// let s = parse(r#"{"timezone":"Europe/Paris","workflow":{"scheduler":
///     {"frequency":"weekly","days":["mon"],"times":["09:00"]}}}"#).unwrap();
/// let sc = s.workflows()[0].scheduler;
/// assert_eq!(describe_schedule(sc, &s.timezone, s.year, Lang::En), "Every Monday at 09:00 (Europe/Paris), 1 Jan – 31 Dec 2026");
/// assert_eq!(describe_schedule(sc, &s.timezone, s.year, Lang::Fr), "Chaque lundi à 09:00 (Europe/Paris), du 1 janv. au 31 déc. 2026");
/// ```
pub fn describe_schedule(sc: &SchedulerSpec, timezone: &str, year: i32, lang: Lang) -> String {
    let every = sc.every.max(1);
    let zone = format!(" ({timezone})");
    let at_times = at_times(sc, lang);
    let head = match sc.frequency {
        Frequency::Once => return once(sc, &zone, lang) + &limit(sc, lang),
        Frequency::Daily => daily(every, lang) + &at_times,
        Frequency::Weekly => weekly(sc, every, lang) + &at_times,
        Frequency::Monthly => monthly(sc, every, lang) + &at_times,
        Frequency::Yearly => yearly(sc, lang) + &at_times,
        Frequency::Periodic => periodic(sc, lang),
    };
    format!(
        "{head}{zone}, {}{}",
        validity_text(sc, year, lang),
        limit(sc, lang)
    )
}

/// " at 06:00 and 18:00" / " à 06:00 et 18:00" (the times sorted, once each); empty
/// without times.
fn at_times(sc: &SchedulerSpec, lang: Lang) -> String {
    let mut t: Vec<NaiveTime> = sc.times.iter().filter_map(|t| parse_time(t)).collect();
    t.sort_unstable();
    t.dedup();
    let times: Vec<String> = t.into_iter().map(hm).collect();
    match (times.is_empty(), lang) {
        (true, _) => String::new(),
        (false, Lang::En) => format!(" at {}", join(&times, lang)),
        (false, Lang::Fr) => format!(" à {}", join(&times, lang)),
    }
}

/// "Once, on 5 Mar 2026 at 14:30 (Europe/Paris)" (`zone` is " (Europe/Paris)").
fn once(sc: &SchedulerSpec, zone: &str, lang: Lang) -> String {
    let when = sc.at.as_deref().and_then(parse_local_datetime);
    match (when, lang) {
        (Some(w), Lang::En) => format!(
            "Once, on {} at {}{zone}",
            date_text(w.date(), true, lang),
            hm(w.time())
        ),
        (Some(w), Lang::Fr) => format!(
            "Une fois, le {} à {}{zone}",
            date_text(w.date(), true, lang),
            hm(w.time())
        ),
        (None, Lang::En) => format!("Once{zone}"),
        (None, Lang::Fr) => format!("Une fois{zone}"),
    }
}

/// "Every day" / "Every 3 days".
fn daily(every: i64, lang: Lang) -> String {
    match (every, lang) {
        (1, Lang::En) => "Every day".to_string(),
        (1, Lang::Fr) => "Chaque jour".to_string(),
        (n, Lang::En) => format!("Every {n} days"),
        (n, Lang::Fr) => format!("Tous les {n} jours"),
    }
}

/// "Every Monday and Thursday" / "Every 2 weeks on Monday".
fn weekly(sc: &SchedulerSpec, every: i64, lang: Lang) -> String {
    let mut days = sc.days.clone();
    days.sort_unstable();
    days.dedup();
    let names = |prefix: &str| -> String {
        let names: Vec<String> = days
            .iter()
            .map(|d| format!("{prefix}{}", day_name(*d, lang)))
            .collect();
        join(&names, lang)
    };
    match (every, lang) {
        (1, Lang::En) => format!("Every {}", names("")),
        (1, Lang::Fr) => format!("Chaque {}", names("")),
        (n, Lang::En) => format!("Every {n} weeks on {}", names("")),
        (n, Lang::Fr) => format!("Toutes les {n} semaines, {}", names("le ")),
    }
}

/// "Every month on days 1, 15 and the last day in March and June".
fn monthly(sc: &SchedulerSpec, every: i64, lang: Lang) -> String {
    let base = match (every, lang) {
        (1, Lang::En) => "Every month".to_string(),
        (1, Lang::Fr) => "Chaque mois".to_string(),
        (n, Lang::En) => format!("Every {n} months"),
        (n, Lang::Fr) => format!("Tous les {n} mois"),
    };
    let which = match &sc.nth_weekday {
        Some(nth) => {
            let day = day_name(nth.day, lang);
            match (nth.nth, lang) {
                (-1, Lang::En) => format!(" on the last {day}"),
                (-1, Lang::Fr) => format!(" le dernier {day}"),
                (n, Lang::En) => format!(" on the {} {day}", ordinal(n, lang)),
                (n, Lang::Fr) => format!(" le {} {day}", ordinal(n, lang)),
            }
        }
        None => month_days(&sc.month_days, lang),
    };
    let months = if sc.months.is_empty() {
        String::new()
    } else {
        let mut ms = sc.months.clone();
        ms.sort_unstable();
        ms.dedup();
        let names: Vec<String> = ms.iter().map(|m| month_name(*m, lang)).collect();
        match lang {
            Lang::En => format!(" in {}", join(&names, lang)),
            Lang::Fr => format!(" en {}", join(&names, lang)),
        }
    };
    format!("{base}{which}{months}")
}

/// " on days 1, 15 and the last day" / " le 1, le 15 et le dernier jour".
fn month_days(month_days: &[i32], lang: Lang) -> String {
    let mut days = month_days.to_vec();
    // Numbered days first, then "the last day".
    days.sort_unstable_by_key(|d| if *d < 0 { 99 } else { *d });
    days.dedup();
    let items: Vec<String> = days
        .iter()
        .map(|d| match (*d, lang) {
            (-1, Lang::En) => "the last day".to_string(),
            (-1, Lang::Fr) => "le dernier jour".to_string(),
            (n, Lang::En) => n.to_string(),
            (n, Lang::Fr) => format!("le {n}"),
        })
        .collect();
    if lang == Lang::Fr {
        format!(" {}", join(&items, lang))
    } else if days.iter().all(|d| *d == -1) {
        format!(" on {}", join(&items, lang))
    } else {
        let plural = if days.iter().filter(|d| **d > 0).count() > 1 {
            "days"
        } else {
            "day"
        };
        format!(" on {plural} {}", join(&items, lang))
    }
}

/// "Every year on 14 Feb and 25 Dec".
fn yearly(sc: &SchedulerSpec, lang: Lang) -> String {
    let mut dates: Vec<(u32, u32)> = sc.dates.iter().filter_map(|d| parse_month_day(d)).collect();
    dates.sort_unstable();
    dates.dedup();
    let items: Vec<String> = dates
        .iter()
        .map(|(m, d)| match lang {
            Lang::En => format!("{d} {}", month_abbr(*m, lang)),
            Lang::Fr => format!("le {d} {}", month_abbr(*m, lang)),
        })
        .collect();
    match lang {
        Lang::En => format!("Every year on {}", join(&items, lang)),
        Lang::Fr => format!("Chaque année {}", join(&items, lang)),
    }
}

/// "Every day, every 30 minutes from 08:00 to 18:00".
fn periodic(sc: &SchedulerSpec, lang: Lang) -> String {
    let interval = sc.interval_minutes.unwrap_or(1).max(1);
    let (a, b) = match &sc.window {
        Some([a, b]) => (
            parse_time(a).map(hm).unwrap_or_default(),
            parse_time(b).map(hm).unwrap_or_default(),
        ),
        None => (String::new(), String::new()),
    };
    match (interval, lang) {
        (1, Lang::En) => format!("Every day, every minute from {a} to {b}"),
        (1, Lang::Fr) => format!("Chaque jour, toutes les minutes de {a} à {b}"),
        (n, Lang::En) => format!("Every day, every {n} minutes from {a} to {b}"),
        (n, Lang::Fr) => format!("Chaque jour, toutes les {n} minutes de {a} à {b}"),
    }
}

/// ", at most 10 runs" / ", 10 exécutions au plus".
fn limit(sc: &SchedulerSpec, lang: Lang) -> String {
    match (sc.max_runs, lang) {
        (None, _) => String::new(),
        (Some(1), Lang::En) => ", at most 1 run".to_string(),
        (Some(n), Lang::En) => format!(", at most {n} runs"),
        (Some(n), Lang::Fr) if n <= 1 => format!(", {n} exécution au plus"),
        (Some(n), Lang::Fr) => format!(", {n} exécutions au plus"),
    }
}

/// "1 Jan – 31 Dec 2026" / "du 1 janv. au 31 déc. 2026"; the year once when shared.
fn validity_text(sc: &SchedulerSpec, year: i32, lang: Lang) -> String {
    let (start, end) = sc.validity(year);
    if start == end {
        return match lang {
            Lang::En => format!("on {}", date_text(start, true, lang)),
            Lang::Fr => format!("le {}", date_text(start, true, lang)),
        };
    }
    let same_year = start.year() == end.year();
    let a = date_text(start, !same_year, lang);
    let b = date_text(end, true, lang);
    match lang {
        Lang::En => format!("{a} – {b}"),
        Lang::Fr => format!("du {a} au {b}"),
    }
}

fn date_text(d: NaiveDate, with_year: bool, lang: Lang) -> String {
    let base = format!("{} {}", d.day(), month_abbr(d.month(), lang));
    if with_year {
        format!("{base} {}", d.year())
    } else {
        base
    }
}

/// `09:00`, or `09:00:30` when the time has seconds.
fn hm(t: NaiveTime) -> String {
    if t.second() == 0 {
        t.format("%H:%M").to_string()
    } else {
        t.format("%H:%M:%S").to_string()
    }
}

/// "a", "a and b", "a, b and c" / "a et b".
fn join(items: &[String], lang: Lang) -> String {
    let and = match lang {
        Lang::En => " and ",
        Lang::Fr => " et ",
    };
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{}{and}{last}", rest.join(", ")),
    }
}

fn ordinal(n: i32, lang: Lang) -> String {
    match (lang, n) {
        (Lang::En, 1) => "1st".into(),
        (Lang::En, 2) => "2nd".into(),
        (Lang::En, 3) => "3rd".into(),
        (Lang::En, n) => format!("{n}th"),
        (Lang::Fr, 1) => "1er".into(),
        (Lang::Fr, n) => format!("{n}e"),
    }
}

fn day_name(d: Weekday, lang: Lang) -> String {
    let (en, fr) = match d {
        Weekday::Mon => ("Monday", "lundi"),
        Weekday::Tue => ("Tuesday", "mardi"),
        Weekday::Wed => ("Wednesday", "mercredi"),
        Weekday::Thu => ("Thursday", "jeudi"),
        Weekday::Fri => ("Friday", "vendredi"),
        Weekday::Sat => ("Saturday", "samedi"),
        Weekday::Sun => ("Sunday", "dimanche"),
    };
    match lang {
        Lang::En => en,
        Lang::Fr => fr,
    }
    .to_string()
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const ABBR_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const ABBR_FR: [&str; 12] = [
    "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.",
    "déc.",
];

fn pick(table: &[&str; 12], m: u32) -> String {
    m.checked_sub(1)
        .and_then(|i| table.get(i as usize))
        .map(|s| s.to_string())
        .unwrap_or_else(|| m.to_string())
}

fn month_name(m: u32, lang: Lang) -> String {
    match lang {
        Lang::En => pick(&MONTHS_EN, m),
        Lang::Fr => pick(&MONTHS_FR, m),
    }
}

fn month_abbr(m: u32, lang: Lang) -> String {
    match lang {
        Lang::En => pick(&ABBR_EN, m),
        Lang::Fr => pick(&ABBR_FR, m),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::doc::parse;

    fn both(scheduler: &str) -> (String, String) {
        let doc =
            format!(r#"{{"timezone":"Europe/Paris","workflow":{{"scheduler":{scheduler}}}}}"#);
        let s = parse(&doc).unwrap_or_else(|e| panic!("{doc}: {e:?}"));
        let sc = s.workflows()[0].scheduler;
        (
            describe_schedule(sc, &s.timezone, s.year, Lang::En),
            describe_schedule(sc, &s.timezone, s.year, Lang::Fr),
        )
    }

    #[test]
    fn every_frequency_in_both_languages() {
        let cases = [
            (
                r#"{"frequency":"once","at":"2026-03-05T14:30"}"#,
                "Once, on 5 Mar 2026 at 14:30 (Europe/Paris)",
                "Une fois, le 5 mars 2026 à 14:30 (Europe/Paris)",
            ),
            (
                r#"{"frequency":"daily","times":["18:00","06:00"]}"#,
                "Every day at 06:00 and 18:00 (Europe/Paris), 1 Jan – 31 Dec 2026",
                "Chaque jour à 06:00 et 18:00 (Europe/Paris), du 1 janv. au 31 déc. 2026",
            ),
            (
                r#"{"frequency":"daily","times":["06:00"],"every":3,"start":"2025-12-01","end":"2026-02-28"}"#,
                "Every 3 days at 06:00 (Europe/Paris), 1 Dec 2025 – 28 Feb 2026",
                "Tous les 3 jours à 06:00 (Europe/Paris), du 1 déc. 2025 au 28 févr. 2026",
            ),
            (
                r#"{"frequency":"weekly","days":["thu","mon","fri"],"times":["09:00"],"every":2}"#,
                "Every 2 weeks on Monday, Thursday and Friday at 09:00 (Europe/Paris), 1 Jan – 31 Dec 2026",
                "Toutes les 2 semaines, le lundi, le jeudi et le vendredi à 09:00 (Europe/Paris), du 1 janv. au 31 déc. 2026",
            ),
            (
                r#"{"frequency":"monthly","month_days":[-1,15,1],"times":["08:00"],"months":[6,3]}"#,
                "Every month on days 1, 15 and the last day in March and June at 08:00 (Europe/Paris), 1 Jan – 31 Dec 2026",
                "Chaque mois le 1, le 15 et le dernier jour en mars et juin à 08:00 (Europe/Paris), du 1 janv. au 31 déc. 2026",
            ),
            (
                r#"{"frequency":"monthly","nth_weekday":{"nth":-1,"day":"fri"},"times":["17:00"],"every":2,"max_runs":4}"#,
                "Every 2 months on the last Friday at 17:00 (Europe/Paris), 1 Jan – 31 Dec 2026, at most 4 runs",
                "Tous les 2 mois le dernier vendredi à 17:00 (Europe/Paris), du 1 janv. au 31 déc. 2026, 4 exécutions au plus",
            ),
            (
                r#"{"frequency":"monthly","nth_weekday":{"nth":1,"day":"tue"},"times":["10:00"]}"#,
                "Every month on the 1st Tuesday at 10:00 (Europe/Paris), 1 Jan – 31 Dec 2026",
                "Chaque mois le 1er mardi à 10:00 (Europe/Paris), du 1 janv. au 31 déc. 2026",
            ),
            (
                r#"{"frequency":"yearly","dates":["12-25","02-14"],"times":["07:00"]}"#,
                "Every year on 14 Feb and 25 Dec at 07:00 (Europe/Paris), 1 Jan – 31 Dec 2026",
                "Chaque année le 14 févr. et le 25 déc. à 07:00 (Europe/Paris), du 1 janv. au 31 déc. 2026",
            ),
            (
                r#"{"frequency":"periodic","interval_minutes":30,"window":["08:00","18:00"],"start":"2026-05-01","end":"2026-05-01"}"#,
                "Every day, every 30 minutes from 08:00 to 18:00 (Europe/Paris), on 1 May 2026",
                "Chaque jour, toutes les 30 minutes de 08:00 à 18:00 (Europe/Paris), le 1 mai 2026",
            ),
        ];
        for (sched, en, fr) in cases {
            let (got_en, got_fr) = both(sched);
            assert_eq!(got_en, en, "{sched}");
            assert_eq!(got_fr, fr, "{sched}");
        }
    }
}
