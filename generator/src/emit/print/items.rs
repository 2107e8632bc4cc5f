//! An operation's params struct, success enum and error enum (or alias) printed as
//! `prettyplease` prints the tokens `items` builds for them: docs, derives, and a line per
//! field or variant. A variant too long for its line, or a type the configuration named, is
//! left to `prettyplease`: `None`.

use std::fmt::Write;

use super::ty::{Ty, type_in};
use super::{MARGIN, doc_comment};
use crate::emit::docs::doc_lines;
use crate::emit::items::{
    alias_doc, error_enum_doc, is_secret, param_doc, params_doc, success_doc, variant_doc_text,
    variants_of,
};
use crate::emit::rust::{allow_large_variants, ident};
use crate::ir::{Api, Content, ErrorEnum, Operation, Response, Success};

/// One printed item: the name it defines, its docs, and the rest, which goes after a `#[cfg]`.
pub(crate) struct ItemText {
    pub(crate) name: String,
    pub(crate) docs: String,
    pub(crate) body: String,
}

impl ItemText {
    /// An item without docs.
    pub(super) fn plain(name: &str) -> Self {
        ItemText {
            name: name.to_owned(),
            docs: String::new(),
            body: String::with_capacity(256),
        }
    }

    fn new(name: &str, docs: &str) -> Option<Self> {
        let mut text = String::with_capacity(docs.len() + 8);
        for line in doc_lines(docs) {
            doc_comment(&mut text, "", &line)?;
        }
        Some(ItemText {
            name: name.to_owned(),
            docs: text,
            body: String::with_capacity(256),
        })
    }
}

/// The items of `op` that `items::params_struct`, `success_enum` and `error_enum` build, in
/// that order; `seen` sees every type written, for the module's imports. `None` when one of
/// them cannot be printed exactly.
pub(crate) fn op_items_text(
    api: &Api,
    op: &Operation,
    seen: &mut dyn FnMut(&str),
) -> Option<Vec<ItemText>> {
    let mut items = Vec::with_capacity(3);
    if let Some(name) = &op.params_type {
        items.push(params_struct(api, op, name, seen)?);
    }
    if let Success::Enum { name } = &op.success {
        let mut item = ItemText::new(name, &success_doc(op))?;
        let variants = op.responses.iter().filter(|r| r.success);
        enum_body(api, &mut item.body, name, variants, false, seen)?;
        items.push(item);
    }
    match &op.errors {
        ErrorEnum::Alias { name, target } => items.push(alias(op, name, target)?),
        ErrorEnum::Own { name, .. } => items.push(error_enum(api, op, name, seen)?),
        ErrorEnum::Shared { name, shared, .. } => {
            items.push(error_enum(api, op, shared, seen)?);
            items.push(alias(op, name, shared)?);
        }
    }
    Some(items)
}

/// The params struct `name` of `op`.
fn params_struct(
    api: &Api,
    op: &Operation,
    name: &str,
    seen: &mut dyn FnMut(&str),
) -> Option<ItemText> {
    let mut item = ItemText::new(name, &params_doc(op))?;
    let out = &mut item.body;
    let mut fields = op.params.iter().filter(|p| p.in_struct).peekable();
    fields.peek()?;
    // A struct with a secret field has a `Debug` of its own, which `items` writes.
    if op.params.iter().any(|p| p.in_struct && is_secret(p)) {
        return None;
    }
    let all_optional = op
        .params
        .iter()
        .filter(|p| p.in_struct)
        .all(|p| !p.required);
    out.push_str(if all_optional {
        "#[derive(Debug, Clone, PartialEq, Default)]\n"
    } else {
        "#[derive(Debug, Clone, PartialEq)]\n"
    });
    let _ = writeln!(out, "pub struct {name} {{");
    for p in fields {
        for line in doc_lines(&param_doc(p)) {
            doc_comment(out, "    ", &line)?;
        }
        let ty = type_in(api, &p.ty, "types::")?;
        let ty = if p.required {
            ty
        } else {
            Ty::generic("Option", vec![ty])
        };
        seen_ty(&ty, seen);
        let prefix = format!("    pub {}: ", ident(&p.name));
        out.push_str(&prefix);
        ty.write(out, prefix.len(), 4, 1);
        out.push_str(",\n");
    }
    out.push_str("}\n");
    Some(item)
}

/// The error enum `name` of `op`'s error responses.
fn error_enum(
    api: &Api,
    op: &Operation,
    name: &str,
    seen: &mut dyn FnMut(&str),
) -> Option<ItemText> {
    let mut item = ItemText::new(name, &error_enum_doc(op))?;
    let variants = op.responses.iter().filter(|r| !r.success);
    enum_body(api, &mut item.body, name, variants, true, seen)?;
    Some(item)
}

/// `pub type name = target;` with its docs.
fn alias(op: &Operation, name: &str, target: &str) -> Option<ItemText> {
    let mut item = ItemText::new(name, &alias_doc(op, target))?;
    // A path has nowhere to break: one line, however long.
    let _ = writeln!(item.body, "pub type {name} = {target};");
    Some(item)
}

/// An enum of a variant per response after its docs: a success enum's payloads are its
/// bodies, an error enum's (`errors`) `Option`s of its JSON bodies.
fn enum_body<'r>(
    api: &Api,
    out: &mut String,
    name: &str,
    responses: impl Iterator<Item = &'r Response> + Clone,
    errors: bool,
    seen: &mut dyn FnMut(&str),
) -> Option<()> {
    out.push_str("#[derive(Debug, Clone, PartialEq)]\n");
    if !allow_large_variants(variants_of(responses.clone())).is_empty() {
        out.push_str("#[allow(clippy::large_enum_variant)]\n");
    }
    let mut variants = String::with_capacity(256);
    let out_enum = out;
    let out = &mut variants;
    for response in responses {
        for line in doc_lines(&variant_doc_text(response)) {
            doc_comment(out, "    ", &line)?;
        }
        let payload = match (&response.content, errors) {
            (Content::Json(ty) | Content::Xml(ty), true) => {
                Some(Ty::generic("Option", vec![type_in(api, ty, "types::")?]))
            }
            (_, true) | (Content::Empty, false) => None,
            (Content::Json(ty) | Content::Xml(ty), false) => Some(type_in(api, ty, "types::")?),
            (Content::Text, false) => Some(Ty::plain("String")),
            (Content::Binary, false) => Some(Ty::plain("Bytes")),
        };
        let variant = &response.variant;
        match payload {
            None => {
                let _ = writeln!(out, "    {variant},");
            }
            Some(ty) => {
                seen_ty(&ty, seen);
                // `    Variant(Type),` on one line, else left to `prettyplease`.
                if 4 + variant.len() + 1 + ty.flat_len() + 2 > MARGIN {
                    return None;
                }
                let _ = write!(out, "    {variant}(");
                ty.flat(out);
                out.push_str("),\n");
            }
        }
    }
    if variants.is_empty() {
        let _ = writeln!(out_enum, "pub enum {name} {{}}");
    } else {
        let _ = writeln!(out_enum, "pub enum {name} {{");
        out_enum.push_str(&variants);
        out_enum.push_str("}\n");
    }
    Some(())
}

/// `ty` written on one line, shown to `seen`.
fn seen_ty(ty: &Ty, seen: &mut dyn FnMut(&str)) {
    let mut text = String::with_capacity(ty.flat_len());
    ty.flat(&mut text);
    seen(&text);
}
