//! Writing parameter values the way their OpenAPI style says: one function per style and
//! `explode`, chosen by the generator for each parameter, so no request looks its style up.
//!
//! Every value goes through `serde_json::Value` first, so any generated type (scalars, enums,
//! arrays, structs) is encoded by the same rules, and `None` (JSON `null`) means "leave it out".

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;
use serde_json::Value;

use crate::error::BoxError;

/// Everything outside RFC 3986's unreserved set is escaped, so a path parameter always stays one
/// path segment: `/`, `?`, `#`, `%` and spaces are all encoded, and so are the delimiters of
/// the path styles (`,` `.` `;` `=`) inside a value, leaving the style's own delimiters the
/// only ones.
pub(crate) const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Query pairs (`name`, `value`) as a request collects them: the name as written, the value
/// already percent-encoded, so that a style's own delimiters stay what they are while the same
/// characters inside an item are encoded (`form`, `explode: false`: `["a,b", "c"]` is
/// `a%2Cb,c`, as RFC 6570 writes it and OpenAPI's style table shows).
pub(crate) type Pairs = Vec<(String, String)>;

/// `text` percent-encoded as a query or form component: everything but RFC 3986's unreserved
/// characters, a space as `%20`.
pub(crate) fn encoded(text: &str) -> String {
    utf8_percent_encode(text, PATH_SEGMENT).to_string()
}

/// A value as JSON data, read back from its JSON text: `serde_json::to_value` would widen an
/// `f32` (`format: float`) to the `f64` nearest it, written `56.70000076293945` where the
/// `f32`'s own text, the shortest that reads back as it, is `56.7`.
pub(crate) fn to_value<T: Serialize + ?Sized>(name: &str, value: &T) -> Result<Value, BoxError> {
    json_vec(value)
        .and_then(|text| serde_json::from_slice(&text))
        .map_err(|e| format!("`{name}` does not serialize: {e}").into())
}

/// `value` as JSON text the way the client writes all JSON: serde_json's compact text, but a
/// whole number without a fraction (`10`, not `10.0`). JSON Schema reads both as one number;
/// decoders of typed languages (Go's, .NET's) refuse `10.0` for an integer field and take `10`
/// for a float one, so the shorter text is the one every server reads.
pub(crate) fn json_vec<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(128);
    value.serialize(&mut serde_json::Serializer::with_formatter(
        &mut out,
        WholeNumbers,
    ))?;
    Ok(out)
}

/// [`json_vec`] as a `String`.
pub(crate) fn json_string<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    // serde_json writes UTF-8 only.
    json_vec(value).map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
}

/// serde_json's compact formatter, writing a whole `f64` or `f32` in the `i64` range as that
/// integer. Non-finite floats never reach it: serde_json writes them as `null`.
struct WholeNumbers;

impl serde_json::ser::Formatter for WholeNumbers {
    fn write_f64<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        value: f64,
    ) -> std::io::Result<()> {
        match whole(value) {
            Some(integer) => write!(writer, "{integer}"),
            None => serde_json::ser::CompactFormatter.write_f64(writer, value),
        }
    }

    fn write_f32<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        value: f32,
    ) -> std::io::Result<()> {
        match whole(f64::from(value)) {
            Some(integer) => write!(writer, "{integer}"),
            None => serde_json::ser::CompactFormatter.write_f32(writer, value),
        }
    }
}

/// The integer a float is, when it is whole and inside `i64`'s range (where every whole
/// float is exactly one `i64`).
fn whole(value: f64) -> Option<i64> {
    // 2^63: the first float past `i64::MAX`.
    const LIMIT: f64 = 9_223_372_036_854_775_808.0;
    (value.fract() == 0.0 && (-LIMIT..LIMIT).contains(&value)).then_some(value as i64)
}

/// A scalar as text; `None` for `null` and for arrays and objects.
pub(crate) fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(number(n)),
        Value::Bool(b) => Some(b.to_string()),
        Value::Null | Value::Array(_) | Value::Object(_) => None,
    }
}

/// A number as text: integers as they are (a whole float is one already: [`to_value`] reads
/// [`json_vec`]'s text); a float in its shortest decimal form without an exponent (`0.0000001`,
/// not JSON's `1e-7`), which any server parsing a decimal reads. Multipart text parts are
/// written the same way (`f64`'s `Display`).
pub(crate) fn number(n: &serde_json::Number) -> String {
    match n.as_f64() {
        Some(float) if n.is_f64() => float.to_string(),
        _ => n.to_string(),
    }
}

/// A scalar as text, with arrays and objects as compact JSON; `None` for `null`.
pub(crate) fn text(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::Array(_) | Value::Object(_) => json_string(value).ok(),
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

/// A path parameter's value in pieces, each percent-encoded: a scalar, the items of an array,
/// or the keys and values of an object (`null` items and values left out).
enum PathParts {
    One(String),
    Items(Vec<String>),
    Fields(Vec<(String, String)>),
}

fn path_text(value: &Value) -> Option<String> {
    text(value).map(|text| utf8_percent_encode(&text, PATH_SEGMENT).to_string())
}

fn path_parts(value: &Value) -> Option<PathParts> {
    Some(match value {
        Value::Null => return None,
        Value::Array(items) => PathParts::Items(items.iter().filter_map(path_text).collect()),
        Value::Object(map) => PathParts::Fields(
            map.iter()
                .filter_map(|(k, v)| {
                    let key = utf8_percent_encode(k, PATH_SEGMENT).to_string();
                    path_text(v).map(|v| (key, v))
                })
                .collect(),
        ),
        other => PathParts::One(path_text(other)?),
    })
}

/// Keys and values written `key{within}value`, joined by `between`.
fn fields(fields: &[(String, String)], within: &str, between: &str) -> String {
    let pairs: Vec<String> = fields
        .iter()
        .map(|(k, v)| format!("{k}{within}{v}"))
        .collect();
    pairs.join(between)
}

/// The parts as the `simple` style writes them: items, or keys and values, joined by commas
/// (`key=value` pairs when `explode` is set).
fn simple_text(parts: PathParts, explode: bool) -> String {
    match parts {
        PathParts::One(text) => text,
        PathParts::Items(items) => items.join(","),
        PathParts::Fields(list) if explode => fields(&list, "=", ","),
        PathParts::Fields(list) => fields(&list, ",", ","),
    }
}

/// A path parameter in the `simple` style (RFC 6570 `{name}`), percent-encoded: `blue`,
/// `blue,black,brown`, `R,100,G,200` (with `explode: true`, `R=100,G=200`). Each value is
/// encoded on its own and the commas between them are not, so a comma inside a value stays
/// data. `None` for `null`.
pub(crate) fn path_simple(_name: &str, value: &Value, explode: bool) -> Option<String> {
    path_parts(value).map(|parts| simple_text(parts, explode))
}

/// A path parameter in the `label` style (RFC 6570 `{.name}`): `.blue`, `.blue,black,brown`,
/// `.R,100,G,200`; with `explode: true`, `.blue.black.brown` and `.R=100.G=200`. `None` for
/// `null`.
pub(crate) fn path_label(_name: &str, value: &Value, explode: bool) -> Option<String> {
    let text = match path_parts(value)? {
        PathParts::Items(items) if explode => items.join("."),
        PathParts::Fields(list) if explode => fields(&list, "=", "."),
        parts => simple_text(parts, false),
    };
    Some(format!(".{text}"))
}

/// A path parameter in the `matrix` style (RFC 6570 `{;name}`): `;color=blue` (`;color` for
/// the empty string), `;color=blue,black,brown`, `;color=R,100,G,200`; with `explode: true`,
/// `;color=blue;color=black` and `;R=100;G=200`. `None` for `null`.
pub(crate) fn path_matrix(name: &str, value: &Value, explode: bool) -> Option<String> {
    let name = utf8_percent_encode(name, PATH_SEGMENT).to_string();
    Some(match path_parts(value)? {
        PathParts::One(text) if text.is_empty() => format!(";{name}"),
        PathParts::Items(items) if explode => {
            items.iter().map(|item| format!(";{name}={item}")).collect()
        }
        PathParts::Fields(list) if explode => format!(";{}", fields(&list, "=", ";")),
        parts => format!(";{name}={}", simple_text(parts, false)),
    })
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

/// An encoded query value as `allowReserved: true` writes it: the reserved characters a query
/// allows (`:/?@!$'()*,;=`) decoded back, and a percent-encoded triple of the value itself
/// (`%2520`, from `%20`) kept as the triple (`%20`); `[`, `]`, `#`, `&`, `+` and everything else
/// stay encoded.
pub(crate) fn reserved(encoded: &str) -> String {
    keep_reserved(encoded, b":/?@!$'()*,;=")
}

/// An encoded path value as RFC 6570's reserved expansion (`{+name}`) writes it: the reserved
/// characters a path allows (`/:@!$&'()*+,;=`) decoded back, and a percent-encoded triple of
/// the value itself kept as the triple; `?`, `#`, `[`, `]` and everything else stay encoded,
/// so the value stays in the path.
pub(crate) fn reserved_path(encoded: &str) -> String {
    keep_reserved(encoded, b":/@!$&'()*+,;=")
}

/// `encoded` with the triples of the characters in `kept` decoded back, and a percent-encoded
/// triple of the value itself kept as the triple.
fn keep_reserved(encoded: &str, kept: &[u8]) -> String {
    let hex = |b: u8| char::from(b).to_digit(16);
    let bytes = encoded.as_bytes();
    let mut out = String::with_capacity(encoded.len());
    let mut i = 0;
    while i < bytes.len() {
        let triple = match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) => hex(h).zip(hex(l)).map(|(h, l)| (h * 16 + l) as u8),
            _ => None,
        };
        match triple {
            Some(byte) if kept.contains(&byte) => {
                out.push(char::from(byte));
                i += 3;
            }
            // `%25` followed by two hex digits: the value held a percent-encoded triple.
            Some(b'%')
                if bytes.get(i + 3).and_then(|&b| hex(b)).is_some()
                    && bytes.get(i + 4).and_then(|&b| hex(b)).is_some() =>
            {
                out.push('%');
                i += 3;
            }
            _ => {
                out.push(char::from(bytes[i]));
                i += 1;
            }
        }
    }
    out
}

/// The value as JSON text (`content: application/json` parameters); `None` for `null`.
pub(crate) fn json_text(value: &Value) -> Option<String> {
    if value.is_null() {
        return None;
    }
    json_string(value).ok()
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
            pairs.extend(
                items
                    .iter()
                    .filter_map(text)
                    .map(|v| (name.to_owned(), encoded(&v))),
            );
        }
        Value::Object(map) => {
            pairs.extend(
                map.iter()
                    .filter_map(|(k, v)| text(v).map(|v| (k.clone(), encoded(&v)))),
            );
        }
        other => pairs.extend(text(other).map(|v| (name.to_owned(), encoded(&v)))),
    }
}

/// `form` with `explode: false`: one pair, items (or keys and values) joined by commas, which
/// stay commas (a sub-delimiter RFC 3986 allows in a query) while a comma inside an item is
/// `%2C`.
pub(crate) fn form_joined(name: &str, value: &Value, pairs: &mut Pairs) {
    joined(name, value, ",", pairs);
}

/// `spaceDelimited` with `explode: false`: one pair, items joined by spaces (`%20`).
pub(crate) fn space_delimited(name: &str, value: &Value, pairs: &mut Pairs) {
    joined(name, value, "%20", pairs);
}

/// `pipeDelimited` with `explode: false`: one pair, items joined by `|` (`%7C`, which RFC 3986
/// does not allow in a query as it is).
pub(crate) fn pipe_delimited(name: &str, value: &Value, pairs: &mut Pairs) {
    joined(name, value, "%7C", pairs);
}

/// One pair, the items of an array (or the keys and values of an object) each encoded and
/// joined by `separator`, written as it is; a scalar as it is; nothing for `null`.
fn joined(name: &str, value: &Value, separator: &str, pairs: &mut Pairs) {
    let items: Vec<String> = match value {
        Value::Object(map) => map
            .iter()
            .filter_map(|(k, v)| text(v).map(|v| [encoded(k), encoded(&v)]))
            .flatten()
            .collect(),
        Value::Array(items) => items.iter().filter_map(text).map(|v| encoded(&v)).collect(),
        other => {
            pairs.extend(text(other).map(|v| (name.to_owned(), encoded(&v))));
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
        other => pairs.extend(text(other).map(|v| (name.to_owned(), encoded(&v)))),
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
        scalar_value => pairs.extend(scalar(scalar_value).map(|v| (prefix, encoded(&v)))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn whole_floats_are_written_as_integers_and_others_as_json_writes_them() {
        let floats = [
            (10.0, "10"),
            (-2.0, "-2"),
            (-0.0, "0"),
            (0.5, "0.5"),
            (1e-7, "1e-7"),
            (1e15, "1000000000000000"),
            (9_007_199_254_740_993.0, "9007199254740992"),
            // Past `i64`: left as JSON writes it.
            (9.3e18, "9.3e+18"),
            (1e300, "1e+300"),
            (f64::NAN, "null"),
            (f64::INFINITY, "null"),
        ];
        for (float, text) in floats {
            assert_eq!(json_string(&float).unwrap(), text, "{float}");
        }
        // An `f32` keeps its own shortest text, not its widened `f64`'s.
        assert_eq!(json_string(&0.1f32).unwrap(), "0.1");
        assert_eq!(json_string(&3.0f32).unwrap(), "3");
        assert_eq!(
            json_string(&json!({"a": [1.0, 2.5], "b": u64::MAX, "c": i64::MIN})).unwrap(),
            r#"{"a":[1,2.5],"b":18446744073709551615,"c":-9223372036854775808}"#
        );
        // Text parameters: no exponent either.
        assert_eq!(text(&to_value("p", &1e-7).unwrap()).unwrap(), "0.0000001");
        assert_eq!(text(&to_value("p", &571_700.0).unwrap()).unwrap(), "571700");
    }

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
            assert_eq!(query(write, json!("a b")), pairs(&[("p", "a%20b")]));
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
            pairs(&[("p", "%5B1%2C2%5D"), ("p", "%7B%22k%22%3A%22v%22%7D")])
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
            pairs(&[("p", "1%202")])
        );
        assert_eq!(
            query(pipe_delimited, json!([1, 2])),
            pairs(&[("p", "1%7C2")])
        );
        assert_eq!(
            query(pipe_delimited, json!({"R": 100, "G": 200})),
            pairs(&[("p", "R%7C100%7CG%7C200")])
        );
        assert_eq!(
            query(form_joined, json!({"R": 100, "G": 200})),
            pairs(&[("p", "R,100,G,200")])
        );
        assert_eq!(query(form_joined, json!([])), pairs(&[("p", "")]));
        // The style's delimiters stay; the same characters inside an item do not (OpenAPI
        // 3.1.1, appendix C: servers split on the delimiter, then decode each item).
        assert_eq!(
            query(form_joined, json!(["a,b", "c d"])),
            pairs(&[("p", "a%2Cb,c%20d")])
        );
        assert_eq!(
            query(form_joined, json!({"x,y": "1,2"})),
            pairs(&[("p", "x%2Cy,1%2C2")])
        );
        assert_eq!(
            query(pipe_delimited, json!(["a|b", "c"])),
            pairs(&[("p", "a%7Cb%7Cc")])
        );
    }

    #[test]
    fn allow_reserved_keeps_what_a_query_allows_and_triples() {
        let mut pairs = Vec::new();
        form_joined(
            "p",
            &json!(["docs/readme.md", "a,b", "x&y=[1]#+", "50%", "%20ok"]),
            &mut pairs,
        );
        assert_eq!(
            reserved(&pairs[0].1),
            "docs/readme.md,a,b,x%26y=%5B1%5D%23%2B,50%25,%20ok"
        );
        assert_eq!(reserved("caf%C3%A9%3A"), "caf%C3%A9:");
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
    fn an_f32_is_written_as_its_own_shortest_text() {
        let value = to_value("p", &[56.7f32, 0.1]).unwrap();
        assert_eq!(
            query(exploded, value),
            pairs(&[("p", "56.7"), ("p", "0.1")])
        );
        assert_eq!(
            simple(&to_value("p", &serde_json::json!({"x": 1.5})).unwrap()).as_deref(),
            Some("x,1.5")
        );
    }

    #[test]
    fn path_styles_follow_the_openapi_style_table() {
        // The table of OpenAPI 3.0.4 and 3.1.1 ("Style Examples"), for `color`.
        let string = json!("blue");
        let array = json!(["blue", "black", "brown"]);
        let object = json!({"R": 100, "G": 200, "B": 150});
        type Write = fn(&str, &Value, bool) -> Option<String>;
        let rows: [(Write, bool, [&str; 3]); 6] = [
            (
                path_simple,
                false,
                ["blue", "blue,black,brown", "R,100,G,200,B,150"],
            ),
            (
                path_simple,
                true,
                ["blue", "blue,black,brown", "R=100,G=200,B=150"],
            ),
            (
                path_label,
                false,
                [".blue", ".blue,black,brown", ".R,100,G,200,B,150"],
            ),
            (
                path_label,
                true,
                [".blue", ".blue.black.brown", ".R=100.G=200.B=150"],
            ),
            (
                path_matrix,
                false,
                [
                    ";color=blue",
                    ";color=blue,black,brown",
                    ";color=R,100,G,200,B,150",
                ],
            ),
            (
                path_matrix,
                true,
                [
                    ";color=blue",
                    ";color=blue;color=black;color=brown",
                    ";R=100;G=200;B=150",
                ],
            ),
        ];
        for (write, explode, expected) in rows {
            let got = [&string, &array, &object].map(|v| write("color", v, explode));
            assert_eq!(
                got,
                expected.map(|e| Some(e.to_owned())),
                "explode {explode}"
            );
            assert_eq!(write("color", &json!(null), explode), None);
        }
        assert_eq!(
            path_matrix("color", &json!(""), false).as_deref(),
            Some(";color")
        );
        assert_eq!(path_label("color", &json!(""), false).as_deref(), Some("."));
    }

    #[test]
    fn path_values_are_encoded_and_the_styles_delimiters_are_not() {
        let items = json!(["a,b", "c d", "e/f", "g;h=i.j"]);
        assert_eq!(
            path_simple("p", &items, false).as_deref(),
            Some("a%2Cb,c%20d,e%2Ff,g%3Bh%3Di.j")
        );
        assert_eq!(
            path_matrix("p", &items, true).as_deref(),
            Some(";p=a%2Cb;p=c%20d;p=e%2Ff;p=g%3Bh%3Di.j")
        );
        assert_eq!(
            path_label("p", &json!({"k,1": "v=2"}), true).as_deref(),
            Some(".k%2C1=v%3D2")
        );
        assert_eq!(
            path_matrix("a b", &json!(1), false).as_deref(),
            Some(";a%20b=1")
        );
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
