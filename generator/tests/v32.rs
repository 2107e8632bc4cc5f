//! OpenAPI 3.2 read as the 3.1 it extends: its additions are read (shared media types, the
//! `itemSchema` of an event stream) or left out with a warning (the `query` method,
//! `additionalOperations`, the items of sequential media types other than events and JSON lines).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

mod common;

use common::{HEAD_31, files_without_hash, options};

const HEAD_32: &str = "openapi: 3.2.0\ninfo: {title: Test API, version: 1.2.3}\n";

fn generate(head: &str, body: &str) -> opengen::Generated {
    let spec = common::parse_ok(&format!("{head}{body}"));
    opengen::generate_from(&spec, &options()).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn shared_media_types_and_an_event_item_schema_make_the_crate_their_3_1_forms_make() {
    let v32 = "paths:
  /pets:
    get:
      operationId: listPets
      responses:
        '200':
          description: Pets.
          content:
            application/json: {$ref: '#/components/mediaTypes/Pets'}
  /ticks:
    get:
      operationId: watchTicks
      responses:
        '200':
          description: Ticks.
          content:
            text/event-stream:
              itemSchema:
                type: object
                properties:
                  data: {type: object, properties: {n: {type: integer}}}
components:
  mediaTypes:
    Pets: {$ref: '#/components/mediaTypes/PetList'}
    PetList:
      schema: {type: array, items: {type: string}}
";
    let v31 = "paths:
  /pets:
    get:
      operationId: listPets
      responses:
        '200':
          description: Pets.
          content:
            application/json:
              schema: {type: array, items: {type: string}}
  /ticks:
    get:
      operationId: watchTicks
      responses:
        '200':
          description: Ticks.
          content:
            text/event-stream:
              schema:
                type: object
                properties:
                  data: {type: object, properties: {n: {type: integer}}}
";
    let a = generate(HEAD_32, v32);
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
    let (a, b) = (
        files_without_hash(&a),
        files_without_hash(&generate(HEAD_31, v31)),
    );
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, text) in &a {
        assert_eq!(
            text, &b[path],
            "{path} differs between the 3.2 and 3.1 forms"
        );
    }
}

#[test]
fn what_the_client_does_not_send_yet_is_left_out_with_a_warning() {
    let generated = generate(
        HEAD_32,
        "paths:
  /search:
    get:
      operationId: getSearch
      responses: {'204': {description: ok}}
    query:
      operationId: querySearch
      requestBody: {content: {application/json: {schema: {type: object}}}}
      responses: {'204': {description: ok}}
    additionalOperations:
      LINK:
        operationId: linkSearch
        responses: {'204': {description: ok}}
  /export:
    get:
      operationId: export
      responses:
        '200':
          description: Rows.
          content:
            application/jsonl:
              itemSchema: {type: object}
  /parts:
    get:
      operationId: parts
      responses:
        '200':
          description: Parts.
          content:
            multipart/mixed:
              itemSchema: {type: object}
",
    );
    let warnings = common::warnings(&generated);
    assert_eq!(
        warnings,
        [
            "#/paths/~1parts/get/responses/200/content/multipart~1mixed/itemSchema: items of \
             a sequential media type (`multipart/mixed`) are not read one by one yet; the body \
             is read as bytes",
            "#/paths/~1search/additionalOperations/LINK: the `LINK` method (OpenAPI 3.2 \
             `additionalOperations`) is not generated yet; the operation is left out",
            "#/paths/~1search/query: the QUERY method (OpenAPI 3.2) is not generated yet; the \
             operation is left out",
        ]
    );
    let ops = &generated.files["src/operations.rs"];
    assert!(ops.contains("pub fn get_search("), "{ops}");
    assert!(ops.contains("pub fn export("), "{ops}");
    // JSON Lines' `itemSchema` is each line's schema: the rows stream one by one.
    assert!(
        ops.contains("pub fn export_stream(&self) -> EventCall<'_, BTreeMap<String, Value>, "),
        "{ops}"
    );
    assert!(ops.contains(".accept(\"application/jsonl\")"), "{ops}");
    assert!(!ops.contains("query_search"), "{ops}");
}

#[test]
fn versions_after_3_2_are_refused_naming_those_read() {
    let error = opengen::load::parse(
        std::path::Path::new("test.yaml"),
        b"openapi: 3.3.0\ninfo: {title: T, version: '1'}\npaths: {}\n",
    )
    .unwrap_err();
    assert!(
        error.message.contains(
            "OpenAPI 3.3.0 is not supported; OpenAPI 3.0.x, 3.1.x and 3.2.x and Swagger 2.0 are"
        ),
        "{error}"
    );
}

#[test]
fn a_form_encoded_querystring_is_an_exploded_form_object_and_cookie_style_is_form() {
    let generated = generate(
        HEAD_32,
        "paths:
  /search:
    get:
      operationId: search
      parameters:
        - name: filter
          in: querystring
          content:
            application/x-www-form-urlencoded:
              schema: {type: object, properties: {color: {type: string}, size: {type: integer}}}
        - {name: session, in: cookie, style: cookie, schema: {type: string}}
      responses: {'204': {description: ok}}
",
    );
    assert!(generated.warnings.is_empty(), "{:?}", generated.warnings);
    let ops = &generated.files["src/operations.rs"];
    assert!(ops.contains(".query(\"filter\", &params.filter)"), "{ops}");
    assert!(
        ops.contains(".cookie_param(\"session\", &params.session)"),
        "{ops}"
    );
}
