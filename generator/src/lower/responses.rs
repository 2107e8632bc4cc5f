//! An operation's responses: their variants, which are successes, and what a success returns.

use openapiv3::{MediaType, Operation as OaOperation, ReferenceOr, Schema};

use super::compose::string_format_name;
use super::context::OperationContext;
use super::events::Streamed;
use super::media::{admits_json, describes_json, is_json, is_octets, is_text, is_xml};
use super::{Lowerer, resolve};
use crate::error::{Result, join, pointer};
use crate::ir::{
    ArmOutcome, Content, DecodeArm, ErrorBody, Link, LinkTarget, Response, ResponseHeader,
    StatusMatch, Success, TypeRef, Warning,
};
use crate::naming::Scope;

impl OperationContext<'_> {
    pub(super) fn responses(
        &self,
        lowerer: &mut Lowerer<'_>,
        op: &OaOperation,
        type_prefix: &str,
        warnings: &mut Vec<Warning>,
    ) -> Result<(Vec<Response>, Option<Streamed>)> {
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
        // A response to HEAD is a GET's without its content (RFC 9110, section 9.3.2).
        let head = self.method.eq_ignore_ascii_case("head");
        let mut variant_scope = Scope::default();
        let mut responses = Vec::new();
        let mut resolved = Vec::new();
        for (status, response) in listed {
            let listed_at = join(&responses_at, &status_key(status));
            let at = listed_at.clone();
            let response_ref = matches!(response, ReferenceOr::Reference { .. });
            let (response, at) = match response {
                ReferenceOr::Item(response) => (response, at),
                ReferenceOr::Reference { reference } => {
                    let components = lowerer.doc.components.as_ref().map(|c| &c.responses);
                    let (response, key) = resolve(components, reference, "responses", &at)?;
                    (response, pointer(&["components", "responses", &key]))
                }
            };
            let links = links(lowerer, &response.links, &join(&at, "links"), warnings);
            let headers = headers(lowerer, &response.headers, &join(&at, "headers"), warnings);
            let variant = variant_scope.claim(status_variant(status));
            let no_content = head || matches!(status, StatusMatch::Code(204 | 205 | 304));
            if head && !response.content.is_empty() {
                // What a spec declares here is what a GET would return (ASP.NET's
                // Swashbuckle writes it for every `HEAD`); the response to a HEAD has none.
                // Said at the operation's own response: a shared component's content is
                // ignored only where HEAD uses it (Harbor's `#/responses/400`).
                let content_at = if response_ref {
                    listed_at.clone()
                } else {
                    join(&at, "content")
                };
                lowerer.warn_once(
                    "no content head".to_owned(),
                    content_at,
                    "a response to HEAD has no content (RFC 9110, section 9.3.2); the `content` \
                     it declares is ignored (here and wherever a response to HEAD declares some)"
                        .to_owned(),
                );
            } else if no_content && !response.content.is_empty() {
                let status = status_key(status);
                lowerer.warn_once(
                    format!("no content {status}"),
                    join(&at, "content"),
                    format!(
                        "a {status} response has no content (RFC 9110, section 15); the \
                         `content` it declares is ignored (here and wherever a {status} declares \
                         some)"
                    ),
                );
            }
            // A JSON media type (unless its schema is bytes, the body's octets), else a range
            // that admits JSON (`*/*`, which Spring's springdoc writes for every response)
            // whose schema describes JSON rather than a string.
            let json = response
                .content
                .iter()
                .find(|(m, media)| {
                    !no_content
                        && is_json(m)
                        && !media.schema.as_ref().is_some_and(|schema| {
                            lowerer
                                .deref(schema, &at)
                                .is_ok_and(|(schema, _)| is_octets(schema))
                        })
                })
                .or_else(|| {
                    response.content.iter().find(|(m, media)| {
                        !no_content
                            && admits_json(m)
                            && media.schema.as_ref().is_some_and(|schema| {
                                lowerer
                                    .deref(schema, &at)
                                    .is_ok_and(|(schema, _)| describes_json(schema))
                            })
                    })
                });
            // Else an XML media type whose schema describes structured data: typed too.
            let xml = match json {
                Some(_) => None,
                None => response.content.iter().find(|(m, media)| {
                    !no_content && is_xml(m) && structured(lowerer, media.schema.as_ref(), &at)
                }),
            };
            let typed = |lowerer: &mut Lowerer<'_>, media_type: &str, media: &MediaType| {
                match &media.schema {
                    Some(schema) => lowerer.schema_type(
                        schema,
                        &join(&join(&join(&at, "content"), media_type), "schema"),
                        &format!("{type_prefix}{variant}"),
                    ),
                    None => Ok(TypeRef::Any),
                }
            };
            let content = match (json, xml) {
                (Some((media_type, media)), _) => Content::Json(typed(lowerer, media_type, media)?),
                (None, Some((media_type, media))) => {
                    Content::Xml(typed(lowerer, media_type, media)?)
                }
                (None, None) if no_content || response.content.is_empty() => Content::Empty,
                (None, None) if response.content.keys().all(|m| is_text(m)) => Content::Text,
                (None, None) => Content::Binary,
            };
            let media_type = match json.or(xml) {
                Some((media_type, _)) => Some(media_type.clone()),
                None if no_content => None,
                None => response.content.keys().next().cloned(),
            };
            responses.push(Response {
                status,
                description: response.description.clone(),
                content,
                media_type,
                variant,
                success: false,
                links,
                headers,
            });
            resolved.push((response, at));
        }
        mark_successes(&mut responses);
        // The first success that offers an event stream: its events are what the operation's
        // streaming method yields.
        let mut events = None;
        for (lowered, (response, at)) in responses.iter().zip(&resolved) {
            if lowered.success && !head {
                let hint = format!("{type_prefix}{}Event", lowered.variant);
                events = lowerer.event_data(response, at, &hint)?;
                if events.is_some() {
                    break;
                }
            }
        }
        Ok((responses, events))
    }
}

fn status_key(status: StatusMatch) -> String {
    match status {
        StatusMatch::Code(code) => code.to_string(),
        StatusMatch::Range(hundreds) => format!("{hundreds}XX"),
        StatusMatch::Default => "default".to_owned(),
    }
}

/// A readable variant name for a status: the reason phrase where there is a standard one
/// (`http`'s table of the IANA registry), `Status{code}` otherwise.
fn status_variant(status: StatusMatch) -> String {
    match status {
        StatusMatch::Default => "Default".to_owned(),
        StatusMatch::Range(4) => "ClientError".to_owned(),
        StatusMatch::Range(5) => "ServerError".to_owned(),
        StatusMatch::Range(hundreds) => format!("Status{hundreds}xx"),
        StatusMatch::Code(code) => match http::StatusCode::from_u16(code)
            .ok()
            .and_then(|status| status.canonical_reason())
        {
            // `I'm a teapot` is one word `Im`, not `IM`.
            Some(reason) => crate::naming::upper_camel_case(&reason.replace('\'', "")),
            None => format!("Status{code}"),
        },
    }
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
pub(super) fn success_type(
    responses: &[Response],
    mut enum_name: impl FnMut() -> String,
) -> Success {
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

/// The arms of the operation's response decoder, in the order they are tried: exact codes,
/// then ranges, then `default` (the most specific match wins). With no success documented,
/// `default` describes success as well, and without `default` any 2xx is that success. When the
/// only successes are redirects with no body, the client may have followed one (it does for
/// same-origin ones): the target's 2xx is the success too; with a body, the target's body is
/// of unknown shape, so its 2xx stays unexpected, raw response kept.
pub(super) fn decode_arms(responses: &[Response], success: &Success) -> Vec<DecodeArm> {
    let mut ordered: Vec<&Response> = responses.iter().collect();
    ordered.sort_by_key(|r| match r.status {
        StatusMatch::Code(_) => 0,
        StatusMatch::Range(_) => 1,
        StatusMatch::Default => 2,
    });
    let documents_success = responses.iter().any(|r| r.success);
    let one = match success {
        Success::One(content) => Some(content),
        Success::Enum { .. } => None,
    };
    let any_2xx = |content: &Content| DecodeArm {
        statuses: StatusMatch::Range(2),
        outcome: ArmOutcome::Success {
            variant: None,
            content: content.clone(),
        },
    };
    let mut followed_redirect = (documents_success
        && !responses.iter().any(|r| r.status.is_success())
        && one == Some(&Content::Empty))
    .then(|| any_2xx(&Content::Empty));
    let mut arms = Vec::new();
    for response in ordered {
        if response.status == StatusMatch::Default {
            arms.extend(followed_redirect.take());
            if !documents_success {
                match one {
                    Some(content) => arms.push(any_2xx(content)),
                    None => continue,
                }
            }
        }
        let outcome = match (response.success, one) {
            (true, Some(content)) => ArmOutcome::Success {
                variant: None,
                content: content.clone(),
            },
            (true, None) => ArmOutcome::Success {
                variant: Some(response.variant.clone()),
                content: response.content.clone(),
            },
            (false, _) => ArmOutcome::Error {
                variant: response.variant.clone(),
                body: match &response.content {
                    Content::Json(_) => ErrorBody::Json,
                    Content::Xml(ty) => ErrorBody::Xml(ty.clone()),
                    Content::Empty | Content::Text | Content::Binary => ErrorBody::None,
                },
            },
        };
        arms.push(DecodeArm {
            statuses: response.status,
            outcome,
        });
    }
    let has_default = responses.iter().any(|r| r.status == StatusMatch::Default);
    if !documents_success && !has_default {
        arms.extend(one.map(any_2xx));
    }
    arms.extend(followed_redirect);
    if !has_default {
        arms.push(DecodeArm {
            statuses: StatusMatch::Default,
            outcome: ArmOutcome::Unexpected,
        });
    }
    arms
}

/// Whether `schema` describes structured data (an object, array, number, boolean or union),
/// not a string.
pub(super) fn structured(
    lowerer: &Lowerer<'_>,
    schema: Option<&openapiv3::ReferenceOr<openapiv3::Schema>>,
    at: &str,
) -> bool {
    schema.is_some_and(|schema| {
        lowerer
            .deref(schema, at)
            .is_ok_and(|(schema, _)| describes_json(schema))
    })
}

/// A response's headers, for the docs; one whose `$ref` names no component header is left
/// out with a warning, and `Content-Type` (OpenAPI: "it SHALL be ignored") quietly.
fn headers(
    lowerer: &Lowerer<'_>,
    headers: &indexmap::IndexMap<String, ReferenceOr<openapiv3::Header>>,
    at: &str,
    warnings: &mut Vec<Warning>,
) -> Vec<ResponseHeader> {
    let components = lowerer.doc.components.as_ref().map(|c| &c.headers);
    headers
        .iter()
        .filter(|(name, _)| !name.eq_ignore_ascii_case("content-type"))
        .filter_map(|(name, header)| {
            let header_at = join(at, name);
            let (header, header_at) = match header {
                ReferenceOr::Item(header) => (header, header_at),
                ReferenceOr::Reference { reference } => {
                    match resolve(components, reference, "headers", &header_at) {
                        Ok((header, key)) => (header, pointer(&["components", "headers", &key])),
                        Err(error) => {
                            warnings.push(Warning {
                                pointer: header_at,
                                message: format!(
                                    "{}; the header is left out of the docs",
                                    error.message
                                ),
                            });
                            return None;
                        }
                    }
                }
            };
            let (kind, values) = match &header.format {
                openapiv3::ParameterSchemaOrContent::Schema(schema) => {
                    match lowerer.deref(schema, &join(&header_at, "schema")) {
                        Ok((schema, at)) => {
                            (schema_words(lowerer, schema, &at, 0), enum_values(schema))
                        }
                        Err(_) => (None, Vec::new()),
                    }
                }
                openapiv3::ParameterSchemaOrContent::Content(content) => {
                    (content.keys().next().map(|m| format!("as {m}")), Vec::new())
                }
            };
            Some(ResponseHeader {
                name: name.clone(),
                kind,
                values,
                description: header.description.clone().filter(|d| !d.trim().is_empty()),
                required: header.required,
                deprecated: header.deprecated == Some(true),
            })
        })
        .collect()
}

/// The string values a header's schema lists (`enum`).
fn enum_values(schema: &Schema) -> Vec<String> {
    match &schema.schema_kind {
        openapiv3::SchemaKind::Type(openapiv3::Type::String(string)) => {
            string.enumeration.iter().flatten().cloned().collect()
        }
        _ => Vec::new(),
    }
}

/// What `schema` holds, in a few words for the docs (`integer`, `string, date-time`, `array
/// of string`); `None` when it says nothing of it.
fn schema_words(lowerer: &Lowerer<'_>, schema: &Schema, at: &str, depth: usize) -> Option<String> {
    use openapiv3::{SchemaKind, Type};
    let with_format = |kind: &str, format: Option<&str>| match format {
        Some(format) if !format.is_empty() => format!("{kind}, {format}"),
        _ => kind.to_owned(),
    };
    Some(match &schema.schema_kind {
        SchemaKind::Type(Type::String(string)) => {
            with_format("string", string_format_name(&string.format))
        }
        SchemaKind::Type(Type::Integer(_)) => "integer".to_owned(),
        SchemaKind::Type(Type::Number(_)) => "number".to_owned(),
        SchemaKind::Type(Type::Boolean(_)) => "boolean".to_owned(),
        SchemaKind::Type(Type::Object(_)) => "object".to_owned(),
        SchemaKind::Type(Type::Array(array)) => {
            let items = (array.items.as_ref())
                .filter(|_| depth < 4)
                .and_then(|items| lowerer.deref(items, at).ok())
                .and_then(|(items, items_at)| schema_words(lowerer, items, &items_at, depth + 1));
            match items {
                Some(items) => format!("array of {items}"),
                None => "array".to_owned(),
            }
        }
        SchemaKind::Any(any) => match any.typ.as_deref() {
            Some(kind @ ("string" | "integer" | "number" | "boolean" | "object" | "array")) => {
                with_format(kind, any.format.as_deref())
            }
            _ => return None,
        },
        _ => return None,
    })
}

/// A response's links, for the docs; one that cannot be followed (a `$ref` that names no
/// component link) is left out with a warning.
fn links(
    lowerer: &Lowerer<'_>,
    links: &indexmap::IndexMap<String, ReferenceOr<openapiv3::Link>>,
    at: &str,
    warnings: &mut Vec<Warning>,
) -> Vec<Link> {
    let components = lowerer.doc.components.as_ref().map(|c| &c.links);
    let text = |value: &serde_json::Value| match value {
        serde_json::Value::String(text) => text.clone(),
        other => other.to_string(),
    };
    links
        .iter()
        .filter_map(|(name, link)| {
            let link_at = join(at, name);
            let link = match link {
                ReferenceOr::Item(link) => link,
                ReferenceOr::Reference { reference } => {
                    match resolve(components, reference, "links", &link_at) {
                        Ok((link, _)) => link,
                        Err(error) => {
                            warnings.push(Warning {
                                pointer: link_at,
                                message: format!(
                                    "{}; the link is left out of the docs",
                                    error.message
                                ),
                            });
                            return None;
                        }
                    }
                }
            };
            Some(Link {
                name: name.clone(),
                target: match &link.operation {
                    openapiv3::LinkOperation::OperationId(id) => LinkTarget::Id(id.clone()),
                    openapiv3::LinkOperation::OperationRef(reference) => {
                        LinkTarget::Ref(reference.clone())
                    }
                },
                parameters: (link.parameters.iter())
                    .map(|(name, value)| (name.clone(), text(value)))
                    .collect(),
                request_body: link.request_body.as_ref().map(text),
                description: link.description.clone(),
            })
        })
        .collect()
}
