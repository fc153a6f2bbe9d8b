//! The Tracking activity: seeded behaviour of the people a message reaches (opens,
//! clicks, opt-outs, mirror-page views, devices, arrival delays) and the random hard
//! and soft bounces of a send.
//!
//! The rates are optional fields of the document's `tracking` object; this module
//! resolves their defaults and draws the events. Draws for one recipient in one
//! execution come from one stream (seed, recipient id, execution index), so the
//! same person reacts the same way in every delivery mode. Events arrive hours or
//! days after the send: they are collected as the year runs and sorted by time at its
//! end ([`Tracking::finish`]).

use crate::engine::base::population::Population;
use crate::engine::base::state::{RecipientState, DAY};
use crate::engine::calendar::{Calendar, Instant};
use crate::engine::doc::Tracking as TrackingSpec;
use crate::engine::record::kpi::Counters;
use crate::engine::record::logs::{
    pack_tracking, unpack_kind, Device, Reason, TrackingColumns, TrackingKind,
};
use crate::engine::rng::{stream_at, stream_key, Purpose, Rng};

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
    /// The model of a document's `tracking`, `None` when tracking is disabled.
    pub fn of(t: &TrackingSpec) -> Option<TrackingModel> {
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

/// A sent message, as its tracking events attach to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Message {
    /// The send's instant.
    pub at: Instant,
    /// The execution that sent it (keys the recipient's tracking stream).
    pub execution: u32,
    /// Its delivery.
    pub delivery: u32,
    /// Its broadLog row.
    pub row: u32,
}

/// Tracking checkpoints every this many rows (prefix counters).
pub(crate) const CHECKPOINT: usize = 256;

/// The Tracking activity of a simulation: the model, each recipient's stream keys,
/// and the events drawn so far.
#[derive(Clone, Debug)]
pub struct Tracking {
    model: TrackingModel,
    /// The send and tracking streams of a recipient differ only by execution: their
    /// keys once per recipient, not twice per row (perf: stream set-up was most of a
    /// tracked year).
    send_key: Vec<u64>,
    track_key: Vec<u64>,
    /// (seconds from the horizon start, broadLog row, delivery id, packed code).
    events: Vec<(u32, u32, u32, u8)>,
    scratch: Vec<(Instant, u8)>,
    origin: Instant,
    horizon_end: Instant,
}

/// The tracking log of a finished year, with its indexes.
#[derive(Clone, Debug, Default)]
pub struct TrackingResult {
    pub columns: TrackingColumns,
    /// Counters of tracking rows `[0, k × CHECKPOINT)`.
    pub checkpoints: Vec<Counters>,
    /// Tracking row indexes grouped by delivery (time order in each group).
    pub by_delivery: Vec<u32>,
    /// Where each delivery's group starts in `by_delivery` (one more than deliveries).
    pub delivery_start: Vec<u32>,
}

impl Tracking {
    /// The activity of a tracking model ([`TrackingModel::of`] the document's
    /// `tracking`) over `pop`.
    pub fn new(model: TrackingModel, seed: u64, pop: &Population, cal: &Calendar) -> Tracking {
        let (send_key, track_key) = (0..pop.len() as u32)
            .map(|i| {
                let id = pop.id(i);
                (
                    stream_key(seed, Purpose::Send, id),
                    stream_key(seed, Purpose::Track, id),
                )
            })
            .unzip();
        Tracking {
            model,
            send_key,
            track_key,
            events: Vec::new(),
            scratch: Vec::new(),
            origin: cal.horizon_start,
            horizon_end: cal.horizon_end,
        }
    }

    /// The resolved model.
    pub fn model(&self) -> &TrackingModel {
        &self.model
    }

    /// The random outcome of sending to recipient `i` at execution `execution` (an
    /// address that exists): a random hard bounce, a soft bounce, or sent.
    #[inline]
    pub fn send_outcome(&self, i: u32, execution: u32) -> Reason {
        let key = self.send_key.get(i as usize).copied().unwrap_or(0);
        let mut r = stream_at(key, u64::from(execution));
        if r.chance(self.model.hard_bounce_rate) {
            Reason::UserUnknown
        } else if r.chance(self.model.soft_bounce_rate) {
            Reason::MailboxFull
        } else {
            Reason::Sent
        }
    }

    /// A soft bounce of `i` at `at`: counted in the shared state, which quarantines
    /// the address after the model's limit.
    #[inline]
    pub fn soft_bounce(&self, state: &mut RecipientState, i: u32, at: Instant) {
        let m = &self.model;
        state.soft_bounce(
            i,
            at,
            m.soft_bounce_limit,
            i64::from(m.soft_bounce_reset_days) * DAY,
        );
    }

    /// Draws the events of the message `m` sent to `i`; an opt-out click denylists
    /// the profile from its instant on. Events after the year are dropped.
    pub fn sent(&mut self, pop: &Population, state: &mut RecipientState, i: u32, m: Message) {
        let Message {
            at,
            execution,
            delivery,
            row,
        } = m;
        let key = self.track_key.get(i as usize).copied().unwrap_or(0);
        let mut r = stream_at(key, u64::from(execution));
        self.scratch.clear();
        self.model
            .events(&mut r, at, pop.propensity(i), &mut self.scratch);
        for &(t, code) in &self.scratch {
            if t >= self.horizon_end {
                continue;
            }
            if unpack_kind(code) == TrackingKind::Optout {
                state.denylist(i, t);
            }
            let off = u32::try_from(t - self.origin).unwrap_or(u32::MAX);
            self.events.push((off, row, delivery, code));
        }
    }

    /// Events drawn so far.
    pub fn len(&self) -> usize {
        self.events.len()
    }

    /// No event drawn yet.
    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    /// The year is over: the events in time order (ties: broadLog row, then draw
    /// order) as the tracking log, with its checkpoints and per-delivery groups over
    /// `deliveries` deliveries.
    pub fn finish(self, deliveries: usize) -> TrackingResult {
        log_of(self.events, self.origin, deliveries)
    }
}

/// The empty tracking log of a year without tracking.
pub fn empty_log(origin: Instant, deliveries: usize) -> TrackingResult {
    log_of(Vec::new(), origin, deliveries)
}

fn log_of(mut events: Vec<(u32, u32, u32, u8)>, origin: Instant, nd: usize) -> TrackingResult {
    sort_by_offset(&mut events, |e| e.0);
    let mut columns = TrackingColumns::with_capacity(origin, events.len());
    let mut checkpoints = vec![Counters::default()];
    let mut acc = Counters::default();
    for (k, (off, row, _, code)) in events.iter().enumerate() {
        columns.push(*row, *off, *code);
        acc.add_tracking(*code);
        if (k + 1) % CHECKPOINT == 0 {
            checkpoints.push(acc);
        }
    }
    columns.finish();
    // Group tracking rows by delivery (counting sort, time order kept).
    let mut start = vec![0u32; nd + 2];
    for e in &events {
        if let Some(c) = start.get_mut(e.2 as usize) {
            *c += 1;
        }
    }
    // start[d] = rows of deliveries < d (ids are 1-based: start[0] is delivery 1).
    let mut acc_n = 0u32;
    let mut offsets = vec![0u32; nd + 1];
    for d in 1..=nd {
        if let Some(o) = offsets.get_mut(d - 1) {
            *o = acc_n;
        }
        acc_n += start.get(d).copied().unwrap_or(0);
    }
    if let Some(o) = offsets.get_mut(nd) {
        *o = acc_n;
    }
    drop(start);
    let mut fill = offsets.clone();
    let mut by_delivery = vec![0u32; columns.len()];
    for (t, e) in events.iter().enumerate() {
        let d = e.2 as usize;
        if let Some(slot) = d.checked_sub(1).and_then(|d| fill.get_mut(d)) {
            if let Some(cell) = by_delivery.get_mut(*slot as usize) {
                *cell = t as u32;
            }
            *slot += 1;
        }
    }
    TrackingResult {
        columns,
        checkpoints,
        by_delivery,
        delivery_start: offsets,
    }
}

/// Sorts the tracking events by their offset from the horizon start, ties in push
/// order. Rows are pushed in increasing broadLog row order and a row's events in
/// draw order, so this is the order "time, then broadLog row, then draw order". A
/// stable LSD radix sort on the 32-bit offset (two passes, O(n)): the
/// comparison sort it replaces took a third of a tracked year's instructions
/// (callgrind).
fn sort_by_offset<E: Copy>(events: &mut Vec<E>, offset: impl Fn(&E) -> u32) {
    if events.len() < 256 {
        events.sort_by_key(|e| offset(e));
        return;
    }
    // Two passes of half the significant bits each: a year is 25 bits, so 13-bit
    // digits, whose 8,192 buckets scatter with far fewer cache and TLB misses than
    // 65,536 (perf: the scatter was a tenth of a tracked year).
    let bits = 32
        - events
            .iter()
            .map(&offset)
            .max()
            .unwrap_or(0)
            .leading_zeros();
    let width = bits.div_ceil(2).max(1);
    let mask = (1u32 << width) - 1;
    let mut buf = events.clone();
    for shift in [0u32, width] {
        let digit = |e: &E| ((offset(e) >> shift) & mask) as usize;
        let mut start = vec![0usize; mask as usize + 2];
        for e in events.iter() {
            if let Some(c) = start.get_mut(digit(e) + 1) {
                *c += 1;
            }
        }
        for k in 1..start.len() {
            let prev = start.get(k - 1).copied().unwrap_or(0);
            if let Some(c) = start.get_mut(k) {
                *c += prev;
            }
        }
        for e in events.iter() {
            if let Some(slot) = start.get_mut(digit(e)) {
                if let Some(cell) = buf.get_mut(*slot) {
                    *cell = *e;
                }
                *slot += 1;
            }
        }
        std::mem::swap(events, &mut buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rng::stream;

    #[test]
    fn radix_sorted_events_equal_the_comparison_sort() {
        // Rows pushed in increasing order, several events per row, many ties in time
        // (also across the 16-bit digit boundary).
        let origin = 1_767_222_000;
        let mut r = stream(3, Purpose::Track, 0, 0);
        let mut events = Vec::new();
        for row in 0..5_000u32 {
            for k in 0..(r.below(4) as u8) {
                let t = origin + r.below(200_000) as i64;
                events.push((t, row, k));
            }
        }
        let mut expected = events.clone();
        expected.sort_by_key(|(t, row, _)| (*t, *row));
        sort_by_offset(&mut events, |e| (e.0 - origin) as u32);
        assert_eq!(events, expected);
    }

    #[test]
    fn defaults_fill_what_the_document_leaves_out() {
        assert_eq!(TrackingModel::of(&TrackingSpec::default()), None);
        let spec = TrackingSpec {
            enabled: true,
            open_rate: Some(0.5),
            ..TrackingSpec::default()
        };
        let m = TrackingModel::of(&spec).unwrap();
        assert_eq!(m.open_rate, 0.5);
        assert_eq!(m.click_rate, TrackingModel::default().click_rate);
    }

    #[test]
    fn events_come_after_the_send_and_the_first_open_is_flagged() {
        let m = TrackingModel {
            open_rate: 1.0,
            ..TrackingModel::default()
        };
        let mut out = Vec::new();
        let mut r = stream(1, Purpose::Track, 7, 0);
        m.events(&mut r, 1000, 1.0, &mut out);
        assert!(!out.is_empty());
        assert!(out.iter().all(|(t, _)| *t > 1000));
        assert!(crate::engine::record::logs::unpack_first(out[0].1));
        assert_eq!(unpack_kind(out[0].1), TrackingKind::Open);
    }
}
