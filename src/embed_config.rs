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

pub use crate::ui::state::layout::View;

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
    /// Initial simulated instant, as a local date-time or date in the scenario's zone.
    pub instant: Option<String>,
    /// Hide the scenario editors.
    pub read_only: bool,
    /// A lesson to open in the widget (its id; the widget checks it against the
    /// lessons' index when it fetches them).
    pub lesson: Option<String>,
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

/// Reads a configuration object (`{preset, scenario, lang, view, compact, autoplay,
/// instant, readOnly, lesson}`). Returns the configuration to mount (defaults where a value
/// was wrong, so the widget still works) and every problem found.
pub fn read(value: &Value, source: Source) -> (EmbedConfig, Vec<ScenarioError>) {
    let mut cfg = EmbedConfig {
        source,
        ..EmbedConfig::default()
    };
    let errors = std::cell::RefCell::new(Vec::new());
    let err_at =
        |path: String, reason: String| errors.borrow_mut().push(ScenarioError { path, reason });
    let err = |key: &str, reason: String| err_at(source.path(key), reason);
    let Some(map) = value.as_object() else {
        if !value.is_null() {
            err("", "the configuration must be an object".to_string());
        }
        return (cfg, errors.into_inner());
    };
    let mut compact = None;
    for (key, v) in map {
        match key.as_str() {
            "preset" => match v.as_str() {
                Some(p) if preset(p).is_some() => cfg.preset = p.to_string(),
                Some(p) => err(
                    key,
                    format!(
                        "\"{}\" is not a preset ({})",
                        clip(p),
                        PRESETS.map(|p| p.name).join(", ")
                    ),
                ),
                None => err(key, "expected a preset name".to_string()),
            },
            "scenario" => {
                let text = match v {
                    Value::String(s) => s.clone(),
                    Value::Object(_) => v.to_string(),
                    _ => {
                        err(key, "expected a scenario object or its JSON text".to_string());
                        continue;
                    }
                };
                match doc::parse(&text) {
                    Ok(_) => {}
                    Err(errs) => {
                        for e in errs {
                            let path = if e.path.is_empty() {
                                source.path(key)
                            } else {
                                format!("{}.{}", source.path(key), e.path)
                            };
                            err_at(path, e.reason);
                        }
                    }
                }
                // Kept even when invalid: the widget shows it in its editor, so
                // nothing the author wrote is lost.
                cfg.scenario = Some(text);
            }
            "lang" => match v.as_str() {
                Some(l @ ("en" | "fr")) => cfg.lang = l.to_string(),
                Some(l) => err(key, format!("\"{}\" is not a language (en, fr)", clip(l))),
                None => err(key, "expected \"en\" or \"fr\"".to_string()),
            },
            "view" => match v.as_str().and_then(|n| View::ALL.iter().find(|(_, name)| *name == n)) {
                Some((view, _)) => cfg.view = *view,
                None => err(
                    key,
                    format!(
                        "{} is not a view ({})",
                        short_json(v),
                        View::ALL.map(|(_, n)| n).join(", ")
                    ),
                ),
            },
            "compact" | "autoplay" | "readOnly" => match flag(v) {
                Some(b) => match key.as_str() {
                    "compact" => compact = Some(b),
                    "autoplay" => cfg.autoplay = b,
                    _ => cfg.read_only = b,
                },
                None => err(key, format!("expected true or false, found {}", short_json(v))),
            },
            "instant" => match v.as_str() {
                Some(s)
                    if doc::parse_local_datetime(s).is_some()
                        || doc::parse_date(s).is_some() =>
                {
                    cfg.instant = Some(s.to_string())
                }
                _ => err(
                    key,
                    format!(
                        "{} is not a local date-time YYYY-MM-DDTHH:MM or date YYYY-MM-DD",
                        short_json(v)
                    ),
                ),
            },
            // Its form here; whether such a lesson exists is known once the widget has
            // fetched the lessons' index (an unknown id is then shown in the widget).
            "lesson" => match v.as_str() {
                Some(id) if valid_id(id) => cfg.lesson = Some(id.to_string()),
                _ => err(
                    key,
                    format!(
                        "{} is not a lesson id (lowercase letters, digits and -, as in lessons/index.en.json)",
                        short_json(v)
                    ),
                ),
            },
            other => err(
                other,
                "unknown option (preset, scenario, lang, view, compact, autoplay, instant, readOnly, lesson)"
                    .to_string(),
            ),
        }
    }
    cfg.compact = compact.unwrap_or(cfg.view != View::Full);
    (cfg, errors.into_inner())
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
pub const ELEMENT_ATTRIBUTES: [&str; 9] = [
    "preset",
    "scenario",
    "lang",
    "view",
    "compact",
    "autoplay",
    "instant",
    "read-only",
    "lesson",
];

/// Reads a `<campaign-sim>` element's attributes (name, value) into a configuration;
/// problems name the attribute (`view: "nope" is not a view …`). Attributes outside
/// [`ELEMENT_ATTRIBUTES`] are ignored.
pub fn from_element<'a>(
    attrs: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> (EmbedConfig, Vec<ScenarioError>) {
    let own = attrs
        .into_iter()
        .filter(|(name, _)| ELEMENT_ATTRIBUTES.contains(name));
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
        assert!(lines
            .iter()
            .any(|l| l.starts_with("config.colour: unknown option")));
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
    fn long_hostile_values_are_clipped_in_messages() {
        let long = "x".repeat(10_000);
        let (_, errors) = read(&json!({ "lang": long }), Source::Object);
        assert!(errors[0].reason.chars().count() < 100);
    }
}
