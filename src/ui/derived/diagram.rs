//! The workflow canvas and its journal as the page shows them: one diagram per
//! workflow (the nodes and transitions its activity list gives, with what each
//! transition carried at the workflow's latest execution up to the clock), and the
//! journal's last lines up to the clock.

use crate::engine::doc::{Mode, Typology};
use crate::engine::out::journal::{Activity, JournalEntry};
use crate::engine::out::outcome::Outcome;
use crate::ui::format;
use crate::ui::i18n::{activity, count, fill, journal, tr, Lang, K};
use crate::ui::model::Sim;

/// Journal lines shown (the last ones up to the clock, oldest first, so the clock's
/// execution is the last line): a short window the page scrolls past, rather than an
/// inner scroll box that would catch the mouse wheel.
pub const JOURNAL_LINES: usize = 14;

/// One node of a diagram.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    pub name: String,
    /// It ran at the execution shown.
    pub ran: bool,
}

/// One workflow's diagram.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagram {
    pub index: usize,
    /// "Newsletter · priority 0 · marketing · 52 executions" (several workflows only).
    pub title: Option<String>,
    pub nodes: Vec<Node>,
    /// What each transition carried ("574 – Ok"), between consecutive nodes; "" when
    /// nothing went through.
    pub edges: Vec<String>,
    /// "Current execution 5 / 52 — Mon 2 Feb 2026 09:00 (caught up …)".
    pub info: String,
    pub incremental: bool,
}

/// The diagrams of the workflows shown (`shown`: one, or all), each at its latest
/// execution at or before `t`: the nodes and transitions of the workflow's own
/// activity list, as the engine gives them ([`Outcome::diagram`]).
pub fn diagrams(sim: &Sim, o: &Outcome, shown: Option<usize>, t: i64, lang: Lang) -> Vec<Diagram> {
    sim.scenario
        .workflows()
        .iter()
        .filter(|w| shown.is_none_or(|s| s == w.index))
        .map(|w| {
            let k = w.index;
            let current = o.last_execution_of(k, t);
            let drawn = o.diagram(k, current);
            let mode = match o.workflows().get(k).map_or(Mode::Recurring, |r| r.mode) {
                Mode::Recurring => tr(lang, K::Recurring),
                Mode::Continuous => tr(lang, K::Continuous),
            };
            let nodes = drawn
                .nodes
                .iter()
                .map(|n| Node {
                    name: match n.activity {
                        Activity::Delivery => {
                            format!("{} ({})", activity(lang, n.activity), mode.to_lowercase())
                        }
                        a => activity(lang, a).to_string(),
                    },
                    ran: n.ran,
                })
                .collect();
            let ok = |n: u32| format!("{} – Ok", format::int(lang, u64::from(n)));
            Diagram {
                index: k,
                title: sim.several().then(|| title(o, w, lang)),
                nodes,
                edges: drawn
                    .edges
                    .iter()
                    .map(|e| e.count.map(ok).unwrap_or_default())
                    .collect(),
                info: current_info(sim, o, current, lang),
                incremental: w.query.incremental,
            }
        })
        .collect()
}

/// "Newsletter · priority 0 · marketing · 52 executions".
fn title(o: &Outcome, w: &crate::engine::doc::WorkflowDoc<'_>, lang: Lang) -> String {
    let runs = o
        .executions()
        .iter()
        .filter(|e| usize::from(e.workflow) == w.index)
        .count() as u64;
    let typology = match w.typology {
        Typology::Marketing => tr(lang, K::Marketing),
        Typology::Transactional => tr(lang, K::Transactional),
    };
    fill(
        tr(lang, K::WorkflowTitle),
        &[
            ("name", &w.name),
            ("priority", &w.priority.to_string()),
            ("typology", typology),
            (
                "runs",
                &count(lang, runs, K::ExecutionOne, K::ExecutionMany),
            ),
        ],
    )
}

/// "Current execution 5 / 52 — Mon 2 Feb 2026 09:00", and the slot a caught-up run
/// stands for; "No execution yet" before the first.
fn current_info(sim: &Sim, o: &Outcome, current: Option<usize>, lang: Lang) -> String {
    let Some((i, e)) = current.and_then(|i| o.executions().get(i).map(|e| (i, e))) else {
        return tr(lang, K::NoExecutionYet).to_string();
    };
    let mut info = format!(
        "{} {} / {} — {}",
        tr(lang, K::CurrentExecution),
        i + 1,
        o.executions().len(),
        format::date_time(lang, sim.cal.local(e.at))
    );
    if e.caught_up {
        info.push(' ');
        let slot = format::date_time(lang, sim.cal.local(e.scheduled));
        info.push_str(&fill(tr(lang, K::CaughtUpFor), &[("slot", &slot)]));
    }
    info
}

/// One journal line as the page shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JournalLine {
    /// The workflow's name, when there are several.
    pub workflow: Option<String>,
    pub instant: i64,
    pub at: String,
    /// The UTC offset then ("UTC+02:00"): around a DST change it tells which 02:30 ran.
    pub offset: String,
    pub activity: &'static str,
    pub text: String,
    pub execution: Option<usize>,
}

/// The journal up to `t`, oldest first: the last [`JOURNAL_LINES`] lines of the
/// workflow shown (or all), so the clock's execution is at the bottom.
pub fn journal_lines(
    sim: &Sim,
    o: &Outcome,
    shown: Option<usize>,
    t: i64,
    lang: Lang,
) -> Vec<JournalLine> {
    let mut lines: Vec<_> = o
        .journal_until(t)
        .iter()
        .rev()
        .filter(|j| shown.is_none_or(|w| usize::from(j.workflow) == w))
        .take(JOURNAL_LINES)
        .collect();
    lines.reverse();
    let names = sim.several().then(|| sim.workflow_names());
    lines
        .into_iter()
        .map(|j| journal_line(sim, names.as_deref(), j, lang))
        .collect()
}

/// The first `max` lines of the journal that `keep` keeps (of the workflow shown, or
/// all), oldest first: one execution's, one day's, one instant's.
pub fn journal_lines_where(
    sim: &Sim,
    o: &Outcome,
    shown: Option<usize>,
    lang: Lang,
    max: usize,
    keep: impl Fn(&JournalEntry) -> bool,
) -> Vec<JournalLine> {
    let names = sim.several().then(|| sim.workflow_names());
    o.journal()
        .iter()
        .filter(|j| shown.is_none_or(|w| usize::from(j.workflow) == w) && keep(j))
        .take(max)
        .map(|j| journal_line(sim, names.as_deref(), j, lang))
        .collect()
}

/// A journal entry as the page shows it (its workflow named when there are several).
fn journal_line(sim: &Sim, names: Option<&[String]>, j: &JournalEntry, lang: Lang) -> JournalLine {
    let cal = sim.cal;
    let when = |at: i64| format::date_time(lang, cal.local(at));
    JournalLine {
        workflow: names.and_then(|n| n.get(usize::from(j.workflow)).cloned()),
        instant: j.at,
        at: format::short(lang, cal.local(j.at)),
        offset: format::utc_offset(cal.offset_seconds(j.at)),
        activity: activity(lang, j.activity),
        text: journal(lang, &j.message, j.count, when),
        execution: j.execution.map(|e| e as usize),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::model::tests::sim;

    #[test]
    fn a_diagram_draws_the_workflows_activities_with_their_counts() {
        let s = sim("welcome-continuous-incremental");
        let o = s.own_outcome().unwrap();
        let end = s.cal.horizon_end;
        let d = &diagrams(&s, o, None, end, Lang::En)[0];
        let names: Vec<&str> = d.nodes.iter().map(|n| n.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Start",
                "Scheduler",
                "Incremental query",
                "Delivery (continuous)",
                "End"
            ]
        );
        assert_eq!(d.edges.len(), 4);
        assert_eq!(d.edges[1], "1 – Ok");
        assert!(d.incremental && d.title.is_none());
        // Before the first execution nothing ran.
        let before = &diagrams(&s, o, None, s.cal.horizon_start - 1, Lang::En)[0];
        assert!(before.nodes.iter().all(|n| !n.ran) && before.edges.iter().all(String::is_empty));
        assert_eq!(before.info, tr(Lang::En, K::NoExecutionYet));
    }

    #[test]
    fn several_workflows_get_a_titled_diagram_each_and_named_journal_lines() {
        let s = sim("several-workflows-one-base");
        let o = s.own_outcome().unwrap();
        let t = s.cal.horizon_start + 40 * 86_400;
        let all = diagrams(&s, o, None, t, Lang::En);
        assert_eq!(all.len(), 4);
        assert!(all.iter().all(|d| d.title.is_some()));
        assert_eq!(diagrams(&s, o, Some(2), t, Lang::En).len(), 1);
        let lines = journal_lines(&s, o, None, t, Lang::En);
        assert_eq!(lines.len(), JOURNAL_LINES);
        assert!(lines.iter().all(|l| l.workflow.is_some()));
        assert!(
            lines.windows(2).all(|w| w[0].instant <= w[1].instant),
            "oldest first"
        );
        let one = journal_lines(&s, o, Some(1), t, Lang::En);
        assert!(one
            .iter()
            .all(|l| l.workflow.as_deref() == Some(s.workflow_names()[1].as_str())));
    }
}
