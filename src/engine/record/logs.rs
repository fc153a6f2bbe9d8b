//! The send log (broadLog) and the tracking log, stored by column.
//!
//! A broadLog row is 5 bytes: recipient index (u32) and one byte that is its
//! [`Reason`] (status and failure type derive from it). Its execution is the range
//! of rows it falls in (an execution's rows are contiguous); its delivery and event
//! instant derive from the execution. A tracking row is 7 bytes:
//! broadLog row (u32), second within its hour (u16; the hour is a row range of a
//! per-hour table) and one packed byte (kind, device, URL, "first of its message"
//! flag); delivery and recipient derive from the broadLog row.

use crate::engine::calendar::Instant;
use serde::{Deserialize, Serialize};

/// Status of a broadLog row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Handed to the mail server.
    Sent,
    /// The address bounced.
    Failed,
    /// Not sent: excluded before sending (denylist, quarantine, pressure rule).
    Ignored,
}

impl Status {
    /// Every status.
    pub const ALL: [Status; 3] = [Status::Sent, Status::Failed, Status::Ignored];

    /// The stable name (its JSON name, the exports' and lesson files' value).
    pub fn name(self) -> &'static str {
        match self {
            Status::Sent => "sent",
            Status::Failed => "failed",
            Status::Ignored => "ignored",
        }
    }

    /// The status of a name ([`Status::name`]).
    pub fn from_name(name: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.name() == name)
    }
}

/// Failure type of a failed or ignored row, as the platform shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FailureType {
    /// Permanent error (the address does not exist).
    Hard,
    /// Temporary error (mailbox full…).
    Soft,
    /// Excluded before sending.
    Ignored,
}

impl FailureType {
    /// The stable name (its JSON name).
    pub fn name(self) -> &'static str {
        match self {
            FailureType::Hard => "hard",
            FailureType::Soft => "soft",
            FailureType::Ignored => "ignored",
        }
    }
}

/// Why a row has its status. Stable snake_case names; the UI translates them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[repr(u8)]
pub enum Reason {
    /// Sent normally.
    Sent = 0,
    /// Hard bounce: user unknown (the address is quarantined from that instant).
    UserUnknown = 1,
    /// Soft bounce: mailbox full.
    MailboxFull = 2,
    /// The address is in quarantine.
    Quarantined = 3,
    /// The profile is on the denylist (opted out).
    Denylisted = 4,
    /// Excluded by the pressure (fatigue) rule.
    ExcludedByArbitration = 5,
}

/// Number of [`Reason`] values.
pub const REASONS: usize = 6;

impl Reason {
    /// All reasons, in code order.
    pub const ALL: [Reason; REASONS] = [
        Reason::Sent,
        Reason::UserUnknown,
        Reason::MailboxFull,
        Reason::Quarantined,
        Reason::Denylisted,
        Reason::ExcludedByArbitration,
    ];

    /// The stable name (its JSON name, the exports' and lesson files' value).
    pub fn name(self) -> &'static str {
        match self {
            Reason::Sent => "sent",
            Reason::UserUnknown => "user_unknown",
            Reason::MailboxFull => "mailbox_full",
            Reason::Quarantined => "quarantined",
            Reason::Denylisted => "denylisted",
            Reason::ExcludedByArbitration => "excluded_by_arbitration",
        }
    }

    /// The reason of a name ([`Reason::name`]).
    pub fn from_name(name: &str) -> Option<Reason> {
        Reason::ALL.into_iter().find(|r| r.name() == name)
    }

    /// From the stored byte.
    pub fn from_code(c: u8) -> Reason {
        Reason::ALL.get(c as usize).copied().unwrap_or(Reason::Sent)
    }

    /// The status this reason gives.
    pub fn status(self) -> Status {
        match self {
            Reason::Sent => Status::Sent,
            Reason::UserUnknown | Reason::MailboxFull => Status::Failed,
            Reason::Quarantined | Reason::Denylisted | Reason::ExcludedByArbitration => {
                Status::Ignored
            }
        }
    }

    /// The failure type (none for a sent row).
    pub fn failure_type(self) -> Option<FailureType> {
        match self {
            Reason::Sent => None,
            Reason::UserUnknown => Some(FailureType::Hard),
            Reason::MailboxFull => Some(FailureType::Soft),
            _ => Some(FailureType::Ignored),
        }
    }
}

/// One broadLog row, materialised.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct BroadLogRow {
    /// Row id, 1-based, in append order.
    pub id: u64,
    /// Delivery id.
    pub delivery: u32,
    /// Recipient index in the population.
    pub recipient: u32,
    /// Recipient id.
    pub recipient_id: u64,
    /// Execution index.
    pub execution: u32,
    /// Event instant (the execution's instant).
    pub at: Instant,
    pub status: Status,
    pub failure_type: Option<FailureType>,
    /// `None` for a sent row.
    pub reason: Option<Reason>,
}

/// The broadLog: one row per targeted recipient per execution, in append order.
#[derive(Clone, Debug, Default)]
pub struct BroadLog {
    pub(crate) recipient: Vec<u32>,
    pub(crate) code: Vec<u8>,
    /// Per execution: the end of its rows (rows of an execution are contiguous, so
    /// a row's execution is a search here rather than 4 bytes a row).
    pub(crate) exec_end: Vec<u32>,
    /// Per execution: instant and delivery id (0 = none).
    pub(crate) exec_at: Vec<Instant>,
    pub(crate) exec_delivery: Vec<u32>,
    pub(crate) ids: Vec<u64>,
}

impl BroadLog {
    /// Number of rows.
    pub fn len(&self) -> usize {
        self.code.len()
    }

    /// No row.
    pub fn is_empty(&self) -> bool {
        self.code.is_empty()
    }

    /// Row `i` (0-based); `None` past the end.
    pub fn row(&self, i: usize) -> Option<BroadLogRow> {
        let recipient = *self.recipient.get(i)?;
        let execution = self.execution_of(i)?;
        let reason = Reason::from_code(*self.code.get(i)?);
        Some(BroadLogRow {
            id: i as u64 + 1,
            delivery: self
                .exec_delivery
                .get(execution as usize)
                .copied()
                .unwrap_or(0),
            recipient,
            recipient_id: self.ids.get(recipient as usize).copied().unwrap_or(0),
            execution,
            at: self.exec_at.get(execution as usize).copied().unwrap_or(0),
            status: reason.status(),
            failure_type: reason.failure_type(),
            reason: (reason != Reason::Sent).then_some(reason),
        })
    }

    /// Execution index of row `i`. O(log executions).
    pub fn execution_of(&self, i: usize) -> Option<u32> {
        if i >= self.len() {
            return None;
        }
        Some(self.exec_end.partition_point(|e| *e as usize <= i) as u32)
    }

    /// Execution index of every row, in row order. O(rows + executions).
    pub(crate) fn executions(&self) -> impl Iterator<Item = u32> + '_ {
        let mut k = 0usize;
        (0..self.len()).map(move |i| {
            while self.exec_end.get(k).is_some_and(|e| *e as usize <= i) {
                k += 1;
            }
            k as u32
        })
    }

    /// Recipient index of row `i`.
    pub fn recipient_of(&self, i: usize) -> Option<u32> {
        self.recipient.get(i).copied()
    }

    /// Reason of row `i`.
    pub fn reason_of(&self, i: usize) -> Option<Reason> {
        self.code.get(i).map(|c| Reason::from_code(*c))
    }

    /// Bytes per row of the stored columns.
    pub const BYTES_PER_ROW: usize = 4 + 1;
}

/// Kind of a tracking event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TrackingKind {
    Open = 0,
    Click = 1,
    /// A click on the opt-out link: the profile goes on the denylist.
    Optout = 2,
    /// A view of the mirror page (the web version of the email).
    Mirror = 3,
}

impl TrackingKind {
    /// Every kind, in code order.
    pub const ALL: [TrackingKind; 4] = [
        TrackingKind::Open,
        TrackingKind::Click,
        TrackingKind::Optout,
        TrackingKind::Mirror,
    ];

    /// The stable name (its JSON name).
    pub fn name(self) -> &'static str {
        match self {
            TrackingKind::Open => "open",
            TrackingKind::Click => "click",
            TrackingKind::Optout => "optout",
            TrackingKind::Mirror => "mirror",
        }
    }
}

/// Device of a tracking event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Device {
    Desktop = 0,
    Mobile = 1,
    Tablet = 2,
}

impl Device {
    /// All devices, in code order.
    pub const ALL: [Device; 3] = [Device::Desktop, Device::Mobile, Device::Tablet];

    /// The stable name (its JSON name).
    pub fn name(self) -> &'static str {
        match self {
            Device::Desktop => "desktop",
            Device::Mobile => "mobile",
            Device::Tablet => "tablet",
        }
    }
}

/// One tracking row, materialised.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct TrackingRow {
    /// 0-based index of the broadLog row it belongs to.
    pub broadlog_row: u32,
    pub delivery: u32,
    pub recipient: u32,
    pub recipient_id: u64,
    pub at: Instant,
    pub kind: TrackingKind,
    /// Clicked link number (0-based) for clicks, `None` otherwise.
    pub url: Option<u8>,
    pub device: Device,
    /// First event of its kind for this broadLog row (distinct opens/clicks).
    pub first: bool,
}

/// Packs kind (2 bits), device (2 bits), url (3 bits), first (1 bit).
pub(crate) fn pack_tracking(kind: TrackingKind, device: Device, url: u8, first: bool) -> u8 {
    (kind as u8) | ((device as u8) << 2) | ((url & 7) << 4) | (u8::from(first) << 7)
}

pub(crate) fn unpack_kind(c: u8) -> TrackingKind {
    match c & 3 {
        0 => TrackingKind::Open,
        1 => TrackingKind::Click,
        2 => TrackingKind::Optout,
        _ => TrackingKind::Mirror,
    }
}

pub(crate) fn unpack_first(c: u8) -> bool {
    c & 0x80 != 0
}

/// Tracking rows by column, sorted by time (ties: broadLog row, then kind).
///
/// The instant is stored as the hour since the horizon start, implicit in
/// `hour_start` (rows are sorted by time, so an hour is a range of rows), and the
/// second within that hour (`u16`): 2 bytes a row instead of 4 for a `u32` offset,
/// plus 4 bytes per hour of the horizon (35 KB for a year).
#[derive(Clone, Debug, Default)]
pub struct TrackingColumns {
    pub(crate) broadlog_row: Vec<u32>,
    /// Second within its hour (0‥3599).
    pub(crate) second: Vec<u16>,
    /// `hour_start[h]`: the first row at or after hour `h`; one more entry than
    /// hours, the last being the number of rows.
    pub(crate) hour_start: Vec<u32>,
    pub(crate) code: Vec<u8>,
    pub(crate) origin: Instant,
}

const HOUR: u32 = 3600;

impl TrackingColumns {
    /// Empty columns with room for `n` rows, instants counted from `origin`.
    pub(crate) fn with_capacity(origin: Instant, n: usize) -> TrackingColumns {
        TrackingColumns {
            broadlog_row: Vec::with_capacity(n),
            second: Vec::with_capacity(n),
            hour_start: Vec::new(),
            code: Vec::with_capacity(n),
            origin,
        }
    }

    /// Appends a row at `offset` seconds from the origin; rows come in time order.
    pub(crate) fn push(&mut self, broadlog_row: u32, offset: u32, code: u8) {
        let hour = (offset / HOUR) as usize;
        let row = self.code.len() as u32;
        while self.hour_start.len() <= hour {
            self.hour_start.push(row);
        }
        self.broadlog_row.push(broadlog_row);
        self.second.push((offset % HOUR) as u16);
        self.code.push(code);
    }

    /// Closes the hour table (after the last push).
    pub(crate) fn finish(&mut self) {
        self.hour_start.push(self.code.len() as u32);
        self.hour_start.shrink_to_fit();
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.code.len()
    }
    /// No row.
    pub fn is_empty(&self) -> bool {
        self.code.is_empty()
    }

    /// Seconds from the origin of row `i`. O(log hours).
    pub(crate) fn offset(&self, i: usize) -> Option<u32> {
        let sec = u32::from(*self.second.get(i)?);
        let hour = self
            .hour_start
            .partition_point(|s| *s as usize <= i)
            .checked_sub(1)?;
        Some(hour as u32 * HOUR + sec)
    }

    /// Seconds from the origin of every row, in row order. O(rows + hours).
    pub(crate) fn offsets(&self) -> impl Iterator<Item = u32> + '_ {
        let mut hour = 0usize;
        self.second.iter().enumerate().map(move |(i, sec)| {
            while self
                .hour_start
                .get(hour + 1)
                .is_some_and(|next| *next as usize <= i)
            {
                hour += 1;
            }
            hour as u32 * HOUR + u32::from(*sec)
        })
    }

    /// Number of rows at or before `t`.
    pub fn count_until(&self, t: Instant) -> usize {
        let off = t - self.origin;
        if off < 0 {
            return 0;
        }
        let Ok(off) = u32::try_from(off) else {
            return self.len();
        };
        let hour = (off / HOUR) as usize;
        let (Some(a), Some(b)) = (self.hour_start.get(hour), self.hour_start.get(hour + 1)) else {
            return self.len();
        };
        let within = (off % HOUR) as u16;
        let secs = self.second.get(*a as usize..*b as usize).unwrap_or(&[]);
        *a as usize + secs.partition_point(|s| *s <= within)
    }

    /// Bytes per row of the stored columns.
    pub const BYTES_PER_ROW: usize = 4 + 2 + 1;
}

/// The tracking log as the UI reads it: rows resolved through the broadLog.
#[derive(Clone, Copy, Debug)]
pub struct TrackingLog<'a> {
    pub(crate) cols: &'a TrackingColumns,
    pub(crate) broadlog: &'a BroadLog,
}

impl TrackingLog<'_> {
    /// Number of rows.
    pub fn len(&self) -> usize {
        self.cols.len()
    }

    /// No row.
    pub fn is_empty(&self) -> bool {
        self.cols.is_empty()
    }

    /// Number of rows at or before instant `t` (rows are sorted by time).
    pub fn count_until(&self, t: Instant) -> usize {
        self.cols.count_until(t)
    }

    /// Row `i` (0-based, time order).
    pub fn row(&self, i: usize) -> Option<TrackingRow> {
        let bl = *self.cols.broadlog_row.get(i)?;
        let off = self.cols.offset(i)?;
        let code = *self.cols.code.get(i)?;
        let b = self.broadlog.row(bl as usize)?;
        let kind = unpack_kind(code);
        Some(TrackingRow {
            broadlog_row: bl,
            delivery: b.delivery,
            recipient: b.recipient,
            recipient_id: b.recipient_id,
            at: self.cols.origin + i64::from(off),
            kind,
            url: (kind == TrackingKind::Click).then_some((code >> 4) & 7),
            device: Device::ALL
                .get(((code >> 2) & 3) as usize)
                .copied()
                .unwrap_or(Device::Desktop),
            first: unpack_first(code),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each name is the JSON name, and reads back.
    #[test]
    fn names_are_the_json_names() {
        let json = |v: serde_json::Value| v.as_str().unwrap_or_default().to_string();
        for s in Status::ALL {
            assert_eq!(s.name(), json(serde_json::to_value(s).unwrap()));
            assert_eq!(Status::from_name(s.name()), Some(s));
        }
        for r in Reason::ALL {
            assert_eq!(r.name(), json(serde_json::to_value(r).unwrap()));
            assert_eq!(Reason::from_name(r.name()), Some(r));
        }
        for t in [FailureType::Hard, FailureType::Soft, FailureType::Ignored] {
            assert_eq!(t.name(), json(serde_json::to_value(t).unwrap()));
        }
        for k in TrackingKind::ALL {
            assert_eq!(k.name(), json(serde_json::to_value(k).unwrap()));
        }
        for d in Device::ALL {
            assert_eq!(d.name(), json(serde_json::to_value(d).unwrap()));
        }
        assert_eq!(Status::from_name("Sent"), None);
        assert_eq!(Reason::from_name("UserUnknown"), None);
    }
}
