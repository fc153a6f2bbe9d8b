//! Field editors over the scenario document, kept as JSON so that what the user typed
//! is never lost: a value that does not parse as its kind goes into the document as
//! the typed string, and the engine's own validation names the field and says why.
//! Pure: the panel component only wires these to inputs.

use serde_json::{Map, Value};

/// How a field's text becomes a JSON value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Free text; empty removes an optional field.
    Text,
    /// An integer.
    Int,
    /// A number (rates, shares).
    Float,
    /// A checkbox ("true"/"false").
    Bool,
    /// One of fixed values (a `<select>`); "" removes the field.
    Choice(&'static [&'static str]),
    /// Comma- or space-separated strings (times, days, dates, content changes).
    List,
    /// Comma- or space-separated integers (month days, months).
    IntList,
    /// Two strings ("08:00, 20:00").
    Pair,
    /// One `from to` pair of local date-times per line (outages).
    Outages,
}

/// The JSON value for a field's text (`None`: remove the field, use the default).
pub fn value_of(kind: Kind, text: &str) -> Option<Value> {
    let t = text.trim();
    let number = |s: &str| -> Value {
        if let Ok(i) = s.parse::<i64>() {
            Value::from(i)
        } else if let Some(f) = s.parse::<f64>().ok().filter(|f| f.is_finite()) {
            Value::from(f)
        } else {
            // Kept as typed; the scenario's validation says what is expected.
            Value::from(s)
        }
    };
    match kind {
        _ if t.is_empty() && kind != Kind::Text && kind != Kind::Bool => None,
        Kind::Text => (!text.is_empty()).then(|| Value::from(text)),
        Kind::Int | Kind::Float => Some(number(t)),
        Kind::Bool => Some(Value::from(t == "true")),
        Kind::Choice(_) => Some(Value::from(t)),
        Kind::List | Kind::Pair => Some(Value::Array(items(t).map(Value::from).collect())),
        Kind::IntList => Some(Value::Array(items(t).map(number).collect())),
        Kind::Outages => Some(Value::Array(
            t.lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| {
                    let mut it = items(l);
                    let mut o = Map::new();
                    o.insert("from".into(), Value::from(it.next().unwrap_or("")));
                    o.insert("to".into(), Value::from(it.next().unwrap_or("")));
                    Value::Object(o)
                })
                .collect(),
        )),
    }
}

fn items(t: &str) -> impl Iterator<Item = &str> {
    t.split(|c: char| c == ',' || c.is_whitespace() || c == '→')
        .filter(|s| !s.is_empty())
}

/// The text a field shows for the document's value (absent: "").
pub fn text_of(kind: Kind, v: Option<&Value>) -> String {
    let Some(v) = v else {
        return String::new();
    };
    let scalar = |v: &Value| match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    };
    match (kind, v) {
        (Kind::Outages, Value::Array(a)) => a
            .iter()
            .map(|o| {
                format!(
                    "{} {}",
                    o.get("from").map(scalar).unwrap_or_default(),
                    o.get("to").map(scalar).unwrap_or_default()
                )
            })
            .collect::<Vec<_>>()
            .join("\n"),
        (_, Value::Array(a)) => a.iter().map(scalar).collect::<Vec<_>>().join(", "),
        (_, v) => scalar(v),
    }
}

/// Is what the user typed the same value as the document's text? (Then the input keeps
/// the typed text, e.g. "0.50" for 0.5, and the cursor stays where it is.)
pub fn same_value(kind: Kind, typed: &str, doc_text: &str) -> bool {
    typed == doc_text || value_of(kind, typed) == value_of(kind, doc_text)
}

/// The value at a dotted path (`workflow.scheduler.every`).
pub fn get<'a>(doc: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(doc, |v, k| v.get(k))
}

/// Sets (or with `None` removes) the value at a dotted path, creating objects on the
/// way; removing the last field of a nested optional object removes the object too.
pub fn set(doc: &mut Value, path: &str, value: Option<Value>) {
    let keys: Vec<&str> = path.split('.').collect();
    set_in(doc, &keys, value);
}

fn set_in(v: &mut Value, keys: &[&str], value: Option<Value>) {
    let Some((first, rest)) = keys.split_first() else {
        return;
    };
    if !v.is_object() {
        if value.is_none() {
            return;
        }
        *v = Value::Object(Map::new());
    }
    let Some(obj) = v.as_object_mut() else {
        return;
    };
    if rest.is_empty() {
        match value {
            Some(x) => {
                obj.insert((*first).to_string(), x);
            }
            None => {
                obj.remove(*first);
            }
        }
        return;
    }
    let removing = value.is_none();
    let child = obj
        .entry((*first).to_string())
        .or_insert_with(|| Value::Object(Map::new()));
    set_in(child, rest, value);
    // Optional groups (nth_weekday, pressure, population) vanish with their last field;
    // the workflow's own sections never become empty (frequency is required).
    if removing && child.as_object().is_some_and(|o| o.is_empty()) {
        obj.remove(*first);
    }
}

/// Does a validation error at `error_path` belong to the field at `field_path`?
pub fn owns(field_path: &str, error_path: &str) -> bool {
    error_path
        .strip_prefix(field_path)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('.') || rest.starts_with('['))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn typed_text_is_kept_even_when_it_is_not_a_number() {
        assert_eq!(value_of(Kind::Int, "3"), Some(json!(3)));
        assert_eq!(value_of(Kind::Int, "3x"), Some(json!("3x")));
        assert_eq!(value_of(Kind::Float, "0.25"), Some(json!(0.25)));
        assert_eq!(value_of(Kind::Int, "  "), None);
        assert_eq!(
            value_of(Kind::List, "mon, wed fri"),
            Some(json!(["mon", "wed", "fri"]))
        );
        assert_eq!(
            value_of(Kind::IntList, "1, -1, x"),
            Some(json!([1, -1, "x"]))
        );
        assert_eq!(value_of(Kind::Bool, "false"), Some(json!(false)));
        assert_eq!(
            value_of(Kind::Outages, "2026-03-02T00:00 2026-03-05T00:00\n\n"),
            Some(json!([{"from": "2026-03-02T00:00", "to": "2026-03-05T00:00"}]))
        );
    }

    #[test]
    fn text_round_trips_through_the_document() {
        for (kind, text) in [
            (Kind::List, "09:00, 18:00"),
            (Kind::IntList, "1, 15, -1"),
            (
                Kind::Outages,
                "2026-03-02T00:00 2026-03-05T00:00\n2026-07-01T00:00 2026-07-02T00:00",
            ),
            (Kind::Int, "7"),
        ] {
            let v = value_of(kind, text);
            assert_eq!(text_of(kind, v.as_ref()), text);
        }
        assert!(same_value(Kind::Float, "0.50", "0.5"));
        assert!(!same_value(Kind::Float, "0.6", "0.5"));
    }

    #[test]
    fn set_creates_and_prunes_nested_objects() {
        let mut doc = json!({"workflow": {"scheduler": {"frequency": "monthly"}}});
        set(
            &mut doc,
            "workflow.scheduler.nth_weekday.nth",
            Some(json!(2)),
        );
        assert_eq!(
            get(&doc, "workflow.scheduler.nth_weekday.nth"),
            Some(&json!(2))
        );
        set(&mut doc, "workflow.scheduler.nth_weekday.nth", None);
        assert_eq!(
            doc,
            json!({"workflow": {"scheduler": {"frequency": "monthly"}}})
        );
        set(&mut doc, "seed", Some(json!(9)));
        assert_eq!(get(&doc, "seed"), Some(&json!(9)));
    }

    #[test]
    fn errors_go_to_the_field_that_owns_their_path() {
        assert!(owns(
            "workflow.scheduler.days",
            "workflow.scheduler.days[1]"
        ));
        assert!(owns("outages", "outages[0].to"));
        assert!(owns("seed", "seed"));
        assert!(!owns(
            "workflow.scheduler.every",
            "workflow.scheduler.every_x"
        ));
        assert!(!owns("year", "workflow"));
    }
}
