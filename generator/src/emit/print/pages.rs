//! A paginated operation's page functions (`page_info_*`, `items_of_*`) printed as
//! `prettyplease` prints the tokens `pages::page_functions` builds: the signature (its
//! parameter on a line of its own when it is too long for one) and the body. A line that
//! `prettyplease` would break some other way (a long field expression or type) is `None`.

use super::MARGIN;
use super::decode::success_ty;
use super::items::ItemText;
use super::layout::fits;
use super::ty::{Ty, type_in};
use crate::emit::rust::ident;
use crate::ir::{Api, Operation, PageKind, ResponseField};

/// The page functions of `op`, empty when it is not paginated; `seen` sees the types written.
pub(crate) fn page_functions_text(
    api: &Api,
    op: &Operation,
    seen: &mut dyn FnMut(&str),
) -> Option<Vec<ItemText>> {
    let Some(pagination) = &op.pagination else {
        return Some(Vec::new());
    };
    let success = flat(&success_ty(api, op)?);
    let item = flat(&type_in(api, &pagination.item_type, "types::")?);
    seen(&success);
    seen(&item);
    let (count, owned) = match &pagination.items {
        None => ("page.value.len()".to_owned(), "page".to_owned()),
        Some(field) => {
            let name = ident(&field.name);
            let owned = match (field.optional, field.double) {
                (false, _) => format!("page.{name}"),
                (true, false) => format!("page.{name}.unwrap_or_default()"),
                (true, true) => format!("page.{name}.flatten().unwrap_or_default()"),
            };
            let count = if field.optional {
                format!("{}.map_or(0, Vec::len)", borrowed(field, "page.value"))
            } else {
                format!("page.value.{name}.len()")
            };
            (count, owned)
        }
    };
    let none = || "None".to_owned();
    let (cursor, has_more, total) = match &pagination.kind {
        PageKind::Cursor {
            cursor,
            item_id,
            has_more,
        } => {
            let cursor = match (cursor, item_id) {
                (Some(field), _) => cloned(field, "page.value"),
                (None, Some(id)) => {
                    let last = match &pagination.items {
                        None => "page.value.last()".to_owned(),
                        Some(field) if !field.optional => {
                            format!("page.value.{}.last()", ident(&field.name))
                        }
                        Some(field) => format!(
                            "{}.and_then(|items| items.last())",
                            borrowed(field, "page.value")
                        ),
                    };
                    let name = ident(&id.name);
                    match (id.optional, id.double) {
                        (false, _) => format!("{last}.map(|item| item.{name}.clone())"),
                        (true, false) => format!("{last}.and_then(|item| item.{name}.clone())"),
                        (true, true) => {
                            format!("{last}.and_then(|item| item.{name}.clone().flatten())")
                        }
                    }
                }
                (None, None) => none(),
            };
            let has_more = has_more
                .as_ref()
                .map_or_else(none, |field| copied(field, "page.value"));
            (cursor, has_more, none())
        }
        PageKind::PageNumber { total } | PageKind::Offset { total } => {
            let total = total.as_ref().map_or_else(none, |field| {
                format!("crate::pages::count({})", copied(field, "page.value"))
            });
            (none(), none(), total)
        }
        PageKind::Link => (none(), none(), none()),
    };

    let mut info = ItemText::plain(&format!("page_info_{}", op.method_name));
    let out = &mut info.body;
    signature(
        out,
        &info.name,
        &format!("page: &crate::Response<{success}>"),
        "crate::pages::PageInfo",
    )?;
    out.push_str("    crate::pages::PageInfo {\n");
    for (field, value) in [
        ("items", count),
        ("cursor", cursor),
        ("has_more", has_more),
        ("total", total),
    ] {
        fits(out, "        ", &format!("{field}: {value}"), ",")?;
    }
    out.push_str("    }\n}\n");

    let mut items = ItemText::plain(&format!("items_of_{}", op.method_name));
    let out = &mut items.body;
    signature(
        out,
        &items.name,
        &format!("page: {success}"),
        &format!("Vec<{item}>"),
    )?;
    fits(out, "    ", &owned, "")?;
    out.push_str("}\n");
    Some(vec![info, items])
}

/// `fn name(param) -> ret {` on one line, or the parameter on a line of its own.
fn signature(out: &mut String, name: &str, param: &str, ret: &str) -> Option<()> {
    let line = format!("fn {name}({param}) -> {ret} {{");
    if line.len() <= MARGIN {
        out.push_str(&line);
        out.push('\n');
        return Some(());
    }
    fits(out, "", &format!("fn {name}("), "")?;
    fits(out, "    ", param, ",")?;
    fits(out, "", &format!(") -> {ret} {{"), "")
}

fn flat(ty: &Ty) -> String {
    let mut text = String::with_capacity(ty.flat_len());
    ty.flat(&mut text);
    text
}

/// An `Option<&T>` of a field of `base`, however the generated struct holds it.
fn borrowed(field: &ResponseField, base: &str) -> String {
    let name = ident(&field.name);
    match (field.optional, field.double) {
        (false, _) => format!("Some(&{base}.{name})"),
        (true, false) => format!("{base}.{name}.as_ref()"),
        (true, true) => format!("{base}.{name}.as_ref().and_then(Option::as_ref)"),
    }
}

/// An `Option<T>` of a `Clone` field of `base`, cloned.
fn cloned(field: &ResponseField, base: &str) -> String {
    let name = ident(&field.name);
    match (field.optional, field.double) {
        (false, _) => format!("Some({base}.{name}.clone())"),
        (true, false) => format!("{base}.{name}.clone()"),
        (true, true) => format!("{base}.{name}.clone().flatten()"),
    }
}

/// An `Option<T>` of a `Copy` field of `base`.
fn copied(field: &ResponseField, base: &str) -> String {
    let name = ident(&field.name);
    match (field.optional, field.double) {
        (false, _) => format!("Some({base}.{name})"),
        (true, false) => format!("{base}.{name}"),
        (true, true) => format!("{base}.{name}.flatten()"),
    }
}
