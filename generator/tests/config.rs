//! The configuration (`opengen.toml`): each key changes the generated code as the README says,
//! and a key at fault is an error naming it, with its line and column.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{HEAD, parse_ok};
use opengen::{Config, Errors, Generated, Options};

const SPEC: &str = r#"
paths:
  /pets:
    get:
      operationId: listPets
      tags: [pets]
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: array, items: {$ref: '#/components/schemas/Pet'}}
    post:
      operationId: addPet
      tags: [pets]
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                name: {type: string}
      responses:
        '204': {description: added}
  /stores:
    get:
      operationId: listStores
      tags: [stores]
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Store'}
components:
  schemas:
    Pet:
      type: object
      required: [name]
      properties:
        name: {type: string}
        born: {type: string}
        tag: {$ref: '#/components/schemas/Tag'}
    Tag:
      type: object
      properties:
        label: {type: string}
    Store:
      type: object
      properties:
        rating: {type: number}
        opened: {type: string}
"#;

fn run(config: &str) -> Result<Generated, Errors> {
    let spec = parse_ok(&format!("{HEAD}{SPEC}"));
    let options = Options {
        config: Config::parse(config)?,
        ..Options::new("test-api")
    };
    opengen::generate_from(&spec, &options)
}

fn files(config: &str) -> Generated {
    run(config).unwrap_or_else(|e| panic!("{e}"))
}

fn file<'a>(generated: &'a Generated, path: &str) -> &'a str {
    generated
        .files
        .get(path)
        .map(String::as_str)
        .unwrap_or_default()
}

/// The one error of a run, as printed.
fn error(config: &str) -> String {
    match run(config) {
        Ok(_) => panic!("expected an error for\n{config}"),
        Err(errors) => {
            assert_eq!(errors.problems().len(), 1, "{errors}");
            errors.problems()[0].to_string()
        }
    }
}

#[test]
fn an_empty_configuration_changes_nothing() {
    let spec = parse_ok(&format!("{HEAD}{SPEC}"));
    let plain = opengen::generate_from(&spec, &Options::new("test-api")).unwrap();
    assert_eq!(files("").files, plain.files);
    assert_eq!(files("# nothing\n[types]\n").files, plain.files);
}

#[test]
fn the_header_carries_the_configurations_hash() {
    let renamed = files("[types.rename]\nTag = \"Label\"\n");
    assert!(file(&renamed, "src/lib.rs").contains(", configuration SHA-256 "));
    assert!(!file(&files(""), "src/lib.rs").contains("configuration SHA-256"));
    // The settings count, not comments or layout.
    let commented = files("# a comment\n[types.rename]\nTag = 'Label'\n");
    assert_eq!(renamed.files, commented.files);
}

#[test]
fn package_name_version_and_dependencies() {
    let generated = files(
        "[package]\nname = \"pet-client\"\nversion = \"2.1.0-beta.1\"\n\
         [dependencies]\nitoa = \"1\"\nschemars = { version = \"0.8\", features = [\"chrono\"] }\n",
    );
    let cargo = file(&generated, "Cargo.toml");
    assert!(cargo.contains("name = \"pet-client\""), "{cargo}");
    assert!(cargo.contains("version = \"2.1.0-beta.1\""), "{cargo}");
    assert!(cargo.contains("\nitoa = \"1\"\n"), "{cargo}");
    assert!(
        cargo.contains("schemars = { features = [\"chrono\"], version = \"0.8\" }"),
        "{cargo}"
    );
    // The runtime crate beside it is named after it, at the same version, which the crate asks
    // for exactly; the configuration's dependencies are the API crate's alone.
    let runtime = file(&generated, "runtime/Cargo.toml");
    assert!(
        runtime.contains("name = \"pet-client-opengen-runtime\""),
        "{runtime}"
    );
    assert!(runtime.contains("version = \"2.1.0-beta.1\""), "{runtime}");
    assert!(
        !runtime.contains("itoa") && !runtime.contains("schemars"),
        "{runtime}"
    );
    assert!(
        cargo.contains(
            "\npet-client-opengen-runtime = { path = \"runtime\", version = \"=2.1.0-beta.1\" }\n"
        ),
        "{cargo}"
    );
    // Its user-agent names the API crate, not the runtime.
    let lib = file(&generated, "runtime/src/lib.rs");
    assert!(
        lib.contains("pub const DEFAULT_USER_AGENT: &str = \"pet-client/2.1.0-beta.1\";"),
        "{lib}"
    );
    assert!(error("[package]\nversion = \"two\"\n").contains("package.version"));
    // A dependency the crate has already cannot be given twice.
    let message = error("[dependencies]\nserde = \"1\"\n");
    assert!(
        message.contains("dependencies.serde: the generated crate depends on `serde` already"),
        "{message}"
    );
}

#[test]
fn types_are_renamed_everywhere() {
    let generated = files("[types.rename]\nTag = \"Label\"\nPet = \"Animal\"\n");
    let types = file(&generated, "src/types.rs");
    assert!(types.contains("pub struct Label {"), "{types}");
    assert!(types.contains("pub struct Animal {"));
    assert!(types.contains("pub tag: Option<Label>"));
    assert!(!types.contains("pub struct Tag "));
    let operations = file(&generated, "src/operations.rs");
    assert!(operations.contains("Vec<types::Animal>"), "{operations}");
}

#[test]
fn a_type_is_replaced_by_the_users_type() {
    let generated =
        files("[types.replace]\nTag = \"std::collections::BTreeMap<String, String>\"\n");
    let types = file(&generated, "src/types.rs");
    assert!(
        types.contains("pub type Tag = std::collections::BTreeMap<String, String>;"),
        "{types}"
    );
    assert!(!types.contains("pub struct Tag"));
}

#[test]
fn extra_derives_go_where_they_can() {
    let generated = files("[types]\nderive = [\"Eq\", \"Hash\"]\n");
    let types = file(&generated, "src/types.rs");
    // Pet and Tag hold strings; Store holds an f64 and cannot be Eq. A struct given derives
    // keeps serde's, whose `#[serde]` attributes other derive macros read.
    assert!(
        types.contains("#[derive(Eq, Hash)]\n#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]\npub struct Pet"),
        "{types}"
    );
    assert!(types.contains(
        "#[derive(Eq, Hash)]\n#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]\npub struct Tag"
    ));
    assert!(!types.contains(
        "#[derive(Eq, Hash)]\n#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]\npub struct Store"
    ));
}

#[test]
fn derives_for_one_type_are_checked_against_its_fields() {
    let generated = files("[types.derive-for]\nTag = [\"Hash\", \"schemars::JsonSchema\"]\n");
    assert!(file(&generated, "src/types.rs").contains("#[derive(Hash, schemars::JsonSchema)]"));
    // Pet's `tag` field is a Tag, which has no Hash.
    let message = error("[types.derive-for]\nPet = [\"Hash\"]\n");
    assert!(message.starts_with("<configuration>:2:1: "), "{message}");
    assert!(message.contains("types.derive-for.Pet"), "{message}");
    assert!(message.contains("field `tag`"), "{message}");
    let message = error("[types.derive-for]\nStore = [\"Eq\"]\n");
    assert!(message.contains("field `rating`"), "{message}");
    assert!(error("[types]\nderive = [\"Default\"]\n").contains("types.derive"));
}

#[test]
fn operations_are_selected_by_tag_and_id() {
    let by_tag = files("[operations]\ninclude-tags = [\"stores\"]\n");
    let operations = file(&by_tag, "src/operations.rs");
    assert!(operations.contains("pub fn list_stores("), "{operations}");
    assert!(!operations.contains("pub fn list_pets("));
    // The inline body type of addPet went with it; the components stay.
    assert!(!file(&by_tag, "src/types.rs").contains("AddPetBody"));
    assert!(file(&by_tag, "src/types.rs").contains("pub struct Pet"));

    let by_id = files("[operations]\ninclude-tags = [\"stores\"]\ninclude = [\"listPets\"]\n");
    let operations = file(&by_id, "src/operations.rs");
    assert!(operations.contains("pub fn list_stores(") && operations.contains("pub fn list_pets("));
    assert!(!operations.contains("pub fn add_pet("));

    let excluded = files("[operations]\nexclude = [\"addPet\"]\n");
    let operations = file(&excluded, "src/operations.rs");
    assert!(operations.contains("pub fn list_pets(") && !operations.contains("pub fn add_pet("));
}

#[test]
fn operations_are_renamed() {
    let generated = files("[operations.rename]\nlistPets = \"pets\"\n");
    let operations = file(&generated, "src/operations.rs");
    assert!(operations.contains("pub fn pets("), "{operations}");
    assert!(!operations.contains("pub fn list_pets("));
    assert!(error("[operations.rename]\nlistPets = \"listStores\"\n").contains("snake_case"));
    assert!(error("[operations.rename]\nlistPets = \"list_stores\"\n").contains("another method"));
    assert!(
        error("[operations.rename]\nlistPets = \"builder\"\n")
            .contains("operations.rename.listPets")
    );
}

#[test]
fn field_overrides_by_pointer_or_name() {
    let generated = files(
        "[fields.\"#/components/schemas/Pet/properties/born\"]\nformat = \"binary\"\n\
         [fields.\"Store.opened\"]\ntype = \"std::net::Ipv4Addr\"\n",
    );
    let types = file(&generated, "src/types.rs");
    assert!(types.contains("pub born: Option<bytes::Bytes>"), "{types}");
    assert!(
        types.contains("pub opened: Option<std::net::Ipv4Addr>"),
        "{types}"
    );
    assert!(error("[fields.\"Pet.nope\"]\nformat = \"binary\"\n").contains("no property `nope`"));
    assert!(error("[fields.\"Nope.born\"]\nformat = \"binary\"\n").contains("no generated type"));
    assert!(error("[fields.\"Pet.name\"]\nformat = \"color\"\n").contains("`color`"));
    assert!(error("[fields.\"Pet.tag\"]\nformat = \"binary\"\n").contains("string field"));
    assert!(error("[fields.\"Pet.born\"]\ntype = \"not a type\"\n").contains("not a Rust type"));
}

#[test]
fn names_that_match_nothing_are_errors_naming_the_key() {
    let message = error("\n[types.rename]\nNope = \"Other\"\n");
    assert_eq!(
        message,
        "<configuration>:3:1: types.rename.Nope: no generated type is named `Nope`"
    );
    assert!(error("[types.replace]\nNope = \"u8\"\n").contains("types.replace.Nope"));
    assert!(error("[types.derive-for]\nNope = [\"Eq\"]\n").contains("types.derive-for.Nope"));
    assert!(error("[operations]\ninclude-tags = [\"nope\"]\n").contains("tag `nope`"));
    assert!(error("[operations]\ninclude = [\"nope\"]\n").contains("operations.include"));
    assert!(error("[operations]\nexclude = [\"nope\"]\n").contains("operations.exclude"));
    assert!(error("[operations.rename]\nnope = \"x\"\n").contains("operationId `nope`"));
    assert!(error("[types.rename]\nTag = \"Pet\"\n").contains("another type is named `Pet`"));
    assert!(error("[types.rename]\nTag = \"not valid\"\n").contains("UpperCamelCase"));
}

#[test]
fn a_configuration_built_in_code_is_checked_the_same_way() {
    let mut config = Config::default();
    config.types.rename.insert("Nope".into(), "Other".into());
    config
        .operations
        .rename
        .insert("listPets".into(), "pets".into());
    let spec = parse_ok(&format!("{HEAD}{SPEC}"));
    let options = Options {
        config: config.clone(),
        ..Options::new("test-api")
    };
    let errors = opengen::generate_from(&spec, &options).unwrap_err();
    // Named as the configuration's, never as the spec file's.
    assert_eq!(
        errors.to_string(),
        "<configuration>: types.rename.Nope: no generated type is named `Nope`"
    );
    config.types.rename.clear();
    let options = Options {
        config,
        ..Options::new("test-api")
    };
    let generated = opengen::generate_from(&spec, &options).unwrap();
    assert!(file(&generated, "src/operations.rs").contains("pub fn pets("));
}

#[test]
fn unknown_keys_and_wrong_values_are_located() {
    let message = Config::parse("[types]\nrenames = {}\n")
        .unwrap_err()
        .to_string();
    assert!(
        message.starts_with("<configuration>:2:1: unknown field `renames`"),
        "{message}"
    );
    let message = Config::parse("[formats]\ndate-time = \"moment\"\n")
        .unwrap_err()
        .to_string();
    assert!(
        message.starts_with("<configuration>:2:13: unknown variant `moment`"),
        "{message}"
    );
    let message = Config::parse("colour = 1\n").unwrap_err().to_string();
    assert!(message.contains("unknown field `colour`"), "{message}");
}

#[test]
fn the_file_beside_the_spec_is_read_and_its_errors_name_it() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("api.yaml");
    std::fs::write(&spec, format!("{HEAD}{SPEC}")).unwrap();
    assert!(Config::beside(&spec).unwrap().is_default());
    let config = dir.path().join(opengen::config::CONFIG_FILE);
    std::fs::write(&config, "[types.rename]\nTag = \"Label\"\n").unwrap();
    let loaded = Config::beside(&spec).unwrap();
    assert_eq!(
        loaded.types.rename.get("Tag").map(String::as_str),
        Some("Label")
    );
    std::fs::write(&config, "[types.rename]\nNope = \"Label\"\n").unwrap();
    let options = Options {
        config: Config::beside(&spec).unwrap(),
        ..Options::new("test-api")
    };
    let errors = opengen::generate(&spec, &options).unwrap_err().to_string();
    assert!(
        errors.contains("opengen.toml:2:1: types.rename.Nope"),
        "{errors}"
    );
}

#[test]
fn a_one_of_keeps_unknown_values_so_it_is_never_ordered() {
    let spec = parse_ok(&format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    Id:\n      oneOf: [{{type: string}}, {{type: integer}}]\n"
    ));
    let options = |text: &str| Options {
        config: Config::parse(text).unwrap(),
        ..Options::new("test-api")
    };
    let generated = opengen::generate_from(
        &spec,
        &options("[types]\nderive = [\"Eq\", \"Hash\", \"Ord\", \"PartialOrd\"]\n"),
    )
    .unwrap();
    let types = file(&generated, "src/types.rs");
    // `Unknown(Value)`: `Value` is `Eq` and `Hash` but has no order.
    assert!(types.contains("#[derive(Eq, Hash)]\n#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]\n#[serde(untagged)]\npub enum Id"), "{types}");
    let errors = opengen::generate_from(
        &spec,
        &options("[types.derive-for]\nId = [\"PartialOrd\"]\n"),
    )
    .unwrap_err()
    .to_string();
    assert!(
        errors.contains("variant `Unknown` does not implement `PartialOrd`"),
        "{errors}"
    );
}
