//! What `campaign-sim run` prints: the contract's summary (JSON) and a readable
//! table.

use super::outcome::{BroadlogCounts, DeliveryRecord, Outcome};
use serde::Serialize;

/// The CLI contract's shape: runs, deliveries, totals.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub runs: Vec<RunSummary>,
    pub deliveries: Vec<DeliverySummary>,
    pub totals: Totals,
}

/// One execution.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RunSummary {
    /// RFC 3339 with the zone's offset.
    pub at: String,
    pub scheduled: String,
    pub targeted: u32,
    pub delivery: Option<u32>,
    /// The workflow's position (0-based), for a document with `workflows` only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub workflow: Option<u16>,
}

/// One delivery.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DeliverySummary {
    pub id: u32,
    /// The workflow's position (0-based), for a document with `workflows` only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub workflow: Option<u16>,
    pub created: String,
    pub runs: u32,
    pub content_version: u32,
    pub broadlog: BroadlogCounts,
}

/// Totals.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Totals {
    pub runs: usize,
    pub deliveries: usize,
    pub broadlog: usize,
}

impl Outcome {
    /// The CLI's summary (contract shape): see [`summary`].
    pub fn summary(&self) -> Summary {
        summary(self)
    }
}

/// The summary of an outcome: the contract's v1 shape, plus the workflow of every run
/// and delivery when the document lists its workflows (v2).
pub fn summary(o: &Outcome) -> Summary {
    let cal = o.calendar();
    let workflow = |w: u16| o.lists_workflows().then_some(w);
    Summary {
        runs: o
            .executions()
            .iter()
            .map(|e| RunSummary {
                at: cal.rfc3339(e.at),
                scheduled: cal.rfc3339(e.scheduled),
                targeted: e.targeted,
                delivery: e.delivery,
                workflow: workflow(e.workflow),
            })
            .collect(),
        deliveries: o
            .deliveries()
            .iter()
            .map(|d| DeliverySummary {
                id: d.id,
                workflow: workflow(d.workflow),
                created: cal.rfc3339(d.created),
                runs: d.runs,
                content_version: d.content_version,
                broadlog: d.broadlog,
            })
            .collect(),
        totals: Totals {
            runs: o.executions().len(),
            deliveries: o.deliveries().len(),
            broadlog: o.broadlog().len(),
        },
    }
}

/// JSON with a one-space indent and a final newline, like the contract's expected
/// files.
pub fn to_json<T: Serialize>(value: &T) -> Result<String, String> {
    let mut buf = Vec::new();
    let fmt = serde_json::ser::PrettyFormatter::with_indent(b" ");
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
    value.serialize(&mut ser).map_err(|e| e.to_string())?;
    buf.push(b'\n');
    String::from_utf8(buf).map_err(|e| e.to_string())
}

/// A readable summary: totals, indicators, then one line per delivery.
pub fn table(o: &Outcome) -> String {
    use std::fmt::Write;
    let cal = o.calendar();
    let mut out = String::new();
    let reached = o
        .executions()
        .iter()
        .filter(|e| e.delivery.is_some())
        .count();
    let caught = o.executions().iter().filter(|e| e.caught_up).count();
    let k = o.kpis(None, cal.horizon_end);
    let _ = writeln!(
        out,
        "{} executions ({} caught up, {} reached the delivery), {} deliveries, {} broadLog rows, {} tracking rows",
        o.executions().len(),
        caught,
        reached,
        o.deliveries().len(),
        o.broadlog().len(),
        o.tracking().len()
    );
    let pct = |r: &crate::engine::record::kpi::Rate| {
        r.value()
            .map_or("-".to_string(), |v| format!("{:.1}%", v * 100.0))
    };
    let _ = writeln!(
        out,
        "sent {}  failed {} (hard {}, soft {})  ignored {} (quarantine {}, denylist {}, arbitration {})",
        k.sent, k.failed, k.failed_hard, k.failed_soft, k.ignored, k.ignored_quarantined, k.ignored_denylisted, k.ignored_arbitration
    );
    if !o.tracking().is_empty() {
        let _ = writeln!(
            out,
            "opens {} (openers {}, open rate {} of sent)  clicks {} (clickers {}, {} of sent, reactivity {})  opt-outs {}",
            k.opens, k.openers, pct(&k.open_rate), k.clicks, k.clickers, pct(&k.click_rate), pct(&k.reactivity), k.optouts
        );
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{:>5}  {:<25}  {:>5}  {:>3}  {:>7}  {:>7}  {:>7}  {:>7}  label",
        "id", "created", "runs", "v", "total", "sent", "failed", "ignored"
    );
    for d in o.deliveries() {
        let _ = writeln!(
            out,
            "{:>5}  {:<25}  {:>5}  {:>3}  {:>7}  {:>7}  {:>7}  {:>7}  {}",
            d.id,
            cal.rfc3339(d.created),
            d.runs,
            d.content_version,
            d.broadlog.total,
            d.broadlog.sent,
            d.broadlog.failed,
            d.broadlog.ignored,
            label(o, d)
        );
    }
    out
}

/// A delivery's label on one line; with several workflows, its workflow's name after it.
fn label(o: &Outcome, d: &DeliveryRecord) -> String {
    let mut label = d.label.replace(['\n', '\r'], " ");
    if o.lists_workflows() {
        if let Some(w) = o.workflows().get(usize::from(d.workflow)) {
            label.push_str(&format!(" ({})", w.name.replace(['\n', '\r'], " ")));
        }
    }
    label
}
