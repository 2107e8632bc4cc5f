//! Every real-world spec in `../shared/corpus/real` generates a crate in memory, with no panic;
//! every file in `unsupported/` is refused with an error that names its version. (Compiling the
//! generated crates is `cargo xtask corpus`, run by CI.)

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

use std::path::PathBuf;

use opengen::Options;
use xtask::corpus::{crate_name_for, specs_in};
use xtask::shared_data;

fn corpus() -> Option<PathBuf> {
    shared_data("corpus/real")
}

#[test]
fn every_corpus_spec_generates() {
    let Some(dir) = corpus() else { return };
    let specs = specs_in(&dir).unwrap();
    assert!(specs.len() >= 20, "{specs:?}");
    let mut failures = Vec::new();
    for spec in &specs {
        let options = Options {
            crate_name: crate_name_for(spec),
            examples: Vec::new(),
        };
        let outcome = std::panic::catch_unwind(|| opengen::generate(spec, &options));
        match outcome {
            Ok(Ok(generated)) => {
                assert!(generated.files.contains_key("src/operations.rs"));
                assert!(generated.counts.0 > 0, "{}: no operations", spec.display());
            }
            Ok(Err(error)) => failures.push(format!("{error}")),
            Err(_) => failures.push(format!("{}: panicked", spec.display())),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn unsupported_specs_are_refused_by_version() {
    let Some(dir) = corpus() else { return };
    let specs = specs_in(&dir.join("unsupported")).unwrap();
    assert!(!specs.is_empty());
    for spec in specs {
        let options = Options {
            crate_name: "x".into(),
            examples: Vec::new(),
        };
        // Swagger 2.0 is converted now.
        if opengen::load::load(&spec).is_ok_and(|s| s.version == opengen::load::Version::Swagger2) {
            let generated = opengen::generate(&spec, &options).unwrap();
            assert!(generated.counts.0 > 0, "{}", spec.display());
            continue;
        }
        let error = opengen::generate(&spec, &options).unwrap_err();
        let text = error.to_string();
        assert!(text.contains("unsupported version"), "{text}");
        assert!(
            text.contains("Swagger 2.0") || text.contains("OpenAPI 3.1"),
            "{text}"
        );
    }
}
