//! The standalone page's shareable state: what goes in the URL's `#fragment` so that a
//! link reproduces exactly the same simulation (the scenario carries its seed, so the
//! same document gives the same rows), and how it reads back.
//!
//! Pure and tested natively; `persist` (wasm only) wires it to `location` and
//! `localStorage`. Widgets never use it: several widgets on one page must not share
//! URL keys.
//!
//! ```text
//! #s=<scenario JSON, base64url>&lang=fr&view=full&mode=continuous&d=3&t=2026-03-02T09:00:00+01:00
//! ```

/// The state a link carries. Every field is optional: a link with only `s` opens that
/// scenario with the defaults.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UrlState {
    /// The scenario document (JSON text).
    pub scenario: Option<String>,
    /// `en` or `fr`.
    pub lang: Option<String>,
    /// `full`, `compare`, `workflow` or `logs`.
    pub view: Option<String>,
    /// The explorer's delivery mode (`recurring`, `continuous`, `aggregated`).
    pub mode: Option<String>,
    /// The selected delivery id in that mode.
    pub delivery: Option<u64>,
    /// The simulated clock (RFC 3339, with the scenario's offset).
    pub clock: Option<String>,
}

impl UrlState {
    /// The fragment, without the leading `#`.
    pub fn to_fragment(&self) -> String {
        let mut parts = Vec::new();
        if let Some(s) = &self.scenario {
            parts.push(format!("s={}", base64url_encode(s.as_bytes())));
        }
        let mut push = |key: &str, value: &Option<String>| {
            if let Some(v) = value {
                parts.push(format!("{key}={}", percent_encode(v)));
            }
        };
        push("lang", &self.lang);
        push("view", &self.view);
        push("mode", &self.mode);
        push("d", &self.delivery.map(|d| d.to_string()));
        push("t", &self.clock);
        parts.join("&")
    }

    /// Reads a fragment (with or without `#`). Unknown keys are ignored; a value that
    /// does not decode is dropped (the page then uses its default for it) rather than
    /// refusing the whole link.
    pub fn from_fragment(fragment: &str) -> UrlState {
        let mut st = UrlState::default();
        for pair in fragment.trim_start_matches('#').split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            match key {
                "s" => {
                    st.scenario = base64url_decode(value).and_then(|b| String::from_utf8(b).ok())
                }
                "lang" => st.lang = percent_decode(value),
                "view" => st.view = percent_decode(value),
                "mode" => st.mode = percent_decode(value),
                "d" => st.delivery = value.parse().ok(),
                "t" => st.clock = percent_decode(value),
                _ => {}
            }
        }
        st
    }
}

/// A scenario document made compact for a link: whitespace outside strings is
/// dropped, every other character is kept as typed (numbers keep their exact text, so
/// the link parses to the very same document, and a document with an error keeps it).
pub fn compact_scenario(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in text.chars() {
        if in_string {
            // The character after a backslash never ends the string.
            (escaped, in_string) = match (escaped, c) {
                (true, _) => (false, true),
                (false, '\\') => (true, true),
                (false, c) => (false, c != '"'),
            };
        } else if c.is_ascii_whitespace() {
            continue;
        } else {
            in_string = c == '"';
        }
        out.push(c);
    }
    out
}

/// The editor text for a scenario read from a link: pretty-printed when that gives
/// back exactly the same values (it always does for our own links), else as it came.
pub fn pretty_scenario(text: &str) -> String {
    let parse = |t: &str| serde_json::from_str::<serde_json::Value>(t).ok();
    parse(text)
        .and_then(|v| serde_json::to_string_pretty(&v).ok().map(|p| (v, p)))
        .filter(|(v, p)| parse(p).as_ref() == Some(v))
        .map_or_else(|| text.to_string(), |(_, p)| p)
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Base64url without padding (RFC 4648 §5): safe in a URL fragment as is.
pub fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(B64[(n >> (18 - 6 * i) & 63) as usize]));
        }
    }
    out
}

/// The inverse of [`base64url_encode`]; `None` on a character outside the alphabet or
/// an impossible length. Also accepts the standard alphabet and padding.
pub fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let text = text.trim_end_matches('=');
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => return None,
        };
        acc = acc << 6 | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    // A lone trailing character cannot hold a byte.
    (text.len() % 4 != 1).then_some(out)
}

/// Percent-encodes everything but unreserved characters (RFC 3986).
fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b':') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' => {
                let hex = s.get(i + 1..i + 3)?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b'+' => {
                // A form-encoded space; our own links never write one.
                out.push(b' ');
                i += 1;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_matches_rfc4648_vectors() {
        for (plain, enc) in [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64url_encode(plain.as_bytes()), enc);
            assert_eq!(base64url_decode(enc).unwrap(), plain.as_bytes());
        }
        // URL-safe alphabet: bytes that give + and / in standard base64.
        assert_eq!(base64url_encode(&[0xfb, 0xff]), "-_8");
        assert_eq!(base64url_decode("-_8").unwrap(), vec![0xfb, 0xff]);
        assert_eq!(base64url_decode("+/8=").unwrap(), vec![0xfb, 0xff]);
        assert_eq!(base64url_decode("Zm9v!"), None);
        assert_eq!(base64url_decode("Zm9vY"), None);
    }

    #[test]
    fn a_link_carries_every_field_back() {
        let st = UrlState {
            scenario: Some("{\"name\":\"Été = été & ok?\",\"seed\":42}".into()),
            lang: Some("fr".into()),
            view: Some("logs".into()),
            mode: Some("continuous".into()),
            delivery: Some(3),
            clock: Some("2026-03-02T09:00:00+01:00".into()),
        };
        let frag = st.to_fragment();
        // The offset's `+` must not come back as a space.
        assert!(frag.contains("t=2026-03-02T09:00:00%2B01:00"), "{frag}");
        assert!(!frag.contains(' ') && !frag.contains('{'), "{frag}");
        assert_eq!(UrlState::from_fragment(&format!("#{frag}")), st);
    }

    #[test]
    fn a_damaged_link_keeps_what_it_can() {
        let st = UrlState::from_fragment("#s=%%%&lang=fr&d=x&t=%ZZ&other=1");
        assert_eq!(st.scenario, None);
        assert_eq!(st.lang.as_deref(), Some("fr"));
        assert_eq!(st.delivery, None);
        assert_eq!(st.clock, None);
        assert_eq!(UrlState::from_fragment(""), UrlState::default());
    }

    #[test]
    fn compact_then_pretty_keeps_the_document() {
        let text = "{\n  \"seed\": 7,\n  \"name\": \"a b\",\n  \"rate\": 0.125\n}";
        let c = compact_scenario(text);
        assert!(!c.contains('\n') && !c.contains(": "), "{c}");
        let back: serde_json::Value = serde_json::from_str(&pretty_scenario(&c)).unwrap();
        assert_eq!(
            back,
            serde_json::from_str::<serde_json::Value>(text).unwrap()
        );
        // Only whitespace outside strings goes; what does not parse keeps its error.
        assert_eq!(
            compact_scenario("{ \"a b\" : \" x \\\" y \" , \"n\": 1.10 }"),
            "{\"a b\":\" x \\\" y \",\"n\":1.10}"
        );
        assert_eq!(compact_scenario("{\"seed\": "), "{\"seed\":");
    }

    #[test]
    fn every_preset_survives_a_link() {
        for p in super::super::presets::PRESETS {
            let st = UrlState {
                scenario: Some(compact_scenario(p.json)),
                ..UrlState::default()
            };
            let back = UrlState::from_fragment(&st.to_fragment());
            let a: crate::engine::doc::Scenario =
                crate::engine::doc::parse(&pretty_scenario(back.scenario.as_deref().unwrap()))
                    .unwrap();
            let b = crate::engine::doc::parse(p.json).unwrap();
            assert_eq!(
                crate::engine::sim::simulate(&a).unwrap().fingerprint(),
                crate::engine::sim::simulate(&b).unwrap().fingerprint(),
                "{}",
                p.name
            );
        }
    }
}
