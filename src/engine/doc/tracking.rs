//! The document's `tracking` field (random events: opens, clicks, opt-outs, random
//! bounces) and its checks. The model these settings resolve to is
//! `engine::activity::tracking`.

use super::error::Errors;
use serde::{Deserialize, Serialize};

/// Tracking (random events). The contract leaves the default to the project: off
/// unless the document asks for it, so an explicit contract document is deterministic
/// without any random draw.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tracking {
    #[serde(default)]
    pub enabled: bool,
    /// Extension rates and settings of the tracking model (absent = the model's
    /// defaults). Ignored when `enabled` is false.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open_rate: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub click_rate: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub optout_rate: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mirror_rate: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reopen_rate: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hard_bounce_rate: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub soft_bounce_rate: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub soft_bounce_limit: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub soft_bounce_reset_days: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub links: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub devices: Option<DeviceMix>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fast_share: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tail_days: Option<u32>,
}

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

/// Checks the `tracking` field.
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
