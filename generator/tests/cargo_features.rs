//! Cargo features per group of operations (`[features]` in `opengen.toml`): when a crate is
//! split, how operations are grouped, and which `#[cfg]` each type, method and error enum gets.
//! Each feature building alone is checked by `cargo xtask corpus` (the `groups` fixture and
//! every corpus spec with at least 100 operations).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{HEAD, generate_with, parse_ok};
use opengen::ir::{TypeId, TypeRef};
use opengen::{Config, Generated};

const SPEC: &str = r#"
paths:
  /pets:
    get:
      operationId: listPets
      tags: [Pet Store]
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: array, items: {$ref: '#/components/schemas/Pet'}}
        '404': {$ref: '#/components/responses/Missing'}
  /v1/orders/{orderId}:
    get:
      operationId: getOrder
      parameters:
        - {name: orderId, in: path, required: true, schema: {type: string}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Order'}
        '404': {$ref: '#/components/responses/Missing'}
  /v1/orders:
    post:
      operationId: createOrder
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Order'}
      responses:
        '204': {description: created}
  /api/v2beta1/{tenant}/users.json:
    get:
      operationId: listUsers
      parameters:
        - {name: tenant, in: path, required: true, schema: {type: string}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: array, items: {$ref: '#/components/schemas/Owner'}}
components:
  responses:
    Missing:
      description: not found
      content:
        application/json:
          schema: {$ref: '#/components/schemas/Problem'}
  schemas:
    Problem:
      type: object
      properties:
        message: {type: string}
    Owner:
      type: object
      properties:
        name: {type: string}
    Pet:
      type: object
      properties:
        owner: {$ref: '#/components/schemas/Owner'}
    Order:
      type: object
      properties:
        buyer: {$ref: '#/components/schemas/Owner'}
        pet: {$ref: '#/components/schemas/Pet'}
    Unused:
      type: object
      properties:
        problem: {$ref: '#/components/schemas/Problem'}
"#;

fn run(config: &str) -> Generated {
    generate_with(&format!("{HEAD}{SPEC}"), config)
}

/// Split, with stand-ins for types that reach two types (`Pet`, with its `Owner`).
fn split() -> Generated {
    run("[features]\nsplit = \"always\"\nstand-in-size = 2\n")
}

fn file<'a>(generated: &'a Generated, path: &str) -> &'a str {
    generated
        .files
        .get(path)
        .map(String::as_str)
        .unwrap_or_default()
}

/// The attribute lines right before the line that declares `item` (`pub struct Pet {`).
fn attributes_of<'a>(text: &'a str, item: &str) -> Vec<&'a str> {
    let lines: Vec<&str> = text.lines().collect();
    let at = lines
        .iter()
        .position(|line| line.trim_start().starts_with(item))
        .unwrap_or_else(|| panic!("no `{item}` in\n{text}"));
    lines[..at]
        .iter()
        .rev()
        .take_while(|line| {
            line.trim_start().starts_with("#[") || line.trim_start().starts_with("///")
        })
        .map(|line| line.trim())
        .filter(|line| line.starts_with("#[cfg"))
        .collect()
}

#[test]
fn a_small_api_is_not_split_unless_asked() {
    let plain = run("");
    assert!(plain.features.is_empty());
    assert!(!file(&plain, "Cargo.toml").contains("[features]"));
    assert!(!file(&plain, "src/types.rs").contains("#[cfg("));
    assert!(!file(&plain, "src/lib.rs").contains("cfg_attr"));
    // `auto` splits from the threshold on; `never` never does.
    assert_eq!(run("[features]\nthreshold = 4\n").features.len(), 3);
    assert!(run("[features]\nthreshold = 5\n").features.is_empty());
    assert!(
        run("[features]\nsplit = \"never\"\nthreshold = 1\n")
            .features
            .is_empty()
    );
    // The default `[features]` leaves the configuration's hash (and header) alone.
    assert_eq!(run("[features]\nsplit = \"auto\"\n").files, plain.files);
}

#[test]
fn operations_are_grouped_by_first_tag_else_by_meaningful_path_segment() {
    let generated = split();
    assert_eq!(generated.features, ["orders", "pet-store", "users"]);
    let cargo = file(&generated, "Cargo.toml");
    for line in [
        "[features]",
        "default = [\"full\"]",
        "full = [\n    \"orders\",\n    \"pet-store\",\n    \"users\",\n]",
        "orders = [] # 2 operations: untagged, path segment `orders`",
        "pet-store = [] # 1 operation: tag `Pet Store`",
        "users = [] # 1 operation: untagged, path segment `users`",
    ] {
        assert!(cargo.contains(line), "{line} in\n{cargo}");
    }
    // The runtime serves every group: it has no features and is always whole.
    let runtime = file(&generated, "runtime/Cargo.toml");
    assert!(!runtime.contains("[features]"), "{runtime}");
    let operations = file(&generated, "src/operations.rs");
    for (method, feature) in [
        ("pub fn list_pets(", "pet-store"),
        ("pub fn get_order(", "orders"),
        ("pub fn create_order(", "orders"),
        ("pub fn list_users(", "users"),
    ] {
        assert_eq!(
            attributes_of(operations, method),
            [format!("#[cfg(feature = \"{feature}\")]")],
            "{method}"
        );
    }
    let readme = file(&generated, "README.md");
    assert!(readme.contains("## Features"), "{readme}");
    assert!(
        readme.contains("| `pet-store` | 1 | tag `Pet Store` |"),
        "{readme}"
    );
    assert!(
        readme.contains("| `list_pets` | `GET /pets` | `pet-store` |"),
        "{readme}"
    );
    assert!(
        readme.contains("default-features = false, features = [\"orders\"]"),
        "{readme}"
    );
}

#[test]
fn types_follow_the_union_of_the_groups_that_use_them() {
    let generated = split();
    let types = file(&generated, "src/types.rs");
    // Only the orders use an order; every group uses owners (the pet store through pets, the
    // orders through orders, the users directly).
    assert_eq!(
        attributes_of(types, "pub struct Order "),
        ["#[cfg(feature = \"orders\")]"]
    );
    assert!(attributes_of(types, "pub struct Owner ").is_empty());
    // No operation uses `Unused`: it is always compiled, and so is the `Problem` it holds,
    // although only two groups' errors use that.
    assert!(attributes_of(types, "pub struct Unused ").is_empty());
    assert!(attributes_of(types, "pub struct Problem ").is_empty());
    // A crate built with some features only allows what the others alone use.
    assert!(
        file(&generated, "src/lib.rs")
            .contains("#![cfg_attr(not(feature = \"full\"), allow(dead_code, unused_imports))]")
    );
}

/// The orders' `createOrder` left out: the orders only receive orders.
fn split_without_sending_orders() -> Generated {
    let (before, after) = SPEC.split_once("  /v1/orders:\n").unwrap();
    let (_, after) = after.split_once("  /api/").unwrap();
    let spec = format!("{HEAD}{before}  /api/{after}");
    generate_with(&spec, "[features]\nsplit = \"always\"\nstand-in-size = 2\n")
}

#[test]
fn a_type_another_group_returns_is_a_stand_in_without_that_group() {
    let generated = split_without_sending_orders();
    let types = file(&generated, "src/types.rs");
    // The pet store returns pets; an order holds one. Pets are compiled with the pet store,
    // and an orders-only build holds the pet as JSON in a stand-in of the same name.
    assert_eq!(
        attributes_of(types, "pub struct Pet {"),
        ["#[cfg(feature = \"pet-store\")]"]
    );
    assert_eq!(
        attributes_of(types, "pub struct Pet("),
        ["#[cfg(not(feature = \"pet-store\"))]"]
    );
    let at = types.find("pub struct Pet(").unwrap();
    let stand_in = &types[types[..at].rfind("///").unwrap()..];
    for line in [
        "#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]\n#[serde(transparent)]\npub struct Pet(serde_json::Value);",
        "none of its features (`pet-store`) is on",
    ] {
        assert!(stand_in.contains(line), "{line} in\n{stand_in}");
    }
    // Types only reached through other types never get a stand-in.
    assert_eq!(types.matches("(serde_json::Value);").count(), 1, "{types}");
}

/// A request is built by the caller, and a stand-in cannot be built: what a group's operations
/// send is compiled in full with it, however large (the orders send an order, which holds a
/// pet that the pet store returns).
#[test]
fn a_type_a_group_sends_is_compiled_in_full_with_it() {
    let generated = split();
    let types = file(&generated, "src/types.rs");
    assert_eq!(
        attributes_of(types, "pub struct Pet "),
        ["#[cfg(any(feature = \"orders\", feature = \"pet-store\"))]"]
    );
    assert!(!types.contains("serde_json::Value);"), "{types}");
}

/// Found in the wild (OpenAI's `chat`, Mastodon's `well-known`): an operation's decoder kept the
/// number its response type had before the types were renumbered, so a component declared
/// before the response type (`Orphan`, used by nothing) took the operation's feature, and
/// types elsewhere lost theirs.
#[test]
fn features_follow_the_types_operations_name_whatever_the_types_order() {
    let generated = generate_with(
        &format!(
            "{HEAD}paths:
  /a:
    get:
      operationId: getA
      tags: [alpha]
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {{$ref: '#/components/schemas/Used'}}
  /b:
    get:
      operationId: getB
      tags: [beta]
      responses:
        '204': {{description: ok}}
components:
  schemas:
    WithInline: {{type: object, properties: {{kind: {{type: string, enum: [x, y]}}}}}}
    Orphan: {{type: object, properties: {{o: {{type: string}}}}}}
    Used: {{type: object, properties: {{u: {{type: string}}}}}}
"
        ),
        "[features]\nsplit = \"always\"\n",
    );
    let types = file(&generated, "src/types.rs");
    assert!(
        attributes_of(types, "pub struct Orphan ").is_empty(),
        "{types}"
    );
    assert_eq!(
        attributes_of(types, "pub struct Used "),
        ["#[cfg(feature = \"alpha\")]"]
    );
}

#[test]
fn without_stand_ins_a_type_follows_every_group_that_reaches_it() {
    // Off, or on for types larger than `Pet` (the default size is 32 types).
    for config in [
        "[features]\nsplit = \"always\"\nstand-ins = false\nstand-in-size = 2\n",
        "[features]\nsplit = \"always\"\nstand-in-size = 3\n",
        "[features]\nsplit = \"always\"\n",
    ] {
        let generated = run(config);
        let types = file(&generated, "src/types.rs");
        assert_eq!(
            attributes_of(types, "pub struct Pet "),
            ["#[cfg(any(feature = \"orders\", feature = \"pet-store\"))]"],
            "{config}"
        );
        assert!(!types.contains("serde_json::Value);"), "{config}\n{types}");
        // Not the defaults, so part of the configuration's hash.
        assert_ne!(
            file(&generated, "src/types.rs").lines().next(),
            file(&split(), "src/types.rs").lines().next()
        );
    }
}

/// On real specs split by force: every type a compiled item names is compiled with it, in
/// full or as a stand-in. Checked on the IR, so it covers every feature without building one.
#[test]
fn every_feature_alone_names_only_compiled_types() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/corpus/real");
    let config = Config::parse("[features]\nsplit = \"always\"\n").unwrap();
    let mut stand_ins = 0;
    for name in [
        "stripe.yaml",
        "github-rest.json",
        "oxide-nexus.json",
        "openai.yaml",
    ] {
        let spec = opengen::load::load(&root.join(name)).unwrap_or_else(|e| panic!("{e}"));
        let api = opengen::configured_api(&spec, &config).unwrap_or_else(|e| panic!("{e}"));
        // Compiled in full with all of `user`'s features (`None`: always), `id` must be too,
        // or have a stand-in.
        let check = |user: Option<&[String]>, id: TypeId, what: &str| {
            let target = &api.types[id.0];
            let covered = match (user, &target.features) {
                (_, None) => true,
                (None, Some(_)) => false,
                (Some(user), Some(features)) => user.iter().all(|f| features.contains(f)),
            };
            assert!(
                covered || target.stand_in,
                "{name}: {what} names `{}` ({:?}) without a stand-in",
                target.name,
                target.features
            );
        };
        for def in &api.types {
            for id in def.kind.refs().into_iter().flat_map(named) {
                check(def.features.as_deref(), id, &def.name);
            }
            stand_ins += usize::from(def.stand_in);
        }
        for op in &api.operations {
            let feature = op.feature.clone().map(|f| vec![f]);
            let sent: Vec<&TypeRef> = (op.params.iter().map(|p| &p.ty))
                .chain(op.body.as_ref().and_then(|body| body.payload.ty()))
                .collect();
            let mut refs = sent.clone();
            refs.extend(op.events.as_ref().map(|events| &events.data));
            refs.extend(op.pagination.as_ref().map(|pages| &pages.item_type));
            for id in refs.into_iter().flat_map(named) {
                check(feature.as_deref(), id, &op.method_name);
            }
            // What it sends is compiled in full, all the way down: no stand-in in a request.
            let mut stack: Vec<TypeId> = sent.into_iter().flat_map(named).collect();
            let mut seen = std::collections::BTreeSet::new();
            while let Some(id) = stack.pop() {
                if !seen.insert(id) {
                    continue;
                }
                let target = &api.types[id.0];
                assert!(
                    target.features.as_ref().is_none_or(|features| feature
                        .as_ref()
                        .is_some_and(|f| features.contains(&f[0]))),
                    "{name}: {} sends `{}` ({:?}), not compiled with {feature:?}",
                    op.method_name,
                    target.name,
                    target.features
                );
                stack.extend(target.kind.refs().into_iter().flat_map(named));
            }
            // Each decoder's types are the responses' (the same ids, renumbered together).
            for arm in &op.decode {
                if let opengen::ir::ArmOutcome::Success {
                    content: opengen::ir::Content::Json(ty),
                    ..
                } = &arm.outcome
                {
                    assert!(
                        op.responses
                            .iter()
                            .any(|r| r.content == opengen::ir::Content::Json(ty.clone())),
                        "{name}: {}'s decoder names {ty:?}, which no response has",
                        op.method_name
                    );
                }
            }
        }
    }
    assert!(stand_ins > 0);
}

/// The named types in `ty`.
fn named(ty: &TypeRef) -> Vec<TypeId> {
    match ty {
        TypeRef::Named(id) => vec![*id],
        TypeRef::Array(inner)
        | TypeRef::Map(inner)
        | TypeRef::Nullable(inner)
        | TypeRef::Boxed(inner) => named(inner),
        _ => Vec::new(),
    }
}

#[test]
fn an_error_enum_several_groups_share_is_compiled_for_any_of_them() {
    let generated = split();
    let operations = file(&generated, "src/operations.rs");
    // listPets and getOrder document the same errors: one enum, in two groups.
    let shared = operations
        .lines()
        .find_map(|line| {
            line.strip_prefix("pub type ListPetsError = ")
                .and_then(|rest| rest.strip_suffix(';'))
        })
        .unwrap_or_else(|| panic!("no ListPetsError alias in\n{operations}"));
    assert_eq!(
        attributes_of(operations, &format!("pub enum {shared} ")),
        ["#[cfg(any(feature = \"orders\", feature = \"pet-store\"))]"]
    );
    assert_eq!(
        attributes_of(operations, "pub type ListPetsError "),
        ["#[cfg(feature = \"pet-store\")]"]
    );
    assert_eq!(
        attributes_of(operations, "pub type GetOrderError "),
        ["#[cfg(feature = \"orders\")]"]
    );
}

#[test]
fn the_ir_names_each_operations_feature() {
    let spec = parse_ok(&format!("{HEAD}{SPEC}"));
    let config = Config::parse("[features]\nsplit = \"always\"\n").unwrap();
    let api = opengen::configured_api(&spec, &config).unwrap();
    let features: Vec<(&str, Option<&str>)> = api
        .operations
        .iter()
        .map(|op| (op.method_name.as_str(), op.feature.as_deref()))
        .collect();
    assert_eq!(
        features,
        [
            ("list_pets", Some("pet-store")),
            ("get_order", Some("orders")),
            ("create_order", Some("orders")),
            ("list_users", Some("users")),
        ]
    );
    let counts: Vec<(&str, usize)> = api
        .features
        .iter()
        .map(|f| (f.name.as_str(), f.operations))
        .collect();
    assert_eq!(counts, [("orders", 2), ("pet-store", 1), ("users", 1)]);
}

#[test]
fn bad_feature_settings_are_located_errors() {
    for (config, expected) in [
        (
            "[features]\nsplit = \"sometimes\"\n",
            "<configuration>:2:9: unknown variant `sometimes`",
        ),
        ("[features]\nper-tag = true\n", "<configuration>:2:1"),
        ("[features]\nthreshold = -1\n", "<configuration>:2:13"),
        ("[features]\nstand-ins = 1\n", "<configuration>:2:13"),
        (
            "[features]\nstand-in-size = \"big\"\n",
            "<configuration>:2:17",
        ),
    ] {
        let message = match Config::parse(config) {
            Ok(_) => panic!("accepted\n{config}"),
            Err(errors) => errors.to_string(),
        };
        assert!(message.contains(expected), "{expected} in {message}");
    }
}
