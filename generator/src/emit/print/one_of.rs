//! Untagged `oneOf`/`anyOf` enums and type aliases, printed as `prettyplease` prints the
//! tokens `one_of::untagged_enum` and `types::type_def` build for them. A line `prettyplease`
//! would wrap (a long variant or aliased type) is left to it: `None`.

use std::fmt::Write;

use super::ty::type_of;
use super::{MARGIN, doc_comment};
use crate::emit::one_of::variant_docs;
use crate::emit::rust::{allow_large_variants, ident};
use crate::ir::{Api, OneOfVariant, TypeRef, Wire};

/// The enum after its docs and `#[cfg]`; no `Display` (the caller checks).
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
        let mut line = format!("    {}(", ident(&variant.name));
        type_of(api, &variant.ty)?.flat(&mut line);
        line.push_str("),");
        if line.len() > MARGIN {
            return None;
        }
        out.push_str(&line);
        out.push('\n');
    }
    out.push_str("    /// A value that matches none of the variants above.\n");
    out.push_str("    Unknown(Value),\n}\n");
    Some(())
}

/// `pub type Name = Type;`, on one line.
pub(super) fn alias(api: &Api, out: &mut String, name: &str, ty: &TypeRef) -> Option<()> {
    let mut line = format!("pub type {name} = ");
    type_of(api, ty)?.flat(&mut line);
    line.push(';');
    if line.len() > MARGIN {
        return None;
    }
    out.push_str(&line);
    out.push('\n');
    Some(())
}
