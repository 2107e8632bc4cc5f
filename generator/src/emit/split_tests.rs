//! Formatting in runs on several threads gives, byte for byte, what formatting each module as
//! one file gives, however the items are cut and however many threads there are.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

use std::path::{Path, PathBuf};

use quote::quote;

use super::rust::{self, Split};
use super::{Options, emit_split, operations, types};
use crate::ir::Api;

/// Every spec in the repository: each exercises other kinds of items.
fn repo_specs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut specs = vec![root.join("spec/faxplus.yaml")];
    for dir in ["spec/fixtures", "spec/edge-cases"] {
        let mut found: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|entry| entry.unwrap().path())
            // A configuration file (`formats-jiff.toml`) is no spec.
            .filter(|path| path.is_dir() || path.extension().is_none_or(|e| e != "toml"))
            // A folder holds a spec spread over several files, rooted at `api.yaml`.
            .map(|path| {
                if path.is_dir() {
                    path.join("api.yaml")
                } else {
                    path
                }
            })
            .collect();
        found.sort();
        specs.extend(found);
    }
    specs
}

fn lower_file(path: &Path) -> Api {
    let spec = crate::load::load(path).unwrap_or_else(|e| panic!("{e}"));
    crate::lower::lower(&spec, &crate::Config::default()).unwrap_or_else(|e| panic!("{e}"))
}

fn lower_inline(body: &str) -> Api {
    let text = format!("openapi: 3.0.3\ninfo: {{title: Test API, version: 1.2.3}}\n{body}");
    let spec = crate::load::parse(Path::new("test.yaml"), text.as_bytes()).unwrap();
    crate::lower::lower(&spec, &crate::Config::default()).unwrap_or_else(|e| panic!("{e}"))
}

/// One type and one operation per name, so runs of a few items cut the file in many places.
fn many_items() -> Api {
    let mut body = String::from("paths:\n");
    for i in 0..40 {
        body.push_str(&format!(
            "  /things{i}/{{id}}:\n    get:\n      operationId: getThing{i}\n      \
             parameters:\n        - {{name: id, in: path, required: true, schema: {{type: string}}}}\n        \
             - {{name: filter, in: query, schema: {{type: array, items: {{type: string}}}}}}\n      \
             responses:\n        '200':\n          description: ok\n          content:\n            \
             application/json:\n              schema: {{$ref: '#/components/schemas/Thing{i}'}}\n        \
             '404':\n          description: missing\n"
        ));
    }
    body.push_str("components:\n  schemas:\n");
    for i in 0..40 {
        let kind = match i % 4 {
            0 => "type: object\n      properties:\n        a: {type: string}\n        b: {type: object, additionalProperties: {type: integer}}".to_owned(),
            1 => "type: string\n      enum: [one, two, three]".to_owned(),
            2 => format!("oneOf:\n        - {{$ref: '#/components/schemas/Thing{}'}}\n        - {{type: string}}", i - 1),
            _ => "type: array\n      items: {type: number}".to_owned(),
        };
        body.push_str(&format!(
            "    Thing{i}:\n      description: Thing {i}.\n      {kind}\n"
        ));
    }
    lower_inline(&body)
}

fn splits() -> Vec<Split> {
    let mut splits = vec![Split::for_machine()];
    for threads in 1..=4 {
        for chunk in [None, Some(1), Some(2), Some(3), Some(7)] {
            splits.push(Split { threads, chunk });
        }
    }
    splits
}

fn assert_same_in_runs(name: &str, api: &Api) {
    let whole_types = rust::format_file(types::types_module(api), "types").unwrap();
    let whole_operations =
        rust::format_file(operations::operations_module(api), "operations").unwrap();
    for split in splits() {
        assert_eq!(
            types::types_file(api, split).unwrap(),
            whole_types,
            "{name}: types with {split:?}"
        );
        assert_eq!(
            operations::operations_file(api, split).unwrap(),
            whole_operations,
            "{name}: operations with {split:?}"
        );
    }
}

#[test]
fn runs_join_into_the_whole_file_for_every_repository_spec() {
    for path in repo_specs() {
        assert_same_in_runs(&path.display().to_string(), &lower_file(&path));
    }
}

#[test]
fn runs_join_into_the_whole_file_with_many_items() {
    let api = many_items();
    assert_eq!((api.operations.len(), api.types.len() >= 40), (40, true));
    assert_same_in_runs("many items", &api);
}

#[test]
fn runs_join_into_the_whole_file_with_no_operations_or_no_types() {
    assert_same_in_runs(
        "no operations",
        &lower_inline("paths: {}\ncomponents:\n  schemas:\n    A: {type: string}\n"),
    );
    assert_same_in_runs("nothing", &lower_inline("paths: {}\n"));
}

#[test]
fn every_file_is_the_same_whatever_the_threads() {
    let api = many_items();
    let options = Options::new("many");
    let one = emit_split(
        &api,
        "0",
        &options,
        Split {
            threads: 1,
            chunk: None,
        },
    )
    .unwrap();
    for split in splits() {
        assert_eq!(
            emit_split(&api, "0", &options, split).unwrap(),
            one,
            "{split:?}"
        );
    }
}

#[test]
fn imports_are_found_from_identifiers_and_paths() {
    let import = |tokens: proc_macro2::TokenStream| {
        let mut found = false;
        rust::visit_idents(&tokens, &mut |ident, path| found |= ident == "call" && path);
        found
    };
    assert!(import(quote!(self.call(request, call::json(body)))));
    assert!(import(quote!({ call::json(body) })), "at any depth");
    assert!(
        !import(quote!(self.call(request, decode))),
        "a method is not the module"
    );
    assert!(!import(quote!(recall::x)), "only the identifier itself");
    assert!(
        !import(quote!(call: :x)),
        "two separate colons are not a path"
    );
    assert!(
        !import(quote!(
            #[doc = "see call::here"]
            struct A;
        )),
        "nor text in a literal"
    );
    assert!(rust::mentions(
        &quote!(Outcome::success(call::json(body))),
        "body"
    ));
    assert!(!rust::mentions(
        &quote!(Outcome::Failure(E::NoBody)),
        "body"
    ));
    // On real generated code, the same answer as searching the printed tokens.
    let mut streams = vec![operations::operations_module(&many_items())];
    for path in repo_specs() {
        streams.push(operations::operations_module(&lower_file(&path)));
    }
    for stream in streams {
        assert_eq!(
            import(stream.clone()),
            stream.to_string().contains("call ::")
        );
    }
}
