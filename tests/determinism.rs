//! Determinism: each checked-in scenario gives its checked-in fingerprint natively;
//! `tests/web_determinism.rs` asserts the same constants in Chromium.
#![cfg(not(target_arch = "wasm32"))]

#[path = "determinism/cases.rs"]
mod cases;
#[path = "determinism/measure.rs"]
mod measure;

#[global_allocator]
static ALLOC: measure::Counting = measure::Counting;

/// The allocator counts every thread: the tests of this file run one at a time.
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

use campaign_sim::engine::{doc, sim};

#[test]
fn fingerprints_match_the_checked_in_values() {
    let _one = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let mut wrong = Vec::new();
    for (name, json, hash, rows) in cases::CASES {
        let s = doc::parse(json).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        let o = sim::simulate(&s).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        let got = (o.fingerprint(), o.broadlog().len());
        println!(
            "{name}: 0x{:016x}, {} broadLog rows, {} tracking rows",
            got.0,
            got.1,
            o.tracking().len()
        );
        if got != (*hash, *rows) {
            wrong.push(format!(
                "{name}: got (0x{:016x}, {}), expected (0x{hash:016x}, {rows})",
                got.0, got.1
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn running_twice_gives_the_same_fingerprint_and_a_seed_changes_it() {
    let _one = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let (_, json, _, _) = cases::CASES[3];
    let s = doc::parse(json).unwrap();
    let a = sim::simulate(&s).unwrap().fingerprint();
    let b = sim::simulate(&s).unwrap().fingerprint();
    assert_eq!(a, b);
    let mut other = s.clone();
    other.seed += 1;
    assert_ne!(
        sim::simulate(&other).unwrap().fingerprint(),
        a,
        "the seed drives the draws"
    );
}

/// The limits' bytes-per-row constants are not below what a run really allocates
/// (peak heap, growth included); `-- --nocapture` prints the numbers.
#[test]
fn memory_estimate_covers_the_measured_peak() {
    let _one = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    for line in measure::report() {
        println!("memory: {line}");
    }
}
