//! Parameters: those that stay parameters get a `schema` and a `style`; body and form
//! parameters are set apart for the request body.

use serde_json::{Map, Value, json};

use super::converter::{Converter, object};
use super::refs::{parameter_ref_key, rewrite_ref};
use super::schema::convert_schema;
use crate::error::join;
use crate::ir::Warning;

/// The keys of a 2.0 parameter, header or items object that belong to its 3.0 `schema`.
pub(in crate::load) const SCHEMA_KEYS: [&str; 18] = [
    "type",
    "format",
    "items",
    "default",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "enum",
    "multipleOf",
    "x-nullable",
    "x-example",
];

/// A body or form parameter, resolved, and the 2.0 pointer it was written at.
#[derive(Clone)]
pub(super) struct Moved {
    pub(super) param: Map<String, Value>,
    pub(super) at: String,
}

/// The parameters of a path item or operation, split by where they go in 3.0.
#[derive(Default)]
pub(super) struct Split {
    /// Parameters that stay parameters (converted).
    pub(super) params: Vec<Value>,
    pub(super) body: Option<Moved>,
    pub(super) form: Vec<Moved>,
}

impl Converter<'_> {
    /// Converts a `parameters` list at `at` (a path item or operation): parameters stay,
    /// recorded at their new index; body and form parameters are set apart.
    pub(super) fn split(&mut self, params: Vec<Value>, at: &str) -> Split {
        let mut split = Split::default();
        let list_at = join(at, "parameters");
        for (index, param) in params.into_iter().enumerate() {
            let from = join(&list_at, &index.to_string());
            let resolved = self.resolve(&param, &from);
            match resolved
                .as_ref()
                .and_then(|m| m.param.get("in"))
                .and_then(Value::as_str)
            {
                Some("body") => {
                    if let Some(moved) = resolved {
                        split.body = Some(moved);
                    }
                }
                Some("formData") => {
                    if let Some(moved) = resolved {
                        split.form.push(moved);
                    }
                }
                _ => {
                    let to = join(&list_at, &split.params.len().to_string());
                    self.moved(to.clone(), &from);
                    let converted = match param {
                        Value::Object(map) => self.parameter(map, &to, &from),
                        other => other,
                    };
                    split.params.push(converted);
                }
            }
        }
        split
    }

    /// A parameter with a `$ref` into `#/parameters` resolved, and where it was written.
    fn resolve(&self, param: &Value, at: &str) -> Option<Moved> {
        let map = param.as_object()?;
        match map.get("$ref").and_then(Value::as_str) {
            Some(reference) => {
                let key = parameter_ref_key(reference)?;
                let target = self.params.get(&key)?.as_object()?;
                Some(Moved {
                    param: target.clone(),
                    at: crate::error::pointer(&["parameters", &key]),
                })
            }
            None => Some(Moved {
                param: map.clone(),
                at: at.to_owned(),
            }),
        }
    }

    /// A parameter that stays one: its type fields become `schema`, its `collectionFormat` a
    /// `style`. `to` is its 3.0 pointer, `from` its 2.0 one.
    pub(super) fn parameter(
        &mut self,
        mut param: Map<String, Value>,
        to: &str,
        from: &str,
    ) -> Value {
        if let Some(Value::String(reference)) = param.get("$ref") {
            // A `$ref` to a definition beside the parameter's own `name` and `in` stands for
            // its schema: kept whole, for the reading of such parameters after conversion.
            let is_definition = reference.starts_with("#/definitions/");
            let rewritten = rewrite_ref(reference);
            if is_definition && param.contains_key("name") && param.contains_key("in") {
                param.insert("$ref".into(), Value::String(rewritten));
                return Value::Object(param);
            }
            return json!({ "$ref": rewritten });
        }
        let location = param
            .get("in")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        let (schema, example) = self.take_schema(&mut param);
        let format = param.remove("collectionFormat");
        let mut out = Map::new();
        for (key, value) in param {
            if key == "allowEmptyValue" && location != "query" {
                continue;
            }
            out.insert(key, value);
        }
        let mut schema = schema;
        if schema.get("type").and_then(Value::as_str) == Some("array") {
            let format = format.as_ref().and_then(Value::as_str).unwrap_or("csv");
            match collection_style(format, &location) {
                Some((style, explode)) => {
                    out.insert("style".into(), json!(style));
                    out.insert("explode".into(), json!(explode));
                }
                None => {
                    schema = self.joined_by_caller(schema, format, &location, to);
                }
            }
        }
        out.insert("schema".into(), Value::Object(schema));
        if let Some(example) = example {
            out.entry("example").or_insert(example);
        }
        self.moved(join(to, "schema"), from);
        Value::Object(out)
    }

    /// An array whose `collectionFormat` 3.0 cannot express where it is: a string the caller
    /// joins, with a warning at `to`.
    pub(super) fn joined_by_caller(
        &mut self,
        schema: Map<String, Value>,
        format: &str,
        location: &str,
        to: &str,
    ) -> Map<String, Value> {
        self.warnings.push(Warning {
            pointer: to.to_owned(),
            message: format!(
                "`collectionFormat: {format}` has no OpenAPI 3.0 style in {location}; the array \
                 is taken as a string, its items joined by the caller"
            ),
        });
        let mut string = Map::new();
        string.insert("type".into(), json!("string"));
        if let Some(description) = schema.get("description") {
            string.insert("description".into(), description.clone());
        }
        string
    }

    /// Removes the schema fields of a 2.0 parameter or header and returns them as a converted
    /// schema, and its `x-example`.
    pub(super) fn take_schema(
        &mut self,
        param: &mut Map<String, Value>,
    ) -> (Map<String, Value>, Option<Value>) {
        let mut schema = Map::new();
        for key in SCHEMA_KEYS {
            if let Some(value) = param.remove(key) {
                schema.insert(key.to_owned(), value);
            }
        }
        let example = schema.remove("x-example");
        if let Some(Value::Object(items)) = schema.get_mut("items") {
            strip_collection_formats(items);
        }
        (object(convert_schema(Value::Object(schema))), example)
    }
}

/// The 3.0 `style` and `explode` of a 2.0 `collectionFormat` at a parameter location, or
/// `None` when 3.0 has no style for it there.
pub(super) fn collection_style(format: &str, location: &str) -> Option<(&'static str, bool)> {
    match (location, format) {
        ("query" | "formData", "csv") => Some(("form", false)),
        ("query" | "formData", "multi") => Some(("form", true)),
        ("query" | "formData", "ssv") => Some(("spaceDelimited", false)),
        ("query" | "formData", "pipes") => Some(("pipeDelimited", false)),
        ("path" | "header", "csv") => Some(("simple", false)),
        _ => None,
    }
}

/// Whether a `#/parameters` entry is a body or form parameter, which 3.0 parameters cannot be.
pub(super) fn is_body_or_form(param: &Value) -> bool {
    matches!(
        param.get("in").and_then(Value::as_str),
        Some("body" | "formData")
    )
}

/// `collectionFormat` inside nested `items` has no 3.0 counterpart (only the outer array has a
/// style); it is dropped.
fn strip_collection_formats(items: &mut Map<String, Value>) {
    items.remove("collectionFormat");
    if let Some(Value::Object(inner)) = items.get_mut("items") {
        strip_collection_formats(inner);
    }
}
