//! OpenAPI 3.1 → the OpenAPI 3.0 model, keeping the meaning for a client.
//!
//! Document: `webhooks` (requests the API sends) are kept where their JSON payload can be
//! typed (see [`WEBHOOKS_EXTENSION`]), the others left out, one warning per webhook (one for
//! them all past five);
//! `paths` may be missing; a path item `$ref` (to `components.pathItems`, or any local path item)
//! is replaced by its target; a `mutualTLS` security scheme is left out with a warning (the
//! client presents no TLS certificate) and dropped from security requirements; an operation
//! without `responses` gets an empty map; `info.summary` is the description when there is none;
//! `jsonSchemaDialect` is dropped (schemas are read as the OpenAPI 3.1 dialect).
//!
//! Schemas (`schema`): `$defs` that something refers to become component schemas (`defs`),
//! `#anchor` references are pointed at their schema, then each schema is rewritten in place: a
//! `null` type (in a `type` list, or as the member of an `anyOf`/`oneOf`) is `nullable`;
//! several types are a `oneOf`; `const` is a one-value `enum`; a `$ref` with siblings is
//! `allOf: [$ref]` beside them; numeric exclusive bounds, `examples`, `contentEncoding`/
//! `contentMediaType` take their 3.0 forms; keywords that only constrain validation are dropped;
//! what 3.0 cannot type (tuples, several `patternProperties`, conditional properties) is a
//! warning and any JSON value.
//!
//! Every moved node is recorded in the returned [`Layer`], so errors and warnings found later
//! name the node the user wrote.

mod cx;
mod defs;
mod schema;

use std::borrow::Cow;

use serde_json::{Map, Value};

use super::json_pointer::{find, to_pointer, tokens};
use super::origins::Layer;
use super::places::{for_each_operation, methods};
use super::version::Version;
use crate::error::{Result, join};
use crate::ir::Warning;
use cx::Cx;

/// Normalises an OpenAPI 3.1 document in place to what the OpenAPI 3.0 model expresses,
/// keeping the meaning; what cannot be kept is a warning naming the node. Returns where the
/// nodes it moved came from.
pub(super) fn normalise(value: &mut Value, warnings: &mut Vec<Warning>) -> Result<Layer> {
    let mut cx = Cx::new(warnings);
    let Value::Object(root) = value else {
        return Ok(cx.into_layer());
    };
    root.shift_remove("jsonSchemaDialect");
    info(root);
    webhooks(root, "webhooks", Version::OpenApi31, &mut cx);
    root.entry("paths")
        .or_insert_with(|| Value::Object(Map::new()));
    path_item_refs(value, &mut cx);
    if let Value::Object(root) = value {
        callbacks(root, Version::OpenApi31, &mut cx);
        mutual_tls(root, &mut cx);
        for_each_operation(root, Version::OpenApi31, &mut |operation, _| {
            operation
                .entry("responses")
                .or_insert_with(|| Value::Object(Map::new()));
        });
    }
    defs::hoist(value, &mut cx);
    cx::for_each_schema(value, &mut |node, at| schema::schema(node, at, &mut cx));
    // A rewrite may nest a node deeper (`allOf: [$ref]`, a `oneOf` per type): the later steps
    // rely on the depth limit, so it holds for the result too.
    if let Err(mut error) = super::depth::check_depth(value) {
        error.pointer = error.pointer.map(|at| cx.origin_of(&at));
        return Err(error);
    }
    Ok(cx.into_layer())
}

/// `type` written as a list in an OpenAPI 3.0 document (or a Swagger 2.0 one, converted), as
/// 3.1 allows and real documents do (Kubernetes' `type: [string, number]` for a port,
/// SendGrid's `type: [object, 'null']`): read as 3.1 reads it (`null` makes the schema
/// nullable, several types are a `oneOf` of one part per type), and so is `const` (a one-value
/// `enum`; `openapiv3` would drop it without a word); the rest of the document as written.
/// Returns where the parts it made came from.
pub(super) fn type_lists(value: &mut Value, warnings: &mut Vec<Warning>) -> Result<Layer> {
    let mut cx = Cx::new(warnings);
    super::places::for_each_schema(value, Version::OpenApi30, &[], &mut |node, at| {
        schema::type_lists(node, at, &mut cx);
    });
    // A `oneOf` per type nests its parts one level deeper.
    if let Err(mut error) = super::depth::check_depth(value) {
        error.pointer = error.pointer.map(|at| cx.origin_of(&at));
        return Err(error);
    }
    Ok(cx.into_layer())
}

/// Webhooks in an OpenAPI 3.0 document, which has no field for them (and callbacks, as
/// [`callbacks`] reads them): `x-webhooks`, the
/// extension Redoc documents for 3.0, and `webhooks` written as 3.1 would (`openapiv3` drops
/// an unknown field without a word) are read as 3.1's `webhooks` are. Returns where the
/// payloads it moved came from.
pub(super) fn webhooks_in_3_0(value: &mut Value, warnings: &mut Vec<Warning>) -> Layer {
    let mut cx = Cx::new(warnings);
    if let Value::Object(root) = value {
        for key in ["webhooks", "x-webhooks"] {
            webhooks(root, key, Version::OpenApi30, &mut cx);
        }
        callbacks(root, Version::OpenApi30, &mut cx);
    }
    cx.into_layer()
}

/// `info.summary` (3.1) is the API's description when it has none.
fn info(root: &mut Map<String, Value>) {
    let Some(Value::Object(info)) = root.get_mut("info") else {
        return;
    };
    if let Some(summary) = info.shift_remove("summary") {
        if !info.contains_key("description") && summary.is_string() {
            info.insert("description".to_owned(), summary);
        }
    }
}

/// How many webhooks are each named in a warning of their own.
const WEBHOOKS_NAMED: usize = 5;

/// The root extension that carries, to `lower`, the webhooks whose payload the crate types:
/// a list of `{name, method, summary, description, mediaType, schema: {$ref}, pointer}`, the
/// payload a component schema (an inline one is moved to `components.schemas` first).
pub(crate) const WEBHOOKS_EXTENSION: &str = "x-opengen-webhooks";

/// Webhooks are requests the API sends to the user's server, not calls a client makes: no
/// method is generated for them. Each whose request has a JSON body is kept, under
/// [`WEBHOOKS_EXTENSION`], for the crate to name its payload type (an inline payload schema
/// becomes the component `<Webhook>Payload`); the others are left out with a warning naming
/// them, past [`WEBHOOKS_NAMED`] one warning that counts them (GitHub's webhook document has
/// 330), naming the first.
fn webhooks(root: &mut Map<String, Value>, key: &str, version: Version, cx: &mut Cx<'_>) {
    let webhooks_at = join("#", key);
    let webhooks = match root.shift_remove(key) {
        None => return,
        Some(Value::Object(webhooks)) => webhooks,
        Some(other) => {
            cx.warn(
                &webhooks_at,
                format!(
                    "`{key}` left out: it is {}, not a map from webhook names to path items",
                    json_kind(&other)
                ),
            );
            return;
        }
    };
    let mut kept = Vec::new();
    let mut left_out: Vec<(String, Vec<String>)> = Vec::new();
    for (name, item) in webhooks {
        let Some((item, at)) = webhook_item(root, &webhooks_at, &name, item, cx) else {
            continue;
        };
        let methods: Vec<&str> = methods(version)
            .filter(|method| item.get(*method).is_some())
            .collect();
        let mut typed = false;
        for method in &methods {
            let op_at = join(&at, method);
            if let Some(entry) = webhook_payload(root, &name, method, &item[*method], &op_at, cx) {
                kept.push(entry);
                typed = true;
            }
        }
        if !typed {
            let upper = methods.iter().map(|m| m.to_ascii_uppercase()).collect();
            left_out.push((name, upper));
        }
    }
    keep_webhooks(root, kept);
    if left_out.len() > WEBHOOKS_NAMED {
        let first: Vec<String> = left_out
            .iter()
            .take(WEBHOOKS_NAMED)
            .map(|(name, _)| format!("`{name}`"))
            .collect();
        cx.warn(
            &webhooks_at,
            format!(
                "{} webhooks left out ({}, and {} more): a webhook is a request the API sends, \
                 not a call the client makes, and these send no JSON body whose type the crate \
                 could name",
                left_out.len(),
                first.join(", "),
                left_out.len() - WEBHOOKS_NAMED
            ),
        );
        return;
    }
    for (name, methods) in left_out {
        let requests = if methods.is_empty() {
            String::new()
        } else {
            format!(" ({})", methods.join(", "))
        };
        cx.warn(
            &join(&webhooks_at, &name),
            format!(
                "webhook `{name}` left out: a webhook is a request the API sends{requests}, \
                 not a call the client makes, and it sends no JSON body whose type the crate \
                 could name"
            ),
        );
    }
}

/// Adds `kept` entries to [`WEBHOOKS_EXTENSION`] after those already there.
fn keep_webhooks(root: &mut Map<String, Value>, kept: Vec<Value>) {
    if kept.is_empty() {
        return;
    }
    match root.get_mut(WEBHOOKS_EXTENSION) {
        Some(Value::Array(earlier)) => earlier.extend(kept),
        _ => {
            root.insert(WEBHOOKS_EXTENSION.to_owned(), Value::Array(kept));
        }
    }
}

/// One request of a callback, found by [`callbacks`].
struct CallbackRequest {
    /// The callback's name (`onData`).
    name: String,
    /// The method it is sent with (`post`).
    method: String,
    /// The operation's `operationId`, else its method and path.
    operation: String,
    /// The operation's JSON pointer.
    operation_at: String,
    /// The runtime expression of the URL (`{$request.query.callbackUrl}/data`).
    expression: String,
    /// The request (an Operation Object) and its JSON pointer.
    request: Value,
    at: String,
    /// The callback's JSON pointer (the component, for one given by reference).
    callback_at: String,
}

/// Callbacks: the requests the API sends to a URL an operation's request gave it (an
/// operation's `callbacks`, each a map from a runtime expression to a path item). They are
/// webhooks tied to an operation, and kept as [`webhooks`] keeps those, in
/// [`WEBHOOKS_EXTENSION`] with where they go added (`operation`, `operationPointer`,
/// `expression`); a callback with a request that has no JSON body is a warning.
fn callbacks(root: &mut Map<String, Value>, version: Version, cx: &mut Cx<'_>) {
    // Gathered first: typing a payload adds to `components`.
    let found = callback_requests(root, version);
    let mut kept = Vec::new();
    let mut left_out: Vec<(String, String)> = Vec::new();
    for found in found {
        match webhook_payload(
            root,
            &found.name,
            &found.method,
            &found.request,
            &found.at,
            cx,
        ) {
            Some(Value::Object(mut entry)) => {
                let mut add = |key: &str, value: String| {
                    entry.insert(key.to_owned(), Value::String(value));
                };
                add("operation", found.operation);
                add("operationPointer", found.operation_at);
                add("expression", found.expression);
                kept.push(Value::Object(entry));
            }
            _ => left_out.push((found.name, found.callback_at)),
        }
    }
    left_out.sort();
    left_out.dedup();
    for (name, at) in left_out {
        cx.warn(
            &at,
            format!(
                "callback `{name}` left out: a callback is a request the API sends to a URL \
                 it was given, not a call the client makes, and this one sends a request with \
                 no JSON body whose type the crate could name"
            ),
        );
    }
    keep_webhooks(root, kept);
}

/// Every request of every operation's callbacks, in document order; a callback given by
/// `$ref` to `components.callbacks`, and a path item given by `$ref`, read where they point.
fn callback_requests(root: &Map<String, Value>, version: Version) -> Vec<CallbackRequest> {
    let mut found = Vec::new();
    let Some(Value::Object(paths)) = root.get("paths") else {
        return found;
    };
    for (path, item) in paths {
        for method in methods(version) {
            let Some(Value::Object(operation)) = item.get(method) else {
                continue;
            };
            let Some(Value::Object(callbacks)) = operation.get("callbacks") else {
                continue;
            };
            let operation_at = join(&join("#/paths", path), method);
            let label = match operation.get("operationId").and_then(Value::as_str) {
                Some(id) => id.to_owned(),
                None => format!("{} {path}", method.to_ascii_uppercase()),
            };
            for (name, callback) in callbacks {
                let (callback, callback_at) = match callback.get("$ref").and_then(Value::as_str) {
                    Some(reference) => {
                        let Some(target) = reference
                            .strip_prefix("#/components/callbacks/")
                            .and_then(|key| root.get("components")?.get("callbacks")?.get(key))
                        else {
                            continue;
                        };
                        (target, reference.to_owned())
                    }
                    None => (callback, join(&join(&operation_at, "callbacks"), name)),
                };
                let Value::Object(expressions) = callback else {
                    continue;
                };
                for (expression, request_item) in expressions {
                    let (request_item, item_at) =
                        match request_item.get("$ref").and_then(Value::as_str) {
                            Some(reference) => match resolve_path_item(root, reference) {
                                Some((target, target_at)) => {
                                    (Cow::Owned(Value::Object(target)), target_at)
                                }
                                None => continue,
                            },
                            None => (Cow::Borrowed(request_item), join(&callback_at, expression)),
                        };
                    for request_method in methods(version) {
                        let Some(request) = request_item.get(request_method) else {
                            continue;
                        };
                        found.push(CallbackRequest {
                            name: name.clone(),
                            method: request_method.to_owned(),
                            operation: label.clone(),
                            operation_at: operation_at.clone(),
                            expression: expression.clone(),
                            request: request.clone(),
                            at: join(&item_at, request_method),
                            callback_at: callback_at.clone(),
                        });
                    }
                }
            }
        }
    }
    found
}

/// Webhook `name`'s path item and where it is: the item itself, or the path item its `$ref`
/// names (3.1 allows one, usually to `components.pathItems`) with the item's own fields over
/// the target's. `None`, with a warning, when it is not a path item or its reference names
/// none.
fn webhook_item(
    root: &Map<String, Value>,
    webhooks_at: &str,
    name: &str,
    item: Value,
    cx: &mut Cx<'_>,
) -> Option<(Value, String)> {
    let at = join(webhooks_at, name);
    let Value::Object(item) = item else {
        // A specification extension (`x-speakeasy-ignore: true` among Apideck's
        // `x-webhooks`), not a webhook: nothing is lost.
        if name.starts_with("x-") {
            return None;
        }
        cx.warn(
            &at,
            format!(
                "webhook `{name}` left out: it is {}, not a path item",
                json_kind(&item)
            ),
        );
        return None;
    };
    let Some(reference) = item.get("$ref").and_then(Value::as_str) else {
        return Some((Value::Object(item), at));
    };
    let Some((mut target, target_at)) = resolve_path_item(root, reference) else {
        cx.warn(
            &at,
            format!(
                "webhook `{name}` left out: its `$ref` `{reference}` names no path item in the \
                 document"
            ),
        );
        return None;
    };
    for (field, value) in item.into_iter().filter(|(field, _)| field != "$ref") {
        target.insert(field, value);
    }
    Some((Value::Object(target), target_at))
}

/// What kind of JSON value `value` is, for a message: "a string", "an array", ….
fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "a map",
    }
}

/// The entry [`webhooks`] keeps for one webhook request (`op`, at `at`): its JSON body's
/// schema as a component reference, with what documents it. `None` when it has no JSON body.
fn webhook_payload(
    root: &mut Map<String, Value>,
    name: &str,
    method: &str,
    op: &Value,
    at: &str,
    cx: &mut Cx<'_>,
) -> Option<Value> {
    let (media_type, schema, schema_at) = {
        let mut body = op.get("requestBody")?;
        let mut body_at = join(at, "requestBody");
        // A body given by reference: `#/components/requestBodies/<key>`.
        if let Some(reference) = body.get("$ref").and_then(Value::as_str) {
            let key = reference.strip_prefix("#/components/requestBodies/")?;
            body = root.get("components")?.get("requestBodies")?.get(key)?;
            body_at = reference.to_owned();
        }
        let (media_type, media) = body
            .get("content")?
            .as_object()?
            .iter()
            .find(|(media_type, _)| crate::ir::is_json(media_type))?;
        let schema_at = join(&join(&join(&body_at, "content"), media_type), "schema");
        (media_type.clone(), media.get("schema")?.clone(), schema_at)
    };
    let reference = match schema.get("$ref").and_then(Value::as_str) {
        Some(reference) if reference.starts_with("#/components/schemas/") => reference.to_owned(),
        Some(_) => return None,
        None => {
            // An inline payload becomes a component of its own.
            let schemas = root
                .entry("components")
                .or_insert_with(|| Value::Object(Map::new()))
                .as_object_mut()?
                .entry("schemas")
                .or_insert_with(|| Value::Object(Map::new()))
                .as_object_mut()?;
            let base = format!("{}Payload", crate::naming::type_name(name, "Webhook"));
            let key = (1..)
                .map(|n| {
                    if n == 1 {
                        base.clone()
                    } else {
                        format!("{base}{n}")
                    }
                })
                .find(|key| !schemas.contains_key(key))?;
            schemas.insert(key.clone(), schema);
            cx.moved(join("#/components/schemas", &key), schema_at);
            format!("#/components/schemas/{key}")
        }
    };
    let text = |key: &str| op.get(key).cloned().unwrap_or(Value::Null);
    Some(serde_json::json!({
        "name": name,
        "method": method.to_ascii_uppercase(),
        "summary": text("summary"),
        "description": text("description"),
        "mediaType": media_type,
        "schema": {"$ref": reference},
        "pointer": at,
    }))
}

/// A path item that is a `$ref` (to `components.pathItems`, 3.1) is replaced by its target,
/// its own fields kept over the target's. A reference that resolves to no path item is left
/// for `lower`, which skips it with a warning.
fn path_item_refs(doc: &mut Value, cx: &mut Cx<'_>) {
    let Some(root) = doc.as_object() else {
        return;
    };
    let Some(Value::Object(paths)) = root.get("paths") else {
        return;
    };
    let mut replacements = Vec::new();
    for (key, item) in paths {
        let Some(reference) = item.get("$ref").and_then(Value::as_str) else {
            continue;
        };
        let Some((mut target, target_at)) = resolve_path_item(root, reference) else {
            continue;
        };
        if let Value::Object(item) = item {
            for (field, value) in item.iter().filter(|(field, _)| *field != "$ref") {
                target.insert(field.clone(), value.clone());
            }
        }
        replacements.push((key.clone(), target, target_at));
    }
    let Some(Value::Object(paths)) = doc.get_mut("paths") else {
        return;
    };
    for (key, target, target_at) in replacements {
        paths.insert(key.clone(), Value::Object(target));
        cx.moved(join("#/paths", &key), target_at);
    }
}

/// The path item a reference names, following references (at most 16), and its pointer.
fn resolve_path_item(
    root: &Map<String, Value>,
    reference: &str,
) -> Option<(Map<String, Value>, String)> {
    let mut reference = reference.to_owned();
    for _ in 0..16 {
        let tokens = tokens(&reference)?;
        let (first, rest) = tokens.split_first()?;
        let target = find(root.get(first)?, rest)?.as_object()?;
        match target.get("$ref").and_then(Value::as_str) {
            Some(next) => reference = next.to_owned(),
            None => {
                let at = to_pointer(&tokens);
                return Some((target.clone(), at));
            }
        }
    }
    None
}

/// `mutualTLS` security schemes (3.1): a client certificate belongs to the HTTP client's TLS
/// settings (the user's `reqwest::Client` with an `Identity`), not to a request, so each is
/// left out with a warning that says so, and requirements stop naming it (a requirement that
/// named only it asks for nothing the client sends).
fn mutual_tls(root: &mut Map<String, Value>, cx: &mut Cx<'_>) {
    let Some(Value::Object(schemes)) = root
        .get_mut("components")
        .and_then(|components| components.get_mut("securitySchemes"))
    else {
        return;
    };
    let names: Vec<String> = schemes
        .iter()
        .filter(|(_, scheme)| scheme.get("type").and_then(Value::as_str) == Some("mutualTLS"))
        .map(|(name, _)| name.clone())
        .collect();
    if names.is_empty() {
        return;
    }
    for name in &names {
        schemes.shift_remove(name);
        cx.warn(
            &join("#/components/securitySchemes", name),
            format!(
                "security scheme `{name}` (mutualTLS) left out: the certificate is part of the \
                 TLS connection, not of a request; give the client a `reqwest::Client` built \
                 with its `Identity` (`ClientBuilder::http_client`)"
            ),
        );
    }
    let strip = |security: &mut Value| {
        if let Value::Array(requirements) = security {
            for requirement in requirements {
                if let Value::Object(requirement) = requirement {
                    for name in &names {
                        requirement.shift_remove(name);
                    }
                }
            }
        }
    };
    if let Some(security) = root.get_mut("security") {
        strip(security);
    }
    for_each_operation(root, Version::OpenApi31, &mut |operation, _| {
        if let Some(security) = operation.get_mut("security") {
            strip(security);
        }
    });
}

#[cfg(test)]
mod tests;
