//! Guided lessons: the lesson file format, its checks, and what a step asks of the
//! page. Pure (tested natively); the page fetches the files (`lessons/<id>.<lang>.json`,
//! never compiled in) and applies a step's [`Plan`] through the action queue.
//!
//! A lesson is `{ "id", "question", "title", "steps": [ … ] }`; a step is
//! `{ "narration", "notice", "preset"?, "edit"?, "clock"?, "jump"?, "mode"?,
//! "delivery"?, "execution"?, "recipient"?, "workflow"?, "filters"?, "highlight"?,
//! "ask"?, "expect"? }` (the README's "Writing a lesson" says what each field does).
//!
//! Steps are cumulative: step k is the lesson replayed from its start up to k, so Back
//! is exact. A step that loads a preset or applies an edit changes the scenario and
//! starts from a fresh view (clock on 1 January, nothing selected, no filter); the
//! view fields of that step and of the steps after it (up to k) then apply in order.
//!
//! **Lessons that ask before they reveal** (issue 22). A step may carry an [`Ask`]: a
//! number question naming a [`Quantity`] (the page never reads a number written in the
//! lesson: it evaluates the quantity on the simulated year, `engine::quiz::evaluate`)
//! or a choice question (`answer`: the index of the right choice; an optional
//! `quantity` whose value the right choice's `value` is, checked by
//! `tests/lessons.rs`). The page has two modes, chosen in the Questions menu and kept
//! for every lesson opened until changed:
//!
//! - **Check yourself**: a step with `ask` is first shown with its scenario loaded and
//!   a fresh view ([`plan_before_answer`]: clock on 1 January, nothing revealed, the
//!   step's own view operations held back), its prompt and the input (a number field,
//!   or one button per choice); the narration and "What to notice" are part of the
//!   reveal (they state the answer). Once the learner answers, the page reveals: it
//!   applies the step's [`plan`] (clock, jump, mode, delivery…), shows the narration,
//!   says right or wrong, the right value and one sentence from the engine's own
//!   explanation (`ui::quiz::feedback`); the learner may try again. Steps without
//!   `ask` are applied as in Guided.
//! - **Guided**: every step is applied as it comes ([`plan`]); the question is not
//!   asked.

use serde::de::IgnoredAny;
use serde::Deserialize;
use serde_json::Value;

use super::merge_patch::merge_patch;
use super::presets::{preset, PRESETS};
use crate::engine::doc::{parse_date, parse_local_datetime, ScenarioError};
use crate::engine::out::logs::{Reason, Status};
pub use crate::engine::quiz::Clock;
use crate::engine::quiz::{Quantity, Value as QuizValue, ValueKind};
use crate::engine::sim::Side;

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
    /// The workflow the explorer, the journal and the trace show (several workflows on
    /// one base): its name in the document. A view field, applied before `ops`.
    pub workflow: Option<String>,
    /// The `data-testid` of the element to outline.
    pub highlight: Option<String>,
    /// The question the step asks before it reveals (Check yourself mode).
    pub ask: Option<Ask>,
}

/// A question of a step.
#[derive(Clone, Debug, PartialEq)]
pub struct Ask {
    /// The question, self-contained: the learner reads it before the step's narration.
    pub prompt: String,
    pub kind: AskKind,
}

/// A number question or a choice question.
#[derive(Clone, Debug, PartialEq)]
pub enum AskKind {
    /// The answer is the quantity's value on the simulated year (a count).
    Number(Quantity),
    /// The answer is `choices[answer]`; `quantity`, when given, is what the engine
    /// evaluates, and the right choice's `value` is its value's text.
    Choice {
        choices: Vec<Choice>,
        answer: usize,
        quantity: Option<Quantity>,
    },
}

/// One option of a choice question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    /// What the learner reads.
    pub text: String,
    /// What it means: the xAPI choice id, and, for a question with a quantity, the
    /// value's text (`engine::quiz::Value::text`: `52`, `2026-03-02`, `yes` …).
    pub value: String,
}

impl Ask {
    /// The quantity the engine evaluates for it (a number question's, or a choice
    /// question's when it names one).
    pub fn quantity(&self) -> Option<&Quantity> {
        match &self.kind {
            AskKind::Number(q) => Some(q),
            AskKind::Choice { quantity, .. } => quantity.as_ref(),
        }
    }
}

impl Lesson {
    /// The steps that ask, with their index (from 0).
    pub fn asks(&self) -> impl Iterator<Item = (usize, &Ask)> {
        self.steps
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.ask.as_ref().map(|a| (i, a)))
    }
}

impl Step {
    /// Whether the step changes the scenario (and so starts from a fresh view).
    pub fn changes_scenario(&self) -> bool {
        self.preset.is_some() || self.edit.is_some()
    }
}

/// One thing a step does to the view, applied once the step's scenario is simulated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Op {
    /// The explorer's delivery mode.
    Mode(Side),
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
    workflow: Option<String>,
    filters: Option<RawFilters>,
    highlight: Option<String>,
    ask: Option<RawAsk>,
    /// What the end-to-end test checks at this step; the page does not read it.
    #[allow(dead_code)]
    expect: Option<IgnoredAny>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAsk {
    prompt: String,
    number: Option<Value>,
    choices: Option<Vec<RawChoice>>,
    answer: Option<usize>,
    quantity: Option<Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChoice {
    text: String,
    value: String,
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

fn at(f: &str, r: impl Into<String>) -> StepError {
    (format!(".{f}"), r.into())
}

fn check_step(s: RawStep) -> Result<Step, StepError> {
    if s.narration.trim().is_empty() {
        return Err(at("narration", "must not be empty"));
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
            "expected an object (a JSON merge patch of the scenario)",
        ));
    }
    if let Some(h) = s.highlight.as_deref().filter(|h| !valid_testid(h)) {
        return Err(at(
            "highlight",
            format!("\"{h}\" is not a data-testid (lowercase letters, digits and -)"),
        ));
    }
    if s.workflow.as_deref().is_some_and(|w| w.trim().is_empty()) {
        return Err(at("workflow", "must not be empty (a workflow's name)"));
    }
    let ops = view_ops(&s)?;
    let ask = s.ask.map(check_ask).transpose()?;
    Ok(Step {
        narration: s.narration,
        notice: s.notice,
        preset,
        edit: s.edit,
        ops,
        workflow: s.workflow,
        highlight: s.highlight,
        ask,
    })
}

/// A step's view fields as operations, in the order they apply.
fn view_ops(s: &RawStep) -> Result<Vec<Op>, StepError> {
    if s.clock.is_some() && s.jump.is_some() {
        return Err((
            String::new(),
            "clock and jump both move the clock: keep one".into(),
        ));
    }
    let mut ops = Vec::new();
    if let Some(m) = s.mode.as_deref() {
        let key = Side::from_name(m).ok_or_else(|| {
            at(
                "mode",
                format!("\"{m}\" is not a mode (recurring, continuous, aggregated)"),
            )
        })?;
        ops.push(Op::Mode(key));
    }
    if let Some(c) = s.clock.as_deref() {
        let clock = Clock::parse(c).ok_or_else(|| {
            at(
                "clock",
                format!(
                    "\"{c}\" is not \"end\", a date YYYY-MM-DD or a date-time YYYY-MM-DDTHH:MM"
                ),
            )
        })?;
        ops.push(Op::Clock(clock));
    }
    if let Some(j) = &s.jump {
        let text = match j {
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
        Some(0) => Err(at(f, "numbers start at 1")),
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
    if let Some(f) = &s.filters {
        ops.push(filters_op(f)?);
    }
    Ok(ops)
}

fn filters_op(f: &RawFilters) -> Result<Op, StepError> {
    let status = match f.status.as_deref() {
        None => None,
        Some(v) => Some(Status::from_name(v).ok_or_else(|| {
            at(
                "filters.status",
                format!("\"{v}\" is not a status (sent, failed, ignored)"),
            )
        })?),
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
    Ok(Op::Filters { status, reason })
}

/// Choices a question may offer.
const CHOICES: std::ops::RangeInclusive<usize> = 2..=6;

fn check_ask(a: RawAsk) -> Result<Ask, StepError> {
    if a.prompt.trim().is_empty() {
        return Err(at("ask.prompt", "must not be empty"));
    }
    let quantity = |field: &str, v: &Value| {
        Quantity::from_json(v).map_err(|e| at(&format!("ask.{field}{}", e.field), e.reason))
    };
    let kind = match (a.number, a.choices) {
        (Some(_), Some(_)) => {
            return Err(at(
                "ask",
                "a question is a number (\"number\") or a choice (\"choices\"), not both",
            ))
        }
        (None, None) => {
            return Err(at(
                "ask",
                "give \"number\" (a quantity) or \"choices\" (with \"answer\")",
            ))
        }
        (Some(n), None) => {
            if a.answer.is_some() || a.quantity.is_some() {
                let f = if a.answer.is_some() {
                    "answer"
                } else {
                    "quantity"
                };
                return Err(at(
                    &format!("ask.{f}"),
                    "a number question's answer is the value of its \"number\" quantity",
                ));
            }
            let q = quantity("number", &n)?;
            if q.value_kind() != ValueKind::Number {
                return Err(at(
                    "ask.number.quantity",
                    format!(
                        "{} is {}, not a number: ask it as a choice",
                        q.kind.name(),
                        kind_text(q.value_kind())
                    ),
                ));
            }
            AskKind::Number(q)
        }
        (None, Some(choices)) => {
            let q = a
                .quantity
                .as_ref()
                .map(|v| quantity("quantity", v))
                .transpose()?;
            check_choices(choices, a.answer, q)?
        }
    };
    Ok(Ask {
        prompt: a.prompt,
        kind,
    })
}

fn check_choices(
    raw: Vec<RawChoice>,
    answer: Option<usize>,
    quantity: Option<Quantity>,
) -> Result<AskKind, StepError> {
    if !CHOICES.contains(&raw.len()) {
        return Err(at(
            "ask.choices",
            format!(
                "a choice question has {} to {} choices, not {}",
                CHOICES.start(),
                CHOICES.end(),
                raw.len()
            ),
        ));
    }
    for (i, c) in raw.iter().enumerate() {
        let field = |f: &str| format!("ask.choices[{i}].{f}");
        if c.text.trim().is_empty() {
            return Err(at(&field("text"), "must not be empty"));
        }
        if c.value.trim().is_empty() {
            return Err(at(&field("value"), "must not be empty"));
        }
        if raw[..i].iter().any(|x| x.value == c.value) {
            return Err(at(
                &field("value"),
                format!("\"{}\" is given twice", c.value),
            ));
        }
        if let Some(q) = quantity.as_ref() {
            if QuizValue::parse(q.value_kind(), &c.value).is_none() {
                return Err(at(
                    &field("value"),
                    format!(
                        "\"{}\" is not a value of {} ({})",
                        c.value,
                        q.kind.name(),
                        kind_text(q.value_kind())
                    ),
                ));
            }
        }
    }
    let answer = match answer {
        None => {
            return Err(at(
                "ask.answer",
                "missing: the index of the right choice, from 0",
            ))
        }
        Some(n) if n >= raw.len() => {
            return Err(at(
                "ask.answer",
                format!("{n} is not a choice (0 to {})", raw.len() - 1),
            ))
        }
        Some(n) => n,
    };
    Ok(AskKind::Choice {
        choices: raw
            .into_iter()
            .map(|c| Choice {
                text: c.text,
                value: c.value,
            })
            .collect(),
        answer,
        quantity,
    })
}

/// A value form, for messages.
fn kind_text(k: ValueKind) -> &'static str {
    match k {
        ValueKind::Number => "a whole number",
        ValueKind::Date => "a date YYYY-MM-DD",
        ValueKind::DateTime => "a date-time YYYY-MM-DDTHH:MM",
        ValueKind::YesNo => "yes or no",
        ValueKind::Text => "a text",
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
    /// The workflow the explorer, the journal and the trace show: the last `workflow`
    /// given over the same steps as `ops`, by name (`None`: leave the page's choice,
    /// which a new scenario resets to every workflow). Applied before `ops`.
    pub workflow: Option<String>,
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
    let view = steps.get(from..).unwrap_or(&[]);
    Plan {
        doc,
        ops: view.iter().flat_map(|s| s.ops.iter().cloned()).collect(),
        workflow: view.iter().rev().find_map(|s| s.workflow.clone()),
        highlight: steps.last().and_then(|s| s.highlight.clone()),
    }
}

/// What *Check yourself* shows of step `k` before the learner answers its question:
/// the step's scenario on a fresh view (clock on 1 January, nothing selected, no
/// workflow chosen, nothing outlined). After the answer, the page applies [`plan`].
///
/// ```
/// use campaign_sim::ui::lesson::{parse_lesson, plan, plan_before_answer};
/// let l = parse_lesson(r#"{"id":"demo","question":1,"title":"Demo","steps":[
///   {"narration":"a","notice":"n","preset":"weekly-newsletter-recurring","clock":"end",
///    "highlight":"delivery-count","ask":{"prompt":"How many?","number":
///    {"quantity":"deliveries","mode":"recurring"}}}]}"#, None).unwrap();
/// let before = plan_before_answer(&l, 0, &serde_json::json!({}));
/// assert_eq!(before.doc, plan(&l, 0, &serde_json::json!({})).doc);
/// assert!(before.ops.is_empty() && before.highlight.is_none());
/// ```
pub fn plan_before_answer(lesson: &Lesson, k: usize, base: &Value) -> Plan {
    Plan {
        ops: Vec::new(),
        workflow: None,
        highlight: None,
        ..plan(lesson, k, base)
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
                Op::Mode(Side::Continuous),
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

    fn ask_error(ask: Value) -> String {
        error(&lesson(
            json!([{"narration": "n", "notice": "w", "ask": ask}]),
        ))
    }

    #[test]
    fn a_step_may_ask_a_number_or_a_choice() {
        let text = lesson(json!([
            {"narration": "n", "notice": "w", "preset": "weekly-newsletter-recurring",
             "clock": "end", "workflow": "Weekly newsletter",
             "ask": {"prompt": "How many?", "number": {"quantity": "deliveries", "mode": "recurring"}}},
            {"narration": "n", "notice": "w",
             "ask": {"prompt": "Whose?", "choices": [
                {"text": "1 March's", "value": "2026-03-01"},
                {"text": "2 March's", "value": "2026-03-02"}],
              "answer": 1, "quantity": {"quantity": "query-day", "execution": 61}}},
            {"narration": "n", "notice": "w",
             "ask": {"prompt": "Why?", "choices": [
                {"text": "a", "value": "a"}, {"text": "b", "value": "b"}], "answer": 0}}
        ]));
        let l = parse_lesson(&text, None).unwrap();
        assert_eq!(l.steps[0].workflow.as_deref(), Some("Weekly newsletter"));
        let AskKind::Number(q) = &l.steps[0].ask.as_ref().unwrap().kind else {
            panic!()
        };
        assert_eq!(q.kind, crate::engine::quiz::Kind::Deliveries);
        let a = l.steps[1].ask.as_ref().unwrap();
        let AskKind::Choice {
            choices,
            answer,
            quantity,
        } = &a.kind
        else {
            panic!()
        };
        assert_eq!(
            (choices[*answer].value.as_str(), *answer),
            ("2026-03-02", 1)
        );
        assert_eq!(quantity.as_ref().unwrap().execution, Some(61));
        assert_eq!(a.quantity(), quantity.as_ref());
        assert_eq!(l.steps[2].ask.as_ref().unwrap().quantity(), None);
        assert_eq!(l.asks().map(|(i, _)| i).collect::<Vec<_>>(), [0, 1, 2]);
        // The workflow is a view field: it holds until the scenario changes.
        assert_eq!(
            plan(&l, 2, &Value::Null).workflow.as_deref(),
            Some("Weekly newsletter")
        );
    }

    #[test]
    fn ask_errors_name_the_field() {
        let n = |q: Value| json!({"prompt": "p", "number": q});
        let two = json!([{"text": "a", "value": "yes"}, {"text": "b", "value": "no"}]);
        let cases = [
            (
                json!({"prompt": " ", "number": {}}),
                "steps[0].ask.prompt: must not be empty",
            ),
            (json!({"prompt": "p"}), "steps[0].ask: give \"number\""),
            (
                json!({"prompt": "p", "number": {}, "choices": two}),
                "steps[0].ask: a question is a number",
            ),
            (
                n(json!({"quantity": "deliveries"})),
                "steps[0].ask.number.mode: deliveries needs a mode",
            ),
            (
                n(json!({"quantity": "deliveries", "mode": "recurring", "recipient": 1})),
                "steps[0].ask.number.recipient: not a parameter of deliveries",
            ),
            (
                n(json!({"quantity": "query-day", "execution": 3})),
                "steps[0].ask.number.quantity: query-day is a date YYYY-MM-DD, not a number",
            ),
            (
                json!({"prompt": "p", "number": {"quantity": "executions"}, "answer": 1}),
                "steps[0].ask.answer: a number question's answer is the value",
            ),
            (
                json!({"prompt": "p", "choices": two}),
                "steps[0].ask.answer: missing: the index of the right choice",
            ),
            (
                json!({"prompt": "p", "choices": two, "answer": 2}),
                "steps[0].ask.answer: 2 is not a choice (0 to 1)",
            ),
            (
                json!({"prompt": "p", "choices": [{"text": "a", "value": "x"}], "answer": 0}),
                "steps[0].ask.choices: a choice question has 2 to 6 choices, not 1",
            ),
            (
                json!({"prompt": "p", "choices": [{"text": "a", "value": "x"}, {"text": "", "value": "y"}], "answer": 0}),
                "steps[0].ask.choices[1].text: must not be empty",
            ),
            (
                json!({"prompt": "p", "choices": [{"text": "a", "value": "x"}, {"text": "b", "value": "x"}], "answer": 0}),
                "steps[0].ask.choices[1].value: \"x\" is given twice",
            ),
            (
                json!({"prompt": "p", "choices": [{"text": "a", "value": "yes"}, {"text": "b", "value": "maybe"}],
                    "answer": 0, "quantity": {"quantity": "targeted", "recipient": 1, "execution": 2}}),
                "steps[0].ask.choices[1].value: \"maybe\" is not a value of targeted (yes or no)",
            ),
            (
                json!({"prompt": "p", "choices": two, "answer": 0, "quantity": {"quantity": "nope"}}),
                "steps[0].ask.quantity.quantity: \"nope\" is not a quantity",
            ),
            (
                json!({"prompt": "p", "choices": [{"text": "a", "valeur": "x"}], "answer": 0}),
                "steps[0].ask.choices[0].valeur: unknown field `valeur`",
            ),
        ];
        for (ask, want) in cases {
            let got = ask_error(ask.clone());
            assert!(got.starts_with(want), "{ask}: {got}");
        }
        let e = error(&lesson(
            json!([{"narration": "n", "notice": "w", "workflow": ""}]),
        ));
        assert!(e.starts_with("steps[0].workflow: must not be empty"), "{e}");
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
            vec![Op::Clock(Clock::End), Op::Mode(Side::Continuous)]
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
