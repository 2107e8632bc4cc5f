//! Checks every schema, response and callback of a document bottom-up before `openapiv3` sees
//! the whole tree, so that deserializing it takes time linear in its size.
//!
//! Why: `openapiv3` deserializes each `$ref`-or-item through an untagged enum. When the item
//! fails, it tries the other variants and then deserializes the item a second time for its error
//! message, each attempt covering the whole subtree; a failure `n` schemas deep is therefore
//! retried about `3^n` times (a 1.3 KB spec nested 30 deep never finished). Here each schema is
//! checked on its own, with its child schemas replaced by the empty schema `{}`, innermost
//! first (operations likewise, with their callbacks stubbed): an error is found, and located,
//! at the node that has it, and when every node passes, the whole document deserializes without
//! a failed attempt below the top.
//!
//! Boolean schemas (`true`/`false`, JSON Schema and OpenAPI 3.1, met in 3.0 documents too) are
//! rewritten here: `true` is `{}` (any value) and `false` is `{not: {}}` (no value), which
//! the generator types as any JSON value.
//!
//! What fails is not always the document's end (each with a warning): a schema is repaired
//! where it is (a keyword of the wrong type left out, else the schema read as any value), and
//! a component that still fails is left out, so only what refers to it is lost. An error in
//! an operation is returned, for `confined` to skip that operation.

use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};

use super::places::methods;
use super::quirks::lift_required_flags;
use super::v2::SCHEMA_KEYS;
use super::version::Version;
use crate::error::{Error, Result, join};
use crate::ir::Warning;

use super::JSON_TYPES;
use super::structural::NOT_VALID;

/// Checks one node, given its pointer.
type Check = fn(&mut Value, &str, &mut Vec<Warning>) -> Result<()>;

/// Walks the document's known places for schemas and callbacks, checking each bottom-up.
pub(super) fn check_document(root: &mut Value, warnings: &mut Vec<Warning>) -> Result<()> {
    let Value::Object(root) = root else {
        return Ok(());
    };
    if let Some(Value::Object(paths)) = root.get_mut("paths") {
        // `x-` keys are the Paths Object's extensions, not paths.
        for (key, item) in paths.iter_mut().filter(|(key, _)| !key.starts_with("x-")) {
            path_item(item, &join("#/paths", key), warnings)?;
        }
    }
    let Some(Value::Object(components)) = root.get_mut("components") else {
        return Ok(());
    };
    let sections: [(&str, Check); 6] = [
        ("schemas", schema),
        ("parameters", component_parameter),
        ("headers", component_header),
        ("responses", response),
        ("requestBodies", component_request_body),
        ("callbacks", callback),
    ];
    for (section, check) in sections {
        if let Some(Value::Object(entries)) = components.get_mut(section) {
            let at = join("#/components", section);
            let mut broken = Vec::new();
            for (key, entry) in entries.iter_mut() {
                if let Err(error) = check(entry, &join(&at, key), warnings) {
                    broken.push((key.clone(), error));
                }
            }
            // A component without the shape OpenAPI requires is left out: what refers to it
            // is reported where it does (an operation using it is skipped), and the rest of
            // the document loads. (A schema is repaired in place instead; see [`schema`].)
            for (key, error) in broken {
                entries.shift_remove(&key);
                warnings.push(Warning {
                    pointer: error.pointer.clone().unwrap_or_else(|| join(&at, &key)),
                    message: format!(
                        "{}; the component that holds it is left out, and what refers to it \
                         is skipped",
                        reason(&error.message)
                    ),
                });
            }
        }
    }
    Ok(())
}

/// Checks a path item: each operation (its callbacks first, then itself with them stubbed), then
/// the item without its operations. The stubs are built by copying only what is not stubbed.
fn path_item(item: &mut Value, at: &str, w: &mut Vec<Warning>) -> Result<()> {
    let Value::Object(object) = item else {
        return deserializes_as::<openapiv3::PathItem>(item, at);
    };
    nulls_absent(object, at, w);
    list(object, "parameters", at, w, parameter)?;
    for method in methods(Version::OpenApi30) {
        let Some(Value::Object(operation)) = object.get_mut(method) else {
            continue;
        };
        let at = join(at, method);
        nulls_absent(operation, &at, w);
        list(operation, "parameters", &at, w, parameter)?;
        if let Some(body) = operation.get_mut("requestBody") {
            request_body(body, &join(&at, "requestBody"), w)?;
        }
        // `x-` keys of the Responses Object are its extensions, not statuses.
        if let Some(Value::Object(responses)) = operation.get_mut("responses") {
            let at = join(&at, "responses");
            for (status, entry) in responses.iter_mut() {
                if !status.starts_with("x-") {
                    response(entry, &join(&at, status), w)?;
                }
            }
        }
        referenced_callbacks_emptied(operation);
        map(operation, "callbacks", &at, w, callback)?;
        // What has passed is stubbed, so each schema is deserialized once more, at the end.
        let operation = copy_with(operation, |key, value| match (key, value) {
            ("callbacks", Value::Object(entries)) => Some(stub_entries(entries, empty)),
            ("responses", Value::Object(entries)) => {
                Some(stub_entries(entries, || json!({"description": ""})))
            }
            ("parameters", Value::Array(parameters)) => Some(stubbed_parameters(parameters)),
            ("requestBody", Value::Object(body)) => Some(Value::Object(content_stubbed(body))),
            _ => None,
        });
        deserializes_as::<openapiv3::Operation>(&Value::Object(operation), &at)?;
    }
    // The operations (checked above) are left out: each is first copied as `null`, then
    // removed, so the other keys keep the order the check always saw them in.
    let is_operation = |key: &str| methods(Version::OpenApi30).any(|m| m == key);
    let mut stub = copy_with(object, |key, value| match (key, value) {
        (key, Value::Object(_)) if is_operation(key) => Some(Value::Null),
        ("parameters", Value::Array(parameters)) => Some(stubbed_parameters(parameters)),
        _ => None,
    });
    for method in methods(Version::OpenApi30) {
        if let Some(Value::Object(_)) = object.get(method) {
            stub.remove(method);
        }
    }
    deserializes_as::<openapiv3::PathItem>(&Value::Object(stub), at)
}

/// The fields of a path item or operation written with no value (`parameters:` and nothing,
/// YAML's `null`) are absent, with a warning: `openapiv3` refused the operation for it (a list
/// or map was expected), where its author said nothing.
fn nulls_absent(object: &mut Map<String, Value>, at: &str, w: &mut Vec<Warning>) {
    let empty: Vec<String> = (object.iter())
        .filter(|(key, value)| value.is_null() && !key.starts_with("x-"))
        .map(|(key, _)| key.clone())
        .collect();
    for key in empty {
        object.shift_remove(&key);
        w.push(Warning {
            pointer: join(at, &key),
            message: format!("`{key}` has no value; it is read as absent"),
        });
    }
}

/// An operation's callbacks given by `$ref` are read as empty: `openapiv3` has no reference
/// there, and no client code is generated for a callback (`lower` says so, for each operation
/// that has any).
fn referenced_callbacks_emptied(operation: &mut Map<String, Value>) {
    if let Some(Value::Object(callbacks)) = operation.get_mut("callbacks") {
        for callback in callbacks.values_mut() {
            if callback.get("$ref").is_some() {
                *callback = empty();
            }
        }
    }
}

/// A copy of `object`, with the value of each key for which `replace` gives one replaced:
/// what is replaced is never copied.
fn copy_with(
    object: &Map<String, Value>,
    replace: impl Fn(&str, &Value) -> Option<Value>,
) -> Map<String, Value> {
    object
        .iter()
        .map(|(key, value)| {
            let value = replace(key, value).unwrap_or_else(|| value.clone());
            (key.clone(), value)
        })
        .collect()
}

/// The same keys, each with the value `stub` makes.
fn stub_entries(entries: &Map<String, Value>, stub: impl Fn() -> Value) -> Value {
    Value::Object(entries.keys().map(|key| (key.clone(), stub())).collect())
}

/// The parameters, with their (already checked) schemas replaced by `{}`.
fn stubbed_parameters(parameters: &[Value]) -> Value {
    Value::Array(
        parameters
            .iter()
            .map(|parameter| match parameter {
                Value::Object(parameter) => Value::Object(schema_and_content_stubbed(parameter)),
                other => other.clone(),
            })
            .collect(),
    )
}

/// A parameter, header or media type map with its (already checked) schemas replaced by `{}`.
fn schema_and_content_stubbed(object: &Map<String, Value>) -> Map<String, Value> {
    copy_with(object, |key, value| match (key, value) {
        ("schema", _) => Some(empty()),
        ("content", Value::Object(content)) => Some(Value::Object(stubbed_media(content))),
        _ => None,
    })
}

/// `object` with the schemas of its `content` map replaced by `{}`.
fn content_stubbed(object: &Map<String, Value>) -> Map<String, Value> {
    copy_with(object, |key, value| match (key, value) {
        ("content", Value::Object(content)) => Some(Value::Object(stubbed_media(content))),
        _ => None,
    })
}

fn stubbed_media(content: &Map<String, Value>) -> Map<String, Value> {
    copy_with(content, |_, media| match media {
        Value::Object(media) => Some(Value::Object(schema_and_content_stubbed(media))),
        _ => None,
    })
}

/// A Reference Object: the node it names is checked where it is, and its other fields
/// (`schema`, `content` beside a `$ref`, as Mollie writes them) are ignored, as OpenAPI says
/// (3.1 lets `summary` and `description` override the target's), so they are not checked.
fn is_reference(object: &Map<String, Value>) -> bool {
    object.contains_key("$ref")
}

/// A parameter or a header: a `schema` or a `content` map.
fn parameter(value: &mut Value, at: &str, w: &mut Vec<Warning>) -> Result<()> {
    if let Value::Object(object) = value
        && !is_reference(object)
    {
        style_for_location(object, at, w);
        schema_for_bare(object, at, w);
        if let Some(child) = object.get_mut("schema") {
            schema(child, &join(at, "schema"), w)?;
        }
        content(object, at, w)?;
    }
    Ok(())
}

/// A parameter or header with neither `schema` nor `content` (OpenAPI 3.0 requires one): its
/// JSON Schema keywords written beside its fields, as Swagger 2.0 writes them (`type: string`),
/// are read as its schema, else it is a string (the text every parameter is on the wire), with
/// a warning. `openapiv3` refused it, and with it the component or the operation.
fn schema_for_bare(object: &mut Map<String, Value>, at: &str, w: &mut Vec<Warning>) {
    if object.contains_key("schema") || object.contains_key("content") {
        return;
    }
    // The keywords 2.0 writes beside a parameter's fields, as 3.0 (`nullable`) has them.
    let keywords = (SCHEMA_KEYS.iter().copied())
        .filter(|key| !key.starts_with("x-"))
        .chain(["nullable"]);
    let mut schema = Map::new();
    for key in keywords {
        if let Some(value) = object.remove(key) {
            schema.insert(key.to_owned(), value);
        }
    }
    let message = if schema.is_empty() {
        schema.insert("type".to_owned(), Value::from("string"));
        "it is read as a string".to_owned()
    } else {
        let keys: Vec<String> = schema.keys().map(|key| format!("`{key}`")).collect();
        format!("its {} beside it are read as its schema", keys.join(", "))
    };
    w.push(Warning {
        pointer: at.to_owned(),
        message: format!(
            "neither `schema` nor `content` is given (OpenAPI 3.0 requires one); {message}"
        ),
    });
    object.insert("schema".to_owned(), Value::Object(schema));
}

/// A `style` that the parameter's location does not define (`style: simple` on a query
/// parameter, seen in Okta's descriptions) is the location's default, with a warning: the
/// intent (send this parameter) is clear, and `openapiv3` would otherwise refuse the whole
/// operation. `explode` stays as written. A Header Object has no `in`: it is a header.
fn style_for_location(object: &mut Map<String, Value>, at: &str, w: &mut Vec<Warning>) {
    let Some(Value::String(style)) = object.get("style") else {
        return;
    };
    let location = match object.get("in") {
        Some(Value::String(location)) => location.as_str(),
        Some(_) => return,
        None => "header",
    };
    let allowed: &[&str] = match location {
        "path" => &["matrix", "label", "simple"],
        "query" => &["form", "spaceDelimited", "pipeDelimited", "deepObject"],
        "header" => &["simple"],
        "cookie" => &["form"],
        _ => return,
    };
    if allowed.contains(&style.as_str()) {
        return;
    }
    let default = if matches!(location, "path" | "header") {
        "simple"
    } else {
        "form"
    };
    w.push(Warning {
        pointer: join(at, "style"),
        message: format!(
            "`{style}` is not a style of {location} parameters ({}); it is read as \
             `{default}`, their default",
            allowed.join(", ")
        ),
    });
    object.insert("style".to_owned(), Value::from(default));
}

/// A component parameter: its schemas, then itself with them stubbed (an operation's own
/// parameters are read with the operation).
fn component_parameter(value: &mut Value, at: &str, w: &mut Vec<Warning>) -> Result<()> {
    parameter(value, at, w)?;
    deserializes_as::<openapiv3::ReferenceOr<openapiv3::Parameter>>(&stubbed(value), at)
}

fn component_header(value: &mut Value, at: &str, w: &mut Vec<Warning>) -> Result<()> {
    parameter(value, at, w)?;
    deserializes_as::<openapiv3::ReferenceOr<openapiv3::Header>>(&stubbed(value), at)
}

fn component_request_body(value: &mut Value, at: &str, w: &mut Vec<Warning>) -> Result<()> {
    request_body(value, at, w)?;
    deserializes_as::<openapiv3::ReferenceOr<openapiv3::RequestBody>>(&stubbed(value), at)
}

/// A parameter, header or request body with its (already checked) schemas replaced by `{}`.
fn stubbed(value: &Value) -> Value {
    match value {
        Value::Object(object) => Value::Object(schema_and_content_stubbed(object)),
        other => other.clone(),
    }
}

fn request_body(value: &mut Value, at: &str, w: &mut Vec<Warning>) -> Result<()> {
    if let Value::Object(object) = value
        && !is_reference(object)
    {
        content(object, at, w)?;
    }
    Ok(())
}

fn response(value: &mut Value, at: &str, w: &mut Vec<Warning>) -> Result<()> {
    if let Value::Object(object) = value
        && !is_reference(object)
    {
        // Documentation only, and optional since OpenAPI 3.2: without it the response (and
        // its operation) is still what the API sends.
        if !object.contains_key("description") {
            object.insert("description".to_owned(), Value::String(String::new()));
            w.push(Warning {
                pointer: join(at, "description"),
                message: "the response has no `description` (OpenAPI 3.0 and 3.1 require \
                          one); it is read as empty"
                    .to_owned(),
            });
        }
        map(object, "headers", at, w, parameter)?;
        content(object, at, w)?;
    }
    // Its schemas have passed: stubbed, the response alone is checked, to locate its errors.
    let Value::Object(object) = value else {
        return deserializes_as::<openapiv3::ReferenceOr<openapiv3::Response>>(value, at);
    };
    let stub = copy_with(object, |key, value| match (key, value) {
        ("content", Value::Object(content)) => Some(Value::Object(stubbed_media(content))),
        ("headers", Value::Object(headers)) => Some(Value::Object(copy_with(
            headers,
            |_, header| match header {
                Value::Object(header) => Some(Value::Object(schema_and_content_stubbed(header))),
                _ => None,
            },
        ))),
        _ => None,
    });
    deserializes_as::<openapiv3::ReferenceOr<openapiv3::Response>>(&Value::Object(stub), at)
}

fn content(object: &mut Map<String, Value>, at: &str, w: &mut Vec<Warning>) -> Result<()> {
    map(object, "content", at, w, |media, at, w| {
        // A media type left empty (`application/json:` and nothing) is YAML's `null`: one
        // without a schema, what its author wrote.
        if media.is_null() {
            *media = Value::Object(Map::new());
        }
        if let Value::Object(media) = media {
            if let Some(child) = media.get_mut("schema") {
                schema(child, &join(at, "schema"), w)?;
            }
            map(media, "encoding", at, w, |encoding, at, w| {
                if let Value::Object(encoding) = encoding {
                    map(encoding, "headers", at, w, parameter)?;
                }
                Ok(())
            })?;
        }
        Ok(())
    })
}

/// A callback maps expressions to path items, whose operations may hold callbacks again.
fn callback(value: &mut Value, at: &str, w: &mut Vec<Warning>) -> Result<()> {
    match value {
        Value::Object(object) if !object.contains_key("$ref") => {
            // A Callback Object's `x-` keys are its extensions, which `openapiv3` would read
            // as path items; no client code is generated for a callback.
            object.retain(|key, _| !key.starts_with("x-"));
            for (key, item) in object.iter_mut() {
                path_item(item, &join(at, key), w)?;
            }
            Ok(())
        }
        _ => deserializes_as::<openapiv3::ReferenceOr<openapiv3::Callback>>(value, at),
    }
}

/// Checks a schema: its child schemas first, then the schema itself with each child replaced
/// by `{}`, so that every node is deserialized once, whatever the depth.
///
/// A schema without the shape OpenAPI requires is repaired where it is, with a warning, so
/// that one bad schema costs neither the document nor the operations that use it: a keyword
/// whose value has the wrong type (`pattern: 0`, `required: name`) is left out when the schema
/// reads without it; otherwise the schema is read as any JSON value (`{}`, its description
/// kept).
fn schema(value: &mut Value, at: &str, w: &mut Vec<Warning>) -> Result<()> {
    if let Value::Bool(allowed) = value {
        *value = boolean_schema(*allowed);
        return Ok(());
    }
    let error = match value {
        Value::Object(object) if !object.contains_key("$ref") => {
            type_name_checked(object, at, w);
            required_flags(object, at, w);
            enum_of_type(object, at, w);
            let stub = Value::Object(stubbed_schema(object, at, w)?);
            let Err(error) = schema_reads(&stub, at) else {
                return Ok(());
            };
            if left_out_keyword(object, &stub, at, &error, w) {
                return Ok(());
            }
            error
        }
        _ => {
            let Err(error) = schema_reads(value, at) else {
                return Ok(());
            };
            error
        }
    };
    read_as_any(value);
    w.push(Warning {
        pointer: at.to_owned(),
        message: format!("{}; {READ_AS_ANY}", reason(&error.message)),
    });
    Ok(())
}

/// `required: true` on a property's own schema, as JSON Schema draft 3 (and many hand-written
/// descriptions) say a property is required: the property is listed in the object's
/// `required`, with a warning (`required: false` is left out). Elsewhere `required` must list
/// names, and the keyword alone would be ignored, losing what the author said.
fn required_flags(object: &mut Map<String, Value>, at: &str, w: &mut Vec<Warning>) {
    for (name, flag) in lift_required_flags(object) {
        let what = if flag {
            format!("`{name}` is listed in the object's `required`")
        } else {
            "it is left out".to_owned()
        };
        w.push(Warning {
            pointer: join(&join(&join(at, "properties"), &name), "required"),
            message: format!(
                "`required: {flag}` on a property is JSON Schema draft 3's way to say whether it \
                 is required (an object lists the names it requires); {what}"
            ),
        });
    }
}

/// An `enum` whose values are not of the schema's `type` (`integer`, `number` or `boolean`;
/// a string enum's numbers are already read as their text): values written as strings that
/// read as that type (`type: integer, enum: ['1', '2']`, a YAML author's quotes) and whole
/// numbers of an integer enum written with a fraction (`1.0`) are those values, with a warning;
/// when another value is not of the type, the enum is left out with a warning (it was dropped
/// without a word, the type plain).
fn enum_of_type(object: &mut Map<String, Value>, at: &str, w: &mut Vec<Warning>) {
    let ty = match object.get("type").and_then(Value::as_str) {
        Some("integer") => "integer",
        Some("number") => "number",
        Some("boolean") => "boolean",
        _ => return,
    };
    let Some(Value::Array(values)) = object.get("enum") else {
        return;
    };
    let fits = |value: &Value| match ty {
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        _ => value.is_boolean(),
    };
    if values.iter().all(|value| value.is_null() || fits(value)) {
        return;
    }
    let whole = |f: f64| (f.fract() == 0.0 && f.abs() < 9.0e15).then(|| Value::from(f as i64));
    let read = |value: &Value| -> Option<Value> {
        if value.is_null() || fits(value) {
            return Some(value.clone());
        }
        if let Some(f) = value.as_f64() {
            return if ty == "integer" { whole(f) } else { None };
        }
        let text = value.as_str()?.trim();
        match ty {
            "integer" => text.parse::<i64>().ok().map(Value::from),
            "number" => (text.parse::<i64>().ok().map(Value::from)).or_else(|| {
                text.parse::<f64>()
                    .ok()
                    .filter(|f| f.is_finite())
                    .map(Value::from)
            }),
            _ => text.parse::<bool>().ok().map(Value::Bool),
        }
    };
    let odd: Vec<String> = (values.iter())
        .filter(|value| !value.is_null() && !fits(value))
        .map(Value::to_string)
        .collect();
    let odd = match odd.len() {
        0..=3 => odd.join(", "),
        _ => format!("{}, …", odd[..3].join(", ")),
    };
    let read = values.iter().map(read).collect::<Option<Vec<Value>>>();
    match read {
        Some(read) => {
            object.insert("enum".to_owned(), Value::Array(read));
            w.push(Warning {
                pointer: join(at, "enum"),
                message: format!(
                    "`enum` values not written as {ty} values ({odd}) are read as the {ty} \
                     values they spell, as the schema's `type` says"
                ),
            });
        }
        None => {
            object.remove("enum");
            w.push(Warning {
                pointer: join(at, "enum"),
                message: format!(
                    "`enum` values that are not {ty} values ({odd}) contradict the schema's \
                     `type`: the enum is left out, and any {ty} is accepted"
                ),
            });
        }
    }
}

/// A `type` that is a string naming no JSON Schema type, with a warning: in another case
/// (`String`, `Integer`, as hand-written documents have) it is that type; otherwise it is
/// left out, so the schema is read by its other keywords (`properties` make an object), where
/// `openapiv3` would read it as any value without a word.
fn type_name_checked(object: &mut Map<String, Value>, at: &str, w: &mut Vec<Warning>) {
    let Some(Value::String(name)) = object.get("type") else {
        return;
    };
    if JSON_TYPES.contains(&name.as_str()) {
        return;
    }
    let lower = name.to_ascii_lowercase();
    let message = if JSON_TYPES.contains(&lower.as_str()) {
        let message = format!(
            "`type: {name}` is read as `{lower}` (JSON Schema's type names are lower case)"
        );
        object.insert("type".to_owned(), Value::String(lower));
        message
    } else if let Some((json_type, format)) = type_alias(&lower) {
        // A programming language's name for the type (`int`, `double`, `date`): its meaning
        // is clear, and ignoring it would leave the value untyped.
        let name = name.clone();
        object.insert("type".to_owned(), Value::from(json_type));
        let mut read = format!("`type: {json_type}`");
        if let Some(format) = format
            && !object.contains_key("format")
        {
            object.insert("format".to_owned(), Value::from(format));
            read = format!("{read} with `format: {format}`");
        }
        format!("`type: {name}` names no JSON Schema type; it is read as {read}, what it means")
    } else {
        let shown = if name.trim().is_empty() {
            format!("{name:?}")
        } else {
            name.clone()
        };
        let message = format!(
            "`type: {shown}` names no JSON Schema type (`string`, `number`, `integer`, `boolean`, \
             `array`, `object`, `null`); the keyword is ignored"
        );
        object.shift_remove("type");
        message
    };
    w.push(Warning {
        pointer: join(at, "type"),
        message,
    });
}

/// The JSON Schema type (and format) a programming language's type name means, for the names
/// descriptions write instead (`int`, `long`, `double`, `bool`, `date`, `datetime`).
fn type_alias(name: &str) -> Option<(&'static str, Option<&'static str>)> {
    Some(match name {
        "int" | "int32" | "short" => ("integer", Some("int32")),
        "long" | "int64" => ("integer", Some("int64")),
        "float" => ("number", Some("float")),
        "double" => ("number", Some("double")),
        "decimal" => ("number", None),
        "bool" => ("boolean", None),
        "str" | "text" => ("string", None),
        "date" => ("string", Some("date")),
        "datetime" | "date-time" | "timestamp" => ("string", Some("date-time")),
        "list" => ("array", None),
        "dict" | "map" => ("object", None),
        _ => return None,
    })
}

/// The schema `object` with each child schema checked, then replaced by `{}`.
fn stubbed_schema(
    object: &mut Map<String, Value>,
    at: &str,
    w: &mut Vec<Warning>,
) -> Result<Map<String, Value>> {
    let mut stub = Map::with_capacity(object.len());
    for (key, child) in object.iter_mut() {
        // The pointer is made only for a child that is a schema.
        let child_at = || join(at, key);
        let stubbed = match (key.as_str(), child) {
            ("properties", Value::Object(properties)) => {
                let child_at = child_at();
                for (name, property) in properties.iter_mut() {
                    schema(property, &join(&child_at, name), w)?;
                }
                Value::Object(properties.keys().map(|k| (k.clone(), empty())).collect())
            }
            ("items" | "not", child) if child.is_object() || child.is_boolean() => {
                schema(child, &child_at(), w)?;
                empty()
            }
            ("additionalProperties", child) if child.is_object() => {
                schema(child, &child_at(), w)?;
                empty()
            }
            ("allOf" | "oneOf" | "anyOf", Value::Array(parts)) => {
                let child_at = child_at();
                for (index, part) in parts.iter_mut().enumerate() {
                    schema(part, &join(&child_at, &index.to_string()), w)?;
                }
                Value::Array(parts.iter().map(|_| empty()).collect())
            }
            (_, child) => child.clone(),
        };
        stub.insert(key.clone(), stubbed);
    }
    Ok(stub)
}

/// Leaves out of `object` the one keyword (other than `type`) without which its `stub` reads,
/// if there is one, with a warning; whether it did.
fn left_out_keyword(
    object: &mut Map<String, Value>,
    stub: &Value,
    at: &str,
    error: &Error,
    w: &mut Vec<Warning>,
) -> bool {
    let Value::Object(stub) = stub else {
        return false;
    };
    let reads_without = |key: &str| {
        let mut without = stub.clone();
        without.shift_remove(key);
        schema_reads(&Value::Object(without), at).is_ok()
    };
    let Some(key) = stub
        .keys()
        .find(|key| *key != "type" && reads_without(key))
        .cloned()
    else {
        return false;
    };
    let why = match object.shift_remove(&key) {
        // Slack writes `items: [{$ref: …}, {type: "null"}]`.
        Some(Value::Array(_)) if key == "items" => {
            "`items` is a list of schemas (a tuple, as JSON Schema draft 4 writes one), and \
             OpenAPI's `items` is one schema"
        }
        _ => reason(&error.message),
    };
    w.push(Warning {
        pointer: join(at, &key),
        message: format!("{why}; the keyword is ignored"),
    });
    true
}

/// What a structural error says of the value, without saying the document is invalid (the
/// warning that quotes it says what is done instead).
fn reason(message: &str) -> &str {
    message
        .strip_prefix(NOT_VALID)
        .map_or(message, str::trim_start)
}

fn schema_reads(value: &Value, at: &str) -> Result<()> {
    deserializes_as::<openapiv3::ReferenceOr<openapiv3::Schema>>(value, at)
}

/// The end of the warning for a schema [`read_as_any`].
pub(super) const READ_AS_ANY: &str = "the schema is read as any JSON value";

/// What a schema that cannot be read becomes, wherever loading finds it: `{}`, any JSON
/// value, its `description` kept.
pub(super) fn read_as_any(schema: &mut Value) {
    match schema {
        Value::Object(object) => {
            let description = object.get("description").filter(|d| d.is_string()).cloned();
            object.clear();
            object.extend(description.map(|d| ("description".to_owned(), d)));
        }
        _ => *schema = empty(),
    }
}

fn empty() -> Value {
    Value::Object(Map::new())
}

fn boolean_schema(allowed: bool) -> Value {
    if allowed {
        empty()
    } else {
        let mut not = Map::new();
        not.insert("not".to_owned(), empty());
        Value::Object(not)
    }
}

fn map(
    object: &mut Map<String, Value>,
    key: &str,
    at: &str,
    w: &mut Vec<Warning>,
    mut check: impl FnMut(&mut Value, &str, &mut Vec<Warning>) -> Result<()>,
) -> Result<()> {
    if let Some(Value::Object(entries)) = object.get_mut(key) {
        let at = join(at, key);
        for (name, entry) in entries.iter_mut() {
            check(entry, &join(&at, name), w)?;
        }
    }
    Ok(())
}

fn list(
    object: &mut Map<String, Value>,
    key: &str,
    at: &str,
    w: &mut Vec<Warning>,
    check: impl Fn(&mut Value, &str, &mut Vec<Warning>) -> Result<()>,
) -> Result<()> {
    if let Some(Value::Array(items)) = object.get_mut(key) {
        let at = join(at, key);
        for (index, item) in items.iter_mut().enumerate() {
            check(item, &join(&at, &index.to_string()), w)?;
        }
    }
    Ok(())
}

fn deserializes_as<T: DeserializeOwned>(value: &Value, at: &str) -> Result<()> {
    serde_path_to_error::deserialize::<_, T>(value)
        .map(drop)
        .map_err(|e| super::structural::structural_error(at, &e))
}
