//! Real-world deviations from OpenAPI 3.0 whose intent is clear, repaired on the plain value
//! before `openapiv3` reads it.

use serde_json::{Map, Value};

use super::places::for_each_operation;
use super::version::Version;
use crate::ir::is_bidi_control;

/// Set on a server variable the description declares without the `default` the standard
/// requires (its `default` is then an empty placeholder); `lower` gives it no default.
pub(crate) const NO_DEFAULT_EXTENSION: &str = "x-opengen-no-default";

/// Repairs real-world deviations that `openapiv3` would reject although the intent is clear.
/// Integer bounds written as floats (`minimum: -9223372036854776000`, which is `i64::MIN` after a
/// round trip through a float) are clamped to the `i64` range. Returns whether some object has
/// a `type` that is a list or `null`, or a `const`, which only OpenAPI 3.1 allows (see
/// `v31::type_lists`): this walk already reads every `type`, so no other walk has to look for
/// them.
pub(super) fn smooth_quirks(value: &mut Value) -> bool {
    match value {
        Value::Object(map) => {
            let (is_integer, listed) = match map.get("type") {
                Some(Value::String(name)) => (name == "integer", name == "null"),
                Some(Value::Array(names)) => (names.iter().any(|n| n == "integer"), true),
                _ => (false, false),
            };
            // A `const` (3.1's) asks for the same schema-aware pass (it may be a key of an
            // example too, which that pass does not touch).
            let listed = listed || map.contains_key("const");
            if is_integer {
                for key in ["minimum", "maximum"] {
                    if let Some(bound) = map.get_mut(key) {
                        if let Some(f) = bound.as_f64().filter(|_| !bound.is_i64()) {
                            *bound = Value::from(clamp_to_i64(f));
                        }
                    }
                }
            }
            if is_media_type(map) {
                if let Some(Value::Object(encodings)) = map.get_mut("encoding") {
                    encodings.values_mut().for_each(default_encoding_explode);
                }
            }
            let mut listed = listed;
            for child in map.values_mut() {
                listed |= smooth_quirks(child);
            }
            listed
        }
        Value::Array(items) => {
            let mut listed = false;
            for item in items {
                listed |= smooth_quirks(item);
            }
            listed
        }
        _ => false,
    }
}

/// Line breaks in descriptions, summaries and titles written `\n`: CommonMark reads CR, LF
/// and CRLF alike as line endings, but a CR left in a generated doc comment is a compile error
/// (`bare CR not allowed in doc-comment`). Bidirectional-text controls (U+202A–U+202E,
/// U+2066–U+2069) are dropped from them: rustc denies them in comments
/// (`text_direction_codepoint_in_comment`), and they can make text read other than it runs.
/// Data (`example`, `examples`, `default`, `enum`, `const`, extensions) is left as written.
pub(super) fn normalise_line_breaks(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, child) in map.iter_mut() {
                match (key.as_str(), child) {
                    ("description" | "summary" | "title", Value::String(text)) => {
                        if text.contains('\r') {
                            *text = text.replace("\r\n", "\n").replace('\r', "\n");
                        }
                        if text.contains(is_bidi_control) {
                            text.retain(|c| !is_bidi_control(c));
                        }
                    }
                    ("example" | "examples" | "default" | "enum" | "const", _) => {}
                    (key, _) if key.starts_with("x-") => {}
                    (_, child) => normalise_line_breaks(child),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(normalise_line_breaks),
        _ => {}
    }
}

/// Whether an object is a Media Type Object with an `encoding` map: only its own keys.
fn is_media_type(map: &serde_json::Map<String, Value>) -> bool {
    map.get("encoding").is_some_and(Value::is_object)
        && map.keys().all(|k| {
            matches!(k.as_str(), "schema" | "example" | "examples" | "encoding")
                || k.starts_with("x-")
        })
}

/// `openapiv3` reads an absent `explode` of an Encoding Object as `false`, but the
/// specification's default is `true` for `style: form`; an entry that gives a `style` (or only
/// `allowReserved`, whose style is then `form`) without `explode` gets the specification's
/// default written out, so lowering sees it.
fn default_encoding_explode(encoding: &mut Value) {
    let Value::Object(entry) = encoding else {
        return;
    };
    if entry.contains_key("explode") {
        return;
    }
    let style = match entry.get("style").and_then(Value::as_str) {
        Some(style) => style,
        None if entry.contains_key("allowReserved") => "form",
        None => return,
    };
    let explode = style == "form";
    entry.insert("explode".to_owned(), Value::Bool(explode));
}

/// A server variable without the `default` the standard requires (`openapiv3` would refuse the
/// document) gets an empty placeholder and the extension `x-opengen-no-default`, so `lower` can
/// make it a setting the user must give.
pub(super) fn mark_missing_server_defaults(value: &mut Value) {
    let mut lists: Vec<&mut Value> = Vec::new();
    let Value::Object(doc) = value else {
        return;
    };
    for (key, child) in doc.iter_mut() {
        match (key.as_str(), child) {
            ("servers", servers) => lists.push(servers),
            ("paths", Value::Object(paths)) => collect_path_servers(paths, &mut lists),
            _ => {}
        }
    }
    for list in lists {
        let Value::Array(servers) = list else {
            continue;
        };
        for server in servers {
            let Some(Value::Object(variables)) = server.get_mut("variables") else {
                continue;
            };
            for variable in variables.values_mut() {
                if let Value::Object(variable) = variable {
                    if !variable.contains_key("default") {
                        variable.insert("default".to_owned(), Value::from(""));
                        variable.insert(NO_DEFAULT_EXTENSION.to_owned(), Value::from(true));
                    }
                }
            }
        }
    }
}

/// A security requirement whose scopes are `null` (Square's `[{oauth2: null}]`) needs no scopes:
/// `openapiv3` wants a list, so `null` becomes `[]`, in the document's `security` and every
/// operation's.
pub(super) fn null_scopes_as_none(value: &mut Value, version: Version) {
    let Value::Object(doc) = value else {
        return;
    };
    let no_null_scopes = |security: Option<&mut Value>| {
        let Some(Value::Array(requirements)) = security else {
            return;
        };
        for requirement in requirements {
            if let Value::Object(schemes) = requirement {
                for scopes in schemes.values_mut().filter(|scopes| scopes.is_null()) {
                    *scopes = Value::Array(Vec::new());
                }
            }
        }
    };
    no_null_scopes(doc.get_mut("security"));
    for_each_operation(doc, version, &mut |operation, _| {
        no_null_scopes(operation.get_mut("security"));
    });
}

/// The `servers` lists of every path item and operation.
fn collect_path_servers<'a>(
    paths: &'a mut serde_json::Map<String, Value>,
    lists: &mut Vec<&'a mut Value>,
) {
    for item in paths.values_mut() {
        if let Value::Object(item) = item {
            for (key, child) in item.iter_mut() {
                match (key.as_str(), child) {
                    ("servers", servers) => lists.push(servers),
                    (_, Value::Object(op)) => lists.extend(op.get_mut("servers")),
                    _ => {}
                }
            }
        }
    }
}

#[allow(clippy::cast_possible_truncation)] // `as` saturates, which is the intent
fn clamp_to_i64(f: f64) -> i64 {
    f.round() as i64
}

/// Takes each `required: true`/`false` off the properties of the object schema `object` (JSON
/// Schema draft 3's way), listing the `true` ones in the object's `required` as draft 4 and
/// OpenAPI say it; each property's name and flag, in order. A `required` of the wrong type is
/// left as it is (and out later, with its own warning).
pub(super) fn lift_required_flags(object: &mut Map<String, Value>) -> Vec<(String, bool)> {
    let Some(Value::Object(properties)) = object.get_mut("properties") else {
        return Vec::new();
    };
    let mut flags = Vec::new();
    for (name, property) in properties.iter_mut() {
        if let Value::Object(property) = property
            && let Some(&Value::Bool(flag)) = property.get("required")
        {
            property.shift_remove("required");
            flags.push((name.clone(), flag));
        }
    }
    let listed: Vec<&String> = (flags.iter())
        .filter(|(_, flag)| *flag)
        .map(|(name, _)| name)
        .collect();
    if !listed.is_empty()
        && let Value::Array(names) = object
            .entry("required")
            .or_insert_with(|| Value::Array(Vec::new()))
    {
        for name in listed {
            if !names.iter().any(|n| n.as_str() == Some(name)) {
                names.push(Value::String(name.clone()));
            }
        }
    }
    flags
}
