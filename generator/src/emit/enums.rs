//! String and integer enums: every value a variant, and `Unknown` for the values a newer server
//! may send. Their `Serialize` and `Deserialize` are written rather than derived: serde's derive
//! with `#[serde(from, into)]` clones the value to serialize it and costs a proc-macro expansion
//! per enum (a large crate has hundreds); these are the same wire form in a few lines.

use proc_macro2::TokenStream;
use quote::quote;

use super::rust::ident;
use crate::ir::{EnumVariant, IntegerVariant};

/// A string enum that never fails to decode: values this client does not know land in
/// `Unknown`, so a server that adds a value does not break old clients.
///
/// With `serde_derives` (the configuration gave the type derives of its own, and derive macros
/// such as `schemars::JsonSchema` read serde's attributes) serde's traits are derived through
/// `#[serde(from, into)]` instead.
pub(crate) fn string_enum(
    name: &proc_macro2::Ident,
    doc: &TokenStream,
    variants: &[EnumVariant],
    serde_derives: bool,
) -> TokenStream {
    let idents: Vec<_> = variants.iter().map(|v| ident(&v.name)).collect();
    let wires: Vec<&str> = variants.iter().map(|v| v.wire_value.as_str()).collect();
    let variant_docs = wires
        .iter()
        .map(|w| format!(" {}", super::docs::code_span(w)));
    let (derive, serde) = derive_and_serde(
        name,
        quote!(Debug, Clone, PartialEq, Eq, Hash),
        "String",
        quote!(serializer.serialize_str(self.as_str())),
        serde_derives,
    );
    quote! {
        #doc
        #derive
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

        #serde
    }
}

/// An integer enum that never fails to decode: values this client does not know land in
/// `Unknown`.
/// `serde_derives` as for [`string_enum`].
pub(crate) fn integer_enum(
    name: &proc_macro2::Ident,
    doc: &TokenStream,
    variants: &[IntegerVariant],
    serde_derives: bool,
) -> TokenStream {
    let idents: Vec<_> = variants.iter().map(|v| ident(&v.name)).collect();
    let values: Vec<_> = variants
        .iter()
        .map(|v| proc_macro2::Literal::i64_unsuffixed(v.value))
        .collect();
    let variant_docs = variants.iter().map(|v| format!(" `{}`", v.value));
    let (derive, serde) = derive_and_serde(
        name,
        quote!(Debug, Clone, Copy, PartialEq, Eq, Hash),
        "i64",
        quote!(serializer.serialize_i64(self.value())),
        serde_derives,
    );
    quote! {
        #doc
        #derive
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

        #serde
    }
}

/// An enum's `#[derive]` of `traits`, and its serde impls through its `wire` type (`String`,
/// `i64`): written (`serialize` the body of `Serialize`, `Deserialize` through
/// `From<wire>`), or with `serde_derives` derived by `#[serde(from, into)]` in the `#[derive]`.
fn derive_and_serde(
    name: &proc_macro2::Ident,
    traits: TokenStream,
    wire: &str,
    serialize: TokenStream,
    serde_derives: bool,
) -> (TokenStream, TokenStream) {
    if serde_derives {
        let derive = quote! {
            #[derive(#traits, Serialize, Deserialize)]
            #[serde(from = #wire, into = #wire)]
        };
        return (derive, TokenStream::new());
    }
    let wire = ident(wire);
    let serde = quote! {
        impl Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                #serialize
            }
        }

        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                match Self::from(#wire::deserialize(deserializer)?) {
                    Self::Unknown(value) => crate::serde_helpers::unknown(value).map(Self::Unknown),
                    known => Ok(known),
                }
            }
        }
    };
    (quote!(#[derive(#traits)]), serde)
}
