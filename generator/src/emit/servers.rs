//! `src/servers.rs`: the `Server` enum, the table the runtime resolves server URLs from, and a
//! builder option per server variable.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::docs;
use super::rust;
use crate::ir::{Api, Server, ServerVariable};

pub(super) fn servers_rs(api: &Api) -> TokenStream {
    let variants = api.servers.iter().enumerate().map(|(index, server)| {
        let name = format_ident!("{}", server.name);
        let doc = docs(&server_doc(api, index, server));
        quote!(#doc #name)
    });
    let table = api.servers.iter().map(|server| {
        let name = &server.name;
        let url = match &server.url {
            Some(url) => quote!(Some(#url)),
            None => quote!(None),
        };
        let variables = server.variables.iter().filter_map(|used| {
            let variable = api.server_variables.get(used.variable)?;
            let (name, setter) = (&variable.name, &variable.method_name);
            let default = match &used.default {
                Some(default) => quote!(Some(#default)),
                None => quote!(None),
            };
            Some(quote!(ServerVariable { name: #name, setter: #setter, default: #default }))
        });
        quote!(ServerTemplate { name: #name, url: #url, variables: &[#(#variables),*] })
    });
    let enums = api.server_variables.iter().filter_map(variable_enum);
    let setters = api
        .server_variables
        .iter()
        .map(|variable| setter(api, variable));
    let builder_impl = (!api.server_variables.is_empty()).then(|| {
        quote! {
            impl<C> ClientBuilder<C> {
                #(#setters)*
            }
        }
    });
    let builder_import = (!api.server_variables.is_empty()).then(|| {
        quote!(
            use crate::client::ClientBuilder;
        )
    });
    let runtime_import = if api.servers.iter().any(|s| !s.variables.is_empty()) {
        quote!(
            use crate::server_url::{ServerTemplate, ServerVariable};
        )
    } else {
        quote!(
            use crate::server_url::ServerTemplate;
        )
    };
    quote! {
        //! The servers the API description names and the variables in their URLs.
        //!
        //! Every server can be pointed elsewhere: one with
        //! [`ClientBuilder::server_url`](crate::ClientBuilder::server_url), all at once with
        //! [`ClientBuilder::all_servers_url`](crate::ClientBuilder::all_servers_url).
        #builder_import
        #runtime_import

        /// A server requests go to, for
        /// [`ClientBuilder::server_url`](crate::ClientBuilder::server_url).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Server {
            #(#variants),*
        }

        /// Every server, in the order of [`Server`]'s variants.
        pub(crate) const SERVERS: &[ServerTemplate] = &[#(#table),*];

        #(#enums)*

        #builder_impl
    }
}

fn server_doc(api: &Api, index: usize, server: &Server) -> String {
    let mut doc = match (&server.url, server.name.as_str()) {
        (Some(url), "Default") => format!(
            "The default server, `{url}`: every operation that names no server of its own. \
             [`ClientBuilder::base_url`](crate::ClientBuilder::base_url) sets it."
        ),
        (None, _) => match server.relative_path() {
            Some(path) => format!(
                "The default server: the API description gives only its path, `{path}`, so \
                 [`ClientBuilder::base_url`](crate::ClientBuilder::base_url) must set it, \
                 path included (`https://…{path}`): operation paths are appended to it."
            ),
            None => "The default server: the API description names no absolute server, so \
                     [`ClientBuilder::base_url`](crate::ClientBuilder::base_url) must set it."
                .to_owned(),
        },
        (Some(url), _) if url.starts_with('/') => format!(
            "`{url}` on the default server's origin (its scheme, host and port): the API \
             description gives this server relative to where it is served, so it follows \
             [`ClientBuilder::base_url`](crate::ClientBuilder::base_url)."
        ),
        (Some(url), _) => format!("`{url}`."),
    };
    if let Some(description) = &server.description {
        doc.push_str("\n\n");
        doc.push_str(description.trim());
    }
    if !server.alternatives.is_empty() {
        let urls: Vec<String> = server
            .alternatives
            .iter()
            .map(|url| format!("`{url}`"))
            .collect();
        doc.push_str(&format!(
            "\n\nThe API description also lists {} here.",
            urls.join(", ")
        ));
    }
    let setters: Vec<String> = server
        .variables
        .iter()
        .filter_map(|used| {
            let variable = api.server_variables.get(used.variable)?;
            let default = match &used.default {
                Some(default) => format!("default `{default}`"),
                None => "no default: `build` fails unless it is set".to_owned(),
            };
            Some(format!(
                "`{{{}}}`: [`ClientBuilder::{}`](crate::ClientBuilder::{}), {default}",
                variable.name, variable.method_name, variable.method_name
            ))
        })
        .collect();
    if !setters.is_empty() {
        doc.push_str("\n\nVariables: ");
        doc.push_str(&setters.join("; "));
        doc.push('.');
    }
    if server.name != "Default" {
        let ops: Vec<String> = api
            .operations
            .iter()
            .filter(|op| op.server == Some(index))
            .map(|op| format!("[`{0}`](crate::Client::{0})", op.method_name))
            .collect();
        doc.push_str(&format!("\n\nUsed by {}.", ops.join(", ")));
    }
    doc
}

/// The enum of a variable's listed values, with `Other` for a value the list does not have.
fn variable_enum(variable: &ServerVariable) -> Option<TokenStream> {
    let type_name = format_ident!("{}", variable.type_name.as_deref()?);
    let doc = docs(&format!(
        "The values of the server variable `{{{}}}` the API description lists.",
        variable.name
    ));
    let variants = variable.values.iter().map(|value| {
        let name = format_ident!("{}", value.name);
        let doc = docs(&format!("`{}`", value.wire_value));
        quote!(#doc #name)
    });
    let arms = variable.values.iter().map(|value| {
        let name = format_ident!("{}", value.name);
        let wire = &value.wire_value;
        quote!(Self::#name => #wire)
    });
    Some(quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum #type_name {
            #(#variants,)*
            /// A value the API description does not list.
            Other(String),
        }

        impl #type_name {
            /// The value as it goes into the URL.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#arms,)*
                    Self::Other(value) => value,
                }
            }
        }
    })
}

fn setter(api: &Api, variable: &ServerVariable) -> TokenStream {
    let method = rust::ident(&variable.method_name);
    let name = &variable.name;
    let servers: Vec<String> = api
        .servers
        .iter()
        .filter(|server| {
            server
                .variables
                .iter()
                .any(|used| api.server_variables.get(used.variable) == Some(variable))
        })
        .map(|server| format!("[`Server::{0}`](crate::Server::{0})", server.name))
        .collect();
    let mut doc = format!(
        "Sets the server variable `{{{name}}}` of {}.",
        servers.join(", ")
    );
    if let Some(description) = &variable.description {
        doc.push_str("\n\n");
        doc.push_str(description.trim());
    }
    let doc = docs(&doc);
    match &variable.type_name {
        Some(type_name) => {
            let type_name = format_ident!("{}", type_name);
            quote! {
                #doc
                pub fn #method(self, value: #type_name) -> Self {
                    self.server_variable(#name, value.as_str())
                }
            }
        }
        None => quote! {
            #doc
            pub fn #method(self, value: impl Into<String>) -> Self {
                self.server_variable(#name, value)
            }
        },
    }
}
