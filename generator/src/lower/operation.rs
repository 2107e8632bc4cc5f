//! Lowering paths and operations: the loop over them, what a failing one takes back, and each
//! operation's name, security and argument placement. Parameters, bodies and responses have
//! modules of their own.

use std::collections::BTreeMap;

use openapiv3::{Operation as OaOperation, ReferenceOr};

use super::Lowerer;
use super::context::OperationContext;
use super::method_names;
use super::params::path_pieces;
use super::responses::{decode_arms, success_type};
use super::servers::{self, ServerTable};
use crate::error::{Error, Problems, Result, join, pointer};
use crate::ir::{
    AlternativeBody, Content, ErrorEnum, Events, Method, Operation, Param, ParamLocation, Response,
    SchemeUse, SecurityRequirement, SecurityScheme, Success, Warning,
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
    // Not a method of the client, but clippy's `new_ret_no_self` denies a `new` that returns
    // anything else than `Self` (gambitcomm's MIMIC API has an operation `new`).
    "new",
];

/// Names the generated `operations` module already uses.
pub(super) const OPERATIONS_MODULE_NAMES: &[&str] = &[
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
    problems: &mut Problems,
) -> Result<Vec<Operation>> {
    let doc = lowerer.doc;
    let mut method_scope = Scope::with_reserved(CLIENT_METHODS);
    let mut error_scope = Scope::with_reserved(OPERATIONS_MODULE_NAMES);
    let mut seen_ids: BTreeMap<&str, String> = BTreeMap::new();
    let route_named = method_names::route_named(doc, CLIENT_METHODS);
    let mut operations = Vec::new();
    // Problems outside an operation's path item met while lowering it, each once, and the
    // warnings that skip operations for them (kept until it is known whether any is left).
    let mut shared: Vec<Error> = Vec::new();
    let mut shared_skips: Vec<Warning> = Vec::new();
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
                route_named: route_named.get(&at).map(String::as_str),
            };
            // A problem confined to this operation costs this operation only: everything its
            // lowering added (types, names, warnings) is taken back and one warning says why.
            let saved = Saved::take(lowerer, &method_scope, &error_scope, warnings);
            let mut operation =
                match context.lower(lowerer, op, &mut method_scope, &mut error_scope, warnings) {
                    Ok(operation) => operation,
                    // A problem outside the path item (a shared component, the document's
                    // `security`) costs every operation that meets it, each skipped with a
                    // warning; only when it costs them all is it the document's error.
                    Err(error) if !within(error.pointer.as_deref(), &item_at) => {
                        saved.restore(lowerer, &mut method_scope, &mut error_scope, warnings);
                        shared_skips.push(skipped(&at, error.clone()));
                        if !shared.contains(&error) {
                            shared.push(error);
                        }
                        continue;
                    }
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
    if operations.is_empty() && !shared.is_empty() {
        // Nothing is left to generate: each shared problem is an error.
        for error in shared {
            problems.push(error);
        }
        return Ok(operations);
    }
    warnings.append(&mut shared_skips);
    name_streams(&mut operations, &mut method_scope);
    name_alternatives(&mut operations, &mut method_scope);
    Ok(operations)
}

/// Names the methods of the request bodies' other forms `<method>_<form>`
/// (`create_message_multipart`), after every operation and stream has its name, so that one
/// never takes the name an operation would have had.
fn name_alternatives(operations: &mut [Operation], method_scope: &mut Scope) {
    for operation in operations {
        for alternative in &mut operation.alternatives {
            let name = format!("{}_{}", operation.method_name, alternative.method_name);
            alternative.method_name = method_scope.claim(name);
        }
    }
}

/// Names the streaming methods, after every operation has its name, so that one never takes
/// the name an operation would have had (see [`naming::stream_method`]).
fn name_streams(operations: &mut [Operation], method_scope: &mut Scope) {
    for operation in operations {
        if let Some(events) = &mut operation.events {
            events.method_name = method_scope.claim(naming::stream_method(&operation.method_name));
        }
    }
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
        let method_name = method_scope.claim(match (self.route_named, &op.operation_id) {
            (Some(name), _) => method_names::method_name(name),
            (None, Some(id)) => method_names::method_name(id),
            (None, None) => method_names::method_name(&format!("{} {path}", self.method)),
        });
        let type_prefix = naming::type_name(&method_name, "Op");
        let (mut params, required_credentials, path, declared_accept) =
            self.params(lowerer, op, &path, &type_prefix, warnings)?;
        let body = self.body(lowerer, op, &type_prefix, warnings)?;
        let alternatives = self.alternatives(lowerer, op, &type_prefix, warnings)?;
        let (responses, events) = self.responses(lowerer, op, &type_prefix, warnings)?;
        let success = success_type(&responses, || {
            error_scope.claim(format!("{type_prefix}Response"))
        });
        let decode = decode_arms(&responses, &success);
        let path_pieces = path_pieces(&path, &params, self.at)?;
        let wants_json = match &success {
            Success::One(content) => matches!(content, Content::Json(_)),
            Success::Enum { .. } => responses
                .iter()
                .any(|r| r.success && matches!(r.content, Content::Json(_))),
        };
        let accept = if wants_json {
            Some(accept(&responses, declared_accept.as_deref()))
        } else {
            accept_other(&responses)
        };
        let params_type = place_params(&mut params, body.is_some())
            .then(|| error_scope.claim(format!("{type_prefix}Params")));
        Ok(Operation {
            errors: ErrorEnum::Own {
                name: error_scope.claim(format!("{type_prefix}Error")),
                aliases: 0,
            },
            params_type,
            server: None,
            pagination: None,
            method_name,
            operation_id: op.operation_id.clone(),
            http_method,
            path,
            pointer: self.at.to_owned(),
            tags: op.tags.clone(),
            // Decided once the configuration is applied (`configure::features`).
            feature: None,
            summary: op.summary.clone(),
            description: op.description.clone(),
            deprecated: op.deprecated,
            security: self.security(lowerer, op, &required_credentials),
            params,
            body,
            alternatives,
            alternative_of: None,
            responses,
            success,
            decode,
            accept,
            path_pieces,
            // Named once every operation has its name (see `name_streams`).
            events: events.map(|(data, format)| Events {
                method_name: String::new(),
                data,
                format,
            }),
        })
    }

    /// The request body's other forms ([`Self::alternative_forms`]), each named by its form
    /// (`multipart`) until every operation has its name ([`name_alternatives`]). A form that
    /// cannot be lowered costs its method only: what it added is taken back, with a warning.
    fn alternatives(
        &self,
        lowerer: &mut Lowerer<'_>,
        op: &OaOperation,
        type_prefix: &str,
        warnings: &mut Vec<Warning>,
    ) -> Result<Vec<AlternativeBody>> {
        let mut alternatives = Vec::new();
        for (media_type, form) in self.alternative_forms(lowerer, op)? {
            let mark = lowerer.table.mark();
            let kept = warnings.len();
            let prefix = format!("{type_prefix}{}", naming::type_name(&form, "Form"));
            match self.alternative_body(lowerer, op, media_type, &prefix, warnings) {
                Ok(Some(body)) => alternatives.push(AlternativeBody {
                    method_name: form,
                    body,
                }),
                Ok(None) => {}
                Err(error) => {
                    lowerer.table.restore(mark);
                    warnings.truncate(kept);
                    let content = join(&join(self.at, "requestBody"), "content");
                    warnings.push(Warning {
                        pointer: error.pointer.unwrap_or_else(|| join(&content, media_type)),
                        message: format!(
                            "{}; no method sends the request body as `{media_type}` (the \
                             operation's other methods are generated)",
                            error.message
                        ),
                    });
                }
            }
        }
        Ok(alternatives)
    }

    /// The operation's security requirements, its own or the document's. A scheme the
    /// requirement names but `components.securitySchemes` does not define is left out with a
    /// warning (once per requirement): the client cannot send a credential it knows nothing
    /// of, but the operation stays, and the user can send that credential as a header or
    /// parameter (Ory Kratos names `sessionToken` and declares the `X-Session-Token` header).
    /// An alternative left with no scheme is left out.
    ///
    /// `required` are the schemes whose API key the operation also declares as a required
    /// parameter (Trello lists `key` and `token` as alternatives and requires both parameters
    /// in every operation): the parameter is that credential, so the scheme joins every
    /// alternative, and alternatives that end up the same set are kept once.
    fn security(
        &self,
        lowerer: &mut Lowerer<'_>,
        op: &OaOperation,
        required: &[String],
    ) -> Vec<SecurityRequirement> {
        let (requirements, at) = match &op.security {
            Some(requirements) => (requirements, join(self.at, "security")),
            None => match &lowerer.doc.security {
                Some(requirements) => (requirements, pointer(&["security"])),
                None => return Vec::new(),
            },
        };
        let mut lowered = Vec::new();
        for (index, requirement) in requirements.iter().enumerate() {
            let mut schemes = Vec::new();
            for (key, scopes) in requirement {
                if self.schemes.iter().any(|s| &s.key == key) {
                    schemes.push(SchemeUse {
                        key: key.clone(),
                        scopes: scopes.clone(),
                    });
                    continue;
                }
                let declared = lowerer
                    .doc
                    .components
                    .as_ref()
                    .is_some_and(|c| c.security_schemes.contains_key(key));
                let why = if declared {
                    "is left out (its warning says why)"
                } else if lowerer.swagger2 {
                    "is not defined in `securityDefinitions`"
                } else {
                    "is not defined in `components.securitySchemes`"
                };
                // Once per scheme: Okta's trimmed descriptions name two undefined schemes in
                // each of 778 operations.
                lowerer.warn_once(
                    format!("undefined security scheme {key}"),
                    join(&at, &index.to_string()),
                    format!(
                        "security scheme `{key}` {why}; the client sends no credential for it \
                         (send it as a header with `ClientBuilder::default_header` or as the \
                         operation's parameter; here and in every requirement naming it)"
                    ),
                );
            }
            for key in required {
                if self.schemes.iter().any(|s| &s.key == key)
                    && !schemes.iter().any(|s| &s.key == key)
                {
                    lowerer.warn_once(
                        format!("required scheme {key}"),
                        at.clone(),
                        format!(
                            "the operation requires the parameter that is security scheme \
                             `{key}`'s API key, so every alternative of its `security` needs \
                             `{key}` too (here and in every operation where it does)"
                        ),
                    );
                    schemes.push(SchemeUse {
                        key: key.clone(),
                        scopes: Vec::new(),
                    });
                }
            }
            // The same schemes with the same scopes, in any order.
            let same = |other: &SecurityRequirement| {
                other.schemes.len() == schemes.len()
                    && other.schemes.iter().all(|s| schemes.contains(s))
            };
            if (!schemes.is_empty() || requirement.is_empty()) && !lowered.iter().any(same) {
                lowered.push(SecurityRequirement { schemes });
            }
        }
        lowered
    }
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

/// The `Accept` header of an operation whose success is text or bytes: the media type each
/// success declares, then anything at a low preference (`*/*;q=0.1`), so that a server choosing
/// its answer by `Accept` sends the documented type (a CSV export rather than its JSON
/// default), and one that cannot still answers. None when no success has content, or one
/// declares `*/*` (any type is as good).
fn accept_other(responses: &[Response]) -> Option<String> {
    let mut types: Vec<&str> = Vec::new();
    for response in responses.iter().filter(|r| r.success) {
        let Some(media_type) = response.media_type.as_deref() else {
            continue;
        };
        let essence = super::media::essence(media_type);
        if essence.is_empty() || essence == "*/*" {
            return None;
        }
        // Only what a header value can carry.
        if !super::media::header_safe(media_type) {
            continue;
        }
        if !types.iter().any(|t| t.eq_ignore_ascii_case(media_type)) {
            types.push(media_type);
        }
    }
    if types.is_empty() {
        return None;
    }
    types.push("*/*;q=0.1");
    Some(types.join(", "))
}

/// The `Accept` header of an operation whose success is JSON: the JSON media types its
/// successes declare, then those of its errors, each once (`application/json` when none is
/// named, as for a `default` response without content). A JSON media type the operation's own
/// `Accept` parameter fixes (`declared`: a versioned `application/vnd.pagerduty+json;version=2`)
/// is what the API asks for; the parameter is no argument, as OpenAPI says, but its value leads
/// the header, before the documented types (a server, or a mock, that knows only those still
/// answers).
fn accept(responses: &[Response], declared: Option<&str>) -> String {
    let mut types: Vec<&str> = Vec::new();
    let successes = responses.iter().filter(|r| r.success);
    let errors = responses.iter().filter(|r| !r.success);
    for response in successes.chain(errors) {
        if let (Content::Json(_), Some(media_type)) = (&response.content, &response.media_type) {
            // JSON read from a range (`*/*`) is asked for as JSON first, then as the range
            // the spec names.
            if super::media::admits_json(media_type)
                && !types
                    .iter()
                    .any(|t| t.eq_ignore_ascii_case("application/json"))
            {
                types.push("application/json");
            }
            if super::media::header_safe(media_type)
                && !types.iter().any(|t| t.eq_ignore_ascii_case(media_type))
            {
                types.push(media_type);
            }
        }
    }
    if types.is_empty() {
        types.push("application/json");
    }
    if let Some(declared) = declared
        && !types.iter().any(|t| t.eq_ignore_ascii_case(declared))
    {
        types.insert(0, declared);
    }
    types.join(", ")
}
