//! Writing parameter values the way their OpenAPI style says: one function per style and
//! `explode`, chosen by the generator for each parameter, so no request looks its style up.
//!
//! Every value goes through `serde_json::Value` first, so any generated type (scalars, enums,
//! arrays, structs) is encoded by the same rules, and `None` (JSON `null`) means "leave it out".

use serde::Serialize;
use serde_json::Value;

use crate::error::BoxError;

/// Query pairs (`name`, `value`), as a request collects them before encoding.
pub(crate) type Pairs = Vec<(String, String)>;

/// A value as JSON data.
pub(crate) fn to_value<T: Serialize + ?Sized>(name: &str, value: &T) -> Result<Value, BoxError> {
    serde_json::to_value(value).map_err(|e| format!("`{name}` does not serialize: {e}").into())
}

/// A scalar as text; `None` for `null` and for arrays and objects.
pub(crate) fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Null | Value::Array(_) | Value::Object(_) => None,
    }
}

/// A scalar as text, with arrays and objects as compact JSON; `None` for `null`.
pub(crate) fn text(value: &Value) -> Option<String> {
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

/// The `simple` style with `explode: true`: objects as `key=value,…`, anything else as
/// [`simple`]. `None` for `null`.
pub(crate) fn simple_exploded(value: &Value) -> Option<String> {
    match value {
        Value::Object(map) => Some(
            map.iter()
                .filter_map(|(k, v)| text(v).map(|v| format!("{k}={v}")))
                .collect::<Vec<_>>()
                .join(","),
        ),
        other => simple(other),
    }
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

/// The JSON text for a header: [`json_text`] with [`ascii_json`] escapes.
pub(crate) fn header_json_text(value: &Value) -> Option<String> {
    json_text(value).map(ascii_json)
}

/// `form` with `explode: true`, the query default; `spaceDelimited` and `pipeDelimited` with
/// `explode: true` are written the same way, as the OpenAPI style table shows. Arrays repeat
/// the name (`name=a&name=b`), objects become their own pairs (`key=value`), scalars one pair.
pub(crate) fn exploded(name: &str, value: &Value, pairs: &mut Pairs) {
    match value {
        Value::Array(items) => {
            pairs.extend(items.iter().filter_map(text).map(|v| (name.to_owned(), v)));
        }
        Value::Object(map) => {
            pairs.extend(
                map.iter()
                    .filter_map(|(k, v)| text(v).map(|v| (k.clone(), v))),
            );
        }
        other => pairs.extend(text(other).map(|v| (name.to_owned(), v))),
    }
}

/// `form` with `explode: false`: one pair, items (or keys and values) joined by commas.
pub(crate) fn form_joined(name: &str, value: &Value, pairs: &mut Pairs) {
    joined(name, value, ",", pairs);
}

/// `spaceDelimited` with `explode: false`: one pair, items joined by spaces.
pub(crate) fn space_delimited(name: &str, value: &Value, pairs: &mut Pairs) {
    joined(name, value, " ", pairs);
}

/// `pipeDelimited` with `explode: false`: one pair, items joined by `|`.
pub(crate) fn pipe_delimited(name: &str, value: &Value, pairs: &mut Pairs) {
    joined(name, value, "|", pairs);
}

/// One pair, the items of an array (or the keys and values of an object) joined by
/// `separator`; a scalar as it is; nothing for `null`.
fn joined(name: &str, value: &Value, separator: &str, pairs: &mut Pairs) {
    let items: Vec<String> = match value {
        Value::Object(map) => map
            .iter()
            .filter_map(|(k, v)| text(v).map(|v| [k.clone(), v]))
            .flatten()
            .collect(),
        Value::Array(items) => items.iter().filter_map(text).collect(),
        other => {
            pairs.extend(text(other).map(|v| (name.to_owned(), v)));
            return;
        }
    };
    pairs.push((name.to_owned(), items.join(separator)));
}

/// `deepObject` (whatever its `explode`): objects and arrays as `name[key]=value` pairs (see
/// [`deep_pairs`]), a scalar as one pair, nothing for `null`.
pub(crate) fn deep_object(name: &str, value: &Value, pairs: &mut Pairs) {
    match value {
        Value::Array(_) | Value::Object(_) => deep_pairs(name.to_owned(), value, pairs),
        other => pairs.extend(text(other).map(|v| (name.to_owned(), v))),
    }
}

/// `name[key]=value` pairs, recursively: `name[key][inner]`, `name[]` for arrays of scalars and
/// `name[0][key]` for arrays of objects, the convention of Rails, PHP and Stripe.
pub(crate) fn deep_pairs(prefix: String, value: &Value, pairs: &mut Pairs) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn query(write: fn(&str, &Value, &mut Pairs), value: Value) -> Pairs {
        let mut pairs = Vec::new();
        write("p", &value, &mut pairs);
        pairs
    }

    fn pairs(list: &[(&str, &str)]) -> Pairs {
        list.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn null_is_left_out_and_a_scalar_is_one_pair_in_every_style() {
        let styles: [fn(&str, &Value, &mut Pairs); 5] = [
            exploded,
            form_joined,
            space_delimited,
            pipe_delimited,
            deep_object,
        ];
        for write in styles {
            assert_eq!(query(write, json!(null)), pairs(&[]));
            assert_eq!(query(write, json!(5)), pairs(&[("p", "5")]));
            assert_eq!(query(write, json!("a b")), pairs(&[("p", "a b")]));
            assert_eq!(query(write, json!(true)), pairs(&[("p", "true")]));
        }
    }

    #[test]
    fn exploded_arrays_repeat_the_name_and_objects_are_their_own_pairs() {
        assert_eq!(
            query(exploded, json!(["a", null, "b"])),
            pairs(&[("p", "a"), ("p", "b")])
        );
        assert_eq!(
            query(exploded, json!({"a": 1, "b": "x", "c": null})),
            pairs(&[("a", "1"), ("b", "x")])
        );
        assert_eq!(
            query(exploded, json!([[1, 2], {"k": "v"}])),
            pairs(&[("p", "[1,2]"), ("p", r#"{"k":"v"}"#)])
        );
    }

    #[test]
    fn unexploded_styles_join_with_their_separator() {
        assert_eq!(
            query(form_joined, json!(["a", "b"])),
            pairs(&[("p", "a,b")])
        );
        assert_eq!(
            query(space_delimited, json!([1, 2])),
            pairs(&[("p", "1 2")])
        );
        assert_eq!(query(pipe_delimited, json!([1, 2])), pairs(&[("p", "1|2")]));
        assert_eq!(
            query(pipe_delimited, json!({"R": 100, "G": 200})),
            pairs(&[("p", "R|100|G|200")])
        );
        assert_eq!(
            query(form_joined, json!({"R": 100, "G": 200})),
            pairs(&[("p", "R,100,G,200")])
        );
        assert_eq!(query(form_joined, json!([])), pairs(&[("p", "")]));
    }

    #[test]
    fn deep_objects_nest_in_brackets() {
        assert_eq!(
            query(
                deep_object,
                json!({"a": {"gt": 1}, "tags": ["x", "y"], "n": null})
            ),
            pairs(&[("p[a][gt]", "1"), ("p[tags][]", "x"), ("p[tags][]", "y")])
        );
        assert_eq!(
            query(deep_object, json!([{"k": 1}, 2])),
            pairs(&[("p[0][k]", "1"), ("p[]", "2")])
        );
    }

    #[test]
    fn simple_style() {
        assert_eq!(simple(&json!("a b")).as_deref(), Some("a b"));
        assert_eq!(simple(&json!([1, 2, 3])).as_deref(), Some("1,2,3"));
        assert_eq!(simple(&json!({"R": 1, "G": 2})).as_deref(), Some("R,1,G,2"));
        assert_eq!(
            simple_exploded(&json!({"R": 1, "G": 2})).as_deref(),
            Some("R=1,G=2")
        );
        assert_eq!(simple_exploded(&json!([1, 2])).as_deref(), Some("1,2"));
        assert_eq!(simple(&json!(null)), None);
    }

    #[test]
    fn header_json_is_ascii() {
        assert_eq!(
            header_json_text(&json!("é😀")).as_deref(),
            Some(r#""\u00e9\ud83d\ude00""#)
        );
        assert_eq!(header_json_text(&json!(null)), None);
    }
}
