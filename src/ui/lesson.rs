//! Guided lessons: the lesson file format, its checks, and what a step asks of the
//! page. Pure (tested natively); the page fetches the files (`lessons/<id>.<lang>.json`,
//! never compiled in) and applies a step's [`Plan`] through the action queue.
//!
//! A lesson is `{ "id", "question", "title", "steps": [ … ] }`; a step is
//! `{ "narration", "notice", "preset"?, "edit"?, "clock"?, "jump"?, "mode"?,
//! "delivery"?, "execution"?, "recipient"?, "filters"?, "highlight"?, "expect"? }`
//! (the README's "Writing a lesson" says what each field does).
//!
//! Steps are cumulative: step k is the lesson replayed from its start up to k, so Back
//! is exact. A step that loads a preset or applies an edit changes the scenario and
//! starts from a fresh view (clock on 1 January, nothing selected, no filter); the
//! view fields of that step and of the steps after it (up to k) then apply in order.

use chrono::NaiveDateTime;
use serde::de::IgnoredAny;
use serde::Deserialize;
use serde_json::Value;

use super::merge_patch::merge_patch;
use super::model::ModeKey;
use super::presets::{preset, PRESETS};
use crate::engine::doc::{parse_date, parse_local_datetime, ScenarioError};
use crate::engine::out::logs::{Reason, Status};

/// Steps a lesson may have at most (a lesson is short; a typo'd giant file is refused).
const MAX_STEPS: usize = 40;

/// One entry of the Questions menu (`lessons/index.<lang>.json` is a list of them).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndexEntry {
    /// The lesson's id: its files are `lessons/<id>.en.json` and `lessons/<id>.fr.json`.
    pub id: String,
    /// The number of the question it answers (the menu's order and label).
    pub question: u32,
    /// The question, as the menu shows it.
    pub title: String,
}

/// A checked lesson.
#[derive(Clone, Debug, PartialEq)]
pub struct Lesson {
    pub id: String,
    pub question: u32,
    pub title: String,
    pub steps: Vec<Step>,
}

/// A checked step.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub narration: String,
    /// The "What to notice" line.
    pub notice: String,
    /// A preset to load (its name, as in the preset picker).
    pub preset: Option<&'static str>,
    /// A JSON merge patch (RFC 7396) applied to the scenario document.
    pub edit: Option<Value>,
    /// What the step does to the view, in the order it is applied.
    pub ops: Vec<Op>,
    /// The `data-testid` of the element to outline.
    pub highlight: Option<String>,
}

impl Step {
    /// Whether the step changes the scenario (and so starts from a fresh view).
    pub fn changes_scenario(&self) -> bool {
        self.preset.is_some() || self.edit.is_some()
    }
}

/// Where a step puts the simulated clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Clock {
    /// The end of the year (as "Run to end").
    End,
    /// A local date-time in the scenario's zone (a date is its midnight).
    At(NaiveDateTime),
}

/// One thing a step does to the view, applied once the step's scenario is simulated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Op {
    /// The explorer's delivery mode.
    Mode(ModeKey),
    Clock(Clock),
    /// Jump to an execution (number or date, as `ui::nav::resolve` reads it): clock,
    /// explorer, journal and trace move to it.
    Jump(String),
    /// Select a delivery (by id) in the explorer's mode.
    Delivery(u64),
    /// Focus an execution (its number, from 1): the send log's execution filter, the
    /// journal's highlighted lines and the trace's execution.
    Execution(usize),
    /// The recipient the trace follows.
    Recipient(u64),
    /// The send log's status and reason filters.
    Filters {
        status: Option<Status>,
        reason: Option<Reason>,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLesson {
    id: String,
    question: u32,
    title: String,
    steps: Vec<RawStep>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStep {
    narration: String,
    notice: String,
    preset: Option<String>,
    edit: Option<Value>,
    clock: Option<String>,
    jump: Option<Value>,
    mode: Option<String>,
    delivery: Option<u64>,
    execution: Option<u64>,
    recipient: Option<u64>,
    filters: Option<RawFilters>,
    highlight: Option<String>,
    /// What the end-to-end test checks at this step; the page does not read it.
    #[allow(dead_code)]
    expect: Option<IgnoredAny>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFilters {
    status: Option<String>,
    reason: Option<String>,
}

/// A lesson or index id: lowercase letters, digits and `-` (it is a file name and a
/// `data-lesson` value), at most 64 characters.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The path of a lesson file, relative to the widget's files.
pub fn lesson_path(id: &str, lang: &str) -> String {
    format!("lessons/{id}.{lang}.json")
}

/// The path of the Questions menu of a language.
pub fn index_path(lang: &str) -> String {
    format!("lessons/index.{lang}.json")
}

fn err(path: impl Into<String>, reason: impl Into<String>) -> ScenarioError {
    ScenarioError {
        path: path.into(),
        reason: reason.into(),
    }
}

/// A serde_json error as `path: reason`, the path found from where the reader stopped.
fn serde_error(text: &str, e: &serde_json::Error) -> ScenarioError {
    use crate::engine::doc::jsonpath::{offset_of, path_at};
    if !e.is_data() {
        return err("", format!("invalid JSON: {e}"));
    }
    let full = e.to_string();
    let reason = full
        .rfind(" at line ")
        .map_or(full.as_str(), |i| &full[..i]);
    err(path_at(text, offset_of(text, e.line(), e.column())), reason)
}

/// Reads a Questions menu: a list of `{id, question, title}` with valid, distinct ids.
pub fn parse_index(text: &str) -> Result<Vec<IndexEntry>, ScenarioError> {
    let entries: Vec<IndexEntry> = serde_json::from_str(text).map_err(|e| serde_error(text, &e))?;
    for (i, e) in entries.iter().enumerate() {
        if !valid_id(&e.id) {
            return Err(err(format!("[{i}].id"), bad_id(&e.id)));
        }
        if entries[..i].iter().any(|x| x.id == e.id) {
            return Err(err(
                format!("[{i}].id"),
                format!("\"{}\" is listed twice", e.id),
            ));
        }
        if e.title.trim().is_empty() {
            return Err(err(format!("[{i}].title"), "must not be empty"));
        }
    }
    Ok(entries)
}

fn bad_id(id: &str) -> String {
    format!(
        "\"{}\" is not a lesson id (lowercase letters, digits and -)",
        id.chars().take(40).collect::<String>()
    )
}

/// Reads and checks a lesson file. `id`, when given, is the id the file was fetched
/// for (its name). Every problem names its field: `steps[2].clock: …`.
pub fn parse_lesson(text: &str, id: Option<&str>) -> Result<Lesson, ScenarioError> {
    let raw: RawLesson = serde_json::from_str(text).map_err(|e| serde_error(text, &e))?;
    if !valid_id(&raw.id) {
        return Err(err("id", bad_id(&raw.id)));
    }
    if let Some(want) = id.filter(|w| *w != raw.id) {
        return Err(err(
            "id",
            format!("\"{}\" is not the file's lesson ({want})", raw.id),
        ));
    }
    if raw.title.trim().is_empty() {
        return Err(err("title", "must not be empty"));
    }
    if raw.steps.is_empty() || raw.steps.len() > MAX_STEPS {
        return Err(err(
            "steps",
            format!(
                "a lesson has 1 to {MAX_STEPS} steps, not {}",
                raw.steps.len()
            ),
        ));
    }
    let steps = raw
        .steps
        .into_iter()
        .enumerate()
        .map(|(i, s)| check_step(s).map_err(|(f, r)| err(format!("steps[{i}]{f}"), r)))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Lesson {
        id: raw.id,
        question: raw.question,
        title: raw.title,
        steps,
    })
}

/// A step's problem: (`.field` under the step, reason).
type StepError = (String, String);

fn check_step(s: RawStep) -> Result<Step, StepError> {
    let at = |f: &str, r: String| (format!(".{f}"), r);
    if s.narration.trim().is_empty() {
        return Err(at("narration", "must not be empty".into()));
    }
    let preset = match s.preset.as_deref() {
        None => None,
        Some(name) => Some(preset(name).map(|p| p.name).ok_or_else(|| {
            at(
                "preset",
                format!(
                    "\"{name}\" is not a preset ({})",
                    PRESETS.map(|p| p.name).join(", ")
                ),
            )
        })?),
    };
    if s.edit.as_ref().is_some_and(|e| !e.is_object()) {
        return Err(at(
            "edit",
            "expected an object (a JSON merge patch of the scenario)".into(),
        ));
    }
    if s.clock.is_some() && s.jump.is_some() {
        return Err((
            String::new(),
            "clock and jump both move the clock: keep one".into(),
        ));
    }
    let mut ops = Vec::new();
    if let Some(m) = s.mode.as_deref() {
        let key = [ModeKey::Recurring, ModeKey::Continuous, ModeKey::Aggregated]
            .into_iter()
            .find(|k| k.attr() == m)
            .ok_or_else(|| {
                at(
                    "mode",
                    format!("\"{m}\" is not a mode (recurring, continuous, aggregated)"),
                )
            })?;
        ops.push(Op::Mode(key));
    }
    if let Some(c) = s.clock {
        let clock = if c == "end" {
            Clock::End
        } else {
            parse_local_datetime(&c)
                .or_else(|| parse_date(&c).and_then(|d| d.and_hms_opt(0, 0, 0)))
                .map(Clock::At)
                .ok_or_else(|| {
                    at(
                        "clock",
                        format!("\"{c}\" is not \"end\", a date YYYY-MM-DD or a date-time YYYY-MM-DDTHH:MM"),
                    )
                })?
        };
        ops.push(Op::Clock(clock));
    }
    if let Some(j) = s.jump {
        let text = match &j {
            Value::Number(n) => n.to_string(),
            Value::String(t) => t.clone(),
            other => other.to_string(),
        };
        if !jump_form(&text) {
            return Err(at(
                "jump",
                format!("{j} is not an execution number (from 1) or a date YYYY-MM-DD[THH:MM]"),
            ));
        }
        ops.push(Op::Jump(text));
    }
    let positive = |f: &str, v: Option<u64>| match v {
        Some(0) => Err(at(f, "numbers start at 1".into())),
        _ => Ok(v),
    };
    if let Some(d) = positive("delivery", s.delivery)? {
        ops.push(Op::Delivery(d));
    }
    if let Some(e) = positive("execution", s.execution)? {
        ops.push(Op::Execution(e as usize));
    }
    if let Some(r) = s.recipient {
        ops.push(Op::Recipient(r));
    }
    if let Some(f) = s.filters {
        let status = match f.status.as_deref() {
            None => None,
            Some(v) => Some(
                [Status::Sent, Status::Failed, Status::Ignored]
                    .into_iter()
                    .find(|st| status_name(*st) == v)
                    .ok_or_else(|| {
                        at(
                            "filters.status",
                            format!("\"{v}\" is not a status (sent, failed, ignored)"),
                        )
                    })?,
            ),
        };
        let reason = match f.reason.as_deref() {
            None => None,
            Some(v) => Some(
                Reason::ALL[1..]
                    .iter()
                    .copied()
                    .find(|r| r.name() == v)
                    .ok_or_else(|| {
                        let names: Vec<_> = Reason::ALL[1..].iter().map(|r| r.name()).collect();
                        at(
                            "filters.reason",
                            format!("\"{v}\" is not a reason ({})", names.join(", ")),
                        )
                    })?,
            ),
        };
        ops.push(Op::Filters { status, reason });
    }
    if let Some(h) = s.highlight.as_deref().filter(|h| !valid_testid(h)) {
        return Err(at(
            "highlight",
            format!("\"{h}\" is not a data-testid (lowercase letters, digits and -)"),
        ));
    }
    Ok(Step {
        narration: s.narration,
        notice: s.notice,
        preset,
        edit: s.edit,
        ops,
        highlight: s.highlight,
    })
}

/// A status's name in lesson files (and exports).
pub fn status_name(s: Status) -> &'static str {
    match s {
        Status::Sent => "sent",
        Status::Failed => "failed",
        Status::Ignored => "ignored",
    }
}

fn valid_testid(t: &str) -> bool {
    valid_id(t)
}

/// Whether `text` has the form of an execution reference: a number from 1 (`5`,
/// `#5`, `n°5`), a local date or a local date-time. (Which execution it names depends
/// on the simulated year: `ui::nav::resolve`.)
fn jump_form(text: &str) -> bool {
    let t = text.trim();
    let n = t
        .trim_start_matches('#')
        .trim_start_matches("n°")
        .trim_start_matches("N°")
        .trim();
    n.parse::<usize>().is_ok_and(|n| n >= 1)
        || parse_date(t).is_some()
        || parse_local_datetime(t).is_some()
}

/// What step `k` (from 0) asks of the page: the scenario document it shows, and what
/// to do to the view once that document is simulated, from a fresh view.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    /// The scenario document.
    pub doc: Value,
    /// The view operations, in order (from the last step that changed the scenario, or
    /// from the first step, up to step k).
    pub ops: Vec<Op>,
    /// The element to outline (step k's only).
    pub highlight: Option<String>,
}

/// The [`Plan`] of step `k` (clamped to the last step): the lesson replayed from its
/// start. `base` is the page's scenario document when the lesson was opened (what the
/// steps before the first preset edit).
///
/// ```
/// use campaign_sim::ui::lesson::{parse_lesson, plan, Op, Clock};
/// let l = parse_lesson(r#"{"id":"demo","question":1,"title":"Demo","steps":[
///   {"narration":"a","notice":"n","preset":"weekly-newsletter-recurring","clock":"end"},
///   {"narration":"b","notice":"n","edit":{"tracking":{"enabled":true}},"mode":"continuous"}]}"#, None).unwrap();
/// let p = plan(&l, 1, &serde_json::json!({}));
/// assert_eq!(p.doc["tracking"]["enabled"], true);
/// assert_eq!(p.doc["name"], "Weekly newsletter, recurring delivery");
/// // The edit changed the scenario: only step 1's view operations apply.
/// assert_eq!(p.ops.len(), 1);
/// assert_eq!(plan(&l, 0, &serde_json::json!({})).ops, vec![Op::Clock(Clock::End)]);
/// ```
pub fn plan(lesson: &Lesson, k: usize, base: &Value) -> Plan {
    let k = k.min(lesson.steps.len().saturating_sub(1));
    let steps = lesson.steps.get(..=k).unwrap_or(&[]);
    let mut doc = base.clone();
    let mut from = 0;
    for (i, s) in steps.iter().enumerate() {
        if let Some(p) = s.preset.and_then(preset) {
            doc = serde_json::from_str(p.json).unwrap_or(Value::Null);
        }
        if let Some(e) = &s.edit {
            merge_patch(&mut doc, e);
        }
        if s.changes_scenario() {
            from = i;
        }
    }
    Plan {
        doc,
        ops: steps
            .get(from..)
            .unwrap_or(&[])
            .iter()
            .flat_map(|s| s.ops.iter().cloned())
            .collect(),
        highlight: steps.last().and_then(|s| s.highlight.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn lesson(steps: Value) -> String {
        json!({"id": "t", "question": 3, "title": "T", "steps": steps}).to_string()
    }

    fn error(text: &str) -> String {
        parse_lesson(text, None).unwrap_err().to_string()
    }

    #[test]
    fn a_full_step_is_read_in_application_order() {
        let text = lesson(json!([{
            "narration": "n", "notice": "w", "preset": "birthday-daily-recurring",
            "edit": {"outages": [{"from": "2026-03-01T05:00", "to": "2026-03-02T05:30"}]},
            "jump": "2026-03-02", "mode": "continuous", "delivery": 2, "execution": 61,
            "recipient": 17, "filters": {"status": "ignored", "reason": "quarantined"},
            "highlight": "journal", "expect": [{"testid": "journal", "text": "x"}]
        }]));
        let l = parse_lesson(&text, Some("t")).unwrap();
        let s = &l.steps[0];
        assert_eq!(s.preset, Some("birthday-daily-recurring"));
        assert_eq!(
            s.ops,
            vec![
                Op::Mode(ModeKey::Continuous),
                Op::Jump("2026-03-02".into()),
                Op::Delivery(2),
                Op::Execution(61),
                Op::Recipient(17),
                Op::Filters {
                    status: Some(Status::Ignored),
                    reason: Some(Reason::Quarantined)
                },
            ]
        );
        assert_eq!(s.highlight.as_deref(), Some("journal"));
    }

    #[test]
    fn errors_name_the_field() {
        let cases = [
            (
                json!([{"narration": "n", "notice": "w", "clock": "2026-13-01"}]),
                "steps[0].clock: \"2026-13-01\" is not \"end\"",
            ),
            (
                json!([{"narration": "n", "notice": "w"}, {"narration": "n", "notice": "w", "preset": "nope"}]),
                "steps[1].preset: \"nope\" is not a preset",
            ),
            (
                json!([{"narration": "n", "notice": "w", "mode": "weekly"}]),
                "steps[0].mode: \"weekly\" is not a mode",
            ),
            (
                json!([{"narration": "n", "notice": "w", "jump": "Tuesday"}]),
                "steps[0].jump: \"Tuesday\" is not an execution number",
            ),
            (
                json!([{"narration": "n", "notice": "w", "jump": 0}]),
                "steps[0].jump: 0 is not",
            ),
            (
                json!([{"narration": "n", "notice": "w", "edit": [1]}]),
                "steps[0].edit: expected an object",
            ),
            (
                json!([{"narration": "n", "notice": "w", "clock": "end", "jump": 3}]),
                "steps[0]: clock and jump both move the clock",
            ),
            (
                json!([{"narration": "n", "notice": "w", "filters": {"status": "bounced"}}]),
                "steps[0].filters.status: \"bounced\" is not a status",
            ),
            (
                json!([{"narration": "n", "notice": "w", "filters": {"reason": "sent"}}]),
                "steps[0].filters.reason: \"sent\" is not a reason",
            ),
            (
                json!([{"narration": "n", "notice": "w", "highlight": "a b"}]),
                "steps[0].highlight: \"a b\" is not a data-testid",
            ),
            (
                json!([{"narration": "n", "notice": "w", "execution": 0}]),
                "steps[0].execution: numbers start at 1",
            ),
            (
                json!([{"narration": " ", "notice": "w"}]),
                "steps[0].narration: must not be empty",
            ),
            (json!([]), "steps: a lesson has 1 to 40 steps, not 0"),
        ];
        for (steps, want) in cases {
            let got = error(&lesson(steps.clone()));
            assert!(got.starts_with(want), "{steps}: {got}");
        }
    }

    #[test]
    fn serde_errors_name_the_field_too() {
        // An unknown field (a typo) inside the third step.
        let text = lesson(json!([
            {"narration": "n", "notice": "w"},
            {"narration": "n", "notice": "w"},
            {"narration": "n", "notice": "w", "hilight": "journal"}
        ]));
        let e = error(&text);
        assert!(
            e.starts_with("steps[2].hilight: unknown field `hilight`"),
            "{e}"
        );
        // A missing field names the step.
        let e = error(&lesson(json!([{"narration": "n"}])));
        assert!(e.starts_with("steps[0]: missing field `notice`"), "{e}");
        // A wrong type.
        let e = error(&lesson(
            json!([{"narration": "n", "notice": "w", "delivery": "two"}]),
        ));
        assert!(e.starts_with("steps[0].delivery: invalid type"), "{e}");
        // Not JSON at all.
        assert!(error("{ nope").starts_with("invalid JSON: "));
        // The id must be the file's.
        let e = parse_lesson(
            &lesson(json!([{"narration": "n", "notice": "w"}])),
            Some("q1"),
        )
        .unwrap_err()
        .to_string();
        assert_eq!(e, "id: \"t\" is not the file's lesson (q1)");
    }

    #[test]
    fn the_index_is_checked() {
        let ok = parse_index(r#"[{"id":"q1-a","question":1,"title":"One"}]"#).unwrap();
        assert_eq!(ok[0].question, 1);
        let e = parse_index(
            r#"[{"id":"q1","question":1,"title":"A"},{"id":"q1","question":2,"title":"B"}]"#,
        )
        .unwrap_err()
        .to_string();
        assert_eq!(e, "[1].id: \"q1\" is listed twice");
        let e = parse_index(r#"[{"id":"Q 1","question":1,"title":"A"}]"#)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("[0].id: \"Q 1\" is not a lesson id"), "{e}");
        let e = parse_index(r#"[{"id":"q1","question":1}]"#)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("[0]: missing field `title`"), "{e}");
    }

    #[test]
    fn steps_are_cumulative_and_a_scenario_change_starts_a_fresh_view() {
        let text = lesson(json!([
            {"narration": "1", "notice": "w", "clock": "2026-02-01"},
            {"narration": "2", "notice": "w", "preset": "weekly-newsletter-recurring", "clock": "end"},
            {"narration": "3", "notice": "w", "mode": "continuous", "highlight": "journal"},
            {"narration": "4", "notice": "w", "edit": {"tracking": {"enabled": true}}, "jump": 11},
            {"narration": "5", "notice": "w", "delivery": 1}
        ]));
        let l = parse_lesson(&text, None).unwrap();
        let base = json!({"name": "mine"});
        // Before any preset: the page's own document.
        let p0 = plan(&l, 0, &base);
        assert_eq!(p0.doc, base);
        let at = |d: &str| {
            Op::Clock(Clock::At(
                parse_date(d).unwrap().and_hms_opt(0, 0, 0).unwrap(),
            ))
        };
        assert_eq!(p0.ops, vec![at("2026-02-01")]);
        // The preset replaces the document and forgets the earlier view.
        let p2 = plan(&l, 2, &base);
        assert_eq!(p2.doc["name"], "Weekly newsletter, recurring delivery");
        assert_eq!(
            p2.ops,
            vec![Op::Clock(Clock::End), Op::Mode(ModeKey::Continuous)]
        );
        assert_eq!(p2.highlight.as_deref(), Some("journal"));
        // The edit patches the preset's document; its view starts afresh.
        let p4 = plan(&l, 4, &base);
        assert_eq!(p4.doc["tracking"]["enabled"], true);
        assert_eq!(p4.doc["workflow"]["scheduler"]["days"], json!(["mon"]));
        assert_eq!(p4.ops, vec![Op::Jump("11".into()), Op::Delivery(1)]);
        assert_eq!(p4.highlight, None);
        // Back is exact: step 2 again gives the same plan as before.
        assert_eq!(plan(&l, 2, &base), p2);
        // Past the end: the last step.
        assert_eq!(plan(&l, 99, &base), p4);
    }

    #[test]
    fn ids_are_file_names() {
        assert!(valid_id("q1-deliveries"));
        assert!(!valid_id(""));
        assert!(!valid_id("../x"));
        assert!(!valid_id("Q1"));
        assert!(!valid_id(&"a".repeat(65)));
        assert_eq!(lesson_path("q1", "fr"), "lessons/q1.fr.json");
        assert_eq!(index_path("en"), "lessons/index.en.json");
    }
}
