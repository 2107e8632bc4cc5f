//! The policy for imperfect specs at load time, for the nodes outside `paths` and `components`'
//! schemas that only describe the API or that the client can do without: `info` (its title and
//! version name the crate; contact, license and terms are documentation), `tags`,
//! `externalDocs`, a server entry without its `url`, a security scheme, example or link
//! component that does not have its required shape. Each such node that `openapiv3` would
//! refuse, and with it the whole document, is repaired or left out here with a warning; one
//! missing `info.version` must not cost the user every operation. (`confined` does the same
//! for operations, `shallow` for schemas and the other components.)

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::error::join;
use crate::ir::Warning;

/// The title an `info` without a usable one gets.
const TITLE: &str = "API";

/// The version an `info` without a usable one gets.
const VERSION: &str = "0.0.0";

/// Repairs or leaves out, with a warning each, the documentation nodes that would not read.
pub(super) fn repair(doc: &mut Value, warnings: &mut Vec<Warning>) {
    let Value::Object(root) = doc else {
        return;
    };
    info(root, warnings);
    paths(root, warnings);
    azure_paths(root, warnings);
    entries_of_list::<openapiv3::Server>(root, "servers", "#", warnings);
    entries_of_list::<openapiv3::Tag>(root, "tags", "#", warnings);
    optional::<openapiv3::ExternalDocumentation>(root, "externalDocs", "#", warnings);
    component_sections(root, warnings);
    if let Some(Value::Object(components)) = root.get_mut("components") {
        let at = "#/components";
        type Scheme = openapiv3::ReferenceOr<openapiv3::SecurityScheme>;
        entries_of_map::<Scheme>(components, "securitySchemes", at, warnings);
        type Example = openapiv3::ReferenceOr<openapiv3::Example>;
        entries_of_map::<Example>(components, "examples", at, warnings);
        type Link = openapiv3::ReferenceOr<openapiv3::Link>;
        entries_of_map::<Link>(components, "links", at, warnings);
    }
}

/// The sections of `components`, each a map of names to components.
const SECTIONS: [&str; 9] = [
    "schemas",
    "responses",
    "parameters",
    "examples",
    "requestBodies",
    "headers",
    "securitySchemes",
    "links",
    "callbacks",
];

/// `components` and each of its sections as maps: an empty one (`parameters:` with nothing
/// under it, as a document assembled from a template leaves it) is dropped, as it holds
/// nothing; one that is not a map (a file name where the map of request bodies belongs) is
/// left out with a warning, so that only what refers to its components is lost.
fn component_sections(root: &mut Map<String, Value>, warnings: &mut Vec<Warning>) {
    match root.get_mut("components") {
        None | Some(Value::Object(_)) => {}
        Some(Value::Null) => {
            root.shift_remove("components");
        }
        Some(_) => {
            root.shift_remove("components");
            warnings.push(left_out("#/components", "it is not a map"));
        }
    }
    let Some(Value::Object(components)) = root.get_mut("components") else {
        return;
    };
    for section in SECTIONS {
        match components.get(section) {
            None | Some(Value::Object(_)) => {}
            Some(Value::Null) => {
                components.shift_remove(section);
            }
            Some(_) => {
                components.shift_remove(section);
                warnings.push(left_out(
                    &join("#/components", section),
                    "it is not a map of components",
                ));
            }
        }
    }
}

/// `info` as `openapiv3` reads it: a title and a version that are text (a number, as YAML
/// reads `version: 1.0`, becomes its text), what else reads kept, what does not left out.
fn info(root: &mut Map<String, Value>, warnings: &mut Vec<Warning>) {
    let at = "#/info";
    if root.get("info").is_some_and(reads::<openapiv3::Info>) {
        return;
    }
    let old = match root.get("info") {
        Some(Value::Object(old)) => old.clone(),
        Some(_) => {
            warnings.push(left_out(at, "`info` is not an object"));
            Map::new()
        }
        None => {
            warnings.push(Warning {
                pointer: "#".to_owned(),
                message: format!(
                    "the document has no `info` (OpenAPI requires one); the API is titled \
                     `{TITLE}`, version `{VERSION}`"
                ),
            });
            Map::new()
        }
    };
    let mut info = Map::new();
    for (key, default) in [("title", TITLE), ("version", VERSION)] {
        let text = match old.get(key) {
            Some(Value::String(text)) => text.clone(),
            Some(number @ Value::Number(_)) => number.to_string(),
            Some(Value::Bool(flag)) => flag.to_string(),
            other => {
                if other.is_some() || root.contains_key("info") {
                    warnings.push(Warning {
                        pointer: join(at, key),
                        message: format!(
                            "`info.{key}` is missing or not text (OpenAPI requires it); \
                             `{default}` is used"
                        ),
                    });
                }
                default.to_owned()
            }
        };
        info.insert(key.to_owned(), Value::String(text));
    }
    for (key, value) in &old {
        if key == "title" || key == "version" {
            continue;
        }
        let why = match key.as_str() {
            "description" | "termsOfService" if value.is_string() => None,
            "description" | "termsOfService" => Some("it is not text".to_owned()),
            "contact" if !reads::<openapiv3::Contact>(value) => {
                Some(why::<openapiv3::Contact>(value))
            }
            "license" if !reads::<openapiv3::License>(value) => {
                Some(why::<openapiv3::License>(value))
            }
            "contact" | "license" => None,
            _ if key.starts_with("x-") => None,
            _ => Some("the Info Object has no such field".to_owned()),
        };
        match why {
            None => {
                info.insert(key.clone(), value.clone());
            }
            Some(why) => warnings.push(left_out(&join(at, key), &why)),
        }
    }
    root.insert("info".to_owned(), Value::Object(info));
}

/// `paths`, which OpenAPI 3.0 requires (3.1 and the 2.0 converter fill it in): a document
/// without it (one that only describes its webhooks, say) is read as an API with no operations,
/// with a warning, instead of refused; one whose `paths` is not a map likewise.
fn paths(root: &mut Map<String, Value>, warnings: &mut Vec<Warning>) {
    let (pointer, message) = match root.get_mut("paths") {
        Some(Value::Object(paths)) => {
            prose_of_paths(paths, warnings);
            return;
        }
        Some(_) => (
            "#/paths",
            "`paths` is not a map of paths; the API is read as having no operations",
        ),
        None => (
            "#",
            "the document has no `paths` (OpenAPI 3.0 requires it); the API is read as having \
             no operations",
        ),
    };
    warnings.push(Warning {
        pointer: pointer.to_owned(),
        message: message.to_owned(),
    });
    root.insert("paths".to_owned(), Value::Object(Map::new()));
}

/// The `summary` and `description` of each path item and operation, which are text: one that
/// is not (Okta's description of a path, a string spread into an object of its letters) is
/// left out with a warning, instead of costing the path item's operations. An operation
/// without `responses` is read as documenting none.
fn prose_of_paths(paths: &mut Map<String, Value>, warnings: &mut Vec<Warning>) {
    const METHODS: [&str; 9] = [
        "get", "put", "post", "delete", "options", "head", "patch", "trace", "query",
    ];
    let prose = |node: &mut Value, at: &str, warnings: &mut Vec<Warning>| {
        let Value::Object(node) = node else { return };
        for key in ["summary", "description"] {
            if node
                .get(key)
                .is_some_and(|v| !v.is_string() && !v.is_null())
            {
                node.shift_remove(key);
                warnings.push(left_out(&join(at, key), "it is not text"));
            }
        }
    };
    let mut without_responses: Vec<String> = Vec::new();
    for (path, item) in paths.iter_mut().filter(|(key, _)| !key.starts_with("x-")) {
        let at = join("#/paths", path);
        prose(item, &at, warnings);
        if let Value::Object(item) = item {
            for method in METHODS {
                if let Some(operation) = item.get_mut(method) {
                    prose(operation, &join(&at, method), warnings);
                    if let Value::Object(operation) = operation
                        && !operation.contains_key("responses")
                    {
                        operation.insert("responses".to_owned(), Value::Object(Map::new()));
                        without_responses.push(join(&at, method));
                    }
                }
            }
        }
    }
    // OpenAPI 3.0 and Swagger 2.0 require `responses`; 3.1 does not, and reads their absence
    // as documenting none (`v31` fills in the same empty map). Without the repair the
    // operation would be refused; one warning, at the first, says it for all.
    if let Some(first) = without_responses.first() {
        let others = match without_responses.len() - 1 {
            0 => String::new(),
            1 => " (here and at 1 other operation)".to_owned(),
            n => format!(" (here and at {n} other operations)"),
        };
        warnings.push(Warning {
            pointer: first.clone(),
            message: format!(
                "the operation has no `responses` (OpenAPI 3.0 and Swagger 2.0 require them); \
                 it is read as documenting none, as OpenAPI 3.1 reads it: the call succeeds on \
                 any 2xx status and returns no value{others}"
            ),
        });
    }
}

/// AutoRest's `x-ms-paths` (Azure): path items whose keys carry a query string that tells
/// apart operations on one path. An extension, which OpenAPI lets tools ignore, but one that
/// holds operations: that they are not generated is said, not silent.
fn azure_paths(root: &Map<String, Value>, warnings: &mut Vec<Warning>) {
    const METHODS: [&str; 8] = [
        "get", "put", "post", "delete", "options", "head", "patch", "trace",
    ];
    let Some(Value::Object(items)) = root.get("x-ms-paths") else {
        return;
    };
    let operations: usize = items
        .values()
        .filter_map(Value::as_object)
        .map(|item| {
            item.keys()
                .filter(|k| METHODS.contains(&k.as_str()))
                .count()
        })
        .sum();
    if operations > 0 {
        warnings.push(Warning {
            pointer: "#/x-ms-paths".to_owned(),
            message: format!(
                "{operations} operation(s) under AutoRest's `x-ms-paths` extension (paths told \
                 apart by a query string) are not generated: the extension is not read"
            ),
        });
    }
}

/// Leaves out each entry of the list `key` that does not read as `T`.
fn entries_of_list<T: DeserializeOwned>(
    object: &mut Map<String, Value>,
    key: &str,
    at: &str,
    warnings: &mut Vec<Warning>,
) {
    let at = join(at, key);
    match object.get_mut(key) {
        Some(Value::Array(items)) => {
            let mut index = 0;
            items.retain(|item| {
                let keep = reads::<T>(item);
                if !keep {
                    warnings.push(left_out(&join(&at, &index.to_string()), &why::<T>(item)));
                }
                index += 1;
                keep
            });
        }
        Some(Value::Null) | None => {}
        Some(_) => {
            object.shift_remove(key);
            warnings.push(left_out(&at, "it is not a list"));
        }
    }
}

/// Leaves out each entry of the map `key` that does not read as `T`.
fn entries_of_map<T: DeserializeOwned>(
    object: &mut Map<String, Value>,
    key: &str,
    at: &str,
    warnings: &mut Vec<Warning>,
) {
    let at = join(at, key);
    match object.get_mut(key) {
        Some(Value::Object(entries)) => entries.retain(|name, entry| {
            let keep = name.starts_with("x-") || reads::<T>(entry);
            if !keep {
                warnings.push(left_out(&join(&at, name), &why::<T>(entry)));
            }
            keep
        }),
        Some(Value::Null) | None => {}
        Some(_) => {
            object.shift_remove(key);
            warnings.push(left_out(&at, "it is not a map"));
        }
    }
}

/// Leaves out `key` when it does not read as `T`.
fn optional<T: DeserializeOwned>(
    object: &mut Map<String, Value>,
    key: &str,
    at: &str,
    warnings: &mut Vec<Warning>,
) {
    if let Some(value) = object.get(key) {
        if !reads::<T>(value) {
            let why = why::<T>(value);
            object.shift_remove(key);
            warnings.push(left_out(&join(at, key), &why));
        }
    }
}

fn reads<T: DeserializeOwned>(value: &Value) -> bool {
    T::deserialize(value).is_ok()
}

/// Why `value` does not read as `T`, with the path inside it (`email: invalid type: …`).
fn why<T: DeserializeOwned>(value: &Value) -> String {
    match serde_path_to_error::deserialize::<_, T>(value) {
        Ok(_) => String::new(),
        Err(error) => {
            let path = error.path().to_string();
            if path == "." || path.is_empty() {
                error.inner().to_string()
            } else {
                format!("at `{path}`: {}", error.inner())
            }
        }
    }
}

fn left_out(pointer: &str, why: &str) -> Warning {
    Warning {
        pointer: pointer.to_owned(),
        message: format!("not a valid OpenAPI document here ({why}); it is left out"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn repaired(mut doc: Value) -> (Value, Vec<String>) {
        let mut warnings = Vec::new();
        repair(&mut doc, &mut warnings);
        let warnings = warnings
            .into_iter()
            .map(|w| format!("{}: {}", w.pointer, w.message))
            .collect();
        (doc, warnings)
    }

    #[test]
    fn a_valid_document_is_left_as_it_is() {
        let doc = json!({
            "info": {"title": "t", "version": "1", "contact": {"email": "a@b.c"}},
            "paths": {},
            "servers": [{"url": "https://x.test"}],
            "tags": [{"name": "pets"}],
            "components": {"securitySchemes": {"k": {"type": "apiKey", "in": "header", "name": "K"}}}
        });
        let (after, warnings) = repaired(doc.clone());
        assert_eq!(after, doc);
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn info_gets_text_for_its_title_and_version_and_loses_what_does_not_read() {
        let (doc, warnings) = repaired(json!({
            "info": {"title": "t", "version": 1.0, "contact": {"email": 5}, "x-logo": 1},
            "paths": {}
        }));
        assert_eq!(
            doc,
            json!({"info": {"title": "t", "version": "1.0", "x-logo": 1}, "paths": {}})
        );
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].starts_with("#/info/contact: "), "{warnings:?}");

        let (doc, warnings) = repaired(json!({"info": {"title": "t"}, "paths": {}}));
        assert_eq!(
            doc,
            json!({"info": {"title": "t", "version": "0.0.0"}, "paths": {}})
        );
        assert!(warnings[0].starts_with("#/info/version: "), "{warnings:?}");

        let (doc, warnings) = repaired(json!({"paths": {}}));
        assert_eq!(doc["info"], json!({"title": "API", "version": "0.0.0"}));
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].starts_with("#: the document has no `info`"));
    }

    #[test]
    fn an_empty_section_of_components_is_dropped_and_one_that_is_not_a_map_left_out() {
        // InfluxData's `src/common.yml`: `parameters:` with nothing under it; its
        // `uiproxyd.yml`: a file name where the map of request bodies belongs.
        let (doc, warnings) = repaired(json!({
            "info": {"title": "t", "version": "1"},
            "paths": {},
            "components": {
                "parameters": null,
                "requestBodies": "./requestBodies/Params.yml",
                "schemas": {"A": {"type": "string"}}
            }
        }));
        assert_eq!(
            doc["components"],
            json!({"schemas": {"A": {"type": "string"}}})
        );
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(
            warnings[0].starts_with("#/components/requestBodies: not a valid OpenAPI document"),
            "{warnings:?}"
        );

        let (doc, warnings) = repaired(
            json!({"info": {"title": "t", "version": "1"}, "paths": {}, "components": null}),
        );
        assert!(doc.get("components").is_none());
        assert!(warnings.is_empty(), "{warnings:?}");
        let (doc, warnings) = repaired(
            json!({"info": {"title": "t", "version": "1"}, "paths": {}, "components": [1]}),
        );
        assert!(doc.get("components").is_none());
        assert!(warnings[0].starts_with("#/components: "), "{warnings:?}");
    }

    #[test]
    fn prose_that_is_not_text_is_left_out_and_the_operations_kept() {
        // Okta: a path item's description spread into an object of its letters.
        let (doc, warnings) = repaired(json!({
            "info": {"title": "t", "version": "1"},
            "paths": {"/a": {
                "description": {"0": "F", "1": "i"},
                "get": {"summary": ["x"], "description": "fine", "responses": {}}
            }}
        }));
        assert_eq!(
            doc["paths"],
            json!({"/a": {"get": {"description": "fine", "responses": {}}}})
        );
        let pointers: Vec<&str> = warnings
            .iter()
            .map(|w| w.split(": ").next().unwrap())
            .collect();
        assert_eq!(
            pointers,
            ["#/paths/~1a/description", "#/paths/~1a/get/summary"]
        );
    }

    #[test]
    fn operations_under_azure_paths_are_said_to_be_left_out() {
        let (_, warnings) = repaired(json!({
            "info": {"title": "t", "version": "1"},
            "paths": {},
            "x-ms-paths": {"/a?mode=q": {"get": {}, "post": {}, "parameters": []}}
        }));
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(
            warnings[0].starts_with("#/x-ms-paths: 2 operation(s) under AutoRest's"),
            "{warnings:?}"
        );
    }

    #[test]
    fn entries_that_do_not_read_are_left_out_each_with_its_pointer() {
        let (doc, warnings) = repaired(json!({
            "info": {"title": "t", "version": "1"},
            "paths": {},
            "servers": [{"description": "no url"}, {"url": "https://x.test"}],
            "tags": [{"description": "nameless"}, {"name": "pets"}],
            "externalDocs": {"description": "no url"},
            "components": {"securitySchemes": {
                "k": {"type": "apiKey", "name": "K"},
                "b": {"type": "http", "scheme": "bearer"}
            }}
        }));
        assert_eq!(doc["servers"], json!([{"url": "https://x.test"}]));
        assert_eq!(doc["tags"], json!([{"name": "pets"}]));
        assert!(doc.get("externalDocs").is_none());
        assert_eq!(
            doc["components"]["securitySchemes"],
            json!({"b": {"type": "http", "scheme": "bearer"}})
        );
        let pointers: Vec<&str> = warnings
            .iter()
            .map(|w| w.split(": ").next().unwrap())
            .collect();
        assert_eq!(
            pointers,
            [
                "#/servers/0",
                "#/tags/0",
                "#/externalDocs",
                "#/components/securitySchemes/k"
            ]
        );
        assert!(warnings[0].contains("missing field `url`"), "{warnings:?}");
    }
}
