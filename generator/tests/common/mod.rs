//! What the generator's tests share: inline specs parsed, lowered and generated in memory, and
//! looking things up in the IR.

#![allow(dead_code)] // each test binary uses its own part of this
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

use std::collections::BTreeMap;
use std::path::Path;

use opengen::ir::{Api, Field, TypeDef, TypeKind, TypeRef};
use opengen::load::Spec;
use opengen::{Config, Error, Errors, Generated, Options};

/// The head of an OpenAPI 3.0 document; a test appends the rest (`paths`, `components`, …).
pub const HEAD: &str = "openapi: 3.0.3\ninfo: {title: Test API, version: 1.2.3}\n";

/// [`HEAD`] with no paths, for a test that appends only `components`.
pub const HEAD_NO_PATHS: &str =
    "openapi: 3.0.3\ninfo: {title: Test API, version: 1.2.3}\npaths: {}\n";

/// The head of an OpenAPI 3.1 document.
pub const HEAD_31: &str = "openapi: 3.1.0\ninfo: {title: Test API, version: 1.2.3}\n";

/// The head of a Swagger 2.0 document.
pub const HEAD_2: &str = "swagger: '2.0'\ninfo: {title: Test API, version: 1.2.3}\n";

/// Parses a whole document given as text, as if read from `test.yaml`.
pub fn parse(text: &str) -> Result<Spec, Error> {
    opengen::load::parse(Path::new("test.yaml"), text.as_bytes())
}

/// [`parse`], failing the test on an error.
pub fn parse_ok(text: &str) -> Spec {
    parse(text).unwrap_or_else(|e| panic!("{e}"))
}

/// Parses and lowers a whole document.
pub fn lower(text: &str) -> Result<Api, Errors> {
    opengen::lower::lower(&parse(text)?, &opengen::Config::default())
}

/// [`lower`], failing the test on an error.
pub fn lower_ok(text: &str) -> Api {
    lower(text).unwrap_or_else(|e| panic!("{e}"))
}

/// The one error of a run, failing the test when it found several.
pub fn only(errors: Errors) -> Error {
    match errors.problems() {
        [one] => one.clone(),
        _ => panic!("expected one error, found:\n{errors}"),
    }
}

/// The options every in-memory crate is generated with: the crate is `test-api`.
pub fn options() -> Options {
    Options::new("test-api")
}

/// Parses a whole document and generates its crate in memory.
pub fn generate(text: &str) -> Result<Generated, Errors> {
    opengen::generate_from(&parse(text)?, &options())
}

/// [`generate`], failing the test on an error.
pub fn generate_ok(text: &str) -> Generated {
    generate(text).unwrap_or_else(|e| panic!("{e}"))
}

/// [`generate_ok`] with `config` as the `opengen.toml`.
pub fn generate_with(text: &str, config: &str) -> Generated {
    let options = Options {
        config: Config::parse(config).unwrap_or_else(|e| panic!("{e}")),
        ..options()
    };
    opengen::generate_from(&parse_ok(text), &options).unwrap_or_else(|e| panic!("{e}"))
}

/// The files of the crate generated from a whole document, failing the test on an error.
pub fn emit(text: &str) -> BTreeMap<String, String> {
    generate_ok(text).files
}

/// The named type `name`, failing the test with the names there are.
pub fn ty<'a>(api: &'a Api, name: &str) -> &'a TypeDef {
    api.types
        .iter()
        .find(|t| t.name == name)
        .unwrap_or_else(|| {
            panic!(
                "no type {name} in {:?}",
                api.types.iter().map(|t| &t.name).collect::<Vec<_>>()
            )
        })
}

/// The fields of the struct `name`, failing the test when it is not a struct.
pub fn struct_fields<'a>(api: &'a Api, name: &str) -> &'a [Field] {
    match &ty(api, name).kind {
        TypeKind::Struct { fields, .. } => fields,
        other => panic!("{name} is not a struct: {other:?}"),
    }
}

/// A reference to the named type `name`, failing the test when there is none.
pub fn named(api: &Api, name: &str) -> TypeRef {
    match api.type_id(name) {
        Some(id) => TypeRef::Named(id),
        None => panic!("no type {name}"),
    }
}

/// Each warning as `pointer: message`.
pub fn warnings(generated: &Generated) -> Vec<String> {
    generated
        .warnings
        .iter()
        .map(|w| format!("{}: {}", w.pointer, w.message))
        .collect()
}

/// The crate's files without the lines that carry the spec's hash (the `@generated` headers),
/// to compare the crates of two documents.
pub fn files_without_hash(generated: &Generated) -> BTreeMap<String, String> {
    generated
        .files
        .iter()
        .map(|(path, text)| {
            let text: Vec<&str> = text
                .lines()
                .filter(|line| !line.contains("SHA-256") && !line.contains("sha256"))
                .collect();
            (path.clone(), text.join("\n"))
        })
        .collect()
}
