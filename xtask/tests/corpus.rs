//! Every real-world spec in `spec/corpus` (OpenAPI 3.0 in `real/`, 3.1 in `v31/`, Swagger
//! 2.0 in `v2/`, multi-file documents in `multi/`, and the files in `real/unsupported/` that once
//! were refused) generates a crate in memory, with no panic. (Compiling the generated crates is
//! `cargo xtask corpus`, run by CI.)

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

use std::path::PathBuf;

use opengen::Options;
use xtask::corpus::{crate_names, specs_in, version_of};
use xtask::test_data;

fn corpus() -> PathBuf {
    test_data("corpus")
}

#[test]
fn the_corpus_has_every_kind_of_input() {
    let dir = corpus();
    let specs = specs_in(&dir).unwrap();
    let versions: Vec<String> = specs.iter().filter_map(|s| version_of(s)).collect();
    assert!(specs.len() >= 31, "{specs:?}");
    for prefix in ["2.0", "3.0", "3.1"] {
        assert!(
            versions.iter().any(|v| v.starts_with(prefix)),
            "no {prefix} document in {versions:?}"
        );
    }
    assert!(
        specs
            .iter()
            .any(|s| s.ends_with("DigitalOcean-public.v2.yaml")),
        "the multi-file root is found in its subfolder"
    );
}

#[test]
fn every_corpus_spec_generates() {
    let dir = corpus();
    let specs = specs_in(&dir).unwrap();
    let mut failures = Vec::new();
    for (spec, crate_name) in specs.iter().zip(crate_names(&specs)) {
        let options = Options::new(crate_name);
        let outcome = std::panic::catch_unwind(|| opengen::generate(spec, &options));
        match outcome {
            Ok(Ok(generated)) => {
                assert!(generated.files.contains_key("src/operations.rs"));
                // A webhook-only document has no operations: its crate names the webhooks'
                // payloads, or says it left them out.
                let webhook_only = generated.counts.0 == 0
                    && (generated.files.contains_key("src/webhooks.rs")
                        || generated
                            .warnings
                            .iter()
                            .any(|w| w.pointer.starts_with("#/webhooks")));
                assert!(
                    generated.counts.0 > 0 || webhook_only,
                    "{}: no operations",
                    spec.display()
                );
            }
            Ok(Err(error)) => failures.push(format!("{error}")),
            Err(_) => failures.push(format!("{}: panicked", spec.display())),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
