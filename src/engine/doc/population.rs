//! The generated part of the recipient base (`population`) and its checks. (The
//! explicit `recipients` are [`super::recipients`].)

use super::error::Errors;
use serde::{Deserialize, Serialize};

/// Largest generated population (initial size + expected signups) accepted.
pub const MAX_GENERATED: u64 = 5_000_000;

/// Extension `population`: a seeded generated base, added after the explicit
/// `recipients` (ids continue after the largest explicit id).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PopulationSpec {
    /// Recipients already in the base at the start of the year (created during the
    /// two previous years).
    #[serde(default)]
    pub size: u64,
    /// Mean number of new recipients per day during the year.
    #[serde(default)]
    pub signups_per_day: f64,
    /// Relative signup weight of each weekday, Monday first (default all 1).
    #[serde(default = "default_rhythm")]
    pub weekly_rhythm: [f64; 7],
    /// Email domains with weights (default a realistic consumer mix).
    #[serde(default = "default_domains")]
    pub domains: Vec<DomainWeight>,
    /// Share of recipients whose birthday is known (default 0.9).
    #[serde(default = "default_birthday_known")]
    pub birthday_known: f64,
    /// Share of addresses that do not exist: every send hard-bounces (default 0.02).
    #[serde(default = "default_invalid")]
    pub invalid_address_rate: f64,
    /// Share of highly engaged recipients (open twice as often; default 0.2).
    #[serde(default = "default_engaged")]
    pub engaged_share: f64,
    /// Share of dormant recipients (open five times less often; default 0.3).
    #[serde(default = "default_dormant")]
    pub dormant_share: f64,
}

/// One email domain of the generated population and its weight.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DomainWeight {
    /// e.g. `gmail.com`.
    pub domain: String,
    /// Relative weight (≥ 0).
    pub weight: f64,
}

fn default_rhythm() -> [f64; 7] {
    [1.0; 7]
}
fn default_domains() -> Vec<DomainWeight> {
    [
        ("gmail.com", 40.0),
        ("outlook.com", 15.0),
        ("yahoo.com", 10.0),
        ("orange.fr", 12.0),
        ("free.fr", 8.0),
        ("icloud.com", 8.0),
        ("example.org", 7.0),
    ]
    .iter()
    .map(|(d, w)| DomainWeight {
        domain: (*d).to_string(),
        weight: *w,
    })
    .collect()
}
fn default_birthday_known() -> f64 {
    0.9
}
fn default_invalid() -> f64 {
    0.02
}
fn default_engaged() -> f64 {
    0.2
}
fn default_dormant() -> f64 {
    0.3
}

/// Checks the `population` field.
pub fn validate_population(p: &PopulationSpec, e: &mut Errors) {
    const P: &str = "population";
    let share = |e: &mut Errors, name: &str, v: f64| {
        if !(0.0..=1.0).contains(&v) {
            e.push(
                format!("{P}.{name}"),
                format!("{v} is not a share between 0 and 1"),
            );
        }
    };
    if !(0.0..=100_000.0).contains(&p.signups_per_day) {
        e.push(
            format!("{P}.signups_per_day"),
            format!("{} is not between 0 and 100000", p.signups_per_day),
        );
    }
    let expected = p.size as f64 + p.signups_per_day.max(0.0) * 366.0 * 7.0 / rhythm_mean(p);
    if p.size > MAX_GENERATED || expected > MAX_GENERATED as f64 {
        e.push(
            format!("{P}.size"),
            format!("the generated population would exceed {MAX_GENERATED} recipients"),
        );
    }
    for (i, w) in p.weekly_rhythm.iter().enumerate() {
        if !(0.0..=1000.0).contains(w) {
            e.push(
                format!("{P}.weekly_rhythm[{i}]"),
                format!("{w} is not a weight between 0 and 1000"),
            );
        }
    }
    if p.domains.is_empty() {
        e.push(format!("{P}.domains"), "needs at least one domain");
    }
    for (i, d) in p.domains.iter().enumerate() {
        let ok = !d.domain.is_empty()
            && d.domain.len() <= 253
            && d.domain
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
        if !ok {
            e.push(
                format!("{P}.domains[{i}].domain"),
                format!("\"{}\" is not a domain name", d.domain),
            );
        }
        if !(0.0..=1e9).contains(&d.weight) {
            e.push(
                format!("{P}.domains[{i}].weight"),
                format!("{} is not a non-negative weight", d.weight),
            );
        }
    }
    if !p.domains.is_empty() && p.domains.iter().all(|d| d.weight <= 0.0) {
        e.push(
            format!("{P}.domains"),
            "at least one weight must be positive",
        );
    }
    share(e, "birthday_known", p.birthday_known);
    share(e, "invalid_address_rate", p.invalid_address_rate);
    share(e, "engaged_share", p.engaged_share);
    share(e, "dormant_share", p.dormant_share);
    if p.engaged_share + p.dormant_share > 1.0 {
        e.push(
            format!("{P}.dormant_share"),
            "engaged_share + dormant_share is more than 1",
        );
    }
}

/// Mean of the positive weekly weights ×7 / sum, used to size the signups check.
fn rhythm_mean(p: &PopulationSpec) -> f64 {
    let sum: f64 = p.weekly_rhythm.iter().filter(|w| **w > 0.0).sum();
    if sum <= 0.0 {
        7.0
    } else {
        sum
    }
}
