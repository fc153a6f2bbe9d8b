//! Posters: what a widget shows until its simulator is ready (and what a reader who
//! never starts it still learns, and a search engine indexes). Real text, written at
//! build time by `campaign-sim posters DIR` from the engine's own year and the UI's
//! words (`ui::i18n`), never typed by hand: one per preset × view × language, one per
//! lesson × language, and a generic one for a widget with its own `scenario`.
//!
//! `web/campaign-sim.js` fetches `posters/<name>.json` and renders it with
//! `textContent` (no markup): `{title, lines, start, loading, lang, kind, view?}`.
//!
//! ```
//! use campaign_sim::poster::{preset_poster, Figures};
//! use campaign_sim::embed_config::View;
//! use campaign_sim::ui::i18n::Lang;
//! let p = preset_poster("weekly-newsletter-recurring", View::Compare, Lang::En).unwrap();
//! assert_eq!(p.lines[0], "Recurring: 52 deliveries · Continuous: 1 delivery");
//! ```
//!
//! The element's own words (start, loading, the failures' messages) are also written
//! to `web/element-words.js`, for the box to say what went wrong even when no poster
//! could be fetched ([`element_words_js`]).

use crate::embed_config::View;
use crate::engine::doc::{self, ScenarioError};
use crate::engine::sim::{Comparison, Side};
use crate::ui::format;
use crate::ui::i18n::{self, count, fill, tr, Lang, K};
use crate::ui::lesson::{parse_lesson, plan, Lesson};
use crate::ui::presets::{preset, PRESETS};
use serde::Serialize;

/// Both languages, in the order files are written.
pub const LANGS: [Lang; 2] = [Lang::En, Lang::Fr];

/// One poster, as `posters/<name>.json` holds it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Poster {
    /// The widget's title, or the lesson's question.
    pub title: String,
    /// The year's headline figures, one line each.
    pub lines: Vec<String>,
    /// The start button's label.
    pub start: String,
    /// What the box says while the simulator loads.
    pub loading: String,
    /// `en` or `fr`.
    pub lang: &'static str,
    /// `preset`, `lesson` or `scenario`.
    pub kind: &'static str,
    /// The view the poster was written for (lesson posters fit every view).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub view: Option<&'static str>,
    /// Each mode's deliveries in the year, drawn as the simulator's columns (the
    /// generic poster has none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub modes: Vec<ModeFigure>,
}

/// One mode's headline on a poster: "Recurring · 52 · deliveries".
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ModeFigure {
    /// `recurring`, `continuous` or `aggregated` (the colour).
    pub mode: &'static str,
    pub label: String,
    /// The number, formatted.
    pub value: String,
    /// "deliveries" / "delivery", in the poster's language.
    pub unit: String,
}

/// A year's headline figures, from the engine.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Figures {
    /// Each side's (deliveries, broadLog rows), in the comparison's order.
    pub sides: Vec<(Side, usize, usize)>,
    /// Executions in the year, and how many of them targeted someone.
    pub executions: usize,
    pub reached: usize,
}

impl Figures {
    /// Simulates the whole year of a scenario document (its first workflow compared
    /// in each delivery mode, as the page does).
    pub fn of(doc_text: &str) -> Result<Figures, Vec<ScenarioError>> {
        let valid = doc::parse_validated(doc_text)?;
        let mut comparison = Comparison::new(&valid, 0)?;
        while comparison.step_budget(10_000) > 0 {}
        let sides = comparison.finish();
        // The compared workflow's own figures (the page's columns count those).
        let own = |w: u16| usize::from(w) == 0;
        let (executions, reached) = sides.first().map_or((0, 0), |(_, o)| {
            let runs: Vec<_> = o.executions().iter().filter(|e| own(e.workflow)).collect();
            (runs.len(), runs.iter().filter(|e| e.targeted > 0).count())
        });
        Ok(Figures {
            sides: sides
                .iter()
                .map(|(side, o)| {
                    let mine = o.deliveries().iter().filter(|d| own(d.workflow));
                    let (n, rows) = mine.fold((0, 0), |(n, rows), d| {
                        (n + 1, rows + d.broadlog.total as usize)
                    });
                    (*side, n, rows)
                })
                .collect(),
            executions,
            reached,
        })
    }

    /// "Recurring: 52 deliveries · Continuous: 1 delivery".
    fn deliveries(&self, lang: Lang) -> String {
        self.per_side(lang, |n| count(lang, n, K::DeliveryOne, K::DeliveryMany))
    }

    /// "broadLog rows: Recurring 2,080 · Continuous 2,080".
    fn rows(&self, lang: Lang) -> String {
        let sides: Vec<String> = self
            .sides
            .iter()
            .map(|(side, _, rows)| {
                format!(
                    "{} {}",
                    side_label(lang, *side),
                    format::int(lang, *rows as u64)
                )
            })
            .collect();
        format!(
            "{}{}{}",
            capitalised(tr(lang, K::BroadlogRows)),
            tr(lang, K::Colon),
            sides.join(" · ")
        )
    }

    /// "52 executions in the year, 52 of which targeted someone".
    fn executions(&self, lang: Lang) -> String {
        fill(
            tr(lang, K::PosterExecutions),
            &[
                (
                    "executions",
                    &count(
                        lang,
                        self.executions as u64,
                        K::ExecutionOne,
                        K::ExecutionMany,
                    ),
                ),
                ("reached", &format::int(lang, self.reached as u64)),
            ],
        )
    }

    fn per_side(&self, lang: Lang, value: impl Fn(u64) -> String) -> String {
        self.sides
            .iter()
            .map(|(side, deliveries, _)| {
                format!(
                    "{}{}{}",
                    side_label(lang, *side),
                    tr(lang, K::Colon),
                    value(*deliveries as u64)
                )
            })
            .collect::<Vec<_>>()
            .join(" · ")
    }

    /// Each mode's deliveries, for the poster's columns.
    pub fn modes(&self, lang: Lang) -> Vec<ModeFigure> {
        self.sides
            .iter()
            .map(|(side, deliveries, _)| {
                let n = *deliveries as u64;
                let counted = count(lang, n, K::DeliveryOne, K::DeliveryMany);
                let value = format::int(lang, n);
                ModeFigure {
                    mode: side.name(),
                    label: side_label(lang, *side).to_string(),
                    unit: counted.trim_start_matches(&value).trim().to_string(),
                    value,
                }
            })
            .collect()
    }

    /// The lines a poster of `view` shows: what that view is about first.
    pub fn lines(&self, view: View, lang: Lang) -> Vec<String> {
        match view {
            View::Compare => vec![self.deliveries(lang), self.executions(lang)],
            View::Workflow => vec![self.executions(lang), self.deliveries(lang)],
            View::Logs => vec![self.rows(lang), self.deliveries(lang)],
            View::Full => vec![
                self.deliveries(lang),
                self.executions(lang),
                self.rows(lang),
            ],
        }
    }
}

fn side_label(lang: Lang, side: Side) -> &'static str {
    tr(
        lang,
        match side {
            Side::Recurring => K::Recurring,
            Side::Continuous => K::Continuous,
            Side::Aggregated => K::Aggregated,
        },
    )
}

/// "broadLog rows" stays as written; "lignes broadLog" → "Lignes broadLog".
fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |c| {
        if s.starts_with("broadLog") {
            s.to_string()
        } else {
            c.to_uppercase().chain(chars).collect()
        }
    })
}

fn poster(lang: Lang, kind: &'static str, view: Option<View>, title: String) -> Poster {
    Poster {
        title,
        lines: Vec::new(),
        start: tr(lang, K::PosterStart).to_string(),
        loading: tr(lang, K::PosterLoading).to_string(),
        lang: i18n::code(lang),
        kind,
        view: view.map(View::name),
        modes: Vec::new(),
    }
}

/// The poster of a preset in a view.
pub fn preset_poster(name: &str, view: View, lang: Lang) -> Result<Poster, String> {
    let p = preset(name).ok_or_else(|| format!("{name}: not a preset"))?;
    let figures = Figures::of(p.json).map_err(|e| first_error(name, &e))?;
    Ok(Poster {
        lines: figures.lines(view, lang),
        modes: figures.modes(lang),
        ..poster(lang, "preset", Some(view), tr(lang, p.label).to_string())
    })
}

/// The poster of a lesson (its question, and the figures of its first step's year).
pub fn lesson_poster(lesson: &Lesson, lang: Lang) -> Result<Poster, String> {
    let base: serde_json::Value = serde_json::from_str(PRESETS[0].json).unwrap_or_default();
    let first = plan(lesson, 0, &base);
    let figures = Figures::of(&first.doc.to_string()).map_err(|e| first_error(&lesson.id, &e))?;
    let steps = lesson.steps.len() as u64;
    let about = fill(
        tr(lang, K::PosterLesson),
        &[
            ("n", &lesson.question.to_string()),
            (
                "steps",
                &count(lang, steps, K::PosterStepOne, K::PosterStepMany),
            ),
        ],
    );
    let mut lines = vec![about];
    lines.extend(figures.lines(View::Compare, lang));
    Ok(Poster {
        lines,
        modes: figures.modes(lang),
        ..poster(lang, "lesson", None, lesson.title.clone())
    })
}

/// The generic poster of a widget with its own `scenario`.
pub fn scenario_poster(view: View, lang: Lang) -> Poster {
    Poster {
        lines: vec![tr(lang, K::PosterOwnScenario).to_string()],
        ..poster(lang, "scenario", Some(view), tr(lang, K::Title).to_string())
    }
}

fn first_error(what: &str, errors: &[ScenarioError]) -> String {
    errors
        .first()
        .map_or_else(|| format!("{what}: invalid"), |e| format!("{what}: {e}"))
}

/// A poster's file name under `posters/` (the element asks for exactly these):
/// `preset-<name>.<view>.<lang>.json`, `lesson-<id>.<lang>.json`,
/// `scenario.<view>.<lang>.json`.
pub fn file_name(kind: &str, name: &str, view: Option<View>, lang: Lang) -> String {
    let lang = i18n::code(lang);
    match (kind, view) {
        ("scenario", Some(v)) => format!("scenario.{}.{lang}.json", v.name()),
        (_, Some(v)) => format!("{kind}-{name}.{}.{lang}.json", v.name()),
        (_, None) => format!("{kind}-{name}.{lang}.json"),
    }
}

/// Every poster: `(file name, JSON)`. `lessons` are the lesson files' texts, `(id,
/// lang, text)`, as read from `lessons/`.
pub fn all(lessons: &[(String, Lang, String)]) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    let json = |p: &Poster| serde_json::to_string_pretty(p).map(|t| t + "\n");
    for lang in LANGS {
        for (view, _) in View::ALL {
            for p in PRESETS {
                let poster = preset_poster(p.name, view, lang)?;
                let text = json(&poster).map_err(|e| e.to_string())?;
                out.push((file_name("preset", p.name, Some(view), lang), text));
            }
            let text = json(&scenario_poster(view, lang)).map_err(|e| e.to_string())?;
            out.push((file_name("scenario", "", Some(view), lang), text));
        }
    }
    for (id, lang, text) in lessons {
        let lesson = parse_lesson(text, Some(id)).map_err(|e| format!("lesson {id}: {e}"))?;
        let text = json(&lesson_poster(&lesson, *lang)?).map_err(|e| e.to_string())?;
        out.push((file_name("lesson", id, None, *lang), text));
    }
    Ok(out)
}

/// The keys `web/campaign-sim.js` shows itself (before, or without, any poster).
pub const ELEMENT_WORDS: [K; 12] = [
    K::Title,
    K::PosterStart,
    K::PosterLoading,
    K::PosterRetry,
    K::FailGlue,
    K::FailWasm,
    K::FailPoster,
    K::FailLesson,
    K::FailFrench,
    K::FailNoWasm,
    K::FailCheck,
    K::Colon,
];

/// `web/element-words.js`: the element's words in both languages, from the key table
/// (`{en: {PosterStart: …}, fr: {…}}`). The native test below fails when the committed
/// file drifts; `CAMPAIGN_SIM_WRITE_I18N=1 cargo test --lib poster` rewrites it.
pub fn element_words_js() -> String {
    let mut langs = serde_json::Map::new();
    for lang in LANGS {
        let words: serde_json::Map<String, serde_json::Value> = ELEMENT_WORDS
            .iter()
            .map(|k| (format!("{k:?}"), tr(lang, *k).into()))
            .collect();
        langs.insert(i18n::code(lang).to_string(), words.into());
    }
    let body = serde_json::to_string_pretty(&serde_json::Value::Object(langs)).unwrap_or_default();
    format!(
        "// Generated from src/ui/i18n.rs by src/poster.rs (CAMPAIGN_SIM_WRITE_I18N=1 cargo test --lib poster);\n\
         // do not edit. The words web/campaign-sim.js shows before, or without, any poster.\n\
         export const WORDS = {body};\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preset_posters_carry_the_engines_figures_in_both_languages() {
        let en = preset_poster("weekly-newsletter-recurring", View::Compare, Lang::En).unwrap();
        assert_eq!(en.title, "Weekly newsletter (recurring)");
        assert_eq!(
            en.lines,
            [
                "Recurring: 52 deliveries · Continuous: 1 delivery",
                "52 executions in the year, 52 of which targeted someone"
            ]
        );
        assert_eq!(en.start, "Start the simulator");
        assert_eq!(
            en.modes[1],
            ModeFigure {
                mode: "continuous",
                label: "Continuous".into(),
                value: "1".into(),
                unit: "delivery".into()
            }
        );
        let fr = preset_poster("weekly-newsletter-recurring", View::Logs, Lang::Fr).unwrap();
        assert_eq!(
            fr.lines[0],
            "lignes broadLog\u{a0}: Récurrente 2\u{202f}080 · Continue 2\u{202f}080"
                .replace("lignes", "Lignes")
        );
        assert_eq!(
            fr.lines[1],
            "Récurrente\u{a0}: 52 diffusions · Continue\u{a0}: 1 diffusion"
        );
        let birthday = preset_poster("birthday-daily-recurring", View::Workflow, Lang::En).unwrap();
        assert_eq!(
            birthday.lines[0],
            "365 executions in the year, 69 of which targeted someone"
        );
    }

    #[test]
    fn every_poster_is_written_with_its_file_name() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/lessons");
        let index = std::fs::read_to_string(format!("{dir}/index.en.json")).unwrap();
        let ids: Vec<String> = crate::ui::lesson::parse_index(&index)
            .unwrap()
            .into_iter()
            .map(|e| e.id)
            .collect();
        let lessons: Vec<(String, Lang, String)> = ids
            .iter()
            .flat_map(|id| {
                LANGS.map(|lang| {
                    let path = format!("{dir}/{id}.{}.json", i18n::code(lang));
                    (id.clone(), lang, std::fs::read_to_string(path).unwrap())
                })
            })
            .collect();
        let files = all(&lessons).unwrap();
        // 4 presets × 4 views × 2 languages, 4 generic × 2, every lesson × 2.
        assert_eq!(files.len(), 32 + 8 + 2 * ids.len());
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert!(names.contains(&"preset-weekly-newsletter-recurring.compare.fr.json"));
        assert!(names.contains(&"scenario.logs.en.json"));
        for (id, lang, text) in &lessons {
            let name = file_name("lesson", id, None, *lang);
            let (_, poster) = files.iter().find(|(n, _)| *n == name).unwrap();
            let v: serde_json::Value = serde_json::from_str(poster).unwrap();
            let lesson = parse_lesson(text, Some(id)).unwrap();
            assert_eq!(v["title"], lesson.title.as_str(), "{name}");
            assert_eq!(v["lang"], i18n::code(*lang));
            assert!(v.get("view").is_none());
            let question = if *lang == Lang::Fr {
                "Question n°"
            } else {
                "Question "
            };
            assert!(
                v["lines"][0].as_str().unwrap().starts_with(question),
                "{name}"
            );
            assert_eq!(v["lines"].as_array().unwrap().len(), 3, "{name}");
        }
    }

    /// `web/element-words.js` is generated from the key table: this test fails when
    /// the committed file differs, and rewrites it with `CAMPAIGN_SIM_WRITE_I18N=1`.
    #[test]
    fn the_committed_element_words_are_the_key_table() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/web/element-words.js");
        let expected = element_words_js();
        if std::env::var_os("CAMPAIGN_SIM_WRITE_I18N").is_some() {
            std::fs::write(path, &expected).unwrap();
        }
        let committed = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            committed == expected,
            "web/element-words.js differs from src/ui/i18n.rs; regenerate it with \
             CAMPAIGN_SIM_WRITE_I18N=1 cargo test --lib poster"
        );
        assert!(expected.contains("\"PosterRetry\": \"Réessayer\""));
    }
}
