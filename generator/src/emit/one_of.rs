//! `oneOf` and `anyOf` enums: untagged (the first alternative that decodes) or tagged (chosen by a
//! property's value), and `Display` for the untagged ones of scalars.

use proc_macro2::TokenStream;
use quote::quote;

use super::formats::displays_wire_form;
use super::rust::{allow_large_variants, ident, type_tokens};
use crate::ir::{Api, Discriminator, OneOfVariant, TypeKind, TypeRef, Wire};

/// Whether a type implements `Display`: scalars, enums, and untagged `oneOf`s of those, so
/// they can be path and query parameters.
pub(crate) fn has_display(api: &Api, kind: &TypeKind, depth: usize) -> bool {
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
        TypeRef::Format(format) => displays_wire_form(*format),
        TypeRef::Boxed(inner) => ref_has_display(api, inner, depth),
        _ => false,
    }
}

/// `Display` for an untagged `oneOf` of scalars: the value as it would be written in a URL.
pub(crate) fn display_one_of(name: &proc_macro2::Ident, variants: &[OneOfVariant]) -> TokenStream {
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

/// The doc line of an alternative.
pub(crate) fn variant_docs(variant: &OneOfVariant) -> String {
    match variant.tag_values.as_slice() {
        [] => format!(" The `{}` alternative.", variant.name),
        values => {
            let values: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
            format!(" The alternative tagged {}.", values.join(" or "))
        }
    }
}

/// `Serialize, Deserialize`, or `Serialize` alone for a type responses never carry, for a
/// `#[derive]` (see [`Wire`]).
pub(crate) fn serde_derives(wire: Wire) -> TokenStream {
    if wire.received {
        quote!(Serialize, Deserialize)
    } else {
        quote!(Serialize)
    }
}

/// Whether an alternative of type `ty` takes any object (a map, any value), so that the
/// strict pass leaves it out: it would take a value that a typed alternative describes
/// except for a key, which the lenient pass gives to the typed one.
pub(crate) fn free_form(api: &Api, ty: &TypeRef, depth: usize) -> bool {
    match ty {
        TypeRef::Map(_) | TypeRef::Any => true,
        TypeRef::Nullable(inner) | TypeRef::Boxed(inner) => free_form(api, inner, depth),
        TypeRef::Named(id) if depth < 8 => api.get(*id).is_some_and(|def| match &def.kind {
            TypeKind::Alias(inner) => free_form(api, inner, depth + 1),
            _ => false,
        }),
        _ => false,
    }
}

/// A `oneOf`/`anyOf` without a tag: the value is read once (as a `Value`), each variant in
/// order is decoded from it, first strictly (enums closed, no struct taking a key it does not
/// list, no nested `Unknown`, no free-form alternative: JSON Schema's `enum` is closed, and
/// the alternative that describes every key of a value is the one that loses none of it),
/// then leniently, and the first that decodes wins; a value none of them accepts lands in
/// `Unknown`. Leniently, this is
/// serde's `#[serde(untagged)]` (which buffers the value in its own `Content` instead),
/// written rather than derived: the derive costs a proc-macro expansion
/// and a larger impl per enum, most of a large crate's check. With `serde_derives` (the
/// configuration gave the type derives of its own, which may read `#[serde(untagged)]`) serde's
/// traits are derived.
pub(crate) fn untagged_enum(
    api: &Api,
    name: &proc_macro2::Ident,
    doc: &TokenStream,
    variants: &[OneOfVariant],
    wire: Wire,
    serde_derives: bool,
) -> TokenStream {
    let idents: Vec<_> = variants.iter().map(|v| ident(&v.name)).collect();
    let types = variants.iter().map(|v| type_tokens(api, &v.ty, None));
    let variant_docs = variants.iter().map(variant_docs);
    let allow = allow_large_variants(variants.iter().map(|v| &v.ty));
    // `format: binary` bytes are written through the runtime's `BinaryField`: JSON strings.
    let binary: Vec<bool> = variants.iter().map(|v| api.holds_binary(&v.ty)).collect();
    if serde_derives {
        let serde = self::serde_derives(wire);
        let attrs = binary.iter().map(|binary| {
            binary.then(|| quote!(#[serde(serialize_with = "crate::serde_helpers::binary")]))
        });
        return quote! {
            #doc
            #[derive(Debug, Clone, PartialEq, #serde)]
            #[serde(untagged)]
            #allow
            pub enum #name {
                #( #[doc = #variant_docs] #attrs #idents(#types), )*
                /// A value that matches none of the variants above.
                Unknown(Value),
            }
        };
    }
    let deserialize = wire.received.then(|| {
        // A free-form alternative is tried in the lenient pass only.
        let attempts = variants.iter().zip(&idents).map(|(variant, ident)| {
            let attempt = quote! {
                if let Ok(found) = Deserialize::deserialize(&value) {
                    return Ok(Self::#ident(found));
                }
            };
            match free_form(api, &variant.ty, 0) {
                true => quote! {
                    if !crate::serde_helpers::strict() {
                        #attempt
                    }
                },
                false => attempt,
            }
        });
        quote! {
            impl<'de> Deserialize<'de> for #name {
                fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    let value = Value::deserialize(deserializer)?;
                    for _ in crate::serde_helpers::passes() {
                        #( #attempts )*
                    }
                    crate::serde_helpers::unknown(value).map(Self::Unknown)
                }
            }
        }
    });
    let writes = binary.iter().map(|binary| match binary {
        true => quote!(crate::serde_helpers::binary(value, serializer)),
        false => quote!(value.serialize(serializer)),
    });
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        #allow
        pub enum #name {
            #( #[doc = #variant_docs] #idents(#types), )*
            /// A value that matches none of the variants above.
            Unknown(Value),
        }

        impl Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #( Self::#idents(value) => #writes, )*
                    Self::Unknown(value) => value.serialize(serializer),
                }
            }
        }

        #deserialize
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
pub(crate) fn tagged_enum(
    api: &Api,
    name: &proc_macro2::Ident,
    doc: &TokenStream,
    tag: &Discriminator,
    variants: &[OneOfVariant],
    unknown: Option<&TypeRef>,
    wire: Wire,
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
            quote!(crate::serde_helpers::from_unknown(value).map(Self::Unknown)),
        ),
        None => (
            " A value whose tag this version of the client does not know.",
            quote!(Value),
            quote!(crate::serde_helpers::unknown(value).map(Self::Unknown)),
        ),
    };
    let allow = allow_large_variants(variants.iter().map(|v| &v.ty));
    let serialize = quote! {
            impl Serialize for #name {
                fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    match self {
                        #( Self::#idents(value) => crate::serde_helpers::serialize_tagged(serializer, #property, #tag_lists, value), )*
                        Self::Unknown(value) => value.serialize(serializer),
                    }
                }
            }
    };
    let deserialize = wire.received.then(|| {
        quote! {
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
    });
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        #allow
        pub enum #name {
            #( #[doc = #variant_docs] #idents(#types), )*
            #[doc = #unknown_doc]
            Unknown(#unknown_ty),
        }

        #serialize
        #deserialize
    }
}
