//! Schema Objects, 2.0 → 3.0.

use serde_json::{Map, Value, json};

use super::refs::rewrite_ref;
use crate::load::quirks::lift_required_flags;

/// A 2.0 Schema Object → 3.0, recursively.
pub(super) fn convert_schema(schema: Value) -> Value {
    let Value::Object(mut map) = schema else {
        return schema;
    };
    let nullable = map.remove("x-nullable");
    if let Some(Value::String(reference)) = map.get("$ref") {
        let reference = json!({ "$ref": rewrite_ref(reference) });
        if nullable.as_ref().and_then(Value::as_bool) != Some(true) {
            map.insert("$ref".into(), reference["$ref"].clone());
            return Value::Object(map);
        }
        // 3.0 ignores a `$ref`'s siblings: the nullable reference is an `allOf` of it.
        map.remove("$ref");
        map.insert("allOf".into(), json!([reference]));
        map.insert("nullable".into(), json!(true));
        return Value::Object(map);
    }
    if let Some(nullable) = nullable {
        map.entry("nullable").or_insert(nullable);
    }
    if map.get("type").and_then(Value::as_str) == Some("file") {
        map.insert("type".into(), json!("string"));
        map.insert("format".into(), json!("binary"));
    }
    if let Some(Value::String(property)) = map.get("discriminator") {
        let property = property.clone();
        map.insert("discriminator".into(), json!({ "propertyName": property }));
    }
    // Without a warning: draft 3's way, which some 2.0 documents still use.
    lift_required_flags(&mut map);
    for (key, child) in &mut map {
        match key.as_str() {
            "properties" | "patternProperties" | "definitions" => {
                if let Value::Object(children) = child {
                    for value in children.values_mut() {
                        *value = convert_schema(std::mem::take(value));
                    }
                }
            }
            "items" | "additionalProperties" | "not" => {
                if child.is_object() {
                    *child = convert_schema(std::mem::take(child));
                } else if let Value::Array(items) = child {
                    for item in items {
                        *item = convert_schema(std::mem::take(item));
                    }
                }
            }
            "allOf" | "anyOf" | "oneOf" => {
                if let Value::Array(items) = child {
                    for item in items {
                        *item = convert_schema(std::mem::take(item));
                    }
                }
            }
            _ => {}
        }
    }
    Value::Object(map)
}

/// A subtype's `x-discriminator-value` (the tag that selects it, when it is not the definition's
/// name: a vendor extension of 2.0 generators) → an entry of the `mapping` of the discriminator
/// of the base it `allOf`s.
pub(super) fn map_discriminator_values(schemas: &mut Map<String, Value>) {
    let mut entries = Vec::new();
    for (name, schema) in schemas.iter() {
        let Some(value) = schema.get("x-discriminator-value").and_then(Value::as_str) else {
            continue;
        };
        let Some(Value::Array(parts)) = schema.get("allOf") else {
            continue;
        };
        for part in parts {
            let base = part
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(crate::load::json_pointer::tokens)
                .and_then(|tokens| match <[String; 3]>::try_from(tokens) {
                    Ok([components, schemas, base])
                        if components == "components" && schemas == "schemas" =>
                    {
                        Some(base)
                    }
                    _ => None,
                });
            if let Some(base) = base {
                let target = crate::error::pointer(&["components", "schemas", name]);
                entries.push((base, value.to_owned(), target));
            }
        }
    }
    for (base, value, target) in entries {
        let Some(Value::Object(discriminator)) = schemas
            .get_mut(&base)
            .and_then(|b| b.get_mut("discriminator"))
        else {
            continue;
        };
        let mapping = discriminator
            .entry("mapping")
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(mapping) = mapping {
            mapping.entry(value).or_insert(Value::String(target));
        }
    }
}
