//! IANA time zones from 1900 to 2200 and beyond: a compact table generated from the
//! tzdata plus each zone's POSIX TZ rule.
//!
//! `scripts/gen-zones.py` reads the system's TZif files and writes `zones.bin` (every
//! zone, native builds) and `zones-web.bin` (the names in `web-zones.txt`, the wasm
//! build). Per zone: the UTC offset in force on 1899-12-31T00:00Z, the instants from
//! then on at which the offset changes, and the TZif footer, the POSIX TZ rule
//! ([`posix`]) that gives the offset after the last of them (so there is no last year:
//! America/New_York has summer time in 2100 and 2200 too). Instants before the first
//! kept change get the offset of 1900 (local mean times before it are dropped).
//!
//! A zone's record is decoded once, on its first use, into an immutable table shared by
//! every [`Zone`] handle (the only state here; the answers never depend on it). Lookups
//! are a binary search in the table, or a few date computations with the rule, without
//! allocating; a [`Span`] (a calendar's year) is a scan of a few entries.

pub mod posix;

use std::sync::OnceLock;

use posix::{Change, PosixTz, MAX_CHANGES};

/// The encoded tables this build carries.
#[cfg(not(target_arch = "wasm32"))]
static DATA: &[u8] = include_bytes!("zones.bin");
#[cfg(target_arch = "wasm32")]
static DATA: &[u8] = include_bytes!("zones-web.bin");

/// Local and UTC readings of one instant differ by less than this (any offset is
/// under 25 hours; the generator checks it), so the instants that can show a local
/// time lie within this distance of it.
const MAX_OFFSET: i64 = 25 * 3600;

/// A time zone: a name and its (shared) decoded data. `Copy`, compared by name.
#[derive(Clone, Copy)]
pub struct Zone {
    name: &'static str,
    data: &'static ZoneData,
}

impl PartialEq for Zone {
    fn eq(&self, other: &Zone) -> bool {
        self.name == other.name
    }
}

impl Eq for Zone {}

impl std::fmt::Debug for Zone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

/// One decoded zone record.
#[derive(Debug)]
struct ZoneData {
    /// The offset before the first change.
    initial: i32,
    /// Instants at which the offset changes, ascending.
    at: Vec<i64>,
    /// The offset from each of them.
    offset: Vec<i32>,
    /// The rule after the last change (`None` only for a footer that does not parse,
    /// which the tests rule out: the last offset then simply continues).
    rule: Option<PosixTz>,
}

/// A decoded table of zones (the build's own, or one read from bytes for a test).
pub struct Table {
    version: &'static str,
    /// Names, sorted, with the index of their zone record.
    names: Vec<(&'static str, usize)>,
    /// Each record's bytes and, once used, its decoded data.
    zones: Vec<(&'static [u8], OnceLock<ZoneData>)>,
}

impl Table {
    /// The table this build carries (every zone natively, `web-zones.txt` in wasm).
    pub fn carried() -> &'static Table {
        static TABLE: OnceLock<Table> = OnceLock::new();
        TABLE.get_or_init(|| Table::parse(DATA).unwrap_or_else(Table::empty))
    }

    fn empty() -> Table {
        Table {
            version: "",
            names: Vec::new(),
            zones: Vec::new(),
        }
    }

    /// Reads a table written by `scripts/gen-zones.py`; `None` if the bytes are not one.
    pub fn parse(bytes: &'static [u8]) -> Option<Table> {
        let mut r = Reader { b: bytes, i: 0 };
        if r.take(4)? != b"TZC1" {
            return None;
        }
        let version = r.text()?;
        r.signed()?; // the cut (documentation only: the records are self-contained)
        let n = r.uint()?;
        let mut zones = Vec::with_capacity(n.min(4096));
        for _ in 0..n {
            let len = r.uint()?;
            zones.push((r.take(len)?, OnceLock::new()));
        }
        let n = r.uint()?;
        let mut names = Vec::with_capacity(n.min(4096));
        for _ in 0..n {
            let name = r.text()?;
            let zone = r.uint()?;
            if zone >= zones.len() {
                return None;
            }
            names.push((name, zone));
        }
        if r.i != bytes.len() || !names.is_sorted_by(|a, b| a.0 < b.0) {
            return None;
        }
        Some(Table {
            version,
            names,
            zones,
        })
    }

    /// The tzdata release the table was generated from (e.g. `2025b`).
    pub fn version(&self) -> &'static str {
        self.version
    }

    /// Every zone name, sorted.
    pub fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.names.iter().map(|n| n.0)
    }

    /// The zone named `name` (IANA name, case-sensitive as in the tz database).
    pub fn zone(&'static self, name: &str) -> Option<Zone> {
        let i = self.names.binary_search_by(|n| n.0.cmp(name)).ok()?;
        let (name, z) = self.names[i];
        let (bytes, cell) = &self.zones[z];
        let data = cell.get_or_init(|| decode(bytes).unwrap_or(ZoneData::UTC));
        Some(Zone { name, data })
    }
}

impl ZoneData {
    /// What an undecodable record reads as (the tests check every record decodes).
    const UTC: ZoneData = ZoneData {
        initial: 0,
        at: Vec::new(),
        offset: Vec::new(),
        rule: None,
    };
}

/// Decodes one zone record (see `scripts/gen-zones.py` for the format).
fn decode(bytes: &'static [u8]) -> Option<ZoneData> {
    let mut r = Reader { b: bytes, i: 0 };
    let rule = PosixTz::parse(r.text()?);
    let n = r.uint()?;
    let mut offsets = Vec::with_capacity(n.min(256));
    for _ in 0..n {
        offsets.push(i32::try_from(r.signed()?).ok()?);
    }
    let initial = *offsets.get(r.uint()?)?;
    let n = r.uint()?;
    let mut at = Vec::with_capacity(n.min(bytes.len()));
    let mut t = CUT;
    for _ in 0..n {
        let v = i64::try_from(r.u64()?).ok()?;
        t = t.checked_add(if v & 1 == 1 { (v >> 1) * 60 } else { v >> 1 })?;
        at.push(t);
    }
    let offset = r
        .take(n)?
        .iter()
        .map(|&k| offsets.get(usize::from(k)).copied())
        .collect::<Option<Vec<i32>>>()?;
    if r.i != bytes.len() {
        return None;
    }
    Some(ZoneData {
        initial,
        at,
        offset,
        rule,
    })
}

/// 1899-12-31T00:00:00Z: the tables keep the changes from this instant on.
pub const CUT: i64 = -2_209_075_200;

struct Reader {
    b: &'static [u8],
    i: usize,
}

impl Reader {
    fn take(&mut self, n: usize) -> Option<&'static [u8]> {
        let s = self.b.get(self.i..self.i.checked_add(n)?)?;
        self.i += n;
        Some(s)
    }

    /// A LEB128 varint (64-bit: instants and their deltas exceed 32 bits, and
    /// `usize` has 32 in wasm).
    fn u64(&mut self) -> Option<u64> {
        let mut v: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = *self.b.get(self.i)?;
            self.i += 1;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }

    /// A varint used as a count, length or index.
    fn uint(&mut self) -> Option<usize> {
        usize::try_from(self.u64()?).ok()
    }

    fn signed(&mut self) -> Option<i64> {
        let v = i64::try_from(self.u64()?).ok()?;
        Some(if v & 1 == 0 { v >> 1 } else { -(v >> 1) - 1 })
    }

    fn text(&mut self) -> Option<&'static str> {
        let n = self.uint()?;
        std::str::from_utf8(self.take(n)?).ok()
    }
}

impl Zone {
    /// The zone named `name` in the table this build carries.
    pub fn named(name: &str) -> Option<Zone> {
        Table::carried().zone(name)
    }

    /// The IANA name.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The UTC offset at instant `t` (seconds since the epoch), in seconds east of UTC.
    pub fn offset_at(&self, t: i64) -> i32 {
        let z = self.data;
        match z.at.last() {
            Some(&last) if t < last => {
                let k = z.at.partition_point(|&a| a <= t);
                if k == 0 {
                    z.initial
                } else {
                    z.offset[k - 1]
                }
            }
            _ => self.after_table(t),
        }
    }

    /// The offset at `t` when `t` is at or after the last change of the table.
    fn after_table(&self, t: i64) -> i32 {
        let z = self.data;
        match &z.rule {
            Some(rule) => rule.offset_at(t),
            None => z.offset.last().copied().unwrap_or(z.initial),
        }
    }

    /// The first change of offset after `t`: its instant and the offset from it.
    pub fn next_change(&self, t: i64) -> Option<Change> {
        let z = self.data;
        let k = z.at.partition_point(|&a| a <= t);
        if k < z.at.len() {
            return Some((z.at[k], z.offset[k]));
        }
        z.rule.as_ref()?.next_change(t)
    }

    /// The instant of a local date-time (`local`: its seconds since 1970-01-01T00:00 as
    /// if it were UTC), by the contract's rule: a local time that happens twice is its
    /// first occurrence; one that does not exist (in a gap) is read with the offset in
    /// force before the gap.
    pub fn instant_of_local(&self, local: i64) -> i64 {
        // The offset before `lo`, then every change in (lo, hi]: the instants that can
        // show `local` lie in between.
        let (lo, hi) = (local - MAX_OFFSET, local + MAX_OFFSET);
        let mut changes = [(0, 0); 2 * MAX_CHANGES];
        let (offset, n) = self.window(lo, hi, &mut changes);
        walk(local, offset, &changes[..n])
    }

    /// The offset at `lo` and the changes of offset in `(lo, hi]` (a few days at most).
    fn window(&self, lo: i64, hi: i64, out: &mut [Change; 2 * MAX_CHANGES]) -> (i32, usize) {
        let z = self.data;
        if let (Some(rule), true) = (&z.rule, z.at.last().is_none_or(|&last| lo >= last)) {
            let mut buf = [(0, 0); MAX_CHANGES];
            let (offset, n) = rule.window(lo, hi, &mut buf);
            out[..n].copy_from_slice(&buf[..n]);
            return (offset, n);
        }
        (self.offset_at(lo), self.changes_between(lo, hi, out))
    }

    /// The changes of offset in `(after, until]` (a window of at most a few days).
    fn changes_between(
        &self,
        after: i64,
        until: i64,
        out: &mut [Change; 2 * MAX_CHANGES],
    ) -> usize {
        let z = self.data;
        let mut n = 0;
        let mut k = z.at.partition_point(|&a| a <= after);
        while k < z.at.len() && z.at[k] <= until && n < MAX_CHANGES {
            out[n] = (z.at[k], z.offset[k]);
            n += 1;
            k += 1;
        }
        // The rule holds from the last change of the table on.
        let last = z.at.last().copied().unwrap_or(i64::MIN);
        if let Some(rule) = &z.rule {
            if until > last {
                let mut buf = [(0, 0); MAX_CHANGES];
                let m = rule.changes_between(after.max(last), until, &mut buf);
                out[n..n + m].copy_from_slice(&buf[..m]);
                n += m;
            }
        }
        n
    }
}

/// The most changes a [`Span`] holds (tzdata has at most 4 in a year).
const SPAN_CHANGES: usize = 8;

/// A zone's offsets over a range of instants, copied out of its table and rule:
/// lookups inside it are a scan of a few entries. A calendar keeps the span of its
/// year, where nearly all of its conversions fall.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    lo: i64,
    hi: i64,
    /// The offset at `lo`.
    initial: i32,
    len: usize,
    /// The changes in `(lo, hi]`.
    changes: [Change; SPAN_CHANGES],
}

impl Zone {
    /// The span of instants `[lo, hi]`; `None` when it has too many changes to copy.
    pub fn span(&self, lo: i64, hi: i64) -> Option<Span> {
        let mut span = Span {
            lo,
            hi,
            initial: self.offset_at(lo),
            len: 0,
            changes: [(0, 0); SPAN_CHANGES],
        };
        let mut t = lo;
        while let Some(c) = self.next_change(t).filter(|c| c.0 <= hi) {
            *span.changes.get_mut(span.len)? = c;
            span.len += 1;
            t = c.0;
        }
        Some(span)
    }
}

impl Span {
    /// The offset at `t`, if `t` is inside the span.
    pub fn offset_at(&self, t: i64) -> Option<i32> {
        if t < self.lo || t > self.hi {
            return None;
        }
        let changes = &self.changes[..self.len];
        Some(match changes.iter().rposition(|c| c.0 <= t) {
            Some(i) => changes[i].1,
            None => self.initial,
        })
    }

    /// [`Zone::instant_of_local`], if every instant that can show `local` is inside
    /// the span.
    pub fn instant_of_local(&self, local: i64) -> Option<i64> {
        if local - MAX_OFFSET < self.lo || local + MAX_OFFSET > self.hi {
            return None;
        }
        Some(walk(local, self.initial, &self.changes[..self.len]))
    }
}

/// The contract's reading of `local`, given the offset in force at some instant before
/// every instant that can show it and the changes after that, in order.
fn walk(local: i64, mut offset: i32, changes: &[Change]) -> i64 {
    for &(at, next) in changes {
        // `offset` holds until `at`: local times up to at + offset read with it.
        if local - i64::from(offset) < at {
            return local - i64::from(offset);
        }
        // From `at` the clock shows at + next: below `local`'s reading means `local`
        // is in this change's gap, read with the offset before it.
        if local < at + i64::from(next) {
            return local - i64::from(offset);
        }
        offset = next;
    }
    local - i64::from(offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_record_decodes_and_every_rule_parses() {
        let t = Table::carried();
        assert!(t.names().count() > 500, "native builds carry every zone");
        for (bytes, _) in &t.zones {
            let z = decode(bytes).expect("record decodes");
            assert!(z.rule.is_some(), "footer parses");
            assert!(z.at.is_sorted_by(|a, b| a < b));
        }
    }

    #[test]
    fn names() {
        assert_eq!(
            Zone::named("Europe/Paris").map(|z| z.name()),
            Some("Europe/Paris")
        );
        assert!(Zone::named("europe/paris").is_none());
        assert!(Zone::named("Mars/Olympus").is_none());
        assert!(Zone::named("").is_none());
        assert_eq!(Zone::named("US/Eastern"), Zone::named("US/Eastern"));
        assert_ne!(Zone::named("US/Eastern"), Zone::named("America/New_York"));
    }
}
