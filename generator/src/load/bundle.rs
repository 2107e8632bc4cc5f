//! Multi-file documents: `$ref`s to other local files resolved into one document.
//!
//! A reference is a URI reference relative to the file it is written in: `other.yaml`,
//! `../schemas/pet.yaml#/Pet`, `file.json#/components/schemas/X`, and `#/…` inside a file other
//! than the root meaning that file. What a resolved reference becomes depends on where it is:
//! - in a schema position (`schema`, `items`, `properties/*`, `allOf`/`anyOf`/`oneOf` members,
//!   `additionalProperties`, `not`, `components/schemas/*`, 2.0 `definitions/*`, and the
//!   `mapping` of a `discriminator`) the target is **hoisted** into `#/components/schemas/<Name>`
//!   (Swagger 2.0: `#/definitions/<Name>`), once per target, so it becomes a named type. The
//!   name is the key the target was under in its file (`#/components/schemas/Pet`, `#/Pet` →
//!   `Pet`), else the file stem (`models/pet.yaml` → `pet`); different targets with the same
//!   name get `_2`, `_3`… in document order. A root component that is only a reference to
//!   another file (`Pet: {$ref: models/pet.yaml}`) is that target's home: the target is put
//!   there, and every other reference to it points to `#/components/schemas/Pet`;
//! - anywhere else (path items, operations, parameters, responses, examples, a `description`)
//!   the target is **inlined** at the referring site, each time it is referred to.
//!
//! Refused with an error naming the file and the pointer of the `$ref`: remote references
//! (`https://…`; nothing is fetched while generating), absolute paths, paths that leave the
//! root file's folder through `..` or through a symbolic link, missing files and pointers, a
//! cycle of inlined references, and a document that grows past [`MAX_NODES`] nodes or reads
//! more than [`MAX_FILES`] files. References inside data (`example`, `default`, `enum`,
//! extensions `x-…`) are data and are not followed. Every node brought in from another file is
//! recorded in the returned [`Layer`], so later errors name that file and the pointer in it.

use std::collections::{HashMap, HashSet, VecDeque};
use std::path::{Component, Path, PathBuf};

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::origins::{Layer, Origin, display_relative};
use super::pointers::find;
use super::version::Version;
use crate::error::{Error, Result};

/// The most files one document may be spread over.
pub(crate) const MAX_FILES: usize = 20_000;

/// The most nodes (objects, arrays and scalars) that may be copied from other files into the
/// document, counting every copy of an inlined node: a node inlined at many places, inside
/// nodes inlined at many places, grows exponentially, and this bound stops it. (DigitalOcean's
/// 1,500 files bring in 190,000.)
pub(crate) const MAX_NODES: usize = 5_000_000;

/// Schema keywords whose values are schemas: a pointer starting with one of them is inside a
/// file that is one schema.
const SUBSCHEMA_KEYWORDS: &[&str] = &[
    "properties",
    "items",
    "allOf",
    "anyOf",
    "oneOf",
    "additionalProperties",
    "not",
    "prefixItems",
];

/// How many inlined references may nest inside one another.
const MAX_INLINE_NESTING: usize = 64;

/// A document with every reference to another file resolved into it.
pub(super) struct Bundled {
    /// The one document.
    pub value: Value,
    /// Every file read, the root first.
    pub files: Vec<PathBuf>,
    /// SHA-256 of the root file's bytes, or of every file's relative path and bytes.
    pub sha256: String,
    /// Where the nodes brought in from other files came from.
    pub layer: Layer,
}

/// Resolves the `$ref`s of the root document `value` (read from `root` as `bytes`) that name
/// other local files.
pub(super) fn bundle(
    root: &Path,
    bytes: &[u8],
    mut value: Value,
    version: Version,
) -> Result<Bundled> {
    let root_dir = root.parent().unwrap_or(Path::new("")).to_path_buf();
    let dir_for_fs = if root_dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        root_dir.as_path()
    };
    let canonical_root = std::fs::canonicalize(dir_for_fs)
        .map_err(|e| Error::msg(format!("cannot read the spec's folder: {e}")).in_file(root))?;
    let root_name = PathBuf::from(root.file_name().unwrap_or_default());
    let root_digest = Sha256::digest(bytes);
    let mut bundler = Bundler {
        root_dir,
        canonical_root,
        version,
        files: vec![File {
            rel: root_name.clone(),
            shown: root.to_path_buf(),
            value: Value::Null,
            digest: super::parse::hex(&root_digest),
        }],
        by_rel: HashMap::from([(root_name, ROOT)]),
        by_canonical: HashMap::new(),
        schemas: HashMap::new(),
        homes: HashMap::new(),
        placed: HashSet::new(),
        taken: HashSet::new(),
        queue: VecDeque::new(),
        hoisted: Vec::new(),
        inlining: Vec::new(),
        layer: Layer::new(),
        nodes: 0,
    };
    if !refers_elsewhere(&value) {
        // One file: nothing to resolve, nothing moves.
        return Ok(Bundled {
            value,
            files: vec![root.to_path_buf()],
            sha256: super::parse::hex(&root_digest),
            layer: Layer::new(),
        });
    }
    if let Ok(canonical) = std::fs::canonicalize(root) {
        bundler.by_canonical.insert(canonical, ROOT);
    }
    bundler.find_homes(&value)?;
    let mut src = Vec::new();
    let mut dst = Vec::new();
    bundler.walk(&mut value, ROOT, Ctx::One(Node::Doc), &mut src, &mut dst)?;
    while let Some((file, pointer, name)) = bundler.queue.pop_front() {
        let tokens = tokens_of(&pointer);
        let mut node = bundler.copy(file, &tokens)?;
        let mut src = tokens;
        let mut dst = bundler.schema_home(&name);
        bundler.record(&dst, file, &pointer);
        bundler.walk(&mut node, file, Ctx::One(Node::Schema), &mut src, &mut dst)?;
        bundler.hoisted.push((name, node));
    }
    bundler.insert_hoisted(&mut value)?;
    let sha256 = if bundler.files.len() == 1 {
        super::parse::hex(&root_digest)
    } else {
        bundler.combined_digest()
    };
    Ok(Bundled {
        value,
        files: bundler.files.iter().map(|f| f.shown.clone()).collect(),
        sha256,
        layer: bundler.layer,
    })
}

type FileId = usize;
const ROOT: FileId = 0;

/// One file read: its path relative to the root file's folder, the path errors show, its
/// parsed value (unused for the root, which is bundled in place) and its bytes' SHA-256.
struct File {
    rel: PathBuf,
    shown: PathBuf,
    value: Value,
    digest: String,
}

/// A node in a file: the file and the node's pointer in canonical `#/a/b` form.
type Target = (FileId, String);

struct Bundler {
    root_dir: PathBuf,
    canonical_root: PathBuf,
    version: Version,
    files: Vec<File>,
    by_rel: HashMap<PathBuf, FileId>,
    by_canonical: HashMap<PathBuf, FileId>,
    /// Every schema target given a component name (hoisted or at home).
    schemas: HashMap<Target, String>,
    /// Targets that a root component refers to, and that component's key.
    homes: HashMap<Target, String>,
    /// Homes whose target has been put in place.
    placed: HashSet<Target>,
    /// Component names in use in the schemas section.
    taken: HashSet<String>,
    /// Hoisted schemas still to copy: target and name.
    queue: VecDeque<(FileId, String, String)>,
    /// Hoisted schemas, in the order they were named.
    hoisted: Vec<(String, Value)>,
    /// The inlined targets being walked, outermost first (a repeat is a cycle).
    inlining: Vec<Target>,
    layer: Layer,
    /// Nodes in the document so far, counting every copy.
    nodes: usize,
}

/// What a node is, as far as references are concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Node {
    Doc,
    Components,
    PathItem,
    Operation,
    Callback,
    Response,
    Parameter,
    RequestBody,
    MediaType,
    Encoding,
    Example,
    Schema,
    Discriminator,
    Other,
}

/// The place of a node: one node of a kind, a map or list whose members are of a kind, or
/// data (never walked: a `$ref` inside an example is part of the example).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ctx {
    One(Node),
    Many(Node),
    Data,
}

impl Ctx {
    /// The place of the member `key` of an object at this place.
    fn child(self, key: &str) -> Ctx {
        use Ctx::{Data, Many, One};
        let node = match self {
            Data => return Data,
            // Property names are names, not extensions.
            Many(Node::Schema) => return One(Node::Schema),
            Many(_) if key.starts_with("x-") => return Data,
            Many(node) => return One(node),
            One(node) => node,
        };
        if key.starts_with("x-") {
            return Data;
        }
        match (node, key) {
            (Node::Doc, "paths" | "webhooks") => Many(Node::PathItem),
            (Node::Doc, "components") => One(Node::Components),
            (Node::Doc, "definitions") | (Node::Components, "schemas") => Many(Node::Schema),
            (Node::Doc | Node::Components | Node::PathItem | Node::Operation, "parameters") => {
                Many(Node::Parameter)
            }
            (Node::Doc | Node::Components | Node::Operation, "responses") => Many(Node::Response),
            (Node::Components, "requestBodies") => Many(Node::RequestBody),
            (Node::Components | Node::Response | Node::Encoding, "headers") => {
                Many(Node::Parameter)
            }
            (Node::Components | Node::Parameter | Node::MediaType, "examples") => {
                Many(Node::Example)
            }
            (Node::Components, "pathItems") => Many(Node::PathItem),
            (Node::Callback, _) => One(Node::PathItem),
            (Node::Components | Node::Operation, "callbacks") => Many(Node::Callback),
            (
                Node::PathItem,
                "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace",
            ) => One(Node::Operation),
            (Node::Operation, "requestBody") => One(Node::RequestBody),
            (Node::Response | Node::Parameter | Node::MediaType, "schema") => One(Node::Schema),
            (Node::Response | Node::Parameter | Node::RequestBody, "content") => {
                Many(Node::MediaType)
            }
            (Node::MediaType, "encoding") => Many(Node::Encoding),
            (Node::Example, "value") => Data,
            (
                Node::Schema,
                "properties" | "patternProperties" | "$defs" | "definitions" | "dependentSchemas"
                | "allOf" | "anyOf" | "oneOf" | "prefixItems",
            ) => Many(Node::Schema),
            (
                Node::Schema,
                "items"
                | "additionalProperties"
                | "not"
                | "contains"
                | "if"
                | "then"
                | "else"
                | "propertyNames"
                | "unevaluatedItems"
                | "unevaluatedProperties"
                | "additionalItems"
                | "contentSchema",
            ) => One(Node::Schema),
            (Node::Schema, "discriminator") => One(Node::Discriminator),
            (Node::Schema, "default" | "enum" | "const") | (_, "example" | "examples") => Data,
            _ => One(Node::Other),
        }
    }

    /// The place of the items of an array at this place.
    fn item(self) -> Ctx {
        match self {
            Ctx::Data => Ctx::Data,
            Ctx::Many(node) | Ctx::One(node @ Node::Schema) => Ctx::One(node),
            Ctx::One(_) => Ctx::One(Node::Other),
        }
    }
}

impl Bundler {
    /// Walks `node` (found at `src` in `file`, placed at `dst` in the bundled document),
    /// resolving every reference to another file.
    fn walk(
        &mut self,
        node: &mut Value,
        file: FileId,
        ctx: Ctx,
        src: &mut Vec<String>,
        dst: &mut Vec<String>,
    ) -> Result<()> {
        if ctx == Ctx::Data {
            return Ok(());
        }
        if dst.len() > super::depth::MAX_DEPTH {
            return Err(self.error(
                file,
                src,
                format!(
                    "the document nests deeper than {} levels of objects and arrays here",
                    super::depth::MAX_DEPTH
                ),
            ));
        }
        match node {
            Value::Object(map) => {
                if let Some(Value::String(reference)) = map.get("$ref") {
                    let reference = reference.clone();
                    return self.reference(node, file, ctx, &reference, src, dst);
                }
                if ctx == Ctx::One(Node::Discriminator) {
                    return self.mapping(map, file, src);
                }
                self.walk_members(map, file, ctx, src, dst)
            }
            Value::Array(items) => {
                for (i, item) in items.iter_mut().enumerate() {
                    src.push(i.to_string());
                    dst.push(i.to_string());
                    let result = self.walk(item, file, ctx.item(), src, dst);
                    src.pop();
                    dst.pop();
                    result?;
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    fn walk_members(
        &mut self,
        map: &mut Map<String, Value>,
        file: FileId,
        ctx: Ctx,
        src: &mut Vec<String>,
        dst: &mut Vec<String>,
    ) -> Result<()> {
        for (key, child) in map.iter_mut() {
            let child_ctx = ctx.child(key);
            if child_ctx == Ctx::Data || (key == "$ref" && child.is_string()) {
                continue;
            }
            src.push(key.clone());
            dst.push(key.clone());
            let result = self.walk(child, file, child_ctx, src, dst);
            src.pop();
            dst.pop();
            result?;
        }
        Ok(())
    }

    /// A node `{$ref: reference, …}` at `ctx`.
    fn reference(
        &mut self,
        node: &mut Value,
        file: FileId,
        ctx: Ctx,
        reference: &str,
        src: &mut Vec<String>,
        dst: &mut Vec<String>,
    ) -> Result<()> {
        let Some(target) = self.resolve(file, reference, src)? else {
            // A reference inside the root document: `lower` resolves it.
            return self.walk_siblings(node, file, ctx, src, dst);
        };
        if target.0 == ROOT {
            set_ref(node, target.1.clone());
            return self.walk_siblings(node, file, ctx, src, dst);
        }
        if ctx == Ctx::One(Node::Schema) {
            let at_home = self.is_component_entry(dst)
                && self.homes.get(&target) == dst.last()
                && !self.placed.contains(&target);
            if !at_home {
                let name = self.schema_name(&target);
                set_ref(node, self.schema_ref(&name));
                return self.walk_siblings(node, file, ctx, src, dst);
            }
            self.placed.insert(target.clone());
        }
        self.inline(node, file, ctx, target, src, dst)
    }

    /// Replaces `node` (a reference at `src` in `file`) by a copy of `target`, itself walked.
    fn inline(
        &mut self,
        node: &mut Value,
        file: FileId,
        ctx: Ctx,
        target: Target,
        src: &[String],
        dst: &mut Vec<String>,
    ) -> Result<()> {
        if self.inlining.contains(&target) || self.inlining.len() >= MAX_INLINE_NESTING {
            let mut chain: Vec<String> = self
                .inlining
                .iter()
                .map(|(f, p)| self.describe(*f, p))
                .collect();
            chain.push(self.describe(target.0, &target.1));
            let message = if self.inlining.contains(&target) {
                format!(
                    "a cycle of references, each inlined into the one before: {}",
                    chain.join(" → ")
                )
            } else {
                format!("references nest more than {MAX_INLINE_NESTING} levels deep")
            };
            return Err(self.error(file, src, message));
        }
        let mut tokens = tokens_of(&target.1);
        let mut copy = self.copy(target.0, &tokens)?;
        if self.version == Version::OpenApi31 {
            // A Reference Object's `summary` and `description` replace the target's.
            if let (Value::Object(site), Value::Object(copied)) = (&*node, &mut copy) {
                for key in ["summary", "description"] {
                    if let Some(text) = site.get(key) {
                        copied.insert(key.to_owned(), text.clone());
                    }
                }
            }
        }
        self.record(dst, target.0, &target.1);
        self.inlining.push(target.clone());
        let result = self.walk(&mut copy, target.0, ctx, &mut tokens, dst);
        self.inlining.pop();
        result?;
        *node = copy;
        Ok(())
    }

    /// Walks the members of a reference node other than `$ref` (OpenAPI 3.1 schemas may have
    /// siblings).
    fn walk_siblings(
        &mut self,
        node: &mut Value,
        file: FileId,
        ctx: Ctx,
        src: &mut Vec<String>,
        dst: &mut Vec<String>,
    ) -> Result<()> {
        match node {
            Value::Object(map) => self.walk_members(map, file, ctx, src, dst),
            _ => Ok(()),
        }
    }

    /// The `mapping` of a `discriminator`: each value is a schema name or a reference.
    fn mapping(
        &mut self,
        discriminator: &mut Map<String, Value>,
        file: FileId,
        src: &mut Vec<String>,
    ) -> Result<()> {
        let Some(Value::Object(mapping)) = discriminator.get_mut("mapping") else {
            return Ok(());
        };
        src.push("mapping".to_owned());
        for (key, value) in mapping.iter_mut() {
            let Some(text) = value.as_str() else {
                continue;
            };
            let names_file = [".yaml", ".yml", ".json"]
                .iter()
                .any(|ext| text.to_ascii_lowercase().ends_with(ext));
            let is_reference =
                text.contains(['#', '/']) || (names_file && !self.taken.contains(text));
            if !is_reference {
                continue;
            }
            let text = text.to_owned();
            src.push(key.clone());
            let target = self.resolve(file, &text, src);
            let target = match target {
                Ok(target) => target,
                Err(e) => {
                    src.pop();
                    src.pop();
                    return Err(e);
                }
            };
            src.pop();
            match target {
                None => {}
                Some((ROOT, pointer)) => *value = Value::String(pointer),
                Some(target) => {
                    let name = self.schema_name(&target);
                    *value = Value::String(self.schema_ref(&name));
                }
            }
        }
        src.pop();
        Ok(())
    }

    /// The target of `reference`, written at `src` in `file`; `None` for a reference inside the
    /// root document, written in it.
    fn resolve(&mut self, file: FileId, reference: &str, src: &[String]) -> Result<Option<Target>> {
        let (path, fragment) = match reference.split_once('#') {
            Some((path, fragment)) => (path, Some(fragment)),
            None => (reference, None),
        };
        let target_file = if path.is_empty() {
            if file == ROOT {
                return Ok(None);
            }
            file
        } else {
            let rel = self.relative_path(file, path, reference, src)?;
            self.open(&rel, file, reference, src)?
        };
        let tokens = match fragment.unwrap_or("") {
            "" => Vec::new(),
            fragment if fragment.starts_with('/') => {
                let decoded = percent_encoding::percent_decode_str(&fragment[1..])
                    .decode_utf8()
                    .map_err(|_| {
                        self.error(
                            file,
                            src,
                            format!("`{reference}`: the fragment is not UTF-8 once decoded"),
                        )
                    })?;
                decoded
                    .split('/')
                    .map(crate::error::unescape_token)
                    .collect()
            }
            _ => {
                return Err(self.error(
                    file,
                    src,
                    format!(
                        "`{reference}`: only JSON pointer fragments (`#/…`) are supported, not named anchors"
                    ),
                ));
            }
        };
        let refs: Vec<&str> = tokens.iter().map(String::as_str).collect();
        let pointer = crate::error::pointer(&refs);
        if target_file != ROOT && find(&self.files[target_file].value, &tokens).is_none() {
            return Err(self.error(
                file,
                src,
                format!(
                    "`{reference}` does not exist: `{}` has no node at `{pointer}`",
                    display_relative(&self.files[target_file].rel)
                ),
            ));
        }
        Ok(Some((target_file, pointer)))
    }

    /// The path, relative to the root file's folder, that `path` (written in `file`) names.
    fn relative_path(
        &self,
        file: FileId,
        path: &str,
        reference: &str,
        src: &[String],
    ) -> Result<PathBuf> {
        if has_scheme(path) || path.starts_with("//") {
            return Err(self.error(
                file,
                src,
                format!(
                    "remote reference `{reference}`: nothing is fetched while generating; download the file next to the spec and refer to it by a relative path"
                ),
            ));
        }
        if path.contains('?') {
            return Err(self.error(
                file,
                src,
                format!("`{reference}`: a query in a reference is not supported"),
            ));
        }
        let decoded = percent_encoding::percent_decode_str(path)
            .decode_utf8()
            .map_err(|_| {
                self.error(
                    file,
                    src,
                    format!("`{reference}`: the path is not UTF-8 once decoded"),
                )
            })?;
        let written = Path::new(decoded.as_ref());
        if written.has_root() || decoded.starts_with('\\') {
            return Err(self.error(
                file,
                src,
                format!(
                    "`{reference}` is an absolute path; refer to files by a path relative to the file the `$ref` is in"
                ),
            ));
        }
        let mut parts: Vec<&std::ffi::OsStr> = Vec::new();
        let base = self.files[file].rel.parent().unwrap_or(Path::new(""));
        for component in base.components().chain(written.components()) {
            match component {
                Component::CurDir => {}
                Component::Normal(part) => parts.push(part),
                Component::ParentDir => {
                    if parts.pop().is_none() {
                        return Err(self.error(
                            file,
                            src,
                            format!(
                                "`{reference}` leaves the folder of the root spec (`{}`); only files inside it are read",
                                self.root_dir_shown()
                            ),
                        ));
                    }
                }
                Component::RootDir | Component::Prefix(_) => {
                    return Err(self.error(
                        file,
                        src,
                        format!("`{reference}` is an absolute path"),
                    ));
                }
            }
        }
        Ok(parts.iter().collect())
    }

    /// The file at `rel`, read and parsed on first use.
    fn open(
        &mut self,
        rel: &Path,
        file: FileId,
        reference: &str,
        src: &[String],
    ) -> Result<FileId> {
        if let Some(&id) = self.by_rel.get(rel) {
            return Ok(id);
        }
        let shown = self.root_dir.join(rel);
        let canonical = std::fs::canonicalize(&shown).map_err(|e| {
            self.error(
                file,
                src,
                format!("cannot read `{reference}` (`{}`): {e}", shown.display()),
            )
        })?;
        if !canonical.starts_with(&self.canonical_root) {
            return Err(self.error(
                file,
                src,
                format!(
                    "`{reference}` resolves through a symbolic link to `{}`, outside the folder of the root spec (`{}`); only files inside it are read",
                    canonical.display(),
                    self.root_dir_shown()
                ),
            ));
        }
        if let Some(&id) = self.by_canonical.get(&canonical) {
            self.by_rel.insert(rel.to_path_buf(), id);
            return Ok(id);
        }
        if self.files.len() >= MAX_FILES {
            return Err(self.error(
                file,
                src,
                format!("the spec refers to more than {MAX_FILES} files"),
            ));
        }
        let bytes = std::fs::read(&canonical).map_err(|e| {
            self.error(
                file,
                src,
                format!("cannot read `{reference}` (`{}`): {e}", shown.display()),
            )
        })?;
        let value = super::parse::parse_value(&shown, &bytes).map_err(|e| e.in_file(&shown))?;
        let id = self.files.len();
        self.files.push(File {
            rel: rel.to_path_buf(),
            shown,
            value,
            digest: super::parse::hex(&Sha256::digest(&bytes)),
        });
        self.by_rel.insert(rel.to_path_buf(), id);
        self.by_canonical.insert(canonical, id);
        Ok(id)
    }

    /// A copy of the node at `tokens` in `file`, counted against [`MAX_NODES`].
    fn copy(&mut self, file: FileId, tokens: &[String]) -> Result<Value> {
        let node = find(&self.files[file].value, tokens).ok_or_else(|| {
            Error::at(
                crate::error::pointer(&tokens.iter().map(String::as_str).collect::<Vec<_>>()),
                "no such node",
            )
            .in_file(&self.files[file].shown)
        })?;
        self.nodes += count_nodes(node);
        if self.nodes > MAX_NODES {
            return Err(Error::msg(format!(
                "the document grows past {MAX_NODES} nodes as its references are inlined (a node inlined at many places, inside nodes inlined at many places?)"
            ))
            .in_file(&self.files[ROOT].shown));
        }
        Ok(node.clone())
    }

    /// Root components that are only a reference to another file: their targets' homes.
    fn find_homes(&mut self, root: &Value) -> Result<()> {
        let mut section_tokens = self.schema_home("");
        section_tokens.pop();
        let Some(section) = find(root, &section_tokens) else {
            return Ok(());
        };
        let reference = section.get("$ref").and_then(Value::as_str);
        let Some(reference) = reference.map(str::to_owned) else {
            let entries = entries_of(section);
            return self.register_homes(ROOT, "#", &section_tokens, entries);
        };
        // The section itself may be a reference to a file of schemas.
        let Some(target) = self.resolve(ROOT, &reference, &section_tokens)? else {
            return Ok(());
        };
        let tokens = tokens_of(&target.1);
        if target.0 == ROOT {
            return Ok(());
        }
        let entries = find(&self.files[target.0].value, &tokens)
            .map(entries_of)
            .unwrap_or_default();
        self.register_homes(target.0, &target.1, &tokens, entries)
    }

    /// Registers the entries of a schemas section (in `file`, at `base`): each key is taken, an
    /// entry from another file is at home there, and so is the target of an entry that is a
    /// reference to another file.
    fn register_homes(
        &mut self,
        file: FileId,
        base: &str,
        src: &[String],
        entries: Vec<(String, Option<String>)>,
    ) -> Result<()> {
        for (key, _) in &entries {
            self.taken.insert(key.clone());
        }
        for (key, reference) in entries {
            if file != ROOT {
                let entry = (file, crate::error::join(base, &key));
                self.schemas.insert(entry.clone(), key.clone());
                self.homes.insert(entry.clone(), key.clone());
                // Walked in place when the section is inlined.
                self.placed.insert(entry);
            }
            let Some(reference) = reference else {
                continue;
            };
            let mut at = src.to_vec();
            at.push(key.clone());
            if let Some(target) = self.resolve(file, &reference, &at)? {
                if target.0 != ROOT && !self.homes.contains_key(&target) {
                    self.schemas.insert(target.clone(), key.clone());
                    self.homes.insert(target, key);
                }
            }
        }
        Ok(())
    }

    /// Whether `dst` is an entry of the schemas section (`#/components/schemas/X`,
    /// `#/definitions/X`).
    fn is_component_entry(&self, dst: &[String]) -> bool {
        match self.version {
            Version::Swagger2 => dst.len() == 2 && dst[0] == "definitions",
            Version::OpenApi30 | Version::OpenApi31 => {
                dst.len() == 3 && dst[0] == "components" && dst[1] == "schemas"
            }
        }
    }

    /// The component name of a schema target, hoisting it on first use.
    fn schema_name(&mut self, target: &Target) -> String {
        if let Some(name) = self.schemas.get(target) {
            return name.clone();
        }
        let tokens = tokens_of(&target.1);
        let inner = match tokens.as_slice() {
            [components, schemas, rest @ ..]
                if components == "components" && schemas == "schemas" =>
            {
                rest
            }
            [section, rest @ ..] if section == "definitions" || section == "$defs" => rest,
            rest => rest,
        };
        let stem = self.files[target.0]
            .rel
            .file_stem()
            .map(|s| sanitize(&s.to_string_lossy()))
            .unwrap_or_default();
        // A node inside a file that is one schema (`pet.yaml#/properties/kind`) is named from
        // the file too (`pet_properties_kind`), as a sub-node of a component is.
        let in_file_schema = inner.len() > 1 && SUBSCHEMA_KEYWORDS.contains(&inner[0].as_str());
        let mut base = std::iter::once(stem.clone())
            .filter(|_| in_file_schema)
            .chain(inner.iter().map(|t| sanitize(t)))
            .collect::<Vec<_>>()
            .join("_");
        if base.is_empty() {
            base = stem;
        }
        if base.is_empty() {
            base = "Schema".to_owned();
        }
        let mut name = base.clone();
        let mut n = 2;
        while self.taken.contains(&name) {
            name = format!("{base}_{n}");
            n += 1;
        }
        self.taken.insert(name.clone());
        self.schemas.insert(target.clone(), name.clone());
        self.queue
            .push_back((target.0, target.1.clone(), name.clone()));
        name
    }

    /// The pointer tokens of the component `name` in the bundled document.
    fn schema_home(&self, name: &str) -> Vec<String> {
        match self.version {
            Version::Swagger2 => vec!["definitions".to_owned(), name.to_owned()],
            Version::OpenApi30 | Version::OpenApi31 => {
                vec![
                    "components".to_owned(),
                    "schemas".to_owned(),
                    name.to_owned(),
                ]
            }
        }
    }

    fn schema_ref(&self, name: &str) -> String {
        let home = self.schema_home(name);
        let refs: Vec<&str> = home.iter().map(String::as_str).collect();
        crate::error::pointer(&refs)
    }

    /// Puts the hoisted schemas into the schemas section of the root document.
    fn insert_hoisted(&mut self, value: &mut Value) -> Result<()> {
        if self.hoisted.is_empty() {
            return Ok(());
        }
        let mut section = value;
        let mut at = String::from("#");
        for key in &self.schema_home("")[..self.schema_home("").len() - 1] {
            at = crate::error::join(&at, key);
            let Value::Object(map) = section else {
                return Err(Error::at(at, "expected an object").in_file(&self.files[ROOT].shown));
            };
            section = map
                .entry(key.clone())
                .or_insert_with(|| Value::Object(Map::new()));
        }
        let Value::Object(map) = section else {
            return Err(Error::at(at, "expected an object").in_file(&self.files[ROOT].shown));
        };
        for (name, node) in self.hoisted.drain(..) {
            map.insert(name, node);
        }
        Ok(())
    }

    /// Records that the node at `dst` came from `pointer` in `file`.
    fn record(&mut self, dst: &[String], file: FileId, pointer: &str) {
        let refs: Vec<&str> = dst.iter().map(String::as_str).collect();
        self.layer.insert(
            crate::error::pointer(&refs),
            Origin {
                file: Some(self.files[file].rel.clone()),
                pointer: pointer.to_owned(),
            },
        );
    }

    /// SHA-256 over every file's relative path and bytes' digest, in path order.
    fn combined_digest(&self) -> String {
        let mut files: Vec<(String, &str)> = self
            .files
            .iter()
            .map(|f| (display_relative(&f.rel), f.digest.as_str()))
            .collect();
        files.sort_unstable();
        let mut hasher = Sha256::new();
        for (path, digest) in files {
            hasher.update(path.as_bytes());
            hasher.update([0]);
            hasher.update(digest.as_bytes());
            hasher.update([b'\n']);
        }
        super::parse::hex(&hasher.finalize())
    }

    fn describe(&self, file: FileId, pointer: &str) -> String {
        format!("{}{pointer}", display_relative(&self.files[file].rel))
    }

    fn root_dir_shown(&self) -> String {
        if self.root_dir.as_os_str().is_empty() {
            ".".to_owned()
        } else {
            self.root_dir.display().to_string()
        }
    }

    /// An error at `src` in `file`.
    fn error(&self, file: FileId, src: &[String], message: impl Into<String>) -> Error {
        let refs: Vec<&str> = src.iter().map(String::as_str).collect();
        Error::at(crate::error::pointer(&refs), message).in_file(&self.files[file].shown)
    }
}

/// Points a reference node at `pointer`.
fn set_ref(node: &mut Value, pointer: String) {
    if let Value::Object(map) = node {
        map.insert("$ref".to_owned(), Value::String(pointer));
    }
}

/// Whether a reference starts with a URI scheme (`https:`, `file:`, `urn:`).
fn has_scheme(reference: &str) -> bool {
    let Some((scheme, _)) = reference.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// The tokens of a canonical `#/a/b` pointer.
fn tokens_of(pointer: &str) -> Vec<String> {
    match pointer.strip_prefix("#/") {
        Some(rest) => rest.split('/').map(crate::error::unescape_token).collect(),
        None => Vec::new(),
    }
}

/// A component key from a pointer token: characters other than letters, digits, `.`, `-`
/// and `_` become `_`.
fn sanitize(token: &str) -> String {
    token
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect()
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

/// The keys of a schemas section, each with its `$ref` when it is a reference.
fn entries_of(section: &Value) -> Vec<(String, Option<String>)> {
    section
        .as_object()
        .map(|map| {
            map.iter()
                .map(|(key, value)| {
                    let reference = value.get("$ref").and_then(Value::as_str);
                    (key.clone(), reference.map(str::to_owned))
                })
                .collect()
        })
        .unwrap_or_default()
}

fn count_nodes(value: &Value) -> usize {
    let mut count = 0;
    let mut stack = vec![value];
    while let Some(node) = stack.pop() {
        count += 1;
        match node {
            Value::Object(map) => stack.extend(map.values()),
            Value::Array(items) => stack.extend(items.iter()),
            _ => {}
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Bundles `api.yaml` of a temporary folder holding `files`.
    fn bundle_tree(files: &[(&str, &str)], version: Version) -> Result<Bundled> {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let root = dir.path().join("api.yaml");
        let bytes = std::fs::read(&root).unwrap();
        let value = super::super::parse::parse_value(&root, &bytes).unwrap();
        bundle(&root, &bytes, value, version)
    }

    #[test]
    fn swagger_2_schemas_are_hoisted_into_definitions() {
        let bundled = bundle_tree(
            &[
                (
                    "api.yaml",
                    "swagger: '2.0'\npaths:\n  /a:\n    get:\n      parameters:\n        - {in: body, name: b, schema: {$ref: 'models.yaml#/definitions/Pet'}}\n      responses:\n        '200': {$ref: 'responses.yaml#/Ok'}\ndefinitions:\n  Pet: {type: string}\n",
                ),
                (
                    "models.yaml",
                    "definitions:\n  Pet: {type: object, properties: {tag: {$ref: '#/definitions/Tag'}}}\n  Tag: {type: string}\n",
                ),
                (
                    "responses.yaml",
                    "Ok: {description: ok, schema: {$ref: 'models.yaml#/definitions/Tag'}}\n",
                ),
            ],
            Version::Swagger2,
        )
        .unwrap();
        let value = &bundled.value;
        let keys: Vec<&String> = value["definitions"].as_object().unwrap().keys().collect();
        assert_eq!(keys, ["Pet", "Pet_2", "Tag"]);
        assert_eq!(
            value["paths"]["/a"]["get"]["parameters"][0]["schema"]["$ref"],
            "#/definitions/Pet_2"
        );
        assert_eq!(
            value["paths"]["/a"]["get"]["responses"]["200"]["schema"]["$ref"],
            "#/definitions/Tag"
        );
        assert_eq!(
            value["definitions"]["Pet_2"]["properties"]["tag"]["$ref"],
            "#/definitions/Tag"
        );
        assert_eq!(
            bundled.layer["#/definitions/Pet_2"],
            Origin {
                file: Some(PathBuf::from("models.yaml")),
                pointer: "#/definitions/Pet".into()
            }
        );
    }

    #[test]
    fn openapi_3_1_reference_summaries_and_descriptions_win() {
        let bundled = bundle_tree(
            &[
                (
                    "api.yaml",
                    "openapi: 3.1.0\npaths:\n  /a:\n    get:\n      parameters:\n        - {$ref: 'p.yaml', description: Mine.}\n",
                ),
                ("p.yaml", "{name: q, in: query, description: Theirs.}\n"),
            ],
            Version::OpenApi31,
        )
        .unwrap();
        let parameter = &bundled.value["paths"]["/a"]["get"]["parameters"][0];
        assert_eq!(parameter["description"], "Mine.");
        assert_eq!(parameter["name"], "q");
        assert!(parameter.get("$ref").is_none());
    }

    #[test]
    fn a_reference_to_the_root_from_another_file_becomes_local() {
        let bundled = bundle_tree(
            &[
                (
                    "api.yaml",
                    "openapi: 3.0.3\npaths:\n  /a: {$ref: 'paths/a.yaml'}\ncomponents:\n  schemas:\n    Pet: {type: string}\n",
                ),
                (
                    "paths/a.yaml",
                    "get:\n  responses:\n    '200':\n      description: ok\n      content:\n        application/json:\n          schema: {$ref: '../api.yaml#/components/schemas/Pet'}\n",
                ),
            ],
            Version::OpenApi30,
        )
        .unwrap();
        assert_eq!(
            bundled.value["paths"]["/a"]["get"]["responses"]["200"]["content"]["application/json"]
                ["schema"]["$ref"],
            "#/components/schemas/Pet"
        );
        assert_eq!(bundled.files.len(), 2, "the root is read once");
    }

    #[test]
    fn the_kind_of_place_decides_hoisting() {
        let place = |path: &[&str]| {
            path.iter()
                .fold(Ctx::One(Node::Doc), |ctx, key| match key.parse::<usize>() {
                    Ok(_) => ctx.item(),
                    Err(_) => ctx.child(key),
                })
        };
        let schema = Ctx::One(Node::Schema);
        assert_eq!(place(&["components", "schemas", "A"]), schema);
        assert_eq!(place(&["definitions", "A", "properties", "x-y"]), schema);
        assert_eq!(place(&["components", "schemas", "A", "allOf", "0"]), schema);
        assert_eq!(
            place(&[
                "paths",
                "/a",
                "get",
                "responses",
                "200",
                "content",
                "a/b",
                "schema"
            ]),
            schema
        );
        assert_eq!(
            place(&["paths", "/a", "get", "parameters", "0", "schema", "items"]),
            schema
        );
        assert_eq!(
            place(&["paths", "/a", "get", "responses", "200", "schema"]),
            schema
        );
        assert_eq!(
            place(&["components", "parameters", "schema"]),
            Ctx::One(Node::Parameter)
        );
        assert_eq!(
            place(&["components", "schemas", "A", "description"]),
            Ctx::One(Node::Other)
        );
        assert_eq!(place(&["components", "schemas", "A", "example"]), Ctx::Data);
        assert_eq!(place(&["paths", "/a", "x-codeSamples"]), Ctx::Data);
        assert_eq!(place(&["paths", "x-a"]), Ctx::Data);
        assert_eq!(
            place(&[
                "paths",
                "/a",
                "get",
                "responses",
                "200",
                "content",
                "a/b",
                "examples",
                "e",
                "value"
            ]),
            Ctx::Data
        );
    }
}
