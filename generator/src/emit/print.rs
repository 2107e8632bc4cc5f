//! Types printed straight to text, byte for byte what `prettyplease` prints for the tokens
//! `types` builds for them (before [`super::rust::space_items`]), without parsing those tokens
//! back with `syn`: string and integer enums (five items each, most of what `syn` re-read),
//! structs ([`structs`]), untagged `oneOf`s and aliases ([`one_of`]); and in `operations`,
//! response decoders ([`decode`]) and `Client` methods ([`method`], laid out by [`layout`]).
//!
//! What is printed here is what `prettyplease` prints on one line, and a match arm or a
//! `#[serde]` attribute too long for one line as it breaks it. Where `prettyplease` could break
//! a line some other way (a type name long enough to wrap a pattern, a long field type) or
//! print a doc comment otherwise (a value with a line break), [`item_text`] returns `None` and
//! the caller formats the tokens. `print_tests`, `print_decode_tests` and `print_method_tests`
//! compare both on every shape and every repository spec.

use std::fmt::Write;

use quote::quote;

use super::docs::doc_lines;
use super::features;
use super::one_of::has_display;
use super::rust::{ident_text, unparse};
use crate::error::{Error, Result};
use crate::ir::{Api, EnumVariant, IntegerVariant, TypeDef, TypeKind};

mod decode;
pub(crate) mod deserialize;
mod items;
mod layout;
mod method;
mod one_of;
mod pages;
pub(crate) mod serialize;
mod structs;
mod ty;

pub(crate) use decode::decoder_text;
pub(crate) use items::{ItemText, op_items_text};
pub(crate) use method::{method_text, stream_method_text};
pub(crate) use pages::{page_functions_text, page_methods_text};

/// `prettyplease`'s line width.
pub(super) const MARGIN: usize = 89;

/// The columns `prettyplease` leaves for a line however deep its indent.
const MIN_SPACE: usize = 60;

/// The longest enum name whose items `prettyplease` prints as [`item_text`] does: from 58
/// bytes on, it wraps the pattern `NAME::Unknown(value)` inside its parentheses (the sweep in
/// `print_tests` finds where).
pub(super) const LONGEST_NAME: usize = 57;

/// One step of `prettyplease`'s indentation.
const INDENT: &str = "    ";

/// The arms of `match` expressions in these items are indented this far.
pub(super) const ARM_INDENT: &str = "            ";

/// The first line of a `Serialize` impl's `serialize` (after its `impl` line).
pub(super) const SERIALIZE_FN: &str =
    "    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {\n";

/// A type's items as `prettyplease` prints them, each outer item after `gate` (a formatted
/// `#[cfg]` attribute and its line break, or empty); `None` for a type with configured
/// derives, and one this printer cannot print exactly.
pub(crate) fn item_text(api: &Api, def: &TypeDef, gate: &str) -> Option<String> {
    if !def.derives.is_empty() {
        return None;
    }
    let name = ident_text(&def.name);
    let doc = match &def.docs {
        Some(text) => doc_lines(text),
        None => doc_lines(&super::types::undocumented(def)),
    };
    let mut out = String::with_capacity(1024);
    for line in &doc {
        doc_comment(&mut out, "", line)?;
    }
    out.push_str(gate);
    match &def.kind {
        TypeKind::StringEnum { variants } if name.len() <= LONGEST_NAME => {
            string_enum(&mut out, &name, gate, variants)?;
        }
        TypeKind::IntegerEnum { variants } if name.len() <= LONGEST_NAME => {
            integer_enum(&mut out, &name, gate, variants)?;
        }
        TypeKind::Struct { fields, additional } => {
            let serde = deserialize::serde_derives(def);
            structs::struct_items(api, &mut out, &name, fields, additional.as_ref(), serde)?;
        }
        TypeKind::OneOf {
            tag: None,
            variants,
            ..
        } => {
            one_of::untagged_enum(api, &mut out, &name, gate, variants, def.wire)?;
            if has_display(api, &def.kind, 0) {
                one_of::display(&mut out, &name, gate, variants)?;
            }
        }
        TypeKind::OneOf {
            tag: Some(tag),
            variants,
            unknown,
        } => one_of::tagged_enum(
            api,
            &mut out,
            &name,
            gate,
            tag,
            variants,
            unknown.as_ref(),
            def.wire,
        )?,
        TypeKind::Alias(ty) => one_of::alias(api, &mut out, &name, ty)?,
        // Enums with names too long for the layout above.
        TypeKind::StringEnum { .. } | TypeKind::IntegerEnum { .. } => return None,
    }
    Some(out)
}

/// The items after the enum's docs and `#[cfg]`: see [`super::enums::string_enum`].
fn string_enum(out: &mut String, name: &str, gate: &str, variants: &[EnumVariant]) -> Option<()> {
    let idents: Vec<String> = variants.iter().map(|v| ident_text(&v.name)).collect();
    let wires: Vec<String> = variants
        .iter()
        .map(|v| super::rust::str_literal(&v.wire_value))
        .collect();
    out.push_str("#[derive(Debug, Clone, PartialEq, Eq, Hash)]\n");
    let _ = writeln!(out, "pub enum {name} {{");
    for (variant, id) in variants.iter().zip(&idents) {
        let shown = super::docs::code_span(&variant.wire_value);
        doc_comment(out, "    ", &concat(&[" ", &shown]))?;
        push(out, &["    ", id, ",\n"]);
    }
    out.push_str("    /// A value this version of the client does not know.\n");
    out.push_str("    Unknown(String),\n}\n");

    let _ = writeln!(out, "{gate}impl {name} {{");
    out.push_str("    /// The value as sent on the wire.\n");
    out.push_str("    pub fn as_str(&self) -> &str {\n        match self {\n");
    for (id, wire) in idents.iter().zip(&wires) {
        arm(out, &concat(&["Self::", id]), wire);
    }
    out.push_str("            Self::Unknown(value) => value,\n        }\n    }\n}\n");

    let _ = writeln!(out, "{gate}impl From<String> for {name} {{");
    out.push_str("    fn from(value: String) -> Self {\n        match value.as_str() {\n");
    for (id, wire) in idents.iter().zip(&wires) {
        arm(out, wire, &concat(&["Self::", id]));
    }
    out.push_str("            _ => Self::Unknown(value),\n        }\n    }\n}\n");

    let _ = writeln!(out, "{gate}impl From<{name}> for String {{");
    let _ = writeln!(out, "    fn from(value: {name}) -> Self {{");
    out.push_str("        match value {\n");
    arm(out, &format!("{name}::Unknown(value)"), "value");
    out.push_str("            known => known.as_str().to_owned(),\n        }\n    }\n}\n");

    display(out, name, gate, "f.write_str(self.as_str())");
    scalar_serde(
        out,
        name,
        gate,
        "serializer.serialize_str(self.as_str())",
        "String",
    );
    Some(())
}

/// The items after the enum's docs and `#[cfg]`: see [`super::enums::integer_enum`].
fn integer_enum(
    out: &mut String,
    name: &str,
    gate: &str,
    variants: &[IntegerVariant],
) -> Option<()> {
    let idents: Vec<String> = variants.iter().map(|v| ident_text(&v.name)).collect();
    let values: Vec<String> = variants
        .iter()
        .map(|v| proc_macro2::Literal::i64_unsuffixed(v.value).to_string())
        .collect();
    out.push_str("#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]\n");
    let _ = writeln!(out, "pub enum {name} {{");
    for (variant, id) in variants.iter().zip(&idents) {
        doc_comment(out, "    ", &format!(" `{}`", variant.value))?;
        let _ = writeln!(out, "    {id},");
    }
    out.push_str("    /// A value this version of the client does not know.\n");
    out.push_str("    Unknown(i64),\n}\n");

    let _ = writeln!(out, "{gate}impl {name} {{");
    out.push_str("    /// The value as sent on the wire.\n");
    out.push_str("    pub fn value(self) -> i64 {\n        match self {\n");
    for (id, value) in idents.iter().zip(&values) {
        arm(out, &format!("Self::{id}"), value);
    }
    out.push_str("            Self::Unknown(value) => value,\n        }\n    }\n}\n");

    let _ = writeln!(out, "{gate}impl From<i64> for {name} {{");
    out.push_str("    fn from(value: i64) -> Self {\n        match value {\n");
    for (id, value) in idents.iter().zip(&values) {
        arm(out, value, &format!("Self::{id}"));
    }
    out.push_str("            _ => Self::Unknown(value),\n        }\n    }\n}\n");

    let _ = writeln!(out, "{gate}impl From<{name}> for i64 {{");
    let _ = writeln!(out, "    fn from(value: {name}) -> Self {{");
    out.push_str("        value.value()\n    }\n}\n");

    display(out, name, gate, "fmt::Display::fmt(&self.value(), f)");
    scalar_serde(
        out,
        name,
        gate,
        "serializer.serialize_i64(self.value())",
        "i64",
    );
    Some(())
}

/// `#[cfg]` for `features` as `prettyplease` prints it before an item (wrapped when long),
/// with its line break: what [`item_text`] puts before each item of a gated enum.
pub(crate) fn gate_line(features: &[String], what: &str) -> Result<String> {
    if let Some(line) = gate_line_text(features) {
        return Ok(line);
    }
    let cfg = features::cfg(features);
    let text = unparse(quote!(#cfg struct A;), what)?;
    text.strip_suffix("struct A;\n")
        .map(str::to_owned)
        .ok_or_else(|| Error::msg(format!("internal: a #[cfg] in {what} printed as {text}")))
}

/// [`gate_line`] written without `syn`: on one line when it fits (`#[cfg(feature = "a")]`,
/// `#[cfg(any(feature = "a", feature = "b"))]`); else the condition on a line of its own;
/// else each feature of `any` on its own line (the last without a comma). `None` when a
/// line would still be too long.
pub(super) fn gate_line_text(features: &[String]) -> Option<String> {
    let on = |line: &mut String, feature: &str| {
        line.push_str("feature = ");
        line.push_str(&super::rust::str_literal(feature));
    };
    let mut condition = String::with_capacity(64);
    match features {
        [one] => on(&mut condition, one),
        many => {
            condition.push_str("any(");
            for (i, feature) in many.iter().enumerate() {
                if i > 0 {
                    condition.push_str(", ");
                }
                on(&mut condition, feature);
            }
            condition.push(')');
        }
    }
    if "#[cfg()]".len() + condition.len() <= MARGIN {
        return Some(format!("#[cfg({condition})]\n"));
    }
    if INDENT.len() + condition.len() <= MARGIN {
        return Some(format!("#[cfg(\n{INDENT}{condition}\n)]\n"));
    }
    let [_, _, ..] = features else {
        return None;
    };
    let mut text = format!("#[cfg(\n{INDENT}any(\n");
    for (i, feature) in features.iter().enumerate() {
        let start = text.len();
        text.push_str(INDENT);
        text.push_str(INDENT);
        on(&mut text, feature);
        if text.len() - start > MARGIN {
            return None;
        }
        text.push_str(if i + 1 < features.len() { ",\n" } else { "\n" });
    }
    text.push_str(INDENT);
    text.push_str(")\n)]\n");
    Some(text)
}

/// `impl fmt::Display`, its body one line.
fn display(out: &mut String, name: &str, gate: &str, body: &str) {
    let _ = writeln!(out, "{gate}impl fmt::Display for {name} {{");
    out.push_str("    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {\n");
    let _ = writeln!(out, "        {body}\n    }}\n}}");
}

/// The `Serialize` (its body `serialize`) and `Deserialize` (through `From<{wire}>`) of a string
/// or integer enum, each after `gate`.
fn scalar_serde(out: &mut String, name: &str, gate: &str, serialize: &str, wire: &str) {
    one_of::impl_line(out, gate, "impl Serialize", name);
    push(out, &[SERIALIZE_FN, "        ", serialize, "\n    }\n}\n"]);
    one_of::impl_line(out, gate, "impl<'de> Deserialize<'de>", name);
    push(
        out,
        &[
            "    fn deserialize<D: serde::Deserializer<'de>>(\n        deserializer: D,\n    ) -> \
             Result<Self, D::Error> {\n        match Self::from(",
            wire,
            "::deserialize(deserializer)?) {\n            Self::Unknown(value) => {\n                \
             crate::serde_helpers::unknown(value).map(Self::Unknown)\n            }\n            \
             known => Ok(known),\n        }\n    }\n}\n",
        ],
    );
}

/// A `///` line, as `prettyplease` prints a `#[doc]` attribute: trailing spaces dropped. A
/// value it would print some other way (with a line break, or starting with `/`) is `None`.
fn doc_comment(out: &mut String, indent: &str, doc: &str) -> Option<()> {
    if doc.contains('\n') || doc.starts_with('/') {
        return None;
    }
    push(out, &[indent, "///", doc.trim_end_matches(' '), "\n"]);
    Some(())
}

/// `pieces` one after the other: what `format!` would make of them, without its machinery
/// (emitting formats a few hundred thousand such lines on a large spec).
pub(super) fn concat(pieces: &[&str]) -> String {
    let mut out = String::with_capacity(pieces.iter().map(|p| p.len()).sum());
    for piece in pieces {
        out.push_str(piece);
    }
    out
}

/// Appends `pieces` to `out`: `write!` without its machinery, as [`concat`].
pub(super) fn push(out: &mut String, pieces: &[&str]) {
    for piece in pieces {
        out.push_str(piece);
    }
}

/// A match arm whose pattern and body are single words, at [`ARM_INDENT`]: on one line when
/// the line up to the comma fits in [`MARGIN`], else the body in a block of its own.
pub(super) fn arm(out: &mut String, pattern: &str, body: &str) {
    if ARM_INDENT.len() + pattern.len() + " => ".len() + body.len() <= MARGIN {
        push(out, &[ARM_INDENT, pattern, " => ", body, ",\n"]);
    } else {
        let _ = writeln!(
            out,
            "{ARM_INDENT}{pattern} => {{\n{ARM_INDENT}    {body}\n{ARM_INDENT}}}"
        );
    }
}
