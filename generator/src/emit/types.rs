//! The `types` module: one Rust type per named schema.

use proc_macro2::TokenStream;
use quote::quote;

#[cfg(test)]
use super::rust::{Split, space_items};
use super::rust::{allow_large_variants, docs, ident, type_tokens, unparse, uses};
use crate::error::Result;
use crate::ir::{
    Api, Discriminator, EnumVariant, Field, IntegerVariant, OneOfVariant, TypeDef, TypeKind,
    TypeRef,
};

/// The formatted `types` module, its items built and formatted in runs on several threads.
#[cfg(test)]
pub(crate) fn types_file(api: &Api, split: Split) -> Result<String> {
    let runs = split.map(&split.chunks(&api.types), |defs| format_run(api, defs))?;
    Ok(space_items(&join_runs(api, runs)?))
}

/// One run of types, formatted: a piece of the module's text before [`space_items`].
pub(crate) fn format_run(api: &Api, defs: &[TypeDef]) -> Result<String> {
    let mut tokens = TokenStream::new();
    tokens.extend(defs.iter().map(|def| type_def(api, def)));
    unparse(tokens, WHAT)
}

/// The module's text from its runs, in order, before [`space_items`].
pub(crate) fn join_runs(
    api: &Api,
    runs: impl IntoIterator<Item = Result<String>>,
) -> Result<String> {
    let mut text = unparse(types_head(api), WHAT)?;
    for run in runs {
        text.push_str(&run?);
    }
    Ok(text)
}

const WHAT: &str = "src/types.rs";

/// The whole module as one token stream: what [`types_file`] formats in runs.
#[cfg(test)]
pub(crate) fn types_module(api: &Api) -> TokenStream {
    let head = types_head(api);
    let defs = api.types.iter().map(|def| type_def(api, def));
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
    let needs_serde = api
        .types
        .iter()
        .any(|d| !matches!(d.kind, TypeKind::Alias(_)));
    let serde_import = needs_serde.then(|| {
        quote!(
            use serde::{Deserialize, Serialize};
        )
    });
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
    }
}

fn type_def(api: &Api, def: &TypeDef) -> TokenStream {
    let name = ident(&def.name);
    let doc = docs(
        def.docs
            .as_deref()
            .unwrap_or(&format!("`{}` in the API description.", def.name)),
    );
    match &def.kind {
        TypeKind::Struct { fields, additional } => {
            let all_optional = fields.iter().all(|f| !f.required);
            let default = all_optional.then(|| quote!(Default,));
            let additional = additional.iter().map(|additional| {
                let name = ident(&additional.name);
                let doc = docs(&additional.docs);
                let value = type_tokens(api, &additional.value, None);
                quote! {
                    #doc
                    #[serde(flatten)]
                    pub #name: BTreeMap<String, #value>
                }
            });
            let fields = fields.iter().map(|f| field(api, f)).chain(additional);
            quote! {
                #doc
                #[derive(Debug, Clone, PartialEq, #default Serialize, Deserialize)]
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
        TypeKind::StringEnum { variants } => string_enum(&name, &doc, variants),
        TypeKind::IntegerEnum { variants } => integer_enum(&name, &doc, variants),
        TypeKind::OneOf {
            tag: None,
            variants,
            ..
        } => {
            let display = has_display(api, &def.kind, 0).then(|| display_one_of(&name, variants));
            let def = untagged_enum(api, &name, &doc, variants);
            quote!(#def #display)
        }
        TypeKind::OneOf {
            tag: Some(tag),
            variants,
            unknown,
        } => tagged_enum(api, &name, &doc, tag, variants, unknown.as_ref()),
    }
}

fn field(api: &Api, field: &Field) -> TokenStream {
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
    let ty = match (field.required, field.nullable) {
        (true, false) => ty,
        (true, true) => quote!(Option<#ty>),
        (false, false) => {
            args.push(quote!(default, skip_serializing_if = "Option::is_none"));
            quote!(Option<#ty>)
        }
        // Absent (`None`, left out of requests) and `null` (`Some(None)`) stay apart.
        (false, true) => {
            args.push(quote! {
                default,
                skip_serializing_if = "Option::is_none",
                with = "crate::serde_helpers::double_option"
            });
            quote!(Option<Option<#ty>>)
        }
    };
    let attrs = (!args.is_empty()).then(|| quote!(#[serde(#(#args),*)]));
    quote! {
        #doc
        #attrs
        pub #name: #ty
    }
}

/// A string enum that never fails to decode: values this client does not know land in
/// `Unknown`, so a server that adds a value does not break old clients.
fn string_enum(
    name: &proc_macro2::Ident,
    doc: &TokenStream,
    variants: &[EnumVariant],
) -> TokenStream {
    let idents: Vec<_> = variants.iter().map(|v| ident(&v.name)).collect();
    let wires: Vec<&str> = variants.iter().map(|v| v.wire_value.as_str()).collect();
    let variant_docs = wires.iter().map(|w| format!(" `{w}`"));
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(from = "String", into = "String")]
        pub enum #name {
            #( #[doc = #variant_docs] #idents, )*
            /// A value this version of the client does not know.
            Unknown(String),
        }

        impl #name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #( Self::#idents => #wires, )*
                    Self::Unknown(value) => value,
                }
            }
        }

        impl From<String> for #name {
            fn from(value: String) -> Self {
                match value.as_str() {
                    #( #wires => Self::#idents, )*
                    _ => Self::Unknown(value),
                }
            }
        }

        impl From<#name> for String {
            fn from(value: #name) -> Self {
                match value {
                    #name::Unknown(value) => value,
                    known => known.as_str().to_owned(),
                }
            }
        }

        impl fmt::Display for #name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    }
}

/// An integer enum that never fails to decode: values this client does not know land in
/// `Unknown`.
fn integer_enum(
    name: &proc_macro2::Ident,
    doc: &TokenStream,
    variants: &[IntegerVariant],
) -> TokenStream {
    let idents: Vec<_> = variants.iter().map(|v| ident(&v.name)).collect();
    let values: Vec<_> = variants
        .iter()
        .map(|v| proc_macro2::Literal::i64_unsuffixed(v.value))
        .collect();
    let variant_docs = variants.iter().map(|v| format!(" `{}`", v.value));
    quote! {
        #doc
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(from = "i64", into = "i64")]
        pub enum #name {
            #( #[doc = #variant_docs] #idents, )*
            /// A value this version of the client does not know.
            Unknown(i64),
        }

        impl #name {
            /// The value as sent on the wire.
            pub fn value(self) -> i64 {
                match self {
                    #( Self::#idents => #values, )*
                    Self::Unknown(value) => value,
                }
            }
        }

        impl From<i64> for #name {
            fn from(value: i64) -> Self {
                match value {
                    #( #values => Self::#idents, )*
                    _ => Self::Unknown(value),
                }
            }
        }

        impl From<#name> for i64 {
            fn from(value: #name) -> Self {
                value.value()
            }
        }

        impl fmt::Display for #name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.value(), f)
            }
        }
    }
}

/// Whether a type implements `Display`: scalars, enums, and untagged `oneOf`s of those, so
/// they can be path and query parameters.
fn has_display(api: &Api, kind: &TypeKind, depth: usize) -> bool {
    match kind {
        TypeKind::StringEnum { .. } | TypeKind::IntegerEnum { .. } => true,
        TypeKind::Alias(ty) => ref_has_display(api, ty, depth),
        TypeKind::OneOf {
            tag: None,
            variants,
            ..
        } => variants.iter().all(|v| ref_has_display(api, &v.ty, depth)),
        _ => false,
    }
}

fn ref_has_display(api: &Api, ty: &TypeRef, depth: usize) -> bool {
    match ty {
        TypeRef::String | TypeRef::Bool | TypeRef::Integer(_) | TypeRef::Number(_) => true,
        TypeRef::Named(id) if depth < 8 => api
            .get(*id)
            .is_some_and(|def| has_display(api, &def.kind, depth + 1)),
        TypeRef::Boxed(inner) => ref_has_display(api, inner, depth),
        _ => false,
    }
}

/// `Display` for an untagged `oneOf` of scalars: the value as it would be written in a URL.
fn display_one_of(name: &proc_macro2::Ident, variants: &[OneOfVariant]) -> TokenStream {
    let idents = variants.iter().map(|v| ident(&v.name));
    quote! {
        impl fmt::Display for #name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self {
                    #( Self::#idents(value) => fmt::Display::fmt(value, f), )*
                    Self::Unknown(Value::String(value)) => f.write_str(value),
                    Self::Unknown(value) => fmt::Display::fmt(value, f),
                }
            }
        }
    }
}

fn variant_docs(variant: &OneOfVariant) -> String {
    match variant.tag_values.as_slice() {
        [] => format!(" The `{}` alternative.", variant.name),
        values => {
            let values: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
            format!(" The alternative tagged {}.", values.join(" or "))
        }
    }
}

/// A `oneOf`/`anyOf` without a tag: serde tries the variants in order and the first that
/// decodes wins; a value none of them accepts lands in `Unknown`.
fn untagged_enum(
    api: &Api,
    name: &proc_macro2::Ident,
    doc: &TokenStream,
    variants: &[OneOfVariant],
) -> TokenStream {
    let idents = variants.iter().map(|v| ident(&v.name));
    let types = variants.iter().map(|v| type_tokens(api, &v.ty, None));
    let variant_docs = variants.iter().map(variant_docs);
    let allow = allow_large_variants(variants.iter().map(|v| &v.ty));
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(untagged)]
        #allow
        pub enum #name {
            #( #[doc = #variant_docs] #idents(#types), )*
            /// A value that matches none of the variants above.
            Unknown(Value),
        }
    }
}

/// A `oneOf` told apart by a property. The variant is chosen by the property's value and then
/// decoded from the whole object, tag included: serde's own `#[serde(tag)]` would remove the tag
/// first, and variant types that declare it as a required field would then fail to decode. An
/// unknown tag lands in `Unknown`, so a server that adds a variant does not break old clients.
/// Serializing, the variant decides the tag: a tag field in the variant's struct (which may also
/// be used on its own, so it keeps the field) that selects another variant is replaced.
/// For an inheritance base, `Unknown` holds the base's own fields (`unknown`) instead of a
/// `Value`, and keeps the rest in that struct's map.
fn tagged_enum(
    api: &Api,
    name: &proc_macro2::Ident,
    doc: &TokenStream,
    tag: &Discriminator,
    variants: &[OneOfVariant],
    unknown: Option<&TypeRef>,
) -> TokenStream {
    let property = &tag.property;
    let idents: Vec<_> = variants.iter().map(|v| ident(&v.name)).collect();
    let types = variants.iter().map(|v| type_tokens(api, &v.ty, None));
    let variant_docs = variants.iter().map(variant_docs);
    let tag_lists = variants.iter().map(|v| {
        let values = &v.tag_values;
        quote!(&[#(#values),*])
    });
    let tag_patterns = variants.iter().map(|v| {
        let values = &v.tag_values;
        quote!(#(#values)|*)
    });
    let (unknown_doc, unknown_ty, decode_unknown) = match unknown {
        Some(ty) => (
            " A value whose tag names no variant above: the fields every variant has, the rest in a map.",
            type_tokens(api, ty, None),
            quote!(crate::serde_helpers::from_value(value).map(Self::Unknown)),
        ),
        None => (
            " A value whose tag this version of the client does not know.",
            quote!(Value),
            quote!(Ok(Self::Unknown(value))),
        ),
    };
    let allow = allow_large_variants(variants.iter().map(|v| &v.ty));
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        #allow
        pub enum #name {
            #( #[doc = #variant_docs] #idents(#types), )*
            #[doc = #unknown_doc]
            Unknown(#unknown_ty),
        }

        impl Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #( Self::#idents(value) => crate::serde_helpers::serialize_tagged(serializer, #property, #tag_lists, value), )*
                    Self::Unknown(value) => value.serialize(serializer),
                }
            }
        }

        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = Value::deserialize(deserializer)?;
                match crate::serde_helpers::tag(&value, #property) {
                    #( Some(#tag_patterns) => crate::serde_helpers::from_value(value).map(Self::#idents), )*
                    _ => #decode_unknown,
                }
            }
        }
    }
}
