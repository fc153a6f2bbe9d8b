//! Explanations read from a finished year: every event of one recipient (its trace),
//! why a recipient was (not) targeted by an execution, and why a broadLog row has its
//! reason. Each answer comes from the activity that decided (the query's
//! [`Rule`](crate::engine::activity::query::Rule), the send log's
//! [`explain`](crate::engine::activity::send::explain)), never from a copy of its rule.

use super::outcome::{ExecutionRecord, Outcome};
use crate::engine::activity::query::Exclusion;
use crate::engine::activity::scheduler::{RanBefore, Turn};
use crate::engine::activity::send::{self, Counted, RowFacts, RowWhy};
use crate::engine::base::population::NEVER;
use crate::engine::calendar::Instant;
use crate::engine::doc::Typology;
use crate::engine::record::logs::{Device, Reason, Status, TrackingKind};
use serde::Serialize;

/// One event of a recipient's life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum TraceEvent {
    /// Entered the base.
    Created { at: Instant },
    /// Opted out (document's `unsubscribed` or an opt-out click): denylisted.
    Denylisted { at: Instant },
    /// The address went into quarantine.
    Quarantined { at: Instant },
    /// Returned by the query at an execution: one broadLog row.
    Targeted {
        at: Instant,
        execution: u32,
        delivery: u32,
        broadlog_row: u32,
        status: Status,
        reason: Option<Reason>,
    },
    /// A tracking event of one of its messages.
    Tracked {
        at: Instant,
        delivery: u32,
        broadlog_row: u32,
        kind: TrackingKind,
        url: Option<u8>,
        device: Device,
    },
}

impl TraceEvent {
    /// The event's instant.
    pub fn at(&self) -> Instant {
        match self {
            TraceEvent::Created { at }
            | TraceEvent::Denylisted { at }
            | TraceEvent::Quarantined { at }
            | TraceEvent::Targeted { at, .. }
            | TraceEvent::Tracked { at, .. } => *at,
        }
    }
}

/// Every event of one recipient, in time order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RecipientTrace {
    /// Recipient id; `found` is false when no recipient has it.
    pub id: u64,
    pub found: bool,
    pub email: String,
    pub events: Vec<TraceEvent>,
}

/// Why a recipient was or was not targeted by an execution.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum TargetingReason {
    /// Returned by the query (its broadLog row says what happened next); `because`:
    /// which of the query's rules let it through.
    Targeted {
        broadlog_row: u32,
        status: Status,
        row_reason: Option<Reason>,
        because: Matched,
    },
    /// Created after the execution.
    NotYetInBase { created: Instant },
    /// In the incremental history: returned at `since`, free again from `until`
    /// (`None`: the history never expires).
    InHistory {
        since: Instant,
        until: Option<Instant>,
    },
    /// Its birthday (month, day) is not the day the query evaluated (the execution's
    /// local date: `on_month`, `on_day`).
    BirthdayMismatch {
        month: u32,
        day: u32,
        on_month: u32,
        on_day: u32,
    },
    /// A birthday query never returns a recipient without a birthday.
    NoBirthday,
    /// No recipient has this id.
    UnknownRecipient,
    /// No execution has this index.
    UnknownExecution,
}

/// Why a query returned a recipient, by the rule that applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum Matched {
    /// A query on everyone: in the base at the execution.
    InBase,
    /// A birthday query: the birthday is the day it evaluated (month, day).
    Birthday { on_month: u32, on_day: u32 },
    /// An incremental query: in the base and not in its history (never returned, or
    /// returned longer ago than the history keeps).
    NotInHistory,
}

impl Outcome {
    /// Every event of the recipient with id `recipient_id`, in time order. O(rows).
    pub fn trace(&self, recipient_id: u64) -> RecipientTrace {
        let Some(i) = self.population.index_of(recipient_id) else {
            return RecipientTrace {
                id: recipient_id,
                found: false,
                email: String::new(),
                events: Vec::new(),
            };
        };
        let mut events = Vec::new();
        if let Some(c) = self.population.created(i) {
            events.push(TraceEvent::Created { at: c });
        }
        let mut rows = Vec::new();
        for (r, rec) in self.broadlog.recipient.iter().enumerate() {
            if *rec == i {
                rows.push(r as u32);
                if let Some(b) = self.broadlog.row(r) {
                    events.push(TraceEvent::Targeted {
                        at: b.at,
                        execution: b.execution,
                        delivery: b.delivery,
                        broadlog_row: r as u32,
                        status: b.status,
                        reason: b.reason,
                    });
                }
            }
        }
        if !rows.is_empty() {
            let log = self.tracking();
            for (t, bl) in self.tracking.broadlog_row.iter().enumerate() {
                if rows.binary_search(bl).is_ok() {
                    if let Some(row) = log.row(t) {
                        events.push(TraceEvent::Tracked {
                            at: row.at,
                            delivery: row.delivery,
                            broadlog_row: row.broadlog_row,
                            kind: row.kind,
                            url: row.url,
                            device: row.device,
                        });
                    }
                }
            }
        }
        let denylisted = self
            .denylisted_at
            .get(i as usize)
            .copied()
            .filter(|t| *t != NEVER);
        if let Some(at) = denylisted.filter(|t| self.calendar.in_horizon(*t)) {
            events.push(TraceEvent::Denylisted { at });
        }
        if let Some(at) = self
            .quarantined_at
            .get(i as usize)
            .copied()
            .filter(|t| *t != NEVER)
        {
            events.push(TraceEvent::Quarantined { at });
        }
        // Stable: at one instant, creation, then rows, then tracking, then states.
        events.sort_by_key(TraceEvent::at);
        RecipientTrace {
            id: recipient_id,
            found: true,
            email: self.population.email(i),
            events,
        }
    }

    /// Why the recipient `recipient_id` was (not) targeted by execution `execution`:
    /// its row if the query returned it, else what the query's rule excluded it for.
    pub fn why_not_targeted(&self, recipient_id: u64, execution: usize) -> TargetingReason {
        let Some(i) = self.population.index_of(recipient_id) else {
            return TargetingReason::UnknownRecipient;
        };
        let Some(e) = self.executions.get(execution) else {
            return TargetingReason::UnknownExecution;
        };
        let range = e.rows();
        let own = self
            .broadlog
            .recipient
            .get(range.clone())
            .and_then(|rs| rs.iter().position(|r| *r == i));
        let Some(w) = self.workflows.get(usize::from(e.workflow)) else {
            return TargetingReason::UnknownExecution;
        };
        let rule = w.query;
        if let Some(p) = own {
            let row = range.start + p;
            let reason = self.broadlog.reason_of(row).unwrap_or(Reason::Sent);
            use chrono::Datelike;
            let because = match rule.evaluated_day(&self.calendar, e.at) {
                Some(d) => Matched::Birthday {
                    on_month: d.month(),
                    on_day: d.day(),
                },
                None if rule.incremental => Matched::NotInHistory,
                None => Matched::InBase,
            };
            return TargetingReason::Targeted {
                broadlog_row: row as u32,
                status: reason.status(),
                row_reason: (reason != Reason::Sent).then_some(reason),
                because,
            };
        }
        // The last time this workflow's query returned it before this execution.
        let last = if rule.incremental {
            self.executions
                .get(..execution)
                .unwrap_or(&[])
                .iter()
                .rev()
                .filter(|x| x.workflow == e.workflow)
                .find(|x| {
                    self.broadlog
                        .recipient
                        .get(x.rows())
                        .is_some_and(|rs| rs.contains(&i))
                })
                .map(|x| x.at)
        } else {
            None
        };
        match rule.excludes(&self.population, &self.calendar, i, e.at, last) {
            Some(Exclusion::NotYetInBase { created }) => TargetingReason::NotYetInBase { created },
            Some(Exclusion::NoBirthday) => TargetingReason::NoBirthday,
            Some(Exclusion::BirthdayMismatch { month, day }) => {
                use chrono::Datelike;
                let on = rule
                    .evaluated_day(&self.calendar, e.at)
                    .unwrap_or_else(|| self.calendar.local_date(e.at));
                TargetingReason::BirthdayMismatch {
                    month,
                    day,
                    on_month: on.month(),
                    on_day: on.day(),
                }
            }
            Some(Exclusion::InHistory { since, until }) => {
                TargetingReason::InHistory { since, until }
            }
            // Not reachable with a consistent outcome: the query would have returned it.
            None => TargetingReason::UnknownExecution,
        }
    }

    /// Why broadLog row `row` has its reason (`None` past the end): the precedence
    /// step that decided, with what it read; for a row excluded by arbitration, the
    /// messages that filled the recipient's quota.
    pub fn row_why(&self, row: usize) -> Option<RowWhy> {
        let i = self.broadlog.recipient_of(row)?;
        let reason = self.broadlog.reason_of(row)?;
        let execution = self.broadlog.execution_of(row)? as usize;
        let at = self.executions.get(execution)?.at;
        let iu = i as usize;
        let turn = |x: &ExecutionRecord| {
            let priority = self
                .workflows
                .get(usize::from(x.workflow))
                .map_or(0, |w| w.priority);
            Turn::new(x.at, priority, x.workflow)
        };
        let row_turn = turn(self.executions.get(execution)?);
        // The recipient's earlier sent rows of counted workflows, latest first.
        let mut counted = self
            .executions
            .get(..=execution)
            .unwrap_or(&[])
            .iter()
            .enumerate()
            .rev()
            .filter(|(_, x)| self.counted(x.workflow))
            .flat_map(move |(k, x)| {
                let rows = x.rows_start as usize..(x.rows_end as usize).min(row);
                rows.rev()
                    .filter(move |r| {
                        self.broadlog.recipient_of(*r) == Some(i)
                            && self.broadlog.reason_of(*r) == Some(Reason::Sent)
                    })
                    .map(move |_| Counted {
                        workflow: x.workflow,
                        execution: k as u32,
                        at: x.at,
                        before: RanBefore::between(turn(x), row_turn),
                    })
            });
        Some(send::explain(RowFacts {
            reason,
            at,
            denylisted_at: self.denylisted_at.get(iu).copied().unwrap_or(NEVER),
            quarantined_at: self.quarantined_at.get(iu).copied().unwrap_or(NEVER),
            hard_in_base: self.population.hard_bounce(i),
            pressure: self.pressure,
            counted_before: &mut counted,
        }))
    }

    /// Does the pressure rule count (and apply to) the messages of workflow `w`?
    /// Marketing workflows' only, when the document has a pressure rule.
    pub fn counted(&self, w: u16) -> bool {
        self.pressure.is_some()
            && self
                .workflows
                .get(usize::from(w))
                .is_some_and(|r| r.typology == Typology::Marketing)
    }

    /// The messages that filled the recipient's quota when broadLog row `row` was
    /// excluded by arbitration (oldest first; empty for any other row): the
    /// workflow, execution and instant of each, for "2 marketing emails in the last
    /// 7 days: Newsletter Mon 09:00, Birthday Tue 09:00".
    pub fn arbitration(&self, row: usize) -> Vec<Counted> {
        match self.row_why(row) {
            Some(RowWhy::ExcludedByArbitration { messages, .. }) => messages,
            _ => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::activity::scheduler::RanBefore;
    use crate::engine::{doc, sim};

    fn run(text: &str) -> Outcome {
        sim::simulate(&doc::parse(text).unwrap()).unwrap()
    }

    /// The several-workflows example: recipient 58's row of the monthly promotion on
    /// Monday 2 March 09:00 (execution 134 on the page, index 133) is excluded by
    /// arbitration; the two messages that filled its quota of 2 a week were sent at
    /// that same instant, by workflows of a higher priority.
    #[test]
    fn an_exclusion_names_the_quota_the_messages_and_why_they_ran_first() {
        let o = run(include_str!(
            "../../../tests/contract/scenarios/several-workflows-one-base.json"
        ));
        let TargetingReason::Targeted {
            broadlog_row,
            row_reason,
            ..
        } = o.why_not_targeted(58, 133)
        else {
            panic!("recipient 58 is targeted at execution 133");
        };
        assert_eq!(row_reason, Some(Reason::ExcludedByArbitration));
        let at = o.executions()[133].at;
        assert_eq!(o.calendar().rfc3339(at), "2026-03-02T09:00:00+01:00");
        assert_eq!(o.executions()[133].workflow, 3);
        assert_eq!(
            o.row_why(broadlog_row as usize),
            Some(RowWhy::ExcludedByArbitration {
                max: 2,
                period_days: 7,
                messages: vec![
                    Counted {
                        workflow: 1,
                        execution: 131,
                        at,
                        before: Some(RanBefore::HigherPriority {
                            priority: 10,
                            over: -1
                        }),
                    },
                    Counted {
                        workflow: 0,
                        execution: 132,
                        at,
                        before: Some(RanBefore::HigherPriority {
                            priority: 0,
                            over: -1
                        }),
                    },
                ],
            })
        );
        // Every exclusion of the year: a message at the row's instant says why it ran
        // first, one at an earlier instant does not need to.
        for r in 0..o.broadlog().len() {
            let Some(RowWhy::ExcludedByArbitration { messages, .. }) = o.row_why(r) else {
                continue;
            };
            let row = o.broadlog().row(r).unwrap();
            let mine = &o.workflows()[usize::from(o.executions()[row.execution as usize].workflow)];
            for m in messages {
                assert_eq!(m.before.is_some(), m.at == row.at, "row {r}");
                if let Some(RanBefore::HigherPriority { priority, over }) = m.before {
                    assert_eq!(priority, o.workflows()[usize::from(m.workflow)].priority);
                    assert_eq!(over, mine.priority);
                }
            }
        }
    }

    #[test]
    fn at_one_priority_the_earlier_workflow_or_execution_ran_first() {
        let o = run(r#"{"recipients":[{"id":1,"email":"a@x.test"}],
            "pressure":{"max_messages":1,"period_days":7},
            "workflows":[{"scheduler":{"frequency":"once","at":"2026-01-05T09:00"}},
                         {"scheduler":{"frequency":"once","at":"2026-01-05T09:00"}}]}"#);
        let messages = o.arbitration(1);
        assert_eq!(messages.len(), 1);
        assert_eq!(
            messages[0].before,
            Some(RanBefore::EarlierInDocument {
                priority: 0,
                position: 0,
                over: 1
            })
        );
        // A catch-up and the day's own slot at one instant: the catch-up ran first.
        let o = run(r#"{"recipients":[{"id":1,"email":"a@x.test"}],
            "pressure":{"max_messages":1,"period_days":1},
            "outages":[{"from":"2026-03-02T00:00","to":"2026-03-04T09:00"}],
            "workflow":{"scheduler":{"frequency":"daily","times":["09:00"]}}}"#);
        let (k, e) = o
            .executions()
            .iter()
            .enumerate()
            .find(|(_, e)| e.caught_up)
            .unwrap();
        let planned = &o.executions()[k + 1];
        assert_eq!((planned.at, planned.caught_up), (e.at, false));
        let messages = o.arbitration(planned.rows().start);
        assert_eq!(messages.len(), 1);
        assert_eq!(messages[0].execution, k as u32);
        assert_eq!(messages[0].before, Some(RanBefore::SameWorkflow));
    }
}
