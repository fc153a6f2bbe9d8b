//! Lessons that ask before they reveal (issue 22): the quantities a lesson's question
//! names, and their value on a simulated year, with *why* as engine data (never text:
//! the page words it).
//!
//! A lesson never writes the answer to a number question: it names a [`Quantity`]
//! (`{"quantity": "deliveries", "mode": "recurring", "clock": "end"}`) and the page
//! [`evaluate`]s it on the year it simulated, in every compared mode at once (the
//! `(Side, &Outcome)` list of [`crate::engine::sim::Comparison::finish`]). The answer
//! is read off the engine's own records and explanations (`snapshot`,
//! `executions_until`, `why_not_targeted`, `row_why`, the journal), never recomputed
//! from a copy of a rule.
//!
//! The quantities (kebab-case; parameters in brackets are optional; `clock` is
//! `"end"` (the default), a local date `YYYY-MM-DD` (its midnight) or a local
//! date-time `YYYY-MM-DDTHH:MM`; `execution` is a number from 1, as the page shows it;
//! `workflow` is a workflow's name in the document, by default the compared one, which
//! for a one-workflow document is the whole year):
//!
//! | name | parameters | value | why |
//! |---|---|---|---|
//! | `deliveries` | mode, [clock], [workflow] | deliveries created by then | [`Why::Deliveries`] |
//! | `broadlog-rows` | mode, [clock], [workflow], [delivery] | broadLog rows by then (of one delivery) | [`Why::Rows`] |
//! | `tracking-rows` | mode, [clock], [workflow] | tracking rows by then | [`Why::Tracking`] |
//! | `executions` | [clock], [workflow] | executions done by then | [`Why::Executions`] |
//! | `executions-targeting-nobody` | [clock], [workflow] | of those, the ones whose query returned nobody | [`Why::Executions`] |
//! | `caught-up-executions` | [clock], [workflow] | of those, the late runs after an outage | [`Why::Executions`] |
//! | `missed-slots` | [clock], [workflow] | planned slots that fell in an outage | [`Why::Outages`] |
//! | `arbitration-exclusions` | [mode], [clock], [workflow], [execution] | rows excluded by arbitration (of one execution) | [`Why::Arbitration`] |
//! | `rows-appended` | execution, [mode] | rows that execution appended (= recipients its query returned) | [`Why::Appended`] |
//! | `targeted` | recipient, execution | yes / no: the execution's query returned the recipient | [`Why::Targeting`] |
//! | `received` | recipient, execution | yes / no: its row is `sent` | [`Why::Targeting`] |
//! | `quota-filled-by` | recipient, execution | the workflows of the messages that filled the recipient's quota, oldest first, joined by ` + ` (`Birthday + Weekly newsletter`); `none` when the row was not excluded by arbitration | [`Why::Targeting`] |
//! | `query-day` | execution | the local date a date-based query evaluated (`YYYY-MM-DD`) | [`Why::QueryDay`] |
//! | `execution-time` | execution | the local date-time it ran (`YYYY-MM-DDTHH:MM`) | [`Why::ExecutionTime`] |
//!
//! Quantities without `mode` are the same in every mode (the compared sides share the
//! executions and the base); they are read in the first side.

use chrono::{NaiveDate, NaiveDateTime};
use serde_json::Value as Json;

use crate::engine::activity::scheduler::DstShift;
use crate::engine::activity::send::RowWhy;
use crate::engine::calendar::{Calendar, Instant};
use crate::engine::doc::{parse_date, parse_local_datetime, Aggregation, Mode};
use crate::engine::out::journal::JournalMessage;
use crate::engine::out::logs::{Reason, Status};
use crate::engine::out::outcome::{ExecutionRecord, Outcome, Snapshot};
use crate::engine::out::trace::TargetingReason;
use crate::engine::sim::Side;

/// Where a question puts the simulated clock: what "by then" means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Clock {
    /// The end of the year (as "Run to end": the horizon's end).
    End,
    /// A local date-time in the scenario's zone (a date is its midnight).
    At(NaiveDateTime),
}

impl Clock {
    /// `"end"`, a local date `YYYY-MM-DD` (its midnight) or a local date-time
    /// `YYYY-MM-DDTHH:MM[:SS]`.
    ///
    /// ```
    /// use campaign_sim::engine::quiz::Clock;
    /// assert_eq!(Clock::parse("end"), Some(Clock::End));
    /// assert!(matches!(Clock::parse("2026-07-01"), Some(Clock::At(_))));
    /// assert_eq!(Clock::parse("July"), None);
    /// ```
    pub fn parse(text: &str) -> Option<Clock> {
        if text == "end" {
            return Some(Clock::End);
        }
        parse_local_datetime(text)
            .or_else(|| parse_date(text).and_then(|d| d.and_hms_opt(0, 0, 0)))
            .map(Clock::At)
    }

    /// The instant it stands for on `cal`.
    pub fn instant(self, cal: &Calendar) -> Instant {
        match self {
            Clock::End => cal.horizon_end,
            Clock::At(local) => cal.instant(local),
        }
    }
}

/// What a quantity measures (its name in lesson files: [`Kind::name`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Deliveries,
    BroadlogRows,
    TrackingRows,
    Executions,
    ExecutionsTargetingNobody,
    CaughtUpExecutions,
    MissedSlots,
    ArbitrationExclusions,
    RowsAppended,
    Targeted,
    Received,
    QuotaFilledBy,
    QueryDay,
    ExecutionTime,
}

/// A parameter of a quantity (its name in lesson files: [`Param::name`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Param {
    Mode,
    Clock,
    Workflow,
    Execution,
    Recipient,
    Delivery,
}

impl Param {
    const ALL: [Param; 6] = [
        Param::Mode,
        Param::Clock,
        Param::Workflow,
        Param::Execution,
        Param::Recipient,
        Param::Delivery,
    ];

    /// Its field name.
    pub fn name(self) -> &'static str {
        match self {
            Param::Mode => "mode",
            Param::Clock => "clock",
            Param::Workflow => "workflow",
            Param::Execution => "execution",
            Param::Recipient => "recipient",
            Param::Delivery => "delivery",
        }
    }
}

/// The form of a quantity's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueKind {
    /// A count.
    Number,
    /// A local date, `YYYY-MM-DD`.
    Date,
    /// A local date-time, `YYYY-MM-DDTHH:MM`.
    DateTime,
    /// `yes` or `no`.
    YesNo,
    /// A text (workflow names).
    Text,
}

/// A quantity's name, parameters and value form: the table lesson files are read by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Spec {
    pub kind: Kind,
    pub name: &'static str,
    pub required: &'static [Param],
    pub optional: &'static [Param],
    pub value: ValueKind,
}

use Param as P;

/// Every quantity (the module's table).
pub const QUANTITIES: [Spec; 14] = [
    spec(
        Kind::Deliveries,
        "deliveries",
        &[P::Mode],
        &[P::Clock, P::Workflow],
        ValueKind::Number,
    ),
    spec(
        Kind::BroadlogRows,
        "broadlog-rows",
        &[P::Mode],
        &[P::Clock, P::Workflow, P::Delivery],
        ValueKind::Number,
    ),
    spec(
        Kind::TrackingRows,
        "tracking-rows",
        &[P::Mode],
        &[P::Clock, P::Workflow],
        ValueKind::Number,
    ),
    spec(
        Kind::Executions,
        "executions",
        &[],
        &[P::Clock, P::Workflow],
        ValueKind::Number,
    ),
    spec(
        Kind::ExecutionsTargetingNobody,
        "executions-targeting-nobody",
        &[],
        &[P::Clock, P::Workflow],
        ValueKind::Number,
    ),
    spec(
        Kind::CaughtUpExecutions,
        "caught-up-executions",
        &[],
        &[P::Clock, P::Workflow],
        ValueKind::Number,
    ),
    spec(
        Kind::MissedSlots,
        "missed-slots",
        &[],
        &[P::Clock, P::Workflow],
        ValueKind::Number,
    ),
    spec(
        Kind::ArbitrationExclusions,
        "arbitration-exclusions",
        &[],
        &[P::Mode, P::Clock, P::Workflow, P::Execution],
        ValueKind::Number,
    ),
    spec(
        Kind::RowsAppended,
        "rows-appended",
        &[P::Execution],
        &[P::Mode],
        ValueKind::Number,
    ),
    spec(
        Kind::Targeted,
        "targeted",
        &[P::Recipient, P::Execution],
        &[],
        ValueKind::YesNo,
    ),
    spec(
        Kind::Received,
        "received",
        &[P::Recipient, P::Execution],
        &[],
        ValueKind::YesNo,
    ),
    spec(
        Kind::QuotaFilledBy,
        "quota-filled-by",
        &[P::Recipient, P::Execution],
        &[],
        ValueKind::Text,
    ),
    spec(
        Kind::QueryDay,
        "query-day",
        &[P::Execution],
        &[],
        ValueKind::Date,
    ),
    spec(
        Kind::ExecutionTime,
        "execution-time",
        &[P::Execution],
        &[],
        ValueKind::DateTime,
    ),
];

const fn spec(
    kind: Kind,
    name: &'static str,
    required: &'static [Param],
    optional: &'static [Param],
    value: ValueKind,
) -> Spec {
    Spec {
        kind,
        name,
        required,
        optional,
        value,
    }
}

impl Kind {
    /// Its row of [`QUANTITIES`].
    pub fn spec(self) -> &'static Spec {
        let i = QUANTITIES.iter().position(|s| s.kind == self).unwrap_or(0);
        &QUANTITIES[i]
    }

    /// Its name in lesson files (`deliveries`, `query-day` …).
    pub fn name(self) -> &'static str {
        self.spec().name
    }
}

/// A quantity a lesson's question names: what to measure, and on which part of the
/// year. Parameters a kind does not take are `None`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quantity {
    pub kind: Kind,
    pub mode: Option<Side>,
    /// "By then" (default: the end of the year).
    pub clock: Clock,
    /// A workflow's name (several workflows on one base); `None`: the compared one.
    pub workflow: Option<String>,
    /// An execution's number, from 1.
    pub execution: Option<u32>,
    /// A recipient's id.
    pub recipient: Option<u64>,
    /// A delivery's id, from 1.
    pub delivery: Option<u32>,
}

/// A problem in a quantity: the field under it (`.mode`, or empty for the quantity
/// itself) and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuantityError {
    pub field: String,
    pub reason: String,
}

fn bad(field: &str, reason: impl Into<String>) -> QuantityError {
    QuantityError {
        field: if field.is_empty() {
            String::new()
        } else {
            format!(".{field}")
        },
        reason: reason.into(),
    }
}

/// The modes' names (`engine::sim::Side::name`).
const SIDES: [Side; 3] = [Side::Recurring, Side::Continuous, Side::Aggregated];

impl Quantity {
    /// Reads a quantity from its JSON object, checking that it names a known quantity
    /// with exactly the parameters it takes.
    ///
    /// ```
    /// use campaign_sim::engine::quiz::{Kind, Quantity};
    /// let q = Quantity::from_json(&serde_json::json!(
    ///     {"quantity": "deliveries", "mode": "recurring", "clock": "end"})).unwrap();
    /// assert_eq!(q.kind, Kind::Deliveries);
    /// let e = Quantity::from_json(&serde_json::json!({"quantity": "deliveries"})).unwrap_err();
    /// assert_eq!(e.field, ".mode");
    /// ```
    pub fn from_json(v: &Json) -> Result<Quantity, QuantityError> {
        let Some(obj) = v.as_object() else {
            return Err(bad("", "expected an object {\"quantity\": …}"));
        };
        let names = || QUANTITIES.map(|s| s.name).join(", ");
        let name = match obj.get("quantity") {
            None => return Err(bad("quantity", format!("missing: one of {}", names()))),
            Some(Json::String(n)) => n.as_str(),
            Some(other) => return Err(bad("quantity", format!("{other} is not a name"))),
        };
        let Some(spec) = QUANTITIES.iter().find(|s| s.name == name) else {
            return Err(bad(
                "quantity",
                format!("\"{name}\" is not a quantity ({})", names()),
            ));
        };
        let takes = |p: &Param| spec.required.contains(p) || spec.optional.contains(p);
        for key in obj.keys().filter(|k| *k != "quantity") {
            if !Param::ALL.iter().any(|p| p.name() == key && takes(p)) {
                let list: Vec<&str> = Param::ALL
                    .iter()
                    .filter(|p| takes(p))
                    .map(|p| p.name())
                    .collect();
                return Err(bad(
                    key,
                    format!("not a parameter of {name} ({})", list.join(", ")),
                ));
            }
        }
        if let Some(p) = spec.required.iter().find(|p| !obj.contains_key(p.name())) {
            return Err(bad(p.name(), format!("{name} needs a {}", p.name())));
        }
        read_params(spec.kind, obj)
    }

    /// The form of its value.
    pub fn value_kind(&self) -> ValueKind {
        self.kind.spec().value
    }
}

/// The parameters' values (their presence already checked against the kind).
fn read_params(kind: Kind, obj: &serde_json::Map<String, Json>) -> Result<Quantity, QuantityError> {
    let text = |p: Param| -> Result<Option<&str>, QuantityError> {
        match obj.get(p.name()) {
            None => Ok(None),
            Some(Json::String(s)) => Ok(Some(s.as_str())),
            Some(other) => Err(bad(p.name(), format!("{other} is not a text"))),
        }
    };
    let number = |p: Param, from: u64| -> Result<Option<u64>, QuantityError> {
        match obj.get(p.name()) {
            None => Ok(None),
            Some(v) => match v.as_u64() {
                Some(n) if n >= from => Ok(Some(n)),
                Some(_) => Err(bad(p.name(), format!("numbers start at {from}"))),
                None => Err(bad(p.name(), format!("{v} is not a whole number"))),
            },
        }
    };
    let small = |p: Param| -> Result<Option<u32>, QuantityError> {
        number(p, 1)?
            .map(|n| u32::try_from(n).map_err(|_| bad(p.name(), format!("{n} is too large"))))
            .transpose()
    };
    let mode = match text(Param::Mode)? {
        None => None,
        Some(m) => Some(SIDES.into_iter().find(|s| s.name() == m).ok_or_else(|| {
            bad(
                "mode",
                format!("\"{m}\" is not a mode (recurring, continuous, aggregated)"),
            )
        })?),
    };
    let clock = match text(Param::Clock)? {
        None => Clock::End,
        Some(c) => Clock::parse(c).ok_or_else(|| {
            bad(
                "clock",
                format!(
                    "\"{c}\" is not \"end\", a date YYYY-MM-DD or a date-time YYYY-MM-DDTHH:MM"
                ),
            )
        })?,
    };
    let workflow = match text(Param::Workflow)? {
        Some(w) if w.trim().is_empty() => return Err(bad("workflow", "must not be empty")),
        w => w.map(str::to_string),
    };
    Ok(Quantity {
        kind,
        mode,
        clock,
        workflow,
        execution: small(Param::Execution)?,
        recipient: number(Param::Recipient, 0)?,
        delivery: small(Param::Delivery)?,
    })
}

/// A quantity's value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Number(u64),
    Date(NaiveDate),
    DateTime(NaiveDateTime),
    YesNo(bool),
    Text(String),
}

impl Value {
    /// Its canonical text: what a choice's `value` must be to mean it (`52`,
    /// `2026-03-02`, `2026-03-29T03:30`, `yes`, `Birthday + Weekly newsletter`).
    ///
    /// ```
    /// use campaign_sim::engine::quiz::Value;
    /// assert_eq!(Value::Number(52).text(), "52");
    /// assert_eq!(Value::YesNo(false).text(), "no");
    /// ```
    pub fn text(&self) -> String {
        match self {
            Value::Number(n) => n.to_string(),
            Value::Date(d) => d.format("%Y-%m-%d").to_string(),
            Value::DateTime(t) => t.format("%Y-%m-%dT%H:%M").to_string(),
            Value::YesNo(b) => if *b { "yes" } else { "no" }.to_string(),
            Value::Text(t) => t.clone(),
        }
    }

    /// Reads a canonical text as a value of `kind` (`None`: not of that form).
    pub fn parse(kind: ValueKind, text: &str) -> Option<Value> {
        match kind {
            ValueKind::Number => text
                .parse::<u64>()
                .ok()
                .filter(|n| n.to_string() == text)
                .map(Value::Number),
            ValueKind::Date => parse_date(text).map(Value::Date),
            ValueKind::DateTime => parse_local_datetime(text)
                .filter(|t| t.format("%Y-%m-%dT%H:%M").to_string() == text)
                .map(Value::DateTime),
            ValueKind::YesNo => match text {
                "yes" => Some(Value::YesNo(true)),
                "no" => Some(Value::YesNo(false)),
                _ => None,
            },
            ValueKind::Text => (!text.trim().is_empty()).then(|| Value::Text(text.to_string())),
        }
    }
}

/// A quantity's value on the simulated year, and why it is that, as engine data.
#[derive(Clone, Debug, PartialEq)]
pub struct Answer {
    pub value: Value,
    pub why: Why,
}

/// An outage and the planned slots of the workflow that fell in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MissedIn {
    pub from: Instant,
    pub to: Instant,
    pub missed: u32,
}

/// Why a quantity has its value: the engine's records and explanations it was read
/// from. Counts are "by then" and of the quantity's workflow.
#[derive(Clone, Debug, PartialEq)]
pub enum Why {
    /// Executions so far, those that reached the delivery activity (their query
    /// returned someone) and the deliveries they created in `side`; `forks`: the
    /// continuous deliveries started after a content change; `aggregation`: the
    /// period that groups recurring executions into one delivery.
    Deliveries {
        side: Side,
        executions: u32,
        reached: u32,
        deliveries: u32,
        forks: u32,
        aggregation: Aggregation,
    },
    /// broadLog rows in `side` (of `delivery`, if one), the executions that appended
    /// them, and their statuses.
    Rows {
        side: Side,
        delivery: Option<u32>,
        executions: u32,
        rows: u64,
        sent: u64,
        failed: u64,
        ignored: u64,
    },
    /// Tracking rows in `side` (opens, clicks, opt-out clicks, mirror-page views) of
    /// the `sent` messages.
    Tracking {
        side: Side,
        rows: u64,
        sent: u64,
        opens: u64,
        clicks: u64,
        optouts: u64,
    },
    /// Executions so far: those that reached the delivery, those whose query returned
    /// nobody, the late runs after an outage, and the slots that fell in an outage.
    Executions {
        executions: u32,
        reached: u32,
        nobody: u32,
        caught_up: u32,
        missed: u32,
    },
    /// The outages so far with their missed slots, and the late runs they gave.
    Outages {
        outages: Vec<MissedIn>,
        caught_up: u32,
    },
    /// Rows looked at and those excluded by arbitration, with their recipients' ids.
    Arbitration {
        rows: u64,
        excluded: u64,
        recipients: Vec<u64>,
    },
    /// Execution `execution` (number from 1): the recipients its query returned (one
    /// row each), the delivery they went to in the side read, and their statuses.
    Appended {
        execution: u32,
        targeted: u32,
        delivery: Option<u32>,
        sent: u32,
        failed: u32,
        ignored: u32,
    },
    /// What the execution's query decided for the recipient
    /// (`Outcome::why_not_targeted`) and, when it returned them, why their broadLog
    /// row has its reason (`Outcome::row_why`: the messages that filled the quota of a
    /// row excluded by arbitration).
    Targeting {
        execution: u32,
        reason: TargetingReason,
        row: Option<RowWhy>,
    },
    /// The day the query evaluated (`Rule::evaluated_day`: the execution's own local
    /// date) and the day of the slot the execution stands for.
    QueryDay {
        execution: u32,
        day: NaiveDate,
        slot_day: NaiveDate,
        caught_up: bool,
    },
    /// When the execution ran (local, with its UTC offset), the slot it stands for,
    /// and the daylight-saving shift that placed it, if any.
    ExecutionTime {
        execution: u32,
        at: NaiveDateTime,
        offset: i32,
        scheduled: NaiveDateTime,
        caught_up: bool,
        dst: Option<DstShift>,
    },
}

/// The value of `q` on the simulated year (every compared mode: the list
/// `Comparison::finish` gives, or the page's columns), with why. `None` when the year
/// lacks what `q` names: a mode it did not compare, an unknown workflow, execution,
/// delivery or recipient, or a query-day of a query that reads no date.
///
/// ```
/// use campaign_sim::engine::{doc, quiz, sim::Comparison};
/// let v = doc::parse_validated(r#"{"recipients":[{"id":1,"email":"a@x.test"}],
///   "workflow":{"scheduler":{"frequency":"weekly","days":["mon"],"times":["09:00"]}}}"#)
///     .unwrap();
/// let year = Comparison::new(&v, 0).unwrap().finish();
/// let sides: Vec<_> = year.iter().map(|(s, o)| (*s, o)).collect();
/// let q = quiz::Quantity::from_json(&serde_json::json!(
///     {"quantity": "deliveries", "mode": "recurring"})).unwrap();
/// let a = quiz::evaluate(&q, &sides).unwrap();
/// assert_eq!(a.value, quiz::Value::Number(52));
/// ```
pub fn evaluate(q: &Quantity, year: &[(Side, &Outcome)]) -> Option<Answer> {
    let (side, o) = match q.mode {
        Some(m) => year.iter().find(|(s, _)| *s == m).copied()?,
        None => year.first().copied()?,
    };
    let w = scope(q, o)?;
    let t = q.clock.instant(o.calendar());
    let execution = || {
        let n = q.execution?;
        let i = n.checked_sub(1)? as usize;
        o.executions().get(i).map(|e| (n, i, e))
    };
    match q.kind {
        Kind::Deliveries => Some(deliveries(o, side, w, t)),
        Kind::BroadlogRows => rows(o, side, w, t, q.delivery),
        Kind::TrackingRows => Some(tracking(o, side, w, t)),
        Kind::Executions | Kind::ExecutionsTargetingNobody | Kind::CaughtUpExecutions => {
            Some(executions(q.kind, o, w, t))
        }
        Kind::MissedSlots => Some(missed(o, w, t)),
        Kind::ArbitrationExclusions => Some(arbitration(o, w, t, execution().map(|x| x.1))),
        Kind::RowsAppended => execution().map(|(n, _, e)| appended(n, e)),
        Kind::Targeted | Kind::Received | Kind::QuotaFilledBy => {
            let (n, i, _) = execution()?;
            targeting(q.kind, o, q.recipient?, n, i)
        }
        Kind::QueryDay => execution().and_then(|(n, _, e)| query_day(o, n, e)),
        Kind::ExecutionTime => execution().map(|(n, i, e)| execution_time(o, n, i, e)),
    }
}

/// The workflow a count is about: `Some(None)` = the whole year (a one-workflow
/// document), `Some(Some(w))` = workflow `w`; `None`: no workflow has that name.
fn scope(q: &Quantity, o: &Outcome) -> Option<Option<u16>> {
    match &q.workflow {
        Some(name) => o
            .workflows()
            .iter()
            .position(|w| w.name == *name)
            .map(|i| Some(i as u16)),
        None if o.workflows().len() > 1 => Some(Some(o.focus() as u16)),
        None => Some(None),
    }
}

/// The part of the year a count reads, as the page's columns show it.
fn snapshot(o: &Outcome, w: Option<u16>, t: Instant) -> Snapshot {
    match w {
        None => o.snapshot(t),
        Some(w) => o.snapshot_of(usize::from(w), t),
    }
}

/// The executions of the scope done by `t`.
fn runs(o: &Outcome, w: Option<u16>, t: Instant) -> impl Iterator<Item = &ExecutionRecord> {
    let done = o.executions_until(t);
    o.executions()
        .get(..done)
        .unwrap_or(&[])
        .iter()
        .filter(move |e| w.is_none_or(|w| e.workflow == w))
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn deliveries(o: &Outcome, side: Side, w: Option<u16>, t: Instant) -> Answer {
    let s = snapshot(o, w, t);
    let (executions, reached) = runs(o, w, t).fold((0, 0), |(n, r), e| {
        (n + 1, r + u32::from(e.delivery.is_some()))
    });
    let record = o
        .workflows()
        .get(usize::from(w.unwrap_or(o.focus() as u16)));
    let deliveries = count(s.deliveries);
    let forks = match record.map(|r| r.mode) {
        Some(Mode::Continuous) => deliveries.saturating_sub(1),
        _ => 0,
    };
    Answer {
        value: Value::Number(u64::from(deliveries)),
        why: Why::Deliveries {
            side,
            executions,
            reached,
            deliveries,
            forks,
            aggregation: record.map_or(Aggregation::None, |r| r.aggregation),
        },
    }
}

fn rows(
    o: &Outcome,
    side: Side,
    w: Option<u16>,
    t: Instant,
    delivery: Option<u32>,
) -> Option<Answer> {
    let (rows, sent, failed, ignored, executions) = match delivery {
        None => {
            let s = snapshot(o, w, t);
            let reached = runs(o, w, t).filter(|e| e.delivery.is_some()).count();
            let k = s.kpis;
            (s.broadlog_rows as u64, k.sent, k.failed, k.ignored, reached)
        }
        Some(d) => {
            o.deliveries().get(d.checked_sub(1)? as usize)?;
            let k = o.kpis(Some(d), t);
            let appended = runs(o, None, t).filter(|e| e.delivery == Some(d)).count();
            (k.processed, k.sent, k.failed, k.ignored, appended)
        }
    };
    Some(Answer {
        value: Value::Number(rows),
        why: Why::Rows {
            side,
            delivery,
            executions: count(executions),
            rows,
            sent,
            failed,
            ignored,
        },
    })
}

fn tracking(o: &Outcome, side: Side, w: Option<u16>, t: Instant) -> Answer {
    let s = snapshot(o, w, t);
    let k = s.kpis;
    Answer {
        value: Value::Number(s.tracking_rows as u64),
        why: Why::Tracking {
            side,
            rows: s.tracking_rows as u64,
            sent: k.sent,
            opens: k.opens,
            clicks: k.clicks,
            optouts: k.optouts,
        },
    }
}

/// The journal's "resumed after an outage" lines of the scope by `t`: (instant,
/// slots missed).
fn resumed(o: &Outcome, w: Option<u16>, t: Instant) -> impl Iterator<Item = (Instant, u32)> + '_ {
    o.journal_until(t)
        .iter()
        .filter(move |j| w.is_none_or(|w| j.workflow == w))
        .filter_map(|j| match j.message {
            JournalMessage::Resumed { missed } => Some((j.at, missed)),
            _ => None,
        })
}

fn executions(kind: Kind, o: &Outcome, w: Option<u16>, t: Instant) -> Answer {
    let (mut executions, mut reached, mut caught_up) = (0, 0, 0);
    for e in runs(o, w, t) {
        executions += 1;
        reached += u32::from(e.delivery.is_some());
        caught_up += u32::from(e.caught_up);
    }
    let missed = resumed(o, w, t).map(|(_, m)| m).sum();
    let nobody = executions - reached;
    let value = match kind {
        Kind::ExecutionsTargetingNobody => nobody,
        Kind::CaughtUpExecutions => caught_up,
        _ => executions,
    };
    Answer {
        value: Value::Number(u64::from(value)),
        why: Why::Executions {
            executions,
            reached,
            nobody,
            caught_up,
            missed,
        },
    }
}

fn missed(o: &Outcome, w: Option<u16>, t: Instant) -> Answer {
    let outages: Vec<MissedIn> = resumed(o, w, t)
        .filter_map(|(at, missed)| {
            o.outages()
                .iter()
                .find(|(_, to)| *to == at)
                .map(|&(from, to)| MissedIn { from, to, missed })
        })
        .collect();
    let caught_up = count(runs(o, w, t).filter(|e| e.caught_up).count());
    Answer {
        value: Value::Number(outages.iter().map(|m| u64::from(m.missed)).sum()),
        why: Why::Outages { outages, caught_up },
    }
}

fn arbitration(o: &Outcome, w: Option<u16>, t: Instant, execution: Option<usize>) -> Answer {
    let chosen: Vec<&ExecutionRecord> = match execution {
        Some(i) => o.executions().get(i).into_iter().collect(),
        None => runs(o, w, t).collect(),
    };
    let log = o.broadlog();
    let mut recipients = Vec::new();
    let mut rows = 0u64;
    for e in chosen {
        for r in e.rows() {
            rows += 1;
            if log.reason_of(r) == Some(Reason::ExcludedByArbitration) {
                recipients.extend(log.row(r).map(|x| x.recipient_id));
            }
        }
    }
    Answer {
        value: Value::Number(recipients.len() as u64),
        why: Why::Arbitration {
            rows,
            excluded: recipients.len() as u64,
            recipients,
        },
    }
}

fn appended(n: u32, e: &ExecutionRecord) -> Answer {
    Answer {
        value: Value::Number(u64::from(e.targeted)),
        why: Why::Appended {
            execution: n,
            targeted: e.targeted,
            delivery: e.delivery,
            sent: e.sent,
            failed: e.failed,
            ignored: e.ignored,
        },
    }
}

fn targeting(kind: Kind, o: &Outcome, recipient: u64, n: u32, i: usize) -> Option<Answer> {
    let reason = o.why_not_targeted(recipient, i);
    let row = match reason {
        TargetingReason::UnknownRecipient | TargetingReason::UnknownExecution => return None,
        TargetingReason::Targeted { broadlog_row, .. } => o.row_why(broadlog_row as usize),
        _ => None,
    };
    let value = match (kind, &reason, &row) {
        (Kind::Targeted, r, _) => Value::YesNo(matches!(r, TargetingReason::Targeted { .. })),
        (Kind::Received, TargetingReason::Targeted { status, .. }, _) => {
            Value::YesNo(*status == Status::Sent)
        }
        (Kind::Received, _, _) => Value::YesNo(false),
        (_, _, Some(RowWhy::ExcludedByArbitration { messages, .. })) => {
            let names: Vec<&str> = messages
                .iter()
                .map(|c| {
                    o.workflows()
                        .get(usize::from(c.workflow))
                        .map_or("", |w| w.name.as_str())
                })
                .collect();
            Value::Text(names.join(" + "))
        }
        _ => Value::Text("none".into()),
    };
    Some(Answer {
        value,
        why: Why::Targeting {
            execution: n,
            reason,
            row,
        },
    })
}

fn query_day(o: &Outcome, n: u32, e: &ExecutionRecord) -> Option<Answer> {
    let rule = o.workflows().get(usize::from(e.workflow))?.query;
    let cal = o.calendar();
    let day = rule.evaluated_day(cal, e.at)?;
    Some(Answer {
        value: Value::Date(day),
        why: Why::QueryDay {
            execution: n,
            day,
            slot_day: cal.local_date(e.scheduled),
            caught_up: e.caught_up,
        },
    })
}

fn execution_time(o: &Outcome, n: u32, i: usize, e: &ExecutionRecord) -> Answer {
    let cal = o.calendar();
    let dst = o
        .journal_until(e.at)
        .iter()
        .rev()
        .find_map(|j| match j.message {
            JournalMessage::SchedulerFired { dst, .. } if j.execution == Some(i as u32) => {
                Some(dst)
            }
            _ => None,
        })
        .flatten();
    let at = cal.local(e.at);
    Answer {
        value: Value::DateTime(at),
        why: Why::ExecutionTime {
            execution: n,
            at,
            offset: cal.offset_seconds(e.at),
            scheduled: cal.local(e.scheduled),
            caught_up: e.caught_up,
            dst,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn error(v: Json) -> String {
        let e = Quantity::from_json(&v).unwrap_err();
        format!("{}: {}", e.field, e.reason)
    }

    #[test]
    fn a_quantity_is_read_with_its_parameters() {
        let q = Quantity::from_json(&json!({"quantity": "broadlog-rows", "mode": "continuous",
            "clock": "2026-03-16T12:00", "delivery": 1}))
        .unwrap();
        assert_eq!(q.kind, Kind::BroadlogRows);
        assert_eq!(q.mode, Some(Side::Continuous));
        assert_eq!(q.delivery, Some(1));
        assert!(matches!(q.clock, Clock::At(_)));
        let q =
            Quantity::from_json(&json!({"quantity": "targeted", "recipient": 17, "execution": 5}))
                .unwrap();
        assert_eq!(
            (q.recipient, q.execution, q.clock),
            (Some(17), Some(5), Clock::End)
        );
        assert_eq!(q.value_kind(), ValueKind::YesNo);
        assert_eq!(Kind::QueryDay.name(), "query-day");
        for s in QUANTITIES {
            assert_eq!(s.kind.spec(), &s);
        }
    }

    #[test]
    fn errors_name_the_parameter() {
        let cases = [
            (json!([1]), ": expected an object"),
            (
                json!({"mode": "recurring"}),
                ".quantity: missing: one of deliveries, ",
            ),
            (
                json!({"quantity": "sends"}),
                ".quantity: \"sends\" is not a quantity (deliveries, ",
            ),
            (json!({"quantity": 3}), ".quantity: 3 is not a name"),
            (
                json!({"quantity": "deliveries"}),
                ".mode: deliveries needs a mode",
            ),
            (
                json!({"quantity": "deliveries", "mode": "weekly"}),
                ".mode: \"weekly\" is not a mode (recurring, continuous, aggregated)",
            ),
            (
                json!({"quantity": "deliveries", "mode": "recurring", "recipient": 3}),
                ".recipient: not a parameter of deliveries (mode, clock, workflow)",
            ),
            (
                json!({"quantity": "executions", "clock": "June"}),
                ".clock: \"June\" is not \"end\", a date",
            ),
            (
                json!({"quantity": "query-day", "execution": 0}),
                ".execution: numbers start at 1",
            ),
            (
                json!({"quantity": "query-day", "execution": "5"}),
                ".execution: \"5\" is not a whole number",
            ),
            (
                json!({"quantity": "targeted", "execution": 5}),
                ".recipient: targeted needs a recipient",
            ),
            (
                json!({"quantity": "executions", "workflow": " "}),
                ".workflow: must not be empty",
            ),
            (
                json!({"quantity": "executions", "workflow": 2}),
                ".workflow: 2 is not a text",
            ),
        ];
        for (v, want) in cases {
            let got = error(v.clone());
            assert!(got.starts_with(want), "{v}: {got}");
        }
    }

    #[test]
    fn values_have_one_text_each() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let t = d.and_hms_opt(3, 30, 0).unwrap();
        for (v, text, kind) in [
            (Value::Number(2080), "2080", ValueKind::Number),
            (Value::Date(d), "2026-03-02", ValueKind::Date),
            (Value::DateTime(t), "2026-03-02T03:30", ValueKind::DateTime),
            (Value::YesNo(true), "yes", ValueKind::YesNo),
            (
                Value::Text("Birthday + Weekly newsletter".into()),
                "Birthday + Weekly newsletter",
                ValueKind::Text,
            ),
        ] {
            assert_eq!(v.text(), text);
            assert_eq!(Value::parse(kind, text), Some(v));
        }
        assert_eq!(Value::parse(ValueKind::Number, "052"), None);
        assert_eq!(Value::parse(ValueKind::Number, "2,080"), None);
        assert_eq!(Value::parse(ValueKind::YesNo, "Yes"), None);
        assert_eq!(
            Value::parse(ValueKind::DateTime, "2026-03-02T03:30:00"),
            None
        );
        assert_eq!(Value::parse(ValueKind::Date, "2 Mar"), None);
    }
}

/// Each quantity on the worked scenarios (`presets/`), against figures found another
/// way: the contract's expected outputs (`tests/contract/scenarios/expected/`), the
/// documents' own recipients, and the contract's rules applied by hand.
#[cfg(test)]
mod preset_tests {
    use super::*;
    use crate::engine::doc;
    use crate::engine::sim::Comparison;
    use serde_json::json;

    fn read(path: &str) -> String {
        std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
    }

    /// A preset (patched by `edit`, a merge of top-level members) in every mode.
    fn year(name: &str, edit: Json) -> Vec<(Side, Outcome)> {
        let mut d: Json = serde_json::from_str(&read(&format!("presets/{name}.json"))).unwrap();
        for (k, v) in edit.as_object().unwrap() {
            d[k] = v.clone();
        }
        let v = doc::parse_validated(&d.to_string()).unwrap();
        Comparison::new(&v, 0).unwrap().finish()
    }

    fn expected(name: &str) -> Json {
        let path = format!("tests/contract/scenarios/expected/{name}.run.json");
        serde_json::from_str(&read(&path)).unwrap()
    }

    fn eval(year: &[(Side, Outcome)], q: Json) -> Answer {
        let sides: Vec<(Side, &Outcome)> = year.iter().map(|(s, o)| (*s, o)).collect();
        let quantity = Quantity::from_json(&q).unwrap();
        evaluate(&quantity, &sides).unwrap_or_else(|| panic!("{q}: no value"))
    }

    fn number(year: &[(Side, Outcome)], q: Json) -> u64 {
        match eval(year, q.clone()).value {
            Value::Number(n) => n,
            other => panic!("{q}: {other:?}"),
        }
    }

    fn text(year: &[(Side, Outcome)], q: Json) -> String {
        eval(year, q).value.text()
    }

    /// The expected runs whose instant is at or before `local` (in the scenario's zone).
    fn runs_until<'a>(e: &'a Json, year: &[(Side, Outcome)], local: &str) -> Vec<&'a Json> {
        let cal = year[0].1.calendar();
        let t = Clock::parse(local).unwrap().instant(cal);
        e["runs"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| {
                chrono::DateTime::parse_from_rfc3339(r["at"].as_str().unwrap())
                    .unwrap()
                    .timestamp()
                    <= t
            })
            .collect()
    }

    fn targeted_sum(runs: &[&Json]) -> u64 {
        runs.iter().map(|r| r["targeted"].as_u64().unwrap()).sum()
    }

    #[test]
    fn the_weekly_newsletter() {
        let y = year("weekly-newsletter-recurring", json!({}));
        let e = expected("weekly-newsletter-recurring");
        let totals = &e["totals"];
        let q = |name: &str, mode: &str| json!({"quantity": name, "mode": mode});
        assert_eq!(
            number(&y, q("deliveries", "recurring")),
            totals["deliveries"]
        );
        assert_eq!(number(&y, q("deliveries", "continuous")), 1);
        for mode in ["recurring", "continuous"] {
            assert_eq!(number(&y, q("broadlog-rows", mode)), totals["broadlog"]);
        }
        assert_eq!(
            number(&y, json!({"quantity": "executions"})),
            totals["runs"]
        );
        assert_eq!(
            number(&y, json!({"quantity": "executions-targeting-nobody"})),
            0
        );
        // Execution #11 (16 March) appended its targeted recipients.
        let runs = e["runs"].as_array().unwrap();
        assert_eq!(
            number(&y, json!({"quantity": "rows-appended", "execution": 11})),
            runs[10]["targeted"]
        );
        // The continuous delivery by 16 March 12:00, and the year by 1 July.
        let by = runs_until(&e, &y, "2026-03-16T12:00");
        assert_eq!(by.len(), 11);
        let q = json!({"quantity": "broadlog-rows", "mode": "continuous",
            "clock": "2026-03-16T12:00", "delivery": 1});
        assert_eq!(number(&y, q.clone()), targeted_sum(&by));
        let Why::Rows {
            executions,
            delivery,
            ..
        } = eval(&y, q).why
        else {
            panic!()
        };
        assert_eq!((executions, delivery), (11, Some(1)));
        let july = runs_until(&e, &y, "2026-07-01");
        let q = json!({"quantity": "broadlog-rows", "mode": "recurring", "clock": "2026-07-01"});
        assert_eq!(number(&y, q), targeted_sum(&july));
        // The why of the deliveries: 52 executions, each reached the delivery.
        let a = eval(&y, json!({"quantity": "deliveries", "mode": "continuous"}));
        assert_eq!(
            a.why,
            Why::Deliveries {
                side: Side::Continuous,
                executions: 52,
                reached: 52,
                deliveries: 1,
                forks: 0,
                aggregation: Aggregation::None
            }
        );
        // No tracking in the preset: no tracking row; with it, the tracking log's rows.
        assert_eq!(
            number(
                &y,
                json!({"quantity": "tracking-rows", "mode": "recurring"})
            ),
            0
        );
        let tracked = year(
            "weekly-newsletter-recurring",
            json!({"tracking": {"enabled": true}}),
        );
        for (side, o) in &tracked {
            let q = json!({"quantity": "tracking-rows", "mode": side.name()});
            assert_eq!(number(&tracked, q), o.tracking().len() as u64);
        }
    }

    #[test]
    fn the_birthday_email() {
        let y = year("birthday-daily-recurring", json!({}));
        let e = expected("birthday-daily-recurring");
        let runs = e["runs"].as_array().unwrap();
        let nobody = runs.iter().filter(|r| r["targeted"] == 0).count() as u64;
        assert_eq!(
            number(&y, json!({"quantity": "deliveries", "mode": "recurring"})),
            e["totals"]["deliveries"]
        );
        assert_eq!(
            number(&y, json!({"quantity": "executions-targeting-nobody"})),
            nobody
        );
        // The query's day is the local date of the run, for every run.
        for (k, r) in runs.iter().enumerate().step_by(37) {
            let q = json!({"quantity": "query-day", "execution": k + 1});
            assert_eq!(text(&y, q), r["at"].as_str().unwrap()[..10]);
        }
        // Recipient #17 (born 10 Oct) on 2 Feb (execution #33) and on 10 Oct (#283).
        let targeted = |recipient: u64, execution: u64| {
            text(
                &y,
                json!({"quantity": "targeted", "recipient": recipient, "execution": execution}),
            )
        };
        assert_eq!(targeted(17, 33), "no");
        assert_eq!(targeted(17, 283), "yes");
        let Why::Targeting { reason, .. } = eval(
            &y,
            json!({"quantity": "targeted", "recipient": 17, "execution": 33}),
        )
        .why
        else {
            panic!()
        };
        assert_eq!(
            reason,
            TargetingReason::BirthdayMismatch {
                month: 10,
                day: 10,
                on_month: 2,
                on_day: 2
            }
        );
        // Born 29 Feb: taken on 1 March (#60) in 2026, by the document's leap_day rule.
        assert_eq!(targeted(1, 60), "yes");
        assert_eq!(
            text(
                &y,
                json!({"quantity": "received", "recipient": 1, "execution": 60})
            ),
            "yes"
        );
        // A query on everyone reads no date: no query-day.
        let w = year("weekly-newsletter-recurring", json!({}));
        let sides: Vec<(Side, &Outcome)> = w.iter().map(|(s, o)| (*s, o)).collect();
        let q = Quantity::from_json(&json!({"quantity": "query-day", "execution": 1})).unwrap();
        assert_eq!(evaluate(&q, &sides), None);
    }

    #[test]
    fn a_caught_up_birthday_run_and_daylight_saving() {
        // The server down over the morning of 1 March: the run is caught up at 05:00
        // on 2 March (execution #60) and evaluates 2 March.
        let outage = json!({"outages": [{"from": "2026-03-01T05:00", "to": "2026-03-02T05:00"}]});
        let y = year("birthday-daily-recurring", outage);
        let a = eval(&y, json!({"quantity": "query-day", "execution": 60}));
        assert_eq!(a.value.text(), "2026-03-02");
        let d = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        assert_eq!(
            a.why,
            Why::QueryDay {
                execution: 60,
                day: d(3, 2),
                slot_day: d(3, 1),
                caught_up: true
            }
        );
        assert_eq!(number(&y, json!({"quantity": "missed-slots"})), 1);
        assert_eq!(number(&y, json!({"quantity": "caught-up-executions"})), 1);
        // 1 March's two birthdays (#1 and #2, born 29 Feb) are lost: one delivery less.
        assert_eq!(
            number(&y, json!({"quantity": "deliveries", "mode": "recurring"})),
            68
        );
        assert_eq!(
            number(
                &y,
                json!({"quantity": "broadlog-rows", "mode": "recurring"})
            ),
            78
        );
        // 02:30 on the spring-forward day runs at 03:30 summer time (the contract's rule).
        let y = year(
            "birthday-daily-recurring",
            json!({"workflow": {"scheduler": {"frequency": "daily", "times": ["02:30"]},
                "query": {"filter": "birthday"}, "delivery": {"label": "Happy birthday"}}}),
        );
        let a = eval(&y, json!({"quantity": "execution-time", "execution": 88}));
        assert_eq!(a.value.text(), "2026-03-29T03:30");
        let Why::ExecutionTime {
            offset,
            dst: Some(shift),
            ..
        } = a.why
        else {
            panic!("{:?}", a.why)
        };
        assert_eq!((offset, shift.gap), (7200, true));
    }

    #[test]
    fn the_welcome_email_and_an_outage() {
        let y = year("welcome-continuous-incremental", json!({}));
        let e = expected("welcome-continuous-incremental");
        let runs = e["runs"].as_array().unwrap();
        let reached = runs.iter().filter(|r| r["targeted"] != 0).count() as u64;
        assert_eq!(
            number(&y, json!({"quantity": "deliveries", "mode": "continuous"})),
            e["totals"]["deliveries"]
        );
        assert_eq!(
            number(&y, json!({"quantity": "deliveries", "mode": "recurring"})),
            reached
        );
        assert_eq!(
            number(&y, json!({"quantity": "executions-targeting-nobody"})),
            runs.len() as u64 - reached
        );
        for k in [1, 2, 3] {
            let q = json!({"quantity": "rows-appended", "execution": k});
            assert_eq!(number(&y, q), runs[k - 1]["targeted"]);
        }
        let a = eval(&y, json!({"quantity": "deliveries", "mode": "continuous"}));
        let Why::Deliveries { forks, .. } = a.why else {
            panic!()
        };
        assert_eq!(forks, 1);
        // #17 is in the base from the start: the first run takes them, no later one.
        let targeted = |execution: u64| {
            text(
                &y,
                json!({"quantity": "targeted", "recipient": 17, "execution": execution}),
            )
        };
        assert_eq!((targeted(1).as_str(), targeted(33).as_str()), ("yes", "no"));
        // The server down from 14 March 12:00 to 17 March 12:00: the slots of 15, 16
        // and 17 March fall in it; "once" runs one late, "all" three, "skip" none.
        let outage = json!([{"from": "2026-03-14T12:00", "to": "2026-03-17T12:00"}]);
        for (policy, executions, caught_up) in [("once", 363, 1), ("all", 365, 3), ("skip", 362, 0)]
        {
            let y = year(
                "welcome-continuous-incremental",
                json!({"outages": outage, "missed_runs": policy}),
            );
            assert_eq!(
                number(&y, json!({"quantity": "executions"})),
                executions,
                "{policy}"
            );
            assert_eq!(
                number(&y, json!({"quantity": "missed-slots"})),
                3,
                "{policy}"
            );
            let a = eval(&y, json!({"quantity": "caught-up-executions"}));
            assert_eq!(a.value, Value::Number(caught_up), "{policy}");
            // Before the outage, nothing was missed yet.
            assert_eq!(
                number(
                    &y,
                    json!({"quantity": "missed-slots", "clock": "2026-03-14"})
                ),
                0
            );
        }
    }

    #[test]
    fn several_workflows_and_the_pressure_rule() {
        let y = year("several-workflows-one-base", json!({}));
        let e = expected("several-workflows-one-base");
        let of = |w: u64| {
            e["deliveries"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|d| d["workflow"] == w)
                .count() as u64
        };
        // The columns compare workflow 0 (the newsletter); another is named.
        assert_eq!(
            number(&y, json!({"quantity": "deliveries", "mode": "recurring"})),
            of(0)
        );
        let q =
            json!({"quantity": "deliveries", "mode": "recurring", "workflow": "Monthly promotion"});
        assert_eq!(number(&y, q), of(3));
        let promotions = e["runs"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["workflow"] == 3)
            .count() as u64;
        let q = json!({"quantity": "executions", "workflow": "Monthly promotion"});
        assert_eq!(number(&y, q), promotions);
        // Monday 2 March 09:00: the birthday email (priority 10), the newsletter (0)
        // and the promotion (−1) run at the same instant, in that order.
        let runs = e["runs"].as_array().unwrap();
        let at = |k: usize| {
            (
                runs[k - 1]["at"].as_str().unwrap(),
                runs[k - 1]["workflow"].as_u64().unwrap(),
            )
        };
        assert_eq!(
            [at(132), at(133), at(134)],
            [
                ("2026-03-02T09:00:00+01:00", 1),
                ("2026-03-02T09:00:00+01:00", 0),
                ("2026-03-02T09:00:00+01:00", 3)
            ]
        );
        // #58, born 2 March, got the birthday email and the newsletter first: with at
        // most 2 marketing emails a week, the promotion's row is excluded.
        let ask = |name: &str| json!({"quantity": name, "recipient": 58, "execution": 134});
        assert_eq!(text(&y, ask("targeted")), "yes");
        assert_eq!(text(&y, ask("received")), "no");
        assert_eq!(
            text(&y, ask("quota-filled-by")),
            "Birthday + Weekly newsletter"
        );
        let Why::Targeting {
            row:
                Some(RowWhy::ExcludedByArbitration {
                    max,
                    period_days,
                    messages,
                }),
            ..
        } = eval(&y, ask("quota-filled-by")).why
        else {
            panic!()
        };
        assert_eq!((max, period_days), (2, 7));
        let executions: Vec<u32> = messages.iter().map(|c| c.execution + 1).collect();
        assert_eq!(executions, [132, 133]);
        // The birthday email itself was sent to them.
        let q = json!({"quantity": "quota-filled-by", "recipient": 58, "execution": 132});
        assert_eq!(text(&y, q), "none");
        let q = json!({"quantity": "arbitration-exclusions", "execution": 134});
        let a = eval(&y, q);
        assert_eq!(a.value, Value::Number(1));
        let Why::Arbitration {
            rows, recipients, ..
        } = a.why
        else {
            panic!()
        };
        assert_eq!(
            (rows, recipients),
            (runs[133]["targeted"].as_u64().unwrap(), vec![58])
        );
        // An unknown workflow, recipient or execution has no value.
        let sides: Vec<(Side, &Outcome)> = y.iter().map(|(s, o)| (*s, o)).collect();
        for q in [
            json!({"quantity": "executions", "workflow": "Nope"}),
            json!({"quantity": "targeted", "recipient": 999, "execution": 1}),
            json!({"quantity": "rows-appended", "execution": 9999}),
            json!({"quantity": "deliveries", "mode": "aggregated"}),
        ] {
            assert_eq!(
                evaluate(&Quantity::from_json(&q).unwrap(), &sides),
                None,
                "{q}"
            );
        }
    }
}
