//! `$defs` (schemas defined inside a schema) and `$anchor`s. A reference to a plain-name
//! anchor (`#node`) is pointed at the schema that declares it. Each `$defs` entry something
//! refers to becomes a component schema of its own, named after its key (or, when that name is
//! taken, after its owner and key: `PetTag`), and the references into it follow it; entries
//! nothing refers to say nothing about a value and are dropped with the rest of `$defs` later.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::cx::Cx;
use super::cx::for_each_schema;
use crate::error::join;
use crate::load::json_pointer::{to_pointer, tokens, tokens_of};
use crate::load::places::{Node, Place};
use crate::load::version::Version;

/// Hoists the `$defs` entries that are referenced into `components.schemas`.
pub(super) fn hoist(doc: &mut Value, cx: &mut Cx<'_>) {
    let mut found = Found::default();
    for_each_schema(doc, &mut |schema, at| {
        collect(schema, at, &mut found, &mut Vec::new());
    });
    if found.defs.is_empty() && found.anchors.is_empty() {
        return;
    }
    if !found.anchors.is_empty() {
        rewrite(doc, &mut |reference| {
            let name = reference.strip_prefix('#')?;
            if name.is_empty() || name.starts_with('/') {
                return None;
            }
            found.anchors.get(name).cloned()
        });
    }
    let mut references = Vec::new();
    collect_references(doc, &mut references);
    let referenced: Vec<Vec<String>> = references
        .iter()
        .filter_map(|reference| tokens(reference))
        .collect();
    // Innermost first, so a definition inside another leaves before its owner moves.
    let mut defs: Vec<Vec<String>> = found
        .defs
        .into_iter()
        .filter(|def| referenced.iter().any(|r| r.starts_with(def)))
        .collect();
    defs.sort_by_key(|def| std::cmp::Reverse(def.len()));
    let mut moved: Vec<(Vec<String>, Vec<String>)> = Vec::new();
    for def in defs {
        let Some(value) = take(doc, &def) else {
            continue;
        };
        let name = free_name(doc, &def);
        let Some(schemas) = schemas(doc) else {
            continue;
        };
        schemas.insert(name.clone(), value);
        let to = vec!["components".to_owned(), "schemas".to_owned(), name];
        cx.moved(to_pointer(&to), to_pointer(&def));
        moved.push((def, to));
    }
    rewrite(doc, &mut |reference| {
        let tokens = tokens(reference)?;
        let (from, to) = moved
            .iter()
            .filter(|(from, _)| tokens.starts_with(from))
            .max_by_key(|(from, _)| from.len())?;
        let mut new = to.clone();
        new.extend(tokens[from.len()..].iter().cloned());
        Some(to_pointer(&new))
    });
}

#[derive(Default)]
struct Found {
    /// The reference tokens of every `$defs` entry.
    defs: Vec<Vec<String>>,
    /// `$anchor` name → the pointer of the schema declaring it.
    anchors: BTreeMap<String, String>,
}

/// The place of a schema, whose keywords say where the schemas inside it are.
const SCHEMA: Place = Place::One(Node::Schema);

/// A schema that scopes references inside it: its pointer, the `$defs` (or `definitions`)
/// entries it declares by keyword and key (where a `#/$defs/…` reference inside it resolves),
/// and whether it has an `$id` (a schema resource, which a `#` inside it names).
struct Scope {
    at: String,
    defined: Vec<(String, String)>,
    resource: bool,
}

/// Finds `$defs` entries and anchors in a schema and every schema inside it. A reference
/// `#/$defs/Name` (JSON Schema's "in this schema resource"; the OpenAPI document has no root
/// `$defs`) is pointed at the innermost enclosing schema that defines `Name`.
fn collect(schema: &mut Value, at: &str, found: &mut Found, scopes: &mut Vec<Scope>) {
    let Value::Object(map) = schema else {
        return;
    };
    for key in ["$anchor", "$dynamicAnchor"] {
        if let Some(Value::String(name)) = map.get(key) {
            found
                .anchors
                .entry(name.clone())
                .or_insert_with(|| at.to_owned());
        }
    }
    let mut defined = Vec::new();
    for keyword in ["$defs", "definitions"] {
        if let Some(Value::Object(entries)) = map.get(keyword) {
            defined.extend(entries.keys().map(|k| (keyword.to_owned(), k.clone())));
        }
    }
    // A schema with an `$id` is a schema resource: a `#` inside it names it (a recursive
    // type, `children: {items: {$ref: '#'}}`), not the OpenAPI document around it. It is
    // recorded as a scope, with no definitions, that `#` resolves to.
    let resource = map.get("$id").is_some_and(Value::is_string);
    let scoped = !defined.is_empty() || resource;
    if scoped {
        scopes.push(Scope {
            at: at.to_owned(),
            defined,
            resource,
        });
    }
    if let Some(Value::String(reference)) = map.get_mut("$ref") {
        if let Some(resolved) = local_definition(reference, scopes) {
            *reference = resolved;
        }
    }
    for (key, child) in map.iter_mut() {
        let child_at = join(at, key);
        match (SCHEMA.child(key, Version::OpenApi31), child) {
            (Place::Many(Node::Schema), Value::Object(entries)) => {
                for (name, entry) in entries.iter_mut() {
                    let entry_at = join(&child_at, name);
                    if matches!(key.as_str(), "$defs" | "definitions") {
                        found.defs.push(tokens_of(&entry_at));
                    }
                    collect(entry, &entry_at, found, scopes);
                }
            }
            // A list of schemas (`allOf`), or a tuple's `items`.
            (Place::Many(Node::Schema) | Place::One(Node::Schema), Value::Array(parts)) => {
                for (index, part) in parts.iter_mut().enumerate() {
                    collect(part, &join(&child_at, &index.to_string()), found, scopes);
                }
            }
            (Place::One(Node::Schema), child) => collect(child, &child_at, found, scopes),
            _ => {}
        }
    }
    if scoped {
        scopes.pop();
    }
}

/// `#/$defs/Name/…` as a pointer into the innermost enclosing schema that defines `Name`;
/// `#` as the innermost enclosing schema resource (a schema with an `$id`).
fn local_definition(reference: &str, scopes: &[Scope]) -> Option<String> {
    if reference == "#" {
        return scopes
            .iter()
            .rev()
            .find(|scope| scope.resource)
            .map(|scope| scope.at.clone());
    }
    let tokens = tokens(reference)?;
    let [keyword, name, ..] = tokens.as_slice() else {
        return None;
    };
    if !matches!(keyword.as_str(), "$defs" | "definitions") {
        return None;
    }
    let owner = scopes
        .iter()
        .rev()
        .find(|scope| (scope.defined.iter()).any(|(k, n)| k == keyword && n == name))?;
    Some(
        tokens
            .iter()
            .fold(owner.at.clone(), |pointer, token| join(&pointer, token)),
    )
}

/// Every `$ref`, and every discriminator `mapping` value that is a reference, in the document.
fn collect_references(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                match (key.as_str(), child) {
                    ("$ref", Value::String(reference)) => out.push(reference.clone()),
                    ("discriminator", Value::Object(discriminator)) => {
                        if let Some(Value::Object(mapping)) = discriminator.get("mapping") {
                            out.extend(
                                mapping
                                    .values()
                                    .filter_map(Value::as_str)
                                    .filter(|r| r.starts_with('#'))
                                    .map(str::to_owned),
                            );
                        }
                        collect_references(child, out);
                    }
                    _ => collect_references(child, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| collect_references(item, out)),
        _ => {}
    }
}

/// Replaces every reference (as [`collect_references`] finds them) for which `new` gives a
/// replacement.
fn rewrite(value: &mut Value, new: &mut dyn FnMut(&str) -> Option<String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map.iter_mut() {
                match (key.as_str(), child) {
                    ("$ref", Value::String(reference)) => {
                        if let Some(replacement) = new(reference) {
                            *reference = replacement;
                        }
                    }
                    ("discriminator", Value::Object(discriminator)) => {
                        if let Some(Value::Object(mapping)) = discriminator.get_mut("mapping") {
                            for target in mapping.values_mut() {
                                if let Value::String(reference) = target {
                                    if let Some(replacement) =
                                        new(reference).filter(|_| reference.starts_with('#'))
                                    {
                                        *reference = replacement;
                                    }
                                }
                            }
                        }
                    }
                    (_, child) => rewrite(child, new),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| rewrite(item, new)),
        _ => {}
    }
}

/// Removes the node at `tokens` (an entry of a `$defs` map) from the document.
fn take(doc: &mut Value, tokens: &[String]) -> Option<Value> {
    let (last, parent) = tokens.split_last()?;
    let mut current = doc;
    for token in parent {
        current = match current {
            Value::Object(map) => map.get_mut(token)?,
            Value::Array(items) => items.get_mut(token.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    current.as_object_mut()?.shift_remove(last)
}

/// `components.schemas`, made when missing.
fn schemas(doc: &mut Value) -> Option<&mut Map<String, Value>> {
    doc.as_object_mut()?
        .entry("components")
        .or_insert_with(|| Value::Object(Map::new()))
        .as_object_mut()?
        .entry("schemas")
        .or_insert_with(|| Value::Object(Map::new()))
        .as_object_mut()
}

/// A component key for the definition at `def`: its own key, else its owner component's key
/// and its own, else that with a number.
fn free_name(doc: &mut Value, def: &[String]) -> String {
    let own = def.last().cloned().unwrap_or_default();
    let owner = match def {
        [components, schemas, owner, ..] if components == "components" && schemas == "schemas" => {
            owner.clone()
        }
        _ => String::new(),
    };
    let taken = |name: &str, doc: &mut Value| schemas(doc).is_some_and(|s| s.contains_key(name));
    if !taken(&own, doc) {
        return own;
    }
    let owned = format!("{owner}{own}");
    if !taken(&owned, doc) {
        return owned;
    }
    (2..)
        .map(|n| format!("{owned}{n}"))
        .find(|name| !taken(name, doc))
        .unwrap_or(owned)
}
