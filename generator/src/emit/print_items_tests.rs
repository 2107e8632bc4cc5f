//! The params structs, success enums and error enums `print` prints against `syn` +
//! `prettyplease` on the tokens `items` builds, and the page functions on those `pages` builds,
//! gated and not.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

use quote::quote;

use super::features;
use super::items::{error_enum, params_struct, success_enum};
use super::pages::page_functions;
use super::print::{gate_line, op_items_text, page_functions_text};
use super::rust::unparse;
use crate::ir::Api;

fn lower(body: &str) -> Api {
    let text = format!("openapi: 3.0.3\ninfo: {{title: Test API, version: 1.2.3}}\n{body}");
    let spec = crate::load::parse(std::path::Path::new("test.yaml"), text.as_bytes()).unwrap();
    crate::lower::lower(&spec, &crate::Config::default()).unwrap()
}

/// Every operation's items of `api` printed as `syn` prints them, gated and not; how many
/// operations' items were printed, of how many.
fn items_printed_same(api: &Api) -> (usize, usize) {
    let features = vec!["a-feature".to_owned()];
    let gate = gate_line(&features, "test").unwrap();
    let attr = features::attribute(features::cfg(&features), "test").unwrap();
    let mut printed = 0;
    for op in &api.operations {
        let Some(items) = op_items_text(api, op, &mut |_| {}) else {
            continue;
        };
        let (params, success, error) = (
            params_struct(api, op),
            success_enum(api, op),
            error_enum(api, op),
        );
        let tokens = quote!(#params #success #error);
        let plain: String = items
            .iter()
            .map(|i| format!("{}{}", i.docs, i.body))
            .collect();
        assert_eq!(plain, unparse(tokens.clone(), "test").unwrap(), "{op:?}");
        let gated: String = items
            .iter()
            .map(|i| format!("{}{gate}{}", i.docs, i.body))
            .collect();
        let mut parsed = features::items(tokens, "test").unwrap();
        for item in &mut parsed {
            features::gate(features::item_attrs(item).unwrap(), &attr);
        }
        assert_eq!(gated, features::unparse_items(parsed), "{op:?}");
        printed += 1;
    }
    (printed, api.operations.len())
}

#[test]
fn items_of_every_name_length() {
    let mut body = String::from("paths:\n");
    for len in 1..=90 {
        let id = "a".repeat(len);
        body.push_str(&format!(
            "  /{id}:\n    get:\n      operationId: {id}\n      parameters:\n        \
             - {{name: q{id}, in: query, required: true, schema: {{type: integer}}}}\n        \
             - {{name: m, in: query, schema: {{type: object, additionalProperties: {{type: string}}}}}}\n        \
             - {{name: t, in: query, schema: {{$ref: '#/components/schemas/Thing{id}'}}}}\n      \
             responses:\n        \
             '200':\n          description: ok\n          content:\n            \
             application/json:\n              schema: {{$ref: '#/components/schemas/Thing{id}'}}\n        \
             '201':\n          description: made\n          content:\n            \
             text/plain:\n              schema: {{type: string}}\n        \
             '404':\n          description: missing\n          content:\n            \
             application/json:\n              schema: {{$ref: '#/components/schemas/Thing{id}'}}\n        \
             '5XX':\n          description: down\n    \
             post:\n      operationId: post{id}\n      parameters:\n        \
             - {{name: p, in: query, schema: {{type: array, items: {{$ref: '#/components/schemas/Thing{id}'}}}}}}\n      \
             responses:\n        \
             '204':\n          description: none\n        \
             '404':\n          description: missing\n          content:\n            \
             application/json:\n              schema: {{$ref: '#/components/schemas/Thing{id}'}}\n        \
             '5XX':\n          description: down\n"
        ));
    }
    body.push_str("components:\n  schemas:\n");
    for len in 1..=90 {
        let id = "a".repeat(len);
        body.push_str(&format!(
            "    Thing{id}: {{type: object, properties: {{a: {{type: string}}}}}}\n"
        ));
    }
    let api = lower(&body);
    assert_eq!(api.operations.len(), 180);
    // Long type names make `prettyplease` wrap a variant: those are left to it.
    let (printed, total) = items_printed_same(&api);
    assert!(printed >= 60, "{printed} of {total}");
}

#[test]
fn items_of_every_repository_spec() {
    let (mut printed, mut total) = (0, 0);
    for api in super::print_tests::repository_apis() {
        let (p, t) = items_printed_same(&api);
        printed += p;
        total += t;
    }
    assert!(printed * 10 > total * 9, "{printed} of {total}");
}

/// The corpus's largest specs (the snapshot of every corpus spec is compared in CI too).
#[test]
fn items_of_the_largest_corpus_specs() {
    for (name, api) in super::print_tests::largest_corpus_apis() {
        let (printed, total) = items_printed_same(&api);
        assert!(printed * 10 > total * 9, "{name}: {printed} of {total}");
    }
}

/// Every paginated operation's page functions of `api` printed as `syn` prints them, gated
/// and not; how many were printed, of how many.
fn page_functions_printed_same(api: &Api) -> (usize, usize) {
    let features = vec!["a-feature".to_owned()];
    let gate = gate_line(&features, "test").unwrap();
    let attr = features::attribute(features::cfg(&features), "test").unwrap();
    let (mut printed, mut total) = (0, 0);
    for op in api.operations.iter().filter(|op| op.pagination.is_some()) {
        total += 1;
        let Some(items) = page_functions_text(api, op, &mut |_| {}) else {
            continue;
        };
        let tokens = page_functions(api, op);
        let plain: String = items
            .iter()
            .map(|i| format!("{}{}", i.docs, i.body))
            .collect();
        assert_eq!(plain, unparse(tokens.clone(), "test").unwrap(), "{op:?}");
        let gated: String = items
            .iter()
            .map(|i| format!("{}{gate}{}", i.docs, i.body))
            .collect();
        let mut parsed = features::items(tokens, "test").unwrap();
        for item in &mut parsed {
            features::gate(features::item_attrs(item).unwrap(), &attr);
        }
        assert_eq!(gated, features::unparse_items(parsed), "{op:?}");
        printed += 1;
    }
    (printed, total)
}

#[test]
fn page_functions_of_every_repository_and_large_corpus_spec() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/corpus/real");
    let mut apis = super::print_tests::repository_apis();
    for name in [
        "github-rest.json",
        "box.json",
        "stripe.yaml",
        "oxide-nexus.json",
    ] {
        let spec = crate::load::load(&root.join(name)).unwrap();
        apis.push(crate::lower::lower(&spec, &crate::Config::default()).unwrap());
    }
    let (mut printed, mut total) = (0, 0);
    for api in &apis {
        let (p, t) = page_functions_printed_same(api);
        printed += p;
        total += t;
    }
    assert!(printed * 10 > total * 9, "{printed} of {total}");
}
