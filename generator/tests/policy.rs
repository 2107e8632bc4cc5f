//! The policy for imperfect specs: a problem confined to one operation skips that operation with
//! a located warning and the rest of the API generates; `strict` turns warnings into errors;
//! problems shared by every operation stay errors.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

mod common;

use common::HEAD;
use opengen::{Error, Generated};

fn generate(body: &str) -> Result<Generated, Error> {
    common::generate(&format!("{HEAD}{body}")).map_err(common::only)
}

fn generate_ok(body: &str) -> Generated {
    common::generate_ok(&format!("{HEAD}{body}"))
}

fn warnings(generated: &Generated) -> Vec<String> {
    generated
        .warnings
        .iter()
        .map(|w| format!("{}: {}", w.pointer, w.message))
        .collect()
}

/// Two good operations around a bad one; `BAD` is replaced by the bad operation's body.
fn around(bad: &str, components: &str) -> String {
    format!(
        "paths:
  /good:
    get:
      operationId: getGood
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {{$ref: '#/components/schemas/Thing'}}
  /bad:
    post:
      operationId: postBad
{bad}
  /also-good:
    delete:
      operationId: deleteAlsoGood
      responses:
        '204': {{description: gone}}
components:
  schemas:
    Thing: {{type: object, properties: {{id: {{type: string}}}}}}
{components}"
    )
}

fn operations_rs(generated: &Generated) -> &str {
    &generated.files["src/operations.rs"]
}

#[test]
fn an_undeclared_security_scheme_skips_only_its_operation() {
    let generated = generate_ok(&around(
        "      security: [{sessionToken: []}]
      requestBody:
        content:
          application/json:
            schema: {type: object, properties: {name: {type: string}}}
      responses:
        '201': {description: created}",
        "",
    ));
    assert_eq!(
        warnings(&generated),
        [
            "#/paths/~1bad/post/security/0: security scheme `sessionToken` is not defined in \
          `components.securitySchemes`; the operation #/paths/~1bad/post is skipped"
        ]
    );
    let ops = operations_rs(&generated);
    assert!(ops.contains("pub fn get_good("), "{ops}");
    assert!(ops.contains("pub fn delete_also_good("), "{ops}");
    assert!(!ops.contains("post_bad"), "{ops}");
    // The skipped operation's inline body type is taken back with it.
    let types = &generated.files["src/types.rs"];
    assert!(!types.contains("PostBad"), "{types}");
    assert_eq!(generated.counts.0, 2);
}

#[test]
fn a_ref_of_the_wrong_kind_skips_only_its_operation() {
    let generated = generate_ok(&around(
        "      responses:
        '200': {$ref: '#/components/requestBodies/Thing'}",
        "  requestBodies:
    Thing:
      content:
        application/json:
          schema: {$ref: '#/components/schemas/Thing'}",
    ));
    let warnings = warnings(&generated);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].starts_with("#/paths/~1bad/post/responses/200: reference `#/components/requestBodies/Thing` does not point into `#/components/responses`"),
        "{warnings:?}"
    );
    assert!(
        warnings[0].ends_with("the operation #/paths/~1bad/post is skipped"),
        "{warnings:?}"
    );
    assert_eq!(generated.counts.0, 2);
}

#[test]
fn a_name_freed_by_a_skipped_operation_is_not_taken() {
    // The skipped operation claimed `get_good`'s name first; the good one keeps it unsuffixed.
    let generated = generate_ok(
        "paths:
  /a:
    get:
      operationId: thing
      security: [{nope: []}]
      responses: {'200': {description: ok}}
  /b:
    get:
      operationId: thing_
      responses: {'200': {description: ok}}",
    );
    let ops = operations_rs(&generated);
    assert!(ops.contains("pub fn thing("), "{ops}");
    assert!(!ops.contains("pub fn thing2("), "{ops}");
}

#[test]
fn a_problem_every_operation_shares_stays_an_error() {
    let error = generate(
        "security: [{sessionToken: []}]
paths:
  /a:
    get:
      responses: {'200': {description: ok}}",
    )
    .map(|_| ())
    .unwrap_err();
    assert_eq!(error.pointer.as_deref(), Some("#/security/0"), "{error}");
    let error = generate(
        "paths:
  /a:
    get:
      responses: {'200': {$ref: '#/components/responses/Shared'}}
components:
  responses:
    Shared:
      description: ok
      content:
        application/json:
          schema: {$ref: '#/components/schemas/Missing'}",
    )
    .map(|_| ())
    .unwrap_err();
    assert!(error.message.contains("Missing"), "{error}");
}

#[test]
fn strict_turns_every_warning_into_an_error() {
    let generated = generate_ok(&around(
        "      security: [{sessionToken: []}]
      responses: {'200': {description: ok}}",
        "",
    ));
    let error = generated.strict().map(|_| ()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "#/paths/~1bad/post/security/0: security scheme `sessionToken` is not defined in \
         `components.securitySchemes`; the operation #/paths/~1bad/post is skipped (an error \
         under --strict)"
    );
    let clean = generate_ok(&around("      responses: {'200': {description: ok}}", ""));
    assert_eq!(clean.clone().strict().unwrap(), clean);
}

#[test]
fn an_unknown_http_scheme_is_a_generic_credential_not_a_refusal() {
    let generated = generate_ok(
        "paths:
  /events:
    post:
      operationId: sendEvent
      security: [{dsn: []}]
      responses: {'202': {description: accepted}}
  /projects:
    get:
      operationId: listProjects
      security: [{token: []}]
      responses: {'200': {description: ok}}
components:
  securitySchemes:
    dsn: {type: http, scheme: DSN}
    token: {type: http, scheme: bearer}",
    );
    assert!(generated.warnings.is_empty(), "{:?}", generated.warnings);
    let lib = &generated.files["runtime/src/lib.rs"];
    assert!(
        lib.contains(r#"kind: SchemeKind::Http { scheme: "DSN" }"#),
        "{lib}"
    );
    let readme = &generated.files["README.md"];
    assert!(
        readme.contains("| `dsn` | `Authorization: DSN <credentials>` | `authorization_for` |"),
        "{readme}"
    );
    assert_eq!(generated.counts.0, 2);
    // A scheme name that cannot be an HTTP token is still refused, at the scheme.
    let error = generate(
        "paths: {}
components:
  securitySchemes:
    odd: {type: http, scheme: 'not a token'}",
    )
    .map(|_| ())
    .unwrap_err();
    assert_eq!(
        error.pointer.as_deref(),
        Some("#/components/securitySchemes/odd/scheme")
    );
}

#[test]
fn a_ref_into_a_sub_node_of_a_component_resolves() {
    let generated = generate_ok(
        "paths:
  /logs:
    get:
      operationId: listLogs
      parameters:
        - $ref: '#/paths/~1tags/get/parameters/0'
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: array, items: {$ref: '#/components/schemas/LogEntry'}}
  /tags:
    get:
      operationId: listTags
      parameters:
        - {name: limit, in: query, schema: {$ref: '#/components/parameters/Limit/schema'}}
      responses:
        '200': {$ref: '#/components/responses/Tags'}
  /tags/{id}:
    get:
      operationId: getTag
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/responses/Tags/content/application~1json/schema/items'}
components:
  parameters:
    Limit: {name: limit, in: query, schema: {type: integer, format: int32, maximum: 100}}
  responses:
    Tags:
      description: tags
      content:
        application/json:
          schema: {type: array, items: {$ref: '#/components/schemas/Tag/allOf/0'}}
  schemas:
    Tag:
      allOf:
        - type: object
          required: [name]
          properties: {name: {type: string}}
        - type: object
          properties: {color: {type: string}}
    LogEntry:
      allOf:
        - $ref: '#/components/schemas/Tag/allOf/0'
        - type: object
          properties: {message: {type: string}}",
    );
    assert!(generated.warnings.is_empty(), "{:?}", generated.warnings);
    assert_eq!(generated.counts.0, 3);
    let types = &generated.files["src/types.rs"];
    assert!(types.contains("pub struct TagAllOf0 {"), "{types}");
    assert!(types.contains("pub struct LogEntry {"), "{types}");
    let ops = operations_rs(&generated);
    assert!(
        ops.contains("-> Call<'_, Vec<types::TagAllOf0>, ListTagsError>"),
        "{ops}"
    );
    assert!(
        ops.contains("-> Call<'_, types::TagAllOf0, GetTagError>"),
        "{ops}"
    );
    // Both operations take the `limit` parameter, typed by the hoisted schema (an `i32`).
    assert_eq!(
        ops.matches("pub limit: Option<types::LimitSchema>").count(),
        2,
        "{ops}"
    );
    assert!(types.contains("pub type LimitSchema = i32;"), "{types}");
}

#[test]
fn a_ref_cycle_through_sub_nodes_is_an_error_naming_its_members() {
    let error = generate(
        "paths: {}
components:
  schemas:
    A:
      type: object
      properties:
        x: {$ref: '#/components/schemas/B/properties/y'}
    B:
      type: object
      properties:
        y: {$ref: '#/components/schemas/A/properties/x'}",
    )
    .map(|_| ())
    .unwrap_err();
    assert!(error.message.contains("reference cycle"), "{error}");
    assert!(error.message.contains("A_properties_x"), "{error}");
    assert!(error.message.contains("B_properties_y"), "{error}");
}

#[test]
fn a_ref_path_item_is_skipped_with_a_warning() {
    let generated = generate_ok(
        "paths:
  /a: {$ref: 'other.yaml#/paths/~1a'}
  /b:
    get:
      operationId: getB
      responses: {'204': {description: ok}}",
    );
    assert_eq!(
        warnings(&generated),
        ["#/paths/~1a: a `$ref` path item is not supported; its operations are skipped"]
    );
    assert_eq!(generated.counts.0, 1);
}

#[test]
fn a_duplicate_operation_id_renames_the_second_operation() {
    let generated = generate_ok(
        "paths:
  /a:
    get:
      operationId: same
      responses: {'204': {description: ok}}
  /b:
    get:
      operationId: same
      responses: {'204': {description: ok}}",
    );
    assert_eq!(
        warnings(&generated),
        [
            "#/paths/~1b/get/operationId: duplicate operationId `same` (first used at \
          #/paths/~1a/get); this operation's method is `same_2`"
        ]
    );
    let ops = operations_rs(&generated);
    assert!(ops.contains("pub fn same("), "{ops}");
    assert!(ops.contains("pub fn same_2("), "{ops}");
}

#[test]
fn an_operation_without_the_shape_openapi_requires_is_skipped() {
    let generated = generate_ok(
        "paths:
  /a:
    get:
      operationId: malformed
      parameters: [{name: q, schema: {type: string}}]
      responses: {'204': {description: ok}}
    post:
      operationId: fine
      responses: {'204': {description: ok}}
  /b:
    parameters: [{in: query}]
    get:
      operationId: underBrokenItem
      responses: {'204': {description: ok}}
  /c:
    get:
      operationId: alsoFine
      responses: {'204': {description: ok}}",
    );
    let warnings = warnings(&generated);
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(
        warnings[0].starts_with("#/paths/~1a/get/parameters/0")
            && warnings[0].ends_with("; the operation #/paths/~1a/get is skipped"),
        "{warnings:?}"
    );
    assert!(
        warnings[1].starts_with("#/paths/~1b/parameters/0")
            && warnings[1].ends_with("; the path item #/paths/~1b and its operations are skipped"),
        "{warnings:?}"
    );
    let ops = operations_rs(&generated);
    assert!(
        ops.contains("pub fn fine(") && ops.contains("pub fn also_fine("),
        "{ops}"
    );
    assert_eq!(generated.counts.0, 2);
    // A malformed component is the whole document's problem.
    let error = generate(
        "paths: {}
components:
  parameters:
    Q: {name: q, schema: {type: string}}",
    )
    .map(|_| ())
    .unwrap_err();
    assert!(
        error
            .pointer
            .as_deref()
            .is_some_and(|p| p.starts_with("#/components/parameters/Q")),
        "{error}"
    );
}
