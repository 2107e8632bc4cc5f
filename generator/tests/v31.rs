//! OpenAPI 3.1, one rule at a time: a small 3.1 spec and the IR (or code) it must give, most
//! often the same as the 3.0 spec that says the same thing.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

mod common;

use std::path::Path;

use common::{HEAD as HEAD_30, HEAD_31, files_without_hash, named, options, ty, warnings};
use opengen::Error;
use opengen::ir::{Api, Field, OneOfVariant, TypeKind, TypeRef, Warning};

fn spec(head: &str, body: &str) -> opengen::load::Spec {
    common::parse_ok(&format!("{head}{body}"))
}

fn lower(body: &str) -> Api {
    opengen::lower::lower(&spec(HEAD_31, body), &opengen::Config::default())
        .unwrap_or_else(|e| panic!("{e}"))
}

fn lower_30(body: &str) -> Api {
    opengen::lower::lower(&spec(HEAD_30, body), &opengen::Config::default())
        .unwrap_or_else(|e| panic!("{e}"))
}

fn generate(head: &str, body: &str) -> Result<opengen::Generated, Error> {
    opengen::generate_from(&spec(head, body), &options()).map_err(common::only)
}

/// Asserts that a 3.1 body and a 3.0 body generate the same crate.
fn assert_same_crate(body_31: &str, body_30: &str) {
    let a = files_without_hash(&generate(HEAD_31, body_31).unwrap_or_else(|e| panic!("{e}")));
    let b = files_without_hash(&generate(HEAD_30, body_30).unwrap_or_else(|e| panic!("{e}")));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, text) in &a {
        if text != &b[path] {
            let diff = similar_lines(text, &b[path]);
            panic!("{path} differs (3.1 left, 3.0 right):\n{diff}");
        }
    }
}

fn similar_lines(a: &str, b: &str) -> String {
    a.lines()
        .zip(b.lines())
        .filter(|(x, y)| x != y)
        .take(10)
        .map(|(x, y)| format!("- {x}\n+ {y}"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn fields<'a>(api: &'a Api, name: &str) -> &'a [Field] {
    common::struct_fields(api, name)
}

fn field<'a>(api: &'a Api, owner: &str, wire_name: &str) -> &'a Field {
    fields(api, owner)
        .iter()
        .find(|f| f.wire_name == wire_name)
        .unwrap_or_else(|| panic!("no field {wire_name} in {owner}"))
}

#[test]
fn a_type_list_with_null_is_the_same_field_as_nullable() {
    let api = lower(
        "paths: {}
components:
  schemas:
    Pet:
      type: object
      required: [name]
      properties:
        name: {type: [string, 'null'], description: The name.}
        age: {type: [integer, 'null'], format: int32}
        tags: {type: array, items: {type: [string, 'null']}}
",
    );
    let api_30 = lower_30(
        "paths: {}
components:
  schemas:
    Pet:
      type: object
      required: [name]
      properties:
        name: {type: string, nullable: true, description: The name.}
        age: {type: integer, nullable: true, format: int32}
        tags: {type: array, items: {type: string, nullable: true}}
",
    );
    assert_eq!(api.types, api_30.types);
    let tags = field(&api, "Pet", "tags");
    assert_eq!(
        tags.ty,
        TypeRef::Array(Box::new(TypeRef::Nullable(Box::new(TypeRef::String))))
    );
    let name = field(&api, "Pet", "name");
    assert!(name.required && name.nullable);
}

#[test]
fn a_null_member_of_one_of_or_any_of_makes_a_nullable_field_not_a_union() {
    let api = lower(
        "paths: {}
components:
  schemas:
    Owner:
      type: object
      properties:
        id: {type: string}
    Pet:
      type: object
      properties:
        owner:
          anyOf:
            - $ref: '#/components/schemas/Owner'
            - type: 'null'
          description: Who owns it.
        nick:
          oneOf: [{type: 'null'}, {type: string, maxLength: 10}]
        either:
          anyOf:
            - $ref: '#/components/schemas/Owner'
            - type: string
            - type: 'null'
",
    );
    let owner = field(&api, "Pet", "owner");
    assert_eq!(owner.ty, named(&api, "Owner"));
    assert!(owner.nullable);
    assert_eq!(owner.docs.as_deref(), Some("Who owns it."));
    let nick = field(&api, "Pet", "nick");
    assert_eq!(nick.ty, TypeRef::String);
    assert!(nick.nullable);
    let either = field(&api, "Pet", "either");
    assert!(either.nullable);
    let TypeRef::Named(either) = &either.ty else {
        panic!("{either:?}")
    };
    let TypeKind::OneOf { variants, .. } = &ty(&api, api.name_of(*either)).kind else {
        panic!()
    };
    assert_eq!(variants.len(), 2, "{variants:?}");
    // Exactly what 3.0 says with `allOf: [$ref]` and `nullable`.
    let api_30 = lower_30(
        "paths: {}
components:
  schemas:
    Owner:
      type: object
      properties:
        id: {type: string}
    Pet:
      type: object
      properties:
        owner:
          allOf: [{$ref: '#/components/schemas/Owner'}]
          nullable: true
          description: Who owns it.
        nick: {type: string, maxLength: 10, nullable: true}
        either:
          anyOf:
            - $ref: '#/components/schemas/Owner'
            - type: string
          nullable: true
",
    );
    assert_eq!(api.types, api_30.types);
}

#[test]
fn a_ref_with_siblings_keeps_the_referenced_type_and_documents_the_field() {
    let api = lower(
        "paths: {}
components:
  schemas:
    Color: {type: string, enum: [red, green]}
    Pet:
      type: object
      properties:
        color:
          $ref: '#/components/schemas/Color'
          description: The pet's colour.
          default: red
        shade:
          $ref: '#/components/schemas/Color'
          nullable: true
        plain:
          $ref: '#/components/schemas/Color'
        list:
          type: array
          items: {$ref: '#/components/schemas/Color', description: One colour.}
    Paint:
      $ref: '#/components/schemas/Color'
      description: A paint is a colour.
",
    );
    let color = field(&api, "Pet", "color");
    assert_eq!(color.ty, named(&api, "Color"));
    assert_eq!(color.docs.as_deref(), Some("The pet's colour."));
    assert_eq!(color.default.as_deref(), Some("\"red\""));
    let shade = field(&api, "Pet", "shade");
    assert_eq!((&shade.ty, shade.nullable), (&named(&api, "Color"), true));
    assert_eq!(field(&api, "Pet", "plain").docs, None);
    assert_eq!(
        field(&api, "Pet", "list").ty,
        TypeRef::Array(Box::new(named(&api, "Color")))
    );
    let paint = ty(&api, "Paint");
    assert_eq!(paint.kind, TypeKind::Alias(named(&api, "Color")));
    assert_eq!(paint.docs.as_deref(), Some("A paint is a colour."));
    // No wrapper types: the types are the two components.
    let names: Vec<&str> = api.types.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["Color", "Pet", "Paint"]);
}

#[test]
fn const_tags_tell_one_of_parts_apart_with_or_without_a_discriminator() {
    let body = |tagging: &str| {
        format!(
            "paths: {{}}
components:
  schemas:
    Cat:
      type: object
      required: [kind]
      properties:
        kind: {{const: cat}}
        purrs: {{type: boolean}}
    Dog:
      type: object
      required: [kind]
      properties:
        kind: {{const: dog, description: Always dog.}}
        barks: {{type: boolean}}
    Pet:
      oneOf:
        - $ref: '#/components/schemas/Cat'
        - $ref: '#/components/schemas/Dog'
{tagging}"
        )
    };
    for tagging in ["", "      discriminator: {propertyName: kind}\n"] {
        let api = lower(&body(tagging));
        let TypeKind::OneOf { tag, variants, .. } = &ty(&api, "Pet").kind else {
            panic!()
        };
        assert_eq!(tag.as_ref().map(|t| t.property.as_str()), Some("kind"));
        let tags: Vec<(&str, &[String])> = variants
            .iter()
            .map(
                |OneOfVariant {
                     name, tag_values, ..
                 }| (name.as_str(), tag_values.as_slice()),
            )
            .collect();
        assert_eq!(
            tags,
            [
                ("Cat", &["cat".to_owned()][..]),
                ("Dog", &["dog".to_owned()][..])
            ]
        );
    }
}

#[test]
fn const_is_the_same_as_a_single_value_enum() {
    assert_same_crate(
        "paths: {}
components:
  schemas:
    Kind: {const: only}
    Level: {const: 3}
    Flag: {const: true, description: Always true.}
",
        "paths: {}
components:
  schemas:
    Kind: {type: string, enum: [only]}
    Level: {type: integer, enum: [3]}
    Flag: {type: boolean, enum: [true], description: Always true.}
",
    );
}

/// `const` in an OpenAPI 3.0 document (which has no such keyword; Langfuse's `type: {type:
/// string, const: code}` tells its union's variants apart) is read as 3.1 reads it, a
/// one-value `enum`, not dropped; a `const` key inside an example is data, left as written.
#[test]
fn const_in_a_3_0_document_is_read_as_3_1_reads_it() {
    let api = lower_30(
        "paths: {}
components:
  schemas:
    Cat:
      type: object
      required: [kind]
      properties:
        kind: {type: string, const: cat}
      example: {kind: cat, const: 1}
    Dog:
      type: object
      required: [kind]
      properties:
        kind: {type: string, const: dog}
    Pet:
      oneOf:
        - $ref: '#/components/schemas/Cat'
        - $ref: '#/components/schemas/Dog'
",
    );
    let TypeKind::OneOf { tag, .. } = &ty(&api, "Pet").kind else {
        panic!("{:?}", api.types)
    };
    assert_eq!(tag.as_ref().map(|t| t.property.as_str()), Some("kind"));
    let generated = generate(
        HEAD_30,
        "paths: {}
components:
  schemas:
    Kind: {type: string, const: only, example: {const: 1}}
",
    )
    .unwrap();
    assert!(generated.warnings.is_empty(), "{:?}", generated.warnings);
    let types = &generated.files["src/types.rs"];
    assert!(types.contains("pub enum Kind {"), "{types}");
    assert!(types.contains("Only,"), "{types}");
}

#[test]
fn several_types_are_an_untagged_enum_of_them() {
    let api = lower(
        "paths: {}
components:
  schemas:
    Id:
      type: [string, integer, 'null']
      format: int64
",
    );
    let TypeKind::OneOf { tag, variants, .. } = &ty(&api, "Id").kind else {
        panic!("{:?}", ty(&api, "Id"))
    };
    assert!(tag.is_none());
    let types: Vec<&TypeRef> = variants.iter().map(|v| &v.ty).collect();
    assert_eq!(
        types,
        [
            &TypeRef::String,
            &TypeRef::Integer(opengen::ir::IntWidth::I64)
        ]
    );
}

#[test]
fn null_alone_and_const_null_are_any_value() {
    let api = lower(
        "paths: {}
components:
  schemas:
    Thing:
      type: object
      properties:
        nothing: {type: 'null'}
        none: {const: null}
",
    );
    for name in ["nothing", "none"] {
        assert_eq!(field(&api, "Thing", name).ty, TypeRef::Any, "{name}");
    }
}

#[test]
fn bounds_examples_and_encodings_read_as_in_3_0() {
    assert_same_crate(
        "paths:
  /upload:
    post:
      operationId: upload
      requestBody:
        content:
          multipart/form-data:
            schema:
              type: object
              properties:
                file: {type: string, contentMediaType: image/png}
                raw: {type: string, contentEncoding: binary}
                note: {type: string, contentMediaType: text/plain}
      responses:
        '204': {description: done}
components:
  schemas:
    Reading:
      type: object
      properties:
        ratio: {type: number, exclusiveMinimum: 0, exclusiveMaximum: 1, examples: [0.5]}
        blob: {type: string, contentEncoding: base64}
      $comment: a note for schema tools
",
        "paths:
  /upload:
    post:
      operationId: upload
      requestBody:
        content:
          multipart/form-data:
            schema:
              type: object
              properties:
                file: {type: string, format: binary}
                raw: {type: string, format: binary}
                note: {type: string}
      responses:
        '204': {description: done}
components:
  schemas:
    Reading:
      type: object
      properties:
        ratio: {type: number, minimum: 0, exclusiveMinimum: true, maximum: 1, exclusiveMaximum: true, example: 0.5}
        blob: {type: string, format: byte}
",
    );
}

#[test]
fn referenced_defs_become_types_named_after_their_key() {
    let api = lower(
        "paths: {}
components:
  schemas:
    Request:
      type: object
      properties:
        granularity: {$ref: '#/components/schemas/Request/$defs/Granularity'}
      $defs:
        Granularity: {type: string, enum: [word, segment]}
        Unused: {type: integer}
",
    );
    assert_eq!(
        field(&api, "Request", "granularity").ty,
        named(&api, "Granularity")
    );
    assert!(matches!(
        ty(&api, "Granularity").kind,
        TypeKind::StringEnum { .. }
    ));
    assert!(!api.types.iter().any(|t| t.name == "Unused"));
}

#[test]
fn webhooks_name_their_payload_types_and_are_never_methods() {
    let generated = generate(
        HEAD_31,
        "webhooks:
  newPet:
    post:
      summary: A pet was added
      requestBody:
        content:
          application/json:
            schema: {type: object, properties: {id: {type: integer}}}
      responses:
        '200': {description: ok}
  pet.sold:
    post:
      requestBody: {$ref: '#/components/requestBodies/Sale'}
      responses:
        '200': {description: ok}
  petGone:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Pet'}
  ping:
    post:
      requestBody:
        content:
          text/plain:
            schema: {type: string}
components:
  schemas:
    Pet: {type: object, required: [name], properties: {name: {type: string}}}
  requestBodies:
    Sale:
      content:
        application/json; charset=utf-8:
          schema: {$ref: '#/components/schemas/Pet'}
",
    )
    .unwrap();
    // No method: a webhook is a request the API makes.
    assert_eq!(generated.counts.0, 0);
    // Only the webhook without a JSON body is left out.
    let warnings: Vec<&str> = generated
        .warnings
        .iter()
        .map(|w| w.pointer.as_str())
        .collect();
    assert_eq!(warnings, ["#/webhooks/ping"]);
    assert!(
        generated.warnings[0]
            .message
            .contains("webhook `ping` left out"),
        "{:?}",
        generated.warnings
    );
    let webhooks = &generated.files["src/webhooks.rs"];
    for line in [
        "/// A pet was added",
        "pub type NewPet = crate::types::NewPetPayload;",
        "/// The body of webhook `pet.sold`, which the API sends as `POST application/json; charset=utf-8` to the URL you give it.",
        "pub type PetSold = crate::types::Pet;",
        "pub type PetGone = crate::types::Pet;",
    ] {
        assert!(webhooks.contains(line), "{line}\n{webhooks}");
    }
    assert!(generated.files["src/lib.rs"].contains("pub mod webhooks;"));
    let readme = &generated.files["README.md"];
    assert!(
        readme.contains("| `newPet` | `NewPet` | `types::NewPetPayload` |"),
        "{readme}"
    );
    // The payloads decode: they are received.
    let types = &generated.files["src/types.rs"];
    assert!(types.contains("pub struct NewPetPayload"), "{types}");
}

/// Callbacks are webhooks an operation sets up: each request with a JSON body names its payload
/// type in `webhooks`, in 3.0 and 3.1 alike, given inline, by a `$ref` to
/// `components.callbacks` or to a path item; one without a JSON body is a warning at the
/// callback, and the operation itself is generated as ever.
#[test]
fn callbacks_name_their_payload_types_as_webhooks_do() {
    let body = "paths:
  /streams:
    post:
      operationId: subscribe
      parameters:
        - {name: callbackUrl, in: query, required: true, schema: {type: string, format: uri}}
      callbacks:
        onData:
          '{$request.query.callbackUrl}/data':
            post:
              requestBody:
                content:
                  application/json:
                    schema:
                      type: object
                      properties: {timestamp: {type: string, format: date-time}}
              responses: {'202': {description: ok}}
        onClose: {$ref: '#/components/callbacks/Closed'}
        onPing:
          '{$request.query.callbackUrl}/ping':
            get:
              responses: {'200': {description: ok}}
      responses: {'201': {description: Subscribed.}}
components:
  schemas:
    Closure: {type: object, required: [reason], properties: {reason: {type: string}}}
  callbacks:
    Closed:
      '{$request.query.callbackUrl}/closed':
        post:
          requestBody:
            content:
              application/json: {schema: {$ref: '#/components/schemas/Closure'}}
          responses: {'200': {description: ok}}
";
    for head in [HEAD_30, HEAD_31] {
        let generated = generate(head, body).unwrap();
        assert_eq!(generated.counts.0, 1, "the operation is a method");
        let webhooks = &generated.files["src/webhooks.rs"];
        for line in [
            "pub type OnData = crate::types::OnDataPayload;",
            "/// The body of callback `onData` of operation `subscribe`, which the API sends as `POST application/json` to `{$request.query.callbackUrl}/data`.",
            "pub type OnClose = crate::types::Closure;",
        ] {
            assert!(webhooks.contains(line), "{line}\n{webhooks}");
        }
        let types = &generated.files["src/types.rs"];
        assert!(types.contains("pub struct OnDataPayload"), "{types}");
        // The operation's docs name its callbacks.
        let operations = &generated.files["src/operations.rs"];
        for line in [
            "/// # Callbacks",
            "/// - `onData`: `POST {$request.query.callbackUrl}/data`, its body a [`webhooks::OnData`](crate::webhooks::OnData)",
            "/// - `onClose`: `POST {$request.query.callbackUrl}/closed`, its body a [`webhooks::OnClose`](crate::webhooks::OnClose)",
        ] {
            assert!(operations.contains(line), "{line}\n{operations}");
        }
        let warnings: Vec<(&str, &str)> = generated
            .warnings
            .iter()
            .map(|w| (w.pointer.as_str(), w.message.as_str()))
            .collect();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(warnings[0].0, "#/paths/~1streams/post/callbacks/onPing");
        assert!(warnings[0].1.starts_with("callback `onPing` left out"));
    }
}

/// OpenAPI 3.0 has no `webhooks`: documents write them under Redoc's `x-webhooks` (Clerk's
/// webhook events, which also has no `paths`), or as 3.1 would. Both are read as 3.1's are,
/// instead of the document being refused (no `paths`) or the webhooks dropped without a word.
#[test]
fn webhooks_in_a_3_0_document_are_read_as_3_1_reads_them() {
    let generated = generate(
        HEAD_30,
        "x-webhooks:
  user.created:
    post:
      summary: A user signed up
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/User'}
      responses:
        '200': {description: ok}
  ping:
    post:
      requestBody:
        content:
          text/plain:
            schema: {type: string}
components:
  schemas:
    User: {type: object, required: [id], properties: {id: {type: string}, nick: {type: string, nullable: true}}}
",
    )
    .unwrap();
    let warnings: Vec<(&str, &str)> = generated
        .warnings
        .iter()
        .map(|w| (w.pointer.as_str(), w.message.as_str()))
        .collect();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert_eq!(warnings[0].0, "#", "{warnings:?}");
    assert!(warnings[0].1.contains("no `paths`"), "{warnings:?}");
    assert_eq!(warnings[1].0, "#/x-webhooks/ping", "{warnings:?}");
    assert!(warnings[1].1.contains("webhook `ping` left out"));
    assert_eq!(generated.counts.0, 0);
    let webhooks = &generated.files["src/webhooks.rs"];
    assert!(
        webhooks.contains("pub type UserCreated = crate::types::User;"),
        "{webhooks}"
    );
    // A 3.0 schema stays 3.0: `nullable` is read.
    assert!(
        generated.files["src/types.rs"].contains("pub nick: Option<Option<String>>"),
        "{}",
        generated.files["src/types.rs"]
    );
    // The README says what the crate is for and shows decoding a payload.
    let readme = &generated.files["README.md"];
    assert!(
        readme.contains("# `test-api`: Rust types for the webhooks of Test API"),
        "{readme}"
    );
    assert!(
        readme.contains(
            "let payload: test_api::webhooks::UserCreated = serde_json::from_slice(body)?;"
        ),
        "{readme}"
    );

    // `webhooks` written as 3.1 writes it, beside `paths`.
    let generated = generate(
        HEAD_30,
        "paths:
  /users:
    get:
      operationId: listUsers
      responses:
        '200': {description: ok}
webhooks:
  userGone:
    post:
      requestBody:
        content:
          application/json:
            schema: {type: object, properties: {id: {type: string}}}
",
    )
    .unwrap();
    assert!(generated.warnings.is_empty(), "{:?}", generated.warnings);
    assert!(
        generated.files["src/webhooks.rs"]
            .contains("pub type UserGone = crate::types::UserGonePayload;")
    );
    // A crate with operations is a client first.
    let readme = &generated.files["README.md"];
    assert!(
        readme.contains("# `test-api`: a Rust client for Test API"),
        "{readme}"
    );
    assert!(!readme.contains("serde_json::from_slice(body)"), "{readme}");
}

/// A 3.0 document's `paths` is required; one without it (or with something else there) is an
/// API with no operations and a warning, not refused.
#[test]
fn a_3_0_document_without_paths_has_no_operations() {
    for (body, pointer) in [("components: {}\n", "#"), ("paths: [a, b]\n", "#/paths")] {
        let generated = generate(HEAD_30, body).unwrap_or_else(|e| panic!("{body}: {e}"));
        assert_eq!(generated.counts.0, 0);
        assert_eq!(generated.warnings.len(), 1, "{:?}", generated.warnings);
        assert_eq!(generated.warnings[0].pointer, pointer);
        assert!(
            generated.warnings[0].message.contains("no operations"),
            "{:?}",
            generated.warnings
        );
    }
}

#[test]
fn an_api_without_webhooks_has_no_webhooks_module() {
    let generated = generate(HEAD_31, "paths: {}\n").unwrap();
    assert!(!generated.files.contains_key("src/webhooks.rs"));
    assert!(!generated.files["src/lib.rs"].contains("webhooks"));
}

#[test]
fn path_items_from_components_are_operations() {
    let api = lower(
        "paths:
  /pets:
    $ref: '#/components/pathItems/Pets'
components:
  pathItems:
    Pets:
      get:
        operationId: listPets
        responses:
          '200':
            description: ok
            content:
              application/json:
                schema: {type: array, items: {type: [string, 'null']}}
",
    );
    assert_eq!(api.operations.len(), 1);
    assert_eq!(api.operations[0].method_name, "list_pets");
}

#[test]
fn an_operation_without_responses_is_kept() {
    let api = lower(
        "paths:
  /ping:
    post:
      operationId: ping
",
    );
    assert_eq!(api.operations.len(), 1);
}

#[test]
fn errors_and_warnings_name_the_node_the_user_wrote() {
    // The dangling `$ref` sits in a `$ref` with a sibling, which became `allOf: [$ref]`.
    let generated = generate(
        HEAD_31,
        "paths: {}
components:
  schemas:
    Pet:
      type: object
      properties:
        owner: {$ref: '#/components/schemas/Nope', description: d}
",
    )
    .unwrap();
    let pointers: Vec<&str> = generated
        .warnings
        .iter()
        .map(|w| w.pointer.as_str())
        .collect();
    assert_eq!(pointers, ["#/components/schemas/Pet/properties/owner"]);
    // A tuple inside the one non-null member of an `anyOf`, which was merged into its owner.
    let generated = generate(
        HEAD_31,
        "paths: {}
components:
  schemas:
    Series:
      anyOf:
        - type: 'null'
        - type: object
          properties:
            points: {type: array, prefixItems: [{type: integer}, {type: number}]}
",
    )
    .unwrap();
    let warnings: Vec<&Warning> = generated.warnings.iter().collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(
        warnings[0].pointer,
        "#/components/schemas/Series/anyOf/1/properties/points"
    );
}

#[test]
fn mutual_tls_is_a_warning_and_the_operation_stays() {
    let generated = generate(
        HEAD_31,
        "security: [{mtls: []}]
paths:
  /a:
    get:
      operationId: a
      responses:
        '204': {description: done}
components:
  securitySchemes:
    mtls: {type: mutualTLS}
",
    )
    .unwrap();
    assert_eq!(generated.counts.0, 1);
    assert_eq!(
        generated.warnings[0].pointer,
        "#/components/securitySchemes/mtls"
    );
}

#[test]
fn the_document_level_3_1_fields_are_accepted() {
    assert_same_crate(
        "jsonSchemaDialect: https://spec.openapis.org/oas/3.1/dialect/base
paths: {}
components:
  schemas:
    A:
      $schema: https://json-schema.org/draft/2020-12/schema
      $id: https://example.com/a
      type: object
      properties:
        names:
          type: object
          propertyNames: {pattern: '^[a-z]+$'}
          additionalProperties: {type: string}
        extra:
          type: object
          properties:
            a: {type: string}
          unevaluatedProperties: false
          dependentRequired: {a: [b]}
",
        "paths: {}
components:
  schemas:
    A:
      type: object
      properties:
        names:
          type: object
          additionalProperties: {type: string}
        extra:
          type: object
          properties:
            a: {type: string}
",
    );
}

#[test]
fn integer_values_documented_as_one_of_parts_are_one_enum() {
    // spec/edge-cases/documented-integer-values.yaml
    let text = include_str!("../../spec/edge-cases/documented-integer-values.yaml");
    let spec =
        opengen::load::parse(Path::new("documented-integer-values.yaml"), text.as_bytes()).unwrap();
    let api = opengen::lower::lower(&spec, &opengen::Config::default()).unwrap();
    let TypeKind::IntegerEnum { variants } = &ty(&api, "AfkTimeouts").kind else {
        panic!("{:?}", ty(&api, "AfkTimeouts"))
    };
    let values: Vec<i64> = variants.iter().map(|v| v.value).collect();
    assert_eq!(values, [60, 300, 3600]);
    let level = field(&api, "Guild", "level");
    assert!(level.nullable);
    let TypeRef::Named(level) = &level.ty else {
        panic!("{level:?}")
    };
    assert!(matches!(
        ty(&api, api.name_of(*level)).kind,
        TypeKind::IntegerEnum { .. }
    ));
}

#[test]
fn odd_3_1_schemas_generate_or_fail_with_a_located_error() {
    let odd = [
        "{type: []}",
        "{type: [7, 'null']}",
        "{anyOf: []}",
        "{anyOf: [{type: 'null'}]}",
        "{oneOf: [true, {type: 'null'}]}",
        "{oneOf: [false, {const: null}]}",
        "{anyOf: [{enum: [null]}, {type: [object, 'null'], properties: {a: {type: ['null']}}}]}",
        "{const: {a: 1}}",
        "{const: [1]}",
        "{examples: x}",
        "{$defs: 5, prefixItems: 5}",
        "{patternProperties: {}}",
        "{type: array, items: [{type: string}]}",
        "{type: [string, integer], enum: [null]}",
        "{type: [object, array], properties: {a: {type: string}}, items: {type: integer}}",
        "{type: [string, integer], oneOf: [{minLength: 1}, {minimum: 1}]}",
        "{$ref: '#/$defs/Nowhere', description: d}",
        "{$dynamicRef: '#meta'}",
        "{if: {required: [a]}, then: {properties: {b: {type: string}}}, else: true}",
        "{anyOf: [{type: 'null'}, 5]}",
    ];
    for schema in odd {
        let body = format!(
            "paths:
  /a:
    post:
      operationId: a
      requestBody:
        content:
          application/json:
            schema: {{$ref: '#/components/schemas/Odd'}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {{$ref: '#/components/schemas/Odd'}}
components:
  schemas:
    Odd: {schema}
    Holder:
      type: object
      properties:
        odd: {schema}
        list: {{type: array, items: {schema}}}
"
        );
        let outcome = std::panic::catch_unwind(|| {
            opengen::load::parse(Path::new("odd.yaml"), format!("{HEAD_31}{body}").as_bytes())
                .map_err(opengen::Errors::from)
                .and_then(|spec| opengen::generate_from(&spec, &options()))
        });
        match outcome {
            Ok(Ok(generated)) => {
                for (path, text) in &generated.files {
                    if path.ends_with(".rs") {
                        syn::parse_file(text).unwrap_or_else(|e| panic!("{schema}: {path}: {e}"));
                    }
                }
            }
            Ok(Err(errors)) => {
                let mut pointers = errors.problems().iter().map(|e| e.pointer.as_ref());
                assert!(pointers.all(|p| p.is_some()), "{schema}: {errors}");
            }
            Err(_) => panic!("{schema}: panicked"),
        }
    }
}

#[test]
fn a_rewrite_that_nests_too_deep_is_refused_where_the_user_wrote_it() {
    // Each level is a type list: a `oneOf` per type, two levels deeper than written.
    let mut schema = "{type: string}".to_owned();
    for _ in 0..20 {
        schema = format!("{{type: [object, string], properties: {{a: {schema}}}}}");
    }
    let text = format!("{HEAD_31}paths: {{}}\ncomponents:\n  schemas:\n    Deep: {schema}\n");
    let error = opengen::load::parse(Path::new("deep.yaml"), text.as_bytes()).unwrap_err();
    assert!(error.message.contains("nests deeper than 64"), "{error}");
    let pointer = error.pointer.unwrap();
    assert!(
        pointer.starts_with("#/components/schemas/Deep/properties/a/properties/a"),
        "{pointer}"
    );
    assert!(!pointer.contains("oneOf"), "{pointer}");
}

/// Many webhooks (GitHub's webhook document has 330) are one warning that counts them.
#[test]
fn many_webhooks_are_one_warning() {
    let mut webhooks = String::from("webhooks:\n");
    for i in 0..7 {
        webhooks.push_str(&format!(
            "  hook{i}:\n    post:\n      responses:\n        '200': {{description: ok}}\n"
        ));
    }
    let generated = generate(HEAD_31, &webhooks).unwrap();
    assert_eq!(generated.warnings.len(), 1, "{:?}", generated.warnings);
    assert_eq!(generated.warnings[0].pointer, "#/webhooks");
    assert!(
        generated.warnings[0].message.starts_with(
            "7 webhooks left out (`hook0`, `hook1`, `hook2`, `hook3`, `hook4`, and 2 more)"
        ),
        "{}",
        generated.warnings[0].message
    );
}

/// A webhook may be a `$ref` to a path item (`components.pathItems`), as a path may; one that
/// is not a path item, or a `webhooks` that is not a map, is a warning that says so (the
/// first was read as a webhook with no body, the second dropped without a word). An `x-` key
/// whose value is no path item is an extension, left out quietly (Apideck's
/// `x-speakeasy-ignore: true` was a warning).
#[test]
fn webhooks_by_reference_are_followed_and_malformed_ones_say_why() {
    let generated = generate(
        HEAD_31,
        "webhooks:
  newPet: {$ref: '#/components/pathItems/NewPet', description: own}
  missing: {$ref: '#/components/pathItems/Nowhere'}
  five: 5
  x-speakeasy-ignore: true
components:
  pathItems:
    NewPet:
      post:
        summary: A pet was added
        requestBody:
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Pet'}
        responses: {'200': {description: ok}}
  schemas:
    Pet: {type: object, properties: {name: {type: string}}}
",
    )
    .unwrap();
    let webhooks = &generated.files["src/webhooks.rs"];
    assert!(
        webhooks.contains("pub type NewPet = crate::types::Pet;"),
        "{webhooks}"
    );
    assert!(webhooks.contains("/// A pet was added"), "{webhooks}");
    // Sorted by pointer, as every warning is.
    assert_eq!(
        warnings(&generated),
        [
            "#/webhooks/five: webhook `five` left out: it is a number, not a path item",
            "#/webhooks/missing: webhook `missing` left out: its `$ref` \
             `#/components/pathItems/Nowhere` names no path item in the document",
        ]
    );

    let generated = generate(HEAD_31, "paths: {}\nwebhooks: [a, b]\n").unwrap();
    assert_eq!(
        warnings(&generated),
        [
            "#/webhooks: `webhooks` left out: it is an array, not a map from webhook names to \
             path items"
        ]
    );
}

#[test]
fn a_ref_to_an_id_or_anchor_is_the_schema_that_declares_it() {
    // Read as any JSON value (a remote reference) before: the schema is in the document.
    let body = r##"paths: {}
components:
  schemas:
    Pet:
      $id: https://example.com/schemas/pet
      type: object
      required: [owner]
      properties:
        owner: {$ref: person}
        tag: {$ref: '#tag'}
      $defs:
        tag: {$anchor: tag, type: string, enum: [a, b]}
    Person:
      $id: https://example.com/schemas/person
      type: object
      properties:
        name: {type: string}
    Kennel:
      type: object
      properties:
        pets: {type: array, items: {$ref: 'https://example.com/schemas/pet'}}
"##;
    let spec = spec(HEAD_31, body);
    assert!(spec.warnings.is_empty(), "{:?}", spec.warnings);
    let api = opengen::lower::lower(&spec, &opengen::Config::default()).unwrap();
    assert_eq!(field(&api, "Pet", "owner").ty, named(&api, "Person"));
    let TypeRef::Named(tag) = &field(&api, "Pet", "tag").ty else {
        panic!("{:?}", field(&api, "Pet", "tag"));
    };
    assert!(matches!(
        api.get(*tag).unwrap().kind,
        TypeKind::StringEnum { .. }
    ));
    assert_eq!(
        field(&api, "Kennel", "pets").ty,
        TypeRef::Array(Box::new(named(&api, "Pet")))
    );
}

#[test]
fn a_hash_ref_inside_a_schema_with_an_id_is_that_schema() {
    // JSON Schema's `#` names the schema resource it is written in: a recursive tree.
    let body = r##"paths: {}
components:
  schemas:
    Node:
      $id: https://example.com/schemas/node
      type: object
      properties:
        name: {type: string}
        children: {type: array, items: {$ref: '#'}}
        meta:
          type: object
          properties:
            parent: {$ref: '#'}
"##;
    let spec = spec(HEAD_31, body);
    assert!(spec.warnings.is_empty(), "{:?}", spec.warnings);
    let api = opengen::lower::lower(&spec, &opengen::Config::default()).unwrap();
    assert_eq!(
        field(&api, "Node", "children").ty,
        TypeRef::Array(Box::new(named(&api, "Node")))
    );
    let meta = match &field(&api, "Node", "meta").ty {
        TypeRef::Boxed(inner) => inner.as_ref(),
        other => other,
    };
    let TypeRef::Named(meta) = meta else {
        panic!("{:?}", field(&api, "Node", "meta"));
    };
    let meta = &api.get(*meta).unwrap().name;
    let parent = &field(&api, meta, "parent").ty;
    assert!(
        *parent == named(&api, "Node") || *parent == TypeRef::Boxed(Box::new(named(&api, "Node"))),
        "{parent:?}"
    );
}

#[test]
fn a_hash_ref_outside_any_schema_resource_costs_one_field() {
    // `#` is then the OpenAPI document, no schema: the field is any JSON value, with a warning
    // at the reference; the rest of the API generates (in 3.0 as in 3.1).
    for head in [HEAD_31, HEAD_30] {
        let body = r##"paths:
  /nodes:
    get:
      operationId: listNodes
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Node'}
components:
  schemas:
    Node:
      type: object
      properties:
        name: {type: string}
        children: {type: array, items: {$ref: '#'}}
"##;
        let generated = generate(head, body).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            warnings(&generated),
            [
                "#/components/schemas/Node/properties/children/items: `#` names the whole \
              document, not a schema; the schema is read as any JSON value"
            ]
        );
        assert!(generated.files["src/types.rs"].contains("pub children: Option<Vec<Value>>"));
    }
}

#[test]
fn a_ref_to_an_anchor_no_schema_declares_costs_one_field() {
    // Found in swagger-parser's tests (`$anchor-not-found`): the whole API was refused with
    // "does not point into `#/components/schemas`". A declared anchor still resolves.
    for head in [HEAD_31, HEAD_30] {
        let body = r##"paths:
  /users:
    get:
      operationId: getUser
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/User'}
components:
  schemas:
    User:
      type: object
      properties:
        profile: {$ref: '#user-profile'}
        name: {type: string}
"##;
        let generated = generate(head, body).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            warnings(&generated),
            [
                "#/components/schemas/User/properties/profile: `#user-profile` names no \
                 `$anchor` of the document (a fragment that is not a JSON pointer names an \
                 anchor); the schema is read as any JSON value"
            ]
        );
        let types = &generated.files["src/types.rs"];
        assert!(types.contains("pub profile: Option<Value>"), "{types}");
        assert!(types.contains("pub name: Option<String>"), "{types}");
    }
    let declared = r##"paths: {}
components:
  schemas:
    User:
      type: object
      properties:
        profile: {$ref: '#user-profile'}
    Profile:
      $anchor: user-profile
      type: object
      properties:
        bio: {type: string}
"##;
    let generated = generate(HEAD_31, declared).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        warnings(&generated).is_empty(),
        "{:?}",
        warnings(&generated)
    );
    assert!(generated.files["src/types.rs"].contains("pub profile: Option<Profile>"));
}

#[test]
fn what_is_said_of_a_referenced_sub_schema_names_it_where_it_is_written() {
    // A `$ref` into a node (`#/components/schemas/Thing/properties/meta`) is read through a
    // copy under a key of its own; a warning inside it names the node written, not the copy.
    let body = r##"paths: {}
components:
  schemas:
    Thing:
      type: object
      properties:
        meta: {type: object, additionalProperties: {type: strin}}
    Other:
      type: object
      properties:
        meta: {$ref: '#/components/schemas/Thing/properties/meta'}
"##;
    let generated = generate(HEAD_30, body).unwrap_or_else(|e| panic!("{e}"));
    for warning in warnings(&generated) {
        assert!(
            warning.starts_with(
                "#/components/schemas/Thing/properties/meta/additionalProperties/type:"
            ),
            "{warning}"
        );
    }
    assert!(!warnings(&generated).is_empty());
}

#[test]
fn a_tuple_of_fixed_length_is_a_rust_tuple() {
    let body = r##"paths: {}
components:
  schemas:
    Metric:
      type: object
      required: [value]
      properties:
        value:
          type: array
          items:
            type: array
            prefixItems: [{type: integer}, {$ref: '#/components/schemas/Metric'}]
            minItems: 2
            maxItems: 2
        point: {type: array, prefixItems: [{type: number}, {type: number}], items: false}
"##;
    let api = lower(body);
    assert_eq!(
        field(&api, "Metric", "value").ty,
        TypeRef::Array(Box::new(TypeRef::Tuple(vec![
            TypeRef::Integer(opengen::ir::IntWidth::I64),
            named(&api, "Metric"),
        ])))
    );
    assert_eq!(
        field(&api, "Metric", "point").ty,
        TypeRef::Array(Box::new(TypeRef::Number(opengen::ir::FloatWidth::F64)))
    );
}

/// A type only requests carry derives `Serialize` alone; one a webhook also carries arrives at
/// the user's server, so it derives `Deserialize` too.
#[test]
fn a_webhook_payload_derives_deserialize() {
    let body = "paths:
  /pets:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Pet'}
      responses:
        '204': {description: ok}
components:
  schemas:
    Pet: {type: object, required: [name], properties: {name: {type: string}}}
";
    let derives = |text: &str| {
        let generated = generate(HEAD_31, text).unwrap();
        let types = &generated.files["src/types.rs"];
        let at = types.find("pub struct Pet {").unwrap();
        let start = types[..at].rfind("#[derive(").unwrap();
        let decodes = types.contains("Deserialize<'de> for Pet");
        format!("{} decodes: {decodes}", &types[start..at])
    };
    assert!(!derives(body).contains("Deserialize"), "{}", derives(body));
    assert!(
        derives(body).contains("decodes: false"),
        "{}",
        derives(body)
    );
    let with_webhook = format!(
        "webhooks:\n  petAdded:\n    post:\n      requestBody:\n        content:\n          application/json:\n            schema: {{$ref: '#/components/schemas/Pet'}}\n{body}"
    );
    let decodes = derives(&with_webhook);
    assert!(
        decodes.contains("Deserialize") || decodes.contains("decodes: true"),
        "{decodes}"
    );
}

#[test]
fn the_siblings_of_a_reference_to_a_parameter_response_or_body_are_ignored_unread() {
    // Found in Mollie's 3.1 document: `- $ref: '#/components/parameters/embed'` beside
    // `description` and `schema: {type: [string, 'null']}`. A Reference Object's other fields
    // are ignored (3.0 and 3.1 alike), but the sibling schema was checked as a 3.0 schema
    // anyway: 14 warnings that it was "read as any JSON value", about a schema never read.
    let body = "paths:
  /clients:
    get:
      operationId: listClients
      parameters:
        - $ref: '#/components/parameters/embed'
          description: What to embed in each client.
          schema: {type: [string, 'null'], example: organization}
        - $ref: '#/components/parameters/limit'
          schema: {type: 7}
          style: simple
      requestBody:
        $ref: '#/components/requestBodies/Filter'
        content: {application/json: {schema: {type: [object, 'null'], properties: 3}}}
      responses:
        '200':
          $ref: '#/components/responses/Clients'
          headers: {X-Count: {schema: {type: [integer, 'null'], minimum: low}}}
          content: {application/json: {schema: {type: 12}}}
components:
  parameters:
    embed: {name: embed, in: query, schema: {type: [string, 'null']}}
    limit: {name: limit, in: query, schema: {type: integer, format: int32}}
  requestBodies:
    Filter:
      content: {application/json: {schema: {type: object, properties: {name: {type: string}}}}}
  responses:
    Clients:
      description: The clients.
      content: {application/json: {schema: {type: array, items: {type: string}}}}
";
    for head in [HEAD_31, HEAD_30] {
        let generated = generate(head, body).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(warnings(&generated), Vec::<String>::new(), "{head}");
        let ops = &generated.files["src/operations.rs"];
        assert!(ops.contains(".query(\"embed\", &params.embed)"), "{ops}");
        assert!(ops.contains("pub limit: Option<i32>,"), "{ops}");
        assert!(ops.contains("Call<'_, Vec<String>, "), "{ops}");
    }
}
