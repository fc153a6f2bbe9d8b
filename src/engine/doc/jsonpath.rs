//! The JSON path of the value a serde_json error is about, found from the error's
//! position in the text (serde_json reports the line and column where it stopped
//! reading), and the error worded for a scenario author. This replaces tracking the
//! path of every value while parsing: a scenario that parses pays nothing, and one
//! that does not is walked once, up to the error, to name the field
//! (`workflow.scheduler.days[1]`).

use super::error::ScenarioError;
use serde::de::DeserializeOwned;

/// The error of a document the plain parse refused, with the path of the value: found
/// from where serde_json stopped reading ([`path_at`]), so no path is tracked while a
/// document parses (tracking it was a third of the parse, and 70 KB of wasm).
pub fn refusal<T: DeserializeOwned>(json: &str) -> ScenarioError {
    match serde_json::from_str::<T>(json) {
        Err(e) => {
            let at = offset_of(json, e.line(), e.column());
            serde_error(path_at(json, at), &e)
        }
        // Unreachable in practice: both parses read the same text the same way.
        Ok(_) => ScenarioError {
            path: String::new(),
            reason: "invalid JSON".to_string(),
        },
    }
}

/// Turns a serde error into a [`ScenarioError`] whose path names the field and whose
/// reason reads as plain English rather than serde's internal wording.
fn serde_error(mut path: String, inner: &serde_json::Error) -> ScenarioError {
    use serde_json::error::Category;
    match inner.classify() {
        Category::Syntax | Category::Eof | Category::Io => {
            return ScenarioError {
                path: String::new(),
                reason: format!("invalid JSON: {inner}"),
            };
        }
        Category::Data => {}
    }
    let full = inner.to_string();
    // serde_json appends " at line L column C"; the path says more.
    let msg = match full.rfind(" at line ") {
        Some(i) if inner.line() > 0 => &full[..i],
        _ => full.as_str(),
    };
    let reason = if let Some(rest) = msg.strip_prefix("unknown variant ") {
        let (value, expected) = split_expected(rest);
        if expected == "mon, tue, wed, thu, fri, sat, sun" {
            format!("\"{value}\" is not a weekday ({expected})")
        } else {
            format!("\"{value}\" is not one of {expected}")
        }
    } else if let Some(rest) = msg.strip_prefix("unknown field ") {
        let (field, expected) = split_expected(rest);
        // The reader stopped right after the key, so the path usually ends with it.
        if !(path == field || path.ends_with(&format!(".{field}"))) {
            push_segment(&mut path, &field);
        }
        if expected.is_empty() {
            "unknown field".to_string()
        } else {
            format!("unknown field (expected one of {expected})")
        }
    } else if let Some(rest) = msg.strip_prefix("missing field ") {
        push_segment(&mut path, rest.trim_matches('`'));
        "is required".to_string()
    } else if let Some(rest) = msg.strip_prefix("invalid type: ") {
        match rest.split_once(", expected ") {
            Some((found, expected)) => format!("expected {}, found {found}", plain_type(expected)),
            None => msg.to_string(),
        }
    } else if let Some(rest) = msg.strip_prefix("invalid value: ") {
        match rest.split_once(", expected ") {
            Some((found, expected)) => format!("expected {}, found {found}", plain_type(expected)),
            None => msg.to_string(),
        }
    } else {
        msg.to_string()
    };
    ScenarioError { path, reason }
}

/// serde's Rust type names in words a scenario author knows.
fn plain_type(expected: &str) -> String {
    match expected {
        "i64" | "i32" => "an integer".to_string(),
        "u64" | "u32" => "a non-negative integer".to_string(),
        "f64" | "f32" => "a number".to_string(),
        other => other.replace('`', ""),
    }
}

/// "`mun`, expected one of `mon`, `tue`" → ("mun", "mon, tue").
fn split_expected(rest: &str) -> (String, String) {
    let (value, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
    let expected = expected
        .trim_start_matches("one of ")
        .trim_start_matches("a ")
        .replace('`', "");
    (value.trim_matches('`').to_string(), expected)
}

fn push_segment(path: &mut String, field: &str) {
    if !path.is_empty() {
        path.push('.');
    }
    path.push_str(field);
}

/// One open container of the JSON text being read.
enum Frame {
    /// An object: the key being read or whose value is being read.
    Object {
        key: Option<String>,
        expect_key: bool,
    },
    /// An array: the index of the element, and whether it has started.
    Array { index: usize, started: bool },
}

/// The containers open at a point of the text, read token by token.
#[derive(Default)]
struct Reader {
    stack: Vec<Frame>,
}

impl Reader {
    /// Reads the token starting at byte `i` of `json`; returns where the next one may
    /// start.
    fn token(&mut self, json: &str, i: usize) -> usize {
        let b = json.as_bytes();
        match b.get(i).copied().unwrap_or(b' ') {
            b'{' => {
                self.value_starts();
                self.stack.push(Frame::Object {
                    key: None,
                    expect_key: true,
                });
            }
            b'[' => {
                self.value_starts();
                self.stack.push(Frame::Array {
                    index: 0,
                    started: false,
                });
            }
            b'}' | b']' => {
                self.stack.pop();
            }
            b',' => self.comma(),
            b':' => {
                if let Some(Frame::Object { expect_key, .. }) = self.stack.last_mut() {
                    *expect_key = false;
                }
            }
            b'"' => return self.string(json, i),
            c if c.is_ascii_whitespace() => {}
            _ => {
                // A number or a literal, up to the next delimiter.
                self.value_starts();
                let mut j = i;
                while j < b.len()
                    && !matches!(b[j], b',' | b':' | b']' | b'}' | b'"' | b'{' | b'[')
                    && !b[j].is_ascii_whitespace()
                {
                    j += 1;
                }
                return j;
            }
        }
        i + 1
    }

    /// A value (scalar or container) starts in the innermost container.
    fn value_starts(&mut self) {
        if let Some(Frame::Array { started, .. }) = self.stack.last_mut() {
            *started = true;
        }
    }

    /// A `,`: the next element of an array, the next key of an object.
    fn comma(&mut self) {
        match self.stack.last_mut() {
            Some(Frame::Array { index, started }) => {
                *index += 1;
                *started = false;
            }
            Some(Frame::Object { key, expect_key }) => {
                *key = None;
                *expect_key = true;
            }
            None => {}
        }
    }

    /// The string starting at byte `start` (a key where an object expects one, else a
    /// value); returns the byte after it.
    fn string(&mut self, json: &str, start: usize) -> usize {
        let b = json.as_bytes();
        let mut i = start + 1;
        while i < b.len() && b[i] != b'"' {
            i += if b[i] == b'\\' { 2 } else { 1 };
        }
        let i = (i + 1).min(b.len());
        match self.stack.last_mut() {
            Some(Frame::Object { key, expect_key }) if *expect_key => {
                let raw = json.get(start..i).unwrap_or("");
                *key = Some(
                    serde_json::from_str::<String>(raw)
                        .unwrap_or_else(|_| raw.trim_matches('"').to_string()),
                );
            }
            _ => self.value_starts(),
        }
        i
    }

    /// The path of the open containers: `a.b[2].c`.
    fn path(&self) -> String {
        let mut out = String::new();
        for f in &self.stack {
            match f {
                Frame::Object { key: Some(k), .. } => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(k);
                }
                Frame::Array {
                    index,
                    started: true,
                } => out.push_str(&format!("[{index}]")),
                _ => {}
            }
        }
        out
    }
}

/// The byte offset of serde_json's 1-based `line` and 0-based byte `column`.
pub fn offset_of(json: &str, line: usize, column: usize) -> usize {
    let start = if line <= 1 {
        0
    } else {
        json.match_indices('\n')
            .nth(line - 2)
            .map_or(json.len(), |(i, _)| i + 1)
    };
    (start + column).min(json.len())
}

/// The path (`a.b[2].c`; the document itself is `""`) of the value that `json`'s
/// reader was in when it stopped at byte `offset`. Tokens starting at or after
/// `offset` are not read. serde_json stops right after the value it refuses, after
/// an unknown key, and after the `}` of an object that misses a field, so this names
/// the value, the key, or the object.
pub fn path_at(json: &str, offset: usize) -> String {
    let end = offset.min(json.len());
    let mut reader = Reader::default();
    let mut i = 0;
    while i < end {
        i = reader.token(json, i);
    }
    reader.path()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(json: &str, marker: &str) -> String {
        // The offset just after the first occurrence of `marker`.
        let off = json.find(marker).unwrap() + marker.len();
        path_at(json, off)
    }

    #[test]
    fn names_the_value_the_reader_stopped_in() {
        let doc = r#"{"workflow": {"scheduler": {"days": ["mon", "mun"], "every": 0}}, "recipients": [{"id": 1}, {"id": "x"}]}"#;
        assert_eq!(at(doc, r#""mun""#), "workflow.scheduler.days[1]");
        assert_eq!(at(doc, r#""every": 0"#), "workflow.scheduler.every");
        assert_eq!(at(doc, r#""id": "x""#), "recipients[1].id");
        // An unknown key: the reader stopped right after it.
        assert_eq!(at(doc, r#"{"id""#), "recipients[0].id");
        // A missing field: the reader stopped after the object's `}`.
        assert_eq!(at(doc, r#"{"id": 1}"#), "recipients[0]");
        assert_eq!(at(doc, r#""every": 0}"#), "workflow.scheduler");
        assert_eq!(path_at(doc, 0), "");
        // Escaped keys and strings holding delimiters.
        let doc = r#"{"a\"b": {"x": "}],\"{", "y": [1, [2, 3]]}}"#;
        assert_eq!(at(doc, r#", 3"#), "a\"b.y[1][1]");
        assert_eq!(at(doc, r#""}],\"{""#), "a\"b.x");
    }

    #[test]
    fn offsets_count_bytes_per_line() {
        let doc = "{\n  \"é\": 1,\n  \"b\": 2\n}";
        assert_eq!(offset_of(doc, 1, 0), 0);
        assert_eq!(&doc[offset_of(doc, 3, 2)..offset_of(doc, 3, 5)], "\"b\"");
        assert_eq!(offset_of(doc, 99, 0), doc.len());
    }
}
