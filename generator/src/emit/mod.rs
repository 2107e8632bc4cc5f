//! Stage 3: IR → the files of a client crate, in memory.
//!
//! Rust is built with `quote` and formatted with `prettyplease`; `Cargo.toml` and `README.md`
//! are rendered by `minijinja` from `templates/`; the hand-written runtime under
//! `templates/runtime/` is copied in as it is. Every file starts with a header naming the
//! generator and the spec. Nothing here reads the spec: only the IR.

mod crate_version;
mod decode;
mod items;
mod method;
mod method_docs;
mod operations;
mod rust;
mod servers;
mod types;

use std::collections::BTreeMap;

use quote::quote;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::ir::{Api, Content, ParamLocation, SecurityKind, Success, TypeKind, TypeRef};

/// What a runtime module's `mod` line in `lib.rs` allows, as the module is used by each crate.
#[derive(Clone, Copy)]
enum Uses {
    /// Every crate uses all of it.
    All,
    /// The runtime serves every API; each uses only some of this module.
    Partly,
    /// Used by the operations; with none, it is unused.
    ByOperations,
}

/// A file of the hand-written runtime every generated client carries under `src/`, with the
/// module it is declared as in `lib.rs`.
struct RuntimeFile {
    /// The file name, such as `call.rs`; the module is named by its stem.
    file: &'static str,
    source: &'static str,
    uses: Uses,
}

impl RuntimeFile {
    fn module(&self) -> &'static str {
        self.file.strip_suffix(".rs").unwrap_or(self.file)
    }
}

/// The runtime's modules, each written once: its file under `templates/runtime/` and how crates
/// use it.
macro_rules! runtime {
    ($($module:ident: $uses:ident),* $(,)?) => {
        &[$(RuntimeFile {
            file: concat!(stringify!($module), ".rs"),
            source: include_str!(concat!("../../../templates/runtime/", stringify!($module), ".rs")),
            uses: Uses::$uses,
        }),*]
    };
}

/// The hand-written runtime every generated client carries.
const RUNTIME: &[RuntimeFile] = runtime! {
    auth: All,
    body: All,
    call: Partly,
    client: ByOperations,
    encode: Partly,
    error: All,
    params: Partly,
    redact: All,
    request: Partly,
    server_url: All,
    serde_helpers: All,
    retry: All,
    token: All,
};

/// The names of the runtime files every generated crate carries under `src/` (the same in
/// every crate, whatever the spec).
pub fn runtime_file_names() -> impl Iterator<Item = &'static str> {
    RUNTIME.iter().map(|file| file.file)
}

const CARGO_TOML: &str = include_str!("../../../templates/Cargo.toml.j2");
const README_MD: &str = include_str!("../../../templates/README.md.j2");

/// Generated code is formatted by `prettyplease`; `rustfmt` would reformat it differently and
/// every `cargo fmt` would then show as drift against the spec.
const RUSTFMT_TOML: &str = "# Formatted by prettyplease when generated; rustfmt must not reformat it.\n\
                            disable_all_formatting = true\n";

/// The generator's name and version, as written in headers.
pub const GENERATOR: &str = concat!(env!("CARGO_PKG_NAME"), " ", env!("CARGO_PKG_VERSION"));

/// What to generate besides the spec itself.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The package name of the generated crate, such as `faxplus`.
    pub crate_name: String,
    /// Hand-written example programs to include under `examples/`: `(file name, source)`.
    pub examples: Vec<(String, String)>,
}

/// Emits every file of the crate. Keys are paths relative to the crate root, with `/`.
pub fn emit(api: &Api, spec_sha256: &str, options: &Options) -> Result<BTreeMap<String, String>> {
    emit_split(api, spec_sha256, options, rust::Split::for_machine())
}

/// [`emit`], with the work spread over threads as `split` says.
fn emit_split(
    api: &Api,
    spec_sha256: &str,
    options: &Options,
    split: rust::Split,
) -> Result<BTreeMap<String, String>> {
    check_crate_name(&options.crate_name)?;
    let header = Header::new(api, spec_sha256);
    let mut files = BTreeMap::new();
    for (path, source) in rust_files(api, split)? {
        files.insert(path.to_owned(), header.rust(&source));
    }
    for file in RUNTIME {
        files.insert(format!("src/{}", file.file), header.rust(file.source));
    }
    for (name, source) in &options.examples {
        files.insert(format!("examples/{name}"), header.rust(source));
    }
    let context = TemplateContext::new(api, options);
    files.insert(
        "Cargo.toml".to_owned(),
        header.hash(&render(CARGO_TOML, &context)?),
    );
    files.insert(
        "README.md".to_owned(),
        header.html(&render(README_MD, &context)?),
    );
    files.insert("rustfmt.toml".to_owned(), header.hash(RUSTFMT_TOML));
    Ok(files)
}

/// `src/lib.rs`, `src/servers.rs`, `src/types.rs` and `src/operations.rs`, formatted. The types and operations
/// are built and formatted in runs, all in one pool of threads, so that neither module waits
/// for the other; then each module's runs are joined and spaced, the two on two threads.
fn rust_files(api: &Api, split: rust::Split) -> Result<[(&'static str, String); 4]> {
    enum Job<'a, 'b> {
        Types(&'a [crate::ir::TypeDef]),
        Operations(&'b [crate::ir::Operation]),
    }
    enum Done {
        Types(Result<String>),
        Operations(Result<operations::Run>),
    }
    let jobs: Vec<Job> = (split.chunks(&api.types).into_iter().map(Job::Types))
        .chain(
            split
                .chunks(&api.operations)
                .into_iter()
                .map(Job::Operations),
        )
        .collect();
    let done = split.map(&jobs, |job| match job {
        Job::Types(defs) => Done::Types(types::format_run(api, defs)),
        Job::Operations(ops) => Done::Operations(operations::format_run(api, ops)),
    })?;
    let (mut type_runs, mut operation_runs) = (Vec::new(), Vec::new());
    for done in done {
        match done {
            Done::Types(run) => type_runs.push(run),
            Done::Operations(run) => operation_runs.push(run),
        }
    }
    let modules = [
        types::join_runs(api, type_runs)?,
        operations::join_runs(api, operation_runs)?,
    ];
    let mut spaced = split
        .map(&modules, |text| rust::space_items(text))?
        .into_iter();
    let (Some(types_rs), Some(operations_rs)) = (spaced.next(), spaced.next()) else {
        return Err(Error::msg("internal: a module went missing"));
    };
    Ok([
        ("src/lib.rs", rust::format_file(lib_rs(api), "src/lib.rs")?),
        (
            "src/servers.rs",
            rust::format_file(servers::servers_rs(api), "src/servers.rs")?,
        ),
        ("src/types.rs", types_rs),
        ("src/operations.rs", operations_rs),
    ])
}

/// Cargo's rules for a package name that is also a valid library name.
fn check_crate_name(name: &str) -> Result<()> {
    let valid = name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
    if valid {
        Ok(())
    } else {
        Err(Error::msg(format!(
            "crate name `{name}` must start with a lowercase letter and use only a-z, 0-9, `-` and `_`"
        )))
    }
}

struct Header {
    lines: [String; 2],
}

impl Header {
    fn new(api: &Api, sha256: &str) -> Self {
        let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        Self {
            lines: [
                format!(
                    "@generated by {GENERATOR} from \"{}\" {} (spec SHA-256 {sha256}).",
                    one_line(&api.title),
                    one_line(&api.version)
                ),
                "Do not edit: regenerate with `cargo xtask codegen`.".to_owned(),
            ],
        }
    }

    fn rust(&self, body: &str) -> String {
        format!("// {}\n// {}\n\n{body}", self.lines[0], self.lines[1])
    }

    fn hash(&self, body: &str) -> String {
        format!("# {}\n# {}\n\n{body}", self.lines[0], self.lines[1])
    }

    fn html(&self, body: &str) -> String {
        format!(
            "<!-- {}\n     {} -->\n\n{body}",
            self.lines[0], self.lines[1]
        )
    }
}

fn lib_rs(api: &Api) -> proc_macro2::TokenStream {
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
    let token_url = option_str(oauth2_token_url(api));
    let modules = lib_modules(api);
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

        #(#modules)*

        pub use auth::{ApiKeyLocation, SchemeKind, SecurityScheme};
        pub use body::{DEFAULT_MAX_RESPONSE_BODY, StreamingResponse};
        pub use call::{Call, Response};
        pub use client::{
            Client, ClientBuilder, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT, DEFAULT_USER_AGENT,
            MAX_REDIRECTS,
        };
        pub use error::{BoxError, BuildError, Error, RawResponse, TransportError};
        pub use retry::{
            DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF, DEFAULT_MAX_RETRIES,
            DEFAULT_MAX_RETRY_AFTER,
        };
        pub use servers::Server;
        pub use token::{DEFAULT_REFRESH_MARGIN, OAuth2RefreshToken, TokenFuture, TokenProvider};

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

        /// The token endpoint of the first OAuth2 scheme that names one: the default endpoint of
        /// [`OAuth2RefreshToken`].
        pub const OAUTH2_TOKEN_URL: Option<&str> = #token_url;
    }
}

/// The `mod` lines of `lib.rs`, by name: the runtime's modules and the generated ones.
fn lib_modules(api: &Api) -> Vec<proc_macro2::TokenStream> {
    let partly = quote!(#[allow(dead_code, reason = "the runtime serves every API; each uses only some of it")]);
    let nested =
        quote!(#[allow(clippy::type_complexity, reason = "as nested as the API's inline schemas")]);
    let runtime = RUNTIME.iter().map(|file| {
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
fn oauth2_token_url(api: &Api) -> Option<&str> {
    api.security_schemes.iter().find_map(|s| match &s.kind {
        SecurityKind::OAuth2 { token_url } => token_url.as_deref(),
        _ => None,
    })
}

fn server_rows(api: &Api) -> Vec<ServerRow> {
    api.servers
        .iter()
        .enumerate()
        .map(|(index, server)| {
            let operations: Vec<String> = api
                .operations
                .iter()
                .filter(|op| op.server == Some(index))
                .map(|op| format!("`{}`", op.method_name))
                .collect();
            ServerRow {
                variant: server.name.clone(),
                url: server.url.clone(),
                alternatives: (server.alternatives.iter())
                    .map(|url| format!("`{url}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
                operations: operations.join(", "),
            }
        })
        .collect()
}

fn render(template: &str, context: &TemplateContext) -> Result<String> {
    let internal =
        |e: minijinja::Error| Error::msg(format!("internal: template failed to render: {e:#}"));
    let mut env = minijinja::Environment::new();
    let syntax = minijinja::syntax::SyntaxConfig::builder()
        .keep_trailing_newline(true)
        .build()
        .map_err(internal)?;
    env.set_syntax(syntax);
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    env.render_str(
        template,
        minijinja::Value::from(minijinja::value::Serde(context)),
    )
    .map_err(internal)
}

#[derive(Serialize)]
struct TemplateContext {
    crate_name: String,
    lib_name: String,
    crate_version: String,
    title: String,
    api_version: String,
    description: Option<String>,
    generator: &'static str,
    env_prefix: String,
    default_base_url: Option<String>,
    /// The default server's URL as the spec writes it, `{variables}` and all.
    default_server_url: Option<String>,
    servers: Vec<ServerRow>,
    server_variables: Vec<VariableRow>,
    bearer: bool,
    basic: bool,
    api_key: bool,
    oauth2_token_url: Option<String>,
    schemes: Vec<SchemeRow>,
    operations: Vec<OperationRow>,
    /// The methods of operations with a binary success body, which may be read as a stream.
    binary_operations: Vec<String>,
    example_call: Option<String>,
    /// What the generator left out, each as `pointer: message` (the warnings).
    skipped: Vec<String>,
}

#[derive(Serialize)]
struct SchemeRow {
    key: String,
    /// How the credential travels, in words.
    carries: String,
    /// The builder method that supplies it.
    method: &'static str,
}

#[derive(Serialize)]
struct ServerRow {
    variant: String,
    url: Option<String>,
    /// The other URLs the spec lists where it names this one.
    alternatives: String,
    /// The operations that use it, as a list of method names.
    operations: String,
}

#[derive(Serialize)]
struct VariableRow {
    method: String,
    name: String,
    /// The listed values and the enum, or that any text goes.
    values: String,
}

#[derive(Serialize)]
struct OperationRow {
    method: String,
    http_method: String,
    path: String,
    summary: String,
}

impl TemplateContext {
    fn new(api: &Api, options: &Options) -> Self {
        let lib_name = options.crate_name.replace('-', "_");
        Self {
            crate_name: options.crate_name.clone(),
            crate_version: crate_version::crate_version(&api.version),
            title: api.title.split_whitespace().collect::<Vec<_>>().join(" "),
            api_version: api.version.clone(),
            description: api
                .description
                .as_deref()
                .map(|d| rust::markdown_lines(d).join("\n")),
            generator: GENERATOR,
            env_prefix: lib_name.to_ascii_uppercase(),
            default_base_url: api.default_base_url.clone(),
            default_server_url: api.servers.first().and_then(|s| s.url.clone()),
            servers: server_rows(api),
            server_variables: api
                .server_variables
                .iter()
                .map(|variable| VariableRow {
                    method: variable.method_name.clone(),
                    name: variable.name.clone(),
                    values: match &variable.type_name {
                        Some(type_name) => format!(
                            "`servers::{type_name}`: {}, or `Other(String)`",
                            variable
                                .values
                                .iter()
                                .map(|v| format!("`{}`", v.wire_value))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                        None => "any text".to_owned(),
                    },
                })
                .collect(),
            bearer: api.security_schemes.iter().any(|s| {
                matches!(
                    s.kind,
                    SecurityKind::Bearer
                        | SecurityKind::OAuth2 { .. }
                        | SecurityKind::OpenIdConnect
                )
            }),
            basic: api
                .security_schemes
                .iter()
                .any(|s| matches!(s.kind, SecurityKind::Basic)),
            api_key: api
                .security_schemes
                .iter()
                .any(|s| matches!(s.kind, SecurityKind::ApiKey { .. })),
            oauth2_token_url: oauth2_token_url(api).map(str::to_owned),
            schemes: api.security_schemes.iter().map(scheme_row).collect(),
            operations: api
                .operations
                .iter()
                .map(|op| OperationRow {
                    method: op.method_name.clone(),
                    http_method: op.http_method.as_str().to_owned(),
                    path: op.path.replace('|', "\\|"),
                    summary: op
                        .summary
                        .as_deref()
                        .unwrap_or_default()
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                        .replace('|', "\\|"),
                })
                .collect(),
            binary_operations: api
                .operations
                .iter()
                .filter(|op| match &op.success {
                    Success::One(content) => *content == Content::Binary,
                    Success::Enum { .. } => op
                        .responses
                        .iter()
                        .any(|r| r.success && r.content == Content::Binary),
                })
                .map(|op| op.method_name.clone())
                .collect(),
            example_call: example_call(api, &lib_name),
            skipped: api
                .warnings
                .iter()
                .map(|w| {
                    let message = w.message.split_whitespace().collect::<Vec<_>>().join(" ");
                    format!("`{}`: {message}", w.pointer)
                })
                .collect(),
            lib_name,
        }
    }
}

fn scheme_row(scheme: &crate::ir::SecurityScheme) -> SchemeRow {
    let bearer = "`bearer_token`, `token_provider`";
    let (carries, method) = match &scheme.kind {
        SecurityKind::Bearer => ("`Authorization: Bearer <token>`".to_owned(), bearer),
        SecurityKind::Basic => ("`Authorization: Basic …`".to_owned(), "`basic_auth`"),
        SecurityKind::ApiKey { location, name } => {
            let place = match location {
                ParamLocation::Header => "header",
                ParamLocation::Cookie => "cookie",
                ParamLocation::Query | ParamLocation::Path => "query parameter",
            };
            (
                format!("API key in the `{name}` {place}"),
                "`api_key`, `api_key_for`",
            )
        }
        SecurityKind::OAuth2 { .. } => (
            "OAuth2 access token as `Authorization: Bearer`".to_owned(),
            "`oauth2_refresh_token`, `bearer_token`, `token_provider`",
        ),
        SecurityKind::OpenIdConnect => (
            "OpenID Connect access token as `Authorization: Bearer`".to_owned(),
            bearer,
        ),
        SecurityKind::Http { scheme } => (
            format!("`Authorization: {scheme} <credentials>`"),
            "`authorization_for`",
        ),
    };
    SchemeRow {
        key: scheme.key.clone(),
        carries: carries.replace('|', "\\|"),
        method,
    }
}

/// A call of the first operation for the quick start, when its arguments are simple enough to
/// write generically: string or integer path parameters, a body type with a `Default`, and a
/// params struct with a `Default`.
fn example_call(api: &Api, lib_name: &str) -> Option<String> {
    let op = api.operations.first()?;
    let mut args = Vec::new();
    for param in op.params.iter().filter(|p| !p.in_struct) {
        args.push(match param.ty {
            TypeRef::String => format!("\"{}\"", param.wire_name.to_ascii_uppercase()),
            TypeRef::Integer(_) => "1".to_owned(),
            _ => return None,
        });
    }
    if let Some(body) = &op.body {
        let Some(TypeRef::Named(id)) = body.payload.ty() else {
            return None;
        };
        let def = api.get(*id)?;
        let has_default = matches!(&def.kind, TypeKind::Struct { fields, .. } if fields.iter().all(|f| !f.required));
        if !has_default {
            return None;
        }
        let body = format!("&{lib_name}::types::{}::default()", def.name);
        args.push(if body_required(op) {
            body
        } else {
            format!("Some({body})")
        });
    }
    if let Some(params_type) = &op.params_type {
        if op.params.iter().any(|p| p.in_struct && p.required) {
            return None;
        }
        args.push(format!("{lib_name}::operations::{params_type}::default()"));
    }
    Some(format!("client.{}({})", op.method_name, args.join(", ")))
}

fn body_required(op: &crate::ir::Operation) -> bool {
    op.body.as_ref().is_some_and(|b| b.required)
}

#[cfg(test)]
mod split_tests;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_runtime_template_is_carried_and_declared_once() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../templates/runtime");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        on_disk.sort();
        let mut listed: Vec<&str> = runtime_file_names().collect();
        listed.sort_unstable();
        assert_eq!(on_disk, listed);

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
        };
        let lib = lib_rs(&api).to_string();
        for file in RUNTIME {
            let line = format!("mod {} ;", file.module());
            assert_eq!(lib.matches(&line).count(), 1, "{line} in {lib}");
        }
    }
}
