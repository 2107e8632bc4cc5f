//! Untagged `oneOf`/`anyOf` enums (and their `Display`) and type aliases, printed as
//! `prettyplease` prints the tokens `one_of::untagged_enum`, `one_of::display_one_of` and
//! `types::type_def` build for them. A variant too long for a line has its field on a line of
//! its own; a type `prettyplease` would wrap inside (its generic arguments) is left to it:
//! `None`.

use std::fmt::Write;

use super::ty::type_of;
use super::{MARGIN, doc_comment};
use crate::emit::one_of::variant_docs;
use crate::emit::rust::{allow_large_variants, ident_text};
use crate::ir::{Api, OneOfVariant, TypeRef, Wire};

/// The enum after its docs and `#[cfg]`, without its `Display` ([`display`]).
pub(super) fn untagged_enum(
    api: &Api,
    out: &mut String,
    name: &str,
    variants: &[OneOfVariant],
    wire: Wire,
) -> Option<()> {
    let _ = writeln!(
        out,
        "#[derive(Debug, Clone, PartialEq, {})]",
        wire.serde_derives()
    );
    out.push_str("#[serde(untagged)]\n");
    if !allow_large_variants(variants.iter().map(|v| &v.ty)).is_empty() {
        out.push_str("#[allow(clippy::large_enum_variant)]\n");
    }
    let _ = writeln!(out, "pub enum {name} {{");
    for variant in variants {
        doc_comment(out, "    ", &variant_docs(variant))?;
        let name = ident_text(&variant.name);
        let mut ty = String::new();
        type_of(api, &variant.ty)?.flat(&mut ty);
        if 4 + name.len() + 1 + ty.len() + 2 <= MARGIN {
            let _ = writeln!(out, "    {name}({ty}),");
        } else if 8 + ty.len() < MARGIN || plain_path(&ty) {
            // Too long for one line: the field on a line of its own, where it fits or has
            // nowhere to break.
            let _ = writeln!(out, "    {name}(\n        {ty},\n    ),");
        } else {
            return None;
        }
    }
    out.push_str("    /// A value that matches none of the variants above.\n");
    out.push_str("    Unknown(Value),\n}\n");
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
    out.push_str(gate);
    if 22 + name.len() + 2 <= MARGIN {
        let _ = writeln!(out, "impl fmt::Display for {name} {{");
    } else {
        let _ = writeln!(out, "impl fmt::Display\nfor {name} {{");
    }
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
