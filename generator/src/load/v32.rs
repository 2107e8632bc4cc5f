//! OpenAPI 3.2 → OpenAPI 3.1, before the 3.1 normalisation: 3.2 extends 3.1, so a 3.2 document
//! is a 3.1 one once its additions are read or left out.
//!
//! - Media types shared in `components.mediaTypes` are copied where a `content` map refers to
//!   them (`{$ref: '#/components/mediaTypes/X'}`), and the section is dropped.
//! - A `text/event-stream` media type described by `itemSchema` (one schema per event) is
//!   described by it as `schema` is in 3.1 (the client reads each event with it); the
//!   `itemSchema` of another sequential media type (`application/jsonl`, `application/json-seq`,
//!   `multipart/mixed`) is a warning: the body is read as bytes.
//! - The `query` method and `additionalOperations` (methods beyond OpenAPI's fixed ones) are
//!   left out with a warning each: the client does not send them yet.
//!
//! What 3.2 adds for documentation or validation only (`$self`, tag `parent`/`kind`, response
//! `summary`, server `name`, example `dataValue`/`serializedValue`, discriminator
//! `defaultMapping`, the OAuth2 device flow) needs nothing: the 3.0 model does not read it.
//!
//! Parameters: `in: querystring` described as `application/x-www-form-urlencoded` (the whole
//! query string is the form of one object) is that object as an exploded `form` query
//! parameter, which writes the same `key=value&…`; a `querystring` in another media type is
//! not in the 3.0 model, and the operation using it is skipped with a warning naming it.
//! `style: cookie` is the cookie default, `form` (the same `name=value` for a scalar).

use serde_json::{Map, Value};

use super::json_pointer::{find, tokens};
use crate::error::join;
use crate::ir::Warning;

const MEDIA_TYPES: &str = "#/components/mediaTypes/";

/// Reads the OpenAPI 3.2 additions of `value` as their OpenAPI 3.1 forms, or leaves them out
/// with a warning.
pub(super) fn normalise(value: &mut Value, warnings: &mut Vec<Warning>) {
    let shared = value
        .pointer("/components/mediaTypes")
        .cloned()
        .unwrap_or(Value::Null);
    rewrite(value, &shared, &mut "#".to_owned(), Some(warnings));
    if let Some(Value::Object(components)) = value.get_mut("components") {
        components.shift_remove("mediaTypes");
        if let Some(Value::Object(responses)) = components.get_mut("responses") {
            responses.values_mut().for_each(optional_description);
        }
    }
    let Some(Value::Object(paths)) = value.get_mut("paths") else {
        return;
    };
    for (path, item) in paths.iter_mut() {
        let Value::Object(item) = item else {
            continue;
        };
        for operation in item.values_mut() {
            if let Some(Value::Object(responses)) = operation.get_mut("responses") {
                responses.values_mut().for_each(optional_description);
            }
        }
        let item_at = join("#/paths", path);
        if item.shift_remove("query").is_some() {
            warnings.push(Warning {
                pointer: join(&item_at, "query"),
                message: "the QUERY method (OpenAPI 3.2) is not generated yet; the operation \
                          is left out"
                    .to_owned(),
            });
        }
        if let Some(Value::Object(more)) = item.shift_remove("additionalOperations") {
            for method in more.keys() {
                warnings.push(Warning {
                    pointer: join(&join(&item_at, "additionalOperations"), method),
                    message: format!(
                        "the `{method}` method (OpenAPI 3.2 `additionalOperations`) is not \
                         generated yet; the operation is left out"
                    ),
                });
            }
        }
    }
}

/// Copies the media types shared in `components.mediaTypes` where `content` maps refer to them,
/// and drops the section, in a 3.0 or 3.1 document: bundlers write the 3.2 section into those
/// too (Redocly's bundle of Lob's API refers to `#/components/mediaTypes/…` from 130 responses,
/// each of which would otherwise cost its operation).
pub(super) fn shared_media_types(value: &mut Value) {
    let Some(Value::Object(components)) = value.get_mut("components") else {
        return;
    };
    let Some(shared) = components.shift_remove("mediaTypes") else {
        return;
    };
    rewrite(value, &shared, &mut "#".to_owned(), None);
}

/// A response's `description`, optional since 3.2, written out empty where it is absent (3.1
/// requires it).
fn optional_description(response: &mut Value) {
    if let Value::Object(response) = response {
        if !response.contains_key("$ref") && !response.contains_key("description") {
            response.insert("description".to_owned(), Value::String(String::new()));
        }
    }
}

/// Copies shared media types where `content` maps refer to them and, with `warnings` (a 3.2
/// document), reads `itemSchema` and parameters' 3.2 additions, through every node but data
/// (`example`, `examples`, extensions), in one walk.
fn rewrite(
    node: &mut Value,
    shared: &Value,
    at: &mut String,
    mut warnings: Option<&mut Vec<Warning>>,
) {
    match node {
        Value::Object(map) => {
            if let Some(Value::Object(content)) = map.get_mut("content") {
                let content_at = join(at, "content");
                for (media_type, media) in content.iter_mut() {
                    let media_at = join(&content_at, media_type);
                    if let Some(copy) = shared_target(media, shared) {
                        *media = copy;
                    }
                    if let (Value::Object(media), Some(warnings)) = (media, warnings.as_deref_mut())
                    {
                        item_schema(media_type, media, &media_at, warnings);
                    }
                }
            }
            if let Some(warnings) = warnings.as_deref_mut() {
                if map.get("in").and_then(Value::as_str).is_some() && map.contains_key("name") {
                    parameter(map, at, warnings);
                }
            }
            for (key, child) in map.iter_mut() {
                if key == "example" || key == "examples" || key.starts_with("x-") {
                    continue;
                }
                let before = at.len();
                *at = join(at, key);
                rewrite(child, shared, at, warnings.as_deref_mut());
                at.truncate(before);
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter_mut().enumerate() {
                let before = at.len();
                *at = join(at, &index.to_string());
                rewrite(item, shared, at, warnings.as_deref_mut());
                at.truncate(before);
            }
        }
        _ => {}
    }
}

/// The shared media type a `{$ref: '#/components/mediaTypes/X'}` names, following a chain of
/// them (a cycle or a dangling one is left as written, for `lower` to report).
fn shared_target(media: &Value, shared: &Value) -> Option<Value> {
    let mut current = media;
    for _ in 0..16 {
        let reference = current.get("$ref")?.as_str()?;
        let key = reference.strip_prefix(MEDIA_TYPES)?;
        let tokens = tokens(&format!("#/{key}"))?;
        let target = find(shared, &tokens)?;
        if target.get("$ref").is_none() {
            return Some(target.clone());
        }
        current = target;
    }
    None
}

/// `itemSchema` (the schema of each item of a sequential media type): the event schema of a
/// `text/event-stream`, the schema of each line of a JSON-lines type (`application/jsonl`,
/// `application/x-ndjson`, `application/json-seq`: what `schema` means there when `lower`
/// streams it), else a warning.
fn item_schema(
    media_type: &str,
    media: &mut Map<String, Value>,
    at: &str,
    warnings: &mut Vec<Warning>,
) {
    let Some(item) = media.shift_remove("itemSchema") else {
        return;
    };
    media.shift_remove("itemEncoding");
    let essence = media_type.split(';').next().unwrap_or("").trim();
    if essence.eq_ignore_ascii_case("text/event-stream") || crate::ir::is_json_lines(essence) {
        media.entry("schema").or_insert(item);
    } else {
        warnings.push(Warning {
            pointer: join(at, "itemSchema"),
            message: format!(
                "items of a sequential media type (`{media_type}`) are not read one by one \
                 yet; the body is read as bytes"
            ),
        });
    }
}

/// Reads a parameter's 3.2 additions: a form-encoded `querystring` as an exploded `form` query
/// parameter, `style: cookie` as `form`.
fn parameter(map: &mut Map<String, Value>, at: &str, warnings: &mut Vec<Warning>) {
    if map.get("style").and_then(Value::as_str) == Some("cookie") {
        map.insert("style".to_owned(), Value::String("form".to_owned()));
    }
    if map.get("in").and_then(Value::as_str) != Some("querystring") {
        return;
    }
    let form = map
        .get("content")
        .and_then(Value::as_object)
        .and_then(|content| {
            content.iter().find_map(|(media_type, media)| {
                let essence = media_type.split(';').next().unwrap_or("").trim();
                essence
                    .eq_ignore_ascii_case("application/x-www-form-urlencoded")
                    .then(|| {
                        media
                            .get("schema")
                            .cloned()
                            .unwrap_or(Value::Object(Map::new()))
                    })
            })
        });
    match form {
        Some(schema) => {
            map.shift_remove("content");
            map.insert("in".to_owned(), Value::String("query".to_owned()));
            map.insert("style".to_owned(), Value::String("form".to_owned()));
            map.insert("explode".to_owned(), Value::Bool(true));
            map.insert("schema".to_owned(), schema);
        }
        None => warnings.push(Warning {
            pointer: join(at, "in"),
            message: "a `querystring` parameter is read only as an \
                      `application/x-www-form-urlencoded` object"
                .to_owned(),
        }),
    }
}
