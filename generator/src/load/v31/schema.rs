//! One schema, OpenAPI 3.1 (JSON Schema 2020-12) → the OpenAPI 3.0 Schema Object, in place,
//! then its child schemas. Each rule keeps what the schema means for a client (the type of a
//! value, whether it may be `null`, its docs and default); keywords that only constrain
//! validation are dropped; what 3.0 cannot type is a warning naming the node, with the fallback
//! it gets (any JSON value).
//!
//! Every node moved records where it came from (`Cx::moved`), so a later error or warning names
//! the node the user wrote; warnings here are given at the node's place in the output, which the
//! same record maps back.

use serde_json::{Map, Value, json};

use super::Cx;
use crate::error::join;

/// Keywords that only annotate a schema: a schema made of them says nothing about the value.
fn is_annotation(key: &str) -> bool {
    matches!(
        key,
        "title"
            | "description"
            | "default"
            | "example"
            | "examples"
            | "deprecated"
            | "readOnly"
            | "writeOnly"
            | "externalDocs"
            | "nullable"
            | "$comment"
            | "xml"
    ) || key.starts_with("x-")
}

/// Keywords for JSON Schema tooling (identifiers, vocabularies, comments, definitions already
/// hoisted or unused): dropped.
const META: [&str; 8] = [
    "$schema",
    "$id",
    "$anchor",
    "$dynamicAnchor",
    "$comment",
    "$vocabulary",
    "$defs",
    "definitions",
];

/// Keywords that only constrain validation (which property names, which items must appear, which
/// properties come together): the typed value is the same without them, so they are dropped.
const VALIDATION_ONLY: [&str; 5] = [
    "propertyNames",
    "dependentRequired",
    "contains",
    "minContains",
    "maxContains",
];

const STRING_KEYWORDS: &[&str] = &[
    "minLength",
    "maxLength",
    "pattern",
    "contentEncoding",
    "contentMediaType",
    "contentSchema",
];
const NUMBER_KEYWORDS: &[&str] = &[
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
];
const ARRAY_KEYWORDS: &[&str] = &[
    "items",
    "prefixItems",
    "minItems",
    "maxItems",
    "uniqueItems",
    "contains",
    "minContains",
    "maxContains",
    "unevaluatedItems",
];
const OBJECT_KEYWORDS: &[&str] = &[
    "properties",
    "required",
    "additionalProperties",
    "patternProperties",
    "minProperties",
    "maxProperties",
    "propertyNames",
    "unevaluatedProperties",
    "dependentRequired",
    "dependentSchemas",
];

/// The keywords that apply to values of JSON type `name` only.
fn keywords_of(name: &str) -> &'static [&'static str] {
    match name {
        "string" => STRING_KEYWORDS,
        "integer" | "number" => NUMBER_KEYWORDS,
        "array" => ARRAY_KEYWORDS,
        "object" => OBJECT_KEYWORDS,
        _ => &[],
    }
}

/// Normalises the schema at `at` (a place in the output document), then its children.
pub(super) fn schema(value: &mut Value, at: &str, cx: &mut Cx<'_>) {
    schema_in(value, at, false, cx);
}

/// [`schema`]; `in_parts` is true for a part of an `allOf`, `oneOf` or `anyOf`.
fn schema_in(value: &mut Value, at: &str, in_parts: bool, cx: &mut Cx<'_>) {
    let Value::Object(map) = value else {
        // `true`/`false` are read later, with the 3.0 steps (`shallow`).
        return;
    };
    let from = cx.origin_of(at);
    for key in META {
        map.shift_remove(key);
    }
    null_members(map, at, cx);
    ref_siblings(map, at, in_parts, cx);
    const_to_enum(map);
    types(map, at, &from, cx);
    bounds(map);
    examples(map);
    content(map);
    tuples(map, at, cx);
    objects(map, at, cx);
    conditionals(map, at, cx);
    children(map, at, cx);
}

fn children(map: &mut Map<String, Value>, at: &str, cx: &mut Cx<'_>) {
    if let Some(Value::Object(properties)) = map.get_mut("properties") {
        let properties_at = join(at, "properties");
        for (name, property) in properties.iter_mut() {
            schema_in(property, &join(&properties_at, name), false, cx);
        }
    }
    for key in ["additionalProperties", "items", "not"] {
        if let Some(child) = map.get_mut(key) {
            schema_in(child, &join(at, key), false, cx);
        }
    }
    for key in ["allOf", "anyOf", "oneOf"] {
        if let Some(Value::Array(parts)) = map.get_mut(key) {
            let parts_at = join(at, key);
            for (index, part) in parts.iter_mut().enumerate() {
                schema_in(part, &join(&parts_at, &index.to_string()), true, cx);
            }
        }
    }
}

/// Whether a schema admits only `null`: `type: "null"` (or `["null"]`), `const: null` or
/// `enum: [null]`, with nothing but annotations beside it.
fn is_null_schema(value: &Value) -> bool {
    let Value::Object(map) = value else {
        return false;
    };
    let null_type = match map.get("type") {
        Some(Value::String(name)) => name == "null",
        Some(Value::Array(names)) => !names.is_empty() && names.iter().all(|n| n == "null"),
        _ => false,
    };
    let null_const = map.get("const").is_some_and(Value::is_null);
    let null_enum = matches!(map.get("enum"), Some(Value::Array(values))
        if !values.is_empty() && values.iter().all(Value::is_null));
    (null_type || null_const || null_enum)
        && map.keys().all(|key| {
            matches!(key.as_str(), "type" | "const" | "enum")
                || is_annotation(key)
                || META.contains(&key.as_str())
        })
}

/// `anyOf`/`oneOf` with a `null` member: the schema is nullable, and the member is removed. One
/// member left stands for the schema (merged into it, or its `allOf` when they clash); none
/// left, the schema admits only `null`.
fn null_members(map: &mut Map<String, Value>, at: &str, cx: &mut Cx<'_>) {
    // A member merged into the schema may bring an `anyOf`/`oneOf` with a null member of its own.
    for keyword in ["anyOf", "oneOf", "anyOf", "oneOf"] {
        let Some(Value::Array(parts)) = map.get_mut(keyword) else {
            continue;
        };
        if !parts.iter().any(is_null_schema) {
            continue;
        }
        let rest: Vec<(usize, Value)> = std::mem::take(parts)
            .into_iter()
            .enumerate()
            .filter(|(_, part)| !is_null_schema(part))
            .collect();
        let keyword_from = cx.origin_of(&join(at, keyword));
        match rest.len() {
            0 => {
                map.shift_remove(keyword);
                make_null(map);
            }
            1 => {
                map.shift_remove(keyword);
                map.insert("nullable".to_owned(), Value::Bool(true));
                for (index, member) in rest {
                    absorb(
                        map,
                        member,
                        at,
                        &join(&keyword_from, &index.to_string()),
                        cx,
                    );
                }
            }
            _ => {
                let keyword_at = join(at, keyword);
                let mut kept = Vec::new();
                for (new, (old, member)) in rest.into_iter().enumerate() {
                    if new != old {
                        cx.moved(
                            join(&keyword_at, &new.to_string()),
                            join(&keyword_from, &old.to_string()),
                        );
                    }
                    kept.push(member);
                }
                map.insert(keyword.to_owned(), Value::Array(kept));
                map.insert("nullable".to_owned(), Value::Bool(true));
            }
        }
    }
}

/// Puts the one non-null member of an `anyOf`/`oneOf` (from `member_from`) in the schema's
/// place: its keywords join the schema's own (the schema's annotations win), or, when both say
/// something different about the value, it becomes a part of the schema's `allOf`.
fn absorb(
    map: &mut Map<String, Value>,
    member: Value,
    at: &str,
    member_from: &str,
    cx: &mut Cx<'_>,
) {
    let member = match member {
        Value::Object(member) => member,
        // `true` admits anything, so nothing is added; `false` admits nothing but the `null`.
        Value::Bool(true) => return,
        other => {
            push_all_of(map, other, at, member_from, cx);
            return;
        }
    };
    let clash = member
        .keys()
        .any(|key| map.contains_key(key) && !is_annotation(key));
    if clash {
        push_all_of(map, Value::Object(member), at, member_from, cx);
        return;
    }
    for (key, value) in member {
        if map.contains_key(&key) {
            continue;
        }
        cx.moved(join(at, &key), join(member_from, &key));
        map.insert(key, value);
    }
}

/// Appends `part` (from `part_from`) to the schema's `allOf`.
fn push_all_of(
    map: &mut Map<String, Value>,
    part: Value,
    at: &str,
    part_from: &str,
    cx: &mut Cx<'_>,
) {
    let parts = map
        .entry("allOf")
        .or_insert_with(|| Value::Array(Vec::new()));
    if !parts.is_array() {
        *parts = Value::Array(Vec::new());
    }
    if let Value::Array(parts) = parts {
        let index = parts.len();
        parts.push(part);
        cx.moved(
            join(&join(at, "allOf"), &index.to_string()),
            part_from.to_owned(),
        );
    }
}

/// A schema that admits only `null` (3.0 has no `null` type): `nullable` with `enum: [null]`,
/// which the generator types as any JSON value.
fn make_null(map: &mut Map<String, Value>) {
    map.shift_remove("type");
    map.insert("nullable".to_owned(), Value::Bool(true));
    if !map.contains_key("enum") {
        map.insert("enum".to_owned(), json!([null]));
    }
}

/// `$ref` with sibling keywords: in 3.1 both apply, in 3.0 the siblings would be ignored. The
/// reference becomes a part of `allOf` beside them (the 3.0 idiom, which keeps the referenced
/// type and the siblings' docs, default and nullability). In a part of a composition, the
/// siblings that only annotate are dropped instead, so the part stays a plain reference (the
/// variant is named after its type and found by the discriminator's mapping).
fn ref_siblings(map: &mut Map<String, Value>, at: &str, in_parts: bool, cx: &mut Cx<'_>) {
    if !map.contains_key("$ref") || map.len() == 1 {
        return;
    }
    if in_parts {
        map.retain(|key, _| {
            key == "$ref"
                || !is_annotation(key)
                || matches!(key.as_str(), "nullable" | "readOnly" | "writeOnly")
        });
        if map.len() == 1 {
            return;
        }
    }
    let ref_at = join(at, "$ref");
    let origin = cx.origin_of(&ref_at);
    let origin = origin.strip_suffix("/$ref").unwrap_or(&origin).to_owned();
    let Some(reference) = map.shift_remove("$ref") else {
        return;
    };
    let mut part = Map::new();
    part.insert("$ref".to_owned(), reference);
    push_all_of(map, Value::Object(part), at, &origin, cx);
}

/// `const` is a single-value `enum` (so a `const` tag still tells `oneOf` parts apart); without a
/// `type`, the value's own type is the schema's. `const: null` admits only `null`.
fn const_to_enum(map: &mut Map<String, Value>) {
    let Some(value) = map.shift_remove("const") else {
        return;
    };
    if value.is_null() {
        map.insert("enum".to_owned(), json!([null]));
        make_null(map);
        return;
    }
    let composed = ["$ref", "allOf", "anyOf", "oneOf", "not"]
        .iter()
        .any(|key| map.contains_key(*key));
    if !map.contains_key("type") && !composed {
        if let Some(name) = json_type(&value) {
            map.insert("type".to_owned(), Value::from(name));
        }
    }
    map.insert("enum".to_owned(), Value::Array(vec![value]));
}

/// The JSON Schema type of a scalar value (`integer` for whole numbers).
fn json_type(value: &Value) -> Option<&'static str> {
    match value {
        Value::String(_) => Some("string"),
        Value::Bool(_) => Some("boolean"),
        Value::Number(n) if n.is_i64() || n.is_u64() => Some("integer"),
        Value::Number(_) => Some("number"),
        _ => None,
    }
}

/// Whether `value` is of JSON Schema type `name`.
fn has_type(value: &Value, name: &str) -> bool {
    match name {
        "string" => value.is_string(),
        "boolean" => value.is_boolean(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "object" => value.is_object(),
        "array" => value.is_array(),
        "null" => value.is_null(),
        _ => false,
    }
}

/// `type` as a list: `null` in it makes the schema nullable; one other type is that type; several
/// are a `oneOf` with one part per type, each with the keywords that apply to it (an `enum`'s
/// values shared out by type). `type: "null"` alone admits only `null`.
fn types(map: &mut Map<String, Value>, at: &str, from: &str, cx: &mut Cx<'_>) {
    let names: Vec<String> = match map.get("type") {
        Some(Value::String(name)) if name == "null" => {
            make_null(map);
            return;
        }
        Some(Value::Array(names)) => {
            let mut unique: Vec<String> = Vec::new();
            for name in names.iter().filter_map(Value::as_str) {
                if !unique.iter().any(|n| n == name) {
                    unique.push(name.to_owned());
                }
            }
            unique
        }
        _ => return,
    };
    let nullable = names.iter().any(|n| n == "null");
    let mut names: Vec<String> = names.into_iter().filter(|n| n != "null").collect();
    // Every integer is a number.
    if names.iter().any(|n| n == "number") {
        names.retain(|n| n != "integer");
    }
    if nullable {
        map.insert("nullable".to_owned(), Value::Bool(true));
    }
    // An `enum` leaves only the types some value has.
    if let Some(Value::Array(values)) = map.get("enum") {
        let values = values.clone();
        if values.iter().any(|v| !v.is_null()) {
            names.retain(|name| values.iter().any(|v| has_type(v, name)));
        }
    }
    match names.as_slice() {
        [] => {
            if nullable {
                make_null(map);
            } else {
                map.shift_remove("type");
            }
        }
        [name] => {
            map.insert("type".to_owned(), Value::from(name.as_str()));
        }
        _ if map.contains_key("oneOf") || map.contains_key("anyOf") => {
            map.shift_remove("type");
            cx.warn(
                at,
                format!(
                    "a list of types ({}) beside `oneOf`/`anyOf` has no OpenAPI 3.0 form: the \
                     `type` is left out and the schema is typed by its parts",
                    names.join(", ")
                ),
            );
        }
        _ => split_types(map, &names, at, from, cx),
    }
}

/// A schema of several types as a `oneOf` of one part per type.
fn split_types(
    map: &mut Map<String, Value>,
    names: &[String],
    at: &str,
    from: &str,
    cx: &mut Cx<'_>,
) {
    map.shift_remove("type");
    let values = match map.shift_remove("enum") {
        Some(Value::Array(values)) => Some(values),
        _ => None,
    };
    let format = map.shift_remove("format");
    let mut parts = Vec::new();
    for name in names {
        let mut part = Map::new();
        part.insert("type".to_owned(), Value::from(name.as_str()));
        for key in keywords_of(name) {
            if let Some(value) = map.get(*key) {
                part.insert((*key).to_owned(), value.clone());
            }
        }
        if let Some(format) = format.as_ref().filter(|f| format_type(f) == name) {
            part.insert("format".to_owned(), format.clone());
        }
        if let Some(values) = &values {
            let own: Vec<Value> = values
                .iter()
                .filter(|v| has_type(v, name))
                .cloned()
                .collect();
            if !own.is_empty() {
                part.insert("enum".to_owned(), Value::Array(own));
            }
        }
        parts.push(Value::Object(part));
    }
    for name in names {
        for key in keywords_of(name) {
            map.shift_remove(*key);
        }
    }
    let parts_at = join(at, "oneOf");
    for index in 0..parts.len() {
        cx.moved(join(&parts_at, &index.to_string()), from.to_owned());
    }
    map.insert("oneOf".to_owned(), Value::Array(parts));
}

/// The type a `format` belongs to.
fn format_type(format: &Value) -> &'static str {
    match format.as_str().unwrap_or_default() {
        "int8" | "int16" | "int32" | "int64" | "uint" | "uint8" | "uint16" | "uint32"
        | "uint64" => "integer",
        "float" | "double" => "number",
        _ => "string",
    }
}

/// Numeric `exclusiveMinimum`/`exclusiveMaximum` (3.1) → the bound with the boolean flag (3.0);
/// with both an inclusive and an exclusive bound, the stricter one is kept.
fn bounds(map: &mut Map<String, Value>) {
    for (exclusive, inclusive, stricter) in [
        (
            "exclusiveMinimum",
            "minimum",
            (|a, b| a > b) as fn(f64, f64) -> bool,
        ),
        ("exclusiveMaximum", "maximum", |a, b| a < b),
    ] {
        let Some(Value::Number(limit)) = map.get(exclusive) else {
            continue;
        };
        let limit = limit.clone();
        let inclusive_is_stricter = map
            .get(inclusive)
            .and_then(Value::as_f64)
            .zip(limit.as_f64())
            .is_some_and(|(bound, limit)| stricter(bound, limit));
        if inclusive_is_stricter {
            map.shift_remove(exclusive);
        } else {
            map.insert(inclusive.to_owned(), Value::Number(limit));
            map.insert(exclusive.to_owned(), Value::Bool(true));
        }
    }
}

/// `examples` (a list, 3.1) → `example` (its first value) unless there is one.
fn examples(map: &mut Map<String, Value>) {
    let Some(examples) = map.shift_remove("examples") else {
        return;
    };
    if map.contains_key("example") {
        return;
    }
    if let Value::Array(examples) = examples {
        if let Some(first) = examples.into_iter().next() {
            map.insert("example".to_owned(), first);
        }
    }
}

/// `contentEncoding`/`contentMediaType` of a string: base64 text is `format: byte`, raw bytes
/// (`contentEncoding: binary`, or a media type that is not text without an encoding) are
/// `format: binary`. A `format` already given wins.
fn content(map: &mut Map<String, Value>) {
    let encoding = map.shift_remove("contentEncoding");
    let media_type = map.shift_remove("contentMediaType");
    map.shift_remove("contentSchema");
    let stringy = match map.get("type") {
        None => !map.contains_key("$ref") && !map.contains_key("allOf"),
        Some(Value::String(name)) => name == "string",
        Some(_) => false,
    };
    if !stringy || map.contains_key("format") {
        return;
    }
    let encoding = encoding
        .as_ref()
        .and_then(Value::as_str)
        .map(str::to_ascii_lowercase);
    let format = match encoding.as_deref() {
        Some("base64" | "base64url") => Some("byte"),
        Some("binary") => Some("binary"),
        Some(_) => None,
        None => media_type
            .as_ref()
            .and_then(Value::as_str)
            .filter(|media_type| !is_textual(media_type))
            .map(|_| "binary"),
    };
    if let Some(format) = format {
        map.insert("type".to_owned(), Value::from("string"));
        map.insert("format".to_owned(), Value::from(format));
    }
}

/// Whether a media type is text (so a string of it is text, not bytes).
fn is_textual(media_type: &str) -> bool {
    let media_type = media_type.to_ascii_lowercase();
    let essence = media_type.split(';').next().unwrap_or_default().trim();
    essence.starts_with("text/")
        || ["json", "xml", "yaml", "javascript", "x-www-form-urlencoded"]
            .iter()
            .any(|word| essence.contains(word))
}

/// Tuples (`prefixItems`, or a list under `items`) have no 3.0 form: the array's items are any
/// JSON value, with a warning. `unevaluatedItems` without `items` types the items.
fn tuples(map: &mut Map<String, Value>, at: &str, cx: &mut Cx<'_>) {
    let prefix = map.shift_remove("prefixItems").is_some();
    if prefix || matches!(map.get("items"), Some(Value::Array(_))) {
        map.shift_remove("items");
        map.shift_remove("unevaluatedItems");
        map.shift_remove("additionalItems");
        cx.warn(
            at,
            "a tuple (`prefixItems`) has no OpenAPI 3.0 form: its items are typed as any JSON \
             value (`serde_json::Value`)",
        );
        return;
    }
    if let Some(rest) = map.shift_remove("unevaluatedItems") {
        if rest.is_object() && !map.contains_key("items") {
            let origin = cx.origin_of(&join(at, "unevaluatedItems"));
            cx.moved(join(at, "items"), origin);
            map.insert("items".to_owned(), rest);
        }
    }
}

/// `unevaluatedProperties` and `patternProperties` → `additionalProperties` where that keeps
/// the values' type: a schema for the properties not listed is the map's value type; one
/// pattern (and no other extra property allowed) gives its schema; several patterns, or a
/// pattern beside another schema for extra properties, make the extra values any JSON value,
/// with a warning.
fn objects(map: &mut Map<String, Value>, at: &str, cx: &mut Cx<'_>) {
    if let Some(rest) = map.shift_remove("unevaluatedProperties") {
        if rest.is_object() && !map.contains_key("additionalProperties") {
            let origin = cx.origin_of(&join(at, "unevaluatedProperties"));
            cx.moved(join(at, "additionalProperties"), origin);
            map.insert("additionalProperties".to_owned(), rest);
        }
    }
    let Some(Value::Object(patterns)) = map.shift_remove("patternProperties") else {
        return;
    };
    let additional = map.get("additionalProperties");
    let no_other = matches!(additional, None | Some(Value::Bool(false)));
    let mut patterns = patterns.into_iter();
    match (patterns.next(), patterns.next()) {
        (None, _) => {}
        (Some((pattern, value)), None) if no_other => {
            let origin = cx.origin_of(&join(&join(at, "patternProperties"), &pattern));
            cx.moved(join(at, "additionalProperties"), origin);
            map.insert("additionalProperties".to_owned(), value);
        }
        _ => {
            map.insert("additionalProperties".to_owned(), json!({}));
            cx.warn(
                at,
                "`patternProperties` with several patterns (or beside `additionalProperties`) \
                 has no OpenAPI 3.0 form: the properties not listed are typed as any JSON value \
                 (`serde_json::Value`)",
            );
        }
    }
}

/// Conditional subschemas and other validation-only keywords are dropped; when a conditional
/// declares properties (which would be fields), a warning says they are left out.
fn conditionals(map: &mut Map<String, Value>, at: &str, cx: &mut Cx<'_>) {
    fn declares_properties(value: &Value) -> bool {
        value
            .get("properties")
            .and_then(Value::as_object)
            .is_some_and(|properties| !properties.is_empty())
    }
    let mut declared = false;
    for key in ["if", "then", "else"] {
        if let Some(branch) = map.shift_remove(key) {
            declared |= key != "if" && declares_properties(&branch);
        }
    }
    if let Some(Value::Object(dependent)) = map.shift_remove("dependentSchemas") {
        declared |= dependent.values().any(declares_properties);
    }
    for key in VALIDATION_ONLY {
        map.shift_remove(key);
    }
    if declared {
        cx.warn(
            at,
            "conditional subschemas (`then`/`else`, `dependentSchemas`) have no OpenAPI 3.0 \
             form: the properties they declare are not fields of the type",
        );
    }
    if map.shift_remove("$dynamicRef").is_some() {
        cx.warn(
            at,
            "`$dynamicRef` is not followed: the value is typed by the rest of the schema (any \
             JSON value when nothing else is said)",
        );
    }
}
