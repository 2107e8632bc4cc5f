//! `$id` and `$anchor` (OpenAPI 3.1's JSON Schema 2020-12): a schema may name itself by a URI
//! (`$id: https://example.com/schemas/pet`, or relative to the `$id` of a schema around it) and
//! mark a place by a name (`$anchor: pet`), and a `$ref` may name it by that URI or anchor
//! (`https://example.com/schemas/pet`, `pet` under that base, `#pet`). Nothing is fetched: such a
//! `$ref` is rewritten to the JSON pointer of the schema in this document before anything else
//! reads references. A `$ref` that names no `$id` or anchor of the document is left as written
//! (a file, or a remote reference, which are read or refused where references are followed);
//! so is every local pointer (`#/components/…`), which OpenAPI documents mean from the
//! document's root whatever `$id` is around them. Only the root file's identifiers are known:
//! a `$ref` from another file to one of them is followed as a file reference.

use std::collections::HashMap;

use serde_json::Value;
use url::Url;

use crate::error::escape_token;

/// The base URI of the root document, whose real location the generator does not use: a
/// relative `$id` or `$ref` resolves against it, so the two meet when they name the same place.
const DOCUMENT_BASE: &str = "https://document.opengen.invalid/root";

/// Keys whose values are data, not schemas: an `$id` or `$ref` in them is a value.
const DATA: [&str; 5] = ["example", "examples", "default", "enum", "const"];

/// Rewrites every `$ref` in `doc` that names an `$id` or `$anchor` of `doc` to the JSON
/// pointer of that schema (with the rest of its fragment, `…/pet#/properties/name`). `text`
/// is the document's source, searched first: most documents have neither keyword.
pub(super) fn resolve(doc: &mut Value, text: &[u8]) {
    if memchr::memmem::find(text, b"$id").is_none()
        && memchr::memmem::find(text, b"$anchor").is_none()
    {
        return;
    }
    let Ok(base) = Url::parse(DOCUMENT_BASE) else {
        return;
    };
    let mut ids = HashMap::new();
    let mut pointer = String::from("#");
    collect(doc, &base, &mut pointer, &mut ids);
    if !ids.is_empty() {
        rewrite(doc, &base, &ids);
    }
}

/// The base URI of the schema `map` under `base`: its `$id` resolved, or `base`.
fn base_of(map: &serde_json::Map<String, Value>, base: &Url) -> Url {
    match map.get("$id") {
        Some(Value::String(id)) => base.join(id).map_or_else(
            |_| base.clone(),
            |mut url| {
                url.set_fragment(None);
                url
            },
        ),
        _ => base.clone(),
    }
}

/// Records the pointer of every schema with an `$id` (by its URI) or an `$anchor` (by its
/// base URI and `#name`). The first of two schemas claiming one identifier keeps it.
fn collect(node: &Value, base: &Url, pointer: &mut String, ids: &mut HashMap<String, String>) {
    match node {
        Value::Object(map) => {
            let base = base_of(map, base);
            if map.get("$id").is_some_and(Value::is_string) {
                ids.entry(base.to_string())
                    .or_insert_with(|| pointer.clone());
            }
            for key in ["$anchor", "$dynamicAnchor"] {
                if let Some(Value::String(anchor)) = map.get(key) {
                    let mut named = base.clone();
                    named.set_fragment(Some(anchor));
                    ids.entry(named.to_string())
                        .or_insert_with(|| pointer.clone());
                }
            }
            for (key, child) in map {
                if !DATA.contains(&key.as_str()) {
                    let len = pointer.len();
                    pointer.push('/');
                    pointer.push_str(&escape_token(key));
                    collect(child, &base, pointer, ids);
                    pointer.truncate(len);
                }
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&i.to_string());
                collect(child, base, pointer, ids);
                pointer.truncate(len);
            }
        }
        _ => {}
    }
}

/// Replaces each `$ref` that names a recorded identifier with a local reference.
fn rewrite(node: &mut Value, base: &Url, ids: &HashMap<String, String>) {
    match node {
        Value::Object(map) => {
            let base = base_of(map, base);
            if let Some(Value::String(reference)) = map.get_mut("$ref")
                && let Some(local) = local_reference(reference, &base, ids)
            {
                *reference = local;
            }
            for (key, child) in map.iter_mut() {
                if !DATA.contains(&key.as_str()) {
                    rewrite(child, &base, ids);
                }
            }
        }
        Value::Array(items) => {
            for child in items {
                rewrite(child, base, ids);
            }
        }
        _ => {}
    }
}

/// The local reference (`#/…`, as a URI fragment) that `reference`, read under `base`, names
/// through a recorded identifier; `None` when it names none, or is already local.
fn local_reference(reference: &str, base: &Url, ids: &HashMap<String, String>) -> Option<String> {
    if reference.starts_with('#') && (reference.len() == 1 || reference[1..].starts_with('/')) {
        return None;
    }
    let mut target = base.join(reference).ok()?;
    let fragment = target.fragment().map(str::to_owned);
    let pointer = match fragment.as_deref() {
        None | Some("") => {
            target.set_fragment(None);
            ids.get(target.as_str())?.clone()
        }
        // A JSON pointer from the identified schema (still percent-encoded, as a fragment is).
        Some(rest) if rest.starts_with('/') => {
            target.set_fragment(None);
            format!("{}{rest}", ids.get(target.as_str())?)
        }
        // An anchor.
        Some(_) => ids.get(target.as_str())?.clone(),
    };
    // The pointer becomes a fragment: a `%` in a key must not read as an escape.
    Some(pointer.replace('%', "%25"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn resolved(mut doc: Value) -> Value {
        let text = doc.to_string();
        resolve(&mut doc, text.as_bytes());
        doc
    }

    #[test]
    fn absolute_relative_and_anchor_references_become_pointers() {
        let doc = resolved(json!({
            "components": {"schemas": {
                "Pet": {"$id": "https://example.com/schemas/pet", "type": "object",
                        "properties": {
                            "owner": {"$ref": "person"},
                            "tag": {"$ref": "#tag"},
                            "name": {"$ref": "https://example.com/schemas/pet#/properties/tag"}
                        },
                        "$defs": {"tag": {"$anchor": "tag", "type": "string"}}},
                "Person": {"$id": "https://example.com/schemas/person", "type": "object"},
                "Local": {"$id": "local.json", "type": "string"},
                "Uses": {"type": "array", "items": {"$ref": "local.json"}},
                "Odd%": {"$id": "urn:x", "type": "string"},
                "UsesOdd": {"$ref": "urn:x"},
                "Remote": {"$ref": "https://elsewhere.example/pet.json"},
                "File": {"$ref": "models/pet.yaml"},
                "Example": {"type": "object", "example": {"$ref": "person"}}
            }}
        }));
        let schemas = &doc["components"]["schemas"];
        let pet = &schemas["Pet"]["properties"];
        assert_eq!(pet["owner"]["$ref"], "#/components/schemas/Person");
        assert_eq!(pet["tag"]["$ref"], "#/components/schemas/Pet/$defs/tag");
        assert_eq!(
            pet["name"]["$ref"],
            "#/components/schemas/Pet/properties/tag"
        );
        assert_eq!(
            schemas["Uses"]["items"]["$ref"],
            "#/components/schemas/Local"
        );
        assert_eq!(schemas["UsesOdd"]["$ref"], "#/components/schemas/Odd%25");
        // What names no identifier of the document is left as written.
        assert_eq!(
            schemas["Remote"]["$ref"],
            "https://elsewhere.example/pet.json"
        );
        assert_eq!(schemas["File"]["$ref"], "models/pet.yaml");
        assert_eq!(schemas["Example"]["example"]["$ref"], "person");
    }

    #[test]
    fn a_document_without_identifiers_is_untouched() {
        let doc = json!({"a": {"$ref": "other.yaml#/x"}, "b": {"$ref": "#/a"}});
        assert_eq!(resolved(doc.clone()), doc);
    }
}
