//! One file's bytes to a plain JSON value: YAML through `serde_yaml`, JSON through
//! `serde_json` (much faster on large files), with errors that carry line and column.

use std::path::Path;

use serde_json::{Map, Value};

use crate::error::{Error, Result};

/// Parses one file's bytes as YAML or JSON into a plain value.
pub(super) fn parse_value(path: &Path, bytes: &[u8]) -> Result<Value> {
    let text = std::str::from_utf8(bytes)
        .map_err(|e| Error::msg(format!("the spec is not valid UTF-8: {e}")))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let json_name = path
        .extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("json"));
    if json_name {
        parse_json(text)
    } else if text.trim_start().starts_with('{') {
        // JSON, or a YAML flow mapping (`{type: string}`), which JSON refuses.
        parse_json(text).or_else(|json_error| parse_yaml(text).map_err(|_| json_error))
    } else {
        parse_yaml(text)
    }
}

pub(super) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn parse_json(text: &str) -> Result<Value> {
    serde_json::from_str(text).map_err(|e| {
        let mut error = Error::msg(format!("JSON syntax error: {e}"));
        if e.line() > 0 {
            error.location = Some((e.line(), e.column()));
        }
        error
    })
}

pub(super) fn parse_yaml(text: &str) -> Result<Value> {
    serde_yaml::from_str::<YamlAsJson>(text)
        .map(|v| v.0)
        .map_err(|e| {
            let mut error = Error::msg(format!("YAML syntax error: {e}"));
            error.location = e.location().map(|l| (l.line(), l.column()));
            error
        })
}

/// JSON data read straight from YAML, more leniently than `serde_json::Value` would: integers
/// beyond 64 bits become floats (`serde_yaml::Value` refuses them), non-string mapping keys
/// (`200:` for a status code) become strings, tags are dropped, and non-finite floats become
/// strings. Aliases are resolved by the YAML parser, and merge keys (`<<: *base`) merge the
/// mappings they name.
struct YamlAsJson(Value);

/// The YAML 1.1 merge key, which most YAML readers (and the OpenAPI tools built on them) apply
/// although YAML 1.2 dropped it: hand-written specs share schema fragments with `<<: *base`.
const MERGE_KEY: &str = "<<";

/// The mappings a merge key's value names: one mapping, or a list of them.
fn merge_sources(value: Value, merged: &mut Vec<Map<String, Value>>) -> Result<(), &'static str> {
    const NOT_A_MAPPING: &str =
        "a merge key (`<<`) must name a mapping or a list of mappings (`<<: *base`)";
    match value {
        Value::Object(map) => merged.push(map),
        Value::Array(items) => {
            for item in items {
                let Value::Object(map) = item else {
                    return Err(NOT_A_MAPPING);
                };
                merged.push(map);
            }
        }
        _ => return Err(NOT_A_MAPPING),
    }
    Ok(())
}

/// A mapping with merge keys as YAML readers build it: the merged entries first, of a list the
/// earlier mapping's winning, then the mapping's own entries, which replace merged ones in
/// place.
fn with_merged(merged: Vec<Map<String, Value>>, own: Map<String, Value>) -> Map<String, Value> {
    let mut map = Map::new();
    for source in merged {
        for (key, value) in source {
            map.entry(key).or_insert(value);
        }
    }
    for (key, value) in own {
        map.insert(key, value);
    }
    map
}

impl<'de> serde::Deserialize<'de> for YamlAsJson {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(JsonVisitor).map(YamlAsJson)
    }
}

struct JsonVisitor;

fn float(f: f64) -> Value {
    serde_json::Number::from_f64(f).map_or_else(|| Value::String(f.to_string()), Value::Number)
}

impl<'de> serde::de::Visitor<'de> for JsonVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    #[allow(clippy::cast_precision_loss)] // beyond 64 bits a float is the best JSON can do
    fn visit_i128<E>(self, v: i128) -> Result<Value, E> {
        Ok(float(v as f64))
    }
    #[allow(clippy::cast_precision_loss)]
    fn visit_u128<E>(self, v: u128) -> Result<Value, E> {
        Ok(float(v as f64))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(YamlAsJson(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let mut map = Map::new();
        // The mappings merge keys name, in the order they are named.
        let mut merged: Vec<Map<String, Value>> = Vec::new();
        while let Some((YamlAsJson(key), YamlAsJson(value))) = access.next_entry()? {
            let key = match key {
                Value::String(s) => s,
                Value::Null => "null".to_owned(),
                Value::Bool(_) | Value::Number(_) => key.to_string(),
                Value::Array(_) | Value::Object(_) => {
                    return Err(serde::de::Error::custom("a mapping key must be a scalar"));
                }
            };
            if key == MERGE_KEY {
                merge_sources(value, &mut merged).map_err(serde::de::Error::custom)?;
            } else {
                map.insert(key, value);
            }
        }
        if merged.is_empty() {
            return Ok(Value::Object(map));
        }
        Ok(Value::Object(with_merged(merged, map)))
    }
    fn visit_enum<A: serde::de::EnumAccess<'de>>(self, data: A) -> Result<Value, A::Error> {
        use serde::de::VariantAccess;
        let (_tag, variant): (String, _) = data.variant()?;
        variant.newtype_variant::<YamlAsJson>().map(|v| v.0)
    }
}
