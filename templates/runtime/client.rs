//! The client and its builder's settings. The builder's methods are in `client_builder` (the
//! connection and retry settings), `client_build` (`build`) and the `auth_*` files (the
//! credentials, each kind in its own file).

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use crate::auth::Credentials;
use crate::call::Call;
use crate::redact;
use crate::request::RequestBuilder;
use crate::retry::RetryPolicy;
use crate::server_url::BaseUrl;
use crate::token::PendingProvider;

/// The time limit of one attempt, from connecting to the last byte of the response body, unless
/// configured otherwise: 60 seconds. Generous for JSON calls that normally answer in well under
/// a second, yet a hung connection fails (and is retried) instead of hanging the caller forever.
/// Each retry gets a fresh limit.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// The time limit for opening a connection (TCP and TLS) unless configured otherwise: 10
/// seconds. A healthy handshake takes well under a second even across continents; an
/// unreachable host should fail fast so the retry can try a fresh connection.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

pub use crate::DEFAULT_USER_AGENT;

/// The most redirects within the API's origin a request follows before it fails: 10, as
/// browsers and reqwest allow.
pub const MAX_REDIRECTS: usize = 10;

/// The runtime's client: the connection pool, the configuration and the credentials. Cloning is
/// cheap: clones share them.
///
/// The API crate's `Client` wraps it (the operations are methods of that one) and dereferences to
/// it, so these methods are the API client's too.
#[derive(Clone)]
pub struct Client {
    /// Read directly by the other runtime modules: every method name on `Client` is one an
    /// operation cannot have, so the runtime adds as few as it can.
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) http: reqwest::Client,
    pub(crate) base_url: String,
    /// `base_url` parsed, when building request URLs can start from it (see `parse_base`).
    pub(crate) parsed_base_url: Option<reqwest::Url>,
    /// The base URL of every [`crate::Server`], indexed by the variant.
    pub(crate) servers: Box<[Arc<BaseUrl>]>,
    pub(crate) credentials: Credentials,
    pub(crate) default_headers: HeaderMap,
    pub(crate) user_agent: HeaderValue,
    /// `default_headers` with `user_agent` unless they name one: what [`Client::base_headers`]
    /// returns, made once.
    pub(crate) base_headers: HeaderMap,
    pub(crate) retry: RetryPolicy,
    pub(crate) timeout: Duration,
    /// The largest response body a call buffers.
    pub(crate) max_response_body: u64,
    /// The header that carries a fresh idempotency key on each non-idempotent call, when set.
    pub(crate) idempotency_key_header: Option<HeaderName>,
}

impl Client {
    /// Starts configuring a client of the runtime's own (the API crate's `Client::builder`
    /// starts one of the API's).
    #[cfg(test)]
    pub(crate) fn builder() -> ClientBuilder<Client> {
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

    /// Starts the call of an operation: what the API crate's operation methods return.
    #[doc(hidden)]
    pub fn call<T, E>(
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
///
/// `C` is the client it builds: the API crate's `Client`, which wraps this runtime's.
pub struct ClientBuilder<C> {
    /// URLs set for single servers, by [`crate::Server`] index (the default server is 0).
    pub(crate) server_urls: BTreeMap<usize, String>,
    pub(crate) all_servers_url: Option<String>,
    pub(crate) server_variables: BTreeMap<&'static str, String>,
    pub(crate) credentials: Credentials,
    /// The built-in OAuth2 provider's settings, started by `build` with the HTTP client.
    pub(crate) oauth2: Option<Box<dyn PendingProvider>>,
    pub(crate) default_headers: Vec<(String, String)>,
    pub(crate) user_agent: Option<String>,
    pub(crate) http: Option<reqwest::Client>,
    pub(crate) retry: RetryPolicy,
    pub(crate) timeout: Option<Duration>,
    pub(crate) connect_timeout: Option<Duration>,
    pub(crate) max_response_body: Option<u64>,
    pub(crate) idempotency_key_header: Option<String>,
    client: PhantomData<fn() -> C>,
}

impl<C> Default for ClientBuilder<C> {
    fn default() -> Self {
        Self {
            server_urls: BTreeMap::new(),
            all_servers_url: None,
            server_variables: BTreeMap::new(),
            credentials: Credentials::default(),
            oauth2: None,
            default_headers: Vec::new(),
            user_agent: None,
            http: None,
            retry: RetryPolicy::default(),
            timeout: None,
            connect_timeout: None,
            max_response_body: None,
            idempotency_key_header: None,
            client: PhantomData,
        }
    }
}

impl<C> fmt::Debug for ClientBuilder<C> {
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
