//! The printer against `syn` + `prettyplease` on the tokens `enums` builds: the same bytes for
//! every enum it prints, on the shapes that could tell them apart.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

use super::*;
use crate::emit::docs::docs;
use crate::emit::enums;
use crate::ir::Origin;

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
        features: None,
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

/// What `types` printed before the printer: the tokens parsed and formatted, each item gated
/// by `features` as `format_gated_run` gates it.
fn through_syn(def: &TypeDef, features: Option<&[String]>) -> String {
    let name = ident(&def.name);
    let text = def
        .docs
        .clone()
        .unwrap_or_else(|| format!("`{}` in the API description.", def.name));
    let doc = docs(&text);
    let tokens = match &def.kind {
        TypeKind::StringEnum { variants } => enums::string_enum(&name, &doc, variants),
        TypeKind::IntegerEnum { variants } => enums::integer_enum(&name, &doc, variants),
        _ => unreachable!(),
    };
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
fn printed_same(def: &TypeDef, features: Option<&[String]>) -> bool {
    let gate = match features {
        Some(used_by) => gate_line(used_by, "test").unwrap(),
        None => String::new(),
    };
    match enum_text(def, &gate) {
        Some(text) => {
            let expected = through_syn(def, features);
            assert_eq!(text, expected, "{def:?}");
            true
        }
        None => false,
    }
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
fn a_value_with_a_line_break_is_left_to_syn() {
    let def = def("Broken", None, strings(&["two\nlines"]));
    assert!(!printed_same(&def, None));
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
    assert_eq!(enum_text(&def, ""), None);
}
