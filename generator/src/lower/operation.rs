//! Lowering paths and operations: parameters, bodies, responses, security.

use std::collections::BTreeMap;

use indexmap::IndexMap;
use openapiv3::{
    Operation as OaOperation, Parameter, ParameterSchemaOrContent, PathStyle, QueryStyle,
    ReferenceOr,
};

use super::schema::{ObjectParts, field_name};
use super::servers::{self, ServerTable};
use super::table::TypeTable;
use super::{Lowerer, resolve};
use crate::error::{Error, Result, join, pointer};
use crate::ir::{
    BodyEncoding, BodyPayload, Content, ErrorEnum, FormFieldStyle, Method, Operation, Param,
    ParamLocation, ParamStyle, PartEncoding, PartHeader, RequestBody, Response, SchemeUse,
    SecurityRequirement, SecurityScheme, StatusMatch, Success, TypeRef, Warning,
};
use crate::naming::{self, Scope};

/// Method names the generated `Client` already uses (its runtime `impl Client` blocks, and the
/// traits it derives); a test keeps this in step with `templates/runtime/`.
pub const CLIENT_METHODS: &[&str] = &[
    "builder",
    "base_url",
    "server_url",
    "call",
    "http",
    "base_headers",
    "fetch_without_credentials",
    "clone",
];

/// Names the generated `operations` module already uses.
const OPERATIONS_MODULE_NAMES: &[&str] = &[
    "Client",
    "Call",
    "Outcome",
    "RequestBuilder",
    "Server",
    "Method",
    "StatusCode",
    "Bytes",
    "Option",
    "Vec",
    "String",
    "Box",
    "Result",
];

/// The most arguments a method takes before its required non-path parameters move into its
/// params struct (clippy's `too_many_arguments` limit, `&self` included).
const MAX_ARGUMENTS: usize = 7;

pub(super) fn lower_operations(
    lowerer: &mut Lowerer<'_>,
    schemes: &[SecurityScheme],
    servers: &mut ServerTable,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<Operation>> {
    let doc = lowerer.doc;
    let mut method_scope = Scope::with_reserved(CLIENT_METHODS);
    let mut error_scope = Scope::with_reserved(OPERATIONS_MODULE_NAMES);
    let mut seen_ids: BTreeMap<&str, String> = BTreeMap::new();
    let mut operations = Vec::new();
    for (path_key, item) in &doc.paths.paths {
        let item_at = pointer(&["paths", path_key]);
        let ReferenceOr::Item(item) = item else {
            warnings.push(Warning {
                pointer: item_at,
                message: "a `$ref` path item is not supported; its operations are skipped"
                    .to_owned(),
            });
            continue;
        };
        for (method, op) in item.iter() {
            let at = join(&item_at, method);
            // A duplicate operationId is this operation's mistake: it gets a method name of
            // its own (`same_2`), with a warning.
            let duplicate = op
                .operation_id
                .as_deref()
                .and_then(|id| Some((id, seen_ids.insert(id, at.clone())?)));
            let context = OperationContext {
                path_key,
                method,
                item_at: &item_at,
                at: &at,
                path_params: &item.parameters,
                schemes,
            };
            // A problem confined to this operation costs this operation only: everything its
            // lowering added (types, names, warnings) is taken back and one warning says why.
            let saved = Saved::take(lowerer, &method_scope, &error_scope, warnings);
            if !op.callbacks.is_empty() {
                warnings.push(Warning {
                    pointer: join(&at, "callbacks"),
                    message: "callbacks are requests the server makes; no client code is generated for them".to_owned(),
                });
            }
            let mut operation =
                match context.lower(lowerer, op, &mut method_scope, &mut error_scope, warnings) {
                    Ok(operation) => operation,
                    // A problem outside the path item (a shared component, the document's
                    // `security`) is not confined to this operation: it stays an error.
                    Err(error) if !within(error.pointer.as_deref(), &item_at) => return Err(error),
                    Err(error) => {
                        saved.restore(lowerer, &mut method_scope, &mut error_scope, warnings);
                        warnings.push(skipped(&at, error));
                        continue;
                    }
                };
            let server = servers.for_operation(&op.servers, &at, &item.servers, &item_at);
            for (list, list_at) in [(&op.servers, &at), (&item.servers, &item_at)] {
                if server.is_none() && servers::only_relative(list) {
                    warnings.push(Warning {
                        pointer: join(list_at, "servers"),
                        message: "relative server URLs are relative to the API description, which \
                                  the client does not know; the operation uses the default server"
                            .to_owned(),
                    });
                }
            }
            if let Some((id, first)) = duplicate {
                warnings.push(Warning {
                    pointer: join(&at, "operationId"),
                    message: format!(
                        "duplicate operationId `{id}` (first used at {first}); this operation's \
                         method is `{}`",
                        operation.method_name
                    ),
                });
            }
            operation.server = server;
            operations.push(operation);
        }
    }
    Ok(operations)
}

/// What lowering one operation may change, kept to take it back if the operation fails.
struct Saved {
    types: super::table::Mark,
    method_scope: usize,
    error_scope: usize,
    warnings: usize,
}

impl Saved {
    fn take(lowerer: &Lowerer<'_>, methods: &Scope, errors: &Scope, warnings: &[Warning]) -> Self {
        Self {
            types: lowerer.table.mark(),
            method_scope: methods.mark(),
            error_scope: errors.mark(),
            warnings: warnings.len(),
        }
    }

    fn restore(
        self,
        lowerer: &mut Lowerer<'_>,
        methods: &mut Scope,
        errors: &mut Scope,
        warnings: &mut Vec<Warning>,
    ) {
        lowerer.table.restore(self.types);
        methods.release_since(self.method_scope);
        errors.release_since(self.error_scope);
        warnings.truncate(self.warnings);
    }
}

/// Whether `pointer` names `node` or a node inside it.
fn within(pointer: Option<&str>, node: &str) -> bool {
    pointer.is_some_and(|p| {
        p.strip_prefix(node)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    })
}

/// The warning for an operation left out: where the problem is, what it is, and the cost.
fn skipped(operation_at: &str, error: Error) -> Warning {
    let node = error.pointer.unwrap_or_else(|| operation_at.to_owned());
    let message = if node == operation_at {
        format!("{}; the operation is skipped", error.message)
    } else {
        format!("{}; the operation {operation_at} is skipped", error.message)
    };
    Warning {
        pointer: node,
        message,
    }
}

struct OperationContext<'a> {
    path_key: &'a str,
    /// The path item's key for the method (`get`).
    method: &'a str,
    /// JSON pointer of the path item.
    item_at: &'a str,
    /// JSON pointer of the operation.
    at: &'a str,
    path_params: &'a [ReferenceOr<Parameter>],
    schemes: &'a [SecurityScheme],
}

impl OperationContext<'_> {
    fn lower(
        &self,
        lowerer: &mut Lowerer<'_>,
        op: &OaOperation,
        method_scope: &mut Scope,
        error_scope: &mut Scope,
        warnings: &mut Vec<Warning>,
    ) -> Result<Operation> {
        // A `#fragment` in a path key only tells otherwise equal paths apart.
        let path = self
            .path_key
            .split('#')
            .next()
            .unwrap_or_default()
            .to_owned();
        let http_method = Method::from_key(self.method).ok_or_else(|| {
            Error::at(self.at, format!("`{}` is not an HTTP method", self.method))
        })?;
        let raw_name = match &op.operation_id {
            Some(id) => naming::value_name(id, "op"),
            None => naming::value_name(&format!("{} {path}", self.method), "op"),
        };
        let method_name = method_scope.claim(field_name(&raw_name));
        let type_prefix = naming::type_name(&method_name, "Op");
        let mut params = self.params(lowerer, op, &path, &type_prefix, warnings)?;
        let body = self.body(lowerer, op, &type_prefix, warnings)?;
        let responses = self.responses(lowerer, op, &type_prefix, warnings)?;
        let success = success_type(&responses, || {
            error_scope.claim(format!("{type_prefix}Response"))
        });
        let params_type = place_params(&mut params, body.is_some())
            .then(|| error_scope.claim(format!("{type_prefix}Params")));
        Ok(Operation {
            errors: ErrorEnum::Own {
                name: error_scope.claim(format!("{type_prefix}Error")),
                aliases: 0,
            },
            params_type,
            server: None,
            method_name,
            operation_id: op.operation_id.clone(),
            http_method,
            path,
            pointer: self.at.to_owned(),
            summary: op.summary.clone(),
            description: op.description.clone(),
            deprecated: op.deprecated,
            security: self.security(lowerer, op)?,
            params,
            body,
            responses,
            success,
        })
    }

    fn params(
        &self,
        lowerer: &mut Lowerer<'_>,
        op: &OaOperation,
        path: &str,
        type_prefix: &str,
        warnings: &mut Vec<Warning>,
    ) -> Result<Vec<Param>> {
        let components = lowerer.doc.components.as_ref().map(|c| &c.parameters);
        // Operation parameters override path-item ones with the same name and location.
        let mut merged: IndexMap<(String, &'static str), (&Parameter, String)> = IndexMap::new();
        let sources = [
            (self.path_params, join(self.item_at, "parameters")),
            (op.parameters.as_slice(), join(self.at, "parameters")),
        ];
        for (list, list_at) in &sources {
            for (index, param) in list.iter().enumerate() {
                let at = join(list_at, &index.to_string());
                // A referenced component is reported at its own pointer: a problem there is
                // shared by every operation using it.
                let (param, at) = match param {
                    ReferenceOr::Item(param) => (param, at),
                    ReferenceOr::Reference { reference } => {
                        let (param, key) = resolve(components, reference, "parameters", &at)?;
                        (param, pointer(&["components", "parameters", &key]))
                    }
                };
                let data = param.parameter_data_ref();
                merged.insert((data.name.clone(), location_key(param)), (param, at));
            }
        }
        let mut scope = Scope::with_reserved(&["body", "self", "params", "request"]);
        let mut params = Vec::new();
        for (param, at) in merged.values() {
            let data = param.parameter_data_ref();
            let (location, style) = match param {
                Parameter::Path { style, .. } => match style {
                    PathStyle::Simple => (ParamLocation::Path, ParamStyle::Simple),
                    other => {
                        return Err(Error::at(
                            at,
                            format!(
                                "path parameter style `{other:?}` is not supported (only `simple`)"
                            ),
                        ));
                    }
                },
                Parameter::Query { style, .. } => (
                    ParamLocation::Query,
                    match style {
                        QueryStyle::Form => ParamStyle::Form,
                        QueryStyle::SpaceDelimited => ParamStyle::SpaceDelimited,
                        QueryStyle::PipeDelimited => ParamStyle::PipeDelimited,
                        QueryStyle::DeepObject => ParamStyle::DeepObject,
                    },
                ),
                Parameter::Header { .. } => (ParamLocation::Header, ParamStyle::Simple),
                Parameter::Cookie { .. } => (ParamLocation::Cookie, ParamStyle::Form),
            };
            let hint = format!("{type_prefix}{}", naming::type_name(&data.name, "Param"));
            let (ty, style) = match &data.format {
                ParameterSchemaOrContent::Schema(schema) => (
                    lowerer.schema_type(schema, &join(at, "schema"), &hint)?,
                    style,
                ),
                ParameterSchemaOrContent::Content(content) => {
                    let content_at = join(at, "content");
                    let Some((media_type, media)) = content.iter().next() else {
                        return Err(Error::at(content_at, "`content` names no media type"));
                    };
                    if !is_json(media_type) {
                        return Err(Error::at(
                            content_at,
                            format!(
                                "parameter content `{media_type}` is not supported (only JSON)"
                            ),
                        ));
                    }
                    let ty = match &media.schema {
                        Some(schema) => lowerer.schema_type(
                            schema,
                            &join(&join(&content_at, media_type), "schema"),
                            &hint,
                        )?,
                        None => TypeRef::Any,
                    };
                    (ty, ParamStyle::Json)
                }
            };
            params.push(Param {
                name: scope.claim(field_name(&readable_symbols(&data.name))),
                wire_name: data.name.clone(),
                location,
                required: data.required || location == ParamLocation::Path,
                ty,
                docs: data.description.clone(),
                explode: data.explode.unwrap_or(style == ParamStyle::Form),
                style,
                in_struct: false,
            });
        }
        reconcile_path_params(path, &mut params, &mut scope, self.at, warnings)?;
        // Path parameters first, in the order the path names them.
        let position = |p: &Param| {
            path.find(&format!("{{{}}}", p.wire_name))
                .unwrap_or(usize::MAX)
        };
        params.sort_by_key(|p| (p.location != ParamLocation::Path, position(p)));
        Ok(params)
    }

    fn body(
        &self,
        lowerer: &mut Lowerer<'_>,
        op: &OaOperation,
        type_prefix: &str,
        warnings: &mut Vec<Warning>,
    ) -> Result<Option<RequestBody>> {
        let Some(body) = &op.request_body else {
            return Ok(None);
        };
        let at = join(self.at, "requestBody");
        let (body, at) = match body {
            ReferenceOr::Item(body) => (body, at),
            ReferenceOr::Reference { reference } => {
                let components = lowerer.doc.components.as_ref().map(|c| &c.request_bodies);
                let (body, key) = resolve(components, reference, "requestBodies", &at)?;
                (body, pointer(&["components", "requestBodies", &key]))
            }
        };
        let Some((media_type, media, encoding)) = preferred_body(&body.content) else {
            return Err(Error::at(
                join(&at, "content"),
                "the request body offers no media type",
            ));
        };
        let schema_at = join(&join(&join(&at, "content"), media_type), "schema");
        let encoding_at = join(&join(&join(&at, "content"), media_type), "encoding");
        let mut ty = || match &media.schema {
            Some(schema) => lowerer.schema_type(schema, &schema_at, &format!("{type_prefix}Body")),
            None => Ok(TypeRef::Any),
        };
        let payload = match encoding {
            BodyEncoding::Json => BodyPayload::Json(ty()?),
            BodyEncoding::Form => BodyPayload::Form {
                ty: ty()?,
                styles: form_styles(&media.encoding),
            },
            BodyEncoding::Multipart => {
                let ty = ty()?;
                let mut parts = part_encodings(lowerer, &media.encoding, &encoding_at, warnings)?;
                if let Some(schema) = &media.schema {
                    for field in base64_fields(lowerer, schema, &schema_at)? {
                        if !parts.iter().any(|e| e.field == field) {
                            parts.push(PartEncoding {
                                field,
                                content_type: Some("application/octet-stream".to_owned()),
                                headers: Vec::new(),
                            });
                        }
                    }
                }
                let part_name =
                    multipart_part_name(&lowerer.table, &ty, &parts, &schema_at, warnings);
                BodyPayload::Multipart {
                    ty,
                    part_name,
                    parts,
                }
            }
            BodyEncoding::Binary => BodyPayload::Binary,
            BodyEncoding::Text => BodyPayload::Text,
        };
        Ok(Some(RequestBody {
            media_type: media_type.clone(),
            payload,
            required: body.required,
            docs: body.description.clone(),
        }))
    }

    fn responses(
        &self,
        lowerer: &mut Lowerer<'_>,
        op: &OaOperation,
        type_prefix: &str,
        warnings: &mut Vec<Warning>,
    ) -> Result<Vec<Response>> {
        let responses_at = join(self.at, "responses");
        let listed = op
            .responses
            .responses
            .iter()
            .map(|(status, response)| {
                let status = match status {
                    openapiv3::StatusCode::Code(code) => StatusMatch::Code(*code),
                    openapiv3::StatusCode::Range(hundreds) => StatusMatch::Range(*hundreds),
                };
                (status, response)
            })
            .chain(
                op.responses
                    .default
                    .iter()
                    .map(|r| (StatusMatch::Default, r)),
            );
        let mut variant_scope = Scope::default();
        let mut responses = Vec::new();
        for (status, response) in listed {
            let at = join(&responses_at, &status_key(status));
            let (response, at) = match response {
                ReferenceOr::Item(response) => (response, at),
                ReferenceOr::Reference { reference } => {
                    let components = lowerer.doc.components.as_ref().map(|c| &c.responses);
                    let (response, key) = resolve(components, reference, "responses", &at)?;
                    (response, pointer(&["components", "responses", &key]))
                }
            };
            if !response.links.is_empty() {
                warnings.push(Warning {
                    pointer: join(&at, "links"),
                    message:
                        "links describe follow-up requests; no client code is generated for them"
                            .to_owned(),
                });
            }
            let variant = variant_scope.claim(status_variant(status));
            let json = response.content.iter().find(|(m, _)| is_json(m));
            let content = match json {
                Some((media_type, media)) => Content::Json(match &media.schema {
                    Some(schema) => lowerer.schema_type(
                        schema,
                        &join(&join(&join(&at, "content"), media_type), "schema"),
                        &format!("{type_prefix}{variant}"),
                    )?,
                    None => TypeRef::Any,
                }),
                None if response.content.is_empty() => Content::Empty,
                None if response.content.keys().all(|m| is_text(m)) => Content::Text,
                None => Content::Binary,
            };
            responses.push(Response {
                status,
                description: response.description.clone(),
                content,
                variant,
                success: false,
            });
        }
        mark_successes(&mut responses);
        Ok(responses)
    }

    fn security(
        &self,
        lowerer: &Lowerer<'_>,
        op: &OaOperation,
    ) -> Result<Vec<SecurityRequirement>> {
        let (requirements, at) = match &op.security {
            Some(requirements) => (requirements, join(self.at, "security")),
            None => match &lowerer.doc.security {
                Some(requirements) => (requirements, pointer(&["security"])),
                None => return Ok(Vec::new()),
            },
        };
        let mut lowered = Vec::new();
        for (index, requirement) in requirements.iter().enumerate() {
            let mut schemes = Vec::new();
            for (key, scopes) in requirement {
                if !self.schemes.iter().any(|s| &s.key == key) {
                    return Err(Error::at(
                        join(&at, &index.to_string()),
                        format!(
                            "security scheme `{key}` is not defined in `components.securitySchemes`"
                        ),
                    ));
                }
                schemes.push(SchemeUse {
                    key: key.clone(),
                    scopes: scopes.clone(),
                });
            }
            lowered.push(SecurityRequirement { schemes });
        }
        Ok(lowered)
    }
}

/// The `style`s a form body's `encoding` map gives its fields (the specification says to
/// ignore the rest of an Encoding Object for forms). Entries that change nothing are left out.
fn form_styles(encodings: &IndexMap<String, openapiv3::Encoding>) -> Vec<FormFieldStyle> {
    encodings
        .iter()
        .filter_map(|(field, encoding)| {
            // `load` writes out the default `explode` of a `style`, so `false` here without a
            // `style` is an absent `explode`.
            if encoding.style.is_none() && !encoding.explode {
                return None;
            }
            let style = match encoding.style.as_ref().unwrap_or(&QueryStyle::Form) {
                QueryStyle::Form => ParamStyle::Form,
                QueryStyle::SpaceDelimited => ParamStyle::SpaceDelimited,
                QueryStyle::PipeDelimited => ParamStyle::PipeDelimited,
                QueryStyle::DeepObject => ParamStyle::DeepObject,
            };
            Some(FormFieldStyle {
                field: field.clone(),
                style,
                explode: encoding.explode,
            })
        })
        .collect()
}

/// What a multipart body's `encoding` map says of its parts: `contentType` and `headers` (the
/// specification says to ignore the rest). Entries that change nothing are left out.
fn part_encodings(
    lowerer: &Lowerer<'_>,
    encodings: &IndexMap<String, openapiv3::Encoding>,
    at: &str,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<PartEncoding>> {
    let mut lowered = Vec::new();
    for (field, encoding) in encodings {
        let field_at = join(at, field);
        let mut part = PartEncoding {
            field: field.clone(),
            content_type: encoding
                .content_type
                .as_deref()
                .and_then(first_concrete_media_type),
            headers: Vec::new(),
        };
        for (name, header) in &encoding.headers {
            let header_at = join(&join(&field_at, "headers"), name);
            if name.eq_ignore_ascii_case("content-type") {
                continue;
            }
            let header = match header {
                ReferenceOr::Item(header) => header,
                ReferenceOr::Reference { reference } => {
                    let components = lowerer.doc.components.as_ref().map(|c| &c.headers);
                    resolve(components, reference, "headers", &header_at)?.0
                }
            };
            match fixed_header_value(lowerer, header, &header_at)? {
                Some(value) if is_header_name(name) && is_header_value(&value) => {
                    part.headers.push(PartHeader {
                        name: name.clone(),
                        value,
                    });
                }
                Some(_) => warnings.push(Warning {
                    pointer: header_at,
                    message: format!("part header `{name}` is not a valid header; it is not sent"),
                }),
                None => warnings.push(Warning {
                    pointer: header_at,
                    message: format!(
                        "part header `{name}` has no fixed value (a single-value `enum` \
                         or a `default`) for the client to send; it is not sent"
                    ),
                }),
            }
        }
        if part.content_type.is_some() || !part.headers.is_empty() {
            lowered.push(part);
        }
    }
    Ok(lowered)
}

/// The part name of a multipart body that is not an object, which the spec cannot name
/// otherwise: the one property its `encoding` map describes, or `file`. An object's properties
/// are its fields (`None`). A `oneOf` with object and non-object alternatives is sent as an
/// object, and a warning says that its other values cannot be.
fn multipart_part_name(
    types: &TypeTable,
    ty: &TypeRef,
    encodings: &[PartEncoding],
    at: &str,
    warnings: &mut Vec<Warning>,
) -> Option<String> {
    match object_shape(types, ty, 0) {
        Shape::Object => None,
        Shape::Mixed => {
            warnings.push(Warning {
                pointer: at.to_owned(),
                message: "a multipart body is sent as the fields of an object; the values of its                           alternatives that are not objects cannot be sent"
                    .to_owned(),
            });
            None
        }
        Shape::Other => Some(match encodings {
            [only] => only.field.clone(),
            _ => "file".to_owned(),
        }),
    }
}

/// Whether values of a type are JSON objects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// Always (structs, maps, and free-form values, which are taken to be objects).
    Object,
    /// Never (scalars, bytes, arrays, enums).
    Other,
    /// For some alternatives of a `oneOf` only.
    Mixed,
}

fn object_shape(types: &TypeTable, ty: &TypeRef, depth: usize) -> Shape {
    use crate::ir::TypeKind;
    // Aliases and alternatives only nest as deep as the spec does; a cycle is cut here.
    if depth > 32 {
        return Shape::Object;
    }
    match ty {
        TypeRef::Map(_) | TypeRef::Any => Shape::Object,
        TypeRef::Nullable(inner) | TypeRef::Boxed(inner) => object_shape(types, inner, depth + 1),
        TypeRef::Named(id) => match types.get(*id).map(|t| &t.kind) {
            None | Some(TypeKind::Struct { .. }) => Shape::Object,
            Some(TypeKind::StringEnum { .. } | TypeKind::IntegerEnum { .. }) => Shape::Other,
            Some(TypeKind::Alias(inner)) => object_shape(types, inner, depth + 1),
            Some(TypeKind::OneOf { variants, .. }) => {
                let shapes: Vec<Shape> = variants
                    .iter()
                    .map(|v| object_shape(types, &v.ty, depth + 1))
                    .collect();
                if shapes.iter().all(|s| *s == Shape::Object) {
                    Shape::Object
                } else if shapes.iter().all(|s| *s == Shape::Other) {
                    Shape::Other
                } else {
                    Shape::Mixed
                }
            }
        },
        TypeRef::String
        | TypeRef::Bool
        | TypeRef::Integer(_)
        | TypeRef::Number(_)
        | TypeRef::Array(_)
        | TypeRef::Binary => Shape::Other,
    }
}

/// The properties of a multipart body that are base64 strings (`format: byte`, or `base64`
/// as the 3.0.3 text writes it), or arrays of them, whose parts default to
/// `application/octet-stream` in OpenAPI 3.0; the client holds them as `String`, so without
/// this they would go as text.
fn base64_fields(
    lowerer: &Lowerer<'_>,
    schema: &ReferenceOr<openapiv3::Schema>,
    at: &str,
) -> Result<Vec<String>> {
    use openapiv3::{SchemaKind, StringFormat, Type, VariantOrUnknownOrEmpty};
    let mut parts = ObjectParts::default();
    if !lowerer.collect_object(schema, at, &mut parts, 0)? {
        return Ok(Vec::new());
    }
    let is_base64 = |schema: &openapiv3::Schema| match &schema.schema_kind {
        SchemaKind::Type(Type::String(string)) => match &string.format {
            VariantOrUnknownOrEmpty::Item(format) => *format == StringFormat::Byte,
            VariantOrUnknownOrEmpty::Unknown(format) => format == "base64",
            VariantOrUnknownOrEmpty::Empty => false,
        },
        _ => false,
    };
    let mut fields = Vec::new();
    for (name, (property_at, property)) in &parts.properties {
        let (property, property_at) = lowerer.deref(*property, property_at)?;
        let base64 = match &property.schema_kind {
            SchemaKind::Type(Type::Array(array)) => match &array.items {
                Some(items) => is_base64(lowerer.deref(items, &join(&property_at, "items"))?.0),
                None => false,
            },
            _ => is_base64(property),
        };
        if base64 {
            fields.push(name.clone());
        }
    }
    Ok(fields)
}

/// The first media type of a `contentType` list (`image/*, image/png`) without a wildcard.
fn first_concrete_media_type(list: &str) -> Option<String> {
    list.split(',')
        .map(str::trim)
        .find(|m| !m.is_empty() && !m.contains('*') && is_header_value(m))
        .map(str::to_owned)
}

/// The one value a part header can have: its schema's single `enum` value, else its `default`.
fn fixed_header_value(
    lowerer: &Lowerer<'_>,
    header: &openapiv3::Header,
    at: &str,
) -> Result<Option<String>> {
    let ParameterSchemaOrContent::Schema(schema) = &header.format else {
        return Ok(None);
    };
    let (schema, _) = lowerer.deref(schema, &join(at, "schema"))?;
    if let Some([value]) = super::enums::string_enum(schema).as_deref() {
        return Ok(Some(value.clone()));
    }
    Ok(match &schema.schema_data.default {
        Some(serde_json::Value::String(text)) => Some(text.clone()),
        Some(value @ (serde_json::Value::Number(_) | serde_json::Value::Bool(_))) => {
            Some(value.to_string())
        }
        _ => None,
    })
}

/// An HTTP header name: one or more token characters (RFC 9110).
fn is_header_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// A header value that cannot break out of its line: visible ASCII and spaces.
fn is_header_value(value: &str) -> bool {
    value
        .bytes()
        .all(|b| b == b' ' || b == b'\t' || b.is_ascii_graphic())
}

fn location_key(param: &Parameter) -> &'static str {
    match param {
        Parameter::Path { .. } => "path",
        Parameter::Query { .. } => "query",
        Parameter::Header { .. } => "header",
        Parameter::Cookie { .. } => "cookie",
    }
}

/// Makes the declared path parameters match the path, as real specs need: a `{name}` with no
/// declaration becomes a required string parameter, and a declared parameter the path does not
/// name is left out. Both are warned about.
fn reconcile_path_params(
    path: &str,
    params: &mut Vec<Param>,
    scope: &mut Scope,
    at: &str,
    warnings: &mut Vec<Warning>,
) -> Result<()> {
    let mut named = Vec::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else {
            return Err(Error::at(at, format!("path `{path}` has an unclosed `{{`")));
        };
        named.push(rest[start + 1..start + len].to_owned());
        rest = &rest[start + len + 1..];
    }
    params.retain(|p| {
        let keep = p.location != ParamLocation::Path || named.contains(&p.wire_name);
        if !keep {
            warnings.push(Warning {
                pointer: at.to_owned(),
                message: format!(
                    "path parameter `{}` does not appear in path `{path}`; it is left out",
                    p.wire_name
                ),
            });
        }
        keep
    });
    for name in named {
        let declared = params
            .iter()
            .any(|p| p.location == ParamLocation::Path && p.wire_name == name);
        if !declared {
            warnings.push(Warning {
                pointer: at.to_owned(),
                message: format!(
                    "path `{path}` names `{{{name}}}` but declares no such parameter; it is taken as a required string"
                ),
            });
            params.push(Param {
                name: scope.claim(field_name(&name)),
                wire_name: name,
                location: ParamLocation::Path,
                required: true,
                ty: TypeRef::String,
                docs: None,
                style: ParamStyle::Simple,
                explode: false,
                in_struct: false,
            });
        }
    }
    Ok(())
}

/// JSON media types, with or without parameters: `application/json`, any `…/json` (`text/json`),
/// `…/x-json`, and any `+json` suffix (`application/problem+json`). Real specs use all of them
/// for JSON bodies; a type whose subtype only starts with `json` (`json-seq`, `jsonl`) is not.
pub(crate) fn is_json(media_type: &str) -> bool {
    let essence = essence(media_type);
    let subtype = essence.split_once('/').map_or("", |(_, subtype)| subtype);
    subtype == "json" || subtype == "x-json" || subtype.ends_with("+json")
}

fn status_key(status: StatusMatch) -> String {
    match status {
        StatusMatch::Code(code) => code.to_string(),
        StatusMatch::Range(hundreds) => format!("{hundreds}XX"),
        StatusMatch::Default => "default".to_owned(),
    }
}

/// A readable variant name for a status: the reason phrase where there is a standard one.
fn status_variant(status: StatusMatch) -> String {
    let phrase = match status {
        StatusMatch::Default => "Default",
        StatusMatch::Range(4) => "ClientError",
        StatusMatch::Range(5) => "ServerError",
        StatusMatch::Range(hundreds) => return format!("Status{hundreds}xx"),
        StatusMatch::Code(code) => match code {
            200 => "Ok",
            201 => "Created",
            202 => "Accepted",
            203 => "NonAuthoritativeInformation",
            204 => "NoContent",
            206 => "PartialContent",
            300 => "MultipleChoices",
            301 => "MovedPermanently",
            302 => "Found",
            303 => "SeeOther",
            304 => "NotModified",
            307 => "TemporaryRedirect",
            308 => "PermanentRedirect",
            400 => "BadRequest",
            401 => "Unauthorized",
            402 => "PaymentRequired",
            403 => "Forbidden",
            404 => "NotFound",
            405 => "MethodNotAllowed",
            406 => "NotAcceptable",
            407 => "ProxyAuthenticationRequired",
            408 => "RequestTimeout",
            409 => "Conflict",
            410 => "Gone",
            411 => "LengthRequired",
            412 => "PreconditionFailed",
            413 => "PayloadTooLarge",
            414 => "UriTooLong",
            415 => "UnsupportedMediaType",
            416 => "RangeNotSatisfiable",
            417 => "ExpectationFailed",
            418 => "ImATeapot",
            421 => "MisdirectedRequest",
            422 => "UnprocessableEntity",
            423 => "Locked",
            424 => "FailedDependency",
            425 => "TooEarly",
            426 => "UpgradeRequired",
            428 => "PreconditionRequired",
            429 => "TooManyRequests",
            431 => "RequestHeaderFieldsTooLarge",
            451 => "UnavailableForLegalReasons",
            500 => "InternalServerError",
            501 => "NotImplemented",
            502 => "BadGateway",
            503 => "ServiceUnavailable",
            504 => "GatewayTimeout",
            505 => "HttpVersionNotSupported",
            507 => "InsufficientStorage",
            508 => "LoopDetected",
            511 => "NetworkAuthenticationRequired",
            other => return format!("Status{other}"),
        },
    };
    phrase.to_owned()
}

/// Marks the operation's successes: its 2xx responses or, when it documents none, its 3xx ones.
/// An operation whose only outcome is a redirect (`303 See Other` after a POST, `302 Found` to a
/// download) succeeds with it; beside a 2xx, a 3xx (`304 Not Modified` to a conditional request,
/// `301 Moved Permanently`) is an exception to the usual result and stays in the error enum.
fn mark_successes(responses: &mut [Response]) {
    let documents_2xx = responses.iter().any(|r| r.status.is_success());
    for response in responses {
        response.success = if documents_2xx {
            response.status.is_success()
        } else {
            response.status.is_redirection()
        };
    }
}

/// What a success returns: the shared body of every success response, or an enum when they
/// differ. With no success response documented, `default` describes success too.
fn success_type(responses: &[Response], mut enum_name: impl FnMut() -> String) -> Success {
    let successes: Vec<&Response> = responses.iter().filter(|r| r.success).collect();
    let Some(first) = successes.first() else {
        let default = responses.iter().find(|r| r.status == StatusMatch::Default);
        return Success::One(default.map_or(Content::Empty, |r| r.content.clone()));
    };
    if successes.iter().all(|r| r.content == first.content) {
        return Success::One(first.content.clone());
    }
    Success::Enum { name: enum_name() }
}

/// Decides which parameters travel in the params struct: the optional ones, and the required
/// non-path ones too when there would otherwise be too many arguments. Returns whether any do.
fn place_params(params: &mut [Param], has_body: bool) -> bool {
    let fixed = 1
        + usize::from(has_body)
        + params
            .iter()
            .filter(|p| p.location == ParamLocation::Path)
            .count();
    let required_others = params
        .iter()
        .filter(|p| p.location != ParamLocation::Path && p.required)
        .count();
    let any_optional = params.iter().any(|p| !p.required);
    let budget = MAX_ARGUMENTS.saturating_sub(usize::from(any_optional));
    let required_in_struct = fixed + required_others > budget;
    for param in params
        .iter_mut()
        .filter(|p| p.location != ParamLocation::Path)
    {
        param.in_struct = !param.required || required_in_struct;
    }
    params.iter().any(|p| p.in_struct)
}

/// The media type a request body is sent as: JSON first, then forms, then text, then bytes.
fn preferred_body(
    content: &IndexMap<String, openapiv3::MediaType>,
) -> Option<(&String, &openapiv3::MediaType, BodyEncoding)> {
    let classify = |media_type: &str| {
        let essence = essence(media_type);
        if is_json(media_type) {
            BodyEncoding::Json
        } else if essence == "application/x-www-form-urlencoded" {
            BodyEncoding::Form
        } else if essence == "multipart/form-data" {
            BodyEncoding::Multipart
        } else if is_text(media_type) {
            BodyEncoding::Text
        } else {
            BodyEncoding::Binary
        }
    };
    let rank = |encoding: BodyEncoding| match encoding {
        BodyEncoding::Json => 0,
        BodyEncoding::Form => 1,
        BodyEncoding::Multipart => 2,
        BodyEncoding::Binary => 3,
        BodyEncoding::Text => 4,
    };
    content
        .iter()
        .map(|(media_type, media)| (media_type, media, classify(media_type)))
        .min_by_key(|(_, _, encoding)| rank(*encoding))
}

/// The media type without parameters, lower case.
fn essence(media_type: &str) -> String {
    media_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// Text media types (`text/*`, and XML, which the client sends and returns as text).
fn is_text(media_type: &str) -> bool {
    let essence = essence(media_type);
    essence.starts_with("text/") || essence.ends_with("/xml") || essence.ends_with("+xml")
}

/// Spells out comparison symbols that tell parameters apart (`StartTime<` and `StartTime>`
/// become `start_time_lt` and `start_time_gt`), before the name is made an identifier.
fn readable_symbols(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        match c {
            '<' => out.push_str(" lt "),
            '>' => out.push_str(" gt "),
            _ => out.push(c),
        }
    }
    out
}
