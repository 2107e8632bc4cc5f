//! Swagger 2.0 → OpenAPI 3.0, one rule at a time: a small inline 2.0 spec, and the converted
//! document or the IR it must give; errors and warnings name the node in the 2.0 document.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

mod common;

use common::HEAD_2 as HEAD;
use common::named;
use opengen::ir::{
    Api, BodyEncoding, Content, ParamLocation, ParamStyle, SecurityKind, Success, TypeKind, TypeRef,
};
use opengen::load::{Origin, Version};
use serde_json::{Value, json};

fn yaml(body: &str) -> Value {
    serde_yaml::from_str(&format!("{HEAD}{body}")).unwrap()
}

/// The converted document.
fn convert(body: &str) -> Value {
    opengen::load::convert_swagger2(yaml(body)).unwrap().0
}

fn lower(body: &str) -> Api {
    let spec = common::parse(&format!("{HEAD}{body}")).unwrap();
    assert_eq!(spec.version, Version::Swagger2);
    opengen::lower::lower(&spec, &opengen::Config::default()).unwrap_or_else(|e| panic!("{e}"))
}

fn generate(body: &str) -> opengen::Result<opengen::Generated> {
    common::generate(&format!("{HEAD}{body}")).map_err(common::only)
}

fn at<'a>(value: &'a Value, pointer: &str) -> &'a Value {
    value
        .pointer(pointer)
        .unwrap_or_else(|| panic!("nothing at {pointer} in {value:#}"))
}

#[test]
fn the_document_is_openapi_3_0_3_with_info_tags_and_extensions_kept() {
    let doc = convert(
        "tags: [{name: pets, description: Pets.}]
externalDocs: {url: 'https://example.com/docs'}
x-logo: {url: logo.png}
security: [{key: []}]
paths: {}
",
    );
    assert_eq!(doc["openapi"], "3.0.3");
    assert!(doc.get("swagger").is_none());
    assert_eq!(doc["info"]["title"], "Test API");
    assert_eq!(doc["tags"][0]["name"], "pets");
    assert_eq!(doc["externalDocs"]["url"], "https://example.com/docs");
    assert_eq!(doc["x-logo"]["url"], "logo.png");
    assert_eq!(doc["security"], json!([{"key": []}]));
}

#[test]
fn host_base_path_and_schemes_become_servers_https_first() {
    let doc =
        convert("host: api.example.com:8443\nbasePath: /v1/\nschemes: [http, https]\npaths: {}\n");
    assert_eq!(
        doc["servers"],
        json!([{"url": "https://api.example.com:8443/v1"}, {"url": "http://api.example.com:8443/v1"}])
    );
    // No schemes: https.
    let doc = convert("host: api.example.com\npaths: {}\n");
    assert_eq!(doc["servers"], json!([{"url": "https://api.example.com"}]));
    // No host: the relative base path.
    let doc = convert("basePath: /api\npaths: {}\n");
    assert_eq!(doc["servers"], json!([{"url": "/api"}]));
    // Neither: no servers (3.0's default, `/`).
    let doc = convert("paths: {}\n");
    assert!(doc.get("servers").is_none());

    // A scheme written into `host`, and a base path without its `/`.
    let doc = convert("host: 'http://api.example.com/'\nbasePath: v1\npaths: {}\n");
    assert_eq!(
        doc["servers"],
        json!([{"url": "http://api.example.com/v1"}])
    );

    let api = lower("host: api.example.com\nbasePath: /v1\nschemes: [http]\npaths: {}\n");
    assert_eq!(
        api.default_base_url.as_deref(),
        Some("http://api.example.com/v1")
    );
}

#[test]
fn definitions_become_component_schemas_and_refs_follow() {
    let api = lower(
        "paths:
  /pets:
    get:
      responses:
        '200': {description: ok, schema: {type: array, items: {$ref: '#/definitions/Pet'}}}
definitions:
  Pet:
    type: object
    required: [id]
    properties:
      id: {type: integer, format: int64}
      owner: {$ref: '#/definitions/Owner'}
  Owner:
    type: object
    properties:
      name: {type: string}
",
    );
    let pet = api.types.iter().find(|t| t.name == "Pet").unwrap();
    let TypeKind::Struct { fields, .. } = &pet.kind else {
        panic!("{pet:?}")
    };
    assert_eq!(fields[1].ty, named(&api, "Owner"));
    assert!(!fields[1].required);
    assert_eq!(
        api.operations[0].success,
        Success::One(Content::Json(TypeRef::Array(Box::new(named(&api, "Pet")))))
    );
}

#[test]
fn x_nullable_becomes_nullable_also_on_a_ref() {
    let doc = convert(
        "paths: {}
definitions:
  A:
    type: object
    properties:
      s: {type: string, x-nullable: true}
      r: {$ref: '#/definitions/B', x-nullable: true, description: The B.}
  B: {type: object, properties: {x: {type: string}}}
",
    );
    let props = at(&doc, "/components/schemas/A/properties");
    assert_eq!(props["s"], json!({"type": "string", "nullable": true}));
    assert_eq!(
        props["r"],
        json!({"description": "The B.", "allOf": [{"$ref": "#/components/schemas/B"}], "nullable": true})
    );
    let api = lower(
        "paths: {}
definitions:
  A:
    type: object
    required: [s, r]
    properties:
      s: {type: string, x-nullable: true}
      r: {$ref: '#/definitions/B', x-nullable: true}
  B: {type: object, properties: {x: {type: string}}}
",
    );
    let a = api.types.iter().find(|t| t.name == "A").unwrap();
    let TypeKind::Struct { fields, .. } = &a.kind else {
        panic!("{a:?}")
    };
    assert_eq!(fields[0].ty, TypeRef::String);
    assert!(fields[0].nullable && fields[0].required);
    assert_eq!(fields[1].ty, named(&api, "B"));
    assert!(fields[1].nullable && fields[1].required);
}

#[test]
fn a_discriminator_property_name_becomes_an_object_and_subtypes_an_enum() {
    let doc = convert(
        "paths: {}
definitions:
  Pet:
    type: object
    discriminator: petType
    required: [petType]
    properties: {petType: {type: string}}
  Cat:
    allOf: [{$ref: '#/definitions/Pet'}, {type: object, properties: {purrs: {type: boolean}}}]
",
    );
    assert_eq!(
        at(&doc, "/components/schemas/Pet/discriminator"),
        &json!({"propertyName": "petType"})
    );
    let api = lower(
        "paths: {}
definitions:
  Pet:
    type: object
    discriminator: petType
    required: [petType]
    properties: {petType: {type: string}}
  Cat:
    allOf: [{$ref: '#/definitions/Pet'}, {type: object, properties: {purrs: {type: boolean}}}]
  Dog:
    allOf: [{$ref: '#/definitions/Pet'}, {type: object, properties: {barks: {type: boolean}}}]
",
    );
    let pet = api.types.iter().find(|t| t.name == "Pet").unwrap();
    assert!(matches!(pet.kind, TypeKind::OneOf { .. }), "{pet:?}");
}

#[test]
fn a_body_parameter_becomes_the_request_body_for_each_consumes_type() {
    let doc = convert(
        "consumes: [application/json]
paths:
  /pets:
    post:
      consumes: [application/json, application/xml]
      parameters:
        - {name: limit, in: query, type: integer}
        - {name: pet, in: body, required: true, description: The pet., schema: {$ref: '#/definitions/Pet'}}
      responses: {'204': {description: done}}
    put:
      parameters:
        - {name: pet, in: body, schema: {$ref: '#/definitions/Pet'}}
      responses: {'204': {description: done}}
definitions:
  Pet: {type: object}
",
    );
    let post = at(&doc, "/paths/~1pets/post");
    assert_eq!(
        post["requestBody"],
        json!({
            "description": "The pet.",
            "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/Pet"}},
                "application/xml": {"schema": {"$ref": "#/components/schemas/Pet"}},
            },
            "required": true,
        })
    );
    assert_eq!(post["parameters"].as_array().unwrap().len(), 1);
    assert!(post.get("consumes").is_none());
    // The document's `consumes`.
    assert_eq!(
        at(&doc, "/paths/~1pets/put/requestBody/content"),
        &json!({"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}})
    );
    // None anywhere: application/json.
    let doc = convert(
        "paths: {/p: {post: {parameters: [{name: b, in: body, schema: {type: string}}], responses: {'200': {description: ok}}}}}\n",
    );
    assert!(
        doc.pointer("/paths/~1p/post/requestBody/content/application~1json")
            .is_some()
    );
}

#[test]
fn body_and_form_parameters_in_components_are_inlined_where_used() {
    let doc = convert(
        "parameters:
  PetBody: {name: pet, in: body, required: true, schema: {type: object}}
  Upload: {name: file, in: formData, type: file, required: true}
  Limit: {name: limit, in: query, type: integer}
paths:
  /pets:
    parameters: [{$ref: '#/parameters/Limit'}]
    post:
      parameters: [{$ref: '#/parameters/PetBody'}]
      responses: {'204': {description: done}}
  /files:
    post:
      parameters: [{$ref: '#/parameters/Upload'}]
      responses: {'204': {description: done}}
",
    );
    let parameters = at(&doc, "/components/parameters").as_object().unwrap();
    assert_eq!(parameters.keys().collect::<Vec<_>>(), ["Limit"]);
    assert_eq!(
        at(&doc, "/paths/~1pets/parameters"),
        &json!([{"$ref": "#/components/parameters/Limit"}])
    );
    assert_eq!(at(&doc, "/paths/~1pets/post/requestBody/required"), true);
    assert_eq!(
        at(
            &doc,
            "/paths/~1files/post/requestBody/content/multipart~1form-data/schema/properties/file"
        ),
        &json!({"type": "string", "format": "binary"})
    );
}

#[test]
fn form_parameters_become_a_form_body_or_multipart_with_a_file() {
    let doc = convert(
        "paths:
  /form:
    post:
      consumes: [application/x-www-form-urlencoded]
      parameters:
        - {name: name, in: formData, type: string, required: true, description: The name.}
        - {name: tags, in: formData, type: array, items: {type: string}, collectionFormat: pipes}
        - {name: ids, in: formData, type: array, items: {type: integer}, collectionFormat: multi}
      responses: {'204': {description: done}}
  /upload:
    post:
      parameters:
        - {name: note, in: formData, type: string}
        - {name: file, in: formData, type: file, required: true}
      responses: {'204': {description: done}}
  /multi:
    post:
      consumes: [multipart/form-data]
      parameters:
        - {name: note, in: formData, type: string}
      responses: {'204': {description: done}}
",
    );
    assert_eq!(
        at(&doc, "/paths/~1form/post/requestBody"),
        &json!({
            "content": {"application/x-www-form-urlencoded": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "name": {"type": "string", "description": "The name."},
                        "tags": {"type": "array", "items": {"type": "string"}},
                        "ids": {"type": "array", "items": {"type": "integer"}},
                    },
                    "required": ["name"],
                },
                "encoding": {
                    "tags": {"style": "pipeDelimited", "explode": false},
                    "ids": {"style": "form", "explode": true},
                },
            }},
            "required": true,
        })
    );
    assert!(
        doc.pointer("/paths/~1upload/post/requestBody/content/multipart~1form-data")
            .is_some()
    );
    assert!(
        doc.pointer("/paths/~1multi/post/requestBody/content/multipart~1form-data")
            .is_some()
    );

    let api = lower(
        "paths:
  /upload:
    post:
      parameters:
        - {name: note, in: formData, type: string}
        - {name: file, in: formData, type: file, required: true}
      responses: {'204': {description: done}}
",
    );
    let body = api.operations[0].body.as_ref().unwrap();
    assert_eq!(body.payload.encoding(), BodyEncoding::Multipart);
    assert!(body.required);
    let Some(TypeRef::Named(id)) = body.payload.ty() else {
        panic!("{body:?}")
    };
    let ty = api.get(*id).unwrap();
    let TypeKind::Struct { fields, .. } = &ty.kind else {
        panic!("{ty:?}")
    };
    // A file part: the caller gives it as an `Upload`, with its name and type.
    assert_eq!(fields[1].ty, TypeRef::File);
}

#[test]
fn path_level_form_and_body_parameters_apply_to_each_operation() {
    let doc = convert(
        "paths:
  /a:
    parameters:
      - {name: id, in: query, type: string}
      - {name: shared, in: formData, type: string}
      - {name: note, in: formData, type: string}
    post:
      parameters:
        - {name: note, in: formData, type: integer}
      responses: {'204': {description: done}}
",
    );
    assert_eq!(
        at(&doc, "/paths/~1a/parameters"),
        &json!([{"name": "id", "in": "query", "schema": {"type": "string"}}])
    );
    assert_eq!(
        at(
            &doc,
            "/paths/~1a/post/requestBody/content/application~1x-www-form-urlencoded/schema/properties"
        ),
        &json!({"note": {"type": "integer"}, "shared": {"type": "string"}})
    );
}

#[test]
fn collection_formats_become_styles() {
    let api = lower(
        "paths:
  /p/{ids}:
    get:
      parameters:
        - {name: ids, in: path, required: true, type: array, items: {type: integer}}
        - {name: csv, in: query, type: array, items: {type: string}}
        - {name: ssv, in: query, type: array, items: {type: string}, collectionFormat: ssv}
        - {name: pipes, in: query, type: array, items: {type: string}, collectionFormat: pipes}
        - {name: multi, in: query, type: array, items: {type: string}, collectionFormat: multi}
        - {name: X-Ids, in: header, type: array, items: {type: string}, collectionFormat: csv}
      responses: {'204': {description: done}}
",
    );
    let styles: Vec<_> = api.operations[0]
        .params
        .iter()
        .map(|p| (p.wire_name.as_str(), p.location, p.style, p.explode))
        .collect();
    assert_eq!(
        styles,
        [
            ("ids", ParamLocation::Path, ParamStyle::Simple, false),
            ("csv", ParamLocation::Query, ParamStyle::Form, false),
            (
                "ssv",
                ParamLocation::Query,
                ParamStyle::SpaceDelimited,
                false
            ),
            (
                "pipes",
                ParamLocation::Query,
                ParamStyle::PipeDelimited,
                false
            ),
            ("multi", ParamLocation::Query, ParamStyle::Form, true),
            ("X-Ids", ParamLocation::Header, ParamStyle::Simple, false),
        ]
    );
}

#[test]
fn a_collection_format_3_0_cannot_say_is_a_string_with_a_warning_at_the_2_0_parameter() {
    let generated = generate(
        "paths:
  /p:
    get:
      parameters:
        - {name: a, in: query, type: string}
        - {name: body, in: body, schema: {type: object}}
        - {name: tabs, in: query, type: array, items: {type: string}, collectionFormat: tsv}
      responses: {'204': {description: done}}
",
    )
    .unwrap();
    assert_eq!(generated.warnings.len(), 1, "{:?}", generated.warnings);
    let warning = &generated.warnings[0];
    assert_eq!(warning.pointer, "#/paths/~1p/get/parameters/2");
    assert!(
        warning.message.contains("`collectionFormat: tsv`"),
        "{warning:?}"
    );
    let api = lower(
        "paths:
  /p:
    get:
      parameters:
        - {name: tabs, in: query, type: array, items: {type: string}, collectionFormat: tsv}
      responses: {'204': {description: done}}
",
    );
    let param = &api.operations[0].params[0];
    assert_eq!(param.ty, TypeRef::String, "{param:?}");
}

#[test]
fn parameter_fields_become_its_schema() {
    let doc = convert(
        "paths:
  /p:
    get:
      parameters:
        - name: n
          in: query
          description: A number.
          required: true
          allowEmptyValue: true
          type: integer
          format: int32
          minimum: 1
          maximum: 10
          default: 5
          enum: [1, 5, 10]
          x-example: 5
          x-custom: kept
        - {name: X-H, in: header, type: string, allowEmptyValue: true}
      responses: {'204': {description: done}}
",
    );
    assert_eq!(
        at(&doc, "/paths/~1p/get/parameters/0"),
        &json!({
            "name": "n",
            "in": "query",
            "description": "A number.",
            "required": true,
            "allowEmptyValue": true,
            "x-custom": "kept",
            "schema": {"type": "integer", "format": "int32", "default": 5, "maximum": 10, "minimum": 1, "enum": [1, 5, 10]},
            "example": 5,
        })
    );
    // `allowEmptyValue` is a query parameter's only.
    assert_eq!(
        at(&doc, "/paths/~1p/get/parameters/1"),
        &json!({"name": "X-H", "in": "header", "schema": {"type": "string"}})
    );
}

#[test]
fn responses_get_content_per_produces_type_headers_and_examples() {
    let doc = convert(
        "produces: [application/json]
paths:
  /p:
    get:
      produces: [application/json, text/csv]
      responses:
        '200':
          description: ok
          headers:
            X-Rate-Limit: {type: integer, format: int32, description: Calls left.}
          schema: {type: array, items: {type: string}}
          examples: {application/json: [a, b]}
        '404': {$ref: '#/responses/NotFound'}
        default: {description: error}
responses:
  NotFound: {description: not found, schema: {$ref: '#/definitions/Error'}}
definitions:
  Error: {type: object}
",
    );
    assert_eq!(
        at(&doc, "/paths/~1p/get/responses/200"),
        &json!({
            "description": "ok",
            "headers": {"X-Rate-Limit": {"description": "Calls left.", "schema": {"type": "integer", "format": "int32"}}},
            "content": {
                "application/json": {"schema": {"type": "array", "items": {"type": "string"}}, "example": ["a", "b"]},
                "text/csv": {"schema": {"type": "array", "items": {"type": "string"}}},
            },
        })
    );
    assert_eq!(
        at(&doc, "/paths/~1p/get/responses/404"),
        &json!({"$ref": "#/components/responses/NotFound"})
    );
    assert_eq!(
        at(&doc, "/paths/~1p/get/responses/default"),
        &json!({"description": "error"})
    );
    assert_eq!(
        at(&doc, "/components/responses/NotFound"),
        &json!({"description": "not found", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}})
    );
}

/// Swagger 2.0: an operation's `consumes`/`produces` replaces the document's, and an empty one
/// clears it; the body and responses then get the media type of a document that names none.
#[test]
fn an_operations_empty_consumes_and_produces_clear_the_documents() {
    let doc = convert(
        "consumes: [application/xml]
produces: [application/xml]
paths:
  /p:
    post:
      consumes: []
      produces: []
      parameters: [{name: b, in: body, schema: {type: string}}]
      responses: {'200': {description: ok, schema: {type: string}}}
    put:
      parameters: [{name: b, in: body, schema: {type: string}}]
      responses: {'200': {description: ok, schema: {type: string}}}
",
    );
    for (pointer, media_type) in [
        ("/paths/~1p/post/requestBody/content", "application/json"),
        ("/paths/~1p/post/responses/200/content", "application/json"),
        ("/paths/~1p/put/requestBody/content", "application/xml"),
        ("/paths/~1p/put/responses/200/content", "application/xml"),
    ] {
        let content = at(&doc, pointer).as_object().unwrap();
        assert_eq!(
            content.keys().collect::<Vec<_>>(),
            [media_type],
            "{pointer}"
        );
    }
}

/// Swagger 2.0: `produces`/`consumes` of XML give typed XML bodies, and a definition's `xml`
/// (its name, a property's attribute) reaches them as 3.0's does.
#[test]
fn xml_bodies_keep_their_xml_objects() {
    let api = lower(
        "consumes: [application/xml]
produces: [application/xml]
paths:
  /p:
    put:
      parameters: [{name: b, in: body, schema: {$ref: '#/definitions/Pet'}}]
      responses: {'200': {description: ok, schema: {$ref: '#/definitions/Pet'}}}
definitions:
  Pet:
    type: object
    xml: {name: pet}
    properties:
      id: {type: integer, xml: {attribute: true}}
",
    );
    let op = &api.operations[0];
    let pet = named(&api, "Pet");
    assert_eq!(op.responses[0].content, Content::Xml(pet.clone()));
    let body = op.body.as_ref().unwrap();
    assert_eq!(body.payload.encoding(), BodyEncoding::Xml);
    let opengen::ir::BodyPayload::Xml { root, .. } = &body.payload else {
        panic!("{:?}", body.payload)
    };
    assert_eq!(root.name.as_deref(), Some("pet"));
    let TypeRef::Named(id) = pet else { panic!() };
    let TypeKind::Struct { fields, .. } = &api.types[id.0].kind else {
        panic!()
    };
    assert!(fields[0].xml.as_ref().is_some_and(|x| x.attribute));
}

#[test]
fn a_file_response_is_binary() {
    let api = lower(
        "paths:
  /download:
    get:
      produces: [application/octet-stream]
      responses:
        '200': {description: the file, schema: {type: file}}
",
    );
    assert_eq!(api.operations[0].success, Success::One(Content::Binary));
}

#[test]
fn security_definitions_become_security_schemes() {
    let doc = convert(
        "securityDefinitions:
  basic: {type: basic, description: Basic.}
  key: {type: apiKey, name: X-Key, in: header}
  implicit: {type: oauth2, flow: implicit, authorizationUrl: 'https://a/auth', scopes: {read: Read.}}
  password: {type: oauth2, flow: password, tokenUrl: 'https://a/token', scopes: {}}
  application: {type: oauth2, flow: application, tokenUrl: 'https://a/token'}
  accessCode: {type: oauth2, flow: accessCode, authorizationUrl: 'https://a/auth', tokenUrl: 'https://a/token', scopes: {}}
paths: {}
",
    );
    assert_eq!(
        at(&doc, "/components/securitySchemes"),
        &json!({
            "basic": {"type": "http", "description": "Basic.", "scheme": "basic"},
            "key": {"type": "apiKey", "name": "X-Key", "in": "header"},
            "implicit": {"type": "oauth2", "flows": {"implicit": {"authorizationUrl": "https://a/auth", "scopes": {"read": "Read."}}}},
            "password": {"type": "oauth2", "flows": {"password": {"tokenUrl": "https://a/token", "scopes": {}}}},
            "application": {"type": "oauth2", "flows": {"clientCredentials": {"tokenUrl": "https://a/token", "scopes": {}}}},
            "accessCode": {"type": "oauth2", "flows": {"authorizationCode": {"authorizationUrl": "https://a/auth", "tokenUrl": "https://a/token", "scopes": {}}}},
        })
    );
    let api = lower(
        "securityDefinitions:
  basic: {type: basic}
  key: {type: apiKey, name: api_key, in: query}
  application: {type: oauth2, flow: application, tokenUrl: 'https://a/token', scopes: {}}
paths: {}
",
    );
    let kinds: Vec<_> = api.security_schemes.iter().map(|s| &s.kind).collect();
    assert_eq!(
        kinds,
        [
            &SecurityKind::Basic,
            &SecurityKind::ApiKey {
                location: ParamLocation::Query,
                name: "api_key".into()
            },
            &SecurityKind::OAuth2 {
                token_url: Some("https://a/token".into())
            },
        ]
    );
}

#[test]
fn an_oauth2_definition_without_a_flow_takes_the_one_its_urls_tell() {
    // Found in swagger-parser's tests (issue-786): no `flow` refused the whole document.
    let body = "securityDefinitions:
  implicit: {type: oauth2, authorizationUrl: 'https://a/auth', scopes: {read: Read.}}
  code: {type: oauth2, flow: code, authorizationUrl: 'https://a/auth', tokenUrl: 'https://a/token'}
  machine: {type: oauth2, tokenUrl: 'https://a/token'}
  nothing: {type: oauth2, scopes: {}}
paths: {}
";
    let (doc, _, warnings) = opengen::load::convert_swagger2(yaml(body)).unwrap();
    assert_eq!(
        at(&doc, "/components/securitySchemes"),
        &json!({
            "implicit": {"type": "oauth2", "flows": {"implicit": {"authorizationUrl": "https://a/auth", "scopes": {"read": "Read."}}}},
            "code": {"type": "oauth2", "flows": {"authorizationCode": {"authorizationUrl": "https://a/auth", "tokenUrl": "https://a/token", "scopes": {}}}},
            "machine": {"type": "oauth2", "flows": {"clientCredentials": {"tokenUrl": "https://a/token", "scopes": {}}}},
        })
    );
    let said: Vec<(&str, &str)> = warnings
        .iter()
        .map(|w| (w.pointer.as_str(), w.message.as_str()))
        .collect();
    assert_eq!(said.len(), 4, "{said:?}");
    assert_eq!(said[0].0, "#/securityDefinitions/implicit/flow");
    assert!(
        said[0]
            .1
            .ends_with("none is given; read as `implicit`, the flow of the URLs it gives"),
        "{said:?}"
    );
    assert!(
        said[1]
            .1
            .contains("`code` is not one; read as `accessCode`"),
        "{said:?}"
    );
    assert!(said[2].1.contains("read as `application`"), "{said:?}");
    assert_eq!(said[3].0, "#/securityDefinitions/nothing");
    assert!(said[3].1.ends_with("the scheme is left out"), "{said:?}");
    // The operations generate, the scheme left out named as undefined where it is required.
    let generated = generate(
        "securityDefinitions:
  nothing: {type: oauth2, scopes: {}}
security: [{nothing: []}]
paths:
  /a:
    get:
      responses: {'200': {description: ok}}
",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(generated.files["src/operations.rs"].contains("pub fn get_a"));
}

#[test]
fn a_parameter_with_a_ref_beside_its_name_and_in_is_of_that_schema() {
    // Found in hey-api's 2.0 test document: the operation was skipped ("does not point into
    // `#/components/parameters`").
    let generated = generate(
        "paths:
  /c:
    get:
      operationId: getC
      parameters:
        - {name: ref, in: query, required: true, $ref: '#/definitions/M'}
      responses:
        '200': {description: ok}
definitions:
  M: {type: string, enum: [a, b]}
",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        common::warnings(&generated),
        [
            "#/paths/~1c/get/parameters/0: `#/definitions/M` is a schema, not a parameter; with \
             the `name` and `in` beside it, it is read as this parameter's schema"
        ]
    );
    let ops = &generated.files["src/operations.rs"];
    assert!(
        ops.contains("pub fn get_c(&self, r#ref: &types::M)"),
        "{ops}"
    );
}

#[test]
fn moved_nodes_are_recorded_with_their_2_0_pointers() {
    let (_, layer, _) = opengen::load::convert_swagger2(yaml(
        "paths:
  /pets:
    post:
      parameters:
        - {name: q, in: query, type: string}
        - {name: pet, in: body, schema: {type: object}}
        - {name: r, in: query, type: string}
      responses:
        '200': {description: ok, schema: {type: object}, headers: {X-A: {type: string}}}
definitions: {}
",
    ))
    .unwrap();
    let origin = |to: &str| layer.get(to).map(|o: &Origin| o.pointer.as_str());
    assert_eq!(origin("#/components/schemas"), Some("#/definitions"));
    assert_eq!(
        origin("#/paths/~1pets/post/requestBody"),
        Some("#/paths/~1pets/post/parameters/1")
    );
    assert_eq!(
        origin("#/paths/~1pets/post/requestBody/content/application~1json/schema"),
        Some("#/paths/~1pets/post/parameters/1/schema")
    );
    assert_eq!(
        origin("#/paths/~1pets/post/parameters/1"),
        Some("#/paths/~1pets/post/parameters/2")
    );
    assert_eq!(
        origin("#/paths/~1pets/post/parameters/1/schema"),
        Some("#/paths/~1pets/post/parameters/2")
    );
    assert_eq!(
        origin("#/paths/~1pets/post/responses/200/content/application~1json/schema"),
        Some("#/paths/~1pets/post/responses/200/schema")
    );
    assert_eq!(
        origin("#/paths/~1pets/post/responses/200/headers/X-A/schema"),
        Some("#/paths/~1pets/post/responses/200/headers/X-A")
    );
}

#[test]
fn a_warning_in_a_definition_names_the_2_0_pointer() {
    let generated = generate(
        "paths: {}
definitions:
  Pet:
    type: object
    properties:
      owner: {$ref: '#/definitions/Missing'}
",
    )
    .unwrap();
    let warnings = common::warnings(&generated);
    assert_eq!(
        warnings,
        [
            "#/definitions/Pet/properties/owner: dangling reference: `#/definitions/Missing` \
          does not exist; the schema is read as any JSON value"
        ]
    );
}

#[test]
fn a_warning_in_an_operation_names_the_2_0_pointer() {
    // A dangling `$ref` in a body parameter's schema skips the operation, with a warning at
    // the body parameter as written.
    let generated = generate(
        "paths:
  /pets:
    post:
      parameters:
        - {name: q, in: query, type: string}
        - {name: pet, in: body, schema: {$ref: '#/definitions/Missing'}}
      responses: {'204': {description: done}}
    get:
      parameters:
        - {name: q, in: query, type: string}
        - {name: n, in: query, type: integer, format: int32, items: {}, collectionFormat: csv, x-nullable: true}
      responses:
        '200': {description: ok, schema: {$ref: '#/definitions/Gone'}}
",
    )
    .unwrap();
    let pointers: Vec<_> = generated
        .warnings
        .iter()
        .map(|w| w.pointer.as_str())
        .collect();
    assert_eq!(
        pointers,
        [
            "#/paths/~1pets/get/responses/200/schema",
            "#/paths/~1pets/post/parameters/1/schema"
        ],
        "{:#?}",
        generated.warnings
    );
}

#[test]
fn a_form_field_warning_names_the_2_0_parameter() {
    let generated = generate(
        "paths:
  /f:
    post:
      parameters:
        - {name: q, in: query, type: string}
        - {name: tabs, in: formData, type: array, items: {type: string}, collectionFormat: tsv}
      responses: {'204': {description: done}}
",
    )
    .unwrap();
    assert_eq!(generated.warnings.len(), 1, "{:?}", generated.warnings);
    assert_eq!(
        generated.warnings[0].pointer,
        "#/paths/~1f/post/parameters/1"
    );
}

#[test]
fn an_undefined_security_scheme_is_named_as_swagger_2_0_names_them() {
    // DocuSign Monitor: `security: [{accessCode: []}]` with only `Bearer` defined.
    let generated = generate(
        "securityDefinitions:
  Bearer: {type: apiKey, in: header, name: Authorization}
paths:
  /f:
    get:
      security: [{accessCode: []}]
      responses: {'204': {description: done}}
",
    )
    .unwrap();
    assert_eq!(generated.warnings.len(), 1, "{:?}", generated.warnings);
    let warning = &generated.warnings[0];
    assert_eq!(warning.pointer, "#/paths/~1f/get/security/0");
    assert!(
        warning
            .message
            .starts_with("security scheme `accessCode` is not defined in `securityDefinitions`;"),
        "{}",
        warning.message
    );
}

#[test]
fn a_draft_3_boolean_required_on_a_property_joins_the_required_list() {
    let doc = convert(
        "paths: {}
definitions:
  A:
    type: object
    required: [a]
    properties:
      a: {type: string}
      b: {type: string, required: true}
      c: {type: string, required: false}
",
    );
    assert_eq!(
        at(&doc, "/components/schemas/A"),
        &json!({
            "type": "object",
            "required": ["a", "b"],
            "properties": {"a": {"type": "string"}, "b": {"type": "string"}, "c": {"type": "string"}},
        })
    );
}

#[test]
fn x_discriminator_value_becomes_a_mapping_entry() {
    let spec = "paths: {}
definitions:
  Pet:
    type: object
    discriminator: petType
    required: [petType]
    properties: {petType: {type: string}}
  Cat:
    x-discriminator-value: cat
    allOf: [{$ref: '#/definitions/Pet'}, {type: object, properties: {purrs: {type: boolean}}}]
  Dog:
    allOf: [{$ref: '#/definitions/Pet'}, {type: object, properties: {barks: {type: boolean}}}]
";
    let doc = convert(spec);
    assert_eq!(
        at(&doc, "/components/schemas/Pet/discriminator"),
        &json!({"propertyName": "petType", "mapping": {"cat": "#/components/schemas/Cat"}})
    );
    let api = lower(spec);
    let pet = api.types.iter().find(|t| t.name == "Pet").unwrap();
    let TypeKind::OneOf { variants, .. } = &pet.kind else {
        panic!("{pet:?}")
    };
    let tags: Vec<_> = variants
        .iter()
        .map(|v| (v.name.as_str(), v.tag_values.clone()))
        .collect();
    assert_eq!(
        tags,
        [
            ("Cat", vec!["cat".to_owned()]),
            ("Dog", vec!["Dog".to_owned()])
        ]
    );
}

#[test]
fn malformed_2_0_shapes_are_errors_or_warnings_at_2_0_pointers_never_panics() {
    for body in [
        "paths: []\n",
        "paths: {}\ndefinitions: [1]\n",
        "paths: {}\nparameters: 3\n",
        "paths: {}\nresponses: {R: 1}\n",
        "paths: {/a: {parameters: 1, get: {parameters: {}, responses: 1}}}\n",
        "paths: {/a: {get: {parameters: [1, {$ref: '#/parameters/Nope'}, {in: formData}], responses: {}}}}\n",
        "paths: {/a: {post: {parameters: [{in: body, name: b, schema: 1}, {in: formData, name: f, type: file}], responses: {'200': {schema: {type: file}}}}}}\n",
        "host: 7\nbasePath: [1]\nschemes: {}\nconsumes: 1\nproduces: [1]\npaths: {}\n",
    ] {
        match generate(body) {
            Ok(generated) => {
                for warning in &generated.warnings {
                    assert!(
                        !warning.pointer.contains("requestBody/content"),
                        "{warning:?}"
                    );
                }
            }
            Err(error) => {
                let pointer = error.pointer.unwrap_or_default();
                assert!(!pointer.contains("components"), "{body}: {pointer}");
            }
        }
    }
}

#[test]
fn a_form_parameter_without_a_name_is_left_out_with_a_warning() {
    let generated = generate(
        "paths:
  /f:
    post:
      parameters:
        - {in: formData, type: string}
        - {name: b, in: formData, type: string}
      responses: {'204': {description: done}}
",
    )
    .unwrap();
    assert_eq!(generated.warnings.len(), 1, "{:?}", generated.warnings);
    assert_eq!(generated.warnings[0].pointer, "#/paths/~1f/post");
    assert!(
        generated.warnings[0]
            .message
            .contains("the form parameter #/paths/~1f/post/parameters/0 has no `name`"),
        "{:?}",
        generated.warnings
    );
}

#[test]
fn a_response_given_as_a_definition_reference_is_a_json_response_of_it() {
    let generated = generate(
        "paths:
  /things:
    get:
      operationId: getThing
      responses:
        '200': {$ref: '#/definitions/Thing'}
definitions:
  Thing: {type: object, properties: {id: {type: string}}}",
    )
    .unwrap();
    let warnings = common::warnings(&generated);
    assert_eq!(
        warnings,
        [
            "#/paths/~1things/get/responses/200: `#/definitions/Thing` is a schema, not a \
             response; it is read as an `application/json` response of that schema"
        ]
    );
    let ops = &generated.files["src/operations.rs"];
    assert!(ops.contains("Call<'_, types::Thing, "), "{ops}");
}

/// Kubernetes' and KubeVirt's Swagger 2.0 documents write `type` as a list, as 3.1 allows (a
/// port is `[string, number]`, a `Quantity` `[string, integer, number]`): read as 3.1 reads it,
/// in definitions, properties and parameters alike, not as any value with a warning.
#[test]
fn a_type_list_is_read_as_3_1_reads_it() {
    let spec = "paths:
  /probes:
    get:
      operationId: getProbe
      parameters:
        - {name: port, in: query, type: [string, integer]}
        - {name: limit, in: query, type: [integer, 'null']}
      responses:
        '200': {description: ok, schema: {$ref: '#/definitions/Probe'}}
definitions:
  Probe:
    type: object
    properties:
      port: {description: Name or number of the port., type: [string, number]}
      note: {type: [string, 'null'], maxLength: 5}
  Quantity:
    description: A fixed-point number, or its text.
    type: [string, integer, number]
";
    let api = lower(spec);
    let union = |ty: &TypeRef| -> Vec<TypeRef> {
        let TypeRef::Named(id) = ty else {
            panic!("{ty:?}")
        };
        let def = api.get(*id).unwrap();
        let TypeKind::OneOf { tag, variants, .. } = &def.kind else {
            panic!("{def:?}")
        };
        assert!(tag.is_none());
        variants.iter().map(|v| v.ty.clone()).collect()
    };
    let number = TypeRef::Number(opengen::ir::FloatWidth::F64);
    let quantity = named(&api, "Quantity");
    assert_eq!(union(&quantity), [TypeRef::String, number.clone()]);
    let probe = common::struct_fields(&api, "Probe");
    assert_eq!(union(&probe[0].ty), [TypeRef::String, number]);
    assert_eq!(
        probe[0].docs.as_deref(),
        Some("Name or number of the port.")
    );
    assert!(probe[1].nullable, "{:?}", probe[1]);
    assert_eq!(probe[1].ty, TypeRef::String);
    let params = &api.operations[0].params;
    assert_eq!(
        union(&params[0].ty),
        [
            TypeRef::String,
            TypeRef::Integer(opengen::ir::IntWidth::I64)
        ]
    );
    assert_eq!(params[1].ty, TypeRef::Integer(opengen::ir::IntWidth::I64));
    let generated = generate(spec).unwrap();
    assert!(
        common::warnings(&generated).is_empty(),
        "{:?}",
        common::warnings(&generated)
    );
}

/// Swagger 2.0 has no rule that `Accept` and `Content-Type` header parameters are ignored
/// (OpenAPI 3.0 made it); the client ignores them all the same, since `produces` and
/// `consumes` name the media types, and the warning says that rather than quote a rule 2.0
/// does not have (APIMatic's conversions, Stride and Twitter 1.1, declare both).
#[test]
fn ignored_media_type_headers_are_explained_by_swaggers_own_fields() {
    let generated = common::generate_ok(&format!(
        "{HEAD}consumes: [application/json]
produces: [application/json]
paths:
  /conversation:
    post:
      operationId: createConversation
      parameters:
        - {{name: Content-Type, in: header, required: true, type: string}}
        - {{name: Accept, in: header, type: string}}
        - {{name: body, in: body, schema: {{type: object}}}}
      responses: {{'200': {{description: ok}}}}
"
    ));
    assert_eq!(
        common::warnings(&generated),
        [
            "#/paths/~1conversation/post/parameters/0: header parameter `Content-Type` is \
             ignored, as OpenAPI 3 would: `consumes` names the media types; the client sets it \
             from the request body's media type (here and in every operation declaring it)",
            "#/paths/~1conversation/post/parameters/1: header parameter `Accept` is ignored, as \
             OpenAPI 3 would: `produces` names the media types; the client sets it from the \
             media types of the responses (here and in every operation declaring it)",
        ]
    );
}
