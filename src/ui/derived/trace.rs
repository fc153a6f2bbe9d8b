//! The recipient trace as the page shows it: one recipient's year up to the clock, and
//! why an execution did or did not target them, both straight from the engine's
//! explanations.

use crate::engine::activity::send::RowWhy;
use crate::engine::out::outcome::Outcome;
use crate::engine::out::trace::{TargetingReason, TraceEvent};
use crate::ui::format;
use crate::ui::i18n::{targeting, trace_event, Lang};
use crate::ui::model::Sim;
use crate::ui::quiz::quota;

/// Events listed at most (a daily recipient of a year of tracked mail has many).
pub const MAX_EVENTS: usize = 400;

/// A recipient's events up to the clock.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Events {
    /// The recipient is in the base.
    pub found: bool,
    pub email: String,
    /// (when, what), oldest first.
    pub lines: Vec<(String, String)>,
}

/// The workflow an event belongs to (several workflows on one base).
fn workflow_of(o: &Outcome, e: &TraceEvent) -> Option<usize> {
    match *e {
        TraceEvent::Targeted { execution, .. } => o
            .executions()
            .get(execution as usize)
            .map(|x| usize::from(x.workflow)),
        TraceEvent::Tracked { delivery, .. } => delivery
            .checked_sub(1)
            .and_then(|d| o.deliveries().get(d as usize))
            .map(|d| usize::from(d.workflow)),
        _ => None,
    }
}

/// Recipient `id`'s events up to `t`, of the workflow shown (or all).
pub fn events(sim: &Sim, o: &Outcome, id: u64, t: i64, shown: Option<usize>, lang: Lang) -> Events {
    let tr = o.trace(id);
    let lines = tr
        .events
        .iter()
        .filter(|e| e.at() <= t)
        .filter(|e| shown.is_none_or(|w| workflow_of(o, e).is_none_or(|x| x == w)))
        .take(MAX_EVENTS)
        .map(|e| {
            (
                format::date_time(lang, sim.cal.local(e.at())),
                trace_event(lang, e),
            )
        })
        .collect();
    Events {
        found: tr.found,
        email: tr.email,
        lines,
    }
}

/// Why execution `e` did or did not target recipient `id`: (its number from 1, when it
/// ran, the sentence). Excluded by arbitration: the messages that filled the quota,
/// from the send log's own explanation.
pub fn why(
    sim: &Sim,
    o: &Outcome,
    id: u64,
    e: usize,
    lang: Lang,
) -> Option<(usize, String, String)> {
    let cal = sim.cal;
    let at = o.executions().get(e)?.at;
    let r = o.why_not_targeted(id, e);
    let mut text = targeting(lang, &r, |t| format::date_time(lang, cal.local(t)));
    // Excluded by arbitration: the messages that filled the quota, and why those of
    // the same instant counted first, from the send log's own explanation.
    if let TargetingReason::Targeted { broadlog_row, .. } = r {
        if let Some(RowWhy::ExcludedByArbitration {
            max,
            period_days,
            messages,
        }) = o.row_why(broadlog_row as usize)
        {
            text.push_str(". ");
            text.push_str(&quota(lang, max, period_days, &messages, o));
        }
    }
    Some((e + 1, format::date_time(lang, cal.local(at)), text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::model::tests::sim;

    #[test]
    fn a_recipients_year_and_why_an_execution_left_them_out() {
        let s = sim("birthday-daily-recurring");
        let o = s.own_outcome().unwrap();
        let end = s.cal.horizon_end;
        let ev = events(&s, o, 17, end, None, Lang::En);
        assert!(ev.found && !ev.email.is_empty());
        assert!(!ev.lines.is_empty());
        let before = events(&s, o, 17, s.cal.horizon_start - 1, None, Lang::En);
        assert!(
            before.lines.len() < ev.lines.len(),
            "the clock cuts the year"
        );
        let (n, _, text) = why(&s, o, 17, 0, Lang::En).unwrap();
        assert_eq!(n, 1);
        assert!(text.contains("birthday"), "{text}");
        assert_eq!(why(&s, o, 17, 99_999, Lang::En), None);
    }

    #[test]
    fn an_arbitration_exclusion_names_the_messages_that_filled_the_quota() {
        let s = sim("several-workflows-one-base");
        let o = s.own_outcome().unwrap();
        let (_, _, text) = why(&s, o, 58, 133, Lang::En).unwrap();
        assert!(text.contains("2 marketing emails"), "{text}");
        // The two sends of the same 09:00 counted first, by priority.
        assert!(
            text.contains("Birthday Mon 09:00 (ran first: priority 10 above -1)"),
            "{text}"
        );
        assert!(
            text.contains("Weekly newsletter Mon 09:00 (ran first: priority 0 above -1)"),
            "{text}"
        );
    }
}
