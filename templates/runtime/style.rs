//! Parameter values as text, the way OpenAPI parameter styles (`form`, `simple`,
//! `spaceDelimited`, `pipeDelimited`, `deepObject`) write them.

use serde_json::Value;

/// How a query parameter is written (OpenAPI `style`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    /// `name=a&name=b` (exploded) or `name=a,b`.
    Form,
    /// `name=a%20b`, or `name=a&name=b` exploded.
    SpaceDelimited,
    /// `name=a|b`, or `name=a&name=b` exploded.
    PipeDelimited,
    /// `name[key]=value`, nested as deep as the value goes.
    DeepObject,
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
        // Exploded arrays repeat the name in every style but `deepObject` (handled above):
        // `name=a&name=b`, as the OpenAPI style table writes `spaceDelimited` and
        // `pipeDelimited` with `explode: true` too.
        (Value::Array(items), _) if explode => {
            pairs.extend(items.iter().filter_map(text).map(|v| (name.to_owned(), v)));
        }
        (Value::Object(map), _) if explode => {
            pairs.extend(
                map.iter()
                    .filter_map(|(k, v)| text(v).map(|v| (k.clone(), v))),
            );
        }
        // Not exploded: one pair, items (or keys and values) joined by the style's separator.
        (Value::Array(_) | Value::Object(_), _) => {
            let separator = match style {
                Style::SpaceDelimited => " ",
                Style::PipeDelimited => "|",
                Style::Form | Style::DeepObject => ",",
            };
            let items: Vec<String> = match value {
                Value::Object(map) => map
                    .iter()
                    .filter_map(|(k, v)| text(v).map(|v| [k.clone(), v]))
                    .flatten()
                    .collect(),
                Value::Array(items) => items.iter().filter_map(text).collect(),
                _ => Vec::new(),
            };
            pairs.push((name.to_owned(), items.join(separator)));
        }
        (scalar_value, _) => pairs.extend(text(scalar_value).map(|v| (name.to_owned(), v))),
    }
    pairs
}

/// `name[key]=value` pairs, recursively: `name[key][inner]`, `name[]` for arrays of scalars and
/// `name[0][key]` for arrays of objects, the convention of Rails, PHP and Stripe.
pub(crate) fn deep_pairs(prefix: String, value: &Value, pairs: &mut Vec<(String, String)>) {
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
            query(Style::SpaceDelimited, true, json!([1, 2])),
            pairs(&[("p", "1"), ("p", "2")])
        );
        assert_eq!(
            query(Style::PipeDelimited, true, json!(["a", "b"])),
            pairs(&[("p", "a"), ("p", "b")])
        );
        assert_eq!(
            query(Style::PipeDelimited, false, json!({"R": 100, "G": 200})),
            pairs(&[("p", "R|100|G|200")])
        );
        assert_eq!(
            query(Style::Form, false, json!({"R": 100, "G": 200})),
            pairs(&[("p", "R,100,G,200")])
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
}
