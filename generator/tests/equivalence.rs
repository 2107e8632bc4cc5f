//! The same API written in several versions generates the same crate. Files in
//! `spec/equivalence/` are named `<group>.<version>.yaml` (`petstore.3.0.yaml`,
//! `petstore.3.1.yaml`, `petstore.2.0.yaml`); every file of a group must generate the same files,
//! byte for byte, but for the spec's hash in the generated headers.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use opengen::Options;

fn groups() -> BTreeMap<String, Vec<PathBuf>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/equivalence");
    let mut groups: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !(name.ends_with(".yaml") || name.ends_with(".json")) {
            continue;
        }
        let (group, _) = name.split_once('.').unwrap();
        groups.entry(group.to_owned()).or_default().push(path);
    }
    for files in groups.values_mut() {
        files.sort();
    }
    groups
}

/// Every file of the crate, with the spec hash in the headers blanked.
fn generate(spec: &Path) -> BTreeMap<String, String> {
    let options = Options::new("equivalence");
    let loaded = opengen::load::load(spec).unwrap_or_else(|e| panic!("{e}"));
    let generated = opengen::generate_from(&loaded, &options)
        .unwrap_or_else(|e| panic!("{}: {e}", spec.display()));
    let hash = loaded.sha256;
    generated
        .files
        .into_iter()
        .map(|(path, text)| (path, text.replace(&hash, "<spec hash>")))
        .collect()
}

#[test]
fn every_version_of_a_group_generates_the_same_crate() {
    let groups = groups();
    assert_eq!(groups["petstore"].len(), 3, "3.0, 3.1 and 2.0: {groups:?}");
    for (group, files) in &groups {
        assert!(
            files.len() >= 2,
            "{group}: a group needs two versions to compare"
        );
        let (first, rest) = files.split_first().unwrap();
        let expected = generate(first);
        for other in rest {
            let actual = generate(other);
            let names = |m: &BTreeMap<String, String>| m.keys().cloned().collect::<Vec<_>>();
            assert_eq!(
                names(&expected),
                names(&actual),
                "{group}: {}",
                other.display()
            );
            for (path, text) in &expected {
                if &actual[path] != text {
                    let diff = similar_diff(text, &actual[path]);
                    panic!(
                        "{group}: {} and {} differ in {path}:\n{diff}",
                        first.display(),
                        other.display()
                    );
                }
            }
        }
    }
}

/// The first lines that differ, with their numbers.
fn similar_diff(a: &str, b: &str) -> String {
    a.lines()
        .zip(b.lines())
        .enumerate()
        .filter(|(_, (x, y))| x != y)
        .take(8)
        .map(|(i, (x, y))| format!("{:>5} - {x}\n{:>5} + {y}", i + 1, i + 1))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_petstore_generates_and_names_its_operations() {
    let files = generate(&groups()["petstore"][0]);
    let operations = &files["src/operations.rs"];
    for name in [
        "list_pets",
        "create_pet",
        "show_pet_by_id",
        "delete_pet",
        "upload_photo",
    ] {
        assert!(operations.contains(&format!("pub fn {name}")), "{name}");
    }
}
