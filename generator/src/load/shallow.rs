//! Checks every schema, response and callback of a document bottom-up before `openapiv3` sees
//! the whole tree, so that deserializing it takes time linear in its size.
//!
//! Why: `openapiv3` deserializes each `$ref`-or-item through an untagged enum. When the item
//! fails, it tries the other variants and then deserializes the item a second time for its error
//! message, each attempt covering the whole subtree; a failure `n` schemas deep is therefore
//! retried about `3^n` times (a 1.3 KB spec nested 30 deep never finished). Here each schema is
//! checked on its own, with its child schemas replaced by the empty schema `{}`, innermost
//! first (operations likewise, with their callbacks stubbed): an error is found, and located,
//! at the node that has it, and when every node passes, the whole document deserializes without
//! a failed attempt below the top.
//!
//! Boolean schemas (`true`/`false`, JSON Schema and OpenAPI 3.1, met in 3.0 documents too) are
//! rewritten here: `true` is `{}` (any value) and `false` is `{not: {}}` (no value), which
//! the generator types as any JSON value.

use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};

use super::places::methods;
use super::version::Version;
use crate::error::{Result, join};

/// Checks one node, given its pointer.
type Check = fn(&mut Value, &str) -> Result<()>;

/// Walks the document's known places for schemas and callbacks, checking each bottom-up.
pub(super) fn check_document(root: &mut Value) -> Result<()> {
    let Value::Object(root) = root else {
        return Ok(());
    };
    if let Some(Value::Object(paths)) = root.get_mut("paths") {
        for (key, item) in paths.iter_mut() {
            path_item(item, &join("#/paths", key))?;
        }
    }
    let Some(Value::Object(components)) = root.get_mut("components") else {
        return Ok(());
    };
    let sections: [(&str, Check); 6] = [
        ("schemas", schema),
        ("parameters", parameter),
        ("headers", parameter),
        ("responses", response),
        ("requestBodies", request_body),
        ("callbacks", callback),
    ];
    for (section, check) in sections {
        if let Some(Value::Object(entries)) = components.get_mut(section) {
            let at = join("#/components", section);
            for (key, entry) in entries.iter_mut() {
                check(entry, &join(&at, key))?;
            }
        }
    }
    Ok(())
}

/// Checks a path item: each operation (its callbacks first, then itself with them stubbed), then
/// the item without its operations. The stubs are built by copying only what is not stubbed.
fn path_item(item: &mut Value, at: &str) -> Result<()> {
    let Value::Object(object) = item else {
        return deserializes_as::<openapiv3::PathItem>(item, at);
    };
    list(object, "parameters", at, parameter)?;
    for method in methods(Version::OpenApi30) {
        let Some(Value::Object(operation)) = object.get_mut(method) else {
            continue;
        };
        let at = join(at, method);
        list(operation, "parameters", &at, parameter)?;
        if let Some(body) = operation.get_mut("requestBody") {
            request_body(body, &join(&at, "requestBody"))?;
        }
        map(operation, "responses", &at, response)?;
        map(operation, "callbacks", &at, callback)?;
        // What has passed is stubbed, so each schema is deserialized once more, at the end.
        let operation = copy_with(operation, |key, value| match (key, value) {
            ("callbacks", Value::Object(entries)) => Some(stub_entries(entries, empty)),
            ("responses", Value::Object(entries)) => {
                Some(stub_entries(entries, || json!({"description": ""})))
            }
            ("parameters", Value::Array(parameters)) => Some(stubbed_parameters(parameters)),
            ("requestBody", Value::Object(body)) => Some(Value::Object(content_stubbed(body))),
            _ => None,
        });
        deserializes_as::<openapiv3::Operation>(&Value::Object(operation), &at)?;
    }
    // The operations (checked above) are left out: each is first copied as `null`, then
    // removed, so the other keys keep the order the check always saw them in.
    let is_operation = |key: &str| methods(Version::OpenApi30).any(|m| m == key);
    let mut stub = copy_with(object, |key, value| match (key, value) {
        (key, Value::Object(_)) if is_operation(key) => Some(Value::Null),
        ("parameters", Value::Array(parameters)) => Some(stubbed_parameters(parameters)),
        _ => None,
    });
    for method in methods(Version::OpenApi30) {
        if let Some(Value::Object(_)) = object.get(method) {
            stub.remove(method);
        }
    }
    deserializes_as::<openapiv3::PathItem>(&Value::Object(stub), at)
}

/// A copy of `object`, with the value of each key for which `replace` gives one replaced:
/// what is replaced is never copied.
fn copy_with(
    object: &Map<String, Value>,
    replace: impl Fn(&str, &Value) -> Option<Value>,
) -> Map<String, Value> {
    object
        .iter()
        .map(|(key, value)| {
            let value = replace(key, value).unwrap_or_else(|| value.clone());
            (key.clone(), value)
        })
        .collect()
}

/// The same keys, each with the value `stub` makes.
fn stub_entries(entries: &Map<String, Value>, stub: impl Fn() -> Value) -> Value {
    Value::Object(entries.keys().map(|key| (key.clone(), stub())).collect())
}

/// The parameters, with their (already checked) schemas replaced by `{}`.
fn stubbed_parameters(parameters: &[Value]) -> Value {
    Value::Array(
        parameters
            .iter()
            .map(|parameter| match parameter {
                Value::Object(parameter) => Value::Object(schema_and_content_stubbed(parameter)),
                other => other.clone(),
            })
            .collect(),
    )
}

/// A parameter, header or media type map with its (already checked) schemas replaced by `{}`.
fn schema_and_content_stubbed(object: &Map<String, Value>) -> Map<String, Value> {
    copy_with(object, |key, value| match (key, value) {
        ("schema", _) => Some(empty()),
        ("content", Value::Object(content)) => Some(Value::Object(stubbed_media(content))),
        _ => None,
    })
}

/// `object` with the schemas of its `content` map replaced by `{}`.
fn content_stubbed(object: &Map<String, Value>) -> Map<String, Value> {
    copy_with(object, |key, value| match (key, value) {
        ("content", Value::Object(content)) => Some(Value::Object(stubbed_media(content))),
        _ => None,
    })
}

fn stubbed_media(content: &Map<String, Value>) -> Map<String, Value> {
    copy_with(content, |_, media| match media {
        Value::Object(media) => Some(Value::Object(schema_and_content_stubbed(media))),
        _ => None,
    })
}

/// A parameter or a header: a `schema` or a `content` map.
fn parameter(value: &mut Value, at: &str) -> Result<()> {
    if let Value::Object(object) = value {
        if let Some(child) = object.get_mut("schema") {
            schema(child, &join(at, "schema"))?;
        }
        content(object, at)?;
    }
    Ok(())
}

fn request_body(value: &mut Value, at: &str) -> Result<()> {
    if let Value::Object(object) = value {
        content(object, at)?;
    }
    Ok(())
}

fn response(value: &mut Value, at: &str) -> Result<()> {
    if let Value::Object(object) = value {
        map(object, "headers", at, parameter)?;
        content(object, at)?;
    }
    // Its schemas have passed: stubbed, the response alone is checked, to locate its errors.
    let Value::Object(object) = value else {
        return deserializes_as::<openapiv3::ReferenceOr<openapiv3::Response>>(value, at);
    };
    let stub = copy_with(object, |key, value| match (key, value) {
        ("content", Value::Object(content)) => Some(Value::Object(stubbed_media(content))),
        ("headers", Value::Object(headers)) => Some(Value::Object(copy_with(
            headers,
            |_, header| match header {
                Value::Object(header) => Some(Value::Object(schema_and_content_stubbed(header))),
                _ => None,
            },
        ))),
        _ => None,
    });
    deserializes_as::<openapiv3::ReferenceOr<openapiv3::Response>>(&Value::Object(stub), at)
}

fn content(object: &mut Map<String, Value>, at: &str) -> Result<()> {
    map(object, "content", at, |media, at| {
        if let Value::Object(media) = media {
            if let Some(child) = media.get_mut("schema") {
                schema(child, &join(at, "schema"))?;
            }
            map(media, "encoding", at, |encoding, at| {
                if let Value::Object(encoding) = encoding {
                    map(encoding, "headers", at, parameter)?;
                }
                Ok(())
            })?;
        }
        Ok(())
    })
}

/// A callback maps expressions to path items, whose operations may hold callbacks again.
fn callback(value: &mut Value, at: &str) -> Result<()> {
    match value {
        Value::Object(object) if !object.contains_key("$ref") => {
            for (key, item) in object.iter_mut() {
                path_item(item, &join(at, key))?;
            }
            Ok(())
        }
        _ => deserializes_as::<openapiv3::ReferenceOr<openapiv3::Callback>>(value, at),
    }
}

/// Checks a schema: its child schemas first, then the schema itself with each child replaced
/// by `{}`, so that every node is deserialized once, whatever the depth.
fn schema(value: &mut Value, at: &str) -> Result<()> {
    if let Value::Bool(allowed) = value {
        *value = boolean_schema(*allowed);
        return Ok(());
    }
    let Value::Object(object) = value else {
        return deserializes_as::<openapiv3::ReferenceOr<openapiv3::Schema>>(value, at);
    };
    if object.contains_key("$ref") {
        return deserializes_as::<openapiv3::ReferenceOr<openapiv3::Schema>>(value, at);
    }
    let mut stub = Map::with_capacity(object.len());
    for (key, child) in object.iter_mut() {
        // The pointer is made only for a child that is a schema.
        let child_at = || join(at, key);
        let stubbed = match (key.as_str(), child) {
            ("properties", Value::Object(properties)) => {
                let child_at = child_at();
                for (name, property) in properties.iter_mut() {
                    schema(property, &join(&child_at, name))?;
                }
                Value::Object(properties.keys().map(|k| (k.clone(), empty())).collect())
            }
            ("items" | "not", child) if child.is_object() || child.is_boolean() => {
                schema(child, &child_at())?;
                empty()
            }
            ("additionalProperties", child) if child.is_object() => {
                schema(child, &child_at())?;
                empty()
            }
            ("allOf" | "oneOf" | "anyOf", Value::Array(parts)) => {
                let child_at = child_at();
                for (index, part) in parts.iter_mut().enumerate() {
                    schema(part, &join(&child_at, &index.to_string()))?;
                }
                Value::Array(parts.iter().map(|_| empty()).collect())
            }
            (_, child) => child.clone(),
        };
        stub.insert(key.clone(), stubbed);
    }
    deserializes_as::<openapiv3::ReferenceOr<openapiv3::Schema>>(&Value::Object(stub), at)
}

fn empty() -> Value {
    Value::Object(Map::new())
}

fn boolean_schema(allowed: bool) -> Value {
    if allowed {
        empty()
    } else {
        let mut not = Map::new();
        not.insert("not".to_owned(), empty());
        Value::Object(not)
    }
}

fn map(
    object: &mut Map<String, Value>,
    key: &str,
    at: &str,
    mut check: impl FnMut(&mut Value, &str) -> Result<()>,
) -> Result<()> {
    if let Some(Value::Object(entries)) = object.get_mut(key) {
        let at = join(at, key);
        for (name, entry) in entries.iter_mut() {
            check(entry, &join(&at, name))?;
        }
    }
    Ok(())
}

fn list(
    object: &mut Map<String, Value>,
    key: &str,
    at: &str,
    check: impl Fn(&mut Value, &str) -> Result<()>,
) -> Result<()> {
    if let Some(Value::Array(items)) = object.get_mut(key) {
        let at = join(at, key);
        for (index, item) in items.iter_mut().enumerate() {
            check(item, &join(&at, &index.to_string()))?;
        }
    }
    Ok(())
}

fn deserializes_as<T: DeserializeOwned>(value: &Value, at: &str) -> Result<()> {
    serde_path_to_error::deserialize::<_, T>(value)
        .map(drop)
        .map_err(|e| super::structural::structural_error(at, &e))
}
