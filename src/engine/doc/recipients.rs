//! The document's explicit recipient base (`recipients`), read straight into columns,
//! and its checks.
//!
//! A list of 50,000 recipients used to become 150,000 owned strings (email, created,
//! birthday), half of a whole year's instructions (callgrind). [`Recipients`] is
//! deserialised element by element into a borrowed [`Recipient`]-shaped value whose
//! strings point into the JSON text, then appended to columns: the ids, one text for
//! every email, the dates already parsed. A date that is not one is kept as written,
//! so validation words its error exactly as before.

use super::error::Errors;
use super::names::by_name;
use super::time::{parse_date, parse_local_datetime};
use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use serde::de::{SeqAccess, Visitor};
use serde::ser::SerializeSeq;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;
use std::collections::HashMap;

/// One recipient of the explicit base, as the document writes it (to build a base in
/// code: `Recipients` is a `FromIterator<Recipient>`).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Recipient {
    pub id: u64,
    pub email: String,
    /// Local date-time `YYYY-MM-DDTHH:MM[:SS]`; absent = always in the base.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    /// `YYYY-MM-DD`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birthday: Option<String>,
    pub bounce: Bounce,
    /// Local date-time of the opt-out (denylist from then on).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unsubscribed: Option<String>,
}

/// How the recipient's address answers a send.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Bounce {
    #[default]
    None,
    Hard,
}

by_name!(Bounce, [None = "none", Hard = "hard"]);

/// One element of the list as serde reads it: the same fields, names, order and
/// errors as [`Recipient`] (serde words a type error with the struct's Rust name, so
/// this one is named `Recipient` too), its strings borrowed from the JSON text when
/// they hold no escape.
mod borrowed {
    use crate::engine::doc::recipients::Bounce;
    use serde::de::{Deserializer, Error, Visitor};
    use serde::Deserialize;
    use std::borrow::Cow;

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(super) struct Recipient<'a> {
        pub id: u64,
        #[serde(borrow)]
        pub email: Text<'a>,
        #[serde(default, borrow)]
        pub created: Option<Text<'a>>,
        #[serde(default, borrow)]
        pub birthday: Option<Text<'a>>,
        #[serde(default)]
        pub bounce: Bounce,
        #[serde(default, borrow)]
        pub unsubscribed: Option<Text<'a>>,
    }

    /// A string borrowed from the JSON text (owned only when it holds an escape).
    /// Not `Cow<str>`: inside an `Option`, serde deserialises a `Cow` as an owned
    /// `String` (100,000 allocations for a list of 50,000).
    pub(super) struct Text<'a>(pub Cow<'a, str>);

    impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V<'a>(std::marker::PhantomData<&'a ()>);
            impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
                type Value = Text<'a>;
                // As `String` words it.
                fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str("a string")
                }
                fn visit_borrowed_str<E: Error>(self, v: &'de str) -> Result<Text<'a>, E> {
                    Ok(Text(Cow::Borrowed(v)))
                }
                fn visit_str<E: Error>(self, v: &str) -> Result<Text<'a>, E> {
                    Ok(Text(Cow::Owned(v.to_string())))
                }
                fn visit_string<E: Error>(self, v: String) -> Result<Text<'a>, E> {
                    Ok(Text(Cow::Owned(v)))
                }
            }
            d.deserialize_str(V(std::marker::PhantomData))
        }
    }
}

/// A date field of a recipient that is not a date, kept as written for its error.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Field {
    Created,
    Birthday,
    Unsubscribed,
}

/// The explicit recipients, by column. Index `i` of every column is recipient `i`
/// (document order).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Recipients {
    ids: Vec<u64>,
    /// Every email, one after the other.
    emails: String,
    /// End of recipient `i`'s email in `emails`.
    email_end: Vec<u32>,
    /// Local creation date-time (`None`: always in the base, or not a date-time).
    created: Vec<Option<NaiveDateTime>>,
    /// Birthday packed by [`pack_date`] (0: none, or not a date).
    birthday: Vec<u32>,
    hard: Vec<bool>,
    /// Local opt-out date-time.
    unsubscribed: Vec<Option<NaiveDateTime>>,
    /// Date fields that are not dates: (recipient, field, text), in document order.
    invalid: Vec<(u32, Field, String)>,
}

/// Packs a date as `year << 9 | month << 5 | day` (0 is "none": no date packs to 0).
pub fn pack_date(d: NaiveDate) -> u32 {
    ((d.year().clamp(0, 8000) as u32) << 9) | (d.month() << 5) | d.day()
}

/// The date of a [`pack_date`] value (`None` for 0).
pub fn unpack_date(b: u32) -> Option<NaiveDate> {
    if b == 0 {
        return None;
    }
    NaiveDate::from_ymd_opt((b >> 9) as i32, (b >> 5) & 0xF, b & 0x1F)
}

impl Recipients {
    /// Number of recipients.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// No recipient.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The ids, by recipient.
    pub fn ids(&self) -> &[u64] {
        &self.ids
    }

    /// Every email, one after the other, and where each ends: the base takes them
    /// as they are.
    pub fn email_text(&self) -> (&str, &[u32]) {
        (&self.emails, &self.email_end)
    }

    /// The email of recipient `i` (`""` past the end).
    pub fn email(&self, i: usize) -> &str {
        let start = match i.checked_sub(1) {
            Some(k) => self.email_end.get(k).copied().unwrap_or(0),
            None => 0,
        };
        let end = self.email_end.get(i).copied().unwrap_or(start);
        self.emails.get(start as usize..end as usize).unwrap_or("")
    }

    /// Local creation date-times (`None`: always in the base).
    pub fn created(&self) -> &[Option<NaiveDateTime>] {
        &self.created
    }

    /// Birthdays packed by [`pack_date`] (0: none).
    pub fn birthdays(&self) -> &[u32] {
        &self.birthday
    }

    /// Addresses that hard-bounce on every send.
    pub fn hard_bounces(&self) -> &[bool] {
        &self.hard
    }

    /// Local opt-out date-times.
    pub fn unsubscribed(&self) -> &[Option<NaiveDateTime>] {
        &self.unsubscribed
    }

    /// Recipient `i` as the document writes it.
    pub fn get(&self, i: usize) -> Option<Recipient> {
        let id = *self.ids.get(i)?;
        let written = |field: Field| {
            self.invalid
                .iter()
                .find(|(k, f, _)| *k as usize == i && *f == field)
                .map(|(_, _, text)| text.clone())
        };
        let date_time = |v: Option<NaiveDateTime>, field| {
            v.map(|d| {
                if d.second() == 0 {
                    d.format("%Y-%m-%dT%H:%M").to_string()
                } else {
                    d.format("%Y-%m-%dT%H:%M:%S").to_string()
                }
            })
            .or_else(|| written(field))
        };
        Some(Recipient {
            id,
            email: self.email(i).to_string(),
            created: date_time(self.created.get(i).copied().flatten(), Field::Created),
            birthday: unpack_date(self.birthday.get(i).copied().unwrap_or(0))
                .map(|d| d.format("%Y-%m-%d").to_string())
                .or_else(|| written(Field::Birthday)),
            bounce: if self.hard.get(i).copied().unwrap_or(false) {
                Bounce::Hard
            } else {
                Bounce::None
            },
            unsubscribed: date_time(
                self.unsubscribed.get(i).copied().flatten(),
                Field::Unsubscribed,
            ),
        })
    }

    /// Appends one recipient from its written fields. `memo` remembers the last
    /// `created` text read: most bases share a few values (an import date).
    fn push_fields<'a>(
        &mut self,
        id: u64,
        email: &str,
        (created, birthday, unsubscribed): (Option<Cow<'a, str>>, Option<&str>, Option<&str>),
        bounce: Bounce,
        memo: &mut Option<(Cow<'a, str>, Option<NaiveDateTime>)>,
    ) {
        let i = self.ids.len() as u32;
        self.ids.push(id);
        self.emails.push_str(email);
        self.email_end.push(self.emails.len() as u32);
        let mut invalid = |field: Field, text: &str| {
            self.invalid.push((i, field, text.to_string()));
        };
        let created = created.and_then(|c| {
            let hit = memo.as_ref().filter(|(text, _)| *text == c).map(|m| m.1);
            let at = hit.unwrap_or_else(|| parse_local_datetime(&c));
            if at.is_none() {
                invalid(Field::Created, &c);
            }
            if hit.is_none() {
                *memo = Some((c, at));
            }
            at
        });
        let birthday = birthday.map_or(0, |b| match parse_date(b) {
            Some(d) => pack_date(d),
            None => {
                invalid(Field::Birthday, b);
                0
            }
        });
        let unsubscribed = unsubscribed.and_then(|u| {
            let parsed = parse_local_datetime(u);
            if parsed.is_none() {
                invalid(Field::Unsubscribed, u);
            }
            parsed
        });
        self.created.push(created);
        self.birthday.push(birthday);
        self.unsubscribed.push(unsubscribed);
        self.hard.push(bounce == Bounce::Hard);
    }
}

impl FromIterator<Recipient> for Recipients {
    fn from_iter<T: IntoIterator<Item = Recipient>>(iter: T) -> Self {
        let mut out = Recipients::default();
        let mut memo = None;
        for r in iter {
            let dates = (
                r.created.map(Cow::Owned),
                r.birthday.as_deref(),
                r.unsubscribed.as_deref(),
            );
            out.push_fields(r.id, &r.email, dates, r.bounce, &mut memo);
        }
        out
    }
}

impl<'de> Deserialize<'de> for Recipients {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct List;
        impl<'de> Visitor<'de> for List {
            type Value = Recipients;
            // As `Vec<Recipient>` words it, so errors read as they always did.
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a sequence")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Recipients, A::Error> {
                let n = seq.size_hint().unwrap_or(0);
                let mut out = Recipients {
                    ids: Vec::with_capacity(n),
                    email_end: Vec::with_capacity(n),
                    created: Vec::with_capacity(n),
                    birthday: Vec::with_capacity(n),
                    hard: Vec::with_capacity(n),
                    unsubscribed: Vec::with_capacity(n),
                    ..Recipients::default()
                };
                let mut memo = None;
                while let Some(r) = seq.next_element::<borrowed::Recipient<'de>>()? {
                    let dates = (
                        r.created.map(|t| t.0),
                        r.birthday.as_ref().map(|t| &*t.0),
                        r.unsubscribed.as_ref().map(|t| &*t.0),
                    );
                    out.push_fields(r.id, &r.email.0, dates, r.bounce, &mut memo);
                }
                Ok(out)
            }
        }
        d.deserialize_seq(List)
    }
}

impl Serialize for Recipients {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.len()))?;
        for i in 0..self.len() {
            if let Some(r) = self.get(i) {
                seq.serialize_element(&r)?;
            }
        }
        seq.end()
    }
}

/// Checks the explicit `recipients`: unique ids and emails, dates that exist.
pub fn validate_recipients(r: &Recipients, e: &mut Errors) {
    // Sized up front, and paths formatted only for an error: on a list of 50,000
    // recipients the eager `format!`s and rehashing were most of the parse
    // (callgrind, benches/engine.rs).
    let n = r.len();
    // Ids in increasing order (the usual export) cannot repeat: no id map then.
    let ids_increasing = r.ids.windows(2).all(|w| match w {
        [a, b] => a < b,
        _ => true,
    });
    let mut ids: HashMap<u64, usize, FastHash> = HashMap::with_hasher(FastHash);
    if !ids_increasing {
        ids.reserve(n);
    }
    let mut emails: HashMap<&str, usize, FastHash> = HashMap::with_capacity_and_hasher(n, FastHash);
    let mut invalid = r.invalid.iter().peekable();
    for (i, id) in r.ids.iter().enumerate() {
        let repeated = if ids_increasing {
            None
        } else {
            ids.insert(*id, i)
        };
        if let Some(first) = repeated {
            ids.insert(*id, first);
            e.push(
                format!("recipients[{i}].id"),
                format!("{id} is already the id of recipients[{first}]"),
            );
        }
        let email = r.email(i);
        if email.trim().is_empty() {
            e.push(format!("recipients[{i}].email"), "must not be empty");
        } else if let Some(first) = emails.insert(email, i) {
            emails.insert(email, first);
            e.push(
                format!("recipients[{i}].email"),
                format!("\"{email}\" is already the email of recipients[{first}]"),
            );
        }
        // Its dates that are not dates, as written (kept in field order).
        while let Some((_, field, text)) = invalid.next_if(|(k, _, _)| *k as usize == i) {
            match field {
                Field::Created => {
                    e.local_datetime(&format!("recipients[{i}].created"), text);
                }
                Field::Birthday => {
                    e.date(&format!("recipients[{i}].birthday"), text);
                }
                Field::Unsubscribed => {
                    e.local_datetime(&format!("recipients[{i}].unsubscribed"), text);
                }
            }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn list(json: &str) -> Result<Recipients, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    #[test]
    fn a_list_reads_into_columns_and_back() {
        let r = list(
            r#"[{"id": 3, "email": "a@x.test", "created": "2026-01-02T09:00", "birthday": "1990-02-28"},
                {"id": 4, "email": "b\u0040x.test", "bounce": "hard", "unsubscribed": "2026-03-01T10:00:30"}]"#,
        )
        .unwrap();
        assert_eq!(r.len(), 2);
        assert_eq!((r.email(0), r.email(1)), ("a@x.test", "b@x.test"));
        assert_eq!(r.hard_bounces(), &[false, true]);
        assert_eq!(
            unpack_date(r.birthdays()[0]),
            NaiveDate::from_ymd_opt(1990, 2, 28)
        );
        let back = r.get(1).unwrap();
        assert_eq!(back.unsubscribed.as_deref(), Some("2026-03-01T10:00:30"));
        assert_eq!(back.bounce, Bounce::Hard);
        assert_eq!(
            r.get(0).unwrap().created.as_deref(),
            Some("2026-01-02T09:00")
        );
        // What is built in code equals what is read.
        let same: Recipients = [r.get(0).unwrap(), r.get(1).unwrap()].into_iter().collect();
        assert_eq!(same, r);
    }

    #[test]
    fn serde_errors_read_as_for_a_list_of_structs() {
        assert_eq!(
            list(r#"[{"id": 1, "email": "a@x.test", "nme": 1}]"#).unwrap_err(),
            "unknown field `nme`, expected one of `id`, `email`, `created`, `birthday`, `bounce`, `unsubscribed` at line 1 column 37"
        );
        assert!(list(r#"[{"email": "a@x.test"}]"#)
            .unwrap_err()
            .starts_with("missing field `id`"));
        assert!(list(r#"[{"id": 1, "email": 5}]"#)
            .unwrap_err()
            .starts_with("invalid type: integer `5`, expected a string"));
        assert!(list(r#"[1]"#)
            .unwrap_err()
            .starts_with("invalid type: integer `1`, expected struct Recipient"));
        assert!(list(r#"5"#)
            .unwrap_err()
            .starts_with("invalid type: integer `5`, expected a sequence"));
    }

    #[test]
    fn dates_that_are_not_dates_are_reported_as_written() {
        let r = list(
            r#"[{"id": 1, "email": "a@x.test", "created": "2026-02-30T09:00", "birthday": "1990-13-01"},
                {"id": 1, "email": "a@x.test", "unsubscribed": "soon"}]"#,
        )
        .unwrap();
        let mut e = Errors::default();
        validate_recipients(&r, &mut e);
        let lines: Vec<String> = e.0.iter().map(ToString::to_string).collect();
        assert_eq!(
            lines,
            [
                r#"recipients[0].created: "2026-02-30T09:00" is not a local date-time YYYY-MM-DDTHH:MM[:SS] that exists"#,
                r#"recipients[0].birthday: "1990-13-01" is not a date YYYY-MM-DD that exists"#,
                "recipients[1].id: 1 is already the id of recipients[0]",
                r#"recipients[1].email: "a@x.test" is already the email of recipients[0]"#,
                r#"recipients[1].unsubscribed: "soon" is not a local date-time YYYY-MM-DDTHH:MM[:SS] that exists"#,
            ]
        );
        assert_eq!(r.get(0).unwrap().birthday.as_deref(), Some("1990-13-01"));
    }
}
