//! Lowering `servers`: the default server, every other server an operation or path item names,
//! and the variables in their URLs.
//!
//! Every distinct server becomes a variant of the generated `Server` enum, so a user can point
//! it elsewhere; every distinct variable name becomes one builder option, shared by the servers
//! that use it.

use indexmap::IndexMap;

use crate::error::{join, pointer};
use crate::ir::{EnumVariant, Server, ServerVariable, ServerVariableUse};
use crate::load::NO_DEFAULT_EXTENSION;
use crate::naming::{self, Scope};

/// The name of the default server's variant.
pub(crate) const DEFAULT_SERVER: &str = "Default";

/// Methods the runtime's `ClientBuilder` defines; a server variable's option takes another name.
/// A test keeps this in step with `templates/runtime/client.rs`.
pub const BUILDER_METHODS: &[&str] = &[
    "base_url",
    "server_url",
    "all_servers_url",
    "server_variable",
    "bearer_token",
    "token_provider",
    "oauth2_refresh_token",
    "basic_auth",
    "api_key",
    "api_key_for",
    "authorization_for",
    "timeout",
    "connect_timeout",
    "max_retries",
    "retry_backoff",
    "max_retry_after",
    "retry_on_conflict",
    "default_header",
    "user_agent",
    "http_client",
    "idempotency_key_header",
    "max_response_body",
    "redirect_policy",
    "build",
    "build_with",
    "default",
    "fmt",
];

/// Names the generated `servers` module already uses.
const SERVERS_MODULE_NAMES: &[&str] = &[
    "Server",
    "ClientBuilder",
    "ServerTemplate",
    "ServerVariable",
    "String",
    "Option",
    "Self",
    "SERVERS",
];

/// A variable as found in one server: its name in the URL and what the description says.
struct FoundVariable {
    default: Option<String>,
    values: Vec<String>,
    description: Option<String>,
}

/// The servers met so far, keyed by their URL template.
pub(super) struct ServerTable {
    servers: IndexMap<String, Found>,
    /// Variables by their name in the URL, in order of appearance.
    variables: IndexMap<String, Vec<String>>,
    descriptions: IndexMap<String, String>,
    /// Where the default server sits on its host, as an absolute path (`/v1`, `/` for the
    /// root): an operation's server that is this path is the default server. `None` when the
    /// description has no servers.
    default_path: Option<String>,
}

struct Found {
    url: Option<String>,
    description: Option<String>,
    pointer: String,
    variables: Vec<(String, Option<String>)>,
    /// Where the name comes from: the host's first label, or a variable's name.
    name_hint: String,
    alternatives: Vec<String>,
}

impl ServerTable {
    /// The table with the document's default server: its first absolute server, if any.
    pub(super) fn new(servers: &[openapiv3::Server]) -> Self {
        let mut table = Self {
            servers: IndexMap::new(),
            variables: IndexMap::new(),
            descriptions: IndexMap::new(),
            default_path: None,
        };
        let first = first_absolute(servers);
        table.default_path = match first {
            Some((_, server)) => Some(path_of(&trim_url(&server.url))),
            None => servers
                .iter()
                .map(|server| trim_url(&server.url))
                .find(|url| is_absolute_path(url)),
        };
        let found = match first {
            Some((index, _)) => {
                table.found(servers, index, pointer(&["servers", &index.to_string()]))
            }
            None => Found {
                url: None,
                description: None,
                pointer: pointer(&["servers"]),
                variables: Vec::new(),
                name_hint: DEFAULT_SERVER.to_owned(),
                alternatives: servers.iter().map(|s| trim_url(&s.url)).collect(),
            },
        };
        let key = found.url.clone().unwrap_or_default();
        table.servers.insert(key, found);
        table
    }

    /// The server of an operation: its own first usable server, else its path item's; `None`
    /// when that is the default server or there is none. Usable is absolute, else an absolute
    /// path (`/`, `/v2`): the description gives it relative to its own location, and the client
    /// takes it on the default server's origin (scheme, host and port), where the API is served.
    pub(super) fn for_operation(
        &mut self,
        op_servers: &[openapiv3::Server],
        op_at: &str,
        item_servers: &[openapiv3::Server],
        item_at: &str,
    ) -> Option<usize> {
        let (list, index, at) = match first_usable(op_servers) {
            Some(index) => (op_servers, index, op_at),
            None => (item_servers, first_usable(item_servers)?, item_at),
        };
        let key = trim_url(&list.get(index)?.url);
        if self.default_path.as_deref() == Some(key.as_str()) {
            return None;
        }
        if let Some(index) = self.servers.get_index_of(&key) {
            return (index != 0).then_some(index);
        }
        let at = join(&join(at, "servers"), &index.to_string());
        let found = self.found(list, index, at);
        let (index, _) = self.servers.insert_full(key, found);
        Some(index)
    }

    /// The server `list[index]`; the others of `list` are its alternatives.
    fn found(&mut self, list: &[openapiv3::Server], index: usize, at: String) -> Found {
        let alternatives = (list.iter().enumerate())
            .filter(|(i, _)| *i != index)
            .map(|(_, s)| trim_url(&s.url))
            .collect();
        let Some(server) = list.get(index) else {
            return Found {
                url: None,
                description: None,
                pointer: at,
                variables: Vec::new(),
                name_hint: DEFAULT_SERVER.to_owned(),
                alternatives,
            };
        };
        let url = trim_url(&server.url);
        let mut variables = Vec::new();
        for name in variable_names(&url) {
            let declared = server.variables.as_ref().and_then(|v| v.get(name));
            let found = match declared {
                Some(variable) => FoundVariable {
                    default: (!variable.extensions.contains_key(NO_DEFAULT_EXTENSION))
                        .then(|| variable.default.clone()),
                    values: variable.enumeration.clone(),
                    description: variable.description.clone(),
                },
                None => FoundVariable {
                    default: None,
                    values: Vec::new(),
                    description: None,
                },
            };
            let values = self.variables.entry(name.to_owned()).or_default();
            for value in found.values {
                if !values.contains(&value) {
                    values.push(value);
                }
            }
            if let Some(description) = found.description {
                self.descriptions
                    .entry(name.to_owned())
                    .or_insert(description);
            }
            if !variables.iter().any(|(n, _)| n == name) {
                variables.push((name.to_owned(), found.default));
            }
        }
        Found {
            name_hint: name_hint(&url),
            url: Some(url),
            description: server.description.clone(),
            pointer: at,
            variables,
            alternatives,
        }
    }

    /// The servers (the default first) and their variables, every name claimed.
    pub(super) fn finish(self) -> (Vec<Server>, Vec<ServerVariable>) {
        let mut type_scope = Scope::with_reserved(SERVERS_MODULE_NAMES);
        let mut method_scope = Scope::with_reserved(BUILDER_METHODS);
        let variables: Vec<ServerVariable> = self
            .variables
            .iter()
            .map(|(name, values)| {
                let method_name = method_scope.claim(naming::value_name(name, "server_variable"));
                let (type_name, values) = if values.is_empty() {
                    (None, Vec::new())
                } else {
                    let type_name = type_scope.claim(naming::type_name(name, "Variable"));
                    let mut variant_scope = Scope::with_reserved(&["Other"]);
                    let values = values
                        .iter()
                        .map(|value| EnumVariant {
                            name: variant_scope.claim(naming::variant_name(value, "V")),
                            wire_value: value.clone(),
                        })
                        .collect();
                    (Some(type_name), values)
                };
                ServerVariable {
                    name: name.clone(),
                    method_name,
                    type_name,
                    values,
                    description: self.descriptions.get(name).cloned(),
                }
            })
            .collect();
        let mut variant_scope = Scope::with_reserved(&[DEFAULT_SERVER]);
        let servers = self
            .servers
            .into_values()
            .enumerate()
            .map(|(index, found)| Server {
                name: if index == 0 {
                    DEFAULT_SERVER.to_owned()
                } else {
                    variant_scope.claim(naming::variant_name(&found.name_hint, "Server"))
                },
                url: found.url,
                alternatives: found.alternatives,
                description: found.description,
                pointer: found.pointer,
                variables: found
                    .variables
                    .into_iter()
                    .filter_map(|(name, default)| {
                        let variable = self.variables.get_index_of(&name)?;
                        Some(ServerVariableUse { variable, default })
                    })
                    .collect(),
            })
            .collect();
        (servers, variables)
    }
}

/// The URL with its defaults substituted, when every variable has one.
pub(super) fn default_url(server: &Server, variables: &[ServerVariable]) -> Option<String> {
    let mut url = server.url.clone()?;
    for used in &server.variables {
        let name = &variables.get(used.variable)?.name;
        url = url.replace(&format!("{{{name}}}"), used.default.as_deref()?);
    }
    Some(url)
}

/// The URL without a trailing `/`, but the host's root stays `/`, as does an empty URL (see
/// [`is_absolute_path`]).
fn trim_url(url: &str) -> String {
    match url.trim_end_matches('/') {
        "" if url.is_empty() || url.starts_with('/') => "/".to_owned(),
        trimmed => trimmed.to_owned(),
    }
}

/// Whether `url` is an absolute path (`/`, `/v2`): a reference relative to the document's
/// host, not to its folder (`v2`, `../v2`) nor a network path (`//host/v2`). An empty URL
/// counts as `/`: it names no path of its own (InfluxDB gives `/ping` the server `''` beside
/// its default `/api/v2`, for the host's root).
fn is_absolute_path(url: &str) -> bool {
    url.is_empty() || (url.starts_with('/') && !url.starts_with("//"))
}

/// The path part of an absolute server URL (`https://{region}.example.io/v1` → `/v1`), `/` when
/// it has none; an absolute path is its own.
fn path_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = if is_absolute_path(url) {
        url
    } else {
        rest.find('/').map_or("", |slash| &rest[slash..])
    };
    trim_url(if path.is_empty() { "/" } else { path })
}

/// The first server an operation can be sent to: the first absolute one, else the first whose
/// URL is an absolute path (see [`ServerTable::for_operation`]).
fn first_usable(servers: &[openapiv3::Server]) -> Option<usize> {
    first_absolute(servers).map(|(index, _)| index).or_else(|| {
        servers
            .iter()
            .position(|server| is_absolute_path(&server.url))
    })
}

/// The first server whose URL is absolute once its variables take their defaults. A variable
/// without a default at the very start (`{origin}/v1`) counts as absolute: it can only hold the
/// scheme and host.
fn first_absolute(servers: &[openapiv3::Server]) -> Option<(usize, &openapiv3::Server)> {
    servers.iter().enumerate().find(|(_, server)| {
        let mut url = server.url.clone();
        if let Some(variables) = &server.variables {
            for (name, variable) in variables {
                if !variable.extensions.contains_key(NO_DEFAULT_EXTENSION) {
                    url = url.replace(&format!("{{{name}}}"), &variable.default);
                }
            }
        }
        url.starts_with("https://") || url.starts_with("http://") || url.starts_with('{')
    })
}

/// Whether `servers` has entries but none the client can send to: each is relative to the
/// document's folder (`v2`) or a network path (`//host`).
pub(super) fn only_relative(servers: &[openapiv3::Server]) -> bool {
    !servers.is_empty() && first_usable(servers).is_none()
}

/// The `{name}`s in a URL template, in order.
fn variable_names(url: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = url;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            break;
        };
        let name = &after[..close];
        if !name.is_empty() && !names.contains(&name) {
            names.push(name);
        }
        rest = &after[close + 1..];
    }
    names
}

/// What names a server's variant: the first label of its host that is not `www` or `api`
/// (`upload` for `https://upload.example.com`), or the variable that stands for the host; for
/// an absolute path, its first segment that is no variable, else `root`.
fn name_hint(url: &str) -> String {
    if is_absolute_path(url) {
        let segment = (url.split('/'))
            .find(|segment| !segment.is_empty() && !segment.contains('{'))
            .unwrap_or("root");
        return segment.to_owned();
    }
    let host = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = host.split('/').next().unwrap_or_default();
    let labels: Vec<&str> = host.split('.').collect();
    let label = labels
        .iter()
        .find(|label| !matches!(**label, "www" | "api"))
        .or(labels.first())
        .copied()
        .unwrap_or_default();
    label.trim_matches(|c| c == '{' || c == '}').to_owned()
}
