//! Swagger 2.0 → OpenAPI 3.0, on the plain JSON value, before the 3.0 steps run.
//!
//! The rules (the Swagger 2.0 and OpenAPI 3.0.3 specifications, field by field):
//! - `host`, `basePath`, `schemes` → `servers`: one server per scheme (`https` first,
//!   `https` when none is given), `scheme://host/basePath`; without `host`, the relative
//!   server `basePath`.
//! - `definitions`, `parameters`, `responses`, `securityDefinitions` → `components` (`schemas`,
//!   `parameters`, `responses`, `securitySchemes`); `$ref`s to them are rewritten.
//! - `in: body` → `requestBody`, one media type per `consumes` entry (the operation's, else the
//!   document's; `application/json` when that is missing or empty: an operation's `[]` clears
//!   the document's); `in: formData` → one `requestBody` with an object
//!   schema of the fields, `multipart/form-data` when a field is `type: file` or `consumes`
//!   names multipart and not `application/x-www-form-urlencoded`, the latter otherwise. A body
//!   or form parameter in `#/parameters` cannot be a 3.0 parameter: it is inlined where used.
//! - A parameter's or header's `type`, `format`, `items`, `enum`, `default` and bounds →
//!   `schema`; `collectionFormat` → `style`/`explode` (an Encoding Object for form fields);
//!   `tsv`, and delimiters 3.0 has no style for in a path or header, make the parameter a
//!   string the caller joins, with a warning.
//! - A response's `schema` → `content` for each `produces` type (chosen as `consumes` is; a
//!   `type: file` with none is `application/octet-stream`), `examples` → each media type's
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

mod bodies;
mod converter;
mod parameters;
mod paths;
mod refs;
mod responses;
mod schema;
mod security;
mod servers;

use serde_json::{Map, Value, json};

use crate::error::{Error, Result};
use crate::ir::Warning;
use crate::load::origins::Layer;
use converter::{Converter, object};
pub(super) use parameters::SCHEMA_KEYS;
use parameters::is_body_or_form;
use schema::{convert_schema, map_discriminator_values};
use security::security_scheme;
use servers::servers;

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

impl Converter<'_> {
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
                Value::Object(map) => Value::Object(
                    map.into_iter()
                        .map(|(k, v)| (k, convert_schema(v)))
                        .collect(),
                ),
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
                Value::Object(map) => {
                    let mut kept = serde_json::Map::new();
                    for (k, v) in map {
                        let at = crate::error::pointer(&["securityDefinitions", &k]);
                        if let Some(v) = security_scheme(v, &at, self.warnings) {
                            kept.insert(k, v);
                        }
                    }
                    Value::Object(kept)
                }
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
}
