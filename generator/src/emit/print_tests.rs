//! The printer against `syn` + `prettyplease` on the tokens `enums` builds: the same bytes for
//! every enum it prints, on the shapes that could tell them apart.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

use super::features;
use super::print::{LONGEST_NAME, gate_line, item_text};
use super::rust::unparse;
use super::types;
use crate::ir::{
    Additional, Api, EnumVariant, Field, IntegerVariant, OneOfVariant, Origin, TypeDef, TypeKind,
    TypeRef,
};

fn def(name: &str, docs: Option<&str>, kind: TypeKind) -> TypeDef {
    TypeDef {
        name: name.to_owned(),
        pointer: String::new(),
        origin: Origin::Component {
            key: name.to_owned(),
        },
        title: None,
        docs: docs.map(str::to_owned),
        kind,
        derives: Vec::new(),
        wire: crate::ir::Wire::BOTH,
        features: None,
        stand_in: false,
    }
}

fn strings(values: &[&str]) -> TypeKind {
    TypeKind::StringEnum {
        variants: values
            .iter()
            .enumerate()
            .map(|(i, v)| EnumVariant {
                name: format!("V{i}"),
                wire_value: (*v).to_owned(),
            })
            .collect(),
    }
}

fn integers(values: &[i64]) -> TypeKind {
    TypeKind::IntegerEnum {
        variants: values
            .iter()
            .enumerate()
            .map(|(i, v)| IntegerVariant {
                name: format!("V{i}"),
                value: *v,
            })
            .collect(),
    }
}

/// An API with no types of its own, for the types made here.
fn empty_api() -> Api {
    lower("paths: {}\n")
}

fn lower(body: &str) -> Api {
    let text = format!("openapi: 3.0.3\ninfo: {{title: Test API, version: 1.2.3}}\n{body}");
    let spec = crate::load::parse(std::path::Path::new("test.yaml"), text.as_bytes()).unwrap();
    crate::lower::lower(&spec, &crate::Config::default()).unwrap()
}

/// What `types` printed before the printer: the tokens parsed and formatted, each item gated
/// by `features` as `format_gated_run` gates it.
fn through_syn(api: &Api, def: &TypeDef, features: Option<&[String]>) -> String {
    let tokens = types::type_def(api, def);
    let Some(used_by) = features else {
        return unparse(tokens, "test").unwrap();
    };
    let mut items = features::items(tokens, "test").unwrap();
    let attr = features::attribute(features::cfg(used_by), "test").unwrap();
    for item in &mut items {
        features::gate(features::item_attrs(item).unwrap(), &attr);
    }
    features::unparse_items(items)
}

/// Whether the printer prints `def` (gated by `features`) as `syn` does; panics when it
/// prints something else.
fn printed_same_in(api: &Api, def: &TypeDef, features: Option<&[String]>) -> bool {
    let gate = match features {
        Some(used_by) => gate_line(used_by, "test").unwrap(),
        None => String::new(),
    };
    match item_text(api, def, &gate) {
        Some(text) => {
            let expected = through_syn(api, def, features);
            assert_eq!(text, expected, "{def:?}");
            true
        }
        None => false,
    }
}

fn printed_same(def: &TypeDef, features: Option<&[String]>) -> bool {
    printed_same_in(&empty_api(), def, features)
}

#[test]
fn a_plain_string_enum() {
    let def = def("OrderStatus", None, strings(&["placed", "shipped"]));
    assert!(printed_same(&def, None));
}

#[test]
fn wire_values_that_need_escapes() {
    let values = [
        "quote\"d",
        "back\\slash",
        "tab\there",
        "bell\u{7}",
        "nul\0",
        "carriage\rreturn",
        "é",
        "日本語",
        "emoji 🦀",
        "zero\u{200b}width",
        "bidi\u{202e}",
        "'single'",
        "{braces}",
        "#hash",
        "",
        " spaced ",
        "`tick`",
        "*/ /* //",
    ];
    for value in values {
        let def = def("Escapes", None, strings(&[value]));
        assert!(printed_same(&def, None), "{value:?}");
    }
    let all = def("Escapes", None, strings(&values));
    assert!(printed_same(&all, None));
}

#[test]
fn a_value_with_a_line_break_is_shown_escaped_by_both_printers() {
    // Escaped in its doc line (`two\nlines`), the value no longer breaks the line, so the
    // printer prints it, as `syn` does.
    for value in ["two\nlines", "carriage\rreturn", "bidi\u{202e}"] {
        let def = def("Broken", None, strings(&[value]));
        assert!(printed_same(&def, None), "{value:?}");
    }
}

#[test]
fn raw_identifiers() {
    let kind = TypeKind::StringEnum {
        variants: ["type", "match", "self", "Self", "crate", "async", "r#dyn"]
            .iter()
            .map(|name| EnumVariant {
                name: (*name).to_owned(),
                wire_value: (*name).to_owned(),
            })
            .collect(),
    };
    assert!(printed_same(&def("type", None, kind), None));
}

#[test]
fn integer_values() {
    let values = [0, 1, -1, 42, -42, i64::MAX, i64::MIN, i64::MIN + 1];
    for value in values {
        assert!(printed_same(&def("Code", None, integers(&[value])), None));
    }
    assert!(printed_same(&def("Code", None, integers(&values)), None));
}

#[test]
fn no_one_and_many_variants() {
    assert!(printed_same(&def("Empty", None, strings(&[])), None));
    assert!(printed_same(&def("Empty", None, integers(&[])), None));
    assert!(printed_same(&def("One", None, strings(&["one"])), None));
    let many: Vec<String> = (0..300).map(|i| format!("value_{i}")).collect();
    let many: Vec<&str> = many.iter().map(String::as_str).collect();
    assert!(printed_same(&def("Many", None, strings(&many)), None));
    let many: Vec<i64> = (-150..150).collect();
    assert!(printed_same(&def("Many", None, integers(&many)), None));
}

#[test]
fn long_docs() {
    let text = "A title\n\nA paragraph that goes on and on and on, much longer than the width \
                prettyplease wraps code at, without a single line break in it anywhere at all.\n\
                \n- a list item\ncontinued lazily\n\n> a quote\ncontinued\n\n```\nlet x = 1;   \n\
                    indented in a fence   \n```\n\n    indented outside\n\\escaped `code` \
                \"quoted\" */ /* //";
    assert!(printed_same(
        &def("Documented", Some(text), strings(&["a"])),
        None
    ));
    assert!(printed_same(
        &def("Documented", Some(text), integers(&[1])),
        None
    ));
    assert!(printed_same(
        &def("Documented", Some(""), integers(&[1])),
        None
    ));
}

#[test]
fn every_length_of_names_and_values() {
    for len in 1..=120 {
        let long = "a".repeat(len);
        let kind = TypeKind::StringEnum {
            variants: vec![EnumVariant {
                name: format!("V{long}"),
                wire_value: long.clone(),
            }],
        };
        assert!(printed_same(&def("Name", None, kind), None), "{len}");
        let kind = TypeKind::IntegerEnum {
            variants: vec![IntegerVariant {
                name: format!("V{long}"),
                value: i64::MIN,
            }],
        };
        assert!(printed_same(&def("Name", None, kind), None), "{len}");
        let name = format!("N{long}");
        let printed = printed_same(&def(&name, None, strings(&["a", &long])), None);
        assert_eq!(printed, name.len() <= LONGEST_NAME, "{len}");
        let printed = printed_same(&def(&name, None, integers(&[1, -1])), None);
        assert_eq!(printed, name.len() <= LONGEST_NAME, "{len}");
    }
}

#[test]
fn gated_enums() {
    let one = vec!["store".to_owned()];
    let two = vec!["pets".to_owned(), "store".to_owned()];
    let many: Vec<String> = (0..12).map(|i| format!("feature-number-{i}")).collect();
    for features in [&one, &two, &many] {
        let status = def(
            "OrderStatus",
            Some("Docs."),
            strings(&["placed", "shipped"]),
        );
        assert!(printed_same(&status, Some(features)));
        let code = def("Code", None, integers(&[1, 2]));
        assert!(printed_same(&code, Some(features)));
    }
}

#[test]
fn configured_derives_are_left_to_syn() {
    let mut def = def("OrderStatus", None, strings(&["placed"]));
    def.derives = vec!["schemars::JsonSchema".to_owned()];
    assert_eq!(item_text(&empty_api(), &def, ""), None);
}

fn field(name: &str, wire: &str, ty: TypeRef, required: bool, nullable: bool) -> Field {
    Field {
        name: name.to_owned(),
        wire_name: wire.to_owned(),
        docs: None,
        ty,
        required,
        nullable,
        default: None,
        undescribed: false,
        xml: None,
    }
}

#[test]
fn every_length_of_fields_and_attributes() {
    let types = [
        TypeRef::String,
        TypeRef::Array(Box::new(TypeRef::Map(Box::new(TypeRef::Any)))),
        TypeRef::Nullable(Box::new(TypeRef::Array(Box::new(TypeRef::Integer(
            crate::ir::IntWidth::I64,
        ))))),
        TypeRef::Map(Box::new(TypeRef::Array(Box::new(TypeRef::Boxed(
            Box::new(TypeRef::Map(Box::new(TypeRef::Format(
                crate::ir::Format::DateTime(crate::ir::DateCrate::Chrono),
            )))),
        ))))),
    ];
    let mut printed = 0;
    for len in 1..=110 {
        let long = "a".repeat(len);
        for ty in &types {
            for (required, nullable) in [(true, false), (true, true), (false, false), (false, true)]
            {
                for wire in [long.clone(), format!("w{long}")] {
                    let fields = vec![field(&long, &wire, ty.clone(), required, nullable)];
                    let kind = TypeKind::Struct {
                        fields,
                        additional: None,
                    };
                    printed += usize::from(printed_same(&def("S", None, kind), None));
                }
            }
        }
        let kind = TypeKind::Struct {
            fields: Vec::new(),
            additional: Some(Additional {
                name: long.clone(),
                docs: "The rest.".to_owned(),
                value: TypeRef::Array(Box::new(TypeRef::String)),
            }),
        };
        printed += usize::from(printed_same(&def("S", None, kind), None));
    }
    assert_eq!(printed, 110 * (types.len() * 8 + 1));
}

#[test]
fn documented_fields_and_gated_structs() {
    let mut documented = field("r#type", "type", TypeRef::Bool, false, false);
    documented.docs = Some("What it is.\n\n```\nfenced   \n```".to_owned());
    documented.default = Some("\"a \\\"quoted\\\" default\"".to_owned());
    let mut defaulted = field("size", "size", TypeRef::Bool, true, false);
    defaulted.default = Some("1".to_owned());
    let kind = TypeKind::Struct {
        fields: vec![
            documented,
            defaulted,
            field("quoted", "quo\"ted\\", TypeRef::Any, false, true),
            field("unicode", "ünï🦀", TypeRef::Binary, true, true),
        ],
        additional: None,
    };
    let features = vec!["pets".to_owned(), "store".to_owned()];
    let def = def("Documented", Some("A struct."), kind);
    assert!(printed_same(&def, None));
    assert!(printed_same(&def, Some(&features)));
}

/// Fax.Plus and every spec of the fixtures and edge cases, each lowered with its types'
/// [`Wire`](crate::ir::Wire) marked (for the tests of every printer).
pub(super) fn repository_apis() -> Vec<Api> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut specs = vec![root.join("spec/faxplus.yaml")];
    for dir in ["spec/fixtures", "spec/edge-cases"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            match path.extension() {
                _ if path.is_dir() => specs.push(path.join("api.yaml")),
                Some(ext) if ext == "yaml" || ext == "json" => specs.push(path),
                _ => {}
            }
        }
    }
    specs
        .iter()
        .map(|path| {
            let spec = crate::load::load(path).unwrap_or_else(|e| panic!("{e}"));
            let config = crate::Config::default();
            let mut api = crate::lower::lower(&spec, &config).unwrap_or_else(|e| panic!("{e}"));
            // The derives each type's use gives it, so both printers meet every kind.
            crate::configure::mark_wire(&mut api, &config);
            api
        })
        .collect()
}

/// The specs of the repository, each lowered: every type either printed as `syn` prints it
/// or left to `syn`, ungated and gated.
#[test]
fn every_type_of_every_repository_spec() {
    let features = vec!["a-feature".to_owned()];
    let (mut printed, mut total) = (0, 0);
    for api in repository_apis() {
        for def in &api.types {
            total += 1;
            if printed_same_in(&api, def, None) {
                printed += 1;
                assert!(printed_same_in(&api, def, Some(&features)));
            }
        }
    }
    assert!(printed * 2 > total, "{printed} of {total}");
}

#[test]
fn every_length_of_alternatives_and_aliases() {
    let nested = TypeRef::Array(Box::new(TypeRef::Map(Box::new(TypeRef::Any))));
    let mut printed = 0;
    for len in 1..=100 {
        let long = "A".repeat(len);
        let kind = TypeKind::OneOf {
            tag: None,
            variants: vec![
                OneOfVariant {
                    name: long.clone(),
                    ty: nested.clone(),
                    tag_values: Vec::new(),
                },
                OneOfVariant {
                    name: "Other".to_owned(),
                    ty: TypeRef::Any,
                    tag_values: Vec::new(),
                },
            ],
            unknown: None,
        };
        // Sent only (its `Serialize` alone, written), and sent and received (serde's
        // untagged `Deserialize` beside it).
        let mut sent = def("Either", None, kind.clone());
        sent.wire = crate::ir::Wire {
            sent: true,
            received: false,
        };
        let both = printed_same(&def("Either", None, kind), None);
        assert_eq!(printed_same(&sent, None), both, "{len}");
        printed += usize::from(both);
        let alias = def(&long, None, TypeKind::Alias(nested.clone()));
        printed += usize::from(printed_same(&alias, None));
    }
    // Every variant (past the margin, its field `        Vec<BTreeMap<String, Value>>,` on
    // a line of its own still fits); the alias while the line fits:
    // `pub type NAME = Vec<BTreeMap<String, Value>>;`.
    assert_eq!(printed, 100 + (89 - 41));
}

#[test]
fn gate_lines_are_written_as_prettyplease_prints_them() {
    let mut written = 0;
    for count in 0..=12 {
        for len in 1..=90 {
            let features: Vec<String> = (0..count)
                .map(|i| format!("f{i}-{}", "x".repeat(len)))
                .collect();
            let cfg = super::features::cfg(&features);
            let expected = crate::emit::rust::unparse(quote::quote!(#cfg struct A;), "test")
                .unwrap()
                .strip_suffix("struct A;\n")
                .unwrap()
                .to_owned();
            written += usize::from(super::print::gate_line_text(&features).is_some());
            assert_eq!(
                gate_line(&features, "test").unwrap(),
                expected,
                "{features:?}"
            );
        }
    }
    // All but a feature name too long for a line of its own (`syn` prints those).
    assert!(written > 850, "{written}");
}

#[test]
fn an_alias_of_a_plain_path_is_printed_at_every_length() {
    let mut api = empty_api();
    for len in 1..=140 {
        let target = format!("T{}", "b".repeat(len));
        let id = crate::ir::TypeId(api.types.len());
        api.types.push(def(&target, None, strings(&["x"])));
        for name in [format!("A{}", "a".repeat(len)), "A".to_owned()] {
            let alias = def(&name, None, TypeKind::Alias(TypeRef::Named(id)));
            assert!(printed_same_in(&api, &alias, None), "{name} = {target}");
            let features = vec!["a-feature".to_owned()];
            assert!(
                printed_same_in(&api, &alias, Some(&features)),
                "{name} = {target}"
            );
        }
    }
}

#[test]
fn untagged_alternatives_of_scalars_with_their_display_at_every_length() {
    let mut printed = 0;
    let kind = |variant: &str| TypeKind::OneOf {
        tag: None,
        variants: vec![
            OneOfVariant {
                name: "String".to_owned(),
                ty: TypeRef::String,
                tag_values: Vec::new(),
            },
            OneOfVariant {
                name: variant.to_owned(),
                ty: TypeRef::Bool,
                tag_values: Vec::new(),
            },
        ],
        unknown: None,
    };
    for len in 1..=120 {
        let long = "A".repeat(len);
        let features = vec!["a-feature".to_owned()];
        // A long enum name (its `impl` line breaks), then a long variant.
        for (name, variant) in [
            (format!("I{long}"), "Flag"),
            ("Id".to_owned(), long.as_str()),
        ] {
            let def = def(&name, None, kind(variant));
            let text = item_text(&empty_api(), &def, "");
            printed += usize::from(printed_same(&def, None));
            if let Some(text) = text {
                assert!(printed_same(&def, Some(&features)));
                assert!(text.contains("impl fmt::Display"));
            }
        }
    }
    // Every name of the enum; the variant while its arm fits:
    // `            Self::NAME(value) => fmt::Display::fmt(value, f),`.
    assert_eq!(printed, 120 + (89 - 57));
}

/// Tagged enums whose name, tag property, tag values and variant names are 1 to 100 bytes
/// long, sent only or also received, with and without a base struct for `Unknown`: their arms
/// and impl lines cross the margin.
#[test]
fn tagged_enums_of_every_length() {
    let tagged =
        |tag: &str, values: &[String], variant: &str, unknown: Option<TypeRef>| TypeKind::OneOf {
            tag: Some(crate::ir::Discriminator {
                property: tag.to_owned(),
            }),
            variants: vec![
                OneOfVariant {
                    name: variant.to_owned(),
                    ty: TypeRef::Map(Box::new(TypeRef::Any)),
                    tag_values: values.to_vec(),
                },
                OneOfVariant {
                    name: "Other".to_owned(),
                    ty: TypeRef::Any,
                    tag_values: vec!["other".to_owned()],
                },
            ],
            unknown,
        };
    let (mut printed, mut total) = (0, 0);
    for len in 1..=100 {
        let long = "a".repeat(len);
        let name = format!("N{long}");
        let kinds = [
            (name.as_str(), tagged("type", &["x".to_owned()], "X", None)),
            ("Pet", tagged(&long, &["x".to_owned()], "X", None)),
            (
                "Pet",
                tagged("type", std::slice::from_ref(&long), "X", None),
            ),
            (
                "Pet",
                tagged("kind", &["x".to_owned(), long.clone()], "X", None),
            ),
            (
                "Pet",
                tagged("type", &["x".to_owned()], &format!("V{long}"), None),
            ),
            (
                name.as_str(),
                tagged(
                    "type",
                    std::slice::from_ref(&long),
                    "X",
                    Some(TypeRef::String),
                ),
            ),
        ];
        for (name, kind) in kinds {
            for received in [true, false] {
                let mut def = def(name, None, kind.clone());
                def.wire.received = received;
                total += 1;
                if printed_same(&def, None) {
                    printed += 1;
                    assert!(printed_same(&def, Some(&["a-feature".to_owned()])));
                }
            }
        }
    }
    // Left to `syn`: a tag property, tag value or variant name so long that `prettyplease`
    // wraps a `match` head, a pattern or a call's argument inside (from 37 to 64 bytes on).
    assert!(printed * 10 > total * 6, "{printed} of {total}");
}

/// The corpus's largest specs (github, box, stripe), each lowered with its types'
/// [`Wire`](crate::ir::Wire) marked, by file name: the long names of real APIs, for the tests
/// of every printer (the snapshot of every corpus spec is compared in CI too).
pub(super) fn largest_corpus_apis() -> Vec<(&'static str, Api)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/corpus/real");
    ["github-rest.json", "box.json", "stripe.yaml"]
        .into_iter()
        .map(|name| {
            let spec = crate::load::load(&root.join(name)).unwrap();
            let config = crate::Config::default();
            let mut api = crate::lower::lower(&spec, &config).unwrap();
            crate::configure::mark_wire(&mut api, &config);
            (name, api)
        })
        .collect()
}

/// Every type of the corpus's largest specs printed as `syn` prints it, or left to it.
#[test]
fn every_type_of_the_largest_corpus_specs() {
    for (name, api) in largest_corpus_apis() {
        let (mut printed, mut tagged) = (0, 0);
        for def in &api.types {
            let is_tagged = matches!(def.kind, TypeKind::OneOf { tag: Some(_), .. });
            if printed_same_in(&api, def, None) {
                printed += 1;
                tagged += usize::from(is_tagged);
            }
        }
        assert!(printed * 100 > api.types.len() * 97, "{name}: {printed}");
        let all_tagged = api
            .types
            .iter()
            .filter(|d| matches!(d.kind, TypeKind::OneOf { tag: Some(_), .. }))
            .count();
        assert_eq!(tagged, all_tagged, "{name}");
    }
}

/// Untagged enums whose free-form alternative (tried in the lenient pass only, one level
/// deeper) has a name 1 to 100 bytes long: its `return` lines cross the margin.
#[test]
fn a_free_form_alternative_at_every_length() {
    let mut printed = 0;
    for len in 1..=100 {
        let kind = TypeKind::OneOf {
            tag: None,
            variants: vec![
                OneOfVariant {
                    name: "Text".to_owned(),
                    ty: TypeRef::String,
                    tag_values: Vec::new(),
                },
                OneOfVariant {
                    name: "M".repeat(len),
                    ty: TypeRef::Nullable(Box::new(TypeRef::Map(Box::new(TypeRef::Any)))),
                    tag_values: Vec::new(),
                },
            ],
            unknown: None,
        };
        printed += usize::from(printed_same(&def("Either", None, kind), None));
    }
    // Every length whose variant line fits (`    NAME(\n        Option<…>,\n    ),` always
    // does).
    assert_eq!(printed, 100);
}
