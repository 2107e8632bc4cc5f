//! The XML Object of each schema (`xml`: `name`, `namespace`, `prefix`, `attribute`,
//! `wrapped`), which `openapiv3` does not read: kept under [`XML_EXTENSION`] for `lower`,
//! with only the fields that read as the specification types them.

use serde_json::{Map, Value};

use super::places::for_each_schema;
use super::version::Version;

/// The extension under which a schema's XML Object reaches `lower`.
pub(crate) const XML_EXTENSION: &str = "x-opengen-xml";

/// Moves the `xml` of every schema of the document (of the 3.0 `model`) to [`XML_EXTENSION`].
pub(super) fn keep(value: &mut Value, model: Version) {
    for_each_schema(value, model, &[], &mut |schema, _| keep_in(schema));
}

fn keep_in(value: &mut Value) {
    let Value::Object(map) = value else {
        return;
    };
    if let Some(xml) = map.shift_remove("xml") {
        let kept = readable(&xml);
        if !kept.is_empty() {
            map.insert(XML_EXTENSION.to_owned(), Value::Object(kept));
        }
    }
    if let Some(Value::Object(properties)) = map.get_mut("properties") {
        properties.values_mut().for_each(keep_in);
    }
    for key in ["additionalProperties", "items", "not"] {
        if let Some(child) = map.get_mut(key) {
            keep_in(child);
        }
    }
    for key in ["allOf", "anyOf", "oneOf", super::TUPLE_EXTENSION] {
        if let Some(Value::Array(parts)) = map.get_mut(key) {
            parts.iter_mut().for_each(keep_in);
        }
    }
}

/// The fields of an XML Object that have the type the specification gives them (text for the
/// names, booleans for the flags); others are left out.
fn readable(xml: &Value) -> Map<String, Value> {
    let Value::Object(xml) = xml else {
        return Map::new();
    };
    xml.iter()
        .filter(|(key, value)| match key.as_str() {
            "name" | "namespace" | "prefix" => value.as_str().is_some_and(|s| !s.is_empty()),
            "attribute" | "wrapped" => value.is_boolean(),
            _ => false,
        })
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect()
}
