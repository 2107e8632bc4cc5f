//! Type references as text, wrapped inside their `<…>` as `prettyplease` wraps them.

use super::{MARGIN, MIN_SPACE};
use crate::emit::formats::format_row;
use crate::emit::rust::ident;
use crate::ir::{Api, FloatWidth, IntWidth, TypeRef};

/// A type: a path and its generic arguments.
#[derive(Debug)]
pub(super) struct Ty {
    path: String,
    args: Vec<Ty>,
}

impl Ty {
    pub(super) fn plain(path: &str) -> Self {
        Ty {
            path: path.to_owned(),
            args: Vec::new(),
        }
    }

    pub(super) fn generic(path: &str, args: Vec<Ty>) -> Self {
        Ty {
            path: path.to_owned(),
            args,
        }
    }

    /// On one line.
    pub(super) fn flat(&self, out: &mut String) {
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

    pub(super) fn flat_len(&self) -> usize {
        self.path.len()
            + match self.args.len() {
                0 => 0,
                n => 2 * n + self.args.iter().map(Ty::flat_len).sum::<usize>(),
            }
    }

    /// At column `column` of a line indented `indent`, followed by `tail` characters on the
    /// line: on one line when they fit in [`MARGIN`] (or [`MIN_SPACE`] past the indent, or
    /// when there are no arguments to break at), else an argument a line, each with a comma.
    pub(super) fn write(&self, out: &mut String, column: usize, indent: usize, tail: usize) {
        // `prettyplease` leaves at least `MIN_SPACE` columns after a deep indent.
        let space = MARGIN.saturating_sub(indent).max(MIN_SPACE);
        if self.args.is_empty() || column - indent + self.flat_len() + tail <= space {
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
pub(super) fn type_of(api: &Api, ty: &TypeRef) -> Option<Ty> {
    type_in(api, ty, "")
}

/// How `types::type_tokens` writes a type, named types after `prefix` (`types::` outside the
/// `types` module).
pub(super) fn type_in(api: &Api, ty: &TypeRef, prefix: &str) -> Option<Ty> {
    let wrap =
        |path: &str, inner: &TypeRef| Some(Ty::generic(path, vec![type_in(api, inner, prefix)?]));
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
        TypeRef::Named(id) => Ty::plain(&format!("{prefix}{}", ident(api.name_of(*id)))),
        TypeRef::Array(item) => return wrap("Vec", item),
        TypeRef::Map(value) => map(type_in(api, value, prefix)?),
        TypeRef::Any => Ty::plain("Value"),
        TypeRef::Format(format) => match format_row(*format).1.split_once('<') {
            Some((path, arg)) => Ty::generic(path, vec![Ty::plain(arg.trim_end_matches('>'))]),
            None => Ty::plain(format_row(*format).1),
        },
        TypeRef::Binary => Ty::plain("bytes::Bytes"),
        TypeRef::File => Ty::plain("crate::Upload"),
        TypeRef::Nullable(inner) => return wrap("Option", inner),
        TypeRef::Boxed(inner) => return wrap("Box", inner),
        // Left to `prettyplease`, which knows how it wraps them.
        TypeRef::External(_) | TypeRef::Tuple(_) => return None,
    })
}

/// `BTreeMap<String, value>`.
pub(super) fn map(value: Ty) -> Ty {
    Ty::generic("BTreeMap", vec![Ty::plain("String"), value])
}
