//! Lowering, one rule at a time: a small inline spec and the IR it must give.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

mod common;

use common::{HEAD, named, ty};
use opengen::Error;
use opengen::ir::{
    Api, BodyPayload, Content, EnumVariant, FloatWidth, IntWidth, ParamLocation, PartHeader,
    SchemeUse, SecurityKind, StatusMatch, Success, TypeKind, TypeRef, Xml,
};

fn lower(body: &str) -> Result<Api, Error> {
    common::lower(&format!("{HEAD}{body}")).map_err(common::only)
}

fn lower_ok(body: &str) -> Api {
    common::lower_ok(&format!("{HEAD}{body}"))
}

fn emit(body: &str) -> std::collections::BTreeMap<String, String> {
    common::emit(&format!("{HEAD}{body}"))
}

#[test]
fn object_fields_keep_required_optional_and_nullable_apart() {
    let api = lower_ok(
        "paths: {}
components:
  schemas:
    Pet:
      type: object
      description: A pet.
      required: [id, tag]
      properties:
        id: {type: integer, format: int64, description: The id.}
        tag: {type: string, nullable: true}
        weight: {type: number, format: float}
        age: {type: integer, format: int32}
        good: {type: boolean}
",
    );
    let pet = ty(&api, "Pet");
    assert_eq!(pet.docs.as_deref(), Some("A pet."));
    assert_eq!(pet.pointer, "#/components/schemas/Pet");
    let TypeKind::Struct { fields, .. } = &pet.kind else {
        panic!("{pet:?}")
    };
    let summary: Vec<(&str, &TypeRef, bool, bool)> = fields
        .iter()
        .map(|f| (f.name.as_str(), &f.ty, f.required, f.nullable))
        .collect();
    assert_eq!(
        summary,
        [
            ("id", &TypeRef::Integer(IntWidth::I64), true, false),
            ("tag", &TypeRef::String, true, true),
            ("weight", &TypeRef::Number(FloatWidth::F32), false, false),
            ("age", &TypeRef::Integer(IntWidth::I32), false, false),
            ("good", &TypeRef::Bool, false, false),
        ]
    );
    assert_eq!(fields[0].docs.as_deref(), Some("The id."));
}

#[test]
fn an_untyped_schema_with_properties_is_an_object() {
    // Fax.Plus's `Error` has `properties` but no `type`.
    let api = lower_ok(
        "paths: {}
components:
  schemas:
    Error:
      properties:
        error: {type: string}
      additionalProperties: false
",
    );
    let TypeKind::Struct { fields, .. } = &ty(&api, "Error").kind else {
        panic!()
    };
    assert_eq!(fields[0].wire_name, "error");
}

#[test]
fn arrays_maps_and_free_form_values() {
    let api = lower_ok(
        "paths: {}
components:
  schemas:
    Bag:
      type: object
      properties:
        tags: {type: array, items: {type: string}}
        counts: {type: object, additionalProperties: {type: integer}}
        anything: {type: object, additionalProperties: true}
        free: {}
        object: {type: object}
        untyped_list: {type: array}
    Names:
      type: array
      items: {$ref: '#/components/schemas/Bag'}
",
    );
    let TypeKind::Struct { fields, .. } = &ty(&api, "Bag").kind else {
        panic!()
    };
    let types: Vec<&TypeRef> = fields.iter().map(|f| &f.ty).collect();
    assert_eq!(
        types,
        [
            &TypeRef::Array(Box::new(TypeRef::String)),
            &TypeRef::Map(Box::new(TypeRef::Integer(IntWidth::I64))),
            &TypeRef::Map(Box::new(TypeRef::Any)),
            &TypeRef::Any,
            &TypeRef::Map(Box::new(TypeRef::Any)),
            &TypeRef::Array(Box::new(TypeRef::Any)),
        ]
    );
    assert_eq!(
        ty(&api, "Names").kind,
        TypeKind::Alias(TypeRef::Array(Box::new(named(&api, "Bag"))))
    );
}

#[test]
fn string_enums_get_variant_names_for_any_value() {
    let api = lower_ok(
        "paths: {}
components:
  schemas:
    Status:
      type: string
      enum: [in-progress, no answer, '+1', '', Unknown, ASC, asc]
",
    );
    let TypeKind::StringEnum { variants } = &ty(&api, "Status").kind else {
        panic!()
    };
    let names: Vec<(&str, &str)> = variants
        .iter()
        .map(|EnumVariant { name, wire_value }| (name.as_str(), wire_value.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("InProgress", "in-progress"),
            ("NoAnswer", "no answer"),
            ("Plus1", "+1"),
            ("Empty", ""),
            ("Unknown2", "Unknown"),
            ("Asc", "ASC"),
            ("Asc2", "asc"),
        ]
    );
}

#[test]
fn inline_objects_get_readable_unique_names() {
    let api = lower_ok(
        "paths: {}
components:
  schemas:
    PetOwner: {type: string}
    Pet:
      type: object
      properties:
        owner:
          type: object
          properties:
            address:
              type: object
              properties:
                city: {type: string}
",
    );
    let TypeKind::Struct { fields, .. } = &ty(&api, "Pet").kind else {
        panic!()
    };
    assert_eq!(fields[0].ty, named(&api, "PetOwner2"));
    let owner = ty(&api, "PetOwner2");
    assert_eq!(owner.pointer, "#/components/schemas/Pet/properties/owner");
    let TypeKind::Struct { fields, .. } = &owner.kind else {
        panic!()
    };
    assert_eq!(fields[0].ty, named(&api, "PetOwner2Address"));
}

#[test]
fn identifiers_are_valid_rust_whatever_the_input() {
    let api = lower_ok(
        "paths: {}
components:
  schemas:
    Option:
      type: object
      properties:
        type: {type: string}
        self: {type: string}
        fooBar: {type: string}
        foo_bar: {type: string}
        2fa: {type: boolean}
    option: {type: string}
    Client: {type: string}
",
    );
    let names: Vec<&str> = api.types.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["OptionType", "OptionType2", "Client"]);
    let TypeKind::Struct { fields, .. } = &ty(&api, "OptionType").kind else {
        panic!()
    };
    let names: Vec<(&str, &str)> = fields
        .iter()
        .map(|f| (f.name.as_str(), f.wire_name.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("type", "type"),
            ("self_", "self"),
            ("foo_bar", "fooBar"),
            ("foo_bar_2", "foo_bar"),
            ("field_2fa", "2fa")
        ]
    );
    let files = emit(
        "paths: {}
components:
  schemas:
    Thing:
      type: object
      properties:
        type: {type: string}
        self: {type: string}
",
    );
    let types = &files["src/types.rs"];
    assert!(types.contains("pub r#type: Option<String>"), "{types}");
    // The field `self_` travels as `self` both ways.
    assert!(
        types.contains("out.optional(\"self\", &self.self_)?;"),
        "{types}"
    );
    assert!(
        types.contains("\"self\" => object::next(&mut __map, &mut self_, \"self\")?,"),
        "{types}"
    );
    assert!(types.contains("pub self_: Option<String>"), "{types}");
}

const OPERATION_SPEC: &str = "servers:
  - url: '{scheme}://api.example.com/{version}'
    variables:
      scheme: {default: https}
      version: {default: v2}
security:
  - key: []
paths:
  /pets/{petId}:
    parameters:
      - $ref: '#/components/parameters/PetId'
    put:
      operationId: updatePet
      parameters:
        - {name: dry-run, in: query, schema: {type: boolean}}
      requestBody:
        $ref: '#/components/requestBodies/PetBody'
      responses:
        '200': {$ref: '#/components/responses/PetResponse'}
        '404': {description: Missing}
        4XX: {$ref: '#/components/responses/Problem'}
        default: {$ref: '#/components/responses/Problem'}
    get:
      security: []
      responses:
        '200': {$ref: '#/components/responses/PetResponse'}
components:
  securitySchemes:
    key: {type: apiKey, in: header, name: X-Key}
    token: {type: http, scheme: bearer}
    oauth:
      type: oauth2
      flows:
        clientCredentials: {tokenUrl: 'https://auth.example.com/token', scopes: {}}
  parameters:
    PetId: {name: petId, in: path, required: true, schema: {type: integer}}
  requestBodies:
    PetBody:
      required: true
      content:
        application/json; charset=utf-8:
          schema: {$ref: '#/components/schemas/Pet'}
  responses:
    PetResponse:
      description: The pet
      content:
        application/json:
          schema: {$ref: '#/components/schemas/Pet'}
    Problem:
      description: A problem
      content:
        application/problem+json:
          schema: {$ref: '#/components/schemas/Problem'}
  schemas:
    Pet: {type: object, properties: {name: {type: string}}}
    Problem: {type: object, properties: {title: {type: string}}}
";

#[test]
fn operations_resolve_every_kind_of_ref() {
    let api = lower_ok(OPERATION_SPEC);
    assert_eq!(
        api.default_base_url.as_deref(),
        Some("https://api.example.com/v2")
    );
    let [get, put] = &api.operations[..] else {
        panic!("{:?}", api.operations)
    };
    assert_eq!(
        (put.method_name.as_str(), put.http_method.as_str()),
        ("update_pet", "PUT")
    );
    assert_eq!(
        get.method_name, "get_pets_pet_id",
        "named from method and path"
    );
    assert_eq!(put.errors.name(), "UpdatePetError");

    let params: Vec<(&str, &str, ParamLocation, bool)> = put
        .params
        .iter()
        .map(|p| {
            (
                p.name.as_str(),
                p.wire_name.as_str(),
                p.location,
                p.required,
            )
        })
        .collect();
    assert_eq!(
        params,
        [
            ("pet_id", "petId", ParamLocation::Path, true),
            ("dry_run", "dry-run", ParamLocation::Query, false),
        ]
    );
    let body = put.body.as_ref().unwrap();
    assert_eq!(body.payload, BodyPayload::Json(named(&api, "Pet")));
    assert!(body.required);
    assert_eq!(body.media_type, "application/json; charset=utf-8");

    let responses: Vec<(StatusMatch, &str, &Content)> = put
        .responses
        .iter()
        .map(|r| (r.status, r.variant.as_str(), &r.content))
        .collect();
    let problem = Content::Json(named(&api, "Problem"));
    let pet = Content::Json(named(&api, "Pet"));
    assert_eq!(
        responses,
        [
            (StatusMatch::Code(200), "Ok", &pet),
            (StatusMatch::Code(404), "NotFound", &Content::Empty),
            (StatusMatch::Range(4), "ClientError", &problem),
            (StatusMatch::Default, "Default", &problem),
        ]
    );
    assert_eq!(put.success, Success::One(pet));
}

#[test]
fn security_comes_from_the_operation_or_the_document() {
    let api = lower_ok(OPERATION_SPEC);
    let [get, put] = &api.operations[..] else {
        panic!()
    };
    assert!(
        get.security.is_empty(),
        "`security: []` takes no credentials"
    );
    assert_eq!(put.security.len(), 1);
    assert_eq!(
        put.security[0].schemes,
        [SchemeUse {
            key: "key".to_owned(),
            scopes: Vec::new()
        }]
    );
    let kinds: Vec<&SecurityKind> = api.security_schemes.iter().map(|s| &s.kind).collect();
    assert_eq!(
        kinds,
        [
            &SecurityKind::ApiKey {
                location: ParamLocation::Header,
                name: "X-Key".into()
            },
            &SecurityKind::Bearer,
            &SecurityKind::OAuth2 {
                token_url: Some("https://auth.example.com/token".into())
            },
        ]
    );
}

#[test]
fn operations_emit_status_chosen_decoders() {
    let files = emit(OPERATION_SPEC);
    let ops = &files["src/operations.rs"];
    for expected in [
        "pub fn update_pet(",
        "pet_id: i64,",
        "pub dry_run: Option<bool>,",
        "body: &types::Pet,",
        ".path_value(\"petId\", &pet_id)",
        ".query(\"dry-run\", &params.dry_run)",
        "params: UpdatePetParams,",
        "200 => Outcome::success(call::json(body)),",
        "404 => Outcome::Failure(UpdatePetError::NotFound),",
        "400..=499 => {",
        "Outcome::Failure(UpdatePetError::ClientError(call::json_or_none(body)))",
        "_ => Outcome::Failure(UpdatePetError::Default(call::json_or_none(body))),",
    ] {
        assert!(ops.contains(expected), "missing {expected:?} in\n{ops}");
    }
    let exact = ops.find("404 =>").unwrap();
    let range = ops.find("400..=499 =>").unwrap();
    assert!(exact < range, "exact codes must match before ranges");
}

#[test]
fn an_empty_api_version_leaves_no_gap() {
    // Elastic's description has `version: ''`: no "(API version )" or double spaces.
    let files = common::emit(
        "openapi: 3.0.3
info: {title: Search, version: ''}
paths: {}
",
    );
    let readme = &files["README.md"];
    assert!(
        readme.contains("client for **Search**, generated by"),
        "{readme}"
    );
    assert!(!readme.contains("(API version"), "{readme}");
    assert!(files["Cargo.toml"].contains("Typed Rust client for Search, generated"));
    for (path, text) in &files {
        let first = text.lines().next().unwrap();
        assert!(
            first.contains("from \"Search\" (spec SHA-256"),
            "{path}: {first}"
        );
    }
}

#[test]
fn every_file_carries_the_header() {
    let files = emit(OPERATION_SPEC);
    assert!(files.contains_key("Cargo.toml") && files.contains_key("README.md"));
    for (path, text) in &files {
        let first = text.lines().next().unwrap();
        assert!(first.contains("@generated by opengen"), "{path}: {first}");
        assert!(
            first.contains("\"Test API\" 1.2.3 (spec SHA-256 "),
            "{path}: {first}"
        );
        assert!(
            text.contains("Do not edit: regenerate it from the spec (`cargo xtask codegen` or `opengen generate`)."),
            "{path}"
        );
    }
}

#[test]
fn fenced_code_in_descriptions_never_becomes_a_doctest() {
    let files = emit(
        "paths:
  /a:
    get:
      description: |
        Try this:
        ```
        curl http://x */ \\\\ {braces}
        ```
            indented text
      responses: {'204': {description: done}}
",
    );
    let ops = &files["src/operations.rs"];
    assert!(ops.contains("/// ```text\n"), "{ops}");
    assert!(ops.contains("/// curl http://x */ \\\\ {braces}"), "{ops}");
    assert!(ops.contains("/// indented text"), "{ops}");
}

#[test]
fn lowering_errors_name_the_node() {
    let cases = [
        (
            "paths:\n  /a/{id:\n    get:\n      responses: {'204': {description: ok}}\n",
            "#/paths/~1a~1{id/get",
            "has an unclosed `{`",
        ),
        (
            "paths: {}\ncomponents:\n  schemas:\n    A: {$ref: 'other.yaml#/B'}\n",
            "#/components/schemas/A",
            "reference `other.yaml#/B` to another file is not resolved",
        ),
        (
            "paths:\n  /a:\n    get:\n      parameters: [{$ref: '#/components/parameters/Nope'}]\n      responses: {'204': {description: ok}}\n",
            "#/paths/~1a/get/parameters/0",
            "dangling reference",
        ),
        (
            "paths:\n  /a:\n    get:\n      responses: {'200': {$ref: '#/components/responses/Nope'}}\n",
            "#/paths/~1a/get/responses/200",
            "dangling reference",
        ),
        (
            "paths:\n  /a:\n    post:\n      requestBody: {$ref: '#/components/requestBodies/Nope'}\n      responses: {'204': {description: ok}}\n",
            "#/paths/~1a/post/requestBody",
            "dangling reference",
        ),
    ];
    for (body, pointer, message) in cases {
        // A component problem is the document's; an operation's skips only that operation.
        if pointer.starts_with("#/components/") {
            let error = lower(body).expect_err(body);
            assert_eq!(error.pointer.as_deref(), Some(pointer), "{error}");
            assert!(error.message.contains(message), "{error}");
        } else {
            let api = lower_ok(body);
            assert!(api.operations.is_empty(), "{body}");
            let [warning] = api.warnings.as_slice() else {
                panic!("{:?}", api.warnings);
            };
            assert_eq!(warning.pointer, pointer, "{warning:?}");
            assert!(warning.message.contains(message), "{warning:?}");
            assert!(warning.message.ends_with("is skipped"), "{warning:?}");
        }
    }
}

#[test]
fn a_relative_server_is_no_default_base_url() {
    let api = lower_ok("servers: [{url: /v3}]\npaths: {}\n");
    assert_eq!(api.default_base_url, None);
    let files = emit("servers: [{url: /v3}]\npaths: {}\n");
    assert!(
        files["runtime/src/lib.rs"].contains("pub const DEFAULT_BASE_URL: Option<&str> = None;")
    );
}

/// A callback without a JSON body is left out with a warning; a link is kept for the docs
/// (`response_links_are_documented_with_the_methods_they_name`), without one.
#[test]
fn callbacks_without_a_json_body_are_skipped_with_a_warning_and_links_kept() {
    let api = lower_ok(
        "paths:
  /subscribe:
    post:
      callbacks:
        onEvent:
          '{$request.query.url}':
            post:
              responses: {'200': {description: ok}}
      responses:
        '201':
          description: Subscribed.
          links:
            next: {operationId: other}
",
    );
    let warnings: Vec<(&str, &str)> = api
        .warnings
        .iter()
        .map(|w| (w.pointer.as_str(), w.message.as_str()))
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].0, "#/paths/~1subscribe/post/callbacks/onEvent");
    assert!(warnings[0].1.starts_with("callback `onEvent` left out"));
    assert_eq!(api.operations.len(), 1);
    assert_eq!(api.operations[0].responses[0].links[0].name, "next");
}

/// A media type range names no type a server reads: among equals the concrete one is sent, and
/// a JSON range alone (`application/*+json`, as ASP.NET's Swashbuckle writes) goes as
/// `application/json`, a text range as `text/plain`, not as bytes.
#[test]
fn a_media_type_range_is_sent_as_a_concrete_type() {
    let api = lower_ok(
        "paths:
  /a:
    post:
      requestBody:
        content:
          application/*+json: {schema: {type: object, properties: {a: {type: string}}}}
          application/json: {schema: {type: object, properties: {a: {type: string}}}}
          text/json: {schema: {type: object, properties: {a: {type: string}}}}
      responses: {'204': {description: ok}}
  /b:
    post:
      requestBody:
        content:
          application/*+json: {schema: {type: object, properties: {a: {type: string}}}}
      responses: {'204': {description: ok}}
  /c:
    post:
      requestBody:
        content:
          text/*: {schema: {type: string}}
      responses: {'204': {description: ok}}
",
    );
    let sent: Vec<(&str, &str)> = api
        .operations
        .iter()
        .map(|op| {
            let body = op.body.as_ref().unwrap();
            (body.media_type.as_str(), body.content_type.as_str())
        })
        .collect();
    assert_eq!(
        sent,
        [
            ("application/json", "application/json"),
            ("application/*+json", "application/json"),
            ("text/*", "text/plain"),
        ]
    );
}

#[test]
fn request_body_media_types_are_chosen_by_preference() {
    let api = lower_ok(
        "paths:
  /a:
    post:
      requestBody:
        content:
          application/xml: {schema: {type: object, properties: {a: {type: string}}}}
          application/x-www-form-urlencoded: {schema: {type: object, properties: {a: {type: string}}}}
          application/json: {schema: {type: object, properties: {a: {type: string}}}}
      responses: {'204': {description: ok}}
  /b:
    post:
      requestBody:
        content:
          image/*: {schema: {type: string, format: binary}}
      responses:
        '200':
          description: text
          content: {text/csv: {schema: {type: string}}}
        '201':
          description: bytes
          content: {'*/*': {schema: {type: string, format: binary}}}
",
    );
    let [a, b] = &api.operations[..] else {
        panic!()
    };
    let body = a.body.as_ref().unwrap();
    assert_eq!(
        (body.media_type.as_str(), body.payload.encoding()),
        ("application/json", opengen::ir::BodyEncoding::Json)
    );
    let body = b.body.as_ref().unwrap();
    assert_eq!(body.payload, BodyPayload::Binary);
    let Success::Enum { .. } = &b.success else {
        panic!("{:?}", b.success)
    };
    let contents: Vec<&Content> = b
        .responses
        .iter()
        .filter(|r| r.success)
        .map(|r| &r.content)
        .collect();
    assert_eq!(contents, [&Content::Text, &Content::Binary]);
    let files = emit(
        "paths:
  /b:
    post:
      requestBody:
        required: true
        content:
          image/*: {schema: {type: string, format: binary}}
      responses: {'204': {description: ok}}
",
    );
    let ops = &files["src/operations.rs"];
    assert!(ops.contains("body: impl Into<Bytes>"), "{ops}");
    assert!(
        ops.contains(".binary_body_within(\"image/*\", content_type, body.into())"),
        "{ops}"
    );
}

/// Found in the wild (DocuSign Rooms, written by Swashbuckle): `consumes` listed
/// `application/json-patch+json` before `application/json` for an ordinary object, and the
/// client said its body was a JSON Patch. `application/json` itself wins among JSON types.
/// Another media type with another schema (OpenAI's image edits, JSON or multipart with the
/// file) is another request, sent by a method of its own (it was a warning and no method).
#[test]
fn plain_json_is_preferred_and_another_schema_is_another_method() {
    let api = lower_ok(
        "paths:
  /users:
    post:
      requestBody:
        content:
          application/json-patch+json: {schema: {$ref: '#/components/schemas/User'}}
          text/json: {schema: {$ref: '#/components/schemas/User'}}
          application/json; charset=utf-8: {schema: {$ref: '#/components/schemas/User'}}
          application/*+json: {schema: {$ref: '#/components/schemas/User'}}
      responses: {'204': {description: ok}}
  /edits:
    post:
      operationId: editImage
      requestBody:
        content:
          multipart/form-data:
            schema: {type: object, properties: {image: {type: string, format: binary}}}
          application/json:
            schema: {type: object, properties: {image_url: {type: string}}}
      responses: {'204': {description: ok}}
components:
  schemas:
    User: {type: object, properties: {name: {type: string}}}
",
    );
    let media: Vec<&str> = (api.operations.iter())
        .map(|op| op.body.as_ref().unwrap().media_type.as_str())
        .collect();
    assert_eq!(
        media,
        ["application/json; charset=utf-8", "application/json"]
    );
    assert!(api.operations[0].alternatives.is_empty());
    let edit = &api.operations[1];
    let [multipart] = &edit.alternatives[..] else {
        panic!("{:?}", edit.alternatives)
    };
    assert_eq!(multipart.method_name, "edit_image_multipart");
    assert_eq!(multipart.body.media_type, "multipart/form-data");
    let BodyPayload::Multipart {
        ty: TypeRef::Named(id),
        ..
    } = &multipart.body.payload
    else {
        panic!("{:?}", multipart.body.payload)
    };
    assert_eq!(api.name_of(*id), "EditImageMultipartBody");
    assert!(api.warnings.is_empty(), "{:?}", api.warnings);
    // The multipart form's file is an `Upload`, and the crate exports it.
    assert!(api.uses_files());
}

/// Each form of a body that differs from those preferred to it has a method, named after its
/// encoding or its media type's subtype, in the order of preference; a name an operation
/// already has is not taken. The same schema in another encoding is the same request.
#[test]
fn the_forms_of_a_body_are_named_in_the_order_of_preference() {
    let api = lower_ok(
        "paths:
  /query:
    post:
      operationId: query
      requestBody:
        required: true
        content:
          text/plain: {schema: {type: string}}
          application/vnd.flux: {schema: {type: string, format: binary}}
          application/sdp: {schema: {type: string, format: binary}}
          application/merge-patch+json: {schema: {type: object, properties: {b: {type: string}}}}
          application/x-www-form-urlencoded: {schema: {$ref: '#/components/schemas/Q'}}
          application/json: {schema: {$ref: '#/components/schemas/Q'}}
      responses: {'204': {description: ok}}
  /other:
    get:
      operationId: query_merge_patch
      responses: {'204': {description: ok}}
components:
  schemas:
    Q: {type: object, properties: {q: {type: string}}}
",
    );
    let query = &api.operations[0];
    let forms: Vec<(&str, &str)> = (query.alternatives.iter())
        .map(|alt| (alt.method_name.as_str(), alt.body.media_type.as_str()))
        .collect();
    // The JSON body is sent by `query`; the form has its schema. Bytes of several types are
    // one method, the caller naming the type; text comes last.
    assert_eq!(
        forms,
        [
            ("query_merge_patch_2", "application/merge-patch+json"),
            ("query_flux", "application/vnd.flux, application/sdp"),
            ("query_text", "text/plain"),
        ]
    );
    assert!(query.alternatives[1].body.caller_content_type);
    assert_eq!(api.operations[1].method_name, "query_merge_patch");
    let files = emit(
        "paths:
  /query:
    post:
      operationId: query
      requestBody:
        required: true
        content:
          application/json: {schema: {type: object, properties: {q: {type: string}}}}
          text/plain: {schema: {type: string}}
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {type: object, properties: {n: {type: integer}}}}}
",
    );
    let ops = &files["src/operations.rs"];
    assert!(
        ops.contains("pub fn query_text(\n        &self,\n        body: impl Into<String>,"),
        "{ops}"
    );
    // One decoder, which both methods call.
    assert_eq!(
        ops.matches("self.call(request, decode_query)").count(),
        2,
        "{ops}"
    );
    assert_eq!(ops.matches("fn decode_query(").count(), 1, "{ops}");
    assert!(ops.contains("[`query_text`](Self::query_text)"), "{ops}");
    assert!(ops.contains("[`query`](Self::query) with the request body sent as `text/plain`"));
    let readme = &files["README.md"];
    assert!(
        readme.contains("| `query`, `query_text` | `POST /query` |"),
        "{readme}"
    );
}

/// Renaming an operation renames the methods of its body's other forms with it.
#[test]
fn a_renamed_operation_renames_its_other_forms() {
    let spec = common::parse_ok(&format!(
        "{HEAD}paths:
  /query:
    post:
      operationId: query
      requestBody:
        required: true
        content:
          application/json: {{schema: {{type: object, properties: {{q: {{type: string}}}}}}}}
          text/plain: {{schema: {{type: string}}}}
      responses: {{'204': {{description: ok}}}}
  /ask:
    get:
      operationId: ask_text
      responses: {{'204': {{description: ok}}}}
"
    ));
    let options = |config: &str| opengen::Options {
        config: opengen::Config::parse(config).unwrap(),
        ..opengen::Options::new("test-api")
    };
    let generated =
        opengen::generate_from(&spec, &options("[operations.rename]\nquery = \"run\"\n")).unwrap();
    let ops = &generated.files["src/operations.rs"];
    assert!(ops.contains("pub fn run_text("), "{ops}");
    assert!(!ops.contains("pub fn query_text("), "{ops}");
    let clash = opengen::generate_from(&spec, &options("[operations.rename]\nquery = \"ask\"\n"))
        .unwrap_err();
    assert!(
        clash
            .to_string()
            .contains("another method is named `ask_text`"),
        "{clash}"
    );
}

/// A form of the body that cannot be lowered costs its own method, not the operation's.
#[test]
fn a_broken_form_of_a_body_costs_its_method_only() {
    let api = lower_ok(
        "paths:
  /upload:
    post:
      operationId: upload
      requestBody:
        content:
          application/json: {schema: {type: object, properties: {url: {type: string}}}}
          multipart/form-data:
            schema: {type: object, properties: {file: {type: string, format: binary}}}
            encoding:
              file:
                headers:
                  X-Origin: {$ref: '#/components/headers/Missing'}
      responses: {'204': {description: ok}}
",
    );
    let [upload] = &api.operations[..] else {
        panic!("{:?}", api.operations)
    };
    assert!(upload.body.is_some());
    assert!(upload.alternatives.is_empty());
    // What the form's lowering added is taken back.
    assert!(api.type_id("UploadMultipartBody").is_none());
    let [warning] = &api.warnings[..] else {
        panic!("{:?}", api.warnings)
    };
    assert!(
        warning
            .message
            .ends_with("no method sends the request body as `multipart/form-data` (the operation's other methods are generated)"),
        "{warning:?}"
    );
}

/// Bytes of a range whose type is named (`image/*`): no one type stands for it, and
/// `application/octet-stream` is not an image (Traccar's device image upload), so the caller
/// names the type, which the client checks is of the range. `application/*` and `*/*` are
/// still sent as `application/octet-stream`, which is of them.
#[test]
fn a_binary_range_takes_its_content_type_from_the_caller() {
    let files = emit(
        "paths:
  /image:
    post:
      operationId: putImage
      requestBody:
        required: true
        content:
          image/*: {schema: {type: string, format: binary}}
      responses: {'204': {description: ok}}
  /video:
    post:
      operationId: putVideo
      parameters:
        - {name: content_type, in: query, schema: {type: string}, required: true}
      requestBody:
        content:
          video/*: {schema: {type: string, format: binary}}
      responses: {'204': {description: ok}}
  /audio:
    post:
      operationId: putAudio
      parameters:
        - {name: content_type, in: query, schema: {type: string}, required: true}
      requestBody:
        required: true
        content:
          audio/*: {schema: {type: string, format: binary}}
      responses: {'204': {description: ok}}
  /any:
    post:
      operationId: putAny
      requestBody:
        required: true
        content:
          '*/*': {schema: {type: string, format: binary}}
      responses: {'204': {description: ok}}
  /app:
    post:
      operationId: putApp
      requestBody:
        required: true
        content:
          application/*: {schema: {type: string, format: binary}}
      responses: {'204': {description: ok}}
",
    );
    let ops = &files["src/operations.rs"];
    for line in [
        "body: impl Into<Bytes>,\n        content_type: &str,",
        ".binary_body_within(\"image/*\", content_type, body.into())",
        "/// - `content_type`: the media type of `body` (its `Content-Type`), within `image/*`",
        // Optional: the type travels with the bytes; a parameter has the name `content_type`.
        "content_type: &str,\n        body: Option<(Bytes, &str)>,",
        ".binary_body_within(\"video/*\", body.1, body.0)",
        // Required, beside a parameter of that name: the argument is named apart.
        "body_content_type: &str,",
        ".binary_body_within(\"audio/*\", body_content_type, body.into())",
        ".binary_body(\"application/octet-stream\", body.into())",
    ] {
        assert!(ops.contains(line), "{line}\n{ops}");
    }
    assert_eq!(
        ops.matches(".binary_body(\"application/octet-stream\"")
            .count(),
        2,
        "{ops}"
    );
}

/// Found in the wild (Okta's certificate upload: `application/x-x509-ca-cert`,
/// `application/pkix-cert` or `application/x-pem-file`): bytes of several media types were
/// always sent as the first, so a PEM file went out labelled as DER. The caller names the
/// type, which the client checks is one of them.
#[test]
fn bytes_of_several_media_types_take_their_content_type_from_the_caller() {
    let files = emit(
        "paths:
  /csr:
    post:
      operationId: publishCsr
      requestBody:
        required: true
        content:
          application/x-x509-ca-cert: {schema: {type: string, format: binary}}
          application/pkix-cert: {schema: {type: string, format: binary}}
          application/x-pem-file: {schema: {type: string}}
      responses: {'204': {description: ok}}
",
    );
    // Every type is sent: none is another request the method leaves unsent.
    let api = lower_ok(
        "paths:
  /csr:
    post:
      requestBody:
        content:
          application/pkix-cert: {schema: {type: string, format: binary}}
          application/x-pem-file: {schema: {type: string}}
      responses: {'204': {description: ok}}
",
    );
    assert!(api.warnings.is_empty(), "{:?}", api.warnings);
    let ops = &files["src/operations.rs"];
    for line in [
        "body: impl Into<Bytes>,\n        content_type: &str,",
        ".binary_body_within(\n                \"application/x-x509-ca-cert, application/pkix-cert, application/x-pem-file\",",
        "/// - `content_type`: the media type of `body` (its `Content-Type`), one of \
         `application/x-x509-ca-cert, application/pkix-cert, application/x-pem-file`; another \
         fails the call before it is sent",
    ] {
        assert!(ops.contains(line), "{line}\n{ops}");
    }
}

#[test]
fn parameters_beyond_the_argument_budget_move_into_the_params_struct() {
    let params: String = (1..=7)
        .map(|i| {
            format!(
                "        - {{name: q{i}, in: query, required: true, schema: {{type: string}}}}\n"
            )
        })
        .collect();
    let api = lower_ok(&format!(
        "paths:\n  /a/{{id}}:\n    get:\n      parameters:\n        - {{name: id, in: path, required: true, schema: {{type: string}}}}\n{params}      responses: {{'204': {{description: ok}}}}\n"
    ));
    let op = &api.operations[0];
    assert_eq!(op.params_type.as_deref(), Some("GetAIdParams"));
    let placement: Vec<(&str, bool)> = op
        .params
        .iter()
        .map(|p| (p.name.as_str(), p.in_struct))
        .collect();
    assert_eq!(placement[0], ("id", false));
    assert!(placement[1..].iter().all(|(_, in_struct)| *in_struct));
}

#[test]
fn parameter_names_that_differ_only_in_symbols_stay_apart() {
    let api = lower_ok(
        "paths:
  /calls:
    get:
      parameters:
        - {name: StartTime, in: query, schema: {type: string}}
        - {name: StartTime<, in: query, schema: {type: string}}
        - {name: StartTime>, in: query, schema: {type: string}}
        - {name: X-Request-ID, in: header, schema: {type: string}}
        - {name: q, in: query, content: {application/json: {schema: {type: object}}}}
      responses: {'204': {description: ok}}
",
    );
    let names: Vec<(&str, ParamLocation)> = api.operations[0]
        .params
        .iter()
        .map(|p| (p.name.as_str(), p.location))
        .collect();
    assert_eq!(
        names,
        [
            ("start_time", ParamLocation::Query),
            ("start_time_lt", ParamLocation::Query),
            ("start_time_gt", ParamLocation::Query),
            ("x_request_id", ParamLocation::Header),
            ("q", ParamLocation::Query),
        ]
    );
    assert_eq!(
        api.operations[0].params[4].style,
        opengen::ir::ParamStyle::Json
    );
}

#[test]
fn operation_methods_never_shadow_the_clients_own() {
    // Every method the runtime defines on `Client` must be reserved, or an operation with the
    // same name would not compile.
    let runtime = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../templates/runtime");
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(runtime).unwrap() {
        let source = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let mut in_client = false;
        for line in source.lines() {
            if line.starts_with("impl Client {") {
                in_client = true;
            } else if line.starts_with('}') {
                in_client = false;
            } else if in_client {
                let trimmed = line.trim_start();
                let name = [
                    "pub fn ",
                    "pub(crate) fn ",
                    "fn ",
                    "pub async fn ",
                    "pub(crate) async fn ",
                ]
                .iter()
                .find_map(|prefix| trimmed.strip_prefix(prefix));
                if let Some(rest) = name {
                    let name: String = rest
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    if !opengen::lower::CLIENT_METHODS.contains(&name.as_str()) {
                        missing.push(name);
                    }
                }
            }
        }
    }
    assert!(missing.is_empty(), "add to CLIENT_METHODS: {missing:?}");
    let api = lower_ok(
        "paths:\n  /a:\n    get:\n      operationId: builder\n      responses: {'204': {description: ok}}\n",
    );
    assert_eq!(api.operations[0].method_name, "builder_2");
    // clippy's `new_ret_no_self`: a method `new` must return `Self` (gambitcomm's MIMIC).
    let api = lower_ok(
        "paths:\n  /a:\n    get:\n      operationId: new\n      responses: {'204': {description: ok}}\n",
    );
    assert_eq!(api.operations[0].method_name, "new_2");
}

#[test]
fn operation_ids_fastapi_made_from_the_route_name_methods_for_the_function() {
    let api = lower_ok(
        "paths:
  /v1/models:
    get:
      operationId: list_models_v1_models_get
      responses: {'204': {description: ok}}
  /v1/models/{model_id}:
    parameters:
      - {name: model_id, in: path, required: true, schema: {type: string}}
    get:
      operationId: retrieve_model_v1_models__model_id__get
      responses: {'204': {description: ok}}
    delete:
      operationId: deleteModel
      responses: {'204': {description: ok}}
  /:
    get:
      operationId: root__get
      responses: {'204': {description: ok}}
  /v1/speech/{voice_id}:
    parameters:
      - {name: voice_id, in: path, required: true, schema: {type: string}}
    post:
      operationId: speech_v1_speech__voice_id__post
      responses: {'204': {description: ok}}
  /v1/speech/{voice_id}/stream:
    parameters:
      - {name: voice_id, in: path, required: true, schema: {type: string}}
    post:
      operationId: speech_v1_speech__voice_id__stream_post
      responses: {'204': {description: ok}}
  /v1/build:
    get:
      operationId: builder_v1_build_get
      responses: {'204': {description: ok}}
  /v1/other:
    get:
      operationId: list_models_v1_models_get_v1_other_get
      responses: {'204': {description: ok}}
",
    );
    let names: Vec<(&str, &str)> = api
        .operations
        .iter()
        .map(|op| {
            (
                op.operation_id.as_deref().unwrap_or_default(),
                op.method_name.as_str(),
            )
        })
        .collect();
    for expected in [
        ("list_models_v1_models_get", "list_models"),
        ("retrieve_model_v1_models__model_id__get", "retrieve_model"),
        // Not made from the route: as written.
        ("deleteModel", "delete_model"),
        ("root__get", "root"),
        // One function serving two routes: each keeps its operationId.
        (
            "speech_v1_speech__voice_id__post",
            "speech_v1_speech_voice_id_post",
        ),
        (
            "speech_v1_speech__voice_id__stream_post",
            "speech_v1_speech_voice_id_stream_post",
        ),
        // A name `Client` keeps.
        ("builder_v1_build_get", "builder_v1_build_get"),
        // The function's name is the other route's whole operationId: each its own name.
        (
            "list_models_v1_models_get_v1_other_get",
            "list_models_v1_models_get",
        ),
    ] {
        assert!(names.contains(&expected), "{expected:?} in {names:?}");
    }
}

#[test]
fn path_parameters_are_reconciled_with_the_path() {
    let api = lower_ok(
        "paths:
  /a/{id}/b:
    get:
      parameters:
        - {name: stale, in: path, required: true, schema: {type: string}}
      responses: {'204': {description: ok}}
",
    );
    let op = &api.operations[0];
    let params: Vec<(&str, &TypeRef)> = op
        .params
        .iter()
        .map(|p| (p.wire_name.as_str(), &p.ty))
        .collect();
    assert_eq!(params, [("id", &TypeRef::String)]);
    let messages: Vec<&str> = api.warnings.iter().map(|w| w.message.as_str()).collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(
        messages[0].contains("`stale` does not appear"),
        "{messages:?}"
    );
    assert!(
        messages[1].contains("declares no such parameter"),
        "{messages:?}"
    );
    assert!(
        api.warnings
            .iter()
            .all(|w| w.pointer == "#/paths/~1a~1{id}~1b/get")
    );
}

#[test]
fn operations_without_json_import_no_unused_module() {
    // Every method calls `self.call(…)`; the `call` module itself is imported only when a
    // decoder uses `call::json` or its kin, so this crate compiles without warnings.
    let files = emit("paths:\n  /a:\n    post:\n      responses: {'204': {description: ok}}\n");
    let ops = &files["src/operations.rs"];
    assert!(ops.contains("use crate::call::{Call, Outcome};"), "{ops}");
    let files = emit(OPERATION_SPEC);
    let ops = &files["src/operations.rs"];
    assert!(
        ops.contains("use crate::call::{self, Call, Outcome};"),
        "{ops}"
    );
}

#[test]
fn operations_with_the_same_errors_share_one_error_enum() {
    let responses = "      responses:\n        '200': {description: OK}\n        '404': {description: Not found, content: {application/json: {schema: {$ref: '#/components/schemas/Problem'}}}}\n";
    let other = "      responses:\n        '200': {description: OK}\n        '404': {description: Gone away}\n";
    let files = emit(&format!(
        "paths:\n  /a:\n    get:\n      operationId: getA\n{responses}  /b:\n    get:\n      operationId: getB\n{responses}  /c:\n    get:\n      operationId: getC\n{other}components:\n  schemas:\n    Problem: {{type: object}}\n"
    ));
    let ops = &files["src/operations.rs"];
    // Named after what it holds, each operation's error type an alias of it.
    assert!(ops.contains("pub enum NotFoundError {"), "{ops}");
    assert!(
        ops.contains("/// The errors [`Client::get_a`] documents: the same as [`NotFoundError`]'s.\npub type GetAError = NotFoundError;"),
        "{ops}"
    );
    assert!(
        ops.contains("/// The errors [`Client::get_b`] documents: the same as [`NotFoundError`]'s.\npub type GetBError = NotFoundError;"),
        "{ops}"
    );
    assert!(
        ops.contains("/// The errors that 2 operations document, chosen by status code; each operation's error type (such as [`GetAError`] for [`Client::get_a`]) is an alias of this one."),
        "{ops}"
    );
    // A different description is a different enum: its docs would be wrong otherwise.
    assert!(ops.contains("pub enum GetCError {"), "{ops}");
    // The decoder still names the operation's own error type.
    assert!(
        ops.contains("Outcome::Failure(GetBError::NotFound(call::json_or_none(body)))"),
        "{ops}"
    );
}

#[test]
fn body_encoding_objects_are_lowered_for_their_media_type() {
    let api = lower_ok(
        "paths:
  /m:
    post:
      requestBody:
        content:
          multipart/form-data:
            schema: {type: object, properties: {a: {type: string, format: binary}, b: {type: string}}}
            encoding:
              a:
                contentType: 'image/*, image/png'
                style: form
                headers:
                  X-Fixed: {schema: {type: string, enum: [one]}}
                  X-Default: {schema: {type: integer, default: 3}}
                  X-Free: {schema: {type: string}}
                  Content-Type: {schema: {type: string, enum: [text/plain]}}
              b: {contentType: 'text/*'}
      responses: {'204': {description: ok}}
  /f:
    post:
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema: {type: object, properties: {a: {type: array, items: {type: string}}}}
            encoding:
              a: {style: form, contentType: text/plain}
              b: {style: pipeDelimited}
              c: {explode: true}
              d: {contentType: text/plain}
              e: {contentType: 'application/json; charset=utf-8'}
              f: {allowReserved: true, contentType: application/json}
              g: {allowReserved: true, style: spaceDelimited}
              h: {allowReserved: true, explode: false}
      responses: {'204': {description: ok}}
",
    );
    let BodyPayload::Multipart { parts, .. } = &api.operations[0].body.as_ref().unwrap().payload
    else {
        panic!()
    };
    let encodings: Vec<_> = parts
        .iter()
        .map(|e| (e.field.as_str(), e.content_type.as_deref(), &e.headers))
        .collect();
    let header = |name: &str, value: &str| PartHeader {
        name: name.to_owned(),
        value: value.to_owned(),
    };
    let headers = vec![header("X-Fixed", "one"), header("X-Default", "3")];
    // `style` is for forms only, a wildcard-only `contentType` keeps the default.
    assert_eq!(encodings, [("a", Some("image/png"), &headers)]);
    assert_eq!(api.warnings.len(), 1, "{:?}", api.warnings);
    assert!(
        api.warnings[0]
            .pointer
            .ends_with("/encoding/a/headers/X-Free")
    );

    let BodyPayload::Form { fields, .. } = &api.operations[1].body.as_ref().unwrap().payload else {
        panic!()
    };
    let fields: Vec<_> = fields
        .iter()
        .map(|e| (e.field.as_str(), e.encoding))
        .collect();
    use opengen::ir::{FormEncoding, ParamStyle};
    let style = |style, explode| FormEncoding::Style {
        style,
        explode,
        allow_reserved: false,
    };
    let reserved = |style, explode| FormEncoding::Style {
        style,
        explode,
        allow_reserved: true,
    };
    // `explode` defaults to `true` for `form` and `false` for the other styles, as the
    // specification says (not `false` always, as `openapiv3` reads an absent one). A style
    // makes `contentType` ignored; without one, a JSON `contentType` makes JSON text, and
    // `text/plain` is the default. `allowReserved` alone is a style too (`form`, exploded),
    // as OpenAPI 3.1.1 says of `style`, `explode` and `allowReserved`.
    assert_eq!(
        fields,
        [
            ("a", style(ParamStyle::Form, true)),
            ("b", style(ParamStyle::PipeDelimited, false)),
            ("c", style(ParamStyle::Form, true)),
            ("e", FormEncoding::Json),
            ("f", reserved(ParamStyle::Form, true)),
            ("g", reserved(ParamStyle::SpaceDelimited, false)),
            ("h", reserved(ParamStyle::Form, false)),
        ]
    );
}

#[test]
fn json_content_parameters_are_json_in_every_location() {
    let files = emit(
        "paths:
  /o/{owner}:
    get:
      parameters:
        - {name: owner, in: path, required: true, content: {application/json: {schema: {type: object}}}}
        - {name: X-Owner, in: header, required: true, content: {application/json: {schema: {type: object}}}}
        - {name: owner, in: cookie, required: true, content: {application/json: {schema: {type: object}}}}
        - {name: q, in: query, required: true, content: {application/json: {schema: {type: object}}}}
      responses: {'204': {description: ok}}
",
    );
    let operations = &files["src/operations.rs"];
    for call in [
        "path_json(\"owner\", owner)",
        "header_json(\"X-Owner\", x_owner)",
        "cookie_json(\"owner\", owner_2)",
        "query_json(\"q\", q)",
    ] {
        assert!(operations.contains(call), "{call} in {operations}");
    }
}

#[test]
fn tagged_variants_serialize_with_every_tag_that_selects_them() {
    let files = emit(
        "paths: {}
components:
  schemas:
    Pet:
      oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}]
      discriminator:
        propertyName: kind
        mapping: {cat: '#/components/schemas/Cat', kitten: '#/components/schemas/Cat', dog: '#/components/schemas/Dog'}
    Cat: {type: object, required: [kind], properties: {kind: {type: string}}}
    Dog: {type: object, required: [kind], properties: {kind: {type: string}}}
",
    );
    let types: String = files["src/types.rs"].split_whitespace().collect();
    assert!(
        types.contains("serialize_tagged(serializer,\"kind\",&[\"cat\",\"kitten\"],value,)"),
        "{types}"
    );
}

#[test]
fn schemas_named_like_runtime_items_import_nothing_from_the_runtime() {
    let files = emit(
        "paths:
  /e:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Encoding'}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Style'}
components:
  schemas:
    Encoding: {type: object, properties: {a: {type: string}}}
    Style: {type: object, properties: {b: {type: string}}}
",
    );
    let operations = &files["src/operations.rs"];
    assert!(!operations.contains("crate::encode"), "{operations}");
}

/// The decoder's arms are decided in `lower`: exact codes, then ranges, then `default`; a
/// redirect-only success with no body also succeeds on the 2xx of the followed redirect, and an
/// undocumented status is unexpected.
#[test]
fn the_decoder_arms_are_in_the_ir() {
    use opengen::ir::{ArmOutcome, DecodeArm};
    let api = lower(
        "paths:
  /a:
    post:
      responses:
        '303': {description: see other}
        4XX: {description: client error}
        '404': {description: missing, content: {application/json: {schema: {type: string}}}}
",
    )
    .unwrap();
    let arm = |statuses, outcome| DecodeArm { statuses, outcome };
    let error = |variant: &str, json| ArmOutcome::Error {
        variant: variant.into(),
        body: if json {
            opengen::ir::ErrorBody::Json
        } else {
            opengen::ir::ErrorBody::None
        },
    };
    assert_eq!(
        api.operations[0].decode,
        [
            arm(
                StatusMatch::Code(303),
                ArmOutcome::Success {
                    variant: None,
                    content: Content::Empty
                }
            ),
            arm(StatusMatch::Code(404), error("NotFound", true)),
            arm(StatusMatch::Range(4), error("ClientError", false)),
            arm(
                StatusMatch::Range(2),
                ArmOutcome::Success {
                    variant: None,
                    content: Content::Empty
                }
            ),
            arm(StatusMatch::Default, ArmOutcome::Unexpected),
        ]
    );
}

#[test]
fn label_and_matrix_path_parameters_have_their_own_calls() {
    // `style: label` and `style: matrix` used to skip the operation.
    let files = emit(
        "paths:
  /colors/{one}/{many}/{rgb}/{point}:
    get:
      operationId: getColor
      parameters:
        - {name: one, in: path, required: true, style: label, schema: {type: string}}
        - {name: many, in: path, required: true, style: label, explode: true,
           schema: {type: array, items: {type: string}}}
        - {name: rgb, in: path, required: true, style: matrix,
           schema: {type: object, properties: {R: {type: integer}}}}
        - {name: point, in: path, required: true, style: matrix, explode: true,
           schema: {type: array, items: {type: integer}}}
      responses: {'204': {description: ok}}",
    );
    let ops = &files["src/operations.rs"];
    for expected in [
        ".path_label(\"one\", one)",
        ".path_label_exploded(\"many\", many)",
        ".path_matrix(\"rgb\", rgb)",
        ".path_matrix_exploded(\"point\", point)",
    ] {
        assert!(ops.contains(expected), "missing {expected:?} in\n{ops}");
    }
}

#[test]
fn a_any_media_type_response_described_by_a_structured_schema_is_decoded_as_json() {
    // Spring's springdoc writes `*/*` for every response by default (65 specs, 2,152
    // responses of APIs.guru have no other media type): its schema says what arrives, so an
    // object, array, number or union is decoded as JSON; a string schema stays text or bytes.
    let api = common::lower_ok(&format!(
        "{HEAD}paths:
  /pets:
    get:
      operationId: listPets
      responses:
        '200':
          description: pets
          content: {{'*/*': {{schema: {{type: array, items: {{$ref: '#/components/schemas/Pet'}}}}}}}}
        '404':
          description: missing
          content: {{'application/*': {{schema: {{$ref: '#/components/schemas/Problem'}}}}}}
        '500':
          description: bytes
          content: {{'*/*': {{schema: {{type: string, format: binary}}}}}}
  /count:
    get:
      operationId: count
      responses:
        '200':
          description: a number
          content: {{'*/*': {{schema: {{type: integer}}}}}}
        '201':
          description: any
          content: {{'*/*': {{schema: {{description: anything}}}}}}
components:
  schemas:
    Pet: {{type: object, properties: {{name: {{type: string}}}}}}
    Problem: {{type: object, properties: {{title: {{type: string}}}}}}
"
    ));
    let contents = |op: &opengen::ir::Operation| -> Vec<Content> {
        op.responses.iter().map(|r| r.content.clone()).collect()
    };
    assert_eq!(
        contents(&api.operations[0]),
        [
            Content::Json(opengen::ir::TypeRef::Array(Box::new(named(&api, "Pet")))),
            Content::Json(named(&api, "Problem")),
            Content::Binary,
        ]
    );
    // Asked for as JSON first, then as the range the spec names.
    assert_eq!(
        api.operations[0].accept.as_deref(),
        Some("application/json, */*, application/*")
    );
    assert_eq!(
        contents(&api.operations[1]),
        [
            Content::Json(opengen::ir::TypeRef::Integer(opengen::ir::IntWidth::I64)),
            Content::Binary
        ]
    );
}

/// An XML body whose schema describes structured data is typed both ways, with no warning
/// (52 APIs.guru specs, AWS's query and REST-XML APIs among them, were text); one of a string
/// stays text. The XML Objects reach the IR: a property's own, its `allOf` parts' (AWS writes
/// an item's name as `allOf: [{$ref}, {xml: {name}}]`) and its `$ref`'s, the nearest winning;
/// a request body's root is named by its schema's `xml.name`, else by its component.
#[test]
fn xml_bodies_are_typed_and_keep_the_schemas_xml_objects() {
    let api = lower_ok(
        "paths:
  /pet:
    get:
      responses:
        '200':
          description: ok
          content:
            application/xml: {schema: {$ref: '#/components/schemas/Pet'}}
    put:
      requestBody:
        content:
          application/xml: {schema: {$ref: '#/components/schemas/Pet'}}
      responses: {'204': {description: ok}}
  /tag:
    put:
      requestBody:
        content:
          text/xml: {schema: {$ref: '#/components/schemas/Tag'}}
      responses: {'204': {description: ok}}
  /note:
    get:
      responses:
        '200':
          description: ok
          content:
            text/xml: {schema: {type: string}}
components:
  schemas:
    Pet:
      type: object
      xml: {name: pet, namespace: 'urn:pets', prefix: p}
      properties:
        id: {type: integer, xml: {attribute: true}}
        tags: {$ref: '#/components/schemas/TagSet'}
        owner: {allOf: [{$ref: '#/components/schemas/Owner'}, {description: who}]}
        nick: {allOf: [{$ref: '#/components/schemas/Owner'}, {xml: {name: alias}}]}
        plain: {type: string}
    TagSet:
      type: array
      xml: {wrapped: true, name: TagSet}
      items: {allOf: [{$ref: '#/components/schemas/Tag'}, {xml: {name: Tag}}]}
    Tag: {type: object, properties: {k: {type: string}}}
    Owner: {type: object, xml: {name: person}, properties: {n: {type: string}}}
",
    );
    let [get_pet, put_pet, put_tag, note] = api.operations.as_slice() else {
        panic!("{:?}", api.operations)
    };
    let pet = named(&api, "Pet");
    assert_eq!(get_pet.responses[0].content, Content::Xml(pet.clone()));
    let BodyPayload::Xml { ty: sent, root } = &put_pet.body.as_ref().unwrap().payload else {
        panic!("{:?}", put_pet.body)
    };
    assert_eq!(*sent, pet);
    let xml = |name: &str| Some(name.to_owned());
    assert_eq!(
        (&root.name, &root.namespace, &root.prefix),
        (&xml("pet"), &xml("urn:pets"), &xml("p"))
    );
    let BodyPayload::Xml { root, .. } = &put_tag.body.as_ref().unwrap().payload else {
        panic!("{:?}", put_tag.body)
    };
    assert_eq!(root.name, xml("Tag"), "named by its component");
    assert_eq!(note.responses[0].content, Content::Text);
    assert!(
        !api.warnings.iter().any(|w| w.message.contains("XML")),
        "{:?}",
        api.warnings
    );
    let TypeKind::Struct { fields, .. } = &ty(&api, "Pet").kind else {
        panic!()
    };
    let field = |name: &str| {
        fields
            .iter()
            .find(|f| f.wire_name == name)
            .and_then(|f| f.xml.as_deref().cloned())
    };
    assert_eq!(
        field("id"),
        Some(Xml {
            attribute: true,
            ..Xml::default()
        })
    );
    assert_eq!(
        field("tags"),
        Some(Xml {
            name: xml("TagSet"),
            wrapped: true,
            items: Some(Box::new(Xml {
                name: xml("Tag"),
                ..Xml::default()
            })),
            ..Xml::default()
        })
    );
    assert_eq!(field("owner").and_then(|x| x.name), xml("person"));
    assert_eq!(field("nick").and_then(|x| x.name), xml("alias"));
    assert_eq!(field("plain"), None);
}

/// A document without XML bodies reads no XML Object: its fields carry none.
#[test]
fn xml_objects_are_read_only_for_xml_bodies() {
    let api = lower_ok(
        "paths:
  /pet:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json: {schema: {$ref: '#/components/schemas/Pet'}}
components:
  schemas:
    Pet: {type: object, properties: {id: {type: integer, xml: {attribute: true}}}}
",
    );
    let TypeKind::Struct { fields, .. } = &ty(&api, "Pet").kind else {
        panic!()
    };
    assert_eq!(fields[0].xml, None);
}

#[test]
fn a_parameter_without_schema_or_content_reads_its_keywords_or_is_a_string() {
    // Found in kin-openapi's and swagger-parser's test documents: a parameter or header with
    // 2.0's `type` beside its fields, or with no type at all, cost the operation (or the
    // component, and every operation naming it).
    let api = lower_ok(
        "paths:
  /a:
    get:
      operationId: getA
      parameters:
        - {name: limit, in: query, type: integer, minimum: 1}
        - {name: tags, in: query, type: array, items: {type: string}}
        - $ref: '#/components/parameters/Trace'
      responses:
        '200':
          description: ok
          headers:
            X-Rate: {description: per hour}
components:
  parameters:
    Trace: {name: X-Trace, in: header}
",
    );
    let [op] = api.operations.as_slice() else {
        panic!("{:?}", api.operations);
    };
    let params: Vec<(&str, &TypeRef)> = op
        .params
        .iter()
        .map(|p| (p.wire_name.as_str(), &p.ty))
        .collect();
    assert_eq!(
        params,
        [
            ("limit", &TypeRef::Integer(opengen::ir::IntWidth::I64)),
            ("tags", &TypeRef::Array(Box::new(TypeRef::String))),
            ("X-Trace", &TypeRef::String),
        ]
    );
    let warnings: Vec<(&str, &str)> = api
        .warnings
        .iter()
        .map(|w| (w.pointer.as_str(), w.message.as_str()))
        .collect();
    let given = "neither `schema` nor `content` is given (OpenAPI 3.0 requires one);";
    assert_eq!(
        warnings,
        [
            (
                "#/paths/~1a/get/parameters/0",
                &*format!("{given} its `type`, `minimum` beside it are read as its schema")
            ),
            (
                "#/paths/~1a/get/parameters/1",
                &*format!("{given} its `type`, `items` beside it are read as its schema")
            ),
            (
                "#/paths/~1a/get/responses/200/headers/X-Rate",
                &*format!("{given} it is read as a string")
            ),
            (
                "#/components/parameters/Trace",
                &*format!("{given} it is read as a string")
            ),
        ]
    );
}

#[test]
fn a_reference_to_the_other_kind_of_parameter_or_header_and_empty_fields_are_read_as_meant() {
    // Found in swagger-parser's tests (Issue_948, issue1758, same-refs-different-model-valid,
    // oas.yaml) and hey-api's: a parameter given as a `$ref` to a header, or to a schema with
    // its own `name` and `in` beside it, and `parameters:` with no value, each cost the
    // operation; a header given as a `$ref` to a parameter lost its docs.
    let api = lower_ok(
        "paths:
  /a:
    parameters:
    get:
      operationId: getA
      parameters:
        - $ref: '#/components/headers/X-Trace'
        - {name: q, in: query, $ref: '#/components/schemas/Q'}
      responses:
        '200':
          description: ok
          headers:
            X-Id: {$ref: '#/components/parameters/id'}
    post:
      operationId: postA
      parameters:
      requestBody:
        content:
          application/json:
      responses:
        '204': {description: ok}
components:
  schemas:
    Q: {type: integer}
  parameters:
    id: {name: id, in: query, style: form, description: The id., schema: {type: integer}}
  headers:
    X-Trace: {required: true, description: The trace., schema: {type: string}}
",
    );
    let [get, post] = api.operations.as_slice() else {
        panic!("{:?}", api.operations);
    };
    let params: Vec<(&str, ParamLocation, bool)> = (get.params.iter())
        .map(|p| (p.wire_name.as_str(), p.location, p.required))
        .collect();
    assert_eq!(
        params,
        [
            ("X-Trace", ParamLocation::Header, true),
            ("q", ParamLocation::Query, false),
        ]
    );
    assert_eq!(get.params[1].ty, named(&api, "Q"));
    let header = &get.responses[0].headers[0];
    assert_eq!(
        (header.name.as_str(), header.description.as_deref()),
        ("X-Id", Some("The id."))
    );
    assert!(post.params.is_empty());
    assert!(post.body.is_some(), "{post:?}");
    let warnings: Vec<(&str, &str)> = (api.warnings.iter())
        .map(|w| (w.pointer.as_str(), w.message.as_str()))
        .collect();
    assert_eq!(
        warnings,
        [
            (
                "#/paths/~1a/get/parameters/0",
                "`#/components/headers/X-Trace` is a header, not a parameter; it is read as the \
                 header parameter `X-Trace`"
            ),
            (
                "#/paths/~1a/get/parameters/1",
                "`#/components/schemas/Q` is a schema, not a parameter; with the `name` and `in` \
                 beside it, it is read as this parameter's schema"
            ),
            (
                "#/paths/~1a/get/responses/200/headers/X-Id",
                "`#/components/parameters/id` is a parameter, not a header; it is read as a header \
                 like it"
            ),
            (
                "#/paths/~1a/parameters",
                "`parameters` has no value; it is read as absent"
            ),
            (
                "#/paths/~1a/post/parameters",
                "`parameters` has no value; it is read as absent"
            ),
        ]
    );
}

#[test]
fn extensions_of_the_responses_and_callback_objects_cost_nothing() {
    // Found in libopenapi's and swagger-parser's tests: `x-` keys there are extensions, which
    // OpenAPI allows, and they cost the operation ("expected struct Response").
    let api = lower_ok(
        "paths:
  /a:
    post:
      operationId: postA
      responses:
        x-toasty-roasty: hot
        '204': {description: ok}
      callbacks:
        onDone:
          x-break-everything: please
          '{$request.body#/url}':
            post:
              requestBody:
                content:
                  application/json:
                    schema: {type: object, properties: {done: {type: boolean}}}
              responses:
                '200': {description: ok}
components:
  callbacks:
    Other:
      x-note: please
      '{$request.body#/url}':
        post:
          responses:
            '200': {description: ok}
",
    );
    let names: Vec<&str> = (api.operations.iter())
        .map(|op| op.method_name.as_str())
        .collect();
    assert_eq!(names, ["post_a"]);
    assert_eq!(api.operations[0].responses.len(), 1);
    assert!(
        api.warnings.iter().all(|w| !w.message.contains("skipped")),
        "{:?}",
        api.warnings
    );
}

#[test]
fn a_style_its_location_does_not_allow_is_read_as_the_locations_default() {
    // Okta's OPA description gives a query parameter `style: simple` (only path and header
    // parameters have it); the operation was skipped. The parameter now takes its location's
    // default style, `explode` as written, with a warning naming the parameter.
    let api = lower_ok(
        "paths:
  /a/{id}:
    get:
      operationId: getA
      parameters:
        - {name: id, in: path, required: true, style: form, schema: {type: string}}
        - {name: q, in: query, style: simple, explode: false, schema: {type: array, items: {type: string}}}
        - {name: X-Trace, in: header, style: form, schema: {type: string}}
        - {name: session, in: cookie, style: simple, schema: {type: string}}
        - {name: fine, in: query, style: pipeDelimited, schema: {type: array, items: {type: string}}}
      responses:
        '200':
          description: ok
          headers:
            X-Rate: {style: form, schema: {type: integer}}
",
    );
    let [op] = api.operations.as_slice() else {
        panic!("{:?}", api.operations);
    };
    use opengen::ir::ParamStyle;
    let styles: Vec<(&str, ParamStyle, bool)> = op
        .params
        .iter()
        .map(|p| (p.wire_name.as_str(), p.style, p.explode))
        .collect();
    assert_eq!(
        styles,
        [
            ("id", ParamStyle::Simple, false),
            ("q", ParamStyle::Form, false),
            ("X-Trace", ParamStyle::Simple, false),
            ("session", ParamStyle::Form, true),
            ("fine", ParamStyle::PipeDelimited, false),
        ]
    );
    let warnings: Vec<(&str, &str)> = api
        .warnings
        .iter()
        .map(|w| (w.pointer.as_str(), w.message.as_str()))
        .collect();
    let at = "#/paths/~1a~1{id}/get";
    let expected = [
        (
            format!("{at}/parameters/0/style"),
            "`form` is not a style of path parameters (matrix, label, simple); it is read as `simple`, their default",
        ),
        (
            format!("{at}/parameters/1/style"),
            "`simple` is not a style of query parameters (form, spaceDelimited, pipeDelimited, deepObject); it is read as `form`, their default",
        ),
        (
            format!("{at}/parameters/2/style"),
            "`form` is not a style of header parameters (simple); it is read as `simple`, their default",
        ),
        (
            format!("{at}/parameters/3/style"),
            "`simple` is not a style of cookie parameters (form); it is read as `form`, their default",
        ),
        (
            format!("{at}/responses/200/headers/X-Rate/style"),
            "`form` is not a style of header parameters (simple); it is read as `simple`, their default",
        ),
    ];
    assert_eq!(warnings.len(), expected.len(), "{warnings:?}");
    for ((pointer, message), (want_pointer, want_message)) in warnings.iter().zip(&expected) {
        assert_eq!(pointer, want_pointer, "{warnings:?}");
        assert!(message.starts_with(want_message), "{message}");
    }
}

/// The fields of the struct type `name`, by name.
fn field_types(api: &Api, name: &str) -> Vec<(String, TypeRef)> {
    let def = ty(api, name);
    let TypeKind::Struct { fields, .. } = &def.kind else {
        panic!("{def:?}")
    };
    fields
        .iter()
        .map(|f| (f.wire_name.clone(), f.ty.clone()))
        .collect()
}

#[test]
fn the_binary_parts_of_multipart_bodies_are_files() {
    let api = lower_ok(
        "paths:
  /audio:
    post:
      operationId: transcribe
      requestBody:
        required: true
        content:
          multipart/form-data:
            schema: {$ref: '#/components/schemas/Transcription'}
      responses:
        '200':
          description: the form back, as JSON
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Transcription'}
  /either:
    post:
      operationId: either
      requestBody:
        content:
          multipart/form-data:
            schema:
              oneOf:
                - {$ref: '#/components/schemas/ByFile'}
                - {$ref: '#/components/schemas/ByUrl'}
      responses: {'204': {description: done}}
  /raw:
    post:
      operationId: raw
      requestBody:
        content:
          multipart/form-data:
            schema: {type: string, format: binary}
      responses: {'204': {description: done}}
  /many:
    post:
      operationId: many
      requestBody:
        content:
          multipart/form-data:
            schema: {type: array, items: {$ref: '#/components/schemas/Blob'}}
      responses: {'204': {description: done}}
  /json:
    post:
      operationId: json
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/JsonOnly'}
      responses: {'204': {description: done}}
components:
  schemas:
    Blob: {type: string, format: binary}
    Transcription:
      type: object
      required: [file]
      properties:
        file: {$ref: '#/components/schemas/Blob'}
        extra: {type: array, items: {type: string, format: binary}}
        maybe: {type: string, format: binary, nullable: true}
        model: {type: string}
        nested:
          type: object
          properties:
            inside: {type: string, format: binary}
        grid: {type: array, items: {type: array, items: {type: string, format: binary}}}
    ByFile:
      type: object
      properties:
        image: {type: string, format: binary}
    ByUrl:
      type: object
      properties:
        url: {type: string}
    JsonOnly:
      type: object
      properties:
        data: {type: string, format: binary}
",
    );
    let file = TypeRef::File;
    let files = |ty: TypeRef| TypeRef::Array(Box::new(ty));
    let binary_grid = files(files(TypeRef::Binary));
    let transcription = field_types(&api, "Transcription");
    let summary: Vec<(&str, &TypeRef)> =
        transcription.iter().map(|(n, t)| (n.as_str(), t)).collect();
    let nested = named(&api, "TranscriptionNested");
    assert_eq!(
        summary,
        [
            // Through the alias, alone, as a list and nullable: each a file part.
            ("file", &file),
            ("extra", &files(TypeRef::File)),
            // (`nullable` is the field's, not its type's.)
            ("maybe", &file),
            ("model", &TypeRef::String),
            // An object part travels as JSON, and a list of lists as one JSON part: their
            // bytes stay bytes.
            ("nested", &nested),
            ("grid", &binary_grid),
        ]
    );
    assert_eq!(
        field_types(&api, "TranscriptionNested"),
        [("inside".to_owned(), TypeRef::Binary)]
    );
    // The alternatives of a `oneOf` body are its objects.
    assert_eq!(
        field_types(&api, "ByFile"),
        [("image".to_owned(), TypeRef::File)]
    );
    // A JSON body's bytes stay bytes, and the alias itself is untouched.
    assert_eq!(
        field_types(&api, "JsonOnly"),
        [("data".to_owned(), TypeRef::Binary)]
    );
    assert_eq!(ty(&api, "Blob").kind, TypeKind::Alias(TypeRef::Binary));
    let body_of = |id: &str| {
        let op = api
            .operations
            .iter()
            .find(|op| op.operation_id.as_deref() == Some(id))
            .unwrap();
        op.body.as_ref().unwrap().payload.ty().cloned().unwrap()
    };
    // A body that is a file, or a list of them: one part each.
    assert_eq!(body_of("raw"), TypeRef::File);
    assert_eq!(body_of("many"), files(TypeRef::File));
    assert!(api.uses_files());
}

#[test]
fn a_file_body_compiles_and_the_crate_exports_upload() {
    let files = emit(
        "paths:
  /raw:
    post:
      operationId: raw
      requestBody:
        content:
          multipart/form-data:
            schema:
              type: object
              properties:
                file: {type: string, format: binary}
      responses: {'204': {description: done}}
",
    );
    let lib = &files["src/lib.rs"];
    assert!(lib.contains("Upload"), "{lib}");
    assert!(files["src/types.rs"].contains("pub file: Option<crate::Upload>"));
    // A crate without file parts does not name it.
    let plain = emit(
        "paths:
  /raw:
    post:
      operationId: raw
      requestBody:
        content:
          application/octet-stream:
            schema: {type: string, format: binary}
      responses: {'204': {description: done}}
",
    );
    assert!(
        !plain["src/lib.rs"].contains("Upload,"),
        "{}",
        plain["src/lib.rs"]
    );
}

/// A text or bytes success asks for its documented media types first, then anything at a low
/// preference: a server choosing by `Accept` sends the documented type (a CSV export, not its
/// JSON default), and one that cannot still answers.
#[test]
fn a_text_or_bytes_success_asks_for_its_media_types_then_anything() {
    let api = common::lower_ok(&format!(
        "{HEAD}paths:
  /export:
    get:
      operationId: exportCsv
      responses:
        '200':
          description: rows
          content: {{'text/csv': {{schema: {{type: string}}}}}}
        '400':
          description: bad
          content: {{'application/json': {{schema: {{type: object}}}}}}
  /render:
    get:
      operationId: render
      responses:
        '200':
          description: a picture
          content: {{'image/png': {{schema: {{type: string, format: binary}}}}}}
        '202':
          description: a document
          content: {{'application/pdf': {{schema: {{type: string, format: binary}}}}}}
  /anything:
    get:
      operationId: anything
      responses:
        '200':
          description: whatever it is
          content: {{'*/*': {{schema: {{type: string, format: binary}}}}}}
  /nothing:
    delete:
      operationId: nothing
      responses:
        '204':
          description: gone
"
    ));
    let accept = |id: &str| {
        let op = api
            .operations
            .iter()
            .find(|op| op.operation_id.as_deref() == Some(id))
            .unwrap();
        op.accept.clone()
    };
    assert_eq!(accept("exportCsv").as_deref(), Some("text/csv, */*;q=0.1"));
    assert_eq!(
        accept("render").as_deref(),
        Some("image/png, application/pdf, */*;q=0.1")
    );
    // `*/*` names nothing to prefer; no body asks for nothing.
    assert_eq!(accept("anything"), None);
    assert_eq!(accept("nothing"), None);
}

/// A media type the spec writes with characters a header cannot carry is left out of `Accept`
/// (the client would otherwise fail building the header); a JSON one is still asked for as
/// `application/json`.
#[test]
fn media_types_a_header_cannot_carry_are_left_out_of_accept() {
    let api = common::lower_ok(&format!(
        "{HEAD}paths:
  /json:
    get:
      operationId: getJson
      responses:
        '200':
          description: ok
          content: {{'application/json; charset=\u{fc}tf8': {{schema: {{type: object}}}}}}
  /csv:
    get:
      operationId: getCsv
      responses:
        '200':
          description: ok
          content: {{'text/csv; x=\u{fc}': {{schema: {{type: string}}}}}}
"
    ));
    let accept = |i: usize| api.operations[i].accept.clone();
    assert_eq!(accept(0).as_deref(), Some("application/json"));
    assert_eq!(accept(1), None);
}

/// RFC 6570's reserved expansion in a path template (`{+name}`) names the declared parameter
/// `name`, whose value then keeps the reserved characters a path allows (`/` among them):
/// the declared parameter was left out with a warning, and an undeclared `+name` sent the
/// value as one segment, its `/` encoded. Google's descriptions mark the same
/// `x-reservedExpansion: true`.
#[test]
fn reserved_expansion_in_a_path_names_the_declared_parameter() {
    let spec = "paths:
  /v1/{+name}:
    get:
      operationId: getName
      parameters:
        - {name: name, in: path, required: true, description: A resource name, schema: {type: string}}
      responses: {'204': {description: ok}}
  /v2/{resource}/catalogs:
    get:
      operationId: search
      parameters:
        - {name: resource, in: path, required: true, x-reservedExpansion: true, schema: {type: string}}
      responses: {'204': {description: ok}}
  /v3/{id}:
    get:
      operationId: plain
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses: {'204': {description: ok}}
";
    let api = lower_ok(spec);
    assert!(api.warnings.is_empty(), "{:?}", api.warnings);
    let reserved: Vec<(&str, &str, bool)> = api
        .operations
        .iter()
        .map(|op| {
            let [param] = op.params.as_slice() else {
                panic!("{:?}", op.params)
            };
            (
                param.wire_name.as_str(),
                param.docs.as_deref().unwrap_or_default(),
                param.allow_reserved,
            )
        })
        .collect();
    assert_eq!(
        reserved,
        [
            ("name", "A resource name", true),
            ("resource", "", true),
            ("id", "", false)
        ]
    );
    let operations = &emit(spec)["src/operations.rs"];
    assert!(
        operations.contains(".path_reserved(\"name\", name)"),
        "{operations}"
    );
    assert!(operations.contains(".path_reserved(\"resource\", resource)"));
    assert!(operations.contains(".path_param(\"id\", id)"));
}

/// A response's links (by `operationId`, `operationRef` or a `$ref` to a component link) are
/// listed in the method's docs under "Links", each with the method it names and the values it
/// sets: they were a warning that no code is generated. One naming no operation of the client
/// says so; one whose `$ref` names no link is left out with a warning.
#[test]
fn response_links_are_documented_with_the_methods_they_name() {
    let spec = "paths:
  /users/{username}:
    get:
      operationId: getUserByName
      parameters:
        - {name: username, in: path, required: true, schema: {type: string}}
      responses:
        '200':
          description: The user.
          content:
            application/json: {schema: {type: object, properties: {username: {type: string}}}}
          links:
            userRepositories:
              operationId: getRepositoriesByOwner
              parameters: {username: $response.body#/username}
              description: |-
                The user's
                repositories.

                More text.
            userPage:
              operationRef: '#/paths/~1users~1%7Busername%7D~1page/get'
            elsewhere:
              operationId: notInThisApi
            shared:
              $ref: '#/components/links/Shared'
            broken:
              $ref: '#/components/links/Missing'
  /repositories/{username}:
    get:
      operationId: getRepositoriesByOwner
      parameters:
        - {name: username, in: path, required: true, schema: {type: string}}
      responses: {'204': {description: ok}}
  /users/{username}/page:
    get:
      operationId: getPage
      parameters:
        - {name: username, in: path, required: true, schema: {type: string}}
      responses: {'204': {description: ok}}
components:
  links:
    Shared:
      operationId: getPage
      parameters: {username: $request.path.username}
";
    let api = lower_ok(spec);
    let names: Vec<&str> = api.operations[0].responses[0]
        .links
        .iter()
        .map(|l| l.name.as_str())
        .collect();
    assert_eq!(
        names,
        ["userRepositories", "userPage", "elsewhere", "shared"]
    );
    let warnings: Vec<&str> = api.warnings.iter().map(|w| w.pointer.as_str()).collect();
    assert_eq!(
        warnings,
        ["#/paths/~1users~1{username}/get/responses/200/links/broken"]
    );
    let operations = &emit(spec)["src/operations.rs"];
    for line in [
        "/// # Links",
        "/// - `userRepositories` (HTTP 200): [`Client::get_repositories_by_owner`](crate::Client::get_repositories_by_owner) \
         with `username` = `$response.body#/username`. The user's repositories.\n",
        "/// - `userPage` (HTTP 200): [`Client::get_page`](crate::Client::get_page)\n",
        "/// - `elsewhere` (HTTP 200): `notInThisApi` (not a method of this client)\n",
        "/// - `shared` (HTTP 200): [`Client::get_page`](crate::Client::get_page) with `username` = \
         `$request.path.username`\n",
    ] {
        assert!(operations.contains(line), "{line}\n{operations}");
    }
}

/// The headers a response documents are listed in the method's docs under "Response
/// headers", once for the statuses that document one alike, with what each holds: they were
/// read by nothing. `Content-Type`, which OpenAPI says to ignore, is left out; a `$ref`
/// naming no component header is left out with a warning.
#[test]
fn response_headers_are_documented_in_the_method_docs() {
    let spec = "paths:
  /items:
    post:
      operationId: createItem
      responses:
        '201':
          description: Created.
          headers:
            Location:
              description: |-
                Where the item
                lives.

                More text.
              required: true
              schema: {type: string, format: uri}
            X-RateLimit-Remaining: {$ref: '#/components/headers/Remaining'}
            X-Mode: {schema: {type: string, enum: [fast, slow]}, deprecated: true}
            X-Ids: {schema: {type: array, items: {type: integer}}}
            Content-Type: {schema: {type: string}}
            Broken: {$ref: '#/components/headers/Missing'}
        '429':
          description: Slow down.
          headers:
            X-RateLimit-Remaining: {$ref: '#/components/headers/Remaining'}
            Retry-After: {schema: {type: integer}}
components:
  headers:
    Remaining:
      description: Calls left in the window.
      schema: {type: integer}
";
    let api = lower_ok(spec);
    let names: Vec<&str> = api.operations[0].responses[0]
        .headers
        .iter()
        .map(|h| h.name.as_str())
        .collect();
    assert_eq!(
        names,
        ["Location", "X-RateLimit-Remaining", "X-Mode", "X-Ids"]
    );
    let warnings: Vec<&str> = api.warnings.iter().map(|w| w.pointer.as_str()).collect();
    assert_eq!(
        warnings,
        ["#/paths/~1items/post/responses/201/headers/Broken"]
    );
    let operations = &emit(spec)["src/operations.rs"];
    for line in [
        "/// # Response headers\n",
        "/// - `Location` (HTTP 201; string, uri, always sent): Where the item lives.\n",
        "/// - `X-RateLimit-Remaining` (HTTP 201, HTTP 429; integer): Calls left in the window.\n",
        "/// - `X-Mode` (HTTP 201; string, one of `fast`, `slow`, deprecated)\n",
        "/// - `X-Ids` (HTTP 201; array of integer)\n",
        "/// - `Retry-After` (HTTP 429; integer)\n",
    ] {
        assert!(operations.contains(line), "{line}\n{operations}");
    }
    assert!(!operations.contains("`Content-Type`"), "{operations}");
}

/// Each documented success is listed in the method's docs under "Returns", with the media type
/// its body is read as and its description's first paragraph: what a `Bytes` or `String`
/// value holds, what a generated type's name does not say. Errors are not listed there.
#[test]
fn successes_are_documented_in_the_method_docs() {
    let spec = "paths:
  /report:
    get:
      operationId: getReport
      responses:
        '200':
          description: |-
            The report
            as CSV.

            More text.
          content:
            text/csv: {schema: {type: string}}
        '202':
          description: Still being made.
        '404':
          description: No such report.
";
    let operations = &emit(spec)["src/operations.rs"];
    for line in [
        "/// # Returns\n",
        "/// - HTTP 200 (`text/csv`): The report as CSV.\n",
        "/// - HTTP 202: Still being made.\n",
    ] {
        assert!(operations.contains(line), "{line}\n{operations}");
    }
    assert!(!operations.contains("/// - HTTP 404"), "{operations}");
}

/// An `Accept` parameter is no argument (OpenAPI: its definition "SHALL be ignored"), but the
/// JSON media type it fixes, by a single-value `enum` or a `default`, is what the API asks for
/// (PagerDuty versions its API so): it leads the `Accept` of an operation answering JSON,
/// before the media types the responses document (Prism, which knows only those, answered
/// 406 to the versioned type alone). One naming no JSON type, or on an operation answering
/// text, leaves the computed `Accept`.
#[test]
fn an_accept_parameter_fixing_a_json_type_is_the_accept_header() {
    let api = lower_ok(
        "paths:
  /versioned:
    get:
      operationId: versioned
      parameters:
        - {name: Accept, in: header, required: true,
           schema: {type: string, default: 'application/vnd.pagerduty+json;version=2'}}
      responses:
        '200':
          description: ok
          content:
            application/json: {schema: {type: object}}
  /enumerated:
    get:
      operationId: enumerated
      parameters:
        - {name: accept, in: header, schema: {type: string, enum: [application/vnd.api+json]}}
      responses:
        '200':
          description: ok
          content:
            application/json: {schema: {type: object}}
  /html:
    get:
      operationId: html
      parameters:
        - {name: Accept, in: header, schema: {type: string, default: text/html}}
      responses:
        '200':
          description: ok
          content:
            application/json: {schema: {type: object}}
  /broken:
    get:
      operationId: broken
      parameters:
        - {name: Accept, in: header, schema: {$ref: '#/components/schemas/Nowhere'}}
      responses:
        '200':
          description: ok
          content:
            application/json: {schema: {type: object}}
  /text:
    get:
      operationId: text
      parameters:
        - {name: Accept, in: header, schema: {type: string, default: application/json}}
      responses:
        '200':
          description: ok
          content:
            text/plain: {schema: {type: string}}
",
    );
    let accept: Vec<Option<&str>> = (api.operations.iter())
        .map(|op| op.accept.as_deref())
        .collect();
    assert_eq!(
        accept,
        [
            Some("application/vnd.pagerduty+json;version=2, application/json"),
            Some("application/vnd.api+json, application/json"),
            Some("application/json"),
            Some("application/json"),
            Some("text/plain, */*;q=0.1"),
        ]
    );
    assert!(api.operations.iter().all(|op| op.params.is_empty()));
}
