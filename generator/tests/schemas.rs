//! Schemas and types, one rule at a time: a small inline spec and the IR or Rust it must give.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

mod common;

use std::path::Path;

use common::{HEAD_NO_PATHS as HEAD, named, ty};
use opengen::ir::{
    Api, DateCrate, Discriminator, FloatWidth, Format, IntWidth, IntegerVariant, OneOfVariant,
    TypeKind, TypeRef,
};
use opengen::{Error, Options};

fn lower(schemas: &str) -> Result<Api, Error> {
    common::lower(&format!("{HEAD}components:\n  schemas:\n{schemas}")).map_err(common::only)
}

fn lower_ok(schemas: &str) -> Api {
    lower(schemas).unwrap_or_else(|e| panic!("{e}"))
}

fn fields(api: &Api, name: &str) -> Vec<(String, TypeRef, bool, bool)> {
    let TypeKind::Struct { fields, .. } = &ty(api, name).kind else {
        panic!("{name} is not a struct: {:?}", ty(api, name))
    };
    fields
        .iter()
        .map(|f| (f.name.clone(), f.ty.clone(), f.required, f.nullable))
        .collect()
}

fn types_rs(schemas: &str) -> String {
    let mut files = common::emit(&format!("{HEAD}components:\n  schemas:\n{schemas}"));
    files.remove("src/types.rs").unwrap()
}

#[test]
fn optional_nullable_fields_keep_absent_and_null_apart() {
    let schemas = "    Patch:
      type: object
      required: [a, b]
      properties:
        a: {type: string}
        b: {type: string, nullable: true}
        c: {type: string}
        d: {type: string, nullable: true}
        e: {type: string, enum: [x, null]}
";
    let api = lower_ok(schemas);
    let nullability: Vec<(bool, bool)> = fields(&api, "Patch")
        .into_iter()
        .map(|(_, _, required, nullable)| (required, nullable))
        .collect();
    assert_eq!(
        nullability,
        [
            (true, false),
            (true, true),
            (false, false),
            (false, true),
            (false, true)
        ]
    );
    let rust = types_rs(schemas);
    assert!(rust.contains("pub a: String,"), "{rust}");
    assert!(rust.contains("pub b: Option<String>,"), "{rust}");
    assert!(rust.contains("pub c: Option<String>,"), "{rust}");
    assert!(rust.contains("pub d: Option<Option<String>>,"), "{rust}");
    // Written as text: `null` is read as `Some(None)`, and `None` left out when written.
    assert!(
        rust.contains("object::next_nullable(&mut __map, &mut d, \"d\")?,"),
        "{rust}"
    );
    assert!(rust.contains("out.optional(\"d\", &self.d)?;"), "{rust}");
}

#[test]
fn a_ref_to_a_nullable_schema_makes_the_field_nullable() {
    let api = lower_ok(
        "    Maybe: {type: object, nullable: true, properties: {x: {type: string}}}
    Holder:
      type: object
      required: [m]
      properties:
        m: {$ref: '#/components/schemas/Maybe'}
        list: {type: array, items: {type: string, nullable: true}}
",
    );
    assert_eq!(
        fields(&api, "Holder"),
        [
            ("m".into(), named(&api, "Maybe"), true, true),
            (
                "list".into(),
                TypeRef::Array(Box::new(TypeRef::Nullable(Box::new(TypeRef::String)))),
                false,
                false
            ),
        ]
    );
}

#[test]
fn formats_choose_rust_types() {
    let api = lower_ok(
        "    Formats:
      type: object
      properties:
        i32: {type: integer, format: int32}
        i64: {type: integer, format: int64}
        plain: {type: integer}
        u64: {type: integer, format: uint64}
        u8: {type: integer, format: uint8}
        f32: {type: number, format: float}
        f64: {type: number, format: double}
        when: {type: string, format: date-time}
        day: {type: string, format: date}
        id: {type: string, format: uuid}
        file: {type: string, format: binary}
        b64: {type: string, format: byte}
        port: {type: string, format: int-or-string}
        either: {format: int-or-string}
        days: {type: number, format: int32}
        count: {type: number, format: int64}
",
    );
    let types: Vec<TypeRef> = fields(&api, "Formats").into_iter().map(|f| f.1).collect();
    assert_eq!(
        types,
        [
            TypeRef::Integer(IntWidth::I32),
            TypeRef::Integer(IntWidth::I64),
            TypeRef::Integer(IntWidth::I64),
            TypeRef::Integer(IntWidth::U64),
            TypeRef::Integer(IntWidth::U8),
            TypeRef::Number(FloatWidth::F32),
            TypeRef::Number(FloatWidth::F64),
            TypeRef::Format(Format::DateTime(DateCrate::Chrono)),
            TypeRef::Format(Format::Date(DateCrate::Chrono)),
            TypeRef::Format(Format::Uuid),
            TypeRef::Binary,
            TypeRef::String,
            TypeRef::Any,
            TypeRef::Any,
            // `type: number` with an integer format (Box's `retention_length`) is an integer.
            TypeRef::Integer(IntWidth::I32),
            TypeRef::Integer(IntWidth::I64),
        ]
    );
}

#[test]
fn defaults_are_documented() {
    let rust = types_rs(
        "    Page:
      type: object
      properties:
        limit: {type: integer, default: 20, description: How many.}
",
    );
    assert!(
        rust.contains("/// How many.\n    ///\n    /// Default: `20`."),
        "{rust}"
    );
}

#[test]
fn integer_enums_are_forward_compatible() {
    let schemas = "    Level: {type: integer, enum: [1, 2, -1, null]}\n";
    let api = lower_ok(schemas);
    assert_eq!(
        ty(&api, "Level").kind,
        TypeKind::IntegerEnum {
            variants: vec![
                IntegerVariant {
                    name: "Value1".into(),
                    value: 1
                },
                IntegerVariant {
                    name: "Value2".into(),
                    value: 2
                },
                IntegerVariant {
                    name: "Minus1".into(),
                    value: -1
                },
            ]
        }
    );
    let rust = types_rs(schemas);
    assert!(rust.contains("Unknown(i64),"), "{rust}");
    assert!(rust.contains("-1 => Self::Minus1,"), "{rust}");
}

#[test]
fn enum_values_that_are_not_identifiers_get_distinct_names() {
    let api = lower_ok(
        "    Odd: {type: string, enum: ['+1', '-1', '', en-AU, /v1/chat, ASC, DESC, asc, desc]}\n",
    );
    let TypeKind::StringEnum { variants } = &ty(&api, "Odd").kind else {
        panic!()
    };
    let names: Vec<&str> = variants.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Plus1", "Minus1", "Empty", "EnAu", "V1Chat", "Asc", "Desc", "Asc2", "Desc2"
        ]
    );
}

#[test]
fn a_single_ref_all_of_is_the_referenced_type() {
    let api = lower_ok(
        "    Target: {type: object, properties: {x: {type: string}}}
    Holder:
      type: object
      properties:
        wrapped:
          description: Sibling keys are allowed.
          nullable: true
          allOf: [{$ref: '#/components/schemas/Target'}]
        plain:
          allOf: [{$ref: '#/components/schemas/Target'}]
          default: {}
",
    );
    assert_eq!(
        fields(&api, "Holder"),
        [
            ("wrapped".into(), named(&api, "Target"), false, true),
            ("plain".into(), named(&api, "Target"), false, false),
        ]
    );
}

#[test]
fn all_of_merges_properties_and_required() {
    let api = lower_ok(
        "    NewPet:
      type: object
      required: [name]
      properties:
        name: {type: string}
        tag: {type: string}
    Pet:
      allOf:
        - $ref: '#/components/schemas/NewPet'
        - type: object
          required: [id]
          properties:
            id: {type: integer, format: int64}
",
    );
    assert_eq!(
        fields(&api, "Pet"),
        [
            ("name".into(), TypeRef::String, true, false),
            ("tag".into(), TypeRef::String, false, false),
            ("id".into(), TypeRef::Integer(IntWidth::I64), true, false),
        ]
    );
}

/// An `allOf` part that only lists `required` names (Lago's charge input: `allOf: [$ref:
/// ChargeInput, {required: [billable_metric_id, charge_model]}]`) makes the other parts'
/// properties required: they are sent always, not `Option`s a caller may leave out.
#[test]
fn an_all_of_part_of_required_names_alone_makes_those_properties_required() {
    let api = lower_ok(
        "    ChargeInput:
      type: object
      properties:
        billable_metric_id: {type: string}
        charge_model: {type: string}
        invoice_display_name: {type: string}
    ChargeCreate:
      allOf:
        - $ref: '#/components/schemas/ChargeInput'
        - required: [billable_metric_id, charge_model]
        - properties:
            cascade_updates: {type: boolean}
",
    );
    assert_eq!(
        fields(&api, "ChargeCreate"),
        [
            ("billable_metric_id".into(), TypeRef::String, true, false),
            ("charge_model".into(), TypeRef::String, true, false),
            ("invoice_display_name".into(), TypeRef::String, false, false),
            ("cascade_updates".into(), TypeRef::Bool, false, false),
        ]
    );
}

/// `required` beside an `allOf`, with no properties of its own (Langfuse's filters: `{type:
/// object, allOf: [{properties: {type: {enum: [datetime]}}}, $ref: DateTimeFilter], required:
/// [type]}`), makes the parts' properties required, with or without `type: object`.
#[test]
fn required_beside_an_all_of_makes_its_parts_properties_required() {
    for head in ["type: object\n      ", ""] {
        let api = lower_ok(&format!(
            "    DateTimeFilter:
      type: object
      required: [column]
      properties:
        column: {{type: string}}
        value: {{type: string}}
    Filter:
      {head}allOf:
        - type: object
          properties:
            type: {{type: string, enum: [datetime]}}
        - $ref: '#/components/schemas/DateTimeFilter'
      required: [type]
    OnePart:
      {head}allOf:
        - $ref: '#/components/schemas/DateTimeFilter'
      required: [value]
"
        ));
        let required = |name: &str| -> Vec<(String, bool)> {
            fields(&api, name)
                .into_iter()
                .map(|(field, _, required, _)| (field, required))
                .collect()
        };
        assert_eq!(
            required("Filter"),
            [
                ("type".into(), true),
                ("column".into(), true),
                ("value".into(), false)
            ],
            "{head:?}"
        );
        assert_eq!(
            required("OnePart"),
            [("column".into(), true), ("value".into(), true)],
            "{head:?}"
        );
    }
}

#[test]
fn one_of_without_discriminator_is_untagged_with_a_fallback() {
    let schemas = "    Cat: {type: object, properties: {lives: {type: integer}}}
    Pet:
      oneOf:
        - $ref: '#/components/schemas/Cat'
        - {type: string}
        - {type: array, items: {type: string}}
";
    let api = lower_ok(schemas);
    assert_eq!(
        ty(&api, "Pet").kind,
        TypeKind::OneOf {
            tag: None,
            variants: vec![
                OneOfVariant {
                    name: "Cat".into(),
                    ty: named(&api, "Cat"),
                    tag_values: vec![],
                },
                OneOfVariant {
                    name: "String".into(),
                    ty: TypeRef::String,
                    tag_values: vec![],
                },
                OneOfVariant {
                    name: "StringArray".into(),
                    ty: TypeRef::Array(Box::new(TypeRef::String)),
                    tag_values: vec![],
                },
            ],
            unknown: None,
        }
    );
    let rust = types_rs(schemas);
    // serde's untagged decoding, written: each alternative in order, strictly first (enums
    // closed), then leniently, then `Unknown` (`generated_types_round_trip` holds the lenient
    // pass to serde's derive).
    assert!(
        rust.contains("#[derive(Debug, Clone, PartialEq)]\n#[allow(clippy::large_enum_variant)]\npub enum Pet {"),
        "{rust}"
    );
    assert!(rust.contains("    Unknown(Value),\n}"), "{rust}");
    assert!(
        rust.contains(
            "        let value = Value::deserialize(deserializer)?;\n        \
             for _ in crate::serde_helpers::passes() {\n            \
             if let Ok(found) = Deserialize::deserialize(&value) {\n                \
             return Ok(Self::Cat(found));\n            }\n"
        ),
        "{rust}"
    );
    assert!(
        rust.contains("        crate::serde_helpers::unknown(value).map(Self::Unknown)\n"),
        "{rust}"
    );
}

#[test]
fn a_discriminator_mapping_names_the_tags() {
    let api = lower_ok(
        "    BotCommandScope:
      oneOf:
        - $ref: '#/components/schemas/BotCommandScopeDefault'
        - $ref: '#/components/schemas/BotCommandScopeChat'
      discriminator:
        propertyName: type
        mapping:
          default: '#/components/schemas/BotCommandScopeDefault'
          chat: BotCommandScopeChat
    BotCommandScopeDefault:
      type: object
      required: [type]
      properties: {type: {type: string}}
    BotCommandScopeChat:
      type: object
      required: [type, chat_id]
      properties: {type: {type: string}, chat_id: {type: integer}}
",
    );
    let TypeKind::OneOf { tag, variants, .. } = &ty(&api, "BotCommandScope").kind else {
        panic!()
    };
    assert_eq!(
        tag,
        &Some(Discriminator {
            property: "type".into()
        })
    );
    let summary: Vec<(&str, &[String])> = variants
        .iter()
        .map(|v| (v.name.as_str(), v.tag_values.as_slice()))
        .collect();
    assert_eq!(
        summary,
        [
            ("Default", &["default".to_owned()][..]),
            ("Chat", &["chat".to_owned()][..])
        ]
    );
}

#[test]
fn a_discriminator_without_mapping_uses_the_variant_enum_or_schema_name() {
    let schemas = "    Item:
      oneOf:
        - $ref: '#/components/schemas/TrackObject'
        - $ref: '#/components/schemas/Episode'
      discriminator: {propertyName: type}
    TrackObject:
      type: object
      properties: {type: {type: string, enum: [track]}}
    Episode:
      type: object
      properties: {name: {type: string}}
";
    let api = lower_ok(schemas);
    let TypeKind::OneOf { variants, .. } = &ty(&api, "Item").kind else {
        panic!()
    };
    let tags: Vec<&[String]> = variants.iter().map(|v| v.tag_values.as_slice()).collect();
    assert_eq!(
        tags,
        [&["track".to_owned()][..], &["Episode".to_owned()][..]]
    );
    let rust = types_rs(schemas);
    // Decoded from the whole object, so the variant still sees its `type` field.
    assert!(
        rust.contains(
            "Some(\"Episode\") => crate::serde_helpers::from_value(value).map(Self::Episode),"
        ),
        "{rust}"
    );
    assert!(
        rust.contains("_ => crate::serde_helpers::unknown(value).map(Self::Unknown),"),
        "{rust}"
    );
}

#[test]
fn single_value_enum_properties_tag_a_one_of_without_discriminator() {
    // How serde and schemars describe an internally tagged enum, here recursive as well.
    let api = lower_ok(
        "    Request:
      oneOf:
        - type: object
          required: [type, sub]
          properties:
            type: {type: string, enum: [volume]}
            sub: {type: array, items: {$ref: '#/components/schemas/Request'}}
            parent:
              nullable: true
              allOf: [{$ref: '#/components/schemas/Request'}]
        - type: object
          required: [type]
          properties:
            type: {type: string, enum: [file]}
",
    );
    let TypeKind::OneOf { tag, variants, .. } = &ty(&api, "Request").kind else {
        panic!()
    };
    assert_eq!(tag.as_ref().unwrap().property, "type");
    let names: Vec<&str> = variants.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, ["Volume", "File"]);
    // The cycle Request -> RequestVolume -> Request is broken by boxes on the direct edges;
    // the `Vec` edge needs none.
    assert_eq!(
        variants[0].ty,
        TypeRef::Boxed(Box::new(named(&api, "RequestVolume")))
    );
    assert_eq!(
        fields(&api, "RequestVolume")[1..],
        [
            (
                "sub".into(),
                TypeRef::Array(Box::new(named(&api, "Request"))),
                true,
                false
            ),
            (
                "parent".into(),
                TypeRef::Boxed(Box::new(named(&api, "Request"))),
                false,
                true
            ),
        ]
    );
    assert_eq!(variants[1].ty, named(&api, "RequestFile"));
}

#[test]
fn only_edges_on_a_cycle_are_boxed() {
    let api = lower_ok(
        "    Message:
      type: object
      properties:
        chat: {$ref: '#/components/schemas/Chat'}
        user: {$ref: '#/components/schemas/User'}
    Chat:
      type: object
      properties:
        pinned: {$ref: '#/components/schemas/Message'}
    User:
      type: object
      properties:
        name: {type: string}
    Node:
      type: object
      properties:
        next: {$ref: '#/components/schemas/Node'}
        children: {type: array, items: {$ref: '#/components/schemas/Node'}}
",
    );
    let boxed = |name: &str| TypeRef::Boxed(Box::new(named(&api, name)));
    let types =
        |name: &str| -> Vec<TypeRef> { fields(&api, name).into_iter().map(|f| f.1).collect() };
    assert_eq!(types("Message"), [boxed("Chat"), named(&api, "User")]);
    assert_eq!(types("Chat"), [boxed("Message")]);
    assert_eq!(
        types("Node"),
        [boxed("Node"), TypeRef::Array(Box::new(named(&api, "Node")))]
    );
}

#[test]
fn read_only_and_write_only_fields_are_never_required() {
    let api = lower_ok(
        "    Thing:
      type: object
      required: [id, secret, name]
      properties:
        id: {type: string, readOnly: true}
        secret: {type: string, writeOnly: true}
        name: {type: string}
",
    );
    let required: Vec<bool> = fields(&api, "Thing").into_iter().map(|f| f.2).collect();
    assert_eq!(required, [false, false, true]);
}

#[test]
fn type_names_avoid_the_prelude_and_stay_unique() {
    let rust = types_rs(
        "    Option: {type: object, properties: {x: {type: string}}}
    String: {type: string, enum: [a]}
    Box: {type: integer}
    Vec: {type: array, items: {type: string}}
    Result: {type: boolean}
    Error: {type: object, properties: {message: {type: string}}}
    Client: {type: string}
    foo_bar: {type: string}
    FooBar: {type: integer}
",
    );
    for line in [
        "pub struct OptionType {",
        "pub enum StringType {",
        "pub type BoxType = i64;",
        "pub type VecType = Vec<String>;",
        "pub type ResultType = bool;",
        "pub struct Error {",
        "pub type Client = String;",
        "pub type FooBar = String;",
        "pub type FooBar2 = i64;",
    ] {
        assert!(rust.contains(line), "missing {line:?} in\n{rust}");
    }
}

#[test]
fn maps_and_free_form_values() {
    let api = lower_ok(
        "    Bag:
      type: object
      properties:
        labels: {type: object, additionalProperties: {type: string, nullable: true}}
        any: {type: object, additionalProperties: true}
        free: {}
",
    );
    let types: Vec<TypeRef> = fields(&api, "Bag").into_iter().map(|f| f.1).collect();
    assert_eq!(
        types,
        [
            TypeRef::Map(Box::new(TypeRef::Nullable(Box::new(TypeRef::String)))),
            TypeRef::Map(Box::new(TypeRef::Any)),
            TypeRef::Any,
        ]
    );
}

#[test]
fn lowering_is_deterministic() {
    let schemas = "    A: {oneOf: [{type: object, properties: {b: {$ref: '#/components/schemas/A'}}}, {type: string}]}\n";
    assert_eq!(types_rs(schemas), types_rs(schemas));
}

#[test]
fn a_component_wrapping_one_inline_part_keeps_its_name() {
    let api = lower_ok(
        "    Wrapped:
      description: Only one part.
      allOf:
        - type: object
          properties: {x: {type: string}}
    Pointless: {allOf: [{$ref: '#/components/schemas/Pointless'}]}
",
    );
    assert_eq!(
        fields(&api, "Wrapped"),
        [("x".into(), TypeRef::String, false, false)]
    );
    assert_eq!(ty(&api, "Pointless").kind, TypeKind::Alias(TypeRef::Any));
}

#[test]
fn properties_not_listed_land_in_a_flattened_map() {
    let schemas = "    Labels:
      type: object
      properties: {name: {type: string}}
      additionalProperties: {type: integer}
    Closed:
      type: object
      properties: {name: {type: string}}
      additionalProperties: false
";
    let api = lower_ok(schemas);
    assert_eq!(
        fields(&api, "Labels"),
        [("name".into(), TypeRef::String, false, false)]
    );
    let additional = |name: &str| match &ty(&api, name).kind {
        TypeKind::Struct { additional, .. } => additional.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        additional("Labels").map(|a| (a.name, a.value)),
        Some((
            "additional_properties".to_owned(),
            TypeRef::Integer(IntWidth::I64)
        ))
    );
    assert_eq!(fields(&api, "Closed").len(), 1);
    assert_eq!(additional("Closed"), None);
    let rust = types_rs(schemas);
    assert!(
        rust.contains(
            "    #[serde(flatten)]\n    pub additional_properties: BTreeMap<String, i64>,"
        ),
        "{rust}"
    );
}

#[test]
fn a_one_of_of_documented_string_values_is_one_string_enum() {
    let api = lower_ok(
        "    SortMode:
      oneOf:
        - {type: string, enum: [name_ascending], description: By name.}
        - {type: string, enum: [id_ascending], description: By id.}
",
    );
    let TypeKind::StringEnum { variants } = &ty(&api, "SortMode").kind else {
        panic!("{:?}", ty(&api, "SortMode"))
    };
    let values: Vec<&str> = variants.iter().map(|v| v.wire_value.as_str()).collect();
    assert_eq!(values, ["name_ascending", "id_ascending"]);
}

#[test]
fn scalar_one_ofs_and_enums_display_for_use_in_urls() {
    let rust = types_rs(
        "    NameOrId:
      oneOf:
        - {type: string, format: uuid, title: Id}
        - {type: integer, title: Number}
    Level: {type: integer, enum: [1, 2]}
",
    );
    assert!(rust.contains("impl fmt::Display for NameOrId {"), "{rust}");
    assert!(
        rust.contains("Self::Unknown(Value::String(value)) => f.write_str(value),"),
        "{rust}"
    );
    assert!(rust.contains("impl fmt::Display for Level {"), "{rust}");
}

/// The spec behind [`generated_types_round_trip`]: one schema per serde behaviour worth pinning.
const ROUND_TRIP_SPEC: &str = "    Share:
      type: object
      required: [who, level]
      properties:
        who: {type: string}
    ShareWithLongNames:
      type: object
      required: [a_property_name_long_enough_to_keep_the_derive, level]
      properties:
        a_property_name_long_enough_to_keep_the_derive: {type: string}
    Scan:
      type: object
      required: [page]
      properties:
        page: {type: string, format: binary}
        thumbs: {type: array, items: {type: string, format: binary}}
        note: {type: string, format: binary, nullable: true}
        either: {oneOf: [{type: string, format: binary}, {type: integer}]}
    Loose:
      type: object
      additionalProperties: {type: string, format: binary}
      properties:
        a_property_name_long_enough_to_keep_the_derive: {type: string, format: binary}
    Scope:
      oneOf:
        - $ref: '#/components/schemas/ScopeChat'
        - $ref: '#/components/schemas/ScopeDefault'
      discriminator:
        propertyName: type
        mapping: {chat: '#/components/schemas/ScopeChat', default: ScopeDefault}
    ScopeChat:
      type: object
      required: [type, chat_id]
      properties: {type: {type: string}, chat_id: {type: integer}}
    ScopeDefault:
      type: object
      properties: {type: {type: string}}
    Volume:
      oneOf:
        - type: object
          required: [type, sub_volumes]
          properties:
            type: {type: string, enum: [volume]}
            sub_volumes: {type: array, items: {$ref: '#/components/schemas/Volume'}}
            parent:
              nullable: true
              allOf: [{$ref: '#/components/schemas/Volume'}]
        - type: object
          required: [type, url]
          properties:
            type: {type: string, enum: [url]}
            url: {type: string}
    IdOrName:
      oneOf: [{type: integer}, {type: string}]
    Sensor:
      oneOf:
        - title: Battery
          type: object
          required: [type]
          properties: {type: {type: string, enum: [battery]}, level: {type: integer}}
        - title: Humidity
          type: object
          required: [type]
          properties: {type: {type: string, enum: [humidity]}, level: {type: integer}}
        - title: Switch
          type: object
          required: [type]
          properties: {type: {type: string, enum: [attach, tamper]}}
    Devices:
      oneOf:
        - title: AddDevices
          type: array
          items:
            oneOf:
              - {type: object, required: [deviceId], properties: {deviceId: {type: string}}}
              - {type: object, required: [externalId], properties: {externalId: {type: string}}}
        - title: DeleteDevices
          type: array
          items: {type: object, required: [trackingId], properties: {trackingId: {type: string}}}
    Shape:
      type: object
      required: [kind]
      properties: {kind: {type: string}}
      discriminator: {propertyName: kind, mapping: {circle: '#/components/schemas/Circle'}}
    Circle:
      allOf:
        - $ref: '#/components/schemas/Shape'
        - {type: object, properties: {radius: {type: integer}}}
    ShapeOrMark:
      oneOf:
        - $ref: '#/components/schemas/Shape'
        - title: Mark
          type: object
          required: [kind]
          properties: {kind: {type: string, enum: [mark]}}
    Domain:
      oneOf:
        - $ref: '#/components/schemas/MoveIn'
        - $ref: '#/components/schemas/TransferIn'
    MoveIn:
      type: object
      additionalProperties: false
      required: [method, name]
      properties: {method: {type: string}, name: {type: string}, token: {type: string}}
    TransferIn:
      type: object
      additionalProperties: false
      required: [method, name]
      properties: {method: {type: string}, name: {type: string}, authCode: {type: string}}
    Rule:
      anyOf:
        - type: object
          required: [id, type]
          properties: {id: {type: integer}, type: {type: string}, wait_timer: {type: integer}}
        - type: object
          required: [id, type]
          properties:
            id: {type: integer}
            type: {type: string}
            reviewers: {type: array, items: {$ref: '#/components/schemas/Reviewer'}}
        - type: object
          required: [id, type]
          properties: {id: {type: integer}, type: {type: string}}
    Reviewer:
      type: object
      properties: {login: {type: string}, team: {type: string}}
    RuleOrAny:
      oneOf:
        - {type: object, properties: {id: {type: integer}}}
        - {type: object, additionalProperties: true}
    Litter:
      type: object
      required: [pets, names, name]
      properties:
        pets: {type: array, items: {type: integer}}
        names: {type: object, additionalProperties: {type: string}}
        name: {type: string}
    LitterOrNote:
      oneOf:
        - {type: object, required: [pets], properties: {pets: {type: array, items: {type: integer}}}}
        - {type: object, properties: {note: {type: string}}}
    Level: {type: integer, enum: [1, 2]}
    Color: {type: string, enum: [red]}
    Labels:
      type: object
      properties: {name: {type: string}}
      additionalProperties: {type: string}
    # Below: only has to compile without warnings.
    LoopA: {$ref: '#/components/schemas/LoopB'}
    LoopB: {allOf: [{$ref: '#/components/schemas/LoopA'}]}
    LoopC: {allOf: [{$ref: '#/components/schemas/LoopD'}]}
    LoopD: {oneOf: [{$ref: '#/components/schemas/LoopC'}]}
    Option: {type: object, properties: {type: {type: string}, self: {type: integer}, Self: {type: integer}}}
    Result: {oneOf: [{type: string}, {$ref: '#/components/schemas/Option'}, {type: array, items: {}}, {not: {}}]}
    Value: {anyOf: [{allOf: [{type: string}, {maxLength: 3}]}, {type: number, enum: [1.5]}]}
    Unknown: {type: string, enum: [Unknown, unknown, '', ' ', '1', '-', '+', é]}
    Nested:
      type: object
      required: [self_ref]
      properties:
        self_ref: {type: array, items: {$ref: '#/components/schemas/Nested'}}
        maybe: {nullable: true, oneOf: [{$ref: '#/components/schemas/Nested'}, {type: string}]}
        map: {type: object, additionalProperties: {$ref: '#/components/schemas/Nested'}}
";

const ROUND_TRIP_TESTS: &str = r#"
use fixture::types::*;
use serde_json::{json, Value};

fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned + std::fmt::Debug>(wire: Value) -> T {
    let value: T = serde_json::from_value(wire.clone()).unwrap();
    assert_eq!(serde_json::to_value(&value).unwrap(), wire, "{value:?}");
    value
}

#[test]
fn a_required_property_without_a_schema_is_sent_and_read_as_null_when_absent() {
    let share: Share = round_trip(json!({"who": "a", "level": "viewer"}));
    assert_eq!(share.level, json!("viewer"));
    let absent: Share = serde_json::from_value(json!({"who": "a"})).unwrap();
    assert_eq!(absent.level, Value::Null);
    assert!(serde_json::from_value::<Share>(json!({"level": 1})).is_err());
    let long: ShareWithLongNames = round_trip(
        json!({"a_property_name_long_enough_to_keep_the_derive": "a", "level": 2}),
    );
    assert_eq!(long.level, json!(2));
    let absent: ShareWithLongNames =
        serde_json::from_value(json!({"a_property_name_long_enough_to_keep_the_derive": "a"}))
            .unwrap();
    assert_eq!(absent.level, Value::Null);
}

#[test]
fn binary_properties_are_json_strings() {
    let scan: Scan = round_trip(json!({"page": "p", "thumbs": ["a", ""], "note": null, "either": "e"}));
    assert_eq!(scan.page, bytes::Bytes::from_static(b"p"));
    assert!(matches!(scan.either, Some(ScanEither::Binary(_))), "{scan:?}");
    let number: Scan = round_trip(json!({"page": "", "either": 5}));
    assert!(matches!(number.either, Some(ScanEither::Integer(5))), "{number:?}");
    let loose: Loose = round_trip(json!({"a_property_name_long_enough_to_keep_the_derive": "x", "other": "y"}));
    assert_eq!(loose.additional_properties["other"], bytes::Bytes::from_static(b"y"));
}

#[test]
fn a_discriminator_mapping_picks_the_variant_and_keeps_the_tag() {
    let chat: Scope = round_trip(json!({"type": "chat", "chat_id": 7}));
    assert_eq!(chat, Scope::Chat(ScopeChat { r#type: "chat".into(), chat_id: 7 }));
    let default: Scope = round_trip(json!({"type": "default"}));
    assert!(matches!(default, Scope::Default(_)), "{default:?}");
    // A variant built in Rust without the tag field still sends it.
    let built = Scope::Default(ScopeDefault { r#type: None });
    assert_eq!(serde_json::to_value(&built).unwrap(), json!({"type": "default"}));
    let unknown: Scope = round_trip(json!({"type": "topic", "x": 1}));
    assert!(matches!(unknown, Scope::Unknown(_)), "{unknown:?}");
}

#[test]
fn an_implicitly_tagged_recursive_one_of_keeps_absent_and_null_apart() {
    let null: Volume = round_trip(json!({"type": "volume", "sub_volumes": [{"type": "url", "url": "u"}], "parent": null}));
    let Volume::Volume(inner) = &null else { panic!("{null:?}") };
    assert_eq!(inner.parent, Some(None));
    assert!(matches!(inner.sub_volumes[0], Volume::Url(_)));
    let absent: Volume = round_trip(json!({"type": "volume", "sub_volumes": []}));
    let Volume::Volume(inner) = &absent else { panic!("{absent:?}") };
    assert_eq!(inner.parent, None);
    let nested: Volume = round_trip(json!({"type": "volume", "sub_volumes": [], "parent": {"type": "url", "url": "p"}}));
    let Volume::Volume(inner) = &nested else { panic!("{nested:?}") };
    assert!(matches!(inner.parent.as_ref().unwrap().as_deref(), Some(Volume::Url(_))));
}

#[test]
fn a_required_list_or_map_absent_or_null_reads_as_empty_but_still_picks_an_alternative() {
    // Found in the wild (PagerDuty): a field's `field_options`, required, left out.
    let full: Litter = round_trip(json!({"pets": [1], "names": {"a": "b"}, "name": "n"}));
    assert_eq!((full.pets, full.names.len()), (vec![1], 1));
    for wire in [json!({"name": "n"}), json!({"pets": null, "names": null, "name": "n"})] {
        let empty: Litter = serde_json::from_value(wire).unwrap();
        assert_eq!((empty.pets, empty.names.len()), (Vec::new(), 0));
    }
    // A required scalar is still required; a list is still a list.
    assert!(serde_json::from_value::<Litter>(json!({"pets": []})).is_err());
    assert!(serde_json::from_value::<Litter>(json!({"pets": 1, "name": "n"})).is_err());
    // The strict pass still tells alternatives apart by a required list.
    let note: LitterOrNote = round_trip(json!({}));
    assert!(matches!(note, LitterOrNote::Object(_)), "{note:?}");
    let pets: LitterOrNote = round_trip(json!({"pets": []}));
    assert!(!matches!(pets, LitterOrNote::Object(_)), "{pets:?}");
}

#[test]
fn untagged_alternatives_and_enums_never_fail_to_decode() {
    assert_eq!(round_trip::<IdOrName>(json!(5)), IdOrName::Integer(5));
    assert_eq!(round_trip::<IdOrName>(json!("five")), IdOrName::String("five".into()));
    assert!(matches!(round_trip::<IdOrName>(json!([1])), IdOrName::Unknown(_)));
    assert_eq!(IdOrName::Integer(5).to_string(), "5");
    assert_eq!(round_trip::<Level>(json!(2)), Level::Value2);
    assert_eq!(round_trip::<Level>(json!(9)), Level::Unknown(9));
    assert_eq!(round_trip::<Color>(json!("blue")), Color::Unknown("blue".into()));
}

#[test]
fn the_alternative_whose_enums_list_the_value_wins_before_the_first_that_decodes() {
    // Found in the wild (here.com tracking): `humidity` decoded as the first alternative,
    // `Battery`, its open enum holding `Unknown("humidity")`.
    let humidity: Sensor = round_trip(json!({"type": "humidity", "level": 3}));
    assert!(matches!(humidity, Sensor::Humidity(_)), "{humidity:?}");
    let switch: Sensor = round_trip(json!({"type": "tamper"}));
    assert!(matches!(switch, Sensor::Switch(_)), "{switch:?}");
    // A value no alternative lists still decodes, leniently, as serde's untagged would.
    let newer: Sensor = round_trip(json!({"type": "smoke"}));
    assert!(matches!(newer, Sensor::Battery(_)), "{newer:?}");
    // A nested union's `Unknown` is no match either, at any depth.
    let delete: Devices = round_trip(json!([{"trackingId": "t"}]));
    assert!(matches!(delete, Devices::DeleteDevices(_)), "{delete:?}");
    let add: Devices = round_trip(json!([{"externalId": "e"}]));
    assert!(matches!(add, Devices::AddDevices(_)), "{add:?}");
    // Outside a union, enums stay open.
    assert_eq!(round_trip::<Color>(json!("blue")), Color::Unknown("blue".into()));
    // A base's unknown tag is no match in the strict pass either: `mark` is the alternative
    // that lists it, not the base's `Unknown` (the fields every subtype has).
    let mark: ShapeOrMark = round_trip(json!({"kind": "mark"}));
    assert!(matches!(mark, ShapeOrMark::Mark(_)), "{mark:?}");
    let circle: ShapeOrMark = round_trip(json!({"kind": "circle", "radius": 2}));
    assert!(matches!(circle, ShapeOrMark::Shape(Shape::Circle(_))), "{circle:?}");
    let square: ShapeOrMark = round_trip(json!({"kind": "square"}));
    assert!(matches!(square, ShapeOrMark::Shape(Shape::Unknown(_))), "{square:?}");
}

#[test]
fn a_closed_alternative_does_not_take_a_key_it_does_not_list() {
    // Found by the fourth wire sweep (vercel, shipengine, here.com, slack: 27 unions): the
    // value only `TransferIn` describes decoded as `MoveIn`, `authCode` lost.
    let transfer: Domain = round_trip(json!({"method": "t", "name": "a", "authCode": "c"}));
    match transfer {
        Domain::TransferIn(t) => assert_eq!(t.auth_code.as_deref(), Some("c")),
        other => panic!("{other:?}"),
    }
    let move_in: Domain = round_trip(json!({"method": "m", "name": "a", "token": "t"}));
    assert!(matches!(move_in, Domain::MoveIn(_)), "{move_in:?}");
    // A key neither lists (a newer server's): the lenient pass still decodes it.
    let newer: Domain = serde_json::from_value(json!({"method": "m", "name": "a", "new": 1})).unwrap();
    assert!(matches!(newer, Domain::MoveIn(_)), "{newer:?}");
}

#[test]
fn the_alternative_that_lists_every_key_wins_before_the_first_that_decodes() {
    // Found in GitHub's `environment.protection_rules` (an `anyOf` of three objects sharing
    // their required properties): every rule decoded as the first, `reviewers` lost.
    let reviewers: Rule = round_trip(json!({"id": 1, "type": "required_reviewers", "reviewers": [{"login": "a"}]}));
    match &reviewers {
        Rule::Reviewers(rule) => assert_eq!(rule.reviewers.as_ref().map(Vec::len), Some(1)),
        other => panic!("{other:?}"),
    }
    let timer: Rule = round_trip(json!({"id": 2, "type": "wait_timer", "wait_timer": 5}));
    assert!(matches!(timer, Rule::WaitTimer(_)), "{timer:?}");
    // A value every alternative describes: the first.
    let branch: Rule = round_trip(json!({"id": 3, "type": "branch_policy"}));
    assert!(matches!(branch, Rule::WaitTimer(_)), "{branch:?}");
    // A key none lists (a newer server's): the first that decodes, as serde's untagged.
    let newer: Rule = serde_json::from_value(json!({"id": 4, "type": "t", "new": true})).unwrap();
    assert!(matches!(newer, Rule::WaitTimer(_)), "{newer:?}");
    // Deeper too: a key only the second alternative's items list.
    let nested: Rule = serde_json::from_value(json!({"id": 5, "type": "r", "reviewers": [{"login": "a", "new": 1}]})).unwrap();
    assert!(matches!(nested, Rule::Reviewers(_)), "{nested:?}");
    // A free-form alternative does not take, in the strict pass, a value a typed one decodes.
    assert!(matches!(round_trip::<RuleOrAny>(json!({"id": 1})), RuleOrAny::Object(_)));
    let extra: RuleOrAny = serde_json::from_value(json!({"id": 1, "x": 2})).unwrap();
    assert!(matches!(extra, RuleOrAny::Object(_)), "{extra:?}");
    assert!(matches!(round_trip::<RuleOrAny>(json!({"id": "one"})), RuleOrAny::Map(_)));
}

/// serde's own `#[serde(untagged)]` over `ResultType`'s alternatives, to hold the written
/// `Deserialize` to: every value decodes to the same variant with the same contents.
#[derive(serde::Deserialize, Debug)]
#[serde(untagged)]
enum DerivedResult {
    String(String),
    OptionType(OptionType),
    Array(Vec<Value>),
    Object(Value),
}

#[derive(serde::Deserialize, Debug)]
#[serde(untagged)]
enum DerivedIdOrName {
    Integer(i64),
    String(String),
    Unknown(Value),
}

#[derive(serde::Deserialize, Debug)]
#[serde(untagged)]
enum DerivedValueType {
    Object(String),
    Number(f64),
    Unknown(Value),
}

fn both<T: serde::de::DeserializeOwned + PartialEq + std::fmt::Debug, D: serde::de::DeserializeOwned>(wire: &Value) -> (T, D) {
    let written: T = serde_json::from_value(wire.clone()).unwrap();
    // From text too: a streaming deserializer, not a `Value`.
    assert_eq!(serde_json::from_str::<T>(&wire.to_string()).unwrap(), written, "{wire}");
    (written, serde_json::from_value(wire.clone()).unwrap())
}

#[test]
fn untagged_alternatives_decode_as_serdes_derive_does() {
    let values = [
        json!("s"), json!(""), json!({"type": "t", "self": 1}), json!({"self": "x"}),
        json!({"type": "t", "other": 1}),
        json!({}), json!([1, "a"]), json!([]), json!(5), json!(-3), json!(1.5),
        json!(18446744073709551615u64), json!(null), json!(true), json!("1.5"),
    ];
    for wire in &values {
        let same = match both::<ResultType, DerivedResult>(wire) {
            (ResultType::String(a), DerivedResult::String(b)) => a == b,
            (ResultType::OptionType(a), DerivedResult::OptionType(b)) => a == b,
            (ResultType::Array(a), DerivedResult::Array(b)) => a == b,
            (ResultType::Object(a), DerivedResult::Object(b)) => a == b,
            (written, derived) => panic!("{wire}: {written:?} against {derived:?}"),
        };
        assert!(same, "{wire}");
        let same = match both::<IdOrName, DerivedIdOrName>(wire) {
            (IdOrName::Integer(a), DerivedIdOrName::Integer(b)) => a == b,
            (IdOrName::String(a), DerivedIdOrName::String(b)) => a == b,
            (IdOrName::Unknown(a), DerivedIdOrName::Unknown(b)) => a == b,
            (written, derived) => panic!("{wire}: {written:?} against {derived:?}"),
        };
        assert!(same, "{wire}");
        let same = match both::<ValueType, DerivedValueType>(wire) {
            (ValueType::Object(a), DerivedValueType::Object(b)) => a == b,
            (ValueType::Number(a), DerivedValueType::Number(b)) => a == b,
            (ValueType::Unknown(a), DerivedValueType::Unknown(b)) => a == b,
            (written, derived) => panic!("{wire}: {written:?} against {derived:?}"),
        };
        assert!(same, "{wire}");
    }
    // Inside a struct, null and absent still apart (the `Option`s around the enum).
    let nested: Nested = round_trip(json!({"self_ref": [], "maybe": null}));
    assert_eq!(nested.maybe, Some(None));
    let nested: Nested = round_trip(json!({"self_ref": [], "maybe": "m"}));
    assert_eq!(nested.maybe, Some(Some(Box::new(NestedMaybe::String("m".into())))));
}

#[test]
fn unlisted_properties_land_in_the_map() {
    let labels: Labels = round_trip(json!({"name": "n", "team": "core"}));
    assert_eq!(labels.name.as_deref(), Some("n"));
    assert_eq!(labels.additional_properties["team"], "core");
}
"#;

/// Compiles the generated `types.rs` (with the runtime's `serde_helpers.rs`) in a small crate
/// that depends only on serde and bytes, offline and in its own target directory (about 20 s the first
/// time, a few seconds after), and runs serde round trips against it: the behaviour of the
/// generated code, not just its text.
#[test]
fn generated_types_round_trip() {
    let text = format!("{HEAD}components:\n  schemas:\n{ROUND_TRIP_SPEC}");
    let spec = opengen::load::parse(Path::new("test.yaml"), text.as_bytes()).unwrap();
    let options = Options::new("fixture");
    let files = opengen::generate_from(&spec, &options).unwrap();
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("schema-round-trip");
    std::fs::create_dir_all(root.join("src")).unwrap();
    std::fs::create_dir_all(root.join("tests")).unwrap();
    let write = |path: &str, text: &str| std::fs::write(root.join(path), text).unwrap();
    write(
        "Cargo.toml",
        "[package]\nname = \"fixture\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\n[workspace]\n\n\
         [dependencies]\nserde = { version = \"1\", features = [\"derive\"] }\nserde_json = \"1\"\n\
         bytes = { version = \"1\", features = [\"serde\"] }\n",
    );
    write(
        "src/lib.rs",
        "#![deny(warnings)]\n#![allow(dead_code)]\nmod object;\nmod serde_helpers;\npub mod types;\n",
    );
    write("src/types.rs", &files.files["src/types.rs"]);
    write(
        "src/serde_helpers.rs",
        &files.files["runtime/src/serde_helpers.rs"],
    );
    write("src/object.rs", &files.files["runtime/src/object.rs"]);
    write("tests/round_trip.rs", ROUND_TRIP_TESTS);
    let lock = Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.lock");
    std::fs::copy(lock, root.join("Cargo.lock")).unwrap();
    let output = std::process::Command::new(env!("CARGO"))
        .args(["test", "--offline", "--quiet"])
        .current_dir(&root)
        .env("CARGO_TARGET_DIR", root.join("target"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn a_cycle_of_aliases_is_any_value() {
    let api = lower_ok(
        "    A: {allOf: [{$ref: '#/components/schemas/B'}]}
    B: {allOf: [{$ref: '#/components/schemas/A'}]}
",
    );
    assert_eq!(ty(&api, "A").kind, TypeKind::Alias(TypeRef::Any));
    assert_eq!(ty(&api, "B").kind, TypeKind::Alias(TypeRef::Any));
}

#[test]
fn inline_objects_nothing_else_names_are_named_by_a_property_only_they_have() {
    let api = lower_ok(
        "    Rule:
      anyOf:
        - {type: object, required: [id], properties: {id: {type: integer}, node: {type: string}, wait_timer: {type: integer}}}
        - {type: object, required: [id], properties: {id: {type: integer}, node: {type: string}, reviewers: {type: array, items: {type: string}}}}
        - {type: object, required: [id], properties: {id: {type: integer}, node: {type: string}}}
        - {type: object, required: [id, kind], properties: {id: {type: integer}, kind: {type: string, enum: [team]}}}
    Contact:
      oneOf:
        - {type: string}
        - {type: object, properties: {email: {type: string}}}
",
    );
    let names = |name: &str| -> Vec<String> {
        let TypeKind::OneOf { variants, .. } = &ty(&api, name).kind else {
            panic!()
        };
        variants.iter().map(|v| v.name.clone()).collect()
    };
    // The single-valued `kind` names its part (`Team`); the last has nothing of its own.
    assert_eq!(names("Rule"), ["Team", "WaitTimer", "Reviewers", "Object"]);
    assert!(ty(&api, "RuleReviewers").kind != TypeKind::Alias(TypeRef::Any));
    // One object among other kinds keeps its kind's name.
    assert_eq!(names("Contact"), ["String", "Object"]);
}

#[test]
fn untagged_alternatives_are_tried_pickiest_first() {
    let api = lower_ok(
        "    Loose: {type: object, properties: {a: {type: string}}}
    Strict:
      type: object
      required: [a, b]
      properties: {a: {type: string}, b: {type: string}}
    Either:
      oneOf:
        - {type: number}
        - {type: object, additionalProperties: true}
        - $ref: '#/components/schemas/Loose'
        - {type: integer}
        - $ref: '#/components/schemas/Strict'
",
    );
    let TypeKind::OneOf { variants, .. } = &ty(&api, "Either").kind else {
        panic!()
    };
    let names: Vec<&str> = variants.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, ["Strict", "Loose", "Integer", "Number", "Map"]);
}

#[test]
fn enums_with_the_same_values_share_one_type() {
    let api = lower_ok(
        "    Account:\n      type: object\n      properties:\n        card_status: {type: string, enum: [active, inactive]}\n        bank_status: {type: string, enum: [active, inactive]}\n        other: {type: string, enum: [inactive, active]}\n        level: {type: integer, enum: [1, 2]}\n        rank: {type: integer, enum: [1, 2]}\n    Status: {type: string, enum: [active, inactive], description: The status.}\n",
    );
    // The component schema keeps the real type, whatever order the schemas came in.
    assert!(matches!(
        ty(&api, "Status").kind,
        TypeKind::StringEnum { .. }
    ));
    assert_eq!(
        ty(&api, "AccountCardStatus").kind,
        TypeKind::Alias(named(&api, "Status"))
    );
    assert_eq!(
        ty(&api, "AccountBankStatus").kind,
        TypeKind::Alias(named(&api, "Status"))
    );
    // Another order of the same values is another type: the order is the document's.
    assert!(matches!(
        ty(&api, "AccountOther").kind,
        TypeKind::StringEnum { .. }
    ));
    // Inline copies share the one with the shortest name when their names have nothing
    // meaningful in common (see `naming.rs` for the other rules).
    assert!(matches!(
        ty(&api, "AccountRank").kind,
        TypeKind::IntegerEnum { .. }
    ));
    assert_eq!(
        ty(&api, "AccountLevel").kind,
        TypeKind::Alias(named(&api, "AccountRank"))
    );
    // Each alias keeps its own description; the shared type, named after its values here, says
    // it is shared, and the place it was first met is an alias of it too.
    let rust = types_rs(
        "    A:\n      type: object\n      properties:\n        x: {type: string, enum: [on, off], description: Whether x is on.}\n        y: {type: string, enum: [on, off], description: Whether y is on.}\n",
    );
    assert!(
        rust.contains("/// Whether y is on.\npub type Ay = OnOrOff;"),
        "{rust}"
    );
    assert!(
        rust.contains("/// Whether x is on.\npub type Ax = OnOrOff;"),
        "{rust}"
    );
    assert!(
        rust.contains("/// The values 2 types share, each of them a type alias of this one.\n"),
        "{rust}"
    );
    assert!(rust.contains("pub enum OnOrOff {"), "{rust}");
    assert!(!rust.contains("pub enum Ax"), "{rust}");
    assert!(!rust.contains("pub enum Ay"), "{rust}");
}

#[test]
fn an_all_of_part_that_only_says_nullable_makes_the_reference_nullable() {
    // The idiom of published specs (OpenAI, Box, PandaScore): `allOf: [{$ref: …}, {nullable:
    // true}]`; servers send `null` for it, and Box documents "set this to null to remove".
    let api = lower_ok(
        "    Live:
      type: object
      required: [begin_at]
      properties:
        begin_at:
          allOf: [{nullable: true}, {$ref: '#/components/schemas/BeginAt'}]
        strategy:
          allOf: [{$ref: '#/components/schemas/BeginAt'}, {nullable: true, description: Or null.}]
        plain:
          allOf: [{description: Not nullable.}, {$ref: '#/components/schemas/BeginAt'}]
    BeginAt: {type: string}",
    );
    let nullable: Vec<(String, bool, bool)> = fields(&api, "Live")
        .into_iter()
        .map(|(name, _, required, nullable)| (name, required, nullable))
        .collect();
    assert_eq!(
        nullable,
        [
            ("begin_at".to_owned(), true, true),
            ("strategy".to_owned(), false, true),
            ("plain".to_owned(), false, false),
        ]
    );
}

#[test]
fn a_string_enum_of_values_yaml_read_as_booleans_or_numbers_keeps_them_as_text() {
    // Stack Exchange's `{type: string, enum: [true, false]}`: YAML reads the values as
    // booleans, the schema says strings; the enum was dropped without a word and the parameter
    // was any `String`. Its values are the text they are written as.
    let rust = types_rs(
        "    Flag: {type: string, enum: [true, false]}
    Level: {type: string, enum: [1, 2.5, high]}",
    );
    for expected in [
        "pub enum Flag {",
        "/// `true`\n    True,",
        "/// `false`\n    False,",
        "pub enum Level {",
        "/// `1`",
        "/// `2.5`",
        "\"2.5\" =>",
        "/// `high`",
    ] {
        assert!(rust.contains(expected), "{expected}\n{rust}");
    }
}

#[test]
fn a_reference_described_in_place_keeps_the_referenced_schema_nullable() {
    // DigitalOcean's droplets: `next_backup_window: {allOf: [{$ref: Window}, {description: …}]}`,
    // required, where `Window` says `nullable: true`, and the API sends `null` for a droplet
    // without backups: the description allows anything, so the field is nullable, as the bare
    // reference is. A part that says what the value is (a type) keeps it from being so.
    let api = lower_ok(
        "    Droplet:
      type: object
      required: [direct, described, typed]
      properties:
        direct: {$ref: '#/components/schemas/Window'}
        described:
          allOf: [{$ref: '#/components/schemas/Window'}, {description: The window, if any.}]
        typed:
          allOf: [{$ref: '#/components/schemas/Window'}, {type: object, description: Set.}]
    Window:
      type: object
      nullable: true
      properties:
        start: {type: string}",
    );
    let nullable: Vec<(String, bool, bool)> = fields(&api, "Droplet")
        .into_iter()
        .map(|(name, _, required, nullable)| (name, required, nullable))
        .collect();
    assert_eq!(
        nullable,
        [
            ("direct".to_owned(), true, true),
            ("described".to_owned(), true, true),
            ("typed".to_owned(), true, false),
        ]
    );
}

#[test]
fn an_all_of_of_one_scalar_type_is_that_type_not_any_value() {
    // Lob's nullable ids: `allOf: [$ref: VrsnId, {type: string, nullable: true}]` was any JSON
    // value, silently. Parts of one scalar type are a value of that type: the referenced one,
    // nullable when a part is; parts of two types, or with an object, stay any value.
    let api = lower_ok(
        "    Mailer:
      type: object
      required: [version]
      properties:
        version:
          allOf: [{$ref: '#/components/schemas/VrsnId'}, {type: string, nullable: true}]
        url:
          allOf: [{type: string, nullable: true, description: A link.}, {$ref: '#/components/schemas/Link'}]
        sent:
          allOf: [{type: string}, {type: string, format: date-time}]
        count:
          allOf: [{type: integer, minimum: 0}, {type: integer, maximum: 9}]
        mixed:
          allOf: [{type: string}, {type: integer}]
        with_object:
          allOf: [{type: string}, {$ref: '#/components/schemas/Obj'}]
    VrsnId: {type: string, pattern: '^vrsn_'}
    Link: {type: string, format: uri}
    Obj: {type: object, properties: {a: {type: string}}}
    Id:
      allOf: [{$ref: '#/components/schemas/VrsnId'}, {type: string, minLength: 5}]",
    );
    let got = fields(&api, "Mailer");
    let vrsn = named(&api, "VrsnId");
    let link = named(&api, "Link");
    assert_eq!(
        got,
        [
            ("version".to_owned(), vrsn.clone(), true, true),
            ("url".to_owned(), link, false, true),
            (
                "sent".to_owned(),
                TypeRef::Format(Format::DateTime(DateCrate::Chrono)),
                false,
                false
            ),
            (
                "count".to_owned(),
                TypeRef::Integer(IntWidth::I64),
                false,
                false
            ),
            ("mixed".to_owned(), TypeRef::Any, false, false),
            ("with_object".to_owned(), TypeRef::Any, false, false),
        ]
    );
    assert_eq!(ty(&api, "Id").kind, TypeKind::Alias(vrsn));
}

#[test]
fn properties_beside_a_one_of_are_never_lost() {
    // Found on Xero's payroll API: `NICategory` declares its properties and a `oneOf` of parts
    // that only narrow them (which fields are required, which enum values go together); its
    // properties were lost and the parts became variants of undescribed fields. The same for
    // `oneOf: [{required: [email]}, {required: [phone]}]` (a map of any values) and for parts
    // that add properties (variants without the shared ones).
    let api = lower_ok(
        "    Contact:
      type: object
      properties:
        email: {type: string}
        phone: {type: string}
      oneOf:
        - required: [email]
        - required: [phone]
    Category:
      type: object
      required: [kind]
      properties:
        kind: {type: string}
        start: {type: string, format: date}
      anyOf:
        - required: [start]
          properties:
            kind: {enum: [a, b]}
        - properties:
            kind: {enum: [c]}
    Pet:
      type: object
      required: [name]
      properties:
        name: {type: string}
      oneOf:
        - $ref: '#/components/schemas/Dog'
        - type: object
          properties:
            meows: {type: boolean}
    Dog:
      type: object
      properties:
        barks: {type: boolean}",
    );
    let names = |api: &Api, name: &str| -> Vec<(String, bool)> {
        fields(api, name)
            .into_iter()
            .map(|(name, _, required, _)| (name, required))
            .collect()
    };
    // Parts that only narrow: the schema's own object, nothing required that not every
    // alternative requires.
    assert_eq!(
        names(&api, "Contact"),
        [("email".to_owned(), false), ("phone".to_owned(), false)]
    );
    assert_eq!(
        names(&api, "Category"),
        [("kind".to_owned(), true), ("start".to_owned(), false)]
    );
    // Parts that add properties: each variant has the shared ones too.
    let TypeKind::OneOf { variants, .. } = &ty(&api, "Pet").kind else {
        panic!("{:?}", ty(&api, "Pet"))
    };
    let variant_fields: Vec<Vec<(String, bool)>> = variants
        .iter()
        .map(|v| {
            names(
                &api,
                api.name_of(match &v.ty {
                    TypeRef::Named(id) => *id,
                    other => panic!("{other:?}"),
                }),
            )
        })
        .collect();
    assert_eq!(
        variant_fields,
        [
            vec![("name".to_owned(), true), ("barks".to_owned(), false)],
            vec![("name".to_owned(), true), ("meows".to_owned(), false)],
        ]
    );
    // `Dog` itself is unchanged.
    assert_eq!(names(&api, "Dog"), [("barks".to_owned(), false)]);
}

#[test]
fn an_all_of_with_alternatives_is_each_alternative_merged_with_the_rest() {
    // `allOf` beside or around a `oneOf` was the `allOf` alone (the alternatives lost) or any
    // JSON value (everything lost).
    let api = lower_ok(
        "    Base:
      type: object
      required: [id]
      properties:
        id: {type: string}
    A:
      type: object
      properties: {a: {type: string}}
    B:
      type: object
      properties: {b: {type: integer}}
    Beside:
      allOf:
        - $ref: '#/components/schemas/Base'
      oneOf:
        - $ref: '#/components/schemas/A'
        - $ref: '#/components/schemas/B'
    Within:
      allOf:
        - $ref: '#/components/schemas/Base'
        - anyOf:
            - $ref: '#/components/schemas/A'
            - type: object
              properties: {c: {type: boolean}}
    Narrowed:
      allOf:
        - $ref: '#/components/schemas/Base'
        - oneOf:
            - required: [id]
            - properties: {id: {enum: [x]}}",
    );
    let variant_fields = |name: &str| -> Vec<Vec<String>> {
        let TypeKind::OneOf { variants, .. } = &ty(&api, name).kind else {
            panic!("{:?}", ty(&api, name))
        };
        variants
            .iter()
            .map(|v| {
                let TypeRef::Named(id) = &v.ty else {
                    panic!("{v:?}")
                };
                fields(&api, api.name_of(*id))
                    .into_iter()
                    .map(|(name, ..)| name)
                    .collect()
            })
            .collect()
    };
    assert_eq!(variant_fields("Beside"), [["id", "a"], ["id", "b"]]);
    assert_eq!(variant_fields("Within"), [["id", "a"], ["id", "c"]]);
    let narrowed: Vec<String> = fields(&api, "Narrowed")
        .into_iter()
        .map(|(name, ..)| name)
        .collect();
    assert_eq!(narrowed, ["id"]);
}

#[test]
fn an_all_of_of_a_referenced_union_is_each_alternative_merged_tagged_and_recursive() {
    // InfluxDB's template summaries: `allOf: [{…}, $ref: Check]`, `Check` a discriminated
    // `oneOf`, was any value. The union's discriminator tags the merged variants; an
    // alternative holding the same `allOf` again is the type being made, not an endless
    // expansion.
    let api = lower_ok(
        "    Base:
      type: object
      required: [id]
      properties:
        id: {type: string}
    Kinds:
      discriminator:
        propertyName: kind
        mapping: {leaf: '#/components/schemas/Leaf', branch: '#/components/schemas/Branch'}
      oneOf:
        - $ref: '#/components/schemas/Leaf'
        - $ref: '#/components/schemas/Branch'
    Leaf:
      type: object
      required: [kind]
      properties: {kind: {type: string}, value: {type: integer}}
    Branch:
      type: object
      required: [kind]
      properties:
        kind: {type: string}
        children:
          type: array
          items:
            allOf:
              - $ref: '#/components/schemas/Base'
              - $ref: '#/components/schemas/Kinds'
    Node:
      allOf:
        - $ref: '#/components/schemas/Base'
        - $ref: '#/components/schemas/Kinds'",
    );
    let TypeKind::OneOf { tag, variants, .. } = &ty(&api, "Node").kind else {
        panic!("{:?}", ty(&api, "Node"))
    };
    assert_eq!(tag.as_ref().map(|t| t.property.as_str()), Some("kind"));
    let tags: Vec<&[String]> = variants.iter().map(|v| v.tag_values.as_slice()).collect();
    assert_eq!(tags, [["leaf".to_owned()], ["branch".to_owned()]]);
    let names = |ty: &TypeRef| -> Vec<String> {
        let TypeRef::Named(id) = ty else {
            panic!("{ty:?}")
        };
        fields(&api, api.name_of(*id))
            .into_iter()
            .map(|(name, ..)| name)
            .collect()
    };
    assert_eq!(names(&variants[0].ty), ["id", "kind", "value"]);
    assert_eq!(names(&variants[1].ty), ["id", "kind", "children"]);
    // The children of a merged branch are merged nodes again: a recursive type.
    let children = &fields(
        &api,
        api.name_of(match &variants[1].ty {
            TypeRef::Named(id) => *id,
            other => panic!("{other:?}"),
        }),
    )[2];
    let TypeRef::Array(item) = &children.1 else {
        panic!("{children:?}")
    };
    let TypeRef::Named(item) = item.as_ref() else {
        panic!("{item:?}")
    };
    assert!(
        matches!(api.get(*item).unwrap().kind, TypeKind::OneOf { .. }),
        "{:?}",
        api.get(*item)
    );
}

#[test]
fn a_subtype_of_a_union_that_all_ofs_it_back_is_its_own_struct() {
    // `Pet: {oneOf: [Dog, Cat]}` with `Dog: {allOf: [$ref: Pet, {…}]}`: `Pet` adds nothing to a
    // `Dog`; read as alternatives it made `Dog` the union itself, and before that any value.
    let api = lower_ok(
        "    Pet:
      discriminator: {propertyName: kind}
      oneOf:
        - $ref: '#/components/schemas/Dog'
        - $ref: '#/components/schemas/Cat'
    Dog:
      allOf:
        - $ref: '#/components/schemas/Pet'
        - type: object
          required: [kind]
          properties: {kind: {type: string}, bark: {type: boolean}}
    Cat:
      allOf:
        - $ref: '#/components/schemas/Pet'
        - type: object
          required: [kind]
          properties: {kind: {type: string}, meow: {type: boolean}}
    Node:
      type: object
      properties:
        parent:
          nullable: true
          allOf: [{$ref: '#/components/schemas/Pet'}]",
    );
    let names = |name: &str| -> Vec<String> {
        fields(&api, name)
            .into_iter()
            .map(|(name, ..)| name)
            .collect()
    };
    assert_eq!(names("Dog"), ["kind", "bark"]);
    assert_eq!(names("Cat"), ["kind", "meow"]);
    let TypeKind::OneOf { variants, .. } = &ty(&api, "Pet").kind else {
        panic!("{:?}", ty(&api, "Pet"))
    };
    assert_eq!(variants[0].ty, named(&api, "Dog"));
    // A nullable `allOf` of the union alone is the union (not a copy of its alternatives,
    // which would hold the field again and again: Oxide's `read_only_parent`).
    let parent = &fields(&api, "Node")[0];
    assert_eq!(parent.1, named(&api, "Pet"));
    assert!(parent.3, "{parent:?}");
}

#[test]
fn a_schema_built_with_a_yaml_merge_key_has_the_merged_properties() {
    // Found by hand: `<<: *base` was read as a key named `<<`, and `Pet`, left with
    // `required` alone, silently became any JSON value.
    let api = common::lower_ok(&format!(
        "{HEAD}components:\n  schemas:\n    Base: &base\n      type: object\n      \
         properties:\n        id: {{type: integer}}\n    Pet:\n      <<: *base\n      \
         required: [id]\n"
    ));
    let TypeKind::Struct { fields, .. } = &ty(&api, "Pet").kind else {
        panic!("{:?}", ty(&api, "Pet"))
    };
    assert_eq!(fields.len(), 1);
    assert_eq!((fields[0].name.as_str(), fields[0].required), ("id", true));
}

#[test]
fn a_percent_encoded_reference_to_a_component_names_that_component() {
    // Found by hand: a `$ref` is a URI, so `Foo%20Bar` names the component `Foo Bar`; it was
    // looked up as written, found dangling, and the operations using it were skipped.
    let api = common::lower_ok(&format!(
        "{}paths:\n  /a:\n    get:\n      operationId: getA\n      parameters:\n        \
         - $ref: '#/components/parameters/The%20Limit'\n      responses:\n        '200':\n          \
         description: ok\n          content:\n            application/json:\n              \
         schema: {{$ref: '#/components/schemas/Foo%20Bar'}}\ncomponents:\n  parameters:\n    \
         The Limit: {{name: limit, in: query, schema: {{type: integer}}}}\n  schemas:\n    \
         Foo Bar:\n      type: object\n      properties:\n        x: {{type: string}}\n    \
         Pick:\n      oneOf: [{{$ref: '#/components/schemas/Foo%20Bar'}}, {{$ref: '#/components/schemas/Baz'}}]\n      \
         discriminator: {{propertyName: x, mapping: {{foo: '#/components/schemas/Foo%20Bar'}}}}\n    \
         Baz: {{type: object, properties: {{x: {{type: string}}}}}}\n",
        common::HEAD
    ));
    assert!(api.warnings.is_empty(), "{:?}", api.warnings);
    let op = &api.operations[0];
    assert_eq!(op.params.len(), 1);
    assert!(matches!(ty(&api, "FooBar").kind, TypeKind::Struct { .. }));
    let TypeKind::OneOf { variants, .. } = &ty(&api, "Pick").kind else {
        panic!("{:?}", ty(&api, "Pick"))
    };
    assert_eq!(variants[0].tag_values, ["foo"]);
}

#[test]
fn an_all_of_part_that_only_annotates_a_property_keeps_its_type() {
    // Okta's `UserFactorCall: {allOf: [$ref: UserFactor, {properties: {factorType: {example:
    // call}}}]}`: the second part gives `factorType` an example, not a type; the field was any
    // JSON value. A property in two parts must satisfy both, so one that adds no type keeps
    // the type the other gives.
    let api = lower_ok(
        "    FactorType: {type: string, enum: [call, sms]}
    Factor:
      type: object
      properties:
        factorType: {$ref: '#/components/schemas/FactorType'}
        id: {type: string}
        created: {type: string, format: date-time}
    FactorCall:
      allOf:
        - $ref: '#/components/schemas/Factor'
        - type: object
          properties:
            factorType: {example: call}
            id: {description: The factor's id., readOnly: true}
            phone: {type: string}
",
    );
    let fields = fields(&api, "FactorCall");
    let types: Vec<(&str, &TypeRef)> = fields.iter().map(|f| (f.0.as_str(), &f.1)).collect();
    assert_eq!(types[0], ("factor_type", &named(&api, "FactorType")));
    assert_eq!(types[1], ("id", &TypeRef::String));
    assert_eq!(types[3], ("phone", &TypeRef::String));
    assert!(!matches!(types[2].1, TypeRef::Any), "{types:?}");
}

#[test]
fn a_schema_with_items_and_no_type_is_an_array() {
    // Okta: `excludedAuthenticationMethods: {items: {$ref: AuthenticationMethodObject}}`, and
    // list responses `{list: {items: {$ref: Server}}}`, were any JSON value. `items` (or
    // `minItems`/`maxItems`/`uniqueItems`) without a `type` describes an array, as
    // `properties` without one describes an object.
    let api = lower_ok(
        "    Method: {type: object, properties: {key: {type: string}}}
    Policy:
      type: object
      properties:
        excluded: {description: Methods to exclude., items: {$ref: '#/components/schemas/Method'}}
        tags: {minItems: 1, items: {type: string}}
        bare: {maxItems: 3}
        plain: {description: No constraint at all.}
",
    );
    let fields = fields(&api, "Policy");
    let types: Vec<(&str, &TypeRef)> = fields.iter().map(|f| (f.0.as_str(), &f.1)).collect();
    assert_eq!(
        types,
        [
            ("excluded", &TypeRef::Array(Box::new(named(&api, "Method")))),
            ("tags", &TypeRef::Array(Box::new(TypeRef::String))),
            ("bare", &TypeRef::Array(Box::new(TypeRef::Any))),
            ("plain", &TypeRef::Any),
        ]
    );
}

#[test]
fn inline_scalar_and_array_alternatives_are_named_after_their_format_and_items() {
    let api = lower_ok(
        "    Tag: {type: object, properties: {name: {type: string}}}
    Attribute:
      anyOf:
        - {type: string}
        - {type: string, format: date-time}
        - {type: string, format: uuid}
        - {type: array, items: {type: string}}
        - {type: array, items: {type: integer}}
        - {type: array, items: {type: array, items: {type: integer}}}
        - {type: array, items: {$ref: '#/components/schemas/Tag'}}
        - {type: array, items: {}}
    Input:
      oneOf:
        - {type: string, title: string}
        - {type: array, title: array, items: {type: string}}
        - {type: array, title: array, items: {type: integer}}
        - {type: boolean, title: Flag}
",
    );
    let names = |name: &str| match &ty(&api, name).kind {
        TypeKind::OneOf { variants, .. } => {
            let mut names: Vec<String> = variants.iter().map(|v| v.name.clone()).collect();
            names.sort();
            names
        }
        other => panic!("{other:?}"),
    };
    assert_eq!(
        names("Attribute"),
        [
            "Array",
            "DateTime",
            "IntegerArray",
            "IntegerArrayArray",
            "String",
            "StringArray",
            "TagArray",
            "Uuid"
        ]
    );
    // Titles that only name the JSON type, or that two alternatives share, tell nothing apart.
    assert_eq!(
        names("Input"),
        ["Flag", "IntegerArray", "String", "StringArray"]
    );
}

#[test]
fn inline_object_alternatives_are_named_after_what_tells_them_apart() {
    // serde's externally tagged enums, as dropshot, utoipa and aide describe them: each
    // alternative an object of one required property named for the variant. A lone
    // alternative with a single-valued required property is named for that value; others keep
    // their kind (`Object`).
    let api = lower_ok(
        "    Shape:
      oneOf:
        - type: object
          required: [Circle]
          properties:
            Circle: {type: object, properties: {radius: {type: number}}}
        - type: object
          required: [Rect]
          properties:
            Rect: {$ref: '#/components/schemas/Rect'}
        - type: object
          required: [type, lives]
          properties:
            type: {type: string, enum: [Bird]}
            lives: {type: integer}
        - type: object
          properties:
            loose: {type: string}
        - type: string
          enum: [Empty]
    Rect:
      type: object
      properties: {w: {type: number}}
",
    );
    let TypeKind::OneOf { variants, .. } = &ty(&api, "Shape").kind else {
        panic!()
    };
    let mut names: Vec<&str> = variants.iter().map(|v| v.name.as_str()).collect();
    names.sort_unstable();
    assert_eq!(names, ["Bird", "Circle", "Empty", "Object", "Rect"]);
}
