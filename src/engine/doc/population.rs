//! The recipient base as the document gives it: the explicit `recipients` and the
//! generated `population`, and their checks.

use super::time::{parse_date, parse_local_datetime};
use super::Errors;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// One recipient of the explicit base.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recipient {
    pub id: u64,
    pub email: String,
    /// Local date-time `YYYY-MM-DDTHH:MM[:SS]`; absent = always in the base.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    /// `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birthday: Option<String>,
    #[serde(default)]
    pub bounce: Bounce,
    /// Local date-time of the opt-out (denylist from then on).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unsubscribed: Option<String>,
}

/// How the recipient's address answers a send.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Bounce {
    #[default]
    None,
    Hard,
}

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

/// Checks the explicit `recipients`: unique ids and emails, dates that exist.
pub fn validate_recipients(recipients: &[Recipient], e: &mut Errors) {
    // Sized up front, and paths formatted only for an error: on a list of 50,000
    // recipients the eager `format!`s and rehashing were most of the parse
    // (callgrind, benches/engine.rs).
    let n = recipients.len();
    // Ids in increasing order (the usual export) cannot repeat: no id map then.
    let ids_increasing = recipients.windows(2).all(|w| match w {
        [a, b] => a.id < b.id,
        _ => true,
    });
    let mut ids: HashMap<u64, usize, FastHash> = HashMap::with_hasher(FastHash);
    if !ids_increasing {
        ids.reserve(n);
    }
    let mut emails: HashMap<&str, usize, FastHash> = HashMap::with_capacity_and_hasher(n, FastHash);
    // Most bases share a few `created` values (an import date): a repeat of the last
    // valid one needs no second calendar check.
    let mut last_created: Option<&str> = None;
    for (i, r) in recipients.iter().enumerate() {
        let repeated = if ids_increasing {
            None
        } else {
            ids.insert(r.id, i)
        };
        if let Some(first) = repeated {
            ids.insert(r.id, first);
            e.push(
                format!("recipients[{i}].id"),
                format!("{} is already the id of recipients[{first}]", r.id),
            );
        }
        if r.email.trim().is_empty() {
            e.push(format!("recipients[{i}].email"), "must not be empty");
        } else if let Some(first) = emails.insert(r.email.as_str(), i) {
            emails.insert(r.email.as_str(), first);
            e.push(
                format!("recipients[{i}].email"),
                format!(
                    "\"{}\" is already the email of recipients[{first}]",
                    r.email
                ),
            );
        }
        if let Some(c) = r.created.as_deref() {
            if last_created != Some(c) {
                if parse_local_datetime(c).is_none() {
                    e.local_datetime(&format!("recipients[{i}].created"), c);
                } else {
                    last_created = Some(c);
                }
            }
        }
        if let Some(b) = r.birthday.as_deref().filter(|b| parse_date(b).is_none()) {
            e.date(&format!("recipients[{i}].birthday"), b);
        }
        if let Some(u) = r
            .unsubscribed
            .as_deref()
            .filter(|u| parse_local_datetime(u).is_none())
        {
            e.local_datetime(&format!("recipients[{i}].unsubscribed"), u);
        }
    }
}

/// A multiply-rotate hasher (the Fx hash of rustc, with a final mix) for the
/// duplicate checks: the default SipHash was the largest single cost of validating
/// a long recipient list (callgrind). Flooding resistance is not needed: the
/// document is the user's own.
#[derive(Clone, Copy, Default)]
struct FastHash;

impl std::hash::BuildHasher for FastHash {
    type Hasher = FxHasher;
    fn build_hasher(&self) -> FxHasher {
        FxHasher(0)
    }
}

struct FxHasher(u64);

impl FxHasher {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(Self::K);
    }
}

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            if let Some(dst) = w.get_mut(..rest.len()) {
                dst.copy_from_slice(rest);
            }
            self.add(u64::from_le_bytes(w));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    fn finish(&self) -> u64 {
        // The multiply only carries upwards, so the low bits (the bucket index)
        // would depend on few input bits: emails that differ in a middle digit
        // piled into a few buckets. A final avalanche (splitmix64's) spreads them.
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}
