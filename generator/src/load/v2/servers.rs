//! `host`, `basePath` and `schemes` → `servers`.

use serde_json::{Map, Value, json};

use super::converter::strings;

/// `host`, `basePath` and `schemes` → the `servers` list.
pub(super) fn servers(root: &Map<String, Value>) -> Vec<Value> {
    let base_path = root
        .get("basePath")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .trim_end_matches('/');
    // `basePath` must start with `/`; some documents leave it out.
    let base_path = match base_path {
        "" => String::new(),
        path if path.starts_with('/') => path.to_owned(),
        path => format!("/{path}"),
    };
    let Some(host) = root.get("host").and_then(Value::as_str) else {
        if base_path.is_empty() {
            return Vec::new();
        }
        return vec![json!({ "url": base_path })];
    };
    let mut listed = strings(root.get("schemes")).unwrap_or_default();
    // `host` is a name and port only; some documents write a scheme (and a path) into it.
    let host = match host.split_once("://") {
        Some((scheme, rest)) => {
            if listed.is_empty() {
                listed.push(scheme.to_owned());
            }
            rest
        }
        None => host,
    };
    let host = host.trim_end_matches('/');
    let mut schemes: Vec<&str> = ["https", "http", "wss", "ws"]
        .into_iter()
        .filter(|s| listed.iter().any(|l| l.eq_ignore_ascii_case(s)))
        .collect();
    if schemes.is_empty() {
        schemes.push("https");
    }
    schemes
        .into_iter()
        .map(|scheme| json!({ "url": format!("{scheme}://{host}{base_path}") }))
        .collect()
}
