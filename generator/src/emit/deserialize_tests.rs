//! The hand-written `Serialize` and `Deserialize` impls against `prettyplease`: the text
//! `print/serialize.rs` and `print/deserialize.rs` write is what `prettyplease` prints of it,
//! for every length of names around the margin.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

use proc_macro2::TokenStream;

use super::print::deserialize::{self, hand_written, serde_derives};
use super::print::serialize;
use super::rust::unparse;
use crate::ir::{Api, Field, Origin, TypeDef, TypeKind, TypeRef, Wire};

/// An API with no types of its own: the structs made here name none.
static EMPTY: std::sync::LazyLock<Api> = std::sync::LazyLock::new(|| {
    let text = "openapi: 3.0.3\ninfo: {title: Test API, version: 1.2.3}\npaths: {}\n";
    let spec = crate::load::parse(std::path::Path::new("test.yaml"), text.as_bytes()).unwrap();
    crate::lower::lower(&spec, &crate::Config::default()).unwrap()
});

fn field(name: &str, wire: &str, required: bool, nullable: bool) -> Field {
    typed(name, wire, required, nullable, TypeRef::String)
}

fn typed(name: &str, wire: &str, required: bool, nullable: bool, ty: TypeRef) -> Field {
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

fn def(name: &str, fields: Vec<Field>, wire: Wire) -> TypeDef {
    TypeDef {
        name: name.to_owned(),
        pointer: String::new(),
        origin: Origin::Component {
            key: name.to_owned(),
        },
        title: None,
        docs: None,
        kind: TypeKind::Struct {
            fields,
            additional: None,
        },
        derives: Vec::new(),
        wire,
        features: None,
        stand_in: false,
    }
}

/// The impls of `def`, checked to be what `prettyplease` prints; `false` when the struct
/// keeps the derives.
fn printed_as_prettyplease(def: &TypeDef, gate: &str) -> bool {
    let texts = [
        serialize::impl_text(&EMPTY, def, gate),
        deserialize::impl_text(def, gate),
    ];
    for text in texts.iter().flatten() {
        let tokens: TokenStream = text.parse().unwrap();
        let again = unparse(tokens, "test").unwrap();
        assert_eq!(*text, again, "{def:#?}");
    }
    assert_eq!(texts[0].is_some(), hand_written(def));
    texts[0].is_some()
}

const KINDS: [(bool, bool); 4] = [(true, false), (true, true), (false, false), (false, true)];

#[test]
fn every_length_of_field_and_wire_names() {
    let mut written = 0;
    for len in 1..=80 {
        let long = "a".repeat(len);
        // A `format: binary` field is written by `binary`, a longer method name.
        for ty in [TypeRef::String, TypeRef::Array(Box::new(TypeRef::Binary))] {
            for (required, nullable) in KINDS {
                for wire in [long.clone(), format!("w-{long}")] {
                    let one = vec![typed(&long, &wire, required, nullable, ty.clone())];
                    let one = def("S", one, Wire::BOTH);
                    written += usize::from(printed_as_prettyplease(&one, ""));
                    let two = vec![
                        typed(&long, &wire, required, nullable, ty.clone()),
                        field("b", "b", !required, nullable),
                    ];
                    let two = def("S", two, Wire::BOTH);
                    written += usize::from(printed_as_prettyplease(&two, ""));
                }
            }
        }
    }
    // Names up to 37 bytes are written by hand (16 structs a length and type); longer ones
    // keep the derive, as `binding: binding` would wrap where this printer does not know.
    assert_eq!(written, 37 * 16 * 2);
}

#[test]
fn every_length_of_struct_names_with_and_without_a_gate() {
    let gate = "#[cfg(feature = \"pets\")]\n";
    let mut written = 0;
    for len in 1..=90 {
        let name = format!("S{}", "a".repeat(len));
        let fields = vec![
            field("id", "id", true, false),
            field("tag", "tag", false, true),
        ];
        for gate in ["", gate] {
            written += usize::from(printed_as_prettyplease(
                &def(&name, fields.clone(), Wire::BOTH),
                gate,
            ));
        }
    }
    assert!(written > 100, "only {written} written");
}

#[test]
fn structs_with_fields_and_no_map_are_written_by_hand() {
    let fields = vec![field("id", "id", true, false)];
    let sent_only = Wire {
        sent: true,
        received: false,
    };
    // A struct only requests carry: `Serialize` alone.
    let sent = def("S", fields.clone(), sent_only);
    assert!(hand_written(&sent));
    assert!(serialize::impl_text(&EMPTY, &sent, "").is_some());
    assert!(deserialize::impl_text(&sent, "").is_none());
    let received = def("S", fields.clone(), Wire::BOTH);
    assert!(deserialize::impl_text(&received, "").is_some());
    // The derive then names no serde trait.
    assert_eq!(serde_derives(&received), None);
    assert!(!hand_written(&def("S", Vec::new(), Wire::BOTH)));
    // Derives of the configuration's keep serde's, whose field attributes they may read.
    let mut configured = received.clone();
    configured.derives = vec!["schemars::JsonSchema".to_owned()];
    assert!(!hand_written(&configured));
    assert_eq!(serde_derives(&configured), Some("Serialize, Deserialize"));
    let mut with_map = received.clone();
    with_map.kind = TypeKind::Struct {
        fields,
        additional: Some(crate::ir::Additional {
            name: "rest".to_owned(),
            docs: String::new(),
            value: TypeRef::String,
        }),
    };
    assert!(!hand_written(&with_map));
    assert_eq!(serde_derives(&with_map), Some("Serialize, Deserialize"));
}
