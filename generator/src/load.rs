//! Stage 1: read a spec (one file, or a root file and the files its `$ref`s name), parse YAML or
//! JSON, check the version, bring Swagger 2.0 and OpenAPI 3.1 to the OpenAPI 3.0 model, and
//! deserialize it.
//!
//! Each document is first parsed into a plain `serde_json::Value` (YAML through `serde_yaml`,
//! JSON through `serde_json`, which is much faster on large files). The version is checked on
//! that value, before `openapiv3` sees it, because `openapiv3` silently accepts some 3.1
//! documents. The steps, in order:
//! 1. parse the root file and check its version ([`Version`]);
//! 2. `bundle`: resolve `$ref`s to other local files into the one document (only [`load`],
//!    which reads from disk; [`parse`] is in memory and reads nothing else);
//! 3. `v2` converts a Swagger 2.0 document to OpenAPI 3.0, `v31` normalises an OpenAPI 3.1
//!    document to what the 3.0 model expresses;
//! 4. the 3.0 steps: depth limit, real-world quirks, sub-node `$ref`s hoisted, the shallow
//!    per-operation check, and `openapiv3`.
//!
//! Steps 2 and 3 move nodes; each records where they came from ([`Origins`]), so an error or
//! warning found later names the node (and file) the user wrote.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

mod bundle;
mod confined;
mod origins;
mod pointers;
mod shallow;
mod v2;
mod v31;

pub use origins::{Origin, Origins};
#[doc(hidden)]
pub use v2::convert_swagger2;

/// The version a document was written in. Every version leaves `load` as the OpenAPI 3.0 model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    /// Swagger 2.0 (`swagger: "2.0"`), converted to OpenAPI 3.0.
    Swagger2,
    /// OpenAPI 3.0.x, read as it is.
    OpenApi30,
    /// OpenAPI 3.1.x, normalised to what OpenAPI 3.0 expresses.
    OpenApi31,
}

/// A parsed OpenAPI document, in the OpenAPI 3.0 model, and where it came from.
#[derive(Debug, Clone)]
pub struct Spec {
    /// The root file it was read from, as given.
    pub path: PathBuf,
    /// Lowercase hex SHA-256 of the root file's bytes; for a document spread over several
    /// files, of every file's relative path and bytes, so a change to any of them shows.
    pub sha256: String,
    /// The version the document was written in.
    pub version: Version,
    /// Every file read, the root first.
    pub files: Vec<PathBuf>,
    /// The typed document.
    pub document: openapiv3::OpenAPI,
    /// Nodes left out (operations that do not have the shape OpenAPI requires, webhooks, …),
    /// at their pointer in the loaded document; [`Origins::relocate_warning`] names the node the
    /// user wrote.
    pub warnings: Vec<crate::ir::Warning>,
    /// Where each node of `document` came from in the files read.
    pub origins: Origins,
}

impl Spec {
    /// The folder of the root file, which the relative paths in [`Origins`] start from.
    pub fn root_dir(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new(""))
    }
}

/// Reads and parses the spec at `path`, and every local file its `$ref`s name.
pub fn load(path: &Path) -> Result<Spec> {
    let bytes = std::fs::read(path)
        .map_err(|e| Error::msg(format!("cannot read the spec: {e}")).in_file(path))?;
    let value = parse_value(path, &bytes).map_err(|e| e.in_file(path))?;
    let version = check_version(&value).map_err(|e| e.in_file(path))?;
    let bundled = bundle::bundle(path, &bytes, value, version)?;
    let mut origins = Origins::default();
    origins.push(bundled.layer);
    finish(
        path,
        bundled.value,
        version,
        bundled.sha256,
        bundled.files,
        origins,
    )
    .map_err(|e| e.in_file(path))
}

/// Parses spec bytes in memory; `path` names the source in errors and chooses JSON for `.json`
/// files. Nothing else is read: a `$ref` to another file is left for `lower` to report.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Spec> {
    let value = parse_value(path, bytes)?;
    let version = check_version(&value)?;
    finish(
        path,
        value,
        version,
        hex(&Sha256::digest(bytes)),
        vec![path.to_path_buf()],
        Origins::default(),
    )
}

/// Parses one file's bytes as YAML or JSON into a plain value.
fn parse_value(path: &Path, bytes: &[u8]) -> Result<Value> {
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

/// Steps 3 and 4 on a (bundled) document of `version`.
fn finish(
    path: &Path,
    mut value: Value,
    version: Version,
    sha256: String,
    files: Vec<PathBuf>,
    mut origins: Origins,
) -> Result<Spec> {
    let root_dir = path.parent().unwrap_or(Path::new(""));
    check_depth(&value).map_err(|e| origins.relocate(e, root_dir))?;
    let mut warnings = Vec::new();
    let converted = match version {
        Version::Swagger2 => v2::convert(&mut value, &mut warnings),
        Version::OpenApi31 => v31::normalise(&mut value, &mut warnings),
        Version::OpenApi30 => Ok(origins::Layer::new()),
    };
    origins.push(converted.map_err(|e| origins.relocate(e, root_dir))?);
    let document = read_3_0(value, &mut warnings)
        .map_err(|e| origins.relocate(name_the_version(e, version), root_dir))?;
    Ok(Spec {
        path: path.to_path_buf(),
        sha256,
        version,
        files,
        document,
        warnings,
        origins,
    })
}

/// A structural error found in the converted document speaks of the version the user wrote.
fn name_the_version(mut error: Error, version: Version) -> Error {
    let written = match version {
        Version::Swagger2 => "Swagger 2.0",
        Version::OpenApi31 => "OpenAPI 3.1",
        Version::OpenApi30 => return error,
    };
    if let Some(rest) = error.message.strip_prefix(NOT_VALID) {
        error.message = format!("not a valid {written} document (read as OpenAPI 3.0):{rest}");
    }
    error
}

const NOT_VALID: &str = "not a valid OpenAPI 3.0 document:";

/// Step 4: the OpenAPI 3.0 value to the typed document.
fn read_3_0(
    mut value: Value,
    warnings: &mut Vec<crate::ir::Warning>,
) -> Result<openapiv3::OpenAPI> {
    smooth_quirks(&mut value);
    mark_missing_server_defaults(&mut value);
    pointers::hoist(&mut value);
    warnings.extend(confined::check_document(&mut value)?);
    serde_path_to_error::deserialize::<_, openapiv3::OpenAPI>(value)
        .map_err(|e| structural_error("#", &e))
}

fn hex(bytes: &[u8]) -> String {
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

fn parse_yaml(text: &str) -> Result<Value> {
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
/// strings. Aliases are resolved by the YAML parser; merge keys (`<<`) are kept as plain keys.
struct YamlAsJson(Value);

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
        while let Some((YamlAsJson(key), YamlAsJson(value))) = access.next_entry()? {
            let key = match key {
                Value::String(s) => s,
                Value::Null => "null".to_owned(),
                Value::Bool(_) | Value::Number(_) => key.to_string(),
                Value::Array(_) | Value::Object(_) => {
                    return Err(serde::de::Error::custom("a mapping key must be a scalar"));
                }
            };
            map.insert(key, value);
        }
        Ok(Value::Object(map))
    }
    fn visit_enum<A: serde::de::EnumAccess<'de>>(self, data: A) -> Result<Value, A::Error> {
        use serde::de::VariantAccess;
        let (_tag, variant): (String, _) = data.variant()?;
        variant.newtype_variant::<YamlAsJson>().map(|v| v.0)
    }
}

/// The version of a document: Swagger 2.0, OpenAPI 3.0.x or 3.1.x. Anything else (Swagger
/// 1.x, OpenAPI 3.2 and later, a document without a version) is refused, naming what was found.
fn check_version(value: &Value) -> Result<Version> {
    let Some(root) = value.as_object() else {
        return Err(Error::at("#", "the document is not a mapping/object"));
    };
    if let Some(swagger) = root.get("swagger") {
        let version = scalar_text(swagger);
        if version == "2.0" {
            return Ok(Version::Swagger2);
        }
        return Err(Error::at(
            "#/swagger",
            format!(
                "unsupported version: Swagger {version} is not supported; Swagger 2.0, OpenAPI 3.0.x and 3.1.x are"
            ),
        ));
    }
    if let Some(version) = root.get("swaggerVersion") {
        return Err(Error::at(
            "#/swaggerVersion",
            format!(
                "unsupported version: Swagger {} (Swagger 1.x) is not supported; Swagger 2.0, OpenAPI 3.0.x and 3.1.x are",
                scalar_text(version)
            ),
        ));
    }
    let Some(version) = root.get("openapi") else {
        return Err(Error::at(
            "#",
            "no `openapi` or `swagger` version field: this does not look like an OpenAPI document",
        ));
    };
    let version = scalar_text(version);
    let minor = |prefix: &str| version == prefix || version.starts_with(&format!("{prefix}."));
    if minor("3.0") {
        Ok(Version::OpenApi30)
    } else if minor("3.1") {
        Ok(Version::OpenApi31)
    } else {
        Err(Error::at(
            "#/openapi",
            format!(
                "unsupported version: OpenAPI {version} is not supported; OpenAPI 3.0.x and 3.1.x and Swagger 2.0 are"
            ),
        ))
    }
}

fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// How many levels of objects and arrays a document may nest. The parsers stop at 128; the
/// deepest real spec we know (Stripe) nests 26. Every later stage recurses along the document,
/// so this bound is also what keeps their stack use small.
pub const MAX_DEPTH: usize = 64;

/// Refuses a document nested deeper than [`MAX_DEPTH`], naming the first node too deep.
fn check_depth(value: &Value) -> Result<()> {
    fn children(value: &Value) -> Box<dyn Iterator<Item = (String, &Value)> + '_> {
        match value {
            Value::Object(map) => Box::new(map.iter().map(|(k, v)| (k.clone(), v))),
            Value::Array(items) => {
                Box::new(items.iter().enumerate().map(|(i, v)| (i.to_string(), v)))
            }
            _ => Box::new(std::iter::empty()),
        }
    }
    fn max_depth(value: &Value) -> usize {
        let mut deepest = 0;
        let mut stack = vec![(value, 1)];
        while let Some((value, depth)) = stack.pop() {
            deepest = deepest.max(depth);
            match value {
                Value::Object(map) => stack.extend(map.values().map(|v| (v, depth + 1))),
                Value::Array(items) => stack.extend(items.iter().map(|v| (v, depth + 1))),
                _ => {}
            }
        }
        deepest
    }
    if max_depth(value) <= MAX_DEPTH {
        return Ok(());
    }
    // Only now, on the way to an error, are pointers built: follow the first deepest branch.
    let mut pointer = String::from("#");
    let mut current = value;
    for _ in 1..MAX_DEPTH {
        let Some((key, child)) = children(current).max_by_key(|(_, child)| max_depth(child)) else {
            break;
        };
        pointer = crate::error::join(&pointer, &key);
        current = child;
    }
    Err(Error::at(
        pointer,
        format!("the document nests deeper than {MAX_DEPTH} levels of objects and arrays here"),
    ))
}

/// Repairs real-world deviations that `openapiv3` would reject although the intent is clear.
/// Integer bounds written as floats (`minimum: -9223372036854776000`, which is `i64::MIN` after a
/// round trip through a float) are clamped to the `i64` range.
fn smooth_quirks(value: &mut Value) {
    match value {
        Value::Object(map) => {
            let is_integer = map.get("type").and_then(Value::as_str) == Some("integer");
            if is_integer {
                for key in ["minimum", "maximum"] {
                    if let Some(bound) = map.get_mut(key) {
                        if let Some(f) = bound.as_f64().filter(|_| !bound.is_i64()) {
                            *bound = Value::from(clamp_to_i64(f));
                        }
                    }
                }
            }
            if is_media_type(map) {
                if let Some(Value::Object(encodings)) = map.get_mut("encoding") {
                    encodings.values_mut().for_each(default_encoding_explode);
                }
            }
            for child in map.values_mut() {
                smooth_quirks(child);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(smooth_quirks),
        _ => {}
    }
}

/// Whether an object is a Media Type Object with an `encoding` map: only its own keys.
fn is_media_type(map: &serde_json::Map<String, Value>) -> bool {
    map.get("encoding").is_some_and(Value::is_object)
        && map.keys().all(|k| {
            matches!(k.as_str(), "schema" | "example" | "examples" | "encoding")
                || k.starts_with("x-")
        })
}

/// `openapiv3` reads an absent `explode` of an Encoding Object as `false`, but the
/// specification's default is `true` for `style: form`; an entry that gives a `style` without
/// `explode` gets the specification's default written out, so lowering sees it.
fn default_encoding_explode(encoding: &mut Value) {
    let Value::Object(entry) = encoding else {
        return;
    };
    if entry.contains_key("explode") {
        return;
    }
    if let Some(style) = entry.get("style").and_then(Value::as_str) {
        let explode = style == "form";
        entry.insert("explode".to_owned(), Value::Bool(explode));
    }
}

/// A server variable without the `default` the standard requires (`openapiv3` would refuse the
/// document) gets an empty placeholder and the extension `x-opengen-no-default`, so `lower` can
/// make it a setting the user must give.
fn mark_missing_server_defaults(value: &mut Value) {
    let mut lists: Vec<&mut Value> = Vec::new();
    let Value::Object(doc) = value else {
        return;
    };
    for (key, child) in doc.iter_mut() {
        match (key.as_str(), child) {
            ("servers", servers) => lists.push(servers),
            ("paths", Value::Object(paths)) => collect_path_servers(paths, &mut lists),
            _ => {}
        }
    }
    for list in lists {
        let Value::Array(servers) = list else {
            continue;
        };
        for server in servers {
            let Some(Value::Object(variables)) = server.get_mut("variables") else {
                continue;
            };
            for variable in variables.values_mut() {
                if let Value::Object(variable) = variable {
                    if !variable.contains_key("default") {
                        variable.insert("default".to_owned(), Value::from(""));
                        variable.insert(
                            crate::lower::NO_DEFAULT_EXTENSION.to_owned(),
                            Value::from(true),
                        );
                    }
                }
            }
        }
    }
}

/// The `servers` lists of every path item and operation.
fn collect_path_servers<'a>(
    paths: &'a mut serde_json::Map<String, Value>,
    lists: &mut Vec<&'a mut Value>,
) {
    for item in paths.values_mut() {
        if let Value::Object(item) = item {
            for (key, child) in item.iter_mut() {
                match (key.as_str(), child) {
                    ("servers", servers) => lists.push(servers),
                    (_, Value::Object(op)) => lists.extend(op.get_mut("servers")),
                    _ => {}
                }
            }
        }
    }
}

#[allow(clippy::cast_possible_truncation)] // `as` saturates, which is the intent
fn clamp_to_i64(f: f64) -> i64 {
    f.round() as i64
}

/// A deserialization error at `base` (the pointer of the value deserialized), located further
/// by the path `serde_path_to_error` tracked inside it.
fn structural_error(base: &str, error: &serde_path_to_error::Error<serde_json::Error>) -> Error {
    Error::at(
        path_to_pointer(base, error.path()),
        format!("{NOT_VALID} {}", error.inner()),
    )
}

fn path_to_pointer(base: &str, path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = base.to_owned();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => pointer = crate::error::join(&pointer, &index.to_string()),
            Segment::Map { key } => pointer = crate::error::join(&pointer, key),
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    pointer
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(name: &str, text: &str) -> Result<Spec> {
        parse(Path::new(name), text.as_bytes())
    }

    const MINIMAL: &str = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\n";

    #[test]
    fn yaml_and_json_both_load() {
        let yaml = parse_str("a.yaml", MINIMAL).unwrap();
        assert_eq!(yaml.document.info.title, "T");
        let json = parse_str(
            "a.json",
            r#"{"openapi":"3.0.0","info":{"title":"J","version":"1"},"paths":{}}"#,
        )
        .unwrap();
        assert_eq!(json.document.info.title, "J");
    }

    #[test]
    fn the_hash_is_of_the_file_bytes() {
        let spec = parse_str("a.yaml", MINIMAL).unwrap();
        assert_eq!(spec.sha256, hex(&Sha256::digest(MINIMAL.as_bytes())));
        assert_eq!(spec.sha256.len(), 64);
    }

    #[test]
    fn swagger_1_is_refused_by_name() {
        let error = parse_str(
            "s.yaml",
            "swagger: '1.2'\ninfo: {title: T, version: '1'}\npaths: {}\n",
        )
        .unwrap_err();
        assert_eq!(error.pointer.as_deref(), Some("#/swagger"));
        assert!(
            error.message.contains("unsupported version: Swagger 1.2"),
            "{error}"
        );
    }

    #[test]
    fn swagger_1_documents_are_refused_by_name() {
        // Swagger 1.x names its version `swaggerVersion`, with no `swagger` key.
        let error = parse_str(
            "s.json",
            r#"{"swaggerVersion":"1.2","apiVersion":"1.0","apis":[]}"#,
        )
        .unwrap_err();
        assert_eq!(error.pointer.as_deref(), Some("#/swaggerVersion"));
        assert!(
            error
                .message
                .contains("unsupported version: Swagger 1.2 (Swagger 1.x)"),
            "{error}"
        );
    }

    #[test]
    fn openapi_3_2_and_later_are_refused_by_name() {
        for version in ["3.2.0", "4.0.0", "2.0", "3"] {
            let error = parse_str("s.yaml", &MINIMAL.replace("3.0.3", version)).unwrap_err();
            assert_eq!(error.pointer.as_deref(), Some("#/openapi"));
            assert!(
                error
                    .message
                    .contains(&format!("OpenAPI {version} is not supported")),
                "{error}"
            );
        }
    }

    #[test]
    fn the_version_is_recognised() {
        let version = |text: &str| check_version(&parse_yaml(text).unwrap()).unwrap();
        assert_eq!(version("openapi: 3.0.0"), Version::OpenApi30);
        assert_eq!(version("openapi: '3.0'"), Version::OpenApi30);
        assert_eq!(version("openapi: 3.1.2"), Version::OpenApi31);
        assert_eq!(version("swagger: '2.0'"), Version::Swagger2);
    }

    #[test]
    fn a_missing_version_is_refused() {
        let error = parse_str("s.yaml", "info: {title: T, version: '1'}\n").unwrap_err();
        assert!(
            error.message.contains("no `openapi` or `swagger` version"),
            "{error}"
        );
    }

    #[test]
    fn yaml_syntax_errors_carry_line_and_column() {
        let error = parse_str("s.yaml", "openapi: 3.0.0\ninfo:\n  title: [unclosed\n").unwrap_err();
        assert!(error.message.starts_with("YAML syntax error"), "{error}");
        let (line, _column) = error.location.unwrap();
        assert!(line >= 3, "{error:?}");
    }

    #[test]
    fn json_syntax_errors_carry_line_and_column() {
        let error = parse_str("s.json", "{\n  \"openapi\": \"3.0.0\",\n  oops\n}").unwrap_err();
        assert_eq!(error.location, Some((3, 3)));
    }

    #[test]
    fn structural_errors_of_a_converted_document_name_its_version_and_node() {
        let text = "swagger: '2.0'\ninfo: {title: T, version: '1'}\npaths: {}\ndefinitions:\n  A:\n    type: object\n    required: 5\n";
        let error = parse_str("s.yaml", text).unwrap_err();
        assert!(
            error
                .message
                .starts_with("not a valid Swagger 2.0 document"),
            "{error}"
        );
        let pointer = error.pointer.unwrap();
        assert!(pointer.starts_with("#/definitions/A"), "{pointer}");
    }

    #[test]
    fn structural_errors_name_the_pointer() {
        let text = format!(
            "{MINIMAL}components:\n  schemas:\n    A:\n      type: object\n      required: 5\n"
        );
        let error = parse_str("s.yaml", &text).unwrap_err();
        let pointer = error.pointer.unwrap();
        assert!(pointer.starts_with("#/components/schemas/A"), "{pointer}");
    }

    #[test]
    fn integer_bounds_written_as_floats_are_clamped() {
        let text = format!(
            "{MINIMAL}components:\n  schemas:\n    Seed:\n      type: integer\n      minimum: -9223372036854776000\n      maximum: 9223372036854776000\n"
        );
        let spec = parse_str("s.yaml", &text).unwrap();
        let schemas = &spec.document.components.unwrap().schemas;
        let openapiv3::ReferenceOr::Item(schema) = &schemas["Seed"] else {
            panic!()
        };
        let openapiv3::SchemaKind::Type(openapiv3::Type::Integer(int)) = &schema.schema_kind else {
            panic!()
        };
        assert_eq!((int.minimum, int.maximum), (Some(i64::MIN), Some(i64::MAX)));
    }

    #[test]
    fn openapi_key_may_come_last() {
        let text = "paths: {}\ninfo: {title: T, version: '1'}\nopenapi: 3.0.0\n";
        assert!(parse_str("s.yaml", text).is_ok());
    }

    #[test]
    fn numeric_status_keys_become_strings() {
        let text = MINIMAL.replace(
            "paths: {}",
            "paths:\n  /a:\n    get:\n      responses:\n        200:\n          description: ok\n",
        );
        let spec = parse_str("s.yaml", &text).unwrap();
        assert_eq!(spec.document.paths.paths.len(), 1);
    }
}
