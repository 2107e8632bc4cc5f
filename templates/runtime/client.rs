//! The client and its builder.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use crate::auth::{Credentials, SchemeKind};
use crate::call::Call;
use crate::error::BuildError;
use crate::redact::{self, Secret};
use crate::request::RequestBuilder;
use crate::retry::RetryPolicy;
use crate::server_url::{self, BaseUrl};
use crate::servers::SERVERS;
use crate::token::{OAuth2RefreshToken, RefreshingProvider, TokenProvider};

/// The time limit of one attempt, from connecting to the last byte of the response body, unless
/// configured otherwise: 60 seconds. Generous for JSON calls that normally answer in well under
/// a second, yet a hung connection fails (and is retried) instead of hanging the caller forever.
/// Each retry gets a fresh limit.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// The time limit for opening a connection (TCP and TLS) unless configured otherwise: 10
/// seconds. A healthy handshake takes well under a second even across continents; an
/// unreachable host should fail fast so the retry can try a fresh connection.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// The user-agent sent with every request unless the builder sets another: this crate's name and
/// version.
pub const DEFAULT_USER_AGENT: &str =
    concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));

/// The most redirects within the API's origin a request follows before it fails: 10, as
/// browsers and reqwest allow.
pub const MAX_REDIRECTS: usize = 10;

/// A client for the API. Cloning is cheap: clones share one connection pool and one configuration.
///
/// Build one with [`Client::builder`]; every operation of the API is a method on it.
#[derive(Clone)]
pub struct Client {
    /// Read directly by the other runtime modules: every method name on `Client` is one an
    /// operation cannot have, so the runtime adds as few as it can.
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    http: reqwest::Client,
    base_url: String,
    /// `base_url` parsed, when building request URLs can start from it (see `parse_base`).
    pub(crate) parsed_base_url: Option<reqwest::Url>,
    /// The base URL of every [`crate::Server`], indexed by the variant.
    servers: Box<[Arc<BaseUrl>]>,
    pub(crate) credentials: Credentials,
    default_headers: HeaderMap,
    user_agent: HeaderValue,
    /// `default_headers` with `user_agent` unless they name one: what [`Client::base_headers`]
    /// returns, made once.
    base_headers: HeaderMap,
    pub(crate) retry: RetryPolicy,
    pub(crate) timeout: Duration,
    /// The largest response body a call buffers.
    pub(crate) max_response_body: u64,
    /// The header that carries a fresh idempotency key on each non-idempotent call, when set.
    pub(crate) idempotency_key_header: Option<HeaderName>,
}

impl Client {
    /// Starts configuring a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The base URL that operation paths are appended to, without a trailing slash: the
    /// default server's.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// The base URL of `server` in this client, without a trailing slash: the one set with
    /// [`ClientBuilder::server_url`] or [`ClientBuilder::all_servers_url`], else the API
    /// description's with its variables substituted.
    pub fn server_url(&self, server: crate::Server) -> &str {
        match self.inner.servers.get(server as usize) {
            Some(base) => &base.text,
            None => &self.inner.base_url,
        }
    }

    pub(crate) fn call<T, E>(
        &self,
        mut request: RequestBuilder,
        decode: crate::call::Decoder<T, E>,
    ) -> Call<'_, T, E> {
        if let Some(server) = request.server {
            request.server_base = self.inner.servers.get(server as usize).cloned();
        }
        Call::new(self, request, decode)
    }

    pub(crate) fn http(&self) -> &reqwest::Client {
        &self.inner.http
    }

    /// The headers every request starts from: the defaults and the user-agent. Credentials are
    /// added per attempt, for the operations that take them.
    pub(crate) fn base_headers(&self) -> &HeaderMap {
        &self.inner.base_headers
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("servers", &self.inner.servers)
            .field("credentials", &self.inner.credentials)
            .field(
                "default_headers",
                &redact::Headers(&self.inner.default_headers),
            )
            .field("user_agent", &self.inner.user_agent)
            .field("retry", &self.inner.retry)
            .field("timeout", &self.inner.timeout)
            .field("max_response_body", &self.inner.max_response_body)
            .field("idempotency_key_header", &self.inner.idempotency_key_header)
            .finish_non_exhaustive()
    }
}

/// Configures a [`Client`]. Every setting has a default, so `Client::builder().build()` works
/// whenever the API description names an absolute server and gives every server variable a
/// default; otherwise `build` says which setting is missing.
///
/// Credentials go only to the operations whose security requirements name a scheme they fit
/// ([`crate::SECURITY_SCHEMES`]); an operation declared with `security: []` gets none.
///
/// # Redirects
///
/// A redirect is followed only while it stays at the origin (scheme, host and port) of the
/// request, up to [`MAX_REDIRECTS`] times, with every credential and default header. A redirect
/// to another origin is not followed: the 3xx response comes back as the call's result (as the
/// operation's documented error when it documents that status, else
/// [`Error::UnexpectedStatus`](crate::Error::UnexpectedStatus)), and
/// [`Error::redirect_location`](crate::Error::redirect_location) gives its `Location`. That is
/// the only rule that keeps every credential at home: an API key in the query string or a
/// cookie cannot be taken off a redirect, and a default header may be a secret the client
/// cannot recognise. Fetch such a URL with
/// [`Client::fetch_without_credentials`](crate::Client::fetch_without_credentials), or with a
/// request of your own. No request carries a `Referer`, so a URL with a key in it is never
/// repeated to anyone.
#[derive(Default)]
pub struct ClientBuilder {
    /// URLs set for single servers, by [`crate::Server`] index (the default server is 0).
    server_urls: BTreeMap<usize, String>,
    all_servers_url: Option<String>,
    server_variables: BTreeMap<&'static str, String>,
    credentials: Credentials,
    oauth2: Option<OAuth2RefreshToken>,
    default_headers: Vec<(String, String)>,
    user_agent: Option<String>,
    http: Option<reqwest::Client>,
    retry: RetryPolicy,
    timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    max_response_body: Option<u64>,
    idempotency_key_header: Option<String>,
}

impl ClientBuilder {
    /// Sets the base URL of the default server ([`Server::Default`](crate::Server::Default)),
    /// for example a staging server or a local mock; operation paths are appended to it.
    /// Defaults to the first absolute server the API description lists
    /// ([`DEFAULT_BASE_URL`](crate::DEFAULT_BASE_URL)). Operations that name a server of their
    /// own are not affected: see [`server_url`](Self::server_url) and
    /// [`all_servers_url`](Self::all_servers_url).
    pub fn base_url(self, url: impl Into<String>) -> Self {
        self.server_url(crate::Server::Default, url)
    }

    /// Sets the base URL of one server the API description names, such as an upload host, for
    /// example to reach a sandbox, a proxy or a mock. It replaces the server's whole URL (its
    /// variables do not apply) and takes precedence over
    /// [`all_servers_url`](Self::all_servers_url).
    pub fn server_url(mut self, server: crate::Server, url: impl Into<String>) -> Self {
        self.server_urls.insert(server as usize, url.into());
        self
    }

    /// Sends every operation to `url`, whichever server the API description gives it: for a
    /// mock or test server that serves every path of the description under one host (as Prism
    /// does). Operation paths are appended to `url` as `paths` writes them; the servers' own path
    /// parts (`/v2`) are not kept. [`server_url`](Self::server_url) and
    /// [`base_url`](Self::base_url) still win for the server they name.
    pub fn all_servers_url(mut self, url: impl Into<String>) -> Self {
        self.all_servers_url = Some(url.into());
        self
    }

    /// Sets the `{name}` variable of the server URLs that use it. The generated methods named
    /// after each variable call this.
    #[allow(
        dead_code,
        reason = "only APIs whose server URLs have variables call it"
    )]
    pub(crate) fn server_variable(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.server_variables.insert(name, value.into());
        self
    }

    /// Sends `Authorization: Bearer <token>` to every operation that accepts a bearer, OAuth2 or
    /// OpenID Connect scheme. Both a personal access token and an OAuth2 access token travel
    /// this way. A [`token_provider`](Self::token_provider) takes precedence.
    pub fn bearer_token(mut self, token: impl Into<String>) -> Self {
        self.credentials.bearer_token = Some(Secret(token.into()));
        self
    }

    /// Asks `provider` for the bearer token before each attempt, for tokens that rotate or
    /// expire. On a 401 the client tells the provider the token was rejected, asks again and
    /// retries once. A closure works: `.token_provider(|| async { Ok(fetch().await?) })`.
    pub fn token_provider(mut self, provider: impl TokenProvider + 'static) -> Self {
        self.credentials.token_provider = Some(Arc::new(provider));
        self.oauth2 = None;
        self
    }

    /// Uses the built-in OAuth2 refresh-token provider: access tokens are fetched from the token
    /// endpoint with the refresh token, cached until shortly before they expire, refreshed once
    /// for all concurrent callers, and refreshed again after a 401. See [`OAuth2RefreshToken`].
    pub fn oauth2_refresh_token(mut self, provider: OAuth2RefreshToken) -> Self {
        self.oauth2 = Some(provider);
        self.credentials.token_provider = None;
        self
    }

    /// Sends `Authorization: Basic …` to every operation that accepts an HTTP basic scheme.
    pub fn basic_auth(mut self, username: impl Into<String>, password: impl Into<String>) -> Self {
        self.credentials.basic = Some((username.into(), Secret(password.into())));
        self
    }

    /// Sends `key` to every operation that accepts an apiKey scheme, in the header, query
    /// parameter or cookie the scheme names. [`api_key_for`](Self::api_key_for) overrides it for
    /// one scheme.
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.credentials.api_key = Some(Secret(key.into()));
        self
    }

    /// Sends `Authorization: <Scheme> <credentials>` to every operation that accepts the HTTP
    /// authentication scheme named `scheme` in the API description (one other than bearer and
    /// basic, such as `DSN`): `<Scheme>` is the name the description gives, `credentials` are
    /// sent as given.
    pub fn authorization_for(
        mut self,
        scheme: impl Into<String>,
        credentials: impl Into<String>,
    ) -> Self {
        self.credentials
            .http
            .insert(scheme.into(), Secret(credentials.into()));
        self
    }

    /// Sends `key` for the apiKey scheme named `scheme` in the API description, for APIs with
    /// several keys.
    pub fn api_key_for(mut self, scheme: impl Into<String>, key: impl Into<String>) -> Self {
        self.credentials
            .scheme_api_keys
            .insert(scheme.into(), Secret(key.into()));
        self
    }

    /// The time limit of each attempt, from connecting to the last body byte (default
    /// [`DEFAULT_TIMEOUT`]). [`Call::timeout`](crate::Call::timeout) overrides it per call.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// The time limit for opening a connection (default [`DEFAULT_CONNECT_TIMEOUT`]). It
    /// belongs to the connection pool, so it applies to the HTTP client this builder creates,
    /// not to one given with [`http_client`](Self::http_client).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// How many times a failed attempt is retried (default
    /// [`DEFAULT_MAX_RETRIES`](crate::DEFAULT_MAX_RETRIES)); 0 turns retries off.
    /// [`Call::max_retries`](crate::Call::max_retries) overrides it per call.
    ///
    /// Retried, for GET, HEAD, PUT, DELETE, OPTIONS and TRACE and for calls with an idempotency
    /// key ([`idempotency_key_header`](Self::idempotency_key_header)): connection failures,
    /// timeouts, a connection dropped while the body arrives, and HTTP 408, 429, 500, 502, 503
    /// and 504. For POST, PATCH and the other methods, only what shows the server did not act
    /// on the request: a connection that could not be made, and HTTP 408, 429 and 503. Only
    /// requests whose body can be sent again are retried.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.retry.max_retries = retries;
        self
    }

    /// The backoff before retries: `initial` before the first, doubling after each, at most
    /// `max`, each shortened by a random amount of up to a quarter (defaults
    /// [`DEFAULT_INITIAL_BACKOFF`](crate::DEFAULT_INITIAL_BACKOFF) and
    /// [`DEFAULT_MAX_BACKOFF`](crate::DEFAULT_MAX_BACKOFF)). A server's `Retry-After` replaces it.
    pub fn retry_backoff(mut self, initial: Duration, max: Duration) -> Self {
        self.retry.initial_backoff = initial;
        self.retry.max_backoff = max;
        self
    }

    /// The longest `Retry-After` (or `retry-after-ms`) the client waits for (default
    /// [`DEFAULT_MAX_RETRY_AFTER`](crate::DEFAULT_MAX_RETRY_AFTER)). When a server asks for a
    /// longer wait, the error is returned at once instead.
    pub fn max_retry_after(mut self, max: Duration) -> Self {
        self.retry.max_retry_after = max;
        self
    }

    /// Also retries HTTP 409 Conflict. Off by default: in most APIs 409 means the request
    /// conflicts with the resource's current state, which the same request meets again; turn
    /// it on for an API that documents 409 as a transient lock or concurrency failure.
    pub fn retry_on_conflict(mut self, retry: bool) -> Self {
        self.retry.retry_conflict = retry;
        self
    }

    /// Makes POST, PATCH and other non-idempotent calls safe to retry on an API that supports
    /// idempotency keys (Stripe's `Idempotency-Key`, for example): each such call sends a fresh
    /// random key in header `name`, the same key on every retry of that call, and is then
    /// retried like a GET. Without it, such a call is retried only when the server cannot have
    /// acted on it (see [`max_retries`](Self::max_retries)).
    /// [`Call::idempotency_key`](crate::Call::idempotency_key) sets the key of one call.
    pub fn idempotency_key_header(mut self, name: impl Into<String>) -> Self {
        self.idempotency_key_header = Some(name.into());
        self
    }

    /// The largest response body a call reads into memory, in bytes (default
    /// [`DEFAULT_MAX_RESPONSE_BODY`](crate::DEFAULT_MAX_RESPONSE_BODY), 100 MiB). A larger body
    /// fails the call with [`Error::ResponseTooLarge`](crate::Error::ResponseTooLarge) as soon as
    /// its `Content-Length`, or the bytes read so far, pass the limit, so it is never held
    /// whole. It applies to error bodies too, and not to a body read as a stream
    /// ([`Call::send_streaming`](crate::Call::send_streaming)).
    pub fn max_response_body(mut self, bytes: u64) -> Self {
        self.max_response_body = Some(bytes);
        self
    }

    /// Adds a header to every request, for example a client id the API asks for. A later call
    /// with the same name replaces the earlier value. Invalid names or values are reported by
    /// [`build`](Self::build).
    pub fn default_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.default_headers.push((name.into(), value.into()));
        self
    }

    /// Replaces the user-agent, which defaults to [`DEFAULT_USER_AGENT`].
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// Uses an existing `reqwest::Client`, for its connection pool, proxy or TLS settings.
    ///
    /// Its redirect policy and `Referer` setting are its own, so build it with
    /// `.redirect(ClientBuilder::redirect_policy()).referer(false)` to keep this client's rules
    /// (see [Redirects](Self#redirects)); reqwest's default follows redirects to any host with
    /// every header but `Authorization` and `Cookie`.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// The redirect policy of the HTTP client this builder creates: follow a redirect only while
    /// it stays at the origin (scheme, host and port) the request was sent to, at most
    /// [`MAX_REDIRECTS`] times; return a redirect to another origin as it is. For a
    /// `reqwest::Client` of your own given to [`http_client`](Self::http_client).
    pub fn redirect_policy() -> reqwest::redirect::Policy {
        reqwest::redirect::Policy::custom(|attempt| {
            let leaves = attempt
                .previous()
                .first()
                .is_none_or(|first| !same_origin(first, attempt.url()));
            if leaves {
                attempt.stop()
            } else if attempt.previous().len() > MAX_REDIRECTS {
                attempt.error(format!("more than {MAX_REDIRECTS} redirects"))
            } else {
                attempt.follow()
            }
        })
    }

    /// Checks the settings and builds the client.
    pub fn build(self) -> Result<Client, BuildError> {
        self.build_with(crate::SECURITY_SCHEMES)
    }

    /// [`build`](Self::build) against the given scheme table.
    fn build_with(self, schemes: &[crate::auth::SecurityScheme]) -> Result<Client, BuildError> {
        let mut servers = Vec::with_capacity(SERVERS.len());
        for (index, server) in SERVERS.iter().enumerate() {
            let url = match self
                .server_urls
                .get(&index)
                .or(self.all_servers_url.as_ref())
            {
                Some(url) => url.clone(),
                None => server_url::resolve(server, &self.server_variables)?,
            };
            let what = match index {
                0 => "base URL".to_owned(),
                _ => format!("server `{}` URL", server.name),
            };
            servers.push(Arc::new(BaseUrl::new(&url, &what)?));
        }
        let Some(default) = servers.first() else {
            return Err(BuildError::new("internal: the API has no default server"));
        };
        let (base_url, parsed_base_url) = (default.text.clone(), default.parsed.clone());
        let mut default_headers = HeaderMap::new();
        for (name, value) in self.default_headers {
            let header_name = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| BuildError::new(format!("invalid header name `{name}`")))?;
            let mut header_value = HeaderValue::from_str(&value)
                .map_err(|_| BuildError::new(format!("invalid value for header `{name}`")))?;
            header_value.set_sensitive(redact::is_secret_header(&header_name));
            default_headers.insert(header_name, header_value);
        }
        let user_agent = self.user_agent.as_deref().unwrap_or(DEFAULT_USER_AGENT);
        let user_agent = HeaderValue::from_str(user_agent)
            .map_err(|_| BuildError::new(format!("invalid user-agent `{user_agent}`")))?;
        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder()
                .connect_timeout(self.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT))
                .redirect(Self::redirect_policy())
                .referer(false)
                .build()
                .map_err(|e| BuildError::new(format!("HTTP client: {e}")))?,
        };
        let timeout = self.timeout.unwrap_or(DEFAULT_TIMEOUT);
        let idempotency_key_header = match self.idempotency_key_header {
            Some(name) => Some(HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
                BuildError::new(format!("invalid idempotency key header name `{name}`"))
            })?),
            None => None,
        };
        let mut credentials = self.credentials;
        check_credentials(&credentials, self.oauth2.is_some(), schemes)?;
        credentials.bearer_header = credentials
            .bearer_token
            .as_ref()
            .and_then(|token| crate::auth::bearer_header(&token.0).ok());
        if let Some(settings) = self.oauth2 {
            let token_url = settings
                .token_url
                .clone()
                .or_else(|| crate::OAUTH2_TOKEN_URL.map(str::to_owned))
                .ok_or_else(|| {
                    BuildError::new(
                        "OAuth2 refresh token: the API description names no token URL, so set \
                         one with `OAuth2RefreshToken::token_url`",
                    )
                })?;
            reqwest::Url::parse(&token_url)
                .map_err(|e| BuildError::new(format!("OAuth2 token URL `{token_url}`: {e}")))?;
            credentials.token_provider = Some(Arc::new(RefreshingProvider::new(
                settings,
                token_url,
                http.clone(),
                timeout,
            )));
        }
        let mut base_headers = default_headers.clone();
        base_headers
            .entry(reqwest::header::USER_AGENT)
            .or_insert_with(|| user_agent.clone());
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                parsed_base_url,
                base_url,
                servers: servers.into_boxed_slice(),
                credentials,
                default_headers,
                user_agent,
                base_headers,
                retry: self.retry,
                timeout,
                max_response_body: self
                    .max_response_body
                    .unwrap_or(crate::DEFAULT_MAX_RESPONSE_BODY),
                idempotency_key_header,
            }),
        })
    }
}

/// Whether two URLs share an origin: scheme, host and port (the scheme's default when absent).
fn same_origin(a: &reqwest::Url, b: &reqwest::Url) -> bool {
    a.scheme() == b.scheme()
        && a.host_str() == b.host_str()
        && a.port_or_known_default() == b.port_or_known_default()
}

/// Refuses credentials the API description gives no way to send, so a typo or a wrong method is
/// an error at build time rather than a silent 401 later.
fn check_credentials(
    credentials: &Credentials,
    oauth2: bool,
    schemes: &[crate::auth::SecurityScheme],
) -> Result<(), BuildError> {
    let has = |wanted: fn(&SchemeKind) -> bool| schemes.iter().any(|s| wanted(&s.kind));
    let bearer =
        credentials.bearer_token.is_some() || credentials.token_provider.is_some() || oauth2;
    if bearer
        && !has(|k| {
            matches!(
                k,
                SchemeKind::Bearer | SchemeKind::OAuth2 { .. } | SchemeKind::OpenIdConnect
            )
        })
    {
        return Err(BuildError::new(
            "a bearer token or token provider is set, but the API description declares no \
             bearer, OAuth2 or OpenID Connect scheme",
        ));
    }
    if credentials.basic.is_some() && !has(|k| matches!(k, SchemeKind::Basic)) {
        return Err(BuildError::new(
            "basic auth is set, but the API description declares no HTTP basic scheme",
        ));
    }
    if credentials.api_key.is_some() && !has(|k| matches!(k, SchemeKind::ApiKey { .. })) {
        return Err(BuildError::new(
            "an API key is set, but the API description declares no apiKey scheme",
        ));
    }
    for scheme in credentials.scheme_api_keys.keys() {
        let known = schemes
            .iter()
            .any(|s| s.key == scheme && matches!(s.kind, SchemeKind::ApiKey { .. }));
        if !known {
            return Err(BuildError::new(format!(
                "`{scheme}` is not an apiKey scheme of the API description"
            )));
        }
    }
    for scheme in credentials.http.keys() {
        let known = schemes
            .iter()
            .any(|s| s.key == scheme && matches!(s.kind, SchemeKind::Http { .. }));
        if !known {
            return Err(BuildError::new(format!(
                "`{scheme}` is not an HTTP authentication scheme (other than bearer and basic) \
                 of the API description"
            )));
        }
    }
    Ok(())
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut headers = HeaderMap::new();
        for (name, value) in &self.default_headers {
            if let (Ok(name), Ok(value)) = (
                HeaderName::from_bytes(name.as_bytes()),
                HeaderValue::from_str(value),
            ) {
                headers.insert(name, value);
            }
        }
        f.debug_struct("ClientBuilder")
            .field("server_urls", &self.server_urls)
            .field("all_servers_url", &self.all_servers_url)
            .field("server_variables", &self.server_variables)
            .field("credentials", &self.credentials)
            .field("oauth2", &self.oauth2)
            .field("default_headers", &redact::Headers(&headers))
            .field("user_agent", &self.user_agent)
            .field("retry", &self.retry)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("max_response_body", &self.max_response_body)
            .field("idempotency_key_header", &self.idempotency_key_header)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_token() {
        let builder = Client::builder()
            .all_servers_url("http://localhost:1")
            .bearer_token("tok-123")
            .default_header("Authorization", "Bearer other-456");
        assert!(!format!("{builder:?}").contains("123"));
        assert!(!format!("{builder:?}").contains("456"));
        // Built with every kind of credential, whatever schemes this API declares.
        let mut builder = builder.basic_auth("user", "pw-789").api_key("key-012");
        builder.credentials.token_provider = Some(Arc::new(|| async {
            Ok::<_, crate::BoxError>("provided-345".to_owned())
        }));
        let schemes = [
            crate::auth::SecurityScheme {
                key: "pat",
                kind: SchemeKind::Bearer,
            },
            crate::auth::SecurityScheme {
                key: "basic",
                kind: SchemeKind::Basic,
            },
            crate::auth::SecurityScheme {
                key: "key",
                kind: SchemeKind::ApiKey {
                    location: crate::auth::ApiKeyLocation::Header,
                    name: "x-key",
                },
            },
        ];
        let client = builder.build_with(&schemes).unwrap();
        let shown = format!("{client:?}");
        for secret in ["tok-123", "other-456", "pw-789", "key-012", "provided-345"] {
            assert!(!shown.contains(secret), "{shown}");
        }
        assert!(shown.contains("localhost"), "{shown}");
    }

    #[test]
    fn credentials_need_a_scheme_that_carries_them() {
        use crate::auth::{ApiKeyLocation, SecurityScheme};
        let bearer = [SecurityScheme {
            key: "pat",
            kind: SchemeKind::Bearer,
        }];
        let key = [SecurityScheme {
            key: "key",
            kind: SchemeKind::ApiKey {
                location: ApiKeyLocation::Header,
                name: "x-key",
            },
        }];
        let check = |builder: ClientBuilder, schemes: &[SecurityScheme]| {
            check_credentials(&builder.credentials, builder.oauth2.is_some(), schemes)
        };
        assert!(check(Client::builder().bearer_token("t"), &bearer).is_ok());
        assert!(check(Client::builder().bearer_token("t"), &key).is_err());
        assert!(check(Client::builder().api_key("k"), &key).is_ok());
        assert!(check(Client::builder().api_key_for("key", "k"), &key).is_ok());
        let dsn = [SecurityScheme {
            key: "dsn",
            kind: SchemeKind::Http { scheme: "DSN" },
        }];
        assert!(check(Client::builder().authorization_for("dsn", "d"), &dsn).is_ok());
        let error = check(Client::builder().authorization_for("key", "d"), &key).unwrap_err();
        assert!(error.to_string().contains("`key`"), "{error}");
        let error = check(Client::builder().api_key_for("pat", "k"), &bearer).unwrap_err();
        assert!(error.to_string().contains("`pat`"), "{error}");
        assert!(check(Client::builder().basic_auth("u", "p"), &key).is_err());
        let oauth = Client::builder().oauth2_refresh_token(OAuth2RefreshToken::new("i", "s", "r"));
        assert!(check(oauth, &key).is_err());
    }

    #[test]
    fn bad_settings_are_reported_by_build() {
        // Every test client points all servers somewhere, whatever variables this API's URLs need.
        let builder = || Client::builder().all_servers_url("http://localhost");
        let error = builder().base_url("not a url").build().unwrap_err();
        assert!(error.to_string().contains("not a url"), "{error}");
        let error = builder().base_url("ftp://example.com").build().unwrap_err();
        assert!(error.to_string().contains("not an http"), "{error}");
        let error = Client::builder()
            .all_servers_url("http://localhost")
            .default_header("bad header", "x")
            .build()
            .unwrap_err();
        assert!(error.to_string().contains("bad header"), "{error}");
        let error = Client::builder()
            .all_servers_url("http://localhost")
            .default_header("x-ok", "line\nbreak")
            .build()
            .unwrap_err();
        assert!(error.to_string().contains("x-ok"), "{error}");
    }

    #[test]
    fn origins_differ_by_scheme_host_or_port() {
        let url = |s: &str| reqwest::Url::parse(s).unwrap();
        let api = url("https://api.example.com/v1/files");
        assert!(same_origin(
            &api,
            &url("https://api.example.com:443/other?x=1")
        ));
        assert!(!same_origin(&api, &url("http://api.example.com/v1/files")));
        assert!(!same_origin(&api, &url("https://cdn.example.com/v1/files")));
        assert!(!same_origin(
            &api,
            &url("https://api.example.com:8443/v1/files")
        ));
    }

    #[test]
    fn a_bad_idempotency_key_header_is_reported_by_build() {
        let error = Client::builder()
            .all_servers_url("http://localhost")
            .idempotency_key_header("bad name")
            .build()
            .unwrap_err();
        assert!(error.to_string().contains("bad name"), "{error}");
    }

    #[test]
    fn trailing_slash_is_trimmed() {
        let client = Client::builder()
            .all_servers_url("http://localhost")
            .base_url("http://localhost:8080/v3/")
            .build()
            .unwrap();
        assert_eq!(client.base_url(), "http://localhost:8080/v3");
    }
}
