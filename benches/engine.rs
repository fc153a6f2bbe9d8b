//! The native engine benchmark (issue 8): `cargo bench --bench engine [-- OPTIONS]`,
//! or `make bench` for this plus the browser benchmark in one table.
//!
//! ```text
//! --runs N          timed runs per measurement (median and min reported; default 5)
//! --smoke           1k recipients, 1 run, no Python, no 1M: checks the harness works
//! --no-baseline     skip the Python baseline (no ratios)
//! --no-1m           scaling at 10k and 100k only
//! --browser FILE    merge the browser benchmark's JSON (benches/browser-bench.mjs)
//! --profile KIND N  one parse + simulate of year_scenario(KIND, N) or of a file
//!                   (KIND = path), nothing printed: for valgrind --tool=callgrind
//! ```
//!
//! What is timed, always whole years: "whole" = JSON text → `doc::parse` →
//! `sim::simulate` (validation, limits, population, executions, the year);
//! "engine" = `sim::run` alone over a prepared population and executions
//! (the send-log throughput). Memory is measured with a counting allocator: the
//! heap a finished `Outcome` keeps, per log row.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, kind, n] = args.as_slice() {
        if flag == "--profile" {
            native::profile_once(kind, n.parse().unwrap_or(100_000));
            return;
        }
    }
    match native::Opts::parse(&args) {
        Ok(o) => {
            let report = native::run(&o);
            print!("{}", report.table());
        }
        Err(e) => {
            eprintln!("engine bench: {e}");
            std::process::exit(2);
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
pub mod native {
    use campaign_sim::bench_api::year_scenario;
    use campaign_sim::engine::doc::{self, Scenario, Validated};
    use campaign_sim::engine::out::outcome::Outcome;
    use campaign_sim::engine::sim;
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::fmt::Write as _;
    use std::path::{Path, PathBuf};
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;
    use std::time::Instant;

    /// Counts live heap bytes (and the peak), so memory per log row is measured,
    /// not computed from the column types.
    pub struct Counting;
    static LIVE: AtomicUsize = AtomicUsize::new(0);
    static PEAK: AtomicUsize = AtomicUsize::new(0);

    // SAFETY: forwards every call to the system allocator unchanged; only counts.
    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, l: Layout) -> *mut u8 {
            let live = LIVE.fetch_add(l.size(), Ordering::Relaxed) + l.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
            // SAFETY: same layout contract as the caller's.
            unsafe { System.alloc(l) }
        }
        unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
            LIVE.fetch_sub(l.size(), Ordering::Relaxed);
            // SAFETY: `p` was allocated by `System` with `l`.
            unsafe { System.dealloc(p, l) }
        }
        unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
            if new >= l.size() {
                let live = LIVE.fetch_add(new - l.size(), Ordering::Relaxed) + new - l.size();
                PEAK.fetch_max(live, Ordering::Relaxed);
            } else {
                LIVE.fetch_sub(l.size() - new, Ordering::Relaxed);
            }
            // SAFETY: `p` was allocated by `System` with `l`.
            unsafe { System.realloc(p, l, new) }
        }
    }

    #[global_allocator]
    static ALLOC: Counting = Counting;

    fn live() -> usize {
        LIVE.load(Ordering::Relaxed)
    }

    /// Command-line options.
    #[derive(Clone, Debug)]
    pub struct Opts {
        pub runs: usize,
        pub smoke: bool,
        pub baseline: bool,
        pub million: bool,
        pub browser: Option<PathBuf>,
    }

    impl Opts {
        pub fn parse(args: &[String]) -> Result<Opts, String> {
            let mut o = Opts {
                runs: 5,
                smoke: false,
                baseline: true,
                million: true,
                browser: None,
            };
            let mut it = args.iter();
            while let Some(a) = it.next() {
                match a.as_str() {
                    "--runs" => {
                        o.runs = it
                            .next()
                            .and_then(|n| n.parse().ok())
                            .filter(|n| *n > 0)
                            .ok_or("--runs takes a positive number")?;
                    }
                    "--smoke" => o.smoke = true,
                    "--no-baseline" => o.baseline = false,
                    "--no-1m" => o.million = false,
                    "--browser" => {
                        o.browser = Some(it.next().ok_or("--browser takes a file")?.into());
                    }
                    // `cargo bench` passes this to every bench binary.
                    "--bench" => {}
                    other => return Err(format!("unknown option {other:?}")),
                }
            }
            if o.smoke {
                o.runs = 1;
                o.baseline = false;
                o.million = false;
            }
            Ok(o)
        }

        /// The smoke configuration (`cargo test --test bench_smoke`).
        pub fn smoke() -> Opts {
            Opts {
                runs: 1,
                smoke: true,
                baseline: false,
                million: false,
                browser: None,
            }
        }
    }

    /// Min and median of timed runs, in seconds.
    #[derive(Clone, Copy, Debug, Default)]
    pub struct Stats {
        pub min: f64,
        pub median: f64,
    }

    impl Stats {
        fn of(mut xs: Vec<f64>) -> Stats {
            xs.sort_by(f64::total_cmp);
            let median = match xs.len() {
                0 => 0.0,
                n if n % 2 == 1 => xs[n / 2],
                n => (xs[n / 2 - 1] + xs[n / 2]) / 2.0,
            };
            Stats {
                min: xs.first().copied().unwrap_or(0.0),
                median,
            }
        }
    }

    /// Times `f` `runs` times; returns the stats and the last result.
    fn timed<T>(runs: usize, mut f: impl FnMut() -> T) -> (Stats, T) {
        let mut xs = Vec::with_capacity(runs);
        let mut last = None;
        for _ in 0..runs {
            // The previous result is dropped before the next run starts.
            drop(last.take());
            let t0 = Instant::now();
            let r = f();
            xs.push(t0.elapsed().as_secs_f64());
            last = Some(r);
        }
        (Stats::of(xs), last.expect("runs > 0"))
    }

    /// One measured scenario.
    #[derive(Clone, Debug, Default)]
    pub struct Row {
        pub name: String,
        pub whole: Stats,
        /// `serde_json` into the scenario types, alone.
        pub parse: Stats,
        /// `doc::validate` of the parsed document, alone.
        pub validate: Stats,
        pub broadlog: usize,
        pub tracking: usize,
        pub deliveries: usize,
        pub fingerprint: u64,
        /// Python baseline: seconds and whether its totals equal ours.
        pub baseline: Option<(f64, Result<(), String>)>,
        pub doc_bytes: usize,
    }

    /// One scaling point (engine alone, weekly send to everyone).
    #[derive(Clone, Debug, Default)]
    pub struct ScalePoint {
        pub n: u64,
        pub rows: usize,
        pub engine: Stats,
        pub whole: Stats,
    }

    /// What the browser benchmark measured for one kind.
    #[derive(Clone, Debug, Default)]
    pub struct BrowserRow {
        pub kind: String,
        pub n: u64,
        pub wasm: Stats,
        pub native: Stats,
        pub fingerprint_equal: bool,
    }

    /// Everything measured.
    #[derive(Clone, Debug, Default)]
    pub struct Report {
        pub smoke: bool,
        pub runs: usize,
        pub explicit: Vec<Row>,
        pub generated: Vec<Row>,
        pub scaling: Vec<ScalePoint>,
        pub broadlog_bytes_per_row: f64,
        pub tracking_bytes_per_row: f64,
        pub peak_bytes_per_row: f64,
        pub browser: Vec<BrowserRow>,
        pub notes: Vec<String>,
    }

    fn root() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
    }

    fn parse_doc(text: &str) -> Validated {
        doc::parse_validated(text).unwrap_or_else(|e| panic!("benchmark scenario invalid: {e:?}"))
    }

    fn simulate(s: &Validated) -> Outcome {
        sim::simulate_validated(s).unwrap_or_else(|e| panic!("benchmark scenario refused: {e:?}"))
    }

    /// Parse + simulate of a document's text, timed as a whole (the path of the CLI
    /// and the page: parse, validate once, simulate), and its JSON parse and its
    /// validation alone.
    fn measure_doc(name: &str, text: &str, runs: usize) -> Row {
        let (parse, s) = timed(runs, || {
            serde_json::from_str::<Scenario>(text).expect("benchmark scenario is JSON")
        });
        let (validate, errors) = timed(runs, || doc::validate(&s));
        assert!(errors.is_empty(), "benchmark scenario invalid: {errors:?}");
        let (whole, o) = timed(runs, || simulate(&parse_doc(text)));
        Row {
            name: name.to_string(),
            whole,
            parse,
            validate,
            broadlog: o.broadlog().len(),
            tracking: o.tracking().len(),
            deliveries: o.deliveries().len(),
            fingerprint: o.fingerprint(),
            baseline: None,
            doc_bytes: text.len(),
        }
    }

    /// The explicit-list document of `kind` with `n` recipients (benches/gen_scenario.py,
    /// written once under target/bench/data).
    fn explicit_doc(kind: &str, n: u64) -> Result<PathBuf, String> {
        let dir = root().join("target/bench/data");
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        let path = dir.join(format!("{kind}-{n}.json"));
        if !path.exists() {
            let st = std::process::Command::new("python3")
                .arg(root().join("benches/gen_scenario.py"))
                .arg(kind)
                .arg(n.to_string())
                .arg(&path)
                .status()
                .map_err(|e| format!("python3: {e}"))?;
            if !st.success() {
                return Err(format!("gen_scenario.py {kind} {n} failed"));
            }
        }
        Ok(path)
    }

    /// Runs benches/baseline.py on a document; checks its totals against ours.
    fn baseline(path: &Path, row: &Row) -> Result<(f64, Result<(), String>), String> {
        let out = std::process::Command::new("python3")
            .arg(root().join("benches/baseline.py"))
            .arg(path)
            .output()
            .map_err(|e| format!("python3: {e}"))?;
        if !out.status.success() {
            return Err(String::from_utf8_lossy(&out.stderr).into_owned());
        }
        let v: serde_json::Value =
            serde_json::from_slice(&out.stdout).map_err(|e| format!("baseline output: {e}"))?;
        let secs = v["seconds"].as_f64().ok_or("baseline: no seconds")?;
        let got = (
            v["totals"]["deliveries"].as_u64(),
            v["totals"]["broadlog"].as_u64(),
        );
        let ours = (Some(row.deliveries as u64), Some(row.broadlog as u64));
        let agree = if got == ours {
            Ok(())
        } else {
            Err(format!(
                "baseline totals {got:?} ≠ engine (deliveries, broadlog) {ours:?}"
            ))
        };
        Ok((secs, agree))
    }

    /// Contract v2 over `n` generated recipients: a weekly newsletter, a daily
    /// birthday mail (priority 10), a transactional welcome fed by an incremental
    /// query and a monthly promotion (priority -1), at most 2 marketing emails a week.
    /// (Native only: not part of `bench_api`, which the web page carries.)
    pub fn workflows_scenario(n: u64) -> String {
        format!(
            r#"{{"name":"bench workflows {n}","year":2026,"timezone":"Europe/Paris","seed":1,
            "tracking":{{"enabled":false}},
            "population":{{"size":{n},"signups_per_day":0}},
            "pressure":{{"max_messages":2,"period_days":7}},
            "workflows":[
              {{"name":"Newsletter","scheduler":{{"frequency":"weekly","days":["mon"],"times":["09:00"]}},
                "delivery":{{"label":"Newsletter"}}}},
              {{"name":"Birthday","priority":10,"scheduler":{{"frequency":"daily","times":["09:00"]}},
                "query":{{"filter":"birthday"}},"delivery":{{"label":"Happy birthday"}}}},
              {{"name":"Welcome","typology":"transactional","scheduler":{{"frequency":"daily","times":["08:00"]}},
                "query":{{"incremental":true}},"delivery":{{"mode":"continuous","label":"Welcome"}}}},
              {{"name":"Promotion","priority":-1,
                "scheduler":{{"frequency":"monthly","nth_weekday":{{"nth":1,"day":"mon"}},"times":["09:00"]}},
                "delivery":{{"label":"Promotion"}}}}]}}"#
        )
    }

    /// Heap kept by one simulated year over a prepared population, in bytes, and
    /// the peak above the starting point while it ran.
    fn retained(s: &Scenario) -> (usize, usize, Outcome) {
        let v = Validated::new(s.clone()).expect("a valid benchmark scenario");
        let p = Arc::new(sim::Prepared::unlimited(&v).expect("prepared"));
        let before = live();
        PEAK.store(before, Ordering::Relaxed);
        let o = sim::Simulation::from_prepared(&p, 0, None).finish();
        let after = live();
        let peak = PEAK.load(Ordering::Relaxed);
        (after.saturating_sub(before), peak.saturating_sub(before), o)
    }

    /// Engine alone over a prepared population: the send-log throughput. Goes
    /// around `simulate`'s page-memory limit so 1M recipients can be measured.
    fn scale_point(n: u64, runs: usize) -> ScalePoint {
        let text = year_scenario("weekly", n).expect("kind");
        let s = parse_doc(&text);
        let (whole, p) = timed(runs, || {
            let p = Arc::new(sim::Prepared::unlimited(&s).expect("prepared"));
            drop(sim::Simulation::from_prepared(&p, 0, None).finish());
            p
        });
        let (engine, o) = timed(runs, || {
            sim::Simulation::from_prepared(&p, 0, None).finish()
        });
        ScalePoint {
            n,
            rows: o.broadlog().len(),
            engine,
            whole,
        }
    }

    /// One parse + simulate, for a profiler.
    pub fn profile_once(kind: &str, n: u64) {
        let text = year_scenario(kind, n)
            .or_else(|| std::fs::read_to_string(kind).ok())
            .expect("a benchmark kind or a readable file");
        let o = simulate(&parse_doc(&text));
        std::hint::black_box(o.broadlog().len());
    }

    /// Runs every measurement.
    pub fn run(o: &Opts) -> Report {
        let mut r = Report {
            smoke: o.smoke,
            runs: o.runs,
            ..Report::default()
        };
        let n50 = if o.smoke { 1_000 } else { 50_000 };
        let n100 = if o.smoke { 1_000 } else { 100_000 };

        // Explicit recipient lists: the same files the Python baseline reads.
        for kind in ["weekly", "birthday", "continuous"] {
            let (name, text, path) = if o.smoke {
                // No Python in `cargo test`: the engine's own generated base instead.
                let t = year_scenario(kind, n50).expect("kind");
                (format!("{kind} {n50} (generated)"), t, None)
            } else {
                match explicit_doc(kind, n50).and_then(|p| {
                    std::fs::read_to_string(&p)
                        .map(|t| (t, p))
                        .map_err(|e| e.to_string())
                }) {
                    Ok((t, p)) => (format!("{kind} {n50} explicit"), t, Some(p)),
                    Err(e) => {
                        r.notes.push(format!("{kind}: no explicit document ({e})"));
                        continue;
                    }
                }
            };
            let mut row = measure_doc(&name, &text, o.runs);
            if let (true, Some(p)) = (o.baseline, &path) {
                match baseline(p, &row) {
                    Ok(b) => row.baseline = Some(b),
                    Err(e) => r.notes.push(format!("{kind}: baseline failed: {e}")),
                }
            }
            r.explicit.push(row);
        }

        // Generated populations, tracking on: the browser's headline work; and four
        // workflows on one base with the pressure rule (contract v2).
        for (kind, n) in [
            ("weekly", n100),
            ("weekly-tracking", n100),
            ("workflows", n100),
        ] {
            let (name, text) = match kind {
                "workflows" => (format!("4 workflows + pressure {n}"), workflows_scenario(n)),
                _ => (format!("{kind} {n}"), year_scenario(kind, n).expect("kind")),
            };
            r.generated.push(measure_doc(&name, &text, o.runs));
        }

        // Memory per row, measured: broadLog alone (tracking off), then tracking
        // rows as what tracking adds on top.
        let plain = parse_doc(&year_scenario("weekly", n100).expect("kind"));
        let (kept_plain, peak_plain, op) = retained(&plain);
        let bl = op.broadlog().len().max(1);
        r.broadlog_bytes_per_row = kept_plain as f64 / bl as f64;
        r.peak_bytes_per_row = peak_plain as f64 / bl as f64;
        drop(op);
        let tracked = parse_doc(&year_scenario("weekly-tracking", n100).expect("kind"));
        let (kept_tr, _, ot) = retained(&tracked);
        let extra = kept_tr as f64 - r.broadlog_bytes_per_row * ot.broadlog().len() as f64;
        r.tracking_bytes_per_row = extra / ot.tracking().len().max(1) as f64;
        drop(ot);

        // Scaling of the weekly send to everyone.
        let sizes: Vec<u64> = if o.smoke {
            vec![500, 1_000]
        } else if o.million {
            vec![10_000, 100_000, 1_000_000]
        } else {
            vec![10_000, 100_000]
        };
        for n in sizes {
            r.scaling.push(scale_point(n, o.runs));
        }

        if let Some(path) = &o.browser {
            match browser(path, o.runs) {
                Ok(rows) => r.browser = rows,
                Err(e) => r.notes.push(format!("browser results: {e}")),
            }
        }
        r
    }

    /// Reads the browser benchmark's JSON and times the same kinds natively.
    fn browser(path: &Path, runs: usize) -> Result<Vec<BrowserRow>, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let v: serde_json::Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
        let mut out = Vec::new();
        for b in v["results"].as_array().ok_or("no results array")? {
            let kind = b["kind"].as_str().ok_or("no kind")?.to_string();
            let n = b["n"].as_u64().ok_or("no n")?;
            let ms: Vec<f64> = b["ms"]
                .as_array()
                .ok_or("no ms")?
                .iter()
                .filter_map(serde_json::Value::as_f64)
                .map(|x| x / 1000.0)
                .collect();
            let doc = year_scenario(&kind, n).ok_or("unknown kind")?;
            let row = measure_doc(&kind, &doc, runs);
            let fp = b["fingerprint"].as_str().unwrap_or("");
            out.push(BrowserRow {
                kind,
                n,
                wasm: Stats::of(ms),
                native: row.whole,
                fingerprint_equal: fp == format!("{:016x}", row.fingerprint),
            });
        }
        Ok(out)
    }

    fn ms(s: f64) -> String {
        if s >= 1.0 {
            format!("{s:.2} s")
        } else {
            format!("{:.1} ms", s * 1e3)
        }
    }

    fn ok(b: bool) -> &'static str {
        if b {
            "met"
        } else {
            "NOT MET"
        }
    }

    impl Report {
        /// Least-squares slope of engine time over rows, ns per row, and the
        /// per-row time of the largest size over the smallest's.
        pub fn slope(&self) -> Option<(f64, f64)> {
            let pts: Vec<(f64, f64)> = self
                .scaling
                .iter()
                .map(|p| (p.rows as f64, p.engine.median))
                .collect();
            if pts.len() < 2 {
                return None;
            }
            let n = pts.len() as f64;
            let mx = pts.iter().map(|p| p.0).sum::<f64>() / n;
            let my = pts.iter().map(|p| p.1).sum::<f64>() / n;
            let sxy: f64 = pts.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
            let sxx: f64 = pts.iter().map(|p| (p.0 - mx).powi(2)).sum();
            let first = pts.first()?;
            let last = pts.last()?;
            let per = |p: &(f64, f64)| p.1 / p.0.max(1.0);
            Some((sxy / sxx.max(1.0) * 1e9, per(last) / per(first)))
        }

        /// Headline throughput: rows/s of the engine on the largest weekly send.
        pub fn rows_per_sec(&self) -> f64 {
            self.scaling
                .last()
                .map_or(0.0, |p| p.rows as f64 / p.engine.median.max(1e-12))
        }

        /// The table `make bench` prints.
        pub fn table(&self) -> String {
            let mut t = String::new();
            let profile = if cfg!(debug_assertions) {
                "debug build: numbers are not meaningful"
            } else {
                "[profile.bench]: opt-level 3, fat LTO, 1 codegen unit"
            };
            let _ = writeln!(
                t,
                "\ncampaign-sim engine benchmark — native {profile}; median (min) of {} run(s){}",
                self.runs,
                if self.smoke { " — SMOKE" } else { "" }
            );
            let _ = writeln!(
                t,
                "\n| scenario (whole process: parse + simulate) | native | JSON parse + validation | broadLog rows | Python baseline | ratio | target | status |"
            );
            let _ = writeln!(t, "|---|---|---|---|---|---|---|---|");
            for row in &self.explicit {
                let target = if row.name.starts_with("weekly") {
                    Some(30.0)
                } else if row.name.starts_with("birthday") {
                    Some(300.0)
                } else {
                    None
                };
                let (base, ratio, status) = match &row.baseline {
                    Some((secs, Ok(()))) => {
                        let ratio = secs / row.whole.median.max(1e-12);
                        (
                            ms(*secs),
                            format!("{ratio:.0}×"),
                            target.map_or("—", |x| ok(ratio >= x)).to_string(),
                        )
                    }
                    Some((secs, Err(e))) => (
                        ms(*secs),
                        "refused".to_string(),
                        format!("totals disagree: {e}"),
                    ),
                    None => ("—".into(), "—".into(), "no baseline".into()),
                };
                let _ = writeln!(
                    t,
                    "| {} | {} ({}) | {} ({:.0} MB/s) + {} | {} | {} | {} | {} | {} |",
                    row.name,
                    ms(row.whole.median),
                    ms(row.whole.min),
                    ms(row.parse.median),
                    row.doc_bytes as f64 / 1e6 / row.parse.median.max(1e-12),
                    ms(row.validate.median),
                    row.broadlog,
                    base,
                    ratio,
                    target.map_or("—".to_string(), |x| format!("≥ {x:.0}×")),
                    status
                );
            }
            for row in &self.generated {
                let _ = writeln!(
                    t,
                    "| {} generated{} | {} ({}) | {} + {} | {} | — | — | {} | {} |",
                    row.name,
                    if row.tracking > 0 {
                        format!(", {} tracking rows", row.tracking)
                    } else {
                        String::new()
                    },
                    ms(row.whole.median),
                    ms(row.whole.min),
                    ms(row.parse.median),
                    ms(row.validate.median),
                    row.broadlog,
                    if row.tracking > 0 {
                        "< 1 s (wasm)"
                    } else {
                        "—"
                    },
                    if row.tracking > 0 {
                        ok(row.whole.median < 1.0)
                    } else {
                        "—"
                    }
                );
            }

            let _ = writeln!(t, "\n| measure | value | target | status |");
            let _ = writeln!(t, "|---|---|---|---|");
            let rps = self.rows_per_sec();
            let _ = writeln!(
                t,
                "| engine throughput, weekly send to everyone ({} recipients) | {:.0} M rows/s | ≥ 50 M rows/s | {} |",
                self.scaling.last().map_or(0, |p| p.n),
                rps / 1e6,
                ok(rps >= 50e6)
            );
            let _ = writeln!(
                t,
                "| heap kept per broadLog row (whole outcome, measured) | {:.1} B | ≤ 16 B | {} |",
                self.broadlog_bytes_per_row,
                ok(self.broadlog_bytes_per_row <= 16.0)
            );
            let _ = writeln!(
                t,
                "| heap added per tracking row (measured) | {:.1} B | ≤ 12 B | {} |",
                self.tracking_bytes_per_row,
                ok(self.tracking_bytes_per_row <= 12.0)
            );
            let _ = writeln!(
                t,
                "| peak heap while running, per broadLog row | {:.1} B | — | — |",
                self.peak_bytes_per_row
            );
            if let Some((slope, lin)) = self.slope() {
                let _ = writeln!(
                    t,
                    "| scaling: slope, per-row time largest/smallest | {slope:.2} ns/row, {lin:.2}× | linear (≤ 1.5×) | {} |",
                    ok(lin <= 1.5)
                );
            }
            for b in &self.browser {
                let ratio = b.wasm.median / b.native.median.max(1e-12);
                // The issue's < 1 s target is for the tracked year of 100,000.
                let (target, status) = if b.kind == "weekly-tracking" && b.n >= 100_000 {
                    ("< 1 s", ok(b.wasm.median < 1.0))
                } else {
                    ("—", "—")
                };
                let _ = writeln!(
                    t,
                    "| Chromium wasm, {} {} full year (native {}) | {} ({}) | {target} | {status} |",
                    b.kind,
                    b.n,
                    ms(b.native.median),
                    ms(b.wasm.median),
                    ms(b.wasm.min),
                );
                let _ = writeln!(
                    t,
                    "| wasm / native, {} {} (same fingerprint: {}) | {ratio:.2}× | ≤ 3× | {} |",
                    b.kind,
                    b.n,
                    if b.fingerprint_equal { "yes" } else { "NO" },
                    ok(ratio <= 3.0 && b.fingerprint_equal)
                );
            }

            let _ = writeln!(
                t,
                "\n| scaling (weekly, tracking off) | broadLog rows | engine | ns/row | whole (population + year) |"
            );
            let _ = writeln!(t, "|---|---|---|---|---|");
            for p in &self.scaling {
                let _ = writeln!(
                    t,
                    "| {} recipients | {} | {} ({}) | {:.2} | {} |",
                    p.n,
                    p.rows,
                    ms(p.engine.median),
                    ms(p.engine.min),
                    p.engine.median * 1e9 / p.rows.max(1) as f64,
                    ms(p.whole.median)
                );
            }
            for n in &self.notes {
                let _ = writeln!(t, "\nnote: {n}");
            }
            t
        }
    }
}
