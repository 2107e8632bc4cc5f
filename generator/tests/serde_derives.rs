//! Which types derive `Deserialize` (`[types] serde`): every type derives `Serialize`; by
//! default only the types responses carry (and those no operation uses, with what they refer
//! to) derive `Deserialize`, since a type only requests carry never decodes.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{HEAD, generate_with, parse_ok, ty};
use opengen::ir::Wire;
use opengen::{Config, Generated};

const SPEC: &str = r#"
paths:
  /pets:
    post:
      operationId: createPet
      parameters:
        - {name: kind, in: query, schema: {$ref: '#/components/schemas/Kind'}}
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/NewPet'}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Pet'}
        default:
          description: failed
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Problem'}
  /pets/{id}:
    put:
      operationId: replacePet
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Pet'}
      responses:
        '204': {description: replaced}
components:
  schemas:
    Kind:
      type: string
      enum: [cat, dog]
    NewPet:
      type: object
      required: [name]
      properties:
        name: {type: string}
        collar: {$ref: '#/components/schemas/Collar'}
        shape:
          oneOf:
            - {$ref: '#/components/schemas/Collar'}
            - {type: string}
    Collar:
      type: object
      properties:
        size: {type: integer}
    Pet:
      type: object
      required: [name]
      properties:
        name: {type: string}
    Problem:
      type: object
      properties:
        message: {type: string}
    Archive:
      type: object
      properties:
        collar: {$ref: '#/components/schemas/Collar'}
"#;

fn run(config: &str) -> Generated {
    generate_with(&format!("{HEAD}{SPEC}"), config)
}

/// The `#[derive]` line right before `pub struct NAME` or `pub enum NAME`.
fn derive_of(types: &str, item: &str) -> String {
    let lines: Vec<&str> = types.lines().collect();
    let at = lines
        .iter()
        .position(|line| {
            line.starts_with(&format!("pub struct {item} "))
                || line.starts_with(&format!("pub enum {item} "))
        })
        .unwrap_or_else(|| panic!("no `{item}` in\n{types}"));
    lines[..at]
        .iter()
        .rev()
        .find(|line| line.starts_with("#[derive("))
        .map(|line| (*line).to_owned())
        .unwrap_or_else(|| panic!("no derive before `{item}`"))
}

/// Whether `item` decodes: it derives `Deserialize`, or has the impl the generator writes for a
/// struct responses carry (`emit/print/deserialize.rs`).
fn decodes(types: &str, item: &str) -> bool {
    derive_of(types, item).contains("Deserialize")
        || types.contains(&format!("impl<'de> Deserialize<'de> for {item} {{"))
}

/// Whether `item` encodes: it derives `Serialize` or has the impl written for a struct.
fn encodes(types: &str, item: &str) -> bool {
    derive_of(types, item).contains("Serialize")
        || types.contains(&format!("impl Serialize for {item} {{"))
}

#[test]
fn only_what_responses_carry_derives_deserialize() {
    let generated = run("");
    let types = &generated.files["src/types.rs"];
    for (item, derive, decodes_too) in [
        // Request bodies, and what only they refer to. A struct's serde impls are written,
        // not derived (`emit/print/serialize.rs`, `emit/print/deserialize.rs`), and so is an
        // untagged `oneOf`'s `Serialize`.
        ("NewPet", "#[derive(Debug, Clone, PartialEq)]", false),
        ("NewPetShape", "#[derive(Debug, Clone, PartialEq)]", false),
        // Sent and received; received only.
        ("Pet", "#[derive(Debug, Clone, PartialEq)]", true),
        (
            "Problem",
            "#[derive(Debug, Clone, PartialEq, Default)]",
            true,
        ),
        // No operation uses it: both, and so is the `Collar` it holds.
        (
            "Archive",
            "#[derive(Debug, Clone, PartialEq, Default)]",
            true,
        ),
        (
            "Collar",
            "#[derive(Debug, Clone, PartialEq, Default)]",
            true,
        ),
        // String enums always have both, written (through their `as_str` and `From<String>`).
        ("Kind", "#[derive(Debug, Clone, PartialEq, Eq, Hash)]", true),
    ] {
        assert_eq!(derive_of(types, item), derive, "{item}");
        assert_eq!(decodes(types, item), decodes_too, "{item}");
        assert!(encodes(types, item), "{item}");
    }
}

#[test]
fn the_ir_says_which_way_each_type_travels() {
    let spec = parse_ok(&format!("{HEAD}{SPEC}"));
    let api = opengen::configured_api(&spec, &Config::default()).unwrap();
    let wire = |name: &str| ty(&api, name).wire;
    let sent = Wire {
        sent: true,
        received: false,
    };
    let received = Wire {
        sent: false,
        received: true,
    };
    assert_eq!(wire("NewPet"), sent);
    assert_eq!(wire("Pet"), Wire::BOTH);
    assert_eq!(wire("Problem"), received);
    assert_eq!(wire("Archive"), Wire::BOTH);
    assert_eq!(wire("Collar"), Wire::BOTH);
}

#[test]
fn serde_both_derives_deserialize_everywhere() {
    let generated = run("[types]\nserde = \"both\"\n");
    let types = &generated.files["src/types.rs"];
    for item in ["NewPet", "NewPetShape", "Pet", "Collar", "Kind"] {
        assert!(decodes(types, item), "{item}");
    }
    // Not the default: part of the configuration's hash.
    assert_ne!(
        types.lines().next(),
        run("").files["src/types.rs"].lines().next()
    );
    // Asking for `Deserialize` by name gives it to that type and what it holds.
    let asked = run("[types.derive-for]\nNewPet = [\"Deserialize\"]\n");
    let types = &asked.files["src/types.rs"];
    for item in ["NewPet", "NewPetShape"] {
        assert!(decodes(types, item), "{item}");
    }
    let message = Config::parse("[types]\nserde = \"some\"\n")
        .err()
        .unwrap()
        .to_string();
    assert!(message.contains("<configuration>:2:9"), "{message}");
}

/// A type given derives of its own by the configuration keeps serde's derives and their
/// attributes, which derive macros such as `schemars::JsonSchema` read to learn the wire form
/// (a string, an untagged enum); without them, an enum's serde impls are written.
#[test]
fn configured_derives_keep_serde_attributes_on_enums() {
    let generated = run(
        "[types.derive-for]\nKind = [\"PartialOrd\"]\nNewPetShape = [\"schemars::JsonSchema\"]\n",
    );
    let types = &generated.files["src/types.rs"];
    assert!(
        types.contains(
            "#[derive(PartialOrd)]\n#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, \
             Deserialize)]\n#[serde(from = \"String\", into = \"String\")]\npub enum Kind {"
        ),
        "{types}"
    );
    assert!(
        types.contains(
            "#[derive(schemars::JsonSchema)]\n#[derive(Debug, Clone, PartialEq, Serialize)]\n#[serde(untagged)]\n\
             #[allow(clippy::large_enum_variant)]\npub enum NewPetShape {"
        ),
        "{types}"
    );
    assert!(!types.contains("impl Serialize for Kind {"), "{types}");
    assert!(
        !types.contains("impl Serialize for NewPetShape {"),
        "{types}"
    );
    // Without: written, and no `#[serde]` attribute left for a derive that is gone.
    let plain = run("");
    let types = &plain.files["src/types.rs"];
    for item in ["Kind", "NewPetShape"] {
        assert!(
            types.contains(&format!("impl Serialize for {item} {{")),
            "{types}"
        );
    }
    assert!(!types.contains("#[serde("), "{types}");
    assert_eq!(
        derive_of(types, "NewPetShape"),
        "#[derive(Debug, Clone, PartialEq)]"
    );
}
