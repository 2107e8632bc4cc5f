//! `opengen`: an OpenAPI 3.0 → Rust client generator.
//!
//! The stages run in data-flow order, one module each:
//! [`load`] (file → `openapiv3` document) → [`lower`] (document → [`ir`]) → [`emit`] (IR → files
//! in memory) → [`write`] (files → disk, or a drift report). [`generate`] runs the first three;
//! nothing touches the disk until everything has been generated.
//!
//! The library API is what is `pub` here; everything else is `pub(crate)`, so rustc reports
//! what nothing uses.

#![warn(unreachable_pub)]

pub mod emit;
pub mod error;
pub mod ir;
pub mod load;
pub mod lower;
pub mod naming;
pub mod write;

use std::collections::BTreeMap;
use std::path::Path;

pub use emit::Options;
pub use error::{Error, Result};

/// A generated crate, in memory.
#[derive(Debug, Clone, PartialEq)]
pub struct Generated {
    /// Every file, by path relative to the crate root (with `/`).
    pub files: BTreeMap<String, String>,
    /// What was skipped on purpose, each naming its node.
    pub warnings: Vec<ir::Warning>,
    /// How many operations and named types the crate has.
    pub counts: (usize, usize),
}

impl Generated {
    /// The `--strict` policy: any warning (an operation skipped or degraded, a construct left
    /// out) becomes an error naming the first warning's node and listing the others. Nothing
    /// has been written yet, so the output folder stays untouched.
    pub fn strict(self) -> Result<Self> {
        let Some((first, rest)) = self.warnings.split_first() else {
            return Ok(self);
        };
        let mut message = format!("{} (an error under --strict)", first.message);
        if !rest.is_empty() {
            message.push_str(&format!("; {} more:", rest.len()));
            for warning in rest {
                message.push_str(&format!("\n  {}: {}", warning.pointer, warning.message));
            }
        }
        Err(Error::at(first.pointer.clone(), message))
    }
}

/// Loads, lowers and emits the spec at `spec_path`: every file of the client crate, in memory.
pub fn generate(spec_path: &Path, options: &Options) -> Result<Generated> {
    let spec = load::load(spec_path)?;
    generate_from(&spec, options).map_err(|e| e.in_file(spec_path))
}

/// Lowers and emits an already loaded spec.
///
/// Errors and warnings name the node the user wrote: for a converted (Swagger 2.0) or bundled
/// (multi-file) document, their pointers are mapped back through [`load::Spec::origins`].
pub fn generate_from(spec: &load::Spec, options: &Options) -> Result<Generated> {
    let mut api = lower::lower(spec).map_err(|e| spec.origins.relocate(e, spec.root_dir()))?;
    if !spec.origins.is_empty() {
        api.warnings = std::mem::take(&mut api.warnings)
            .into_iter()
            .map(|w| spec.origins.relocate_warning(w))
            .collect();
    }
    let files = emit::emit(&api, &spec.sha256, options)?;
    Ok(Generated {
        files,
        warnings: api.warnings,
        counts: (api.operations.len(), api.types.len()),
    })
}
