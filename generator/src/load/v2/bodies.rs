//! Body and form parameters → the operation's `requestBody`.

use serde_json::{Map, Value, json};

use super::converter::{Converter, FORM, MULTIPART};
use super::parameters::{Moved, collection_style};
use super::schema::convert_schema;
use crate::error::join;
use crate::ir::Warning;

impl Converter<'_> {
    pub(super) fn body(&mut self, body: Moved, consumes: &[String], to: &str) -> Value {
        let Moved { mut param, at } = body;
        self.moved(to.to_owned(), &at);
        let schema = convert_schema(param.remove("schema").unwrap_or_else(|| json!({})));
        let mut content = Map::new();
        for media_type in consumes {
            let media_at = join(&join(to, "content"), media_type);
            self.moved(join(&media_at, "schema"), &join(&at, "schema"));
            content.insert(media_type.clone(), json!({ "schema": schema }));
        }
        let mut out = Map::new();
        if let Some(description) = param.remove("description") {
            out.insert("description".into(), description);
        }
        out.insert("content".into(), Value::Object(content));
        if let Some(required) = param.remove("required") {
            out.insert("required".into(), required);
        }
        for (key, value) in param {
            if key.starts_with("x-") {
                out.insert(key, value);
            }
        }
        Value::Object(out)
    }

    pub(super) fn form(&mut self, fields: Vec<Moved>, consumes: &[String], to: &str) -> Value {
        let has_file = fields
            .iter()
            .any(|f| f.param.get("type").and_then(Value::as_str) == Some("file"));
        let says = |media_type: &str| {
            consumes
                .iter()
                .any(|c| c.split(';').next().unwrap_or_default().trim() == media_type)
        };
        let media_type = if has_file || (says(MULTIPART) && !says(FORM)) {
            MULTIPART
        } else {
            FORM
        };
        let schema_at = join(&join(&join(to, "content"), media_type), "schema");
        let mut properties = Map::new();
        let mut required = Vec::new();
        let mut encoding = Map::new();
        for Moved { mut param, at } in fields {
            let Some(name) = param.get("name").and_then(Value::as_str).map(str::to_owned) else {
                // Warnings name nodes of the converted document; this one has none, so the
                // warning is at the operation and names the parameter as written.
                let operation = to.strip_suffix("/requestBody").unwrap_or(to);
                self.warnings.push(Warning {
                    pointer: operation.to_owned(),
                    message: format!("the form parameter {at} has no `name`; it is left out"),
                });
                continue;
            };
            let field_at = join(&join(&schema_at, "properties"), &name);
            self.moved(field_at.clone(), &at);
            let (mut schema, example) = self.take_schema(&mut param);
            if let Some(description) = param.get("description") {
                schema.insert("description".into(), description.clone());
            }
            if let Some(example) = example {
                schema.entry("example").or_insert(example);
            }
            if schema.get("type").and_then(Value::as_str) == Some("array") {
                let format = param
                    .get("collectionFormat")
                    .and_then(Value::as_str)
                    .unwrap_or("csv");
                match collection_style(format, "formData") {
                    Some((style, explode)) if media_type == FORM => {
                        encoding
                            .insert(name.clone(), json!({ "style": style, "explode": explode }));
                    }
                    Some(_) => {}
                    None => {
                        schema = self.joined_by_caller(schema, format, "a form", &field_at);
                    }
                }
            }
            if param.get("required").and_then(Value::as_bool) == Some(true) {
                required.push(json!(name));
            }
            properties.insert(name, Value::Object(schema));
        }
        let mut schema = Map::new();
        schema.insert("type".into(), json!("object"));
        schema.insert("properties".into(), Value::Object(properties));
        let any_required = !required.is_empty();
        if any_required {
            schema.insert("required".into(), Value::Array(required));
        }
        let mut media = Map::new();
        media.insert("schema".into(), Value::Object(schema));
        if !encoding.is_empty() {
            media.insert("encoding".into(), Value::Object(encoding));
        }
        let mut content = Map::new();
        content.insert(media_type.to_owned(), Value::Object(media));
        let mut out = Map::new();
        out.insert("content".into(), Value::Object(content));
        if any_required {
            out.insert("required".into(), json!(true));
        }
        Value::Object(out)
    }
}
