use super::*;
use crate::load::origins::Origin;

/// Bundles `api.yaml` of a temporary folder holding `files`.
fn bundle_tree(files: &[(&str, &str)], version: Version) -> Result<Bundled> {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let root = dir.path().join("api.yaml");
    let bytes = std::fs::read(&root).unwrap();
    let value = super::super::parse::parse_value(&root, &bytes)
        .unwrap()
        .value;
    bundle(&root, &bytes, value, version, None)
}

#[test]
fn swagger_2_schemas_are_hoisted_into_definitions() {
    let bundled = bundle_tree(
        &[
            (
                "api.yaml",
                "swagger: '2.0'\npaths:\n  /a:\n    get:\n      parameters:\n        - {in: body, name: b, schema: {$ref: 'models.yaml#/definitions/Pet'}}\n      responses:\n        '200': {$ref: 'responses.yaml#/Ok'}\ndefinitions:\n  Pet: {type: string}\n",
            ),
            (
                "models.yaml",
                "definitions:\n  Pet: {type: object, properties: {tag: {$ref: '#/definitions/Tag'}}}\n  Tag: {type: string}\n",
            ),
            (
                "responses.yaml",
                "Ok: {description: ok, schema: {$ref: 'models.yaml#/definitions/Tag'}}\n",
            ),
        ],
        Version::Swagger2,
    )
    .unwrap();
    let value = &bundled.value;
    let keys: Vec<&String> = value["definitions"].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["Pet", "Pet_2", "Tag"]);
    assert_eq!(
        value["paths"]["/a"]["get"]["parameters"][0]["schema"]["$ref"],
        "#/definitions/Pet_2"
    );
    assert_eq!(
        value["paths"]["/a"]["get"]["responses"]["200"]["schema"]["$ref"],
        "#/definitions/Tag"
    );
    assert_eq!(
        value["definitions"]["Pet_2"]["properties"]["tag"]["$ref"],
        "#/definitions/Tag"
    );
    assert_eq!(
        bundled.layer["#/definitions/Pet_2"],
        Origin {
            file: Some(PathBuf::from("models.yaml")),
            pointer: "#/definitions/Pet".into()
        }
    );
}

#[test]
fn openapi_3_1_reference_summaries_and_descriptions_win() {
    let bundled = bundle_tree(
        &[
            (
                "api.yaml",
                "openapi: 3.1.0\npaths:\n  /a:\n    get:\n      parameters:\n        - {$ref: 'p.yaml', description: Mine.}\n",
            ),
            ("p.yaml", "{name: q, in: query, description: Theirs.}\n"),
        ],
        Version::OpenApi31,
    )
    .unwrap();
    let parameter = &bundled.value["paths"]["/a"]["get"]["parameters"][0];
    assert_eq!(parameter["description"], "Mine.");
    assert_eq!(parameter["name"], "q");
    assert!(parameter.get("$ref").is_none());
}

#[test]
fn a_reference_to_the_root_from_another_file_becomes_local() {
    let bundled = bundle_tree(
        &[
            (
                "api.yaml",
                "openapi: 3.0.3\npaths:\n  /a: {$ref: 'paths/a.yaml'}\ncomponents:\n  schemas:\n    Pet: {type: string}\n",
            ),
            (
                "paths/a.yaml",
                "get:\n  responses:\n    '200':\n      description: ok\n      content:\n        application/json:\n          schema: {$ref: '../api.yaml#/components/schemas/Pet'}\n",
            ),
        ],
        Version::OpenApi30,
    )
    .unwrap();
    assert_eq!(
        bundled.value["paths"]["/a"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
            ["$ref"],
        "#/components/schemas/Pet"
    );
    assert_eq!(bundled.files.len(), 2, "the root is read once");
}

#[test]
fn a_path_items_own_fields_beside_a_reference_to_another_file_are_kept() {
    // Found in openapi-typescript's fixtures: the `parameters` beside the `$ref` were dropped
    // (the path parameter became a string) and so was a `post` (with no warning at all).
    let bundled = bundle_tree(
        &[
            (
                "api.yaml",
                "openapi: 3.0.3\npaths:\n  /items/{id}:\n    $ref: 'paths.yaml#/Item'\n    parameters:\n      - {name: id, in: path, required: true, schema: {$ref: 'models.yaml#/Id'}}\n    post:\n      responses: {'200': {description: mine}}\n    summary: Mine.\n",
            ),
            (
                "paths.yaml",
                "Item:\n  summary: Theirs.\n  get:\n    responses: {'200': {description: theirs}}\n",
            ),
            ("models.yaml", "Id: {type: integer}\n"),
        ],
        Version::OpenApi30,
    )
    .unwrap();
    let item = &bundled.value["paths"]["/items/{id}"];
    assert!(item.get("$ref").is_none());
    assert_eq!(item["get"]["responses"]["200"]["description"], "theirs");
    assert_eq!(item["post"]["responses"]["200"]["description"], "mine");
    // Its own field wins over the target's; its references are followed from its own file.
    assert_eq!(item["summary"], "Mine.");
    assert_eq!(
        item["parameters"][0]["schema"]["$ref"],
        "#/components/schemas/Id"
    );
    // Errors point where each part was written.
    let at = |pointer: &str| super::super::origins::lookup(&bundled.layer, pointer);
    assert_eq!(
        at("#/paths/~1items~1{id}/get"),
        Some(Origin {
            file: Some(PathBuf::from("paths.yaml")),
            pointer: "#/Item/get".into()
        })
    );
    assert_eq!(
        at("#/paths/~1items~1{id}/post/responses"),
        Some(Origin {
            file: None,
            pointer: "#/paths/~1items~1{id}/post/responses".into()
        })
    );
}
