//! A scenario text in: the [`Scenario`] (or the first JSON or type error, naming its
//! path) and its validation problems. [`parse`] and [`parse_validated`] are the
//! command line's; [`Parsed::from_text`] is the page's, which also keeps the JSON
//! value its field editors read, from one reading of the text.

use super::error::ScenarioError;
use super::jsonpath;
use super::scenario::Scenario;
use super::validate::{validate, Validated};
use serde::de::{Deserializer, Error, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::{Map, Value};

/// Parses and validates a scenario document.
///
/// A JSON or type error stops parsing and is the only error returned (serde reads
/// no further); a well-formed document returns every validation problem, in
/// document order. The CLI prints the first one.
///
/// ```
/// use campaign_sim::engine::doc::parse;
/// let err = parse(r#"{"workflow":{"scheduler":{"frequency":"weekly","days":["mon","mun"]}}}"#)
///     .unwrap_err();
/// assert_eq!(err[0].to_string(), r#"workflow.scheduler.days[1]: "mun" is not a weekday (mon, tue, wed, thu, fri, sat, sun)"#);
/// ```
pub fn parse(json: &str) -> Result<Scenario, Vec<ScenarioError>> {
    parse_validated(json).map(Validated::into_inner)
}

/// Like [`parse`], keeping the proof that the document was validated, so that
/// the simulation ([`Simulation::new`](crate::engine::sim::Simulation::new)) does not
/// validate it a second time (on a list of 50,000 recipients validation costs about as
/// much as the year itself).
///
/// ```
/// use campaign_sim::engine::{doc, sim};
/// let v = doc::parse_validated(r#"{"recipients":[{"id":1,"email":"a@x.test"}],
///   "workflow":{"scheduler":{"frequency":"daily","times":["09:00"]}}}"#).unwrap();
/// assert_eq!(sim::simulate_validated(&v).unwrap().executions().len(), 365);
/// ```
pub fn parse_validated(json: &str) -> Result<Validated, Vec<ScenarioError>> {
    if let Some(e) = not_an_object(json) {
        return Err(vec![e]);
    }
    // The plain parse accepts exactly what the path-tracking one accepts (same
    // deserializer, same end check); paths are only needed to word an error, and
    // tracking them on every value was a third of the parse (callgrind).
    let scenario: Scenario = match serde_json::from_str(json) {
        Ok(s) => s,
        Err(_) => return Err(vec![jsonpath::refusal::<Scenario>(json)]),
    };
    Validated::new(scenario)
}

/// Why a text that does not start with `{` is not a scenario (serde would read a
/// top-level array as the fields in order: say what is wrong); `None` when it starts
/// like an object.
fn not_an_object(json: &str) -> Option<ScenarioError> {
    if json.trim_start().starts_with('{') {
        return None;
    }
    let reason = match serde_json::from_str::<Value>(json) {
        Err(e) => format!("invalid JSON: {e}"),
        Ok(_) => "the scenario must be a JSON object".to_string(),
    };
    Some(ScenarioError {
        path: String::new(),
        reason,
    })
}

/// A scenario text as the page reads it on every edit: the text is parsed once, into
/// the JSON value (what the field editors read), and the scenario is deserialised
/// from that value, then validated. A text that is not a scenario gives the first JSON
/// or type error with its path, worded as the command line words it (finding that
/// path reads the text once more, up to the error).
///
/// ```
/// use campaign_sim::engine::doc::Parsed;
/// let p = Parsed::from_text(r#"{"workflow":{"scheduler":{"frequency":"weekly","times":["09:00"]}}}"#);
/// assert!(p.scenario.is_some() && p.error.is_none());
/// assert_eq!(p.problems[0].path, "workflow.scheduler.days");
/// assert_eq!(p.value.unwrap()["workflow"]["scheduler"]["frequency"], "weekly");
/// let p = Parsed::from_text(r#"{"workflow":{"scheduler":{"frequency":"weekly","days":["mun"]}}}"#);
/// assert_eq!(p.error.unwrap().path, "workflow.scheduler.days[0]");
/// assert!(p.value.is_some() && p.scenario.is_none());
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Parsed {
    /// The text as JSON, when it is JSON (without repeated keys).
    pub value: Option<Value>,
    /// The scenario, when the text is one (valid or not: see `problems`).
    pub scenario: Option<Scenario>,
    /// Why the text is not a scenario: its first JSON or type error, with its path.
    pub error: Option<ScenarioError>,
    /// The scenario's validation problems, in document order (empty: valid).
    pub problems: Vec<ScenarioError>,
}

impl Parsed {
    /// Reads a scenario text (see [`Parsed`]).
    pub fn from_text(text: &str) -> Parsed {
        let refused = |value: Option<Value>, error: ScenarioError| Parsed {
            value,
            scenario: None,
            error: Some(error),
            problems: Vec::new(),
        };
        if let Some(e) = not_an_object(text) {
            let value = serde_json::from_str::<Value>(text).ok();
            return refused(value, e);
        }
        let value = match serde_json::from_str::<Strict>(text) {
            Ok(Strict(v)) => v,
            Err(_) => return refused(None, jsonpath::refusal::<Scenario>(text)),
        };
        match Scenario::deserialize(&value) {
            Ok(scenario) => Parsed {
                problems: validate(&scenario),
                value: Some(value),
                scenario: Some(scenario),
                error: None,
            },
            Err(_) => refused(Some(value), jsonpath::refusal::<Scenario>(text)),
        }
    }

    /// What the command line would say first: the JSON or type error, else the first
    /// validation problem (`None`: a valid scenario).
    pub fn first_error(&self) -> Option<&ScenarioError> {
        self.error.as_ref().or(self.problems.first())
    }

    /// The valid scenario, ready to simulate (not validated a second time), or every
    /// problem ([`parse_validated`]'s answer).
    pub fn validated(self) -> Result<Validated, Vec<ScenarioError>> {
        match (self.scenario, self.error) {
            (Some(s), None) if self.problems.is_empty() => Ok(Validated::trusted(s)),
            (_, Some(e)) => Err(vec![e]),
            (_, None) => Err(self.problems),
        }
    }
}

/// A JSON value read like `serde_json::Value`, except that an object repeating a key
/// is refused (a `Value` keeps the last one silently, where the scenario's own reader
/// says "duplicate field"): what deserialises from it is what deserialises from the
/// text.
struct Strict(Value);

impl<'de> Deserialize<'de> for Strict {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Strict, D::Error> {
        d.deserialize_any(StrictVisitor).map(Strict)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any valid JSON value")
    }

    fn visit_bool<E: Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E: Error>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E: Error>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E: Error>(self, v: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E: Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }

    fn visit_string<E: Error>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E: Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E: Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        Strict::deserialize(d).map(|s| s.0)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(Strict(v)) = seq.next_element()? {
            out.push(v);
        }
        Ok(Value::Array(out))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if out.contains_key(&key) {
                return Err(A::Error::custom(format_args!("duplicate field `{key}`")));
            }
            let Strict(v) = map.next_value()?;
            out.insert(key, v);
        }
        Ok(Value::Object(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every broken variant of a document: each value of another type, each key
    /// removed, an unknown key in each object, each key repeated.
    fn variants(doc: &Value) -> Vec<String> {
        fn walk(v: &Value, at: &mut Vec<String>, out: &mut Vec<(Vec<String>, u8, String)>) {
            if let Value::Object(m) = v {
                out.push((at.clone(), 0, String::new()));
                for (k, child) in m {
                    out.push((at.clone(), 1, k.clone()));
                    out.push((at.clone(), 2, k.clone()));
                    at.push(k.clone());
                    walk(child, at, out);
                    at.pop();
                }
            }
            if let Value::Array(a) = v {
                for (i, child) in a.iter().enumerate().take(3) {
                    at.push(i.to_string());
                    walk(child, at, out);
                    at.pop();
                }
            }
            out.push((at.clone(), 3, String::new()));
        }
        let mut edits = Vec::new();
        walk(doc, &mut Vec::new(), &mut edits);
        let mut texts = Vec::new();
        for (path, edit, key) in edits {
            let mut d = doc.clone();
            let mut v = &mut d;
            for s in &path {
                v = match v {
                    Value::Array(a) => &mut a[s.parse::<usize>().unwrap()],
                    other => &mut other[s.as_str()],
                };
            }
            let text = match (edit, v) {
                (0, Value::Object(m)) => {
                    m.insert("zzUnknown".into(), Value::from(1));
                    serde_json::to_string(&d).unwrap()
                }
                (1, Value::Object(m)) => {
                    m.remove(&key);
                    serde_json::to_string(&d).unwrap()
                }
                (2, Value::Object(m)) => {
                    // The key once more, with its own value, at the end of its object.
                    let again = serde_json::to_string(&m[&key]).unwrap();
                    let mut obj = serde_json::to_string(&*m).unwrap();
                    obj.pop();
                    let inner = format!("{obj},{}:{again}}}", serde_json::to_string(&key).unwrap());
                    m.clear();
                    m.insert("@@HOLE@@".into(), Value::Null);
                    serde_json::to_string(&d)
                        .unwrap()
                        .replace("{\"@@HOLE@@\":null}", &inner)
                }
                (3, v) => {
                    *v = match v {
                        Value::String(_) => Value::from(7),
                        Value::Number(_) => Value::from("x"),
                        Value::Bool(_) => Value::from("yes"),
                        Value::Null => Value::from(true),
                        Value::Array(_) => Value::from("list"),
                        Value::Object(_) => Value::from(vec![1]),
                    };
                    serde_json::to_string(&d).unwrap()
                }
                _ => continue,
            };
            texts.push(text);
        }
        texts
    }

    fn documents() -> Vec<String> {
        let mut docs = Vec::new();
        for dir in ["presets", "tests/corpus"] {
            for f in std::fs::read_dir(dir).unwrap() {
                let p = f.unwrap().path();
                if p.extension().is_some_and(|e| e == "json") {
                    docs.push(std::fs::read_to_string(p).unwrap());
                }
            }
        }
        docs
    }

    /// The page's reading gives the command line's answer: the same scenario, the
    /// same first error, the same problems, on the worked documents and every broken
    /// variant of them (repeated keys included), and on texts that are not JSON
    /// objects.
    #[test]
    fn the_page_reads_what_the_command_line_reads() {
        let mut texts: Vec<String> = Vec::new();
        for doc in documents() {
            if let Ok(v) = serde_json::from_str::<Value>(&doc) {
                texts.extend(variants(&v));
            }
            for cut in [1, doc.len() / 3, doc.len() / 2, doc.len() - 1] {
                texts.push(doc.chars().take(cut).collect());
            }
            texts.push(doc);
        }
        for odd in [
            "",
            "[]",
            "[1",
            "null",
            " 5",
            "{",
            "{}",
            r#"{"a":1,"a":2}"#,
            "{} x",
        ] {
            texts.push(odd.to_string());
        }
        let (mut accepted, mut refused, mut repeated) = (0, 0, 0);
        for text in &texts {
            let page = Parsed::from_text(text);
            let typed = serde_json::from_str::<Scenario>(text).ok();
            if text.trim_start().starts_with('{') {
                assert_eq!(page.scenario, typed, "{text}");
            }
            match parse(text) {
                Ok(s) => {
                    accepted += 1;
                    assert_eq!(page.scenario.as_ref(), Some(&s), "{text}");
                    assert!(page.error.is_none() && page.problems.is_empty());
                    assert!(page.value.is_some());
                }
                Err(errors) => {
                    refused += 1;
                    repeated += usize::from(errors[0].reason.starts_with("duplicate field"));
                    assert_eq!(page.first_error(), errors.first(), "{text}");
                    match &page.error {
                        Some(e) => assert_eq!(vec![e.clone()], errors, "{text}"),
                        None => assert_eq!(page.problems, errors, "{text}"),
                    }
                }
            }
            assert_eq!(page.clone().validated(), parse_validated(text), "{text}");
        }
        assert!(
            accepted >= 4 && refused > 500 && repeated > 50,
            "{accepted} {refused} {repeated}"
        );
    }
}
