//! `application/x-www-form-urlencoded` text, form bodies, and the Encoding Object that says how
//! one field of a form or multipart body is written.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::Value;

use crate::error::BoxError;
use crate::params::{deep_pairs, scalar, text};
use crate::style::{Style, query_pairs};

/// What a query or form component keeps as it is: RFC 3986's unreserved characters. Everything
/// else is percent-encoded, a space as `%20`.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// `name=value&…` for a query string or an `application/x-www-form-urlencoded` body.
///
/// A space is written `%20`, as RFC 6570 (which OpenAPI's parameter styles follow) writes it,
/// not `+`: every server decodes `%20`, but `+` is a reserved character that a server reading
/// RFC 3986 keeps as a plus, and that a validating server rejects where reserved characters
/// are not allowed (`spaceDelimited` would then arrive as one item).
pub fn urlencoded<K: AsRef<str>, V: AsRef<str>>(pairs: impl IntoIterator<Item = (K, V)>) -> String {
    let mut out = String::new();
    for (name, value) in pairs {
        if !out.is_empty() {
            out.push('&');
        }
        out.extend(utf8_percent_encode(name.as_ref(), COMPONENT));
        out.push('=');
        out.extend(utf8_percent_encode(value.as_ref(), COMPONENT));
    }
    out
}

/// How one field of a form or multipart body is encoded: what an OpenAPI Encoding Object says
/// about it. Fields without one use the defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Encoding {
    pub field: &'static str,
    pub content_type: Option<&'static str>,
    pub headers: &'static [(&'static str, &'static str)],
    pub style: Option<(Style, bool)>,
}

impl Encoding {
    /// A form field written in `style`, exploded or not, as a query parameter would be.
    pub const fn style(field: &'static str, style: Style, explode: bool) -> Self {
        Self {
            field,
            content_type: None,
            headers: &[],
            style: Some((style, explode)),
        }
    }

    /// A multipart field whose parts have this `Content-Type` (instead of the default for the
    /// value) and these extra headers.
    pub const fn part(
        field: &'static str,
        content_type: Option<&'static str>,
        headers: &'static [(&'static str, &'static str)],
    ) -> Self {
        Self {
            field,
            content_type,
            headers,
            style: None,
        }
    }
}

/// The encoding given for `field`, if any.
pub(crate) fn encoding_of<'e>(encodings: &'e [Encoding], field: &str) -> Option<&'e Encoding> {
    encodings.iter().find(|e| e.field == field)
}

/// An `application/x-www-form-urlencoded` body from an object. A field with an encoding `style`
/// is written as a query parameter of that style would be (`form`, `spaceDelimited`,
/// `pipeDelimited`, `deepObject`, with its `explode`). Without one, arrays of scalars repeat
/// their key and nested objects and arrays use brackets (`a[b]=c`, `a[0][b]=c`), which is what
/// APIs that take nested form bodies (Stripe, Rails, PHP) read.
pub fn form_body(value: &Value, encodings: &[Encoding]) -> Result<String, BoxError> {
    let Value::Object(map) = value else {
        return Err("a form body must be an object".into());
    };
    let mut pairs = Vec::new();
    for (key, inner) in map {
        if let Some((style, explode)) = encoding_of(encodings, key).and_then(|e| e.style) {
            pairs.extend(query_pairs(key, style, explode, inner));
            continue;
        }
        match inner {
            Value::Array(items) if !items.iter().any(|i| i.is_object() || i.is_array()) => {
                pairs.extend(items.iter().filter_map(text).map(|v| (key.clone(), v)));
            }
            Value::Array(_) | Value::Object(_) => deep_pairs(key.clone(), inner, &mut pairs),
            other => pairs.extend(scalar(other).map(|v| (key.clone(), v))),
        }
    }
    Ok(urlencoded(pairs))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_space_is_percent_encoded_and_only_unreserved_characters_stay() {
        assert_eq!(
            urlencoded([("q", "a b+c"), ("x[y]", "é&=~-._*")]),
            "q=a%20b%2Bc&x%5By%5D=%C3%A9%26%3D~-._%2A"
        );
        assert_eq!(urlencoded(Vec::<(&str, &str)>::new()), "");
    }

    #[test]
    fn form_bodies() {
        let body = json!({
            "name": "a b&c",
            "skip": null,
            "tags": ["x", "y"],
            "expand": ["one"],
            "metadata": {"k": "v"},
            "items": [{"price": "p1", "qty": 2}]
        });
        assert_eq!(
            form_body(&body, &[Encoding::style("expand", Style::DeepObject, true)]).unwrap(),
            "name=a%20b%26c&tags=x&tags=y&expand%5B%5D=one&metadata%5Bk%5D=v\
             &items%5B0%5D%5Bprice%5D=p1&items%5B0%5D%5Bqty%5D=2"
        );
        assert!(form_body(&json!([1]), &[]).is_err());
        let styled = json!({"ids": [1, 2], "words": ["a", "b"], "shape": {"c": "r", "s": 3}});
        let encodings = [
            Encoding::style("ids", Style::Form, false),
            Encoding::style("words", Style::PipeDelimited, false),
            Encoding::style("shape", Style::Form, true),
        ];
        assert_eq!(
            form_body(&styled, &encodings).unwrap(),
            "ids=1%2C2&words=a%7Cb&c=r&s=3"
        );
    }
}
