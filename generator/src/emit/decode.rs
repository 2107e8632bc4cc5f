//! An operation's response decoder: status code to success or error variant.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use super::items::success_type;
use crate::ir::{Api, Content, Operation, Response, StatusMatch, Success};

pub(crate) fn decoder_name(op: &Operation) -> Ident {
    format_ident!("decode_{}", op.method_name)
}

/// How a body is decoded into a value of its type: an expression of type
/// `Result<T, BoxError>` or, for bodies that always decode, of type `T`.
enum Decode {
    Fallible(TokenStream),
    Infallible(TokenStream),
}

fn decode_content(content: &Content) -> Decode {
    match content {
        Content::Empty => Decode::Infallible(quote!(())),
        Content::Json(_) => Decode::Fallible(quote!(call::json(body))),
        Content::Text => Decode::Fallible(quote!(call::text(body))),
        Content::Binary => Decode::Infallible(quote!(body.clone())),
    }
}

/// The success arm's outcome for one response.
fn success_outcome(
    op: &Operation,
    response_variant: Option<&str>,
    content: &Content,
) -> TokenStream {
    let wrap = match (&op.success, response_variant) {
        (Success::Enum { name, .. }, Some(variant)) => {
            let name = format_ident!("{}", name);
            let variant = format_ident!("{}", variant);
            Some(quote!(#name::#variant))
        }
        _ => None,
    };
    match (decode_content(content), wrap) {
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
    // Exact codes first, then ranges, then `default`: the most specific match wins.
    let mut ordered: Vec<&Response> = op.responses.iter().collect();
    ordered.sort_by_key(|r| match r.status {
        StatusMatch::Code(_) => 0,
        StatusMatch::Range(_) => 1,
        StatusMatch::Default => 2,
    });
    let documents_success = op.responses.iter().any(|r| r.success);
    // When the successes are redirects with no body, the client may have followed one (it does
    // for same-origin ones): the target's 2xx is the success too. With a body, the target's
    // body is of unknown shape, so its 2xx stays unexpected, raw response kept.
    let mut followed_redirect = (documents_success
        && !op.responses.iter().any(|r| r.status.is_success())
        && op.success == Success::One(Content::Empty))
    .then(|| quote!(200..=299 => Outcome::Success(()),));
    let mut arms = Vec::new();
    for response in &ordered {
        if response.status == StatusMatch::Default {
            arms.extend(followed_redirect.take());
        }
        if response.status == StatusMatch::Default && !documents_success {
            // With no success documented, `default` describes success as well.
            let Success::One(content) = &op.success else {
                continue;
            };
            let outcome = success_outcome(op, None, content);
            arms.push(quote!(200..=299 => #outcome,));
        }
        let pattern = status_pattern(response.status);
        let outcome = if response.success {
            let content = match &op.success {
                Success::One(content) => content,
                Success::Enum { .. } => &response.content,
            };
            success_outcome(op, Some(&response.variant), content)
        } else {
            let variant = format_ident!("{}", response.variant);
            match &response.content {
                Content::Json(_) => {
                    quote!(Outcome::Failure(#error::#variant(call::json_or_none(body))))
                }
                _ => quote!(Outcome::Failure(#error::#variant)),
            }
        };
        arms.push(quote!(#pattern => #outcome,));
    }
    let has_default = op
        .responses
        .iter()
        .any(|r| r.status == StatusMatch::Default);
    if !documents_success && !has_default {
        let Success::One(content) = &op.success else {
            return TokenStream::new();
        };
        let outcome = success_outcome(op, None, content);
        arms.push(quote!(200..=299 => #outcome,));
    }
    arms.extend(followed_redirect);
    if !has_default {
        arms.push(quote!(_ => Outcome::Unexpected,));
    }
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
