//! `opengen`: an OpenAPI 3.0 → Rust client generator.
//!
//! The stages run in data-flow order, one module each:
//! [`load`] (file → `openapiv3` document) → [`lower`] (document → [`ir`]) → [`emit`] (IR → files
//! in memory) → [`write`](mod@write) (files → disk, or a drift report). [`generate`] runs the first three;
//! nothing touches the disk until everything has been generated.
//!
//! From your own repository's `cargo xtask codegen` and drift test, [`workflow`] shows the few
//! calls to make; the `opengen` binary (`opengen generate|check --spec … --out …`) makes the same.
//!
//! The library API is what is `pub` here; everything else is `pub(crate)`, so rustc reports
//! what nothing uses.

#![warn(unreachable_pub)]

#[cfg(feature = "mimalloc")]
pub mod allocator;
pub mod config;
mod configure;
pub mod emit;
pub mod error;
pub mod ir;
pub mod load;
pub mod lower;
pub mod naming;
pub mod workflow;
pub mod write;

use std::collections::BTreeMap;
use std::path::Path;

pub use config::Config;
pub use emit::Options;
pub use error::{Error, Errors, Result};
pub use workflow::DriftReport;

/// A generated crate, in memory.
#[derive(Debug, Clone, PartialEq)]
pub struct Generated {
    /// Every file, by path relative to the crate root (with `/`).
    pub files: BTreeMap<String, String>,
    /// What was skipped on purpose, each naming its node: sorted by file then JSON pointer
    /// (the root document first), each once.
    pub warnings: Vec<ir::Warning>,
    /// How many operations and named types the crate has.
    pub counts: (usize, usize),
    /// The crate's Cargo features besides `full` and `default`, one per group of operations
    /// (empty when the crate is not split; see the README's "Features").
    pub features: Vec<String>,
}

impl Generated {
    /// The `--strict` policy: every warning (an operation skipped or degraded, a construct left
    /// out) becomes an error at its node. Nothing has been written yet, so the output folder
    /// stays untouched.
    pub fn strict(self) -> Result<Self, Errors> {
        let mut problems = error::Problems::default();
        for warning in &self.warnings {
            problems.push(Error::at(
                warning.pointer.clone(),
                format!("{} (an error under --strict)", warning.message),
            ));
        }
        problems.finish(self)
    }
}

/// Loads, lowers and emits the spec at `spec_path`: every file of the client crate, in memory.
///
/// A spec with problems yields every error found (see [`Errors`]): lowering goes on past a
/// component or security scheme it cannot lower, so one run names them all. Loading stops at
/// the first error it meets.
pub fn generate(spec_path: &Path, options: &Options) -> Result<Generated, Errors> {
    let spec = load::load_within(spec_path, options.root_dir.as_deref())?;
    let api = configured_api(&spec, &options.config).map_err(|e| e.in_file(spec_path))?;
    // The document is not needed to print the crate: its memory is the emitter's to use.
    let sha256 = spec.sha256.clone();
    drop(spec);
    generated(api, &sha256, options).map_err(|e| e.in_file(spec_path))
}

/// Emits the crate of `api`, configured.
fn generated(api: ir::Api, spec_sha256: &str, options: &Options) -> Result<Generated, Errors> {
    let files = emit::emit(&api, spec_sha256, options)?;
    Ok(Generated {
        files,
        warnings: sorted(api.warnings),
        counts: (api.operations.len(), api.types.len()),
        features: api.features.iter().map(|f| f.name.clone()).collect(),
    })
}

/// Lowers and emits an already loaded spec.
///
/// Errors and warnings name the node the user wrote: for a converted (Swagger 2.0) or bundled
/// (multi-file) document, their pointers are mapped back through [`load::Spec::origins`].
pub fn generate_from(spec: &load::Spec, options: &Options) -> Result<Generated, Errors> {
    generated(
        configured_api(spec, &options.config)?,
        &spec.sha256,
        options,
    )
}

/// The IR `emit` prints: the spec's selected operations lowered, the configuration applied and
/// the Cargo features decided (what `cargo xtask ir` shows).
pub fn configured_api(spec: &load::Spec, config: &Config) -> Result<ir::Api, Errors> {
    let selected = configure::select(spec, config)?;
    let spec = selected.as_ref().unwrap_or(spec);
    let mut api = lower::lower(spec, config)
        .map_err(|errors| errors.map(|e| spec.origins.relocate(e, spec.root_dir())))?;
    configure::apply(&mut api, config)?;
    configure::split_features(&mut api, config);
    configure::mark_wire(&mut api, config);
    if !spec.origins.is_empty() {
        api.warnings = std::mem::take(&mut api.warnings)
            .into_iter()
            .map(|w| spec.origins.relocate_warning(w))
            .collect();
    }
    Ok(api)
}

/// `warnings` sorted by file then JSON pointer, then message, each once.
fn sorted(mut warnings: Vec<ir::Warning>) -> Vec<ir::Warning> {
    warnings.sort_by(|a, b| {
        error::reference_order(&a.pointer, &b.pointer).then_with(|| a.message.cmp(&b.message))
    });
    warnings.dedup();
    warnings
}
