//! `type` lists and `const`: `null` in a list makes the schema nullable, several types are a
//! `oneOf` of one part per type, `const` is a one-value `enum`.

use serde_json::{Map, Value, json};

use super::keywords::keywords_of;
use super::nulls::make_null;
use crate::error::join;
use crate::load::v31::cx::Cx;

/// `const` is a single-value `enum` (so a `const` tag still tells `oneOf` parts apart); without a
/// `type`, the value's own type is the schema's. `const: null` admits only `null`.
pub(super) fn const_to_enum(map: &mut Map<String, Value>) {
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
pub(super) fn types(map: &mut Map<String, Value>, at: &str, from: &str, cx: &mut Cx<'_>) {
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
