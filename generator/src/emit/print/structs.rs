//! Structs (one per object schema) printed straight to text, as `prettyplease` prints the
//! tokens `types::type_def` builds for them: the docs, the derives, and a line per field with
//! its `#[serde]` attribute, wrapped as `prettyplease` wraps a long one.

use std::fmt::Write;

use super::{MARGIN, doc_comment};
use crate::emit::docs::doc_lines;
use crate::emit::formats::format_row;
use crate::emit::rust::ident;
use crate::ir::{Api, Field, FloatWidth, IntWidth, TypeRef};

/// The struct after its docs and `#[cfg]`, or `None` for a field this printer cannot print
/// exactly (a line `prettyplease` would wrap elsewhere, a configured type).
pub(super) fn struct_items(
    api: &Api,
    out: &mut String,
    name: &str,
    fields: &[Field],
    additional: Option<&crate::ir::Additional>,
) -> Option<()> {
    let default = if fields.iter().all(|f| !f.required) {
        "Default, "
    } else {
        ""
    };
    let _ = writeln!(
        out,
        "#[derive(Debug, Clone, PartialEq, {default}Serialize, Deserialize)]"
    );
    if fields.is_empty() && additional.is_none() {
        return None;
    }
    let _ = writeln!(out, "pub struct {name} {{");
    for field in fields {
        field_lines(api, out, field)?;
    }
    if let Some(additional) = additional {
        for line in doc_lines(&additional.docs) {
            doc_comment(out, "    ", &line)?;
        }
        out.push_str("    #[serde(flatten)]\n");
        let value = type_of(api, &additional.value)?;
        field_line(out, &ident(&additional.name).to_string(), &map(value));
    }
    out.push_str("}\n");
    Some(())
}

/// A field's docs, `#[serde]` attribute and declaration.
fn field_lines(api: &Api, out: &mut String, field: &Field) -> Option<()> {
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
            proc_macro2::Literal::string(&field.wire_name)
        );
        args.push(rename.as_str());
    }
    let ty = match (field.required, field.nullable) {
        (true, false) => ty,
        (true, true) => Ty::generic("Option", vec![ty]),
        (false, false) => {
            args.extend(["default", "skip_serializing_if = \"Option::is_none\""]);
            Ty::generic("Option", vec![ty])
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
    if !args.is_empty() {
        serde_attribute(out, &args);
    }
    field_line(out, &ident(&field.name).to_string(), &ty);
    Some(())
}

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
    let prefix = format!("    pub {name}: ");
    out.push_str(&prefix);
    ty.write(out, prefix.len(), 4, 1);
    out.push_str(",\n");
}

/// A type: a path and its generic arguments.
#[derive(Debug)]
struct Ty {
    path: String,
    args: Vec<Ty>,
}

impl Ty {
    fn plain(path: &str) -> Self {
        Ty {
            path: path.to_owned(),
            args: Vec::new(),
        }
    }

    fn generic(path: &str, args: Vec<Ty>) -> Self {
        Ty {
            path: path.to_owned(),
            args,
        }
    }

    /// On one line.
    fn flat(&self, out: &mut String) {
        out.push_str(&self.path);
        if let Some((last, rest)) = self.args.split_last() {
            out.push('<');
            for arg in rest {
                arg.flat(out);
                out.push_str(", ");
            }
            last.flat(out);
            out.push('>');
        }
    }

    fn flat_len(&self) -> usize {
        self.path.len()
            + match self.args.len() {
                0 => 0,
                n => 2 * n + self.args.iter().map(Ty::flat_len).sum::<usize>(),
            }
    }

    /// At column `column` of a line indented `indent`, followed by `tail` characters on the
    /// line: on one line when they fit in [`MARGIN`] (or when there are no arguments to break
    /// at), else an argument a line, each with a comma.
    fn write(&self, out: &mut String, column: usize, indent: usize, tail: usize) {
        if self.args.is_empty() || column + self.flat_len() + tail <= MARGIN {
            self.flat(out);
            return;
        }
        out.push_str(&self.path);
        out.push_str("<\n");
        let inner = indent + 4;
        for (i, arg) in self.args.iter().enumerate() {
            let last = i + 1 == self.args.len();
            out.extend(std::iter::repeat_n(' ', inner));
            // A comma between arguments is text on the line; the one after the last is only
            // printed when the line breaks there.
            arg.write(out, inner, inner, usize::from(!last));
            out.push_str(",\n");
        }
        out.extend(std::iter::repeat_n(' ', indent));
        out.push('>');
    }
}

/// How `types::type_tokens` writes a type inside the `types` module; `None` for a type the
/// configuration named (its path is printed however `prettyplease` prints it).
fn type_of(api: &Api, ty: &TypeRef) -> Option<Ty> {
    let wrap = |path: &str, inner: &TypeRef| Some(Ty::generic(path, vec![type_of(api, inner)?]));
    Some(match ty {
        TypeRef::String => Ty::plain("String"),
        TypeRef::Bool => Ty::plain("bool"),
        TypeRef::Integer(width) => Ty::plain(match width {
            IntWidth::I32 => "i32",
            IntWidth::I64 => "i64",
            IntWidth::U8 => "u8",
            IntWidth::U16 => "u16",
            IntWidth::U32 => "u32",
            IntWidth::U64 => "u64",
        }),
        TypeRef::Number(FloatWidth::F32) => Ty::plain("f32"),
        TypeRef::Number(FloatWidth::F64) => Ty::plain("f64"),
        TypeRef::Named(id) => Ty::plain(&ident(api.name_of(*id)).to_string()),
        TypeRef::Array(item) => return wrap("Vec", item),
        TypeRef::Map(value) => map(type_of(api, value)?),
        TypeRef::Any => Ty::plain("Value"),
        TypeRef::Format(format) => match format_row(*format).1.split_once('<') {
            Some((path, arg)) => Ty::generic(path, vec![Ty::plain(arg.trim_end_matches('>'))]),
            None => Ty::plain(format_row(*format).1),
        },
        TypeRef::Binary => Ty::plain("bytes::Bytes"),
        TypeRef::Nullable(inner) => return wrap("Option", inner),
        TypeRef::Boxed(inner) => return wrap("Box", inner),
        TypeRef::External(_) => return None,
    })
}

/// `BTreeMap<String, value>`.
fn map(value: Ty) -> Ty {
    Ty::generic("BTreeMap", vec![Ty::plain("String"), value])
}
