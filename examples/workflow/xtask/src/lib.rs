//! This project's code generation: `spec/api.yaml` (with `spec/opengen.toml`) → `client/`.
//! `cargo xtask codegen` writes it; `cargo xtask codegen --check` and the drift test
//! (`tests/drift.rs`) compare it, writing nothing.

use std::path::{Path, PathBuf};

/// The workspace root: the folder above this package.
pub fn root() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    here.parent().unwrap_or(here).to_path_buf()
}

/// Every file of the client crate, in memory; `opengen.toml` beside the spec configures it.
pub fn generate() -> Result<opengen::Generated, opengen::Errors> {
    let spec = root().join("spec/api.yaml");
    let options = opengen::Options::new("tasks-client").config_beside(&spec)?;
    opengen::generate(&spec, &options)
}

/// The folder the client crate lives in.
pub fn client_dir() -> PathBuf {
    root().join("client")
}
