//! A paginated operation's page functions (`page_info_*`, `items_of_*`) printed as
//! `prettyplease` prints the tokens `pages::page_functions` builds: the signature (its
//! parameter on a line of its own when it is too long for one) and the body. A line that
//! `prettyplease` would break some other way (a long field expression or type) is `None`.

use std::fmt::Write;

use super::decode::success_ty;
use super::items::ItemText;
use super::layout::{fits, flat as flat_tokens};
use super::method::{CHAIN, FN, STMT, gate_at_fn, signature as method_signature};
use super::ty::{Ty, type_in};
use super::{MARGIN, doc_comment};
use crate::emit::items::success_type;
use crate::emit::method::param_type_in;
use crate::emit::rust::{ident, ident_text, str_literal};
use crate::ir::{Api, Operation, PageKind, ResponseField, TypeRef};

/// The body of `*_items`, `self.{pages}(passed).items(items_of_{method})`, and the method's
/// closing brace, as `prettyplease` lays the chain out: on one line when it fits; else broken
/// before `.items`, the call to `*_pages` on the first line or, when even that is too long,
/// its arguments a line each (indented one step further, as the chain is). `None` when the
/// `.items` line itself is too long.
fn items_chain(pages: &str, method: &str, passed: &[String]) -> Option<String> {
    let call = format!("{STMT}self.{pages}({})", passed.join(", "));
    let items = format!(".items(items_of_{method})");
    if call.len() + items.len() <= MARGIN {
        return Some(format!("{call}{items}\n{FN}}}\n"));
    }
    if CHAIN.len() + items.len() > MARGIN {
        return None;
    }
    let mut out = if call.len() <= MARGIN {
        call
    } else if passed.is_empty() {
        return None;
    } else {
        let mut out = format!("{STMT}self.{pages}(\n");
        for arg in passed {
            let _ = writeln!(out, "{CHAIN}    {arg},");
        }
        out.push_str(CHAIN);
        out.push(')');
        out
    };
    let _ = write!(out, "\n{CHAIN}{items}\n{FN}}}\n");
    Some(out)
}

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

/// The `*_pages` and `*_items` methods of `op` (empty when it is not paginated) at their indent
/// in `impl Client`, after `gate` (a formatted `#[cfg]` line at column 0, or empty), as
/// `prettyplease` prints the tokens `pages::page_methods` builds; `seen` sees their code (not
/// their docs or literals), for the module's imports. `None` where a line would break some
/// other way than the signature's.
pub(crate) fn page_methods_text(
    api: &Api,
    op: &Operation,
    gate: &str,
    seen: &mut dyn FnMut(&str),
) -> Option<String> {
    let Some(pagination) = &op.pagination else {
        return Some(String::new());
    };
    let Some(param) = op.params.get(pagination.param) else {
        return Some(String::new());
    };
    let method = &op.method_name;
    let name = ident_text(method);
    let success = flat_tokens(&success_type(api, op))?;
    let error = op.errors.name();
    let item = flat(&type_in(api, &pagination.item_type, "types::")?);
    let lifetime = quote::quote!('a);
    let mut args = Vec::new();
    let mut passed = Vec::new();
    for param in op.params.iter().filter(|p| !p.in_struct) {
        let arg = ident_text(&param.name);
        let ty = flat_tokens(&param_type_in(api, &param.ty, &lifetime))?;
        args.push(format!("{arg}: {ty}"));
        passed.push(arg);
    }
    let mut called = passed.clone();
    if op.body.is_some() {
        called.push("None".to_owned());
    }
    if let Some(params_type) = &op.params_type {
        args.push(format!("params: {params_type}"));
        passed.push("params".to_owned());
        called.push("params".to_owned());
    }
    let field = ident_text(&param.name);
    let set = match api.unaliased(&param.ty) {
        TypeRef::Integer(_) => "cursor.number()",
        _ => "cursor.text()",
    };
    // The rule's struct fields, when it has any: what `seen` sees of it, and its text.
    let (rule, fields, literal) = match &pagination.kind {
        PageKind::Cursor { .. } => ("Cursor", String::new(), false),
        PageKind::PageNumber { .. } => (
            "PageNumber",
            format!("start: crate::pages::start(params.{field})"),
            false,
        ),
        PageKind::Offset { .. } => (
            "Offset",
            format!("start: crate::pages::start(params.{field})"),
            false,
        ),
        PageKind::Link => (
            "Link",
            format!("param: {}", str_literal(&param.wire_name)),
            true,
        ),
    };
    let attrs = {
        let mut attrs = String::new();
        gate_at_fn(&mut attrs, gate)?;
        if op.deprecated {
            let _ = writeln!(attrs, "{FN}#[deprecated]\n{FN}#[allow(deprecated)]");
        }
        if args.len() + 1 > 7 {
            let _ = writeln!(attrs, "{FN}#[allow(clippy::too_many_arguments)]");
        }
        attrs
    };
    let pages = format!("{method}_pages");
    let items = format!("{method}_items");
    let mut out = String::with_capacity(2048);

    // `*_pages`.
    doc_comment(
        &mut out,
        FN,
        &format!(
            " Every page of [`{method}`](Self::{method}), one call each, as a `Stream` of page \
             bodies: {}.",
            pagination.reason
        ),
    )?;
    doc_comment(&mut out, FN, "")?;
    doc_comment(
        &mut out,
        FN,
        &format!(
            " It takes the arguments of [`{method}`](Self::{method}); the listing starts where \
             they say. See [`Pages`](crate::Pages) for when it ends."
        ),
    )?;
    out.push_str(&attrs);
    let mut code = String::new();
    let mut sig = String::new();
    method_signature(
        &mut sig,
        &format!("{pages}<'a>"),
        "&'a self",
        &args,
        "crate::Pages",
        &["'a", &success, error],
    )?;
    code.push_str(&sig);
    out.push_str(&sig);
    // A struct literal with fields: `prettyplease` puts them a line each, however short.
    let rule_text = if fields.is_empty() {
        format!("{STMT}let rule = crate::pages::Rule::{rule};\n")
    } else {
        if CHAIN.len() + fields.len() > MARGIN {
            return None;
        }
        format!("{STMT}let rule = crate::pages::Rule::{rule} {{\n{CHAIN}{fields},\n{STMT}}};\n")
    };
    out.push_str(&rule_text);
    if !literal {
        code.push_str(&rule_text);
    }
    const CLOSURE: &str = "                ";
    let call = format!("self.{name}({})", called.join(", "));
    let assign = format!("params.{field} = {set};");
    if CLOSURE.len() + call.len() > MARGIN || CLOSURE.len() + 4 + assign.len() > MARGIN {
        return None;
    }
    let body = format!(
        "{STMT}crate::Pages::new(\n{CHAIN}rule,\n{CHAIN}page_info_{method},\n{CHAIN}move |cursor| {{\n\
         {CLOSURE}let mut params = params.clone();\n{CLOSURE}if let Some(cursor) = cursor {{\n\
         {CLOSURE}    {assign}\n{CLOSURE}}}\n{CLOSURE}{call}\n{CHAIN}}},\n{STMT})\n{FN}}}\n"
    );
    code.push_str(&body);
    out.push_str(&body);

    // `*_items`.
    doc_comment(
        &mut out,
        FN,
        &format!(
            " Every item of every page of [`{method}`](Self::{method}), as a `Stream`, fetching \
             each page as the items before it are taken (see [`{pages}`](Self::{pages}))."
        ),
    )?;
    out.push_str(&attrs);
    let mut sig = String::new();
    method_signature(
        &mut sig,
        &format!("{items}<'a>"),
        "&'a self",
        &args,
        "crate::Items",
        &["'a", &success, error, &item],
    )?;
    code.push_str(&sig);
    out.push_str(&sig);
    let tail = items_chain(&pages, method, &passed)?;
    code.push_str(&tail);
    out.push_str(&tail);
    seen(&code);
    Some(out)
}
