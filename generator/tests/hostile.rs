//! Deep, long and odd documents, each once found by fuzzing: each must give a result or a
//! located error, never a hang, a stack overflow or a crate that does not compile.
//!
//! No test asserts a time: a regression shows as a test that does not finish.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

mod common;

use std::path::Path;

use common::HEAD_NO_PATHS as HEAD;
use common::named;
use opengen::Error;
use opengen::ir::TypeKind;

fn load(name: &str, text: &str) -> Result<opengen::load::Spec, Error> {
    opengen::load::parse(Path::new(name), text.as_bytes())
}

fn generate(text: &str) -> Result<opengen::Generated, Error> {
    common::generate(text).map_err(common::only)
}

/// `A: {type: object, properties: {a: {type: object, properties: {a: … leaf}}}}`, `depth`
/// objects deep, as one line of JSON, and the pointer of the leaf.
fn nested_properties(depth: usize, leaf: &str) -> (String, String) {
    let mut schema = leaf.to_owned();
    let mut pointer = String::new();
    for _ in 0..depth {
        schema = format!(r#"{{"type":"object","properties":{{"a":{schema}}}}}"#);
        pointer.push_str("/properties/a");
    }
    let text = format!(
        r#"{{"openapi":"3.0.3","info":{{"title":"T","version":"1"}},"paths":{{}},"components":{{"schemas":{{"A":{schema}}}}}}}"#
    );
    (text, format!("#/components/schemas/A{pointer}"))
}

#[test]
fn an_invalid_leaf_deep_in_nested_objects_is_reported_at_the_leaf() {
    // Loading once took 3^depth: 59 s at depth 22, and depth 30 never finished.
    for depth in [20, 29] {
        // (A bad schema is repaired with a warning, located at the leaf.)
        let (text, leaf) = nested_properties(depth, r#"{"type":"object","required":5}"#);
        let spec = load("deep.json", &text).unwrap();
        assert_eq!(spec.warnings.len(), 1, "{:?}", spec.warnings);
        assert_eq!(spec.warnings[0].pointer, format!("{leaf}/required"));
        assert!(
            spec.warnings[0].message.contains("expected a sequence"),
            "{:?}",
            spec.warnings
        );
        let (text, leaf) = nested_properties(depth, "5");
        let spec = load("deep.json", &text).unwrap();
        assert_eq!(spec.warnings.len(), 1, "{:?}", spec.warnings);
        assert_eq!(spec.warnings[0].pointer, leaf);
    }
    // Deeper than any real spec: refused where it gets too deep, before any schema is read.
    let (text, _) = nested_properties(60, "5");
    let error = load("deep.json", &text).unwrap_err();
    assert!(
        error.message.contains("nests deeper than 64 levels"),
        "{error}"
    );
    let pointer = error.pointer.unwrap();
    assert!(
        pointer.starts_with("#/components/schemas/A/properties/a/properties/a/"),
        "{pointer}"
    );
    assert_eq!(pointer.matches('/').count(), 63, "{pointer}");
}

#[test]
fn a_document_nested_beyond_the_parsers_limit_is_an_error_not_a_stack_overflow() {
    let depth = 10_000;
    let json = format!(
        r#"{{"openapi":"3.0.3","info":{{"title":"T","version":"1"}},"paths":{{}},"x":{}{}}}"#,
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let error = load("deep.json", &json).unwrap_err();
    assert!(error.message.contains("recursion limit"), "{error}");
    assert!(error.location.is_some(), "{error:?}");
    let yaml = format!("{HEAD}x: {}{}\n", "[".repeat(depth), "]".repeat(depth));
    let error = load("deep.yaml", &yaml).unwrap_err();
    assert!(error.message.contains("recursion limit"), "{error}");
    let (schemas, _) = nested_properties(depth / 2, "{}");
    let error = load("deep.json", &schemas).unwrap_err();
    assert!(error.message.contains("recursion limit"), "{error}");
}

#[test]
fn boolean_schemas_are_any_value() {
    // JSON Schema's `true` (anything) and `false` (nothing); a client can only type either as
    // a JSON value. Once the leaf of the exponential-time spec above.
    let (text, _) = nested_properties(30, "true");
    assert!(load("deep.json", &text).is_ok());
    let text = format!(
        "{HEAD}components:\n  schemas:\n    A:\n      type: object\n      properties:\n        yes: true\n        no: false\n        list: {{type: array, items: true}}\n"
    );
    let generated = generate(&text).unwrap_or_else(|e| panic!("{e}"));
    let types = &generated.files["src/types.rs"];
    assert!(types.contains("pub yes: Option<Value>"), "{types}");
    assert!(types.contains("pub no: Option<Value>"), "{types}");
    assert!(types.contains("pub list: Option<Vec<Value>>"), "{types}");
}

#[test]
fn invalid_nodes_inside_callbacks_are_located() {
    let mut callback = "{responses: {'200': {description: ok}}}".to_owned();
    for _ in 0..13 {
        callback = format!(
            "{{responses: {{'200': {{description: ok}}}}, callbacks: {{c: {{'{{$url}}': {{post: {callback}}}}}}}}}"
        );
    }
    let bad = callback.replacen("description: ok", "description: [not, text]", 1);
    let text = format!("{HEAD}components:\n  callbacks:\n    C: {{'{{$url}}': {{post: {bad}}}}}\n");
    // The malformed component is left out, with a warning located at the bad node.
    let spec = load("callbacks.yaml", &text).unwrap();
    assert_eq!(spec.warnings.len(), 1, "{:?}", spec.warnings);
    assert_eq!(
        spec.warnings[0].pointer,
        "#/components/callbacks/C/{$url}/post/responses/200"
    );
}

#[test]
fn deeply_nested_valid_callbacks_load_and_generate() {
    // Callbacks 14 deep, as deep as `MAX_DEPTH` lets them (one more is refused). Read on the
    // test's 2 MiB thread, they overflowed a debug build's stack: `openapiv3`'s derived
    // deserializers recurse with large frames.
    let mut callback = "{responses: {'200': {description: ok}}}".to_owned();
    for _ in 0..13 {
        callback = format!(
            "{{responses: {{'200': {{description: ok}}}}, callbacks: {{c: {{'{{$url}}': {{post: {callback}}}}}}}}}"
        );
    }
    let text = format!(
        "openapi: 3.0.3\ninfo: {{title: T, version: '1'}}\npaths:\n  /a:\n    post:\n      operationId: postA\n      callbacks:\n        C: {{'{{$url}}': {{post: {callback}}}}}\n      responses:\n        '204': {{description: ok}}\n"
    );
    let spec = load("callbacks.yaml", &text).unwrap();
    // The one callback of the operation sends no body: left out, with a warning.
    let warnings: Vec<&str> = spec.warnings.iter().map(|w| w.pointer.as_str()).collect();
    assert_eq!(warnings, ["#/paths/~1a/post/callbacks/C"]);
    let generated = generate(&text).unwrap();
    assert!(generated.files["src/operations.rs"].contains("pub fn post_a("));
}

fn chain(length: usize, last: &str) -> String {
    let mut text = format!("{HEAD}components:\n  schemas:\n");
    for i in 0..length {
        text.push_str(&format!(
            "    S{i}: {{$ref: '#/components/schemas/S{}'}}\n",
            i + 1
        ));
    }
    text.push_str(&format!("    S{length}: {last}\n"));
    text
}

#[test]
fn a_long_acyclic_reference_chain_is_followed_to_its_end() {
    // Chains were cut after 32 hops and called a cycle.
    let spec = load("chain.yaml", &chain(1000, "{type: string}")).unwrap();
    let api =
        opengen::lower::lower(&spec, &opengen::Config::default()).unwrap_or_else(|e| panic!("{e}"));
    let s0 = api.types.iter().find(|t| t.name == "S0").unwrap();
    assert_eq!(s0.kind, TypeKind::Alias(named(&api, "S1000")));
}

#[test]
fn a_reference_cycle_is_reported_with_its_members() {
    let text = chain(1000, "{$ref: '#/components/schemas/S500'}");
    let spec = load("cycle.yaml", &text).unwrap();
    let error =
        common::only(opengen::lower::lower(&spec, &opengen::Config::default()).unwrap_err());
    assert!(error.message.contains("reference cycle"), "{error}");
    assert!(
        error
            .message
            .contains("#/components/schemas/S500 → #/components/schemas/S501"),
        "{error}"
    );
    assert!(
        error
            .message
            .contains("#/components/schemas/S1000 → #/components/schemas/S500"),
        "{error}"
    );
    assert!(!error.message.contains("S499"), "{error}");
}

/// `A: {additionalProperties: {additionalProperties: … {type: string}}}`, `depth` maps deep.
fn nested_maps(depth: usize) -> String {
    let mut schema = "{type: string}".to_owned();
    for _ in 0..depth {
        schema = format!("{{type: object, additionalProperties: {schema}}}");
    }
    format!("{HEAD}components:\n  schemas:\n    A: {schema}\n")
}

#[test]
fn maps_nested_too_deep_to_compile_are_refused() {
    // 70 deep generated a crate that failed with E0320 (drop-check overflow).
    let generated = generate(&nested_maps(opengen::lower::MAX_NESTING)).unwrap();
    assert!(generated.files["src/types.rs"].contains("pub type A = BTreeMap<"));
    let error = generate(&nested_maps(opengen::lower::MAX_NESTING + 1)).unwrap_err();
    assert_eq!(error.pointer.as_deref(), Some("#/components/schemas/A"));
    assert!(error.message.contains("E0320"), "{error}");
    // Aliases are expanded by rustc: a chain of map components is one deep type.
    let mut text = format!("{HEAD}components:\n  schemas:\n");
    for i in 0..40 {
        text.push_str(&format!(
            "    M{i}: {{type: object, additionalProperties: {{$ref: '#/components/schemas/M{}'}}}}\n",
            i + 1
        ));
    }
    text.push_str("    M40: {type: string}\n");
    let error = generate(&text).unwrap_err();
    assert!(error.message.contains("E0320"), "{error}");
}

#[test]
fn the_deepest_accepted_document_generates() {
    // Every stage recurses along the document; at the depth limit each must still finish.
    let mut schema = "{}".to_owned();
    for _ in 0..(opengen::load::MAX_DEPTH - 4) / 2 {
        schema = format!(r#"{{"type":"object","properties":{{"a":{schema}}}}}"#);
    }
    let text = format!(
        r#"{{"openapi":"3.0.3","info":{{"title":"T","version":"1"}},"paths":{{}},"components":{{"schemas":{{"A":{schema}}}}}}}"#
    );
    let generated = generate(&text).unwrap_or_else(|e| panic!("{e}"));
    assert!(generated.files["src/types.rs"].contains("pub struct A {"));
}

#[test]
fn a_spec_without_operations_imports_nothing_it_does_not_use() {
    // Once five warnings: unused imports in operations.rs and `Client::call` never used.
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/edge-cases/no-operations.yaml"),
    )
    .unwrap();
    let files = generate(&text).unwrap().files;
    let operations = &files["src/operations.rs"];
    assert!(!operations.contains("use "), "{operations}");
    assert!(!operations.contains("impl Client"), "{operations}");
    let lib = &files["runtime/src/lib.rs"];
    assert!(
        lib.contains("#[allow(dead_code, reason = \"this API describes no operations to call\")]\n#[doc(hidden)]\npub mod client;"),
        "{lib}"
    );
}

#[test]
fn an_alias_that_contains_itself_is_cut_to_any_value() {
    // `pub type Tree = BTreeMap<String, Tree>;` is an infinite type that rustc refuses.
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../spec/edge-cases/self-containing-aliases.yaml"),
    )
    .unwrap();
    let files = generate(&text).unwrap().files;
    let types = &files["src/types.rs"];
    for expected in [
        "pub type Tree = BTreeMap<String, Value>;",
        "pub type Nested = Vec<Value>;",
        "pub type Ping = Vec<Value>;",
        "pub type Pong = BTreeMap<String, Value>;",
        "pub children: Option<Vec<Node>>,",
    ] {
        assert!(types.contains(expected), "{expected} in {types}");
    }
}

#[test]
fn all_of_parts_shared_along_a_chain_are_merged_once() {
    // Every path to every part was followed: 3^15 merges for this spec.
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/edge-cases/shared-allof-parts.yaml"),
    )
    .unwrap();
    let spec = load("shared.yaml", &text).unwrap();
    let api =
        opengen::lower::lower(&spec, &opengen::Config::default()).unwrap_or_else(|e| panic!("{e}"));
    let a0 = api.types.iter().find(|t| t.name == "A0").unwrap();
    let TypeKind::Struct { fields, .. } = &a0.kind else {
        panic!("{a0:?}")
    };
    let names: Vec<&str> = fields.iter().map(|f| f.wire_name.as_str()).collect();
    assert_eq!(names.len(), 16, "{names:?}");
    assert!(names.contains(&"p0") && names.contains(&"p14") && names.contains(&"end"));
    let end = fields.iter().find(|f| f.wire_name == "end").unwrap();
    assert!(end.required);
}

/// Objects nested `depth` deep, each with shared properties beside a `oneOf` of two parts that
/// add one: each variant carries the shared properties, and the nested object among them was
/// lowered once per variant, at every level (2^depth types before deduplication; 16 levels
/// took 50 s and 500 MB, so 24 would not finish). Lowered once and shared, the types grow with
/// the depth.
#[test]
fn shared_properties_beside_nested_alternatives_are_lowered_once() {
    let depth = 24;
    let mut schema = "{type: string}".to_owned();
    for _ in 0..depth {
        schema = format!(
            "{{type: object, properties: {{x: {schema}, y: {{type: string}}}}, oneOf: [{{properties: {{a: {{type: string}}}}}}, {{properties: {{b: {{type: string}}}}}}]}}"
        );
    }
    let api = common::lower_ok(&format!(
        "{HEAD}components:\n  schemas:\n    Root: {schema}\n"
    ));
    assert!(api.types.len() <= 4 * depth, "{} types", api.types.len());
    let TypeKind::OneOf { variants, .. } = &common::ty(&api, "Root").kind else {
        panic!("Root is not a union")
    };
    assert_eq!(variants.len(), 2);
}

/// Found by fuzzing: a carriage return in an `operationId` (`getOrd\rById`) went into the
/// method's docs, and one in an enum value into its variant's docs, as a bare CR, which rustc
/// refuses in a doc comment; bidirectional-text controls there are denied too. Such values are
/// shown escaped, as Rust writes them, and every emitted file parses.
#[test]
fn control_characters_in_identifiers_and_values_stay_out_of_doc_comments() {
    let spec = "openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /a:
    get:
      operationId: \"getOrd\\rById\\u202e\"
      parameters:
        - {name: \"q\\rx\", in: query, schema: {type: string, enum: [\"a\\rb\", \"c\\nd\", \"e\\u202ef\"]}}
      responses:
        '200': {description: ok}
components:
  schemas:
    E: {type: string, enum: [\"a\\rb\", \"c\\nd\", \"e\\u202ef\"]}
";
    let generated = generate(spec).unwrap();
    for (path, text) in &generated.files {
        if !path.ends_with(".rs") {
            continue;
        }
        if let Err(error) = syn::parse_file(text) {
            panic!("{path} does not parse: {error}");
        }
        for line in text.lines().filter(|l| l.trim_start().starts_with("//")) {
            assert!(
                !line.contains('\r') && !line.contains('\u{202e}'),
                "{path}: {line:?}"
            );
        }
    }
    let operations = &generated.files["src/operations.rs"];
    assert!(
        operations.contains(r"(operation `getOrd\rById\u{202e}`)"),
        "{operations}"
    );
    assert!(generated.files["src/types.rs"].contains(r"/// `a\rb`"));
}
