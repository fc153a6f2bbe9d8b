//! The contract files the tests read are copies carried by the repository
//! (tests/contract/README.md). When the shared reference material is beside the
//! repository (`../shared`), the copies must equal it byte for byte, so a change of the
//! contract cannot go unnoticed; a user's clone has no `../shared`, and then there is
//! nothing to compare. `presets/` must hold exactly the v1 examples.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every file under `dir`, by path relative to it.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

/// The differences between two trees, one line each.
fn drift(ours: &BTreeMap<String, Vec<u8>>, theirs: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let mut out = Vec::new();
    for (name, bytes) in theirs {
        match ours.get(name) {
            None => out.push(format!("{name}: in ../shared, not copied here")),
            Some(b) if b != bytes => out.push(format!("{name}: differs from ../shared")),
            Some(_) => {}
        }
    }
    for name in ours.keys().filter(|n| !theirs.contains_key(*n)) {
        out.push(format!("{name}: copied here, gone from ../shared"));
    }
    out
}

#[test]
fn the_contract_copies_equal_the_shared_reference_when_it_is_there() {
    let shared = root().join("../shared");
    if !shared.join("scenarios").is_dir() {
        eprintln!("no ../shared beside the repository: the carried copies are used as they are");
        return;
    }
    let mut problems = drift(
        &files(&root().join("tests/contract/scenarios")),
        &files(&shared.join("scenarios")),
    );
    let contract = std::fs::read(shared.join("scenario-contract.md")).unwrap();
    if std::fs::read(root().join("tests/contract/scenario-contract.md")).unwrap() != contract {
        problems.push("scenario-contract.md: differs from ../shared".to_string());
    }
    assert!(
        problems.is_empty(),
        "the contract copies in tests/contract drifted from ../shared (see tests/contract/README.md):\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_presets_are_the_contracts_v1_examples() {
    let contract = files(&root().join("tests/contract/scenarios"));
    let presets = files(&root().join("presets"));
    assert!(presets.len() >= 3, "presets/ holds the worked examples");
    for (name, bytes) in &presets {
        assert_eq!(
            Some(bytes),
            contract.get(name),
            "presets/{name} is not a copy of tests/contract/scenarios/{name}"
        );
    }
}

#[test]
fn a_changed_file_and_a_missing_one_are_both_reported() {
    let ours: BTreeMap<String, Vec<u8>> = [
        ("a.json".to_string(), b"1".to_vec()),
        ("b.json".to_string(), b"2".to_vec()),
    ]
    .into();
    let theirs: BTreeMap<String, Vec<u8>> = [
        ("a.json".to_string(), b"1 ".to_vec()),
        ("c.json".to_string(), b"3".to_vec()),
    ]
    .into();
    assert_eq!(
        drift(&ours, &theirs),
        vec![
            "a.json: differs from ../shared".to_string(),
            "c.json: in ../shared, not copied here".to_string(),
            "b.json: copied here, gone from ../shared".to_string(),
        ]
    );
}
