//! The native command-line tool: a thin shell over the engine.
//!
//! ```text
//! campaign-sim schedule FILE        planned slots (JSON array of RFC 3339 strings; one per workflow)
//! campaign-sim run FILE [--json]    executions of the year
//! campaign-sim describe FILE [--lang en|fr]
//! campaign-sim posters DIR [--lessons DIR]   the widgets' posters (posters/*.json)
//! ```
//! `-` as FILE reads standard input. An invalid document or unreadable file exits
//! with status 2 and one line on standard error; usage errors also exit 2.

#[cfg(target_arch = "wasm32")]
fn main() {
    // The CLI has no meaning in a browser; the web entry is `campaign-sim-web`.
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(cli::main(std::env::args().skip(1).collect()));
}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use campaign_sim::engine::calendar::Calendar;
    use campaign_sim::engine::doc::describe::{describe_schedule, Lang};
    use campaign_sim::engine::doc::{self, Scenario, Validated};
    use campaign_sim::engine::{out::report, sim};
    use std::io::{Read, Write};

    const USAGE: &str = "\
campaign-sim: simulate an email-campaign workflow over a year

Usage:
  campaign-sim schedule FILE          print the planned slots as a JSON array (one
                                      array per workflow for a `workflows` document)
  campaign-sim run FILE [--json | --format json|table]
                                      print the executions, deliveries and totals
  campaign-sim describe FILE [--lang en|fr]
                                      print the schedule in plain language
  campaign-sim posters DIR [--lessons DIR]
                                      write the widgets' posters into DIR (one per
                                      preset, view and language, per lesson and
                                      language; lessons read from ./lessons)
  campaign-sim --help | --version

FILE is a scenario document (JSON); `-` reads standard input.
An invalid document exits with status 2 and one line naming the field.";

    /// Output format of `run`.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Format {
        Json,
        Text,
    }

    pub fn main(args: Vec<String>) -> i32 {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        match args.as_slice() {
            [] | ["--help"] | ["-h"] | ["help"] => {
                println!("{USAGE}");
                0
            }
            ["--version"] | ["-V"] => {
                println!("campaign-sim {}", env!("CARGO_PKG_VERSION"));
                0
            }
            ["schedule", file] => with_scenario(file, |s, cal| Ok(schedule_command(s, cal))),
            ["run", rest @ ..] => {
                let mut format = Format::Text;
                let mut file = None;
                let mut it = rest.iter();
                while let Some(a) = it.next() {
                    match *a {
                        "--json" => format = Format::Json,
                        "--format" => match it.next().copied() {
                            Some("json") => format = Format::Json,
                            Some("table") => format = Format::Text,
                            _ => return usage_error("--format takes json or table"),
                        },
                        f if file.is_none() && (f == "-" || !f.starts_with('-')) => file = Some(f),
                        other => return usage_error(&format!("unexpected argument {other:?}")),
                    }
                }
                match file {
                    Some(f) => with_scenario(f, |s, cal| run_command(s, cal, format)),
                    None => usage_error("run needs a FILE"),
                }
            }
            ["describe", rest @ ..] => {
                let mut lang = Lang::En;
                let mut file = None;
                let mut it = rest.iter();
                while let Some(a) = it.next() {
                    match *a {
                        "--lang" => match it.next().copied() {
                            Some("en") => lang = Lang::En,
                            Some("fr") => lang = Lang::Fr,
                            _ => return usage_error("--lang takes en or fr"),
                        },
                        f if file.is_none() && (f == "-" || !f.starts_with('-')) => file = Some(f),
                        other => return usage_error(&format!("unexpected argument {other:?}")),
                    }
                }
                match file {
                    Some(f) => with_scenario(f, |s, _| Ok(describe_command(s, lang))),
                    None => usage_error("describe needs a FILE"),
                }
            }
            ["posters", dir] => posters_command(dir, "lessons"),
            ["posters", dir, "--lessons", lessons] => posters_command(dir, lessons),
            [cmd, ..] => usage_error(&format!("unknown command or arguments starting at {cmd:?}")),
        }
    }

    /// Writes every poster into `dir` (created if missing); the lessons are the
    /// `<id>.<lang>.json` files of `lessons` (its `index.*.json` left out).
    fn posters_command(dir: &str, lessons: &str) -> i32 {
        match write_posters(dir, lessons) {
            Ok(n) => {
                println!("{n} posters written to {dir}");
                0
            }
            Err(e) => {
                eprintln!("campaign-sim posters: {e}");
                2
            }
        }
    }

    fn write_posters(dir: &str, lessons: &str) -> Result<usize, String> {
        use campaign_sim::ui::i18n::Lang;
        let mut texts = Vec::new();
        let entries =
            std::fs::read_dir(lessons).map_err(|e| format!("cannot read {lessons}: {e}"))?;
        let mut names: Vec<String> = entries
            .flatten()
            .filter_map(|e| e.file_name().into_string().ok())
            .collect();
        names.sort();
        for name in names {
            let Some((id, lang)) = name
                .strip_suffix(".json")
                .and_then(|stem| stem.rsplit_once('.'))
            else {
                continue;
            };
            let lang = match lang {
                "en" => Lang::En,
                "fr" => Lang::Fr,
                _ => continue,
            };
            if id == "index" {
                continue;
            }
            let path = format!("{lessons}/{name}");
            let text =
                std::fs::read_to_string(&path).map_err(|e| format!("cannot read {path}: {e}"))?;
            texts.push((id.to_string(), lang, text));
        }
        let files = campaign_sim::poster::all(&texts)?;
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {dir}: {e}"))?;
        for (name, text) in &files {
            let path = format!("{dir}/{name}");
            std::fs::write(&path, text).map_err(|e| format!("cannot write {path}: {e}"))?;
        }
        Ok(files.len())
    }

    fn usage_error(msg: &str) -> i32 {
        eprintln!("campaign-sim: {msg} (see campaign-sim --help)");
        2
    }

    /// Reads, parses and validates the document, then prints what `body` returns.
    fn with_scenario(
        file: &str,
        body: impl FnOnce(&Validated, &Calendar) -> Result<String, String>,
    ) -> i32 {
        let text = match read_input(file) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{e}");
                return 2;
            }
        };
        // Validated once here; `run` simulates without validating again.
        let s = match doc::parse_validated(&text) {
            Ok(s) => s,
            Err(errors) => {
                let first = errors
                    .first()
                    .map(|e| e.to_string())
                    .unwrap_or_else(|| "invalid document".into());
                // One line, whatever the message contains.
                eprintln!("{}", first.replace(['\n', '\r'], " "));
                return 2;
            }
        };
        let cal = match s.calendar() {
            Ok(c) => c,
            Err(e) => {
                eprintln!("{e}");
                return 2;
            }
        };
        match body(&s, &cal) {
            Ok(out) => {
                let mut stdout = std::io::stdout().lock();
                // A closed pipe (`| head`) is not an error worth a panic.
                let _ = stdout.write_all(out.as_bytes());
                let _ = stdout.flush();
                0
            }
            // The engine refuses the document (e.g. over the size limit): an
            // invalid document for this tool, status 2 like the others.
            Err(e) => {
                eprintln!("{}", e.replace(['\n', '\r'], " "));
                2
            }
        }
    }

    fn read_input(file: &str) -> Result<String, String> {
        if file == "-" {
            let mut s = String::new();
            std::io::stdin()
                .read_to_string(&mut s)
                .map_err(|e| format!("cannot read standard input: {e}"))?;
            Ok(s)
        } else {
            std::fs::read_to_string(file).map_err(|e| format!("cannot read {file}: {e}"))
        }
    }

    /// The planned slots (truncated to `max_runs`) as RFC 3339 strings: one array,
    /// or one array per workflow for a document with `workflows`.
    fn schedule_command(s: &Scenario, cal: &Calendar) -> String {
        let slots: Vec<Vec<String>> = sim::schedulers(s, cal)
            .iter()
            .map(|sc| sc.schedule().iter().map(|t| cal.rfc3339(*t)).collect())
            .collect();
        // Serialising strings cannot fail.
        if s.lists_workflows() {
            report::to_json(&slots).unwrap_or_default()
        } else {
            report::to_json(&slots.concat()).unwrap_or_default()
        }
    }

    /// The schedule in words: one sentence, or one line per workflow (its name
    /// first) for a document with `workflows`.
    fn describe_command(s: &Scenario, lang: Lang) -> String {
        s.workflows()
            .iter()
            .map(|w| {
                let text = describe_schedule(w.scheduler, &s.timezone, s.year, lang);
                if s.lists_workflows() {
                    format!("{}: {text}\n", w.name.replace(['\n', '\r'], " "))
                } else {
                    text + "\n"
                }
            })
            .collect()
    }

    /// The `run` command's output: the contract's runs (targeted, delivery),
    /// deliveries and totals, as JSON or a table.
    pub fn run_command(s: &Validated, _cal: &Calendar, format: Format) -> Result<String, String> {
        let outcome = sim::simulate_validated(s).map_err(|errors| {
            errors
                .first()
                .map_or_else(|| "invalid document".to_string(), |e| e.to_string())
        })?;
        match format {
            Format::Json => report::to_json(&outcome.summary()),
            Format::Text => Ok(report::table(&outcome)),
        }
    }
}
