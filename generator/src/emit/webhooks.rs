//! `src/webhooks.rs`: the type of each webhook's and callback's payload, named after it, for
//! the server that receives it. Written only when the API describes some with a JSON body.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{code_span, docs};
use super::features;
use super::rust::{ident, type_tokens};
use crate::ir::{Api, TypeRef, Webhook};

/// The module's source: one documented type alias per webhook, gated as its payload type is.
pub(crate) fn webhooks_rs(api: &Api) -> TokenStream {
    let items = api.webhooks.iter().map(|webhook| alias(api, webhook));
    quote! {
        //! The payloads of the webhooks and callbacks the API sends to your server: requests it
        //! makes, not calls the client makes. Each type below is the body of one, named after
        //! it; decode a received body with `serde_json::from_slice`.
        #(#items)*
    }
}

fn alias(api: &Api, webhook: &Webhook) -> TokenStream {
    let name = ident(&webhook.name);
    let ty = type_tokens(api, &webhook.payload, Some(&quote!(crate::types)));
    let mut text = webhook.docs.clone().unwrap_or_default();
    if !text.is_empty() {
        text.push_str("\n\n");
    }
    text.push_str(&match &webhook.callback {
        None => format!(
            "The body of webhook {}, which the API sends as {} to the URL you give it.",
            code_span(&webhook.key),
            code_span(&format!("{} {}", webhook.method, webhook.media_type)),
        ),
        Some(callback) => format!(
            "The body of callback {} of operation {}, which the API sends as {} to {}.",
            code_span(&webhook.key),
            code_span(&callback.operation),
            code_span(&format!("{} {}", webhook.method, webhook.media_type)),
            code_span(&callback.expression),
        ),
    });
    let docs = docs(&text);
    // Gated as its payload type is, unless a stand-in takes that type's place.
    let cfg = match &webhook.payload {
        TypeRef::Named(id) => match api.types.get(id.0) {
            Some(def) if !def.stand_in => def.features.as_deref().map(features::cfg),
            _ => None,
        },
        _ => None,
    };
    quote! {
        #docs
        #cfg
        pub type #name = #ty;
    }
}
