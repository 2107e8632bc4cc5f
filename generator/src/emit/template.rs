//! What `Cargo.toml` and `README.md` are rendered from: the `minijinja` templates under
//! `templates/` and the facts of the IR they show (servers, credentials, operations, a quick
//! start call, what was skipped).

use serde::Serialize;

use crate::config::Config;
use crate::error::{Error, Result};
use crate::ir::{Api, Content, ParamLocation, SecurityKind, Success, TypeKind, TypeRef};

use super::crate_version;
use super::docs;
use super::formats::{FormatCrates, example_text, format_row, wire_form};
use super::header::GENERATOR;
use super::lib_rs::oauth2_token_url;
use super::runtime::CredentialKinds;

pub(crate) const CARGO_TOML: &str = include_str!("../../../templates/Cargo.toml.j2");
pub(crate) const README_MD: &str = include_str!("../../../templates/README.md.j2");

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

pub(crate) fn render(template: &str, context: &TemplateContext) -> Result<String> {
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
pub(crate) struct TemplateContext {
    crate_name: String,
    /// The runtime crate's package name ([`super::crate_name::runtime_package`]).
    runtime_package: String,
    lib_name: String,
    /// Whether this renders the runtime crate's manifest (`runtime/Cargo.toml`) rather than the
    /// API crate's.
    runtime: bool,
    crate_version: String,
    /// The configuration's extra dependencies, one `name = value` line each.
    extra_dependencies: Vec<String>,
    title: String,
    api_version: String,
    description: Option<String>,
    generator: &'static str,
    env_prefix: String,
    default_base_url: Option<String>,
    /// The default server's URL as the spec writes it, `{variables}` and all.
    default_server_url: Option<String>,
    /// The URL the README's examples give `base_url` when there is no default: a placeholder
    /// host, with the path the description gives the default server (`/v1`) if it gives one.
    example_base_url: String,
    /// That path, which a `base_url` must include.
    relative_path: Option<String>,
    servers: Vec<ServerRow>,
    server_variables: Vec<VariableRow>,
    /// The kinds of credential the spec's schemes take: which builder methods the crate has.
    bearer: bool,
    oauth2: bool,
    basic: bool,
    api_key: bool,
    http_auth: bool,
    /// The crates of the typed formats the API uses (each a dependency only then).
    chrono: bool,
    jiff: bool,
    uuid: bool,
    /// The typed formats used and their Rust types (the README's "Formats" section).
    formats: Vec<FormatRow>,
    /// Whether a `date-time` is among them.
    date_time: bool,
    oauth2_token_url: Option<String>,
    schemes: Vec<SchemeRow>,
    operations: Vec<OperationRow>,
    /// The methods of operations with a binary success body, which may be read as a stream.
    binary_operations: Vec<String>,
    /// The methods of operations whose multipart bodies have file parts (`TypeRef::File`).
    file_operations: Vec<String>,
    /// The streaming methods of operations that answer with server-sent events.
    event_streams: Vec<StreamRow>,
    /// A call of the first streaming method, its arguments named after the parameters.
    stream_example: Option<String>,
    /// The crate's Cargo features, one per group of operations; empty when it has none.
    features: Vec<FeatureRow>,
    /// The feature of the README's example call, which a user enables to make it.
    example_feature: Option<String>,
    /// The types with a stand-in (`TypeDef::stand_in`), as `` `Name` (`feature`) ``.
    stand_ins: Vec<String>,
    /// Whether an operation is paginated (`futures-core` is then a dependency).
    pagination: bool,
    /// Whether an operation has an XML body of a type (`roxmltree` is then a dependency).
    xml: bool,
    /// The paginated operations (the README's "Pagination" section).
    paginated: Vec<PageRow>,
    example_call: Option<String>,
    /// What the generator left out, each as `pointer: message` (the warnings).
    skipped: Vec<String>,
    /// The webhooks whose payload the `webhooks` module names.
    webhooks: Vec<WebhookRow>,
}

#[derive(Serialize)]
struct WebhookRow {
    /// The webhook's key, as a Markdown code span.
    key: String,
    /// The alias in the `webhooks` module.
    name: String,
    /// The payload's type, as written in the `types` module.
    payload: String,
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
struct FormatRow {
    format: &'static str,
    rust: &'static str,
    wire: &'static str,
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
struct StreamRow {
    method: String,
    /// The operation's own method, which returns the whole response.
    operation: String,
    /// What each event's data decodes to.
    data: String,
}

#[derive(Serialize)]
struct OperationRow {
    method: String,
    /// The methods of the request body's other forms (`create_message_multipart`).
    others: Vec<String>,
    http_method: String,
    path: String,
    summary: String,
    /// The Cargo feature that compiles it, when the crate has features.
    feature: Option<String>,
}

/// A Cargo feature (`Api::features`), for `Cargo.toml` and the README's "Features".
#[derive(Serialize)]
struct FeatureRow {
    name: String,
    group: String,
    operations: usize,
}

#[derive(Serialize)]
struct PageRow {
    method: String,
    /// How the next page is found, in words.
    how: String,
}

impl TemplateContext {
    /// The context for `crate_name`, with the version and extra dependencies `config` gives.
    /// The crate's version, from the configuration or derived from the API's.
    pub(crate) fn crate_version(&self) -> &str {
        &self.crate_version
    }

    /// The same facts, for the runtime crate's manifest.
    pub(crate) fn for_runtime(self) -> Self {
        Self {
            runtime: true,
            ..self
        }
    }

    pub(crate) fn new(api: &Api, crate_name: &str, config: &Config) -> Result<Self> {
        let lib_name = crate_name.replace('-', "_");
        let kinds = CredentialKinds::of(api);
        let relative_path = api
            .servers
            .first()
            .and_then(|server| server.relative_path())
            .map(str::to_owned);
        let formats = FormatCrates::of(api);
        let crate_version = match &config.package.version {
            Some(version) if crate_version::is_semver(version) => version.clone(),
            Some(version) => {
                return Err(config.error_at(
                    &["package", "version"],
                    format!("`{version}` is not a semantic version (such as `1.2.3`)"),
                ));
            }
            None => crate_version::crate_version(&api.version),
        };
        Ok(Self {
            crate_name: crate_name.to_owned(),
            runtime_package: super::crate_name::runtime_package(crate_name),
            crate_version,
            extra_dependencies: config
                .dependencies
                .iter()
                .map(|(name, value)| format!("{name} = {value}"))
                .collect(),
            title: api.title.split_whitespace().collect::<Vec<_>>().join(" "),
            api_version: api.version.split_whitespace().collect::<Vec<_>>().join(" "),
            description: api
                .description
                .as_deref()
                .map(|d| docs::markdown_lines(d).join("\n")),
            generator: GENERATOR,
            env_prefix: lib_name.to_ascii_uppercase(),
            default_base_url: api.default_base_url.clone(),
            default_server_url: api.servers.first().and_then(|s| s.url.clone()),
            example_base_url: format!(
                "https://api.example.com{}",
                relative_path.as_deref().unwrap_or_default()
            ),
            relative_path,
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
            bearer: kinds.bearer,
            oauth2: kinds.oauth2,
            basic: kinds.basic,
            api_key: kinds.api_key,
            http_auth: kinds.http,
            chrono: formats.chrono,
            jiff: formats.jiff,
            uuid: formats.uuid,
            date_time: formats
                .used
                .iter()
                .any(|f| matches!(f, crate::ir::Format::DateTime(_))),
            formats: formats
                .used
                .iter()
                .map(|format| {
                    let (name, rust) = format_row(*format);
                    FormatRow {
                        format: name,
                        rust,
                        wire: wire_form(*format),
                    }
                })
                .collect(),
            oauth2_token_url: oauth2_token_url(api).map(str::to_owned),
            schemes: api.security_schemes.iter().map(scheme_row).collect(),
            operations: api
                .operations
                .iter()
                .map(|op| OperationRow {
                    method: op.method_name.clone(),
                    others: (op.alternatives.iter())
                        .map(|alt| alt.method_name.clone())
                        .collect(),
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
                    feature: op.feature.clone(),
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
            file_operations: (api.operations.iter())
                .flat_map(|op| {
                    let main = op.body.iter().map(|body| (&op.method_name, body));
                    let others = (op.alternatives.iter()).map(|alt| (&alt.method_name, &alt.body));
                    main.chain(others)
                })
                .filter(|(_, body)| api.sends_files(body))
                .map(|(method, _)| method.clone())
                .collect(),
            event_streams: api
                .operations
                .iter()
                .filter_map(|op| {
                    let events = op.events.as_ref()?;
                    Some(StreamRow {
                        method: events.method_name.clone(),
                        operation: op.method_name.clone(),
                        data: data_type(api, &events.data),
                    })
                })
                .collect(),
            stream_example: stream_example(api),
            features: api
                .features
                .iter()
                .map(|feature| FeatureRow {
                    name: feature.name.clone(),
                    group: feature.group.replace('|', "\\|"),
                    operations: feature.operations,
                })
                .collect(),
            example_feature: api
                .features
                .iter()
                .max_by_key(|feature| feature.operations)
                .map(|feature| feature.name.clone()),
            stand_ins: api
                .types
                .iter()
                .filter(|def| def.stand_in)
                .map(|def| {
                    let features = def.features.as_deref().unwrap_or_default();
                    format!("`{}` (`{}`)", def.name, features.join("`, `"))
                })
                .collect(),
            pagination: kinds.pages,
            xml: kinds.xml,
            paginated: api
                .operations
                .iter()
                .filter_map(|op| {
                    let pagination = op.pagination.as_ref()?;
                    Some(PageRow {
                        method: op.method_name.clone(),
                        how: pagination.reason.replace('|', "\\|"),
                    })
                })
                .collect(),
            example_call: example_call(api, &lib_name),
            webhooks: api
                .webhooks
                .iter()
                .map(|w| WebhookRow {
                    key: super::docs::code_span_text(&w.key).replace('|', "\\|"),
                    name: w.name.clone(),
                    payload: super::rust::type_tokens(api, &w.payload, None)
                        .to_string()
                        .replace(' ', ""),
                })
                .collect(),
            skipped: api
                .warnings
                .iter()
                .map(|w| {
                    let message = w.message.split_whitespace().collect::<Vec<_>>().join(" ");
                    format!("`{}`: {message}", w.pointer)
                })
                .collect(),
            lib_name,
            runtime: false,
        })
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
/// write generically: string, integer or typed format (parsed from text) path parameters, a
/// body type with a `Default`, and a params struct with a `Default`.
fn example_call(api: &Api, lib_name: &str) -> Option<String> {
    let op = api.operations.first()?;
    let mut args = Vec::new();
    for param in op.params.iter().filter(|p| !p.in_struct) {
        args.push(match param.ty {
            TypeRef::String => format!("\"{}\"", param.wire_name.to_ascii_uppercase()),
            TypeRef::Integer(_) => "1".to_owned(),
            TypeRef::Format(format) => format!("\"{}\".parse()?", example_text(format)),
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

/// How the README names an event's data type.
fn data_type(api: &Api, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(id) => api
            .get(*id)
            .map_or_else(|| "JSON".to_owned(), |def| format!("`types::{}`", def.name)),
        TypeRef::Any => "any JSON value (`serde_json::Value`)".to_owned(),
        _ => "JSON".to_owned(),
    }
}

/// A call of the first streaming method, each argument named after its parameter (`body`,
/// `params`), for the README's example.
fn stream_example(api: &Api) -> Option<String> {
    let op = api.operations.iter().find(|op| op.events.is_some())?;
    let events = op.events.as_ref()?;
    let mut args: Vec<String> = op
        .params
        .iter()
        .filter(|p| !p.in_struct)
        .map(|p| p.name.clone())
        .collect();
    if let Some(body) = &op.body {
        let by_ref = !matches!(
            body.payload,
            crate::ir::BodyPayload::Binary
                | crate::ir::BodyPayload::Text
                | crate::ir::BodyPayload::Scalar(_)
        );
        args.push(
            if by_ref && body.required {
                "&body"
            } else {
                "body"
            }
            .to_owned(),
        );
        if body.caller_content_type && body.required {
            args.push(super::method::body_content_type_arg(op).to_owned());
        }
    }
    if op.params_type.is_some() {
        args.push("params".to_owned());
    }
    Some(format!(
        "client.{}({})",
        events.method_name,
        args.join(", ")
    ))
}

fn body_required(op: &crate::ir::Operation) -> bool {
    op.body.as_ref().is_some_and(|b| b.required)
}
