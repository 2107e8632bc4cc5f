//! `oneOf`/`anyOf` enums, untagged (and their `Display`) and tagged (with their `Serialize`
//! and `Deserialize`), and type aliases, printed as `prettyplease` prints the tokens
//! `one_of::untagged_enum`, `one_of::display_one_of`, `one_of::tagged_enum` and
//! `types::type_def` build for them. A variant too long for a line has its field on a line of
//! its own; a type `prettyplease` would wrap inside (its generic arguments), and a tag or
//! pattern too long for its line, are left to it: `None`.

use std::fmt::Write;

use super::ty::type_of;
use super::{ARM_INDENT, MARGIN, SERIALIZE_FN, arm, concat, doc_comment, push};
use crate::emit::one_of::{free_form, variant_docs};
use crate::emit::rust::{allow_large_variants, ident_text, str_literal};
use crate::ir::{Api, Discriminator, OneOfVariant, TypeRef, Wire};

/// The last arm of an enum's `Serialize` (`Unknown` holds a `Value`) and the impl's end.
const SERIALIZE_END: &str =
    "            Self::Unknown(value) => value.serialize(serializer),\n        }\n    }\n}\n";

/// A `Deserialize` impl's signature after its `impl` line, and its first line: the value read
/// once, for the variants to be decoded from.
const DESERIALIZE_VALUE: &str = "    fn deserialize<D: serde::Deserializer<'de>>(\n        \
     deserializer: D,\n    ) -> Result<Self, D::Error> {\n        let value = \
     Value::deserialize(deserializer)?;\n";

/// The enum after its docs and `#[cfg]`, and its `Serialize` and (when responses carry it)
/// `Deserialize` after `gate`, without its `Display` ([`display`]).
pub(super) fn untagged_enum(
    api: &Api,
    out: &mut String,
    name: &str,
    gate: &str,
    variants: &[OneOfVariant],
    wire: Wire,
) -> Option<()> {
    // An alternative of `format: binary` bytes, written through the runtime's `BinaryField`,
    // is left to `prettyplease` (rare).
    if variants.iter().any(|v| api.holds_binary(&v.ty)) {
        return None;
    }
    out.push_str("#[derive(Debug, Clone, PartialEq)]\n");
    if !allow_large_variants(variants.iter().map(|v| &v.ty)).is_empty() {
        out.push_str("#[allow(clippy::large_enum_variant)]\n");
    }
    let _ = writeln!(out, "pub enum {name} {{");
    for variant in variants {
        doc_comment(out, "    ", &variant_docs(variant))?;
        let mut ty = String::new();
        type_of(api, &variant.ty)?.flat(&mut ty);
        variant_line(out, &ident_text(&variant.name), &ty)?;
    }
    out.push_str("    /// A value that matches none of the variants above.\n");
    out.push_str("    Unknown(Value),\n}\n");

    impl_line(out, gate, "impl Serialize", name);
    push(out, &[SERIALIZE_FN, "        match self {\n"]);
    const CALL: &str = "value.serialize(serializer)";
    for variant in variants {
        let id = ident_text(&variant.name);
        let pattern = concat(&["Self::", &id, "(value)"]);
        if ARM_INDENT.len() + pattern.len() + " => ".len() + CALL.len() <= MARGIN {
            push(out, &[ARM_INDENT, &pattern, " => ", CALL, ",\n"]);
        } else if ARM_INDENT.len() + pattern.len() + " => ".len() <= MARGIN {
            push(
                out,
                &[
                    ARM_INDENT, &pattern, " => {\n", ARM_INDENT, "    ", CALL, "\n",
                ],
            );
            push(out, &[ARM_INDENT, "}\n"]);
        } else {
            // The pattern broken inside its parentheses.
            push(
                out,
                &[ARM_INDENT, "Self::", &id, "(\n", ARM_INDENT, "    value,\n"],
            );
            push(out, &[ARM_INDENT, ") => ", CALL, ",\n"]);
        }
    }
    out.push_str(SERIALIZE_END);
    if !wire.received {
        return Some(());
    }

    impl_line(out, gate, "impl<'de> Deserialize<'de>", name);
    out.push_str(DESERIALIZE_VALUE);
    out.push_str("        for _ in crate::serde_helpers::passes() {\n");
    for variant in variants {
        let id = ident_text(&variant.name);
        if free_form(api, &variant.ty, 0) {
            out.push_str("            if !crate::serde_helpers::strict() {\n");
            attempt(out, "    ", &id);
            out.push_str("            }\n");
        } else {
            attempt(out, "", &id);
        }
    }
    out.push_str("        }\n");
    out.push_str("        crate::serde_helpers::unknown(value).map(Self::Unknown)\n    }\n}\n");
    Some(())
}

/// One alternative's attempt in an untagged enum's `Deserialize`, indented by `more` inside
/// the loop over the passes.
fn attempt(out: &mut String, more: &str, id: &str) {
    push(
        out,
        &[
            more,
            "            if let Ok(found) = Deserialize::deserialize(&value) {\n",
        ],
    );
    if more.len() + "                return Ok(Self::(found));".len() + id.len() <= MARGIN {
        push(
            out,
            &[more, "                return Ok(Self::", id, "(found));\n"],
        );
    } else {
        push(
            out,
            &[
                more,
                "                return Ok(\n",
                more,
                "                    Self::",
                id,
            ],
        );
        if more.len() + "                    Self::(found)".len() + id.len() <= MARGIN {
            push(out, &["(found),\n", more, "                );\n"]);
        } else {
            // The variant's parentheses broken too.
            push(
                out,
                &[
                    "(\n",
                    more,
                    "                        found,\n",
                    more,
                    "                    ),\n",
                    more,
                    "                );\n",
                ],
            );
        }
    }
    push(out, &[more, "            }\n"]);
}

/// A variant holding `ty`, after its docs: on one line, or, too long for one, its field on a
/// line of its own where it fits or has nowhere to break.
fn variant_line(out: &mut String, name: &str, ty: &str) -> Option<()> {
    if 4 + name.len() + 1 + ty.len() + 2 <= MARGIN {
        let _ = writeln!(out, "    {name}({ty}),");
    } else if 8 + ty.len() < MARGIN || plain_path(ty) {
        let _ = writeln!(out, "    {name}(\n        {ty},\n    ),");
    } else {
        return None;
    }
    Some(())
}

/// `{head} for {name} {` (`head` being `impl Trait`), or broken before `for` when it does not
/// fit.
pub(super) fn impl_line(out: &mut String, gate: &str, head: &str, name: &str) {
    out.push_str(gate);
    if " for  {".len() + head.len() + name.len() <= MARGIN {
        let _ = writeln!(out, "{head} for {name} {{");
    } else {
        let _ = writeln!(out, "{head}\nfor {name} {{");
    }
}

/// A tagged enum (see `one_of::tagged_enum`) after its docs and `#[cfg]`: the enum, its
/// `Serialize` and, when responses carry it, its `Deserialize`, each impl after `gate`.
#[allow(clippy::too_many_arguments)]
pub(super) fn tagged_enum(
    api: &Api,
    out: &mut String,
    name: &str,
    gate: &str,
    tag: &Discriminator,
    variants: &[OneOfVariant],
    unknown: Option<&TypeRef>,
    wire: Wire,
) -> Option<()> {
    out.push_str("#[derive(Debug, Clone, PartialEq)]\n");
    if !allow_large_variants(variants.iter().map(|v| &v.ty)).is_empty() {
        out.push_str("#[allow(clippy::large_enum_variant)]\n");
    }
    let _ = writeln!(out, "pub enum {name} {{");
    let idents: Vec<String> = variants.iter().map(|v| ident_text(&v.name)).collect();
    // Each variant's tag values as string literals.
    let tags: Vec<Vec<String>> = variants
        .iter()
        .map(|v| v.tag_values.iter().map(|t| str_literal(t)).collect())
        .collect();
    for (variant, id) in variants.iter().zip(&idents) {
        doc_comment(out, "    ", &variant_docs(variant))?;
        let mut ty = String::new();
        type_of(api, &variant.ty)?.flat(&mut ty);
        variant_line(out, id, &ty)?;
    }
    let (unknown_doc, unknown_ty, decode_unknown) = match unknown {
        Some(ty) => {
            let mut text = String::new();
            type_of(api, ty)?.flat(&mut text);
            (
                " A value whose tag names no variant above: the fields every variant has, the \
                 rest in a map.",
                text,
                "crate::serde_helpers::from_unknown(value).map(Self::Unknown)",
            )
        }
        None => (
            " A value whose tag this version of the client does not know.",
            "Value".to_owned(),
            "crate::serde_helpers::unknown(value).map(Self::Unknown)",
        ),
    };
    doc_comment(out, "    ", unknown_doc)?;
    variant_line(out, "Unknown", &unknown_ty)?;
    out.push_str("}\n");

    let property = str_literal(&tag.property);
    impl_line(out, gate, "impl Serialize", name);
    push(out, &[SERIALIZE_FN, "        match self {\n"]);
    const CALL: &str = "crate::serde_helpers::serialize_tagged";
    const BODY: &str = "                ";
    const ARG: &str = "                    ";
    for (values, id) in tags.iter().zip(&idents) {
        let list = format!("&[{}]", values.join(", "));
        let pattern = format!("Self::{id}(value)");
        let call = format!("{CALL}(serializer, {property}, {list}, value)");
        if ARM_INDENT.len() + pattern.len() + " => ".len() + call.len() <= MARGIN {
            let _ = writeln!(out, "{ARM_INDENT}{pattern} => {call},");
            continue;
        }
        if ARM_INDENT.len() + pattern.len() + " => {".len() > MARGIN {
            return None;
        }
        let _ = writeln!(out, "{ARM_INDENT}{pattern} => {{");
        if BODY.len() + call.len() <= MARGIN {
            let _ = writeln!(out, "{BODY}{call}");
        } else {
            if ARG.len() + list.len() + 1 > MARGIN || ARG.len() + property.len() + 1 > MARGIN {
                return None;
            }
            let _ = writeln!(
                out,
                "{BODY}{CALL}(\n{ARG}serializer,\n{ARG}{property},\n{ARG}{list},\n{ARG}value,\n{BODY})"
            );
        }
        let _ = writeln!(out, "{ARM_INDENT}}}");
    }
    out.push_str(SERIALIZE_END);
    if !wire.received {
        return Some(());
    }

    impl_line(out, gate, "impl<'de> Deserialize<'de>", name);
    out.push_str(DESERIALIZE_VALUE);
    let head = format!("        match crate::serde_helpers::tag(&value, {property}) {{");
    if head.len() > MARGIN {
        return None;
    }
    out.push_str(&head);
    out.push('\n');
    for (values, id) in tags.iter().zip(&idents) {
        let pattern = format!("Some({})", values.join(" | "));
        let body = format!("crate::serde_helpers::from_value(value).map(Self::{id})");
        if ARM_INDENT.len() + pattern.len() + " => {".len() > MARGIN {
            return None;
        }
        if ARM_INDENT.len() + pattern.len() + " => ".len() + body.len() <= MARGIN
            || BODY.len() + body.len() <= MARGIN
        {
            arm(out, &pattern, &body);
            continue;
        }
        // The chain broken before `.map`.
        let map = format!(".map(Self::{id})");
        if ARG.len() + map.len() > MARGIN {
            return None;
        }
        let _ = writeln!(
            out,
            "{ARM_INDENT}{pattern} => {{\n{BODY}crate::serde_helpers::from_value(value)\n{ARG}{map}\n{ARM_INDENT}}}"
        );
    }
    arm(out, "_", decode_unknown);
    out.push_str("        }\n    }\n}\n");
    Some(())
}

/// The `Display` impl of an untagged enum of scalars (see `one_of::display_one_of`), after
/// `gate`; `None` where an arm is too long for its line.
pub(super) fn display(
    out: &mut String,
    name: &str,
    gate: &str,
    variants: &[OneOfVariant],
) -> Option<()> {
    impl_line(out, gate, "impl fmt::Display", name);
    out.push_str(
        "    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {\n        match self {\n",
    );
    for variant in variants {
        let line = format!(
            "            Self::{}(value) => fmt::Display::fmt(value, f),",
            ident_text(&variant.name)
        );
        if line.len() > MARGIN {
            return None;
        }
        out.push_str(&line);
        out.push('\n');
    }
    out.push_str(
        "            Self::Unknown(Value::String(value)) => f.write_str(value),\n            \
         Self::Unknown(value) => fmt::Display::fmt(value, f),\n        }\n    }\n}\n",
    );
    Some(())
}

/// Whether the type `ty` is a path without generic arguments: `prettyplease` has nowhere to
/// break it.
fn plain_path(ty: &str) -> bool {
    ty.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b':')
}

/// `pub type Name = Type;`, on one line.
pub(super) fn alias(api: &Api, out: &mut String, name: &str, ty: &TypeRef) -> Option<()> {
    let mut line = format!("pub type {name} = ");
    let start = line.len();
    type_of(api, ty)?.flat(&mut line);
    // A path without generic arguments: `prettyplease` leaves the line long, whatever its
    // length.
    let plain_path = plain_path(&line[start..]);
    line.push(';');
    if line.len() > MARGIN && !plain_path {
        return None;
    }
    out.push_str(&line);
    out.push('\n');
    Some(())
}
