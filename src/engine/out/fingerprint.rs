//! The outcome's fingerprint: a stable 64-bit FNV-1a hash of everything it holds,
//! checked in for a few scenarios (tests/determinism) so native and wasm runs, and
//! every change of the engine, are proven to give the same bytes.

use super::outcome::Outcome;

impl Outcome {
    /// A stable 64-bit FNV-1a hash of everything the outcome holds (executions,
    /// deliveries, broadLog and tracking columns, journal). Equal natively and in
    /// wasm for the same document.
    pub fn fingerprint(&self) -> u64 {
        let mut h = Fnv::new();
        h.u64(self.executions.len() as u64);
        for e in &self.executions {
            h.i64(e.at);
            h.i64(e.scheduled);
            h.u64(u64::from(e.caught_up));
            h.u64(u64::from(e.targeted));
            h.u64(u64::from(e.delivery.unwrap_or(0)));
            h.u64(u64::from(e.rows_start));
            h.u64(u64::from(e.rows_end));
            h.u64(u64::from(e.content_version));
        }
        h.u64(self.deliveries.len() as u64);
        for d in &self.deliveries {
            h.u64(u64::from(d.id));
            h.bytes(d.label.as_bytes());
            h.i64(d.created);
            h.u64(u64::from(d.content_version));
            h.u64(u64::from(d.runs));
            h.u64(u64::from(d.broadlog.total));
            h.u64(u64::from(d.broadlog.sent));
            h.u64(u64::from(d.broadlog.failed));
        }
        h.u64(self.broadlog.len() as u64);
        for (r, execution) in self.broadlog.executions().enumerate() {
            h.u64(u64::from(
                self.broadlog.recipient.get(r).copied().unwrap_or(0),
            ));
            h.u64(u64::from(execution));
            h.u64(u64::from(self.broadlog.code.get(r).copied().unwrap_or(0)));
        }
        h.u64(self.tracking.len() as u64);
        for (t, offset) in self.tracking.offsets().enumerate() {
            h.u64(u64::from(
                self.tracking.broadlog_row.get(t).copied().unwrap_or(0),
            ));
            h.u64(u64::from(offset));
            h.u64(u64::from(self.tracking.code.get(t).copied().unwrap_or(0)));
        }
        h.u64(self.journal.len() as u64);
        for j in &self.journal {
            h.i64(j.at);
            h.u64(u64::from(j.count));
        }
        for i in 0..self.population.len() as u32 {
            h.u64(self.population.id(i));
            h.i64(self.population.created(i).unwrap_or(i64::MIN));
        }
        // Several workflows: which one ran each execution and made each delivery
        // (hashed only then, so a single workflow keeps its v1 fingerprint).
        if self.workflows.len() > 1 {
            for e in &self.executions {
                h.u64(u64::from(e.workflow));
            }
            for d in &self.deliveries {
                h.u64(u64::from(d.workflow));
            }
        }
        h.0
    }
}

/// FNV-1a, 64 bits.
struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
    fn bytes(&mut self, b: &[u8]) {
        for x in b {
            self.0 ^= u64::from(*x);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01B3);
        }
    }
    fn u64(&mut self, v: u64) {
        self.bytes(&v.to_le_bytes());
    }
    fn i64(&mut self, v: i64) {
        self.bytes(&v.to_le_bytes());
    }
}
