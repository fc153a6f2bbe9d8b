//! The workflow canvas as the engine knows it: the nodes a workflow's list of
//! activities gives (Start, the Scheduler, its activities in list order, End: as the
//! platform draws a targeting workflow), the transitions between them, and at one
//! execution which nodes ran and what each transition carried.

use super::outcome::Outcome;
use crate::engine::calendar::Instant;
use crate::engine::record::journal::Activity;
use serde::Serialize;

/// One node of the canvas.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Node {
    /// Which activity (a query says whether it is incremental).
    pub activity: Activity,
    /// It ran at the execution shown.
    pub ran: bool,
}

/// The transition from one node to the next.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Edge {
    /// What it carried at the execution shown ("574 – Ok"); `None` when the node it
    /// leaves did not run, and for Start → Scheduler, which carries no count.
    pub count: Option<u32>,
}

/// A workflow's canvas: `edges[k]` joins `nodes[k]` to `nodes[k + 1]`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagram {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

impl Outcome {
    /// The canvas of workflow `workflow` at one of its executions (an index in
    /// [`executions`](Outcome::executions)); `None`, or an execution of another
    /// workflow: the workflow before it ran (no node ran, no transition carried
    /// anything).
    ///
    /// ```
    /// use campaign_sim::engine::{doc, sim};
    /// use campaign_sim::engine::record::journal::Activity;
    /// let s = doc::parse(r#"{"recipients":[{"id":1,"email":"a@x.test"}],
    ///   "workflow":{"scheduler":{"frequency":"weekly","days":["mon"],"times":["09:00"]},
    ///               "query":{"incremental":true}}}"#).unwrap();
    /// let o = sim::simulate(&s).unwrap();
    /// let first = o.diagram(0, Some(0));
    /// let kinds: Vec<Activity> = first.nodes.iter().map(|n| n.activity).collect();
    /// assert_eq!(kinds, [Activity::Start, Activity::Scheduler, Activity::IncrementalQuery,
    ///                    Activity::Delivery, Activity::End]);
    /// let counts: Vec<Option<u32>> = first.edges.iter().map(|e| e.count).collect();
    /// assert_eq!(counts, [None, Some(1), Some(1), Some(1)]);
    /// // The next Monday the incremental query returns nobody: the delivery does not run.
    /// let second = o.diagram(0, Some(1));
    /// assert!(!second.nodes[3].ran && !second.nodes[4].ran);
    /// assert_eq!(second.edges[2].count, Some(0));
    /// ```
    pub fn diagram(&self, workflow: usize, execution: Option<usize>) -> Diagram {
        let activities = self
            .workflows
            .get(workflow)
            .map_or(&[][..], |w| w.activities.as_slice());
        let shown = execution.filter(|k| {
            self.executions
                .get(*k)
                .is_some_and(|e| usize::from(e.workflow) == workflow)
        });
        let carried = shown.map_or(&[][..], |k| self.carried_at(k));
        let fired = shown.is_some();
        let mut nodes = vec![
            Node {
                activity: Activity::Start,
                ran: fired,
            },
            Node {
                activity: Activity::Scheduler,
                ran: fired,
            },
        ];
        let mut edges = vec![
            Edge { count: None },
            Edge {
                count: fired.then_some(1),
            },
        ];
        for (k, activity) in activities.iter().enumerate() {
            let count = carried.get(k).copied();
            nodes.push(Node {
                activity: *activity,
                ran: count.is_some(),
            });
            edges.push(Edge { count });
        }
        nodes.push(Node {
            activity: Activity::End,
            ran: fired && carried.len() == activities.len(),
        });
        Diagram { nodes, edges }
    }

    /// What each activity that ran at execution `k` handed on, in list order.
    fn carried_at(&self, k: usize) -> &[u32] {
        let start = k
            .checked_sub(1)
            .and_then(|p| self.carried_end.get(p))
            .map_or(0, |s| *s as usize);
        let end = self.carried_end.get(k).map_or(start, |e| *e as usize);
        self.carried.get(start..end).unwrap_or(&[])
    }

    /// Workflow `workflow`'s latest execution at or before `as_of` (an index in
    /// [`executions`](Outcome::executions)), the one its canvas shows then.
    pub fn last_execution_of(&self, workflow: usize, as_of: Instant) -> Option<usize> {
        let done = self.executions_until(as_of);
        self.executions
            .get(..done)
            .unwrap_or(&[])
            .iter()
            .rposition(|e| usize::from(e.workflow) == workflow)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{doc, sim};

    fn outcome(text: &str) -> Outcome {
        sim::simulate(&doc::parse(text).unwrap()).unwrap()
    }

    /// Every execution's diagram says what the transitions carried (the counts the
    /// canvas showed from the execution records) and names the query as its workflow
    /// declares it.
    #[test]
    fn the_diagram_carries_each_execution_counts() {
        let several =
            include_str!("../../../tests/contract/scenarios/several-workflows-one-base.json");
        let welcome =
            include_str!("../../../tests/contract/scenarios/welcome-continuous-incremental.json");
        for o in [outcome(several), outcome(welcome)] {
            for (k, e) in o.executions().iter().enumerate() {
                let w = usize::from(e.workflow);
                let d = o.diagram(w, Some(k));
                let t = o.transitions(k);
                let ran: Vec<bool> = d.nodes.iter().map(|n| n.ran).collect();
                let delivered = t.delivery_ran;
                assert_eq!(ran, [true, true, true, delivered, delivered]);
                let counts: Vec<Option<u32>> = d.edges.iter().map(|e| e.count).collect();
                let sent = delivered.then_some(t.delivery_to_end);
                assert_eq!(
                    counts,
                    [
                        None,
                        Some(t.scheduler_to_query),
                        Some(t.query_to_delivery),
                        sent
                    ]
                );
                let query = if o.workflows()[w].query.incremental {
                    Activity::IncrementalQuery
                } else {
                    Activity::Query
                };
                assert_eq!(d.nodes[2].activity, query);
                // Another workflow's execution shows this one before it ran.
                let other = o.diagram((w + 1) % o.workflows().len(), Some(k));
                if o.workflows().len() > 1 {
                    assert!(other.nodes.iter().all(|n| !n.ran));
                    assert!(other.edges.iter().all(|e| e.count.is_none()));
                }
            }
            let none = o.diagram(0, None);
            assert_eq!(none.nodes.len(), 5);
            assert_eq!(none.edges.len(), 4);
            assert!(none.nodes.iter().all(|n| !n.ran));
        }
    }

    #[test]
    fn the_latest_execution_of_a_workflow_is_the_one_shown() {
        let o = outcome(include_str!(
            "../../../tests/contract/scenarios/several-workflows-one-base.json"
        ));
        let end = o.calendar().horizon_end;
        for w in 0..o.workflows().len() {
            let last = o.last_execution_of(w, end).unwrap();
            assert_eq!(usize::from(o.executions()[last].workflow), w);
            assert!(o.executions()[last + 1..]
                .iter()
                .all(|e| usize::from(e.workflow) != w));
        }
        assert_eq!(o.last_execution_of(0, o.calendar().horizon_start - 1), None);
    }
}
