//! `src/lib.rs`: the crate's modules, its re-exports and the constants the runtime reads
//! (`DEFAULT_BASE_URL`, `API_VERSION`, `SECURITY_SCHEMES`, and `OAUTH2_TOKEN_URL` with an
//! OAuth2 scheme). What only a kind of credential needs is re-exported only when the spec
//! declares a scheme of that kind.

use quote::quote;

use crate::ir::{Api, ParamLocation, SecurityKind};

use super::runtime::{self, CredentialKinds, Uses};

/// `src/lib.rs`, unformatted.
pub(crate) fn lib_rs(api: &Api) -> proc_macro2::TokenStream {
    let base_url = match &api.default_base_url {
        Some(url) => quote!(Some(#url)),
        None => quote!(None),
    };
    let version = &api.version;
    let schemes = api.security_schemes.iter().map(|scheme| {
        let key = &scheme.key;
        let kind = match &scheme.kind {
            SecurityKind::Bearer => quote!(SchemeKind::Bearer),
            SecurityKind::Basic => quote!(SchemeKind::Basic),
            SecurityKind::ApiKey { location, name } => {
                let location = match location {
                    ParamLocation::Header => quote!(ApiKeyLocation::Header),
                    ParamLocation::Cookie => quote!(ApiKeyLocation::Cookie),
                    // `lower` only makes header, query and cookie keys.
                    ParamLocation::Query | ParamLocation::Path => quote!(ApiKeyLocation::Query),
                };
                quote!(SchemeKind::ApiKey { location: #location, name: #name })
            }
            SecurityKind::OAuth2 { token_url } => {
                let token_url = option_str(token_url.as_deref());
                quote!(SchemeKind::OAuth2 { token_url: #token_url })
            }
            SecurityKind::OpenIdConnect => quote!(SchemeKind::OpenIdConnect),
            SecurityKind::Http { scheme } => quote!(SchemeKind::Http { scheme: #scheme }),
        };
        quote!(SecurityScheme { key: #key, kind: #kind })
    });
    let kinds = CredentialKinds::of(api);
    // A token provider is what `ClientBuilder::token_provider` takes: only with a bearer scheme.
    let token_provider = kinds.bearer.then(|| {
        quote!(
            pub use token::{TokenFuture, TokenProvider};
        )
    });
    let oauth2 = kinds.oauth2.then(|| {
        let token_url = option_str(oauth2_token_url(api));
        quote! {
            pub use auth_oauth2::{DEFAULT_REFRESH_MARGIN, OAuth2RefreshToken};

            /// The token endpoint of the first OAuth2 scheme that names one: the default endpoint of
            /// [`OAuth2RefreshToken`].
            pub const OAUTH2_TOKEN_URL: Option<&str> = #token_url;
        }
    });
    let events = runtime::has_events(api).then(|| {
        quote!(
            pub use events::{Event, EventCall, EventStream, StreamError};
        )
    });
    let pages = kinds.pages.then(|| {
        quote!(
            pub use pages::{Items, Pages, RepeatedCursor};
        )
    });
    let modules = lib_modules(api);
    // Built with some of the API's features, the runtime and imports only the others use are
    // unused; the whole crate (`full`, the default) is checked without this.
    let partial = (!api.features.is_empty()).then(|| {
        quote!(
            #![cfg_attr(not(feature = "full"), allow(dead_code, unused_imports))]
        )
    });
    quote! {
        #![doc = include_str!("../README.md")]
        // Descriptions come from the API description, which is not written for rustdoc: bare
        // URLs, `[brackets]` and HTML are common there and are not errors in this crate.
        #![allow(
            rustdoc::bare_urls,
            rustdoc::broken_intra_doc_links,
            rustdoc::invalid_html_tags,
            rustdoc::invalid_rust_codeblocks
        )]
        #![forbid(unsafe_code)]
        #partial

        #(#modules)*

        pub use auth::{ApiKeyLocation, SchemeKind, SecurityScheme};
        pub use body::{DEFAULT_MAX_RESPONSE_BODY, StreamingResponse};
        pub use call::{Call, Response};
        pub use client::{
            Client, ClientBuilder, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT, DEFAULT_USER_AGENT,
            MAX_REDIRECTS,
        };
        pub use decode::DecodeError;
        pub use error::{BoxError, BuildError, Error};
        #events
        #pages
        pub use raw_response::RawResponse;
        pub use retry::{
            DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF, DEFAULT_MAX_RETRIES,
            DEFAULT_MAX_RETRY_AFTER,
        };
        pub use servers::Server;
        #token_provider
        pub use transport_error::TransportError;

        /// The base URL of the default server unless [`ClientBuilder::base_url`] sets another:
        /// the first absolute server in the API description, its variables at their defaults
        /// (`None` when it has none, or a variable has no default).
        pub const DEFAULT_BASE_URL: Option<&str> = #base_url;

        /// The version of the API description this crate was generated from (`info.version`),
        /// as written there. The crate's own version is derived from it, as Cargo requires
        /// semantic versioning: a leading `v` is dropped, a valid semantic version is kept,
        /// otherwise the leading numbers separated by `.`, `-` or `_` become major, minor and
        /// patch (`2026.06.3` and `2026-06-03` give `2026.6.3`, `v2` gives `2.0.0`), and a
        /// version with no leading number gives `0.1.0`.
        pub const API_VERSION: &str = #version;

        /// The security schemes the API description declares. Each operation names the ones it
        /// accepts, and the client sends a credential only where it fits one of them.
        pub const SECURITY_SCHEMES: &[SecurityScheme] = &[#(#schemes),*];

        #oauth2
    }
}

/// The `mod` lines of `lib.rs`, by name: the runtime's modules and the generated ones.
fn lib_modules(api: &Api) -> Vec<proc_macro2::TokenStream> {
    let partly = quote!(#[allow(dead_code, reason = "the runtime serves every API; each uses only some of it")]);
    let nested =
        quote!(#[allow(clippy::type_complexity, reason = "as nested as the API's inline schemas")]);
    let runtime = runtime::carried(api).map(|file| {
        let allow = match file.uses {
            Uses::All => None,
            Uses::Partly => Some(partly.clone()),
            // `Client::call` is what operations call: with none, it is unused.
            Uses::ByOperations => api.operations.is_empty().then(
                || quote!(#[allow(dead_code, reason = "this API describes no operations to call")]),
            ),
        };
        (file.module(), quote!(#allow mod))
    });
    let generated = [
        ("operations", quote!(#nested pub mod)),
        ("servers", quote!(pub mod)),
        ("types", quote!(#nested pub mod)),
    ];
    let mut modules: Vec<_> = runtime.chain(generated).collect();
    modules.sort_by_key(|(name, _)| *name);
    modules
        .into_iter()
        .map(|(name, declare)| {
            let name = proc_macro2::Ident::new(name, proc_macro2::Span::call_site());
            quote!(#declare #name;)
        })
        .collect()
}

fn option_str(value: Option<&str>) -> proc_macro2::TokenStream {
    match value {
        Some(value) => quote!(Some(#value)),
        None => quote!(None),
    }
}

/// The first OAuth2 `tokenUrl` in the description.
pub(crate) fn oauth2_token_url(api: &Api) -> Option<&str> {
    api.security_schemes.iter().find_map(|s| match &s.kind {
        SecurityKind::OAuth2 { token_url } => token_url.as_deref(),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_carried_runtime_module_is_declared_once() {
        let api = Api {
            title: "t".to_owned(),
            version: "1".to_owned(),
            description: None,
            default_base_url: None,
            servers: Vec::new(),
            server_variables: Vec::new(),
            security_schemes: Vec::new(),
            types: Vec::new(),
            operations: Vec::new(),
            warnings: Vec::new(),
            features: Vec::new(),
        };
        let lib = lib_rs(&api).to_string();
        for file in runtime::carried(&api) {
            let line = format!("mod {} ;", file.module());
            assert_eq!(lib.matches(&line).count(), 1, "{line} in {lib}");
        }
    }
}
