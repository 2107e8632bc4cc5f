//! The `operations` module's docs and imports, and what its code uses that they import.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::Api;

/// What the module's code uses, so it imports only that and compiles without unused-import
/// warnings.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct Uses {
    pub(super) map: bool,
    pub(super) value: bool,
    pub(super) style: bool,
    pub(super) encoding: bool,
    pub(super) types: bool,
    /// A `call::` path (`self.call(…)` is in every method; only a path needs the module).
    pub(super) call_module: bool,
    /// `Server`, set from the operations rather than found by name: a type may be called that.
    pub(super) server: bool,
}

impl Uses {
    pub(super) fn merge(&mut self, other: Uses) {
        self.map |= other.map;
        self.value |= other.value;
        self.style |= other.style;
        self.encoding |= other.encoding;
        self.types |= other.types;
        self.call_module |= other.call_module;
        self.server |= other.server;
    }

    /// Notes what `tokens` use.
    pub(super) fn scan(&mut self, tokens: &TokenStream) {
        super::rust::visit_idents(tokens, &mut |ident, path| self.note(ident, path));
    }

    /// Notes what printed code uses: `text` holds no comments or literals (a type, a call),
    /// so its words are its identifiers, as [`Uses::scan`] sees them in its tokens.
    pub(super) fn scan_text(&mut self, text: &str) {
        // Read byte by byte: the bytes of a non-ASCII character are never part of a word.
        let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
        let bytes = text.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            if !is_word(bytes[at]) {
                at += 1;
                continue;
            }
            let start = at;
            while at < bytes.len() && is_word(bytes[at]) {
                at += 1;
            }
            self.note(&text[start..at], bytes[at..].starts_with(b"::"));
        }
    }

    /// Notes an identifier, `path` when `::` follows it.
    fn note<I: PartialEq<str> + ?Sized>(&mut self, ident: &I, path: bool) {
        if ident.eq("BTreeMap") {
            self.map = true;
        } else if ident.eq("Value") {
            self.value = true;
        } else if ident.eq("Style") && path {
            // `Style::Form`; a bare `Style` is a type of the API's (`types::Style`).
            self.style = true;
        } else if ident.eq("Encoding") && path {
            self.encoding = true;
        } else if ident.eq("types") {
            self.types = true;
        } else if ident.eq("call") && path {
            self.call_module = true;
        }
    }
}

/// The module docs and imports; with no operations, only docs (an import would be unused).
pub(super) fn operations_head(api: &Api, uses: Uses) -> TokenStream {
    if api.operations.is_empty() {
        return quote! {
            //! The API's operations: this API describes none, only the types in [`crate::types`].
        };
    }
    let map_import = uses.map.then(|| {
        quote!(
            use std::collections::BTreeMap;
        )
    });
    let value_import = uses.value.then(|| {
        quote!(
            use serde_json::Value;
        )
    });
    let call_import = if uses.call_module {
        quote!(
            use crate::call::{self, Call, Outcome};
        )
    } else {
        quote!(
            use crate::call::{Call, Outcome};
        )
    };
    let encoding_import = uses.encoding.then(|| {
        quote!(
            use crate::encode::Encoding;
        )
    });
    let style_import = uses.style.then(|| {
        quote!(
            use crate::style::Style;
        )
    });
    let types_import = uses.types.then(|| {
        quote!(
            use crate::types;
        )
    });
    let events_import = super::runtime::has_events(api).then(|| {
        quote!(
            use crate::events::{self, EventCall};
        )
    });
    let server_import = uses.server.then(|| {
        quote!(
            use crate::Server;
        )
    });
    quote! {
        //! The API's operations, each a method on [`Client`], with its documented errors.
        #map_import
        use bytes::Bytes;
        use reqwest::{Method, StatusCode};
        #value_import
        #call_import
        use crate::Client;
        #encoding_import
        #events_import
        use crate::request::RequestBuilder;
        #style_import
        #server_import
        #types_import
    }
}
