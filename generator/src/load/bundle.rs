//! Multi-file documents: `$ref`s to other local files resolved into one document.
//!
//! A reference is a URI reference relative to the file it is written in: `other.yaml`,
//! `../schemas/pet.yaml#/Pet`, `file.json#/components/schemas/X`, and `#/…` inside a file other
//! than the root meaning that file. What a resolved reference becomes depends on where it is:
//! - in a schema position (as `places` lists them for the document's version: `schema`,
//!   `items`, `properties/*`, `allOf`/`anyOf`/`oneOf` members, `additionalProperties`, `not`,
//!   `components/schemas/*`, 2.0 `definitions/*`…, and the `mapping` of a `discriminator`) the target is **hoisted** into `#/components/schemas/<Name>`
//!   (Swagger 2.0: `#/definitions/<Name>`), once per target, so it becomes a named type. The
//!   name is the key the target was under in its file (`#/components/schemas/Pet`, `#/Pet` →
//!   `Pet`), else the file stem (`models/pet.yaml` → `pet`); different targets with the same
//!   name get `_2`, `_3`… in document order. A root component that is only a reference to
//!   another file (`Pet: {$ref: models/pet.yaml}`) is that target's home: the target is put
//!   there, and every other reference to it points to `#/components/schemas/Pet`;
//! - anywhere else (path items, operations, parameters, responses, examples, a `description`)
//!   the target is **inlined** at the referring site, each time it is referred to.
//!
//! Not followed, nothing read or fetched for them, each a warning naming the file and the
//! pointer of the `$ref`: remote references (`https://…`), absolute paths, paths that leave
//! the root file's folder through `..` or through a symbolic link, named anchors, missing files
//! and pointers, and a reference that would be copied into itself (a cycle of inlined
//! references) or nested more than 64 deep. Where a schema is expected the schema is any JSON value; elsewhere the `$ref`
//! is left as written, for `lower` to leave out what needs it (an operation, not the
//! document); a discriminator `mapping` entry is left out. Refused with an error: a syntax
//! error in another file, and a document that grows past
//! [`MAX_NODES`](files::MAX_NODES) nodes or reads more than [`MAX_FILES`](files::MAX_FILES)
//! files. References inside data (`example`, `default`, `enum`, an
//! object's extensions `x-…`; the keys of a map such as `headers` are names, `x-` ones too) are
//! data and are not followed. Every node brought in from another file is
//! recorded in the returned [`Layer`], so later errors name that file and the pointer in it.

mod files;
mod names;
mod walk;

use std::path::{Path, PathBuf};

use serde_json::Value;
use sha2::{Digest, Sha256};

use super::origins::Layer;
use super::parse::hex;
use super::version::Version;
use crate::error::Result;
use crate::ir::Warning;
use files::Files;
use walk::Bundler;

/// A document with every reference to another file resolved into it.
pub(super) struct Bundled {
    /// The one document.
    pub(super) value: Value,
    /// Every file read, the root first.
    pub(super) files: Vec<PathBuf>,
    /// SHA-256 of the root file's bytes, or of every file's relative path and bytes.
    pub(super) sha256: String,
    /// Where the nodes brought in from other files came from.
    pub(super) layer: Layer,
    /// What was left out instead of stopping (an unreadable discriminator mapping target), at
    /// its pointer in the bundled document.
    pub(super) warnings: Vec<Warning>,
}

/// Resolves the `$ref`s of the root document `value` (read from `root` as `bytes`) that name
/// other local files, inside `confine` (the root's folder when `None`).
pub(super) fn bundle(
    root: &Path,
    bytes: &[u8],
    mut value: Value,
    version: Version,
    confine: Option<&Path>,
) -> Result<Bundled> {
    let root_digest = hex(&Sha256::digest(bytes));
    let mut files = Files::new(root, root_digest.clone(), confine)?;
    if !refers_elsewhere(&value) {
        // One file: nothing to resolve, nothing moves.
        return Ok(Bundled {
            value,
            files: vec![root.to_path_buf()],
            sha256: root_digest,
            layer: Layer::new(),
            warnings: Vec::new(),
        });
    }
    files.know_root(root);
    let mut bundler = Bundler::new(files, version);
    bundler.run(&mut value)?;
    let sha256 = if bundler.files.len() == 1 {
        root_digest
    } else {
        bundler.files.combined_digest()
    };
    let mut warnings = std::mem::take(&mut bundler.files.warnings);
    warnings.append(&mut bundler.take_warnings());
    Ok(Bundled {
        value,
        files: bundler.files.all_shown(),
        sha256,
        layer: bundler.layer,
        warnings,
    })
}

/// Whether a document may refer to another file: a `$ref`, or a discriminator `mapping` value,
/// that is not a plain `#/…` pointer. (A quick over-approximation, so a single-file spec skips
/// the walk.)
fn refers_elsewhere(value: &Value) -> bool {
    let mut stack = vec![value];
    while let Some(node) = stack.pop() {
        match node {
            Value::Object(map) => {
                for (key, child) in map {
                    let elsewhere = |v: &Value| v.as_str().is_some_and(|r| !r.starts_with('#'));
                    if key == "$ref" && elsewhere(child) {
                        return true;
                    }
                    if key == "mapping"
                        && child.as_object().is_some_and(|m| m.values().any(elsewhere))
                    {
                        return true;
                    }
                    stack.push(child);
                }
            }
            Value::Array(items) => stack.extend(items.iter()),
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests;
