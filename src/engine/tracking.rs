//! Seeded tracking behaviour: opens, clicks, opt-outs, mirror-page views, devices,
//! arrival delays, random hard and soft bounces.
//!
//! The rates are optional fields of the document's `tracking` object; this module
//! resolves their defaults and draws the events. Draws for one recipient in one
//! execution come from one stream (seed, recipient id, execution index), so the
//! same person reacts the same way in every delivery mode.

use super::calendar::Instant;
use super::logs::{pack_tracking, Device, TrackingKind};
use super::rng::Rng;
use super::scenario::{Errors, Scenario, Tracking};
use serde::{Deserialize, Serialize};

/// Relative weights of the devices that open and click (extension
/// `tracking.devices`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeviceMix {
    #[serde(default)]
    pub desktop: f64,
    #[serde(default)]
    pub mobile: f64,
    #[serde(default)]
    pub tablet: f64,
}

/// The resolved tracking model (every default filled in).
#[derive(Clone, Debug, PartialEq)]
pub struct TrackingModel {
    /// Probability that a sent message is opened (base average).
    pub open_rate: f64,
    /// Probability that an opened message is clicked.
    pub click_rate: f64,
    /// Probability that an opened message leads to an opt-out click.
    pub optout_rate: f64,
    /// Probability that an opened message leads to a mirror-page view.
    pub mirror_rate: f64,
    /// Probability that a further open follows an open (cumulated opens).
    pub reopen_rate: f64,
    /// Random hard bounce per send (address closed): quarantine at once.
    pub hard_bounce_rate: f64,
    /// Random soft bounce per send (mailbox full).
    pub soft_bounce_rate: f64,
    /// Consecutive soft bounces that quarantine an address.
    pub soft_bounce_limit: u32,
    /// Days without a soft bounce after which the count starts again.
    pub soft_bounce_reset_days: u32,
    /// Number of links in the content (clicks pick one).
    pub links: u8,
    /// Device weights: desktop, mobile, tablet.
    pub devices: [f64; 3],
    /// Share of first opens within 48 hours of the send; the rest arrive later.
    pub fast_share: f64,
    /// Longest delay of the tail, in days.
    pub tail_days: u32,
}

impl Default for TrackingModel {
    fn default() -> Self {
        TrackingModel {
            open_rate: 0.25,
            click_rate: 0.15,
            optout_rate: 0.01,
            mirror_rate: 0.03,
            reopen_rate: 0.3,
            hard_bounce_rate: 0.002,
            soft_bounce_rate: 0.01,
            soft_bounce_limit: 3,
            soft_bounce_reset_days: 30,
            links: 3,
            devices: [0.4, 0.5, 0.1],
            fast_share: 0.85,
            tail_days: 14,
        }
    }
}

impl TrackingModel {
    /// The model of a scenario, `None` when tracking is disabled.
    pub fn of(s: &Scenario) -> Option<TrackingModel> {
        let t = &s.tracking;
        if !t.enabled {
            return None;
        }
        let d = TrackingModel::default();
        Some(TrackingModel {
            open_rate: t.open_rate.unwrap_or(d.open_rate),
            click_rate: t.click_rate.unwrap_or(d.click_rate),
            optout_rate: t.optout_rate.unwrap_or(d.optout_rate),
            mirror_rate: t.mirror_rate.unwrap_or(d.mirror_rate),
            reopen_rate: t.reopen_rate.unwrap_or(d.reopen_rate),
            hard_bounce_rate: t.hard_bounce_rate.unwrap_or(d.hard_bounce_rate),
            soft_bounce_rate: t.soft_bounce_rate.unwrap_or(d.soft_bounce_rate),
            soft_bounce_limit: t.soft_bounce_limit.unwrap_or(d.soft_bounce_limit),
            soft_bounce_reset_days: t.soft_bounce_reset_days.unwrap_or(d.soft_bounce_reset_days),
            links: t.links.unwrap_or(d.links),
            devices: t
                .devices
                .as_ref()
                .map_or(d.devices, |m| [m.desktop, m.mobile, m.tablet]),
            fast_share: t.fast_share.unwrap_or(d.fast_share),
            tail_days: t.tail_days.unwrap_or(d.tail_days),
        })
    }

    /// A first-open delay in seconds: most within 48 h (skewed towards the first
    /// hours: 48 h × u₁ × u₂), the rest uniform between 2 days and `tail_days`.
    pub fn delay(&self, r: &mut Rng) -> i64 {
        if r.chance(self.fast_share) || self.tail_days <= 2 {
            (48.0 * 3600.0 * r.unit() * r.unit()) as i64 + 60
        } else {
            let span = (i64::from(self.tail_days) - 2) * 86_400;
            2 * 86_400 + r.below(span.max(1) as u64) as i64
        }
    }

    /// Draws the tracking events of one sent message at `at` for a recipient whose
    /// open propensity is `propensity`: `(instant, packed code)`, in draw order.
    pub fn events(&self, r: &mut Rng, at: Instant, propensity: f64, out: &mut Vec<(Instant, u8)>) {
        if !r.chance(self.open_rate * propensity) {
            return;
        }
        let device = Device::ALL
            .get(r.weighted(&self.devices))
            .copied()
            .unwrap_or(Device::Desktop);
        let t1 = at + self.delay(r);
        out.push((t1, pack_tracking(TrackingKind::Open, device, 0, true)));
        let mut t = t1;
        for _ in 0..5 {
            if !r.chance(self.reopen_rate) {
                break;
            }
            t += 600 + r.below(72 * 3600) as i64;
            out.push((t, pack_tracking(TrackingKind::Open, device, 0, false)));
        }
        if r.chance(self.mirror_rate) {
            out.push((
                t1 + 5 + r.below(300) as i64,
                pack_tracking(TrackingKind::Mirror, device, 0, true),
            ));
        }
        if r.chance(self.click_rate) {
            let links = u64::from(self.links.clamp(1, 8));
            let mut tc = t1 + 10 + r.below(1800) as i64;
            out.push((
                tc,
                pack_tracking(TrackingKind::Click, device, r.below(links) as u8, true),
            ));
            for _ in 0..3 {
                if !r.chance(0.3) {
                    break;
                }
                tc += 10 + r.below(3600) as i64;
                out.push((
                    tc,
                    pack_tracking(TrackingKind::Click, device, r.below(links) as u8, false),
                ));
            }
        }
        if r.chance(self.optout_rate) {
            out.push((
                t1 + 20 + r.below(600) as i64,
                pack_tracking(TrackingKind::Optout, device, 0, true),
            ));
        }
    }
}

/// Checks the tracking extension fields (called from `scenario::validate`).
pub fn validate_tracking(t: &Tracking, e: &mut Errors) {
    let rates = [
        ("open_rate", t.open_rate),
        ("click_rate", t.click_rate),
        ("optout_rate", t.optout_rate),
        ("mirror_rate", t.mirror_rate),
        ("reopen_rate", t.reopen_rate),
        ("hard_bounce_rate", t.hard_bounce_rate),
        ("soft_bounce_rate", t.soft_bounce_rate),
        ("fast_share", t.fast_share),
    ];
    for (name, v) in rates {
        if let Some(v) = v {
            if !(0.0..=1.0).contains(&v) {
                e.push(
                    format!("tracking.{name}"),
                    format!("{v} is not a rate between 0 and 1"),
                );
            }
        }
    }
    if let Some(n) = t.soft_bounce_limit {
        if !(1..=100).contains(&n) {
            e.push(
                "tracking.soft_bounce_limit",
                format!("{n} is not between 1 and 100"),
            );
        }
    }
    if let Some(n) = t.soft_bounce_reset_days {
        if n > 3650 {
            e.push(
                "tracking.soft_bounce_reset_days",
                format!("{n} is more than 3650"),
            );
        }
    }
    if let Some(n) = t.links {
        if !(1..=8).contains(&n) {
            e.push("tracking.links", format!("{n} is not between 1 and 8"));
        }
    }
    if let Some(n) = t.tail_days {
        if !(2..=365).contains(&n) {
            e.push(
                "tracking.tail_days",
                format!("{n} is not between 2 and 365"),
            );
        }
    }
    if let Some(m) = &t.devices {
        for (name, v) in [
            ("desktop", m.desktop),
            ("mobile", m.mobile),
            ("tablet", m.tablet),
        ] {
            if !(0.0..=1e6).contains(&v) {
                e.push(
                    format!("tracking.devices.{name}"),
                    format!("{v} is not a non-negative weight"),
                );
            }
        }
        if m.desktop + m.mobile + m.tablet <= 0.0 {
            e.push("tracking.devices", "at least one weight must be positive");
        }
    }
}
