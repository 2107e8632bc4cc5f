//! Stage 2's output: the intermediate representation.
//!
//! Plain data, independent of `openapiv3`: every `$ref` is resolved, every type has its final
//! Rust name and an id ([`TypeId`], its index in [`Api::types`]) that references use, every
//! identifier is valid Rust, and every decision is made: which types and error enums are shared,
//! which responses are successes, how each parameter and body is encoded. `emit` reads only this
//! and prints it. Print it with `{:#?}` (or `cargo xtask ir`) to see what the generator understood.
//!
//! [`Api`] holds the servers, security schemes, named types (`types.rs`: [`TypeDef`] by
//! [`TypeId`], referred to by [`TypeRef`]) and operations (`operations.rs` and `body.rs`: [`Operation`] with its
//! parameters, body, responses and error enum).

mod body;
mod operations;
mod types;

pub use body::*;
pub use operations::*;
pub use types::*;

/// A whole API, ready to emit.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    /// `info.title`.
    pub title: String,
    /// `info.version`.
    pub version: String,
    /// `info.description`.
    pub description: Option<String>,
    /// The default server's URL with every variable at its default: the client's default base
    /// URL, when the description names an absolute server and its variables all have defaults.
    pub default_base_url: Option<String>,
    /// The servers requests can go to: the default server (the document's first absolute
    /// server) first, then every other server an operation or path item names, in order of
    /// appearance. Each is a variant of the generated `Server` enum.
    pub servers: Vec<Server>,
    /// The variables of the servers' URLs, one builder option per distinct name.
    pub server_variables: Vec<ServerVariable>,
    /// `components.securitySchemes`, in document order.
    pub security_schemes: Vec<SecurityScheme>,
    /// Named types: component schemas first, then inline schemas in the order they were met.
    /// A [`TypeId`] is an index into this list.
    pub types: Vec<TypeDef>,
    /// Operations in document order (paths, then methods in the order get, put, post, delete,
    /// options, head, patch, trace).
    pub operations: Vec<Operation>,
    /// Constructs that were skipped, each naming its node; shown to the user as warnings.
    pub warnings: Vec<Warning>,
    /// The crate's Cargo features, one per group of operations (a tag, or the first
    /// meaningful path segment of an untagged operation), in name order; empty when the
    /// crate is not split (see `configure::features`).
    pub features: Vec<Feature>,
    /// The webhooks (OpenAPI 3.1) whose JSON payload has a type, in document order: requests
    /// the API sends to the user's server, each named in the crate's `webhooks` module.
    pub webhooks: Vec<Webhook>,
}

/// A webhook: a request the API sends to the user's server, and the type of its JSON body.
#[derive(Debug, Clone, PartialEq)]
pub struct Webhook {
    /// Its key under `webhooks` (`balancePlatform.transfer.created`).
    pub key: String,
    /// The name of its payload alias in the `webhooks` module (`BalancePlatformTransferCreated`).
    pub name: String,
    /// The HTTP method the API sends it with (`POST`).
    pub method: String,
    /// The media type of its body (`application/json`).
    pub media_type: String,
    /// Its summary and description.
    pub docs: Option<String>,
    /// The type of its body.
    pub payload: TypeRef,
    /// Its JSON pointer in the document.
    pub pointer: String,
    /// For a callback (a webhook an operation sets up): the operation and where the request
    /// goes.
    pub callback: Option<Callback>,
}

/// Where a callback comes from: an operation's `callbacks`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Callback {
    /// The operation's `operationId`, else its method and path (`POST /streams`).
    pub operation: String,
    /// The operation's JSON pointer (its [`Operation::pointer`]).
    pub operation_pointer: String,
    /// The runtime expression of the URL it is sent to (`{$request.query.callbackUrl}/data`).
    pub expression: String,
}

/// A Cargo feature of the generated crate: the operations of one group, and the types only
/// they use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feature {
    /// The feature's name (kebab-case).
    pub name: String,
    /// What the operations share: `tag `Payment Intents`` or `path segment `customers``.
    pub group: String,
    /// How many operations it compiles.
    pub operations: usize,
}

/// A server requests can go to.
#[derive(Debug, Clone, PartialEq)]
pub struct Server {
    /// The variant of the generated `Server` enum (`Default` for the default server).
    pub name: String,
    /// The URL, with `{variable}`s and without a trailing `/`; `None` for a default server the
    /// description does not name (no servers, or only relative ones). An operation's server may
    /// be an absolute path (`/`, `/internal/v1`): the client takes it on the default server's
    /// origin (scheme, host and port) when it is built.
    pub url: Option<String>,
    /// The server's `description`.
    pub description: Option<String>,
    /// The other URLs of the `servers` list it was first met in, as written: choices a user can
    /// give to `server_url` (or `base_url`).
    pub alternatives: Vec<String>,
    /// JSON pointer of the server where it was first met.
    pub pointer: String,
    /// The variables in `url`, in order of appearance.
    pub variables: Vec<ServerVariableUse>,
}

impl Server {
    /// For a server the description names no absolute URL for: the path it gives instead
    /// (Swagger 2.0's `basePath` without a `host`, a 3.x `servers: [{url: /v1}]`), which the
    /// URL a user sets must include (`https://host/v1`).
    pub fn relative_path(&self) -> Option<&str> {
        if self.url.is_some() {
            return None;
        }
        self.alternatives
            .iter()
            .map(|url| url.trim_end_matches('/'))
            .find(|path| path.starts_with('/'))
    }
}

/// A variable as one server uses it.
#[derive(Debug, Clone, PartialEq)]
pub struct ServerVariableUse {
    /// Index into [`Api::server_variables`].
    pub variable: usize,
    /// This server's default for it; `None` when the description gives none (no `variables`
    /// entry, or one without `default`), so the user must set it.
    pub default: Option<String>,
}

/// A variable of the servers' URLs: one builder option, whichever servers use it.
#[derive(Debug, Clone, PartialEq)]
pub struct ServerVariable {
    /// The name in the URL, between braces.
    pub name: String,
    /// The `ClientBuilder` method that sets it.
    pub method_name: String,
    /// The enum of its values, when the description lists them (`enum`); else it is a string.
    pub type_name: Option<String>,
    /// The listed values of every server using it, in order of appearance.
    pub values: Vec<EnumVariant>,
    /// The first `description` given.
    pub description: Option<String>,
}

/// Something the generator skipped on purpose, with the node it concerns.
#[derive(Debug, Clone, PartialEq)]
pub struct Warning {
    /// JSON pointer of the node.
    pub pointer: String,
    /// What was skipped and why.
    pub message: String,
}

/// One security scheme.
#[derive(Debug, Clone, PartialEq)]
pub struct SecurityScheme {
    /// Its key under `components.securitySchemes`.
    pub key: String,
    /// What it asks of the client.
    pub kind: SecurityKind,
    /// Its description.
    pub description: Option<String>,
}

/// How a security scheme carries credentials.
#[derive(Debug, Clone, PartialEq)]
pub enum SecurityKind {
    /// `Authorization: Bearer <token>`.
    Bearer,
    /// `Authorization: Basic <base64(user:password)>`.
    Basic,
    /// An API key in a header, query parameter or cookie.
    ApiKey {
        /// Where the key travels.
        location: ParamLocation,
        /// The header, parameter or cookie name.
        name: String,
    },
    /// OAuth2; the access token travels as a bearer token.
    OAuth2 {
        /// The token endpoint of the first flow that has one.
        token_url: Option<String>,
    },
    /// OpenID Connect; the access token travels as a bearer token.
    OpenIdConnect,
    /// Any other HTTP authentication scheme: `Authorization: <scheme> <credentials>`.
    Http {
        /// The scheme's name as the spec spells it (`DSN`).
        scheme: String,
    },
}
impl Api {
    /// The type a [`TypeId`] names; `None` for an id from another `Api`.
    pub fn get(&self, id: TypeId) -> Option<&TypeDef> {
        self.types.get(id.0)
    }

    /// What `ty` stands for through aliases and boxes: the type a chain of
    /// [`TypeKind::Alias`]es ends at (an alias cycle, which lowering never makes, ends where it
    /// comes back).
    pub fn unaliased<'a>(&'a self, ty: &'a TypeRef) -> &'a TypeRef {
        let mut ty = ty;
        for _ in 0..=self.types.len() {
            ty = match ty {
                TypeRef::Boxed(inner) => inner,
                TypeRef::Named(id) => match self.get(*id).map(|def| &def.kind) {
                    Some(TypeKind::Alias(target)) => target,
                    _ => return ty,
                },
                _ => return ty,
            };
        }
        ty
    }

    /// Whether a value of `ty` holds `format: binary` bytes itself (through options, arrays,
    /// maps, boxes and aliases, not inside another struct or union, which writes its own):
    /// written through the runtime's `BinaryField`, so that JSON carries them as strings.
    pub fn holds_binary(&self, ty: &TypeRef) -> bool {
        // Bounded: an alias of an array of itself would go round for ever (`depth.rs` refuses
        // types nested more than 32 deep).
        let mut ty = self.unaliased(ty);
        for _ in 0..256 {
            ty = match ty {
                TypeRef::Binary => return true,
                TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
                    self.unaliased(inner)
                }
                _ => return false,
            };
        }
        false
    }

    /// Whether a type or request body of the API holds a [`TypeRef::File`]: its crate then
    /// re-exports the runtime's `Upload`.
    pub fn uses_files(&self) -> bool {
        self.types
            .iter()
            .any(|def| def.kind.refs().into_iter().any(holds_file))
            || (self.operations.iter())
                .flat_map(Operation::bodies)
                .any(|body| self.sends_files(body))
    }

    /// Whether a request body has file parts: it is a file (or a list of them), or an object
    /// (through aliases and the alternatives of a `oneOf`) with a file field.
    pub fn sends_files(&self, body: &RequestBody) -> bool {
        fn reaches_file(api: &Api, ty: &TypeRef, depth: usize) -> bool {
            if depth > 32 {
                return false;
            }
            match ty {
                TypeRef::Nullable(inner) | TypeRef::Boxed(inner) => {
                    reaches_file(api, inner, depth + 1)
                }
                TypeRef::Named(id) => match api.get(*id).map(|def| &def.kind) {
                    Some(TypeKind::Struct { .. }) => api
                        .get(*id)
                        .is_some_and(|def| def.kind.refs().into_iter().any(holds_file)),
                    Some(TypeKind::Alias(target)) => reaches_file(api, target, depth + 1),
                    Some(TypeKind::OneOf { variants, .. }) => variants
                        .iter()
                        .any(|variant| reaches_file(api, &variant.ty, depth + 1)),
                    _ => false,
                },
                other => holds_file(other),
            }
        }
        body.payload
            .ty()
            .is_some_and(|ty| reaches_file(self, ty, 0))
    }

    /// The Rust name of the type a [`TypeId`] names (empty for an id from another `Api`).
    pub fn name_of(&self, id: TypeId) -> &str {
        self.get(id).map_or("", |def| def.name.as_str())
    }

    /// The id of the type with this Rust name.
    pub fn type_id(&self, name: &str) -> Option<TypeId> {
        self.types
            .iter()
            .position(|def| def.name == name)
            .map(TypeId)
    }
}

/// A bidirectional-text control character (embedding, override or isolate): rustc denies them
/// in comments (`text_direction_codepoint_in_comment`), and they can make text read other than
/// it runs. `load` drops them from descriptions; `emit` from any text it writes as docs.
pub(crate) fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether `ty` is a [`TypeRef::File`] or holds one in place (options, lists, maps, boxes).
fn holds_file(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::File => true,
        TypeRef::Array(inner)
        | TypeRef::Map(inner)
        | TypeRef::Nullable(inner)
        | TypeRef::Boxed(inner) => holds_file(inner),
        TypeRef::Tuple(items) => items.iter().any(holds_file),
        _ => false,
    }
}
