//! Small helpers for writing Rust: identifiers, doc comments, type references, formatting.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use crate::error::{Error, Result};
use crate::ir::{FloatWidth, IntWidth, TypeRef};
use crate::naming;

/// An identifier, raw (`r#type`) where the name is a keyword.
pub(crate) fn ident(name: &str) -> Ident {
    if naming::is_keyword(name) {
        Ident::new_raw(name, Span::call_site())
    } else {
        format_ident!("{}", name)
    }
}

/// `#[doc = …]` attributes for `text`, one per line, safe for rustdoc: code fences without a
/// language become `text` blocks so they are never run as doctests, and indentation outside
/// fences is removed so it cannot start an (implicitly Rust) indented code block.
pub(crate) fn docs(text: &str) -> TokenStream {
    let lines = doc_lines(text);
    quote! { #( #[doc = #lines] )* }
}

pub(crate) fn doc_lines(text: &str) -> Vec<String> {
    let mut in_fence = false;
    let mut lines = Vec::new();
    for line in text.trim().lines() {
        let trimmed = line.trim_start();
        let line = if let Some(info) = trimmed.strip_prefix("```") {
            if in_fence {
                in_fence = false;
                "```".to_owned()
            } else {
                in_fence = true;
                let info = info.trim();
                let info = if info.is_empty() || is_rust_info(info) {
                    "text"
                } else {
                    info
                };
                format!("```{info}")
            }
        } else if in_fence {
            line.to_owned()
        } else {
            trimmed.trim_end().to_owned()
        };
        lines.push(if line.is_empty() {
            line
        } else {
            format!(" {line}")
        });
    }
    if in_fence {
        lines.push(" ```".to_owned());
    }
    lines
}

/// Whether rustdoc would compile a fence with this info string as Rust.
fn is_rust_info(info: &str) -> bool {
    info.split([',', ' ']).all(|word| {
        matches!(
            word,
            "" | "rust"
                | "ignore"
                | "should_panic"
                | "no_run"
                | "compile_fail"
                | "edition2015"
                | "edition2018"
                | "edition2021"
                | "edition2024"
        )
    })
}

/// How a type reference is written; `types` is the path prefix for named types (`types::`) or
/// `None` inside the `types` module itself.
pub(crate) fn type_tokens(ty: &TypeRef, types: Option<&TokenStream>) -> TokenStream {
    match ty {
        TypeRef::String => quote!(String),
        TypeRef::Bool => quote!(bool),
        TypeRef::Integer(IntWidth::I32) => quote!(i32),
        TypeRef::Integer(IntWidth::I64) => quote!(i64),
        TypeRef::Integer(IntWidth::U8) => quote!(u8),
        TypeRef::Integer(IntWidth::U16) => quote!(u16),
        TypeRef::Integer(IntWidth::U32) => quote!(u32),
        TypeRef::Integer(IntWidth::U64) => quote!(u64),
        TypeRef::Number(FloatWidth::F32) => quote!(f32),
        TypeRef::Number(FloatWidth::F64) => quote!(f64),
        TypeRef::Named(name) => {
            let name = ident(name);
            match types {
                Some(prefix) => quote!(#prefix::#name),
                None => quote!(#name),
            }
        }
        TypeRef::Array(item) => {
            let item = type_tokens(item, types);
            quote!(Vec<#item>)
        }
        TypeRef::Map(value) => {
            let value = type_tokens(value, types);
            quote!(BTreeMap<String, #value>)
        }
        TypeRef::Any => quote!(Value),
        // `Bytes` serializes through `serialize_bytes`, so multipart bodies send it as a file.
        TypeRef::Binary => quote!(bytes::Bytes),
        TypeRef::Nullable(inner) => {
            let inner = type_tokens(inner, types);
            quote!(Option<#inner>)
        }
        TypeRef::Boxed(inner) => {
            let inner = type_tokens(inner, types);
            quote!(Box<#inner>)
        }
    }
}

/// Whether a type reference mentions `BTreeMap` or `Value`, so the module must import them.
pub(crate) fn uses(ty: &TypeRef, map: &mut bool, value: &mut bool) {
    match ty {
        TypeRef::Map(inner) => {
            *map = true;
            uses(inner, map, value);
        }
        TypeRef::Array(inner) | TypeRef::Nullable(inner) | TypeRef::Boxed(inner) => {
            uses(inner, map, value)
        }
        TypeRef::Any => *value = true,
        _ => {}
    }
}

/// Every identifier in `tokens`, at any depth, so a module imports only what it uses.
pub(crate) fn idents_in(tokens: &TokenStream) -> std::collections::BTreeSet<String> {
    fn walk(tokens: TokenStream, found: &mut std::collections::BTreeSet<String>) {
        for tree in tokens {
            match tree {
                proc_macro2::TokenTree::Ident(ident) => {
                    found.insert(ident.to_string());
                }
                proc_macro2::TokenTree::Group(group) => walk(group.stream(), found),
                _ => {}
            }
        }
    }
    let mut found = std::collections::BTreeSet::new();
    walk(tokens.clone(), &mut found);
    found
}

/// Parses and pretty-prints a whole file.
pub(crate) fn format_file(tokens: TokenStream, what: &str) -> Result<String> {
    let file: syn::File = syn::parse2(tokens)
        .map_err(|e| Error::msg(format!("internal: generated {what} does not parse: {e}")))?;
    Ok(space_items(&prettyplease::unparse(&file)))
}

/// Puts a blank line between items, as a person would; `prettyplease` leaves none. A blank line
/// goes before an item (or its docs or attributes) that follows the end of another item at an
/// item level (the module, or an `impl`, `trait` or `mod` block), and after module docs and
/// inner attributes. Runs of `use` and `mod` lines stay together.
fn space_items(source: &str) -> String {
    let indent = |s: &str| s.len() - s.trim_start().len();
    let lines: Vec<&str> = source.lines().collect();
    let mut out = String::with_capacity(source.len() + source.len() / 16);
    let mut item_levels = vec![0usize];
    // The first line of the item that the previous line belongs to, per indentation level, so
    // the `};` closing a multi-line `use` still counts as part of a `use` group.
    let mut heads: Vec<(usize, &str)> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let body = line.trim_start();
        let level = indent(line);
        if let Some(prev) = i.checked_sub(1).map(|p| lines[p]) {
            // An outer attribute belongs to the item it precedes.
            let item = lines[i..]
                .iter()
                .map(|l| l.trim_start())
                .find(|l| !l.starts_with("#["))
                .unwrap_or(body);
            let prev_head = heads
                .iter()
                .rev()
                .find(|(l, _)| *l == level)
                .map_or(prev.trim_start(), |(_, head)| head);
            if item_levels.contains(&level)
                && indent(prev) == level
                && needs_blank_line(prev.trim_start(), prev_head, body, item)
            {
                out.push('\n');
            }
        }
        let starts_item = !body.starts_with('}')
            && !body.starts_with(')')
            && !body.starts_with("#[")
            && !body.starts_with("//");
        if starts_item {
            heads.retain(|(l, _)| *l < level);
            heads.push((level, body));
        }
        if body.ends_with('{') && opens_item_block(body) {
            item_levels.push(level + 4);
        } else if body.starts_with('}') {
            item_levels.retain(|l| *l != level + 4 || level + 4 == 0);
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn opens_item_block(body: &str) -> bool {
    let body = body.strip_prefix("pub ").unwrap_or(body);
    ["impl ", "impl<", "trait ", "mod ", "unsafe impl"]
        .iter()
        .any(|p| body.starts_with(p))
}

fn needs_blank_line(prev: &str, prev_head: &str, line: &str, item: &str) -> bool {
    if line.is_empty() || line.starts_with('}') || line.starts_with(')') {
        return false;
    }
    let grouped = |s: &str| {
        if s.starts_with("mod ") || s.starts_with("pub mod ") {
            Some("mod")
        } else {
            ["use ", "pub use "].into_iter().find(|p| s.starts_with(*p))
        }
    };
    if prev.starts_with("//!") {
        return !line.starts_with("//!");
    }
    if prev.starts_with("#![") || prev == ")]" {
        return !line.starts_with("#![");
    }
    let item_end = prev == "}"
        || prev == "};"
        || prev.ends_with("{}")
        || (prev.ends_with(';') && !prev.starts_with("//"));
    let same_group = grouped(prev_head).is_some() && grouped(prev_head) == grouped(item);
    item_end && !same_group
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_fences_become_text_and_indentation_is_dropped() {
        let lines = doc_lines("Intro\n\n    indented\n```\nlet x = 1;\n```\n```json\n{}\n```");
        assert_eq!(
            lines,
            [
                " Intro",
                "",
                " indented",
                " ```text",
                " let x = 1;",
                " ```",
                " ```json",
                " {}",
                " ```"
            ]
        );
    }

    #[test]
    fn an_unclosed_fence_is_closed() {
        assert_eq!(doc_lines("```\ncode"), [" ```text", " code", " ```"]);
    }

    #[test]
    fn keywords_become_raw_identifiers() {
        assert_eq!(ident("type").to_string(), "r#type");
        assert_eq!(ident("name").to_string(), "name");
    }
}
