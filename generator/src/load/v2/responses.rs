//! Responses: a `schema` → `content` for each `produces` type, headers with a `schema`.

use serde_json::{Map, Value, json};

use super::converter::{Converter, JSON, object};
use super::refs::rewrite_ref;
use super::schema::convert_schema;
use crate::error::join;

impl Converter<'_> {
    pub(super) fn responses(
        &mut self,
        responses: Value,
        produces: Option<&[String]>,
        at: &str,
    ) -> Value {
        let Value::Object(responses) = responses else {
            return responses;
        };
        let mut out = Map::new();
        for (code, response) in responses {
            let response = if code.starts_with("x-") {
                response
            } else {
                let at = join(at, &code);
                self.response(response, produces, &at, &at)
            };
            out.insert(code, response);
        }
        Value::Object(out)
    }

    /// A Response Object: `schema` → `content` for each `produces` type.
    pub(super) fn response(
        &mut self,
        response: Value,
        produces: Option<&[String]>,
        to: &str,
        from: &str,
    ) -> Value {
        let Value::Object(mut response) = response else {
            return response;
        };
        if let Some(Value::String(reference)) = response.get("$ref") {
            return json!({ "$ref": rewrite_ref(reference) });
        }
        let mut out = Map::new();
        out.insert(
            "description".into(),
            response.remove("description").unwrap_or_else(|| json!("")),
        );
        if let Some(headers) = response.remove("headers") {
            let headers = match headers {
                Value::Object(headers) => Value::Object(
                    headers
                        .into_iter()
                        .map(|(name, header)| {
                            let header_to = join(&join(to, "headers"), &name);
                            let header_from = join(&join(from, "headers"), &name);
                            (name, self.header(header, &header_to, &header_from))
                        })
                        .collect(),
                ),
                other => other,
            };
            out.insert("headers".into(), headers);
        }
        let examples = response.remove("examples").map(object).unwrap_or_default();
        if let Some(schema) = response.remove("schema") {
            let is_file = schema.get("type").and_then(Value::as_str) == Some("file");
            let schema = convert_schema(schema);
            let media_types = match produces {
                Some(list) if !list.is_empty() => list.to_vec(),
                _ if is_file => vec!["application/octet-stream".to_owned()],
                _ => vec![JSON.to_owned()],
            };
            let mut content = Map::new();
            for media_type in media_types {
                let media_at = join(&join(to, "content"), &media_type);
                self.moved(join(&media_at, "schema"), &join(from, "schema"));
                let mut media = Map::new();
                media.insert("schema".into(), schema.clone());
                if let Some(example) = examples.get(&media_type) {
                    self.moved(
                        join(&media_at, "example"),
                        &join(&join(from, "examples"), &media_type),
                    );
                    media.insert("example".into(), example.clone());
                }
                content.insert(media_type, Value::Object(media));
            }
            out.insert("content".into(), Value::Object(content));
        }
        for (key, value) in response {
            out.insert(key, value);
        }
        Value::Object(out)
    }

    /// A 2.0 Header Object (schema-like) → a 3.0 Header Object with a `schema`.
    fn header(&mut self, header: Value, to: &str, from: &str) -> Value {
        let Value::Object(mut header) = header else {
            return header;
        };
        header.remove("collectionFormat");
        let (schema, example) = self.take_schema(&mut header);
        let mut out = header;
        out.insert("schema".into(), Value::Object(schema));
        if let Some(example) = example {
            out.entry("example").or_insert(example);
        }
        self.moved(join(to, "schema"), from);
        Value::Object(out)
    }
}
