//! The two `lib.rs` files. The runtime crate's (`runtime/src/lib.rs`) declares the runtime's
//! modules and `servers`, re-exports what users name and holds the constants the runtime reads
//! (`DEFAULT_BASE_URL`, `API_VERSION`, `SECURITY_SCHEMES`, `DEFAULT_USER_AGENT`, and
//! `OAUTH2_TOKEN_URL` with an OAuth2 scheme). The API crate's (`src/lib.rs`) declares `types` and
//! `operations`, re-exports the runtime's public items as its own, and defines `Client`, which
//! wraps the runtime's client so that the operations can be its methods. What only a kind of
//! credential needs is re-exported only when the spec declares a scheme of that kind.

use quote::{format_ident, quote};

use crate::ir::{Api, ParamLocation, SecurityKind};

use super::runtime::{self, CredentialKinds, Uses};
use super::rust::ident;

/// The names the two crates are published under.
pub(crate) struct CrateNames<'a> {
    /// The API crate's package name, such as `faxplus`.
    pub(crate) crate_name: &'a str,
    pub(crate) crate_version: &'a str,
}

impl CrateNames<'_> {
    /// The runtime crate's name in Rust paths, such as `faxplus_opengen_runtime`.
    fn runtime_ident(&self) -> proc_macro2::Ident {
        format_ident!(
            "{}",
            super::crate_name::runtime_package(self.crate_name).replace('-', "_")
        )
    }
}

/// `runtime/src/lib.rs`, unformatted.
pub(crate) fn runtime_lib_rs(api: &Api, names: &CrateNames) -> proc_macro2::TokenStream {
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
    let oauth2 = kinds.oauth2.then(|| {
        let token_url = option_str(oauth2_token_url(api));
        quote! {
            /// The token endpoint of the first OAuth2 scheme that names one: the default endpoint of
            /// [`OAuth2RefreshToken`].
            pub const OAUTH2_TOKEN_URL: Option<&str> = #token_url;
        }
    });
    let modules = runtime_modules(api);
    let exports = exports(api).into_iter().map(|(module, names)| {
        let module = ident(module);
        let names = names.iter().copied().map(ident);
        quote!(pub use #module::{#(#names),*};)
    });
    let crate_name = names.crate_name;
    let summary = format!(
        " The runtime of the `{crate_name}` crate: its HTTP client, retries, credentials and errors, \
         a crate of its own so that regenerating `{crate_name}` does not compile it again. Use it \
         through `{crate_name}`, which re-exports everything here a user names."
    );
    let user_agent = format!("{crate_name}/{}", names.crate_version);
    let attributes = crate_attributes();
    quote! {
        #![doc = #summary]
        #attributes

        #(#modules)*

        #(#exports)*

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

        /// The user-agent sent with every request unless the builder sets another: the API
        /// crate's name and version.
        pub const DEFAULT_USER_AGENT: &str = #user_agent;

        #oauth2
    }
}

/// `src/lib.rs` of the API crate, unformatted.
pub(crate) fn lib_rs(api: &Api, names: &CrateNames) -> proc_macro2::TokenStream {
    let runtime = names.runtime_ident();
    let nested =
        quote!(#[allow(clippy::type_complexity, reason = "as nested as the API's inline schemas")]);
    // The generated code names the runtime's modules as `crate::call` and so on.
    let modules = runtime::carried(api).map(|file| ident(file.module()));
    let mut public: Vec<proc_macro2::Ident> = exports(api)
        .into_iter()
        .flat_map(|(_, names)| names)
        .filter(|name| !matches!(*name, "Client" | "ClientBuilder"))
        .chain([
            "servers",
            "API_VERSION",
            "DEFAULT_BASE_URL",
            "DEFAULT_USER_AGENT",
            "SECURITY_SCHEMES",
        ])
        .chain(
            CredentialKinds::of(api)
                .oauth2
                .then_some("OAUTH2_TOKEN_URL"),
        )
        .map(ident)
        .collect();
    public.sort_by_cached_key(ToString::to_string);
    let attributes = crate_attributes();
    // Built with some of the API's features, the types and imports only the others use are
    // unused; the whole crate (`full`, the default) is checked without this.
    let partial = (!api.features.is_empty()).then(|| {
        quote!(
            #![cfg_attr(not(feature = "full"), allow(dead_code, unused_imports))]
        )
    });
    let webhooks = (!api.webhooks.is_empty()).then(|| {
        quote!(
            pub mod webhooks;
        )
    });
    let xml_shapes = super::xml::has_xml(api).then(|| {
        quote!(
            mod xml_shapes;
        )
    });
    // Inside a `///` comment `quote` writes `#runtime` as it is, not the crate's name.
    let builder_doc = format!(
        " credentials, each with a default; [`build`]({runtime}::ClientBuilder::build) checks them."
    );
    quote! {
        #![doc = include_str!("../README.md")]
        #attributes
        #partial

        #nested
        pub mod operations;
        #nested
        pub mod types;
        #webhooks
        #xml_shapes

        #[allow(unused_imports, reason = "each API uses only some of the runtime")]
        use #runtime::{#(#modules),*};

        #[doc(inline)]
        pub use #runtime::{#(#public),*};

        /// A client for the API. Cloning is cheap: clones share one connection pool and one
        /// configuration.
        ///
        /// Build one with [`Client::builder`]; every operation of the API is a method on it. It
        /// wraps the runtime's client and dereferences to it, so the settings it was built with
        /// are read through it (such as `base_url()` and `server_url()`).
        #[derive(Clone)]
        pub struct Client(#runtime::Client);

        impl Client {
            /// Starts configuring a client.
            pub fn builder() -> ClientBuilder {
                ClientBuilder::default()
            }
        }

        impl From<#runtime::Client> for Client {
            fn from(client: #runtime::Client) -> Self {
                Self(client)
            }
        }

        impl std::ops::Deref for Client {
            type Target = #runtime::Client;

            fn deref(&self) -> &Self::Target {
                &self.0
            }
        }

        impl std::fmt::Debug for Client {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        /// Configures a [`Client`]: every setting of the connection, the retries and the
        #[doc = #builder_doc]
        pub type ClientBuilder = #runtime::ClientBuilder<Client>;
    }
}

/// The inner attributes both crates start with.
fn crate_attributes() -> proc_macro2::TokenStream {
    quote! {
        // Descriptions come from the API description, which is not written for rustdoc: bare
        // URLs, `[brackets]` and HTML are common there and are not errors in this crate.
        #![allow(
            rustdoc::bare_urls,
            rustdoc::broken_intra_doc_links,
            rustdoc::invalid_html_tags,
            rustdoc::invalid_rust_codeblocks
        )]
        // Field and parameter names are the API's, and some are clippy's placeholders
        // (`foo`, `baz`, `quux`: test APIs and examples use them).
        #![allow(clippy::disallowed_names, reason = "field and parameter names are the API's")]
        #![forbid(unsafe_code)]
    }
}

/// What the runtime crate re-exports at its root, by module: the names users write.
fn exports(api: &Api) -> Vec<(&'static str, Vec<&'static str>)> {
    let kinds = CredentialKinds::of(api);
    let mut exports = vec![
        (
            "auth",
            vec!["ApiKeyLocation", "SchemeKind", "SecurityScheme"],
        ),
        (
            "body",
            vec!["DEFAULT_MAX_RESPONSE_BODY", "StreamingResponse"],
        ),
        ("call", vec!["Call", "Response"]),
        (
            "client",
            vec![
                "Client",
                "ClientBuilder",
                "DEFAULT_CONNECT_TIMEOUT",
                "DEFAULT_TIMEOUT",
                "MAX_REDIRECTS",
            ],
        ),
        ("decode", vec!["DecodeError"]),
        ("error", vec!["BoxError", "BuildError", "Error"]),
    ];
    if runtime::has_events(api) {
        exports.push((
            "events",
            vec!["Event", "EventCall", "EventStream", "StreamError"],
        ));
    }
    if kinds.pages {
        exports.push(("pages", vec!["Items", "Pages", "RepeatedCursor"]));
    }
    exports.push(("raw_response", vec!["RawResponse"]));
    exports.push((
        "retry",
        vec![
            "DEFAULT_INITIAL_BACKOFF",
            "DEFAULT_MAX_BACKOFF",
            "DEFAULT_MAX_RETRIES",
            "DEFAULT_MAX_RETRY_AFTER",
        ],
    ));
    exports.push(("servers", vec!["Server"]));
    // A token provider is what `ClientBuilder::token_provider` takes: only with a bearer scheme.
    if kinds.bearer {
        exports.push(("token", vec!["TokenFuture", "TokenProvider"]));
    }
    exports.push(("transport_error", vec!["TransportError"]));
    // The file a multipart body's file parts take: only where one has them.
    if api.uses_files() {
        exports.push(("upload", vec!["Upload"]));
    }
    if kinds.oauth2 {
        exports.push((
            "auth_oauth2",
            vec!["DEFAULT_REFRESH_MARGIN", "OAuth2RefreshToken"],
        ));
    }
    exports
}

/// The `mod` lines of the runtime's `lib.rs`, by name: its own modules, public for the API
/// crate's generated code but hidden from the docs, and `servers`.
fn runtime_modules(api: &Api) -> Vec<proc_macro2::TokenStream> {
    let partly = quote!(#[allow(dead_code, reason = "the runtime serves every API; each uses only some of it")]);
    let runtime = runtime::carried(api).map(|file| {
        let allow = match file.uses {
            Uses::All => None,
            Uses::Partly => Some(partly.clone()),
            // `Client::call` is what operations call: with none, it is unused.
            Uses::ByOperations => api.operations.is_empty().then(
                || quote!(#[allow(dead_code, reason = "this API describes no operations to call")]),
            ),
        };
        (file.module(), quote!(#allow #[doc(hidden)] pub mod))
    });
    let mut modules: Vec<_> = runtime.chain([("servers", quote!(pub mod))]).collect();
    modules.sort_by_key(|(name, _)| *name);
    modules
        .into_iter()
        .map(|(name, declare)| {
            let name = ident(name);
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
            webhooks: Vec::new(),
        };
        let names = CrateNames {
            crate_name: "t",
            crate_version: "1.0.0",
        };
        let runtime_lib = runtime_lib_rs(&api, &names).to_string();
        let lib = lib_rs(&api, &names).to_string();
        let mut modules = Vec::new();
        for file in runtime::carried(&api) {
            let line = format!("pub mod {} ;", file.module());
            assert_eq!(
                runtime_lib.matches(&line).count(),
                1,
                "{line} in {runtime_lib}"
            );
            modules.push(file.module());
        }
        // The API crate names every one for its generated code, once.
        let import = format!("use t_opengen_runtime :: {{ {} }} ;", modules.join(" , "));
        assert_eq!(lib.matches(&import).count(), 1, "{import} in {lib}");
    }
}
