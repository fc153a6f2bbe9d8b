//! The record one execution of a workflow leaves: when it ran, the slot it stands
//! for, what its query returned, the delivery and the broadLog rows it appended to.

use crate::engine::calendar::Instant;
use serde::Serialize;

/// One execution of a workflow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct ExecutionRecord {
    /// The workflow that ran (its position in the document, from 0).
    pub workflow: u16,
    /// When it ran.
    pub at: Instant,
    /// The planned slot it stands for.
    pub scheduled: Instant,
    /// A late run at the end of an outage.
    pub caught_up: bool,
    /// Recipients the query returned.
    pub targeted: u32,
    /// The delivery it appended to (`None`: the query returned nobody).
    pub delivery: Option<u32>,
    /// Its broadLog rows are `rows_start..rows_end`.
    pub rows_start: u32,
    pub rows_end: u32,
    /// Template content version in force at the execution.
    pub content_version: u32,
    pub sent: u32,
    pub failed: u32,
    pub ignored: u32,
}

impl ExecutionRecord {
    /// Its broadLog row range.
    pub fn rows(&self) -> std::ops::Range<usize> {
        self.rows_start as usize..self.rows_end as usize
    }
}
