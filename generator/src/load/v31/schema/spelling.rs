//! Keywords 3.0 spells differently: numeric exclusive bounds, `examples`, and
//! `contentEncoding`/`contentMediaType`.

use serde_json::{Map, Value};

/// Numeric `exclusiveMinimum`/`exclusiveMaximum` (3.1) → the bound with the boolean flag (3.0);
/// with both an inclusive and an exclusive bound, the stricter one is kept.
pub(super) fn bounds(map: &mut Map<String, Value>) {
    for (exclusive, inclusive, stricter) in [
        (
            "exclusiveMinimum",
            "minimum",
            (|a, b| a > b) as fn(f64, f64) -> bool,
        ),
        ("exclusiveMaximum", "maximum", |a, b| a < b),
    ] {
        let Some(Value::Number(limit)) = map.get(exclusive) else {
            continue;
        };
        let limit = limit.clone();
        let inclusive_is_stricter = map
            .get(inclusive)
            .and_then(Value::as_f64)
            .zip(limit.as_f64())
            .is_some_and(|(bound, limit)| stricter(bound, limit));
        if inclusive_is_stricter {
            map.shift_remove(exclusive);
        } else {
            map.insert(inclusive.to_owned(), Value::Number(limit));
            map.insert(exclusive.to_owned(), Value::Bool(true));
        }
    }
}

/// `examples` (a list, 3.1) → `example` (its first value) unless there is one.
pub(super) fn examples(map: &mut Map<String, Value>) {
    let Some(examples) = map.shift_remove("examples") else {
        return;
    };
    if map.contains_key("example") {
        return;
    }
    if let Value::Array(examples) = examples {
        if let Some(first) = examples.into_iter().next() {
            map.insert("example".to_owned(), first);
        }
    }
}

/// `contentEncoding`/`contentMediaType` of a string: base64 text is `format: byte`, raw bytes
/// (`contentEncoding: binary`, or a media type that is not text without an encoding) are
/// `format: binary`. A `format` already given wins.
pub(super) fn content(map: &mut Map<String, Value>) {
    let encoding = map.shift_remove("contentEncoding");
    let media_type = map.shift_remove("contentMediaType");
    map.shift_remove("contentSchema");
    let stringy = match map.get("type") {
        None => !map.contains_key("$ref") && !map.contains_key("allOf"),
        Some(Value::String(name)) => name == "string",
        Some(_) => false,
    };
    if !stringy || map.contains_key("format") {
        return;
    }
    let encoding = encoding
        .as_ref()
        .and_then(Value::as_str)
        .map(str::to_ascii_lowercase);
    let format = match encoding.as_deref() {
        Some("base64" | "base64url") => Some("byte"),
        Some("binary") => Some("binary"),
        Some(_) => None,
        None => media_type
            .as_ref()
            .and_then(Value::as_str)
            .filter(|media_type| !is_textual(media_type))
            .map(|_| "binary"),
    };
    if let Some(format) = format {
        map.insert("type".to_owned(), Value::from("string"));
        map.insert("format".to_owned(), Value::from(format));
    }
}

/// Whether a media type is text (so a string of it is text, not bytes).
fn is_textual(media_type: &str) -> bool {
    let media_type = media_type.to_ascii_lowercase();
    let essence = media_type.split(';').next().unwrap_or_default().trim();
    essence.starts_with("text/")
        || ["json", "xml", "yaml", "javascript", "x-www-form-urlencoded"]
            .iter()
            .any(|word| essence.contains(word))
}
