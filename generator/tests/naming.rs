//! Names from the spec (`title`), names of shared types and error enums from all they stand
//! for, and names that stay put when an unrelated operation is added.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{HEAD, lower_ok, named, ty};
use opengen::ir::{Api, Content, ErrorEnum, Success, TypeKind, TypeRef};

fn success(api: &Api, index: usize) -> &TypeRef {
    match &api.operations[index].success {
        Success::One(Content::Json(ty)) => ty,
        other => panic!("{other:?}"),
    }
}

/// One `GET /{id}` operation per `(id, 200 body schema)`.
fn ops(bodies: &[(&str, &str)]) -> String {
    let mut text = format!("{HEAD}paths:\n");
    for (id, body) in bodies {
        text.push_str(&format!(
            "  /{id}:
    get:
      operationId: {id}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {body}
"
        ));
    }
    text
}

fn names(api: &Api) -> BTreeSet<&str> {
    api.types.iter().map(|t| t.name.as_str()).collect()
}

#[test]
fn an_inline_schema_with_a_title_is_named_after_it() {
    let api = lower_ok(&ops(&[
        (
            "ping",
            "{title: pong result, type: object, properties: {ok: {type: boolean}}}",
        ),
        (
            "mode",
            "{title: Mode, type: string, enum: [fast, slow, careful]}",
        ),
        (
            "either",
            "{title: Either, oneOf: [{type: string}, {type: integer}]}",
        ),
    ]));
    assert_eq!(
        names(&api),
        BTreeSet::from(["PongResult", "Mode", "Either"])
    );
    assert_eq!(success(&api, 0), &named(&api, "PongResult"));
}

#[test]
fn a_title_two_shapes_share_or_a_component_has_names_neither() {
    let mut text = ops(&[
        (
            "first",
            "{title: Response, type: object, properties: {a: {type: string}}}",
        ),
        (
            "second",
            "{title: Response, type: object, properties: {b: {type: string}}}",
        ),
        (
            "third",
            "{title: Pet, type: object, properties: {c: {type: string}}}",
        ),
    ]);
    text.push_str(
        "components:\n  schemas:\n    Pet: {type: object, properties: {name: {type: string}}}\n",
    );
    let api = lower_ok(&text);
    assert_eq!(
        names(&api),
        BTreeSet::from(["FirstOk", "SecondOk", "ThirdOk", "Pet"])
    );
}

#[test]
fn identical_inline_structs_without_a_common_title_take_the_shortest_name_whatever_the_order() {
    let body = "{type: object, properties: {ok: {type: boolean}}}";
    let api = lower_ok(&ops(&[("zebraLong", body), ("ant", body)]));
    assert_eq!(names(&api), BTreeSet::from(["AntOk"]));
    let api = lower_ok(&ops(&[("ant", body), ("zebraLong", body)]));
    assert_eq!(names(&api), BTreeSet::from(["AntOk"]));
}

#[test]
fn identical_inline_unions_are_one_type() {
    let body = "{oneOf: [{type: string}, {type: integer}]}";
    let api = lower_ok(&ops(&[("first", body), ("second", body)]));
    let unions: Vec<&str> = api
        .types
        .iter()
        .filter(|t| matches!(t.kind, TypeKind::OneOf { .. }))
        .map(|t| t.name.as_str())
        .collect();
    assert_eq!(unions, ["FirstOk"]);
    assert_eq!(success(&api, 1), &named(&api, "FirstOk"));
}

/// Objects whose property `prop` is the inline enum `values`.
fn enum_props(owners: &[&str], prop: &str, values: &str) -> String {
    let mut text = format!("{HEAD}paths: {{}}\ncomponents:\n  schemas:\n");
    for owner in owners {
        text.push_str(&format!(
            "    {owner}: {{type: object, properties: {{{prop}: {{type: string, enum: {values}}}}}}}\n"
        ));
    }
    text
}

#[test]
fn a_shared_enum_is_named_after_what_its_places_share_each_place_an_alias() {
    let api = lower_ok(&enum_props(
        &["Order", "Pet", "Shipment"],
        "delivery_status",
        "[placed, approved, delivered, lost]",
    ));
    let shared = named(&api, "DeliveryStatus");
    assert!(matches!(
        ty(&api, "DeliveryStatus").kind,
        TypeKind::StringEnum { .. }
    ));
    for place in [
        "OrderDeliveryStatus",
        "PetDeliveryStatus",
        "ShipmentDeliveryStatus",
    ] {
        assert_eq!(
            ty(&api, place).kind,
            TypeKind::Alias(shared.clone()),
            "{place}"
        );
    }
}

#[test]
fn a_shared_enum_of_a_few_values_with_nothing_in_common_is_named_after_them() {
    let text = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    Permissions:\n      type: object\n      properties:\n        actions: {{type: string, enum: [read, write]}}\n        checks: {{type: string, enum: [read, write]}}\n"
    );
    let api = lower_ok(&text);
    let shared = named(&api, "ReadOrWrite");
    assert_eq!(
        ty(&api, "PermissionsChecks").kind,
        TypeKind::Alias(shared.clone())
    );
    assert_eq!(ty(&api, "PermissionsActions").kind, TypeKind::Alias(shared));
}

#[test]
fn a_shared_enum_name_that_is_taken_is_not_used() {
    let mut text = enum_props(&["Order", "Pet"], "status", "[a, b, c, d]");
    text.push_str("    Status: {type: object, properties: {x: {type: string}}}\n");
    let api = lower_ok(&text);
    // `Status` is the component's; the shortest place names the enum.
    assert!(matches!(ty(&api, "Status").kind, TypeKind::Struct { .. }));
    assert!(matches!(
        ty(&api, "PetStatus").kind,
        TypeKind::StringEnum { .. }
    ));
    assert_eq!(
        ty(&api, "OrderStatus").kind,
        TypeKind::Alias(named(&api, "PetStatus"))
    );
}

/// `GET /{id}` operations documenting `errors` (a YAML map of responses besides `200`).
fn error_ops(ops: &[(&str, &str)]) -> String {
    let mut text = format!("{HEAD}paths:\n");
    for (id, errors) in ops {
        text.push_str(&format!(
            "  /{id}:\n    get:\n      operationId: {id}\n      responses:\n        '200': {{description: ok}}\n{errors}"
        ));
    }
    text
}

#[test]
fn a_shared_error_enum_is_named_after_its_variants_and_each_operation_keeps_an_alias() {
    let missing = "        '404': {description: missing}\n        '500': {description: broken}\n";
    let api = lower_ok(&error_ops(&[
        ("zeta", missing),
        ("alpha", missing),
        ("alone", "        '409': {description: clash}\n"),
    ]));
    let errors: Vec<&ErrorEnum> = api.operations.iter().map(|op| &op.errors).collect();
    assert_eq!(
        errors,
        [
            &ErrorEnum::Shared {
                name: "ZetaError".into(),
                shared: "NotFoundInternalServerError".into(),
                aliases: 1
            },
            &ErrorEnum::Alias {
                name: "AlphaError".into(),
                target: "NotFoundInternalServerError".into()
            },
            &ErrorEnum::Own {
                name: "AloneError".into(),
                aliases: 0
            },
        ]
    );
}

#[test]
fn shared_error_enums_with_the_same_variants_are_named_after_their_operations() {
    let missing = |what: &str| format!("        '404': {{description: no such {what}}}\n");
    let (container, image) = (missing("container"), missing("image"));
    let api = lower_ok(&error_ops(&[
        ("containerInspect", &container),
        ("containerTop", &container),
        ("imageInspect", &image),
        ("imageHistory", &image),
    ]));
    let shared: Vec<&str> = api
        .operations
        .iter()
        .filter_map(|op| match &op.errors {
            ErrorEnum::Shared { shared, .. } => Some(shared.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(shared, ["ContainerError", "ImageError"]);
}

/// A path item that shares nothing with any spec: its own inline types (one with a title) and
/// errors.
const PROBE: &str = r#"{
  "post": {
    "operationId": "namingProbeUnrelated",
    "parameters": [{"name": "probe_id", "in": "path", "required": true, "schema": {"type": "string"}}],
    "requestBody": {"content": {"application/json": {"schema": {"type": "object", "properties": {
      "probe_mode": {"type": "string", "enum": ["probe-a", "probe-b", "probe-c", "probe-d"]},
      "probe_inner": {"type": "object", "properties": {"probe_depth": {"type": "integer"}}}}}}}},
    "responses": {
      "200": {"description": "probe ok", "content": {"application/json": {"schema": {
        "title": "NamingProbeResult", "type": "object", "properties": {"probe_count": {"type": "integer"}}}}}},
      "418": {"description": "probe teapot", "content": {"application/json": {"schema": {
        "type": "object", "properties": {"probe_reason": {"type": "string"}}}}}}
    }
  }
}"#;

/// Every type name and error type name of a spec.
fn all_names(api: &Api) -> BTreeSet<String> {
    let mut names: BTreeSet<String> = api.types.iter().map(|t| t.name.clone()).collect();
    for op in &api.operations {
        names.insert(format!("operations::{}", op.errors.name()));
        if let ErrorEnum::Shared { shared, .. } = &op.errors {
            names.insert(format!("operations::{shared}"));
        }
    }
    names
}

fn lower_value(value: &serde_json::Value) -> Api {
    let text = serde_json::to_string(value).unwrap();
    let spec = opengen::load::parse(Path::new("spec.json"), text.as_bytes())
        .unwrap_or_else(|e| panic!("{e}"));
    opengen::lower::lower(&spec, &opengen::Config::default()).unwrap_or_else(|e| panic!("{e}"))
}

/// `value` with [`PROBE`] under a new path at `index` of `paths`.
fn with_probe(value: &serde_json::Value, index: usize, path: &str) -> serde_json::Value {
    let mut value = value.clone();
    let paths = value["paths"].as_object_mut().unwrap();
    let probe: serde_json::Value = serde_json::from_str(PROBE).unwrap();
    paths.shift_insert(index.min(paths.len()), path.to_owned(), probe);
    value
}

#[test]
fn adding_an_unrelated_operation_renames_nothing_in_the_corpus() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/corpus/real");
    for file in [
        "oai-petstore-expanded.yaml",
        "swagger-petstore-v3.yaml",
        "oxide-keeper.json",
        "oxide-nexus.json",
        "spotify.yaml",
        "telegram-bot-api.json",
        "github-rest.json",
    ] {
        let text = std::fs::read_to_string(root.join(file)).unwrap();
        let value: serde_json::Value = if file.ends_with(".json") {
            serde_json::from_str(&text).unwrap()
        } else {
            serde_yaml::from_str(&text).unwrap()
        };
        let before = all_names(&lower_value(&value));
        let middle = value["paths"].as_object().unwrap().len() / 2;
        for (index, path) in [
            (middle, "/naming-probe/{probe_id}"),
            (usize::MAX, "/zz/{probe_id}"),
        ] {
            let after = all_names(&lower_value(&with_probe(&value, index, path)));
            let lost: Vec<&String> = before.difference(&after).collect();
            assert!(
                lost.is_empty(),
                "{file}, probe at {index}: renamed {lost:?}"
            );
            assert!(
                after.contains("NamingProbeResult"),
                "{file}: the probe's title"
            );
        }
    }
}

/// Names in other scripts are spelled with ASCII letters for identifiers (`naïve` → `naive`,
/// `商品` → `ShangPin`, `🚀` → `rocket`) instead of losing them (a Chinese spec's types were all
/// `Type`, `Type2`…, its fields `field`, `field_2`…, its operations `op`); the wire names and
/// the docs keep what the spec wrote.
#[test]
fn names_in_other_scripts_are_spelled_in_ascii_letters() {
    let api = lower_ok(&format!(
        "{HEAD}paths:
  /商品/{{编号}}:
    get:
      operationId: 获取商品
      parameters:
        - {{name: 编号, in: path, required: true, schema: {{type: string}}}}
        - {{name: größe, in: query, schema: {{type: string}}}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {{$ref: '#/components/schemas/商品'}}
components:
  schemas:
    商品:
      type: object
      properties:
        名称: {{type: string}}
        naïve: {{type: integer}}
        '🚀': {{type: boolean}}
        状态: {{type: string, enum: [上架, 下架]}}
"
    ));
    let op = &api.operations[0];
    assert_eq!(op.method_name, "huo_qu_shang_pin");
    let params: Vec<(&str, &str)> = op
        .params
        .iter()
        .map(|p| (p.name.as_str(), p.wire_name.as_str()))
        .collect();
    assert_eq!(params, [("bian_hao", "编号"), ("grosse", "größe")]);
    let TypeKind::Struct { fields, .. } = &ty(&api, "ShangPin").kind else {
        panic!("{:?}", api.types)
    };
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|f| (f.name.as_str(), f.wire_name.as_str()))
        .collect();
    assert_eq!(
        fields,
        [
            ("ming_cheng", "名称"),
            ("naive", "naïve"),
            ("rocket", "🚀"),
            ("zhuang_tai", "状态")
        ]
    );
    let TypeKind::StringEnum { variants } = &ty(&api, "ShangPinZhuangTai").kind else {
        panic!("{:?}", api.types)
    };
    let variants: Vec<(&str, &str)> = variants
        .iter()
        .map(|v| (v.name.as_str(), v.wire_value.as_str()))
        .collect();
    assert_eq!(variants, [("ShangJia", "上架"), ("XiaJia", "下架")]);
}

#[test]
fn an_undescribed_type_says_where_its_name_comes_from() {
    // The key for a component (`new-pet`, not the Rust name `NewPet`); an inline schema's
    // name is the generator's, which the description has no node by.
    let generated = common::generate_ok(&format!(
        "{HEAD}paths:
  /pets:
    post:
      operationId: createPet
      requestBody:
        content:
          application/json:
            schema: {{$ref: '#/components/schemas/new-pet'}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {{type: object, properties: {{id: {{type: string}}}}}}
components:
  schemas:
    new-pet: {{type: object, properties: {{name: {{type: string}}}}}}
"
    ));
    let types = &generated.files["src/types.rs"];
    assert!(
        types.contains("/// `new-pet` in the API description.\n"),
        "{types}"
    );
    assert!(
        types.contains(
            "/// `CreatePetOk`, named for where its schema appears in the API description.\n"
        ),
        "{types}"
    );
}
