//! Runs the engine benchmark on 1k recipients, once, so `cargo test` keeps the
//! harness compiling and working. No timing is asserted (shared machines are noisy);
//! what is asserted is what the table reports besides time.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../benches/engine.rs"]
#[allow(dead_code)]
mod engine_bench;

use engine_bench::native::{run, Opts};

#[test]
fn smoke_bench_measures_every_scenario_and_prints_the_table() {
    let r = run(&Opts::smoke());
    assert_eq!(r.explicit.len(), 3, "weekly, birthday, continuous");
    // A weekly send to everyone: 52 Mondays × 1000 generated recipients.
    assert_eq!(r.explicit[0].broadlog, 52 * 1000);
    assert!(r
        .explicit
        .iter()
        .all(|x| x.broadlog > 0 && x.deliveries > 0));
    let tracked = &r.generated[1];
    assert!(tracked.tracking > 0, "tracking on gives tracking rows");
    // Contract v2: four workflows on one base, the pressure rule excluding some rows.
    let workflows = &r.generated[2];
    assert!(
        workflows.name.starts_with("4 workflows"),
        "{}",
        workflows.name
    );
    assert!(workflows.broadlog > 0 && workflows.deliveries > 0);
    assert_eq!(r.scaling.len(), 2);
    assert_eq!(r.scaling[1].rows, 2 * r.scaling[0].rows);
    // Memory is deterministic, unlike time: the columns must stay compact.
    // 5 bytes of columns a row (recipient u32 + reason byte) plus per-execution data.
    assert!(r.broadlog_bytes_per_row > 4.0 && r.broadlog_bytes_per_row < 40.0);
    let table = r.table();
    for needle in [
        "SMOKE",
        "rows/s",
        "per broadLog row",
        "≥ 50 M rows/s",
        "scaling",
    ] {
        assert!(table.contains(needle), "{needle} missing from\n{table}");
    }
}

#[test]
fn bench_options_are_checked() {
    let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert!(Opts::parse(&args(&["--runs", "0"])).is_err());
    assert!(Opts::parse(&args(&["--frobnicate"])).is_err());
    let o = Opts::parse(&args(&["--bench", "--runs", "3", "--no-1m"])).unwrap();
    assert_eq!(o.runs, 3);
    assert!(!o.million && o.baseline);
}
