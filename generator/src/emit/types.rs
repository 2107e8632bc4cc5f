//! The `types` module: one Rust type per named schema.

use rustc_hash::FxHashMap as HashMap;

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::docs;
use super::enums::{integer_enum, string_enum};
use super::features;
use super::one_of::{display_one_of, has_display, serde_derives, tagged_enum, untagged_enum};
use super::print;
use super::print::{deserialize, serialize};
#[cfg(test)]
use super::rust::Split;
use super::rust::{Spacer, ident, type_tokens, unparse, uses};
use crate::error::Result;
use crate::ir::{Api, Field, Origin, TypeDef, TypeKind};

/// The formatted `types` module, its items built and formatted in runs on several threads.
#[cfg(test)]
pub(crate) fn types_file(api: &Api, split: Split) -> Result<String> {
    let runs = split.map(&split.chunks(&api.types), |defs| format_run(api, defs))?;
    join_runs(api, runs)
}

/// One run of types, formatted: a piece of the module's text before it is spaced. The
/// types [`print`] can print are printed directly; the types between them are formatted from
/// their tokens, and the texts joined in order.
pub(crate) fn format_run(api: &Api, defs: &[TypeDef]) -> Result<String> {
    let mut text = String::new();
    let mut gates = Gates::default();
    // The start of the types not printed yet, to be formatted together.
    let mut start = 0;
    for (i, def) in defs.iter().enumerate() {
        let printed = printed(api, def, &mut gates)?;
        let stand_in = stand_in(def)?;
        let serde = match deserialize::hand_written(def) {
            true => {
                let gate = gate(api, def, &mut gates)?;
                let serialize = serialize::impl_text(api, def, gate);
                Some(
                    serialize
                        .into_iter()
                        .chain(deserialize::impl_text(def, gate)),
                )
            }
            false => None,
        };
        if printed.is_none() && stand_in.is_none() && serde.is_none() {
            continue;
        }
        let end = if printed.is_some() { i } else { i + 1 };
        if start < end {
            text.push_str(&format_tokens(api, &defs[start..end])?);
        }
        text.extend(printed);
        text.extend(serde.into_iter().flatten());
        text.extend(stand_in);
        start = i + 1;
    }
    if start < defs.len() {
        text.push_str(&format_tokens(api, &defs[start..])?);
    }
    Ok(text)
}

/// The formatted `#[cfg]` line of each set of features, formatted once per run.
type Gates = HashMap<Vec<String>, String>;

/// `def` printed by [`print::item_text`], with the `#[cfg]` of its features in a crate with
/// features; `None` for a type that is not printed so.
fn printed(api: &Api, def: &TypeDef, gates: &mut Gates) -> Result<Option<String>> {
    Ok(print::item_text(api, def, gate(api, def, gates)?))
}

/// The formatted `#[cfg]` line of `def`'s items in a crate with features, else nothing.
fn gate<'g>(api: &Api, def: &TypeDef, gates: &'g mut Gates) -> Result<&'g str> {
    Ok(match (&def.features, api.features.is_empty()) {
        (Some(used_by), false) => {
            if !gates.contains_key(used_by) {
                gates.insert(used_by.clone(), print::gate_line(used_by, WHAT)?);
            }
            gates.get(used_by).map_or("", String::as_str)
        }
        _ => "",
    })
}

/// The stand-in compiled for `def` when none of its features is on, formatted; `None` for a
/// type without one (see [`TypeDef::stand_in`]).
fn stand_in(def: &TypeDef) -> Result<Option<String>> {
    let Some(used_by) = def.features.as_ref().filter(|_| def.stand_in) else {
        return Ok(None);
    };
    let name = ident(&def.name);
    let list = used_by
        .iter()
        .map(|f| format!("`{f}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let doc = docs(&format!(
        "`{}` as the JSON received, without fields: what other types hold when none of its \
         features ({list}) is on.",
        def.name
    ));
    let cfg_not = features::cfg_not(used_by);
    // The traits of the full type, no more, so that turning a feature on only adds.
    let serde = serde_derives(def.wire);
    let tokens = quote! {
        #doc
        #cfg_not
        #[derive(Debug, Clone, PartialEq, #serde)]
        #[serde(transparent)]
        pub struct #name(serde_json::Value);
    };
    unparse(tokens, WHAT).map(Some)
}

/// Types formatted from their tokens.
fn format_tokens(api: &Api, defs: &[TypeDef]) -> Result<String> {
    if !api.features.is_empty() {
        return format_gated_run(api, defs);
    }
    let mut tokens = TokenStream::new();
    tokens.extend(defs.iter().map(|def| type_def(api, def)));
    unparse(tokens, WHAT)
}

/// [`format_run`] for a crate with features: each type's items carry the `#[cfg]` of the
/// features that use it.
fn format_gated_run(api: &Api, defs: &[TypeDef]) -> Result<String> {
    let mut items = Vec::new();
    for def in defs {
        let mut def_items = features::items(type_def(api, def), WHAT)?;
        if let Some(used_by) = &def.features {
            let attr = features::attribute(features::cfg(used_by), WHAT)?;
            for item in &mut def_items {
                if let Some(attrs) = features::item_attrs(item) {
                    features::gate(attrs, &attr);
                }
            }
        }
        items.append(&mut def_items);
    }
    Ok(features::unparse_items(items))
}

/// The module's text from its runs, in order, spaced.
pub(crate) fn join_runs(
    api: &Api,
    runs: impl IntoIterator<Item = Result<String>>,
) -> Result<String> {
    let runs = runs.into_iter().collect::<Result<Vec<String>>>()?;
    let head = unparse(types_head(api), WHAT)?;
    // One buffer of the module's size: each run spaced into it, then freed.
    let mut text = Spacer::with_capacity(head.len() + runs.iter().map(String::len).sum::<usize>());
    text.push(&head);
    for run in runs {
        text.push(&run);
    }
    Ok(text.finish())
}

const WHAT: &str = "src/types.rs";

/// The whole module as one token stream: what [`types_file`] formats in runs.
#[cfg(test)]
pub(crate) fn types_module(api: &Api) -> TokenStream {
    let head = types_head(api);
    let mut gates = Gates::default();
    let defs = api.types.iter().map(|def| {
        let tokens = type_def(api, def);
        let gate = gate(api, def, &mut gates).unwrap_or_default().to_owned();
        let serde = [
            serialize::impl_text(api, def, &gate),
            deserialize::impl_text(def, &gate),
        ]
        .into_iter()
        .flatten()
        .map(|text| text.parse::<TokenStream>().unwrap_or_default());
        quote!(#tokens #(#serde)*)
    });
    quote!(#head #(#defs)*)
}

/// The module docs and imports.
fn types_head(api: &Api) -> TokenStream {
    let (mut map, mut value) = (false, false);
    for def in &api.types {
        match &def.kind {
            TypeKind::Struct { fields, additional } => {
                fields
                    .iter()
                    .for_each(|f| uses(&f.ty, &mut map, &mut value));
                if let Some(additional) = additional {
                    map = true;
                    uses(&additional.value, &mut map, &mut value);
                }
            }
            TypeKind::Alias(ty) => uses(ty, &mut map, &mut value),
            TypeKind::OneOf {
                variants, unknown, ..
            } => {
                // The catch-all variant holds a `Value`, or an inheritance base's struct.
                match unknown {
                    Some(ty) => uses(ty, &mut map, &mut value),
                    None => value = true,
                }
                variants
                    .iter()
                    .for_each(|v| uses(&v.ty, &mut map, &mut value));
            }
            TypeKind::StringEnum { .. } | TypeKind::IntegerEnum { .. } => {}
        }
    }
    let map_import = map.then(|| {
        quote!(
            use std::collections::BTreeMap;
        )
    });
    let value_import = value.then(|| {
        quote!(
            use serde_json::Value;
        )
    });
    let object_import = api.types.iter().any(deserialize::hand_written).then(|| {
        quote!(
            use crate::object;
        )
    });
    // Every type but an alias derives `Serialize`; string and integer enums derive
    // `Deserialize` too, the others when responses carry them.
    let (mut serialize, mut deserialize) = (false, false);
    for def in &api.types {
        match def.kind {
            TypeKind::Alias(_) => continue,
            TypeKind::StringEnum { .. } | TypeKind::IntegerEnum { .. } => deserialize = true,
            _ => deserialize |= def.wire.received,
        }
        serialize = true;
    }
    let serde_import = match (serialize, deserialize) {
        (_, true) => Some(quote!(
            use serde::{Deserialize, Serialize};
        )),
        (true, false) => Some(quote!(
            use serde::Serialize;
        )),
        (false, false) => None,
    };
    let needs_fmt = api.types.iter().any(|d| match &d.kind {
        TypeKind::StringEnum { .. } | TypeKind::IntegerEnum { .. } => true,
        TypeKind::OneOf { tag: None, .. } => has_display(api, &d.kind, 0),
        _ => false,
    });
    let fmt_import = needs_fmt.then(|| {
        quote!(
            use std::fmt;
        )
    });
    let double_option = api.types.iter().any(|d| {
        matches!(&d.kind, TypeKind::Struct { fields, .. } if fields.iter().any(|f| !f.required && f.nullable))
    });
    let double_option_doc = double_option.then(|| {
        quote! {
            //!
            //! Optional fields that may also be `null` are `Option<Option<T>>`: `None` is absent
            //! (left out of requests), `Some(None)` is an explicit `null`.
        }
    });
    let has_enums = api.types.iter().any(|d| {
        matches!(
            d.kind,
            TypeKind::StringEnum { .. } | TypeKind::IntegerEnum { .. } | TypeKind::OneOf { .. }
        )
    });
    let enum_doc = has_enums.then(|| {
        quote! {
            //!
            //! Every enum has an `Unknown` variant for values this version of the client does not
            //! know, so a server that adds one never breaks decoding either.
        }
    });
    quote! {
        //! Request and response types, one per named schema in the API description.
        //!
        //! Unknown fields in responses are ignored, so a server that adds fields never breaks
        //! decoding. Optional fields are `Option`s and are left out of request bodies when `None`.
        #double_option_doc
        #enum_doc
        #fmt_import
        #map_import
        #serde_import
        #value_import
        #object_import
    }
}

/// The docs of a type its schema gives no description: the component's key, or for an
/// inline schema, that the generator named it (the description has no node by that name).
/// Both read the same whichever OpenAPI version the API is written in.
pub(crate) fn undocumented(def: &TypeDef) -> String {
    match &def.origin {
        Origin::Component { key } => {
            format!("{} in the API description.", super::docs::code_span(key))
        }
        Origin::Inline => format!(
            "`{}`, named for where its schema appears in the API description.",
            def.name
        ),
    }
}

/// The tokens of a type's items.
pub(crate) fn type_def(api: &Api, def: &TypeDef) -> TokenStream {
    let name = ident(&def.name);
    let doc = match &def.docs {
        Some(text) => docs(text),
        None => docs(&undocumented(def)),
    };
    // The configuration's derives, in an attribute of their own before the generated ones.
    let doc = match def.derives.as_slice() {
        [] => doc,
        derives => {
            let derives = derives
                .iter()
                .filter_map(|d| syn::parse_str::<syn::Path>(d).ok());
            quote!(#doc #[derive(#(#derives),*)])
        }
    };
    match &def.kind {
        TypeKind::Struct { fields, additional } => {
            let all_optional = fields.iter().all(|f| !f.required);
            let serde_tokens = serde_derives(def.wire);
            let additional = additional.iter().map(|additional| {
                let name = ident(&additional.name);
                let doc = docs(&additional.docs);
                let value = type_tokens(api, &additional.value, None);
                let serde = match api.holds_binary(&additional.value) {
                    true => {
                        quote!(#[serde(flatten, serialize_with = "crate::serde_helpers::binary")])
                    }
                    false => quote!(#[serde(flatten)]),
                };
                quote! {
                    #doc
                    #serde
                    pub #name: BTreeMap<String, #value>
                }
            });
            let serde = deserialize::serde_derives(def);
            let attributes = serde.is_some();
            let fields = fields
                .iter()
                .map(|f| field(api, f, attributes))
                .chain(additional);
            let derive = match (all_optional, serde) {
                (true, Some(_)) => quote!(Debug, Clone, PartialEq, Default, #serde_tokens),
                (false, Some(_)) => quote!(Debug, Clone, PartialEq, #serde_tokens),
                (true, None) => quote!(Debug, Clone, PartialEq, Default),
                (false, None) => quote!(Debug, Clone, PartialEq),
            };
            quote! {
                #doc
                #[derive(#derive)]
                pub struct #name {
                    #(#fields,)*
                }
            }
        }
        TypeKind::Alias(ty) => {
            let ty = type_tokens(api, ty, None);
            quote! {
                #doc
                pub type #name = #ty;
            }
        }
        TypeKind::StringEnum { variants } => {
            string_enum(&name, &doc, variants, !def.derives.is_empty())
        }
        TypeKind::IntegerEnum { variants } => {
            integer_enum(&name, &doc, variants, !def.derives.is_empty())
        }
        TypeKind::OneOf {
            tag: None,
            variants,
            ..
        } => {
            let display = has_display(api, &def.kind, 0).then(|| display_one_of(&name, variants));
            let def = untagged_enum(
                api,
                &name,
                &doc,
                variants,
                def.wire,
                !def.derives.is_empty(),
            );
            quote!(#def #display)
        }
        TypeKind::OneOf {
            tag: Some(tag),
            variants,
            unknown,
        } => tagged_enum(api, &name, &doc, tag, variants, unknown.as_ref(), def.wire),
    }
}

/// A struct field: its docs, its `#[serde]` attribute when `attributes` (the struct derives
/// serde's traits), and its declaration.
fn field(api: &Api, field: &Field, attributes: bool) -> TokenStream {
    let name = ident(&field.name);
    let text = match (&field.docs, &field.default) {
        (Some(text), Some(default)) => Some(format!("{text}\n\nDefault: `{default}`.")),
        (None, Some(default)) => Some(format!("Default: `{default}`.")),
        (text, None) => text.clone(),
    };
    let doc = text.as_deref().map(docs);
    let wire = &field.wire_name;
    let ty = type_tokens(api, &field.ty, None);
    let mut args = Vec::new();
    if field.name != *wire {
        args.push(quote!(rename = #wire));
    }
    // `format: binary` bytes are written through the runtime's `BinaryField`: JSON strings.
    let binary = api.holds_binary(&field.ty);
    let ty = match (field.required, field.nullable) {
        // Absent from a response, a field the description does not describe is `null`.
        (true, false) if field.undescribed => {
            args.push(quote!(default));
            ty
        }
        (true, false) => ty,
        (true, true) => quote!(Option<#ty>),
        (false, false) => {
            args.push(quote!(default, skip_serializing_if = "Option::is_none"));
            quote!(Option<#ty>)
        }
        // Absent (`None`, left out of requests) and `null` (`Some(None)`) stay apart.
        (false, true) if binary => {
            args.push(quote! {
                default,
                skip_serializing_if = "Option::is_none",
                serialize_with = "crate::serde_helpers::binary",
                deserialize_with = "crate::serde_helpers::double_option::deserialize"
            });
            quote!(Option<Option<#ty>>)
        }
        (false, true) => {
            args.push(quote! {
                default,
                skip_serializing_if = "Option::is_none",
                with = "crate::serde_helpers::double_option"
            });
            quote!(Option<Option<#ty>>)
        }
    };
    if binary && (field.required || !field.nullable) {
        args.push(quote!(serialize_with = "crate::serde_helpers::binary"));
    }
    let attrs = (attributes && !args.is_empty()).then(|| quote!(#[serde(#(#args),*)]));
    quote! {
        #doc
        #attrs
        pub #name: #ty
    }
}
