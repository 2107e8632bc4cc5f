//! Method names for `operationId`s a server framework made up from the route.
//!
//! FastAPI names an operation, unless told otherwise, after its Python function, then its path
//! with every character that is not a letter, digit or `_` written `_`, then its method:
//! `list_models_v1_models_get` for `list_models` serving `GET /v1/models`,
//! `read_item_items__item_id__get` for `GET /items/{item_id}`. As a method name that says three
//! times what the method's docs say once (`GET /v1/models`, operation
//! `list_models_v1_models_get`). Such an operation's method is named for the function
//! (`list_models`), when that name is its alone: when two operations would share it (one
//! function serving two routes) or it is a name `Client` keeps, each keeps its `operationId`.
//! An `operationId` that is not so made (any other text, or the pattern with nothing in front)
//! is left as it is.

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{OpenAPI, ReferenceOr};

use super::schema::field_name;
use crate::error::{join, pointer};
use crate::naming;

/// The shorter name of every operation whose `operationId` FastAPI made up from its function,
/// by the operation's JSON pointer; operations not in it are named for their `operationId`.
/// `reserved` are the method names `Client` keeps.
pub(super) fn route_named(doc: &OpenAPI, reserved: &[&str]) -> BTreeMap<String, String> {
    // Each operation's name as a method would have it, the shorter one where there is one.
    let mut names: Vec<(String, String, bool)> = Vec::new();
    for (path_key, item) in &doc.paths.paths {
        let ReferenceOr::Item(item) = item else {
            continue;
        };
        let item_at = pointer(&["paths", path_key]);
        for (method, op) in item.iter() {
            let Some(id) = op.operation_id.as_deref() else {
                continue;
            };
            let at = join(&item_at, method);
            match function_name(id, path_key, method) {
                Some(short) => names.push((at, short.to_owned(), true)),
                None => names.push((at, id.to_owned(), false)),
            }
        }
    }
    let mut count: BTreeMap<String, usize> = BTreeMap::new();
    for (_, name, _) in &names {
        *count.entry(method_name(name)).or_default() += 1;
    }
    let reserved: BTreeSet<&str> = reserved.iter().copied().collect();
    names
        .into_iter()
        .filter(|(_, name, short)| {
            let method = method_name(name);
            *short && count.get(&method) == Some(&1) && !reserved.contains(method.as_str())
        })
        .map(|(at, name, _)| (at, name))
        .collect()
}

/// The method name `text` (an `operationId`, a function's name, or a method and path) makes,
/// before the client's scope numbers a clash.
pub(super) fn method_name(text: &str) -> String {
    field_name(&naming::value_name(text, "op"))
}

/// The function's name in `id`, when `id` is FastAPI's default for the route: the name, the
/// path with each character other than a letter, digit or `_` made `_`, `_`, the method.
fn function_name<'a>(id: &'a str, path: &str, method: &str) -> Option<&'a str> {
    let route: String = path
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let name = id
        .strip_suffix(method)?
        .strip_suffix('_')?
        .strip_suffix(route.as_str())?;
    (!name.is_empty() && name.chars().any(char::is_alphanumeric)).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::function_name;

    #[test]
    fn fastapis_default_operation_ids_give_the_functions_name() {
        let cases = [
            (
                "list_models_v1_models_get",
                "/v1/models",
                "get",
                Some("list_models"),
            ),
            (
                "read_item_items__item_id__get",
                "/items/{item_id}",
                "get",
                Some("read_item"),
            ),
            ("root__get", "/", "get", Some("root")),
            (
                "text_to_speech_v1_text_to_speech__voice_id__stream_post",
                "/v1/text-to-speech/{voice_id}/stream",
                "post",
                Some("text_to_speech"),
            ),
            // Not made from this route, or nothing before it.
            ("listModels", "/v1/models", "get", None),
            ("list_models_v1_models_get", "/v1/models", "post", None),
            ("list_models_v2_models_get", "/v1/models", "get", None),
            ("_v1_models_get", "/v1/models", "get", None),
            ("__v1_models_get", "/v1/models", "get", None),
        ];
        for (id, path, method, expected) in cases {
            assert_eq!(function_name(id, path, method), expected, "{id}");
        }
    }
}
