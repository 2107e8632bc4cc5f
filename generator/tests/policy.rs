//! The policy for imperfect specs: a problem confined to one operation skips that operation with
//! a located warning and the rest of the API generates; `strict` turns warnings into errors;
//! problems shared by every operation stay errors.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

mod common;

use common::{HEAD, warnings};
use opengen::{Error, Generated};

fn generate(body: &str) -> Result<Generated, Error> {
    common::generate(&format!("{HEAD}{body}")).map_err(common::only)
}

fn generate_ok(body: &str) -> Generated {
    common::generate_ok(&format!("{HEAD}{body}"))
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
fn an_undeclared_security_scheme_is_left_out_and_its_operation_kept() {
    // Ory Kratos: `security: [{sessionToken: []}]` with no such scheme, the token being the
    // operation's `X-Session-Token` header parameter.
    let generated = generate_ok(&around(
        "      security: [{sessionToken: []}, {apiKey: [], sessionToken: []}]
      parameters:
        - {name: X-Session-Token, in: header, schema: {type: string}}
      requestBody:
        content:
          application/json:
            schema: {type: object, properties: {name: {type: string}}}
      responses:
        '201': {description: created}",
        "  securitySchemes:
    apiKey: {type: apiKey, in: header, name: X-Api-Key}",
    ));
    assert_eq!(
        warnings(&generated),
        // Once, wherever the scheme is named (Okta's trimmed descriptions name two undefined
        // schemes in each of 778 operations).
        [
            "#/paths/~1bad/post/security/0: security scheme `sessionToken` is not defined in \
             `components.securitySchemes`; the client sends no credential for it (send it as a \
             header with `ClientBuilder::default_header` or as the operation's parameter; here \
             and in every requirement naming it)"
        ]
    );
    let ops = operations_rs(&generated);
    assert!(ops.contains("pub fn post_bad("), "{ops}");
    assert!(ops.contains(".header_param(\"X-Session-Token\""), "{ops}");
    // The alternative of the undefined scheme alone is gone; the other keeps its API key.
    assert!(ops.contains(".security(&[&[\"apiKey\"]])"), "{ops}");
    assert_eq!(generated.counts.0, 3);
    // The document's own `security` naming it warns once, whichever operations use it.
    let generated = generate_ok(
        "security: [{sessionToken: []}]
paths:
  /a:
    get:
      responses: {'200': {description: ok}}
  /b:
    get:
      responses: {'200': {description: ok}}",
    );
    assert_eq!(warnings(&generated).len(), 1, "{:?}", generated.warnings);
    assert!(warnings(&generated)[0].starts_with("#/security/0: security scheme `sessionToken`"));
    assert_eq!(generated.counts.0, 2);
}

#[test]
fn a_request_body_given_for_a_response_is_read_as_one_and_the_converse() {
    // PagerDuty: `'200': {$ref: '#/components/requestBodies/…Response'}`.
    let generated = generate_ok(&around(
        "      requestBody: {$ref: '#/components/responses/Things'}
      responses:
        '200': {$ref: '#/components/requestBodies/Thing'}",
        "  requestBodies:
    Thing:
      description: The thing.
      content:
        application/json:
          schema: {$ref: '#/components/schemas/Thing'}
  responses:
    Things:
      description: Things.
      content:
        application/json:
          schema: {type: array, items: {$ref: '#/components/schemas/Thing'}}",
    ));
    assert_eq!(
        warnings(&generated),
        [
            "#/paths/~1bad/post/requestBody: `#/components/responses/Things` is a response, \
             not a request body; it is read as a request body with the response's media types",
            "#/paths/~1bad/post/responses/200: `#/components/requestBodies/Thing` is a request \
             body, not a response; it is read as a response with the request body's media types"
        ]
    );
    let ops = operations_rs(&generated);
    // The body is optional, as a request body that does not say `required` is.
    assert!(ops.contains("body: Option<&[types::Thing]>,"), "{ops}");
    assert!(
        ops.contains(") -> Call<'_, types::Thing, PostBadError> {"),
        "{ops}"
    );
    assert_eq!(generated.counts.0, 3);
}

#[test]
fn a_ref_of_the_wrong_kind_skips_only_its_operation() {
    let generated = generate_ok(&around(
        "      responses:
        '200': {$ref: '#/components/parameters/Thing'}",
        "  parameters:
    Thing: {name: thing, in: query, schema: {type: string}}",
    ));
    let warnings = warnings(&generated);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].starts_with("#/paths/~1bad/post/responses/200: reference `#/components/parameters/Thing` does not point into `#/components/responses`"),
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
      responses: {'200': {$ref: '#/components/parameters/Thing'}}
  /b:
    get:
      operationId: thing_
      responses: {'200': {description: ok}}
components:
  parameters:
    Thing: {name: thing, in: query, schema: {type: string}}",
    );
    let ops = operations_rs(&generated);
    assert!(ops.contains("pub fn thing("), "{ops}");
    assert!(!ops.contains("pub fn thing2("), "{ops}");
}

#[test]
fn a_problem_every_operation_shares_stays_an_error() {
    let error = generate(
        "paths:
  /a:
    get:
      responses: {'200': {$ref: '#/components/responses/Shared'}}
components:
  responses:
    Shared: {$ref: '#/components/responses/Missing'}",
    )
    .map(|_| ())
    .unwrap_err();
    assert!(error.message.contains("Missing"), "{error}");
}

#[test]
fn strict_turns_every_warning_into_an_error() {
    let generated = generate_ok(&around(
        "      responses: {'200': {$ref: '#/components/parameters/Thing'}}",
        "  parameters:
    Thing: {name: thing, in: query, schema: {type: string}}",
    ));
    let error = generated.strict().map(|_| ()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "#/paths/~1bad/post/responses/200: reference `#/components/parameters/Thing` does \
         not point into `#/components/responses`; the operation #/paths/~1bad/post is skipped \
         (an error under --strict)"
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
    // A scheme name that cannot be an HTTP token is left out, with a warning at the scheme.
    let generated = generate_ok(
        "paths: {}
components:
  securitySchemes:
    odd: {type: http, scheme: 'not a token'}",
    );
    assert_eq!(
        generated.warnings[0].pointer,
        "#/components/securitySchemes/odd/scheme"
    );
    assert!(
        generated.warnings[0].message.ends_with(
            "the security scheme `odd` is left out, and the client sends no credential for it"
        ),
        "{:?}",
        generated.warnings
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
    parameters: [{in: query, schema: {type: string}}]
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
}

#[test]
fn a_malformed_component_is_left_out_and_only_its_users_are_skipped() {
    let generated = generate_ok(
        "paths:
  /a:
    get:
      operationId: usesQ
      parameters: [{$ref: '#/components/parameters/Q'}]
      responses: {'204': {description: ok}}
  /b:
    get:
      operationId: fine
      responses: {'204': {description: ok}}
components:
  parameters:
    Q: {name: q, schema: {type: string}}",
    );
    let warnings = warnings(&generated);
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(
        warnings[0].starts_with("#/components/parameters/Q")
            && warnings[0].ends_with(
                "; the component that holds it is left out, and what refers to it is skipped"
            ),
        "{warnings:?}"
    );
    assert!(
        warnings[1].starts_with("#/paths/~1a/get/parameters/0")
            && warnings[1].ends_with("the operation #/paths/~1a/get is skipped"),
        "{warnings:?}"
    );
    assert!(operations_rs(&generated).contains("pub fn fine("));
    assert_eq!(generated.counts.0, 1);
}

#[test]
fn a_schema_keyword_of_the_wrong_type_is_ignored_and_the_schema_kept() {
    // Found in the wild: `pattern: 0` on a string property refused the whole document.
    let generated = generate_ok(
        "paths:
  /thumbnail:
    post:
      operationId: pick
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Pick'}
      responses: {'204': {description: ok}}
components:
  schemas:
    Pick:
      type: object
      required: [timecode]
      properties:
        timecode: {type: string, pattern: 0}",
    );
    assert_eq!(
        warnings(&generated),
        [
            "#/components/schemas/Pick/properties/timecode/pattern: invalid type: integer `0`, \
             expected a string; the keyword is ignored"
        ]
    );
    assert!(
        generated.files["src/types.rs"].contains("pub timecode: String,"),
        "{}",
        generated.files["src/types.rs"]
    );
    assert!(operations_rs(&generated).contains("pub fn pick("));
}

#[test]
fn a_schema_that_cannot_be_read_is_any_json_value_and_its_users_are_kept() {
    let generated = generate_ok(
        "paths:
  /a:
    get:
      operationId: getA
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/A'}
components:
  schemas:
    A:
      type: object
      properties:
        broken: {type: 5, description: What the server says.}
        fine: {type: integer}",
    );
    let warnings = warnings(&generated);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].starts_with("#/components/schemas/A/properties/broken: ")
            && warnings[0].ends_with("; the schema is read as any JSON value"),
        "{warnings:?}"
    );
    let types = &generated.files["src/types.rs"];
    assert!(types.contains("pub broken: Option<Value>,"), "{types}");
    assert!(types.contains("/// What the server says."), "{types}");
    assert!(types.contains("pub fine: Option<i64>,"), "{types}");
    assert_eq!(generated.counts.0, 1);
}

#[test]
fn a_response_referenced_from_another_operations_default_resolves() {
    // Found in the wild: 53 operations shared the `default` response of one of them, and
    // each was skipped (`default` was taken for data, as a schema's `default` is).
    let generated = generate_ok(
        "paths:
  /a:
    get:
      operationId: getA
      responses:
        '204': {description: ok}
        default:
          description: failure
          content:
            application/json:
              schema: {type: object, properties: {code: {type: integer}}}
  /b:
    get:
      operationId: getB
      responses:
        '204': {description: ok}
        default: {$ref: '#/paths/~1a/get/responses/default'}
components:
  parameters:
    default: {name: default, in: query, schema: {type: string}}",
    );
    assert_eq!(warnings(&generated), Vec::<String>::new());
    assert_eq!(generated.counts.0, 2);
}

#[test]
fn a_callback_given_by_reference_costs_nothing_but_its_own_code() {
    let generated = generate_ok(
        "paths:
  /search:
    get:
      operationId: search
      callbacks:
        indexed: {$ref: '#/components/callbacks/Indexed'}
      responses: {'204': {description: ok}}
components:
  callbacks:
    Indexed:
      '{$request.query.url}':
        post:
          responses: {'204': {description: ok}}",
    );
    assert_eq!(
        warnings(&generated),
        [
            "#/components/callbacks/Indexed: callback `indexed` left out: a callback is a \
             request the API sends to a URL it was given, not a call the client makes, and \
             this one sends a request with no JSON body whose type the crate could name"
        ]
    );
    assert!(operations_rs(&generated).contains("pub fn search("));
}

#[test]
fn a_path_item_referring_to_another_path_has_its_operations() {
    let generated = generate_ok(
        "paths:
  /ip-address:
    get:
      operationId: getIpAddress
      responses: {'204': {description: ok}}
  /support/ip-address: {$ref: '#/paths/~1ip-address'}
  x-codegen-context-root: /apis/v2",
    );
    // The copy's operation has the same id; it is renamed, as any duplicate is.
    assert_eq!(
        warnings(&generated),
        [
            "#/paths/~1support~1ip-address/get/operationId: duplicate operationId \
             `getIpAddress` (first used at #/paths/~1ip-address/get); this operation's method is \
             `get_ip_address_2`"
        ]
    );
    let ops = operations_rs(&generated);
    assert!(ops.contains("pub fn get_ip_address("), "{ops}");
    assert!(ops.contains("pub fn get_ip_address_2("), "{ops}");
    assert!(ops.contains("/support/ip-address"), "{ops}");
}

#[test]
fn a_request_body_without_media_types_is_not_sent_and_the_operation_kept() {
    let generated = generate_ok(
        "paths:
  /channels/{channel}:
    delete:
      operationId: unsubscribe
      parameters: [{name: channel, in: path, required: true, schema: {type: string}}]
      requestBody: {content: {}}
      responses: {'204': {description: ok}}",
    );
    assert_eq!(
        warnings(&generated),
        [
            "#/paths/~1channels~1{channel}/delete/requestBody/content: the request body offers \
             no media type; the method sends no body"
        ]
    );
    assert!(operations_rs(&generated).contains("pub fn unsubscribe("));
}

#[test]
fn a_scalar_parameter_in_another_media_type_is_sent_as_its_text() {
    // Found in the wild: `content: {'*/*': {schema: {type: string, format: uuid}}}` on a path
    // parameter skipped the operation.
    let generated = generate_ok(
        "paths:
  /reports/{id}:
    get:
      operationId: getReport
      parameters:
        - {name: id, in: path, required: true, content: {'*/*': {schema: {type: string}}}}
        - {name: page, in: query, content: {text/plain: {schema: {type: integer, format: int32}}}}
      responses: {'204': {description: ok}}
  /search:
    get:
      operationId: search
      parameters:
        - {name: filter, in: query, content: {text/plain: {schema: {type: object}}}}
      responses: {'204': {description: ok}}",
    );
    let ops = operations_rs(&generated);
    assert!(ops.contains("pub fn get_report("), "{ops}");
    assert!(ops.contains(".path_param(\"id\", id)"), "{ops}");
    assert!(ops.contains(".query(\"page\", &params.page)"), "{ops}");
    // An object has no one text form outside JSON: that operation is still skipped.
    let warnings = warnings(&generated);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].starts_with(
            "#/paths/~1search/get/parameters/0/content: parameter content \
             `text/plain` is supported for JSON, and for a single string, number or boolean"
        ),
        "{warnings:?}"
    );
    assert_eq!(generated.counts.0, 1);
}

#[test]
fn a_broken_shared_component_skips_only_the_operations_that_meet_it() {
    let generated = generate_ok(
        "paths:
  /a:
    get:
      parameters: [{$ref: '#/components/parameters/Zebra'}]
      responses: {'204': {description: ok}}
  /b:
    get:
      parameters: [{$ref: '#/components/parameters/Zebra'}]
      responses: {'200': {$ref: '#/components/responses/Cycle'}}
  /c:
    get:
      operationId: fine
      responses: {'204': {description: ok}}
components:
  parameters:
    Zebra: {$ref: '#/components/parameters/Nope'}
  responses:
    Cycle: {$ref: '#/components/responses/Cycle'}",
    );
    let warnings = warnings(&generated);
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    for (warning, operation) in warnings.iter().zip(["/a", "/b"]) {
        assert!(
            warning.starts_with(
                "#/components/parameters/Zebra: dangling reference: \
                 `#/components/parameters/Nope` does not exist"
            ) && warning.ends_with(&format!(
                "the operation #/paths/~1{}/get is skipped",
                &operation[1..]
            )),
            "{warnings:?}"
        );
    }
    assert!(operations_rs(&generated).contains("pub fn fine("));
    assert_eq!(generated.counts.0, 1);
}

#[test]
fn a_response_or_body_given_as_a_schema_reference_is_a_json_one_of_that_schema() {
    // Found in the wild (SwaggerHub's registry API): `'400': {$ref: '#/components/schemas/…'}`,
    // a schema where a Response Object belongs, skipped the operation.
    let generated = generate_ok(
        "paths:
  /things:
    post:
      operationId: makeThing
      requestBody: {$ref: '#/components/schemas/Thing'}
      responses:
        '201':
          $ref: '#/components/schemas/Thing'
        '400':
          description: refused
          headers:
            X-Reason: {$ref: '#/components/schemas/Reason'}
components:
  schemas:
    Thing:
      description: A thing.
      type: object
      properties: {id: {type: string}}
    Reason: {type: string}",
    );
    assert_eq!(
        warnings(&generated),
        [
            "#/paths/~1things/post/requestBody: `#/components/schemas/Thing` is a schema, not \
             a request body; it is read as an optional `application/json` body of that schema",
            "#/paths/~1things/post/responses/201: `#/components/schemas/Thing` is a schema, not \
             a response; it is read as an `application/json` response of that schema",
            "#/paths/~1things/post/responses/400/headers/X-Reason: `#/components/schemas/Reason` \
             is a schema, not a header; it is read as a header of that schema",
        ]
    );
    let ops = operations_rs(&generated);
    assert!(ops.contains("pub fn make_thing("), "{ops}");
    assert!(
        ops.contains("body: Option<&types::Thing>") || ops.contains("Option<&Thing>"),
        "{ops}"
    );
    assert!(ops.contains("Thing"), "{ops}");
    assert_eq!(generated.counts.0, 1);
}

#[test]
fn a_schema_given_as_a_reference_to_a_response_or_parameter_is_its_schema() {
    // Found in the wild (InfluxData's private contracts): `schema: {$ref:
    // '#/components/responses/ServerError'}`; the error's payload was any JSON value.
    let generated = generate_ok(
        "paths:
  /limits:
    patch:
      operationId: patchLimits
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/parameters/Limit'}
      responses:
        '204': {description: ok}
        '422':
          description: refused
          content:
            application/json:
              schema: {$ref: '#/components/responses/ServerError'}
components:
  parameters:
    Limit: {name: limit, in: query, schema: {type: integer, format: int32}}
  responses:
    ServerError:
      description: An error.
      content:
        text/html: {schema: {type: string}}
        application/json: {schema: {$ref: '#/components/schemas/Error'}}
  schemas:
    Error:
      type: object
      required: [message]
      properties: {message: {type: string}}",
    );
    assert_eq!(
        warnings(&generated),
        [
            "#/paths/~1limits/patch/requestBody/content/application~1json/schema: \
             `#/components/parameters/Limit` is a parameter, not a schema; its schema is read",
            "#/paths/~1limits/patch/responses/422/content/application~1json/schema: \
             `#/components/responses/ServerError` is a response, not a schema; its \
             `application/json` schema is read",
        ]
    );
    let ops = operations_rs(&generated);
    assert!(ops.contains("body: Option<i32>"), "{ops}");
    assert!(
        ops.contains("UnprocessableEntity(Option<types::Error>)"),
        "{ops}"
    );
}

#[test]
fn a_no_content_status_declaring_content_has_none() {
    // Found in the wild (api.video): `'204': {content: {application/json: …}}`; the client
    // tried to decode the empty body, so every successful call failed.
    let generated = generate_ok(
        "paths:
  /logo:
    delete:
      operationId: deleteLogo
      responses:
        '204':
          description: No Content
          content:
            application/json:
              schema: {type: object, properties: {id: {type: string}}}",
    );
    assert_eq!(
        warnings(&generated),
        [
            "#/paths/~1logo/delete/responses/204/content: a 204 response has no content (RFC \
             9110, section 15); the `content` it declares is ignored (here and wherever a 204 \
             declares some)"
        ]
    );
    let ops = operations_rs(&generated);
    assert!(ops.contains("Call<'_, (), "), "{ops}");
    assert!(ops.contains("204 => Outcome::Success(()),"), "{ops}");
}

#[test]
fn a_response_to_head_declaring_content_has_none() {
    // Found by calling Radarr's operations against Prism: `head: {responses: {'200': {content:
    // {application/json: PingResource}}}}`, what a GET returns. A HEAD response never carries
    // content, so the client decoded an empty body as `PingResource` and every call failed.
    let generated = generate_ok(
        "paths:
  /ping:
    get:
      operationId: getPing
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Ping'}
    head:
      operationId: headPing
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Ping'}
        '404':
          description: gone
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Ping'}
  /other:
    head:
      operationId: headOther
      responses:
        '200':
          description: ok
          content:
            text/plain:
              schema: {type: string}
components:
  schemas:
    Ping:
      type: object
      properties: {status: {type: string}}",
    );
    assert_eq!(
        warnings(&generated),
        [
            "#/paths/~1ping/head/responses/200/content: a response to HEAD has no content (RFC \
             9110, section 9.3.2); the `content` it declares is ignored (here and wherever a \
             response to HEAD declares some)"
        ]
    );
    let ops = operations_rs(&generated);
    assert!(
        ops.contains("pub fn head_ping(&self) -> Call<'_, (), HeadPingError>"),
        "{ops}"
    );
    assert!(
        ops.contains("pub fn head_other(&self) -> Call<'_, (), "),
        "{ops}"
    );
    assert!(
        ops.contains("pub fn get_ping(&self) -> Call<'_, types::Ping, "),
        "{ops}"
    );
    assert!(ops.contains("200 => Outcome::Success(()),"), "{ops}");
}

#[test]
fn a_parameter_repeated_in_one_list_is_declared_once_and_header_names_ignore_case() {
    // Found by calling Mollie's operations against a recording server: `createTransfer`
    // declares `Idempotency-Key` (required) and, by reference, the shared `idempotency-key`
    // (optional). Header names are case-insensitive (RFC 9110, section 5.1), so they are one
    // header; the client took both and sent the header twice, with two different keys.
    let generated = generate_ok(
        "paths:
  /transfers/{id}:
    parameters:
      - {name: X-Trace, in: header, schema: {type: string}}
    post:
      operationId: createTransfer
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
        - {name: Idempotency-Key, in: header, required: true, schema: {type: string}}
        - $ref: '#/components/parameters/idempotency-key'
        - {name: limit, in: query, schema: {type: integer}}
        - {name: Limit, in: query, schema: {type: string}}
        - {name: limit, in: query, schema: {type: string}}
        - {name: x-trace, in: header, required: true, schema: {type: integer}}
      responses:
        '204': {description: done}
components:
  parameters:
    idempotency-key: {name: idempotency-key, in: header, schema: {type: string}}",
    );
    assert_eq!(
        warnings(&generated),
        [
            "#/paths/~1transfers~1{id}/post/parameters/2: header parameter `idempotency-key` \
             repeats `Idempotency-Key` (#/paths/~1transfers~1{id}/post/parameters/1), header \
             names being case-insensitive; the first is used (a list may not declare a \
             parameter twice)",
            "#/paths/~1transfers~1{id}/post/parameters/5: query parameter `limit` repeats \
             `limit` (#/paths/~1transfers~1{id}/post/parameters/3); the first is used (a list \
             may not declare a parameter twice)",
        ]
    );
    let ops = operations_rs(&generated);
    // One key, required; the query names differ in case, so both are parameters; the
    // operation's `x-trace` overrides the path item's `X-Trace`, as OpenAPI says.
    assert_eq!(ops.matches("\"Idempotency-Key\"").count(), 1, "{ops}");
    assert!(!ops.contains("\"idempotency-key\""), "{ops}");
    assert!(ops.contains("idempotency_key: &str"), "{ops}");
    assert!(ops.contains(".query(\"limit\", &params.limit)"), "{ops}");
    assert!(ops.contains("pub limit: Option<i64>"), "{ops}");
    assert!(ops.contains(".query(\"Limit\""), "{ops}");
    assert!(ops.contains("x_trace: i64"), "{ops}");
    assert!(!ops.contains("\"X-Trace\""), "{ops}");
}

#[test]
fn accept_content_type_and_authorization_header_parameters_are_ignored_as_openapi_says() {
    // Found in the wild (VA.gov facilities): a required `Accept` parameter was an argument,
    // then overwritten by the `Accept` the client sets; Mercure's `application/ld+json`
    // responses were asked for as `application/json` (a 406 from a strict server).
    let generated = generate_ok(
        "security: [{bearer: []}]
paths:
  /facilities:
    get:
      operationId: listFacilities
      parameters:
        - {name: Accept, in: header, required: true, schema: {type: string}}
        - {name: Authorization, in: header, schema: {type: string}}
      responses:
        '200':
          description: ok
          content:
            application/ld+json:
              schema: {type: object}
        '400':
          description: refused
          content:
            application/problem+json:
              schema: {type: object}
  /ping:
    get:
      operationId: ping
      security: []
      parameters:
        - {name: authorization, in: header, required: true, schema: {type: string}}
        - {name: Content-Type, in: header, schema: {type: string}}
      responses: {'204': {description: ok}}
  /accounts:
    get:
      operationId: listAccounts
      security: [{key: []}]
      parameters:
        - {name: Authorization, in: header, required: true, schema: {type: string}}
      responses: {'204': {description: ok}}
components:
  securitySchemes:
    bearer: {type: http, scheme: bearer}
    key: {type: apiKey, in: header, name: X-Key}",
    );
    assert_eq!(
        warnings(&generated),
        [
            "#/paths/~1facilities/get/parameters/0: header parameter `Accept` is ignored, as \
             OpenAPI says; the client sets it from the media types of the responses (here and in \
             every operation declaring it)",
            "#/paths/~1facilities/get/parameters/1: header parameter `Authorization` is \
             ignored, as OpenAPI says; the client sets it from the credentials of the \
             operation's security schemes (here and in every operation declaring it)",
            "#/paths/~1ping/get/parameters/1: header parameter `Content-Type` is ignored, as \
             OpenAPI says; the client sets it from the request body's media type (here and in \
             every operation declaring it)",
        ]
    );
    let ops = operations_rs(&generated);
    let signature = ops
        .split("pub fn list_facilities(")
        .nth(1)
        .and_then(|rest| rest.split(')').next())
        .unwrap();
    assert_eq!(signature.trim().trim_end_matches(','), "&self", "{ops}");
    assert!(
        ops.contains(".accept(\"application/ld+json, application/problem+json\")"),
        "{ops}"
    );
    // No security scheme covers `ping`: its `Authorization` is the only way to send one.
    assert!(
        ops.contains(".header_param(\"authorization\", authorization)"),
        "{ops}"
    );
    // `listAccounts`'s one scheme is an API key in another header (Azure's LUIS asks for an
    // ARM token beside its subscription key): nothing else sends `Authorization` either.
    assert!(
        ops.contains("pub fn list_accounts(&self, authorization: &str)")
            && ops.contains(".header_param(\"Authorization\", authorization)"),
        "{ops}"
    );
}

#[test]
fn framing_header_parameters_are_left_to_the_http_client() {
    // Found in the wild (influxdata, S3, here.com tracking): a `Content-Length` parameter the
    // caller set replaced the real one, so the body went out cut short (`content-length: 1`
    // before a 16-byte body) or the server waited for bytes that never came.
    let generated = generate_ok(
        "paths:
  /write:
    post:
      operationId: write
      parameters:
        - {name: Content-Length, in: header, required: true, schema: {type: integer}}
        - {name: Host, in: header, schema: {type: string}}
        - {name: transfer-encoding, in: header, schema: {type: string}}
        - {name: X-Trace, in: header, schema: {type: string}}
      requestBody:
        required: true
        content:
          text/plain: {schema: {type: string}}
      responses: {'204': {description: ok}}",
    );
    let framing = |index: usize, name: &str| {
        format!(
            "#/paths/~1write/post/parameters/{index}: header parameter `{name}` is part of \
             HTTP's framing, which the HTTP client writes from the request it sends; it is \
             ignored (here and in every operation declaring it)"
        )
    };
    assert_eq!(
        warnings(&generated),
        [
            framing(0, "Content-Length"),
            framing(1, "Host"),
            framing(2, "transfer-encoding")
        ]
    );
    let ops = operations_rs(&generated).to_ascii_lowercase();
    assert!(!ops.contains("\"content-length\""), "{ops}");
    assert!(!ops.contains("\"host\""), "{ops}");
    assert!(ops.contains(".header_param(\"x-trace\""), "{ops}");
}

#[test]
fn content_encoding_is_sent_only_with_bytes_the_caller_gives() {
    // Found in the wild (Datadog's series and logs intake): `Content-Encoding: gzip` could be
    // set on a JSON body the client writes uncompressed, and the server failed to decode it.
    let generated = generate_ok(
        "paths:
  /series:
    post:
      operationId: submitSeries
      parameters: [{$ref: '#/components/parameters/ContentEncoding'}]
      requestBody:
        required: true
        content:
          application/json: {schema: {type: object, properties: {n: {type: number}}}}
      responses: {'202': {description: ok}}
  /status:
    get:
      operationId: status
      parameters: [{name: content-encoding, in: header, schema: {type: string}}]
      responses: {'204': {description: ok}}
  /upload:
    post:
      operationId: upload
      parameters: [{$ref: '#/components/parameters/ContentEncoding'}]
      requestBody:
        required: true
        content:
          application/json: {schema: {type: string, format: binary}}
      responses: {'202': {description: ok}}
components:
  parameters:
    ContentEncoding:
      name: Content-Encoding
      in: header
      schema: {type: string, enum: [gzip, deflate]}",
    );
    // Said once, where the first operation that drops it declares it.
    assert_eq!(
        warnings(&generated),
        [
            "#/components/parameters/ContentEncoding: header parameter `Content-Encoding` is \
          ignored where the client writes the body (JSON, a form, text) or sends none: that \
          body goes unencoded, and the header would say otherwise; it is kept where the body \
          is bytes the caller gives, which the caller may have encoded"
        ]
    );
    let ops = operations_rs(&generated);
    let upload = ops.split("pub fn upload").nth(1).unwrap();
    assert!(
        upload.contains(".header_param(\"Content-Encoding\", &params.content_encoding)"),
        "{ops}"
    );
    let before_upload = ops.split("pub fn upload").next().unwrap();
    assert!(
        !before_upload
            .to_ascii_lowercase()
            .contains("content-encoding\","),
        "{ops}"
    );
}

#[test]
fn a_parameter_an_api_key_scheme_sends_is_that_key_and_sent_once() {
    // Found in the wild (SoundCloud): `client_id` declared both as an API key in the query and
    // as a query parameter; the client sent `client_id=…&client_id=…`, which a server reads as
    // an array.
    let generated = generate_ok(
        "security: [{ClientId: []}]
paths:
  /connect:
    get:
      operationId: connect
      parameters:
        - {name: client_id, in: query, required: true, schema: {type: string}}
        - {name: x-token, in: header, schema: {type: string}}
        - {name: page, in: query, schema: {type: integer}}
      security: [{ClientId: [], Token: []}]
      responses: {'204': {description: ok}}
components:
  securitySchemes:
    ClientId: {type: apiKey, in: query, name: client_id}
    Token: {type: apiKey, in: header, name: X-Token}",
    );
    assert_eq!(
        warnings(&generated),
        [
            "#/paths/~1connect/get/parameters/0: query parameter `client_id` is the API key of \
             the security scheme `ClientId`; the client sends it from the key it is given, and \
             the parameter is ignored (here and in every operation declaring it)",
            "#/paths/~1connect/get/parameters/1: header parameter `x-token` is the API key of \
             the security scheme `Token`; the client sends it from the key it is given, and the \
             parameter is ignored (here and in every operation declaring it)",
        ]
    );
    let ops = operations_rs(&generated);
    assert!(!ops.contains("\"client_id\""), "{ops}");
    assert!(ops.contains("\"page\""), "{ops}");
}

#[test]
fn a_parameter_ignored_in_every_operation_is_one_warning() {
    // Loket.nl declares `Accept` on 655 operations: one line says it, not 655.
    let op = |name: &str| {
        format!(
            "    {name}:
      operationId: {name}Thing
      parameters: [{{name: Accept, in: header, schema: {{type: string}}}}]
      responses: {{'204': {{description: ok}}}}
"
        )
    };
    let generated = generate_ok(&format!("paths:\n  /thing:\n{}{}", op("get"), op("delete")));
    assert_eq!(
        warnings(&generated),
        [
            "#/paths/~1thing/get/parameters/0: header parameter `Accept` is ignored, as OpenAPI \
             says; the client sets it from the media types of the responses (here and in every \
             operation declaring it)"
        ]
    );
    assert_eq!(generated.counts.0, 2);
}

/// A `content` map given as a `$ref` to one elsewhere in the document (what Redocly's bundler
/// writes for Lob's API, into a `components.mediaTypes` section of a 3.0 document) is that map:
/// every operation using it keeps its typed body. A Media Type Object given as a `$ref` into
/// that section (OpenAPI 3.2's form) is read the same way in a 3.0 document. A property named
/// `content` is a schema, not a content map, and keeps its reference.
#[test]
fn a_content_map_given_as_a_reference_is_read_as_its_target() {
    let generated = generate_ok(
        "paths:
  /pets:
    get:
      operationId: listPets
      responses:
        '200':
          description: ok
          content: {$ref: '#/components/mediaTypes/pets'}
    post:
      operationId: addPet
      requestBody:
        content: {$ref: '#/components/mediaTypes/again'}
      responses:
        '201':
          description: ok
          content:
            application/json: {$ref: '#/components/mediaTypes/one_pet'}
components:
  mediaTypes:
    pets:
      application/json:
        schema: {type: array, items: {$ref: '#/components/schemas/Pet'}}
    again: {$ref: '#/components/mediaTypes/pets'}
    one_pet:
      schema: {$ref: '#/components/schemas/Pet'}
  schemas:
    Pet:
      type: object
      properties:
        content: {$ref: '#/components/schemas/Note'}
    Note: {type: string}
",
    );
    assert!(
        warnings(&generated).is_empty(),
        "{:?}",
        warnings(&generated)
    );
    let operations = operations_rs(&generated);
    for expected in [
        "Call<'_, Vec<types::Pet>, ListPetsError>",
        "body: Option<&[types::Pet]>,",
        "Call<'_, types::Pet, AddPetError>",
    ] {
        assert!(operations.contains(expected), "{expected}\n{operations}");
    }
    let types = &generated.files["src/types.rs"];
    assert!(types.contains("pub content: Option<Note>,"), "{types}");
}

/// OpenAPI 3.0 and Swagger 2.0 require an operation's `responses` (3.1 does not); a document
/// that leaves them out (oapi-codegen's own test specs do, in 5 of 152) lost the operation.
/// It is read as documenting no response, as 3.1 reads it: the call succeeds on any 2xx and
/// returns `()`, and one warning says so for every operation concerned.
#[test]
fn an_operation_without_responses_is_read_as_documenting_none() {
    let paths = "paths:
  /pets:
    get:
      operationId: listPets
    post:
      operationId: addPet
      parameters: [{name: dry, in: query, schema: {type: boolean}}]
  /pets/{id}:
    delete:
      operationId: deletePet
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses: {'204': {description: gone}}
";
    let generated = generate_ok(paths);
    assert_eq!(
        warnings(&generated),
        [
            "#/paths/~1pets/get: the operation has no `responses` (OpenAPI 3.0 and Swagger 2.0 \
          require them); it is read as documenting none, as OpenAPI 3.1 reads it: the call \
          succeeds on any 2xx status and returns no value (here and at 1 other operation)"
        ]
    );
    let ops = operations_rs(&generated);
    for method in ["pub fn list_pets(", "pub fn add_pet(", "pub fn delete_pet("] {
        assert!(ops.contains(method), "{method}\n{ops}");
    }
    assert!(ops.contains("-> Call<'_, (), ListPetsError>"), "{ops}");

    // Swagger 2.0 likewise, the warning at the document's own pointer.
    let swagger = common::generate_ok(&format!(
        "{}paths:\n  /pets:\n    get:\n      operationId: listPets\n",
        common::HEAD_2
    ));
    assert_eq!(warnings(&swagger).len(), 1, "{:?}", warnings(&swagger));
    assert!(warnings(&swagger)[0].starts_with("#/paths/~1pets/get: the operation has no"));
    assert!(operations_rs(&swagger).contains("pub fn list_pets("));
}

/// Harbor's 2.0 document shares its error responses (`#/responses/400`) between GETs and
/// HEADs: the content is ignored only where a HEAD uses the response, so the warning names
/// the HEAD's own response, not the shared component, whose content every GET still decodes.
#[test]
fn a_shared_response_to_head_is_warned_about_where_the_head_uses_it() {
    let generated = generate_ok(
        "paths:
  /projects:
    get:
      operationId: listProjects
      responses:
        '200': {description: ok}
        '400': {$ref: '#/components/responses/BadRequest'}
    head:
      operationId: headProject
      responses:
        '200': {description: ok}
        '400': {$ref: '#/components/responses/BadRequest'}
components:
  responses:
    BadRequest:
      description: bad
      content:
        application/json:
          schema: {type: object, properties: {message: {type: string}}}",
    );
    assert_eq!(
        warnings(&generated),
        [
            "#/paths/~1projects/head/responses/400: a response to HEAD has no content (RFC 9110, \
             section 9.3.2); the `content` it declares is ignored (here and wherever a response \
             to HEAD declares some)"
        ]
    );
    let ops = operations_rs(&generated);
    assert!(
        ops.contains("BadRequest(Option<types::ListProjectsBadRequest>),"),
        "{ops}"
    );
    assert!(
        ops.contains("400 => Outcome::Failure(HeadProjectError::BadRequest),"),
        "{ops}"
    );
}

#[test]
fn a_params_struct_hides_credential_like_parameters_from_debug() {
    // A token, key or password a parameter carries (one no security scheme declares) would be
    // printed by a derived `Debug`, as the runtime never prints such headers; the struct's
    // `Debug` shows every other field and whether an optional secret is set.
    let generated = generate_ok(
        "paths:
  /reports/{id}:
    get:
      operationId: getReport
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
        - {name: api_key, in: query, required: true, schema: {type: string}}
        - {name: a, in: query, required: true, schema: {type: string}}
        - {name: b, in: query, required: true, schema: {type: string}}
        - {name: c, in: query, required: true, schema: {type: string}}
        - {name: d, in: query, required: true, schema: {type: string}}
        - {name: e, in: query, required: true, schema: {type: string}}
        - {name: X-Refresh-Token, in: header, schema: {type: string}}
        - {name: page_token, in: query, schema: {type: string}}
      responses: {'204': {description: ok}}
  /plain:
    get:
      operationId: getPlain
      parameters:
        - {name: X-Trace, in: header, schema: {type: string}}
      responses: {'204': {description: ok}}",
    );
    let ops = operations_rs(&generated);
    assert!(
        ops.contains("#[derive(Clone, PartialEq)]\npub struct GetReportParams {"),
        "{ops}"
    );
    assert!(
        ops.contains("impl std::fmt::Debug for GetReportParams {")
            && ops.contains(".field(\"api_key\", &\"<redacted>\")")
            && ops.contains(".field(\"a\", &self.a)")
            && ops.contains("&self.x_refresh_token.as_ref().map(|_| \"<redacted>\")")
            && ops.contains(".field(\"page_token\", &self.page_token)"),
        "{ops}"
    );
    assert!(
        ops.contains("#[derive(Debug, Clone, PartialEq, Default)]\npub struct GetPlainParams {"),
        "{ops}"
    );
}

#[test]
fn doc_links_of_the_crate_root_name_the_runtime_crate() {
    // `quote` leaves `#name` inside a `///` comment as written: the builder's docs linked to
    // `#runtime::ClientBuilder::build`, a URL fragment that goes nowhere.
    let generated = generate_ok(
        "paths:
  /a:
    get:
      operationId: getA
      responses: {'204': {description: ok}}",
    );
    let lib = &generated.files["src/lib.rs"];
    let links: Vec<&str> = lib
        .lines()
        .filter(|line| line.trim_start().starts_with("///"))
        .flat_map(|line| line.split("](").skip(1))
        .collect();
    assert!(links.iter().all(|link| !link.starts_with('#')), "{links:?}");
    assert!(
        lib.contains("[`build`](test_api_opengen_runtime::ClientBuilder::build)"),
        "{lib}"
    );
}

#[test]
fn a_query_written_in_a_path_key_is_sent_as_query_parameters() {
    // 11 APIs.guru documents write queries into path keys: medium.com's
    // `/search/articles?query={query}` also declares `query`, so the value went out twice, once
    // as a path segment; weatherbit's `/alerts?lat={lat}&lon={lon}` declares neither; Flickr's
    // `/rest?method=…` keys tell operations on one path apart by a fixed value.
    let generated = generate_ok(
        "paths:
  /search/articles?query={query}:
    get:
      operationId: searchArticles
      parameters:
        - {name: query, in: query, required: true, schema: {type: string}}
      responses: {'204': {description: ok}}
  /alerts?lat={lat}&lon={lon}:
    get:
      operationId: alerts
      responses: {'204': {description: ok}}
  /export?filename={name}:
    get:
      operationId: export
      parameters:
        - {name: name, in: path, required: true, description: The file's name., schema: {type: integer}}
      responses: {'204': {description: ok}}
  /rest?method=flickr.photos.get&format={format}:
    get:
      operationId: getPhoto
      parameters:
        - {name: format, in: query, schema: {type: string}}
        - {name: photo_id, in: query, required: true, schema: {type: string}}
      responses: {'204': {description: ok}}",
    );
    let ops = operations_rs(&generated);
    assert!(
        ops.contains("pub fn search_articles(&self, query: &str)")
            && ops.contains("RequestBuilder::new(Method::GET, \"/search/articles\")")
            && ops.contains(".query(\"query\", query)"),
        "{ops}"
    );
    assert!(
        ops.contains("pub fn alerts(&self, lat: &str, lon: &str)")
            && ops.contains("RequestBuilder::new(Method::GET, \"/alerts\")")
            && ops.contains(".query(\"lat\", lat)")
            && ops.contains(".query(\"lon\", lon)"),
        "{ops}"
    );
    assert!(
        ops.contains("RequestBuilder::new(Method::GET, \"/rest?method=flickr.photos.get\")")
            && ops.contains(".query(\"format\", &params.format)"),
        "{ops}"
    );
    // Declared `in: path` (clicksend, icons8, weatherbit): that parameter, its type and docs
    // kept, in the query under the pair's name.
    assert!(
        ops.contains("pub fn export(&self, name: i64)")
            && ops.contains("RequestBuilder::new(Method::GET, \"/export\")")
            && ops.contains(".query(\"filename\", &name)")
            && ops.contains("- `name`: The file's name."),
        "{ops}"
    );
    assert!(
        !ops.contains("path_param") && !ops.contains("path_value"),
        "{ops}"
    );
    let warnings = warnings(&generated);
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(
        warnings[0].contains(
            "path `/alerts?lat={lat}&lon={lon}` has `lat={lat}` in its query and declares no \
             query parameter `lat` or path parameter `lat`; it is taken as a required string \
             query parameter"
        ),
        "{warnings:?}"
    );
}
