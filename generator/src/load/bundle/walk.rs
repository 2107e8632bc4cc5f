//! The walk of the bundled document: each reference to another file, by the kind of place it
//! is in, becomes a reference to a hoisted schema or a copy of its target (walked in turn),
//! and every node brought in is recorded with where it came from.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use serde_json::{Map, Value};

use super::files::{FileId, Files, ROOT, Target};
use super::names::Names;
use crate::error::{Error, Result};
use crate::ir::Warning;
use crate::load::depth::MAX_DEPTH;
use crate::load::json_pointer::{to_pointer, tokens_of};
use crate::load::origins::{Layer, Origin};
use crate::load::places::{Node, Place};
use crate::load::shallow::{READ_AS_ANY, read_as_any};
use crate::load::version::Version;

/// How many inlined references may nest inside one another.
const MAX_INLINE_NESTING: usize = 64;

/// The end of the warning for a reference outside a schema that is not followed.
const NOT_FOLLOWED: &str = "nothing is read for it, and what needs it is left out";

/// The state of one bundling: the files read, the names given, the schemas hoisted.
pub(super) struct Bundler {
    version: Version,
    pub(super) files: Files,
    names: Names,
    /// Hoisted schemas, in the order they were named.
    hoisted: Vec<(String, Value)>,
    /// The inlined targets being walked, outermost first (a repeat is a cycle).
    inlining: Vec<Target>,
    pub(super) layer: Layer,
    /// What was left out instead of stopping the bundling, at its pointer in the bundled
    /// document.
    pub(super) warnings: Vec<Warning>,
    /// A reference that cannot be followed, warned about once however often it is written
    /// (Matrix's shared error schema, a folder up, is referred to from every response): its
    /// reason and consequence, the index of its warning, and how many more places have it.
    unfollowed: HashMap<(String, &'static str), (usize, usize)>,
}

impl Bundler {
    pub(super) fn new(files: Files, version: Version) -> Bundler {
        Bundler {
            version,
            files,
            names: Names::new(version),
            hoisted: Vec::new(),
            inlining: Vec::new(),
            layer: Layer::new(),
            warnings: Vec::new(),
            unfollowed: HashMap::new(),
        }
    }

    /// Warns at `dst` that a reference cannot be followed (`reason`) and what became of it
    /// (`outcome`), or counts one more place for the same warning.
    fn unfollowed(&mut self, dst: &[String], reason: &str, outcome: &'static str) {
        match self.unfollowed.entry((reason.to_owned(), outcome)) {
            Entry::Occupied(mut seen) => seen.get_mut().1 += 1,
            Entry::Vacant(first) => {
                first.insert((self.warnings.len(), 0));
                self.warnings.push(Warning {
                    pointer: to_pointer(dst),
                    message: format!("{reason}; {outcome}"),
                });
            }
        }
    }

    /// Leaves the reference `node` at `place` unfollowed for `reason`: a schema becomes any
    /// JSON value; anywhere else the `$ref` stays as written, for `lower` to leave out what
    /// needs it. Either way with a warning at `dst`.
    fn leave_unfollowed(&mut self, node: &mut Value, place: Place, dst: &[String], reason: &str) {
        if place == Place::One(Node::Schema) {
            read_as_any(node);
            self.unfollowed(dst, reason, READ_AS_ANY);
        } else {
            self.unfollowed(dst, reason, NOT_FOLLOWED);
        }
    }

    /// The warnings, each reference that cannot be followed once, saying how many other places
    /// refer the same way.
    pub(super) fn take_warnings(&mut self) -> Vec<Warning> {
        for ((reason, outcome), (index, more)) in self.unfollowed.drain() {
            if more > 0 {
                let places = if more == 1 { "place" } else { "places" };
                self.warnings[index].message =
                    format!("{reason} (here and at {more} other {places}); {outcome}");
            }
        }
        std::mem::take(&mut self.warnings)
    }

    /// Resolves every reference to another file in the root document `value`.
    pub(super) fn run(&mut self, value: &mut Value) -> Result<()> {
        self.names.find_homes(&mut self.files, value)?;
        let mut src = Vec::new();
        let mut dst = Vec::new();
        self.walk(value, ROOT, Place::DOC, &mut src, &mut dst)?;
        while let Some((file, pointer, name)) = self.names.next_hoisted() {
            let tokens = tokens_of(&pointer);
            let mut dst = self.names.schema_home(&name);
            let mut node = match self.files.copy(file, &tokens) {
                Ok(node) => node,
                Err(error) => {
                    // A pointer to nothing in a file that was read: the schema is any value.
                    let mut any = Value::Object(Map::new());
                    read_as_any(&mut any);
                    self.unfollowed(&dst, &error.message, READ_AS_ANY);
                    self.hoisted.push((name, any));
                    continue;
                }
            };
            let mut src = tokens;
            self.record(&dst, file, &pointer);
            self.walk(
                &mut node,
                file,
                Place::One(Node::Schema),
                &mut src,
                &mut dst,
            )?;
            self.hoisted.push((name, node));
        }
        self.insert_hoisted(value)
    }

    /// Walks `node` (found at `src` in `file`, placed at `dst` in the bundled document),
    /// resolving every reference to another file.
    fn walk(
        &mut self,
        node: &mut Value,
        file: FileId,
        place: Place,
        src: &mut Vec<String>,
        dst: &mut Vec<String>,
    ) -> Result<()> {
        if place == Place::Data {
            return Ok(());
        }
        if dst.len() > MAX_DEPTH {
            return Err(self.files.error(
                file,
                src,
                format!(
                    "the document nests deeper than {} levels of objects and arrays here",
                    MAX_DEPTH
                ),
            ));
        }
        match node {
            Value::Object(map) => {
                if let Some(Value::String(reference)) = map.get("$ref") {
                    let reference = reference.clone();
                    return self.reference(node, file, place, &reference, src, dst);
                }
                if place == Place::One(Node::Discriminator) {
                    return self.mapping(map, file, src, dst);
                }
                self.walk_members(map, file, place, src, dst)
            }
            Value::Array(items) => {
                for (i, item) in items.iter_mut().enumerate() {
                    src.push(i.to_string());
                    dst.push(i.to_string());
                    let result = self.walk(item, file, place.item(), src, dst);
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
        place: Place,
        src: &mut Vec<String>,
        dst: &mut Vec<String>,
    ) -> Result<()> {
        for (key, child) in map.iter_mut() {
            let child_place = place.child(key, self.version);
            if child_place == Place::Data || (key == "$ref" && child.is_string()) {
                continue;
            }
            src.push(key.clone());
            dst.push(key.clone());
            let result = self.walk(child, file, child_place, src, dst);
            src.pop();
            dst.pop();
            result?;
        }
        Ok(())
    }

    /// A node `{$ref: reference, …}` at `place`.
    fn reference(
        &mut self,
        node: &mut Value,
        file: FileId,
        place: Place,
        reference: &str,
        src: &mut Vec<String>,
        dst: &mut Vec<String>,
    ) -> Result<()> {
        let target = match self.files.resolve(file, reference, src) {
            Ok(target) => target,
            // A target that is missing, or a reference refused by policy (remote, outside the
            // root's folder, a named anchor): nothing is read for it, and the rest loads. A
            // schema there is any JSON value; anywhere else the reference is left as written,
            // with the reason as a warning, and `lower` leaves out what needs its target (the
            // operation that refers to it), not the whole document.
            Err(error) if Files::is_missing_target(&error) || Files::is_refused_target(&error) => {
                self.leave_unfollowed(node, place, dst, &error.message);
                return Ok(());
            }
            Err(error) => return Err(error),
        };
        let Some(target) = target else {
            // A reference inside the root document: `lower` resolves it.
            return self.walk_siblings(node, file, place, src, dst);
        };
        if target.0 == ROOT {
            set_ref(node, target.1.clone());
            return self.walk_siblings(node, file, place, src, dst);
        }
        if place == Place::One(Node::Schema) && !self.names.place_at_home(&target, dst) {
            let name = self.names.schema_name(&self.files, &target);
            set_ref(node, self.names.schema_ref(&name));
            return self.walk_siblings(node, file, place, src, dst);
        }
        if place == Place::One(Node::PathItem) {
            return self.inline_path_item(node, file, target, src, dst);
        }
        self.inline(node, place, target, dst)
    }

    /// A path item given by a `$ref` to another file: a copy of the target, with the fields
    /// written beside the `$ref` (its own `parameters`, another operation) kept over the
    /// target's, as a `$ref` to a path item of the same document is read
    /// (`pointers::inline_path_items`). OpenAPI leaves undefined only a field that is in both.
    fn inline_path_item(
        &mut self,
        node: &mut Value,
        file: FileId,
        target: Target,
        src: &mut Vec<String>,
        dst: &mut Vec<String>,
    ) -> Result<()> {
        let place = Place::One(Node::PathItem);
        let mut own = match &*node {
            Value::Object(item) => item.clone(),
            _ => Map::new(),
        };
        own.remove("$ref");
        if own.is_empty() {
            return self.inline(node, place, target, dst);
        }
        self.walk_members(&mut own, file, place, src, dst)?;
        self.inline(node, place, target, dst)?;
        if let Value::Object(item) = node {
            for (key, value) in own {
                src.push(key.clone());
                dst.push(key.clone());
                // Where it was written, not in the target's file.
                let origin = Origin {
                    file: (file != ROOT).then(|| self.files.rel(file).to_path_buf()),
                    pointer: to_pointer(src),
                };
                self.layer.insert(to_pointer(dst), origin);
                src.pop();
                dst.pop();
                item.insert(key, value);
            }
        }
        Ok(())
    }

    /// Replaces `node` (a reference) by a copy of `target`, itself walked.
    fn inline(
        &mut self,
        node: &mut Value,
        place: Place,
        target: Target,
        dst: &mut Vec<String>,
    ) -> Result<()> {
        if self.inlining.contains(&target) || self.inlining.len() >= MAX_INLINE_NESTING {
            // A reference that would be copied into itself (a path item file referring back to
            // itself) or nested past the limit costs what needs it, not the document: it is
            // left as written (a schema is any JSON value), with a warning naming the chain.
            let mut chain: Vec<String> = self
                .inlining
                .iter()
                .map(|(f, p)| self.files.describe(*f, p))
                .collect();
            chain.push(self.files.describe(target.0, &target.1));
            let reason = if self.inlining.contains(&target) {
                format!(
                    "a cycle of references, each copied into the one before: {}",
                    chain.join(" → ")
                )
            } else {
                format!("references nest more than {MAX_INLINE_NESTING} levels deep")
            };
            self.leave_unfollowed(node, place, dst, &reason);
            return Ok(());
        }
        let mut tokens = tokens_of(&target.1);
        let mut copy = self.files.copy(target.0, &tokens)?;
        if matches!(self.version, Version::OpenApi31 | Version::OpenApi32) {
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
        let result = self.walk(&mut copy, target.0, place, &mut tokens, dst);
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
        place: Place,
        src: &mut Vec<String>,
        dst: &mut Vec<String>,
    ) -> Result<()> {
        match node {
            Value::Object(map) => self.walk_members(map, file, place, src, dst),
            _ => Ok(()),
        }
    }

    /// The `mapping` of a `discriminator`: each value is a schema name or a reference. A value
    /// whose target cannot be read (a missing file or pointer) is left out with a warning: the
    /// union it tags loses that name, not the document its operations.
    fn mapping(
        &mut self,
        discriminator: &mut Map<String, Value>,
        file: FileId,
        src: &mut Vec<String>,
        dst: &[String],
    ) -> Result<()> {
        let Some(Value::Object(mapping)) = discriminator.get_mut("mapping") else {
            return Ok(());
        };
        src.push("mapping".to_owned());
        let mut unreadable = Vec::new();
        for (key, value) in mapping.iter_mut() {
            let Some(text) = value.as_str() else {
                continue;
            };
            let names_file = [".yaml", ".yml", ".json"]
                .iter()
                .any(|ext| text.to_ascii_lowercase().ends_with(ext));
            let is_reference =
                text.contains(['#', '/']) || (names_file && !self.names.is_taken(text));
            if !is_reference {
                continue;
            }
            let text = text.to_owned();
            src.push(key.clone());
            let target = self.files.resolve(file, &text, src);
            src.pop();
            match target {
                Err(error) => unreadable.push((key.clone(), error)),
                Ok(None) => {}
                Ok(Some((ROOT, pointer))) => *value = Value::String(pointer),
                Ok(Some(target)) => {
                    let name = self.names.schema_name(&self.files, &target);
                    *value = Value::String(self.names.schema_ref(&name));
                }
            }
        }
        src.pop();
        for (key, error) in unreadable {
            mapping.shift_remove(&key);
            let mut at = dst.to_vec();
            at.extend(["mapping".to_owned(), key]);
            self.warnings.push(Warning {
                pointer: to_pointer(&at),
                message: format!("{}; the mapping entry is left out", error.message),
            });
        }
        Ok(())
    }

    /// Puts the hoisted schemas into the schemas section of the root document.
    fn insert_hoisted(&mut self, value: &mut Value) -> Result<()> {
        if self.hoisted.is_empty() {
            return Ok(());
        }
        let mut section = value;
        let mut at = String::from("#");
        for key in &self.names.schema_home("")[..self.names.schema_home("").len() - 1] {
            at = crate::error::join(&at, key);
            let Value::Object(map) = section else {
                return Err(Error::at(at, "expected an object").in_file(self.files.shown(ROOT)));
            };
            section = map
                .entry(key.clone())
                .or_insert_with(|| Value::Object(Map::new()));
            // `components:` left empty is YAML's `null`: no section yet.
            if section.is_null() {
                *section = Value::Object(Map::new());
            }
        }
        let Value::Object(map) = section else {
            return Err(Error::at(at, "expected an object").in_file(self.files.shown(ROOT)));
        };
        for (name, node) in self.hoisted.drain(..) {
            map.insert(name, node);
        }
        Ok(())
    }

    /// Records that the node at `dst` came from `pointer` in `file`.
    fn record(&mut self, dst: &[String], file: FileId, pointer: &str) {
        self.layer.insert(
            to_pointer(dst),
            Origin {
                file: Some(self.files.rel(file).to_path_buf()),
                pointer: pointer.to_owned(),
            },
        );
    }
}

/// Points a reference node at `pointer`.
fn set_ref(node: &mut Value, pointer: String) {
    if let Value::Object(map) = node {
        map.insert("$ref".to_owned(), Value::String(pointer));
    }
}
