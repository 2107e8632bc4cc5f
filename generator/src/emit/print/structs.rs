//! Structs (one per object schema) printed straight to text, as `prettyplease` prints the
//! tokens `types::type_def` builds for them: the docs, the derives, and a line per field with
//! its `#[serde]` attribute (none when the serde impls are written as text:
//! `print/serialize.rs`, `print/deserialize.rs`), wrapped as `prettyplease` wraps a long one.

use std::fmt::Write;

use super::ty::{Ty, map, type_of};
use super::{MARGIN, doc_comment, push};
use crate::emit::docs::doc_lines;
use crate::emit::rust::ident_text;
use crate::ir::{Api, Field};

/// The struct after its docs and `#[cfg]`, or `None` for a field this printer cannot print
/// exactly (a line `prettyplease` would wrap elsewhere, a configured type).
pub(super) fn struct_items(
    api: &Api,
    out: &mut String,
    name: &str,
    fields: &[Field],
    additional: Option<&crate::ir::Additional>,
    serde: Option<&str>,
) -> Option<()> {
    let default = fields.iter().all(|f| !f.required);
    let _ = match (default, serde) {
        (true, Some(serde)) => {
            writeln!(out, "#[derive(Debug, Clone, PartialEq, Default, {serde})]")
        }
        (false, Some(serde)) => writeln!(out, "#[derive(Debug, Clone, PartialEq, {serde})]"),
        (true, None) => writeln!(out, "#[derive(Debug, Clone, PartialEq, Default)]"),
        (false, None) => writeln!(out, "#[derive(Debug, Clone, PartialEq)]"),
    };
    if fields.is_empty() && additional.is_none() {
        return None;
    }
    let _ = writeln!(out, "pub struct {name} {{");
    for field in fields {
        field_lines(api, out, field, serde.is_some())?;
    }
    if let Some(additional) = additional {
        for line in doc_lines(&additional.docs) {
            doc_comment(out, "    ", &line)?;
        }
        if api.holds_binary(&additional.value) {
            serde_attribute(out, &["flatten", BINARY]);
        } else {
            out.push_str("    #[serde(flatten)]\n");
        }
        let value = type_of(api, &additional.value)?;
        field_line(out, &ident_text(&additional.name), &map(value));
    }
    out.push_str("}\n");
    Some(())
}

/// A field's docs, `#[serde]` attribute (when the struct derives serde's traits) and
/// declaration.
fn field_lines(api: &Api, out: &mut String, field: &Field, attributes: bool) -> Option<()> {
    let text = match (&field.docs, &field.default) {
        (Some(text), Some(default)) => Some(format!("{text}\n\nDefault: `{default}`.")),
        (None, Some(default)) => Some(format!("Default: `{default}`.")),
        (text, None) => text.clone(),
    };
    if let Some(text) = text {
        for line in doc_lines(&text) {
            doc_comment(out, "    ", &line)?;
        }
    }
    let ty = type_of(api, &field.ty)?;
    let mut args = Vec::new();
    let rename;
    if field.name != field.wire_name {
        rename = format!(
            "rename = {}",
            crate::emit::rust::str_literal(&field.wire_name)
        );
        args.push(rename.as_str());
    }
    let binary = api.holds_binary(&field.ty);
    let ty = match (field.required, field.nullable) {
        (true, false) if field.undescribed => {
            args.push("default");
            ty
        }
        (true, false) => ty,
        (true, true) => Ty::generic("Option", vec![ty]),
        (false, false) => {
            args.extend(["default", "skip_serializing_if = \"Option::is_none\""]);
            Ty::generic("Option", vec![ty])
        }
        (false, true) if binary => {
            args.extend([
                "default",
                "skip_serializing_if = \"Option::is_none\"",
                BINARY,
                "deserialize_with = \"crate::serde_helpers::double_option::deserialize\"",
            ]);
            Ty::generic("Option", vec![Ty::generic("Option", vec![ty])])
        }
        (false, true) => {
            args.extend([
                "default",
                "skip_serializing_if = \"Option::is_none\"",
                "with = \"crate::serde_helpers::double_option\"",
            ]);
            Ty::generic("Option", vec![Ty::generic("Option", vec![ty])])
        }
    };
    if binary && (field.required || !field.nullable) {
        args.push(BINARY);
    }
    if attributes && !args.is_empty() {
        serde_attribute(out, &args);
    }
    field_line(out, &ident_text(&field.name), &ty);
    Some(())
}

/// The `#[serde]` argument that writes `format: binary` bytes as JSON strings.
const BINARY: &str = "serialize_with = \"crate::serde_helpers::binary\"";

/// `#[serde(…)]` at the fields' indent: on one line when it fits in [`MARGIN`], else an
/// argument a line.
fn serde_attribute(out: &mut String, args: &[&str]) {
    let one_line = "    #[serde()]".len() + args.iter().map(|a| a.len() + 2).sum::<usize>() - 2;
    if one_line <= MARGIN {
        let _ = writeln!(out, "    #[serde({})]", args.join(", "));
    } else {
        out.push_str("    #[serde(\n");
        for (i, arg) in args.iter().enumerate() {
            let comma = if i + 1 < args.len() { "," } else { "" };
            let _ = writeln!(out, "        {arg}{comma}");
        }
        out.push_str("    )]\n");
    }
}

/// `pub name: Type,` at the fields' indent, the type wrapped inside its `<…>` as
/// `prettyplease` wraps it when the line is too long.
fn field_line(out: &mut String, name: &str, ty: &Ty) {
    push(out, &["    pub ", name, ": "]);
    ty.write(out, "    pub : ".len() + name.len(), 4, 1);
    out.push_str(",\n");
}
