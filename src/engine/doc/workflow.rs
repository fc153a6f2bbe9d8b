//! The document's workflows: one `workflow` (contract v1), or `workflows`, a list of
//! 1 to 16 (contract v2) each with a `name`, a `priority` and a `typology`; and their
//! checks. Either way the engine reads them through
//! [`Scenario::workflows`](super::scenario::Scenario::workflows), that is [`docs`].

use super::delivery::{validate_delivery, DeliverySpec};
use super::error::Errors;
use super::limits::MAX_NAME_CHARS;
use super::names::by_name;
use super::query::{validate_query, QuerySpec};
use super::scheduler::{validate_scheduler, SchedulerSpec};
use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{
    DeserializeSeed, Deserializer, Error, IntoDeserializer, MapAccess, SeqAccess, Unexpected,
    Visitor,
};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// Most workflows in one document.
pub const MAX_WORKFLOWS: usize = 16;

/// The priority range: at one instant, executions of a higher priority run first.
pub const PRIORITY_RANGE: std::ops::RangeInclusive<i64> = -100..=100;

/// The targeting workflow of a v1 document: Scheduler → Query → Delivery.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Workflow {
    pub scheduler: SchedulerSpec,
    pub query: QuerySpec,
    pub delivery: DeliverySpec,
}

/// The reader of the three activities, shared by both forms (see [`Shape`]).
mod activities {
    use crate::engine::doc::delivery::DeliverySpec;
    use crate::engine::doc::query::QuerySpec;
    use crate::engine::doc::scheduler::SchedulerSpec;
    use serde::Deserialize;

    /// Named `Workflow`: serde words its errors with the Rust name ("expected struct
    /// Workflow with 3 elements"), as a v1 document always read them.
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(super) struct Workflow {
        pub scheduler: SchedulerSpec,
        #[serde(default)]
        pub query: QuerySpec,
        #[serde(default)]
        pub delivery: DeliverySpec,
    }
}

/// What the pressure rule does with a workflow's messages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Typology {
    /// Subject to the pressure rule and counted by it.
    #[default]
    Marketing,
    /// Neither (a welcome mail, a password reset).
    Transactional,
}

by_name!(
    Typology,
    [Marketing = "marketing", Transactional = "transactional"]
);

/// One item of `workflows` (v2): a workflow with its name, priority and typology.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WorkflowItem {
    /// Default "Workflow N" (N = position, from 1); unique in the document.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// −100 … 100, default 0.
    pub priority: i64,
    pub typology: Typology,
    pub scheduler: SchedulerSpec,
    pub query: QuerySpec,
    pub delivery: DeliverySpec,
}

/// The fields of a v1 workflow and of an item, as their errors list them.
const V1_FIELDS: &[&str] = &["scheduler", "query", "delivery"];
const ITEM_FIELDS: &[&str] = &[
    "name",
    "priority",
    "typology",
    "scheduler",
    "query",
    "delivery",
];

/// Both forms are read by one reader (a second derived one was 4 KB of the web
/// page's code): what an item adds (`name`, `priority`, `typology`) is taken out of
/// its map on the way, the three activities go to one derived reader. Errors read as
/// a derive's would: an unknown field lists the form's fields, a repeated one is
/// "duplicate field", a missing scheduler "missing field `scheduler`"; a v1 workflow
/// written as a list (the derive's positional form) still reads.
impl<'de> Deserialize<'de> for Workflow {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let (w, _) = d.deserialize_struct("Workflow", V1_FIELDS, Shape { item: false })?;
        Ok(w)
    }
}

impl<'de> Deserialize<'de> for WorkflowItem {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let (w, extra) = d.deserialize_struct("WorkflowItem", ITEM_FIELDS, Shape { item: true })?;
        Ok(WorkflowItem {
            name: extra.name.flatten(),
            priority: extra.priority.unwrap_or(0),
            typology: extra.typology.unwrap_or_default(),
            scheduler: w.scheduler,
            query: w.query,
            delivery: w.delivery,
        })
    }
}

/// Reads a v1 workflow (`item: false`) or an item of `workflows`.
struct Shape {
    item: bool,
}

/// What an item adds, as read (`None`: absent).
#[derive(Default)]
struct Extra {
    name: Option<Option<String>>,
    priority: Option<i64>,
    typology: Option<Typology>,
}

impl<'de> Visitor<'de> for Shape {
    type Value = (Workflow, Extra);

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.item {
            "struct WorkflowItem"
        } else {
            "struct Workflow"
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(Workflow, Extra), A::Error> {
        let mut keys = Keys {
            map,
            item: self.item,
            extra: Extra::default(),
        };
        let w = activities::Workflow::deserialize(MapAccessDeserializer::new(&mut keys))?;
        Ok((w.into(), keys.extra))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(Workflow, Extra), A::Error> {
        if self.item {
            return Err(A::Error::invalid_type(Unexpected::Seq, &self));
        }
        let w = activities::Workflow::deserialize(SeqAccessDeserializer::new(seq))?;
        Ok((w.into(), Extra::default()))
    }
}

impl From<activities::Workflow> for Workflow {
    fn from(w: activities::Workflow) -> Workflow {
        Workflow {
            scheduler: w.scheduler,
            query: w.query,
            delivery: w.delivery,
        }
    }
}

/// A workflow's map as the activities' reader sees it: an item's `name`, `priority`
/// and `typology` taken out on the way (read here), the activities passed on,
/// anything else refused.
struct Keys<A> {
    map: A,
    item: bool,
    extra: Extra,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for &mut Keys<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        fn once<T, E: Error>(slot: &Option<T>, field: &'static str) -> Result<(), E> {
            match slot {
                Some(_) => Err(E::duplicate_field(field)),
                None => Ok(()),
            }
        }
        while let Some(key) = self.map.next_key::<Cow<'de, str>>()? {
            let x = &mut self.extra;
            match &*key {
                "scheduler" | "query" | "delivery" => {
                    return seed.deserialize(key.into_deserializer()).map(Some);
                }
                "name" if self.item => {
                    once(&x.name, "name")?;
                    x.name = Some(self.map.next_value()?);
                }
                "priority" if self.item => {
                    once(&x.priority, "priority")?;
                    x.priority = Some(self.map.next_value()?);
                }
                "typology" if self.item => {
                    once(&x.typology, "typology")?;
                    x.typology = Some(self.map.next_value()?);
                }
                other => {
                    let fields = if self.item { ITEM_FIELDS } else { V1_FIELDS };
                    return Err(A::Error::unknown_field(other, fields));
                }
            }
        }
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.map.next_value_seed(seed)
    }
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

/// A document's workflows, in document order, as the engine reads them: the items of
/// its `workflows` (`list`), or its one `workflow` (`v1`). (When a document has both,
/// validation refuses it; this reads `workflows`.)
pub fn docs<'a>(
    v1: Option<&'a Workflow>,
    list: Option<&'a [WorkflowItem]>,
) -> Vec<WorkflowDoc<'a>> {
    let default_name = |k: usize| Cow::Owned(format!("Workflow {}", k + 1));
    match (list, v1) {
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

/// Checks `workflow` / `workflows`: exactly one of them, 1 to 16 items with unique
/// names and priorities in range, then each workflow's scheduler, query and delivery
/// at its own path.
pub fn validate_workflows(v1: Option<&Workflow>, list: Option<&[WorkflowItem]>, e: &mut Errors) {
    match (v1, list) {
        (Some(_), Some(_)) => e.push(
            "workflows",
            "a document has either workflow or workflows, not both",
        ),
        (None, None) => e.push(
            "workflow",
            format!("is required (or workflows, a list of 1 to {MAX_WORKFLOWS} workflows)"),
        ),
        (None, Some([])) => e.push("workflows", "needs at least one workflow"),
        (None, Some(list)) if list.len() > MAX_WORKFLOWS => e.push(
            "workflows",
            format!("has {} workflows; the limit is {MAX_WORKFLOWS}", list.len()),
        ),
        _ => {}
    }
    // At most 16 names: a list, not a hash map.
    let mut names: Vec<&str> = Vec::new();
    let explicit = |k: usize| {
        list.and_then(|l| l.get(k))
            .is_some_and(|w| w.name.is_some())
    };
    let workflows = docs(v1, list);
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
        if let Some(first) = names.iter().position(|n| *n == w.name) {
            e.push(
                format!("{p}.name"),
                format!("\"{}\" is already the name of workflows[{first}]", w.name),
            );
        }
        names.push(&w.name);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn item(json: &str) -> Result<WorkflowItem, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    #[test]
    fn an_item_reads_like_a_derived_struct() {
        let w = item(
            r#"{"typology": "transactional", "scheduler": {"frequency": "daily", "times": ["09:00"]},
                "name": null, "priority": 3}"#,
        )
        .unwrap();
        assert_eq!(
            (w.name, w.priority, w.typology),
            (None, 3, Typology::Transactional)
        );
        assert_eq!(
            item(r#"{"priority": 1, "priority": 2}"#).unwrap_err(),
            "duplicate field `priority` at line 1 column 26"
        );
        assert!(item(r#"{"query": {}}"#)
            .unwrap_err()
            .starts_with("missing field `scheduler`"));
        assert!(item(r#"{"nam": 1}"#).unwrap_err().starts_with(
            "unknown field `nam`, expected one of `name`, `priority`, `typology`, `scheduler`, `query`, `delivery`"
        ));
        assert!(item("5")
            .unwrap_err()
            .starts_with("invalid type: integer `5`, expected struct WorkflowItem"));
    }

    /// The v1 workflow as it was read before (a plain derive), to compare with.
    mod before {
        use crate::engine::doc::{DeliverySpec, QuerySpec, SchedulerSpec};
        use serde::Deserialize;

        #[derive(Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        pub struct Workflow {
            #[allow(dead_code)]
            pub scheduler: SchedulerSpec,
            #[serde(default)]
            pub query: QuerySpec,
            #[serde(default)]
            #[allow(dead_code)]
            pub delivery: DeliverySpec,
        }
    }

    #[test]
    fn a_v1_workflow_reads_exactly_as_the_derive_did() {
        let s = r#"{"frequency": "daily", "times": ["09:00"]}"#;
        for json in [
            format!(r#"{{"scheduler": {s}}}"#),
            format!(r#"{{"scheduler": {s}, "query": {{"filter": "birthday"}}, "delivery": {{}}}}"#),
            format!(r#"{{"name": "x", "scheduler": {s}}}"#),
            format!(r#"{{"scheduler": {s}, "priority": 1}}"#),
            format!(r#"{{"scheduler": {s}, "schedulr": 1}}"#),
            format!(r#"{{"scheduler": {s}, "scheduler": {s}}}"#),
            r#"{"query": {}}"#.to_string(),
            r#"{"scheduler": {"frequency": "weekly", "days": ["mun"]}}"#.to_string(),
            format!("[{s}]"),
            format!("[{s}, {{}}, {{}}]"),
            format!("[{s}, {{}}, {{}}, 1]"),
            "[]".to_string(),
            "5".to_string(),
            "null".to_string(),
            r#""x""#.to_string(),
            "{}".to_string(),
        ] {
            let new = serde_json::from_str::<Workflow>(&json).map(|w| w.query.filter);
            let old = serde_json::from_str::<before::Workflow>(&json).map(|w| w.query.filter);
            assert_eq!(
                new.map_err(|e| e.to_string()),
                old.map_err(|e| e.to_string()),
                "{json}"
            );
        }
    }
}
