//! The decoders `print` prints against `syn` + `prettyplease` on the tokens `decode` builds.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

use super::features;
use super::print::{decoder_text, gate_line};
use super::rust::unparse;
use crate::ir::Api;

fn lower(body: &str) -> Api {
    let text = format!("openapi: 3.0.3\ninfo: {{title: Test API, version: 1.2.3}}\n{body}");
    let spec = crate::load::parse(std::path::Path::new("test.yaml"), text.as_bytes()).unwrap();
    crate::lower::lower(&spec, &crate::Config::default()).unwrap()
}

/// Every decoder of `api` printed as `syn` prints it, gated and not; how many were printed.
fn decoders_printed_same(api: &Api) -> usize {
    let features = vec!["a-feature".to_owned()];
    let gate = gate_line(&features, "test").unwrap();
    let attr = features::attribute(features::cfg(&features), "test").unwrap();
    let mut printed = 0;
    for op in &api.operations {
        let Some(text) = decoder_text(api, op, "") else {
            continue;
        };
        let tokens = crate::emit::decode::decoder(api, op);
        assert_eq!(text, unparse(tokens.clone(), "test").unwrap(), "{op:?}");
        let mut items = features::items(tokens, "test").unwrap();
        for item in &mut items {
            features::gate(features::item_attrs(item).unwrap(), &attr);
        }
        assert_eq!(
            decoder_text(api, op, &gate).unwrap(),
            features::unparse_items(items)
        );
        printed += 1;
    }
    printed
}

#[test]
fn decoders_of_every_length() {
    let mut body = String::from("paths:\n");
    for len in 1..=90 {
        let id = "a".repeat(len);
        body.push_str(&format!(
            "  /{id}:\n    get:\n      operationId: {id}\n      responses:\n        \
             '200':\n          description: ok\n          content:\n            \
             application/json:\n              schema: {{$ref: '#/components/schemas/Thing'}}\n        \
             '404':\n          description: missing\n          content:\n            \
             application/json:\n              schema: {{type: object, properties: {{m: {{type: string}}}}}}\n        \
             '5XX':\n          description: down\n        \
             default:\n          description: other\n    \
             post:\n      operationId: post{id}\n      responses:\n        \
             '201':\n          description: made\n          content:\n            \
             text/plain:\n              schema: {{type: string}}\n        \
             '202':\n          description: later\n        \
             '203':\n          description: bytes\n          content:\n            \
             application/octet-stream:\n              schema: {{type: string, format: binary}}\n"
        ));
    }
    body.push_str(
        "components:\n  schemas:\n    Thing: {type: object, properties: {a: {type: string}}}\n",
    );
    let api = lower(&body);
    assert_eq!(api.operations.len(), 180);
    // Long names make `prettyplease` wrap a call's arguments: those are left to it.
    let printed = decoders_printed_same(&api);
    assert!(printed >= 20, "{printed}");
}

#[test]
fn decoders_of_every_repository_spec() {
    let (mut printed, mut total) = (0, 0);
    for api in super::print_tests::repository_apis() {
        total += api.operations.len();
        printed += decoders_printed_same(&api);
    }
    assert!(printed * 10 > total * 9, "{printed} of {total}");
}

/// The corpus's largest specs, whose long error enum names break arms.
#[test]
fn decoders_of_the_largest_corpus_specs() {
    for (name, api) in super::print_tests::largest_corpus_apis() {
        let printed = decoders_printed_same(&api);
        let total = api.operations.len();
        assert!(printed * 10 > total * 9, "{name}: {printed} of {total}");
    }
}
