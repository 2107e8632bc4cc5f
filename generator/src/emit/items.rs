//! The items an operation has besides its method: its params struct, success enum and error
//! enum, and how their payloads are written.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::docs;
use super::rust::{allow_large_variants, ident, type_tokens};
use crate::ir::{
    Api, Content, ErrorEnum, Operation, Param, ParamLocation, Response, StatusMatch, Success,
    TypeRef,
};

/// The path of the `types` module from the `operations` module.
pub(crate) fn types_prefix() -> TokenStream {
    quote!(types)
}

pub(crate) fn location_word(location: ParamLocation) -> &'static str {
    match location {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
        ParamLocation::Cookie => "cookie",
    }
}

/// The Rust type of a response body.
pub(crate) fn content_type(api: &Api, content: &Content) -> TokenStream {
    match content {
        Content::Empty => quote!(()),
        Content::Json(ty) | Content::Xml(ty) => type_tokens(api, ty, Some(&types_prefix())),
        Content::Text => quote!(String),
        Content::Binary => quote!(Bytes),
    }
}

/// The type a successful call returns.
pub(crate) fn success_type(api: &Api, op: &Operation) -> TokenStream {
    match &op.success {
        Success::One(content) => content_type(api, content),
        Success::Enum { name } => {
            let name = format_ident!("{}", name);
            quote!(#name)
        }
    }
}

/// The struct for the parameters that are not arguments of their own. One holding a
/// credential-like parameter ([`is_secret`]) has a `Debug` that hides its value, as the
/// runtime hides such headers.
pub(crate) fn params_struct(api: &Api, op: &Operation) -> TokenStream {
    let Some(name) = &op.params_type else {
        return TokenStream::new();
    };
    let name = format_ident!("{}", name);
    let doc = docs(&params_doc(op));
    let in_struct: Vec<&Param> = op.params.iter().filter(|p| p.in_struct).collect();
    let all_optional = in_struct.iter().all(|p| !p.required);
    let default = all_optional.then(|| quote!(Default,));
    let fields = in_struct.iter().map(|p| {
        let field = ident(&p.name);
        let doc = docs(&param_doc(p));
        let ty = type_tokens(api, &p.ty, Some(&types_prefix()));
        let ty = if p.required { ty } else { quote!(Option<#ty>) };
        quote!(#doc pub #field: #ty)
    });
    if !in_struct.iter().any(|p| is_secret(p)) {
        return quote! {
            #doc
            #[derive(Debug, Clone, PartialEq, #default)]
            pub struct #name {
                #(#fields,)*
            }
        };
    }
    let shown = in_struct.iter().map(|p| {
        let field = ident(&p.name);
        let key = p.name.as_str();
        match (is_secret(p), p.required) {
            (false, _) => quote!(.field(#key, &self.#field)),
            (true, true) => quote!(.field(#key, &"<redacted>")),
            (true, false) => quote!(.field(#key, &self.#field.as_ref().map(|_| "<redacted>"))),
        }
    });
    let label = name.to_string();
    quote! {
        #doc
        #[derive(Clone, PartialEq, #default)]
        pub struct #name {
            #(#fields,)*
        }

        impl std::fmt::Debug for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(#label)
                    #(#shown)*
                    .finish()
            }
        }
    }
}

/// Whether a parameter carries a credential or session state by its name, as the runtime's
/// `redact` judges headers (`Authorization`, `Cookie`, anything with `token`, `secret`,
/// `api-key`, `api_key`, `apikey` or `password` in it), in a header, the query or a cookie;
/// a list's place (`page_token`, `next_token`) is not one.
pub(crate) fn is_secret(p: &Param) -> bool {
    const WORDS: [&str; 8] = [
        "authorization",
        "cookie",
        "token",
        "secret",
        "api-key",
        "api_key",
        "apikey",
        "password",
    ];
    // A token that marks a place in a list (`page_token`, `nextToken`, `continuation-token`)
    // is no credential, and showing it helps whoever debugs a listing.
    const PLACES: [&str; 6] = ["page", "next", "continu", "cursor", "sync", "start"];
    let name = p.wire_name.to_ascii_lowercase();
    p.location != ParamLocation::Path
        && WORDS.iter().any(|word| {
            name.contains(word)
                && (*word != "token" || !PLACES.iter().any(|place| name.contains(place)))
        })
}

/// The docs of `op`'s params struct.
pub(crate) fn params_doc(op: &Operation) -> String {
    let method = &op.method_name;
    format!(
        "Parameters of [`Client::{method}`] beyond its arguments. Fields that are `None` are not sent."
    )
}

/// The docs of a params struct's field.
pub(crate) fn param_doc(p: &Param) -> String {
    let about = p.docs.as_deref().map(str::trim).filter(|d| !d.is_empty());
    let what = format!(
        "{} {} parameter.",
        super::docs::code_span(&p.wire_name),
        location_word(p.location)
    );
    match about {
        Some(about) => format!("{about}\n\n{what}"),
        None => what,
    }
}

/// The docs of `op`'s success enum.
pub(crate) fn success_doc(op: &Operation) -> String {
    let method = &op.method_name;
    format!("The successful responses of [`Client::{method}`], by status.")
}

pub(crate) fn success_enum(api: &Api, op: &Operation) -> TokenStream {
    let Success::Enum { name } = &op.success else {
        return TokenStream::new();
    };
    let name = format_ident!("{}", name);
    let doc = docs(&success_doc(op));
    let variants = op.responses.iter().filter(|r| r.success).map(|response| {
        let variant = format_ident!("{}", response.variant);
        let doc = variant_doc(response);
        match &response.content {
            Content::Empty => quote!(#doc #variant),
            other => {
                let ty = content_type(api, other);
                quote!(#doc #variant(#ty))
            }
        }
    });
    let allow = allow_large_variants(variants_of(op.responses.iter().filter(|r| r.success)));
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        #allow
        pub enum #name {
            #(#variants,)*
        }
    }
}

/// The types response bodies hold, for [`allow_large_variants`].
pub(crate) fn variants_of<'r>(
    responses: impl Iterator<Item = &'r Response>,
) -> impl Iterator<Item = &'r TypeRef> {
    responses.filter_map(|r| r.content.ty())
}

fn error_variants(api: &Api, op: &Operation) -> Vec<TokenStream> {
    op.responses
        .iter()
        .filter(|r| !r.success)
        .map(|response| {
            let variant = format_ident!("{}", response.variant);
            let doc = variant_doc(response);
            match response.content.ty() {
                Some(ty) => {
                    let ty = type_tokens(api, ty, Some(&types_prefix()));
                    quote!(#doc #variant(Option<#ty>))
                }
                None => quote!(#doc #variant),
            }
        })
        .collect()
}

pub(crate) fn error_enum(api: &Api, op: &Operation) -> TokenStream {
    let alias = |name: &str, target: &str| {
        let doc = docs(&alias_doc(op, target));
        let (name, target) = (format_ident!("{}", name), format_ident!("{}", target));
        quote! {
            #doc
            pub type #name = #target;
        }
    };
    let name = match &op.errors {
        ErrorEnum::Alias { name, target } => return alias(name, target),
        ErrorEnum::Own { name, .. } => name,
        ErrorEnum::Shared { name, shared, .. } => {
            let enum_doc = docs(&error_enum_doc(op));
            let shared_enum = enum_tokens(api, op, shared, &enum_doc);
            let alias = alias(name, shared);
            return quote! {
                #shared_enum
                #alias
            };
        }
    };
    let enum_doc = docs(&error_enum_doc(op));
    enum_tokens(api, op, name, &enum_doc)
}

/// The docs of an alias of the error enum `target`, `op`'s error type.
pub(crate) fn alias_doc(op: &Operation, target: &str) -> String {
    let method = &op.method_name;
    format!("The errors [`Client::{method}`] documents: the same as [`{target}`]'s.")
}

/// The docs of the error enum `op` prints, its own or one several operations share (empty for
/// an alias of another operation's).
pub(crate) fn error_enum_doc(op: &Operation) -> String {
    let method = &op.method_name;
    match &op.errors {
        ErrorEnum::Alias { .. } => String::new(),
        ErrorEnum::Shared { name, aliases, .. } => format!(
            "The errors that {} operations document, chosen by status code; each \
             operation's error type (such as [`{name}`] for [`Client::{method}`]) is an \
             alias of this one.\n\n{PAYLOAD_NOTE}",
            aliases + 1
        ),
        ErrorEnum::Own { aliases, .. } => {
            let shared_note = match aliases {
                0 => String::new(),
                1 => "\n\nOne other operation documents the same errors; its error type is an alias of this one.".to_owned(),
                n => format!("\n\n{n} other operations document the same errors; their error types are aliases of this one."),
            };
            format!(
                "The errors [`Client::{method}`] documents, chosen by status code.\n\n{PAYLOAD_NOTE}{shared_note}"
            )
        }
    }
}

/// What the docs of every error enum say of its payloads.
const PAYLOAD_NOTE: &str = "A payload is `None` when the body was empty or not the documented \
    shape; the raw body is always in [`crate::Error::Api`]'s `response`.";

/// The error enum `name` of `op`'s error responses.
fn enum_tokens(api: &Api, op: &Operation, name: &str, enum_doc: &TokenStream) -> TokenStream {
    let name = format_ident!("{}", name);
    let variants = error_variants(api, op);
    let allow = allow_large_variants(variants_of(op.responses.iter().filter(|r| !r.success)));
    quote! {
        #enum_doc
        #[derive(Debug, Clone, PartialEq)]
        #allow
        pub enum #name {
            #(#variants,)*
        }
    }
}

/// The docs of a response's variant: its statuses and description.
fn variant_doc(response: &Response) -> TokenStream {
    docs(&variant_doc_text(response))
}

/// The text of [`variant_doc`].
pub(crate) fn variant_doc_text(response: &Response) -> String {
    format!(
        "{}: {}",
        status_label(response.status),
        response.description.trim()
    )
}

/// How a status is named in docs.
pub(crate) fn status_label(status: StatusMatch) -> String {
    match status {
        StatusMatch::Code(code) => format!("HTTP {code}"),
        StatusMatch::Range(hundreds) => format!("HTTP {hundreds}xx"),
        StatusMatch::Default => "Any other status".to_owned(),
    }
}
