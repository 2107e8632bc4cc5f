//! An operation's response decoder: status code to success or error variant.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use super::items::success_type;
use super::xml::decode_root;
use crate::ir::{Api, ArmOutcome, Content, ErrorBody, Operation, StatusMatch, Success};

/// The decoder of an operation's responses, which the methods of its alternative bodies share.
pub(crate) fn decoder_name(op: &Operation) -> Ident {
    format_ident!(
        "decode_{}",
        op.alternative_of.as_deref().unwrap_or(&op.method_name)
    )
}

pub(crate) fn stream_decoder_name(op: &Operation) -> Ident {
    format_ident!(
        "decode_{}",
        op.events
            .as_ref()
            .map_or(op.method_name.as_str(), |e| e.method_name.as_str())
    )
}

/// The decoder of an operation's streaming method: the operation's own, its success body
/// ignored (a 2xx is the stream, handed over unread).
pub(crate) fn stream_decoder(op: &Operation) -> TokenStream {
    if op.events.is_none() {
        return TokenStream::new();
    }
    let name = stream_decoder_name(op);
    let decoder = decoder_name(op);
    let error = format_ident!("{}", op.errors.name());
    quote! {
        fn #name(status: StatusCode, body: &Bytes) -> Outcome<(), #error> {
            events::started(#decoder(status, body))
        }
    }
}

/// How a body is decoded into a value of its type: an expression of type
/// `Result<T, BoxError>` or, for bodies that always decode, of type `T`.
enum Decode {
    Fallible(TokenStream),
    Infallible(TokenStream),
}

fn decode_content(op: &Operation, variant: Option<&str>, content: &Content) -> Decode {
    match content {
        Content::Empty => Decode::Infallible(quote!(())),
        Content::Json(_) => Decode::Fallible(quote!(call::json(body))),
        Content::Xml(_) => {
            let root = format_ident!("{}", decode_root(op, variant));
            Decode::Fallible(quote!(xml::decode(body, &xml_shapes::#root)))
        }
        Content::Text => Decode::Fallible(quote!(call::text(body))),
        Content::Binary => Decode::Infallible(quote!(body.clone())),
    }
}

/// The outcome of a success arm: the body decoded, wrapped in the success enum's variant when
/// there is one.
fn success_outcome(op: &Operation, variant: Option<&str>, content: &Content) -> TokenStream {
    let wrap = match (&op.success, variant) {
        (Success::Enum { name }, Some(variant)) => {
            let name = format_ident!("{}", name);
            let variant = format_ident!("{}", variant);
            Some(quote!(#name::#variant))
        }
        _ => None,
    };
    match (decode_content(op, variant, content), wrap) {
        (Decode::Fallible(expr), None) => quote!(Outcome::success(#expr)),
        (Decode::Fallible(expr), Some(wrap)) => quote!(Outcome::success(#expr.map(#wrap))),
        (Decode::Infallible(_), Some(wrap)) if matches!(content, Content::Empty) => {
            quote!(Outcome::Success(#wrap))
        }
        (Decode::Infallible(expr), None) => quote!(Outcome::Success(#expr)),
        (Decode::Infallible(expr), Some(wrap)) => quote!(Outcome::Success(#wrap(#expr))),
    }
}

fn status_pattern(status: StatusMatch) -> TokenStream {
    match status {
        StatusMatch::Code(code) => {
            let code = Literal::u16_unsuffixed(code);
            quote!(#code)
        }
        StatusMatch::Range(hundreds) => {
            let low = Literal::u16_unsuffixed(hundreds * 100);
            let high = Literal::u16_unsuffixed(hundreds * 100 + 99);
            quote!(#low..=#high)
        }
        StatusMatch::Default => quote!(_),
    }
}

pub(crate) fn decoder(api: &Api, op: &Operation) -> TokenStream {
    let name = decoder_name(op);
    let error = format_ident!("{}", op.errors.name());
    let success = success_type(api, op);
    let arms: Vec<TokenStream> = op
        .decode
        .iter()
        .map(|arm| {
            let pattern = status_pattern(arm.statuses);
            let outcome = match &arm.outcome {
                ArmOutcome::Success { variant, content } => {
                    success_outcome(op, variant.as_deref(), content)
                }
                ArmOutcome::Error { variant, body } => {
                    let root = format_ident!("{}", decode_root(op, Some(variant)));
                    let variant = format_ident!("{}", variant);
                    match body {
                        ErrorBody::Json => {
                            quote!(Outcome::Failure(#error::#variant(call::json_or_none(body))))
                        }
                        ErrorBody::Xml(_) => quote!(Outcome::Failure(#error::#variant(
                            xml::decode_or_none(body, &xml_shapes::#root)
                        ))),
                        ErrorBody::None => quote!(Outcome::Failure(#error::#variant)),
                    }
                }
                ArmOutcome::Unexpected => quote!(Outcome::Unexpected),
            };
            quote!(#pattern => #outcome,)
        })
        .collect();
    let body_used = arms.iter().any(|arm| super::rust::mentions(arm, "body"));
    let body_name = if body_used {
        quote!(body)
    } else {
        quote!(_body)
    };
    quote! {
        fn #name(status: StatusCode, #body_name: &Bytes) -> Outcome<#success, #error> {
            match status.as_u16() {
                #(#arms)*
            }
        }
    }
}
