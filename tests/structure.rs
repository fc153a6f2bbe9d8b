//! The code's shape, read from the text of `src/` (no compiler involved), as the
//! redesign is judged:
//!
//! - no import cycle between modules (`use crate::…`, `super::…`, `self::…`, a child
//!   module's name, and the same paths written inline in code);
//! - no function longer than 80 lines outside `#[cfg(test)]` modules;
//! - at least 15 Leptos `#[component]`s;
//! - no struct in `src/ui` holding more than 8 reactive fields (signals, memos,
//!   stored values, node refs).
//!
//! A module is a file (`a/mod.rs` is `a`); inline `mod x { … }` blocks count as part
//! of their file, `#[cfg(test)]` blocks are left out. `src/main.rs` and `src/bin/`
//! are crates of their own and are not modules of the library.
//!
//! `cargo test --test structure -- --nocapture` prints the figures.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

const MAX_FN_LINES: usize = 80;
const MIN_COMPONENTS: usize = 15;
const MAX_REACTIVE_FIELDS: usize = 8;

/// One source file of the library, as a module.
struct Module {
    /// `engine::doc::scheduler` (the crate root is "").
    path: Vec<String>,
    file: PathBuf,
    /// The code with comments, strings and `#[cfg(test)]` items blanked out (same
    /// line structure as the file).
    code: String,
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir).unwrap().flatten().collect();
    entries.sort_by_key(|e| e.path());
    for e in entries {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

fn modules() -> Vec<Module> {
    let root = src();
    let mut all = Vec::new();
    files(&root, &mut all);
    all.into_iter()
        .filter_map(|f| {
            let rel = f
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if rel == "main.rs" || rel.starts_with("bin/") {
                return None;
            }
            let mut parts: Vec<String> = rel
                .trim_end_matches(".rs")
                .split('/')
                .map(String::from)
                .collect();
            if parts.last().is_some_and(|l| l == "mod" || l == "lib") {
                parts.pop();
            }
            let text = fs::read_to_string(&f).unwrap();
            let code = without_tests(&blank(&text));
            Some(Module {
                path: parts,
                file: f,
                code,
            })
        })
        .collect()
}

/// The text with comments, string and char literals replaced by spaces (newlines
/// kept), so that paths in doc comments and messages are not read as code.
fn blank(text: &str) -> String {
    let b: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let keep = |c: char| if c == '\n' { '\n' } else { ' ' };
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < b.len() && b[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < b.len() {
                if b[i] == '/' && b.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if b[i] == '*' && b.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(keep(b[i]));
                    i += 1;
                }
            }
        } else if c == 'r' && (next == Some('"') || next == Some('#')) && !ident_before(&b, i) {
            // A raw string r"…", r#"…"#.
            let mut j = i + 1;
            let mut hashes = 0;
            while b.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if b.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            loop {
                if j >= b.len() {
                    break;
                }
                if b[j] == '"' && (0..hashes).all(|k| b.get(j + 1 + k) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            for &ch in &b[i..j.min(b.len())] {
                out.push(keep(ch));
            }
            i = j;
        } else if c == '"' {
            out.push(' ');
            i += 1;
            while i < b.len() && b[i] != '"' {
                if b[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if i < b.len() {
                    out.push(keep(b[i]));
                    i += 1;
                }
            }
            out.push(' ');
            i += 1;
        } else if c == '\'' {
            // A char literal ('a', '\n', '\u{1F600}') or a lifetime ('a).
            let end = if next == Some('\\') {
                (i + 2..b.len().min(i + 12)).find(|&k| b[k] == '\'')
            } else if b.get(i + 2) == Some(&'\'') {
                Some(i + 2)
            } else {
                None
            };
            match end {
                Some(e) => {
                    for _ in i..=e {
                        out.push(' ');
                    }
                    i = e + 1;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn ident_before(b: &[char], i: usize) -> bool {
    i > 0 && (b[i - 1].is_alphanumeric() || b[i - 1] == '_')
}

/// The index of the brace that closes the one opened at `open`.
fn closing(code: &[u8], open: usize) -> usize {
    let mut depth = 0usize;
    for (k, &c) in code.iter().enumerate().skip(open) {
        match c {
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return k;
                }
            }
            _ => {}
        }
    }
    code.len().saturating_sub(1)
}

/// The code with every `#[cfg(test)]` item (a module, a function) blanked out.
fn without_tests(code: &str) -> String {
    let mut bytes = code.as_bytes().to_vec();
    let mut from = 0;
    while let Some(k) = code[from..].find("#[cfg(test)]") {
        let at = from + k;
        // The item's body: the first `{` after the attribute (or a `;`: `mod x;`).
        let rest = &bytes[at..];
        let brace = rest.iter().position(|&c| c == b'{');
        let semi = rest.iter().position(|&c| c == b';');
        let end = match (brace, semi) {
            (Some(b), Some(s)) if s < b => at + s,
            (Some(b), _) => closing(&bytes, at + b),
            (None, Some(s)) => at + s,
            (None, None) => bytes.len() - 1,
        };
        for c in &mut bytes[at..=end] {
            if *c != b'\n' {
                *c = b' ';
            }
        }
        from = end + 1;
    }
    String::from_utf8(bytes).unwrap()
}

/// Every path the code names that starts at `crate`, `super` or `self` (or at a
/// child module of `m`), as segments, from `use` trees and inline paths.
fn paths(code: &str, children: &BTreeSet<String>) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    // `use` trees, braces expanded.
    let mut rest = code;
    while let Some(k) = find_word(rest, "use") {
        let after = &rest[k + 3..];
        let end = after.find(';').unwrap_or(after.len());
        for p in expand(&after[..end]) {
            out.push(p);
        }
        rest = &after[end.min(after.len())..];
    }
    // Inline paths: a run of `ident::ident::…`.
    let b = code.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if (b[i].is_ascii_alphabetic() || b[i] == b'_')
            && (i == 0 || !is_ident(b[i - 1]) && b[i - 1] != b':')
        {
            let start = i;
            let mut j = i;
            while j < b.len() && (is_ident(b[j]) || (b[j] == b':' && b.get(j + 1) == Some(&b':'))) {
                j += if b[j] == b':' { 2 } else { 1 };
            }
            let text = &code[start..j];
            if text.contains("::") {
                let segs: Vec<String> = text
                    .split("::")
                    .filter(|s| !s.is_empty())
                    .map(String::from)
                    .collect();
                let first = segs[0].as_str();
                if first == "crate"
                    || first == "super"
                    || first == "self"
                    || children.contains(first)
                {
                    out.push(segs);
                }
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

fn find_word(text: &str, word: &str) -> Option<usize> {
    let b = text.as_bytes();
    let mut from = 0;
    while let Some(k) = text[from..].find(word) {
        let at = from + k;
        let before = at == 0 || !is_ident(b[at - 1]);
        let after = b
            .get(at + word.len())
            .is_none_or(|c| c.is_ascii_whitespace());
        if before && after {
            return Some(at);
        }
        from = at + word.len();
    }
    None
}

/// `a::{b, c::{d, e}}` → `[a, b]`, `[a, c, d]`, `[a, c, e]`.
fn expand(tree: &str) -> Vec<Vec<String>> {
    // `X as Y` keeps X; then whitespace goes.
    let words: Vec<&str> = tree.split_whitespace().collect();
    let mut kept = String::new();
    let mut k = 0;
    while k < words.len() {
        if words[k] == "as" {
            k += 2;
            // What followed the alias (`,`, `}`) is glued to it: keep it.
            if let Some(w) = words.get(k - 1) {
                kept.extend(w.chars().skip_while(|c| c.is_alphanumeric() || *c == '_'));
            }
            continue;
        }
        kept.push_str(words[k]);
        k += 1;
    }
    let tree = kept;
    let mut out = Vec::new();
    expand_into(&tree, &[], &mut out);
    out
}

fn expand_into(tree: &str, prefix: &[String], out: &mut Vec<Vec<String>>) {
    for item in split_top(tree) {
        let mut segs = prefix.to_vec();
        let (head, group) = match item.find('{') {
            Some(k) => (&item[..k], Some(&item[k + 1..item.len() - 1])),
            None => (item, None),
        };
        for s in head.split("::").filter(|s| !s.is_empty()) {
            segs.push(s.to_string());
        }
        match group {
            Some(g) => expand_into(g, &segs, out),
            None => out.push(segs),
        }
    }
}

/// Splits at the commas that are not inside braces.
fn split_top(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (k, c) in s.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                out.push(&s[start..k]);
                start = k + 1;
            }
            _ => {}
        }
    }
    out.push(&s[start..]);
    out.into_iter().filter(|p| !p.is_empty()).collect()
}

/// Items a module re-exports (`pub use child::Item;`), by name: the module they come
/// from (a path through the re-export leads there, not to the re-exporting module).
type Reexports = BTreeMap<Vec<String>, BTreeMap<String, Vec<String>>>;

fn reexports(mods: &[Module], known: &BTreeSet<Vec<String>>) -> Reexports {
    let mut out = Reexports::new();
    for m in mods {
        let mut rest = m.code.as_str();
        while let Some(k) = rest
            .find("pub use ")
            .or_else(|| rest.find("pub(crate) use "))
        {
            let after = &rest[k..];
            let after = &after[after.find("use ").unwrap_or(0) + 4..];
            let end = after.find(';').unwrap_or(after.len());
            for p in expand(&after[..end]) {
                let Some(item) = p.last().filter(|i| *i != "*" && *i != "self") else {
                    continue;
                };
                let from = target(&m.path, &p[..p.len() - 1], known, &Reexports::new());
                if let Some(from) = from.filter(|f| *f != m.path) {
                    out.entry(m.path.clone())
                        .or_default()
                        .insert(item.clone(), from);
                }
            }
            rest = &after[end.min(after.len())..];
        }
    }
    out
}

/// The module a path from module `m` leads into: the deepest known module on its way
/// (through re-exports to where the item is defined).
fn target(
    m: &[String],
    segs: &[String],
    known: &BTreeSet<Vec<String>>,
    re: &Reexports,
) -> Option<Vec<String>> {
    let mut at: Vec<String> = match segs.first()?.as_str() {
        "crate" => Vec::new(),
        "self" | "super" => m.to_vec(),
        _ => m.to_vec(),
    };
    let mut rest = segs;
    if segs[0] == "crate" || segs[0] == "self" {
        rest = &segs[1..];
    }
    while rest.first().is_some_and(|s| s == "super") {
        at.pop()?;
        rest = &rest[1..];
    }
    for s in rest {
        let mut next = at.clone();
        next.push(s.clone());
        if known.contains(&next) {
            at = next;
        } else {
            if let Some(from) = re.get(&at).and_then(|r| r.get(s)) {
                at = from.clone();
            }
            break;
        }
    }
    Some(at)
}

type Graph = BTreeMap<Vec<String>, BTreeSet<Vec<String>>>;

fn graph(mods: &[Module]) -> Graph {
    let known: BTreeSet<Vec<String>> = mods.iter().map(|m| m.path.clone()).collect();
    let re = reexports(mods, &known);
    let mut g = Graph::new();
    for m in mods {
        let children: BTreeSet<String> = known
            .iter()
            .filter(|k| k.len() == m.path.len() + 1 && k.starts_with(&m.path))
            .map(|k| k[m.path.len()].clone())
            .collect();
        let edges = g.entry(m.path.clone()).or_default();
        // Both the module a path names and, through a re-export, the one that defines
        // the item: a facade that re-exports does not hide a cycle, nor create one.
        for p in paths(&m.code, &children) {
            let named = target(&m.path, &p, &known, &Reexports::new());
            let defining = target(&m.path, &p, &known, &re);
            for t in [named, defining].into_iter().flatten() {
                if t != m.path {
                    edges.insert(t);
                }
            }
        }
    }
    g
}

/// Strongly connected components with more than one module (Tarjan).
fn cycles(g: &Graph) -> Vec<Vec<Vec<String>>> {
    struct T<'a> {
        g: &'a Graph,
        index: BTreeMap<&'a Vec<String>, usize>,
        low: BTreeMap<&'a Vec<String>, usize>,
        stack: Vec<&'a Vec<String>>,
        on: BTreeSet<&'a Vec<String>>,
        n: usize,
        out: Vec<Vec<Vec<String>>>,
    }
    fn visit<'a>(t: &mut T<'a>, v: &'a Vec<String>) {
        t.index.insert(v, t.n);
        t.low.insert(v, t.n);
        t.n += 1;
        t.stack.push(v);
        t.on.insert(v);
        if let Some(ws) = t.g.get(v) {
            for w in ws {
                let Some((w, _)) = t.g.get_key_value(w) else {
                    continue;
                };
                if !t.index.contains_key(w) {
                    visit(t, w);
                    let lw = t.low[w];
                    let lv = t.low[v];
                    t.low.insert(v, lv.min(lw));
                } else if t.on.contains(w) {
                    let iw = t.index[w];
                    let lv = t.low[v];
                    t.low.insert(v, lv.min(iw));
                }
            }
        }
        if t.low[v] == t.index[v] {
            let mut comp = Vec::new();
            while let Some(w) = t.stack.pop() {
                t.on.remove(w);
                comp.push(w.clone());
                if w == v {
                    break;
                }
            }
            if comp.len() > 1 {
                comp.sort();
                t.out.push(comp);
            }
        }
    }
    let mut t = T {
        g,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        n: 0,
        out: Vec::new(),
    };
    for v in g.keys() {
        if !t.index.contains_key(v) {
            visit(&mut t, v);
        }
    }
    t.out
}

fn name(p: &[String]) -> String {
    if p.is_empty() {
        "crate".into()
    } else {
        p.join("::")
    }
}

/// Every `fn` with a body, as (file, line, name, lines).
fn functions(mods: &[Module]) -> Vec<(String, usize, String, usize)> {
    let mut out = Vec::new();
    for m in mods {
        let b = m.code.as_bytes();
        let mut from = 0;
        while let Some(k) = find_word(&m.code[from..], "fn") {
            let at = from + k;
            let name: String = m.code[at + 2..]
                .trim_start()
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            // The body: the first `{` before any `;` (a declaration without a body has none).
            let rest = &b[at..];
            let brace = rest.iter().position(|&c| c == b'{');
            let semi = rest.iter().position(|&c| c == b';');
            from = at + 2;
            let Some(open) = brace.filter(|o| semi.is_none_or(|s| s > *o)) else {
                continue;
            };
            // `fn(…) -> T` types in signatures have no name.
            if name.is_empty() {
                continue;
            }
            let end = closing(b, at + open);
            let first = m.code[..at].matches('\n').count() + 1;
            let last = m.code[..end].matches('\n').count() + 1;
            let file = m
                .file
                .strip_prefix(src())
                .unwrap()
                .to_string_lossy()
                .to_string();
            out.push((file, first, name, last - first + 1));
        }
    }
    out
}

/// Structs of `src/ui` and their reactive fields, as (file, struct, count).
fn reactive_structs(mods: &[Module]) -> Vec<(String, String, usize)> {
    const REACTIVE: [&str; 11] = [
        "RwSignal<",
        "ReadSignal<",
        "WriteSignal<",
        "Signal<",
        "Memo<",
        "StoredValue<",
        "ArcRwSignal<",
        "ArcMemo<",
        "NodeRef<",
        "Trigger",
        "Resource<",
    ];
    let mut out = Vec::new();
    for m in mods
        .iter()
        .filter(|m| m.path.first().is_some_and(|p| p == "ui"))
    {
        let b = m.code.as_bytes();
        let mut from = 0;
        while let Some(k) = find_word(&m.code[from..], "struct") {
            let at = from + k;
            from = at + 6;
            let name: String = m.code[at + 6..]
                .trim_start()
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let rest = &b[at..];
            let brace = rest.iter().position(|&c| c == b'{');
            let semi = rest.iter().position(|&c| c == b';');
            let Some(open) = brace.filter(|o| semi.is_none_or(|s| s > *o)) else {
                continue;
            };
            let end = closing(b, at + open);
            let body = &m.code[at + open + 1..end];
            let n = split_top(body)
                .iter()
                .filter(|f| REACTIVE.iter().any(|r| f.contains(r)))
                .count();
            let file = m
                .file
                .strip_prefix(src())
                .unwrap()
                .to_string_lossy()
                .to_string();
            out.push((file, name, n));
        }
    }
    out
}

/// The graph among the children of every module with children, each child standing
/// for its whole subtree (`engine::activity` → `engine::out` when any file under the
/// first names one under the second).
fn folder_graphs(g: &Graph) -> Vec<Graph> {
    let parents: BTreeSet<Vec<String>> = g
        .keys()
        .filter(|k| !k.is_empty())
        .map(|k| k[..k.len() - 1].to_vec())
        .collect();
    parents
        .into_iter()
        .map(|p| {
            let child = |m: &Vec<String>| {
                (m.len() > p.len() && m.starts_with(&p)).then(|| m[..=p.len()].to_vec())
            };
            let mut fg = Graph::new();
            for (from, tos) in g {
                let Some(a) = child(from) else { continue };
                let edges = fg.entry(a.clone()).or_default();
                for b in tos.iter().filter_map(child).filter(|b| *b != a) {
                    edges.insert(b);
                }
            }
            fg
        })
        .collect()
}

#[test]
fn no_import_cycle_between_modules() {
    let mods = modules();
    let g = graph(&mods);
    let mut found = cycles(&g);
    for fg in folder_graphs(&g) {
        for c in cycles(&fg) {
            if !found.contains(&c) {
                found.push(c);
            }
        }
    }
    for c in &found {
        println!(
            "cycle of {}: {}",
            c.len(),
            c.iter().map(|p| name(p)).collect::<Vec<_>>().join(", ")
        );
    }
    println!(
        "{} modules, {} import edges, {} cycles",
        g.len(),
        g.values().map(|e| e.len()).sum::<usize>(),
        found.len()
    );
    assert!(found.is_empty(), "import cycles: {found:?}");
}

#[test]
fn no_function_over_80_lines() {
    let mods = modules();
    let mut long: Vec<_> = functions(&mods)
        .into_iter()
        .filter(|f| f.3 > MAX_FN_LINES)
        .collect();
    long.sort_by_key(|f| std::cmp::Reverse(f.3));
    for (file, line, name, n) in &long {
        println!("{n:4} lines  {file}:{line} fn {name}");
    }
    println!("{} functions over {MAX_FN_LINES} lines", long.len());
    assert!(
        long.is_empty(),
        "{} functions over {MAX_FN_LINES} lines",
        long.len()
    );
}

#[test]
fn views_are_components() {
    let n: usize = modules()
        .iter()
        .map(|m| m.code.matches("#[component]").count())
        .sum();
    println!("{n} #[component]s");
    assert!(
        n >= MIN_COMPONENTS,
        "{n} #[component]s, want at least {MIN_COMPONENTS}"
    );
}

#[test]
fn no_ui_struct_holds_more_than_8_reactive_fields() {
    let mods = modules();
    let mut structs = reactive_structs(&mods);
    structs.sort_by_key(|s| std::cmp::Reverse(s.2));
    for (file, name, n) in structs.iter().filter(|s| s.2 > 0) {
        println!("{n:3} reactive fields  {file} struct {name}");
    }
    let big: Vec<_> = structs
        .iter()
        .filter(|s| s.2 > MAX_REACTIVE_FIELDS)
        .collect();
    assert!(
        big.is_empty(),
        "structs over {MAX_REACTIVE_FIELDS} reactive fields: {big:?}"
    );
}

#[test]
fn the_reader_reads_what_it_should() {
    // use trees with braces, aliases and self.
    assert_eq!(
        expand("crate::engine::{doc::{self, Scenario}, out::outcome::Outcome as O}"),
        vec![
            vec!["crate", "engine", "doc", "self"],
            vec!["crate", "engine", "doc", "Scenario"],
            vec!["crate", "engine", "out", "outcome", "Outcome"],
        ]
        .into_iter()
        .map(|v| v.into_iter().map(String::from).collect::<Vec<_>>())
        .collect::<Vec<_>>()
    );
    // Comments and strings are not code.
    let b = blank("let a = \"crate::x\"; // super::y\nlet c = 'x'; fn f<'a>() {}");
    assert!(!b.contains("crate::x") && !b.contains("super::y") && b.contains("fn f<'a>"));
    // A cfg(test) module is left out.
    let c = without_tests("fn a() {}\n#[cfg(test)]\nmod tests {\n fn b() {}\n}\nfn c() {}");
    assert!(c.contains("fn a") && !c.contains("fn b") && c.contains("fn c"));
    // A path resolves to the deepest module on its way.
    let known: BTreeSet<Vec<String>> = [
        vec![],
        vec!["ui".to_string()],
        vec!["ui".into(), "app".into()],
        vec!["engine".into()],
    ]
    .into_iter()
    .collect();
    let m = vec!["ui".to_string(), "views".to_string()];
    let p = |s: &str| s.split("::").map(String::from).collect::<Vec<_>>();
    let none = Reexports::new();
    assert_eq!(
        target(&m, &p("super::app::Ctx"), &known, &none),
        Some(p("ui::app"))
    );
    assert_eq!(
        target(&m, &p("crate::engine::doc::X"), &known, &none),
        Some(p("engine"))
    );
    assert_eq!(
        target(&m, &p("super::super::engine"), &known, &none),
        Some(p("engine"))
    );
    // Through a re-export, to where the item is defined.
    let mut re = Reexports::new();
    re.entry(p("ui"))
        .or_default()
        .insert("Ctx".into(), p("ui::app"));
    assert_eq!(
        target(&m, &p("super::Ctx"), &known, &re),
        Some(p("ui::app"))
    );
}
