//! An operation's parameters: merged from the path item and the operation, typed, placed.

use indexmap::IndexMap;
use openapiv3::{
    Operation as OaOperation, Parameter, ParameterSchemaOrContent, PathStyle, QueryStyle,
    ReferenceOr,
};

use super::context::OperationContext;
use super::media::is_json;
use super::schema::field_name;
use super::{Lowerer, resolve};
use crate::error::{Error, Result, join, pointer};
use crate::ir::{Param, ParamLocation, ParamStyle, PathPiece, TypeRef, Warning};
use crate::naming::{self, Scope};

/// Header fields that frame the message or manage the connection, which no caller sets.
const TRANSPORT_HEADERS: &[&str] = &[
    "content-length",
    "transfer-encoding",
    "host",
    "connection",
    "keep-alive",
    "te",
    "trailer",
    "upgrade",
];

/// An operation's parameters, the schemes whose key a required parameter is, its path (a
/// query in the path key taken out) and the JSON media type its `Accept` parameter fixes.
type LoweredParams = (Vec<Param>, Vec<String>, String, Option<String>);

impl OperationContext<'_> {
    pub(super) fn params(
        &self,
        lowerer: &mut Lowerer<'_>,
        op: &OaOperation,
        path: &str,
        type_prefix: &str,
        warnings: &mut Vec<Warning>,
    ) -> Result<LoweredParams> {
        let components = lowerer.doc.components.as_ref().map(|c| &c.parameters);
        // The JSON media type a declared `Accept` parameter fixes (a single-value `enum` or a
        // `default`: PagerDuty's versioning `application/vnd.pagerduty+json;version=2`).
        let mut declared_accept: Option<String> = None;
        // Operation parameters override path-item ones with the same name and location (a
        // header's name in any case: header names are case-insensitive, RFC 9110 section 5.1).
        // A list may not declare a parameter twice; when one does, its first declaration is
        // used and the repeat is warned about, so the parameter is sent once.
        let mut merged: IndexMap<(String, &'static str), (&Parameter, String)> = IndexMap::new();
        let sources = [
            (self.path_params, join(self.item_at, "parameters")),
            (op.parameters.as_slice(), join(self.at, "parameters")),
        ];
        for (list, list_at) in &sources {
            let mut declared: IndexMap<(String, &'static str), (String, String)> = IndexMap::new();
            for (index, param) in list.iter().enumerate() {
                let listed_at = join(list_at, &index.to_string());
                // A referenced component is reported at its own pointer: a problem there is
                // shared by every operation using it.
                let (param, at) = match param {
                    ReferenceOr::Item(param) => (param, listed_at.clone()),
                    ReferenceOr::Reference { reference } => {
                        let (param, key) =
                            resolve(components, reference, "parameters", &listed_at)?;
                        (param, pointer(&["components", "parameters", &key]))
                    }
                };
                let data = param.parameter_data_ref();
                let location = location_key(param);
                let name = if location == "header" {
                    data.name.to_ascii_lowercase()
                } else {
                    data.name.clone()
                };
                let key = (name, location);
                if let Some((first_name, first_at)) = declared.get(&key) {
                    let case = if location == "header" {
                        ", header names being case-insensitive"
                    } else {
                        ""
                    };
                    warnings.push(Warning {
                        pointer: listed_at,
                        message: format!(
                            "{location} parameter `{}` repeats `{first_name}` ({first_at}){case}; \
                             the first is used (a list may not declare a parameter twice)",
                            data.name
                        ),
                    });
                    continue;
                }
                declared.insert(key.clone(), (data.name.clone(), listed_at));
                merged.insert(key, (param, at));
            }
        }
        let mut scope = Scope::with_reserved(&["body", "self", "params", "request"]);
        let mut params = Vec::new();
        // The schemes whose key a required parameter is: the operation needs their credential
        // whichever alternative of its `security` it meets (`OperationContext::security`).
        let mut required_credentials: Vec<String> = Vec::new();
        // OpenAPI: "If in is "header" and the name field is "Accept", "Content-Type" or
        // "Authorization", the parameter definition SHALL be ignored": the client sets them
        // from the responses, the body and the security schemes. An `Authorization` parameter
        // of an operation that no security scheme of it sends `Authorization` for (none at
        // all, or only API keys in other places: Azure's ARM token beside a subscription key)
        // is kept: nothing else sends it.
        let requirements = op.security.as_ref().or(lowerer.doc.security.as_ref());
        let schemes = lowerer.doc.components.as_ref().map(|c| &c.security_schemes);
        let sets_authorization = requirements.into_iter().flatten().any(|requirement| {
            requirement.keys().any(|key| {
                let scheme = match schemes.and_then(|s| s.get(key)) {
                    Some(ReferenceOr::Item(scheme)) => scheme,
                    Some(ReferenceOr::Reference { reference }) => {
                        match resolve(schemes, reference, "securitySchemes", self.at) {
                            Ok((scheme, _)) => scheme,
                            Err(_) => return false,
                        }
                    }
                    None => return false,
                };
                match scheme {
                    openapiv3::SecurityScheme::APIKey { location, name, .. } => {
                        matches!(location, openapiv3::APIKeyLocation::Header)
                            && name.eq_ignore_ascii_case("authorization")
                    }
                    _ => true,
                }
            })
        });
        let ignored: &[&str] = if sets_authorization {
            &["accept", "content-type", "authorization"]
        } else {
            &["accept", "content-type"]
        };
        // A parameter an API key scheme of the operation sends (same place, same name) is that
        // credential: the client sends it from the key it is given, once.
        let keys: Vec<(&str, &str, &str)> = requirements
            .into_iter()
            .flatten()
            .flat_map(|requirement| requirement.keys())
            .filter_map(|key| match schemes?.get(key)? {
                ReferenceOr::Item(openapiv3::SecurityScheme::APIKey { location, name, .. }) => {
                    let place = match location {
                        openapiv3::APIKeyLocation::Query => "query",
                        openapiv3::APIKeyLocation::Header => "header",
                        openapiv3::APIKeyLocation::Cookie => "cookie",
                    };
                    Some((place, name.as_str(), key.as_str()))
                }
                _ => None,
            })
            .collect();
        for (param, at) in merged.values() {
            let data = param.parameter_data_ref();
            let place = location_key(param);
            let sent_by = keys.iter().find(|(key_place, name, _)| {
                *key_place == place
                    && if place == "header" {
                        name.eq_ignore_ascii_case(&data.name)
                    } else {
                        *name == data.name
                    }
            });
            if let Some((_, _, scheme)) = sent_by {
                if data.required && !required_credentials.iter().any(|s| s == scheme) {
                    required_credentials.push((*scheme).to_owned());
                }
                lowerer.warn_once(
                    format!("api key {place} {}", data.name),
                    at.clone(),
                    format!(
                        "{place} parameter `{}` is the API key of the security scheme \
                         `{scheme}`; the client sends it from the key it is given, and the \
                         parameter is ignored (here and in every operation declaring it)",
                        data.name
                    ),
                );
                continue;
            }
            if matches!(param, Parameter::Header { .. })
                && ignored
                    .iter()
                    .any(|name| data.name.eq_ignore_ascii_case(name))
            {
                let lower = data.name.to_ascii_lowercase();
                // A schema that cannot be read fixes nothing: the parameter is ignored all the
                // same, and costs the operation nothing.
                let fixed = if lower == "accept" {
                    (super::body::fixed_value(lowerer, &data.format, at)
                        .ok()
                        .flatten())
                    .filter(|value| crate::ir::is_json(value) && super::media::header_safe(value))
                } else {
                    None
                };
                let from = match lower.as_str() {
                    "accept" if fixed.is_some() => {
                        "the JSON media type it names (for an operation answering JSON), \
                         else the media types of the responses"
                    }
                    "accept" => "the media types of the responses",
                    "content-type" => "the request body's media type",
                    _ => "the credentials of the operation's security schemes",
                };
                if fixed.is_some() {
                    declared_accept = fixed;
                }
                // Swagger 2.0 has no such rule; its `produces`, `consumes` and security
                // definitions say the same things, so the parameter is ignored all the same.
                let why = match (lowerer.swagger2, lower.as_str()) {
                    (false, _) => "as OpenAPI says",
                    (true, "accept") => "as OpenAPI 3 would: `produces` names the media types",
                    (true, "content-type") => {
                        "as OpenAPI 3 would: `consumes` names the media types"
                    }
                    (true, _) => "as OpenAPI 3 would: the security definitions name the scheme",
                };
                lowerer.warn_once(
                    format!("ignored header {lower}"),
                    at.clone(),
                    format!(
                        "header parameter `{}` is ignored, {why}; the client sets it from \
                         {from} (here and in every operation declaring it)",
                        data.name
                    ),
                );
                continue;
            }
            // Headers of the message's framing and connection (RFC 9110 §6.4.1, §7.2, §7.6.1;
            // RFC 9112 §6): the HTTP client writes them from the request it sends. One the
            // caller set would not describe the body (a wrong `Content-Length` truncates it or
            // leaves the server waiting) or would misroute it (`Host`).
            if matches!(param, Parameter::Header { .. })
                && TRANSPORT_HEADERS
                    .iter()
                    .any(|name| data.name.eq_ignore_ascii_case(name))
            {
                lowerer.warn_once(
                    format!("ignored header {}", data.name.to_ascii_lowercase()),
                    at.clone(),
                    format!(
                        "header parameter `{}` is part of HTTP's framing, which the HTTP client \
                         writes from the request it sends; it is ignored (here and in every \
                         operation declaring it)",
                        data.name
                    ),
                );
                continue;
            }
            // `Content-Encoding` says how the body was encoded (compressed). The client sends
            // the JSON, form or text it writes as it is, so a value the caller set would say
            // what the body is not and the server would fail to decode it; only bytes the
            // caller gives (and may have compressed) can carry one.
            if matches!(param, Parameter::Header { .. })
                && data.name.eq_ignore_ascii_case("content-encoding")
                && !self.sends_callers_bytes(lowerer, op)
            {
                lowerer.warn_once(
                    "ignored header content-encoding".to_owned(),
                    at.clone(),
                    format!(
                        "header parameter `{}` is ignored where the client writes the body \
                         (JSON, a form, text) or sends none: that body goes unencoded, and the \
                         header would say otherwise; it is kept where the body is bytes the \
                         caller gives, which the caller may have encoded",
                        data.name
                    ),
                );
                continue;
            }
            // A query's `allowReserved`; a path parameter's reserved expansion (RFC 6570's
            // `{+name}`), which Google's descriptions mark `x-reservedExpansion`.
            let allow_reserved = match param {
                Parameter::Query { allow_reserved, .. } => *allow_reserved,
                Parameter::Path { .. } => data
                    .extensions
                    .get("x-reservedExpansion")
                    .is_some_and(|v| v == &serde_json::Value::Bool(true)),
                _ => false,
            };
            let (location, style) = match param {
                Parameter::Path { style, .. } => (
                    ParamLocation::Path,
                    match style {
                        PathStyle::Simple => ParamStyle::Simple,
                        PathStyle::Label => ParamStyle::Label,
                        PathStyle::Matrix => ParamStyle::Matrix,
                    },
                ),
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
                    let ty = match &media.schema {
                        Some(schema) => Some(lowerer.schema_type(
                            schema,
                            &join(&join(&content_at, media_type), "schema"),
                            &hint,
                        )?),
                        None => None,
                    };
                    if is_json(media_type) {
                        (ty.unwrap_or(TypeRef::Any), ParamStyle::Json)
                    } else {
                        // A scalar in any other media type (`text/plain`, `*/*`) is its text:
                        // sent as the same scalar described by a `schema` would be.
                        let ty = ty.unwrap_or(TypeRef::String);
                        if !is_scalar(&ty) {
                            return Err(Error::at(
                                content_at,
                                format!(
                                    "parameter content `{media_type}` is supported for JSON, and \
                                     for a single string, number or boolean in other media types"
                                ),
                            ));
                        }
                        (ty, style)
                    }
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
                // JSON text (`content`) is written whole; `allowReserved` is for styles.
                allow_reserved: allow_reserved && style != ParamStyle::Json,
                style,
                in_struct: false,
            });
        }
        let declared_queries: Vec<&str> = merged
            .keys()
            .filter(|(_, place)| *place == "query")
            .map(|(name, _)| name.as_str())
            .collect();
        let path = query_template(
            path,
            &declared_queries,
            &mut params,
            &mut scope,
            self.at,
            warnings,
        );
        let path = path.as_str();
        reconcile_path_params(path, &mut params, &mut scope, self.at, warnings)?;
        // Path parameters first, in the order the path names them.
        let position = |p: &Param| {
            path.find(&format!("{{{}}}", p.wire_name))
                .unwrap_or(usize::MAX)
        };
        params.sort_by_key(|p| (p.location != ParamLocation::Path, position(p)));
        Ok((
            params,
            required_credentials,
            path.to_owned(),
            declared_accept,
        ))
    }
}

/// A path key that carries a query (`/search?query={query}`, `/rest?method=flickr.photos.get`:
/// OpenAPI's paths have none, but keys like these tell operations on one path apart in 11
/// APIs.guru documents). A pair whose value is one expression (`query={query}`) is a query
/// parameter: the declared query parameter of that name, else the path parameter the
/// expression names (most such documents declare it `in: path`) moved to the query, else a
/// required string of its own, sent as query parameters are; it leaves the path, which would otherwise send it as a path segment
/// (beside the declared one: the value twice). Pairs with fixed values stay in the path and go
/// out as written, before the operation's own query. Returns the path without the pairs taken.
fn query_template(
    path: &str,
    declared: &[&str],
    params: &mut Vec<Param>,
    scope: &mut Scope,
    at: &str,
    warnings: &mut Vec<Warning>,
) -> String {
    let Some((base, query)) = path.split_once('?') else {
        return path.to_owned();
    };
    let mut kept = Vec::new();
    let mut taken: Vec<&str> = Vec::new();
    for pair in query.split('&') {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        let expression = value
            .strip_prefix('{')
            .and_then(|v| v.strip_suffix('}'))
            .filter(|v| !v.is_empty() && !v.contains(['{', '}']));
        let plain_name = !name.is_empty() && !name.contains(['{', '}']);
        let Some(expression) = expression.filter(|_| plain_name) else {
            kept.push(pair);
            continue;
        };
        if declared.contains(&name) || taken.contains(&name) {
            continue;
        }
        taken.push(name);
        // Declared as a path parameter (as most such documents do): the same parameter, its
        // type and docs kept, sent in the query under the pair's name.
        if let Some(param) = params
            .iter_mut()
            .find(|p| p.location == ParamLocation::Path && p.wire_name == expression)
        {
            param.location = ParamLocation::Query;
            param.wire_name = name.to_owned();
            if param.style != ParamStyle::Json {
                param.style = ParamStyle::Form;
                param.explode = true;
            }
            param.allow_reserved = false;
            continue;
        }
        warnings.push(Warning {
            pointer: at.to_owned(),
            message: format!(
                "path `{path}` has `{name}={{{expression}}}` in its query and declares no query \
                 parameter `{name}` or path parameter `{expression}`; it is taken as a required \
                 string query parameter"
            ),
        });
        params.push(Param {
            name: scope.claim(field_name(&readable_symbols(name))),
            wire_name: name.to_owned(),
            location: ParamLocation::Query,
            required: true,
            ty: TypeRef::String,
            docs: None,
            style: ParamStyle::Form,
            explode: true,
            allow_reserved: false,
            in_struct: false,
        });
    }
    if kept.is_empty() {
        base.to_owned()
    } else {
        format!("{base}?{}", kept.join("&"))
    }
}

/// Whether a value of `ty` is one string, number or boolean, whose text is the same in any
/// media type.
fn is_scalar(ty: &TypeRef) -> bool {
    matches!(
        ty,
        TypeRef::String
            | TypeRef::Bool
            | TypeRef::Integer(_)
            | TypeRef::Number(_)
            | TypeRef::Format(_)
    )
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
    let pieces = split_path(path, at)?;
    let named: Vec<String> = (pieces.iter())
        .filter_map(|piece| match piece {
            RawPiece::Param(name) => Some(param_name(name).to_owned()),
            RawPiece::Text(_) => None,
        })
        .collect();
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
                allow_reserved: false,
                in_struct: false,
            });
        }
    }
    // `{+name}`: the value is written with RFC 3986's reserved characters as they are (`/`
    // among them), as RFC 6570's reserved expansion is.
    for piece in &pieces {
        if let RawPiece::Param(raw) = piece {
            if raw.starts_with('+') {
                let name = param_name(raw);
                for param in params
                    .iter_mut()
                    .filter(|p| p.location == ParamLocation::Path && p.wire_name == name)
                {
                    param.allow_reserved = true;
                }
            }
        }
    }
    Ok(())
}

/// The parameter a template's `{…}` names: `name` of `{name}` and of `{+name}` (RFC 6570's
/// reserved expansion).
fn param_name(raw: &str) -> &str {
    raw.strip_prefix('+').unwrap_or(raw)
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

/// A piece of a path template, naming its parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RawPiece<'a> {
    Text(&'a str),
    Param(&'a str),
}

/// The template split into text and parameters, in order: each `{` opens a parameter that the
/// next `}` closes; empty text is left out. A `{` that nothing closes is an error.
fn split_path<'p>(path: &'p str, at: &str) -> Result<Vec<RawPiece<'p>>> {
    let mut pieces = Vec::new();
    let mut rest = path;
    while let Some((before, tail)) = rest.split_once('{') {
        let Some((name, after)) = tail.split_once('}') else {
            return Err(Error::at(at, format!("path `{path}` has an unclosed `{{`")));
        };
        if !before.is_empty() {
            pieces.push(RawPiece::Text(before));
        }
        pieces.push(RawPiece::Param(name));
        rest = after;
    }
    if !rest.is_empty() {
        pieces.push(RawPiece::Text(rest));
    }
    Ok(pieces)
}

/// The template's pieces, each parameter as its index in `params` (every one the path names is
/// declared, by [`reconcile_path_params`]).
pub(super) fn path_pieces(path: &str, params: &[Param], at: &str) -> Result<Vec<PathPiece>> {
    split_path(path, at)?
        .into_iter()
        .map(|piece| match piece {
            RawPiece::Text(text) => Ok(PathPiece::Text(text.to_owned())),
            RawPiece::Param(name) => params
                .iter()
                .position(|p| p.location == ParamLocation::Path && p.wire_name == param_name(name))
                .map(PathPiece::Param)
                .ok_or_else(|| {
                    Error::at(
                        at,
                        format!("internal: path parameter `{name}` is not declared"),
                    )
                }),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::RawPiece::{Param, Text};
    use super::*;

    fn split(path: &str) -> Vec<RawPiece<'_>> {
        split_path(path, "").unwrap_or_default()
    }

    #[test]
    fn a_template_is_split_into_text_and_parameters() {
        assert_eq!(split("/pets"), [Text("/pets")]);
        assert_eq!(
            split("/accounts/{id}/members"),
            [Text("/accounts/"), Param("id"), Text("/members")]
        );
        assert_eq!(
            split("/Accounts/{Sid}.json"),
            [Text("/Accounts/"), Param("Sid"), Text(".json")]
        );
        assert_eq!(split("{a}{b}"), [Param("a"), Param("b")]);
        assert_eq!(
            split("/{id}/x/{id}"),
            [Text("/"), Param("id"), Text("/x/"), Param("id")]
        );
        // A `{` opens a name the next `}` closes.
        assert_eq!(split("/{{id}}/"), [Text("/"), Param("{id"), Text("}/")]);
        assert_eq!(split("/a}/b"), [Text("/a}/b")]);
        assert_eq!(split(""), []);
        assert!(split_path("/a/{b", "").is_err());
    }
}
