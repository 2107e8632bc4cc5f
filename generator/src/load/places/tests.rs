use serde_json::json;

use super::*;

fn place(version: Version, pointer: &str) -> Place {
    of_pointer(&crate::load::json_pointer::tokens_of(pointer), version)
}

const SCHEMA: Place = One(Schema);
const V2: Version = Version::Swagger2;
const V30: Version = Version::OpenApi30;
const V31: Version = Version::OpenApi31;

#[test]
fn the_kind_of_place_decides_hoisting() {
    assert_eq!(place(V30, "#/components/schemas/A"), SCHEMA);
    assert_eq!(place(V2, "#/definitions/A/properties/x-y"), SCHEMA);
    assert_eq!(place(V30, "#/components/schemas/A/allOf/0"), SCHEMA);
    assert_eq!(
        place(V30, "#/paths/~1a/get/responses/200/content/a~1b/schema"),
        SCHEMA
    );
    assert_eq!(
        place(V30, "#/paths/~1a/get/parameters/0/schema/items"),
        SCHEMA
    );
    assert_eq!(place(V2, "#/paths/~1a/get/responses/200/schema"), SCHEMA);
    assert_eq!(place(V30, "#/components/parameters/schema"), One(Parameter));
    assert_eq!(place(V30, "#/components/schemas/A/description"), One(Other));
    assert_eq!(place(V30, "#/components/schemas/A/example"), Data);
    assert_eq!(place(V30, "#/paths/~1a/x-codeSamples"), Data);
    assert_eq!(place(V30, "#/paths/x-a"), Data);
    assert_eq!(
        place(
            V30,
            "#/paths/~1a/get/responses/200/content/a~1b/examples/e/value"
        ),
        Data
    );
}

#[test]
fn the_kind_is_told_by_the_place() {
    assert_eq!(place(V30, "#/components/schemas/T/properties/a"), SCHEMA);
    assert_eq!(
        place(V30, "#/components/schemas/T/properties"),
        Many(Schema)
    );
    // A property may be called `properties`.
    assert_eq!(
        place(V30, "#/components/schemas/T/properties/properties"),
        SCHEMA
    );
    assert_eq!(place(V30, "#/components/schemas/T/items/0"), SCHEMA);
    assert_eq!(place(V30, "#/paths/~1a/get/parameters/0"), One(Parameter));
    assert_eq!(place(V30, "#/paths/~1a/get/responses/200"), One(Response));
    assert_eq!(place(V30, "#/paths/~1a/get/responses"), One(Responses));
    assert_eq!(place(V30, "#/paths/~1a/post/requestBody"), One(RequestBody));
    assert_eq!(
        place(V30, "#/paths/~1a/get/responses/200/headers/X-Rate"),
        One(Header)
    );
    assert_eq!(
        place(
            V30,
            "#/components/callbacks/c/{$url}/post/requestBody/content/a~1b/schema"
        ),
        SCHEMA
    );
}

#[test]
fn the_keys_of_a_map_are_names_even_when_they_start_with_x() {
    // Headers, media types and components are named by the document; only objects that allow
    // extensions (the Paths, Responses and Callback Objects, and every fixed-field object)
    // read `x-` keys as extensions.
    assert_eq!(
        place(V30, "#/paths/~1a/get/responses/200/headers/x-rate-limit"),
        One(Header)
    );
    assert_eq!(place(V30, "#/components/schemas/x-thing"), SCHEMA);
    assert_eq!(place(V30, "#/components/parameters/x-p"), One(Parameter));
    assert_eq!(place(V30, "#/paths/~1a/get/responses/x-r"), Data);
    assert_eq!(place(V30, "#/components/callbacks/c/x-e"), Data);
    assert_eq!(place(V30, "#/components/schemas/A/x-extra"), Data);
}

#[test]
fn each_version_has_its_own_sections() {
    assert_eq!(place(V2, "#/definitions/A"), SCHEMA);
    assert_eq!(place(V30, "#/definitions/A"), One(Other));
    assert_eq!(place(V2, "#/parameters/p"), One(Parameter));
    assert_eq!(place(V31, "#/parameters/p"), One(Other));
    assert_eq!(place(V2, "#/paths/~1a/get/responses/200/schema"), SCHEMA);
    assert_eq!(
        place(V30, "#/paths/~1a/get/responses/200/schema"),
        One(Other)
    );
    assert_eq!(
        place(V31, "#/components/pathItems/P/get/parameters/0"),
        One(Parameter)
    );
    assert_eq!(
        place(V30, "#/components/pathItems/P/get/parameters/0"),
        One(Other)
    );
    assert_eq!(place(V31, "#/webhooks/w/post"), One(Operation));
    assert_eq!(place(V30, "#/paths/~1a/trace"), One(Operation));
    assert_eq!(place(V2, "#/paths/~1a/trace"), One(Other));
    assert_eq!(methods(V2).count(), 7);
    assert_eq!(methods(V31).last(), Some("trace"));
}

fn schemas_of(mut doc: Value, version: Version, skip: &[(Node, &str)]) -> Vec<String> {
    let mut found = Vec::new();
    for_each_schema(&mut doc, version, skip, &mut |_, at| {
        found.push(at.to_owned())
    });
    found
}

#[test]
fn every_top_level_schema_is_visited_in_the_tables_order() {
    let doc = json!({
        "components": {
            "requestBodies": {"B": {"content": {"a/b": {"schema": {}}}}},
            "schemas": {"S": {"properties": {"inner": {}}}, "x-named": {}},
            "pathItems": {"P": {"get": {"parameters": [{"schema": {}}]}}},
        },
        "paths": {
            "x-ext": {"get": {"parameters": [{"schema": {}}]}},
            "/a": {
                "get": {
                    "callbacks": {"c": {"{$url}": {"post": {"requestBody": {"content": {"a/b": {"schema": {}}}}}}}},
                    "responses": {
                        "200": {
                            "content": {"a/b": {"schema": {}, "encoding": {"e": {"headers": {"h": {"schema": {}}}}}}},
                            "headers": {"x-rate": {"schema": {}}},
                        },
                        "x-r": {"content": {"a/b": {"schema": {}}}},
                    },
                    "parameters": [{"schema": {}}, {"$ref": "#/components/parameters/P"}],
                },
                "parameters": [{"content": {"a/b": {"schema": {}}}}],
            },
        },
    });
    assert_eq!(
        schemas_of(doc, V31, &[(Components, "pathItems")]),
        [
            "#/paths/~1a/parameters/0/content/a~1b/schema",
            "#/paths/~1a/get/parameters/0/schema",
            "#/paths/~1a/get/responses/200/headers/x-rate/schema",
            "#/paths/~1a/get/responses/200/content/a~1b/schema",
            "#/paths/~1a/get/responses/200/content/a~1b/encoding/e/headers/h/schema",
            "#/paths/~1a/get/callbacks/c/{$url}/post/requestBody/content/a~1b/schema",
            "#/components/schemas/S",
            "#/components/schemas/x-named",
            "#/components/requestBodies/B/content/a~1b/schema",
        ]
    );
}

#[test]
fn a_skipped_section_is_not_walked() {
    let doc =
        json!({"components": {"pathItems": {"P": {"get": {"parameters": [{"schema": {}}]}}}}});
    assert_eq!(
        schemas_of(doc.clone(), V31, &[]),
        ["#/components/pathItems/P/get/parameters/0/schema"]
    );
    assert!(schemas_of(doc, V31, &[(Components, "pathItems")]).is_empty());
}
