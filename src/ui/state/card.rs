//! The card a click that moved the view shows next to itself: what it landed on (an
//! execution's journal lines, a day's, the trace's sentence for a send-log row, the
//! journal at an edit's instant) and the panels that show the rest.

use chrono::NaiveDate;

use crate::engine::out::outcome::Outcome;
use crate::ui::derived::diagram::{journal_lines_where, JournalLine};
use crate::ui::derived::trace;
use crate::ui::format;
use crate::ui::i18n::{fill, tr, Lang, K};
use crate::ui::model::Sim;
use crate::ui::nav;
use crate::ui::state::landing::Landed;
use crate::ui::state::layout::Panel;

/// Journal lines a card lists at most (four workflows' runs of one day fit).
pub const CARD_LINES: usize = 16;

/// What the card shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Card {
    pub title: String,
    /// The journal lines of what it landed on, oldest first.
    pub lines: Vec<JournalLine>,
    /// A sentence of its own (the trace's, or why a day has no lines).
    pub sentence: Option<String>,
    /// The panels that show the rest, in the page's order.
    pub links: Vec<Panel>,
}

/// The card of `landed` in outcome `o` (the explorer's mode), for the workflow shown
/// (`None`: all). A day without a run says where the clock went: to the last one
/// before it (the jump's own [`nav::on_date`]). `None` when it names nothing of this
/// year.
pub fn card(
    sim: &Sim,
    o: &Outcome,
    landed: Landed,
    shown: Option<usize>,
    lang: Lang,
) -> Option<Card> {
    let cal = sim.cal;
    let at = |e: usize| {
        Some(format::date_time(
            lang,
            cal.local(o.executions().get(e)?.at),
        ))
    };
    let lines = |keep: &dyn Fn(&crate::engine::out::journal::JournalEntry) -> bool| {
        journal_lines_where(sim, o, shown, lang, CARD_LINES, keep)
    };
    let execution_links = vec![Panel::Workflow, Panel::Explorer, Panel::Trace];
    match landed {
        Landed::Execution(e) => Some(Card {
            title: fill(
                tr(lang, K::LandExecution),
                &[("n", &(e + 1).to_string()), ("at", &at(e)?)],
            ),
            lines: lines(&|j| j.execution == Some(e as u32)),
            sentence: None,
            links: execution_links,
        }),
        Landed::Day(day) => Some(day_card(sim, o, day, shown, lang)),
        Landed::Row {
            recipient,
            execution,
        } => {
            let (n, when, sentence) = trace::why(sim, o, recipient, execution, lang)?;
            Some(Card {
                title: fill(
                    tr(lang, K::LandRow),
                    &[
                        ("id", &recipient.to_string()),
                        ("n", &n.to_string()),
                        ("at", &when),
                    ],
                ),
                lines: Vec::new(),
                sentence: Some(sentence),
                links: vec![Panel::Trace],
            })
        }
        Landed::Instant(t) => Some(Card {
            title: format::date_time(lang, cal.local(t)),
            lines: lines(&|j| j.at == t),
            sentence: None,
            links: vec![Panel::Workflow],
        }),
    }
}

/// What a day without a run says: where the clock went instead (`last`, the execution
/// before it that [`nav::on_date`] found), or that it did not move.
pub fn no_run(o: &Outcome, last: Option<usize>, lang: Lang) -> String {
    let mut s = tr(lang, K::LandNoRun).to_string();
    s.push(' ');
    let last = last.and_then(|e| Some((e, o.executions().get(e)?.at)));
    match last {
        Some((e, t)) => s.push_str(&fill(
            tr(lang, K::LandLastBefore),
            &[
                ("n", &(e + 1).to_string()),
                ("at", &format::date_time(lang, o.calendar().local(t))),
            ],
        )),
        None => s.push_str(tr(lang, K::LandNothingBefore)),
    }
    s
}

/// A day's card: its journal lines, or (no run that day) where the jump went.
fn day_card(sim: &Sim, o: &Outcome, day: NaiveDate, shown: Option<usize>, lang: Lang) -> Card {
    let cal = sim.cal;
    let jumped = nav::on_date(o, day);
    let lines = journal_lines_where(sim, o, shown, lang, CARD_LINES, |j| {
        cal.local_date(j.at) == day
    });
    let sentence = lines.is_empty().then(|| no_run(o, jumped, lang));
    let links = if jumped.is_some() {
        vec![Panel::Workflow, Panel::Explorer, Panel::Trace]
    } else {
        vec![Panel::Workflow]
    };
    Card {
        title: format::date(lang, day),
        lines,
        sentence,
        links,
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::ui::model::tests::sim;

    fn day(m: u32, d: u32) -> Landed {
        Landed::Day(NaiveDate::from_ymd_opt(2026, m, d).unwrap())
    }

    #[test]
    fn an_executions_card_lists_its_journal_lines() {
        let s = sim("weekly-newsletter-recurring");
        let o = s.own_outcome().unwrap();
        let c = card(&s, o, Landed::Execution(10), None, Lang::En).unwrap();
        assert_eq!(c.title, "Execution #11, Mon 16 Mar 2026 09:00");
        assert!(!c.lines.is_empty());
        assert!(
            c.lines.iter().all(|l| l.execution == Some(10)),
            "{:?}",
            c.lines
        );
        assert!(
            c.lines.iter().any(|l| l.text.contains("40")),
            "its 40 recipients: {:?}",
            c.lines
        );
        assert_eq!(c.links, [Panel::Workflow, Panel::Explorer, Panel::Trace]);
        assert!(card(&s, o, Landed::Execution(999), None, Lang::En).is_none());
    }

    #[test]
    fn a_day_without_a_run_says_where_the_clock_went() {
        let s = sim("weekly-newsletter-recurring");
        let o = s.own_outcome().unwrap();
        // Tuesday 17 March: the newsletter runs on Mondays.
        let c = card(&s, o, day(3, 17), None, Lang::En).unwrap();
        assert_eq!(c.title, "Tue 17 Mar 2026");
        assert!(c.lines.is_empty());
        assert_eq!(
            c.sentence.as_deref(),
            Some("No execution that day. The clock went to the last one before it: #11, Mon 16 Mar 2026 09:00.")
        );
        let fr = card(&s, o, day(1, 3), None, Lang::Fr).unwrap();
        assert_eq!(
            fr.sentence.as_deref(),
            Some("Aucune exécution ce jour-là. Aucune avant non plus\u{a0}: l'horloge n'a pas bougé.")
        );
        assert_eq!(fr.links, [Panel::Workflow]);
        let monday = card(&s, o, day(3, 16), None, Lang::En).unwrap();
        assert!(monday.sentence.is_none() && !monday.lines.is_empty());
    }

    #[test]
    fn a_rows_card_is_the_traces_sentence() {
        let s = sim("several-workflows-one-base");
        let o = s.own_outcome().unwrap();
        let landed = Landed::Row {
            recipient: 58,
            execution: 133,
        };
        let c = card(&s, o, landed, None, Lang::En).unwrap();
        assert_eq!(
            c.title,
            "Recipient #58 at execution #134, Mon 2 Mar 2026 09:00"
        );
        let sentence = c.sentence.unwrap();
        assert!(sentence.contains("Excluded by arbitration"), "{sentence}");
        assert_eq!(c.links, [Panel::Trace]);
    }

    #[test]
    fn the_server_down_that_day_shows_in_its_card_once_simulated_again() {
        use crate::ui::state::document::Document;
        let mut d = Document::new("weekly-newsletter-recurring", None);
        let monday = NaiveDate::from_ymd_opt(2026, 3, 16).unwrap();
        assert!(d.add_outage(monday, 1));
        let s = Sim::new(d.draft().clone()).unwrap();
        let o = s.own_outcome().unwrap();
        let c = card(&s, o, Landed::Day(monday), None, Lang::En).unwrap();
        assert!(
            c.lines.iter().any(|l| l
                .text
                .starts_with("Server down / workflow paused until Tue 17 Mar 2026 00:00")),
            "{:?}",
            c.lines
        );
        let next = card(&s, o, day(3, 17), None, Lang::En).unwrap();
        assert!(
            next.lines.iter().any(|l| l.execution == Some(10)),
            "the missed run caught up the next day: {:?}",
            next.lines
        );
    }

    #[test]
    fn several_workflows_name_theirs_and_the_filter_keeps_one() {
        let s = sim("several-workflows-one-base");
        let o = s.own_outcome().unwrap();
        let all = card(&s, o, day(3, 2), None, Lang::En).unwrap();
        let names: std::collections::BTreeSet<_> = all
            .lines
            .iter()
            .filter_map(|l| l.workflow.clone())
            .collect();
        assert!(names.len() >= 3, "that Monday's runs: {names:?}");
        let one = card(&s, o, day(3, 2), Some(0), Lang::En).unwrap();
        assert!(one.lines.len() < all.lines.len());
    }
}
