//! Multi-file documents: `$ref`s to other local files are resolved into one document, schemas
//! become named types, everything else is inlined, and what may not be read is refused with an
//! error naming the file and the pointer of the `$ref`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::warnings;
use opengen::load::{self, Origin, Spec};
use opengen::{Error, Generated, Options};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/fixtures/multi/api.yaml")
}

fn options() -> Options {
    Options::new("multi")
}

/// Writes `files` (relative path, text) under a new temporary folder.
fn tree(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let path = dir.path().join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    dir
}

const HEAD: &str = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\n";

/// A root `api.yaml` whose one operation answers with `schema`.
fn root_answering(schema: &str) -> String {
    format!(
        "{HEAD}paths:\n  /a:\n    get:\n      operationId: getA\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {schema}\n"
    )
}

fn load_err(dir: &Path, root: &str) -> Error {
    match load::load(&dir.join(root)) {
        Ok(_) => panic!("{root} loaded"),
        Err(e) => e,
    }
}

fn generate(dir: &Path, root: &str) -> Generated {
    opengen::generate(&dir.join(root), &options()).unwrap_or_else(|e| panic!("{e}"))
}

fn schema_keys(spec: &Spec) -> Vec<String> {
    spec.document
        .components
        .as_ref()
        .map(|c| c.schemas.keys().cloned().collect())
        .unwrap_or_default()
}

fn origin(file: &str, pointer: &str) -> Origin {
    Origin {
        file: Some(PathBuf::from(file)),
        pointer: pointer.to_owned(),
    }
}

#[test]
fn the_fixture_reads_every_file_once_root_first() {
    let spec = load::load(&fixture()).unwrap();
    let root_dir = spec.root_dir().to_path_buf();
    let files: Vec<String> = spec
        .files
        .iter()
        .map(|f| {
            f.strip_prefix(&root_dir)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(files[0], "api.yaml");
    let mut rest = files[1..].to_vec();
    rest.sort();
    assert_eq!(
        rest,
        [
            "paths/pet.yaml",
            "paths/pets.yaml",
            "schemas/new-pet.json",
            "schemas/pet.yaml",
            "shared/common/models.yaml",
            "shared/common/owner.yaml",
            "shared/common/parameters.yaml",
            "shared/common/responses.yaml",
            "shared/common/text.yaml",
        ]
    );
}

#[test]
fn schemas_are_named_from_their_component_key_or_file() {
    let spec = load::load(&fixture()).unwrap();
    assert_eq!(
        schema_keys(&spec),
        [
            "Pet",
            "pet_properties_kind",
            "PetPage",
            "Problem",
            "new-pet",
            "owner",
            "Tag",
            "Cursor",
        ]
    );
    let api = opengen::lower::lower(&spec, &opengen::Config::default()).unwrap();
    let names: Vec<&str> = api.types.iter().map(|t| t.name.as_str()).collect();
    for name in ["Pet", "PetPage", "Problem", "NewPet", "Owner", "Tag"] {
        assert!(names.contains(&name), "{name} not in {names:?}");
    }
    let generated = generate(fixture().parent().unwrap(), "api.yaml");
    let types = &generated.files["src/types.rs"];
    // The cycle across files: a pet names its owner, an owner lists its pets.
    assert!(types.contains("pub owner: Option<Owner>"), "{types}");
    assert!(types.contains("pub pets: Option<Vec<Pet>>"), "{types}");
    assert!(types.contains("pub tags: Option<Vec<Tag>>"), "{types}");
    // A description brought in from a text file.
    assert!(
        generated.files["README.md"].contains("Pets, spread over several files."),
        "{}",
        generated.files["README.md"]
    );
    assert!(generated.warnings.is_empty(), "{:?}", generated.warnings);
}

#[test]
fn origins_name_the_file_and_the_pointer_in_it() {
    let spec = load::load(&fixture()).unwrap();
    let origins = &spec.origins;
    assert_eq!(
        origins.locate("#/components/schemas/owner/properties/pets"),
        origin("shared/common/owner.yaml", "#/properties/pets")
    );
    assert_eq!(
        origins.locate("#/components/schemas/Pet/required"),
        origin("schemas/pet.yaml", "#/required")
    );
    assert_eq!(
        origins.locate("#/paths/~1pets/get/parameters/0/schema/maximum"),
        origin("shared/common/parameters.yaml", "#/limit/schema/maximum")
    );
    assert_eq!(
        origins.locate("#/paths/~1pets/get/parameters/1/in"),
        origin("paths/pets.yaml", "#/x-parameters/kind/in")
    );
    assert_eq!(
        origins.locate("#/paths/~1pets~1{petId}/get/operationId"),
        origin("paths/pet.yaml", "#/item/get/operationId")
    );
    assert_eq!(
        origins.locate("#/paths/~1owners~1{ownerId}/get/operationId"),
        Origin {
            file: None,
            pointer: "#/paths/~1owners~1{ownerId}/get/operationId".into()
        }
    );
}

#[test]
fn a_fault_found_after_bundling_names_the_file_it_is_in() {
    let dir = tree(&[
        (
            "api.yaml",
            &format!(
                "{}components:\n  securitySchemes:\n    key: {{$ref: 'security/key.yaml'}}\n",
                root_answering("{type: string}")
            ),
        ),
        ("security/key.yaml", "type: apiKey\nin: header\nname: [5]\n"),
    ]);
    // A security scheme that does not read is left out (nothing requires it here), with a
    // warning that names its file and node. (`openapiv3` reads a security scheme as an
    // untagged `$ref`-or-item: the path inside it is lost, the file and the node are not.)
    let generated = opengen::generate(&dir.path().join("api.yaml"), &options()).unwrap();
    assert_eq!(generated.warnings.len(), 1, "{:?}", generated.warnings);
    assert_eq!(generated.warnings[0].pointer, "security/key.yaml#");
    assert!(
        generated.warnings[0]
            .message
            .contains("invalid type: sequence, expected a string"),
        "{:?}",
        generated.warnings
    );
}

#[test]
fn a_schema_repaired_in_another_file_is_named_there() {
    let dir = tree(&[
        ("api.yaml", &root_answering("{$ref: 'models/thing.yaml'}")),
        (
            "models/thing.yaml",
            "type: object\nproperties:\n  a:\n    type: object\n    required: 5\n",
        ),
    ]);
    let generated = generate(dir.path(), "api.yaml");
    let warnings = warnings(&generated);
    assert_eq!(
        warnings,
        [
            "models/thing.yaml#/properties/a/required: invalid type: integer `5`, expected a \
          sequence; the keyword is ignored"
        ]
    );
}

#[test]
fn a_warning_in_another_file_is_written_as_a_reference() {
    let dir = tree(&[
        (
            "api.yaml",
            &format!("{HEAD}paths:\n  /a:\n    $ref: paths/a.yaml\n"),
        ),
        (
            "paths/a.yaml",
            "get:\n  operationId: getA\n  callbacks:\n    c: {'{$url}': {post: {responses: {'204': {description: ok}}}}}\n  responses:\n    '204': {description: ok}\n",
        ),
    ]);
    let generated = generate(dir.path(), "api.yaml");
    let pointers: Vec<&str> = generated
        .warnings
        .iter()
        .map(|w| w.pointer.as_str())
        .collect();
    assert_eq!(pointers, ["paths/a.yaml#/get/callbacks/c"]);
}

#[test]
fn the_hash_covers_every_file() {
    let single = tree(&[("api.yaml", &root_answering("{type: string}"))]);
    let spec = load::load(&single.path().join("api.yaml")).unwrap();
    let bytes = fs::read(single.path().join("api.yaml")).unwrap();
    let parsed = load::parse(Path::new("api.yaml"), &bytes).unwrap();
    assert_eq!(spec.sha256, parsed.sha256, "one file: the root bytes' hash");
    assert_eq!(spec.files, [single.path().join("api.yaml")]);

    let dir = tree(&[
        ("api.yaml", &root_answering("{$ref: 'thing.yaml'}")),
        ("thing.yaml", "type: string\n"),
    ]);
    let root = dir.path().join("api.yaml");
    let before = load::load(&root).unwrap().sha256;
    let root_only = load::parse(&root, &fs::read(&root).unwrap())
        .unwrap()
        .sha256;
    assert_ne!(before, root_only);
    fs::write(
        dir.path().join("thing.yaml"),
        "type: string\nformat: uuid\n",
    )
    .unwrap();
    let after = load::load(&root).unwrap().sha256;
    assert_ne!(
        before, after,
        "a change in a file other than the root shows"
    );
}

#[test]
fn the_same_target_is_hoisted_once_and_equal_names_are_told_apart() {
    let dir = tree(&[
        (
            "api.yaml",
            &root_answering(
                "{type: object, properties: {a: {$ref: 'a/item.yaml'}, b: {$ref: 'b/item.yaml'}, c: {$ref: './a/../a/item.yaml'}, d: {$ref: 'a/item.yaml#'}}}",
            ),
        ),
        ("a/item.yaml", "type: string\n"),
        ("b/item.yaml", "type: integer\n"),
    ]);
    let spec = load::load(&dir.path().join("api.yaml")).unwrap();
    assert_eq!(schema_keys(&spec), ["item", "item_2"]);
    assert_eq!(spec.files.len(), 3);
}

#[test]
fn local_references_in_another_file_mean_that_file() {
    let dir = tree(&[
        ("api.yaml", &root_answering("{$ref: 'models.yaml#/Page'}")),
        (
            "models.yaml",
            "Page:\n  type: object\n  properties:\n    next: {$ref: '#/Cursor'}\n    self: {$ref: '#/Page'}\nCursor: {type: string}\n",
        ),
    ]);
    let spec = load::load(&dir.path().join("api.yaml")).unwrap();
    assert_eq!(schema_keys(&spec), ["Page", "Cursor"]);
    let generated = generate(dir.path(), "api.yaml");
    assert!(generated.files["src/types.rs"].contains("pub struct Page"));
}

#[test]
fn a_root_component_referring_to_a_file_is_its_home() {
    let dir = tree(&[
        (
            "api.yaml",
            &format!(
                "{}components:\n  schemas:\n    Widget: {{$ref: 'models/widget.yaml'}}\n    Gadget: {{$ref: 'models/gadget.yaml'}}\n",
                root_answering("{$ref: 'models/widget.yaml'}")
            ),
        ),
        (
            "models/widget.yaml",
            "type: object\nproperties:\n  g: {$ref: 'gadget.yaml'}\n",
        ),
        (
            "models/gadget.yaml",
            "type: object\nproperties:\n  w: {$ref: 'widget.yaml'}\n",
        ),
    ]);
    let spec = load::load(&dir.path().join("api.yaml")).unwrap();
    assert_eq!(schema_keys(&spec), ["Widget", "Gadget"]);
    let json = serde_json::to_value(&spec.document).unwrap();
    assert_eq!(
        json["components"]["schemas"]["Widget"]["properties"]["g"]["$ref"],
        "#/components/schemas/Gadget"
    );
    assert_eq!(
        json["paths"]["/a"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/Widget"
    );
}

#[test]
fn a_schemas_section_in_another_file_keeps_its_names() {
    let dir = tree(&[
        (
            "api.yaml",
            &format!(
                "{}components:\n  schemas:\n    $ref: 'schemas.yaml'\n",
                root_answering("{$ref: 'schemas.yaml#/Pet'}")
            ),
        ),
        (
            "schemas.yaml",
            "Pet:\n  type: object\n  properties:\n    owner: {$ref: '#/Owner'}\nOwner:\n  type: object\n  properties:\n    pets: {type: array, items: {$ref: '#/Pet'}}\n",
        ),
    ]);
    let spec = load::load(&dir.path().join("api.yaml")).unwrap();
    assert_eq!(schema_keys(&spec), ["Pet", "Owner"]);
}

#[test]
fn a_discriminator_mapping_to_files_points_to_the_hoisted_schemas() {
    let dir = tree(&[
        (
            "api.yaml",
            &root_answering(
                "{oneOf: [{$ref: 'pets/cat.yaml'}, {$ref: 'pets/dog.yaml'}], discriminator: {propertyName: kind, mapping: {cat: 'pets/cat.yaml', dog: 'pets/dog.yaml'}}}",
            ),
        ),
        (
            "pets/cat.yaml",
            "type: object\nrequired: [kind]\nproperties:\n  kind: {type: string}\n  meows: {type: boolean}\n",
        ),
        (
            "pets/dog.yaml",
            "type: object\nrequired: [kind]\nproperties:\n  kind: {type: string}\n  barks: {type: boolean}\n",
        ),
    ]);
    let spec = load::load(&dir.path().join("api.yaml")).unwrap();
    let json = serde_json::to_value(&spec.document).unwrap();
    let schema =
        &json["paths"]["/a"]["get"]["responses"]["200"]["content"]["application/json"]["schema"];
    assert_eq!(
        schema["discriminator"]["mapping"]["dog"],
        "#/components/schemas/dog"
    );
    let generated = generate(dir.path(), "api.yaml");
    assert!(generated.files["src/types.rs"].contains("Dog(Dog)"));
}

#[test]
fn a_discriminator_mapping_to_a_missing_file_loses_that_entry_not_the_document() {
    // Found in the wild (a published spec bundled without the files its mapping names).
    let dir = tree(&[
        (
            "api.yaml",
            &root_answering(
                "{oneOf: [{$ref: 'pets/cat.yaml'}], discriminator: {propertyName: kind, mapping: {cat: 'pets/cat.yaml', dog: 'pets/dog.yaml#/Dog'}}}",
            ),
        ),
        (
            "pets/cat.yaml",
            "type: object\nrequired: [kind]\nproperties:\n  kind: {type: string}\n",
        ),
    ]);
    let generated = generate(dir.path(), "api.yaml");
    let warnings = warnings(&generated);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].starts_with(
            "#/paths/~1a/get/responses/200/content/application~1json/schema/discriminator/mapping/dog: cannot read `pets/dog.yaml#/Dog`"
        ) && warnings[0].ends_with("; the mapping entry is left out"),
        "{warnings:?}"
    );
    assert!(generated.files["src/operations.rs"].contains("pub fn get_a("));
    assert!(generated.files["src/types.rs"].contains("pub struct Cat {"));
}

#[test]
fn references_inside_examples_and_extensions_are_data() {
    let dir = tree(&[(
        "api.yaml",
        &root_answering(
            "{type: object, example: {$ref: 'missing.yaml'}, x-sample: {$ref: 'missing.yaml'}}",
        ),
    )]);
    let spec = load::load(&dir.path().join("api.yaml")).unwrap();
    assert_eq!(spec.files.len(), 1);
}

#[test]
fn yaml_and_json_files_mix() {
    let dir = tree(&[
        (
            "api.json",
            r#"{"openapi": "3.0.3", "info": {"title": "T", "version": "1"}, "paths": {"/a": {"$ref": "a.yaml"}}}"#,
        ),
        (
            "a.yaml",
            "get:\n  operationId: getA\n  responses:\n    '200':\n      description: ok\n      content:\n        application/json:\n          schema: {$ref: 'b.json'}\n",
        ),
        (
            "b.json",
            r#"{"type": "object", "properties": {"id": {"type": "string"}}}"#,
        ),
    ]);
    let generated = generate(dir.path(), "api.json");
    assert!(generated.files["src/types.rs"].contains("pub struct B"));
}

// --- Refusals: each names the file the `$ref` is in and the pointer of the reference. ---

const SITE: &str = "#/paths/~1a/get/responses/200/content/application~1json/schema";

#[test]
fn a_schema_in_a_missing_file_is_any_json_value_with_a_warning() {
    let dir = tree(&[("api.yaml", &root_answering("{$ref: 'models/nope.yaml'}"))]);
    let generated = generate(dir.path(), "api.yaml");
    let warnings = warnings(&generated);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].starts_with(&format!("{SITE}: cannot read `models/nope.yaml`"))
            && warnings[0].ends_with("; the schema is read as any JSON value"),
        "{warnings:?}"
    );
    assert!(
        generated.files["src/operations.rs"].contains("pub fn get_a(&self) -> Call<'_, Value,"),
        "{}",
        generated.files["src/operations.rs"]
    );
}

#[test]
fn a_missing_pointer_is_any_json_value_named_in_the_file_that_refers_to_it() {
    let dir = tree(&[
        ("api.yaml", &root_answering("{$ref: 'models.yaml#/Thing'}")),
        (
            "models.yaml",
            "Thing:\n  type: object\n  properties:\n    a: {$ref: '#/Nope'}\n",
        ),
    ]);
    let generated = generate(dir.path(), "api.yaml");
    let warnings = warnings(&generated);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].starts_with("models.yaml#/Thing/properties/a: `#/Nope` does not exist")
            && warnings[0].ends_with("; the schema is read as any JSON value"),
        "{warnings:?}"
    );
    assert!(generated.files["src/types.rs"].contains("pub a: Option<Value>,"));
}

/// A schema whose reference is refused by policy (outside the root's folder, absolute, remote,
/// a named anchor: nothing is read or fetched for it) is any JSON value, with the refusal as the
/// warning at `site`: the rest of the API loads.
fn assert_refused_as_any(dir: &Path, root: &str, site: &str, words: &str) {
    let generated = generate(dir, root);
    let warnings = warnings(&generated);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].starts_with(&format!("{site}: "))
            && warnings[0].contains(words)
            && warnings[0].ends_with("; the schema is read as any JSON value"),
        "{warnings:?}"
    );
}

#[test]
fn a_reference_outside_the_tree_is_refused() {
    let dir = tree(&[
        ("spec/api.yaml", &root_answering("{$ref: 'sub/thing.yaml'}")),
        (
            "spec/sub/thing.yaml",
            "type: object\nproperties:\n  a: {$ref: '../../../etc/passwd'}\n",
        ),
    ]);
    assert_refused_as_any(
        &dir.path().join("spec"),
        "api.yaml",
        "sub/thing.yaml#/properties/a",
        "leaves the folder of the root spec",
    );
    // A sibling of the root's folder is outside it too.
    let dir = tree(&[
        (
            "spec/api.yaml",
            &root_answering("{$ref: '../spec-other/thing.yaml'}"),
        ),
        ("spec-other/thing.yaml", "type: string\n"),
    ]);
    assert_refused_as_any(
        &dir.path().join("spec"),
        "api.yaml",
        SITE,
        "leaves the folder",
    );
    // Outside a schema, nothing is read for it either, and what needs it is left out (here the
    // path item's operations), with the refusal as a warning; the rest of the API stays.
    let dir = tree(&[(
        "spec/api.yaml",
        &format!(
            "{HEAD}paths:\n  /a:\n    $ref: '../paths/a.yaml'\n  /b:\n    get:\n      operationId: getB\n      responses: {{'204': {{description: ok}}}}\n"
        ),
    )]);
    let generated = generate(&dir.path().join("spec"), "api.yaml");
    let warnings = warnings(&generated);
    assert!(
        warnings.iter().any(|w| w.starts_with("#/paths/~1a: ")
            && w.contains("leaves the folder of the root spec")
            && w.ends_with("nothing is read for it, and what needs it is left out")),
        "{warnings:?}"
    );
    assert_eq!(generated.counts.0, 1, "{warnings:?}");
}

/// A reference outside a schema that cannot be followed (remote, absolute, out of the root's
/// folder, a missing file) costs what needs it, not the document: an operation whose
/// parameter, body or response it is is skipped, a response header or an example is left
/// out, each with the reason as a warning at the `$ref`. Nothing is fetched or read for it.
#[test]
fn a_reference_outside_a_schema_that_cannot_be_followed_costs_what_needs_it() {
    let dir = tree(&[(
        "api.yaml",
        &format!(
            "{HEAD}paths:
  /p:
    get:
      operationId: withParam
      parameters: [{{$ref: 'https://example.com/p.yaml#/limit'}}]
      responses: {{'204': {{description: ok}}}}
    post:
      operationId: withBody
      requestBody: {{$ref: '/etc/passwd#/body'}}
      responses: {{'204': {{description: ok}}}}
    delete:
      operationId: withResponse
      responses: {{'200': {{$ref: 'nowhere.yaml#/ok'}}}}
    put:
      operationId: withHeader
      requestBody:
        content:
          application/json:
            schema: {{type: string}}
            examples: {{one: {{$ref: 'https://example.com/ex.yaml#/one'}}}}
      responses:
        '204':
          description: ok
          headers: {{X-Rate: {{$ref: 'https://example.com/h.yaml#/rate'}}}}
  /fine:
    get:
      operationId: fine
      responses: {{'204': {{description: ok}}}}
"
        ),
    )]);
    let generated = generate(dir.path(), "api.yaml");
    let warnings = warnings(&generated);
    let at = |pointer: &str, words: &str| {
        assert!(
            warnings
                .iter()
                .any(|w| w.starts_with(&format!("{pointer}: ")) && w.contains(words)),
            "{pointer}: {words}\n{warnings:#?}"
        );
    };
    at("#/paths/~1p/get/parameters/0", "nothing is fetched");
    at(
        "#/paths/~1p/get/parameters/0",
        "the operation #/paths/~1p/get is skipped",
    );
    at("#/paths/~1p/post/requestBody", "is an absolute path");
    at(
        "#/paths/~1p/post/requestBody",
        "the operation #/paths/~1p/post is skipped",
    );
    at(
        "#/paths/~1p/delete/responses/200",
        "cannot read `nowhere.yaml#/ok`",
    );
    at(
        "#/paths/~1p/delete/responses/200",
        "the operation #/paths/~1p/delete is skipped",
    );
    at(
        "#/paths/~1p/put/requestBody/content/application~1json/examples/one",
        "nothing is fetched",
    );
    at(
        "#/paths/~1p/put/responses/204/headers/X-Rate",
        "nothing is fetched",
    );
    let operations = &generated.files["src/operations.rs"];
    for kept in ["pub fn with_header(", "pub fn fine("] {
        assert!(operations.contains(kept), "{kept}\n{operations}");
    }
    assert_eq!(generated.counts.0, 2, "{warnings:#?}");
}

/// A spec whose references reach a sibling folder (`../common/…`, as in a repository holding
/// several APIs) reads it when the user names a folder holding both (`--root-dir`); without it
/// the reference is refused and the warning says how to widen the folder.
#[test]
fn a_wider_root_folder_reads_sibling_folders() {
    let dir = tree(&[
        (
            "apis/pets/api.yaml",
            &root_answering("{$ref: '../../common/error.yaml#/Error'}"),
        ),
        (
            "common/error.yaml",
            "Error:\n  type: object\n  properties:\n    code: {type: integer}\n    detail: {$ref: 'detail.yaml'}\n    bad: {$ref: '../../outside.yaml'}\n",
        ),
        ("common/detail.yaml", "type: string\n"),
    ]);
    let spec = dir.path().join("apis/pets/api.yaml");
    // Confined to the spec's folder: refused, with the way out named.
    let generated = opengen::generate(&spec, &options()).unwrap();
    let refused = warnings(&generated);
    assert_eq!(refused.len(), 1, "{refused:?}");
    // The folder named is the nearest one holding both the spec and the file.
    assert!(
        refused[0].contains("leaves the folder of the root spec")
            && refused[0].contains(&format!(
                "(`--root-dir {}` would read it)",
                dir.path().display()
            )),
        "{refused:?}"
    );
    // Widened to the repository: read, and what is written there is named by its path
    // relative to the root document.
    let mut wide = options();
    wide.root_dir = Some(dir.path().to_path_buf());
    let generated = opengen::generate(&spec, &wide).unwrap_or_else(|e| panic!("{e}"));
    let types = &generated.files["src/types.rs"];
    assert!(types.contains("pub struct Error {"), "{types}");
    assert!(types.contains("pub code: Option<i64>,"), "{types}");
    assert!(types.contains("pub detail: Option<Detail>,"), "{types}");
    assert!(types.contains("pub type Detail = String;"), "{types}");
    // Still nothing outside the folder given.
    let refused = warnings(&generated);
    assert_eq!(refused.len(), 1, "{refused:?}");
    assert!(
        refused[0].starts_with("../../common/error.yaml#/Error/properties/bad: ")
            && refused[0].contains("leaves the folder of the root spec")
            && refused[0].contains(&format!(
                "(`--root-dir {}` would read it)",
                dir.path().parent().unwrap().display()
            )),
        "{refused:?}"
    );
    let loaded = load::load_within(&spec, Some(dir.path())).unwrap();
    assert_eq!(loaded.files.len(), 3, "{:?}", loaded.files);
    // The same folder given relative to where the generator runs, through `..`.
    let relative = dir.path().join("apis/pets/../..");
    load::load_within(&spec, Some(&relative)).unwrap();
    // A folder that does not hold the spec is an error, not a narrower confinement.
    let error = load::load_within(&spec, Some(&dir.path().join("common"))).unwrap_err();
    assert!(
        error.message.contains("does not hold the spec's folder"),
        "{error}"
    );
    // `nowhere/..` names the repository on paper, but the file system cannot go through it.
    let error = load::load_within(&spec, Some(&dir.path().join("nowhere/.."))).unwrap_err();
    assert!(
        error.message.contains("cannot read the root folder"),
        "{error}"
    );
}

/// Matrix's client-server API: files in `client-server/` refer to each other as
/// `../client-server/definitions/…`, up out of the folder and back into it.
#[test]
fn a_path_that_comes_back_into_the_tree_is_followed() {
    let dir = tree(&[
        (
            "client-server/api.yaml",
            &root_answering("{$ref: '../client-server/definitions/thing.yaml'}"),
        ),
        (
            "client-server/definitions/thing.yaml",
            "type: object\nproperties:\n  next: {$ref: '../../client-server/definitions/other.yaml'}\n",
        ),
        ("client-server/definitions/other.yaml", "type: integer\n"),
    ]);
    let generated = generate(&dir.path().join("client-server"), "api.yaml");
    assert!(generated.warnings.is_empty(), "{:?}", generated.warnings);
    let types = &generated.files["src/types.rs"];
    assert!(types.contains("pub next: Option<Other>,"), "{types}");
    assert!(types.contains("pub type Other = i64;"), "{types}");
    // The same from a root given through `..` (`--spec ../client-server/api.yaml`).
    let inner = dir.path().join("client-server/definitions");
    let generated = generate(&inner.join(".."), "api.yaml");
    assert!(generated.warnings.is_empty(), "{:?}", generated.warnings);
}

/// The same in the Matrix documents themselves (`spec/corpus/multi/matrix-client-server`).
#[test]
fn matrix_documents_read_their_definitions_through_the_parent_folder() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../spec/corpus/multi/matrix-client-server/client-server");
    let generated = generate(&dir, "account-data.yaml");
    assert!(generated.warnings.is_empty(), "{:?}", generated.warnings);
    let types = &generated.files["src/types.rs"];
    assert!(types.contains("pub struct Error {"), "{types}");
    assert!(types.contains("pub errcode: String,"), "{types}");
}

#[test]
fn an_absolute_path_is_refused() {
    let dir = tree(&[("api.yaml", &root_answering("{$ref: '/etc/passwd'}"))]);
    assert_refused_as_any(dir.path(), "api.yaml", SITE, "is an absolute path");
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_out_of_the_tree_is_refused() {
    let outside = tree(&[("secret.yaml", "type: string\n")]);
    let dir = tree(&[("api.yaml", &root_answering("{$ref: 'models/link.yaml'}"))]);
    fs::create_dir_all(dir.path().join("models")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.yaml"),
        dir.path().join("models/link.yaml"),
    )
    .unwrap();
    // Where a schema is expected, nothing is read and the schema is any JSON value.
    assert_refused_as_any(dir.path(), "api.yaml", SITE, "through a symbolic link");
    let generated = generate(dir.path(), "api.yaml");
    assert!(generated.files["src/operations.rs"].contains("Call<'_, Value, GetAError>"));
    // A link that stays inside the tree is followed.
    fs::write(dir.path().join("real.yaml"), "type: string\n").unwrap();
    fs::remove_file(dir.path().join("models/link.yaml")).unwrap();
    std::os::unix::fs::symlink(
        dir.path().join("real.yaml"),
        dir.path().join("models/link.yaml"),
    )
    .unwrap();
    load::load(&dir.path().join("api.yaml")).unwrap();
}

#[test]
fn remote_references_are_refused() {
    for reference in [
        "https://example.com/pet.yaml",
        "http://example.com/pet.yaml#/Pet",
        "file:///etc/passwd",
        "//example.com/pet.yaml",
    ] {
        let dir = tree(&[(
            "api.yaml",
            &root_answering(&format!("{{$ref: '{reference}'}}")),
        )]);
        assert_refused_as_any(
            dir.path(),
            "api.yaml",
            SITE,
            "nothing is fetched while generating",
        );
    }
}

/// A reference copied into itself (a path item file that refers back to itself) costs what
/// needs it, not the document, with a warning naming the chain.
#[test]
fn a_cycle_of_inlined_references_costs_what_needs_it_naming_its_members() {
    let dir = tree(&[
        (
            "api.yaml",
            &format!(
                "{HEAD}paths:\n  /a:\n    $ref: 'paths/a.yaml'\n  /b:\n    get:\n      operationId: getB\n      responses: {{'204': {{description: ok}}}}\n"
            ),
        ),
        ("paths/a.yaml", "$ref: 'b.yaml'\n"),
        ("paths/b.yaml", "$ref: 'a.yaml'\n"),
    ]);
    let generated = generate(dir.path(), "api.yaml");
    let warnings = warnings(&generated);
    assert!(
        warnings.iter().any(|w| w.starts_with("paths/b.yaml#: ")
            && w.contains("a cycle of references")
            && w.contains("paths/a.yaml# → paths/b.yaml# → paths/a.yaml#")
            && w.ends_with("nothing is read for it, and what needs it is left out")),
        "{warnings:?}"
    );
    assert_eq!(generated.counts.0, 1, "{warnings:?}");
}

#[test]
fn a_named_anchor_is_refused() {
    let dir = tree(&[
        ("api.yaml", &root_answering("{$ref: 'thing.yaml#Thing'}")),
        ("thing.yaml", "type: string\n"),
    ]);
    assert_refused_as_any(dir.path(), "api.yaml", SITE, "named anchors");
}

#[test]
fn a_syntax_error_in_another_file_names_it_with_line_and_column() {
    let dir = tree(&[
        ("api.yaml", &root_answering("{$ref: 'thing.yaml'}")),
        ("thing.yaml", "type: object\nproperties: [unclosed\n"),
    ]);
    let error = load_err(dir.path(), "api.yaml");
    assert_eq!(error.file, Some(dir.path().join("thing.yaml")), "{error}");
    assert!(error.location.is_some(), "{error:?}");
}

#[test]
fn exponential_inlining_is_stopped() {
    // Each level lists the next one ten times: 10^4 copies of the last level, a list of
    // 10,000 items.
    let mut files = vec![(
        "api.yaml".to_owned(),
        format!(
            "{HEAD}paths:\n  /a:\n    get:\n      operationId: getA\n      x-n: 1\n      tags: {{$ref: 'l0.yaml'}}\n      responses:\n        '204': {{description: ok}}\n"
        ),
    )];
    for level in 0..4 {
        let refs = vec![format!("{{$ref: 'l{}.yaml'}}", level + 1); 10].join(", ");
        files.push((format!("l{level}.yaml"), format!("[{refs}]\n")));
    }
    let items = vec!["a"; 10_000].join(", ");
    files.push(("l4.yaml".to_owned(), format!("[{items}]\n")));
    let borrowed: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let dir = tree(&borrowed);
    let error = load_err(dir.path(), "api.yaml");
    assert!(error.message.contains("grows past"), "{error}");
}

#[test]
fn the_in_memory_parser_reads_nothing_and_lower_says_why() {
    let text = root_answering("{$ref: 'models/pet.yaml'}");
    let spec = load::parse(Path::new("api.yaml"), text.as_bytes()).unwrap();
    let generated = opengen::generate_from(&spec, &options()).unwrap();
    let [warning] = generated.warnings.as_slice() else {
        panic!("{:?}", generated.warnings);
    };
    assert_eq!(warning.pointer, SITE);
    assert!(
        warning
            .message
            .contains("reference `models/pet.yaml` to another file is not resolved"),
        "{}",
        warning.message
    );
}

const SWAGGER_ROOT: &str = "swagger: '2.0'\ninfo: {title: T, version: '1'}\nhost: api.example.com\npaths:\n  /pets:\n    $ref: paths/pets.yaml\ndefinitions:\n  Pet:\n    $ref: models/pet.yaml\n";

const SWAGGER_PATHS: &str = "post:\n  operationId: addPet\n  parameters:\n    - in: body\n      name: pet\n      required: true\n      schema: {$ref: '../models/pet.yaml'}\n  responses:\n    '200':\n      description: ok\n      schema: {$ref: '../models/pet.yaml'}\n";

#[test]
fn a_swagger_2_document_spread_over_files_generates() {
    let dir = tree(&[
        ("api.yaml", SWAGGER_ROOT),
        ("paths/pets.yaml", SWAGGER_PATHS),
        (
            "models/pet.yaml",
            "type: object\nproperties:\n  name: {type: string}\n  owner: {$ref: owner.yaml}\n",
        ),
        (
            "models/owner.yaml",
            "type: object\nproperties:\n  pets: {type: array, items: {$ref: pet.yaml}}\n",
        ),
    ]);
    let generated = generate(dir.path(), "api.yaml");
    let types = &generated.files["src/types.rs"];
    assert!(types.contains("pub owner: Option<Owner>"), "{types}");
    assert!(types.contains("pub pets: Option<Vec<Pet>>"), "{types}");
    assert!(
        generated.files["src/operations.rs"].contains("pub fn add_pet(&self, body: &types::Pet)"),
        "{}",
        generated.files["src/operations.rs"]
    );
}

#[test]
fn a_schema_repaired_in_a_swagger_2_file_is_named_there() {
    let dir = tree(&[
        ("api.yaml", SWAGGER_ROOT),
        ("paths/pets.yaml", SWAGGER_PATHS),
        (
            "models/pet.yaml",
            "type: object\nproperties:\n  owner: {$ref: owner.yaml}\n",
        ),
        (
            "models/owner.yaml",
            "type: object\nproperties:\n  name:\n    type: object\n    required: 5\n",
        ),
    ]);
    let generated = generate(dir.path(), "api.yaml");
    let pointers: Vec<_> = generated.warnings.iter().map(|w| &w.pointer).collect();
    assert_eq!(pointers, ["models/owner.yaml#/properties/name/required"]);
}

/// The keys of `headers`, `content` and the components sections are names, which may start
/// with `x-` (`x-rate-limit`): a reference under such a name is followed like any other. (The
/// bundle once read every `x-` key of a map as an extension, left the reference to the other
/// file in place, and `lower` refused it.)
#[test]
fn references_under_names_starting_with_x_are_followed() {
    let dir = tree(&[
        (
            "api.yaml",
            &format!(
                "{HEAD}paths:\n  /a:\n    get:\n      operationId: getA\n      responses:\n        '200':\n          description: ok\n          headers:\n            x-rate-limit: {{$ref: 'headers.yaml#/RateLimit'}}\n        default: {{$ref: '#/components/responses/x-error'}}\ncomponents:\n  responses:\n    x-error: {{$ref: 'responses.yaml#/Error'}}\n"
            ),
        ),
        (
            "headers.yaml",
            "RateLimit:\n  description: Calls left.\n  schema: {type: integer}\n",
        ),
        (
            "responses.yaml",
            "Error:\n  description: failed\n  content:\n    application/json:\n      schema: {$ref: 'models.yaml#/Problem'}\n",
        ),
        (
            "models.yaml",
            "Problem:\n  type: object\n  properties:\n    detail: {type: string}\n",
        ),
    ]);
    let spec = load::load(&dir.path().join("api.yaml")).unwrap_or_else(|e| panic!("{e}"));
    let operation = spec.document.paths.paths["/a"]
        .as_item()
        .and_then(|item| item.get.as_ref())
        .unwrap();
    let response = operation.responses.responses[&openapiv3::StatusCode::Code(200)]
        .as_item()
        .unwrap();
    let header = response.headers["x-rate-limit"].as_item().unwrap();
    assert_eq!(header.description.as_deref(), Some("Calls left."));
    let error = &spec.document.components.as_ref().unwrap().responses["x-error"];
    assert!(error.as_item().is_some(), "{error:?}");
    assert_eq!(schema_keys(&spec), ["Problem"]);
    generate(dir.path(), "api.yaml");
}

/// A key repeated in a file other than the root is a warning naming that file and the key.
#[test]
fn a_key_repeated_in_another_file_is_named_with_its_file() {
    let dir = tree(&[
        ("api.yaml", &root_answering("{$ref: 'models/pet.yaml'}")),
        (
            "models/pet.yaml",
            "type: object\nproperties:\n  name: {type: string}\n  name: {type: integer}\n",
        ),
    ]);
    let generated = generate(dir.path(), "api.yaml");
    let warnings = warnings(&generated);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0]
            .starts_with("models/pet.yaml#/properties/name: this key is written more than once"),
        "{warnings:?}"
    );
}

/// A reference that cannot be followed is one warning however many places write it (Matrix's
/// APIs refer to a shared error schema a folder up from every error response), saying how many
/// other places there are and, for a file outside the folder, which folder would read it,
/// shown as the spec's path was given.
#[test]
fn a_reference_refused_at_many_places_is_one_warning() {
    let error = "{$ref: '../common/error.yaml'}";
    let dir = tree(&[
        (
            "apis/pets/api.yaml",
            &format!(
                "{HEAD}paths:
  /a:
    get:
      operationId: getA
      responses:
        '404': {{description: no, content: {{application/json: {{schema: {error}}}}}}}
        '500': {{description: no, content: {{application/json: {{schema: {error}}}}}}}
  /b:
    get:
      operationId: getB
      responses:
        '404': {{description: no, content: {{application/json: {{schema: {error}}}}}}}
        '200': {{description: ok, content: {{application/json: {{schema: {{$ref: 'nowhere.yaml'}}}}}}}}
"
            ),
        ),
        ("apis/common/error.yaml", "type: object\n"),
    ]);
    let generated = generate(&dir.path().join("apis/pets"), "api.yaml");
    let warnings = warnings(&generated);
    assert_eq!(warnings.len(), 2, "{warnings:#?}");
    let refused: Vec<&String> = warnings
        .iter()
        .filter(|w| w.contains("leaves the folder"))
        .collect();
    assert_eq!(refused.len(), 1, "{warnings:#?}");
    assert!(
        refused[0].starts_with("#/paths/~1a/get/responses/404/content/application~1json/schema: ")
            && refused[0].ends_with(&format!(
                "(`--root-dir {}` would read it) (here and at 2 other places); the schema is read as any JSON value",
                dir.path().join("apis").display()
            )),
        "{refused:?}"
    );
    // A missing file written once is one warning, with no count.
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("cannot read `nowhere.yaml`") && !w.contains("other place")),
        "{warnings:#?}"
    );
}

#[test]
fn an_empty_components_section_takes_the_schemas_other_files_give() {
    // Found in swagger-parser's tests (`resolverIssue`): `components:` left empty is `null`,
    // and the schemas read from other files could not be put in it (the whole document was
    // refused with "#/components/schemas: expected an object").
    for components in ["components:\n", "components:\n  schemas:\n"] {
        let root = format!(
            "{}{components}",
            root_answering("{$ref: 'models.yaml#/components/schemas/Pet'}")
        );
        let dir = tree(&[
            ("api.yaml", &root),
            (
                "models.yaml",
                "components:\n  schemas:\n    Pet: {type: object, properties: {name: {type: string}}}\n",
            ),
        ]);
        let generated = generate(dir.path(), "api.yaml");
        assert!(
            generated.files["src/types.rs"].contains("pub struct Pet {"),
            "{components}"
        );
    }
}
