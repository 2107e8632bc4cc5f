//! The names of hoisted schemas: each schema target from another file gets one component key,
//! from the key it was under in its file or from the file's name, unique in the schemas
//! section; a root component that only refers to a target is that target's home.

use std::collections::{HashMap, HashSet, VecDeque};

use serde_json::Value;

use super::files::{FileId, Files, ROOT, Target};
use crate::error::Result;
use crate::load::json_pointer::{find, to_pointer, tokens_of};
use crate::load::version::Version;

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

/// The component names given to schema targets, and the hoisted targets still to copy.
pub(super) struct Names {
    version: Version,
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
}

impl Names {
    pub(super) fn new(version: Version) -> Names {
        Names {
            version,
            schemas: HashMap::new(),
            homes: HashMap::new(),
            placed: HashSet::new(),
            taken: HashSet::new(),
            queue: VecDeque::new(),
        }
    }

    /// The next hoisted schema to copy: its file, pointer and name.
    pub(super) fn next_hoisted(&mut self) -> Option<(FileId, String, String)> {
        self.queue.pop_front()
    }

    /// Whether `name` is a key of the schemas section.
    pub(super) fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(name)
    }

    /// Whether `dst` is the home of `target` (the root component that only refers to it) and
    /// the target is not yet there; it is from now on.
    pub(super) fn place_at_home(&mut self, target: &Target, dst: &[String]) -> bool {
        let at_home = self.is_component_entry(dst)
            && self.homes.get(target) == dst.last()
            && !self.placed.contains(target);
        if at_home {
            self.placed.insert(target.clone());
        }
        at_home
    }

    /// Root components that are only a reference to another file: their targets' homes.
    pub(super) fn find_homes(&mut self, files: &mut Files, root: &Value) -> Result<()> {
        let mut section_tokens = self.schema_home("");
        section_tokens.pop();
        let Some(section) = find(root, &section_tokens) else {
            return Ok(());
        };
        let reference = section.get("$ref").and_then(Value::as_str);
        let Some(reference) = reference.map(str::to_owned) else {
            let entries = entries_of(section);
            return self.register_homes(files, ROOT, "#", &section_tokens, entries);
        };
        // The section itself may be a reference to a file of schemas.
        let Some(target) = files.resolve(ROOT, &reference, &section_tokens)? else {
            return Ok(());
        };
        let tokens = tokens_of(&target.1);
        if target.0 == ROOT {
            return Ok(());
        }
        let entries = find(files.value(target.0), &tokens)
            .map(entries_of)
            .unwrap_or_default();
        self.register_homes(files, target.0, &target.1, &tokens, entries)
    }

    /// Registers the entries of a schemas section (in `file`, at `base`): each key is taken, an
    /// entry from another file is at home there, and so is the target of an entry that is a
    /// reference to another file.
    fn register_homes(
        &mut self,
        files: &mut Files,
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
            // One that cannot be followed is met again by the walk, which reads it as any
            // value with a warning.
            if let Ok(Some(target)) = files.resolve(file, &reference, &at) {
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
            Version::OpenApi30 | Version::OpenApi31 | Version::OpenApi32 => {
                dst.len() == 3 && dst[0] == "components" && dst[1] == "schemas"
            }
        }
    }

    /// The component name of a schema target, hoisting it on first use.
    pub(super) fn schema_name(&mut self, files: &Files, target: &Target) -> String {
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
        let stem = files
            .rel(target.0)
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
    pub(super) fn schema_home(&self, name: &str) -> Vec<String> {
        match self.version {
            Version::Swagger2 => vec!["definitions".to_owned(), name.to_owned()],
            Version::OpenApi30 | Version::OpenApi31 | Version::OpenApi32 => {
                vec![
                    "components".to_owned(),
                    "schemas".to_owned(),
                    name.to_owned(),
                ]
            }
        }
    }

    pub(super) fn schema_ref(&self, name: &str) -> String {
        let home = self.schema_home(name);
        to_pointer(&home)
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
