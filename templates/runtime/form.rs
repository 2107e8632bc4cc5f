//! `application/x-www-form-urlencoded` text, form bodies, and the Encoding Object that says how
//! one field of a form or multipart body is written.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_encode, utf8_percent_encode};
use serde_json::Value;

use crate::error::BoxError;
use crate::params::{json_vec, reserved, text};
use crate::style::{Style, query_pairs};

/// What a query or form component keeps as it is: RFC 3986's unreserved characters. Everything
/// else is percent-encoded, a space as `%20`.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The media type of a form field written as JSON text.
const JSON: &str = "application/json";

/// `name=value&…` for a query string or an `application/x-www-form-urlencoded` body.
///
/// A space is written `%20`, as RFC 6570 (which OpenAPI's parameter styles follow) writes it,
/// not `+`: every server decodes `%20`, but `+` is a reserved character that a server reading
/// RFC 3986 keeps as a plus, and that a validating server rejects where reserved characters
/// are not allowed (`spaceDelimited` would then arrive as one item).
///
/// A value is any octets (text is its UTF-8), so a `format: binary` field is sent as it is.
pub fn urlencoded<K: AsRef<str>, V: AsRef<[u8]>>(
    pairs: impl IntoIterator<Item = (K, V)>,
) -> String {
    let mut out = String::new();
    for (name, value) in pairs {
        push_pair(
            &mut out,
            name.as_ref(),
            percent_encode(value.as_ref(), COMPONENT),
        );
    }
    out
}

/// `name=value&…` from [`crate::params::Pairs`], whose values are percent-encoded already (a
/// style's delimiters kept as the style writes them); the names are encoded here.
pub(crate) fn encoded_pairs(pairs: &[(String, String)]) -> String {
    let mut out = String::new();
    for (name, value) in pairs {
        push_pair(&mut out, name, [value.as_str()]);
    }
    out
}

/// Appends `name=value` to `out` (after a `&` unless it is empty), the name encoded here, the
/// value's pieces encoded already.
fn push_pair<'v>(out: &mut String, name: &str, value: impl IntoIterator<Item = &'v str>) {
    if !out.is_empty() {
        out.push('&');
    }
    out.extend(utf8_percent_encode(name, COMPONENT));
    out.push('=');
    out.extend(value);
}

/// How one field of a form or multipart body is encoded: what an OpenAPI Encoding Object says
/// about it. Fields without one use the defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Encoding {
    pub field: &'static str,
    pub content_type: Option<&'static str>,
    pub headers: &'static [(&'static str, &'static str)],
    pub style: Option<(Style, bool)>,
    /// With a `style`: its `allowReserved`, sending the reserved characters a query allows
    /// (`:/?@!$'()*,;=`) and percent-encoded triples in the value as they are.
    pub allow_reserved: bool,
    /// For a `format: binary` field, whether it is a list of them (`Some(true)`): in a form body
    /// it is sent as its octets, not as the list of numbers serde writes bytes as.
    pub binary: Option<bool>,
}

impl Encoding {
    /// A form field written in `style`, exploded or not, as a query parameter would be.
    pub const fn style(field: &'static str, style: Style, explode: bool) -> Self {
        Self {
            field,
            content_type: None,
            headers: &[],
            style: Some((style, explode)),
            binary: None,
            allow_reserved: false,
        }
    }

    /// A form field written in `style` with `allowReserved: true`: as [`Encoding::style`], but
    /// the reserved characters a query allows (`:/?@!$'()*,;=`) and percent-encoded triples in
    /// the value go as they are; `[`, `]`, `#`, `&` and `+`, which would change what the body
    /// says, stay encoded (OpenAPI 3.1.1, the Encoding Object and appendix E).
    pub const fn reserved(field: &'static str, style: Style, explode: bool) -> Self {
        Self {
            field,
            content_type: None,
            headers: &[],
            style: Some((style, explode)),
            binary: None,
            allow_reserved: true,
        }
    }

    /// A form field sent as JSON text (its encoding `contentType` is JSON).
    pub const fn json(field: &'static str) -> Self {
        Self {
            field,
            content_type: Some(JSON),
            headers: &[],
            style: None,
            binary: None,
            allow_reserved: false,
        }
    }

    /// A form field of `format: binary`, or a `list` of them, sent as their octets.
    pub const fn binary(field: &'static str, list: bool) -> Self {
        Self {
            field,
            content_type: None,
            headers: &[],
            style: None,
            binary: Some(list),
            allow_reserved: false,
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
            binary: None,
            allow_reserved: false,
        }
    }
}

/// The encoding given for `field`, if any.
pub(crate) fn encoding_of<'e>(encodings: &'e [Encoding], field: &str) -> Option<&'e Encoding> {
    encodings.iter().find(|e| e.field == field)
}

/// An `application/x-www-form-urlencoded` body from an object, as OpenAPI's Encoding Object
/// says. A field with an encoding `style` is written as a query parameter of that style would
/// be (`form`, `spaceDelimited`, `pipeDelimited`, `deepObject`, with its `explode`); one whose
/// encoding `contentType` is JSON as JSON text; a `format: binary` one as its octets. Without
/// an encoding the Encoding Object's defaults apply: a scalar is its text, an object its JSON
/// text (`application/json`), and an array repeats its key, each item written so. `null` is
/// not sent.
pub fn form_body(value: &Value, encodings: &[Encoding]) -> Result<String, BoxError> {
    let Value::Object(map) = value else {
        return Err("a form body must be an object".into());
    };
    let mut out = String::new();
    let mut pairs: Vec<(String, Vec<u8>)> = Vec::new();
    for (key, inner) in map {
        let encoding = encoding_of(encodings, key);
        if let Some(Encoding {
            style: Some((style, explode)),
            allow_reserved,
            ..
        }) = encoding
        {
            // Encoded as a query parameter of that style is, its delimiters kept; the fields
            // before it first, in order.
            flush(&mut out, &mut pairs);
            for (name, value) in query_pairs(key, *style, *explode, inner) {
                let value = if *allow_reserved {
                    reserved(&value)
                } else {
                    value
                };
                push_pair(&mut out, &name, [value.as_str()]);
            }
            continue;
        }
        if let Some(list) = encoding.and_then(|e| e.binary) {
            binary_pairs(key, inner, list, &mut pairs)?;
            continue;
        }
        if encoding.is_some_and(|e| e.content_type == Some(JSON)) {
            pairs.push((key.clone(), json_vec(inner)?));
            continue;
        }
        let items = match inner {
            Value::Array(items) => items.as_slice(),
            one => std::slice::from_ref(one),
        };
        pairs.extend(
            items
                .iter()
                .filter_map(text)
                .map(|v| (key.clone(), v.into_bytes())),
        );
    }
    flush(&mut out, &mut pairs);
    Ok(out)
}

/// Appends `pairs` (values as octets) to `out`, percent-encoded, and empties it.
fn flush(out: &mut String, pairs: &mut Vec<(String, Vec<u8>)>) {
    for (name, value) in pairs.drain(..) {
        push_pair(out, &name, percent_encode(&value, COMPONENT));
    }
}

/// The pairs of a `format: binary` field, or of a `list` of them, each item under the key:
/// serde writes bytes as a list of numbers, which are its octets again. `null` sends nothing.
fn binary_pairs(
    key: &str,
    value: &Value,
    list: bool,
    pairs: &mut Vec<(String, Vec<u8>)>,
) -> Result<(), BoxError> {
    let items = match (value, list) {
        (Value::Null, _) => return Ok(()),
        (Value::Array(items), true) => items.as_slice(),
        (one, _) => std::slice::from_ref(one),
    };
    for item in items {
        let octets = match item {
            Value::Null => continue,
            Value::Array(numbers) => numbers
                .iter()
                .map(|n| n.as_u64().and_then(|n| u8::try_from(n).ok()))
                .collect::<Option<Vec<u8>>>(),
            // A field given a type of the user's own that writes text: its UTF-8.
            Value::String(text) => Some(text.clone().into_bytes()),
            _ => None,
        };
        let octets = octets.ok_or_else(|| format!("form field `{key}` is binary but not bytes"))?;
        pairs.push((key.to_owned(), octets));
    }
    Ok(())
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
    fn binary_fields_are_their_octets() {
        let body = json!({"file": [0, 97, 255], "files": [[120], [], null], "none": null});
        let encodings = [
            Encoding::binary("file", false),
            Encoding::binary("files", true),
            Encoding::binary("none", false),
        ];
        assert_eq!(
            form_body(&body, &encodings).unwrap(),
            "file=%00a%FF&files=x&files="
        );
        let empty = json!({"file": [], "files": []});
        assert_eq!(form_body(&empty, &encodings).unwrap(), "file=");
        assert!(form_body(&json!({"file": [256]}), &encodings).is_err());
        assert!(form_body(&json!({"file": {"a": 1}}), &encodings).is_err());
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
        // OpenAPI's defaults: objects (and objects in arrays) as JSON text, arrays one pair per
        // item.
        assert_eq!(
            form_body(&body, &[Encoding::style("expand", Style::DeepObject, true)]).unwrap(),
            "name=a%20b%26c&tags=x&tags=y&expand%5B%5D=one&metadata=%7B%22k%22%3A%22v%22%7D\
             &items=%7B%22price%22%3A%22p1%22%2C%22qty%22%3A2%7D"
        );
        // OpenAPI 3.0.4's example: `contentType: application/json` makes a string JSON text;
        // an empty object is still sent.
        let json_fields = json!({"id": "f81d", "filters": {}, "none": []});
        assert_eq!(
            form_body(&json_fields, &[Encoding::json("id")]).unwrap(),
            "id=%22f81d%22&filters=%7B%7D"
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
            "ids=1,2&words=a%7Cb&c=r&s=3"
        );
    }

    #[test]
    fn allow_reserved_fields_send_what_a_query_allows_as_it_is() {
        let body = json!({
            "next": "https://x.test/a b?q=1&r=[2]#f+g",
            "ids": ["a/b", "c,d"],
            "plain": "a/b",
        });
        let encodings = [
            Encoding::reserved("next", Style::Form, true),
            Encoding::reserved("ids", Style::Form, false),
        ];
        assert_eq!(
            form_body(&body, &encodings).unwrap(),
            "next=https://x.test/a%20b?q=1%26r=%5B2%5D%23f%2Bg&ids=a/b,c,d&plain=a%2Fb"
        );
    }
}
