//! The delivery explorer as the page shows it: the deliveries created so far, a page
//! of them around the one in focus; a continuous (or aggregated) delivery's additions,
//! execution by execution; and the executions the send log's filter offers.

use std::ops::Range;

use super::rows::additions;
use crate::engine::out::outcome::{DeliveryRecord, Outcome};
use crate::ui::format;
use crate::ui::i18n::{count, fill, tr, Lang, K};
use crate::ui::window::page_around;

/// Deliveries listed at once (a page, oldest first); a periodic schedule can create
/// thousands, and a short page needs no inner scroll box to catch the mouse wheel.
pub const DELIVERY_PAGE: usize = 12;
/// Executions the execution filter offers at most (the latest up to the clock).
pub const MAX_LISTED: usize = 400;
/// Additions listed at most until "show all" (the latest up to the clock).
pub const ADDITIONS_SHOWN: usize = 8;

/// One line of the delivery list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeliveryItem {
    pub id: u32,
    /// "#3 Weekly newsletter – 2026-01-19".
    pub title: String,
    /// "Mon 19 Jan 2026 09:00 · 1 execution · 40 rows · Content version v1".
    pub detail: String,
    /// A continuous delivery started after a content change.
    pub fork: bool,
}

/// A page of the delivery list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DeliveryList {
    pub items: Vec<DeliveryItem>,
    /// Which of the deliveries shown are on this page.
    pub page: Range<usize>,
    /// Deliveries created so far (of the workflow shown).
    pub total: usize,
}

/// The deliveries created by `t` (of workflow `wf`, or all), a page of them around
/// `selected` (or the newest), moved by `shift` pages.
pub fn delivery_list(
    o: &Outcome,
    t: i64,
    wf: Option<usize>,
    (selected, shift): (Option<u32>, i64),
    lang: Lang,
) -> DeliveryList {
    let cal = o.calendar();
    let created = &o.deliveries()[..o.deliveries().partition_point(|d| d.created <= t)];
    let shown: Vec<&DeliveryRecord> = created
        .iter()
        .filter(|d| wf.is_none_or(|w| usize::from(d.workflow) == w))
        .collect();
    let total = shown.len();
    let anchor = selected
        .and_then(|id| shown.iter().position(|d| d.id == id))
        .unwrap_or(total.saturating_sub(1));
    let page = page_around(total, anchor, DELIVERY_PAGE, shift);
    let items = shown[page.clone()]
        .iter()
        .map(|d| {
            let adds = additions(o, d.id, t);
            let rows: usize = adds.iter().map(|a| a.1).sum();
            DeliveryItem {
                id: d.id,
                title: format!("#{} {}", d.id, d.label),
                detail: format!(
                    "{} · {} · {} · {} v{}",
                    format::date_time(lang, cal.local(d.created)),
                    count(lang, adds.len() as u64, K::ExecutionOne, K::ExecutionMany),
                    count(lang, rows as u64, K::RowOne, K::RowMany),
                    tr(lang, K::ContentVersion),
                    d.content_version,
                ),
                // A continuous delivery a content change started (the engine says so).
                fork: d.replaces.is_some(),
            }
        })
        .collect();
    DeliveryList { items, page, total }
}

/// One addition: the execution that appended rows, and its line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Addition {
    pub execution: usize,
    /// "#4 26 Jan 09:00: +40 rows".
    pub text: String,
}

/// A delivery's additions as of the clock (shown when it has at least two).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Additions {
    /// "52 executions appended 2,080 rows".
    pub caption: String,
    /// "The latest 8 of 16." when the list is cut.
    pub cut: Option<String>,
    /// The number of the first line shown (from 1).
    pub first: usize,
    pub items: Vec<Addition>,
}

/// Delivery `id`'s additions up to `t`, the latest [`ADDITIONS_SHOWN`] unless `all`.
pub fn additions_of(o: &Outcome, id: u32, t: i64, all: bool, lang: Lang) -> Option<Additions> {
    let adds = additions(o, id, t);
    if adds.len() < 2 {
        return None;
    }
    let cal = o.calendar();
    let total = adds.len();
    let rows: u64 = adds.iter().map(|a| a.1 as u64).sum();
    let caption = fill(
        tr(lang, K::AdditionsCaption),
        &[
            (
                "runs",
                &count(lang, total as u64, K::ExecutionOne, K::ExecutionMany),
            ),
            ("rows", &count(lang, rows, K::RowOne, K::RowMany)),
        ],
    );
    let from = if all {
        0
    } else {
        total.saturating_sub(ADDITIONS_SHOWN)
    };
    let cut = (from > 0).then(|| {
        fill(
            tr(lang, K::AdditionsLatest),
            &[
                ("shown", &(total - from).to_string()),
                ("total", &total.to_string()),
            ],
        )
    });
    let items = adds[from..]
        .iter()
        .map(|&(e, n)| {
            let at = o.executions().get(e).map_or(0, |x| x.at);
            Addition {
                execution: e,
                text: fill(
                    tr(lang, K::AdditionLine),
                    &[
                        ("n", &(e + 1).to_string()),
                        ("at", &format::short(lang, cal.local(at))),
                        ("rows", &count(lang, n as u64, K::RowOne, K::RowMany)),
                    ],
                ),
            }
        })
        .collect();
    Some(Additions {
        caption,
        cut,
        first: from + 1,
        items,
    })
}

/// The executions the execution filter offers: the selected delivery's (or all) of
/// the workflow shown, up to `t`, the latest [`MAX_LISTED`]; the execution in focus is
/// always one of them (a list redrawn after the select's value was set must not fall
/// back to its first option).
pub fn execution_options(
    o: &Outcome,
    (delivery, wf): (Option<u32>, Option<usize>),
    t: i64,
    focus: Option<usize>,
    lang: Lang,
) -> Vec<(usize, String)> {
    let cal = o.calendar();
    let done = o.executions_until(t);
    let mut out: Vec<(usize, String)> = o.executions()[..done]
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            (delivery.is_none() || e.delivery == delivery)
                && wf.is_none_or(|w| usize::from(e.workflow) == w)
        })
        .rev()
        .take(MAX_LISTED)
        .map(|(i, e)| {
            let rows = count(lang, e.rows().len() as u64, K::RowOne, K::RowMany);
            (
                i,
                format!(
                    "#{} {} ({rows})",
                    i + 1,
                    format::short(lang, cal.local(e.at))
                ),
            )
        })
        .collect();
    out.reverse();
    if let Some(e) = focus.filter(|e| !out.iter().any(|(i, _)| i == e)) {
        out.push((e, format!("#{}", e + 1)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::model::tests::sim;

    #[test]
    fn the_list_is_a_page_around_the_selected_delivery() {
        let s = sim("weekly-newsletter-recurring");
        let o = &s.columns[0].outcome;
        let end = s.cal.horizon_end;
        let newest = delivery_list(o, end, None, (None, 0), Lang::En);
        assert_eq!((newest.total, newest.page.clone()), (52, 40..52));
        assert_eq!(
            newest.items.last().unwrap().title,
            "#52 Weekly newsletter – 2026-12-28"
        );
        let around = delivery_list(o, end, None, (Some(10), 0), Lang::En);
        assert!(around.page.contains(&9));
        assert_eq!(
            delivery_list(o, end, None, (Some(10), -1), Lang::En).page,
            0..12
        );
        assert!(newest.items.iter().all(|i| !i.fork));
        assert!(
            newest.items[0].detail.contains("1 execution · 40 rows"),
            "{}",
            newest.items[0].detail
        );
    }

    #[test]
    fn a_continuous_delivery_after_a_content_change_is_a_fork() {
        let s = sim("welcome-continuous-incremental");
        let o = &s.columns[1].outcome;
        let list = delivery_list(o, s.cal.horizon_end, None, (None, 0), Lang::En);
        assert_eq!(
            list.items.iter().map(|i| i.fork).collect::<Vec<_>>(),
            [false, true]
        );
    }

    #[test]
    fn additions_are_cut_to_the_latest_with_their_numbers() {
        let s = sim("weekly-newsletter-recurring");
        let o = &s.columns[1].outcome;
        let end = s.cal.horizon_end;
        let a = additions_of(o, 1, end, false, Lang::En).unwrap();
        assert!(
            a.caption.starts_with("52 executions appended 2,080 rows"),
            "{}",
            a.caption
        );
        assert_eq!((a.first, a.items.len()), (45, 8));
        assert!(a.cut.unwrap().contains("8 of 52"));
        assert_eq!(a.items[0].text, "#45 9 Nov 09:00: +40 rows");
        assert_eq!(
            additions_of(o, 1, end, true, Lang::En).unwrap().items.len(),
            52
        );
        assert_eq!(
            additions_of(&s.columns[0].outcome, 1, end, false, Lang::En),
            None
        );
    }

    #[test]
    fn the_execution_filter_offers_the_focused_execution_too() {
        let s = sim("weekly-newsletter-recurring");
        let o = &s.columns[0].outcome;
        let end = s.cal.horizon_end;
        let all = execution_options(o, (None, None), end, None, Lang::En);
        assert_eq!(all.len(), 52);
        assert_eq!(all[0].1, "#1 5 Jan 09:00 (40 rows)");
        let one = execution_options(o, (Some(3), None), end, Some(9), Lang::En);
        assert_eq!(one.iter().map(|o| o.0).collect::<Vec<_>>(), [2, 9]);
    }
}
