//! Writing parameter values, form bodies and multipart bodies the way OpenAPI styles say.
//!
//! Every value goes through `serde_json::Value` first, so any generated type (scalars, enums,
//! arrays, structs) is encoded by the same rules, and `None` (JSON `null`) means "leave it out".

use serde::Serialize;
use serde_json::Value;

use crate::error::BoxError;

/// How a query parameter is written (OpenAPI `style`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    /// `name=a&name=b` (exploded) or `name=a,b`.
    Form,
    /// `name=a%20b`.
    SpaceDelimited,
    /// `name=a|b`.
    PipeDelimited,
    /// `name[key]=value`, nested as deep as the value goes.
    DeepObject,
}

/// A value as JSON data.
pub(crate) fn to_value<T: Serialize + ?Sized>(name: &str, value: &T) -> Result<Value, BoxError> {
    serde_json::to_value(value).map_err(|e| format!("`{name}` does not serialize: {e}").into())
}

/// A scalar as text; `None` for `null` and for arrays and objects.
fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Null | Value::Array(_) | Value::Object(_) => None,
    }
}

/// A scalar as text, with arrays and objects as compact JSON; `None` for `null`.
fn text(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::Array(_) | Value::Object(_) => Some(value.to_string()),
        _ => scalar(value),
    }
}

/// The `simple` style of path and header parameters: scalars as text, arrays comma-separated,
/// objects as `key,value,…`. `None` for `null`.
pub(crate) fn simple(value: &Value) -> Option<String> {
    match value {
        Value::Array(items) => Some(items.iter().filter_map(text).collect::<Vec<_>>().join(",")),
        Value::Object(map) => Some(
            map.iter()
                .filter_map(|(k, v)| text(v).map(|v| format!("{k},{v}")))
                .collect::<Vec<_>>()
                .join(","),
        ),
        other => text(other),
    }
}

/// The query pairs for one parameter.
pub(crate) fn query_pairs(
    name: &str,
    style: Style,
    explode: bool,
    value: &Value,
) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    match (value, style) {
        (Value::Null, _) => {}
        (Value::Array(_) | Value::Object(_), Style::DeepObject) => {
            deep_pairs(name.to_owned(), value, &mut pairs);
        }
        (Value::Array(items), _) if explode && style == Style::Form => {
            pairs.extend(items.iter().filter_map(text).map(|v| (name.to_owned(), v)));
        }
        (Value::Array(items), _) => {
            let separator = match style {
                Style::SpaceDelimited => " ",
                Style::PipeDelimited => "|",
                Style::Form | Style::DeepObject => ",",
            };
            let joined = items
                .iter()
                .filter_map(text)
                .collect::<Vec<_>>()
                .join(separator);
            pairs.push((name.to_owned(), joined));
        }
        (Value::Object(map), _) if explode => {
            pairs.extend(
                map.iter()
                    .filter_map(|(k, v)| text(v).map(|v| (k.clone(), v))),
            );
        }
        (Value::Object(_), _) => pairs.extend(simple(value).map(|v| (name.to_owned(), v))),
        (scalar_value, _) => pairs.extend(text(scalar_value).map(|v| (name.to_owned(), v))),
    }
    pairs
}

/// `name[key]=value` pairs, recursively: `name[key][inner]`, `name[]` for arrays of scalars and
/// `name[0][key]` for arrays of objects, the convention of Rails, PHP and Stripe.
fn deep_pairs(prefix: String, value: &Value, pairs: &mut Vec<(String, String)>) {
    match value {
        Value::Null => {}
        Value::Object(map) => {
            for (key, inner) in map {
                deep_pairs(format!("{prefix}[{key}]"), inner, pairs);
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                if item.is_object() || item.is_array() {
                    deep_pairs(format!("{prefix}[{index}]"), item, pairs);
                } else {
                    deep_pairs(format!("{prefix}[]"), item, pairs);
                }
            }
        }
        scalar_value => pairs.extend(scalar(scalar_value).map(|v| (prefix, v))),
    }
}

/// An `application/x-www-form-urlencoded` body from an object. Arrays repeat their key, except
/// fields listed in `deep` (encoding style `deepObject`), which use brackets; nested objects
/// always use brackets.
pub(crate) fn form_body(value: &Value, deep: &[&str]) -> Result<String, BoxError> {
    let Value::Object(map) = value else {
        return Err("a form body must be an object".into());
    };
    let mut pairs = Vec::new();
    for (key, inner) in map {
        match inner {
            Value::Array(items)
                if !deep.contains(&key.as_str())
                    && !items.iter().any(|i| i.is_object() || i.is_array()) =>
            {
                pairs.extend(items.iter().filter_map(text).map(|v| (key.clone(), v)));
            }
            Value::Array(_) | Value::Object(_) => deep_pairs(key.clone(), inner, &mut pairs),
            other => pairs.extend(scalar(other).map(|v| (key.clone(), v))),
        }
    }
    Ok(form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish())
}

/// A `multipart/form-data` body from an object: one part per field, scalars as text and arrays
/// or objects as JSON parts; `null` fields are left out. Returns the body and its boundary.
pub(crate) fn multipart_body(value: &Value) -> Result<(Vec<u8>, String), BoxError> {
    let Value::Object(map) = value else {
        return Err("a multipart body must be an object".into());
    };
    let parts: Vec<(&str, String, bool)> = map
        .iter()
        .filter_map(|(k, v)| {
            let is_json = v.is_array() || v.is_object();
            text(v).map(|t| (k.as_str(), t, is_json))
        })
        .collect();
    let boundary = boundary_for(parts.iter().map(|(_, t, _)| t.as_bytes()));
    let mut body = Vec::new();
    for (name, content, is_json) in &parts {
        let name = name.replace('"', "%22");
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        body.extend_from_slice(
            format!("Content-Disposition: form-data; name=\"{name}\"\r\n").as_bytes(),
        );
        if *is_json {
            body.extend_from_slice(b"Content-Type: application/json\r\n");
        }
        body.extend_from_slice(b"\r\n");
        body.extend_from_slice(content.as_bytes());
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    Ok((body, boundary))
}

/// A boundary that occurs in none of the parts.
fn boundary_for<'a>(parts: impl Iterator<Item = &'a [u8]> + Clone) -> String {
    let mut n: u64 = 0x5eed_0fb0_a7d4;
    loop {
        let boundary = format!("----boundary{n:016x}");
        let clashes = parts
            .clone()
            .any(|p| p.windows(boundary.len()).any(|w| w == boundary.as_bytes()));
        if !clashes {
            return boundary;
        }
        n = n.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn query(style: Style, explode: bool, value: Value) -> Vec<(String, String)> {
        query_pairs("p", style, explode, &value)
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn query_styles() {
        assert_eq!(query(Style::Form, true, json!(null)), pairs(&[]));
        assert_eq!(query(Style::Form, true, json!(5)), pairs(&[("p", "5")]));
        assert_eq!(
            query(Style::Form, true, json!(["a", "b"])),
            pairs(&[("p", "a"), ("p", "b")])
        );
        assert_eq!(
            query(Style::Form, false, json!(["a", "b"])),
            pairs(&[("p", "a,b")])
        );
        assert_eq!(
            query(Style::SpaceDelimited, false, json!([1, 2])),
            pairs(&[("p", "1 2")])
        );
        assert_eq!(
            query(Style::PipeDelimited, false, json!([1, 2])),
            pairs(&[("p", "1|2")])
        );
        assert_eq!(
            query(Style::Form, true, json!({"a": 1, "b": "x"})),
            pairs(&[("a", "1"), ("b", "x")])
        );
        assert_eq!(
            query(
                Style::DeepObject,
                true,
                json!({"a": {"gt": 1}, "tags": ["x", "y"]})
            ),
            pairs(&[("p[a][gt]", "1"), ("p[tags][]", "x"), ("p[tags][]", "y")])
        );
    }

    #[test]
    fn simple_style() {
        assert_eq!(simple(&json!("a b")).as_deref(), Some("a b"));
        assert_eq!(simple(&json!([1, 2, 3])).as_deref(), Some("1,2,3"));
        assert_eq!(simple(&json!(null)), None);
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
            form_body(&body, &["expand"]).unwrap(),
            "name=a+b%26c&tags=x&tags=y&expand%5B%5D=one&metadata%5Bk%5D=v\
             &items%5B0%5D%5Bprice%5D=p1&items%5B0%5D%5Bqty%5D=2"
        );
        assert!(form_body(&json!([1]), &[]).is_err());
    }

    #[test]
    fn multipart_bodies() {
        let (body, boundary) =
            multipart_body(&json!({"name": "n", "meta": {"a": 1}, "none": null})).unwrap();
        let text = String::from_utf8(body).unwrap();
        assert_eq!(
            text,
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nn\r\n\
                 --{boundary}\r\nContent-Disposition: form-data; name=\"meta\"\r\n\
                 Content-Type: application/json\r\n\r\n{{\"a\":1}}\r\n--{boundary}--\r\n"
            )
        );
    }

    #[test]
    fn the_boundary_never_occurs_in_a_part() {
        let first = boundary_for(std::iter::empty());
        let (_, boundary) = multipart_body(&json!({ "x": first.clone() })).unwrap();
        assert_ne!(boundary, first);
    }
}
