//! The whole scenario document ([`Scenario`]): its own fields (name, year, time zone,
//! seed) and its parts, each typed in its own file; the workflows as the engine reads
//! them ([`Scenario::workflows`]); the year range and the time zone.

use super::delivery::PressureSpec;
use super::error::ScenarioError;
use super::population::PopulationSpec;
use super::recipients::Recipients;
use super::scheduler::{MissedRuns, Outage};
use super::tracking::Tracking;
use super::workflow::{docs, Workflow, WorkflowDoc, WorkflowItem};
use serde::{Deserialize, Serialize};

/// The whole scenario document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    #[serde(default)]
    pub name: String,
    #[serde(default = "default_year")]
    pub year: i32,
    #[serde(default = "default_timezone")]
    pub timezone: String,
    #[serde(default)]
    pub seed: u64,
    /// Explicit recipient base, by column.
    #[serde(default)]
    pub recipients: Recipients,
    /// The workflow (v1); a document has this or `workflows`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workflow: Option<Workflow>,
    /// Several workflows on the base (v2): 1 to 16.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workflows: Option<Vec<WorkflowItem>>,
    #[serde(default)]
    pub outages: Vec<Outage>,
    #[serde(default)]
    pub missed_runs: MissedRuns,
    #[serde(default)]
    pub tracking: Tracking,
    /// Extension: a seeded generated population added after `recipients`
    /// (see [`PopulationSpec`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population: Option<PopulationSpec>,
    /// Extension: pressure (fatigue) rule, at most `max_messages` per recipient over
    /// a rolling `period_days` (see [`PressureSpec`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pressure: Option<PressureSpec>,
}

fn default_year() -> i32 {
    2026
}

fn default_timezone() -> String {
    "UTC".to_string()
}

impl Scenario {
    /// The document's workflows, in document order: its `workflow`, or the items of
    /// its `workflows`. (When a document has both, validation refuses it; this reads
    /// `workflows`.)
    pub fn workflows(&self) -> Vec<WorkflowDoc<'_>> {
        docs(self.workflow.as_ref(), self.workflows.as_deref())
    }

    /// The document lists its workflows under `workflows` (v2), even just one: the
    /// CLI then names the workflow of every run and delivery.
    pub fn lists_workflows(&self) -> bool {
        self.workflows.is_some()
    }
}

/// The contract's year range.
pub const YEAR_MIN: i32 = 1900;
/// The contract's year range.
pub const YEAR_MAX: i32 = 2200;

/// The error of a year outside [`YEAR_MIN`]..[`YEAR_MAX`].
pub fn year_error(year: i32) -> ScenarioError {
    ScenarioError {
        path: "year".into(),
        reason: format!("{year} is outside {YEAR_MIN}..{YEAR_MAX}"),
    }
}

/// Why `name` is not a zone. The web build carries only the zones in
/// `src/tz/web-zones.txt` (77, for the download size), so there a real IANA name
/// can be missing: say so rather than call it wrong.
pub fn unknown_zone(name: &str) -> String {
    if cfg!(target_arch = "wasm32") {
        format!(
            "\"{name}\" is not an IANA time zone name, or not one of the ~80 zones the web page carries (the command-line tool has them all)"
        )
    } else {
        format!("\"{name}\" is not an IANA time zone name")
    }
}

/// The time zone named by `timezone` (IANA, case-sensitive as in the tz database).
/// The zone library ([`crate::tz`]) stands outside the engine, like a dependency: the
/// document imports nothing from the engine.
pub fn parse_timezone(name: &str) -> Option<crate::tz::Zone> {
    crate::tz::Zone::named(name)
}
