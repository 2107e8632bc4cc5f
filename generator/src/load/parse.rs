//! One file's bytes to a plain JSON value: YAML through `serde_yaml`, JSON through
//! `serde_json` (much faster on large files), with errors that carry line and column, and the
//! keys a mapping repeats (which both readers would otherwise drop without a word).

use std::cell::RefCell;
use std::path::Path;

use serde::de::DeserializeSeed;
use serde_json::{Map, Value};

use crate::error::{Error, Result};

/// One file read into a plain value, with the keys written twice in one mapping.
#[derive(Debug)]
pub(super) struct Parsed {
    /// The file's data.
    pub(super) value: Value,
    /// The JSON pointer of each key a mapping repeats; its last value is the one kept, as JSON
    /// readers keep it (YAML forbids the repeat).
    pub(super) duplicates: Vec<String>,
    /// How the bytes were read when they were not UTF-8 (see [`decode`]), for a warning.
    pub(super) decoded: Option<String>,
}

/// Parses one file's bytes as YAML or JSON into a plain value.
pub(super) fn parse_value(path: &Path, bytes: &[u8]) -> Result<Parsed> {
    let (text, decoded) = decode(bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let json_name = path
        .extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("json"));
    let mut parsed = if json_name {
        parse_json(text)
    } else if text.trim_start().starts_with('{') {
        // JSON, or a YAML flow mapping (`{type: string}`), which JSON refuses.
        parse_json(text).or_else(|json_error| parse_yaml_file(text).map_err(|_| json_error))
    } else {
        parse_yaml_file(text)
    }?;
    parsed.decoded = decoded;
    Ok(parsed)
}

/// The text of a file's bytes: UTF-8 as it is; UTF-16 after its byte order mark (YAML allows
/// it); anything else is read as Windows-1252 (Latin-1 with the letters Windows adds), what a
/// spec saved by a Windows editor most often is (`Cuántos artículos`), since every byte has a
/// character there. Beside the text, how it was read when that was not UTF-8, naming the first
/// byte that is not (a warning: a letter may have been read as another).
fn decode(bytes: &[u8]) -> (std::borrow::Cow<'_, str>, Option<String>) {
    let error = match std::str::from_utf8(bytes) {
        Ok(text) => return (text.into(), None),
        Err(error) => error,
    };
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes)
        && encoding != encoding_rs::UTF_8
    {
        let (text, malformed) =
            encoding.decode_without_bom_handling(bytes.get(bom..).unwrap_or(&[]));
        let note = malformed.then(|| {
            format!(
                "the spec is {} (it starts with that byte order mark) with bytes that are not; \
                 they are read as U+FFFD",
                encoding.name()
            )
        });
        return (text.into_owned().into(), note);
    }
    let at = error.valid_up_to();
    // The bytes before the first that is not UTF-8 are UTF-8.
    let before = std::str::from_utf8(bytes.get(..at).unwrap_or_default()).unwrap_or_default();
    let (line, column) = crate::error::line_column(before, at);
    let byte = bytes.get(at).copied().unwrap_or_default();
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
    let note = format!(
        "the spec is not UTF-8 (byte 0x{byte:02X} at line {line}, column {column}); it is read as \
         Windows-1252, the encoding of most such files: check the text's accented letters, and \
         save it as UTF-8"
    );
    (text.into_owned().into(), Some(note))
}

/// The warnings of reading a file: how it was decoded when it was not UTF-8, and each key
/// written twice, their pointers prefixed by `file` (`models.yaml`) when that is not the root
/// document.
pub(super) fn parse_warnings<'p>(
    parsed: &'p Parsed,
    file: Option<&'p str>,
) -> impl Iterator<Item = crate::ir::Warning> + 'p {
    let prefix = file.unwrap_or_default();
    let decoded = parsed
        .decoded
        .iter()
        .map(move |message| crate::ir::Warning {
            pointer: format!("{prefix}#"),
            message: message.clone(),
        });
    decoded.chain(parsed.duplicates.iter().map(move |pointer| {
        crate::ir::Warning {
            pointer: format!("{prefix}{pointer}"),
            message:
                "this key is written more than once in its mapping; the last value is kept and \
                  the earlier ones are lost (YAML forbids a repeated key, and most tools refuse \
                  it)"
                .to_owned(),
        }
    }))
}

pub(super) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn parse_json(text: &str) -> Result<Parsed> {
    let context = Context::new(false);
    let mut deserializer = serde_json::Deserializer::from_str(text);
    Seed(&context)
        .deserialize(&mut deserializer)
        .and_then(|value| deserializer.end().map(|()| value))
        .map(|value| context.parsed(value))
        .map_err(|e| {
            let mut error = Error::msg(format!("JSON syntax error: {e}"));
            if e.line() > 0 {
                error.location = Some((e.line(), e.column()));
            }
            error
        })
}

/// Parses YAML text into a plain value.
#[cfg(test)]
pub(super) fn parse_yaml(text: &str) -> Result<Value> {
    parse_yaml_file(text).map(|parsed| parsed.value)
}

fn parse_yaml_file(text: &str) -> Result<Parsed> {
    let context = Context::new(true);
    Seed(&context)
        .deserialize(serde_yaml::Deserializer::from_str(text))
        .map(|value| context.parsed(value))
        .map_err(|e| {
            let mut error = Error::msg(format!("YAML syntax error: {e}"));
            error.location = e.location().map(|l| (l.line(), l.column()));
            error
        })
}

/// Where the reader is in the file (the keys and indices above the value being read), and the
/// repeated keys found so far.
struct Context {
    /// YAML: merge keys (`<<`) merge; in JSON `<<` is a key like any other.
    yaml: bool,
    path: RefCell<Vec<Segment>>,
    duplicates: RefCell<Vec<String>>,
}

enum Segment {
    Key(String),
    Index(usize),
}

impl Context {
    fn new(yaml: bool) -> Self {
        Context {
            yaml,
            path: RefCell::new(Vec::new()),
            duplicates: RefCell::new(Vec::new()),
        }
    }

    fn parsed(self, value: Value) -> Parsed {
        Parsed {
            value,
            duplicates: self.duplicates.into_inner(),
            decoded: None,
        }
    }

    /// Notes that the mapping being read repeats `key`.
    fn repeated(&self, key: &str) {
        let mut pointer = String::from("#");
        for segment in self.path.borrow().iter() {
            pointer = match segment {
                Segment::Key(key) => crate::error::join(&pointer, key),
                Segment::Index(i) => crate::error::join(&pointer, &i.to_string()),
            };
        }
        self.duplicates
            .borrow_mut()
            .push(crate::error::join(&pointer, key));
    }
}

/// Reads JSON data straight from YAML (or JSON), more leniently than `serde_json::Value` would:
/// integers beyond 64 bits become floats (`serde_yaml::Value` refuses them), non-string mapping
/// keys (`200:` for a status code) become strings, tags are dropped, and non-finite floats
/// become strings. Aliases are resolved by the YAML parser, and merge keys (`<<: *base`) merge
/// the mappings they name. A key a mapping repeats is noted in the [`Context`].
struct Seed<'c>(&'c Context);

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

impl<'de> DeserializeSeed<'de> for Seed<'_> {
    type Value = Value;

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(JsonVisitor(self.0))
    }
}

struct JsonVisitor<'c>(&'c Context);

fn float(f: f64) -> Value {
    serde_json::Number::from_f64(f).map_or_else(|| Value::String(f.to_string()), Value::Number)
}

impl<'de> serde::de::Visitor<'de> for JsonVisitor<'_> {
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
        loop {
            self.0.path.borrow_mut().push(Segment::Index(items.len()));
            let item = seq.next_element_seed(Seed(self.0))?;
            self.0.path.borrow_mut().pop();
            match item {
                Some(item) => items.push(item),
                None => break,
            }
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let mut map = Map::new();
        // The mappings merge keys name, in the order they are named.
        let mut merged: Vec<Map<String, Value>> = Vec::new();
        while let Some(key) = access.next_key_seed(Seed(self.0))? {
            let key = match key {
                Value::String(s) => s,
                Value::Null => "null".to_owned(),
                Value::Bool(_) | Value::Number(_) => key.to_string(),
                Value::Array(_) | Value::Object(_) => {
                    return Err(serde::de::Error::custom("a mapping key must be a scalar"));
                }
            };
            // The key is on the path while its value is read, and taken back after.
            self.0.path.borrow_mut().push(Segment::Key(key));
            let value = access.next_value_seed(Seed(self.0))?;
            let Some(Segment::Key(key)) = self.0.path.borrow_mut().pop() else {
                return Err(serde::de::Error::custom("the reader lost its place"));
            };
            if self.0.yaml && key == MERGE_KEY {
                merge_sources(value, &mut merged).map_err(serde::de::Error::custom)?;
            } else {
                if map.contains_key(&key) {
                    self.0.repeated(&key);
                }
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
        variant.newtype_variant_seed(Seed(self.0))
    }
}
