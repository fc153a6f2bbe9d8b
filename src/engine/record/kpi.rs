//! Delivery indicators with explicit denominators.

use super::logs::{Reason, REASONS};
use serde::Serialize;

/// A measured quantity, to name a rate's numerator and denominator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// broadLog rows (targeted recipients, every status).
    Processed,
    /// Rows sent.
    Sent,
    /// Rows failed (hard + soft).
    Failed,
    /// Distinct opened messages (broadLog rows with at least one open).
    Openers,
    /// Distinct clicked messages (broadLog rows with at least one click).
    Clickers,
    /// Opt-out clicks.
    Optouts,
}

/// A rate with its numerator and denominator named.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Rate {
    pub numerator: u64,
    pub denominator: u64,
    pub numerator_of: Measure,
    pub denominator_of: Measure,
}

impl Rate {
    fn new(
        numerator: u64,
        numerator_of: Measure,
        denominator: u64,
        denominator_of: Measure,
    ) -> Rate {
        Rate {
            numerator,
            denominator,
            numerator_of,
            denominator_of,
        }
    }

    /// numerator / denominator, `None` when the denominator is 0.
    pub fn value(&self) -> Option<f64> {
        (self.denominator > 0).then(|| self.numerator as f64 / self.denominator as f64)
    }
}

/// Indicators of one delivery or of all deliveries of an outcome, as of an instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Kpis {
    /// broadLog rows.
    pub processed: u64,
    pub sent: u64,
    /// Delivered = sent minus asynchronous bounces; this model bounces
    /// synchronously, so it equals `sent`.
    pub delivered: u64,
    pub failed: u64,
    pub failed_hard: u64,
    pub failed_soft: u64,
    pub ignored: u64,
    pub ignored_quarantined: u64,
    pub ignored_denylisted: u64,
    pub ignored_arbitration: u64,
    /// Cumulated opens.
    pub opens: u64,
    /// Distinct opened messages.
    pub openers: u64,
    /// Cumulated clicks.
    pub clicks: u64,
    /// Distinct clicked messages.
    pub clickers: u64,
    pub optouts: u64,
    pub mirror_views: u64,
    /// openers / delivered.
    pub open_rate: Rate,
    /// clickers / delivered.
    pub click_rate: Rate,
    /// clickers / openers (reactivity).
    pub reactivity: Rate,
    /// opt-outs / delivered.
    pub optout_rate: Rate,
    /// failed / processed.
    pub bounce_rate: Rate,
}

/// Raw counters from which [`Kpis`] are computed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counters {
    /// broadLog rows per [`Reason`].
    pub reasons: [u64; REASONS],
    pub opens: u64,
    pub openers: u64,
    pub clicks: u64,
    pub clickers: u64,
    pub optouts: u64,
    pub mirror: u64,
}

impl Counters {
    /// The indicators.
    pub fn kpis(&self) -> Kpis {
        let r = |x: Reason| self.reasons.get(x as usize).copied().unwrap_or(0);
        let processed: u64 = self.reasons.iter().sum();
        let sent = r(Reason::Sent);
        let failed_hard = r(Reason::UserUnknown);
        let failed_soft = r(Reason::MailboxFull);
        let failed = failed_hard + failed_soft;
        let ignored_quarantined = r(Reason::Quarantined);
        let ignored_denylisted = r(Reason::Denylisted);
        let ignored_arbitration = r(Reason::ExcludedByArbitration);
        Kpis {
            processed,
            sent,
            delivered: sent,
            failed,
            failed_hard,
            failed_soft,
            ignored: ignored_quarantined + ignored_denylisted + ignored_arbitration,
            ignored_quarantined,
            ignored_denylisted,
            ignored_arbitration,
            opens: self.opens,
            openers: self.openers,
            clicks: self.clicks,
            clickers: self.clickers,
            optouts: self.optouts,
            mirror_views: self.mirror,
            open_rate: Rate::new(self.openers, Measure::Openers, sent, Measure::Sent),
            click_rate: Rate::new(self.clickers, Measure::Clickers, sent, Measure::Sent),
            reactivity: Rate::new(
                self.clickers,
                Measure::Clickers,
                self.openers,
                Measure::Openers,
            ),
            optout_rate: Rate::new(self.optouts, Measure::Optouts, sent, Measure::Sent),
            bounce_rate: Rate::new(failed, Measure::Failed, processed, Measure::Processed),
        }
    }

    /// Adds a tracking row's packed code.
    pub(crate) fn add_tracking(&mut self, code: u8) {
        use super::logs::{unpack_first, unpack_kind, TrackingKind};
        let first = u64::from(unpack_first(code));
        match unpack_kind(code) {
            TrackingKind::Open => {
                self.opens += 1;
                self.openers += first;
            }
            TrackingKind::Click => {
                self.clicks += 1;
                self.clickers += first;
            }
            TrackingKind::Optout => self.optouts += 1,
            TrackingKind::Mirror => self.mirror += 1,
        }
    }

    /// Adds another set of counters.
    pub(crate) fn add(&mut self, o: &Counters) {
        for (a, b) in self.reasons.iter_mut().zip(o.reasons.iter()) {
            *a += b;
        }
        self.opens += o.opens;
        self.openers += o.openers;
        self.clicks += o.clicks;
        self.clickers += o.clickers;
        self.optouts += o.optouts;
        self.mirror += o.mirror;
    }
}
