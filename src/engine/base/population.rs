//! The recipient base: the explicit list of the document and/or a seeded generated
//! population, stored by column with the indexes the queries need (creation order,
//! birthday month-day buckets). Built once per scenario and shared (read-only) by
//! every workflow and every compared variant.
//!
//! Recipients are addressed by their *index* (u32, order of the base: explicit
//! recipients first in document order, then generated ones in creation order);
//! their `id` is the user-facing identifier.

use crate::engine::calendar::{Calendar, Instant};
use crate::engine::doc::recipients::{pack_date, unpack_date};
use crate::engine::doc::{PopulationSpec, Recipients};
use crate::engine::rng::{stream, Purpose};
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// Engagement class of a recipient: scales its open and click probabilities.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Engagement {
    /// Opens about twice as often as average.
    Engaged = 0,
    /// Average.
    Regular = 1,
    /// Opens about five times less often than average.
    Dormant = 2,
}

impl Engagement {
    /// Relative open propensity before normalisation.
    pub fn weight(self) -> f64 {
        match self {
            Engagement::Engaged => 2.0,
            Engagement::Regular => 1.0,
            Engagement::Dormant => 0.2,
        }
    }
    fn from_u8(v: u8) -> Engagement {
        match v {
            0 => Engagement::Engaged,
            2 => Engagement::Dormant,
            _ => Engagement::Regular,
        }
    }
}

/// "Never" for the `created` column: always in the base.
pub const ALWAYS: Instant = i64::MIN;
/// "Never" for the `unsubscribed` column.
pub const NEVER: Instant = i64::MAX;

/// The recipient base, by column. Index `i` of every column is recipient `i`.
#[derive(Clone, Debug, Default)]
pub struct Population {
    ids: Vec<u64>,
    /// Explicit emails (explicit recipients only; generated ones are derived).
    explicit_emails: String,
    /// End of recipient `i`'s explicit email in `explicit_emails` (one text for
    /// all: one allocation instead of one per recipient).
    email_end: Vec<u32>,
    /// Instant of creation ([`ALWAYS`] when the document gives none).
    created: Vec<Instant>,
    /// Birthday packed as `year << 9 | month << 5 | day`, 0 = unknown.
    birthday: Vec<u32>,
    /// The address hard-bounces on every send.
    hard: Vec<bool>,
    /// Instant of the opt-out given by the document ([`NEVER`] when none).
    unsubscribed: Vec<Instant>,
    /// Engagement class (as u8).
    engagement: Vec<u8>,
    /// Generated name and domain indexes (generated recipients only).
    names: Vec<(u16, u16, u8)>,
    domains: Vec<String>,
    /// Recipient indexes sorted by `created` (ties: index order).
    by_created: Vec<u32>,
    /// `created` in `by_created` order, for binary search.
    created_sorted: Vec<Instant>,
    /// Recipient indexes per birthday month-day (`month * 32 + day`), index order.
    birthday_start: Vec<u32>,
    birthday_index: Vec<u32>,
    /// Mean of the engagement weights, to normalise open probabilities to the rate.
    mean_engagement: f64,
}

const FIRST: [&str; 24] = [
    "Alice", "Bruno", "Chloe", "David", "Emma", "Farid", "Gabriel", "Hugo", "Ines", "Jules",
    "Karim", "Lea", "Manon", "Nathan", "Oceane", "Paul", "Quentin", "Rose", "Sofia", "Thomas",
    "Ursule", "Victor", "Yasmine", "Zoe",
];
const LAST: [&str; 24] = [
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
    "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
    "Vincent", "Fournier", "Morel", "Girard", "Andre", "Mercier",
];

/// Month-day key (`month * 32 + day`) of a packed birthday, 0 when unknown.
fn md_key(packed: u32) -> usize {
    (packed & 0x1FF) as usize
}

/// The `created` instant of each explicit recipient, in document order
/// ([`ALWAYS`] when absent). Most bases share a few values (an import date), and the
/// time-zone lookup is the costly part: a repeat of the previous value is not looked
/// up again.
pub fn explicit_created(recipients: &Recipients, cal: &Calendar) -> Vec<Instant> {
    let mut last: Option<(NaiveDateTime, Instant)> = None;
    recipients
        .created()
        .iter()
        .map(|c| match (*c, last) {
            (None, _) => ALWAYS,
            (Some(local), Some((l, at))) if l == local => at,
            (Some(local), _) => {
                let at = cal.instant(local);
                last = Some((local, at));
                at
            }
        })
        .collect()
}

/// What a base is built from: the document's explicit recipients, its generated
/// population and the seed that draws it.
#[derive(Clone, Copy, Debug)]
pub struct BaseSpec<'a> {
    pub recipients: &'a Recipients,
    pub generated: Option<&'a PopulationSpec>,
    pub seed: u64,
}

impl Population {
    /// Builds the base of a (validated) document: explicit recipients, then the
    /// generated ones, with the indexes.
    pub fn build(spec: BaseSpec<'_>, cal: &Calendar) -> Population {
        Population::build_with_created(spec, cal, explicit_created(spec.recipients, cal))
    }

    /// [`build`](Population::build) with the explicit recipients' `created`
    /// instants already computed ([`explicit_created`]; the size limits need them
    /// first, and the time-zone conversions are the costly part of both).
    pub fn build_with_created(
        spec: BaseSpec<'_>,
        cal: &Calendar,
        created: Vec<Instant>,
    ) -> Population {
        let mut p = Population::default();
        let recipients = spec.recipients;
        let n = recipients.len();
        p.created = if created.len() == n {
            created
        } else {
            explicit_created(recipients, cal)
        };
        // The document's columns as they are: ids, one email text, packed birthdays.
        p.ids = recipients.ids().to_vec();
        let (emails, ends) = recipients.email_text();
        p.explicit_emails = emails.to_string();
        p.email_end = ends.to_vec();
        p.birthday = recipients.birthdays().to_vec();
        p.hard = recipients.hard_bounces().to_vec();
        p.unsubscribed = recipients
            .unsubscribed()
            .iter()
            .map(|u| u.map_or(NEVER, |l| cal.instant(l)))
            .collect();
        p.engagement = vec![Engagement::Regular as u8; n];
        p.names = vec![(u16::MAX, u16::MAX, 0); n];
        if let Some(generated) = spec.generated {
            p.generate(generated, spec.seed, cal);
        }
        p.index();
        p
    }

    /// Adds the generated recipients: the initial base and the year's signups, by
    /// creation instant, ids after the largest explicit one.
    fn generate(&mut self, spec: &PopulationSpec, seed: u64, cal: &Calendar) {
        self.domains = spec.domains.iter().map(|d| d.domain.clone()).collect();
        let weights: Vec<f64> = spec.domains.iter().map(|d| d.weight).collect();
        let mut next_id = self
            .ids
            .iter()
            .copied()
            .max()
            .map_or(1, |m| m.saturating_add(1));
        let mut creations = initial_creations(spec, seed, cal);
        creations.extend(signups(spec, seed, cal));
        creations.sort_unstable();
        for created in creations {
            let id = next_id;
            next_id = next_id.saturating_add(1);
            self.push_generated(id, created, spec, &weights, seed, cal.year);
        }
    }

    /// One generated recipient: its name, domain, birthday, address and engagement
    /// drawn from its own stream.
    fn push_generated(
        &mut self,
        id: u64,
        created: Instant,
        spec: &PopulationSpec,
        weights: &[f64],
        seed: u64,
        year: i32,
    ) {
        let total_shares = (spec.engaged_share + spec.dormant_share).min(1.0);
        let mut r = stream(seed, Purpose::Recipient, id, 0);
        let first = r.below(FIRST.len() as u64) as u16;
        let last = r.below(LAST.len() as u64) as u16;
        let domain = r.weighted(weights).min(255) as u8;
        let birthday = if r.chance(spec.birthday_known) {
            let born = year - 18 - r.below(60) as i32;
            NaiveDate::from_ymd_opt(born, 1, 1)
                .and_then(|d| d.checked_add_signed(Duration::days(r.below(366) as i64)))
                .filter(|d| d.year() == born)
                .map_or(0, pack_date)
        } else {
            0
        };
        let hard = r.chance(spec.invalid_address_rate);
        let x = r.unit();
        let engagement = if x < spec.engaged_share {
            Engagement::Engaged
        } else if x < total_shares {
            Engagement::Dormant
        } else {
            Engagement::Regular
        };
        self.ids.push(id);
        self.email_end.push(self.explicit_emails.len() as u32);
        self.created.push(created);
        self.birthday.push(birthday);
        self.hard.push(hard);
        self.unsubscribed.push(NEVER);
        self.engagement.push(engagement as u8);
        self.names.push((first, last, domain));
    }

    fn index(&mut self) {
        let n = self.ids.len();
        // (created, index) pairs: unique keys, so the unstable sort gives the order
        // of a stable one; sorted by value rather than through the index (callgrind:
        // the indirect sort was 7% of a 50,000-recipient birthday year), and not at
        // all when the base is already in creation order (generated bases are).
        let mut keyed: Vec<(Instant, u32)> = self
            .created
            .iter()
            .enumerate()
            .map(|(i, c)| (*c, i as u32))
            .collect();
        if !keyed.is_sorted() {
            keyed.sort_unstable();
        }
        self.created_sorted = keyed.iter().map(|k| k.0).collect();
        self.by_created = keyed.iter().map(|k| k.1).collect();
        // Counting sort by month-day key.
        let mut counts = vec![0u32; 13 * 32 + 1];
        for b in &self.birthday {
            if let Some(c) = counts.get_mut(md_key(*b) + 1) {
                *c += 1;
            }
        }
        for k in 1..counts.len() {
            counts[k] += counts[k - 1];
        }
        let mut fill = counts.clone();
        let mut index = vec![0u32; n];
        for (i, b) in self.birthday.iter().enumerate() {
            if let Some(slot) = fill.get_mut(md_key(*b)) {
                if let Some(cell) = index.get_mut(*slot as usize) {
                    *cell = i as u32;
                }
                *slot += 1;
            }
        }
        self.birthday_start = counts;
        self.birthday_index = index;
        let sum: f64 = self
            .engagement
            .iter()
            .map(|e| Engagement::from_u8(*e).weight())
            .sum();
        self.mean_engagement = if n == 0 { 1.0 } else { sum / n as f64 };
    }

    /// Number of recipients.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// No recipient at all.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The ids, by recipient index.
    pub fn ids(&self) -> &[u64] {
        &self.ids
    }

    /// The recipient index of an id (linear for explicit ids, which may be in any
    /// order; generated ids are consecutive).
    pub fn index_of(&self, id: u64) -> Option<u32> {
        self.ids.iter().position(|x| *x == id).map(|i| i as u32)
    }

    /// The id of recipient `i`.
    pub fn id(&self, i: u32) -> u64 {
        self.ids.get(i as usize).copied().unwrap_or(0)
    }

    /// The email of recipient `i`.
    pub fn email(&self, i: u32) -> String {
        match self.names.get(i as usize) {
            Some((f, l, d)) if *f != u16::MAX => format!(
                "{}.{}{}@{}",
                FIRST
                    .get(*f as usize)
                    .copied()
                    .unwrap_or("x")
                    .to_lowercase(),
                LAST.get(*l as usize).copied().unwrap_or("x").to_lowercase(),
                self.id(i),
                self.domains
                    .get(*d as usize)
                    .map_or("example.test", String::as_str)
            ),
            _ => {
                let start = match (i as usize).checked_sub(1) {
                    Some(k) => self.email_end.get(k).copied().unwrap_or(0),
                    None => 0,
                };
                let end = self.email_end.get(i as usize).copied().unwrap_or(start);
                self.explicit_emails
                    .get(start as usize..end as usize)
                    .unwrap_or("")
                    .to_string()
            }
        }
    }

    /// "First Last" of a generated recipient; `None` for explicit ones.
    pub fn name(&self, i: u32) -> Option<String> {
        match self.names.get(i as usize) {
            Some((f, l, _)) if *f != u16::MAX => Some(format!(
                "{} {}",
                FIRST.get(*f as usize).copied().unwrap_or(""),
                LAST.get(*l as usize).copied().unwrap_or("")
            )),
            _ => None,
        }
    }

    /// Creation instant of recipient `i`; `None` = always in the base.
    pub fn created(&self, i: u32) -> Option<Instant> {
        self.created
            .get(i as usize)
            .copied()
            .filter(|c| *c != ALWAYS)
    }

    /// Birthday of recipient `i`.
    pub fn birthday(&self, i: u32) -> Option<NaiveDate> {
        unpack_date(self.birthday.get(i as usize).copied().unwrap_or(0))
    }

    /// The address hard-bounces on every send.
    pub fn hard_bounce(&self, i: u32) -> bool {
        self.hard.get(i as usize).copied().unwrap_or(false)
    }

    /// Per recipient index: the address hard-bounces on every send.
    pub(crate) fn hard_bounces(&self) -> &[bool] {
        &self.hard
    }

    /// The document's opt-out instant of recipient `i`.
    pub fn unsubscribed(&self, i: u32) -> Option<Instant> {
        self.unsubscribed
            .get(i as usize)
            .copied()
            .filter(|u| *u != NEVER)
    }

    /// Engagement class of recipient `i`.
    pub fn engagement(&self, i: u32) -> Engagement {
        Engagement::from_u8(self.engagement.get(i as usize).copied().unwrap_or(1))
    }

    /// Open propensity multiplier of recipient `i`, normalised so that the base's
    /// mean is 1 (the configured open rate is then the base's average).
    pub fn propensity(&self, i: u32) -> f64 {
        self.engagement(i).weight() / self.mean_engagement
    }

    /// Number of recipients in the base at `at` (`created <= at`).
    pub fn in_base_count(&self, at: Instant) -> usize {
        self.created_sorted.partition_point(|c| *c <= at)
    }

    /// Recipients in the base at `at`, in creation order.
    pub fn in_base(&self, at: Instant) -> &[u32] {
        let n = self.in_base_count(at);
        self.by_created.get(..n).unwrap_or(&[])
    }

    /// Recipients created in `(after, upto]`, in creation order.
    pub fn created_between(&self, after: Instant, upto: Instant) -> &[u32] {
        let a = self.created_sorted.partition_point(|c| *c <= after);
        let b = self.created_sorted.partition_point(|c| *c <= upto);
        self.by_created.get(a..b.max(a)).unwrap_or(&[])
    }

    /// Recipients whose birthday month and day are `(month, day)`, index order.
    pub fn born_on(&self, month: u32, day: u32) -> &[u32] {
        let k = (month * 32 + day) as usize;
        let (Some(a), Some(b)) = (self.birthday_start.get(k), self.birthday_start.get(k + 1))
        else {
            return &[];
        };
        self.birthday_index
            .get(*a as usize..*b as usize)
            .unwrap_or(&[])
    }

    /// Approximate heap size of the base in bytes.
    pub fn heap_bytes(&self) -> usize {
        self.ids.len() * (8 + 8 + 4 + 1 + 8 + 1 + 6 + 4 + 8 + 4 + 4) + self.explicit_emails.len()
    }
}

/// The creation instants of a generated population's initial base: each at a
/// uniform instant of the two years before the horizon.
fn initial_creations(spec: &PopulationSpec, seed: u64, cal: &Calendar) -> Vec<Instant> {
    let span = 2 * 365 * 86_400;
    (0..spec.size)
        .map(|k| {
            let mut r = stream(seed, Purpose::Signups, u64::MAX, k);
            cal.horizon_start - 1 - r.below(span) as i64
        })
        .collect()
}

/// The creation instants of the year's signups: per local day, a binomial draw with
/// mean `signups_per_day × the weekday's relative weight` (integer-only: no exp()
/// from libm), each at a daytime-weighted local time; only those in the horizon.
fn signups(spec: &PopulationSpec, seed: u64, cal: &Calendar) -> Vec<Instant> {
    const HOURS: [f64; 24] = [
        1.0, 0.5, 0.3, 0.3, 0.3, 0.5, 1.0, 2.0, 3.0, 4.0, 4.0, 4.0, 5.0, 5.0, 4.0, 4.0, 4.0, 4.0,
        5.0, 6.0, 6.0, 5.0, 3.0, 2.0,
    ];
    let rhythm_sum: f64 = spec.weekly_rhythm.iter().sum();
    let mut out = Vec::new();
    let mut day = NaiveDate::from_ymd_opt(cal.year, 1, 1);
    while let Some(d) = day.filter(|d| d.year() == cal.year) {
        let weekday = d.weekday().num_days_from_monday() as usize;
        let w = spec.weekly_rhythm.get(weekday).copied().unwrap_or(1.0);
        let lambda = if rhythm_sum > 0.0 {
            spec.signups_per_day * w * 7.0 / rhythm_sum
        } else {
            0.0
        };
        if lambda > 0.0 {
            let mut r = stream(seed, Purpose::Signups, 0, d.ordinal() as u64);
            let trials = (lambda * 4.0).ceil().max(1.0) as u64;
            let p = lambda / trials as f64;
            let mut at_day = Vec::new();
            for _ in 0..trials {
                if r.chance(p) {
                    let h = r.weighted(&HOURS) as i64;
                    let secs = h * 3600 + r.below(3600) as i64;
                    let local =
                        d.and_hms_opt(0, 0, 0).unwrap_or_default() + Duration::seconds(secs);
                    at_day.push(cal.instant(local));
                }
            }
            at_day.sort_unstable();
            out.extend(at_day.into_iter().filter(|t| cal.in_horizon(*t)));
        }
        day = d.succ_opt();
    }
    out
}
