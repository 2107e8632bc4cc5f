//! The hand-written runtime every generated client carries under `src/`: its files, listed
//! once, how each crate uses them, and which a crate carries.
//!
//! Every file is copied verbatim, the same for every spec. Most go into every crate; the
//! credential files (the `ClientBuilder` methods of one kind of security scheme, and what only
//! they need) go only into a crate whose spec declares a scheme of that kind, so a crate offers
//! only the credentials its API can take; the event-stream files go only into a crate with an
//! operation that answers with server-sent events.

use crate::ir::{Api, SecurityKind};

/// What a runtime module's `mod` line in `lib.rs` allows, as the module is used by each crate.
#[derive(Clone, Copy)]
pub(crate) enum Uses {
    /// Every crate that carries it uses all of it.
    All,
    /// The runtime serves every API; each uses only some of this module.
    Partly,
    /// Used by the operations; with none, it is unused.
    ByOperations,
}

/// Which crates carry a runtime file: all, or those whose spec declares a security scheme of a
/// kind.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Carried {
    Always,
    /// A bearer, OAuth2 or OpenID Connect scheme: a bearer token travels.
    WithBearer,
    /// An OAuth2 scheme: the built-in refresh-token provider.
    WithOAuth2,
    /// An HTTP basic scheme.
    WithBasic,
    /// An apiKey scheme.
    WithApiKey,
    /// An HTTP scheme other than bearer and basic (`DSN`).
    WithHttp,
    /// An operation that answers with server-sent events.
    WithEvents,
    /// An operation whose pages the crate can fetch one after another (`Operation::pagination`).
    WithPagination,
    /// An operation with an XML body of a type.
    WithXml,
}

/// The kinds of credential a spec's security schemes take, each deciding which builder methods
/// (and runtime files) its crate has.
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
pub(crate) struct CredentialKinds {
    pub(crate) bearer: bool,
    pub(crate) oauth2: bool,
    pub(crate) basic: bool,
    pub(crate) api_key: bool,
    pub(crate) http: bool,
    /// Not a credential: whether an operation is paginated, which carries `pages.rs` (and its
    /// `futures-core` dependency).
    pub(crate) pages: bool,
    /// Not a credential: whether an operation has an XML body of a type, which carries
    /// `xml.rs` (and its `roxmltree` dependency).
    pub(crate) xml: bool,
}

impl CredentialKinds {
    pub(crate) fn of(api: &Api) -> Self {
        let mut kinds = Self {
            pages: api.operations.iter().any(|op| op.pagination.is_some()),
            xml: super::xml::has_xml(api),
            ..Self::default()
        };
        for scheme in &api.security_schemes {
            match scheme.kind {
                SecurityKind::Bearer | SecurityKind::OpenIdConnect => kinds.bearer = true,
                SecurityKind::OAuth2 { .. } => {
                    kinds.bearer = true;
                    kinds.oauth2 = true;
                }
                SecurityKind::Basic => kinds.basic = true,
                SecurityKind::ApiKey { .. } => kinds.api_key = true,
                SecurityKind::Http { .. } => kinds.http = true,
            }
        }
        kinds
    }

    fn carry(self, carried: Carried) -> bool {
        match carried {
            Carried::Always => true,
            Carried::WithBearer => self.bearer,
            Carried::WithOAuth2 => self.oauth2,
            Carried::WithBasic => self.basic,
            Carried::WithApiKey => self.api_key,
            Carried::WithHttp => self.http,
            Carried::WithEvents => false,
            Carried::WithPagination => self.pages,
            Carried::WithXml => self.xml,
        }
    }
}

/// A file of the runtime, with the module it is declared as in `lib.rs`.
pub(crate) struct RuntimeFile {
    /// The file name, such as `call.rs`; the module is named by its stem.
    pub(crate) file: &'static str,
    pub(crate) source: &'static str,
    pub(crate) uses: Uses,
    pub(crate) carried: Carried,
}

impl RuntimeFile {
    pub(crate) fn module(&self) -> &'static str {
        self.file.strip_suffix(".rs").unwrap_or(self.file)
    }
}

/// The runtime's modules, each written once: its file under `templates/runtime/`, how crates
/// use it and, after `if`, which crates carry it (all when there is no `if`).
macro_rules! runtime {
    (@carried) => { Carried::Always };
    (@carried $carried:ident) => { Carried::$carried };
    ($($module:ident: $uses:ident $(if $carried:ident)?),* $(,)?) => {
        &[$(RuntimeFile {
            file: concat!(stringify!($module), ".rs"),
            source: include_str!(concat!("../../../templates/runtime/", stringify!($module), ".rs")),
            uses: Uses::$uses,
            carried: runtime!(@carried $($carried)?),
        }),*]
    };
}

/// The hand-written runtime.
const RUNTIME: &[RuntimeFile] = runtime! {
    attempt: All,
    auth: All,
    auth_api_key: All if WithApiKey,
    auth_basic: All if WithBasic,
    auth_bearer: All if WithBearer,
    auth_http: All if WithHttp,
    auth_oauth2: All if WithOAuth2,
    body: All,
    call: Partly,
    client: ByOperations,
    client_build: All,
    client_builder: All,
    decode: Partly,
    encode: Partly,
    error: All,
    events: All if WithEvents,
    execute: ByOperations,
    fetch: All,
    form: Partly,
    idempotency: ByOperations,
    multipart: Partly,
    multipart_fields: Partly,
    multipart_values: Partly,
    object: Partly,
    pages: Partly if WithPagination,
    params: Partly,
    raw_response: All,
    redact: All,
    request: Partly,
    request_params: Partly,
    retry: All,
    serde_helpers: All,
    server_url: All,
    sse: All if WithEvents,
    style: Partly,
    token: All,
    transport_error: All,
    upload: Partly,
    xml: Partly if WithXml,
};

/// The names of every runtime file a generated crate may carry under `src/` (each the same in
/// every crate that carries it, whatever the spec).
pub fn runtime_file_names() -> impl Iterator<Item = &'static str> {
    RUNTIME.iter().map(|file| file.file)
}

/// The runtime files the crate of `api` carries.
pub(crate) fn carried(api: &Api) -> impl Iterator<Item = &'static RuntimeFile> {
    let kinds = CredentialKinds::of(api);
    let events = has_events(api);
    RUNTIME.iter().filter(move |file| match file.carried {
        Carried::WithEvents => events,
        carried => kinds.carry(carried),
    })
}

/// Whether an operation of `api` streams server-sent events: its crate carries the event-stream
/// runtime and depends on `futures-core`.
pub(crate) fn has_events(api: &Api) -> bool {
    api.operations.iter().any(|op| op.events.is_some())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // tests may panic

    use super::*;

    #[test]
    fn every_runtime_template_is_listed_once() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../templates/runtime");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        on_disk.sort();
        let mut listed: Vec<&str> = runtime_file_names().collect();
        listed.sort_unstable();
        assert_eq!(on_disk, listed);
    }
}
