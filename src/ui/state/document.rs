//! The scenario being edited: its text exactly as typed (never lost, even when it does
//! not parse), the JSON value the field editors read, the draft the engine simulates,
//! its problems, and the preset it came from.
//!
//! The text is parsed once per edit ([`Document::set_text`]). The widget reads it
//! straight into the scenario (the engine's own reader, the only one it carries); the
//! full page, whose field editors show what was typed (a value a scenario cannot hold,
//! like `"9x"` for the seed), reads it into a JSON value and the scenario from that
//! value. Only a document that does not deserialise is read once more, to name the
//! offending field.

use chrono::{NaiveDate, NaiveTime};
use serde_json::Value;

use crate::engine::doc::{self, parse_local_datetime, Scenario, ScenarioError};
use crate::ui::editor::{self, Kind};
use crate::ui::presets::{preset, PRESETS};

/// The scenario document of one instance.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    /// The preset the text is (its name), or "" for a custom scenario.
    preset: String,
    /// The preset the text last came from, even once edited ("" if none): what "Reset
    /// to the preset" loads again.
    origin: String,
    /// The text as typed.
    text: String,
    /// The text read as JSON (`None` when it is not JSON): the field editors' source.
    #[cfg(feature = "full")]
    value: Option<Value>,
    /// The last text that deserialised as a scenario (what the engine is given).
    draft: Scenario,
    /// Why the text is not a scenario (a JSON or type error, with its path).
    parse_error: Option<ScenarioError>,
    /// The draft's validation problems.
    problems: Vec<ScenarioError>,
}

impl Default for Document {
    fn default() -> Self {
        Document::new(PRESETS[0].name, None)
    }
}

impl Document {
    /// A document from an instance's configuration: its scenario text if any (a text
    /// equal to a preset's document selects that preset), else the preset `name` (the
    /// first preset when the name is unknown).
    ///
    /// ```
    /// use campaign_sim::ui::state::document::Document;
    /// let d = Document::new("birthday-daily-recurring", None);
    /// assert_eq!(d.preset(), "birthday-daily-recurring");
    /// assert!(d.is_valid());
    /// let custom = Document::new("", Some("{\"workflow\": 3}"));
    /// assert_eq!(custom.preset(), "");
    /// assert!(custom.parse_error().is_some());
    /// ```
    pub fn new(name: &str, scenario: Option<&str>) -> Document {
        let fallback = preset(name).unwrap_or(PRESETS[0]);
        let mut d = Document {
            preset: String::new(),
            origin: String::new(),
            text: String::new(),
            #[cfg(feature = "full")]
            value: None,
            draft: read_preset(fallback.json),
            parse_error: None,
            problems: Vec::new(),
        };
        match scenario {
            Some(text) => {
                d.set_text(text.to_string());
                d.preset = d.matching_preset().to_string();
            }
            None => {
                d.set_text(fallback.json.to_string());
                d.preset = fallback.name.to_string();
            }
        }
        d.origin = d.preset.clone();
        d
    }

    /// Puts a text in the document, as typed: a text that deserialises becomes the
    /// draft (its validation problems are kept), one that does not keeps the last
    /// draft and records why, with the field's path. The preset is left to the caller
    /// ([`Document::set_custom_text`] for an edit).
    pub fn set_text(&mut self, text: String) {
        #[cfg(feature = "full")]
        {
            // One reading into a value, the scenario from the value (doc::Parsed).
            let p = doc::Parsed::from_text(&text);
            self.value = p.value;
            match p.scenario {
                Some(s) => {
                    self.parse_error = None;
                    self.problems = p.problems;
                    self.draft = s;
                }
                None => self.parse_error = p.error,
            }
        }
        #[cfg(not(feature = "full"))]
        match serde_json::from_str::<Scenario>(&text) {
            Ok(s) => {
                self.parse_error = None;
                self.problems = doc::validate(&s);
                self.draft = s;
            }
            // Read once more only to word the error and name its field.
            Err(_) => self.parse_error = doc::parse(&text).err().and_then(|e| e.into_iter().next()),
        }
        self.text = text;
    }

    /// A text the user typed: no preset any more (what it came from stays, for
    /// "Reset to the preset").
    pub fn set_custom_text(&mut self, text: String) {
        self.preset.clear();
        self.set_text(text);
    }

    /// A whole new document (an imported file, the embed API's `setScenario`, a
    /// lesson's own document): no preset, and no preset to go back to.
    pub fn set_new_text(&mut self, text: String) {
        self.origin.clear();
        self.set_custom_text(text);
    }

    /// Loads preset `name`; false (and nothing changes but the picker, which says
    /// "custom") when there is no such preset.
    pub fn load_preset(&mut self, name: &str) -> bool {
        let Some(p) = preset(name) else {
            self.preset.clear();
            return false;
        };
        self.set_text(p.json.to_string());
        self.preset = p.name.to_string();
        self.origin = self.preset.clone();
        true
    }

    /// Puts a whole document (a JSON value) in, as the lessons do: a preset's own
    /// document keeps the preset's text (and selects it), any other is written pretty.
    pub fn set_value(&mut self, v: &Value) {
        let p = PRESETS
            .iter()
            .find(|p| serde_json::from_str::<Value>(p.json).ok().as_ref() == Some(v));
        match p {
            Some(p) => {
                self.set_text(p.json.to_string());
                self.preset = p.name.to_string();
                self.origin = self.preset.clone();
            }
            None => self.set_new_text(serde_json::to_string_pretty(v).unwrap_or_default()),
        }
    }

    /// Writes a field's typed text into the document (what was typed is kept as is):
    /// false when the text is not a JSON object to edit.
    pub fn edit_field(&mut self, path: &str, kind: Kind, typed: &str) -> bool {
        self.edit_document(|doc| editor::set(doc, path, editor::value_of(kind, typed)))
    }

    /// Edits the document as a JSON object and writes it back as the text (pretty):
    /// false when the text is not a JSON object to edit.
    fn edit_document(&mut self, f: impl FnOnce(&mut Value)) -> bool {
        let Some(mut doc) = self.with_value(|v| v.filter(|v| v.is_object()).cloned()) else {
            return false;
        };
        f(&mut doc);
        match serde_json::to_string_pretty(&doc) {
            Ok(text) => {
                self.set_custom_text(text);
                true
            }
            Err(_) => false,
        }
    }

    /// The preset whose document this text is, or "".
    fn matching_preset(&self) -> &'static str {
        self.with_value(|v| {
            let v = v?;
            PRESETS
                .iter()
                .find(|p| serde_json::from_str::<Value>(p.json).ok().as_ref() == Some(v))
                .map(|p| p.name)
        })
        .unwrap_or("")
    }

    pub fn preset(&self) -> &str {
        &self.preset
    }
    /// The preset an edited text came from: what "Reset to the preset" loads again
    /// (`None` when the text is the preset itself, or came from no preset).
    pub fn edited_preset(&self) -> Option<&str> {
        (self.preset.is_empty() && !self.origin.is_empty()).then_some(self.origin.as_str())
    }
    pub fn text(&self) -> &str {
        &self.text
    }
    /// Reads the text as JSON (`None` when it is not JSON): the full page keeps it from
    /// the edit's one parse; the widget, which has no field editors, reads it when a
    /// lesson asks (opening a lesson, applying a step).
    pub fn with_value<R>(&self, f: impl FnOnce(Option<&Value>) -> R) -> R {
        #[cfg(feature = "full")]
        return f(self.value.as_ref());
        #[cfg(not(feature = "full"))]
        f(serde_json::from_str::<Value>(&self.text).ok().as_ref())
    }
    /// The last scenario the text gave (simulated when valid).
    pub fn draft(&self) -> &Scenario {
        &self.draft
    }
    pub fn parse_error(&self) -> Option<&ScenarioError> {
        self.parse_error.as_ref()
    }
    /// The draft's validation problems.
    pub fn problems(&self) -> &[ScenarioError] {
        &self.problems
    }
    /// Whether the text is a valid scenario (the engine may simulate the draft).
    pub fn is_valid(&self) -> bool {
        self.parse_error.is_none() && self.problems.is_empty()
    }
    /// Every problem as the scenario panel lists it: the parse error, or the
    /// validation problems.
    pub fn all_problems(&self) -> Vec<ScenarioError> {
        match &self.parse_error {
            Some(e) => vec![e.clone()],
            None => self.problems.clone(),
        }
    }

    /// The positions of the outages that cover part of local day `day`.
    fn outages_on(&self, day: NaiveDate) -> Vec<usize> {
        let (start, end) = (
            day.and_time(NaiveTime::MIN),
            day.succ_opt().map(|d| d.and_time(NaiveTime::MIN)),
        );
        let (Some(end), None) = (end, &self.parse_error) else {
            return Vec::new();
        };
        self.draft
            .outages
            .iter()
            .enumerate()
            .filter(|(_, o)| {
                let (from, to) = (parse_local_datetime(&o.from), parse_local_datetime(&o.to));
                from.is_some_and(|f| f < end) && to.is_some_and(|t| t > start)
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// Whether an outage of the scenario covers part of local day `day`.
    pub fn outage_on(&self, day: NaiveDate) -> bool {
        !self.outages_on(day).is_empty()
    }

    /// Adds an outage from `day` at 00:00 for `days` days (the calendar's "server down
    /// this day"): false when the text is not a scenario to edit.
    ///
    /// ```
    /// use campaign_sim::ui::state::document::Document;
    /// let mut d = Document::new("weekly-newsletter-recurring", None);
    /// let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 16).unwrap();
    /// assert!(d.add_outage(day, 3));
    /// assert_eq!((d.draft().outages[0].from.as_str(), d.draft().outages[0].to.as_str()),
    ///            ("2026-03-16T00:00", "2026-03-19T00:00"));
    /// assert!(d.outage_on(day) && d.edited_preset() == Some("weekly-newsletter-recurring"));
    /// assert!(d.remove_outages_on(day.succ_opt().unwrap()) && !d.outage_on(day));
    /// ```
    pub fn add_outage(&mut self, day: NaiveDate, days: u32) -> bool {
        let Some(to) = day.checked_add_days(chrono::Days::new(days.into())) else {
            return false;
        };
        let outage =
            serde_json::json!({"from": format!("{day}T00:00"), "to": format!("{to}T00:00")});
        self.edit_outages(|list| list.push(outage))
    }

    /// Removes the outages that cover part of local day `day`: false when none does.
    pub fn remove_outages_on(&mut self, day: NaiveDate) -> bool {
        let gone = self.outages_on(day);
        !gone.is_empty()
            && self.edit_outages(|list| {
                *list = std::mem::take(list)
                    .into_iter()
                    .enumerate()
                    .filter(|(i, _)| !gone.contains(i))
                    .map(|(_, o)| o)
                    .collect();
            })
    }

    /// Edits the document's `outages` list (created when absent).
    fn edit_outages(&mut self, f: impl FnOnce(&mut Vec<Value>)) -> bool {
        if self.parse_error.is_some() {
            return false;
        }
        self.edit_document(|doc| {
            let mut list = match doc.get_mut("outages").map(Value::take) {
                Some(Value::Array(a)) => a,
                _ => Vec::new(),
            };
            f(&mut list);
            doc["outages"] = Value::Array(list);
        })
    }
}

/// A preset's scenario (presets are tested valid).
fn read_preset(json: &str) -> Scenario {
    serde_json::from_str(json).unwrap_or_else(|_| unreachable!("presets are tested"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_text_is_kept_even_when_it_does_not_parse() {
        let mut d = Document::default();
        let before = d.draft().clone();
        d.set_custom_text("{ \"year\": ".to_string());
        assert_eq!(d.text(), "{ \"year\": ");
        assert_eq!(d.preset(), "");
        assert!(d.parse_error().unwrap().reason.starts_with("invalid JSON"));
        assert_eq!(d.draft(), &before, "the last draft stays");
        assert!(!d.is_valid());
        // A type error names its field.
        d.set_custom_text(
            r#"{"workflow": {"scheduler": {"frequency": "daily", "every": "x"}}}"#.into(),
        );
        assert_eq!(d.parse_error().unwrap().path, "workflow.scheduler.every");
    }

    #[test]
    fn a_valid_document_with_problems_becomes_the_draft() {
        let mut d = Document::default();
        d.set_custom_text(
            r#"{"workflow": {"scheduler": {"frequency": "daily", "every": 0}}}"#.into(),
        );
        assert!(d.parse_error().is_none());
        assert!(
            d.problems()
                .iter()
                .any(|p| p.path == "workflow.scheduler.every"),
            "{:?}",
            d.problems()
        );
        assert_eq!(d.all_problems().len(), d.problems().len());
        assert!(d.with_value(|v| v.is_some()));
    }

    #[test]
    fn presets_load_and_a_preset_text_selects_its_preset() {
        let mut d = Document::default();
        assert!(d.load_preset("welcome-continuous-incremental"));
        assert_eq!(d.preset(), "welcome-continuous-incremental");
        assert!(d.is_valid());
        assert!(!d.load_preset("nope"));
        assert_eq!(d.preset(), "");
        let json = preset("birthday-daily-recurring").unwrap().json;
        assert_eq!(
            Document::new("", Some(json)).preset(),
            "birthday-daily-recurring"
        );
        let v: Value = serde_json::from_str(json).unwrap();
        d.set_value(&v);
        assert_eq!((d.preset(), d.text()), ("birthday-daily-recurring", json));
    }

    #[test]
    fn an_imported_document_has_no_preset_to_go_back_to_an_edit_has() {
        let mut d = Document::default();
        d.set_custom_text(d.text().replace("\"seed\": 7", "\"seed\": 8"));
        assert_eq!(
            d.edited_preset(),
            Some("weekly-newsletter-recurring"),
            "typed"
        );
        let other = r#"{"recipients": [{"id": 1, "email": "a@x.test"}],
            "workflow": {"scheduler": {"frequency": "daily", "times": ["06:00"]}}}"#;
        d.set_new_text(other.to_string());
        assert_eq!((d.preset(), d.edited_preset()), ("", None), "imported");
        assert!(d.is_valid());
        // A lesson's own document is a new one too; a preset's own selects it.
        d.load_preset("birthday-daily-recurring");
        d.set_value(&serde_json::from_str(other).unwrap());
        assert_eq!(d.edited_preset(), None);
    }

    #[test]
    fn a_field_edit_writes_the_typed_value_into_the_text() {
        let mut d = Document::default();
        assert!(d.edit_field("seed", Kind::Int, "9"));
        assert_eq!(d.preset(), "");
        assert_eq!(d.draft().seed, 9);
        assert_eq!(
            d.edited_preset(),
            Some("weekly-newsletter-recurring"),
            "edited from the preset"
        );
        // What does not parse as the field's kind goes in as typed, and is refused.
        assert!(d.edit_field("seed", Kind::Int, "9x"));
        assert_eq!(d.parse_error().unwrap().path, "seed");
        assert_eq!(d.draft().seed, 9);
    }
}
