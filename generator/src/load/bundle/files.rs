//! The files of a multi-file document: where a reference leads (a file inside the root file's
//! folder and a node in it), each file read and parsed once, and the bounds on both
//! ([`MAX_FILES`], [`MAX_NODES`]).

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::load::json_pointer::{find, to_pointer};
use crate::load::origins::display_relative;
use crate::load::parse::{hex, parse_value, parse_warnings};

/// How the two errors of a missing target begin and go on (a file that cannot be read, a
/// pointer to no node), which [`Files::is_missing_target`] tells apart from refusals.
const CANNOT_READ: &str = "cannot read";
const NO_NODE: &str = "does not exist:";
const REMOTE: &str = "nothing is fetched while generating";
const LEAVES_ROOT: &str = "leaves the folder of the root spec";
const ABSOLUTE: &str = "is an absolute path";
const NAMED_ANCHOR: &str = "not named anchors";
const THROUGH_LINK: &str = "resolves through a symbolic link to";

/// The most files one document may be spread over.
pub(super) const MAX_FILES: usize = 20_000;

/// The most nodes (objects, arrays and scalars) that may be copied from other files into the
/// document, counting every copy of an inlined node: a node inlined at many places, inside
/// nodes inlined at many places, grows exponentially, and this bound stops it. (DigitalOcean's
/// 1,500 files bring in 190,000.)
pub(super) const MAX_NODES: usize = 5_000_000;

pub(super) type FileId = usize;
pub(super) const ROOT: FileId = 0;

/// A node in a file: the file and the node's pointer in canonical `#/a/b` form.
pub(super) type Target = (FileId, String);

/// One file read: its path relative to the root file's folder, the path errors show, its
/// parsed value (unused for the root, which is bundled in place) and its bytes' SHA-256.
struct File {
    rel: PathBuf,
    shown: PathBuf,
    value: Value,
    digest: String,
}

/// Every file read so far, the root first, and the nodes copied out of them.
pub(super) struct Files {
    root_dir: PathBuf,
    /// The components of `root_dir` as an absolute path (`..` taken, symbolic links not
    /// followed): where a relative reference's `..` steps are taken from.
    root_parts: Vec<std::ffi::OsString>,
    /// The folder references may read files in: `root_dir` unless the user widened it
    /// (`--root-dir`), as given, and its components as for `root_parts`.
    confine_dir: PathBuf,
    confine_parts: Vec<std::ffi::OsString>,
    /// `confine_dir` with symbolic links resolved: a file whose real path is elsewhere is not
    /// read.
    canonical_confine: PathBuf,
    list: Vec<File>,
    by_rel: HashMap<PathBuf, FileId>,
    by_canonical: HashMap<PathBuf, FileId>,
    /// Nodes in the document so far, counting every copy.
    nodes: usize,
    /// Keys the files other than the root repeat (see [`parse_value`]).
    pub(super) warnings: Vec<crate::ir::Warning>,
}

impl Files {
    /// The root file at `root`, whose bytes have the SHA-256 `digest`. References may read
    /// files inside `confine` (a folder holding the root file's folder), or inside the root
    /// file's folder when it is `None`.
    pub(super) fn new(root: &Path, digest: String, confine: Option<&Path>) -> Result<Files> {
        let root_dir = root.parent().unwrap_or(Path::new("")).to_path_buf();
        let root_parts = absolute_parts(&root_dir)
            .map_err(|e| Error::msg(format!("cannot read the spec's folder: {e}")).in_file(root))?;
        let confine_dir = confine.map_or_else(|| root_dir.clone(), Path::to_path_buf);
        let confine_parts = absolute_parts(&confine_dir).map_err(|e| {
            Error::msg(format!(
                "cannot read the root folder `{}`: {e}",
                confine_dir.display()
            ))
        })?;
        if !root_parts.starts_with(&confine_parts) {
            return Err(Error::msg(format!(
                "the root folder `{}` does not hold the spec's folder; give a folder the spec is in",
                confine_dir.display()
            ))
            .in_file(root));
        }
        let canonical_confine = std::fs::canonicalize(for_fs(&confine_dir)).map_err(|e| {
            Error::msg(format!(
                "cannot read the root folder `{}`: {e}",
                confine_dir.display()
            ))
        })?;
        let root_name = PathBuf::from(root.file_name().unwrap_or_default());
        Ok(Files {
            root_dir,
            root_parts,
            confine_dir,
            confine_parts,
            canonical_confine,
            list: vec![File {
                rel: root_name.clone(),
                shown: root.to_path_buf(),
                value: Value::Null,
                digest,
            }],
            by_rel: HashMap::from([(root_name, ROOT)]),
            by_canonical: HashMap::new(),
            nodes: 0,
            warnings: Vec::new(),
        })
    }

    /// Registers the root file's canonical path, so a reference back to it is to the root.
    pub(super) fn know_root(&mut self, root: &Path) {
        if let Ok(canonical) = std::fs::canonicalize(root) {
            self.by_canonical.insert(canonical, ROOT);
        }
    }

    /// How many files have been read, the root included.
    pub(super) fn len(&self) -> usize {
        self.list.len()
    }

    /// The path of `file` relative to the root file's folder.
    pub(super) fn rel(&self, file: FileId) -> &Path {
        &self.list[file].rel
    }

    /// The parsed value of `file` (`Null` for the root).
    pub(super) fn value(&self, file: FileId) -> &Value {
        &self.list[file].value
    }

    /// The path errors show for `file`.
    pub(super) fn shown(&self, file: FileId) -> &Path {
        &self.list[file].shown
    }

    /// The paths errors show, of every file read, the root first.
    pub(super) fn all_shown(&self) -> Vec<PathBuf> {
        self.list.iter().map(|f| f.shown.clone()).collect()
    }

    /// The target of `reference`, written at `src` in `file`; `None` for a reference inside the
    /// root document, written in it.
    pub(super) fn resolve(
        &mut self,
        file: FileId,
        reference: &str,
        src: &[String],
    ) -> Result<Option<Target>> {
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
                        "`{reference}`: only JSON pointer fragments (`#/…`) are supported, {NAMED_ANCHOR}"
                    ),
                ));
            }
        };
        let pointer = to_pointer(&tokens);
        if target_file != ROOT && find(&self.list[target_file].value, &tokens).is_none() {
            return Err(self.error(
                file,
                src,
                format!(
                    "`{reference}` {NO_NODE} `{}` has no node at `{pointer}`",
                    display_relative(&self.list[target_file].rel)
                ),
            ));
        }
        Ok(Some((target_file, pointer)))
    }

    /// Whether `error`, from [`Files::resolve`], says only that the target is missing (a file
    /// that cannot be read, or no node at the pointer), not that the reference is refused (outside
    /// the tree, remote, a named anchor), malformed, or past a limit.
    pub(super) fn is_missing_target(error: &Error) -> bool {
        error.message.starts_with(CANNOT_READ) || error.message.contains(NO_NODE)
    }

    /// Whether `error`, from [`Files::resolve`], says the reference is refused by policy: a
    /// remote one (nothing is fetched), one leaving the root spec's folder, given as an
    /// absolute path or reaching out of it through a symbolic link (nothing outside it is
    /// read), a named anchor. Nothing is read for it either way; a schema there can be any JSON
    /// value instead, with the error as a warning.
    pub(super) fn is_refused_target(error: &Error) -> bool {
        [REMOTE, LEAVES_ROOT, ABSOLUTE, NAMED_ANCHOR, THROUGH_LINK]
            .iter()
            .any(|refusal| error.message.contains(refusal))
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
                    "remote reference `{reference}`: {REMOTE}; download the file next to the spec and refer to it by a relative path"
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
                    "`{reference}` {ABSOLUTE}; refer to files by a path relative to the file the `$ref` is in"
                ),
            ));
        }
        // The path is followed from the root folder's own absolute path, so that one going up
        // and coming back into the folder (Matrix's `../client-server/definitions/…`, written
        // in `client-server/`) stays inside it; one that ends outside the folder files may be
        // read in is refused.
        // `wider`: how many of the folder's own components a folder holding the target keeps
        // (none when the path climbs above the file system's root).
        let leaves = |wider: Option<usize>| {
            self.error(
                file,
                src,
                format!(
                    "`{reference}` {LEAVES_ROOT} (`{}`); only files inside it are read{}",
                    self.confine_dir_shown(),
                    match wider.and_then(|kept| self.confine_ancestor_shown(kept)) {
                        Some(wider) => format!(" (`--root-dir {wider}` would read it)"),
                        None => String::new(),
                    }
                ),
            )
        };
        let mut parts: Vec<&std::ffi::OsStr> =
            self.root_parts.iter().map(|p| p.as_os_str()).collect();
        let base = self.list[file].rel.parent().unwrap_or(Path::new(""));
        for component in base.components().chain(written.components()) {
            match component {
                Component::CurDir => {}
                Component::Normal(part) => parts.push(part),
                Component::ParentDir => {
                    if parts.pop().is_none() {
                        return Err(leaves(None));
                    }
                }
                Component::RootDir | Component::Prefix(_) => {
                    return Err(self.error(file, src, format!("`{reference}` {ABSOLUTE}")));
                }
            }
        }
        let shared = parts
            .iter()
            .zip(&self.confine_parts)
            .take_while(|(part, root)| **part == *root)
            .count();
        let inside = parts.len() > self.confine_parts.len() && shared == self.confine_parts.len();
        if !inside {
            // The target's folder is what is shared when the target is that folder itself.
            return Err(leaves(Some(shared.min(parts.len().saturating_sub(1)))));
        }
        // Relative to the root file's folder: up out of it as far as the two paths differ.
        let common = parts
            .iter()
            .zip(&self.root_parts)
            .take_while(|(part, root)| **part == *root)
            .count();
        let mut rel = PathBuf::new();
        for _ in common..self.root_parts.len() {
            rel.push("..");
        }
        rel.extend(&parts[common..]);
        Ok(rel)
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
                format!("{CANNOT_READ} `{reference}` (`{}`): {e}", shown.display()),
            )
        })?;
        if !canonical.starts_with(&self.canonical_confine) {
            return Err(self.error(
                file,
                src,
                format!(
                    "`{reference}` {THROUGH_LINK} `{}`, outside the folder of the root spec (`{}`); only files inside it are read",
                    canonical.display(),
                    self.confine_dir_shown()
                ),
            ));
        }
        if let Some(&id) = self.by_canonical.get(&canonical) {
            self.by_rel.insert(rel.to_path_buf(), id);
            return Ok(id);
        }
        if self.list.len() >= MAX_FILES {
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
                format!("{CANNOT_READ} `{reference}` (`{}`): {e}", shown.display()),
            )
        })?;
        let parsed = parse_value(&shown, &bytes).map_err(|e| e.in_file(&shown))?;
        let file_name = display_relative(rel);
        self.warnings
            .extend(parse_warnings(&parsed, Some(&file_name)));
        let value = parsed.value;
        let id = self.list.len();
        self.list.push(File {
            rel: rel.to_path_buf(),
            shown,
            value,
            digest: hex(&Sha256::digest(&bytes)),
        });
        self.by_rel.insert(rel.to_path_buf(), id);
        self.by_canonical.insert(canonical, id);
        Ok(id)
    }

    /// A copy of the node at `tokens` in `file`, counted against [`MAX_NODES`].
    pub(super) fn copy(&mut self, file: FileId, tokens: &[String]) -> Result<Value> {
        let node = find(&self.list[file].value, tokens).ok_or_else(|| {
            Error::at(to_pointer(tokens), "no such node").in_file(&self.list[file].shown)
        })?;
        self.nodes += count_nodes(node);
        if self.nodes > MAX_NODES {
            return Err(Error::msg(format!(
                "the document grows past {MAX_NODES} nodes as its references are inlined (a node inlined at many places, inside nodes inlined at many places?)"
            ))
            .in_file(&self.list[ROOT].shown));
        }
        Ok(node.clone())
    }

    /// SHA-256 over every file's relative path and bytes' digest, in path order.
    pub(super) fn combined_digest(&self) -> String {
        let mut files: Vec<(String, &str)> = self
            .list
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
        hex(&hasher.finalize())
    }

    pub(super) fn describe(&self, file: FileId, pointer: &str) -> String {
        format!("{}{pointer}", display_relative(&self.list[file].rel))
    }

    fn confine_dir_shown(&self) -> String {
        for_fs(&self.confine_dir).display().to_string()
    }

    /// The folder holding the one references may read in that keeps the first `kept` of its
    /// components, shown as the user gave the folder (`specs/matrix` for `specs/matrix/identity`)
    /// when that path goes down by plain names, else as an absolute path; `None` when it would be
    /// the file system's root, which is no folder to suggest.
    fn confine_ancestor_shown(&self, kept: usize) -> Option<String> {
        if kept == 0 || kept >= self.confine_parts.len() {
            return None;
        }
        let up = self.confine_parts.len() - kept;
        let plain = self
            .confine_dir
            .components()
            .filter(|c| *c != Component::CurDir)
            .collect::<Vec<_>>();
        if plain.iter().all(|c| matches!(c, Component::Normal(_))) && plain.len() >= up {
            let ancestor: PathBuf = plain[..plain.len() - up].iter().collect();
            return Some(for_fs(&ancestor).display().to_string());
        }
        let absolute = std::path::absolute(for_fs(&self.confine_dir)).ok()?;
        let mut ancestor: PathBuf = absolute
            .components()
            .take_while(|c| matches!(c, Component::Prefix(_) | Component::RootDir))
            .collect();
        ancestor.extend(&self.confine_parts[..kept]);
        Some(ancestor.display().to_string())
    }

    /// An error at `src` in `file`.
    pub(super) fn error(&self, file: FileId, src: &[String], message: impl Into<String>) -> Error {
        Error::at(to_pointer(src), message).in_file(&self.list[file].shown)
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

/// `dir` as the file system reads it: `.` for the empty path (a spec named without a folder).
fn for_fs(dir: &Path) -> &Path {
    if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    }
}

/// The components of `dir` as an absolute path, `..` taken (symbolic links not followed).
fn absolute_parts(dir: &Path) -> std::io::Result<Vec<std::ffi::OsString>> {
    let absolute = std::path::absolute(for_fs(dir))?;
    let mut parts = Vec::new();
    for component in absolute.components() {
        match component {
            Component::Normal(part) => parts.push(part.to_os_string()),
            Component::ParentDir => {
                parts.pop();
            }
            _ => {}
        }
    }
    Ok(parts)
}
