//! The rows a log table scrolls through: the broadLog and tracking rows of one
//! delivery (or all) as of the clock, filtered and sorted, as ascending runs of row
//! indexes rather than lists of millions. Pure: it reads the engine's outcome.

use crate::engine::calendar::Instant;
use crate::engine::out::logs::{Reason, Status};
use crate::engine::out::outcome::{ExecutionRecord, Outcome};

/// Which broadLog rows a log table shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RowFilter {
    pub status: Option<Status>,
    pub reason: Option<Reason>,
    /// Event date range, instants, inclusive start, exclusive end.
    pub from: Option<Instant>,
    pub to: Option<Instant>,
    /// One execution's rows (index in the year's executions).
    pub execution: Option<usize>,
    /// One workflow's rows (several workflows on one base).
    pub workflow: Option<u16>,
}

/// Order of a log table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    #[default]
    DateAsc,
    DateDesc,
    Recipient,
}

impl RowFilter {
    fn keeps(&self, execution: usize, e: &ExecutionRecord) -> bool {
        self.execution.is_none_or(|x| x == execution)
            && self.workflow.is_none_or(|w| w == e.workflow)
            && self.from.is_none_or(|f| e.at >= f)
            && self.to.is_none_or(|t| e.at < t)
    }
}

/// The rows a log table scrolls through, by position. A delivery's rows are
/// contiguous within each execution, so without a status or reason filter the rows
/// are a few hundred ascending runs (one for a whole year of every delivery), not a
/// list of millions: moving the clock then costs a few hundred steps, whatever the
/// size of the log. A status or reason filter, a delivery's tracking rows or a sort by
/// recipient give an explicit list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowSet {
    /// Ascending runs `start..end` and, for each, the number of rows up to its end;
    /// read backwards when `reversed`.
    Runs {
        runs: Vec<(u32, u32)>,
        ends: Vec<usize>,
        reversed: bool,
    },
    List(Vec<u32>),
}

impl Default for RowSet {
    fn default() -> Self {
        RowSet::List(Vec::new())
    }
}

impl RowSet {
    /// Runs of row indexes, adjacent ones merged.
    fn from_runs(ranges: impl IntoIterator<Item = std::ops::Range<usize>>) -> RowSet {
        let mut runs: Vec<(u32, u32)> = Vec::new();
        for r in ranges.into_iter().filter(|r| !r.is_empty()) {
            let (a, b) = (r.start as u32, r.end as u32);
            match runs.last_mut() {
                Some(last) if last.1 == a => last.1 = b,
                _ => runs.push((a, b)),
            }
        }
        let ends = runs
            .iter()
            .scan(0usize, |n, (a, b)| {
                *n += (b - a) as usize;
                Some(*n)
            })
            .collect();
        RowSet::Runs {
            runs,
            ends,
            reversed: false,
        }
    }

    pub fn len(&self) -> usize {
        match self {
            RowSet::Runs { ends, .. } => ends.last().copied().unwrap_or(0),
            RowSet::List(l) => l.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The row index at position `i`.
    pub fn get(&self, i: usize) -> Option<u32> {
        match self {
            RowSet::List(l) => l.get(i).copied(),
            RowSet::Runs {
                runs,
                ends,
                reversed,
            } => {
                let n = self.len();
                if i >= n {
                    return None;
                }
                let i = if *reversed { n - 1 - i } else { i };
                let k = ends.partition_point(|&e| e <= i);
                let before = if k == 0 { 0 } else { ends[k - 1] };
                runs.get(k).map(|(a, _)| a + (i - before) as u32)
            }
        }
    }

    /// The row indexes at positions `range` (what the virtual table draws).
    pub fn slice(&self, range: std::ops::Range<usize>) -> Vec<u32> {
        range.map_while(|i| self.get(i)).collect()
    }

    /// Every row index, in order.
    pub fn to_vec(&self) -> Vec<u32> {
        self.slice(0..self.len())
    }

    fn reverse(&mut self) {
        match self {
            RowSet::Runs { reversed, .. } => *reversed = !*reversed,
            RowSet::List(l) => l.reverse(),
        }
    }

    /// Sorted by recipient (then by row): an explicit list.
    fn by_recipient(self, recipient: impl Fn(u32) -> u64) -> RowSet {
        let mut rows = self.to_vec();
        rows.sort_by_key(|&r| (recipient(r), r));
        RowSet::List(rows)
    }

    /// In the table's order; rows are in time order to begin with.
    fn sorted(mut self, sort: Sort, recipient: impl Fn(u32) -> u64) -> RowSet {
        match sort {
            Sort::DateAsc => self,
            Sort::DateDesc => {
                self.reverse();
                self
            }
            Sort::Recipient => self.by_recipient(recipient),
        }
    }
}

/// The broadLog rows of one delivery (or all) as of `as_of`, filtered and sorted:
/// what the virtual table scrolls through.
pub fn broadlog_rows(
    o: &Outcome,
    delivery: Option<u32>,
    as_of: Instant,
    filter: &RowFilter,
    sort: Sort,
) -> RowSet {
    let log = o.broadlog();
    let done = o.executions_until(as_of);
    let executions = o
        .executions()
        .get(..done)
        .unwrap_or(&[])
        .iter()
        .enumerate()
        .filter(|(i, e)| (delivery.is_none() || e.delivery == delivery) && filter.keeps(*i, e))
        .map(|(_, e)| e);
    let rows = if filter.status.is_none() && filter.reason.is_none() {
        RowSet::from_runs(executions.map(|e| e.rows()))
    } else {
        RowSet::List(
            executions
                .flat_map(|e| e.rows())
                .filter(|&r| {
                    log.reason_of(r).is_some_and(|reason| {
                        filter.status.is_none_or(|s| s == reason.status())
                            && filter.reason.is_none_or(|x| x == reason)
                    })
                })
                .map(|r| r as u32)
                .collect(),
        )
    };
    rows.sorted(sort, |r| log.row(r as usize).map_or(0, |b| b.recipient_id))
}

/// The tracking rows of one delivery (or all) as of `as_of`, in time order (or
/// reversed), within the date range of `filter` (and of its execution's sends).
pub fn tracking_rows(
    o: &Outcome,
    delivery: Option<u32>,
    as_of: Instant,
    filter: &RowFilter,
    sort: Sort,
) -> RowSet {
    let log = o.tracking();
    // The tracking log is in time order: a date range is one run.
    let first = filter.from.map_or(0, |f| log.count_until(f - 1));
    let last = log.count_until(filter.to.map_or(as_of, |t| as_of.min(t - 1)));
    // An execution's sends are a range of broadLog rows.
    let sends = filter
        .execution
        .and_then(|x| o.executions().get(x))
        .map(|e| e.rows_start..e.rows_end);
    let workflow_of = |d: u32| {
        d.checked_sub(1)
            .and_then(|i| o.deliveries().get(i as usize))
            .map(|x| x.workflow)
    };
    let rows = match (delivery, sends, filter.workflow) {
        (None, None, None) => RowSet::from_runs(std::iter::once(first..last.max(first))),
        (d, sends, w) => RowSet::List(
            (first..last)
                .filter(|&i| {
                    log.row(i).is_some_and(|r| {
                        d.is_none_or(|d| r.delivery == d)
                            && w.is_none_or(|w| workflow_of(r.delivery) == Some(w))
                            && sends.as_ref().is_none_or(|s| s.contains(&r.broadlog_row))
                    })
                })
                .map(|i| i as u32)
                .collect(),
        ),
    };
    rows.sorted(sort, |i| log.row(i as usize).map_or(0, |r| r.recipient_id))
}

/// broadLog rows appended to `delivery` by each execution up to `as_of`:
/// (execution index, rows) — a continuous delivery's additions.
pub fn additions(o: &Outcome, delivery: u32, as_of: Instant) -> Vec<(usize, usize)> {
    let done = o.executions_until(as_of);
    o.executions()
        .get(..done)
        .unwrap_or(&[])
        .iter()
        .enumerate()
        .filter(|(_, e)| e.delivery == Some(delivery))
        .map(|(i, e)| (i, e.rows().len()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::model::tests::sim;
    use crate::ui::model::Sim;
    use crate::ui::presets::preset;

    #[test]
    fn log_rows_follow_the_clock_the_delivery_and_the_filters() {
        let s = sim("welcome-continuous-incremental");
        let rec = &s.columns[0].outcome;
        let end = s.cal.horizon_end;
        let all = broadlog_rows(rec, None, end, &RowFilter::default(), Sort::DateAsc);
        assert_eq!(all.len(), 60);
        let first = broadlog_rows(rec, Some(1), end, &RowFilter::default(), Sort::DateAsc);
        assert_eq!(first.len(), rec.deliveries()[0].broadlog.total as usize);
        let failed = RowFilter {
            status: Some(Status::Failed),
            ..RowFilter::default()
        };
        let f = broadlog_rows(rec, None, end, &failed, Sort::DateAsc);
        assert!(!f.is_empty() && f.len() < all.len());
        assert!(f
            .to_vec()
            .iter()
            .all(|r| rec.broadlog().row(*r as usize).unwrap().status == Status::Failed));
        let desc = broadlog_rows(rec, None, end, &RowFilter::default(), Sort::DateDesc);
        assert_eq!(desc.get(0), all.get(all.len() - 1));
        let mut back = desc.to_vec();
        back.reverse();
        assert_eq!(back, all.to_vec());
        // A whole year of every delivery is one run of rows, whatever its size.
        assert!(matches!(&all, RowSet::Runs { runs, .. } if runs.len() == 1));
        let none = broadlog_rows(
            rec,
            None,
            s.cal.horizon_start,
            &RowFilter::default(),
            Sort::DateAsc,
        );
        assert!(none.is_empty());
        // The continuous delivery: the first execution's additions, then newcomers.
        let con = &s.columns[1].outcome;
        let adds = additions(con, 1, end);
        assert_eq!(adds.first().map(|a| a.0), Some(0));
        assert!(adds.len() > 1);
    }

    #[test]
    fn the_execution_filter_keeps_exactly_that_executions_rows() {
        let mut sc =
            crate::engine::doc::parse(preset("weekly-newsletter-recurring").unwrap().json).unwrap();
        sc.tracking.enabled = true;
        let s = Sim::new(sc).unwrap();
        let end = s.cal.horizon_end;
        // The continuous delivery mixes every execution's rows: the filter splits them.
        let con = &s.columns[1].outcome;
        let x = 10;
        let e = con.executions()[x];
        let f = RowFilter {
            execution: Some(x),
            ..RowFilter::default()
        };
        let rows = broadlog_rows(con, Some(1), end, &f, Sort::DateAsc).to_vec();
        let want: Vec<u32> = (e.rows_start..e.rows_end).collect();
        assert_eq!(rows, want);
        assert!(rows
            .iter()
            .all(|r| con.broadlog().row(*r as usize).unwrap().execution == x as u32));
        // Its tracking rows: those of its sends only, in time order.
        let t = tracking_rows(con, Some(1), end, &f, Sort::DateAsc).to_vec();
        let log = con.tracking();
        let want: Vec<u32> = (0..log.len())
            .filter(|&i| (e.rows_start..e.rows_end).contains(&log.row(i).unwrap().broadlog_row))
            .map(|i| i as u32)
            .collect();
        assert!(!want.is_empty());
        assert_eq!(t, want);
        // Before the clock reaches it, nothing.
        assert!(broadlog_rows(con, None, e.at - 1, &f, Sort::DateAsc).is_empty());
    }

    #[test]
    fn row_runs_read_like_the_list_they_stand_for() {
        let ranges = [3..5, 5..9, 9..9, 20..22, 40..41];
        let set = RowSet::from_runs(ranges.iter().cloned());
        let list: Vec<u32> = ranges
            .iter()
            .flat_map(|r| r.clone())
            .map(|r| r as u32)
            .collect();
        assert_eq!(set.len(), list.len());
        // Adjacent runs merge: 3..9, 20..22, 40..41.
        assert!(matches!(&set, RowSet::Runs { runs, .. } if runs.len() == 3));
        assert_eq!(set.to_vec(), list);
        assert_eq!(set.slice(5..8), list[5..8].to_vec());
        assert_eq!(set.get(list.len()), None);
        assert_eq!(set.slice(7..20), list[7..].to_vec());
        let mut rev = set.clone();
        rev.reverse();
        let mut back = list.clone();
        back.reverse();
        assert_eq!(rev.to_vec(), back);
        let by = set.by_recipient(|r| u64::from(100 - r));
        assert_eq!(by.get(0), Some(40));
        assert!(RowSet::from_runs([]).is_empty());
    }

    #[test]
    fn tracking_rows_follow_the_clock_and_the_date_range() {
        let mut sc =
            crate::engine::doc::parse(preset("weekly-newsletter-recurring").unwrap().json).unwrap();
        sc.tracking.enabled = true;
        let s = Sim::new(sc).unwrap();
        let o = &s.columns[0].outcome;
        let log = o.tracking();
        let end = s.cal.horizon_end;
        let all = tracking_rows(o, None, end, &RowFilter::default(), Sort::DateAsc);
        assert_eq!(all.len(), log.len());
        assert!(!all.is_empty());
        // A date range keeps exactly the rows dated in it, as a scan would.
        let (from, to) = (
            s.cal.horizon_start + 90 * 86_400,
            s.cal.horizon_start + 180 * 86_400,
        );
        let f = RowFilter {
            from: Some(from),
            to: Some(to),
            ..RowFilter::default()
        };
        let want: Vec<u32> = (0..log.len())
            .filter(|&i| log.row(i).is_some_and(|r| r.at >= from && r.at < to))
            .map(|i| i as u32)
            .collect();
        assert!(!want.is_empty());
        assert_eq!(
            tracking_rows(o, None, end, &f, Sort::DateAsc).to_vec(),
            want
        );
        // Up to the clock, and one delivery's rows.
        let mid = tracking_rows(o, None, from, &RowFilter::default(), Sort::DateAsc);
        assert_eq!(mid.len(), log.count_until(from));
        let one = tracking_rows(o, Some(3), end, &RowFilter::default(), Sort::DateAsc);
        assert!(
            !one.is_empty()
                && one
                    .to_vec()
                    .iter()
                    .all(|&i| log.row(i as usize).unwrap().delivery == 3)
        );
    }
}
