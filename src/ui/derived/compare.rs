//! The side-by-side comparison as the page shows it: one column per delivery mode
//! with its delivery count, the indicators table, and the sentences that say why.

use crate::engine::out::kpi::Rate;
use crate::engine::out::outcome::Snapshot;
use crate::engine::sim::Side;
use crate::ui::format;
use crate::ui::i18n::{count, fill, tr, Lang, K};
use crate::ui::model::Sim;

/// The label of a delivery mode.
pub fn side_label(s: Side) -> K {
    match s {
        Side::Recurring => K::Recurring,
        Side::Continuous => K::Continuous,
        Side::Aggregated => K::Aggregated,
    }
}

/// What a mode's column says under its count.
pub fn side_hint(s: Side) -> K {
    match s {
        Side::Recurring => K::HintRecurring,
        Side::Continuous => K::HintContinuous,
        Side::Aggregated => K::HintAggregated,
    }
}

/// One cell of the indicators table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KpiCell {
    pub text: String,
    /// Differs from the first mode's value (highlighted).
    pub differs: bool,
}

/// One row of the indicators table: its label and one cell per mode.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KpiRow {
    pub label: K,
    pub cells: Vec<KpiCell>,
}

/// A measure of a snapshot, as (comparison key, text).
type Measure = fn(&Snapshot, Lang) -> (u64, String);

fn n(v: u64, lang: Lang) -> (u64, String) {
    (v, format::int(lang, v))
}

fn rate(r: Rate, lang: Lang) -> (u64, String) {
    // Compare rates at 0.1 % resolution.
    let key = (r.numerator * 1000)
        .checked_div(r.denominator)
        .unwrap_or(u64::MAX);
    (key, format::pct(lang, r.numerator, r.denominator))
}

const ROWS: [(K, Measure); 6] = [
    (K::Deliveries, |s, l| n(s.deliveries as u64, l)),
    (K::BroadlogRows, |s, l| n(s.broadlog_rows as u64, l)),
    (K::Sent, |s, l| n(s.kpis.sent, l)),
    (K::Failed, |s, l| n(s.kpis.failed, l)),
    (K::Ignored, |s, l| n(s.kpis.ignored, l)),
    (K::TrackingRows, |s, l| n(s.tracking_rows as u64, l)),
];

const RATES: [(K, Measure); 2] = [
    (K::OpenRate, |s, l| rate(s.kpis.open_rate, l)),
    (K::ClickRate, |s, l| rate(s.kpis.click_rate, l)),
];

fn row(label: K, cols: &[(Side, Snapshot)], lang: Lang, get: Measure) -> KpiRow {
    let first = cols.first().map(|c| get(&c.1, lang).0);
    KpiRow {
        label,
        cells: cols
            .iter()
            .map(|(_, s)| {
                let (v, text) = get(s, lang);
                KpiCell {
                    text,
                    differs: first.is_some_and(|f| f != v),
                }
            })
            .collect(),
    }
}

/// The indicators table, one row per indicator. Without tracking there are no opens
/// or clicks to rate: the rate rows say so rather than 0 %.
pub fn kpi_rows(cols: &[(Side, Snapshot)], lang: Lang, tracking: bool) -> Vec<KpiRow> {
    let mut rows: Vec<KpiRow> = ROWS.iter().map(|(k, m)| row(*k, cols, lang, *m)).collect();
    for (k, m) in RATES {
        rows.push(if tracking {
            row(k, cols, lang, m)
        } else {
            KpiRow {
                label: k,
                cells: cols
                    .iter()
                    .map(|_| KpiCell {
                        text: tr(lang, K::NotTracked).to_string(),
                        differs: false,
                    })
                    .collect(),
            }
        });
    }
    rows.push(row(K::LogStorage, cols, lang, |s, l| {
        (s.log_bytes as u64, format::kilobytes(l, s.log_bytes as u64))
    }));
    rows
}

/// "Comparing the Newsletter's delivery modes; the 3 other workflows run unchanged."
/// (several workflows only).
pub fn comparing(sim: &Sim, lang: Lang) -> Option<String> {
    if !sim.several() {
        return None;
    }
    let names = sim.workflow_names();
    Some(fill(
        tr(lang, K::ComparingOne),
        &[
            ("name", names.get(sim.compared).map_or("", |n| n.as_str())),
            ("others", &(names.len() - 1).to_string()),
        ],
    ))
}

/// Why these counts, in this year's numbers: the compared workflow's executions so
/// far, how many reached the delivery, each mode's deliveries and the continuous
/// mode's forks after content changes.
pub fn why_now(sim: &Sim, cols: &[(Side, Snapshot)], as_of: i64, lang: Lang) -> Option<String> {
    let o = sim.own_outcome()?;
    let done = o.executions_until(as_of);
    let mine = o
        .executions()
        .get(..done)
        .unwrap_or(&[])
        .iter()
        .filter(|e| usize::from(e.workflow) == sim.compared);
    let (runs, reached) = mine.fold((0u64, 0u64), |(r, d), e| {
        (r + 1, d + u64::from(e.delivery.is_some()))
    });
    let of = |m: Side| {
        cols.iter()
            .find(|(k, _)| *k == m)
            .map(|(_, x)| x.deliveries as u64)
    };
    let (rec, con) = (of(Side::Recurring)?, of(Side::Continuous)?);
    Some(fill(
        tr(lang, K::WhyNow),
        &[
            (
                "done",
                &count(lang, runs, K::ExecutionOne, K::ExecutionMany),
            ),
            ("reached", &format::int(lang, reached)),
            ("rec", &count(lang, rec, K::DeliveryOne, K::DeliveryMany)),
            ("con", &count(lang, con, K::DeliveryOne, K::DeliveryMany)),
            ("forks", &format::int(lang, con.saturating_sub(1))),
        ],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::model::tests::sim;

    #[test]
    fn the_table_marks_what_differs_between_modes() {
        let s = sim("welcome-continuous-incremental");
        let cols = s.snapshots(s.cal.horizon_end);
        let rows = kpi_rows(&cols, Lang::En, s.tracking());
        let deliveries = &rows[0];
        assert_eq!(deliveries.label, K::Deliveries);
        assert_eq!(deliveries.cells[0].text, "29");
        assert_eq!(deliveries.cells[1].text, "2");
        assert!(deliveries.cells[1].differs && !deliveries.cells[0].differs);
        // Same sends in both modes: the broadLog rows agree.
        assert!(!rows[1].cells[1].differs);
        assert_eq!(rows.len(), 9);
        assert_eq!(rows.last().unwrap().label, K::LogStorage);
    }

    #[test]
    fn without_tracking_the_rates_say_so() {
        let s = sim("weekly-newsletter-recurring");
        assert!(!s.tracking());
        let cols = s.snapshots(s.cal.horizon_end);
        let rows = kpi_rows(&cols, Lang::En, false);
        let open = rows.iter().find(|r| r.label == K::OpenRate).unwrap();
        assert!(open
            .cells
            .iter()
            .all(|c| c.text == tr(Lang::En, K::NotTracked)));
    }

    #[test]
    fn why_now_counts_the_years_executions() {
        let s = sim("birthday-daily-recurring");
        let end = s.cal.horizon_end;
        let text = why_now(&s, &s.snapshots(end), end, Lang::En).unwrap();
        assert!(
            text.contains("365 executions, 69 of which targeted someone"),
            "{text}"
        );
        assert_eq!(comparing(&s, Lang::En), None);
        let several = sim("several-workflows-one-base");
        assert!(comparing(&several, Lang::En).unwrap().contains("3"));
    }
}
