//! `$ref`s that point inside a node (`#/components/schemas/Tag/allOf/0`,
//! `#/components/responses/X/content/application~1json/schema`, `#/paths/~1a/get/parameters/0`)
//! are valid JSON pointers, but `lower` resolves references by component key. Each such target
//! is copied once into its components section under a key made from its pointer, and every
//! reference to it is rewritten to that key: lowering then follows it like any other reference
//! (chains of any length, cycles reported with their members). A pointer that names no node, or
//! a node whose kind cannot be told from its place, is left as it is and reported by `lower`.

use indexmap::IndexMap;
use serde_json::{Map, Value, json};

use super::json_pointer::{find, to_pointer, tokens};
use super::origins::{Layer, Origin};
use super::places::{Node, Place, of_pointer};
use super::shallow::{READ_AS_ANY, read_as_any};
use super::version::Version;
use crate::ir::Warning;

/// The kinds of node a reference can be hoisted as, with their components section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Schema,
    Response,
    Parameter,
    RequestBody,
    Header,
    /// Something else (a path item, an operation, a media type, an example…).
    Other,
}

impl Kind {
    /// The place of a node of this kind.
    fn place(self) -> Place {
        Place::One(match self {
            Kind::Schema => Node::Schema,
            Kind::Response => Node::Response,
            Kind::Parameter => Node::Parameter,
            Kind::RequestBody => Node::RequestBody,
            Kind::Header => Node::Header,
            Kind::Other => Node::Other,
        })
    }

    fn section(self) -> Option<&'static str> {
        match self {
            Kind::Schema => Some("schemas"),
            Kind::Response => Some("responses"),
            Kind::Parameter => Some("parameters"),
            Kind::RequestBody => Some("requestBodies"),
            Kind::Header => Some("headers"),
            Kind::Other => None,
        }
    }
}

/// Copies the target of every reference into a sub-node into its components section and points
/// the references there. Returns where each copy came from, so what is said of a copy is said
/// of the node the user wrote (`#/components/schemas/Thing/$defs/Meta`, not the copy's key).
pub(super) fn hoist(doc: &mut Value, version: Version) -> Layer {
    let mut layer = Layer::new();
    let mut references = Vec::new();
    collect(doc, Place::DOC, version, &mut references);
    // Reference text → the key of its copy, in order of first use (deterministic output).
    let mut hoisted: IndexMap<String, String> = IndexMap::new();
    let mut copies: Vec<(&'static str, String, Value)> = Vec::new();
    // A copy's own references are hoisted too (a target outside any section refers to its
    // neighbours there), after those the document makes.
    let mut next = 0;
    while let Some((reference, site)) = references.get(next).cloned() {
        next += 1;
        if hoisted.contains_key(&reference) {
            continue;
        }
        let Some(tokens) = tokens(&reference) else {
            continue;
        };
        let place = of_pointer(&tokens, version);
        let kind = target_kind(place, site);
        let Some(section) = kind.section() else {
            continue;
        };
        let Some(target) = find(doc, &tokens) else {
            continue;
        };
        if has_no_meaning(place) {
            collect(target, kind.place(), version, &mut references);
        }
        let key = free_key(doc, &copies, section, &tokens);
        copies.push((section, key.clone(), target.clone()));
        let copy = format!(
            "#/components/{section}/{}",
            crate::error::escape_token(&key)
        );
        layer.insert(
            copy.clone(),
            Origin {
                file: None,
                pointer: to_pointer(&tokens),
            },
        );
        hoisted.insert(reference, copy);
    }
    if hoisted.is_empty() {
        return layer;
    }
    let Some(root) = doc.as_object_mut() else {
        return layer;
    };
    let components = root
        .entry("components")
        .or_insert_with(|| Value::Object(Map::new()));
    if let Some(components) = components.as_object_mut() {
        for (section, key, target) in copies {
            if let Some(map) = components
                .entry(section)
                .or_insert_with(|| Value::Object(Map::new()))
                .as_object_mut()
            {
                map.insert(key, target);
            }
        }
    }
    rewrite(doc, Place::DOC, version, &hoisted);
    layer
}

/// How many references may follow one another before the chain is left alone (a cycle).
const MAX_REF_CHAIN: usize = 16;

/// The object a chain of in-document `$ref`s from `node` ends at (`node` itself when it is no
/// reference); `None` for a missing target, a reference to another file, a chain longer than
/// [`MAX_REF_CHAIN`] (a cycle), or a target that is not an object.
fn ref_chain_end<'d>(doc: &'d Value, node: &'d Value) -> Option<&'d Map<String, Value>> {
    let mut target = node;
    for _ in 0..MAX_REF_CHAIN {
        let Some(reference) = target.get("$ref") else {
            break;
        };
        target = find(doc, &tokens(reference.as_str()?)?)?;
    }
    target
        .as_object()
        .filter(|target| !target.contains_key("$ref"))
}

/// A path item that is a `$ref` to another one in the document (`/b: {$ref: '#/paths/~1a'}`,
/// or a 3.1 `#/components/pathItems/A`) is replaced by a copy of its target, its own other
/// keys kept over the target's: its operations are then generated under its own path. A chain
/// is followed; a cycle, a missing target or a reference to another file is left for `lower`
/// to report.
pub(super) fn inline_path_items(doc: &mut Value) {
    let Some(Value::Object(paths)) = doc.get("paths") else {
        return;
    };
    let mut copies = Vec::new();
    for (key, item) in paths {
        if item.get("$ref").is_none() {
            continue;
        }
        let Some(target) = ref_chain_end(doc, item) else {
            continue;
        };
        let mut copy = target.clone();
        if let Value::Object(item) = item {
            for (k, v) in item.iter().filter(|(k, _)| *k != "$ref") {
                copy.insert(k.clone(), v.clone());
            }
        }
        copies.push((key.clone(), copy));
    }
    if let Some(Value::Object(paths)) = doc.get_mut("paths") {
        for (key, copy) in copies {
            paths.insert(key, Value::Object(copy));
        }
    }
}

/// A `content` map given as a `$ref` to one elsewhere in the document (`content: {$ref:
/// '#/components/mediaTypes/pet'}`, which Redocly's bundler writes for a content map kept in a
/// file of its own) is replaced by a copy of its target: OpenAPI has no reference to a whole
/// `content` map, but its intent is clear, and unread it costs every operation that uses it. A
/// chain is followed; a missing target, a cycle or a target that is not an object is left for
/// `lower` to report. Runs before `components.mediaTypes` (3.2's section of shared media types)
/// is read and dropped.
pub(super) fn inline_content_maps(doc: &mut Value, version: Version) {
    let mut found = Vec::new();
    content_references(doc, Place::DOC, version, &mut Vec::new(), &mut found);
    let copies: Vec<(Vec<String>, Value)> = found
        .into_iter()
        .filter_map(|(at, reference)| {
            let first = find(doc, &tokens(&reference)?)?;
            let target = ref_chain_end(doc, first)?;
            Some((at, Value::Object(target.clone())))
        })
        .collect();
    for (at, copy) in copies {
        let pointer = to_pointer(&at);
        if let Some(node) = doc.pointer_mut(pointer.trim_start_matches('#')) {
            *node = copy;
        }
    }
}

/// The `content` maps under `node` (at `place`, reached by the keys `at`) that are a `$ref`
/// within the document, with the reference.
fn content_references(
    node: &Value,
    place: Place,
    version: Version,
    at: &mut Vec<String>,
    found: &mut Vec<(Vec<String>, String)>,
) {
    if place == Place::Data {
        return;
    }
    let Value::Object(map) = node else {
        return;
    };
    if place == Place::Many(Node::MediaType) {
        if let Some(Value::String(reference)) = map.get("$ref") {
            if reference.starts_with('#') {
                found.push((at.clone(), reference.clone()));
            }
            return;
        }
    }
    for (key, child) in map {
        at.push(key.clone());
        content_references(child, place.child(key, version), version, at, found);
        at.pop();
    }
}

/// A schema `$ref` within the document that names no node (`#/components/schemas/Nope`), or a
/// node that is not a schema (`#/components/responses/R`), is read as any JSON value (`{}`,
/// its description kept), with a warning: one broken reference costs one field's type, not
/// the operations or the document that use it. (References to other files are the bundler's,
/// and a node whose kind its place does not tell is left for `lower`.)
///
/// The converse mistake, a response, request body or header given as a `$ref` to a schema
/// (`'400': {$ref: '#/components/schemas/Error'}`), is read as what its author meant, with a
/// warning: an `application/json` response or (optional) request body of that schema, a
/// header of that schema.
///
/// So is a response given as a `$ref` to a request body, or a request body given as one to a
/// response (PagerDuty's `'200': {$ref: '#/components/requestBodies/…'}`): both are a
/// description and media types, so the node is read as the target's `content` (and
/// `description`), with a warning.
///
/// `written` is the version the user wrote: a Swagger 2.0 reference is quoted as written
/// (`#/definitions/Nope`, converted to `#/components/schemas/Nope`).
pub(super) fn unresolvable_schema_refs(
    doc: &mut Value,
    version: Version,
    written: Version,
) -> Vec<Warning> {
    let mut found = Vec::new();
    let mut at = Vec::new();
    find_unresolvable(doc, doc, Place::DOC, version, &mut at, &mut found);
    if written == Version::Swagger2 {
        for (_, _, message) in &mut found {
            *message = message.replace("`#/components/schemas/", "`#/definitions/");
        }
    }
    let mut warnings = Vec::new();
    for (at, fix, message) in found {
        let target = match &fix {
            Fix::AnyValue | Fix::SchemaOf(..) | Fix::Copy(_) => None,
            Fix::Wrap(_, reference) | Fix::Retype(_, reference) => {
                tokens(reference).and_then(|target| find(doc, &target))
            }
        };
        let description = target.and_then(|target| target.get("description")).cloned();
        let content = match fix {
            Fix::Retype(..) => target.and_then(|target| target.get("content")).cloned(),
            _ => None,
        };
        let Some(node) = find_mut(doc, &at) else {
            continue;
        };
        let message = match fix {
            Fix::SchemaOf(media_type, schema) => {
                *node = schema;
                match media_type {
                    Some(media_type) => format!("{message}; its `{media_type}` schema is read"),
                    None => format!("{message}; its schema is read"),
                }
            }
            Fix::AnyValue => {
                read_as_any(node);
                format!("{message}; {READ_AS_ANY}")
            }
            Fix::Copy(copy) => {
                *node = copy;
                message
            }
            Fix::Wrap(kind, reference) => {
                *node = wrapped(
                    kind,
                    reference,
                    node.get("description").cloned().or(description),
                );
                format!("{message}; {}", wrapped_as(kind))
            }
            Fix::Retype(kind, _) => {
                *node = retyped(
                    kind,
                    node.get("description").cloned().or(description),
                    content,
                );
                let (kind, target) = match kind {
                    Node::Response => ("a response", "request body"),
                    _ => ("a request body", "response"),
                };
                format!("{message}; it is read as {kind} with the {target}'s media types")
            }
        };
        warnings.push(Warning {
            pointer: to_pointer(&at),
            message,
        });
    }
    warnings
}

/// How a reference that cannot stand where it is written is read.
enum Fix {
    /// A schema reference to no schema: any JSON value.
    AnyValue,
    /// A response, request body or header (the node) given as a reference to a schema: one of
    /// that schema.
    Wrap(Node, String),
    /// A response (the node) given as a reference to a request body, or a request body given as
    /// one to a response: the target's `content`.
    Retype(Node, String),
    /// A schema given as a reference to a response, request body, parameter or header: the
    /// target's schema (of the named media type, for `content`), copied in its place.
    SchemaOf(Option<String>, Value),
    /// A parameter or header given as a reference to a header or parameter (the other kind):
    /// a copy of the target, as the node's kind has it (made up here).
    Copy(Value),
}

/// The schema of the response, request body, parameter or header `reference` names, for a
/// schema given as a reference to one (InfluxData's `schema: {$ref:
/// '#/components/responses/ServerError'}`): its `schema`, or in `content` its JSON media
/// type's (else its only one's), with that media type. `None` when the target is of another
/// kind, is itself a reference, or has no such schema.
fn schema_of(doc: &Value, reference: &str, version: Version) -> Option<(Option<String>, Value)> {
    let tokens = tokens(reference)?;
    let Place::One(Node::Response | Node::RequestBody | Node::Parameter | Node::Header) =
        of_pointer(&tokens, version)
    else {
        return None;
    };
    let target = find(doc, &tokens)?.as_object()?;
    if target.contains_key("$ref") {
        return None;
    }
    if let Some(schema) = target.get("schema") {
        return Some((None, schema.clone()));
    }
    let content = target.get("content")?.as_object()?;
    let (media_type, media) = (content.iter())
        .find(|(media_type, _)| crate::ir::is_json(media_type))
        .or_else(|| {
            (content.len() == 1)
                .then(|| content.iter().next())
                .flatten()
        })?;
    Some((Some(media_type.clone()), media.get("schema")?.clone()))
}

/// A response or request body (`kind`) with the media types of the request body or response
/// it was given as a reference to.
fn retyped(kind: Node, description: Option<Value>, content: Option<Value>) -> Value {
    let mut node = Map::new();
    let description = description.filter(Value::is_string);
    match kind {
        Node::Response => {
            let description = description.unwrap_or_else(|| Value::String(String::new()));
            node.insert("description".to_owned(), description);
        }
        _ => node.extend(description.map(|d| ("description".to_owned(), d))),
    }
    node.extend(content.map(|content| ("content".to_owned(), content)));
    Value::Object(node)
}

/// The node a schema reference stands for where a `kind` belongs, its description kept.
fn wrapped(kind: Node, reference: String, description: Option<Value>) -> Value {
    let schema = Value::Object(Map::from_iter([(
        "$ref".to_owned(),
        Value::String(reference),
    )]));
    let json = || {
        let media = Map::from_iter([("schema".to_owned(), schema.clone())]);
        let content = Map::from_iter([("application/json".to_owned(), Value::Object(media))]);
        ("content".to_owned(), Value::Object(content))
    };
    let description = description.filter(Value::is_string);
    let mut node = Map::new();
    match kind {
        Node::Response => {
            let description = description.unwrap_or_else(|| Value::String(String::new()));
            node.insert("description".to_owned(), description);
            node.extend([json()]);
        }
        Node::RequestBody => {
            node.extend(description.map(|d| ("description".to_owned(), d)));
            node.extend([json()]);
        }
        _ => {
            node.extend(description.map(|d| ("description".to_owned(), d)));
            node.insert("schema".to_owned(), schema);
        }
    }
    Value::Object(node)
}

/// What the warning says a schema reference in place of a `kind` is read as.
fn wrapped_as(kind: Node) -> &'static str {
    match kind {
        Node::Response => "it is read as an `application/json` response of that schema",
        Node::RequestBody => "it is read as an optional `application/json` body of that schema",
        _ => "it is read as a header of that schema",
    }
}

fn find_unresolvable(
    doc: &Value,
    value: &Value,
    place: Place,
    version: Version,
    at: &mut Vec<String>,
    found: &mut Vec<(Vec<String>, Fix, String)>,
) {
    if place == Place::Data {
        return;
    }
    match value {
        Value::Object(map) => {
            let reference = map.get("$ref").and_then(Value::as_str);
            match (place, reference) {
                (Place::One(Node::Schema), Some(reference)) => {
                    if let Some(message) = unresolvable(doc, reference, version) {
                        let fix = schema_of(doc, reference, version)
                            .map_or(Fix::AnyValue, |(media, schema)| {
                                Fix::SchemaOf(media, schema)
                            });
                        found.push((at.clone(), fix, message));
                    }
                    return;
                }
                (
                    Place::One(kind @ (Node::Response | Node::RequestBody | Node::Header)),
                    Some(reference),
                ) if names_a_schema(doc, reference, version) => {
                    let message = format!(
                        "`{reference}` is a schema, not {}",
                        kind_name(kind).unwrap_or("a node of its place")
                    );
                    found.push((at.clone(), Fix::Wrap(kind, reference.to_owned()), message));
                    return;
                }
                (Place::One(Node::Parameter), Some(reference)) => {
                    if let Some((copy, message)) = parameter_of(doc, map, reference, version) {
                        found.push((at.clone(), Fix::Copy(copy), message));
                        return;
                    }
                }
                (Place::One(Node::Header), Some(reference)) => {
                    if let Some((copy, message)) = header_of(doc, reference, version) {
                        found.push((at.clone(), Fix::Copy(copy), message));
                        return;
                    }
                }
                (Place::One(kind @ (Node::Response | Node::RequestBody)), Some(reference)) => {
                    if let Some(target) = media_types_of_other_kind(doc, reference, kind, version) {
                        let message = format!(
                            "`{reference}` is {}, not {}",
                            kind_name(target).unwrap_or("another kind of node"),
                            kind_name(kind).unwrap_or("a node of its place")
                        );
                        found.push((at.clone(), Fix::Retype(kind, reference.to_owned()), message));
                        return;
                    }
                }
                _ => {}
            }
            for (key, child) in map {
                at.push(key.clone());
                find_unresolvable(doc, child, place.child(key, version), version, at, found);
                at.pop();
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                at.push(index.to_string());
                find_unresolvable(doc, item, place.item(), version, at, found);
                at.pop();
            }
        }
        _ => {}
    }
}

/// A parameter written as a `$ref` to what is not a parameter, read as what it means, with
/// the warning that says so (`None` when it is a parameter's reference, or means nothing
/// clear). A reference to a schema beside the parameter's own `name` and `in` (as Swagger 2.0
/// descriptions write `$ref` for `schema`) is that parameter, of that schema; a reference to
/// a header (`#/components/headers/Content-Type`) is a header parameter of the header's name.
fn parameter_of(
    doc: &Value,
    node: &Map<String, Value>,
    reference: &str,
    version: Version,
) -> Option<(Value, String)> {
    let tokens = tokens(reference)?;
    match of_pointer(&tokens, version) {
        Place::One(Node::Schema)
            if find(doc, &tokens).is_some()
                && node.get("name").is_some_and(Value::is_string)
                && node.get("in").is_some_and(Value::is_string) =>
        {
            let mut copy = node.clone();
            let schema = copy.remove("$ref")?;
            copy.insert("schema".to_owned(), json!({"$ref": schema}));
            let message = format!(
                "`{reference}` is a schema, not a parameter; with the `name` and `in` beside it, it \
                 is read as this parameter's schema"
            );
            Some((Value::Object(copy), message))
        }
        Place::One(Node::Header) => {
            let name = tokens.last()?;
            let mut copy = find(doc, &tokens)?.as_object()?.clone();
            if copy.contains_key("$ref") {
                return None;
            }
            copy.insert("name".to_owned(), Value::String(name.clone()));
            copy.insert("in".to_owned(), Value::from("header"));
            let message = format!(
                "`{reference}` is a header, not a parameter; it is read as the header parameter \
                 `{name}`"
            );
            Some((Value::Object(copy), message))
        }
        _ => None,
    }
}

/// A response header written as a `$ref` to a parameter, read as a header with the
/// parameter's schema and description (its `name` and `in` left out: the header's name is
/// its key), with the warning that says so.
fn header_of(doc: &Value, reference: &str, version: Version) -> Option<(Value, String)> {
    let tokens = tokens(reference)?;
    let Place::One(Node::Parameter) = of_pointer(&tokens, version) else {
        return None;
    };
    let mut copy = find(doc, &tokens)?.as_object()?.clone();
    if copy.contains_key("$ref") {
        return None;
    }
    copy.remove("name");
    copy.remove("in");
    // A style of the parameter's location may not be a header's (`form`): a header's is
    // always `simple`, its default.
    copy.remove("style");
    copy.remove("allowEmptyValue");
    let message =
        format!("`{reference}` is a parameter, not a header; it is read as a header like it");
    Some((Value::Object(copy), message))
}

/// The kind of node `reference` names when a response (`kind`) names a request body or a
/// request body names a response, and that node is one (not itself a `$ref`).
fn media_types_of_other_kind(
    doc: &Value,
    reference: &str,
    kind: Node,
    version: Version,
) -> Option<Node> {
    let tokens = tokens(reference)?;
    let target = find(doc, &tokens)?;
    if !target.is_object() || target.get("$ref").is_some() {
        return None;
    }
    match (kind, of_pointer(&tokens, version)) {
        (Node::Response, Place::One(Node::RequestBody)) => Some(Node::RequestBody),
        (Node::RequestBody, Place::One(Node::Response)) => Some(Node::Response),
        _ => None,
    }
}

/// Whether `reference` names a schema of the document.
fn names_a_schema(doc: &Value, reference: &str, version: Version) -> bool {
    tokens(reference).is_some_and(|tokens| {
        find(doc, &tokens).is_some() && of_pointer(&tokens, version) == Place::One(Node::Schema)
    })
}

/// Why the schema reference `reference` cannot stand for a schema, if it cannot.
fn unresolvable(doc: &Value, reference: &str, version: Version) -> Option<String> {
    // `#` is the OpenAPI document itself (in a schema with an `$id` it names that schema
    // resource, and was pointed at it when the 3.1 document was read).
    if reference == "#" {
        return Some("`#` names the whole document, not a schema".to_owned());
    }
    // A plain-name fragment (`#user-profile`) names an `$anchor`; those of a 3.1 document were
    // pointed at their schemas when it was read, so this one names none.
    if reference.starts_with('#') && !reference.starts_with("#/") {
        return Some(format!(
            "`{reference}` names no `$anchor` of the document (a fragment that is not a JSON pointer names an anchor)"
        ));
    }
    let tokens = tokens(reference)?;
    if find(doc, &tokens).is_none() {
        return Some(format!("dangling reference: `{reference}` does not exist"));
    }
    match of_pointer(&tokens, version) {
        Place::One(Node::Schema | Node::Other | Node::Doc) | Place::Many(_) | Place::Data => None,
        Place::One(node) => Some(match kind_name(node) {
            Some(kind) => format!("`{reference}` is {kind}, not a schema"),
            None => format!("`{reference}` is not a schema"),
        }),
    }
}

fn kind_name(node: Node) -> Option<&'static str> {
    Some(match node {
        Node::Response => "a response",
        Node::Parameter => "a parameter",
        Node::Header => "a header",
        Node::RequestBody => "a request body",
        Node::MediaType => "a media type",
        Node::PathItem => "a path item",
        Node::Operation => "an operation",
        _ => return None,
    })
}

fn find_mut<'v>(doc: &'v mut Value, tokens: &[String]) -> Option<&'v mut Value> {
    tokens.iter().try_fold(doc, |node, token| match node {
        Value::Object(map) => map.get_mut(token),
        Value::Array(items) => token.parse::<usize>().ok().and_then(|i| items.get_mut(i)),
        _ => None,
    })
}

/// Every `$ref` that points inside a node, in document order, with the place of the
/// reference itself. Where a value is data (`example`, `default`, `enum`, extensions…) is told
/// by its place, not its key alone: a response under `default`, a property or component named
/// `example`, are description.
fn collect(value: &Value, place: Place, version: Version, out: &mut Vec<(String, Place)>) {
    if place == Place::Data {
        return;
    }
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                if key == "$ref" {
                    if let Some(reference) = child.as_str().filter(|r| is_inside(r)) {
                        out.push((reference.to_owned(), place));
                    }
                } else {
                    collect(child, place.child(key, version), version, out);
                }
            }
        }
        Value::Array(items) => items
            .iter()
            .for_each(|item| collect(item, place.item(), version, out)),
        _ => {}
    }
}

fn rewrite(value: &mut Value, place: Place, version: Version, hoisted: &IndexMap<String, String>) {
    if place == Place::Data {
        return;
    }
    match value {
        Value::Object(map) => {
            for (key, child) in map.iter_mut() {
                if key == "$ref" {
                    if let Some(new) = child.as_str().and_then(|r| hoisted.get(r)) {
                        *child = Value::String(new.clone());
                    }
                } else {
                    rewrite(child, place.child(key, version), version, hoisted);
                }
            }
        }
        Value::Array(items) => items
            .iter_mut()
            .for_each(|item| rewrite(item, place.item(), version, hoisted)),
        _ => {}
    }
}

/// Whether a local reference points somewhere other than a component itself.
fn is_inside(reference: &str) -> bool {
    match tokens(reference) {
        Some(tokens) => !(tokens.len() == 3 && tokens[0] == "components"),
        None => false,
    }
}

/// What kind of node a reference at `site` names, from the `place` its pointer names; a place
/// OpenAPI gives no meaning (an extension `x-defs`, a root `$defs`, which JSON Reference lets a
/// `$ref` point into) holds what the reference's own place expects: a schema where a schema is
/// expected.
fn target_kind(place: Place, site: Place) -> Kind {
    kind_at(if has_no_meaning(place) { site } else { place })
}

fn has_no_meaning(place: Place) -> bool {
    matches!(place, Place::Data | Place::One(Node::Other))
}

fn kind_at(place: Place) -> Kind {
    match place {
        Place::One(Node::Schema) => Kind::Schema,
        Place::One(Node::Response) => Kind::Response,
        Place::One(Node::Parameter) => Kind::Parameter,
        Place::One(Node::RequestBody) => Kind::RequestBody,
        Place::One(Node::Header) => Kind::Header,
        _ => Kind::Other,
    }
}

/// A key for the copy, made from the pointer (`Tag/allOf/0` → `Tag_allOf_0`), that no component
/// of the section has.
fn free_key(
    doc: &Value,
    copies: &[(&'static str, String, Value)],
    section: &str,
    tokens: &[String],
) -> String {
    let skip = if tokens.first().is_some_and(|t| t == "components") {
        2
    } else {
        0
    };
    let base = tokens
        .iter()
        .skip(skip)
        .filter(|t| !t.contains('/'))
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join("_");
    let taken = |key: &str| {
        find(
            doc,
            &["components".to_owned(), section.to_owned(), key.to_owned()],
        )
        .is_some()
            || copies.iter().any(|(s, k, _)| *s == section && k == key)
    };
    let mut key = base.clone();
    let mut n = 2;
    while taken(&key) {
        key = format!("{base}_{n}");
        n += 1;
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind_of(pointer: &str) -> Kind {
        target_kind(
            of_pointer(&tokens(pointer).unwrap(), Version::OpenApi30),
            Place::One(Node::Other),
        )
    }

    #[test]
    fn a_target_where_openapi_gives_no_meaning_is_what_its_reference_expects() {
        let at = |pointer: &str, site: Node| {
            target_kind(
                of_pointer(&tokens(pointer).unwrap(), Version::OpenApi30),
                Place::One(site),
            )
        };
        assert_eq!(at("#/x-defs/Name", Node::Schema), Kind::Schema);
        assert_eq!(at("#/$defs/Name", Node::Schema), Kind::Schema);
        assert_eq!(at("#/x-parameters/limit", Node::Parameter), Kind::Parameter);
        // A place with a meaning keeps it.
        assert_eq!(
            at("#/paths/~1a/get/responses/200", Node::Schema),
            Kind::Response
        );
        assert_eq!(at("#/x-examples/a", Node::Example), Kind::Other);
    }

    #[test]
    fn the_kind_is_told_by_the_place() {
        assert_eq!(kind_of("#/components/schemas/Tag/allOf/0"), Kind::Schema);
        assert_eq!(kind_of("#/components/schemas/T/properties/a"), Kind::Schema);
        assert_eq!(kind_of("#/components/schemas/T/properties"), Kind::Other);
        assert_eq!(
            kind_of("#/components/responses/X/content/application~1json/schema"),
            Kind::Schema
        );
        assert_eq!(kind_of("#/components/parameters/P/schema"), Kind::Schema);
        assert_eq!(kind_of("#/paths/~1a/get/parameters/0"), Kind::Parameter);
        assert_eq!(kind_of("#/paths/~1a/get/responses/200"), Kind::Response);
        assert_eq!(kind_of("#/paths/~1a/post/requestBody"), Kind::RequestBody);
        assert_eq!(
            kind_of("#/paths/~1a/get/responses/200/headers/X-Rate"),
            Kind::Header
        );
        assert_eq!(kind_of("#/paths/~1a/get"), Kind::Other);
        assert_eq!(kind_of("#/paths/~1a/get/responses"), Kind::Other);
    }

    #[test]
    fn a_component_itself_is_not_inside_a_node() {
        assert!(!is_inside("#/components/schemas/A"));
        assert!(is_inside("#/components/schemas/A/items"));
    }
}
