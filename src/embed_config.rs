//! The embed configuration: what a host page passes to `mount(element, config)` or
//! writes as `data-*` attributes, read and checked in one place. Pure (no web types)
//! so it is tested natively; `embed.rs` turns it into a mounted widget.
//!
//! Every problem names its path (`config.lang`, `data-view`,
//! `config.scenario.workflow.scheduler.every`) and why, like the scenario's own
//! validation.

use crate::engine::doc::{self, Scenario, ScenarioError};
use serde_json::Value;

use crate::ui::lesson::valid_id;
use crate::ui::presets::{preset, PRESETS};

pub use crate::ui::state::layout::{Chrome, View};

/// A checked embed configuration.
#[derive(Clone, Debug, PartialEq)]
pub struct EmbedConfig {
    /// The preset to start with (when no scenario is given).
    pub preset: String,
    /// A scenario document, as JSON text, already validated.
    pub scenario: Option<String>,
    /// `"en"` or `"fr"`.
    pub lang: String,
    pub view: View,
    /// Compact layout (narrow widget); defaults to true for views other than full.
    pub compact: bool,
    pub autoplay: bool,
    /// Initial simulated instant, as a local date-time or date in the scenario's zone,
    /// or `end` (the end of the year, as a lesson's `clock: "end"`).
    pub instant: Option<String>,
    /// Hide the scenario editors.
    pub read_only: bool,
    /// A lesson to open in the widget (its id; the widget checks it against the
    /// lessons' index when it fetches them).
    pub lesson: Option<String>,
    /// Which parts of the widget's own header it shows.
    pub chrome: Chrome,
    /// The level of the widget's own title (2 to 6), or `None`: no heading element.
    pub heading_level: Option<u8>,
    /// How the configuration was written (for the paths of later messages).
    pub source: Source,
}

impl Default for EmbedConfig {
    fn default() -> Self {
        EmbedConfig {
            preset: PRESETS[0].name.to_string(),
            scenario: None,
            lang: "en".to_string(),
            view: View::Full,
            compact: false,
            autoplay: false,
            instant: None,
            read_only: false,
            lesson: None,
            chrome: Chrome::ALL,
            heading_level: Some(2),
            source: Source::Object,
        }
    }
}

/// How the configuration was written, for error paths.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Source {
    #[default]
    /// A JS object passed to `mount`: paths read `config.lang`.
    Object,
    /// `data-*` attributes: paths read `data-lang`.
    Attributes,
    /// The attributes of a `<campaign-sim>` element: paths read `lang`, `read-only`.
    Element,
}

impl Source {
    /// The source a configuration object names in its `source` key: `"config"` (the
    /// default), `"attribute"` (a `<campaign-sim>` element's attributes) or
    /// `"data-attribute"` (a `[data-campaign-sim]` host's).
    pub fn named(name: &str) -> Option<Source> {
        match name {
            "config" => Some(Source::Object),
            "attribute" => Some(Source::Element),
            "data-attribute" => Some(Source::Attributes),
            _ => None,
        }
    }

    /// The path of option `key` as the author wrote it (`config.lesson`, `data-lesson`).
    pub fn path(self, key: &str) -> String {
        if key.is_empty() {
            return match self {
                Source::Object => "config".to_string(),
                Source::Attributes => "data-campaign-sim".to_string(),
                Source::Element => "campaign-sim".to_string(),
            };
        }
        match self {
            Source::Object => format!("config.{key}"),
            Source::Attributes | Source::Element => {
                // readOnly → data-read-only, read-only
                let mut out = String::from(if self == Source::Attributes {
                    "data-"
                } else {
                    ""
                });
                for c in key.chars() {
                    if c.is_ascii_uppercase() {
                        out.push('-');
                        out.push(c.to_ascii_lowercase());
                    } else {
                        out.push(c);
                    }
                }
                out
            }
        }
    }
}

/// The problems found while reading one configuration, each with the path its author
/// wrote.
struct Problems {
    source: Source,
    found: Vec<ScenarioError>,
}

impl Problems {
    fn at(&mut self, path: String, reason: String) {
        self.found.push(ScenarioError { path, reason });
    }

    fn option(&mut self, key: &str, reason: String) {
        self.at(self.source.path(key), reason);
    }
}

/// Reads a configuration object (`{preset, scenario, lang, view, compact, autoplay,
/// instant, readOnly, lesson, chrome, headingLevel}`). Returns the configuration to
/// mount (defaults where a value was wrong, so the widget still works) and every
/// problem found.
pub fn read(value: &Value, source: Source) -> (EmbedConfig, Vec<ScenarioError>) {
    let mut cfg = EmbedConfig {
        source,
        ..EmbedConfig::default()
    };
    let mut problems = Problems {
        source,
        found: Vec::new(),
    };
    let Some(map) = value.as_object() else {
        if !value.is_null() {
            problems.option("", "the configuration must be an object".to_string());
        }
        return (cfg, problems.found);
    };
    let mut compact = None;
    for (key, v) in map {
        match key.as_str() {
            "source" => {}
            "compact" => compact = read_flag(v, key, &mut problems),
            "autoplay" => cfg.autoplay = read_flag(v, key, &mut problems).unwrap_or(false),
            "readOnly" => cfg.read_only = read_flag(v, key, &mut problems).unwrap_or(false),
            _ => read_option(&mut cfg, key, v, &mut problems),
        }
    }
    cfg.compact = compact.unwrap_or(cfg.view != View::Full);
    (cfg, problems.found)
}

/// Reads a configuration object that names its own [`Source`] in a `source` key (the
/// element's `mountWidget(target, host, config)`); without one, `config.*` paths.
pub fn from_config(value: &Value) -> (EmbedConfig, Vec<ScenarioError>) {
    let named = value.get("source").and_then(Value::as_str);
    let source = named.and_then(Source::named).unwrap_or(Source::Object);
    let (cfg, mut errors) = read(value, source);
    if let Some(name) = named.filter(|n| Source::named(n).is_none()) {
        errors.push(ScenarioError {
            path: source.path("source"),
            reason: format!(
                "\"{}\" is not a source (config, attribute, data-attribute)",
                clip(name)
            ),
        });
    }
    (cfg, errors)
}

/// One option other than the flags into `cfg`, or its problem.
fn read_option(cfg: &mut EmbedConfig, key: &str, v: &Value, problems: &mut Problems) {
    match key {
        "preset" => read_preset(cfg, v, problems),
        "scenario" => read_scenario(cfg, v, problems),
        "lang" => match v.as_str() {
            Some(l @ ("en" | "fr")) => cfg.lang = l.to_string(),
            Some(l) => problems.option(key, format!("\"{}\" is not a language (en, fr)", clip(l))),
            None => problems.option(key, "expected \"en\" or \"fr\"".to_string()),
        },
        "view" => match v.as_str().and_then(View::from_name) {
            Some(view) => cfg.view = view,
            None => problems.option(
                key,
                format!(
                    "{} is not a view ({})",
                    short_json(v),
                    View::ALL.map(|(_, n)| n).join(", ")
                ),
            ),
        },
        "instant" => match v.as_str() {
            Some(s)
                if s == "end"
                    || doc::parse_local_datetime(s).is_some()
                    || doc::parse_date(s).is_some() =>
            {
                cfg.instant = Some(s.to_string())
            }
            _ => problems.option(
                key,
                format!(
                    "{} is not a local date-time YYYY-MM-DDTHH:MM, a date YYYY-MM-DD or \"end\"",
                    short_json(v)
                ),
            ),
        },
        // Its form here; whether such a lesson exists is known once the widget has
        // fetched the lessons' index (an unknown id is then shown in the widget).
        "lesson" => match v.as_str() {
            Some(id) if valid_id(id) => cfg.lesson = Some(id.to_string()),
            _ => problems.option(
                key,
                format!(
                    "{} is not a lesson id (lowercase letters, digits and -, as in lessons/index.en.json)",
                    short_json(v)
                ),
            ),
        },
        "chrome" => read_chrome(cfg, v, problems),
        "headingLevel" => read_heading_level(cfg, v, problems),
        // The element's own (campaign-sim.js applies them): only checked here, so a bad
        // value is shown in the widget like any other.
        "theme" | "loading" | "height" if problems.source != Source::Object => {
            if let Some(reason) = element_option_problem(key, v) {
                problems.option(key, reason);
            }
        }
        other => problems.option(
            other,
            format!("unknown option ({})", option_names(problems.source)),
        ),
    }
}

fn read_preset(cfg: &mut EmbedConfig, v: &Value, problems: &mut Problems) {
    match v.as_str() {
        Some(p) if preset(p).is_some() => cfg.preset = p.to_string(),
        Some(p) => problems.option(
            "preset",
            format!(
                "\"{}\" is not a preset ({})",
                clip(p),
                PRESETS.map(|p| p.name).join(", ")
            ),
        ),
        None => problems.option("preset", "expected a preset name".to_string()),
    }
}

fn read_scenario(cfg: &mut EmbedConfig, v: &Value, problems: &mut Problems) {
    let text = match v {
        Value::String(s) => s.clone(),
        Value::Object(_) => v.to_string(),
        _ => {
            problems.option(
                "scenario",
                "expected a scenario object or its JSON text".to_string(),
            );
            return;
        }
    };
    if let Err(errs) = doc::parse(&text) {
        let root = problems.source.path("scenario");
        for e in errs {
            let path = if e.path.is_empty() {
                root.clone()
            } else {
                format!("{root}.{}", e.path)
            };
            problems.at(path, e.reason);
        }
    }
    // Kept even when invalid: the widget shows it in its editor, so nothing the
    // author wrote is lost.
    cfg.scenario = Some(text);
}

fn read_chrome(cfg: &mut EmbedConfig, v: &Value, problems: &mut Problems) {
    let parsed = match v {
        Value::String(s) => Chrome::parse([s.as_str()]),
        Value::Array(items) if items.iter().all(Value::is_string) => {
            Chrome::parse(items.iter().filter_map(Value::as_str))
        }
        _ => Err(format!(
            "expected \"all\", \"none\" or a list of {}, found {}",
            Chrome::NAMES.join(", "),
            short_json(v)
        )),
    };
    match parsed {
        Ok(c) => cfg.chrome = c,
        Err(reason) => problems.option("chrome", reason),
    }
}

fn read_heading_level(cfg: &mut EmbedConfig, v: &Value, problems: &mut Problems) {
    let level = match v {
        Value::String(s) if s == "none" => Ok(None),
        Value::String(s) => s.parse::<u8>().map(Some).map_err(|_| ()),
        Value::Number(n) => n
            .as_u64()
            .and_then(|n| u8::try_from(n).ok())
            .map(Some)
            .ok_or(()),
        _ => Err(()),
    };
    match level {
        Ok(l) if l.is_none_or(|l| (2..=6).contains(&l)) => cfg.heading_level = l,
        _ => problems.option(
            "headingLevel",
            format!("{} is not a heading level (2 to 6, or none)", short_json(v)),
        ),
    }
}

/// What is wrong with a value of the element's own `theme`, `loading` or `height`.
fn element_option_problem(key: &str, v: &Value) -> Option<String> {
    let text = v.as_str().unwrap_or_default().trim();
    let (ok, expected) = match key {
        "theme" => (
            matches!(text, "light" | "dark" | "auto"),
            "light, dark, auto",
        ),
        "loading" => (
            matches!(text, "lazy" | "click" | "eager"),
            "lazy, click, eager",
        ),
        _ => {
            let digits = text.strip_suffix("px").unwrap_or(text).trim();
            let ok = !digits.is_empty()
                && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
                && digits.chars().filter(|c| *c == '.').count() <= 1
                && digits.chars().any(|c| c != '0' && c != '.');
            (ok, "")
        }
    };
    (!ok).then(|| match key {
        "height" => format!("{} is not a height in px (600 or 600px)", short_json(v)),
        _ => format!("{} is not one of {expected}", short_json(v)),
    })
}

/// The options as `source` spells them: `readOnly` in a configuration object,
/// `read-only` as an attribute (from [`ELEMENT_ATTRIBUTES`], the one list).
fn option_names(source: Source) -> String {
    let names: Vec<String> = ELEMENT_ATTRIBUTES
        .iter()
        .map(|a| match source {
            Source::Object => {
                let mut words = a.split('-');
                let first = words.next().unwrap_or_default().to_string();
                words.fold(first, |mut out, w| {
                    let mut c = w.chars();
                    out.extend(c.next().map(|c| c.to_ascii_uppercase()));
                    out.push_str(c.as_str());
                    out
                })
            }
            Source::Attributes | Source::Element => a.to_string(),
        })
        .collect();
    names.join(", ")
}

/// A boolean option (`true`, `false`, or an attribute's `""`/`"true"`/`"false"`).
fn read_flag(v: &Value, key: &str, problems: &mut Problems) -> Option<bool> {
    let b = flag(v);
    if b.is_none() {
        problems.option(
            key,
            format!("expected true or false, found {}", short_json(v)),
        );
    }
    b
}

/// Reads `data-*` attributes (name without `data-`, value) into a configuration.
/// `data-scenario` holds the scenario's JSON text.
pub fn from_attributes<'a>(
    attrs: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> (EmbedConfig, Vec<ScenarioError>) {
    attributes(attrs, Source::Attributes)
}

/// The attributes a `<campaign-sim>` element reads (its `observedAttributes`); every
/// other attribute (`id`, `class`, `hidden`, `aria-*` …) belongs to the host page.
/// (`theme`, `loading` and `height` are the element's own, applied by `campaign-sim.js`
/// and only checked here: [`ELEMENT_OWN`].)
pub const ELEMENT_ATTRIBUTES: [&str; 11] = [
    "preset",
    "scenario",
    "lang",
    "view",
    "compact",
    "autoplay",
    "instant",
    "read-only",
    "lesson",
    "chrome",
    "heading-level",
];

/// The element's own attributes, applied by `campaign-sim.js` and checked here.
pub const ELEMENT_OWN: [&str; 3] = ["theme", "loading", "height"];

/// Reads a `<campaign-sim>` element's attributes (name, value) into a configuration;
/// problems name the attribute (`view: "nope" is not a view …`). Attributes outside
/// [`ELEMENT_ATTRIBUTES`] are ignored.
pub fn from_element<'a>(
    attrs: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> (EmbedConfig, Vec<ScenarioError>) {
    let own = attrs
        .into_iter()
        .filter(|(name, _)| ELEMENT_ATTRIBUTES.contains(name) || ELEMENT_OWN.contains(name));
    attributes(own, Source::Element)
}

fn attributes<'a>(
    attrs: impl IntoIterator<Item = (&'a str, &'a str)>,
    source: Source,
) -> (EmbedConfig, Vec<ScenarioError>) {
    let mut map = serde_json::Map::new();
    for (name, value) in attrs {
        let key = match name {
            "campaign-sim" => continue,
            "read-only" => "readOnly".to_string(),
            "heading-level" => "headingLevel".to_string(),
            other => other.to_string(),
        };
        let v = match key.as_str() {
            // Boolean attributes: present without a value means true.
            "compact" | "autoplay" | "readOnly" if value.is_empty() => Value::Bool(true),
            _ => Value::String(value.to_string()),
        };
        map.insert(key, v);
    }
    read(&Value::Object(map), source)
}

/// The scenario this configuration mounts, when it is valid.
pub fn scenario_of(cfg: &EmbedConfig) -> Option<Scenario> {
    cfg.scenario.as_deref().and_then(|t| doc::parse(t).ok())
}

fn flag(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::String(s) if s == "true" || s.is_empty() => Some(true),
        Value::String(s) if s == "false" => Some(false),
        _ => None,
    }
}

/// User text in an error message is clipped, so a hostile value cannot flood the page.
fn clip(s: &str) -> String {
    const MAX: usize = 40;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(MAX).collect::<String>())
    }
}

fn short_json(v: &Value) -> String {
    clip(&v.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn empty_config_is_the_default_full_page() {
        let (cfg, errors) = read(&json!({}), Source::Object);
        assert!(errors.is_empty());
        assert_eq!(cfg, EmbedConfig::default());
        assert_eq!(cfg.lesson, None);
        let (cfg, errors) = read(&Value::Null, Source::Object);
        assert!(errors.is_empty());
        assert_eq!(cfg.view, View::Full);
        let (_, errors) = read(&json!([1]), Source::Object);
        assert_eq!(
            errors[0].to_string(),
            "config: the configuration must be an object"
        );
    }

    #[test]
    fn every_option_is_read() {
        let (cfg, errors) = read(
            &json!({"preset": "birthday-daily-recurring", "lang": "fr", "view": "compare",
                    "autoplay": true, "instant": "2026-03-01", "readOnly": true}),
            Source::Object,
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(cfg.preset, "birthday-daily-recurring");
        assert_eq!(cfg.lang, "fr");
        assert_eq!(cfg.view, View::Compare);
        assert!(
            cfg.compact,
            "a compare widget is compact unless told otherwise"
        );
        assert!(cfg.autoplay && cfg.read_only);
        assert_eq!(cfg.instant.as_deref(), Some("2026-03-01"));
    }

    #[test]
    fn the_elements_own_theme_loading_and_height_are_checked_not_read() {
        let good = [
            ("theme", "dark"),
            ("loading", "click"),
            ("height", "600px"),
            ("height", " 480 "),
        ];
        let (_, errors) = from_element(good);
        assert!(errors.is_empty(), "{errors:?}");
        let (cfg, errors) = from_element([
            ("theme", "purple"),
            ("loading", "soon"),
            ("height", "abc"),
            ("view", "logs"),
        ]);
        let lines: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(
            lines,
            [
                "height: \"abc\" is not a height in px (600 or 600px)",
                "loading: \"soon\" is not one of lazy, click, eager",
                "theme: \"purple\" is not one of light, dark, auto",
            ]
        );
        assert_eq!(cfg.view, View::Logs, "the rest is read");
        let (_, errors) = from_attributes([("height", "0px")]);
        assert_eq!(errors[0].path, "data-height");
        // The mount API has no such options.
        let (_, errors) = read(&json!({"theme": "dark"}), Source::Object);
        assert!(errors[0].reason.starts_with("unknown option"), "{errors:?}");
    }

    #[test]
    fn bad_values_name_their_option_and_keep_defaults() {
        let (cfg, errors) = read(
            &json!({"preset": "nope", "lang": "de", "view": 3, "compact": "yes", "colour": 1}),
            Source::Object,
        );
        let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert!(lines
            .iter()
            .any(|l| l.starts_with("config.preset: \"nope\" is not a preset")));
        assert!(lines.contains(&"config.lang: \"de\" is not a language (en, fr)".to_string()));
        assert!(lines
            .iter()
            .any(|l| l.starts_with("config.view: 3 is not a view")));
        assert!(lines
            .iter()
            .any(|l| l.starts_with("config.compact: expected true or false")));
        assert!(lines.contains(
            &"config.colour: unknown option (preset, scenario, lang, view, compact, autoplay, \
              instant, readOnly, lesson, chrome, headingLevel)"
                .to_string()
        ));
        assert_eq!(cfg.preset, PRESETS[0].name);
        assert_eq!(cfg.lang, "en");
    }

    #[test]
    fn an_invalid_scenario_reports_its_inner_path_and_is_kept() {
        let doc = json!({"workflow": {"scheduler": {"frequency": "daily", "every": 0, "times": ["06:00"]}}});
        let (cfg, errors) = read(&json!({ "scenario": doc }), Source::Object);
        assert_eq!(
            errors[0].to_string(),
            "config.scenario.workflow.scheduler.every: 0 is less than 1"
        );
        assert!(
            cfg.scenario.is_some(),
            "the author's text is kept for the editor"
        );
        assert!(scenario_of(&cfg).is_none());
    }

    #[test]
    fn data_attributes_use_their_own_names() {
        let (cfg, errors) = from_attributes([
            ("campaign-sim", ""),
            ("preset", "welcome-continuous-incremental"),
            ("lang", "fr"),
            ("view", "compare"),
            ("autoplay", ""),
            ("read-only", "false"),
        ]);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(cfg.preset, "welcome-continuous-incremental");
        assert!(cfg.autoplay && !cfg.read_only && cfg.compact);
        let (_, errors) = from_attributes([("view", "<img src=x onerror=alert(1)>")]);
        assert!(errors[0].to_string().starts_with("data-view: "));
        let (_, errors) = from_attributes([("read-only", "maybe")]);
        assert!(errors[0].to_string().starts_with("data-read-only: "));
    }

    #[test]
    fn a_lesson_is_read_with_the_path_its_messages_will_name() {
        let (cfg, errors) = read(
            &json!({"lesson": "q1-deliveries", "view": "compare"}),
            Source::Object,
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(cfg.lesson.as_deref(), Some("q1-deliveries"));
        assert_eq!(cfg.source.path("lesson"), "config.lesson");
        let (cfg, errors) = from_attributes([("lesson", "q5-content-change")]);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(cfg.lesson.as_deref(), Some("q5-content-change"));
        assert_eq!(cfg.source.path("lesson"), "data-lesson");
        // A value that cannot be a lesson file's name is refused at once.
        let (cfg, errors) = from_attributes([("lesson", "../secret")]);
        assert_eq!(cfg.lesson, None);
        assert!(errors[0]
            .to_string()
            .starts_with("data-lesson: \"../secret\" is not a lesson id"));
        let (_, errors) = read(&json!({"lesson": 3}), Source::Object);
        assert!(errors[0]
            .to_string()
            .starts_with("config.lesson: 3 is not a lesson id"));
    }

    #[test]
    fn element_attributes_use_their_own_names_and_ignore_the_host_pages() {
        let (cfg, errors) = from_element([
            ("id", "demo"),
            ("class", "wide"),
            ("preset", "birthday-daily-recurring"),
            ("lang", "fr"),
            ("view", "logs"),
            ("read-only", ""),
            ("lesson", "q1-deliveries"),
        ]);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(cfg.preset, "birthday-daily-recurring");
        assert_eq!(cfg.lang, "fr");
        assert_eq!(cfg.view, View::Logs);
        assert!(cfg.read_only && cfg.compact);
        assert_eq!(cfg.source.path("lesson"), "lesson");
        let (cfg, errors) = from_element([("view", "nope"), ("read-only", "maybe")]);
        let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert!(
            lines.contains(&"view: \"nope\" is not a view (full, compare, workflow, logs)".into()),
            "{lines:?}"
        );
        assert!(lines
            .iter()
            .any(|l| l.starts_with("read-only: expected true or false")));
        assert_eq!(cfg.view, View::Full, "the default for what was wrong");
        assert_eq!(Source::Element.path(""), "campaign-sim");
        for name in ELEMENT_ATTRIBUTES {
            let (_, errors) = from_element([(name, "\u{0}bad")]);
            if name != "scenario" {
                assert_eq!(errors.len(), 1, "{name}: {errors:?}");
                assert!(errors[0].path == name, "{name}: {errors:?}");
            }
        }
    }

    #[test]
    fn chrome_heading_level_and_the_end_of_the_year() {
        let (cfg, errors) = from_element([
            ("chrome", "title lang"),
            ("heading-level", "3"),
            ("instant", "end"),
        ]);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            cfg.chrome,
            Chrome {
                title: true,
                lang: true,
                ..Chrome::NONE
            }
        );
        assert_eq!(cfg.heading_level, Some(3));
        assert_eq!(cfg.instant.as_deref(), Some("end"));
        let (cfg, errors) = read(
            &json!({"chrome": ["preset"], "headingLevel": "none"}),
            Source::Object,
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert!(cfg.chrome.preset && !cfg.chrome.title);
        assert_eq!(cfg.heading_level, None);
        assert_eq!(EmbedConfig::default().chrome, Chrome::ALL);
        assert_eq!(Chrome::parse(["none"]), Ok(Chrome::NONE));
        assert_eq!(Chrome::parse(["all"]), Ok(Chrome::ALL));
        let (cfg, errors) = from_element([("chrome", "title footer"), ("heading-level", "7")]);
        let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert!(
            lines[0].starts_with("chrome: \"footer\" is not a part of the header"),
            "{lines:?}"
        );
        assert_eq!(
            lines[1],
            "heading-level: \"7\" is not a heading level (2 to 6, or none)"
        );
        assert_eq!((cfg.chrome, cfg.heading_level), (Chrome::ALL, Some(2)));
    }

    #[test]
    fn a_config_names_its_source_and_the_elements_own_attributes_are_left_alone() {
        let (cfg, errors) =
            from_config(&json!({"source": "attribute", "view": "nope", "readOnly": true}));
        assert_eq!(cfg.source, Source::Element);
        assert!(
            errors[0].to_string().starts_with("view: \"nope\""),
            "{errors:?}"
        );
        assert!(cfg.read_only);
        let (_, errors) = from_config(&json!({"source": "data-attribute", "headingLevel": 9}));
        assert!(
            errors[0].to_string().starts_with("data-heading-level: 9"),
            "{errors:?}"
        );
        let (_, errors) = from_config(&json!({"source": "html", "lang": "de"}));
        let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert!(lines.contains(&"config.lang: \"de\" is not a language (en, fr)".into()));
        assert!(lines
            .iter()
            .any(|l| l.starts_with("config.source: \"html\" is not a source")));
        // theme, loading and height belong to campaign-sim.js.
        let (_, errors) =
            from_attributes([("theme", "dark"), ("loading", "click"), ("height", "500")]);
        assert!(errors.is_empty(), "{errors:?}");
    }

    /// The element's attribute list (web/element-api.js, the manifest's source) holds
    /// every attribute the simulator reads, and the element's own three.
    #[test]
    fn the_element_api_lists_every_attribute() {
        let api = include_str!("../web/element-api.js");
        for name in ELEMENT_ATTRIBUTES
            .iter()
            .chain(&["theme", "loading", "height"])
        {
            assert!(
                api.contains(&format!("{{ name: \"{name}\", property: ")),
                "web/element-api.js does not list the attribute {name}"
            );
        }
    }

    #[test]
    fn long_hostile_values_are_clipped_in_messages() {
        let long = "x".repeat(10_000);
        let (_, errors) = read(&json!({ "lang": long }), Source::Object);
        assert!(errors[0].reason.chars().count() < 100);
    }
}
