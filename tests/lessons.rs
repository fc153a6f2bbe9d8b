//! The lesson files (`lessons/`) are consistent: every id of each language's index has
//! both language files, both languages have the same steps and the same questions
//! (only the texts differ), every step's scenario is valid and every execution,
//! delivery, recipient and workflow it names exists in that year, every question's
//! quantity has a value on its step's year and a choice question's declared answer is
//! the engine's, and each lesson reaches its answer (an `expect` for the end-to-end
//! test) by its second step.
//!
//! `every_question_has_its_answer_from_the_engine` writes `target/lesson-answers.json`
//! (`{"<lesson id>": {"<step from 1>": {"kind", "right", "wrong"}}}`): the responses the
//! end-to-end test gives, the right one evaluated here, never copied from a lesson.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use campaign_sim::engine::doc as scenario;
use campaign_sim::engine::quiz::Value as Quantity;
use campaign_sim::ui::derived::trace;
use campaign_sim::ui::i18n::Lang;
use campaign_sim::ui::lesson::{parse_index, parse_lesson, plan, AskKind, IndexEntry, Lesson, Op};
use campaign_sim::ui::model::Sim;
use campaign_sim::ui::{nav, quiz};
use serde_json::{json, Value};

const LANGS: [&str; 2] = ["en", "fr"];

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons")
}

fn read(name: &str) -> String {
    fs::read_to_string(dir().join(name)).unwrap_or_else(|e| panic!("lessons/{name}: {e}"))
}

fn index(lang: &str) -> Vec<IndexEntry> {
    let name = format!("index.{lang}.json");
    parse_index(&read(&name)).unwrap_or_else(|e| panic!("lessons/{name}: {e}"))
}

fn lesson(id: &str, lang: &str) -> (Lesson, Value) {
    let name = format!("{id}.{lang}.json");
    let text = read(&name);
    let lesson = parse_lesson(&text, Some(id)).unwrap_or_else(|e| panic!("lessons/{name}: {e}"));
    (lesson, serde_json::from_str(&text).unwrap())
}

/// The lesson without its texts: what it does to the page.
fn actions(l: &Lesson) -> Lesson {
    let mut l = l.clone();
    l.title.clear();
    for s in &mut l.steps {
        s.narration.clear();
        s.notice.clear();
        if let Some(a) = &mut s.ask {
            a.prompt.clear();
            if let AskKind::Choice { choices, .. } = &mut a.kind {
                for c in choices {
                    c.text.clear();
                }
            }
        }
    }
    l
}

/// Every text a learner reads in a lesson: title, narrations, notices, prompts, choices.
fn texts(l: &Lesson) -> Vec<&String> {
    let mut out = vec![&l.title];
    for s in &l.steps {
        out.extend([&s.narration, &s.notice]);
        if let Some(a) = &s.ask {
            out.push(&a.prompt);
            if let AskKind::Choice { choices, .. } = &a.kind {
                out.extend(choices.iter().map(|c| &c.text));
            }
        }
    }
    out
}

/// The simulated year of step `k` (from 0).
fn year_of(l: &Lesson, k: usize) -> Sim {
    let at = format!("{} step {}", l.id, k + 1);
    let p = plan(l, k, &Value::Null);
    let s = scenario::parse(&p.doc.to_string()).unwrap_or_else(|e| panic!("{at}: {e:?}"));
    Sim::new(s).unwrap_or_else(|e| panic!("{at}: {e:?}"))
}

#[test]
fn both_indexes_list_the_same_lessons_and_every_file_is_listed() {
    let (en, fr) = (index("en"), index("fr"));
    let ids = |i: &[IndexEntry]| {
        i.iter()
            .map(|e| (e.id.clone(), e.question))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        ids(&en),
        ids(&fr),
        "the two menus list the same lessons, in the same order"
    );
    let listed: BTreeSet<String> = en.iter().map(|e| e.id.clone()).collect();
    for entry in fs::read_dir(dir()).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if name.starts_with("index.") {
            continue;
        }
        let id = name
            .strip_suffix(".en.json")
            .or_else(|| name.strip_suffix(".fr.json"))
            .unwrap_or_else(|| panic!("lessons/{name}: not <id>.en.json or <id>.fr.json"));
        assert!(listed.contains(id), "lessons/{name} is not in the index");
    }
}

#[test]
fn every_lesson_has_both_languages_with_the_same_steps() {
    for entry in index("en") {
        let (en, _) = lesson(&entry.id, "en");
        let (fr, _) = lesson(&entry.id, "fr");
        assert_eq!(en.steps.len(), fr.steps.len(), "{}: step counts", entry.id);
        assert_eq!(
            actions(&en),
            actions(&fr),
            "{}: the languages do different things",
            entry.id
        );
        for (lang, l) in [("en", &en), ("fr", &fr)] {
            let item = index(lang).into_iter().find(|e| e.id == entry.id).unwrap();
            assert_eq!(
                (l.question, &l.title),
                (item.question, &item.title),
                "{}.{lang}: title and question as in the index",
                entry.id
            );
        }
    }
}

#[test]
fn the_eleven_questions_each_have_a_lesson() {
    let questions: BTreeSet<u32> = index("en").iter().map(|e| e.question).collect();
    assert_eq!(
        questions,
        (1..=11).collect(),
        "one lesson per question of domain.md"
    );
}

#[test]
fn each_lesson_states_its_answer_by_its_second_step() {
    for entry in index("en") {
        for lang in LANGS {
            let (_, raw) = lesson(&entry.id, lang);
            let steps = raw["steps"].as_array().unwrap();
            let expects = |s: &Value| {
                s.get("expect")
                    .and_then(Value::as_array)
                    .map_or(0, Vec::len)
            };
            // Open the menu (1), pick the lesson (2: its first step), Next (3: its second).
            assert!(
                steps.iter().take(2).any(|s| expects(s) > 0),
                "{}.{lang}: no expected answer in its first two steps",
                entry.id
            );
            for (i, s) in steps.iter().enumerate() {
                for e in s
                    .get("expect")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    let at = format!("{}.{lang} steps[{i}].expect", entry.id);
                    assert!(
                        e["testid"].as_str().is_some_and(|t| !t.is_empty()),
                        "{at}: testid"
                    );
                    assert!(
                        e["text"].as_str().is_some_and(|t| !t.is_empty()),
                        "{at}: text"
                    );
                    let keys: Vec<&str> =
                        e.as_object().unwrap().keys().map(String::as_str).collect();
                    assert!(
                        keys.iter().all(|k| ["testid", "attr", "text"].contains(k)),
                        "{at}: fields {keys:?}"
                    );
                    if let Some(attr) = e.get("attr") {
                        assert!(
                            attr.as_object().unwrap().values().all(Value::is_string),
                            "{at}: attr values are strings"
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn every_step_shows_a_valid_scenario_and_names_executions_that_exist() {
    for entry in index("en") {
        let (l, _) = lesson(&entry.id, "en");
        for k in 0..l.steps.len() {
            let at = format!("{} step {}", entry.id, k + 1);
            let p = plan(&l, k, &Value::Null);
            let sim = year_of(&l, k);
            if let Some(w) = &p.workflow {
                assert!(
                    sim.workflow_names().contains(w),
                    "{at}: no workflow {w:?} in {:?}",
                    sim.workflow_names()
                );
            }
            let mut column = 0;
            for op in &p.ops {
                match op {
                    Op::Mode(m) => {
                        column = sim
                            .columns
                            .iter()
                            .position(|c| c.side == *m)
                            .unwrap_or_else(|| panic!("{at}: no {m:?} column"));
                    }
                    Op::Jump(text) => {
                        assert!(
                            nav::resolve(sim.outcome(column).unwrap(), text).is_some(),
                            "{at}: jump {text:?} names no execution"
                        );
                    }
                    Op::Execution(n) => assert!(
                        *n <= sim.executions(),
                        "{at}: execution {n} of {}",
                        sim.executions()
                    ),
                    Op::Delivery(d) => {
                        let n = sim.outcome(column).unwrap().deliveries().len() as u64;
                        assert!(*d <= n, "{at}: delivery {d} of {n}");
                    }
                    Op::Recipient(r) => assert!(
                        sim.outcome(0).unwrap().recipients().index_of(*r).is_some(),
                        "{at}: recipient {r}"
                    ),
                    _ => {}
                }
            }
        }
    }
}

/// A step that expects a sentence of the trace ("why-not-targeted") finds it in the
/// trace's own sentence for the recipient and execution the step shows, in both
/// languages: a change of the explanation's wording cannot leave a lesson behind.
#[test]
fn every_expected_trace_sentence_is_the_traces_own() {
    let mut checked = 0;
    for entry in index("en") {
        for lang in LANGS {
            let (l, raw) = lesson(&entry.id, lang);
            let ui_lang = if lang == "fr" { Lang::Fr } else { Lang::En };
            for (k, step) in raw["steps"].as_array().unwrap().iter().enumerate() {
                let wanted: Vec<&str> = step["expect"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter(|e| e["testid"] == "why-not-targeted")
                    .filter_map(|e| e["text"].as_str())
                    .collect();
                if wanted.is_empty() {
                    continue;
                }
                let at = format!("{}.{lang} step {}", entry.id, k + 1);
                let sim = year_of(&l, k);
                let (mut column, mut execution, mut recipient) = (0, None, None);
                for op in &plan(&l, k, &Value::Null).ops {
                    match op {
                        Op::Mode(m) => {
                            column = sim.columns.iter().position(|c| c.side == *m).unwrap();
                        }
                        Op::Jump(text) => {
                            execution = nav::resolve(sim.outcome(column).unwrap(), text)
                        }
                        Op::Execution(n) => execution = n.checked_sub(1),
                        Op::Recipient(r) => recipient = Some(*r),
                        _ => {}
                    }
                }
                let (Some(e), Some(r)) = (execution, recipient) else {
                    panic!(
                        "{at}: expects the trace's sentence but shows no execution and recipient"
                    );
                };
                let o = sim.outcome(column).unwrap();
                let (_, _, sentence) = trace::why(&sim, o, r, e, ui_lang)
                    .unwrap_or_else(|| panic!("{at}: no execution {}", e + 1));
                // Read as the end-to-end test reads the page: no-break spaces as spaces.
                let plain = |t: &str| t.replace(['\u{a0}', '\u{202f}'], " ");
                let sentence = plain(&sentence);
                for w in wanted {
                    assert!(
                        sentence.contains(&plain(w)),
                        "{at}: {w:?} is not in the trace's {sentence:?}"
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked >= 4, "{checked} trace sentences checked");
}

#[test]
fn french_texts_follow_french_typography() {
    for entry in index("fr") {
        let (l, _) = lesson(&entry.id, "fr");
        for t in texts(&l) {
            assert!(!t.contains("(s)"), "{}: \"(s)\" in {t:?}", entry.id);
            assert!(
                !t.contains(" No. ") && !t.contains(" #"),
                "{}: use n° in {t:?}",
                entry.id
            );
            assert!(!t.contains("KB"), "{}: Ko, not KB, in {t:?}", entry.id);
        }
    }
}

/// Whether `text` shows the number `n` (as the page writes it in either language, or
/// with a plain or non-breaking space between thousands), not inside a longer number.
fn shows_number(text: &str, n: u64) -> bool {
    use campaign_sim::ui::{format::int, i18n::Lang};
    let fr = int(Lang::Fr, n);
    [
        n.to_string(),
        int(Lang::En, n),
        fr.replace('\u{202f}', " "),
        fr.replace('\u{202f}', "\u{a0}"),
        fr,
    ]
    .iter()
    .any(|form| {
        text.match_indices(form.as_str()).any(|(i, m)| {
            let before = text[..i].chars().next_back();
            let after = text[i + m.len()..].chars().next();
            !before.is_some_and(|c| c.is_ascii_digit())
                && !after.is_some_and(|c| c.is_ascii_digit())
        })
    })
}

#[test]
fn a_prompt_that_shows_its_answer_is_caught() {
    assert!(shows_number("hold 2,080 rows?", 2080));
    assert!(shows_number("contiendra 2\u{a0}080 lignes", 2080));
    assert!(shows_number("(2080)", 2080));
    assert!(!shows_number("52 Mondays, 40 rows", 2080));
    assert!(!shows_number("12080 rows", 2080));
}

#[test]
fn every_question_has_its_answer_from_the_engine() {
    let mut answers = serde_json::Map::new();
    let (mut asks, mut conceptual, mut number_lessons) = (0, 0, 0);
    for entry in index("en") {
        let mut mine = serde_json::Map::new();
        let mut numbers = 0;
        for lang in LANGS {
            let (l, _) = lesson(&entry.id, lang);
            for (k, ask) in l.asks() {
                let at = format!("{}.{lang} step {}", entry.id, k + 1);
                let sim = year_of(&l, k);
                let answer = quiz::answer(ask, &sim);
                let (kind, right, wrong, responses) = match &ask.kind {
                    AskKind::Number(_) => {
                        let Some(Quantity::Number(n)) = answer.as_ref().map(|a| a.value.clone())
                        else {
                            panic!("{at}: the quantity has no number: {answer:?}");
                        };
                        assert!(
                            n < 10 || !shows_number(&ask.prompt, n),
                            "{at}: the prompt gives the answer ({n}): {:?}",
                            ask.prompt
                        );
                        numbers += 1;
                        let (r, w) = (n.to_string(), (n + 1).to_string());
                        let judged = [r.clone(), w.clone()]
                            .map(|t| quiz::check(ask, answer.as_ref(), quiz::Response::Number(&t)));
                        ("number", r, w, judged)
                    }
                    AskKind::Choice {
                        choices,
                        answer: declared,
                        quantity,
                    } => {
                        if quantity.is_some() {
                            let value = answer
                                .as_ref()
                                .unwrap_or_else(|| panic!("{at}: the quantity has no value"))
                                .value
                                .text();
                            assert_eq!(
                                choices[*declared].value, value,
                                "{at}: the declared answer is not the engine's value"
                            );
                        } else if lang == "en" {
                            conceptual += 1;
                        }
                        let (r, w) = (*declared, (declared + 1) % choices.len());
                        let judged = [r, w]
                            .map(|i| quiz::check(ask, answer.as_ref(), quiz::Response::Choice(i)));
                        ("choice", r.to_string(), w.to_string(), judged)
                    }
                };
                assert_eq!(
                    responses,
                    [Ok(true), Ok(false)],
                    "{at}: right and wrong responses"
                );
                let row = json!({"kind": kind, "right": right, "wrong": wrong});
                let key = (k + 1).to_string();
                match mine.get(&key) {
                    Some(other) => assert_eq!(other, &row, "{at}: the languages' answers differ"),
                    None => {
                        mine.insert(key, row);
                    }
                }
                if lang == "en" {
                    asks += 1;
                }
            }
        }
        if numbers > 0 {
            number_lessons += 1;
        }
        if !mine.is_empty() {
            answers.insert(entry.id.clone(), Value::Object(mine));
        }
    }
    assert!(
        answers.len() >= 6,
        "{} lessons ask, want 6 at least",
        answers.len()
    );
    assert!(
        number_lessons >= 4,
        "{number_lessons} lessons ask a number, want 4 at least"
    );
    assert!(
        conceptual * 2 < asks,
        "{conceptual} of {asks} questions name no quantity: they must be a minority"
    );
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    fs::create_dir_all(&dir).unwrap();
    let text = serde_json::to_string_pretty(&Value::Object(answers)).unwrap() + "\n";
    fs::write(dir.join("lesson-answers.json"), text).unwrap();
}

#[test]
fn french_punctuation_has_its_non_breaking_space() {
    let nbsp = |c: Option<&char>| c.is_some_and(|c| *c == '\u{a0}' || *c == '\u{202f}');
    let titles: Vec<String> = index("fr").into_iter().map(|e| e.title).collect();
    for entry in index("fr") {
        let (l, _) = lesson(&entry.id, "fr");
        for t in texts(&l).into_iter().chain(&titles) {
            let chars: Vec<char> = t.chars().collect();
            for (i, c) in chars.iter().enumerate() {
                let before = i.checked_sub(1).and_then(|b| chars.get(b));
                let ok = match c {
                    // "09:00" and "UTC+01:00" are times, not punctuation.
                    ':' => nbsp(before) || before.is_some_and(char::is_ascii_digit),
                    ';' | '?' | '!' | '»' => nbsp(before),
                    '«' => nbsp(chars.get(i + 1)),
                    _ => true,
                };
                assert!(
                    ok,
                    "{}: a non-breaking space goes before : ; ? ! » and after « in {t:?}",
                    entry.id
                );
            }
        }
    }
}

/// The JSON code blocks of the README after `heading` (in order).
fn readme_json_after(heading: &str) -> Vec<Value> {
    let readme =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let from = readme
        .find(heading)
        .unwrap_or_else(|| panic!("README: no {heading:?}"));
    readme[from..]
        .split("```json\n")
        .skip(1)
        .map(|block| {
            let body = &block[..block.find("```").unwrap()];
            serde_json::from_str(body).unwrap_or_else(|e| panic!("README: {e}: {body}"))
        })
        .collect()
}

#[test]
fn the_readme_shows_the_xapi_statements_as_built() {
    use campaign_sim::ui::i18n::Lang;
    use campaign_sim::ui::xapi;
    let blocks = readme_json_after("**What a course platform receives.**");
    let (l, _) = lesson("q7-birthday-caught-up", "en");
    let answered = xapi::answered(&l, 0, Lang::En, None, quiz::Response::Choice(1)).unwrap();
    assert_eq!(blocks[0], answered, "README: campaign-sim-answer");
    let completed = xapi::completed(&l, Lang::En, &[(0, true), (2, false)]);
    assert_eq!(blocks[1], completed, "README: campaign-sim-lesson-complete");
}
