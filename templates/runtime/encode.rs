//! Writing parameter values, form bodies and multipart bodies the way OpenAPI styles say: the
//! entry points request building uses. Parameter styles are in `style`, form bodies in `form`,
//! multipart bodies in `multipart`.
//!
//! Every value goes through `serde_json::Value` first, so any generated type (scalars, enums,
//! arrays, structs) is encoded by the same rules, and `None` (JSON `null`) means "leave it out".

use serde::Serialize;
use serde_json::Value;

use crate::error::BoxError;

pub(crate) use crate::form::{Encoding, form_body, urlencoded};
pub(crate) use crate::multipart::{multipart_body, multipart_field};
pub(crate) use crate::style::{Style, query_pairs, simple, simple_exploded};

/// A value as JSON data.
pub(crate) fn to_value<T: Serialize + ?Sized>(name: &str, value: &T) -> Result<Value, BoxError> {
    serde_json::to_value(value).map_err(|e| format!("`{name}` does not serialize: {e}").into())
}

/// JSON text with every character beyond ASCII written as a `\u` escape (two for characters
/// beyond the Basic Multilingual Plane): the same JSON value, safe in a header. Such characters
/// only occur inside JSON strings, where the escapes mean them.
pub(crate) fn ascii_json(json: String) -> String {
    if json.is_ascii() {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    out
}

/// The value as JSON text (`content: application/json` parameters); `None` for `null`.
pub(crate) fn json_text(value: &Value) -> Option<String> {
    (!value.is_null()).then(|| value.to_string())
}
