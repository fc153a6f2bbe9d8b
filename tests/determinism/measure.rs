//! Peak heap measurement for the limits (`engine::sim::limits`): a counting global
//! allocator in the test binary, so the same code measures natively and in Chromium.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

pub struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = CURRENT.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            // A moving realloc holds both blocks for a moment.
            let now = CURRENT.fetch_add(new_size, Ordering::Relaxed) + new_size;
            PEAK.fetch_max(now, Ordering::Relaxed);
            CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
        }
        p
    }
}

/// Peak bytes allocated while `f` runs, above what was allocated before.
pub fn peak_during<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let base = CURRENT.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let out = f();
    (out, PEAK.load(Ordering::Relaxed).saturating_sub(base))
}

/// (scenario, what it measures): a large plain broadLog, and the same with tracking.
pub fn scenarios() -> [(&'static str, String); 2] {
    let doc = |tracking: bool| {
        format!(
            r#"{{"seed":3,"population":{{"size":10000}},
            "workflow":{{"scheduler":{{"frequency":"daily","times":["09:00"]}}}},
            "tracking":{{"enabled":{tracking}}}}}"#
        )
    };
    [("broadLog only", doc(false)), ("with tracking", doc(true))]
}

/// Runs the measurement scenarios; returns one line per scenario.
pub fn report() -> Vec<String> {
    use campaign_sim::engine::{doc, sim, sim::limits};
    let mut lines = Vec::new();
    for (what, json) in scenarios() {
        let s = doc::parse(&json).expect("measurement scenario parses");
        let est = limits::estimate(&s);
        let (o, peak) = peak_during(|| sim::simulate(&s).expect("runs"));
        let rows = o.broadlog().len();
        let tracking = o.tracking().len();
        lines.push(format!(
            "{what}: {rows} broadLog rows, {tracking} tracking rows, peak heap {peak} B \
             ({:.1} B per broadLog row, all included); estimate {} B ({:.2}× the measured peak)",
            peak as f64 / rows.max(1) as f64,
            est.bytes,
            est.bytes as f64 / peak.max(1) as f64,
        ));
        // The estimate must not be below what the run really used.
        assert!(
            est.bytes as usize >= peak,
            "{what}: estimate {} < peak {peak}",
            est.bytes
        );
        assert!(est.broadlog_rows_upper as usize >= rows);
    }
    lines
}
