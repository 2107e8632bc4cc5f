//! The `Serialize` impl of a struct, written as text rather than derived (see
//! [`super::deserialize`] for which structs and why): the number of fields present, then each
//! field through the runtime's `object::Writer` (`templates/runtime/object.rs`), an optional
//! one left out when `None`, as the derive's `skip_serializing_if = "Option::is_none"` did, and
//! one that holds `format: binary` bytes through `binary`/`optional_binary`, as text.

use std::fmt::Write;

use super::deserialize::{binding, hand_written, literal};
use super::{MARGIN, SERIALIZE_FN, push};
use crate::emit::rust::ident_text;
use crate::ir::{Api, TypeDef, TypeKind};

/// The `Serialize` impl of `def` after `gate` (its `#[cfg]` line, or nothing), as
/// `prettyplease` prints it; `None` unless [`hand_written`].
pub(crate) fn impl_text(api: &Api, def: &TypeDef, gate: &str) -> Option<String> {
    let TypeKind::Struct { fields, .. } = &def.kind else {
        return None;
    };
    if !hand_written(def) {
        return None;
    }
    let name = ident_text(&def.name);
    let mut out = String::with_capacity(320 + fields.len() * 100);
    push(
        &mut out,
        &[gate, "impl Serialize for ", &name, " {\n", SERIALIZE_FN],
    );
    let required = fields.iter().filter(|f| f.required).count();
    if required == fields.len() {
        let _ = writeln!(out, "        let len = {required};");
    } else {
        let _ = writeln!(out, "        let mut len = {required};");
        for field in fields.iter().filter(|f| !f.required) {
            push(
                &mut out,
                &[
                    "        len += usize::from(self.",
                    &binding(field),
                    ".is_some());\n",
                ],
            );
        }
    }
    let start = format!(
        "        let mut out = object::write(serializer, {}, len)?;",
        literal(&def.name)
    );
    if start.len() <= MARGIN {
        let _ = writeln!(out, "{start}");
    } else {
        let _ = writeln!(
            out,
            "        let mut out = object::write(\n            serializer,\n            {},\n            len,\n        )?;",
            literal(&def.name)
        );
    }
    for field in fields {
        // `format: binary` bytes go through the runtime's `BinaryField`: JSON strings.
        let write = match (field.required, api.holds_binary(&field.ty)) {
            (true, false) => "field",
            (false, false) => "optional",
            (true, true) => "binary",
            (false, true) => "optional_binary",
        };
        let (wire, binding) = (literal(&field.wire_name), binding(field));
        if "        out.(, &self.)?;".len() + write.len() + wire.len() + binding.len() <= MARGIN {
            push(
                &mut out,
                &[
                    "        out.",
                    write,
                    "(",
                    &wire,
                    ", &self.",
                    &binding,
                    ")?;\n",
                ],
            );
        } else {
            let _ = writeln!(
                out,
                "        out.{write}(\n            {wire},\n            &self.{binding},\n        )?;"
            );
        }
    }
    out.push_str("        out.end()\n    }\n}\n");
    Some(out)
}
