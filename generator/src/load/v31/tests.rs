//! The rules on JSON values: a 3.1 document in, the 3.0 document out.

use serde_json::{Value, json};

use super::normalise;
use crate::ir::Warning;

fn doc(schemas: Value) -> Value {
    json!({
        "openapi": "3.1.0",
        "info": {"title": "T", "version": "1"},
        "paths": {},
        "components": {"schemas": schemas},
    })
}

fn run(mut value: Value) -> (Value, Vec<Warning>) {
    let mut warnings = Vec::new();
    normalise(&mut value, &mut warnings).unwrap();
    (value, warnings)
}

fn schemas(schemas: Value) -> Value {
    let (out, warnings) = run(doc(schemas));
    assert!(warnings.is_empty(), "{warnings:?}");
    out["components"]["schemas"].clone()
}

#[test]
fn a_null_in_a_type_list_is_nullable() {
    let out = schemas(json!({"A": {"type": ["string", "null"], "maxLength": 3}}));
    assert_eq!(
        out["A"],
        json!({"type": "string", "maxLength": 3, "nullable": true})
    );
}

#[test]
fn a_null_member_of_any_of_makes_the_other_member_nullable() {
    let out = schemas(json!({
        "A": {"anyOf": [{"type": "integer", "format": "int32"}, {"type": "null"}], "description": "d"},
        "B": {"oneOf": [{"$ref": "#/components/schemas/A"}, {"type": "null"}], "description": "d"},
        "C": {"anyOf": [{"type": "null"}, {"$ref": "#/components/schemas/A"}, {"type": "string"}]},
    }));
    assert_eq!(
        out["A"],
        json!({"description": "d", "nullable": true, "type": "integer", "format": "int32"})
    );
    assert_eq!(
        out["B"],
        json!({"description": "d", "nullable": true, "allOf": [{"$ref": "#/components/schemas/A"}]})
    );
    assert_eq!(
        out["C"],
        json!({"anyOf": [{"$ref": "#/components/schemas/A"}, {"type": "string"}], "nullable": true})
    );
}

#[test]
fn const_is_a_single_value_enum_with_its_type() {
    let out = schemas(json!({
        "A": {"const": "dog"},
        "B": {"const": 3, "type": "integer"},
        "C": {"const": null},
    }));
    assert_eq!(out["A"], json!({"type": "string", "enum": ["dog"]}));
    assert_eq!(out["B"], json!({"type": "integer", "enum": [3]}));
    assert_eq!(out["C"], json!({"enum": [null], "nullable": true}));
}

#[test]
fn ref_siblings_become_an_all_of_wrapper() {
    let out = schemas(json!({
        "A": {"type": "object", "properties": {
            "b": {"$ref": "#/components/schemas/B", "description": "The b.", "default": "x"},
            "c": {"$ref": "#/components/schemas/B"},
        }},
        "B": {"type": "string"},
        "U": {"oneOf": [{"$ref": "#/components/schemas/B", "description": "dropped"}]},
    }));
    assert_eq!(
        out["A"]["properties"]["b"],
        json!({"description": "The b.", "default": "x", "allOf": [{"$ref": "#/components/schemas/B"}]})
    );
    assert_eq!(
        out["A"]["properties"]["c"],
        json!({"$ref": "#/components/schemas/B"})
    );
    assert_eq!(
        out["U"]["oneOf"][0],
        json!({"$ref": "#/components/schemas/B"})
    );
}

#[test]
fn several_types_are_a_one_of() {
    let out = schemas(json!({
        "A": {"type": ["string", "integer", "null"], "maxLength": 4, "minimum": 1, "format": "int64",
              "description": "d"},
        "B": {"type": ["string", "integer"], "enum": ["a", 1, "b"]},
        "C": {"type": ["string", "boolean"], "enum": ["a"]},
        "D": {"type": ["integer", "number"]},
    }));
    assert_eq!(
        out["A"],
        json!({"description": "d", "nullable": true, "oneOf": [
            {"type": "string", "maxLength": 4},
            {"type": "integer", "minimum": 1, "format": "int64"},
        ]})
    );
    assert_eq!(
        out["B"],
        json!({"oneOf": [{"type": "string", "enum": ["a", "b"]}, {"type": "integer", "enum": [1]}]})
    );
    assert_eq!(out["C"], json!({"type": "string", "enum": ["a"]}));
    assert_eq!(out["D"], json!({"type": "number"}));
}

#[test]
fn null_alone_admits_only_null() {
    let out = schemas(json!({"A": {"type": "null", "description": "d"}}));
    assert_eq!(
        out["A"],
        json!({"description": "d", "nullable": true, "enum": [null]})
    );
}

#[test]
fn exclusive_bounds_take_the_boolean_form() {
    let out = schemas(json!({
        "A": {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 10, "maximum": 5},
        "B": {"type": "number", "exclusiveMinimum": 0, "minimum": 0},
    }));
    assert_eq!(
        out["A"],
        json!({"type": "number", "exclusiveMinimum": true, "maximum": 5, "minimum": 0})
    );
    assert_eq!(
        out["B"],
        json!({"type": "number", "exclusiveMinimum": true, "minimum": 0})
    );
}

#[test]
fn content_encoding_and_media_type_give_the_format() {
    let out = schemas(json!({
        "A": {"type": "string", "contentEncoding": "base64"},
        "B": {"type": "string", "contentMediaType": "image/png"},
        "C": {"type": "string", "contentMediaType": "application/json", "contentSchema": {}},
        "D": {"type": "string", "contentEncoding": "binary"},
        "E": {"type": "string", "format": "uri", "contentMediaType": "image/png"},
    }));
    assert_eq!(out["A"], json!({"type": "string", "format": "byte"}));
    assert_eq!(out["B"], json!({"type": "string", "format": "binary"}));
    assert_eq!(out["C"], json!({"type": "string"}));
    assert_eq!(out["D"], json!({"type": "string", "format": "binary"}));
    assert_eq!(out["E"], json!({"type": "string", "format": "uri"}));
}

#[test]
fn examples_give_the_example_and_meta_keywords_go() {
    let out = schemas(json!({
        "A": {"type": "string", "examples": ["a", "b"], "$id": "x", "$schema": "s", "$comment": "c",
              "propertyNames": {"maxLength": 3}, "dependentRequired": {"a": ["b"]}},
    }));
    assert_eq!(out["A"], json!({"type": "string", "example": "a"}));
}

#[test]
fn defs_that_are_referenced_become_components() {
    let (out, warnings) = run(doc(json!({
        "Pet": {"type": "object",
                "properties": {"tag": {"$ref": "#/components/schemas/Pet/$defs/Tag"}},
                "$defs": {"Tag": {"type": "string"}, "Unused": {"type": "integer"}}},
        "Owner": {"$defs": {"Tag": {"type": "integer"}},
                  "properties": {"tag": {"$ref": "#/components/schemas/Owner/$defs/Tag"}}},
    })));
    assert!(warnings.is_empty());
    let schemas = &out["components"]["schemas"];
    assert_eq!(schemas["Tag"], json!({"type": "string"}));
    assert_eq!(schemas["OwnerTag"], json!({"type": "integer"}));
    assert_eq!(
        schemas["Pet"],
        json!({"type": "object", "properties": {"tag": {"$ref": "#/components/schemas/Tag"}}})
    );
    assert_eq!(
        schemas["Owner"]["properties"]["tag"],
        json!({"$ref": "#/components/schemas/OwnerTag"})
    );
}

#[test]
fn anchors_are_followed() {
    let out = schemas(json!({
        "A": {"type": "object", "properties": {"b": {"$ref": "#thing"}}},
        "B": {"$anchor": "thing", "type": "string"},
    }));
    assert_eq!(
        out["A"]["properties"]["b"],
        json!({"$ref": "#/components/schemas/B"})
    );
}

#[test]
fn tuples_and_pattern_properties_fall_back_with_a_warning() {
    let (out, warnings) = run(doc(json!({
        "T": {"type": "array", "prefixItems": [{"type": "integer"}, {"type": "string"}]},
        "P": {"type": "object", "patternProperties": {"^a": {"type": "integer"}}},
        "Q": {"type": "object", "patternProperties": {"^a": {"type": "integer"}, "^b": {"type": "string"}}},
        // Found in ogen's tests: patterns (and extra properties) that agree are one map.
        "R": {"type": "object", "patternProperties": {"^a": {"type": "string"}, "^b": {"type": "string"}}},
        "S": {"type": "object", "patternProperties": {"^x-": {"type": "string"}}, "additionalProperties": {"type": "string"}},
        "U": {"type": "object", "patternProperties": {"^x-": {"type": "string"}}, "additionalProperties": {"type": "integer"}},
    })));
    let schemas = &out["components"]["schemas"];
    assert_eq!(schemas["T"], json!({"type": "array"}));
    assert_eq!(
        schemas["P"],
        json!({"type": "object", "additionalProperties": {"type": "integer"}})
    );
    assert_eq!(
        schemas["Q"],
        json!({"type": "object", "additionalProperties": {}})
    );
    for same in ["R", "S"] {
        assert_eq!(
            schemas[same],
            json!({"type": "object", "additionalProperties": {"type": "string"}})
        );
    }
    assert_eq!(
        schemas["U"],
        json!({"type": "object", "additionalProperties": {}})
    );
    let pointers: Vec<&str> = warnings.iter().map(|w| w.pointer.as_str()).collect();
    assert_eq!(
        pointers,
        [
            "#/components/schemas/T",
            "#/components/schemas/Q",
            "#/components/schemas/U"
        ]
    );
}

#[test]
fn a_tuple_of_one_schema_that_holds_nothing_else_is_an_array_of_it() {
    let number = json!({"type": "number"});
    let (out, warnings) = run(doc(json!({
        // GeoJSON positions, as Pydantic writes `tuple[float, float]`.
        "Point": {"type": "array", "prefixItems": [number, number], "minItems": 2, "maxItems": 2},
        "Closed": {"type": "array", "prefixItems": [number, number], "items": false},
        "More": {"type": "array", "prefixItems": [number], "items": number},
        "Old": {"type": "array", "items": [number, number], "additionalItems": false},
        // More items of any kind may follow: not an array of numbers.
        "Open": {"type": "array", "prefixItems": [number, number]},
        "Mixed": {"type": "array", "prefixItems": [number, {"type": "string"}], "maxItems": 2},
    })));
    let schemas = &out["components"]["schemas"];
    assert_eq!(
        schemas["Point"],
        json!({"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 2})
    );
    for name in ["Closed", "More", "Old"] {
        assert_eq!(
            schemas[name],
            json!({"type": "array", "items": {"type": "number"}}),
            "{name}"
        );
    }
    assert_eq!(schemas["Open"], json!({"type": "array"}));
    let pointers: Vec<&str> = warnings.iter().map(|w| w.pointer.as_str()).collect();
    assert_eq!(
        pointers,
        ["#/components/schemas/Open", "#/components/schemas/Mixed"]
    );
}

#[test]
fn a_tuple_of_fixed_length_keeps_its_places_for_lower() {
    let (out, warnings) = run(doc(json!({
        "T": {"type": "array", "prefixItems": [{"type": "integer"}, {"type": ["string", "null"]}],
              "minItems": 2, "maxItems": 2},
        "U": {"type": "array", "items": [{"type": "integer"}, {"type": "string"}],
              "minItems": 2, "additionalItems": false},
    })));
    let schemas = &out["components"]["schemas"];
    assert_eq!(
        schemas["T"],
        json!({"type": "array", "minItems": 2, "maxItems": 2, "x-opengen-tuple":
            [{"type": "integer"}, {"type": "string", "nullable": true}]})
    );
    assert_eq!(
        schemas["U"]["x-opengen-tuple"],
        json!([{"type": "integer"}, {"type": "string"}])
    );
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn webhooks_are_left_out_one_warning_each() {
    let (out, warnings) = run(json!({
        "openapi": "3.1.0",
        "info": {"title": "T", "version": "1", "summary": "S"},
        "webhooks": {
            "newPet": {"post": {"responses": {"200": {"description": "ok"}}}},
            "gone": {"post": {}, "delete": {}},
        },
    }));
    assert_eq!(out["paths"], json!({}));
    assert!(out.get("webhooks").is_none());
    assert_eq!(out["info"]["description"], json!("S"));
    let pointers: Vec<&str> = warnings.iter().map(|w| w.pointer.as_str()).collect();
    assert_eq!(pointers, ["#/webhooks/newPet", "#/webhooks/gone"]);
    assert!(
        warnings[1].message.contains("(POST, DELETE)"),
        "{}",
        warnings[1].message
    );
}

#[test]
fn path_item_refs_are_replaced_by_their_target() {
    let (out, layer) = {
        let mut value = json!({
            "openapi": "3.1.0",
            "info": {"title": "T", "version": "1"},
            "paths": {"/pets": {"$ref": "#/components/pathItems/Pets"}},
            "components": {"pathItems": {"Pets": {"get": {"operationId": "list"}}}},
        });
        let mut warnings = Vec::new();
        let layer = normalise(&mut value, &mut warnings).unwrap();
        (value, layer)
    };
    assert_eq!(
        out["paths"]["/pets"],
        json!({"get": {"operationId": "list", "responses": {}}})
    );
    assert_eq!(
        layer["#/paths/~1pets"].pointer,
        "#/components/pathItems/Pets"
    );
}

#[test]
fn mutual_tls_is_left_out_of_schemes_and_requirements() {
    let (out, warnings) = run(json!({
        "openapi": "3.1.0",
        "info": {"title": "T", "version": "1"},
        "security": [{"mtls": []}, {"key": []}],
        "paths": {"/a": {"get": {"security": [{"mtls": [], "key": []}], "responses": {}}}},
        "components": {"securitySchemes": {
            "mtls": {"type": "mutualTLS"},
            "key": {"type": "apiKey", "in": "header", "name": "K"},
        }},
    }));
    assert_eq!(out["security"], json!([{}, {"key": []}]));
    assert_eq!(out["paths"]["/a"]["get"]["security"], json!([{"key": []}]));
    assert_eq!(
        out["components"]["securitySchemes"],
        json!({"key": {"type": "apiKey", "in": "header", "name": "K"}})
    );
    assert_eq!(warnings[0].pointer, "#/components/securitySchemes/mtls");
}

#[test]
fn moved_nodes_record_where_they_came_from() {
    let mut value = doc(json!({
        "A": {"anyOf": [{"type": "null"}, {"type": "object", "properties": {"x": {"type": "string"}}}]},
        "B": {"anyOf": [{"type": "null"}, {"$ref": "#/components/schemas/A"}, {"type": "string"}]},
        "C": {"type": "object", "properties": {"r": {"$ref": "#/components/schemas/A", "description": "d"}}},
        "D": {"type": ["object", "string"], "properties": {"y": {"type": "string"}}},
    }));
    let mut warnings = Vec::new();
    let layer = normalise(&mut value, &mut warnings).unwrap();
    let mut origins = crate::load::Origins::default();
    origins.push(layer);
    let at = |p: &str| origins.locate(p).pointer;
    assert_eq!(
        at("#/components/schemas/A/properties/x"),
        "#/components/schemas/A/anyOf/1/properties/x"
    );
    assert_eq!(
        at("#/components/schemas/B/anyOf/0"),
        "#/components/schemas/B/anyOf/1"
    );
    assert_eq!(
        at("#/components/schemas/B/anyOf/1"),
        "#/components/schemas/B/anyOf/2"
    );
    assert_eq!(
        at("#/components/schemas/C/properties/r/allOf/0"),
        "#/components/schemas/C/properties/r"
    );
    assert_eq!(
        at("#/components/schemas/D/oneOf/0/properties/y"),
        "#/components/schemas/D/properties/y"
    );
    assert_eq!(at("#/components/schemas/D"), "#/components/schemas/D");
}

#[test]
fn refs_to_the_enclosing_schemas_defs_resolve_there() {
    let out = schemas(json!({
        "Outer": {"type": "object",
                  "properties": {"inner": {"$ref": "#/$defs/Inner"}, "list": {"type": "array", "items": {"$ref": "#/definitions/Item"}}},
                  "$defs": {"Inner": {"type": "object", "properties": {"again": {"$ref": "#/$defs/Inner"}}}},
                  "definitions": {"Item": {"type": "integer"}}},
    }));
    assert_eq!(
        out["Outer"]["properties"]["inner"],
        json!({"$ref": "#/components/schemas/Inner"})
    );
    assert_eq!(
        out["Outer"]["properties"]["list"]["items"],
        json!({"$ref": "#/components/schemas/Item"})
    );
    assert_eq!(
        out["Inner"]["properties"]["again"],
        json!({"$ref": "#/components/schemas/Inner"})
    );
}

#[test]
fn a_merged_member_with_its_own_null_member_is_read_too() {
    let out = schemas(json!({
        "A": {"oneOf": [{"anyOf": [{"type": "string"}, {"type": "null"}]}, {"type": "null"}]},
    }));
    assert_eq!(out["A"], json!({"nullable": true, "type": "string"}));
}

#[test]
fn nested_merges_record_the_innermost_origin() {
    let mut value = doc(json!({
        "A": {"oneOf": [
            {"anyOf": [{"type": "null"}, {"type": "object", "properties": {"x": {"type": "string"}}}]},
            {"type": "null"},
        ]},
    }));
    let mut warnings = Vec::new();
    let layer = normalise(&mut value, &mut warnings).unwrap();
    let mut origins = crate::load::Origins::default();
    origins.push(layer);
    assert_eq!(
        origins
            .locate("#/components/schemas/A/properties/x")
            .pointer,
        "#/components/schemas/A/oneOf/0/anyOf/1/properties/x"
    );
}
