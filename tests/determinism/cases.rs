//! Scenarios whose outcome fingerprint (FNV-1a of every execution, delivery,
//! broadLog and tracking row, journal entry and recipient) is checked in: the same
//! constants are asserted natively (`tests/determinism.rs`) and in Chromium
//! (`tests/web_determinism.rs`), so native and wasm runs are proven identical.
//!
//! A deliberate engine change that alters the logs changes these hashes: rerun
//! `cargo test --test determinism -- --nocapture` and copy the printed values.

/// (name, scenario document, expected `Outcome::fingerprint()`, expected broadLog rows).
pub const CASES: &[(&str, &str, u64, usize)] = &[
    (
        "weekly-newsletter-recurring",
        include_str!("weekly-newsletter-recurring.json"),
        0x4bd9_6acb_fbcf_e830,
        2080,
    ),
    (
        "birthday-daily-recurring",
        include_str!("birthday-daily-recurring.json"),
        0x6d3f_d0fd_ea12_508f,
        80,
    ),
    (
        "welcome-continuous-incremental",
        include_str!("welcome-continuous-incremental.json"),
        0x9a94_1a38_3339_a10a,
        60,
    ),
    (
        "generated-tracking",
        include_str!("generated-tracking.json"),
        0x9d67_a555_76a8_abd8,
        106_182,
    ),
];
