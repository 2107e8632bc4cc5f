//! The keyword tables: which keywords only annotate, which are for JSON Schema tooling, which
//! only constrain validation, and which apply to values of one JSON type.

/// Keywords that only annotate a schema: a schema made of them says nothing about the value.
pub(super) fn is_annotation(key: &str) -> bool {
    matches!(
        key,
        "title"
            | "description"
            | "default"
            | "example"
            | "examples"
            | "deprecated"
            | "readOnly"
            | "writeOnly"
            | "externalDocs"
            | "nullable"
            | "$comment"
            | "xml"
    ) || key.starts_with("x-")
}

/// Keywords for JSON Schema tooling (identifiers, vocabularies, comments, definitions already
/// hoisted or unused): dropped.
pub(super) const META: [&str; 8] = [
    "$schema",
    "$id",
    "$anchor",
    "$dynamicAnchor",
    "$comment",
    "$vocabulary",
    "$defs",
    "definitions",
];

/// Keywords that only constrain validation (which property names, which items must appear, which
/// properties come together): the typed value is the same without them, so they are dropped.
pub(super) const VALIDATION_ONLY: [&str; 5] = [
    "propertyNames",
    "dependentRequired",
    "contains",
    "minContains",
    "maxContains",
];

const STRING_KEYWORDS: &[&str] = &[
    "minLength",
    "maxLength",
    "pattern",
    "contentEncoding",
    "contentMediaType",
    "contentSchema",
];

const NUMBER_KEYWORDS: &[&str] = &[
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
];

const ARRAY_KEYWORDS: &[&str] = &[
    "items",
    "prefixItems",
    "minItems",
    "maxItems",
    "uniqueItems",
    "contains",
    "minContains",
    "maxContains",
    "unevaluatedItems",
];

const OBJECT_KEYWORDS: &[&str] = &[
    "properties",
    "required",
    "additionalProperties",
    "patternProperties",
    "minProperties",
    "maxProperties",
    "propertyNames",
    "unevaluatedProperties",
    "dependentRequired",
    "dependentSchemas",
];

/// The keywords that apply to values of JSON type `name` only.
pub(super) fn keywords_of(name: &str) -> &'static [&'static str] {
    match name {
        "string" => STRING_KEYWORDS,
        "integer" | "number" => NUMBER_KEYWORDS,
        "array" => ARRAY_KEYWORDS,
        "object" => OBJECT_KEYWORDS,
        _ => &[],
    }
}
