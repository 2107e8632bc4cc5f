//! The `Client` methods `print` prints against `syn` + `prettyplease` on the tokens `method`
//! builds, gated and not: every method of every repository spec, and sweeps across the margin.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

use proc_macro2::TokenStream;
use quote::quote;

use super::features;
use super::method::{method, stream_method};
use super::pages::page_methods;
use super::print::{gate_line, method_text, page_methods_text, stream_method_text};
use super::rust::unparse;
use crate::ir::Api;

fn lower(body: &str) -> Api {
    let text = format!("openapi: 3.0.3\ninfo: {{title: Test API, version: 1.2.3}}\n{body}");
    let spec = crate::load::parse(std::path::Path::new("test.yaml"), text.as_bytes()).unwrap();
    crate::lower::lower(&spec, &crate::Config::default()).unwrap()
}

/// The methods in `tokens` formatted in an `impl Client`, each gated by `gated` when given,
/// as `operations` formats them: the body of the `impl`.
fn through_syn(tokens: TokenStream, gated: Option<&[String]>) -> String {
    let text = match gated {
        None => unparse(quote!(impl Client { #tokens }), "test").unwrap(),
        Some(used_by) => {
            let attr = features::attribute(features::cfg(used_by), "test").unwrap();
            let mut block: syn::ItemImpl = syn::parse2(quote!(impl Client { #tokens })).unwrap();
            for item in &mut block.items {
                if let syn::ImplItem::Fn(method) = item {
                    features::gate(&mut method.attrs, &attr);
                }
            }
            features::unparse_items(vec![syn::Item::Impl(block)])
        }
    };
    text.strip_prefix("impl Client {\n")
        .and_then(|t| t.strip_suffix("}\n"))
        .unwrap()
        .to_owned()
}

/// Every method and stream method of `api` printed as `syn` prints it, gated and not; how many
/// of how many were printed.
fn methods_printed_same(api: &Api) -> (usize, usize) {
    let features = vec!["a-feature".to_owned()];
    let gate = gate_line(&features, "test").unwrap();
    let (mut printed, mut total) = (0, 0);
    for op in &api.operations {
        let mut cases = vec![(
            method_text(api, op, "", &mut |_, _| {}),
            method_text(api, op, &gate, &mut |_, _| {}),
            method(api, op),
        )];
        if op.events.is_some() {
            cases.push((
                stream_method_text(api, op, "", &mut |_, _| {}),
                stream_method_text(api, op, &gate, &mut |_, _| {}),
                stream_method(api, op),
            ));
        }
        if op.pagination.is_some() {
            cases.push((
                page_methods_text(api, op, "", &mut |_| {}),
                page_methods_text(api, op, &gate, &mut |_| {}),
                page_methods(api, op),
            ));
        }
        for (plain, gated, tokens) in cases {
            total += 1;
            let Some(plain) = plain else {
                continue;
            };
            assert_eq!(plain, through_syn(tokens.clone(), None), "{op:?}");
            let gated = gated.unwrap();
            assert_eq!(gated, through_syn(tokens, Some(&features)), "{op:?}");
            printed += 1;
        }
    }
    (printed, total)
}

/// A spec of operations whose names are 1 to 90 bytes long, with arguments, a params struct,
/// optional and required bodies, security and a server: their lines cross the margin.
fn sweep(extra: &str) -> Api {
    let mut body = String::from("security: [{key: []}]\npaths:\n");
    for len in 1..=90 {
        let id = "a".repeat(len);
        body.push_str(&format!(
            "  /{id}/{{id}}:\n    get:\n      operationId: get{id}\n      parameters:\n        \
             - {{name: id, in: path, required: true, schema: {{type: string}}}}\n        \
             - {{name: q{id}, in: query, required: true, schema: {{type: integer}}}}\n        \
             - {{name: opt, in: query, schema: {{type: string}}}}\n{extra}      \
             responses:\n        '200':\n          description: ok\n          content:\n            \
             application/json:\n              schema: {{$ref: '#/components/schemas/Thing'}}\n    \
             post:\n      operationId: post{id}\n      requestBody:\n        content:\n          \
             application/json:\n            schema: {{$ref: '#/components/schemas/Thing'}}\n      \
             responses:\n        '204':\n          description: none\n  \
             /{id}:\n    put:\n      operationId: put{id}\n      requestBody:\n        required: true\n        \
             content:\n          application/octet-stream:\n            \
             schema: {{type: string, format: binary}}\n      \
             responses:\n        '200':\n          description: ok\n          content:\n            \
             text/plain:\n              schema: {{type: string}}\n"
        ));
    }
    body.push_str(
        "components:\n  securitySchemes:\n    key: {type: apiKey, in: header, name: X-Key}\n  \
         schemas:\n    Thing: {type: object, properties: {a: {type: string}}}\n",
    );
    lower(&body)
}

#[test]
fn methods_of_every_name_length() {
    let api = sweep("");
    assert_eq!(api.operations.len(), 270);
    let (printed, total) = methods_printed_same(&api);
    // Long names make `prettyplease` wrap a call's arguments: those are left to it.
    assert!(printed >= 60, "{printed} of {total}");
}

#[test]
fn methods_with_many_arguments_of_every_name_length() {
    let mut extra = String::new();
    for i in 0..7 {
        extra.push_str(&format!(
            "        - {{name: h{i}, in: header, required: true, schema: {{type: boolean}}}}\n"
        ));
    }
    let api = sweep(&extra);
    let (printed, total) = methods_printed_same(&api);
    // Long names make `prettyplease` wrap a call's arguments: those are left to it.
    assert!(printed >= 60, "{printed} of {total}");
}

/// Paginated operations (a Stripe-style cursor with a path argument, an offset) whose names
/// are 1 to 90 bytes long: their page methods' signatures and calls cross the margin.
#[test]
fn page_methods_of_every_name_length() {
    let mut body = String::from("paths:\n");
    for len in 1..=90 {
        let id = "a".repeat(len);
        body.push_str(&format!(
            "  /{id}/{{owner}}:\n    get:\n      operationId: list{id}\n      parameters:\n        \
             - {{name: owner, in: path, required: true, schema: {{type: string}}}}\n        \
             - {{name: starting_after, in: query, schema: {{type: string}}}}\n        \
             - {{name: limit, in: query, schema: {{type: integer}}}}\n      \
             responses:\n        '200':\n          description: ok\n          content:\n            \
             application/json:\n              schema:\n                type: object\n                \
             required: [data, has_more]\n                properties:\n                  \
             data: {{type: array, items: {{$ref: '#/components/schemas/Item'}}}}\n                  \
             has_more: {{type: boolean}}\n  \
             /{id}:\n    get:\n      operationId: offset{id}\n      parameters:\n        \
             - {{name: offset, in: query, schema: {{type: integer}}}}\n        \
             - {{name: limit, in: query, schema: {{type: integer}}}}\n      \
             responses:\n        '200':\n          description: ok\n          content:\n            \
             application/json:\n              schema:\n                type: object\n                \
             required: [results]\n                properties:\n                  \
             results: {{type: array, items: {{$ref: '#/components/schemas/Item'}}}}\n"
        ));
    }
    body.push_str(
        "components:\n  schemas:\n    Item: {type: object, properties: {id: {type: string}}}\n",
    );
    let api = lower(&body);
    let paginated = api
        .operations
        .iter()
        .filter(|op| op.pagination.is_some())
        .count();
    assert_eq!(paginated, 180);
    let (printed, total) = methods_printed_same(&api);
    assert_eq!(total, 180 * 2);
    // Those printed are the same as `prettyplease`'s; names long enough to break a call's
    // arguments (in the method or the closure) are left to it.
    assert!(printed >= 220, "{printed} of {total}");
}

#[test]
fn methods_of_every_repository_spec() {
    let (mut printed, mut total) = (0, 0);
    for api in super::print_tests::repository_apis() {
        let (p, t) = methods_printed_same(&api);
        printed += p;
        total += t;
    }
    assert!(printed * 10 > total * 9, "{printed} of {total}");
}

/// The corpus's largest specs (the snapshot of every corpus spec is compared in CI too).
#[test]
fn methods_of_the_largest_corpus_specs() {
    for (name, api) in super::print_tests::largest_corpus_apis() {
        let (printed, total) = methods_printed_same(&api);
        assert!(printed * 10 > total * 8, "{name}: {printed} of {total}");
    }
}
