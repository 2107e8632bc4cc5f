//! Swagger 2.0 → OpenAPI 3.0, on the plain JSON value, before the 3.0 steps run.
//!
//! The rules (the Swagger 2.0 and OpenAPI 3.0.3 specifications, field by field):
//! - `host`, `basePath`, `schemes` → `servers`: one server per scheme (`https` first,
//!   `https` when none is given), `scheme://host/basePath`; without `host`, the relative
//!   server `basePath`.
//! - `definitions`, `parameters`, `responses`, `securityDefinitions` → `components` (`schemas`,
//!   `parameters`, `responses`, `securitySchemes`); `$ref`s to them are rewritten.
//! - `in: body` → `requestBody`, one media type per `consumes` entry (the operation's, else the
//!   document's, else `application/json`); `in: formData` → one `requestBody` with an object
//!   schema of the fields, `multipart/form-data` when a field is `type: file` or `consumes`
//!   names multipart and not `application/x-www-form-urlencoded`, the latter otherwise. A body
//!   or form parameter in `#/parameters` cannot be a 3.0 parameter: it is inlined where used.
//! - A parameter's or header's `type`, `format`, `items`, `enum`, `default` and bounds →
//!   `schema`; `collectionFormat` → `style`/`explode` (an Encoding Object for form fields);
//!   `tsv`, and delimiters 3.0 has no style for in a path or header, make the parameter a
//!   string the caller joins, with a warning.
//! - A response's `schema` → `content` for each `produces` type, `examples` → each media type's
//!   `example`; response headers' fields → `schema`.
//! - Schemas: `type: file` → `type: string, format: binary`; `x-nullable` → `nullable` (on a
//!   `$ref`, `allOf: [$ref]` beside it, which 3.0 reads); a `discriminator` property name →
//!   `{propertyName}`.
//! - `securityDefinitions`: `basic` → `http`/`basic`; `apiKey` as it is; `oauth2` `flow`s
//!   `implicit`, `password`, `application` (→ `clientCredentials`), `accessCode` (→
//!   `authorizationCode`).
//! - `info`, `tags`, `externalDocs`, `security`, operation fields and `x-` extensions are kept.
//!
//! Every moved node is recorded in the returned [`Layer`] (3.0 pointer → 2.0 pointer), so an
//! error or warning found later names the node in the 2.0 document. Warnings raised here are
//! at pointers of the converted document, as every other warning is, and are mapped back the
//! same way.

use serde_json::{Map, Value, json};

use super::origins::{Layer, Origin};
use crate::error::{Error, Result, join};
use crate::ir::Warning;

const METHODS: [&str; 7] = ["get", "put", "post", "delete", "options", "head", "patch"];

/// The keys of a 2.0 parameter, header or items object that belong to its 3.0 `schema`.
const SCHEMA_KEYS: [&str; 18] = [
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

const FORM: &str = "application/x-www-form-urlencoded";
const MULTIPART: &str = "multipart/form-data";
const JSON: &str = "application/json";

/// Converts a Swagger 2.0 document in place to OpenAPI 3.0. Returns where each converted node
/// came from, so errors found later point into the 2.0 document.
pub(super) fn convert(value: &mut Value, warnings: &mut Vec<Warning>) -> Result<Layer> {
    let Value::Object(root) = std::mem::take(value) else {
        return Err(Error::at("#", "the document is not a mapping/object"));
    };
    let mut converter = Converter::new(&root, warnings);
    *value = Value::Object(converter.document(root)?);
    Ok(converter.layer)
}

/// [`convert`] for tests: the converted document, its source map and the warnings.
#[doc(hidden)]
pub fn convert_swagger2(mut value: Value) -> Result<(Value, Layer, Vec<Warning>)> {
    let mut warnings = Vec::new();
    let layer = convert(&mut value, &mut warnings)?;
    Ok((value, layer, warnings))
}

/// A body or form parameter, resolved, and the 2.0 pointer it was written at.
#[derive(Clone)]
struct Moved {
    param: Map<String, Value>,
    at: String,
}

/// The parameters of a path item or operation, split by where they go in 3.0.
#[derive(Default)]
struct Split {
    /// Parameters that stay parameters (converted).
    params: Vec<Value>,
    body: Option<Moved>,
    form: Vec<Moved>,
}

struct Converter<'w> {
    /// The document's `#/parameters`, to resolve `$ref`s to body and form parameters.
    params: Map<String, Value>,
    consumes: Option<Vec<String>>,
    produces: Option<Vec<String>>,
    layer: Layer,
    warnings: &'w mut Vec<Warning>,
}

fn strings(value: Option<&Value>) -> Option<Vec<String>> {
    let Value::Array(items) = value? else {
        return None;
    };
    Some(
        items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
    )
}

fn object(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

/// `#/definitions/X` → `#/components/schemas/X`, and the same for parameters and responses.
fn rewrite_ref(reference: &str) -> String {
    const MOVES: [(&str, &str); 3] = [
        ("#/definitions/", "#/components/schemas/"),
        ("#/parameters/", "#/components/parameters/"),
        ("#/responses/", "#/components/responses/"),
    ];
    for (from, to) in MOVES {
        if let Some(rest) = reference.strip_prefix(from) {
            return format!("{to}{rest}");
        }
    }
    reference.to_owned()
}

/// The key of a `#/parameters/X` reference, unescaped.
fn parameter_ref_key(reference: &str) -> Option<String> {
    let key = reference.strip_prefix("#/parameters/")?;
    (!key.contains('/')).then(|| crate::error::unescape_token(key))
}

/// The 3.0 `style` and `explode` of a 2.0 `collectionFormat` at a parameter location, or
/// `None` when 3.0 has no style for it there.
fn collection_style(format: &str, location: &str) -> Option<(&'static str, bool)> {
    match (location, format) {
        ("query" | "formData", "csv") => Some(("form", false)),
        ("query" | "formData", "multi") => Some(("form", true)),
        ("query" | "formData", "ssv") => Some(("spaceDelimited", false)),
        ("query" | "formData", "pipes") => Some(("pipeDelimited", false)),
        ("path" | "header", "csv") => Some(("simple", false)),
        _ => None,
    }
}

impl<'w> Converter<'w> {
    fn new(root: &Map<String, Value>, warnings: &'w mut Vec<Warning>) -> Self {
        Self {
            params: root
                .get("parameters")
                .cloned()
                .map(object)
                .unwrap_or_default(),
            consumes: strings(root.get("consumes")),
            produces: strings(root.get("produces")),
            layer: Layer::new(),
            warnings,
        }
    }

    /// Records that the node at `to` in the 3.0 document was written at `from`.
    fn moved(&mut self, to: String, from: &str) {
        if to != from {
            self.layer.insert(
                to,
                Origin {
                    file: None,
                    pointer: from.to_owned(),
                },
            );
        }
    }

    fn document(&mut self, mut root: Map<String, Value>) -> Result<Map<String, Value>> {
        let mut out = Map::new();
        out.insert("openapi".into(), json!("3.0.3"));
        self.moved("#/openapi".into(), "#/swagger");
        if let Some(info) = root.remove("info") {
            out.insert("info".into(), info);
        }
        let servers = servers(&root);
        if !servers.is_empty() {
            let from = if root.contains_key("host") {
                "#/host"
            } else {
                "#/basePath"
            };
            self.moved("#/servers".into(), from);
            out.insert("servers".into(), Value::Array(servers));
        }
        let paths = root.remove("paths").unwrap_or_else(|| json!({}));
        let paths = self.paths(paths);
        let mut components = Map::new();
        if let Some(definitions) = root.remove("definitions") {
            self.moved("#/components/schemas".into(), "#/definitions");
            let schemas = match definitions {
                Value::Object(map) => {
                    Value::Object(map.into_iter().map(|(k, v)| (k, self.schema(v))).collect())
                }
                other => other,
            };
            let mut schemas = schemas;
            if let Value::Object(map) = &mut schemas {
                map_discriminator_values(map);
            }
            components.insert("schemas".into(), schemas);
        }
        if let Some(responses) = root.remove("responses") {
            self.moved("#/components/responses".into(), "#/responses");
            let produces = self.produces.clone();
            let responses = match responses {
                Value::Object(map) => Value::Object(
                    map.into_iter()
                        .map(|(k, v)| {
                            let to = crate::error::pointer(&["components", "responses", &k]);
                            let from = crate::error::pointer(&["responses", &k]);
                            let v = self.response(v, produces.as_deref(), &to, &from);
                            (k, v)
                        })
                        .collect(),
                ),
                other => other,
            };
            components.insert("responses".into(), responses);
        }
        if let Some(parameters) = root.remove("parameters") {
            self.moved("#/components/parameters".into(), "#/parameters");
            let parameters = match parameters {
                Value::Object(map) => Value::Object(
                    map.into_iter()
                        .filter(|(_, v)| !is_body_or_form(v))
                        .map(|(k, v)| {
                            let to = crate::error::pointer(&["components", "parameters", &k]);
                            let from = crate::error::pointer(&["parameters", &k]);
                            let v = self.parameter(object(v), &to, &from);
                            (k, v)
                        })
                        .collect(),
                ),
                other => other,
            };
            components.insert("parameters".into(), parameters);
        }
        if let Some(schemes) = root.remove("securityDefinitions") {
            self.moved(
                "#/components/securitySchemes".into(),
                "#/securityDefinitions",
            );
            let schemes = match schemes {
                Value::Object(map) => Value::Object(
                    map.into_iter()
                        .map(|(k, v)| {
                            let at = crate::error::pointer(&["securityDefinitions", &k]);
                            security_scheme(v, &at).map(|v| (k, v))
                        })
                        .collect::<Result<_>>()?,
                ),
                other => other,
            };
            components.insert("securitySchemes".into(), schemes);
        }
        for (key, value) in root {
            match key.as_str() {
                "swagger" | "host" | "basePath" | "schemes" | "consumes" | "produces" => {}
                _ => {
                    out.insert(key, value);
                }
            }
        }
        out.insert("paths".into(), paths);
        if !components.is_empty() {
            out.insert("components".into(), Value::Object(components));
        }
        Ok(out)
    }

    fn paths(&mut self, paths: Value) -> Value {
        let Value::Object(paths) = paths else {
            return paths;
        };
        let mut out = Map::new();
        for (path, item) in paths {
            let item = if path.starts_with("x-") {
                item
            } else {
                self.path_item(item, &crate::error::pointer(&["paths", &path]))
            };
            out.insert(path, item);
        }
        Value::Object(out)
    }

    fn path_item(&mut self, item: Value, at: &str) -> Value {
        let Value::Object(mut item) = item else {
            return item;
        };
        let shared = match item.remove("parameters") {
            Some(Value::Array(params)) => self.split(params, at),
            Some(other) => {
                item.insert("parameters".into(), other);
                Split::default()
            }
            None => Split::default(),
        };
        let mut out = Map::new();
        for (key, value) in item {
            if METHODS.contains(&key.as_str()) {
                let value = self.operation(value, &join(at, &key), &shared);
                out.insert(key, value);
            } else {
                out.insert(key, value);
            }
        }
        if !shared.params.is_empty() {
            out.insert("parameters".into(), Value::Array(shared.params));
        }
        Value::Object(out)
    }

    /// Converts a `parameters` list at `at` (a path item or operation): parameters stay,
    /// recorded at their new index; body and form parameters are set apart.
    fn split(&mut self, params: Vec<Value>, at: &str) -> Split {
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
    fn parameter(&mut self, mut param: Map<String, Value>, to: &str, from: &str) -> Value {
        if let Some(Value::String(reference)) = param.get("$ref") {
            return json!({ "$ref": rewrite_ref(reference) });
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
    fn joined_by_caller(
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
    fn take_schema(
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
        (object(self.schema(Value::Object(schema))), example)
    }

    fn operation(&mut self, op: Value, at: &str, shared: &Split) -> Value {
        let Value::Object(mut op) = op else {
            return op;
        };
        let consumes = strings(op.get("consumes"))
            .filter(|c| !c.is_empty())
            .or_else(|| self.consumes.clone().filter(|c| !c.is_empty()))
            .unwrap_or_else(|| vec![JSON.to_owned()]);
        let produces = strings(op.get("produces")).or_else(|| self.produces.clone());
        let own = match op.remove("parameters") {
            Some(Value::Array(params)) => self.split(params, at),
            Some(other) => {
                op.insert("parameters".into(), other);
                Split::default()
            }
            None => Split::default(),
        };
        let mut out = Map::new();
        for (key, value) in op {
            match key.as_str() {
                "consumes" | "produces" | "schemes" => {}
                "responses" => {
                    let value = self.responses(value, produces.as_deref(), &join(at, &key));
                    out.insert(key, value);
                }
                _ => {
                    out.insert(key, value);
                }
            }
        }
        if !own.params.is_empty() {
            out.insert("parameters".into(), Value::Array(own.params));
        }
        let body = own.body.or_else(|| shared.body.clone());
        let mut form = own.form;
        for moved in &shared.form {
            let name = moved.param.get("name");
            if !form.iter().any(|f| f.param.get("name") == name) {
                form.push(moved.clone());
            }
        }
        let body_at = join(at, "requestBody");
        match body {
            Some(body) => {
                if !form.is_empty() {
                    self.warnings.push(Warning {
                        pointer: at.to_owned(),
                        message: "the operation has both a body parameter and form parameters, \
                                  which Swagger 2.0 forbids; the form parameters are left out"
                            .into(),
                    });
                }
                let request = self.body(body, &consumes, &body_at);
                out.insert("requestBody".into(), request);
            }
            None if !form.is_empty() => {
                self.moved(body_at.clone(), at);
                let request = self.form(form, &consumes, &body_at);
                out.insert("requestBody".into(), request);
            }
            None => {}
        }
        Value::Object(out)
    }

    fn body(&mut self, body: Moved, consumes: &[String], to: &str) -> Value {
        let Moved { mut param, at } = body;
        self.moved(to.to_owned(), &at);
        let schema = self.schema(param.remove("schema").unwrap_or_else(|| json!({})));
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

    fn form(&mut self, fields: Vec<Moved>, consumes: &[String], to: &str) -> Value {
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

    fn responses(&mut self, responses: Value, produces: Option<&[String]>, at: &str) -> Value {
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
    fn response(
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
            let schema = self.schema(schema);
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

    /// A 2.0 Schema Object → 3.0, recursively.
    fn schema(&mut self, schema: Value) -> Value {
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
        lift_boolean_required(&mut map);
        for (key, child) in &mut map {
            match key.as_str() {
                "properties" | "patternProperties" | "definitions" => {
                    if let Value::Object(children) = child {
                        for value in children.values_mut() {
                            *value = self.schema(std::mem::take(value));
                        }
                    }
                }
                "items" | "additionalProperties" | "not" => {
                    if child.is_object() {
                        *child = self.schema(std::mem::take(child));
                    } else if let Value::Array(items) = child {
                        for item in items {
                            *item = self.schema(std::mem::take(item));
                        }
                    }
                }
                "allOf" | "anyOf" | "oneOf" => {
                    if let Value::Array(items) = child {
                        for item in items {
                            *item = self.schema(std::mem::take(item));
                        }
                    }
                }
                _ => {}
            }
        }
        Value::Object(map)
    }
}

/// A subtype's `x-discriminator-value` (the tag that selects it, when it is not the definition's
/// name: a vendor extension of 2.0 generators) → an entry of the `mapping` of the discriminator
/// of the base it `allOf`s.
fn map_discriminator_values(schemas: &mut Map<String, Value>) {
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
                .and_then(|r| r.strip_prefix("#/components/schemas/"))
                .map(crate::error::unescape_token);
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

/// `required: true` written on a property itself (JSON Schema draft 3, which some 2.0
/// documents still use) → the property's name in its object's `required` list, which is what
/// 2.0 (draft 4) means; `required: false` is dropped.
fn lift_boolean_required(schema: &mut Map<String, Value>) {
    let Some(Value::Object(properties)) = schema.get_mut("properties") else {
        return;
    };
    let mut lifted = Vec::new();
    for (name, property) in properties.iter_mut() {
        let Value::Object(property) = property else {
            continue;
        };
        if let Some(Value::Bool(required)) = property.get("required") {
            if *required {
                lifted.push(name.clone());
            }
            property.remove("required");
        }
    }
    if lifted.is_empty() {
        return;
    }
    let required = schema
        .entry("required")
        .or_insert_with(|| Value::Array(Vec::new()));
    if let Value::Array(list) = required {
        for name in lifted {
            if !list.iter().any(|n| n.as_str() == Some(&name)) {
                list.push(Value::String(name));
            }
        }
    }
}

/// Whether a `#/parameters` entry is a body or form parameter, which 3.0 parameters cannot be.
fn is_body_or_form(param: &Value) -> bool {
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

/// `host`, `basePath` and `schemes` → the `servers` list.
fn servers(root: &Map<String, Value>) -> Vec<Value> {
    let base_path = root
        .get("basePath")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .trim_end_matches('/');
    // `basePath` must start with `/`; some documents leave it out.
    let base_path = match base_path {
        "" => String::new(),
        path if path.starts_with('/') => path.to_owned(),
        path => format!("/{path}"),
    };
    let Some(host) = root.get("host").and_then(Value::as_str) else {
        if base_path.is_empty() {
            return Vec::new();
        }
        return vec![json!({ "url": base_path })];
    };
    let mut listed = strings(root.get("schemes")).unwrap_or_default();
    // `host` is a name and port only; some documents write a scheme (and a path) into it.
    let host = match host.split_once("://") {
        Some((scheme, rest)) => {
            if listed.is_empty() {
                listed.push(scheme.to_owned());
            }
            rest
        }
        None => host,
    };
    let host = host.trim_end_matches('/');
    let mut schemes: Vec<&str> = ["https", "http", "wss", "ws"]
        .into_iter()
        .filter(|s| listed.iter().any(|l| l.eq_ignore_ascii_case(s)))
        .collect();
    if schemes.is_empty() {
        schemes.push("https");
    }
    schemes
        .into_iter()
        .map(|scheme| json!({ "url": format!("{scheme}://{host}{base_path}") }))
        .collect()
}

/// A Security Definitions entry (at `at`) → a Security Scheme Object.
fn security_scheme(scheme: Value, at: &str) -> Result<Value> {
    let Value::Object(mut scheme) = scheme else {
        return Ok(scheme);
    };
    let kind = scheme
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    match kind.as_str() {
        "basic" => {
            scheme.insert("type".into(), json!("http"));
            scheme.insert("scheme".into(), json!("basic"));
        }
        "oauth2" => {
            let flow = scheme.remove("flow");
            let mut details = Map::new();
            for key in ["authorizationUrl", "tokenUrl"] {
                if let Some(url) = scheme.remove(key) {
                    details.insert(key.into(), url);
                }
            }
            details.insert(
                "scopes".into(),
                scheme.remove("scopes").unwrap_or_else(|| json!({})),
            );
            let flow = match flow.as_ref().and_then(Value::as_str) {
                Some("implicit") => "implicit",
                Some("password") => "password",
                Some("application") => "clientCredentials",
                Some("accessCode") => "authorizationCode",
                other => {
                    let found = other.map_or_else(
                        || "none is given".to_owned(),
                        |flow| format!("`{flow}` is not one"),
                    );
                    return Err(Error::at(
                        join(at, "flow"),
                        format!(
                            "an oauth2 security definition's `flow` must be `implicit`, \
                             `password`, `application` or `accessCode`; {found}"
                        ),
                    ));
                }
            };
            let mut flows = Map::new();
            flows.insert(flow.into(), Value::Object(details));
            scheme.insert("flows".into(), Value::Object(flows));
        }
        _ => {}
    }
    Ok(Value::Object(scheme))
}
