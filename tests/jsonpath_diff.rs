//! Differential test: the path `engine::doc::jsonpath` finds from a serde_json error's
//! position equals the path serde_path_to_error tracks while parsing, on thousands of
//! broken scenario documents (every value of the worked scenarios given a wrong type,
//! every object given an unknown key, every key removed), pretty and compact.
#![cfg(not(target_arch = "wasm32"))]

use campaign_sim::engine::doc::jsonpath::{offset_of, path_at};
use campaign_sim::engine::doc::Scenario;
use serde_json::Value;

fn tracked_path(json: &str) -> Option<(String, String)> {
    let mut de = serde_json::Deserializer::from_str(json);
    let err = serde_path_to_error::deserialize::<_, Scenario>(&mut de).err()?;
    let mut out = String::new();
    for seg in err.path().iter() {
        use serde_path_to_error::Segment;
        match seg {
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Map { key } | Segment::Enum { variant: key } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Segment::Unknown => out.push_str(".?"),
        }
    }
    Some((out, err.inner().to_string()))
}

fn found_path(json: &str) -> Option<(String, String)> {
    let err = serde_json::from_str::<Scenario>(json).err()?;
    let msg = err.to_string();
    let off = offset_of(json, err.line(), err.column());
    Some((path_at(json, off), msg))
}

/// Every broken variant of `doc`.
fn variants(doc: &Value) -> Vec<Value> {
    fn walk(v: &Value, at: &mut Vec<Step>, out: &mut Vec<(Vec<Step>, Edit)>) {
        match v {
            Value::Object(m) => {
                out.push((at.clone(), Edit::AddKey));
                for (k, child) in m {
                    out.push((at.clone(), Edit::Remove(k.clone())));
                    at.push(Step::Key(k.clone()));
                    walk(child, at, out);
                    at.pop();
                }
            }
            Value::Array(a) => {
                for (i, child) in a.iter().enumerate() {
                    at.push(Step::Index(i));
                    walk(child, at, out);
                    at.pop();
                }
            }
            _ => {}
        }
        out.push((at.clone(), Edit::WrongType));
    }
    #[derive(Clone)]
    enum Step {
        Key(String),
        Index(usize),
    }
    enum Edit {
        AddKey,
        Remove(String),
        WrongType,
    }
    let mut edits = Vec::new();
    walk(doc, &mut Vec::new(), &mut edits);
    edits
        .into_iter()
        .map(|(path, edit)| {
            let mut d = doc.clone();
            let mut v = &mut d;
            for s in &path {
                v = match s {
                    Step::Key(k) => &mut v[k.as_str()],
                    Step::Index(i) => &mut v[*i],
                };
            }
            match edit {
                Edit::AddKey => {
                    if let Value::Object(m) = v {
                        m.insert("zzUnknown".into(), Value::from(1));
                    }
                }
                Edit::Remove(k) => {
                    if let Value::Object(m) = v {
                        m.remove(&k);
                    }
                }
                Edit::WrongType => {
                    *v = match v {
                        Value::String(_) => Value::from(7),
                        Value::Number(_) => Value::from("x"),
                        Value::Bool(_) => Value::from("yes"),
                        Value::Null => Value::from(true),
                        Value::Array(_) => Value::from("list"),
                        Value::Object(_) => Value::from(vec![1]),
                    }
                }
            }
            d
        })
        .collect()
}

#[test]
fn position_paths_equal_tracked_paths() {
    let mut docs = Vec::new();
    for f in std::fs::read_dir("presets").unwrap() {
        docs.push(std::fs::read_to_string(f.unwrap().path()).unwrap());
    }
    for f in std::fs::read_dir("tests/corpus").unwrap() {
        let p = f.unwrap().path();
        if p.extension().is_some_and(|e| e == "json") {
            docs.push(std::fs::read_to_string(p).unwrap());
        }
    }
    let (mut compared, mut mismatches) = (0, Vec::new());
    for text in &docs {
        let Ok(doc) = serde_json::from_str::<Value>(text) else {
            continue;
        };
        for broken in variants(&doc) {
            for json in [
                serde_json::to_string(&broken).unwrap(),
                serde_json::to_string_pretty(&broken).unwrap(),
            ] {
                let (Some(want), Some(got)) = (tracked_path(&json), found_path(&json)) else {
                    assert_eq!(tracked_path(&json).is_some(), found_path(&json).is_some());
                    continue;
                };
                compared += 1;
                assert_eq!(want.1, got.1, "same serde error");
                // serde_path_to_error puts an unknown key in the path or not
                // depending on the container; the position always does.
                let want_path = match want.1.strip_prefix("unknown field `") {
                    Some(rest) => {
                        let key = rest.split('`').next().unwrap_or("");
                        if want.0 == key || want.0.ends_with(&format!(".{key}")) {
                            want.0.clone()
                        } else if want.0.is_empty() {
                            key.to_string()
                        } else {
                            format!("{}.{key}", want.0)
                        }
                    }
                    None => want.0.clone(),
                };
                if want_path != got.0 {
                    mismatches.push(format!(
                        "{} vs {} ({}) in {}",
                        want_path,
                        got.0,
                        got.1,
                        &json[..json.len().min(200)]
                    ));
                }
            }
        }
    }
    assert!(compared > 500, "only {compared} broken documents compared");
    assert!(
        mismatches.is_empty(),
        "{} of {compared} differ:\n{}",
        mismatches.len(),
        mismatches[..mismatches.len().min(15)].join("\n")
    );
}
