//! The document's workflows: one `workflow` (contract v1), or `workflows`, a list of
//! 1 to 16 (contract v2) each with a `name`, a `priority` and a `typology`; and their
//! checks. Either way the engine reads them through [`Scenario::workflows`].

use super::delivery::{validate_delivery, DeliverySpec};
use super::query::{validate_query, QuerySpec};
use super::scheduler::{validate_scheduler, SchedulerSpec};
use super::{limits::MAX_NAME_CHARS, Errors, Scenario};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::HashMap;

/// Most workflows in one document.
pub const MAX_WORKFLOWS: usize = 16;

/// The priority range: at one instant, executions of a higher priority run first.
pub const PRIORITY_RANGE: std::ops::RangeInclusive<i64> = -100..=100;

/// The targeting workflow of a v1 document: Scheduler → Query → Delivery.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Workflow {
    pub scheduler: SchedulerSpec,
    #[serde(default)]
    pub query: QuerySpec,
    #[serde(default)]
    pub delivery: DeliverySpec,
}

/// What the pressure rule does with a workflow's messages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Typology {
    /// Subject to the pressure rule and counted by it.
    #[default]
    Marketing,
    /// Neither (a welcome mail, a password reset).
    Transactional,
}

/// One item of `workflows` (v2): a workflow with its name, priority and typology.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkflowItem {
    /// Default "Workflow N" (N = position, from 1); unique in the document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// −100 … 100, default 0.
    #[serde(default)]
    pub priority: i64,
    #[serde(default)]
    pub typology: Typology,
    pub scheduler: SchedulerSpec,
    #[serde(default)]
    pub query: QuerySpec,
    #[serde(default)]
    pub delivery: DeliverySpec,
}

/// One workflow of the document as the engine reads it, v1 or v2: where it sits (for
/// error paths), what v2 adds (defaults filled in) and its activities' specs.
#[derive(Clone, Debug, PartialEq)]
pub struct WorkflowDoc<'a> {
    /// Its position in the document, from 0.
    pub index: usize,
    /// Its JSON path: `workflow` or `workflows[i]`.
    pub path: String,
    pub name: Cow<'a, str>,
    pub priority: i64,
    pub typology: Typology,
    pub scheduler: &'a SchedulerSpec,
    pub query: &'a QuerySpec,
    pub delivery: &'a DeliverySpec,
}

impl Scenario {
    /// The document's workflows, in document order: its `workflow`, or the items of
    /// its `workflows`. (When a document has both, validation refuses it; this reads
    /// `workflows`.)
    pub fn workflows(&self) -> Vec<WorkflowDoc<'_>> {
        let default_name = |k: usize| Cow::Owned(format!("Workflow {}", k + 1));
        match (&self.workflows, &self.workflow) {
            (Some(list), _) => list
                .iter()
                .enumerate()
                .map(|(k, w)| WorkflowDoc {
                    index: k,
                    path: format!("workflows[{k}]"),
                    name: w
                        .name
                        .as_deref()
                        .map_or_else(|| default_name(k), Cow::Borrowed),
                    priority: w.priority,
                    typology: w.typology,
                    scheduler: &w.scheduler,
                    query: &w.query,
                    delivery: &w.delivery,
                })
                .collect(),
            (None, Some(w)) => vec![WorkflowDoc {
                index: 0,
                path: "workflow".to_string(),
                name: default_name(0),
                priority: 0,
                typology: Typology::Marketing,
                scheduler: &w.scheduler,
                query: &w.query,
                delivery: &w.delivery,
            }],
            (None, None) => Vec::new(),
        }
    }

    /// The document lists its workflows under `workflows` (v2), even just one: the
    /// CLI then names the workflow of every run and delivery.
    pub fn lists_workflows(&self) -> bool {
        self.workflows.is_some()
    }
}

/// Checks `workflow` / `workflows`: exactly one of them, 1 to 16 items with unique
/// names and priorities in range, then each workflow's scheduler, query and delivery
/// at its own path.
pub fn validate_workflows(s: &Scenario, e: &mut Errors) {
    match (&s.workflow, &s.workflows) {
        (Some(_), Some(_)) => e.push(
            "workflows",
            "a document has either workflow or workflows, not both",
        ),
        (None, None) => e.push(
            "workflow",
            format!("is required (or workflows, a list of 1 to {MAX_WORKFLOWS} workflows)"),
        ),
        (None, Some(list)) if list.is_empty() => e.push("workflows", "needs at least one workflow"),
        (None, Some(list)) if list.len() > MAX_WORKFLOWS => e.push(
            "workflows",
            format!("has {} workflows; the limit is {MAX_WORKFLOWS}", list.len()),
        ),
        _ => {}
    }
    let mut names: HashMap<&str, usize> = HashMap::new();
    let explicit = |k: usize| {
        s.workflows
            .as_ref()
            .and_then(|l| l.get(k))
            .is_some_and(|w| w.name.is_some())
    };
    let workflows = s.workflows();
    for w in &workflows {
        let p = &w.path;
        if explicit(w.index) {
            let n = w.name.chars().count();
            if n > MAX_NAME_CHARS {
                e.push(
                    format!("{p}.name"),
                    format!("is {n} characters long; the limit is {MAX_NAME_CHARS}"),
                );
            }
        }
        if let Some(first) = names.insert(&w.name, w.index) {
            names.insert(&w.name, first);
            e.push(
                format!("{p}.name"),
                format!("\"{}\" is already the name of workflows[{first}]", w.name),
            );
        }
        if !PRIORITY_RANGE.contains(&w.priority) {
            e.push(
                format!("{p}.priority"),
                format!(
                    "{} is not between {} and {}",
                    w.priority,
                    PRIORITY_RANGE.start(),
                    PRIORITY_RANGE.end()
                ),
            );
        }
        validate_scheduler(w.scheduler, &format!("{p}.scheduler"), e);
        validate_query(w.query, &format!("{p}.query"), e);
        validate_delivery(w.delivery, &format!("{p}.delivery"), e);
    }
}
