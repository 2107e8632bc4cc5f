//! Inheritance-style discriminators: a base object with a `discriminator` and no `oneOf`, and
//! the schemas that `allOf` it. The base decodes into its subtypes by the tag.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

mod common;

use common::{HEAD_NO_PATHS as HEAD, named, ty};
use opengen::ir::{Api, Discriminator, OneOfVariant, TypeKind, TypeRef};

/// A base with two mapped subtypes and one that only the default (its schema name) tags.
const APPLICATION: &str = r##"
    Application:
      type: object
      required: [signOnMode]
      properties:
        id: {type: string}
        signOnMode: {type: string, enum: [AUTO_LOGIN, BASIC_AUTH, SWA]}
      discriminator:
        propertyName: signOnMode
        mapping:
          AUTO_LOGIN: '#/components/schemas/AutoLoginApplication'
          BASIC_AUTH: '#/components/schemas/BasicAuthApplication'
    AutoLoginApplication:
      allOf:
        - $ref: '#/components/schemas/Application'
        - type: object
          properties:
            loginUrl: {type: string}
    BasicAuthApplication:
      allOf:
        - $ref: '#/components/schemas/Application'
        - properties:
            realm: {type: string}
    SwaApplication:
      description: Adds nothing of its own.
      allOf:
        - $ref: '#/components/schemas/Application'
    Catalog:
      type: object
      properties:
        apps: {type: array, items: {$ref: '#/components/schemas/Application'}}
"##;

fn lower(schemas: &str) -> Api {
    common::lower_ok(&format!("{HEAD}components:\n  schemas:\n{schemas}"))
}

fn field_names(api: &Api, name: &str) -> Vec<String> {
    let TypeKind::Struct { fields, additional } = &ty(api, name).kind else {
        panic!("{name} is not a struct: {:?}", ty(api, name))
    };
    // The map of other properties comes after the fields.
    fields
        .iter()
        .map(|f| f.name.clone())
        .chain(additional.iter().map(|a| a.name.clone()))
        .collect()
}

fn variant(api: &Api, name: &str, ty: &str, tags: &[&str]) -> OneOfVariant {
    OneOfVariant {
        name: name.into(),
        ty: named(api, ty),
        tag_values: tags.iter().map(|t| (*t).to_owned()).collect(),
    }
}

#[test]
fn a_base_with_a_discriminator_decodes_into_the_schemas_that_all_of_it() {
    let api = lower(APPLICATION);
    assert_eq!(
        ty(&api, "Application").kind,
        TypeKind::OneOf {
            tag: Some(Discriminator {
                property: "signOnMode".into()
            }),
            variants: vec![
                variant(&api, "AutoLogin", "AutoLoginApplication", &["AUTO_LOGIN"]),
                variant(&api, "BasicAuth", "BasicAuthApplication", &["BASIC_AUTH"]),
                variant(&api, "Swa", "SwaApplication", &["SwaApplication"]),
            ],
            unknown: Some(named(&api, "ApplicationBase")),
        }
    );
    // The base's own fields, for values whose tag names no known subtype; the other fields of
    // such a value are kept beside them.
    assert_eq!(
        field_names(&api, "ApplicationBase"),
        ["id", "sign_on_mode", "other_fields"]
    );
    // Subtypes keep the base's fields and add their own.
    assert_eq!(
        field_names(&api, "AutoLoginApplication"),
        ["id", "sign_on_mode", "login_url"]
    );
    assert_eq!(
        field_names(&api, "BasicAuthApplication"),
        ["id", "sign_on_mode", "realm"]
    );
    // A subtype that adds nothing is the base's fields, not the enum (which would hold itself).
    assert_eq!(
        ty(&api, "SwaApplication").kind,
        TypeKind::Alias(named(&api, "ApplicationBase"))
    );
    // Everything that refers to the base gets the enum.
    let TypeKind::Struct { fields, .. } = &ty(&api, "Catalog").kind else {
        panic!("Catalog is not a struct")
    };
    assert_eq!(
        fields[0].ty,
        TypeRef::Array(Box::new(named(&api, "Application")))
    );
}

#[test]
fn a_base_that_no_schema_extends_stays_a_struct() {
    let api = lower(
        r##"
    Pet:
      type: object
      properties:
        kind: {type: string}
      discriminator: {propertyName: kind}
"##,
    );
    assert_eq!(field_names(&api, "Pet"), ["kind"]);
    assert!(api.types.iter().all(|t| t.name != "PetBase"));
}

#[test]
fn schemas_that_extend_a_subtype_are_subtypes_of_the_base_too() {
    // `Cat` and `Dog` extend `Animal` through `Mammal`: a value tagged as one of them decodes
    // as it, whether the mapping names it (`cat`) or not (`Dog`, its schema name).
    let api = lower(
        r##"
    Animal:
      type: object
      properties:
        kind: {type: string}
      discriminator:
        propertyName: kind
        mapping:
          cat: '#/components/schemas/Cat'
          animal: '#/components/schemas/Animal'
    Mammal:
      allOf:
        - $ref: '#/components/schemas/Animal'
        - properties: {legs: {type: integer}}
    Cat:
      allOf:
        - $ref: '#/components/schemas/Mammal'
        - properties: {meows: {type: boolean}}
    Dog:
      allOf:
        - $ref: '#/components/schemas/Mammal'
        - properties: {barks: {type: boolean}}
"##,
    );
    let TypeKind::OneOf {
        variants, unknown, ..
    } = &ty(&api, "Animal").kind
    else {
        panic!("Animal is not an enum: {:?}", ty(&api, "Animal"))
    };
    assert_eq!(
        variants,
        &vec![
            variant(&api, "Mammal", "Mammal", &["Mammal"]),
            variant(&api, "Cat", "Cat", &["cat"]),
            variant(&api, "Dog", "Dog", &["Dog"]),
        ]
    );
    // `animal` maps to the base itself: such values are the base's fields.
    assert_eq!(unknown, &Some(named(&api, "AnimalBase")));
    assert_eq!(field_names(&api, "Cat"), ["kind", "legs", "meows"]);
}

#[test]
fn subtypes_whose_tags_collide_leave_the_base_a_struct_with_a_warning() {
    let api = lower(
        r##"
    Shape:
      type: object
      properties:
        type: {type: string}
      discriminator:
        propertyName: type
        mapping:
          round: '#/components/schemas/Circle'
    Circle:
      allOf:
        - $ref: '#/components/schemas/Shape'
        - properties: {r: {type: number}}
    round:
      allOf:
        - $ref: '#/components/schemas/Shape'
        - properties: {d: {type: number}}
"##,
    );
    assert_eq!(field_names(&api, "Shape"), ["type"]);
    assert_eq!(api.warnings.len(), 1, "{:?}", api.warnings);
    assert_eq!(
        api.warnings[0].pointer,
        "#/components/schemas/Shape/discriminator"
    );
    assert!(
        api.warnings[0].message.contains("`round`"),
        "{}",
        api.warnings[0].message
    );
}

#[test]
fn a_base_that_holds_itself_is_boxed_in_the_enum_and_its_structs() {
    let api = lower(
        r##"
    Node:
      type: object
      properties:
        kind: {type: string}
        parent: {$ref: '#/components/schemas/Node'}
      discriminator: {propertyName: kind}
    Leaf:
      allOf:
        - $ref: '#/components/schemas/Node'
        - properties: {value: {type: integer}}
"##,
    );
    let boxed = |name: &str| TypeRef::Boxed(Box::new(named(&api, name)));
    let TypeKind::OneOf {
        variants, unknown, ..
    } = &ty(&api, "Node").kind
    else {
        panic!("Node is not an enum")
    };
    assert_eq!(variants[0].ty, boxed("Leaf"));
    assert_eq!(unknown, &Some(boxed("NodeBase")));
    for owner in ["NodeBase", "Leaf"] {
        let TypeKind::Struct { fields, .. } = &ty(&api, owner).kind else {
            panic!("{owner} is not a struct")
        };
        assert_eq!(fields[1].ty, boxed("Node"), "{owner}");
    }
}

#[test]
fn a_mapping_to_no_schema_is_a_warning_and_its_tag_decodes_as_the_base() {
    let api = lower(
        r##"
    Pet:
      type: object
      properties:
        kind: {type: string}
      discriminator:
        propertyName: kind
        mapping:
          dog: '#/components/schemas/Dog'
          cat: Cat
    Cat:
      allOf:
        - $ref: '#/components/schemas/Pet'
        - properties: {meows: {type: boolean}}
"##,
    );
    let TypeKind::OneOf { variants, .. } = &ty(&api, "Pet").kind else {
        panic!("Pet is not an enum: {:?}", ty(&api, "Pet"))
    };
    assert_eq!(variants, &vec![variant(&api, "Cat", "Cat", &["cat"])]);
    assert_eq!(api.warnings.len(), 1, "{:?}", api.warnings);
    assert_eq!(
        api.warnings[0].pointer,
        "#/components/schemas/Pet/discriminator/mapping/dog"
    );
    assert!(
        api.warnings[0].message.contains("decodes as the base"),
        "{}",
        api.warnings[0].message
    );
}
