//! One schema, OpenAPI 3.1 (JSON Schema 2020-12) → the OpenAPI 3.0 Schema Object, in place,
//! then its child schemas. Each rule keeps what the schema means for a client (the type of a
//! value, whether it may be `null`, its docs and default); keywords that only constrain
//! validation are dropped; what 3.0 cannot type is a warning naming the node, with the fallback
//! it gets (any JSON value).
//!
//! Every node moved records where it came from (`Cx::moved`), so a later error or warning names
//! the node the user wrote; warnings here are given at the node's place in the output, which the
//! same record maps back.

mod keywords;
mod nulls;
mod spelling;
mod structure;
mod types;

use serde_json::{Map, Value};

use super::cx::Cx;
use crate::error::join;
use keywords::META;
use nulls::{null_members, ref_siblings};
use spelling::{bounds, content, examples};
use structure::{conditionals, objects, tuples};
use types::{const_to_enum, types};

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
    children(map, at, cx, schema_in);
}

/// Only the `type` lists and `const`s of the schema at `at` and of its children, for a 3.0
/// document (see [`super::type_lists`]).
pub(super) fn type_lists(value: &mut Value, at: &str, cx: &mut Cx<'_>) {
    type_lists_in(value, at, false, cx);
}

fn type_lists_in(value: &mut Value, at: &str, _in_parts: bool, cx: &mut Cx<'_>) {
    let Value::Object(map) = value else {
        return;
    };
    // `const` (JSON Schema's, which 3.0 lacks and real 3.0 documents write: Langfuse's
    // `type: {type: string, const: code}` telling union variants apart) is a one-value `enum`.
    const_to_enum(map);
    let listed = match map.get("type") {
        Some(Value::Array(_)) => true,
        Some(Value::String(name)) => name == "null",
        _ => false,
    };
    if listed {
        let from = cx.origin_of(at);
        types(map, at, &from, cx);
    }
    children(map, at, cx, type_lists_in);
}

/// Calls `step` on each child schema of the schema `map` at `at`, with its place and whether it
/// is a part of an `allOf`, `oneOf` or `anyOf`.
fn children(
    map: &mut Map<String, Value>,
    at: &str,
    cx: &mut Cx<'_>,
    step: fn(&mut Value, &str, bool, &mut Cx<'_>),
) {
    if let Some(Value::Object(properties)) = map.get_mut("properties") {
        let properties_at = join(at, "properties");
        for (name, property) in properties.iter_mut() {
            step(property, &join(&properties_at, name), false, cx);
        }
    }
    for key in ["additionalProperties", "items", "not"] {
        if let Some(child) = map.get_mut(key) {
            step(child, &join(at, key), false, cx);
        }
    }
    if let Some(Value::Array(places)) = map.get_mut(crate::load::TUPLE_EXTENSION) {
        let places_at = join(at, crate::load::TUPLE_EXTENSION);
        for (index, place) in places.iter_mut().enumerate() {
            step(place, &join(&places_at, &index.to_string()), false, cx);
        }
    }
    for key in ["allOf", "anyOf", "oneOf"] {
        if let Some(Value::Array(parts)) = map.get_mut(key) {
            let parts_at = join(at, key);
            for (index, part) in parts.iter_mut().enumerate() {
                step(part, &join(&parts_at, &index.to_string()), true, cx);
            }
        }
    }
}
