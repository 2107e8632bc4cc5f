//! Cargo features per group of operations (`Api::features`): the `#[cfg]` each gated item
//! carries, and the error enums several groups share.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::quote;

use crate::error::{Error, Result};
use crate::ir::{Api, ErrorEnum, Operation};

/// `#[cfg(feature = "a")]`, or `#[cfg(any(feature = "a", feature = "b"))]`.
pub(crate) fn cfg(features: &[String]) -> TokenStream {
    let on = any_on(features);
    quote!(#[cfg(#on)])
}

/// `#[cfg(not(…))]` of [`cfg`]'s condition: none of `features` is on.
pub(crate) fn cfg_not(features: &[String]) -> TokenStream {
    let on = any_on(features);
    quote!(#[cfg(not(#on))])
}

/// `feature = "a"`, or `any(feature = "a", feature = "b")`.
fn any_on(features: &[String]) -> TokenStream {
    match features {
        [one] => quote!(feature = #one),
        many => quote!(any(#(feature = #many),*)),
    }
}

/// The name of the error enum `op`'s error type is, or is an alias of.
fn printed_error(op: &Operation) -> &str {
    match &op.errors {
        ErrorEnum::Own { name, .. } => name,
        ErrorEnum::Shared { shared, .. } => shared,
        ErrorEnum::Alias { target, .. } => target,
    }
}

/// The features of the operations whose error type is each error enum, by the enum's name:
/// the enum is compiled when any of them is on.
pub(crate) fn error_enum_features(api: &Api) -> ErrorFeatures<'_> {
    let mut features: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for op in &api.operations {
        if let Some(feature) = &op.feature {
            features
                .entry(printed_error(op))
                .or_default()
                .insert(feature);
        }
    }
    features
        .into_iter()
        .map(|(name, set)| (name, set.into_iter().map(str::to_owned).collect()))
        .collect()
}

/// The features of each error enum several features share, by its name (see
/// [`error_enum_features`]): worked out once for the whole API, read by every run.
pub(crate) type ErrorFeatures<'a> = BTreeMap<&'a str, Vec<String>>;

/// Parses `tokens` as items.
pub(crate) fn items(tokens: TokenStream, what: &str) -> Result<Vec<syn::Item>> {
    let file: syn::File = syn::parse2(tokens)
        .map_err(|e| Error::msg(format!("internal: generated {what} does not parse: {e}")))?;
    Ok(file.items)
}

/// Formats `items` as a file.
pub(crate) fn unparse_items(items: Vec<syn::Item>) -> String {
    let mut file: syn::File = syn::parse_quote!();
    file.items = items;
    prettyplease::unparse(&file)
}

/// Parses `cfg` as an attribute.
pub(crate) fn attribute(cfg: TokenStream, what: &str) -> Result<syn::Attribute> {
    let mut attrs = syn::parse::Parser::parse2(syn::Attribute::parse_outer, cfg)
        .map_err(|e| Error::msg(format!("internal: a #[cfg] in {what} does not parse: {e}")))?;
    attrs
        .pop()
        .ok_or_else(|| Error::msg(format!("internal: an empty #[cfg] in {what}")))
}

/// Adds `attr` to `attrs`, after the docs.
pub(crate) fn gate(attrs: &mut Vec<syn::Attribute>, attr: &syn::Attribute) {
    let at = attrs
        .iter()
        .position(|a| !a.path().is_ident("doc"))
        .unwrap_or(attrs.len());
    attrs.insert(at, attr.clone());
}

/// The outer attributes of an item, for the kinds of item the generator makes.
pub(crate) fn item_attrs(item: &mut syn::Item) -> Option<&mut Vec<syn::Attribute>> {
    Some(match item {
        syn::Item::Const(item) => &mut item.attrs,
        syn::Item::Enum(item) => &mut item.attrs,
        syn::Item::Fn(item) => &mut item.attrs,
        syn::Item::Impl(item) => &mut item.attrs,
        syn::Item::Mod(item) => &mut item.attrs,
        syn::Item::Static(item) => &mut item.attrs,
        syn::Item::Struct(item) => &mut item.attrs,
        syn::Item::Trait(item) => &mut item.attrs,
        syn::Item::Type(item) => &mut item.attrs,
        syn::Item::Union(item) => &mut item.attrs,
        syn::Item::Use(item) => &mut item.attrs,
        syn::Item::Macro(item) => &mut item.attrs,
        _ => return None,
    })
}

/// The name an item defines or implements for: a type's, a function's, or an `impl`'s self
/// type's last segment.
pub(crate) fn item_name(item: &syn::Item) -> Option<String> {
    match item {
        syn::Item::Enum(item) => Some(item.ident.to_string()),
        syn::Item::Struct(item) => Some(item.ident.to_string()),
        syn::Item::Type(item) => Some(item.ident.to_string()),
        syn::Item::Fn(item) => Some(item.sig.ident.to_string()),
        syn::Item::Impl(item) => match &*item.self_ty {
            syn::Type::Path(path) => path.path.segments.last().map(|s| s.ident.to_string()),
            _ => None,
        },
        _ => None,
    }
}
