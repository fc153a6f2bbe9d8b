//! Judging and wording a learner's answer to a lesson's question (issue 22). Pure
//! (tested natively): the page reads the response, calls [`check`], and shows
//! [`feedback`]; the value and its why come from the engine (`engine::quiz`), the
//! words from `ui::i18n`.
//!
//! ```
//! use campaign_sim::ui::{lesson, model::Sim, quiz};
//! use campaign_sim::ui::i18n::Lang;
//! let l = lesson::parse_lesson(r#"{"id":"demo","question":1,"title":"Demo","steps":[
//!   {"narration":"a","notice":"n","preset":"weekly-newsletter-recurring","clock":"end",
//!    "ask":{"prompt":"How many deliveries will the recurring mode hold in December?",
//!           "number":{"quantity":"deliveries","mode":"recurring"}}}]}"#, None).unwrap();
//! let p = lesson::plan(&l, 0, &serde_json::Value::Null);
//! let sim = Sim::new(campaign_sim::engine::doc::parse(&p.doc.to_string()).unwrap()).unwrap();
//! let ask = l.steps[0].ask.as_ref().unwrap();
//! let answer = quiz::answer(ask, &sim);
//! let right = quiz::check(ask, answer.as_ref(), quiz::Response::Number(" 52 ")).unwrap();
//! let f = quiz::feedback(Lang::En, ask, answer.as_ref(), right, sim.outcome(0).unwrap());
//! assert_eq!(f.verdict, "Right.");
//! assert_eq!(f.right, "The answer: 52.");
//! assert!(f.why.starts_with("52 executions so far, 52 of which targeted someone"));
//! ```

use super::format;
use super::i18n::{count, fill, targeting, tr, Lang, K};
use super::lesson::{Ask, AskKind};
use super::model::Sim;
use crate::engine::activity::scheduler::RanBefore;
use crate::engine::activity::send::{Counted, RowWhy};
use crate::engine::doc::Aggregation;
use crate::engine::out::journal::JournalMessage;
use crate::engine::out::outcome::Outcome;
use crate::engine::quiz::{evaluate, Answer, MissedIn, Value, Why};
use crate::engine::sim::Side;

/// The simulated year as `engine::quiz::evaluate` reads it: the page's columns.
pub fn year(sim: &Sim) -> Vec<(Side, &Outcome)> {
    sim.columns.iter().map(|c| (c.side, &c.outcome)).collect()
}

/// The answer to `ask` on the step's simulated year: `None` for a choice question
/// that names no quantity, or when the year lacks what the quantity names.
pub fn answer(ask: &Ask, sim: &Sim) -> Option<Answer> {
    evaluate(ask.quantity()?, &year(sim))
}

/// What the learner answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Response<'a> {
    /// The text of the number field, as typed.
    Number(&'a str),
    /// The index of the choice picked (from 0).
    Choice(usize),
}

/// Why a response cannot be judged (the page asks again, records nothing).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotAnAnswer {
    /// Nothing typed.
    Empty,
    /// Not a number.
    NotANumber,
    /// No choice has that index.
    NoSuchChoice,
    /// A number for a choice question, or a choice for a number question.
    WrongKind,
    /// The engine has no value for the question's quantity.
    NoValue,
}

/// A number as a learner types it, in either language: digits, an optional sign, a
/// decimal point or comma, thousands separated by commas or spaces (plain,
/// non-breaking or narrow: `2,080`, `2 080`), surrounding spaces. `None` otherwise.
///
/// ```
/// use campaign_sim::ui::quiz::read_number;
/// assert_eq!(read_number(" 2,080 "), Some(2080.0));
/// assert_eq!(read_number("2\u{202f}080"), Some(2080.0));
/// assert_eq!(read_number("52.0"), Some(52.0));
/// assert_eq!(read_number("1,5"), Some(1.5));
/// assert_eq!(read_number("52 deliveries"), None);
/// ```
pub fn read_number(text: &str) -> Option<f64> {
    let t = text.trim();
    let body = t.strip_prefix(['+', '-']).unwrap_or(t);
    // The decimal part: after a point, or after a comma not followed by a group of
    // three digits (`1,5` is one and a half, `1,500` fifteen hundred).
    let (int, frac) = match body.rsplit_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => match body.rsplit_once(',') {
            Some((i, f)) if f.len() != 3 => (i, Some(f)),
            _ => (body, None),
        },
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let int = if digits(int) {
        int.to_string()
    } else {
        [',', ' ', '\u{a0}', '\u{202f}'].iter().find_map(|sep| {
            let groups: Vec<&str> = int.split(*sep).collect();
            let grouped = groups.len() > 1
                && (1..=3).contains(&groups[0].len())
                && groups.iter().all(|g| digits(g))
                && groups[1..].iter().all(|g| g.len() == 3);
            grouped.then(|| groups.concat())
        })?
    };
    if frac.is_some_and(|f| !digits(f)) {
        return None;
    }
    // Built from integers (no float parser: a decimal reader is kilobytes of wasm).
    let whole: i64 = int.parse().ok()?;
    let frac = frac.unwrap_or("0").trim_end_matches('0');
    let part = match frac {
        "" => 0.0,
        f => f.parse::<i64>().ok()? as f64 / 10f64.powi(i32::try_from(f.len()).ok()?),
    };
    let x = whole as f64 + part;
    Some(if t.starts_with('-') { -x } else { x })
}

/// A number read by [`read_number`], as text in its plain form: `2080`, `-3`, `52.5`.
fn plain_number(text: &str) -> Option<String> {
    let x = read_number(text)?;
    if x.fract() == 0.0 && x.abs() < 1e15 {
        return Some((x as i64).to_string());
    }
    // The digits as typed (grouping and a decimal comma dropped): no float formatter.
    let t = text.trim();
    let (int, frac) = t
        .rsplit_once(['.', ','])
        .filter(|(_, f)| f.len() != 3 || t.contains('.'))?;
    let int: String = int
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '-')
        .collect();
    Some(format!("{int}.{}", frac.trim_end_matches('0')))
}

/// Whether `response` answers `ask` right. A number question is judged against the
/// engine's value (`answer`), a choice question against the lesson's `answer` index
/// (which `tests/lessons.rs` checks against the engine wherever it names a quantity).
pub fn check(
    ask: &Ask,
    answer: Option<&Answer>,
    response: Response<'_>,
) -> Result<bool, NotAnAnswer> {
    match (&ask.kind, response) {
        (AskKind::Number(_), Response::Number(text)) => {
            if text.trim().is_empty() {
                return Err(NotAnAnswer::Empty);
            }
            let typed = read_number(text).ok_or(NotAnAnswer::NotANumber)?;
            match answer.map(|a| &a.value) {
                Some(Value::Number(n)) => Ok(typed == *n as f64),
                _ => Err(NotAnAnswer::NoValue),
            }
        }
        (
            AskKind::Choice {
                choices, answer, ..
            },
            Response::Choice(i),
        ) => {
            if i >= choices.len() {
                return Err(NotAnAnswer::NoSuchChoice);
            }
            Ok(i == *answer)
        }
        _ => Err(NotAnAnswer::WrongKind),
    }
}

/// The response as a course platform records it (xAPI `result.response`): a number
/// question's number in its plain form (`2080`, `52.5`) or the text as typed when it is
/// not one; a choice question's choice `value`.
pub fn response_text(ask: &Ask, response: Response<'_>) -> String {
    match (&ask.kind, response) {
        (AskKind::Choice { choices, .. }, Response::Choice(i)) => {
            choices.get(i).map(|c| c.value.clone()).unwrap_or_default()
        }
        (_, Response::Number(text)) => {
            plain_number(text).unwrap_or_else(|| text.trim().to_string())
        }
        (_, Response::Choice(i)) => i.to_string(),
    }
}

/// What the page says once the learner answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Feedback {
    pub correct: bool,
    /// "Right." or "Not quite."
    pub verdict: String,
    /// The right value, worded: "The answer: 2,080." / "The answer: 2 March's".
    pub right: String,
    /// One sentence from the engine's explanation; empty for a choice question that
    /// names no quantity (its step's narration explains).
    pub why: String,
}

/// The feedback on an answer judged `correct` ([`check`]). `o` is any column of the
/// step's year (for its calendar and workflow names).
pub fn feedback(
    lang: Lang,
    ask: &Ask,
    answer: Option<&Answer>,
    correct: bool,
    o: &Outcome,
) -> Feedback {
    let right = match (&ask.kind, answer.map(|a| &a.value)) {
        (
            AskKind::Choice {
                choices, answer, ..
            },
            _,
        ) => choices
            .get(*answer)
            .map(|c| c.text.clone())
            .unwrap_or_default(),
        (AskKind::Number(_), Some(Value::Number(n))) => format::int(lang, *n),
        (AskKind::Number(_), Some(v)) => v.text(),
        (AskKind::Number(_), None) => String::new(),
    };
    Feedback {
        correct,
        verdict: tr(lang, if correct { K::QuizRight } else { K::QuizWrong }).to_string(),
        right: fill(tr(lang, K::QuizAnswer), &[("answer", &right)]),
        why: answer.map(|a| why(lang, &a.why, o)).unwrap_or_default(),
    }
}

/// What the page says to a response it cannot judge.
pub fn not_an_answer(lang: Lang, n: NotAnAnswer) -> &'static str {
    tr(
        lang,
        match n {
            NotAnAnswer::Empty | NotAnAnswer::NotANumber => K::QuizTypeNumber,
            NotAnAnswer::NoSuchChoice | NotAnAnswer::WrongKind => K::QuizPickChoice,
            NotAnAnswer::NoValue => K::QuizNoValue,
        },
    )
}

/// One sentence (or two) from the engine's explanation of a value.
pub fn why(lang: Lang, w: &Why, o: &Outcome) -> String {
    match w {
        Why::Deliveries { .. } => deliveries_why(lang, w),
        Why::Rows { .. } | Why::Tracking { .. } => rows_why(lang, w),
        Why::Executions { .. } | Why::Arbitration { .. } => counts_why(lang, w),
        Why::Outages { outages, caught_up } => outages_why(lang, outages, *caught_up, o),
        Why::Appended { .. } => appended_why(lang, w),
        Why::Targeting { .. } => targeting_why(lang, w, o),
        Why::QueryDay { .. } => query_day_why(lang, w),
        Why::ExecutionTime { .. } => execution_time_why(lang, w),
    }
}

/// "{sent} sent, {failed} failed, {ignored} ignored", as the journal says it.
fn processed(lang: Lang, sent: u64, failed: u64, ignored: u64) -> String {
    let n = |v: u64| format::int(lang, v);
    fill(
        tr(lang, K::JProcessed),
        &[
            ("sent", &n(sent)),
            ("failed", &n(failed)),
            ("ignored", &n(ignored)),
        ],
    )
}

fn executions(lang: Lang, v: u32) -> String {
    count(lang, u64::from(v), K::ExecutionOne, K::ExecutionMany)
}

fn rows(lang: Lang, v: u64) -> String {
    count(lang, v, K::RowOne, K::RowMany)
}

fn deliveries_why(lang: Lang, w: &Why) -> String {
    let Why::Deliveries {
        side,
        executions: e,
        reached,
        deliveries,
        forks,
        aggregation,
    } = *w
    else {
        return String::new();
    };
    let key = match (side, aggregation, forks) {
        (Side::Continuous, _, 0) => K::QuizWhyContinuous,
        (Side::Continuous, _, _) => K::QuizWhyContinuousForks,
        (_, Aggregation::None, _) => K::QuizWhyRecurring,
        _ => K::QuizWhyAggregated,
    };
    fill(
        tr(lang, key),
        &[
            ("executions", &executions(lang, e)),
            ("reached", &format::int(lang, u64::from(reached))),
            (
                "deliveries",
                &count(lang, u64::from(deliveries), K::DeliveryOne, K::DeliveryMany),
            ),
            ("forks", &format::int(lang, u64::from(forks))),
        ],
    )
}

fn rows_why(lang: Lang, w: &Why) -> String {
    let n = |v: u64| format::int(lang, v);
    match *w {
        Why::Rows {
            delivery,
            executions: e,
            rows: r,
            sent,
            failed,
            ignored,
            ..
        } => fill(
            tr(
                lang,
                if delivery.is_some() {
                    K::QuizWhyRowsOf
                } else {
                    K::QuizWhyRows
                },
            ),
            &[
                ("runs", &executions(lang, e)),
                ("rows", &rows(lang, r)),
                ("delivery", &delivery.unwrap_or(0).to_string()),
                ("processed", &processed(lang, sent, failed, ignored)),
            ],
        ),
        Why::Tracking {
            rows: r,
            sent,
            opens,
            clicks,
            ..
        } => fill(
            tr(lang, K::QuizWhyTracking),
            &[
                ("rows", &rows(lang, r)),
                ("sent", &n(sent)),
                ("opens", &n(opens)),
                ("clicks", &n(clicks)),
            ],
        ),
        _ => String::new(),
    }
}

fn counts_why(lang: Lang, w: &Why) -> String {
    let n = |v: u64| format::int(lang, v);
    match w {
        Why::Executions {
            executions: e,
            reached,
            nobody,
            caught_up,
            missed,
        } => fill(
            tr(lang, K::QuizWhyExecutions),
            &[
                ("executions", &executions(lang, *e)),
                ("reached", &n(u64::from(*reached))),
                ("nobody", &n(u64::from(*nobody))),
                ("caught", &n(u64::from(*caught_up))),
                (
                    "missed",
                    &count(lang, u64::from(*missed), K::SlotOne, K::SlotMany),
                ),
            ],
        ),
        Why::Arbitration {
            rows: r,
            excluded,
            recipients,
        } => {
            let list: Vec<String> = recipients.iter().map(|id| recipient(lang, *id)).collect();
            let key = if *excluded == 0 {
                K::QuizWhyArbitrationNone
            } else {
                K::QuizWhyArbitration
            };
            fill(
                tr(lang, key),
                &[
                    ("excluded", &n(*excluded)),
                    ("rows", &rows(lang, *r)),
                    ("list", &list.join(", ")),
                ],
            )
        }
        _ => String::new(),
    }
}

/// "#58" / "n°58".
fn recipient(lang: Lang, id: u64) -> String {
    match lang {
        Lang::En => format!("#{id}"),
        Lang::Fr => format!("n°{id}"),
    }
}

fn outages_why(lang: Lang, outages: &[MissedIn], caught_up: u32, o: &Outcome) -> String {
    let cal = o.calendar();
    let when = |t: i64| format::date_time(lang, cal.local(t));
    if outages.is_empty() {
        return tr(lang, K::QuizNoOutage).to_string();
    }
    let parts: Vec<String> = outages
        .iter()
        .map(|m| {
            fill(
                tr(lang, K::QuizOutagePart),
                &[
                    (
                        "missed",
                        &count(lang, u64::from(m.missed), K::SlotOne, K::SlotMany),
                    ),
                    ("from", &when(m.from)),
                    ("to", &when(m.to)),
                ],
            )
        })
        .collect();
    fill(
        tr(lang, K::QuizWhyOutages),
        &[
            ("outages", &parts.join("; ")),
            (
                "caught",
                &count(
                    lang,
                    u64::from(caught_up),
                    K::ExecutionOne,
                    K::ExecutionMany,
                ),
            ),
        ],
    )
}

fn appended_why(lang: Lang, w: &Why) -> String {
    let Why::Appended {
        execution,
        targeted,
        delivery,
        sent,
        failed,
        ignored,
    } = *w
    else {
        return String::new();
    };
    let key = match delivery {
        None => K::QuizWhyAppendedNone,
        Some(_) => K::QuizWhyAppended,
    };
    fill(
        tr(lang, key),
        &[
            ("n", &execution.to_string()),
            (
                "recipients",
                &count(lang, u64::from(targeted), K::RecipientOne, K::RecipientMany),
            ),
            ("delivery", &delivery.unwrap_or(0).to_string()),
            (
                "processed",
                &processed(lang, sent.into(), failed.into(), ignored.into()),
            ),
        ],
    )
}

/// The trace's sentence: "At execution #134 (…): Targeted (…): broadLog row … —
/// Ignored (Excluded by arbitration). The quota was full: …".
fn targeting_why(lang: Lang, w: &Why, o: &Outcome) -> String {
    let Why::Targeting {
        execution,
        reason,
        row,
    } = w
    else {
        return String::new();
    };
    let cal = o.calendar();
    let when = |t: i64| format::date_time(lang, cal.local(t));
    let at = o
        .executions()
        .get((*execution as usize).saturating_sub(1))
        .map_or_else(String::new, |e| when(e.at));
    let mut text = fill(
        tr(lang, K::WhyTitle),
        &[("n", &execution.to_string()), ("at", &at)],
    );
    text.push_str(&targeting(lang, reason, when));
    if let Some(RowWhy::ExcludedByArbitration {
        max,
        period_days,
        messages,
    }) = row
    {
        text.push_str(". ");
        text.push_str(&quota(lang, *max, *period_days, messages, o));
    }
    text
}

/// "The quota was full: 2 marketing emails in the last 7 days: Birthday Mon 09:00
/// (ran first: priority 10 above −1), Weekly newsletter Mon 09:00 (…)" (the messages
/// that filled it, oldest first; one at the excluded row's own instant says why it
/// counted first: the contract's order, from the engine's `Counted::before`).
pub fn quota(lang: Lang, max: u32, period_days: u32, messages: &[Counted], o: &Outcome) -> String {
    let cal = o.calendar();
    let list: Vec<String> = messages
        .iter()
        .map(|c| {
            let local = cal.local(c.at);
            let mut item = format!(
                "{} {} {:02}:{:02}",
                o.workflows()
                    .get(usize::from(c.workflow))
                    .map_or("", |w| w.name.as_str()),
                format::weekday(lang, local.date()),
                chrono::Timelike::hour(&local),
                chrono::Timelike::minute(&local)
            );
            if let Some(b) = c.before {
                item.push_str(&format!(" ({})", ran_before(lang, b)));
            }
            item
        })
        .collect();
    fill(
        tr(lang, K::ArbitrationWhy),
        &[
            (
                "emails",
                &count(
                    lang,
                    u64::from(max),
                    K::MarketingEmailOne,
                    K::MarketingEmailMany,
                ),
            ),
            (
                "days",
                &count(lang, u64::from(period_days), K::DayOne, K::DayMany),
            ),
            ("list", &list.join(", ")),
        ],
    )
}

/// Why a message at the same instant ran (and counted) first: a higher priority, the
/// same priority and an earlier place in the document, or the same workflow earlier.
fn ran_before(lang: Lang, b: RanBefore) -> String {
    match b {
        RanBefore::HigherPriority { priority, over } => fill(
            tr(lang, K::RanFirstPriority),
            &[
                ("priority", &priority.to_string()),
                ("over", &over.to_string()),
            ],
        ),
        RanBefore::EarlierInDocument { priority, .. } => fill(
            tr(lang, K::RanFirstPosition),
            &[("priority", &priority.to_string())],
        ),
        RanBefore::SameWorkflow => tr(lang, K::RanFirstSame).to_string(),
    }
}

fn query_day_why(lang: Lang, w: &Why) -> String {
    let Why::QueryDay {
        execution,
        day,
        slot_day,
        ..
    } = *w
    else {
        return String::new();
    };
    use chrono::Datelike;
    let slot = if slot_day == day {
        String::new()
    } else {
        let semicolon = match lang {
            Lang::En => "; ",
            Lang::Fr => "\u{a0}; ",
        };
        format!(
            "{semicolon}{}",
            fill(
                tr(lang, K::SlotDayNotTaken),
                &[(
                    "day",
                    &format::day_month(lang, slot_day.month(), slot_day.day())
                )],
            )
        )
    };
    fill(
        tr(lang, K::QuizWhyQueryDay),
        &[
            ("n", &execution.to_string()),
            ("date", &format::date(lang, day)),
            ("birthdays", &super::i18n::birthdays_of(lang, day)),
            ("slot", &slot),
        ],
    )
}

fn execution_time_why(lang: Lang, w: &Why) -> String {
    let Why::ExecutionTime {
        execution,
        at,
        offset,
        scheduled,
        caught_up,
        dst,
    } = *w
    else {
        return String::new();
    };
    let mut text = fill(
        tr(lang, K::QuizWhyExecutionTime),
        &[
            ("n", &execution.to_string()),
            ("at", &format::date_time(lang, at)),
            ("offset", &format::utc_offset(offset)),
        ],
    );
    if caught_up || dst.is_some() {
        // The journal's own line for that firing: the slot it caught up, the
        // daylight-saving rule that placed it.
        let fired = super::i18n::journal(
            lang,
            &JournalMessage::SchedulerFired {
                scheduled: 0,
                caught_up,
                dst,
            },
            0,
            |_| format::date_time(lang, scheduled),
        );
        // "The scheduler fired · <note>": an on-time run keeps only the note.
        let note = if caught_up {
            fired.as_str()
        } else {
            fired.split_once(" · ").map_or("", |(_, note)| note)
        };
        text.push_str(tr(lang, K::Colon));
        text.push_str(note);
    }
    text.push('.');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::doc;
    use crate::ui::lesson::{parse_lesson, plan};
    use serde_json::{json, Value as Json};

    /// A one-step lesson on `preset` (patched by `edit`) asking `ask`, its year.
    fn asked(preset: &str, edit: Json, ask: Json) -> (Ask, Sim) {
        let text = json!({"id": "t", "question": 1, "title": "T", "steps": [
            {"narration": "n", "notice": "w", "preset": preset, "edit": edit, "ask": ask}]})
        .to_string();
        let l = parse_lesson(&text, None).unwrap();
        let doc = plan(&l, 0, &Json::Null).doc;
        let sim = Sim::new(doc::parse(&doc.to_string()).unwrap()).unwrap();
        (l.steps[0].ask.clone().unwrap(), sim)
    }

    fn number(quantity: Json) -> Json {
        json!({"prompt": "How many?", "number": quantity})
    }

    /// The feedback's explanation in both languages.
    fn why_of(ask: &Ask, sim: &Sim) -> [String; 2] {
        let a = answer(ask, sim).unwrap();
        let o = sim.outcome(0).unwrap();
        [Lang::En, Lang::Fr].map(|l| feedback(l, ask, Some(&a), true, o).why)
    }

    #[test]
    fn numbers_are_read_as_people_type_them() {
        for (text, want) in [
            ("52", Some(52.0)),
            (" 52 ", Some(52.0)),
            ("52.0", Some(52.0)),
            ("52,5", Some(52.5)),
            ("+3", Some(3.0)),
            ("-3", Some(-3.0)),
            ("2,080", Some(2080.0)),
            ("12,345,678", Some(12_345_678.0)),
            ("2 080", Some(2080.0)),
            ("2\u{a0}080", Some(2080.0)),
            ("1 234 567.5", Some(1_234_567.5)),
            ("", None),
            ("52 deliveries", None),
            ("5 2", None),
            ("2 0800", None),
            ("1 234,5", Some(1234.5)),
            ("1,500", Some(1500.0)),
            ("1,50", Some(1.5)),
            ("2,080.5", Some(2080.5)),
            ("1.2.3", None),
            ("--3", None),
            ("2,08,0", None),
            ("1e2", None),
            ("52.", None),
            (".5", None),
            ("fifty", None),
        ] {
            assert_eq!(read_number(text), want, "{text:?}");
        }
    }

    #[test]
    fn a_number_is_recorded_in_its_plain_form() {
        for (typed, plain) in [
            ("2,080", "2080"),
            (" 52.0 ", "52"),
            ("52,5", "52.5"),
            ("2,080.5", "2080.5"),
            ("1 234,50", "1234.5"),
            ("-3", "-3"),
        ] {
            assert_eq!(plain_number(typed).as_deref(), Some(plain), "{typed:?}");
        }
        assert_eq!(plain_number("fifty"), None);
    }

    #[test]
    fn a_number_question_is_judged_against_the_engine() {
        let (ask, sim) = asked(
            "weekly-newsletter-recurring",
            json!({}),
            number(json!({"quantity": "broadlog-rows", "mode": "continuous"})),
        );
        let a = answer(&ask, &sim);
        let judge = |t: &str| check(&ask, a.as_ref(), Response::Number(t));
        for right in ["2080", " 2,080 ", "2 080", "2\u{202f}080", "2080.0"] {
            assert_eq!(judge(right), Ok(true), "{right:?}");
        }
        for wrong in ["2081", "52", "2080.5", "-2080"] {
            assert_eq!(judge(wrong), Ok(false), "{wrong:?}");
        }
        assert_eq!(judge("  "), Err(NotAnAnswer::Empty));
        assert_eq!(judge("lots"), Err(NotAnAnswer::NotANumber));
        assert_eq!(
            check(&ask, None, Response::Number("2080")),
            Err(NotAnAnswer::NoValue)
        );
        assert_eq!(
            check(&ask, a.as_ref(), Response::Choice(0)),
            Err(NotAnAnswer::WrongKind)
        );
        assert_eq!(response_text(&ask, Response::Number(" 2,080 ")), "2080");
        assert_eq!(response_text(&ask, Response::Number("52,5")), "52.5");
        assert_eq!(response_text(&ask, Response::Number("lots")), "lots");
        let o = sim.outcome(0).unwrap();
        let f = feedback(Lang::Fr, &ask, a.as_ref(), false, o);
        assert_eq!(f.verdict, "Pas tout à fait.");
        assert_eq!(f.right, "La réponse\u{a0}: 2\u{202f}080.");
        assert_eq!(
            f.why,
            "52 exécutions ont ajouté 2\u{202f}080 lignes, une par destinataire renvoyé par \
             leur requête\u{a0}: envoyés\u{a0}: 2\u{202f}080, en échec\u{a0}: 0, ignorés\u{a0}: 0."
        );
        assert_eq!(
            not_an_answer(Lang::En, NotAnAnswer::NotANumber),
            "Type a number in digits, e.g. 52."
        );
    }

    #[test]
    fn a_choice_question_is_judged_by_its_answer_and_explained_by_the_engine() {
        let (ask, sim) = asked(
            "birthday-daily-recurring",
            json!({"outages": [{"from": "2026-03-01T05:00", "to": "2026-03-02T05:00"}]}),
            json!({"prompt": "Whose birthdays?", "answer": 1,
                "choices": [{"text": "1 March's", "value": "2026-03-01"},
                            {"text": "2 March's", "value": "2026-03-02"}],
                "quantity": {"quantity": "query-day", "execution": 60}}),
        );
        let a = answer(&ask, &sim);
        assert_eq!(check(&ask, a.as_ref(), Response::Choice(1)), Ok(true));
        assert_eq!(check(&ask, a.as_ref(), Response::Choice(0)), Ok(false));
        assert_eq!(
            check(&ask, a.as_ref(), Response::Choice(2)),
            Err(NotAnAnswer::NoSuchChoice)
        );
        assert_eq!(
            check(&ask, a.as_ref(), Response::Number("1")),
            Err(NotAnAnswer::WrongKind)
        );
        assert_eq!(response_text(&ask, Response::Choice(0)), "2026-03-01");
        let f = feedback(Lang::En, &ask, a.as_ref(), true, sim.outcome(0).unwrap());
        assert_eq!(
            (f.verdict.as_str(), f.right.as_str()),
            ("Right.", "The answer: 2 March's.")
        );
        assert_eq!(
            why_of(&ask, &sim),
            [
                "Execution #60 ran on Mon 2 Mar 2026, so its query took the birthdays of 2 Mar; \
                 the birthdays of 1 Mar, the slot's day, are not taken: a query evaluates \
                 \"today\" when it runs.",
                "L'exécution n°60 a tourné le lun. 2 mars 2026, sa requête a donc pris les \
                 anniversaires du 2 mars\u{a0}; les anniversaires du 1 mars, jour du créneau, ne sont \
                 pas pris\u{a0}: une requête évalue «\u{a0}aujourd'hui\u{a0}» au moment où elle \
                 tourne.",
            ]
        );
        // A choice without a quantity: no value, no sentence (the narration explains).
        let (ask, sim) = asked(
            "weekly-newsletter-recurring",
            json!({}),
            json!({"prompt": "Why?", "answer": 0,
                "choices": [{"text": "Same", "value": "same"}, {"text": "Not", "value": "not"}]}),
        );
        assert_eq!(answer(&ask, &sim), None);
        assert_eq!(check(&ask, None, Response::Choice(0)), Ok(true));
        let f = feedback(Lang::En, &ask, None, true, sim.outcome(0).unwrap());
        assert_eq!(
            (f.right.as_str(), f.why.as_str()),
            ("The answer: Same.", "")
        );
    }

    #[test]
    fn the_explanations_read_the_engine_in_both_languages() {
        let (ask, sim) = asked(
            "welcome-continuous-incremental",
            json!({}),
            number(json!({"quantity": "deliveries", "mode": "continuous"})),
        );
        assert_eq!(
            why_of(&ask, &sim),
            [
                "365 executions so far, 29 of which targeted someone: each appended its \
                 recipients to the continuous delivery in force; the first one, plus 1 started \
                 after content changes, 2 deliveries.",
                "365 exécutions jusque-là, dont 29 ont ciblé quelqu'un\u{a0}: chacune a ajouté \
                 ses destinataires à la diffusion continue en vigueur\u{a0}; la première, plus 1 \
                 créées après des changements de contenu, soit 2 diffusions.",
            ]
        );
        let (ask, sim) = asked(
            "welcome-continuous-incremental",
            json!({}),
            number(json!({"quantity": "rows-appended", "execution": 2})),
        );
        assert_eq!(
            why_of(&ask, &sim)[0],
            "Execution #2's query returned nobody: the delivery did not run and no row was written."
        );
        let (ask, sim) = asked(
            "welcome-continuous-incremental",
            json!({"outages": [{"from": "2026-03-14T12:00", "to": "2026-03-17T12:00"}]}),
            number(json!({"quantity": "executions"})),
        );
        assert_eq!(
            why_of(&ask, &sim)[0],
            "363 executions by then: 29 reached the delivery, 334 targeted nobody, 1 ran late \
             after an outage, and 3 slots fell in an outage."
        );
        let (ask, sim) = asked(
            "welcome-continuous-incremental",
            json!({"outages": [{"from": "2026-03-14T12:00", "to": "2026-03-17T12:00"}]}),
            number(json!({"quantity": "missed-slots"})),
        );
        assert_eq!(
            why_of(&ask, &sim)[1],
            "3 créneaux pendant l'interruption du sam. 14 mars 2026 12:00 au mar. 17 mars 2026 \
             12:00\u{a0}; 1 exécution en retard au retour du serveur."
        );
    }

    #[test]
    fn rows_of_a_delivery_tracking_and_arbitration() {
        let (ask, sim) = asked(
            "weekly-newsletter-recurring",
            json!({"tracking": {"enabled": true}}),
            number(json!({"quantity": "broadlog-rows", "mode": "continuous",
                "clock": "2026-03-16T12:00", "delivery": 1})),
        );
        let [en, fr] = why_of(&ask, &sim);
        assert!(
            en.starts_with("11 executions appended 440 rows to delivery #1, one per recipient"),
            "{en}"
        );
        assert!(
            fr.starts_with("11 exécutions ont ajouté 440 lignes à la diffusion n°1,"),
            "{fr}"
        );
        let (ask, sim) = asked(
            "weekly-newsletter-recurring",
            json!({"tracking": {"enabled": true}}),
            number(json!({"quantity": "tracking-rows", "mode": "recurring"})),
        );
        let rows = sim.outcome(0).unwrap().tracking().len();
        let en = &why_of(&ask, &sim)[0];
        assert!(
            en.starts_with(&format!("{rows} rows of tracking: the opens (")),
            "{en}"
        );
        let (ask, sim) = asked(
            "several-workflows-one-base",
            json!({}),
            number(json!({"quantity": "arbitration-exclusions", "execution": 134})),
        );
        assert_eq!(
            why_of(&ask, &sim),
            [
                "1 of 34 rows excluded by arbitration (the pressure rule): recipients #58.",
                "1 sur 34 lignes exclues par l'arbitrage (la règle de pression)\u{a0}: \
                 destinataires n°58.",
            ]
        );
    }

    #[test]
    fn who_was_targeted_and_what_filled_their_quota() {
        let ask = json!({"prompt": "Which?", "answer": 1, "choices": [
            {"text": "Two newsletters", "value": "Weekly newsletter + Weekly newsletter"},
            {"text": "The birthday email and the newsletter", "value": "Birthday + Weekly newsletter"}],
            "quantity": {"quantity": "quota-filled-by", "recipient": 58, "execution": 134}});
        let (ask, sim) = asked("several-workflows-one-base", json!({}), ask);
        let [en, fr] = why_of(&ask, &sim);
        assert!(
            en.starts_with("At execution #134 (Mon 2 Mar 2026 09:00): Targeted (the query takes everyone in the base): broadLog row "),
            "{en}"
        );
        assert!(
            en.ends_with(" — Ignored (Excluded by arbitration). The quota was full: 2 marketing emails in the last 7 days: Birthday Mon 09:00 (ran first: priority 10 above -1), Weekly newsletter Mon 09:00 (ran first: priority 0 above -1)"),
            "{en}"
        );
        assert!(fr.ends_with("Le quota était atteint\u{a0}: 2 e-mails marketing en 7 jours\u{a0}: Birthday lun. 09:00 (passé avant\u{a0}: priorité 10 au-dessus de -1), Weekly newsletter lun. 09:00 (passé avant\u{a0}: priorité 0 au-dessus de -1)"), "{fr}");
        let (ask, sim) = asked(
            "birthday-daily-recurring",
            json!({}),
            json!({"prompt": "Targeted?", "answer": 1, "choices": [
                {"text": "Yes", "value": "yes"}, {"text": "No", "value": "no"}],
                "quantity": {"quantity": "targeted", "recipient": 17, "execution": 33}}),
        );
        assert_eq!(
            why_of(&ask, &sim)[0],
            "At execution #33 (Mon 2 Feb 2026 06:00): Not targeted: the query took the birthdays \
             of 2 Feb, theirs is 10 Oct"
        );
    }

    #[test]
    fn a_run_placed_by_daylight_saving_says_so() {
        let edit = json!({"workflow": {"scheduler": {"times": ["02:30"]}}});
        let ask = json!({"prompt": "When?", "answer": 1, "choices": [
            {"text": "02:30", "value": "2026-03-29T02:30"}, {"text": "03:30", "value": "2026-03-29T03:30"}],
            "quantity": {"quantity": "execution-time", "execution": 88}});
        let (ask, sim) = asked("birthday-daily-recurring", edit, ask);
        assert_eq!(
            why_of(&ask, &sim),
            [
                "Execution #88 ran on Sun 29 Mar 2026 03:30 UTC+02:00: 02:30 does not exist on \
                 29 Mar (clocks go forward): ran at 03:30 UTC+02:00.",
                "L'exécution n°88 a tourné le dim. 29 mars 2026 03:30 UTC+02:00\u{a0}: 02:30 n'existe \
                 pas le 29 mars (passage à l'heure d'été)\u{a0}: exécutée à 03:30 UTC+02:00.",
            ]
        );
    }
}
