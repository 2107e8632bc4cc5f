//! The `Deserialize` impl of a struct that responses carry, written as text rather than
//! derived. serde's derive writes, for every struct, a field enum with its own visitor, a map
//! visitor and a sequence visitor; a JSON object needs only the map, and the rest is most of
//! what `rustc` checks in a large crate. Here each struct says only how its fields are read
//! (`Object::read`), and the visitor, the key type and the checks are the runtime's, once
//! (`templates/runtime/object.rs`). Semantics match the derive's for the fields the generator
//! writes: unknown keys are skipped, a required field must be present, a field given twice is
//! an error, an optional field absent is `None`, and an optional nullable one keeps `null`
//! (`Some(None)`) apart from absent (`None`).

use std::fmt::Write;

use crate::emit::rust::{ident_text, str_literal_len};
use crate::ir::{Field, TypeDef, TypeKind, TypeRef};

use super::{MARGIN, concat, push};

/// The longest field of a one-field struct literal that `prettyplease` keeps on one line.
const SHORT_LITERAL: usize = 26;

/// Whether `def`'s serde impls are written as text rather than derived: `Serialize` always
/// ([`super::serialize`]) and `Deserialize` when responses carry it. Only a struct with fields
/// and without a map of additional properties (serde's `flatten` needs the derive), whose names
/// fit the lines as `prettyplease` would print them (a name so long that it would wrap where
/// these printers do not know keeps the derives). A struct given derives by the configuration
/// keeps serde's too, with its `#[serde]` field attributes, which other derive macros read
/// (`schemars::JsonSchema` takes field names and optionality from them).
pub(crate) fn hand_written(def: &TypeDef) -> bool {
    let TypeKind::Struct {
        fields,
        additional: None,
    } = &def.kind
    else {
        return false;
    };
    let name = crate::naming::escaped_len(&def.name);
    let literal = str_literal_len(&def.name);
    def.derives.is_empty()
        && !fields.is_empty()
        && 32 + literal <= MARGIN // `    const NAME: &'static str = {literal};`
        && 33 + name <= MARGIN // `impl<'de> Deserialize<'de> for {name} {`
        && 13 + literal <= MARGIN // `            {literal},` (serialize.rs)
        && fields.iter().all(fits)
}

/// Whether the lines of `field` fit, in their most wrapped form. The impl's own bindings
/// start with `__`: no field may. Measured without writing the lines: this runs for every
/// struct of a spec, several times.
fn fits(field: &Field) -> bool {
    let (b, n) = (
        crate::naming::escaped_len(&field.name),
        str_literal_len(&field.wire_name),
    );
    // The binding starts with `__` when the name does, or is `_` (escaped `__`).
    !(field.name.starts_with("__") || field.name == "_")
        && [
            24 + b,     // `        let mut {binding} = None;`
            21 + n,     // `                {name} => {`
            30 + b,     // `                        &mut {binding},`
            25 + n,     // `                        {name},`
            14 + 2 * b, // `            {binding}: {binding}`
            31 + b,     // `            {binding}: object::required(`
            44 + b,     // `        len += usize::from(self.{binding}.is_some());` (serialize.rs)
            19 + b,     // `            &self.{binding},` (serialize.rs)
        ]
        .iter()
        .all(|&len| len <= MARGIN)
}

/// The serde traits the struct's `#[derive]` names, or `None` when both impls are written as
/// text (and its fields carry no `#[serde]` attributes).
pub(crate) fn serde_derives(def: &TypeDef) -> Option<&'static str> {
    (!hand_written(def)).then(|| def.wire.serde_derives())
}

/// The `Deserialize` and `object::Object` impls of `def`, each after `gate` (its `#[cfg]` line,
/// or nothing), as `prettyplease` prints them (`space_items` puts the blank lines between
/// items); `None` unless [`hand_written`] and received.
pub(crate) fn impl_text(def: &TypeDef, gate: &str) -> Option<String> {
    let TypeKind::Struct { fields, .. } = &def.kind else {
        return None;
    };
    if !hand_written(def) || !def.wire.received {
        return None;
    }
    let name = ident_text(&def.name);
    let mut out = String::with_capacity(640 + fields.len() * 200);
    let _ = write!(
        out,
        "{gate}impl<'de> Deserialize<'de> for {name} {{\n    \
         fn deserialize<D: serde::Deserializer<'de>>(\n        deserializer: D,\n    \
         ) -> Result<Self, D::Error> {{\n        object::object(deserializer)\n    }}\n}}\n"
    );
    let _ = write!(
        out,
        "{gate}impl object::Object for {name} {{\n    \
         const NAME: &'static str = {};\n    \
         fn read<'de, A: serde::de::MapAccess<'de>>(mut __map: A) -> Result<Self, A::Error> {{\n",
        literal(&def.name)
    );
    for field in fields {
        push(
            &mut out,
            &["        let mut ", &binding(field), " = None;\n"],
        );
    }
    out.push_str(
        "        while let Some(__key) = __map.next_key::<object::Key<'de>>()? {\n            \
         match __key.as_str() {\n",
    );
    for field in fields {
        arm(&mut out, field);
    }
    out.push_str("                _ => object::skip(&mut __map)?,\n            }\n        }\n");
    // A struct literal stays on one line when its one field is short (`prettyplease` breaks
    // it past a width of its own, found by the sweep in `deserialize_tests`).
    let single = match fields.as_slice() {
        [field] => Some(value(field)).filter(|value| value.len() <= SHORT_LITERAL),
        _ => None,
    };
    if let Some(value) = single {
        let _ = writeln!(out, "        Ok(Self {{ {value} }})");
    } else {
        out.push_str("        Ok(Self {\n");
        for field in fields {
            init(&mut out, field);
        }
        out.push_str("        })\n");
    }
    out.push_str("    }\n}\n");
    Some(out)
}

/// A field's binding: its identifier as written in the struct.
pub(super) fn binding(field: &Field) -> String {
    ident_text(&field.name)
}

/// The match arm reading `field` into its binding: on one line, else its call in a block, else
/// that call's arguments one per line.
fn arm(out: &mut String, field: &Field) {
    let (binding, name) = (binding(field), literal(&field.wire_name));
    let read = if field.nullable && !field.required {
        "next_nullable"
    } else {
        "next"
    };
    let call = concat(&[
        "object::",
        read,
        "(&mut __map, &mut ",
        &binding,
        ", ",
        &name,
        ")?",
    ]);
    // The trailing comma may pass the margin.
    if "                 => ".len() + name.len() + call.len() <= MARGIN {
        push(out, &["                ", &name, " => ", &call, ",\n"]);
        return;
    }
    let _ = writeln!(out, "                {name} => {{");
    if 20 + call.len() <= MARGIN {
        let _ = writeln!(out, "                    {call}");
    } else {
        let _ = write!(
            out,
            "                    object::{read}(\n                        &mut __map,\n                        \
             &mut {binding},\n                        {name},\n                    )?\n"
        );
    }
    out.push_str("                }\n");
}

/// `binding: value`, the field's value in the struct built at the end, on one line.
fn value(field: &Field) -> String {
    let (binding, name) = (binding(field), literal(&field.wire_name));
    if let Some(read) = presence(field) {
        concat(&[
            &binding,
            ": object::",
            read,
            "(",
            &binding,
            ", ",
            &name,
            ")?",
        ])
    } else {
        concat(&[&binding, ": ", &binding, ".unwrap_or_default()"])
    }
}

/// The field's value in the struct built at the end: the value read, else `None` for an
/// optional field or the error that a required one is missing.
fn init(out: &mut String, field: &Field) {
    let (binding, name) = (binding(field), literal(&field.wire_name));
    let value = value(field);
    if "            ".len() + value.len() <= MARGIN {
        push(out, &["            ", &value, ",\n"]);
    } else if let Some(read) = presence(field) {
        let _ = writeln!(
            out,
            "            {binding}: object::{read}(\n                {binding},\n                \
             {name},\n            )?,"
        );
    } else {
        let _ = writeln!(
            out,
            "            {binding}: {binding}\n                .unwrap_or_default(),"
        );
    }
}

/// How the value of a field a response must hold is taken from its binding (a function of the
/// runtime's `object` module, each named with 8 letters: the lines' widths above count on it),
/// or `None` for a field a response may leave out. A response must hold a required field that
/// is not nullable, unless the description does not describe it (absent, it reads as `null`):
/// `required` fails without it. A required list or map is read by `or_empty`, which takes an
/// absent or `null` one as empty outside an untagged `oneOf`'s strict pass: servers leave out
/// empty lists their description requires often enough (PagerDuty's own example of a field
/// omits its required `field_options`) that failing the whole body for it helps nobody, while
/// the strict pass still tells alternatives apart by it.
fn presence(field: &Field) -> Option<&'static str> {
    if !field.required || field.nullable || field.undescribed {
        None
    } else if matches!(field.ty, TypeRef::Array(_) | TypeRef::Map(_)) {
        Some("or_empty")
    } else {
        Some("required")
    }
}

/// A Rust string literal of `text`.
pub(super) fn literal(text: &str) -> String {
    crate::emit::rust::str_literal(text)
}
