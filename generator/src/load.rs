//! Stage 1: read a spec (one file, or a root file and the files its `$ref`s name), parse YAML or
//! JSON, check the version, bring Swagger 2.0 and OpenAPI 3.1 to the OpenAPI 3.0 model, and
//! deserialize it.
//!
//! Each document is first parsed into a plain `serde_json::Value` (YAML through `serde_yaml`,
//! JSON through `serde_json`, which is much faster on large files). The version is checked on
//! that value, before `openapiv3` sees it, because `openapiv3` silently accepts some 3.1
//! documents. The steps, in order:
//! 1. parse the root file and check its version ([`Version`]);
//! 2. `bundle`: resolve `$ref`s to other local files into the one document (only [`load`],
//!    which reads from disk; [`parse()`] is in memory and reads nothing else);
//! 3. `v2` converts a Swagger 2.0 document to OpenAPI 3.0, `v31` normalises an OpenAPI 3.1
//!    document to what the 3.0 model expresses;
//! 4. the 3.0 steps: depth limit, real-world quirks, sub-node `$ref`s hoisted, the shallow
//!    per-operation check, and `openapiv3`.
//!
//! Steps 2 and 3 move nodes; each records where they came from ([`Origins`]), so an error or
//! warning found later names the node (and file) the user wrote. Where schemas can appear in a
//! document, per version, is described once (`places`), for every step that must tell a schema
//! position from any other.

use std::path::{Path, PathBuf};

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

mod bundle;
mod confined;
mod depth;
mod documentation;
mod ids;
mod json_pointer;
mod origins;
mod parse;
mod places;
mod pointers;
mod quirks;
mod shallow;
mod structural;
mod v2;
mod v31;
mod v32;
mod version;
mod xml;

pub use depth::MAX_DEPTH;
pub use origins::{Origin, Origins};
pub(crate) use quirks::NO_DEFAULT_EXTENSION;
#[doc(hidden)]
pub use v2::convert_swagger2;
pub(crate) use v31::WEBHOOKS_EXTENSION;
pub use version::Version;

use depth::check_depth;
use parse::{hex, parse_value, parse_warnings};
use structural::{name_the_version, structural_error};
use version::check_version;

/// A parsed OpenAPI document, in the OpenAPI 3.0 model, and where it came from.
#[derive(Debug, Clone)]
pub struct Spec {
    /// The root file it was read from, as given.
    pub path: PathBuf,
    /// Lowercase hex SHA-256 of the root file's bytes; for a document spread over several
    /// files, of every file's relative path and bytes, so a change to any of them shows.
    pub sha256: String,
    /// The version the document was written in.
    pub version: Version,
    /// Every file read, the root first.
    pub files: Vec<PathBuf>,
    /// The typed document.
    pub document: openapiv3::OpenAPI,
    /// Nodes left out (operations that do not have the shape OpenAPI requires, webhooks, …),
    /// at their pointer in the loaded document; [`Origins::relocate_warning`] names the node the
    /// user wrote.
    pub warnings: Vec<crate::ir::Warning>,
    /// Where each node of `document` came from in the files read.
    pub origins: Origins,
}

impl Spec {
    /// The folder of the root file, which the relative paths in [`Origins`] start from.
    pub fn root_dir(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new(""))
    }
}

/// Reads and parses the spec at `path`, and every local file its `$ref`s name inside the
/// spec's folder.
pub fn load(path: &Path) -> Result<Spec> {
    load_within(path, None)
}

/// [`load`], with the files `$ref`s may read confined to `root_dir` (a folder holding the
/// spec's), or to the spec's folder when it is `None`: a spec whose references reach a sibling
/// folder (`../common/error.yaml`) needs a wider one. Nothing outside it is read.
pub fn load_within(path: &Path, root_dir: Option<&Path>) -> Result<Spec> {
    let bytes = std::fs::read(path)
        .map_err(|e| Error::msg(format!("cannot read the spec: {e}")).in_file(path))?;
    let mut parsed = parse_value(path, &bytes).map_err(|e| e.in_file(path))?;
    let mut value = std::mem::take(&mut parsed.value);
    let (version, bare) = check_version(&mut value).map_err(|e| e.in_file(path))?;
    identifiers(&mut value, version, &bytes);
    let bundled = bundle::bundle(path, &bytes, value, version, root_dir)?;
    let mut origins = Origins::default();
    origins.push(bundled.layer);
    let mut warnings: Vec<_> = bare
        .into_iter()
        .chain(parse_warnings(&parsed, None))
        .collect();
    warnings.extend(bundled.warnings);
    on_big_stack(|| {
        finish(
            path,
            bundled.value,
            version,
            bundled.sha256,
            bundled.files,
            origins,
            warnings,
        )
    })
    .map_err(|e| e.in_file(path))
}

/// Parses spec bytes in memory; `path` names the source in errors and chooses JSON for `.json`
/// files. Nothing else is read: a `$ref` to another file is left for `lower` to report.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Spec> {
    let mut parsed = parse_value(path, bytes)?;
    let mut value = std::mem::take(&mut parsed.value);
    let (version, bare) = check_version(&mut value)?;
    identifiers(&mut value, version, bytes);
    let warnings = bare
        .into_iter()
        .chain(parse_warnings(&parsed, None))
        .collect();
    on_big_stack(|| {
        finish(
            path,
            value,
            version,
            hex(&Sha256::digest(bytes)),
            vec![path.to_path_buf()],
            Origins::default(),
            warnings,
        )
    })
}

/// The extension under which a 3.1 tuple's places (its `prefixItems`) reach `lower`: the 3.0
/// model has no keyword for them. Only a tuple that holds exactly one item per place has it.
pub(crate) const TUPLE_EXTENSION: &str = "x-opengen-tuple";

/// JSON Schema's type names.
pub(crate) const JSON_TYPES: [&str; 7] = [
    "string", "number", "integer", "boolean", "array", "object", "null",
];

pub(crate) use xml::XML_EXTENSION;

/// In OpenAPI 3.1 and later, each `$ref` to an `$id` or `$anchor` of the document becomes a
/// local pointer (`ids.rs`), before references are followed.
fn identifiers(value: &mut Value, version: Version, text: &[u8]) {
    if matches!(version, Version::OpenApi31 | Version::OpenApi32) {
        ids::resolve(value, text);
    }
}

/// The stack [`finish`] runs on: ample for a document at [`MAX_DEPTH`] in a debug build.
const LOAD_STACK: usize = 64 << 20;

/// Runs `work` (reading the document into the typed model) on a thread of its own with a
/// [`LOAD_STACK`] stack: `openapiv3`'s derived deserializers recurse with large frames, and
/// callbacks nested 13 deep (within [`MAX_DEPTH`]) overflowed the 2 MiB stack of a test
/// thread in a debug build. A library cannot choose the thread it is called on.
fn on_big_stack(work: impl FnOnce() -> Result<Spec> + Send) -> Result<Spec> {
    std::thread::scope(|scope| {
        let thread = std::thread::Builder::new()
            .name("opengen-load".to_owned())
            .stack_size(LOAD_STACK)
            .spawn_scoped(scope, work)
            .map_err(|e| Error::msg(format!("cannot start a thread to read the spec: {e}")))?;
        // A panic in `work` is a bug; it goes on in the caller's thread as it would have.
        thread
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

/// Steps 3 and 4 on a (bundled) document of `version`; `warnings` are the bundling's.
fn finish(
    path: &Path,
    mut value: Value,
    version: Version,
    sha256: String,
    files: Vec<PathBuf>,
    mut origins: Origins,
    mut warnings: Vec<crate::ir::Warning>,
) -> Result<Spec> {
    let root_dir = path.parent().unwrap_or(Path::new(""));
    check_depth(&value).map_err(|e| origins.relocate(e, root_dir))?;
    if version != Version::Swagger2 {
        pointers::inline_content_maps(&mut value, version);
    }
    let converted = match version {
        Version::Swagger2 => v2::convert(&mut value, &mut warnings),
        Version::OpenApi31 => {
            v32::shared_media_types(&mut value);
            v31::normalise(&mut value, &mut warnings)
        }
        Version::OpenApi32 => {
            v32::normalise(&mut value, &mut warnings);
            v31::normalise(&mut value, &mut warnings)
        }
        Version::OpenApi30 => {
            v32::shared_media_types(&mut value);
            Ok(v31::webhooks_in_3_0(&mut value, &mut warnings))
        }
    };
    origins.push(converted.map_err(|e| origins.relocate(e, root_dir))?);
    let type_lists = quirks::smooth_quirks(&mut value);
    if type_lists && matches!(version, Version::Swagger2 | Version::OpenApi30) {
        let listed = v31::type_lists(&mut value, &mut warnings);
        origins.push(listed.map_err(|e| origins.relocate(e, root_dir))?);
    }
    // Converted, the document is in the 3.0 model; a 3.1 one keeps its `components.pathItems`.
    let model = match version {
        Version::OpenApi31 | Version::OpenApi32 => Version::OpenApi31,
        Version::Swagger2 | Version::OpenApi30 => Version::OpenApi30,
    };
    let document = read_3_0(value, model, version, &mut warnings, &mut origins)
        .map_err(|e| origins.relocate(name_the_version(e, version), root_dir))?;
    Ok(Spec {
        path: path.to_path_buf(),
        sha256,
        version,
        files,
        document,
        warnings,
        origins,
    })
}

/// Step 4: the OpenAPI 3.0 value (of the `model` version) to the typed document.
fn read_3_0(
    mut value: Value,
    model: Version,
    written: Version,
    warnings: &mut Vec<crate::ir::Warning>,
    origins: &mut Origins,
) -> Result<openapiv3::OpenAPI> {
    quirks::normalise_line_breaks(&mut value);
    xml::keep(&mut value, model);
    quirks::mark_missing_server_defaults(&mut value);
    quirks::null_scopes_as_none(&mut value, model);
    pointers::inline_path_items(&mut value);
    origins.push(pointers::hoist(&mut value, model));
    warnings.extend(pointers::unresolvable_schema_refs(
        &mut value, model, written,
    ));
    documentation::repair(&mut value, warnings);
    warnings.extend(confined::check_document(&mut value)?);
    serde_path_to_error::deserialize::<_, openapiv3::OpenAPI>(value)
        .map_err(|e| structural_error("#", &e))
}

#[cfg(test)]
mod tests;
