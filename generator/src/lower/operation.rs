//! Lowering paths and operations: parameters, bodies, responses, security.

use std::collections::BTreeMap;

use indexmap::IndexMap;
use openapiv3::{Operation as OaOperation, Parameter, ParameterSchemaOrContent, ReferenceOr};

use super::schema::field_name;
use super::{Lowerer, resolve};
use crate::error::{Error, Result, join, pointer};
use crate::ir::{
    Operation, Param, ParamLocation, RequestBody, Response, SecurityRequirement, SecurityScheme,
    StatusMatch, TypeRef,
};
use crate::naming::{self, Scope};

/// Method names the generated `Client` already uses.
const CLIENT_METHODS: &[&str] = &[
    "builder",
    "base_url",
    "call",
    "http",
    "base_headers",
    "clone",
];

/// Names the generated `operations` module already uses.
const OPERATIONS_MODULE_NAMES: &[&str] = &[
    "Client",
    "Call",
    "Outcome",
    "RequestBuilder",
    "Method",
    "StatusCode",
    "Bytes",
    "Option",
    "Vec",
    "String",
    "Box",
    "Result",
];

pub(super) fn lower_operations(
    lowerer: &mut Lowerer<'_>,
    schemes: &[SecurityScheme],
) -> Result<Vec<Operation>> {
    let doc = lowerer.doc;
    let mut method_scope = Scope::with_reserved(CLIENT_METHODS);
    let mut error_scope = Scope::with_reserved(OPERATIONS_MODULE_NAMES);
    let mut seen_ids: BTreeMap<&str, String> = BTreeMap::new();
    let mut operations = Vec::new();
    for (path_key, item) in &doc.paths.paths {
        let item_at = pointer(&["paths", path_key]);
        let ReferenceOr::Item(item) = item else {
            return Err(Error::at(item_at, "a `$ref` path item is not supported"));
        };
        for (method, op) in item.iter() {
            let at = join(&item_at, method);
            if let Some(id) = op.operation_id.as_deref() {
                if let Some(first) = seen_ids.insert(id, at.clone()) {
                    return Err(Error::at(
                        at,
                        format!("duplicate operationId `{id}` (first used at {first})"),
                    ));
                }
            }
            let context = OperationContext {
                path_key,
                method,
                at: &at,
                path_params: &item.parameters,
                schemes,
            };
            operations.push(context.lower(lowerer, op, &mut method_scope, &mut error_scope)?);
        }
    }
    Ok(operations)
}

struct OperationContext<'a> {
    path_key: &'a str,
    method: &'a str,
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
    ) -> Result<Operation> {
        // A `#fragment` in a path key only tells otherwise equal paths apart.
        let path = self
            .path_key
            .split('#')
            .next()
            .unwrap_or_default()
            .to_owned();
        let raw_name = match &op.operation_id {
            Some(id) => naming::value_name(id, "op"),
            None => naming::value_name(&format!("{} {path}", self.method), "op"),
        };
        let method_name = method_scope.claim(field_name(&raw_name));
        let type_prefix = naming::type_name(&method_name, "Op");
        let params = self.params(lowerer, op, &path, &type_prefix)?;
        let body = self.body(lowerer, op, &type_prefix)?;
        let responses = self.responses(lowerer, op, &type_prefix)?;
        let success = success_type(&responses, self.at)?;
        Ok(Operation {
            error_type: error_scope.claim(format!("{type_prefix}Error")),
            method_name,
            operation_id: op.operation_id.clone(),
            http_method: self.method.to_ascii_uppercase(),
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
    ) -> Result<Vec<Param>> {
        let components = lowerer.doc.components.as_ref().map(|c| &c.parameters);
        // Operation parameters override path-item ones with the same name and location.
        let mut merged: IndexMap<(String, &'static str), (&Parameter, String)> = IndexMap::new();
        let path_item_at = self.at.rsplit_once('/').map_or("", |(parent, _)| parent);
        let sources = [
            (self.path_params, join(path_item_at, "parameters")),
            (op.parameters.as_slice(), join(self.at, "parameters")),
        ];
        for (list, list_at) in &sources {
            for (index, param) in list.iter().enumerate() {
                let at = join(list_at, &index.to_string());
                let param = match param {
                    ReferenceOr::Item(param) => param,
                    ReferenceOr::Reference { reference } => {
                        resolve(components, reference, "parameters", &at)?.0
                    }
                };
                let data = param.parameter_data_ref();
                merged.insert((data.name.clone(), location_key(param)), (param, at));
            }
        }
        let mut scope = Scope::with_reserved(&["body", "self"]);
        let mut params = Vec::new();
        for (param, at) in merged.values() {
            let data = param.parameter_data_ref();
            let location = match param {
                Parameter::Path { .. } => ParamLocation::Path,
                Parameter::Query { .. } => ParamLocation::Query,
                Parameter::Header { .. } => ParamLocation::Header,
                Parameter::Cookie { .. } => ParamLocation::Cookie,
            };
            let ty = match &data.format {
                ParameterSchemaOrContent::Schema(schema) => lowerer.schema_type(
                    schema,
                    &join(at, "schema"),
                    &format!("{type_prefix}{}", naming::type_name(&data.name, "Param")),
                )?,
                ParameterSchemaOrContent::Content(_) => {
                    return Err(Error::at(
                        join(at, "content"),
                        "parameters described by `content` are not supported yet",
                    ));
                }
            };
            if location != ParamLocation::Path && location != ParamLocation::Query {
                return Err(Error::at(
                    at,
                    format!("{location:?} parameters are not supported yet"),
                ));
            }
            params.push(Param {
                name: scope.claim(field_name(&data.name)),
                wire_name: data.name.clone(),
                location,
                required: data.required || location == ParamLocation::Path,
                ty,
                docs: data.description.clone(),
            });
        }
        check_path_params(path, &params, self.at)?;
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
    ) -> Result<Option<RequestBody>> {
        let Some(body) = &op.request_body else {
            return Ok(None);
        };
        let at = join(self.at, "requestBody");
        let body = match body {
            ReferenceOr::Item(body) => body,
            ReferenceOr::Reference { reference } => {
                let components = lowerer.doc.components.as_ref().map(|c| &c.request_bodies);
                resolve(components, reference, "requestBodies", &at)?.0
            }
        };
        let Some((media_type, media)) = body.content.iter().find(|(m, _)| is_json(m)) else {
            let offered: Vec<&str> = body.content.keys().map(String::as_str).collect();
            return Err(Error::at(
                join(&at, "content"),
                format!("request body media types {offered:?} are not supported yet (only JSON)"),
            ));
        };
        let schema_at = join(&join(&join(&at, "content"), media_type), "schema");
        let ty = match &media.schema {
            Some(schema) => {
                lowerer.schema_type(schema, &schema_at, &format!("{type_prefix}Body"))?
            }
            None => TypeRef::Any,
        };
        Ok(Some(RequestBody {
            media_type: media_type.clone(),
            ty,
            required: body.required,
            docs: body.description.clone(),
        }))
    }

    fn responses(
        &self,
        lowerer: &mut Lowerer<'_>,
        op: &OaOperation,
        type_prefix: &str,
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
            let response = match response {
                ReferenceOr::Item(response) => response,
                ReferenceOr::Reference { reference } => {
                    let components = lowerer.doc.components.as_ref().map(|c| &c.responses);
                    resolve(components, reference, "responses", &at)?.0
                }
            };
            let variant = variant_scope.claim(status_variant(status));
            let json = response.content.iter().find(|(m, _)| is_json(m));
            let ty = match json {
                Some((media_type, media)) => match &media.schema {
                    Some(schema) => Some(lowerer.schema_type(
                        schema,
                        &join(&join(&join(&at, "content"), media_type), "schema"),
                        &format!("{type_prefix}{variant}"),
                    )?),
                    None => Some(TypeRef::Any),
                },
                None if status.is_success() && !response.content.is_empty() => {
                    let offered: Vec<&str> = response.content.keys().map(String::as_str).collect();
                    return Err(Error::at(
                        join(&at, "content"),
                        format!(
                            "response media types {offered:?} are not supported yet (only JSON)"
                        ),
                    ));
                }
                None => None,
            };
            responses.push(Response {
                status,
                description: response.description.clone(),
                ty,
                variant,
            });
        }
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
                schemes.push((key.clone(), scopes.clone()));
            }
            lowered.push(SecurityRequirement { schemes });
        }
        Ok(lowered)
    }
}

fn location_key(param: &Parameter) -> &'static str {
    match param {
        Parameter::Path { .. } => "path",
        Parameter::Query { .. } => "query",
        Parameter::Header { .. } => "header",
        Parameter::Cookie { .. } => "cookie",
    }
}

/// Every `{name}` in the path has a path parameter, and every path parameter appears in the path.
fn check_path_params(path: &str, params: &[Param], at: &str) -> Result<()> {
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else {
            return Err(Error::at(at, format!("path `{path}` has an unclosed `{{`")));
        };
        let name = &rest[start + 1..start + len];
        if !params
            .iter()
            .any(|p| p.location == ParamLocation::Path && p.wire_name == name)
        {
            return Err(Error::at(
                at,
                format!(
                    "path `{path}` names `{{{name}}}`, but no path parameter `{name}` is declared"
                ),
            ));
        }
        rest = &rest[start + len + 1..];
    }
    for param in params.iter().filter(|p| p.location == ParamLocation::Path) {
        if !path.contains(&format!("{{{}}}", param.wire_name)) {
            return Err(Error::at(
                at,
                format!(
                    "path parameter `{}` does not appear in path `{path}`",
                    param.wire_name
                ),
            ));
        }
    }
    Ok(())
}

/// JSON and `+json` media types, with or without parameters.
pub(crate) fn is_json(media_type: &str) -> bool {
    let essence = media_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    essence == "application/json" || essence.ends_with("+json")
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

/// The one body type every success response shares.
fn success_type(responses: &[Response], at: &str) -> Result<Option<TypeRef>> {
    let successes: Vec<Option<&TypeRef>> = responses
        .iter()
        .filter(|r| r.status.is_success())
        .map(|r| r.ty.as_ref())
        .collect();
    let first = successes.iter().flatten().next().copied();
    if let Some(first) = first {
        if successes.iter().any(|ty| *ty != Some(first)) {
            return Err(Error::at(
                join(at, "responses"),
                "success responses with different body types are not supported yet",
            ));
        }
    }
    Ok(first.cloned())
}
