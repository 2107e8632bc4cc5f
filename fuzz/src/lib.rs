//! What every fuzz target checks: the whole in-memory pipeline (bytes → `load::parse` →
//! `lower` → `emit`, never touching the disk) returns a result or an error without panicking,
//! and every Rust file it emits parses. Time is bounded by libFuzzer's `-timeout`.

use std::path::Path;

/// Runs the pipeline on one document and checks what it emits.
pub fn check(name: &str, bytes: &[u8]) {
    let Ok(spec) = opengen::load::parse(Path::new(name), bytes) else {
        return;
    };
    let options = opengen::Options::new("fuzzed-api");
    let Ok(generated) = opengen::generate_from(&spec, &options) else {
        return;
    };
    for (path, text) in &generated.files {
        if path.ends_with(".rs") {
            if let Err(error) = syn::parse_file(text) {
                panic!("{path} does not parse: {error}\n{text}");
            }
        }
    }
}
