//! `null` and references: a `null` member of `anyOf`/`oneOf` makes the schema nullable, a
//! schema that admits only `null` gets the 3.0 form of that, and a `$ref` with siblings becomes
//! `allOf: [$ref]` beside them.

use serde_json::{Map, Value, json};

use super::keywords::{META, is_annotation};
use crate::error::join;
use crate::load::v31::cx::Cx;

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
pub(super) fn null_members(map: &mut Map<String, Value>, at: &str, cx: &mut Cx<'_>) {
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
pub(super) fn make_null(map: &mut Map<String, Value>) {
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
pub(super) fn ref_siblings(
    map: &mut Map<String, Value>,
    at: &str,
    in_parts: bool,
    cx: &mut Cx<'_>,
) {
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
