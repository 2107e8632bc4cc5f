//! The `types` module: one Rust type per named schema.

use proc_macro2::TokenStream;
use quote::quote;

use super::rust::{docs, ident, type_tokens, uses};
use crate::ir::{Api, EnumVariant, Field, TypeDef, TypeKind};

pub(crate) fn types_module(api: &Api) -> TokenStream {
    let (mut map, mut value) = (false, false);
    for def in &api.types {
        match &def.kind {
            TypeKind::Struct { fields } => fields
                .iter()
                .for_each(|f| uses(&f.ty, &mut map, &mut value)),
            TypeKind::Alias(ty) => uses(ty, &mut map, &mut value),
            TypeKind::StringEnum { .. } => {}
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
    let needs_fmt = api
        .types
        .iter()
        .any(|d| matches!(d.kind, TypeKind::StringEnum { .. }));
    let fmt_import = needs_fmt.then(|| {
        quote!(
            use std::fmt;
        )
    });
    let defs = api.types.iter().map(type_def);
    quote! {
        //! Request and response types, one per named schema in the API description.
        //!
        //! Unknown fields in responses are ignored, so a server that adds fields never breaks
        //! decoding. Optional fields are `Option`s and are left out of request bodies when `None`.
        #fmt_import
        #map_import
        #serde_import
        #value_import
        #(#defs)*
    }
}

fn type_def(def: &TypeDef) -> TokenStream {
    let name = ident(&def.name);
    let doc = docs(
        def.docs
            .as_deref()
            .unwrap_or(&format!("`{}` in the API description.", def.name)),
    );
    match &def.kind {
        TypeKind::Struct { fields } => {
            let all_optional = fields.iter().all(|f| !f.required);
            let default = all_optional.then(|| quote!(Default,));
            let fields = fields.iter().map(field);
            quote! {
                #doc
                #[derive(Debug, Clone, PartialEq, #default Serialize, Deserialize)]
                pub struct #name {
                    #(#fields,)*
                }
            }
        }
        TypeKind::Alias(ty) => {
            let ty = type_tokens(ty, None);
            quote! {
                #doc
                pub type #name = #ty;
            }
        }
        TypeKind::StringEnum { variants } => string_enum(&name, &doc, variants),
    }
}

fn field(field: &Field) -> TokenStream {
    let name = ident(&field.name);
    let doc = field.docs.as_deref().map(docs);
    let wire = &field.wire_name;
    let rename = (field.name != *wire).then(|| quote!(#[serde(rename = #wire)]));
    let ty = type_tokens(&field.ty, None);
    let (ty, attrs) = match (field.required, field.nullable) {
        (true, false) => (ty, None),
        (true, true) => (quote!(Option<#ty>), None),
        (false, _) => (
            quote!(Option<#ty>),
            Some(quote!(#[serde(default, skip_serializing_if = "Option::is_none")])),
        ),
    };
    quote! {
        #doc
        #rename
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
