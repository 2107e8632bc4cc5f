//! Where schemas sit in an OpenAPI 3.1 document: the walk that finds every top-level schema
//! (a component, a parameter's or header's `schema`, a media type's `schema`), with its pointer.
//! A schema's own children are the schema pass's business; a Reference Object in a place that is
//! not a schema is left alone (its target is walked where it is defined).

use serde_json::{Map, Value};

use crate::error::join;
use crate::load::shallow::METHODS;

/// Calls `visit` on every top-level schema of the document, with its pointer.
pub(super) fn for_each_schema(root: &mut Value, visit: &mut dyn FnMut(&mut Value, &str)) {
    let Value::Object(root) = root else {
        return;
    };
    if let Some(Value::Object(paths)) = root.get_mut("paths") {
        for (key, item) in paths.iter_mut() {
            path_item(item, &join("#/paths", key), visit);
        }
    }
    let Some(Value::Object(components)) = root.get_mut("components") else {
        return;
    };
    // `pathItems` are walked where `paths` use them (`v31::path_item_refs` copies them there).
    let sections: [(&str, Place); 6] = [
        ("schemas", |value, at, visit| visit(value, at)),
        ("parameters", parameter),
        ("headers", parameter),
        ("responses", response),
        ("requestBodies", request_body),
        ("callbacks", callback),
    ];
    for (section, place) in sections {
        if let Some(Value::Object(entries)) = components.get_mut(section) {
            let at = join("#/components", section);
            for (key, entry) in entries.iter_mut() {
                place(entry, &join(&at, key), visit);
            }
        }
    }
}

fn is_reference(object: &Map<String, Value>) -> bool {
    object.contains_key("$ref")
}

fn path_item(item: &mut Value, at: &str, visit: &mut dyn FnMut(&mut Value, &str)) {
    let Value::Object(item) = item else {
        return;
    };
    if is_reference(item) {
        return;
    }
    list(item, "parameters", at, visit, parameter);
    for method in METHODS {
        let Some(Value::Object(operation)) = item.get_mut(method) else {
            continue;
        };
        let at = join(at, method);
        list(operation, "parameters", &at, visit, parameter);
        if let Some(body) = operation.get_mut("requestBody") {
            request_body(body, &join(&at, "requestBody"), visit);
        }
        map(operation, "responses", &at, visit, response);
        map(operation, "callbacks", &at, visit, callback);
    }
}

/// A parameter or a header: a `schema` or a `content` map.
fn parameter(value: &mut Value, at: &str, visit: &mut dyn FnMut(&mut Value, &str)) {
    let Value::Object(object) = value else {
        return;
    };
    if is_reference(object) {
        return;
    }
    if let Some(schema) = object.get_mut("schema") {
        visit(schema, &join(at, "schema"));
    }
    content(object, at, visit);
}

fn request_body(value: &mut Value, at: &str, visit: &mut dyn FnMut(&mut Value, &str)) {
    if let Value::Object(object) = value {
        if !is_reference(object) {
            content(object, at, visit);
        }
    }
}

fn response(value: &mut Value, at: &str, visit: &mut dyn FnMut(&mut Value, &str)) {
    if let Value::Object(object) = value {
        if !is_reference(object) {
            map(object, "headers", at, visit, parameter);
            content(object, at, visit);
        }
    }
}

fn content(object: &mut Map<String, Value>, at: &str, visit: &mut dyn FnMut(&mut Value, &str)) {
    map(object, "content", at, visit, |media, at, visit| {
        let Value::Object(media) = media else {
            return;
        };
        if let Some(schema) = media.get_mut("schema") {
            visit(schema, &join(at, "schema"));
        }
        map(media, "encoding", at, visit, |encoding, at, visit| {
            if let Value::Object(encoding) = encoding {
                map(encoding, "headers", at, visit, parameter);
            }
        });
    });
}

/// A callback maps expressions to path items.
fn callback(value: &mut Value, at: &str, visit: &mut dyn FnMut(&mut Value, &str)) {
    if let Value::Object(object) = value {
        if !is_reference(object) {
            for (key, item) in object.iter_mut() {
                path_item(item, &join(at, key), visit);
            }
        }
    }
}

type Place = fn(&mut Value, &str, &mut dyn FnMut(&mut Value, &str));

fn map(
    object: &mut Map<String, Value>,
    key: &str,
    at: &str,
    visit: &mut dyn FnMut(&mut Value, &str),
    place: Place,
) {
    if let Some(Value::Object(entries)) = object.get_mut(key) {
        let at = join(at, key);
        for (name, entry) in entries.iter_mut() {
            place(entry, &join(&at, name), visit);
        }
    }
}

fn list(
    object: &mut Map<String, Value>,
    key: &str,
    at: &str,
    visit: &mut dyn FnMut(&mut Value, &str),
    place: Place,
) {
    if let Some(Value::Array(entries)) = object.get_mut(key) {
        let at = join(at, key);
        for (index, entry) in entries.iter_mut().enumerate() {
            place(entry, &join(&at, &index.to_string()), visit);
        }
    }
}

/// Every operation of the document's paths: its pointer and the operation object.
pub(super) fn for_each_operation(
    root: &mut Map<String, Value>,
    visit: &mut dyn FnMut(&mut Map<String, Value>, &str),
) {
    let Some(Value::Object(paths)) = root.get_mut("paths") else {
        return;
    };
    for (key, item) in paths.iter_mut() {
        let Value::Object(item) = item else {
            continue;
        };
        let at = join("#/paths", key);
        for method in METHODS {
            if let Some(Value::Object(operation)) = item.get_mut(method) {
                visit(operation, &join(&at, method));
            }
        }
    }
}
