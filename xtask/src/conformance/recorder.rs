//! The recording check: the same conformance program, run against a loopback server that
//! records every raw request, and each request compared with the OpenAPI serialization rules
//! for the values the program sent. It covers what Prism does not check, or checks loosely:
//! parameter styles and `explode`, JSON-content parameters, cookies, form fields and multipart
//! parts.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

use opengen::ir::{BodyPayload, FormEncoding, FormField, Param, ParamLocation, ParamStyle};
use serde_json::Value;

use super::program::Planned;

/// One request as received.
#[derive(Debug, Clone, Default)]
pub struct Recorded {
    /// The request target (path and query), as sent.
    pub target: String,
    /// Header names (lower case) and values.
    pub headers: Vec<(String, String)>,
    /// The body, de-chunked.
    pub body: Vec<u8>,
}

impl Recorded {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A loopback server that records every request and answers `204 No Content`.
pub struct Recorder {
    /// Its port on 127.0.0.1.
    pub port: u16,
    /// The requests so far, in arrival order.
    pub requests: Arc<Mutex<Vec<Recorded>>>,
}

impl Recorder {
    /// Starts serving on a free loopback port, on a background thread that lives as long as
    /// the process.
    pub fn start() -> Result<Self, String> {
        let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
        let port = listener.local_addr().map_err(|e| e.to_string())?.port();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&requests);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let _ = stream.set_read_timeout(Some(std::time::Duration::from_secs(10)));
                let Ok(reader) = stream.try_clone() else {
                    continue;
                };
                let mut reader = BufReader::new(reader);
                // One request per connection: the answer says `connection: close`.
                if let Some(request) = read_request(&mut reader)
                    && let Ok(mut list) = sink.lock()
                {
                    list.push(request);
                }
                let _ = stream.write_all(
                    b"HTTP/1.1 204 No Content\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
                );
            }
        });
        Ok(Self { port, requests })
    }
}

fn read_request(reader: &mut impl BufRead) -> Option<Recorded> {
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let target = line.split_whitespace().nth(1)?.to_owned();
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).ok()?;
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':')?;
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
    }
    let mut request = Recorded {
        target,
        headers,
        body: Vec::new(),
    };
    if let Some(length) = request
        .header("content-length")
        .and_then(|l| l.parse::<usize>().ok())
    {
        let mut body = vec![0; length];
        reader.read_exact(&mut body).ok()?;
        request.body = body;
    } else if request
        .header("transfer-encoding")
        .is_some_and(|t| t.contains("chunked"))
    {
        loop {
            let mut size = String::new();
            reader.read_line(&mut size).ok()?;
            let size = usize::from_str_radix(size.trim(), 16).ok()?;
            let mut chunk = vec![0; size + 2];
            reader.read_exact(&mut chunk).ok()?;
            if size == 0 {
                break;
            }
            chunk.truncate(size);
            request.body.extend(chunk);
        }
    }
    Some(request)
}

/// Percent-decodes `text` (and `+` as a space when `plus` is set).
pub fn decode(text: &str, plus: bool) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
                match u8::from_str_radix(hex, 16) {
                    Ok(b) => {
                        out.push(b);
                        i += 3;
                        continue;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            b'+' if plus => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A primitive's text on the wire.
fn text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// Whether two serialized values say the same: equal text, or the same numbers where the
/// text has them (`1` and `1.0` are one JSON number: a float parameter's example written `1`
/// goes out as `1.0`), or the same instants (RFC 3339 writes one instant many ways: an
/// example's `2020-09-30T07:43:32.000Z` goes out as `2020-09-30T07:43:32Z` once it is a
/// date-time value), with the same delimiters (`,`, `|`, space, `=`) between them.
fn same_text(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let delimiter = |c: char| ",| =".contains(c);
    let delimiters = |s: &str| s.chars().filter(|c| delimiter(*c)).collect::<String>();
    if delimiters(a) != delimiters(b) {
        return false;
    }
    a.split(delimiter).zip(b.split(delimiter)).all(|(x, y)| {
        x == y
            || matches!((x.parse::<f64>(), y.parse::<f64>()), (Ok(x), Ok(y)) if x == y && x.is_finite())
            || matches!(
                (
                    chrono::DateTime::parse_from_rfc3339(x),
                    chrono::DateTime::parse_from_rfc3339(y)
                ),
                (Ok(x), Ok(y)) if x == y
            )
    })
}

/// [`same_text`] for lists of pairs, in order.
fn same_pairs(a: &[(String, String)], b: &[(String, String)]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|((an, av), (bn, bv))| an == bn && same_text(av, bv))
}

fn pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k, true), decode(v, true))
        })
        .collect()
}

/// The query pairs a parameter should produce, or `None` when the rules leave it open.
fn expected_query(param: &Param, value: &Value) -> Option<Vec<(String, String)>> {
    expected_pairs(&param.wire_name, param.style, param.explode, value)
}

/// The pairs a value written in `style` (a query parameter, or a form field whose Encoding
/// Object names a style) should produce, or `None` when the rules leave it open.
fn expected_pairs(
    name: &str,
    style: ParamStyle,
    explode: bool,
    value: &Value,
) -> Option<Vec<(String, String)>> {
    let name = name.to_owned();
    if style == ParamStyle::Json {
        return Some(vec![(name, value.to_string())]);
    }
    let delimiter = match style {
        ParamStyle::SpaceDelimited => " ",
        ParamStyle::PipeDelimited => "|",
        _ => ",",
    };
    Some(match (value, style) {
        (Value::Object(fields), ParamStyle::DeepObject) => {
            let mut out = Vec::new();
            for (k, v) in fields {
                if v.is_object() || v.is_array() {
                    return None;
                }
                out.push((format!("{name}[{k}]"), text(v)));
            }
            out
        }
        (Value::Array(items), _) if items.iter().any(|i| i.is_object() || i.is_array()) => {
            return None;
        }
        (Value::Array(items), _) if explode => {
            items.iter().map(|i| (name.clone(), text(i))).collect()
        }
        (Value::Array(items), _) => vec![(
            name,
            items.iter().map(text).collect::<Vec<_>>().join(delimiter),
        )],
        (Value::Object(_), _) => return None,
        (primitive, _) => vec![(name, text(primitive))],
    })
}

/// The text of a `simple`-style header value, or `None` when left open.
fn simple(param: &Param, value: &Value) -> Option<String> {
    if param.style == ParamStyle::Json {
        return Some(value.to_string());
    }
    match value {
        Value::Array(items) if items.iter().all(|i| !i.is_object() && !i.is_array()) => {
            Some(items.iter().map(text).collect::<Vec<_>>().join(","))
        }
        Value::Array(_) => None,
        Value::Object(fields) => {
            if fields.values().any(|v| v.is_object() || v.is_array()) {
                return None;
            }
            let parts: Vec<String> = fields
                .iter()
                .map(|(k, v)| {
                    if param.explode {
                        format!("{k}={}", text(v))
                    } else {
                        format!("{k},{}", text(v))
                    }
                })
                .collect();
            Some(parts.join(","))
        }
        primitive => Some(text(primitive)),
    }
}

/// RFC 3986's unreserved characters, the only ones a path parameter's value keeps as they are
/// (RFC 6570's rule for `{x}`, `{.x}` and `{;x}` expansions).
fn unreserved(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~')
}

/// `text` percent-encoded for a path: every byte outside the unreserved set, or outside what
/// may stand in a path as written (`keep`), as `%XX`.
fn encode(text: &str, keep: fn(u8) -> bool) -> String {
    let mut out = String::new();
    for &byte in text.as_bytes() {
        if keep(byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// What may stand in a path template's literal text as written.
fn path_literal(byte: u8) -> bool {
    unreserved(byte) || b"!$&'()*+,;=:@/%".contains(&byte)
}

/// The text a path parameter's value must be sent as, percent-encoded, by its style and
/// `explode` (the OpenAPI style table, RFC 6570's expansions): each value encoded, the style's
/// delimiters not. `None` where the rules leave it open (nested values).
pub fn path_text(param: &Param, value: &Value) -> Option<String> {
    let enc = |text: &str| encode(text, unreserved);
    if param.style == ParamStyle::Json {
        return Some(enc(&value.to_string()));
    }
    let nested = |v: &Value| v.is_object() || v.is_array();
    let name = enc(&param.wire_name);
    // The items, or keys and values, of the value; a scalar alone.
    let (items, fields): (Vec<String>, Vec<(String, String)>) = match value {
        Value::Array(items) if items.iter().any(nested) => return None,
        Value::Object(map) if map.values().any(nested) => return None,
        Value::Array(items) => (items.iter().map(|i| enc(&text(i))).collect(), Vec::new()),
        Value::Object(map) => (
            Vec::new(),
            map.iter().map(|(k, v)| (enc(k), enc(&text(v)))).collect(),
        ),
        scalar => {
            let one = enc(&text(scalar));
            return Some(match param.style {
                ParamStyle::Label => format!(".{one}"),
                ParamStyle::Matrix if one.is_empty() => format!(";{name}"),
                ParamStyle::Matrix => format!(";{name}={one}"),
                _ => one,
            });
        }
    };
    let joined = |within: &str, between: &str| {
        fields
            .iter()
            .map(|(k, v)| format!("{k}{within}{v}"))
            .collect::<Vec<_>>()
            .join(between)
    };
    let is_object = value.is_object();
    let unexploded = if is_object {
        joined(",", ",")
    } else {
        items.join(",")
    };
    Some(match (param.style, param.explode, is_object) {
        (ParamStyle::Label, true, false) => format!(".{}", items.join(".")),
        (ParamStyle::Label, true, true) => format!(".{}", joined("=", ".")),
        (ParamStyle::Label, false, _) => format!(".{unexploded}"),
        (ParamStyle::Matrix, true, false) => items.iter().map(|i| format!(";{name}={i}")).collect(),
        (ParamStyle::Matrix, true, true) => format!(";{}", joined("=", ";")),
        (ParamStyle::Matrix, false, _) => format!(";{name}={unexploded}"),
        (_, true, true) => joined("=", ","),
        _ => unexploded,
    })
}

/// Whether the raw (still percent-encoded) `path` ends with `template` filled in with
/// `values`, each already encoded as it must be sent.
fn path_matches(template: &str, path: &str, values: &BTreeMap<String, String>) -> bool {
    let mut expected = String::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        expected.push_str(&encode(&rest[..start], path_literal));
        let Some(end) = rest[start..].find('}') else {
            break;
        };
        let name = &rest[start + 1..start + end];
        match values.get(name) {
            Some(value) => expected.push_str(value),
            None => return true,
        }
        rest = &rest[start + end + 1..];
    }
    expected.push_str(&encode(rest, path_literal));
    path.ends_with(&expected)
}

/// Whether the request's path matches `template` (see [`path_matches`]) and its query holds
/// every fixed pair the template's own query carries (`/responses?beta=true`: a path key with
/// a query, whose fixed pairs the client sends as written, beside the operation's parameters).
fn target_matches(
    template: &str,
    path: &str,
    query: &[(String, String)],
    values: &BTreeMap<String, String>,
) -> bool {
    let (template, fixed) = template.split_once('?').unwrap_or((template, ""));
    path_matches(template, path, values) && pairs(fixed).iter().all(|pair| query.contains(pair))
}

/// Every way the recorded request breaks the serialization rules for the values sent.
pub fn check(plan: &Planned, request: &Recorded) -> Vec<String> {
    let mut problems = Vec::new();
    let (path, query) = request
        .target
        .split_once('?')
        .unwrap_or((request.target.as_str(), ""));
    let actual_query = pairs(query);
    let mut path_values = BTreeMap::new();
    for (param, value) in &plan.params {
        match param.location {
            ParamLocation::Query => {
                let Some(mut expected) = expected_query(param, value) else {
                    continue;
                };
                let names: Vec<&String> = expected.iter().map(|(n, _)| n).collect();
                let mut actual: Vec<(String, String)> = actual_query
                    .iter()
                    .filter(|(n, _)| names.contains(&n))
                    .cloned()
                    .collect();
                expected.sort();
                actual.sort();
                if !same_pairs(&expected, &actual) {
                    problems.push(format!(
                        "recorded: query parameter `{}` ({:?}, explode {}) sent as {actual:?}, expected {expected:?}",
                        param.wire_name, param.style, param.explode
                    ));
                } else if let Some(problem) = literal_commas(param, value, query) {
                    problems.push(problem);
                }
            }
            ParamLocation::Header => {
                let Some(expected) = simple(param, value) else {
                    continue;
                };
                let actual = request.header(&param.wire_name);
                if !actual.is_some_and(|actual| same_text(actual, &expected)) {
                    problems.push(format!(
                        "recorded: header parameter `{}` ({:?}) sent as {actual:?}, expected {expected:?}",
                        param.wire_name, param.style
                    ));
                }
            }
            ParamLocation::Cookie => {
                let expected = match (value, param.style) {
                    (_, ParamStyle::Json) => value.to_string(),
                    (Value::Array(items), _) if !param.explode => {
                        items.iter().map(text).collect::<Vec<_>>().join(",")
                    }
                    (Value::Array(_) | Value::Object(_), _) => continue,
                    (primitive, _) => text(primitive),
                };
                let actual: Vec<String> = request
                    .header("cookie")
                    .unwrap_or_default()
                    .split(';')
                    .filter_map(|c| c.trim().split_once('='))
                    .filter(|(n, _)| *n == param.wire_name)
                    .map(|(_, v)| decode(v, false))
                    .collect();
                if !matches!(actual.as_slice(), [one] if same_text(one, &expected)) {
                    problems.push(format!(
                        "recorded: cookie parameter `{}` sent as {actual:?}, expected {expected:?}",
                        param.wire_name
                    ));
                }
            }
            ParamLocation::Path => {
                if let Some(text) = path_text(param, value) {
                    path_values.insert(param.wire_name.clone(), text);
                }
            }
        }
    }
    if !target_matches(&plan.op.path, path, &actual_query, &path_values) {
        problems.push(format!(
            "recorded: path sent as `{path}`, expected `{}` with {path_values:?}",
            plan.op.path
        ));
    }
    if plan.op.body.is_some() && !plan.content_types.is_empty() {
        match request.header("content-type") {
            Some(sent)
                if !plan
                    .content_types
                    .iter()
                    .any(|key| media_matches(key, sent)) =>
            {
                problems.push(format!(
                    "recorded: the body was sent as `Content-Type: {sent}`, which no media type \
                     of the request body's `content` ({}) matches",
                    plan.content_types.join(", ")
                ));
            }
            None if !request.body.is_empty() => problems.push(format!(
                "recorded: the body was sent without a `Content-Type` (the request body's \
                 `content`: {})",
                plan.content_types.join(", ")
            )),
            _ => {}
        }
    }
    if let (Some(body), Some(Value::Object(fields))) = (&plan.op.body, &plan.body) {
        match &body.payload {
            BodyPayload::Form {
                fields: encodings, ..
            } => problems.extend(check_form(
                fields,
                encodings,
                &String::from_utf8_lossy(&request.body),
            )),
            BodyPayload::Multipart { .. } => problems.extend(check_multipart(fields, request)),
            _ => {}
        }
    }
    problems
}

/// A `form` array or object with `explode: false` joins its items with literal commas and
/// percent-encodes the commas inside them (OpenAPI's style table: `color=blue,black,brown`;
/// 3.1.1 Appendix C: split by the delimiter before percent-decoding), so a value is checked
/// before decoding: split on `,`, each piece decoded must be an item.
fn literal_commas(param: &Param, value: &Value, query: &str) -> Option<String> {
    // With `allowReserved` a comma inside an item is sent as it is, as the spec asks.
    if param.style != ParamStyle::Form || param.explode || param.allow_reserved {
        return None;
    }
    let items: Vec<String> = match value {
        Value::Array(items) => items.iter().map(text).collect(),
        Value::Object(map) => map.iter().flat_map(|(k, v)| [k.clone(), text(v)]).collect(),
        _ => return None,
    };
    if items.len() < 2 {
        return None;
    }
    let raw = query.split('&').find_map(|pair| {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        (decode(name, true) == param.wire_name).then_some(value)
    })?;
    let pieces: Vec<String> = raw.split(',').map(|p| decode(p, true)).collect();
    let same =
        pieces.len() == items.len() && pieces.iter().zip(&items).all(|(a, b)| same_text(a, b));
    (!same).then(|| {
        format!(
            "recorded: query parameter `{}` (Form, explode false) sent as `{raw}`: its items are \
             not joined by literal commas ({} piece(s) for {} items)",
            param.wire_name,
            pieces.len(),
            items.len()
        )
    })
}

/// Whether the `Content-Type` `sent` is one `key` of a `content` map stands for: the same
/// media type, or one its range covers (`*/*`, `text/*`, `application/*+json`), parameters
/// (`; charset=utf-8`, a multipart boundary) and case aside.
fn media_matches(key: &str, sent: &str) -> bool {
    let essence = |m: &str| {
        m.split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase()
    };
    let (key, sent) = (essence(key), essence(sent));
    let (Some((key_type, key_sub)), Some((sent_type, sent_sub))) =
        (key.split_once('/'), sent.split_once('/'))
    else {
        return key == sent;
    };
    (key_type == "*" || key_type == sent_type) && glob(key_sub, sent_sub)
}

/// Whether `text` matches `pattern`, where `*` stands for any run of characters.
fn glob(pattern: &str, text: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == text,
        Some((head, rest)) => {
            let Some(after) = text.strip_prefix(head) else {
                return false;
            };
            (0..=after.len())
                .filter(|&i| after.is_char_boundary(i))
                .any(|i| glob(rest, &after[i..]))
        }
    }
}

/// Form fields, as OpenAPI's Encoding Object says: those whose encoding names a style are
/// written as a query parameter of that style would be (`deepObject` with brackets); those
/// whose encoding `contentType` is JSON as JSON text; the others by the defaults, a scalar as
/// its text, an object as JSON text, an array as one pair per item written so. JSON is compared
/// as JSON (key order aside).
fn check_form(
    fields: &serde_json::Map<String, Value>,
    encodings: &[FormField],
    body: &str,
) -> Vec<String> {
    let actual = pairs(body);
    let mut problems = Vec::new();
    // A value as the default encoding writes it: JSON for objects and arrays, else text.
    let by_default = |value: &Value| {
        if value.is_object() || value.is_array() {
            canonical_json(value)
        } else {
            text(value)
        }
    };
    for (name, value) in fields {
        let encoding = encodings
            .iter()
            .find(|e| &e.field == name)
            .map(|e| e.encoding);
        let mut expected: Vec<(String, String)> = match (value, encoding) {
            (Value::Null, _) => continue,
            (_, Some(FormEncoding::Json)) => vec![(name.clone(), canonical_json(value))],
            (_, Some(FormEncoding::Style { style, explode, .. }))
                if style != ParamStyle::DeepObject =>
            {
                match expected_pairs(name, style, explode, value) {
                    Some(pairs) => pairs,
                    None => continue,
                }
            }
            (Value::Array(items), Some(FormEncoding::Style { .. })) => {
                if items.iter().any(|i| i.is_object() || i.is_array()) {
                    continue;
                }
                items
                    .iter()
                    .map(|i| (format!("{name}[]"), text(i)))
                    .collect()
            }
            (Value::Object(inner), Some(FormEncoding::Style { .. })) => {
                if inner.values().any(|v| v.is_object() || v.is_array()) {
                    continue;
                }
                inner
                    .iter()
                    .map(|(k, v)| (format!("{name}[{k}]"), text(v)))
                    .collect()
            }
            (Value::Array(items), _) => items
                .iter()
                .filter(|i| !i.is_null())
                .map(|i| (name.clone(), by_default(i)))
                .collect(),
            (one, _) => vec![(name.clone(), by_default(one))],
        };
        let names: Vec<String> = expected.iter().map(|(n, _)| n.clone()).collect();
        // What was sent, JSON read back as JSON where JSON is expected.
        let mut got: Vec<(String, String)> = actual
            .iter()
            .filter(|(n, _)| names.contains(n))
            .map(|(n, v)| {
                let json = expected.iter().any(|(en, ev)| {
                    en == n && (ev.starts_with('{') || ev.starts_with('[') || ev.starts_with('"'))
                });
                match serde_json::from_str::<Value>(v) {
                    Ok(parsed) if json => (n.clone(), canonical_json(&parsed)),
                    _ => (n.clone(), v.clone()),
                }
            })
            .collect();
        // A string field whose value is JSON text (Twilio's `Attributes`, `{ "topic": … }`)
        // compares as JSON too: what was sent was read back as JSON above.
        for (_, value) in &mut expected {
            if value.starts_with('{') || value.starts_with('[') {
                if let Ok(parsed) = serde_json::from_str::<Value>(value) {
                    *value = canonical_json(&parsed);
                }
            }
        }
        expected.sort();
        got.sort();
        if !same_pairs(&expected, &got) {
            problems.push(format!(
                "recorded: form field `{name}` sent as {got:?}, expected {expected:?}"
            ));
        }
    }
    problems
}

/// JSON text with every object's keys in order, so that two values compare as JSON.
fn canonical_json(value: &Value) -> String {
    fn sorted(value: &Value) -> Value {
        match value {
            Value::Object(map) => {
                let mut keys: Vec<&String> = map.keys().collect();
                keys.sort();
                Value::Object(
                    keys.into_iter()
                        .map(|k| (k.clone(), sorted(&map[k])))
                        .collect(),
                )
            }
            Value::Array(items) => Value::Array(items.iter().map(sorted).collect()),
            other => other.clone(),
        }
    }
    sorted(value).to_string()
}

/// `(name, content type, content)` of every part.
fn parts(request: &Recorded) -> Option<Vec<(String, Option<String>, String)>> {
    let content_type = request.header("content-type")?;
    let boundary = content_type.split("boundary=").nth(1)?.trim_matches('"');
    let body = String::from_utf8_lossy(&request.body).into_owned();
    let delimiter = format!("--{boundary}");
    let mut out = Vec::new();
    for chunk in body.split(&delimiter).skip(1) {
        if chunk.starts_with("--") {
            break;
        }
        let chunk = chunk.strip_prefix("\r\n").unwrap_or(chunk);
        let (head, content) = chunk.split_once("\r\n\r\n")?;
        let content = content.strip_suffix("\r\n").unwrap_or(content);
        let mut name = None;
        let mut part_type = None;
        for line in head.split("\r\n") {
            let lower = line.to_ascii_lowercase();
            if lower.starts_with("content-disposition:") {
                name = line
                    .split("name=\"")
                    .nth(1)
                    .and_then(|n| n.split('"').next())
                    .map(str::to_owned);
            } else if let Some(value) = lower.strip_prefix("content-type:") {
                part_type = Some(value.trim().to_owned());
            }
        }
        out.push((name?, part_type, content.to_owned()));
    }
    Some(out)
}

fn check_multipart(fields: &serde_json::Map<String, Value>, request: &Recorded) -> Vec<String> {
    let Some(actual) = parts(request) else {
        return vec!["recorded: the multipart body could not be parsed".to_owned()];
    };
    let mut problems = Vec::new();
    for (name, value) in fields {
        let got: Vec<&(String, Option<String>, String)> =
            actual.iter().filter(|(n, _, _)| n == name).collect();
        let ok = match value {
            Value::Null => continue,
            Value::Array(items) if items.iter().all(|i| !i.is_object() && !i.is_array()) => {
                let mut expected: Vec<String> = items.iter().map(text).collect();
                let mut sent: Vec<String> = got.iter().map(|(_, _, c)| c.clone()).collect();
                expected.sort();
                sent.sort();
                expected.len() == sent.len()
                    && expected.iter().zip(&sent).all(|(e, s)| same_text(e, s))
            }
            Value::Array(_) => continue,
            Value::Object(_) => {
                got.len() == 1
                    && got[0].1.as_deref().is_some_and(|t| t.contains("json"))
                    && serde_json::from_str::<Value>(&got[0].2).ok().as_ref() == Some(value)
            }
            // `0` and `0.0` are one number (a float written by the client as `0`).
            primitive => got.len() == 1 && same_text(&got[0].2, &text(primitive)),
        };
        if !ok {
            let sent: Vec<String> = got
                .iter()
                .map(|(_, t, c)| format!("{c:?} ({})", t.as_deref().unwrap_or("no type")))
                .collect();
            problems.push(format!(
                "recorded: multipart field `{name}` sent as parts {sent:?}, expected {value}"
            ));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_type_ranges_cover_concrete_types() {
        assert!(media_matches(
            "application/json",
            "application/json; charset=utf-8"
        ));
        assert!(media_matches("Application/JSON", "application/json"));
        assert!(media_matches(
            "application/*+json",
            "application/merge-patch+json"
        ));
        assert!(media_matches("*/*", "application/octet-stream"));
        assert!(media_matches("text/*", "text/plain"));
        assert!(media_matches(
            "multipart/form-data",
            "multipart/form-data; boundary=x"
        ));
        assert!(!media_matches(
            "application/*+json",
            "application/octet-stream"
        ));
        assert!(!media_matches("application/json", "text/json"));
        assert!(!media_matches("text/*", "application/json"));
    }

    /// Together's `temperature: 0.0` goes out as the part `0`: one number, not a mismatch.
    #[test]
    fn multipart_numbers_compare_as_numbers() {
        let body = "--b\r\nContent-Disposition: form-data; name=\"temperature\"\r\n\r\n0\r\n--b\r\nContent-Disposition: form-data; name=\"ids\"\r\n\r\n2\r\n--b\r\nContent-Disposition: form-data; name=\"ids\"\r\n\r\n1.5\r\n--b--\r\n";
        let request = Recorded {
            target: "/".into(),
            headers: vec![(
                "content-type".to_owned(),
                "multipart/form-data; boundary=b".to_owned(),
            )],
            body: body.as_bytes().to_vec(),
        };
        let fields = |value: Value| value.as_object().cloned().unwrap();
        let same = fields(serde_json::json!({"temperature": 0.0, "ids": [1.5, 2.0]}));
        assert_eq!(check_multipart(&same, &request), Vec::<String>::new());
        let other = fields(serde_json::json!({"temperature": 0.5, "ids": [1.5, 3]}));
        assert_eq!(check_multipart(&other, &request).len(), 2);
    }

    #[test]
    fn the_body_content_type_must_be_one_the_spec_lists() {
        // vocadb.net.json: a JSON body offered as `application/*+json` first went out as
        // `application/octet-stream`.
        let text = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /comments:\n    post:\n      operationId: postComment\n      requestBody:\n        content:\n          application/*+json: {schema: {type: object}}\n          text/json: {schema: {type: object}}\n      responses: {'204': {description: ok}}\n";
        let spec = opengen::load::parse(std::path::Path::new("t.yaml"), text.as_bytes()).unwrap();
        let api = opengen::lower::lower(&spec, &opengen::Config::default()).unwrap();
        let op = api.operations[0].clone();
        let plan = Planned {
            method: op.method_name.clone(),
            call: op.method_name.clone(),
            route: "POST /comments".to_owned(),
            skipped: None,
            one_of: false,
            op,
            params: Vec::new(),
            body: Some(serde_json::json!({})),
            content_types: vec!["application/*+json".into(), "text/json".into()],
            fallbacks: Vec::new(),
        };
        let request = |content_type: Option<&str>| Recorded {
            target: "/comments".into(),
            headers: content_type
                .map(|t| vec![("content-type".to_owned(), t.to_owned())])
                .unwrap_or_default(),
            body: b"{}".to_vec(),
        };
        assert_eq!(
            check(
                &plan,
                &request(Some("application/vnd.x+json; charset=utf-8"))
            ),
            Vec::<String>::new()
        );
        let problems = check(&plan, &request(Some("application/octet-stream")));
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].contains("`Content-Type: application/octet-stream`"),
            "{problems:?}"
        );
        assert_eq!(check(&plan, &request(None)).len(), 1);
    }

    #[test]
    fn unexploded_form_items_are_joined_by_literal_commas() {
        let param = Param {
            name: "tags".into(),
            wire_name: "tags".into(),
            location: ParamLocation::Query,
            required: true,
            ty: opengen::ir::TypeRef::Any,
            docs: None,
            style: ParamStyle::Form,
            explode: false,
            allow_reserved: false,
            in_struct: false,
        };
        let value = serde_json::json!(["a,b", "c"]);
        assert_eq!(literal_commas(&param, &value, "tags=a%2Cb,c&x=1"), None);
        assert!(literal_commas(&param, &value, "tags=a%2Cb%2Cc").is_some());
    }

    #[test]
    fn decodes_percent_and_plus() {
        assert_eq!(decode("a%20b+c%7C", true), "a b c|");
        assert_eq!(decode("a+b", false), "a+b");
    }

    #[test]
    fn form_fields_are_judged_by_the_encoding_object() {
        let fields = serde_json::json!({
            "id": "f81d",
            "address": {"city": "Somewhere", "zip": "99999+1234"},
            "tags": ["a", "b"],
            "expand": ["x"],
            "label": "a b",
        });
        let serde_json::Value::Object(fields) = fields else {
            unreachable!()
        };
        let encodings = [
            FormField {
                field: "expand".into(),
                encoding: FormEncoding::Style {
                    style: ParamStyle::DeepObject,
                    explode: true,
                    allow_reserved: false,
                },
            },
            FormField {
                field: "label".into(),
                encoding: FormEncoding::Json,
            },
        ];
        // OpenAPI 3.0.4's example: an object is JSON text; key order does not matter.
        let right = "id=f81d&address=%7B%22zip%22%3A%2299999%2B1234%22%2C%22city%22%3A%22Somewhere%22%7D\
                     &tags=a&tags=b&expand%5B%5D=x&label=%22a%20b%22";
        assert_eq!(check_form(&fields, &encodings, right), Vec::<String>::new());
        // Brackets for an object without an encoding, and a JSON field sent as plain text.
        let wrong = "id=f81d&address%5Bcity%5D=Somewhere&address%5Bzip%5D=99999%2B1234\
                     &tags=a&tags=b&expand%5B%5D=x&label=a%20b";
        let problems = check_form(&fields, &encodings, wrong);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].contains("`address`"), "{problems:?}");
        assert!(problems[1].contains("`label`"), "{problems:?}");
    }

    #[test]
    fn a_string_field_holding_json_text_compares_as_json() {
        // Twilio's `Attributes`: a string whose value is JSON text, sent as it was given.
        let fields = serde_json::json!({"attributes": "{ \"topic\": \"feedback\" }"});
        let serde_json::Value::Object(fields) = fields else {
            unreachable!()
        };
        let sent = "attributes=%7B%20%22topic%22%3A%20%22feedback%22%20%7D";
        assert_eq!(check_form(&fields, &[], sent), Vec::<String>::new());
        let other = "attributes=%7B%22topic%22%3A%22other%22%7D";
        assert_eq!(check_form(&fields, &[], other).len(), 1);
    }

    #[test]
    fn a_number_is_the_same_whatever_its_text() {
        assert!(same_text("1", "1.0"));
        assert!(same_text("1,2.5|x", "1.0,2.50|x"));
        assert!(!same_text("1,2", "1|2"));
        assert!(!same_text("1", "1.5"));
        assert!(!same_text("a", "b"));
        assert!(same_text(
            "2020-09-30T07:43:32.000Z",
            "2020-09-30T07:43:32Z"
        ));
        assert!(same_text(
            "2020-09-30T07:43:32Z,x",
            "2020-09-30T09:43:32+02:00,x"
        ));
        assert!(!same_text(
            "2020-09-30T07:43:32.001Z",
            "2020-09-30T07:43:32Z"
        ));
        assert!(!same_text("NaN", "NaN.0"));
    }

    #[test]
    fn delimited_styles_join_unless_exploded() {
        let mut param = Param {
            name: "ids".into(),
            wire_name: "ids".into(),
            location: ParamLocation::Query,
            required: true,
            ty: opengen::ir::TypeRef::Any,
            docs: None,
            style: ParamStyle::PipeDelimited,
            explode: false,
            allow_reserved: false,
            in_struct: false,
        };
        let value = serde_json::json!([1, 2]);
        assert_eq!(
            expected_query(&param, &value),
            Some(vec![("ids".into(), "1|2".into())])
        );
        param.explode = true;
        assert_eq!(
            expected_query(&param, &value),
            Some(vec![("ids".into(), "1".into()), ("ids".into(), "2".into())])
        );
    }

    #[test]
    fn path_styles_follow_the_openapi_style_table() {
        // OpenAPI 3.0.4's "Style Examples", for `color`.
        let mut param = Param {
            name: "color".into(),
            wire_name: "color".into(),
            location: ParamLocation::Path,
            required: true,
            ty: opengen::ir::TypeRef::Any,
            docs: None,
            style: ParamStyle::Simple,
            explode: false,
            allow_reserved: false,
            in_struct: false,
        };
        let values = [
            serde_json::json!("blue"),
            serde_json::json!(["blue", "black", "brown"]),
            serde_json::json!({"R": 100, "G": 200, "B": 150}),
        ];
        let rows = [
            (
                ParamStyle::Simple,
                false,
                ["blue", "blue,black,brown", "R,100,G,200,B,150"],
            ),
            (
                ParamStyle::Simple,
                true,
                ["blue", "blue,black,brown", "R=100,G=200,B=150"],
            ),
            (
                ParamStyle::Label,
                false,
                [".blue", ".blue,black,brown", ".R,100,G,200,B,150"],
            ),
            (
                ParamStyle::Label,
                true,
                [".blue", ".blue.black.brown", ".R=100.G=200.B=150"],
            ),
            (
                ParamStyle::Matrix,
                false,
                [
                    ";color=blue",
                    ";color=blue,black,brown",
                    ";color=R,100,G,200,B,150",
                ],
            ),
            (
                ParamStyle::Matrix,
                true,
                [
                    ";color=blue",
                    ";color=blue;color=black;color=brown",
                    ";R=100;G=200;B=150",
                ],
            ),
        ];
        for (style, explode, expected) in rows {
            param.style = style;
            param.explode = explode;
            for (value, expected) in values.iter().zip(expected) {
                assert_eq!(
                    path_text(&param, value).as_deref(),
                    Some(expected),
                    "{style:?}"
                );
            }
        }
        param.style = ParamStyle::Simple;
        assert_eq!(
            path_text(&param, &serde_json::json!(["a,b", "c d"])).as_deref(),
            Some("a%2Cb,c%20d")
        );
    }

    #[test]
    fn a_path_matches_only_with_its_values_encoded_as_sent() {
        let values = BTreeMap::from([("id".to_owned(), "a%2Cb,c".to_owned())]);
        assert!(path_matches("/x/{id}/y", "/v1/x/a%2Cb,c/y", &values));
        assert!(!path_matches("/x/{id}/y", "/v1/x/a%2Cb%2Cc/y", &values));
        assert!(!path_matches("/x/{id}/y", "/v1/x/a,b,c/y", &values));
    }

    #[test]
    fn a_templates_fixed_query_pairs_must_be_sent() {
        let values = BTreeMap::from([("id".to_owned(), "r1".to_owned())]);
        let sent = |q: &str| pairs(q);
        let template = "/responses/{id}?beta=true";
        assert!(target_matches(
            template,
            "/v1/responses/r1",
            &sent("beta=true&x=1"),
            &values
        ));
        assert!(!target_matches(
            template,
            "/v1/responses/r1",
            &sent("x=1"),
            &values
        ));
        assert!(!target_matches(
            template,
            "/v1/responses/r1",
            &sent("beta=false"),
            &values
        ));
        assert!(!target_matches(
            template,
            "/v1/responses/r2",
            &sent("beta=true"),
            &values
        ));
        assert!(target_matches(
            "/responses/{id}",
            "/responses/r1",
            &[],
            &values
        ));
    }
}
